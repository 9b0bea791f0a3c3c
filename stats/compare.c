/*
 * compare.c - each row against the same row before: a period against the previous period, or
 * every row against a previous export (st_options.compare); the prev_* fields of st_row and the
 * test of the difference (design-based when weighted).
 */
#include "statspriv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dist.h"

/* Weighted: the two rows' estimates by svyttest, in one sample of nall respondents; rows of
 * one post-stratified run are tied through their post-strata (res; NULL: not). */
static void design_prev(st_row *cur, double m1, const st_row *old, double m2, double nall,
                        const st_result *res)
{
    double cross = 0;
    if (res && res->H && cur->strata_sums && old->strata_sums && cur->w_sum > 0 && old->w_sum > 0)
        cross = 2 *
                st_strata_share(cur->strata_sums, m1, old->strata_sums, m2, res->strata_n, res->H) /
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
        if (isnan(old->sd) && !design)
            return; /* read back from a CSV without what the test needs (prevcsv.c) */
        if (design)
            design_prev(cur, cur->mean, old, old->mean, nall, res);
        else
            st_welch(cur->mean, cur->sd * cur->sd, cur->n, old->mean, old->sd * old->sd, old->n,
                     &cur->p_vs_prev, &cur->test_prev);
    } else if (!isnan(cur->pct_positive) && !isnan(old->pct_positive)) {
        cur->prev_value = old->pct_positive;
        if (!*cur->question) /* theme rows are means of percentages: no test */
            return;
        if (old->positives < 0)
            return; /* read back from a CSV without its counts (prevcsv.c) */
        if (design)
            design_prev(cur, cur->pct_positive / 100, old, old->pct_positive / 100, nall, res);
        else
            st_two_prop(cur->positives, cur->n, old->positives, old->n, &cur->p_vs_prev,
                        &cur->test_prev);
    }
}

/* The group a row is matched by: the region's row by its dimension alone, as the region may be
 * named otherwise in the previous run ("totaal" in a CSV written without a project file). */
static const char *match_group(const st_row *r)
{
    return strcmp(r->dimension, "totaal") == 0 ? "" : r->group;
}

static int same_key(const st_row *a, const st_row *b)
{
    return strcmp(a->dimension, b->dimension) == 0 && strcmp(match_group(a), match_group(b)) == 0 &&
           strcmp(a->question, b->question) == 0 && strcmp(a->theme, b->theme) == 0;
}

/* 'periode' rows: each period against the one before it, same question. Rows of one question
 * are consecutive, periods in time order, so the previous period is the previous row of the
 * same question (ST_UNKNOWN_GROUP comes last and is compared with nothing). */
ceo_status st_compare_periods(st_result *res, ceo_error *err)
{
    (void)err;
    for (size_t i = 1; i < res->n; i++) {
        st_row *cur = &res->rows[i], *old = &res->rows[i - 1];
        if (strcmp(cur->dimension, "periode") != 0 || strcmp(old->dimension, "periode") != 0 ||
            strcmp(cur->question, old->question) != 0 || strcmp(cur->theme, old->theme) != 0 ||
            strcmp(cur->group, ST_UNKNOWN_GROUP) == 0 || strcmp(old->group, ST_UNKNOWN_GROUP) == 0)
            continue;
        compare_rows(cur, old, res->weighted, (double)res->nall, res);
    }
    return CEO_OK;
}

/* Every row against the same row of a previous export, or of a previous `ceo stats` CSV read
 * back (prevcsv.c). */
ceo_status st_compare_results(st_result *cur, const st_result *prev, ceo_error *err)
{
    sv_strmap *index = sv_strmap_new();
    if (!index)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    ceo_status st = CEO_OK;
    char key[2048];
    for (size_t i = 0; i < prev->n && st == CEO_OK; i++) {
        const st_row *r = &prev->rows[i];
        int len = snprintf(key, sizeof key, "%s\x1f%s\x1f%s\x1f%s", r->dimension, match_group(r),
                           r->question, r->theme);
        if (len > 0 && (size_t)len < sizeof key &&
            sv_strmap_put(index, key, (size_t)len, (int)i) != 0)
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < cur->n && st == CEO_OK; i++) {
        st_row *r = &cur->rows[i];
        if (strcmp(r->dimension, "periode") == 0)
            continue; /* periods are compared among themselves */
        int len = snprintf(key, sizeof key, "%s\x1f%s\x1f%s\x1f%s", r->dimension, match_group(r),
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
