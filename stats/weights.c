/*
 * weights.c - post-stratification to population counts per gemeente x voorziening.
 *
 * Cells are matched on the normalised names (case, spacing), the same way the reader groups
 * gemeente and voorziening values, so "Tiel" in the population file meets "TIEL " in an
 * export.
 */
#include "weights.h"

#include <stdlib.h>
#include <string.h>

#include "../survey/sheet.h"
#include "../base/strmap.h"
#include "../base/text.h"

/* "gemeente\x1fvoorziening", both normalised, into b. */
static int cell_key(sv_buf *b, sv_buf *tmp, const char *g, const char *v)
{
    if (sv_norm_value(tmp, g, strlen(g)) != 0 || sv_buf_set(b, tmp->p, tmp->len) != 0 ||
        sv_buf_add(b, "\x1f", 1) != 0 || sv_norm_value(tmp, v, strlen(v)) != 0 ||
        sv_buf_add(b, tmp->p, tmp->len) != 0)
        return -1;
    return 0;
}

double *st_poststratify(const sv_table *t, const char *popfile, long *empty_cells,
                        int **cell_of_out, size_t *ncells_out, ceo_error *err)
{
    static const char *const req[] = {"gemeente", "voorziening", "populatie", NULL};
    const sv_codebook *cb = sv_table_codebook(t);
    int gi = sv_codebook_find(cb, "gemeente"), vi = sv_codebook_find(cb, "voorziening");
    const uint16_t *gc = gi >= 0 ? sv_table_codes(t, gi) : NULL;
    const uint16_t *vc = vi >= 0 ? sv_table_codes(t, vi) : NULL;
    if (!gc || !vc) {
        ceo_error_set(err, CEO_EDATA, NULL, 0, 0,
                      "post-stratification needs gemeente and voorziening in the export");
        return NULL;
    }
    sv_sheet *s = sv_sheet_load(popfile, req, err);
    if (!s)
        return NULL;
    size_t nrows = sv_table_rows(t), ncells = sv_sheet_rows(s);
    sv_strmap *cells = sv_strmap_new();
    double *pop = ceo_calloc(ncells ? ncells : 1, sizeof *pop);
    long *count = ceo_calloc(ncells ? ncells : 1, sizeof *count);
    int *cell_of = ceo_malloc((nrows ? nrows : 1) * sizeof *cell_of);
    double *w = ceo_malloc((nrows ? nrows : 1) * sizeof *w);
    sv_buf key = {0}, tmp = {0};
    ceo_status st = CEO_OK;
    if (!cells || !pop || !count || !cell_of || !w)
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    int c_g = sv_sheet_col(s, "gemeente"), c_v = sv_sheet_col(s, "voorziening"),
        c_p = sv_sheet_col(s, "populatie");
    for (size_t r = 0; st == CEO_OK && r < ncells; r++) {
        const char *ps = sv_sheet_cell(s, r, c_p);
        char *end;
        double n = strtod(ps, &end);
        int k;
        if (!*ps || *end || !(n >= 0))
            st = ceo_error_set(err, CEO_EDATA, popfile, sv_sheet_line(s, r), c_p + 1,
                               "populatie must be a number of people, not '%s'", ps);
        else if (cell_key(&key, &tmp, sv_sheet_cell(s, r, c_g), sv_sheet_cell(s, r, c_v)) != 0)
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        else if (sv_strmap_get(cells, key.p, key.len, &k))
            st = ceo_error_set(err, CEO_EDATA, popfile, sv_sheet_line(s, r), 1,
                               "%s / %s is listed twice", sv_sheet_cell(s, r, c_g),
                               sv_sheet_cell(s, r, c_v));
        else if (sv_strmap_put(cells, key.p, key.len, (int)r) != 0)
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        pop[r] = n;
    }
    long unplaced = 0;
    for (size_t r = 0; st == CEO_OK && r < nrows; r++) {
        int k;
        cell_of[r] = -1;
        if (!gc[r] || !vc[r]) {
            unplaced++;
            continue;
        }
        const char *g = sv_table_group(t, gi, gc[r] - 1u), *v = sv_table_group(t, vi, vc[r] - 1u);
        if (cell_key(&key, &tmp, g, v) != 0) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        } else if (!sv_strmap_get(cells, key.p, key.len, &k) || !(pop[k] > 0)) {
            st = ceo_error_set(err, CEO_EDATA, popfile, 0, 0,
                               "respondents of %s / %s have no population here", g, v);
        } else {
            cell_of[r] = k;
            count[k]++;
        }
    }
    if (st == CEO_OK && unplaced)
        st = ceo_error_set(err, CEO_EDATA, NULL, 0, 0,
                           "%ld respondent%s no gemeente or voorziening, so no stratum", unplaced,
                           unplaced == 1 ? " has" : "s have");
    if (st == CEO_OK) {
        for (size_t r = 0; r < nrows; r++)
            w[r] = pop[cell_of[r]] / (double)count[cell_of[r]];
        long empty = 0;
        for (size_t k = 0; k < ncells; k++)
            empty += count[k] == 0 && pop[k] > 0;
        if (empty_cells)
            *empty_cells = empty;
    }
    sv_buf_free(&key);
    sv_buf_free(&tmp);
    sv_strmap_free(cells);
    ceo_free(pop);
    ceo_free(count);
    if (st == CEO_OK && cell_of_out) {
        *cell_of_out = cell_of;
        *ncells_out = ncells;
    } else {
        ceo_free(cell_of);
    }
    sv_sheet_free(s);
    if (st != CEO_OK) {
        ceo_free(w);
        return NULL;
    }
    return w;
}
