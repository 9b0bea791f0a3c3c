/*
 * redact.c - finds personal data in open answers and replaces it with markers.
 *
 * The patterns are compiled in, not read from the codebook: what counts as personal data is a
 * privacy promise, not a regional setting. Kinds are searched in a fixed order (e-mail, IBAN,
 * phone, BSN, address, name) and every byte belongs to at most one find, so an e-mail address
 * with digits is not also a phone number. Numbers are validated where a check exists: a BSN
 * must pass the elfproef, an IBAN outside the Dutch form its mod-97 check. Over-redaction is
 * the safe side: a ten-digit number starting with 0 is taken for a phone number.
 */
#include "redact.h"

#include <string.h>

#include "../survey/regex.h"

typedef int (*validator)(const char *s, size_t n);

typedef struct {
    unsigned kind;
    const char *pattern;
    validator valid;
} pii_pattern;

static int valid_bsn(const char *s, size_t n);
static int valid_iban(const char *s, size_t n);

/* Separators people put inside numbers: space, NBSP, dot, dash, slash. */
#define SEP "(?:[ .\\x{a0}/-]{0,3})"
/* Dutch surname particles, written in any case ("De Vries", "van 't Hof"). */
#define TV "(?:(?:van|de|der|den|het|ter|te|ten|el|al|op|in|'t|\\x{2019}t|la|le|du|da|dos|von)[ ]+)"
/* A capitalised word that is not a sentence start someone forgot the full stop before. */
#define CAP                                                                                        \
    "(?!(?-i:Ik|Ze|Zij|Hij|Het|Een|Wij|We|Maar|En|Dat|Die|Dit|Als|Ook|Nu|Dan|Toen|Wmo|Wlz)\\b)"    \
    "(?-i:\\p{Lu})[\\p{L}'\\x{2019}-]*"
#define HOUSE_NR                                                                                   \
    "(?:[ ,]*(?:(?:nr\\.?|nummer|huisnummer)[ ]*)?\\d{1,5}(?:-?(?-i:[A-Za-z])\\b|-\\d{1,4})?)"
/* A year and a two-letter word ("in 2023 en 2024", "sinds 2019 al 3 keer"), not a postcode;
 * any other four digits, two letters and a number are taken for an address. */
#define NOT_YEAR_WORD                                                                              \
    "(?!(?:19|20)\\d\\d[ ]?(?:en|op|in|is|te|de|al|om|of|ik|na|nu|ja|zo|me|je|we|ze|ca|uw|er|af)"  \
    "\\b)"

static const pii_pattern patterns[] = {
    {RP_PII_EMAIL, "[a-z0-9._%+'-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}", NULL},
    {RP_PII_IBAN, "\\bNL ?\\d{2}(?:[ .]?[a-z]){4}(?:[ .]?\\d){10}\\b", NULL},
    {RP_PII_IBAN, "(?-i)\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b", valid_iban},
    {RP_PII_TELEFOON,
     "(?<![\\d+])(?:\\+|\\b00)[ ]?31[ .-]*(?:\\(0\\)[ .-]*)?[1-9](?:[ .\\x{a0}-]?\\d){8}(?!\\d)",
     NULL},
    {RP_PII_TELEFOON,
     "(?<![\\d+])(?:\\(0\\d\\)" SEP "(?:\\d" SEP "){7}\\d|\\(0\\d{2}\\)" SEP "(?:\\d" SEP
     "){6}\\d|\\(0\\d{3}\\)" SEP "(?:\\d" SEP "){5}\\d)(?!\\d)",
     NULL},
    {RP_PII_TELEFOON, "(?<![\\d+])0[89]0\\d[ .-]?\\d{4}(?:\\d{3})?(?!\\d)", NULL},
    {RP_PII_TELEFOON, "(?<![\\d+])0(?:" SEP "\\d){9}(?!\\d)", NULL},
    {RP_PII_BSN,
     "(?<![\\d.,])(?:\\d{9}|\\d{3}[. ]\\d{3}[. ]\\d{3}|\\d{4}\\.\\d{2}\\.\\d{3})(?!\\d|[.,]\\d)",
     valid_bsn},
    {RP_PII_ADRES, "\\b[1-9]\\d{3}[ \\x{a0}]?(?-i:[A-Z]{2})\\b" HOUSE_NR "?", NULL},
    {RP_PII_ADRES, "\\b" NOT_YEAR_WORD "[1-9]\\d{3}[ \\x{a0}]?[a-z]{2}\\b" HOUSE_NR, NULL},
    {RP_PII_ADRES,
     "\\b(?-i:\\p{Lu})[\\p{L}'-]*(?:straat|laan|weg|plein|gracht|kade|dijk|singel|hof|pad|"
     "steeg|dreef|park|ring|wal|markt|veld|erf)[ ]+\\d{1,5}(?:-?(?-i:[A-Za-z])\\b|-\\d{1,4})?",
     NULL},
    {RP_PII_NAAM,
     "\\b(?:mevrouw|mevr\\.?|mw\\.?|mejuffrouw|juffrouw|meneer|mijnheer|mnr\\.?|dhr\\.?|"
     "de heer|zuster|broeder|dokter|dr\\.|juf|meester|"
     "(?:(?:mijn|onze|de|een|haar|zijn) )?(?:vaste |nieuwe |oude |eigen |vorige |huidige )?"
     "(?:hulp|huishoudelijke hulp|thuishulp|schoonmaakster|schoonmaker|huishoudster|"
     "begeleider|begeleidster|consulent|consulente|casemanager|contactpersoon|"
     "wijkverpleegkundige|verpleegkundige|coach|chauffeur|buurvrouw|buurman|dochter|zoon|"
     "man|vrouw|kleindochter|kleinzoon|mantelzorger|ergotherapeut|fysiotherapeut|huisarts|"
     "medewerker|medewerkster|vriendin|vriend|zus|broer))(?: heet| genaamd|,)?[ ]+\\K" TV "*" CAP
     "(?:[ ]+" TV "*" CAP ")?",
     NULL},
};
#define NPATTERNS (sizeof patterns / sizeof patterns[0])

static const struct {
    unsigned kind;
    const char *marker;
} markers[] = {
    {RP_PII_BSN, "[bsn]"},           {RP_PII_TELEFOON, "[telefoonnummer]"},
    {RP_PII_EMAIL, "[e-mailadres]"}, {RP_PII_IBAN, "[iban]"},
    {RP_PII_ADRES, "[adres]"},       {RP_PII_NAAM, "[naam]"},
};

#define FIND_START 0x100

struct rp_redactor {
    sv_regex *re[NPATTERNS];
    int *owner; /* per byte of the current text: the kind of the find that claims it, or 0;
                   FIND_START on the first byte of each find */
    size_t cap;
};

int rp_elfproef(const char digits[9])
{
    int sum = 0, nonzero = 0;
    for (int i = 0; i < 9; i++) {
        int d = digits[i] - '0';
        if (d < 0 || d > 9)
            return 0;
        nonzero |= d;
        sum += i < 8 ? (9 - i) * d : -d;
    }
    return nonzero && sum % 11 == 0;
}

static int valid_bsn(const char *s, size_t n)
{
    char d[9];
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9') {
            if (k == 9)
                return 0;
            d[k++] = s[i];
        }
    return k == 9 && rp_elfproef(d);
}

/* ISO 13616: move the first four characters to the end, letters as 10..35, mod 97 == 1. */
static int valid_iban(const char *s, size_t n)
{
    char c[40];
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ') {
            if (k == sizeof c)
                return 0;
            c[k++] = s[i];
        }
    if (k < 15)
        return 0;
    int mod = 0;
    for (size_t i = 0; i < k; i++) {
        char ch = c[(i + 4) % k];
        if (ch >= '0' && ch <= '9')
            mod = (mod * 10 + (ch - '0')) % 97;
        else if (ch >= 'A' && ch <= 'Z')
            mod = (mod * 100 + (ch - 'A' + 10)) % 97;
        else
            return 0;
    }
    return mod == 1;
}

rp_redactor *rp_redactor_new(ceo_error *err)
{
    rp_redactor *r = ceo_calloc(1, sizeof *r);
    if (!r) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < NPATTERNS; i++)
        if (!(r->re[i] =
                  sv_regex_new(patterns[i].pattern, "redaction pattern", (long)i + 1, 0, err))) {
            rp_redactor_free(r);
            return NULL;
        }
    return r;
}

void rp_redactor_free(rp_redactor *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < NPATTERNS; i++)
        sv_regex_free(r->re[i]);
    ceo_free(r->owner);
    ceo_free(r);
}

static const char *marker_of(unsigned kind)
{
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++)
        if (markers[i].kind == kind)
            return markers[i].marker;
    return "[?]";
}

static size_t utf8_step(const char *s, size_t at, size_t n)
{
    size_t k = at + 1;
    while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
        k++;
    return k;
}

char *rp_redact(rp_redactor *r, const char *text, unsigned *found, ceo_error *err)
{
    size_t n = strlen(text);
    if (found)
        *found = 0;
    if (n + 1 > r->cap) {
        int *o = ceo_realloc(r->owner, (n + 1) * sizeof *o);
        if (!o) {
            ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            return NULL;
        }
        r->owner = o;
        r->cap = n + 1;
    }
    memset(r->owner, 0, (n + 1) * sizeof *r->owner);
    for (size_t p = 0; p < NPATTERNS; p++) {
        size_t from = 0, s, e;
        int rc;
        while ((rc = sv_regex_find_from(r->re[p], text, n, from, &s, &e)) == 1) {
            from = e > s ? e : utf8_step(text, s, n);
            if (e == s || (patterns[p].valid && !patterns[p].valid(text + s, e - s)))
                continue;
            size_t i = s;
            while (i < e && !r->owner[i])
                i++;
            if (i < e)
                continue; /* part of it already belongs to an earlier kind */
            for (i = s; i < e; i++)
                r->owner[i] = (int)patterns[p].kind;
            r->owner[s] |= FIND_START;
            if (found)
                *found |= patterns[p].kind;
        }
        if (rc < 0) {
            ceo_error_set(err, CEO_EDATA, NULL, 0, 0,
                          "an open answer is too complex to check for personal data");
            return NULL;
        }
    }
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (!r->owner[i])
            len++;
        else if (r->owner[i] & FIND_START)
            len += strlen(marker_of((unsigned)r->owner[i] & ~FIND_START));
    }
    char *out = ceo_malloc(len + 1), *w = out;
    if (!out) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (!r->owner[i]) {
            *w++ = text[i];
        } else if (r->owner[i] & FIND_START) {
            const char *m = marker_of((unsigned)r->owner[i] & ~FIND_START);
            size_t ml = strlen(m);
            memcpy(w, m, ml);
            w += ml;
        }
    }
    *w = '\0';
    return out;
}
