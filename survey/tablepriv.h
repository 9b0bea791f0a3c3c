/*
 * tablepriv.h - the survey table's layout, shared by table.c (storage, access) and the reader
 * of exports (reader.c, and through readpriv.h its parts colmap.c and coding.c, which read the
 * table's settings and write cells in place as they code a file), and by no other file. Not
 * part of the public interface: the store, and any other code that makes a table, fills it
 * through tablefill.h.
 */
#ifndef CEO_TABLEPRIV_H
#define CEO_TABLEPRIV_H

#include "pseudo.h"
#include "../base/strmap.h"
#include "names.h"
#include "survey.h"
#include "tablefill.h"

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

#endif
