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
 * population cells without respondents (their people are not represented). When cell_of_out is
 * not NULL, *cell_of_out receives a newly allocated array of each respondent's cell (0 ..
 * *ncells_out - 1, the rows of the population file; free with ceo_free), for the design-based
 * variances (st_options.strata). */
double *st_poststratify(const sv_table *t, const char *popfile, long *empty_cells,
                        int **cell_of_out, size_t *ncells_out, ceo_error *err);

#endif
