/*
 * tablefill.h - filling a survey table row by row: the API of table.c for the code that makes
 * tables, the export reader (reader.c) and the batch store (storerec.c, storeread.c). The
 * table's layout stays private to table.c and reader.c (tablepriv.h); everyone else fills a
 * table through these functions only.
 *
 * Order: sv_table_add_row, then for each value of the row sv_table_use_item (once per item)
 * and the setter of the item's type. A row added is missing in every present item until set.
 * Setters return 0, or -1 when the item is not in use, not of the setter's type, or row is
 * not a row of the table (nothing is changed then).
 */
#ifndef CEO_TABLEFILL_H
#define CEO_TABLEFILL_H

#include <stddef.h>
#include <stdint.h>

#include "survey.h"

/* Makes room for one more row and sets it to missing in every present item. Returns the row
 * index, or -1 when out of memory. */
long sv_table_add_row(sv_table *t);

/* Makes room for rows rows in every present item (and items used later), so that a reader that
 * can tell roughly how many rows come grows the arrays once instead of doubling and copying
 * them. A hint only: returns 0, or -1 when out of memory, leaving the table as it was. */
int sv_table_reserve(sv_table *t, size_t rows);

/* Allocates the arrays of an item for the table's capacity (marks it present), every row
 * missing. Returns 0, or -1 when out of memory. */
int sv_table_use_item(sv_table *t, int item);

/* The value of item at row, by type (survey.h's sv_table_codes and the others say what the
 * values mean): a code for likert, janee, enkel, categorie (a group's index + 1), id and tekst
 * (1: answered); a number for getal, cijfer and score; a date for datum; a multi-select's bits
 * for meer. */
int sv_table_set_code(sv_table *t, int item, size_t row, uint16_t code);
int sv_table_set_number(sv_table *t, int item, size_t row, double v);
int sv_table_set_date(sv_table *t, int item, size_t row, int64_t v);
int sv_table_set_multi(sv_table *t, int item, size_t row, uint32_t bits);

/* Finds or adds a group of a categorie item. Returns its index, or -1 (out of memory). */
int sv_table_group_add(sv_table *t, int item, const char *norm, size_t nlen, const char *display,
                       size_t dlen);

/* Stores text for an item at a row (SV_KEEP_TEXT). Returns 0 or -1. */
int sv_table_set_text(sv_table *t, int item, size_t row, const char *s, size_t n);

/* Notes that the options in mask (bit i = option i) were not asked of rows [from, to) of a
 * multi-select item (the export had no column for them). A mask of 0 costs nothing; the
 * first other mask allocates the item's per-row array. Returns 0, or -1 when out of memory. */
int sv_table_set_unasked(sv_table *t, int item, size_t from, size_t to, uint32_t mask);

/* Keeps s (n bytes) as the original id of pseudonym (sv_table_original). Returns 0 or -1. */
int sv_table_note_original(sv_table *t, const char *pseudonym, const char *s, size_t n);

/* A mark of how far the table was filled, and a rollback to it. */
typedef struct {
    size_t nrows, arena_len;
    size_t *ngroups; /* per item */
} sv_table_mark;
int sv_table_mark_take(const sv_table *t, sv_table_mark *m);
void sv_table_rollback(sv_table *t, sv_table_mark *m);
void sv_table_mark_drop(sv_table_mark *m);

#endif
