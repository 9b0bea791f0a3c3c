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

#include "names.h"
#include "../base/regex.h"

typedef int (*validator)(const char *s, size_t n);

typedef struct {
    unsigned kind;
    const char *pattern;
    validator valid;
} pii_pattern;

static int valid_bsn(const char *s, size_t n);
static int not_nine_digits(const char *s, size_t n);
static int valid_iban(const char *s, size_t n);

/* Dashes (hyphen, non-breaking hyphen, en and em dash, minus, full-width), invisible characters
 * (zero-width space and joiners, word joiner, BOM, soft hyphen) and spaces (NBSP, thin, narrow,
 * figure) that people or their software put inside numbers. */
#define DASHES "\\-\\x{2010}-\\x{2015}\\x{2212}\\x{fe58}\\x{fe63}\\x{ff0d}"
#define INVISIBLE "\\x{200b}-\\x{200d}\\x{2060}\\x{feff}\\x{ad}"
#define SPACES " \\x{a0}\\x{2007}\\x{2009}\\x{202f}"
/* Separators inside a phone number: the above, a dot, a slash. */
#define SEP "(?:[" SPACES ".\\x{ff0e}/" DASHES INVISIBLE "]{0,3})"
/* A zero, also full-width (\d takes full-width digits as well). */
#define ZERO "[0\\x{ff10}]"
/* What may follow a house number: a letter ("8a", "210 C"), an addition ("-2"), a floor ("hs",
 * "bis", "II"). */
#define HOUSE_SFX                                                                                  \
    "(?:[ ]?-?(?-i:[A-Za-z])\\b|-\\d{1,4}|[ ](?:hs|huis|bis|bg|boven|beneden|i{1,3})\\b)?"
#define HOUSE_NR                                                                                   \
    "(?:[ ,]*(?:(?:nr\\.?|nummer|huisnummer)[ ]*)?\\d{1,5}(?:-?(?-i:[A-Za-z])\\b|-\\d{1,4})?)"
/* A year and a two-letter word ("in 2023 en 2024", "sinds 2019 al 3 keer"), not a postcode
 * with a house number; any other four digits, two letters and a number are taken for one. */
#define NOT_YEAR_WORD                                                                              \
    "(?!(?:19|20)\\d\\d[ "                                                                         \
    "]?(?:en|op|in|is|te|de|al|om|of|ik|na|nu|ja|zo|me|je|we|ze|ca|uw|er|af|nr)"                   \
    "\\b)"
/* Without a house number: four digits and a two-letter word ("in 2023 en 2024", "sinds 2019 al 3
 * keer", "1500 km"), not a postcode; postcodes use no F, I, O, Q, U or Y. */
#define NOT_NUMBER_WORD                                                                            \
    "(?!\\d{4}[ ]?(?:en|op|in|is|te|de|al|om|of|ik|na|nu|ja|zo|me|je|we|ze|ca|uw|er|af|km|kg|"     \
    "cm|mm|ml|mg|dl|cl|gr|pk|kw|kj|mb|gb|kb|hz|ct|st|pp|mw|ex|bv|nv|vs|nl|be|de|dc|cd|tv|pc)\\b)"
#define PC_LETTERS "[a-z]{2}"
/* The "at" of an e-mail address: @, full-width or small @, (at), [at], " at ". */
#define AT                                                                                         \
    "(?:[ ]?[@\\x{ff20}\\x{fe6b}][ ]?|[ ]?[(\\[{<][ ]?(?:at|a|apenstaart(?:je)?)[ ]?[)\\]}>][ ]?|" \
    "[ ](?:at|apenstaartje)[ ])"
/* The dots of an address: ".", full-width, (dot), [punt], " punt ". */
#define DOT "(?:[.\\x{ff0e}]|[ ]?[(\\[{][ ]?(?:dot|punt)[ ]?[)\\]}][ ]?|[ ](?:dot|punt)[ ])"
/* Words before a street name: capitalised words not starting a sentence's grammar, titles
 * ("burgemeester", "st.") and particles in any case. */
#define STREET_WORDS                                                                               \
    "(?:(?:(?!(?-i:Op|In|Aan|Naar|Bij|Mijn|Ons|Onze|Adres|Ik|Wij|We|Het|Een|Via|Te|Postcode|"      \
    "Woon|Wonen|Stuur|Brief)\\b)(?-i:\\p{Lu})[\\p{L}.'-]*|sint|st\\.|burgemeester|burg\\.|dokter|" \
    "dr\\.|mr\\.|jhr\\.|mgr\\.|ds\\.|ir\\.|ing\\.|prins|prinses|koning|koningin|graaf|generaal|"   \
    "pastoor|kapelaan|president|professor|prof\\.|van|de|der|den|het|ter|ten|'t)[ ]+){0,5}"
/* A street name without a street type and its house number: capitalised words that are not
 * a question, bus line, room or law, then a number that is no year. */
#define NAMED_STREET                                                                               \
    "(?!(?-i:Vraag|Bus|Lijn|Kamer|Wmo|Artikel|Bijlage|Pagina|Week|Hoofdstuk|Groep|Route|"          \
    "Afdeling|Zaal|Verdieping|Nummer|Spoor|Perron|Bed|Box|Versie|Stap|Fase|Niveau|Taxi|Rit|Klas|"  \
    "Jaar|Dag|Maand|Ronde|Punt|Regel|Code)\\b)(?-i:\\p{Lu})[\\p{L}'-]{3,}(?:[ ]+(?-i:\\p{Lu})"     \
    "[\\p{L}'-]+)?[ ]+(?:nr\\.?[ ]*)?(?!(?:19|20)\\d\\d\\b)[1-9]\\d{0,3}(?!\\d)" HOUSE_SFX
#define STREETS                                                                                    \
    "(?:straat|laan|weg|plein|gracht|kade|dijk|singel|hof|pad|steeg|dreef|park|ring|wal|markt|"    \
    "veld|erf|allee|boulevard|baan|dam|haven|hoek|kamp|oord|plantsoen|akker|donk|hoeve|horst|"     \
    "zoom|burg|wijk|straatje|pleintje|gang|hof|gaarde|weide|brink|vliet|kanaal|lei|loop)"

static const pii_pattern patterns[] = {
    /* a number named as a reference, not nine digits (a BSN is told by the elfproef) */
    {SV_PII_REF,
     "\\b(?:factuur|klant|dossier|order|pas|polis|zaak|referentie|kenmerk|beschikkings|"
     "aanvraag|debiteur|contract|lidmaatschaps|relatie|cliënt|client)(?:nummer|nr\\.?)?[ :.#]*\\K"
     "\\d[\\d.-]{5,}\\d",
     not_nine_digits},
    {SV_PII_EMAIL,
     "(?<![\\p{L}\\p{N}._%+'-])[a-z0-9_%+'-]+(?:" DOT "[a-z0-9_%+'-]+)*" AT "[a-z0-9-]+(?:" DOT
     "[a-z0-9-]+)*" DOT "[a-z]{2,}\\b",
     NULL},
    {SV_PII_IBAN, "\\bNL ?\\d{2}(?:[ .]?[a-z]){4}(?:[ .]?\\d){10}\\b", NULL},
    {SV_PII_IBAN, "(?-i)\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b", valid_iban},
    {SV_PII_TELEFOON,
     "(?<![\\d+])(?:[+\\x{ff0b}]|\\b" ZERO ZERO ")" SEP "3" SEP "1" SEP "(?:\\(" ZERO "\\)" SEP
     ")?[1-9](?:" SEP "\\d){8}(?!\\d)",
     NULL},
    /* other countries: a plus or 00 and a country code other than 31, 8 to 12 more digits */
    {SV_PII_TELEFOON,
     "(?<![\\d+])(?:[+\\x{ff0b}]|\\b" ZERO ZERO ")(?!3" SEP "1)[1-9]\\d{0,2}(?:" SEP
     "\\d){8,12}(?!\\d)",
     NULL},
    /* the government's short number: 14 and an area code ("14 050") */
    {SV_PII_TELEFOON,
     "(?<![\\d,.+])14[ ]?0\\d{2,3}(?!\\d|[,.]\\d|[ ]*(?:euro|km|uur|minuten|jaar|%|procent)\\b)",
     NULL},
    {SV_PII_TELEFOON,
     "(?<![\\d+])(?:\\(0\\d\\)" SEP "(?:\\d" SEP "){7}\\d|\\(0\\d{2}\\)" SEP "(?:\\d" SEP
     "){6}\\d|\\(0\\d{3}\\)" SEP "(?:\\d" SEP "){5}\\d)(?!\\d)",
     NULL},
    {SV_PII_TELEFOON, "(?<![\\d+])0[89]0\\d[ .-]?\\d{4}(?:\\d{3})?(?!\\d)", NULL},
    {SV_PII_TELEFOON, "(?<![\\d+])" ZERO "(?:" SEP "\\d){9}(?!\\d)", NULL},
    {SV_PII_BSN,
     "(?<![\\d.,])\\d(?:[. ]?\\d){8}(?!\\d|[.,]\\d)", /* any grouping: the elfproef decides */
     valid_bsn},
    /* a street type before the name: "Laan van Meerdervoort 210", "Oude Gracht 12" */
    {SV_PII_ADRES,
     "\\b(?-i:Laan|Plein|Kade|Singel|Straat|Weg|Dijk|Park|Hof|Burgwal|Gracht|Oude|Nieuwe|Korte|"
     "Lange|Groot|Klein)[ ]+(?:(?:van|der|de|den|het|ter|te|'t|op|aan|naar)[ ]+)*(?:(?-i:\\p{Lu})"
     "[\\p{L}'-]*|\\d{4}-\\d{4})(?:[ ]+(?-i:\\p{Lu})[\\p{L}'-]*){0,2}[ ]+(?:nr\\.?[ "
     "]*)?\\d{1,5}" HOUSE_SFX,
     NULL},
    {SV_PII_ADRES, "\\b[1-9]\\d{3}[ \\x{a0}]?(?-i:[A-Z]{2})\\b" HOUSE_NR "?", NULL},
    {SV_PII_ADRES, "\\b" NOT_YEAR_WORD "[1-9]\\d{3}[ \\x{a0}]?[a-z]{2}\\b" HOUSE_NR, NULL},
    {SV_PII_ADRES, "\\b" NOT_NUMBER_WORD "[1-9]\\d{3}[ \\x{a0}]?" PC_LETTERS "\\b", NULL},
    {SV_PII_ADRES,
     "\\b" STREET_WORDS "[\\p{L}'-]*" STREETS "(?:[ ]+(?-i:NZ|OZ|ZZ|WZ))?[ ]+\\d{1,5}" HOUSE_SFX,
     NULL},
    /* a street named without a street type ("Akkerwinde 22") after a word that places it, or
     * alone on a line of an address block; not a question, bus line, room or law */
    {SV_PII_ADRES,
     "\\b(?:naar|op|aan|achter|bij|van|tegenover|naast|vanaf)[ ]+(?:(?-i:de|het)[ ]+)?\\K"
     "(?:(?-i:De|Het)[ ]+)?" NAMED_STREET
     "(?![ ]*(?:uur|minuten|min|km|euro|jaar|weken|dagen|keer|x|%|procent|kilo|kg|cm|meter|m|"
     "pagina|mensen|personen|rit|ritten)\\b)(?=[ ]*(?:[,.;:)!?\\n]|$|in\\b|te\\b|is\\b|en\\b|"
     "naar\\b|de\\b|wo(?:on|ont|nen|onde|onden)\\b|staat\\b|ligt\\b|verhuisd\\b|"
     "\\d{4}[ ]?[a-z]{2}\\b))",
     NULL},
    {SV_PII_ADRES, "(?m)^[ ]*\\K" NAMED_STREET "[ ]*$", NULL},
    /* any capitalised words with a house number after "ik woon aan", "adres is" */
    {SV_PII_ADRES,
     "\\b(?:wo(?:on|ont|nen|onde|onden)|verhuisd naar|verhuizen naar|verhuis naar|adres(?: is)?:?)"
     "[ ]+(?:(?:aan|op|in)[ ]+)?(?:(?:de|het|'t)[ ]+)?\\K(?:(?-i:\\p{Lu})[\\p{L}'.-]*[ ]+"
     "(?:(?:van|de|der|den|het|ter|ten|'t)[ ]+)*){1,4}\\d{1,5}" HOUSE_SFX,
     NULL},
};
#define NPATTERNS (sizeof patterns / sizeof patterns[0])

/* A category value that says "other" and then something more: the more may be a name. */
static const char anders_more[] = "^[\\s\"'(]*anders\\b[\\s:;,.()\\x{2013}-]*(?:namelijk\\b[\\s:;,."
                                  "()-]*)?(?!namelijk\\b)[\\p{L}\\p{N}]";

struct sv_pii {
    sv_regex *re[NPATTERNS];
    sv_names *names; /* NULL: names are not searched (category values) */
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

/* A reference of nine digits however grouped ("123.456.782") may be a BSN: the elfproef
 * decides, so it is not claimed as a reference. */
static int not_nine_digits(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] >= '0' && s[i] <= '9';
    return k != 9;
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

sv_pii *sv_pii_new(const sv_wordlist *words, ceo_error *err)
{
    sv_pii *p = ceo_calloc(1, sizeof *p);
    if (!p || (words && !(p->names = sv_names_new(words)))) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        ceo_free(p);
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
    sv_names_free(p->names);
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
    if (p->names) {
        int k = sv_names_scan(p->names, text, n, p->owner, SV_PII_NAAM, SV_PII_FIND_START);
        if (k < 0)
            return -1;
        if (k > 0 && found)
            *found |= SV_PII_NAAM;
    }
    /* references were claimed only to keep other kinds out of them */
    for (size_t i = 0; i < n; i++)
        if ((p->owner[i] & ~SV_PII_FIND_START) == SV_PII_REF)
            p->owner[i] = 0;
    if (found)
        *found &= ~(unsigned)SV_PII_REF;
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
