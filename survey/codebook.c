/*
 * codebook.c - loads and checks the codebook folder (docs/FORMATS.md).
 *
 * The loaded sheets stay alive inside the codebook and own every string the public structs
 * point to. Spellings are stored normalised (sv_norm_value), so a lookup is one hash probe;
 * the reader calls it once per distinct value of a column, never per cell. A value that is no
 * spelling is then read by its words, from word forms of the same spellings (never from Dutch
 * phrases written here): a value is only ever given a category that a spelling of the
 * codebook gives it, and one that two categories could claim stays unknown.
 */
#include "codebook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/regex.h"
#include "sheet.h"
#include "../base/strmap.h"
#include "../base/text.h"
#include "values.h"

typedef struct {
    sv_category *cats;
    size_t ncats, cap;
    sv_strmap *spell; /* normalised spelling -> category index */
    sv_strmap *words; /* word form of a spelling (sv_norm_words) -> category, or AMBIGUOUS */
} scale_data;

/* A word form that spellings of two categories share: it decides nothing. */
#define AMBIGUOUS (-2)
/* The longest word form matched; a longer value is matched by its exact spelling only. */
#define WORDS_MAX 256

typedef struct {
    int item;
    sv_regex *re;
} pattern;

struct sv_codebook {
    char *dir;
    sv_sheet *items_s, *scales_s, *spell_s, *miss_s, *pat_s, *themes_s;
    sv_sheet *syn_s; /* synoniemen.csv, optional: NULL when the folder has none */
    sv_item *items;
    size_t nitems;
    sv_scale *scales;
    scale_data *sdata;
    size_t nscales;
    sv_strmap *missing;    /* normalised marker -> sv_missing */
    sv_strmap *miss_words; /* word form of a marker -> sv_missing, or AMBIGUOUS */
    pattern *pats;
    size_t npats;
};

static const char *const type_names[] = {"id",     "datum", "categorie", "getal", "likert", "janee",
                                         "cijfer", "score", "enkel",     "meer",  "tekst"};

const char *sv_type_name(sv_type t)
{
    return (size_t)t < sizeof type_names / sizeof type_names[0] ? type_names[t] : "?";
}

sv_answer sv_type_answer(sv_type t)
{
    switch (t) {
    case SV_T_LIKERT:
    case SV_T_JANEE:
    case SV_T_ENKEL:
        return SV_ANSWER_SCALE;
    case SV_T_CATEGORIE:
        return SV_ANSWER_GROUP;
    case SV_T_ID:
    case SV_T_TEKST:
        return SV_ANSWER_TEXT;
    case SV_T_GETAL:
    case SV_T_CIJFER:
    case SV_T_SCORE:
        return SV_ANSWER_NUMBER;
    case SV_T_DATUM:
        return SV_ANSWER_DATE;
    case SV_T_MEER:
        return SV_ANSWER_OPTIONS;
    }
    return SV_ANSWER_TEXT;
}

static const char *const dir_names[] = {"", "positief", "neutraal", "negatief", "ongeldig"};

const char *sv_direction_name(sv_direction d)
{
    return (size_t)d < sizeof dir_names / sizeof dir_names[0] ? dir_names[d] : "?";
}

static int valid_id(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

static sv_sheet *load_sheet(const char *dir, const char *name, const char *const *req,
                            ceo_error *err)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return sv_sheet_load(path, req, err);
}

static ceo_status bad(ceo_error *err, const sv_sheet *s, size_t row, int col, const char *what,
                      const char *value)
{
    return ceo_error_set(err, CEO_EDATA, sv_sheet_path(s), sv_sheet_line(s, row), col + 1,
                         "%s '%s'", ceo_tr(what), value);
}

static ceo_status load_scales(sv_codebook *cb, ceo_error *err)
{
    sv_sheet *s = cb->scales_s;
    int c_scale = sv_sheet_col(s, "schaal"), c_cat = sv_sheet_col(s, "categorie"),
        c_code = sv_sheet_col(s, "code"), c_dir = sv_sheet_col(s, "richting"),
        c_label = sv_sheet_col(s, "label");
    size_t n = sv_sheet_rows(s);
    cb->scales = ceo_calloc(n ? n : 1, sizeof *cb->scales);
    cb->sdata = ceo_calloc(n ? n : 1, sizeof *cb->sdata);
    if (!cb->scales || !cb->sdata)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t r = 0; r < n; r++) {
        const char *name = sv_sheet_cell(s, r, c_scale), *cat = sv_sheet_cell(s, r, c_cat);
        if (!valid_id(name))
            return bad(err, s, r, c_scale, "bad scale name (use a-z, 0-9 and _)", name);
        if (!valid_id(cat))
            return bad(err, s, r, c_cat, "bad category id (use a-z, 0-9 and _)", cat);
        int k = sv_codebook_find_scale(cb, name);
        if (k < 0) {
            k = (int)cb->nscales++;
            cb->scales[k].name = name;
            cb->scales[k].invalid_cat = -1;
            if (!(cb->sdata[k].spell = sv_strmap_new()))
                return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        }
        scale_data *d = &cb->sdata[k];
        for (size_t i = 0; i < d->ncats; i++)
            if (strcmp(d->cats[i].id, cat) == 0)
                return bad(err, s, r, c_cat, "category listed twice in this scale:", cat);
        if (ceo_grow((void **)&d->cats, &d->cap, d->ncats + 1, sizeof *d->cats) != 0)
            return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        sv_category *c = &d->cats[d->ncats];
        c->id = cat;
        c->label = *sv_sheet_cell(s, r, c_label) ? sv_sheet_cell(s, r, c_label) : cat;
        const char *code = sv_sheet_cell(s, r, c_code);
        c->code = SV_NO_CODE;
        if (*code) {
            char *end;
            long v = strtol(code, &end, 10);
            if (*end || v < -9999 || v > 9999)
                return bad(err, s, r, c_code, "code is not a whole number:", code);
            c->code = (int)v;
        }
        const char *dir = sv_sheet_cell(s, r, c_dir);
        c->dir = SV_DIR_NONE;
        for (int di = 1; di <= SV_DIR_INVALID; di++)
            if (strcmp(dir, dir_names[di]) == 0)
                c->dir = (sv_direction)di;
        if (*dir && c->dir == SV_DIR_NONE)
            return bad(err, s, r, c_dir,
                       "richting must be positief, neutraal, negatief, ongeldig or empty, not",
                       dir);
        if (c->dir == SV_DIR_INVALID)
            cb->scales[k].invalid_cat = (int)d->ncats;
        d->ncats++;
    }
    for (size_t k = 0; k < cb->nscales; k++) {
        cb->scales[k].cats = cb->sdata[k].cats;
        cb->scales[k].ncats = cb->sdata[k].ncats;
    }
    return CEO_OK;
}

/* Adds a spelling for category cat of scale k; a spelling may not mean two categories. */
static ceo_status add_spelling(sv_codebook *cb, int k, int cat, const char *text, const char *path,
                               long line, long col, ceo_error *err)
{
    sv_buf b = {0};
    if (sv_norm_value(&b, text, strlen(text)) != 0)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    ceo_status st = CEO_OK;
    int old;
    if (b.len == 0)
        st = ceo_error_set(err, CEO_EDATA, path, line, col, "empty spelling");
    else if (sv_strmap_get(cb->sdata[k].spell, b.p, b.len, &old)) {
        if (old != cat)
            st = ceo_error_set(err, CEO_EDATA, path, line, col,
                               "spelling '%s' means both '%s' and '%s' in scale '%s'", text,
                               cb->sdata[k].cats[old].id, cb->sdata[k].cats[cat].id,
                               cb->scales[k].name);
    } else if (sv_strmap_put(cb->sdata[k].spell, b.p, b.len, cat) != 0)
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    sv_buf_free(&b);
    return st;
}

static ceo_status load_spellings(sv_codebook *cb, ceo_error *err)
{
    /* Category labels count as spellings, so a scale works before anyone lists any. */
    for (size_t k = 0; k < cb->nscales; k++)
        for (size_t i = 0; i < cb->sdata[k].ncats; i++) {
            ceo_status st = add_spelling(cb, (int)k, (int)i, cb->sdata[k].cats[i].label,
                                         sv_sheet_path(cb->scales_s), 0, 0, err);
            if (st != CEO_OK)
                return st;
        }
    sv_sheet *s = cb->spell_s;
    int c_scale = sv_sheet_col(s, "schaal"), c_cat = sv_sheet_col(s, "categorie"),
        c_sp = sv_sheet_col(s, "spelling");
    for (size_t r = 0; r < sv_sheet_rows(s); r++) {
        const char *name = sv_sheet_cell(s, r, c_scale), *cat = sv_sheet_cell(s, r, c_cat);
        int k = sv_codebook_find_scale(cb, name);
        if (k < 0)
            return bad(err, s, r, c_scale, "unknown scale", name);
        int ci = -1;
        for (size_t i = 0; i < cb->sdata[k].ncats; i++)
            if (strcmp(cb->sdata[k].cats[i].id, cat) == 0)
                ci = (int)i;
        if (ci < 0)
            return bad(err, s, r, c_cat, "unknown category", cat);
        ceo_status st = add_spelling(cb, k, ci, sv_sheet_cell(s, r, c_sp), sv_sheet_path(s),
                                     sv_sheet_line(s, r), c_sp + 1, err);
        if (st != CEO_OK)
            return st;
    }
    /* Last, the ids read as words ("weet_niet" -> "weet niet"), where no spelling says
     * otherwise: a clash here only means the id is not also a spelling. */
    for (size_t k = 0; k < cb->nscales; k++)
        for (size_t i = 0; i < cb->sdata[k].ncats; i++) {
            char tmp[256];
            snprintf(tmp, sizeof tmp, "%s", cb->sdata[k].cats[i].id);
            for (char *p = tmp; *p; p++)
                if (*p == '_')
                    *p = ' ';
            ceo_error probe;
            ceo_error_clear(&probe);
            if (add_spelling(cb, (int)k, (int)i, tmp, NULL, 0, 0, &probe) == CEO_ENOMEM)
                return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        }
    return CEO_OK;
}

static ceo_status load_items(sv_codebook *cb, ceo_error *err)
{
    sv_sheet *s = cb->items_s;
    int c_id = sv_sheet_col(s, "id"), c_sec = sv_sheet_col(s, "sectie"),
        c_type = sv_sheet_col(s, "type"), c_theme = sv_sheet_col(s, "thema"),
        c_scale = sv_sheet_col(s, "schaal"), c_label = sv_sheet_col(s, "label"),
        c_q = sv_sheet_col(s, "vraag");
    size_t n = sv_sheet_rows(s);
    cb->items = ceo_calloc(n ? n : 1, sizeof *cb->items);
    if (!cb->items)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t r = 0; r < n; r++) {
        sv_item *it = &cb->items[r];
        it->id = sv_sheet_cell(s, r, c_id);
        if (!valid_id(it->id))
            return bad(err, s, r, c_id, "bad item id (use a-z, 0-9 and _)", it->id);
        if (sv_codebook_find(cb, it->id) >= 0)
            return bad(err, s, r, c_id, "item id listed twice:", it->id);
        it->section = sv_sheet_cell(s, r, c_sec);
        it->theme = sv_sheet_cell(s, r, c_theme);
        it->label = *sv_sheet_cell(s, r, c_label) ? sv_sheet_cell(s, r, c_label) : it->id;
        it->question = sv_sheet_cell(s, r, c_q);
        const char *type = sv_sheet_cell(s, r, c_type);
        int t = -1;
        for (size_t k = 0; k < sizeof type_names / sizeof type_names[0]; k++)
            if (strcmp(type, type_names[k]) == 0)
                t = (int)k;
        if (t < 0)
            return bad(err, s, r, c_type,
                       "unknown type (id, datum, categorie, getal, likert, janee, cijfer, score, "
                       "enkel, meer, tekst):",
                       type);
        it->type = (sv_type)t;
        const char *scale = sv_sheet_cell(s, r, c_scale);
        it->scale = -1;
        int needs = t == SV_T_LIKERT || t == SV_T_JANEE || t == SV_T_ENKEL || t == SV_T_MEER;
        if (*scale) {
            it->scale = sv_codebook_find_scale(cb, scale);
            if (it->scale < 0)
                return bad(err, s, r, c_scale, "unknown scale", scale);
        } else if (needs) {
            return bad(err, s, r, c_scale, "this type needs a scale; item", it->id);
        }
        if (t == SV_T_MEER && it->scale >= 0 && cb->sdata[it->scale].ncats > 31)
            return bad(err, s, r, c_scale, "a multi-select item has at most 31 options; scale",
                       scale);
        cb->nitems++;
    }
    return CEO_OK;
}

static ceo_status load_patterns(sv_codebook *cb, ceo_error *err)
{
    sv_sheet *s = cb->pat_s;
    int c_id = sv_sheet_col(s, "id"), c_p = sv_sheet_col(s, "patroon");
    size_t n = sv_sheet_rows(s);
    cb->pats = ceo_calloc(n ? n : 1, sizeof *cb->pats);
    if (!cb->pats)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t r = 0; r < n; r++) {
        const char *id = sv_sheet_cell(s, r, c_id);
        int item = sv_codebook_find(cb, id);
        if (item < 0)
            return bad(err, s, r, c_id, "pattern for an item not in items.csv:", id);
        const char *p = sv_sheet_cell(s, r, c_p);
        if (!*p)
            return bad(err, s, r, c_p, "empty pattern for item", id);
        sv_regex *re = sv_regex_new(p, sv_sheet_path(s), sv_sheet_line(s, r), c_p + 1, err);
        if (!re)
            return err ? err->code : CEO_EDATA;
        cb->pats[cb->npats].item = item;
        cb->pats[cb->npats].re = re;
        cb->npats++;
    }
    return CEO_OK;
}

static ceo_status load_missing(sv_codebook *cb, ceo_error *err)
{
    sv_sheet *s = cb->miss_s;
    int c_sp = sv_sheet_col(s, "spelling"), c_m = sv_sheet_col(s, "betekenis");
    if (!(cb->missing = sv_strmap_new()))
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t r = 0; r < sv_sheet_rows(s); r++) {
        const char *m = sv_sheet_cell(s, r, c_m);
        int v = strcmp(m, "ontbreekt") == 0 ? SV_MISSING
                : strcmp(m, "nvt") == 0     ? SV_NOT_APPLICABLE
                                            : -1;
        if (v < 0)
            return bad(err, s, r, c_m, "betekenis must be ontbreekt or nvt, not", m);
        sv_buf b = {0};
        const char *sp = sv_sheet_cell(s, r, c_sp);
        int rc = sv_norm_value(&b, sp, strlen(sp));
        if (rc == 0)
            rc = sv_strmap_put(cb->missing, b.p, b.len, v);
        sv_buf_free(&b);
        if (rc != 0)
            return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    return CEO_OK;
}

/* A word form (sv_norm_words) without its comma separators, into dst (WORDS_MAX bytes): read
 * whole, a comma is a pause, not a boundary ("Noch mee eens, noch mee oneens"). Returns the
 * length. */
static size_t without_commas(char *dst, const char *form, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (form[i] == ',' && i > 0 && form[i - 1] == ' ' && i + 1 < n && form[i + 1] == ' ') {
            i++; /* " , " becomes " " */
            continue;
        }
        dst[o++] = form[i];
    }
    dst[o] = '\0';
    return o;
}

/* The key a spelling or marker is stored under in a word map: its word form, commas left out. */
static size_t word_key(char *key, const char *norm, size_t n)
{
    char form[WORDS_MAX];
    size_t len = sv_norm_words(form, sizeof form, norm, n);
    return without_commas(key, form, len);
}

/* Adds key -> v to m; a key already there with another value becomes AMBIGUOUS. */
static int put_word_form(sv_strmap *m, const char *key, size_t len, int v)
{
    int old;
    if (len == 0)
        return 0;
    if (sv_strmap_get(m, key, len, &old))
        return old == v ? 0 : sv_strmap_put(m, key, len, AMBIGUOUS);
    return sv_strmap_put(m, key, len, v);
}

/* The word forms of every spelling and missing marker (docs/FORMATS.md, "spellingen.csv"). */
static ceo_status load_word_forms(sv_codebook *cb, ceo_error *err)
{
    char key[WORDS_MAX];
    if (!(cb->miss_words = sv_strmap_new()))
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < sv_strmap_count(cb->missing); i++) {
        size_t n;
        int v;
        double num;
        const char *sp = sv_strmap_key(cb->missing, i, &n, &v);
        if (sv_parse_number(sp, n, &num))
            continue; /* -99 would read as 99 */
        if (put_word_form(cb->miss_words, key, word_key(key, sp, n), v) != 0)
            return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t k = 0; k < cb->nscales; k++) {
        scale_data *d = &cb->sdata[k];
        if (!(d->words = sv_strmap_new()))
            return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t i = 0; i < sv_strmap_count(d->spell); i++) {
            size_t n;
            int cat;
            const char *sp = sv_strmap_key(d->spell, i, &n, &cat);
            if (put_word_form(d->words, key, word_key(key, sp, n), cat) != 0)
                return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        }
    }
    return CEO_OK;
}

sv_codebook *sv_codebook_load(const char *dir, ceo_error *err)
{
    static const char *const r_items[] = {"id", "sectie", "type", "thema", "schaal", "label", NULL};
    static const char *const r_scales[] = {"schaal",   "categorie", "code",
                                           "richting", "label",     NULL};
    static const char *const r_spell[] = {"schaal", "categorie", "spelling", NULL};
    static const char *const r_miss[] = {"spelling", "betekenis", NULL};
    static const char *const r_pat[] = {"id", "patroon", NULL};
    static const char *const r_themes[] = {"thema", "label", NULL};
    sv_codebook *cb = ceo_calloc(1, sizeof *cb);
    if (!cb || !(cb->dir = ceo_strdup(dir))) {
        ceo_free(cb);
        ceo_error_set(err, CEO_ENOMEM, dir, 0, 0, "out of memory");
        return NULL;
    }
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        ceo_error_set(err, CEO_EIO, dir, 0, 0, "codebook folder not found");
        sv_codebook_free(cb);
        return NULL;
    }
    if (!(cb->scales_s = load_sheet(dir, "schalen.csv", r_scales, err)) ||
        !(cb->items_s = load_sheet(dir, "items.csv", r_items, err)) ||
        !(cb->spell_s = load_sheet(dir, "spellingen.csv", r_spell, err)) ||
        !(cb->miss_s = load_sheet(dir, "ontbrekend.csv", r_miss, err)) ||
        !(cb->pat_s = load_sheet(dir, "koppen.csv", r_pat, err)) ||
        !(cb->themes_s = load_sheet(dir, "themas.csv", r_themes, err)) ||
        load_scales(cb, err) != CEO_OK || load_items(cb, err) != CEO_OK ||
        load_spellings(cb, err) != CEO_OK || load_missing(cb, err) != CEO_OK ||
        load_word_forms(cb, err) != CEO_OK || load_patterns(cb, err) != CEO_OK) {
        sv_codebook_free(cb);
        return NULL;
    }
    static const char *const r_syn[] = {"woord", "staat_voor", NULL};
    char path[1024];
    snprintf(path, sizeof path, "%s/synoniemen.csv", dir);
    if (stat(path, &sb) == 0 && !(cb->syn_s = sv_sheet_load(path, r_syn, err))) {
        sv_codebook_free(cb);
        return NULL;
    }
    return cb;
}

void sv_codebook_free(sv_codebook *cb)
{
    if (!cb)
        return;
    for (size_t k = 0; k < cb->nscales; k++) {
        ceo_free(cb->sdata[k].cats);
        sv_strmap_free(cb->sdata[k].spell);
        sv_strmap_free(cb->sdata[k].words);
    }
    for (size_t i = 0; i < cb->npats; i++)
        sv_regex_free(cb->pats[i].re);
    ceo_free(cb->pats);
    ceo_free(cb->scales);
    ceo_free(cb->sdata);
    ceo_free(cb->items);
    sv_strmap_free(cb->missing);
    sv_strmap_free(cb->miss_words);
    sv_sheet_free(cb->items_s);
    sv_sheet_free(cb->scales_s);
    sv_sheet_free(cb->spell_s);
    sv_sheet_free(cb->miss_s);
    sv_sheet_free(cb->pat_s);
    sv_sheet_free(cb->themes_s);
    sv_sheet_free(cb->syn_s);
    ceo_free(cb->dir);
    ceo_free(cb);
}

size_t sv_codebook_nsynonyms(const sv_codebook *cb)
{
    return cb->syn_s ? sv_sheet_rows(cb->syn_s) : 0;
}

void sv_codebook_synonym(const sv_codebook *cb, size_t i, const char **word, const char **means)
{
    *word = sv_sheet_cell(cb->syn_s, i, sv_sheet_col(cb->syn_s, "woord"));
    *means = sv_sheet_cell(cb->syn_s, i, sv_sheet_col(cb->syn_s, "staat_voor"));
}

const char *sv_codebook_dir(const sv_codebook *cb)
{
    return cb->dir;
}

size_t sv_codebook_nitems(const sv_codebook *cb)
{
    return cb->nitems;
}

const sv_item *sv_codebook_item(const sv_codebook *cb, size_t i)
{
    return &cb->items[i];
}

int sv_codebook_find(const sv_codebook *cb, const char *id)
{
    for (size_t i = 0; i < cb->nitems; i++)
        if (strcmp(cb->items[i].id, id) == 0)
            return (int)i;
    return -1;
}

const sv_scale *sv_codebook_scale(const sv_codebook *cb, int scale)
{
    return scale >= 0 && (size_t)scale < cb->nscales ? &cb->scales[scale] : NULL;
}

int sv_codebook_find_scale(const sv_codebook *cb, const char *name)
{
    for (size_t k = 0; k < cb->nscales; k++)
        if (strcmp(cb->scales[k].name, name) == 0)
            return (int)k;
    return -1;
}

/* Whether " / " or " , " starts at form[i]. */
static int separator_at(const char *form, size_t len, size_t i)
{
    return form[i] == ' ' && i + 2 < len && (form[i + 1] == '/' || form[i + 1] == ',') &&
           form[i + 2] == ' ';
}

/* The category of a value whose word form is no spelling's: read part by part, split at its
 * separators ("N.v.t./weet niet", "Weet niet, geen mening"). Every part must be a spelling of
 * one and the same category, or a missing marker; missing markers are allowed only beside the
 * scale's 'ongeldig' category (or a not-applicable marker alone beside other markers), and
 * make the value that category: "Weet niet / geen antwoord" is weet_niet. A part that is
 * unknown or of another category makes the whole value unknown ("Eens/oneens"). */
static int by_parts(const sv_codebook *cb, int scale, const char *form, size_t len)
{
    const scale_data *d = &cb->sdata[scale];
    int invalid = cb->scales[scale].invalid_cat, cat = -1, markers = 0, na = 0;
    size_t parts = 0;
    for (size_t a = 0; a < len;) {
        size_t z = a;
        while (z < len && !separator_at(form, len, z))
            z++;
        int v;
        parts++;
        if (sv_strmap_get(d->words, form + a, z - a, &v)) {
            if (v == AMBIGUOUS || (cat >= 0 && v != cat))
                return -1;
            cat = v;
        } else if (sv_strmap_get(cb->miss_words, form + a, z - a, &v) && v != AMBIGUOUS) {
            markers++;
            na += v == SV_NOT_APPLICABLE;
        } else {
            return -1;
        }
        a = z + 3;
    }
    if (parts < 2)
        return -1;
    if (!markers)
        return cat;
    if (invalid < 0 || (cat >= 0 && cat != invalid) || (cat < 0 && !na))
        return -1;
    return invalid;
}

int sv_codebook_spelling(const sv_codebook *cb, int scale, const char *norm, size_t len)
{
    int v;
    if (scale < 0 || (size_t)scale >= cb->nscales)
        return -1;
    if (sv_strmap_get(cb->sdata[scale].spell, norm, len, &v))
        return v;
    /* Then by words (docs/FORMATS.md): never a number, whose code decides, nor a missing marker. */
    double num;
    if (len == 0 || sv_parse_number(norm, len, &num) || sv_strmap_get(cb->missing, norm, len, &v))
        return -1;
    char form[WORDS_MAX], whole[WORDS_MAX];
    size_t n = sv_norm_words(form, sizeof form, norm, len);
    if (n == 0)
        return -1;
    size_t wn = without_commas(whole, form, n);
    if (sv_strmap_get(cb->sdata[scale].words, whole, wn, &v))
        return v == AMBIGUOUS ? -1 : v;
    return by_parts(cb, scale, form, n);
}

sv_missing sv_codebook_missing(const sv_codebook *cb, const char *norm, size_t len)
{
    int v;
    if (len == 0)
        return SV_MISSING;
    return sv_strmap_get(cb->missing, norm, len, &v) ? (sv_missing)v : SV_MISSING_NONE;
}

int sv_codebook_match_header(const sv_codebook *cb, const char *norm, size_t len, int *rank)
{
    for (size_t i = 0; i < cb->npats; i++)
        if (sv_regex_match(cb->pats[i].re, norm, len)) {
            if (rank)
                *rank = (int)i;
            return cb->pats[i].item;
        }
    return -1;
}

ceo_status sv_codebook_set_codes(sv_codebook *cb, int scale, const int *codes, size_t ncodes,
                                 ceo_error *err)
{
    if (scale < 0 || (size_t)scale >= cb->nscales)
        return ceo_error_set(err, CEO_EUSAGE, NULL, 0, 0, "unknown scale");
    if (ncodes != cb->sdata[scale].ncats)
        return ceo_error_set(err, CEO_EUSAGE, NULL, 0, 0,
                             "scale '%s' has %zu categories, but %zu codes were given",
                             cb->scales[scale].name, cb->sdata[scale].ncats, ncodes);
    for (size_t i = 0; i < ncodes; i++)
        cb->sdata[scale].cats[i].code = codes[i];
    cb->scales[scale].declared = 1;
    return CEO_OK;
}
