/*
 * dist.c - distributions, intervals and tests, written out so that every figure ceo prints
 * has a known formula behind it (DESIGN.md, "Definitions") and can be checked against R.
 *
 * The t quantile inverts the CDF (incomplete beta by Lentz's continued fraction) with Newton
 * steps guarded by bisection; the normal quantile is Acklam's approximation refined by one
 * Halley step, which brings it to double precision.
 */
#include "dist.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

/* lgamma() sets the global signgam; the figures and the trend are computed on two threads
 * at once (ceo report), so the reentrant form. */
static double lgam(double x)
{
    int sign;
    return lgamma_r(x, &sign);
}

double st_pnorm(double x)
{
    return 0.5 * erfc(-x / sqrt(2.0));
}

double st_qnorm(double p)
{
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                               -2.759285104469687e+02, 1.383577518672690e+02,
                               -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                               -1.556989798598866e+02, 6.680131188771972e+01,
                               -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                               -2.400758277161838e+00, -2.549732539343734e+00,
                               4.374664141464968e+00,  2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                               3.754408661907416e+00};
    if (!(p > 0 && p < 1))
        return p == 0 ? -INFINITY : p == 1 ? INFINITY : NAN;
    double q, x;
    if (p < 0.02425) {
        q = sqrt(-2 * log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - 0.02425) {
        q = p - 0.5;
        double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
        q = sqrt(-2 * log(1 - p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    for (int i = 0; i < 2; i++) { /* Halley refinement */
        double e = st_pnorm(x) - p;
        double u = e * sqrt(2 * M_PI) * exp(x * x / 2);
        x = x - u / (1 + x * u / 2);
    }
    return x;
}

/* Continued fraction of the incomplete beta (modified Lentz). */
static double betacf(double x, double a, double b)
{
    const double tiny = 1e-300;
    double qab = a + b, qap = a + 1, qam = a - 1;
    double c = 1, d = 1 - qab * x / qap;
    if (fabs(d) < tiny)
        d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 10000; m++) {
        int m2 = 2 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1 + aa * d;
        if (fabs(d) < tiny)
            d = tiny;
        c = 1 + aa / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1 + aa * d;
        if (fabs(d) < tiny)
            d = tiny;
        c = 1 + aa / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1) < 1e-16)
            break;
    }
    return h;
}

double st_ibeta(double x, double a, double b)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    double lbt = lgam(a + b) - lgam(a) - lgam(b) + a * log(x) + b * log1p(-x);
    if (x < (a + 1) / (a + b + 2))
        return exp(lbt) * betacf(x, a, b) / a;
    return 1 - exp(lbt) * betacf(1 - x, b, a) / b;
}

double st_pt(double t, double df)
{
    if (isnan(t) || !(df > 0))
        return NAN;
    if (isinf(t))
        return t > 0 ? 1 : 0;
    double x = df / (df + t * t);
    double tail = 0.5 * st_ibeta(x, df / 2, 0.5);
    return t > 0 ? 1 - tail : tail;
}

static double dt(double t, double df)
{
    return exp(lgam((df + 1) / 2) - lgam(df / 2) - 0.5 * log(df * M_PI) -
               (df + 1) / 2 * log1p(t * t / df));
}

double st_qt(double p, double df)
{
    if (!(p > 0 && p < 1) || !(df > 0))
        return NAN;
    if (p == 0.5)
        return 0;
    if (p < 0.5)
        return -st_qt(1 - p, df);
    /* Bracket the root, then Newton steps that must stay inside the bracket. */
    double lo = 0, hi = 1;
    while (st_pt(hi, df) < p && hi < 1e300)
        hi *= 2;
    double x = st_qnorm(p);
    if (!(x > lo && x < hi))
        x = (lo + hi) / 2;
    for (int i = 0; i < 200; i++) {
        double f = st_pt(x, df) - p;
        if (f > 0)
            hi = x;
        else
            lo = x;
        double step = f / dt(x, df), nx = x - step;
        if (!(nx > lo && nx < hi))
            nx = (lo + hi) / 2;
        if (fabs(nx - x) <= 1e-14 * fabs(x))
            return nx;
        x = nx;
    }
    return x;
}

double st_qbeta(double p, double a, double b)
{
    if (isnan(p) || isnan(a) || isnan(b) || p < 0 || p > 1 || a < 0 || b < 0 || (a == 0 && b == 0))
        return NAN;
    if (a == 0 || p == 0)
        return 0;
    if (b == 0 || p == 1)
        return 1;
    /* The CDF is monotone: halve the bracket until it no longer shrinks (about 1075 steps at
     * most for a root near 0, where doubles are dense; some 60 elsewhere). */
    double lo = 0, hi = 1;
    for (int i = 0; i < 2000; i++) {
        double mid = lo + (hi - lo) / 2;
        if (!(mid > lo && mid < hi))
            break;
        if (st_ibeta(mid, a, b) < p)
            lo = mid;
        else
            hi = mid;
    }
    return lo + (hi - lo) / 2;
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

static double lchoose(long n, long k)
{
    return lgam((double)n + 1) - lgam((double)k + 1) - lgam((double)(n - k) + 1);
}

double st_fisher_exact(long a, long b, long c, long d)
{
    if (a < 0 || b < 0 || c < 0 || d < 0)
        return NAN;
    long r1 = a + b, c1 = a + c, n = a + b + c + d;
    if (n == 0)
        return 1;
    long lo = c1 - (n - r1) > 0 ? c1 - (n - r1) : 0, hi = r1 < c1 ? r1 : c1;
    double base = lchoose(n, c1);
    double pobs = exp(lchoose(r1, a) + lchoose(n - r1, c1 - a) - base);
    double sum = 0;
    for (long k = lo; k <= hi; k++) {
        double pk = exp(lchoose(r1, k) + lchoose(n - r1, c1 - k) - base);
        if (pk <= pobs * (1 + 1e-7))
            sum += pk;
    }
    return sum > 1 ? 1 : sum;
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
