/*
 * coded.h - the coded survey table as CSV: one row per respondent, one column per item, each
 * value in canonical form (category ids, numbers with a decimal point, dates as YYYY-MM-DD
 * [HH:MM:SS], multi-select options joined with '|'). For checking what ceo read, and for
 * loading into another tool.
 *
 * Privacy: open answers and contact details are never written here (only the follow-up list
 * carries contact details); respondent ids are, since they are the export's own keys.
 */
#ifndef CEO_CODED_H
#define CEO_CODED_H

#include "../survey/survey.h"
#include "csvout.h"

/* Writes the table to w (plain CSV; open it RP_CSV_PRIVATE, as it holds respondent ids); the
 * table must have been read with SV_KEEP_TEXT for respondent ids. Returns CEO_OK, or CEO_EIO
 * with the path on a write error; the caller commits or aborts w. */
ceo_status rp_coded_csv(rp_csv *w, const sv_table *t, ceo_error *err);

#endif
