/*
 * pseudofile.h - an export with pseudonyms in place of respondent ids (`ceo pseudonymise`).
 *
 * Call sv_pseudonymise_file once per export. It reads the export as every command does (layout,
 * mapping, consent), then copies its bytes to out with only these fields changed: the
 * respondent id, and every column named under [pseudoniem] kolommen in the project file, hold
 * the pseudonym (survey/pseudo.h) instead; the contact fields (contact_naam, contact_telefoon,
 * contact_email) are emptied for every respondent who did not consent to be contacted, or whose
 * consent cannot be told (no respondent id, a row the platform marks as a test). Everything
 * else (header rows, delimiter, quotes, line ends, byte order mark, "sep=" line, encoding) stays
 * byte for byte, so the file reads as before.
 */
#ifndef CEO_PSEUDOFILE_H
#define CEO_PSEUDOFILE_H

#include <stdio.h>

#include "survey.h"

typedef struct {
    long rows;       /* data rows copied */
    long pseudonyms; /* fields replaced by a pseudonym */
    long kept;       /* fields that held a pseudonym already */
    long emptied;    /* contact fields emptied */
    long consenting; /* rows whose contact fields were kept */
    int id_column;   /* 1-based column of the respondent ids, 0 when none */
    int columns;     /* columns pseudonymised, the respondent id's included */
} sv_pseudo_stats;

/* Writes the pseudonymised copy of the CSV export at path to out. CEO_EDATA for a file that
 * is no CSV text (an SPSS file) or that cannot be read; CEO_EIO when out cannot be written. */
ceo_status sv_pseudonymise_file(const char *path, const sv_codebook *cb, const sv_project *proj,
                                const sv_key *key, FILE *out, sv_pseudo_stats *stats,
                                ceo_error *err);

#endif
