/*
 * csvsrc.c - the only file that includes libcsv's csv.h.
 *
 * libcsv parses but keeps no positions. The input is fed to it in large chunks, with
 * CSV_REPALL_NL so that every unquoted line break, blank lines included, reaches on_record:
 * the physical line is then 1 + the line feeds that ended records + the line feeds inside
 * the fields delivered so far, and a field starts on the line the count stood at when it was
 * delivered. (Feeding one line at a time gave the same numbers at twice the cost.)
 * Fields are copied into a batch buffer that is reused, so a record costs no allocation
 * once the buffers have grown.
 *
 * Small inputs and pipes: the record function is called from on_record, and the batch holds
 * one record. Large inputs (see sv_csv_options.pipeline_min): a second thread runs libcsv and
 * fills batches of whole records, handed over in order through a ring of NBATCH; the
 * caller's thread passes them to the record function. Everything that decides a record, a
 * line number or an error happens on the parsing thread exactly as without it; the caller's
 * thread only delivers, so the records, their order and the first error are the same. A
 * parse error travels behind the records before it; when the record function stops, the
 * parser is told to stop and nothing after that record is delivered.
 *
 * Limits (field length, fields per record) are checked between chunks, so a 1 GB line or a
 * runaway quote stops after at most one chunk past the limit, never after the whole file.
 */
#include "csvsrc.h"

#include <csv.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK ((size_t)1 << 20)
#define SNIFF ((size_t)1 << 16)
#define NBATCH 16                      /* batches in the ring */
#define BATCH_BYTES ((size_t)64 << 10) /* a batch is handed over when it holds this much */
#define BATCH_FIELDS ((size_t)4096)    /* ... or this many fields */

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
} sink;

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
    int failed;       /* a callback failed or the caller stopped; stop feeding */
    sv_csv_info *info;
} reader;

static int never_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* Line feeds in a field, eight bytes at a time: line feeds are rare, most fields short. */
static long count_lf(const char *p, size_t len)
{
    const uint64_t ones = 0x0101010101010101u, lf = ones * '\n', low7 = ones * 0x7F;
    long nl = 0;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        uint64_t x = w ^ lf; /* a zero byte where p has a line feed */
        uint64_t zero = ~(((x & low7) + low7) | x) & (ones << 7);
        while (zero) {
            nl++;
            zero &= zero - 1;
        }
    }
    for (; i < len; i++)
        nl += p[i] == '\n';
    return nl;
}

/* Fields of the record in progress. */
static size_t rec_fields(const reader *r)
{
    return r->b->nfields - r->b->first;
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
        ceo_error_set(r->err, CEO_ENOMEM, r->name, r->line, 0, "out of memory reading a record");
        r->failed = 1;
        return;
    }
    if (len) {
        memcpy(b->buf + b->len, data, len);
        r->line += count_lf(data, len);
    }
    b->len += len;
    b->buf[b->len++] = '\0';
    b->fend[b->nfields++] = b->len;
}

/* Passes the record rp of batch b, whose first field is first, to the record function.
 * Returns 0, or -1 when reading must stop (the error is set). */
static int deliver(sink *k, const batch *b, size_t first, const rec_pos *rp)
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
            line += count_lf(fs[i].data, fs[i].len);
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

/* Makes the batch being filled the next one of the ring for the caller, and waits for a free
 * one. Returns 0, or -1 when the caller needs no more records. */
static int hand_over(reader *r)
{
    pipeline *p = r->pipe;
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
        return -1;
    batch *b = &p->ring[p->tail % NBATCH];
    b->len = b->nfields = b->nrecs = b->first = 0;
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
        rec_pos rp = {b->nfields, r->record_line, r->line};
        if (r->out) {
            if (deliver(r->out, b, b->first, &rp) != 0)
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
    } else if (!r->failed && (b->len >= BATCH_BYTES || b->nfields >= BATCH_FIELDS)) {
        if (hand_over(r) != 0)
            r->failed = 1;
    }
    if (term == '\n')
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
            ceo_error_set(r->err, CEO_EDATA, r->name, r->line, (long)rec_fields(r) + 1, "%s",
                          csv_strerror(e));
        return -1;
    }
    return r->failed ? -1 : 0;
}

/* Feeds one chunk. */
static int feed_chunk(reader *r, const char *p, size_t n)
{
    const char *nul = memchr(p, '\0', n);
    if (nul) {
        /* Parse up to the NUL so that the line count reaches it; line feeds in a field still
         * being read are in libcsv's buffer. */
        if (parse(r, p, (size_t)(nul - p)) != 0)
            return -1;
        long line = r->line + count_lf((const char *)r->parser.entry_buf, r->parser.entry_pos);
        ceo_error_set(r->err, CEO_EDATA, r->name, line, (long)rec_fields(r) + 1,
                      "NUL byte in the data; is this a text (CSV) file?");
        return -1;
    }
    if (parse(r, p, n) != 0)
        return -1;
    if (r->parser.entry_pos > r->max_field) {
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

char sv_csv_sniff_delimiter(const char *buf, size_t len)
{
    static const char cands[3] = {',', ';', '\t'};
    enum { LINES = 12 };
    long counts[3][LINES] = {{0}};
    int nlines = 0, inq = 0;
    for (size_t i = 0; i < len && nlines < LINES; i++) {
        char c = buf[i];
        if (c == '"')
            inq = !inq;
        else if (!inq && c == '\n')
            nlines++;
        else if (!inq)
            for (int k = 0; k < 3; k++)
                if (c == cands[k])
                    counts[k][nlines]++;
    }
    if (nlines < LINES && len)
        nlines++; /* the last, unterminated line */
    int best = 0;
    long best_score = -1;
    for (int k = 0; k < 3; k++) {
        long head = counts[k][0];
        if (head == 0)
            continue;
        long consistent = 0;
        for (int l = 1; l < nlines; l++) {
            long d = counts[k][l] - head;
            if (d == 0 || d == 1)
                consistent++;
        }
        /* Consistency over the first lines first, then the number of columns it gives. */
        long score = consistent * 100000 + head;
        if (score > best_score) {
            best_score = score;
            best = k;
        }
    }
    return best_score < 0 ? ',' : cands[best];
}

/* Says what a file that is not CSV text looks like, or returns NULL when it may be CSV. */
static const char *not_csv(const unsigned char *b, size_t n)
{
    if (n >= 5 && memcmp(b, "%PDF-", 5) == 0)
        return "this is a PDF file, not a survey export; export the data as CSV";
    if (n >= 4 && memcmp(b, "PK\x03\x04", 4) == 0)
        return "this is a ZIP or Excel (.xlsx) file; save it as CSV (UTF-8) first";
    if (n >= 4 && (memcmp(b, "$FL2", 4) == 0 || memcmp(b, "$FL3", 4) == 0))
        return "this is an SPSS .sav file, not CSV text";
    if (n >= 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return "this is an old Excel (.xls) file; save it as CSV (UTF-8) first";
    if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return "this file is UTF-16 text; save it as CSV UTF-8 (or Windows-1252) first";
    size_t probe = n < 4096 ? n : 4096;
    size_t ctrl = 0;
    for (size_t i = 0; i < probe; i++) {
        if (b[i] == 0)
            return "this is a binary file (it holds NUL bytes), not a CSV export";
        if (b[i] < 0x20 && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' && b[i] != 0x0C)
            ctrl++;
    }
    if (probe && ctrl * 20 > probe)
        return "this is a binary file, not a CSV export";
    return NULL;
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

/* Feeds the first chunk p[0, n), then the rest of the source, then finishes the parse, on
 * whichever thread parses. Returns the status, with r->err set. */
static ceo_status parse_all(reader *r, source *src, char *chunk, const char *p, size_t n)
{
    sv_csv_info *info = r->info;
    ceo_status st = CEO_OK;
    char last = 0;
    for (;;) {
        if (n) {
            last = p[n - 1];
            info->bytes += n;
            if (feed_chunk(r, p, n) != 0)
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
    info->final_newline = last == '\n';
    /* libcsv's own check (CSV_STRICT_FINI) needs strict mode, which also rejects stray quotes
     * inside unquoted fields that real exports have; so look at its state: 2 is FIELD_BEGUN
     * in libcsv.c, i.e. a quoted field still open at the end of the input. */
    if (r->parser.quoted && r->parser.pstate == 2)
        return ceo_error_set(r->err, CEO_EDATA, r->name, r->record_line, (long)rec_fields(r) + 1,
                             "a quoted field is never closed (missing closing quote)");
    if (csv_fini(&r->parser, on_field, on_record, r) != 0) {
        int e = csv_error(&r->parser);
        return e == CSV_ENOMEM ? ceo_error_set(r->err, CEO_ENOMEM, r->name, 0, 0, "out of memory")
                               : ceo_error_set(r->err, CEO_EDATA, r->name, r->line,
                                               (long)rec_fields(r) + 1, "%s", csv_strerror(e));
    }
    if (r->failed)
        st = r->err && r->err->code ? r->err->code : CEO_EDATA;
    info->lines = r->line - (last == '\n' ? 1 : 0);
    return st;
}

/* Whether to parse on a second thread: a large regular file or memory, two CPUs or more, and
 * no allocation failures armed by a test (so that the Nth allocation is the same each run). */
static int want_pipeline(const source *src, const sv_csv_options *opt)
{
    if (ceo_alloc_failing())
        return 0;
    size_t min = opt && opt->pipeline_min ? opt->pipeline_min : SV_CSV_PIPELINE_MIN;
    unsigned long long size = src->mem_len;
    if (src->fp) {
        struct stat sb;
        if (fstat(fileno(src->fp), &sb) != 0 || !S_ISREG(sb.st_mode))
            return 0;
        size = (unsigned long long)sb.st_size;
    }
    return size >= min && sysconf(_SC_NPROCESSORS_ONLN) >= 2;
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

/* The caller's side: delivers the batches in order until the parser is done or the record
 * function stops. Returns 0, or -1 when the record function stopped (its error is set). */
static int consume(pipeline *pp, sink *k)
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
        int failed = 0;
        for (size_t i = 0, first = 0; i < b->nrecs && !failed; first = b->recs[i++].end)
            failed = deliver(k, b, first, &b->recs[i]) != 0;
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
        int failed = consume(&pp, k);
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

static ceo_status read_source(const char *name, source *src, const sv_csv_options *opt,
                              sv_csv_record_fn fn, void *ctx, sv_csv_info *info, ceo_error *err)
{
    sv_csv_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    sink k = {name, fn, ctx, err, info};
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
    csv_set_realloc_func(&r.parser, ceo_realloc);
    csv_set_free_func(&r.parser, ceo_free);
    csv_set_space_func(&r.parser, never_space);
    /* libcsv grows its field buffer by this much each time: its default of 128 bytes makes a
     * long field cost a quadratic number of copied bytes. */
    csv_set_blk_size(&r.parser, 64 * 1024);

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
    const char *why = not_csv((const unsigned char *)p, n);
    if (why) {
        st = ceo_error_set(err, CEO_EDATA, name, 1, 1, "%s", why);
        goto done;
    }
    size_t blank = 0;
    while (blank < n && (p[blank] == '\r' || p[blank] == '\n' || p[blank] == ' '))
        blank++;
    if (blank == n) {
        st = ceo_error_set(err, CEO_EDATA, name, 1, 1, "the file is empty");
        goto done;
    }
    info->delimiter =
        opt && opt->delimiter ? opt->delimiter : sv_csv_sniff_delimiter(p, n < SNIFF ? n : SNIFF);
    csv_set_delim(&r.parser, (unsigned char)info->delimiter);
    const char *eol = memchr(p, '\n', n);
    info->crlf = eol && eol > p && eol[-1] == '\r';

    int started = 0;
    if (want_pipeline(src, opt))
        st = run_pipeline(&r, src, chunk, p, n, &k, &started);
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
