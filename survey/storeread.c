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
 *
 * How: the answers are read in the table's own order (rowid) while it is the order added
 * (batch, seq), else again through the index; a feeder thread steps SQLite and copies the
 * answers into chunks while the caller's thread decodes them into the table (read_pass).
 */
#include "storepriv.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The answers that count, from months [from, to] (0: open), in the order they were added:
 * (batch, seq). Rows are appended in that order, so the table's own order (rowid) is normally
 * the same, and reading in it spares a seek from the (batch, seq) index into the table per
 * answer. A store whose rows were ever written in another order is read through the index. */
#define SV_READ_SQL(order)                                                                         \
    "SELECT record, rid, batch, seq FROM answers a WHERE a.current = 1"                            \
    " AND ((?1 = 0 AND ?2 = 0) OR (a.month IS NOT NULL AND"                                        \
    " (?1 = 0 OR a.month >= ?1) AND (?2 = 0 OR a.month <= ?2)))"                                   \
    " ORDER BY " order

/* The answers of a pass as SQLite gives them, a chunk at a time: a feeder steps the statement
 * and copies each answer into a free chunk, and the reader decodes the chunks in order. With
 * two processors the feeder is a thread of its own, so that SQLite's work and the decoding
 * are done side by side; else (or while a test makes allocations fail, which must fail in the
 * same order every run) the two take turns on one thread. The table sees the same rows in the
 * same order either way. */
#define CHUNK_ROWS 2048
#define NCHUNKS 3

typedef struct {
    size_t rec, len, rid; /* offsets into the chunk's buf: the record (len bytes), the rid */
    long batch;
} answer;

typedef struct {
    char *buf;
    size_t used, cap;
    answer a[CHUNK_ROWS];
    size_t n;
} chunk;

typedef struct {
    sv_store *s;
    sv_stmt *q;
    int check_order, out_of_order;
    int64_t last_batch, last_seq;
    ceo_status st; /* the feeder's failure, in err */
    ceo_error err;
    chunk ch[NCHUNKS];
    /* the hand-over between the threads: chunks filled and chunks decoded so far */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t filled, decoded;
    int done; /* the feeder has filled its last chunk */
    int stop; /* the reader gave up */
} feed;

/* Fills c with the next answers; returns 1 when there are no more (the statement ended or
 * failed, or an answer came out of (batch, seq) order: f->out_of_order). */
static int fill(feed *f, chunk *c)
{
    c->used = c->n = 0;
    while (c->n < CHUNK_ROWS) {
        int rc = sv_db_step(f->q);
        if (rc != 1) {
            if (rc != 0)
                f->st = sv_db_error(f->s, &f->err, "cannot read the store");
            return 1;
        }
        int64_t batch = sv_db_int(f->q, 2), seq = sv_db_int(f->q, 3);
        if (f->check_order) {
            if (batch < f->last_batch || (batch == f->last_batch && seq <= f->last_seq)) {
                f->out_of_order = 1;
                return 1;
            }
            f->last_batch = batch;
            f->last_seq = seq;
        }
        size_t len;
        const char *rec = sv_db_blob(f->q, 0, &len);
        const char *rid = sv_db_text(f->q, 1);
        size_t rlen = rid ? strlen(rid) : 0;
        if (ceo_grow((void **)&c->buf, &c->cap, c->used + len + rlen + 1, 1) != 0) {
            f->st = ceo_error_set(&f->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            return 1;
        }
        answer *an = &c->a[c->n++];
        an->rec = c->used;
        an->len = len;
        an->batch = (long)batch;
        if (len)
            memcpy(c->buf + c->used, rec, len);
        c->used += len;
        an->rid = c->used;
        if (rlen)
            memcpy(c->buf + c->used, rid, rlen);
        c->buf[c->used + rlen] = '\0';
        c->used += rlen + 1;
    }
    return 0;
}

static void *feeder(void *arg)
{
    feed *f = arg;
    pthread_mutex_lock(&f->mu);
    while (!f->stop && !f->done) {
        if (f->filled - f->decoded == NCHUNKS) {
            pthread_cond_wait(&f->cv, &f->mu);
            continue;
        }
        chunk *c = &f->ch[f->filled % NCHUNKS];
        pthread_mutex_unlock(&f->mu);
        int last = fill(f, c);
        pthread_mutex_lock(&f->mu);
        f->filled++;
        f->done = last;
        pthread_cond_broadcast(&f->cv);
    }
    pthread_mutex_unlock(&f->mu);
    return NULL;
}

/* Decodes the answers of c into t; -1 out of memory. */
static int decode(const chunk *c, sv_table *t, long *read, long *skipped, char ***rids,
                  size_t *nrid, size_t *rcap, const withdrawal *w, size_t nw, sv_rec_reader *rd)
{
    for (size_t k = 0; k < c->n; k++) {
        const answer *an = &c->a[k];
        const char *rid = c->buf + an->rid;
        if (sv_rec_decode(t, c->buf + an->rec, an->len, skipped, rd) != 0 ||
            (rids && (ceo_grow((void **)rids, rcap, *nrid + 1, sizeof **rids) != 0 ||
                      !((*rids)[*nrid] = ceo_strdup(rid)))))
            return -1;
        apply_withdrawal(t, sv_table_rows(t) - 1, rid, an->batch, w, nw);
        *nrid += rids != NULL;
        (*read)++;
    }
    return 0;
}

/* One pass of sv_store_read_ids with sql. With in_order (not NULL), stops at the first answer
 * that does not follow the one before in (batch, seq), setting *in_order to 0. */
static ceo_status read_pass(sv_store *s, sv_table *t, const char *sql, int *in_order, int from,
                            int to, long *read, long *skipped, char ***rids, size_t *nrid,
                            const withdrawal *w, size_t nw, ceo_error *err)
{
    feed *f = ceo_calloc(1, sizeof *f); /* three chunks of answers: too large for the stack */
    if (!f)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    f->s = s;
    f->check_order = in_order != NULL;
    f->last_batch = f->last_seq = INT64_MIN;
    ceo_error_clear(&f->err);
    if (!(f->q = sv_db_prepare(s, sql, err))) {
        ceo_free(f);
        return err ? err->code : CEO_EDATA;
    }
    sv_db_bind_int(f->q, 1, from);
    sv_db_bind_int(f->q, 2, to);
    sv_rec_reader rd = {0};
    size_t rcap = 0;
    int oom = 0;
    pthread_t tid;
    int threaded = !ceo_alloc_failing() && sysconf(_SC_NPROCESSORS_ONLN) > 1 &&
                   pthread_mutex_init(&f->mu, NULL) == 0;
    if (threaded && pthread_cond_init(&f->cv, NULL) != 0) {
        pthread_mutex_destroy(&f->mu);
        threaded = 0;
    }
    if (threaded && pthread_create(&tid, NULL, feeder, f) != 0) {
        pthread_cond_destroy(&f->cv);
        pthread_mutex_destroy(&f->mu);
        threaded = 0;
    }
    if (threaded) {
        pthread_mutex_lock(&f->mu);
        for (;;) {
            while (f->decoded == f->filled && !f->done)
                pthread_cond_wait(&f->cv, &f->mu);
            if (f->decoded == f->filled)
                break;
            const chunk *c = &f->ch[f->decoded % NCHUNKS];
            pthread_mutex_unlock(&f->mu);
            oom = decode(c, t, read, skipped, rids, nrid, &rcap, w, nw, &rd) != 0;
            pthread_mutex_lock(&f->mu);
            f->decoded++;
            f->stop = oom;
            pthread_cond_broadcast(&f->cv);
            if (oom)
                break;
        }
        pthread_mutex_unlock(&f->mu);
        pthread_join(tid, NULL);
        pthread_cond_destroy(&f->cv);
        pthread_mutex_destroy(&f->mu);
    } else {
        int last = 0;
        while (!last && !oom) {
            last = fill(f, &f->ch[0]);
            oom = decode(&f->ch[0], t, read, skipped, rids, nrid, &rcap, w, nw, &rd) != 0;
        }
    }
    for (size_t k = 0; k < NCHUNKS; k++)
        ceo_free(f->ch[k].buf);
    sv_rec_reader_free(&rd);
    sv_db_finalize(f->q);
    ceo_status st = f->st;
    if (oom)
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    else if (st && err && !err->code)
        *err = f->err;
    if (!st && f->out_of_order)
        *in_order = 0;
    ceo_free(f);
    return st;
}

ceo_status sv_store_read_ids(sv_store *s, sv_table *t, int from, int to, long *read, long *skipped,
                             char ***rids, ceo_error *err)
{
    *read = *skipped = 0;
    size_t nrid = 0, nw = 0;
    if (rids)
        *rids = NULL;
    withdrawal *w = NULL;
    ceo_status st = find_withdrawals(s, &w, &nw, err);
    if (st)
        return st;
    sv_table_mark mark;
    if (sv_table_mark_take(t, &mark) != 0) {
        withdrawals_free(w, nw);
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    /* Room for every answer the batches brought (those that count are fewer), so that the
     * table's arrays are not grown and copied along the way; a window of months takes its
     * share only, unknown here: the table grows. A hint: not having it is no error. */
    char v[32];
    long all =
        !from && !to &&
                sv_db_query_text(s, "SELECT sum(new_answers) FROM batches", v, sizeof v, NULL) == 0
            ? sv_db_long(v)
            : -1;
    if (all > 0)
        sv_table_reserve(t, sv_table_rows(t) + (size_t)all);
    int in_order = 1;
    st = read_pass(s, t, SV_READ_SQL("a.rowid"), &in_order, from, to, read, skipped, rids, &nrid, w,
                   nw, err);
    if (!st && !in_order) { /* again, through the index */
        sv_table_rollback(t, &mark);
        if (rids) {
            sv_store_ids_free(*rids, nrid);
            *rids = NULL;
        }
        nrid = 0;
        *read = *skipped = 0;
        st = read_pass(s, t, SV_READ_SQL("a.batch, a.seq"), NULL, from, to, read, skipped, rids,
                       &nrid, w, nw, err);
    }
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
