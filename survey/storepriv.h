/*
 * storepriv.h - the batch store's insides, shared by its files only (store.c, storedb.c,
 * storerec.c, storeid.c, storebatch.c, storeread.c, storefollow.c); callers use store.h.
 *
 * Who does what: storedb.c is the SQLite adapter (storedb.h); store.c opens a store, keeps its
 * schema and verifies it; storerec.c turns a table row into the stored record and back;
 * storeid.c knows respondents (their ids, the hashes a batch keeps of them, rows without an
 * id, pseudonyms or ids as delivered); storebatch.c adds, lists and removes batches;
 * storeread.c reads the answers that count into a table, consent withdrawals applied;
 * storefollow.c keeps the follow-up bookkeeping.
 */
#ifndef CEO_STOREPRIV_H
#define CEO_STOREPRIV_H

#include <stddef.h>
#include <stdint.h>

#include "../base/strmap.h"
#include "../base/text.h"
#include "store.h"
#include "storedb.h"

struct sv_store {
    sv_db *db;
    char *path;
};

/* The date of an undated answer where dates are compared: before every real one. */
#define SV_UNDATED "-9000000000000000000"
#define SV_UNDATED_N (-9000000000000000000LL)

/* Now, UTC, ISO 8601 ("2026-12-04T03:20:00Z"). */
void sv_store_now(char out[32]);

/* The answers that no longer count and answer contact_toestemming (storeread.c looks for
 * withdrawn consent among them); the partial index answers_old (store.c) serves it. */
#define SV_WITHDRAWN_SQL                                                                           \
    "SELECT rid, batch, record FROM answers WHERE current = 0"                                     \
    " AND instr(record, 'contact_toestemming' || char(31)) > 0"

/* ---- records (storerec.c) --------------------------------------------------------------- */

/* The record of row r of t into b (see storerec.c for the format). Returns 0, -1 out of
 * memory. */
int sv_rec_encode(const sv_table *t, size_t r, sv_buf *b);

/* What decoding keeps from one record to the next of one table: scratch space, the lengths
 * of the codebook's item ids and of a scale's category ids, and per categorie item the group
 * of each value met as stored (a stored group is its name as written, so the same bytes are
 * the same group). Starts zeroed ({0}); freed with sv_rec_reader_free. Its groups are the
 * table's at the time: after sv_table_rollback it must be freed and started again. */
typedef struct {
    sv_buf tmp;
    size_t nitems;
    size_t *idlen;      /* per item */
    size_t **catlen;    /* per item with a scale: its categories' id lengths; NULL until met */
    sv_strmap **values; /* per categorie item: value -> group; NULL until met */
} sv_rec_reader;
void sv_rec_reader_free(sv_rec_reader *rd);

/* Appends the record as a new row of t, through the table's filling API (tablefill.h).
 * Returns 0, -1 out of memory; counts values the codebook does not know in *skipped. rd is
 * kept between the records decoded into t (and only t). */
int sv_rec_decode(sv_table *t, const char *rec, size_t len, long *skipped, sv_rec_reader *rd);

/* The value of item id in a record, or NULL (*n its length). */
const char *sv_rec_value(const char *rec, size_t len, const char *id, size_t *n);

/* The index of the category with id id (n bytes) in sc, or -1. */
int sv_rec_cat(const sv_scale *sc, const char *id, size_t n);

/* The SHA-256 of p[0, n) in hex: a record's content hash, and what id hashes derive from. */
void sv_rec_hash(const void *p, size_t n, char hex[65]);

/* ---- respondents (storeid.c) ------------------------------------------------------------ */

/* A respondent id's hash with where it came from. */
typedef struct {
    uint32_t h;
    size_t row; /* the row of the table, or the position in a list of ids */
} sv_id_key;

/* A row whose respondent a batch may hold (its id hash is among the batch's). */
typedef struct {
    size_t row;
    long batch;
} sv_id_cand;

/* The first 32 bits of the SHA-256 of a respondent id. */
uint32_t sv_id_hash(const char *rid);

/* Appends a key (0, -1 out of memory); sorts keys by hash, then row. */
int sv_id_key_add(sv_id_key **keys, size_t *n, size_t *cap, uint32_t h, size_t row);
void sv_id_keys_sort(sv_id_key *keys, size_t n);

/* Appends a candidate (0, -1 out of memory); orders candidates by row, then batch. */
int sv_id_cand_add(sv_id_cand **c, size_t *n, size_t *cap, size_t row, long batch);
int sv_id_cand_cmp(const void *a, const void *b);

/* Writes the ids row of batch from keys, which it sorts by hash. */
ceo_status sv_ids_write(sv_store *s, long batch, sv_id_key *keys, size_t n, ceo_error *err);

/* Schema 3's ids rows for the answers already stored (the migration from schema 2). */
ceo_status sv_ids_fill(sv_store *s, ceo_error *err);

/* Appends to *cand, for every key (sorted by hash), the batches other than except whose ids
 * hold its hash (*cap: the capacity of *cand). */
ceo_status sv_ids_find_earlier(sv_store *s, const sv_id_key *keys, size_t n, long except,
                               sv_id_cand **cand, size_t *ncand, size_t *cap, ceo_error *err);

/* An answer stored under a respondent id, as sv_stored_lookup gives it. */
typedef struct {
    int found;
    int64_t rowid;
    long batch;
    long long datum; /* SV_UNDATED_N when undated */
    int current;
    char content[65];
} sv_stored;

/* The statement sv_stored_lookup runs (prepared once per add or remove). */
#define SV_LOOKUP_SQL                                                                              \
    "SELECT rowid, content, coalesce(datum, " SV_UNDATED "), current FROM answers"                 \
    " WHERE batch = ?1 AND rid = ?2"

/* The answer of batch b under rid into *a (a->found 0 when there is none); 0 or -1. */
int sv_stored_lookup(sv_stmt *q, long b, const char *rid, sv_stored *a);

/* Whether a is later than b: by date, then by batch. */
int sv_stored_later(const sv_stored *a, const sv_stored *b);

/* The respondent id of row r of t into rid (see storeid.c); rec and content receive the
 * encoded record and its hash when the record was encoded (*encoded set). occ: from
 * sv_id_occurrences. Returns 0, -1 out of memory. */
int sv_id_of_row(const sv_table *t, int kid, size_t r, const uint32_t *occ, sv_buf *rec,
                 char content[65], char rid[512], int *encoded);

/* For the rows without a respondent id: how many rows before each in this file (skipped rows
 * left out) have the same answers. *occ is NULL when every row has an id; freed with
 * ceo_free. */
ceo_status sv_id_occurrences(const sv_table *t, int kid, const size_t *skip, size_t nskip,
                             uint32_t **occ, ceo_error *err);

/* Whether t's ids may join the store: pseudonyms or ids as delivered as the store holds them,
 * and pseudonyms made with the store's key; notes which on the first batch. */
ceo_status sv_ids_check(sv_store *s, const sv_table *t, ceo_error *err);

#endif
