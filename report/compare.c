/*
 * compare.c - the comparisons of the reports: a group's figures beside last year's (the prev_*
 * fields stats filled from a previous export, a previous `ceo stats` CSV or the store a year
 * earlier) and beside the benchmark file's; the gemeenten of the region against last year; and
 * which quarters the trend may draw. A previous figure that the previous source does not have
 * (hidden there, below min_n, or absent) is said to be missing, never filled in; the difference
 * is marked "hoger" / "lager" only where stats' test of it says so (q_vs_prev < 0.05).
 */
#include "compare.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "reportpriv.h"

/* ---- the quarters the trend may draw ---------------------------------------------------- */

const char *rp_full_quarters(const sv_table *t, int kd, char *buf, size_t size)
{
    buf[0] = '\0';
    const int64_t *dates = kd >= 0 && sv_table_has(t, kd) ? sv_table_dates(t, kd) : NULL;
    /* months with answers, from 1900 on, as a bit per month */
    enum { FIRST = 1900, YEARS = 300 };
    static const size_t nbits = YEARS * 12;
    unsigned char seen[YEARS * 12 / 8 + 1];
    memset(seen, 0, sizeof seen);
    for (size_t i = 0, n = sv_table_rows(t); dates && i < n; i++) {
        if (dates[i] == SV_MISSING_DATE)
            continue;
        time_t tt = (time_t)dates[i];
        struct tm tm;
        if (!gmtime_r(&tt, &tm) || tm.tm_year + 1900 < FIRST)
            continue;
        size_t m = (size_t)(tm.tm_year + 1900 - FIRST) * 12 + (size_t)tm.tm_mon;
        if (m < nbits)
            seen[m / 8] |= (unsigned char)(1u << (m % 8));
    }
    size_t len = 0;
    for (size_t q = 0; q < nbits / 3; q++) {
        int full = 1;
        for (size_t k = 0; k < 3 && full; k++)
            full = (seen[(3 * q + k) / 8] >> ((3 * q + k) % 8)) & 1;
        if (!full)
            continue;
        int w = snprintf(buf + len, size - len, "%s%04d-K%d", len ? "," : "", (int)(FIRST + q / 4),
                         (int)(q % 4 + 1));
        if (w < 0 || (size_t)w >= size - len) {
            buf[len] = '\0';
            break;
        }
        len += (size_t)w;
    }
    return buf;
}

size_t rep_trend_periods(rep *p, const char *dim, const char *group, const char **themes,
                         size_t nthemes, const char **periods, size_t np, size_t *asked)
{
    const rp_report *r = p->r;
    size_t k = 0;
    *asked = 0;
    for (size_t i = 0; i < np; i++) {
        size_t len = strlen(periods[i]);
        if (!r->full_periods || !ceo_list_has(r->full_periods, periods[i], len))
            continue; /* a quarter the fieldwork did not cover whole */
        (*asked)++;
        const char *g = group ? rep_fmt(p, "%s + %s", group, periods[i]) : periods[i];
        int enough = 0;
        for (size_t t = 0; t < nthemes && !enough; t++) {
            const st_row *w = rep_theme_row(r->trend, dim, g, themes[t]);
            enough = rep_shown(w) && w->n >= r->min_n;
        }
        if (enough)
            periods[k++] = periods[i];
    }
    return k;
}

/* ---- a group's figures beside last year's and the benchmark's --------------------------- */

static int is_mean(const st_row *w)
{
    return w && isnan(w->pct_positive) && !isnan(w->mean);
}

static const char *value_of(rep *p, const st_row *w)
{
    return is_mean(w) ? rep_mean_of(p, w) : rep_pct_of(p, w);
}

/* Last year's figure of a shown row, or the words that say there is none. */
static const char *prev_cell(rep *p, const st_row *w)
{
    if (!rep_shown(w))
        return "";
    if (w->prev_n < p->r->min_n || isnan(w->prev_value))
        return rep_text(p, "vergelijking.geen_cijfer", NULL);
    return rep_num(p, w->prev_value, 1, is_mean(w) ? NULL : "%");
}

/* This year's figure less last year's, with "hoger" / "lager" when the test says it differs. */
static const char *diff_cell(rep *p, const st_row *w)
{
    if (!rep_shown(w) || w->prev_n < p->r->min_n || isnan(w->prev_value))
        return "";
    double now = is_mean(w) ? w->mean : w->pct_positive, d = now - w->prev_value;
    const char *num = rep_num(p, d, 1, NULL);
    const char *sign = d > 0 && strcmp(num, "0,0") != 0 ? "+" : "";
    if (isnan(w->q_vs_prev) || w->q_vs_prev >= 0.05)
        return rep_fmt(p, "%s%s", sign, num);
    return rep_fmt(p, "%s%s %s", sign, num,
                   rep_text(p, d > 0 ? "teken.hoger" : "teken.lager", NULL));
}

static const char *bench_cell(rep *p, const char *id)
{
    double v = rp_bench_get(p->r->bench, id);
    return isnan(v) ? "\xE2\x80\x93" : rep_num(p, v, 1, "%");
}

static int listed(const char *const *themes, size_t n, const char *theme)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(themes[i], theme) == 0)
            return 1;
    return 0;
}

void rep_compare_block(rep *p, const char *dim, const char *group, const char *label,
                       const char **themes, size_t nthemes, int own)
{
    const rp_report *r = p->r;
    int prev = r->has_compare, bench = r->bench && strcmp(dim, "aanbieder") != 0;
    if (!prev && !bench)
        return;
    size_t nitems = sv_codebook_nitems(r->cb), ncols = 2 + (prev ? 2 : 0) + (bench ? 1 : 0);
    const char **cells = rep_cells_new(p, (nitems + nthemes + 1) * ncols);
    if (!cells)
        return;
    size_t rows = 0;
    for (size_t i = 0; i < nthemes + nitems; i++) {
        const st_row *w;
        const char *id, *name;
        if (i < nthemes) {
            id = themes[i];
            w = rep_theme_row(r->res, dim, group, id);
            name = rep_theme_label(p, id);
        } else {
            const sv_item *it = sv_codebook_item(r->cb, i - nthemes);
            if (!st_tested_item(it) || it->type == SV_T_SCORE || it->type == SV_T_MEER ||
                !sv_table_has(r->table, (int)(i - nthemes)) ||
                !(listed(themes, nthemes, it->theme) || (own && !*it->theme)))
                continue;
            id = it->id;
            w = rep_item_row(r->res, dim, group, it);
            name = it->label;
        }
        if (!w)
            continue;
        const char **c = cells + rows++ * ncols;
        size_t k = 0;
        c[k++] = name;
        c[k++] = value_of(p, w);
        if (prev) {
            c[k++] = prev_cell(p, w);
            c[k++] = diff_cell(p, w);
        }
        if (bench)
            c[k++] = bench_cell(p, id);
    }
    if (p->st || !rows)
        return;
    const char *vars[] = {"groep", label, "bron", bench ? rp_bench_label(r->bench) : "", NULL};
    rep_heading(p, 0, rep_text(p, "kop.vergelijking", vars));
    rep_para(p, rep_text(p, prev ? "vergelijking.uitleg" : "vergelijking.uitleg_benchmark", vars));
    rp_col cols[5];
    size_t k = 0;
    double rest = RP_TEXT_W - 80.0 * (double)(ncols - 1);
    cols[k++] = (rp_col){rep_text(p, "kolom.onderwerp", NULL), rest, RP_LEFT};
    cols[k++] = (rp_col){rep_text(p, "kolom.dit_jaar", NULL), 80, RP_RIGHT};
    if (prev) {
        cols[k++] = (rp_col){rep_text(p, "kolom.vorig_jaar", NULL), 80, RP_RIGHT};
        cols[k++] = (rp_col){rep_text(p, "kolom.verschil_vorig", NULL), 80, RP_RIGHT};
    }
    if (bench)
        cols[k++] = (rp_col){rp_bench_label(r->bench), 80, RP_RIGHT};
    rep_table(p, cols, ncols, cells, rows, NULL);
    const char *mn = rep_fmt(p, "%ld", r->min_n);
    if (prev)
        rep_note(p, rep_text(p, "noot.vergelijking", (const char *const[]){"min_n", mn, NULL}));
    if (bench)
        rep_note(p, rep_text(p, "noot.benchmark", vars));
}

/* ---- the gemeenten of the region against last year -------------------------------------- */

void rep_compare_groups(rep *p, const char **themes, size_t nthemes)
{
    const rp_report *r = p->r;
    if (!r->has_compare)
        return;
    const char *gs[MAX_GROUPS];
    size_t ng = rep_known_groups(r->res, "gemeente", gs);
    const char *vars[] = {"regio", r->region, NULL};
    rep_heading(p, 0, rep_text(p, "kop.vergelijking_gemeenten", vars));
    rep_para(p, rep_text(p, "vergelijking.gemeenten", vars));
    for (size_t t = 0; t < nthemes && !p->st; t++) {
        if (strcmp(themes[t], "hv") == 0)
            continue;
        const char **cells = rep_cells_new(p, (ng + 1) * 4);
        int *bold = ceo_calloc(ng + 2, sizeof *bold);
        rep_keep(p, (char *)bold);
        if (!cells || p->st)
            return;
        for (size_t i = 0; i <= ng; i++) {
            const st_row *w = rep_theme_row(r->res, i < ng ? "gemeente" : "totaal",
                                            i < ng ? gs[i] : NULL, themes[t]);
            const char **c = cells + i * 4;
            c[0] = i < ng ? gs[i] : r->region;
            c[1] = rep_pct_of(p, w);
            c[2] = w && w->suppressed ? "" : prev_cell(p, w);
            c[3] = diff_cell(p, w);
            bold[i] = i == ng;
        }
        const rp_col cols[4] = {{rep_text(p, "kolom.gemeente", NULL), 193.3, RP_LEFT},
                                {rep_text(p, "kolom.dit_jaar", NULL), 90, RP_RIGHT},
                                {rep_text(p, "kolom.vorig_jaar", NULL), 100, RP_RIGHT},
                                {rep_text(p, "kolom.verschil_vorig", NULL), 100, RP_RIGHT}};
        rep_heading(p, 1, rep_theme_label(p, themes[t]));
        rep_table(p, cols, 4, cells, ng + 1, bold);
    }
    rep_note(p, rep_text(p, "noot.vergelijking",
                         (const char *const[]){"min_n", rep_fmt(p, "%ld", r->min_n), NULL}));
}
