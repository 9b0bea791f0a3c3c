/*
 * cmd_export.c - `ceo export KIND`: data for others to load, in the form they ask for.
 *
 * The one kind so far is `vws`: the accounting data each gemeente reports to the ministry,
 * one row per gemeente, the fields as templates/vws/velden.csv (or the project's [vws]
 * velden) lists them. The output is written whole to a temporary file and renamed.
 */
#include <getopt.h>
#include <limits.h>
#include <string.h>

#include "../report/vws.h"
#include "../stats/stats.h"
#include "../stats/vws.h"
#include "../survey/survey.h"
#include "cli.h"

static const char help[] =
    "usage: ceo export KIND [options] FILE...\n"
    "\n"
    "Writes data for others to load. Kinds:\n"
    "  vws   the accounting data for the ministry VWS, one row per gemeente\n"
    "\n"
    "'ceo export KIND --help' shows the options of a kind.\n"
    "\n"
    "exit status: 0 ok; 1 a file could not be read or written; 2 bad usage.\n";

/* clang-format off */
static const char vws_help[] =
    "usage: ceo export vws [-c DIR] [--config FILE] [--min-n N] [--excel] [-o FILE] FILE...\n"
    "\n"
    "Writes the accounting data each gemeente reports to the ministry VWS about its\n"
    "client-experience survey: one CSV row per gemeente with the year, the themes measured\n"
    "(toegang, kwaliteit, effect), method, target group and period, the questionnaires sent\n"
    "out, the respondents and the response rate, % positive and n of each of the ten\n"
    "standard questions, and what the gemeente itself reports: what it did with last\n"
    "year's results, with whom it discussed them, and the improvements it sees.\n"
    "\n"
    "The fields and where each comes from are listed in templates/vws/velden.csv (columns\n"
    "veld, omschrijving, bron), or in the file the project's [vws] velden names: reorder or\n"
    "drop rows there to change the output. The project file gives [vws] methode, doelgroep,\n"
    "periode (else the first and last date answered in each gemeente) and gemeenten (a CSV:\n"
    "gemeente,vorig_jaar_gedaan,besproken_met,verbeterpunten), and [uitgezet] bestand the\n"
    "invited counts. Figures of groups below the minimum n are empty, as in 'ceo stats'.\n"
    "\n"
    "options:\n"
    "  -c, --codebook DIR  the codebook folder (default: the standard CEO Wmo codebook)\n"
    "      --config FILE   the survey project file\n"
    "      --min-n N       leave figures of groups below N empty (default 10, or the\n"
    "                      project file's)\n"
    "      --excel         CSV for Dutch Excel: semicolons, decimal commas, UTF-8 BOM\n"
    "  -o, --output FILE   write here instead of standard output\n"
    CLI_SOURCE_HELP_NARROW
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 ok; 1 a file could not be read or written; 2 bad usage.\n";
/* clang-format on */

static int export_vws(int argc, char **argv)
{
    enum { O_CONFIG = 256, O_MIN_N, O_EXCEL };
    static const struct option longopts[] = {{"codebook", required_argument, NULL, 'c'},
                                             {"config", required_argument, NULL, O_CONFIG},
                                             {"min-n", required_argument, NULL, O_MIN_N},
                                             {"excel", no_argument, NULL, O_EXCEL},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             CLI_SOURCE_OPTIONS,
                                             {NULL, 0, NULL, 0}};
    const char *dir = NULL, *config = NULL, *out = NULL;
    long min_n = -1;
    int opt, excel = 0;
    cli_source src = {0};
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, ":c:o:h", longopts, NULL)) != -1) {
        int srcopt = cli_source_option("export vws", opt, optarg, &src);
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
                return cli_usage("export vws", "--min-n takes a whole number from 1, not '%s'",
                                 optarg);
            break;
        case O_EXCEL:
            excel = 1;
            break;
        case 'o':
            out = optarg;
            break;
        case 'h':
            fputs(vws_help, stdout);
            return CLI_OK;
        case ':':
            return cli_usage("export vws", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage("export vws", "unknown option '%s'", argv[optind - 1]);
        }
    }
    int bad = cli_source_check("export vws", &src, argc - optind);
    if (bad)
        return bad;
    sv_codebook *cb;
    sv_project *proj;
    int rc = cli_load(dir, config, &cb, &proj);
    if (rc != CLI_OK)
        return rc;
    min_n = st_min_n(proj, min_n);
    /* the project's own field list, else the standard one */
    const char *own = sv_project_path(proj, "vws", "velden");
    char standard[PATH_MAX + 16];
    snprintf(standard, sizeof standard, "%s/velden.csv", cli_template_dir("vws"));
    const char *schema = own ? own : standard;

    ceo_error err;
    ceo_error_clear(&err);
    sv_table *t = sv_table_new(cb, 0, &err);
    st_vws *v = NULL;
    st_result *figures = NULL;
    rp_csv *w = NULL;
    rc = t ? cli_read_source(t, proj, argv + optind, (size_t)(argc - optind), &src, &err)
           : cli_report(&err);
    if (rc == CLI_OK && !(v = st_vws_new(t, proj, schema, &err))) {
        if (!own && err.code == CEO_EIO && strcmp(err.path, schema) == 0)
            snprintf(err.message, sizeof err.message,
                     "the standard VWS field list is not here (run 'make install', or name one "
                     "with [vws] velden in a --config file)");
        rc = cli_report(&err);
    }
    /* the figures by gemeente, computed once, when a field takes one */
    if (rc == CLI_OK && st_vws_needs_figures(v)) {
        st_options so;
        st_vws_figure_options(proj, min_n, &so);
        if (!(figures = st_compute(t, &so, &err)))
            rc = cli_report(&err);
    }
    if (rc == CLI_OK && st_vws_fill(v, figures, &err) != CEO_OK)
        rc = cli_report(&err);
    for (size_t i = 0; rc == CLI_OK && i < st_vws_nwarnings(v); i++)
        cli_warn("%s", st_vws_warning(v, i));
    if (rc == CLI_OK && !(w = rp_csv_open(out, excel ? RP_CSV_EXCEL : 0, &err)))
        rc = cli_report(&err);
    if (rc == CLI_OK) {
        ceo_status st = rp_vws_csv(w, v, &err);
        if (st == CEO_OK)
            st = rp_csv_commit(w, &err);
        else
            rp_csv_abort(w);
        if (st != CEO_OK)
            rc = cli_report(&err);
    }
    st_vws_free(v);
    st_result_free(figures);
    sv_table_free(t);
    sv_codebook_free(cb);
    sv_project_free(proj);
    return rc;
}

int cmd_export(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("export", "name what to export: ceo export vws ...");
    const char *kind = argv[1];
    if (strcmp(kind, "--help") == 0 || strcmp(kind, "-h") == 0) {
        fputs(help, stdout);
        return CLI_OK;
    }
    if (strcmp(kind, "vws") == 0)
        return export_vws(argc - 1, argv + 1);
    if (kind[0] == '-')
        return cli_usage("export", "name what to export before the options: ceo export vws %s ...",
                         kind);
    return cli_usage("export", "unknown kind '%s' (known: vws)", kind);
}
