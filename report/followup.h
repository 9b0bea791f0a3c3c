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
#include "../stats/flag.h"
#include "../stats/signals.h"
#include "csvout.h"
#include "redact.h"

/* Each writer writes one file to w (csvout.h: its dialect is the caller's choice) and returns
 * CEO_OK, or the error with err set: CEO_EIO with the path on a write error, CEO_ENOMEM. The
 * caller commits or aborts w. Open the follow-up list and the comments RP_CSV_PRIVATE. */

/* One row per consenting flagged respondent; *written counts them. skip, when non-NULL, marks
 * table rows to leave out (respondents handed out before). */
ceo_status rp_followup_csv(rp_csv *w, const st_flags *f, const sv_table *t,
                           const unsigned char *skip, long *written, ceo_error *err);

/* One row per signal. */
ceo_status rp_signals_csv(rp_csv *w, const st_signals *s, int digits, ceo_error *err);

/* The open answers of all respondents, redacted (redact.h): id (rp_comment_id), gemeente,
 * voorziening, aanbieder, whether the answer is a complaint (klacht, kans), whether it may be
 * quoted in the provider's report (rapport: ja/nee, pre-filled by st_provider_relevant for
 * answers with a provider in which the redactor found no personal data, for the follow-up team
 * to review; report/comments.h reads it back),
 * the redacted text. No contact field. *written counts the answers. */
ceo_status rp_comments_csv(rp_csv *w, const sv_table *t, const st_rules *rules, rp_redactor *red,
                           long *written, ceo_error *err);

/* The id of row's open answer in the comments file: its respondent_id as the table holds it (a
 * pseudonym under --key), or "rij N" (N the row, from 1) when the export has no ids. Returns
 * the table's string or buf. */
const char *rp_comment_id(const sv_table *t, size_t row, char *buf, size_t size);

/* Per gemeente (and the region): dissatisfied respondents, with and without consent. */
ceo_status rp_flag_summary_csv(rp_csv *w, const st_flags *f, const sv_table *t, const char *region,
                               ceo_error *err);

#endif
