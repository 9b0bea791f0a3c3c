/*
 * comments.h - the reviewed comments file read back: which open answers a person approved
 * for quoting in the provider reports (`ceo report --kind aanbieder --comments FILE`).
 *
 * Lifecycle: rp_approved_load(file, table) -> rp_approved_rows() -> rp_approved_free().
 * The file is the one `ceo flag --comments` writes (report/followup.h), after the follow-up
 * team set its column rapport: ja may be quoted, nee not. It must come from the same export:
 * every id is a respondent of the table with an open answer and the same provider, else the
 * load fails naming file, line and column. Answers the file does not list are not approved.
 */
#ifndef CEO_COMMENTS_H
#define CEO_COMMENTS_H

#include "../survey/survey.h"

typedef struct rp_approved rp_approved;

/* Reads path against the table t (the report's answers, open text kept). CEO_EDATA with
 * path:line:column on a missing column (id, aanbieder, rapport), an unknown id, a provider that
 * is not the respondent's, or a rapport other than ja/nee; CEO_EIO when unreadable. */
rp_approved *rp_approved_load(const char *path, const sv_table *t, ceo_error *err);
void rp_approved_free(rp_approved *a);

/* One byte per row of the table: 1 when its answer was approved (rapport = ja). */
const unsigned char *rp_approved_rows(const rp_approved *a);
/* Rows listed in the file, and of those approved. */
size_t rp_approved_listed(const rp_approved *a);
size_t rp_approved_count(const rp_approved *a);

#endif
