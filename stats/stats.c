/*
 * stats.c - counts per group and category, then the figures of DESIGN.md's "Definitions".
 *
 * Each dimension gives every respondent a group index once; each question is then one pass
 * over its coded column, adding to per-group counters (no string work, no allocation per
 * respondent). Before that, per question, the respondents of every group below min_n in the
 * publication's dimensions are left out of all figures (pubpop: the small group is in no sum,
 * and every other group keeps its figures); rows are then made from the counters, the small
 * groups hidden (primary), and in a crossing complementary cells chosen so that no hidden
 * count is determined to within ST_PROTECT_WIDTH (hypercube). Theme rows are hidden with any
 * of their items. docs/METHODS.md ("Disclosure control") has the model and the audit of the tests.
 *
 * On a large table the passes of a dimension (one per question and per theme) run side by
 * side on a few threads, each pass whole on one thread, so every sum is added in the same
 * order as on one thread; the rows are then made in order on the caller's thread.
 */
#include "stats.h"

#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/strmap.h"
#include "../survey/values.h"
#include "dist.h"

#define UNKNOWN_GROUP "(onbekend)"

struct st_result {
    st_row *rows;
    size_t n, cap;
    char **strings; /* everything the rows point to that the result owns */
    size_t nstr, str_cap;
    sv_strmap *index; /* "dimension US group US question US theme" -> first row; NULL: none */
    size_t nall;      /* respondents in the table: the sample the design-based variances use */
    int weighted;     /* tests and intervals are design-based (weights on) */
    size_t H;         /* post-strata (0: weights only) */
    long *strata_n;   /* respondents per post-stratum, H of them */
};

typedef struct {
    char *name;
    int nparts;
    size_t ngroups;
    char **gnames;
    long *part_of; /* for crossings: per group, the group index within each part (2 per group) */
    int *gidx;     /* per respondent */
    size_t *order; /* display order of groups */
} dim;

/* ---------- result bookkeeping ---------- */

static char *keep(st_result *r, char *s)
{
    if (!s || ceo_grow((void **)&r->strings, &r->str_cap, r->nstr + 1, sizeof *r->strings)) {
        ceo_free(s);
        return NULL;
    }
    r->strings[r->nstr++] = s;
    return s;
}

/* Keeps "a:b" (or "a" when b is NULL) as a string owned by the result. */
static char *keep_join(st_result *r, const char *a, const char *b)
{
    size_t n = strlen(a) + (b ? strlen(b) + 1 : 0) + 1;
    char *s = ceo_malloc(n);
    if (!s)
        return NULL;
    if (b)
        snprintf(s, n, "%s:%s", a, b);
    else
        snprintf(s, n, "%s", a);
    return keep(r, s);
}

static st_row *new_row(st_result *r)
{
    if (ceo_grow((void **)&r->rows, &r->cap, r->n + 1, sizeof *r->rows) != 0)
        return NULL;
    st_row *row = &r->rows[r->n++];
    memset(row, 0, sizeof *row);
    row->pct_positive = row->ci_low = row->ci_high = row->pct_negative = NAN;
    row->mean = row->median = row->n_effective = NAN;
    row->p_vs_rest = row->q_vs_rest = NAN;
    row->test = "";
    row->suppression = "";
    row->prev_n = -1;
    row->prev_value = row->p_vs_prev = row->q_vs_prev = row->sd = NAN;
    row->w_sum = row->lin_ss = NAN;
    row->test_prev = "";
    row->theme = "";
    return row;
}

void st_result_free(st_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        ceo_free(r->rows[i].distribution);
        ceo_free(r->rows[i].strata_sums);
    }
    ceo_free(r->strata_n);
    for (size_t i = 0; i < r->nstr; i++)
        ceo_free(r->strings[i]);
    ceo_free(r->strings);
    ceo_free(r->rows);
    sv_strmap_free(r->index);
    ceo_free(r);
}

size_t st_result_count(const st_result *r)
{
    return r->n;
}

const st_row *st_result_row(const st_result *r, size_t i)
{
    return &r->rows[i];
}

/* Writes the lookup key of a row into buf; returns its length, or 0 when it does not fit. */
static size_t row_key(char *buf, size_t size, const char *dimension, const char *group,
                      const char *question, const char *theme)
{
    int n = snprintf(buf, size, "%s\x1F%s\x1F%s\x1F%s", dimension, group, question, theme);
    return n > 0 && (size_t)n < size ? (size_t)n : 0;
}

/* Indexes the rows for st_result_find; without the index (out of memory) it scans. */
static void build_index(st_result *r)
{
    sv_strmap *m = sv_strmap_new();
    char key[1024];
    for (size_t i = 0; m && i < r->n; i++) {
        const st_row *w = &r->rows[i];
        size_t len = row_key(key, sizeof key, w->dimension, w->group, w->question, w->theme);
        int v;
        if (len == 0 || sv_strmap_get(m, key, len, &v))
            continue;
        if (sv_strmap_put(m, key, len, (int)i) != 0) {
            sv_strmap_free(m);
            m = NULL;
        }
    }
    r->index = m;
}

const st_row *st_result_find(const st_result *r, const char *dimension, const char *group,
                             const char *question, const char *theme)
{
    if (!r)
        return NULL;
    char key[1024];
    size_t len = group ? row_key(key, sizeof key, dimension, group, question, theme) : 0;
    int v;
    if (r->index && len)
        return sv_strmap_get(r->index, key, len, &v) ? &r->rows[v] : NULL;
    for (size_t i = 0; i < r->n; i++) {
        const st_row *w = &r->rows[i];
        if (strcmp(w->dimension, dimension) == 0 && (!group || strcmp(w->group, group) == 0) &&
            strcmp(w->question, question) == 0 && strcmp(w->theme, theme) == 0)
            return w;
    }
    return NULL;
}

/* ---------- dimensions ---------- */

static void dim_free(dim *d)
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
static ceo_status dim_single(const sv_table *t, const char *name, st_period period, dim *d,
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
        if (!dates || period == ST_PERIOD_NONE)
            st = ceo_error_set(err, CEO_EUSAGE, NULL, 0, 0,
                               dates ? "dimension 'periode' needs --period month|quarter|year"
                                     : "dimension 'periode' needs a datum column in the export");
        char buf[32];
        for (size_t r = 0; st == CEO_OK && r < nrows; r++) {
            if (dates[r] == SV_MISSING_DATE) {
                raw[r] = -1;
                continue;
            }
            period_label(dates[r], period, buf, sizeof buf);
            int v;
            if (!sv_strmap_get(labels, buf, strlen(buf), &v)) {
                v = (int)sv_strmap_count(labels);
                if (sv_strmap_put(labels, buf, strlen(buf), v) != 0)
                    st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            }
            raw[r] = v;
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
    /* Only values that occur become groups, plus "(onbekend)" when some respondent has none. */
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
            const char *lab = UNKNOWN_GROUP;
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
    int ua = strstr(a, UNKNOWN_GROUP) != NULL, ub = strstr(b, UNKNOWN_GROUP) != NULL;
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

static ceo_status dim_build(const sv_table *t, const char *spec, st_period period, dim *d,
                            ceo_error *err)
{
    const char *plus = strchr(spec, '+');
    if (!plus)
        return dim_single(t, spec, period, d, err) == CEO_OK ? dim_order(d, err)
                                                             : (err ? err->code : CEO_EUSAGE);
    if (strchr(plus + 1, '+'))
        return ceo_error_set(err, CEO_EUSAGE, NULL, 0, 0, "'%s': a crossing has two parts (a+b)",
                             spec);
    char left[128];
    snprintf(left, sizeof left, "%.*s", (int)(plus - spec), spec);
    dim a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    ceo_status st = dim_single(t, left, period, &a, err);
    if (st == CEO_OK)
        st = dim_single(t, plus + 1, period, &b, err);
    if (st == CEO_OK)
        st = dim_cross(&a, &b, spec, sv_table_rows(t), d, err);
    if (st == CEO_OK)
        st = dim_order(d, err);
    dim_free(&a);
    dim_free(&b);
    return st;
}

/* ---------- per-question accumulation ---------- */

typedef struct {
    double *w; /* per respondent weight, NULL when unweighted */
    long min_n, ind_n;
} ctx;

typedef struct {
    long n;         /* unweighted valid answers */
    long pos, neg;  /* unweighted */
    double sw, sw2; /* weights over the valid answers */
    double wpos, wneg;
    double wpos2; /* squared weights over the positives */
    long *cnt;    /* per category, unweighted, all categories */
} catacc;

typedef struct {
    long n;
    double sw, sw2, swy; /* sum w, sum w^2, sum w y */
    double w2y, w2y2;    /* sum w^2 y, sum w^2 y^2: for the linearised variance */
    double sum, sum2;    /* unweighted, for the tests */
    long pos, neg;       /* for scores: 9-10 and 0-6 */
    double wpos, wneg;
    double wpos2;  /* squared weights of the 9-10 answers: the interval of % 9-10 */
    double median; /* of the group's values (set when n > 0) */
} numacc;

/* The sum of w^2 (y - p)^2 over a valid base of 0/1 answers y with weighted share p: the
 * positives' squared weights sw2pos, all squared weights sw2. */
static double prop_ss(double p, double sw2pos, double sw2)
{
    return (1 - p) * (1 - p) * sw2pos + p * p * (sw2 - sw2pos);
}

/* Unweighted: Wilson on n. Weighted: the Korn-Graubard interval (svyciprop, method "beta") on
 * the design's effective n, p (1 - p) / var(p), var(p) by linearisation with the group as a
 * domain of the whole sample of nall respondents; when every answer or none is positive that
 * variance is 0 and Kish's effective n of the group stands in for it. */
static void fill_cat_row(st_row *row, const catacc *a, int weighted, size_t nall, double corr)
{
    row->n = a->n;
    if (a->n == 0)
        return;
    double p = a->wpos / a->sw, q = a->wneg / a->sw;
    double neff = weighted ? a->sw * a->sw / a->sw2 : (double)a->n;
    row->n_effective = neff;
    row->pct_positive = 100 * p;
    row->pct_negative = 100 * q;
    row->w_sum = a->sw;
    row->lin_ss = prop_ss(p, a->wpos2, a->sw2) - corr;
    double lo, hi;
    if (!weighted) {
        st_wilson(p, neff, &lo, &hi);
    } else {
        double N = (double)nall, v = N / (N - 1) * row->lin_ss / (a->sw * a->sw);
        double ne = a->pos > 0 && a->pos < a->n && v > 0 ? p * (1 - p) / v : neff;
        st_korn_graubard(a->pos == 0 ? 0 : a->pos == a->n ? 1 : p, ne, &lo, &hi);
    }
    row->ci_low = 100 * lo;
    row->ci_high = 100 * hi;
}

/* Puts the k-th smallest of v[0..n) (0-based, no NaN) at v[k], the smaller ones before it and
 * the larger ones after, and returns it. Quickselect with a three-way partition, so that the
 * many equal values of a mark column cost one pass each: linear time, where sorting a column
 * of a million marks for its median was the slowest step of the statistics. */
static double select_kth(double *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n; /* the k-th lies in v[lo..hi) */
    while (hi - lo > 1) {
        double a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi - 1];
        double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        size_t lt = lo, i = lo, gt = hi; /* [lo,lt) < pivot, [lt,i) == pivot, [gt,hi) > */
        while (i < gt) {
            double x = v[i];
            if (x < pivot) {
                v[i++] = v[lt];
                v[lt++] = x;
            } else if (x > pivot) {
                v[i] = v[--gt];
                v[gt] = x;
            } else {
                i++;
            }
        }
        if (k < lt)
            hi = lt;
        else if (k >= gt)
            lo = gt;
        else
            return v[k]; /* v[k] == pivot */
    }
    return v[k];
}

#define SMALL_SLOTS 21 /* the values 0, 0.5, 1, ..., 10 have their medians counted */

/* The median of v[0..n), n > 0; reorders v. */
static double median_of(double *v, size_t n)
{
    double hi = select_kth(v, n, n / 2);
    if (n % 2)
        return hi;
    double lo = v[0]; /* the largest of the lower half */
    for (size_t i = 1; i < n / 2; i++)
        if (v[i] > lo)
            lo = v[i];
    return (lo + hi) / 2;
}

/* nall is the number of respondents in the table: a weighted group mean is a domain estimate
 * of the whole sample (as survey::svymean on a subset of the design). */
static void fill_num_row(st_row *row, const numacc *a, int weighted, size_t nall, int is_score,
                         double corr)
{
    row->n = a->n;
    if (a->n == 0)
        return;
    double mean = a->swy / a->sw;
    row->mean = mean;
    row->n_effective = weighted ? a->sw * a->sw / a->sw2 : (double)a->n;
    row->w_sum = a->sw;
    row->lin_ss = a->w2y2 - 2 * mean * a->w2y + mean * mean * a->sw2 - corr;
    if (a->n >= 2) {
        double se;
        if (weighted) {
            /* Linearisation with weights only, the group as a domain of the whole sample of
             * N respondents: se^2 = N/(N-1) * sum(w^2 (y - mean)^2) / (sum w)^2 */
            double ss = row->lin_ss;
            double N = (double)nall;
            se = sqrt(N / (N - 1) * (ss > 0 ? ss : 0)) / a->sw;
        } else {
            double var = (a->sum2 - a->sum * a->sum / (double)a->n) / (double)(a->n - 1);
            se = sqrt(var > 0 ? var : 0) / sqrt((double)a->n);
        }
        double tq = st_qt(0.975, (double)(a->n - 1));
        row->ci_low = mean - tq * se;
        row->ci_high = mean + tq * se;
    }
    if (is_score) {
        row->pct_positive = 100 * a->wpos / a->sw;
        row->pct_negative = 100 * a->wneg / a->sw;
    }
    row->median = a->median;
}

/* ---------- building rows ---------- */

typedef struct {
    size_t first, count; /* rows of one (dimension, question) over all groups, in row order */
} block;

static char *distribution(const sv_scale *sc, const long *cnt)
{
    size_t len = 1;
    for (size_t i = 0; i < sc->ncats; i++)
        len += strlen(sc->cats[i].id) + 24;
    char *s = ceo_malloc(len);
    if (!s)
        return NULL;
    size_t o = 0;
    s[0] = '\0';
    for (size_t i = 0; i < sc->ncats; i++)
        o += (size_t)snprintf(s + o, len - o, "%s%s:%ld", i ? "|" : "", sc->cats[i].id, cnt[i]);
    return s;
}

/* The tests of dist.h; they leave *p and *test alone when a side is too small to test. */
static void two_prop(long x1, long n1, long x2, long n2, double *p, const char **test)
{
    if (n1 > 0 && n2 > 0)
        *p = st_two_prop_test(x1, n1, x2, n2, test);
}

static void welch(double m1, double v1, long n1, double m2, double v2, long n2, double *p,
                  const char **test)
{
    double v = st_welch_test(m1, v1, n1, m2, v2, n2, test);
    if (!isnan(v))
        *p = v;
}

/* The group's positives against the rest of the region. */
static void test_vs_rest(st_row *row, long x1, long n1, long X, long N)
{
    two_prop(x1, n1, X - x1, N - n1, &row->p_vs_rest, &row->test);
}

/* Weighted sums of a valid base, for the design-based tests: weights w, w * y, w^2, w^2 y and
 * w^2 y^2, with y the 0/1 answer of a proportion or the number. */
typedef struct {
    long n;
    double w, wy, w2, w2y, w2y2;
} wsums;

static double wsums_ss(const wsums *s, double m)
{
    return s->w2y2 - 2 * m * s->w2y + m * m * s->w2;
}

/* Post-stratified: the post-strata's share of the variance of two domain estimates m1, m2,
 * sum over the strata of d1 d2 / n_h with d = sum(w y) - m sum(w) in the stratum; ab1 and ab2
 * hold (sum w, sum w y) per stratum. With the same domain twice it is what the post-strata take
 * from its sum of w^2 (y - m)^2; between two domains it ties them (st_design_t_test's cross). */
static double strata_share(const double *ab1, double m1, const double *ab2, double m2,
                           const long *nh, size_t H)
{
    double s = 0;
    for (size_t h = 0; h < H; h++)
        if (nh[h] > 0)
            s += (ab1[2 * h + 1] - m1 * ab1[2 * h]) * (ab2[2 * h + 1] - m2 * ab2[2 * h]) /
                 (double)nh[h];
    return s;
}

/* Weighted: the group against the rest of the region (all minus the group) by svyttest. With
 * post-strata, abg and aball hold the group's and the region's sums per stratum, and res the
 * strata's sizes. */
static void design_vs_rest(st_row *row, const wsums *g, const wsums *all, size_t nall,
                           const double *abg, const double *aball, const st_result *res)
{
    wsums r = {all->n - g->n,   all->w - g->w,     all->wy - g->wy,
               all->w2 - g->w2, all->w2y - g->w2y, all->w2y2 - g->w2y2};
    if (g->n < 1 || r.n < 1 || !(g->w > 0) || !(r.w > 0))
        return;
    double m1 = g->wy / g->w, m2 = r.wy / r.w;
    double ss1 = wsums_ss(g, m1), ss2 = wsums_ss(&r, m2), cross = 0;
    if (abg && aball && res->H) {
        double c1 = 0, c2 = 0, c12 = 0;
        for (size_t h = 0; h < res->H; h++) {
            double n = (double)res->strata_n[h];
            if (!(n > 0))
                continue;
            double d1 = abg[2 * h + 1] - m1 * abg[2 * h];
            double d2 = (aball[2 * h + 1] - abg[2 * h + 1]) - m2 * (aball[2 * h] - abg[2 * h]);
            c1 += d1 * d1 / n;
            c2 += d2 * d2 / n;
            c12 += d1 * d2 / n;
        }
        ss1 -= c1;
        ss2 -= c2;
        cross = 2 * c12 / (g->w * r.w);
    }
    double p =
        st_design_t_test(m1, ss1, g->w, g->n, m2, ss2, r.w, r.n, cross, (double)nall, &row->test);
    if (!isnan(p))
        row->p_vs_rest = p;
}

/* The sums of a proportion's valid base: y is 0/1, so w^2 y = w^2 y^2 = the positives'. */
static wsums prop_sums(long n, double sw, double wpos, double sw2, double wpos2)
{
    wsums s = {n, sw, wpos, sw2, wpos2, wpos2};
    return s;
}

static double var_of(double sum, double sum2, long n)
{
    return n >= 2 ? (sum2 - sum * sum / (double)n) / (double)(n - 1) : NAN;
}

static void welch_vs_rest(st_row *row, const numacc *g, const numacc *all)
{
    long n1 = g->n, n2 = all->n - g->n;
    if (n1 < 2 || n2 < 2)
        return;
    double s1 = g->sum, s2 = all->sum - g->sum;
    welch(s1 / (double)n1, var_of(s1, g->sum2, n1), n1, s2 / (double)n2,
          var_of(s2, all->sum2 - g->sum2, n2), n2, &row->p_vs_rest, &row->test);
}

static int is_question(const sv_item *it)
{
    if (strcmp(it->section, "rol") == 0 || strcmp(it->section, "contact") == 0)
        return 0;
    return it->type != SV_T_ID && it->type != SV_T_DATUM && it->type != SV_T_CATEGORIE;
}

int st_tested_item(const sv_item *it)
{
    if (!is_question(it) || strcmp(it->section, "achtergrond") == 0)
        return 0;
    return it->type == SV_T_LIKERT || it->type == SV_T_JANEE || it->type == SV_T_CIJFER ||
           it->type == SV_T_SCORE;
}

/* Clears what a suppressed row must not show; n is kept until now because the slice logic of
 * the secondary suppression needs it. */
static void blank(st_row *row)
{
    row->n = -1;
    row->indicative = 0;
    row->n_effective = NAN;
    row->pct_positive = row->ci_low = row->ci_high = row->pct_negative = NAN;
    row->mean = row->median = NAN;
    row->p_vs_rest = NAN;
    row->test = "";
    row->positives = 0;
    row->sd = row->w_sum = row->lin_ss = NAN;
    ceo_free(row->distribution);
    row->distribution = NULL;
    ceo_free(row->strata_sums);
    row->strata_sums = NULL;
}

/* ---------- disclosure control: the published population ---------- */

/* A group below min_n is protected by leaving its respondents out of every figure of the run
 * (docs/METHODS.md ("Disclosure control")): per question, a respondent counts only when none of
 * their groups in the protected dimensions (gemeente, aanbieder, voorziening when the export has
 * them, and every one-part dimension asked for) is small. Leaving respondents out can make
 * another group small, so this repeats until nothing changes. Every figure of the run, the
 * region's and each crossing's included, is then over the same respondents: the hidden
 * groups appear in no sum, and no group with min_n or more loses its own figures to another
 * group's smallness. A slot is a question (by item index) or a theme (after the items). */

#define PP_MAX_DIMS 8
#define PP_MAX_THEMES 16

typedef struct {
    int ndims;
    dim dims[PP_MAX_DIMS];
    size_t off[PP_MAX_DIMS + 1]; /* group k of dim i is flag off[i] + k of a slot */
    size_t nitems, nslots, nthemes;
    const char *themes[PP_MAX_THEMES];
    unsigned char **out; /* per slot: the groups left out, NULL when none */
    unsigned char **ex;  /* per slot: the respondents left out, NULL when none */
    uint16_t **codes;    /* per item: the codes with those left out as missing, or NULL */
    double **nums;
    uint32_t **multi;
} pubpop;

static void pubpop_free(pubpop *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->ndims; i++)
        dim_free(&p->dims[i]);
    for (size_t s = 0; s < p->nslots; s++) {
        ceo_free(p->out ? p->out[s] : NULL);
        ceo_free(p->ex ? p->ex[s] : NULL);
    }
    for (size_t i = 0; i < p->nitems; i++) {
        ceo_free(p->codes ? p->codes[i] : NULL);
        ceo_free(p->nums ? p->nums[i] : NULL);
        ceo_free(p->multi ? p->multi[i] : NULL);
    }
    ceo_free(p->out);
    ceo_free(p->ex);
    ceo_free(p->codes);
    ceo_free(p->nums);
    ceo_free(p->multi);
    ceo_free(p);
}

/* The protected dimension's index for a one-part dimension's name, or -1. */
static int pp_dim(const pubpop *p, const char *name, size_t len)
{
    for (int i = 0; p && i < p->ndims; i++)
        if (strlen(p->dims[i].name) == len && strncmp(p->dims[i].name, name, len) == 0)
            return i;
    return -1;
}

/* Whether group g of protected dimension i is left out in slot s. */
static int pp_out(const pubpop *p, size_t s, int i, size_t g)
{
    return p && i >= 0 && s < p->nslots && p->out[s] && p->out[s][p->off[i] + g];
}

/* Per respondent, whether they answered item i at all (any) and validly (valid): the base of
 * the item's figures and of its distribution. */
static void pp_answers(const sv_table *t, const sv_codebook *cb, size_t i, unsigned char *any,
                       unsigned char *valid)
{
    const sv_item *it = sv_codebook_item(cb, i);
    size_t nrows = sv_table_rows(t);
    switch (sv_type_answer(it->type)) {
    case SV_ANSWER_SCALE: {
        const sv_scale *sc = sv_codebook_scale(cb, it->scale);
        const uint16_t *c = sv_table_codes(t, (int)i);
        for (size_t r = 0; r < nrows; r++) {
            any[r] = c[r] != 0;
            valid[r] = c[r] && c[r] <= sc->ncats && sc->cats[c[r] - 1].dir != SV_DIR_INVALID;
        }
        break;
    }
    case SV_ANSWER_OPTIONS: {
        const uint32_t *m = sv_table_multi(t, (int)i);
        for (size_t r = 0; r < nrows; r++)
            any[r] = valid[r] = (m[r] & SV_MULTI_ANSWERED) != 0;
        break;
    }
    case SV_ANSWER_NUMBER: {
        const double *v = sv_table_numbers(t, (int)i);
        for (size_t r = 0; r < nrows; r++)
            any[r] = valid[r] = !isnan(v[r]);
        break;
    }
    default: {
        const uint16_t *c = sv_table_codes(t, (int)i);
        for (size_t r = 0; r < nrows; r++)
            any[r] = valid[r] = c[r] != 0;
        break;
    }
    }
}

/* Leaves out, in slot s, every group below min_n and its respondents, until none is left;
 * out starts with the groups already known to be out (a theme's: its items'). Returns 0, or
 * -1 out of memory. */
static int pp_settle(pubpop *p, size_t s, const unsigned char *any, const unsigned char *valid,
                     size_t nrows, long min_n)
{
    size_t total = p->off[p->ndims];
    long *na = ceo_calloc(total + 1, sizeof *na), *nv = ceo_calloc(total + 1, sizeof *nv);
    unsigned char *out = p->out[s] ? p->out[s] : ceo_calloc(total + 1, 1);
    unsigned char *ex = ceo_calloc(nrows ? nrows : 1, 1);
    if (!na || !nv || !out || !ex) {
        ceo_free(na);
        ceo_free(nv);
        if (out != p->out[s])
            ceo_free(out);
        ceo_free(ex);
        return -1;
    }
    int changed = 1, anyout = 0;
    while (changed) {
        changed = 0;
        for (size_t r = 0; r < nrows; r++) {
            ex[r] = 0;
            for (int i = 0; i < p->ndims && !ex[r]; i++)
                ex[r] = out[p->off[i] + (size_t)p->dims[i].gidx[r]];
        }
        memset(na, 0, total * sizeof *na);
        memset(nv, 0, total * sizeof *nv);
        for (size_t r = 0; r < nrows; r++) {
            if (ex[r] || !any[r])
                continue;
            for (int i = 0; i < p->ndims; i++) {
                na[p->off[i] + (size_t)p->dims[i].gidx[r]]++;
                nv[p->off[i] + (size_t)p->dims[i].gidx[r]] += valid[r];
            }
        }
        for (size_t k = 0; k < total; k++)
            if (!out[k] && na[k] > 0 && nv[k] < min_n)
                out[k] = changed = 1;
    }
    for (size_t k = 0; k < total; k++)
        anyout |= out[k];
    ceo_free(na);
    ceo_free(nv);
    if (!anyout) {
        ceo_free(out);
        ceo_free(ex);
        p->out[s] = NULL;
        p->ex[s] = NULL;
        return 0;
    }
    p->out[s] = out;
    p->ex[s] = ex;
    return 0;
}

/* The item's column with the respondents left out as missing. Returns 0, or -1. */
static int pp_mask_item(pubpop *p, const sv_table *t, const sv_codebook *cb, size_t i)
{
    const unsigned char *ex = p->ex[i];
    size_t nrows = sv_table_rows(t);
    switch (sv_type_answer(sv_codebook_item(cb, i)->type)) {
    case SV_ANSWER_OPTIONS: {
        const uint32_t *m = sv_table_multi(t, (int)i);
        if (!(p->multi[i] = ceo_malloc((nrows ? nrows : 1) * sizeof *m)))
            return -1;
        for (size_t r = 0; r < nrows; r++)
            p->multi[i][r] = ex[r] ? 0 : m[r];
        return 0;
    }
    case SV_ANSWER_NUMBER: {
        const double *v = sv_table_numbers(t, (int)i);
        if (!(p->nums[i] = ceo_malloc((nrows ? nrows : 1) * sizeof *v)))
            return -1;
        for (size_t r = 0; r < nrows; r++)
            p->nums[i][r] = ex[r] ? NAN : v[r];
        return 0;
    }
    default: {
        const uint16_t *c = sv_table_codes(t, (int)i);
        if (!(p->codes[i] = ceo_malloc((nrows ? nrows : 1) * sizeof *c)))
            return -1;
        for (size_t r = 0; r < nrows; r++)
            p->codes[i][r] = ex[r] ? 0 : c[r];
        return 0;
    }
    }
}

/* ---------- the computation ---------- */

typedef struct {
    const sv_table *t;
    const sv_codebook *cb;
    const st_options *opt;
    const double *w; /* NULL when unweighted */
    st_result *res;
    ceo_error *err;
    size_t nrows;
    const int *cell;  /* post-stratum per respondent, NULL: none (res->H strata) */
    const pubpop *pp; /* the published population; NULL while it is being found */
} job;

/* A new copy of the 2 H sums per stratum of group g at ab + g * 2 H, or of their sum over G
 * groups when g is G; NULL (and nothing to free) without post-strata. *fail is set when out of
 * memory. */
static double *strata_copy(const job *j, const double *ab, size_t g, size_t G, int *fail)
{
    size_t H = j->res->H;
    if (!H || !ab)
        return NULL;
    double *v = ceo_calloc(2 * H, sizeof *v);
    if (!v) {
        *fail = 1;
        return NULL;
    }
    for (size_t k = g < G ? g : 0; k < (g < G ? g + 1 : G); k++)
        for (size_t i = 0; i < 2 * H; i++)
            v[i] += ab[k * 2 * H + i];
    return v;
}

/* What the post-strata take from the row's sum of w^2 (y - m)^2, m = wy / w (0 without). */
static double strata_corr(const job *j, const st_row *row, double wy, double w)
{
    if (!row->strata_sums || !(w > 0))
        return 0;
    double m = wy / w;
    return strata_share(row->strata_sums, m, row->strata_sums, m, j->res->strata_n, j->res->H);
}

/* Post-strata: per group and stratum the sums (w, w y) of a proportion, y = 1 for a chosen
 * answer, into a new array of G * 2 H (NULL without post-strata; *fail when out of memory).
 * base and chosen hold weights per group, stratum and category: for a scale question both are
 * the weights per answer (the base its valid answers, y its positive ones, or option o of an
 * enkel question); for a multiple-choice option c, the base and the chosen. */
static double *strata_props(const job *j, const double *base, const double *chosen, size_t G,
                            size_t C, const sv_scale *sc, int enkel, size_t o, int multi, int *fail)
{
    size_t H = j->res->H;
    if (!H || !base)
        return NULL;
    double *ab = ceo_calloc(G * 2 * H, sizeof *ab);
    if (!ab) {
        *fail = 1;
        return NULL;
    }
    for (size_t g = 0; g < G; g++)
        for (size_t h = 0; h < H; h++) {
            const double *b = base + (g * H + h) * C, *x = chosen + (g * H + h) * C;
            double *v = ab + g * 2 * H + 2 * h;
            if (multi) {
                v[0] = b[o];
                v[1] = x[o];
                continue;
            }
            for (size_t c = 0; c < C; c++) {
                if (sc->cats[c].dir == SV_DIR_INVALID)
                    continue;
                v[0] += b[c];
                if (enkel ? c == o : sc->cats[c].dir == SV_DIR_POSITIVE)
                    v[1] += x[c];
            }
        }
    return ab;
}

static double weight(const job *j, size_t r)
{
    return j->w ? j->w[r] : 1.0;
}

static const uint16_t *item_codes(const job *j, int item)
{
    return j->pp && j->pp->codes[item] ? j->pp->codes[item] : sv_table_codes(j->t, item);
}

static const double *item_numbers(const job *j, int item)
{
    return j->pp && j->pp->nums[item] ? j->pp->nums[item] : sv_table_numbers(j->t, item);
}

static const uint32_t *item_multi(const job *j, int item)
{
    return j->pp && j->pp->multi[item] ? j->pp->multi[item] : sv_table_multi(j->t, item);
}

/* The slot of a theme, or (size_t)-1. */
static size_t pp_theme_slot(const pubpop *p, const char *theme)
{
    for (size_t k = 0; p && k < p->nthemes; k++)
        if (strcmp(p->themes[k], theme) == 0)
            return p->nitems + k;
    return (size_t)-1;
}

/* What one pass over the respondents leaves for the rows of a question or a theme, per group
 * by group index (not display order), plus the whole region where the tests need it. Which
 * arrays are set depends on the kind of question; tally_free frees whichever are. */
typedef struct {
    long *cnt;        /* scale, meer: per group and category, then the whole region */
    double *wc;       /* scale, meer: the weights per group and category */
    double *w2;       /* scale: squared weights over the valid answers, per group */
    double *w2c;      /* scale, meer: squared weights per group and category (chosen option) */
    double *hc, *hb;  /* post-strata: weights per group, stratum and category (meer: chosen,
                         and hb the base); numbers: hc holds sum w, sum w y per group and
                         stratum */
    long *n;          /* meer: those who answered and were asked the option, per group and
                         option, then the whole region per option, then all who answered;
                         tekst, theme: per group */
    double *sw, *sw2; /* meer: their weights, per group and option */
    numacc *acc;      /* numbers: per group (with its median), then the whole region */
} tally;

static void tally_free(tally *tl)
{
    ceo_free(tl->cnt);
    ceo_free(tl->wc);
    ceo_free(tl->w2);
    ceo_free(tl->w2c);
    ceo_free(tl->hc);
    ceo_free(tl->hb);
    ceo_free(tl->n);
    ceo_free(tl->sw);
    ceo_free(tl->sw2);
    ceo_free(tl->acc);
    memset(tl, 0, sizeof *tl);
}

/* The tally_* functions read the table and the dimension and write only their tally and err,
 * so that they can run on any thread; each adds its sums in row order. */

/* Counts of a scale question (likert, janee) or an enkel question per group and category. */
static ceo_status tally_scale(const job *j, const dim *d, int item, tally *tl, ceo_error *err)
{
    const sv_item *it = sv_codebook_item(j->cb, (size_t)item);
    const sv_scale *sc = sv_codebook_scale(j->cb, it->scale);
    const uint16_t *codes = item_codes(j, item);
    size_t G = d->ngroups, C = sc->ncats;
    long *cnt = tl->cnt = ceo_calloc(G * C + C, sizeof *cnt); /* last C: the whole region */
    double *wc = tl->wc = ceo_calloc(G * C, sizeof *wc);
    double *w2 = tl->w2 = ceo_calloc(G, sizeof *w2);
    double *w2c = tl->w2c = ceo_calloc(G * C, sizeof *w2c);
    size_t H = j->cell ? j->res->H : 0;
    double *hc = tl->hc = H ? ceo_calloc(G * H * C, sizeof *hc) : NULL;
    if (!cnt || !wc || !w2 || !w2c || (H && !hc))
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    if (j->w) {
        for (size_t r = 0; r < j->nrows; r++) {
            if (!codes[r])
                continue;
            size_t g = (size_t)d->gidx[r], c = codes[r] - 1u;
            double w = j->w[r];
            cnt[g * C + c]++;
            cnt[G * C + c]++;
            wc[g * C + c] += w;
            w2c[g * C + c] += w * w;
            if (hc)
                hc[(g * H + (size_t)j->cell[r]) * C + c] += w;
            if (sc->cats[c].dir != SV_DIR_INVALID)
                w2[g] += w * w;
        }
    } else {
        /* Unweighted, the common case: only counts in the pass over the respondents; the
         * whole region and the weight sums (each weight 1) follow from them. */
        for (size_t r = 0; r < j->nrows; r++)
            if (codes[r])
                cnt[(size_t)d->gidx[r] * C + codes[r] - 1u]++;
        for (size_t g = 0; g < G; g++)
            for (size_t c = 0; c < C; c++) {
                long k = cnt[g * C + c];
                cnt[G * C + c] += k;
                wc[g * C + c] = w2c[g * C + c] = (double)k;
                if (sc->cats[c].dir != SV_DIR_INVALID)
                    w2[g] += (double)k;
            }
    }
    return CEO_OK;
}

/* Rows of a scale question (likert, janee) or of each option of an enkel question. */
static ceo_status scale_rows(job *j, const dim *d, int item, const tally *tl, size_t *first,
                             size_t *count)
{
    const sv_item *it = sv_codebook_item(j->cb, (size_t)item);
    const sv_scale *sc = sv_codebook_scale(j->cb, it->scale);
    size_t G = d->ngroups, C = sc->ncats;
    const long *cnt = tl->cnt;
    const double *wc = tl->wc, *w2 = tl->w2, *w2c = tl->w2c;
    int enkel = it->type == SV_T_ENKEL;
    size_t nopts = enkel ? C : 1;
    ceo_status st = CEO_OK;
    *first = j->res->n;
    *count = 0;
    for (size_t o = 0; o < nopts && st == CEO_OK; o++) {
        if (enkel && sc->cats[o].dir == SV_DIR_INVALID)
            continue;
        /* whole-region positives for the tests, counted and weighted */
        long X = 0, N = 0;
        double aw = 0, awpos = 0, aw2 = 0, aw2pos = 0;
        for (size_t c = 0; c < C; c++) {
            if (sc->cats[c].dir == SV_DIR_INVALID)
                continue;
            int pos = enkel ? c == o : sc->cats[c].dir == SV_DIR_POSITIVE;
            N += cnt[G * C + c];
            if (pos)
                X += cnt[G * C + c];
            for (size_t g = 0; j->w && g < G; g++) {
                aw += wc[g * C + c];
                aw2 += w2c[g * C + c];
                awpos += pos ? wc[g * C + c] : 0;
                aw2pos += pos ? w2c[g * C + c] : 0;
            }
        }
        wsums all = prop_sums(N, aw, awpos, aw2, aw2pos);
        int fail = 0;
        double *ab = strata_props(j, tl->hc, tl->hc, G, C, sc, enkel, o, 0, &fail);
        double *aball = strata_copy(j, ab, G, G, &fail);
        const char *q = enkel ? keep_join(j->res, it->id, sc->cats[o].id) : it->id;
        if (!q || fail)
            st = ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t i = 0; i < G && st == CEO_OK; i++) {
            size_t g = d->order[i];
            st_row *row = new_row(j->res);
            if (!row) {
                st = ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
                break;
            }
            row->dimension = d->name;
            row->group = d->gnames[g];
            row->question = q;
            row->theme = enkel ? "" : it->theme;
            catacc a;
            memset(&a, 0, sizeof a);
            a.sw2 = w2[g];
            for (size_t c = 0; c < C; c++) {
                if (sc->cats[c].dir == SV_DIR_INVALID)
                    continue;
                a.n += cnt[g * C + c];
                a.sw += wc[g * C + c];
                int pos = enkel ? c == o : sc->cats[c].dir == SV_DIR_POSITIVE;
                int neg = !enkel && sc->cats[c].dir == SV_DIR_NEGATIVE;
                a.pos += pos ? cnt[g * C + c] : 0;
                a.wpos += pos ? wc[g * C + c] : 0;
                a.wneg += neg ? wc[g * C + c] : 0;
                a.wpos2 += pos ? w2c[g * C + c] : 0;
            }
            row->strata_sums = strata_copy(j, ab, g, G, &fail);
            fill_cat_row(row, &a, j->w != NULL, j->nrows, strata_corr(j, row, a.wpos, a.sw));
            row->positives = a.pos;
            if (enkel)
                row->pct_negative = NAN;
            if (fail || (!enkel && !(row->distribution = distribution(sc, cnt + g * C))))
                st = ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            if (strcmp(d->name, "totaal") != 0 && !j->w) {
                test_vs_rest(row, a.pos, a.n, X, N);
            } else if (strcmp(d->name, "totaal") != 0) {
                wsums gs = prop_sums(a.n, a.sw, a.wpos, a.sw2, a.wpos2);
                design_vs_rest(row, &gs, &all, j->nrows, row->strata_sums, aball, j->res);
            }
            (*count)++;
        }
        ceo_free(ab);
        ceo_free(aball);
    }
    return st;
}

/* Counts and weights of a multi-select question per group and option. An option the export
 * did not ask (sv_table_multi_unasked) is left out of that respondent's base for the option:
 * neither chosen nor not chosen. */
static ceo_status tally_multi(const job *j, const dim *d, int item, tally *tl, ceo_error *err)
{
    const sv_item *it = sv_codebook_item(j->cb, (size_t)item);
    const sv_scale *sc = sv_codebook_scale(j->cb, it->scale);
    const uint32_t *m = item_multi(j, item), *unasked = sv_table_multi_unasked(j->t, item);
    size_t G = d->ngroups, C = sc->ncats;
    long *n = tl->n = ceo_calloc((G + 1) * C + 1, sizeof *n);
    long *cnt = tl->cnt = ceo_calloc((G + 1) * C, sizeof *cnt);
    double *sw = tl->sw = ceo_calloc(G * C, sizeof *sw);
    double *sw2 = tl->sw2 = ceo_calloc(G * C, sizeof *sw2);
    double *wc = tl->wc = ceo_calloc(G * C, sizeof *wc);
    double *w2c = tl->w2c = ceo_calloc(G * C, sizeof *w2c);
    size_t H = j->cell ? j->res->H : 0;
    double *hb = tl->hb = H ? ceo_calloc(G * H * C, sizeof *hb) : NULL;
    double *hc = tl->hc = H ? ceo_calloc(G * H * C, sizeof *hc) : NULL;
    if (!n || !cnt || !sw || !sw2 || !wc || !w2c || (H && (!hb || !hc)))
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t r = 0; r < j->nrows; r++) {
        if (!(m[r] & SV_MULTI_ANSWERED))
            continue;
        size_t g = (size_t)d->gidx[r];
        double w = weight(j, r);
        n[(G + 1) * C]++;
        if (unasked) {
            for (size_t c = 0; c < C; c++) {
                if (c < 31 && (unasked[r] & (1u << c)))
                    continue;
                n[g * C + c]++;
                n[G * C + c]++;
                sw[g * C + c] += w;
                sw2[g * C + c] += w * w;
            }
        } else { /* every option asked: the base is the question's, kept in option 0's slot */
            n[g * C]++;
            sw[g * C] += w;
            sw2[g * C] += w * w;
        }
        for (size_t c = 0; c < C && c < 31; c++)
            if (m[r] & (1u << c)) {
                cnt[g * C + c]++;
                cnt[G * C + c]++;
                wc[g * C + c] += w;
                w2c[g * C + c] += w * w;
            }
        for (size_t c = 0; hb && c < C; c++) {
            if (unasked && c < 31 && (unasked[r] & (1u << c)))
                continue;
            size_t k = ((size_t)g * H + (size_t)j->cell[r]) * C + c;
            hb[k] += w;
            if (c < 31 && (m[r] & (1u << c)))
                hc[k] += w;
        }
    }
    if (!unasked) {
        n[G * C] = n[(G + 1) * C];
        for (size_t g = 0; g <= G; g++)
            for (size_t c = 1; c < C; c++) {
                n[g * C + c] = n[g * C];
                if (g < G) {
                    sw[g * C + c] = sw[g * C];
                    sw2[g * C + c] = sw2[g * C];
                }
            }
    }
    return CEO_OK;
}

/* Rows of each option of a multi-select question: % of those who answered and were asked it
 * that chose it. An option asked of none of those who answered has no rows: like a question
 * the export lacks, it was not asked (a group whose respondents were not asked it has n 0). */
static ceo_status multi_rows(job *j, const dim *d, int item, const tally *tl, size_t *first,
                             size_t *count)
{
    const sv_item *it = sv_codebook_item(j->cb, (size_t)item);
    const sv_scale *sc = sv_codebook_scale(j->cb, it->scale);
    size_t G = d->ngroups, C = sc->ncats;
    const long *n = tl->n, *cnt = tl->cnt;
    const double *sw = tl->sw, *sw2 = tl->sw2, *wc = tl->wc, *w2c = tl->w2c;
    ceo_status st = CEO_OK;
    *first = j->res->n;
    *count = 0;
    for (size_t c = 0; c < C && st == CEO_OK; c++) {
        if (n[G * C + c] == 0 && n[(G + 1) * C] > 0)
            continue;
        const char *q = keep_join(j->res, it->id, sc->cats[c].id);
        if (!q)
            st = ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        double aw = 0, awpos = 0, aw2 = 0, aw2pos = 0;
        for (size_t g = 0; j->w && g < G; g++) {
            aw += sw[g * C + c];
            aw2 += sw2[g * C + c];
            awpos += wc[g * C + c];
            aw2pos += w2c[g * C + c];
        }
        wsums all = prop_sums(n[G * C + c], aw, awpos, aw2, aw2pos);
        int fail = 0;
        double *ab = strata_props(j, tl->hb, tl->hc, G, C, sc, 0, c, 1, &fail);
        double *aball = strata_copy(j, ab, G, G, &fail);
        if (fail)
            st = ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t i = 0; i < G && st == CEO_OK; i++) {
            size_t g = d->order[i];
            st_row *row = new_row(j->res);
            if (!row) {
                st = ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
                break;
            }
            row->dimension = d->name;
            row->group = d->gnames[g];
            row->question = q;
            catacc a;
            memset(&a, 0, sizeof a);
            a.n = n[g * C + c];
            a.sw = sw[g * C + c];
            a.sw2 = sw2[g * C + c];
            a.pos = cnt[g * C + c];
            a.wpos = wc[g * C + c];
            a.wpos2 = w2c[g * C + c];
            row->strata_sums = strata_copy(j, ab, g, G, &fail);
            fill_cat_row(row, &a, j->w != NULL, j->nrows, strata_corr(j, row, a.wpos, a.sw));
            row->positives = a.pos;
            row->pct_negative = NAN;
            if (fail)
                st = ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            if (strcmp(d->name, "totaal") != 0 && !j->w) {
                test_vs_rest(row, a.pos, a.n, cnt[G * C + c], n[G * C + c]);
            } else if (strcmp(d->name, "totaal") != 0) {
                wsums gs = prop_sums(a.n, a.sw, a.wpos, a.sw2, a.wpos2);
                design_vs_rest(row, &gs, &all, j->nrows, row->strata_sums, aball, j->res);
            }
            (*count)++;
        }
        ceo_free(ab);
        ceo_free(aball);
    }
    return st;
}

/* A value whose median can be counted: a whole or half number 0-10 (marks and scores almost
 * always; a half mark such as 8,5 now and then); its slot (twice the value) in the group's
 * histogram, or -1. */
static int small_value(double y)
{
    if (!(y >= 0 && y <= 10) || (y == 0 && signbit(y)))
        return -1;
    double twice = y * 2; /* exact */
    int k = (int)twice;
    return (double)k == twice ? k : -1;
}

/* Counts y in the group's histogram h; returns 0 when y cannot be counted (then the values are
 * gathered instead). */
static int count_small(long *h, double y)
{
    int k = small_value(y);
    if (k < 0)
        return 0;
    h[k]++;
    return 1;
}

/* The k-th smallest (0-based) of the values counted in h[0..SMALL_SLOTS). */
static double kth_counted(const long *h, size_t k)
{
    int v = 0;
    for (size_t seen = (size_t)h[0]; seen <= k; seen += (size_t)h[++v])
        ;
    return (double)v / 2;
}

/* A value of a weighted group and its weight; row keeps equal values in the order read. */
typedef struct {
    double y, w;
    size_t row;
} wval;

static int by_value(const void *x, const void *y)
{
    const wval *a = x, *b = y;
    if (a->y != b->y)
        return a->y < b->y ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

/* The weighted median of v[0..n), n > 0, as R survey's svyquantile(qrule = "hf2"): the values
 * sorted, the first whose cumulative weight passes half the total; where the cumulative weight
 * of a value equals half exactly, the mean of it and the next (with weights 1 this is the
 * ordinary median). Sums in long double, as R's sum and cumsum. Reorders v. One deviation: when
 * the smallest value alone weighs more than half, it is the median (survey 4.1 returns the
 * second smallest there). */
static double weighted_median(wval *v, size_t n)
{
    qsort(v, n, sizeof *v, by_value);
    long double total = 0, cum = 0;
    for (size_t i = 0; i < n; i++)
        total += v[i].w;
    double sum = (double)total, half = 0.5 * sum, cum_lo = 0;
    size_t lo = 0;
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        cum += v[i].w;
        if ((double)cum <= half) {
            lo = i;
            cum_lo = (double)cum;
            any = 1;
        }
    }
    if (!any)
        return v[0].y;
    size_t hi = lo + 1 < n ? lo + 1 : lo;
    return 0.5 - cum_lo / sum == 0 ? (v[lo].y + v[hi].y) / 2 : v[hi].y;
}

/* Sums of a mark, score or number per group and over the whole region, and each group's
 * median (found here, so that the values need not outlive the pass). */
static ceo_status tally_num(const job *j, const dim *d, int item, tally *tl, ceo_error *err)
{
    const sv_item *it = sv_codebook_item(j->cb, (size_t)item);
    const double *v = item_numbers(j, item);
    size_t G = d->ngroups;
    numacc *acc = tl->acc = ceo_calloc(G + 1, sizeof *acc);
    size_t *nv = ceo_calloc(G + 1, sizeof *nv), *start = ceo_calloc(G + 1, sizeof *start);
    /* Per group a count of each whole or half value 0-10, while every value is one: the
     * medians then follow from the counts, without gathering and selecting the values. */
    long *hist = ceo_calloc(G * SMALL_SLOTS, sizeof *hist);
    size_t H = j->cell ? j->res->H : 0;
    double *hc = tl->hc = H ? ceo_calloc(G * H * 2, sizeof *hc) : NULL;
    int small = !j->w; /* a weighted median weighs each value: gathered, never counted */
    double *vals = NULL;
    wval *wvals = NULL;
    ceo_status st = CEO_OK;
    if (!acc || !nv || !start || !hist || (H && !hc))
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    int score = it->type == SV_T_SCORE;
    /* Unweighted, each weight is 1: the weighted sums then equal the plain ones bit for bit
     * (1 * y is y, and adding 1.0 counts exactly), so the pass keeps only the plain ones. */
    for (size_t r = 0; st == CEO_OK && !j->w && r < j->nrows; r++) {
        if (isnan(v[r]))
            continue;
        size_t g = (size_t)d->gidx[r];
        double y = v[r];
        for (size_t k = 0; k < 2; k++) {
            numacc *a = &acc[k ? G : g];
            a->n++;
            a->sum += y;
            a->sum2 += y * y;
            a->pos += score && y >= 9;
            a->neg += score && y <= 6;
        }
        nv[g]++;
        if (small)
            small = count_small(hist + g * SMALL_SLOTS, y);
    }
    for (size_t g = 0; st == CEO_OK && !j->w && g <= G; g++) {
        numacc *a = &acc[g];
        a->sw = a->sw2 = (double)a->n;
        a->swy = a->w2y = a->sum;
        a->w2y2 = a->sum2;
        a->wpos = (double)a->pos;
        a->wneg = (double)a->neg;
    }
    for (size_t r = 0; st == CEO_OK && j->w && r < j->nrows; r++) {
        if (isnan(v[r]))
            continue;
        size_t g = (size_t)d->gidx[r];
        double w = weight(j, r), y = v[r];
        if (hc) {
            hc[(g * H + (size_t)j->cell[r]) * 2] += w;
            hc[(g * H + (size_t)j->cell[r]) * 2 + 1] += w * y;
        }
        for (size_t k = 0; k < 2; k++) {
            numacc *a = &acc[k ? G : g];
            a->n++;
            a->sw += w;
            a->sw2 += w * w;
            a->swy += w * y;
            a->w2y += w * w * y;
            a->w2y2 += w * w * y * y;
            a->sum += y;
            a->sum2 += y * y;
            if (score && y >= 9) {
                a->pos++;
                a->wpos += w;
                a->wpos2 += w * w;
            }
            if (score && y <= 6) {
                a->neg++;
                a->wneg += w;
            }
        }
        nv[g]++;
        if (small)
            small = count_small(hist + g * SMALL_SLOTS, y);
    }
    if (st == CEO_OK && small) {
        /* as median_of: the middle value, or the mean of the two middle values */
        for (size_t g = 0; g < G; g++) {
            const long *h = hist + g * SMALL_SLOTS;
            size_t n = nv[g];
            if (!n)
                continue;
            double hi = kth_counted(h, n / 2);
            acc[g].median = n % 2 ? hi : (kth_counted(h, n / 2 - 1) + hi) / 2;
        }
        ceo_free(hist);
        ceo_free(nv);
        ceo_free(start);
        return st;
    }
    ceo_free(hist);
    size_t total = 0;
    for (size_t g = 0; st == CEO_OK && g < G; g++) {
        start[g] = total;
        total += nv[g];
        nv[g] = 0;
    }
    if (st == CEO_OK && j->w) {
        if (!(wvals = ceo_malloc((total ? total : 1) * sizeof *wvals)))
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t r = 0; st == CEO_OK && r < j->nrows; r++) {
            if (isnan(v[r]))
                continue;
            size_t g = (size_t)d->gidx[r];
            wval *x = &wvals[start[g] + nv[g]++];
            x->y = v[r];
            x->w = j->w[r];
            x->row = r;
        }
        for (size_t g = 0; st == CEO_OK && g < G; g++)
            if (nv[g])
                acc[g].median = weighted_median(wvals + start[g], nv[g]);
        ceo_free(wvals);
        ceo_free(nv);
        ceo_free(start);
        return st;
    }
    if (st == CEO_OK && !(vals = ceo_malloc((total ? total : 1) * sizeof *vals)))
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t r = 0; st == CEO_OK && r < j->nrows; r++) {
        if (isnan(v[r]))
            continue;
        size_t g = (size_t)d->gidx[r];
        vals[start[g] + nv[g]++] = v[r];
    }
    for (size_t g = 0; st == CEO_OK && g < G; g++)
        if (nv[g])
            acc[g].median = median_of(vals + start[g], nv[g]);
    ceo_free(nv);
    ceo_free(start);
    ceo_free(vals);
    return st;
}

/* The interval in ci_low and ci_high is that of the figure beside it (stats.h): for a score
 * the interval of % 9-10 (as of any proportion), not of the mean; for a mark the t-interval of
 * the mean cut to the scale 1-10, as the mean cannot leave it (a group of ten with a mean of
 * 9.1 would otherwise reach 11.1). */
static void interval_of_figure(st_row *row, const numacc *a, const sv_item *it, int weighted,
                               size_t nall)
{
    if (a->n == 0)
        return;
    if (it->type == SV_T_SCORE) {
        /* the interval of % 9-10, as of a proportion (Wilson; weighted Korn-Graubard on the
         * linearised variance, the post-strata not taken into account for this one figure) */
        catacc c = {.n = a->n,
                    .pos = a->pos,
                    .neg = a->neg,
                    .sw = a->sw,
                    .sw2 = a->sw2,
                    .wpos = a->wpos,
                    .wneg = a->wneg,
                    .wpos2 = a->wpos2};
        st_row tmp;
        memset(&tmp, 0, sizeof tmp);
        fill_cat_row(&tmp, &c, weighted, nall, 0);
        row->ci_low = tmp.ci_low;
        row->ci_high = tmp.ci_high;
    } else if (it->type == SV_T_CIJFER) {
        if (row->ci_low < 1)
            row->ci_low = 1;
        if (row->ci_high > 10)
            row->ci_high = 10;
    }
}

/* Rows of a mark, score or number: mean with its interval, median; scores also % 9-10 and
 * % 0-6 (so that NPS = pct_positive - pct_negative). */
static ceo_status num_rows(job *j, const dim *d, int item, const tally *tl, size_t *first,
                           size_t *count)
{
    const sv_item *it = sv_codebook_item(j->cb, (size_t)item);
    const numacc *acc = tl->acc;
    size_t G = d->ngroups;
    int score = it->type == SV_T_SCORE, fail = 0;
    *first = j->res->n;
    *count = 0;
    double *aball = strata_copy(j, tl->hc, G, G, &fail);
    for (size_t i = 0; i < G && !fail; i++) {
        size_t g = d->order[i];
        st_row *row = new_row(j->res);
        if (!row) {
            fail = 1;
            break;
        }
        row->dimension = d->name;
        row->group = d->gnames[g];
        row->question = it->id;
        row->theme = it->theme;
        row->strata_sums = strata_copy(j, tl->hc, g, G, &fail);
        fill_num_row(row, &acc[g], j->w != NULL, j->nrows, score,
                     strata_corr(j, row, acc[g].swy, acc[g].sw));
        interval_of_figure(row, &acc[g], it, j->w != NULL, j->nrows);
        row->sd = sqrt(var_of(acc[g].sum, acc[g].sum2, acc[g].n));
        if (strcmp(d->name, "totaal") != 0 && !j->w) {
            welch_vs_rest(row, &acc[g], &acc[G]);
        } else if (strcmp(d->name, "totaal") != 0) {
            const numacc *x = &acc[g], *y = &acc[G];
            wsums gs = {x->n, x->sw, x->swy, x->sw2, x->w2y, x->w2y2};
            wsums all = {y->n, y->sw, y->swy, y->sw2, y->w2y, y->w2y2};
            design_vs_rest(row, &gs, &all, j->nrows, row->strata_sums, aball, j->res);
        }
        (*count)++;
    }
    ceo_free(aball);
    if (fail)
        return ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    return CEO_OK;
}

/* Per group, the respondents who wrote something. */
static ceo_status tally_text(const job *j, const dim *d, int item, tally *tl, ceo_error *err)
{
    const uint16_t *codes = item_codes(j, item);
    long *n = tl->n = ceo_calloc(d->ngroups, sizeof *n);
    if (!n)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t r = 0; r < j->nrows; r++)
        n[d->gidx[r]] += codes[r] != 0;
    return CEO_OK;
}

static ceo_status text_rows(job *j, const dim *d, int item, const tally *tl, size_t *first,
                            size_t *count)
{
    const sv_item *it = sv_codebook_item(j->cb, (size_t)item);
    *first = j->res->n;
    *count = 0;
    for (size_t i = 0; i < d->ngroups; i++) {
        st_row *row = new_row(j->res);
        if (!row)
            return ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        row->dimension = d->name;
        row->group = d->gnames[d->order[i]];
        row->question = it->id;
        row->n = tl->n[d->order[i]];
        (*count)++;
    }
    return CEO_OK;
}

/* Complementary suppression in a crossing's table, the hypercube method of tau-ARGUS in two
 * dimensions: for each primary cell, one other row and column such that the four cells of the
 * rectangle, hidden together, leave the primary cell's count free over a range of at least
 * ST_PROTECT_WIDTH respondents whatever else the run publishes (the margins of the table are
 * the one-part groups, all shown or left out as a whole). Of those rectangles the one that
 * hides the fewest respondents more. Cells of a group left out are in no margin: they are
 * skipped. When no rectangle protects enough, the primary cell's whole row and column are
 * hidden. rows first..first+count are the table's cells in display order. */
#define MAX_DIST_CATS 16

/* The counts of a distribution "id:count|id:count..." into c (at most MAX_DIST_CATS, the rest
 * 0); a row without one has none. */
static void dist_counts(const st_row *w, long *c)
{
    memset(c, 0, MAX_DIST_CATS * sizeof *c);
    const char *s = w->distribution;
    for (size_t k = 0; s && *s && k < MAX_DIST_CATS; k++) {
        const char *colon = strchr(s, ':');
        if (!colon)
            break;
        c[k] = strtol(colon + 1, NULL, 10);
        s = strchr(colon, '|');
        s = s ? s + 1 : NULL;
    }
}

/* How many answer categories the rectangle (primary a, x and y beside it, z opposite) would
 * leave determined exactly while some of the primary's clients gave that answer: the cycle
 * moves category k by at most min(x, y) up and min(a, z) down. */
static long exact_categories(const st_row *a, const st_row *x, const st_row *y, const st_row *z)
{
    long ca[MAX_DIST_CATS], cx[MAX_DIST_CATS], cy[MAX_DIST_CATS], cz[MAX_DIST_CATS], n = 0;
    if (!a->distribution)
        return 0;
    dist_counts(a, ca);
    dist_counts(x, cx);
    dist_counts(y, cy);
    dist_counts(z, cz);
    for (size_t k = 0; k < MAX_DIST_CATS; k++)
        n += ca[k] > 0 && (cx[k] < cy[k] ? cx[k] : cy[k]) + (ca[k] < cz[k] ? ca[k] : cz[k]) == 0;
    return n;
}

static void hypercube(st_result *res, const dim *d, size_t first, size_t count, const pubpop *p,
                      size_t slot, const int parts[2])
{
    size_t R = 0, C = 0;
    for (size_t g = 0; g < d->ngroups; g++) {
        if ((size_t)d->part_of[2 * g] + 1 > R)
            R = (size_t)d->part_of[2 * g] + 1;
        if ((size_t)d->part_of[2 * g + 1] + 1 > C)
            C = (size_t)d->part_of[2 * g + 1] + 1;
    }
    size_t ncells = R * C;
    long *cell = ceo_malloc((ncells ? ncells : 1) * sizeof *cell); /* row index, or -1 */
    if (!cell) { /* no table to search: hide every cell */
        for (size_t i = 0; i < count; i++)
            if (!res->rows[first + i].suppressed) {
                res->rows[first + i].suppressed = 1;
                res->rows[first + i].suppression = "complementary";
            }
        return;
    }
    for (size_t k = 0; k < R * C; k++)
        cell[k] = -1;
    for (size_t i = 0; i < count; i++) {
        size_t g = d->order[i], a = (size_t)d->part_of[2 * g], b = (size_t)d->part_of[2 * g + 1];
        if (!pp_out(p, slot, parts[0], a) && !pp_out(p, slot, parts[1], b))
            cell[a * C + b] = (long)i;
    }
    for (size_t k = 0; k < R * C; k++) {
        if (cell[k] < 0)
            continue;
        st_row *pr = &res->rows[first + (size_t)cell[k]];
        if (!pr->suppressed || strcmp(pr->suppression, "primary") != 0)
            continue;
        size_t a = k / C, b = k % C;
        long best = -1;
        size_t ba = 0, bb = 0;
        for (size_t a2 = 0; a2 < R; a2++)
            for (size_t b2 = 0; a2 != a && b2 < C; b2++) {
                if (b2 == b || cell[a * C + b2] < 0 || cell[a2 * C + b] < 0 ||
                    cell[a2 * C + b2] < 0)
                    continue;
                const st_row *x = &res->rows[first + (size_t)cell[a * C + b2]];
                const st_row *y = &res->rows[first + (size_t)cell[a2 * C + b]];
                const st_row *z = &res->rows[first + (size_t)cell[a2 * C + b2]];
                /* the cycle +primary -x +z -y: up by min(x, y), down by min(primary, z) */
                long up = x->n < y->n ? x->n : y->n;
                long down = pr->n < z->n ? pr->n : z->n;
                if (up + down < ST_PROTECT_WIDTH)
                    continue;
                /* the fewest respondents hidden more, but first the fewest answers of the
                 * primary cell's clients left determined (docs/METHODS.md ("Disclosure control"))
                 */
                long cost = (x->suppressed ? 0 : x->n + 1) + (y->suppressed ? 0 : y->n + 1) +
                            (z->suppressed ? 0 : z->n + 1) + 100000 * exact_categories(pr, x, y, z);
                if (best < 0 || cost < best) {
                    best = cost;
                    ba = a2;
                    bb = b2;
                }
            }
        for (size_t m = 0; m < R * C; m++) {
            size_t ma = m / C, mb = m % C;
            int hide =
                best >= 0 ? (ma == a || ma == ba) && (mb == b || mb == bb) : ma == a || mb == b;
            st_row *x = cell[m] >= 0 ? &res->rows[first + (size_t)cell[m]] : NULL;
            if (hide && x && !x->suppressed) {
                x->suppressed = 1;
                x->suppression = "complementary";
            }
        }
    }
    ceo_free(cell);
}

/* Marks the rows of one (dimension, question) block: hidden as primary when the group is below
 * min_n or left out of the published population (slot: the question's or theme's), then,
 * in a crossing, complementary cells (hypercube). A row already hidden for another reason
 * (a theme's item) stays hidden as complementary. Returns nothing to fail. */
static void suppress(job *j, const dim *d, size_t first, size_t count, size_t slot)
{
    const pubpop *p = j->pp;
    int parts[2] = {-1, -1};
    int total = strcmp(d->name, "totaal") == 0;
    const char *plus = strchr(d->name, '+');
    if (!total && d->nparts == 1)
        parts[0] = pp_dim(p, d->name, strlen(d->name));
    else if (!total && plus) {
        parts[0] = pp_dim(p, d->name, (size_t)(plus - d->name));
        parts[1] = pp_dim(p, plus + 1, strlen(plus + 1));
    }
    for (size_t i = 0; i < count; i++) {
        st_row *row = &j->res->rows[first + i];
        size_t g = d->order[i];
        int out = 0;
        if (d->nparts == 1)
            out = pp_out(p, slot, parts[0], g);
        else if (d->nparts == 2)
            out = pp_out(p, slot, parts[0], (size_t)d->part_of[2 * g]) ||
                  pp_out(p, slot, parts[1], (size_t)d->part_of[2 * g + 1]);
        if (out || (row->n > 0 && row->n < j->opt->min_n)) {
            row->suppressed = 1;
            row->suppression = "primary";
            row->left_out = out;
        } else if (row->suppressed) {
            row->suppression = "complementary";
        } else if (row->n > 0) {
            row->indicative = row->n < j->opt->indicative_n;
        }
        if (total && p && slot < p->nslots && p->ex[slot])
            row->published_only = 1;
    }
    if (d->nparts == 2)
        hypercube(j->res, d, first, count, p, slot, parts);
}

/* Item i is a question of the table that this output counts (opt->themes). */
static int counted(const job *j, size_t i)
{
    const sv_item *it = sv_codebook_item(j->cb, i);
    if (!is_question(it) || !sv_table_has(j->t, (int)i))
        return 0;
    return !j->opt->themes ||
           (*it->theme && ceo_list_has(j->opt->themes, it->theme, strlen(it->theme)));
}

/* Whether item i counts in its theme's score: a statement (likert) of the table. A yes/no
 * question, a mark or a score of a theme is shown with it but is no part of its score, as in
 * the VNG model and bureau reports (DESIGN.md, "Theme score"). */
static int theme_item(const job *j, size_t i)
{
    const sv_item *it = sv_codebook_item(j->cb, i);
    return counted(j, i) && it->type == SV_T_LIKERT;
}

/* The published population of the run (pubpop above); NULL with err set out of memory or on
 * a dimension that cannot be built. */
static pubpop *pp_build(const job *j, ceo_error *err)
{
    pubpop *p = ceo_calloc(1, sizeof *p);
    size_t nitems = sv_codebook_nitems(j->cb), nrows = j->nrows;
    if (!p) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    /* The publication's dimensions (those of the reports and the VWS export), then every
     * one-part dimension asked for. */
    char names[1024];
    size_t len = 0;
    names[0] = '\0';
    static const char *const fixed[] = {"gemeente", "aanbieder", "voorziening"};
    for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++) {
        int ki = sv_codebook_find(j->cb, fixed[k]);
        if (ki >= 0 && sv_table_has(j->t, ki))
            len +=
                (size_t)snprintf(names + len, sizeof names - len, "%s%s", len ? "," : "", fixed[k]);
    }
    if (j->opt->by && len + strlen(j->opt->by) + 2 < sizeof names)
        snprintf(names + len, sizeof names - len, "%s%s", len ? "," : "", j->opt->by);
    ceo_status st = CEO_OK;
    for (char *tok = names, *next; tok && st == CEO_OK; tok = next) {
        next = strchr(tok, ',');
        if (next)
            *next++ = '\0';
        while (*tok == ' ')
            tok++;
        if (!*tok || strchr(tok, '+') || strcmp(tok, "totaal") == 0 ||
            pp_dim(p, tok, strlen(tok)) >= 0 || p->ndims == PP_MAX_DIMS)
            continue;
        dim *d = &p->dims[p->ndims];
        memset(d, 0, sizeof *d);
        st = dim_single(j->t, tok, j->opt->period, d, err);
        p->ndims++;
        if (st == CEO_OK)
            p->off[p->ndims] = p->off[p->ndims - 1] + d->ngroups;
    }
    for (size_t i = 0; i < nitems; i++) {
        const sv_item *it = sv_codebook_item(j->cb, i);
        if (!theme_item(j, i))
            continue;
        size_t k = 0;
        while (k < p->nthemes && strcmp(p->themes[k], it->theme) != 0)
            k++;
        if (k == p->nthemes && p->nthemes < PP_MAX_THEMES)
            p->themes[p->nthemes++] = it->theme;
    }
    p->nitems = nitems;
    p->nslots = nitems + p->nthemes;
    p->out = ceo_calloc(p->nslots + 1, sizeof *p->out);
    p->ex = ceo_calloc(p->nslots + 1, sizeof *p->ex);
    p->codes = ceo_calloc(nitems + 1, sizeof *p->codes);
    p->nums = ceo_calloc(nitems + 1, sizeof *p->nums);
    p->multi = ceo_calloc(nitems + 1, sizeof *p->multi);
    unsigned char *any = ceo_calloc(nrows + 1, 1), *valid = ceo_calloc(nrows + 1, 1);
    int oom = !p->out || !p->ex || !p->codes || !p->nums || !p->multi || !any || !valid;
    for (size_t i = 0; st == CEO_OK && !oom && p->ndims && i < nitems; i++) {
        if (!counted(j, i))
            continue;
        pp_answers(j->t, j->cb, i, any, valid);
        oom = pp_settle(p, i, any, valid, nrows, j->opt->min_n) != 0 ||
              (p->ex[i] && pp_mask_item(p, j->t, j->cb, i) != 0);
    }
    /* A theme: its respondents are those with a valid answer on any of its items that counts;
     * a group left out of any item is left out of the theme. */
    for (size_t k = 0; st == CEO_OK && !oom && p->ndims && k < p->nthemes; k++) {
        size_t s = nitems + k, total = p->off[p->ndims];
        memset(valid, 0, nrows);
        for (size_t i = 0; i < nitems && !oom; i++) {
            if (!theme_item(j, i) || strcmp(sv_codebook_item(j->cb, i)->theme, p->themes[k]) != 0)
                continue;
            const sv_scale *sc = sv_codebook_scale(j->cb, sv_codebook_item(j->cb, i)->scale);
            const uint16_t *c = p->codes[i] ? p->codes[i] : sv_table_codes(j->t, (int)i);
            for (size_t r = 0; r < nrows; r++)
                valid[r] |= c[r] && c[r] <= sc->ncats && sc->cats[c[r] - 1].dir != SV_DIR_INVALID;
            if (p->out[i] && !p->out[s] && !(p->out[s] = ceo_calloc(total + 1, 1)))
                oom = 1;
            for (size_t g = 0; !oom && p->out[i] && g < total; g++)
                p->out[s][g] |= p->out[i][g];
        }
        oom = oom || pp_settle(p, s, valid, valid, nrows, j->opt->min_n) != 0;
    }
    ceo_free(any);
    ceo_free(valid);
    if (oom && st == CEO_OK)
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    if (st != CEO_OK) {
        pubpop_free(p);
        return NULL;
    }
    return p;
}

/* Per group, the respondents with a valid answer on any item of the theme: the theme's
 * columns and a table of which codes are valid are looked up once, before the pass. */
static ceo_status tally_theme(const job *j, const dim *d, const char *theme, tally *tl,
                              ceo_error *err)
{
    size_t nitems = sv_codebook_nitems(j->cb), ncols = 0;
    size_t width = 1; /* codes run from 0 (missing) to the largest scale's size */
    for (size_t i = 0; i < nitems; i++) {
        const sv_item *it = sv_codebook_item(j->cb, i);
        if (!theme_item(j, i) || strcmp(it->theme, theme) != 0)
            continue;
        size_t nc = sv_codebook_scale(j->cb, it->scale)->ncats;
        if (nc + 1 > width)
            width = nc + 1;
        ncols++;
    }
    const uint16_t **cols = ceo_calloc(ncols, sizeof *cols);
    unsigned char *valid = ceo_calloc(ncols * width, 1); /* per column, per code */
    long *ng = tl->n = ceo_calloc(d->ngroups, sizeof *ng);
    ceo_status st = CEO_OK;
    if (!cols || !valid || !ng)
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0, c = 0; st == CEO_OK && i < nitems; i++) {
        const sv_item *it = sv_codebook_item(j->cb, i);
        if (!theme_item(j, i) || strcmp(it->theme, theme) != 0)
            continue;
        const sv_scale *sc = sv_codebook_scale(j->cb, it->scale);
        for (size_t k = 0; k < sc->ncats; k++)
            valid[c * width + k + 1] = sc->cats[k].dir != SV_DIR_INVALID;
        cols[c++] = item_codes(j, (int)i);
    }
    size_t slot = pp_theme_slot(j->pp, theme);
    const unsigned char *ex = slot != (size_t)-1 ? j->pp->ex[slot] : NULL;
    for (size_t r = 0; st == CEO_OK && r < j->nrows; r++) {
        int any = 0;
        for (size_t c = 0; c < ncols && !any && !(ex && ex[r]); c++)
            any = cols[c][r] < width && valid[c * width + cols[c][r]];
        ng[d->gidx[r]] += any;
    }
    ceo_free(cols);
    ceo_free(valid);
    return st;
}

/* Theme rows: per group the mean of the theme's statements' percentages; suppressed with any
 * of them. ng holds the respondents per group (tally_theme); blocks the rows of the likert and
 * janee questions made so far. */
static ceo_status theme_rows(job *j, const dim *d, const char *theme, const long *ng,
                             const block *blocks, const int *block_item, size_t nblocks)
{
    size_t first = j->res->n;
    for (size_t i = 0; i < d->ngroups; i++) {
        size_t g = d->order[i];
        long n = ng[g];
        double sum_pos = 0, sum_neg = 0;
        int items = 0, hidden = 0;
        for (size_t b = 0; b < nblocks; b++) {
            const sv_item *it = sv_codebook_item(j->cb, (size_t)block_item[b]);
            if (strcmp(it->theme, theme) != 0 || it->type != SV_T_LIKERT)
                continue;
            const st_row *ir = &j->res->rows[blocks[b].first + i];
            if (ir->suppressed)
                hidden = 1;
            else if (ir->n > 0) {
                sum_pos += ir->pct_positive;
                sum_neg += ir->pct_negative;
                items++;
            }
        }
        st_row *row = new_row(j->res);
        if (!row)
            return ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        row->dimension = d->name;
        row->group = d->gnames[g];
        row->question = "";
        row->theme = theme;
        row->n = n;
        if (items) {
            row->pct_positive = sum_pos / items;
            row->pct_negative = sum_neg / items;
        }
        row->suppressed = hidden; /* suppress() says why */
    }
    suppress(j, d, first, d->ngroups, pp_theme_slot(j->pp, theme));
    return CEO_OK;
}

/* ---------- one dimension, on one thread or several ---------- */

/* One pass over the respondents (a question's or a theme's) and, later, its rows. */
typedef struct {
    int item;          /* the question, or -1 for a theme */
    const char *theme; /* when item is -1 */
    int done;          /* tallied by pool_worker: st and err tell how it went */
    ceo_status st;
    ceo_error err; /* its own: another thread may have made the pass */
    tally tl;
} task;

static ceo_status tally_task(const job *j, const dim *d, task *k, ceo_error *err)
{
    if (k->item < 0)
        return tally_theme(j, d, k->theme, &k->tl, err);
    sv_type type = sv_codebook_item(j->cb, (size_t)k->item)->type;
    switch (sv_type_answer(type)) {
    case SV_ANSWER_SCALE:
        return tally_scale(j, d, k->item, &k->tl, err);
    case SV_ANSWER_OPTIONS:
        return tally_multi(j, d, k->item, &k->tl, err);
    case SV_ANSWER_NUMBER:
        return tally_num(j, d, k->item, &k->tl, err);
    case SV_ANSWER_TEXT:
        /* an id is no question */
        return type == SV_T_TEKST ? tally_text(j, d, k->item, &k->tl, err) : CEO_OK;
    default:
        return CEO_OK;
    }
}

/* Makes the rows of a tallied task and suppresses them; the rows of a likert or janee
 * question are noted as a block for its theme. */
static ceo_status task_rows(job *j, const dim *d, const task *k, block *blocks, int *block_item,
                            size_t *nblocks)
{
    if (k->item < 0)
        return theme_rows(j, d, k->theme, k->tl.n, blocks, block_item, *nblocks);
    const sv_item *it = sv_codebook_item(j->cb, (size_t)k->item);
    size_t first = 0, count = 0;
    ceo_status st = CEO_OK;
    switch (sv_type_answer(it->type)) {
    case SV_ANSWER_SCALE:
        st = scale_rows(j, d, k->item, &k->tl, &first, &count);
        break;
    case SV_ANSWER_OPTIONS:
        st = multi_rows(j, d, k->item, &k->tl, &first, &count);
        break;
    case SV_ANSWER_NUMBER:
        st = num_rows(j, d, k->item, &k->tl, &first, &count);
        break;
    case SV_ANSWER_TEXT:
        if (it->type == SV_T_TEKST) /* an id is no question */
            st = text_rows(j, d, k->item, &k->tl, &first, &count);
        break;
    default:
        break;
    }
    if (st != CEO_OK)
        return st;
    /* Options of enkel/meer questions come as one block per option. */
    for (size_t b = first; b < first + count; b += d->ngroups) {
        suppress(j, d, b, d->ngroups, (size_t)k->item);
        if (it->type == SV_T_LIKERT || it->type == SV_T_JANEE) {
            blocks[*nblocks].first = b;
            blocks[*nblocks].count = d->ngroups;
            block_item[(*nblocks)++] = k->item;
        }
    }
    return CEO_OK;
}

/* Below this many respondents a dimension's passes stay on one thread: starting threads would
 * cost more than they save. */
#define PAR_MIN_ROWS 50000
#define PAR_MAX_THREADS 8

typedef struct {
    const job *j;
    const dim *d;
    task *tasks;
    size_t ntasks;
    atomic_size_t next; /* the next task to hand out */
} pool;

static void *pool_worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        size_t k = atomic_fetch_add_explicit(&p->next, 1, memory_order_relaxed);
        if (k >= p->ntasks)
            return NULL;
        task *tk = &p->tasks[k];
        tk->st = tally_task(p->j, p->d, tk, &tk->err);
        tk->done = 1;
    }
}

/* How many threads make a dimension's passes: one per processor (or opt->threads), at most
 * PAR_MAX_THREADS and one per task; one for a small table, and while a test makes allocations
 * fail (the same allocation must fail in every run). */
static size_t pass_threads(const job *j, size_t ntasks)
{
    if (j->nrows < PAR_MIN_ROWS || ntasks < 2 || ceo_alloc_failing())
        return 1;
    long n = j->opt->threads > 0 ? j->opt->threads : sysconf(_SC_NPROCESSORS_ONLN);
    if (n > PAR_MAX_THREADS)
        n = PAR_MAX_THREADS;
    if (n < 1)
        n = 1;
    return (size_t)n < ntasks ? (size_t)n : ntasks;
}

/* Makes every task's pass on n threads, this one among them. A task runs whole on one thread,
 * so its sums are added in the same order as on one thread: the figures are the same bit for
 * bit. Nothing is shared but the counter that hands out the tasks; the joins publish the
 * tallies to this thread. */
static void run_pool(const job *j, const dim *d, task *tasks, size_t ntasks, size_t n)
{
    pool p = {j, d, tasks, ntasks, 0};
    pthread_t tids[PAR_MAX_THREADS];
    size_t started = 0;
    while (started + 1 < n && pthread_create(&tids[started], NULL, pool_worker, &p) == 0)
        started++;
    pool_worker(&p);
    for (size_t k = 0; k < started; k++)
        pthread_join(tids[k], NULL);
}

/* The rows of one dimension: per question of the table in codebook order, then per theme (at
 * most 16, in the order of their first question). With a large table the passes over the
 * respondents are made first, side by side (run_pool); the rows are then made here in order,
 * and the first failure in that order is the one reported. */
static ceo_status do_dimension(job *j, const dim *d)
{
    size_t nitems = sv_codebook_nitems(j->cb), nquestions = 0, nthemes = 0;
    const char *themes[16];
    for (size_t i = 0; i < nitems; i++) {
        const sv_item *it = sv_codebook_item(j->cb, i);
        if (!counted(j, i))
            continue;
        nquestions++;
        if (!*it->theme || !theme_item(j, i))
            continue;
        size_t k = 0;
        while (k < nthemes && strcmp(themes[k], it->theme) != 0)
            k++;
        if (k == nthemes && nthemes < 16)
            themes[nthemes++] = it->theme;
    }
    size_t ntasks = nquestions + nthemes;
    task *tasks = ceo_calloc(ntasks, sizeof *tasks);
    block *blocks = ceo_calloc(nitems, sizeof *blocks);
    int *block_item = ceo_calloc(nitems, sizeof *block_item);
    if (!tasks || !blocks || !block_item) {
        ceo_free(tasks);
        ceo_free(blocks);
        ceo_free(block_item);
        return ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    size_t n = 0;
    for (size_t i = 0; i < nitems; i++)
        if (counted(j, i))
            tasks[n++].item = (int)i;
    for (size_t k = 0; k < nthemes; k++) {
        tasks[n].item = -1;
        tasks[n++].theme = themes[k];
    }
    for (size_t k = 0; k < ntasks; k++)
        ceo_error_clear(&tasks[k].err);
    size_t nthreads = pass_threads(j, ntasks);
    if (nthreads > 1)
        run_pool(j, d, tasks, ntasks, nthreads);
    size_t nblocks = 0;
    ceo_status st = CEO_OK;
    for (size_t k = 0; k < ntasks && st == CEO_OK; k++) {
        task *tk = &tasks[k];
        if (!tk->done)
            st = tally_task(j, d, tk, j->err);
        else if ((st = tk->st) != CEO_OK && j->err && j->err->code == CEO_OK)
            *j->err = tk->err;
        if (st == CEO_OK)
            st = task_rows(j, d, tk, blocks, block_item, &nblocks);
        tally_free(&tk->tl);
    }
    for (size_t k = 0; k < ntasks; k++)
        tally_free(&tasks[k].tl);
    ceo_free(tasks);
    ceo_free(blocks);
    ceo_free(block_item);
    return st;
}

/* Background items (age, sex, living situation, ...) and numbers get distributions, not
 * tests: a test of whether one gemeente has more women is no finding about the support, and in
 * a family it would dilute the tests that are. Drops every test of a row whose question is no
 * satisfaction item (st_tested_item), the comparisons with a previous value included. */
static void drop_untested(st_result *res, const sv_codebook *cb)
{
    char id[256];
    for (size_t i = 0; i < res->n; i++) {
        st_row *row = &res->rows[i];
        if (!*row->question)
            continue;
        size_t len = strcspn(row->question, ":");
        snprintf(id, sizeof id, "%.*s", (int)len, row->question);
        int k = sv_codebook_find(cb, id);
        if (k >= 0 && st_tested_item(sv_codebook_item(cb, (size_t)k)))
            continue;
        row->p_vs_rest = row->p_vs_prev = NAN;
        row->test = row->test_prev = "";
    }
}

/* The family of tests of each row (stats.h, st_row): one per dimension and theme (the
 * questions without a theme being one more), numbered from 0 in order of first row. A family
 * is fixed by the dimension and the codebook, so what else a run asks for (other dimensions,
 * --compare, --themes) leaves its q-values alone. Returns the number of families, or -1 when
 * out of memory. */
static long families(const st_result *r, int *fam)
{
    sv_strmap *keys = sv_strmap_new();
    char key[1024];
    for (size_t i = 0; keys && i < r->n; i++) {
        const st_row *row = &r->rows[i];
        int len = snprintf(key, sizeof key, "%s\x1F%s", row->dimension, row->theme);
        size_t klen = len > 0 && (size_t)len < sizeof key ? (size_t)len : sizeof key - 1;
        if (!sv_strmap_get(keys, key, klen, &fam[i])) {
            fam[i] = (int)sv_strmap_count(keys);
            if (sv_strmap_put(keys, key, klen, fam[i]) != 0) {
                sv_strmap_free(keys);
                keys = NULL;
            }
        }
    }
    long n = keys ? (long)sv_strmap_count(keys) : -1;
    sv_strmap_free(keys);
    return n;
}

/* Benjamini-Hochberg within each family: p holds a value per row of r (NaN: no test), q
 * receives the q-values (q may be p). */
static ceo_status adjust_by_family(const st_result *r, const double *p, double *q, ceo_error *err)
{
    size_t n = r->n ? r->n : 1;
    double *pf = ceo_malloc(n * sizeof *pf);
    size_t *order = ceo_malloc(n * sizeof *order), *idx = ceo_malloc(n * sizeof *idx);
    int *fam = ceo_malloc(n * sizeof *fam);
    long nfam = pf && order && idx && fam ? families(r, fam) : -1;
    for (long f = 0; f < nfam; f++) {
        size_t m = 0;
        for (size_t i = 0; i < r->n; i++)
            if (fam[i] == (int)f) {
                idx[m] = i;
                pf[m++] = p[i];
            }
        st_bh_adjust(pf, pf, m, order);
        for (size_t k = 0; k < m; k++)
            q[idx[k]] = pf[k];
    }
    ceo_free(pf);
    ceo_free(order);
    ceo_free(idx);
    ceo_free(fam);
    return nfam < 0 ? ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory") : CEO_OK;
}

/* Benjamini-Hochberg within each family, the tests against the rest and those against the
 * previous value apart. */
static ceo_status adjust_families(st_result *res, ceo_error *err)
{
    size_t n = res->n ? res->n : 1;
    double *p = ceo_malloc(n * sizeof *p);
    ceo_status st = p ? CEO_OK : ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (int prev = 0; prev < 2 && st == CEO_OK; prev++) {
        for (size_t i = 0; i < res->n; i++)
            p[i] = prev ? res->rows[i].p_vs_prev : res->rows[i].p_vs_rest;
        st = adjust_by_family(res, p, p, err);
        for (size_t i = 0; st == CEO_OK && i < res->n; i++)
            *(prev ? &res->rows[i].q_vs_prev : &res->rows[i].q_vs_rest) = p[i];
    }
    ceo_free(p);
    return st;
}

/* Weighted: the two rows' estimates by svyttest, in one sample of nall respondents; rows of
 * one post-stratified run are tied through their post-strata (res; NULL: not). */
static void design_prev(st_row *cur, double m1, const st_row *old, double m2, double nall,
                        const st_result *res)
{
    double cross = 0;
    if (res && res->H && cur->strata_sums && old->strata_sums && cur->w_sum > 0 && old->w_sum > 0)
        cross = 2 *
                strata_share(cur->strata_sums, m1, old->strata_sums, m2, res->strata_n, res->H) /
                (cur->w_sum * old->w_sum);
    double p = st_design_t_test(m1, cur->lin_ss, cur->w_sum, cur->n, m2, old->lin_ss, old->w_sum,
                                old->n, cross, nall, &cur->test_prev);
    if (!isnan(p))
        cur->p_vs_prev = p;
}

/* Fills the prev_* fields of cur from old and tests the difference. Neither row may be
 * suppressed: a test must not hint at a hidden figure. With design set (weights on) the test
 * is design-based, the two rows' respondents taken as one sample of nall. */
static void compare_rows(st_row *cur, const st_row *old, int design, double nall,
                         const st_result *res)
{
    if (cur->suppressed || old->suppressed || cur->n <= 0 || old->n <= 0)
        return;
    cur->prev_n = old->n;
    if (!isnan(cur->mean) && !isnan(old->mean)) {
        cur->prev_value = old->mean;
        if (design)
            design_prev(cur, cur->mean, old, old->mean, nall, res);
        else
            welch(cur->mean, cur->sd * cur->sd, cur->n, old->mean, old->sd * old->sd, old->n,
                  &cur->p_vs_prev, &cur->test_prev);
    } else if (!isnan(cur->pct_positive) && !isnan(old->pct_positive)) {
        cur->prev_value = old->pct_positive;
        if (!*cur->question) /* theme rows are means of percentages: no test */
            return;
        if (design)
            design_prev(cur, cur->pct_positive / 100, old, old->pct_positive / 100, nall, res);
        else
            two_prop(cur->positives, cur->n, old->positives, old->n, &cur->p_vs_prev,
                     &cur->test_prev);
    }
}

static int same_key(const st_row *a, const st_row *b)
{
    return strcmp(a->dimension, b->dimension) == 0 && strcmp(a->group, b->group) == 0 &&
           strcmp(a->question, b->question) == 0 && strcmp(a->theme, b->theme) == 0;
}

/* 'periode' rows: each period against the one before it, same question. Rows of one question
 * are consecutive, periods in time order, so the previous period is the previous row of the
 * same question ("(onbekend)" comes last and is compared with nothing). */
static ceo_status compare_periods(st_result *res, ceo_error *err)
{
    (void)err;
    for (size_t i = 1; i < res->n; i++) {
        st_row *cur = &res->rows[i], *old = &res->rows[i - 1];
        if (strcmp(cur->dimension, "periode") != 0 || strcmp(old->dimension, "periode") != 0 ||
            strcmp(cur->question, old->question) != 0 || strcmp(cur->theme, old->theme) != 0 ||
            strcmp(cur->group, UNKNOWN_GROUP) == 0 || strcmp(old->group, UNKNOWN_GROUP) == 0)
            continue;
        compare_rows(cur, old, res->weighted, (double)res->nall, res);
    }
    return CEO_OK;
}

/* Every row against the same row of a previous export. */
static ceo_status compare_results(st_result *cur, const st_result *prev, ceo_error *err)
{
    sv_strmap *index = sv_strmap_new();
    if (!index)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    ceo_status st = CEO_OK;
    char key[2048];
    for (size_t i = 0; i < prev->n && st == CEO_OK; i++) {
        const st_row *r = &prev->rows[i];
        int len = snprintf(key, sizeof key, "%s\x1f%s\x1f%s\x1f%s", r->dimension, r->group,
                           r->question, r->theme);
        if (len > 0 && (size_t)len < sizeof key &&
            sv_strmap_put(index, key, (size_t)len, (int)i) != 0)
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < cur->n && st == CEO_OK; i++) {
        st_row *r = &cur->rows[i];
        if (strcmp(r->dimension, "periode") == 0)
            continue; /* periods are compared among themselves */
        int len = snprintf(key, sizeof key, "%s\x1f%s\x1f%s\x1f%s", r->dimension, r->group,
                           r->question, r->theme);
        int k;
        if (len > 0 && (size_t)len < sizeof key && sv_strmap_get(index, key, (size_t)len, &k) &&
            same_key(r, &prev->rows[k]))
            compare_rows(r, &prev->rows[k], cur->weighted || prev->weighted,
                         (double)(cur->nall + prev->nall), NULL);
    }
    sv_strmap_free(index);
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

st_result *st_compute(const sv_table *t, const st_options *opt, ceo_error *err)
{
    st_result *res = ceo_calloc(1, sizeof *res);
    if (!res) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    job j = {t, sv_table_codebook(t), opt, NULL, res, err, sv_table_rows(t), NULL, NULL};
    pubpop *pp = NULL;
    ceo_status st = CEO_OK;
    res->nall = j.nrows;
    if (opt->external_weights) {
        j.w = opt->external_weights;
    } else if (opt->weights) {
        int wi = sv_codebook_find(j.cb, "gewicht");
        const double *w = wi >= 0 ? sv_table_numbers(t, wi) : NULL;
        long bad = 0;
        for (size_t r = 0; w && r < j.nrows; r++)
            bad += !(w[r] > 0);
        if (!w)
            st = ceo_error_set(err, CEO_EUSAGE, NULL, 0, 0,
                               "--weights: the export has no gewicht column");
        else if (bad)
            st = ceo_error_set(err, CEO_EDATA, NULL, 0, 0,
                               "--weights: %ld respondent%s no positive gewicht", bad,
                               bad == 1 ? " has" : "s have");
        j.w = w;
    }
    res->weighted = j.w != NULL;
    if (st == CEO_OK && opt->external_weights && opt->strata && opt->nstrata) {
        res->H = opt->nstrata;
        if (!(res->strata_n = ceo_calloc(res->H, sizeof *res->strata_n)))
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t r = 0; st == CEO_OK && r < j.nrows; r++) {
            assert(opt->strata[r] >= 0 && (size_t)opt->strata[r] < res->H);
            res->strata_n[opt->strata[r]]++;
        }
        j.cell = opt->strata;
    }
    if (st == CEO_OK && !(pp = pp_build(&j, err)))
        st = err && err->code ? err->code : CEO_ENOMEM;
    j.pp = pp;
    /* "totaal" first, then the dimensions asked for. */
    char spec[1024];
    snprintf(spec, sizeof spec, "totaal%s%s", opt->by && *opt->by ? "," : "",
             opt->by ? opt->by : "");
    for (char *tok = spec, *next; tok && st == CEO_OK; tok = next) {
        next = strchr(tok, ',');
        if (next)
            *next++ = '\0';
        while (*tok == ' ')
            tok++;
        if (!*tok || (strcmp(tok, "totaal") == 0 && tok != spec))
            continue;
        dim d;
        memset(&d, 0, sizeof d);
        st = dim_build(t, tok, opt->period, &d, err);
        if (st == CEO_OK && strcmp(tok, "totaal") == 0 && opt->total_label) {
            char *lab = ceo_strdup(opt->total_label);
            if (lab) {
                ceo_free(d.gnames[0]);
                d.gnames[0] = lab;
            }
        }
        /* The rows point at the dimension's names: the result keeps them. */
        if (st == CEO_OK)
            st = do_dimension(&j, &d);
        if (st == CEO_OK) {
            /* keep() owns the string from the call on, kept or freed. */
            for (size_t g = 0; g < d.ngroups && st == CEO_OK; g++) {
                if (!keep(res, d.gnames[g]))
                    st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
                d.gnames[g] = NULL;
            }
            if (st == CEO_OK) {
                if (!keep(res, d.name))
                    st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
                d.name = NULL;
            }
        }
        dim_free(&d);
    }
    if (st == CEO_OK)
        st = compare_periods(res, err);
    if (st == CEO_OK && opt->compare) {
        st_options popt = *opt;
        popt.compare = NULL;
        popt.external_weights = NULL;
        popt.strata = NULL;
        st_result *prev = st_compute(opt->compare, &popt, err);
        if (!prev)
            st = err && err->code ? err->code : CEO_ENOMEM;
        else
            st = compare_results(res, prev, err);
        st_result_free(prev);
    }
    /* Suppressed rows show nothing; then Benjamini-Hochberg within each family of tests. */
    for (size_t i = 0; st == CEO_OK && i < res->n; i++)
        if (res->rows[i].suppressed)
            blank(&res->rows[i]);
    if (st == CEO_OK) {
        drop_untested(res, j.cb);
        st = adjust_families(res, err);
    }
    pubpop_free(pp);
    if (st != CEO_OK) {
        st_result_free(res);
        return NULL;
    }
    build_index(res);
    return res;
}
