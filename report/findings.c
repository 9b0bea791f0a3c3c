/*
 * findings.c - the findings up front: the few sentences on page 2 that say what a reader must
 * know of a gemeente, a provider or the region before any table. Each sentence rests on one
 * row of the result (two when it names the region's figure beside the group's) and states its
 * figures as the tables print them; a difference is called significant only where the row's
 * own test says so, with the same threshold as the tables' Verschil column (q_vs_rest or
 * q_vs_prev below 0.05, Benjamini-Hochberg within the family stats forms). When nothing
 * differs, the page says that. Every sentence is a template of the texts file
 * ([bevinding.*]); tests/checks/report-findings.sh reads the sentences back and checks each
 * against `ceo stats`.
 *
 * What is said, in this order: the rows that differ most significantly from the rest of the
 * region (smallest q first; for the region: those of its gemeenten and providers), and how
 * many more do; with --compare the rows that changed significantly since the previous export;
 * the strongest and weakest statement; which figures are indicative.
 */
#include "reportpriv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SIG_Q 0.05 /* as rep_sig_of: the tables' Verschil column */
#define MAX_HITS 1024

typedef struct {
    const st_row *w;
    const sv_item *it;
    double q;
    size_t order; /* ties keep the result's order */
} hit;

static int by_q(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->q != y->q)
        return x->q < y->q ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static const char *label_of(const sv_item *it)
{
    return it->question && *it->question ? it->question : it->label;
}

static int uses_mean(const sv_item *it)
{
    return it->type == SV_T_CIJFER || it->type == SV_T_SCORE;
}

/* A question a finding may rest on: a tested satisfaction item the export has (for a provider
 * only the questions about its home care, as the provider reports show them). */
static int candidate(const rep *p, size_t i, const char *dim)
{
    const sv_item *it = sv_codebook_item(p->r->cb, i);
    if (!st_tested_item(it) || !sv_table_has(p->r->table, (int)i))
        return 0;
    if (it->type != SV_T_LIKERT && it->type != SV_T_JANEE && !uses_mean(it))
        return 0;
    return strcmp(dim, "aanbieder") != 0 || strcmp(it->theme, "hv") == 0;
}

static double value_of(const st_row *w, const sv_item *it)
{
    return uses_mean(it) ? w->mean : w->pct_positive;
}

typedef struct {
    rep *p;
    int indicative; /* a figure stated carries the indicative mark */
    size_t said;
} said;

/* A figure of a row as the tables print it, with the indicative mark when the row has it. */
static const char *figure(said *s, const st_row *w, double v, const char *unit)
{
    const char *f = rep_num(s->p, v, 1, unit);
    if (!w->indicative)
        return f;
    s->indicative = 1;
    return rep_fmt(s->p, "%s %s", f, rep_text(s->p, "teken.indicatief", NULL));
}

static const char *value_text(said *s, const st_row *w, const sv_item *it, double v)
{
    return figure(s, w, v, uses_mean(it) ? NULL : "%");
}

static void say(said *s, const char *key, const char *const *vars)
{
    const char *zin = rep_text(s->p, key, vars);
    rep_para(s->p, rep_text(s->p, "bevinding.punt", (const char *const[]){"zin", zin, NULL}));
    s->said++;
}

static const char *type_key(const sv_item *it)
{
    return it->type == SV_T_SCORE ? "score" : it->type == SV_T_CIJFER ? "cijfer" : "stelling";
}

/* The rows of group in dim that differ significantly from the rest of the region, appended to
 * hits; returns the number of rows tested. */
static size_t tested_rows(rep *p, const char *dim, const char *group, hit *hits, size_t *nhits)
{
    const rp_report *r = p->r;
    size_t tested = 0;
    for (size_t i = 0; i < sv_codebook_nitems(r->cb); i++) {
        if (!candidate(p, i, dim))
            continue;
        const sv_item *it = sv_codebook_item(r->cb, i);
        const st_row *w = rep_item_row(r->res, dim, group, it);
        if (!rep_shown(w) || isnan(w->q_vs_rest))
            continue;
        tested++;
        if (w->q_vs_rest < SIG_Q && *nhits < MAX_HITS) {
            hits[*nhits] = (hit){w, it, w->q_vs_rest, *nhits};
            (*nhits)++;
        }
    }
    return tested;
}

/* One sentence on a row that differs from the rest of the region; 0 when it cannot say which
 * way (the region's row missing or equal). */
static int say_vs_region(said *s, const hit *h)
{
    rep *p = s->p;
    const st_row *w = h->w, *reg = rep_item_row(p->r->res, "totaal", NULL, h->it);
    if (!rep_shown(reg))
        return 0;
    double a = value_of(w, h->it), b = value_of(reg, h->it);
    if (isnan(a) || isnan(b) || a == b)
        return 0;
    double v = NAN, lo, hi, rv = NAN;
    const char *nps = "", *regnps = "";
    if (h->it->type == SV_T_SCORE && rep_nps_of(w, &v, &lo, &hi) &&
        rep_nps_of(reg, &rv, &lo, &hi)) {
        nps = figure(s, w, v, NULL);
        regnps = rep_num(p, rv, 1, NULL);
    }
    const char *vars[] = {"groep",
                          w->group,
                          "vraag",
                          label_of(h->it),
                          "waarde",
                          value_text(s, w, h->it, a),
                          "regio_waarde",
                          rep_num(p, b, 1, uses_mean(h->it) ? NULL : "%"),
                          "regio",
                          p->r->region,
                          "nps",
                          nps,
                          "regio_nps",
                          regnps,
                          NULL};
    say(s, rep_fmt(p, "bevinding.%s.%s", type_key(h->it), a > b ? "hoger" : "lager"), vars);
    return 1;
}

static void vs_region(said *s, const char *dim, const char *group)
{
    rep *p = s->p;
    hit *hits = ceo_calloc(MAX_HITS, sizeof *hits);
    rep_keep(p, (char *)hits);
    if (p->st)
        return;
    size_t nhits = 0, tested = 0;
    int region = group == NULL;
    if (region) { /* the gemeenten and providers that differ most */
        static const char *const dims[2] = {"gemeente", "aanbieder"};
        for (int d = 0; d < 2; d++) {
            const char *gs[MAX_GROUPS];
            size_t ng = rep_known_groups(p->r->res, dims[d], gs);
            for (size_t i = 0; i < ng; i++)
                tested += tested_rows(p, dims[d], gs[i], hits, &nhits);
        }
    } else {
        tested = tested_rows(p, dim, group, hits, &nhits);
    }
    qsort(hits, nhits, sizeof *hits, by_q);
    size_t most = p->r->has_compare ? 2 : 3, shown = 0;
    for (size_t i = 0; i < nhits && shown < most; i++)
        shown += (size_t)say_vs_region(s, &hits[i]);
    const char *who = region ? p->r->region : group;
    const char *vars[] = {"groep", who, "aantal", rep_fmt(p, "%zu", shown ? nhits - shown : tested),
                          NULL};
    if (!shown && tested)
        say(s, region ? "bevinding.regio.geen" : "bevinding.geen", vars);
    else if (shown && nhits == shown + 1 && !region)
        say(s, "bevinding.meer.een", vars);
    else if (shown && nhits > shown)
        say(s, region ? "bevinding.regio.meer" : "bevinding.meer", vars);
}

/* The rows that changed significantly since the previous export (--compare). */
static void vs_previous(said *s, const char *dim, const char *group)
{
    rep *p = s->p;
    const rp_report *r = p->r;
    if (!r->has_compare)
        return;
    hit hits[64];
    size_t nhits = 0, compared = 0;
    for (size_t i = 0; i < sv_codebook_nitems(r->cb); i++) {
        if (!candidate(p, i, dim))
            continue;
        const sv_item *it = sv_codebook_item(r->cb, i);
        const st_row *w = rep_item_row(r->res, dim, group, it);
        if (!rep_shown(w) || w->prev_n < r->min_n || isnan(w->prev_value) || isnan(w->q_vs_prev))
            continue;
        compared++;
        double a = value_of(w, it);
        if (w->q_vs_prev < SIG_Q && !isnan(a) && a != w->prev_value && nhits < 64) {
            hits[nhits] = (hit){w, it, w->q_vs_prev, nhits};
            nhits++;
        }
    }
    qsort(hits, nhits, sizeof *hits, by_q);
    const char *who = group ? group : r->region;
    for (size_t i = 0; i < nhits && i < 2; i++) {
        const hit *h = &hits[i];
        double a = value_of(h->w, h->it);
        const char *unit = uses_mean(h->it) ? NULL : "%";
        const char *vars[] = {"groep",  who,
                              "vraag",  label_of(h->it),
                              "waarde", value_text(s, h->w, h->it, a),
                              "vorig",  rep_num(p, h->w->prev_value, 1, unit),
                              NULL};
        say(s,
            rep_fmt(p, "bevinding.vorig.%s.%s", uses_mean(h->it) ? "cijfer" : "stelling",
                    a > h->w->prev_value ? "hoger" : "lager"),
            vars);
    }
    if (!nhits && compared)
        say(s, "bevinding.vorig.geen",
            (const char *const[]){"groep", who, "aantal", rep_fmt(p, "%zu", compared), NULL});
}

/* The statements of a theme with the highest and the lowest % positive. */
static void strongest_weakest(said *s, const char *dim, const char *group)
{
    rep *p = s->p;
    const rp_report *r = p->r;
    const st_row *best = NULL, *worst = NULL;
    const sv_item *bi = NULL, *wi = NULL;
    size_t n = 0;
    for (size_t i = 0; i < sv_codebook_nitems(r->cb); i++) {
        const sv_item *it = sv_codebook_item(r->cb, i);
        /* a gemeente's or the region's own themes; the home care is the providers' */
        if (!candidate(p, i, dim) || it->type != SV_T_LIKERT || !*it->theme ||
            (strcmp(dim, "aanbieder") != 0 && strcmp(it->theme, "hv") == 0))
            continue;
        const st_row *w = rep_item_row(r->res, dim, group, it);
        if (!rep_shown(w) || isnan(w->pct_positive))
            continue;
        n++;
        if (!best || w->pct_positive > best->pct_positive)
            best = w, bi = it;
        if (!worst || w->pct_positive < worst->pct_positive)
            worst = w, wi = it;
    }
    if (n < 2 || best->pct_positive == worst->pct_positive)
        return;
    const char *who = group ? group : r->region;
    say(s, "bevinding.sterkst",
        (const char *const[]){"groep", who, "vraag", label_of(bi), "waarde",
                              figure(s, best, best->pct_positive, "%"), NULL});
    say(s, "bevinding.zwakst",
        (const char *const[]){"groep", who, "vraag", label_of(wi), "waarde",
                              figure(s, worst, worst->pct_positive, "%"), NULL});
}

/* "A, B en C" of the n names. */
static const char *names_joined(rep *p, const char **names, size_t n)
{
    const char *s = n ? names[0] : "";
    for (size_t i = 1; i < n; i++)
        s = i + 1 < n ? rep_fmt(p, "%s, %s", s, names[i])
                      : rep_fmt(p, "%s %s %s", s, rep_text(p, "bevinding.en", NULL), names[i]);
    return s;
}

static void indicative(said *s, const char *dim, const char *group)
{
    rep *p = s->p;
    const rp_report *r = p->r;
    const char *in = rep_fmt(p, "%ld", r->indicative_n > 0 ? r->indicative_n : ST_INDICATIVE_N);
    const char *mark = rep_text(p, "teken.indicatief", NULL);
    if (group) { /* the group's own figures */
        size_t total = 0, ind = 0;
        for (size_t i = 0; i < sv_codebook_nitems(r->cb); i++) {
            if (!candidate(p, i, dim))
                continue;
            const st_row *w = rep_item_row(r->res, dim, group, sv_codebook_item(r->cb, i));
            if (!rep_shown(w))
                continue;
            total++;
            ind += w->indicative != 0;
        }
        const char *vars[] = {"groep",
                              group,
                              "aantal",
                              rep_fmt(p, "%zu", ind),
                              "totaal",
                              rep_fmt(p, "%zu", total),
                              "indicatief_n",
                              in,
                              "teken",
                              mark,
                              NULL};
        if (ind && ind == total)
            say(s, "bevinding.indicatief.alle", vars);
        else if (ind)
            say(s, "bevinding.indicatief", vars);
    }
    /* the figures per provider in the gemeente, per gemeente of the provider, or per gemeente
     * and provider in the region, as their tables and charts show them */
    static const char *const parts[2] = {"gemeente", "aanbieder"};
    for (int k = 0; k < 2; k++) {
        const char *part = parts[k];
        if (group && strcmp(part, dim) == 0)
            continue;
        const char *gs[MAX_GROUPS], *names[MAX_GROUPS];
        size_t ng = rep_known_groups(r->res, part, gs), nn = 0;
        for (size_t i = 0; i < ng; i++) {
            int marked = 0;
            if (group) {
                const char *cross = strcmp(dim, "gemeente") == 0
                                        ? rep_fmt(p, "%s + %s", group, gs[i])
                                        : rep_fmt(p, "%s + %s", gs[i], group);
                const st_row *th = rep_theme_row(r->res, "gemeente+aanbieder", cross, "hv");
                marked = rep_shown(th) && th->indicative;
            } else if (k == 1) {
                const st_row *th = rep_theme_row(r->res, part, gs[i], "hv");
                marked = rep_shown(th) && th->indicative;
            } else {
                for (size_t t = 0; t < 16 && p->themes[t] && !marked; t++) {
                    const st_row *th = rep_theme_row(r->res, part, gs[i], p->themes[t]);
                    marked = rep_shown(th) && th->indicative;
                }
            }
            if (marked)
                names[nn++] = gs[i];
        }
        if (!nn)
            continue;
        const char *vars[] = {"groep",
                              group ? group : r->region,
                              "namen",
                              names_joined(p, names, nn),
                              "indicatief_n",
                              in,
                              "teken",
                              mark,
                              NULL};
        say(s,
            group ? (k == 1 ? "bevinding.indicatief.per_aanbieder"
                            : "bevinding.indicatief.per_gemeente")
                  : (k == 1 ? "bevinding.indicatief.aanbieders" : "bevinding.indicatief.gemeenten"),
            vars);
    }
}

void rep_findings(rep *p, const char *dim, const char *group)
{
    said s = {p, 0, 0};
    size_t nthemes;
    rep_present_themes(p, &nthemes); /* p->themes, for the region's gemeenten */
    if (nthemes < 16)
        p->themes[nthemes] = NULL;
    const char *g = strcmp(dim, "totaal") == 0 ? NULL : group;
    rep_para(p, rep_text(p, "bevindingen.intro",
                         (const char *const[]){"groep", g ? g : p->r->region, NULL}));
    vs_region(&s, dim, g);
    vs_previous(&s, g ? dim : "totaal", g);
    strongest_weakest(&s, g ? dim : "totaal", g);
    indicative(&s, dim, g);
    rep_note(p, rep_text(p, "bevindingen.noot", NULL));
    if (s.indicative) {
        p->marked_cells = 1;
        rep_ind_legend(p, 1);
    }
}
