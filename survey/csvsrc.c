/*
 * csvsrc.c - parsing CSV text with libcsv: the only file that includes libcsv's csv.h.
 *
 * What the input is (binary, UTF-16, Excel's sep= line, the delimiter) is csvsniff.c's; the
 * batches that carry records to the record function, and the ring that hands them between
 * threads, csvbatch.c's; the byte counts behind line numbers and segment starts, csvcount.c's.
 *
 * libcsv parses but keeps no positions. The input is fed to it in large chunks, with
 * CSV_REPALL_NL so that every unquoted line break, blank lines included, reaches on_record:
 * the physical line is then 1 + the line feeds that ended records + the line feeds inside
 * the records delivered so far (counted once per record, over its copied fields), and a
 * field's line follows from its record's. (Feeding one line at a time gave the same numbers
 * at twice the cost.) Fields are copied into a batch buffer that is reused, so a record costs
 * no allocation once the buffers have grown. libcsv ends a record at a lone CR as well; in a
 * file whose lines end so (old Mac Excel) the CRs are counted instead of the line feeds, and
 * it is read by one parser (the segments below find records by line feeds). Excel's first
 * line "sep=;" is passed over before parsing starts, and the lines are counted from 2.
 *
 * Small inputs and pipes: the record function is called from on_record, and the batch holds
 * one record.
 *
 * Large inputs (see sv_csv_options.pipeline_min), when more than one CPU is online: one
 * worker thread per CPU takes segments of the input in turn (sv_csv_options.segment bytes
 * each) and parses each with its own libcsv parser into its own batch, while the caller's
 * thread passes the segments' records to the record function in order. A worker must guess
 * where the first record of its segment starts: it counts the quotes before it (each worker
 * counts its own segment, and the counts are added up in order) and takes the first line feed
 * outside quotes; it parses to where the next segment's first record starts by the same rule.
 * The guess is right exactly when the previous segment's parser ended there between two
 * records (libcsv then is in the state a new parser starts in), and the caller checks that
 * before it delivers anything of a segment. Quotes inside unquoted fields, which libcsv keeps
 * as they are, can make the count wrong; then the caller's reader takes over the previous
 * segment's parser and record in progress and reads the rest as below. So the records, their
 * lines and the first error are always those of one parser reading the whole input.
 *
 * That one-parser way, also for inputs in one segment: a second thread runs libcsv and fills
 * batches of whole records, handed over in order through a ring of NBATCH; the caller's
 * thread passes them to the record function. A parse error travels behind the records before
 * it; when the record function stops, the parser is told to stop and nothing after that
 * record is delivered.
 *
 * Limits (field length, fields per record) are checked between chunks, so a 1 GB line or a
 * runaway quote stops after at most one chunk past the limit, never after the whole file. The
 * chunks are counted from the start of the input however it is split, so every way of reading
 * stops at the same place.
 */
#include <csv.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "csvpriv.h"

#define CHUNK ((size_t)1 << 20)
#define SNIFF ((size_t)1 << 16)
#define BATCH_BYTES ((size_t)64 << 10) /* a batch is handed over when it holds this much */
#define BATCH_FIELDS ((size_t)4096)    /* ... or this many fields */

typedef struct {
    const char *name;
    struct csv_parser parser;
    sink *out;      /* NULL when a pipeline takes the records */
    pipeline *pipe; /* NULL when records are delivered at once */
    batch *b;       /* the batch being filled */
    batch single;
    ceo_error *err;
    size_t max_field, max_fields;

    long line;        /* physical line (1-based) at the end of what was delivered */
    long record_line; /* line where the record in progress started */
    char eol;         /* the byte that ends a line: '\n', or '\r' in a file of lone CRs */
    int failed;       /* a callback failed or the caller stopped; stop feeding */
    sv_csv_info *info;
} reader;

static int never_space(unsigned char c)
{
    (void)c;
    return 0;
}
/* Fields of the record in progress. */
static size_t rec_fields(const reader *r)
{
    return r->b->nfields - r->b->first;
}

/* The physical line at the end of what libcsv delivered: r->line counts the line feeds of
 * whole records only (once per record, not once per field). */
static long cur_line(const reader *r)
{
    size_t off = sv_csv_rec_offset(r->b);
    if (r->b->len == off) /* nothing of the record yet (buf may not be allocated) */
        return r->line;
    return r->line + sv_csv_count_lf(r->b->buf + off, r->b->len - off, r->eol);
}

static void on_field(void *data, size_t len, void *vr)
{
    reader *r = vr;
    if (r->failed)
        return;
    batch *b = r->b;
    if (rec_fields(r) >= r->max_fields) {
        ceo_error_set(r->err, CEO_EDATA, r->name, r->record_line, (long)rec_fields(r) + 1,
                      "a record has more than %zu fields; is this a CSV export?", r->max_fields);
        r->failed = 1;
        return;
    }
    if ((b->len + len + 1 > b->cap &&
         ceo_grow((void **)&b->buf, &b->cap, b->len + len + 1, 1) != 0) ||
        (b->nfields + 1 > b->fields_cap &&
         ceo_grow((void **)&b->fend, &b->fields_cap, b->nfields + 1, sizeof *b->fend) != 0)) {
        ceo_error_set(r->err, CEO_ENOMEM, r->name, cur_line(r), 0,
                      "out of memory reading a record");
        r->failed = 1;
        return;
    }
    if (len)
        memcpy(b->buf + b->len, data, len);
    b->len += len;
    b->buf[b->len++] = '\0';
    b->fend[b->nfields++] = b->len;
}

/* Hands the batch being filled to the caller's thread and goes on in the next one of the ring.
 * Returns 0, or -1 when the caller needs no more records. */
static int hand_over(reader *r)
{
    batch *b = sv_csv_ring_next(r->pipe);
    if (!b)
        return -1;
    r->b = b;
    return 0;
}

/* Called at every unquoted line break (blank lines too: CSV_REPALL_NL) and at the end. */
static void on_record(int term, void *vr)
{
    reader *r = vr;
    batch *b = r->b;
    if (!r->failed && rec_fields(r) > 0) {
        /* The record's first field starts on the line the previous record left. */
        size_t off = sv_csv_rec_offset(b);
        r->line += sv_csv_count_lf(b->buf + off, b->len - off, r->eol);
        rec_pos rp = {b->nfields, r->record_line, r->line};
        if (r->out) {
            if (sv_csv_deliver(r->out, b, b->first, &rp) != 0)
                r->failed = 1;
        } else if (b->nrecs + 1 > b->recs_cap &&
                   ceo_grow((void **)&b->recs, &b->recs_cap, b->nrecs + 1, sizeof *b->recs) != 0) {
            ceo_error_set(r->err, CEO_ENOMEM, r->name, r->line, 0,
                          "out of memory reading a record");
            r->failed = 1;
        } else {
            b->recs[b->nrecs++] = rp;
            b->first = b->nfields;
        }
    }
    if (r->out) {
        b->len = b->nfields = b->first = 0;
    } else if (r->pipe && !r->failed && (b->len >= BATCH_BYTES || b->nfields >= BATCH_FIELDS)) {
        if (hand_over(r) != 0)
            r->failed = 1;
    }
    if (term == r->eol)
        r->line++;
    r->record_line = r->line;
}

/* Parses n bytes; returns 0, or -1 with the error set. */
static int parse(reader *r, const char *p, size_t n)
{
    if (csv_parse(&r->parser, p, n, on_field, on_record, r) != n) {
        int e = csv_error(&r->parser);
        if (e == CSV_ENOMEM)
            ceo_error_set(r->err, CEO_ENOMEM, r->name, 0, 0, "out of memory");
        else
            ceo_error_set(r->err, CEO_EDATA, r->name, cur_line(r), (long)rec_fields(r) + 1, "%s",
                          csv_strerror(e));
        return -1;
    }
    return r->failed ? -1 : 0;
}

/* Feeds n bytes. The limit on a field's length is checked only when check_long is set: at
 * the end of each CHUNK of the input counted from its first byte, and at its end, wherever
 * the input is split, so that every way of reading stops at the same place. */
static int feed(reader *r, const char *p, size_t n, int check_long)
{
    const char *nul = memchr(p, '\0', n);
    if (nul) {
        /* Parse up to the NUL so that the line count reaches it; line feeds in a field still
         * being read are in libcsv's buffer. */
        if (parse(r, p, (size_t)(nul - p)) != 0)
            return -1;
        long line = cur_line(r) +
                    sv_csv_count_lf((const char *)r->parser.entry_buf, r->parser.entry_pos, r->eol);
        ceo_error_set(r->err, CEO_EDATA, r->name, line, (long)rec_fields(r) + 1,
                      "NUL byte in the data; is this a text (CSV) file?");
        return -1;
    }
    if (parse(r, p, n) != 0)
        return -1;
    if (check_long && r->parser.entry_pos > r->max_field) {
        if (r->parser.quoted)
            ceo_error_set(r->err, CEO_EDATA, r->name, r->record_line, (long)rec_fields(r) + 1,
                          "a quoted field is longer than %zu bytes (if it is not meant to be, a "
                          "closing quote is missing)",
                          r->max_field);
        else
            ceo_error_set(r->err, CEO_EDATA, r->name, r->record_line, (long)rec_fields(r) + 1,
                          "a field is longer than %zu bytes", r->max_field);
        return -1;
    }
    return 0;
}

typedef struct {
    FILE *fp;
    const char *mem;
    size_t mem_len, mem_off;
} source;

static size_t source_read(source *s, char *buf, size_t n)
{
    if (s->fp)
        return fread(buf, 1, n, s->fp);
    size_t left = s->mem_len - s->mem_off;
    if (n > left)
        n = left;
    memcpy(buf, s->mem + s->mem_off, n);
    s->mem_off += n;
    return n;
}

/* Ends the parse after the last byte of the input, which was last. */
static ceo_status finish(reader *r, char last)
{
    sv_csv_info *info = r->info;
    ceo_status st = CEO_OK;
    info->final_newline = last == r->eol;
    /* libcsv's own check (CSV_STRICT_FINI) needs strict mode, which also rejects stray quotes
     * inside unquoted fields that real exports have; so look at its state: 2 is FIELD_BEGUN
     * in libcsv.c, i.e. a quoted field still open at the end of the input. */
    if (r->parser.quoted && r->parser.pstate == 2)
        return ceo_error_set(r->err, CEO_EDATA, r->name, r->record_line, (long)rec_fields(r) + 1,
                             "a quoted field is never closed (missing closing quote)");
    if (csv_fini(&r->parser, on_field, on_record, r) != 0) {
        int e = csv_error(&r->parser);
        return e == CSV_ENOMEM ? ceo_error_set(r->err, CEO_ENOMEM, r->name, 0, 0, "out of memory")
                               : ceo_error_set(r->err, CEO_EDATA, r->name, cur_line(r),
                                               (long)rec_fields(r) + 1, "%s", csv_strerror(e));
    }
    if (r->failed)
        st = r->err && r->err->code ? r->err->code : CEO_EDATA;
    info->lines = r->line - (last == r->eol ? 1 : 0);
    return st;
}

/* Feeds the first chunk p[0, n), then the rest of the source, then finishes the parse, on
 * whichever thread parses. Returns the status, with r->err set. */
static ceo_status parse_all(reader *r, source *src, char *chunk, const char *p, size_t n)
{
    sv_csv_info *info = r->info;
    char last = 0;
    for (;;) {
        if (n) {
            last = p[n - 1];
            info->bytes += n;
            if (feed(r, p, n, 1) != 0)
                return r->err && r->err->code ? r->err->code : CEO_EDATA;
        }
        n = source_read(src, chunk, CHUNK);
        p = chunk;
        if (n == 0) {
            if (src->fp && ferror(src->fp))
                return ceo_error_set(r->err, CEO_EIO, r->name, r->line, 0, "cannot read: %s",
                                     strerror(errno));
            break;
        }
    }
    return finish(r, last);
}

/* Whether to parse on a second thread: a large regular file or memory, two CPUs or more, and
 * no allocation failures armed by a test (so that the Nth allocation is the same each run). */
static int want_pipeline(const source *src, const sv_csv_options *opt, unsigned long long *size)
{
    if (ceo_alloc_failing())
        return 0;
    size_t min = opt && opt->pipeline_min ? opt->pipeline_min : SV_CSV_PIPELINE_MIN;
    *size = src->mem_len;
    if (src->fp) {
        struct stat sb;
        if (fstat(fileno(src->fp), &sb) != 0 || !S_ISREG(sb.st_mode))
            return 0;
        *size = (unsigned long long)sb.st_size;
    }
    return *size >= min && sysconf(_SC_NPROCESSORS_ONLN) >= 2;
}

typedef struct {
    reader *r;
    source *src;
    char *chunk;
    const char *p;
    size_t n;
} parse_job;

static void *parse_thread(void *arg)
{
    parse_job *j = arg;
    reader *r = j->r;
    pipeline *pp = r->pipe;
    ceo_status st = parse_all(r, j->src, j->chunk, j->p, j->n);
    pthread_mutex_lock(&pp->mu);
    if (!pp->stop && r->b->nrecs > 0)
        pp->tail++; /* the last batch, also when an error ended it: its records come first */
    pp->status = st;
    pp->done = 1;
    pthread_cond_broadcast(&pp->cv);
    pthread_mutex_unlock(&pp->mu);
    return NULL;
}

/* Parses on a second thread while the records are delivered on this one. Returns the status;
 * *started is 0 when no thread could be started (nothing was parsed then). */
static ceo_status run_pipeline(reader *r, source *src, char *chunk, const char *p, size_t n,
                               sink *k, int *started)
{
    pipeline pp;
    memset(&pp, 0, sizeof pp);
    *started = 0;
    if (pthread_mutex_init(&pp.mu, NULL) != 0)
        return CEO_OK;
    if (pthread_cond_init(&pp.cv, NULL) != 0) {
        pthread_mutex_destroy(&pp.mu);
        return CEO_OK;
    }
    sv_csv_info pinfo = *k->info; /* the parser's counts; merged after the join */
    /* A parse taken over in the middle of a record (see run_segments) goes on with it. */
    if (sv_csv_carry_partial(&pp.ring[0], r->b) != 0) {
        ceo_free(pp.ring[0].buf);
        ceo_free(pp.ring[0].fend);
        pthread_cond_destroy(&pp.cv);
        pthread_mutex_destroy(&pp.mu);
        return CEO_OK;
    }
    r->info = &pinfo;
    r->err = &pp.err;
    r->out = NULL;
    r->pipe = &pp;
    r->b = &pp.ring[0];
    parse_job job = {r, src, chunk, p, n};
    pthread_t th;
    ceo_status st = CEO_OK;
    if (pthread_create(&th, NULL, parse_thread, &job) == 0) {
        *started = 1;
        int failed = sv_csv_consume(&pp, k);
        pthread_join(th, NULL);
        if (failed)
            st = k->err && k->err->code ? k->err->code : CEO_EDATA;
        else if ((st = pp.status) != CEO_OK && k->err && k->err->code == CEO_OK)
            *k->err = pp.err;
        k->info->bytes = pinfo.bytes;
        k->info->final_newline = pinfo.final_newline;
        k->info->lines = pinfo.lines;
    }
    for (int i = 0; i < NBATCH; i++) {
        ceo_free(pp.ring[i].buf);
        ceo_free(pp.ring[i].fend);
        ceo_free(pp.ring[i].recs);
    }
    pthread_cond_destroy(&pp.cv);
    pthread_mutex_destroy(&pp.mu);
    r->info = k->info;
    r->err = k->err;
    r->pipe = NULL;
    r->out = k;
    r->b = &r->single;
    return st;
}

/* ---------- several parsing threads: the input in segments ---------- */

enum { SEG_FREE, SEG_BUSY, SEG_DONE };

#define MAX_WORKERS 4
#define WINDOW_EXTRA 3 /* segments in the window besides one per worker */
#define STRADDLE ((size_t)64 << 10)

/* One segment: a share of the input, [nominal, nominal + segment size), whose records are
 * those starting in it. Its worker guesses where the first of them starts from the quote
 * count, parses from there to where the next share's records start, and keeps the records and
 * its parser. The guess is right when the previous segment's parser ended exactly there
 * between two records; the caller checks that before it delivers a record of this one. */
typedef struct {
    int state; /* SEG_*, under the run's lock */
    unsigned long long nominal;
    unsigned long long start, end; /* the bytes parsed */
    unsigned long long have;       /* bytes [nominal, have) are loaded */
    int nostart;                   /* no line feed outside quotes in the share: nothing parsed */
    int clean;                     /* the parse ended at end between two records */
    const char *bytes;             /* the input from nominal on */
    char *buf;
    size_t buf_cap;
    reader rd;
    int rd_live; /* rd.parser holds libcsv's buffer */
    batch out;
    sv_csv_info info;
    ceo_status status;
    ceo_error err;
} segment;

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    const char *name;
    int fd;          /* the file, read with pread; -1 for memory */
    const char *mem; /* the input in memory, or NULL */
    unsigned long long size, data_start, seg;
    long first_line; /* the line at data_start */
    char delimiter;
    size_t max_field, max_fields;
    unsigned long nsegs;
    unsigned window;
    segment slot[MAX_WORKERS + WINDOW_EXTRA];
    /* under mu */
    unsigned long next;     /* the next segment to take */
    unsigned long released; /* segments [0, released) are given back by the caller */
    unsigned long counted;  /* the quote parity and line feeds before segment counted: */
    int parity;
    unsigned long long lfs;
    int stop; /* read and written atomically: workers look at it between chunks */
} segrun;

static int seg_stopped(segrun *g)
{
    return __atomic_load_n(&g->stop, __ATOMIC_ACQUIRE);
}

static void seg_fail(segment *s, ceo_status code, const char *name, const char *what)
{
    s->status = ceo_error_set(&s->err, code, name, 0, 0, "%s", ceo_tr(what));
}

/* Makes the input [nominal, to) of s available at s->bytes. Returns 0, or -1 with s's error
 * set. */
static int seg_load(segrun *g, segment *s, unsigned long long to)
{
    if (g->mem) {
        s->bytes = g->mem + s->nominal;
        s->have = to;
        return 0;
    }
    if (to <= s->have)
        return 0;
    size_t need = (size_t)(to - s->nominal);
    if (need > s->buf_cap && ceo_grow((void **)&s->buf, &s->buf_cap, need, 1) != 0) {
        seg_fail(s, CEO_ENOMEM, g->name, "out of memory");
        return -1;
    }
    s->bytes = s->buf;
    while (s->have < to) {
        ssize_t got =
            pread(g->fd, s->buf + (s->have - s->nominal), (size_t)(to - s->have), (off_t)s->have);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            char why[160];
            snprintf(why, sizeof why, "cannot read: %s",
                     got < 0 ? strerror(errno) : "the file became shorter while it was read");
            seg_fail(s, CEO_EIO, g->name, why);
            return -1;
        }
        s->have += (unsigned long long)got;
    }
    return 0;
}

static void parser_setup(struct csv_parser *p, char delimiter)
{
    csv_set_realloc_func(p, ceo_realloc);
    csv_set_free_func(p, ceo_free);
    csv_set_space_func(p, never_space);
    /* libcsv grows its field buffer by this much each time: its default of 128 bytes makes a
     * long field cost a quadratic number of copied bytes. */
    csv_set_blk_size(p, 64 * 1024);
    if (delimiter)
        csv_set_delim(p, (unsigned char)delimiter);
}

/* A worker's part of segment k: load and count its share, place its first record, find where
 * the next share's records start (by the same rule the next worker uses), parse. */
static void seg_work(segrun *g, unsigned long k, segment *s)
{
    s->status = CEO_OK;
    ceo_error_clear(&s->err);
    s->nostart = s->clean = 0;
    s->out.len = s->out.nfields = s->out.nrecs = s->out.first = 0;
    memset(&s->info, 0, sizeof s->info);
    s->nominal = (unsigned long long)k * g->seg;
    s->have = s->nominal;
    unsigned long long nend = s->nominal + g->seg < g->size ? s->nominal + g->seg : g->size;
    unsigned long long q = 0, l = 0;
    int ok = seg_load(g, s, nend) == 0;
    if (ok)
        sv_csv_count_quotes_lfs(s->bytes, (size_t)(nend - s->nominal), &q, &l);

    /* The counts before this share; a failed load leaves later guesses wrong, which costs
     * nothing: reading stops at this segment's error. */
    pthread_mutex_lock(&g->mu);
    while (g->counted != k && !seg_stopped(g))
        pthread_cond_wait(&g->cv, &g->mu);
    int in = g->parity;
    unsigned long long lf_before = g->lfs;
    if (g->counted == k) {
        g->parity ^= (int)(q & 1);
        g->lfs += l;
        g->counted++;
        pthread_cond_broadcast(&g->cv);
    }
    pthread_mutex_unlock(&g->mu);
    if (!ok || seg_stopped(g))
        return;

    long line = g->first_line;
    if (k == 0) {
        s->start = g->data_start;
    } else {
        int in_here = in;
        size_t at = sv_csv_record_start(s->bytes, (size_t)(nend - s->nominal), &in_here);
        if (at == SIZE_MAX) {
            s->nostart = 1;
            s->start = s->nominal;
        } else {
            s->start = s->nominal + at;
            line = 1 + (long)lf_before + sv_csv_count_lf(s->bytes, at, '\n');
        }
    }
    s->end = nend;
    if (nend < g->size) {
        int in_next = in ^ (int)(q & 1);
        unsigned long long limit = nend + g->seg < g->size ? nend + g->seg : g->size;
        for (unsigned long long from = nend; from < limit;) {
            unsigned long long to = from + STRADDLE < limit ? from + STRADDLE : limit;
            if (seg_load(g, s, to) != 0)
                return;
            size_t at =
                sv_csv_record_start(s->bytes + (from - s->nominal), (size_t)(to - from), &in_next);
            if (at != SIZE_MAX) {
                s->end = from + at;
                break;
            }
            from = to;
        }
    }
    if (s->nostart)
        return;

    reader *r = &s->rd;
    if (s->rd_live) {
        csv_free(&r->parser);
        s->rd_live = 0;
    }
    memset(r, 0, sizeof *r);
    if (csv_init(&r->parser, CSV_REPALL_NL) != 0) {
        seg_fail(s, CEO_ENOMEM, g->name, "out of memory");
        return;
    }
    s->rd_live = 1;
    parser_setup(&r->parser, g->delimiter);
    r->name = g->name;
    r->eol = '\n';
    r->b = &s->out;
    r->err = &s->err;
    r->info = &s->info;
    r->max_field = g->max_field;
    r->max_fields = g->max_fields;
    r->line = r->record_line = line;
    for (unsigned long long off = s->start; off < s->end;) {
        if (seg_stopped(g))
            return;
        unsigned long long to = (off / CHUNK + 1) * CHUNK;
        if (to > s->end)
            to = s->end;
        if (feed(r, s->bytes + (off - s->nominal), (size_t)(to - off),
                 to % CHUNK == 0 || to == g->size) != 0) {
            s->status = s->err.code ? s->err.code : CEO_EDATA;
            return;
        }
        off = to;
    }
    if (s->end == g->size)
        s->status = finish(r, s->bytes[s->end - 1 - s->nominal]);
    else
        s->clean = !r->failed && r->parser.pstate == 0;
}

static void *seg_worker(void *arg)
{
    segrun *g = arg;
    for (;;) {
        pthread_mutex_lock(&g->mu);
        while (!seg_stopped(g) && g->next < g->nsegs && g->next >= g->released + g->window)
            pthread_cond_wait(&g->cv, &g->mu);
        if (seg_stopped(g) || g->next >= g->nsegs) {
            pthread_mutex_unlock(&g->mu);
            return NULL;
        }
        unsigned long k = g->next++;
        segment *s = &g->slot[k % g->window];
        s->state = SEG_BUSY;
        pthread_mutex_unlock(&g->mu);
        seg_work(g, k, s);
        pthread_mutex_lock(&g->mu);
        s->state = SEG_DONE;
        pthread_cond_broadcast(&g->cv);
        pthread_mutex_unlock(&g->mu);
    }
}

/* The previous segment did not end where this one starts (a quote the count misread, or a
 * record longer than a share): the caller's reader takes over the previous segment's parser
 * and record in progress, and parses the rest as a single reader does (with its own thread
 * when it can). Returns the status. */
static ceo_status take_over(segrun *g, segment *prev, reader *r, source *src, char *chunk, sink *k)
{
    csv_free(&r->parser);
    r->parser = prev->rd.parser;
    prev->rd_live = 0;
    r->line = prev->rd.line;
    r->record_line = prev->rd.record_line;
    r->failed = 0;
    if (sv_csv_carry_partial(&r->single, &prev->out) != 0)
        return ceo_error_set(k->err, CEO_ENOMEM, g->name, r->line, 0, "out of memory");
    unsigned long long at = prev->end;
    char last = prev->bytes[at - 1 - prev->nominal];
    k->info->bytes = at - g->data_start;
    size_t n =
        (size_t)(((at / CHUNK + 1) * CHUNK < g->size ? (at / CHUNK + 1) * CHUNK : g->size) - at);
    if (src->fp) {
        if (fseeko(src->fp, (off_t)at, SEEK_SET) != 0 || fread(chunk, 1, n, src->fp) != n)
            return ceo_error_set(k->err, CEO_EIO, g->name, r->line, 0, "cannot read: %s",
                                 ferror(src->fp) ? strerror(errno)
                                                 : "the file became shorter while it was read");
    } else {
        src->mem_off = (size_t)at;
        n = source_read(src, chunk, n);
    }
    int started = 0;
    ceo_status st = run_pipeline(r, src, chunk, chunk, n, k, &started);
    if (!started)
        st = parse_all(r, src, chunk, chunk, n);
    if (st == CEO_OK && at == g->size) { /* nothing was left to read: finish saw no byte */
        k->info->final_newline = last == '\n';
        k->info->lines = r->line - (last == '\n' ? 1 : 0);
    }
    return st;
}

/* Tells the *n workers th to stop and waits for them. */
static void stop_workers(segrun *g, pthread_t *th, int *n)
{
    pthread_mutex_lock(&g->mu);
    __atomic_store_n(&g->stop, 1, __ATOMIC_RELEASE);
    pthread_cond_broadcast(&g->cv);
    pthread_mutex_unlock(&g->mu);
    for (int t = 0; t < *n; t++)
        pthread_join(th[t], NULL);
    *n = 0;
}

/* Parses the input in segments on worker threads while the records are delivered in order on
 * this one; see the top of the file. The records start at byte start (after a byte order mark
 * and Excel's sep= line), on line r->line. Returns the status; *started is 0 when no worker
 * could be started (nothing was read then). */
static ceo_status run_segments(reader *r, source *src, char *chunk, sink *k, size_t start,
                               unsigned long long size, size_t seg, int *started)
{
    segrun *g = ceo_calloc(1, sizeof *g);
    *started = 0;
    if (!g)
        return CEO_OK;
    if (pthread_mutex_init(&g->mu, NULL) != 0) {
        ceo_free(g);
        return CEO_OK;
    }
    if (pthread_cond_init(&g->cv, NULL) != 0) {
        pthread_mutex_destroy(&g->mu);
        ceo_free(g);
        return CEO_OK;
    }
    g->name = r->name;
    g->fd = src->fp ? fileno(src->fp) : -1;
    g->mem = src->fp ? NULL : src->mem;
    g->size = size;
    g->data_start = start;
    g->first_line = r->line;
    g->seg = seg;
    g->delimiter = k->info->delimiter;
    g->max_field = r->max_field;
    g->max_fields = r->max_fields;
    g->nsegs = (unsigned long)((size + seg - 1) / seg);
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    int nworkers = ncpu > MAX_WORKERS ? MAX_WORKERS : ncpu < 1 ? 1 : (int)ncpu;
    g->window = (unsigned)nworkers + WINDOW_EXTRA;
    pthread_t th[MAX_WORKERS];
    int nth = 0;
    while (nth < nworkers && pthread_create(&th[nth], NULL, seg_worker, g) == 0)
        nth++;

    ceo_status st = CEO_OK;
    if (nth > 0) {
        *started = 1;
        segment *prev = NULL;
        for (unsigned long i = 0; i < g->nsegs; i++) {
            segment *s = &g->slot[i % g->window];
            pthread_mutex_lock(&g->mu);
            while (s->state != SEG_DONE)
                pthread_cond_wait(&g->cv, &g->mu);
            pthread_mutex_unlock(&g->mu);
            if (prev && (!prev->clean || s->nostart)) {
                stop_workers(g, th, &nth);
                st = take_over(g, prev, r, src, chunk, k);
                break;
            }
            if (sv_csv_deliver_batch(k, &s->out) != 0) {
                st = k->err && k->err->code ? k->err->code : CEO_EDATA;
                break;
            }
            if (s->status != CEO_OK) {
                st = s->status;
                if (k->err && k->err->code == CEO_OK)
                    *k->err = s->err;
                break;
            }
            if (i + 1 == g->nsegs) {
                k->info->bytes = size - g->data_start;
                k->info->final_newline = s->info.final_newline;
                k->info->lines = s->info.lines;
            }
            pthread_mutex_lock(&g->mu);
            if (prev)
                prev->state = SEG_FREE;
            g->released = i;
            pthread_cond_broadcast(&g->cv);
            pthread_mutex_unlock(&g->mu);
            prev = s;
        }
    }
    stop_workers(g, th, &nth);
    for (unsigned i = 0; i < g->window; i++) {
        segment *s = &g->slot[i];
        if (s->rd_live)
            csv_free(&s->rd.parser);
        ceo_free(s->buf);
        ceo_free(s->out.buf);
        ceo_free(s->out.fend);
        ceo_free(s->out.recs);
    }
    pthread_cond_destroy(&g->cv);
    pthread_mutex_destroy(&g->mu);
    ceo_free(g);
    return st;
}

static ceo_status read_source(const char *name, source *src, const sv_csv_options *opt,
                              sv_csv_record_fn fn, void *ctx, sv_csv_info *info, ceo_error *err)
{
    sv_csv_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    sink k = {name, fn, ctx, err, info, '\n'};
    reader r;
    memset(&r, 0, sizeof r);
    r.name = name;
    r.out = &k;
    r.b = &r.single;
    r.err = err;
    r.info = info;
    r.line = 1;
    r.record_line = 1;
    r.max_field = opt && opt->max_field ? opt->max_field : SV_CSV_MAX_FIELD;
    r.max_fields = opt && opt->max_fields ? opt->max_fields : SV_CSV_MAX_FIELDS;

    ceo_status st = CEO_OK;
    char *chunk = ceo_malloc(CHUNK);
    if (!chunk)
        return ceo_error_set(err, CEO_ENOMEM, name, 0, 0, "out of memory");
    if (csv_init(&r.parser, CSV_REPALL_NL) != 0) {
        ceo_free(chunk);
        return ceo_error_set(err, CEO_ENOMEM, name, 0, 0, "out of memory");
    }
    parser_setup(&r.parser, 0);

    size_t n = source_read(src, chunk, CHUNK);
    if (src->fp && ferror(src->fp)) {
        st = ceo_error_set(err, CEO_EIO, name, 0, 0, "cannot read: %s", strerror(errno));
        goto done;
    }
    const char *p = chunk;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        info->bom = 1;
        p += 3;
        n -= 3;
    }
    const char *why = sv_csv_not_csv((const unsigned char *)p, n);
    if (why) {
        st = ceo_error_set(err, CEO_EDATA, name, 1, 1, "%s", why);
        goto done;
    }
    size_t sep_len = 0;
    char sep = sv_csv_excel_sep(p, n, &sep_len);
    if (sep) {
        info->sep_line = 1;
        p += sep_len;
        n -= sep_len;
        r.line = r.record_line = 2;
    }
    size_t blank = 0;
    while (blank < n && (p[blank] == '\r' || p[blank] == '\n' || p[blank] == ' '))
        blank++;
    if (blank == n) {
        st = ceo_error_set(err, CEO_EDATA, name, 1, 1, "the file is empty");
        goto done;
    }
    info->delimiter = opt && opt->delimiter ? opt->delimiter
                      : sep                 ? sep
                                            : sv_csv_sniff_delimiter(p, n < SNIFF ? n : SNIFF);
    csv_set_delim(&r.parser, (unsigned char)info->delimiter);
    sv_csv_line_ends(p, n, info);
    r.eol = k.eol = info->cr ? '\r' : '\n';

    int started = 0;
    unsigned long long size = 0;
    if (want_pipeline(src, opt, &size)) {
        size_t seg = opt && opt->segment ? opt->segment : SV_CSV_SEGMENT;
        size_t start = (size_t)(p - chunk);
        if (seg < start + 16)
            seg = start + 16; /* a segment holds more than the byte order mark and sep= line */
        /* The segments find records by line feeds; lone CRs are read by one parser. */
        if (size > seg && !info->cr)
            st = run_segments(&r, src, chunk, &k, start, size, seg, &started);
        if (!started)
            st = run_pipeline(&r, src, chunk, p, n, &k, &started);
    }
    if (!started)
        st = parse_all(&r, src, chunk, p, n);
done:
    /* How far the parser got when reading failed depends on how far ahead its thread ran. */
    if (st != CEO_OK) {
        info->final_newline = 0;
        info->lines = 0;
        info->bytes = 0;
    }
    csv_free(&r.parser);
    ceo_free(r.single.buf);
    ceo_free(r.single.fend);
    ceo_free(r.single.recs);
    ceo_free(chunk);
    return st;
}

ceo_status sv_csv_read_file(const char *path, const sv_csv_options *opt, sv_csv_record_fn fn,
                            void *ctx, sv_csv_info *info, ceo_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    source src = {fp, NULL, 0, 0};
    ceo_status st = read_source(path, &src, opt, fn, ctx, info, err);
    fclose(fp);
    return st;
}

ceo_status sv_csv_read_mem(const char *name, const void *data, size_t len,
                           const sv_csv_options *opt, sv_csv_record_fn fn, void *ctx,
                           sv_csv_info *info, ceo_error *err)
{
    source src = {NULL, data, len, 0};
    return read_source(name, &src, opt, fn, ctx, info, err);
}
