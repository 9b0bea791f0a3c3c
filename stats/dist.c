/*
 * dist.c - distributions, intervals and tests: the adapter of R's standalone math library
 * (Rmath.h, Debian r-mathlib), so that every quantile and p-value ceo prints comes from the
 * code R itself runs rather than from a copy checked against it; the intervals and tests on
 * top are the formulas of DESIGN.md ("Definitions"), as R's prop.test, fisher.test, t.test and
 * survey's svyciprop and svyttest compute them.
 *
 * Only this file includes Rmath.h. Its functions are pure (no state is touched but the random
 * generator's, which ceo does not use), so the figures and the trend may be computed on two
 * threads at once. The standalone library reports trouble (an argument out of its domain, full
 * precision not reached) by printing a line, not with a status; the guards below keep every
 * argument in the domains where R's code has nothing to report, since a library of ours never
 * prints.
 */
#include "dist.h"

#include <math.h>
#include <stdlib.h>

#define MATHLIB_STANDALONE 1
#include <Rmath.h>

double st_pnorm(double x)
{
    return pnorm(x, 0.0, 1.0, 1, 0);
}

double st_qnorm(double p)
{
    return qnorm(p, 0.0, 1.0, 1, 0);
}

double st_ibeta(double x, double a, double b)
{
    return pbeta(x, a, b, 1, 0);
}

double st_pt(double t, double df)
{
    if (isnan(t) || !(df > 0))
        return NAN;
    return pt(t, df, 1, 0);
}

double st_qt(double p, double df)
{
    if (!(p > 0 && p < 1) || !(df > 0))
        return NAN;
    return qt(p, df, 1, 0);
}

double st_qbeta(double p, double a, double b)
{
    if (isnan(p) || isnan(a) || isnan(b) || p < 0 || p > 1 || a < 0 || b < 0 || (a == 0 && b == 0))
        return NAN;
    return qbeta(p, a, b, 1, 0);
}

void st_korn_graubard(double p, double neff, double *lo, double *hi)
{
    if (!(neff > 0) || isnan(p)) {
        *lo = *hi = NAN;
        return;
    }
    *lo = p > 0 ? st_qbeta(0.025, neff * p, neff * (1 - p) + 1) : 0;
    *hi = p < 1 ? st_qbeta(0.975, neff * p + 1, neff * (1 - p)) : 1;
}

double st_design_t_test(double m1, double ss1, double w1, long n1, double m2, double ss2, double w2,
                        long n2, double cross, double nall, const char **test)
{
    if (n1 < 1 || n2 < 1 || n1 + n2 < 3 || !(w1 > 0) || !(w2 > 0) || !(nall > 1))
        return NAN;
    double v = nall / (nall - 1) * (ss1 / (w1 * w1) + ss2 / (w2 * w2) + cross);
    if (!(v > 0))
        return NAN;
    double t = (m1 - m2) / sqrt(v);
    *test = "design_t";
    return 2 * st_pt(-fabs(t), (double)(n1 + n2 - 2));
}

void st_wilson(double p, double n, double *lo, double *hi)
{
    if (!(n > 0) || isnan(p)) {
        *lo = *hi = NAN;
        return;
    }
    double z = st_qnorm(0.975), z2 = z * z;
    double denom = 1 + z2 / n;
    double center = (p + z2 / (2 * n)) / denom;
    double half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
    *lo = center - half < 0 ? 0 : center - half;
    *hi = center + half > 1 ? 1 : center + half;
}

double st_prop_z_test(double x1, double n1, double x2, double n2)
{
    if (!(n1 > 0) || !(n2 > 0))
        return NAN;
    double p = (x1 + x2) / (n1 + n2);
    if (p <= 0 || p >= 1)
        return NAN;
    double se = sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
    double z = (x1 / n1 - x2 / n2) / se;
    return 2 * st_pnorm(-fabs(z));
}

double st_fisher_exact(long a, long b, long c, long d)
{
    if (a < 0 || b < 0 || c < 0 || d < 0)
        return NAN;
    /* As R's fisher.test(matrix(c(a, c, b, d), 2)): the hypergeometric density of the top left
     * cell over its support, scaled by its largest value, and the share of the tables no more
     * likely than the one seen (with R's relative tolerance of 1e-7). */
    double m = (double)(a + c), n = (double)(b + d), k = (double)(a + b);
    if (m + n == 0)
        return 1;
    long lo = (long)(k - n > 0 ? k - n : 0), hi = (long)(k < m ? k : m);
    double dmax = -INFINITY;
    for (long x = lo; x <= hi; x++) {
        double ld = dhyper((double)x, m, n, k, 1);
        if (ld > dmax)
            dmax = ld;
    }
    double pobs = exp(dhyper((double)a, m, n, k, 1) - dmax) * (1 + 1e-7);
    double sum = 0, seen = 0;
    for (long x = lo; x <= hi; x++) {
        double dx = exp(dhyper((double)x, m, n, k, 1) - dmax);
        sum += dx;
        if (dx <= pobs)
            seen += dx;
    }
    return seen / sum;
}

/* qsort has no context argument, so the values to sort by are passed through this pointer,
 * one per thread, for the duration of one st_bh_adjust call. */
static _Thread_local const double *bh_p;

static int by_p(const void *x, const void *y)
{
    double a = bh_p[*(const size_t *)x], b = bh_p[*(const size_t *)y];
    return a < b ? -1 : a > b ? 1 : 0;
}

void st_bh_adjust(const double *p, double *q, size_t n, size_t *order)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(p[i]))
            order[m++] = i;
    bh_p = p;
    qsort(order, m, sizeof *order, by_p);
    bh_p = NULL;
    /* From the largest p down: q = min(q of the next larger p, p * m / rank). Each step reads
     * p at an index before writing q there, so q may be p. */
    double prev = 1;
    for (size_t r = m; r-- > 0;) {
        double v = p[order[r]] * (double)m / (double)(r + 1);
        if (v < prev)
            prev = v;
        q[order[r]] = prev;
    }
    if (q != p)
        for (size_t i = 0; i < n; i++)
            if (isnan(p[i]))
                q[i] = NAN;
}

double st_two_prop_test(long x1, long n1, long x2, long n2, const char **test)
{
    if (n1 <= 0 || n2 <= 0)
        return NAN;
    double pp = (double)(x1 + x2) / (double)(n1 + n2);
    double e[4] = {n1 * pp, n1 * (1 - pp), n2 * pp, n2 * (1 - pp)};
    int small = 0;
    for (int i = 0; i < 4; i++)
        small |= e[i] < 5;
    if (small) {
        *test = "fisher";
        return st_fisher_exact(x1, n1 - x1, x2, n2 - x2);
    }
    double p = st_prop_z_test((double)x1, (double)n1, (double)x2, (double)n2);
    *test = isnan(p) ? "" : "z";
    return p;
}

double st_welch_test(double m1, double v1, long n1, double m2, double v2, long n2,
                     const char **test)
{
    if (n1 < 2 || n2 < 2)
        return NAN;
    double a = v1 / (double)n1, b = v2 / (double)n2;
    if (!(a + b > 0))
        return NAN;
    double t = (m1 - m2) / sqrt(a + b);
    double df = (a + b) * (a + b) / (a * a / (double)(n1 - 1) + b * b / (double)(n2 - 1));
    *test = "welch";
    return 2 * st_pt(-fabs(t), df);
}
