/*
 * colmap.c - which column of an export is which codebook item.
 *
 * A column's header rows (platform.c decided how many) are matched against the project's
 * [kolommen] first, then against the codebook's patterns (the whole display header, its last
 * row, its first, and an R-dotted name read with spaces); the most specific pattern wins, then
 * the leftmost column. A multi-select item may come as one joined cell or as a column per
 * option; a single-choice item as SurveyMonkey's column per option (spread_options). Also
 * whether a column is named for pseudonymisation (sv_pseudo_column).
 */
#include <stdio.h>
#include <string.h>

#include "readpriv.h"

/* The header rows of column j, in UTF-8: parts[k] for k < header_rows; SurveyMonkey markers
 * and the Qualtrics ImportId row are left out (empty). Row 1 is filled forward where a
 * matrix question continues. */
static int header_parts(rstate *s, size_t j, sv_buf parts[3])
{
    for (int k = 0; k < s->header_rows; k++) {
        sv_field f = sv_rd_field(s, (size_t)k, j);
        if (k == 0 && s->header_rows >= 2 && sv_is_blank(f.data, f.len)) {
            sv_field below = sv_rd_field(s, 1, j);
            for (size_t b = j; b-- > 0 && !sv_is_blank(below.data, below.len);) {
                sv_field left = sv_rd_field(s, 0, b);
                if (!sv_is_blank(left.data, left.len)) {
                    f = left;
                    break;
                }
            }
        }
        if ((k > 0 && sv_rd_sm_marker(f.data, f.len)) || sv_rd_import_id(&f))
            f.len = 0;
        if (sv_rd_utf8(s, f.data, f.len, f.line, (long)j + 1) != 0 ||
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

/* What the header rows of a column of a multi-select item say of its options (find_option). */
typedef enum {
    OPTION_ONE,    /* the column stands for one option (a column per option): *option */
    OPTION_JOINED, /* the header names no sub-item: the options are joined in one cell */
    OPTION_OTHER,  /* it names a sub-item that is no option (the free text of "other, namely") */
    OPTION_NOMEM,  /* out of memory */
} option_found;

/* Which option a column of multi-select item `item`, whose header rows are parts[0..2], stands
 * for: into *option when OPTION_ONE. */
static option_found find_option(rstate *s, int item, sv_buf parts[3], int *option)
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
                return OPTION_NOMEM;
            if (sv_codebook_match_header(cb, s->nb.p, s->nb.len, &rank) != item) {
                cands[nc] = p;
                lens[nc++] = n;
            }
        }
        for (size_t c = 0; c < nc; c++) {
            if (sv_norm_value(&s->nb, cands[c], lens[c]) != 0)
                return OPTION_NOMEM;
            if (s->nb.len == 0)
                continue;
            int o = sv_codebook_spelling(cb, scale, s->nb.p, s->nb.len);
            if (o >= 0) {
                *option = o;
                return OPTION_ONE;
            }
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
            if (sc->cats[i].code != SV_NO_CODE && (double)sc->cats[i].code == d) {
                *option = (int)i;
                return OPTION_ONE;
            }
    }
    return has_sub ? OPTION_OTHER : OPTION_JOINED;
}

/* What the project's [kolommen] says of a column (project_mapping). */
typedef enum {
    KOLOM_NONE,    /* no entry names the column: the patterns decide */
    KOLOM_ITEM,    /* an entry maps it to an item of the codebook: *item */
    KOLOM_UNKNOWN, /* an entry maps it to an item the codebook lacks; the error is set */
} kolom_found;

/* The item [kolommen] names for a column whose header rows are parts[0..2] and whose display
 * header (the rows joined by " - ", as ceo check --write-config writes it) is disp: into *item
 * when KOLOM_ITEM. */
static kolom_found project_mapping(rstate *s, sv_buf parts[3], const sv_buf *disp, int *item)
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
                *item = sv_codebook_find(s->t->cb, value);
                if (*item < 0) {
                    ceo_error_set(s->err, CEO_EDATA, sv_project_file(s->proj), line, 0,
                                  "[kolommen] maps '%s' to '%s', which is not in the codebook", key,
                                  value);
                    return KOLOM_UNKNOWN;
                }
                return KOLOM_ITEM;
            }
        }
    }
    return KOLOM_NONE;
}

/* The reader's kind of column for an item of type t: what its answers are (sv_type_answer),
 * the numbers told apart by the range each type allows, ids apart from open text (an id is
 * never read as a missing marker). */
static int kind_of(sv_type t)
{
    switch (sv_type_answer(t)) {
    case SV_ANSWER_SCALE:
        return C_SCALE;
    case SV_ANSWER_GROUP:
        return C_CAT;
    case SV_ANSWER_TEXT:
        return t == SV_T_ID ? C_ID : C_TEXT;
    case SV_ANSWER_NUMBER:
        return t == SV_T_CIJFER ? C_MARK : t == SV_T_SCORE ? C_SCORE : C_NUM;
    case SV_ANSWER_DATE:
        return C_DATE;
    case SV_ANSWER_OPTIONS:
        return C_MULTI;
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
        sv_field q = sv_rd_field(s, 0, j);
        size_t end = j + 1;
        if (c->item >= 0 && (c->kind == C_SCALE || c->kind == C_CAT) && !sv_is_blank(q.data, q.len))
            for (; end < s->ncols && s->cols[end].item == c->item; end++) {
                sv_field up = sv_rd_field(s, 0, end);
                if (!sv_is_blank(up.data, up.len))
                    break;
            }
        int labels = end - j >= 2;
        for (size_t k = j; k < end && labels; k++) {
            sv_field f = sv_rd_field(s, 1, k);
            labels = !sv_is_blank(f.data, f.len) && !sv_rd_sm_marker(f.data, f.len);
        }
        for (size_t k = j; k < end && labels && rc == 0; k++) {
            column *o = &s->cols[k];
            sv_field f = sv_rd_field(s, 1, k);
            if (sv_rd_utf8(s, f.data, f.len, f.line, (long)k + 1) != 0 ||
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

/* Sets the out-of-memory error of sv_rd_map_columns. */
static ceo_status nomem(rstate *s)
{
    sv_rd_oom(s, 1);
    return CEO_ENOMEM;
}

ceo_status sv_rd_map_columns(rstate *s)
{
    sv_buf parts[3] = {{0}, {0}, {0}};
    int rc = 0;            /* -1: out of memory */
    int kolom_unknown = 0; /* [kolommen] names an item the codebook lacks (error set) */
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
        int item = -1, rank = -1;
        kolom_found kf = s->proj ? project_mapping(s, parts, &disp, &item) : KOLOM_NONE;
        if (kf == KOLOM_UNKNOWN) {
            sv_buf_free(&disp);
            kolom_unknown = 1;
            break;
        }
        if (kf == KOLOM_NONE) {
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
            int o = -1;
            switch (find_option(s, item, parts, &o)) {
            case OPTION_NOMEM:
                rc = -1;
                break;
            case OPTION_ONE:
                c->option = o;
                c->kind = C_OPTION;
                break;
            case OPTION_OTHER:
                c->note = "a sub-item of a multi-select question that names none of its options "
                          "(free text of 'other'?)";
                c->item = c->option = -1;
                c->kind = C_SKIP;
                break;
            case OPTION_JOINED:
                break;
            }
        }
    }
    for (int k = 0; k < 3; k++)
        sv_buf_free(&parts[k]);
    if (kolom_unknown)
        return CEO_EDATA;
    if (rc != 0 || spread_options(s) != 0)
        return nomem(s);
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
            return nomem(s);
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
                return nomem(s);
    }
    return CEO_OK;
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
