/* Unit tests of the CSV reader (survey/csvsrc.c and its files in csvpriv.h): delimiters, quoting,
 * line numbers, limits, bad files. */
#include "../../survey/csvsrc.h"
#include <stdlib.h>

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

    /* Excel's sep= line names the delimiter (even against the sniffer) and is no record */
    CHECK(parse("sep=;\r\na;b\r\n1;2\r\n", &g, &info, &err) == CEO_OK && info.sep_line == 1 &&
          info.delimiter == ';' && info.crlf == 1 && g.records == 2 && g.line[0] == 2 &&
          g.line[1] == 3 && info.lines == 3);
    CHECK(parse("sep=,\na;b,c\n1;2,3\n4;5,6\n", &g, &info, &err) == CEO_OK &&
          info.delimiter == ',' && g.records == 3 && g.nf[0] == 2);
    CHECK_STR(g.cell[0], "c");
    CHECK(parse("sep=\t\na\tb;c\n1\t2;3\n", &g, &info, &err) == CEO_OK && info.delimiter == '\t' &&
          g.records == 2 && g.nf[0] == 2);
    CHECK(parse("SEP=\\t\na\tb\n1\t2\n", &g, &info, &err) == CEO_OK && info.delimiter == '\t' &&
          g.records == 2 && g.nf[1] == 2);
    CHECK(parse("sep=;;;;\na;b;c;d;e\n1;2;3;4;5\n", &g, &info, &err) == CEO_OK &&
          info.sep_line == 1 && g.records == 2 && g.nf[0] == 5);
    /* a header that only starts like one is a header */
    CHECK(parse("sep=x,b\n1,2\n", &g, &info, &err) == CEO_OK && info.sep_line == 0 &&
          g.records == 2 && g.line[0] == 1);

    /* blank lines before the header: not records, and the delimiter is that of the header */
    CHECK(sv_csv_sniff_delimiter("\n\r\n  \na;b;c\n1;2;3\n", 18) == ';');
    CHECK(parse("\n\r\n\na;b;c\n1;2;3\n", &g, &info, &err) == CEO_OK && info.delimiter == ';' &&
          g.records == 2 && g.line[0] == 4 && g.nf[0] == 3);

    /* lone CR line ends (old Mac Excel): records and lines split at each CR outside quotes; a
     * CR inside a quoted field is text (and counts as a line) */
    CHECK(sv_csv_sniff_delimiter("a;b\r1,5,5,5;2,5,5\r", 18) == ';');
    CHECK(parse("id;tekst\r1;\"a\rb\"\r2;c\r", &g, &info, &err) == CEO_OK && info.cr == 1 &&
          info.crlf == 0 && info.delimiter == ';' && g.records == 3);
    CHECK_STR(g.cell[1], "a\rb");
    CHECK(g.line[0] == 1 && g.line[1] == 2 && g.line[2] == 4 && info.lines == 4 &&
          info.final_newline == 1);
    CHECK(parse("a,b\r1,\"x\r", &g, &info, &err) == CEO_EDATA && err.line == 2 && err.column == 2);

    /* an unterminated quote names the line where its record starts */
    CHECK(parse("a,b\n1,2\n3,\"open\nmore\n", &g, &info, &err) == CEO_EDATA);
    CHECK(err.line == 3 && err.column == 2);
    CHECK(strstr(err.message, "never closed") != NULL);

    CHECK(parse("", &g, &info, &err) == CEO_EDATA && strstr(err.message, "empty"));
    CHECK(parse("\xEF\xBB\xBF", &g, &info, &err) == CEO_EDATA);
    CHECK(parse("%PDF-1.4\n", &g, &info, &err) == CEO_EDATA && strstr(err.message, "PDF"));
    CHECK(sv_csv_read_mem("t", "a,b\x00,c\n", 7, NULL, collect, &g, NULL, &err) == CEO_EDATA);
    /* a NUL past the first 4096 bytes, before any field was read (blank lines only): the
     * line of the NUL, field 1 */
    static char blank[5001];
    memset(blank, '\n', 5000);
    ceo_error_clear(&err);
    CHECK(sv_csv_read_mem("t", blank, sizeof blank, NULL, collect, &g, NULL, &err) == CEO_EDATA);
    CHECK(err.line == 5001 && err.column == 1 && strstr(err.message, "NUL") != NULL);

    /* limits: a field or a record too long stops with a location */
    static char big[300000];
    memset(big, 'x', sizeof big - 1);
    memcpy(big, "a,b\n1,", 6);
    sv_csv_options opt = {0, 100000, 0, 0, 0};
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

/* What a read gives, summed up: a hash of every field with its line, and the records. */
typedef struct {
    unsigned long long hash;
    long records, stop_at;
} digest;

static int digest_record(void *ctx, const sv_field *f, size_t n, ceo_error *err)
{
    digest *d = ctx;
    if (++d->records == d->stop_at)
        return ceo_error_set(err, CEO_EDATA, "t", f[0].line, 1, "stopped here") != CEO_OK;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < f[i].len; k++)
            d->hash = (d->hash ^ (unsigned char)f[i].data[k]) * 0x100000001b3ull;
        d->hash = (d->hash ^ (unsigned long long)f[i].line ^ (n << 20)) * 0x100000001b3ull;
    }
    return 0;
}

/* Reads s on this thread alone, with the parser on a second thread (pipeline_min 1), and in
 * segments of several sizes parsed by worker threads; every way must give the same records,
 * lines, status and error. */
static int same_all_ways(const char *s, size_t len, long stop_at, size_t max_fields)
{
    enum { WAYS = 6 };
    static const size_t segment[WAYS] = {0, (size_t)1 << 40, 16, 97, 4096, 65536};
    digest d[WAYS];
    ceo_error e[WAYS];
    sv_csv_info info[WAYS];
    ceo_status st[WAYS];
    int same = 1;
    for (int k = 0; k < WAYS; k++) {
        sv_csv_options opt = {0, 0, max_fields, k ? 1 : (size_t)-1, segment[k]};
        memset(&d[k], 0, sizeof d[k]);
        d[k].stop_at = stop_at;
        ceo_error_clear(&e[k]);
        st[k] = sv_csv_read_mem("t", s, len, &opt, digest_record, &d[k], &info[k], &e[k]);
        if (k && !(st[0] == st[k] && d[0].hash == d[k].hash && d[0].records == d[k].records &&
                   e[0].line == e[k].line && e[0].column == e[k].column &&
                   strcmp(e[0].message, e[k].message) == 0 && info[0].lines == info[k].lines &&
                   info[0].records == info[k].records && info[0].bytes == info[k].bytes &&
                   info[0].final_newline == info[k].final_newline)) {
            fprintf(stderr,
                    "  way %d (segment %zu): status %d/%d, records %ld/%ld, lines %ld/%ld, "
                    "error %ld:%ld %s / %ld:%ld %s\n",
                    k, segment[k], st[0], st[k], d[0].records, d[k].records, info[0].lines,
                    info[k].lines, e[0].line, e[0].column, e[0].message, e[k].line, e[k].column,
                    e[k].message);
            same = 0;
        }
    }
    return d[0].records > 0 && same;
}

void test_csvsrc_pipeline(void);
void test_csvsrc_pipeline(void)
{
    /* 40,000 records with quoted line breaks, blank lines and CRLF: many batches, the ring
     * wrapping around several times. */
    size_t cap = 40000 * 64 + 64, n = 0;
    char *s = malloc(cap);
    if (!s) {
        CHECK(s != NULL);
        return;
    }
    n += (size_t)snprintf(s, cap, "id;tekst;cijfer\n");
    for (int i = 0; i < 40000; i++)
        n += (size_t)snprintf(s + n, cap - n,
                              i % 7 == 0    ? "%d;\"a\nb;\"\"c\"\"\";%d\r\n"
                              : i % 11 == 0 ? "%d;x;%d\n\n"
                                            : "%d;tekst %d;8\n",
                              i, i % 10);
    CHECK(same_all_ways(s, n, 0, 0));
    CHECK(same_all_ways(s, n, 1, 0));     /* the record function stops at once */
    CHECK(same_all_ways(s, n, 29999, 0)); /* ... or late */
    CHECK(same_all_ways(s, n - 1, 0, 0)); /* no final newline */
    size_t at = n / 2;
    while (s[at] != '\n')
        at++;
    memcpy(s + at + 1, "1;\"open", 7); /* a quote never closed: the rest is one field */
    CHECK(same_all_ways(s, n, 0, 0));
    char *t = strstr(s + n / 4, "tekst ");
    if (t)
        t[5] = ';'; /* one record with four fields */
    CHECK(t && same_all_ways(s, n, 0, 3));
    s[n / 3] = '\0'; /* a NUL byte before the open quote */
    CHECK(same_all_ways(s, n, 0, 0));

    /* A byte order mark; quotes inside unquoted fields, which libcsv keeps as they are and
     * which make the quote count misjudge where records start; records longer than a
     * segment; a line feed as the last byte. */
    n = (size_t)snprintf(s, cap, "\xEF\xBB\xBFid,tekst,cijfer\r\n");
    for (int i = 0; i < 20000; i++) {
        if (i % 97 == 5)
            n += (size_t)snprintf(s + n, cap - n, "%d,zei 5\" en ging,%d\r\n", i, i % 10);
        else if (i % 1013 == 7) {
            n += (size_t)snprintf(s + n, cap - n, "%d,\"", i);
            for (int j = 0; j < 300; j++)
                n += (size_t)snprintf(s + n, cap - n, "regel %d,\n", j);
            n += (size_t)snprintf(s + n, cap - n, "\",1\n");
        } else
            n += (size_t)snprintf(s + n, cap - n, "%d,\"tekst \"\"%d\"\"\",%d\n", i, i, i % 10);
    }
    CHECK(same_all_ways(s, n, 0, 0));
    CHECK(same_all_ways(s, n, 12345, 0));
    s[20] = '"'; /* the count is wrong from the first line on */
    CHECK(same_all_ways(s, n, 0, 0));

    /* Excel's sep= line before the records, and lone CRs as line ends (read by one parser):
     * the same every way */
    n = (size_t)snprintf(s, cap, "sep=;\r\nid;tekst;cijfer\r\n");
    for (int i = 0; i < 20000; i++)
        n += (size_t)snprintf(s + n, cap - n, i % 13 ? "%d;t %d;8\r\n" : "%d;\"a\r\nb%d\";7\r\n", i,
                              i);
    CHECK(same_all_ways(s, n, 0, 0));
    n = (size_t)snprintf(s, cap, "id;tekst;cijfer\r");
    for (int i = 0; i < 20000; i++)
        n += (size_t)snprintf(s + n, cap - n, i % 13 ? "%d;t %d;8\r" : "%d;\"a\rb%d\";7\r", i, i);
    CHECK(same_all_ways(s, n, 0, 0));
    CHECK(same_all_ways(s, n, 777, 0));
    free(s);

    /* A field longer than the limit, found at the end of a 1 MiB chunk of the input however
     * it is split: 3 MiB with a field of 1.5 MiB in the middle. */
    size_t big = (size_t)3 << 20;
    s = malloc(big + 1);
    if (!s) {
        CHECK(s != NULL);
        return;
    }
    for (size_t i = 0; i < big; i++)
        s[i] = i % 16 == 15 ? '\n' : i % 4 == 3 ? ',' : 'a';
    memset(s + big / 3 - 4096, 'x', (size_t)3 << 19);
    CHECK(same_all_ways(s, big, 0, 0));
    digest d0;
    memset(&d0, 0, sizeof d0);
    ceo_error e0;
    ceo_error_clear(&e0);
    CHECK(sv_csv_read_mem("t", s, big, NULL, digest_record, &d0, NULL, &e0) == CEO_EDATA &&
          strstr(e0.message, "longer than"));
    free(s);
}
