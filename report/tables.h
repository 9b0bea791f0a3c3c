/*
 * tables.h - machine-readable outputs of the figures: CSV (plain, or for Dutch Excel; see
 * csvout.h) and JSON, with the same records, both driven by one column table per record.
 *
 * Empty cells (JSON null) where a figure does not exist or is suppressed. Percentages are
 * 0-100. Numbers are printed in the C locale, so output never depends on the machine's locale.
 */
#ifndef CEO_TABLES_H
#define CEO_TABLES_H

#include "../base/output.h"
#include "../stats/hv.h"
#include "../stats/stats.h"
#include "csvout.h"

typedef struct {
    int digits;   /* decimals of percentages, means and intervals (default 2) */
    double alpha; /* significance level for 'sig' on q-values (default 0.05) */
} rp_table_options;

/* Write every row to w or o; return CEO_OK, or CEO_EIO with the path in err on a write error.
 * Nothing is committed: the caller commits or aborts the file. */
ceo_status rp_stats_csv(rp_csv *w, const st_result *r, const rp_table_options *opt, ceo_error *err);
ceo_status rp_stats_json(ceo_out *o, const st_result *r, const rp_table_options *opt,
                         ceo_error *err);

/* The HV provider table: one row per provider and per provider in a gemeente. */
ceo_status rp_hv_csv(rp_csv *w, const st_hv *h, const rp_table_options *opt, ceo_error *err);
ceo_status rp_hv_json(ceo_out *o, const st_hv *h, const rp_table_options *opt, ceo_error *err);

#endif
