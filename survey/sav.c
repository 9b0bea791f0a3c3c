/*
 * sav.c - SPSS system files (.sav, .zsav) as records for the reader: the ReadStat adapter,
 * the only file that includes readstat.h.
 *
 * ReadStat parses the file from memory (the whole file is read first, so a file and a buffer
 * take the same path) and converts its texts to UTF-8 from the encoding the file states.
 * ReadStat 1.1.8 does not report multiple-response sets, so the dictionary is walked once
 * more for the records that hold them, the long names and where the encoding came from:
 * savdict.c, which needs no ReadStat.
 *
 * Invariants: values become text exactly once per cell, into per-column buffers reused for
 * every case; a labelled value becomes its label, so codes may run either way round.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include <readstat.h>

#include "savpriv.h"

#define SPSS_EPOCH_OFFSET 12219379200.0 /* seconds from 1582-10-14 to 1970-01-01 */
#define MAX_FILE ((size_t)1 << 31)

int sv_sav_magic(const void *p, size_t n)
{
    return n >= 4 && (memcmp(p, "$FL2", 4) == 0 || memcmp(p, "$FL3", 4) == 0);
}

static int oom(sstate *s)
{
    ceo_error_set(s->err, CEO_ENOMEM, s->path, 0, 0, "out of memory");
    s->failed = 1;
    return READSTAT_HANDLER_ABORT;
}

/* ---------- reading from memory ---------- */

static int io_open(const char *path, void *io)
{
    (void)path;
    ((sstate *)io)->pos = 0;
    return 0;
}

static int io_close(void *io)
{
    (void)io;
    return 0;
}

static readstat_off_t io_seek(readstat_off_t off, readstat_io_flags_t whence, void *io)
{
    sstate *s = io;
    readstat_off_t base = whence == READSTAT_SEEK_SET   ? 0
                          : whence == READSTAT_SEEK_CUR ? (readstat_off_t)s->pos
                                                        : (readstat_off_t)s->len;
    readstat_off_t to = base + off;
    if (to < 0 || (size_t)to > s->len)
        return -1;
    s->pos = (size_t)to;
    return to;
}

static ssize_t io_read(void *buf, size_t n, void *io)
{
    sstate *s = io;
    size_t left = s->len - s->pos;
    if (n > left)
        n = left;
    if (n) /* ReadStat asks for 0 bytes into a NULL buffer, e.g. for an empty string */
        memcpy(buf, s->data + s->pos, n);
    s->pos += n;
    return (ssize_t)n;
}

static readstat_error_t io_update(long size, readstat_progress_handler h, void *user, void *io)
{
    (void)size;
    (void)h;
    (void)user;
    (void)io;
    return READSTAT_OK;
}

/* ---------- ReadStat handlers: the dictionary ---------- */

static int on_metadata(readstat_metadata_t *md, void *ctx)
{
    sstate *s = ctx;
    s->row_count = readstat_get_row_count(md);
    s->rs_enc = readstat_get_file_encoding(md);
    s->info->format = readstat_get_compression(md) == READSTAT_COMPRESS_BINARY ? "SPSS .zsav"
                      : readstat_get_compression(md) == READSTAT_COMPRESS_ROWS
                          ? "SPSS .sav (compressed)"
                          : "SPSS .sav";
    return READSTAT_HANDLER_OK;
}

/* SPSS date formats; 2 when the format shows the time of day. */
static int date_format(const char *f)
{
    static const char *const dates[] = {"DATE",  "ADATE", "EDATE", "SDATE",
                                        "JDATE", "MOYR",  "QYR",   "WKYR"};
    if (!f) /* no print format: a damaged dictionary */
        return 0;
    if (strncmp(f, "DATETIME", 8) == 0 || strncmp(f, "YMDHMS", 6) == 0)
        return 2;
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        size_t n = strlen(dates[i]);
        if (strncmp(f, dates[i], n) == 0 && (f[n] == '\0' || (f[n] >= '0' && f[n] <= '9')))
            return 1;
    }
    return 0;
}

static void put_number(char *out, size_t cap, double d)
{
    if (isinf(d)) {
        snprintf(out, cap, "%s", d < 0 ? "lowest" : "highest");
        return;
    }
    snprintf(out, cap, "%.15g", d);
    if (strtod(out, NULL) != d)
        snprintf(out, cap, "%.17g", d);
}

/* "9; 97 thru 99" from the variable's missing-value ranges, or NULL when it has none. */
static char *missing_text(const readstat_variable_t *v)
{
    int n = readstat_variable_get_missing_ranges_count(v);
    if (n <= 0)
        return ceo_strdup("");
    char buf[512];
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && used < sizeof buf - 1; i++) {
        readstat_value_t lo = readstat_variable_get_missing_range_lo(v, i);
        readstat_value_t hi = readstat_variable_get_missing_range_hi(v, i);
        char a[64], b[64];
        if (readstat_value_type_class(lo) == READSTAT_TYPE_CLASS_STRING) {
            snprintf(a, sizeof a, "'%s'",
                     readstat_string_value(lo) ? readstat_string_value(lo) : "");
            b[0] = '\0';
        } else {
            double x = readstat_double_value(lo), y = readstat_double_value(hi);
            put_number(a, sizeof a, x);
            b[0] = '\0';
            if (y != x)
                put_number(b, sizeof b, y);
        }
        int w = snprintf(buf + used, sizeof buf - used, "%s%s%s%s", i ? "; " : "", a,
                         b[0] ? " thru " : "", b);
        if (w < 0)
            break;
        used += (size_t)w;
        if (used >= sizeof buf)
            used = sizeof buf - 1;
    }
    return ceo_strdup(buf);
}

static int on_variable(int index, readstat_variable_t *v, const char *val_labels, void *ctx)
{
    sstate *s = ctx;
    (void)index;
    if (ceo_grow((void **)&s->vars, &s->vcap, s->nvars + 1, sizeof *s->vars))
        return oom(s);
    var *x = &s->vars[s->nvars];
    memset(x, 0, sizeof *x);
    x->ls = x->set = x->col = -1;
    s->nvars++;
    const char *label = readstat_variable_get_label(v);
    const char *vname = readstat_variable_get_name(v); /* NULL in a damaged dictionary */
    x->is_str = readstat_variable_get_type_class(v) == READSTAT_TYPE_CLASS_STRING;
    x->date = x->is_str ? 0 : date_format(readstat_variable_get_format(v));
    x->with_time = x->date == 2;
    if (!(x->name = ceo_strdup(vname ? vname : "")) ||
        !(x->label = ceo_strdup(label ? label : "")) || !(x->missing = missing_text(v)) ||
        (val_labels && !(x->labels = ceo_strdup(val_labels))))
        return oom(s);
    if (!*x->missing) {
        ceo_free(x->missing);
        x->missing = NULL;
    }
    return READSTAT_HANDLER_OK;
}

static int on_value_label(const char *name, readstat_value_t value, const char *label, void *ctx)
{
    sstate *s = ctx;
    if (!name) /* a label set without a name: a damaged dictionary */
        name = "";
    labelset *l = NULL;
    for (size_t i = 0; i < s->nls && !l; i++)
        if (strcmp(s->ls[i].name, name) == 0)
            l = &s->ls[i];
    if (!l) {
        if (ceo_grow((void **)&s->ls, &s->lscap, s->nls + 1, sizeof *s->ls))
            return oom(s);
        l = &s->ls[s->nls];
        memset(l, 0, sizeof *l);
        if (!(l->name = ceo_strdup(name)))
            return oom(s);
        s->nls++;
    }
    if (readstat_value_is_tagged_missing(value) || readstat_value_is_system_missing(value))
        return READSTAT_HANDLER_OK;
    if (ceo_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return oom(s);
    vlabel *vl = &l->v[l->n];
    memset(vl, 0, sizeof *vl);
    if (readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING) {
        const char *k = readstat_string_value(value);
        if (!(vl->s = ceo_strdup(k ? k : "")))
            return oom(s);
    } else {
        vl->d = readstat_double_value(value);
    }
    if (!(vl->label = ceo_strdup(label ? label : ""))) {
        ceo_free(vl->s);
        return oom(s);
    }
    l->n++;
    return READSTAT_HANDLER_OK;
}

static int on_fweight(readstat_variable_t *v, void *ctx)
{
    sstate *s = ctx;
    const char *name = readstat_variable_get_name(v);
    snprintf(s->info->weight, sizeof s->info->weight, "%s", name ? name : "");
    return READSTAT_HANDLER_OK;
}

static void on_error(const char *msg, void *ctx)
{
    sstate *s = ctx;
    if (!s->rs_msg[0]) {
        snprintf(s->rs_msg, sizeof s->rs_msg, "%s", msg);
        size_t n = strlen(s->rs_msg);
        while (n &&
               (s->rs_msg[n - 1] == '\n' || s->rs_msg[n - 1] == '.' || s->rs_msg[n - 1] == ' '))
            s->rs_msg[--n] = '\0';
    }
}

/* ---------- the plan: which variable goes to which column ---------- */

static int name_is(const sstate *s, const char *mrname, const char *longname)
{
    if (strcasecmp(mrname, longname) == 0)
        return 1;
    for (size_t i = 0; i < s->nnames; i++)
        if (strcasecmp(s->shortn[i], mrname) == 0)
            return strcasecmp(s->longn[i], longname) == 0;
    return 0;
}

static const char *value_label(const sstate *s, const var *x, double d, const char *str)
{
    if (x->ls < 0)
        return NULL;
    const labelset *l = &s->ls[x->ls];
    for (size_t i = 0; i < l->n; i++) {
        if (str ? l->v[i].s && strcmp(l->v[i].s, str) == 0 : !l->v[i].s && l->v[i].d == d)
            return l->v[i].label;
    }
    return NULL;
}

/* Appends text to a header or cell buffer; control characters become spaces, since the
 * reader takes them for a sign of a binary file. */
static int add_text(sv_buf *b, const char *p, size_t n)
{
    size_t from = b->len;
    if (sv_buf_add(b, p, n))
        return -1;
    for (size_t i = from; i < b->len; i++)
        if ((unsigned char)b->p[i] < 0x20 && b->p[i] != '\t' && b->p[i] != '\n' && b->p[i] != '\r')
            b->p[i] = ' ';
    return 0;
}

static int emit(sstate *s, long line)
{
    for (size_t c = 0; c < s->ncols; c++) {
        s->fields[c].data = s->cells[c].p ? s->cells[c].p : "";
        s->fields[c].len = s->cells[c].len;
        s->fields[c].line = line;
    }
    if (s->fn(s->ctx, s->fields, s->ncols, s->err) != 0) {
        s->failed = 1;
        return -1;
    }
    for (size_t c = 0; c < s->ncols; c++)
        s->cells[c].len = 0;
    return 0;
}

static int plan(sstate *s)
{
    /* The sets now, when ReadStat has said what encoding their labels are in. */
    if (sv_sav_walk_dictionary(s, 1) != 0)
        return -1;
    for (size_t i = 0; i < s->nvars; i++) {
        var *x = &s->vars[i];
        for (size_t k = 0; x->labels && k < s->nls && x->ls < 0; k++)
            if (strcmp(s->ls[k].name, x->labels) == 0)
                x->ls = (int)k;
        for (size_t k = 0; k < s->nsets && x->set < 0; k++)
            for (size_t m = 0; m < s->sets[k].nvars; m++)
                if (name_is(s, s->sets[k].vars[m], x->name)) {
                    x->set = (int)k;
                    break;
                }
        if (x->set >= 0 && s->sets[x->set].type == 'C') {
            mrset *m = &s->sets[x->set];
            if (m->first >= 0) {
                x->col = s->vars[m->first].col;
                continue;
            }
            m->first = (int)i;
        }
        x->col = (int)s->ncols++;
    }
    s->info->ncols = s->ncols;
    s->cells = ceo_calloc(s->ncols ? s->ncols : 1, sizeof *s->cells);
    s->fields = ceo_calloc(s->ncols ? s->ncols : 1, sizeof *s->fields);
    s->info->missing = ceo_calloc(s->ncols ? s->ncols : 1, sizeof *s->info->missing);
    s->info->missing_cells = ceo_calloc(s->ncols ? s->ncols : 1, sizeof *s->info->missing_cells);
    if (!s->cells || !s->fields || !s->info->missing || !s->info->missing_cells)
        return -1;
    /* Header record 1: names; record 2: labels. */
    for (size_t i = 0; i < s->nvars; i++) {
        var *x = &s->vars[i];
        sv_buf *b = &s->cells[x->col];
        if (x->missing && !s->info->missing[x->col] &&
            !(s->info->missing[x->col] = ceo_strdup(x->missing)))
            return -1;
        if (b->len)
            continue; /* a later member of a category set */
        const char *name =
            x->set >= 0 && s->sets[x->set].type == 'C' ? s->sets[x->set].name : x->name;
        if (add_text(b, name, strlen(name)))
            return -1;
    }
    if (emit(s, 0))
        return -1;
    for (size_t i = 0; i < s->nvars; i++) {
        var *x = &s->vars[i];
        sv_buf *b = &s->cells[x->col];
        const mrset *m = x->set >= 0 ? &s->sets[x->set] : NULL;
        if (m && m->type == 'C') {
            if (m->first == (int)i && add_text(b, m->label, strlen(m->label)))
                return -1;
            continue;
        }
        if (m && *m->label) {
            if (add_text(b, m->label, strlen(m->label)) || sv_buf_add(b, " - ", 3))
                return -1;
            const char *sub = x->label;
            if (!*sub && m->counted)
                sub = value_label(s, x, strtod(m->counted, NULL), x->is_str ? m->counted : NULL);
            if (!sub || !*sub)
                sub = x->name;
            if (add_text(b, sub, strlen(sub)))
                return -1;
        } else if (add_text(b, x->label, strlen(x->label))) {
            return -1;
        }
    }
    if (emit(s, 0))
        return -1;
    s->header_done = 1;
    return 0;
}

/* ---------- ReadStat handlers: the cases ---------- */

static int on_value(int obs, readstat_variable_t *v, readstat_value_t value, void *ctx)
{
    sstate *s = ctx;
    if (!s->header_done && plan(s) != 0)
        return s->failed ? READSTAT_HANDLER_ABORT : oom(s);
    if (obs != s->obs) {
        if (s->obs >= 0 && emit(s, s->obs + 1))
            return READSTAT_HANDLER_ABORT;
        s->obs = obs;
        s->info->cases++;
    }
    int vi = readstat_variable_get_index(v);
    if (vi < 0 || (size_t)vi >= s->nvars)
        return READSTAT_HANDLER_OK;
    const var *x = &s->vars[vi];
    sv_buf *b = &s->cells[x->col];
    if (readstat_value_is_system_missing(value) || readstat_value_is_tagged_missing(value))
        return READSTAT_HANDLER_OK;
    if (readstat_value_is_defined_missing(value, v)) {
        s->info->missing_cells[x->col]++;
        return READSTAT_HANDLER_OK;
    }
    const mrset *m = x->set >= 0 ? &s->sets[x->set] : NULL;
    const char *str = NULL;
    double d = 0;
    if (x->is_str) {
        str = readstat_string_value(value);
        if (!str)
            str = "";
        size_t n = strlen(str);
        while (n && str[n - 1] == ' ')
            n--;
        if (n == 0 && !(m && m->type != 'C'))
            return READSTAT_HANDLER_OK;
    } else {
        d = readstat_double_value(value);
    }
    if (m && m->type != 'C') {
        int on = str ? m->counted && strncmp(str, m->counted, strlen(m->counted)) == 0 &&
                           strspn(str + strlen(m->counted), " ") == strlen(str + strlen(m->counted))
                     : m->counted && d == strtod(m->counted, NULL);
        return sv_buf_set(b, on ? "1" : "0", 1) ? oom(s) : READSTAT_HANDLER_OK;
    }
    if (m && b->len && sv_buf_add(b, ", ", 2))
        return oom(s);
    const char *label = value_label(s, x, d, str);
    char num[128];
    if (label) {
        str = label;
    } else if (!x->is_str && x->date) {
        double secs = floor(d - SPSS_EPOCH_OFFSET);
        if (!(secs > -1e12 && secs < 1e12)) {
            put_number(num, sizeof num, d);
        } else {
            long long t = (long long)secs, days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
            long long sod = t - days * 86400;
            /* civil date from days since 1970 (Howard Hinnant's algorithm) */
            long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
            long long doe = z - era * 146097;
            long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
            long long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long long mp = (5 * doy + 2) / 153, dd = doy - (153 * mp + 2) / 5 + 1;
            long long mm = mp < 10 ? mp + 3 : mp - 9;
            y += mm <= 2;
            if (x->with_time)
                snprintf(num, sizeof num, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld", y, mm, dd,
                         sod / 3600, sod / 60 % 60, sod % 60);
            else
                snprintf(num, sizeof num, "%04lld-%02lld-%02lld", y, mm, dd);
        }
        str = num;
    } else if (!x->is_str) {
        put_number(num, sizeof num, d);
        str = num;
    }
    size_t n = strlen(str);
    if (x->is_str && !label)
        while (n && str[n - 1] == ' ')
            n--;
    return add_text(b, str, n) ? oom(s) : READSTAT_HANDLER_OK;
}

/* ---------- entry ---------- */

static void describe_sets(sstate *s)
{
    s->info->sets = ceo_calloc(s->nsets ? s->nsets : 1, sizeof *s->info->sets);
    if (!s->info->sets)
        return;
    for (size_t k = 0; k < s->nsets; k++) {
        const mrset *m = &s->sets[k];
        char buf[600];
        if (m->type == 'C')
            snprintf(buf, sizeof buf, "%s: category set of %zu variables, '%s'", m->name, m->nvars,
                     m->label);
        else
            snprintf(buf, sizeof buf, "%s: dichotomy set of %zu variables, counted value %s, '%s'",
                     m->name, m->nvars, m->counted ? m->counted : "?", m->label);
        if (!(s->info->sets[k] = ceo_strdup(buf)))
            return;
        s->info->nsets = k + 1;
    }
}

static void describe_encoding(sstate *s)
{
    char *e = s->info->encoding;
    size_t cap = sizeof s->info->encoding;
    if (s->file_enc[0])
        snprintf(e, cap, "%s (character-encoding record)", s->file_enc);
    else if (s->codepage == 65001)
        snprintf(e, cap, "UTF-8 (code page 65001)");
    else if (s->codepage > 3)
        snprintf(e, cap, "code page %d (%s)", s->codepage, s->rs_enc ? s->rs_enc : "?");
    else
        snprintf(e, cap, "not stated in the file");
}

static ceo_status load(const char *path, sstate *s, unsigned char **owned)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ceo_error_set(s->err, CEO_EIO, path, 0, 0, "cannot read the file");
    size_t cap = 0, n = 0;
    unsigned char *buf = NULL;
    for (;;) {
        if (ceo_grow((void **)&buf, &cap, n + 65536, 1)) {
            fclose(f);
            ceo_free(buf);
            return ceo_error_set(s->err, CEO_ENOMEM, path, 0, 0, "out of memory");
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0 || n > MAX_FILE)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad || n > MAX_FILE) {
        ceo_free(buf);
        return ceo_error_set(s->err, bad ? CEO_EIO : CEO_EDATA, path, 0, 0,
                             bad ? "cannot read the file" : "the file is larger than 2 GiB");
    }
    *owned = buf;
    s->data = buf;
    s->len = n;
    return CEO_OK;
}

static void free_state(sstate *s)
{
    for (size_t i = 0; i < s->nvars; i++) {
        ceo_free(s->vars[i].name);
        ceo_free(s->vars[i].label);
        ceo_free(s->vars[i].labels);
        ceo_free(s->vars[i].missing);
    }
    ceo_free(s->vars);
    for (size_t i = 0; i < s->nls; i++) {
        for (size_t k = 0; k < s->ls[i].n; k++) {
            ceo_free(s->ls[i].v[k].s);
            ceo_free(s->ls[i].v[k].label);
        }
        ceo_free(s->ls[i].v);
        ceo_free(s->ls[i].name);
    }
    ceo_free(s->ls);
    for (size_t i = 0; i < s->nsets; i++) {
        for (size_t k = 0; k < s->sets[i].nvars; k++)
            ceo_free(s->sets[i].vars[k]);
        ceo_free(s->sets[i].vars);
        ceo_free(s->sets[i].name);
        ceo_free(s->sets[i].label);
        ceo_free(s->sets[i].counted);
    }
    ceo_free(s->sets);
    for (size_t i = 0; i < s->nnames; i++) {
        ceo_free(s->shortn[i]);
        ceo_free(s->longn[i]);
    }
    ceo_free(s->shortn);
    ceo_free(s->longn);
    for (size_t c = 0; s->cells && c < s->ncols; c++)
        sv_buf_free(&s->cells[c]);
    ceo_free(s->cells);
    ceo_free(s->fields);
}

ceo_status sv_sav_read(const char *path, const void *mem, size_t len, sv_csv_record_fn fn,
                       void *ctx, sv_sav_info *info, ceo_error *err)
{
    memset(info, 0, sizeof *info);
    info->format = "SPSS .sav";
    sstate s;
    memset(&s, 0, sizeof s);
    s.path = path;
    s.fn = fn;
    s.ctx = ctx;
    s.err = err;
    s.info = info;
    s.obs = -1;
    s.row_count = -1;
    unsigned char *owned = NULL;
    if (mem) {
        s.data = mem;
        s.len = len;
    } else {
        ceo_status st = load(path, &s, &owned);
        if (st != CEO_OK)
            return st;
    }
    ceo_status st = CEO_OK;
    readstat_parser_t *p = readstat_parser_init();
    if (!p) {
        st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        goto done;
    }
    /* The encoding first, so that set labels can be converted like everything else. */
    sv_sav_walk_dictionary(&s, 0);
    readstat_set_metadata_handler(p, on_metadata);
    readstat_set_variable_handler(p, on_variable);
    readstat_set_value_label_handler(p, on_value_label);
    readstat_set_fweight_handler(p, on_fweight);
    readstat_set_value_handler(p, on_value);
    readstat_set_error_handler(p, on_error);
    readstat_set_open_handler(p, io_open);
    readstat_set_close_handler(p, io_close);
    readstat_set_seek_handler(p, io_seek);
    readstat_set_read_handler(p, io_read);
    readstat_set_update_handler(p, io_update);
    readstat_set_io_ctx(p, &s);
    readstat_set_handler_character_encoding(p, "UTF-8");
    readstat_error_t rc = readstat_parse_sav(p, path, &s);
    if (s.failed) {
        st = err && err->code ? err->code : CEO_EDATA;
        goto done;
    }
    if (rc == READSTAT_OK && !s.header_done) {
        if (plan(&s) != 0) {
            st = s.failed ? (err && err->code ? err->code : CEO_EDATA)
                          : ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
            goto done;
        }
    } else if (rc == READSTAT_OK && s.obs >= 0 && emit(&s, s.obs + 1) != 0) {
        st = err && err->code ? err->code : CEO_EDATA;
        goto done;
    }
    if (rc != READSTAT_OK) {
        st = ceo_error_set(err, CEO_EDATA, path, 0, 0,
                           "not a readable SPSS system file (damaged or cut short?): %s",
                           s.rs_msg[0] ? s.rs_msg : readstat_error_message(rc));
        goto done;
    }
    if (s.row_count >= 0 && info->cases < s.row_count) {
        st = ceo_error_set(err, CEO_EDATA, path, 0, 0,
                           "the file is cut short: its header announces %ld cases, it holds %ld",
                           s.row_count, info->cases);
        goto done;
    }
    describe_encoding(&s);
    describe_sets(&s);
    if (s.nsets && info->nsets != s.nsets)
        st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
done:
    if (p)
        readstat_parser_free(p);
    free_state(&s);
    ceo_free(owned);
    return st;
}

void sv_sav_info_free(sv_sav_info *info)
{
    if (!info)
        return;
    for (size_t c = 0; info->missing && c < info->ncols; c++)
        ceo_free(info->missing[c]);
    ceo_free(info->missing);
    ceo_free(info->missing_cells);
    for (size_t k = 0; k < info->nsets; k++)
        ceo_free(info->sets[k]);
    ceo_free(info->sets);
    memset(info, 0, sizeof *info);
}
