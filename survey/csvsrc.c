/*
 * csvsrc.c - the only file that includes libcsv's csv.h.
 *
 * libcsv parses but keeps no positions. The input is fed to it in large chunks, with
 * CSV_REPALL_NL so that every unquoted line break, blank lines included, reaches on_record:
 * the physical line is then 1 + the line feeds that ended records + the line feeds inside
 * the fields delivered so far, and a field starts on the line the count stood at when it was
 * delivered. (Feeding one line at a time gave the same numbers at twice the cost.)
 * Fields are copied into one record buffer that is reused, so a record costs no allocation
 * once the buffers have grown.
 *
 * Limits (field length, fields per record) are checked between chunks, so a 1 GB line or a
 * runaway quote stops after at most one chunk past the limit, never after the whole file.
 */
#include "csvsrc.h"

#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define CHUNK ((size_t)1 << 20)
#define SNIFF ((size_t)1 << 16)

typedef struct {
    size_t off, len;
    long line;
} field_pos;

typedef struct {
    const char *name;
    struct csv_parser parser;
    sv_csv_record_fn fn;
    void *ctx;
    ceo_error *err;
    size_t max_field, max_fields;

    long line;             /* physical line (1-based) at the end of what was delivered */
    long record_line;      /* line where the record in progress started */
    char *buf;             /* field bytes of the record in progress */
    size_t buf_len, buf_cap;
    field_pos *fields;
    size_t nfields, fields_cap;
    int failed;            /* a callback failed; stop feeding */
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

static void on_field(void *data, size_t len, void *vr)
{
    reader *r = vr;
    if (r->failed)
        return;
    if (r->nfields >= r->max_fields) {
        ceo_error_set(r->err, CEO_EDATA, r->name, r->record_line, (long)r->nfields + 1,
                      "a record has more than %zu fields; is this a CSV export?", r->max_fields);
        r->failed = 1;
        return;
    }
    if ((r->buf_len + len + 1 > r->buf_cap &&
         ceo_grow((void **)&r->buf, &r->buf_cap, r->buf_len + len + 1, 1) != 0) ||
        (r->nfields + 1 > r->fields_cap &&
         ceo_grow((void **)&r->fields, &r->fields_cap, r->nfields + 1, sizeof *r->fields) != 0)) {
        ceo_error_set(r->err, CEO_ENOMEM, r->name, r->line, 0, "out of memory reading a record");
        r->failed = 1;
        return;
    }
    field_pos *f = &r->fields[r->nfields++];
    f->off = r->buf_len;
    f->len = len;
    f->line = r->line;
    if (len) {
        memcpy(r->buf + r->buf_len, data, len);
        r->line += count_lf(data, len);
    }
    r->buf_len += len;
    r->buf[r->buf_len++] = '\0';
}

/* Passes the record in progress to the record function. */
static void deliver(reader *r)
{
    sv_field stack[64];
    sv_field *fs = stack;
    if (r->nfields > 64) {
        fs = ceo_malloc(r->nfields * sizeof *fs);
        if (!fs) {
            ceo_error_set(r->err, CEO_ENOMEM, r->name, r->line, 0, "out of memory reading a record");
            r->failed = 1;
            return;
        }
    }
    for (size_t i = 0; i < r->nfields; i++) {
        fs[i].data = r->buf + r->fields[i].off;
        fs[i].len = r->fields[i].len;
        fs[i].line = r->fields[i].line;
    }
    r->info->records++;
    if (r->fn(r->ctx, fs, r->nfields, r->err) != 0) {
        if (r->err && r->err->code == CEO_OK)
            ceo_error_set(r->err, CEO_EDATA, r->name, r->line, 0, "reading stopped");
        r->failed = 1;
    }
    if (fs != stack)
        ceo_free(fs);
}

/* Called at every unquoted line break (blank lines too: CSV_REPALL_NL) and at the end. */
static void on_record(int term, void *vr)
{
    reader *r = vr;
    if (!r->failed && r->nfields > 0)
        deliver(r);
    r->nfields = 0;
    r->buf_len = 0;
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
            ceo_error_set(r->err, CEO_EDATA, r->name, r->line, (long)r->nfields + 1, "%s",
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
        ceo_error_set(r->err, CEO_EDATA, r->name, line, (long)r->nfields + 1,
                      "NUL byte in the data; is this a text (CSV) file?");
        return -1;
    }
    if (parse(r, p, n) != 0)
        return -1;
    if (r->parser.entry_pos > r->max_field) {
        if (r->parser.quoted)
            ceo_error_set(r->err, CEO_EDATA, r->name, r->record_line, (long)r->nfields + 1,
                          "a quoted field is longer than %zu bytes (if it is not meant to be, a "
                          "closing quote is missing)",
                          r->max_field);
        else
            ceo_error_set(r->err, CEO_EDATA, r->name, r->record_line, (long)r->nfields + 1,
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

static ceo_status read_source(const char *name, source *src, const sv_csv_options *opt,
                              sv_csv_record_fn fn, void *ctx, sv_csv_info *info, ceo_error *err)
{
    sv_csv_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    reader r;
    memset(&r, 0, sizeof r);
    r.name = name;
    r.fn = fn;
    r.ctx = ctx;
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
    info->delimiter = opt && opt->delimiter ? opt->delimiter
                                            : sv_csv_sniff_delimiter(p, n < SNIFF ? n : SNIFF);
    csv_set_delim(&r.parser, (unsigned char)info->delimiter);
    const char *eol = memchr(p, '\n', n);
    info->crlf = eol && eol > p && eol[-1] == '\r';

    char last = 0;
    for (;;) {
        if (n) {
            last = p[n - 1];
            info->bytes += n;
            if (feed_chunk(&r, p, n) != 0) {
                st = err && err->code ? err->code : CEO_EDATA;
                goto done;
            }
        }
        n = source_read(src, chunk, CHUNK);
        p = chunk;
        if (n == 0) {
            if (src->fp && ferror(src->fp)) {
                st = ceo_error_set(err, CEO_EIO, name, r.line, 0, "cannot read: %s",
                                   strerror(errno));
                goto done;
            }
            break;
        }
    }
    info->final_newline = last == '\n';
    /* libcsv's own check (CSV_STRICT_FINI) needs strict mode, which also rejects stray quotes
     * inside unquoted fields that real exports have; so look at its state: 2 is FIELD_BEGUN
     * in libcsv.c, i.e. a quoted field still open at the end of the input. */
    if (r.parser.quoted && r.parser.pstate == 2) {
        st = ceo_error_set(err, CEO_EDATA, name, r.record_line, (long)r.nfields + 1,
                           "a quoted field is never closed (missing closing quote)");
        goto done;
    }
    if (csv_fini(&r.parser, on_field, on_record, &r) != 0) {
        int e = csv_error(&r.parser);
        st = e == CSV_ENOMEM ? ceo_error_set(err, CEO_ENOMEM, name, 0, 0, "out of memory")
                             : ceo_error_set(err, CEO_EDATA, name, r.line, (long)r.nfields + 1,
                                             "%s", csv_strerror(e));
        goto done;
    }
    if (r.failed)
        st = err && err->code ? err->code : CEO_EDATA;
    info->lines = r.line - (last == '\n' ? 1 : 0);
done:
    csv_free(&r.parser);
    ceo_free(r.buf);
    ceo_free(r.fields);
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
