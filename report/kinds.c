/*
 * kinds.c - the contents of each kind of PDF report: the gemeente report (for VWS), the
 * regional report and the provider report with its remarks, and their page plans
 * (rp_plan_gemeente, rp_plan_regio, rp_plan_aanbieder). Each chapter looks up its rows in the
 * result and hands them to the blocks (blocks.c) in reading order.
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

/* ---- the gemeente report ---------------------------------------------------------------- */

static void gemeente_report(rep *p, const char *g)
{
    const rp_report *r = p->r;
    size_t nthemes;
    const char **themes = rep_present_themes(p, &nthemes);
    const char *vars[] = {"gemeente", g,       "regio", r->region,
                          "jaar",     r->year, "min_n", rep_fmt(p, "%ld", r->min_n),
                          NULL};
    rep_title_page(p, rep_text(p, "gemeente.titel", vars), g);
    int any = 0;
    for (size_t t = 0; t < nthemes; t++)
        any |= rep_shown(rep_theme_row(r->res, "gemeente", g, themes[t]));
    if (!any) { /* too few respondents for any figure */
        rep_heading(p, 0, rep_text(p, "kop.te_weinig", vars));
        rep_para(p, rep_text(p, "gemeente.te_weinig", vars));
        rep_heading(p, 1, rep_text(p, "kop.verantwoording", NULL));
        rep_vws_table(p, g, 0);
        return;
    }

    rep_heading(p, 0, rep_text(p, "kop.samenvatting", NULL));
    rep_findings(p, "gemeente", g);
    rep_para(p, rep_text(p, "bevindingen.tabel.gemeente", vars));
    const char **cells = rep_cells_new(p, 16 * 5);
    size_t rows = 0, nc = r->has_compare ? 5 : 4;
    for (size_t t = 0; cells && t < nthemes; t++) {
        if (strcmp(themes[t], "hv") == 0)
            continue;
        const st_row *w = rep_theme_row(r->res, "gemeente", g, themes[t]);
        const st_row *reg = rep_theme_row(r->res, "totaal", NULL, themes[t]);
        const char **c = cells + rows * nc;
        c[0] = rep_theme_label(p, themes[t]);
        c[1] = rep_pct_of(p, w);
        c[2] = rep_pct_of(p, reg);
        c[nc - 1] = rep_n_of(p, w);
        if (r->has_compare)
            c[3] = rep_prev_of(p, w);
        rows++;
    }
    const rp_col cols[5] = {
        {rep_text(p, "kolom.thema", NULL), r->has_compare ? 163.3 : 223.3, RP_LEFT},
        {g, 100, RP_RIGHT},
        {r->region, 100, RP_RIGHT},
        {r->has_compare ? rep_text(p, "kolom.vorig_jaar", NULL) : rep_text(p, "kolom.n", NULL), 60,
         RP_RIGHT},
        {rep_text(p, "kolom.n", NULL), 60, RP_RIGHT}};
    rep_table(p, cols, nc, cells, rows, NULL);
    rep_note(p, rep_text(p, "noot.thema", vars));
    rep_weighting_note(p);
    /* the themes of the gemeente against the region, as bars */
    rp_ci_bar bars[16];
    size_t nb = 0;
    for (size_t t = 0; t < nthemes && nb < 8; t++) {
        if (strcmp(themes[t], "hv") == 0)
            continue;
        const st_row *w = rep_theme_row(r->res, "gemeente", g, themes[t]);
        const st_row *reg = rep_theme_row(r->res, "totaal", NULL, themes[t]);
        if (!rep_shown(w) || !reg)
            continue;
        bars[nb++] = (rp_ci_bar){
            rep_ind_label(p, w, rep_fmt(p, "%s \xE2\x80\x93 %s", rep_theme_label(p, themes[t]), g)),
            w->pct_positive, NAN, NAN, 1};
        bars[nb++] =
            (rp_ci_bar){rep_fmt(p, "%s \xE2\x80\x93 %s", rep_theme_label(p, themes[t]), r->region),
                        reg->pct_positive, NAN, NAN, 0};
    }
    if (nb && !p->st)
        rep_chart_ci_bars(p, bars, nb, 100, "%", NAN, NULL);
    rep_compare_block(p, "gemeente", g, g, themes, nthemes, 1);

    rep_heading(p, 0, rep_text(p, "kop.verantwoording", NULL));
    rep_para(p, rep_text(p, "gemeente.verantwoording", vars));
    rep_vws_table(p, g, 0);
    rep_response_block(p, g);
    rep_profile_chapter(p, g);
    rep_representation_chapter(p, g);

    for (size_t t = 0; t < nthemes; t++) {
        if (strcmp(themes[t], "hv") == 0)
            continue;
        const char *tv[] = {"thema", rep_theme_label(p, themes[t]), "gemeente", g, NULL};
        rep_heading(p, 0, rep_text(p, "kop.thema", tv));
        char key[96];
        snprintf(key, sizeof key, "thema.%s.uitleg", themes[t]);
        if (rp_texts_get(r->texts, key))
            rep_para(p, rep_text(p, key, tv));
        rep_items_block(p, themes[t], "gemeente", g, g);
    }
    rep_own_questions(p, "gemeente", g, g);
    rep_voorziening_chapter(p, g);
    /* marks: the gemeente among all gemeenten, with intervals */
    int k = sv_codebook_find(r->cb, "cijfer");
    if (k >= 0 && sv_table_has(r->table, k)) {
        const sv_item *it = sv_codebook_item(r->cb, (size_t)k);
        const char *gs[MAX_GROUPS];
        size_t ng = rp_report_groups(r->res, "gemeente", gs, MAX_GROUPS);
        rp_ci_bar *dots = ceo_calloc(ng + 1, sizeof *dots);
        rep_keep(p, (char *)dots);
        size_t nd = 0;
        for (size_t i = 0; !p->st && i < ng; i++) {
            const st_row *w = rep_item_row(r->res, "gemeente", gs[i], it);
            if (rep_shown(w))
                dots[nd++] = (rp_ci_bar){rep_ind_label(p, w, gs[i]), w->mean, w->ci_low, w->ci_high,
                                         strcmp(gs[i], g) == 0};
        }
        const st_row *reg = rep_item_row(r->res, "totaal", NULL, it);
        rep_heading(p, 0, rep_text(p, "kop.cijfer", vars));
        rep_para(p, rep_text(p, "gemeente.cijfer", vars));
        if (nd && reg && !p->st)
            rep_chart_dots(p, dots, nd, 2, 10, reg->mean, r->region);
        if (nd < ng)
            rep_note(p,
                     rep_text(p, "noot.gemeenten_niet_getoond",
                              (const char *const[]){"aantal", rep_fmt(p, "%zu", ng - nd), "min_n",
                                                    rep_fmt(p, "%ld", r->min_n), NULL}));
    }

    const st_row *hv = rep_theme_row(r->res, "gemeente", g, "hv");
    if (hv && hv->n != 0) {
        rep_heading(p, 0, rep_text(p, "kop.hv", vars));
        rep_para(p, rep_text(p, "gemeente.hv", vars));
        if (rep_shown(hv))
            rep_items_block(p, "hv", "gemeente", g, g);
        else
            rep_note(p,
                     rep_text(p, "noot.onderdrukt",
                              (const char *const[]){"min_n", rep_fmt(p, "%ld", r->min_n), NULL}));
        /* the providers in this gemeente */
        int kc = sv_codebook_find(r->cb, "hv_cijfer");
        const char *as[MAX_GROUPS];
        size_t na = rp_report_groups(r->res, "aanbieder", as, MAX_GROUPS);
        rp_ci_bar *dots = ceo_calloc(na + 1, sizeof *dots);
        rep_keep(p, (char *)dots);
        size_t nd = 0, hidden = 0;
        for (size_t i = 0; !p->st && kc >= 0 && i < na; i++) {
            const char *cross = rep_fmt(p, "%s + %s", g, as[i]);
            const st_row *th = rep_theme_row(r->res, "gemeente+aanbieder", cross, "hv");
            const st_row *w = rep_row_of(r->res, "gemeente+aanbieder", cross, "hv_cijfer", "hv");
            if (!th || th->n == 0 || strcmp(as[i], ST_UNKNOWN_GROUP) == 0)
                continue;
            if (rep_shown(th) && rep_shown(w))
                dots[nd++] =
                    (rp_ci_bar){rep_ind_label(p, w, as[i]), w->mean, w->ci_low, w->ci_high, 0};
            else
                hidden++;
        }
        const st_row *reg = rep_row_of(r->res, "totaal", NULL, "hv_cijfer", "hv");
        if (nd && reg && !p->st) {
            rep_heading(p, 1, rep_text(p, "kop.hv_aanbieders", vars));
            rep_chart_dots(p, dots, nd, 2, 10, reg->mean, r->region);
        }
        if (hidden)
            rep_note(p, rep_text(p, "noot.aanbieders_onderdrukt",
                                 (const char *const[]){"aantal", rep_fmt(p, "%zu", hidden), "min_n",
                                                       rep_fmt(p, "%ld", r->min_n), NULL}));
    }

    rep_heading(p, 0, rep_text(p, "kop.trend", vars));
    rep_trend_block(p, "gemeente+periode", g, themes, nthemes);

    rep_heading(p, 0, rep_text(p, "kop.signalen", vars));
    rep_para(p, rep_text(p, "signalen.uitleg", vars));
    rep_signals_block(p, g);

    rep_method_chapter(p, 1);

    rep_heading(p, 0, rep_text(p, "kop.bijlage_vws", vars));
    rep_para(p, rep_text(p, "gemeente.bijlage_vws", vars));
    rep_vws_table(p, g, 1);
    rep_weighting_note(p);
}

/* ---- the regional report ---------------------------------------------------------------- */

static void regio_report(rep *p)
{
    const rp_report *r = p->r;
    size_t nthemes;
    const char **themes = rep_present_themes(p, &nthemes);
    const char *gs[MAX_GROUPS], *as[MAX_GROUPS];
    size_t ng = rep_known_groups(r->res, "gemeente", gs);
    size_t na = rep_known_groups(r->res, "aanbieder", as);
    const st_row *all = rep_row_of(r->res, "totaal", NULL, "", themes[0]);
    const char *vars[] = {"regio",      r->region,
                          "jaar",       r->year,
                          "gemeenten",  rep_fmt(p, "%zu", ng),
                          "aanbieders", rep_fmt(p, "%zu", na),
                          "min_n",      rep_fmt(p, "%ld", r->min_n),
                          NULL};
    rep_title_page(p, rep_text(p, "regio.titel", vars), r->region);

    rep_heading(p, 0, rep_text(p, "kop.samenvatting", NULL));
    rep_findings(p, "totaal", NULL);
    rep_para(p, rep_text(p, "bevindingen.tabel.regio", vars));
    const char **sc = rep_cells_new(p, 16 * 3);
    size_t srows = 0;
    for (size_t t = 0; sc && t < nthemes && t < 16; t++) {
        const st_row *w = rep_theme_row(r->res, "totaal", NULL, themes[t]);
        sc[srows * 3] = rep_theme_label(p, themes[t]);
        sc[srows * 3 + 1] = rep_pct_of(p, w);
        sc[srows * 3 + 2] = rep_n_of(p, w);
        srows++;
    }
    const rp_col scols[3] = {{rep_text(p, "kolom.thema", NULL), 283.3, RP_LEFT},
                             {rep_text(p, "kolom.positief", NULL), 100, RP_RIGHT},
                             {rep_text(p, "kolom.n", NULL), 100, RP_RIGHT}};
    rep_table(p, scols, 3, sc, srows, NULL);
    rep_note(p, rep_text(p, "noot.thema", vars));
    rep_weighting_note(p);
    (void)all;
    rep_response_block(p, NULL);
    rep_profile_chapter(p, NULL);
    rep_representation_chapter(p, NULL);

    rep_heading(p, 0, rep_text(p, "kop.gemeenten", vars));
    rep_para(p, rep_text(p, "regio.gemeenten", vars));
    size_t cols_n = 2 + (nthemes < 4 ? nthemes : 4);
    const char **cells = rep_cells_new(p, (ng + 1) * cols_n);
    int *bold = ceo_calloc(ng + 2, sizeof *bold);
    rep_keep(p, (char *)bold);
    if (!cells || p->st)
        return;
    for (size_t i = 0; i <= ng; i++) {
        const char *dim = i < ng ? "gemeente" : "totaal", *grp = i < ng ? gs[i] : NULL;
        const char **c = cells + i * cols_n;
        c[0] = i < ng ? gs[i] : r->region;
        const st_row *first = rep_theme_row(r->res, dim, grp, themes[0]);
        c[1] = rep_n_of(p, first);
        for (size_t t = 0; t + 2 < cols_n; t++)
            c[2 + t] = rep_pct_of(p, rep_theme_row(r->res, dim, grp, themes[t]));
        bold[i] = i == ng;
    }
    rp_col cols[6];
    cols[0] = (rp_col){rep_text(p, "kolom.gemeente", NULL), 163.3, RP_LEFT};
    cols[1] = (rp_col){rep_text(p, "kolom.n", NULL), 40, RP_RIGHT};
    double w = (RP_TEXT_W - 203.3) / (double)(cols_n - 2);
    for (size_t t = 0; t + 2 < cols_n; t++)
        cols[2 + t] = (rp_col){rep_theme_short(p, themes[t]), w, RP_RIGHT};
    rep_table(p, cols, cols_n, cells, ng + 1, bold);
    rep_note(p, rep_text(p, "noot.thema", vars));
    rep_weighting_note(p);
    for (size_t t = 0; t < nthemes; t++) {
        if (strcmp(themes[t], "hv") == 0)
            continue;
        rp_ci_bar *bars = ceo_calloc(ng + 1, sizeof *bars);
        rep_keep(p, (char *)bars);
        size_t nb = 0;
        for (size_t i = 0; !p->st && i < ng; i++) {
            const st_row *row = rep_theme_row(r->res, "gemeente", gs[i], themes[t]);
            if (rep_shown(row))
                bars[nb++] =
                    (rp_ci_bar){rep_ind_label(p, row, gs[i]), row->pct_positive, NAN, NAN, 0};
        }
        const st_row *reg = rep_theme_row(r->res, "totaal", NULL, themes[t]);
        rep_heading(p, 1, rep_theme_label(p, themes[t]));
        if (nb && reg && !p->st)
            rep_chart_ci_bars(p, bars, nb, 100, "%", reg->pct_positive, r->region);
    }
    rep_compare_groups(p, themes, nthemes);
    rep_compare_block(p, "totaal", NULL, r->region, themes, nthemes, 1);
    for (size_t t = 0; t < nthemes; t++) {
        if (strcmp(themes[t], "hv") == 0)
            continue;
        rep_heading(p, 0,
                    rep_text(p, "kop.thema",
                             (const char *const[]){"thema", rep_theme_label(p, themes[t]),
                                                   "gemeente", r->region, NULL}));
        rep_items_block(p, themes[t], "totaal", NULL, r->region);
    }
    rep_own_questions(p, "totaal", NULL, r->region);
    rep_voorziening_chapter(p, NULL);

    /* No providers (an export without an aanbieder column): no chapter about them. */
    if (na) {
        rep_heading(p, 0, rep_text(p, "kop.aanbieders", vars));
        rep_para(p, rep_text(p, "regio.aanbieders", vars));
        const char **ac = rep_cells_new(p, (na + 1) * 5);
        rp_ci_bar *dots = ceo_calloc(na + 1, sizeof *dots);
        rep_keep(p, (char *)dots);
        size_t nrows = 0, nd = 0;
        int kc = sv_codebook_find(r->cb, "hv_cijfer");
        for (size_t i = 0; ac && !p->st && i < na; i++) {
            const st_row *hv = rep_theme_row(r->res, "aanbieder", as[i], "hv");
            const st_row *mark = rep_row_of(r->res, "aanbieder", as[i], "hv_cijfer", "hv");
            const st_row *nps = rep_row_of(r->res, "aanbieder", as[i], "hv_aanbevelen", "hv");
            const char **c = ac + nrows * 5;
            c[0] = as[i];
            c[1] = rep_n_of(p, hv);
            c[2] = rep_pct_of(p, hv);
            c[3] = rep_mean_of(p, mark);
            c[4] = rep_shown(nps)
                       ? rep_ind(p, nps, rep_num(p, nps->pct_positive - nps->pct_negative, 1, NULL))
                   : nps ? "*"
                         : "\xE2\x80\x93";
            nrows++;
            if (kc >= 0 && rep_shown(mark))
                dots[nd++] = (rp_ci_bar){rep_ind_label(p, mark, as[i]), mark->mean, mark->ci_low,
                                         mark->ci_high, 0};
        }
        const rp_col acols[5] = {{rep_text(p, "kolom.aanbieder", NULL), 193.3, RP_LEFT},
                                 {rep_text(p, "kolom.n", NULL), 50, RP_RIGHT},
                                 {rep_text(p, "kolom.hv_positief", NULL), 75, RP_RIGHT},
                                 {rep_text(p, "kolom.cijfer", NULL), 70, RP_RIGHT},
                                 {rep_text(p, "kolom.nps", NULL), 95, RP_RIGHT}};
        rep_table(p, acols, 5, ac, nrows, NULL);
        rep_note(p, rep_text(p, "noot.onderdrukt",
                             (const char *const[]){"min_n", rep_fmt(p, "%ld", r->min_n), NULL}));
        rep_note(p, rep_text(p, "noot.nps_regio", NULL));
        const st_row *regmark = rep_row_of(r->res, "totaal", NULL, "hv_cijfer", "hv");
        if (nd && regmark && !p->st) {
            rep_heading(p, 1, rep_text(p, "kop.hv_aanbieders", vars));
            rep_chart_dots(p, dots, nd, 2, 10, regmark->mean, r->region);
        }
    }

    rep_heading(p, 0, rep_text(p, "kop.trend", vars));
    rep_trend_block(p, "periode", NULL, themes, nthemes);

    rep_heading(p, 0, rep_text(p, "kop.signalen", vars));
    rep_para(p, rep_text(p, "signalen.uitleg", vars));
    rep_signals_block(p, NULL);

    rep_heading(p, 0, rep_text(p, "kop.methode", vars));
    rep_para(p, rep_text(p, "regio.methode", vars));
    rep_method_chapter(p, 0);
}

/* ---- the provider report ---------------------------------------------------------------- */

struct rp_remarks {
    size_t *rows;  /* the rows with a remark, by provider code, ascending within a code */
    size_t *first; /* rows of code c (1-based): rows[first[c - 1], first[c]) */
    size_t ncodes;
};

void rp_remarks_free(rp_remarks *x)
{
    if (!x)
        return;
    ceo_free(x->rows);
    ceo_free(x->first);
    ceo_free(x);
}

rp_remarks *rp_remarks_new(const sv_table *t, const sv_codebook *cb, ceo_error *err)
{
    int ka = sv_codebook_find(cb, "aanbieder"), ko = sv_codebook_find(cb, "opmerkingen");
    if (ka < 0 || ko < 0 || !sv_table_has(t, ka) || !sv_table_has(t, ko))
        return NULL;
    const uint16_t *codes = sv_table_codes(t, ka), *given = sv_table_codes(t, ko);
    size_t ncodes = sv_table_ngroups(t, ka), nrows = sv_table_rows(t), n = 0;
    rp_remarks *x = ceo_calloc(1, sizeof *x);
    if (!x || !(x->first = ceo_calloc(ncodes + 1, sizeof *x->first)))
        goto oom;
    x->ncodes = ncodes;
    /* A counting sort: counts per code, their running sums, then the rows in order. */
    for (size_t row = 0; row < nrows; row++)
        if (codes[row] && given[row]) {
            x->first[codes[row]]++;
            n++;
        }
    for (size_t c = 1; c <= ncodes; c++)
        x->first[c] += x->first[c - 1];
    if (!(x->rows = ceo_malloc((n ? n : 1) * sizeof *x->rows)))
        goto oom;
    for (size_t row = nrows; row-- > 0;)
        if (codes[row] && given[row])
            x->rows[--x->first[codes[row]]] = row;
    /* first[c] now is where code c's rows start; shift so that they start at first[c - 1]
     * and end at first[c]. */
    memmove(x->first, x->first + 1, ncodes * sizeof *x->first);
    x->first[ncodes] = n;
    return x;
oom:
    rp_remarks_free(x);
    ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    return NULL;
}

/* Whether a kept text is blank. Most start with a letter: one byte read instead of the whole
 * text, for each of a provider's respondents in each of a hundred reports. */
static int blank_text(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    if (c > ' ' && c < 0x80)
        return 0;
    return sv_is_blank(s, strlen(s));
}

static void comments_block(rep *p, const char *a)
{
    const rp_report *r = p->r;
    int ka = sv_codebook_find(r->cb, "aanbieder"), ko = sv_codebook_find(r->cb, "opmerkingen");
    if (ka < 0 || ko < 0 || !sv_table_has(r->table, ko) || !r->redactor) {
        rep_note(p, rep_text(p, "opmerkingen.geen", NULL));
        return;
    }
    if (!r->approved) { /* no person approved any remark: none is quoted (provider.c) */
        rep_provider_no_comments(p);
        return;
    }
    rep_note(p, rep_text(p, "opmerkingen.uitleg", (const char *const[]){"aanbieder", a, NULL}));
    rep_note(p, rep_text(p, "opmerkingen.beoordeeld", NULL));
    const uint16_t *codes = sv_table_codes(r->table, ka);
    /* 1 where a remark was given: a dense array, read before the scattered texts. */
    const uint16_t *given = sv_table_codes(r->table, ko);
    /* The provider's code, so that rows are compared by code, not by name; when two codes
     * carry the name (spelt apart in the export), by name. */
    size_t ncodes = sv_table_ngroups(r->table, ka), code = 0, named = 0;
    for (size_t k = 0; k < ncodes; k++)
        if (strcmp(sv_table_group(r->table, ka, k), a) == 0) {
            code = code ? code : k + 1;
            named++;
        }
    size_t shown_n = 0, total = 0;
    /* With the index, the provider's rows with a remark; else every row, by code or name. */
    const rp_remarks *x =
        named == 1 && r->remarks && r->remarks->ncodes == ncodes ? r->remarks : NULL;
    size_t from = 0, to = named ? sv_table_rows(r->table) : 0;
    if (x) {
        from = x->first[code - 1];
        to = x->first[code];
    }
    for (size_t i = from; i < to && !p->st; i++) {
        size_t row = x ? x->rows[i] : i;
        if (!x && (named == 1 ? codes[row] != code
                              : !codes[row] ||
                                    strcmp(sv_table_group(r->table, ka, codes[row] - 1u), a) != 0))
            continue;
        const char *s = given[row] && r->approved[row] ? sv_table_text(r->table, ko, row) : NULL;
        if (!s || blank_text(s))
            continue;
        total++;
        if (shown_n >= MAX_COMMENTS)
            continue;
        char *red = rp_redact(r->redactor, s, NULL, p->err);
        if (!red) {
            p->st = p->err ? p->err->code : CEO_ENOMEM;
            return;
        }
        if (!*rep_keep(p, red))
            return; /* out of memory: red is freed */
        if (strlen(red) > COMMENT_CHARS) {
            size_t cut = COMMENT_CHARS;
            while (cut && ((unsigned char)red[cut] & 0xC0) == 0x80)
                cut--;
            memcpy(red + cut, "\xE2\x80\xA6", 4);
        }
        for (char *c = red; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
        rep_para(p, rep_fmt(p, "\xE2\x80\x9C%s\xE2\x80\x9D", red));
        shown_n++;
    }
    if (!total)
        rep_note(p, rep_text(p, "opmerkingen.geen_goedgekeurd",
                             (const char *const[]){"aanbieder", a, NULL}));
    else if (total > shown_n)
        rep_note(p, rep_text(p, "opmerkingen.meer",
                             (const char *const[]){"getoond", rep_fmt(p, "%zu", shown_n), "totaal",
                                                   rep_fmt(p, "%zu", total), NULL}));
}

static void aanbieder_report(rep *p, const char *a)
{
    const rp_report *r = p->r;
    const st_row *hv = rep_theme_row(r->res, "aanbieder", a, "hv");
    const char *vars[] = {"aanbieder", a,
                          "regio",     r->region,
                          "jaar",      r->year,
                          "min_n",     rep_fmt(p, "%ld", r->min_n),
                          "n",         hv && hv->n > 0 ? rep_fmt(p, "%ld", hv->n) : "",
                          NULL};
    rep_title_page(p, rep_text(p, "aanbieder.titel", vars), a);
    if (!rep_shown(hv) || hv->n < r->min_n) {
        /* no HV module (begeleiding, dagbesteding): the provider's voorzieningen alone */
        if (rep_provider_voorzieningen(p, a, 1)) {
            rep_heading(p, 0, rep_text(p, "kop.opmerkingen", vars));
            comments_block(p, a);
            return;
        }
        rep_heading(p, 0, rep_text(p, "kop.te_weinig", vars));
        rep_para(p, rep_text(p, "aanbieder.te_weinig", vars));
        return;
    }
    rep_heading(p, 0, rep_text(p, "kop.samenvatting", NULL));
    rep_findings(p, "aanbieder", a);
    rep_para(p, rep_text(p, "bevindingen.tabel.aanbieder", vars));
    const st_row *regmark = rep_row_of(r->res, "totaal", NULL, "hv_cijfer", "hv");
    /* the HV figures against the region with the place among the providers (provider.c) */
    rep_provider_place(p, a);
    rep_weighting_note(p);
    rep_note(p, rep_text(p, "noot.verschil", NULL));
    rep_note(p, rep_text(p, "noot.verschil_samenvatting", NULL));
    rep_compare_block(p, "aanbieder", a, a, (const char *[]){"hv"}, 1, 0);

    rep_heading(p, 0, rep_text(p, "kop.hv_items", vars));
    rep_items_block(p, "hv", "aanbieder", a, a);

    rep_heading(p, 0, rep_text(p, "kop.per_gemeente", vars));
    const char *gs[MAX_GROUPS];
    size_t ng = rp_report_groups(r->res, "gemeente", gs, MAX_GROUPS);
    const char **gc = rep_cells_new(p, (ng + 1) * 4);
    rp_ci_bar *dots = ceo_calloc(ng + 1, sizeof *dots);
    rep_keep(p, (char *)dots);
    size_t rows = 0, nd = 0, hidden = 0;
    for (size_t i = 0; gc && !p->st && i < ng; i++) {
        const char *cross = rep_fmt(p, "%s + %s", gs[i], a);
        const st_row *th = rep_theme_row(r->res, "gemeente+aanbieder", cross, "hv");
        if (!th || th->n == 0)
            continue;
        if (!rep_shown(th)) {
            hidden++;
            continue;
        }
        const st_row *m = rep_row_of(r->res, "gemeente+aanbieder", cross, "hv_cijfer", "hv");
        const char **c = gc + rows * 4;
        c[0] = gs[i];
        c[1] = rep_n_of(p, th);
        c[2] = rep_pct_of(p, th);
        c[3] = rep_mean_of(p, m);
        rows++;
        if (rep_shown(m))
            dots[nd++] = (rp_ci_bar){rep_ind_label(p, m, gs[i]), m->mean, m->ci_low, m->ci_high, 0};
    }
    const rp_col gcols[4] = {{rep_text(p, "kolom.gemeente", NULL), 203.3, RP_LEFT},
                             {rep_text(p, "kolom.n", NULL), 60, RP_RIGHT},
                             {rep_text(p, "kolom.hv_positief", NULL), 110, RP_RIGHT},
                             {rep_text(p, "kolom.cijfer", NULL), 110, RP_RIGHT}};
    rep_table(p, gcols, 4, gc, rows, NULL);
    if (nd && regmark && !p->st)
        rep_chart_dots(p, dots, nd, 2, 10, regmark->mean, r->region);
    if (hidden)
        rep_note(p, rep_text(p, "noot.gemeenten_onderdrukt",
                             (const char *const[]){"aantal", rep_fmt(p, "%zu", hidden), "min_n",
                                                   rep_fmt(p, "%ld", r->min_n), NULL}));

    rep_provider_voorzieningen(p, a, 0);

    rep_heading(p, 0, rep_text(p, "kop.trend", vars));
    const char *hvtheme[1] = {"hv"};
    rep_trend_block(p, "aanbieder+periode", a, hvtheme, 1);

    rep_heading(p, 0, rep_text(p, "kop.opmerkingen", vars));
    comments_block(p, a);
}

/* ---- the page plans --------------------------------------------------------------------- */

static void regio_pages(rep *p, const char *group)
{
    (void)group;
    regio_report(p);
}

const rp_plan rp_plan_gemeente = {"gemeente.titel", 1, gemeente_report};
const rp_plan rp_plan_regio = {"regio.titel", 0, regio_pages};
const rp_plan rp_plan_aanbieder = {"aanbieder.titel", 1, aanbieder_report};
