/*
 * chapters.c - the standard chapters of a bureau's CEO report (chapters.h): who answered
 * (profile), whether they stand for the clients (representativeness), the results per
 * voorziening and the method. Every figure is a row of the run's result (st_compute, so
 * suppressed exactly as `ceo stats` suppresses it) or of its sample against the population
 * (st_sample); a hidden figure prints as "*", a missing one as a dash.
 */
#include "chapters.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define DASH "\xE2\x80\x93"

static const char *min_n_text(rep *p)
{
    return rep_fmt(p, "%ld", p->r->min_n);
}

void rep_weighting_note(rep *p)
{
    static const char *const keys[] = {NULL, "noot.gewogen_gewicht", "noot.gewogen_populatie"};
    if (p->r->weighting != RP_WEIGHT_NONE)
        rep_note(p, rep_text(p, keys[p->r->weighting], NULL));
}

/* ---- profile ---------------------------------------------------------------------------- */

/* A background question of the profile: single choice, in the achtergrond section, asked. */
static int profile_item(const rp_report *r, size_t i)
{
    const sv_item *it = sv_codebook_item(r->cb, i);
    return strcmp(it->section, "achtergrond") == 0 && it->type == SV_T_ENKEL && it->scale >= 0 &&
           sv_table_has(r->table, (int)i);
}

/* Count and % of an option row: "*" when hidden, a dash when there is no row. */
static void option_cells(rep *p, const st_row *w, const char **count, const char **pct)
{
    if (!w || (!w->suppressed && w->n == 0)) {
        *count = *pct = DASH;
    } else if (w->suppressed) {
        *count = *pct = "*";
    } else {
        *count = rep_count(p, w->positives);
        *pct = rep_num(p, w->pct_positive, 1, "%");
    }
}

void rep_profile_chapter(rep *p, const char *gemeente)
{
    const rp_report *r = p->r;
    size_t nitems = sv_codebook_nitems(r->cb), ncells = 0;
    for (size_t i = 0; i < nitems; i++)
        if (profile_item(r, i))
            ncells += sv_codebook_scale(r->cb, sv_codebook_item(r->cb, i)->scale)->ncats;
    const char *vars[] = {
        "gemeente", gemeente ? gemeente : r->region, "regio", r->region, "min_n", min_n_text(p),
        NULL};
    rep_heading(p, 0, rep_text(p, "kop.profiel", vars));
    if (!ncells) {
        rep_para(p, rep_text(p, "profiel.geen", vars));
        return;
    }
    rep_para(p, rep_text(p, gemeente ? "profiel.gemeente" : "profiel.regio", vars));
    size_t nc = gemeente ? 5 : 4, rows = 0;
    const char **cells = rep_cells_new(p, ncells * nc);
    int suppressed = 0;
    for (size_t i = 0; cells && i < nitems; i++) {
        if (!profile_item(r, i))
            continue;
        const sv_item *it = sv_codebook_item(r->cb, i);
        const sv_scale *sc = sv_codebook_scale(r->cb, it->scale);
        int first = 1;
        for (size_t k = 0; k < sc->ncats; k++) {
            if (sc->cats[k].dir == SV_DIR_INVALID)
                continue;
            const char *q = rep_fmt(p, "%s:%s", it->id, sc->cats[k].id);
            const st_row *reg = rep_row_of(r->res, "totaal", NULL, q, "");
            const st_row *w = gemeente ? rep_row_of(r->res, "gemeente", gemeente, q, "") : reg;
            if (!w && !reg)
                continue;
            const char **c = cells + rows * nc;
            c[0] = first ? it->label : "";
            c[1] = sc->cats[k].label;
            option_cells(p, w, &c[2], &c[3]);
            if (gemeente) {
                const char *rc;
                option_cells(p, reg, &rc, &c[4]);
            }
            suppressed |= w && w->suppressed;
            first = 0;
            rows++;
        }
    }
    rp_col cols[5] = {{rep_text(p, "kolom.kenmerk", NULL), 123.3, RP_LEFT},
                      {rep_text(p, "kolom.antwoord", NULL), 160, RP_LEFT},
                      {rep_text(p, "kolom.aantal", NULL), 60, RP_RIGHT},
                      {gemeente ? gemeente : rep_text(p, "kolom.procent", NULL), 70, RP_RIGHT},
                      {r->region, 70, RP_RIGHT}};
    if (!gemeente)
        cols[1].width = 200, cols[3].width = 100;
    rep_table(p, cols, nc, cells, rows, NULL);
    rep_note(p, rep_text(p, "noot.profiel", vars));
    if (suppressed)
        rep_note(p, rep_text(p, "noot.onderdrukt", vars));
    rep_weighting_note(p);
}

/* ---- representativeness ----------------------------------------------------------------- */

void rep_representation_chapter(rep *p, const char *gemeente)
{
    const rp_report *r = p->r;
    const st_sample *s = r->sample;
    const char *vars[] = {
        "gemeente", gemeente ? gemeente : r->region, "regio", r->region, "min_n", min_n_text(p),
        NULL};
    rep_heading(p, 0, rep_text(p, "kop.representativiteit", vars));
    if (!s || !st_sample_count(s)) {
        int kv = sv_codebook_find(r->cb, "voorziening");
        int has_v = kv >= 0 && sv_table_has(r->table, kv);
        rep_para(p,
                 rep_text(p,
                          has_v ? "representativiteit.geen" : "representativiteit.geen_voorziening",
                          vars));
        return;
    }
    rep_para(p, rep_text(p, gemeente ? "representativiteit.gemeente" : "representativiteit.regio",
                         vars));
    size_t n = st_sample_count(s), rows = 0;
    const char **cells = rep_cells_new(p, n * 5);
    int hidden = 0;
    for (size_t i = 0; cells && i < n; i++) {
        const st_sample_row *w = st_sample_at(s, i);
        const char **c = cells + rows++ * 5;
        c[0] = w->voorziening;
        c[1] = rep_count(p, (long)llround(w->population));
        c[2] = isnan(w->pct_population) ? DASH : rep_num(p, w->pct_population, 1, "%");
        c[3] = w->respondents < 0 ? "*" : rep_count(p, w->respondents);
        c[4] = w->respondents < 0 ? "*" : rep_num(p, w->pct_respondents, 1, "%");
        hidden |= w->respondents < 0;
    }
    const rp_col cols[5] = {{rep_text(p, "kolom.voorziening", NULL), 163.3, RP_LEFT},
                            {rep_text(p, "kolom.populatie", NULL), 80, RP_RIGHT},
                            {rep_text(p, "kolom.pct_populatie", NULL), 80, RP_RIGHT},
                            {rep_text(p, "kolom.respondenten", NULL), 80, RP_RIGHT},
                            {rep_text(p, "kolom.pct_respondenten", NULL), 80, RP_RIGHT}};
    rep_table(p, cols, 5, cells, rows, NULL);
    if (hidden)
        rep_note(p, rep_text(p, "noot.representativiteit_onderdrukt", vars));
    rep_note(p, rep_text(p, "noot.representativiteit_leeftijd", vars));
    rep_note(p, rep_text(p,
                         r->weighting == RP_WEIGHT_POST ? "representativiteit.gewogen"
                                                        : "representativiteit.ongewogen",
                         vars));
}

/* ---- results per voorziening ------------------------------------------------------------ */

void rep_voorziening_chapter(rep *p, const char *gemeente)
{
    const rp_report *r = p->r;
    const char *vs[MAX_GROUPS];
    size_t nv = rep_known_groups(r->res, "voorziening", vs);
    if (!nv)
        return; /* no voorziening column: said once by the run's warning */
    size_t nthemes;
    const char **themes = rep_present_themes(p, &nthemes), *shown[4];
    size_t ns = 0;
    for (size_t t = 0; t < nthemes && ns < 4; t++)
        if (strcmp(themes[t], "hv") != 0)
            shown[ns++] = themes[t];
    const char *vars[] = {
        "gemeente", gemeente ? gemeente : r->region, "regio", r->region, "min_n", min_n_text(p),
        NULL};
    rep_heading(p, 0, rep_text(p, "kop.voorziening", vars));
    rep_para(p, rep_text(p, gemeente ? "voorziening.gemeente" : "voorziening.regio", vars));
    int km = sv_codebook_find(r->cb, "cijfer");
    const sv_item *mark =
        km >= 0 && sv_table_has(r->table, km) ? sv_codebook_item(r->cb, (size_t)km) : NULL;
    size_t nc = 2 + ns + (mark ? 2 : 0), rows = 0;
    const char **cells = rep_cells_new(p, (nv + 1) * nc);
    int *bold = ceo_calloc(nv + 2, sizeof *bold);
    rep_keep(p, (char *)bold);
    rp_ci_bar *dots = ceo_calloc(nv + 1, sizeof *dots);
    rep_keep(p, (char *)dots);
    const char *dim = gemeente ? "gemeente+voorziening" : "voorziening";
    int suppressed = 0;
    size_t nd = 0, shown_rows = 0;
    for (size_t i = 0; cells && !p->st && i <= nv; i++) {
        const char *d = i < nv ? dim : gemeente ? "gemeente" : "totaal";
        const char *g =
            i < nv ? (gemeente ? rep_fmt(p, "%s + %s", gemeente, vs[i]) : vs[i]) : gemeente;
        const st_row *first = ns ? rep_theme_row(r->res, d, g, shown[0]) : NULL;
        /* a voorziening the gemeente has no clients of: no row */
        if (i < nv && (!first || (!first->suppressed && first->n == 0)))
            continue;
        const char **c = cells + rows * nc;
        c[0] = i < nv ? vs[i] : gemeente ? gemeente : r->region;
        c[1] = rep_n_of(p, first);
        shown_rows += i < nv && rep_shown(first);
        for (size_t t = 0; t < ns; t++) {
            const st_row *w = rep_theme_row(r->res, d, g, shown[t]);
            c[2 + t] = rep_pct_of(p, w);
            suppressed |= w && w->suppressed;
        }
        if (mark) {
            const st_row *m = rep_item_row(r->res, d, g, mark);
            c[2 + ns] = rep_mean_of(p, m);
            c[3 + ns] = rep_shown(m) ? rep_range(p, m->ci_low, m->ci_high) : "";
            if (i < nv && rep_shown(m))
                dots[nd++] = (rp_ci_bar){vs[i], m->mean, m->ci_low, m->ci_high, 0};
        }
        bold[rows] = i == nv;
        rows++;
    }
    rp_col cols[8];
    cols[0] = (rp_col){rep_text(p, "kolom.voorziening", NULL), 143.3, RP_LEFT};
    cols[1] = (rp_col){rep_text(p, "kolom.n", NULL), 40, RP_RIGHT};
    double rest = RP_TEXT_W - 183.3 - (mark ? 120 : 0);
    for (size_t t = 0; t < ns; t++)
        cols[2 + t] = (rp_col){rep_theme_short(p, shown[t]), rest / (double)ns, RP_RIGHT};
    if (mark) {
        cols[2 + ns] = (rp_col){rep_text(p, "kolom.cijfer_kort", NULL), 50, RP_RIGHT};
        cols[3 + ns] = (rp_col){rep_text(p, "kolom.bi", NULL), 70, RP_RIGHT};
    }
    if (!shown_rows) { /* a table of stars says nothing: say why instead */
        rep_para(p, rep_text(p, "voorziening.te_weinig", vars));
        return;
    }
    rep_table(p, cols, nc, cells, rows, bold);
    rep_note(p, rep_text(p, "noot.voorziening", vars));
    if (suppressed)
        rep_note(p, rep_text(p, "noot.onderdrukt", vars));
    rep_weighting_note(p);
    const st_row *ref =
        mark ? rep_item_row(r->res, gemeente ? "gemeente" : "totaal", gemeente, mark) : NULL;
    if (nd && rep_shown(ref) && !p->st) {
        /* the caption under the chart, so that no heading is left alone when the chart moves to
         * the next page */
        rep_chart_dots(p, dots, nd, 2, 10, ref->mean, gemeente ? gemeente : r->region);
        rep_note(p, rep_text(p, "noot.voorziening_cijfer", vars));
    }
}

/* ---- method ----------------------------------------------------------------------------- */

void rep_method_chapter(rep *p, int heading)
{
    const rp_report *r = p->r;
    static const char *const weigh[] = {"methode.ongewogen", "methode.gewicht",
                                        "methode.poststratificatie"};
    const char *vars[] = {"regio",
                          r->region,
                          "jaar",
                          r->year,
                          "min_n",
                          min_n_text(p),
                          "indicatief_n",
                          rep_fmt(p, "%ld", r->indicative_n),
                          "veldwerk",
                          r->fieldwork ? r->fieldwork : "",
                          NULL};
    if (heading) {
        rep_heading(p, 0, rep_text(p, "kop.methode", vars));
        rep_para(p, rep_text(p, "methode.cijfers", vars));
    }
    rep_para(p, rep_text(p, r->fieldwork ? "methode.veldwerk" : "methode.veldwerk_onbekend", vars));
    rep_para(p, rep_text(p, "methode.indicatief", vars));
    rep_para(p, rep_text(p, weigh[r->weighting], vars));
    rep_para(p, rep_text(p, "methode.meer", vars));
}
