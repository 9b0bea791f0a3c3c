/*
 * dashboard.h - the region's dashboard: one self-contained HTML file (no request to any other
 * host, styles and script inline, lang="nl") with the figures of the whole region and filters
 * for gemeente, voorziening, aanbieder and period.
 *
 * Lifecycle: read the answers (the caller) -> fill rp_dash_options -> rp_dashboard_write().
 * The figures come from st_compute runs that `ceo stats` makes with the same options (the
 * dimensions below, the same min_n), so every number in the file equals one of its rows; a
 * row that disclosure control hides is written as hidden, with no n and no figure. The page's
 * style and script are files of templates/dashboard, its sentences keys of the texts file.
 */
#ifndef CEO_DASHBOARD_H
#define CEO_DASHBOARD_H

#include <stddef.h>

#include "../survey/project.h"
#include "../survey/survey.h"

/* The dimensions of the figures: of the whole selection (and of the last twelve months), and
 * per period (once per quarter, once per year). Those whose column the answers lack
 * (aanbieder, voorziening) are left out. */
#define RP_DASH_DIMS "gemeente,aanbieder,voorziening,gemeente+aanbieder"
#define RP_DASH_PERIOD_DIMS "periode,gemeente+periode,voorziening+periode,aanbieder+periode"

typedef struct {
    const sv_table *t;       /* the answers of the selection */
    const sv_table *rolling; /* the last twelve months (a store's --rolling 12), or NULL */
    int first, last;         /* YYYYMM of the selection's first and last answer, 0 when undated */
    int rolling_from, rolling_to; /* YYYYMM of the twelve months */
    const sv_project *proj;       /* or NULL: no region name, thresholds, texts */
    long min_n;                   /* <= 0: the project's [drempels] min_n, else ST_MIN_N */
    const char *texts;            /* the texts file when the project names none */
    const char *page_dir;         /* the folder of dashboard.css and dashboard.js */
} rp_dash_options;

typedef struct {
    char left_out[64]; /* the optional roles the answers have no column for ("" when none) */
    char missing[64];  /* when the figures could not be computed: a dimension with no column */
    size_t bytes;      /* the size of the file written */
    size_t views;      /* selections with figures (period x group) */
} rp_dash_result;

/* Computes the figures and writes the dashboard to path (never half-written). CEO_OK, or the
 * error in err. */
ceo_status rp_dashboard_write(const rp_dash_options *o, const char *path, rp_dash_result *out,
                              ceo_error *err);

#endif
