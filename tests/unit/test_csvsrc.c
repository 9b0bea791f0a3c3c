/* Unit tests of survey/csvsrc.c: delimiters, quoting, line numbers, limits, bad files. */
#include "../../survey/csvsrc.h"
#include "t.h"

void test_csvsrc(void);

typedef struct {
    int records;
    size_t nf[16];
    long line[16];
    char cell[16][64];
} got;

static int collect(void *ctx, const sv_field *f, size_t n, ceo_error *err)
{
    got *g = ctx;
    (void)err;
    if (g->records < 16) {
        g->nf[g->records] = n;
        g->line[g->records] = f[0].line;
        size_t last = n - 1, len = f[last].len < 63 ? f[last].len : 63;
        memcpy(g->cell[g->records], f[last].data, len);
        g->cell[g->records][len] = '\0';
    }
    g->records++;
    return 0;
}

static ceo_status parse(const char *s, got *g, sv_csv_info *info, ceo_error *err)
{
    memset(g, 0, sizeof *g);
    ceo_error_clear(err);
    return sv_csv_read_mem("t.csv", s, strlen(s), NULL, collect, g, info, err);
}

void test_csvsrc(void)
{
    got g;
    sv_csv_info info;
    ceo_error err;

    CHECK(sv_csv_sniff_delimiter("a;b;c\n1;2;3\n", 12) == ';');
    CHECK(sv_csv_sniff_delimiter("a\tb\tc\n1\t2,5\t3\n", 14) == '\t');
    CHECK(sv_csv_sniff_delimiter("\"a;x\",b,c\n1,2,3\n", 16) == ',');
    CHECK(sv_csv_sniff_delimiter("single\nrow\n", 11) == ',');

    /* BOM, CRLF, a quoted field with a line break and a doubled quote, ragged trailing */
    CHECK(parse("\xEF\xBB\xBFid;tekst\r\n1;\"zei \"\"nee\"\"\r\nen ging\"\r\n2;ok;\r\n", &g, &info,
                &err) == CEO_OK);
    CHECK(info.bom == 1 && info.crlf == 1 && info.delimiter == ';');
    CHECK(g.records == 3);
    CHECK_STR(g.cell[1], "zei \"nee\"\r\nen ging");
    CHECK(g.line[1] == 2 && g.line[2] == 4);
    CHECK(g.nf[2] == 3);

    /* no final newline, trailing blank lines, spaces kept */
    CHECK(parse("a,b\n1, x \n\n\n", &g, &info, &err) == CEO_OK && g.records == 2);
    CHECK_STR(g.cell[1], " x ");
    CHECK(parse("a,b\n1,2", &g, &info, &err) == CEO_OK && g.records == 2 &&
          info.final_newline == 0);

    /* an unterminated quote names the line where its record starts */
    CHECK(parse("a,b\n1,2\n3,\"open\nmore\n", &g, &info, &err) == CEO_EDATA);
    CHECK(err.line == 3 && err.column == 2);
    CHECK(strstr(err.message, "never closed") != NULL);

    CHECK(parse("", &g, &info, &err) == CEO_EDATA && strstr(err.message, "empty"));
    CHECK(parse("\xEF\xBB\xBF", &g, &info, &err) == CEO_EDATA);
    CHECK(parse("%PDF-1.4\n", &g, &info, &err) == CEO_EDATA && strstr(err.message, "PDF"));
    CHECK(sv_csv_read_mem("t", "a,b\x00,c\n", 7, NULL, collect, &g, NULL, &err) == CEO_EDATA);

    /* limits: a field or a record too long stops with a location */
    static char big[300000];
    memset(big, 'x', sizeof big - 1);
    memcpy(big, "a,b\n1,", 6);
    sv_csv_options opt = {0, 100000, 0};
    ceo_error_clear(&err);
    CHECK(sv_csv_read_mem("t", big, strlen(big), &opt, collect, &g, NULL, &err) == CEO_EDATA);
    CHECK(err.line == 2 && err.column == 2 && strstr(err.message, "longer than"));
    for (size_t i = 0; i + 1 < sizeof big; i++)
        big[i] = i % 2 ? ',' : 'x';
    big[sizeof big - 1] = '\0';
    ceo_error_clear(&err);
    CHECK(sv_csv_read_mem("t", big, strlen(big), NULL, collect, &g, NULL, &err) == CEO_EDATA);
    CHECK(err.line == 1 && strstr(err.message, "more than"));
}
