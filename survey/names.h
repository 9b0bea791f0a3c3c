/*
 * names.h - finding people's names in Dutch open text (the name part of pii.c's search).
 *
 * A name is told from other words by where it stands (after a form of address, a relation or
 * role word, "mijn naam is", a greeting at a signature's place, initials, a known first name)
 * and by whether the word is a Dutch word: the Dutch word list (Debian's wdutch,
 * /usr/share/dict/nederlands) holds common words in lower case and proper names (first names,
 * surnames, places) capitalised. Capitals alone decide nothing: "mevrouw de vries" is found
 * as "Mevrouw De Vries" is.
 *
 * Lifecycle: sv_wordlist_load() once -> sv_names_new() per thread -> sv_names_scan() per
 * text -> sv_names_free(), sv_wordlist_free(). A loaded word list is read-only and may be
 * shared by any number of threads.
 */
#ifndef CEO_NAMES_H
#define CEO_NAMES_H

#include <stddef.h>

#include "../base/base.h"

typedef struct sv_wordlist sv_wordlist;
typedef struct sv_names sv_names;

/* The word list at path (one word per line, UTF-8; NULL: CEO_WORDLIST, the build's default
 * /usr/share/dict/nederlands). NULL with err set (the path named) when it cannot be read or
 * holds too few words to be a Dutch word list. */
sv_wordlist *sv_wordlist_load(const char *path, ceo_error *err);
void sv_wordlist_free(sv_wordlist *w);

/* A finder over a borrowed word list (it must outlive the finder). NULL when out of memory. */
sv_names *sv_names_new(const sv_wordlist *w);
void sv_names_free(sv_names *nm);

/* Marks the names in the n bytes of UTF-8 at text: owner[i] = kind for every byte of a name
 * not already owned (owner[i] != 0 is kept: an e-mail address is never part of a name), with
 * first_flag or'ed into its first byte. Returns the number of names found, -1 when out of
 * memory. */
int sv_names_scan(sv_names *nm, const char *text, size_t n, int *owner, int kind, int first_flag);

#endif
