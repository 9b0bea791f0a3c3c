/*
 * store.c - opening a batch store and keeping its schema: the file checks before SQLite sees
 * it, the migrations from each older schema, the check that a database is a ceo store, and
 * verifying a store against its invariants (see store.h; the other jobs are in the files
 * storepriv.h lists). SQLite itself is behind storedb.c.
 */
#include "storepriv.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SCHEMA 3

/* Schema 2's rule for the answer that counts: no other answer of the respondent is later (by
 * date; on equal dates, by batch). Schema 3 keeps the outcome in answers.current. */
#define CURRENT_SQL                                                                                \
    "NOT EXISTS (SELECT 1 FROM answers b WHERE b.rid = a.rid AND"                                  \
    " (coalesce(b.datum, " SV_UNDATED ") > coalesce(a.datum, " SV_UNDATED ") OR"                   \
    " (coalesce(b.datum, " SV_UNDATED ") = coalesce(a.datum, " SV_UNDATED ") AND"                  \
    " b.batch > a.batch)))"
/* The schema, as migrations: migrations[v] brings version v to v + 1. */
static const char *const migrations[SCHEMA] = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "INSERT INTO meta VALUES('application', 'ceo');"
    "CREATE TABLE batches(id INTEGER PRIMARY KEY, file TEXT NOT NULL,"
    " sha256 TEXT NOT NULL UNIQUE, added TEXT NOT NULL, respondents INTEGER NOT NULL,"
    " new_answers INTEGER NOT NULL, codebook TEXT NOT NULL);"
    "CREATE TABLE answers(rid TEXT NOT NULL, batch INTEGER NOT NULL, seq INTEGER NOT NULL,"
    " datum INTEGER, month INTEGER, content TEXT NOT NULL, record BLOB NOT NULL,"
    " PRIMARY KEY(rid, batch)) WITHOUT ROWID;"
    "CREATE INDEX answers_batch ON answers(batch, seq);"
    "CREATE TABLE handed(rid TEXT PRIMARY KEY, at TEXT NOT NULL, list TEXT NOT NULL);",
    /* 2: answers in a rowid table, in the order they were added, with the key in an index.
     * Kept in key order (WITHOUT ROWID), each new respondent's record went to a random page
     * of the whole table: a month added to a 60-month store wrote three times the pages it
     * wrote to a new one. Now the records are appended and only the small index entries
     * land at random. */
    "CREATE TABLE answers2(rid TEXT NOT NULL, batch INTEGER NOT NULL, seq INTEGER NOT NULL,"
    " datum INTEGER, month INTEGER, content TEXT NOT NULL, record BLOB NOT NULL,"
    " UNIQUE(rid, batch));"
    "INSERT INTO answers2(rid, batch, seq, datum, month, content, record)"
    " SELECT rid, batch, seq, datum, month, content, record FROM answers ORDER BY batch, seq;"
    "DROP TABLE answers;"
    "ALTER TABLE answers2 RENAME TO answers;"
    "CREATE INDEX answers_batch ON answers(batch, seq);",
    /* 3: a month added to a store of five years cost three times a month added to a new one:
     * every new respondent went into the index on (rid, batch) at a random place, so nearly
     * every page of that index was written again. Now the index is (batch, rid), so a new
     * batch's entries go at its end, which answer counts is kept in answers.current instead of
     * being looked up by rid, and each batch keeps the 64-bit hashes of its respondent ids,
     * sorted, in ids: a new batch is matched against those in one pass (see find_earlier). The
     * ids rows are filled in C after this script (fill_ids). */
    "CREATE TABLE answers3(rid TEXT NOT NULL, batch INTEGER NOT NULL, seq INTEGER NOT NULL,"
    " datum INTEGER, month INTEGER, content TEXT NOT NULL, record BLOB NOT NULL,"
    " current INTEGER NOT NULL);"
    "INSERT INTO answers3(rid, batch, seq, datum, month, content, record, current)"
    " SELECT rid, batch, seq, datum, month, content, record, " CURRENT_SQL
    " FROM answers a ORDER BY batch, seq;"
    "DROP TABLE answers;"
    "ALTER TABLE answers3 RENAME TO answers;"
    "CREATE UNIQUE INDEX answers_key ON answers(batch, rid);"
    "CREATE INDEX answers_batch ON answers(batch, seq);"
    "CREATE TABLE ids(batch INTEGER PRIMARY KEY, hashes BLOB NOT NULL);",
};

/* Not part of the schema's version, so that a reader of a store without it needs no
 * conversion: made for every store opened for writing (once; on a large store the first
 * add after this ceo takes a scan of the answers longer). Reading a store looks up the
 * answers that no longer count (the consent withdrawals, see storeread.c): without it each
 * read scanned every answer for them. */
#define INDEX_OLD_SQL "CREATE INDEX IF NOT EXISTS answers_old ON answers(rid) WHERE current = 0"

int sv_store_schema(void)
{
    return SCHEMA;
}

void sv_store_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* CEO_OK when the table meta says application=ceo; CEO_EDATA naming the file otherwise. */
static ceo_status check_application(sv_store *s, ceo_error *err)
{
    ceo_status st = CEO_OK;
    sv_stmt *q = sv_db_prepare(s, "SELECT value FROM meta WHERE key = 'application'", err);
    int rc = q ? sv_db_step(q) : -1;
    if (q && rc < 0) /* e.g. SQLITE_CORRUPT */
        st = ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "the store is damaged: %s",
                           sv_db_message(s));
    else if (!q || rc != 1 || !sv_db_text(q, 0) || strcmp(sv_db_text(q, 0), "ceo") != 0)
        st =
            ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "an SQLite database, but not a ceo store");
    sv_db_finalize(q);
    return st;
}

static ceo_status newer(sv_store *s, int v, ceo_error *err)
{
    return ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                         "the store has schema version %d; this ceo knows up to %d "
                         "(made by a newer ceo)",
                         v, SCHEMA);
}

static ceo_status migrate(sv_store *s, sv_store_converting converting, void *data, ceo_error *err)
{
    if (sv_db_exec(s, "BEGIN IMMEDIATE", err, "cannot open the store"))
        return err ? err->code : CEO_EIO;
    int v = sv_db_user_version(s, err);
    ceo_status st = v < 0 ? (err ? err->code : CEO_EDATA) : CEO_OK;
    if (!st && v > SCHEMA)
        st = newer(s, v, err);
    if (!st && v == 0) { /* a new file must be empty, not someone else's database */
        sv_stmt *q = sv_db_prepare(s, "SELECT count(*) FROM sqlite_master", err);
        if (!q)
            st = err ? err->code : CEO_EDATA;
        else if (sv_db_step(q) != 1)
            st = sv_db_error(s, err, "cannot read the store");
        else if (sv_db_int(q, 0) != 0)
            st = ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                               "an SQLite database, but not a ceo store");
        sv_db_finalize(q);
    }
    if (!st && v > 0 && v < SCHEMA && converting)
        converting(data, s->path, v, SCHEMA);
    for (; !st && v < SCHEMA; v++) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
        if (!(st = sv_db_exec(s, migrations[v], err, "cannot update the store's schema")) && v == 2)
            st = sv_ids_fill(s, err);
        if (!st)
            st = sv_db_exec(s, sql, err, "cannot update the store's schema");
    }
    if (!st && v == SCHEMA)
        st = check_application(s, err);
    if (!st)
        st = sv_db_exec(s, INDEX_OLD_SQL, err, "cannot update the store's schema");
    if (st) {
        sv_db_rollback(s);
        return st;
    }
    return sv_db_exec(s, "COMMIT", err, "cannot update the store's schema");
}

/* Opens the store read-only (SV_STORE_READ): a reader needs no write access to the file or its
 * folder (see sv_db_open_read). Returns 1 opened, 0 when the read-write open must decide (an
 * older schema to convert, or no ceo store: it says why), -1 with err set. */
static int open_read(sv_store *s, ceo_error *err)
{
    int v = sv_db_open_read(s, err);
    if (v < -1)
        return -1;
    if (v > SCHEMA) {
        newer(s, v, err);
        return -1;
    }
    if (v < SCHEMA) {
        sv_db_close(s);
        return 0;
    }
    if (sv_db_exec(s, "PRAGMA cache_size = -65536", err, "cannot open the store") ||
        check_application(s, err))
        return -1;
    sv_db_map(s);
    return 1;
}

sv_store *sv_store_open(const char *path, sv_store_mode mode, sv_store_converting converting,
                        void *data, ceo_error *err)
{
    int create = mode == SV_STORE_CREATE;
    FILE *probe = fopen(path, "rb");
    if (probe) {
        int empty = fgetc(probe) == EOF;
        fclose(probe);
        /* SQLite takes an empty file for a new database; reading commands must not make one */
        if (empty && !create) {
            ceo_error_set(err, CEO_EDATA, path, 0, 0,
                          "an empty file, not a ceo store (ceo batch add creates one)");
            return NULL;
        }
    } else if (!create) {
        ceo_error_set(err, CEO_EIO, path, 0, 0, "no such store (ceo batch add creates one)");
        return NULL;
    } else {
        /* The store holds personal data: it is created 0600 whatever the umask, and SQLite
         * gives its -wal and -shm files the mode of the database file. */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0)
            close(fd);
    }
    sv_store *s = ceo_calloc(1, sizeof *s);
    if (!s || !(s->path = ceo_strdup(path))) {
        ceo_free(s);
        ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    if (mode == SV_STORE_READ) {
        int r = open_read(s, err);
        if (r < 0) {
            sv_store_close(s);
            return NULL;
        }
        if (r > 0)
            return s;
        /* an older schema to convert, or no store: as a writer opens it */
    }
    if (sv_db_open_write(s, create, err) || migrate(s, converting, data, err)) {
        sv_store_close(s);
        return NULL;
    }
    return s;
}

void sv_store_close(sv_store *s)
{
    if (!s)
        return;
    sv_db_close(s);
    ceo_free(s->path);
    ceo_free(s);
}

/* ---- verifying -------------------------------------------------------------------------- */
/* Every row's record hashed again and compared with the content hash stored beside it: an
 * answer edited in the database directly (not through ceo) no longer matches. Names the first
 * batch with such rows and how many it has, and the total when other batches have some too. */
static ceo_status verify_content(sv_store *s, ceo_error *err)
{
    sv_stmt *q = sv_db_prepare(s, "SELECT batch, content, record FROM answers ORDER BY batch", err);
    if (!q)
        return err ? err->code : CEO_EDATA;
    long first = -1, in_first = 0, total = 0;
    int rc;
    while ((rc = sv_db_step(q)) == 1) {
        size_t len;
        const void *rec = sv_db_blob(q, 2, &len);
        const char *content = sv_db_text(q, 1);
        char hex[65];
        sv_rec_hash(rec ? rec : "", len, hex);
        if (content && strcmp(content, hex) == 0)
            continue;
        long batch = (long)sv_db_int(q, 0);
        if (first < 0)
            first = batch;
        if (batch == first)
            in_first++;
        total++;
    }
    ceo_status st = rc == 0 ? CEO_OK : sv_db_error(s, err, "cannot check the store");
    sv_db_finalize(q);
    if (st || total == 0)
        return st;
    if (total == in_first)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                             "batch %ld: %ld answers differ from what was added (their records no "
                             "longer match their hashes)",
                             first, in_first);
    return ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                         "batch %ld: %ld answers differ from what was added (their records no "
                         "longer match their hashes); %ld in all batches",
                         first, in_first, total);
}

ceo_status sv_store_verify(sv_store *s, ceo_error *err)
{
    char v[512];
    if (sv_db_query_text(s, "PRAGMA integrity_check", v, sizeof v, err))
        return err ? err->code : CEO_EDATA;
    if (strcmp(v, "ok") != 0)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "the database is damaged: %s", v);
    if (sv_db_query_text(s, "PRAGMA user_version", v, sizeof v, err))
        return err ? err->code : CEO_EDATA;
    if (sv_db_long(v) != SCHEMA)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "schema version %s, expected %d", v,
                             SCHEMA);
    if (sv_db_query_text(s,
                         "SELECT count(*) FROM answers WHERE batch NOT IN (SELECT id FROM batches)",
                         v, sizeof v, err))
        return err ? err->code : CEO_EDATA;
    if (sv_db_long(v) != 0)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "%s answers belong to no batch", v);
    if (sv_db_query_text(s,
                         "SELECT id FROM batches WHERE new_answers <>"
                         " (SELECT count(*) FROM answers WHERE batch = batches.id) LIMIT 1",
                         v, sizeof v, err))
        return err ? err->code : CEO_EDATA;
    if (v[0])
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                             "batch %s does not hold the answers it was added with", v);
    if (sv_db_query_text(s, "SELECT count(*) FROM answers WHERE length(content) <> 64", v, sizeof v,
                         err))
        return err ? err->code : CEO_EDATA;
    if (sv_db_long(v) != 0)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "%s answers have no content hash", v);
    if (sv_db_query_text(
            s,
            "SELECT id FROM batches WHERE 4 * new_answers <>"
            " coalesce((SELECT length(hashes) FROM ids WHERE ids.batch = batches.id), 0)"
            " LIMIT 1",
            v, sizeof v, err))
        return err ? err->code : CEO_EDATA;
    if (v[0])
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                             "batch %s: its list of respondent ids does not match its answers", v);
    if (sv_db_query_text(s,
                         "SELECT count(*) FROM (SELECT rid FROM answers GROUP BY rid"
                         " HAVING sum(current = 1) <> 1 OR sum(current NOT IN (0, 1)) > 0)",
                         v, sizeof v, err))
        return err ? err->code : CEO_EDATA;
    if (sv_db_long(v) != 0)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                             "respondents without exactly one answer that counts: %s", v);
    return verify_content(s, err);
}

int sv_store_last_month(sv_store *s, ceo_error *err)
{
    char v[32];
    if (sv_db_query_text(s, "SELECT coalesce(max(month), 0) FROM answers", v, sizeof v, err))
        return -1;
    return (int)sv_db_long(v);
}
