/*
 * csvbatch.c - the batches that carry parsed records to the record function, and the ring
 * that hands them from a parsing thread to the caller's.
 *
 * A batch holds field bytes and the ends of whole records; the record function receives each
 * record as sv_field pointers into it, with the line each field starts on (the line feeds
 * inside a record's quoted fields are counted only when its first and last line differ). The
 * ring of NBATCH batches lets the parser run ahead of the record function by up to a ring;
 * either side wakes the other only when half of it is ready, since a wake-up costs a system
 * call.
 */
#include <string.h>

#include "csvpriv.h"

/* Passes the record rp of batch b, whose first field is first, to the record function.
 * Returns 0, or -1 when reading must stop (the error is set). */
int sv_csv_deliver(sink *k, const batch *b, size_t first, const rec_pos *rp)
{
    sv_field stack[64];
    sv_field *fs = stack;
    size_t n = rp->end - first;
    if (n > 64) {
        fs = ceo_malloc(n * sizeof *fs);
        if (!fs) {
            ceo_error_set(k->err, CEO_ENOMEM, k->name, rp->line_end, 0,
                          "out of memory reading a record");
            return -1;
        }
    }
    size_t off = first ? b->fend[first - 1] : 0;
    long line = rp->line;
    for (size_t i = 0; i < n; i++) {
        size_t end = b->fend[first + i];
        fs[i].data = b->buf + off;
        fs[i].len = end - off - 1;
        fs[i].line = line;
        if (rp->line_end != rp->line)
            line += sv_csv_count_lf(fs[i].data, fs[i].len, k->eol);
        off = end;
    }
    k->info->records++;
    int rc = 0;
    if (k->fn(k->ctx, fs, n, k->err) != 0) {
        if (k->err && k->err->code == CEO_OK)
            ceo_error_set(k->err, CEO_EDATA, k->name, rp->line_end, 0, "reading stopped");
        rc = -1;
    }
    if (fs != stack)
        ceo_free(fs);
    return rc;
}

/* Passes the whole records of b to the record function. Returns 0, or -1 when reading must
 * stop. */
int sv_csv_deliver_batch(sink *k, const batch *b)
{
    for (size_t i = 0, first = 0; i < b->nrecs; first = b->recs[i++].end)
        if (sv_csv_deliver(k, b, first, &b->recs[i]) != 0)
            return -1;
    return 0;
}

/* Copies the fields of the record in progress of from (those after its whole records) into
 * the empty batch to. Returns 0 or -1 (out of memory). */
int sv_csv_carry_partial(batch *to, const batch *from)
{
    size_t base = sv_csv_rec_offset(from), nf = from->nfields - from->first;
    size_t len = from->len - base;
    if (nf == 0)
        return 0;
    if ((len > to->cap && ceo_grow((void **)&to->buf, &to->cap, len, 1) != 0) ||
        (nf > to->fields_cap &&
         ceo_grow((void **)&to->fend, &to->fields_cap, nf, sizeof *to->fend) != 0))
        return -1;
    memcpy(to->buf, from->buf + base, len);
    for (size_t i = 0; i < nf; i++)
        to->fend[i] = from->fend[from->first + i] - base;
    to->len = len;
    to->nfields = nf;
    to->first = to->nrecs = 0;
    return 0;
}

batch *sv_csv_ring_next(pipeline *p)
{
    int stop;
    pthread_mutex_lock(&p->mu);
    p->tail++;
    if (p->caller_waits && p->tail - p->head >= NBATCH / 2)
        pthread_cond_broadcast(&p->cv);
    while (p->tail - p->head >= NBATCH && !p->stop) {
        p->parser_waits = 1;
        pthread_cond_wait(&p->cv, &p->mu);
        p->parser_waits = 0;
    }
    stop = p->stop;
    pthread_mutex_unlock(&p->mu);
    if (stop)
        return NULL;
    batch *b = &p->ring[p->tail % NBATCH];
    b->len = b->nfields = b->nrecs = b->first = 0;
    return b;
}

/* The caller's side: delivers the batches in order until the parser is done or the record
 * function stops. Returns 0, or -1 when the record function stopped (its error is set). */
int sv_csv_consume(pipeline *pp, sink *k)
{
    for (;;) {
        pthread_mutex_lock(&pp->mu);
        while (pp->head == pp->tail && !pp->done) {
            pp->caller_waits = 1;
            pthread_cond_wait(&pp->cv, &pp->mu);
            pp->caller_waits = 0;
        }
        if (pp->head == pp->tail) {
            pthread_mutex_unlock(&pp->mu);
            return 0;
        }
        const batch *b = &pp->ring[pp->head % NBATCH];
        pthread_mutex_unlock(&pp->mu);
        int failed = sv_csv_deliver_batch(k, b);
        pthread_mutex_lock(&pp->mu);
        pp->head++;
        if (failed)
            pp->stop = 1;
        if (pp->parser_waits && (pp->stop || pp->tail - pp->head <= NBATCH / 2))
            pthread_cond_broadcast(&pp->cv);
        pthread_mutex_unlock(&pp->mu);
        if (failed)
            return -1;
    }
}
