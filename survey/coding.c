/*
 * coding.c - one cell of a mapped column to its code, number, date or text in the table.
 *
 * Each column keeps a cache from raw bytes to code, with a small memo in front of it, so a
 * label is normalised and matched once per distinct value, never per cell. A value the
 * codebook does not know is stored as missing and noted for the report with its first lines;
 * a category or single-choice value holding personal data is folded into "anders" or missing
 * and noted without the value. Raw mode (no codebook) only counts what cells look like.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "readpriv.h"

#define RAW_DISTINCT 40 /* distinct values a raw-mode column counts before it is "many" */

/* ---------- unrecognised values ---------- */

/* The kinds of personal data (SV_PII_) in the UTF-8 value s->u, into *kinds. A value too
 * complex to check counts as holding a name: the safe side. Returns 0, or -1 when out of
 * memory. */
static int pii_kinds(rstate *s, unsigned *kinds)
{
    *kinds = 0;
    if (!s->pii && !(s->pii = sv_pii_new(NULL, NULL)))
        return -1;
    int rc = sv_pii_category(s->pii, s->u.p, s->u.len, kinds);
    if (rc == -2)
        *kinds = SV_PII_NAAM;
    return rc == -1 ? -1 : 0;
}

/* The kinds of personal data in an unrecognised value s->u, into *kinds. Such a value is no
 * group's name (a category column takes every value as a group and has none unrecognised), so
 * a name found in it as in open text ("82, mw. Jansen") counts, and so does a name after
 * "anders" in any item of an answer list ("Hulpmiddel,Anders: Piet Lek"): the value is listed
 * by check and batch add, and must not be when it names a person. Names need the word list
 * (sv_table_set_wordlist). Returns 0, or -1 on an error (set: out of memory, the word list). */
static int unknown_kinds(rstate *s, unsigned *kinds)
{
    if (pii_kinds(s, kinds) != 0)
        return -1;
    sv_table *t = s->t;
    unsigned more = 0;
    int rc;
    if (t->want_words) {
        if (!t->words && !(t->words = sv_wordlist_load(t->wordlist, s->err)))
            return -1;
        if (!s->pii_names && !(s->pii_names = sv_pii_new(t->words, s->err)))
            return -1;
        const int *owner;
        rc = sv_pii_scan(s->pii_names, s->u.p, s->u.len, &owner, &more);
        if (rc == -1)
            return -1;
        *kinds |= rc == -2 ? (unsigned)SV_PII_NAAM : more;
    }
    for (size_t i = 0; i < s->u.len; i++) {
        if (s->u.p[i] != ',' && s->u.p[i] != ';')
            continue;
        rc = sv_pii_category(s->pii, s->u.p + i + 1, s->u.len - i - 1, &more);
        if (rc == -1)
            return -1;
        *kinds |= rc == -2 ? (unsigned)SV_PII_NAAM : more;
    }
    return 0;
}

/* Counts a cell whose value held personal data (its cached code carried V_FOLDED), by column
 * and raw value, without the value. Returns 0, or -1 when out of memory. */
static int note_pii(rstate *s, column *c, int col1, const sv_field *f, int code)
{
    sv_report *r = s->rep;
    int idx;
    if (!c->pii && !(c->pii = sv_strmap_new()))
        return -1;
    if (!sv_strmap_get(c->pii, f->data, f->len, &idx)) {
        unsigned kinds;
        if (ceo_grow((void **)&r->pii, &s->pii_cap, r->npii + 1, sizeof *r->pii) != 0 ||
            sv_to_utf8(&s->u, f->data, f->len, NULL) != 0 || pii_kinds(s, &kinds) != 0)
            return -1;
        sv_pii_cell *p = &r->pii[r->npii];
        memset(p, 0, sizeof *p);
        p->column = col1;
        p->kinds = kinds ? kinds : SV_PII_NAAM;
        p->other = code != 0;
        idx = (int)r->npii++;
        if (sv_strmap_put(c->pii, f->data, f->len, idx) != 0)
            return -1;
    }
    sv_pii_cell *p = &r->pii[idx];
    if (p->count < 3)
        p->lines[p->count] = f->line;
    p->count++;
    r->pii_cells++;
    return 0;
}

static int note_unknown(rstate *s, column *c, int col1, const sv_field *f)
{
    sv_report *r = s->rep;
    int idx;
    if (!c->unknown && !(c->unknown = sv_strmap_new()))
        return -1;
    if (!sv_strmap_get(c->unknown, f->data, f->len, &idx)) {
        if (ceo_grow((void **)&r->unknown, &s->unk_cap, r->nunknown + 1, sizeof *r->unknown))
            return -1;
        if (sv_to_utf8(&s->u, f->data, f->len, NULL) != 0)
            return -1;
        size_t n = s->u.len > 80 ? 80 : s->u.len;
        while (n && n < s->u.len && ((unsigned char)s->u.p[n] & 0xC0) == 0x80)
            n--; /* never cut inside a UTF-8 sequence */
        sv_unknown *u = &r->unknown[r->nunknown];
        memset(u, 0, sizeof *u);
        u->column = col1;
        if (unknown_kinds(s, &u->pii) != 0)
            return -1;
        if (u->pii) {
            char what[160] = "a value holding ";
            sv_pii_describe(u->pii, what + strlen(what), sizeof what - strlen(what));
            u->value = ceo_strdup(what);
        } else {
            u->value = ceo_strndup(s->u.p, n);
        }
        if (!u->value)
            return -1;
        idx = (int)r->nunknown++;
        if (sv_strmap_put(c->unknown, f->data, f->len, idx) != 0)
            return -1;
    }
    sv_unknown *u = &r->unknown[idx];
    if (u->count < 3)
        u->lines[u->count] = f->line;
    u->count++;
    r->unknown_cells++;
    return 0;
}

/* ---------- coding one value (cache misses) ---------- */

/* The normalised value s->nb is SoSci Survey's -9 ("not answered"), which it writes in every
 * kind of question. */
static int sosci_unanswered(const rstate *s)
{
    return s->sosci && s->nb.len == 2 && memcmp(s->nb.p, "-9", 2) == 0;
}

/* s->nb is missing: empty, a missing marker of the codebook, or SoSci's -9. */
static int nb_missing(const rstate *s)
{
    return s->nb.len == 0 || sv_codebook_missing(s->t->cb, s->nb.p, s->nb.len) != SV_MISSING_NONE ||
           sosci_unanswered(s);
}

static int is_truthy(const char *v, size_t n)
{
    static const char *const yes[] = {"1",    "y", "yes",     "ja",       "j",          "true",
                                      "waar", "x", "checked", "selected", "aangevinkt", "gekozen"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (sv_rd_eq_ci(v, n, yes[i]))
            return 1;
    return 0;
}

static int is_falsy(const char *v, size_t n)
{
    static const char *const no[] = {"0",
                                     "n",
                                     "no",
                                     "nee",
                                     "false",
                                     "onwaar",
                                     "not checked",
                                     "not selected",
                                     "niet aangevinkt",
                                     "niet gekozen"};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (sv_rd_eq_ci(v, n, no[i]))
            return 1;
    return 0;
}

/* A scale value (normalised in s->nb) as category+1, V_MISSING or V_UNKNOWN. */
static int scale_code(rstate *s, int scale)
{
    const sv_codebook *cb = s->t->cb;
    const sv_scale *sc = sv_codebook_scale(cb, scale);
    s->by_code = 0;
    if (s->nb.len == 0)
        return V_MISSING;
    int k = sv_codebook_spelling(cb, scale, s->nb.p, s->nb.len);
    if (k >= 0)
        return k + 1; /* LimeSurvey's A1, A2, ... too: spellings in the codebook */
    /* A numeric code before the missing markers: a survey may use -1 as a code (SoSci's
     * "weet niet"), and its [codes] must win over the general sentinel list. */
    double d;
    if (sv_parse_number(s->nb.p, s->nb.len, &d) && d == floor(d))
        for (size_t i = 0; i < sc->ncats; i++)
            if (sc->cats[i].code != SV_NO_CODE && (double)sc->cats[i].code == d) {
                s->by_code = 1;
                return (int)i + 1;
            }
    sv_missing m = sv_codebook_missing(cb, s->nb.p, s->nb.len);
    if (m == SV_NOT_APPLICABLE)
        return sc->invalid_cat >= 0 ? sc->invalid_cat + 1 : V_MISSING;
    if (m == SV_MISSING)
        return V_MISSING;
    return V_UNKNOWN;
}

/* Splits a joined multi-select cell ("Huishoudelijke hulp, Vervoer") into options: at each
 * position the longest run of comma-separated pieces that spells an option wins, so options
 * whose own label holds ", " still read right. Returns the mask or V_UNKNOWN. */
static int multi_code(rstate *s, int scale)
{
    const char *v = s->nb.p;
    size_t n = s->nb.len;
    size_t starts[64], ends[64], np = 0, b = 0;
    for (size_t i = 0; i <= n; i++)
        if (i == n || v[i] == ',' || v[i] == ';' || v[i] == '|') {
            if (np == 64)
                return V_UNKNOWN;
            starts[np] = b;
            ends[np++] = i;
            b = i + 1;
        }
    int mask = 0;
    sv_buf piece = {0};
    for (size_t i = 0; i < np;) {
        size_t took = 0;
        for (size_t j = np; j-- > i && !took;) {
            size_t a = starts[i], z = ends[j];
            if (sv_norm_value(&piece, v + a, z - a) != 0) {
                sv_buf_free(&piece);
                return V_UNKNOWN;
            }
            if (piece.len == 0 && j == i) {
                took = 1; /* an empty piece: "a,,b" or a trailing separator */
                break;
            }
            int k = sv_codebook_spelling(s->t->cb, scale, piece.p, piece.len);
            if (k >= 0 && k < 31) {
                mask |= 1 << k;
                took = j - i + 1;
            }
        }
        if (!took) {
            sv_buf_free(&piece);
            return V_UNKNOWN;
        }
        i += took;
    }
    sv_buf_free(&piece);
    return mask;
}

/* A category or single-choice value (UTF-8 in s->u, normalised in s->nb) that holds personal
 * data is folded: into the category "anders" of the scale (scale >= 0) or the group "anders"
 * (scale < 0) when it says "anders ..." (a group made when the column has none yet), else
 * into missing, "(onbekend)" in every output. Returns the code | V_FOLDED, 0 when the value
 * holds none, or V_NOMEM when out of memory. */
static int fold_pii(rstate *s, column *c, int scale)
{
    unsigned kinds;
    if (pii_kinds(s, &kinds) != 0)
        return V_NOMEM;
    if (!kinds)
        return 0;
    if (s->nb.len < 6 || memcmp(s->nb.p, "anders", 6) != 0)
        return V_FOLDED;
    if (scale >= 0) {
        const sv_scale *sc = sv_codebook_scale(s->t->cb, scale);
        for (size_t i = 0; i < sc->ncats; i++)
            if (strcmp(sc->cats[i].id, "anders") == 0)
                return V_FOLDED | (int)(i + 1);
        return V_FOLDED;
    }
    int g = sv_table_group_add(s->t, c->item, "anders", 6, "anders", 6);
    return g < 0 ? V_NOMEM : V_FOLDED | (g + 1);
}

static int cat_code(rstate *s, column *c)
{
    if (nb_missing(s))
        return V_MISSING;
    int folded = fold_pii(s, c, -1);
    if (folded)
        return folded;
    if (sv_clean_display(&s->db, s->u.p, s->u.len) != 0)
        return V_NOMEM;
    int g = sv_table_group_add(s->t, c->item, s->nb.p, s->nb.len, s->db.p, s->db.len);
    return g < 0 ? V_NOMEM : g + 1;
}

/* Counts how a distinct value of an ordinal-scale column was read (category k), for
 * sv_direction_check: through a code or through a label; answers outside the valid base say
 * nothing about the direction. */
static void note_reading(rstate *s, column *c, int k, const sv_field *f)
{
    const sv_scale *sc =
        sv_codebook_scale(s->t->cb, sv_codebook_item(s->t->cb, (size_t)c->item)->scale);
    sv_direction d = sc->cats[k].dir;
    if (d != SV_DIR_POSITIVE && d != SV_DIR_NEUTRAL && d != SV_DIR_NEGATIVE)
        return;
    sv_dircol *dc = &c->dir;
    if (s->by_code) {
        if (!dc->numbers++) {
            dc->number_line = f->line;
            snprintf(dc->number_example, sizeof dc->number_example, "%.*s",
                     (int)(s->u.len < 12 ? s->u.len : 12), s->u.p);
        }
    } else if (!dc->labels++) {
        dc->label_line = f->line;
        snprintf(dc->label_example, sizeof dc->label_example, "%.*s",
                 (int)(s->u.len < 28 ? s->u.len : 28), s->u.p);
    }
}

/* Codes a value of a cached kind; returns the outcome, or V_NOMEM when out of memory. */
static int code_miss(rstate *s, column *c, const sv_field *f, int col1)
{
    if (sv_rd_utf8(s, f->data, f->len, f->line, col1) != 0 ||
        sv_norm_value(&s->nb, s->u.p, s->u.len) != 0)
        return V_NOMEM;
    const sv_item *it = sv_codebook_item(s->t->cb, (size_t)c->item);
    if (sosci_unanswered(s))
        return V_MISSING;
    /* A column of one option holds that option's label, nothing else: a tick or a code
     * there would be a guess. */
    if (c->spread && !nb_missing(s) && strcmp(s->nb.p, c->opt_norm) != 0)
        return V_UNKNOWN;
    switch (c->kind) {
    case C_SCALE: {
        int v = scale_code(s, it->scale);
        if (v == V_UNKNOWN && (it->type == SV_T_ENKEL || it->type == SV_T_JANEE)) {
            int folded = fold_pii(s, c, it->scale);
            if (folded)
                return folded;
        }
        if (v > 0 && c->dir.item >= 0)
            note_reading(s, c, v - 1, f);
        return v;
    }
    case C_CAT:
        return cat_code(s, c);
    case C_MULTI:
        if (nb_missing(s))
            return V_MISSING;
        return multi_code(s, it->scale);
    case C_OPTION:
        if (nb_missing(s))
            return V_MISSING;
        /* SoSci Survey codes a multiple-choice option 1 (not chosen) or 2 (chosen) */
        if (s->sosci && s->nb.len == 1 && (s->nb.p[0] == '1' || s->nb.p[0] == '2'))
            return s->nb.p[0] == '2';
        if (is_truthy(s->nb.p, s->nb.len) ||
            sv_codebook_spelling(s->t->cb, it->scale, s->nb.p, s->nb.len) == c->option)
            return 1;
        if (is_falsy(s->nb.p, s->nb.len))
            return 0;
        return V_UNKNOWN;
    }
    return V_UNKNOWN;
}

static int missing_marker(rstate *s, const sv_field *f, int col1)
{
    if (sv_rd_utf8(s, f->data, f->len, f->line, col1) != 0 ||
        sv_norm_value(&s->nb, s->u.p, s->u.len) != 0)
        return -1;
    return nb_missing(s);
}

/* ---------- one cell into the table ---------- */

/* The memo slot of a value: its length and its first, second and last bytes. */
static size_t memo_slot(const char *p, size_t n)
{
    if (n == 0)
        return 0;
    unsigned h = (unsigned)n * 0x9Eu + (unsigned char)p[0] * 0x3Bu +
                 (unsigned char)p[n > 1] * 0x11u + (unsigned char)p[n - 1] * 0x65u;
    return (h ^ (h >> 6)) & (MEMO_SLOTS - 1);
}

/* Whether the memo slot holds the value f (never for a value too long for the memo). */
static int memo_holds(const column *c, size_t slot, const sv_field *f)
{
    return f->len < MEMO && c->memo_len[slot] == f->len + 1 &&
           memcmp(c->memo[slot], f->data, f->len) == 0;
}

/* Puts the value f with its outcome code into the memo slot, when it fits. */
static void memo_keep(column *c, size_t slot, const sv_field *f, int code)
{
    if (f->len >= MEMO)
        return;
    memcpy(c->memo[slot], f->data, f->len);
    c->memo_code[slot] = code;
    c->memo_len[slot] = (unsigned char)(f->len + 1);
}

/* sv_parse_number through the column's memo: a mark or a score column holds a dozen values. */
static int number_of(column *c, const sv_field *f, double *d)
{
    if (f->len >= MEMO)
        return sv_parse_number(f->data, f->len, d);
    size_t slot = memo_slot(f->data, f->len);
    if (!memo_holds(c, slot, f))
        memo_keep(c, slot, f, sv_parse_number(f->data, f->len, &c->memo_num[slot]));
    *d = c->memo_num[slot];
    return c->memo_code[slot];
}

/* 1 when the value is a BSN: nine digits (eight: Excel dropped a leading 0) passing the
 * elfproef, white space around it aside. */
static int looks_bsn(const char *p, size_t n)
{
    char d[9];
    size_t k = 0, i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t'))
        i++;
    while (n > i && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        n--;
    if (n - i == 8)
        d[k++] = '0';
    if (n - i + k != 9)
        return 0;
    for (; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        d[k++] = p[i];
    }
    return sv_pii_elfproef(d);
}

int sv_rd_store_value(rstate *s, column *c, const sv_field *f, int col1, size_t row)
{
    sv_itemcol *ic = &s->t->items[c->item];
    int v;
    switch (c->kind) {
    case C_ID:
    case C_TEXT:
        if (sv_is_blank(f->data, f->len))
            return 0;
        if (c->kind == C_TEXT && f->len <= 16) {
            int m = missing_marker(s, f, col1);
            if (m < 0)
                return -1;
            if (m)
                return 0;
        }
        if (c->rid) {
            s->rid_values++;
            s->rid_bsn += looks_bsn(f->data, f->len);
        }
        ic->codes[row] = 1;
        if (ic->text) {
            if (sv_rd_utf8(s, f->data, f->len, f->line, col1) != 0)
                return -1;
            if (c->pseudo && !sv_is_pseudonym(s->u.p, s->u.len)) {
                char ps[SV_PSEUDONYM_LEN + 1];
                sv_pseudonym(s->t->key, s->u.p, s->u.len, ps);
                if (c->rid && s->t->keep_originals &&
                    sv_table_note_original(s->t, ps, s->u.p, s->u.len) != 0)
                    return -1;
                return sv_table_set_text(s->t, c->item, row, ps, SV_PSEUDONYM_LEN) != 0 ? -1 : 0;
            }
            if (sv_table_set_text(s->t, c->item, row, s->u.p, s->u.len) != 0)
                return -1;
        }
        return 0;
    case C_DATE: {
        long long secs;
        if (!c->order_known) {
            int h = sv_slash_hint(f->data, f->len);
            if (h == 1 || h == 2) {
                c->order = h == 1 ? SV_SLASH_DAY_FIRST : SV_SLASH_MONTH_FIRST;
                c->order_known = 1;
            }
        }
        int future = 0;
        if (sv_parse_date(f->data, f->len, c->order, &secs) &&
            secs >= sv_days_from_civil(2000, 1, 1) * 86400) {
            if (secs < s->date_end) {
                ic->dates[row] = secs;
                return 0;
            }
            future = 1; /* a typo such as 2105, which would make every period end there */
        }
        int m = missing_marker(s, f, col1);
        if (m < 0)
            return -1;
        if (m)
            return 0;
        int idx;
        if (note_unknown(s, c, col1, f) != 0)
            return -1;
        if (future && sv_strmap_get(c->unknown, f->data, f->len, &idx))
            s->rep->unknown[idx].max_year = s->year + 1;
        return 0;
    }
    case C_NUM:
    case C_MARK:
    case C_SCORE: {
        double d;
        if (number_of(c, f, &d)) {
            int ok = (c->kind == C_NUM && (!c->positive || d > 0)) ||
                     (c->kind == C_MARK && d >= 1 && d <= 10) ||
                     (c->kind == C_SCORE && d >= 0 && d <= 10 && d == floor(d));
            if (ok && d >= 0) {
                ic->nums[row] = d;
                return 0;
            }
            if (ok && d < 0) { /* a negative number may be a sentinel such as -99 */
                int m = missing_marker(s, f, col1);
                if (m < 0)
                    return -1;
                if (!m)
                    ic->nums[row] = d;
                return 0;
            }
        }
        int m = missing_marker(s, f, col1);
        if (m < 0)
            return -1;
        return m ? 0 : note_unknown(s, c, col1, f);
    }
    default:
        break;
    }
    size_t slot = memo_slot(f->data, f->len);
    if (memo_holds(c, slot, f)) {
        v = c->memo_code[slot];
    } else {
        if (!sv_strmap_get(c->cache, f->data, f->len, &v)) {
            v = code_miss(s, c, f, col1);
            if (v == V_NOMEM || sv_strmap_put(c->cache, f->data, f->len, v) != 0)
                return -1;
        }
        memo_keep(c, slot, f, v);
    }
    if (v == V_UNKNOWN)
        return note_unknown(s, c, col1, f);
    if (v == V_MISSING)
        return 0;
    if (v & V_FOLDED) {
        v &= ~V_FOLDED;
        if (note_pii(s, c, col1, f, v) != 0)
            return -1;
        if (!v)
            return 0;
    }
    switch (c->kind) {
    case C_SCALE:
    case C_CAT:
        ic->codes[row] = (uint16_t)v;
        break;
    case C_MULTI:
        ic->multi[row] |= (uint32_t)v | SV_MULTI_ANSWERED;
        break;
    case C_OPTION:
        ic->multi[row] |= SV_MULTI_ANSWERED | (v ? 1u << c->option : 0u);
        break;
    }
    return 0;
}

/* Counts what a raw-mode cell looks like. Returns 0, or non-zero with the error set. */
int sv_rd_raw_observe(rstate *s, column *c, const sv_field *f, int col1)
{
    rawstat *r = &c->raw;
    if (sv_is_blank(f->data, f->len))
        return 0;
    int rc = sv_rd_utf8(s, f->data, f->len, f->line, col1);
    if (rc != 0)
        return rc == -1 ? sv_rd_oom(s, f->line) : 1;
    r->nonblank++;
    double d;
    long long secs;
    if (sv_parse_number(f->data, f->len, &d))
        r->number++;
    else if (sv_parse_date(f->data, f->len, SV_SLASH_MONTH_FIRST, &secs) ||
             sv_parse_date(f->data, f->len, SV_SLASH_DAY_FIRST, &secs))
        r->date++;
    if (r->many || f->len > 60)
        return 0;
    if (sv_norm_value(&s->nb, s->u.p, s->u.len) != 0)
        return sv_rd_oom(s, f->line);
    if (strstr(s->nb.p, "eens"))
        r->eens++;
    static const char *const yn[] = {"ja", "nee", "yes", "no", "j", "n", "y", "true", "false"};
    for (size_t i = 0; i < sizeof yn / sizeof yn[0]; i++)
        if (strcmp(s->nb.p, yn[i]) == 0)
            r->yesno++;
    int dummy;
    if (!r->distinct && !(r->distinct = sv_strmap_new()))
        return sv_rd_oom(s, f->line);
    if (!sv_strmap_get(r->distinct, s->nb.p, s->nb.len, &dummy)) {
        if (sv_strmap_count(r->distinct) >= RAW_DISTINCT)
            r->many = 1;
        else if (sv_strmap_put(r->distinct, s->nb.p, s->nb.len, 1) != 0)
            return sv_rd_oom(s, f->line);
    }
    return 0;
}
