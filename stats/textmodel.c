/*
 * textmodel.c - the text in one spelling, its features, and the logistic regression that
 * weighs them (textmodel.h).
 *
 * Why a model beside the rules: the phrase rules of klachten.csv find what they were written
 * for and little else (issue 24: recall 0.68 on text they were not tuned on); the weights of
 * single words, word pairs and character n-grams, learned from every labelled answer in
 * tests/data, carry over to complaints written as plain facts and to dialect and typing
 * errors, which a phrase never names. The model never replaces the rules; flag.c joins them.
 *
 * Invariants: st_text_features() is the one definition of a feature, used by the loader's
 * caller at run time and by the training program alike; a feature is known by the FNV-1a hash
 * of its name (never 0), so scoring builds no strings and looks up one table.
 */
#include "textmodel.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../survey/sheet.h"

/* Spoken and dialect forms and their written word; the written form is never more than twice
 * as long, so the result fits 2n + 1 bytes. */
static const struct {
    const char *said, *written;
} spoken_forms[] = {
    {"gin", "geen"},         {"gen", "geen"},     {"gene", "geen"},       {"nie", "niet"},
    {"ni", "niet"},          {"nit", "niet"},     {"as", "als"},          {"da's", "dat is"},
    {"dat's", "dat is"},     {"'t", "het"},       {"nor", "naar"},        {"kump", "komt"},
    {"klachte", "klachten"}, {"klage", "klagen"}, {"nooit nie", "nooit"}, {"niks nie", "niks"},
    {"goe", "goed"},         {"wa", "wat"},
};

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || c >= 0x80 || c == '\'' || (c >= '0' && c <= '9');
}

size_t st_spoken(char *out, const char *text, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        /* a letter typed three times or more: once ("heeeel" -> "hel" would lose a word:
         * twice, then "heel") */
        if (c >= 'a' && c <= 'z' && o >= 2 && out[o - 1] == (char)c && out[o - 2] == (char)c) {
            i++;
            continue;
        }
        if (word_byte(c) && (o == 0 || !word_byte((unsigned char)out[o - 1]))) {
            int done = 0;
            for (size_t k = 0; !done && k < sizeof spoken_forms / sizeof spoken_forms[0]; k++) {
                if (spoken_forms[k].said[0] != (char)c)
                    continue; /* the cheap test first: most words start otherwise */
                size_t ls = strlen(spoken_forms[k].said), lw = strlen(spoken_forms[k].written);
                if (i + ls > n || strncasecmp(text + i, spoken_forms[k].said, ls) != 0 ||
                    (i + ls < n && word_byte((unsigned char)(text[i + ls] | 0x20))))
                    continue;
                memcpy(out + o, spoken_forms[k].written, lw);
                o += lw;
                i += ls;
                done = 1;
            }
            if (done)
                continue;
        }
        out[o++] = (char)c;
        i++;
    }
    out[o] = '\0';
    return o;
}

/* ------------------------------------------------------------------------------------------ */

/* The plain letter of U+00C0..U+00FF (UTF-8 C3 80..C3 BF); a space for x and the division
 * sign, which are no letters. */
static const char folded_latin1[] = "aaaaaaaceeeeiiiidnooooo ouuuuyts"
                                    "aaaaaaaceeeeiiiidnooooo ouuuuyty";

/* The longest word kept whole; longer ones are cut (a pasted URL, a row of letters). */
#define LONGEST_WORD 40
/* The lengths of the character n-grams. */
static const size_t gram_lengths[] = {3};

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h ? h : 1;
}

static void emit(st_feature_fn fn, void *ctx, const char *name, size_t len)
{
    fn(ctx, fnv(name, len), name, len);
}

/* The words of text, folded, into w as "_word_word_" (underscore before, between and after);
 * returns its length. w holds ST_TEXT_LONGEST + 2 bytes. */
static size_t fold_words(char *w, const char *text, size_t n)
{
    if (n > ST_TEXT_LONGEST)
        n = ST_TEXT_LONGEST;
    size_t o = 0, word = 0; /* word: length of the word being written */
    w[o++] = '_';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        char letter = 0;
        if (c >= 'a' && c <= 'z')
            letter = (char)c;
        else if (c >= 'A' && c <= 'Z')
            letter = (char)(c + 32);
        else if (c >= '0' && c <= '9') {
            while (i + 1 < n && ((text[i + 1] >= '0' && text[i + 1] <= '9') ||
                                 ((text[i + 1] == ',' || text[i + 1] == '.') && i + 2 < n &&
                                  text[i + 2] >= '0' && text[i + 2] <= '9')))
                i++; /* 1,5 and 12.30 are one number */
            letter = '#';
        } else if (c == 0xC3 && i + 1 < n && ((unsigned char)text[i + 1] & 0xC0) == 0x80) {
            letter = folded_latin1[(unsigned char)text[++i] - 0x80];
            if (letter == ' ')
                letter = 0;
        } else if (c == '\'' ||
                   (c == 0xE2 && i + 2 < n && text[i + 1] == '\x80' && text[i + 2] == '\x99')) {
            i += c == '\'' ? 0 : 2;
            continue; /* an apostrophe joins: zo'n, m'n */
        } else if (c >= 0x80) {
            while (i + 1 < n && ((unsigned char)text[i + 1] & 0xC0) == 0x80)
                i++; /* another character: a separator, as punctuation is */
        }
        /* o stays below the last byte, kept for the closing '_': one byte per byte read
         * today, and never more whatever a later rule writes for one */
        if (letter) {
            if (word < LONGEST_WORD && o < ST_TEXT_LONGEST + 1)
                w[o++] = letter;
            word++;
        } else if (word && o < ST_TEXT_LONGEST + 1) {
            w[o++] = '_';
            word = 0;
        }
    }
    if (w[o - 1] != '_')
        w[o++] = '_';
    return o;
}

size_t st_text_features(const char *text, size_t n, st_feature_fn fn, void *ctx)
{
    char w[ST_TEXT_LONGEST + 2];
    char name[2 * LONGEST_WORD + 4];
    size_t len = fold_words(w, text, n), count = 0;
    /* words and pairs: between two underscores */
    size_t prev = 0, prev_len = 0;
    for (size_t s = 1; s < len;) {
        size_t e = s;
        while (w[e] != '_')
            e++;
        name[0] = 'w';
        name[1] = ':';
        memcpy(name + 2, w + s, e - s);
        emit(fn, ctx, name, 2 + e - s);
        count++;
        if (prev_len) {
            name[0] = 'b';
            memcpy(name + 2, w + prev, prev_len);
            name[2 + prev_len] = ' ';
            memcpy(name + 3 + prev_len, w + s, e - s);
            emit(fn, ctx, name, 3 + prev_len + e - s);
            count++;
        }
        prev = s;
        prev_len = e - s;
        s = e + 1;
    }
    name[0] = 'c';
    for (size_t k = 0; k < sizeof gram_lengths / sizeof gram_lengths[0]; k++) {
        size_t g = gram_lengths[k];
        for (size_t s = 0; len > 2 && s + g <= len; s++) {
            memcpy(name + 2, w + s, g);
            emit(fn, ctx, name, 2 + g);
            count++;
        }
    }
    return count;
}

/* ------------------------------------------------------------------------------------------ */

typedef struct {
    uint64_t hash; /* 0: an empty slot */
    double weight;
} slot;

struct st_textmodel {
    slot *slots;
    size_t mask, n;
    double intercept, threshold;
};

static slot *find(const st_textmodel *m, uint64_t h)
{
    for (size_t k = h & m->mask;; k = (k + 1) & m->mask)
        if (m->slots[k].hash == h || !m->slots[k].hash)
            return &m->slots[k];
}

static ceo_status bad(ceo_error *err, const sv_sheet *s, size_t row, int col, const char *what,
                      const char *value)
{
    return ceo_error_set(err, CEO_EDATA, sv_sheet_path(s), sv_sheet_line(s, row), col + 1,
                         "%s '%s'", ceo_tr(what), value);
}

static ceo_status fill(st_textmodel *m, const sv_sheet *s, ceo_error *err)
{
    int c_name = sv_sheet_col(s, "kenmerk"), c_weight = sv_sheet_col(s, "gewicht");
    int have_threshold = 0;
    for (size_t i = 0; i < sv_sheet_rows(s); i++) {
        const char *name = sv_sheet_cell(s, i, c_name), *num = sv_sheet_cell(s, i, c_weight);
        char *end;
        double v = strtod(num, &end);
        if (end == num || *end || !isfinite(v))
            return bad(err, s, i, c_weight, "not a weight:", num);
        if (strcmp(name, "(constante)") == 0) {
            m->intercept = v;
            continue;
        }
        if (strcmp(name, "(drempel)") == 0) {
            if (!(v > 0 && v < 1))
                return bad(err, s, i, c_weight,
                           "the threshold is a probability between 0 and 1, not", num);
            m->threshold = v;
            have_threshold = 1;
            continue;
        }
        if (!((name[0] == 'w' || name[0] == 'b' || name[0] == 'c') && name[1] == ':' && name[2]))
            return bad(err, s, i, c_name, "a feature starts with w:, b: or c:, not", name);
        slot *e = find(m, fnv(name, strlen(name)));
        if (e->hash)
            return bad(err, s, i, c_name, "a feature given twice:", name);
        *e = (slot){fnv(name, strlen(name)), v};
        m->n++;
    }
    if (!have_threshold)
        return ceo_error_set(err, CEO_EDATA, sv_sheet_path(s), 0, 0,
                             "the model has no threshold (a row '(drempel)')");
    return CEO_OK;
}

st_textmodel *st_textmodel_load(const char *path, ceo_error *err)
{
    static const char *const req[] = {"kenmerk", "gewicht", NULL};
    sv_sheet *s = sv_sheet_load(path, req, err);
    if (!s)
        return NULL;
    st_textmodel *m = ceo_calloc(1, sizeof *m);
    size_t cap = 16;
    while (cap < 2 * sv_sheet_rows(s))
        cap *= 2; /* at most half full: lookups stay short */
    if (!m || !(m->slots = ceo_calloc(cap, sizeof *m->slots))) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        goto fail;
    }
    m->mask = cap - 1;
    if (fill(m, s, err) != CEO_OK)
        goto fail;
    sv_sheet_free(s);
    return m;
fail:
    sv_sheet_free(s);
    st_textmodel_free(m);
    return NULL;
}

void st_textmodel_free(st_textmodel *m)
{
    if (!m)
        return;
    ceo_free(m->slots);
    ceo_free(m);
}

/* At most two features per byte of the folded words (a word, a pair and a trigram start at
 * most at every other, every other and every byte). */
#define MOST_FEATURES (2 * (ST_TEXT_LONGEST + 2))

typedef struct {
    uint64_t hash[MOST_FEATURES];
    size_t n;
} hashes;

static void add_hash(void *ctx, uint64_t hash, const char *name, size_t len)
{
    (void)name;
    (void)len;
    hashes *h = ctx;
    if (h->n < MOST_FEATURES)
        h->hash[h->n++] = hash;
}

static int by_hash(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

double st_textmodel_prob(const st_textmodel *m, const char *text, size_t n)
{
    static _Thread_local hashes h; /* 64 KiB: not on the stack */
    h.n = 0;
    st_text_features(text, n, add_hash, &h);
    qsort(h.hash, h.n, sizeof h.hash[0], by_hash);
    /* each feature counts once, for 1/sqrt(distinct features): the vector of a text has length
     * 1, and a sentence pasted twice says no more than once */
    double sum = 0;
    size_t distinct = 0;
    for (size_t i = 0; i < h.n; i++) {
        if (i && h.hash[i] == h.hash[i - 1])
            continue;
        distinct++;
        const slot *e = find(m, h.hash[i]);
        sum += e->hash ? e->weight : 0;
    }
    double z = m->intercept + (distinct ? sum / sqrt((double)distinct) : 0);
    return 1 / (1 + exp(-z));
}

double st_textmodel_threshold(const st_textmodel *m)
{
    return m->threshold;
}

size_t st_textmodel_size(const st_textmodel *m)
{
    return m->n;
}
