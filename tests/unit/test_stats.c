/* st_compute on several threads against one: a made-up export of 60,000 respondents (enough to
 * take the threaded passes) with every kind of question, missing and invalid answers, an unknown
 * group and groups small enough to be suppressed. Every row must be the same, every double bit
 * for bit, with and without weights. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../stats/dist.h"
#include "../../stats/stats.h"
#include "../../survey/codebook.h"
#include "t.h"

void test_stats(void);

#define RESPONDENTS 60000

static unsigned long rnd_state = 20250301;

static unsigned rnd(unsigned n)
{
    rnd_state = rnd_state * 6364136223846793005ul + 1442695040888963407ul;
    return (unsigned)(rnd_state >> 33) % n;
}

static const char *const likert[] = {
    "Helemaal mee eens",      "Mee eens",           "Neutraal", "Niet mee eens",
    "Helemaal niet mee eens", "Weet niet / n.v.t.", ""};
static const char *const janee[] = {"Ja", "Nee", "Weet niet", ""};
static const char *const leeftijd[] = {"Tot 45 jaar", "45-64 jaar",       "65-74 jaar",
                                       "75-84 jaar",  "85 jaar of ouder", ""};

/* A gemeente: two of them rare (suppressed groups), and some respondents without one. */
static const char *gemeente(void)
{
    static const char *const common[] = {"Tiel", "Buren", "Culemborg", "West Betuwe"};
    unsigned k = rnd(10000);
    if (k < 3)
        return "Neder-Betuwe";
    if (k < 15)
        return "Maasdriel";
    if (k < 200)
        return "";
    return common[k % 4];
}

/* The export as CSV text; the caller frees it. With odd_mark the first respondent's mark is
 * that ("8,5": counted as a half; "7,25": the medians from the values themselves). */
static char *make_export(size_t *len, const char *odd_mark, long respondents)
{
    char *buf = NULL;
    FILE *fp = open_memstream(&buf, len);
    if (!fp)
        return NULL;
    fputs("Respondentnummer,Datum,Gemeente,Voorziening,Aanbieder,"
          "Ik wist waar ik moest zijn met mijn hulpvraag.,Ik werd snel geholpen.,"
          "Wist u dat u gebruik kon maken van een onafhankelijke cliëntondersteuner?,"
          "Ik vind de kwaliteit van de ondersteuning die ik krijg goed.,"
          "Rapportcijfer ondersteuning,Aanbevelen aanbieder (0-10),Leeftijd,"
          "Ondersteuning - Huishoudelijke hulp,Ondersteuning - Begeleiding,"
          "Ondersteuning - Vervoer,Opmerkingen,Gewicht\n",
          fp);
    static const char *const voorziening[] = {"Hulp bij het huishouden", "Begeleiding",
                                              "Hulpmiddelen"};
    static const char *const aanbieder[] = {"Zorg BV", "Thuis BV", "Schoon & Co", "Hulp Nu", ""};
    for (long r = 1; r <= respondents; r++) {
        fprintf(fp, "%ld,", r);
        if (rnd(50))
            fprintf(fp, "%02u-%02u-%u", 1 + rnd(28), 1 + rnd(12), 2024 + rnd(2));
        fprintf(fp, ",%s,%s,%s", gemeente(), voorziening[rnd(3)], aanbieder[rnd(5)]);
        for (int q = 0; q < 2; q++)
            fprintf(fp, ",%s", likert[rnd(7)]);
        fprintf(fp, ",%s,%s,", janee[rnd(4)], likert[rnd(7)]);
        if (odd_mark && r == 1)
            fprintf(fp, "\"%s\"", odd_mark);
        else if (rnd(8))
            fprintf(fp, "%u", 1 + rnd(10));
        fputc(',', fp);
        if (rnd(6))
            fprintf(fp, "%u", rnd(11));
        fprintf(fp, ",%s", leeftijd[rnd(6)]);
        int answered = rnd(5) != 0;
        for (int o = 0; o < 3; o++)
            fprintf(fp, ",%s", answered ? (rnd(3) ? "0" : "1") : "");
        fprintf(fp, ",%s,%u.%03u\n", rnd(4) ? "" : "prima", rnd(3), 1 + rnd(999));
    }
    if (fclose(fp) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

static int same_double(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static int same_string(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static int same_row(const st_row *a, const st_row *b)
{
    return same_string(a->dimension, b->dimension) && same_string(a->group, b->group) &&
           same_string(a->question, b->question) && same_string(a->theme, b->theme) &&
           a->n == b->n && same_double(a->pct_positive, b->pct_positive) &&
           same_double(a->ci_low, b->ci_low) && same_double(a->ci_high, b->ci_high) &&
           same_double(a->pct_negative, b->pct_negative) && same_double(a->mean, b->mean) &&
           same_double(a->median, b->median) && same_double(a->n_effective, b->n_effective) &&
           a->suppressed == b->suppressed && a->indicative == b->indicative &&
           same_double(a->p_vs_rest, b->p_vs_rest) && same_double(a->q_vs_rest, b->q_vs_rest) &&
           same_string(a->test, b->test) && same_string(a->distribution, b->distribution) &&
           a->prev_n == b->prev_n && same_double(a->prev_value, b->prev_value) &&
           same_double(a->p_vs_prev, b->p_vs_prev) && same_double(a->q_vs_prev, b->q_vs_prev) &&
           same_string(a->test_prev, b->test_prev) && a->positives == b->positives &&
           same_double(a->sd, b->sd);
}

/* Computes with opt_a and with opt_b, and compares every row. */
static void same_results(const sv_table *t, const st_options *opt_a, const st_options *opt_b)
{
    ceo_error err;
    ceo_error_clear(&err);
    st_result *one = st_compute(t, opt_a, &err);
    st_result *more = st_compute(t, opt_b, &err);
    CHECK(one && more);
    if (!one || !more) {
        fprintf(stderr, "    %s\n", err.message);
    } else {
        size_t n = st_result_count(one), differ = 0, suppressed = 0, medians = 0;
        CHECK(st_result_count(more) == n);
        for (size_t i = 0; i < n && i < st_result_count(more); i++) {
            const st_row *a = st_result_row(one, i), *b = st_result_row(more, i);
            if (!same_row(a, b) && ++differ <= 3)
                fprintf(stderr, "    row %zu differs: %s %s %s %s\n", i, a->dimension, a->group,
                        a->question, a->theme);
            suppressed += a->suppressed;
            medians += !isnan(a->median);
        }
        CHECK(n > 500);
        CHECK(differ == 0);
        CHECK(suppressed > 0); /* the rare gemeenten, and the groups hidden beside them */
        CHECK(medians > 0);
    }
    st_result_free(one);
    st_result_free(more);
}

/* Computes with opt on one thread and on `threads`, and compares every row. */
static void same_on_threads(const sv_table *t, st_options opt, int threads)
{
    st_options one = opt;
    one.threads = 1;
    opt.threads = threads;
    same_results(t, &one, &opt);
}

/* Counted by the cells of the published population (few here: gemeente, aanbieder and
 * voorziening) and respondent by respondent, on one thread and on two. */
static void same_by_cells(const sv_table *t, int threads)
{
    st_options cells = {.by = "gemeente,aanbieder,voorziening,gemeente+aanbieder,leeftijd",
                        .min_n = 10,
                        .indicative_n = 30,
                        .threads = threads};
    st_options rows = cells;
    rows.by_respondents = 1;
    same_results(t, &cells, &rows);
    ceo_error err;
    ceo_error_clear(&err);
    st_result *a = st_compute(t, &cells, &err), *b = st_compute(t, &rows, &err);
    CHECK(a && st_result_by_cells(a)); /* the two ways were compared, not one with itself */
    CHECK(b && !st_result_by_cells(b));
    st_result_free(a);
    st_result_free(b);
}

/* Out of memory at every allocation of a run that counts by cells: each must fail as out of
 * memory, or, when only the result's look-up index could not be made (st_build_index: rows are
 * then found by a search), give every row as the run without failures; the run after the sweep
 * succeeds. */
static void oom_by_cells(const sv_codebook *cb)
{
    size_t len = 0;
    char *csv = make_export(&len, NULL, 2000);
    ceo_error err;
    ceo_error_clear(&err);
    sv_table *t = csv ? sv_table_new(cb, 0, &err) : NULL;
    CHECK(t && sv_table_read_mem(t, "k.csv", csv, len, NULL, NULL, &err) == CEO_OK);
    free(csv);
    if (!t)
        return;
    st_options opt = {.by = "gemeente,aanbieder,gemeente+aanbieder",
                      .min_n = 10,
                      .indicative_n = 30,
                      .threads = 1};
    ceo_alloc_fail_at(LONG_MAX); /* armed, as in the failing runs */
    st_result *good = st_compute(t, &opt, &err), *r;
    long total = ceo_alloc_fail_at(0), wrong = 0, whole = 0;
    CHECK(good && st_result_by_cells(good));
    for (long n = 1; good && n <= total; n++) {
        ceo_error_clear(&err);
        ceo_alloc_fail_at(n);
        r = st_compute(t, &opt, &err);
        ceo_alloc_fail_at(0);
        int same = r && st_result_count(r) == st_result_count(good);
        for (size_t i = 0; same && i < st_result_count(r); i++)
            same = same_row(st_result_row(r, i), st_result_row(good, i));
        whole += same;
        if (r ? !same : err.code != CEO_ENOMEM) {
            if (++wrong <= 3)
                fprintf(stderr, "    by cells: allocation %ld of %ld failing gave %s\n", n, total,
                        r ? "other rows" : err.message);
        }
        st_result_free(r);
    }
    CHECK(total > 100 && wrong == 0);
    CHECK(whole < 40); /* only the index's allocations, at the end */
    st_result_free(good);
    r = st_compute(t, &opt, &err);
    CHECK(r != NULL);
    st_result_free(r);
    sv_table_free(t);
    printf("stats by cells: %ld allocations, each made to fail in turn\n", total);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Every median of the numbers per gemeente and in total is the middle of the
 * group's values sorted here (the mean of the two middle ones for an even count). */
static void medians_as_sorted(const sv_table *t, const sv_codebook *cb)
{
    st_options opt = {.by = "gemeente", .min_n = 1, .indicative_n = 30, .threads = 1};
    ceo_error err;
    ceo_error_clear(&err);
    st_result *res = st_compute(t, &opt, &err);
    CHECK(res != NULL);
    int kg = sv_codebook_find(cb, "gemeente");
    const uint16_t *gem = sv_table_codes(t, kg);
    size_t rows = sv_table_rows(t), checked = 0, wrong = 0;
    double *vals = malloc(rows * sizeof *vals);
    for (size_t i = 0; res && vals && i < st_result_count(res); i++) {
        const st_row *w = st_result_row(res, i);
        int item = sv_codebook_find(cb, w->question);
        const double *v = item >= 0 ? sv_table_numbers(t, item) : NULL;
        if (!v || w->theme[0] || w->n <= 0)
            continue;
        int all = strcmp(w->dimension, "totaal") == 0;
        size_t n = 0;
        for (size_t r = 0; r < rows; r++)
            if (!isnan(v[r]) &&
                (all || (gem[r] && strcmp(sv_table_group(t, kg, gem[r] - 1u), w->group) == 0)))
                vals[n++] = v[r];
        if (n == 0 || (long)n != w->n)
            continue; /* respondents without a gemeente: a group named otherwise */
        qsort(vals, n, sizeof *vals, cmp_double);
        double m = n % 2 ? vals[n / 2] : (vals[n / 2 - 1] + vals[n / 2]) / 2;
        checked++;
        if (!same_double(m, w->median) && ++wrong <= 3)
            fprintf(stderr, "    %s %s %s: median %g, sorted %g\n", w->dimension, w->group,
                    w->question, w->median, m);
    }
    CHECK(checked >= 6); /* the mark in total and per gemeente */
    CHECK(wrong == 0);
    free(vals);
    st_result_free(res);
}

/* The design-based primitives of weighted runs against R's survey 4.1 on twelve weighted
 * respondents (docs/METHODS.md, "Weighting"): qbeta, svyciprop(method = "beta") of the domain g =
 * 1, svyttest(y ~ g) and svyttest(m ~ g), and svyttest(m ~ g) within the domain y = 1 (the variance
 * still over all twelve). */
static void design_based(void)
{
    static const double y[] = {1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 0};
    static const double g[] = {1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
    static const double w[] = {1.2, 0.8, 2.5, 1, 1, 0.6, 3, 1.1, 0.9, 1.4, 2, 0.7};
    static const double m[] = {8, 6, 9, 7, 5, 10, 7, 8, 6, 9, 4, 7};
    CHECK_NEAR(st_qbeta(0.025, 3.7, 9.2), 0.0857912980723186, 1e-12);
    CHECK_NEAR(st_qbeta(0.975, 0.4, 30), 0.072162412863761, 1e-12);
    CHECK_NEAR(st_qbeta(0.025, 150.5, 20.25), 0.829026692393285, 1e-12);
    CHECK(st_qbeta(0.5, 0, 3) == 0 && st_qbeta(0.5, 3, 0) == 1);
    /* sums per side (k = 1: g = 1) of w, w y, w^2 (y - mean)^2, for y and for m; dm: within
     * y = 1 */
    double W[2] = {0}, WY[2] = {0}, WM[2] = {0}, DW[2] = {0}, DWM[2] = {0};
    long n[2] = {0}, dn[2] = {0};
    for (int i = 0; i < 12; i++) {
        int k = g[i] == 1;
        n[k]++;
        W[k] += w[i];
        WY[k] += w[i] * y[i];
        WM[k] += w[i] * m[i];
        if (y[i] == 1) {
            dn[k]++;
            DW[k] += w[i];
            DWM[k] += w[i] * m[i];
        }
    }
    double SY[2] = {0}, SM[2] = {0}, DSM[2] = {0};
    for (int i = 0; i < 12; i++) {
        int k = g[i] == 1;
        double ey = y[i] - WY[k] / W[k], em = m[i] - WM[k] / W[k], dm = m[i] - DWM[k] / DW[k];
        SY[k] += w[i] * w[i] * ey * ey;
        SM[k] += w[i] * w[i] * em * em;
        DSM[k] += y[i] == 1 ? w[i] * w[i] * dm * dm : 0;
    }
    double p = WY[1] / W[1], v = 12.0 / 11 * SY[1] / (W[1] * W[1]), lo, hi;
    CHECK_NEAR(p, 0.746478873239437, 1e-12);
    st_korn_graubard(p, p * (1 - p) / v, &lo, &hi);
    CHECK_NEAR(lo, 0.277798083905631, 1e-10);
    CHECK_NEAR(hi, 0.981582476268378, 1e-10);
    st_korn_graubard(1, 7.5, &lo, &hi);
    CHECK_NEAR(lo, 0.61149371991077, 1e-12); /* qbeta(0.025, 7.5, 1) */
    CHECK(hi == 1);
    const char *test = "";
    CHECK_NEAR(st_design_t_test(WY[1] / W[1], SY[1], W[1], n[1], WY[0] / W[0], SY[0], W[0], n[0], 0,
                                12, &test),
               0.632456257857237, 1e-10);
    CHECK_STR(test, "design_t");
    CHECK_NEAR(st_design_t_test(WM[1] / W[1], SM[1], W[1], n[1], WM[0] / W[0], SM[0], W[0], n[0], 0,
                                12, &test),
               0.321489426691621, 1e-10);
    CHECK_NEAR(st_design_t_test(DWM[1] / DW[1], DSM[1], DW[1], dn[1], DWM[0] / DW[0], DSM[0], DW[0],
                                dn[0], 0, 12, &test),
               0.298931081319968, 1e-10);
    test = "";
    CHECK(isnan(st_design_t_test(1, 0, 2, 2, 0, 0, 3, 3, 0, 12, &test)) && !*test);
}

/* The disclosure model (docs/METHODS.md ("Disclosure control")) on a table small enough to reason
 * about: gemeente A 12 (11 with provider P, 1 with Q), B 3 (P), C 20 (10 P, 10 Q). B is below
 * min_n: hidden and left out of every figure, so A keeps its own (before, A was hidden beside B)
 * and the region is A + C. In the crossing, A + Q (1) is primary; the rectangle with C leaves it
 * free over 0..11, so A + P, C + P and C + Q are hidden as complementary cells. */
static void disclosure(const sv_codebook *cb)
{
    char csv[4096];
    size_t len = (size_t)snprintf(csv, sizeof csv, "respondent_id,gemeente,aanbieder,wist_waar\n");
    static const struct {
        const char *g, *a;
        int n;
    } cells[] = {{"A", "P", 11}, {"A", "Q", 1}, {"B", "P", 3}, {"C", "P", 10}, {"C", "Q", 10}};
    int id = 0;
    for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++)
        for (int i = 0; i < cells[k].n; i++)
            len += (size_t)snprintf(csv + len, sizeof csv - len, "%d,%s,%s,%s\n", ++id, cells[k].g,
                                    cells[k].a, i % 3 ? "mee eens" : "niet mee eens");
    ceo_error err;
    ceo_error_clear(&err);
    sv_table *t = sv_table_new(cb, 0, &err);
    CHECK(t && sv_table_read_mem(t, "d.csv", csv, len, NULL, NULL, &err) == CEO_OK);
    st_options opt = {.by = "gemeente,aanbieder,gemeente+aanbieder",
                      .min_n = 10,
                      .indicative_n = 30,
                      .threads = 1};
    st_result *res = t ? st_compute(t, &opt, &err) : NULL;
    CHECK(res != NULL);
    if (res) {
        const st_row *w = st_result_find(res, "totaal", NULL, "wist_waar", "toegang");
        CHECK(w && w->n == 32 && w->published_only && !w->suppressed);
        w = st_result_find(res, "gemeente", "A", "wist_waar", "toegang");
        CHECK(w && w->n == 12 && !w->suppressed && w->indicative && !*w->suppression);
        w = st_result_find(res, "gemeente", "B", "wist_waar", "toegang");
        CHECK(w && w->suppressed && w->n == -1 && !w->indicative && w->left_out);
        CHECK_STR(w ? w->suppression : "", "primary");
        w = st_result_find(res, "aanbieder", "P", "wist_waar", "toegang");
        CHECK(w && w->n == 21 && !w->suppressed); /* without B's three */
        static const struct {
            const char *cell, *why;
        } want[] = {{"A + Q", "primary"},
                    {"A + P", "complementary"},
                    {"C + P", "complementary"},
                    {"C + Q", "complementary"},
                    {"B + P", "primary"}};
        for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
            w = st_result_find(res, "gemeente+aanbieder", want[k].cell, "wist_waar", "toegang");
            CHECK(w && w->suppressed && w->n == -1 && isnan(w->pct_positive) && !w->indicative);
            CHECK_STR(w ? w->suppression : "", want[k].why);
        }
    }
    st_result_free(res);
    sv_table_free(t);
}

/* The published population against a reference written out row by row: 1,000 respondents, half
 * of them in four large gemeenten and four large aanbieders, the others spread over the rest, and
 * per question the groups below min_n left out with their respondents until nothing changes.
 * With 20 groups a side (the rare ones rarer the higher their number) the run numbers the
 * (gemeente, aanbieder) combinations through a table of pairs; with 600 a side, spread evenly,
 * that table would be too large and each respondent is a cell of their own. Both must give the
 * reference's groups left out and counts. */
#define REF_GROUPS 600
static void settle_reference(const sv_codebook *cb, unsigned ngroups, int skew)
{
    enum { N = 1000, MIN_N = 4 };
    static const char *const answers[] = {"mee eens", "niet mee eens", "weet niet / n.v.t.", ""};
    static unsigned gem[N], prov[N], ans[N];
    size_t cap = 64 * (size_t)N, len = 0;
    char *csv = malloc(cap);
    if (!csv)
        return;
    len += (size_t)snprintf(csv, cap, "respondent_id,gemeente,aanbieder,wist_waar\n");
    for (unsigned r = 0; r < N; r++) {
        unsigned *g[2] = {&gem[r], &prov[r]};
        for (int k = 0; k < 2; k++)
            *g[k] = rnd(2) ? rnd(4) : 4 + (skew ? rnd(1 + rnd(ngroups - 4)) : rnd(ngroups - 4));
        ans[r] = rnd(4);
        len += (size_t)snprintf(csv + len, cap - len, "%u,G%u,P%u,%s\n", r + 1, gem[r], prov[r],
                                answers[ans[r]]);
    }
    /* the reference: per group, whether anyone answered at all (seen), and its valid answers
     * among those not left out, until nothing changes */
    static unsigned char gout[REF_GROUPS], pout[REF_GROUPS], gseen[REF_GROUPS], pseen[REF_GROUPS];
    static long gn[REF_GROUPS], pn[REF_GROUPS], ga[REF_GROUPS], pa[REF_GROUPS];
    memset(gout, 0, sizeof gout);
    memset(pout, 0, sizeof pout);
    memset(gseen, 0, sizeof gseen);
    memset(pseen, 0, sizeof pseen);
    for (unsigned r = 0; r < N; r++)
        if (ans[r] != 3)
            gseen[gem[r]] = pseen[prov[r]] = 1;
    for (int changed = 1; changed;) {
        memset(gn, 0, sizeof gn);
        memset(pn, 0, sizeof pn);
        memset(ga, 0, sizeof ga);
        memset(pa, 0, sizeof pa);
        for (unsigned r = 0; r < N; r++) {
            if (gout[gem[r]] || pout[prov[r]] || ans[r] == 3)
                continue;
            ga[gem[r]]++;
            pa[prov[r]]++;
            gn[gem[r]] += ans[r] < 2;
            pn[prov[r]] += ans[r] < 2;
        }
        changed = 0;
        for (unsigned g = 0; g < REF_GROUPS; g++) {
            if (!gout[g] && ga[g] && gn[g] < MIN_N)
                gout[g] = 1, changed = 1;
            if (!pout[g] && pa[g] && pn[g] < MIN_N)
                pout[g] = 1, changed = 1;
        }
    }
    ceo_error err;
    ceo_error_clear(&err);
    sv_table *t = sv_table_new(cb, 0, &err);
    CHECK(t && sv_table_read_mem(t, "c.csv", csv, len, NULL, NULL, &err) == CEO_OK);
    st_options opt = {.by = "gemeente,aanbieder", .min_n = MIN_N, .indicative_n = 30, .threads = 1};
    st_result *res = t ? st_compute(t, &opt, &err) : NULL;
    CHECK(res != NULL);
    long total = 0;
    int bad = 0, hidden = 0, shown = 0;
    for (unsigned g = 0; res && g < ngroups; g++) {
        total += gout[g] ? 0 : gn[g];
        for (int k = 0; k < 2; k++) {
            unsigned char out = k ? pout[g] : gout[g];
            if (!(k ? pseen[g] : gseen[g]))
                continue;
            char name[16];
            snprintf(name, sizeof name, "%c%u", k ? 'P' : 'G', g);
            /* the question, and its theme (of which it is the one statement in the table) */
            for (int q = 0; q < 2; q++) {
                const st_row *w = st_result_find(res, k ? "aanbieder" : "gemeente", name,
                                                 q ? "" : "wist_waar", "toegang");
                if (!w || (out ? !(w->suppressed && w->left_out)
                               : (w->suppressed || w->n != (k ? pn[g] : gn[g]))))
                    bad++;
            }
            hidden += out;
            shown += !out;
        }
    }
    CHECK(bad == 0);
    CHECK(hidden >= 5 && shown >= 8); /* many small groups, and the large ones kept */
    const st_row *w = res ? st_result_find(res, "totaal", NULL, "wist_waar", "toegang") : NULL;
    CHECK(w && w->n == total);
    w = res ? st_result_find(res, "totaal", NULL, "", "toegang") : NULL;
    CHECK(w && w->n == total);
    st_result_free(res);
    sv_table_free(t);
    free(csv);
}

/* The thresholds: a command's own value, else the project's [drempels], else the defaults. */
static void thresholds(void)
{
    CHECK(st_min_n(NULL, -1) == ST_MIN_N && ST_MIN_N == 10);
    CHECK(st_min_n(NULL, 0) == ST_MIN_N);
    CHECK(st_min_n(NULL, 7) == 7);
    CHECK(st_indicative_n(NULL) == ST_INDICATIVE_N && ST_INDICATIVE_N == 30);
    char path[] = "/tmp/ceo-drempels-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    FILE *fp = fdopen(fd, "w");
    fputs("[drempels]\nmin_n = 5\nindicatief_n = 20\n", fp);
    fclose(fp);
    ceo_error err;
    ceo_error_clear(&err);
    sv_project *p = sv_project_load(path, &err);
    remove(path);
    CHECK(p != NULL);
    CHECK(st_min_n(p, -1) == 5);
    CHECK(st_min_n(p, 12) == 12);
    CHECK(st_indicative_n(p) == 20);
    sv_project_free(p);
}

void test_stats(void)
{
    thresholds();
    design_based();
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/templates/ceo-wmo", t_root);
    ceo_error err;
    ceo_error_clear(&err);
    sv_codebook *cb = sv_codebook_load(dir, &err);
    size_t len = 0;
    char *csv = cb ? make_export(&len, NULL, RESPONDENTS) : NULL;
    sv_table *t = csv ? sv_table_new(cb, 0, &err) : NULL;
    CHECK(t != NULL);
    if (t && sv_table_read_mem(t, "groot.csv", csv, len, NULL, NULL, &err) != CEO_OK) {
        fprintf(stderr, "    %s\n", err.message);
        sv_table_free(t);
        t = NULL;
    }
    CHECK(t && sv_table_rows(t) == RESPONDENTS);
    if (t) {
        st_options opt = {.by = "gemeente,aanbieder,gemeente+aanbieder,periode,leeftijd",
                          .period = ST_PERIOD_QUARTER,
                          .min_n = 10,
                          .indicative_n = 30};
        same_on_threads(t, opt, 2);
        same_on_threads(t, opt, 3);
        same_by_cells(t, 1);
        same_by_cells(t, 2);
        opt.weights = 1;
        same_on_threads(t, opt, 2);
        medians_as_sorted(t, cb); /* whole marks and scores: medians counted */
    }
    sv_table_free(t);
    free(csv);
    /* one mark of 8,5 (counted as a half), or of 7,25 (medians from the values themselves) */
    static const char *const odd[] = {"8,5", "7,25"};
    for (int k = 0; k < 2; k++) {
        csv = cb ? make_export(&len, odd[k], RESPONDENTS) : NULL;
        t = csv ? sv_table_new(cb, 0, &err) : NULL;
        CHECK(t && sv_table_read_mem(t, "odd.csv", csv, len, NULL, NULL, &err) == CEO_OK);
        if (t)
            medians_as_sorted(t, cb);
        sv_table_free(t);
        free(csv);
    }
    if (cb) {
        disclosure(cb);
        oom_by_cells(cb);
        settle_reference(cb, 20, 1);         /* cells through the table of pairs */
        settle_reference(cb, REF_GROUPS, 0); /* a cell per respondent */
    }
    /* optional roles: a command's own dimensions leave out those the export has no column for
     */
    static const char small[] =
        "Respondentnummer,Gemeente,Voorziening,Rapportcijfer\n1,Tiel,Begeleiding,8\n";
    t = cb ? sv_table_new(cb, 0, &err) : NULL;
    CHECK(t && sv_table_read_mem(t, "s.csv", small, sizeof small - 1, NULL, NULL, &err) == CEO_OK);
    if (t) {
        char dims[128], left[64];
        const char *d = st_dims_present(t, "gemeente,aanbieder, voorziening,gemeente+aanbieder",
                                        NULL, dims, sizeof dims, left, sizeof left);
        CHECK_STR(d, "gemeente, voorziening");
        CHECK_STR(left, "aanbieder");
        d = st_dims_present(t, "periode,aanbieder + periode,leeftijd", NULL, dims, sizeof dims,
                            left, sizeof left);
        CHECK_STR(d, "periode,leeftijd"); /* not optional: st_compute says what is wrong */
        CHECK_STR(left, "aanbieder");
        d = st_dims_present(t, "gemeente,aanbieder", "aanbieder", dims, sizeof dims, left,
                            sizeof left);
        CHECK_STR(d, "gemeente,aanbieder"); /* needed: kept, so the run stops at it */
        CHECK_STR(left, "");
        CHECK(st_dims_present(t, "gemeente,voorziening", NULL, dims, 10, left, sizeof left) ==
              NULL);
        /* errors about the request say what they concern, for the caller to name its option */
        st_options wo = {.weights = 1, .min_n = 1, .indicative_n = 1};
        ceo_error_clear(&err);
        CHECK(st_compute(t, &wo, &err) == NULL && err.code == CEO_EUSAGE);
        CHECK(err.about && strcmp(err.about, ST_ABOUT_WEIGHTS) == 0);
        CHECK(!strstr(err.message, "--"));
        st_options po = {.by = "periode", .min_n = 1, .indicative_n = 1};
        ceo_error_clear(&err);
        CHECK(st_compute(t, &po, &err) == NULL && err.code == CEO_EUSAGE && err.about == NULL);
        CHECK(strstr(err.message, "datum") != NULL); /* no dates: not about the period */
        ceo_error_clear(&err);
        ceo_error_set_about(&err, "x", CEO_EDATA, "p", 2, 3, "bad %d", 7);
        ceo_error_set_about(&err, "y", CEO_EIO, NULL, 0, 0, "later");
        CHECK(err.code == CEO_EDATA && strcmp(err.about, "x") == 0);
        CHECK_STR(err.message, "bad 7");
        CHECK(err.line == 2 && err.column == 3);
        ceo_error_clear(&err);
        ceo_error_set(&err, CEO_EDATA, NULL, 0, 0, "plain");
        CHECK(err.about == NULL);
    }
    sv_table_free(t);
    sv_codebook_free(cb);
}
