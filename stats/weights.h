/*
 * weights.h - post-stratification weights: each respondent in cell gemeente x voorziening
 * gets population / respondents of that cell, so weighted figures stand for the population
 * given in the project file rather than for who happened to answer.
 */
#ifndef CEO_WEIGHTS_H
#define CEO_WEIGHTS_H

#include "../survey/survey.h"

/* Reads the population file (CSV: gemeente,voorziening,populatie) and returns a newly
 * allocated array of one weight per respondent (free with ceo_free). Fails (CEO_EDATA, with
 * the file and line, or the respondents' cell) when a respondent has no gemeente or
 * voorziening, or their cell has no positive population. *empty_cells receives the number of
 * population cells without respondents (their people are not represented). */
double *st_poststratify(const sv_table *t, const char *popfile, long *empty_cells,
                        ceo_error *err);

#endif
