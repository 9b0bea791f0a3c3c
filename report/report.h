/*
 * report.h - the reports, as PDF or accessible HTML: per gemeente (for VWS), for the region,
 * per provider.
 *
 * Lifecycle: fill an rp_report (the figures already computed by the caller) ->
 * rp_report_write() once per report -> nothing to free here. Every figure printed comes from
 * the st_result rows, formatted the Dutch way ("78,4%"); suppressed rows print as "*", never
 * as a number. Every fixed sentence comes from the texts file (texts.h).
 */
#ifndef CEO_REPORT_H
#define CEO_REPORT_H

#include <stdio.h>

#include "../stats/invited.h"
#include "../stats/sample.h"
#include "../stats/signals.h"
#include "../stats/stats.h"
#include "layout.h"
#include "redact.h"
#include "texts.h"
#include "vws.h"

/* How a run's figures are weighted: the project's [weging] methode (geen, gewicht,
 * poststratificatie), as `ceo stats` without weights, --weights and --post-stratify. */
typedef enum { RP_WEIGHT_NONE, RP_WEIGHT_GEWICHT, RP_WEIGHT_POST } rp_weighting;

/* The page plan of a kind of report: per gemeente (for VWS), for the region, per provider. */
typedef struct rp_plan rp_plan;
extern const rp_plan rp_plan_gemeente, rp_plan_regio, rp_plan_aanbieder;
/* All providers side by side per voorziening, for the contract manager (provider.c). */
extern const rp_plan rp_plan_contract;

/* The rows with an open remark, per provider (aanbieder code), built once for all provider
 * reports so that each report reads its own rows only. */
typedef struct rp_remarks rp_remarks;

/* Builds the index for the table t; returns NULL when out of memory (err set) or when the
 * table has no providers or remarks (err untouched; the reports then scan the table). */
rp_remarks *rp_remarks_new(const sv_table *t, const sv_codebook *cb, ceo_error *err);
void rp_remarks_free(rp_remarks *x);

/* The output of a report: the PDF, or the accessible HTML edition (html.h). */
typedef enum { RP_FORMAT_PDF, RP_FORMAT_HTML } rp_format;

typedef struct {
    const sv_table *table; /* the answers (open text kept for provider comments) */
    const sv_codebook *cb;
    const rp_texts *texts;
    const st_result *res;      /* by gemeente,aanbieder,gemeente+aanbieder (+ --compare) */
    const st_result *trend;    /* by periode,gemeente+periode,aanbieder+periode; or NULL */
    const st_signals *signals; /* or NULL */
    const st_vws *vws;         /* the VWS accounting data, or NULL */
    rp_redactor *redactor;     /* for open text in provider reports */
    const rp_remarks *remarks; /* or NULL */
    /* a byte per row, 1 for a remark approved for quoting (comments.h); NULL: no reviewed
     * comments file, so no remark is quoted */
    const unsigned char *approved;
    const char *region,
        *year;          /* "Regio Rivierenland", "2025" (a store: "maart 2024 – april 2025") */
    const char *period; /* the months of the figures in Dutch ("maart – april 2025"), or "" */
    const st_response *response; /* invited, respondents and response; NULL without gemeenten */
    const char *font_regular, *font_bold, *logo; /* logo: PNG or NULL */
    const rp_font *fonts[2]; /* the font files read once (rp_font_read), or NULL: read per PDF */
    rp_rgb accent;
    long min_n;
    long indicative_n; /* below: a figure is marked indicative (the rows' indicative flag) */
    int has_compare;   /* res carries the previous period (prev_* fields) */
    FILE *layout_log;  /* every string placed, for tests; or NULL */
    /* The standard chapters (chapters.c): how res is weighted ([weging] methode), the
     * respondents beside the population per voorziening (or NULL: no [weging] populatie), and
     * the fieldwork method ([vws] methode, or NULL). */
    rp_weighting weighting;
    const st_sample *sample;
    const char *fieldwork;
    /* The [benchmark] figures (benchmark.h), or NULL. */
    const struct rp_bench *bench;
    /* The quarters the fieldwork covered whole (rp_full_quarters), comma-joined: the only ones
     * the trend draws; NULL: none. */
    const char *full_periods;
    rp_format format; /* PDF (0) or HTML; the HTML edition needs no fonts */
} rp_report;

/* Writes the report of the plan about group (a gemeente or provider name; ignored for the region)
 * to fp. *overflows receives the number of strings that did not fit their box (0 in a good
 * layout). Reports may be written on several threads at once when each has its own copy of r
 * with its own redactor and no layout_log; everything else in r is only read. */
ceo_status rp_report_write(const rp_report *r, const rp_plan *plan, const char *group, FILE *fp,
                           long *overflows, ceo_error *err);

/* The groups of a dimension ("gemeente", "aanbieder") in the result, in its order. */
size_t rp_report_groups(const st_result *res, const char *dimension, const char **out, size_t max);

#endif
