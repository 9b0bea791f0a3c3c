/*
 * csvout.h - the one CSV writer of ceo: every CSV file it writes goes through here.
 *
 * Lifecycle: rp_csv_open(path, flags) -> cells and rp_csv_end_row, row after row ->
 * rp_csv_check (optional: did everything reach the file?) -> rp_csv_commit() or
 * rp_csv_abort(). The file is an atomic output (base/output.h): a reader sees the old file or
 * the whole new one; a NULL or "-" path writes to standard output.
 *
 * Two dialects. Plain: comma, decimal point, UTF-8, LF. Excel (RP_CSV_EXCEL): semicolon,
 * decimal comma, UTF-8 BOM, CRLF: what Dutch Excel opens by double-click. The separator goes
 * between the cells by itself; a caller writes cells and ends rows.
 *
 * Text cells are quoted when they hold the separator, a quote or a line break. Text a
 * spreadsheet would run as a formula (a leading =, +, -, @, TAB or CR) is written quoted with
 * an apostrophe in front, which Excel and LibreOffice show as text, unless the whole cell is a
 * number (rp_is_number_text), which stays as it is. Numbers are printed in the C locale, so the
 * output never depends on the machine's locale.
 *
 * Errors: the cell functions cannot fail; a write error sticks to the file and is reported,
 * with the path, by rp_csv_check and rp_csv_commit as a ceo_status.
 */
#ifndef CEO_CSVOUT_H
#define CEO_CSVOUT_H

#include "../base/base.h"

typedef struct rp_csv rp_csv;

enum {
    RP_CSV_EXCEL = 1,   /* the Dutch Excel dialect */
    RP_CSV_PRIVATE = 2, /* personal data: the file is 0600 (ceo_out_open_private) */
};

/* Opens path (see above) for writing; the Excel dialect's BOM is written at once. Returns NULL
 * with err set (CEO_EIO with the path, CEO_ENOMEM). */
rp_csv *rp_csv_open(const char *path, int flags, ceo_error *err);

/* 1 in the Excel dialect. */
int rp_csv_excel(const rp_csv *w);

/* A header: the NULL-terminated names as cells, then the end of the row. */
void rp_csv_header(rp_csv *w, const char *const *names);

/* A text cell, quoted and guarded as above; NULL is an empty cell. */
void rp_csv_text(rp_csv *w, const char *s);
/* A text cell Excel must keep as text although it looks like a number (a phone number, an
 * id: digits with + - ( ) . or spaces): in the Excel dialect written as ="..." so that Excel
 * keeps a leading 0 or +; otherwise, and for any other text, as rp_csv_text. */
void rp_csv_keep_text(rp_csv *w, const char *s);
/* A number already formatted with a decimal point ("12.5", "-3", "1e-05"): as it is, with a
 * decimal comma in the Excel dialect. */
void rp_csv_number_text(rp_csv *w, const char *s);
/* A whole number. */
void rp_csv_int(rp_csv *w, long v);
/* A figure with digits decimals ("%.*f", no "-0.00"); NaN is an empty cell. */
void rp_csv_num(rp_csv *w, double v, int digits);
/* A p- or q-value: significant digits (at least 6), so 3e-9 does not print as 0.00; NaN is an
 * empty cell. */
void rp_csv_p(rp_csv *w, double p, int digits);
void rp_csv_empty(rp_csv *w);
void rp_csv_end_row(rp_csv *w);

/* CEO_OK when everything written so far reached the file, else CEO_EIO with the path and the
 * reason. w stays open. */
ceo_status rp_csv_check(rp_csv *w, ceo_error *err);
/* Puts the file in place (ceo_out_commit) and frees w; on a write error (err set with the
 * path) the target is untouched and w is freed as well. */
ceo_status rp_csv_commit(rp_csv *w, ceo_error *err);
/* Removes the unfinished file and frees w. Accepts NULL. */
void rp_csv_abort(rp_csv *w);

/* The number formats the CSV cells use, for the other writers (JSON) to share: into buf,
 * "" for NaN; comma swaps the decimal point for a comma. */
void rp_format_num(char *buf, size_t size, double v, int digits, int comma);
void rp_format_p(char *buf, size_t size, double p, int digits, int comma);

/* 1 when s is a whole number: an optional sign, digits with at most one decimal point or
 * comma, an optional exponent ("-1", "+31612345678", "-0,5", "1e5"); no spaces, no "inf". */
int rp_is_number_text(const char *s);

#endif
