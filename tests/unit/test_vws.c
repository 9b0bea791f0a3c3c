/* The VWS accounting data (stats/vws.h, written by report/vws.h) on a small hand-made export
 * whose every value is worked out here: respondents, invited counts matched on names in another
 * spelling, the response rate, the period, themes per gemeente, figures and their suppression
 * as ceo stats does it, the gemeenten' own texts, warnings, the Excel form; the figure fields
 * taken from the figures handed in (and empty without them); a bad or missing input named with
 * its file, line and column; then an out-of-memory sweep over the build, which must end in
 * CEO_ENOMEM at every allocation (and leak nothing under the sanitizer build). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../report/vws.h"
#include "../../stats/vws.h"
#include "t.h"

void test_vws(void);

/* Alpha 6 respondents, Beta 2 (below min_n 5, so suppressed), Gamma 7 (spelled "gamma " once)
 * with no answer on kwaliteit_goed, and one respondent without a gemeente (a group of 1 in
 * ceo stats, suppressed too). Beta's respondents are left out of every figure, so Alpha keeps
 * its own figures on every question, kwaliteit_goed included (before the disclosure model of
 * docs/METHODS.md ("Disclosure control"), Alpha was hidden there to protect Beta). */
static const char export_csv[] = "gemeente,datum,wist_waar,kwaliteit_goed,cijfer\n"
                                 "Alpha,2025-03-02,mee eens,helemaal mee eens,8\n"
                                 "Alpha,2025-03-09,mee eens,helemaal mee eens,7\n"
                                 "Alpha,2025-03-05,niet mee eens,mee eens,6\n"
                                 "Alpha,2025-03-04,mee eens,mee eens,8\n"
                                 "Alpha,2025-03-03,weet niet,mee eens,9\n"
                                 "Alpha,2025-03-03,mee eens,neutraal,8\n"
                                 "Beta,2025-04-01,mee eens,mee eens,5\n"
                                 "Beta,2025-04-02,niet mee eens,mee eens,6\n"
                                 "Gamma,2024-12-30,mee eens,,8\n"
                                 "Gamma,2025-01-02,mee eens,,7\n"
                                 "Gamma,2025-01-03,mee eens,,7\n"
                                 "gamma ,2025-01-04,mee eens,,9\n"
                                 "Gamma,2025-01-05,mee eens,,6\n"
                                 "Gamma,2025-01-06,niet mee eens,,7\n"
                                 "Gamma,2025-01-07,weet niet,,\n"
                                 ",2025-01-07,mee eens,,8\n";

static const char velden_csv[] = "veld,omschrijving,bron\n"
                                 "gemeente,Gemeente,berekend:gemeente\n"
                                 "jaar,Jaar,berekend:jaar|project:regio.jaar\n"
                                 "themas,,berekend:themas:toegang+kwaliteit+effect\n"
                                 "methode,Methode,project:vws.methode\n"
                                 "doelgroep,Doelgroep,project:vws.doelgroep\n"
                                 "periode,Periode,project:vws.periode|berekend:periode\n"
                                 "uitgezet,Uitgezet,berekend:uitgezet\n"
                                 "respondenten,Respondenten,berekend:respondenten\n"
                                 "respons,Respons,berekend:respons\n"
                                 "ww_pct,Wist waar,item:wist_waar:pct_positive\n"
                                 "ww_n,Wist waar n,item:wist_waar:n\n"
                                 "kg_pct,Kwaliteit,item:kwaliteit_goed:pct_positive\n"
                                 "cijfer,Cijfer,item:cijfer:mean\n"
                                 "leven,Kwaliteit van leven,item:kwaliteit_leven:pct_positive\n"
                                 "punten,Verbeterpunten,gemeente:verbeterpunten\n";

static const char uit_csv[] = "gemeente,voorziening,uitgezet\n"
                              "Alpha,HH,12\n"
                              "GAMMA,HH,20\n"
                              "Gamma,Vervoer,10\n";

static const char gem_csv[] = "gemeente,verbeterpunten\n"
                              "Alpha,\"- sneller, beter\"\n"
                              "gamma,=1+1\n"
                              "Delta,niets\n";

static const char project_ini[] = "[regio]\njaar = 2024\n[uitgezet]\nbestand = uit.csv\n"
                                  "[vws]\nmethode = Enquête\ngemeenten = gem.csv\n"
                                  "velden = velden.csv\n";

static char dir[64];
static const char *const files[] = {"velden.csv", "uit.csv", "gem.csv",   "p.ini",
                                    "bad.csv",    "x.ini",   "twice.csv", "cols.csv"};

static void put(const char *name, const char *text)
{
    char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *fp = fopen(p, "wb");
    if (fp) {
        fputs(text, fp);
        fclose(fp);
    }
}

static const char *val(const st_vws *v, size_t g, const char *id)
{
    for (size_t k = 0; k < st_vws_nfields(v); k++)
        if (strcmp(st_vws_field_id(v, k), id) == 0)
            return st_vws_value(v, g, k);
    return NULL;
}

static int has_warning(const st_vws *v, const char *part)
{
    for (size_t i = 0; i < st_vws_nwarnings(v); i++)
        if (strstr(st_vws_warning(v, i), part))
            return 1;
    return 0;
}

static void check_values(const st_vws *v)
{
    CHECK(st_vws_count(v) == 3);
    CHECK(st_vws_nfields(v) == 15);
    CHECK_STR(st_vws_gemeente(v, 0), "Alpha");
    CHECK_STR(st_vws_gemeente(v, 1), "Beta");
    CHECK_STR(st_vws_gemeente(v, 2), "Gamma");
    CHECK_STR(st_vws_field_label(v, 2), "themas"); /* no omschrijving: the id */
    CHECK_STR(st_vws_field_label(v, 9), "Wist waar");
    /* Alpha */
    CHECK_STR(val(v, 0, "jaar"), "2025");
    CHECK_STR(val(v, 0, "themas"), "toegang, kwaliteit");
    CHECK_STR(val(v, 0, "methode"), "Enquête");
    CHECK_STR(val(v, 0, "doelgroep"), "");
    CHECK_STR(val(v, 0, "periode"), "2025-03-02 \xE2\x80\x93 2025-03-09");
    CHECK_STR(val(v, 0, "uitgezet"), "12");
    CHECK_STR(val(v, 0, "respondenten"), "6");
    CHECK_STR(val(v, 0, "respons"), "50.0");
    CHECK_STR(val(v, 0, "ww_pct"), "80.0");
    CHECK_STR(val(v, 0, "ww_n"), "5");
    CHECK_STR(val(v, 0, "kg_pct"), "83.3"); /* its own, though Beta is small (5 of 6) */
    CHECK_STR(val(v, 0, "cijfer"), "7.7");
    CHECK_STR(val(v, 0, "punten"), "- sneller, beter");
    /* Beta: below min_n; no invited count; not in the gemeenten file */
    CHECK_STR(val(v, 1, "respondenten"), "2");
    CHECK_STR(val(v, 1, "uitgezet"), "");
    CHECK_STR(val(v, 1, "respons"), "");
    CHECK_STR(val(v, 1, "ww_pct"), "");
    CHECK_STR(val(v, 1, "cijfer"), "");
    CHECK_STR(val(v, 1, "punten"), "");
    /* Gamma: dates over a new year, invited in two spellings, no kwaliteit answers */
    CHECK_STR(val(v, 2, "jaar"), "2024\xE2\x80\x93"
                                 "2025");
    CHECK_STR(val(v, 2, "themas"), "toegang");
    CHECK_STR(val(v, 2, "periode"), "2024-12-30 \xE2\x80\x93 2025-01-07");
    CHECK_STR(val(v, 2, "uitgezet"), "30");
    CHECK_STR(val(v, 2, "respondenten"), "7");
    CHECK_STR(val(v, 2, "respons"), "23.3");
    CHECK_STR(val(v, 2, "ww_pct"), "83.3");
    CHECK_STR(val(v, 2, "ww_n"), "6");
    CHECK_STR(val(v, 2, "kg_pct"), "");
    CHECK_STR(val(v, 2, "cijfer"), "7.3");
    CHECK_STR(val(v, 2, "leven"), "");
    CHECK_STR(val(v, 2, "punten"), "=1+1");
    CHECK(st_vws_is_number(v, 2, 8) && !st_vws_is_number(v, 2, 5) && !st_vws_is_number(v, 1, 8));
    /* what the user is told */
    CHECK(has_warning(v, "1 respondent has no gemeente"));
    CHECK(has_warning(v, "no invited counts for Beta; uitgezet, respons are empty there"));
    CHECK(has_warning(v, "has no row for Beta; punten is empty there"));
    CHECK(has_warning(v, "lists Delta, without respondents"));
    CHECK(has_warning(v, "sets no [vws] doelgroep: doelgroep is empty"));
    CHECK(has_warning(v, "no column for kwaliteit_leven: leven is empty"));
    CHECK(!has_warning(v, "methode"));
    CHECK(st_vws_nwarnings(v) == 6);
}

/* The writer's file in the dialect of flags, read back (free it). */
static char *csv_of(const st_vws *v, int flags)
{
    char path[128];
    snprintf(path, sizeof path, "%s/vws-out.csv", dir);
    ceo_error err;
    ceo_error_clear(&err);
    rp_csv *w = rp_csv_open(path, flags, &err);
    if (!w)
        return NULL;
    CHECK(rp_vws_csv(w, v, &err) == CEO_OK);
    CHECK(rp_csv_commit(w, &err) == CEO_OK);
    char *buf = t_read_file(path, NULL);
    unlink(path);
    return buf;
}

static void check_csv(const st_vws *v)
{
    char *buf = csv_of(v, RP_CSV_EXCEL);
    if (!buf)
        return;
    CHECK(strlen(buf) > 3 && memcmp(buf, "\xEF\xBB\xBFgemeente;jaar;themas;methode;", 31) == 0);
    CHECK(strstr(buf, "\r\nAlpha;2025;toegang, kwaliteit;Enquête;;2025-03-02") != NULL);
    CHECK(strstr(buf, ";12;6;50,0;80,0;5;83,3;7,7;;\"'- sneller, beter\"\r\n") != NULL);
    CHECK(strstr(buf, ";30;7;23,3;83,3;6;;7,3;;\"'=1+1\"\r\n") != NULL);
    free(buf);
    if (!(buf = csv_of(v, 0)))
        return;
    CHECK(strncmp(buf, "gemeente,jaar,themas,", 21) == 0);
    CHECK(strstr(buf, "\nGamma,2024\xE2\x80\x93"
                      "2025,toegang,Enquête,,") != NULL);
    /* the plain flavour guards formulas too (issue 19) */
    CHECK(strstr(buf, ",30,7,23.3,83.3,6,,7.3,,\"'=1+1\"\n") != NULL);
    CHECK(strstr(buf, ",\"'- sneller, beter\"\n") != NULL);
    free(buf);
}

/* The whole build as a command does it: the field list and the gemeenten, the figures by
 * gemeente computed once when a field takes one, then the values. NULL with err set. */
static st_vws *build(const sv_table *t, const sv_project *proj, const char *schema, long min_n,
                     ceo_error *err)
{
    st_vws *v = st_vws_new(t, proj, schema, err);
    st_result *figures = NULL;
    if (v && st_vws_needs_figures(v)) {
        st_options so;
        st_vws_figure_options(proj, min_n, &so);
        figures = st_compute(t, &so, err);
    }
    if (v && ((st_vws_needs_figures(v) && !figures) || st_vws_fill(v, figures, err) != CEO_OK)) {
        st_vws_free(v);
        v = NULL;
    }
    st_result_free(figures);
    return v;
}

/* The figure fields come from the figures handed in: with min_n 1, Beta (2 respondents) has
 * its own; without figures they are empty and the other fields are still filled. */
static void check_figures(const sv_table *t, const sv_project *proj)
{
    ceo_error err;
    ceo_error_clear(&err);
    st_vws *v = st_vws_new(t, proj, NULL, &err);
    CHECK(v != NULL && st_vws_needs_figures(v));
    st_options so;
    st_vws_figure_options(proj, 1, &so);
    CHECK_STR(so.by, "gemeente");
    CHECK(so.min_n == 1 && so.indicative_n == 30);
    st_result *figures = st_compute(t, &so, &err);
    CHECK(figures != NULL);
    if (v && figures && st_vws_fill(v, figures, &err) == CEO_OK) {
        CHECK_STR(val(v, 1, "ww_pct"), "50.0");
        CHECK_STR(val(v, 1, "ww_n"), "2");
        CHECK_STR(val(v, 1, "cijfer"), "5.5");
        CHECK_STR(val(v, 0, "ww_pct"), "80.0");
        CHECK(st_vws_is_number(v, 1, 9));
    } else {
        CHECK(!"fill with figures");
    }
    st_vws_free(v);
    st_result_free(figures);

    ceo_error_clear(&err);
    v = st_vws_new(t, proj, NULL, &err);
    CHECK(v && st_vws_fill(v, NULL, &err) == CEO_OK);
    if (v) {
        CHECK_STR(val(v, 0, "ww_pct"), "");
        CHECK_STR(val(v, 0, "cijfer"), "");
        CHECK_STR(val(v, 0, "respondenten"), "6");
        CHECK_STR(val(v, 0, "uitgezet"), "12");
    }
    st_vws_free(v);

    /* a field list without figures needs none */
    put("cols.csv", "veld,omschrijving,bron\nnaam,,berekend:gemeente\nn,,berekend:respondenten\n");
    char path[128];
    snprintf(path, sizeof path, "%s/cols.csv", dir);
    ceo_error_clear(&err);
    v = st_vws_new(t, proj, path, &err);
    CHECK(v && !st_vws_needs_figures(v) && st_vws_fill(v, NULL, &err) == CEO_OK);
    if (v) {
        CHECK(st_vws_nfields(v) == 2);
        CHECK_STR(st_vws_value(v, 2, 0), "Gamma");
        CHECK_STR(st_vws_value(v, 2, 1), "7");
    }
    st_vws_free(v);
}

/* A project whose files are bad: the build fails with code, naming the file ending in file at
 * line and column. */
static void expect_error(const sv_table *t, const char *ini, ceo_status code, const char *file,
                         long line, long column)
{
    char path[128];
    put("x.ini", ini);
    snprintf(path, sizeof path, "%s/x.ini", dir);
    ceo_error err;
    ceo_error_clear(&err);
    sv_project *proj = sv_project_load(path, &err);
    CHECK(proj != NULL);
    if (!proj)
        return;
    st_vws *v = build(t, proj, NULL, 5, &err);
    CHECK(v == NULL);
    CHECK(err.code == code);
    size_t n = strlen(err.path), m = strlen(file);
    CHECK(n >= m && strcmp(err.path + n - m, file) == 0);
    CHECK(err.line == line && err.column == column);
    if (v || err.code != code || err.line != line || err.column != column)
        fprintf(stderr, "    %s:%ld:%ld: %s\n", err.path, err.line, err.column, err.message);
    st_vws_free(v);
    sv_project_free(proj);
}

static void check_inputs(const sv_table *t)
{
    /* the invited counts: a file that is not there, a count that is no number, a row twice */
    expect_error(t, "[uitgezet]\nbestand = nowhere.csv\n[vws]\nvelden = velden.csv\n", CEO_EIO,
                 "/nowhere.csv", 0, 0);
    put("bad.csv", "gemeente,voorziening,uitgezet\nAlpha,HH,12\nBeta,HH,veel\n");
    expect_error(t, "[uitgezet]\nbestand = bad.csv\n[vws]\nvelden = velden.csv\n", CEO_EDATA,
                 "/bad.csv", 3, 3);
    put("twice.csv", "gemeente,verbeterpunten\nAlpha,a\nbeta,b\n ALPHA,c\n");
    expect_error(t,
                 "[uitgezet]\nbestand = uit.csv\n[vws]\nvelden = velden.csv\n"
                 "gemeenten = twice.csv\n",
                 CEO_EDATA, "/twice.csv", 4, 1);
    /* a gemeenten file without the column a bron takes: the bron's line in the field list */
    put("bad.csv", "gemeente,iets_anders\nAlpha,a\n");
    expect_error(t,
                 "[uitgezet]\nbestand = uit.csv\n[vws]\nvelden = velden.csv\n"
                 "gemeenten = bad.csv\n",
                 CEO_EDATA, "/velden.csv", 16, 3);
    /* a field list with an unknown bron: its line and the bron column */
    put("bad.csv", "veld,omschrijving,bron\ngemeente,,berekend:gemeente\nx,,item:wist_waar:pct\n");
    expect_error(t, "[vws]\nvelden = bad.csv\n", CEO_EDATA, "/bad.csv", 3, 3);
}

void test_vws(void)
{
    snprintf(dir, sizeof dir, "/tmp/ceo-vws-XXXXXX");
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    put("velden.csv", velden_csv);
    put("uit.csv", uit_csv);
    put("gem.csv", gem_csv);
    put("p.ini", project_ini);
    char cbdir[1024], ini[128];
    snprintf(cbdir, sizeof cbdir, "%s/templates/ceo-wmo", t_root);
    snprintf(ini, sizeof ini, "%s/p.ini", dir);
    ceo_error err;
    ceo_error_clear(&err);
    sv_codebook *cb = sv_codebook_load(cbdir, &err);
    sv_project *proj = cb ? sv_project_load(ini, &err) : NULL;
    sv_table *t = proj ? sv_table_new(cb, 0, &err) : NULL;
    CHECK(t && sv_table_read_mem(t, "e.csv", export_csv, sizeof export_csv - 1, proj, NULL, &err) ==
                   CEO_OK);
    if (t) {
        st_vws *v = build(t, proj, NULL, 5, &err);
        CHECK(v != NULL);
        if (!v)
            fprintf(stderr, "    %s:%ld:%ld: %s\n", err.path, err.line, err.column, err.message);
        else {
            check_values(v);
            check_csv(v);
        }
        st_vws_free(v);
        check_figures(t, proj);
        check_inputs(t);

        /* out of memory at every allocation of the build */
        ceo_alloc_fail_at(0);
        st_vws_free(build(t, proj, NULL, 5, &err));
        long total = ceo_alloc_fail_at(0), wrong = 0;
        CHECK(total > 30);
        for (long n = 1; n <= total; n++) {
            ceo_error_clear(&err);
            ceo_alloc_fail_at(n);
            st_vws *w = build(t, proj, NULL, 5, &err);
            ceo_alloc_fail_at(0);
            if (w || err.code != CEO_ENOMEM)
                wrong++;
            st_vws_free(w);
        }
        CHECK(wrong == 0);

        /* no schema at all is the caller's mistake */
        ceo_error_clear(&err);
        CHECK(st_vws_new(t, NULL, NULL, &err) == NULL && err.code == CEO_EUSAGE);
    }
    sv_table_free(t);
    sv_project_free(proj);
    sv_codebook_free(cb);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
    }
    rmdir(dir);
}
