/*
 * compute.c - st_compute: which items a run counts, the weights and post-strata, then per
 * dimension ("totaal" first) one pass per question and theme and their rows, then the
 * comparisons and the q-values; and the thresholds a run's options default to.
 *
 * On a large table the passes of a dimension run side by side on a few threads, each pass whole
 * on one thread, so every sum is added in the same order as on one thread; the rows are then
 * made in order on the caller's thread.
 */
#include "statspriv.h"

#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int is_question(const sv_item *it)
{
    if (strcmp(it->section, "rol") == 0 || strcmp(it->section, "contact") == 0)
        return 0;
    return it->type != SV_T_ID && it->type != SV_T_DATUM && it->type != SV_T_CATEGORIE;
}

int st_tested_item(const sv_item *it)
{
    if (!is_question(it) || strcmp(it->section, "achtergrond") == 0)
        return 0;
    return it->type == SV_T_LIKERT || it->type == SV_T_JANEE || it->type == SV_T_CIJFER ||
           it->type == SV_T_SCORE;
}

/* Item i is a question of the table that this output counts (opt->themes). */
int st_counted(const job *j, size_t i)
{
    const sv_item *it = sv_codebook_item(j->cb, i);
    if (!is_question(it) || !sv_table_has(j->t, (int)i))
        return 0;
    return !j->opt->themes ||
           (*it->theme && ceo_list_has(j->opt->themes, it->theme, strlen(it->theme)));
}

/* Whether item i counts in its theme's score: a statement (likert) of the table. A yes/no
 * question, a mark or a score of a theme is shown with it but is no part of its score, as in
 * the VNG model and bureau reports (DESIGN.md, "Theme score"). */
int st_theme_item(const job *j, size_t i)
{
    const sv_item *it = sv_codebook_item(j->cb, i);
    return st_counted(j, i) && it->type == SV_T_LIKERT;
}

/* One pass over the respondents (a question's or a theme's) and, later, its rows. */
typedef struct {
    int item;          /* the question, or -1 for a theme */
    const char *theme; /* when item is -1 */
    int done;          /* tallied by pool_worker: st and err tell how it went */
    ceo_status st;
    ceo_error err; /* its own: another thread may have made the pass */
    tally tl;
} task;

static ceo_status tally_task(const job *j, const dim *d, task *k, ceo_error *err)
{
    if (k->item < 0)
        return st_tally_theme(j, d, k->theme, &k->tl, err);
    sv_type type = sv_codebook_item(j->cb, (size_t)k->item)->type;
    switch (sv_type_answer(type)) {
    case SV_ANSWER_SCALE:
        return st_tally_scale(j, d, k->item, &k->tl, err);
    case SV_ANSWER_OPTIONS:
        return st_tally_multi(j, d, k->item, &k->tl, err);
    case SV_ANSWER_NUMBER:
        return st_tally_num(j, d, k->item, &k->tl, err);
    case SV_ANSWER_TEXT:
        /* an id is no question */
        return type == SV_T_TEKST ? st_tally_text(j, d, k->item, &k->tl, err) : CEO_OK;
    default:
        return CEO_OK;
    }
}

/* Makes the rows of a tallied task and suppresses them; the rows of a likert or janee
 * question are noted as a block for its theme. */
static ceo_status task_rows(job *j, const dim *d, const task *k, block *blocks, int *block_item,
                            size_t *nblocks)
{
    if (k->item < 0)
        return st_theme_rows(j, d, k->theme, k->tl.n, blocks, block_item, *nblocks);
    const sv_item *it = sv_codebook_item(j->cb, (size_t)k->item);
    size_t first = 0, count = 0;
    ceo_status st = CEO_OK;
    switch (sv_type_answer(it->type)) {
    case SV_ANSWER_SCALE:
        st = st_scale_rows(j, d, k->item, &k->tl, &first, &count);
        break;
    case SV_ANSWER_OPTIONS:
        st = st_multi_rows(j, d, k->item, &k->tl, &first, &count);
        break;
    case SV_ANSWER_NUMBER:
        st = st_num_rows(j, d, k->item, &k->tl, &first, &count);
        break;
    case SV_ANSWER_TEXT:
        if (it->type == SV_T_TEKST) /* an id is no question */
            st = st_text_rows(j, d, k->item, &k->tl, &first, &count);
        break;
    default:
        break;
    }
    if (st != CEO_OK)
        return st;
    /* Options of enkel/meer questions come as one block per option. */
    for (size_t b = first; b < first + count; b += d->ngroups) {
        st_suppress(j, d, b, d->ngroups, (size_t)k->item);
        if (it->type == SV_T_LIKERT || it->type == SV_T_JANEE) {
            blocks[*nblocks].first = b;
            blocks[*nblocks].count = d->ngroups;
            block_item[(*nblocks)++] = k->item;
        }
    }
    return CEO_OK;
}

/* Below this many respondents a dimension's passes stay on one thread: starting threads would
 * cost more than they save. */
#define PAR_MIN_ROWS 50000

/* How many threads make a run's passes: one per processor (or opt->threads), at most
 * ST_MAX_THREADS and one per task; one for a small table, and while a test makes allocations
 * fail (the same allocation must fail in every run). */
size_t st_threads(const job *j, size_t ntasks)
{
    if (j->nrows < PAR_MIN_ROWS || ntasks < 2 || ceo_alloc_failing())
        return 1;
    long n = j->opt->threads > 0 ? j->opt->threads : sysconf(_SC_NPROCESSORS_ONLN);
    if (n > ST_MAX_THREADS)
        n = ST_MAX_THREADS;
    if (n < 1)
        n = 1;
    return (size_t)n < ntasks ? (size_t)n : ntasks;
}

typedef struct {
    void (*fn)(void *ctx, size_t k, size_t w);
    void *ctx;
    size_t ntasks;
    atomic_size_t next; /* the next task to hand out */
} pool;

typedef struct {
    pool *p;
    size_t w;
} worker;

static void *pool_worker(void *arg)
{
    worker *a = arg;
    for (;;) {
        size_t k = atomic_fetch_add_explicit(&a->p->next, 1, memory_order_relaxed);
        if (k >= a->p->ntasks)
            return NULL;
        a->p->fn(a->p->ctx, k, a->w);
    }
}

/* Runs every task on n threads, this one (worker 0) among them. Nothing is shared but the
 * counter that hands out the tasks; the joins publish what the tasks wrote to this thread. */
void st_run_tasks(size_t n, size_t ntasks, void (*fn)(void *ctx, size_t k, size_t w), void *ctx)
{
    pool p = {fn, ctx, ntasks, 0};
    if (n > ntasks)
        n = ntasks;
    pthread_t tids[ST_MAX_THREADS];
    worker ws[ST_MAX_THREADS];
    size_t started = 0;
    for (; started + 1 < n && started + 1 < ST_MAX_THREADS; started++) {
        ws[started + 1] = (worker){&p, started + 1};
        if (pthread_create(&tids[started], NULL, pool_worker, &ws[started + 1]) != 0)
            break;
    }
    ws[0] = (worker){&p, 0};
    pool_worker(&ws[0]);
    for (size_t k = 0; k < started; k++)
        pthread_join(tids[k], NULL);
}

typedef struct {
    const job *j;
    const dim *d;
    task *tasks;
} dim_tasks;

/* A task runs whole on one thread, so its sums are added in the same order as on one thread:
 * the figures are the same bit for bit. */
static void tally_one(void *ctx, size_t k, size_t w)
{
    dim_tasks *c = ctx;
    task *tk = &c->tasks[k];
    (void)w;
    tk->st = tally_task(c->j, c->d, tk, &tk->err);
    tk->done = 1;
}

/* Per cell of the run's published population, the group of d it is in, into *out; NULL when
 * the run does not count by cells, or some cell's respondents are in more than one group of d
 * (then d counts respondents). Returns 0, or -1 out of memory. */
static int cell_groups(const job *j, const dim *d, int **out)
{
    *out = NULL;
    if (!j->hist)
        return 0;
    size_t K = j->pp->ncells;
    int *m = ceo_malloc((K ? K : 1) * sizeof *m);
    if (!m)
        return -1;
    for (size_t k = 0; k < K; k++)
        m[k] = -1;
    for (size_t r = 0; r < j->nrows; r++) {
        int *g = &m[j->pp->cell[r]];
        if (*g < 0) {
            *g = d->gidx[r];
        } else if (*g != d->gidx[r]) {
            ceo_free(m);
            return 0;
        }
    }
    for (size_t k = 0; k < K; k++) /* a cell without respondents (none is made): counts none */
        if (m[k] < 0)
            m[k] = 0;
    *out = m;
    return 0;
}

/* The rows of one dimension: per question of the table in codebook order, then per theme (at
 * most 16, in the order of their first question). With a large table the passes over the
 * respondents are made first, side by side (st_run_tasks); the rows are then made here in order,
 * and the first failure in that order is the one reported. */
static ceo_status do_dimension(job *j, dim *d)
{
    size_t nitems = sv_codebook_nitems(j->cb), nquestions = 0, nthemes = 0;
    const char *themes[16];
    for (size_t i = 0; i < nitems; i++) {
        const sv_item *it = sv_codebook_item(j->cb, i);
        if (!st_counted(j, i))
            continue;
        nquestions++;
        if (!*it->theme || !st_theme_item(j, i))
            continue;
        size_t k = 0;
        while (k < nthemes && strcmp(themes[k], it->theme) != 0)
            k++;
        if (k == nthemes && nthemes < 16)
            themes[nthemes++] = it->theme;
    }
    size_t ntasks = nquestions + nthemes;
    task *tasks = ceo_calloc(ntasks, sizeof *tasks);
    block *blocks = ceo_calloc(nitems, sizeof *blocks);
    int *block_item = ceo_calloc(nitems, sizeof *block_item);
    if (!tasks || !blocks || !block_item) {
        ceo_free(tasks);
        ceo_free(blocks);
        ceo_free(block_item);
        return ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    size_t n = 0;
    for (size_t i = 0; i < nitems; i++)
        if (st_counted(j, i))
            tasks[n++].item = (int)i;
    for (size_t k = 0; k < nthemes; k++) {
        tasks[n].item = -1;
        tasks[n++].theme = themes[k];
    }
    for (size_t k = 0; k < ntasks; k++)
        ceo_error_clear(&tasks[k].err);
    int *cg = NULL;
    if (cell_groups(j, d, &cg) != 0) {
        ceo_free(tasks);
        ceo_free(blocks);
        ceo_free(block_item);
        return ceo_error_set(j->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    d->cell_gidx = cg;
    j->res->by_cells |= cg != NULL;
    size_t nthreads = st_threads(j, ntasks);
    if (nthreads > 1) {
        dim_tasks c = {j, d, tasks};
        st_run_tasks(nthreads, ntasks, tally_one, &c);
    }
    size_t nblocks = 0;
    ceo_status st = CEO_OK;
    for (size_t k = 0; k < ntasks && st == CEO_OK; k++) {
        task *tk = &tasks[k];
        if (!tk->done)
            st = tally_task(j, d, tk, j->err);
        else if ((st = tk->st) != CEO_OK && j->err && j->err->code == CEO_OK)
            *j->err = tk->err;
        if (st == CEO_OK)
            st = task_rows(j, d, tk, blocks, block_item, &nblocks);
        st_tally_free(&tk->tl);
    }
    for (size_t k = 0; k < ntasks; k++)
        st_tally_free(&tasks[k].tl);
    d->cell_gidx = NULL;
    ceo_free(cg);
    ceo_free(tasks);
    ceo_free(blocks);
    ceo_free(block_item);
    return st;
}

st_result *st_compute(const sv_table *t, const st_options *opt, ceo_error *err)
{
    st_result *res = ceo_calloc(1, sizeof *res);
    if (!res) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    job j = {t, sv_table_codebook(t), opt, NULL, res, err, sv_table_rows(t), NULL, NULL, NULL};
    pubpop *pp = NULL;
    ceo_status st = CEO_OK;
    res->nall = j.nrows;
    if (opt->external_weights) {
        j.w = opt->external_weights;
    } else if (opt->weights) {
        int wi = sv_codebook_find(j.cb, "gewicht");
        const double *w = wi >= 0 ? sv_table_numbers(t, wi) : NULL;
        long bad = 0;
        for (size_t r = 0; w && r < j.nrows; r++)
            bad += !(w[r] > 0);
        if (!w)
            st = ceo_error_set_about(err, ST_ABOUT_WEIGHTS, CEO_EUSAGE, NULL, 0, 0,
                                     "the export has no gewicht column to weight by");
        else if (bad)
            st = ceo_error_set_about(err, ST_ABOUT_WEIGHTS, CEO_EDATA, NULL, 0, 0,
                                     "%ld respondent%s no positive gewicht to weight by", bad,
                                     bad == 1 ? " has" : "s have");
        j.w = w;
    }
    res->weighted = j.w != NULL;
    if (st == CEO_OK && opt->external_weights && opt->strata && opt->nstrata) {
        res->H = opt->nstrata;
        if (!(res->strata_n = ceo_calloc(res->H, sizeof *res->strata_n)))
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t r = 0; st == CEO_OK && r < j.nrows; r++) {
            assert(opt->strata[r] >= 0 && (size_t)opt->strata[r] < res->H);
            res->strata_n[opt->strata[r]]++;
        }
        j.cell = opt->strata;
    }
    if (st == CEO_OK && !(pp = st_pp_build(&j, err)))
        st = err && err->code ? err->code : CEO_ENOMEM;
    j.pp = pp;
    /* Unweighted, with far fewer cells than respondents: count each question once per cell (a
     * pass over the respondents), then per dimension add up its cells. */
    if (st == CEO_OK && pp && pp->cell && !j.w && !j.cell && pp->ncells <= j.nrows / 16 &&
        !opt->by_respondents && !(j.hist = ceo_calloc(pp->nslots + 1, sizeof *j.hist)))
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    /* "totaal" first, then the dimensions asked for. */
    char spec[1024];
    snprintf(spec, sizeof spec, "totaal%s%s", opt->by && *opt->by ? "," : "",
             opt->by ? opt->by : "");
    for (char *tok = spec, *next; tok && st == CEO_OK; tok = next) {
        next = strchr(tok, ',');
        if (next)
            *next++ = '\0';
        while (*tok == ' ')
            tok++;
        if (!*tok || (strcmp(tok, "totaal") == 0 && tok != spec))
            continue;
        dim d;
        memset(&d, 0, sizeof d);
        st = st_dim_build(t, tok, opt->period, pp, &d, err);
        if (st == CEO_OK && strcmp(tok, "totaal") == 0 && opt->total_label) {
            char *lab = ceo_strdup(opt->total_label);
            if (lab) {
                ceo_free(d.gnames[0]);
                d.gnames[0] = lab;
            }
        }
        /* The rows point at the dimension's names: the result keeps them. */
        if (st == CEO_OK)
            st = do_dimension(&j, &d);
        if (st == CEO_OK) {
            /* st_keep() owns the string from the call on, kept or freed. */
            for (size_t g = 0; g < d.ngroups && st == CEO_OK; g++) {
                if (!st_keep(res, d.gnames[g]))
                    st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
                d.gnames[g] = NULL;
            }
            if (st == CEO_OK) {
                if (!st_keep(res, d.name))
                    st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
                d.name = NULL;
            }
        }
        st_dim_free(&d);
    }
    if (st == CEO_OK)
        st = st_compare_periods(res, err);
    if (st == CEO_OK && opt->compare) {
        st_options popt = *opt;
        popt.compare = NULL;
        popt.compare_rows = NULL;
        popt.external_weights = NULL;
        popt.strata = NULL;
        st_result *prev = st_compute(opt->compare, &popt, err);
        if (!prev)
            st = err && err->code ? err->code : CEO_ENOMEM;
        else
            st = st_compare_results(res, prev, err);
        st_result_free(prev);
    } else if (st == CEO_OK && opt->compare_rows) {
        st = st_compare_results(res, opt->compare_rows, err);
    }
    /* Suppressed rows show nothing; then Benjamini-Hochberg within each family of tests. */
    for (size_t i = 0; st == CEO_OK && i < res->n; i++)
        if (res->rows[i].suppressed)
            st_blank(&res->rows[i]);
    if (st == CEO_OK) {
        st_drop_untested(res, j.cb);
        st = st_adjust_families(res, err);
    }
    for (size_t k = 0; j.hist && k < pp->nslots; k++)
        ceo_free(j.hist[k]);
    ceo_free(j.hist);
    st_pubpop_free(pp);
    if (st != CEO_OK) {
        st_result_free(res);
        return NULL;
    }
    st_build_index(res);
    return res;
}

long st_min_n(const sv_project *proj, long given)
{
    return given > 0 ? given : sv_project_int(proj, "drempels", "min_n", ST_MIN_N);
}

long st_indicative_n(const sv_project *proj)
{
    return sv_project_int(proj, "drempels", "indicatief_n", ST_INDICATIVE_N);
}
