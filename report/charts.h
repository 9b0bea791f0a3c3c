/*
 * charts.h - vector charts drawn into an rp_doc at its cursor (see layout.h).
 *
 * Each chart reserves its height (starting a new page when it does not fit), draws, and moves
 * the cursor below itself. Labels are wrapped into their column and percentages are written
 * inside a bar segment only when they fit it, so no two labels ever overlap. Colours come from
 * a colour-blind-safe diverging palette (ColorBrewer PuOr).
 */
#ifndef CEO_CHARTS_H
#define CEO_CHARTS_H

#include "layout.h"

/* One Likert item: the shares (0-100 of the valid base) of helemaal niet mee eens, niet mee
 * eens, neutraal, mee eens, helemaal mee eens. */
typedef struct {
    const char *label;
    double share[5];
} rp_likert_bar;

/* Diverging stacked bars: negative categories left of zero, positive right, the neutral
 * share split across the zero line. legend: the five category names. */
ceo_status rp_chart_likert(rp_doc *d, const rp_likert_bar *bars, size_t n,
                           const char *const legend[5], ceo_error *err);

/* One group's figure with its interval. */
typedef struct {
    const char *label;
    double value, low, high; /* NaN low/high: no whisker */
    int highlight;           /* the group the report is about */
} rp_ci_bar;

/* Horizontal bars on a 0..max scale with interval whiskers and a dashed reference line (the
 * region) when ref is not NaN. unit: "%" or "" (marks). ref_label names the reference. */
ceo_status rp_chart_ci_bars(rp_doc *d, const rp_ci_bar *bars, size_t n, double max,
                            const char *unit, double ref, const char *ref_label, ceo_error *err);

/* A dot plot of marks with intervals on a lo..hi scale, with a reference line. */
ceo_status rp_chart_dots(rp_doc *d, const rp_ci_bar *dots, size_t n, double lo, double hi,
                         double ref, const char *ref_label, ceo_error *err);

/* A line chart: nseries series over nperiods periods (values row-major per series, NaN for a
 * missing point), y from 0 to 100. */
ceo_status rp_chart_trend(rp_doc *d, const char *const *periods, size_t nperiods,
                          const char *const *series, const double *values, size_t nseries,
                          ceo_error *err);

/* Dutch number text: "78,4%" (digits decimals, unit appended), "–" for NaN. */
void rp_fmt_num(char *buf, size_t size, double v, int digits, const char *unit);

#endif
