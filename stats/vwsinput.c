/*
 * vwsinput.c - the VWS data's two input files the project names: the invited counts
 * ([uitgezet] bestand: gemeente,voorziening,uitgezet, every row of a gemeente added up; with a
 * maand column, the rows of the months the answers span) and
 * the gemeenten' own texts ([vws] gemeenten: gemeente plus the columns the field list takes).
 *
 * Both are matched on normalised names (case, spacing), as the reader groups gemeenten. A bad
 * row is an error at its file:line:column; a gemeente missing from a file, or a name in it
 * without respondents, is a warning naming the file and the fields left empty.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../survey/values.h"
#include "invited.h"
#include "vwspriv.h"

/* The gemeente named name (compared normalised), -1 when none, -2 when out of memory. */
static long find_gem(const sv_strmap *names, sv_buf *tmp, const char *name)
{
    int g;
    if (sv_norm_value(tmp, name, strlen(name)) != 0)
        return -2;
    return sv_strmap_get(names, tmp->p, tmp->len, &g) ? g : -1;
}

/* Names in a list file that match no gemeente with respondents, into *unknown. */
static int note_unknown(sv_buf *unknown, sv_strmap *seen, sv_buf *tmp, const char *name)
{
    int dummy;
    if (sv_norm_value(tmp, name, strlen(name)) != 0)
        return -1;
    if (sv_strmap_get(seen, tmp->p, tmp->len, &dummy))
        return 0;
    if (sv_strmap_put(seen, tmp->p, tmp->len, 0) != 0)
        return -1;
    return st_vws_join(unknown, name);
}

/* The months (YYYYMM) the answers span, into *from and *to; 0 when they have no dates. */
static void data_months(const st_vws *v, int *from, int *to)
{
    int64_t first = SV_MISSING_DATE, last = SV_MISSING_DATE;
    for (size_t g = 0; g < v->ngems; g++) {
        if (v->gems[g].first == SV_MISSING_DATE)
            continue;
        if (first == SV_MISSING_DATE || v->gems[g].first < first)
            first = v->gems[g].first;
        if (last == SV_MISSING_DATE || v->gems[g].last > last)
            last = v->gems[g].last;
    }
    *from = *to = 0;
    if (first == SV_MISSING_DATE)
        return;
    int y, m, d;
    sv_civil_from_seconds(first, &y, &m, &d);
    *from = y * 100 + m;
    sv_civil_from_seconds(last, &y, &m, &d);
    *to = y * 100 + m;
}

/* [uitgezet] bestand: gemeente,voorziening,uitgezet; every row of a gemeente is added up. With
 * a maand column (YYYY-MM), only the rows of the months the answers span. */
ceo_status st_vws_load_invited(st_vws *v, ceo_error *err)
{
    const sv_strmap *names = v->names;
    const char *path = sv_project_path(v->proj, "uitgezet", "bestand");
    sv_buf ids = {0};
    if (!path) {
        ceo_status st = CEO_OK;
        if (st_vws_field_ids(v, S_UITGEZET, S_RESPONS, &ids) != 0 ||
            st_vws_warn(v,
                        "no invited counts ([uitgezet] bestand in the project file): %s %s empty",
                        ids.p, strchr(ids.p, ',') ? "are" : "is") != 0)
            st = st_vws_oom(err);
        sv_buf_free(&ids);
        return st;
    }
    static const char *const req[] = {"gemeente", "uitgezet", NULL};
    sv_sheet *s = sv_sheet_load(path, req, err);
    if (!s)
        return err ? err->code : CEO_EDATA;
    int c_g = sv_sheet_col(s, "gemeente"), c_v = sv_sheet_col(s, "voorziening"),
        c_u = sv_sheet_col(s, "uitgezet"), c_m = sv_sheet_col(s, "maand"), from, to;
    data_months(v, &from, &to);
    sv_strmap *cells = sv_strmap_new(), *seen = sv_strmap_new();
    sv_buf key = {0}, tmp = {0}, unknown = {0}, missing = {0}, over = {0};
    ceo_status st = cells && seen ? CEO_OK : st_vws_oom(err);
    for (size_t r = 0; st == CEO_OK && r < sv_sheet_rows(s); r++) {
        const char *g = sv_sheet_cell(s, r, c_g), *u = sv_sheet_cell(s, r, c_u);
        long line = sv_sheet_line(s, r);
        char *end;
        long n = strtol(u, &end, 10);
        const char *m = sv_sheet_cell(s, r, c_m);
        int k, month = c_m >= 0 ? st_month_parse(m) : 0;
        if (!*g) {
            st = ceo_error_set(err, CEO_EDATA, path, line, c_g + 1, "the gemeente is empty");
        } else if (!*u || *end || n < 0 || n > 100000000) {
            st = ceo_error_set(err, CEO_EDATA, path, line, c_u + 1,
                               "uitgezet must be a whole number of questionnaires, not '%s'", u);
        } else if (month < 0) {
            st = ceo_error_set(err, CEO_EDATA, path, line, c_m + 1,
                               "maand must be a month as YYYY-MM (2025-03), not '%s'", m);
        } else if (sv_norm_value(&tmp, g, strlen(g)) != 0 || sv_buf_set(&key, tmp.p, tmp.len) ||
                   sv_buf_add(&key, "\x1f", 1) ||
                   sv_norm_value(&tmp, sv_sheet_cell(s, r, c_v),
                                 strlen(sv_sheet_cell(s, r, c_v))) != 0 ||
                   sv_buf_add(&key, tmp.p, tmp.len) != 0 || sv_buf_add(&key, "\x1f", 1) ||
                   sv_buf_add(&key, m, strlen(m)) != 0) {
            st = st_vws_oom(err);
        } else if (sv_strmap_get(cells, key.p, key.len, &k)) {
            st = ceo_error_set(err, CEO_EDATA, path, line, c_g + 1,
                               "%s%s%s%s%s is listed twice (first on line %ld)", g,
                               c_v >= 0 ? " / " : "", sv_sheet_cell(s, r, c_v),
                               c_m >= 0 ? " / " : "", m, sv_sheet_line(s, (size_t)k));
        } else if (sv_strmap_put(cells, key.p, key.len, (int)r) != 0) {
            st = st_vws_oom(err);
        } else if (month && from && (month < from || month > to)) {
            continue; /* a month outside the answers */
        } else {
            long gi = find_gem(names, &tmp, g);
            if (gi == -2)
                st = st_vws_oom(err);
            else if (gi >= 0) {
                v->gems[gi].invited += n;
                v->gems[gi].has_invited = 1;
            } else if (note_unknown(&unknown, seen, &tmp, g) != 0)
                st = st_vws_oom(err);
        }
    }
    for (size_t g = 0; st == CEO_OK && g < v->ngems; g++) {
        const gem *m = &v->gems[g];
        if ((!m->has_invited && st_vws_join(&missing, m->name) != 0) ||
            (m->has_invited && m->respondents > m->invited && st_vws_join(&over, m->name) != 0))
            st = st_vws_oom(err);
    }
    if (st == CEO_OK && missing.len &&
        (st_vws_field_ids(v, S_UITGEZET, S_RESPONS, &ids) != 0 ||
         st_vws_warn(v, "%s has no invited counts for %s; %s %s empty there", path, missing.p,
                     ids.p, strchr(ids.p, ',') ? "are" : "is") != 0))
        st = st_vws_oom(err);
    if (st == CEO_OK && over.len &&
        st_vws_warn(v, "%s: more respondents than invited in %s", path, over.p) != 0)
        st = st_vws_oom(err);
    if (st == CEO_OK && unknown.len &&
        st_vws_warn(v, "%s lists %s, without respondents in the exports (spelled differently?)",
                    path, unknown.p) != 0)
        st = st_vws_oom(err);
    sv_buf_free(&key);
    sv_buf_free(&tmp);
    sv_buf_free(&unknown);
    sv_buf_free(&missing);
    sv_buf_free(&over);
    sv_buf_free(&ids);
    sv_strmap_free(cells);
    sv_strmap_free(seen);
    sv_sheet_free(s);
    return st;
}

/* [vws] gemeenten: gemeente plus the columns the schema takes from it. */
ceo_status st_vws_load_gemfile(st_vws *v, ceo_error *err)
{
    const sv_strmap *names = v->names;
    const char *path = sv_project_path(v->proj, "vws", "gemeenten");
    sv_buf ids = {0};
    if (!path) {
        ceo_status st = CEO_OK;
        if (st_vws_field_ids(v, S_GEMEENTE, S_GEMEENTE, &ids) != 0 ||
            st_vws_warn(v, "no gemeenten file ([vws] gemeenten in the project file): %s %s empty",
                        ids.p, strchr(ids.p, ',') ? "are" : "is") != 0)
            st = st_vws_oom(err);
        sv_buf_free(&ids);
        return st;
    }
    static const char *const req[] = {"gemeente", NULL};
    if (!(v->gemfile = sv_sheet_load(path, req, err)))
        return err ? err->code : CEO_EDATA;
    sv_sheet *s = v->gemfile;
    ceo_status st = CEO_OK;
    for (size_t k = 0; k < v->nfields && st == CEO_OK; k++)
        for (size_t i = 0; i < v->fields[k].nalt && st == CEO_OK; i++) {
            source *src = &v->fields[k].alt[i];
            if (src->kind == S_GEMEENTE && (src->col = sv_sheet_col(s, src->a)) < 0)
                st = ceo_error_set(
                    err, CEO_EDATA, v->schema, v->fields[k].line, v->fields[k].bron_col,
                    "bron 'gemeente:%s': %s has no column '%s'", src->a, path, src->a);
        }
    int c_g = sv_sheet_col(s, "gemeente");
    sv_strmap *seen = sv_strmap_new();
    sv_buf tmp = {0}, unknown = {0}, missing = {0};
    if (st == CEO_OK && !seen)
        st = st_vws_oom(err);
    for (size_t r = 0; st == CEO_OK && r < sv_sheet_rows(s); r++) {
        const char *g = sv_sheet_cell(s, r, c_g);
        long line = sv_sheet_line(s, r);
        long gi = *g ? find_gem(names, &tmp, g) : -1;
        if (!*g)
            st = ceo_error_set(err, CEO_EDATA, path, line, c_g + 1, "the gemeente is empty");
        else if (gi == -2)
            st = st_vws_oom(err);
        else if (gi >= 0 && v->gems[gi].gem_row >= 0)
            st = ceo_error_set(err, CEO_EDATA, path, line, c_g + 1,
                               "%s is listed twice (first on line %ld)", g,
                               sv_sheet_line(s, (size_t)v->gems[gi].gem_row));
        else if (gi >= 0)
            v->gems[gi].gem_row = (long)r;
        else if (note_unknown(&unknown, seen, &tmp, g) != 0)
            st = st_vws_oom(err);
    }
    for (size_t g = 0; st == CEO_OK && g < v->ngems; g++)
        if (v->gems[g].gem_row < 0 && st_vws_join(&missing, v->gems[g].name) != 0)
            st = st_vws_oom(err);
    if (st == CEO_OK && missing.len &&
        (st_vws_field_ids(v, S_GEMEENTE, S_GEMEENTE, &ids) != 0 ||
         st_vws_warn(v, "%s has no row for %s; %s %s empty there", path, missing.p, ids.p,
                     strchr(ids.p, ',') ? "are" : "is") != 0))
        st = st_vws_oom(err);
    if (st == CEO_OK && unknown.len &&
        st_vws_warn(v, "%s lists %s, without respondents in the exports (spelled differently?)",
                    path, unknown.p) != 0)
        st = st_vws_oom(err);
    sv_buf_free(&tmp);
    sv_buf_free(&unknown);
    sv_buf_free(&missing);
    sv_buf_free(&ids);
    sv_strmap_free(seen);
    return st;
}
