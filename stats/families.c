/*
 * families.c - which rows carry tests and their q-values: the tests of items that are no
 * satisfaction items are dropped, then Benjamini-Hochberg within each family of tests (stats.h,
 * st_row), those against the rest and those against the previous value apart.
 */
#include "statspriv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dist.h"

/* Background items (age, sex, living situation, ...) and numbers get distributions, not
 * tests: a test of whether one gemeente has more women is no finding about the support, and in
 * a family it would dilute the tests that are. Drops every test of a row whose question is no
 * satisfaction item (st_tested_item), the comparisons with a previous value included. */
void st_drop_untested(st_result *res, const sv_codebook *cb)
{
    char id[256];
    for (size_t i = 0; i < res->n; i++) {
        st_row *row = &res->rows[i];
        if (!*row->question)
            continue;
        size_t len = strcspn(row->question, ":");
        snprintf(id, sizeof id, "%.*s", (int)len, row->question);
        int k = sv_codebook_find(cb, id);
        if (k >= 0 && st_tested_item(sv_codebook_item(cb, (size_t)k)))
            continue;
        row->p_vs_rest = row->p_vs_prev = NAN;
        row->test = row->test_prev = "";
    }
}

/* The family of tests of each row (stats.h, st_row): one per dimension and theme (the
 * questions without a theme being one more), numbered from 0 in order of first row. A family
 * is fixed by the dimension and the codebook, so what else a run asks for (other dimensions,
 * --compare, --themes) leaves its q-values alone. Returns the number of families, or -1 when
 * out of memory. */
static long families(const st_result *r, int *fam)
{
    sv_strmap *keys = sv_strmap_new();
    char key[1024];
    for (size_t i = 0; keys && i < r->n; i++) {
        const st_row *row = &r->rows[i];
        int len = snprintf(key, sizeof key, "%s\x1F%s", row->dimension, row->theme);
        size_t klen = len > 0 && (size_t)len < sizeof key ? (size_t)len : sizeof key - 1;
        if (!sv_strmap_get(keys, key, klen, &fam[i])) {
            fam[i] = (int)sv_strmap_count(keys);
            if (sv_strmap_put(keys, key, klen, fam[i]) != 0) {
                sv_strmap_free(keys);
                keys = NULL;
            }
        }
    }
    long n = keys ? (long)sv_strmap_count(keys) : -1;
    sv_strmap_free(keys);
    return n;
}

/* Benjamini-Hochberg within each family: p holds a value per row of r (NaN: no test), q
 * receives the q-values (q may be p). */
static ceo_status adjust_by_family(const st_result *r, const double *p, double *q, ceo_error *err)
{
    size_t n = r->n ? r->n : 1;
    double *pf = ceo_malloc(n * sizeof *pf);
    size_t *order = ceo_malloc(n * sizeof *order), *idx = ceo_malloc(n * sizeof *idx);
    int *fam = ceo_malloc(n * sizeof *fam);
    long nfam = pf && order && idx && fam ? families(r, fam) : -1;
    for (long f = 0; f < nfam; f++) {
        size_t m = 0;
        for (size_t i = 0; i < r->n; i++)
            if (fam[i] == (int)f) {
                idx[m] = i;
                pf[m++] = p[i];
            }
        st_bh_adjust(pf, pf, m, order);
        for (size_t k = 0; k < m; k++)
            q[idx[k]] = pf[k];
    }
    ceo_free(pf);
    ceo_free(order);
    ceo_free(idx);
    ceo_free(fam);
    return nfam < 0 ? ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory") : CEO_OK;
}

/* Benjamini-Hochberg within each family, the tests against the rest and those against the
 * previous value apart. */
ceo_status st_adjust_families(st_result *res, ceo_error *err)
{
    size_t n = res->n ? res->n : 1;
    double *p = ceo_malloc(n * sizeof *p);
    ceo_status st = p ? CEO_OK : ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (int prev = 0; prev < 2 && st == CEO_OK; prev++) {
        for (size_t i = 0; i < res->n; i++)
            p[i] = prev ? res->rows[i].p_vs_prev : res->rows[i].p_vs_rest;
        st = adjust_by_family(res, p, p, err);
        for (size_t i = 0; st == CEO_OK && i < res->n; i++)
            *(prev ? &res->rows[i].q_vs_prev : &res->rows[i].q_vs_rest) = p[i];
    }
    ceo_free(p);
    return st;
}
