/*
 * vws.c - the VWS accounting data: per gemeente the fields the field list names, each filled
 * from the source its bron names (vwsschema.c reads the list, vwsinput.c the project's files).
 *
 * Figures are taken from the one st_compute run by gemeente the caller hands in: what `ceo
 * stats --by gemeente` suppresses is empty here too, so the two outputs can never be combined
 * to recover a hidden figure. Warnings are collected, for the caller to show; nothing is
 * printed here. Values live in one arena, addressed by offsets because the arena moves while
 * it grows.
 */
#include "vws.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../survey/values.h"
#include "vwspriv.h"

/* ---------- small helpers ---------- */

ceo_status st_vws_oom(ceo_error *err)
{
    return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
}

int st_vws_warn(st_vws *v, const char *fmt, ...)
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

int st_vws_join(sv_buf *b, const char *s)
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

int st_vws_theme_index(const st_vws *v, const char *id)
{
    for (size_t k = 0; k < v->nthemes; k++)
        if (strcmp(v->themes[k], id) == 0)
            return (int)k;
    return -1;
}

int st_vws_has_proportion(const sv_item *it)
{
    return it->type == SV_T_LIKERT || it->type == SV_T_JANEE;
}

/* ---------- the gemeenten, their respondents, dates and themes ---------- */

static int by_name(const void *x, const void *y)
{
    const gem *a = x, *b = y;
    return strcmp(a->name, b->name);
}

static ceo_status find_gemeenten(st_vws *v, ceo_error *err)
{
    int gi = sv_codebook_find(v->cb, "gemeente");
    const uint16_t *codes = gi >= 0 ? sv_table_codes(v->t, gi) : NULL;
    if (!codes)
        return ceo_error_set(err, CEO_EDATA, NULL, 0, 0,
                             "the VWS data are per gemeente, and the exports have no gemeente "
                             "column");
    size_t ngroups = sv_table_ngroups(v->t, gi), nrows = sv_table_rows(v->t);
    long *count = ceo_calloc(ngroups + 1, sizeof *count);
    long *slot = ceo_malloc((ngroups + 1) * sizeof *slot);
    if (!count || !slot || !(v->gems = ceo_calloc(ngroups + 1, sizeof *v->gems))) {
        ceo_free(count);
        ceo_free(slot);
        return st_vws_oom(err);
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
            g->name = sv_table_group(v->t, gi, k);
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
    if (unplaced &&
        st_vws_warn(v, "%ld respondent%s no gemeente and %s not in the VWS data", unplaced,
                    unplaced == 1 ? " has" : "s have", unplaced == 1 ? "is" : "are") != 0)
        st = st_vws_oom(err);

    int di = sv_codebook_find(v->cb, "datum");
    const int64_t *dates = di >= 0 ? sv_table_dates(v->t, di) : NULL;
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
    for (size_t i = 0; i < sv_codebook_nitems(v->cb); i++) {
        const sv_item *it = sv_codebook_item(v->cb, i);
        int th = *it->theme && st_vws_has_proportion(it) ? st_vws_theme_index(v, it->theme) : -1;
        const uint16_t *ans = th >= 0 ? sv_table_codes(v->t, (int)i) : NULL;
        if (!ans)
            continue;
        const sv_scale *sc = sv_codebook_scale(v->cb, it->scale);
        for (size_t r = 0; r < nrows; r++)
            if (codes[r] && ans[r] && sc->cats[ans[r] - 1].dir != SV_DIR_INVALID)
                v->gems[slot[codes[r] - 1]].themes |= (uint32_t)1 << th;
    }
    ceo_free(count);
    ceo_free(slot);
    return st;
}

int st_vws_needs(const st_vws *v, src_kind a, src_kind b)
{
    for (size_t k = 0; k < v->nfields; k++)
        for (size_t i = 0; i < v->fields[k].nalt; i++)
            if (v->fields[k].alt[i].kind == a || v->fields[k].alt[i].kind == b)
                return 1;
    return 0;
}

int st_vws_field_ids(const st_vws *v, src_kind a, src_kind b, sv_buf *out)
{
    if (sv_buf_set(out, "", 0) != 0)
        return -1;
    for (size_t k = 0; k < v->nfields; k++)
        for (size_t i = 0; i < v->fields[k].nalt; i++)
            if (v->fields[k].alt[i].kind == a || v->fields[k].alt[i].kind == b) {
                if (st_vws_join(out, v->fields[k].id) != 0)
                    return -1;
                break;
            }
    return 0;
}

/* ---------- the values ---------- */

static const st_row *find_row(const st_result *res, const char *group, const char *question,
                              const char *theme)
{
    if (!res)
        return NULL;
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
static int eval(const st_vws *v, const gem *g, const source *src, sv_buf *out, int *num)
{
    char buf[128] = "";
    const char *text = NULL;
    *num = 0;
    switch (src->kind) {
    case S_PROJECT:
        text = v->proj ? sv_project_get(v->proj, src->a, src->b) : NULL;
        break;
    case S_NAME:
        text = g->name;
        break;
    case S_JAAR:
        if (g->first != SV_MISSING_DATE)
            *num = st_vws_years(buf, sizeof buf, g->first, g->last);
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
                for (size_t k = 0; k < v->nthemes; k++)
                    if (strlen(v->themes[k]) == n && memcmp(v->themes[k], p, n) == 0 &&
                        (g->themes >> k & 1u) && st_vws_join(out, v->themes[k]) != 0)
                        return -1;
                p += n + (p[n] ? 1 : 0);
            }
        } else {
            for (size_t k = 0; k < v->nthemes; k++)
                if ((g->themes >> k & 1u) && st_vws_join(out, v->themes[k]) != 0)
                    return -1;
        }
        return 0;
    }
    case S_ITEM:
    case S_THEMA: {
        const st_row *r = src->kind == S_ITEM ? find_row(v->res, g->name, src->a, "")
                                              : find_row(v->res, g->name, "", src->a);
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
        if (v->gemfile && g->gem_row >= 0)
            text = sv_sheet_cell(v->gemfile, (size_t)g->gem_row, src->col);
        break;
    }
    if (!text)
        text = buf;
    return sv_buf_set(out, text, strlen(text));
}

static ceo_status fill(st_vws *v, ceo_error *err)
{
    size_t ncells = v->ngems * v->nfields;
    v->off = ceo_malloc((ncells ? ncells : 1) * sizeof *v->off);
    v->num = ceo_calloc(ncells ? ncells : 1, 1);
    /* the arena starts with "" (offset 0, every empty value), then each value and its NUL */
    if (!v->off || !v->num || sv_buf_set(&v->arena, "", 1) != 0)
        return st_vws_oom(err);
    sv_buf val = {0};
    ceo_status st = CEO_OK;
    for (size_t g = 0; g < v->ngems && st == CEO_OK; g++)
        for (size_t k = 0; k < v->nfields && st == CEO_OK; k++) {
            const field *f = &v->fields[k];
            int num = 0;
            if (sv_buf_set(&val, "", 0) != 0)
                st = st_vws_oom(err);
            for (size_t i = 0; i < f->nalt && st == CEO_OK && val.len == 0; i++)
                if (eval(v, &v->gems[g], &f->alt[i], &val, &num) != 0)
                    st = st_vws_oom(err);
            size_t cell = g * v->nfields + k;
            v->off[cell] = val.len ? v->arena.len : 0;
            v->num[cell] = (unsigned char)(val.len && num);
            if (st == CEO_OK && val.len &&
                (sv_buf_add(&v->arena, val.p, val.len) != 0 || sv_buf_add(&v->arena, "", 1) != 0))
                st = st_vws_oom(err);
        }
    sv_buf_free(&val);
    return st;
}

/* Project settings that left a field empty, and items the exports have no column for: one
 * warning per setting or item, naming the fields. */
static ceo_status fill_warnings(st_vws *v, ceo_error *err)
{
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
                              ? !(v->proj && sv_project_get(v->proj, src->a, src->b))
                              : !sv_table_has(v->t, sv_codebook_find(v->cb, src->a));
            if (!first || !missing)
                continue;
            /* the fields that use it and stayed empty for every gemeente */
            if (sv_buf_set(&ids, "", 0) != 0)
                st = st_vws_oom(err);
            for (size_t k2 = k; k2 < v->nfields && st == CEO_OK; k2++) {
                int uses = 0, empty = 1;
                for (size_t i2 = 0; i2 < v->fields[k2].nalt; i2++) {
                    const source *o = &v->fields[k2].alt[i2];
                    uses |= o->kind == src->kind && strcmp(o->a, src->a) == 0 &&
                            (src->kind == S_ITEM || strcmp(o->b, src->b) == 0);
                }
                for (size_t g = 0; g < v->ngems && empty; g++)
                    empty = !*st_vws_value(v, g, k2);
                if (uses && empty && st_vws_join(&ids, v->fields[k2].id) != 0)
                    st = st_vws_oom(err);
            }
            if (st != CEO_OK || !ids.len || !v->ngems)
                continue;
            const char *verb = strchr(ids.p, ',') ? "are" : "is";
            int rc = src->kind == S_ITEM
                         ? st_vws_warn(v, "the exports have no column for %s: %s %s empty", src->a,
                                       ids.p, verb)
                     : v->proj ? st_vws_warn(v, "the project file sets no [%s] %s: %s %s empty",
                                             src->a, src->b, ids.p, verb)
                               : st_vws_warn(v, "no project file, so no [%s] %s: %s %s empty",
                                             src->a, src->b, ids.p, verb);
            if (rc != 0)
                st = st_vws_oom(err);
        }
    sv_buf_free(&ids);
    return st;
}

/* ---------- the public functions ---------- */

st_vws *st_vws_new(const sv_table *t, const sv_project *proj, const char *schema_path,
                   ceo_error *err)
{
    const sv_codebook *cb = sv_table_codebook(t);
    const char *schema = schema_path ? schema_path : sv_project_path(proj, "vws", "velden");
    if (!schema) {
        ceo_error_set(err, CEO_EUSAGE, NULL, 0, 0, "no VWS field list (velden.csv) given");
        return NULL;
    }
    if (!cb) {
        ceo_error_set(err, CEO_EUSAGE, NULL, 0, 0, "the VWS data need a codebook");
        return NULL;
    }
    st_vws *v = ceo_calloc(1, sizeof *v);
    if (!v || !(v->schema = ceo_strdup(schema))) {
        ceo_free(v);
        st_vws_oom(err);
        return NULL;
    }
    v->t = t;
    v->cb = cb;
    v->proj = proj;
    /* the themes of the codebook's statements, in item order */
    for (size_t i = 0; i < sv_codebook_nitems(cb); i++) {
        const sv_item *it = sv_codebook_item(cb, i);
        if (*it->theme && st_vws_has_proportion(it) && st_vws_theme_index(v, it->theme) < 0 &&
            v->nthemes < ST_VWS_MAX_THEMES)
            v->themes[v->nthemes++] = it->theme;
    }
    ceo_status st = st_vws_load_schema(v, err);
    if (st == CEO_OK)
        st = find_gemeenten(v, err);
    sv_buf tmp = {0};
    if (st == CEO_OK && !(v->names = sv_strmap_new()))
        st = st_vws_oom(err);
    for (size_t g = 0; st == CEO_OK && g < v->ngems; g++) {
        const char *name = v->gems[g].name;
        if (sv_norm_value(&tmp, name, strlen(name)) != 0 ||
            sv_strmap_put(v->names, tmp.p, tmp.len, (int)g) != 0)
            st = st_vws_oom(err);
    }
    sv_buf_free(&tmp);
    if (st != CEO_OK) {
        st_vws_free(v);
        return NULL;
    }
    return v;
}

int st_vws_needs_figures(const st_vws *v)
{
    return st_vws_needs(v, S_ITEM, S_THEMA);
}

void st_vws_figure_options(const sv_project *proj, long min_n, st_options *so)
{
    *so = (st_options){0};
    so->by = "gemeente";
    so->min_n = st_min_n(proj, min_n);
    so->indicative_n = st_indicative_n(proj);
}

ceo_status st_vws_fill(st_vws *v, const st_result *figures, ceo_error *err)
{
    ceo_status st = CEO_OK;
    v->res = figures;
    if (st_vws_needs(v, S_UITGEZET, S_RESPONS))
        st = st_vws_load_invited(v, err);
    if (st == CEO_OK && st_vws_needs(v, S_GEMEENTE, S_GEMEENTE))
        st = st_vws_load_gemfile(v, err);
    if (st == CEO_OK)
        st = fill(v, err);
    if (st == CEO_OK)
        st = fill_warnings(v, err);
    /* what the values were taken from is the caller's, or no longer needed */
    v->res = NULL;
    v->t = NULL;
    v->proj = NULL;
    sv_strmap_free(v->names);
    v->names = NULL;
    sv_sheet_free(v->gemfile);
    v->gemfile = NULL;
    return st;
}

int st_vws_years(char *buf, size_t size, int64_t first, int64_t last)
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

void st_vws_free(st_vws *v)
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
    sv_strmap_free(v->names);
    sv_sheet_free(v->gemfile);
    ceo_free(v->schema);
    ceo_free(v);
}

size_t st_vws_count(const st_vws *v)
{
    return v->ngems;
}

const char *st_vws_gemeente(const st_vws *v, size_t g)
{
    return g < v->ngems ? v->gems[g].name : NULL;
}

size_t st_vws_nfields(const st_vws *v)
{
    return v->nfields;
}

const char *st_vws_field_id(const st_vws *v, size_t k)
{
    return k < v->nfields ? v->fields[k].id : NULL;
}

const char *st_vws_field_label(const st_vws *v, size_t k)
{
    return k < v->nfields ? v->fields[k].label : NULL;
}

const char *st_vws_value(const st_vws *v, size_t g, size_t k)
{
    if (g >= v->ngems || k >= v->nfields || !v->off)
        return "";
    return v->arena.p + v->off[g * v->nfields + k];
}

int st_vws_is_number(const st_vws *v, size_t g, size_t k)
{
    return g < v->ngems && k < v->nfields && v->num && v->num[g * v->nfields + k];
}

size_t st_vws_nwarnings(const st_vws *v)
{
    return v->nwarn;
}

const char *st_vws_warning(const st_vws *v, size_t i)
{
    return i < v->nwarn ? v->warnings[i] : NULL;
}
