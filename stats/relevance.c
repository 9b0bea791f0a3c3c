/*
 * relevance.c - the provider relevance rule of relevance.h: three word lists and the order in
 * which they are tried. Words are runs of letters (any byte above 0x7F counts as a letter, so
 * "cliëntondersteuner" is one word), lowered in ASCII; no allocation.
 */
#include "relevance.h"

#include <stddef.h>
#include <string.h>

/* Not the provider's business: it would carry the gemeente's or another party's matter to the
 * provider. */
static const char *const off_topic[] = {"gemeente*",
                                        "wmo-loket",
                                        "loket",
                                        "consulent*",
                                        "keukentafel*",
                                        "indicatie*",
                                        "wlz",
                                        "ciz",
                                        "cak",
                                        "eigen bijdrage",
                                        "scootmobiel*",
                                        "traplift*",
                                        "rolstoel*",
                                        "woningaanpassing*",
                                        "aanpassing*",
                                        "taxi*",
                                        "regiotaxi*",
                                        "vervoer*",
                                        "pgb",
                                        "persoonsgebonden",
                                        "cliëntondersteuner*",
                                        "clientondersteuner*",
                                        "vragenlijst*",
                                        "vraag",
                                        "besluit*",
                                        "verpleeghuis*",
                                        "regels",
                                        "hulpvraag",
                                        NULL};

/* Personal lines: what a respondent tells about his life, never for the provider. */
static const char *const personal[] = {"overleden",     "overlijden",   "dood",      "gestorven",
                                       "kanker",        "ziekenhuis*",  "beroerte",  "dement*",
                                       "mijn man",      "mijn vrouw",   "mijn zoon", "mijn dochter",
                                       "mijn kinderen", "mijn partner", "buurman",   "buurvrouw",
                                       "huisarts",      "rouw*",        NULL};

/* The provider's help. */
static const char *const provider[] = {
    "hulp",           "thuishulp",  "huishoudelijke", "huishoudhulp", "schoonmaak*",
    "schoon*",        "poets*",     "stofzuig*",      "ramen",        "aanbieder*",
    "zorgaanbieder*", "thuiszorg*", "begeleid*",      "dagbesteding", "vervanging",
    "invaller*",      "planning",   "organisatie",    "medewerkers",  NULL};

static int is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '-';
}

/* Whether the word w[0..n) (lowered) matches the one-word entry e. */
static int word_matches(const char *w, size_t n, const char *e)
{
    size_t m = strlen(e);
    if (m && e[m - 1] == '*')
        return n >= m - 1 && memcmp(w, e, m - 1) == 0;
    return n == m && memcmp(w, e, n) == 0;
}

/* Whether the pair of consecutive words, or the word alone, matches an entry of the list. */
static int list_matches(const char *const *list, const char *prev, size_t np, const char *w,
                        size_t n)
{
    for (size_t i = 0; list[i]; i++) {
        const char *sp = strchr(list[i], ' ');
        if (!sp) {
            if (word_matches(w, n, list[i]))
                return 1;
        } else if (prev && (size_t)(sp - list[i]) == np && memcmp(prev, list[i], np) == 0 &&
                   word_matches(w, n, sp + 1)) {
            return 1;
        }
    }
    return 0;
}

int st_provider_relevant(const char *text)
{
    char word[64], prev[64];
    size_t np = 0;
    int about_provider = 0;
    for (const char *s = text; s && *s;) {
        while (*s && !is_letter((unsigned char)*s))
            s++;
        size_t n = 0;
        for (; is_letter((unsigned char)*s); s++)
            if (n < sizeof word - 1)
                word[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
        if (!n)
            break;
        word[n] = '\0';
        const char *pv = np ? prev : NULL;
        if (list_matches(off_topic, pv, np, word, n) || list_matches(personal, pv, np, word, n))
            return 0;
        about_provider |= list_matches(provider, pv, np, word, n);
        memcpy(prev, word, n + 1);
        np = n;
    }
    return about_provider;
}
