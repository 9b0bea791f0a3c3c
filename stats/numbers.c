/*
 * numbers.c - marks, scores and numbers: the pass that sums them per group, the medians (counted
 * in a histogram for whole and half marks, else by selection; weighted as R survey's
 * svyquantile), and their rows: mean with its interval, median, and for scores % 9-10.
 */
#include "statspriv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dist.h"

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

/* Counts y in the group's histogram h; returns 0 when y cannot be st_counted (then the values are
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
ceo_status st_tally_num(const job *j, const dim *d, int item, tally *tl, ceo_error *err)
{
    const sv_item *it = sv_codebook_item(j->cb, (size_t)item);
    const double *v = st_item_numbers(j, item);
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
        double w = st_weight(j, r), y = v[r];
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
        st_fill_cat_row(&tmp, &c, weighted, nall, 0);
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
ceo_status st_num_rows(job *j, const dim *d, int item, const tally *tl, size_t *first,
                       size_t *count)
{
    const sv_item *it = sv_codebook_item(j->cb, (size_t)item);
    const numacc *acc = tl->acc;
    size_t G = d->ngroups;
    int score = it->type == SV_T_SCORE, fail = 0;
    *first = j->res->n;
    *count = 0;
    double *aball = st_strata_copy(j, tl->hc, G, G, &fail);
    for (size_t i = 0; i < G && !fail; i++) {
        size_t g = d->order[i];
        st_row *row = st_new_row(j->res);
        if (!row) {
            fail = 1;
            break;
        }
        row->dimension = d->name;
        row->group = d->gnames[g];
        row->question = it->id;
        row->theme = it->theme;
        row->strata_sums = st_strata_copy(j, tl->hc, g, G, &fail);
        fill_num_row(row, &acc[g], j->w != NULL, j->nrows, score,
                     st_strata_corr(j, row, acc[g].swy, acc[g].sw));
        interval_of_figure(row, &acc[g], it, j->w != NULL, j->nrows);
        row->sd = sqrt(st_var_of(acc[g].sum, acc[g].sum2, acc[g].n));
        if (strcmp(d->name, "totaal") != 0 && !j->w) {
            st_welch_vs_rest(row, &acc[g], &acc[G]);
        } else if (strcmp(d->name, "totaal") != 0) {
            const numacc *x = &acc[g], *y = &acc[G];
            wsums gs = {x->n, x->sw, x->swy, x->sw2, x->w2y, x->w2y2};
            wsums all = {y->n, y->sw, y->swy, y->sw2, y->w2y, y->w2y2};
            st_design_vs_rest(row, &gs, &all, j->nrows, row->strata_sums, aball, j->res);
        }
        (*count)++;
    }
    ceo_free(aball);
    if (fail)
        return ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    return CEO_OK;
}
