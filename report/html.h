/*
 * html.h - the accessible HTML edition of a report: one self-contained file (styles inline, the
 * system's fonts, charts as inline SVG, a logo as a data: URI), with lang="nl", one h1 (the
 * cover), headings without gaps, tables with caption, th and scope, and print CSS for A4.
 *
 * Lifecycle: rp_html_new(info) -> rp_html_cover() -> headings, paragraphs, notes, tables and
 * charts (html_charts.c) in reading order -> rp_html_write(fp) -> rp_html_free(). The document
 * is kept in memory and written whole at the end. After the first failure (out of memory)
 * every call does nothing and returns that status again.
 *
 * Every string is UTF-8 and escaped here: callers hand plain text, never markup.
 */
#ifndef CEO_HTML_H
#define CEO_HTML_H

#include <stdio.h>

#include "charts.h"

typedef struct rp_html rp_html;

typedef struct {
    const char *title;   /* <title>: the report's title and group */
    const char *author;  /* the region */
    const char *subject; /* <meta name="description"> */
    const char *footer;  /* the region and year, at the end and on every printed page */
    const char *page_label, *of_label; /* "Pagina", "van": page numbers when printed */
    const char *toc_label;             /* "Inhoud" */
    rp_rgb accent; /* headings and table headers; darkened here until text on it reads */
} rp_html_info;

rp_html *rp_html_new(const rp_html_info *info, ceo_error *err);
void rp_html_free(rp_html *h);

/* The cover: the one h1 (title, then subtitle on a line of its own), the line under it, and the
 * logo (a PNG file, or NULL) with its text alternative. CEO_EIO/CEO_EDATA naming the logo when
 * it cannot be read or is no PNG. */
ceo_status rp_html_cover(rp_html *h, const char *title, const char *subtitle, const char *under,
                         const char *logo, const char *logo_alt, ceo_error *err);
/* Level 0 a chapter (h2, listed in the contents), 1 a section (h3), 2 a sub-section (h4); a
 * level deeper than one below the previous heading is raised, so the order has no gaps. */
ceo_status rp_html_heading(rp_html *h, int level, const char *text, ceo_error *err);
/* Paragraphs separated by blank lines; a single line break stays one. note: smaller text. */
ceo_status rp_html_para(rp_html *h, const char *text, int note, ceo_error *err);
/* The caption of the next table (rp_html_table with caption NULL), or NULL. */
void rp_html_next_caption(rp_html *h, const char *caption);
/* A table as layout.h's rp_doc_table: column headers with scope="col", the first cell of a row
 * a row header when the first column is text; right-aligned columns as numbers; bold rows as
 * totals. caption NULL: the one given by rp_html_next_caption, else the latest heading (with
 * the third column's title for a second table under it). Scrolls in its own box when narrow. */
ceo_status rp_html_table(rp_html *h, const char *caption, const rp_col *cols, size_t ncols,
                         const char *const *cells, size_t nrows, const int *bold, ceo_error *err);
/* The latest heading's text ("" before the first). */
const char *rp_html_last_heading(const rp_html *h);

/* What a chart says in words: its accessible name, its description, the summary line of its
 * numbers' table and the table's column headers (as many as the chart's table has). */
typedef struct {
    const char *name, *desc, *summary;
    const char *heads[8];
} rp_html_chart;

/* The charts of charts.h as inline SVG (role="img", named by its title, described by its
 * desc) with a table of the same numbers behind a <details>. */
ceo_status rp_html_likert(rp_html *h, const rp_html_chart *c, const rp_likert_bar *bars, size_t n,
                          const char *const legend[5], ceo_error *err);
/* Bars (dots 0) or dots (dots 1) with intervals on lo..hi, a dashed reference line at ref (NaN:
 * none) named ref_label; values with digits decimals and unit. */
ceo_status rp_html_intervals(rp_html *h, const rp_html_chart *c, const rp_ci_bar *bars, size_t n,
                             double lo, double hi, const char *unit, int dots, double ref,
                             const char *ref_label, ceo_error *err);
ceo_status rp_html_trend(rp_html *h, const rp_html_chart *c, const char *const *periods,
                         size_t nperiods, const char *const *series, const double *values,
                         size_t nseries, ceo_error *err);

/* Writes the document: head, cover, contents, chapters, footer. */
ceo_status rp_html_write(rp_html *h, FILE *fp, ceo_error *err);

/* ---- for html_charts.c: appending to the document --------------------------------------- */

/* Raw markup. */
void rp_html_raw(rp_html *h, const char *s);
void rp_html_rawf(rp_html *h, const char *f, ...) __attribute__((format(printf, 2, 3)));
/* The entity that stands for c in element content and attribute values (& < > " '), or NULL
 * when c stands for itself. */
const char *rp_html_entity(char c);
/* Text, escaped for element content and attribute values alike. */
void rp_html_text(rp_html *h, const char *s);
/* A new id for an element ("g12"), unique in the document. */
unsigned rp_html_id(rp_html *h);
/* The table of a chart's numbers: caption, column headers, rows of cells (the first a row
 * header), inside a <details> with the summary line. */
void rp_html_details_table(rp_html *h, const char *summary, const char *caption,
                           const char *const *heads, size_t ncols, const char *const *cells,
                           size_t nrows);

#endif
