/*
 * vws.h - the accounting data each gemeente reports to the ministry VWS: one record per
 * gemeente, its fields defined by a data file (templates/vws/velden.csv), not by C.
 *
 * Lifecycle: rp_vws_build(table, project, schema) -> rp_vws_count / rp_vws_value ... (or
 * rp_vws_csv) -> rp_vws_free(). Everything is computed by the build; the lookups cannot fail.
 *
 * The schema is a CSV with the columns veld (the field id, [a-z0-9_], unique), omschrijving
 * (the Dutch label) and bron (where the value comes from; docs/FORMATS.md lists the sources,
 * for instance project:vws.methode, berekend:respons, item:wist_waar:pct_positive,
 * gemeente:verbeterpunten). A bron may name alternatives separated by '|': the first that
 * gives a value is used. Figures come from st_compute by gemeente, so a figure below min_n
 * (and the one more figure that would give it away) is an empty value, as in `ceo stats`.
 */
#ifndef CEO_VWS_H
#define CEO_VWS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../stats/stats.h"
#include "../survey/project.h"
#include "../survey/survey.h"
#include "csvout.h"

typedef struct rp_vws rp_vws;

/* Reads the schema at schema_path (NULL: the project's [vws] velden) and computes every field
 * for every gemeente of t. proj may be NULL: project fields, invited counts and the gemeenten
 * file are then empty. min_n <= 0 means the project's [drempels] min_n, else 10. Returns NULL
 * with err set: CEO_EDATA naming file:line:column for a bad schema (an unknown bron, a
 * duplicate veld), a bad invited-counts or gemeenten file, or exports without a gemeente
 * column; CEO_EIO, CEO_ENOMEM; CEO_EUSAGE when there is no schema at all. */
rp_vws *rp_vws_build(const sv_table *t, const sv_project *proj, const char *schema_path, long min_n,
                     ceo_error *err);

/* The same from the figures already computed by the caller (st_compute with at least the
 * dimension gemeente, min_n and indicatief_n as above), so that a run computes them once;
 * figures NULL computes them. */
rp_vws *rp_vws_build_from(const sv_table *t, const sv_project *proj, const char *schema_path,
                          long min_n, const st_result *figures, ceo_error *err);

/* Frees v and everything it returned. Accepts NULL. */
void rp_vws_free(rp_vws *v);

/* The years of the dates first..last (seconds; neither SV_MISSING_DATE) as berekend:jaar gives
 * them: "2025", or "2024–2025" across the turn of the year. Returns 1 when it is one year. */
int rp_vws_years(char *buf, size_t size, int64_t first, int64_t last);

/* The gemeenten, sorted by name (byte order, as `ceo stats` sorts groups); respondents
 * without a gemeente are left out (a warning says how many). */
size_t rp_vws_count(const rp_vws *v);
const char *rp_vws_gemeente(const rp_vws *v, size_t g);

/* The fields in schema order: id (veld) and label (omschrijving; the id when that is empty). */
size_t rp_vws_nfields(const rp_vws *v);
const char *rp_vws_field_id(const rp_vws *v, size_t k);
const char *rp_vws_field_label(const rp_vws *v, size_t k);

/* The value of field k for gemeente g: "" when empty or suppressed; numbers are written with
 * a decimal point (percentages and means with one decimal, counts whole). Valid until
 * rp_vws_free. */
const char *rp_vws_value(const rp_vws *v, size_t g, size_t k);

/* 1 when the value is a number (Excel mode writes its decimal point as a comma). */
int rp_vws_is_number(const rp_vws *v, size_t g, size_t k);

/* What the caller should tell the user, in English, one line each: gemeenten missing from the
 * gemeenten file or from the invited counts, project settings that are not set, items the
 * exports have no column for, respondents without a gemeente. */
size_t rp_vws_nwarnings(const rp_vws *v);
const char *rp_vws_warning(const rp_vws *v, size_t i);

/* Writes a header of field ids and one row per gemeente to w (csvout.h; numbers get a
 * decimal comma in the Excel dialect). Returns CEO_OK, or CEO_EIO with the path on a write
 * error; the caller commits or aborts w. */
ceo_status rp_vws_csv(rp_csv *w, const rp_vws *v, ceo_error *err);

#endif
