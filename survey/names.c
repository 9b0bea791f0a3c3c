/*
 * names.c - finds people's names in Dutch open text by where a word stands and whether it is
 * a Dutch word (names.h).
 *
 * The text is cut into words. A name starts at a place where names stand - after a form of
 * address ("mevrouw", "dhr."), a relation or role word ("mijn nicht", "schoonzoon",
 * "wijkverpleegkundige"), "mijn naam is", "ik ben", "heet", a greeting before a signature,
 * initials, a known first name - and runs over initials, surname particles ("van der") and
 * the words that can be a name: a proper name in the word list, a word the list does not know,
 * or a capitalised word that is not a function word. Which of these is enough depends on how
 * sure the place is: after "mevrouw" a capital suffices, after "mijn dochter" the word must be
 * a name or unknown (not "helpt"), after particles following a role word it must be a proper
 * name ("van Dam", not "van Buurtzorg"). The whole name is marked, initials included.
 *
 * The word list is read at run time (README, "Dependencies"): entries in lower case are common
 * words, capitalised entries proper names, all-capital entries abbreviations.
 */
#include "names.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../base/strmap.h"

#ifndef CEO_WORDLIST
#define CEO_WORDLIST "/usr/share/dict/nederlands"
#endif

enum { W_COMMON = 1, W_PROPER = 2, W_ABBR = 4 };
enum {
    L_TITLE = 1,
    L_RELATION = 2,
    L_PARTICLE = 4,
    L_FUNCTION = 8,
    L_FIRST = 16,
    L_GREET = 32,
    L_NOT_BEFORE = 64
};

/* Forms of address; "heer" only after "de". */
static const char titles[] =
    "mevrouw mevr mw mej mejuffrouw juffrouw meneer mijnheer mnr dhr heer fam "
    "familie "
    "mr dr drs ir ing prof zuster zr broeder juf meester dokter dominee "
    "pastoor pater";
/* Relations and roles; also the end of a compound ("schoonzoon", "thuishulp"). */
static const char relations[] =
    "dochter zoon nicht neef zus zusje broer broertje moeder vader man vrouw echtgenoot "
    "echtgenote partner vriend vriendin buurman buurvrouw tante oom opa oma kind kleinkind zwager "
    "schoonzus mantelzorger hulp hulpje schoonmaakster schoonmaker huishoudster begeleider "
    "begeleidster begeleiding ondersteuning verzorging consulent consulente casemanager "
    "contactpersoon verpleegkundige verzorgende "
    "verzorgster verzorger coach chauffeur therapeut huisarts arts medewerker medewerkster "
    "klantmanager adviseur adviseuse indicatiesteller ondersteuner hulpverlener assistent "
    "assistente maatje vrijwilliger vrijwilligster collega kapper pedicure";
/* Surname particles. */
static const char particles[] = "van de der den het ter ten te 't in op el al la le du da dos von "
                                "vd v/d vander v d";
/* Words that end a name or are never one, whatever the word list says of them. */
static const char functions[] =
    "ik je jij u hij zij ze wij we het een de en maar of dat die dit deze is was ben bent zijn "
    "heeft had heb hebben kan kon wil zal zou moet komt kwam gaat ging niet wel ook nog al er daar "
    "hier toen nu dan als want omdat met van voor naar bij om op in aan uit over door zo heel erg "
    "altijd nooit geen alles niets niks veel goed mijn haar onze ons hun uw wat wie waar hoe "
    "waarom ja nee na tot te mee toch even weer steeds echter sinds tegen zonder onder boven "
    "tussen via per alle ieder elke iedereen niemand iemand daarna verder dus helaas gelukkig "
    "graag bovendien sindsdien hierdoor daardoor wordt werd worden kunnen moeten zullen mag "
    "mocht doet deed zegt zei belt belde kreeg krijg krijgt geeft gaf heet tevreden blij "
    "bedankt dank groet groeten jaar jaren maand week weken dag dagen uur keer euro meneer "
    "mevrouw januari februari maart april mei juni juli augustus september oktober november "
    "december maandag dinsdag woensdag donderdag vrijdag zaterdag zondag gemeente mij me "
    "jullie allen allemaal iedereen";
/* Sayings and shop names that look like a person's name: never one. */
static const char *const not_names[] = {"jan en alleman", "jan met de pet", "jan modaal",
                                        "jan publiek",    "albert heijn",   "jan linders",
                                        "klaas vaak",     "jan splinter"};

/* Titles before a name that make it no person's: a building, a street, a church. */
static const char not_before[] =
    "prinses prins koningin koning sint st keizer keizerin graaf gravin "
    "hertog hertogin paus";
/* Greetings before a signature. */
static const char greetings[] = "groet groeten groetjes gr mvg hoogachtend";
/* First names common among clients, carers and their families (a name alone is taken only
 * where it is capitalised and, at the start of a sentence, not also a Dutch word). */
static const char first_names[] =
    "aad aafke aagje aaltje abdel abdelhak abdelkader abdul abdullah adam adri adriaan "
    "adrianus adrie agnes agnieszka ahmed ahmet aicha aisha ali alice alie aline amal "
    "amber amina amir ana anand anh anita anja ank anke anna anneke anneloes annemarie "
    "annemieke annet annette annie anouk ans anton antoon arend arie arjan arnold aron "
    "ashwin astrid ate auke ayoub ayse aysel bart bas baukje bea beatrix ben bennie bep "
    "berend bernard bert bertus betty bianca bilal bob bouke bram bregje brenda brigitte "
    "burak carin carla carlos carolien caroline cees chantal charlotte chen chris "
    "christiaan christine cindy claudia coby cor cornelia cornelis corrie corry daan "
    "daniel danny david debby dennis derk dewi diana dianne dick dilek dina dirk dirk-jan "
    "dominique dora dorien douwe durk ed eddy edith egbert elena elif elisabeth ellen elly "
    "els elsje emine emma emre engelbert erik erna esma esther eva evelien evert evert-jan "
    "fatih fatiha fatima fatma femke fenna fleur floor fokje folkert frank frans freek "
    "frida frits gea geert geert-jan geertruida geeske gera gerard gerben gerda gerdien "
    "gerlof gerrit gerritje gert gijs gijsbert girish gonny grada greet greetje grietje "
    "gul guus habiba haije hamid hamza hanna hannah hanneke hannie hans harm harmen harrie "
    "harry hasan hassan hatice hein heleen hendrik hendrika hendrikje hendrikus henk henny "
    "herman hetty hilda hilde hilly hiske hugo huib hulya huong hussein hylke ibrahim ida "
    "ilham ilse imke ina inge ingrid irene irina iris ismail jaap jacob jacoba jacobus "
    "jacqueline jamal jan jan-willem janneke jannes jannie jannigje jasper jeanette jeanne "
    "jelle jelmer jenny jeroen jesse jet jetty jildou jitske jo joao johan johanna "
    "johannes joke jolanda joop joost jopie joris jos jose josef joyce judith julia jurgen "
    "kader karel karim karin katarzyna kees kemal kerem kevin khadija kim kim-lan klaas "
    "klaasje klaske koen lambertus lars latifa laura lea leen lenie leo lieke lies "
    "liesbeth lisa lolkje lotte lucas lucia luis luuk maaike maarten mahmoud malika manon "
    "marco marek marga margreet margriet maria marian marianne marieke marijke marja mark "
    "marleen marlies marrit martin martine mary mehmet mei meryem michel mieke mien minh "
    "miriam mirjam mohamed mohammad mohammed monique mounir murat mustafa nadia naima "
    "nancy nanda natalia nel nelleke nelly nico niek nienke nina noor nora nouredine "
    "oksana olga omar onno orhan ozlem paul paula pauline peter petra petronella petrus "
    "piet pieter piotr priscilla priya quoc rabia rachid rachida radj rajesh ramesh ramon "
    "remco renate rene renske ria richard riek riet rik rikie rina rinse rinus rivka rob "
    "robert robin roel roelof romke ron ronald roos rosa roxanne rudi rudolf rudy ruud "
    "said saida samir sandra sanne sara sarah saskia selma sem serpil sevda shanti sharon "
    "sibel sietske silvia simone sjaak sjaan sjoerd sjouke sjoukje soenita sonja soufiane "
    "stefan stephanie stien sunita suzanne svetlana sytske tamara tanja teun thea theo "
    "theodorus thijs thomas tiete tim tineke tiny tjeerd tjitske tom tomasz tonny toos "
    "trijntje truus tuan twan vera wei wendy wiebe wietske wil wilhelmina wilhelmus willem "
    "willemijn willy wilma wim wopke wouter wybren yasemin yasmina yasmine youssef ytsen "
    "yusuf yvonne zaid zehra zeynep zineb zoubida";

struct sv_wordlist {
    sv_strmap *words; /* lower-cased word -> W_ bits */
    sv_strmap *lists; /* the lists above -> L_ bits */
};

typedef struct {
    size_t s, e;     /* bytes of the word */
    char low[48];    /* lower-cased; a longer word is never a name */
    size_t len;      /* of low; 0 when too long */
    unsigned w, l;   /* W_ and L_ bits of the lower-cased word */
    int upper, caps; /* first letter a capital; two or more letters, all capitals */
    int letters;     /* letters in the word */
} token;

struct sv_names {
    const sv_wordlist *wl;
    token *t;
    size_t nt, cap;
};

static int put_list(sv_strmap *m, const char *list, unsigned bit)
{
    const char *p = list;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t k = strcspn(p, " ");
        if (!k)
            break;
        int v = 0;
        sv_strmap_get(m, p, k, &v);
        if (sv_strmap_put(m, p, k, v | (int)bit) != 0)
            return -1;
        p += k;
    }
    return 0;
}

/* Lower-cases ASCII and Latin-1 capitals (U+00C0-U+00DE but U+00D7) into out; 0 when the
 * word does not fit. */
static size_t lower_into(char *out, size_t cap, const char *s, size_t n)
{
    if (n >= cap)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (i > 0 && (unsigned char)s[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
            c = (unsigned char)(c + 0x20);
        out[i] = (char)c;
    }
    out[n] = '\0';
    return n;
}

static int is_upper_at(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z')
        return 1;
    return c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
           (unsigned char)s[i + 1] <= 0x9E && (unsigned char)s[i + 1] != 0x97;
}

sv_wordlist *sv_wordlist_load(const char *path, ceo_error *err)
{
    if (!path)
        path = CEO_WORDLIST;
    sv_wordlist *w = ceo_calloc(1, sizeof *w);
    FILE *f = NULL;
    char line[256];
    size_t nwords = 0;
    if (!w || !(w->words = sv_strmap_new()) || !(w->lists = sv_strmap_new()))
        goto oom;
    if (put_list(w->lists, titles, L_TITLE) || put_list(w->lists, relations, L_RELATION) ||
        put_list(w->lists, particles, L_PARTICLE) || put_list(w->lists, functions, L_FUNCTION) ||
        put_list(w->lists, first_names, L_FIRST) || put_list(w->lists, greetings, L_GREET) ||
        put_list(w->lists, not_before, L_NOT_BEFORE))
        goto oom;
    if (!(f = fopen(path, "r"))) {
        ceo_error_set(err, CEO_EIO, path, 0, 0,
                      "cannot read the Dutch word list that the redaction of names needs "
                      "(Debian package wdutch): %s",
                      strerror(errno));
        goto fail;
    }
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        if (!n)
            continue;
        unsigned bit = W_COMMON;
        if (is_upper_at(line, n, 0)) {
            size_t caps = 0;
            for (size_t i = 0; i < n; i++)
                caps += is_upper_at(line, n, i) || (unsigned char)line[i] >= 0x80;
            bit = n > 1 && caps == n ? W_ABBR : W_PROPER;
        }
        char low[64];
        size_t k = lower_into(low, sizeof low, line, n);
        if (!k)
            continue;
        int v = 0;
        sv_strmap_get(w->words, low, k, &v);
        if (sv_strmap_put(w->words, low, k, v | (int)bit) != 0)
            goto oom;
        nwords++;
    }
    if (ferror(f)) {
        ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot read the Dutch word list: %s",
                      strerror(errno));
        goto fail;
    }
    if (nwords < 10000) {
        ceo_error_set(err, CEO_EDATA, path, 0, 0,
                      "holds %zu words: not a Dutch word list (Debian package wdutch)", nwords);
        goto fail;
    }
    fclose(f);
    return w;
oom:
    ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
fail:
    if (f)
        fclose(f);
    sv_wordlist_free(w);
    return NULL;
}

void sv_wordlist_free(sv_wordlist *w)
{
    if (!w)
        return;
    sv_strmap_free(w->words);
    sv_strmap_free(w->lists);
    ceo_free(w);
}

sv_names *sv_names_new(const sv_wordlist *w)
{
    sv_names *nm = ceo_calloc(1, sizeof *nm);
    if (nm)
        nm->wl = w;
    return nm;
}

void sv_names_free(sv_names *nm)
{
    if (!nm)
        return;
    ceo_free(nm->t);
    ceo_free(nm);
}

/* A letter of a word: ASCII letters and the Latin letters of U+00C0-U+024F. */
static size_t letter_len(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return 1;
    if (c >= 0xC3 && c <= 0xC9 && i + 1 < n) {
        unsigned char d = (unsigned char)s[i + 1];
        if ((d & 0xC0) != 0x80 || (c == 0xC3 && (d == 0x97 || d == 0xB7)))
            return 0;
        return 2;
    }
    return 0;
}

/* An apostrophe (' or U+2019) or hyphen between two letters, or before the t of "'t". */
static size_t joiner_len(const char *s, size_t n, size_t i)
{
    if (s[i] == '\'' || s[i] == '-')
        return 1;
    if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0x99)
        return 3;
    return 0;
}

static int add_token(sv_names *nm, const char *text, size_t s, size_t e, int letters)
{
    if (nm->nt == nm->cap && ceo_grow((void **)&nm->t, &nm->cap, nm->nt + 1, sizeof *nm->t))
        return -1;
    token *t = &nm->t[nm->nt++];
    memset(t, 0, sizeof *t);
    t->s = s;
    t->e = e;
    t->letters = letters;
    t->len = lower_into(t->low, sizeof t->low, text + s, e - s);
    t->upper = is_upper_at(text, e, s);
    size_t caps = 0;
    for (size_t i = s; i < e; i++)
        caps += is_upper_at(text, e, i);
    t->caps = letters > 1 && (int)caps == letters;
    if (t->len) {
        int v = 0;
        if (sv_strmap_get(nm->wl->words, t->low, t->len, &v))
            t->w = (unsigned)v;
        v = 0;
        if (sv_strmap_get(nm->wl->lists, t->low, t->len, &v))
            t->l = (unsigned)v;
        /* a compound ending in a relation word: "schoonzoon", "wijkverpleegkundige",
         * "Wmo-consulent" */
        const char *dash = strrchr(t->low, '-');
        v = 0;
        if (dash && dash[1] && sv_strmap_get(nm->wl->lists, dash + 1, strlen(dash + 1), &v) &&
            (v & L_RELATION))
            t->l |= L_RELATION;
        for (size_t k = 3; !(t->l & L_RELATION) && k + 3 <= t->len; k++) {
            v = 0;
            if (sv_strmap_get(nm->wl->lists, t->low + k, t->len - k, &v) && (v & L_RELATION) &&
                (t->w & W_COMMON))
                t->l |= L_RELATION;
        }
    }
    return 0;
}

static int tokenise(sv_names *nm, const char *text, size_t n)
{
    nm->nt = 0;
    size_t i = 0;
    while (i < n) {
        size_t k = letter_len(text, n, i);
        if (!k) {
            /* 't: an apostrophe before a lone t */
            size_t j = joiner_len(text, n, i);
            if (j && text[i] != '-' && i + j < n && (text[i + j] == 't' || text[i + j] == 'T') &&
                (i + j + 1 >= n || !letter_len(text, n, i + j + 1))) {
                if (add_token(nm, text, i, i + j + 1, 1))
                    return -1;
                i += j + 1;
                continue;
            }
            i++;
            continue;
        }
        size_t s = i;
        int letters = 0;
        while (i < n) {
            if ((k = letter_len(text, n, i))) {
                i += k;
                letters++;
                continue;
            }
            size_t j = joiner_len(text, n, i);
            if (j && i + j < n && letter_len(text, n, i + j))
                i += j;
            else
                break;
        }
        if (add_token(nm, text, s, i, letters))
            return -1;
    }
    return 0;
}

/* What lies between token a's end and token b's start. */
enum {
    G_SPACE = 1,
    G_DOT = 2,
    G_COMMA = 4,
    G_LINE = 8,
    G_SENT = 16,
    G_PAREN = 32,
    G_COLON = 64,
    G_OTHER = 128
};

static unsigned gap(const sv_names *nm, const char *text, size_t a, size_t b)
{
    unsigned g = 0;
    size_t from = a == (size_t)-1 ? 0 : nm->t[a].e, to = b < nm->nt ? nm->t[b].s : from;
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || c == '\t')
            g |= G_SPACE;
        else if (c == 0xC2 && i + 1 < to && (unsigned char)text[i + 1] == 0xA0) {
            g |= G_SPACE;
            i++;
        } else if (c == '.')
            g |= G_DOT;
        else if (c == ',' || c == ';')
            g |= G_COMMA;
        else if (c == '\n' || c == '\r')
            g |= G_LINE;
        else if (c == '!' || c == '?')
            g |= G_SENT;
        else if (c == '(')
            g |= G_PAREN;
        else if (c == ':')
            g |= G_COLON;
        else
            g |= G_OTHER;
    }
    return g;
}

static int only(unsigned g, unsigned allowed)
{
    return (g & ~allowed) == 0;
}

/* Starts a sentence: first word, or after a full stop, ! ? : or a line break. */
static int sentence_start(const sv_names *nm, const char *text, size_t i)
{
    return i == 0 || (gap(nm, text, i - 1, i) & (G_DOT | G_SENT | G_LINE | G_COLON | G_OTHER));
}

static int is_word(const token *t, const char *w)
{
    return t->len && strcmp(t->low, w) == 0;
}

/* A word that can be part of a name at all. */
static int wordlike(const token *t)
{
    return t->len && t->letters > 1 && !t->caps && !(t->l & (L_FUNCTION | L_TITLE)) &&
           ((t->w & W_PROPER) || !(t->w & W_ABBR));
}

/* A word that can be a name by itself: capitalised and a proper name or unknown, or in lower
 * case and no Dutch word ("fatima"; not "best", although Best is a town). */
static int nameish(const token *t)
{
    if (!wordlike(t))
        return 0;
    return t->upper ? (t->w & W_PROPER) || !(t->w & W_COMMON) : !(t->w & W_COMMON);
}

/* An initial: one capital letter followed by a full stop, or by a capitalised word. */
static int initial(const sv_names *nm, const char *text, size_t n, size_t i)
{
    const token *t = &nm->t[i];
    if (t->letters != 1 || !t->upper)
        return 0;
    if (t->e < n && text[t->e] == '.')
        return 1;
    return i + 1 < nm->nt && nm->t[i + 1].upper && only(gap(nm, text, i, i + 1), G_SPACE);
}

/* How sure the place before a name is. */
enum { S_TITLE, S_RELATION, S_INTRO, S_BEN, S_INITIALS, S_FIRST };

/* The first word of a name after a place of the given strength (after particles or not). */
static int first_word_ok(const token *t, int strength, int after_particles)
{
    if (!wordlike(t))
        return 0;
    switch (strength) {
    case S_TITLE:
        return t->upper || nameish(t) || (after_particles && (t->w & W_PROPER));
    case S_RELATION:
    case S_BEN:
        return after_particles ? (t->w & W_PROPER) != 0 : nameish(t);
    case S_INTRO:
        return after_particles ? (t->w & W_PROPER) || (t->upper && !(t->w & W_COMMON))
                               : nameish(t) || t->upper || (t->w & W_PROPER);
    default: /* after initials */
        return t->upper || nameish(t);
    }
}

/* A further word of a name already begun. */
static int next_word_ok(const token *t, int strength, int after_particles)
{
    if (!wordlike(t))
        return 0;
    if (after_particles)
        return (t->upper && nameish(t)) ||
               ((strength == S_TITLE || strength == S_INTRO) && ((t->w & W_PROPER) || nameish(t)));
    if (t->upper)
        return 1;
    return strength == S_INTRO || nameish(t);
}

/* Particles that may stand inside a name after a place of this strength: after a role word
 * "in", "op" and "te" are far more often a place ("mijn zoon in Zaltbommel"). */
static int particle_ok(const token *t, int strength)
{
    if (!(t->l & L_PARTICLE))
        return 0;
    if (strength == S_TITLE || strength == S_INITIALS)
        return 1;
    return strcmp(t->low, "in") != 0 && strcmp(t->low, "op") != 0 && strcmp(t->low, "te") != 0 &&
           strcmp(t->low, "al") != 0 && strcmp(t->low, "het") != 0;
}

/* The name that starts at token j (after a place of the given strength, cores words of it
 * already taken from `from`); on success *first and *last are its first and last tokens. */
static int name_from(const sv_names *nm, const char *text, size_t n, size_t j, int strength,
                     int cores, size_t *first, size_t *last)
{
    size_t k = j, nt = nm->nt;
    int initials = 0;
    if (!cores)
        while (k < nt && initial(nm, text, n, k)) {
            initials++;
            k++;
            if (k < nt && !only(gap(nm, text, k - 1, k), G_DOT | G_SPACE))
                return 0;
        }
    if (initials)
        strength = strength == S_TITLE ? S_TITLE : S_INITIALS;
    size_t start = j, end = (size_t)-1;
    if (cores)
        end = j - 1;
    while (k < nt && cores < 4) {
        if (cores || initials)
            if (!only(gap(nm, text, k - 1, k), G_SPACE | (initials && !cores ? G_DOT : 0)))
                break;
        size_t p = k;
        while (p + 1 < nt && particle_ok(&nm->t[p], strength) &&
               only(gap(nm, text, p, p + 1), G_SPACE | G_DOT)) /* "v.d. Heuvel" */
            p++;
        /* "van de" after a role word names what the person works for ("de vrijwilliger van de
         * Zonnebloem", "de hulp van de thuiszorg"), a name writes "van der" or "van den" */
        if (strength == S_RELATION && !cores && !initials && p >= k + 2 &&
            is_word(&nm->t[k], "van") && is_word(&nm->t[k + 1], "de"))
            break;
        int ok = cores || initials ? (cores ? next_word_ok(&nm->t[p], strength, p > k)
                                            : first_word_ok(&nm->t[p], S_INITIALS, p > k))
                                   : first_word_ok(&nm->t[p], strength, p > k);
        /* after a form of address, particles other than "van (de|het)" make any word a name:
         * "mevrouw de wolkenveld", "meneer van der wind" ("mevrouw van de thuiszorg" is not) */
        if (!ok && strength == S_TITLE && !cores && p > k && wordlike(&nm->t[p]) &&
            !(is_word(&nm->t[k], "van") &&
              (p == k + 1 ||
               (p == k + 2 && (is_word(&nm->t[k + 1], "de") || is_word(&nm->t[k + 1], "het"))))))
            ok = 1;
        if (!ok)
            break;
        if (!cores && !initials)
            start = k;
        end = p;
        cores++;
        k = p + 1;
    }
    if (end == (size_t)-1 || (!cores))
        return 0;
    *first = start;
    *last = end;
    return 1;
}

/* The last words of the text when they are a signature: one to four words, initials,
 * particles and capitalised names, after a line break (a single word) or after a comma, full
 * stop or line break (two or more, one of them a known first name or a proper name). */
static int signature(const sv_names *nm, const char *text, size_t n, size_t *first, size_t *last)
{
    size_t nt = nm->nt;
    if (!nt)
        return 0;
    for (size_t i = nm->t[nt - 1].e; i < n; i++)
        if (!strchr(" .!\t\r\n)", text[i]))
            return 0;
    size_t b = nt - 1;
    int words = 0, sure = 0;
    for (;;) {
        const token *t = &nm->t[b];
        int init = initial(nm, text, n, b);
        if (init)
            sure = 1;
        else if (t->l & L_PARTICLE)
            ;
        else if (t->upper && wordlike(t) && nameish(t)) {
            words++;
            if ((t->l & L_FIRST) || ((t->w & W_PROPER) && !(t->w & W_COMMON)))
                sure = 1;
        } else
            return 0;
        if (b == 0)
            break;
        unsigned g = gap(nm, text, b - 1, b);
        if (!only(g, G_SPACE | (init ? G_DOT : 0)))
            break;
        if (nt - b >= 4)
            return 0;
        b--;
    }
    if (!words)
        return 0;
    unsigned g = b ? gap(nm, text, b - 1, b) : G_LINE;
    if (nm->t[b].l & L_PARTICLE)
        return 0;
    if (nt - b == 1 ? !(g & G_LINE) : !(g & (G_LINE | G_COMMA | G_DOT | G_SENT)) || !sure)
        return 0;
    if (nt - b == 1 && !(nm->t[b].w & W_PROPER) && !(nm->t[b].l & L_FIRST))
        return 0;
    *first = b;
    *last = nt - 1;
    return 1;
}

/* 1 when the words from token a on spell a saying or shop name of not_names. */
static int not_a_name(const sv_names *nm, size_t a)
{
    for (size_t k = 0; k < sizeof not_names / sizeof not_names[0]; k++) {
        const char *p = not_names[k];
        size_t i = a;
        while (*p && i < nm->nt) {
            size_t len = strcspn(p, " ");
            if (nm->t[i].len != len || strncmp(nm->t[i].low, p, len) != 0)
                break;
            p += len;
            while (*p == ' ')
                p++;
            i++;
        }
        if (!*p)
            return 1;
    }
    return 0;
}

static void mark(const sv_names *nm, size_t a, size_t b, int *owner, int kind, int first_flag,
                 int *count)
{
    size_t s = nm->t[a].s, e = nm->t[b].e;
    if (not_a_name(nm, a))
        return;
    for (size_t i = s; i < e; i++)
        if (owner[i])
            return; /* overlaps another find: that one stands */
    for (size_t i = s; i < e; i++)
        owner[i] = kind;
    owner[s] |= first_flag;
    (*count)++;
}

int sv_names_scan(sv_names *nm, const char *text, size_t n, int *owner, int kind, int first_flag)
{
    if (tokenise(nm, text, n))
        return -1;
    /* a text in capitals only ("INGEVULD DOOR BRAM HUISMAN"): every word read as capitalised */
    int lower = 0, letters = 0;
    for (size_t i = 0; i < nm->nt; i++) {
        letters += nm->t[i].letters;
        lower |= !nm->t[i].caps && nm->t[i].letters > 1;
    }
    if (!lower && letters >= 8)
        for (size_t i = 0; i < nm->nt; i++)
            nm->t[i].caps = 0;
    int count = 0;
    size_t nt = nm->nt, a, b;
    for (size_t i = 0; i < nt; i++) {
        const token *t = &nm->t[i];
        unsigned g = i + 1 < nt ? gap(nm, text, i, i + 1) : 0;
        int strength = -1;
        size_t at = i + 1;
        if ((t->l & L_TITLE) &&
            (!is_word(t, "heer") ||
             (i > 0 && (is_word(&nm->t[i - 1], "de") || is_word(&nm->t[i - 1], "den")))) &&
            only(g, G_SPACE | G_DOT) && (g & G_SPACE || g & G_DOT))
            strength = S_TITLE;
        /* a capitalised role word inside a sentence is part of an organisation's name
         * ("Thuishulp Vechtstreek") */
        else if ((t->l & L_RELATION) && (!t->upper || sentence_start(nm, text, i)) &&
                 only(g, G_SPACE | G_COMMA | G_PAREN)) {
            strength = S_RELATION;
            if (at < nt && (is_word(&nm->t[at], "heet") || is_word(&nm->t[at], "heette") ||
                            is_word(&nm->t[at], "genaamd")))
                at++, strength = S_INTRO;
        } else if ((is_word(t, "heet") || is_word(t, "genaamd") || is_word(t, "heten") ||
                    is_word(t, "heette")) &&
                   only(g, G_SPACE | G_COLON))
            strength = S_INTRO;
        else if (is_word(t, "naam") && i + 1 < nt &&
                 ((is_word(&nm->t[i + 1], "is") &&
                   only(gap(nm, text, i + 1, i + 2), G_SPACE | G_COLON)) ||
                  (g & G_COLON))) {
            strength = S_INTRO;
            at = is_word(&nm->t[i + 1], "is") ? i + 2 : i + 1;
        } else if (is_word(t, "ben") && i > 0 && is_word(&nm->t[i - 1], "ik") && only(g, G_SPACE))
            strength = S_BEN;
        else if (is_word(t, "door") && i > 0 && is_word(&nm->t[i - 1], "ingevuld"))
            strength = S_INTRO;
        else if ((t->l & L_GREET) && only(g, G_SPACE | G_COMMA | G_LINE | G_DOT | G_COLON))
            strength = S_INTRO;
        else if (is_word(t, "m") && i + 2 < nt && is_word(&nm->t[i + 1], "v") &&
                 is_word(&nm->t[i + 2], "g")) {
            strength = S_INTRO;
            at = i + 3;
        }
        if (strength >= 0 && at < nt && name_from(nm, text, n, at, strength, 0, &a, &b)) {
            mark(nm, a, b, owner, kind, first_flag, &count);
            i = b;
            continue;
        }
        /* initials and a surname anywhere: "A. Jansen", "J.P. de Vries" */
        if (initial(nm, text, n, i) && t->e < n && text[t->e] == '.' &&
            name_from(nm, text, n, i, S_INITIALS, 0, &a, &b) && b > a) {
            mark(nm, a, b, owner, kind, first_flag, &count);
            i = b;
            continue;
        }
        /* two capitalised words (not after an article: "de Albert Heijn"): a proper name that is no
         * Dutch word, and one the list does not know as a Dutch word ("Ruth Pinas", "Fatma
         * Yildiz"); places written so are rare
         * ("Den Haag", "Bergen op Zoom" start with Dutch words) */
        /* after an article or a royal or saint's title a name names a shop, a building or a
         * street ("bij de Albert Heijn", "Wijkcentrum Prinses Beatrix", "Sint Jan") */
        int after_article =
            i > 0 && (is_word(&nm->t[i - 1], "de") || is_word(&nm->t[i - 1], "het") ||
                      (nm->t[i - 1].l & L_NOT_BEFORE));
        if (!after_article && t->upper && wordlike(t) && (t->w & W_PROPER) && !(t->w & W_COMMON) &&
            i + 1 < nt && only(g, G_SPACE) && nm->t[i + 1].upper && wordlike(&nm->t[i + 1]) &&
            !(nm->t[i + 1].w & W_COMMON)) {
            b = i + 1;
            if (i + 2 < nt)
                name_from(nm, text, n, i + 2, S_FIRST, 2, &a, &b);
            if (b < i + 1)
                b = i + 1;
            mark(nm, i, b, owner, kind, first_flag, &count);
            i = b;
            continue;
        }
        /* a known first name set apart by commas or brackets, in any case ("de chauffeur van de
         * regiotaxi, kees, is altijd vriendelijk", "Geertruida (Truus)") */
        if ((t->l & L_FIRST) && !t->caps && i > 0 && i + 1 < nt &&
            (gap(nm, text, i - 1, i) & (G_COMMA | G_PAREN)) &&
            (gap(nm, text, i, i + 1) & (G_COMMA | G_OTHER))) {
            mark(nm, i, i, owner, kind, first_flag, &count);
            continue;
        }
        /* a known first name, capitalised, with or without a surname; after an article it
         * names a shop or a place ("bij de Albert Heijn") */
        if (!after_article && (t->l & L_FIRST) && t->upper && !t->caps &&
            (!sentence_start(nm, text, i) || !(t->w & W_COMMON) ||
             (i + 1 < nt && nm->t[i + 1].upper && only(g, G_SPACE)))) {
            b = i;
            if (i + 1 < nt && only(g, G_SPACE))
                name_from(nm, text, n, i + 1, S_FIRST, 1, &a, &b);
            if (b < i)
                b = i;
            mark(nm, i, b, owner, kind, first_flag, &count);
            i = b;
            continue;
        }
    }
    if (signature(nm, text, n, &a, &b))
        mark(nm, a, b, owner, kind, first_flag, &count);
    return count;
}
