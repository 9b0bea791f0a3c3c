/*
 * tally.c - one pass over the respondents per question or theme (scale, multiple choice, open
 * text, theme), adding to per-group counters with no string work and no allocation per
 * respondent, and the rows made from those counters. Marks and numbers are numbers.c's.
 */
#include "statspriv.h"

#include <math.h>
#include <string.h>

/* A new copy of the 2 H sums per stratum of group g at ab + g * 2 H, or of their sum over G
 * groups when g is G; NULL (and nothing to free) without post-strata. *fail is set when out of
 * memory. */
double *st_strata_copy(const job *j, const double *ab, size_t g, size_t G, int *fail)
{
    size_t H = j->res->H;
    if (!H || !ab)
        return NULL;
    double *v = ceo_calloc(2 * H, sizeof *v);
    if (!v) {
        *fail = 1;
        return NULL;
    }
    for (size_t k = g < G ? g : 0; k < (g < G ? g + 1 : G); k++)
        for (size_t i = 0; i < 2 * H; i++)
            v[i] += ab[k * 2 * H + i];
    return v;
}

/* What the post-strata take from the row's sum of w^2 (y - m)^2, m = wy / w (0 without). */
double st_strata_corr(const job *j, const st_row *row, double wy, double w)
{
    if (!row->strata_sums || !(w > 0))
        return 0;
    double m = wy / w;
    return st_strata_share(row->strata_sums, m, row->strata_sums, m, j->res->strata_n, j->res->H);
}

/* Post-strata: per group and stratum the sums (w, w y) of a proportion, y = 1 for a chosen
 * answer, into a new array of G * 2 H (NULL without post-strata; *fail when out of memory).
 * base and chosen hold weights per group, stratum and category: for a scale question both are
 * the weights per answer (the base its valid answers, y its positive ones, or option o of an
 * enkel question); for a multiple-choice option c, the base and the chosen. */
static double *strata_props(const job *j, const double *base, const double *chosen, size_t G,
                            size_t C, const sv_scale *sc, int enkel, size_t o, int multi, int *fail)
{
    size_t H = j->res->H;
    if (!H || !base)
        return NULL;
    double *ab = ceo_calloc(G * 2 * H, sizeof *ab);
    if (!ab) {
        *fail = 1;
        return NULL;
    }
    for (size_t g = 0; g < G; g++)
        for (size_t h = 0; h < H; h++) {
            const double *b = base + (g * H + h) * C, *x = chosen + (g * H + h) * C;
            double *v = ab + g * 2 * H + 2 * h;
            if (multi) {
                v[0] = b[o];
                v[1] = x[o];
                continue;
            }
            for (size_t c = 0; c < C; c++) {
                if (sc->cats[c].dir == SV_DIR_INVALID)
                    continue;
                v[0] += b[c];
                if (enkel ? c == o : sc->cats[c].dir == SV_DIR_POSITIVE)
                    v[1] += x[c];
            }
        }
    return ab;
}

double st_weight(const job *j, size_t r)
{
    return j->w ? j->w[r] : 1.0;
}

static const uint16_t *item_codes(const job *j, int item)
{
    return j->pp && j->pp->codes[item] ? j->pp->codes[item] : sv_table_codes(j->t, item);
}

const double *st_item_numbers(const job *j, int item)
{
    return j->pp && j->pp->nums[item] ? j->pp->nums[item] : sv_table_numbers(j->t, item);
}

static const uint32_t *item_multi(const job *j, int item)
{
    return j->pp && j->pp->multi[item] ? j->pp->multi[item] : sv_table_multi(j->t, item);
}

/* The counts per cell of slot s (job.hist), width of them per cell: new and zero (*fresh set:
 * the caller counts them, once) or as counted before; NULL when out of memory. */
static uint32_t *cell_counts(const job *j, size_t s, size_t width, int *fresh)
{
    *fresh = !j->hist[s];
    if (*fresh)
        j->hist[s] = ceo_calloc(j->pp->ncells * width + 1, sizeof **j->hist);
    return j->hist[s];
}

void st_tally_free(tally *tl)
{
    ceo_free(tl->cnt);
    ceo_free(tl->wc);
    ceo_free(tl->w2);
    ceo_free(tl->w2c);
    ceo_free(tl->hc);
    ceo_free(tl->hb);
    ceo_free(tl->n);
    ceo_free(tl->sw);
    ceo_free(tl->sw2);
    ceo_free(tl->acc);
    memset(tl, 0, sizeof *tl);
}

/* The tally_* functions read the table and the dimension and write only their tally and err,
 * so that they can run on any thread; each adds its sums in row order. */

/* Counts of a scale question (likert, janee) or an enkel question per group and category. */
ceo_status st_tally_scale(const job *j, const dim *d, int item, tally *tl, ceo_error *err)
{
    const sv_item *it = sv_codebook_item(j->cb, (size_t)item);
    const sv_scale *sc = sv_codebook_scale(j->cb, it->scale);
    const uint16_t *codes = item_codes(j, item);
    size_t G = d->ngroups, C = sc->ncats;
    long *cnt = tl->cnt = ceo_calloc(G * C + C, sizeof *cnt); /* last C: the whole region */
    double *wc = tl->wc = ceo_calloc(G * C, sizeof *wc);
    double *w2 = tl->w2 = ceo_calloc(G, sizeof *w2);
    double *w2c = tl->w2c = ceo_calloc(G * C, sizeof *w2c);
    size_t H = j->cell ? j->res->H : 0;
    double *hc = tl->hc = H ? ceo_calloc(G * H * C, sizeof *hc) : NULL;
    if (!cnt || !wc || !w2 || !w2c || (H && !hc))
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    if (j->w) {
        for (size_t r = 0; r < j->nrows; r++) {
            if (!codes[r])
                continue;
            size_t g = (size_t)d->gidx[r], c = codes[r] - 1u;
            double w = j->w[r];
            cnt[g * C + c]++;
            cnt[G * C + c]++;
            wc[g * C + c] += w;
            w2c[g * C + c] += w * w;
            if (hc)
                hc[(g * H + (size_t)j->cell[r]) * C + c] += w;
            if (sc->cats[c].dir != SV_DIR_INVALID)
                w2[g] += w * w;
        }
    } else {
        /* Unweighted, the common case: only counts in the pass over the respondents (or
         * over the cells); the whole region and the weight sums (each weight 1) follow. */
        if (d->cell_gidx) {
            int fresh;
            uint32_t *h = cell_counts(j, (size_t)item, C, &fresh);
            if (!h)
                return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            const uint32_t *cell = j->pp->cell;
            for (size_t r = 0; fresh && r < j->nrows; r++)
                if (codes[r])
                    h[(size_t)cell[r] * C + codes[r] - 1u]++;
            for (size_t k = 0; k < j->pp->ncells; k++)
                for (size_t c = 0; c < C; c++)
                    cnt[(size_t)d->cell_gidx[k] * C + c] += h[k * C + c];
        } else {
            for (size_t r = 0; r < j->nrows; r++)
                if (codes[r])
                    cnt[(size_t)d->gidx[r] * C + codes[r] - 1u]++;
        }
        for (size_t g = 0; g < G; g++)
            for (size_t c = 0; c < C; c++) {
                long k = cnt[g * C + c];
                cnt[G * C + c] += k;
                wc[g * C + c] = w2c[g * C + c] = (double)k;
                if (sc->cats[c].dir != SV_DIR_INVALID)
                    w2[g] += (double)k;
            }
    }
    return CEO_OK;
}

/* Rows of a scale question (likert, janee) or of each option of an enkel question. */
ceo_status st_scale_rows(job *j, const dim *d, int item, const tally *tl, size_t *first,
                         size_t *count)
{
    const sv_item *it = sv_codebook_item(j->cb, (size_t)item);
    const sv_scale *sc = sv_codebook_scale(j->cb, it->scale);
    size_t G = d->ngroups, C = sc->ncats;
    const long *cnt = tl->cnt;
    const double *wc = tl->wc, *w2 = tl->w2, *w2c = tl->w2c;
    int enkel = it->type == SV_T_ENKEL;
    size_t nopts = enkel ? C : 1;
    ceo_status st = CEO_OK;
    *first = j->res->n;
    *count = 0;
    for (size_t o = 0; o < nopts && st == CEO_OK; o++) {
        if (enkel && sc->cats[o].dir == SV_DIR_INVALID)
            continue;
        /* whole-region positives for the tests, counted and weighted */
        long X = 0, N = 0;
        double aw = 0, awpos = 0, aw2 = 0, aw2pos = 0;
        for (size_t c = 0; c < C; c++) {
            if (sc->cats[c].dir == SV_DIR_INVALID)
                continue;
            int pos = enkel ? c == o : sc->cats[c].dir == SV_DIR_POSITIVE;
            N += cnt[G * C + c];
            if (pos)
                X += cnt[G * C + c];
            for (size_t g = 0; j->w && g < G; g++) {
                aw += wc[g * C + c];
                aw2 += w2c[g * C + c];
                awpos += pos ? wc[g * C + c] : 0;
                aw2pos += pos ? w2c[g * C + c] : 0;
            }
        }
        wsums all = st_prop_sums(N, aw, awpos, aw2, aw2pos);
        int fail = 0;
        double *ab = strata_props(j, tl->hc, tl->hc, G, C, sc, enkel, o, 0, &fail);
        double *aball = st_strata_copy(j, ab, G, G, &fail);
        const char *q = enkel ? st_keep_join(j->res, it->id, sc->cats[o].id) : it->id;
        if (!q || fail)
            st = ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t i = 0; i < G && st == CEO_OK; i++) {
            size_t g = d->order[i];
            st_row *row = st_new_row(j->res);
            if (!row) {
                st = ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
                break;
            }
            row->dimension = d->name;
            row->group = d->gnames[g];
            row->question = q;
            row->theme = enkel ? "" : it->theme;
            catacc a;
            memset(&a, 0, sizeof a);
            a.sw2 = w2[g];
            for (size_t c = 0; c < C; c++) {
                if (sc->cats[c].dir == SV_DIR_INVALID)
                    continue;
                a.n += cnt[g * C + c];
                a.sw += wc[g * C + c];
                int pos = enkel ? c == o : sc->cats[c].dir == SV_DIR_POSITIVE;
                int neg = !enkel && sc->cats[c].dir == SV_DIR_NEGATIVE;
                a.pos += pos ? cnt[g * C + c] : 0;
                a.wpos += pos ? wc[g * C + c] : 0;
                a.wneg += neg ? wc[g * C + c] : 0;
                a.wpos2 += pos ? w2c[g * C + c] : 0;
            }
            row->strata_sums = st_strata_copy(j, ab, g, G, &fail);
            st_fill_cat_row(row, &a, j->w != NULL, j->nrows, st_strata_corr(j, row, a.wpos, a.sw));
            row->positives = a.pos;
            if (enkel)
                row->pct_negative = NAN;
            if (fail || (!enkel && !(row->distribution = st_distribution(sc, cnt + g * C))))
                st = ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            if (strcmp(d->name, "totaal") != 0 && !j->w) {
                st_test_vs_rest(row, a.pos, a.n, X, N);
            } else if (strcmp(d->name, "totaal") != 0) {
                wsums gs = st_prop_sums(a.n, a.sw, a.wpos, a.sw2, a.wpos2);
                st_design_vs_rest(row, &gs, &all, j->nrows, row->strata_sums, aball, j->res);
            }
            (*count)++;
        }
        ceo_free(ab);
        ceo_free(aball);
    }
    return st;
}

/* Every option asked: the base of each option is the question's, counted in option 0's slot
 * (per group, and for the whole region from all who answered). */
static void multi_whole_base(tally *tl, size_t G, size_t C)
{
    long *n = tl->n;
    n[G * C] = n[(G + 1) * C];
    for (size_t g = 0; g <= G; g++)
        for (size_t c = 1; c < C; c++) {
            n[g * C + c] = n[g * C];
            if (g < G) {
                tl->sw[g * C + c] = tl->sw[g * C];
                tl->sw2[g * C + c] = tl->sw2[g * C];
            }
        }
}

/* st_tally_multi by the cells of the published population, unweighted. Per cell: those who
 * answered, per option those of them asked it (with unasked options; else option 0 holds all who
 * answered), per option those who chose it. */
static ceo_status multi_by_cells(const job *j, const dim *d, int item, const uint32_t *m,
                                 const uint32_t *unasked, size_t C, tally *tl, ceo_error *err)
{
    size_t G = d->ngroups, width = 1 + 2 * C;
    int fresh;
    uint32_t *h = cell_counts(j, (size_t)item, width, &fresh);
    if (!h)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    const uint32_t *cell = j->pp->cell;
    for (size_t r = 0; fresh && r < j->nrows; r++) {
        if (!(m[r] & SV_MULTI_ANSWERED))
            continue;
        uint32_t *x = h + (size_t)cell[r] * width;
        x[0]++;
        for (size_t c = 0; unasked && c < C; c++)
            x[1 + c] += !(c < 31 && (unasked[r] & (1u << c)));
        for (size_t c = 0; c < C && c < 31; c++)
            x[1 + C + c] += (m[r] >> c) & 1u;
    }
    long *n = tl->n, *cnt = tl->cnt;
    double *sw = tl->sw, *sw2 = tl->sw2, *wc = tl->wc, *w2c = tl->w2c;
    for (size_t k = 0; k < j->pp->ncells; k++) {
        const uint32_t *x = h + k * width;
        size_t g = (size_t)d->cell_gidx[k];
        n[(G + 1) * C] += x[0];
        for (size_t c = 0; c < (unasked ? C : 1); c++) {
            long a = unasked ? x[1 + c] : x[0];
            n[g * C + c] += a;
            if (unasked)
                n[G * C + c] += a;
            sw[g * C + c] += (double)a;
            sw2[g * C + c] += (double)a;
        }
        for (size_t c = 0; c < C && c < 31; c++) {
            cnt[g * C + c] += x[1 + C + c];
            cnt[G * C + c] += x[1 + C + c];
            wc[g * C + c] += x[1 + C + c];
            w2c[g * C + c] += x[1 + C + c];
        }
    }
    if (!unasked)
        multi_whole_base(tl, G, C);
    return CEO_OK;
}

/* Counts and weights of a multi-select question per group and option. An option the export
 * did not ask (sv_table_multi_unasked) is left out of that respondent's base for the option:
 * neither chosen nor not chosen. */
ceo_status st_tally_multi(const job *j, const dim *d, int item, tally *tl, ceo_error *err)
{
    const sv_item *it = sv_codebook_item(j->cb, (size_t)item);
    const sv_scale *sc = sv_codebook_scale(j->cb, it->scale);
    const uint32_t *m = item_multi(j, item), *unasked = sv_table_multi_unasked(j->t, item);
    size_t G = d->ngroups, C = sc->ncats;
    long *n = tl->n = ceo_calloc((G + 1) * C + 1, sizeof *n);
    long *cnt = tl->cnt = ceo_calloc((G + 1) * C, sizeof *cnt);
    double *sw = tl->sw = ceo_calloc(G * C, sizeof *sw);
    double *sw2 = tl->sw2 = ceo_calloc(G * C, sizeof *sw2);
    double *wc = tl->wc = ceo_calloc(G * C, sizeof *wc);
    double *w2c = tl->w2c = ceo_calloc(G * C, sizeof *w2c);
    size_t H = j->cell ? j->res->H : 0;
    double *hb = tl->hb = H ? ceo_calloc(G * H * C, sizeof *hb) : NULL;
    double *hc = tl->hc = H ? ceo_calloc(G * H * C, sizeof *hc) : NULL;
    if (!n || !cnt || !sw || !sw2 || !wc || !w2c || (H && (!hb || !hc)))
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    if (d->cell_gidx) /* unweighted: the same counts (and sums of ones) from the cells */
        return multi_by_cells(j, d, item, m, unasked, C, tl, err);
    for (size_t r = 0; r < j->nrows; r++) {
        if (!(m[r] & SV_MULTI_ANSWERED))
            continue;
        size_t g = (size_t)d->gidx[r];
        double w = st_weight(j, r);
        n[(G + 1) * C]++;
        if (unasked) {
            for (size_t c = 0; c < C; c++) {
                if (c < 31 && (unasked[r] & (1u << c)))
                    continue;
                n[g * C + c]++;
                n[G * C + c]++;
                sw[g * C + c] += w;
                sw2[g * C + c] += w * w;
            }
        } else { /* every option asked: the base is the question's, kept in option 0's slot */
            n[g * C]++;
            sw[g * C] += w;
            sw2[g * C] += w * w;
        }
        for (size_t c = 0; c < C && c < 31; c++)
            if (m[r] & (1u << c)) {
                cnt[g * C + c]++;
                cnt[G * C + c]++;
                wc[g * C + c] += w;
                w2c[g * C + c] += w * w;
            }
        for (size_t c = 0; hb && c < C; c++) {
            if (unasked && c < 31 && (unasked[r] & (1u << c)))
                continue;
            size_t k = ((size_t)g * H + (size_t)j->cell[r]) * C + c;
            hb[k] += w;
            if (c < 31 && (m[r] & (1u << c)))
                hc[k] += w;
        }
    }
    if (!unasked)
        multi_whole_base(tl, G, C);
    return CEO_OK;
}

/* Rows of each option of a multi-select question: % of those who answered and were asked it
 * that chose it. An option asked of none of those who answered has no rows: like a question
 * the export lacks, it was not asked (a group whose respondents were not asked it has n 0). */
ceo_status st_multi_rows(job *j, const dim *d, int item, const tally *tl, size_t *first,
                         size_t *count)
{
    const sv_item *it = sv_codebook_item(j->cb, (size_t)item);
    const sv_scale *sc = sv_codebook_scale(j->cb, it->scale);
    size_t G = d->ngroups, C = sc->ncats;
    const long *n = tl->n, *cnt = tl->cnt;
    const double *sw = tl->sw, *sw2 = tl->sw2, *wc = tl->wc, *w2c = tl->w2c;
    ceo_status st = CEO_OK;
    *first = j->res->n;
    *count = 0;
    for (size_t c = 0; c < C && st == CEO_OK; c++) {
        if (n[G * C + c] == 0 && n[(G + 1) * C] > 0)
            continue;
        const char *q = st_keep_join(j->res, it->id, sc->cats[c].id);
        if (!q)
            st = ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        double aw = 0, awpos = 0, aw2 = 0, aw2pos = 0;
        for (size_t g = 0; j->w && g < G; g++) {
            aw += sw[g * C + c];
            aw2 += sw2[g * C + c];
            awpos += wc[g * C + c];
            aw2pos += w2c[g * C + c];
        }
        wsums all = st_prop_sums(n[G * C + c], aw, awpos, aw2, aw2pos);
        int fail = 0;
        double *ab = strata_props(j, tl->hb, tl->hc, G, C, sc, 0, c, 1, &fail);
        double *aball = st_strata_copy(j, ab, G, G, &fail);
        if (fail)
            st = ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t i = 0; i < G && st == CEO_OK; i++) {
            size_t g = d->order[i];
            st_row *row = st_new_row(j->res);
            if (!row) {
                st = ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
                break;
            }
            row->dimension = d->name;
            row->group = d->gnames[g];
            row->question = q;
            catacc a;
            memset(&a, 0, sizeof a);
            a.n = n[g * C + c];
            a.sw = sw[g * C + c];
            a.sw2 = sw2[g * C + c];
            a.pos = cnt[g * C + c];
            a.wpos = wc[g * C + c];
            a.wpos2 = w2c[g * C + c];
            row->strata_sums = st_strata_copy(j, ab, g, G, &fail);
            st_fill_cat_row(row, &a, j->w != NULL, j->nrows, st_strata_corr(j, row, a.wpos, a.sw));
            row->positives = a.pos;
            row->pct_negative = NAN;
            if (fail)
                st = ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            if (strcmp(d->name, "totaal") != 0 && !j->w) {
                st_test_vs_rest(row, a.pos, a.n, cnt[G * C + c], n[G * C + c]);
            } else if (strcmp(d->name, "totaal") != 0) {
                wsums gs = st_prop_sums(a.n, a.sw, a.wpos, a.sw2, a.wpos2);
                st_design_vs_rest(row, &gs, &all, j->nrows, row->strata_sums, aball, j->res);
            }
            (*count)++;
        }
        ceo_free(ab);
        ceo_free(aball);
    }
    return st;
}

/* Per group, the respondents who wrote something. */
ceo_status st_tally_text(const job *j, const dim *d, int item, tally *tl, ceo_error *err)
{
    const uint16_t *codes = item_codes(j, item);
    long *n = tl->n = ceo_calloc(d->ngroups, sizeof *n);
    if (!n)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t r = 0; r < j->nrows; r++)
        n[d->gidx[r]] += codes[r] != 0;
    return CEO_OK;
}

ceo_status st_text_rows(job *j, const dim *d, int item, const tally *tl, size_t *first,
                        size_t *count)
{
    const sv_item *it = sv_codebook_item(j->cb, (size_t)item);
    *first = j->res->n;
    *count = 0;
    for (size_t i = 0; i < d->ngroups; i++) {
        st_row *row = st_new_row(j->res);
        if (!row)
            return ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        row->dimension = d->name;
        row->group = d->gnames[d->order[i]];
        row->question = it->id;
        row->n = tl->n[d->order[i]];
        (*count)++;
    }
    return CEO_OK;
}

/* Per group, the respondents with a valid answer on any item of the theme: the theme's
 * columns and a table of which codes are valid are looked up once, before the pass. */
ceo_status st_tally_theme(const job *j, const dim *d, const char *theme, tally *tl, ceo_error *err)
{
    size_t nitems = sv_codebook_nitems(j->cb), ncols = 0;
    size_t width = 1; /* codes run from 0 (missing) to the largest scale's size */
    for (size_t i = 0; i < nitems; i++) {
        const sv_item *it = sv_codebook_item(j->cb, i);
        if (!st_theme_item(j, i) || strcmp(it->theme, theme) != 0)
            continue;
        size_t nc = sv_codebook_scale(j->cb, it->scale)->ncats;
        if (nc + 1 > width)
            width = nc + 1;
        ncols++;
    }
    const uint16_t **cols = ceo_calloc(ncols, sizeof *cols);
    unsigned char *valid = ceo_calloc(ncols * width, 1); /* per column, per code */
    long *ng = tl->n = ceo_calloc(d->ngroups, sizeof *ng);
    ceo_status st = CEO_OK;
    if (!cols || !valid || !ng)
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0, c = 0; st == CEO_OK && i < nitems; i++) {
        const sv_item *it = sv_codebook_item(j->cb, i);
        if (!st_theme_item(j, i) || strcmp(it->theme, theme) != 0)
            continue;
        const sv_scale *sc = sv_codebook_scale(j->cb, it->scale);
        for (size_t k = 0; k < sc->ncats; k++)
            valid[c * width + k + 1] = sc->cats[k].dir != SV_DIR_INVALID;
        cols[c++] = item_codes(j, (int)i);
    }
    size_t slot = st_pp_theme_slot(j->pp, theme);
    const unsigned char *ex = slot != (size_t)-1 ? j->pp->ex[slot] : NULL;
    /* by cells: the theme's slot counts per cell, then per group */
    int fresh = 1;
    uint32_t *h = NULL;
    if (st == CEO_OK && d->cell_gidx && slot != (size_t)-1 &&
        !(h = cell_counts(j, slot, 1, &fresh)))
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t r = 0; st == CEO_OK && fresh && r < j->nrows; r++) {
        int any = 0;
        for (size_t c = 0; c < ncols && !any && !(ex && ex[r]); c++)
            any = cols[c][r] < width && valid[c * width + cols[c][r]];
        if (h)
            h[j->pp->cell[r]] += (uint32_t)any;
        else
            ng[d->gidx[r]] += any;
    }
    for (size_t k = 0; st == CEO_OK && h && k < j->pp->ncells; k++)
        ng[d->cell_gidx[k]] += h[k];
    ceo_free(cols);
    ceo_free(valid);
    return st;
}

/* Theme rows: per group the mean of the theme's statements' percentages; suppressed with any
 * of them. ng holds the respondents per group (st_tally_theme); blocks the rows of the likert and
 * janee questions made so far. */
ceo_status st_theme_rows(job *j, const dim *d, const char *theme, const long *ng,
                         const block *blocks, const int *block_item, size_t nblocks)
{
    size_t first = j->res->n;
    for (size_t i = 0; i < d->ngroups; i++) {
        size_t g = d->order[i];
        long n = ng[g];
        double sum_pos = 0, sum_neg = 0;
        int items = 0, hidden = 0;
        for (size_t b = 0; b < nblocks; b++) {
            const sv_item *it = sv_codebook_item(j->cb, (size_t)block_item[b]);
            if (strcmp(it->theme, theme) != 0 || it->type != SV_T_LIKERT)
                continue;
            const st_row *ir = &j->res->rows[blocks[b].first + i];
            if (ir->suppressed)
                hidden = 1;
            else if (ir->n > 0) {
                sum_pos += ir->pct_positive;
                sum_neg += ir->pct_negative;
                items++;
            }
        }
        st_row *row = st_new_row(j->res);
        if (!row)
            return ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        row->dimension = d->name;
        row->group = d->gnames[g];
        row->question = "";
        row->theme = theme;
        row->n = n;
        if (items) {
            row->pct_positive = sum_pos / items;
            row->pct_negative = sum_neg / items;
        }
        row->suppressed = hidden; /* st_suppress() says why */
    }
    st_suppress(j, d, first, d->ngroups, st_pp_theme_slot(j->pp, theme));
    return CEO_OK;
}
