/*
 * run.c - one run of the reports of a kind: the kind table, the figures computed once (with
 * the trend on a second thread), every report drawn on a pool of threads into a temporary
 * file, all of them put in place together at the end.
 */
#include "run.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../stats/flag.h"
#include "../stats/invited.h"
#include "comments.h"
#include "../stats/signals.h"
#include "../survey/values.h"
#include "../base/output.h"
#include "period.h"
#include "weighting.h"
#include "../stats/prevcsv.h"
#include "compare.h"

/* What each kind of report is. A provider's report shows its own trend only (the rows of one
 * dimension do not depend on the others: suppression is per dimension, and the trend shows no
 * tests) and the HV theme only; the others draw every theme. */
static const rp_kind_desc kinds[] = {
    {"gemeente", &rp_plan_gemeente,
     "gemeente,aanbieder,voorziening,gemeente+aanbieder,gemeente+voorziening", NULL,
     "periode,gemeente+periode,aanbieder+periode", NULL, "gemeente", 1, 0},
    {"regio", &rp_plan_regio,
     "gemeente,aanbieder,voorziening,gemeente+aanbieder,gemeente+voorziening", NULL,
     "periode,gemeente+periode,aanbieder+periode", NULL, NULL, 0, 0},
    {"aanbieder", &rp_plan_aanbieder,
     "gemeente,aanbieder,voorziening,gemeente+aanbieder,voorziening+aanbieder", "aanbieder",
     "periode,aanbieder+periode", "hv", "aanbieder", 0, 1},
    {"contract", &rp_plan_contract, "aanbieder,voorziening,voorziening+aanbieder",
     "aanbieder,voorziening", NULL, NULL, NULL, 0, 0},
};

const rp_kind_desc *rp_kind_find(const char *name)
{
    for (size_t i = 0; name && i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i].name, name) == 0)
            return &kinds[i];
    return NULL;
}

/* A file name stays well below NAME_MAX (255 bytes) with the kind, a suffix, ".pdf" and the
 * temporary file's own additions around it. */
enum { SLUG_MAX = 100 };

/* Characters that show nothing (zero-width space and joiners, marks of direction, word joiner,
 * byte order mark, soft hyphen): a name with one is the same name to the reader, so it gets
 * the same file name part. Returns the length of the one at s, or 0. */
static size_t invisible_at(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == 0xC2 && u[1] == 0xAD)
        return 2;
    if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return 3;
    if (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x8B && u[2] <= 0x8F)
        return 3;
    if (u[0] == 0xE2 && u[1] == 0x81 && u[2] >= 0xA0 && u[2] <= 0xA4)
        return 3;
    return 0;
}

/* A file name part: lower-case ASCII letters and digits, other runs as one '-', invisible
 * characters left out, at most size - 1 (and SLUG_MAX) bytes; plain ASCII, so a cut never
 * splits a character. */
static void slug(char *out, size_t size, const char *name)
{
    static const char *const from[] = {"\xC3\xA1", "\xC3\xA0", "\xC3\xA2", "\xC3\xA4", "\xC3\xA9",
                                       "\xC3\xA8", "\xC3\xAA", "\xC3\xAB", "\xC3\xAD", "\xC3\xAF",
                                       "\xC3\xAE", "\xC3\xB3", "\xC3\xB6", "\xC3\xB4", "\xC3\xBA",
                                       "\xC3\xBC", "\xC3\xBB", "\xC3\xA7", "\xC3\xB1", "\xC3\x81",
                                       "\xC3\x89", "\xC3\x9A", "\xC3\x96"};
    static const char to[] = "aaaaeeeeiiiooouuucnaeuo";
    if (size > SLUG_MAX + 1)
        size = SLUG_MAX + 1;
    size_t o = 0;
    int dash = 0;
    for (const char *s = name; *s && o + 2 < size;) {
        size_t skip = invisible_at(s);
        if (skip) {
            s += skip;
            continue;
        }
        char c = 0;
        for (size_t k = 0; k < sizeof from / sizeof from[0]; k++)
            if (strncmp(s, from[k], 2) == 0) {
                c = to[k];
                s += 2;
                break;
            }
        if (!c) {
            c = *s++;
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
                c = 0;
        }
        if (!c) {
            dash = o > 0;
            continue;
        }
        if (dash)
            out[o++] = '-';
        dash = 0;
        out[o++] = c;
    }
    if (!o)
        out[o++] = 'x';
    out[o] = '\0';
}

/* The file name parts of n groups, one per group and no two alike: names that differ only
 * in accents, punctuation or invisible characters ("Tiel", "Tiël") get the suffix -2,
 * -3, ... in the order of the groups, so every report has a file of its own. */
static void unique_slugs(char (*out)[SLUG_MAX + 1], const char *const *groups, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char base[SLUG_MAX + 1];
        slug(base, sizeof base, groups[i]);
        snprintf(out[i], sizeof out[i], "%s", base);
        for (unsigned k = 2;; k++) {
            size_t j = 0;
            while (j < i && strcmp(out[j], out[i]) != 0)
                j++;
            if (j == i)
                break;
            char suffix[16];
            int sl = snprintf(suffix, sizeof suffix, "-%u", k);
            size_t keep = strlen(base);
            if (keep + (size_t)sl > SLUG_MAX)
                keep = SLUG_MAX - (size_t)sl;
            snprintf(out[i], sizeof out[i], "%.*s%s", (int)keep, base, suffix);
        }
    }
}

static int parse_colour(const char *s, rp_rgb *c)
{
    if (!s || s[0] != '#' || strlen(s) != 7 || strspn(s + 1, "0123456789abcdefABCDEF") != 6)
        return -1;
    unsigned long v = strtoul(s + 1, NULL, 16);
    c->r = (double)((v >> 16) & 0xFF) / 255;
    c->g = (double)((v >> 8) & 0xFF) / 255;
    c->b = (double)(v & 0xFF) / 255;
    return 0;
}

/* Everything one run reads and computes, freed together. */
typedef struct {
    const rp_run_options *o;
    const rp_run_hooks *h;
    sv_table *t, *prev;
    st_result *res, *trend;
    st_rules *rules;
    st_signals *sig;
    st_vws *vws;
    rp_texts *texts;
    rp_redactor *red;
    sv_wordlist *words;
    rp_remarks *remarks;   /* the rows with a remark per provider */
    ceo_out *log;          /* the layout log, replaced whole like every output */
    rp_font *fonts[2];     /* read once for all reports */
    rp_weights weights;    /* [weging] methode */
    st_sample *sample;     /* respondents against [weging] populatie, or NULL */
    char year[32];         /* the years answered, when the project file names none */
    char period[64];       /* the months answered, in Dutch */
    st_invited *invited;   /* [uitgezet] bestand, or NULL */
    st_response *resp;     /* the response per gemeente and voorziening, or NULL */
    char themes[512];      /* the codebook's themes, comma-joined, for the trend */
    rp_bench *bench;       /* [benchmark] bestand, or NULL */
    char full[1024];       /* the quarters covered whole (rp_full_quarters) */
    rp_approved *approved; /* the remarks a person approved for quoting, or NULL */
} run_state;

/* The codebook's themes joined by commas into buf, or NULL (every question) when they do not
 * fit. */
static const char *themes_of(const sv_codebook *cb, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sv_codebook_nitems(cb); i++) {
        const char *t = sv_codebook_item(cb, i)->theme;
        size_t n = strlen(t);
        if (!n)
            continue;
        if (len && ceo_list_has(buf, t, n))
            continue;
        if (len + n + 2 > size)
            return NULL;
        if (len)
            buf[len++] = ',';
        memcpy(buf + len, t, n + 1);
        len += n;
    }
    return buf;
}

/* Frees s and puts the layout log in place; returns its status (err set on failure). */
static ceo_status run_free(run_state *s, ceo_error *err)
{
    ceo_status st = CEO_OK;
    st_signals_free(s->sig);
    st_sample_free(s->sample);
    st_rules_free(s->rules);
    st_result_free(s->trend);
    st_result_free(s->res);
    st_vws_free(s->vws);
    st_response_free(s->resp);
    st_invited_free(s->invited);
    rp_texts_free(s->texts);
    rp_bench_free(s->bench);
    rp_redactor_free(s->red);
    sv_wordlist_free(s->words);
    rp_remarks_free(s->remarks);
    rp_approved_free(s->approved);
    rp_font_free(s->fonts[0]);
    rp_font_free(s->fonts[1]);
    sv_table_free(s->prev);
    sv_table_free(s->t);
    rp_weights_free(&s->weights);
    if (s->log)
        st = ceo_out_commit(s->log, err);
    return st;
}

/* The dimensions of by the table has columns for (those of needed in any case); the others
 * left out with one warning when warn. */
static const char *own_dims(const run_state *s, const char *by, const char *needed, char *buf,
                            size_t size, int warn)
{
    /* A role that is needed and missing: the run stops at it, with st_compute's message. */
    const sv_codebook *cb = sv_table_codebook(s->t);
    for (const char *r = needed; r && *r;) {
        const char *e = strchr(r, ',');
        char role[64];
        snprintf(role, sizeof role, "%.*s", (int)(e ? (size_t)(e - r) : strlen(r)), r);
        int item = sv_codebook_find(cb, role);
        if (item >= 0 && !sv_table_has(s->t, item))
            return by;
        r = e ? e + 1 : NULL;
    }
    char left[256];
    const char *dims = st_dims_present(s->t, by, needed, buf, size, left, sizeof left);
    if (!dims)
        return by;
    if (warn && *left)
        s->h->warn(s->h->ctx, RP_WARN_LEFT_OUT, left);
    return dims;
}

typedef struct {
    const sv_table *t;
    st_options opt;
    st_result *res; /* NULL with err set on failure */
    ceo_error err;
} trend_job;

static void *trend_main(void *arg)
{
    trend_job *j = arg;
    j->res = st_compute(j->t, &j->opt, &j->err);
    return NULL;
}

/* The settings of the reports from the project file. */
static void settings(const rp_run_options *o, const rp_run_hooks *h, rp_report *r)
{
    const sv_project *proj = o->proj;
    r->region = proj && sv_project_get(proj, "regio", "naam")
                    ? sv_project_get(proj, "regio", "naam")
                    : "de regio";
    r->year =
        proj && sv_project_get(proj, "regio", "jaar") ? sv_project_get(proj, "regio", "jaar") : "";
    r->min_n = st_min_n(proj, o->min_n);
    r->indicative_n = st_indicative_n(proj);
    r->font_regular = sv_project_path(proj, "rapport", "lettertype");
    r->font_bold = sv_project_path(proj, "rapport", "lettertype_vet");
    if (!r->font_regular)
        r->font_regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    if (!r->font_bold)
        r->font_bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    r->logo = sv_project_path(proj, "rapport", "logo");
    r->accent = (rp_rgb){0.122, 0.306, 0.475};
    const char *colour = sv_project_get(proj, "rapport", "kleur");
    if (colour && parse_colour(colour, &r->accent) != 0)
        h->warn(h->ctx, RP_WARN_COLOUR, colour);
}

/* The period of the answers and the response over its months: a report over a store names its
 * months, never one year for pooled years; the invited counts are those of the window asked. */
static ceo_status period(run_state *s, rp_report *r, ceo_error *err)
{
    const rp_run_options *o = s->o;
    int first, last, from, to;
    rp_data_months(s->t, o->cb, &first, &last);
    rp_period_label(s->period, sizeof s->period, first, last);
    r->period = s->period;
    if (o->store && first)
        r->year = s->period;
    int kg = sv_codebook_find(o->cb, "gemeente");
    /* no gemeenten: no response per gemeente; a provider's report shows none */
    if (kg < 0 || !sv_table_has(s->t, kg) || o->kind->plan == &rp_plan_aanbieder)
        return CEO_OK;
    const char *path = sv_project_path(o->proj, "uitgezet", "bestand");
    if (path && !(s->invited = st_invited_load(path, err)))
        return err->code;
    rp_period_months(o->store ? o->from : 0, o->store ? o->to : 0, o->store ? o->rolling : 0, first,
                     last, &from, &to);
    int window = o->store && (o->from || o->to || o->rolling);
    if (!(s->resp = st_response_new(s->t, o->cb, s->invited, from, to, window, r->min_n, err)))
        return err->code;
    r->response = s->resp;
    const st_response_row *all = st_response_find(s->resp, NULL, NULL);
    if (all && all->state == ST_RESP_YEARLY)
        s->h->warn(s->h->ctx, RP_WARN_PER_YEAR, path);
    return CEO_OK;
}

/* Reads and computes everything the reports need. */
static ceo_status prepare(run_state *s, rp_report *r, rp_run_result *out, ceo_error *err)
{
    const rp_run_options *o = s->o;
    const rp_kind_desc *k = o->kind;
    const sv_codebook *cb = o->cb;
    const sv_project *proj = o->proj;
    if (!(s->t = sv_table_new(cb, 0, err)))
        return err->code;
    /* A provider's report quotes the open remarks, and no other text. */
    int ko = sv_codebook_find(cb, "opmerkingen");
    if (k->remarks && ko >= 0)
        (void)sv_table_keep_text(s->t, ko);
    /* the reviewed comments file names its answers by respondent_id (comments.h) */
    int kr = sv_codebook_find(cb, "respondent_id");
    if (k->remarks && o->comments && kr >= 0)
        (void)sv_table_keep_text(s->t, kr);
    if (s->h->read(s->h->ctx, s->t, 0) != 0) {
        out->read_failed = 1;
        return CEO_EIO;
    }
    if (o->compare) {
        if (!(s->prev = sv_table_new(cb, 0, err)))
            return err->code;
        if (s->h->read(s->h->ctx, s->prev, 1) != 0) {
            out->read_failed = 1;
            return CEO_EIO;
        }
    }
    const char *texts = sv_project_path(proj, "rapport", "teksten");
    if (!(s->texts = rp_texts_load(texts ? texts : o->texts, err)))
        return err->code;

    /* Without an aanbieder or voorziening column, the figures per provider or voorziening are
     * left out, with one warning; a provider's report needs its provider. */
    char dims[256], trend_dims[256];
    st_options so = {0};
    so.by = own_dims(s, k->dims, k->needs, dims, sizeof dims, 1);
    so.min_n = r->min_n;
    so.indicative_n = st_indicative_n(proj);
    so.total_label = r->region;
    so.compare = s->prev;
    ceo_status wst = rp_weights_setup(proj, s->t, &so, &s->weights, err);
    if (wst != CEO_OK)
        return wst;
    if (s->weights.empty)
        s->h->warn(s->h->ctx, RP_WARN_POPULATION, sv_project_path(proj, "weging", "populatie"));
    const char *pop = sv_project_path(proj, "weging", "populatie");
    int kv = sv_codebook_find(cb, "voorziening");
    if (pop && kv >= 0 && sv_table_has(s->t, kv) &&
        !(s->sample = st_sample_new(s->t, pop, r->min_n, err)))
        return err->code;
    so.compare_rows = s->prev ? NULL : o->compare_rows;
    char lacking[512];
    if (so.compare_rows && *st_prev_missing_dims(so.compare_rows, so.by, lacking, sizeof lacking))
        s->h->warn(s->h->ctx, RP_WARN_COMPARE, lacking);
    const char *bench = sv_project_path(proj, "benchmark", "bestand");
    if (bench && !(s->bench = rp_bench_load(bench, cb, sv_project_get(proj, "benchmark", "naam"),
                                            sv_project_get(proj, "benchmark", "jaar"), err)))
        return err->code;
    int kd = sv_codebook_find(cb, "datum");
    /* The trend per quarter, on a second thread while this one computes the figures. */
    trend_job tj = {s->t, so, NULL, {0}};
    int has_trend = kd >= 0 && sv_table_has(s->t, kd), trend_thread = 0;
    pthread_t tid;
    if (has_trend) {
        tj.opt.by = own_dims(s, k->trend_dims, k->needs, trend_dims, sizeof trend_dims, 0);
        tj.opt.period = ST_PERIOD_QUARTER;
        tj.opt.compare = NULL;
        tj.opt.compare_rows = NULL;
        /* The trend draws theme rows only; the questions of no theme (marks, background) are
         * not counted per quarter. */
        tj.opt.themes =
            k->trend_themes ? k->trend_themes : themes_of(cb, s->themes, sizeof s->themes);
        ceo_error_clear(&tj.err);
        trend_thread = !ceo_alloc_failing() && pthread_create(&tid, NULL, trend_main, &tj) == 0;
    }
    s->res = st_compute(s->t, &so, err);
    if (trend_thread)
        pthread_join(tid, NULL);
    else if (has_trend && s->res)
        trend_main(&tj);
    s->trend = tj.res;
    if (!s->res) {
        st_dim_missing(s->t, so.by, out->missing, sizeof out->missing);
        return err->code;
    }
    if (has_trend && !s->trend) {
        *err = tj.err;
        return err->code;
    }
    if (!*r->year && has_trend) {
        /* The years answered, as the VWS export's berekend:jaar gives them: "2025", or
         * "2024–2025" for a rolling twelve months across the turn of the year. */
        const int64_t *dates = sv_table_dates(s->t, kd);
        int64_t first = SV_MISSING_DATE, last = SV_MISSING_DATE;
        for (size_t i = 0, n = sv_table_rows(s->t); dates && i < n; i++) {
            if (dates[i] == SV_MISSING_DATE)
                continue;
            if (first == SV_MISSING_DATE || dates[i] < first)
                first = dates[i];
            if (last == SV_MISSING_DATE || dates[i] > last)
                last = dates[i];
        }
        if (last != SV_MISSING_DATE) {
            (void)st_vws_years(s->year, sizeof s->year, first, last);
            r->year = s->year;
        }
    }
    if (period(s, r, err) != CEO_OK)
        return err->code;
    ceo_error local;
    ceo_error_clear(&local);
    if ((s->rules = st_rules_load(cb, &local))) {
        long thr = sv_project_int(proj, "signalen", "min_positief", -1);
        st_signal_options sig = {0.05, thr >= 0 ? (double)thr : NAN};
        if (!(s->sig = st_signals_find(s->res, cb, s->rules, &sig, err)))
            return err->code;
    } else if (local.code == CEO_ENOMEM) {
        *err = local;
        return err->code;
    } else {
        s->h->warn(s->h->ctx, RP_WARN_NO_SIGNALS, local.message);
    }
    if (k->vws) {
        const char *sp = sv_project_path(proj, "vws", "velden");
        if (!(s->vws = st_vws_new(s->t, proj, sp ? sp : o->vws_schema, err)) ||
            st_vws_fill(s->vws, s->res, err) != CEO_OK)
            return err->code;
        /* what the accounting appendix lacks, said once per run as `ceo export vws` says it */
        for (size_t i = 0; i < st_vws_nwarnings(s->vws); i++)
            s->h->warn(s->h->ctx, RP_WARN_VWS, st_vws_warning(s->vws, i));
    }
    ceo_error_clear(err);
    if (k->remarks && !(s->remarks = rp_remarks_new(s->t, cb, err)) && err->code)
        return err->code;
    if (k->remarks && (!(s->words = sv_wordlist_load(o->wordlist, err)) ||
                       !(s->red = rp_redactor_new(s->words, err))))
        return err->code;
    if (k->remarks && o->comments && !(s->approved = rp_approved_load(o->comments, s->t, err)))
        return err->code;
    if (o->layout_log && !(s->log = ceo_out_open(o->layout_log, err)))
        return err->code;
    /* the HTML edition uses the reader's own fonts */
    if ((!o->formats || (o->formats & RP_OUT_PDF)) &&
        (!(s->fonts[RP_REGULAR] = rp_font_read(r->font_regular, err)) ||
         !(s->fonts[RP_BOLD] = rp_font_read(r->font_bold, err))))
        return err->code;
    r->table = s->t;
    r->cb = cb;
    r->texts = s->texts;
    r->res = s->res;
    r->trend = s->trend;
    r->signals = s->sig;
    r->vws = s->vws;
    r->redactor = s->red;
    r->remarks = s->remarks;
    r->weighting = s->weights.how;
    r->sample = s->sample;
    r->fieldwork = sv_project_get(proj, "vws", "methode");
    r->has_compare = s->prev != NULL || o->compare_rows != NULL;
    r->bench = s->bench;
    if (has_trend)
        r->full_periods = rp_full_quarters(s->t, kd, s->full, sizeof s->full);
    r->approved = s->approved ? rp_approved_rows(s->approved) : NULL;
    r->layout_log = s->log ? ceo_out_file(s->log) : NULL;
    r->fonts[RP_REGULAR] = s->fonts[RP_REGULAR];
    r->fonts[RP_BOLD] = s->fonts[RP_BOLD];
    return CEO_OK;
}

/* The reports of one run, drawn by one or more threads. Reports are handed out in order; the
 * first that fails stops the handing out, and as every report before it was handed out
 * earlier and is finished, the error returned is always that of the first failing report. */
typedef struct {
    const rp_run_options *o;
    const rp_run_hooks *h;
    const char *const *groups;
    char (*names)[SLUG_MAX + 1]; /* per report: its file name part (unique_slugs) */
    size_t n;
    rp_format formats[2]; /* the files of each report */
    size_t nf;
    ceo_out **outs;  /* per report and format (i * nf + f): its temporary file, or NULL */
    ceo_error *errs; /* per report */
    long *overflows; /* per report */
    unsigned char *done;
    size_t next; /* the next report to hand out */
    int stop;    /* a report failed */
    pthread_mutex_t mu;
    pthread_cond_t changed;
} render_run;

typedef struct {
    render_run *run;
    rp_report r; /* a copy with this thread's own redactor */
} render_worker;

static void report_path(const render_run *run, size_t i, rp_format f, char *path, size_t size)
{
    snprintf(path, size, "%s/%s%s%s.%s", run->o->out_dir ? run->o->out_dir : ".",
             run->o->kind->name, run->names[i][0] ? "-" : "", run->names[i],
             f == RP_FORMAT_HTML ? "html" : "pdf");
}

/* Draws report i into its temporary files, one per format; 0 or -1 with run->errs[i] set. */
static int render_one(render_run *run, const rp_report *r, size_t i)
{
    ceo_error *err = &run->errs[i];
    for (size_t f = 0; f < run->nf; f++) {
        char path[4096];
        rp_report rf = *r;
        rf.format = run->formats[f];
        if (rf.format != RP_FORMAT_PDF)
            rf.layout_log = NULL; /* strings are placed in the PDF only */
        ceo_out **out = &run->outs[i * run->nf + f];
        long overflows = 0;
        report_path(run, i, rf.format, path, sizeof path);
        if (rf.layout_log)
            fprintf(rf.layout_log, "# %s\n", path);
        if (!(*out = ceo_out_open(path, err)) ||
            rp_report_write(&rf, run->o->kind->plan, run->groups[i], ceo_out_file(*out), &overflows,
                            err) != CEO_OK ||
            ceo_out_sync(*out, err) != CEO_OK) {
            if (!err->path[0]) { /* the writer knows the stream, not its name */
                size_t len = strnlen(path, sizeof err->path - 1);
                memcpy(err->path, path, len);
                err->path[len] = '\0';
            }
            return -1;
        }
        run->overflows[i] += overflows;
    }
    return 0;
}

static void *render_worker_main(void *arg)
{
    render_worker *w = arg;
    render_run *run = w->run;
    for (;;) {
        pthread_mutex_lock(&run->mu);
        size_t i = run->next;
        if (run->stop || i >= run->n) {
            pthread_mutex_unlock(&run->mu);
            return NULL;
        }
        run->next++;
        pthread_mutex_unlock(&run->mu);
        int failed = render_one(run, &w->r, i) != 0;
        pthread_mutex_lock(&run->mu);
        run->done[i] = 1;
        if (failed)
            run->stop = 1;
        pthread_cond_broadcast(&run->changed);
        pthread_mutex_unlock(&run->mu);
    }
}

/* How many threads draw the reports: one per processor, at most 8 and at most one per report;
 * one when strings are logged (the log keeps the order of the reports) and while a test makes
 * allocations fail (the same allocation must fail in every run). */
static size_t render_threads(const rp_report *r, size_t reports)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n = cpus > 1 ? (size_t)cpus : 1;
    if (n > 8)
        n = 8;
    if (n > reports)
        n = reports;
    if (r->layout_log || ceo_alloc_failing())
        n = 1;
    return n ? n : 1;
}

static void show_progress(const render_run *run, size_t i)
{
    if (run->h->progress)
        run->h->progress(run->h->ctx, i, run->n, run->groups[i]);
}

/* Draws every report; the status of the first failure. */
static ceo_status render_all(render_run *run, const rp_report *r, ceo_error *err)
{
    size_t nthreads = render_threads(r, run->n), started = 0;
    pthread_t *tids = ceo_calloc(nthreads, sizeof *tids);
    render_worker *workers = ceo_calloc(nthreads, sizeof *workers);
    ceo_status st = CEO_OK;
    if (!tids || !workers) {
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    for (size_t k = 0; k < nthreads; k++) {
        workers[k].run = run;
        workers[k].r = *r;
        workers[k].r.redactor = k == 0 ? r->redactor : NULL;
    }
    /* A redactor is not safe to share between threads: every extra thread has its own. */
    for (size_t k = 1; r->redactor && k < nthreads; k++) {
        ceo_error e;
        ceo_error_clear(&e);
        if (!(workers[k].r.redactor = rp_redactor_new(rp_redactor_words(r->redactor), &e))) {
            if (e.code != CEO_ENOMEM) {
                *err = e;
                st = e.code;
                goto out;
            }
            nthreads = k; /* fewer threads */
        }
    }
    for (size_t k = 0; nthreads > 1 && k < nthreads; k++) {
        if (pthread_create(&tids[k], NULL, render_worker_main, &workers[k]) != 0)
            break;
        started = k + 1;
    }
    if (nthreads == 1 || started == 0) {
        /* On this thread, in order (also when no thread could be started). */
        for (size_t i = 0; i < run->n; i++) {
            show_progress(run, i);
            run->done[i] = 1;
            if (render_one(run, &workers[0].r, i) != 0)
                break;
        }
    } else {
        /* Progress in the order of the reports, whichever thread finishes them. */
        pthread_mutex_lock(&run->mu);
        for (size_t i = 0; i < run->n; i++) {
            while (!run->done[i] && !(run->stop && i >= run->next))
                pthread_cond_wait(&run->changed, &run->mu);
            if (!run->done[i])
                break;
            show_progress(run, i);
        }
        pthread_mutex_unlock(&run->mu);
        for (size_t k = 0; k < started; k++)
            pthread_join(tids[k], NULL);
    }
    /* the first failure: every report before it was finished */
    for (size_t i = 0; i < run->n && st == CEO_OK; i++)
        if (run->done[i] && run->errs[i].code != CEO_OK) {
            *err = run->errs[i];
            st = err->code;
        }
out:
    for (size_t k = 1; workers && k < nthreads; k++)
        rp_redactor_free(workers[k].r.redactor);
    ceo_free(workers);
    ceo_free(tids);
    return st;
}

/* Draws the reports of the chosen groups and puts them in place. */
static ceo_status write_reports(const rp_run_options *o, const rp_run_hooks *h, const rp_report *r,
                                rp_run_result *out, ceo_error *err)
{
    static const char *groups[4096];
    size_t n = 1;
    if (!o->kind->groups)
        groups[0] = r->region;
    else
        n = rp_report_groups(r->res, o->kind->groups, groups, 4096);
    size_t chosen = 0;
    for (size_t i = 0; i < n; i++)
        if (!o->kind->groups || (strcmp(groups[i], ST_UNKNOWN_GROUP) != 0 &&
                                 (!o->only || strcmp(groups[i], o->only) == 0)))
            groups[chosen++] = groups[i];
    if (!chosen)
        return ceo_error_set(err, CEO_EDATA, NULL, 0, 0, "%s",
                             o->only
                                 ? "no gemeente or provider of that name in the exports"
                                 : "the exports have no column for the groups of these reports");
    render_run run = {.o = o, .h = h, .groups = groups, .n = chosen};
    if (!o->formats || (o->formats & RP_OUT_PDF))
        run.formats[run.nf++] = RP_FORMAT_PDF;
    if (o->formats & RP_OUT_HTML)
        run.formats[run.nf++] = RP_FORMAT_HTML;
    pthread_mutex_init(&run.mu, NULL);
    pthread_cond_init(&run.changed, NULL);
    run.outs = ceo_calloc(chosen * run.nf, sizeof *run.outs);
    run.errs = ceo_calloc(chosen, sizeof *run.errs);
    run.overflows = ceo_calloc(chosen, sizeof *run.overflows);
    run.done = ceo_calloc(chosen, sizeof *run.done);
    run.names = ceo_calloc(chosen, sizeof *run.names);
    ceo_status st = CEO_OK;
    if (!run.outs || !run.errs || !run.overflows || !run.done || !run.names) {
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    } else {
        unique_slugs(run.names, groups, chosen);
        /* the region without a name of its own ("de regio"): regio.pdf */
        if (!o->kind->groups && !sv_project_get(o->proj, "regio", "naam"))
            run.names[0][0] = '\0';
        st = render_all(&run, r, err);
    }
    long overflows = 0;
    for (size_t i = 0; run.outs && i < chosen; i++) {
        for (size_t f = 0; f < run.nf; f++)
            if (st != CEO_OK)
                ceo_out_abort(run.outs[i * run.nf + f]);
            else
                st = ceo_out_commit(run.outs[i * run.nf + f], err);
        if (run.overflows)
            overflows += run.overflows[i];
    }
    ceo_free(run.outs);
    ceo_free(run.errs);
    ceo_free(run.overflows);
    ceo_free(run.done);
    ceo_free(run.names);
    pthread_mutex_destroy(&run.mu);
    pthread_cond_destroy(&run.changed);
    if (st == CEO_OK) {
        out->reports = chosen;
        out->overflows = overflows;
    }
    return st;
}

ceo_status rp_run(const rp_run_options *o, const rp_run_hooks *h, rp_run_result *out,
                  ceo_error *err)
{
    memset(out, 0, sizeof *out);
    rp_report r = {0};
    settings(o, h, &r);
    run_state s = {.o = o, .h = h};
    ceo_status st = prepare(&s, &r, out, err);
    if (st == CEO_OK)
        st = write_reports(o, h, &r, out, err);
    /* The layout log is put in place whatever happened; its own failure counts when the run
     * succeeded. */
    ceo_error log_err;
    ceo_error_clear(&log_err);
    if (run_free(&s, &log_err) != CEO_OK && st == CEO_OK) {
        *err = log_err;
        st = err->code;
    }
    return st;
}
