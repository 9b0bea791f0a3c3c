/*
 * regex.h - compiled regular expressions (the PCRE2 adapter).
 *
 * Lifecycle: sv_regex_new() -> sv_regex_match() any number of times -> sv_regex_free().
 * Patterns are UTF-8, matched caseless with Unicode properties, JIT-compiled when the
 * platform allows. A compiled regex may be used for any number of matches; it is not safe
 * to match with one regex from two threads at once.
 */
#ifndef CEO_REGEX_H
#define CEO_REGEX_H

#include <stddef.h>

#include "base.h"

typedef struct sv_regex sv_regex;

/* Compiles pattern. On a syntax error returns NULL and sets err to path:line:column (where
 * the pattern came from) with the character position in the pattern and PCRE2's message. */
sv_regex *sv_regex_new(const char *pattern, const char *path, long line, long column,
                       ceo_error *err);

/* Returns 1 when the regex matches somewhere in the n bytes at s, 0 when not, -1 on a match
 * error (such as a match limit). When it matches and start/end are non-NULL, they receive the
 * byte offsets of the whole match. */
int sv_regex_find(const sv_regex *re, const char *s, size_t n, size_t *start, size_t *end);

/* The same, starting the search at byte offset from (lookbehinds still see the bytes before
 * it), for finding every match in turn. from must be at a character boundary. */
int sv_regex_find_from(const sv_regex *re, const char *s, size_t n, size_t from, size_t *start,
                       size_t *end);
/* As sv_regex_find_from, for a subject of ASCII characters only (the caller checked): the
 * same result, faster, as no Unicode properties are looked up. */
int sv_regex_find_ascii(const sv_regex *re, const char *s, size_t n, size_t from, size_t *start,
                        size_t *end);
/* 0 when the regex cannot match any ASCII text whose bytes are those set in present (bit b of
 * present[b / 8] for byte b), by what PCRE2 knows before matching (the bytes a match may start
 * with, a byte every match holds); 1 when it may. A cheap test before sv_regex_find_ascii. */
int sv_regex_may_match_ascii(const sv_regex *re, const unsigned char present[32]);
/* Returns 1 when it matches, else 0. */
int sv_regex_match(const sv_regex *re, const char *s, size_t n);

void sv_regex_free(sv_regex *re);

#endif
