/*
 * stats.h - the figures per dimension, group and question (DESIGN.md, "Definitions").
 *
 * Lifecycle: fill st_options -> st_compute(table) -> read rows -> st_result_free().
 * Rows come in a fixed order: per dimension (totaal first, then as asked), per group (sorted
 * by name; periods in time order), the questions in codebook order, then the themes.
 * Figures that must not be shown (suppressed) are NaN and n is -1 in the row; which rows are
 * hidden and why is docs/METHODS.md ("Disclosure control").
 */
#ifndef CEO_STATS_H
#define CEO_STATS_H

#include <stddef.h>

#include "../survey/survey.h"

typedef struct st_result st_result;

typedef enum { ST_PERIOD_NONE, ST_PERIOD_MONTH, ST_PERIOD_QUARTER, ST_PERIOD_YEAR } st_period;

typedef struct {
    const char *by;                 /* comma list of dimensions; crossings with '+'; NULL: none */
    st_period period;               /* how the 'periode' dimension groups dates */
    int weights;                    /* weight by the gewicht column */
    long min_n;                     /* below: suppressed (st_min_n) */
    long indicative_n;              /* below: marked indicative (st_indicative_n) */
    const char *total_label;        /* the group name of the whole region ("totaal" when NULL) */
    const sv_table *compare;        /* a previous export to compare every row with, or NULL */
    const double *external_weights; /* per-respondent weights from elsewhere (such as
                                       post-stratification), or NULL; overrides 'weights' */
    /* With post-stratification weights: each respondent's post-stratum (0 .. nstrata - 1,
     * st_poststratify), within which every weight is the same; the design-based variances then
     * take the post-strata into account (as R survey's postStratify). NULL: weights only. */
    const int *strata;
    size_t nstrata;
    int threads;        /* at most this many threads (and 8) count a large table (50,000 respondents
                           or more); 0: one per processor. The rows are the same, bit for bit. */
    int by_respondents; /* count every dimension respondent by respondent, not by the cells of
                           the published population (for tests: the rows are the same) */
    /* Comma list of themes: only their questions and theme rows (a report's trend draws its
     * themes only); NULL: every question. The rows made are those of a run without it, q-values
     * included: a family of tests is one theme's questions (see st_row). */
    const char *themes;
    /* The rows of a previous run to compare every row with (a `ceo stats` CSV read back,
     * prevcsv.h), or NULL; used when compare is NULL. */
    const st_result *compare_rows;
} st_options;

typedef struct {
    const char *dimension; /* "totaal", "gemeente", "gemeente+aanbieder", ... */
    const char *group;
    const char *question; /* item id, or "id:option"; "" on a theme row */
    const char *theme;    /* "" when none */
    long n;               /* valid base (unweighted); -1 when suppressed */
    /* ci_low and ci_high: the 95% interval of pct_positive when the row has one (for a
     * score: of % 9-10), else of mean, kept within the scale (a mark 1-10). */
    double pct_positive, ci_low, ci_high, pct_negative, mean, median;
    double n_effective; /* Kish's effective n when weighted, else n */
    int suppressed, indicative;
    /* Only satisfaction items are tested (st_tested_item); background items and theme rows
     * are not. q-values are Benjamini-Hochberg within one family: the rows of one dimension
     * whose questions share a theme (the questions without a theme are one more set), the
     * tests against the rest apart from those against the previous value. So a q-value does
     * not change with the other dimensions, --compare or --themes. */
    /* Why a row is hidden: "primary" (its group is below min_n, or left out with a small
     * group of another dimension), "complementary" (hidden so that no primary row can be
     * worked out), "" when shown. */
    const char *suppression;
    /* On a region row: the figures are over the published groups only (respondents of hidden
     * groups are in no figure of the run). */
    int published_only;
    /* On a hidden row: its respondents are left out of every figure of the run (its group,
     * or a part of its crossing, is below min_n in a dimension of the publication). */
    int left_out;
    double p_vs_rest, q_vs_rest; /* NaN when not tested */
    const char *test;            /* "z", "fisher", "welch", "design_t" (weighted) or "" */
    char *distribution;          /* "category:count|..." (unweighted), NULL when none */
    /* The same group in the previous period ('periode' rows) or in the --compare export: its
     * n and figure (pct_positive, or mean for numbers), and the test of the difference. */
    long prev_n; /* -1 when there is nothing to compare with */
    double prev_value, p_vs_prev, q_vs_prev;
    const char *test_prev;
    /* Unweighted raw material of the tests: positives (proportions) or the standard
     * deviation (numbers). */
    long positives;
    double sd;
    /* Weighted raw material of the design-based tests (also set unweighted, each weight 1):
     * the weight sum of the valid base and the sum of w^2 (y - estimate)^2 over it, y the 0/1
     * answer of a proportion or the number. */
    double w_sum, lin_ss;
    /* Post-stratified runs (st_options.strata): per post-stratum the weight sum and the sum of
     * w y over the valid base (2 per stratum), owned by the result; NULL otherwise. lin_ss is
     * then less the post-strata's share (as R survey's postStratify). */
    double *strata_sums;
} st_row;

/* A hidden count of a crossing is never bounded to fewer than this many possible values
 * apart (max - min) by what the run publishes: the audit of the tests checks it. */
#define ST_PROTECT_WIDTH 3

/* The group of the respondents who gave no value for a dimension's item; it sorts last. */
#define ST_UNKNOWN_GROUP "(onbekend)"

/* What an error of st_compute concerns of the options, beside its message (ceo_error.about):
 * weighting (st_options.weights) asked for without a gewicht column or with a weight that is no
 * weight, or a 'periode' dimension without st_options.period. */
#define ST_ABOUT_WEIGHTS "weights"
#define ST_ABOUT_PERIOD "period"

/* The thresholds' defaults (DESIGN.md, "Small groups"); a project file's [drempels] section
 * sets its own (min_n, indicatief_n). */
#define ST_MIN_N 10
#define ST_INDICATIVE_N 30

/* min_n of a run: given when above 0 (a command's option), else the project's [drempels] min_n,
 * else ST_MIN_N. proj may be NULL. */
long st_min_n(const sv_project *proj, long given);
/* indicative_n of a run: the project's [drempels] indicatief_n, else ST_INDICATIVE_N. */
long st_indicative_n(const sv_project *proj);

/* Whether the item is a satisfaction item, the only kind tested: a statement (likert), a yes/no
 * question, a mark or a score, outside the roles, background and contact sections. */
int st_tested_item(const sv_item *it);

/* Computes every row. Returns NULL with err set on bad options (an unknown dimension, a
 * 'periode' without dates, weights without a gewicht column) or out of memory. */
st_result *st_compute(const sv_table *t, const st_options *opt, ceo_error *err);
void st_result_free(st_result *r);

/* The optional roles, comma-joined: an export may have no column for them (DESIGN.md). */
#define ST_OPTIONAL_ROLES "aanbieder,voorziening"

/* For a command's own choice of dimensions (not one the user asked for, which st_compute
 * refuses): the comma list by without the dimensions that need an optional role the table has
 * no column for (a crossing when any of its parts does), unless the role is in needed (a comma
 * list, or NULL), written to buf (size bytes). The roles left out go to left_out (lsize
 * bytes), comma-joined in the order met and each once ("" when none). Returns buf, or NULL
 * when either is too small. */
/* The first dimension of by (or part of a crossing) that is an item of the codebook whose
 * column the table lacks, written to out (size bytes); returns out, or NULL ("" in out) when
 * every one has its column. */
const char *st_dim_missing(const sv_table *t, const char *by, char *out, size_t size);

const char *st_dims_present(const sv_table *t, const char *by, const char *needed, char *buf,
                            size_t size, char *left_out, size_t lsize);

size_t st_result_count(const st_result *r);
/* Whether the run counted some dimension by the cells of its published population rather than
 * respondent by respondent (the rows are the same either way; for tests). */
int st_result_by_cells(const st_result *r);
const st_row *st_result_row(const st_result *r, size_t i);

/* The first row of (dimension, group, question, theme), or NULL; group NULL matches any
 * group, theme "" the rows without one. A hash lookup: reports ask for thousands of rows. */
const st_row *st_result_find(const st_result *r, const char *dim, const char *group,
                             const char *question, const char *theme);

#endif
