/*
 * storeread.c - reading a store's answers that count into a survey table (through the table's
 * filling API, tablefill.h), with withdrawn consent applied.
 *
 * Consent withdrawn: a respondent who answered again in a later batch and there gave any
 * answer but "ja" to contact_toestemming has withdrawn consent, whatever the dates say (a form
 * dated earlier, or a platform that dates by the start): the answer that counts for the
 * figures is still the latest dated one, but its "ja" no longer counts. A withdrawal is never
 * overridden by an older consent: only an answer that counts and comes from a batch added
 * after the withdrawal gives consent again.
 */
#include "storepriv.h"

#include <stdlib.h>
#include <string.h>

#include "tablefill.h"

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

static int withdrawal_row(sv_stmt *q, void *elem, void *data)
{
    withdrawal *w = elem;
    const char *rid = sv_db_text(q, 0);
    size_t len, vn = 0;
    const char *rec = sv_db_blob(q, 2, &len);
    const char *v = rec ? sv_rec_value(rec, len, "contact_toestemming", &vn) : NULL;
    (void)data;
    if (!v || !vn || (vn == 2 && memcmp(v, "ja", 2) == 0))
        return 1;
    w->batch = (long)sv_db_int(q, 1);
    return (w->rid = ceo_strdup(rid ? rid : "")) ? 0 : -1;
}

static void withdrawal_drop(void *elem)
{
    ceo_free(((withdrawal *)elem)->rid);
}

/* The answers that do not count and answer contact_toestemming with anything but "ja", by
 * respondent (sorted, one per respondent, its latest batch). */
static ceo_status find_withdrawals(sv_store *s, withdrawal **out, size_t *n, ceo_error *err)
{
    sv_stmt *q = sv_db_prepare(s, SV_WITHDRAWN_SQL, err);
    ceo_status st = sv_db_rows(s, q, sizeof **out, withdrawal_row, withdrawal_drop, NULL,
                               (void **)out, n, "cannot read the store", err);
    if (st)
        return st;
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
    if (!nw) /* no withdrawals: nothing to look up for any row */
        return;
    const sv_codebook *cb = sv_table_codebook(t);
    int k = sv_codebook_find(cb, "contact_toestemming");
    if (k < 0 || !sv_table_has(t, k))
        return;
    withdrawal key = {(char *)rid, 0};
    const withdrawal *hit = bsearch(&key, w, nw, sizeof *w, cmp_withdrawal);
    if (!hit || hit->batch <= batch)
        return;
    const sv_item *it = sv_codebook_item(cb, (size_t)k);
    const sv_scale *sc = it->scale >= 0 ? sv_codebook_scale(cb, it->scale) : NULL;
    int yes = sc ? sv_rec_cat(sc, "ja", 2) : -1, no = sc ? sv_rec_cat(sc, "nee", 3) : -1;
    const uint16_t *codes = sv_table_codes(t, k);
    if (codes && yes >= 0 && no >= 0 && codes[row] == (uint16_t)(yes + 1))
        sv_table_set_code(t, k, row, (uint16_t)(no + 1));
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
    sv_stmt *q = sv_db_prepare(s,
                               "SELECT record, rid, batch FROM answers a WHERE a.current = 1"
                               " AND ((?1 = 0 AND ?2 = 0) OR (a.month IS NOT NULL AND"
                               " (?1 = 0 OR a.month >= ?1) AND (?2 = 0 OR a.month <= ?2)))"
                               " ORDER BY a.batch, a.seq",
                               err);
    if (!q) {
        withdrawals_free(w, nw);
        return err ? err->code : CEO_EDATA;
    }
    sv_db_bind_int(q, 1, from);
    sv_db_bind_int(q, 2, to);
    sv_table_mark mark;
    if (sv_table_mark_take(t, &mark) != 0) {
        sv_db_finalize(q);
        withdrawals_free(w, nw);
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    sv_buf tmp = {0};
    ceo_status st = CEO_OK;
    int rc;
    while ((rc = sv_db_step(q)) == 1) {
        size_t len;
        const char *rec = sv_db_blob(q, 0, &len);
        const char *rid = sv_db_text(q, 1);
        if (sv_rec_decode(t, rec ? rec : "", len, skipped, &tmp) != 0 ||
            (rids && (ceo_grow((void **)rids, &rcap, nrid + 1, sizeof **rids) != 0 ||
                      !((*rids)[nrid] = ceo_strdup(rid ? rid : ""))))) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        apply_withdrawal(t, sv_table_rows(t) - 1, rid ? rid : "", (long)sv_db_int(q, 2), w, nw);
        nrid += rids != NULL;
        (*read)++;
    }
    if (!st && rc != 0)
        st = sv_db_error(s, err, "cannot read the store");
    sv_buf_free(&tmp);
    sv_db_finalize(q);
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
