/*
 * pii.h - finding personal data in a text: the patterns under both the redaction of open
 * answers (report/redact.c) and the reading of category values (coding.c), which must never
 * carry a phone number into a group name (DESIGN.md, "Privacy").
 *
 * Lifecycle: sv_pii_new() -> sv_pii_scan() or sv_pii_category() for each text ->
 * sv_pii_free(). A detector is not safe to use from two threads at once.
 */
#ifndef CEO_PII_H
#define CEO_PII_H

#include <stddef.h>

#include "../base/base.h"
#include "names.h"

/* Kinds of personal data, as bits (report/redact.h names the same values RP_PII_). */
enum {
    SV_PII_BSN = 1,
    SV_PII_TELEFOON = 2,
    SV_PII_EMAIL = 4,
    SV_PII_IBAN = 8,
    SV_PII_ADRES = 16,
    SV_PII_NAAM = 32,
    SV_PII_REF = 64, /* a reference number ("factuurnummer 0048120953"): no personal data,
                      * claimed so that no phone number is found in it; never reported */
};

/* In sv_pii_scan's owner array: set on the first byte of each find. */
#define SV_PII_FIND_START 0x100

typedef struct sv_pii sv_pii;

/* Compiles the patterns; names are searched too when words (borrowed, must outlive the
 * detector) is not NULL. NULL with err set when out of memory. */
sv_pii *sv_pii_new(const sv_wordlist *words, ceo_error *err);
void sv_pii_free(sv_pii *p);

/* Finds personal data in the n bytes of UTF-8 at text. Kinds are searched in a fixed order
 * (e-mail, IBAN, phone, BSN, address, name) and every byte belongs to at most one find. On
 * success *owner points to n + 1 ints, per byte the kind of the find that claims it (or 0),
 * with SV_PII_FIND_START on each find's first byte; valid until the next call. *found (may be
 * NULL) receives the kinds found. Returns 0, -1 when out of memory, -2 on a match limit. */
int sv_pii_scan(sv_pii *p, const char *text, size_t n, const int **owner, unsigned *found);

/* The kinds of personal data in a category value (a gemeente, provider or answer cell): what
 * sv_pii_scan finds but names (a provider's name holds words such as "thuishulp"), and
 * SV_PII_NAAM for any words after "anders:" or "anders, namelijk" (a name there cannot be
 * told from a provider's, and such a value is "anders" either way).
 * Returns 0 with *kinds set (0: nothing found), -1 when out of memory, -2 on a match limit. */
int sv_pii_category(sv_pii *p, const char *v, size_t n, unsigned *kinds);

/* 1 when the nine digits pass the elfproef (9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11,
 * not all zero). */
int sv_pii_elfproef(const char digits[9]);

/* The words for kinds ("a phone number", "a phone number and a name") written into out. */
void sv_pii_describe(unsigned kinds, char *out, size_t size);

#endif
