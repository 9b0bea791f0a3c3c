/*
 * reader.c - reads one survey export into the coded table.
 *
 * The first records are buffered to decide the layout (how many header rows, which platform,
 * which column is which item, which order slash dates use); then the buffered data records and
 * every later record are coded as they stream past. Each column keeps a cache from raw bytes
 * to code, so a label is normalised and matched once per distinct value, never per cell.
 *
 * Invariants: a failed read leaves the table as it was (rollback to a mark); unrecognised
 * values are stored as missing and reported with their first locations; nothing here prints.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "csvsrc.h"
#include "direction.h"
#include "pii.h"
#include "sav.h"
#include "suggest.h"
#include "tablepriv.h"
#include "../base/text.h"
#include "values.h"

#define SNIFF_RECORDS 60
#define RAW_DISTINCT 40
#define MEMO 32       /* longest value the memo holds, plus one */
#define MEMO_SLOTS 64 /* a power of two */

enum { C_SKIP, C_ID, C_DATE, C_CAT, C_NUM, C_MARK, C_SCORE, C_SCALE, C_MULTI, C_OPTION, C_TEXT };

/* Cached outcomes besides codes. */
enum { V_UNKNOWN = -1, V_MISSING = -2 };
/* Added to a cached code (0: missing) when the value held personal data and was folded
 * (fold_pii); above every code. */
enum { V_FOLDED = 0x100000 };

typedef struct {
    long nonblank, number, date, eens, yesno;
    sv_strmap *distinct;
    int many;
} rawstat;

typedef struct {
    int item, option, kind, rank;
    char *header; /* display */
    const char *note;
    sv_strmap *cache;
    /* In front of the cache, a direct-mapped memo of short values and their outcomes, its
     * slot picked by the length and three of the bytes: hand-typed variants of one answer
     * ("Mee eens", "MEE EENS", "Mee eens ") mostly differ there, so a compare of a few bytes
     * replaces hashing for nearly every cell. */
    unsigned char memo_len[MEMO_SLOTS]; /* length + 1; 0: empty */
    int memo_code[MEMO_SLOTS];          /* for number columns: whether it parsed, into memo_num */
    double memo_num[MEMO_SLOTS];
    char memo[MEMO_SLOTS][MEMO];
    sv_strmap *unknown; /* raw -> index into report unknowns */
    sv_strmap *pii;     /* raw -> index into report pii cells */
    /* A single-choice question spread over a column per option (SurveyMonkey's expanded
     * export): spread is 1 + the first column of its run, 0 for any other column; opt_norm
     * the option's label normalised, the only value the column may hold; opt_label for
     * messages. The run's first column keeps the last row in which one of them was filled
     * (1 + row) and which. */
    size_t spread;
    char *opt_norm, *opt_label;
    size_t filled_row;
    size_t filled_col;
    sv_slash_order order;
    int order_known;
    rawstat raw;
    int rid;       /* the respondent_id column (counted for the BSN guard) */
    int pseudo;    /* stored as its pseudonym (sv_table_set_key) */
    sv_dircol dir; /* on a scale whose direction the data must confirm: how values were read */
    int positive;  /* the weight (gewicht): a number 0 or below is no value but an error */
} column;

/* The platform's metadata columns: Qualtrics' Status, Finished and Progress, LimeSurvey's
 * submitdate, SoSci Survey's FINISHED and MODE. */
enum { M_STATUS, M_FINISHED, M_PROGRESS, M_SUBMITDATE, M_MODE, M_KINDS };

typedef struct {
    size_t first, n;
} brec;

typedef struct {
    size_t off, len;
    long line;
} bfield;

typedef struct {
    sv_table *t;
    const char *path;
    const sv_project *proj;
    ceo_error *err;
    /* buffered first records */
    char *bbuf;
    size_t blen, bcap;
    brec *recs;
    size_t nrecs, recs_cap;
    bfield *bf;
    size_t nbf, bf_cap;
    int ready;
    sv_csv_info info;
    /* layout */
    size_t ncols;
    column *cols;
    int header_rows;
    /* scratch */
    sv_buf u, nb, db;
    sv_field *tmp;
    size_t tmp_cap;
    /* report */
    sv_report *rep;
    size_t unk_cap, bad_cap, pii_cap;
    sv_pii *pii;       /* made when the first category value is read */
    sv_pii *pii_names; /* the same with names, for unrecognised values (sv_table_set_wordlist) */
    int saw_utf8;
    int sav;   /* an SPSS system file: header rows are names and labels */
    int sosci; /* SoSci Survey: options coded 1 not chosen / 2 chosen, -9 unanswered */
    unsigned long long size; /* bytes of the CSV input when known (regular file or memory) */
    sv_sav_info sinfo;

    int by_code; /* the last scale value was read through a numeric code */
    /* the platform's metadata columns (see find_meta), -1 when absent */
    int has_meta, m_col[M_KINDS];
    char *m_name[M_KINDS]; /* their names as the header says them, UTF-8 */
    sv_strmap *m_seen;     /* column + raw value -> index into rep->meta */
    size_t meta_cap;
    int year;                 /* the current year (sv_table_set_year, else the clock's) */
    long long date_end;       /* dates from here on (1 January of year + 2) are typos */
    long rid_values, rid_bsn; /* respondent ids read, and of those BSNs (the elfproef) */
    int rid_col;              /* 1-based column of the respondent ids, 0 when none */
} rstate;

/* ---------- small helpers ---------- */

static int fail_oom(rstate *s, long line)
{
    ceo_error_set(s->err, CEO_ENOMEM, s->path, line, 0, "out of memory");
    return 1;
}

static int eq_ci(const char *a, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (n != m)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = lit[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (x != y)
            return 0;
    }
    return 1;
}

/* Converts to UTF-8 into s->u, noting a Windows-1252 fallback for the report. Returns 0, -1
 * when out of memory, or -2 (with the error set) for bytes that are text in neither encoding:
 * C0 control characters other than tab, CR, LF and form feed, and the five bytes
 * Windows-1252 leaves undefined. */
static int to_utf8(rstate *s, const char *p, size_t n, long line, long col)
{
    int fb = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f') {
            ceo_error_set(s->err, CEO_EDATA, s->path, line, col,
                          "control byte 0x%02X in the data; is this a text (CSV) file?", c);
            return -2;
        }
    }
    if (sv_to_utf8(&s->u, p, n, &fb) != 0)
        return -1;
    if (fb) {
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)p[i];
            if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D) {
                ceo_error_set(s->err, CEO_EDATA, s->path, line, col,
                              "byte 0x%02X is neither UTF-8 nor Windows-1252 text", c);
                return -2;
            }
        }
        if (s->rep->cp1252_values++ == 0) {
            s->rep->cp1252_line = line;
            s->rep->cp1252_col = col;
        }
    } else if (!s->saw_utf8) {
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)p[i] >= 0x80) {
                s->saw_utf8 = 1;
                break;
            }
    }
    return 0;
}

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
        if (eq_ci(v, n, yes[i]))
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
        if (eq_ci(v, n, no[i]))
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
 * into missing, the unknown group in every output (stats.h, ST_UNKNOWN_GROUP). Returns the code |
 * V_FOLDED, 0 when the value holds none, or -3 when out of memory. */
static int fold_pii(rstate *s, column *c, int scale)
{
    unsigned kinds;
    if (pii_kinds(s, &kinds) != 0)
        return -3;
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
    return g < 0 ? -3 : V_FOLDED | (g + 1);
}

static int cat_code(rstate *s, column *c)
{
    if (nb_missing(s))
        return V_MISSING;
    int folded = fold_pii(s, c, -1);
    if (folded)
        return folded;
    if (sv_clean_display(&s->db, s->u.p, s->u.len) != 0)
        return -3;
    int g = sv_table_group_add(s->t, c->item, s->nb.p, s->nb.len, s->db.p, s->db.len);
    return g < 0 ? -3 : g + 1;
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

/* Codes a value of a cached kind; returns the outcome, or -3 when out of memory. */
static int code_miss(rstate *s, column *c, const sv_field *f, int col1)
{
    if (to_utf8(s, f->data, f->len, f->line, col1) != 0 ||
        sv_norm_value(&s->nb, s->u.p, s->u.len) != 0)
        return -3;
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
    if (to_utf8(s, f->data, f->len, f->line, col1) != 0 ||
        sv_norm_value(&s->nb, s->u.p, s->u.len) != 0)
        return -1;
    return nb_missing(s);
}

/* ---------- platform metadata: test responses and partial ones ---------- */

/* What a metadata cell says: NOTHING for a real, finished response (or an empty cell). */
enum { NOTHING = -1 };

typedef struct {
    int kind; /* sv_meta_kind, or NOTHING */
    const char *what;
} meta_class;

/* Qualtrics' Status ("Response Type"), as text or as the number of a numeric export. A
 * response imported into the platform is kept: regions import the paper questionnaires. */
static meta_class qualtrics_status(const char *p, size_t n)
{
    static const struct {
        const char *text, *alt;
        int code, kind;
        const char *what;
    } st[] = {
        {"ip address", NULL, 0, NOTHING, NULL},
        {"survey preview", "preview", 1, SV_META_LEFT_OUT, "preview"},
        {"survey test", "test", 2, SV_META_LEFT_OUT, "test"},
        {"imported", NULL, 4, SV_META_IMPORTED, "imported"},
        {"spam", NULL, 8, SV_META_LEFT_OUT, "spam"},
        {"preview spam", "survey preview spam", 9, SV_META_LEFT_OUT, "preview"},
        {"imported spam", NULL, 12, SV_META_LEFT_OUT, "spam"},
        {"offline", NULL, 16, NOTHING, NULL},
        {"offline preview", "offline survey preview", 17, SV_META_LEFT_OUT, "preview"},
    };
    double d;
    int num = sv_parse_number(p, n, &d) && d == floor(d);
    for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
        if (num ? d == st[i].code
                : eq_ci(p, n, st[i].text) || (st[i].alt && eq_ci(p, n, st[i].alt)))
            return (meta_class){st[i].kind, st[i].what};
    return (meta_class){SV_META_UNKNOWN, "unknown"};
}

/* Finished (Qualtrics True/False or 1/0; SoSci Survey 1/0). */
static meta_class finished(const char *p, size_t n)
{
    if (eq_ci(p, n, "true") || eq_ci(p, n, "1"))
        return (meta_class){NOTHING, NULL};
    if (eq_ci(p, n, "false") || eq_ci(p, n, "0"))
        return (meta_class){SV_META_PARTIAL, "partial"};
    return (meta_class){SV_META_UNKNOWN, "unknown"};
}

/* Progress in percent (Qualtrics), read only where there is no Finished column. */
static meta_class progress(const char *p, size_t n)
{
    double d;
    if (!sv_parse_number(p, n, &d) || d < 0 || d > 100)
        return (meta_class){SV_META_UNKNOWN, "unknown"};
    return d < 100 ? (meta_class){SV_META_PARTIAL, "partial"} : (meta_class){NOTHING, NULL};
}

static meta_class classify_meta(const rstate *s, int kind, const sv_field *f)
{
    const char *p = f->data;
    size_t n = f->len;
    while (n && (p[0] == ' ' || p[0] == '\t'))
        p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        n--;
    if (kind == M_SUBMITDATE) /* LimeSurvey: no submit date, not submitted */
        return n == 0 ? (meta_class){SV_META_PARTIAL, "partial"} : (meta_class){NOTHING, NULL};
    if (n == 0)
        return (meta_class){NOTHING, NULL};
    switch (kind) {
    case M_STATUS:
        return qualtrics_status(p, n);
    case M_FINISHED:
        return finished(p, n);
    case M_PROGRESS:
        return s->m_col[M_FINISHED] < 0 ? progress(p, n) : (meta_class){NOTHING, NULL};
    case M_MODE: /* SoSci Survey: "pretest" marks the project's own test runs */
        return eq_ci(p, n, "pretest") ? (meta_class){SV_META_LEFT_OUT, "test"}
                                      : (meta_class){NOTHING, NULL};
    }
    return (meta_class){NOTHING, NULL};
}

/* Counts one noted metadata cell in the report (one entry per column and value). */
static int note_meta(rstate *s, int kind, meta_class mc, const sv_field *f)
{
    sv_report *r = s->rep;
    int col = s->m_col[kind], idx;
    if (!s->m_seen && !(s->m_seen = sv_strmap_new()))
        return -1;
    sv_buf key = {0};
    int rc = sv_buf_add(&key, (const char *)&col, sizeof col) != 0 ||
             sv_buf_add(&key, f->data, f->len) != 0;
    if (rc == 0 && !sv_strmap_get(s->m_seen, key.p, key.len, &idx)) {
        if (ceo_grow((void **)&r->meta, &s->meta_cap, r->nmeta + 1, sizeof *r->meta) != 0) {
            sv_buf_free(&key);
            return -1;
        }
        sv_meta *m = &r->meta[r->nmeta];
        memset(m, 0, sizeof *m);
        m->kind = (sv_meta_kind)mc.kind;
        m->what = mc.what;
        m->index = col + 1;
        size_t n = 0;
        if (!(m->column = ceo_strdup(s->m_name[kind])) ||
            sv_to_utf8(&s->u, f->data, f->len, NULL) != 0)
            rc = -1;
        else {
            n = s->u.len > 80 ? 80 : s->u.len;
            while (n && n < s->u.len && ((unsigned char)s->u.p[n] & 0xC0) == 0x80)
                n--;
            if (!(m->value = ceo_strndup(s->u.p, n)))
                rc = -1;
        }
        if (rc != 0) {
            ceo_free((char *)m->column);
            ceo_free((char *)m->value);
        } else {
            idx = (int)r->nmeta++;
            rc = sv_strmap_put(s->m_seen, key.p, key.len, idx);
        }
    }
    sv_buf_free(&key);
    if (rc != 0)
        return -1;
    sv_meta *m = &r->meta[idx];
    if (m->count < 5)
        m->lines[m->count] = f->line;
    m->count++;
    return 0;
}

/* Reads the metadata cells of a data record. Returns 1 when the response is left out (a
 * preview, a test, spam), 0 when it is a respondent (counted when partial, imported or of a
 * status ceo does not know), -1 when out of memory. */
static int meta_record(rstate *s, const sv_field *f)
{
    meta_class mc[M_KINDS];
    int left = 0, partial = 0, unknown = 0;
    for (int k = 0; k < M_KINDS; k++) {
        mc[k].kind = NOTHING;
        if (s->m_col[k] >= 0)
            mc[k] = classify_meta(s, k, &f[s->m_col[k]]);
        left |= mc[k].kind == SV_META_LEFT_OUT;
    }
    for (int k = 0; k < M_KINDS; k++) {
        /* a left-out response is only that; its other metadata say nothing more */
        if (mc[k].kind == NOTHING || (left && mc[k].kind != SV_META_LEFT_OUT))
            continue;
        if (note_meta(s, k, mc[k], &f[s->m_col[k]]) != 0)
            return -1;
        partial |= mc[k].kind == SV_META_PARTIAL;
        unknown |= mc[k].kind == SV_META_UNKNOWN;
    }
    if (left) {
        s->rep->left_out++;
        return 1;
    }
    s->rep->partial += partial;
    s->rep->meta_unknown += unknown;
    return 0;
}

/* ---------- one data record ---------- */

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

static int store_value(rstate *s, column *c, const sv_field *f, int col1, size_t row)
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
            if (to_utf8(s, f->data, f->len, f->line, col1) != 0)
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
            if (v == -3 || sv_strmap_put(c->cache, f->data, f->len, v) != 0)
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
static int raw_observe(rstate *s, column *c, const sv_field *f, int col1)
{
    rawstat *r = &c->raw;
    if (sv_is_blank(f->data, f->len))
        return 0;
    int rc = to_utf8(s, f->data, f->len, f->line, col1);
    if (rc != 0)
        return rc == -1 ? fail_oom(s, f->line) : 1;
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
        return fail_oom(s, f->line);
    if (strstr(s->nb.p, "eens"))
        r->eens++;
    static const char *const yn[] = {"ja", "nee", "yes", "no", "j", "n", "y", "true", "false"};
    for (size_t i = 0; i < sizeof yn / sizeof yn[0]; i++)
        if (strcmp(s->nb.p, yn[i]) == 0)
            r->yesno++;
    int dummy;
    if (!r->distinct && !(r->distinct = sv_strmap_new()))
        return fail_oom(s, f->line);
    if (!sv_strmap_get(r->distinct, s->nb.p, s->nb.len, &dummy)) {
        if (sv_strmap_count(r->distinct) >= RAW_DISTINCT)
            r->many = 1;
        else if (sv_strmap_put(r->distinct, s->nb.p, s->nb.len, 1) != 0)
            return fail_oom(s, f->line);
    }
    return 0;
}

/* Column j of a single-choice question spread over option columns is filled in this row:
 * returns 1 with the error set when another of its options was filled too. */
static int spread_twice(rstate *s, size_t j, const sv_field *f, long row)
{
    column *c = &s->cols[j], *first = &s->cols[c->spread - 1];
    if (first->filled_row != (size_t)row + 1) {
        first->filled_row = (size_t)row + 1;
        first->filled_col = j;
        return 0;
    }
    column *o = &s->cols[first->filled_col];
    ceo_error_set(s->err, CEO_EDATA, s->path, f[j].line, (long)j + 1,
                  "%s allows one answer, but this row fills both '%s' (column %zu) and '%s' "
                  "(column %zu)",
                  sv_codebook_item(s->t->cb, (size_t)c->item)->id, o->opt_label,
                  first->filled_col + 1, c->opt_label, j + 1);
    return 1;
}

static int data_record(rstate *s, const sv_field *f, size_t n)
{
    int blank = 1;
    for (size_t i = 0; i < n && blank; i++)
        blank = sv_is_blank(f[i].data, f[i].len);
    if (blank)
        return 0;
    if (n > s->ncols) {
        for (size_t i = s->ncols; i < n; i++)
            if (!sv_is_blank(f[i].data, f[i].len)) {
                ceo_error_set(s->err, CEO_EDATA, s->path, f[i].line, (long)i + 1,
                              "this row has %zu fields but the header has %zu columns", n,
                              s->ncols);
                return 1;
            }
    } else if (n < s->ncols) {
        ceo_error_set(s->err, CEO_EDATA, s->path, f[n - 1].line, (long)n,
                      "this row has %zu fields but the header has %zu columns%s", n, s->ncols,
                      n == 1 ? " (is the delimiter the same in every row?)" : "");
        return 1;
    }
    if (s->t->cb && s->has_meta) {
        int left = meta_record(s, f);
        if (left < 0)
            return fail_oom(s, f[0].line);
        if (left)
            return 0;
    }
    s->rep->respondents++;
    if (!s->t->cb) {
        for (size_t j = 0; j < s->ncols; j++)
            if (raw_observe(s, &s->cols[j], &f[j], (int)j + 1) != 0)
                return 1;
        return 0;
    }
    long row = sv_table_add_row(s->t);
    if (row < 0)
        return fail_oom(s, f[0].line);
    long unknown_before = s->rep->unknown_cells;
    for (size_t j = 0; j < s->ncols; j++) {
        column *c = &s->cols[j];
        if (c->kind == C_SKIP)
            continue;
        if (c->spread && !sv_is_blank(f[j].data, f[j].len) && spread_twice(s, j, f, row))
            return 1;
        if (store_value(s, c, &f[j], (int)j + 1, (size_t)row) != 0)
            return fail_oom(s, f[j].line);
    }
    if (s->rep->unknown_cells != unknown_before) {
        sv_report *r = s->rep;
        size_t cap = s->bad_cap;
        if (ceo_grow((void **)&r->bad_rows, &cap, r->nbad + 1, sizeof *r->bad_rows) != 0 ||
            ceo_grow((void **)&r->bad_lines, &s->bad_cap, r->nbad + 1, sizeof *r->bad_lines) != 0)
            return fail_oom(s, f[0].line);
        r->bad_rows[r->nbad] = (size_t)row;
        r->bad_lines[r->nbad++] = f[0].line;
    }
    return 0;
}

/* ---------- layout: header rows, mapping ---------- */

static sv_field bfield_at(const rstate *s, size_t rec, size_t j)
{
    sv_field f = {"", 0, 0};
    if (rec < s->nrecs && j < s->recs[rec].n) {
        const bfield *b = &s->bf[s->recs[rec].first + j];
        f.data = s->bbuf + b->off;
        f.len = b->len;
        f.line = b->line;
    }
    return f;
}

/* Qualtrics' third header row: {"ImportId":"QID4_1"}, or in older exports a bare QID4_1. */
static int is_import_id(const sv_field *f)
{
    if (f->len >= 12 && memcmp(f->data, "{\"ImportId\"", 11) == 0)
        return 1;
    if (f->len < 4 || memcmp(f->data, "QID", 3) != 0 || f->data[3] < '0' || f->data[3] > '9')
        return 0;
    for (size_t i = 4; i < f->len; i++)
        if (!((f->data[i] >= '0' && f->data[i] <= '9') || f->data[i] == '_' ||
              (f->data[i] >= 'A' && f->data[i] <= 'Z') || (f->data[i] >= 'a' && f->data[i] <= 'z')))
            return 0;
    return 1;
}

static int is_sm_marker(const char *p, size_t n)
{
    return eq_ci(p, n, "response") || eq_ci(p, n, "open-ended response");
}

/* Whether column j holds nothing but blanks and the value f in the buffered records after r:
 * a column per option, where each row that chose the option repeats its label. */
static int option_column(const rstate *s, size_t r, size_t j, const sv_field *f)
{
    for (size_t k = r + 1; k < s->nrecs; k++) {
        sv_field g = bfield_at(s, k, j);
        if (!sv_is_blank(g.data, g.len) &&
            !(g.len == f->len && memcmp(g.data, f->data, f->len) == 0))
            return 0;
    }
    return 1;
}

/* Whether buffered record r (r >= 1) is another header row rather than the first data row:
 * header cells are texts that never recur below; data cells are numbers, dates, known
 * answers, or values that recur in the rows below. A row that starts with an empty cell
 * under a named first column is SurveyMonkey's second header row when it names the options
 * of columns per option (its expanded export: each row that chose the option repeats the
 * label, so it recurs) along with its markers. */
static int is_header_row(rstate *s, size_t r)
{
    long hl = 0, dl = 0;
    const sv_codebook *cb = s->t->cb;
    sv_field lead = bfield_at(s, r, 0), top = bfield_at(s, 0, 0);
    int sm_row = sv_is_blank(lead.data, lead.len) && !sv_is_blank(top.data, top.len);
    for (size_t j = 0; j < s->ncols; j++) {
        sv_field f = bfield_at(s, r, j);
        if (sv_is_blank(f.data, f.len))
            continue;
        double d;
        long long secs;
        if (is_sm_marker(f.data, f.len)) {
            hl += 3;
            continue;
        }
        if (sm_row && option_column(s, r, j, &f)) {
            hl++;
            continue;
        }
        if (sv_parse_number(f.data, f.len, &d) ||
            sv_parse_date(f.data, f.len, SV_SLASH_MONTH_FIRST, &secs) ||
            sv_parse_date(f.data, f.len, SV_SLASH_DAY_FIRST, &secs)) {
            dl++;
            continue;
        }
        int recurs = 0;
        for (size_t k = r + 1; k < s->nrecs && k < r + 25 && !recurs; k++) {
            sv_field g = bfield_at(s, k, j);
            recurs = g.len == f.len && g.len && memcmp(g.data, f.data, f.len) == 0;
        }
        if (recurs) {
            dl++;
            continue;
        }
        sv_field above = bfield_at(s, r - 1, j);
        if (sv_is_blank(above.data, above.len)) {
            hl++;
            continue;
        }
        if (cb) {
            if (sv_to_utf8(&s->u, f.data, f.len, NULL) != 0 ||
                sv_norm_header(&s->nb, s->u.p, s->u.len) != 0)
                return 0;
            int rank;
            if (sv_codebook_match_header(cb, s->nb.p, s->nb.len, &rank) >= 0) {
                hl++;
                continue;
            }
            if (sv_norm_value(&s->nb, s->u.p, s->u.len) != 0)
                return 0;
            if (sv_codebook_missing(cb, s->nb.p, s->nb.len) != SV_MISSING_NONE) {
                dl++;
                continue;
            }
            for (size_t k = 0; sv_codebook_scale(cb, (int)k); k++)
                if (sv_codebook_spelling(cb, (int)k, s->nb.p, s->nb.len) >= 0) {
                    dl++;
                    break;
                }
        }
    }
    return hl > dl;
}

/* Legacy Qualtrics names its first columns V1, V2, V3, ... and puts the names in row 2. */
static int legacy_qualtrics(const rstate *s)
{
    static const char *const v[3] = {"V1", "V2", "V3"};
    if (s->ncols < 3)
        return 0;
    for (size_t j = 0; j < 3; j++) {
        sv_field f = bfield_at(s, 0, j);
        if (f.len != 2 || memcmp(f.data, v[j], 2) != 0)
            return 0;
    }
    return 1;
}

static int detect_header_rows(rstate *s)
{
    if (s->nrecs >= 3)
        for (size_t j = 0; j < s->ncols; j++) {
            sv_field f = bfield_at(s, 2, j);
            if (is_import_id(&f))
                return 3;
        }
    if (s->nrecs >= 2 && legacy_qualtrics(s))
        return 2;
    if (s->nrecs >= 2 && is_header_row(s, 1))
        return s->nrecs >= 3 && is_header_row(s, 2) ? 3 : 2;
    return 1;
}

#define SOSCI_SURVEY "SoSci Survey"

static const char *guess_platform(rstate *s)
{
    int has[8] = {0};
    enum { QUALTRICS, SM, LIME, KOBO, SOSCI, LIMECODE };
    for (size_t j = 0; j < s->ncols; j++) {
        sv_field f = bfield_at(s, 0, j);
        const char *p = f.data;
        size_t n = f.len;
        if (eq_ci(p, n, "responseid") || eq_ci(p, n, "recordeddate") ||
            eq_ci(p, n, "distributionchannel"))
            has[QUALTRICS] = 1;
        /* "Respondent ID" alone is common in bureaus' files; Collector ID is SurveyMonkey's. */
        if (eq_ci(p, n, "collector id"))
            has[SM] = 1;
        if (eq_ci(p, n, "submitdate") || eq_ci(p, n, "startlanguage") || eq_ci(p, n, "lastpage"))
            has[LIME] = 1;
        /* its full-text export, in English or Dutch */
        if (eq_ci(p, n, "date submitted") || eq_ci(p, n, "datum verstuurd"))
            has[LIME] = 1;
        if (eq_ci(p, n, "_uuid") || eq_ci(p, n, "_submission_time") || eq_ci(p, n, "_index"))
            has[KOBO] = 1;
        if (eq_ci(p, n, "questnnr")) /* SoSci's questionnaire code: no other platform has it */
            has[SOSCI] = 1;
        if (n > 4 && memchr(p, '[', n) && p[n - 1] == ']' && memchr(p, ' ', n) == NULL)
            has[LIMECODE] = 1;
    }
    if (s->header_rows == 3 || has[QUALTRICS])
        return "Qualtrics";
    if (legacy_qualtrics(s))
        return "Qualtrics (legacy export)";
    if (has[SM])
        return "SurveyMonkey";
    if (has[SOSCI]) /* before LimeSurvey: SoSci has a LASTPAGE column too */
        return SOSCI_SURVEY;
    if (has[LIME] || has[LIMECODE])
        return "LimeSurvey";
    if (has[KOBO])
        return "KoboToolbox/ODK";
    if (s->header_rows == 2)
        return "SurveyMonkey-style (2 header rows)";
    if (s->info.delimiter == ';')
        return "spreadsheet (Dutch Excel style)";
    return "generic CSV";
}

/* Finds the columns in which the platform marks previews, tests, spam and partial responses,
 * by their names in the first two header rows (Qualtrics' legacy export names them in the
 * second). Only on the platform that writes them: elsewhere a "Status" or "Finished" column may
 * mean anything. Returns 0, or -1 when out of memory. */
static int find_meta(rstate *s)
{
    static const struct {
        int kind;
        const char *platform; /* the start of rep->platform */
        const char *names[3];
    } known[] = {
        {M_STATUS, "Qualtrics", {"status", "response type", NULL}},
        {M_FINISHED, "Qualtrics", {"finished", NULL, NULL}},
        {M_PROGRESS, "Qualtrics", {"progress", NULL, NULL}},
        {M_SUBMITDATE, "LimeSurvey", {"submitdate", "date submitted", "datum verstuurd"}},
        {M_FINISHED, SOSCI_SURVEY, {"finished", NULL, NULL}},
        {M_MODE, SOSCI_SURVEY, {"mode", NULL, NULL}},
    };
    const char *platform = s->rep->platform;
    for (size_t j = 0; j < s->ncols; j++)
        for (size_t r = 0; r < 2 && r < (size_t)s->header_rows; r++) {
            sv_field h = bfield_at(s, r, j);
            while (h.len && (h.data[0] == ' ' || h.data[0] == '\t'))
                h.data++, h.len--;
            while (h.len && (h.data[h.len - 1] == ' ' || h.data[h.len - 1] == '\t'))
                h.len--;
            for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
                int k = known[i].kind;
                if (s->m_col[k] >= 0 ||
                    strncmp(platform, known[i].platform, strlen(known[i].platform)) != 0)
                    continue;
                for (int a = 0; a < 3 && known[i].names[a]; a++)
                    if (eq_ci(h.data, h.len, known[i].names[a])) {
                        if (!(s->m_name[k] = ceo_strndup(h.data, h.len)))
                            return -1;
                        s->m_col[k] = (int)j;
                        s->has_meta = 1;
                        break;
                    }
            }
        }
    return 0;
}

/* The header rows of column j, in UTF-8: parts[k] for k < header_rows; SurveyMonkey markers
 * and the Qualtrics ImportId row are left out (empty). Row 1 is filled forward where a
 * matrix question continues. */
static int header_parts(rstate *s, size_t j, sv_buf parts[3])
{
    for (int k = 0; k < s->header_rows; k++) {
        sv_field f = bfield_at(s, (size_t)k, j);
        if (k == 0 && s->header_rows >= 2 && sv_is_blank(f.data, f.len)) {
            sv_field below = bfield_at(s, 1, j);
            for (size_t b = j; b-- > 0 && !sv_is_blank(below.data, below.len);) {
                sv_field left = bfield_at(s, 0, b);
                if (!sv_is_blank(left.data, left.len)) {
                    f = left;
                    break;
                }
            }
        }
        if ((k > 0 && is_sm_marker(f.data, f.len)) || is_import_id(&f))
            f.len = 0;
        if (to_utf8(s, f.data, f.len, f.line, (long)j + 1) != 0 ||
            sv_clean_display(&parts[k], s->u.p, s->u.len) != 0)
            return -1;
    }
    for (int k = s->header_rows; k < 3; k++)
        if (sv_buf_set(&parts[k], "", 0) != 0)
            return -1;
    return 0;
}

static int try_match(rstate *s, const char *text, size_t n, int *best, int *rank)
{
    if (!n)
        return 0;
    if (sv_norm_header(&s->nb, text, n) != 0)
        return -1;
    int r, item = sv_codebook_match_header(s->t->cb, s->nb.p, s->nb.len, &r);
    if (item >= 0 && (*best < 0 || r < *rank)) {
        *best = item;
        *rank = r;
    }
    return 0;
}

/* A header as R's write.csv leaves it after make.names(): no spaces, every character that is
 * not a letter, digit, '.' or '_' turned into '.' ("Ik.werd.snel.geholpen."). Such a header is
 * matched once more with its dots read as spaces, when it matched nothing as it is. */
static int r_dotted(const char *p, size_t n)
{
    size_t dots = 0, letters = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch == '.')
            dots++;
        else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80)
            letters++;
        else if (!(ch >= '0' && ch <= '9') && ch != '_')
            return 0;
    }
    return dots >= 2 && letters > dots;
}

static int try_match_r_dotted(rstate *s, const char *p, size_t n, int *best, int *rank)
{
    if (!r_dotted(p, n))
        return 0;
    char *sp = ceo_strndup(p, n);
    if (!sp)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (sp[i] == '.')
            sp[i] = ' ';
    int rc = try_match(s, sp, n, best, rank);
    ceo_free(sp);
    return rc;
}

/* Where a sub-item may stand in a header part: after the last " - " or ": ", inside the last
 * "[...]", after the last "/". Returns how many spans it found (at most 4). */
static size_t sub_spans(const char *p, size_t n, const char **starts, size_t *lens)
{
    size_t nc = 0;
    const char *after = NULL;
    for (size_t i = 0; i + 2 <= n; i++) {
        if (i + 3 <= n && memcmp(p + i, " - ", 3) == 0)
            after = p + i + 3;
        else if (memcmp(p + i, ": ", 2) == 0)
            after = p + i + 2;
    }
    if (after) {
        starts[nc] = after;
        lens[nc++] = n - (size_t)(after - p);
    }
    const char *lb = NULL;
    for (size_t i = 0; i < n; i++)
        if (p[i] == '[')
            lb = p + i + 1;
    const char *rb = lb ? memchr(lb, ']', n - (size_t)(lb - p)) : NULL;
    if (lb && rb) {
        starts[nc] = lb;
        lens[nc++] = (size_t)(rb - lb);
    }
    const char *sl = NULL;
    for (size_t i = 0; i < n; i++)
        if (p[i] == '/')
            sl = p + i + 1;
    if (sl) {
        starts[nc] = sl;
        lens[nc++] = n - (size_t)(sl - p);
    }
    return nc;
}

/* The option a per-option column of multi-select item `item` stands for (>= 0); -1 when the
 * header names no sub-item (the options are joined in one cell); -2 when it names a sub-item
 * that is no option (the free text of "other, namely", say); -3 when out of memory. */
static int find_option(rstate *s, int item, sv_buf parts[3])
{
    const sv_codebook *cb = s->t->cb;
    int scale = sv_codebook_item(cb, (size_t)item)->scale;
    int has_sub = 0;
    for (int k = 2; k >= 0; k--) {
        const char *p = parts[k].p;
        size_t n = parts[k].len;
        if (!n)
            continue;
        const char *cands[5];
        size_t lens[5], nc = sub_spans(p, n, cands, lens);
        /* A second or third header row that does not itself ask the question is a sub-item
         * as a whole (SurveyMonkey puts the option there). */
        if (k > 0) {
            int rank;
            if (sv_norm_header(&s->nb, p, n) != 0)
                return -3;
            if (sv_codebook_match_header(cb, s->nb.p, s->nb.len, &rank) != item) {
                cands[nc] = p;
                lens[nc++] = n;
            }
        }
        for (size_t c = 0; c < nc; c++) {
            if (sv_norm_value(&s->nb, cands[c], lens[c]) != 0)
                return -3;
            if (s->nb.len == 0)
                continue;
            int o = sv_codebook_spelling(cb, scale, s->nb.p, s->nb.len);
            if (o >= 0)
                return o;
            if (strcmp(s->nb.p, "selected choice") != 0 && !strstr(s->nb.p, "meerdere antwoorden"))
                has_sub = 1;
        }
    }
    /* A Qualtrics code such as Q12_3: option with code 3. */
    const char *p = parts[0].p;
    size_t n = parts[0].len;
    const char *us = NULL;
    for (size_t i = 0; i < n; i++)
        if (p[i] == '_')
            us = p + i + 1;
    double d;
    if (us && sv_parse_number(us, n - (size_t)(us - p), &d)) {
        const sv_scale *sc = sv_codebook_scale(cb, scale);
        for (size_t i = 0; i < sc->ncats; i++)
            if (sc->cats[i].code != SV_NO_CODE && (double)sc->cats[i].code == d)
                return (int)i;
    }
    return has_sub ? -2 : -1;
}

/* The item [kolommen] names for a column whose header rows are parts[0..2] and whose display
 * header (the rows joined by " - ", as ceo check --write-config writes it) is disp; -1 when
 * none, -2 when it names an item the codebook lacks (error set). */
static int project_mapping(rstate *s, sv_buf parts[3], const sv_buf *disp)
{
    size_t n = sv_project_count(s->proj, "kolommen");
    for (size_t i = 0; i < n; i++) {
        const char *key, *value;
        long line;
        sv_project_entry(s->proj, "kolommen", i, &key, &value, &line);
        for (int k = 0; k < 4; k++) {
            const sv_buf *text = k < 3 ? &parts[k] : disp;
            if (!text->len)
                continue;
            sv_buf a = {0}, b = {0};
            int same = sv_norm_header(&a, text->p, text->len) == 0 &&
                       sv_norm_header(&b, key, strlen(key)) == 0 && a.len == b.len &&
                       memcmp(a.p, b.p, a.len) == 0;
            sv_buf_free(&a);
            sv_buf_free(&b);
            if (same) {
                int item = sv_codebook_find(s->t->cb, value);
                if (item < 0) {
                    ceo_error_set(s->err, CEO_EDATA, sv_project_file(s->proj), line, 0,
                                  "[kolommen] maps '%s' to '%s', which is not in the codebook", key,
                                  value);
                    return -2;
                }
                return item;
            }
        }
    }
    return -1;
}

static int kind_of(sv_type t)
{
    switch (t) {
    case SV_T_ID:
        return C_ID;
    case SV_T_DATUM:
        return C_DATE;
    case SV_T_CATEGORIE:
        return C_CAT;
    case SV_T_GETAL:
        return C_NUM;
    case SV_T_CIJFER:
        return C_MARK;
    case SV_T_SCORE:
        return C_SCORE;
    case SV_T_LIKERT:
    case SV_T_JANEE:
    case SV_T_ENKEL:
        return C_SCALE;
    case SV_T_MEER:
        return C_MULTI;
    case SV_T_TEKST:
        return C_TEXT;
    }
    return C_SKIP;
}

/* Whether a SurveyMonkey option label is the free text of "other": "Other (please specify)",
 * "Anders, namelijk". */
static int other_specify(const char *norm)
{
    return strstr(norm, "specify") || strstr(norm, "namelijk");
}

/* SurveyMonkey's expanded export spreads a single-choice question over a column per option:
 * row 1 holds the question above the first of them and is blank above the rest, row 2 holds
 * each option's label, and a respondent's answer is the label in the column of the option
 * chosen. Such a run of columns that all map to one single-choice item (by the question the
 * blank row-1 cells continue) becomes one item: each column may hold only its own label
 * (code_miss), and at most one of them per row (spread_twice). A column of the free text of
 * "other" is left out of the run. Returns 0, or -1 when out of memory. */
static int spread_options(rstate *s)
{
    if (s->header_rows != 2 || s->sav)
        return 0;
    sv_buf label = {0};
    int rc = 0;
    for (size_t j = 0; j < s->ncols && rc == 0;) {
        column *c = &s->cols[j];
        sv_field q = bfield_at(s, 0, j);
        size_t end = j + 1;
        if (c->item >= 0 && (c->kind == C_SCALE || c->kind == C_CAT) && !sv_is_blank(q.data, q.len))
            for (; end < s->ncols && s->cols[end].item == c->item; end++) {
                sv_field up = bfield_at(s, 0, end);
                if (!sv_is_blank(up.data, up.len))
                    break;
            }
        int labels = end - j >= 2;
        for (size_t k = j; k < end && labels; k++) {
            sv_field f = bfield_at(s, 1, k);
            labels = !sv_is_blank(f.data, f.len) && !is_sm_marker(f.data, f.len);
        }
        for (size_t k = j; k < end && labels && rc == 0; k++) {
            column *o = &s->cols[k];
            sv_field f = bfield_at(s, 1, k);
            if (to_utf8(s, f.data, f.len, f.line, (long)k + 1) != 0 ||
                sv_clean_display(&label, s->u.p, s->u.len) != 0 ||
                sv_norm_value(&s->nb, s->u.p, s->u.len) != 0) {
                rc = -1;
                break;
            }
            if (other_specify(s->nb.p)) {
                o->note = "the free text of 'other' in a single-choice question spread over a "
                          "column per option";
                o->item = -1;
                o->kind = C_SKIP;
                continue;
            }
            o->spread = j + 1;
            if (!(o->opt_norm = ceo_strndup(s->nb.p, s->nb.len)) ||
                !(o->opt_label = ceo_strndup(label.p, label.len)))
                rc = -1;
        }
        j = end;
    }
    sv_buf_free(&label);
    return rc;
}

static int map_columns(rstate *s)
{
    sv_buf parts[3] = {{0}, {0}, {0}};
    int rc = 0;
    for (size_t j = 0; j < s->ncols && rc == 0; j++) {
        column *c = &s->cols[j];
        c->item = c->option = c->dir.item = -1;
        if (header_parts(s, j, parts) != 0) {
            rc = -1;
            break;
        }
        /* Display: the text rows joined with " - ". */
        sv_buf disp = {0};
        for (int k = 0; k < 3 && rc == 0; k++)
            if (parts[k].len && (disp.len == 0 || sv_buf_add(&disp, " - ", 3) == 0))
                rc = sv_buf_add(&disp, parts[k].p, parts[k].len);
        if (rc == 0 && disp.len == 0) {
            char tmp[32];
            int tl = snprintf(tmp, sizeof tmp, "(no name)");
            rc = sv_buf_set(&disp, tmp, (size_t)tl);
        }
        if (rc != 0 || !(c->header = ceo_strndup(disp.p, disp.len))) {
            sv_buf_free(&disp);
            rc = -1;
            break;
        }
        if (!s->t->cb) {
            sv_buf_free(&disp);
            continue;
        }
        int item = s->proj ? project_mapping(s, parts, &disp) : -1, rank = -1;
        if (item == -2) {
            sv_buf_free(&disp);
            rc = -2;
            break;
        }
        if (item < 0) {
            size_t last = 0;
            for (int k = 0; k < 3; k++)
                if (parts[k].len)
                    last = (size_t)k;
            if (try_match(s, disp.p, disp.len, &item, &rank) != 0 ||
                try_match(s, parts[last].p, parts[last].len, &item, &rank) != 0 ||
                try_match(s, parts[0].p, parts[0].len, &item, &rank) != 0 ||
                (item < 0 && s->header_rows == 1 &&
                 try_match_r_dotted(s, parts[0].p, parts[0].len, &item, &rank) != 0))
                rc = -1;
        }
        sv_buf_free(&disp);
        if (rc != 0 || item < 0)
            continue;
        const sv_item *it = sv_codebook_item(s->t->cb, (size_t)item);
        c->item = item;
        c->rank = rank;
        c->kind = kind_of(it->type);
        c->positive = strcmp(it->id, "gewicht") == 0;
        if (it->type == SV_T_MEER) {
            int o = find_option(s, item, parts);
            if (o == -3) {
                rc = -1;
            } else if (o >= 0) {
                c->option = o;
                c->kind = C_OPTION;
            } else if (o == -2) {
                c->note = "a sub-item of a multi-select question that names none of its options "
                          "(free text of 'other'?)";
                c->item = c->option = -1;
                c->kind = C_SKIP;
            }
        }
    }
    for (int k = 0; k < 3; k++)
        sv_buf_free(&parts[k]);
    if (rc != 0)
        return rc;
    if (spread_options(s) != 0)
        return -1;
    /* One column per item (per option): the most specific pattern wins, then the leftmost. */
    for (size_t j = 0; j < s->ncols; j++) {
        column *c = &s->cols[j];
        if (c->item < 0)
            continue;
        for (size_t k = 0; k < s->ncols; k++) {
            column *o = &s->cols[k];
            if (k == j || o->item != c->item || o->option != c->option ||
                (c->spread && o->spread == c->spread))
                continue;
            if (o->rank < c->rank || (o->rank == c->rank && k < j)) {
                c->note = "matches the same item as another column, which is used";
                c->item = c->option = -1;
                c->kind = C_SKIP;
                break;
            }
        }
    }
    /* A question spread over option columns is used whole or not at all. */
    for (size_t j = 0; j < s->ncols; j++) {
        column *c = &s->cols[j];
        if (c->spread && c->item < 0)
            for (size_t k = c->spread - 1; k < s->ncols; k++)
                if (s->cols[k].spread == c->spread && s->cols[k].item >= 0) {
                    s->cols[k].note = c->note;
                    s->cols[k].item = -1;
                    s->cols[k].kind = C_SKIP;
                }
    }
    int rid = s->t->cb ? sv_codebook_find(s->t->cb, "respondent_id") : -1;
    for (size_t j = 0; j < s->ncols; j++) {
        column *c = &s->cols[j];
        if (c->item < 0)
            continue;
        if (sv_table_use_item(s->t, c->item) != 0)
            return -1;
        const sv_item *it = sv_codebook_item(s->t->cb, (size_t)c->item);
        if (c->kind == C_ID || c->kind == C_TEXT) {
            c->rid = c->item == rid;
            if (c->rid)
                s->rid_col = (int)j + 1;
            c->pseudo = s->t->key && (c->rid || sv_pseudo_column(s->proj, c->header, it->id));
        }
        if (c->kind == C_SCALE && sv_direction_needed(s->t->cb, it->scale)) {
            c->dir.item = c->item;
            c->dir.column = (int)j + 1;
            c->dir.header = c->header;
        }
        if (c->kind == C_SCALE || c->kind == C_CAT || c->kind == C_MULTI || c->kind == C_OPTION)
            if (!(c->cache = sv_strmap_new()))
                return -1;
    }
    return 0;
}

/* Slash dates: the order that the buffered rows prove, else month first (US platforms). */
static void date_orders(rstate *s)
{
    for (size_t j = 0; j < s->ncols; j++) {
        column *c = &s->cols[j];
        if (c->kind != C_DATE)
            continue;
        for (size_t r = (size_t)s->header_rows; r < s->nrecs && !c->order_known; r++) {
            sv_field f = bfield_at(s, r, j);
            int h = sv_slash_hint(f.data, f.len);
            if (h == 1 || h == 2) {
                c->order = h == 1 ? SV_SLASH_DAY_FIRST : SV_SLASH_MONTH_FIRST;
                c->order_known = 1;
            }
        }
        if (c->order == SV_SLASH_DAY_FIRST)
            s->rep->slash_day_first = 1;
    }
}

/* Sizes the table for the rows the whole input will hold, guessed from its size and the
 * buffered data records, so that the arrays are not doubled and copied some ten times. The
 * field bytes leave out quotes and delimiters, so the guess errs high; pages never written
 * cost no memory. A failure is no error: the arrays then grow as they fill. */
static void reserve_rows(rstate *s)
{
    size_t first = (size_t)s->header_rows, bytes = 0;
    if (s->sav || s->size == 0 || s->nrecs < first + 10 || !s->t->cb)
        return;
    for (size_t r = first; r < s->nrecs; r++)
        for (size_t j = 0; j < s->recs[r].n; j++)
            bytes += s->bf[s->recs[r].first + j].len + 1;
    size_t per_record = bytes / (s->nrecs - first);
    if (per_record < 2)
        per_record = 2;
    unsigned long long rows = s->size / per_record;
    if (rows > ((size_t)1 << 31))
        return;
    (void)sv_table_reserve(s->t, s->t->nrows + (size_t)rows + (size_t)rows / 16);
}

static int setup(rstate *s)
{
    if (s->nrecs == 0) {
        ceo_error_set(s->err, CEO_EDATA, s->path, 1, 1, "the file holds no records");
        return 1;
    }
    s->ncols = s->recs[0].n;
    /* A trailing delimiter on the header line (an empty last name) is no column when the
     * data rows have nothing there either. */
    while (s->ncols > 1) {
        sv_field h = bfield_at(s, 0, s->ncols - 1);
        if (!sv_is_blank(h.data, h.len))
            break;
        int used = 0;
        for (size_t r = 1; r < s->nrecs && !used; r++) {
            sv_field f = bfield_at(s, r, s->ncols - 1);
            used = !sv_is_blank(f.data, f.len);
        }
        if (used)
            break;
        s->ncols--;
    }
    int names = 0;
    for (size_t j = 0; j < s->ncols; j++) {
        sv_field f = bfield_at(s, 0, j);
        double d;
        long long secs;
        if (!sv_is_blank(f.data, f.len) && !sv_parse_number(f.data, f.len, &d) &&
            !sv_parse_date(f.data, f.len, SV_SLASH_MONTH_FIRST, &secs))
            names++;
    }
    if (names == 0) {
        ceo_error_set(s->err, CEO_EDATA, s->path, bfield_at(s, 0, 0).line, 1,
                      "no header row: the first line holds no column names");
        return 1;
    }
    s->cols = ceo_calloc(s->ncols, sizeof *s->cols);
    if (!s->cols)
        return fail_oom(s, 1);
    s->header_rows = s->sav ? 2 : detect_header_rows(s);
    s->rep->header_rows = s->header_rows;
    s->rep->ncols = s->ncols;
    s->rep->platform = s->sav ? "SPSS system file" : guess_platform(s);
    s->sosci = strcmp(s->rep->platform, SOSCI_SURVEY) == 0;
    if (s->t->cb && find_meta(s) != 0)
        return fail_oom(s, 1);
    int rc = map_columns(s);
    if (rc == -2)
        return 1;
    if (rc != 0)
        return fail_oom(s, 1);
    date_orders(s);
    reserve_rows(s);
    s->ready = 1;
    for (size_t r = (size_t)s->header_rows; r < s->nrecs; r++) {
        if (ceo_grow((void **)&s->tmp, &s->tmp_cap, s->recs[r].n, sizeof *s->tmp) != 0)
            return fail_oom(s, 1);
        for (size_t j = 0; j < s->recs[r].n; j++)
            s->tmp[j] = bfield_at(s, r, j);
        if (data_record(s, s->tmp, s->recs[r].n) != 0)
            return 1;
    }
    return 0;
}

static int on_record(void *ctx, const sv_field *f, size_t n, ceo_error *err)
{
    rstate *s = ctx;
    (void)err;
    if (s->ready)
        return data_record(s, f, n);
    int blank = 1;
    for (size_t i = 0; i < n && blank; i++)
        blank = sv_is_blank(f[i].data, f[i].len);
    if (blank) /* also before the header: Excel writes an empty first row as ";;;" */
        return 0;
    if (ceo_grow((void **)&s->recs, &s->recs_cap, s->nrecs + 1, sizeof *s->recs) != 0 ||
        ceo_grow((void **)&s->bf, &s->bf_cap, s->nbf + n, sizeof *s->bf) != 0)
        return fail_oom(s, f[0].line);
    s->recs[s->nrecs].first = s->nbf;
    s->recs[s->nrecs].n = n;
    s->nrecs++;
    for (size_t i = 0; i < n; i++) {
        if (ceo_grow((void **)&s->bbuf, &s->bcap, s->blen + f[i].len + 1, 1) != 0)
            return fail_oom(s, f[i].line);
        bfield *b = &s->bf[s->nbf++];
        b->off = s->blen;
        b->len = f[i].len;
        b->line = f[i].line;
        memcpy(s->bbuf + s->blen, f[i].data, f[i].len);
        s->blen += f[i].len;
        s->bbuf[s->blen++] = '\0';
    }
    if (s->nrecs == SNIFF_RECORDS)
        return setup(s);
    return 0;
}

static const char *raw_type(const rawstat *r)
{
    if (r->nonblank == 0)
        return "empty";
    if (r->date * 10 >= r->nonblank * 9)
        return "date";
    if (r->number * 10 >= r->nonblank * 9)
        return "number";
    if (r->eens * 2 >= r->nonblank && !r->many)
        return "likert";
    if (r->yesno * 10 >= r->nonblank * 9 && !r->many)
        return "yes/no";
    if (!r->many && r->distinct && sv_strmap_count(r->distinct) * 2 <= (size_t)r->nonblank)
        return "category";
    return "text";
}

static void finish_report(rstate *s)
{
    sv_report *r = s->rep;
    r->delimiter = s->info.delimiter;
    r->crlf = s->info.crlf;
    r->cr = s->info.cr;
    r->sep_line = s->info.sep_line;
    if (s->sav) {
        r->format = s->sinfo.format;
        snprintf(r->file_encoding, sizeof r->file_encoding, "%s%s", s->sinfo.encoding,
                 r->cp1252_values ? "; some texts read as Windows-1252" : "");
        snprintf(r->weight, sizeof r->weight, "%s", s->sinfo.weight);
        r->encoding = r->file_encoding;
        r->sets = s->sinfo.sets;
        r->nsets = s->sinfo.nsets;
        s->sinfo.sets = NULL;
        s->sinfo.nsets = 0;
    } else if (r->cp1252_values && s->saw_utf8)
        r->encoding = "UTF-8 with some Windows-1252 values";
    else if (r->cp1252_values)
        r->encoding = "Windows-1252";
    else
        r->encoding = s->info.bom ? "UTF-8 with BOM" : "UTF-8";
    r->cols = ceo_calloc(s->ncols ? s->ncols : 1, sizeof *r->cols);
    if (!r->cols)
        return;
    for (size_t j = 0; j < s->ncols; j++) {
        column *c = &s->cols[j];
        sv_colinfo *ci = &r->cols[j];
        ci->index = (int)j + 1;
        ci->header = c->header;
        c->header = NULL; /* the report owns it now */
        ci->item = c->item;
        ci->option = c->option;
        ci->choice = c->opt_label;
        c->opt_label = NULL; /* the report owns it now */
        ci->note = c->note;
        ci->type = s->t->cb ? NULL : raw_type(&c->raw);
        if (s->sav && j < s->sinfo.ncols) {
            ci->missing = s->sinfo.missing[j];
            s->sinfo.missing[j] = NULL;
            ci->user_missing = s->sinfo.missing_cells[j];
            r->user_missing += ci->user_missing;
        }
    }
}

/* For each column no pattern placed: the items it resembles by its header and its first
 * values (suggest.c), for ceo check and --write-config. Returns 0, or -1 when out of memory. */
static int suggest_columns(rstate *s)
{
    sv_report *r = s->rep;
    size_t nitems = sv_codebook_nitems(s->t->cb), open = 0;
    for (size_t j = 0; j < s->ncols; j++)
        open += r->cols[j].item < 0 && !r->cols[j].note;
    if (!open)
        return 0;
    unsigned char *taken = ceo_calloc(nitems + 1, 1);
    sv_suggester *sg = taken ? sv_suggester_new(s->t->cb) : NULL;
    int rc = sg ? 0 : -1;
    for (size_t j = 0; j < s->ncols && rc == 0; j++)
        if (r->cols[j].item >= 0)
            taken[r->cols[j].item] = 1;
    for (size_t j = 0; j < s->ncols && rc == 0; j++) {
        sv_colinfo *c = &r->cols[j];
        if (c->item >= 0 || c->note)
            continue;
        sv_profile p;
        memset(&p, 0, sizeof p);
        for (size_t rec = (size_t)s->header_rows; rec < s->nrecs && rc == 0; rec++) {
            sv_field f = bfield_at(s, rec, j);
            rc = sv_to_utf8(&s->u, f.data, f.len, NULL) != 0 ||
                 sv_profile_add(&p, s->t->cb, s->u.p, s->u.len) != 0;
        }
        if (rc == 0 && (c->ncand = sv_suggest_rank(sg, c->header, &p, taken, c->cand)) < 0)
            rc = -1;
        sv_profile_free(&p);
    }
    if (rc == 0)
        sv_suggest_place(r->cols, s->ncols);
    sv_suggester_free(sg);
    ceo_free(taken);
    return rc;
}

/* The options of each multi-select item that the file has a column per option for but no
 * column for some options: those were not asked of its respondents (rows row0 on), neither
 * chosen nor left out. A question in one joined cell offers every option. Noted in the table
 * and the report; returns 0, or -1 when out of memory. */
static int note_unasked(rstate *s, size_t row0)
{
    const sv_codebook *cb = s->t->cb;
    for (size_t j = 0; j < s->ncols; j++) {
        const column *c = &s->cols[j];
        if (c->kind != C_OPTION)
            continue;
        int seen = 0, joined = 0;
        uint32_t offered = 0;
        for (size_t k = 0; k < s->ncols && !seen; k++) {
            const column *o = &s->cols[k];
            if (o->item != c->item)
                continue;
            seen = k < j; /* the item was done at its first column */
            joined |= o->kind == C_MULTI;
            if (o->kind == C_OPTION && o->option < 31)
                offered |= 1u << o->option;
        }
        if (seen || joined)
            continue;
        size_t ncats = sv_codebook_scale(cb, sv_codebook_item(cb, (size_t)c->item)->scale)->ncats;
        uint32_t all = ncats >= 31 ? 0x7FFFFFFFu : (1u << ncats) - 1u, missing = all & ~offered;
        if (!missing)
            continue;
        sv_report *r = s->rep;
        size_t cap = r->nnot_asked;
        if (sv_table_set_unasked(s->t, c->item, row0, s->t->nrows, missing) != 0 ||
            ceo_grow((void **)&r->not_asked, &cap, r->nnot_asked + 1, sizeof *r->not_asked) != 0)
            return -1;
        r->not_asked[r->nnot_asked].item = c->item;
        r->not_asked[r->nnot_asked++].options = missing;
    }
    return 0;
}

/* Asks the data which way the ordinal scales read as numbers run (direction.c). */
static ceo_status check_directions(rstate *s, size_t row0)
{
    sv_dircol *dc = ceo_calloc(s->ncols ? s->ncols : 1, sizeof *dc);
    if (!dc)
        return ceo_error_set(s->err, CEO_ENOMEM, s->path, 0, 0, "out of memory");
    size_t n = 0;
    for (size_t j = 0; j < s->ncols; j++)
        if (s->cols[j].dir.item >= 0)
            dc[n++] = s->cols[j].dir;
    ceo_status st = sv_direction_check(s->t, row0, dc, n, s->path, (s->t->flags & SV_ADVISE) != 0,
                                       s->rep, s->err);
    ceo_free(dc);
    return st;
}

/* A file of which no column maps to a question (only roles, which hold no answers, or
 * nothing at all) is the wrong file: a figure from it would count respondents without a
 * single answer. */
static ceo_status check_questions(rstate *s)
{
    char roles[200] = "";
    size_t len = 0, nroles = 0;
    for (size_t j = 0; j < s->ncols; j++) {
        if (s->cols[j].item < 0)
            continue;
        const sv_item *it = sv_codebook_item(s->t->cb, (size_t)s->cols[j].item);
        if (strcmp(it->section, "rol") != 0 && strcmp(it->section, "contact") != 0)
            return CEO_OK;
        if (len < sizeof roles) {
            int w = snprintf(roles + len, sizeof roles - len, "%s%s", nroles ? ", " : "", it->id);
            len += w > 0 ? (size_t)w : 0;
        }
        nroles++;
    }
    if (nroles)
        return ceo_error_set_about(s->err, SV_ABOUT_COLUMNS, CEO_EDATA, s->path, 0, 0,
                                   "no column of this file matches a question of the codebook, "
                                   "only roles that hold no answers (%s); is it the right file?",
                                   roles);
    return ceo_error_set_about(s->err, SV_ABOUT_COLUMNS, CEO_EDATA, s->path, 0, 0,
                               "no column of this file matches a question of the codebook; is "
                               "it the right file?");
}

static void free_state(rstate *s)
{
    for (size_t j = 0; s->cols && j < s->ncols; j++) {
        ceo_free(s->cols[j].header);
        ceo_free(s->cols[j].opt_norm);
        ceo_free(s->cols[j].opt_label);
        sv_strmap_free(s->cols[j].cache);
        sv_strmap_free(s->cols[j].unknown);
        sv_strmap_free(s->cols[j].pii);
        sv_strmap_free(s->cols[j].raw.distinct);
    }
    ceo_free(s->cols);
    for (int k = 0; k < M_KINDS; k++)
        ceo_free(s->m_name[k]);
    sv_strmap_free(s->m_seen);
    ceo_free(s->bbuf);
    ceo_free(s->recs);
    ceo_free(s->bf);
    ceo_free(s->tmp);
    sv_buf_free(&s->u);
    sv_buf_free(&s->nb);
    sv_buf_free(&s->db);
    sv_sav_info_free(&s->sinfo);
    sv_pii_free(s->pii);
    sv_pii_free(s->pii_names);
}

static ceo_status read_any(sv_table *t, const char *path, const void *mem, size_t len,
                           const sv_project *proj, sv_report **report, ceo_error *err)
{
    if (report)
        *report = NULL;
    rstate s;
    memset(&s, 0, sizeof s);
    s.t = t;
    s.path = path;
    s.proj = proj;
    s.err = err;
    for (int k = 0; k < M_KINDS; k++)
        s.m_col[k] = -1;
    s.year = t->year;
    if (!s.year) {
        int m, d;
        sv_civil_from_seconds((long long)time(NULL), &s.year, &m, &d);
    }
    s.date_end = sv_days_from_civil(s.year + 2, 1, 1) * 86400;
    sv_table_mark mark;
    s.rep = ceo_calloc(1, sizeof *s.rep);
    if (!s.rep || !(s.rep->path = ceo_strdup(path)) || sv_table_mark_take(t, &mark) != 0) {
        if (s.rep)
            ceo_free((char *)s.rep->path);
        ceo_free(s.rep);
        return ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
    }
    /* The layout comes from the content, never from the file name. */
    if (mem) {
        s.sav = sv_sav_magic(mem, len);
        s.size = len;
    } else {
        /* Peek only into a regular file: reading from a pipe would consume the bytes the CSV
         * reader needs (an SPSS file through a pipe is named as such by the CSV reader). */
        struct stat sb;
        FILE *f = stat(path, &sb) == 0 && S_ISREG(sb.st_mode) ? fopen(path, "rb") : NULL;
        char head[4];
        if (f) {
            s.sav = sv_sav_magic(head, fread(head, 1, sizeof head, f));
            s.size = (unsigned long long)sb.st_size;
            fclose(f);
        }
    }
    ceo_status st;
    if (s.sav)
        st = sv_sav_read(path, mem, len, on_record, &s, &s.sinfo, err);
    else if (mem)
        st = sv_csv_read_mem(path, mem, len, NULL, on_record, &s, &s.info, err);
    else
        st = sv_csv_read_file(path, NULL, on_record, &s, &s.info, err);
    if (st == CEO_OK && !s.ready && setup(&s) != 0)
        st = err && err->code ? err->code : CEO_EDATA;
    if (st == CEO_OK && s.rep->respondents == 0 && s.rep->left_out)
        st = ceo_error_set(err, CEO_EDATA, path, 0, 0,
                           "no respondents: the platform marks every response (%ld) as a "
                           "preview, a test or spam, and those are left out",
                           s.rep->left_out);
    if (st == CEO_OK && s.rep->respondents == 0)
        st = s.sav ? ceo_error_set(err, CEO_EDATA, path, 0, 0, "the file holds no cases")
                   : ceo_error_set(err, CEO_EDATA, path, s.info.lines ? s.info.lines : 1, 1,
                                   "the file has a header but no respondents");
    if (st == CEO_OK && t->cb && !t->key && s.rid_values && s.rid_bsn * 2 > s.rid_values)
        st = ceo_error_set_about(err, SV_ABOUT_BSN, CEO_EDATA, path, 0, 0,
                                 "the respondent ids (column %d) are BSNs: %ld of %ld pass the "
                                 "elfproef; ceo keeps no BSN: replace them by pseudonyms first, "
                                 "or read the file with a pseudonymisation key",
                                 s.rid_col, s.rid_bsn, s.rid_values);
    if (st == CEO_OK && t->cb && note_unasked(&s, mark.nrows) != 0)
        st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
    if (st == CEO_OK && t->cb)
        st = check_questions(&s);
    if (st == CEO_OK && t->cb)
        st = check_directions(&s, mark.nrows);
    if (st == CEO_OK)
        finish_report(&s);
    if (st == CEO_OK && !s.rep->cols)
        st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
    if (st == CEO_OK && t->cb && suggest_columns(&s) != 0)
        st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
    if (st != CEO_OK) {
        sv_table_rollback(t, &mark);
        sv_report_free(s.rep);
        s.rep = NULL;
    }
    sv_table_mark_drop(&mark);
    free_state(&s);
    if (report)
        *report = s.rep;
    else
        sv_report_free(s.rep);
    return st;
}

ceo_status sv_table_read(sv_table *t, const char *path, const sv_project *proj, sv_report **report,
                         ceo_error *err)
{
    return read_any(t, path, NULL, 0, proj, report, err);
}

ceo_status sv_table_read_mem(sv_table *t, const char *name, const void *data, size_t len,
                             const sv_project *proj, sv_report **report, ceo_error *err)
{
    return read_any(t, name, data, len, proj, report, err);
}

int sv_pseudo_column(const sv_project *proj, const char *header, const char *item_id)
{
    const char *list = proj ? sv_project_get(proj, "pseudoniem", "kolommen") : NULL;
    if (!list || !header)
        return 0;
    sv_buf want = {0}, have = {0};
    int found = 0;
    if (sv_norm_header(&have, header, strlen(header)) != 0)
        goto done;
    for (const char *p = list; *p && !found;) {
        size_t n = strcspn(p, ",");
        while (n && (*p == ' ' || *p == '\t')) {
            p++;
            n--;
        }
        size_t m = n;
        while (m && (p[m - 1] == ' ' || p[m - 1] == '\t'))
            m--;
        if (m) {
            found = (item_id && strlen(item_id) == m && memcmp(item_id, p, m) == 0);
            if (!found && sv_norm_header(&want, p, m) == 0)
                found = want.len == have.len && memcmp(want.p, have.p, want.len) == 0;
        }
        p += n;
        if (*p == ',')
            p++;
    }
done:
    sv_buf_free(&want);
    sv_buf_free(&have);
    return found;
}

void sv_report_free(sv_report *r)
{
    if (!r)
        return;
    for (size_t j = 0; r->cols && j < r->ncols; j++) {
        ceo_free((char *)r->cols[j].header);
        ceo_free((char *)r->cols[j].missing);
        ceo_free((char *)r->cols[j].choice);
    }
    ceo_free(r->cols);
    for (size_t i = 0; i < r->nunknown; i++)
        ceo_free((char *)r->unknown[i].value);
    ceo_free(r->unknown);
    ceo_free(r->pii);
    for (size_t i = 0; i < r->nmeta; i++) {
        ceo_free((char *)r->meta[i].column);
        ceo_free((char *)r->meta[i].value);
    }
    ceo_free(r->meta);
    ceo_free(r->bad_rows);
    ceo_free(r->bad_lines);
    for (size_t k = 0; k < r->nsets; k++)
        ceo_free(r->sets[k]);
    for (size_t k = 0; k < r->nnotes; k++)
        ceo_free(r->notes[k]);
    ceo_free(r->notes);
    ceo_free(r->not_asked);
    ceo_free(r->sets);
    ceo_free((char *)r->path);
    ceo_free(r);
}
