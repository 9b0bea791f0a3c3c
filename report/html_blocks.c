/*
 * html_blocks.c - the report's building blocks when the output is the HTML edition (p->html
 * set): the run of a page plan into an rp_html, the cover, and the charts with the words an
 * SVG needs and a PDF does not (name, description, the headers of the numbers' table), all from
 * the texts file. blocks.c hands every rep_* call here when p->html is set, so the page plan is
 * one and the output format two.
 */
#include "reportpriv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "html.h"

ceo_status rep_html_write(rep *p, const rp_plan *plan, const char *group, const char *title,
                          const char *subject, FILE *fp)
{
    const rp_report *r = p->r;
    rp_html_info info = {title,
                         r->region,
                         subject,
                         rep_fmt(p, "%s %s", r->region, r->year),
                         rep_text(p, "pagina", NULL),
                         rep_text(p, "pagina.van", NULL),
                         rep_text(p, "html.inhoud", NULL),
                         r->accent};
    if (p->st)
        return p->st;
    if (!(p->html = rp_html_new(&info, p->err)))
        return p->st = p->err ? p->err->code : CEO_ENOMEM;
    plan->pages(p, group);
    if (!p->st)
        p->st = rp_html_write(p->html, fp, p->err);
    rp_html_free(p->html);
    p->html = NULL;
    return p->st;
}

void rep_html_title_page(rep *p, const char *title, const char *subtitle)
{
    const rp_report *r = p->r;
    const char *vars[] = {"regio", r->region, "jaar", r->year, NULL};
    const char *under = rep_text(p, "titel.onder", vars);
    const char *alt = r->logo ? rep_text(p, "html.logo", vars) : "";
    subtitle = rep_capital(p, subtitle); /* "De regio" at the head of the cover, as the PDF's */
    if (!p->st)
        p->st = rp_html_cover(p->html, title, subtitle, under, r->logo, alt, p->err);
}

void rep_caption(rep *p, const char *s)
{
    if (!p->st && p->html)
        rp_html_next_caption(p->html, s);
}

/* A chart's name and description: texts key.naam... with the latest heading as {kop}. */
static rp_html_chart chart_words(rep *p, const char *key)
{
    char k[64];
    const char *vars[] = {"kop", rp_html_last_heading(p->html), NULL};
    rp_html_chart c = {0};
    snprintf(k, sizeof k, "html.grafiek.%s", key);
    c.name = rep_text(p, k, vars);
    snprintf(k, sizeof k, "html.grafiek.%s.uitleg", key);
    c.desc = rep_text(p, k, vars);
    c.summary = rep_text(p, "html.grafiek.cijfers", NULL);
    return c;
}

void rep_html_likert(rep *p, const rp_likert_bar *bars, size_t n, const char *const legend[5])
{
    rp_html_chart c = chart_words(p, "likert");
    c.heads[0] = rep_text(p, "kolom.vraag", NULL);
    if (!p->st)
        p->st = rp_html_likert(p->html, &c, bars, n, legend, p->err);
}

/* The description of an interval chart: its scale, and the reference line when there is one. */
static const char *interval_desc(rep *p, const char *desc, double lo, double hi, const char *unit,
                                 double ref, const char *ref_label)
{
    char a[32], b[32], v[32];
    rp_fmt_num(a, sizeof a, lo, 0, unit);
    rp_fmt_num(b, sizeof b, hi, 0, unit);
    const char *scale =
        rep_text(p, "html.grafiek.schaal", (const char *const[]){"van", a, "tot", b, NULL});
    if (isnan(ref) || !ref_label)
        return rep_fmt(p, "%s %s", desc, scale);
    rp_fmt_num(v, sizeof v, ref, 1, unit);
    return rep_fmt(p, "%s %s %s", desc, scale,
                   rep_text(p, "html.grafiek.referentie",
                            (const char *const[]){"naam", ref_label, "waarde", v, NULL}));
}

void rep_html_intervals(rep *p, const rp_ci_bar *bars, size_t n, double lo, double hi,
                        const char *unit, int dots, double ref, const char *ref_label)
{
    rp_html_chart c = chart_words(p, dots ? "stippen" : "balken");
    c.desc = interval_desc(p, c.desc, lo, hi, unit, ref, ref_label);
    c.heads[0] = rep_text(p, "html.kolom.groep", NULL);
    c.heads[1] = rep_text(
        p, unit && strcmp(unit, "%") == 0 ? "kolom.positief" : "html.kolom.gemiddelde", NULL);
    c.heads[2] = rep_text(p, "kolom.bi", NULL);
    if (!p->st)
        p->st = rp_html_intervals(p->html, &c, bars, n, lo, hi, unit, dots, ref, ref_label, p->err);
}

void rep_html_trend(rep *p, const char *const *periods, size_t nperiods, const char *const *series,
                    const double *values, size_t nseries)
{
    rp_html_chart c = chart_words(p, "trend");
    c.heads[0] = rep_text(p, "html.kolom.periode", NULL);
    if (!p->st)
        p->st = rp_html_trend(p->html, &c, periods, nperiods, series, values, nseries, p->err);
}
