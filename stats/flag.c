/*
 * flag.c - the dissatisfaction rules of the codebook and their verdict per respondent.
 *
 * A rule is (item, condition, ernst, reden). Conditions: a list of categories of the item's
 * scale ("niet_mee_eens|helemaal_niet_mee_eens"), a bound on a number ("<=5", "<6"), or
 * "klacht" on an open-text item. Per item only the first rule that holds counts, so a file
 * lists the heavier condition first. Complaints: the geen_klacht patterns are blanked out of
 * a copy of the text first, then any klacht pattern that still matches makes a complaint;
 * "geen klachten" thus never counts and "geen klachten, wel te laat" still does.
 *
 * Before the patterns, the text is brought to one spelling (st_spoken(): lower case, letters
 * typed three times or more twice, spoken and dialect forms of geen, niet, als, dat is, het,
 * naar, klachten, klagen), so that the patterns need one form of each word.
 *
 * Beside the patterns, when the codebook has klachtmodel.csv, a statistical model (textmodel.h)
 * gives each text a probability of being a complaint; a text is a complaint when the patterns
 * say so or the probability reaches the model's threshold. The patterns keep what they find
 * (and "geen klachten" stays masked for them), the model adds what no phrase names.
 */
#include "flag.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../base/regex.h"
#include "../survey/sheet.h"
#include "textmodel.h"

typedef enum { COND_CATS, COND_LE, COND_LT, COND_COMPLAINT } cond_kind;

typedef struct {
    int item;
    cond_kind kind;
    uint64_t cats; /* COND_CATS: bit k for category k */
    double bound;
    int severity;
    const char *reason; /* owned by the sheet */
} rule;

typedef struct {
    sv_regex *re;
    int negation; /* geen_klacht: masked before the complaints are tried */
} pattern;

/* A text met before, in one spelling, and whether it is a complaint. */
typedef struct {
    uint64_t hash;
    uint32_t at, len; /* where its bytes are in seen_bytes; len 0: an empty slot */
    st_complaint verdict;
} seen_text;

/* The verdicts remembered: SEEN_SLOTS slots, at most half of them used, texts of at most
 * SEEN_LONGEST bytes; when full, everything is forgotten and the remembering starts again. */
#define SEEN_SLOTS (1u << 18)
#define SEEN_LONGEST 400
#define SEEN_BYTES ((size_t)SEEN_SLOTS / 2 * 128)

struct st_rules {
    const sv_codebook *cb;
    sv_sheet *rules_s, *pat_s, *sig_s;
    rule *rules;
    size_t nrules;
    pattern *pats;
    size_t npats;
    st_textmodel *model;           /* NULL when the codebook has no klachtmodel.csv */
    int consent_item, consent_yes; /* consent_yes: code (category + 1) of "ja"; 0 when none */
    char *scratch;                 /* the masked copy of a text */
    size_t scratch_cap;
    seen_text *seen;  /* verdicts of texts met before (see verdict_slot) */
    char *seen_bytes; /* their texts, one after the other */
    size_t nseen, seen_used;
};

static sv_sheet *load_file(const sv_codebook *cb, const char *name, const char *const *req,
                           int optional, ceo_error *err)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", sv_codebook_dir(cb), name);
    if (access(path, F_OK) != 0) {
        if (!optional)
            ceo_error_set(err, CEO_EDATA, sv_codebook_dir(cb), 0, 0,
                          "the codebook has no %s, so it says nothing about dissatisfaction "
                          "(templates/ceo-wmo/%s is an example)",
                          name, name);
        return NULL;
    }
    return sv_sheet_load(path, req, err);
}

static ceo_status bad_cell(ceo_error *err, const sv_sheet *s, size_t row, int col, const char *what,
                           const char *value)
{
    return ceo_error_set(err, CEO_EDATA, sv_sheet_path(s), sv_sheet_line(s, row), col + 1,
                         "%s '%s'", ceo_tr(what), value);
}

static ceo_status parse_condition(const st_rules *r, const sv_item *it, const char *text, rule *ru,
                                  const sv_sheet *s, size_t row, int col, ceo_error *err)
{
    if (strcmp(text, "klacht") == 0) {
        if (it->type != SV_T_TEKST)
            return bad_cell(err, s, row, col, "'klacht' needs an open-text item, not", it->id);
        ru->kind = COND_COMPLAINT;
        return CEO_OK;
    }
    if (text[0] == '<') {
        if (it->type != SV_T_CIJFER && it->type != SV_T_SCORE && it->type != SV_T_GETAL)
            return bad_cell(err, s, row, col, "a bound needs a mark or number item, not", it->id);
        ru->kind = text[1] == '=' ? COND_LE : COND_LT;
        const char *num = text + (text[1] == '=' ? 2 : 1);
        char *end;
        ru->bound = strtod(num, &end);
        if (end == num || *end || !isfinite(ru->bound))
            return bad_cell(err, s, row, col, "not a bound like '<=5'", text);
        return CEO_OK;
    }
    const sv_scale *sc = it->scale >= 0 ? sv_codebook_scale(r->cb, it->scale) : NULL;
    if (!sc)
        return bad_cell(err, s, row, col, "categories need an item with a scale, not", it->id);
    ru->kind = COND_CATS;
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "|");
        size_t k = 0;
        while (k < sc->ncats &&
               !(strlen(sc->cats[k].id) == len && strncmp(sc->cats[k].id, p, len) == 0))
            k++;
        if (k == sc->ncats || k >= 64) {
            char cat[128];
            snprintf(cat, sizeof cat, "%.*s", (int)(len < 100 ? len : 100), p);
            return ceo_error_set(err, CEO_EDATA, sv_sheet_path(s), sv_sheet_line(s, row), col + 1,
                                 "scale %s has no category '%s'", sc->name, cat);
        }
        ru->cats |= 1ull << k;
        p += len + (p[len] == '|');
    }
    if (!ru->cats)
        return bad_cell(err, s, row, col, "no answers given in", text);
    return CEO_OK;
}

static ceo_status load_rules(st_rules *r, ceo_error *err)
{
    static const char *const req[] = {"item", "antwoorden", "ernst", "reden", NULL};
    sv_sheet *s = r->rules_s = load_file(r->cb, "ontevreden.csv", req, 0, err);
    if (!s)
        return err ? err->code : CEO_EDATA;
    int c_item = sv_sheet_col(s, "item"), c_ans = sv_sheet_col(s, "antwoorden"),
        c_sev = sv_sheet_col(s, "ernst"), c_reason = sv_sheet_col(s, "reden");
    size_t n = sv_sheet_rows(s);
    if (!(r->rules = ceo_calloc(n ? n : 1, sizeof *r->rules)))
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        rule *ru = &r->rules[r->nrules];
        const char *id = sv_sheet_cell(s, i, c_item);
        ru->item = sv_codebook_find(r->cb, id);
        if (ru->item < 0)
            return bad_cell(err, s, i, c_item, "no item", id);
        ceo_status st = parse_condition(r, sv_codebook_item(r->cb, (size_t)ru->item),
                                        sv_sheet_cell(s, i, c_ans), ru, s, i, c_ans, err);
        if (st)
            return st;
        const char *sev = sv_sheet_cell(s, i, c_sev);
        char *end;
        long v = strtol(sev, &end, 10);
        if (end == sev || *end || v < 0 || v > 1000)
            return bad_cell(err, s, i, c_sev, "ernst must be a whole number 0-1000, not", sev);
        ru->severity = (int)v;
        ru->reason = sv_sheet_cell(s, i, c_reason);
        if (!*ru->reason)
            ru->reason = sv_codebook_item(r->cb, (size_t)ru->item)->label;
        r->nrules++;
    }
    return CEO_OK;
}

static ceo_status load_patterns(st_rules *r, ceo_error *err)
{
    static const char *const req[] = {"soort", "patroon", NULL};
    sv_sheet *s = r->pat_s = load_file(r->cb, "klachten.csv", req, 0, err);
    if (!s)
        return err ? err->code : CEO_EDATA;
    int c_kind = sv_sheet_col(s, "soort"), c_pat = sv_sheet_col(s, "patroon");
    size_t n = sv_sheet_rows(s);
    if (!(r->pats = ceo_calloc(n ? n : 1, sizeof *r->pats)))
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const char *kind = sv_sheet_cell(s, i, c_kind);
        pattern *p = &r->pats[r->npats];
        if (strcmp(kind, "geen_klacht") == 0)
            p->negation = 1;
        else if (strcmp(kind, "klacht") != 0)
            return bad_cell(err, s, i, c_kind, "soort must be klacht or geen_klacht, not", kind);
        if (!(p->re = sv_regex_new(sv_sheet_cell(s, i, c_pat), sv_sheet_path(s),
                                   sv_sheet_line(s, i), c_pat + 1, err)))
            return err ? err->code : CEO_EDATA;
        r->npats++;
    }
    return CEO_OK;
}

/* The model is optional: a codebook without klachtmodel.csv has the patterns alone. */
static ceo_status load_model(st_rules *r, ceo_error *err)
{
    char path[1024];
    int len = snprintf(path, sizeof path, "%s/klachtmodel.csv", sv_codebook_dir(r->cb));
    if (len < 0 || (size_t)len >= sizeof path)
        return ceo_error_set(err, CEO_EIO, sv_codebook_dir(r->cb), 0, 0,
                             "the codebook folder's name is too long");
    if (access(path, R_OK) !=
        0) { /* absent: the patterns alone; present but unreadable: an error */
        if (errno == ENOENT)
            return CEO_OK;
        return ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot read the complaint model: %s",
                             strerror(errno));
    }
    r->model = st_textmodel_load(path, err);
    return r->model ? CEO_OK : err ? err->code : CEO_EDATA;
}

st_rules *st_rules_load(const sv_codebook *cb, ceo_error *err)
{
    st_rules *r = ceo_calloc(1, sizeof *r);
    if (!r) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    r->cb = cb;
    r->consent_item = sv_codebook_find(cb, "contact_toestemming");
    if (r->consent_item >= 0) {
        const sv_item *it = sv_codebook_item(cb, (size_t)r->consent_item);
        const sv_scale *sc = it->scale >= 0 ? sv_codebook_scale(cb, it->scale) : NULL;
        for (size_t k = 0; sc && k < sc->ncats; k++)
            if (strcmp(sc->cats[k].id, "ja") == 0)
                r->consent_yes = (int)k + 1;
    }
    static const char *const sig_req[] = {"item", "onderzoeksvraag", NULL};
    ceo_error local;
    ceo_error_clear(&local);
    if (load_rules(r, err) || load_patterns(r, err) || load_model(r, err)) {
        st_rules_free(r);
        return NULL;
    }
    r->sig_s = load_file(cb, "signalen.csv", sig_req, 1, &local);
    if (!r->sig_s && local.code) {
        ceo_error_set(err, local.code, local.path, local.line, local.column, "%s", local.message);
        st_rules_free(r);
        return NULL;
    }
    return r;
}

void st_rules_free(st_rules *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->npats; i++)
        sv_regex_free(r->pats[i].re);
    ceo_free(r->pats);
    st_textmodel_free(r->model);
    ceo_free(r->rules);
    sv_sheet_free(r->rules_s);
    sv_sheet_free(r->pat_s);
    sv_sheet_free(r->sig_s);
    ceo_free(r->scratch);
    ceo_free(r->seen);
    ceo_free(r->seen_bytes);
    ceo_free(r);
}

/* Speed: the same open answer comes back often ("nee", "geen", "niets", "prima", a sentence
 * copied between forms); matching the ~90 patterns was most of `ceo flag`'s time, so each
 * verdict is remembered by the text in one spelling (st_spoken()), compared byte for byte, not
 * only by hash. Returns the slot of text (its verdict when len != 0), or NULL when the text is
 * not remembered and cannot be (too long, no memory). */
static seen_text *verdict_slot(st_rules *w, const char *text, size_t n, uint64_t *hash)
{
    if (n == 0 || n > SEEN_LONGEST)
        return NULL;
    if (!w->seen && (!(w->seen = ceo_calloc(SEEN_SLOTS, sizeof *w->seen)) ||
                     !(w->seen_bytes = ceo_malloc(SEEN_BYTES)))) {
        ceo_free(w->seen);
        w->seen = NULL;
        return NULL;
    }
    uint64_t h = 14695981039346656037ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)text[i]) * 1099511628211ull;
    *hash = h;
    for (size_t k = h & (SEEN_SLOTS - 1);; k = (k + 1) & (SEEN_SLOTS - 1)) {
        seen_text *e = &w->seen[k];
        if (!e->len || (e->hash == h && e->len == n && memcmp(w->seen_bytes + e->at, text, n) == 0))
            return e;
    }
}

/* Remembers the verdict in slot e (found empty by verdict_slot). */
static void remember(st_rules *w, seen_text *e, const char *text, size_t n, uint64_t hash,
                     const st_complaint *verdict)
{
    if (w->nseen >= SEEN_SLOTS / 2 || w->seen_used + n > SEEN_BYTES) {
        memset(w->seen, 0, SEEN_SLOTS * sizeof *w->seen); /* full: start again */
        w->nseen = w->seen_used = 0;
        uint64_t h2;
        e = verdict_slot(w, text, n, &h2);
    }
    memcpy(w->seen_bytes + w->seen_used, text, n);
    *e = (seen_text){hash, (uint32_t)w->seen_used, (uint32_t)n, *verdict};
    w->seen_used += n;
    w->nseen++;
}

/* Sets bit b of present[b / 8] for every byte b of the n bytes at s; returns 1 when all are
 * ASCII. */
static int bytes_present(const char *s, size_t n, unsigned char present[32])
{
    memset(present, 0, 32);
    unsigned char high = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        present[c >> 3] |= (unsigned char)(1u << (c & 7));
        high |= c;
    }
    return high < 0x80;
}

/* The patterns' verdict on the n bytes in w->scratch (masked in place). */
static int match_patterns(const st_rules *r, st_rules *w, size_t n)
{
    /* Speed, for the answers of plain ASCII (most): the patterns' ASCII form, which needs no
     * Unicode lookups, and no call at all for a pattern whose start bytes or required byte
     * the text lacks (sv_regex_may_match_ascii). Either way the verdict is the same. */
    unsigned char present[32];
    int ascii = bytes_present(w->scratch, n, present);
    int (*find)(const sv_regex *, const char *, size_t, size_t, size_t *, size_t *) =
        ascii ? sv_regex_find_ascii : sv_regex_find_from;
    /* Blank the negated forms with spaces: byte lengths stay, UTF-8 stays valid, and the words
     * around them no longer touch. */
    int masked = 0;
    for (size_t i = 0; i < r->npats; i++) {
        if (!r->pats[i].negation || (ascii && !sv_regex_may_match_ascii(r->pats[i].re, present)))
            continue;
        size_t from = 0, s, e;
        int rc;
        while ((rc = find(r->pats[i].re, w->scratch, n, from, &s, &e)) == 1) {
            memset(w->scratch + s, ' ', e - s);
            masked = 1;
            from = e > s ? e : s + 1;
            while (from < n && ((unsigned char)w->scratch[from] & 0xC0) == 0x80)
                from++;
        }
        if (rc < 0)
            return -1;
    }
    if (ascii && masked)
        bytes_present(w->scratch, n, present);
    for (size_t i = 0; i < r->npats; i++) {
        if (r->pats[i].negation || (ascii && !sv_regex_may_match_ascii(r->pats[i].re, present)))
            continue;
        int rc = find(r->pats[i].re, w->scratch, n, 0, NULL, NULL);
        if (rc)
            return rc;
    }
    return 0;
}

int st_complaint_judge(const st_rules *r, const char *text, st_complaint *v, ceo_error *err)
{
    st_rules *w = (st_rules *)r; /* scratch and memory are not part of the rules' meaning */
    size_t n = strlen(text);
    /* the text in one spelling, twice: to remember it by, and to mask */
    size_t need = 4 * n + 2;
    if (need > w->scratch_cap) {
        char *s = ceo_realloc(w->scratch, need);
        if (!s) {
            ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            return -1;
        }
        w->scratch = s;
        w->scratch_cap = need;
    }
    char *key = w->scratch + 2 * n + 1;
    n = st_spoken(key, text, n);
    uint64_t hash = 0;
    seen_text *e = verdict_slot(w, key, n, &hash);
    if (e && e->len) {
        *v = e->verdict;
        return v->complaint;
    }
    /* the model reads the text before the rules mask it */
    v->prob = r->model ? st_textmodel_prob(r->model, key, n) : NAN;
    v->model = r->model && v->prob >= st_textmodel_threshold(r->model);
    memcpy(w->scratch, key, n + 1);
    int rc = match_patterns(r, w, n);
    if (rc < 0) {
        ceo_error_set(err, CEO_EDATA, NULL, 0, 0, "an open answer is too complex to match");
        return -1;
    }
    v->rules = rc;
    v->complaint = v->rules || v->model;
    if (e)
        remember(w, e, key, n, hash, v);
    return v->complaint;
}

int st_is_complaint(const st_rules *r, const char *text, ceo_error *err)
{
    st_complaint v;
    return st_complaint_judge(r, text, &v, err);
}

char *st_rules_question(const st_rules *r, const char *id, const char *target)
{
    if (!r->sig_s)
        return NULL;
    int c_item = sv_sheet_col(r->sig_s, "item"), c_q = sv_sheet_col(r->sig_s, "onderzoeksvraag");
    const char *tmpl = NULL;
    for (size_t i = 0; i < sv_sheet_rows(r->sig_s) && !tmpl; i++)
        if (strcmp(sv_sheet_cell(r->sig_s, i, c_item), id) == 0)
            tmpl = sv_sheet_cell(r->sig_s, i, c_q);
    if (!tmpl || !*tmpl)
        return NULL;
    static const char slot[] = "{doelgroep}";
    size_t len = strlen(tmpl) + 1;
    for (const char *p = strstr(tmpl, slot); p; p = strstr(p + 1, slot))
        len += strlen(target);
    char *out = ceo_malloc(len), *w = out;
    if (!out)
        return NULL;
    for (const char *p = tmpl; *p;) {
        if (strncmp(p, slot, sizeof slot - 1) == 0) {
            size_t tl = strlen(target);
            memcpy(w, target, tl);
            w += tl;
            p += sizeof slot - 1;
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
    return out;
}

/* ------------------------------------------------------------------------------------------ */

struct st_flags {
    st_flag *v;
    size_t n, cap;
};

void st_flags_free(st_flags *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        ceo_free(f->v[i].reasons);
    ceo_free(f->v);
    ceo_free(f);
}

size_t st_flags_count(const st_flags *f)
{
    return f->n;
}

const st_flag *st_flags_at(const st_flags *f, size_t i)
{
    return &f->v[i];
}

static int by_severity(const void *a, const void *b)
{
    const st_flag *x = a, *y = b;
    if (x->severity != y->severity)
        return x->severity > y->severity ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* A growing string for the reasons of one respondent. */
typedef struct {
    char *s;
    size_t len, cap;
    int failed;
} buf;

static void put(buf *b, const char *text)
{
    size_t n = strlen(text);
    if (b->failed || ceo_grow((void **)&b->s, &b->cap, b->len + n + 1, 1)) {
        b->failed = 1;
        return;
    }
    memcpy(b->s + b->len, text, n + 1);
    b->len += n;
}

/* A mark as Dutch text: 4, 7,5. */
static void put_number(buf *b, double v)
{
    char num[32];
    snprintf(num, sizeof num, "%.1f", v);
    size_t l = strlen(num);
    if (l > 2 && strcmp(num + l - 2, ".0") == 0)
        num[l - 2] = '\0';
    char *dot = strchr(num, '.');
    if (dot)
        *dot = ',';
    put(b, num);
}

/* Whether rule ru holds for row i; the rule's value goes to *value for numbers. -1: error. */
static int holds(const st_rules *r, const rule *ru, const sv_table *t, size_t i, double *value,
                 ceo_error *err)
{
    switch (ru->kind) {
    case COND_CATS: {
        const uint16_t *c = sv_table_codes(t, ru->item);
        return c && c[i] > 0 && c[i] <= 64 && (ru->cats >> (c[i] - 1) & 1);
    }
    case COND_LE:
    case COND_LT: {
        const double *x = sv_table_numbers(t, ru->item);
        if (!x || isnan(x[i]))
            return 0;
        *value = x[i];
        return ru->kind == COND_LE ? x[i] <= ru->bound : x[i] < ru->bound;
    }
    case COND_COMPLAINT: {
        const char *text = sv_table_text(t, ru->item, i);
        return text ? st_is_complaint(r, text, err) : 0;
    }
    }
    return 0;
}

st_flags *st_flag_table(const st_rules *r, const sv_table *t, ceo_error *err)
{
    st_flags *f = ceo_calloc(1, sizeof *f);
    if (!f) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    const uint16_t *consent = r->consent_item >= 0 ? sv_table_codes(t, r->consent_item) : NULL;
    size_t nitems = sv_codebook_nitems(r->cb);
    unsigned char *done = ceo_calloc(nitems ? nitems : 1, 1);
    buf neg = {0}, other = {0};
    if (!done)
        goto nomem;
    for (size_t i = 0; i < sv_table_rows(t); i++) {
        memset(done, 0, nitems);
        neg.len = other.len = 0;
        int severity = 0, any = 0;
        for (size_t k = 0; k < r->nrules; k++) {
            const rule *ru = &r->rules[k];
            if (done[ru->item])
                continue;
            double value = NAN;
            int h = holds(r, ru, t, i, &value, err);
            if (h < 0)
                goto fail;
            if (!h)
                continue;
            done[ru->item] = 1;
            any = 1;
            severity += ru->severity;
            if (ru->kind == COND_CATS) {
                put(&neg, neg.len ? ", " : "negatief over: ");
                put(&neg, ru->reason);
            } else {
                put(&other, other.len ? "; " : "");
                put(&other, ru->reason);
                if (ru->kind != COND_COMPLAINT) {
                    put(&other, " ");
                    put_number(&other, value);
                }
            }
        }
        if (!any)
            continue;
        put(&neg, "");
        put(&other, "");
        if (neg.failed || other.failed || ceo_grow((void **)&f->v, &f->cap, f->n + 1, sizeof *f->v))
            goto nomem;
        size_t len = neg.len + other.len + 3;
        char *reasons = ceo_malloc(len);
        if (!reasons)
            goto nomem;
        snprintf(reasons, len, "%s%s%s", neg.s, neg.len && other.len ? "; " : "", other.s);
        f->v[f->n++] = (st_flag){
            i, severity, consent && r->consent_yes && consent[i] == r->consent_yes, reasons};
    }
    if (f->n > 1)
        qsort(f->v, f->n, sizeof *f->v, by_severity);
    ceo_free(done);
    ceo_free(neg.s);
    ceo_free(other.s);
    return f;
nomem:
    ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
fail:
    ceo_free(done);
    ceo_free(neg.s);
    ceo_free(other.s);
    st_flags_free(f);
    return NULL;
}

/* ------------------------------------------------------------------------------------------ */

typedef struct {
    size_t flag;  /* index in the flags, which are in order of severity, then row */
    size_t round; /* 0 for its group's most severe, 1 for the next, ... */
} candidate;

static int by_round(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->round != y->round)
        return x->round < y->round ? -1 : 1;
    return x->flag < y->flag ? -1 : x->flag > y->flag; /* severity, then row */
}

/* A group's code in row i of item id, 0 when missing or no such item. */
static unsigned group_code(const sv_table *t, const char *id, size_t i)
{
    int k = sv_codebook_find(sv_table_codebook(t), id);
    const uint16_t *c = k >= 0 && sv_table_has(t, k) ? sv_table_codes(t, k) : NULL;
    return c ? c[i] : 0;
}

long st_flags_choose(const st_flags *f, const sv_table *t, int min_severity, long max,
                     unsigned char *skip, ceo_error *err)
{
    candidate *c = ceo_calloc(f->n ? f->n : 1, sizeof *c);
    /* per group (gemeente code << 16 | voorziening code): how many of it are candidates */
    size_t *seen = ceo_calloc((size_t)1 << 16, sizeof *seen);
    uint32_t *keys = ceo_calloc((size_t)1 << 16, sizeof *keys);
    if (!c || !seen || !keys) {
        ceo_free(c);
        ceo_free(seen);
        ceo_free(keys);
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return -1;
    }
    size_t nc = 0;
    for (size_t i = 0; i < f->n; i++) {
        const st_flag *fl = &f->v[i];
        if (!fl->consent || skip[fl->row])
            continue;
        if (fl->severity < min_severity) {
            skip[fl->row] = 1;
            continue;
        }
        /* open addressing on the pair; 65536 slots hold far more pairs than a region has */
        uint32_t key = (uint32_t)group_code(t, "gemeente", fl->row) << 16 |
                       group_code(t, "voorziening", fl->row);
        size_t h = (key * 2654435761u) >> 16 & 0xFFFF;
        while (seen[h] && keys[h] != key)
            h = (h + 1) & 0xFFFF;
        keys[h] = key;
        c[nc++] = (candidate){i, seen[h]++};
    }
    if (max > 0 && (size_t)max < nc) {
        qsort(c, nc, sizeof *c, by_round);
        for (size_t j = (size_t)max; j < nc; j++)
            skip[f->v[c[j].flag].row] = 1;
        nc = (size_t)max;
    }
    ceo_free(c);
    ceo_free(seen);
    ceo_free(keys);
    return (long)nc;
}
