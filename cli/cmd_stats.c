/*
 * cmd_stats.c - `ceo stats`: the figures per dimension, group and question as CSV or JSON.
 *
 * Reads every export into one table (respondents of all files together), computes, and writes
 * the whole output to a temporary file that replaces the target only when complete.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../base/output.h"
#include "../report/tables.h"
#include "../stats/stats.h"
#include "../stats/weights.h"
#include "../survey/survey.h"
#include "cli.h"
#include "previous.h"

/* clang-format off */
static const char help[] =
    "usage: ceo stats [-c DIR] [--config FILE] [--by DIMS] [--period month|quarter|year]\n"
    "                 [--weights | --post-stratify] [--compare FILE | --compare-store]\n"
    "                 [--min-n N]"
    "\n"
    "                 [--format csv|json] [--excel] [-o FILE] FILE...\n"
    "       ceo stats --hv [options] FILE...\n"
    "\n"
    "Computes the figures of the survey: per dimension and group, for every question, the\n"
    "valid base n, % positive with its 95% Wilson interval, % negative, and for marks and\n"
    "numbers the mean with its t-interval (for marks within 1-10) and the median; for\n"
    "scores also % 9-10 (its interval in ci_low, ci_high) and % 0-6; per theme the mean of\n"
    "its statements' % positive. The whole region is always included as dimension 'totaal'.\n"
    "On the satisfaction items (statements, yes/no questions, marks, scores; not the\n"
    "background questions) each group is tested against the rest of the region (z-test, or\n"
    "Fisher's exact test for small counts; Welch's t-test for means), with Benjamini-Hochberg\n"
    "q-values within one family per dimension and theme, the same whatever else is asked.\n"
    "docs/METHODS.md defines every column.\n"
    "Groups below the minimum n are hidden (suppression: primary) and their respondents left\n"
    "out of every other figure of the run, the region's too (base: published groups); in a\n"
    "crossing, more cells are hidden where needed (complementary) so that no hidden count can\n"
    "be worked out to within 3 (docs/METHODS.md). Periods ('periode') are compared with\n"
    "the period before; with --compare, every row with the same row of a previous export,\n"
    "of the CSV a previous ceo stats wrote, or (--compare-store) of the store's same months\n"
    "a year earlier (prev_n, prev_value, p_vs_prev).\n"
    "\n"
    "With --hv: the scores of the home-care (HV) providers instead, per provider and per\n"
    "provider in each gemeente: n, the mean mark (hv_cijfer) with its interval, the HV\n"
    "composite (mean % positive of the HV items), NPS (hv_aanbevelen: % 9-10 minus % 0-6)\n"
    "with its interval, the rank by mark, the mark against the rest of the region (every\n"
    "other respondent with a mark, Welch's t-test) and % positive per HV item. Every figure\n"
    "equals the one in the full output. An export with the HV marks but no HV statements\n"
    "gives rows without composite and items, and says so.\n"
    "\n"
    "options:\n"
    "  -c, --codebook DIR  the codebook folder (default: the standard CEO Wmo codebook)\n"
    "      --config FILE   the survey project file\n"
    "      --by DIMS       comma list of gemeente, aanbieder, voorziening, periode, the id of a\n"
    "                      single-choice question, or crossings a+b (gemeente+aanbieder)\n"
    "      --period P      month, quarter or year: how 'periode' groups the dates\n"
    "      --weights       weight by the gewicht column; intervals, tests and medians are then\n"
    "                      design-based (docs/METHODS.md)\n"
    "      --post-stratify weight to the population per gemeente x voorziening of the\n"
    "                      project file's [weging] populatie\n"
    "      --compare FILE  last year's export, or the CSV ceo stats wrote of it (told by its\n"
    "                      header), to compare every row with\n"
    "      --compare-store with --store: compare with the store's answers of the same\n"
    "                      months one year earlier (needs --from or --rolling)\n"
    "      --hv            the HV provider table (see above)\n"
    "      --min-n N       suppress groups below N (default 10, or the project file's)\n"
    "      --format F      csv (default) or json\n"
    "      --excel         CSV for Dutch Excel: semicolons, decimal commas, UTF-8 BOM\n"
    "      --digits N      decimals of percentages and means (default 2)\n"
    "  -o, --output FILE   write here instead of standard output\n"
    CLI_SOURCE_HELP_NARROW
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 ok; 1 a file could not be read or written; 2 bad usage.\n";
/* clang-format on */

/* Says why the provider table lacks what it lacks: an export without HV statements has no
 * composite and no item columns (the rows come from the marks), one without any HV question has
 * no rows at all. */
static void hv_explain(const sv_table *t)
{
    const sv_codebook *cb = sv_table_codebook(t);
    int statements = 0, marks = 0;
    for (size_t i = 0; i < sv_codebook_nitems(cb); i++) {
        const sv_item *it = sv_codebook_item(cb, i);
        if (strcmp(it->theme, "hv") != 0 || !sv_table_has(t, (int)i))
            continue;
        statements |= it->type == SV_T_LIKERT;
        marks |= it->type == SV_T_CIJFER || it->type == SV_T_SCORE;
    }
    if (!statements && marks)
        cli_warn("the export has HV marks but none of the HV statements (hv_vaste_hulp ... "
                 "hv_bereikbaar): the composite and the pct_ columns are empty, n counts the "
                 "marks");
    else if (!statements)
        cli_warn("the export has no HV questions (hv_*): the provider table has no rows");
}

int cmd_stats(int argc, char **argv)
{
    enum {
        O_CONFIG = 256,
        O_BY,
        O_PERIOD,
        O_WEIGHTS,
        O_MIN_N,
        O_FORMAT,
        O_EXCEL,
        O_DIGITS,
        O_COMPARE,
        O_COMPARE_STORE,
        O_HV,
        O_POST
    };
    static const struct option longopts[] = {{"codebook", required_argument, NULL, 'c'},
                                             {"config", required_argument, NULL, O_CONFIG},
                                             {"by", required_argument, NULL, O_BY},
                                             {"period", required_argument, NULL, O_PERIOD},
                                             {"weights", no_argument, NULL, O_WEIGHTS},
                                             {"min-n", required_argument, NULL, O_MIN_N},
                                             {"format", required_argument, NULL, O_FORMAT},
                                             {"excel", no_argument, NULL, O_EXCEL},
                                             {"digits", required_argument, NULL, O_DIGITS},
                                             {"compare", required_argument, NULL, O_COMPARE},
                                             {"compare-store", no_argument, NULL, O_COMPARE_STORE},
                                             {"hv", no_argument, NULL, O_HV},
                                             {"post-stratify", no_argument, NULL, O_POST},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             CLI_SOURCE_OPTIONS,
                                             {NULL, 0, NULL, 0}};
    const char *dir = NULL, *config = NULL, *out = NULL, *format = "csv", *compare = NULL;
    st_options so = {.period = ST_PERIOD_NONE, .min_n = -1, .indicative_n = -1};
    rp_table_options to = {2, 0.05};
    long v;
    int opt, hv = 0, post = 0, excel = 0, compare_store = 0;
    cli_source src = {0};
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, ":c:o:h", longopts, NULL)) != -1) {
        int srcopt = cli_source_option("stats", opt, optarg, &src);
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
        case O_BY:
            so.by = optarg;
            break;
        case O_PERIOD:
            if (strcmp(optarg, "month") == 0 || strcmp(optarg, "maand") == 0)
                so.period = ST_PERIOD_MONTH;
            else if (strcmp(optarg, "quarter") == 0 || strcmp(optarg, "kwartaal") == 0)
                so.period = ST_PERIOD_QUARTER;
            else if (strcmp(optarg, "year") == 0 || strcmp(optarg, "jaar") == 0)
                so.period = ST_PERIOD_YEAR;
            else
                return cli_usage("stats", "--period takes month, quarter or year, not '%s'",
                                 optarg);
            break;
        case O_WEIGHTS:
            so.weights = 1;
            break;
        case O_MIN_N:
            if (cli_parse_long(optarg, 1, 1000000, &v) != 0)
                return cli_usage("stats", "--min-n takes a whole number from 1, not '%s'", optarg);
            so.min_n = v;
            break;
        case O_FORMAT:
            if (strcmp(optarg, "csv") != 0 && strcmp(optarg, "json") != 0)
                return cli_usage("stats", "--format takes csv or json, not '%s'", optarg);
            format = optarg;
            break;
        case O_EXCEL:
            excel = 1;
            break;
        case O_DIGITS:
            if (cli_parse_long(optarg, 0, 15, &v) != 0)
                return cli_usage("stats", "--digits takes a whole number from 0 to 15");
            to.digits = (int)v;
            break;
        case O_COMPARE:
            compare = optarg;
            break;
        case O_COMPARE_STORE:
            compare_store = 1;
            break;
        case O_HV:
            hv = 1;
            break;
        case O_POST:
            post = 1;
            break;
        case 'o':
            out = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        case ':':
            return cli_usage("stats", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage("stats", "unknown option '%s'", argv[optind - 1]);
        }
    }
    int bad = cli_source_check("stats", &src, argc - optind);
    if (!bad)
        bad = cli_previous_check("stats", compare, compare_store, &src);
    if (bad)
        return bad;
    if (post && so.weights)
        return cli_usage("stats", "use --weights or --post-stratify, not both");
    if (hv && so.by)
        return cli_usage("stats", "--hv makes the provider table; it takes no --by");
    if (hv)
        so.by = "aanbieder,gemeente+aanbieder";
    if (excel && strcmp(format, "json") == 0)
        return cli_usage("stats", "--excel is a CSV form; it does not go with --format json");
    sv_codebook *cb;
    sv_project *proj;
    int rc = cli_load(dir, config, &cb, &proj);
    if (rc != CLI_OK)
        return rc;
    so.min_n = st_min_n(proj, so.min_n);
    so.indicative_n = st_indicative_n(proj);
    so.total_label = proj ? sv_project_get(proj, "regio", "naam") : NULL;

    ceo_error err;
    ceo_error_clear(&err);
    sv_table *t = sv_table_new(cb, 0, &err), *prev = NULL;
    st_result *res = NULL, *prev_rows = NULL;
    int json = strcmp(format, "json") == 0;
    ceo_out *o = NULL; /* JSON */
    rp_csv *w = NULL;  /* CSV */
    rc = t ? cli_read_source(t, proj, argv + optind, (size_t)(argc - optind), &src, &err)
           : cli_report(&err);
    if (rc == CLI_OK && so.weights)
        rc = cli_bad_weight();
    if (rc == CLI_OK && compare)
        rc = cli_previous_csv(compare, cb, so.min_n, &prev_rows, &err);
    if (rc == CLI_OK && prev_rows) {
        so.compare_rows = prev_rows;
        cli_previous_dims(compare, prev_rows, so.by);
    } else if (rc == CLI_OK && (compare || compare_store)) {
        prev = sv_table_new(cb, 0, &err);
        char *files[1] = {(char *)compare};
        rc = !prev           ? cli_report(&err)
             : compare_store ? cli_previous_store(prev, &src, &err)
                             : cli_read_all(prev, proj, files, 1, &err);
        so.compare = prev;
    }
    double *pw = NULL;
    int *strata = NULL;
    if (rc == CLI_OK && post) {
        const char *pop = sv_project_path(proj, "weging", "populatie");
        long empty = 0;
        if (!pop)
            rc = cli_usage("stats", "--post-stratify needs [weging] populatie in a --config file");
        else if (!(pw = st_poststratify(t, pop, &empty, &strata, &so.nstrata, &err)))
            rc = cli_report(&err);
        else if (empty)
            cli_warn("%s: %ld population cell%s no respondents; those people are not represented",
                     pop, empty, empty == 1 ? " has" : "s have");
        so.external_weights = pw;
        so.strata = strata;
    }
    if (rc == CLI_OK && !(res = st_compute(t, &so, &err))) {
        char text[2048];
        rc = err.code == CEO_EUSAGE
                 ? cli_usage("stats", "%s", cli_error_text(&err, text, sizeof text))
                 : cli_report(&err);
        cli_hint_missing(t, so.by);
    }
    if (rc == CLI_OK) {
        if (json)
            o = ceo_out_open(out, &err);
        else
            w = rp_csv_open(out, excel ? RP_CSV_EXCEL : 0, &err);
        if (!o && !w)
            rc = cli_report(&err);
    }
    st_hv *hvt = NULL;
    if (rc == CLI_OK && hv && !(hvt = st_hv_from(res, &err)))
        rc = cli_report(&err);
    if (rc == CLI_OK && hv)
        hv_explain(t);
    if (rc == CLI_OK) {
        ceo_status st;
        if (json)
            st = hv ? rp_hv_json(o, hvt, &to, &err) : rp_stats_json(o, res, &to, &err);
        else
            st = hv ? rp_hv_csv(w, hvt, &to, &err) : rp_stats_csv(w, res, &to, &err);
        if (st == CEO_OK)
            st = json ? ceo_out_commit(o, &err) : rp_csv_commit(w, &err);
        else if (json)
            ceo_out_abort(o);
        else
            rp_csv_abort(w);
        o = NULL;
        w = NULL;
        if (st != CEO_OK)
            rc = cli_report(&err);
    }
    ceo_out_abort(o);
    rp_csv_abort(w);
    st_hv_free(hvt);
    ceo_free(pw);
    ceo_free(strata);
    st_result_free(res);
    st_result_free(prev_rows);
    sv_table_free(t);
    sv_table_free(prev);
    sv_codebook_free(cb);
    sv_project_free(proj);
    return rc;
}
