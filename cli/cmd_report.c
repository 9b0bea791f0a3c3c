/*
 * cmd_report.c - `ceo report`: the PDF reports per gemeente, for the region, per provider.
 *
 * The figures are computed once for all reports of a run; each PDF goes to a temporary file
 * and all of them are put in place together at the end, so a failed run leaves earlier
 * reports as they were.
 */
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../report/output.h"
#include "../report/report.h"
#include "../stats/flag.h"
#include "../stats/signals.h"
#include "../survey/values.h"
#include "cli.h"

/* clang-format off */
static const char help[] =
    "usage: ceo report --kind gemeente|regio|aanbieder [-c DIR] [--config FILE]\n"
    "                  [--out-dir DIR] [--only NAME] [--compare FILE] [--min-n N] FILE...\n"
    "\n"
    "Writes the PDF reports of the survey, in Dutch:\n"
    "  gemeente   one per municipality, the report it publishes and accounts for to VWS:\n"
    "             the three themes against the region (and last year with --compare), the\n"
    "             accounting section, per theme the statements as charts and tables, the\n"
    "             home-care (HV) chapter, the trend, the signals, and the VWS data as an\n"
    "             appendix (gemeente-NAME.pdf)\n"
    "  regio      the region's overview: the municipalities side by side, the providers,\n"
    "             the trend, the signals and the method (regio-NAME.pdf)\n"
    "  aanbieder  one per home-care provider: its scores against the region per question\n"
    "             and per municipality, the mark and NPS with intervals, the trend and its\n"
    "             clients' open comments, redacted (aanbieder-NAME.pdf)\n"
    "\n"
    "Groups below the minimum n are never shown; a provider below it gets a report that\n"
    "says so. The texts come from templates/report/nl/teksten.txt (or [rapport] teksten in\n"
    "the project file); title colour, logo and fonts from [rapport] in the project file.\n"
    "\n"
    "options:\n"
    "      --kind KIND       gemeente, regio or aanbieder (required)\n"
    "  -c, --codebook DIR    the codebook folder (default: the standard CEO Wmo codebook)\n"
    "      --config FILE     the survey project file (region name, year, thresholds, texts)\n"
    "      --out-dir DIR     where the PDFs go (default: the current folder)\n"
    "      --only NAME       only the report of this gemeente or provider\n"
    "      --compare FILE    last year's export, for the comparison with the previous year\n"
    "      --min-n N         suppress groups below N (default 10, or the project file's)\n"
    "      --layout-log FILE write every string placed with its box (for layout tests)\n"
    CLI_SOURCE_HELP
    "  -h, --help            show this help\n"
    "\n"
    "exit status: 0 ok; 1 a file could not be read or written; 2 bad usage.\n";
/* clang-format on */

typedef struct {
    const char *kind, *dir, *config, *out_dir, *only, *compare, *layout_log;
    long min_n;
    cli_source src;
} report_args;

static int parse_args(int argc, char **argv, report_args *a)
{
    enum { O_KIND = 256, O_CONFIG, O_OUT_DIR, O_ONLY, O_COMPARE, O_MIN_N, O_LOG };
    static const struct option longopts[] = {{"kind", required_argument, NULL, O_KIND},
                                             {"codebook", required_argument, NULL, 'c'},
                                             {"config", required_argument, NULL, O_CONFIG},
                                             {"out-dir", required_argument, NULL, O_OUT_DIR},
                                             {"only", required_argument, NULL, O_ONLY},
                                             {"compare", required_argument, NULL, O_COMPARE},
                                             {"min-n", required_argument, NULL, O_MIN_N},
                                             {"layout-log", required_argument, NULL, O_LOG},
                                             {"help", no_argument, NULL, 'h'},
                                             CLI_SOURCE_OPTIONS,
                                             {NULL, 0, NULL, 0}};
    int opt;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, ":c:h", longopts, NULL)) != -1) {
        int srcopt = cli_source_option("report", opt, optarg, &a->src);
        if (srcopt < 0)
            return CLI_EUSAGE;
        if (srcopt)
            continue;
        switch (opt) {
        case O_KIND:
            a->kind = optarg;
            break;
        case 'c':
            a->dir = optarg;
            break;
        case O_CONFIG:
            a->config = optarg;
            break;
        case O_OUT_DIR:
            a->out_dir = optarg;
            break;
        case O_ONLY:
            a->only = optarg;
            break;
        case O_COMPARE:
            a->compare = optarg;
            break;
        case O_LOG:
            a->layout_log = optarg;
            break;
        case O_MIN_N:
            if (cli_parse_long(optarg, 1, 1000000, &a->min_n) != 0)
                return cli_usage("report", "--min-n takes a whole number from 1, not '%s'", optarg);
            break;
        case 'h':
            fputs(help, stdout);
            return -1;
        case ':':
            return cli_usage("report", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage("report", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (!a->kind)
        return cli_usage("report", "say which reports with --kind gemeente, regio or aanbieder");
    if (strcmp(a->kind, "gemeente") && strcmp(a->kind, "regio") && strcmp(a->kind, "aanbieder"))
        return cli_usage("report", "--kind is gemeente, regio or aanbieder, not '%s'", a->kind);
    return cli_source_check("report", &a->src, argc - optind);
    return CLI_OK;
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

typedef struct {
    sv_table *t, *prev;
    st_result *res, *trend;
    st_rules *rules;
    st_signals *sig;
    rp_vws *vws;
    rp_texts *texts;
    rp_redactor *red;
    sv_wordlist *words;
    rp_remarks *remarks; /* the rows with a remark per provider */
    rp_out *log;         /* the layout log, replaced whole like every output */
    rp_font *fonts[2];   /* read once for all reports */
    char year[32];       /* the years answered, when the project file names none */
    char themes[512];    /* the codebook's themes, comma-joined, for the trend */
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

/* Frees s and puts the layout log in place; returns 0, or the exit code after printing when
 * the log could not be written. */
static int run_free(run_state *s)
{
    int rc = CLI_OK;
    st_signals_free(s->sig);
    st_rules_free(s->rules);
    st_result_free(s->trend);
    st_result_free(s->res);
    rp_vws_free(s->vws);
    rp_texts_free(s->texts);
    rp_redactor_free(s->red);
    sv_wordlist_free(s->words);
    rp_remarks_free(s->remarks);
    rp_font_free(s->fonts[0]);
    rp_font_free(s->fonts[1]);
    sv_table_free(s->prev);
    sv_table_free(s->t);
    if (s->log) {
        ceo_error err;
        ceo_error_clear(&err);
        if (rp_out_commit(s->log, &err) != CEO_OK)
            rc = cli_report(&err);
    }
    return rc;
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

/* Computes everything the reports need; returns an exit code. */
static int prepare(const report_args *a, const sv_codebook *cb, const sv_project *proj,
                   char **files, size_t nfiles, rp_report *r, run_state *s)
{
    ceo_error err;
    ceo_error_clear(&err);
    int aanbieder = strcmp(a->kind, "aanbieder") == 0;
    s->t = sv_table_new(cb, 0, &err);
    if (!s->t)
        return cli_report(&err);
    /* A provider's report quotes the open remarks, and no other text. */
    int ko = sv_codebook_find(cb, "opmerkingen");
    if (aanbieder && ko >= 0)
        (void)sv_table_keep_text(s->t, ko);
    int rc = cli_read_source(s->t, proj, files, nfiles, &a->src, &err);
    if (rc != CLI_OK)
        return rc;
    if (a->compare) {
        char *prev_files[1] = {(char *)a->compare};
        if (!(s->prev = sv_table_new(cb, 0, &err)))
            return cli_report(&err);
        if ((rc = cli_read_all(s->prev, proj, prev_files, 1, &err)) != CLI_OK)
            return rc;
    }
    const char *texts = sv_project_path(proj, "rapport", "teksten");
    char path[4096];
    if (!texts) {
        snprintf(path, sizeof path, "%s/teksten.txt", cli_template_dir("report/nl"));
        texts = path;
    }
    if (!(s->texts = rp_texts_load(texts, &err)))
        return cli_report(&err);

    /* Without an aanbieder or voorziening column, the figures per provider or voorziening are
     * left out, with one warning; a provider's report needs its provider. */
    const char *needed = aanbieder ? "aanbieder" : NULL;
    char dims[256], trend_dims[256];
    st_options so = {0};
    so.by = cli_own_dims(s->t, "gemeente,aanbieder,voorziening,gemeente+aanbieder", needed, dims,
                         sizeof dims, 1);
    so.min_n = r->min_n;
    so.indicative_n = sv_project_int(proj, "drempels", "indicatief_n", 30);
    so.total_label = r->region;
    so.compare = s->prev;
    int kd = sv_codebook_find(cb, "datum");
    /* The trend per quarter, on a second thread while this one computes the figures. */
    trend_job tj = {s->t, so, NULL, {0}};
    int has_trend = kd >= 0 && sv_table_has(s->t, kd), trend_thread = 0;
    pthread_t tid;
    if (has_trend) {
        /* A provider's report shows its own trend only (the rows of one dimension do not
         * depend on the others: suppression is per dimension, and the trend shows no tests). */
        tj.opt.by = cli_own_dims(s->t,
                                 aanbieder ? "periode,aanbieder+periode"
                                           : "periode,gemeente+periode,aanbieder+periode",
                                 needed, trend_dims, sizeof trend_dims, 0);
        tj.opt.period = ST_PERIOD_QUARTER;
        tj.opt.compare = NULL;
        /* The trend draws theme rows only: a provider's the HV theme, the others every theme;
         * the questions of no theme (marks, background) are not counted per quarter. */
        tj.opt.themes = aanbieder ? "hv" : themes_of(cb, s->themes, sizeof s->themes);
        ceo_error_clear(&tj.err);
        trend_thread = !ceo_alloc_failing() && pthread_create(&tid, NULL, trend_main, &tj) == 0;
    }
    s->res = st_compute(s->t, &so, &err);
    if (trend_thread)
        pthread_join(tid, NULL);
    else if (has_trend && s->res)
        trend_main(&tj);
    s->trend = tj.res;
    if (!s->res) {
        int failed = cli_report(&err);
        cli_hint_missing(s->t, so.by);
        return failed;
    }
    if (has_trend && !s->trend)
        return cli_report(&tj.err);
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
            (void)rp_vws_years(s->year, sizeof s->year, first, last);
            r->year = s->year;
        }
    }
    ceo_error local;
    ceo_error_clear(&local);
    if ((s->rules = st_rules_load(cb, &local))) {
        long thr = sv_project_int(proj, "signalen", "min_positief", -1);
        st_signal_options sig = {0.05, thr >= 0 ? (double)thr : NAN};
        if (!(s->sig = st_signals_find(s->res, cb, s->rules, &sig, &err)))
            return cli_report(&err);
    } else if (local.code == CEO_ENOMEM) {
        return cli_report(&local);
    } else {
        cli_warn("no signals in the reports: %s", local.message);
    }
    if (strcmp(a->kind, "gemeente") == 0) {
        char schema[4096];
        const char *sp = sv_project_path(proj, "vws", "velden");
        if (!sp) {
            snprintf(schema, sizeof schema, "%s/velden.csv", cli_template_dir("vws"));
            sp = schema;
        }
        if (!(s->vws = rp_vws_build(s->t, proj, sp, r->min_n, &err)))
            return cli_report(&err);
    }
    ceo_error_clear(&err);
    if (aanbieder && !(s->remarks = rp_remarks_new(s->t, cb, &err)) && err.code)
        return cli_report(&err);
    if (aanbieder && (!(s->words = sv_wordlist_load(getenv("CEO_WORDLIST"), &err)) ||
                      !(s->red = rp_redactor_new(s->words, &err))))
        return cli_report(&err);
    if (a->layout_log && !(s->log = rp_out_open(a->layout_log, &err)))
        return cli_report(&err);
    if (!(s->fonts[RP_REGULAR] = rp_font_read(r->font_regular, &err)) ||
        !(s->fonts[RP_BOLD] = rp_font_read(r->font_bold, &err)))
        return cli_report(&err);
    r->table = s->t;
    r->cb = cb;
    r->texts = s->texts;
    r->res = s->res;
    r->trend = s->trend;
    r->signals = s->sig;
    r->vws = s->vws;
    r->redactor = s->red;
    r->remarks = s->remarks;
    r->has_compare = s->prev != NULL;
    r->layout_log = s->log ? rp_out_file(s->log) : NULL;
    r->fonts[RP_REGULAR] = s->fonts[RP_REGULAR];
    r->fonts[RP_BOLD] = s->fonts[RP_BOLD];
    return CLI_OK;
}

/* The reports of one run, drawn by one or more threads. Reports are handed out in order; the
 * first that fails stops the handing out, and as every report before it was handed out
 * earlier and is finished, the error shown is always that of the first failing report. */
typedef struct {
    const report_args *a;
    rp_kind kind;
    const char *const *groups;
    char (*names)[SLUG_MAX + 1]; /* per report: its file name part (unique_slugs) */
    size_t n;
    rp_out **outs;   /* per report: its temporary file, or NULL */
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

static void report_path(const render_run *run, size_t i, char *path, size_t size)
{
    snprintf(path, size, "%s/%s-%s.pdf", run->a->out_dir ? run->a->out_dir : ".", run->a->kind,
             run->names[i]);
}

/* Draws report i into its temporary file; 0 or -1 with run->errs[i] set. */
static int render_one(render_run *run, const rp_report *r, size_t i)
{
    ceo_error *err = &run->errs[i];
    char path[4096];
    report_path(run, i, path, sizeof path);
    if (r->layout_log)
        fprintf(r->layout_log, "# %s\n", path);
    if (!(run->outs[i] = rp_out_open(path, err)) ||
        rp_report_write(r, run->kind, run->groups[i], rp_out_file(run->outs[i]), &run->overflows[i],
                        err) != CEO_OK ||
        rp_out_sync(run->outs[i], err) != CEO_OK) {
        if (!err->path[0]) { /* the writer knows the stream, not its name */
            size_t len = strnlen(path, sizeof err->path - 1);
            memcpy(err->path, path, len);
            err->path[len] = '\0';
        }
        return -1;
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

/* The progress line on a terminal: report i of all, and its group. */
static void show_progress(const render_run *run, size_t i, int tty)
{
    if (tty)
        fprintf(stderr, "\rceo report: %zu of %zu: %-40.40s", i + 1, run->n, run->groups[i]);
}

/* Draws every report; returns an exit code, having reported the first failure. */
static int render_all(render_run *run, const rp_report *r)
{
    size_t nthreads = render_threads(r, run->n), started = 0;
    int tty = isatty(2);
    pthread_t *tids = ceo_calloc(nthreads, sizeof *tids);
    render_worker *workers = ceo_calloc(nthreads, sizeof *workers);
    int rc = CLI_OK;
    if (!tids || !workers) {
        ceo_error err;
        ceo_error_clear(&err);
        ceo_error_set(&err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        rc = cli_report(&err);
        goto out;
    }
    for (size_t k = 0; k < nthreads; k++) {
        workers[k].run = run;
        workers[k].r = *r;
        workers[k].r.redactor = k == 0 ? r->redactor : NULL;
    }
    /* A redactor is not safe to share between threads: every extra thread has its own. */
    for (size_t k = 1; r->redactor && k < nthreads; k++) {
        ceo_error err;
        ceo_error_clear(&err);
        if (!(workers[k].r.redactor = rp_redactor_new(rp_redactor_words(r->redactor), &err))) {
            if (err.code != CEO_ENOMEM) {
                rc = cli_report(&err);
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
            show_progress(run, i, tty);
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
            show_progress(run, i, tty);
        }
        pthread_mutex_unlock(&run->mu);
        for (size_t k = 0; k < started; k++)
            pthread_join(tids[k], NULL);
    }
    /* the first failure: every report before it was finished */
    for (size_t i = 0; i < run->n && rc == CLI_OK; i++)
        if (run->done[i] && run->errs[i].code != CEO_OK)
            rc = cli_report(&run->errs[i]);
    if (tty)
        fputc('\n', stderr);
out:
    for (size_t k = 1; workers && k < nthreads; k++)
        rp_redactor_free(workers[k].r.redactor);
    ceo_free(workers);
    ceo_free(tids);
    return rc;
}

static int write_reports(const report_args *a, const rp_report *r)
{
    rp_kind kind = strcmp(a->kind, "gemeente") == 0 ? RP_GEMEENTE
                   : strcmp(a->kind, "regio") == 0  ? RP_REGIO
                                                    : RP_AANBIEDER;
    static const char *groups[4096];
    size_t n = 1;
    if (kind == RP_REGIO)
        groups[0] = r->region;
    else
        n = rp_report_groups(r->res, kind == RP_GEMEENTE ? "gemeente" : "aanbieder", groups, 4096);
    size_t chosen = 0;
    for (size_t i = 0; i < n; i++)
        if (kind == RP_REGIO ||
            (strcmp(groups[i], "(onbekend)") != 0 && (!a->only || strcmp(groups[i], a->only) == 0)))
            groups[chosen++] = groups[i];
    if (!chosen) {
        ceo_error err;
        ceo_error_clear(&err);
        ceo_error_set(&err, CEO_EDATA, NULL, 0, 0, "%s",
                      a->only ? "no gemeente or provider of that name in the exports"
                              : "the exports have no column for the groups of these reports");
        return cli_report(&err);
    }
    render_run run = {.a = a, .kind = kind, .groups = groups, .n = chosen};
    pthread_mutex_init(&run.mu, NULL);
    pthread_cond_init(&run.changed, NULL);
    run.outs = ceo_calloc(chosen, sizeof *run.outs);
    run.errs = ceo_calloc(chosen, sizeof *run.errs);
    run.overflows = ceo_calloc(chosen, sizeof *run.overflows);
    run.done = ceo_calloc(chosen, sizeof *run.done);
    run.names = ceo_calloc(chosen, sizeof *run.names);
    int rc = CLI_OK;
    if (!run.outs || !run.errs || !run.overflows || !run.done || !run.names) {
        ceo_error err;
        ceo_error_clear(&err);
        ceo_error_set(&err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        rc = cli_report(&err);
    } else {
        unique_slugs(run.names, groups, chosen);
        rc = render_all(&run, r);
    }
    long overflows = 0;
    for (size_t i = 0; run.outs && i < chosen; i++) {
        ceo_error err;
        ceo_error_clear(&err);
        if (rc != CLI_OK)
            rp_out_abort(run.outs[i]);
        else if (rp_out_commit(run.outs[i], &err) != CEO_OK)
            rc = cli_report(&err);
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
    if (rc == CLI_OK) {
        const char *dir = a->out_dir ? a->out_dir : ".";
        fprintf(stderr, "%zu %s report%s written to %s\n", chosen, a->kind, chosen == 1 ? "" : "s",
                dir);
        if (overflows)
            cli_warn("%ld strings did not fit their box (a layout bug; please report it)",
                     overflows);
    }
    return rc;
}

int cmd_report(int argc, char **argv)
{
    report_args a = {0};
    a.min_n = -1;
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? CLI_OK : rc;
    struct stat sb;
    const char *dir = a.out_dir ? a.out_dir : ".";
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        ceo_error err;
        ceo_error_clear(&err);
        ceo_error_set(&err, CEO_EIO, dir, 0, 0, "no such folder for the reports");
        return cli_report(&err);
    }
    sv_codebook *cb;
    sv_project *proj;
    if ((rc = cli_load(a.dir, a.config, &cb, &proj)) != CLI_OK)
        return rc;
    rp_report r = {0};
    r.region = proj && sv_project_get(proj, "regio", "naam") ? sv_project_get(proj, "regio", "naam")
                                                             : "de regio";
    r.year =
        proj && sv_project_get(proj, "regio", "jaar") ? sv_project_get(proj, "regio", "jaar") : "";
    r.min_n = a.min_n > 0 ? a.min_n : sv_project_int(proj, "drempels", "min_n", 10);
    r.font_regular = sv_project_path(proj, "rapport", "lettertype");
    r.font_bold = sv_project_path(proj, "rapport", "lettertype_vet");
    if (!r.font_regular)
        r.font_regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    if (!r.font_bold)
        r.font_bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    r.logo = sv_project_path(proj, "rapport", "logo");
    r.accent = (rp_rgb){0.122, 0.306, 0.475};
    const char *colour = sv_project_get(proj, "rapport", "kleur");
    if (colour && parse_colour(colour, &r.accent) != 0) {
        cli_warn("[rapport] kleur '%s' is not a colour like #1f4e79; the standard is used", colour);
    }
    run_state s = {0};
    rc = prepare(&a, cb, proj, argv + optind, (size_t)(argc - optind), &r, &s);
    if (rc == CLI_OK)
        rc = write_reports(&a, &r);
    int log_rc = run_free(&s);
    if (rc == CLI_OK)
        rc = log_rc;
    sv_project_free(proj);
    sv_codebook_free(cb);
    return rc;
}
