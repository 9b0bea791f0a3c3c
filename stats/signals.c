/*
 * signals.c - groups that stand out for the worse, with a target group and research question
 * in Dutch.
 *
 * Tests use the rows' unweighted raw material (n, % negative, mean, sd) against the region
 * total of the same question, so "the rest" is the total minus the group: exact for counts,
 * and for marks the rest's mean and variance follow from the sums. Both directions enter the
 * Benjamini-Hochberg family, as they would in a two-sided analysis; only the worse direction
 * becomes a signal.
 */
#include "signals.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dist.h"

/* The group stats makes of respondents without a value; it is nobody to research. */

struct st_signals {
    st_signal *v;
    size_t n, cap;
};

void st_signals_free(st_signals *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        ceo_free(s->v[i].target);
        ceo_free(s->v[i].question);
    }
    ceo_free(s->v);
    ceo_free(s);
}

size_t st_signals_count(const st_signals *s)
{
    return s->n;
}

const st_signal *st_signals_at(const st_signals *s, size_t i)
{
    return &s->v[i];
}

static int is_number_item(const sv_item *it)
{
    return it->type == SV_T_CIJFER || it->type == SV_T_SCORE;
}

/* Items a signal can be about: the satisfaction items (statements, yes/no questions, marks,
 * scores; st_tested_item), never a background item. */
static const sv_item *signal_item(const sv_codebook *cb, const char *question)
{
    if (!*question || strchr(question, ':'))
        return NULL;
    int k = sv_codebook_find(cb, question);
    if (k < 0)
        return NULL;
    const sv_item *it = sv_codebook_item(cb, (size_t)k);
    return st_tested_item(it) ? it : NULL;
}

/* A provider answers for the HV module only: the other questions are about the gemeente and
 * the support in general, so groups of providers are searched on HV items and the HV theme
 * only. */
static int fits_dimension(const sv_codebook *cb, const st_row *r)
{
    if (!strstr(r->dimension, "aanbieder"))
        return 1;
    if (!*r->question)
        return strcmp(r->theme, "hv") == 0;
    int k = sv_codebook_find(cb, r->question);
    return k >= 0 && strcmp(sv_codebook_item(cb, (size_t)k)->section, "hv") == 0;
}

/* "Hulp bij het huishouden" -> "hulp bij het huishouden", but "WMO-loket" stays. */
static void lower_first(char *s)
{
    if (isupper((unsigned char)s[0]) && islower((unsigned char)s[1]))
        s[0] = (char)tolower((unsigned char)s[0]);
}

static int part_is(const char *part, size_t len, const char *name)
{
    return strlen(name) == len && strncmp(part, name, len) == 0;
}

/* The group in words. Dimensions and groups of a crossing are joined by '+' and " + ". */
static char *target_words(const sv_codebook *cb, const char *dim, const char *group)
{
    const char *dparts[2] = {dim, NULL}, *gparts[2] = {group, NULL};
    size_t dl[2] = {strlen(dim), 0}, gl[2] = {strlen(group), 0};
    int nparts = 1;
    const char *plus = strchr(dim, '+'), *gplus = strstr(group, " + ");
    if (plus) {
        if (!gplus || strstr(gplus + 3, " + "))
            return NULL; /* a group name with " + " in it: no safe split */
        dl[0] = (size_t)(plus - dim);
        dparts[1] = plus + 1;
        dl[1] = strlen(plus + 1);
        gl[0] = (size_t)(gplus - group);
        gparts[1] = gplus + 3;
        gl[1] = strlen(gplus + 3);
        nparts = 2;
    }
    char out[1024] = "";
    size_t o = 0;
    int provider = -1;
    for (int k = 0; k < nparts; k++)
        if (part_is(dparts[k], dl[k], "aanbieder"))
            provider = k;
    if (provider >= 0)
        o += (size_t)snprintf(out + o, sizeof out - o, "HV-cliënten van %.*s", (int)gl[provider],
                              gparts[provider]);
    else
        o += (size_t)snprintf(out + o, sizeof out - o, "cliënten");
    for (int k = 0; k < nparts && o < sizeof out; k++) {
        if (k == provider)
            continue;
        char g[512];
        snprintf(g, sizeof g, "%.*s", (int)gl[k], gparts[k]);
        if (part_is(dparts[k], dl[k], "gemeente")) {
            o += (size_t)snprintf(out + o, sizeof out - o, " in %s", g);
        } else if (part_is(dparts[k], dl[k], "voorziening")) {
            lower_first(g);
            o += (size_t)snprintf(out + o, sizeof out - o, " met %s", g);
        } else if (part_is(dparts[k], dl[k], "periode")) {
            o += (size_t)snprintf(out + o, sizeof out - o, " in %s", g);
        } else {
            char id[128];
            snprintf(id, sizeof id, "%.*s", (int)dl[k], dparts[k]);
            int it = sv_codebook_find(cb, id);
            char label[256];
            snprintf(label, sizeof label, "%s",
                     it >= 0 ? sv_codebook_item(cb, (size_t)it)->label : id);
            lower_first(label);
            o += (size_t)snprintf(out + o, sizeof out - o, " (%s: %s)", label, g);
        }
    }
    return ceo_strdup(out);
}

static char *research_question(const sv_codebook *cb, const st_rules *rules, const st_row *row,
                               const char *target)
{
    const char *id = *row->question ? row->question : row->theme;
    char *q = st_rules_question(rules, id, target);
    if (q)
        return q;
    char buf[1200];
    int k = *row->question ? sv_codebook_find(cb, row->question) : -1;
    if (k >= 0)
        snprintf(buf, sizeof buf, "Waarom zijn %s minder positief over '%s'?", target,
                 sv_codebook_item(cb, (size_t)k)->label);
    else
        snprintf(buf, sizeof buf, "Waarom zijn %s minder positief over het thema %s?", target,
                 row->theme);
    return ceo_strdup(buf);
}

static int order(const void *a, const void *b)
{
    const st_signal *x = a, *y = b;
    if (x->significant != y->significant)
        return x->significant ? -1 : 1;
    double kx = x->significant ? x->q : x->row->pct_positive;
    double ky = y->significant ? y->q : y->row->pct_positive;
    if (kx != ky)
        return kx < ky ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* The test of one row against the rest; candidates get p, test and their figures. */
static void test_row(const sv_item *it, const st_row *g, const st_row *all, st_signal *c)
{
    c->p = NAN;
    c->test = "";
    c->rest_n = all->n - g->n;
    if (is_number_item(it)) {
        c->value = g->mean;
        if (c->rest_n < 2 || g->n < 1)
            return;
        double sum = all->mean * (double)all->n - g->mean * (double)g->n;
        double ss_all =
            (double)(all->n - 1) * all->sd * all->sd + (double)all->n * all->mean * all->mean;
        double ss_g = g->n > 1 ? (double)(g->n - 1) * g->sd * g->sd : 0;
        ss_g += (double)g->n * g->mean * g->mean;
        double m = sum / (double)c->rest_n;
        double var = (ss_all - ss_g - (double)c->rest_n * m * m) / (double)(c->rest_n - 1);
        c->rest_value = m;
        c->p = st_welch_test(g->mean, g->n > 1 ? g->sd * g->sd : 0, g->n, m, var < 0 ? 0 : var,
                             c->rest_n, &c->test);
        return;
    }
    long x = lround(g->pct_negative * (double)g->n / 100.0);
    long X = lround(all->pct_negative * (double)all->n / 100.0);
    c->value = g->pct_negative;
    c->rest_value = c->rest_n > 0 ? 100.0 * (double)(X - x) / (double)c->rest_n : NAN;
    c->p = st_two_prop_test(x, g->n, X - x, c->rest_n, &c->test);
}

static int worse(const sv_item *it, const st_signal *c)
{
    return is_number_item(it) ? c->value < c->rest_value : c->value > c->rest_value;
}

/* Whether signal x is on a part of crossing signal c: the same question or theme, x's
 * dimension one part of c's, x's group the matching part of c's group. */
static int is_parent(const st_signal *x, const st_signal *c)
{
    const st_row *a = x->row, *b = c->row;
    if (strchr(a->dimension, '+') || strcmp(a->question, b->question) != 0 ||
        strcmp(a->theme, b->theme) != 0)
        return 0;
    const char *plus = strchr(b->dimension, '+'), *gplus = strstr(b->group, " + ");
    if (!plus || !gplus)
        return 0;
    size_t dl = strlen(a->dimension), gl = strlen(a->group);
    if (part_is(b->dimension, (size_t)(plus - b->dimension), a->dimension))
        return gl == (size_t)(gplus - b->group) && strncmp(b->group, a->group, gl) == 0;
    if (strlen(plus + 1) == dl && strcmp(plus + 1, a->dimension) == 0)
        return strcmp(gplus + 3, a->group) == 0;
    return 0;
}

/* A crossing that signals on a question where one of its parts signals too says nothing the
 * part does not ("Zorgkracht in Tiel" when Zorgkracht as a whole signals): it is left out, so
 * the list points at the group that explains the signal. */
static void fold_crossings(st_signals *s)
{
    size_t w = 0;
    for (size_t i = 0; i < s->n; i++) {
        int folded = 0;
        for (size_t j = 0; j < s->n && !folded; j++)
            folded = j != i && is_parent(&s->v[j], &s->v[i]);
        if (folded) {
            ceo_free(s->v[i].target);
            ceo_free(s->v[i].question);
        } else {
            s->v[w++] = s->v[i];
        }
    }
    s->n = w;
}

st_signals *st_signals_find(const st_result *res, const sv_codebook *cb, const st_rules *rules,
                            const st_signal_options *opt, ceo_error *err)
{
    st_signals *s = ceo_calloc(1, sizeof *s);
    size_t nrows = st_result_count(res);
    st_signal *cand = ceo_calloc(nrows ? nrows : 1, sizeof *cand);
    double *p = ceo_calloc(nrows ? nrows : 1, sizeof *p);
    size_t *scratch = ceo_calloc(nrows ? nrows : 1, sizeof *scratch);
    const st_row **total = ceo_calloc(sv_codebook_nitems(cb) + 1, sizeof *total);
    if (!s || !cand || !p || !scratch || !total)
        goto nomem;
    /* The region's row of each question; rows of totaal come first. */
    for (size_t i = 0; i < nrows; i++) {
        const st_row *r = st_result_row(res, i);
        if (strcmp(r->dimension, "totaal") != 0)
            break;
        int k = *r->question ? sv_codebook_find(cb, r->question) : -1;
        if (k >= 0)
            total[k] = r;
    }
    for (size_t i = 0; i < nrows; i++) {
        const st_row *r = st_result_row(res, i);
        st_signal *c = &cand[i];
        c->row = r;
        c->p = c->q = p[i] = NAN;
        c->test = "";
        if (strcmp(r->dimension, "totaal") == 0 || r->suppressed || r->n <= 0 ||
            strstr(r->group, ST_UNKNOWN_GROUP) || !fits_dimension(cb, r))
            continue;
        if (!*r->question) {
            c->below_threshold =
                *r->theme && !isnan(opt->min_positive) && r->pct_positive < opt->min_positive;
            continue;
        }
        const sv_item *it = signal_item(cb, r->question);
        const st_row *all = it ? total[sv_codebook_find(cb, r->question)] : NULL;
        if (!all)
            continue;
        test_row(it, r, all, c);
        p[i] = c->p;
        c->below_threshold = it->type == SV_T_LIKERT && !isnan(opt->min_positive) &&
                             r->pct_positive < opt->min_positive;
    }
    st_bh_adjust(p, p, nrows, scratch);
    for (size_t i = 0; i < nrows; i++) {
        st_signal *c = &cand[i];
        c->q = p[i];
        if (!isnan(c->q) && c->q < opt->alpha) {
            const sv_item *it = signal_item(cb, c->row->question);
            c->significant = it && worse(it, c);
        }
        if (!c->significant && !c->below_threshold)
            continue;
        if (ceo_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v))
            goto nomem;
        st_signal *out = &s->v[s->n++];
        *out = *c;
        out->target = target_words(cb, c->row->dimension, c->row->group);
        if (!out->target) {
            char buf[600];
            snprintf(buf, sizeof buf, "cliënten in de groep %s", c->row->group);
            out->target = ceo_strdup(buf);
        }
        out->question = out->target ? research_question(cb, rules, c->row, out->target) : NULL;
        if (!out->target || !out->question)
            goto nomem;
    }
    fold_crossings(s);
    if (s->n > 1)
        qsort(s->v, s->n, sizeof *s->v, order);
    ceo_free(cand);
    ceo_free(p);
    ceo_free(scratch);
    ceo_free(total);
    return s;
nomem:
    ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    ceo_free(cand);
    ceo_free(p);
    ceo_free(scratch);
    ceo_free(total);
    st_signals_free(s);
    return NULL;
}
