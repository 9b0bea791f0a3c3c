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

#include <stdio.h>

#include "../survey/survey.h"

/* Writes the table; the table must have been read with SV_KEEP_TEXT for respondent ids.
 * Returns 0, or -1 on a write error. */
int rp_coded_csv(FILE *fp, const sv_table *t);

#endif
