/*
 * cmd_flag.c - `ceo flag`: the follow-up list of dissatisfied respondents who consented to be
 * contacted, the signals for additional research, and a summary per gemeente.
 *
 * All outputs are written to temporary files first and put in place together at the end, so a
 * failed run leaves every earlier output as it was.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../report/followup.h"
#include "../stats/flag.h"
#include "../stats/signals.h"
#include "../stats/stats.h"
#include "../survey/store.h"
#include "cli.h"

/* clang-format off */
static const char help[] =
    "usage: ceo flag [-c DIR] [--config FILE] [-o FILE] [--signals FILE] [--summary FILE]\n"
    "                [--comments FILE] [--by DIMS] [--min-n N] [--min-positive P] [--excel]\n"
    "                [--min-ernst N] [--max N] FILE...\n"
    "\n"
    "Finds dissatisfied respondents by the rules of the codebook (ontevreden.csv: negative\n"
    "answers on key items, a low mark, a complaint in the open answer) and writes the\n"
    "follow-up list: one row per dissatisfied respondent who consented to be contacted\n"
    "(contact_toestemming = ja), most severe first, with the reasons in Dutch, the open\n"
    "answer as written and the contact details. Respondents who did not consent are never\n"
    "listed; they are counted in the summary.\n"
    "\n"
    "Severity (ernst) adds up the ernst of every rule that holds: with the standard codebook 1\n"
    "for \"niet mee eens\", 2 for \"helemaal niet mee eens\", 3 for a mark of 4-5, 4 for a mark\n"
    "of 3 or less, 2 for a complaint in the open answer. The list holds those of ernst 3 or\n"
    "more (--min-ernst): a failing mark, a complaint with a negative answer, or several\n"
    "negative answers; a single \"niet mee eens\" (ernst 1) is not listed. --min-ernst 1 lists\n"
    "everyone the rules find. --max N keeps the list to what the team can call: every\n"
    "gemeente and voorziening (each pair a group) gets its most severe respondent first, then\n"
    "its second most severe, and so on (within a round the more severe first, ties by the\n"
    "order of the export), until N are chosen.\n"
    "\n"
    "With --store --new, the list is numbered in the store (said on standard error); see ceo\n"
    "followup for recording what came of each call, the open cases, and undoing a list.\n"
    "\n"
    "With --signals: the groups where additional research should look. A group signals on an\n"
    "item when its share of negative answers is above the rest of the region (z-test or\n"
    "Fisher's exact test; marks: a lower mean, Welch) with a Benjamini-Hochberg q below\n"
    "0.05, or when its % positive on a statement or theme is below the threshold\n"
    "([signalen] min_positief in the project file, or --min-positive). Providers are\n"
    "searched on the HV items only; groups below the minimum n never signal; a crossing\n"
    "(Zorgkracht in Tiel) is left out where one of its parts signals on the same question.\n"
    "Each signal names the target group and suggests a research question.\n"
    "\n"
    "An open answer is a complaint when a pattern of klachten.csv finds one (after the\n"
    "negations such as \"geen klachten\" are masked), or when the model of klachtmodel.csv\n"
    "(word and character n-grams, learned from labelled answers) gives it a probability of\n"
    "at least its threshold: the model finds complaints written as plain facts (\"na een\n"
    "half jaar stond de traplift er eindelijk\"), which no pattern names.\n"
    "\n"
    "With --comments: every open answer with its gemeente, voorziening and provider,\n"
    "whether it is a complaint (klacht) and the model's probability that it is one (kans,\n"
    "0.00-1.00, for sorting; empty when the codebook has no model), redacted for readers\n"
    "outside the follow-up team: BSN, phone numbers, e-mail addresses, IBANs, addresses\n"
    "and names after a form of address (\"mevrouw Jansen\") become [bsn],\n"
    "[telefoonnummer], [e-mailadres], [iban], [adres], [naam]. No respondent ids, no\n"
    "contact details.\n"
    "\n"
    "With --key FILE (the gemeente's key, see ceo pseudonymise) respondent ids are read as\n"
    "pseudonyms, and the follow-up list alone has the original id beside each pseudonym\n"
    "(oorspronkelijk_id), for respondents who consented only.\n"
    "\n"
    "The follow-up list holds personal data: keep it with the follow-up team.\n"
    "\n"
    "options:\n"
    "  -c, --codebook DIR    the codebook folder (default: the standard CEO Wmo codebook)\n"
    "      --config FILE     the survey project file\n"
    "  -o, --output FILE     the follow-up list (default: standard output)\n"
    "      --signals FILE    write the signals here\n"
    "      --summary FILE    write the counts per gemeente here (CSV)\n"
    "      --comments FILE   write the redacted open answers here (CSV)\n"
    "      --by DIMS         the groups searched for signals (default\n"
    "                        gemeente,aanbieder,voorziening,gemeente+aanbieder)\n"
    "      --min-n N         groups below N never signal (default 10, or the project file's)\n"
    "      --min-positive P  signal every group whose % positive is below P (0-100)\n"
    "      --excel           CSV for Dutch Excel: semicolons, decimal commas, UTF-8 BOM\n"
    CLI_SOURCE_HELP
    "      --min-ernst N     list only respondents of severity N or more (default 3)\n"
    "      --max N           list at most N, spread over gemeenten and voorzieningen\n"
    "      --new             with --store: only respondents not handed out before, and mark\n"
    "                        those listed as handed out (a numbered list: ceo followup)\n"
    "  -h, --help            show this help\n"
    "\n"
    "exit status: 0 ok; 1 a file could not be read or written; 2 bad usage.\n";
/* clang-format on */

typedef struct {
    const char *dir, *config, *out, *signals, *summary, *comments, *by;
    long min_n, min_positive, min_ernst, max;
    int excel, only_new;
    cli_source src;
} flag_args;

#define NOUT 4 /* the list, signals, summary, comments */

/* The severity a respondent needs to be listed: a failing mark (3), a complaint with a negative
 * answer, two strongly negative answers; not one "niet mee eens" (1). */
#define DEFAULT_MIN_ERNST 3

static int parse_args(int argc, char **argv, flag_args *a)
{
    enum {
        O_CONFIG = 256,
        O_SIGNALS,
        O_SUMMARY,
        O_COMMENTS,
        O_BY,
        O_MIN_N,
        O_MIN_POS,
        O_EXCEL,
        O_NEW,
        O_MIN_ERNST,
        O_MAX
    };
    static const struct option longopts[] = {{"codebook", required_argument, NULL, 'c'},
                                             {"config", required_argument, NULL, O_CONFIG},
                                             {"output", required_argument, NULL, 'o'},
                                             {"signals", required_argument, NULL, O_SIGNALS},
                                             {"summary", required_argument, NULL, O_SUMMARY},
                                             {"comments", required_argument, NULL, O_COMMENTS},
                                             {"by", required_argument, NULL, O_BY},
                                             {"min-n", required_argument, NULL, O_MIN_N},
                                             {"min-positive", required_argument, NULL, O_MIN_POS},
                                             {"excel", no_argument, NULL, O_EXCEL},
                                             {"new", no_argument, NULL, O_NEW},
                                             {"min-ernst", required_argument, NULL, O_MIN_ERNST},
                                             {"max", required_argument, NULL, O_MAX},
                                             {"help", no_argument, NULL, 'h'},
                                             CLI_SOURCE_OPTIONS,
                                             {NULL, 0, NULL, 0}};
    int opt;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, ":c:o:h", longopts, NULL)) != -1) {
        int srcopt = cli_source_option("flag", opt, optarg, &a->src);
        if (srcopt < 0)
            return CLI_EUSAGE;
        if (srcopt)
            continue;
        switch (opt) {
        case 'c':
            a->dir = optarg;
            break;
        case O_CONFIG:
            a->config = optarg;
            break;
        case 'o':
            a->out = optarg;
            break;
        case O_SIGNALS:
            a->signals = optarg;
            break;
        case O_SUMMARY:
            a->summary = optarg;
            break;
        case O_COMMENTS:
            a->comments = optarg;
            break;
        case O_BY:
            a->by = optarg;
            break;
        case O_MIN_N:
            if (cli_parse_long(optarg, 1, 1000000, &a->min_n) != 0)
                return cli_usage("flag", "--min-n takes a whole number from 1, not '%s'", optarg);
            break;
        case O_MIN_POS:
            if (cli_parse_long(optarg, 0, 100, &a->min_positive) != 0)
                return cli_usage("flag",
                                 "--min-positive takes a whole number from 0 to 100, "
                                 "not '%s'",
                                 optarg);
            break;
        case O_EXCEL:
            a->excel = 1;
            break;
        case O_NEW:
            a->only_new = 1;
            break;
        case O_MIN_ERNST:
            if (cli_parse_long(optarg, 0, 100000, &a->min_ernst) != 0)
                return cli_usage("flag", "--min-ernst takes a whole number from 0, not '%s'",
                                 optarg);
            break;
        case O_MAX:
            if (cli_parse_long(optarg, 1, 100000000, &a->max) != 0)
                return cli_usage("flag", "--max takes a whole number from 1, not '%s'", optarg);
            break;
        case 'h':
            fputs(help, stdout);
            return -1;
        case ':':
            return cli_usage("flag", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage("flag", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (a->src.key)
        cli_set_key(a->src.key, 1); /* the original id beside the pseudonym, in the list only */
    int bad = cli_source_check("flag", &a->src, argc - optind);
    if (bad)
        return bad;
    if (a->only_new && !a->src.store)
        return cli_usage("flag", "--new goes with --store: the store remembers who was handed out");
    if (!a->signals && (a->by || a->min_positive >= 0))
        return cli_usage("flag", "--by and --min-positive choose signals; give --signals FILE");
    const char *outs[NOUT] = {a->out, a->signals, a->summary, a->comments};
    for (int i = 0; i < NOUT; i++)
        for (int j = i + 1; j < NOUT; j++)
            if (outs[i] && outs[j] && strcmp(outs[i], outs[j]) == 0 && strcmp(outs[i], "-") != 0)
                return cli_usage("flag", "'%s' is named for two outputs", outs[i]);
    return CLI_OK;
}

static st_signals *find_signals(const sv_table *t, const sv_codebook *cb, const st_rules *rules,
                                const sv_project *proj, const flag_args *a, st_result **res,
                                ceo_error *err)
{
    st_options so = {0};
    char dims[256];
    so.by = a->by ? a->by
                  : cli_own_dims(t, "gemeente,aanbieder,voorziening,gemeente+aanbieder", NULL, dims,
                                 sizeof dims, 1);
    so.min_n = a->min_n;
    so.indicative_n = st_indicative_n(proj);
    so.total_label = proj ? sv_project_get(proj, "regio", "naam") : NULL;
    if (!(*res = st_compute(t, &so, err)))
        return NULL;
    long thr = a->min_positive >= 0 ? a->min_positive
                                    : sv_project_int(proj, "signalen", "min_positief", -1);
    st_signal_options sig = {0.05, thr >= 0 ? (double)thr : NAN};
    return st_signals_find(*res, cb, rules, &sig, err);
}

/* Writes every output to its temporary file; commits all or none. Returns an exit code. */
static int write_outputs(const flag_args *a, const st_flags *flags, const st_signals *sig,
                         const sv_table *t, const st_rules *rules, const char *region,
                         const unsigned char *skip, sv_store *store, char *const *rids,
                         long *listed, long *list)
{
    ceo_error err;
    ceo_error_clear(&err);
    rp_csv *o[NOUT] = {NULL, NULL, NULL, NULL};
    const char *paths[NOUT] = {a->out, a->signals, a->summary, a->comments};
    /* the list (names, phones) and the comments (open answers) are personal data: 0600 */
    const int personal[NOUT] = {1, 0, 0, 1};
    int rc = CLI_OK;
    /* the word list before any output is opened: a missing list leaves no file behind */
    sv_wordlist *words = NULL;
    rp_redactor *red = NULL;
    if (a->comments && (!(words = sv_wordlist_load(getenv("CEO_WORDLIST"), &err)) ||
                        !(red = rp_redactor_new(words, &err))))
        rc = cli_report(&err);
    for (int i = 0; i < NOUT && rc == CLI_OK; i++)
        if ((i == 0 || paths[i]) &&
            !(o[i] = rp_csv_open(paths[i],
                                 (a->excel ? RP_CSV_EXCEL : 0) | (personal[i] ? RP_CSV_PRIVATE : 0),
                                 &err)))
            rc = cli_report(&err);
    if (rc == CLI_OK) {
        long comments = 0;
        ceo_status st = rp_followup_csv(o[0], flags, t, skip, listed, &err);
        if (st == CEO_OK && o[1])
            st = rp_signals_csv(o[1], sig, 2, &err);
        if (st == CEO_OK && o[2])
            st = rp_flag_summary_csv(o[2], flags, t, region, &err);
        if (st == CEO_OK && o[3])
            st = rp_comments_csv(o[3], t, rules, red, &comments, &err);
        if (st != CEO_OK)
            rc = cli_report(&err);
    }
    /* --new: the listed respondents are marked handed out in the transaction that read who
     * was handed out before (cmd_flag), committed only after the list is in place; a crash in
     * between hands them out again next time rather than never. */
    const char *name = a->out ? a->out : "-";
    if (rc == CLI_OK && store) {
        for (size_t i = 0; rc == CLI_OK && i < st_flags_count(flags); i++) {
            const st_flag *f = st_flags_at(flags, i);
            if (!f->consent || skip[f->row])
                continue;
            /* numbered on the first respondent: a run that lists nobody makes no list */
            if ((!*list && sv_store_new_list(store, name, list, &err) != CEO_OK) ||
                sv_store_mark_handed(store, rids[f->row], *list, name, &err) != CEO_OK)
                rc = cli_report(&err);
        }
    }
    /* The list first: if it cannot be put in place, nothing else is either. */
    for (int i = 0; i < NOUT; i++) {
        if (!o[i])
            continue;
        if (rc == CLI_OK) {
            if (rp_csv_commit(o[i], &err) != CEO_OK)
                rc = cli_report(&err);
        } else {
            rp_csv_abort(o[i]);
        }
    }
    if (store && rc == CLI_OK && sv_store_commit(store, &err) != CEO_OK)
        rc = cli_report(&err);
    else if (store && rc != CLI_OK)
        sv_store_rollback(store);
    rp_redactor_free(red);
    sv_wordlist_free(words);
    return rc;
}

/* A byte per row, set for respondents handed out before (--new: store not NULL), or NULL on
 * error. rids: the id each row is stored under (a respondent without a respondent_id has one of
 * the store's own). */
static unsigned char *handed_rows(sv_store *store, const sv_table *t, const st_flags *flags,
                                  char *const *rids, long *before, ceo_error *err)
{
    unsigned char *skip = ceo_calloc(sv_table_rows(t) + 1, 1);
    if (!skip) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    for (size_t i = 0; store && i < st_flags_count(flags); i++) {
        const st_flag *f = st_flags_at(flags, i);
        if (!f->consent)
            continue;
        int h = sv_store_handed(store, rids[f->row], err);
        if (h < 0) {
            ceo_free(skip);
            return NULL;
        }
        skip[f->row] = (unsigned char)h;
        *before += h;
    }
    return skip;
}

int cmd_flag(int argc, char **argv)
{
    flag_args a = {.min_n = -1, .min_positive = -1, .min_ernst = DEFAULT_MIN_ERNST};
    int rc = parse_args(argc, argv, &a);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    sv_codebook *cb;
    sv_project *proj;
    if ((rc = cli_load(a.dir, a.config, &cb, &proj)) != CLI_OK)
        return rc;
    a.min_n = st_min_n(proj, a.min_n);
    const char *region = proj ? sv_project_get(proj, "regio", "naam") : NULL;
    if (!region)
        region = "totaal";

    ceo_error err;
    ceo_error_clear(&err);
    st_rules *rules = st_rules_load(cb, &err);
    sv_table *t = rules ? sv_table_new(cb, SV_KEEP_TEXT, &err) : NULL;
    st_flags *flags = NULL;
    st_result *res = NULL;
    st_signals *sig = NULL;
    /* --new: the answers and who was handed out are read inside the write transaction that
     * marks the new ones (BEGIN IMMEDIATE): a second run started at the same time waits for
     * this one to commit (the busy timeout) and then sees its marks, so no respondent goes
     * into two lists. */
    sv_store *store = NULL;
    char **rids = NULL;
    size_t nrids = 0;
    if (!t)
        rc = cli_report(&err);
    else if (!a.only_new)
        rc = cli_read_source(t, proj, argv + optind, (size_t)(argc - optind), &a.src, &err);
    else if (!(store =
                   sv_store_open(a.src.store, SV_STORE_WRITE, cli_store_converting, NULL, &err)) ||
             sv_store_begin(store, &err) != CEO_OK)
        rc = cli_report(&err);
    else
        rc = cli_read_store(store, t, &a.src, &rids, &nrids, &err);
    if (rc == CLI_OK && !(flags = st_flag_table(rules, t, &err)))
        rc = cli_report(&err);
    if (rc == CLI_OK && a.signals && !(sig = find_signals(t, cb, rules, proj, &a, &res, &err))) {
        char text[2048];
        rc = err.code == CEO_EUSAGE
                 ? cli_usage("flag", "%s", cli_error_text(&err, text, sizeof text))
                 : cli_report(&err);
        cli_hint_missing(t, a.by);
    }
    long listed = 0, before = 0, list = 0, chosen = 0;
    unsigned char *skip = NULL;
    if (rc == CLI_OK &&
        !(skip = handed_rows(a.only_new ? store : NULL, t, flags, rids, &before, &err)))
        rc = cli_report(&err);
    if (rc == CLI_OK &&
        (chosen = st_flags_choose(flags, t, (int)a.min_ernst, a.max, skip, &err)) < 0)
        rc = cli_report(&err);
    if (rc == CLI_OK)
        rc = write_outputs(&a, flags, sig, t, rules, region, skip, store, rids, &listed, &list);
    if (store && rc != CLI_OK)
        sv_store_rollback(store); /* ended already when write_outputs ran; harmless then */
    ceo_free(skip);
    sv_store_ids_free(rids, nrids);
    sv_store_close(store);
    if (rc == CLI_OK) {
        int k = sv_codebook_find(cb, "contact_toestemming");
        if (k < 0 || !sv_table_has(t, k))
            cli_warn("no column asks for consent to be contacted (contact_toestemming); "
                     "nobody can be listed");
        size_t n = st_flags_count(flags);
        long nocons = 0;
        for (size_t i = 0; i < n; i++)
            nocons += !st_flags_at(flags, i)->consent;
        long rest = (long)n - listed - nocons - before;
        fprintf(stderr,
                "ceo: %zu of %zu respondents dissatisfied; %ld listed; not listed: %ld without "
                "consent, %ld below ernst %ld%s\n",
                n, sv_table_rows(t), listed, nocons, rest, a.min_ernst,
                a.max ? " or beyond --max" : "");
        if (a.only_new && list)
            fprintf(stderr,
                    "ceo: --new: %ld handed out before and left out of the list; this "
                    "list is number %ld (ceo followup --lists, --undo %ld)\n",
                    before, list, list);
        else if (a.only_new)
            fprintf(stderr, "ceo: --new: %ld handed out before; nobody new to list\n", before);
        if (sig)
            fprintf(stderr, "ceo: %zu signal%s\n", st_signals_count(sig),
                    st_signals_count(sig) == 1 ? "" : "s");
    }
    st_signals_free(sig);
    st_result_free(res);
    st_flags_free(flags);
    sv_table_free(t);
    st_rules_free(rules);
    sv_project_free(proj);
    sv_codebook_free(cb);
    return rc;
}
