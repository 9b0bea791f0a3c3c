/*
 * tables.h - machine-readable outputs of the figures: CSV (plain, or for Dutch Excel) and
 * JSON, with the same records.
 *
 * CSV: comma, decimal point, UTF-8, LF. Excel mode: semicolon, decimal comma, UTF-8 BOM,
 * CRLF: what Dutch Excel opens by double-click. Empty cells (JSON null) where a figure does
 * not exist or is suppressed. Percentages are 0-100.
 */
#ifndef CEO_TABLES_H
#define CEO_TABLES_H

#include <stdio.h>

#include "../stats/hv.h"
#include "../stats/stats.h"

typedef struct {
    int excel;    /* Dutch Excel CSV */
    int digits;   /* decimals of percentages, means and intervals (default 2) */
    double alpha; /* significance level for 'sig' on q-values (default 0.05) */
} rp_table_options;

/* Cells of a CSV line; every CSV writer writes its text cells with rp_put_text. Text is quoted
 * when it holds the separator, a quote or a line break. Text a spreadsheet would run as a
 * formula (a leading =, +, -, @, TAB or CR) is written quoted with an apostrophe in front,
 * which Excel and LibreOffice show as text, unless the whole cell is a number
 * (rp_is_number_text), which stays as it is.
 * Numbers: "%.*f" in the C locale, a comma for the point when comma is set, nothing for NaN.
 * p- and q-values: significant digits, so 3e-9 does not print as 0.00. */
void rp_put_text(FILE *fp, const char *s, char sep);
/* 1 when s is a whole number: an optional sign, digits with at most one decimal point or
 * comma, an optional exponent ("-1", "+31612345678", "-0,5", "1e5"); no spaces, no "inf". */
int rp_is_number_text(const char *s);
void rp_put_num(FILE *fp, double v, int digits, int comma);
void rp_put_p(FILE *fp, double p, int digits, int comma);

/* The column names, in order (the first eleven are the public contract). */
extern const char *const rp_stats_columns[];

/* Write every row; return 0, or -1 on a write error (errno set). */
int rp_stats_csv(FILE *fp, const st_result *r, const rp_table_options *opt);
int rp_stats_json(FILE *fp, const st_result *r, const rp_table_options *opt);

/* The HV provider table: one row per provider and per provider in a gemeente. */
int rp_hv_csv(FILE *fp, const st_hv *h, const rp_table_options *opt);
int rp_hv_json(FILE *fp, const st_hv *h, const rp_table_options *opt);

#endif
