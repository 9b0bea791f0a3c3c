/*
 * result.c - the result store: the rows of a run and the strings they point to, and the
 * index that finds a row by its key (st_result_find).
 */
#include "statspriv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

char *st_keep(st_result *r, char *s)
{
    if (!s || ceo_grow((void **)&r->strings, &r->str_cap, r->nstr + 1, sizeof *r->strings)) {
        ceo_free(s);
        return NULL;
    }
    r->strings[r->nstr++] = s;
    return s;
}

/* Keeps "a:b" (or "a" when b is NULL) as a string owned by the result. */
char *st_keep_join(st_result *r, const char *a, const char *b)
{
    size_t n = strlen(a) + (b ? strlen(b) + 1 : 0) + 1;
    char *s = ceo_malloc(n);
    if (!s)
        return NULL;
    if (b)
        snprintf(s, n, "%s:%s", a, b);
    else
        snprintf(s, n, "%s", a);
    return st_keep(r, s);
}

st_row *st_new_row(st_result *r)
{
    if (ceo_grow((void **)&r->rows, &r->cap, r->n + 1, sizeof *r->rows) != 0)
        return NULL;
    st_row *row = &r->rows[r->n++];
    memset(row, 0, sizeof *row);
    row->pct_positive = row->ci_low = row->ci_high = row->pct_negative = NAN;
    row->mean = row->median = row->n_effective = NAN;
    row->p_vs_rest = row->q_vs_rest = NAN;
    row->test = "";
    row->suppression = "";
    row->prev_n = -1;
    row->prev_value = row->p_vs_prev = row->q_vs_prev = row->sd = NAN;
    row->w_sum = row->lin_ss = NAN;
    row->test_prev = "";
    row->theme = "";
    return row;
}

void st_result_free(st_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        ceo_free(r->rows[i].distribution);
        ceo_free(r->rows[i].strata_sums);
    }
    ceo_free(r->strata_n);
    for (size_t i = 0; i < r->nstr; i++)
        ceo_free(r->strings[i]);
    ceo_free(r->strings);
    ceo_free(r->rows);
    sv_strmap_free(r->index);
    ceo_free(r);
}

size_t st_result_count(const st_result *r)
{
    return r->n;
}

int st_result_by_cells(const st_result *r)
{
    return r->by_cells;
}

const st_row *st_result_row(const st_result *r, size_t i)
{
    return &r->rows[i];
}

/* Writes the lookup key of a row into buf; returns its length, or 0 when it does not fit. */
static size_t row_key(char *buf, size_t size, const char *dimension, const char *group,
                      const char *question, const char *theme)
{
    int n = snprintf(buf, size, "%s\x1F%s\x1F%s\x1F%s", dimension, group, question, theme);
    return n > 0 && (size_t)n < size ? (size_t)n : 0;
}

/* Indexes the rows for st_result_find; without the index (out of memory) it scans. */
void st_build_index(st_result *r)
{
    sv_strmap *m = sv_strmap_new();
    char key[1024];
    for (size_t i = 0; m && i < r->n; i++) {
        const st_row *w = &r->rows[i];
        size_t len = row_key(key, sizeof key, w->dimension, w->group, w->question, w->theme);
        int v;
        if (len == 0 || sv_strmap_get(m, key, len, &v))
            continue;
        if (sv_strmap_put(m, key, len, (int)i) != 0) {
            sv_strmap_free(m);
            m = NULL;
        }
    }
    r->index = m;
}

const st_row *st_result_find(const st_result *r, const char *dimension, const char *group,
                             const char *question, const char *theme)
{
    if (!r)
        return NULL;
    char key[1024];
    size_t len = group ? row_key(key, sizeof key, dimension, group, question, theme) : 0;
    int v;
    if (r->index && len)
        return sv_strmap_get(r->index, key, len, &v) ? &r->rows[v] : NULL;
    for (size_t i = 0; i < r->n; i++) {
        const st_row *w = &r->rows[i];
        if (strcmp(w->dimension, dimension) == 0 && (!group || strcmp(w->group, group) == 0) &&
            strcmp(w->question, question) == 0 && strcmp(w->theme, theme) == 0)
            return w;
    }
    return NULL;
}
