/*
 * run.h - one run of the reports of a kind: read (through the caller), compute the figures
 * once, draw every report on a pool of threads, put all files in place together.
 *
 * Lifecycle: rp_kind_find(name) -> fill rp_run_options and rp_run_hooks -> rp_run(). What a
 * report kind is (its figures' dimensions, its trend, the column it cannot do without, what
 * else it needs, whose groups get a report each) is a row of the kind table in run.c. The run
 * never prints: warnings and progress go to the hooks, errors to err. Each file (the PDF, the
 * HTML edition or both) goes to a temporary file and all of them are put in place at the end,
 * so a failed run leaves earlier reports as they were.
 */
#ifndef CEO_RUN_H
#define CEO_RUN_H

#include <stddef.h>

#include "../survey/project.h"
#include "../survey/survey.h"
#include "report.h"

/* A report kind: a row of the table in run.c. */
typedef struct {
    const char *name;         /* "gemeente", "regio", "aanbieder": the option and the file names */
    const rp_plan *plan;      /* the pages (rp_report_write) */
    const char *dims;         /* the figures' dimensions, those the exports have columns for */
    const char *needs;        /* a column the kind cannot do without, or NULL */
    const char *trend_dims;   /* the trend per quarter (when the exports have dates) */
    const char *trend_themes; /* the themes the trend draws; NULL: every theme of the codebook */
    const char *groups;       /* the dimension whose groups get a report each; NULL: the region */
    unsigned vws : 1;         /* the VWS accounting data as an appendix */
    unsigned remarks : 1;     /* the open remarks, redacted */
} rp_kind_desc;

/* The kind of that name, or NULL. */
const rp_kind_desc *rp_kind_find(const char *name);

typedef struct {
    const rp_kind_desc *kind;
    const sv_codebook *cb;
    const sv_project *proj; /* or NULL: no region name, year, thresholds, texts, fonts */
    const char *out_dir;    /* NULL: the current folder */
    const char *only;       /* only the report of this group, or NULL */
    int compare;            /* read a previous export too, for the comparison with last year */
    /* Or last year's rows read back from a `ceo stats` CSV (stats/prevcsv.h), or NULL. */
    const st_result *compare_rows;
    const char *layout_log; /* every string placed with its box, or NULL */
    long min_n;             /* <= 0: the project's [drempels] min_n, else ST_MIN_N */
    const char *texts;      /* the texts file when the project names none */
    const char *vws_schema; /* the VWS fields file when the project names none */
    const char *wordlist;   /* the word list of the redactor, or NULL for the standard one */
    /* The answers come from a store (its reports name their period, not a year), in the window
     * from..to (YYYYMM, 0 when open) or the rolling months up to to (0: not asked). */
    int store, from, to;
    long rolling;
    const char *comments; /* the reviewed comments file (comments.h): quotes only its ja rows */
    unsigned formats;     /* RP_OUT_PDF | RP_OUT_HTML: the files of each report; 0: the PDF */
} rp_run_options;

/* The outputs of a report: KIND-NAME.pdf, KIND-NAME.html (the accessible edition). */
#define RP_OUT_PDF 1u
#define RP_OUT_HTML 2u

typedef enum {
    RP_WARN_LEFT_OUT,   /* detail: the dimensions the exports have no column for ("aanbieder") */
    RP_WARN_NO_SIGNALS, /* detail: why the reports have no signals */
    RP_WARN_COLOUR,     /* detail: the project's colour, which is not one */
    RP_WARN_VWS,        /* detail: what the VWS appendix lacks (st_vws_warning), in English */
    RP_WARN_PER_YEAR,   /* detail: the invited counts' file, per year, for a window of a store */
    RP_WARN_POPULATION, /* detail: the population file, some of whose cells have no respondents */
    RP_WARN_COMPARE,    /* detail: the dimensions compare_rows has no rows for */
} rp_run_warning;

typedef struct {
    /* Fills t with the answers: this run's, or (previous) those of the export compared with.
     * Returns 0, or nonzero when it failed and has told the user so: the run then stops. */
    int (*read)(void *ctx, sv_table *t, int previous);
    void (*warn)(void *ctx, rp_run_warning w, const char *detail);
    /* Report i of n is being drawn; called in the order of the reports. Or NULL. */
    void (*progress)(void *ctx, size_t i, size_t n, const char *group);
    void *ctx;
} rp_run_hooks;

typedef struct {
    size_t reports;   /* written */
    long overflows;   /* strings that did not fit their box (0 in a good layout) */
    int read_failed;  /* the read hook failed: err is not set */
    char missing[64]; /* when the figures could not be computed: a dimension with no column */
} rp_run_result;

/* Runs the reports; CEO_OK, or the error in err (with out->read_failed and out->missing as
 * above). */
ceo_status rp_run(const rp_run_options *o, const rp_run_hooks *h, rp_run_result *out,
                  ceo_error *err);

#endif
