/*
 * sample.c - respondents and population per voorziening (sample.h). Counting is over every
 * respondent with a voorziening, as the invited and population counts are over every client;
 * the counts of a voorziening below min_n are hidden as st_compute hides its group, and its
 * respondents then count in no share (they are in no figure of the run either).
 */
#include "sample.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/strmap.h"
#include "../base/text.h"
#include "../survey/sheet.h"

struct st_sample {
    st_sample_row *rows;
    char **names; /* owned copies of the file's names */
    size_t n, nnames;
};

void st_sample_free(st_sample *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nnames; i++)
        ceo_free(s->names[i]);
    ceo_free(s->names);
    ceo_free(s->rows);
    ceo_free(s);
}

size_t st_sample_count(const st_sample *s)
{
    return s ? s->n : 0;
}

const st_sample_row *st_sample_at(const st_sample *s, size_t i)
{
    return s && i < s->n ? &s->rows[i] : NULL;
}

st_sample *st_sample_new(const sv_table *t, const char *popfile, long min_n, ceo_error *err)
{
    static const char *const req[] = {"gemeente", "voorziening", "populatie", NULL};
    const sv_codebook *cb = sv_table_codebook(t);
    int vi = sv_codebook_find(cb, "voorziening");
    if (vi < 0 || !sv_table_has(t, vi)) {
        ceo_error_set(err, CEO_EDATA, NULL, 0, 0,
                      "the population per voorziening needs a voorziening column in the export");
        return NULL;
    }
    sv_sheet *sh = sv_sheet_load(popfile, req, err);
    if (!sh)
        return NULL;
    size_t ng = sv_table_ngroups(t, vi), nfile = sv_sheet_rows(sh), cap = ng + nfile;
    st_sample *s = ceo_calloc(1, sizeof *s);
    sv_strmap *index = sv_strmap_new();
    int *row_of = ceo_calloc(ng ? ng : 1, sizeof *row_of); /* the row of each group code */
    sv_buf key = {0};
    ceo_status st = CEO_OK;
    if (!s || !index || !row_of || !(s->rows = ceo_calloc(cap ? cap : 1, sizeof *s->rows)) ||
        !(s->names = ceo_calloc(nfile ? nfile : 1, sizeof *s->names))) {
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    /* the table's voorzieningen first, in its order; two spellings of one name are one row */
    for (size_t g = 0; g < ng && st == CEO_OK; g++) {
        const char *name = sv_table_group(t, vi, g);
        int k;
        if (sv_norm_value(&key, name, strlen(name)) != 0)
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        else if (sv_strmap_get(index, key.p, key.len, &k))
            row_of[g] = k;
        else if (sv_strmap_put(index, key.p, key.len, (int)s->n) != 0)
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        else {
            row_of[g] = (int)s->n;
            s->rows[s->n++].voorziening = name;
        }
    }
    int c_v = sv_sheet_col(sh, "voorziening"), c_p = sv_sheet_col(sh, "populatie");
    for (size_t r = 0; r < nfile && st == CEO_OK; r++) {
        const char *ps = sv_sheet_cell(sh, r, c_p), *vs = sv_sheet_cell(sh, r, c_v);
        char *end;
        double pop = strtod(ps, &end);
        int k;
        if (!*ps || *end || !(pop >= 0)) {
            st = ceo_error_set(err, CEO_EDATA, popfile, sv_sheet_line(sh, r), c_p + 1,
                               "populatie must be a number of people, not '%s'", ps);
            break;
        }
        if (sv_norm_value(&key, vs, strlen(vs)) != 0) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        if (!sv_strmap_get(index, key.p, key.len, &k)) {
            if (!(s->names[s->nnames] = ceo_strdup(vs)) ||
                sv_strmap_put(index, key.p, key.len, (int)s->n) != 0) {
                st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
                break;
            }
            k = (int)s->n;
            s->rows[s->n++].voorziening = s->names[s->nnames++];
        }
        s->rows[k].population += pop;
    }
    if (st != CEO_OK)
        goto out;
    /* respondents per voorziening, by the table's codes */
    const uint16_t *codes = sv_table_codes(t, vi);
    for (size_t row = 0, nrows = sv_table_rows(t); row < nrows; row++)
        if (codes[row])
            s->rows[row_of[codes[row] - 1u]].respondents++;
    double pop_total = 0, resp_total = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->rows[i].respondents > 0 && s->rows[i].respondents < min_n)
            s->rows[i].respondents = -1;
        pop_total += s->rows[i].population;
        if (s->rows[i].respondents > 0)
            resp_total += (double)s->rows[i].respondents;
    }
    for (size_t i = 0; i < s->n; i++) {
        st_sample_row *w = &s->rows[i];
        w->pct_population = pop_total > 0 ? 100 * w->population / pop_total : NAN;
        w->pct_respondents =
            w->respondents >= 0 && resp_total > 0 ? 100 * (double)w->respondents / resp_total : NAN;
    }
out:
    ceo_free(row_of);
    sv_buf_free(&key);
    sv_strmap_free(index);
    sv_sheet_free(sh);
    if (st != CEO_OK) {
        st_sample_free(s);
        return NULL;
    }
    return s;
}
