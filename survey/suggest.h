/*
 * suggest.h - which codebook item a column resembles when no header pattern placed it.
 *
 * Lifecycle: sv_suggester_new(codebook) -> per column: a value profile filled with
 * sv_profile_add, then sv_suggest_rank -> sv_suggest_place over all columns of a file ->
 * sv_suggester_free().
 *
 * A header is compared with each item's label, question text and id by normalised words
 * (case, accents, punctuation and numbering removed, stop words dropped, a light Dutch
 * stemming, the codebook's synoniemen.csv), each word weighted by how rare it is among the
 * items; the column's values then confirm or contradict the item's type. Used by `ceo check`
 * to show and write ([kolommen] of --write-config) what each unused column probably is; the
 * reader never maps a column by it. Private to survey/.
 */
#ifndef CEO_SUGGEST_H
#define CEO_SUGGEST_H

#include <stddef.h>

#include "codebook.h"
#include "../base/strmap.h"
#include "survey.h"
#include "../base/text.h"

#define SV_PROFILE_SCALES 32

/* What a column's first values look like. */
typedef struct {
    long nonblank, missing, numbers, in_1_10, ints_0_10, dates, long_text;
    double max_number;
    long scale_hits[SV_PROFILE_SCALES]; /* values that spell a category of scale k */
    sv_strmap *distinct;                /* normalised values seen (up to the profile's end) */
    sv_buf nb;                          /* scratch */
} sv_profile;

/* Counts one value (UTF-8, as in the file). Returns 0, or -1 when out of memory. */
int sv_profile_add(sv_profile *p, const sv_codebook *cb, const char *s, size_t n);
void sv_profile_free(sv_profile *p);

typedef struct sv_suggester sv_suggester;

sv_suggester *sv_suggester_new(const sv_codebook *cb);
void sv_suggester_free(sv_suggester *s);

/* Ranks the items (those with taken[item] == 0, multi-select ones left out) for a column
 * with header text header (display form, rows joined by " - ") and values p. Fills out with up
 * to SV_CANDIDATES candidates, best first, and returns how many. Returns -1 when out of
 * memory. */
int sv_suggest_rank(const sv_suggester *s, const char *header, const sv_profile *p,
                    const unsigned char *taken, sv_candidate *out);

/* Decides over all columns of a file which first candidates are safe to write as a mapping:
 * a clear score, values that fit, a margin over the next candidate, and never two columns for
 * one item (the higher score wins). Sets cols[j].place. */
void sv_suggest_place(sv_colinfo *cols, size_t ncols);

#endif
