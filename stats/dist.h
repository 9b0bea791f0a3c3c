/*
 * dist.h - the statistical primitives of ceo: distributions, intervals and tests.
 *
 * Pure functions, no state, no allocation except st_bh_adjust's caller-provided arrays. The
 * distributions are R's own (its standalone math library, behind dist.c); make crosscheck
 * compares the intervals and tests built on them with R and R's survey package.
 */
#ifndef CEO_DIST_H
#define CEO_DIST_H

#include <stddef.h>

/* Standard normal CDF and quantile (0 < p < 1). */
double st_pnorm(double x);
double st_qnorm(double p);

/* Student t CDF with df degrees of freedom (df > 0) and its quantile (0 < p < 1). */
double st_pt(double t, double df);
double st_qt(double p, double df);

/* Regularised incomplete beta I_x(a, b) (R's pbeta). */
double st_ibeta(double x, double a, double b);

/* Quantile of the beta distribution with shapes a, b >= 0 (as R's qbeta; a = 0 is the point
 * mass at 0, b = 0 the one at 1), 0 <= p <= 1; NaN outside these ranges. */
double st_qbeta(double p, double a, double b);

/* The 95% Korn-Graubard interval for a weighted proportion p with effective n neff (R survey's
 * svyciprop(method = "beta")): the Clopper-Pearson interval of neff * p successes in neff
 * trials, [qbeta(0.025, neff p, neff (1 - p) + 1), qbeta(0.975, neff p + 1, neff (1 - p))],
 * 0 at p = 0 and 1 at p = 1. Bounds as proportions; neff <= 0 gives NaN bounds. */
void st_korn_graubard(double p, double neff, double *lo, double *hi);

/* The 95% Wilson score interval (no continuity correction, as R's prop.test(correct=FALSE))
 * for proportion p observed on n (n may be Kish's effective n, not a whole number). Writes
 * the bounds as proportions (0..1). n <= 0 gives NaN bounds. */
void st_wilson(double p, double n, double *lo, double *hi);

/* Two-sided p-value of the pooled two-proportion z-test of x1/n1 against x2/n2 (the same as
 * R's prop.test(correct=FALSE)); NaN when a group is empty or the pooled proportion is 0
 * or 1. */
double st_prop_z_test(double x1, double n1, double x2, double n2);

/* Two-sided p-value of Fisher's exact test on the 2x2 table [[a, b], [c, d]] (as R's
 * fisher.test: the sum of the probabilities of tables no more likely than the one seen). */
double st_fisher_exact(long a, long b, long c, long d);

/* Two-sided test of x1/n1 against x2/n2 as ceo uses it: the pooled z-test, or Fisher's exact
 * test when an expected count is below 5. Sets *test to "z" or "fisher" ("" when z is
 * undefined); returns NaN and leaves *test alone when a side is empty. */
double st_two_prop_test(long x1, long n1, long x2, long n2, const char **test);

/* Welch's two-sided t-test of two means from their means, variances and sizes. Sets *test to
 * "welch"; returns NaN and leaves *test alone when a side has fewer than 2 values or both
 * variances are 0. */
double st_welch_test(double m1, double v1, long n1, double m2, double v2, long n2,
                     const char **test);

/* Design-based two-sided t-test of two weighted means (a proportion is the mean of a 0/1
 * answer) in a sample of nall respondents with weights only, as R survey's svyttest(y ~ group)
 * (svyglm, linearisation): per side its mean m, weight sum w, the sum ss of w^2 (y - m)^2 and
 * its number of answers n. The variance of the difference is
 * nall / (nall - 1) * (ss1 / w1^2 + ss2 / w2^2 + cross), the degrees of freedom n1 + n2 - 2;
 * cross is 0 but with post-strata (the term that ties the two sides through them, and ss then
 * less the post-strata's share). Sets *test to "design_t"; returns NaN and leaves *test alone
 * when a side is empty, the degrees of freedom are below 1 or the variance is 0. */
double st_design_t_test(double m1, double ss1, double w1, long n1, double m2, double ss2, double w2,
                        long n2, double cross, double nall, const char **test);

/* Benjamini-Hochberg adjusted p-values (R's p.adjust(method = "BH")). p and q hold n values;
 * NaN entries are left out of the count and come back as NaN. order is scratch space for n
 * indexes. q may be p. */
void st_bh_adjust(const double *p, double *q, size_t n, size_t *order);

#endif
