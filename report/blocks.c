/*
 * blocks.c - the building blocks of the reports' pages: headings, paragraphs, notes and tables
 * handed to the layout, and the chapters more than one kind of report shows (the items of a
 * theme, own questions, the title page, the VWS table, signals, the trend). A block formats
 * rows it looks up itself; it computes nothing.
 */
#include "reportpriv.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "chapters.h"
#include "charts.h"
#include "html.h"
#include "period.h"

/* ---- building blocks -------------------------------------------------------------------- */

static const char *const *likert_legend(rep *p);

void rep_heading(rep *p, int level, const char *s)
{
    if (!p->st)
        p->st = p->html ? rp_html_heading(p->html, level, s, p->err)
                        : rp_doc_heading(&p->doc, level, s, p->err);
}

void rep_para(rep *p, const char *s)
{
    if (!p->st && s && *s)
        p->st =
            p->html ? rp_html_para(p->html, s, 0, p->err) : rp_doc_para(&p->doc, s, 9.5, p->err);
}

void rep_note(rep *p, const char *s)
{
    if (!p->st && s && *s)
        p->st = p->html ? rp_html_para(p->html, s, 1, p->err) : rp_doc_note(&p->doc, s, p->err);
}

void rep_table(rep *p, const rp_col *cols, size_t ncols, const char **cells, size_t nrows,
               const int *bold)
{
    if (!p->st && nrows)
        p->st = p->html ? rp_html_table(p->html, NULL, cols, ncols, cells, nrows, bold, p->err)
                        : rp_doc_table(&p->doc, cols, ncols, cells, nrows, bold, p->err);
    if (nrows)
        rep_ind_legend(p, 1);
    p->marked_cells = 0;
}

/* After a chart: the legend of the indicative mark when one of its labels carries it. */
static void chart_done(rep *p, size_t drawn)
{
    if (drawn)
        rep_ind_legend(p, 0);
    p->marked_labels = 0;
}

void rep_chart_likert(rep *p, const rp_likert_bar *bars, size_t n)
{
    if (!p->st && n && p->html)
        rep_html_likert(p, bars, n, likert_legend(p));
    else if (!p->st && n)
        p->st = rp_chart_likert(&p->doc, bars, n, likert_legend(p), p->err);
    chart_done(p, n);
}

void rep_chart_ci_bars(rep *p, const rp_ci_bar *bars, size_t n, double max, const char *unit,
                       double ref, const char *ref_label)
{
    if (!p->st && n && p->html)
        rep_html_intervals(p, bars, n, 0, max, unit, 0, ref, ref_label);
    else if (!p->st && n)
        p->st = rp_chart_ci_bars(&p->doc, bars, n, max, unit, ref, ref_label, p->err);
    chart_done(p, n);
}

void rep_chart_dots(rep *p, const rp_ci_bar *dots, size_t n, double lo, double hi, double ref,
                    const char *ref_label)
{
    if (!p->st && n && p->html)
        rep_html_intervals(p, dots, n, lo, hi, "", 1, ref, ref_label);
    else if (!p->st && n)
        p->st = rp_chart_dots(&p->doc, dots, n, lo, hi, ref, ref_label, p->err);
    chart_done(p, n);
}

void rep_chart_trend(rep *p, const char *const *periods, size_t nperiods, const char *const *series,
                     const double *values, size_t nseries)
{
    if (!p->st && nperiods && nseries && p->html)
        rep_html_trend(p, periods, nperiods, series, values, nseries);
    else if (!p->st && nperiods && nseries)
        p->st = rp_chart_trend(&p->doc, periods, nperiods, series, values, nseries, p->err);
    chart_done(p, nperiods && nseries);
}

const char **rep_cells_new(rep *p, size_t n)
{
    const char **c = ceo_calloc(n ? n : 1, sizeof *c);
    rep_keep(p, (char *)c);
    return p->st ? NULL : c;
}

static const char *item_label(const sv_item *it)
{
    return it->question && *it->question ? it->question : it->label;
}

/* The short name of a theme for a column header ([thema.ID.kort]), else its name. */
const char *rep_theme_short(rep *p, const char *theme)
{
    char key[96];
    snprintf(key, sizeof key, "thema.%s.kort", theme);
    const char *s = rp_texts_get(p->r->texts, key);
    if (s)
        return s;
    snprintf(key, sizeof key, "thema.%s", theme);
    s = rp_texts_get(p->r->texts, key);
    return s ? s : theme;
}

const char *rep_theme_label(rep *p, const char *theme)
{
    char key[96];
    snprintf(key, sizeof key, "thema.%s", theme);
    const char *s = rp_texts_get(p->r->texts, key);
    return s ? s : theme;
}

/* The shares of the five Likert categories of a row, from its distribution. */
static int likert_shares(const st_row *w, double share[5])
{
    static const char *const ids[5] = {"helemaal_niet_mee_eens", "niet_mee_eens", "neutraal",
                                       "mee_eens", "helemaal_mee_eens"};
    if (!rep_shown(w) || !w->distribution)
        return 0;
    double count[5] = {0}, total = 0;
    for (const char *s = w->distribution; *s;) {
        const char *colon = strchr(s, ':');
        if (!colon)
            break;
        const char *bar = strchr(colon, '|');
        size_t idlen = (size_t)(colon - s);
        double v = strtod(colon + 1, NULL);
        for (int k = 0; k < 5; k++)
            if (strlen(ids[k]) == idlen && memcmp(ids[k], s, idlen) == 0) {
                count[k] = v;
                total += v;
            }
        if (!bar)
            break;
        s = bar + 1;
    }
    if (total <= 0)
        return 0;
    for (int k = 0; k < 5; k++)
        share[k] = 100 * count[k] / total;
    return 1;
}

static const char *const *likert_legend(rep *p)
{
    const char **legend = p->legend;
    static const char *const keys[5] = {"schaal.helemaal_niet_mee_eens", "schaal.niet_mee_eens",
                                        "schaal.neutraal", "schaal.mee_eens",
                                        "schaal.helemaal_mee_eens"};
    for (int k = 0; k < 5; k++)
        legend[k] = rep_text(p, keys[k], NULL);
    return legend;
}

/* NPS of a score row: % 9-10 minus % 0-6, with its 95% interval from the multinomial
 * variance (p+ + p- - (p+ - p-)^2) / n. Returns 0 when the row is not shown. */
int rep_nps_of(const st_row *w, double *v, double *lo, double *hi)
{
    if (!rep_shown(w))
        return 0;
    /* as the --hv table (stats/hv.c): Kish's effective n when weighted, within -100..100 */
    double pp = w->pct_positive / 100, pd = w->pct_negative / 100;
    double n = isnan(w->n_effective) ? (double)w->n : w->n_effective;
    double se = 100 * sqrt((pp + pd - (pp - pd) * (pp - pd)) / n);
    *v = 100 * (pp - pd);
    *lo = fmax(-100, *v - 1.959963984540054 * se);
    *hi = fmin(100, *v + 1.959963984540054 * se);
    return 1;
}

const char *rep_range(rep *p, double lo, double hi)
{
    char a[32], b[32];
    rp_fmt_num(a, sizeof a, lo, 1, NULL);
    rp_fmt_num(b, sizeof b, hi, 1, NULL);
    return lo < 0 || hi < 0 ? rep_fmt(p, "%s tot %s", a, b) : rep_fmt(p, "%s\xE2\x80\x93%s", a, b);
}

static void notes_after_table(rep *p, int suppressed, int compared, int published_only)
{
    const char *mn = rep_fmt(p, "%ld", p->r->min_n);
    if (compared)
        rep_note(p, rep_text(p, "noot.verschil", NULL));
    if (suppressed)
        rep_note(p, rep_text(p, "noot.onderdrukt", (const char *const[]){"min_n", mn, NULL}));
    /* the region's figures leave out the answers of small groups: say so where they are shown */
    if (published_only)
        rep_note(p, rep_text(p, "noot.regio_gepubliceerd",
                             (const char *const[]){"regio", p->r->region, "min_n", mn, NULL}));
    rep_weighting_note(p);
}

/* A question outside every theme that is reported on its own (the cliëntondersteuner): a
 * statement or yes/no question, no part of any theme score. */
static int own_question(const sv_item *it)
{
    return !*it->theme && st_tested_item(it) && (it->type == SV_T_LIKERT || it->type == SV_T_JANEE);
}

/* Likert chart and tables of the items of one theme for a group against the region (dim
 * "totaal": the region alone): the statements with % positive, then marks and scores with
 * their own column of values. Theme "": the questions reported on their own (own_question). */
void rep_items_block(rep *p, const char *theme, const char *dim, const char *group,
                     const char *group_label)
{
    const rp_report *r = p->r;
    size_t nitems = sv_codebook_nitems(r->cb);
    int region = strcmp(dim, "totaal") == 0;
    rp_likert_bar bars[32];
    size_t nb = 0, na = 0, nm = 0;
    const char **stm = rep_cells_new(p, (nitems + 1) * 6),
               **marks = rep_cells_new(p, (nitems + 1) * 6);
    int suppressed = 0, published_only = 0, scored = 0;
    if (!stm || !marks)
        return;
    for (size_t i = 0; i < nitems; i++) {
        const sv_item *it = sv_codebook_item(r->cb, i);
        if (strcmp(it->theme, theme) != 0 || !sv_table_has(r->table, (int)i) ||
            (!*theme && !own_question(it)))
            continue;
        const st_row *w = rep_item_row(r->res, dim, group, it);
        const st_row *reg = rep_item_row(r->res, "totaal", NULL, it);
        if (!w)
            continue;
        suppressed |= w->suppressed;
        published_only |= reg && reg->published_only;
        int mark = it->type == SV_T_CIJFER, score = it->type == SV_T_SCORE;
        const char **c = mark || score ? marks + nm++ * 6 : stm + na++ * 6;
        c[0] = item_label(it);
        c[1] = rep_n_of(p, w);
        if (score) {
            double v, lo, hi, rv, rl, rh;
            c[2] = rep_nps_of(w, &v, &lo, &hi) ? rep_ind(p, w, rep_num(p, v, 1, NULL))
                                               : rep_pct_of(p, w);
            c[3] = rep_shown(w) ? rep_range(p, lo, hi) : "";
            c[4] = rep_nps_of(reg, &rv, &rl, &rh) ? rep_num(p, rv, 1, NULL) : "";
            /* stats tests a score's mean (Welch), not the NPS: the note says so */
            c[5] = region ? "" : rep_sig_of(p, w, reg, 1);
            scored |= !region && rep_shown(w);
            c[0] = rep_fmt(p, "%s %s", item_label(it), rep_text(p, "label.nps", NULL));
        } else if (mark) {
            c[2] = rep_mean_of(p, w);
            c[3] = rep_shown(w) ? rep_range(p, w->ci_low, w->ci_high) : "";
            c[4] = rep_mean_of(p, reg);
            c[5] = region ? "" : rep_sig_of(p, w, reg, 1);
        } else {
            if (it->type == SV_T_LIKERT && nb < 32 && likert_shares(w, bars[nb].share))
                bars[nb++].label = rep_ind_label(p, w, item_label(it));
            c[2] = rep_pct_of(p, w);
            c[3] = rep_ci_of(p, w);
            c[4] = rep_pct_of(p, reg);
            c[5] = region ? "" : rep_sig_of(p, w, reg, 0);
        }
    }
    if (p->st || (!na && !nm))
        return;
    if (nb)
        rep_para(p, rep_text(p, "grafiek.stellingen",
                             (const char *const[]){"groep", group_label, NULL}));
    rep_chart_likert(p, bars, nb);
    for (int part = 0; part < 2; part++) {
        const char **cells = part ? marks : stm;
        size_t rows = part ? nm : na;
        if (!rows)
            continue;
        const char *value = rep_text(p, part ? "kolom.waarde_cijfer" : "kolom.positief", NULL);
        const rp_col cols[6] = {{rep_text(p, "kolom.vraag", NULL), 203.3, RP_LEFT},
                                {rep_text(p, "kolom.n", NULL), 40, RP_RIGHT},
                                {value, 60, RP_RIGHT},
                                {rep_text(p, "kolom.bi", NULL), 70, RP_RIGHT},
                                {rep_text(p, "kolom.regio", NULL), 60, RP_RIGHT},
                                {rep_text(p, "kolom.verschil", NULL), 50, RP_LEFT}};
        if (region) { /* the region itself: no comparison columns */
            const rp_col tcols[4] = {{cols[0].title, 253.3, RP_LEFT},
                                     {cols[1].title, 60, RP_RIGHT},
                                     {cols[2].title, 80, RP_RIGHT},
                                     {cols[3].title, 90, RP_RIGHT}};
            for (size_t i = 0; i < rows; i++)
                for (size_t k = 0; k < 4; k++)
                    cells[i * 4 + k] = cells[i * 6 + k];
            rep_table(p, tcols, 4, cells, rows, NULL);
        } else {
            rep_table(p, cols, 6, cells, rows, NULL);
        }
    }
    notes_after_table(p, suppressed, !region, published_only);
    if (scored)
        rep_note(p, rep_text(p, "noot.verschil_nps", NULL));
}

/* The chapter of the questions outside the themes, when the export has any. */
void rep_own_questions(rep *p, const char *dim, const char *group, const char *group_label)
{
    const rp_report *r = p->r;
    int any = 0;
    for (size_t i = 0; i < sv_codebook_nitems(r->cb) && !any; i++)
        any = own_question(sv_codebook_item(r->cb, i)) && sv_table_has(r->table, (int)i);
    if (!any)
        return;
    const char *vars[] = {"gemeente", group_label, NULL};
    rep_heading(p, 0, rep_text(p, "kop.losse_vragen", vars));
    rep_para(p, rep_text(p, "losse_vragen.uitleg", vars));
    rep_items_block(p, "", dim, group, group_label);
}

const char **rep_present_themes(rep *p, size_t *n)
{
    const char **themes = p->themes;
    *n = 0;
    const st_result *res = p->r->res;
    for (size_t i = 0; i < st_result_count(res) && *n < 16; i++) {
        const st_row *w = st_result_row(res, i);
        if (strcmp(w->dimension, "totaal") != 0 || w->question[0] || !w->theme[0])
            continue;
        themes[(*n)++] = w->theme;
    }
    return themes;
}

void rep_title_page(rep *p, const char *title, const char *subtitle)
{
    const rp_report *r = p->r;
    if (p->html) {
        rep_html_title_page(p, title, subtitle);
        return;
    }
    if (p->st || (p->st = rp_doc_page(&p->doc, p->err)))
        return;
    if (r->logo) {
        rp_box lb = {RP_MARGIN_L, RP_PAGE_H - RP_MARGIN_T - 60, 160, 60};
        p->st = rp_pdf_png(p->doc.pdf, r->logo, &lb, p->err);
        if (p->st)
            return;
    }
    rp_pdf_rect(p->doc.pdf, 0, RP_PAGE_H * 0.42, RP_PAGE_W, 6, &r->accent, NULL, 0);
    rp_box tb = {RP_MARGIN_L, RP_PAGE_H * 0.55, RP_TEXT_W, 110};
    rp_text_box(p->doc.pdf, RP_BOLD, 20, r->accent, title, &tb, RP_LEFT, 3);
    rp_box sb = {RP_MARGIN_L, RP_PAGE_H * 0.45, RP_TEXT_W, 40};
    subtitle = rep_capital(p, subtitle);
    rp_text_box(p->doc.pdf, RP_BOLD, 16, rp_black, subtitle, &sb, RP_LEFT, 2);
    rp_box rb = {RP_MARGIN_L, RP_PAGE_H * 0.30, RP_TEXT_W, 60};
    rp_text_box(p->doc.pdf, RP_REGULAR, 11, rp_grey,
                rep_text(p, "titel.onder",
                         (const char *const[]){"regio", r->region, "jaar", r->year, NULL}),
                &rb, RP_LEFT, 3);
    if (!p->st)
        p->st = rp_pdf_outline(p->doc.pdf, 0, subtitle, RP_PAGE_H - RP_MARGIN_T, p->err);
    p->doc.y = RP_MARGIN_B; /* nothing else on the title page */
}

/* "2025-03-01" at s as "1 maart 2025" into out; 0 when s does not start with a date. */
static int dutch_date(const char *s, char *out, size_t size)
{
    int y, m, d, used = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 || m < 1 || m > 12)
        return 0;
    snprintf(out, size, "%d %s %d", d, rp_month_name(m), y);
    return 1;
}

/* A value of the VWS data for reading: Dutch dates and numbers. */
static const char *vws_display(rep *p, const char *id, const char *val, int number, int pct)
{
    char a[64], b[64];
    if (dutch_date(val, a, sizeof a)) {
        const char *dash = strstr(val, " \xE2\x80\x93 ");
        if (dash && dutch_date(dash + 5, b, sizeof b))
            return rep_fmt(p, "%s \xE2\x80\x93 %s", a, b);
        return rep_fmt(p, "%s", a);
    }
    if (!number || strcmp(id, "jaar") == 0) /* a year is no count: 2025, not 2.025 */
        return val;
    if (!strchr(val, '.') && !pct)
        return rep_count(p, strtol(val, NULL, 10));
    char *dutch = ceo_malloc(strlen(val) + 2);
    if (dutch) {
        size_t i = 0;
        for (; val[i]; i++)
            dutch[i] = val[i] == '.' ? ',' : val[i];
        if (pct)
            dutch[i++] = '%';
        dutch[i] = '\0';
    }
    return rep_keep(p, dutch);
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* The VWS fields of one gemeente as a two-column table: all of them, or (items 0) only those
 * that are not figures of an item. */
void rep_vws_table(rep *p, const char *gemeente, int items)
{
    const st_vws *v = p->r->vws;
    size_t g = 0, ng = v ? st_vws_count(v) : 0;
    while (g < ng && strcmp(st_vws_gemeente(v, g), gemeente) != 0)
        g++;
    if (g == ng) {
        rep_note(p, rep_text(p, "noot.geen_vws", NULL));
        return;
    }
    size_t nf = st_vws_nfields(v);
    const char **cells = rep_cells_new(p, nf * 2);
    if (!cells)
        return;
    size_t rows = 0;
    int missing = 0;
    for (size_t k = 0; k < nf; k++) {
        const char *id = st_vws_field_id(v, k), *val = st_vws_value(v, g, k);
        int pct = ends_with(id, "_pct_positief") || strcmp(id, "respons") == 0;
        if (!items && (pct || ends_with(id, "_n")) && strcmp(id, "respons") != 0)
            continue;
        const char *own = rep_response_field(p, gemeente, id);
        if (own)
            val = own;
        else if (val && *val)
            val = vws_display(p, id, val, st_vws_is_number(v, g, k), pct);
        /* a figure of an item is "–" (too few answers); a lacking setting is said to lack */
        int item = (pct || ends_with(id, "_n")) && strcmp(id, "respons") != 0,
            lacks = !(val && *val) && !item;
        missing |= lacks;
        cells[2 * rows] = st_vws_field_label(v, k);
        cells[2 * rows + 1] = val && *val ? val
                              : lacks     ? rep_text(p, "vws.ontbreekt", NULL)
                                          : "\xE2\x80\x93";
        rows++;
    }
    const rp_col cols[2] = {{rep_text(p, "kolom.veld", NULL), 200, RP_LEFT},
                            {rep_text(p, "kolom.waarde", NULL), 283.3, RP_LEFT}};
    rep_table(p, cols, 2, cells, rows, NULL);
    if (missing)
        rep_note(p, rep_text(p, "noot.vws_ontbreekt", NULL));
    if (items)
        rep_note(p, rep_text(p, "noot.vws_leeg",
                             (const char *const[]){"min_n", rep_fmt(p, "%ld", p->r->min_n), NULL}));
}

void rep_signals_block(rep *p, const char *only_group)
{
    const st_signals *s = p->r->signals;
    size_t n = s ? st_signals_count(s) : 0, rows = 0;
    const char **cells = rep_cells_new(p, (n ? n : 1) * 4);
    if (!cells)
        return;
    for (size_t i = 0; i < n; i++) {
        const st_signal *g = st_signals_at(s, i);
        if (only_group && !strstr(g->row->group, only_group))
            continue;
        const sv_item *it = NULL;
        int k = g->row->question[0] ? sv_codebook_find(p->r->cb, g->row->question) : -1;
        if (k >= 0)
            it = sv_codebook_item(p->r->cb, (size_t)k);
        const char **c = cells + rows * 4;
        c[0] = g->target;
        c[1] = it ? it->label : rep_theme_label(p, g->row->theme);
        c[2] = rep_fmt(p, "%ld", g->row->n);
        c[3] = g->question;
        rows++;
    }
    if (!rows) {
        rep_para(p, rep_text(p, "signalen.geen", NULL));
        return;
    }
    const rp_col cols[4] = {{rep_text(p, "kolom.doelgroep", NULL), 120, RP_LEFT},
                            {rep_text(p, "kolom.onderwerp", NULL), 100, RP_LEFT},
                            {rep_text(p, "kolom.n", NULL), 30, RP_RIGHT},
                            {rep_text(p, "kolom.onderzoeksvraag", NULL), 233.3, RP_LEFT}};
    rep_table(p, cols, 4, cells, rows, NULL);
}

/* % positive of the themes per period for one group (dim "periode" when group is NULL). */
void rep_trend_block(rep *p, const char *dim, const char *group, const char **themes,
                     size_t nthemes)
{
    const st_result *tr = p->r->trend;
    const char *periods[64];
    size_t np = rp_report_groups(tr, "periode", periods, 64), whole;
    if (!tr || np < 2) {
        rep_note(p, rep_text(p, "trend.geen", NULL));
        return;
    }
    /* only whole quarters with min_n answers: two months of fieldwork make no trend */
    np = rep_trend_periods(p, dim, group, themes, nthemes, periods, np, &whole);
    if (np < 2) {
        rep_note(p, rep_text(p, "trend.te_kort",
                             (const char *const[]){"kwartalen", rep_fmt(p, "%zu", whole), "min_n",
                                                   rep_fmt(p, "%ld", p->r->min_n), NULL}));
        return;
    }
    double *vals = ceo_calloc(nthemes * np + 1, sizeof *vals);
    rep_keep(p, (char *)vals);
    if (p->st)
        return;
    int any = 0;
    const st_row *marked[64] = {0}; /* per period: a plotted row that is indicative */
    for (size_t t = 0; t < nthemes; t++)
        for (size_t i = 0; i < np; i++) {
            const char *g = group ? rep_fmt(p, "%s + %s", group, periods[i]) : periods[i];
            const st_row *w = rep_theme_row(tr, dim, g, themes[t]);
            vals[t * np + i] = rep_shown(w) && w->n >= p->r->min_n ? w->pct_positive : NAN;
            any |= !isnan(vals[t * np + i]);
            if (!isnan(vals[t * np + i]) && w->indicative)
                marked[i] = w;
        }
    if (!any) {
        rep_note(p, rep_text(p, "trend.geen", NULL));
        return;
    }
    const char *names[16], *labels[64];
    for (size_t t = 0; t < nthemes && t < 16; t++)
        names[t] = rep_theme_label(p, themes[t]);
    for (size_t i = 0; i < np; i++) { /* "2025-K1" reads as "K1 2025" */
        const char *k = strstr(periods[i], "-K");
        labels[i] = rep_ind_label(
            p, marked[i],
            k && k - periods[i] == 4 ? rep_fmt(p, "%s %.4s", k + 1, periods[i]) : periods[i]);
    }
    rep_chart_trend(p, labels, np, names, vals, nthemes);
    rep_note(p, rep_text(p, "trend.noot", NULL));
}
