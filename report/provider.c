/*
 * provider.c - what the provider report and the contract manager's overview add to the
 * figures: the provider's place among the providers ("3e van 7"), its figures per voorziening
 * (begeleiding, dagbesteding, ... as well as huishoudelijke hulp), the line that says why no
 * remark is quoted, and the contract overview (all providers side by side per voorziening).
 *
 * Every figure is an st_result row. A place counts only providers whose row is shown and has
 * at least min_n answers; values are compared as printed (one decimal), so two providers that
 * print the same value share the place, and the report says so ("gedeeld 3e"). No other
 * provider is named in a provider's report. Providers of a voorziening are the groups "V + A"
 * of the dimension voorziening+aanbieder (one aanbieder column, read together with the
 * voorziening column: the way exports code who gives which support).
 */
#include "reportpriv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define CROSS "voorziening+aanbieder"

/* A figure a place is given for: a theme's % positive, a mark's mean or a score's NPS. */
typedef enum { M_PCT, M_MEAN, M_NPS } measure_kind;

typedef struct {
    const char *label_key; /* texts key of the row's label */
    const char *question;  /* "" for a theme row */
    const char *theme;
    measure_kind kind;
} measure;

static const measure hv_measures[] = {
    {"kolom.hv_positief", "", "hv", M_PCT},
    {"kolom.cijfer", "hv_cijfer", "hv", M_MEAN},
    {"kolom.nps", "hv_aanbevelen", "hv", M_NPS},
};

/* The general questions about the support, which every voorziening's clients answer. */
static const measure support_measures[] = {
    {"plaats.kwaliteit", "", "kwaliteit", M_PCT},
    {"plaats.effect", "", "effect", M_PCT},
    {"plaats.cijfer", "cijfer", "", M_MEAN},
};

static const st_row *measure_row(const st_result *res, const char *dim, const char *group,
                                 const measure *m)
{
    return rep_row_of(res, dim, group, m->question, m->theme);
}

/* The value as printed (one decimal), or NAN when the row may not be ranked. */
static double ranked_value(const rp_report *r, const st_row *w, measure_kind kind)
{
    if (!rep_shown(w) || w->n < r->min_n)
        return NAN;
    double v = kind == M_PCT    ? w->pct_positive
               : kind == M_MEAN ? w->mean
                                : w->pct_positive - w->pct_negative;
    return isnan(v) ? NAN : round(v * 10) / 10;
}

/* The value as printed in a table cell. */
static const char *value_cell(rep *p, const st_row *w, measure_kind kind)
{
    if (kind == M_PCT)
        return rep_pct_of(p, w);
    if (kind == M_MEAN)
        return rep_mean_of(p, w);
    double v, lo, hi;
    return rep_nps_of(w, &v, &lo, &hi) ? rep_ind(p, w, rep_num(p, v, 1, NULL))
           : w                         ? "*"
                                       : "\xE2\x80\x93";
}

static const char *interval_cell(rep *p, const st_row *w, measure_kind kind)
{
    if (!rep_shown(w))
        return "";
    if (kind == M_NPS) {
        double v, lo, hi;
        return rep_nps_of(w, &v, &lo, &hi) ? rep_range(p, lo, hi) : "";
    }
    if (isnan(w->ci_low) || isnan(w->ci_high))
        return "";
    return kind == M_PCT ? rep_ci_of(p, w) : rep_range(p, w->ci_low, w->ci_high);
}

/* The known groups of dim (those beginning with prefix "V + " when prefix is set, without the
 * respondents who named no provider) into out. */
static size_t providers_of(const st_result *res, const char *dim, const char *prefix,
                           const char **out)
{
    const char *gs[MAX_GROUPS];
    size_t n = rep_known_groups(res, dim, gs), k = 0, lp = prefix ? strlen(prefix) : 0;
    for (size_t i = 0; i < n; i++) {
        if (prefix && strncmp(gs[i], prefix, lp) != 0)
            continue;
        if (strcmp(gs[i] + lp, ST_UNKNOWN_GROUP) == 0)
            continue;
        out[k++] = gs[i];
    }
    return k;
}

/* "3e van 7", "gedeeld 3e van 7", or a dash when the group itself is not ranked. */
static const char *place_cell(rep *p, const char *dim, const char *const *groups, size_t ng,
                              const char *self, const measure *m)
{
    const rp_report *r = p->r;
    double own = ranked_value(r, measure_row(r->res, dim, self, m), m->kind);
    if (isnan(own))
        return "\xE2\x80\x93";
    size_t of = 0, above = 0, same = 0;
    for (size_t i = 0; i < ng; i++) {
        double v = ranked_value(r, measure_row(r->res, dim, groups[i], m), m->kind);
        if (isnan(v))
            continue;
        of++;
        above += v > own;
        same += v == own && strcmp(groups[i], self) != 0;
    }
    const char *vars[] = {"plaats", rep_fmt(p, "%zu", above + 1), "aantal", rep_fmt(p, "%zu", of),
                          NULL};
    return rep_text(p, same ? "plaats.gedeeld" : "plaats.rang", vars);
}

/* Whether self differs significantly from the rest (dim_all's row): "hoger"/"lager" as the
 * tables say it; a theme score has no test, and the table says so. */
static const char *verschil_cell(rep *p, const st_row *w, const st_row *all, measure_kind kind)
{
    if (kind == M_PCT)
        return rep_text(p, "teken.niet_getoetst", NULL);
    return rep_sig_of(p, w, all, 1); /* a mark and the score behind the NPS: their means */
}

/* A table of the measures for self in dim, against the region's row (dim_all/group_all), with
 * the place among groups; tested: with the Verschil column (self against the rest of the
 * region). Returns the number of rows with a figure. */
static size_t measure_table(rep *p, const measure *ms, size_t nm, const char *dim, const char *self,
                            const char *self_label, const char *const *groups, size_t ng,
                            const char *dim_all, const char *group_all, int tested)
{
    const rp_report *r = p->r;
    size_t nc = tested ? 7 : 6;
    const char **cells = rep_cells_new(p, nm * nc);
    size_t rows = 0;
    for (size_t i = 0; cells && i < nm; i++) {
        const st_row *w = measure_row(r->res, dim, self, &ms[i]);
        if (!w || w->n == 0)
            continue;
        const st_row *all = measure_row(r->res, dim_all, group_all, &ms[i]);
        const char **c = cells + rows * nc;
        c[0] = rep_text(p, ms[i].label_key, NULL);
        c[1] = value_cell(p, w, ms[i].kind);
        c[2] = interval_cell(p, w, ms[i].kind);
        c[3] = rep_n_of(p, w);
        c[4] = value_cell(p, all, ms[i].kind);
        if (tested)
            c[5] = verschil_cell(p, w, all, ms[i].kind);
        c[nc - 1] = place_cell(p, dim, groups, ng, self, &ms[i]);
        rows++;
    }
    const rp_col plain[6] = {{"", 133.3, RP_LEFT},
                             {self_label, 70, RP_RIGHT},
                             {rep_text(p, "kolom.bi", NULL), 80, RP_RIGHT},
                             {rep_text(p, "kolom.n", NULL), 40, RP_RIGHT},
                             {r->region, 80, RP_RIGHT},
                             {rep_text(p, "kolom.plaats", NULL), 80, RP_RIGHT}};
    /* the provider's name heads a column wide enough for its longest word in bold */
    const rp_col with_test[7] = {{"", 110.3, RP_LEFT},
                                 {self_label, 80, RP_RIGHT},
                                 {rep_text(p, "kolom.bi", NULL), 70, RP_RIGHT},
                                 {rep_text(p, "kolom.n", NULL), 33, RP_RIGHT},
                                 {r->region, 65, RP_RIGHT},
                                 {rep_text(p, "kolom.verschil", NULL), 55, RP_LEFT},
                                 {rep_text(p, "kolom.plaats", NULL), 70, RP_RIGHT}};
    rep_table(p, tested ? with_test : plain, nc, cells, rows, NULL);
    return rows;
}

void rep_provider_place(rep *p, const char *a)
{
    const rp_report *r = p->r;
    const char *as[MAX_GROUPS];
    size_t na = providers_of(r->res, "aanbieder", NULL, as);
    const char *vars[] = {"aanbieder", a, "min_n", rep_fmt(p, "%ld", r->min_n), NULL};
    rep_para(p, rep_text(p, "plaats.uitleg", vars));
    measure_table(p, hv_measures, sizeof hv_measures / sizeof hv_measures[0], "aanbieder", a, a, as,
                  na, "totaal", NULL, 1);
    rep_note(p, rep_text(p, "noot.nps", NULL));
    rep_note(p, rep_text(p, "plaats.noot", vars));
}

int rep_provider_voorzieningen(rep *p, const char *a, int alone)
{
    const rp_report *r = p->r;
    const char *vs[MAX_GROUPS];
    size_t nv = providers_of(r->res, "voorziening", NULL, vs), shown = 0, hidden = 0;
    const char *vars[] = {"aanbieder", a,       "regio", r->region,
                          "jaar",      r->year, "min_n", rep_fmt(p, "%ld", r->min_n),
                          NULL};
    for (size_t i = 0; i < nv && !p->st; i++) {
        const char *self = rep_fmt(p, "%s + %s", vs[i], a);
        const st_row *k = rep_theme_row(r->res, CROSS, self, "kwaliteit");
        if (!k)
            continue; /* the provider gives no such support */
        if (!rep_shown(k) || k->n < r->min_n) {
            hidden++;
            continue;
        }
        if (!shown++) {
            rep_heading(p, 0, rep_text(p, alone ? "kop.samenvatting" : "kop.voorzieningen", vars));
            if (alone)
                rep_para(p, rep_text(p, "aanbieder.samenvatting_voorzieningen", vars));
            rep_para(p, rep_text(p, "voorzieningen.uitleg", vars));
        }
        const char *gs[MAX_GROUPS];
        size_t ng = providers_of(r->res, CROSS, rep_fmt(p, "%s + ", vs[i]), gs);
        rep_heading(p, 1, vs[i]);
        measure_table(p, support_measures, sizeof support_measures / sizeof support_measures[0],
                      CROSS, self, a, gs, ng, "voorziening", vs[i], 0);
    }
    if (!shown)
        return 0; /* nothing to say: the caller says why (too few answers) or has said it all */
    rep_note(p, rep_text(p, "plaats.noot", vars));
    if (hidden)
        rep_note(p, rep_text(p, "voorzieningen.onderdrukt",
                             (const char *const[]){"aantal", rep_fmt(p, "%zu", hidden), "min_n",
                                                   rep_fmt(p, "%ld", r->min_n), NULL}));
    return 1;
}

void rep_provider_no_comments(rep *p)
{
    rep_note(p, rep_text(p, "opmerkingen.niet_beoordeeld", NULL));
}

/* ---- the contract manager's overview ---------------------------------------------------- */

/* A cell "78,4% (74,1–82,2)": the value with its interval. */
static const char *with_interval(rep *p, const st_row *w, measure_kind kind)
{
    const char *v = value_cell(p, w, kind), *ci = interval_cell(p, w, kind);
    return *ci ? rep_fmt(p, "%s (%s)", v, ci) : v;
}

/* One table per voorziening: its providers (each with n >= min_n) and the voorziening as a
 * whole, for the measures ms. Returns the providers left out as too small. */
static size_t overview_table(rep *p, const char *v, const measure *ms, size_t nm)
{
    const rp_report *r = p->r;
    const char *gs[MAX_GROUPS];
    size_t ng = providers_of(r->res, CROSS, rep_fmt(p, "%s + ", v), gs), rows = 0, hidden = 0;
    size_t nc = 2 + nm;
    const char **cells = rep_cells_new(p, (ng + 1) * nc);
    int *bold = ceo_calloc(ng + 2, sizeof *bold);
    rep_keep(p, (char *)bold);
    size_t lp = strlen(v) + 3;
    for (size_t i = 0; cells && bold && i <= ng && !p->st; i++) {
        const char *dim = i < ng ? CROSS : "voorziening", *g = i < ng ? gs[i] : v;
        const st_row *first = measure_row(r->res, dim, g, &ms[0]);
        if (i < ng && (!rep_shown(first) || first->n < r->min_n)) {
            hidden += first != NULL;
            continue;
        }
        const char **c = cells + rows * nc;
        c[0] = i < ng ? gs[i] + lp : rep_text(p, "contract.alle", NULL);
        c[1] = rep_n_of(p, first);
        for (size_t m = 0; m < nm; m++)
            c[2 + m] = with_interval(p, measure_row(r->res, dim, g, &ms[m]), ms[m].kind);
        bold[rows] = i == ng;
        rows++;
    }
    if (rows < 2)
        return hidden; /* no provider to show: the voorziening's row alone says nothing new */
    rp_col cols[8] = {{rep_text(p, "kolom.aanbieder", NULL), 143.3, RP_LEFT},
                      {rep_text(p, "kolom.n", NULL), 40, RP_RIGHT}};
    for (size_t m = 0; m < nm; m++)
        cols[2 + m] =
            (rp_col){rep_text(p, ms[m].label_key, NULL), (RP_TEXT_W - 183.3) / nm, RP_RIGHT};
    rep_table(p, cols, nc, cells, rows, bold);
    return hidden;
}

static void contract_report(rep *p, const char *group)
{
    (void)group;
    const rp_report *r = p->r;
    const char *vs[MAX_GROUPS];
    size_t nv = providers_of(r->res, "voorziening", NULL, vs), any = 0;
    const char *vars[] = {"regio", r->region, "jaar", r->year, "min_n", rep_fmt(p, "%ld", r->min_n),
                          NULL};
    rep_title_page(p, rep_text(p, "contract.titel", vars), r->region);
    rep_heading(p, 0, rep_text(p, "kop.contract", vars));
    rep_para(p, rep_text(p, "contract.uitleg", vars));
    for (size_t i = 0; i < nv && !p->st; i++) {
        const char *gs[MAX_GROUPS];
        if (!providers_of(r->res, CROSS, rep_fmt(p, "%s + ", vs[i]), gs))
            continue;
        any++;
        rep_heading(p, 0, vs[i]);
        size_t hidden = overview_table(p, vs[i], support_measures,
                                       sizeof support_measures / sizeof support_measures[0]);
        const st_row *hv = rep_theme_row(r->res, "voorziening", vs[i], "hv");
        if (rep_shown(hv)) {
            rep_heading(p, 1, rep_text(p, "contract.kop_hv", vars));
            overview_table(p, vs[i], hv_measures, sizeof hv_measures / sizeof hv_measures[0]);
        }
        if (hidden)
            rep_note(p, rep_text(p, "contract.onderdrukt",
                                 (const char *const[]){"aantal", rep_fmt(p, "%zu", hidden), "min_n",
                                                       rep_fmt(p, "%ld", r->min_n), NULL}));
    }
    if (!any)
        rep_para(p, rep_text(p, "contract.geen", vars));
    else
        rep_note(p, rep_text(p, "contract.noot", vars));
}

const rp_plan rp_plan_contract = {"contract.titel", 0, contract_report};
