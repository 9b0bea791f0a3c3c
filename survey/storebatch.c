/*
 * storebatch.c - the batches of a store: adding one (each row matched against the answers
 * stored under its respondent, then inserted, updated or left out, and which answer counts
 * moved to the latest), listing them, and removing one (what it replaced counts again). Each
 * add and remove is one transaction.
 */
#include "storepriv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "values.h"

void sv_store_added_free(sv_store_added *a)
{
    for (size_t i = 0; a && i < a->ntwice; i++)
        ceo_free(a->twice[i]);
    if (a)
        ceo_free(a->twice);
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
    return d && d[r] != SV_MISSING_DATE ? (long long)d[r] : (long long)SV_UNDATED_N;
}

/* The rows to add, each with its id hash (hash[r]), and for each row the batches that may
 * already hold its respondent: earlier batches from their ids, and this batch when the file
 * holds the id more than once. */
static ceo_status plan_rows(sv_store *s, const sv_table *t, long batch, const size_t *skip,
                            size_t nskip, const uint32_t *occ, uint32_t *hash, sv_id_cand **cand,
                            size_t *ncand, ceo_error *err)
{
    int kid = sv_codebook_find(sv_table_codebook(t), "respondent_id");
    size_t n = sv_table_rows(t), nkeys = 0, kcap = 0, ccap = 0, k = 0;
    sv_id_key *keys = NULL;
    sv_buf rec = {0};
    char content[65], rid[512];
    ceo_status st = CEO_OK;
    for (size_t r = 0; r < n && !st; r++) {
        while (k < nskip && skip[k] < r)
            k++;
        if (k < nskip && skip[k] == r)
            continue;
        int encoded;
        if (sv_id_of_row(t, kid, r, occ, &rec, content, rid, &encoded) != 0 ||
            sv_id_key_add(&keys, &nkeys, &kcap, hash[r] = sv_id_hash(rid), r) != 0)
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    sv_buf_free(&rec);
    if (!st) {
        sv_id_keys_sort(keys, nkeys);
        for (size_t i = 1; i < nkeys && !st; i++)
            if (keys[i].h == keys[i - 1].h &&
                sv_id_cand_add(cand, ncand, &ccap, keys[i].row, batch))
                st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (!st)
        st = sv_ids_find_earlier(s, keys, nkeys, batch, cand, ncand, &ccap, err);
    ceo_free(keys);
    if (!st && *ncand) {
        qsort(*cand, *ncand, sizeof **cand, sv_id_cand_cmp);
        size_t w = 1;
        for (size_t i = 1; i < *ncand; i++)
            if (sv_id_cand_cmp(&(*cand)[i], &(*cand)[w - 1]) != 0)
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
    sv_id_cand *cand = NULL;
    sv_id_key *mine = NULL; /* the hashes of the answers this batch stores */
    if (!hash)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    ceo_status st = sv_id_occurrences(t, kid, skip, nskip, &occ, err);
    if (!st)
        st = plan_rows(s, t, batch, skip, nskip, occ, hash, &cand, &ncand, err);
    sv_stmt *look = st ? NULL : sv_db_prepare(s, SV_LOOKUP_SQL, err);
    sv_stmt *ins = look ? sv_db_prepare(s,
                                        "INSERT INTO answers(rid, batch, seq, datum, month,"
                                        " content, record, current)"
                                        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                        err)
                        : NULL;
    sv_stmt *upd = ins ? sv_db_prepare(s,
                                       "UPDATE answers SET seq = ?3, datum = ?4, month = ?5,"
                                       " content = ?6, record = ?7, current = ?8"
                                       " WHERE rowid = ?1",
                                       err)
                       : NULL;
    sv_stmt *demote =
        upd ? sv_db_prepare(s, "UPDATE answers SET current = 0 WHERE rowid = ?1", err) : NULL;
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
        if (sv_id_of_row(t, kid, r, occ, &rec, content, rid, &encoded) != 0 ||
            (!encoded && sv_rec_encode(t, r, &rec) != 0)) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        if (!encoded)
            sv_rec_hash(rec.p, rec.len, content);
        long long datum = datum_of(t, kd, r);
        int undated = datum == SV_UNDATED_N;
        int month = 0;
        if (!undated) {
            int y, m, d;
            sv_civil_from_seconds((int64_t)datum, &y, &m, &d);
            month = y * 100 + m;
        }
        /* the stored answers of this respondent: the one that counts (cur) and the one of
         * this very file (mine_row), if any */
        sv_stored cur = {0}, here = {0}, latest = {0}, a;
        while (c < ncand && cand[c].row < r)
            c++;
        for (; c < ncand && cand[c].row == r; c++) {
            if (sv_stored_lookup(look, cand[c].batch, rid, &a) != 0) {
                st = sv_db_error(s, err, "cannot add the batch");
                break;
            }
            if (!a.found)
                continue;
            if (a.batch == batch)
                here = a;
            if (a.current)
                cur = a;
            if (!latest.found || sv_stored_later(&a, &latest))
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
            sv_db_reset(demote);
            sv_db_bind_int(demote, 1, cur.rowid);
            if (sv_db_step(demote) != 0) {
                st = sv_db_error(s, err, "cannot add the batch");
                break;
            }
        }
        sv_stmt *w = here.found ? upd : ins;
        sv_db_reset(w);
        if (here.found)
            sv_db_bind_int(w, 1, here.rowid);
        else
            sv_db_bind_text(w, 1, rid);
        sv_db_bind_int(w, 2, batch);
        sv_db_bind_int(w, 3, (int64_t)r);
        if (undated) {
            sv_db_bind_null(w, 4);
            sv_db_bind_null(w, 5);
        } else {
            sv_db_bind_int(w, 4, datum);
            sv_db_bind_int(w, 5, month);
        }
        sv_db_bind_text(w, 6, content);
        sv_db_bind_blob(w, 7, rec.p, rec.len);
        sv_db_bind_int(w, 8, counts);
        if (sv_db_step(w) != 0)
            st = sv_db_error(s, err, "cannot add the batch");
        else if (!here.found && sv_id_key_add(&mine, &nmine, &mcap, hash[r], r) != 0)
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (!st)
        st = sv_ids_write(s, batch, mine, nmine, err);
    if (progress && !st)
        progress(data, n, n);
    sv_buf_free(&rec);
    sv_db_finalize(look);
    sv_db_finalize(ins);
    sv_db_finalize(upd);
    sv_db_finalize(demote);
    ceo_free(hash);
    ceo_free(occ);
    ceo_free(cand);
    ceo_free(mine);
    return st;
}

ceo_status sv_store_add(sv_store *s, const sv_table *t, const char *file, const char *sha256,
                        const char *codebook, const size_t *skip, size_t nskip,
                        sv_store_progress progress, void *data, sv_store_added *out, ceo_error *err)
{
    memset(out, 0, sizeof *out);
    out->respondents = (long)(sv_table_rows(t) - nskip);
    if (sv_db_exec(s, "BEGIN IMMEDIATE", err, "cannot add the batch"))
        return err ? err->code : CEO_EIO;
    ceo_status st = CEO_OK;
    sv_stmt *q = sv_db_prepare(s, "SELECT id FROM batches WHERE sha256 = ?1", err);
    if (!q) {
        st = err ? err->code : CEO_EDATA;
        goto fail;
    }
    sv_db_bind_text(q, 1, sha256);
    int rc = sv_db_step(q);
    if (rc == 1) {
        out->already = 1;
        out->batch = (long)sv_db_int(q, 0);
    } else if (rc < 0) {
        st = sv_db_error(s, err, "cannot add the batch");
    }
    sv_db_finalize(q);
    if (st)
        goto fail;
    if (out->already) {
        sv_db_rollback(s);
        return CEO_OK;
    }
    if ((st = sv_ids_check(s, t, err)))
        goto fail;
    char added[32];
    sv_store_now(added);
    q = sv_db_prepare(s,
                      "INSERT INTO batches(file, sha256, added, respondents, new_answers, codebook)"
                      " VALUES(?1, ?2, ?3, ?4, 0, ?5)",
                      err);
    if (!q) {
        st = err ? err->code : CEO_EDATA;
        goto fail;
    }
    sv_db_bind_text(q, 1, file);
    sv_db_bind_text(q, 2, sha256);
    sv_db_bind_text(q, 3, added);
    sv_db_bind_int(q, 4, out->respondents);
    sv_db_bind_text(q, 5, codebook ? codebook : "");
    if (sv_db_step(q) != 0)
        st = sv_db_error(s, err, "cannot add the batch");
    sv_db_finalize(q);
    if (st)
        goto fail;
    out->batch = (long)sv_db_last_id(s);
    if ((st = add_rows(s, t, out->batch, skip, nskip, progress, data, out, err)))
        goto fail;
    char sql[160];
    snprintf(sql, sizeof sql,
             "UPDATE batches SET new_answers = (SELECT count(*) FROM answers WHERE batch = %ld)"
             " WHERE id = %ld",
             out->batch, out->batch);
    if ((st = sv_db_exec(s, sql, err, "cannot add the batch")))
        goto fail;
    if ((st = sv_db_exec(s, "COMMIT", err, "cannot add the batch")))
        goto fail;
    return CEO_OK;
fail:
    sv_db_rollback(s);
    return st;
}

static int batch_row(sv_stmt *q, void *elem, void *data)
{
    sv_store_batch *b = elem;
    (void)data;
    b->id = (long)sv_db_int(q, 0);
    sv_db_copy(b->file, sizeof b->file, q, 1);
    sv_db_copy(b->sha256, sizeof b->sha256, q, 2);
    sv_db_copy(b->added, sizeof b->added, q, 3);
    b->respondents = (long)sv_db_int(q, 4);
    b->new_answers = (long)sv_db_int(q, 5);
    sv_db_copy(b->codebook, sizeof b->codebook, q, 6);
    b->current = (long)sv_db_int(q, 7);
    return 0;
}

ceo_status sv_store_batches(sv_store *s, sv_store_batch **out, size_t *n, ceo_error *err)
{
    sv_stmt *q = sv_db_prepare(s,
                               "SELECT id, file, sha256, added, respondents, new_answers, codebook,"
                               " (SELECT count(*) FROM answers a WHERE a.batch = batches.id AND"
                               " a.current = 1) FROM batches ORDER BY id",
                               err);
    return sv_db_rows(s, q, sizeof **out, batch_row, NULL, NULL, (void **)out, n,
                      "cannot list the batches", err);
}

static int rid_row(sv_stmt *q, void *elem, void *data)
{
    const char *rid = sv_db_text(q, 0);
    (void)data;
    return (*(char **)elem = ceo_strdup(rid ? rid : "")) ? 0 : -1;
}

static void rid_drop(void *elem)
{
    ceo_free(*(char **)elem);
}

/* Before batch `batch` goes: for each of its answers that counts, the respondent's latest
 * answer in another batch counts again. */
static ceo_status restore_current(sv_store *s, long batch, ceo_error *err)
{
    sv_stmt *q = sv_db_prepare(s, "SELECT rid FROM answers WHERE batch = ?1 AND current = 1", err);
    if (q)
        sv_db_bind_int(q, 1, batch);
    char **rids = NULL;
    sv_id_key *keys = NULL;
    sv_id_cand *cand = NULL;
    size_t n = 0, nk = 0, kcap = 0, ncand = 0, ccap = 0;
    ceo_status st = sv_db_rows(s, q, sizeof *rids, rid_row, rid_drop, NULL, (void **)&rids, &n,
                               "cannot remove the batch", err);
    for (size_t i = 0; !st && i < n; i++)
        if (sv_id_key_add(&keys, &nk, &kcap, sv_id_hash(rids[i]), i) != 0)
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    if (!st) {
        sv_id_keys_sort(keys, n);
        st = sv_ids_find_earlier(s, keys, n, batch, &cand, &ncand, &ccap, err);
    }
    if (!st && ncand)
        qsort(cand, ncand, sizeof *cand, sv_id_cand_cmp);
    sv_stmt *look = st ? NULL : sv_db_prepare(s, SV_LOOKUP_SQL, err);
    sv_stmt *promote =
        look ? sv_db_prepare(s, "UPDATE answers SET current = 1 WHERE rowid = ?1", err) : NULL;
    if (!st && !promote)
        st = err ? err->code : CEO_EDATA;
    for (size_t c = 0; c < ncand && !st;) {
        size_t row = cand[c].row;
        sv_stored best = {0}, a;
        for (; c < ncand && cand[c].row == row; c++) {
            if (sv_stored_lookup(look, cand[c].batch, rids[row], &a) != 0) {
                st = sv_db_error(s, err, "cannot remove the batch");
                break;
            }
            if (a.found && (!best.found || sv_stored_later(&a, &best)))
                best = a;
        }
        if (!st && best.found) {
            sv_db_reset(promote);
            sv_db_bind_int(promote, 1, best.rowid);
            if (sv_db_step(promote) != 0)
                st = sv_db_error(s, err, "cannot remove the batch");
        }
    }
    sv_db_finalize(look);
    sv_db_finalize(promote);
    for (size_t i = 0; i < n; i++)
        ceo_free(rids[i]);
    ceo_free(rids);
    ceo_free(keys);
    ceo_free(cand);
    return st;
}

ceo_status sv_store_remove(sv_store *s, long id, long *removed, ceo_error *err)
{
    if (sv_db_exec(s, "BEGIN IMMEDIATE", err, "cannot remove the batch"))
        return err ? err->code : CEO_EIO;
    char sql[128];
    snprintf(sql, sizeof sql, "DELETE FROM batches WHERE id = %ld", id);
    ceo_status st = sv_db_exec(s, sql, err, "cannot remove the batch");
    if (!st && sv_db_changes(s) == 0)
        st = ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "there is no batch %ld", id);
    if (!st)
        st = restore_current(s, id, err);
    snprintf(sql, sizeof sql, "DELETE FROM answers WHERE batch = %ld", id);
    if (!st && !(st = sv_db_exec(s, sql, err, "cannot remove the batch")))
        *removed = (long)sv_db_changes(s);
    snprintf(sql, sizeof sql, "DELETE FROM ids WHERE batch = %ld", id);
    if (!st)
        st = sv_db_exec(s, sql, err, "cannot remove the batch");
    if (!st)
        st = sv_db_exec(s, "COMMIT", err, "cannot remove the batch");
    if (st)
        sv_db_rollback(s);
    return st;
}
