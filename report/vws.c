/*
 * vws.c - the VWS accounting data: per gemeente the fields that templates/vws/velden.csv
 * lists, each filled from the source its bron column names.
 *
 * The schema is checked whole before anything is computed, so a typo in a bron is an error at
 * its file:line:column, never an empty column. Figures are taken from one st_compute run by
 * gemeente: what `ceo stats --by gemeente` suppresses is empty here too, so the two outputs
 * can never be combined to recover a hidden figure. Invited counts and the gemeenten' own
 * texts are matched on normalised names (case, spacing), as the reader groups gemeenten.
 * Values live in one arena, addressed by offsets because the arena moves while it grows.
 */
#include "vws.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../stats/stats.h"
#include "../survey/sheet.h"
#include "../base/strmap.h"
#include "../base/text.h"
#include "../survey/values.h"
#include "csvout.h"

#define MAX_ALTS 8    /* alternatives in one bron */
#define MAX_THEMES 32 /* distinct themes in a codebook that we track */

typedef enum {
    S_PROJECT,      /* project:SECTION.KEY */
    S_NAME,         /* berekend:gemeente */
    S_JAAR,         /* berekend:jaar */
    S_PERIODE,      /* berekend:periode */
    S_UITGEZET,     /* berekend:uitgezet */
    S_RESPONDENTEN, /* berekend:respondenten */
    S_RESPONS,      /* berekend:respons */
    S_THEMAS,       /* berekend:themas[:a+b+c] */
    S_ITEM,         /* item:ID:STAT */
    S_THEMA,        /* thema:ID:STAT */
    S_GEMEENTE,     /* gemeente:COLUMN */
} src_kind;

typedef enum { F_N, F_PCT_POS, F_PCT_NEG, F_MEAN, F_CI_LOW, F_CI_HIGH } figure;

static const struct {
    const char *name;
    figure fig;
} figures[] = {{"n", F_N},       {"pct_positive", F_PCT_POS}, {"pct_negative", F_PCT_NEG},
               {"mean", F_MEAN}, {"ci_low", F_CI_LOW},        {"ci_high", F_CI_HIGH}};

static const struct {
    const char *name;
    src_kind kind;
} computed[] = {{"gemeente", S_NAME},
                {"jaar", S_JAAR},
                {"periode", S_PERIODE},
                {"uitgezet", S_UITGEZET},
                {"respondenten", S_RESPONDENTEN},
                {"respons", S_RESPONS},
                {"themas", S_THEMAS}};

typedef struct {
    src_kind kind;
    const char *a, *b; /* cut out of the field's bron copy: section and key, item or theme id
                          and nothing, theme list, gemeenten column */
    figure fig;
    int col; /* S_GEMEENTE: the column in the gemeenten file */
} source;

typedef struct {
    char *id, *label, *bron; /* bron: a private copy the sources point into */
    source alt[MAX_ALTS];
    size_t nalt;
    long line, bron_col;
} field;

typedef struct {
    const char *name; /* the table's group name */
    size_t group;     /* its index among the table's gemeente groups */
    long respondents;
    int64_t first, last; /* dates; SV_MISSING_DATE when none */
    long invited;
    int has_invited;
    long gem_row;    /* row in the gemeenten file, -1 when not listed */
    uint32_t themes; /* bit k: theme k has a valid answer here */
} gem;

struct rp_vws {
    field *fields;
    size_t nfields;
    gem *gems;
    size_t ngems;
    sv_buf arena;
    size_t *off;        /* per cell (g * nfields + k): offset of its value in the arena */
    unsigned char *num; /* per cell: 1 when the value is a number */
    char **warnings;
    size_t nwarn, warn_cap;
};

/* Everything the build needs while it runs; freed at its end. */
typedef struct {
    rp_vws *v;
    const sv_table *t;
    const sv_codebook *cb;
    const sv_project *proj;
    const char *schema;
    const st_result *res; /* the figures by gemeente */
    st_result *own;       /* computed here when the caller gave none */
    sv_sheet *gemfile;
    const char *themes[MAX_THEMES];
    size_t nthemes;
    ceo_error *err;
} build;

/* ---------- small helpers ---------- */

static ceo_status oom(ceo_error *err)
{
    return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
}

/* Adds a warning; returns 0, or -1 when out of memory. */
static int warn(rp_vws *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int warn(rp_vws *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, ceo_tr(fmt), ap); /* translated, as by ceo_error_set */
    va_end(ap);
    if (n < 0 || ceo_grow((void **)&v->warnings, &v->warn_cap, v->nwarn + 1, sizeof *v->warnings))
        return -1;
    char *s = ceo_malloc((size_t)n + 1);
    if (!s)
        return -1;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, ceo_tr(fmt), ap);
    va_end(ap);
    v->warnings[v->nwarn++] = s;
    return 0;
}

/* Appends ", " (unless b is empty) and s to b; returns 0 or -1. */
static int join(sv_buf *b, const char *s)
{
    if (b->len && sv_buf_add(b, ", ", 2) != 0)
        return -1;
    return sv_buf_add(b, s, strlen(s));
}

/* One decimal, C locale, never "-0.0". */
static void fmt_num(char *out, size_t n, double x)
{
    snprintf(out, n, "%.1f", x);
    if (out[0] == '-' && strspn(out + 1, "0.") == strlen(out + 1))
        memmove(out, out + 1, strlen(out));
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

static int valid_id(const char *s)
{
    return *s && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(s);
}

/* Index of theme id among the codebook's themes, or -1. */
static int theme_index(const build *b, const char *id)
{
    for (size_t k = 0; k < b->nthemes; k++)
        if (strcmp(b->themes[k], id) == 0)
            return (int)k;
    return -1;
}

static int has_proportion(const sv_item *it)
{
    return it->type == SV_T_LIKERT || it->type == SV_T_JANEE;
}

static int has_mean(const sv_item *it)
{
    return it->type == SV_T_CIJFER || it->type == SV_T_SCORE || it->type == SV_T_GETAL;
}

/* ---------- the schema ---------- */

static const char bron_help[] =
    "a bron is project:SECTION.KEY, berekend:WHAT (gemeente, jaar, periode, uitgezet, "
    "respondenten, respons, themas), item:ID:FIGURE, thema:ID:FIGURE or gemeente:COLUMN, "
    "alternatives separated by |";

/* Parses one alternative of a bron (s is cut in place). */
static ceo_status parse_source(build *b, field *f, char *s, source *src)
{
    ceo_error *err = b->err;
    long line = f->line, col = f->bron_col;
    char *colon = strchr(s, ':');
    if (!colon)
        return ceo_error_set(err, CEO_EDATA, b->schema, line, col, "unknown bron '%s': %s", s,
                             bron_help);
    *colon = '\0';
    char *kind = s, *rest = colon + 1;
    memset(src, 0, sizeof *src);
    src->col = -1;
    if (strcmp(kind, "project") == 0) {
        char *dot = strchr(rest, '.');
        if (dot)
            *dot = '\0';
        if (!dot || !sv_project_known(rest, dot + 1))
            return ceo_error_set(err, CEO_EDATA, b->schema, line, col,
                                 "unknown bron 'project:%s%s%s': the project file has no such "
                                 "setting (docs/FORMATS.md lists them)",
                                 rest, dot ? "." : "", dot ? dot + 1 : "");
        src->kind = S_PROJECT;
        src->a = rest;
        src->b = dot + 1;
        return CEO_OK;
    }
    if (strcmp(kind, "berekend") == 0) {
        char *arg = strchr(rest, ':');
        if (arg)
            *arg++ = '\0';
        size_t i = 0;
        while (i < sizeof computed / sizeof computed[0] && strcmp(rest, computed[i].name) != 0)
            i++;
        if (i == sizeof computed / sizeof computed[0])
            return ceo_error_set(err, CEO_EDATA, b->schema, line, col,
                                 "unknown bron 'berekend:%s': computed are gemeente, jaar, "
                                 "periode, uitgezet, respondenten, respons and themas",
                                 rest);
        src->kind = computed[i].kind;
        if (arg && src->kind != S_THEMAS)
            return ceo_error_set(err, CEO_EDATA, b->schema, line, col,
                                 "bron 'berekend:%s' takes no ':%s'", rest, arg);
        if (arg && !*arg)
            return ceo_error_set(err, CEO_EDATA, b->schema, line, col,
                                 "bron 'berekend:themas:' names no theme (as in "
                                 "berekend:themas:toegang+kwaliteit+effect)");
        if (arg) {
            /* themes joined by '+', each one the codebook knows */
            for (char *p = arg; *p;) {
                size_t n = strcspn(p, "+");
                char save = p[n];
                p[n] = '\0';
                int known = theme_index(b, p) >= 0;
                if (!known)
                    ceo_error_set(err, CEO_EDATA, b->schema, line, col,
                                  "bron 'berekend:themas': the codebook has no theme '%s'", p);
                p[n] = save;
                if (!known)
                    return CEO_EDATA;
                p += n + (save ? 1 : 0);
            }
            src->a = arg;
        }
        return CEO_OK;
    }
    if (strcmp(kind, "item") == 0 || strcmp(kind, "thema") == 0) {
        int is_item = kind[0] == 'i';
        char *fig = strchr(rest, ':');
        if (fig)
            *fig++ = '\0';
        size_t i = 0;
        while (fig && i < sizeof figures / sizeof figures[0] && strcmp(fig, figures[i].name) != 0)
            i++;
        if (!fig || i == sizeof figures / sizeof figures[0])
            return ceo_error_set(err, CEO_EDATA, b->schema, line, col,
                                 "bron '%s:%s%s%s': %s; the figures are n, pct_positive, "
                                 "pct_negative, mean, ci_low and ci_high (as in %s:ID:n)",
                                 kind, rest, fig ? ":" : "", fig ? fig : "",
                                 fig ? "unknown figure" : "name a figure after the id", kind);
        src->kind = is_item ? S_ITEM : S_THEMA;
        src->a = rest;
        src->fig = figures[i].fig;
        if (!is_item) {
            if (theme_index(b, rest) < 0)
                return ceo_error_set(err, CEO_EDATA, b->schema, line, col,
                                     "bron 'thema:%s': the codebook has no theme '%s'", rest, rest);
            if (src->fig != F_N && src->fig != F_PCT_POS && src->fig != F_PCT_NEG)
                return ceo_error_set(err, CEO_EDATA, b->schema, line, col,
                                     "bron 'thema:%s:%s': a theme has n, pct_positive and "
                                     "pct_negative",
                                     rest, fig);
            return CEO_OK;
        }
        int item = sv_codebook_find(b->cb, rest);
        const sv_item *it = item >= 0 ? sv_codebook_item(b->cb, (size_t)item) : NULL;
        if (!it)
            return ceo_error_set(err, CEO_EDATA, b->schema, line, col,
                                 "bron 'item:%s:%s': the codebook has no item '%s'", rest, fig,
                                 rest);
        int ok = strcmp(it->section, "rol") != 0 && strcmp(it->section, "contact") != 0 &&
                 (src->fig == F_PCT_POS || src->fig == F_PCT_NEG ? has_proportion(it)
                  : src->fig == F_MEAN                           ? has_mean(it)
                                       : has_proportion(it) || has_mean(it));
        if (!ok)
            return ceo_error_set(err, CEO_EDATA, b->schema, line, col,
                                 "bron 'item:%s:%s': %s is of type %s, which has no %s "
                                 "(percentages need a likert or janee item, a mean a mark or "
                                 "number; role and contact items have no figures)",
                                 rest, fig, rest, sv_type_name(it->type), fig);
        return CEO_OK;
    }
    if (strcmp(kind, "gemeente") == 0) {
        if (!*rest || strcmp(rest, "gemeente") == 0)
            return ceo_error_set(err, CEO_EDATA, b->schema, line, col,
                                 "bron 'gemeente:%s': name a column of the gemeenten file "
                                 "(gemeente:verbeterpunten); the name itself is "
                                 "berekend:gemeente",
                                 rest);
        src->kind = S_GEMEENTE;
        src->a = rest;
        return CEO_OK;
    }
    *colon = ':';
    return ceo_error_set(err, CEO_EDATA, b->schema, line, col, "unknown bron '%s': %s", s,
                         bron_help);
}

static ceo_status load_schema(build *b)
{
    static const char *const req[] = {"veld", "omschrijving", "bron", NULL};
    rp_vws *v = b->v;
    sv_sheet *s = sv_sheet_load(b->schema, req, b->err);
    if (!s)
        return b->err ? b->err->code : CEO_EDATA;
    int c_id = sv_sheet_col(s, "veld"), c_label = sv_sheet_col(s, "omschrijving"),
        c_bron = sv_sheet_col(s, "bron");
    size_t n = sv_sheet_rows(s);
    ceo_status st = CEO_OK;
    if (n == 0)
        st = ceo_error_set(b->err, CEO_EDATA, b->schema, 2, 1, "the file lists no fields");
    if (st == CEO_OK && !(v->fields = ceo_calloc(n, sizeof *v->fields)))
        st = oom(b->err);
    for (size_t r = 0; st == CEO_OK && r < n; r++) {
        field *f = &v->fields[v->nfields];
        const char *id = sv_sheet_cell(s, r, c_id), *label = sv_sheet_cell(s, r, c_label);
        f->line = sv_sheet_line(s, r);
        f->bron_col = c_bron + 1;
        if (!valid_id(id)) {
            st = ceo_error_set(b->err, CEO_EDATA, b->schema, f->line, c_id + 1,
                               "veld '%s' must be a name of lower-case letters, digits and _", id);
            break;
        }
        for (size_t k = 0; k < v->nfields; k++)
            if (strcmp(v->fields[k].id, id) == 0) {
                st = ceo_error_set(b->err, CEO_EDATA, b->schema, f->line, c_id + 1,
                                   "veld '%s' is listed twice (first on line %ld)", id,
                                   v->fields[k].line);
                break;
            }
        if (st != CEO_OK)
            break;
        if (!(f->id = ceo_strdup(id)) || !(f->label = ceo_strdup(*label ? label : id)) ||
            !(f->bron = ceo_strdup(sv_sheet_cell(s, r, c_bron)))) {
            ceo_free(f->id);
            ceo_free(f->label);
            st = oom(b->err);
            break;
        }
        v->nfields++;
        char *bron = trim(f->bron);
        if (!*bron) {
            st = ceo_error_set(b->err, CEO_EDATA, b->schema, f->line, f->bron_col,
                               "veld '%s' has no bron: %s", id, bron_help);
            break;
        }
        for (char *p = bron; st == CEO_OK;) {
            size_t len = strcspn(p, "|");
            char save = p[len];
            p[len] = '\0';
            if (f->nalt == MAX_ALTS)
                st = ceo_error_set(b->err, CEO_EDATA, b->schema, f->line, f->bron_col,
                                   "a bron holds at most %d alternatives", MAX_ALTS);
            else if (!*trim(p))
                st =
                    ceo_error_set(b->err, CEO_EDATA, b->schema, f->line, f->bron_col,
                                  "an empty alternative in bron '%s'", sv_sheet_cell(s, r, c_bron));
            else
                st = parse_source(b, f, trim(p), &f->alt[f->nalt++]);
            if (!save)
                break;
            p += len + 1;
        }
    }
    sv_sheet_free(s);
    return st;
}

/* ---------- the gemeenten, their respondents, dates and themes ---------- */

static int by_name(const void *x, const void *y)
{
    const gem *a = x, *b = y;
    return strcmp(a->name, b->name);
}

static ceo_status find_gemeenten(build *b)
{
    rp_vws *v = b->v;
    int gi = sv_codebook_find(b->cb, "gemeente");
    const uint16_t *codes = gi >= 0 ? sv_table_codes(b->t, gi) : NULL;
    if (!codes)
        return ceo_error_set(b->err, CEO_EDATA, NULL, 0, 0,
                             "the VWS data are per gemeente, and the exports have no gemeente "
                             "column");
    size_t ngroups = sv_table_ngroups(b->t, gi), nrows = sv_table_rows(b->t);
    long *count = ceo_calloc(ngroups + 1, sizeof *count);
    long *slot = ceo_malloc((ngroups + 1) * sizeof *slot);
    if (!count || !slot || !(v->gems = ceo_calloc(ngroups + 1, sizeof *v->gems))) {
        ceo_free(count);
        ceo_free(slot);
        return oom(b->err);
    }
    long unplaced = 0;
    for (size_t r = 0; r < nrows; r++) {
        if (codes[r])
            count[codes[r] - 1]++;
        else
            unplaced++;
    }
    for (size_t k = 0; k < ngroups; k++)
        if (count[k] > 0) {
            gem *g = &v->gems[v->ngems++];
            g->name = sv_table_group(b->t, gi, k);
            g->group = k;
            g->respondents = count[k];
            g->first = g->last = SV_MISSING_DATE;
            g->gem_row = -1;
        }
    qsort(v->gems, v->ngems, sizeof *v->gems, by_name);
    /* group index -> sorted position, for the passes over the rows below */
    for (size_t k = 0; k < ngroups; k++)
        slot[k] = -1;
    for (size_t g = 0; g < v->ngems; g++)
        slot[v->gems[g].group] = (long)g;
    ceo_status st = CEO_OK;
    if (unplaced && warn(v, "%ld respondent%s no gemeente and %s not in the VWS data", unplaced,
                         unplaced == 1 ? " has" : "s have", unplaced == 1 ? "is" : "are") != 0)
        st = oom(b->err);

    int di = sv_codebook_find(b->cb, "datum");
    const int64_t *dates = di >= 0 ? sv_table_dates(b->t, di) : NULL;
    for (size_t r = 0; dates && r < nrows; r++) {
        if (!codes[r] || dates[r] == SV_MISSING_DATE)
            continue;
        gem *g = &v->gems[slot[codes[r] - 1]];
        if (g->first == SV_MISSING_DATE || dates[r] < g->first)
            g->first = dates[r];
        if (g->last == SV_MISSING_DATE || dates[r] > g->last)
            g->last = dates[r];
    }
    /* a theme is measured in a gemeente when someone there answered one of its statements */
    for (size_t i = 0; i < sv_codebook_nitems(b->cb); i++) {
        const sv_item *it = sv_codebook_item(b->cb, i);
        int th = *it->theme && has_proportion(it) ? theme_index(b, it->theme) : -1;
        const uint16_t *ans = th >= 0 ? sv_table_codes(b->t, (int)i) : NULL;
        if (!ans)
            continue;
        const sv_scale *sc = sv_codebook_scale(b->cb, it->scale);
        for (size_t r = 0; r < nrows; r++)
            if (codes[r] && ans[r] && sc->cats[ans[r] - 1].dir != SV_DIR_INVALID)
                v->gems[slot[codes[r] - 1]].themes |= (uint32_t)1 << th;
    }
    ceo_free(count);
    ceo_free(slot);
    return st;
}

/* The gemeente named name (compared normalised), -1 when none, -2 when out of memory. */
static long find_gem(const sv_strmap *names, sv_buf *tmp, const char *name)
{
    int g;
    if (sv_norm_value(tmp, name, strlen(name)) != 0)
        return -2;
    return sv_strmap_get(names, tmp->p, tmp->len, &g) ? g : -1;
}

static int needs(const rp_vws *v, src_kind a, src_kind b)
{
    for (size_t k = 0; k < v->nfields; k++)
        for (size_t i = 0; i < v->fields[k].nalt; i++)
            if (v->fields[k].alt[i].kind == a || v->fields[k].alt[i].kind == b)
                return 1;
    return 0;
}

/* The ids of the fields that use source kind a or b, joined, into out. */
static int field_ids(const rp_vws *v, src_kind a, src_kind b, sv_buf *out)
{
    if (sv_buf_set(out, "", 0) != 0)
        return -1;
    for (size_t k = 0; k < v->nfields; k++)
        for (size_t i = 0; i < v->fields[k].nalt; i++)
            if (v->fields[k].alt[i].kind == a || v->fields[k].alt[i].kind == b) {
                if (join(out, v->fields[k].id) != 0)
                    return -1;
                break;
            }
    return 0;
}

/* Names in a list file that match no gemeente with respondents, into *unknown. */
static int note_unknown(sv_buf *unknown, sv_strmap *seen, sv_buf *tmp, const char *name)
{
    int dummy;
    if (sv_norm_value(tmp, name, strlen(name)) != 0)
        return -1;
    if (sv_strmap_get(seen, tmp->p, tmp->len, &dummy))
        return 0;
    if (sv_strmap_put(seen, tmp->p, tmp->len, 0) != 0)
        return -1;
    return join(unknown, name);
}

/* [uitgezet] bestand: gemeente,voorziening,uitgezet; every row of a gemeente is added up. */
static ceo_status load_invited(build *b, const sv_strmap *names)
{
    rp_vws *v = b->v;
    const char *path = sv_project_path(b->proj, "uitgezet", "bestand");
    sv_buf ids = {0};
    if (!path) {
        ceo_status st = CEO_OK;
        if (field_ids(v, S_UITGEZET, S_RESPONS, &ids) != 0 ||
            warn(v, "no invited counts ([uitgezet] bestand in the project file): %s %s empty",
                 ids.p, strchr(ids.p, ',') ? "are" : "is") != 0)
            st = oom(b->err);
        sv_buf_free(&ids);
        return st;
    }
    static const char *const req[] = {"gemeente", "uitgezet", NULL};
    sv_sheet *s = sv_sheet_load(path, req, b->err);
    if (!s)
        return b->err ? b->err->code : CEO_EDATA;
    int c_g = sv_sheet_col(s, "gemeente"), c_v = sv_sheet_col(s, "voorziening"),
        c_u = sv_sheet_col(s, "uitgezet");
    sv_strmap *cells = sv_strmap_new(), *seen = sv_strmap_new();
    sv_buf key = {0}, tmp = {0}, unknown = {0}, missing = {0}, over = {0};
    ceo_status st = cells && seen ? CEO_OK : oom(b->err);
    for (size_t r = 0; st == CEO_OK && r < sv_sheet_rows(s); r++) {
        const char *g = sv_sheet_cell(s, r, c_g), *u = sv_sheet_cell(s, r, c_u);
        long line = sv_sheet_line(s, r);
        char *end;
        long n = strtol(u, &end, 10);
        int k;
        if (!*g) {
            st = ceo_error_set(b->err, CEO_EDATA, path, line, c_g + 1, "the gemeente is empty");
        } else if (!*u || *end || n < 0 || n > 100000000) {
            st = ceo_error_set(b->err, CEO_EDATA, path, line, c_u + 1,
                               "uitgezet must be a whole number of questionnaires, not '%s'", u);
        } else if (sv_norm_value(&tmp, g, strlen(g)) != 0 || sv_buf_set(&key, tmp.p, tmp.len) ||
                   sv_buf_add(&key, "\x1f", 1) ||
                   sv_norm_value(&tmp, sv_sheet_cell(s, r, c_v),
                                 strlen(sv_sheet_cell(s, r, c_v))) != 0 ||
                   sv_buf_add(&key, tmp.p, tmp.len) != 0) {
            st = oom(b->err);
        } else if (sv_strmap_get(cells, key.p, key.len, &k)) {
            st = ceo_error_set(b->err, CEO_EDATA, path, line, c_g + 1,
                               "%s%s%s is listed twice (first on line %ld)", g,
                               c_v >= 0 ? " / " : "", sv_sheet_cell(s, r, c_v),
                               sv_sheet_line(s, (size_t)k));
        } else if (sv_strmap_put(cells, key.p, key.len, (int)r) != 0) {
            st = oom(b->err);
        } else {
            long gi = find_gem(names, &tmp, g);
            if (gi == -2)
                st = oom(b->err);
            else if (gi >= 0) {
                v->gems[gi].invited += n;
                v->gems[gi].has_invited = 1;
            } else if (note_unknown(&unknown, seen, &tmp, g) != 0)
                st = oom(b->err);
        }
    }
    for (size_t g = 0; st == CEO_OK && g < v->ngems; g++) {
        const gem *m = &v->gems[g];
        if ((!m->has_invited && join(&missing, m->name) != 0) ||
            (m->has_invited && m->respondents > m->invited && join(&over, m->name) != 0))
            st = oom(b->err);
    }
    if (st == CEO_OK && missing.len &&
        (field_ids(v, S_UITGEZET, S_RESPONS, &ids) != 0 ||
         warn(v, "%s has no invited counts for %s; %s %s empty there", path, missing.p, ids.p,
              strchr(ids.p, ',') ? "are" : "is") != 0))
        st = oom(b->err);
    if (st == CEO_OK && over.len &&
        warn(v, "%s: more respondents than invited in %s", path, over.p) != 0)
        st = oom(b->err);
    if (st == CEO_OK && unknown.len &&
        warn(v, "%s lists %s, without respondents in the exports (spelled differently?)", path,
             unknown.p) != 0)
        st = oom(b->err);
    sv_buf_free(&key);
    sv_buf_free(&tmp);
    sv_buf_free(&unknown);
    sv_buf_free(&missing);
    sv_buf_free(&over);
    sv_buf_free(&ids);
    sv_strmap_free(cells);
    sv_strmap_free(seen);
    sv_sheet_free(s);
    return st;
}

/* [vws] gemeenten: gemeente plus the columns the schema takes from it. */
static ceo_status load_gemfile(build *b, const sv_strmap *names)
{
    rp_vws *v = b->v;
    const char *path = sv_project_path(b->proj, "vws", "gemeenten");
    sv_buf ids = {0};
    if (!path) {
        ceo_status st = CEO_OK;
        if (field_ids(v, S_GEMEENTE, S_GEMEENTE, &ids) != 0 ||
            warn(v, "no gemeenten file ([vws] gemeenten in the project file): %s %s empty", ids.p,
                 strchr(ids.p, ',') ? "are" : "is") != 0)
            st = oom(b->err);
        sv_buf_free(&ids);
        return st;
    }
    static const char *const req[] = {"gemeente", NULL};
    if (!(b->gemfile = sv_sheet_load(path, req, b->err)))
        return b->err ? b->err->code : CEO_EDATA;
    sv_sheet *s = b->gemfile;
    ceo_status st = CEO_OK;
    for (size_t k = 0; k < v->nfields && st == CEO_OK; k++)
        for (size_t i = 0; i < v->fields[k].nalt && st == CEO_OK; i++) {
            source *src = &v->fields[k].alt[i];
            if (src->kind == S_GEMEENTE && (src->col = sv_sheet_col(s, src->a)) < 0)
                st = ceo_error_set(
                    b->err, CEO_EDATA, b->schema, v->fields[k].line, v->fields[k].bron_col,
                    "bron 'gemeente:%s': %s has no column '%s'", src->a, path, src->a);
        }
    int c_g = sv_sheet_col(s, "gemeente");
    sv_strmap *seen = sv_strmap_new();
    sv_buf tmp = {0}, unknown = {0}, missing = {0};
    if (st == CEO_OK && !seen)
        st = oom(b->err);
    for (size_t r = 0; st == CEO_OK && r < sv_sheet_rows(s); r++) {
        const char *g = sv_sheet_cell(s, r, c_g);
        long line = sv_sheet_line(s, r);
        long gi = *g ? find_gem(names, &tmp, g) : -1;
        if (!*g)
            st = ceo_error_set(b->err, CEO_EDATA, path, line, c_g + 1, "the gemeente is empty");
        else if (gi == -2)
            st = oom(b->err);
        else if (gi >= 0 && v->gems[gi].gem_row >= 0)
            st = ceo_error_set(b->err, CEO_EDATA, path, line, c_g + 1,
                               "%s is listed twice (first on line %ld)", g,
                               sv_sheet_line(s, (size_t)v->gems[gi].gem_row));
        else if (gi >= 0)
            v->gems[gi].gem_row = (long)r;
        else if (note_unknown(&unknown, seen, &tmp, g) != 0)
            st = oom(b->err);
    }
    for (size_t g = 0; st == CEO_OK && g < v->ngems; g++)
        if (v->gems[g].gem_row < 0 && join(&missing, v->gems[g].name) != 0)
            st = oom(b->err);
    if (st == CEO_OK && missing.len &&
        (field_ids(v, S_GEMEENTE, S_GEMEENTE, &ids) != 0 ||
         warn(v, "%s has no row for %s; %s %s empty there", path, missing.p, ids.p,
              strchr(ids.p, ',') ? "are" : "is") != 0))
        st = oom(b->err);
    if (st == CEO_OK && unknown.len &&
        warn(v, "%s lists %s, without respondents in the exports (spelled differently?)", path,
             unknown.p) != 0)
        st = oom(b->err);
    sv_buf_free(&tmp);
    sv_buf_free(&unknown);
    sv_buf_free(&missing);
    sv_buf_free(&ids);
    sv_strmap_free(seen);
    return st;
}

/* ---------- the values ---------- */

static const st_row *find_row(const st_result *res, const char *group, const char *question,
                              const char *theme)
{
    for (size_t i = 0; i < st_result_count(res); i++) {
        const st_row *r = st_result_row(res, i);
        if (strcmp(r->dimension, "gemeente") == 0 && strcmp(r->group, group) == 0 &&
            strcmp(r->question, question) == 0 && (*question || strcmp(r->theme, theme) == 0))
            return r;
    }
    return NULL;
}

static void date_text(char *out, size_t n, int64_t secs)
{
    int y, m, d;
    sv_civil_from_seconds(secs, &y, &m, &d);
    snprintf(out, n, "%04d-%02d-%02d", y, m, d);
}

/* The value of one source for gemeente g into out; *num set when it is a number. */
static int eval(const build *b, const gem *g, const source *src, sv_buf *out, int *num)
{
    char buf[128] = "";
    const char *text = NULL;
    *num = 0;
    switch (src->kind) {
    case S_PROJECT:
        text = b->proj ? sv_project_get(b->proj, src->a, src->b) : NULL;
        break;
    case S_NAME:
        text = g->name;
        break;
    case S_JAAR:
        if (g->first != SV_MISSING_DATE)
            *num = rp_vws_years(buf, sizeof buf, g->first, g->last);
        break;
    case S_PERIODE:
        if (g->first != SV_MISSING_DATE) {
            char a[32], z[32];
            date_text(a, sizeof a, g->first);
            date_text(z, sizeof z, g->last);
            snprintf(buf, sizeof buf, "%s \xE2\x80\x93 %s", a, z);
        }
        break;
    case S_UITGEZET:
        if (g->has_invited) {
            snprintf(buf, sizeof buf, "%ld", g->invited);
            *num = 1;
        }
        break;
    case S_RESPONDENTEN:
        snprintf(buf, sizeof buf, "%ld", g->respondents);
        *num = 1;
        break;
    case S_RESPONS:
        if (g->has_invited && g->invited > 0) {
            fmt_num(buf, sizeof buf, 100.0 * (double)g->respondents / (double)g->invited);
            *num = 1;
        }
        break;
    case S_THEMAS: {
        if (sv_buf_set(out, "", 0) != 0)
            return -1;
        if (src->a) {
            for (const char *p = src->a; *p;) {
                size_t n = strcspn(p, "+");
                for (size_t k = 0; k < b->nthemes; k++)
                    if (strlen(b->themes[k]) == n && memcmp(b->themes[k], p, n) == 0 &&
                        (g->themes >> k & 1u) && join(out, b->themes[k]) != 0)
                        return -1;
                p += n + (p[n] ? 1 : 0);
            }
        } else {
            for (size_t k = 0; k < b->nthemes; k++)
                if ((g->themes >> k & 1u) && join(out, b->themes[k]) != 0)
                    return -1;
        }
        return 0;
    }
    case S_ITEM:
    case S_THEMA: {
        const st_row *r = src->kind == S_ITEM ? find_row(b->res, g->name, src->a, "")
                                              : find_row(b->res, g->name, "", src->a);
        if (!r || r->suppressed)
            break;
        double x = NAN;
        switch (src->fig) {
        case F_N:
            if (r->n >= 0) {
                snprintf(buf, sizeof buf, "%ld", r->n);
                *num = 1;
            }
            break;
        case F_PCT_POS:
            x = r->pct_positive;
            break;
        case F_PCT_NEG:
            x = r->pct_negative;
            break;
        case F_MEAN:
            x = r->mean;
            break;
        case F_CI_LOW:
            x = r->ci_low;
            break;
        case F_CI_HIGH:
            x = r->ci_high;
            break;
        }
        if (src->fig != F_N && !isnan(x)) {
            fmt_num(buf, sizeof buf, x);
            *num = 1;
        }
        break;
    }
    case S_GEMEENTE:
        if (b->gemfile && g->gem_row >= 0)
            text = sv_sheet_cell(b->gemfile, (size_t)g->gem_row, src->col);
        break;
    }
    if (!text)
        text = buf;
    return sv_buf_set(out, text, strlen(text));
}

static ceo_status fill(build *b)
{
    rp_vws *v = b->v;
    size_t ncells = v->ngems * v->nfields;
    v->off = ceo_malloc((ncells ? ncells : 1) * sizeof *v->off);
    v->num = ceo_calloc(ncells ? ncells : 1, 1);
    /* the arena starts with "" (offset 0, every empty value), then each value and its NUL */
    if (!v->off || !v->num || sv_buf_set(&v->arena, "", 1) != 0)
        return oom(b->err);
    sv_buf val = {0};
    ceo_status st = CEO_OK;
    for (size_t g = 0; g < v->ngems && st == CEO_OK; g++)
        for (size_t k = 0; k < v->nfields && st == CEO_OK; k++) {
            const field *f = &v->fields[k];
            int num = 0;
            if (sv_buf_set(&val, "", 0) != 0)
                st = oom(b->err);
            for (size_t i = 0; i < f->nalt && st == CEO_OK && val.len == 0; i++)
                if (eval(b, &v->gems[g], &f->alt[i], &val, &num) != 0)
                    st = oom(b->err);
            size_t cell = g * v->nfields + k;
            v->off[cell] = val.len ? v->arena.len : 0;
            v->num[cell] = (unsigned char)(val.len && num);
            if (st == CEO_OK && val.len &&
                (sv_buf_add(&v->arena, val.p, val.len) != 0 || sv_buf_add(&v->arena, "", 1) != 0))
                st = oom(b->err);
        }
    sv_buf_free(&val);
    return st;
}

/* Project settings that left a field empty, and items the exports have no column for: one
 * warning per setting or item, naming the fields. */
static ceo_status fill_warnings(build *b)
{
    rp_vws *v = b->v;
    sv_buf ids = {0};
    ceo_status st = CEO_OK;
    for (size_t k = 0; k < v->nfields && st == CEO_OK; k++)
        for (size_t i = 0; i < v->fields[k].nalt && st == CEO_OK; i++) {
            const source *src = &v->fields[k].alt[i];
            if (src->kind != S_PROJECT && src->kind != S_ITEM)
                continue;
            /* once per setting or item: at its first use */
            int first = 1;
            for (size_t k2 = 0; k2 <= k && first; k2++)
                for (size_t i2 = 0; i2 < v->fields[k2].nalt && (k2 < k || i2 < i); i2++) {
                    const source *o = &v->fields[k2].alt[i2];
                    if (o->kind == src->kind && strcmp(o->a, src->a) == 0 &&
                        (src->kind == S_ITEM || strcmp(o->b, src->b) == 0))
                        first = 0;
                }
            int missing = src->kind == S_PROJECT
                              ? !(b->proj && sv_project_get(b->proj, src->a, src->b))
                              : !sv_table_has(b->t, sv_codebook_find(b->cb, src->a));
            if (!first || !missing)
                continue;
            /* the fields that use it and stayed empty for every gemeente */
            if (sv_buf_set(&ids, "", 0) != 0)
                st = oom(b->err);
            for (size_t k2 = k; k2 < v->nfields && st == CEO_OK; k2++) {
                int uses = 0, empty = 1;
                for (size_t i2 = 0; i2 < v->fields[k2].nalt; i2++) {
                    const source *o = &v->fields[k2].alt[i2];
                    uses |= o->kind == src->kind && strcmp(o->a, src->a) == 0 &&
                            (src->kind == S_ITEM || strcmp(o->b, src->b) == 0);
                }
                for (size_t g = 0; g < v->ngems && empty; g++)
                    empty = !*rp_vws_value(v, g, k2);
                if (uses && empty && join(&ids, v->fields[k2].id) != 0)
                    st = oom(b->err);
            }
            if (st != CEO_OK || !ids.len || !v->ngems)
                continue;
            const char *verb = strchr(ids.p, ',') ? "are" : "is";
            int rc = src->kind == S_ITEM ? warn(v, "the exports have no column for %s: %s %s empty",
                                                src->a, ids.p, verb)
                     : b->proj ? warn(v, "the project file sets no [%s] %s: %s %s empty", src->a,
                                      src->b, ids.p, verb)
                               : warn(v, "no project file, so no [%s] %s: %s %s empty", src->a,
                                      src->b, ids.p, verb);
            if (rc != 0)
                st = oom(b->err);
        }
    sv_buf_free(&ids);
    return st;
}

/* ---------- the public functions ---------- */

rp_vws *rp_vws_build(const sv_table *t, const sv_project *proj, const char *schema_path, long min_n,
                     ceo_error *err)
{
    return rp_vws_build_from(t, proj, schema_path, min_n, NULL, err);
}

rp_vws *rp_vws_build_from(const sv_table *t, const sv_project *proj, const char *schema_path,
                          long min_n, const st_result *res, ceo_error *err)
{
    build b = {0};
    b.res = res;
    b.t = t;
    b.cb = sv_table_codebook(t);
    b.proj = proj;
    b.err = err;
    b.schema = schema_path ? schema_path : sv_project_path(proj, "vws", "velden");
    if (!b.schema) {
        ceo_error_set(err, CEO_EUSAGE, NULL, 0, 0, "no VWS field list (velden.csv) given");
        return NULL;
    }
    if (!b.cb) {
        ceo_error_set(err, CEO_EUSAGE, NULL, 0, 0, "the VWS data need a codebook");
        return NULL;
    }
    if (!(b.v = ceo_calloc(1, sizeof *b.v))) {
        oom(err);
        return NULL;
    }
    /* the themes of the codebook's statements, in item order */
    for (size_t i = 0; i < sv_codebook_nitems(b.cb); i++) {
        const sv_item *it = sv_codebook_item(b.cb, i);
        if (*it->theme && has_proportion(it) && theme_index(&b, it->theme) < 0 &&
            b.nthemes < MAX_THEMES)
            b.themes[b.nthemes++] = it->theme;
    }
    ceo_status st = load_schema(&b);
    if (st == CEO_OK)
        st = find_gemeenten(&b);
    sv_strmap *names = NULL;
    sv_buf tmp = {0};
    if (st == CEO_OK && !(names = sv_strmap_new()))
        st = oom(err);
    for (size_t g = 0; st == CEO_OK && g < b.v->ngems; g++) {
        const char *name = b.v->gems[g].name;
        if (sv_norm_value(&tmp, name, strlen(name)) != 0 ||
            sv_strmap_put(names, tmp.p, tmp.len, (int)g) != 0)
            st = oom(err);
    }
    sv_buf_free(&tmp);
    if (st == CEO_OK && !b.res && (needs(b.v, S_ITEM, S_THEMA))) {
        st_options so = {0};
        so.by = "gemeente";
        so.min_n = min_n > 0 ? min_n : sv_project_int(proj, "drempels", "min_n", 10);
        so.indicative_n = sv_project_int(proj, "drempels", "indicatief_n", 30);
        if (!(b.res = b.own = st_compute(t, &so, err)))
            st = err ? err->code : CEO_EDATA;
    }
    if (st == CEO_OK && needs(b.v, S_UITGEZET, S_RESPONS))
        st = load_invited(&b, names);
    if (st == CEO_OK && needs(b.v, S_GEMEENTE, S_GEMEENTE))
        st = load_gemfile(&b, names);
    if (st == CEO_OK)
        st = fill(&b);
    if (st == CEO_OK)
        st = fill_warnings(&b);
    sv_strmap_free(names);
    st_result_free(b.own);
    sv_sheet_free(b.gemfile);
    if (st != CEO_OK) {
        rp_vws_free(b.v);
        return NULL;
    }
    return b.v;
}

int rp_vws_years(char *buf, size_t size, int64_t first, int64_t last)
{
    int y1, y2, m, d;
    sv_civil_from_seconds(first, &y1, &m, &d);
    sv_civil_from_seconds(last, &y2, &m, &d);
    if (y1 == y2)
        snprintf(buf, size, "%d", y1);
    else
        snprintf(buf, size, "%d\xE2\x80\x93%d", y1, y2);
    return y1 == y2;
}

void rp_vws_free(rp_vws *v)
{
    if (!v)
        return;
    for (size_t k = 0; k < v->nfields; k++) {
        ceo_free(v->fields[k].id);
        ceo_free(v->fields[k].label);
        ceo_free(v->fields[k].bron);
    }
    for (size_t i = 0; i < v->nwarn; i++)
        ceo_free(v->warnings[i]);
    ceo_free(v->warnings);
    ceo_free(v->fields);
    ceo_free(v->gems);
    ceo_free(v->off);
    ceo_free(v->num);
    sv_buf_free(&v->arena);
    ceo_free(v);
}

size_t rp_vws_count(const rp_vws *v)
{
    return v->ngems;
}

const char *rp_vws_gemeente(const rp_vws *v, size_t g)
{
    return g < v->ngems ? v->gems[g].name : NULL;
}

size_t rp_vws_nfields(const rp_vws *v)
{
    return v->nfields;
}

const char *rp_vws_field_id(const rp_vws *v, size_t k)
{
    return k < v->nfields ? v->fields[k].id : NULL;
}

const char *rp_vws_field_label(const rp_vws *v, size_t k)
{
    return k < v->nfields ? v->fields[k].label : NULL;
}

const char *rp_vws_value(const rp_vws *v, size_t g, size_t k)
{
    if (g >= v->ngems || k >= v->nfields || !v->off)
        return "";
    return v->arena.p + v->off[g * v->nfields + k];
}

int rp_vws_is_number(const rp_vws *v, size_t g, size_t k)
{
    return g < v->ngems && k < v->nfields && v->num && v->num[g * v->nfields + k];
}

size_t rp_vws_nwarnings(const rp_vws *v)
{
    return v->nwarn;
}

const char *rp_vws_warning(const rp_vws *v, size_t i)
{
    return i < v->nwarn ? v->warnings[i] : NULL;
}

ceo_status rp_vws_csv(rp_csv *w, const rp_vws *v, ceo_error *err)
{
    for (size_t k = 0; k < v->nfields; k++)
        rp_csv_text(w, v->fields[k].id);
    rp_csv_end_row(w);
    for (size_t g = 0; g < v->ngems; g++) {
        for (size_t k = 0; k < v->nfields; k++)
            if (rp_vws_is_number(v, g, k))
                rp_csv_number_text(w, rp_vws_value(v, g, k));
            else
                rp_csv_text(w, rp_vws_value(v, g, k));
        rp_csv_end_row(w);
    }
    return rp_csv_check(w, err);
}
