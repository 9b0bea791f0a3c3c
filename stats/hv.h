/*
 * hv.h - scores of the home-care (huishoudelijke verzorging, HV) providers.
 *
 * Lifecycle: st_compute() with --by "aanbieder,gemeente+aanbieder" -> st_hv_from(result) ->
 * rows -> st_hv_free(). Built from the figures rows, so every number here equals the one in
 * `ceo stats` for the same group; each figure is hidden (NaN) when its own row is suppressed.
 */
#ifndef CEO_HV_H
#define CEO_HV_H

#include "stats.h"

#define ST_HV_ITEMS 7

typedef struct {
    const char *dimension; /* "aanbieder" or "gemeente+aanbieder" */
    const char *group;
    long n;         /* respondents with any valid answer on an HV statement (in an export without HV
                       statements: the larger n of hv_cijfer and hv_aanbevelen); -1 when hidden */
    int suppressed; /* every figure of the row is hidden */
    int indicative;
    long mark_n;
    double mark, mark_low, mark_high; /* mean hv_cijfer with its 95% t-interval */
    double composite;                 /* mean % positive over the HV items */
    double nps, nps_low, nps_high;    /* % 9-10 minus % 0-6 of hv_aanbevelen, 95% interval */
    long nps_n;
    int rank;                /* by mean mark among the providers shown (in a gemeente: within it) */
    double p_mark, q_mark;   /* the mark against the rest of the region (Welch, BH) */
    double pct[ST_HV_ITEMS]; /* % positive per HV item, in st_hv_items order */
} st_hv_row;

extern const char *const st_hv_items[ST_HV_ITEMS];

typedef struct st_hv st_hv;

st_hv *st_hv_from(const st_result *r, ceo_error *err);
void st_hv_free(st_hv *h);
size_t st_hv_count(const st_hv *h);
const st_hv_row *st_hv_row_at(const st_hv *h, size_t i);

#endif
