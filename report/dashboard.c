/*
 * dashboard.c - the region's dashboard (dashboard.h): the figures computed once per selection
 * (the whole selection, the last twelve months, per quarter, per year) and written as one HTML
 * page whose script draws them for the filters chosen.
 *
 * The page holds the figures as JSON in a <script type="application/json">: per selection
 * (period x dimension x group) one entry per question and theme, in the order of the lists
 * "vragen" and "themas". An entry is null (no such row, or no answers), 0 (hidden by disclosure
 * control: nothing else), or [n, figure, low, high] rounded to the one decimal the page shows
 * ([n, figure] for a theme; a trailing 1 marks an indicative figure). A hidden row's n and
 * figures are NaN and -1 in its st_row, so they cannot reach the file; what is published is
 * exactly what `ceo stats` publishes for the same dimensions, from the same st_compute call.
 * Every string in the data is JSON with '<', '>' and '&' escaped, so no name can end the
 * script element; every string in the HTML is escaped.
 */
#include "dashboard.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/output.h"
#include "../base/strmap.h"
#include "../stats/hv.h"
#include "../stats/stats.h"
#include "../survey/values.h"
#include "html.h"
#include "reportpriv.h"
#include "texts.h"

/* The one-part dimensions a filter chooses from. */
enum { DIM_GEMEENTE, DIM_VOORZIENING, DIM_AANBIEDER, NDIMS };
static const char *const dim_names[NDIMS] = {"gemeente", "voorziening", "aanbieder"};

/* A question (or theme) of the page: kind 'p' a percentage (statement, yes/no), 'c' a mean mark,
 * 's' a score (shown as NPS), 't' a theme. */
typedef struct {
    const char *id, *theme, *text;
    char kind;
} question;

typedef struct {
    const char **names;
    size_t n;
} group_list;

typedef struct {
    const rp_dash_options *o;
    const sv_codebook *cb;
    rp_texts *texts;
    st_result *all, *roll, *quarter, *year;
    st_hv *hv_all, *hv_roll;
    question *q;         /* the questions, then the themes */
    const st_row **rows; /* per question and theme: the row of the group being written */
    size_t nq, nthemes;
    group_list groups[NDIMS], quarters, years;
    const char *region;
    long min_n, indicative_n;
    FILE *fp;
    size_t views;
    char *buf; /* a crossing's group name being looked up */
    size_t bufsize;
    ceo_error *err;
    ceo_status st;
} dash;

/* ---- writing --------------------------------------------------------------------------- */

static void html(FILE *fp, const char *s)
{
    for (; *s; s++) {
        const char *e = rp_html_entity(*s);
        if (e)
            fputs(e, fp);
        else
            fputc(*s, fp);
    }
}

/* A JSON string; '<', '>' and '&' as \u escapes, so nothing in it ends the script element. */
static void jstr(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        if (*u == '"' || *u == '\\')
            fprintf(fp, "\\%c", *u);
        else if (*u == '\n')
            fputs("\\n", fp);
        else if (*u < 0x20 || *u == '<' || *u == '>' || *u == '&')
            fprintf(fp, "\\u%04x", *u);
        else
            fputc(*u, fp);
    }
    fputc('"', fp);
}

/* A figure at the one decimal the page shows ("69.3", "70", "-4.5"); null when there is none. */
static void jnum(FILE *fp, double v)
{
    if (!isfinite(v)) {
        fputs("null", fp);
        return;
    }
    char b[48];
    snprintf(b, sizeof b, "%.1f", v);
    size_t n = strlen(b);
    if (n > 2 && b[n - 2] == '.' && b[n - 1] == '0')
        b[n - 2] = '\0';
    fputs(strcmp(b, "-0") == 0 ? "0" : b, fp);
}

/* A text of the texts file with its placeholders filled (pairs ended by NULL); NULL after an
 * error (d->st set). Freed with ceo_free. */
static char *text(dash *d, const char *key, const char *const *vars)
{
    if (d->st)
        return NULL;
    char *s = rp_texts_fill(d->texts, key, vars, d->err);
    if (!s)
        d->st = d->err->code ? d->err->code : CEO_EDATA;
    return s;
}

/* Writes a text escaped; paragraph: as <p> elements, one per paragraph of the text. */
static void put_text(dash *d, const char *key, const char *const *vars, int paragraphs)
{
    char *s = text(d, key, vars);
    if (!s)
        return;
    if (!paragraphs) {
        html(d->fp, s);
    } else {
        for (char *p = s; p;) {
            char *e = strstr(p, "\n\n");
            if (e)
                *e = '\0';
            fputs("<p>", d->fp);
            html(d->fp, p);
            fputs("</p>\n", d->fp);
            p = e ? e + 2 : NULL;
        }
    }
    ceo_free(s);
}

/* ---- the figures ----------------------------------------------------------------------- */

/* Computes one selection with the dimensions of by the answers have columns for (the others
 * named in out->left_out). */
static st_result *compute(dash *d, const sv_table *t, const char *by_all, st_period period,
                          rp_dash_result *out)
{
    char buf[256], left[256];
    const char *by = st_dims_present(t, by_all, NULL, buf, sizeof buf, left, sizeof left);
    if (!by)
        by = by_all;
    for (const char *l = left; *l;) { /* each role once, in the order met */
        const char *e = strchr(l, ',');
        size_t n = e ? (size_t)(e - l) : strlen(l), have = strlen(out->left_out);
        if (!ceo_list_has(out->left_out, l, n) && have + n + 2 < sizeof out->left_out)
            snprintf(out->left_out + have, sizeof out->left_out - have, "%s%.*s", have ? "," : "",
                     (int)n, l);
        l = e ? e + 1 : l + n;
    }
    st_options so = {0};
    so.by = by;
    so.period = period;
    so.min_n = d->min_n;
    so.indicative_n = d->indicative_n;
    so.total_label = sv_project_get(d->o->proj, "regio", "naam");
    st_result *r = st_compute(t, &so, d->err);
    if (!r) {
        st_dim_missing(t, by, out->missing, sizeof out->missing);
        d->st = d->err->code;
    }
    return r;
}

/* The groups of a dimension in r, in the order first met (sorted; periods in time order),
 * each once, without the respondents who gave no value. The names stay valid as long as r. */
static int collect(dash *d, const st_result *r, const char *dim, group_list *g)
{
    size_t cap = 0;
    sv_strmap *seen = sv_strmap_new();
    int rc = seen ? 0 : -1;
    for (size_t i = 0; rc == 0 && r && i < st_result_count(r); i++) {
        const st_row *w = st_result_row(r, i);
        size_t len = strlen(w->group);
        int v;
        if (strcmp(w->dimension, dim) != 0 || strcmp(w->group, ST_UNKNOWN_GROUP) == 0 ||
            (g->n && strcmp(g->names[g->n - 1], w->group) == 0) ||
            sv_strmap_get(seen, w->group, len, &v))
            continue;
        if (ceo_grow((void **)&g->names, &cap, g->n + 1, sizeof *g->names) != 0 ||
            sv_strmap_put(seen, w->group, len, 1) != 0)
            rc = -1;
        else
            g->names[g->n++] = w->group;
    }
    sv_strmap_free(seen);
    if (rc)
        d->st = ceo_error_set(d->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    return rc;
}

/* The theme's name: [thema.ID] of the texts file, else its id. */
static const char *theme_label(const dash *d, const char *theme)
{
    char key[96];
    snprintf(key, sizeof key, "thema.%s", theme);
    const char *s = rp_texts_get(d->texts, key);
    return s ? s : theme;
}

/* The questions the page shows: the satisfaction items the answers hold (statements, yes/no,
 * marks, scores) in codebook order, then the themes that have a score. */
static int questions(dash *d)
{
    size_t n = sv_codebook_nitems(d->cb);
    if (!(d->q = ceo_calloc(2 * n + 1, sizeof *d->q)) ||
        !(d->rows = ceo_calloc(2 * n + 1, sizeof *d->rows))) {
        d->st = ceo_error_set(d->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const sv_item *it = sv_codebook_item(d->cb, i);
        char kind = it->type == SV_T_LIKERT || it->type == SV_T_JANEE ? 'p'
                    : it->type == SV_T_CIJFER                         ? 'c'
                    : it->type == SV_T_SCORE                          ? 's'
                                                                      : 0;
        if (!kind || !st_tested_item(it) || !sv_table_has(d->o->t, (int)i) ||
            !st_result_find(d->all, "totaal", NULL, it->id, it->theme))
            continue;
        d->q[d->nq++] = (question){it->id, it->theme,
                                   it->question && *it->question ? it->question : it->label, kind};
    }
    for (size_t i = 0; i < n; i++) {
        const sv_item *it = sv_codebook_item(d->cb, i);
        int seen = !*it->theme || it->type != SV_T_LIKERT;
        for (size_t k = d->nq; k < d->nq + d->nthemes && !seen; k++)
            seen = strcmp(d->q[k].id, it->theme) == 0;
        if (seen || !st_result_find(d->all, "totaal", NULL, "", it->theme))
            continue;
        d->q[d->nq + d->nthemes++] =
            (question){it->theme, it->theme, theme_label(d, it->theme), 't'};
    }
    return 0;
}

/* One entry of a group's list (see the top of the file). */
static void put_entry(FILE *fp, const st_row *w, char kind)
{
    if (!w || (!w->suppressed && w->n <= 0)) {
        fputs("null", fp);
        return;
    }
    if (w->suppressed) { /* its n is -1 and its figures NaN: nothing to write but the mark */
        fputc('0', fp);
        return;
    }
    double v = kind == 'c' ? w->mean : w->pct_positive, lo = w->ci_low, hi = w->ci_high;
    if (kind == 's' && !rep_nps_of(w, &v, &lo, &hi)) {
        fputs("null", fp);
        return;
    }
    fprintf(fp, "[%ld,", w->n);
    jnum(fp, v);
    if (kind != 't') {
        fputc(',', fp);
        jnum(fp, lo);
        fputc(',', fp);
        jnum(fp, hi);
    }
    fputs(!w->indicative ? "]" : kind == 't' ? ",null,null,1]" : ",1]", fp);
}

/* Looks up the rows of one group of r into d->rows; returns how many there are. */
static size_t found(dash *d, const st_result *r, const char *dim, const char *group)
{
    size_t n = 0;
    for (size_t k = 0; k < d->nq + d->nthemes; k++) {
        const question *q = &d->q[k];
        d->rows[k] = st_result_find(r, dim, group, q->kind == 't' ? "" : q->id, q->theme);
        n += d->rows[k] != NULL;
    }
    return n;
}

/* The rows of one group of r, or nothing (returns 0) when r has none. */
static int put_group(dash *d, const char *key, const st_result *r, const char *dim,
                     const char *group, int *first)
{
    size_t all = d->nq + d->nthemes;
    if (!found(d, r, dim, group))
        return 0;
    if (!*first)
        fputc(',', d->fp);
    *first = 0;
    if (key) {
        jstr(d->fp, key);
        fputc(':', d->fp);
    }
    fputc('[', d->fp);
    for (size_t k = 0; k < all; k++) {
        if (k)
            fputc(',', d->fp);
        put_entry(d->fp, d->rows[k], d->q[k].kind);
    }
    fputc(']', d->fp);
    d->views++;
    return 1;
}

/* "a + b", the name of a crossing's group, in d->buf; NULL when out of memory. */
static const char *crossing(dash *d, const char *a, const char *b)
{
    size_t need = strlen(a) + strlen(b) + 4;
    if (need > d->bufsize) {
        char *nb = ceo_realloc(d->buf, need);
        if (!nb) {
            d->st = ceo_error_set(d->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            return NULL;
        }
        d->buf = nb;
        d->bufsize = need;
    }
    snprintf(d->buf, d->bufsize, "%s + %s", a, b);
    return d->buf;
}

/* A selection of the whole answers or the last twelve months: the region, each group of each
 * dimension, each provider within each gemeente. */
static void put_whole(dash *d, const char *id, const st_result *r)
{
    int first = 1;
    jstr(d->fp, id);
    fputs(":{", d->fp);
    put_group(d, "totaal", r, "totaal", NULL, &first);
    for (int k = 0; k < NDIMS; k++) {
        int gfirst = 1;
        fprintf(d->fp, ",\"%s\":{", dim_names[k]);
        for (size_t i = 0; i < d->groups[k].n; i++)
            put_group(d, d->groups[k].names[i], r, dim_names[k], d->groups[k].names[i], &gfirst);
        fputc('}', d->fp);
    }
    fputs(",\"gemeente+aanbieder\":{", d->fp);
    int gfirst = 1;
    for (size_t i = 0; i < d->groups[DIM_GEMEENTE].n; i++) {
        const char *g = d->groups[DIM_GEMEENTE].names[i];
        size_t any = 0;
        for (size_t k = 0; k < d->groups[DIM_AANBIEDER].n && !any; k++) {
            const char *name = crossing(d, g, d->groups[DIM_AANBIEDER].names[k]);
            any = name && found(d, r, "gemeente+aanbieder", name);
        }
        if (!any)
            continue;
        fprintf(d->fp, "%s", gfirst ? "" : ",");
        gfirst = 0;
        jstr(d->fp, g);
        fputs(":{", d->fp);
        int afirst = 1;
        for (size_t k = 0; k < d->groups[DIM_AANBIEDER].n; k++) {
            const char *a = d->groups[DIM_AANBIEDER].names[k];
            const char *name = crossing(d, g, a);
            if (name)
                put_group(d, a, r, "gemeente+aanbieder", name, &afirst);
        }
        fputc('}', d->fp);
    }
    fputs("}}", d->fp);
}

/* A selection of one period (a quarter or a year) of the run r: the region in it, each group of
 * each dimension in it. */
static void put_period(dash *d, const st_result *r, const char *period)
{
    int first = 1;
    fputc(',', d->fp);
    jstr(d->fp, period);
    fputs(":{", d->fp);
    put_group(d, "totaal", r, "periode", period, &first);
    for (int k = 0; k < NDIMS; k++) {
        char dim[64];
        snprintf(dim, sizeof dim, "%s+periode", dim_names[k]);
        int gfirst = 1;
        fprintf(d->fp, "%s\"%s\":{", first ? "" : ",", dim_names[k]);
        first = 0;
        for (size_t i = 0; i < d->groups[k].n; i++) {
            const char *name = crossing(d, d->groups[k].names[i], period);
            if (name)
                put_group(d, d->groups[k].names[i], r, dim, name, &gfirst);
        }
        fputc('}', d->fp);
    }
    fputc('}', d->fp);
}

/* One provider of the HV table: [name, n, HV score, mark, low, high, NPS, low, high(, 1)]. */
static void put_hv_row(FILE *fp, const char *name, const st_hv_row *h)
{
    fputc('[', fp);
    jstr(fp, name);
    if (h->n > 0)
        fprintf(fp, ",%ld,", h->n);
    else
        fputs(",null,", fp);
    const double v[7] = {h->composite, h->mark,    h->mark_low, h->mark_high,
                         h->nps,       h->nps_low, h->nps_high};
    for (int k = 0; k < 7; k++) {
        if (k)
            fputc(',', fp);
        jnum(fp, v[k]);
    }
    fputs(h->indicative ? ",1]" : "]", fp);
}

/* The providers of the HV table of one part: the region's (gemeente NULL) or one gemeente's,
 * as {"r": [rows shown], "v": how many are hidden}. */
static void put_hv_part(dash *d, const st_hv *h, const char *gemeente)
{
    size_t hidden = 0;
    int first = 1;
    fputs("{\"r\":[", d->fp);
    const group_list *prov = &d->groups[DIM_AANBIEDER];
    for (size_t k = 0; k < prov->n; k++) {
        const char *name = gemeente ? crossing(d, gemeente, prov->names[k]) : prov->names[k];
        const char *dim = gemeente ? "gemeente+aanbieder" : "aanbieder";
        for (size_t i = 0; name && i < st_hv_count(h); i++) {
            const st_hv_row *w = st_hv_row_at(h, i);
            if (strcmp(w->dimension, dim) != 0 || strcmp(w->group, name) != 0)
                continue;
            if (w->suppressed) {
                hidden++;
            } else {
                if (!first)
                    fputc(',', d->fp);
                first = 0;
                put_hv_row(d->fp, prov->names[k], w);
            }
            break;
        }
    }
    fprintf(d->fp, "],\"v\":%zu}", hidden);
}

static void put_hv(dash *d, const char *id, const st_hv *h)
{
    jstr(d->fp, id);
    fputs(":{\"totaal\":", d->fp);
    put_hv_part(d, h, NULL);
    fputs(",\"gemeente\":{", d->fp);
    for (size_t i = 0; i < d->groups[DIM_GEMEENTE].n; i++) {
        if (i)
            fputc(',', d->fp);
        jstr(d->fp, d->groups[DIM_GEMEENTE].names[i]);
        fputc(':', d->fp);
        put_hv_part(d, h, d->groups[DIM_GEMEENTE].names[i]);
    }
    fputs("}}", d->fp);
}

/* ---- the page -------------------------------------------------------------------------- */

/* The texts the script fills in itself, with the placeholders each may use. */
static const struct {
    const char *key, *vars;
} script_texts[] = {
    {"dashboard.keuze", "keuze,periode"},
    {"dashboard.keuze.gemeente_aanbieder", "gemeente,aanbieder"},
    {"dashboard.niet_beschikbaar", ""},
    {"dashboard.geen_antwoorden", "keuze"},
    {"dashboard.niet_getoond", ""},
    {"dashboard.indicatief", ""},
    {"dashboard.interval", "laag,hoog"},
    {"dashboard.interval_negatief", "laag,hoog"},
    {"dashboard.tabel.themas", "keuze"},
    {"dashboard.tabel.stellingen", "thema,keuze"},
    {"dashboard.tabel.overig", "keuze"},
    {"dashboard.tabel.cijfers", "keuze"},
    {"dashboard.tabel.hv", "keuze"},
    {"dashboard.tabel.trend", "keuze"},
    {"dashboard.grafiek.themas", "keuze"},
    {"dashboard.grafiek.themas.uitleg", "keuze,regio"},
    {"dashboard.grafiek.trend", "keuze"},
    {"dashboard.grafiek.trend.uitleg", "keuze"},
    {"dashboard.hv.niet_beschikbaar", ""},
    {"dashboard.hv.verborgen", "aantal,min_n"},
    {"dashboard.hv.geen", ""},
    {"dashboard.hv.gekozen", ""},
    {"dashboard.trend.niet_beschikbaar", ""},
    {"dashboard.kolom.kwartaal", ""},
    {"dashboard.kolom.gemiddelde", ""},
    {"dashboard.tabel.scroll", ""},
    {"trend.geen", ""},
    {"kop.losse_vragen", ""},
    {"kolom.vraag", ""},
    {"kolom.n", ""},
    {"kolom.positief", ""},
    {"kolom.bi", ""},
    {"kolom.regio", ""},
    {"kolom.thema", ""},
    {"kolom.aanbieder", ""},
    {"kolom.hv_positief", ""},
    {"kolom.cijfer", ""},
    {"kolom.nps", ""},
    {"label.nps", ""},
};

/* The script's texts as {"key": "text with {placeholders}"}: each is checked first to use no
 * placeholder the script does not fill. */
static void put_script_texts(dash *d)
{
    fputs("\"t\":{", d->fp);
    for (size_t i = 0; i < sizeof script_texts / sizeof script_texts[0] && !d->st; i++) {
        const char *vars[16];
        char names[128];
        size_t nv = 0;
        snprintf(names, sizeof names, "%s", script_texts[i].vars);
        for (char *p = names; *p && nv + 2 < sizeof vars / sizeof vars[0];) {
            char *e = strchr(p, ',');
            if (e)
                *e = '\0';
            vars[nv++] = p;
            vars[nv++] = "0";
            p = e ? e + 1 : p + strlen(p);
        }
        vars[nv] = NULL;
        char *check = text(d, script_texts[i].key, vars);
        ceo_free(check);
        if (d->st)
            return;
        if (i)
            fputc(',', d->fp);
        jstr(d->fp, script_texts[i].key);
        fputc(':', d->fp);
        jstr(d->fp, rp_texts_get(d->texts, script_texts[i].key));
    }
    fputc('}', d->fp);
}

/* The month YYYYMM as "2025-03". */
static void month_text(char *buf, size_t size, int ym)
{
    snprintf(buf, size, "%04d-%02d", ym / 100, ym % 100);
}

static void put_data(dash *d)
{
    FILE *fp = d->fp;
    fputs("<script type=\"application/json\" id=\"ceo-data\">{\"regio\":", fp);
    jstr(fp, d->region);
    fprintf(fp, ",\"min_n\":%ld,\"indicatief_n\":%ld,\"vragen\":[", d->min_n, d->indicative_n);
    for (size_t k = 0; k < d->nq; k++) {
        fputs(k ? ",[" : "[", fp);
        jstr(fp, d->q[k].id);
        fputc(',', fp);
        jstr(fp, d->q[k].theme);
        fprintf(fp, ",\"%c\",", d->q[k].kind);
        jstr(fp, d->q[k].text);
        fputc(']', fp);
    }
    fputs("],\"themas\":[", fp);
    for (size_t k = d->nq; k < d->nq + d->nthemes; k++) {
        fputs(k > d->nq ? ",[" : "[", fp);
        jstr(fp, d->q[k].id);
        fputc(',', fp);
        jstr(fp, d->q[k].text);
        fputc(']', fp);
    }
    fputs("],\"perioden\":[[\"alles\",\"a\"]", fp);
    if (d->roll)
        fputs(",[\"r12\",\"a\"]", fp);
    for (size_t i = 0; i < d->years.n; i++) {
        fputs(",[", fp);
        jstr(fp, d->years.names[i]);
        fputs(",\"j\"]", fp);
    }
    for (size_t i = 0; i < d->quarters.n; i++) {
        fputs(",[", fp);
        jstr(fp, d->quarters.names[i]);
        fputs(",\"k\"]", fp);
    }
    fputs("],\"cijfers\":{", fp);
    put_whole(d, "alles", d->all);
    if (d->roll) {
        fputc(',', fp);
        put_whole(d, "r12", d->roll);
    }
    for (size_t i = 0; i < d->years.n; i++)
        put_period(d, d->year, d->years.names[i]);
    for (size_t i = 0; i < d->quarters.n; i++)
        put_period(d, d->quarter, d->quarters.names[i]);
    fputs("},\"hv\":{", fp);
    if (d->hv_all)
        put_hv(d, "alles", d->hv_all);
    if (d->hv_roll) {
        fputc(',', fp);
        put_hv(d, "r12", d->hv_roll);
    }
    fputs("},", fp);
    put_script_texts(d);
    fputs("}</script>\n", fp);
}

/* A select of the filters: the whole (all_key) and the groups of one dimension. */
static void put_select(dash *d, const char *id, const char *label_key, const char *all_key,
                       const group_list *g)
{
    FILE *fp = d->fp;
    fprintf(fp, "<div class=\"filter\"><label for=\"f-%s\">", id);
    put_text(d, label_key, NULL, 0);
    fprintf(fp, "</label>\n<select id=\"f-%s\"%s><option value=\"\">", id, g->n ? "" : " disabled");
    put_text(d, all_key, NULL, 0);
    fputs("</option>", fp);
    for (size_t i = 0; i < g->n; i++) {
        fputs("<option>", fp);
        html(fp, g->names[i]);
        fputs("</option>", fp);
    }
    fputs("</select></div>\n", fp);
}

static void put_period_select(dash *d)
{
    FILE *fp = d->fp;
    const rp_dash_options *o = d->o;
    char a[16], b[16];
    fputs("<div class=\"filter\"><label for=\"f-periode\">", fp);
    put_text(d, "dashboard.filter.periode", NULL, 0);
    fputs("</label>\n<select id=\"f-periode\"><option value=\"alles\">", fp);
    month_text(a, sizeof a, o->first);
    month_text(b, sizeof b, o->last);
    if (o->first)
        put_text(d, "dashboard.periode.alles", (const char *const[]){"van", a, "tot", b, NULL}, 0);
    else
        put_text(d, "dashboard.periode.ongedateerd", NULL, 0);
    fputs("</option>", fp);
    if (d->roll) {
        month_text(a, sizeof a, o->rolling_from);
        month_text(b, sizeof b, o->rolling_to);
        fputs("<option value=\"r12\">", fp);
        put_text(d, "dashboard.periode.twaalf", (const char *const[]){"van", a, "tot", b, NULL}, 0);
        fputs("</option>", fp);
    }
    const group_list *lists[2] = {&d->years, &d->quarters};
    const char *keys[2] = {"dashboard.periode.jaren", "dashboard.periode.kwartalen"};
    for (int k = 0; k < 2; k++) {
        if (!lists[k]->n)
            continue;
        char *label = text(d, keys[k], NULL);
        if (!label)
            return;
        fputs("<optgroup label=\"", fp);
        html(fp, label);
        fputs("\">", fp);
        ceo_free(label);
        for (size_t i = 0; i < lists[k]->n; i++) {
            fputs("<option>", fp);
            html(fp, lists[k]->names[i]);
            fputs("</option>", fp);
        }
        fputs("</optgroup>", fp);
    }
    fputs("</select></div>\n", fp);
}

/* A section of the page: a heading and the element the script fills. */
static void put_section(dash *d, const char *id, const char *key)
{
    fprintf(d->fp, "<section aria-labelledby=\"h-%s\"><h2 id=\"h-%s\">", id, id);
    put_text(d, key, NULL, 0);
    fprintf(d->fp, "</h2>\n<div id=\"%s\"></div></section>\n", id);
}

/* Reads templates/dashboard/NAME into memory; NULL with the error set. Its text must not end
 * the element it goes into. */
static char *read_part(dash *d, const char *name, const char *end_tag)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", d->o->page_dir, name);
    FILE *f = fopen(path, "rb");
    char *s = NULL;
    size_t len = 0, cap = 0;
    if (!f) {
        d->st = ceo_error_set(d->err, CEO_EIO, path, 0, 0, "cannot read the dashboard's page");
        return NULL;
    }
    for (;;) {
        if (ceo_grow((void **)&s, &cap, len + 4097, 1) != 0) {
            d->st = ceo_error_set(d->err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        size_t got = fread(s + len, 1, 4096, f);
        len += got;
        if (got < 4096)
            break;
    }
    if (!d->st && ferror(f))
        d->st = ceo_error_set(d->err, CEO_EIO, path, 0, 0, "cannot read the dashboard's page");
    fclose(f);
    if (d->st) {
        ceo_free(s);
        return NULL;
    }
    s[len] = '\0';
    if (strlen(s) != len || strstr(s, end_tag)) {
        d->st = ceo_error_set(d->err, CEO_EDATA, path, 0, 0, "holds '%s' or a NUL byte", end_tag);
        ceo_free(s);
        return NULL;
    }
    return s;
}

static void put_page(dash *d, const char *css, const char *js)
{
    FILE *fp = d->fp;
    char min_n[32], ind_n[32];
    snprintf(min_n, sizeof min_n, "%ld", d->min_n);
    snprintf(ind_n, sizeof ind_n, "%ld", d->indicative_n);
    const char *const vars[] = {"regio", d->region, "min_n", min_n, "indicatief_n", ind_n, NULL};
    fputs("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          fp);
    put_text(d, "dashboard.titel", vars, 0);
    fputs("</title>\n<style>\n", fp);
    fputs(css, fp);
    fputs("</style>\n</head>\n<body>\n<header>\n<h1>", fp);
    put_text(d, "dashboard.titel", vars, 0);
    fputs("</h1>\n", fp);
    put_text(d, "dashboard.inleiding", vars, 1);
    fputs("</header>\n<main>\n<form id=\"filters\" class=\"filters\" action=\"#\">\n<fieldset>"
          "<legend>",
          fp);
    put_text(d, "dashboard.filters", NULL, 0);
    fputs("</legend>\n", fp);
    put_select(d, "gemeente", "dashboard.filter.gemeente", "dashboard.alle.gemeente",
               &d->groups[DIM_GEMEENTE]);
    put_select(d, "voorziening", "dashboard.filter.voorziening", "dashboard.alle.voorziening",
               &d->groups[DIM_VOORZIENING]);
    put_select(d, "aanbieder", "dashboard.filter.aanbieder", "dashboard.alle.aanbieder",
               &d->groups[DIM_AANBIEDER]);
    put_period_select(d);
    fputs("</fieldset>\n</form>\n<p id=\"keuze\" class=\"keuze\" role=\"status\" "
          "aria-live=\"polite\"></p>\n<noscript><p>",
          fp);
    put_text(d, "dashboard.noscript", NULL, 0);
    fputs("</p></noscript>\n<div id=\"cijfers\">\n", fp);
    put_section(d, "themas", "dashboard.kop.themas");
    put_section(d, "stellingen", "dashboard.kop.stellingen");
    put_section(d, "rapportcijfers", "dashboard.kop.cijfers");
    put_section(d, "hv", "dashboard.kop.hv");
    put_section(d, "trend", "dashboard.kop.trend");
    fputs("</div>\n<section aria-labelledby=\"h-toelichting\"><h2 id=\"h-toelichting\">", fp);
    put_text(d, "dashboard.kop.toelichting", NULL, 0);
    fputs("</h2>\n", fp);
    put_text(d, "dashboard.toelichting", vars, 1);
    put_text(d, "noot.nps", NULL, 1);
    fputs("</section>\n</main>\n", fp);
    put_data(d);
    fputs("<script>\n", fp);
    fputs(js, fp);
    fputs("</script>\n</body>\n</html>\n", fp);
}

/* ---- the run --------------------------------------------------------------------------- */

static void dash_free(dash *d)
{
    st_hv_free(d->hv_all);
    st_hv_free(d->hv_roll);
    st_result_free(d->all);
    st_result_free(d->roll);
    st_result_free(d->quarter);
    st_result_free(d->year);
    rp_texts_free(d->texts);
    for (int k = 0; k < NDIMS; k++)
        ceo_free(d->groups[k].names);
    ceo_free(d->quarters.names);
    ceo_free(d->years.names);
    ceo_free(d->q);
    ceo_free(d->rows);
    ceo_free(d->buf);
}

/* Computes every selection and the lists the page is built from. */
static void prepare(dash *d, rp_dash_result *out)
{
    const rp_dash_options *o = d->o;
    const char *tp = sv_project_path(o->proj, "rapport", "teksten");
    if (!(d->texts = rp_texts_load(tp ? tp : o->texts, d->err))) {
        d->st = d->err->code;
        return;
    }
    int kd = sv_codebook_find(d->cb, "datum");
    int dated = kd >= 0 && sv_table_dates(o->t, kd) && o->first;
    if (!(d->all = compute(d, o->t, RP_DASH_DIMS, ST_PERIOD_NONE, out)))
        return;
    if (dated && (!(d->quarter = compute(d, o->t, RP_DASH_PERIOD_DIMS, ST_PERIOD_QUARTER, out)) ||
                  !(d->year = compute(d, o->t, RP_DASH_PERIOD_DIMS, ST_PERIOD_YEAR, out))))
        return;
    if (o->rolling && !(d->roll = compute(d, o->rolling, RP_DASH_DIMS, ST_PERIOD_NONE, out)))
        return;
    for (int k = 0; k < NDIMS; k++)
        if (collect(d, d->all, dim_names[k], &d->groups[k]) != 0)
            return;
    if (collect(d, d->quarter, "periode", &d->quarters) != 0 ||
        collect(d, d->year, "periode", &d->years) != 0 || questions(d) != 0)
        return;
    if (d->groups[DIM_AANBIEDER].n) {
        if (!(d->hv_all = st_hv_from(d->all, d->err)) ||
            (d->roll && !(d->hv_roll = st_hv_from(d->roll, d->err))))
            d->st = d->err->code;
    }
}

ceo_status rp_dashboard_write(const rp_dash_options *o, const char *path, rp_dash_result *out,
                              ceo_error *err)
{
    memset(out, 0, sizeof *out);
    dash d = {.o = o, .cb = sv_table_codebook(o->t), .err = err};
    d.min_n = st_min_n(o->proj, o->min_n);
    d.indicative_n = st_indicative_n(o->proj);
    d.region = sv_project_get(o->proj, "regio", "naam");
    if (!d.region)
        d.region = "de regio";
    prepare(&d, out);
    char *css = d.st ? NULL : read_part(&d, "dashboard.css", "</style");
    char *js = d.st ? NULL : read_part(&d, "dashboard.js", "</script");
    ceo_out *f = NULL;
    if (!d.st && !(f = ceo_out_open(path, err)))
        d.st = err->code;
    if (!d.st) {
        d.fp = ceo_out_file(f);
        put_page(&d, css, js);
        if (!d.st) {
            long size = ftell(d.fp);
            out->bytes = size > 0 ? (size_t)size : 0;
            d.st = ceo_out_commit(f, err);
        } else {
            ceo_out_abort(f);
        }
        f = NULL;
    }
    out->views = d.views;
    ceo_free(css);
    ceo_free(js);
    dash_free(&d);
    return d.st;
}
