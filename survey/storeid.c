/*
 * storeid.c - who a stored answer belongs to: respondent ids, the hashes of them each batch
 * keeps (the ids table), finding which stored batches may hold a respondent, a row without an
 * id known by the hash of its answers, and whether a file's ids (pseudonyms or as delivered)
 * may join the store.
 *
 * ids.hashes holds, for every answer of a batch, the first 32 bits of the SHA-256 of its
 * respondent id, 4 bytes each, little-endian, ascending. An equal hash is only a reason to
 * look the id itself up: with a million ids stored, a month of 17,000 new ones meets about
 * four equal hashes by chance, each costing one look-up.
 */
#include "storepriv.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pseudo.h"

uint32_t sv_id_hash(const char *rid)
{
    char hex[65];
    sv_rec_hash(rid, strlen(rid), hex);
    uint32_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 4 | (uint32_t)(hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'a' + 10);
    return v;
}

static int cmp_key(const void *a, const void *b)
{
    const sv_id_key *x = a, *y = b;
    return x->h != y->h ? (x->h < y->h ? -1 : 1) : (x->row > y->row) - (x->row < y->row);
}

int sv_id_cand_cmp(const void *a, const void *b)
{
    const sv_id_cand *x = a, *y = b;
    return x->row != y->row ? (x->row < y->row ? -1 : 1)
                            : (x->batch > y->batch) - (x->batch < y->batch);
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* qsort of the keys; an empty list may be NULL */
void sv_id_keys_sort(sv_id_key *keys, size_t n)
{
    if (n > 1)
        qsort(keys, n, sizeof *keys, cmp_key);
}

int sv_id_key_add(sv_id_key **keys, size_t *n, size_t *cap, uint32_t h, size_t row)
{
    if (ceo_grow((void **)keys, cap, *n + 1, sizeof **keys) != 0)
        return -1;
    (*keys)[(*n)++] = (sv_id_key){h, row};
    return 0;
}

int sv_id_cand_add(sv_id_cand **c, size_t *n, size_t *cap, size_t row, long batch)
{
    if (ceo_grow((void **)c, cap, *n + 1, sizeof **c) != 0)
        return -1;
    (*c)[(*n)++] = (sv_id_cand){row, batch};
    return 0;
}

ceo_status sv_ids_write(sv_store *s, long batch, sv_id_key *keys, size_t n, ceo_error *err)
{
    if (n > (size_t)INT_MAX / 4)
        return ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "a batch of %zu answers is too large",
                             n);
    unsigned char *blob = ceo_malloc(n * 4);
    if (!blob)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    sv_id_keys_sort(keys, n);
    for (size_t i = 0; i < n; i++) {
        uint32_t v = keys[i].h;
        for (int k = 0; k < 4; k++, v >>= 8)
            blob[4 * i + (size_t)k] = (unsigned char)v;
    }
    sv_stmt *q = sv_db_prepare(s, "INSERT OR REPLACE INTO ids(batch, hashes) VALUES(?1, ?2)", err);
    ceo_status st = q ? CEO_OK : (err ? err->code : CEO_EDATA);
    if (q) {
        sv_db_bind_int(q, 1, batch);
        sv_db_bind_blob(q, 2, blob, n * 4);
        if (sv_db_step(q) != 0)
            st = sv_db_error(s, err, "cannot write the store");
        sv_db_finalize(q);
    }
    ceo_free(blob);
    return st;
}

ceo_status sv_ids_fill(sv_store *s, ceo_error *err)
{
    sv_stmt *q = sv_db_prepare(s, "SELECT batch, rid FROM answers ORDER BY batch", err);
    if (!q)
        return err ? err->code : CEO_EDATA;
    sv_id_key *keys = NULL;
    size_t n = 0, cap = 0;
    long batch = -1;
    ceo_status st = CEO_OK;
    for (;;) {
        int rc = sv_db_step(q);
        if (rc < 0) {
            st = sv_db_error(s, err, "cannot update the store's schema");
            break;
        }
        long b = rc == 1 ? (long)sv_db_int(q, 0) : -1;
        if (b != batch && batch >= 0) {
            if ((st = sv_ids_write(s, batch, keys, n, err)))
                break;
            n = 0;
        }
        if (rc == 0)
            break;
        batch = b;
        const char *rid = sv_db_text(q, 1);
        if (sv_id_key_add(&keys, &n, &cap, sv_id_hash(rid ? rid : ""), n) != 0) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
    }
    sv_db_finalize(q);
    ceo_free(keys);
    return st;
}

/* Each batch's hashes are read into one buffer and checked against a bitmap of the keys'
 * hashes (a binary search only on a hit), so the cost follows the number of stored ids at 4
 * bytes each, never a look-up in an index of all respondents. */
ceo_status sv_ids_find_earlier(sv_store *s, const sv_id_key *keys, size_t n, long except,
                               sv_id_cand **cand, size_t *ncand, size_t *cap, ceo_error *err)
{
    if (n == 0)
        return CEO_OK;
    enum { BITS = 20 }; /* 128 KB of bitmap: a few percent of its bits set for a month */
    uint64_t *bits = ceo_calloc((size_t)1 << (BITS - 6), sizeof *bits);
    unsigned char *buf = NULL;
    size_t bufcap = 0;
    sv_stmt *q = bits ? sv_db_prepare(s, "SELECT batch FROM ids WHERE batch <> ?1", err) : NULL;
    ceo_status st = !bits ? ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory")
                    : !q  ? (err ? err->code : CEO_EDATA)
                          : CEO_OK;
    for (size_t i = 0; !st && i < n; i++)
        bits[keys[i].h >> (32 + 6 - BITS)] |= (uint64_t)1 << (keys[i].h >> (32 - BITS) & 63);
    sv_blob *blob = NULL;
    int rc = 0;
    if (!st)
        sv_db_bind_int(q, 1, except);
    while (!st && (rc = sv_db_step(q)) == 1) {
        long b = (long)sv_db_int(q, 0);
        size_t len;
        st = sv_db_blob_read(s, &blob, "ids", "hashes", b, &buf, &bufcap, &len, err);
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
                if (sv_id_cand_add(cand, ncand, cap, keys[lo].row, b) != 0) {
                    st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
                    break;
                }
        }
    }
    if (!st && rc != 0)
        st = sv_db_error(s, err, "cannot read the store");
    sv_db_blob_close(blob);
    sv_db_finalize(q);
    ceo_free(buf);
    ceo_free(bits);
    return st;
}

int sv_stored_lookup(sv_stmt *q, long b, const char *rid, sv_stored *a)
{
    sv_db_reset(q);
    sv_db_bind_int(q, 1, b);
    sv_db_bind_text(q, 2, rid);
    int rc = sv_db_step(q);
    a->found = rc == 1;
    if (a->found) {
        a->rowid = sv_db_int(q, 0);
        sv_db_copy(a->content, sizeof a->content, q, 1);
        a->datum = (long long)sv_db_int(q, 2);
        a->current = (int)sv_db_int(q, 3);
        a->batch = b;
    }
    return rc < 0 ? -1 : 0;
}

int sv_stored_later(const sv_stored *a, const sv_stored *b)
{
    return a->datum > b->datum || (a->datum == b->datum && a->batch > b->batch);
}

/* ---- rows without an id ----------------------------------------------------------------- */

/* The respondent id of a row is its id, or when it has none "#" and the hash of its answers,
 * followed by ".N" for the Nth row of the file with the same answers (N from 2; see
 * sv_id_occurrences). */
int sv_id_of_row(const sv_table *t, int kid, size_t r, const uint32_t *occ, sv_buf *rec,
                 char content[65], char rid[512], int *encoded)
{
    const char *id = kid >= 0 ? sv_table_text(t, kid, r) : NULL;
    *encoded = 0;
    if (id && *id) {
        snprintf(rid, 512, "%s", id);
        return 0;
    }
    if (sv_rec_encode(t, r, rec) != 0)
        return -1;
    sv_rec_hash(rec->p, rec->len, content);
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
ceo_status sv_id_occurrences(const sv_table *t, int kid, const size_t *skip, size_t nskip,
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
        if ((!v && !(v = ceo_calloc(n, sizeof *v))) || sv_rec_encode(t, r, &rec) != 0) {
            ceo_free(v);
            sv_buf_free(&rec);
            return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        }
        sv_rec_hash(rec.p, rec.len, v[m].content);
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

/* ---- pseudonyms or ids as delivered ------------------------------------------------------ */

/* The value of key in the table meta into out (size bytes); 1 when there, 0 when not, -1 on
 * error. */
static int meta_get(sv_store *s, const char *key, char *out, size_t size, ceo_error *err)
{
    sv_stmt *q = sv_db_prepare(s, "SELECT value FROM meta WHERE key = ?1", err);
    if (!q)
        return -1;
    sv_db_bind_text(q, 1, key);
    int rc = sv_db_step(q), found = 0;
    if (rc == 1) {
        sv_db_copy(out, size, q, 0);
        found = 1;
    } else if (rc < 0) {
        sv_db_error(s, err, "cannot read the store");
        found = -1;
    }
    sv_db_finalize(q);
    return found;
}

static ceo_status meta_set(sv_store *s, const char *key, const char *value, ceo_error *err)
{
    sv_stmt *q = sv_db_prepare(s, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)", err);
    if (!q)
        return err ? err->code : CEO_EDATA;
    sv_db_bind_text(q, 1, key);
    sv_db_bind_text(q, 2, value);
    ceo_status st = sv_db_step(q) == 0 ? CEO_OK : sv_db_error(s, err, "cannot add the batch");
    sv_db_finalize(q);
    return st;
}

/* A store holds either pseudonyms (ids read with --key, or pseudonymised before) or ids as
 * delivered, never both: else one respondent would be two, and the store would hold what the
 * key was meant to keep out. The meta 'ids' says which (a store from before it: its first
 * stored id), 'sleutel' the fingerprint of the key ids were pseudonymised with here. */
ceo_status sv_ids_check(sv_store *s, const sv_table *t, ceo_error *err)
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
        sv_stmt *q =
            sv_db_prepare(s, "SELECT rid FROM answers WHERE rid NOT LIKE '#%' LIMIT 1", err);
        if (!q)
            return err ? err->code : CEO_EDATA;
        if (sv_db_step(q) == 1) {
            const char *rid = sv_db_text(q, 0);
            snprintf(have, sizeof have, "%s",
                     rid && sv_is_pseudonym(rid, strlen(rid)) ? "pseudoniem" : "oorspronkelijk");
            found = 1;
        }
        sv_db_finalize(q);
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
