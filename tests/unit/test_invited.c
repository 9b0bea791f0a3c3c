/* The invited counts and the response (stats/invited.h) and the period of a report
 * (report/period.h) on a small hand-made export whose every figure is worked out here: months
 * parsed and named in Dutch, a window closed by the answers, the invited of a period's months,
 * a month without a row, a per-year file in a window, a voorziening hidden below min_n with the
 * smallest other one, the region as the gemeenten shown; a bad month at its line and column;
 * then an out-of-memory sweep that must end in CEO_ENOMEM at every allocation. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../report/period.h"
#include "../../stats/invited.h"
#include "../../stats/stats.h"
#include "t.h"

void test_invited(void);

/* Alpha: HH 12 respondents (January 6, February 6), Begeleiding 3 (February), Vervoer 11
 * (January); Beta: 4 in March. */
static void write_export(const char *path)
{
    FILE *fp = fopen(path, "w");
    if (!fp)
        return;
    fputs("gemeente,voorziening,datum,wist_waar\n", fp);
    for (int i = 0; i < 12; i++)
        fprintf(fp, "Alpha,HH,2025-0%d-1%d,mee eens\n", i < 6 ? 1 : 2, i % 6);
    for (int i = 0; i < 3; i++)
        fprintf(fp, "Alpha,Begeleiding,2025-02-0%d,mee eens\n", i + 1);
    for (int i = 0; i < 11; i++)
        fprintf(fp, "alpha ,Vervoer,2025-01-%02d,neutraal\n", i + 1);
    for (int i = 0; i < 4; i++)
        fprintf(fp, "Beta,HH,2025-03-0%d,mee eens\n", i + 1);
    fclose(fp);
}

static const char monthly_csv[] = "gemeente,voorziening,maand,uitgezet\n"
                                  "Alpha,HH,2025-01,20\n"
                                  "Alpha,HH,2025-02,30\n"
                                  "Alpha,HH,2025-03,1000\n"
                                  "Alpha,Begeleiding,2025-01,5\n"
                                  "Alpha,Begeleiding,2025-02,5\n"
                                  "ALPHA,vervoer,2025-01,40\n"
                                  "Beta,HH,2025-03,8\n";

static void put(const char *path, const char *s)
{
    FILE *fp = fopen(path, "w");
    if (fp) {
        fputs(s, fp);
        fclose(fp);
    }
}

static void check_period(void)
{
    char buf[64];
    CHECK(st_month_parse("2025-03") == 202503 && st_month_parse("2025-13") == -1 &&
          st_month_parse("2025-3") == -1 && st_month_parse("maart") == -1);
    CHECK_STR(rp_period_label(buf, sizeof buf, 202403, 202504),
              "maart 2024 \xE2\x80\x93 april 2025");
    CHECK_STR(rp_period_label(buf, sizeof buf, 202501, 202503), "januari \xE2\x80\x93 maart 2025");
    CHECK_STR(rp_period_label(buf, sizeof buf, 202512, 202512), "december 2025");
    CHECK_STR(rp_period_label(buf, sizeof buf, 0, 0), "");
    int f, t;
    rp_period_months(0, 0, 3, 202402, 202501, &f, &t); /* the 3 months up to the last answered */
    CHECK(f == 202411 && t == 202501);
    rp_period_months(202401, 0, 0, 202402, 202501, &f, &t);
    CHECK(f == 202401 && t == 202501);
    rp_period_months(0, 0, 0, 0, 0, &f, &t);
    CHECK(f == 0 && t == 0);
}

static void check_response(const sv_table *t, const sv_codebook *cb, const st_invited *inv)
{
    ceo_error err;
    ceo_error_clear(&err);
    /* January and February: Alpha HH 50 invited, 12 responded */
    st_response *r = st_response_new(t, cb, inv, 202501, 202502, 1, 10, &err);
    CHECK(r != NULL);
    const st_response_row *w = st_response_find(r, "Alpha", "HH");
    CHECK(w && w->state == ST_RESP_OK && w->invited == 50 && w->responded == 12 &&
          fabs(w->pct - 24.0) < 1e-9 && !w->suppressed);
    /* Begeleiding has 3: hidden, and with it the smallest other one (Vervoer, 11) */
    w = st_response_find(r, "Alpha", "Begeleiding");
    CHECK(w && w->suppressed && w->invited == 10);
    w = st_response_find(r, "Alpha", "Vervoer");
    CHECK(w && w->suppressed && w->state == ST_RESP_NO_MONTHS); /* no February row */
    w = st_response_find(r, "Alpha", NULL);
    CHECK(w && w->state == ST_RESP_OK && w->invited == 100 && w->responded == 26 && !w->suppressed);
    /* Beta: 4 respondents, hidden; no row for January or February */
    w = st_response_find(r, "Beta", NULL);
    CHECK(w && w->suppressed && w->state == ST_RESP_NOT_LISTED);
    /* the region: the gemeenten shown, Alpha alone */
    w = st_response_find(r, NULL, NULL);
    CHECK(w && w->state == ST_RESP_OK && w->invited == 100 && w->responded == 26);
    st_response_free(r);

    /* no file: every row says so */
    r = st_response_new(t, cb, NULL, 202501, 202503, 0, 10, &err);
    w = st_response_find(r, "Alpha", NULL);
    CHECK(w && w->state == ST_RESP_NO_FILE && isnan(w->pct) && w->responded == 26);
    st_response_free(r);
}

static void check_yearly(const sv_table *t, const sv_codebook *cb, const char *dir)
{
    char path[256];
    snprintf(path, sizeof path, "%s/jaar.csv", dir);
    put(path, "gemeente,uitgezet\nAlpha,100\nBeta,10\n");
    ceo_error err;
    ceo_error_clear(&err);
    st_invited *inv = st_invited_load(path, &err);
    CHECK(inv && !st_invited_monthly(inv));
    /* a 3-month window: no response; the year's export itself: as the VWS data give it */
    st_response *r = st_response_new(t, cb, inv, 202501, 202503, 1, 10, &err);
    const st_response_row *w = st_response_find(r, "Alpha", NULL);
    CHECK(w && w->state == ST_RESP_YEARLY && isnan(w->pct));
    st_response_free(r);
    r = st_response_new(t, cb, inv, 202501, 202503, 0, 10, &err);
    w = st_response_find(r, "Alpha", NULL);
    CHECK(w && w->state == ST_RESP_OK && w->invited == 100 && fabs(w->pct - 26.0) < 1e-9);
    st_response_free(r);
    st_invited_free(inv);

    snprintf(path, sizeof path, "%s/bad.csv", dir);
    put(path, "gemeente,maand,uitgezet\nAlpha,2025-01,5\nAlpha,jan 2025,5\n");
    ceo_error_clear(&err);
    CHECK(st_invited_load(path, &err) == NULL && err.code == CEO_EDATA && err.line == 3 &&
          err.column == 2);
    put(path, "gemeente,maand,uitgezet\nAlpha,2025-01,5\nalpha,2025-01,6\n");
    ceo_error_clear(&err);
    CHECK(st_invited_load(path, &err) == NULL && err.code == CEO_EDATA && err.line == 3 &&
          strstr(err.message, "line 2"));
}

void test_invited(void)
{
    check_period();
    char dir[64], path[256], cbdir[1024];
    snprintf(dir, sizeof dir, "/tmp/ceo-invited-XXXXXX");
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    snprintf(cbdir, sizeof cbdir, "%s/templates/ceo-wmo", t_root);
    snprintf(path, sizeof path, "%s/e.csv", dir);
    write_export(path);
    ceo_error err;
    ceo_error_clear(&err);
    sv_codebook *cb = sv_codebook_load(cbdir, &err);
    sv_table *t = cb ? sv_table_new(cb, 0, &err) : NULL;
    CHECK(t && sv_table_read(t, path, NULL, NULL, &err) == CEO_OK);
    snprintf(path, sizeof path, "%s/m.csv", dir);
    put(path, monthly_csv);
    st_invited *inv = t ? st_invited_load(path, &err) : NULL;
    CHECK(inv && st_invited_monthly(inv));
    if (t && inv) {
        int first, last;
        rp_data_months(t, cb, &first, &last);
        CHECK(first == 202501 && last == 202503);
        check_response(t, cb, inv);
        check_yearly(t, cb, dir);
        /* out of memory at every allocation of the load and the response */
        ceo_alloc_fail_at(LONG_MAX); /* armed, as in the failing runs */
        st_response_free(st_response_new(t, cb, inv, 202501, 202502, 1, 10, &err));
        st_invited_free(st_invited_load(path, &err));
        long total = ceo_alloc_fail_at(0), wrong = 0;
        CHECK(total > 10);
        for (long n = 1; n <= total; n++) {
            ceo_error_clear(&err);
            ceo_alloc_fail_at(n);
            st_response *r = st_response_new(t, cb, inv, 202501, 202502, 1, 10, &err);
            st_invited *i2 = r ? st_invited_load(path, &err) : NULL;
            ceo_alloc_fail_at(0);
            if ((r && i2) || err.code != CEO_ENOMEM)
                wrong++;
            st_response_free(r);
            st_invited_free(i2);
        }
        CHECK(wrong == 0);
    }
    st_invited_free(inv);
    sv_table_free(t);
    sv_codebook_free(cb);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
}
