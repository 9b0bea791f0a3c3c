/*
 * prevcsv.h - the figures of a previous period read back from the CSV `ceo stats` wrote, to
 * compare this period's rows with (st_options.compare_rows), as a previous export would be.
 *
 * Lifecycle: st_prev_csv_is(path) -> st_prev_csv_read() -> st_options.compare_rows ->
 * st_compute() -> st_result_free(). What the CSV cannot give (dimensions it lacks, groups below
 * this run's min_n, tests it has no raw material for) is in st_prev_info, for the caller to say.
 */
#ifndef CEO_PREVCSV_H
#define CEO_PREVCSV_H

#include <stddef.h>

#include "stats.h"

/* 1 when the file at path starts (after a byte order mark or Excel's "sep=" line) with the
 * header of `ceo stats` (dimension, group, question, theme, n, pct_positive, ...), comma- or
 * semicolon-separated; 2 when it is another output of `ceo stats` (the --hv table, JSON), not
 * read back; 0 otherwise (an export, or unreadable: its reader then says
 * why). */
int st_prev_csv_is(const char *path);

typedef struct {
    long rows;       /* rows read */
    long below_min;  /* shown there with n below this run's min_n: taken as hidden */
    long min_shown;  /* the smallest n shown there (-1: none) */
    long untestable; /* shown rows whose difference cannot be tested from the CSV (not scores:
                        those are never tested from it) */
    char dims[512];  /* the dimensions it holds, comma-joined (cut when longer) */
} st_prev_info;

/* Reads the rows of a `ceo stats` CSV (plain or --excel) as a result to compare with. A shown
 * row with n below min_n is taken as hidden (the previous run used a lower min_n). The tests of
 * the difference need the previous counts: a percentage's positives are n x pct_positive / 100
 * (the one whole number the rounding of the CSV allows: at 2 decimals up to 9,999 answers, else
 * no test); a mean's standard deviation
 * comes from its t-interval where the interval is not cut at the scale's end (marks 1-10); a
 * score, a weighted row (n_effective not n) or a theme row gets its value and no test. The
 * codebook tells marks from other numbers (cb may be NULL: then no test for means). Returns NULL
 * with err naming path:line:column on a bad cell or a missing column, or out of memory. */
st_result *st_prev_csv_read(const char *path, const sv_codebook *cb, long min_n, st_prev_info *info,
                            ceo_error *err);

/* The dimensions of the comma list by that prev has no rows for, comma-joined into out (size
 * bytes, "" when it has them all); returns out. */
const char *st_prev_missing_dims(const st_result *prev, const char *by, char *out, size_t size);

#endif
