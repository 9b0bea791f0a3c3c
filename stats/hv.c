/*
 * hv.c - the provider table, assembled from the figures rows (see hv.h).
 *
 * The NPS interval uses the variance of a difference of two proportions of one multinomial
 * sample: Var(pP - pD) = (pP + pD - (pP - pD)^2) / n, with n Kish's effective n when weighted.
 */
#include "hv.h"

#include <math.h>
#include <string.h>

#include "dist.h"

const char *const st_hv_items[ST_HV_ITEMS] = {"hv_vaste_hulp", "hv_op_tijd", "hv_vervanging",
                                              "hv_schoon",     "hv_respect", "hv_afspraken",
                                              "hv_bereikbaar"};

struct st_hv {
    st_hv_row *rows;
    size_t n, cap;
};

static int is_provider_dim(const char *d)
{
    return strcmp(d, "aanbieder") == 0 || strcmp(d, "gemeente+aanbieder") == 0;
}

static int unknown_provider(const char *group)
{
    return strstr(group, ST_UNKNOWN_GROUP) != NULL;
}

static st_hv_row *find(st_hv *h, const char *dim, const char *group)
{
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->rows[i].dimension, dim) == 0 && strcmp(h->rows[i].group, group) == 0)
            return &h->rows[i];
    return NULL;
}

static void blank(st_hv_row *r)
{
    r->n = -1;
    r->mark_n = r->nps_n = -1;
    r->mark = r->mark_low = r->mark_high = r->composite = NAN;
    r->nps = r->nps_low = r->nps_high = r->p_mark = r->q_mark = NAN;
    for (int k = 0; k < ST_HV_ITEMS; k++)
        r->pct[k] = NAN;
    r->rank = 0;
}

/* The gemeente part of a "gemeente + aanbieder" group name. */
static size_t gemeente_len(const char *group)
{
    const char *plus = strstr(group, " + ");
    return plus ? (size_t)(plus - group) : strlen(group);
}

st_hv *st_hv_from(const st_result *res, ceo_error *err)
{
    st_hv *h = ceo_calloc(1, sizeof *h);
    if (!h) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    /* One row per provider group, from its hv theme row; in an export with the HV marks but
     * none of the HV statements (no theme row), from its rows of hv_cijfer and hv_aanbevelen,
     * with the larger n of the two. */
    for (int marks_only = 0; marks_only < 2 && (!marks_only || h->n == 0); marks_only++)
        for (size_t i = 0; i < st_result_count(res); i++) {
            const st_row *r = st_result_row(res, i);
            int mark =
                strcmp(r->question, "hv_cijfer") == 0 || strcmp(r->question, "hv_aanbevelen") == 0;
            if (!is_provider_dim(r->dimension) || unknown_provider(r->group) ||
                (marks_only ? !mark : *r->question || strcmp(r->theme, "hv") != 0) ||
                (r->n == 0 && !r->suppressed))
                continue;
            st_hv_row *o = marks_only ? find(h, r->dimension, r->group) : NULL;
            if (!o) {
                if (ceo_grow((void **)&h->rows, &h->cap, h->n + 1, sizeof *h->rows) != 0) {
                    st_hv_free(h);
                    ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
                    return NULL;
                }
                o = &h->rows[h->n++];
                memset(o, 0, sizeof *o);
                blank(o);
                o->dimension = r->dimension;
                o->group = r->group;
            }
            o->indicative |= r->indicative;
            if (!r->suppressed && r->n > o->n) /* the composite hides when any item does */
                o->n = r->n;
            if (!marks_only && !r->suppressed)
                o->composite = r->pct_positive;
        }
    /* Items, mark and NPS from the question rows of the same groups. */
    for (size_t i = 0; i < st_result_count(res); i++) {
        const st_row *r = st_result_row(res, i);
        if (!is_provider_dim(r->dimension) || !*r->question)
            continue;
        st_hv_row *o = find(h, r->dimension, r->group);
        if (!o || r->suppressed) /* each figure hides with its own row */
            continue;
        for (int k = 0; k < ST_HV_ITEMS; k++)
            if (strcmp(r->question, st_hv_items[k]) == 0)
                o->pct[k] = r->pct_positive;
        if (strcmp(r->question, "hv_cijfer") == 0) {
            o->mark_n = r->n;
            o->mark = r->mean;
            o->mark_low = r->ci_low;
            o->mark_high = r->ci_high;
            o->p_mark = r->p_vs_rest;
            o->q_mark = r->q_vs_rest;
        } else if (strcmp(r->question, "hv_aanbevelen") == 0 && r->n > 0) {
            double pp = r->pct_positive / 100, pd = r->pct_negative / 100;
            double n = isnan(r->n_effective) ? (double)r->n : r->n_effective;
            double se = sqrt((pp + pd - (pp - pd) * (pp - pd)) / n);
            double z = st_qnorm(0.975);
            o->nps_n = r->n;
            o->nps = 100 * (pp - pd);
            o->nps_low = 100 * fmax(-1, pp - pd - z * se);
            o->nps_high = 100 * fmin(1, pp - pd + z * se);
        }
    }
    /* A provider whose mark, composite and NPS are all hidden is a suppressed row. */
    for (size_t i = 0; i < h->n; i++)
        h->rows[i].suppressed =
            isnan(h->rows[i].mark) && isnan(h->rows[i].composite) && isnan(h->rows[i].nps);
    /* Ranks by mean mark: among all providers, and within each gemeente. */
    for (size_t i = 0; i < h->n; i++) {
        st_hv_row *a = &h->rows[i];
        if (a->suppressed || isnan(a->mark))
            continue;
        int rank = 1;
        for (size_t k = 0; k < h->n; k++) {
            const st_hv_row *b = &h->rows[k];
            if (k == i || b->suppressed || isnan(b->mark) ||
                strcmp(a->dimension, b->dimension) != 0)
                continue;
            if (strcmp(a->dimension, "gemeente+aanbieder") == 0 &&
                (gemeente_len(a->group) != gemeente_len(b->group) ||
                 strncmp(a->group, b->group, gemeente_len(a->group)) != 0))
                continue;
            rank += b->mark > a->mark;
        }
        a->rank = rank;
    }
    return h;
}

void st_hv_free(st_hv *h)
{
    if (!h)
        return;
    ceo_free(h->rows);
    ceo_free(h);
}

size_t st_hv_count(const st_hv *h)
{
    return h->n;
}

const st_hv_row *st_hv_row_at(const st_hv *h, size_t i)
{
    return &h->rows[i];
}
