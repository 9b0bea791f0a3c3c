/* Out-of-memory sweep: the Nth allocation fails, for every N along loading the codebook and
 * reading an export; each run must end in CEO_ENOMEM (never a crash, never a wrong "ok"),
 * and under the sanitizer build LeakSanitizer checks that nothing leaks on those paths. */
#include <limits.h>

#include "../../survey/survey.h"
#include "t.h"

void test_alloc(void);
void test_alloc_sav(void);

static const char csv[] =
    "Respondent ID,Collector ID,In welke gemeente woont u?,Stellingen,"
    "Welke ondersteuning krijgt u?,,Rapportcijfer,Opmerkingen,Datum\n"
    ",,Response,Ik wist waar ik moest zijn met mijn hulpvraag.,Huishoudelijke hulp,Vervoer,"
    "Response,Open-Ended Response,Response\n"
    "1,9,Buren,Mee eens,Huishoudelijke hulp,,8,\"prima, dank\",3/6/2025\n"
    "2,9,Tiel,Mee oneens,,Vervoer,6,,3/7/2025\n"
    "3,9,G\xEBl,raar,,,11,,x\n";

static ceo_status run_once(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/fixtures/cb", t_root);
    ceo_error err;
    ceo_error_clear(&err);
    sv_codebook *cb = sv_codebook_load(dir, &err);
    if (!cb)
        return err.code;
    sv_table *t = sv_table_new(cb, SV_KEEP_TEXT, &err);
    sv_report *rep = NULL;
    ceo_status st =
        t ? sv_table_read_mem(t, "t.csv", csv, sizeof csv - 1, NULL, &rep, &err) : err.code;
    if (st == CEO_OK && (rep->respondents != 3 || rep->nunknown != 3))
        st = CEO_EDATA; /* an allocation failure must never pass as a different result */
    sv_report_free(rep);
    sv_table_free(t);
    sv_codebook_free(cb);
    return st;
}

/* Runs run() once to count its allocations, then once per N with the Nth failing: each must
 * end in CEO_ENOMEM, and a run after the sweep must succeed. Returns the count. */
static long sweep(const char *what, ceo_status (*run)(void))
{
    ceo_alloc_fail_at(LONG_MAX); /* armed, as in the failing runs */
    CHECK(run() == CEO_OK);
    long total = ceo_alloc_fail_at(0);
    CHECK(total > 50);
    long wrong = 0;
    for (long n = 1; n <= total; n++) {
        ceo_alloc_fail_at(n);
        ceo_status st = run();
        if (st != CEO_ENOMEM) {
            wrong++;
            if (wrong <= 3)
                fprintf(stderr, "    %s: allocation %ld of %ld failing gave status %d\n", what, n,
                        total, (int)st);
        }
    }
    ceo_alloc_fail_at(0);
    CHECK(wrong == 0);
    CHECK(run() == CEO_OK);
    return total;
}

void test_alloc(void)
{
    sweep("csv", run_once);
}

/* The same sweep for an SPSS file (tests/sav/features-mc.sav, made by pspp from
 * spss-features.sps): value labels, user-missing ranges, a multiple-category set. */
static ceo_status run_sav_once(void)
{
    char dir[1024], path[1024];
    snprintf(dir, sizeof dir, "%s/templates/ceo-wmo", t_root);
    snprintf(path, sizeof path, "%s/tests/sav/features-mc.sav", t_root);
    ceo_error err;
    ceo_error_clear(&err);
    sv_codebook *cb = sv_codebook_load(dir, &err);
    if (!cb)
        return err.code;
    sv_table *t = sv_table_new(cb, SV_KEEP_TEXT, &err);
    sv_report *rep = NULL;
    ceo_status st = t ? sv_table_read(t, path, NULL, &rep, &err) : err.code;
    if (st == CEO_OK &&
        (rep->respondents != 4 || rep->nunknown != 0 || rep->user_missing != 5 || rep->nsets != 1))
        st = CEO_EDATA;
    sv_report_free(rep);
    sv_table_free(t);
    sv_codebook_free(cb);
    return st;
}

void test_alloc_sav(void)
{
    long total = sweep(".sav", run_sav_once);
    printf(".sav read: %ld allocations, each made to fail in turn\n", total);
}
