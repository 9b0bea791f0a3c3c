/*
 * report.c - the three kinds of PDF report (see report.h).
 *
 * A report is built top to bottom: each chapter looks up its rows in the result, formats
 * them, and hands text, tables and charts to the layout. Strings made along the way are kept
 * in one list and freed when the report is done. The first error stops all further drawing
 * and is returned.
 */
#include "report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "charts.h"

#define MAX_GROUPS 256
#define MAX_COMMENTS 60
#define COMMENT_CHARS 600

typedef struct {
    const rp_report *r;
    rp_doc doc;
    ceo_error *err;
    ceo_status st;
    char **kept;
    size_t nkept, capkept;
    const char *group;      /* the gemeente or provider the report is about */
    const char *themes[16]; /* present_themes() */
    const char *legend[5];  /* likert_legend() */
} rep;

/* ---- strings ---------------------------------------------------------------------------- */

static const char *keep(rep *p, char *s)
{
    if (!s) {
        if (!p->st)
            p->st = ceo_error_set(p->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return "";
    }
    if (ceo_grow((void **)&p->kept, &p->capkept, p->nkept + 1, sizeof *p->kept) != 0) {
        ceo_free(s);
        if (!p->st)
            p->st = ceo_error_set(p->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return "";
    }
    p->kept[p->nkept++] = s;
    return s;
}

static const char *fmt(rep *p, const char *f, ...) __attribute__((format(printf, 2, 3)));
static const char *fmt(rep *p, const char *f, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, f);
    vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return keep(p, ceo_strdup(buf));
}

/* A text of the texts file with its placeholders; "" after an error. */
static const char *text(rep *p, const char *key, const char *const *vars)
{
    if (p->st)
        return "";
    char *s = rp_texts_fill(p->r->texts, key, vars, p->err);
    if (!s) {
        p->st = p->err ? p->err->code : CEO_EDATA;
        return "";
    }
    return keep(p, s);
}

static const char *num(rep *p, double v, int digits, const char *unit)
{
    char buf[64];
    rp_fmt_num(buf, sizeof buf, v, digits, unit);
    return keep(p, ceo_strdup(buf));
}

/* ---- rows ------------------------------------------------------------------------------- */

static const st_row *row_of(const st_result *res, const char *dim, const char *group,
                            const char *question, const char *theme)
{
    return st_result_find(res, dim, group, question, theme ? theme : "");
}

static const st_row *item_row(const st_result *res, const char *dim, const char *group,
                              const sv_item *it)
{
    return row_of(res, dim, group, it->id, it->theme);
}

static const st_row *theme_row(const st_result *res, const char *dim, const char *group,
                               const char *theme)
{
    return row_of(res, dim, group, "", theme);
}

size_t rp_report_groups(const st_result *res, const char *dimension, const char **out, size_t max)
{
    size_t n = 0;
    int in_dim = 0;
    for (size_t i = 0; res && i < st_result_count(res) && n < max; i++) {
        const st_row *w = st_result_row(res, i);
        if (strcmp(w->dimension, dimension) != 0) {
            if (in_dim)
                break; /* the rows of a dimension come together (stats.h) */
            continue;
        }
        in_dim = 1;
        if (n && strcmp(out[n - 1], w->group) == 0)
            continue;
        int seen = 0;
        for (size_t k = 0; k < n && !seen; k++)
            seen = strcmp(out[k], w->group) == 0;
        if (!seen)
            out[n++] = w->group;
    }
    return n;
}

/* The groups of a dimension without the respondents who did not say (ST_UNKNOWN_GROUP). */
static size_t known_groups(const st_result *res, const char *dim, const char **out)
{
    size_t n = rp_report_groups(res, dim, out, MAX_GROUPS), k = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(out[i], ST_UNKNOWN_GROUP) != 0)
            out[k++] = out[i];
    return k;
}

static int shown(const st_row *w)
{
    return w && !w->suppressed && w->n > 0;
}

static const char *pct_of(rep *p, const st_row *w)
{
    if (!w)
        return "\xE2\x80\x93";
    if (w->suppressed)
        return "*";
    return num(p, w->pct_positive, 1, "%");
}

static const char *mean_of(rep *p, const st_row *w)
{
    if (!w)
        return "\xE2\x80\x93";
    if (w->suppressed)
        return "*";
    return num(p, w->mean, 1, NULL);
}

/* A count the Dutch way: 1.466. */
static const char *count(rep *p, long n)
{
    char digits[32], out[48];
    snprintf(digits, sizeof digits, "%ld", n < 0 ? -n : n);
    size_t len = strlen(digits), o = 0;
    if (n < 0)
        out[o++] = '-';
    for (size_t i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            out[o++] = '.';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    return keep(p, ceo_strdup(out));
}

static const char *n_of(rep *p, const st_row *w)
{
    if (!w)
        return "\xE2\x80\x93";
    if (w->suppressed)
        return "*";
    return count(p, w->n);
}

static const char *ci_of(rep *p, const st_row *w)
{
    if (!shown(w) || isnan(w->ci_low) || isnan(w->ci_high))
        return "";
    char a[32], b[32];
    rp_fmt_num(a, sizeof a, w->ci_low, 1, NULL);
    rp_fmt_num(b, sizeof b, w->ci_high, 1, NULL);
    return fmt(p, "%s\xE2\x80\x93%s", a, b);
}

/* "hoger" / "lager" when the group differs significantly from the rest of the region. */
static const char *sig_of(rep *p, const st_row *w, const st_row *region, int use_mean)
{
    if (!shown(w) || !region || isnan(w->q_vs_rest) || w->q_vs_rest >= 0.05)
        return "";
    double a = use_mean ? w->mean : w->pct_positive;
    double b = use_mean ? region->mean : region->pct_positive;
    return text(p, a > b ? "teken.hoger" : "teken.lager", NULL);
}

static const char *prev_of(rep *p, const st_row *w)
{
    if (!p->r->has_compare || !shown(w) || w->prev_n < p->r->min_n || isnan(w->prev_value))
        return "\xE2\x80\x93";
    return num(p, w->prev_value, 1, "%");
}

/* ---- building blocks -------------------------------------------------------------------- */

static void heading(rep *p, int level, const char *s)
{
    if (!p->st)
        p->st = rp_doc_heading(&p->doc, level, s, p->err);
}

static void para(rep *p, const char *s)
{
    if (!p->st && s && *s)
        p->st = rp_doc_para(&p->doc, s, 9.5, p->err);
}

static void note(rep *p, const char *s)
{
    if (!p->st && s && *s)
        p->st = rp_doc_note(&p->doc, s, p->err);
}

static void table(rep *p, const rp_col *cols, size_t ncols, const char **cells, size_t nrows,
                  const int *bold)
{
    if (!p->st && nrows)
        p->st = rp_doc_table(&p->doc, cols, ncols, cells, nrows, bold, p->err);
}

static const char **cells_new(rep *p, size_t n)
{
    const char **c = ceo_calloc(n ? n : 1, sizeof *c);
    keep(p, (char *)c);
    return p->st ? NULL : c;
}

static const char *item_label(const sv_item *it)
{
    return it->question && *it->question ? it->question : it->label;
}

/* The short name of a theme for a column header ([thema.ID.kort]), else its name. */
static const char *theme_short(rep *p, const char *theme)
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

static const char *theme_label(rep *p, const char *theme)
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
    if (!shown(w) || !w->distribution)
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
        legend[k] = text(p, keys[k], NULL);
    return legend;
}

/* NPS of a score row: % 9-10 minus % 0-6, with its 95% interval from the multinomial
 * variance (p+ + p- - (p+ - p-)^2) / n. Returns 0 when the row is not shown. */
static int nps_of(const st_row *w, double *v, double *lo, double *hi)
{
    if (!shown(w))
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

static const char *range(rep *p, double lo, double hi)
{
    char a[32], b[32];
    rp_fmt_num(a, sizeof a, lo, 1, NULL);
    rp_fmt_num(b, sizeof b, hi, 1, NULL);
    return lo < 0 || hi < 0 ? fmt(p, "%s tot %s", a, b) : fmt(p, "%s\xE2\x80\x93%s", a, b);
}

static void notes_after_table(rep *p, int suppressed, int compared, int published_only)
{
    const char *mn = fmt(p, "%ld", p->r->min_n);
    if (compared)
        note(p, text(p, "noot.verschil", NULL));
    if (suppressed)
        note(p, text(p, "noot.onderdrukt", (const char *const[]){"min_n", mn, NULL}));
    /* the region's figures leave out the answers of small groups: say so where they are shown */
    if (published_only)
        note(p, text(p, "noot.regio_gepubliceerd",
                     (const char *const[]){"regio", p->r->region, "min_n", mn, NULL}));
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
static void items_block(rep *p, const char *theme, const char *dim, const char *group,
                        const char *group_label)
{
    const rp_report *r = p->r;
    size_t nitems = sv_codebook_nitems(r->cb);
    int region = strcmp(dim, "totaal") == 0;
    rp_likert_bar bars[32];
    size_t nb = 0, na = 0, nm = 0;
    const char **stm = cells_new(p, (nitems + 1) * 6), **marks = cells_new(p, (nitems + 1) * 6);
    int suppressed = 0, published_only = 0;
    if (!stm || !marks)
        return;
    for (size_t i = 0; i < nitems; i++) {
        const sv_item *it = sv_codebook_item(r->cb, i);
        if (strcmp(it->theme, theme) != 0 || !sv_table_has(r->table, (int)i) ||
            (!*theme && !own_question(it)))
            continue;
        const st_row *w = item_row(r->res, dim, group, it);
        const st_row *reg = item_row(r->res, "totaal", NULL, it);
        if (!w)
            continue;
        suppressed |= w->suppressed;
        published_only |= reg && reg->published_only;
        int mark = it->type == SV_T_CIJFER, score = it->type == SV_T_SCORE;
        const char **c = mark || score ? marks + nm++ * 6 : stm + na++ * 6;
        c[0] = item_label(it);
        c[1] = n_of(p, w);
        if (score) {
            double v, lo, hi, rv, rl, rh;
            c[2] = nps_of(w, &v, &lo, &hi) ? num(p, v, 1, NULL) : pct_of(p, w);
            c[3] = shown(w) ? range(p, lo, hi) : "";
            c[4] = nps_of(reg, &rv, &rl, &rh) ? num(p, rv, 1, NULL) : "";
            c[5] = "";
            c[0] = fmt(p, "%s %s", item_label(it), text(p, "label.nps", NULL));
        } else if (mark) {
            c[2] = mean_of(p, w);
            c[3] = shown(w) ? range(p, w->ci_low, w->ci_high) : "";
            c[4] = mean_of(p, reg);
            c[5] = region ? "" : sig_of(p, w, reg, 1);
        } else {
            if (it->type == SV_T_LIKERT && nb < 32 && likert_shares(w, bars[nb].share))
                bars[nb++].label = item_label(it);
            c[2] = pct_of(p, w);
            c[3] = ci_of(p, w);
            c[4] = pct_of(p, reg);
            c[5] = region ? "" : sig_of(p, w, reg, 0);
        }
    }
    if (p->st || (!na && !nm))
        return;
    if (nb)
        para(p, text(p, "grafiek.stellingen", (const char *const[]){"groep", group_label, NULL}));
    if (nb && !p->st)
        p->st = rp_chart_likert(&p->doc, bars, nb, likert_legend(p), p->err);
    for (int part = 0; part < 2; part++) {
        const char **cells = part ? marks : stm;
        size_t rows = part ? nm : na;
        if (!rows)
            continue;
        const char *value = text(p, part ? "kolom.waarde_cijfer" : "kolom.positief", NULL);
        const rp_col cols[6] = {{text(p, "kolom.vraag", NULL), 203.3, RP_LEFT},
                                {text(p, "kolom.n", NULL), 40, RP_RIGHT},
                                {value, 60, RP_RIGHT},
                                {text(p, "kolom.bi", NULL), 70, RP_RIGHT},
                                {text(p, "kolom.regio", NULL), 60, RP_RIGHT},
                                {text(p, "kolom.verschil", NULL), 50, RP_LEFT}};
        if (region) { /* the region itself: no comparison columns */
            const rp_col tcols[4] = {{cols[0].title, 253.3, RP_LEFT},
                                     {cols[1].title, 60, RP_RIGHT},
                                     {cols[2].title, 80, RP_RIGHT},
                                     {cols[3].title, 90, RP_RIGHT}};
            for (size_t i = 0; i < rows; i++)
                for (size_t k = 0; k < 4; k++)
                    cells[i * 4 + k] = cells[i * 6 + k];
            table(p, tcols, 4, cells, rows, NULL);
        } else {
            table(p, cols, 6, cells, rows, NULL);
        }
    }
    notes_after_table(p, suppressed, !region, published_only);
}

/* The chapter of the questions outside the themes, when the export has any. */
static void own_questions(rep *p, const char *dim, const char *group, const char *group_label)
{
    const rp_report *r = p->r;
    int any = 0;
    for (size_t i = 0; i < sv_codebook_nitems(r->cb) && !any; i++)
        any = own_question(sv_codebook_item(r->cb, i)) && sv_table_has(r->table, (int)i);
    if (!any)
        return;
    const char *vars[] = {"gemeente", group_label, NULL};
    heading(p, 0, text(p, "kop.losse_vragen", vars));
    para(p, text(p, "losse_vragen.uitleg", vars));
    items_block(p, "", dim, group, group_label);
}

static const char **present_themes(rep *p, size_t *n)
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

static void title_page(rep *p, const char *title, const char *subtitle)
{
    const rp_report *r = p->r;
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
    rp_text_box(p->doc.pdf, RP_BOLD, 16, rp_black, subtitle, &sb, RP_LEFT, 2);
    rp_box rb = {RP_MARGIN_L, RP_PAGE_H * 0.30, RP_TEXT_W, 60};
    rp_text_box(
        p->doc.pdf, RP_REGULAR, 11, rp_grey,
        text(p, "titel.onder", (const char *const[]){"regio", r->region, "jaar", r->year, NULL}),
        &rb, RP_LEFT, 3);
    if (!p->st)
        p->st = rp_pdf_outline(p->doc.pdf, 0, subtitle, RP_PAGE_H - RP_MARGIN_T, p->err);
    p->doc.y = RP_MARGIN_B; /* nothing else on the title page */
}

/* "2025-03-01" at s as "1 maart 2025" into out; 0 when s does not start with a date. */
static int dutch_date(const char *s, char *out, size_t size)
{
    static const char *const months[12] = {"januari",   "februari", "maart",    "april",
                                           "mei",       "juni",     "juli",     "augustus",
                                           "september", "oktober",  "november", "december"};
    int y, m, d, used = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 || m < 1 || m > 12)
        return 0;
    snprintf(out, size, "%d %s %d", d, months[m - 1], y);
    return 1;
}

/* A value of the VWS data for reading: Dutch dates and numbers. */
static const char *vws_display(rep *p, const char *id, const char *val, int number, int pct)
{
    char a[64], b[64];
    if (dutch_date(val, a, sizeof a)) {
        const char *dash = strstr(val, " \xE2\x80\x93 ");
        if (dash && dutch_date(dash + 5, b, sizeof b))
            return fmt(p, "%s \xE2\x80\x93 %s", a, b);
        return fmt(p, "%s", a);
    }
    if (!number)
        return val;
    if (!strchr(val, '.') && !pct)
        return count(p, strtol(val, NULL, 10));
    char *dutch = ceo_malloc(strlen(val) + 2);
    if (dutch) {
        size_t i = 0;
        for (; val[i]; i++)
            dutch[i] = val[i] == '.' ? ',' : val[i];
        if (pct)
            dutch[i++] = '%';
        dutch[i] = '\0';
    }
    (void)id;
    return keep(p, dutch);
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* The VWS fields of one gemeente as a two-column table: all of them, or (items 0) only those
 * that are not figures of an item. */
static void vws_table(rep *p, const char *gemeente, int items)
{
    const st_vws *v = p->r->vws;
    size_t g = 0, ng = v ? st_vws_count(v) : 0;
    while (g < ng && strcmp(st_vws_gemeente(v, g), gemeente) != 0)
        g++;
    if (g == ng) {
        note(p, text(p, "noot.geen_vws", NULL));
        return;
    }
    size_t nf = st_vws_nfields(v);
    const char **cells = cells_new(p, nf * 2);
    if (!cells)
        return;
    size_t rows = 0;
    for (size_t k = 0; k < nf; k++) {
        const char *id = st_vws_field_id(v, k), *val = st_vws_value(v, g, k);
        int pct = ends_with(id, "_pct_positief") || strcmp(id, "respons") == 0;
        if (!items && (pct || ends_with(id, "_n")) && strcmp(id, "respons") != 0)
            continue;
        if (val && *val)
            val = vws_display(p, id, val, st_vws_is_number(v, g, k), pct);
        cells[2 * rows] = st_vws_field_label(v, k);
        cells[2 * rows + 1] = val && *val ? val : "\xE2\x80\x93";
        rows++;
    }
    const rp_col cols[2] = {{text(p, "kolom.veld", NULL), 200, RP_LEFT},
                            {text(p, "kolom.waarde", NULL), 283.3, RP_LEFT}};
    table(p, cols, 2, cells, rows, NULL);
    if (items)
        note(p, text(p, "noot.vws_leeg",
                     (const char *const[]){"min_n", fmt(p, "%ld", p->r->min_n), NULL}));
}

static void signals_block(rep *p, const char *only_group)
{
    const st_signals *s = p->r->signals;
    size_t n = s ? st_signals_count(s) : 0, rows = 0;
    const char **cells = cells_new(p, (n ? n : 1) * 4);
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
        c[1] = it ? it->label : theme_label(p, g->row->theme);
        c[2] = fmt(p, "%ld", g->row->n);
        c[3] = g->question;
        rows++;
    }
    if (!rows) {
        para(p, text(p, "signalen.geen", NULL));
        return;
    }
    const rp_col cols[4] = {{text(p, "kolom.doelgroep", NULL), 120, RP_LEFT},
                            {text(p, "kolom.onderwerp", NULL), 100, RP_LEFT},
                            {text(p, "kolom.n", NULL), 30, RP_RIGHT},
                            {text(p, "kolom.onderzoeksvraag", NULL), 233.3, RP_LEFT}};
    table(p, cols, 4, cells, rows, NULL);
}

/* % positive of the themes per period for one group (dim "periode" when group is NULL). */
static void trend_block(rep *p, const char *dim, const char *group, const char **themes,
                        size_t nthemes)
{
    const st_result *tr = p->r->trend;
    const char *periods[64];
    size_t np = rp_report_groups(tr, "periode", periods, 64);
    if (!tr || np < 2) {
        note(p, text(p, "trend.geen", NULL));
        return;
    }
    double *vals = ceo_calloc(nthemes * np + 1, sizeof *vals);
    keep(p, (char *)vals);
    if (p->st)
        return;
    int any = 0;
    for (size_t t = 0; t < nthemes; t++)
        for (size_t i = 0; i < np; i++) {
            const char *g = group ? fmt(p, "%s + %s", group, periods[i]) : periods[i];
            const st_row *w = theme_row(tr, dim, g, themes[t]);
            vals[t * np + i] = shown(w) && w->n >= p->r->min_n ? w->pct_positive : NAN;
            any |= !isnan(vals[t * np + i]);
        }
    if (!any) {
        note(p, text(p, "trend.geen", NULL));
        return;
    }
    const char *names[16], *labels[64];
    for (size_t t = 0; t < nthemes && t < 16; t++)
        names[t] = theme_label(p, themes[t]);
    for (size_t i = 0; i < np; i++) { /* "2025-K1" reads as "K1 2025" */
        const char *k = strstr(periods[i], "-K");
        labels[i] = k && k - periods[i] == 4 ? fmt(p, "%s %.4s", k + 1, periods[i]) : periods[i];
    }
    if (!p->st)
        p->st = rp_chart_trend(&p->doc, labels, np, names, vals, nthemes, p->err);
    note(p, text(p, "trend.noot", NULL));
}

/* ---- the gemeente report ---------------------------------------------------------------- */

static void gemeente_report(rep *p, const char *g)
{
    const rp_report *r = p->r;
    size_t nthemes;
    const char **themes = present_themes(p, &nthemes);
    const char *vars[] = {
        "gemeente", g, "regio", r->region, "jaar", r->year, "min_n", fmt(p, "%ld", r->min_n), NULL};
    title_page(p, text(p, "gemeente.titel", vars), g);
    int any = 0;
    for (size_t t = 0; t < nthemes; t++)
        any |= shown(theme_row(r->res, "gemeente", g, themes[t]));
    if (!any) { /* too few respondents for any figure */
        heading(p, 0, text(p, "kop.te_weinig", vars));
        para(p, text(p, "gemeente.te_weinig", vars));
        heading(p, 1, text(p, "kop.verantwoording", NULL));
        vws_table(p, g, 0);
        return;
    }

    heading(p, 0, text(p, "kop.samenvatting", NULL));
    para(p, text(p, "gemeente.samenvatting", vars));
    const char **cells = cells_new(p, 16 * 5);
    size_t rows = 0, nc = r->has_compare ? 5 : 4;
    for (size_t t = 0; cells && t < nthemes; t++) {
        if (strcmp(themes[t], "hv") == 0)
            continue;
        const st_row *w = theme_row(r->res, "gemeente", g, themes[t]);
        const st_row *reg = theme_row(r->res, "totaal", NULL, themes[t]);
        const char **c = cells + rows * nc;
        c[0] = theme_label(p, themes[t]);
        c[1] = pct_of(p, w);
        c[2] = pct_of(p, reg);
        c[nc - 1] = n_of(p, w);
        if (r->has_compare)
            c[3] = prev_of(p, w);
        rows++;
    }
    const rp_col cols[5] = {
        {text(p, "kolom.thema", NULL), r->has_compare ? 163.3 : 223.3, RP_LEFT},
        {g, 100, RP_RIGHT},
        {r->region, 100, RP_RIGHT},
        {r->has_compare ? text(p, "kolom.vorig_jaar", NULL) : text(p, "kolom.n", NULL), 60,
         RP_RIGHT},
        {text(p, "kolom.n", NULL), 60, RP_RIGHT}};
    table(p, cols, nc, cells, rows, NULL);
    note(p, text(p, "noot.thema", vars));
    /* the themes of the gemeente against the region, as bars */
    rp_ci_bar bars[16];
    size_t nb = 0;
    for (size_t t = 0; t < nthemes && nb < 8; t++) {
        if (strcmp(themes[t], "hv") == 0)
            continue;
        const st_row *w = theme_row(r->res, "gemeente", g, themes[t]);
        const st_row *reg = theme_row(r->res, "totaal", NULL, themes[t]);
        if (!shown(w) || !reg)
            continue;
        bars[nb++] = (rp_ci_bar){fmt(p, "%s \xE2\x80\x93 %s", theme_label(p, themes[t]), g),
                                 w->pct_positive, NAN, NAN, 1};
        bars[nb++] = (rp_ci_bar){fmt(p, "%s \xE2\x80\x93 %s", theme_label(p, themes[t]), r->region),
                                 reg->pct_positive, NAN, NAN, 0};
    }
    if (nb && !p->st)
        p->st = rp_chart_ci_bars(&p->doc, bars, nb, 100, "%", NAN, NULL, p->err);

    heading(p, 0, text(p, "kop.verantwoording", NULL));
    para(p, text(p, "gemeente.verantwoording", vars));
    vws_table(p, g, 0);

    for (size_t t = 0; t < nthemes; t++) {
        if (strcmp(themes[t], "hv") == 0)
            continue;
        const char *tv[] = {"thema", theme_label(p, themes[t]), "gemeente", g, NULL};
        heading(p, 0, text(p, "kop.thema", tv));
        char key[96];
        snprintf(key, sizeof key, "thema.%s.uitleg", themes[t]);
        if (rp_texts_get(r->texts, key))
            para(p, text(p, key, tv));
        items_block(p, themes[t], "gemeente", g, g);
    }
    own_questions(p, "gemeente", g, g);
    /* marks: the gemeente among all gemeenten, with intervals */
    int k = sv_codebook_find(r->cb, "cijfer");
    if (k >= 0 && sv_table_has(r->table, k)) {
        const sv_item *it = sv_codebook_item(r->cb, (size_t)k);
        const char *gs[MAX_GROUPS];
        size_t ng = rp_report_groups(r->res, "gemeente", gs, MAX_GROUPS);
        rp_ci_bar *dots = ceo_calloc(ng + 1, sizeof *dots);
        keep(p, (char *)dots);
        size_t nd = 0;
        for (size_t i = 0; !p->st && i < ng; i++) {
            const st_row *w = item_row(r->res, "gemeente", gs[i], it);
            if (shown(w))
                dots[nd++] =
                    (rp_ci_bar){gs[i], w->mean, w->ci_low, w->ci_high, strcmp(gs[i], g) == 0};
        }
        const st_row *reg = item_row(r->res, "totaal", NULL, it);
        heading(p, 0, text(p, "kop.cijfer", vars));
        para(p, text(p, "gemeente.cijfer", vars));
        if (nd && reg && !p->st)
            p->st = rp_chart_dots(&p->doc, dots, nd, 2, 10, reg->mean, r->region, p->err);
        if (nd < ng)
            note(p, text(p, "noot.gemeenten_niet_getoond",
                         (const char *const[]){"aantal", fmt(p, "%zu", ng - nd), "min_n",
                                               fmt(p, "%ld", r->min_n), NULL}));
    }

    const st_row *hv = theme_row(r->res, "gemeente", g, "hv");
    if (hv && hv->n != 0) {
        heading(p, 0, text(p, "kop.hv", vars));
        para(p, text(p, "gemeente.hv", vars));
        if (shown(hv))
            items_block(p, "hv", "gemeente", g, g);
        else
            note(p, text(p, "noot.onderdrukt",
                         (const char *const[]){"min_n", fmt(p, "%ld", r->min_n), NULL}));
        /* the providers in this gemeente */
        int kc = sv_codebook_find(r->cb, "hv_cijfer");
        const char *as[MAX_GROUPS];
        size_t na = rp_report_groups(r->res, "aanbieder", as, MAX_GROUPS);
        rp_ci_bar *dots = ceo_calloc(na + 1, sizeof *dots);
        keep(p, (char *)dots);
        size_t nd = 0, hidden = 0;
        for (size_t i = 0; !p->st && kc >= 0 && i < na; i++) {
            const char *cross = fmt(p, "%s + %s", g, as[i]);
            const st_row *th = theme_row(r->res, "gemeente+aanbieder", cross, "hv");
            const st_row *w = row_of(r->res, "gemeente+aanbieder", cross, "hv_cijfer", "hv");
            if (!th || th->n == 0 || strcmp(as[i], ST_UNKNOWN_GROUP) == 0)
                continue;
            if (shown(th) && shown(w))
                dots[nd++] = (rp_ci_bar){as[i], w->mean, w->ci_low, w->ci_high, 0};
            else
                hidden++;
        }
        const st_row *reg = row_of(r->res, "totaal", NULL, "hv_cijfer", "hv");
        if (nd && reg && !p->st) {
            heading(p, 1, text(p, "kop.hv_aanbieders", vars));
            p->st = rp_chart_dots(&p->doc, dots, nd, 2, 10, reg->mean, r->region, p->err);
        }
        if (hidden)
            note(p, text(p, "noot.aanbieders_onderdrukt",
                         (const char *const[]){"aantal", fmt(p, "%zu", hidden), "min_n",
                                               fmt(p, "%ld", r->min_n), NULL}));
    }

    heading(p, 0, text(p, "kop.trend", vars));
    trend_block(p, "gemeente+periode", g, themes, nthemes);

    heading(p, 0, text(p, "kop.signalen", vars));
    para(p, text(p, "signalen.uitleg", vars));
    signals_block(p, g);

    heading(p, 0, text(p, "kop.bijlage_vws", vars));
    para(p, text(p, "gemeente.bijlage_vws", vars));
    vws_table(p, g, 1);
}

/* ---- the regional report ---------------------------------------------------------------- */

static void regio_report(rep *p)
{
    const rp_report *r = p->r;
    size_t nthemes;
    const char **themes = present_themes(p, &nthemes);
    const char *gs[MAX_GROUPS], *as[MAX_GROUPS];
    size_t ng = known_groups(r->res, "gemeente", gs);
    size_t na = known_groups(r->res, "aanbieder", as);
    const st_row *all = row_of(r->res, "totaal", NULL, "", themes[0]);
    const char *vars[] = {"regio",      r->region,
                          "jaar",       r->year,
                          "gemeenten",  fmt(p, "%zu", ng),
                          "aanbieders", fmt(p, "%zu", na),
                          "min_n",      fmt(p, "%ld", r->min_n),
                          NULL};
    title_page(p, text(p, "regio.titel", vars), r->region);

    heading(p, 0, text(p, "kop.samenvatting", NULL));
    para(p, text(p, "regio.samenvatting", vars));
    const char **sc = cells_new(p, 16 * 3);
    size_t srows = 0;
    for (size_t t = 0; sc && t < nthemes && t < 16; t++) {
        const st_row *w = theme_row(r->res, "totaal", NULL, themes[t]);
        sc[srows * 3] = theme_label(p, themes[t]);
        sc[srows * 3 + 1] = pct_of(p, w);
        sc[srows * 3 + 2] = n_of(p, w);
        srows++;
    }
    const rp_col scols[3] = {{text(p, "kolom.thema", NULL), 283.3, RP_LEFT},
                             {text(p, "kolom.positief", NULL), 100, RP_RIGHT},
                             {text(p, "kolom.n", NULL), 100, RP_RIGHT}};
    table(p, scols, 3, sc, srows, NULL);
    note(p, text(p, "noot.thema", vars));
    (void)all;

    heading(p, 0, text(p, "kop.gemeenten", vars));
    para(p, text(p, "regio.gemeenten", vars));
    size_t cols_n = 2 + (nthemes < 4 ? nthemes : 4);
    const char **cells = cells_new(p, (ng + 1) * cols_n);
    int *bold = ceo_calloc(ng + 2, sizeof *bold);
    keep(p, (char *)bold);
    if (!cells || p->st)
        return;
    for (size_t i = 0; i <= ng; i++) {
        const char *dim = i < ng ? "gemeente" : "totaal", *grp = i < ng ? gs[i] : NULL;
        const char **c = cells + i * cols_n;
        c[0] = i < ng ? gs[i] : r->region;
        const st_row *first = theme_row(r->res, dim, grp, themes[0]);
        c[1] = n_of(p, first);
        for (size_t t = 0; t + 2 < cols_n; t++)
            c[2 + t] = pct_of(p, theme_row(r->res, dim, grp, themes[t]));
        bold[i] = i == ng;
    }
    rp_col cols[6];
    cols[0] = (rp_col){text(p, "kolom.gemeente", NULL), 163.3, RP_LEFT};
    cols[1] = (rp_col){text(p, "kolom.n", NULL), 40, RP_RIGHT};
    double w = (RP_TEXT_W - 203.3) / (double)(cols_n - 2);
    for (size_t t = 0; t + 2 < cols_n; t++)
        cols[2 + t] = (rp_col){theme_short(p, themes[t]), w, RP_RIGHT};
    table(p, cols, cols_n, cells, ng + 1, bold);
    note(p, text(p, "noot.thema", vars));
    for (size_t t = 0; t < nthemes; t++) {
        if (strcmp(themes[t], "hv") == 0)
            continue;
        rp_ci_bar *bars = ceo_calloc(ng + 1, sizeof *bars);
        keep(p, (char *)bars);
        size_t nb = 0;
        for (size_t i = 0; !p->st && i < ng; i++) {
            const st_row *row = theme_row(r->res, "gemeente", gs[i], themes[t]);
            if (shown(row))
                bars[nb++] = (rp_ci_bar){gs[i], row->pct_positive, NAN, NAN, 0};
        }
        const st_row *reg = theme_row(r->res, "totaal", NULL, themes[t]);
        heading(p, 1, theme_label(p, themes[t]));
        if (nb && reg && !p->st)
            p->st =
                rp_chart_ci_bars(&p->doc, bars, nb, 100, "%", reg->pct_positive, r->region, p->err);
    }
    for (size_t t = 0; t < nthemes; t++) {
        if (strcmp(themes[t], "hv") == 0)
            continue;
        heading(p, 0,
                text(p, "kop.thema",
                     (const char *const[]){"thema", theme_label(p, themes[t]), "gemeente",
                                           r->region, NULL}));
        items_block(p, themes[t], "totaal", NULL, r->region);
    }
    own_questions(p, "totaal", NULL, r->region);

    /* No providers (an export without an aanbieder column): no chapter about them. */
    if (na) {
        heading(p, 0, text(p, "kop.aanbieders", vars));
        para(p, text(p, "regio.aanbieders", vars));
        const char **ac = cells_new(p, (na + 1) * 5);
        rp_ci_bar *dots = ceo_calloc(na + 1, sizeof *dots);
        keep(p, (char *)dots);
        size_t nrows = 0, nd = 0;
        int kc = sv_codebook_find(r->cb, "hv_cijfer");
        for (size_t i = 0; ac && !p->st && i < na; i++) {
            const st_row *hv = theme_row(r->res, "aanbieder", as[i], "hv");
            const st_row *mark = row_of(r->res, "aanbieder", as[i], "hv_cijfer", "hv");
            const st_row *nps = row_of(r->res, "aanbieder", as[i], "hv_aanbevelen", "hv");
            const char **c = ac + nrows * 5;
            c[0] = as[i];
            c[1] = n_of(p, hv);
            c[2] = pct_of(p, hv);
            c[3] = mean_of(p, mark);
            c[4] = shown(nps) ? num(p, nps->pct_positive - nps->pct_negative, 1, NULL)
                   : nps      ? "*"
                              : "\xE2\x80\x93";
            nrows++;
            if (kc >= 0 && shown(mark))
                dots[nd++] = (rp_ci_bar){as[i], mark->mean, mark->ci_low, mark->ci_high, 0};
        }
        const rp_col acols[5] = {{text(p, "kolom.aanbieder", NULL), 193.3, RP_LEFT},
                                 {text(p, "kolom.n", NULL), 50, RP_RIGHT},
                                 {text(p, "kolom.hv_positief", NULL), 75, RP_RIGHT},
                                 {text(p, "kolom.cijfer", NULL), 70, RP_RIGHT},
                                 {text(p, "kolom.nps", NULL), 95, RP_RIGHT}};
        table(p, acols, 5, ac, nrows, NULL);
        note(p, text(p, "noot.onderdrukt",
                     (const char *const[]){"min_n", fmt(p, "%ld", r->min_n), NULL}));
        note(p, text(p, "noot.nps_regio", NULL));
        const st_row *regmark = row_of(r->res, "totaal", NULL, "hv_cijfer", "hv");
        if (nd && regmark && !p->st) {
            heading(p, 1, text(p, "kop.hv_aanbieders", vars));
            p->st = rp_chart_dots(&p->doc, dots, nd, 2, 10, regmark->mean, r->region, p->err);
        }
    }

    heading(p, 0, text(p, "kop.trend", vars));
    trend_block(p, "periode", NULL, themes, nthemes);

    heading(p, 0, text(p, "kop.signalen", vars));
    para(p, text(p, "signalen.uitleg", vars));
    signals_block(p, NULL);

    heading(p, 0, text(p, "kop.methode", vars));
    para(p, text(p, "regio.methode", vars));
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
        note(p, text(p, "opmerkingen.geen", NULL));
        return;
    }
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
        const char *s = given[row] ? sv_table_text(r->table, ko, row) : NULL;
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
        if (!*keep(p, red))
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
        para(p, fmt(p, "\xE2\x80\x9C%s\xE2\x80\x9D", red));
        shown_n++;
    }
    if (!total)
        note(p, text(p, "opmerkingen.geen", NULL));
    else if (total > shown_n)
        note(p, text(p, "opmerkingen.meer",
                     (const char *const[]){"getoond", fmt(p, "%zu", shown_n), "totaal",
                                           fmt(p, "%zu", total), NULL}));
}

static void aanbieder_report(rep *p, const char *a)
{
    const rp_report *r = p->r;
    const st_row *hv = theme_row(r->res, "aanbieder", a, "hv");
    const char *vars[] = {"aanbieder", a,
                          "regio",     r->region,
                          "jaar",      r->year,
                          "min_n",     fmt(p, "%ld", r->min_n),
                          "n",         hv && hv->n > 0 ? fmt(p, "%ld", hv->n) : "",
                          NULL};
    title_page(p, text(p, "aanbieder.titel", vars), a);
    if (!shown(hv) || hv->n < r->min_n) {
        heading(p, 0, text(p, "kop.te_weinig", vars));
        para(p, text(p, "aanbieder.te_weinig", vars));
        return;
    }
    heading(p, 0, text(p, "kop.samenvatting", NULL));
    para(p, text(p, "aanbieder.samenvatting", vars));
    const st_row *mark = row_of(r->res, "aanbieder", a, "hv_cijfer", "hv");
    const st_row *regmark = row_of(r->res, "totaal", NULL, "hv_cijfer", "hv");
    const st_row *nps = row_of(r->res, "aanbieder", a, "hv_aanbevelen", "hv");
    const st_row *regnps = row_of(r->res, "totaal", NULL, "hv_aanbevelen", "hv");
    const st_row *reghv = theme_row(r->res, "totaal", NULL, "hv");
    const char **cells = cells_new(p, 3 * 4);
    if (!cells)
        return;
    cells[0] = text(p, "kolom.hv_positief", NULL);
    cells[1] = pct_of(p, hv);
    cells[2] = "";
    cells[3] = pct_of(p, reghv);
    cells[4] = text(p, "kolom.cijfer", NULL);
    cells[5] = mean_of(p, mark);
    cells[6] = ci_of(p, mark);
    cells[7] = mean_of(p, regmark);
    cells[8] = text(p, "kolom.nps", NULL);
    double np = NAN, lo = NAN, hi = NAN, rnp = NAN, rlo, rhi;
    int has_nps = nps_of(nps, &np, &lo, &hi);
    cells[9] = has_nps ? num(p, np, 1, NULL) : "*";
    cells[10] = has_nps ? range(p, lo, hi) : "";
    cells[11] = nps_of(regnps, &rnp, &rlo, &rhi) ? num(p, rnp, 1, NULL) : "";
    const rp_col cols[4] = {{"", 203.3, RP_LEFT},
                            {a, 100, RP_RIGHT},
                            {text(p, "kolom.bi", NULL), 90, RP_RIGHT},
                            {r->region, 90, RP_RIGHT}};
    table(p, cols, 4, cells, 3, NULL);
    note(p, text(p, "noot.nps", NULL));

    heading(p, 0, text(p, "kop.hv_items", vars));
    items_block(p, "hv", "aanbieder", a, a);

    heading(p, 0, text(p, "kop.per_gemeente", vars));
    const char *gs[MAX_GROUPS];
    size_t ng = rp_report_groups(r->res, "gemeente", gs, MAX_GROUPS);
    const char **gc = cells_new(p, (ng + 1) * 4);
    rp_ci_bar *dots = ceo_calloc(ng + 1, sizeof *dots);
    keep(p, (char *)dots);
    size_t rows = 0, nd = 0, hidden = 0;
    for (size_t i = 0; gc && !p->st && i < ng; i++) {
        const char *cross = fmt(p, "%s + %s", gs[i], a);
        const st_row *th = theme_row(r->res, "gemeente+aanbieder", cross, "hv");
        if (!th || th->n == 0)
            continue;
        if (!shown(th)) {
            hidden++;
            continue;
        }
        const st_row *m = row_of(r->res, "gemeente+aanbieder", cross, "hv_cijfer", "hv");
        const char **c = gc + rows * 4;
        c[0] = gs[i];
        c[1] = n_of(p, th);
        c[2] = pct_of(p, th);
        c[3] = mean_of(p, m);
        rows++;
        if (shown(m))
            dots[nd++] = (rp_ci_bar){gs[i], m->mean, m->ci_low, m->ci_high, 0};
    }
    const rp_col gcols[4] = {{text(p, "kolom.gemeente", NULL), 203.3, RP_LEFT},
                             {text(p, "kolom.n", NULL), 60, RP_RIGHT},
                             {text(p, "kolom.hv_positief", NULL), 110, RP_RIGHT},
                             {text(p, "kolom.cijfer", NULL), 110, RP_RIGHT}};
    table(p, gcols, 4, gc, rows, NULL);
    if (nd && regmark && !p->st)
        p->st = rp_chart_dots(&p->doc, dots, nd, 2, 10, regmark->mean, r->region, p->err);
    if (hidden)
        note(p, text(p, "noot.gemeenten_onderdrukt",
                     (const char *const[]){"aantal", fmt(p, "%zu", hidden), "min_n",
                                           fmt(p, "%ld", r->min_n), NULL}));

    heading(p, 0, text(p, "kop.trend", vars));
    const char *hvtheme[1] = {"hv"};
    trend_block(p, "aanbieder+periode", a, hvtheme, 1);

    heading(p, 0, text(p, "kop.opmerkingen", vars));
    note(p, text(p, "opmerkingen.uitleg", vars));
    comments_block(p, a);
}

/* ---- entry ------------------------------------------------------------------------------ */

static void regio_pages(rep *p, const char *group)
{
    (void)group;
    regio_report(p);
}

/* A page plan: the texts key of the title, whether the header names the group after it, and
 * the pages. */
struct rp_plan {
    const char *title_key;
    int names_group;
    void (*pages)(rep *p, const char *group);
};

const rp_plan rp_plan_gemeente = {"gemeente.titel", 1, gemeente_report};
const rp_plan rp_plan_regio = {"regio.titel", 0, regio_pages};
const rp_plan rp_plan_aanbieder = {"aanbieder.titel", 1, aanbieder_report};

ceo_status rp_report_write(const rp_report *r, const rp_plan *plan, const char *group, FILE *fp,
                           long *overflows, ceo_error *err)
{
    rep p = {0};
    p.r = r;
    p.err = err;
    p.group = group;
    const char *tvars[] = {"gemeente", group ? group : "", "aanbieder", group ? group : "",
                           "regio",    r->region,          "jaar",      r->year,
                           NULL};
    const char *title = text(&p, plan->title_key, tvars);
    const char *header = plan->names_group ? fmt(&p, "%s \xE2\x80\x93 %s", title, group) : title;
    rp_pdf_info info = {r->font_regular,
                        r->font_bold,
                        header,
                        r->region,
                        text(&p, "document.onderwerp", tvars),
                        {r->fonts[RP_REGULAR], r->fonts[RP_BOLD]}};
    rp_pdf *pdf = p.st ? NULL : rp_pdf_new(&info, err);
    if (!pdf && !p.st)
        p.st = err ? err->code : CEO_EDATA;
    if (pdf) {
        rp_pdf_log(pdf, r->layout_log);
        p.doc = (rp_doc){pdf,
                         header,
                         fmt(&p, "%s %s", r->region, r->year),
                         text(&p, "pagina", NULL),
                         text(&p, "pagina.van", NULL),
                         r->accent,
                         0};
        plan->pages(&p, group);
        if (!p.st)
            p.st = rp_doc_finish(&p.doc, err);
        if (!p.st)
            p.st = rp_pdf_write(pdf, fp, err);
        if (overflows)
            *overflows = rp_pdf_overflows(pdf);
        rp_pdf_free(pdf);
    }
    for (size_t i = 0; i < p.nkept; i++)
        ceo_free(p.kept[i]);
    ceo_free(p.kept);
    return p.st;
}
