/*
 * test_subset.c - sv_table_subset (survey/tablesub.c): the rows of a store's answers dated in
 * some months, taken from the table of all of them, make the table that reading those months
 * from the store gives: the same records row by row, the same items in use and the same
 * groups in the same order. The dashboard's last twelve months rely on it. And the store's
 * search for withdrawn consent goes through its partial index.
 */
#include <stdlib.h>
#include <unistd.h>

#include "../../survey/codebook.h"
#include "../../survey/storepriv.h"
#include "../../survey/survey.h"
#include "../../survey/values.h"
#include "t.h"

void test_subset(void);

/* Buren and Culemborg first occur in March, after Tiel; opmerkingen is answered in January
 * only; R5 has no date. */
static const char export_csv[] = "respondent_id,datum,gemeente,Rapportcijfer,Ik werd snel geholpen,"
                                 "contact_toestemming,opmerkingen\n"
                                 "R1,2026-01-02,Tiel,8,Mee eens,ja,Prima\n"
                                 "R2,2026-03-09,Buren,6,Niet mee eens,nee,\n"
                                 "R3,2026-02-11,Tiel,7,Neutraal,,\n"
                                 "R4,2026-03-12,Culemborg,,Mee eens,ja,\n"
                                 "R5,,Buren,9,,,\n"
                                 "R6,2026-03-20,Tiel,5,Helemaal mee eens,nee,\n";

/* Whether a and b hold the same rows, items and groups. */
static void check_equal(const sv_codebook *cb, const sv_table *a, const sv_table *b)
{
    CHECK(sv_table_rows(a) == sv_table_rows(b));
    for (size_t i = 0; i < sv_codebook_nitems(cb); i++) {
        CHECK(sv_table_has(a, (int)i) == sv_table_has(b, (int)i));
        CHECK(sv_table_ngroups(a, (int)i) == sv_table_ngroups(b, (int)i));
        for (size_t k = 0; k < sv_table_ngroups(a, (int)i) && k < sv_table_ngroups(b, (int)i); k++)
            CHECK_STR(sv_table_group(a, (int)i, k), sv_table_group(b, (int)i, k));
    }
    sv_buf x = {0}, y = {0};
    for (size_t r = 0; r < sv_table_rows(a) && r < sv_table_rows(b); r++) {
        CHECK(sv_rec_encode(a, r, &x) == 0 && sv_rec_encode(b, r, &y) == 0);
        CHECK(x.len == y.len && memcmp(x.p, y.p, x.len) == 0);
    }
    sv_buf_free(&x);
    sv_buf_free(&y);
}

/* The rows of t dated in the months [from, to], kept as a subset. */
static sv_table *months(const sv_table *t, int from, int to, ceo_error *err)
{
    size_t n = sv_table_rows(t);
    unsigned char *keep = calloc(n ? n : 1, 1);
    int kd = sv_codebook_find(sv_table_codebook(t), "datum");
    const int64_t *d = sv_table_dates(t, kd);
    for (size_t r = 0; keep && d && r < n; r++) {
        int y, m, day;
        if (d[r] == SV_MISSING_DATE)
            continue;
        sv_civil_from_seconds(d[r], &y, &m, &day);
        keep[r] = y * 100 + m >= from && y * 100 + m <= to;
    }
    sv_table *sub = keep ? sv_table_subset(t, keep, err) : NULL;
    free(keep);
    return sub;
}

static void test_store_months(const sv_codebook *cb, const sv_table *t, const char *path)
{
    ceo_error err;
    ceo_error_clear(&err);
    sv_store *s = sv_store_open(path, SV_STORE_CREATE, NULL, NULL, &err);
    CHECK(s != NULL);
    if (!s)
        return;
    sv_store_added added;
    CHECK(sv_store_add(s, t, "q1.csv", "ab", "test", NULL, 0, NULL, NULL, &added, &err) == CEO_OK);
    sv_store_added_free(&added);
    static const int ranges[][2] = {
        {202603, 202603}, {202602, 202603}, {202601, 202601}, {202604, 202612}, {202601, 202612}};
    sv_table *all = sv_table_new(cb, 0, &err);
    long read = 0, skipped = 0;
    CHECK(all && sv_store_read(s, all, 0, 0, &read, &skipped, &err) == CEO_OK && read == 6);
    for (size_t k = 0; all && k < sizeof ranges / sizeof *ranges; k++) {
        sv_table *direct = sv_table_new(cb, 0, &err);
        CHECK(direct && sv_store_read(s, direct, ranges[k][0], ranges[k][1], &read, &skipped,
                                      &err) == CEO_OK);
        sv_table *sub = months(all, ranges[k][0], ranges[k][1], &err);
        CHECK(sub != NULL);
        if (direct && sub)
            check_equal(cb, direct, sub);
        sv_table_free(sub);
        sv_table_free(direct);
    }
    /* March alone: the groups renumbered as they occur there, opmerkingen not in use */
    sv_table *march = months(all, 202603, 202603, &err);
    int kg = sv_codebook_find(cb, "gemeente"), ko = sv_codebook_find(cb, "opmerkingen");
    CHECK(march && sv_table_rows(march) == 3 && sv_table_ngroups(march, kg) == 3);
    if (march && sv_table_ngroups(march, kg) == 3) {
        CHECK_STR(sv_table_group(march, kg, 0), "Buren");
        CHECK_STR(sv_table_group(march, kg, 2), "Tiel");
        CHECK(sv_table_codes(march, kg)[2] == 3);
    }
    CHECK(ko >= 0 && all && sv_table_has(all, ko) && march && !sv_table_has(march, ko));
    sv_table_free(march);
    sv_table_free(all);
    /* every read looks for withdrawn consent among the answers that no longer count: through
     * the partial index, not a scan of all answers */
    sv_stmt *q = sv_db_prepare(s, "EXPLAIN QUERY PLAN " SV_WITHDRAWN_SQL, &err);
    const char *plan = q && sv_db_step(q) == 1 ? sv_db_text(q, 3) : NULL;
    CHECK(plan && strstr(plan, "USING INDEX answers_old"));
    if (plan && !strstr(plan, "USING INDEX answers_old"))
        fprintf(stderr, "    plan: %s\n", plan);
    sv_db_finalize(q);
    sv_store_close(s);
}

void test_subset(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/templates/ceo-wmo", t_root);
    ceo_error err;
    ceo_error_clear(&err);
    sv_codebook *cb = sv_codebook_load(dir, &err);
    CHECK(cb != NULL);
    if (!cb)
        return;
    sv_table *t = sv_table_new(cb, SV_KEEP_TEXT, &err);
    sv_table_set_year(t, 2026);
    CHECK(t && sv_table_read_mem(t, "q1.csv", export_csv, sizeof export_csv - 1, NULL, NULL,
                                 &err) == CEO_OK);
    CHECK(t && sv_table_rows(t) == 6);
    char path[] = "/tmp/ceo-unit-subset-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (t && sv_table_rows(t) == 6 && fd >= 0) {
        close(fd);
        unlink(path);
        test_store_months(cb, t, path);
        char side[sizeof path + 8];
        unlink(path);
        snprintf(side, sizeof side, "%s-wal", path);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", path);
        unlink(side);
    }
    sv_table_free(t);
    sv_codebook_free(cb);
}
