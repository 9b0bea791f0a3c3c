/*
 * benchmark.h - the national or peer figures a region compares with ([benchmark] bestand): a
 * CSV with one row per gemeente, question and year, as waarstaatjegemeente.nl publishes the
 * CEO figures (docs/FORMATS.md, "The benchmark file").
 *
 * Lifecycle: rp_bench_load() -> rp_bench_get() per question -> rp_bench_free(). The figures are
 * printed as the file gives them; nothing is computed from them.
 */
#ifndef CEO_BENCHMARK_H
#define CEO_BENCHMARK_H

#include <math.h>

#include "../survey/survey.h"

typedef struct rp_bench rp_bench; /* also declared as struct rp_bench in report.h */

/* Reads path (columns gemeente, vraag, jaar, percentage) and keeps the rows of the gemeente
 * called name ("Nederland" when NULL) in year (a year like "2024"; NULL or "": the latest year
 * the file has for name). vraag is an item or theme id of the codebook cb. Returns NULL with err
 * naming path:line:column on a missing column, an unknown question, a bad year or percentage,
 * a row given twice, or no row for name (and year). */
rp_bench *rp_bench_load(const char *path, const sv_codebook *cb, const char *name, const char *year,
                        ceo_error *err);
void rp_bench_free(rp_bench *b);

/* The benchmark's percentage for an item or theme id; NAN when the file has none. */
double rp_bench_get(const rp_bench *b, const char *question);
/* Its name and year as a column header: "Nederland 2024". */
const char *rp_bench_label(const rp_bench *b);

#endif
