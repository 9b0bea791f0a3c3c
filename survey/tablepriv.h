/*
 * tablepriv.h - the survey table's insides, shared by table.c (storage, access) and
 * reader.c (filling it). Not part of the public interface.
 */
#ifndef CEO_TABLEPRIV_H
#define CEO_TABLEPRIV_H

#include "pseudo.h"
#include "../base/strmap.h"
#include "names.h"
#include "survey.h"

typedef struct {
    int present;
    int keep_text; /* keep this item's text although the table's flags do not say so */
    uint16_t *codes;
    double *nums;
    int64_t *dates;
    uint32_t *multi;
    uint32_t *unasked; /* meer: per row, bit i = option i was not asked; NULL = all were */
    uint64_t *text;    /* offsets into the table's text arena; 0 = none */
    sv_strmap *groups; /* normalised name -> group index */
    char **names;      /* display names of groups */
    size_t ngroups, names_cap;
} sv_itemcol;

struct sv_table {
    const sv_codebook *cb;
    unsigned flags;
    size_t nrows, cap;
    size_t ready;  /* rows [0, ready) of every present item hold a value or missing */
    size_t mapped; /* rows [0, mapped) have their pages mapped (see prefault in table.c) */
    sv_itemcol *items;
    size_t nitems;
    char *arena;
    size_t arena_len, arena_cap;
    int year; /* sv_table_set_year; 0: the clock's */
    /* sv_table_set_wordlist: names in unrecognised values are searched with the word list,
     * loaded from wordlist (NULL: the build's default) when the first such value is read */
    int want_words;
    char *wordlist;
    sv_wordlist *words;
    /* sv_table_set_key: ids are pseudonymised as they are read; with originals, the original
     * of each pseudonym is kept (pseudonym -> index into origs) for the follow-up list */
    const sv_key *key;
    int keep_originals;
    sv_strmap *orig;
    char **origs;
    size_t norigs, origs_cap;
};

/* Makes room for one more row and sets it to missing in every present item. Returns the row
 * index, or -1 when out of memory. */
long sv_table_add_row(sv_table *t);

/* Makes room for rows rows in every present item (and items used later), so that a reader that
 * can tell roughly how many rows come grows the arrays once instead of doubling and copying
 * them. A hint only: returns 0, or -1 when out of memory, leaving the table as it was. */
int sv_table_reserve(sv_table *t, size_t rows);

/* Allocates the arrays of an item for the table's capacity (marks it present). */
int sv_table_use_item(sv_table *t, int item);

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
