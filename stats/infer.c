/*
 * infer.c - from a group's sums to its row's figures: a proportion with its interval (Wilson, or
 * Korn-Graubard when weighted), the answer distribution, and the tests of the group against the
 * rest of the region (two proportions, Welch, design-based t with post-strata). The formulas
 * are in dist.c; this file chooses and feeds them.
 */
#include "statspriv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dist.h"

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
void st_fill_cat_row(st_row *row, const catacc *a, int weighted, size_t nall, double corr)
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

char *st_distribution(const sv_scale *sc, const long *cnt)
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
void st_two_prop(long x1, long n1, long x2, long n2, double *p, const char **test)
{
    if (n1 > 0 && n2 > 0)
        *p = st_two_prop_test(x1, n1, x2, n2, test);
}

void st_welch(double m1, double v1, long n1, double m2, double v2, long n2, double *p,
              const char **test)
{
    double v = st_welch_test(m1, v1, n1, m2, v2, n2, test);
    if (!isnan(v))
        *p = v;
}

/* The group's positives against the rest of the region. */
void st_test_vs_rest(st_row *row, long x1, long n1, long X, long N)
{
    st_two_prop(x1, n1, X - x1, N - n1, &row->p_vs_rest, &row->test);
}

static double wsums_ss(const wsums *s, double m)
{
    return s->w2y2 - 2 * m * s->w2y + m * m * s->w2;
}

/* Post-stratified: the post-strata's share of the variance of two domain estimates m1, m2,
 * sum over the strata of d1 d2 / n_h with d = sum(w y) - m sum(w) in the stratum; ab1 and ab2
 * hold (sum w, sum w y) per stratum. With the same domain twice it is what the post-strata take
 * from its sum of w^2 (y - m)^2; between two domains it ties them (st_design_t_test's cross). */
double st_strata_share(const double *ab1, double m1, const double *ab2, double m2, const long *nh,
                       size_t H)
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
void st_design_vs_rest(st_row *row, const wsums *g, const wsums *all, size_t nall,
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
wsums st_prop_sums(long n, double sw, double wpos, double sw2, double wpos2)
{
    wsums s = {n, sw, wpos, sw2, wpos2, wpos2};
    return s;
}

double st_var_of(double sum, double sum2, long n)
{
    return n >= 2 ? (sum2 - sum * sum / (double)n) / (double)(n - 1) : NAN;
}

void st_welch_vs_rest(st_row *row, const numacc *g, const numacc *all)
{
    long n1 = g->n, n2 = all->n - g->n;
    if (n1 < 2 || n2 < 2)
        return;
    double s1 = g->sum, s2 = all->sum - g->sum;
    st_welch(s1 / (double)n1, st_var_of(s1, g->sum2, n1), n1, s2 / (double)n2,
             st_var_of(s2, all->sum2 - g->sum2, n2), n2, &row->p_vs_rest, &row->test);
}
