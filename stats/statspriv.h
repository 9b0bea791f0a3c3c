/*
 * statspriv.h - what the files of st_compute share and nothing outside them may see: the
 * result store, a dimension, the per-group sums, the published population (pubpop), the run's
 * job and a question's tally, and the functions each file lends to the others.
 *
 * Shared by stats/result.c, dims.c, infer.c, tally.c, numbers.c, disclose.c, families.c,
 * compare.c and compute.c, which together implement stats.h's st_compute and st_result; no other
 * file includes it. The order of a run is compute.c's: weights and post-strata, the published
 * population (disclose.c), then per dimension (dims.c) a pass per question and theme (tally.c,
 * numbers.c) whose rows are made (infer.c), stored (result.c) and hidden where they must be
 * (disclose.c); then the comparisons (compare.c) and the q-values (families.c).
 */
#ifndef CEO_STATSPRIV_H
#define CEO_STATSPRIV_H

#include <stddef.h>
#include <stdint.h>

#include "../base/strmap.h"
#include "stats.h"

struct st_result {
    st_row *rows;
    size_t n, cap;
    char **strings; /* everything the rows point to that the result owns */
    size_t nstr, str_cap;
    sv_strmap *index; /* "dimension US group US question US theme" -> first row; NULL: none */
    size_t nall;      /* respondents in the table: the sample the design-based variances use */
    int weighted;     /* tests and intervals are design-based (weights on) */
    size_t H;         /* post-strata (0: weights only) */
    long *strata_n;   /* respondents per post-stratum, H of them */
    int by_cells;     /* some dimension was counted by cells (job.hist) */
};

typedef struct {
    char *name;
    int nparts;
    size_t ngroups;
    char **gnames;
    long *part_of; /* for crossings: per group, the group index within each part (2 per group) */
    int *gidx;     /* per respondent */
    size_t *order; /* display order of groups */
    /* while a run counts this dimension by the cells of its published population (job.hist):
     * the group of each cell; not owned */
    const int *cell_gidx;
} dim;

typedef struct {
    long n;         /* unweighted valid answers */
    long pos, neg;  /* unweighted */
    double sw, sw2; /* weights over the valid answers */
    double wpos, wneg;
    double wpos2; /* squared weights over the positives */
    long *cnt;    /* per category, unweighted, all categories */
} catacc;

typedef struct {
    long n;
    double sw, sw2, swy; /* sum w, sum w^2, sum w y */
    double w2y, w2y2;    /* sum w^2 y, sum w^2 y^2: for the linearised variance */
    double sum, sum2;    /* unweighted, for the tests */
    long pos, neg;       /* for scores: 9-10 and 0-6 */
    double wpos, wneg;
    double wpos2;  /* squared weights of the 9-10 answers: the interval of % 9-10 */
    double median; /* of the group's values (set when n > 0) */
} numacc;

/* Weighted sums of a valid base, for the design-based tests: weights w, w * y, w^2, w^2 y and
 * w^2 y^2, with y the 0/1 answer of a proportion or the number. */
typedef struct {
    long n;
    double w, wy, w2, w2y, w2y2;
} wsums;

typedef struct {
    size_t first, count; /* rows of one (dimension, question) over all groups, in row order */
} block;

/* A group below min_n is protected by leaving its respondents out of every figure of the run
 * (docs/METHODS.md ("Disclosure control")): per question, a respondent counts only when none of
 * their groups in the protected dimensions (gemeente, aanbieder, voorziening when the export has
 * them, and every one-part dimension asked for) is small. Leaving respondents out can make
 * another group small, so this repeats until nothing changes. Every figure of the run, the
 * region's and each crossing's included, is then over the same respondents: the hidden
 * groups appear in no sum, and no group with min_n or more loses its own figures to another
 * group's smallness. A slot is a question (by item index) or a theme (after the items). */

#define PP_MAX_DIMS 8
#define PP_MAX_THEMES 16

typedef struct {
    int ndims;
    dim dims[PP_MAX_DIMS];
    size_t off[PP_MAX_DIMS + 1]; /* group k of dim i is flag off[i] + k of a slot */
    size_t nitems, nslots, nthemes;
    const char *themes[PP_MAX_THEMES];
    unsigned char **out; /* per slot: the groups left out, NULL when none */
    unsigned char **ex;  /* per slot: the respondents left out, NULL when none */
    uint16_t **codes;    /* per item: the codes with those left out as missing, or NULL */
    double **nums;
    uint32_t **multi;
    /* The respondents by cell, a combination of one group of each protected dimension: every
     * respondent of a cell is left out or kept together, so the settling counts cells. */
    uint32_t *cell; /* per respondent */
    size_t ncells;
    int *cell_group; /* group of dimension i of cell c: cell_group[c * ndims + i] */
} pubpop;

typedef struct {
    const sv_table *t;
    const sv_codebook *cb;
    const st_options *opt;
    const double *w; /* NULL when unweighted */
    st_result *res;
    ceo_error *err;
    size_t nrows;
    const int *cell;  /* post-stratum per respondent, NULL: none (res->H strata) */
    const pubpop *pp; /* the published population; NULL while it is being found */
    /* Unweighted, and with far fewer cells of the published population than respondents: per
     * slot (question, or theme after them) its counts per cell, made by the first dimension
     * counted by cells (a task writes only its own slot) and added up per group by every
     * dimension whose groups the cells determine. NULL: every dimension counts respondents. */
    uint32_t **hist;
} job;

/* What one pass over the respondents leaves for the rows of a question or a theme, per group
 * by group index (not display order), plus the whole region where the tests need it. Which
 * arrays are set depends on the kind of question; st_tally_free frees whichever are. */
typedef struct {
    long *cnt;        /* scale, meer: per group and category, then the whole region */
    double *wc;       /* scale, meer: the weights per group and category */
    double *w2;       /* scale: squared weights over the valid answers, per group */
    double *w2c;      /* scale, meer: squared weights per group and category (chosen option) */
    double *hc, *hb;  /* post-strata: weights per group, stratum and category (meer: chosen,
                         and hb the base); numbers: hc holds sum w, sum w y per group and
                         stratum */
    long *n;          /* meer: those who answered and were asked the option, per group and
                         option, then the whole region per option, then all who answered;
                         tekst, theme: per group */
    double *sw, *sw2; /* meer: their weights, per group and option */
    numacc *acc;      /* numbers: per group (with its median), then the whole region */
} tally;

/* result.c */
char *st_keep(st_result *r, char *s);
char *st_keep_join(st_result *r, const char *a, const char *b);
st_row *st_new_row(st_result *r);
void st_build_index(st_result *r);

/* dims.c */
void st_dim_free(dim *d);
ceo_status st_dim_single(const sv_table *t, const char *name, st_period period, dim *d,
                         ceo_error *err);
/* The dimension spec (a one-part name or a crossing a+b), its one-part dimensions taken from
 * pp when it holds them (NULL: all built here). */
ceo_status st_dim_build(const sv_table *t, const char *spec, st_period period, const pubpop *pp,
                        dim *d, ceo_error *err);

/* infer.c */
void st_fill_cat_row(st_row *row, const catacc *a, int weighted, size_t nall, double corr);
char *st_distribution(const sv_scale *sc, const long *cnt);
void st_two_prop(long x1, long n1, long x2, long n2, double *p, const char **test);
void st_welch(double m1, double v1, long n1, double m2, double v2, long n2, double *p,
              const char **test);
void st_test_vs_rest(st_row *row, long x1, long n1, long X, long N);
double st_strata_share(const double *ab1, double m1, const double *ab2, double m2, const long *nh,
                       size_t H);
void st_design_vs_rest(st_row *row, const wsums *g, const wsums *all, size_t nall,
                       const double *abg, const double *aball, const st_result *res);
wsums st_prop_sums(long n, double sw, double wpos, double sw2, double wpos2);
double st_var_of(double sum, double sum2, long n);
void st_welch_vs_rest(st_row *row, const numacc *g, const numacc *all);

/* numbers.c */
ceo_status st_tally_num(const job *j, const dim *d, int item, tally *tl, ceo_error *err);
ceo_status st_num_rows(job *j, const dim *d, int item, const tally *tl, size_t *first,
                       size_t *count);

/* tally.c */
double *st_strata_copy(const job *j, const double *ab, size_t g, size_t G, int *fail);
double st_strata_corr(const job *j, const st_row *row, double wy, double w);
double st_weight(const job *j, size_t r);
const double *st_item_numbers(const job *j, int item);
void st_tally_free(tally *tl);
ceo_status st_tally_scale(const job *j, const dim *d, int item, tally *tl, ceo_error *err);
ceo_status st_scale_rows(job *j, const dim *d, int item, const tally *tl, size_t *first,
                         size_t *count);
ceo_status st_tally_multi(const job *j, const dim *d, int item, tally *tl, ceo_error *err);
ceo_status st_multi_rows(job *j, const dim *d, int item, const tally *tl, size_t *first,
                         size_t *count);
ceo_status st_tally_text(const job *j, const dim *d, int item, tally *tl, ceo_error *err);
ceo_status st_text_rows(job *j, const dim *d, int item, const tally *tl, size_t *first,
                        size_t *count);
ceo_status st_tally_theme(const job *j, const dim *d, const char *theme, tally *tl, ceo_error *err);
ceo_status st_theme_rows(job *j, const dim *d, const char *theme, const long *ng,
                         const block *blocks, const int *block_item, size_t nblocks);

/* disclose.c */
void st_blank(st_row *row);
void st_pubpop_free(pubpop *p);
size_t st_pp_theme_slot(const pubpop *p, const char *theme);
void st_suppress(job *j, const dim *d, size_t first, size_t count, size_t slot);
pubpop *st_pp_build(const job *j, ceo_error *err);
/* The index in p of the protected dimension named name (len bytes, a one-part dimension), or
 * -1 (also when p is NULL). */
int st_pp_dim(const pubpop *p, const char *name, size_t len);

/* Work side by side (compute.c). How many threads a run's passes over the respondents take for
 * ntasks tasks (1 for a small table, or while a test makes allocations fail); st_run_tasks
 * calls fn(ctx, k, w) once for every task k < ntasks on n threads, w < n telling the thread
 * (for scratch space of its own), and returns when all are done. */
#define ST_MAX_THREADS 8
size_t st_threads(const job *j, size_t ntasks);
void st_run_tasks(size_t n, size_t ntasks, void (*fn)(void *ctx, size_t k, size_t w), void *ctx);

/* families.c */
void st_drop_untested(st_result *res, const sv_codebook *cb);
ceo_status st_adjust_families(st_result *res, ceo_error *err);

/* compare.c */
ceo_status st_compare_periods(st_result *res, ceo_error *err);
ceo_status st_compare_results(st_result *cur, const st_result *prev, ceo_error *err);

/* compute.c */
int st_counted(const job *j, size_t i);
int st_theme_item(const job *j, size_t i);

#endif
