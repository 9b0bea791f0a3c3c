/*
 * previous.h - the previous year's source of `ceo stats` and `ceo report` (previous.c).
 *
 * Order: cli_previous_check (after the options) -> cli_previous_csv (a `ceo stats` CSV: rows;
 * else an export, read as before) or cli_previous_store (a table) -> cli_previous_dims.
 */
#ifndef CEO_CLI_PREVIOUS_H
#define CEO_CLI_PREVIOUS_H

#include "../stats/stats.h"
#include "cli.h"

/* --compare FILE and --compare-store together, or the store's window unknown: exit 2 after the
 * usage message; else 0. */
int cli_previous_check(const char *command, const char *file, int from_store,
                       const cli_source *src);

/* When file is a `ceo stats` CSV: its rows in *rows (min_n this run's), with warnings on what
 * they cannot give. Else *rows is NULL (an export: read it as one). Returns an exit code. */
int cli_previous_csv(const char *file, const sv_codebook *cb, long min_n, st_result **rows,
                     ceo_error *err);

/* Reads into t the store's answers (src->store) of the months src asks for, one year earlier;
 * says which months on stderr. Returns an exit code. */
int cli_previous_store(sv_table *t, const cli_source *src, ceo_error *err);

/* Warns when rows (a CSV read back) lack dimensions of by. */
void cli_previous_dims(const char *file, const st_result *rows, const char *by);

#endif
