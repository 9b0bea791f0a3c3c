/*
 * cmd_dashboard.c - `ceo dashboard`: the region's dashboard as one self-contained HTML file.
 *
 * Reads the answers (files or a store; from a store also its last twelve months, when the
 * selection holds more), and hands them to report/dashboard.c, which computes and writes.
 * The store is read once: the last twelve months are the rows of the answers read whose date
 * falls in them, the rows `ceo stats --store --rolling 12` reads (the store files an answer
 * under the month of its datum), taken as a table of their own (sv_table_subset).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../report/dashboard.h"
#include "../report/period.h"
#include "../survey/values.h"
#include "cli.h"

/* clang-format off */
static const char help[] =
    "usage: ceo dashboard [-c DIR] [--config FILE] [--min-n N] --out FILE.html FILE...\n"
    "       ceo dashboard [options] --store FILE.db [--from YYYY-MM] [--to YYYY-MM]\n"
    "                     [--rolling N] --out FILE.html\n"
    "\n"
    "Writes the region's dashboard: one HTML file that opens in any browser, without a\n"
    "network and without anything else (styles and plain JavaScript inside the file, texts\n"
    "in Dutch from templates/report/nl/teksten.txt). Filters for gemeente, voorziening,\n"
    "aanbieder and period (all answers read; from a store also the last 12 months when it\n"
    "holds more; each year and quarter) show per theme the % positive and n, per statement\n"
    "the % positive with its 95% interval and n, the marks, the home-care (HV) provider\n"
    "table and the trend of the themes per quarter.\n"
    "\n"
    "Every figure is a row of `ceo stats` with the same source, --config and --min-n:\n"
    "  all answers, last 12 months: --by " RP_DASH_DIMS "\n"
    "                               (the last 12 months: --store FILE.db --rolling 12)\n"
    "  per quarter, per year:       --by " RP_DASH_PERIOD_DIMS "\n"
    "                               --period quarter, --period year\n"
    "rounded to the one decimal the page shows. A row `ceo stats` hides (a group below the\n"
    "minimum n, or a cell hidden to protect one) is in the file as hidden, with no n and no\n"
    "figure. Dimensions whose column the export lacks (aanbieder, voorziening) are left out.\n"
    "\n"
    "options:\n"
    "  -c, --codebook DIR    the codebook folder (default: the standard CEO Wmo codebook)\n"
    "      --config FILE     the survey project file (region name, thresholds, texts)\n"
    "      --min-n N         suppress groups below N (default 10, or the project file's)\n"
    "  -o, --out FILE.html   where the dashboard goes (required)\n"
    CLI_SOURCE_HELP
    "  -h, --help            show this help\n"
    "\n"
    "exit status: 0 ok; 1 a file could not be read or written; 2 bad usage.\n";
/* clang-format on */

/* The month ym (YYYYMM) moved by delta months. */
static int add_months(int ym, int delta)
{
    int m = (ym / 100) * 12 + ym % 100 - 1 + delta;
    return (m / 12) * 100 + m % 12 + 1;
}

/* The rows of t dated in the months [from, to] (YYYYMM), as a table of their own; NULL with err
 * set when out of memory. */
static sv_table *months_of(const sv_table *t, int from, int to, ceo_error *err)
{
    size_t n = sv_table_rows(t);
    unsigned char *keep = ceo_malloc(n ? n : 1);
    if (!keep) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    int kd = sv_codebook_find(sv_table_codebook(t), "datum");
    const int64_t *dates = kd >= 0 ? sv_table_dates(t, kd) : NULL;
    for (size_t r = 0; r < n; r++) {
        int y, m, d, ym = 0;
        if (dates && dates[r] != SV_MISSING_DATE) {
            sv_civil_from_seconds(dates[r], &y, &m, &d);
            ym = y * 100 + m;
        }
        keep[r] = ym && ym >= from && ym <= to;
    }
    sv_table *sub = sv_table_subset(t, keep, err);
    ceo_free(keep);
    return sub;
}

int cmd_dashboard(int argc, char **argv)
{
    enum { O_CONFIG = 256, O_MIN_N };
    static const struct option longopts[] = {{"codebook", required_argument, NULL, 'c'},
                                             {"config", required_argument, NULL, O_CONFIG},
                                             {"min-n", required_argument, NULL, O_MIN_N},
                                             {"out", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             CLI_SOURCE_OPTIONS,
                                             {NULL, 0, NULL, 0}};
    const char *dir = NULL, *config = NULL, *out = NULL;
    long min_n = -1;
    cli_source src = {0};
    int opt;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, ":c:o:h", longopts, NULL)) != -1) {
        int srcopt = cli_source_option("dashboard", opt, optarg, &src);
        if (srcopt < 0)
            return CLI_EUSAGE;
        if (srcopt)
            continue;
        switch (opt) {
        case 'c':
            dir = optarg;
            break;
        case O_CONFIG:
            config = optarg;
            break;
        case O_MIN_N:
            if (cli_parse_long(optarg, 1, 1000000, &min_n) != 0)
                return cli_usage("dashboard", "--min-n takes a whole number from 1, not '%s'",
                                 optarg);
            break;
        case 'o':
            out = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        case ':':
            return cli_usage("dashboard", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage("dashboard", "unknown option '%s'", argv[optind - 1]);
        }
    }
    int rc = cli_source_check("dashboard", &src, argc - optind);
    if (rc)
        return rc;
    if (!out)
        return cli_usage("dashboard", "say where the dashboard goes with --out FILE.html");

    sv_codebook *cb;
    sv_project *proj;
    if ((rc = cli_load(dir, config, &cb, &proj)) != CLI_OK)
        return rc;
    ceo_error err;
    ceo_error_clear(&err);
    sv_table *t = NULL, *roll = NULL;
    sv_store *s = NULL;
    rp_dash_options o = {.proj = proj, .min_n = min_n};
    if (!(t = sv_table_new(cb, 0, &err))) {
        rc = cli_report(&err);
    } else if (!src.store) {
        rc = cli_read_all(t, proj, argv + optind, (size_t)(argc - optind), &err);
    } else if (!(s = sv_store_open(src.store, SV_STORE_READ, cli_store_converting, NULL, &err))) {
        rc = cli_report(&err);
    } else {
        rc = cli_read_store(s, t, &src, NULL, NULL, &err);
    }
    if (rc == CLI_OK)
        rp_data_months(t, sv_table_codebook(t), &o.first, &o.last);
    /* From a store whose selection holds more than twelve months: the last twelve too, the
     * answers `ceo stats --store --rolling 12` reads. */
    if (rc == CLI_OK && s && o.first && add_months(o.first, 11) < o.last) {
        o.rolling_to = o.last;
        o.rolling_from = add_months(o.last, -11);
        if (!(roll = months_of(t, o.rolling_from, o.rolling_to, &err)))
            rc = cli_report(&err);
    }
    sv_store_close(s);
    if (rc == CLI_OK) {
        char texts[4096];
        snprintf(texts, sizeof texts, "%s/teksten.txt", cli_template_dir("report/nl"));
        o.t = t;
        o.rolling = roll;
        o.texts = texts;
        o.page_dir = cli_template_dir("dashboard");
        rp_dash_result res;
        if (rp_dashboard_write(&o, out, &res, &err) != CEO_OK) {
            char text[2048];
            rc = err.code == CEO_EUSAGE
                     ? cli_usage("dashboard", "%s", cli_error_text(&err, text, sizeof text))
                     : cli_report(&err);
            if (res.missing[0])
                cli_hint_column(cb, res.missing);
        } else if (res.left_out[0]) {
            cli_warn_left_out(res.left_out);
        }
    }
    sv_table_free(roll);
    sv_table_free(t);
    sv_codebook_free(cb);
    sv_project_free(proj);
    return rc;
}
