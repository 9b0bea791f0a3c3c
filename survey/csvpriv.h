/*
 * csvpriv.h - the CSV reader's insides, shared by its files (not part of the public
 * interface): csvsrc.c (parsing with libcsv, on one thread, a second one, or in segments),
 * csvbatch.c (batches of records, their delivery, the ring between threads), csvcount.c (byte
 * counts), csvsniff.c (what the input is). Nothing here needs libcsv's csv.h.
 */
#ifndef CEO_CSVPRIV_H
#define CEO_CSVPRIV_H

#include <pthread.h>
#include <stddef.h>

#include "csvsrc.h"

#define NBATCH 16 /* batches in the ring */

/* A whole record of a batch: its fields end before field end; it starts on line and ends on
 * line_end (they differ only when a quoted field holds a line break). */
typedef struct {
    size_t end;
    long line, line_end;
} rec_pos;

/* Field bytes, each followed by a NUL, of whole records and of the record in progress
 * (fields [first, nfields)). A field starts where the one before it ends, so a field costs
 * one offset: the batch crosses from one thread to the other, and its size is what costs. */
typedef struct {
    char *buf;
    size_t len, cap;
    size_t *fend; /* per field: one past its NUL in buf */
    size_t nfields, fields_cap;
    rec_pos *recs;
    size_t nrecs, recs_cap;
    size_t first;
} batch;

/* The hand-over between the parsing thread and the caller's. Batch i % NBATCH for
 * head <= i < tail is full and waits for the caller; batch tail % NBATCH is being filled. */
typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    batch ring[NBATCH];
    unsigned long head, tail;
    /* Who waits on cv. Each side wakes the other only when half the ring is ready for it,
     * so that the threads do not take turns batch by batch (a wake-up is a system call). */
    int caller_waits, parser_waits;
    int stop; /* the caller needs no more records */
    int done; /* the parser has finished; status and err say how */
    ceo_status status;
    ceo_error err;
} pipeline;

/* Who receives whole records: the record function, on the caller's thread. */
typedef struct {
    const char *name;
    sv_csv_record_fn fn;
    void *ctx;
    ceo_error *err;
    sv_csv_info *info;
    char eol; /* the byte that ends a line: '\n', or '\r' in a file of lone CRs */
} sink;

/* ---------- csvbatch.c ---------- */

/* Where the bytes of the record in progress start in its batch. */
static inline size_t sv_csv_rec_offset(const batch *b)
{
    return b->first ? b->fend[b->first - 1] : 0;
}

/* Passes the record rp of batch b, whose first field is first, to the record function.
 * Returns 0, or -1 when reading must stop (the error is set). */
int sv_csv_deliver(sink *k, const batch *b, size_t first, const rec_pos *rp);

/* Passes the whole records of b to the record function. Returns 0, or -1 when reading must
 * stop. */
int sv_csv_deliver_batch(sink *k, const batch *b);

/* Copies the fields of the record in progress of from (those after its whole records) into
 * the empty batch to. Returns 0 or -1 (out of memory). */
int sv_csv_carry_partial(batch *to, const batch *from);

/* The parser's side of the ring: makes the batch being filled the next one for the caller,
 * and waits for a free one. Returns that one emptied, or NULL when the caller needs no more
 * records. */
batch *sv_csv_ring_next(pipeline *p);

/* The caller's side: delivers the batches in order until the parser is done or the record
 * function stops. Returns 0, or -1 when the record function stopped (its error is set). */
int sv_csv_consume(pipeline *pp, sink *k);

/* ---------- csvcount.c ---------- */

/* Line ends (the byte eol) in p[0, len). */
long sv_csv_count_lf(const char *p, size_t len, char eol);

/* Counts the quotes and the line feeds of p[0, n). */
void sv_csv_count_quotes_lfs(const char *p, size_t n, unsigned long long *quotes,
                             unsigned long long *lfs);

/* The offset just after the first line feed of p[0, n) outside quotes, given whether the byte
 * before p is inside quotes (*in, updated when there is none); SIZE_MAX when there is none. */
size_t sv_csv_record_start(const char *p, size_t n, int *in);

/* ---------- csvsniff.c ---------- */

/* Excel's first line "sep=;": returns the delimiter it names, with *len the bytes of the line
 * and its line end, or 0 when the input does not start with one. */
char sv_csv_excel_sep(const char *p, size_t n, size_t *len);

/* Sets info->crlf or info->cr from the first line break outside quotes. */
void sv_csv_line_ends(const char *p, size_t n, sv_csv_info *info);

/* Says what a file that is not CSV text looks like, or returns NULL when it may be CSV. */
const char *sv_csv_not_csv(const unsigned char *b, size_t n);

#endif
