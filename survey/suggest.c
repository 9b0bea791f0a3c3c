/*
 * suggest.c - ranks the codebook items an unplaced column resembles, by words and by values.
 *
 * Words: a text (header, item label or question) becomes a set of tokens: sv_norm_header,
 * accents folded, split at anything but a-z and 0-9, stop words and numbers dropped, a
 * synonym (synoniemen.csv) replaced by what it stands for, then a light stemming (-en, -e,
 * -s). Two tokens are the same word when equal, or when one of five letters or more begins
 * the other ("bereikbaar", "bereikbaarheid"). Each token weighs ln((N + 1) / (df + 0.5)) over
 * the N items (a word of every statement, "ondersteuning", weighs little; a word no item has
 * weighs as one of two items: mostly a bureau's own phrasing). The score against one text of
 * an item (its label, its question; not its id, a name for machines that the patterns know)
 * is the harmonic mean of two shares: of the item text's weight that the header holds, and of
 * the header's weight that the item text holds; zero when the header is about someone else
 * (see actors). An item's score is its best text's, a header's the best of its whole and its
 * innermost part ("Stellingen [X]", "Matrix - X", "Vraag: X").
 *
 * Values: the first records' values must fit the item's type (answers of its scale, marks
 * 1-10, dates, unique ids, a few repeated names for a category); a contradiction excludes
 * the item from being placed, whatever the words say.
 */
#include "suggest.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "values.h"

#define TOK_LEN 24
#define MAX_TOKS 48
#define PLACE_SCORE 0.55  /* the first candidate's score needed to write it as a mapping */
#define NOVALUE_SCORE 0.8 /* the same when the column has no values to check */
#define PLACE_MARGIN 0.12 /* ahead of the next candidate whose values fit */
#define LIST_SCORE 0.2    /* a candidate worth naming */

typedef struct {
    char w[MAX_TOKS][TOK_LEN];
    double weight[MAX_TOKS];
    size_t n;
} tokset;

enum { SRC_LABEL, SRC_QUESTION, NSRC }; /* an item's texts: its label and its question */

struct sv_suggester {
    const sv_codebook *cb;
    sv_strmap *syn; /* word -> index of its synonym target in syn_to */
    const char **syn_to;
    sv_strmap *df; /* token -> number of items whose texts hold it */
    tokset *items; /* NSRC per item */
    size_t nitems;
    double unseen; /* weight of a token no item has */
};

static const char *const stop_words[] = {
    "de", "het", "een", "en", "of", "ik", "u", "uw", "mijn", "mij", "me", "die", "dat", "deze",
    "dit", "is", "zijn", "was", "wordt", "worden", "word", "kan", "kon", "kunnen", "heb", "heeft",
    "hebben", "had", "van", "in", "op", "met", "voor", "naar", "aan", "bij", "door", "om", "te",
    "tot", "over", "uit", "als", "er", "wat", "welk", "welke", "hoe", "wie", "wel", "niet", "nog",
    "ook", "al", "dan", "zo", "toch", "heel", "zeer", "je", "we", "wij", "ons", "onze", "hun",
    "zij", "ze", "hij", "dus", "maar", "omdat", "moest", "vraag", "graag", "t", "m", "n", "s", "v",
    "q", "alleen", "eventueel", "eventuele", "verder", "overige", "waarop", "waarin", "waarmee",
    "waarover", "wanneer", "hier", "daar", "hierbij", "daarbij", "even", "svp", "aub",
    /* the wording of a matrix question around its statement */
    "stelling", "stellingen", "hoeverre", "bent", "eens", "mee", "oneens", "helemaal", "volgende",
    "invullen", "wilt"};

/* Who a question is about. A header about one of them does not ask an item about another
 * ("De klantmanager was goed bereikbaar" is no "De aanbieder is goed bereikbaar"); and a
 * header about someone outside the client's support ("Opmerkingen interviewer") asks nothing
 * of the codebook's items that do not name that person. Compared after synonyms. */
static const char *const actors[] = {"medewerker", "aanbieder", "gemeente"};
static const char *const outsiders[] = {"interviewer", "enqueteur", "onderzoeker", "partner",
                                        "mantelzorger"};

static int is_stop(const char *w)
{
    for (size_t i = 0; i < sizeof stop_words / sizeof stop_words[0]; i++)
        if (strcmp(w, stop_words[i]) == 0)
            return 1;
    return 0;
}

/* The plain letter of a two-byte UTF-8 Latin-1 letter (0xC3 xx), or 0. */
static char plain_letter(unsigned char d)
{
    static const char map[] = "aaaaaaaceeeeiiii"
                              "dnooooo ouuuuy  "
                              "aaaaaaaceeeeiiii"
                              "dnooooo ouuuuy y";
    if (d < 0x80 || d > 0xBF)
        return 0;
    char c = map[d - 0x80];
    return c == ' ' ? 0 : c;
}

static void stem(char *w)
{
    size_t n = strlen(w);
    if (n >= 6 && strcmp(w + n - 2, "en") == 0)
        w[n - 2] = '\0';
    else if (n >= 5 && w[n - 1] == 'e')
        w[n - 1] = '\0';
    else if (n >= 5 && w[n - 1] == 's' && w[n - 2] != 's')
        w[n - 1] = '\0';
}

static void add_token(const sv_suggester *s, tokset *t, const char *w, size_t n)
{
    char buf[TOK_LEN];
    if (n == 0 || t->n == MAX_TOKS)
        return;
    if (n >= TOK_LEN)
        n = TOK_LEN - 1;
    memcpy(buf, w, n);
    buf[n] = '\0';
    /* numbers and codes ("12", "q3", "5a") say nothing of the question */
    for (size_t i = 0; i < n; i++)
        if (buf[i] >= '0' && buf[i] <= '9')
            return;
    if (is_stop(buf))
        return;
    int k;
    if (s->syn && sv_strmap_get(s->syn, buf, n, &k))
        snprintf(buf, sizeof buf, "%s", s->syn_to[k]);
    stem(buf);
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->w[i], buf) == 0)
            return;
    memcpy(t->w[t->n++], buf, TOK_LEN);
}

/* Splits text (UTF-8) into tokens. Returns 0, or -1 when out of memory. */
static int tokenize(const sv_suggester *s, const char *text, size_t len, tokset *t, sv_buf *nb)
{
    t->n = 0;
    if (sv_norm_header(nb, text, len) != 0)
        return -1;
    char w[TOK_LEN * 2];
    size_t wn = 0;
    for (size_t i = 0; i <= nb->len; i++) {
        unsigned char c = i < nb->len ? (unsigned char)nb->p[i] : ' ';
        char out = 0;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out = (char)c;
        else if (c == 0xC3 && i + 1 < nb->len && (out = plain_letter((unsigned char)nb->p[i + 1])))
            i++;
        if (out) {
            if (wn < sizeof w)
                w[wn++] = out;
            continue;
        }
        add_token(s, t, w, wn);
        wn = 0;
    }
    return 0;
}

/* The same word: equal, one of five letters or more begins the other, or they share a
 * beginning of six letters or more that is most of the shorter ("clientondersteuning",
 * "clientondersteuner"). */
static int same_word(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return 1;
    size_t na = strlen(a), nb = strlen(b), ns = na < nb ? na : nb, common = 0;
    while (common < ns && a[common] == b[common])
        common++;
    return (ns >= 5 && common == ns) || (common >= 6 && common * 10 >= ns * 8);
}

static int holds(const tokset *t, const char *w)
{
    for (size_t i = 0; i < t->n; i++)
        if (same_word(t->w[i], w))
            return 1;
    return 0;
}

/* Whether header h is about someone other than item text it (see actors). */
static int other_subject(const tokset *h, const tokset *it)
{
    for (size_t i = 0; i < sizeof outsiders / sizeof outsiders[0]; i++)
        for (size_t k = 0; k < h->n; k++) /* the word itself: an interview is no interviewer */
            if (strcmp(h->w[k], outsiders[i]) == 0 && !holds(it, outsiders[i]))
                return 1;
    for (size_t i = 0; i < sizeof actors / sizeof actors[0]; i++) {
        if (!holds(h, actors[i]) || holds(it, actors[i]))
            continue;
        for (size_t k = 0; k < sizeof actors / sizeof actors[0]; k++)
            if (k != i && holds(it, actors[k]))
                return 1;
    }
    return 0;
}

static double weight_of(const sv_suggester *s, const char *w)
{
    int df;
    if (sv_strmap_get(s->df, w, strlen(w), &df))
        return log(((double)s->nitems + 1) / (df + 0.5));
    return s->unseen;
}

static void weigh(const sv_suggester *s, tokset *t)
{
    for (size_t i = 0; i < t->n; i++)
        t->weight[i] = weight_of(s, t->w[i]);
}

/* Harmonic mean of the shares of each side's weight that the other side holds. */
static double overlap(const tokset *h, const tokset *it)
{
    double hw = 0, hin = 0, iw = 0, iin = 0;
    for (size_t i = 0; i < h->n; i++) {
        hw += h->weight[i];
        for (size_t j = 0; j < it->n; j++)
            if (same_word(h->w[i], it->w[j])) {
                hin += h->weight[i];
                break;
            }
    }
    for (size_t j = 0; j < it->n; j++) {
        iw += it->weight[j];
        for (size_t i = 0; i < h->n; i++)
            if (same_word(h->w[i], it->w[j])) {
                iin += it->weight[j];
                break;
            }
    }
    if (hw <= 0 || iw <= 0 || hin <= 0 || iin <= 0 || other_subject(h, it))
        return 0;
    double a = hin / hw, b = iin / iw;
    return 2 * a * b / (a + b);
}

sv_suggester *sv_suggester_new(const sv_codebook *cb)
{
    sv_suggester *s = ceo_calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cb = cb;
    s->nitems = sv_codebook_nitems(cb);
    size_t nsyn = sv_codebook_nsynonyms(cb);
    s->items = ceo_calloc(s->nitems * NSRC + 1, sizeof *s->items);
    s->syn_to = ceo_calloc(nsyn + 1, sizeof *s->syn_to);
    if (!s->items || !s->syn_to || !(s->syn = sv_strmap_new()) || !(s->df = sv_strmap_new())) {
        sv_suggester_free(s);
        return NULL;
    }
    for (size_t i = 0; i < nsyn; i++) {
        const char *w, *to;
        sv_codebook_synonym(cb, i, &w, &to);
        s->syn_to[i] = to;
        if (sv_strmap_put(s->syn, w, strlen(w), (int)i) != 0) {
            sv_suggester_free(s);
            return NULL;
        }
    }
    sv_buf nb = {0};
    int rc = 0;
    for (size_t i = 0; i < s->nitems && rc == 0; i++) {
        const sv_item *it = sv_codebook_item(cb, i);
        tokset *t = &s->items[i * NSRC];
        rc = tokenize(s, it->label, strlen(it->label), &t[SRC_LABEL], &nb) ||
             tokenize(s, it->question, strlen(it->question), &t[SRC_QUESTION], &nb);
        /* document frequency: each token once per item */
        for (int k = 0; k < NSRC && rc == 0; k++)
            for (size_t j = 0; j < t[k].n && rc == 0; j++) {
                int seen = 0;
                for (int m = 0; m < k && !seen; m++)
                    for (size_t q = 0; q < t[m].n && !seen; q++)
                        seen = strcmp(t[m].w[q], t[k].w[j]) == 0;
                if (seen)
                    continue;
                int df = 0;
                sv_strmap_get(s->df, t[k].w[j], strlen(t[k].w[j]), &df);
                rc = sv_strmap_put(s->df, t[k].w[j], strlen(t[k].w[j]), df + 1);
            }
    }
    sv_buf_free(&nb);
    if (rc != 0) {
        sv_suggester_free(s);
        return NULL;
    }
    /* a word no item has is mostly the bureau's own phrasing: it weighs as a word of two items */
    s->unseen = log(((double)s->nitems + 1) / 2.5);
    for (size_t i = 0; i < s->nitems * NSRC; i++)
        weigh(s, &s->items[i]);
    return s;
}

void sv_suggester_free(sv_suggester *s)
{
    if (!s)
        return;
    sv_strmap_free(s->syn);
    sv_strmap_free(s->df);
    ceo_free(s->syn_to);
    ceo_free(s->items);
    ceo_free(s);
}

/* ---------- values ---------- */

int sv_profile_add(sv_profile *p, const sv_codebook *cb, const char *s, size_t n)
{
    if (sv_is_blank(s, n))
        return 0;
    p->nonblank++;
    if (sv_norm_value(&p->nb, s, n) != 0)
        return -1;
    if (sv_codebook_missing(cb, p->nb.p, p->nb.len) != SV_MISSING_NONE) {
        p->missing++;
        return 0;
    }
    double d;
    long long secs;
    if (sv_parse_number(s, n, &d)) {
        p->numbers++;
        if (d > p->max_number || p->numbers == 1)
            p->max_number = d;
        p->in_1_10 += d >= 1 && d <= 10;
        p->ints_0_10 += d >= 0 && d <= 10 && d == floor(d);
    } else if (sv_parse_date(s, n, SV_SLASH_DAY_FIRST, &secs) ||
               sv_parse_date(s, n, SV_SLASH_MONTH_FIRST, &secs)) {
        p->dates++;
    }
    if (n > 60)
        p->long_text++;
    for (size_t k = 0; k < SV_PROFILE_SCALES; k++) {
        const sv_scale *sc = sv_codebook_scale(cb, (int)k);
        if (!sc)
            break;
        p->scale_hits[k] += sv_codebook_spelling(cb, (int)k, p->nb.p, p->nb.len) >= 0;
    }
    if (!p->distinct && !(p->distinct = sv_strmap_new()))
        return -1;
    int one;
    if (!sv_strmap_get(p->distinct, p->nb.p, p->nb.len, &one) &&
        sv_strmap_put(p->distinct, p->nb.p, p->nb.len, 1) != 0)
        return -1;
    return 0;
}

void sv_profile_free(sv_profile *p)
{
    sv_strmap_free(p->distinct);
    sv_buf_free(&p->nb);
    memset(p, 0, sizeof *p);
}

/* Whether values p fit item it: 1, 0 (too few to tell) or -1. */
static int values_fit(const sv_codebook *cb, const sv_item *it, const sv_profile *p)
{
    long valid = p->nonblank - p->missing;
    if (valid < 3)
        return 0;
    long distinct = p->distinct ? (long)sv_strmap_count(p->distinct) : 0;
    long any_scale = 0;
    for (size_t k = 0; k < SV_PROFILE_SCALES && sv_codebook_scale(cb, (int)k); k++) {
        const sv_scale *sc = sv_codebook_scale(cb, (int)k);
        int ordered = 0;
        for (size_t c = 0; c < sc->ncats; c++)
            ordered |= sc->cats[c].dir == SV_DIR_POSITIVE;
        if (ordered && p->scale_hits[k] > any_scale)
            any_scale = p->scale_hits[k];
    }
#define SHARE(x) ((x)*10 >= valid * 9)
    switch (it->type) {
    case SV_T_LIKERT:
    case SV_T_JANEE:
    case SV_T_ENKEL: {
        long hits = it->scale >= 0 && it->scale < SV_PROFILE_SCALES ? p->scale_hits[it->scale] : 0;
        const sv_scale *sc = sv_codebook_scale(cb, it->scale);
        if (p->numbers == valid && sc) { /* codes: every number one of the scale's codes */
            long max = 0;
            for (size_t c = 0; c < sc->ncats; c++)
                if (sc->cats[c].code != SV_NO_CODE && sc->cats[c].code > max)
                    max = sc->cats[c].code;
            return p->max_number <= (double)max && distinct <= (long)sc->ncats ? 1 : -1;
        }
        return SHARE(hits) ? 1 : -1;
    }
    case SV_T_CIJFER:
        return SHARE(p->in_1_10) && p->numbers == valid ? 1 : -1;
    case SV_T_SCORE:
        return SHARE(p->ints_0_10) && p->numbers == valid ? 1 : -1;
    case SV_T_GETAL:
        return SHARE(p->numbers) ? 1 : -1;
    case SV_T_DATUM:
        return SHARE(p->dates) ? 1 : -1;
    case SV_T_ID:
        return distinct == valid && !SHARE(p->dates) ? 1 : -1;
    case SV_T_CATEGORIE:
        return p->numbers * 2 < valid && any_scale * 3 < valid && !SHARE(p->dates) &&
                       distinct * 2 <= valid + 6
                   ? 1
                   : -1;
    case SV_T_TEKST:
        /* open answers and contact details differ from one respondent to the next; a column
         * of a few names repeated (the consulent's) is a category */
        return (SHARE(p->numbers) && p->max_number < 1000) || SHARE(any_scale) || SHARE(p->dates) ||
                       (valid >= 5 && distinct * 10 < valid * 4)
                   ? -1
                   : 1;
    case SV_T_MEER:
        return 0;
    }
#undef SHARE
    return 0;
}

/* ---------- ranking and placing ---------- */

/* The innermost part of a header: inside its last [...], else after its last " - " or ": ". */
static int inner_part(const char *h, size_t *off, size_t *len)
{
    size_t n = strlen(h);
    const char *open = strrchr(h, '['), *close = strrchr(h, ']');
    if (open && close && close > open + 1) {
        *off = (size_t)(open + 1 - h);
        *len = (size_t)(close - open - 1);
        return 1;
    }
    for (size_t i = n; i >= 3; i--)
        if ((memcmp(h + i - 3, " - ", 3) == 0 || memcmp(h + i - 2, ": ", 2) == 0) && i < n) {
            *off = i;
            *len = n - i;
            return 1;
        }
    return 0;
}

int sv_suggest_rank(const sv_suggester *s, const char *header, const sv_profile *p,
                    const unsigned char *taken, sv_candidate *out)
{
    tokset h[2];
    sv_buf nb = {0};
    size_t off, len, nh = 1;
    if (tokenize(s, header, strlen(header), &h[0], &nb) != 0) {
        sv_buf_free(&nb);
        return -1;
    }
    if (inner_part(header, &off, &len) && tokenize(s, header + off, len, &h[1], &nb) == 0)
        nh = 2;
    sv_buf_free(&nb);
    for (size_t k = 0; k < nh; k++)
        weigh(s, &h[k]);
    int n = 0;
    for (size_t i = 0; i < s->nitems; i++) {
        const sv_item *it = sv_codebook_item(s->cb, i);
        if (taken[i] || it->type == SV_T_MEER)
            continue;
        double best = 0;
        for (size_t k = 0; k < nh; k++)
            for (int src = 0; src < NSRC; src++) {
                double sc = overlap(&h[k], &s->items[i * NSRC + (size_t)src]);
                if (sc > best)
                    best = sc;
            }
        if (best < LIST_SCORE)
            continue;
        sv_candidate c = {(int)i, best, values_fit(s->cb, it, p)};
        /* insert in order: fitting values before contradicted ones, then by score */
        int pos = n;
        while (pos > 0 &&
               ((out[pos - 1].values < 0 && c.values >= 0) ||
                ((out[pos - 1].values < 0) == (c.values < 0) && out[pos - 1].score < c.score)))
            pos--;
        if (pos >= SV_CANDIDATES)
            continue;
        if (n < SV_CANDIDATES)
            n++;
        memmove(&out[pos + 1], &out[pos], (size_t)(n - 1 - pos) * sizeof *out);
        out[pos] = c;
    }
    return n;
}

void sv_suggest_place(sv_colinfo *cols, size_t ncols)
{
    for (size_t j = 0; j < ncols; j++) {
        sv_colinfo *c = &cols[j];
        c->place = 0;
        if (c->ncand == 0 || c->cand[0].values < 0)
            continue;
        double need = c->cand[0].values > 0 ? PLACE_SCORE : NOVALUE_SCORE;
        double next = c->ncand > 1 && c->cand[1].values >= 0 ? c->cand[1].score : 0;
        c->place = c->cand[0].score >= need && c->cand[0].score - next >= PLACE_MARGIN;
    }
    /* one column per item: the highest score keeps it */
    for (size_t j = 0; j < ncols; j++)
        for (size_t k = 0; k < ncols && cols[j].place; k++)
            if (k != j && cols[k].place && cols[k].cand[0].item == cols[j].cand[0].item &&
                (cols[k].cand[0].score > cols[j].cand[0].score ||
                 (cols[k].cand[0].score == cols[j].cand[0].score && k < j)))
                cols[j].place = 0;
}
