/*
 * redact.c - finds personal data in open answers and replaces it with markers. The finding is
 * survey/pii.c's (shared with the reader, which keeps it out of category values); here the
 * finds are replaced by markers.
 *
 * Each find is replaced whole by the marker of its kind; the text around it is kept.
 */
#include "redact.h"

#include <string.h>

#include "../survey/pii.h"

static const struct {
    unsigned kind;
    const char *marker;
} markers[] = {
    {RP_PII_BSN, "[bsn]"},           {RP_PII_TELEFOON, "[telefoonnummer]"},
    {RP_PII_EMAIL, "[e-mailadres]"}, {RP_PII_IBAN, "[iban]"},
    {RP_PII_ADRES, "[adres]"},       {RP_PII_NAAM, "[naam]"},
};

#define FIND_START SV_PII_FIND_START

struct rp_redactor {
    sv_pii *pii;
    const sv_wordlist *words;
};

int rp_elfproef(const char digits[9])
{
    return sv_pii_elfproef(digits);
}

rp_redactor *rp_redactor_new(const sv_wordlist *words, ceo_error *err)
{
    rp_redactor *r = ceo_calloc(1, sizeof *r);
    if (!r) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    r->words = words;
    if (!(r->pii = sv_pii_new(words, err))) {
        rp_redactor_free(r);
        return NULL;
    }
    return r;
}

const sv_wordlist *rp_redactor_words(const rp_redactor *r)
{
    return r->words;
}

void rp_redactor_free(rp_redactor *r)
{
    if (!r)
        return;
    sv_pii_free(r->pii);
    ceo_free(r);
}

static const char *marker_of(unsigned kind)
{
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++)
        if (markers[i].kind == kind)
            return markers[i].marker;
    return "[?]";
}

char *rp_redact(rp_redactor *r, const char *text, unsigned *found, ceo_error *err)
{
    size_t n = strlen(text);
    const int *owner;
    int rc = sv_pii_scan(r->pii, text, n, &owner, found);
    if (rc == -1) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    if (rc != 0) {
        ceo_error_set(err, CEO_EDATA, NULL, 0, 0,
                      "an open answer is too complex to check for personal data");
        return NULL;
    }
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (!owner[i])
            len++;
        else if (owner[i] & FIND_START)
            len += strlen(marker_of((unsigned)owner[i] & ~FIND_START));
    }
    char *out = ceo_malloc(len + 1), *w = out;
    if (!out) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (!owner[i]) {
            *w++ = text[i];
        } else if (owner[i] & FIND_START) {
            const char *m = marker_of((unsigned)owner[i] & ~FIND_START);
            size_t ml = strlen(m);
            memcpy(w, m, ml);
            w += ml;
        }
    }
    *w = '\0';
    return out;
}
