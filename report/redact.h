/*
 * redact.h - personal data taken out of open answers before anyone but the follow-up team
 * reads them (DESIGN.md, "Privacy").
 *
 * Lifecycle: rp_redactor_new() -> rp_redact() for each text -> rp_redactor_free().
 * What is found is replaced by a marker in Dutch: BSN (nine digits that pass the elfproef)
 * [bsn], Dutch phone numbers [telefoonnummer], e-mail addresses [e-mailadres], IBANs [iban],
 * postcode (with or without house number) and street with house number [adres], and names
 * (survey/names.h: after a form of address, a relation or role word, "mijn naam is", at a
 * signature's place, initials with a surname, a known first name) [naam], the whole name with
 * its initials replaced and the form of address kept.
 * A redactor is not safe to use from two threads at once.
 */
#ifndef CEO_REDACT_H
#define CEO_REDACT_H
#include "../base/base.h"

#include "../survey/pii.h"

enum {
    RP_PII_BSN = SV_PII_BSN,
    RP_PII_TELEFOON = SV_PII_TELEFOON,
    RP_PII_EMAIL = SV_PII_EMAIL,
    RP_PII_IBAN = SV_PII_IBAN,
    RP_PII_ADRES = SV_PII_ADRES,
    RP_PII_NAAM = SV_PII_NAAM,
};

typedef struct rp_redactor rp_redactor;

/* A redactor; names are found with the Dutch word list words (sv_wordlist_load; borrowed, it
 * must outlive the redactor, and may be shared by the redactors of several threads). */
rp_redactor *rp_redactor_new(const sv_wordlist *words, ceo_error *err);
void rp_redactor_free(rp_redactor *r);
/* The word list the redactor was made with (for a redactor of another thread). */
const sv_wordlist *rp_redactor_words(const rp_redactor *r);
/* Returns the redacted copy of the UTF-8 text (free with ceo_free), or NULL with err set (out
 * of memory, a match limit). *found (may be NULL) receives the RP_PII_ bits of what was
 * replaced. */
char *rp_redact(rp_redactor *r, const char *text, unsigned *found, ceo_error *err);
/* 1 when the nine digits pass the elfproef (9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11,
 * not all zero). */
int rp_elfproef(const char digits[9]);

#endif
