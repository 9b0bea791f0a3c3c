/*
 * relevance.c - the provider relevance rule of relevance.h: word lists and the order in which
 * they are tried. Words are runs of letters (any byte above 0x7F counts as a letter, so
 * "cliëntondersteuner" is one word, and so does '-', so "wmo-loket" is one word), lowered in
 * ASCII; no allocation.
 *
 * An entry is a word ("hulp"), a beginning ("poets*": poetst, poetsen, poetshulp), an ending
 * ("*taxi": regiotaxi; Dutch glues its nouns together, so the last part names the thing) or
 * two consecutive words ("eigen bijdrage", "op tijd"; the second may be a beginning); a word of
 * the list numbered counts only when a number follows ("vraag 5", not "als ik het vraag"). The nee
 * lists are tried on every word before any ja counts: one word about the gemeente or a
 * personal line keeps the whole answer from the provider, however much it praises the help.
 */
#include "relevance.h"

#include <stddef.h>
#include <string.h>

/* Not the provider's business: it would carry the gemeente's or another party's matter to the
 * provider. Grouped by who answers for it. */
static const char *const off_topic[] = {
    /* the gemeente, its desk, its people and its decisions */
    "gemeente*", "*loket", "consulent*", "*consulent", "keukentafel*", "wijkteam*", "buurtteam*",
    "sociaal team", "sociale dienst", "de wmo", "ouderenadvis*", "cliëntondersteun*",
    "clientondersteun*", "wethouder*", "ambtena*", "overheid", "politiek", "bezuinig*",
    "bureaucrat*", "kastje", "regels", "hulpvraag", "aanvraag*", "aanvragen", "aangevraagd",
    "beschikking*", "besluit*", "beslissing*", "bezwaar*", "afgewezen", "afwijzing", "toegekend",
    "toekenning",
    /* the indication and its hours */
    "indic*", "*indicatie", "geïndiceerd", "geindiceerd", "gekort", "verlaagd", "meer uren",
    "extra uren", "minder uren", "hulp nodig", "meer nodig", "meer hulp", "extra hulp",
    "minder hulp",
    /* the long-term care act, other payers and what the client pays */
    "wlz", "ciz", "cak", "svb", "uwv", "zorgkantoor*", "wijkverple*", "verpleegkundig*",
    "zorgverzekeraar*", "verzekeraar*", "verzekering*", "pgb", "persoonsgebonden", "eigen bijdrage",
    "bijdrage*", "betalen", "betaal", "kosten", "geld", "duur", "tarief", "factuur*", "belasting*",
    "toeslag*",
    /* aids and the house */
    "hulpmiddel*", "scootmobiel*", "traplift*", "rolstoel*", "rollator*", "tillift*",
    "douchestoel*", "woningaanpassing*", "aanpassing*", "aangepast*", "drempel*", "woningbouw*",
    "woningcorporatie*", "corporatie*", "verhuurder*", "gehandicapt*", "invalide*", "parkeer*",
    "alarm*", "*alarmering",
    /* transport */
    "*taxi", "taxi*", "vervoer*", "*vervoer", "chauffeur*", "valys", "*bus", "busje",
    /* the questionnaire itself */
    "vragenlijst*", "formulier*", "enquête*", "enquete*", "onderzoek*", "invul*", "ingevuld",
    "te vullen", "lijst", "internet", "online", "de vraag", "deze vraag", "die vraag",
    "vorige vraag", "de vragen", "deze vragen", "die vragen", "dezelfde vragen", "sommige vragen",
    "paar vragen", "privacy", "anoniem*", NULL};

/* The questionnaire's own questions, named by number: "vraag 5", "vragen 3 en 4". */
static const char *const numbered[] = {"vraag", "vragen", NULL};

/* Personal lines: what a respondent tells about his life, never for the provider. */
static const char *const personal[] = {
    /* death and mourning */
    "overleden", "overlijden", "overleed", "dood", "gestorven", "sterven", "stierf", "rouw*",
    "weduw*", "begrafenis", "uitvaart", "crematie",
    /* illness, the body, doctors and hospitals */
    "ziekenhuis*", "kanker", "beroerte", "dement*", "parkinson", "alzheimer", "reuma*", "artrose",
    "copd", "diabetes", "*infarct", "hartaanval", "operatie*", "*operatie", "*pijn", "revalid*",
    "ben gevallen", "was gevallen", "mijn val", "mijn klachten", "heup*", "slechtziend*",
    "slechthorend*", "blind", "doof", "gezondheid*", "mijn rug", "mijn knie*", "mijn been",
    "mijn benen", "mijn arm*", "mijn hart", "mijn ogen", "huisarts*", "dokter*", "arts",
    "specialist*", "fysio*", "medicijn*", "medicatie",
    /* family, friends, neighbours and pets */
    "mijn man", "mijn vrouw", "partner*", "echtgeno*", "zoon", "zonen", "dochter*", "kinderen",
    "kleinkind*", "kleinzoon", "kleindochter*", "schoonzoon", "schoondochter*", "schoonmoeder",
    "schoonvader", "zus", "zussen", "broer*", "moeder", "vader", "ouders", "nicht", "neef", "oom",
    "tante", "familie*", "mantelzorg*", "vriend", "vrienden", "vriendin*", "buurman", "buurvrouw",
    "buren", "hond", "hondje", "honden", "kat", "katten", "poes", "poesje", "huisdier*",
    /* moving house, homes */
    "verhuiz*", "verhuisd", "verpleeghuis*", "verzorgingshuis*", "aanleunwoning*",
    "seniorenwoning*", "woonzorg*", "hospice",
    /* loneliness and mood */
    "eenzaam*", "verdriet*", "depressi*", "somber*", NULL};

/* Who the provider sends and what stands for the provider: its helpers (by name of the job,
 * as "de dame" or "het meisje", or as "ze" and "hij"), its organisation and its office. */
static const char *const provider_people[] = {
    /* the help and its helpers */
    "*hulp", "hulpen", "hh", "hbh", "huishoud*", "schoonmaak*", "poets*", "thuiszorg*", "*zorg",
    "*zorgkracht", "*hulpkracht", "verzorg*", "begeleid*", "*begeleiding", "*begeleider",
    "*begeleidster", "dagbesteding", "dagopvang", "activiteit*", "medewerk*", "*medewerker",
    "*medewerkster", "personeel*", "team", "vaste", "meid", "meiden", "meisje*", "dame", "dames",
    "ze", "zij", "hij",
    /* the organisation and its office */
    "aanbieder*", "zorgaanbieder*", "zorgverlen*", "organisatie*", "bedrijf*", "instelling*",
    "kantoor", "coördinator*", "coordinator*", "teamleider*", "leidinggevende*", "management",
    "manager*", "planner*", "ondersteuning", NULL};

/* What the help is judged on: turning up (on time, as agreed, the same person, a replacement),
 * the cleaning and the chores, reaching the office, and the manner. */
static const char *const provider_work[] = {
    /* turning up, agreements and continuity */
    "die komt", "die komen", "die kwam", "er komt", "komt er", "er kwam", "kwam er", "er komen",
    "komen er", "wie er", "iemand anders", "niemand kwam", "niemand komt", "kwam niemand",
    "komt niemand", "opdagen", "op tijd", "te laat", "te vroeg", "afspra*", "afgesproken", "afzeg*",
    "afgezegd", "afbel*", "afgebeld", "vervang*", "inval*", "dezelfde", "wissel*", "continuïteit",
    "continuiteit", "het plan", "zorgplan*", "ondersteuningsplan*", "plann*", "planning*",
    "gepland", "rooster*", "wijziging*", "tijden", "geen tijd", "weinig tijd", "werk", "werkt",
    /* cleaning and chores */
    "schoon*", "stofzuig*", "gestofzuigd", "dweil*", "gedweild", "ramen", "lapt", "lappen",
    "gelapt", "vloer*", "badkamer", "keuken*", "aanrecht", "wc", "toilet*", "koelkast*", "kasten",
    "stof", "afstoffen", "verschoon*", "bedden", "strijk*", "wasgoed", "opruim*", "opgeruimd",
    "netjes", "grondig*", "slordig*", "vies*", "smerig", "vuil*", "hygiën*", "hygien*",
    "boodschap*", "spullen",
    /* reaching the provider */
    "bereikba*", "telefoon", "telefonisch*", "telefoontje*", "gebeld", "belt", "terugbel*", "mail*",
    "e-mail*", "sms*", "app", "communicatie", "evaluatie*", "kwaliteit",
    /* the manner */
    "vriendelijk*", "onvriendelijk*", "aardig*", "lief", "lieve", "behulpzaam", "zorgzaam",
    "geduldig*", "betrokken", "betrouwbaar", "eerlijk", "respect*", "onbeleefd", "brutaal",
    "kortaf", "chagrijnig", "vrolijk", "humor", "attent", "schat", "topper*", "goud", "gezellig",
    NULL};

static int is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '-';
}

/* Whether the word w[0..n) (lowered) matches the one-word entry e: the word itself, a
 * beginning ("stem*") or an ending ("*stem"). */
static int word_matches(const char *w, size_t n, const char *e)
{
    size_t m = strlen(e);
    if (m && e[m - 1] == '*')
        return n >= m - 1 && memcmp(w, e, m - 1) == 0;
    if (m && e[0] == '*')
        return n >= m - 1 && memcmp(w + n - (m - 1), e + 1, m - 1) == 0;
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
        const char *next = s;
        while (*next == ' ')
            next++;
        if (list_matches(off_topic, pv, np, word, n) || list_matches(personal, pv, np, word, n) ||
            (*next >= '0' && *next <= '9' && list_matches(numbered, NULL, 0, word, n)))
            return 0;
        about_provider |= list_matches(provider_people, pv, np, word, n) ||
                          list_matches(provider_work, pv, np, word, n);
        memcpy(prev, word, n + 1);
        np = n;
    }
    return about_provider;
}
