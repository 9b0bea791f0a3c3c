/*
 * pii.c - the patterns that find personal data (moved here from report/redact.c, which uses
 * them through sv_pii_scan, so that the survey reader can use them too).
 *
 * The patterns are compiled in, not read from the codebook: what counts as personal data is a
 * privacy promise, not a regional setting. Kinds are searched in a fixed order (e-mail, IBAN,
 * phone, BSN, address, name) and every byte belongs to at most one find, so an e-mail address
 * with digits is not also a phone number. Numbers are validated where a check exists: a BSN
 * must pass the elfproef, an IBAN outside the Dutch form its mod-97 check. Over-finding is
 * the safe side: a ten-digit number starting with 0 is taken for a phone number.
 */
#include "pii.h"

#include <stdio.h>
#include <string.h>

#include "regex.h"

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
    {SV_PII_EMAIL, "[a-z0-9._%+'-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}", NULL},
    {SV_PII_IBAN, "\\bNL ?\\d{2}(?:[ .]?[a-z]){4}(?:[ .]?\\d){10}\\b", NULL},
    {SV_PII_IBAN, "(?-i)\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b", valid_iban},
    {SV_PII_TELEFOON,
     "(?<![\\d+])(?:\\+|\\b00)[ ]?31[ .-]*(?:\\(0\\)[ .-]*)?[1-9](?:[ .\\x{a0}-]?\\d){8}(?!\\d)",
     NULL},
    {SV_PII_TELEFOON,
     "(?<![\\d+])(?:\\(0\\d\\)" SEP "(?:\\d" SEP "){7}\\d|\\(0\\d{2}\\)" SEP "(?:\\d" SEP
     "){6}\\d|\\(0\\d{3}\\)" SEP "(?:\\d" SEP "){5}\\d)(?!\\d)",
     NULL},
    {SV_PII_TELEFOON, "(?<![\\d+])0[89]0\\d[ .-]?\\d{4}(?:\\d{3})?(?!\\d)", NULL},
    {SV_PII_TELEFOON, "(?<![\\d+])0(?:" SEP "\\d){9}(?!\\d)", NULL},
    {SV_PII_BSN,
     "(?<![\\d.,])(?:\\d{9}|\\d{3}[. ]\\d{3}[. ]\\d{3}|\\d{4}\\.\\d{2}\\.\\d{3})(?!\\d|[.,]\\d)",
     valid_bsn},
    {SV_PII_ADRES, "\\b[1-9]\\d{3}[ \\x{a0}]?(?-i:[A-Z]{2})\\b" HOUSE_NR "?", NULL},
    {SV_PII_ADRES, "\\b" NOT_YEAR_WORD "[1-9]\\d{3}[ \\x{a0}]?[a-z]{2}\\b" HOUSE_NR, NULL},
    {SV_PII_ADRES,
     "\\b(?-i:\\p{Lu})[\\p{L}'-]*(?:straat|laan|weg|plein|gracht|kade|dijk|singel|hof|pad|"
     "steeg|dreef|park|ring|wal|markt|veld|erf)[ ]+\\d{1,5}(?:-?(?-i:[A-Za-z])\\b|-\\d{1,4})?",
     NULL},
    {SV_PII_NAAM,
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

/* A category value that says "other" and then something more: the more may be a name. */
static const char anders_more[] = "^[\\s\"'(]*anders\\b[\\s:;,.()\\x{2013}-]*(?:namelijk\\b[\\s:;,."
                                  "()-]*)?(?!namelijk\\b)[\\p{L}\\p{N}]";

struct sv_pii {
    sv_regex *re[NPATTERNS];
    sv_regex *anders;
    int *owner;
    size_t cap;
};

int sv_pii_elfproef(const char digits[9])
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
    return k == 9 && sv_pii_elfproef(d);
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

sv_pii *sv_pii_new(ceo_error *err)
{
    sv_pii *p = ceo_calloc(1, sizeof *p);
    if (!p) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < NPATTERNS; i++)
        if (!(p->re[i] =
                  sv_regex_new(patterns[i].pattern, "redaction pattern", (long)i + 1, 0, err))) {
            sv_pii_free(p);
            return NULL;
        }
    if (!(p->anders =
              sv_regex_new(anders_more, "redaction pattern", (long)NPATTERNS + 1, 0, err))) {
        sv_pii_free(p);
        return NULL;
    }
    return p;
}

void sv_pii_free(sv_pii *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < NPATTERNS; i++)
        sv_regex_free(p->re[i]);
    sv_regex_free(p->anders);
    ceo_free(p->owner);
    ceo_free(p);
}

static size_t utf8_step(const char *s, size_t at, size_t n)
{
    size_t k = at + 1;
    while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
        k++;
    return k;
}

int sv_pii_scan(sv_pii *p, const char *text, size_t n, const int **owner, unsigned *found)
{
    if (found)
        *found = 0;
    if (n + 1 > p->cap) {
        int *o = ceo_realloc(p->owner, (n + 1) * sizeof *o);
        if (!o)
            return -1;
        p->owner = o;
        p->cap = n + 1;
    }
    memset(p->owner, 0, (n + 1) * sizeof *p->owner);
    for (size_t k = 0; k < NPATTERNS; k++) {
        size_t from = 0, s, e;
        int rc;
        while ((rc = sv_regex_find_from(p->re[k], text, n, from, &s, &e)) == 1) {
            from = e > s ? e : utf8_step(text, s, n);
            if (e == s || (patterns[k].valid && !patterns[k].valid(text + s, e - s)))
                continue;
            size_t i = s;
            while (i < e && !p->owner[i])
                i++;
            if (i < e)
                continue; /* part of it already belongs to an earlier kind */
            for (i = s; i < e; i++)
                p->owner[i] = (int)patterns[k].kind;
            p->owner[s] |= SV_PII_FIND_START;
            if (found)
                *found |= patterns[k].kind;
        }
        if (rc < 0)
            return -2;
    }
    *owner = p->owner;
    return 0;
}

int sv_pii_category(sv_pii *p, const char *v, size_t n, unsigned *kinds)
{
    const int *owner;
    int rc = sv_pii_scan(p, v, n, &owner, kinds);
    if (rc != 0)
        return rc;
    /* A name found as in open text ("thuishulp Rivierenland") is an organisation's name as
     * often as a person's in a list of providers: only a name after "anders" counts here. Names
     * are searched last, so no other find was given up for one. */
    *kinds &= ~(unsigned)SV_PII_NAAM;
    int m = sv_regex_find(p->anders, v, n, NULL, NULL);
    if (m < 0)
        return -2;
    if (m)
        *kinds |= SV_PII_NAAM;
    return 0;
}

void sv_pii_describe(unsigned kinds, char *out, size_t size)
{
    static const struct {
        unsigned kind;
        const char *words;
    } w[] = {{SV_PII_TELEFOON, "a phone number"},
             {SV_PII_EMAIL, "an e-mail address"},
             {SV_PII_BSN, "a BSN"},
             {SV_PII_IBAN, "an IBAN"},
             {SV_PII_ADRES, "an address"},
             {SV_PII_NAAM, "a name"}};
    size_t o = 0, nw = 0, total = 0;
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        total += (kinds & w[i].kind) != 0;
    if (size)
        out[0] = '\0';
    for (size_t i = 0; i < sizeof w / sizeof w[0] && o < size; i++) {
        if (!(kinds & w[i].kind))
            continue;
        nw++;
        int k = snprintf(out + o, size - o, "%s%s",
                         nw == 1       ? ""
                         : nw == total ? " and "
                                       : ", ",
                         w[i].words);
        if (k < 0)
            break;
        o += (size_t)k;
    }
}
