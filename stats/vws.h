/*
 * vws.h - the accounting data each gemeente reports to the ministry VWS: one record per
 * gemeente, its fields defined by a data file (templates/vws/velden.csv), not by C.
 *
 * Lifecycle: st_vws_new(table, project, schema) -> when st_vws_needs_figures(): st_compute()
 * with st_vws_figure_options() (or the run's own figures by gemeente) -> st_vws_fill(figures)
 * -> st_vws_count / st_vws_value ... -> st_vws_free(). The figures are computed once per run
 * and handed in, so a report run and its VWS appendix show the same numbers. After
 * st_vws_fill the lookups cannot fail; a renderer only reads them.
 *
 * The schema is a CSV with the columns veld (the field id, [a-z0-9_], unique), omschrijving
 * (the Dutch label) and bron (where the value comes from; docs/FORMATS.md lists the sources,
 * for instance project:vws.methode, berekend:respons, item:wist_waar:pct_positive,
 * gemeente:verbeterpunten). A bron may name alternatives separated by '|': the first that
 * gives a value is used. Figures come from st_compute by gemeente, so a figure below min_n
 * (and the one more figure that would give it away) is an empty value, as in `ceo stats`.
 */
#ifndef CEO_ST_VWS_H
#define CEO_ST_VWS_H

#include <stddef.h>
#include <stdint.h>

#include "../survey/project.h"
#include "../survey/survey.h"
#include "stats.h"

typedef struct st_vws st_vws;

/* Reads the schema at schema_path (NULL: the project's [vws] velden), checks it whole against
 * t's codebook, and finds the gemeenten of t with their respondents, dates and themes. proj
 * may be NULL: project fields, invited counts and the gemeenten file are then empty. t and
 * proj are borrowed for v's whole life: the names and themes it gives are t's and its
 * codebook's, so free v before t. Returns NULL with err set: CEO_EDATA naming
 * file:line:column for a bad schema (an unknown bron, a duplicate veld), or exports without a
 * gemeente column; CEO_EIO, CEO_ENOMEM; CEO_EUSAGE when there is no schema or codebook. */
st_vws *st_vws_new(const sv_table *t, const sv_project *proj, const char *schema_path,
                   ceo_error *err);

/* 1 when a field takes a figure (item:... or thema:...), so that st_vws_fill needs figures. */
int st_vws_needs_figures(const st_vws *v);

/* The options of the figures the VWS data take: by gemeente, min_n (min_n <= 0: the project's
 * [drempels] min_n, else 10) and the project's [drempels] indicatief_n (else 30). so is
 * cleared first. proj may be NULL. */
void st_vws_figure_options(const sv_project *proj, long min_n, st_options *so);

/* Computes every field for every gemeente from figures (st_compute with at least the dimension
 * gemeente; NULL when st_vws_needs_figures() is 0, else the figure fields stay empty), the
 * project and the invited-counts and gemeenten files it names. Call once. Returns CEO_OK, or
 * with err set: CEO_EDATA naming file:line:column for a bad invited-counts or gemeenten file
 * (or a bron naming a column the gemeenten file lacks), CEO_EIO, CEO_ENOMEM; v can then only
 * be freed. */
ceo_status st_vws_fill(st_vws *v, const st_result *figures, ceo_error *err);

/* Frees v and everything it returned. Accepts NULL. */
void st_vws_free(st_vws *v);

/* The years of the dates first..last (seconds; neither SV_MISSING_DATE) as berekend:jaar gives
 * them: "2025", or "2024–2025" across the turn of the year. Returns 1 when it is one year. */
int st_vws_years(char *buf, size_t size, int64_t first, int64_t last);

/* The gemeenten, sorted by name (byte order, as `ceo stats` sorts groups); respondents
 * without a gemeente are left out (a warning says how many). */
size_t st_vws_count(const st_vws *v);
const char *st_vws_gemeente(const st_vws *v, size_t g);

/* The fields in schema order: id (veld) and label (omschrijving; the id when that is empty). */
size_t st_vws_nfields(const st_vws *v);
const char *st_vws_field_id(const st_vws *v, size_t k);
const char *st_vws_field_label(const st_vws *v, size_t k);

/* The value of field k for gemeente g: "" when empty or suppressed; numbers are written with
 * a decimal point (percentages and means with one decimal, counts whole). Valid until
 * st_vws_free. */
const char *st_vws_value(const st_vws *v, size_t g, size_t k);

/* 1 when the value is a number (Excel mode writes its decimal point as a comma). */
int st_vws_is_number(const st_vws *v, size_t g, size_t k);

/* What the caller should tell the user, translated, one line each: gemeenten missing from the
 * gemeenten file or from the invited counts, project settings that are not set, items the
 * exports have no column for, respondents without a gemeente. Each speaks of the data and
 * the project file, never of a command's options. */
size_t st_vws_nwarnings(const st_vws *v);
const char *st_vws_warning(const st_vws *v, size_t i);

#endif
