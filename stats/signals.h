/*
 * signals.h - where additional research should look: groups whose dissatisfaction stands out.
 *
 * Lifecycle: st_compute() unweighted with the dimensions to search (such as
 * "gemeente,aanbieder,voorziening,gemeente+aanbieder") -> st_signals_find(result, rules) ->
 * read the signals -> st_signals_free().
 *
 * A group signals on an item when its share of negative answers is above the rest of the
 * region's with a Benjamini-Hochberg q below alpha over all the tests of the output (marks and
 * scores: a lower mean, Welch), or when its % positive on an item or theme is below
 * min_positive. A crossing is left out where one of its parts signals on the same question or
 * theme, since the part explains it. Suppressed groups (below min_n, or hidden to protect one that
 * is) never signal. The figures are those of the rows of the result, so they equal `ceo stats`.
 */
#ifndef CEO_SIGNALS_H
#define CEO_SIGNALS_H
#include "flag.h"
#include "stats.h"

typedef struct {
    double alpha;        /* q below this is significant (0.05) */
    double min_positive; /* % positive (0-100) below which a group signals; NaN: no threshold */
} st_signal_options;

typedef struct {
    const st_row *row; /* the group's row of the result */
    long rest_n;       /* the rest of the region on the same question */
    double rest_value; /* its % negative, or its mean for marks and scores */
    double value;      /* the group's % negative, or its mean */
    double p, q;       /* NaN when not tested (themes) */
    const char *test;  /* "z", "fisher", "welch" or "" */
    int significant;   /* worse than the rest with q < alpha */
    int below_threshold;
    char *target;   /* the group in words: "HV-cliënten van Zorgkracht in Culemborg" */
    char *question; /* a research question in Dutch */
} st_signal;

typedef struct st_signals st_signals;

st_signals *st_signals_find(const st_result *res, const sv_codebook *cb, const st_rules *rules,
                            const st_signal_options *opt, ceo_error *err);
void st_signals_free(st_signals *s);
size_t st_signals_count(const st_signals *s);
const st_signal *st_signals_at(const st_signals *s, size_t i);

#endif
