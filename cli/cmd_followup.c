/*
 * cmd_followup.c - `ceo followup`: what came of the follow-up lists that `ceo flag --store
 * --new` handed out. Records an outcome per respondent, lists the cases still open, lists the
 * numbered lists, and undoes a list.
 *
 * Only the store is read and written; no contact detail is ever printed here (the follow-up
 * list holds them). A respondent whose consent no longer holds (the latest answer's, withdrawal
 * included: sv_store_read_ids) is never open: the team must not call them again.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../report/csvout.h"
#include "../survey/names.h"
#include "../survey/pii.h"
#include "cli.h"

/* clang-format off */
static const char help[] =
    "usage: ceo followup --store FILE [-c DIR] [--config FILE] [-o FILE] [--excel]\n"
    "       ceo followup --store FILE --record ID --outcome OUTCOME [--date YYYY-MM-DD]\n"
    "                    [--note TEXT]\n"
    "       ceo followup --store FILE --lists\n"
    "       ceo followup --store FILE --undo N\n"
    "\n"
    "Keeps what came of the follow-up lists that ceo flag --store --new handed out.\n"
    "\n"
    "Without --record, --lists or --undo: the open cases, one row per respondent handed out\n"
    "with no outcome yet, or whose latest outcome is bereikt or niet_bereikt (respondent_id,\n"
    "lijst, uitgegeven, pogingen, laatste_uitkomst, datum, notitie). A respondent whose\n"
    "latest answer in the store no longer gives consent to be contacted (withdrawn in a\n"
    "later batch) is never open: the count is said on standard error, and they must not be\n"
    "called. No contact details are printed: those are in the follow-up list itself.\n"
    "\n"
    "--record ID --outcome OUTCOME records an outcome for a respondent handed out before\n"
    "(ID as in the follow-up list's respondent_id). Outcomes:\n"
    "  bereikt         reached; the interview is still to be held (stays open)\n"
    "  niet_bereikt    not reached; to try again (stays open)\n"
    "  gesprek_gehad   the interview was held (closed)\n"
    "  geweigerd       the respondent declined (closed; do not call again)\n"
    "Each call adds one; the latest by date (then the one recorded last) counts. A note says\n"
    "what was agreed, never who: a note with a phone number, e-mail address, BSN, IBAN,\n"
    "address or name is refused (the contact details stay in the list).\n"
    "\n"
    "--lists: the numbered lists (number, file, when, respondents, with an outcome).\n"
    "--undo N: list N counts as not handed out: its respondents come back in the next\n"
    "ceo flag --store --new. Refused once an outcome is recorded for any of them.\n"
    "\n"
    "options:\n"
    "      --store FILE      the batch store (required)\n"
    "  -c, --codebook DIR    the codebook folder (default: the standard CEO Wmo codebook)\n"
    "      --config FILE     the survey project file\n"
    "  -o, --output FILE     write the listing here (default: standard output)\n"
    "      --excel           CSV for Dutch Excel: semicolons, UTF-8 BOM\n"
    "      --record ID       record an outcome for respondent ID\n"
    "      --outcome OUTCOME bereikt, niet_bereikt, gesprek_gehad or geweigerd\n"
    "      --date YYYY-MM-DD the day of the call (default: today)\n"
    "      --note TEXT       what was agreed (no personal data)\n"
    "      --lists           list the numbered lists\n"
    "      --undo N          undo list N\n"
    "  -h, --help            show this help\n"
    "\n"
    "exit status: 0 ok; 1 the store could not be read or written, or the request was refused;\n"
    "2 bad usage.\n";
/* clang-format on */

typedef struct {
    const char *store, *dir, *config, *out, *record, *outcome, *date, *note;
    int excel, lists;
    long undo;
} followup_args;

static int valid_date(const char *s)
{
    int y, m, d;
    char tail;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return 0;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

static int parse_args(int argc, char **argv, followup_args *a)
{
    enum { O_STORE = 256, O_CONFIG, O_EXCEL, O_RECORD, O_OUTCOME, O_DATE, O_NOTE, O_LISTS, O_UNDO };
    static const struct option longopts[] = {{"store", required_argument, NULL, O_STORE},
                                             {"codebook", required_argument, NULL, 'c'},
                                             {"config", required_argument, NULL, O_CONFIG},
                                             {"output", required_argument, NULL, 'o'},
                                             {"excel", no_argument, NULL, O_EXCEL},
                                             {"record", required_argument, NULL, O_RECORD},
                                             {"outcome", required_argument, NULL, O_OUTCOME},
                                             {"date", required_argument, NULL, O_DATE},
                                             {"note", required_argument, NULL, O_NOTE},
                                             {"lists", no_argument, NULL, O_LISTS},
                                             {"undo", required_argument, NULL, O_UNDO},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int opt;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, ":c:o:h", longopts, NULL)) != -1) {
        switch (opt) {
        case O_STORE:
            a->store = optarg;
            break;
        case 'c':
            a->dir = optarg;
            break;
        case O_CONFIG:
            a->config = optarg;
            break;
        case 'o':
            a->out = optarg;
            break;
        case O_EXCEL:
            a->excel = 1;
            break;
        case O_RECORD:
            a->record = optarg;
            break;
        case O_OUTCOME:
            if (!sv_outcome_parse(optarg))
                return cli_usage("followup",
                                 "--outcome is bereikt, niet_bereikt, gesprek_gehad or "
                                 "geweigerd, not '%s'",
                                 optarg);
            a->outcome = optarg;
            break;
        case O_DATE:
            if (!valid_date(optarg))
                return cli_usage("followup", "--date takes a day as YYYY-MM-DD, not '%s'", optarg);
            a->date = optarg;
            break;
        case O_NOTE:
            a->note = optarg;
            break;
        case O_LISTS:
            a->lists = 1;
            break;
        case O_UNDO:
            if (cli_parse_long(optarg, 1, 1000000000, &a->undo) != 0)
                return cli_usage("followup", "--undo takes a list number, not '%s'", optarg);
            break;
        case 'h':
            fputs(help, stdout);
            return -1;
        case ':':
            return cli_usage("followup", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage("followup", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage("followup", "no files are read, only the store: '%s'", argv[optind]);
    if (!a->store)
        return cli_usage("followup", "give the store with --store FILE");
    if ((a->record != NULL) + a->lists + (a->undo > 0) > 1)
        return cli_usage("followup", "--record, --lists and --undo go one at a time");
    if (a->record && !a->outcome)
        return cli_usage("followup", "--record needs --outcome");
    if (!a->record && (a->outcome || a->date || a->note))
        return cli_usage("followup", "--outcome, --date and --note go with --record ID");
    if (a->note && strlen(a->note) > 500)
        return cli_usage("followup", "--note is at most 500 characters");
    return CLI_OK;
}

/* 0 when the note holds no personal data; else prints why and returns the exit code. */
static int check_note(const char *note)
{
    ceo_error err;
    ceo_error_clear(&err);
    sv_wordlist *words = sv_wordlist_load(getenv("CEO_WORDLIST"), &err);
    sv_pii *pii = words ? sv_pii_new(words, &err) : NULL;
    if (!pii) {
        sv_wordlist_free(words);
        return cli_report(&err);
    }
    const int *owner;
    unsigned found = 0;
    int rc = sv_pii_scan(pii, note, strlen(note), &owner, &found);
    sv_pii_free(pii);
    sv_wordlist_free(words);
    if (rc == -1) {
        ceo_error_set(&err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return cli_report(&err);
    }
    if (rc == -2)
        found = SV_PII_NAAM;
    if (!found)
        return CLI_OK;
    char what[128];
    sv_pii_describe(found, what, sizeof what);
    ceo_error_set(&err, CEO_EDATA, NULL, 0, 0,
                  "--note holds personal data (%s); write what was agreed, not who: the "
                  "follow-up list holds the contact details",
                  what);
    return cli_report(&err);
}

static int record(sv_store *s, const followup_args *a)
{
    int rc = a->note ? check_note(a->note) : CLI_OK;
    if (rc != CLI_OK)
        return rc;
    char today[16];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    ceo_error err;
    ceo_error_clear(&err);
    if (sv_store_record_outcome(s, a->record, sv_outcome_parse(a->outcome),
                                a->date ? a->date : today, a->note ? a->note : "", &err))
        return cli_report(&err);
    fprintf(stderr, "ceo: %s: %s recorded (%s)\n", a->record, a->outcome,
            a->date ? a->date : today);
    return CLI_OK;
}

static int undo(sv_store *s, long id)
{
    ceo_error err;
    ceo_error_clear(&err);
    long n = 0;
    if (sv_store_undo_list(s, id, &n, &err))
        return cli_report(&err);
    fprintf(stderr, "ceo: list %ld undone: %ld respondents count as not handed out again\n", id, n);
    return CLI_OK;
}

static int write_lists(sv_store *s, const followup_args *a)
{
    static const char *const cols[] = {"lijst",        "bestand",      "uitgegeven",
                                       "respondenten", "met_uitkomst", NULL};
    ceo_error err;
    ceo_error_clear(&err);
    sv_store_list *l = NULL;
    size_t n = 0;
    if (sv_store_lists(s, &l, &n, &err))
        return cli_report(&err);
    rp_csv *w = rp_csv_open(a->out, a->excel ? RP_CSV_EXCEL : 0, &err);
    if (!w) {
        ceo_free(l);
        return cli_report(&err);
    }
    rp_csv_header(w, cols);
    for (size_t i = 0; i < n; i++) {
        rp_csv_int(w, l[i].id);
        rp_csv_text(w, l[i].name);
        rp_csv_text(w, l[i].at);
        rp_csv_int(w, l[i].handed);
        rp_csv_int(w, l[i].with_outcome);
        rp_csv_end_row(w);
    }
    ceo_free(l);
    return rp_csv_commit(w, &err) ? cli_report(&err) : CLI_OK;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The stored ids of the respondents whose latest answer consents to be contacted, sorted, *n of
 * them (freed with sv_store_ids_free); NULL after printing an error (*rc set). */
static char **consenting(sv_store *s, const followup_args *a, size_t *n, int *rc)
{
    sv_codebook *cb = NULL;
    sv_project *proj = NULL;
    *n = 0;
    if ((*rc = cli_load(a->dir, a->config, &cb, &proj)) != CLI_OK)
        return NULL;
    ceo_error err;
    ceo_error_clear(&err);
    char **rids = NULL, **yes = NULL;
    long read = 0, skipped = 0;
    sv_table *t = sv_table_new(cb, 0, &err);
    if (!t || sv_store_read_ids(s, t, 0, 0, &read, &skipped, &rids, &err)) {
        *rc = cli_report(&err);
        goto done;
    }
    int k = sv_codebook_find(cb, "contact_toestemming");
    const sv_item *it = k >= 0 ? sv_codebook_item(cb, (size_t)k) : NULL;
    const sv_scale *sc = it && it->scale >= 0 ? sv_codebook_scale(cb, it->scale) : NULL;
    int ja = 0;
    for (size_t c = 0; sc && c < sc->ncats; c++)
        if (strcmp(sc->cats[c].id, "ja") == 0)
            ja = (int)c + 1;
    const uint16_t *codes = k >= 0 && sv_table_has(t, k) ? sv_table_codes(t, k) : NULL;
    if (!(yes = ceo_calloc((size_t)read + 1, sizeof *yes))) {
        ceo_error_set(&err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        *rc = cli_report(&err);
        goto done;
    }
    /* the consenting ids are taken over from rids; rids keeps the others */
    for (size_t i = 0; i < (size_t)read; i++)
        if (codes && ja && codes[i] == ja) {
            yes[(*n)++] = rids[i];
            rids[i] = NULL;
        }
    qsort(yes, *n, sizeof *yes, by_text);
done:
    sv_store_ids_free(rids, (size_t)read);
    sv_table_free(t);
    sv_project_free(proj);
    sv_codebook_free(cb);
    return yes;
}

static int write_open(sv_store *s, const followup_args *a)
{
    ceo_error err;
    ceo_error_clear(&err);
    int rc = CLI_OK;
    size_t nyes = 0, nf = 0;
    char **yes = consenting(s, a, &nyes, &rc);
    if (!yes)
        return rc;
    sv_store_followup *f = NULL;
    if (sv_store_followups(s, &f, &nf, &err)) {
        sv_store_ids_free(yes, nyes);
        return cli_report(&err);
    }
    static const char *const cols[] = {"respondent_id",    "lijst", "uitgegeven", "pogingen",
                                       "laatste_uitkomst", "datum", "notitie",    NULL};
    rp_csv *w = rp_csv_open(a->out, (a->excel ? RP_CSV_EXCEL : 0) | RP_CSV_PRIVATE, &err);
    if (!w) {
        ceo_free(f);
        sv_store_ids_free(yes, nyes);
        return cli_report(&err);
    }
    rp_csv_header(w, cols);
    long open = 0, closed = 0, withdrawn = 0;
    for (size_t i = 0; i < nf; i++) {
        if (f[i].last == SV_OUTCOME_INTERVIEW || f[i].last == SV_OUTCOME_REFUSED) {
            closed++;
            continue;
        }
        const char *key = f[i].rid;
        if (!bsearch(&key, yes, nyes, sizeof *yes, by_text)) {
            withdrawn++;
            continue;
        }
        open++;
        char handed[11];
        snprintf(handed, sizeof handed, "%.10s", f[i].handed); /* the day of the timestamp */
        rp_csv_text(w, f[i].rid);
        rp_csv_int(w, f[i].list);
        rp_csv_text(w, handed);
        rp_csv_int(w, f[i].attempts);
        rp_csv_text(w, sv_outcome_id(f[i].last));
        rp_csv_text(w, f[i].last_date);
        rp_csv_text(w, f[i].last_note);
        rp_csv_end_row(w);
    }
    ceo_free(f);
    sv_store_ids_free(yes, nyes);
    if (rp_csv_commit(w, &err))
        return cli_report(&err);
    fprintf(stderr, "ceo: %ld open, %ld closed (gesprek_gehad, geweigerd)\n", open, closed);
    if (withdrawn)
        cli_warn("%ld handed out no longer consent to be contacted (withdrawn in a later "
                 "answer, or no longer in the store) and are not listed: do not call them",
                 withdrawn);
    return CLI_OK;
}

int cmd_followup(int argc, char **argv)
{
    followup_args a = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    ceo_error err;
    ceo_error_clear(&err);
    int writes = a.record || a.undo;
    sv_store *s = sv_store_open(a.store, writes ? SV_STORE_WRITE : SV_STORE_READ,
                                cli_store_converting, NULL, &err);
    if (!s)
        return cli_report(&err);
    if (a.record)
        rc = record(s, &a);
    else if (a.undo)
        rc = undo(s, a.undo);
    else if (a.lists)
        rc = write_lists(s, &a);
    else
        rc = write_open(s, &a);
    sv_store_close(s);
    return rc;
}
