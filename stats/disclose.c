/*
 * disclose.c - disclosure control (docs/METHODS.md, "Disclosure control"). Before the passes, the
 * published population: per question, the respondents of every group below min_n in the
 * publication's dimensions are left out of all figures (pubpop), so the small group is in no sum
 * and every other group keeps its figures. After them, per block of rows, the small groups are
 * hidden (primary) and, in a crossing, complementary cells chosen so that no hidden count is
 * determined to within ST_PROTECT_WIDTH (hypercube); st_blank clears what a hidden row showed.
 */
#include "statspriv.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Clears what a suppressed row must not show; n is kept until now because the slice logic of
 * the secondary suppression needs it. */
void st_blank(st_row *row)
{
    row->n = -1;
    row->indicative = 0;
    row->n_effective = NAN;
    row->pct_positive = row->ci_low = row->ci_high = row->pct_negative = NAN;
    row->mean = row->median = NAN;
    row->p_vs_rest = NAN;
    row->test = "";
    row->positives = 0;
    row->sd = row->w_sum = row->lin_ss = NAN;
    ceo_free(row->distribution);
    row->distribution = NULL;
    ceo_free(row->strata_sums);
    row->strata_sums = NULL;
}

void st_pubpop_free(pubpop *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->ndims; i++)
        st_dim_free(&p->dims[i]);
    for (size_t s = 0; s < p->nslots; s++) {
        ceo_free(p->out ? p->out[s] : NULL);
        ceo_free(p->ex ? p->ex[s] : NULL);
    }
    for (size_t i = 0; i < p->nitems; i++) {
        ceo_free(p->codes ? p->codes[i] : NULL);
        ceo_free(p->nums ? p->nums[i] : NULL);
        ceo_free(p->multi ? p->multi[i] : NULL);
    }
    ceo_free(p->cell);
    ceo_free(p->cell_group);
    ceo_free(p->out);
    ceo_free(p->ex);
    ceo_free(p->codes);
    ceo_free(p->nums);
    ceo_free(p->multi);
    ceo_free(p);
}

int st_pp_dim(const pubpop *p, const char *name, size_t len)
{
    for (int i = 0; p && i < p->ndims; i++)
        if (strlen(p->dims[i].name) == len && memcmp(p->dims[i].name, name, len) == 0)
            return i;
    return -1;
}

/* Whether group g of protected dimension i is left out in slot s. */
static int pp_out(const pubpop *p, size_t s, int i, size_t g)
{
    return p && i >= 0 && s < p->nslots && p->out[s] && p->out[s][p->off[i] + g];
}

/* Per respondent, whether they answered item i at all (any) and validly (valid): the base of
 * the item's figures and of its distribution. */
static void pp_answers(const sv_table *t, const sv_codebook *cb, size_t i, unsigned char *any,
                       unsigned char *valid)
{
    const sv_item *it = sv_codebook_item(cb, i);
    size_t nrows = sv_table_rows(t);
    switch (sv_type_answer(it->type)) {
    case SV_ANSWER_SCALE: {
        const sv_scale *sc = sv_codebook_scale(cb, it->scale);
        const uint16_t *c = sv_table_codes(t, (int)i);
        for (size_t r = 0; r < nrows; r++) {
            any[r] = c[r] != 0;
            valid[r] = c[r] && c[r] <= sc->ncats && sc->cats[c[r] - 1].dir != SV_DIR_INVALID;
        }
        break;
    }
    case SV_ANSWER_OPTIONS: {
        const uint32_t *m = sv_table_multi(t, (int)i);
        for (size_t r = 0; r < nrows; r++)
            any[r] = valid[r] = (m[r] & SV_MULTI_ANSWERED) != 0;
        break;
    }
    case SV_ANSWER_NUMBER: {
        const double *v = sv_table_numbers(t, (int)i);
        for (size_t r = 0; r < nrows; r++)
            any[r] = valid[r] = !isnan(v[r]);
        break;
    }
    default: {
        const uint16_t *c = sv_table_codes(t, (int)i);
        for (size_t r = 0; r < nrows; r++)
            any[r] = valid[r] = c[r] != 0;
        break;
    }
    }
}

/* Leaves out, in slot s, every group below min_n and its respondents, until none is left;
 * out starts with the groups already known to be out (a theme's: its items'). One pass counts
 * per cell the respondents who answered (any) and validly (valid); the groups' counts are
 * the sums of the cells not out yet. Each round then leaves out the groups below min_n and
 * takes the cells of those groups out of the counts (a cell leaves once, with the first of its
 * groups to go). Returns 0, or -1 out of memory. */
static int pp_settle(pubpop *p, size_t s, const unsigned char *any, const unsigned char *valid,
                     size_t nrows, long min_n)
{
    size_t total = p->off[p->ndims], K = p->ncells, D = (size_t)p->ndims;
    const uint32_t *cell = p->cell;
    const int *cg = p->cell_group;
    long *na = ceo_calloc(total + 1, sizeof *na), *nv = ceo_calloc(total + 1, sizeof *nv);
    long *ca = ceo_calloc(K + 1, sizeof *ca), *cv = ceo_calloc(K + 1, sizeof *cv);
    unsigned char *out = p->out[s] ? p->out[s] : ceo_calloc(total + 1, 1);
    unsigned char *fresh = ceo_calloc(total + 1, 1); /* left out in this round */
    unsigned char *cex = ceo_calloc(K + 1, 1);       /* the cells left out */
    int ok = na && nv && ca && cv && out && fresh && cex, anyout = 0;
    if (ok) {
        for (size_t r = 0; r < nrows; r++)
            if (any[r]) {
                ca[cell[r]]++;
                cv[cell[r]] += valid[r];
            }
        for (size_t k = 0; k < total; k++)
            anyout |= out[k];
        for (size_t c = 0; c < K; c++) {
            for (size_t i = 0; anyout && i < D && !cex[c]; i++)
                cex[c] = out[p->off[i] + (size_t)cg[c * D + i]];
            for (size_t i = 0; !cex[c] && ca[c] && i < D; i++) {
                na[p->off[i] + (size_t)cg[c * D + i]] += ca[c];
                nv[p->off[i] + (size_t)cg[c * D + i]] += cv[c];
            }
        }
        for (;;) {
            int changed = 0;
            for (size_t k = 0; k < total; k++)
                if (!out[k] && na[k] > 0 && nv[k] < min_n)
                    out[k] = fresh[k] = 1, changed = 1;
            if (!changed)
                break;
            anyout = 1;
            for (size_t c = 0; c < K; c++) {
                if (cex[c])
                    continue;
                for (size_t i = 0; i < D && !cex[c]; i++)
                    cex[c] = fresh[p->off[i] + (size_t)cg[c * D + i]];
                for (size_t i = 0; cex[c] && ca[c] && i < D; i++) {
                    na[p->off[i] + (size_t)cg[c * D + i]] -= ca[c];
                    nv[p->off[i] + (size_t)cg[c * D + i]] -= cv[c];
                }
            }
            memset(fresh, 0, total);
        }
    }
    unsigned char *ex = ok && anyout ? ceo_malloc(nrows ? nrows : 1) : NULL;
    if (ex)
        for (size_t r = 0; r < nrows; r++)
            ex[r] = cex[cell[r]];
    ceo_free(na);
    ceo_free(nv);
    ceo_free(ca);
    ceo_free(cv);
    ceo_free(fresh);
    ceo_free(cex);
    if (!ok || (anyout && !ex)) {
        if (out != p->out[s])
            ceo_free(out);
        return -1;
    }
    if (!anyout) {
        ceo_free(out);
        p->out[s] = NULL;
        p->ex[s] = NULL;
        return 0;
    }
    p->out[s] = out;
    p->ex[s] = ex;
    return 0;
}

/* The cells of the protected dimensions (pubpop): the combinations of groups the respondents
 * have, numbered dimension by dimension through a table of every pair (cell so far, group)
 * while that table is small; when it would not be, each respondent is a cell of their own.
 * Returns 0, or -1 out of memory. */
static int pp_cells(pubpop *p, size_t nrows)
{
    size_t D = (size_t)p->ndims, K = 0;
    if (nrows >= UINT32_MAX) /* more respondents than a cell number can count */
        return -1;
    uint32_t *cell = ceo_malloc((nrows ? nrows : 1) * sizeof *cell);
    if (!cell)
        return -1;
    size_t limit = 4 * nrows + 65536; /* entries of the pair table */
    int single = 0;                   /* a cell per respondent */
    for (size_t i = 0; i < D && !single; i++) {
        const int *g = p->dims[i].gidx;
        size_t G = p->dims[i].ngroups;
        if (i == 0) {
            for (size_t r = 0; r < nrows; r++)
                cell[r] = (uint32_t)g[r];
            K = G;
            continue;
        }
        if (G && K > limit / G) {
            single = 1;
            break;
        }
        size_t pairs = K * G;
        uint32_t *map = ceo_malloc((pairs ? pairs : 1) * sizeof *map);
        if (!map) {
            ceo_free(cell);
            return -1;
        }
        for (size_t k = 0; k < pairs; k++)
            map[k] = UINT32_MAX;
        uint32_t next = 0;
        for (size_t r = 0; r < nrows; r++) {
            size_t k = (size_t)cell[r] * G + (size_t)g[r];
            if (map[k] == UINT32_MAX)
                map[k] = next++;
            cell[r] = map[k];
        }
        ceo_free(map);
        K = next;
    }
    if (single) {
        for (size_t r = 0; r < nrows; r++)
            cell[r] = (uint32_t)r;
        K = nrows;
    }
    size_t size = K * D;
    int *cg = ceo_calloc(size ? size : 1, sizeof *cg); /* every cell has respondents: all set */
    if (!cg) {
        ceo_free(cell);
        return -1;
    }
    for (size_t r = 0; r < nrows; r++)
        for (size_t i = 0; i < D; i++)
            cg[(size_t)cell[r] * D + i] = p->dims[i].gidx[r];

    p->cell = cell;
    p->ncells = K;
    p->cell_group = cg;
    return 0;
}

/* The item's column with the respondents left out as missing. Returns 0, or -1. */
static int pp_mask_item(pubpop *p, const sv_table *t, const sv_codebook *cb, size_t i)
{
    const unsigned char *ex = p->ex[i];
    size_t nrows = sv_table_rows(t);
    switch (sv_type_answer(sv_codebook_item(cb, i)->type)) {
    case SV_ANSWER_OPTIONS: {
        const uint32_t *m = sv_table_multi(t, (int)i);
        if (!(p->multi[i] = ceo_malloc((nrows ? nrows : 1) * sizeof *m)))
            return -1;
        for (size_t r = 0; r < nrows; r++)
            p->multi[i][r] = ex[r] ? 0 : m[r];
        return 0;
    }
    case SV_ANSWER_NUMBER: {
        const double *v = sv_table_numbers(t, (int)i);
        if (!(p->nums[i] = ceo_malloc((nrows ? nrows : 1) * sizeof *v)))
            return -1;
        for (size_t r = 0; r < nrows; r++)
            p->nums[i][r] = ex[r] ? NAN : v[r];
        return 0;
    }
    default: {
        const uint16_t *c = sv_table_codes(t, (int)i);
        if (!(p->codes[i] = ceo_malloc((nrows ? nrows : 1) * sizeof *c)))
            return -1;
        for (size_t r = 0; r < nrows; r++)
            p->codes[i][r] = ex[r] ? 0 : c[r];
        return 0;
    }
    }
}

/* The slot of a theme, or (size_t)-1. */
size_t st_pp_theme_slot(const pubpop *p, const char *theme)
{
    for (size_t k = 0; p && k < p->nthemes; k++)
        if (strcmp(p->themes[k], theme) == 0)
            return p->nitems + k;
    return (size_t)-1;
}

/* Complementary suppression in a crossing's table, the hypercube method of tau-ARGUS in two
 * dimensions: for each primary cell, one other row and column such that the four cells of the
 * rectangle, hidden together, leave the primary cell's count free over a range of at least
 * ST_PROTECT_WIDTH respondents whatever else the run publishes (the margins of the table are
 * the one-part groups, all shown or left out as a whole). Of those rectangles the one that
 * hides the fewest respondents more. Cells of a group left out are in no margin: they are
 * skipped. When no rectangle protects enough, the primary cell's whole row and column are
 * hidden. rows first..first+count are the table's cells in display order. */
#define MAX_DIST_CATS 16

/* The counts of a distribution "id:count|id:count..." into c (at most MAX_DIST_CATS, the rest
 * 0); a row without one has none. */
static void dist_counts(const st_row *w, long *c)
{
    memset(c, 0, MAX_DIST_CATS * sizeof *c);
    const char *s = w->distribution;
    for (size_t k = 0; s && *s && k < MAX_DIST_CATS; k++) {
        const char *colon = strchr(s, ':');
        if (!colon)
            break;
        c[k] = strtol(colon + 1, NULL, 10);
        s = strchr(colon, '|');
        s = s ? s + 1 : NULL;
    }
}

/* How many answer categories the rectangle (primary a, x and y beside it, z opposite) would
 * leave determined exactly while some of the primary's clients gave that answer: the cycle
 * moves category k by at most min(x, y) up and min(a, z) down. */
static long exact_categories(const st_row *a, const st_row *x, const st_row *y, const st_row *z)
{
    long ca[MAX_DIST_CATS], cx[MAX_DIST_CATS], cy[MAX_DIST_CATS], cz[MAX_DIST_CATS], n = 0;
    if (!a->distribution)
        return 0;
    dist_counts(a, ca);
    dist_counts(x, cx);
    dist_counts(y, cy);
    dist_counts(z, cz);
    for (size_t k = 0; k < MAX_DIST_CATS; k++)
        n += ca[k] > 0 && (cx[k] < cy[k] ? cx[k] : cy[k]) + (ca[k] < cz[k] ? ca[k] : cz[k]) == 0;
    return n;
}

static void hypercube(st_result *res, const dim *d, size_t first, size_t count, const pubpop *p,
                      size_t slot, const int parts[2])
{
    size_t R = 0, C = 0;
    for (size_t g = 0; g < d->ngroups; g++) {
        if ((size_t)d->part_of[2 * g] + 1 > R)
            R = (size_t)d->part_of[2 * g] + 1;
        if ((size_t)d->part_of[2 * g + 1] + 1 > C)
            C = (size_t)d->part_of[2 * g + 1] + 1;
    }
    size_t ncells = R * C;
    long *cell = ceo_malloc((ncells ? ncells : 1) * sizeof *cell); /* row index, or -1 */
    if (!cell) { /* no table to search: hide every cell */
        for (size_t i = 0; i < count; i++)
            if (!res->rows[first + i].suppressed) {
                res->rows[first + i].suppressed = 1;
                res->rows[first + i].suppression = "complementary";
            }
        return;
    }
    for (size_t k = 0; k < R * C; k++)
        cell[k] = -1;
    for (size_t i = 0; i < count; i++) {
        size_t g = d->order[i], a = (size_t)d->part_of[2 * g], b = (size_t)d->part_of[2 * g + 1];
        if (!pp_out(p, slot, parts[0], a) && !pp_out(p, slot, parts[1], b))
            cell[a * C + b] = (long)i;
    }
    for (size_t k = 0; k < R * C; k++) {
        if (cell[k] < 0)
            continue;
        st_row *pr = &res->rows[first + (size_t)cell[k]];
        if (!pr->suppressed || strcmp(pr->suppression, "primary") != 0)
            continue;
        size_t a = k / C, b = k % C;
        long best = -1;
        size_t ba = 0, bb = 0;
        for (size_t a2 = 0; a2 < R; a2++)
            for (size_t b2 = 0; a2 != a && b2 < C; b2++) {
                if (b2 == b || cell[a * C + b2] < 0 || cell[a2 * C + b] < 0 ||
                    cell[a2 * C + b2] < 0)
                    continue;
                const st_row *x = &res->rows[first + (size_t)cell[a * C + b2]];
                const st_row *y = &res->rows[first + (size_t)cell[a2 * C + b]];
                const st_row *z = &res->rows[first + (size_t)cell[a2 * C + b2]];
                /* the cycle +primary -x +z -y: up by min(x, y), down by min(primary, z) */
                long up = x->n < y->n ? x->n : y->n;
                long down = pr->n < z->n ? pr->n : z->n;
                if (up + down < ST_PROTECT_WIDTH)
                    continue;
                /* the fewest respondents hidden more, but first the fewest answers of the
                 * primary cell's clients left determined (docs/METHODS.md ("Disclosure control"))
                 */
                long cost = (x->suppressed ? 0 : x->n + 1) + (y->suppressed ? 0 : y->n + 1) +
                            (z->suppressed ? 0 : z->n + 1) + 100000 * exact_categories(pr, x, y, z);
                if (best < 0 || cost < best) {
                    best = cost;
                    ba = a2;
                    bb = b2;
                }
            }
        for (size_t m = 0; m < R * C; m++) {
            size_t ma = m / C, mb = m % C;
            int hide =
                best >= 0 ? (ma == a || ma == ba) && (mb == b || mb == bb) : ma == a || mb == b;
            st_row *x = cell[m] >= 0 ? &res->rows[first + (size_t)cell[m]] : NULL;
            if (hide && x && !x->suppressed) {
                x->suppressed = 1;
                x->suppression = "complementary";
            }
        }
    }
    ceo_free(cell);
}

/* Marks the rows of one (dimension, question) block: hidden as primary when the group is below
 * min_n or left out of the published population (slot: the question's or theme's), then,
 * in a crossing, complementary cells (hypercube). A row already hidden for another reason
 * (a theme's item) stays hidden as complementary. Returns nothing to fail. */
void st_suppress(job *j, const dim *d, size_t first, size_t count, size_t slot)
{
    const pubpop *p = j->pp;
    int parts[2] = {-1, -1};
    int total = strcmp(d->name, "totaal") == 0;
    const char *plus = strchr(d->name, '+');
    if (!total && d->nparts == 1)
        parts[0] = st_pp_dim(p, d->name, strlen(d->name));
    else if (!total && plus) {
        parts[0] = st_pp_dim(p, d->name, (size_t)(plus - d->name));
        parts[1] = st_pp_dim(p, plus + 1, strlen(plus + 1));
    }
    for (size_t i = 0; i < count; i++) {
        st_row *row = &j->res->rows[first + i];
        size_t g = d->order[i];
        int out = 0;
        if (d->nparts == 1)
            out = pp_out(p, slot, parts[0], g);
        else if (d->nparts == 2)
            out = pp_out(p, slot, parts[0], (size_t)d->part_of[2 * g]) ||
                  pp_out(p, slot, parts[1], (size_t)d->part_of[2 * g + 1]);
        if (out || (row->n > 0 && row->n < j->opt->min_n)) {
            row->suppressed = 1;
            row->suppression = "primary";
            row->left_out = out;
        } else if (row->suppressed) {
            row->suppression = "complementary";
        } else if (row->n > 0) {
            row->indicative = row->n < j->opt->indicative_n;
        }
        if (total && p && slot < p->nslots && p->ex[slot])
            row->published_only = 1;
    }
    if (d->nparts == 2)
        hypercube(j->res, d, first, count, p, slot, parts);
}

/* The settling of st_pp_build's slots, side by side: every item that counts, then every
 * theme. Each slot writes only its own entries of the pubpop, with scratch space per thread. */
typedef struct {
    const job *j;
    pubpop *p;
    unsigned char *any[ST_MAX_THREADS], *valid[ST_MAX_THREADS];
    size_t nthreads;
    atomic_int oom; /* a task ran out of memory: those not begun are skipped */
} settle_job;

static void settle_item(void *ctx, size_t i, size_t w)
{
    settle_job *c = ctx;
    const job *j = c->j;
    pubpop *p = c->p;
    if (!st_counted(j, i) || atomic_load(&c->oom))
        return;
    pp_answers(j->t, j->cb, i, c->any[w], c->valid[w]);
    if (pp_settle(p, i, c->any[w], c->valid[w], j->nrows, j->opt->min_n) != 0 ||
        (p->ex[i] && pp_mask_item(p, j->t, j->cb, i) != 0))
        atomic_store(&c->oom, 1);
}

/* A theme: its respondents are those with a valid answer on any of its items that counts; a
 * group left out of any item is left out of the theme. */
static void settle_theme(void *ctx, size_t k, size_t w)
{
    settle_job *c = ctx;
    const job *j = c->j;
    pubpop *p = c->p;
    size_t nitems = p->nitems, nrows = j->nrows, s = nitems + k, total = p->off[p->ndims];
    unsigned char *valid = c->valid[w];
    if (atomic_load(&c->oom))
        return;
    memset(valid, 0, nrows);
    for (size_t i = 0; i < nitems; i++) {
        if (!st_theme_item(j, i) || strcmp(sv_codebook_item(j->cb, i)->theme, p->themes[k]) != 0)
            continue;
        const sv_scale *sc = sv_codebook_scale(j->cb, sv_codebook_item(j->cb, i)->scale);
        const uint16_t *cd = p->codes[i] ? p->codes[i] : sv_table_codes(j->t, (int)i);
        for (size_t r = 0; r < nrows; r++)
            valid[r] |= cd[r] && cd[r] <= sc->ncats && sc->cats[cd[r] - 1].dir != SV_DIR_INVALID;
        if (p->out[i] && !p->out[s] && !(p->out[s] = ceo_calloc(total + 1, 1))) {
            atomic_store(&c->oom, 1);
            return;
        }
        for (size_t g = 0; p->out[i] && g < total; g++)
            p->out[s][g] |= p->out[i][g];
    }
    if (pp_settle(p, s, valid, valid, nrows, j->opt->min_n) != 0)
        atomic_store(&c->oom, 1);
}

static void run_settle(settle_job *c, size_t ntasks, void (*fn)(void *, size_t, size_t))
{
    if (c->nthreads > 1) {
        st_run_tasks(c->nthreads, ntasks, fn, c);
        return;
    }
    for (size_t k = 0; k < ntasks && !atomic_load(&c->oom); k++)
        fn(c, k, 0);
}

/* The published population of the run (pubpop, statspriv.h); NULL with err set out of memory or on
 * a dimension that cannot be built. */
pubpop *st_pp_build(const job *j, ceo_error *err)
{
    pubpop *p = ceo_calloc(1, sizeof *p);
    size_t nitems = sv_codebook_nitems(j->cb), nrows = j->nrows;
    if (!p) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    /* The publication's dimensions (those of the reports and the VWS export), then every
     * one-part dimension asked for. */
    char names[1024];
    size_t len = 0;
    names[0] = '\0';
    static const char *const fixed[] = {"gemeente", "aanbieder", "voorziening"};
    for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++) {
        int ki = sv_codebook_find(j->cb, fixed[k]);
        if (ki >= 0 && sv_table_has(j->t, ki))
            len +=
                (size_t)snprintf(names + len, sizeof names - len, "%s%s", len ? "," : "", fixed[k]);
    }
    if (j->opt->by && len + strlen(j->opt->by) + 2 < sizeof names)
        snprintf(names + len, sizeof names - len, "%s%s", len ? "," : "", j->opt->by);
    ceo_status st = CEO_OK;
    for (char *tok = names, *next; tok && st == CEO_OK; tok = next) {
        next = strchr(tok, ',');
        if (next)
            *next++ = '\0';
        while (*tok == ' ')
            tok++;
        if (!*tok || strchr(tok, '+') || strcmp(tok, "totaal") == 0 ||
            st_pp_dim(p, tok, strlen(tok)) >= 0 || p->ndims == PP_MAX_DIMS)
            continue;
        dim *d = &p->dims[p->ndims];
        memset(d, 0, sizeof *d);
        st = st_dim_single(j->t, tok, j->opt->period, d, err);
        p->ndims++;
        if (st == CEO_OK)
            p->off[p->ndims] = p->off[p->ndims - 1] + d->ngroups;
    }
    for (size_t i = 0; i < nitems; i++) {
        const sv_item *it = sv_codebook_item(j->cb, i);
        if (!st_theme_item(j, i))
            continue;
        size_t k = 0;
        while (k < p->nthemes && strcmp(p->themes[k], it->theme) != 0)
            k++;
        if (k == p->nthemes && p->nthemes < PP_MAX_THEMES)
            p->themes[p->nthemes++] = it->theme;
    }
    p->nitems = nitems;
    p->nslots = nitems + p->nthemes;
    p->out = ceo_calloc(p->nslots + 1, sizeof *p->out);
    p->ex = ceo_calloc(p->nslots + 1, sizeof *p->ex);
    p->codes = ceo_calloc(nitems + 1, sizeof *p->codes);
    p->nums = ceo_calloc(nitems + 1, sizeof *p->nums);
    p->multi = ceo_calloc(nitems + 1, sizeof *p->multi);
    settle_job c = {j, p, {0}, {0}, 0, 0};
    size_t nslots = 0;
    for (size_t i = 0; i < nitems; i++)
        nslots += st_counted(j, i) != 0;
    /* the items first, then the themes, which take their items' groups left out */
    c.nthreads = st_threads(j, nslots > p->nthemes ? nslots : p->nthemes);
    int oom = !p->out || !p->ex || !p->codes || !p->nums || !p->multi ||
              (st == CEO_OK && p->ndims && pp_cells(p, nrows) != 0);
    for (size_t w = 0; w < c.nthreads && !oom; w++)
        oom = !(c.any[w] = ceo_calloc(nrows + 1, 1)) || !(c.valid[w] = ceo_calloc(nrows + 1, 1));
    if (st == CEO_OK && !oom && p->ndims) {
        run_settle(&c, nitems, settle_item);
        if (!c.oom)
            run_settle(&c, p->nthemes, settle_theme);
        oom = c.oom;
    }
    for (size_t w = 0; w < c.nthreads; w++) {
        ceo_free(c.any[w]);
        ceo_free(c.valid[w]);
    }
    if (oom && st == CEO_OK)
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    if (st != CEO_OK) {
        st_pubpop_free(p);
        return NULL;
    }
    return p;
}
