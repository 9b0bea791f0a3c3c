/*
 * vwsschema.c - the VWS field list (templates/vws/velden.csv or the project's [vws] velden):
 * each row's veld, omschrijving and bron, the bron cut into its alternatives and checked.
 *
 * The list is checked whole before anything is computed, so a typo in a bron is an error at
 * its file:line:column, never an empty column: an unknown source, a figure the item's type has
 * not, a theme or item the codebook does not know. The sources point into each field's own
 * copy of its bron.
 */
#include <stdio.h>
#include <string.h>

#include "vwspriv.h"

static const struct {
    const char *name;
    figure fig;
} figures[] = {{"n", F_N},       {"pct_positive", F_PCT_POS}, {"pct_negative", F_PCT_NEG},
               {"mean", F_MEAN}, {"ci_low", F_CI_LOW},        {"ci_high", F_CI_HIGH}};

static const struct {
    const char *name;
    src_kind kind;
} computed[] = {{"gemeente", S_NAME},
                {"jaar", S_JAAR},
                {"periode", S_PERIODE},
                {"uitgezet", S_UITGEZET},
                {"respondenten", S_RESPONDENTEN},
                {"respons", S_RESPONS},
                {"themas", S_THEMAS}};

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

static int valid_id(const char *s)
{
    return *s && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(s);
}

static int has_mean(const sv_item *it)
{
    return it->type == SV_T_CIJFER || it->type == SV_T_SCORE || it->type == SV_T_GETAL;
}

static const char bron_help[] =
    "a bron is project:SECTION.KEY, berekend:WHAT (gemeente, jaar, periode, uitgezet, "
    "respondenten, respons, themas), item:ID:FIGURE, thema:ID:FIGURE or gemeente:COLUMN, "
    "alternatives separated by |";

/* Parses one alternative of a bron (s is cut in place). */
static ceo_status parse_source(st_vws *v, field *f, char *s, source *src, ceo_error *err)
{
    long line = f->line, col = f->bron_col;
    char *colon = strchr(s, ':');
    if (!colon)
        return ceo_error_set(err, CEO_EDATA, v->schema, line, col, "unknown bron '%s': %s", s,
                             bron_help);
    *colon = '\0';
    char *kind = s, *rest = colon + 1;
    memset(src, 0, sizeof *src);
    src->col = -1;
    if (strcmp(kind, "project") == 0) {
        char *dot = strchr(rest, '.');
        if (dot)
            *dot = '\0';
        if (!dot || !sv_project_known(rest, dot + 1))
            return ceo_error_set(err, CEO_EDATA, v->schema, line, col,
                                 "unknown bron 'project:%s%s%s': the project file has no such "
                                 "setting (docs/FORMATS.md lists them)",
                                 rest, dot ? "." : "", dot ? dot + 1 : "");
        src->kind = S_PROJECT;
        src->a = rest;
        src->b = dot + 1;
        return CEO_OK;
    }
    if (strcmp(kind, "berekend") == 0) {
        char *arg = strchr(rest, ':');
        if (arg)
            *arg++ = '\0';
        size_t i = 0;
        while (i < sizeof computed / sizeof computed[0] && strcmp(rest, computed[i].name) != 0)
            i++;
        if (i == sizeof computed / sizeof computed[0])
            return ceo_error_set(err, CEO_EDATA, v->schema, line, col,
                                 "unknown bron 'berekend:%s': computed are gemeente, jaar, "
                                 "periode, uitgezet, respondenten, respons and themas",
                                 rest);
        src->kind = computed[i].kind;
        if (arg && src->kind != S_THEMAS)
            return ceo_error_set(err, CEO_EDATA, v->schema, line, col,
                                 "bron 'berekend:%s' takes no ':%s'", rest, arg);
        if (arg && !*arg)
            return ceo_error_set(err, CEO_EDATA, v->schema, line, col,
                                 "bron 'berekend:themas:' names no theme (as in "
                                 "berekend:themas:toegang+kwaliteit+effect)");
        if (arg) {
            /* themes joined by '+', each one the codebook knows */
            for (char *p = arg; *p;) {
                size_t n = strcspn(p, "+");
                char save = p[n];
                p[n] = '\0';
                int known = st_vws_theme_index(v, p) >= 0;
                if (!known)
                    ceo_error_set(err, CEO_EDATA, v->schema, line, col,
                                  "bron 'berekend:themas': the codebook has no theme '%s'", p);
                p[n] = save;
                if (!known)
                    return CEO_EDATA;
                p += n + (save ? 1 : 0);
            }
            src->a = arg;
        }
        return CEO_OK;
    }
    if (strcmp(kind, "item") == 0 || strcmp(kind, "thema") == 0) {
        int is_item = kind[0] == 'i';
        char *fig = strchr(rest, ':');
        if (fig)
            *fig++ = '\0';
        size_t i = 0;
        while (fig && i < sizeof figures / sizeof figures[0] && strcmp(fig, figures[i].name) != 0)
            i++;
        if (!fig || i == sizeof figures / sizeof figures[0])
            return ceo_error_set(err, CEO_EDATA, v->schema, line, col,
                                 "bron '%s:%s%s%s': %s; the figures are n, pct_positive, "
                                 "pct_negative, mean, ci_low and ci_high (as in %s:ID:n)",
                                 kind, rest, fig ? ":" : "", fig ? fig : "",
                                 fig ? "unknown figure" : "name a figure after the id", kind);
        src->kind = is_item ? S_ITEM : S_THEMA;
        src->a = rest;
        src->fig = figures[i].fig;
        if (!is_item) {
            if (st_vws_theme_index(v, rest) < 0)
                return ceo_error_set(err, CEO_EDATA, v->schema, line, col,
                                     "bron 'thema:%s': the codebook has no theme '%s'", rest, rest);
            if (src->fig != F_N && src->fig != F_PCT_POS && src->fig != F_PCT_NEG)
                return ceo_error_set(err, CEO_EDATA, v->schema, line, col,
                                     "bron 'thema:%s:%s': a theme has n, pct_positive and "
                                     "pct_negative",
                                     rest, fig);
            return CEO_OK;
        }
        int item = sv_codebook_find(v->cb, rest);
        const sv_item *it = item >= 0 ? sv_codebook_item(v->cb, (size_t)item) : NULL;
        if (!it)
            return ceo_error_set(err, CEO_EDATA, v->schema, line, col,
                                 "bron 'item:%s:%s': the codebook has no item '%s'", rest, fig,
                                 rest);
        int ok = strcmp(it->section, "rol") != 0 && strcmp(it->section, "contact") != 0 &&
                 (src->fig == F_PCT_POS || src->fig == F_PCT_NEG ? st_vws_has_proportion(it)
                  : src->fig == F_MEAN                           ? has_mean(it)
                                       : st_vws_has_proportion(it) || has_mean(it));
        if (!ok)
            return ceo_error_set(err, CEO_EDATA, v->schema, line, col,
                                 "bron 'item:%s:%s': %s is of type %s, which has no %s "
                                 "(percentages need a likert or janee item, a mean a mark or "
                                 "number; role and contact items have no figures)",
                                 rest, fig, rest, sv_type_name(it->type), fig);
        return CEO_OK;
    }
    if (strcmp(kind, "gemeente") == 0) {
        if (!*rest || strcmp(rest, "gemeente") == 0)
            return ceo_error_set(err, CEO_EDATA, v->schema, line, col,
                                 "bron 'gemeente:%s': name a column of the gemeenten file "
                                 "(gemeente:verbeterpunten); the name itself is "
                                 "berekend:gemeente",
                                 rest);
        src->kind = S_GEMEENTE;
        src->a = rest;
        return CEO_OK;
    }
    *colon = ':';
    return ceo_error_set(err, CEO_EDATA, v->schema, line, col, "unknown bron '%s': %s", s,
                         bron_help);
}

ceo_status st_vws_load_schema(st_vws *v, ceo_error *err)
{
    static const char *const req[] = {"veld", "omschrijving", "bron", NULL};
    sv_sheet *s = sv_sheet_load(v->schema, req, err);
    if (!s)
        return err ? err->code : CEO_EDATA;
    int c_id = sv_sheet_col(s, "veld"), c_label = sv_sheet_col(s, "omschrijving"),
        c_bron = sv_sheet_col(s, "bron");
    size_t n = sv_sheet_rows(s);
    ceo_status st = CEO_OK;
    if (n == 0)
        st = ceo_error_set(err, CEO_EDATA, v->schema, 2, 1, "the file lists no fields");
    if (st == CEO_OK && !(v->fields = ceo_calloc(n, sizeof *v->fields)))
        st = st_vws_oom(err);
    for (size_t r = 0; st == CEO_OK && r < n; r++) {
        field *f = &v->fields[v->nfields];
        const char *id = sv_sheet_cell(s, r, c_id), *label = sv_sheet_cell(s, r, c_label);
        f->line = sv_sheet_line(s, r);
        f->bron_col = c_bron + 1;
        if (!valid_id(id)) {
            st = ceo_error_set(err, CEO_EDATA, v->schema, f->line, c_id + 1,
                               "veld '%s' must be a name of lower-case letters, digits and _", id);
            break;
        }
        for (size_t k = 0; k < v->nfields; k++)
            if (strcmp(v->fields[k].id, id) == 0) {
                st = ceo_error_set(err, CEO_EDATA, v->schema, f->line, c_id + 1,
                                   "veld '%s' is listed twice (first on line %ld)", id,
                                   v->fields[k].line);
                break;
            }
        if (st != CEO_OK)
            break;
        if (!(f->id = ceo_strdup(id)) || !(f->label = ceo_strdup(*label ? label : id)) ||
            !(f->bron = ceo_strdup(sv_sheet_cell(s, r, c_bron)))) {
            ceo_free(f->id);
            ceo_free(f->label);
            st = st_vws_oom(err);
            break;
        }
        v->nfields++;
        char *bron = trim(f->bron);
        if (!*bron) {
            st = ceo_error_set(err, CEO_EDATA, v->schema, f->line, f->bron_col,
                               "veld '%s' has no bron: %s", id, bron_help);
            break;
        }
        for (char *p = bron; st == CEO_OK;) {
            size_t len = strcspn(p, "|");
            char save = p[len];
            p[len] = '\0';
            if (f->nalt == ST_VWS_MAX_ALTS)
                st = ceo_error_set(err, CEO_EDATA, v->schema, f->line, f->bron_col,
                                   "a bron holds at most %d alternatives", ST_VWS_MAX_ALTS);
            else if (!*trim(p))
                st =
                    ceo_error_set(err, CEO_EDATA, v->schema, f->line, f->bron_col,
                                  "an empty alternative in bron '%s'", sv_sheet_cell(s, r, c_bron));
            else
                st = parse_source(v, f, trim(p), &f->alt[f->nalt++], err);
            if (!save)
                break;
            p += len + 1;
        }
    }
    sv_sheet_free(s);
    return st;
}
