/*
 * storedb.h - the batch store's SQLite adapter, for the store's own files (store*.c) only;
 * callers of the store use store.h. storedb.c is the only file that includes sqlite3.h.
 *
 * Lifecycle: sv_db_open_read or sv_db_open_write -> statements (sv_db_prepare, bind, step,
 * read the columns, sv_db_finalize) and transactions (sv_db_exec "BEGIN IMMEDIATE" ...
 * "COMMIT", sv_db_rollback) -> sv_db_close. The open database is the store's (s->db, with
 * s->path for errors; struct sv_store in storepriv.h, which includes this header).
 *
 * Errors: a failed SQLite call becomes a ceo_error naming the store's file, through
 * sv_db_error, with the store's words for what failed ("cannot add the batch"), translated
 * there: pass an English literal (po/extract.sh names the functions taking one).
 */
#ifndef CEO_STOREDB_H
#define CEO_STOREDB_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

typedef struct sv_db sv_db;     /* an open SQLite database */
typedef struct sv_stmt sv_stmt; /* a prepared statement */

/* Opens s->path read-only (no write access to the file or its folder needed) and returns its
 * schema version (PRAGMA user_version), or -1 when no version can be read that way (then
 * nothing is open: a read-write open must decide, and say why), or -2 with err set. A WAL
 * database whose -shm file cannot be made (a read-only folder after the last writer left) is
 * opened as immutable, which is safe only because no -wal with content exists beside it. */
int sv_db_open_read(sv_store *s, ceo_error *err);

/* Opens s->path to write (creating it when create), with a busy timeout, a WAL journal and
 * full sync. CEO_EIO when it cannot be opened or only read. */
ceo_status sv_db_open_write(sv_store *s, int create, ceo_error *err);

/* Reads the store (opened read-only) through a memory map from now on, when the program allows
 * it (sv_store_allow_map, store.h) and no other store is read so; undone by sv_db_close. */
void sv_db_map(sv_store *s);

/* Closes the database (when open); s->db is NULL after. */
void sv_db_close(sv_store *s);

/* The schema version (PRAGMA user_version), or -1 with err set. */
int sv_db_user_version(sv_store *s, ceo_error *err);

/* SQLite's last error on s as err: a damaged or foreign file is CEO_EDATA, a busy, read-only or
 * full one CEO_EIO, no memory CEO_ENOMEM. what: the English message (translated here). Returns
 * the status set. */
ceo_status sv_db_error(sv_store *s, ceo_error *err, const char *what);

/* SQLite's own words for its last error on s. */
const char *sv_db_message(sv_store *s);

/* Runs sql (one or more statements, no parameters); on failure sv_db_error with what. */
ceo_status sv_db_exec(sv_store *s, const char *sql, ceo_error *err, const char *what);

/* Rolls back the open transaction, if any (on a path that already has its error). */
void sv_db_rollback(sv_store *s);

/* A prepared statement, or NULL with err set ("cannot read the store"). */
sv_stmt *sv_db_prepare(sv_store *s, const char *sql, ceo_error *err);

/* Parameters, numbered from 1. Text and blobs are copied. */
void sv_db_bind_int(sv_stmt *q, int k, int64_t v);
void sv_db_bind_text(sv_stmt *q, int k, const char *v);
void sv_db_bind_blob(sv_stmt *q, int k, const void *v, size_t n);
void sv_db_bind_null(sv_stmt *q, int k);
int sv_db_params(sv_stmt *q); /* the number of parameters the statement has */

/* The next row: 1 a row, 0 done, -1 an error (sv_db_error tells which). */
int sv_db_step(sv_stmt *q);
/* Makes the statement ready to run again (keeping its parameters). */
void sv_db_reset(sv_stmt *q);
/* Frees the statement; NULL is allowed. */
void sv_db_finalize(sv_stmt *q);

/* The columns of the current row, numbered from 0. Text and blobs stay valid until the next
 * step, reset or finalize; NULL for an SQL NULL. */
int64_t sv_db_int(sv_stmt *q, int col);
const char *sv_db_text(sv_stmt *q, int col);
const void *sv_db_blob(sv_stmt *q, int col, size_t *n);
/* The column's text into dst (size bytes, cut to fit); "" for NULL. */
void sv_db_copy(char *dst, size_t size, sv_stmt *q, int col);

/* Rows changed by the last statement, and the rowid of the last row inserted. */
long sv_db_changes(sv_store *s);
int64_t sv_db_last_id(sv_store *s);

/* The first column of the first row of sql as text into out (size bytes; "" when no row).
 * Returns 0, or -1 with err set ("cannot check the store"). */
int sv_db_query_text(sv_store *s, const char *sql, char *out, size_t size, ceo_error *err);

/* The integer sv_db_query_text gave as text; -1 when it is none. */
long sv_db_long(const char *text);

/* Reads the whole blob in table.column of the row rowid into *buf (grown as needed, *cap its
 * size), *len its length. *blob is a handle kept from one call to the next (NULL at first),
 * freed with sv_db_blob_close. Returns CEO_OK, or the status set in err. */
typedef struct sv_blob sv_blob; /* an open blob, kept to read the next one */
ceo_status sv_db_blob_read(sv_store *s, sv_blob **blob, const char *table, const char *column,
                           int64_t rowid, unsigned char **buf, size_t *cap, size_t *len,
                           ceo_error *err);
void sv_db_blob_close(sv_blob *blob);

/* Fills element elem from the current row of q: 0 keeps it, 1 leaves the row out, -1 is out of
 * memory. elem is zeroed before the call. */
typedef int (*sv_db_row_fn)(sv_stmt *q, void *elem, void *data);

/* Runs q (prepared and bound by the caller; it is finalized here, and NULL means its prepare
 * failed with err set) and collects its rows into *out, size bytes each, through row: *n
 * elements, freed by the caller with ceo_free (after whatever drop frees of each). On an error
 * (sv_db_error with what, or out of memory) drop (may be NULL) is called on each element
 * collected, and *out is NULL and *n 0. */
ceo_status sv_db_rows(sv_store *s, sv_stmt *q, size_t size, sv_db_row_fn row,
                      void (*drop)(void *elem), void *data, void **out, size_t *n, const char *what,
                      ceo_error *err);

#endif
