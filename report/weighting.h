/*
 * weighting.h - the weighting of a report run, as the project file asks for it with
 * [weging] methode: geen (or no key), gewicht (as `ceo stats --weights`) or poststratificatie
 * (as `ceo stats --post-stratify`, to [weging] populatie). The options it sets are those the
 * stats command sets, so the reports' figures are the command's rows.
 */
#ifndef CEO_WEIGHTING_H
#define CEO_WEIGHTING_H

#include "../survey/project.h"
#include "report.h"

typedef struct {
    rp_weighting how;
    double *weights; /* post-stratification: per respondent, owned */
    int *strata;     /* post-stratification: per respondent, owned */
    long empty;      /* population cells without respondents */
} rp_weights;

/* Reads [weging] methode and sets so->weights or so->external_weights and so->strata (pointing
 * into w) for table t. Returns CEO_OK, or CEO_EDATA naming the project file for a method that
 * is none of the three or poststratificatie without [weging] populatie, or the error of
 * st_poststratify. proj may be NULL (no weighting). */
ceo_status rp_weights_setup(const sv_project *proj, const sv_table *t, st_options *so,
                            rp_weights *w, ceo_error *err);
void rp_weights_free(rp_weights *w);

#endif
