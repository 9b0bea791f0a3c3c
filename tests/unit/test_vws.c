/* The VWS accounting data (report/vws.h) on a small hand-made export whose every value is
 * worked out here: respondents, invited counts matched on names in another spelling, the
 * response rate, the period, themes per gemeente, figures and their suppression as ceo stats
 * does it, the gemeenten' own texts, warnings, the Excel form; then an out-of-memory sweep
 * over the build, which must end in CEO_ENOMEM at every allocation (and leak nothing under
 * the sanitizer build). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../report/vws.h"
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
static const char *const files[] = {"velden.csv", "uit.csv", "gem.csv", "p.ini"};

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

static const char *val(const rp_vws *v, size_t g, const char *id)
{
    for (size_t k = 0; k < rp_vws_nfields(v); k++)
        if (strcmp(rp_vws_field_id(v, k), id) == 0)
            return rp_vws_value(v, g, k);
    return NULL;
}

static int has_warning(const rp_vws *v, const char *part)
{
    for (size_t i = 0; i < rp_vws_nwarnings(v); i++)
        if (strstr(rp_vws_warning(v, i), part))
            return 1;
    return 0;
}

static void check_values(const rp_vws *v)
{
    CHECK(rp_vws_count(v) == 3);
    CHECK(rp_vws_nfields(v) == 15);
    CHECK_STR(rp_vws_gemeente(v, 0), "Alpha");
    CHECK_STR(rp_vws_gemeente(v, 1), "Beta");
    CHECK_STR(rp_vws_gemeente(v, 2), "Gamma");
    CHECK_STR(rp_vws_field_label(v, 2), "themas"); /* no omschrijving: the id */
    CHECK_STR(rp_vws_field_label(v, 9), "Wist waar");
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
    CHECK(rp_vws_is_number(v, 2, 8) && !rp_vws_is_number(v, 2, 5) && !rp_vws_is_number(v, 1, 8));
    /* what the user is told */
    CHECK(has_warning(v, "1 respondent has no gemeente"));
    CHECK(has_warning(v, "no invited counts for Beta; uitgezet, respons are empty there"));
    CHECK(has_warning(v, "has no row for Beta; punten is empty there"));
    CHECK(has_warning(v, "lists Delta, without respondents"));
    CHECK(has_warning(v, "sets no [vws] doelgroep: doelgroep is empty"));
    CHECK(has_warning(v, "no column for kwaliteit_leven: leven is empty"));
    CHECK(!has_warning(v, "methode"));
    CHECK(rp_vws_nwarnings(v) == 6);
}

/* The writer's file in the dialect of flags, read back (free it). */
static char *csv_of(const rp_vws *v, int flags)
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

static void check_csv(const rp_vws *v)
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
        rp_vws *v = rp_vws_build(t, proj, NULL, 5, &err);
        CHECK(v != NULL);
        if (!v)
            fprintf(stderr, "    %s:%ld:%ld: %s\n", err.path, err.line, err.column, err.message);
        else {
            check_values(v);
            check_csv(v);
        }
        rp_vws_free(v);

        /* out of memory at every allocation of the build */
        ceo_alloc_fail_at(0);
        rp_vws_free(rp_vws_build(t, proj, NULL, 5, &err));
        long total = ceo_alloc_fail_at(0), wrong = 0;
        CHECK(total > 30);
        for (long n = 1; n <= total; n++) {
            ceo_error_clear(&err);
            ceo_alloc_fail_at(n);
            rp_vws *w = rp_vws_build(t, proj, NULL, 5, &err);
            ceo_alloc_fail_at(0);
            if (w || err.code != CEO_ENOMEM)
                wrong++;
            rp_vws_free(w);
        }
        CHECK(wrong == 0);

        /* no schema at all is the caller's mistake */
        ceo_error_clear(&err);
        CHECK(rp_vws_build(t, NULL, NULL, 5, &err) == NULL && err.code == CEO_EUSAGE);
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
