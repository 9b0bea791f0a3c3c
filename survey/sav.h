/*
 * sav.h - reading SPSS system files (.sav, and .zsav with zlib-compressed data): the
 * ReadStat adapter.
 *
 * Call sequence: sv_sav_magic() on the first bytes decides whether a file is one; then one
 * call to sv_sav_read() turns it into the records the CSV reader would have produced, so the
 * reader codes both the same way: two header records (the variable names, then the
 * variable labels), then one record per case. Finally sv_sav_info_free().
 *
 * Each case's fields are UTF-8 text: the value label of a labelled value, else the number
 * (shortest form that reads back to the same double) or the string; dates as
 * "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS"; system-missing and user-missing values as empty
 * fields (the user-missing ones are counted per column). A multiple-category set becomes one
 * column holding its answers joined with ", "; the variables of a multiple-dichotomy set stay
 * one column each, "1" where the counted value is and "0" elsewhere, with the set's label
 * before the variable label. Header fields have line 0; the fields of case k have line k.
 */
#ifndef CEO_SAV_H
#define CEO_SAV_H

#include <stddef.h>

#include "../base/base.h"
#include "csvsrc.h"

/* 1 when the n bytes at p start like an SPSS system file ("$FL2"; "$FL3" for .zsav). */
int sv_sav_magic(const void *p, size_t n);

typedef struct {
    const char *format; /* "SPSS .sav", "SPSS .sav (compressed)", "SPSS .zsav" */
    char encoding[96];  /* the file's character set as the file names it, for the report */
    long cases;
    size_t ncols;        /* columns passed to the record function */
    char **missing;      /* per column: the user-missing definition ("9; 97 thru 99") or NULL */
    long *missing_cells; /* per column: cells read as missing because user-missing */
    size_t nsets;
    char **sets;     /* the multiple-response sets, described in one line each */
    char weight[72]; /* the file's weight variable, or "" */
} sv_sav_info;

/* Reads the system file at path (or the len bytes at mem when mem is non-NULL; path then
 * names it in messages) and passes its records to fn. Fills *info (free it with
 * sv_sav_info_free, also after an error). Returns CEO_OK, CEO_EIO when the file cannot be
 * read, CEO_EDATA when it is truncated or damaged, CEO_ENOMEM, or what fn set. */
ceo_status sv_sav_read(const char *path, const void *mem, size_t len, sv_csv_record_fn fn,
                       void *ctx, sv_sav_info *info, ceo_error *err);

void sv_sav_info_free(sv_sav_info *info);

#endif
