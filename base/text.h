/*
 * text.h - byte-level text work for the reader: UTF-8 checks, the Windows-1252 fallback,
 * HTML clean-up and the normalisation of header texts and answer values.
 *
 * Lifecycle: an sv_buf is zero-initialised by the caller, grown by these functions, and
 * released with sv_buf_free(). Every function that writes to a buffer replaces its content
 * and leaves it NUL-terminated; it returns 0, or -1 when out of memory.
 */
#ifndef CEO_TEXT_H
#define CEO_TEXT_H

#include <stddef.h>

typedef struct {
    char *p;
    size_t len, cap;
} sv_buf;

void sv_buf_free(sv_buf *b);
/* Replaces the content with the n bytes at s. */
int sv_buf_set(sv_buf *b, const char *s, size_t n);
/* Appends n bytes. */
int sv_buf_add(sv_buf *b, const char *s, size_t n);

/* Returns 1 when the n bytes are valid UTF-8 (no overlongs, no surrogates). */
int sv_utf8_valid(const char *s, size_t n);

/* Writes s as UTF-8: as is when valid UTF-8, otherwise decoded as Windows-1252. Sets
 * *fallback (when non-NULL) to 1 when the fallback was used. */
int sv_to_utf8(sv_buf *out, const char *s, size_t n, int *fallback);

/* Writes UTF-8 s as Windows-1252 (what the PDF fonts are encoded in): letters outside it
 * become the nearest plain letter where there is one (l for \u0142), anything else '?'.
 * Invalid UTF-8 bytes become '?'. */
int sv_to_cp1252(sv_buf *out, const char *s, size_t n);

/* Normalises an answer value for comparison with spellings: HTML tags and entities removed,
 * NBSP and whitespace collapsed to single spaces, trimmed, lower-cased, one final period
 * removed. Input must be UTF-8. */
int sv_norm_value(sv_buf *out, const char *s, size_t n);

/* Normalises a header text for pattern matching (docs/FORMATS.md): as sv_norm_value, and also
 * template code removed, a leading numbering prefix ("3.", "Q3 -") removed, and trailing
 * ". ? : ! *" removed. Input must be UTF-8. */
int sv_norm_header(sv_buf *out, const char *s, size_t n);

/* Writes the word form of a normalised value (sv_norm_value) to out, which holds cap bytes:
 * the words in their order, joined by single spaces, with accents folded (ë -> e), a dot or
 * apostrophe inside a word dropped (n.v.t -> nvt, don't -> dont), - _ : " * en/em dashes and
 * curly quotes read as spaces, the filler words "ik", "het" and "mee" left out, and the
 * separators kept as words of their own: "/" for / | ( ) [ ], "," for , ;. No separator starts
 * or ends the form or follows another (a "/" wins over a ","). Any other character (! ? + and
 * digits) stays part of its word. Returns the length, or 0 when the form is empty or does not
 * fit; never allocates. "Weet ik het niet / N.v.t." gives "weet niet / nvt". */
size_t sv_norm_words(char *out, size_t cap, const char *norm, size_t n);

/* Removes HTML and collapses whitespace but keeps case: for display of header texts. */
int sv_clean_display(sv_buf *out, const char *s, size_t n);

/* Returns 1 when the n bytes, trimmed, are empty or only whitespace (NBSP included). */
int sv_is_blank(const char *s, size_t n);

#endif
