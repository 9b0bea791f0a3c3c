/*
 * report.c - a PDF report's run and its vocabulary: rp_report_write() runs the page plan of a
 * kind (kinds.c) on a new document; the strings made along the way are kept in one list and
 * freed when the report is done; rows are looked up in the result and printed the Dutch way
 * ("78,4%", "*" for a suppressed row). The first error stops all further drawing and is
 * returned.
 */
#include "reportpriv.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "charts.h"

/* ---- strings ---------------------------------------------------------------------------- */

const char *rep_keep(rep *p, char *s)
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

const char *rep_fmt(rep *p, const char *f, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, f);
    vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return rep_keep(p, ceo_strdup(buf));
}

/* A text of the texts file with its placeholders; "" after an error. */
const char *rep_text(rep *p, const char *key, const char *const *vars)
{
    if (p->st)
        return "";
    char *s = rp_texts_fill(p->r->texts, key, vars, p->err);
    if (!s) {
        p->st = p->err ? p->err->code : CEO_EDATA;
        return "";
    }
    /* a text that starts with a name ("de regio") starts with a capital */
    const char *tpl = rp_texts_get(p->r->texts, key);
    if (tpl && tpl[0] == '{' && s[0] >= 'a' && s[0] <= 'z')
        s[0] = (char)(s[0] - 'a' + 'A');
    return rep_keep(p, s);
}

const char *rep_num(rep *p, double v, int digits, const char *unit)
{
    char buf[64];
    rp_fmt_num(buf, sizeof buf, v, digits, unit);
    return rep_keep(p, ceo_strdup(buf));
}

/* ---- rows ------------------------------------------------------------------------------- */

const st_row *rep_row_of(const st_result *res, const char *dim, const char *group,
                         const char *question, const char *theme)
{
    return st_result_find(res, dim, group, question, theme ? theme : "");
}

const st_row *rep_item_row(const st_result *res, const char *dim, const char *group,
                           const sv_item *it)
{
    return rep_row_of(res, dim, group, it->id, it->theme);
}

const st_row *rep_theme_row(const st_result *res, const char *dim, const char *group,
                            const char *theme)
{
    return rep_row_of(res, dim, group, "", theme);
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

/* known_groups for kinds.c. */
size_t rep_known_groups(const st_result *res, const char *dim, const char **out)
{
    return known_groups(res, dim, out);
}

int rep_shown(const st_row *w)
{
    return w && !w->suppressed && w->n > 0;
}

const char *rep_pct_of(rep *p, const st_row *w)
{
    if (!w)
        return "\xE2\x80\x93";
    if (w->suppressed)
        return "*";
    return rep_ind(p, w, rep_num(p, w->pct_positive, 1, "%"));
}

const char *rep_mean_of(rep *p, const st_row *w)
{
    if (!w)
        return "\xE2\x80\x93";
    if (w->suppressed)
        return "*";
    return rep_ind(p, w, rep_num(p, w->mean, 1, NULL));
}

/* A count the Dutch way: 1.466. */
const char *rep_count(rep *p, long n)
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
    return rep_keep(p, ceo_strdup(out));
}

const char *rep_n_of(rep *p, const st_row *w)
{
    if (!w)
        return "\xE2\x80\x93";
    if (w->suppressed)
        return "*";
    return rep_count(p, w->n);
}

const char *rep_ci_of(rep *p, const st_row *w)
{
    if (!rep_shown(w) || isnan(w->ci_low) || isnan(w->ci_high))
        return "";
    char a[32], b[32];
    rp_fmt_num(a, sizeof a, w->ci_low, 1, NULL);
    rp_fmt_num(b, sizeof b, w->ci_high, 1, NULL);
    return rep_fmt(p, "%s\xE2\x80\x93%s", a, b);
}

/* "hoger" / "lager" when the group differs significantly from the rest of the region. */
const char *rep_sig_of(rep *p, const st_row *w, const st_row *region, int use_mean)
{
    if (!rep_shown(w) || !region || isnan(w->q_vs_rest) || w->q_vs_rest >= 0.05)
        return "";
    double a = use_mean ? w->mean : w->pct_positive;
    double b = use_mean ? region->mean : region->pct_positive;
    return rep_text(p, a > b ? "teken.hoger" : "teken.lager", NULL);
}

const char *rep_prev_of(rep *p, const st_row *w)
{
    if (!p->r->has_compare || !rep_shown(w))
        return "\xE2\x80\x93";
    if (w->prev_n < p->r->min_n || isnan(w->prev_value)) /* the previous source has none */
        return rep_text(p, "vergelijking.geen_cijfer", NULL);
    return rep_num(p, w->prev_value, 1, "%");
}

/* ---- entry ------------------------------------------------------------------------------ */

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
    const char *title = rep_text(&p, plan->title_key, tvars);
    const char *header =
        plan->names_group ? rep_fmt(&p, "%s \xE2\x80\x93 %s", title, group) : title;
    if (r->format == RP_FORMAT_HTML) {
        if (!p.st)
            p.st = rep_html_write(&p, plan, group, header,
                                  rep_text(&p, "document.onderwerp", tvars), fp);
        if (overflows)
            *overflows = 0;
        goto done;
    }
    rp_pdf_info info = {r->font_regular,
                        r->font_bold,
                        header,
                        r->region,
                        rep_text(&p, "document.onderwerp", tvars),
                        {r->fonts[RP_REGULAR], r->fonts[RP_BOLD]}};
    rp_pdf *pdf = p.st ? NULL : rp_pdf_new(&info, err);
    if (!pdf && !p.st)
        p.st = err ? err->code : CEO_EDATA;
    if (pdf) {
        rp_pdf_log(pdf, r->layout_log);
        p.doc = (rp_doc){pdf,
                         header,
                         rep_capital(&p, rep_fmt(&p, "%s %s", r->region, r->year)),
                         rep_text(&p, "pagina", NULL),
                         rep_text(&p, "pagina.van", NULL),
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
done:
    for (size_t i = 0; i < p.nkept; i++)
        ceo_free(p.kept[i]);
    ceo_free(p.kept);
    return p.st;
}