/*
 * reader.c - the read loop: reads one survey export into the coded table.
 *
 * The first records are buffered to decide the layout (how many header rows, which platform:
 * platform.c; which column is which item: colmap.c; which order slash dates use, here); then
 * the buffered data records and every later record are coded as they stream past (coding.c).
 * At the end the report is finished: the file's form, the columns, what no pattern placed,
 * and the checks that need the whole file (BSNs as ids, no question at all, scale directions).
 *
 * Invariants: a failed read leaves the table as it was (rollback to a mark); unrecognised
 * values are stored as missing and reported with their first locations; nothing here prints.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "readpriv.h"
#include "suggest.h"

#define SNIFF_RECORDS 60

/* ---------- small helpers ---------- */

int sv_rd_oom(rstate *s, long line)
{
    ceo_error_set(s->err, CEO_ENOMEM, s->path, line, 0, "out of memory");
    return 1;
}

int sv_rd_eq_ci(const char *a, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (n != m)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = lit[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (x != y)
            return 0;
    }
    return 1;
}

/* Converts to UTF-8 into s->u, noting a Windows-1252 fallback for the report. Returns 0, -1
 * when out of memory, or -2 (with the error set) for bytes that are text in neither encoding:
 * C0 control characters other than tab, CR, LF and form feed, and the five bytes
 * Windows-1252 leaves undefined. */
int sv_rd_utf8(rstate *s, const char *p, size_t n, long line, long col)
{
    int fb = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f') {
            ceo_error_set(s->err, CEO_EDATA, s->path, line, col,
                          "control byte 0x%02X in the data; is this a text (CSV) file?", c);
            return -2;
        }
    }
    if (sv_to_utf8(&s->u, p, n, &fb) != 0)
        return -1;
    if (fb) {
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)p[i];
            if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D) {
                ceo_error_set(s->err, CEO_EDATA, s->path, line, col,
                              "byte 0x%02X is neither UTF-8 nor Windows-1252 text", c);
                return -2;
            }
        }
        if (s->rep->cp1252_values++ == 0) {
            s->rep->cp1252_line = line;
            s->rep->cp1252_col = col;
        }
    } else if (!s->saw_utf8) {
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)p[i] >= 0x80) {
                s->saw_utf8 = 1;
                break;
            }
    }
    return 0;
}

/* ---------- the buffered first records ---------- */

sv_field sv_rd_field(const rstate *s, size_t rec, size_t j)
{
    sv_field f = {"", 0, 0};
    if (rec < s->nrecs && j < s->recs[rec].n) {
        const bfield *b = &s->bf[s->recs[rec].first + j];
        f.data = s->bbuf + b->off;
        f.len = b->len;
        f.line = b->line;
    }
    return f;
}

/* ---------- one data record ---------- */

/* Column j of a single-choice question spread over option columns is filled in this row:
 * returns 1 with the error set when another of its options was filled too. */
static int spread_twice(rstate *s, size_t j, const sv_field *f, long row)
{
    column *c = &s->cols[j], *first = &s->cols[c->spread - 1];
    if (first->filled_row != (size_t)row + 1) {
        first->filled_row = (size_t)row + 1;
        first->filled_col = j;
        return 0;
    }
    column *o = &s->cols[first->filled_col];
    ceo_error_set(s->err, CEO_EDATA, s->path, f[j].line, (long)j + 1,
                  "%s allows one answer, but this row fills both '%s' (column %zu) and '%s' "
                  "(column %zu)",
                  sv_codebook_item(s->t->cb, (size_t)c->item)->id, o->opt_label,
                  first->filled_col + 1, c->opt_label, j + 1);
    return 1;
}

static int data_record(rstate *s, const sv_field *f, size_t n)
{
    int blank = 1;
    for (size_t i = 0; i < n && blank; i++)
        blank = sv_is_blank(f[i].data, f[i].len);
    if (blank)
        return 0;
    if (n > s->ncols) {
        for (size_t i = s->ncols; i < n; i++)
            if (!sv_is_blank(f[i].data, f[i].len)) {
                ceo_error_set(s->err, CEO_EDATA, s->path, f[i].line, (long)i + 1,
                              "this row has %zu fields but the header has %zu columns", n,
                              s->ncols);
                return 1;
            }
    } else if (n < s->ncols) {
        ceo_error_set(s->err, CEO_EDATA, s->path, f[n - 1].line, (long)n,
                      "this row has %zu fields but the header has %zu columns%s", n, s->ncols,
                      n == 1 ? " (is the delimiter the same in every row?)" : "");
        return 1;
    }
    if (s->t->cb && s->has_meta) {
        int left = sv_rd_meta_record(s, f);
        if (left < 0)
            return sv_rd_oom(s, f[0].line);
        if (left)
            return 0;
    }
    s->rep->respondents++;
    if (!s->t->cb) {
        for (size_t j = 0; j < s->ncols; j++)
            if (sv_rd_raw_observe(s, &s->cols[j], &f[j], (int)j + 1) != 0)
                return 1;
        return 0;
    }
    long row = sv_table_add_row(s->t);
    if (row < 0)
        return sv_rd_oom(s, f[0].line);
    long unknown_before = s->rep->unknown_cells;
    for (size_t j = 0; j < s->ncols; j++) {
        column *c = &s->cols[j];
        if (c->kind == C_SKIP)
            continue;
        if (c->spread && !sv_is_blank(f[j].data, f[j].len) && spread_twice(s, j, f, row))
            return 1;
        if (sv_rd_store_value(s, c, &f[j], (int)j + 1, (size_t)row) != 0)
            return sv_rd_oom(s, f[j].line);
    }
    if (s->rep->unknown_cells != unknown_before) {
        sv_report *r = s->rep;
        size_t cap = s->bad_cap;
        if (ceo_grow((void **)&r->bad_rows, &cap, r->nbad + 1, sizeof *r->bad_rows) != 0 ||
            ceo_grow((void **)&r->bad_lines, &s->bad_cap, r->nbad + 1, sizeof *r->bad_lines) != 0)
            return sv_rd_oom(s, f[0].line);
        r->bad_rows[r->nbad] = (size_t)row;
        r->bad_lines[r->nbad++] = f[0].line;
    }
    return 0;
}

/* Slash dates: the order that the buffered rows prove, else month first (US platforms). */
static void date_orders(rstate *s)
{
    for (size_t j = 0; j < s->ncols; j++) {
        column *c = &s->cols[j];
        if (c->kind != C_DATE)
            continue;
        for (size_t r = (size_t)s->header_rows; r < s->nrecs && !c->order_known; r++) {
            sv_field f = sv_rd_field(s, r, j);
            int h = sv_slash_hint(f.data, f.len);
            if (h == 1 || h == 2) {
                c->order = h == 1 ? SV_SLASH_DAY_FIRST : SV_SLASH_MONTH_FIRST;
                c->order_known = 1;
            }
        }
        if (c->order == SV_SLASH_DAY_FIRST)
            s->rep->slash_day_first = 1;
    }
}

/* Sizes the table for the rows the whole input will hold, guessed from its size and the
 * buffered data records, so that the arrays are not doubled and copied some ten times. The
 * field bytes leave out quotes and delimiters, so the guess errs high; pages never written
 * cost no memory. A failure is no error: the arrays then grow as they fill. */
static void reserve_rows(rstate *s)
{
    size_t first = (size_t)s->header_rows, bytes = 0;
    if (s->sav || s->size == 0 || s->nrecs < first + 10 || !s->t->cb)
        return;
    for (size_t r = first; r < s->nrecs; r++)
        for (size_t j = 0; j < s->recs[r].n; j++)
            bytes += s->bf[s->recs[r].first + j].len + 1;
    size_t per_record = bytes / (s->nrecs - first);
    if (per_record < 2)
        per_record = 2;
    unsigned long long rows = s->size / per_record;
    if (rows > ((size_t)1 << 31))
        return;
    (void)sv_table_reserve(s->t, s->t->nrows + (size_t)rows + (size_t)rows / 16);
}

static int setup(rstate *s)
{
    if (s->nrecs == 0) {
        ceo_error_set(s->err, CEO_EDATA, s->path, 1, 1, "the file holds no records");
        return 1;
    }
    s->ncols = s->recs[0].n;
    /* A trailing delimiter on the header line (an empty last name) is no column when the
     * data rows have nothing there either. */
    while (s->ncols > 1) {
        sv_field h = sv_rd_field(s, 0, s->ncols - 1);
        if (!sv_is_blank(h.data, h.len))
            break;
        int used = 0;
        for (size_t r = 1; r < s->nrecs && !used; r++) {
            sv_field f = sv_rd_field(s, r, s->ncols - 1);
            used = !sv_is_blank(f.data, f.len);
        }
        if (used)
            break;
        s->ncols--;
    }
    int names = 0;
    for (size_t j = 0; j < s->ncols; j++) {
        sv_field f = sv_rd_field(s, 0, j);
        double d;
        long long secs;
        if (!sv_is_blank(f.data, f.len) && !sv_parse_number(f.data, f.len, &d) &&
            !sv_parse_date(f.data, f.len, SV_SLASH_MONTH_FIRST, &secs))
            names++;
    }
    if (names == 0) {
        ceo_error_set(s->err, CEO_EDATA, s->path, sv_rd_field(s, 0, 0).line, 1,
                      "no header row: the first line holds no column names");
        return 1;
    }
    s->cols = ceo_calloc(s->ncols, sizeof *s->cols);
    if (!s->cols)
        return sv_rd_oom(s, 1);
    s->header_rows = s->sav ? 2 : sv_rd_header_rows(s);
    s->rep->header_rows = s->header_rows;
    s->rep->ncols = s->ncols;
    s->rep->platform = s->sav ? "SPSS system file" : sv_rd_platform(s);
    s->sosci = strcmp(s->rep->platform, SOSCI_SURVEY) == 0;
    if (s->t->cb && sv_rd_find_meta(s) != 0)
        return sv_rd_oom(s, 1);
    if (sv_rd_map_columns(s) != CEO_OK)
        return 1;
    date_orders(s);
    reserve_rows(s);
    s->ready = 1;
    for (size_t r = (size_t)s->header_rows; r < s->nrecs; r++) {
        if (ceo_grow((void **)&s->tmp, &s->tmp_cap, s->recs[r].n, sizeof *s->tmp) != 0)
            return sv_rd_oom(s, 1);
        for (size_t j = 0; j < s->recs[r].n; j++)
            s->tmp[j] = sv_rd_field(s, r, j);
        if (data_record(s, s->tmp, s->recs[r].n) != 0)
            return 1;
    }
    return 0;
}

static int on_record(void *ctx, const sv_field *f, size_t n, ceo_error *err)
{
    rstate *s = ctx;
    (void)err;
    if (s->ready)
        return data_record(s, f, n);
    int blank = 1;
    for (size_t i = 0; i < n && blank; i++)
        blank = sv_is_blank(f[i].data, f[i].len);
    if (blank) /* also before the header: Excel writes an empty first row as ";;;" */
        return 0;
    if (ceo_grow((void **)&s->recs, &s->recs_cap, s->nrecs + 1, sizeof *s->recs) != 0 ||
        ceo_grow((void **)&s->bf, &s->bf_cap, s->nbf + n, sizeof *s->bf) != 0)
        return sv_rd_oom(s, f[0].line);
    s->recs[s->nrecs].first = s->nbf;
    s->recs[s->nrecs].n = n;
    s->nrecs++;
    for (size_t i = 0; i < n; i++) {
        if (ceo_grow((void **)&s->bbuf, &s->bcap, s->blen + f[i].len + 1, 1) != 0)
            return sv_rd_oom(s, f[i].line);
        bfield *b = &s->bf[s->nbf++];
        b->off = s->blen;
        b->len = f[i].len;
        b->line = f[i].line;
        memcpy(s->bbuf + s->blen, f[i].data, f[i].len);
        s->blen += f[i].len;
        s->bbuf[s->blen++] = '\0';
    }
    if (s->nrecs == SNIFF_RECORDS)
        return setup(s);
    return 0;
}

static const char *raw_type(const rawstat *r)
{
    if (r->nonblank == 0)
        return "empty";
    if (r->date * 10 >= r->nonblank * 9)
        return "date";
    if (r->number * 10 >= r->nonblank * 9)
        return "number";
    if (r->eens * 2 >= r->nonblank && !r->many)
        return "likert";
    if (r->yesno * 10 >= r->nonblank * 9 && !r->many)
        return "yes/no";
    if (!r->many && r->distinct && sv_strmap_count(r->distinct) * 2 <= (size_t)r->nonblank)
        return "category";
    return "text";
}

static void finish_report(rstate *s)
{
    sv_report *r = s->rep;
    r->delimiter = s->info.delimiter;
    r->crlf = s->info.crlf;
    r->cr = s->info.cr;
    r->sep_line = s->info.sep_line;
    if (s->sav) {
        r->format = s->sinfo.format;
        snprintf(r->file_encoding, sizeof r->file_encoding, "%s%s", s->sinfo.encoding,
                 r->cp1252_values ? "; some texts read as Windows-1252" : "");
        snprintf(r->weight, sizeof r->weight, "%s", s->sinfo.weight);
        r->encoding = r->file_encoding;
        r->sets = s->sinfo.sets;
        r->nsets = s->sinfo.nsets;
        s->sinfo.sets = NULL;
        s->sinfo.nsets = 0;
    } else if (r->cp1252_values && s->saw_utf8)
        r->encoding = "UTF-8 with some Windows-1252 values";
    else if (r->cp1252_values)
        r->encoding = "Windows-1252";
    else
        r->encoding = s->info.bom ? "UTF-8 with BOM" : "UTF-8";
    r->cols = ceo_calloc(s->ncols ? s->ncols : 1, sizeof *r->cols);
    if (!r->cols)
        return;
    for (size_t j = 0; j < s->ncols; j++) {
        column *c = &s->cols[j];
        sv_colinfo *ci = &r->cols[j];
        ci->index = (int)j + 1;
        ci->header = c->header;
        c->header = NULL; /* the report owns it now */
        ci->item = c->item;
        ci->option = c->option;
        ci->choice = c->opt_label;
        c->opt_label = NULL; /* the report owns it now */
        ci->note = c->note;
        ci->type = s->t->cb ? NULL : raw_type(&c->raw);
        if (s->sav && j < s->sinfo.ncols) {
            ci->missing = s->sinfo.missing[j];
            s->sinfo.missing[j] = NULL;
            ci->user_missing = s->sinfo.missing_cells[j];
            r->user_missing += ci->user_missing;
        }
    }
}

/* For each column no pattern placed: the items it resembles by its header and its first
 * values (suggest.c), for ceo check and --write-config. Returns 0, or -1 when out of memory. */
static int suggest_columns(rstate *s)
{
    sv_report *r = s->rep;
    size_t nitems = sv_codebook_nitems(s->t->cb), open = 0;
    for (size_t j = 0; j < s->ncols; j++)
        open += r->cols[j].item < 0 && !r->cols[j].note;
    if (!open)
        return 0;
    unsigned char *taken = ceo_calloc(nitems + 1, 1);
    sv_suggester *sg = taken ? sv_suggester_new(s->t->cb) : NULL;
    int rc = sg ? 0 : -1;
    for (size_t j = 0; j < s->ncols && rc == 0; j++)
        if (r->cols[j].item >= 0)
            taken[r->cols[j].item] = 1;
    for (size_t j = 0; j < s->ncols && rc == 0; j++) {
        sv_colinfo *c = &r->cols[j];
        if (c->item >= 0 || c->note)
            continue;
        sv_profile p;
        memset(&p, 0, sizeof p);
        for (size_t rec = (size_t)s->header_rows; rec < s->nrecs && rc == 0; rec++) {
            sv_field f = sv_rd_field(s, rec, j);
            rc = sv_to_utf8(&s->u, f.data, f.len, NULL) != 0 ||
                 sv_profile_add(&p, s->t->cb, s->u.p, s->u.len) != 0;
        }
        if (rc == 0 && (c->ncand = sv_suggest_rank(sg, c->header, &p, taken, c->cand)) < 0)
            rc = -1;
        sv_profile_free(&p);
    }
    if (rc == 0)
        sv_suggest_place(r->cols, s->ncols);
    sv_suggester_free(sg);
    ceo_free(taken);
    return rc;
}

/* The options of each multi-select item that the file has a column per option for but no
 * column for some options: those were not asked of its respondents (rows row0 on), neither
 * chosen nor left out. A question in one joined cell offers every option. Noted in the table
 * and the report; returns 0, or -1 when out of memory. */
static int note_unasked(rstate *s, size_t row0)
{
    const sv_codebook *cb = s->t->cb;
    for (size_t j = 0; j < s->ncols; j++) {
        const column *c = &s->cols[j];
        if (c->kind != C_OPTION)
            continue;
        int seen = 0, joined = 0;
        uint32_t offered = 0;
        for (size_t k = 0; k < s->ncols && !seen; k++) {
            const column *o = &s->cols[k];
            if (o->item != c->item)
                continue;
            seen = k < j; /* the item was done at its first column */
            joined |= o->kind == C_MULTI;
            if (o->kind == C_OPTION && o->option < 31)
                offered |= 1u << o->option;
        }
        if (seen || joined)
            continue;
        size_t ncats = sv_codebook_scale(cb, sv_codebook_item(cb, (size_t)c->item)->scale)->ncats;
        uint32_t all = ncats >= 31 ? 0x7FFFFFFFu : (1u << ncats) - 1u, missing = all & ~offered;
        if (!missing)
            continue;
        sv_report *r = s->rep;
        size_t cap = r->nnot_asked;
        if (sv_table_set_unasked(s->t, c->item, row0, s->t->nrows, missing) != 0 ||
            ceo_grow((void **)&r->not_asked, &cap, r->nnot_asked + 1, sizeof *r->not_asked) != 0)
            return -1;
        r->not_asked[r->nnot_asked].item = c->item;
        r->not_asked[r->nnot_asked++].options = missing;
    }
    return 0;
}

/* Asks the data which way the ordinal scales read as numbers run (direction.c). */
static ceo_status check_directions(rstate *s, size_t row0)
{
    sv_dircol *dc = ceo_calloc(s->ncols ? s->ncols : 1, sizeof *dc);
    if (!dc)
        return ceo_error_set(s->err, CEO_ENOMEM, s->path, 0, 0, "out of memory");
    size_t n = 0;
    for (size_t j = 0; j < s->ncols; j++)
        if (s->cols[j].dir.item >= 0)
            dc[n++] = s->cols[j].dir;
    ceo_status st = sv_direction_check(s->t, row0, dc, n, s->path, (s->t->flags & SV_ADVISE) != 0,
                                       s->rep, s->err);
    ceo_free(dc);
    return st;
}

/* A file of which no column maps to a question (only roles, which hold no answers, or
 * nothing at all) is the wrong file: a figure from it would count respondents without a
 * single answer. */
static ceo_status check_questions(rstate *s)
{
    char roles[200] = "";
    size_t len = 0, nroles = 0;
    for (size_t j = 0; j < s->ncols; j++) {
        if (s->cols[j].item < 0)
            continue;
        const sv_item *it = sv_codebook_item(s->t->cb, (size_t)s->cols[j].item);
        if (strcmp(it->section, "rol") != 0 && strcmp(it->section, "contact") != 0)
            return CEO_OK;
        if (len < sizeof roles) {
            int w = snprintf(roles + len, sizeof roles - len, "%s%s", nroles ? ", " : "", it->id);
            len += w > 0 ? (size_t)w : 0;
        }
        nroles++;
    }
    if (nroles)
        return ceo_error_set_about(s->err, SV_ABOUT_COLUMNS, CEO_EDATA, s->path, 0, 0,
                                   "no column of this file matches a question of the codebook, "
                                   "only roles that hold no answers (%s); is it the right file?",
                                   roles);
    return ceo_error_set_about(s->err, SV_ABOUT_COLUMNS, CEO_EDATA, s->path, 0, 0,
                               "no column of this file matches a question of the codebook; is "
                               "it the right file?");
}

static void free_state(rstate *s)
{
    for (size_t j = 0; s->cols && j < s->ncols; j++) {
        ceo_free(s->cols[j].header);
        ceo_free(s->cols[j].opt_norm);
        ceo_free(s->cols[j].opt_label);
        sv_strmap_free(s->cols[j].cache);
        sv_strmap_free(s->cols[j].unknown);
        sv_strmap_free(s->cols[j].pii);
        sv_strmap_free(s->cols[j].raw.distinct);
    }
    ceo_free(s->cols);
    for (int k = 0; k < M_KINDS; k++)
        ceo_free(s->m_name[k]);
    sv_strmap_free(s->m_seen);
    ceo_free(s->bbuf);
    ceo_free(s->recs);
    ceo_free(s->bf);
    ceo_free(s->tmp);
    sv_buf_free(&s->u);
    sv_buf_free(&s->nb);
    sv_buf_free(&s->db);
    sv_sav_info_free(&s->sinfo);
    sv_pii_free(s->pii);
    sv_pii_free(s->pii_names);
}

static ceo_status read_any(sv_table *t, const char *path, const void *mem, size_t len,
                           const sv_project *proj, sv_report **report, ceo_error *err)
{
    if (report)
        *report = NULL;
    rstate s;
    memset(&s, 0, sizeof s);
    s.t = t;
    s.path = path;
    s.proj = proj;
    s.err = err;
    for (int k = 0; k < M_KINDS; k++)
        s.m_col[k] = -1;
    s.year = t->year;
    if (!s.year) {
        int m, d;
        sv_civil_from_seconds((long long)time(NULL), &s.year, &m, &d);
    }
    s.date_end = sv_days_from_civil(s.year + 2, 1, 1) * 86400;
    sv_table_mark mark;
    s.rep = ceo_calloc(1, sizeof *s.rep);
    if (!s.rep || !(s.rep->path = ceo_strdup(path)) || sv_table_mark_take(t, &mark) != 0) {
        if (s.rep)
            ceo_free((char *)s.rep->path);
        ceo_free(s.rep);
        return ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
    }
    /* The layout comes from the content, never from the file name. */
    if (mem) {
        s.sav = sv_sav_magic(mem, len);
        s.size = len;
    } else {
        /* Peek only into a regular file: reading from a pipe would consume the bytes the CSV
         * reader needs (an SPSS file through a pipe is named as such by the CSV reader). */
        struct stat sb;
        FILE *f = stat(path, &sb) == 0 && S_ISREG(sb.st_mode) ? fopen(path, "rb") : NULL;
        char head[4];
        if (f) {
            s.sav = sv_sav_magic(head, fread(head, 1, sizeof head, f));
            s.size = (unsigned long long)sb.st_size;
            fclose(f);
        }
    }
    ceo_status st;
    if (s.sav)
        st = sv_sav_read(path, mem, len, on_record, &s, &s.sinfo, err);
    else if (mem)
        st = sv_csv_read_mem(path, mem, len, NULL, on_record, &s, &s.info, err);
    else
        st = sv_csv_read_file(path, NULL, on_record, &s, &s.info, err);
    if (st == CEO_OK && !s.ready && setup(&s) != 0)
        st = err && err->code ? err->code : CEO_EDATA;
    if (st == CEO_OK && s.rep->respondents == 0 && s.rep->left_out)
        st = ceo_error_set(err, CEO_EDATA, path, 0, 0,
                           "no respondents: the platform marks every response (%ld) as a "
                           "preview, a test or spam, and those are left out",
                           s.rep->left_out);
    if (st == CEO_OK && s.rep->respondents == 0)
        st = s.sav ? ceo_error_set(err, CEO_EDATA, path, 0, 0, "the file holds no cases")
                   : ceo_error_set(err, CEO_EDATA, path, s.info.lines ? s.info.lines : 1, 1,
                                   "the file has a header but no respondents");
    if (st == CEO_OK && t->cb && !t->key && s.rid_values && s.rid_bsn * 2 > s.rid_values)
        st = ceo_error_set_about(err, SV_ABOUT_BSN, CEO_EDATA, path, 0, 0,
                                 "the respondent ids (column %d) are BSNs: %ld of %ld pass the "
                                 "elfproef; ceo keeps no BSN: replace them by pseudonyms first, "
                                 "or read the file with a pseudonymisation key",
                                 s.rid_col, s.rid_bsn, s.rid_values);
    if (st == CEO_OK && t->cb && note_unasked(&s, mark.nrows) != 0)
        st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
    if (st == CEO_OK && t->cb)
        st = check_questions(&s);
    if (st == CEO_OK && t->cb)
        st = check_directions(&s, mark.nrows);
    if (st == CEO_OK)
        finish_report(&s);
    if (st == CEO_OK && !s.rep->cols)
        st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
    if (st == CEO_OK && t->cb && suggest_columns(&s) != 0)
        st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
    if (st != CEO_OK) {
        sv_table_rollback(t, &mark);
        sv_report_free(s.rep);
        s.rep = NULL;
    }
    sv_table_mark_drop(&mark);
    free_state(&s);
    if (report)
        *report = s.rep;
    else
        sv_report_free(s.rep);
    return st;
}

ceo_status sv_table_read(sv_table *t, const char *path, const sv_project *proj, sv_report **report,
                         ceo_error *err)
{
    return read_any(t, path, NULL, 0, proj, report, err);
}

ceo_status sv_table_read_mem(sv_table *t, const char *name, const void *data, size_t len,
                             const sv_project *proj, sv_report **report, ceo_error *err)
{
    return read_any(t, name, data, len, proj, report, err);
}

void sv_report_free(sv_report *r)
{
    if (!r)
        return;
    for (size_t j = 0; r->cols && j < r->ncols; j++) {
        ceo_free((char *)r->cols[j].header);
        ceo_free((char *)r->cols[j].missing);
        ceo_free((char *)r->cols[j].choice);
    }
    ceo_free(r->cols);
    for (size_t i = 0; i < r->nunknown; i++)
        ceo_free((char *)r->unknown[i].value);
    ceo_free(r->unknown);
    ceo_free(r->pii);
    for (size_t i = 0; i < r->nmeta; i++) {
        ceo_free((char *)r->meta[i].column);
        ceo_free((char *)r->meta[i].value);
    }
    ceo_free(r->meta);
    ceo_free(r->bad_rows);
    ceo_free(r->bad_lines);
    for (size_t k = 0; k < r->nsets; k++)
        ceo_free(r->sets[k]);
    for (size_t k = 0; k < r->nnotes; k++)
        ceo_free(r->notes[k]);
    ceo_free(r->notes);
    ceo_free(r->not_asked);
    ceo_free(r->sets);
    ceo_free((char *)r->path);
    ceo_free(r);
}
