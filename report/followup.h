/*
 * followup.h - the outputs of `ceo flag`: the follow-up list, the signals and the summary.
 *
 * The follow-up list is the only output of ceo that carries contact details, and it carries
 * them only for respondents who consented: rp_followup_csv skips every flag without consent.
 * Its open answers are not redacted, because the follow-up team needs them as written.
 * Excel mode (semicolons, decimal commas, BOM, CRLF) also keeps phone numbers and ids as text
 * (="0612345678", so Excel keeps the leading 0 and the +) and defuses text that Excel would
 * take for a formula (a leading = + - @ gets an apostrophe).
 */
#ifndef CEO_FOLLOWUP_H
#define CEO_FOLLOWUP_H
#include <stdio.h>
#include "../stats/flag.h"
#include "../stats/signals.h"
#include "redact.h"

/* Writes one row per consenting flagged respondent; returns the number written, or -1 on a
 * write error. */
/* skip, when non-NULL, marks table rows to leave out (respondents handed out before). */
long rp_followup_csv(FILE *fp, const st_flags *f, const sv_table *t, int excel,
                     const unsigned char *skip);

/* One row per signal; returns 0, or -1 on a write error. */
int rp_signals_csv(FILE *fp, const st_signals *s, int excel, int digits);

/* The open answers of all respondents, redacted (redact.h), for whoever reads comments
 * outside the follow-up team: gemeente, voorziening, aanbieder, whether the answer is a
 * complaint, the redacted text. No respondent id and no contact field. Returns the number of
 * answers written, or -1 with err set (write error, out of memory). */
long rp_comments_csv(FILE *fp, const sv_table *t, const st_rules *rules, rp_redactor *red,
                     int excel, ceo_error *err);

/* Per gemeente (and the region): dissatisfied respondents, with and without consent. Returns
 * 0, or -1 on a write error or out of memory. */
int rp_flag_summary_csv(FILE *fp, const st_flags *f, const sv_table *t, const char *region,
                        int excel);

#endif
