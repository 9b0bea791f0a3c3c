/*
 * reportpriv.h - the insides of the reports, shared by report.c (a report's state, its
 * strings, its rows and their formatting; the entry), blocks.c (the building blocks of the
 * pages), html_blocks.c (the same blocks in the HTML edition) and kinds.c (the contents of each
 * kind of report). Not part of the public interface.
 *
 * Every function takes the report being built; after the first error (p->st set) nothing more
 * is drawn and the strings returned are "", so a chapter need not check after each call.
 */
#ifndef CEO_REPORTPRIV_H
#define CEO_REPORTPRIV_H

#include "charts.h"
#include "report.h"

#define MAX_GROUPS 256
#define MAX_COMMENTS 60
#define COMMENT_CHARS 600

typedef struct {
    const rp_report *r;
    rp_doc doc;
    ceo_error *err;
    ceo_status st;
    char **kept;
    size_t nkept, capkept;
    const char *group;      /* the gemeente or provider the report is about */
    const char *themes[16]; /* rep_present_themes() */
    const char *legend[5];  /* likert_legend() */
    /* A figure marked indicative (marks.c) since the last table, or a chart label since the
     * last chart: the table or chart is followed by the legend of the mark. */
    int marked_cells, marked_labels;
    struct rp_html *html; /* the HTML edition is being written (html_blocks.c), not the PDF */
} rep;

/* A page plan: the texts key of the title, whether the header names the group after it, and
 * the pages. */
struct rp_plan {
    const char *title_key;
    int names_group;
    void (*pages)(rep *p, const char *group);
};

/* ---- report.c: strings kept until the report is done, rows and how they are printed ---- */

/* Takes s (allocated, or NULL: out of memory) into the report's list, freed when the report is
 * done; returns s, or "" with p->st set. */
const char *rep_keep(rep *p, char *s);
/* printf into a kept string (at most 1023 bytes). */
const char *rep_fmt(rep *p, const char *f, ...) __attribute__((format(printf, 2, 3)));
/* A text of the texts file with its placeholders; "" after an error. */
const char *rep_text(rep *p, const char *key, const char *const *vars);
/* A number the Dutch way with digits decimals and unit ("78,4%"). */
const char *rep_num(rep *p, double v, int digits, const char *unit);
/* The row of question (or "" for a theme row) and theme in group of dim (st_result_find);
 * NULL when there is none. */
const st_row *rep_row_of(const st_result *res, const char *dim, const char *group,
                         const char *question, const char *theme);
const st_row *rep_item_row(const st_result *res, const char *dim, const char *group,
                           const sv_item *it);
const st_row *rep_theme_row(const st_result *res, const char *dim, const char *group,
                            const char *theme);
/* Whether a row's figures may be printed: present, not suppressed, with answers. */
int rep_shown(const st_row *w);
/* The figures of a row as printed: "*" for a suppressed row, a dash for a missing one. */
const char *rep_pct_of(rep *p, const st_row *w);
const char *rep_mean_of(rep *p, const st_row *w);
/* A count the Dutch way: 1.466. */
const char *rep_count(rep *p, long n);
const char *rep_n_of(rep *p, const st_row *w);
const char *rep_ci_of(rep *p, const st_row *w);
/* "hoger" / "lager" when the group differs significantly from the rest of the region. */
const char *rep_sig_of(rep *p, const st_row *w, const st_row *region, int use_mean);
/* The value of the previous year as printed; a dash when there is none to compare. */
const char *rep_prev_of(rep *p, const st_row *w);

/* ---- marks.c: figures and labels marked indicative (n below indicatief_n) ---------------- */

/* s followed by the indicative mark when w is an indicative row (and the table to come will
 * carry the legend); else s. */
const char *rep_ind(rep *p, const st_row *w, const char *s);
/* The same for a chart's label (the chart to come carries the legend). */
const char *rep_ind_label(rep *p, const st_row *w, const char *label);
/* The legend of the mark after a table (cells 1) or a chart (cells 0) that holds one. */
void rep_ind_legend(rep *p, int cells);
/* The findings up front (findings.c): the few results of a group ("gemeente", "aanbieder")
 * that differ significantly from the rest of the region or from the previous year, its
 * strongest and weakest points and what is indicative; group NULL: the region's. */
void rep_findings(rep *p, const char *dim, const char *group);

/* The groups of a dimension without the respondents who did not say. */
size_t rep_known_groups(const st_result *res, const char *dim, const char **out);

/* ---- blocks.c: headings, paragraphs, tables and the chapters shared by the kinds -------- */

/* Headings, paragraphs and notes handed to the layout; nothing after an error. */
void rep_heading(rep *p, int level, const char *s);
void rep_para(rep *p, const char *s);
void rep_note(rep *p, const char *s);
/* A table of nrows rows of ncols cells, row by row (rp_doc_table); nothing when empty. */
void rep_table(rep *p, const rp_col *cols, size_t ncols, const char **cells, size_t nrows,
               const int *bold);
/* The charts of charts.h at the report's cursor; nothing when empty or after an error. */
void rep_chart_likert(rep *p, const rp_likert_bar *bars, size_t n);
void rep_chart_ci_bars(rep *p, const rp_ci_bar *bars, size_t n, double max, const char *unit,
                       double ref, const char *ref_label);
void rep_chart_dots(rep *p, const rp_ci_bar *dots, size_t n, double lo, double hi, double ref,
                    const char *ref_label);
void rep_chart_trend(rep *p, const char *const *periods, size_t nperiods, const char *const *series,
                     const double *values, size_t nseries);
/* n cells for rep_table, zeroed and kept (freed with the report); NULL after an error. */
const char **rep_cells_new(rep *p, size_t n);
/* The short name of a theme for a column header, else its name; and its full name. */
const char *rep_theme_short(rep *p, const char *theme);
const char *rep_theme_label(rep *p, const char *theme);
/* NPS of a score row with its 95% interval; 0 when the row is not shown. */
int rep_nps_of(const st_row *w, double *v, double *lo, double *hi);
/* An interval as printed: "lo-hi" (an en dash), or "lo tot hi" when a bound is negative. */
const char *rep_range(rep *p, double lo, double hi);
/* The chapters shared by the kinds: the items of a theme for a group against the region, the
 * questions outside the themes, the title page, the VWS fields of a gemeente, the signals, the
 * trend per period. */
void rep_items_block(rep *p, const char *theme, const char *dim, const char *group,
                     const char *group_label);
void rep_own_questions(rep *p, const char *dim, const char *group, const char *group_label);
/* The themes with a row in dimension "totaal", in the result's order, at most 16 (in
 * p->themes). */
const char **rep_present_themes(rep *p, size_t *n);
void rep_title_page(rep *p, const char *title, const char *subtitle);
void rep_vws_table(rep *p, const char *gemeente, int items);
void rep_signals_block(rep *p, const char *only_group);
void rep_trend_block(rep *p, const char *dim, const char *group, const char **themes,
                     size_t nthemes);

/* ---- response.c: the response chapter, the response in the accounting table, capitals --- */

/* s with its first letter a capital, for the start of a title or line ("De regio"). */
const char *rep_capital(rep *p, const char *s);
/* The chapter on the response: of gemeente per voorziening, or (NULL) of the region per
 * gemeente; without invited counts a line saying what gives them. */
void rep_response_block(rep *p, const char *gemeente);
/* The accounting table's value of field id ("uitgezet", "respons") for gemeente as the response
 * chapter gives it ("" when there is none); NULL for other fields or without response rows. */
const char *rep_response_field(rep *p, const char *gemeente, const char *id);
/* ---- compare.c: last year and the benchmark beside a group's figures -------------------- */

/* A table of the themes (and their questions; own: also those of no theme) of group in dim:
 * this year, last year and the difference (with --compare), the benchmark (gemeente and
 * region). Nothing without either. */
void rep_compare_block(rep *p, const char *dim, const char *group, const char *label,
                       const char **themes, size_t nthemes, int own);
/* The gemeenten of the region per theme: this year, last year, the difference (--compare). */
void rep_compare_groups(rep *p, const char **themes, size_t nthemes);
/* Keeps of the np periods those the fieldwork covered whole (*asked of them) in which group
 * has min_n answers on a theme; returns how many are kept, at the front of periods. */
size_t rep_trend_periods(rep *p, const char *dim, const char *group, const char **themes,
                         size_t nthemes, const char **periods, size_t np, size_t *asked);

/* ---- provider.c: the provider's place, its voorzieningen, the reviewed remarks ---------- */

/* The provider's HV figures against the region, with intervals, n and its place among the
 * providers ("3e van 7"). */
void rep_provider_place(rep *p, const char *a);
/* A table per voorziening the provider gives (voorziening+aanbieder rows) with its place
 * among that voorziening's providers; alone: the report has no HV part, so this is its
 * summary. Returns 1 when any was shown; draws nothing when none is. */
int rep_provider_voorzieningen(rep *p, const char *a, int alone);
/* The line saying that no remark is quoted without a reviewed comments file, and how. */
void rep_provider_no_comments(rep *p);
/* ---- html_blocks.c: the same blocks in the HTML edition (p->html set) ------------------- */

/* Runs the plan into an HTML document and writes it to fp. */
ceo_status rep_html_write(rep *p, const rp_plan *plan, const char *group, const char *title,
                          const char *subject, FILE *fp);
/* The caption of the next table in the HTML edition (else the latest heading); the PDF has
 * none. */
void rep_caption(rep *p, const char *s);
void rep_html_title_page(rep *p, const char *title, const char *subtitle);
void rep_html_likert(rep *p, const rp_likert_bar *bars, size_t n, const char *const legend[5]);
void rep_html_intervals(rep *p, const rp_ci_bar *bars, size_t n, double lo, double hi,
                        const char *unit, int dots, double ref, const char *ref_label);
void rep_html_trend(rep *p, const char *const *periods, size_t nperiods, const char *const *series,
                    const double *values, size_t nseries);

#endif
