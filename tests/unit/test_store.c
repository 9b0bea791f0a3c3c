/*
 * test_store.c - the table's filling API (survey/tablefill.h: a setter refuses an item not in
 * use, of another type, or a row not added), the store's record read back through it into an
 * equal row (survey/storerec.c), and a store's add, list, read, verify and follow-up lists,
 * whose rows come through the one SELECT-into-an-array helper (survey/storedb.c).
 */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../survey/codebook.h"
#include "../../survey/storepriv.h"
#include "../../survey/survey.h"
#include "../../survey/tablefill.h"
#include "t.h"

void test_store(void);

static const char export_csv[] = "respondent_id,datum,gemeente,Rapportcijfer,Ik werd snel geholpen,"
                                 "contact_toestemming,opmerkingen\n"
                                 "R1,2026-03-02,Tiel,8,Mee eens,ja,Prima\n"
                                 "R2,2026-03-09,Buren,6,Niet mee eens,nee,\n"
                                 ",2026-03-11,Tiel,7,Neutraal,,Goed geholpen\n";

static void test_fill(const sv_codebook *cb)
{
    ceo_error err;
    ceo_error_clear(&err);
    sv_table *t = sv_table_new(cb, 0, &err);
    int cijfer = sv_codebook_find(cb, "cijfer"), snel = sv_codebook_find(cb, "snel_geholpen");
    int datum = sv_codebook_find(cb, "datum");
    CHECK(t && cijfer >= 0 && snel >= 0 && datum >= 0);
    if (!t || cijfer < 0 || snel < 0 || datum < 0) {
        sv_table_free(t);
        return;
    }
    CHECK(sv_table_add_row(t) == 0);
    CHECK(sv_table_set_number(t, cijfer, 0, 8) == -1); /* not in use yet */
    CHECK(sv_table_use_item(t, cijfer) == 0 && sv_table_use_item(t, snel) == 0);
    CHECK(sv_table_use_item(t, datum) == 0);
    CHECK(isnan(sv_table_numbers(t, cijfer)[0])); /* a row starts missing */
    CHECK(sv_table_set_number(t, cijfer, 0, 8) == 0);
    CHECK(sv_table_set_code(t, snel, 0, 2) == 0);
    CHECK(sv_table_set_date(t, datum, 0, 86400) == 0);
    CHECK(sv_table_set_code(t, cijfer, 0, 1) == -1);   /* a number, not a code */
    CHECK(sv_table_set_number(t, snel, 0, 1) == -1);   /* a code, not a number */
    CHECK(sv_table_set_multi(t, snel, 0, 1) == -1);    /* not a multi-select */
    CHECK(sv_table_set_number(t, cijfer, 1, 7) == -1); /* no row 1 yet */
    CHECK(sv_table_set_code(t, -1, 0, 1) == -1);
    CHECK(sv_table_add_row(t) == 1);
    CHECK(sv_table_set_number(t, cijfer, 1, 7) == 0);
    CHECK(sv_table_numbers(t, cijfer)[0] == 8 && sv_table_numbers(t, cijfer)[1] == 7);
    CHECK(sv_table_codes(t, snel)[0] == 2 && sv_table_codes(t, snel)[1] == 0);
    CHECK(sv_table_dates(t, datum)[0] == 86400);
    CHECK(sv_table_dates(t, datum)[1] == SV_MISSING_DATE);
    sv_table_free(t);
}

/* Each row of a read export, encoded, decoded into a new table and encoded again, gives the
 * same record: decoding through tablefill.h loses nothing the record holds. */
static void test_records(const sv_codebook *cb, const sv_table *t)
{
    ceo_error err;
    ceo_error_clear(&err);
    sv_table *back = sv_table_new(cb, SV_KEEP_TEXT, &err);
    sv_buf a = {0}, b = {0};
    sv_rec_reader rd = {0};
    long skipped = 0;
    CHECK(back != NULL);
    for (size_t r = 0; back && r < sv_table_rows(t); r++) {
        CHECK(sv_rec_encode(t, r, &a) == 0);
        CHECK(sv_rec_decode(back, a.p, a.len, &skipped, &rd) == 0);
        CHECK(sv_rec_encode(back, r, &b) == 0);
        CHECK(a.len == b.len && memcmp(a.p, b.p, a.len) == 0);
        size_t n = 0;
        const char *g = sv_rec_value(a.p, a.len, "gemeente", &n);
        CHECK(g &&
              ((n == 4 && memcmp(g, "Tiel", 4) == 0) || (n == 5 && memcmp(g, "Buren", 5) == 0)));
    }
    CHECK(skipped == 0);
    sv_buf_free(&a);
    sv_buf_free(&b);
    sv_rec_reader_free(&rd);
    sv_table_free(back);
}

static void test_add_read(const sv_codebook *cb, const sv_table *t, const char *path)
{
    ceo_error err;
    ceo_error_clear(&err);
    sv_store *s = sv_store_open(path, SV_STORE_CREATE, NULL, NULL, &err);
    CHECK(s != NULL);
    if (!s)
        return;
    sv_store_added added;
    CHECK(sv_store_add(s, t, "maart.csv", "ab", "test", NULL, 0, NULL, NULL, &added, &err) ==
          CEO_OK);
    CHECK(added.batch == 1 && added.added == 3 && !added.already);
    sv_store_added_free(&added);
    CHECK(sv_store_add(s, t, "maart.csv", "ab", "test", NULL, 0, NULL, NULL, &added, &err) ==
          CEO_OK);
    CHECK(added.already && added.batch == 1);
    sv_store_added_free(&added);

    sv_store_batch *b = NULL;
    size_t nb = 0;
    CHECK(sv_store_batches(s, &b, &nb, &err) == CEO_OK);
    CHECK(nb == 1 && b && b[0].id == 1 && b[0].respondents == 3 && b[0].current == 3);
    if (nb == 1)
        CHECK_STR(b[0].file, "maart.csv");
    ceo_free(b);
    CHECK(sv_store_verify(s, &err) == CEO_OK);
    CHECK(sv_store_last_month(s, &err) == 202603);

    sv_table *back = sv_table_new(cb, SV_KEEP_TEXT, &err);
    long read = 0, skipped = 0;
    char **rids = NULL;
    CHECK(back && sv_store_read_ids(s, back, 0, 0, &read, &skipped, &rids, &err) == CEO_OK);
    CHECK(read == 3 && skipped == 0 && back && sv_table_rows(back) == 3);
    if (read == 3 && rids) {
        CHECK_STR(rids[0], "R1");
        CHECK(rids[2][0] == '#'); /* no id: the hash of its answers */
        int k = sv_codebook_find(cb, "cijfer");
        CHECK(sv_table_numbers(back, k) && sv_table_numbers(back, k)[1] == 6);
        CHECK_STR(sv_table_group(back, sv_codebook_find(cb, "gemeente"), 1), "Buren");
    }
    sv_store_ids_free(rids, (size_t)read);
    sv_table_free(back);

    /* follow-up lists: none until one is made; then one row per list */
    sv_store_list *l = NULL;
    size_t nl = 9;
    CHECK(sv_store_lists(s, &l, &nl, &err) == CEO_OK && nl == 0 && !l);
    long list = 0;
    CHECK(sv_store_begin(s, &err) == CEO_OK);
    CHECK(sv_store_new_list(s, "opvolging.csv", &list, &err) == CEO_OK && list == 1);
    CHECK(sv_store_mark_handed(s, "R1", list, "opvolging.csv", &err) == CEO_OK);
    CHECK(sv_store_mark_handed(s, "R2", list, "opvolging.csv", &err) == CEO_OK);
    CHECK(sv_store_commit(s, &err) == CEO_OK);
    CHECK(sv_store_lists(s, &l, &nl, &err) == CEO_OK && nl == 1 && l && l[0].handed == 2);
    ceo_free(l);
    sv_store_followup *f = NULL;
    size_t nf = 0;
    CHECK(sv_store_followups(s, &f, &nf, &err) == CEO_OK && nf == 2);
    if (nf == 2) {
        CHECK_STR(f[0].rid, "R1");
        CHECK_STR(f[1].list_name, "opvolging.csv");
    }
    ceo_free(f);
    CHECK(sv_store_handed(s, "R2", &err) == 1 && sv_store_handed(s, "R3", &err) == 0);
    sv_store_close(s);
}

/* A store whose answers are not in the table in the order they were added (rowid order other
 * than (batch, seq)) is read in the order added all the same: the read in rowid order notices
 * and reads again through the index. Also read through the memory map and back. */
static void test_out_of_order(const sv_codebook *cb, const char *path)
{
    ceo_error err;
    ceo_error_clear(&err);
    sv_store *s = sv_store_open(path, SV_STORE_WRITE, NULL, NULL, &err);
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK(sv_db_exec(s,
                     "BEGIN; CREATE TEMP TABLE keep AS SELECT * FROM answers; DELETE FROM answers;"
                     " INSERT INTO answers SELECT * FROM keep ORDER BY seq DESC; COMMIT;",
                     &err, "test") == CEO_OK);
    sv_store_close(s);
    s = sv_store_open(path, SV_STORE_READ, NULL, NULL, &err);
    CHECK(s != NULL);
    sv_table *back = s ? sv_table_new(cb, SV_KEEP_TEXT, &err) : NULL;
    long read = 0, skipped = 0;
    char **rids = NULL;
    CHECK(back && sv_store_read_ids(s, back, 0, 0, &read, &skipped, &rids, &err) == CEO_OK);
    CHECK(read == 3 && back && sv_table_rows(back) == 3);
    if (read == 3 && rids) {
        CHECK_STR(rids[0], "R1");
        CHECK_STR(rids[1], "R2");
        CHECK(rids[2][0] == '#');
        int k = sv_codebook_find(cb, "cijfer");
        CHECK(sv_table_numbers(back, k) && sv_table_numbers(back, k)[0] == 8 &&
              sv_table_numbers(back, k)[1] == 6);
    }
    sv_store_ids_free(rids, (size_t)read);
    sv_table_free(back);
    sv_store_close(s);
}

/* Many answers, one out of the order added some chunks in (the feeder has handed over whole
 * chunks by then), read in the order added; read through the memory map when allowed, and
 * the map's path known only while the store is open. */
static void test_many_out_of_order(const sv_codebook *cb)
{
    enum { N = 5000 };
    ceo_error err;
    ceo_error_clear(&err);
    sv_buf csv = {0};
    int ok = sv_buf_set(&csv, "respondent_id,datum,gemeente,Rapportcijfer\n", 43) == 0;
    char line[96];
    for (int r = 1; ok && r <= N; r++) {
        int n = snprintf(line, sizeof line, "R%d,2026-03-%02d,%s,%d\n", r, 1 + r % 28,
                         r % 3 ? "Tiel" : "Buren", 1 + r % 10);
        ok = sv_buf_add(&csv, line, (size_t)n) == 0;
    }
    sv_table *t = ok ? sv_table_new(cb, SV_KEEP_TEXT, &err) : NULL;
    CHECK(t != NULL);
    if (!t) {
        sv_buf_free(&csv);
        return;
    }
    sv_table_set_year(t, 2026);
    CHECK(sv_table_read_mem(t, "veel.csv", csv.p, csv.len, NULL, NULL, &err) == CEO_OK);
    sv_buf_free(&csv);
    char path[] = "/tmp/ceo-unit-store-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0) {
        sv_table_free(t);
        return;
    }
    close(fd);
    unlink(path);
    sv_store *s = sv_store_open(path, SV_STORE_CREATE, NULL, NULL, &err);
    sv_store_added added;
    CHECK(s && sv_store_add(s, t, "veel.csv", "cd", "test", NULL, 0, NULL, NULL, &added, &err) ==
                   CEO_OK);
    if (s)
        sv_store_added_free(&added);
    /* the answer of seq 4500 after that of 4501 in the table */
    CHECK(s && sv_db_exec(s,
                          "BEGIN; CREATE TEMP TABLE keep AS SELECT * FROM answers;"
                          " DELETE FROM answers; INSERT INTO answers SELECT * FROM keep"
                          " ORDER BY CASE seq WHEN 4500 THEN 4501.5 ELSE seq END; COMMIT;",
                          &err, "test") == CEO_OK);
    sv_store_close(s);
    sv_store_allow_map();
    s = sv_store_open(path, SV_STORE_READ, NULL, NULL, &err);
    CHECK(s != NULL && sv_store_mapped_path() && strcmp(sv_store_mapped_path(), path) == 0);
    sv_table *back = s ? sv_table_new(cb, 0, &err) : NULL;
    long read = 0, skipped = 0;
    char **rids = NULL;
    CHECK(back && sv_store_read_ids(s, back, 0, 0, &read, &skipped, &rids, &err) == CEO_OK);
    CHECK(read == N && skipped == 0 && back && sv_table_rows(back) == N);
    int wrong = 0;
    const double *cijfer = back ? sv_table_numbers(back, sv_codebook_find(cb, "cijfer")) : NULL;
    for (int r = 0; rids && cijfer && r < read; r++) {
        snprintf(line, sizeof line, "R%d", r + 1);
        wrong += strcmp(rids[r], line) != 0 || cijfer[r] != 1 + (r + 1) % 10;
    }
    CHECK(rids && cijfer && wrong == 0);
    sv_store_ids_free(rids, (size_t)read);
    sv_table_free(back);
    sv_store_close(s);
    CHECK(sv_store_mapped_path() == NULL);
    sv_table_free(t);
    unlink(path);
    char side[sizeof path + 8];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

void test_store(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/templates/ceo-wmo", t_root);
    ceo_error err;
    ceo_error_clear(&err);
    sv_codebook *cb = sv_codebook_load(dir, &err);
    CHECK(cb != NULL);
    if (!cb)
        return;
    test_fill(cb);
    test_many_out_of_order(cb);
    sv_table *t = sv_table_new(cb, SV_KEEP_TEXT, &err);
    sv_table_set_year(t, 2026);
    CHECK(t && sv_table_read_mem(t, "maart.csv", export_csv, sizeof export_csv - 1, NULL, NULL,
                                 &err) == CEO_OK);
    CHECK(t && sv_table_rows(t) == 3);
    if (t && sv_table_rows(t) == 3) {
        test_records(cb, t);
        char path[] = "/tmp/ceo-unit-store-XXXXXX";
        int fd = mkstemp(path);
        CHECK(fd >= 0);
        if (fd >= 0) {
            close(fd);
            unlink(path); /* the store makes it, 0600 */
            test_add_read(cb, t, path);
            test_out_of_order(cb, path);
            char side[sizeof path + 8];
            unlink(path);
            snprintf(side, sizeof side, "%s-wal", path);
            unlink(side);
            snprintf(side, sizeof side, "%s-shm", path);
            unlink(side);
        }
    }
    sv_table_free(t);
    sv_codebook_free(cb);
}
