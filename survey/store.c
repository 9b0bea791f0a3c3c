/*
 * store.c - the only file that includes sqlite3.h (see store.h).
 *
 * A respondent's answers are one record: "item id US value RS" for every item with a value,
 * where a category is its id in the codebook's scale, a group (gemeente, aanbieder) its name,
 * a number "%.17g", a date seconds since 1970, a multi-select "!" and its option ids joined by
 * '|' (then, only when the export did not ask some options, '~' and those ids joined by '|',
 * so that the record of a question asked whole stays as it always was), and kept text as written
 * (the separators US 0x1F and RS 0x1E cannot occur in it: they are replaced by spaces). The
 * record's SHA-256 tells whether an overlapping export brings the same answers again.
 */
#include "store.h"

#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../base/sha256.h"
#include "tablepriv.h"
#include "../base/text.h"
#include "values.h"

#define SCHEMA 3
#define US '\x1F'
#define RS '\x1E'
#define UNDATED "-9000000000000000000"

/* Schema 2's rule for the answer that counts: no other answer of the respondent is later (by
 * date; on equal dates, by batch). Schema 3 keeps the outcome in answers.current. */
#define CURRENT_SQL                                                                                \
    "NOT EXISTS (SELECT 1 FROM answers b WHERE b.rid = a.rid AND"                                  \
    " (coalesce(b.datum, " UNDATED ") > coalesce(a.datum, " UNDATED ") OR"                         \
    " (coalesce(b.datum, " UNDATED ") = coalesce(a.datum, " UNDATED ") AND b.batch > a.batch)))"

struct sv_store {
    sqlite3 *db;
    char *path;
};

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

int sv_store_schema(void)
{
    return SCHEMA;
}

static ceo_status db_error(sv_store *s, ceo_error *err, const char *what)
{
    what = ceo_tr(what); /* a message, translated as ceo_error_set's format is */
    int code = sqlite3_errcode(s->db);
    ceo_status st = code == SQLITE_NOMEM ? CEO_ENOMEM
                    : code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_IOERR ||
                            code == SQLITE_FULL || code == SQLITE_CANTOPEN ||
                            code == SQLITE_READONLY
                        ? CEO_EIO
                        : CEO_EDATA;
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                             "%s: not a ceo store, or a damaged one (%s)", what,
                             sqlite3_errmsg(s->db));
    if (code == SQLITE_READONLY)
        return ceo_error_set(err, CEO_EIO, s->path, 0, 0,
                             "%s: the store is read-only here (writing it needs write access to "
                             "the file and its folder)",
                             what);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        return ceo_error_set(err, CEO_EIO, s->path, 0, 0,
                             "%s: the store stayed busy (another run is writing it)", what);
    return ceo_error_set(err, st, s->path, 0, 0, "%s: %s", what, sqlite3_errmsg(s->db));
}

static ceo_status exec(sv_store *s, const char *sql, ceo_error *err, const char *what)
{
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? CEO_OK
                                                                   : db_error(s, err, what);
}

static sqlite3_stmt *prepare(sv_store *s, const char *sql, ceo_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        db_error(s, err, "cannot read the store");
        return NULL;
    }
    return st;
}

static ceo_status fill_ids(sv_store *s, ceo_error *err);

static int user_version(sv_store *s, ceo_error *err)
{
    sqlite3_stmt *st = prepare(s, "PRAGMA user_version", err);
    if (!st)
        return -1;
    int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    if (v < 0)
        db_error(s, err, "cannot read the store");
    sqlite3_finalize(st);
    return v;
}

/* CEO_OK when the table meta says application=ceo; CEO_EDATA naming the file otherwise. */
static ceo_status check_application(sv_store *s, ceo_error *err)
{
    ceo_status st = CEO_OK;
    sqlite3_stmt *q = prepare(s, "SELECT value FROM meta WHERE key = 'application'", err);
    int rc = q ? sqlite3_step(q) : SQLITE_ERROR;
    if (q && rc != SQLITE_ROW && rc != SQLITE_DONE) /* e.g. SQLITE_CORRUPT */
        st = ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "the store is damaged: %s",
                           sqlite3_errmsg(s->db));
    else if (!q || rc != SQLITE_ROW || !sqlite3_column_text(q, 0) ||
             strcmp((const char *)sqlite3_column_text(q, 0), "ceo") != 0)
        st =
            ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "an SQLite database, but not a ceo store");
    sqlite3_finalize(q);
    return st;
}

static ceo_status migrate(sv_store *s, sv_store_converting converting, void *data, ceo_error *err)
{
    if (exec(s, "BEGIN IMMEDIATE", err, "cannot open the store"))
        return err ? err->code : CEO_EIO;
    int v = user_version(s, err);
    ceo_status st = v < 0 ? (err ? err->code : CEO_EDATA) : CEO_OK;
    if (!st && v > SCHEMA)
        st = ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                           "the store has schema version %d; this ceo knows up to %d "
                           "(made by a newer ceo)",
                           v, SCHEMA);
    if (!st && v == 0) { /* a new file must be empty, not someone else's database */
        sqlite3_stmt *q = prepare(s, "SELECT count(*) FROM sqlite_master", err);
        if (!q)
            st = err ? err->code : CEO_EDATA;
        else if (sqlite3_step(q) != SQLITE_ROW)
            st = db_error(s, err, "cannot read the store");
        else if (sqlite3_column_int(q, 0) != 0)
            st = ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                               "an SQLite database, but not a ceo store");
        sqlite3_finalize(q);
    }
    if (!st && v > 0 && v < SCHEMA && converting)
        converting(data, s->path, v, SCHEMA);
    for (; !st && v < SCHEMA; v++) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
        if (!(st = exec(s, migrations[v], err, "cannot update the store's schema")) && v == 2)
            st = fill_ids(s, err);
        if (!st)
            st = exec(s, sql, err, "cannot update the store's schema");
    }
    if (!st && v == SCHEMA)
        st = check_application(s, err);
    if (st) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    return exec(s, "COMMIT", err, "cannot update the store's schema");
}

/* The schema version of the open database, or -1 when it cannot be read (nothing set). */
static int quiet_version(sqlite3 *db)
{
    sqlite3_stmt *q = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return v;
}

/* A nonzero size of the file path with suffix appended (the -wal beside the store). */
static int has_content(const char *path, const char *suffix)
{
    char name[PATH_MAX];
    if ((size_t)snprintf(name, sizeof name, "%s%s", path, suffix) >= sizeof name)
        return 1; /* cannot tell: assume it has */
    FILE *f = fopen(name, "rb");
    if (!f)
        return 0;
    int c = fgetc(f);
    fclose(f);
    return c != EOF;
}

/* Opens the store read-only (SV_STORE_READ): a reader needs no write access to the file or its
 * folder. SQLite reads a WAL database read-only when its -shm file exists or can be created;
 * where it cannot (a read-only folder after the last writer closed and removed -wal and -shm),
 * the file is opened as immutable, which is safe only because no -wal with content exists (a
 * writer would have to create one in that folder, which nobody can). Returns 1 opened, 0 when
 * the read-write open must decide (an older schema to convert, or no ceo store: it says why),
 * -1 with err set. */
static int open_read(sv_store *s, ceo_error *err)
{
    if (sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return 0;
    sqlite3_busy_timeout(s->db, 60000);
    int v = quiet_version(s->db);
    if (v < 0 && !has_content(s->path, "-wal")) {
        sqlite3_close(s->db);
        s->db = NULL;
        size_t len = strlen(s->path);
        char *uri = ceo_malloc(3 * len + 32);
        if (!uri) {
            ceo_error_set(err, CEO_ENOMEM, s->path, 0, 0, "out of memory");
            return -1;
        }
        char *o = uri + snprintf(uri, 8, "file:");
        for (const unsigned char *p = (const unsigned char *)s->path; *p; p++) {
            if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                strchr("/._~-", *p))
                *o++ = (char)*p;
            else
                o += snprintf(o, 4, "%%%02X", *p);
        }
        snprintf(o, 16, "?immutable=1");
        int rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
        ceo_free(uri);
        if (rc != SQLITE_OK)
            return 0;
        v = quiet_version(s->db);
    }
    if (v > SCHEMA) {
        ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                      "the store has schema version %d; this ceo knows up to %d "
                      "(made by a newer ceo)",
                      v, SCHEMA);
        return -1;
    }
    if (v < SCHEMA)
        return 0;
    if (exec(s, "PRAGMA cache_size = -65536", err, "cannot open the store") ||
        check_application(s, err))
        return -1;
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
        if (r != 0) {
            if (r < 0) {
                sv_store_close(s);
                return NULL;
            }
            return s;
        }
        sqlite3_close(s->db); /* an older schema to convert, or no store: as a writer opens it */
        s->db = NULL;
    }
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot open the store: %s",
                      s->db ? sqlite3_errmsg(s->db) : "out of memory");
        sv_store_close(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 60000);
    /* SQLite opens a write-protected file read-only without saying so; a writer must know now */
    if (sqlite3_db_readonly(s->db, "main") == 1) {
        ceo_error_set(err, CEO_EIO, path, 0, 0,
                      "%s: the store is read-only here (writing it needs write access to "
                      "the file and its folder)",
                      ceo_tr("cannot open the store"));
        sv_store_close(s);
        return NULL;
    }
    if (exec(s, "PRAGMA journal_mode = WAL", err, "cannot open the store") ||
        exec(s, "PRAGMA synchronous = FULL", err, "cannot open the store") ||
        exec(s, "PRAGMA cache_size = -65536", err, "cannot open the store") ||
        migrate(s, converting, data, err)) {
        sv_store_close(s);
        return NULL;
    }
    return s;
}

void sv_store_close(sv_store *s)
{
    if (!s)
        return;
    sqlite3_close(s->db);
    ceo_free(s->path);
    ceo_free(s);
}

/* ---- records ---------------------------------------------------------------------------- */

static int put(sv_buf *b, const char *id, const char *v, size_t n)
{
    char us = US, rs = RS;
    if (sv_buf_add(b, id, strlen(id)) || sv_buf_add(b, &us, 1))
        return -1;
    size_t from = b->len;
    if (sv_buf_add(b, v, n) || sv_buf_add(b, &rs, 1))
        return -1;
    for (size_t i = from; i < b->len - 1; i++)
        if (b->p[i] == US || b->p[i] == RS)
            b->p[i] = ' ';
    return 0;
}

static int cat_index(const sv_scale *sc, const char *id, size_t n);

/* Whether row r of t consented to be contacted (contact_toestemming = ja). */
static int consented(const sv_table *t, size_t r)
{
    const sv_codebook *cb = sv_table_codebook(t);
    int k = sv_codebook_find(cb, "contact_toestemming");
    const uint16_t *codes = k >= 0 && sv_table_has(t, k) ? sv_table_codes(t, k) : NULL;
    const sv_item *it = k >= 0 ? sv_codebook_item(cb, (size_t)k) : NULL;
    const sv_scale *sc = it && it->scale >= 0 ? sv_codebook_scale(cb, it->scale) : NULL;
    int yes = sc ? cat_index(sc, "ja", 2) : -1;
    return codes && yes >= 0 && codes[r] == (uint16_t)(yes + 1);
}

/* The record of row r of t into b. Contact details (contact_naam, contact_telefoon,
 * contact_email) are kept only for a respondent who consented to be contacted: the store holds
 * no name, phone number or e-mail address of anyone who said no or did not answer. */
static int encode(const sv_table *t, size_t r, sv_buf *b)
{
    const sv_codebook *cb = sv_table_codebook(t);
    b->len = 0;
    if (sv_buf_set(b, "", 0))
        return -1;
    char num[64];
    int contact = consented(t, r);
    for (size_t i = 0; i < sv_codebook_nitems(cb); i++) {
        if (!sv_table_has(t, (int)i))
            continue;
        const sv_item *it = sv_codebook_item(cb, i);
        if (!contact &&
            (strcmp(it->id, "contact_naam") == 0 || strcmp(it->id, "contact_telefoon") == 0 ||
             strcmp(it->id, "contact_email") == 0))
            continue;
        const sv_scale *sc = it->scale >= 0 ? sv_codebook_scale(cb, it->scale) : NULL;
        const uint16_t *codes = sv_table_codes(t, (int)i);
        const double *nums = sv_table_numbers(t, (int)i);
        const int64_t *dates = sv_table_dates(t, (int)i);
        const uint32_t *multi = sv_table_multi(t, (int)i);
        const uint32_t *unasked = sv_table_multi_unasked(t, (int)i);
        int rc = 0;
        if (it->type == SV_T_ID || it->type == SV_T_TEKST) {
            const char *s = codes && codes[r] ? sv_table_text(t, (int)i, r) : NULL;
            if (s)
                rc = put(b, it->id, s, strlen(s));
            else if (codes && codes[r])
                rc = put(b, it->id, "", 0);
        } else if (it->type == SV_T_CATEGORIE) {
            if (codes && codes[r]) {
                const char *g = sv_table_group(t, (int)i, codes[r] - 1u);
                rc = put(b, it->id, g, strlen(g));
            }
        } else if (codes && sc) {
            if (codes[r] && codes[r] <= sc->ncats)
                rc = put(b, it->id, sc->cats[codes[r] - 1].id, strlen(sc->cats[codes[r] - 1].id));
        } else if (nums) {
            if (!isnan(nums[r])) {
                int n = snprintf(num, sizeof num, "%.17g", nums[r]);
                rc = put(b, it->id, num, (size_t)n);
            }
        } else if (dates) {
            if (dates[r] != SV_MISSING_DATE) {
                int n = snprintf(num, sizeof num, "%lld", (long long)dates[r]);
                rc = put(b, it->id, num, (size_t)n);
            }
        } else if (multi && sc && (multi[r] & SV_MULTI_ANSWERED)) {
            sv_buf v = {0};
            rc = sv_buf_set(&v, "!", 1);
            for (size_t k = 0; !rc && k < sc->ncats && k < 31; k++)
                if (multi[r] & (1u << k))
                    rc = (v.len > 1 && sv_buf_add(&v, "|", 1)) ||
                         sv_buf_add(&v, sc->cats[k].id, strlen(sc->cats[k].id));
            if (!rc && unasked && unasked[r]) {
                size_t from = v.len;
                rc = sv_buf_add(&v, "~", 1);
                for (size_t k = 0; !rc && k < sc->ncats && k < 31; k++)
                    if (unasked[r] & (1u << k))
                        rc = (v.len > from + 1 && sv_buf_add(&v, "|", 1)) ||
                             sv_buf_add(&v, sc->cats[k].id, strlen(sc->cats[k].id));
            }
            if (!rc)
                rc = put(b, it->id, v.p, v.len);
            sv_buf_free(&v);
        }
        if (rc)
            return -1;
    }
    return 0;
}

static int cat_index(const sv_scale *sc, const char *id, size_t n)
{
    for (size_t k = 0; k < sc->ncats; k++)
        if (strlen(sc->cats[k].id) == n && memcmp(sc->cats[k].id, id, n) == 0)
            return (int)k;
    return -1;
}

/* Appends the record as a new row of t. Returns 0, -1 out of memory; counts values the
 * codebook does not know in *skipped. */
static int decode(sv_table *t, const char *rec, size_t len, long *skipped, sv_buf *tmp)
{
    const sv_codebook *cb = sv_table_codebook(t);
    long row = sv_table_add_row(t);
    if (row < 0)
        return -1;
    const char *p = rec, *end = rec + len;
    char id[128];
    while (p < end) {
        const char *us = memchr(p, US, (size_t)(end - p));
        const char *rs = us ? memchr(us, RS, (size_t)(end - us)) : NULL;
        if (!us || !rs)
            break;
        size_t idn = (size_t)(us - p), vn = (size_t)(rs - us - 1);
        const char *v = us + 1;
        p = rs + 1;
        if (idn >= sizeof id) {
            (*skipped)++;
            continue;
        }
        memcpy(id, us - idn, idn);
        id[idn] = '\0';
        int i = sv_codebook_find(cb, id);
        if (i < 0) {
            (*skipped)++;
            continue;
        }
        const sv_item *it = sv_codebook_item(cb, (size_t)i);
        const sv_scale *sc = it->scale >= 0 ? sv_codebook_scale(cb, it->scale) : NULL;
        if (sv_table_use_item(t, i) != 0)
            return -1;
        sv_itemcol *c = &t->items[i];
        switch (it->type) {
        case SV_T_ID:
        case SV_T_TEKST:
            c->codes[row] = 1;
            if (sv_table_set_text(t, i, (size_t)row, v, vn) != 0)
                return -1;
            break;
        case SV_T_CATEGORIE: {
            if (sv_norm_value(tmp, v, vn) != 0)
                return -1;
            int g = sv_table_group_add(t, i, tmp->p, tmp->len, v, vn);
            if (g < 0)
                return -1;
            c->codes[row] = (uint16_t)(g + 1);
            break;
        }
        case SV_T_LIKERT:
        case SV_T_JANEE:
        case SV_T_ENKEL: {
            int k = sc ? cat_index(sc, v, vn) : -1;
            if (k < 0)
                (*skipped)++;
            else
                c->codes[row] = (uint16_t)(k + 1);
            break;
        }
        case SV_T_GETAL:
        case SV_T_CIJFER:
        case SV_T_SCORE:
            c->nums[row] = strtod(v, NULL);
            break;
        case SV_T_DATUM:
            c->dates[row] = strtoll(v, NULL, 10);
            break;
        case SV_T_MEER: {
            uint32_t bits = SV_MULTI_ANSWERED, unasked = 0, *into = &bits;
            const char *q = v + (vn && v[0] == '!'), *ve = v + vn;
            while (sc && q < ve) {
                const char *bar = memchr(q, '|', (size_t)(ve - q));
                const char *tilde = into == &bits ? memchr(q, '~', (size_t)(ve - q)) : NULL;
                if (tilde && (!bar || tilde < bar))
                    bar = tilde;
                size_t on = bar ? (size_t)(bar - q) : (size_t)(ve - q);
                int k = on ? cat_index(sc, q, on) : -1;
                if (k >= 0 && k < 31)
                    *into |= 1u << k;
                else if (on)
                    (*skipped)++;
                if (bar && bar == tilde)
                    into = &unasked; /* the options not asked follow */
                q += on + 1;
            }
            c->multi[row] = bits;
            if (sv_table_set_unasked(t, i, (size_t)row, (size_t)row + 1, unasked) != 0)
                return -1;
            break;
        }
        }
    }
    return 0;
}

static void copy_col(char *dst, size_t size, sqlite3_stmt *q, int col)
{
    const unsigned char *v = sqlite3_column_text(q, col);
    snprintf(dst, size, "%s", v ? (const char *)v : "");
}

/* ---- respondent ids --------------------------------------------------------------------- */

/* The first 32 bits of the SHA-256 of a respondent id. ids.hashes holds these for every
 * answer of a batch, 4 bytes each, little-endian, ascending. An equal hash is only a reason to
 * look the id itself up: with a million ids stored, a month of 17,000 new ones meets about
 * four equal hashes by chance, each costing one look-up. */
static void sha256_hex(const void *p, size_t n, char hex[65])
{
    sv_sha256 h;
    sv_sha256_init(&h);
    sv_sha256_add(&h, p, n);
    sv_sha256_hex(&h, hex);
}

static uint32_t id_hash(const char *rid)
{
    char hex[65];
    sha256_hex(rid, strlen(rid), hex);
    uint32_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 4 | (uint32_t)(hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'a' + 10);
    return v;
}

typedef struct {
    uint32_t h;
    size_t row; /* the row of the table, or the position in a list of ids */
} id_key;

typedef struct {
    size_t row;
    long batch; /* a batch that holds an answer with the row's id hash */
} id_cand;

static int cmp_key(const void *a, const void *b)
{
    const id_key *x = a, *y = b;
    return x->h != y->h ? (x->h < y->h ? -1 : 1) : (x->row > y->row) - (x->row < y->row);
}

static int cmp_cand(const void *a, const void *b)
{
    const id_cand *x = a, *y = b;
    return x->row != y->row ? (x->row < y->row ? -1 : 1)
                            : (x->batch > y->batch) - (x->batch < y->batch);
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void sort_keys(id_key *keys, size_t n);

/* Writes the ids row of batch from keys, which it sorts by hash. */
static ceo_status write_ids(sv_store *s, long batch, id_key *keys, size_t n, ceo_error *err)
{
    if (n > (size_t)INT_MAX / 4)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "a batch of %zu answers is too large",
                             n);
    unsigned char *blob = ceo_malloc(n * 4);
    if (!blob)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    sort_keys(keys, n);
    for (size_t i = 0; i < n; i++) {
        uint32_t v = keys[i].h;
        for (int k = 0; k < 4; k++, v >>= 8)
            blob[4 * i + (size_t)k] = (unsigned char)v;
    }
    sqlite3_stmt *q = prepare(s, "INSERT OR REPLACE INTO ids(batch, hashes) VALUES(?1, ?2)", err);
    ceo_status st = q ? CEO_OK : (err ? err->code : CEO_EDATA);
    if (q) {
        sqlite3_bind_int64(q, 1, batch);
        sqlite3_bind_blob(q, 2, blob, (int)(n * 4), SQLITE_STATIC);
        if (sqlite3_step(q) != SQLITE_DONE)
            st = db_error(s, err, "cannot write the store");
        sqlite3_finalize(q);
    }
    ceo_free(blob);
    return st;
}

/* qsort of the keys; an empty list may be NULL */
static void sort_keys(id_key *keys, size_t n)
{
    if (n > 1)
        qsort(keys, n, sizeof *keys, cmp_key);
}

static int add_key(id_key **keys, size_t *n, size_t *cap, uint32_t h, size_t row)
{
    if (ceo_grow((void **)keys, cap, *n + 1, sizeof **keys) != 0)
        return -1;
    (*keys)[(*n)++] = (id_key){h, row};
    return 0;
}

static int add_cand(id_cand **c, size_t *n, size_t *cap, size_t row, long batch)
{
    if (ceo_grow((void **)c, cap, *n + 1, sizeof **c) != 0)
        return -1;
    (*c)[(*n)++] = (id_cand){row, batch};
    return 0;
}

/* Schema 3's ids rows for the answers already stored (the migration from schema 2). */
static ceo_status fill_ids(sv_store *s, ceo_error *err)
{
    sqlite3_stmt *q = prepare(s, "SELECT batch, rid FROM answers ORDER BY batch", err);
    if (!q)
        return err ? err->code : CEO_EDATA;
    id_key *keys = NULL;
    size_t n = 0, cap = 0;
    long batch = -1;
    ceo_status st = CEO_OK;
    for (;;) {
        int rc = sqlite3_step(q);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            st = db_error(s, err, "cannot update the store's schema");
            break;
        }
        long b = rc == SQLITE_ROW ? (long)sqlite3_column_int64(q, 0) : -1;
        if (b != batch && batch >= 0) {
            if ((st = write_ids(s, batch, keys, n, err)))
                break;
            n = 0;
        }
        if (rc == SQLITE_DONE)
            break;
        batch = b;
        const unsigned char *rid = sqlite3_column_text(q, 1);
        if (add_key(&keys, &n, &cap, id_hash(rid ? (const char *)rid : ""), n) != 0) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
    }
    sqlite3_finalize(q);
    ceo_free(keys);
    return st;
}

/* Appends to *cand, for every key (sorted by hash), the batches other than `except` whose ids
 * hold its hash. Each batch's hashes are read into one buffer and checked against a bitmap of
 * the keys' hashes (a binary search only on a hit), so the cost follows the number of stored
 * ids at 4 bytes each, never a look-up in an index of all respondents. */
static ceo_status find_earlier(sv_store *s, const id_key *keys, size_t n, long except,
                               id_cand **cand, size_t *ncand, size_t *cap, ceo_error *err)
{
    if (n == 0)
        return CEO_OK;
    enum { BITS = 20 }; /* 128 KB of bitmap: a few percent of its bits set for a month */
    uint64_t *bits = ceo_calloc((size_t)1 << (BITS - 6), sizeof *bits);
    unsigned char *buf = NULL;
    size_t bufcap = 0;
    sqlite3_stmt *q = bits ? prepare(s, "SELECT batch FROM ids WHERE batch <> ?1", err) : NULL;
    ceo_status st = !bits ? ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory")
                    : !q  ? (err ? err->code : CEO_EDATA)
                          : CEO_OK;
    for (size_t i = 0; !st && i < n; i++)
        bits[keys[i].h >> (32 + 6 - BITS)] |= (uint64_t)1 << (keys[i].h >> (32 - BITS) & 63);
    sqlite3_blob *blob = NULL;
    int rc = SQLITE_DONE;
    if (!st)
        sqlite3_bind_int64(q, 1, except);
    while (!st && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        long b = (long)sqlite3_column_int64(q, 0);
        int orc = blob ? sqlite3_blob_reopen(blob, b)
                       : sqlite3_blob_open(s->db, "main", "ids", "hashes", b, 0, &blob);
        size_t len = orc == SQLITE_OK ? (size_t)sqlite3_blob_bytes(blob) : 0;
        if (orc != SQLITE_OK) {
            st = db_error(s, err, "cannot read the store");
        } else if (ceo_grow((void **)&buf, &bufcap, len ? len : 1, 1) != 0) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        } else if (len && sqlite3_blob_read(blob, buf, (int)len, 0) != SQLITE_OK) {
            st = db_error(s, err, "cannot read the store");
        }
        for (size_t j = 0; !st && j + 4 <= len; j += 4) {
            uint32_t v = get_u32(buf + j);
            if (!(bits[v >> (32 + 6 - BITS)] >> (v >> (32 - BITS) & 63) & 1))
                continue;
            size_t lo = 0, hi = n; /* the first key >= v */
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (keys[mid].h < v)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (; lo < n && keys[lo].h == v; lo++)
                if (add_cand(cand, ncand, cap, keys[lo].row, b) != 0) {
                    st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
                    break;
                }
        }
    }
    if (!st && rc != SQLITE_DONE)
        st = db_error(s, err, "cannot read the store");
    if (blob)
        sqlite3_blob_close(blob);
    sqlite3_finalize(q);
    ceo_free(buf);
    ceo_free(bits);
    return st;
}

/* An answer stored under a respondent id, as the look-up statement gives it. */
typedef struct {
    int found;
    sqlite3_int64 rowid;
    long batch;
    long long datum; /* coalesced with UNDATED */
    int current;
    char content[65];
} stored;

#define LOOKUP_SQL                                                                                 \
    "SELECT rowid, content, coalesce(datum, " UNDATED "), current FROM answers"                    \
    " WHERE batch = ?1 AND rid = ?2"

/* The answer of batch b under rid into *a (a->found 0 when there is none); 0 or -1. */
static int lookup(sqlite3_stmt *q, long b, const char *rid, stored *a)
{
    sqlite3_reset(q);
    sqlite3_bind_int64(q, 1, b);
    sqlite3_bind_text(q, 2, rid, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q);
    a->found = rc == SQLITE_ROW;
    if (a->found) {
        a->rowid = sqlite3_column_int64(q, 0);
        copy_col(a->content, sizeof a->content, q, 1);
        a->datum = sqlite3_column_int64(q, 2);
        a->current = sqlite3_column_int(q, 3);
        a->batch = b;
    }
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int later_than(const stored *a, const stored *b)
{
    return a->datum > b->datum || (a->datum == b->datum && a->batch > b->batch);
}

/* ---- adding ----------------------------------------------------------------------------- */

void sv_store_added_free(sv_store_added *a)
{
    for (size_t i = 0; a && i < a->ntwice; i++)
        ceo_free(a->twice[i]);
    if (a)
        ceo_free(a->twice);
}

static void now_utc(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int note_twice(sv_store_added *a, const char *rid)
{
    if (a->ntwice >= 20)
        return 0;
    if (!a->twice && !(a->twice = ceo_calloc(20, sizeof *a->twice)))
        return -1;
    if (!(a->twice[a->ntwice] = ceo_strdup(rid)))
        return -1;
    a->ntwice++;
    return 0;
}

static long long datum_of(const sv_table *t, int k, size_t r)
{
    const int64_t *d = k >= 0 ? sv_table_dates(t, k) : NULL;
    return d && d[r] != SV_MISSING_DATE ? (long long)d[r] : (long long)-9000000000000000000LL;
}

/* The respondent id of row r into rid: its id, or when it has none "#" and the hash of its
 * answers, followed by ".N" for the Nth row of the file with the same answers (N from 2; see
 * occurrences). rec and content receive the encoded record and its hash when the record was
 * encoded (*encoded set). Returns 0, -1 out of memory. */
static int identity(const sv_table *t, int kid, size_t r, const uint32_t *occ, sv_buf *rec,
                    char content[65], char rid[512], int *encoded)
{
    const char *id = kid >= 0 ? sv_table_text(t, kid, r) : NULL;
    *encoded = 0;
    if (id && *id) {
        snprintf(rid, 512, "%s", id);
        return 0;
    }
    if (encode(t, r, rec) != 0)
        return -1;
    sha256_hex(rec->p, rec->len, content);
    if (occ && occ[r])
        snprintf(rid, 512, "#%s.%lu", content, (unsigned long)occ[r] + 1);
    else
        snprintf(rid, 512, "#%s", content);
    *encoded = 1;
    return 0;
}

typedef struct {
    char content[65];
    size_t row;
} same_rec;

static int cmp_same(const void *a, const void *b)
{
    const same_rec *x = a, *y = b;
    int c = strcmp(x->content, y->content);
    return c ? c : x->row < y->row ? -1 : x->row > y->row;
}

/* Rows without a respondent id are known by their answers, and two people can give the same
 * answers: occ[r] is how many rows before r in this file (skipped rows left out) have the same
 * answers and no id, so each is a respondent of its own ("#hash", "#hash.2", ...). The count is
 * within the file, so an overlapping export that holds the row once again finds it ("#hash")
 * and adds nothing twice. *occ is NULL when every row has an id; freed with ceo_free. */
static ceo_status occurrences(const sv_table *t, int kid, const size_t *skip, size_t nskip,
                              uint32_t **occ, ceo_error *err)
{
    size_t n = sv_table_rows(t), k = 0, m = 0;
    same_rec *v = NULL;
    sv_buf rec = {0};
    *occ = NULL;
    for (size_t r = 0; r < n; r++) {
        while (k < nskip && skip[k] < r)
            k++;
        if (k < nskip && skip[k] == r)
            continue;
        const char *id = kid >= 0 ? sv_table_text(t, kid, r) : NULL;
        if (id && *id)
            continue;
        if ((!v && !(v = ceo_calloc(n, sizeof *v))) || encode(t, r, &rec) != 0) {
            ceo_free(v);
            sv_buf_free(&rec);
            return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        }
        sha256_hex(rec.p, rec.len, v[m].content);
        v[m++].row = r;
    }
    sv_buf_free(&rec);
    if (!m)
        return CEO_OK;
    if (!(*occ = ceo_calloc(n, sizeof **occ))) {
        ceo_free(v);
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    qsort(v, m, sizeof *v, cmp_same);
    for (size_t i = 1; i < m; i++)
        if (strcmp(v[i].content, v[i - 1].content) == 0)
            (*occ)[v[i].row] = (*occ)[v[i - 1].row] + 1;
    ceo_free(v);
    return CEO_OK;
}

/* The rows to add, each with its id hash (hash[r]), and for each row the batches that may
 * already hold its respondent: earlier batches from their ids, and this batch when the file
 * holds the id more than once. */
static ceo_status plan_rows(sv_store *s, const sv_table *t, long batch, const size_t *skip,
                            size_t nskip, const uint32_t *occ, uint32_t *hash, id_cand **cand,
                            size_t *ncand, ceo_error *err)
{
    int kid = sv_codebook_find(sv_table_codebook(t), "respondent_id");
    size_t n = sv_table_rows(t), nkeys = 0, kcap = 0, ccap = 0, k = 0;
    id_key *keys = NULL;
    sv_buf rec = {0};
    char content[65], rid[512];
    ceo_status st = CEO_OK;
    for (size_t r = 0; r < n && !st; r++) {
        while (k < nskip && skip[k] < r)
            k++;
        if (k < nskip && skip[k] == r)
            continue;
        int encoded;
        if (identity(t, kid, r, occ, &rec, content, rid, &encoded) != 0 ||
            add_key(&keys, &nkeys, &kcap, hash[r] = id_hash(rid), r) != 0)
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    sv_buf_free(&rec);
    if (!st) {
        sort_keys(keys, nkeys);
        for (size_t i = 1; i < nkeys && !st; i++)
            if (keys[i].h == keys[i - 1].h && add_cand(cand, ncand, &ccap, keys[i].row, batch))
                st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (!st)
        st = find_earlier(s, keys, nkeys, batch, cand, ncand, &ccap, err);
    ceo_free(keys);
    if (!st && *ncand) {
        qsort(*cand, *ncand, sizeof **cand, cmp_cand);
        size_t w = 1;
        for (size_t i = 1; i < *ncand; i++)
            if (cmp_cand(&(*cand)[i], &(*cand)[w - 1]) != 0)
                (*cand)[w++] = (*cand)[i];
        *ncand = w;
    }
    return st;
}

static ceo_status add_rows(sv_store *s, const sv_table *t, long batch, const size_t *skip,
                           size_t nskip, sv_store_progress progress, void *data,
                           sv_store_added *out, ceo_error *err)
{
    const sv_codebook *cb = sv_table_codebook(t);
    int kid = sv_codebook_find(cb, "respondent_id"), kd = sv_codebook_find(cb, "datum");
    size_t n = sv_table_rows(t), k = 0, ncand = 0, c = 0, nmine = 0, mcap = 0;
    uint32_t *hash = ceo_calloc(n ? n : 1, sizeof *hash), *occ = NULL;
    id_cand *cand = NULL;
    id_key *mine = NULL; /* the hashes of the answers this batch stores */
    if (!hash)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    ceo_status st = occurrences(t, kid, skip, nskip, &occ, err);
    if (!st)
        st = plan_rows(s, t, batch, skip, nskip, occ, hash, &cand, &ncand, err);
    sqlite3_stmt *look = st ? NULL : prepare(s, LOOKUP_SQL, err);
    sqlite3_stmt *ins = look ? prepare(s,
                                       "INSERT INTO answers(rid, batch, seq, datum, month,"
                                       " content, record, current)"
                                       " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                       err)
                             : NULL;
    sqlite3_stmt *upd = ins ? prepare(s,
                                      "UPDATE answers SET seq = ?3, datum = ?4, month = ?5,"
                                      " content = ?6, record = ?7, current = ?8"
                                      " WHERE rowid = ?1",
                                      err)
                            : NULL;
    sqlite3_stmt *demote =
        upd ? prepare(s, "UPDATE answers SET current = 0 WHERE rowid = ?1", err) : NULL;
    if (!st && !demote)
        st = err ? err->code : CEO_EDATA;
    sv_buf rec = {0};
    for (size_t r = 0; r < n && !st; r++) {
        if (progress && r % 2000 == 0)
            progress(data, r, n);
        while (k < nskip && skip[k] < r)
            k++;
        if (k < nskip && skip[k] == r)
            continue;
        char content[65], rid[512];
        int encoded;
        if (identity(t, kid, r, occ, &rec, content, rid, &encoded) != 0 ||
            (!encoded && encode(t, r, &rec) != 0)) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        if (!encoded)
            sha256_hex(rec.p, rec.len, content);
        long long datum = datum_of(t, kd, r);
        int undated = datum == -9000000000000000000LL;
        int month = 0;
        if (!undated) {
            int y, m, d;
            sv_civil_from_seconds((int64_t)datum, &y, &m, &d);
            month = y * 100 + m;
        }
        /* the stored answers of this respondent: the one that counts (cur) and the one of
         * this very file (mine_row), if any */
        stored cur = {0}, here = {0}, latest = {0}, a;
        while (c < ncand && cand[c].row < r)
            c++;
        for (; c < ncand && cand[c].row == r; c++) {
            if (lookup(look, cand[c].batch, rid, &a) != 0) {
                st = db_error(s, err, "cannot add the batch");
                break;
            }
            if (!a.found)
                continue;
            if (a.batch == batch)
                here = a;
            if (a.current)
                cur = a;
            if (!latest.found || later_than(&a, &latest))
                latest = a;
        }
        if (st)
            break;
        if (!cur.found)
            cur = latest; /* a store older than its invariant: the latest answer counts */
        int write = 1, counts = 1;
        if (cur.found) {
            if (strcmp(cur.content, content) == 0) {
                out->unchanged++;
                continue;
            }
            counts = datum >= cur.datum; /* equal dates: the later batch wins */
            counts ? out->replaced++ : out->older++;
            if (note_twice(out, rid) != 0) {
                st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
                break;
            }
            if (here.found && datum < here.datum)
                write = 0; /* twice in this very file, the earlier line dated later */
        } else {
            out->added++;
        }
        if (!write)
            continue;
        if (counts && cur.found && cur.rowid != here.rowid) {
            sqlite3_reset(demote);
            sqlite3_bind_int64(demote, 1, cur.rowid);
            if (sqlite3_step(demote) != SQLITE_DONE) {
                st = db_error(s, err, "cannot add the batch");
                break;
            }
        }
        sqlite3_stmt *w = here.found ? upd : ins;
        sqlite3_reset(w);
        if (here.found)
            sqlite3_bind_int64(w, 1, here.rowid);
        else
            sqlite3_bind_text(w, 1, rid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(w, 2, batch);
        sqlite3_bind_int64(w, 3, (sqlite3_int64)r);
        if (undated) {
            sqlite3_bind_null(w, 4);
            sqlite3_bind_null(w, 5);
        } else {
            sqlite3_bind_int64(w, 4, datum);
            sqlite3_bind_int(w, 5, month);
        }
        sqlite3_bind_text(w, 6, content, -1, SQLITE_TRANSIENT);
        sqlite3_bind_blob(w, 7, rec.p, (int)rec.len, SQLITE_TRANSIENT);
        sqlite3_bind_int(w, 8, counts);
        if (sqlite3_step(w) != SQLITE_DONE)
            st = db_error(s, err, "cannot add the batch");
        else if (!here.found && add_key(&mine, &nmine, &mcap, hash[r], r) != 0)
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (!st)
        st = write_ids(s, batch, mine, nmine, err);
    if (progress && !st)
        progress(data, n, n);
    sv_buf_free(&rec);
    sqlite3_finalize(look);
    sqlite3_finalize(ins);
    sqlite3_finalize(upd);
    sqlite3_finalize(demote);
    ceo_free(hash);
    ceo_free(occ);
    ceo_free(cand);
    ceo_free(mine);
    return st;
}

/* The value of key in the table meta into out (size bytes); 1 when there, 0 when not, -1 on
 * error. */
static int meta_get(sv_store *s, const char *key, char *out, size_t size, ceo_error *err)
{
    sqlite3_stmt *q = prepare(s, "SELECT value FROM meta WHERE key = ?1", err);
    if (!q)
        return -1;
    sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q), found = 0;
    if (rc == SQLITE_ROW) {
        snprintf(out, size, "%s", (const char *)sqlite3_column_text(q, 0));
        found = 1;
    } else if (rc != SQLITE_DONE) {
        db_error(s, err, "cannot read the store");
        found = -1;
    }
    sqlite3_finalize(q);
    return found;
}

static ceo_status meta_set(sv_store *s, const char *key, const char *value, ceo_error *err)
{
    sqlite3_stmt *q = prepare(s, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)", err);
    if (!q)
        return err ? err->code : CEO_EDATA;
    sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, value, -1, SQLITE_TRANSIENT);
    ceo_status st =
        sqlite3_step(q) == SQLITE_DONE ? CEO_OK : db_error(s, err, "cannot add the batch");
    sqlite3_finalize(q);
    return st;
}

/* A store holds either pseudonyms (ids read with --key, or pseudonymised before) or ids as
 * delivered, never both: else one respondent would be two, and the store would hold what the
 * key was meant to keep out. The meta 'ids' says which (a store from before it: its first
 * stored id), 'sleutel' the fingerprint of the key ids were pseudonymised with here. */
static ceo_status check_ids(sv_store *s, const sv_table *t, ceo_error *err)
{
    int kid = sv_codebook_find(sv_table_codebook(t), "respondent_id");
    size_t pseudo = 0, plain = 0;
    for (size_t r = 0; kid >= 0 && r < sv_table_rows(t); r++) {
        const char *id = sv_table_text(t, kid, r);
        if (id && sv_is_pseudonym(id, strlen(id)))
            pseudo++;
        else if (id)
            plain++;
    }
    if (pseudo && plain)
        return ceo_error_set_about(err, SV_ABOUT_KEY, CEO_EDATA, s->path, 0, 0,
                                   "the file holds pseudonyms and ids as delivered side by side "
                                   "(%zu and %zu); read it with the pseudonymisation key, or "
                                   "pseudonymise it whole first",
                                   pseudo, plain);
    char have[80], fp[17];
    int found = meta_get(s, "ids", have, sizeof have, err);
    if (found < 0)
        return err ? err->code : CEO_EDATA;
    if (!found) {
        sqlite3_stmt *q =
            prepare(s, "SELECT rid FROM answers WHERE rid NOT LIKE '#%' LIMIT 1", err);
        if (!q)
            return err ? err->code : CEO_EDATA;
        if (sqlite3_step(q) == SQLITE_ROW) {
            const char *rid = (const char *)sqlite3_column_text(q, 0);
            snprintf(have, sizeof have, "%s",
                     rid && sv_is_pseudonym(rid, strlen(rid)) ? "pseudoniem" : "oorspronkelijk");
            found = 1;
        }
        sqlite3_finalize(q);
    }
    const char *want = pseudo ? "pseudoniem" : plain ? "oorspronkelijk" : NULL;
    if (found && want && strcmp(have, want) != 0 && strcmp(have, "pseudoniem") == 0)
        return ceo_error_set_about(err, SV_ABOUT_KEY, CEO_EDATA, s->path, 0, 0,
                                   "the store holds pseudonyms; this file was read without a key, "
                                   "so its ids would be stored as delivered: add it with the "
                                   "store's key");
    if (found && want && strcmp(have, want) != 0)
        return ceo_error_set_about(err, SV_ABOUT_KEY, CEO_EDATA, s->path, 0, 0,
                                   "the store holds ids as delivered (made without a key); a file "
                                   "read with a key would make each respondent two: add it "
                                   "without the key, or start a new store with one");
    if (!found && want) {
        ceo_status st = meta_set(s, "ids", want, err);
        if (st)
            return st;
    }
    const sv_key *key = sv_table_key(t);
    if (!key || !pseudo)
        return CEO_OK;
    sv_key_fingerprint(key, fp);
    found = meta_get(s, "sleutel", have, sizeof have, err);
    if (found < 0)
        return err ? err->code : CEO_EDATA;
    if (found && strcmp(have, fp) != 0)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                             "the store's pseudonyms were made with another key: the same "
                             "respondent would get another pseudonym; use the store's key");
    return found ? CEO_OK : meta_set(s, "sleutel", fp, err);
}

ceo_status sv_store_add(sv_store *s, const sv_table *t, const char *file, const char *sha256,
                        const char *codebook, const size_t *skip, size_t nskip,
                        sv_store_progress progress, void *data, sv_store_added *out, ceo_error *err)
{
    memset(out, 0, sizeof *out);
    out->respondents = (long)(sv_table_rows(t) - nskip);
    if (exec(s, "BEGIN IMMEDIATE", err, "cannot add the batch"))
        return err ? err->code : CEO_EIO;
    ceo_status st = CEO_OK;
    sqlite3_stmt *q = prepare(s, "SELECT id FROM batches WHERE sha256 = ?1", err);
    if (!q) {
        st = err ? err->code : CEO_EDATA;
        goto fail;
    }
    sqlite3_bind_text(q, 1, sha256, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        out->already = 1;
        out->batch = (long)sqlite3_column_int64(q, 0);
    } else if (rc != SQLITE_DONE) {
        st = db_error(s, err, "cannot add the batch");
    }
    sqlite3_finalize(q);
    if (st)
        goto fail;
    if (out->already) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return CEO_OK;
    }
    if ((st = check_ids(s, t, err)))
        goto fail;
    char added[32];
    now_utc(added);
    q = prepare(s,
                "INSERT INTO batches(file, sha256, added, respondents, new_answers, codebook)"
                " VALUES(?1, ?2, ?3, ?4, 0, ?5)",
                err);
    if (!q) {
        st = err ? err->code : CEO_EDATA;
        goto fail;
    }
    sqlite3_bind_text(q, 1, file, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, sha256, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, added, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 4, out->respondents);
    sqlite3_bind_text(q, 5, codebook ? codebook : "", -1, SQLITE_TRANSIENT);
    if (sqlite3_step(q) != SQLITE_DONE)
        st = db_error(s, err, "cannot add the batch");
    sqlite3_finalize(q);
    if (st)
        goto fail;
    out->batch = (long)sqlite3_last_insert_rowid(s->db);
    if ((st = add_rows(s, t, out->batch, skip, nskip, progress, data, out, err)))
        goto fail;
    char sql[160];
    snprintf(sql, sizeof sql,
             "UPDATE batches SET new_answers = (SELECT count(*) FROM answers WHERE batch = %ld)"
             " WHERE id = %ld",
             out->batch, out->batch);
    if ((st = exec(s, sql, err, "cannot add the batch")))
        goto fail;
    if ((st = exec(s, "COMMIT", err, "cannot add the batch")))
        goto fail;
    return CEO_OK;
fail:
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

/* ---- listing, removing, verifying -------------------------------------------------------- */

ceo_status sv_store_batches(sv_store *s, sv_store_batch **out, size_t *n, ceo_error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *q = prepare(s,
                              "SELECT id, file, sha256, added, respondents, new_answers, codebook,"
                              " (SELECT count(*) FROM answers a WHERE a.batch = batches.id AND"
                              " a.current = 1) FROM batches ORDER BY id",
                              err);
    if (!q)
        return err ? err->code : CEO_EDATA;
    size_t cap = 0;
    ceo_status st = CEO_OK;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (ceo_grow((void **)out, &cap, *n + 1, sizeof **out) != 0) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        sv_store_batch *b = &(*out)[(*n)++];
        b->id = (long)sqlite3_column_int64(q, 0);
        copy_col(b->file, sizeof b->file, q, 1);
        copy_col(b->sha256, sizeof b->sha256, q, 2);
        copy_col(b->added, sizeof b->added, q, 3);
        b->respondents = (long)sqlite3_column_int64(q, 4);
        b->new_answers = (long)sqlite3_column_int64(q, 5);
        copy_col(b->codebook, sizeof b->codebook, q, 6);
        b->current = (long)sqlite3_column_int64(q, 7);
    }
    if (!st && rc != SQLITE_DONE)
        st = db_error(s, err, "cannot list the batches");
    sqlite3_finalize(q);
    if (st) {
        ceo_free(*out);
        *out = NULL;
        *n = 0;
    }
    return st;
}

/* Before batch `batch` goes: for each of its answers that counts, the respondent's latest
 * answer in another batch counts again. */
static ceo_status restore_current(sv_store *s, long batch, ceo_error *err)
{
    sqlite3_stmt *q = prepare(s, "SELECT rid FROM answers WHERE batch = ?1 AND current = 1", err);
    if (!q)
        return err ? err->code : CEO_EDATA;
    sqlite3_bind_int64(q, 1, batch);
    char **rids = NULL;
    id_key *keys = NULL;
    id_cand *cand = NULL;
    size_t n = 0, nk = 0, rcap = 0, kcap = 0, ncand = 0, ccap = 0;
    ceo_status st = CEO_OK;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *rid = (const char *)sqlite3_column_text(q, 0);
        if (ceo_grow((void **)&rids, &rcap, n + 1, sizeof *rids) != 0 ||
            !(rids[n] = ceo_strdup(rid ? rid : "")) ||
            add_key(&keys, &nk, &kcap, id_hash(rids[n]), n) != 0) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        n++;
    }
    if (!st && rc != SQLITE_DONE)
        st = db_error(s, err, "cannot remove the batch");
    sqlite3_finalize(q);
    if (!st) {
        sort_keys(keys, n);
        st = find_earlier(s, keys, n, batch, &cand, &ncand, &ccap, err);
    }
    if (!st && ncand)
        qsort(cand, ncand, sizeof *cand, cmp_cand);
    sqlite3_stmt *look = st ? NULL : prepare(s, LOOKUP_SQL, err);
    sqlite3_stmt *promote =
        look ? prepare(s, "UPDATE answers SET current = 1 WHERE rowid = ?1", err) : NULL;
    if (!st && !promote)
        st = err ? err->code : CEO_EDATA;
    for (size_t c = 0; c < ncand && !st;) {
        size_t row = cand[c].row;
        stored best = {0}, a;
        for (; c < ncand && cand[c].row == row; c++) {
            if (lookup(look, cand[c].batch, rids[row], &a) != 0) {
                st = db_error(s, err, "cannot remove the batch");
                break;
            }
            if (a.found && (!best.found || later_than(&a, &best)))
                best = a;
        }
        if (!st && best.found) {
            sqlite3_reset(promote);
            sqlite3_bind_int64(promote, 1, best.rowid);
            if (sqlite3_step(promote) != SQLITE_DONE)
                st = db_error(s, err, "cannot remove the batch");
        }
    }
    sqlite3_finalize(look);
    sqlite3_finalize(promote);
    for (size_t i = 0; i < n; i++)
        ceo_free(rids[i]);
    ceo_free(rids);
    ceo_free(keys);
    ceo_free(cand);
    return st;
}

ceo_status sv_store_remove(sv_store *s, long id, long *removed, ceo_error *err)
{
    if (exec(s, "BEGIN IMMEDIATE", err, "cannot remove the batch"))
        return err ? err->code : CEO_EIO;
    char sql[128];
    snprintf(sql, sizeof sql, "DELETE FROM batches WHERE id = %ld", id);
    ceo_status st = exec(s, sql, err, "cannot remove the batch");
    if (!st && sqlite3_changes(s->db) == 0)
        st = ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "there is no batch %ld", id);
    if (!st)
        st = restore_current(s, id, err);
    snprintf(sql, sizeof sql, "DELETE FROM answers WHERE batch = %ld", id);
    if (!st && !(st = exec(s, sql, err, "cannot remove the batch")))
        *removed = (long)sqlite3_changes(s->db);
    snprintf(sql, sizeof sql, "DELETE FROM ids WHERE batch = %ld", id);
    if (!st)
        st = exec(s, sql, err, "cannot remove the batch");
    if (!st)
        st = exec(s, "COMMIT", err, "cannot remove the batch");
    if (st)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

/* The first row's first column of a query as text into out; 0, or -1 with err set. */
static int query_text(sv_store *s, const char *sql, char *out, size_t size, ceo_error *err)
{
    sqlite3_stmt *q = prepare(s, sql, err);
    if (!q)
        return -1;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        copy_col(out, size, q, 0);
    else if (rc == SQLITE_DONE)
        out[0] = '\0';
    else
        db_error(s, err, "cannot check the store");
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* The integer a query gave as text (query_text); -1 when it is none. */
static long as_long(const char *v)
{
    char *end;
    long n = strtol(v, &end, 10);
    return end == v || *end ? -1 : n;
}

/* Every row's record hashed again and compared with the content hash stored beside it: an
 * answer edited in the database directly (not through ceo) no longer matches. Names the first
 * batch with such rows and how many it has, and the total when other batches have some too. */
static ceo_status verify_content(sv_store *s, ceo_error *err)
{
    sqlite3_stmt *q = prepare(s, "SELECT batch, content, record FROM answers ORDER BY batch", err);
    if (!q)
        return err ? err->code : CEO_EDATA;
    long first = -1, in_first = 0, total = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const void *rec = sqlite3_column_blob(q, 2);
        int len = sqlite3_column_bytes(q, 2);
        const unsigned char *content = sqlite3_column_text(q, 1);
        char hex[65];
        sha256_hex(rec ? rec : "", (size_t)len, hex);
        if (content && strcmp((const char *)content, hex) == 0)
            continue;
        long batch = (long)sqlite3_column_int64(q, 0);
        if (first < 0)
            first = batch;
        if (batch == first)
            in_first++;
        total++;
    }
    ceo_status st = rc == SQLITE_DONE ? CEO_OK : db_error(s, err, "cannot check the store");
    sqlite3_finalize(q);
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
    if (query_text(s, "PRAGMA integrity_check", v, sizeof v, err))
        return err ? err->code : CEO_EDATA;
    if (strcmp(v, "ok") != 0)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "the database is damaged: %s", v);
    if (query_text(s, "PRAGMA user_version", v, sizeof v, err))
        return err ? err->code : CEO_EDATA;
    if (as_long(v) != SCHEMA)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "schema version %s, expected %d", v,
                             SCHEMA);
    if (query_text(s, "SELECT count(*) FROM answers WHERE batch NOT IN (SELECT id FROM batches)", v,
                   sizeof v, err))
        return err ? err->code : CEO_EDATA;
    if (as_long(v) != 0)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "%s answers belong to no batch", v);
    if (query_text(s,
                   "SELECT id FROM batches WHERE new_answers <>"
                   " (SELECT count(*) FROM answers WHERE batch = batches.id) LIMIT 1",
                   v, sizeof v, err))
        return err ? err->code : CEO_EDATA;
    if (v[0])
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                             "batch %s does not hold the answers it was added with", v);
    if (query_text(s, "SELECT count(*) FROM answers WHERE length(content) <> 64", v, sizeof v, err))
        return err ? err->code : CEO_EDATA;
    if (as_long(v) != 0)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "%s answers have no content hash", v);
    if (query_text(s,
                   "SELECT id FROM batches WHERE 4 * new_answers <>"
                   " coalesce((SELECT length(hashes) FROM ids WHERE ids.batch = batches.id), 0)"
                   " LIMIT 1",
                   v, sizeof v, err))
        return err ? err->code : CEO_EDATA;
    if (v[0])
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                             "batch %s: its list of respondent ids does not match its answers", v);
    if (query_text(s,
                   "SELECT count(*) FROM (SELECT rid FROM answers GROUP BY rid"
                   " HAVING sum(current = 1) <> 1 OR sum(current NOT IN (0, 1)) > 0)",
                   v, sizeof v, err))
        return err ? err->code : CEO_EDATA;
    if (as_long(v) != 0)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                             "respondents without exactly one answer that counts: %s", v);
    return verify_content(s, err);
}

/* ---- reading ---------------------------------------------------------------------------- */

/* Consent withdrawn: a respondent who answered again in a later batch and there gave any
 * answer but "ja" to contact_toestemming has withdrawn consent, whatever the dates say (a form
 * dated earlier, or a platform that dates by the start): the answer that counts for the
 * figures is still the latest dated one, but its "ja" no longer counts. A withdrawal is never
 * overridden by an older consent: only an answer that counts and comes from a batch added
 * after the withdrawal gives consent again. */
typedef struct {
    char *rid;
    long batch; /* the latest batch in which the respondent withdrew */
} withdrawal;

static int cmp_withdrawal(const void *a, const void *b)
{
    const withdrawal *x = a, *y = b;
    return strcmp(x->rid, y->rid);
}

static void withdrawals_free(withdrawal *w, size_t n)
{
    for (size_t i = 0; w && i < n; i++)
        ceo_free(w[i].rid);
    ceo_free(w);
}

/* The value of item id in a record, or NULL (*n its length). */
static const char *record_value(const char *rec, size_t len, const char *id, size_t *n)
{
    size_t idn = strlen(id);
    const char *p = rec, *end = rec + len;
    while (p < end) {
        const char *us = memchr(p, US, (size_t)(end - p));
        const char *rs = us ? memchr(us, RS, (size_t)(end - us)) : NULL;
        if (!us || !rs)
            return NULL;
        if ((size_t)(us - p) == idn && memcmp(p, id, idn) == 0) {
            *n = (size_t)(rs - us - 1);
            return us + 1;
        }
        p = rs + 1;
    }
    return NULL;
}

/* The answers that do not count and answer contact_toestemming with anything but "ja", by
 * respondent (sorted, one per respondent, its latest batch). */
static ceo_status find_withdrawals(sv_store *s, withdrawal **out, size_t *n, ceo_error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *q = prepare(s,
                              "SELECT rid, batch, record FROM answers WHERE current = 0"
                              " AND instr(record, 'contact_toestemming' || char(31)) > 0",
                              err);
    if (!q)
        return err ? err->code : CEO_EDATA;
    size_t cap = 0;
    ceo_status st = CEO_OK;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *rid = (const char *)sqlite3_column_text(q, 0);
        const char *rec = sqlite3_column_blob(q, 2);
        size_t vn = 0;
        const char *v =
            rec ? record_value(rec, (size_t)sqlite3_column_bytes(q, 2), "contact_toestemming", &vn)
                : NULL;
        if (!v || !vn || (vn == 2 && memcmp(v, "ja", 2) == 0))
            continue;
        if (ceo_grow((void **)out, &cap, *n + 1, sizeof **out) != 0 ||
            !((*out)[*n].rid = ceo_strdup(rid ? rid : ""))) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        (*out)[(*n)++].batch = (long)sqlite3_column_int64(q, 1);
    }
    if (!st && rc != SQLITE_DONE)
        st = db_error(s, err, "cannot read the store");
    sqlite3_finalize(q);
    if (st) {
        withdrawals_free(*out, *n);
        *out = NULL;
        *n = 0;
        return st;
    }
    if (*n)
        qsort(*out, *n, sizeof **out, cmp_withdrawal);
    size_t w = 0;
    for (size_t i = 0; i < *n; i++) {
        if (w && strcmp((*out)[w - 1].rid, (*out)[i].rid) == 0) {
            if ((*out)[i].batch > (*out)[w - 1].batch)
                (*out)[w - 1].batch = (*out)[i].batch;
            ceo_free((*out)[i].rid);
        } else {
            (*out)[w++] = (*out)[i];
        }
    }
    *n = w;
    return CEO_OK;
}

/* Row row of t (just decoded from an answer of batch `batch`): a "ja" to contact_toestemming
 * withdrawn in a later batch becomes "nee". */
static void apply_withdrawal(sv_table *t, size_t row, const char *rid, long batch,
                             const withdrawal *w, size_t nw)
{
    const sv_codebook *cb = sv_table_codebook(t);
    int k = sv_codebook_find(cb, "contact_toestemming");
    if (k < 0 || !nw || !sv_table_has(t, k))
        return;
    withdrawal key = {(char *)rid, 0};
    const withdrawal *hit = bsearch(&key, w, nw, sizeof *w, cmp_withdrawal);
    if (!hit || hit->batch <= batch)
        return;
    const sv_item *it = sv_codebook_item(cb, (size_t)k);
    const sv_scale *sc = it->scale >= 0 ? sv_codebook_scale(cb, it->scale) : NULL;
    int yes = sc ? cat_index(sc, "ja", 2) : -1, no = sc ? cat_index(sc, "nee", 3) : -1;
    uint16_t *codes = t->items[k].codes;
    if (codes && yes >= 0 && no >= 0 && codes[row] == (uint16_t)(yes + 1))
        codes[row] = (uint16_t)(no + 1);
}

void sv_store_ids_free(char **rids, size_t n)
{
    for (size_t i = 0; rids && i < n; i++)
        ceo_free(rids[i]);
    ceo_free(rids);
}

ceo_status sv_store_read(sv_store *s, sv_table *t, int from, int to, long *read, long *skipped,
                         ceo_error *err)
{
    return sv_store_read_ids(s, t, from, to, read, skipped, NULL, err);
}

ceo_status sv_store_read_ids(sv_store *s, sv_table *t, int from, int to, long *read, long *skipped,
                             char ***rids, ceo_error *err)
{
    *read = *skipped = 0;
    size_t nrid = 0, rcap = 0, nw = 0;
    if (rids)
        *rids = NULL;
    withdrawal *w = NULL;
    ceo_status wst = find_withdrawals(s, &w, &nw, err);
    if (wst)
        return wst;
    sqlite3_stmt *q = prepare(s,
                              "SELECT record, rid, batch FROM answers a WHERE a.current = 1"
                              " AND ((?1 = 0 AND ?2 = 0) OR (a.month IS NOT NULL AND"
                              " (?1 = 0 OR a.month >= ?1) AND (?2 = 0 OR a.month <= ?2)))"
                              " ORDER BY a.batch, a.seq",
                              err);
    if (!q) {
        withdrawals_free(w, nw);
        return err ? err->code : CEO_EDATA;
    }
    sqlite3_bind_int(q, 1, from);
    sqlite3_bind_int(q, 2, to);
    sv_table_mark mark;
    if (sv_table_mark_take(t, &mark) != 0) {
        sqlite3_finalize(q);
        withdrawals_free(w, nw);
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    sv_buf tmp = {0};
    ceo_status st = CEO_OK;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *rec = sqlite3_column_blob(q, 0);
        int len = sqlite3_column_bytes(q, 0);
        const char *rid = (const char *)sqlite3_column_text(q, 1);
        if (decode(t, rec ? rec : "", (size_t)len, skipped, &tmp) != 0 ||
            (rids && (ceo_grow((void **)rids, &rcap, nrid + 1, sizeof **rids) != 0 ||
                      !((*rids)[nrid] = ceo_strdup(rid ? rid : ""))))) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        apply_withdrawal(t, sv_table_rows(t) - 1, rid ? rid : "", (long)sqlite3_column_int64(q, 2),
                         w, nw);
        nrid += rids != NULL;
        (*read)++;
    }
    if (!st && rc != SQLITE_DONE)
        st = db_error(s, err, "cannot read the store");
    sv_buf_free(&tmp);
    sqlite3_finalize(q);
    withdrawals_free(w, nw);
    if (st) {
        sv_table_rollback(t, &mark);
        if (rids) {
            sv_store_ids_free(*rids, nrid);
            *rids = NULL;
        }
    }
    sv_table_mark_drop(&mark);
    return st;
}

int sv_store_last_month(sv_store *s, ceo_error *err)
{
    char v[32];
    if (query_text(s, "SELECT coalesce(max(month), 0) FROM answers", v, sizeof v, err))
        return -1;
    return (int)as_long(v);
}

/* ---- follow-up -------------------------------------------------------------------------- */

int sv_store_handed(sv_store *s, const char *respondent, ceo_error *err)
{
    sqlite3_stmt *q = prepare(s, "SELECT 1 FROM handed WHERE rid = ?1", err);
    if (!q)
        return -1;
    sqlite3_bind_text(q, 1, respondent, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q), r = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
    if (r < 0)
        db_error(s, err, "cannot read the store");
    sqlite3_finalize(q);
    return r;
}

ceo_status sv_store_begin(sv_store *s, ceo_error *err)
{
    return exec(s, "BEGIN IMMEDIATE", err, "cannot write the store");
}

/* The follow-up tables, made on the first write that needs them (no schema conversion: a
 * store without them simply has no numbered lists and no outcomes). handouts says which list
 * handed a respondent out; handed (schema 1) keeps who and when. */
#define FOLLOWUP_SQL                                                                               \
    "CREATE TABLE IF NOT EXISTS lists(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,"   \
    " at TEXT NOT NULL);"                                                                          \
    "CREATE TABLE IF NOT EXISTS handouts(rid TEXT PRIMARY KEY, list INTEGER NOT NULL);"            \
    "CREATE INDEX IF NOT EXISTS handouts_list ON handouts(list);"                                  \
    "CREATE TABLE IF NOT EXISTS outcomes(id INTEGER PRIMARY KEY, rid TEXT NOT NULL,"               \
    " outcome TEXT NOT NULL, datum TEXT NOT NULL, note TEXT NOT NULL, recorded TEXT NOT NULL);"    \
    "CREATE INDEX IF NOT EXISTS outcomes_rid ON outcomes(rid);"

static ceo_status followup_tables(sv_store *s, ceo_error *err)
{
    return exec(s, FOLLOWUP_SQL, err, "cannot write the store");
}

/* Whether the follow-up tables exist (a reader must not make them): 1, 0, or -1 on error. */
static int has_followup(sv_store *s, ceo_error *err)
{
    char v[32];
    if (query_text(s,
                   "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'outcomes'",
                   v, sizeof v, err))
        return -1;
    return as_long(v) > 0;
}

/* Runs the one-statement sql with text and number parameters (NULL ends texts); CEO_OK. */
static ceo_status run_sql(sv_store *s, const char *sql, const char *const *texts, long number,
                          ceo_error *err)
{
    sqlite3_stmt *q = prepare(s, sql, err);
    if (!q)
        return err ? err->code : CEO_EDATA;
    int k = 1;
    for (; texts && texts[k - 1]; k++)
        sqlite3_bind_text(q, k, texts[k - 1], -1, SQLITE_TRANSIENT);
    if (sqlite3_bind_parameter_count(q) >= k)
        sqlite3_bind_int64(q, k, number);
    ceo_status st =
        sqlite3_step(q) == SQLITE_DONE ? CEO_OK : db_error(s, err, "cannot write the store");
    sqlite3_finalize(q);
    return st;
}

ceo_status sv_store_new_list(sv_store *s, const char *name, long *id, ceo_error *err)
{
    char at[32];
    now_utc(at);
    const char *texts[] = {name ? name : "", at, NULL};
    ceo_status st = followup_tables(s, err);
    if (!st)
        st = run_sql(s, "INSERT INTO lists(name, at) VALUES(?1, ?2)", texts, 0, err);
    *id = st ? 0 : (long)sqlite3_last_insert_rowid(s->db);
    return st;
}

ceo_status sv_store_mark_handed(sv_store *s, const char *respondent, long list, const char *name,
                                ceo_error *err)
{
    sqlite3_stmt *q =
        prepare(s, "INSERT OR IGNORE INTO handed(rid, at, list) VALUES(?1, ?2, ?3)", err);
    if (!q)
        return err ? err->code : CEO_EDATA;
    char at[32];
    now_utc(at);
    sqlite3_bind_text(q, 1, respondent, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, name ? name : "", -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q);
    int added = sqlite3_changes(s->db) > 0;
    ceo_status st = rc == SQLITE_DONE ? CEO_OK : db_error(s, err, "cannot write the store");
    sqlite3_finalize(q);
    const char *texts[] = {respondent, NULL};
    if (!st && added && list > 0)
        st = run_sql(s, "INSERT OR REPLACE INTO handouts(rid, list) VALUES(?1, ?2)", texts, list,
                     err);
    return st;
}

static const char *const outcome_ids[] = {NULL, "bereikt", "niet_bereikt", "gesprek_gehad",
                                          "geweigerd"};

const char *sv_outcome_id(sv_outcome o)
{
    return o >= SV_OUTCOME_REACHED && o <= SV_OUTCOME_REFUSED ? outcome_ids[o] : "";
}

sv_outcome sv_outcome_parse(const char *id)
{
    for (int o = SV_OUTCOME_REACHED; o <= SV_OUTCOME_REFUSED; o++)
        if (strcmp(id, outcome_ids[o]) == 0)
            return (sv_outcome)o;
    return (sv_outcome)0;
}

ceo_status sv_store_record_outcome(sv_store *s, const char *respondent, sv_outcome o,
                                   const char *date, const char *note, ceo_error *err)
{
    ceo_status st = exec(s, "BEGIN IMMEDIATE", err, "cannot write the store");
    if (st)
        return st;
    int h = sv_store_handed(s, respondent, err);
    if (h < 0)
        st = err ? err->code : CEO_EIO;
    else if (!h)
        st = ceo_error_set_about(err, SV_ABOUT_HANDED_OUT, CEO_EDATA, s->path, 0, 0,
                                 "respondent '%s' was never handed out", respondent);
    char at[32];
    now_utc(at);
    const char *texts[] = {respondent, sv_outcome_id(o), date, note ? note : "", at, NULL};
    if (!st)
        st = followup_tables(s, err);
    if (!st)
        st = run_sql(s,
                     "INSERT INTO outcomes(rid, outcome, datum, note, recorded)"
                     " VALUES(?1, ?2, ?3, ?4, ?5)",
                     texts, 0, err);
    if (!st)
        st = exec(s, "COMMIT", err, "cannot write the store");
    if (st)
        sv_store_rollback(s);
    return st;
}

ceo_status sv_store_followups(sv_store *s, sv_store_followup **out, size_t *n, ceo_error *err)
{
    *out = NULL;
    *n = 0;
    int tables = has_followup(s, err);
    if (tables < 0)
        return err ? err->code : CEO_EDATA;
    /* the latest outcome: by its date, then the one recorded last */
    sqlite3_stmt *q = prepare(
        s,
        tables ? "SELECT h.rid, coalesce(l.id, 0), coalesce(l.name, h.list), h.at,"
                 " (SELECT count(*) FROM outcomes o WHERE o.rid = h.rid), o.outcome, o.datum,"
                 " o.note FROM handed h LEFT JOIN handouts u ON u.rid = h.rid"
                 " LEFT JOIN lists l ON l.id = u.list"
                 " LEFT JOIN outcomes o ON o.id = (SELECT id FROM outcomes x WHERE x.rid = h.rid"
                 " ORDER BY x.datum DESC, x.id DESC LIMIT 1)"
                 " ORDER BY coalesce(l.id, 0), h.rid"
               : "SELECT rid, 0, list, at, 0, NULL, NULL, NULL FROM handed ORDER BY rid",
        err);
    if (!q)
        return err ? err->code : CEO_EDATA;
    size_t cap = 0;
    ceo_status st = CEO_OK;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (ceo_grow((void **)out, &cap, *n + 1, sizeof **out) != 0) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        sv_store_followup *f = &(*out)[(*n)++];
        memset(f, 0, sizeof *f);
        copy_col(f->rid, sizeof f->rid, q, 0);
        f->list = (long)sqlite3_column_int64(q, 1);
        copy_col(f->list_name, sizeof f->list_name, q, 2);
        copy_col(f->handed, sizeof f->handed, q, 3);
        f->attempts = (long)sqlite3_column_int64(q, 4);
        const char *o = (const char *)sqlite3_column_text(q, 5);
        f->last = o ? sv_outcome_parse(o) : (sv_outcome)0;
        copy_col(f->last_date, sizeof f->last_date, q, 6);
        copy_col(f->last_note, sizeof f->last_note, q, 7);
    }
    if (!st && rc != SQLITE_DONE)
        st = db_error(s, err, "cannot read the store");
    sqlite3_finalize(q);
    if (st) {
        ceo_free(*out);
        *out = NULL;
        *n = 0;
    }
    return st;
}

ceo_status sv_store_lists(sv_store *s, sv_store_list **out, size_t *n, ceo_error *err)
{
    *out = NULL;
    *n = 0;
    int tables = has_followup(s, err);
    if (tables <= 0)
        return tables < 0 ? (err ? err->code : CEO_EDATA) : CEO_OK;
    sqlite3_stmt *q =
        prepare(s,
                "SELECT l.id, l.name, l.at, (SELECT count(*) FROM handouts u WHERE u.list = l.id),"
                " (SELECT count(DISTINCT u.rid) FROM handouts u JOIN outcomes o ON o.rid = u.rid"
                " WHERE u.list = l.id) FROM lists l ORDER BY l.id",
                err);
    if (!q)
        return err ? err->code : CEO_EDATA;
    size_t cap = 0;
    ceo_status st = CEO_OK;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (ceo_grow((void **)out, &cap, *n + 1, sizeof **out) != 0) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        sv_store_list *l = &(*out)[(*n)++];
        l->id = (long)sqlite3_column_int64(q, 0);
        copy_col(l->name, sizeof l->name, q, 1);
        copy_col(l->at, sizeof l->at, q, 2);
        l->handed = (long)sqlite3_column_int64(q, 3);
        l->with_outcome = (long)sqlite3_column_int64(q, 4);
    }
    if (!st && rc != SQLITE_DONE)
        st = db_error(s, err, "cannot read the store");
    sqlite3_finalize(q);
    if (st) {
        ceo_free(*out);
        *out = NULL;
        *n = 0;
    }
    return st;
}

ceo_status sv_store_undo_list(sv_store *s, long id, long *undone, ceo_error *err)
{
    *undone = 0;
    ceo_status st = exec(s, "BEGIN IMMEDIATE", err, "cannot write the store");
    if (st)
        return st;
    char v[64], sql[256];
    st = followup_tables(s, err);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM lists WHERE id = %ld", id);
    if (!st && query_text(s, sql, v, sizeof v, err))
        st = err ? err->code : CEO_EDATA;
    if (!st && as_long(v) == 0)
        st = ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "the store has no list %ld", id);
    snprintf(sql, sizeof sql,
             "SELECT count(DISTINCT u.rid) FROM handouts u JOIN outcomes o ON o.rid = u.rid"
             " WHERE u.list = %ld",
             id);
    if (!st && query_text(s, sql, v, sizeof v, err))
        st = err ? err->code : CEO_EDATA;
    if (!st && as_long(v) > 0)
        st = ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                           "list %ld cannot be undone: an outcome is recorded for %ld of its "
                           "respondents",
                           id, as_long(v));
    if (!st)
        st =
            run_sql(s, "DELETE FROM handed WHERE rid IN (SELECT rid FROM handouts WHERE list = ?1)",
                    NULL, id, err);
    if (!st)
        *undone = (long)sqlite3_changes(s->db);
    if (!st)
        st = run_sql(s, "DELETE FROM handouts WHERE list = ?1", NULL, id, err);
    if (!st)
        st = run_sql(s, "DELETE FROM lists WHERE id = ?1", NULL, id, err);
    if (!st)
        st = exec(s, "COMMIT", err, "cannot write the store");
    if (st) {
        sv_store_rollback(s);
        *undone = 0;
    }
    return st;
}

ceo_status sv_store_commit(sv_store *s, ceo_error *err)
{
    return exec(s, "COMMIT", err, "cannot write the store");
}

void sv_store_rollback(sv_store *s)
{
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}
