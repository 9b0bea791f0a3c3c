/*
 * test_report.c - the report layer: text conversion, number formatting, the texts file,
 * wrapping that never exceeds its width, and a whole provider report with every allocation
 * made to fail in turn.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../report/charts.h"
#include "../../report/report.h"
#include "../../base/text.h"
#include "t.h"

void test_report(void);

#define FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define FONT_BOLD "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

static void conversions(void)
{
    sv_buf b = {0};
    const char *in = "cli\xC3\xABnt \xE2\x82\xAC"
                     "5 \xE2\x80\x93 \xC5\x81\xC3\xB3"
                     "d\xC5\xBA \xE2\x98\x83";
    CHECK(sv_to_cp1252(&b, in, strlen(in)) == 0);
    CHECK_STR(b.p, "cli\xEBnt \x80"
                   "5 \x96 L\xF3"
                   "dz ?");
    CHECK(sv_to_cp1252(&b, "\xC3", 1) == 0); /* a broken sequence */
    CHECK_STR(b.p, "?");
    sv_buf_free(&b);
    char s[64];
    rp_fmt_num(s, sizeof s, 78.44, 1, "%");
    CHECK_STR(s, "78,4%");
    rp_fmt_num(s, sizeof s, -0.04, 1, "%");
    CHECK_STR(s, "0,0%");
    rp_fmt_num(s, sizeof s, 7.851, 1, NULL);
    CHECK_STR(s, "7,9");
    rp_fmt_num(s, sizeof s, 0.0 / 0.0, 1, "%");
    CHECK_STR(s, "\xE2\x80\x93");
}

static rp_texts *texts_from(const char *content, ceo_error *err)
{
    char path[] = "/tmp/ceo-texts-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    FILE *fp = fdopen(fd, "w");
    fputs(content, fp);
    fclose(fp);
    rp_texts *t = rp_texts_load(path, err);
    remove(path);
    return t;
}

static void texts(void)
{
    ceo_error err;
    ceo_error_clear(&err);
    rp_texts *t = texts_from("# comment\n[a]\nHallo {naam},\n\nwelkom.\n\n[b]\nZonder\n", &err);
    CHECK(t != NULL);
    if (t) {
        char *s = rp_texts_fill(t, "a", (const char *const[]){"naam", "Tiel", NULL}, &err);
        CHECK_STR(s, "Hallo Tiel,\n\nwelkom.");
        ceo_free(s);
        CHECK_STR(rp_texts_get(t, "b"), "Zonder");
        ceo_error_clear(&err);
        CHECK(rp_texts_fill(t, "a", NULL, &err) == NULL);
        CHECK(err.code == CEO_EDATA && err.line == 2 && strstr(err.message, "{naam}"));
        ceo_error_clear(&err);
        CHECK(rp_texts_fill(t, "c", NULL, &err) == NULL && strstr(err.message, "[c]"));
        rp_texts_free(t);
    }
    ceo_error_clear(&err);
    CHECK(texts_from("[a]\nx\n[a]\ny\n", &err) == NULL);
    CHECK(err.code == CEO_EDATA && err.line == 3 && strstr(err.message, "twice"));
    ceo_error_clear(&err);
    CHECK(texts_from("los\n[a]\nx\n", &err) == NULL);
    CHECK(err.code == CEO_EDATA && err.line == 1);
    ceo_error_clear(&err);
    CHECK(texts_from("[a\nx\n", &err) == NULL);
    CHECK(err.code == CEO_EDATA && err.line == 1);
}

/* Random texts of words of random lengths, some longer than a line: every line the wrapper
 * makes fits its width. */
static void wrapping(void)
{
    ceo_error err;
    ceo_error_clear(&err);
    rp_pdf_info info = {FONT, FONT_BOLD, "t", "t", "t", {NULL, NULL}};
    rp_pdf *p = rp_pdf_new(&info, &err);
    CHECK(p != NULL);
    if (!p)
        return;
    uint32_t seed = 12345;
    long lines = 0, too_wide = 0;
    for (int round = 0; round < 300; round++) {
        char s[600];
        size_t n = 0;
        int words = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 40;
        for (int w = 0; w < words && n < sizeof s - 40; w++) {
            int len = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % (w % 7 ? 9 : 35);
            for (int k = 0; k < len; k++)
                s[n++] = k % 5 == 4 ? 'W' : (char)('a' + (seed >> (k % 16)) % 26);
            if (w % 11 == 10) { /* a two-byte letter */
                s[n++] = '\xC3';
                s[n++] = '\xAB';
            }
            s[n++] = ' ';
        }
        s[n] = '\0';
        double width = 40 + (double)(round % 10) * 30;
        size_t starts[128], lens[128];
        size_t m = rp_wrap(p, round % 2 ? RP_BOLD : RP_REGULAR, 8, s, width, starts, lens, 128);
        for (size_t l = 0; l < m && l < 128; l++) {
            char line[600];
            memcpy(line, s + starts[l], lens[l]);
            line[lens[l]] = '\0';
            lines++;
            too_wide += rp_pdf_width(p, round % 2 ? RP_BOLD : RP_REGULAR, 8, line) > width + 1e-6;
        }
    }
    CHECK(lines > 1000);
    CHECK(too_wide == 0);
    rp_pdf_free(p);
}

static const char oom_csv[] =
    "Respondentnummer,Gemeente,Aanbieder huishoudelijke hulp,"
    "Ik heb een vaste hulp.,Welk rapportcijfer geeft u uw aanbieder van huishoudelijke hulp?,"
    "Opmerkingen\n"
    "1,Tiel,Zorg BV,Mee eens,8,\"Bel 06-12345678, mevrouw Jansen\"\n"
    "2,Tiel,Zorg BV,Helemaal mee eens,9,Prima\n"
    "3,Buren,Zorg BV,Niet mee eens,5,Te laat\n"
    "4,Buren,Zorg BV,Neutraal,7,\n";

/* One provider report into *out; indexed: with the rows of remarks per provider found once
 * (rp_remarks), as ceo report does, else by a scan of the table. */
static ceo_status report_once(const sv_codebook *cb, const rp_texts *tx, char **out, size_t *outlen,
                              int indexed)
{
    ceo_error err;
    ceo_error_clear(&err);
    ceo_status st = CEO_ENOMEM;
    sv_table *t = sv_table_new(cb, SV_KEEP_TEXT, &err);
    st_result *res = NULL;
    rp_redactor *red = NULL;
    rp_remarks *remarks = NULL;
    FILE *fp = NULL;
    if (!t || sv_table_read_mem(t, "oom.csv", oom_csv, sizeof oom_csv - 1, NULL, NULL, &err))
        goto done;
    st_options so = {.by = "gemeente,aanbieder,gemeente+aanbieder",
                     .min_n = 1,
                     .indicative_n = 2,
                     .total_label = "Regio"};
    if (!(res = st_compute(t, &so, &err)) || !(red = rp_redactor_new(t_words(), &err)) ||
        (indexed && !(remarks = rp_remarks_new(t, cb, &err))))
        goto done;
    if (!(fp = open_memstream(out, outlen)))
        goto done;
    rp_report r = {.table = t,
                   .cb = cb,
                   .texts = tx,
                   .res = res,
                   .redactor = red,
                   .remarks = remarks,
                   .region = "Regio",
                   .year = "2025",
                   .font_regular = FONT,
                   .font_bold = FONT_BOLD,
                   .accent = {0.1, 0.3, 0.5},
                   .min_n = 1};
    long over = -1;
    st = rp_report_write(&r, &rp_plan_aanbieder, "Zorg BV", fp, &over, &err);
    if (st == CEO_OK && over != 0)
        st = CEO_EDATA;
done:
    if (st != CEO_OK && err.code && err.code != CEO_ENOMEM)
        st = err.code;
    if (fp)
        fclose(fp);
    rp_redactor_free(red);
    rp_remarks_free(remarks);
    st_result_free(res);
    sv_table_free(t);
    return st;
}

static void oom_sweep(const sv_codebook *cb, const rp_texts *tx)
{
    char *good = NULL, *out = NULL;
    size_t goodlen = 0, outlen = 0;
    ceo_alloc_fail_at(LONG_MAX); /* armed, as in the failing runs */
    CHECK(report_once(cb, tx, &good, &goodlen, 1) == CEO_OK);
    long total = ceo_alloc_fail_at(0);
    CHECK(good && goodlen > 1000 && memcmp(good, "%PDF-", 5) == 0);
    /* The index changes nothing in the PDF: the same remarks in the same order. */
    CHECK(report_once(cb, tx, &out, &outlen, 0) == CEO_OK);
    CHECK(out && good && outlen == goodlen && memcmp(out, good, goodlen) == 0);
    free(out);
    out = NULL;
    long wrong = 0;
    for (long n = 1; n <= total; n++) {
        ceo_alloc_fail_at(n);
        ceo_status st = report_once(cb, tx, &out, &outlen, 1);
        ceo_alloc_fail_at(0);
        if (st != CEO_ENOMEM && ++wrong <= 3)
            fprintf(stderr, "    allocation %ld of %ld failing gave status %d\n", n, total,
                    (int)st);
        free(out);
        out = NULL;
    }
    printf("provider report: %ld allocations, each made to fail in turn\n", total);
    CHECK(total > 100);
    CHECK(wrong == 0);
    free(good);
}

void test_report(void)
{
    conversions();
    texts();
    wrapping();
    char dir[1024], path[1024];
    snprintf(dir, sizeof dir, "%s/templates/ceo-wmo", t_root);
    snprintf(path, sizeof path, "%s/templates/report/nl/teksten.txt", t_root);
    ceo_error err;
    ceo_error_clear(&err);
    sv_codebook *cb = sv_codebook_load(dir, &err);
    rp_texts *tx = rp_texts_load(path, &err);
    CHECK(cb && tx);
    if (cb && tx)
        oom_sweep(cb, tx);
    rp_texts_free(tx);
    sv_codebook_free(cb);
}
