/*
 * sheet.h - a small CSV table with a header row, read whole: codebook files, invited counts.
 *
 * Lifecycle: sv_sheet_load() -> sv_sheet_col / sv_sheet_cell ... -> sv_sheet_free().
 * Cells are UTF-8 (Windows-1252 files are converted), trimmed. Blank rows are skipped.
 */
#ifndef CEO_SHEET_H
#define CEO_SHEET_H

#include <stddef.h>

#include "../base/base.h"

typedef struct sv_sheet sv_sheet;

/* Reads path. required is a NULL-terminated list of column names that must be present
 * (else a CEO_EDATA error naming the first missing one), or NULL. */
sv_sheet *sv_sheet_load(const char *path, const char *const *required, ceo_error *err);
void sv_sheet_free(sv_sheet *s);

const char *sv_sheet_path(const sv_sheet *s);
size_t sv_sheet_rows(const sv_sheet *s);
/* Index of the column named name, or -1. */
int sv_sheet_col(const sv_sheet *s, const char *name);
/* The cell, "" when the row is shorter or col is -1. Valid until sv_sheet_free. */
const char *sv_sheet_cell(const sv_sheet *s, size_t row, int col);
/* Physical line of the row in the file, for error messages. */
long sv_sheet_line(const sv_sheet *s, size_t row);

#endif
