/*
 * cmd_report.c - `ceo report`: the options of a run of the reports (PDF, the accessible HTML
 * edition or both), and what it says.
 * The run itself (figures computed once, the reports drawn, put in place together) is
 * report/run.c.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../report/run.h"
#include "cli.h"
#include "previous.h"

/* clang-format off */
static const char help[] =
    "usage: ceo report --kind gemeente|regio|aanbieder|contract [-c DIR] [--config FILE]\n"
    "                  [--out-dir DIR] [--only NAME] [--compare FILE | --compare-store]\n"
    "                  [--min-n N] [--comments FILE] [--format pdf|html|pdf,html] FILE...\n"
    "\n"
    "Writes the reports of the survey, in Dutch, as PDF and/or as accessible HTML:\n"
    "  gemeente   one per municipality, the report it publishes and accounts for to VWS:\n"
    "             the findings, the three themes against the region (and last year with\n"
    "             --compare or --compare-store, the benchmark of [benchmark] in the\n"
    "             project file), the accounting section, the response, the respondents'\n"
    "             profile, representativeness, per theme the statements as charts and\n"
    "             tables, the results per voorziening, the home-care (HV) chapter, the\n"
    "             trend, the signals, the method, and the VWS data as an appendix\n"
    "             (gemeente-NAME.pdf)\n"
    "  regio      the region's overview: the findings, the response, the respondents'\n"
    "             profile, representativeness, the municipalities side by side (and\n"
    "             against last year), the benchmark, the results per voorziening, the\n"
    "             providers, the trend, the signals and the method (regio-NAME.pdf)\n"
    "  aanbieder  one per provider: its scores against the region per question\n"
    "             and per municipality (and against its last year), the mark and NPS with\n"
    "             intervals and its place among the providers, its figures per\n"
    "             voorziening, the trend, and its clients' open comments that a person\n"
    "             approved in --comments FILE, redacted (aanbieder-NAME.pdf)\n"
    "  contract   for the contract manager: all providers side by side per voorziening,\n"
    "             with n and intervals (contract-NAME.pdf)\n"
    "\n"
    "The trend per quarter is drawn only from two quarters on that the answers cover\n"
    "whole, each with the minimum n; otherwise the report says why it is left out.\n"
    "Groups below the minimum n are never shown; a provider below it gets a report that\n"
    "says so. The texts come from templates/report/nl/teksten.txt (or [rapport] teksten in\n"
    "the project file); title colour, logo and fonts from [rapport] in the project file.\n"
    "The figures are weighted as ceo stats --weights or --post-stratify weights them when\n"
    "the project file's [weging] methode is gewicht or poststratificatie.\n"
    "The HTML edition (NAME.html beside NAME.pdf) has the same texts and figures in one\n"
    "self-contained file meant for publication on a website (WCAG 2.1 AA): headings,\n"
    "tables with captions, charts as SVG with their numbers in a table; it prints on A4.\n"
    "\n"
    "options:\n"
    "      --kind KIND       gemeente, regio, aanbieder or contract (required)\n"
    "  -c, --codebook DIR    the codebook folder (default: the standard CEO Wmo codebook)\n"
    "      --config FILE     the survey project file (region name, year, thresholds, texts)\n"
    "      --out-dir DIR     where the reports go (default: the current folder)\n"
    "      --format FORMAT   pdf (default), html, or pdf,html for both\n"
    "      --only NAME       only the report of this gemeente or provider\n"
    "      --compare FILE    last year's export, or the CSV ceo stats wrote of it (told by\n"
    "                        its header), for the comparison with the previous year\n"
    "      --compare-store   with --store: the previous year is the store's answers of the\n"
    "                        same months one year earlier (needs --from or --rolling)\n"
    "      --min-n N         suppress groups below N (default 10, or the project file's)\n"
    "      --comments FILE   aanbieder: the comments file of `ceo flag --comments` with its\n"
    "                        column rapport reviewed; quotes only the ja rows (without it,\n"
    "                        no comment is quoted)\n"
    "      --layout-log FILE write every string placed with its box (for layout tests)\n"
    CLI_SOURCE_HELP
    "  -h, --help            show this help\n"
    "\n"
    "exit status: 0 ok; 1 a file could not be read or written; 2 bad usage.\n";
/* clang-format on */

typedef struct {
    const char *kind, *dir, *config, *out_dir, *only, *compare, *layout_log, *comments;
    long min_n;
    int compare_store;
    unsigned formats; /* RP_OUT_PDF | RP_OUT_HTML */
    cli_source src;
    char **files; /* the exports */
    size_t nfiles;
} report_args;

/* "pdf", "html", "pdf,html" (either order) into RP_OUT_* bits; -1 for anything else. */
static int parse_formats(const char *s, unsigned *out)
{
    unsigned f = 0;
    while (*s) {
        size_t n = strcspn(s, ",");
        if (n == 3 && strncmp(s, "pdf", 3) == 0)
            f |= RP_OUT_PDF;
        else if (n == 4 && strncmp(s, "html", 4) == 0)
            f |= RP_OUT_HTML;
        else
            return -1;
        s += n;
        if (*s == ',' && !*++s)
            return -1;
    }
    if (!f)
        return -1;
    *out = f;
    return 0;
}

static int parse_args(int argc, char **argv, report_args *a)
{
    enum {
        O_KIND = 256,
        O_CONFIG,
        O_OUT_DIR,
        O_ONLY,
        O_COMPARE,
        O_COMPARE_STORE,
        O_MIN_N,
        O_LOG,
        O_COMMENTS,
        O_FORMAT
    };
    static const struct option longopts[] = {{"kind", required_argument, NULL, O_KIND},
                                             {"codebook", required_argument, NULL, 'c'},
                                             {"config", required_argument, NULL, O_CONFIG},
                                             {"out-dir", required_argument, NULL, O_OUT_DIR},
                                             {"only", required_argument, NULL, O_ONLY},
                                             {"compare", required_argument, NULL, O_COMPARE},
                                             {"compare-store", no_argument, NULL, O_COMPARE_STORE},
                                             {"min-n", required_argument, NULL, O_MIN_N},
                                             {"layout-log", required_argument, NULL, O_LOG},
                                             {"comments", required_argument, NULL, O_COMMENTS},
                                             {"format", required_argument, NULL, O_FORMAT},
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
        case O_COMPARE_STORE:
            a->compare_store = 1;
            break;
        case O_LOG:
            a->layout_log = optarg;
            break;
        case O_COMMENTS:
            a->comments = optarg;
            break;
        case O_FORMAT:
            if (parse_formats(optarg, &a->formats) != 0)
                return cli_usage("report", "--format is pdf, html or pdf,html, not '%s'", optarg);
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
        return cli_usage("report",
                         "say which reports with --kind gemeente, regio, aanbieder or contract");
    if (!rp_kind_find(a->kind))
        return cli_usage("report", "--kind is gemeente, regio, aanbieder or contract, not '%s'",
                         a->kind);
    if (a->comments && strcmp(a->kind, "aanbieder") != 0)
        return cli_usage("report", "--comments goes with --kind aanbieder: only provider reports "
                                   "quote comments");
    int bad = cli_source_check("report", &a->src, argc - optind);
    return bad ? bad : cli_previous_check("report", a->compare, a->compare_store, &a->src);
}

typedef struct {
    const report_args *a;
    const sv_project *proj;
    int tty;     /* progress is shown on a terminal only */
    int shown;   /* a progress line was shown */
    int read_rc; /* the exit code of a failed read */
} report_ctx;

static int read_answers(void *ctx, sv_table *t, int previous)
{
    report_ctx *c = ctx;
    ceo_error err;
    ceo_error_clear(&err);
    if (previous && c->a->compare_store) {
        c->read_rc = cli_previous_store(t, &c->a->src, &err);
    } else if (previous) {
        char *prev_files[1] = {(char *)c->a->compare};
        c->read_rc = cli_read_all(t, c->proj, prev_files, 1, &err);
    } else {
        c->read_rc = cli_read_source(t, c->proj, c->a->files, c->a->nfiles, &c->a->src, &err);
    }
    /* weighting by the gewicht column, as ceo stats --weights: a weight that is none stops it */
    const char *how = c->proj ? sv_project_get(c->proj, "weging", "methode") : NULL;
    if (c->read_rc == CLI_OK && how && strcmp(how, "gewicht") == 0)
        c->read_rc = cli_bad_weight();
    return c->read_rc;
}

static void warn(void *ctx, rp_run_warning w, const char *detail)
{
    report_ctx *c = ctx;
    if (w == RP_WARN_COMPARE)
        cli_warn("%s: the previous figures have no rows for %s: those are shown without last "
                 "year (write last year's CSV with them in --by)",
                 c->a->compare, detail);
    else if (w == RP_WARN_LEFT_OUT)
        cli_warn_left_out(detail);
    else if (w == RP_WARN_NO_SIGNALS)
        cli_warn("no signals in the reports: %s", detail);
    else if (w == RP_WARN_VWS)
        cli_warn("%s", detail);
    else if (w == RP_WARN_PER_YEAR)
        cli_warn("%s has invited counts per year (no maand column): the reports give no response "
                 "for these months",
                 detail);
    else if (w == RP_WARN_POPULATION)
        cli_warn("%s: population cells without respondents; those people are not represented",
                 detail);
    else
        cli_warn("[rapport] kleur '%s' is not a colour like #1f4e79; the standard is used", detail);
}

/* The progress line on a terminal: report i of all, and its group. */
static void progress(void *ctx, size_t i, size_t n, const char *group)
{
    report_ctx *c = ctx;
    c->shown = 1;
    if (c->tty)
        fprintf(stderr, "\rceo report: %zu of %zu: %-40.40s", i + 1, n, group);
}

int cmd_report(int argc, char **argv)
{
    report_args a = {0};
    a.min_n = -1;
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? CLI_OK : rc;
    a.files = argv + optind;
    a.nfiles = (size_t)(argc - optind);
    struct stat sb;
    const char *dir = a.out_dir ? a.out_dir : ".";
    ceo_error err;
    ceo_error_clear(&err);
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        ceo_error_set(&err, CEO_EIO, dir, 0, 0, "no such folder for the reports");
        return cli_report(&err);
    }
    sv_codebook *cb;
    sv_project *proj;
    if ((rc = cli_load(a.dir, a.config, &cb, &proj)) != CLI_OK)
        return rc;
    st_result *prev_rows = NULL;
    if (a.compare && (rc = cli_previous_csv(a.compare, cb, st_min_n(proj, a.min_n), &prev_rows,
                                            &err)) != CLI_OK) {
        sv_project_free(proj);
        sv_codebook_free(cb);
        return rc;
    }
    char texts[4096], schema[4096];
    snprintf(texts, sizeof texts, "%s/teksten.txt", cli_template_dir("report/nl"));
    snprintf(schema, sizeof schema, "%s/velden.csv", cli_template_dir("vws"));
    rp_run_options o = {.kind = rp_kind_find(a.kind),
                        .cb = cb,
                        .proj = proj,
                        .out_dir = a.out_dir,
                        .only = a.only,
                        .compare = (a.compare && !prev_rows) || a.compare_store,
                        .compare_rows = prev_rows,
                        .layout_log = a.layout_log,
                        .min_n = a.min_n,
                        .texts = texts,
                        .vws_schema = schema,
                        .wordlist = getenv("CEO_WORDLIST"),
                        .store = a.src.store != NULL,
                        .from = a.src.from,
                        .to = a.src.to,
                        .rolling = a.src.rolling,
                        .comments = a.comments,
                        .formats = a.formats};
    report_ctx ctx = {&a, proj, isatty(2), 0, CLI_OK};
    rp_run_hooks hooks = {read_answers, warn, progress, &ctx};
    rp_run_result res;
    ceo_status st = rp_run(&o, &hooks, &res, &err);
    if (ctx.tty && ctx.shown)
        fputc('\n', stderr);
    if (res.read_failed) {
        rc = ctx.read_rc;
    } else if (st != CEO_OK) {
        rc = cli_report(&err);
        if (res.missing[0])
            cli_hint_column(cb, res.missing);
    } else {
        /* once, as `ceo export vws` says what its data lack */
        if (!proj)
            cli_warn("no project file (--config FILE): the reports name the region \"de regio\" "
                     "and have no invited counts or accounting settings");
        const char *as = a.formats == RP_OUT_HTML                  ? " (HTML)"
                         : a.formats == (RP_OUT_PDF | RP_OUT_HTML) ? " (PDF and HTML)"
                                                                   : "";
        fprintf(stderr, "%zu %s report%s%s written to %s\n", res.reports, a.kind,
                res.reports == 1 ? "" : "s", as, dir);
        if (res.overflows)
            cli_warn("%ld strings did not fit their box (a layout bug; please report it)",
                     res.overflows);
    }
    st_result_free(prev_rows);
    sv_project_free(proj);
    sv_codebook_free(cb);
    return rc;
}
