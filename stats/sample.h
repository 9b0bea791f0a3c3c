/*
 * sample.h - who answered against who could have: the respondents per voorziening beside the
 * population per voorziening of the project's population file ([weging] populatie), for the
 * representativeness chapter of the reports.
 *
 * Lifecycle: st_sample_new(table, population file, min_n) -> st_sample_count / st_sample_at
 * -> st_sample_free(). The shares are computed here, so a report only formats them.
 */
#ifndef CEO_ST_SAMPLE_H
#define CEO_ST_SAMPLE_H

#include <stddef.h>

#include "../survey/survey.h"

typedef struct {
    const char *voorziening; /* the table's name for it, else the population file's */
    double population;       /* summed over the gemeenten of the file */
    double pct_population;   /* of the population of every voorziening listed */
    long respondents;        /* -1 when below min_n (hidden, as in st_compute) */
    double pct_respondents;  /* of the respondents with a voorziening; NaN when hidden */
} st_sample_row;

typedef struct st_sample st_sample;

/* Reads the population file (CSV: gemeente,voorziening,populatie, docs/FORMATS.md) and counts
 * the respondents of t per voorziening; a voorziening of the table that the file lacks gets
 * population 0, one of the file without respondents 0 respondents. Groups are matched on the
 * normalised names, as st_poststratify matches them. A voorziening with fewer than min_n
 * respondents keeps its population but not its count. Returns NULL with err set: CEO_EDATA
 * (file:line:column) for a bad file or an export without a voorziening column, CEO_EIO,
 * CEO_ENOMEM. */
st_sample *st_sample_new(const sv_table *t, const char *popfile, long min_n, ceo_error *err);
void st_sample_free(st_sample *s);

/* The voorzieningen in the order of the table's groups, then those only the file has. */
size_t st_sample_count(const st_sample *s);
const st_sample_row *st_sample_at(const st_sample *s, size_t i);

#endif
