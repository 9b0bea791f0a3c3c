/*
 * storedb.c - the batch store's SQLite adapter: the only file that includes sqlite3.h (see
 * storedb.h). The other store files speak SQL through these thin helpers, so that how SQLite
 * is opened (read-only or immutable, WAL, full sync, a busy timeout), how its errors become
 * ceo errors, and how a query's rows are collected, are each written once.
 *
 * sv_db and sv_stmt are SQLite's own sqlite3 and sqlite3_stmt under the adapter's names: the
 * casts below are the only place the two meet.
 */
#include "storepriv.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB(s) ((sqlite3 *)(s)->db)
#define STMT(q) ((sqlite3_stmt *)(q))

ceo_status sv_db_error(sv_store *s, ceo_error *err, const char *what)
{
    what = ceo_tr(what); /* a message, translated as ceo_error_set's format is */
    int code = sqlite3_errcode(DB(s));
    ceo_status st = code == SQLITE_NOMEM ? CEO_ENOMEM
                    : code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_IOERR ||
                            code == SQLITE_FULL || code == SQLITE_CANTOPEN ||
                            code == SQLITE_READONLY
                        ? CEO_EIO
                        : CEO_EDATA;
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                             "%s: not a ceo store, or a damaged one (%s)", what,
                             sqlite3_errmsg(DB(s)));
    if (code == SQLITE_READONLY)
        return ceo_error_set(err, CEO_EIO, s->path, 0, 0,
                             "%s: the store is read-only here (writing it needs write access to "
                             "the file and its folder)",
                             what);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        return ceo_error_set(err, CEO_EIO, s->path, 0, 0,
                             "%s: the store stayed busy (another run is writing it)", what);
    return ceo_error_set(err, st, s->path, 0, 0, "%s: %s", what, sqlite3_errmsg(DB(s)));
}

const char *sv_db_message(sv_store *s)
{
    return sqlite3_errmsg(DB(s));
}

ceo_status sv_db_exec(sv_store *s, const char *sql, ceo_error *err, const char *what)
{
    return sqlite3_exec(DB(s), sql, NULL, NULL, NULL) == SQLITE_OK ? CEO_OK
                                                                   : sv_db_error(s, err, what);
}

void sv_db_rollback(sv_store *s)
{
    sqlite3_exec(DB(s), "ROLLBACK", NULL, NULL, NULL);
}

/* ---- opening ---------------------------------------------------------------------------- */

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

/* SQLite reads a WAL database read-only when its -shm file exists or can be created; where it
 * cannot (a read-only folder after the last writer closed and removed -wal and -shm), the file
 * is opened as immutable, which is safe only because no -wal with content exists (a writer
 * would have to create one in that folder, which nobody can). A read connection is used by one
 * thread at a time (storeread.c's feeder steps it while the caller waits to decode), so it is
 * opened without SQLite's per-call mutex (SQLITE_OPEN_NOMUTEX: 5% of a large read). */
int sv_db_open_read(sv_store *s, ceo_error *err)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(s->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db, 60000);
    int v = quiet_version(db);
    if (v < 0 && !has_content(s->path, "-wal")) {
        sqlite3_close(db);
        db = NULL;
        size_t len = strlen(s->path);
        char *uri = ceo_malloc(3 * len + 32);
        if (!uri) {
            ceo_error_set(err, CEO_ENOMEM, s->path, 0, 0, "out of memory");
            return -2;
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
        int rc = sqlite3_open_v2(
            uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
        ceo_free(uri);
        if (rc != SQLITE_OK) {
            sqlite3_close(db);
            return -1;
        }
        v = quiet_version(db);
    }
    s->db = (sv_db *)db;
    if (v < 0)
        sv_db_close(s);
    return v;
}

ceo_status sv_db_open_write(sv_store *s, int create, ceo_error *err)
{
    sqlite3 *db = NULL;
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(s->path, &db, flags, NULL);
    s->db = (sv_db *)db;
    if (rc != SQLITE_OK)
        return ceo_error_set(err, CEO_EIO, s->path, 0, 0, "cannot open the store: %s",
                             db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_busy_timeout(db, 60000);
    /* SQLite opens a write-protected file read-only without saying so; a writer must know now */
    if (sqlite3_db_readonly(db, "main") == 1)
        return ceo_error_set(err, CEO_EIO, s->path, 0, 0,
                             "%s: the store is read-only here (writing it needs write access to "
                             "the file and its folder)",
                             ceo_tr("cannot open the store"));
    ceo_status st = sv_db_exec(s, "PRAGMA journal_mode = WAL", err, "cannot open the store");
    if (!st)
        st = sv_db_exec(s, "PRAGMA synchronous = FULL", err, "cannot open the store");
    if (!st)
        st = sv_db_exec(s, "PRAGMA cache_size = -65536", err, "cannot open the store");
    return st;
}

/* Reads through a memory map: allowed by the program (sv_store_allow_map), for one store at a
 * time, whose path a signal handler may read. */
static atomic_int map_allowed;
static _Atomic(const char *) mapped_path;

void sv_store_allow_map(void)
{
    atomic_store(&map_allowed, 1);
}

const char *sv_store_mapped_path(void)
{
    return atomic_load(&mapped_path);
}

void sv_db_map(sv_store *s)
{
    const char *none = NULL;
    if (!atomic_load(&map_allowed) || !atomic_compare_exchange_strong(&mapped_path, &none, s->path))
        return;
    /* SQLite maps at most its compile-time limit (2 GB on Debian) and reads the rest */
    sqlite3_exec(DB(s), "PRAGMA mmap_size = 4294967296", NULL, NULL, NULL);
}

void sv_db_close(sv_store *s)
{
    const char *mine = s->path;
    if (s->db)
        sqlite3_close(DB(s));
    s->db = NULL;
    /* the map is gone with the connection: the store is no longer read through it */
    atomic_compare_exchange_strong(&mapped_path, &mine, NULL);
}

int sv_db_user_version(sv_store *s, ceo_error *err)
{
    sv_stmt *q = sv_db_prepare(s, "PRAGMA user_version", err);
    if (!q)
        return -1;
    int v = sv_db_step(q) == 1 ? (int)sv_db_int(q, 0) : -1;
    if (v < 0)
        sv_db_error(s, err, "cannot read the store");
    sv_db_finalize(q);
    return v;
}

/* ---- statements ------------------------------------------------------------------------- */

sv_stmt *sv_db_prepare(sv_store *s, const char *sql, ceo_error *err)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(DB(s), sql, -1, &q, NULL) != SQLITE_OK) {
        sv_db_error(s, err, "cannot read the store");
        return NULL;
    }
    return (sv_stmt *)q;
}

void sv_db_bind_int(sv_stmt *q, int k, int64_t v)
{
    sqlite3_bind_int64(STMT(q), k, (sqlite3_int64)v);
}

void sv_db_bind_text(sv_stmt *q, int k, const char *v)
{
    sqlite3_bind_text(STMT(q), k, v, -1, SQLITE_TRANSIENT);
}

void sv_db_bind_blob(sv_stmt *q, int k, const void *v, size_t n)
{
    sqlite3_bind_blob(STMT(q), k, v, (int)n, SQLITE_TRANSIENT);
}

void sv_db_bind_null(sv_stmt *q, int k)
{
    sqlite3_bind_null(STMT(q), k);
}

int sv_db_params(sv_stmt *q)
{
    return sqlite3_bind_parameter_count(STMT(q));
}

int sv_db_step(sv_stmt *q)
{
    int rc = sqlite3_step(STMT(q));
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

void sv_db_reset(sv_stmt *q)
{
    sqlite3_reset(STMT(q));
}

void sv_db_finalize(sv_stmt *q)
{
    sqlite3_finalize(STMT(q));
}

int64_t sv_db_int(sv_stmt *q, int col)
{
    return (int64_t)sqlite3_column_int64(STMT(q), col);
}

const char *sv_db_text(sv_stmt *q, int col)
{
    return (const char *)sqlite3_column_text(STMT(q), col);
}

const void *sv_db_blob(sv_stmt *q, int col, size_t *n)
{
    const void *p = sqlite3_column_blob(STMT(q), col);
    *n = (size_t)sqlite3_column_bytes(STMT(q), col);
    return p;
}

void sv_db_copy(char *dst, size_t size, sv_stmt *q, int col)
{
    const char *v = sv_db_text(q, col);
    snprintf(dst, size, "%s", v ? v : "");
}

long sv_db_changes(sv_store *s)
{
    return (long)sqlite3_changes(DB(s));
}

int64_t sv_db_last_id(sv_store *s)
{
    return (int64_t)sqlite3_last_insert_rowid(DB(s));
}

int sv_db_query_text(sv_store *s, const char *sql, char *out, size_t size, ceo_error *err)
{
    sv_stmt *q = sv_db_prepare(s, sql, err);
    if (!q)
        return -1;
    int rc = sv_db_step(q);
    if (rc == 1)
        sv_db_copy(out, size, q, 0);
    else if (rc == 0)
        out[0] = '\0';
    else
        sv_db_error(s, err, "cannot check the store");
    sv_db_finalize(q);
    return rc < 0 ? -1 : 0;
}

long sv_db_long(const char *text)
{
    char *end;
    long n = strtol(text, &end, 10);
    return end == text || *end ? -1 : n;
}

/* ---- blobs and rows --------------------------------------------------------------------- */

ceo_status sv_db_blob_read(sv_store *s, sv_blob **blob, const char *table, const char *column,
                           int64_t rowid, unsigned char **buf, size_t *cap, size_t *len,
                           ceo_error *err)
{
    sqlite3_blob **b = (sqlite3_blob **)blob;
    int rc = *b ? sqlite3_blob_reopen(*b, (sqlite3_int64)rowid)
                : sqlite3_blob_open(DB(s), "main", table, column, (sqlite3_int64)rowid, 0, b);
    *len = rc == SQLITE_OK ? (size_t)sqlite3_blob_bytes(*b) : 0;
    if (rc != SQLITE_OK)
        return sv_db_error(s, err, "cannot read the store");
    if (ceo_grow((void **)buf, cap, *len ? *len : 1, 1) != 0)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    if (*len && sqlite3_blob_read(*b, *buf, (int)*len, 0) != SQLITE_OK)
        return sv_db_error(s, err, "cannot read the store");
    return CEO_OK;
}

void sv_db_blob_close(sv_blob *blob)
{
    if (blob)
        sqlite3_blob_close((sqlite3_blob *)blob);
}

ceo_status sv_db_rows(sv_store *s, sv_stmt *q, size_t size, sv_db_row_fn row,
                      void (*drop)(void *elem), void *data, void **out, size_t *n, const char *what,
                      ceo_error *err)
{
    *out = NULL;
    *n = 0;
    if (!q)
        return err ? err->code : CEO_EDATA;
    size_t cap = 0;
    ceo_status st = CEO_OK;
    int rc;
    while ((rc = sv_db_step(q)) == 1) {
        if (ceo_grow(out, &cap, *n + 1, size) != 0) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        void *elem = (char *)*out + *n * size;
        memset(elem, 0, size);
        int kept = row(q, elem, data);
        if (kept < 0) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        if (kept == 0)
            (*n)++;
    }
    if (!st && rc != 0)
        st = sv_db_error(s, err, what);
    sv_db_finalize(q);
    if (st) {
        for (size_t i = 0; drop && i < *n; i++)
            drop((char *)*out + i * size);
        ceo_free(*out);
        *out = NULL;
        *n = 0;
    }
    return st;
}
