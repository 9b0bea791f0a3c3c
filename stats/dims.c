/*
 * dims.c - dimensions: each respondent's group in a one-part dimension (a role, a background
 * item, the period of the date) or a crossing a+b, the groups' names and display order; and the
 * checks of a command's dimensions against the table's columns (st_dim_missing, st_dims_present).
 */
#include "statspriv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../survey/values.h"

void st_dim_free(dim *d)
{
    if (!d)
        return;
    /* ngroups is set before gnames is allocated: after a failed allocation it has no array. */
    for (size_t g = 0; d->gnames && g < d->ngroups; g++)
        ceo_free(d->gnames[g]);
    ceo_free(d->gnames);
    ceo_free(d->part_of);
    ceo_free(d->gidx);
    ceo_free(d->order);
    ceo_free(d->name);
}

/* The period of p that holds the moment secs, as the seconds [*lo, *hi) it spans. */
static void period_span(long long secs, st_period p, long long *lo, long long *hi)
{
    int y, m, d;
    sv_civil_from_seconds(secs, &y, &m, &d);
    int first = p == ST_PERIOD_MONTH ? m : p == ST_PERIOD_QUARTER ? (m - 1) / 3 * 3 + 1 : 1;
    int next = first + (p == ST_PERIOD_MONTH ? 1 : p == ST_PERIOD_QUARTER ? 3 : 12);
    *lo = sv_days_from_civil(y, first, 1) * 86400;
    *hi = next > 12 ? sv_days_from_civil(y + 1, next - 12, 1) * 86400
                    : sv_days_from_civil(y, next, 1) * 86400;
}

static const char *period_label(long long secs, st_period p, char *buf, size_t n)
{
    int y, m, d;
    sv_civil_from_seconds(secs, &y, &m, &d);
    if (p == ST_PERIOD_MONTH)
        snprintf(buf, n, "%04d-%02d", y, m);
    else if (p == ST_PERIOD_QUARTER)
        snprintf(buf, n, "%04d-K%d", y, (m - 1) / 3 + 1);
    else
        snprintf(buf, n, "%04d", y);
    return buf;
}

/* Builds a one-part dimension: group names and each respondent's group. */
ceo_status st_dim_single(const sv_table *t, const char *name, st_period period, dim *d,
                         ceo_error *err)
{
    const sv_codebook *cb = sv_table_codebook(t);
    size_t nrows = sv_table_rows(t);
    d->nparts = 1;
    if (!(d->name = ceo_strdup(name)) || !(d->gidx = ceo_malloc(nrows * sizeof *d->gidx)))
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    if (strcmp(name, "totaal") == 0) {
        d->ngroups = 1;
        if (!(d->gnames = ceo_calloc(1, sizeof *d->gnames)) ||
            !(d->gnames[0] = ceo_strdup("totaal")))
            return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t r = 0; r < nrows; r++)
            d->gidx[r] = 0;
        return CEO_OK;
    }
    /* Labels of the raw values: index 0 is "unknown"; k > 0 is value k. */
    sv_strmap *labels = sv_strmap_new();
    int *raw = ceo_malloc(nrows * sizeof *raw);
    if (!labels || !raw) {
        sv_strmap_free(labels);
        ceo_free(raw);
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    ceo_status st = CEO_OK;
    if (strcmp(name, "periode") == 0) {
        int item = sv_codebook_find(cb, "datum");
        const int64_t *dates = item >= 0 ? sv_table_dates(t, item) : NULL;
        if (!dates)
            st = ceo_error_set(err, CEO_EUSAGE, NULL, 0, 0,
                               "dimension 'periode' needs a datum column in the export");
        else if (period == ST_PERIOD_NONE)
            st = ceo_error_set_about(err, ST_ABOUT_PERIOD, CEO_EUSAGE, NULL, 0, 0,
                                     "dimension 'periode' needs the length of a period");
        char buf[32];
        /* rows come mostly in date order: the label is formatted and looked up only when a
         * row's date lies outside the period of the row before's */
        long long lo = 0, hi = 0; /* that period's seconds; none at first */
        int last_v = 0;
        for (size_t r = 0; st == CEO_OK && r < nrows; r++) {
            if (dates[r] == SV_MISSING_DATE) {
                raw[r] = -1;
                continue;
            }
            if (dates[r] >= lo && dates[r] < hi) {
                raw[r] = last_v;
                continue;
            }
            period_span(dates[r], period, &lo, &hi);
            period_label(dates[r], period, buf, sizeof buf);
            int v;
            if (!sv_strmap_get(labels, buf, strlen(buf), &v)) {
                v = (int)sv_strmap_count(labels);
                if (sv_strmap_put(labels, buf, strlen(buf), v) != 0)
                    st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            }
            raw[r] = last_v = v;
        }
    } else {
        int item = sv_codebook_find(cb, name);
        const sv_item *it = item >= 0 ? sv_codebook_item(cb, (size_t)item) : NULL;
        const uint16_t *codes = item >= 0 ? sv_table_codes(t, item) : NULL;
        if (!it || (it->type != SV_T_CATEGORIE && it->type != SV_T_ENKEL &&
                    it->type != SV_T_LIKERT && it->type != SV_T_JANEE))
            st = ceo_error_set(err, CEO_EUSAGE, NULL, 0, 0,
                               "'%s' is no dimension: use gemeente, aanbieder, voorziening, "
                               "periode or a single-choice question",
                               name);
        else if (!codes)
            st = ceo_error_set(err, CEO_EUSAGE, NULL, 0, 0,
                               "dimension '%s': the export has no such column", name);
        size_t nvals = 0;
        if (st == CEO_OK)
            nvals = it->type == SV_T_CATEGORIE ? sv_table_ngroups(t, item)
                                               : sv_codebook_scale(cb, it->scale)->ncats;
        for (size_t k = 0; st == CEO_OK && k < nvals; k++) {
            const char *lab = it->type == SV_T_CATEGORIE
                                  ? sv_table_group(t, item, k)
                                  : sv_codebook_scale(cb, it->scale)->cats[k].label;
            if (sv_strmap_put(labels, lab, strlen(lab), (int)k) != 0)
                st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        }
        for (size_t r = 0; st == CEO_OK && r < nrows; r++)
            raw[r] = codes[r] ? codes[r] - 1 : -1;
    }
    /* Only values that occur become groups, plus ST_UNKNOWN_GROUP when some respondent has none. */
    size_t nlab = st == CEO_OK ? sv_strmap_count(labels) : 0;
    int *map = ceo_malloc((nlab + 1) * sizeof *map);
    if (st == CEO_OK && !map)
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == CEO_OK) {
        for (size_t k = 0; k <= nlab; k++)
            map[k] = -1;
        for (size_t r = 0; r < nrows; r++)
            map[raw[r] < 0 ? nlab : (size_t)raw[r]] = 0;
        size_t g = 0;
        for (size_t k = 0; k <= nlab; k++)
            if (map[k] == 0)
                map[k] = (int)g++;
        d->ngroups = g;
        d->gnames = ceo_calloc(g ? g : 1, sizeof *d->gnames);
        if (!d->gnames)
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t k = 0; st == CEO_OK && k <= nlab; k++) {
            if (map[k] < 0)
                continue;
            /* The labels map holds each label once, at the index of its value. */
            const char *lab = ST_UNKNOWN_GROUP;
            for (size_t i = 0; k < nlab && i < nlab; i++) {
                int v;
                const char *key = sv_strmap_key(labels, i, NULL, &v);
                if ((size_t)v == k) {
                    lab = key;
                    break;
                }
            }
            if (!(d->gnames[map[k]] = ceo_strdup(lab)))
                st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        }
        for (size_t r = 0; st == CEO_OK && r < nrows; r++)
            d->gidx[r] = map[raw[r] < 0 ? nlab : (size_t)raw[r]];
    }
    ceo_free(map);
    ceo_free(raw);
    sv_strmap_free(labels);
    return st;
}

/* qsort has no context argument: the dimension being sorted, one per thread. */
static _Thread_local const dim *sort_dim;

static int by_name(const void *x, const void *y)
{
    const char *a = sort_dim->gnames[*(const size_t *)x], *b = sort_dim->gnames[*(const size_t *)y];
    int ua = strstr(a, ST_UNKNOWN_GROUP) != NULL, ub = strstr(b, ST_UNKNOWN_GROUP) != NULL;
    if (ua != ub)
        return ua - ub; /* unknown groups last */
    return strcmp(a, b);
}

static ceo_status dim_order(dim *d, ceo_error *err)
{
    d->order = ceo_malloc((d->ngroups ? d->ngroups : 1) * sizeof *d->order);
    if (!d->order)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t g = 0; g < d->ngroups; g++)
        d->order[g] = g;
    sort_dim = d;
    qsort(d->order, d->ngroups, sizeof *d->order, by_name);
    sort_dim = NULL;
    return CEO_OK;
}

/* A crossing a+b: groups are the combinations that occur. */
static ceo_status dim_cross(const dim *a, const dim *b, const char *name, size_t nrows, dim *d,
                            ceo_error *err)
{
    d->nparts = 2;
    size_t combos = a->ngroups * b->ngroups;
    int *map = ceo_malloc((combos ? combos : 1) * sizeof *map);
    if (!(d->name = ceo_strdup(name)) || !(d->gidx = ceo_malloc(nrows * sizeof *d->gidx)) || !map) {
        ceo_free(map);
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t k = 0; k < combos; k++)
        map[k] = -1;
    size_t g = 0;
    for (size_t r = 0; r < nrows; r++) {
        size_t k = (size_t)a->gidx[r] * b->ngroups + (size_t)b->gidx[r];
        if (map[k] < 0)
            map[k] = (int)g++;
        d->gidx[r] = map[k];
    }
    d->ngroups = g;
    d->gnames = ceo_calloc(g ? g : 1, sizeof *d->gnames);
    d->part_of = ceo_malloc((g ? g : 1) * 2 * sizeof *d->part_of);
    if (!d->gnames || !d->part_of) {
        ceo_free(map);
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t k = 0; k < combos; k++) {
        if (map[k] < 0)
            continue;
        size_t ia = k / b->ngroups, ib = k % b->ngroups;
        size_t len = strlen(a->gnames[ia]) + strlen(b->gnames[ib]) + 4;
        char *s = ceo_malloc(len);
        if (!s) {
            ceo_free(map);
            return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        }
        snprintf(s, len, "%s + %s", a->gnames[ia], b->gnames[ib]);
        d->gnames[map[k]] = s;
        d->part_of[2 * (size_t)map[k]] = (long)ia;
        d->part_of[2 * (size_t)map[k] + 1] = (long)ib;
    }
    ceo_free(map);
    return CEO_OK;
}

/* The one-part dimension of pp named name (n bytes), or NULL. pp's dimensions are built by
 * st_dim_single from the same table and period as the run's (st_pp_build). */
static const dim *pp_part(const pubpop *pp, const char *name, size_t n)
{
    int i = st_pp_dim(pp, name, n);
    return i >= 0 ? &pp->dims[i] : NULL;
}

/* d as a copy of the one-part dimension src. */
static ceo_status dim_copy(const dim *src, size_t nrows, dim *d, ceo_error *err)
{
    d->nparts = 1;
    d->ngroups = src->ngroups;
    if (!(d->name = ceo_strdup(src->name)) ||
        !(d->gidx = ceo_malloc((nrows ? nrows : 1) * sizeof *d->gidx)) ||
        !(d->gnames = ceo_calloc(src->ngroups ? src->ngroups : 1, sizeof *d->gnames)))
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    memcpy(d->gidx, src->gidx, nrows * sizeof *d->gidx);
    for (size_t g = 0; g < src->ngroups; g++)
        if (!(d->gnames[g] = ceo_strdup(src->gnames[g])))
            return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    return CEO_OK;
}

/* A part of a crossing: pp's when it has it, else built into own. */
static const dim *part(const sv_table *t, const char *name, size_t n, st_period period,
                       const pubpop *pp, dim *own, ceo_status *st, ceo_error *err)
{
    const dim *d = pp_part(pp, name, n);
    if (d)
        return d;
    char buf[128];
    if (name[n] != '\0') /* the left part of a+b */
        snprintf(buf, sizeof buf, "%.*s", (int)n, name);
    *st = st_dim_single(t, name[n] != '\0' ? buf : name, period, own, err);
    return own;
}

ceo_status st_dim_build(const sv_table *t, const char *spec, st_period period, const pubpop *pp,
                        dim *d, ceo_error *err)
{
    const char *plus = strchr(spec, '+');
    if (!plus) {
        const dim *have = pp_part(pp, spec, strlen(spec));
        ceo_status st = have ? dim_copy(have, sv_table_rows(t), d, err)
                             : st_dim_single(t, spec, period, d, err);
        return st == CEO_OK ? dim_order(d, err) : st;
    }
    if (strchr(plus + 1, '+'))
        return ceo_error_set(err, CEO_EUSAGE, NULL, 0, 0, "'%s': a crossing has two parts (a+b)",
                             spec);
    dim a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    ceo_status st = CEO_OK;
    const dim *pa = part(t, spec, (size_t)(plus - spec), period, pp, &a, &st, err);
    const dim *pb =
        st == CEO_OK ? part(t, plus + 1, strlen(plus + 1), period, pp, &b, &st, err) : NULL;
    if (st == CEO_OK)
        st = dim_cross(pa, pb, spec, sv_table_rows(t), d, err);
    if (st == CEO_OK)
        st = dim_order(d, err);
    st_dim_free(&a);
    st_dim_free(&b);
    return st;
}

/* Appends the n bytes at s to the comma list in buf (size bytes); 0, or -1 when it does not fit. */
static int list_add(char *buf, size_t size, const char *s, size_t n)
{
    size_t len = strlen(buf);
    if (len + (len > 0) + n + 1 > size)
        return -1;
    if (len)
        buf[len++] = ',';
    memcpy(buf + len, s, n);
    buf[len + n] = '\0';
    return 0;
}

const char *st_dim_missing(const sv_table *t, const char *by, char *out, size_t size)
{
    const sv_codebook *cb = sv_table_codebook(t);
    for (const char *p = by; p && *p;) {
        size_t n = strcspn(p, ",+");
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)n, p);
        char *trim = name;
        while (*trim == ' ')
            trim++;
        int item = sv_codebook_find(cb, trim);
        if (item >= 0 && !sv_table_has(t, item)) {
            snprintf(out, size, "%s", trim);
            return out;
        }
        p += n;
        if (*p)
            p++;
    }
    *out = '\0';
    return NULL;
}

const char *st_dims_present(const sv_table *t, const char *by, const char *needed, char *buf,
                            size_t size, char *left_out, size_t lsize)
{
    const sv_codebook *cb = sv_table_codebook(t);
    if (!size || !lsize)
        return NULL;
    buf[0] = left_out[0] = '\0';
    for (const char *tok = by; tok && *tok;) {
        const char *end = strchr(tok, ',');
        size_t n = end ? (size_t)(end - tok) : strlen(tok);
        int keep_it = 1;
        for (const char *p = tok; p < tok + n;) {
            const char *plus = memchr(p, '+', (size_t)(tok + n - p));
            size_t pn = plus ? (size_t)(plus - p) : (size_t)(tok + n - p);
            while (pn && *p == ' ')
                p++, pn--;
            while (pn && p[pn - 1] == ' ')
                pn--;
            char role[64];
            int item = -1;
            if (pn && pn < sizeof role && ceo_list_has(ST_OPTIONAL_ROLES, p, pn) &&
                !(needed && ceo_list_has(needed, p, pn))) {
                memcpy(role, p, pn);
                role[pn] = '\0';
                item = sv_codebook_find(cb, role);
            }
            if (item >= 0 && !sv_table_has(t, item)) {
                keep_it = 0;
                if (!ceo_list_has(left_out, p, pn) && list_add(left_out, lsize, p, pn) != 0)
                    return NULL;
            }
            p = plus ? plus + 1 : tok + n;
        }
        if (keep_it && n && list_add(buf, size, tok, n) != 0)
            return NULL;
        tok = end ? end + 1 : NULL;
    }
    return buf;
}
