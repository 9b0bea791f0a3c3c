/*
 * cmd_batch.c - `ceo batch`: the store of monthly batches for continuous measurement.
 *
 * batch add reads each file whole first (a file with errors or unrecognised values is
 * rejected before the store is touched), then adds it in one transaction.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/sha256.h"
#include "../survey/store.h"
#include "../report/csvout.h"
#include "cli.h"

static const char help[] =
    "usage: ceo batch add --store FILE.db [-c DIR] [--config FILE]\n"
    "                     [--accept-unknown | --skip-bad-rows] [--key FILE] FILE...\n"
    "       ceo batch list --store FILE.db\n"
    "       ceo batch remove --store FILE.db ID\n"
    "       ceo batch verify --store FILE.db\n"
    "\n"
    "Keeps the monthly batches of a continuous measurement in one store (an SQLite file,\n"
    "created on first use). Every command that reads exports reads the store too:\n"
    "  ceo stats --store FILE.db [--from YYYY-MM] [--to YYYY-MM] [--rolling 12]\n"
    "\n"
    "add     adds each file in one transaction: all of it or nothing. The same file again\n"
    "        adds nothing; an export that overlaps an earlier one adds only what is new (a\n"
    "        respondent is known by respondent_id, else by the answers themselves); a\n"
    "        respondent who answered twice counts with the later answer, and add says so.\n"
    "        A file that cannot be read, or that has values the codebook does not know, is\n"
    "        rejected whole, with the locations (ceo check lists them all); --accept-unknown\n"
    "        adds such a file with those values as missing; --skip-bad-rows adds the other\n"
    "        rows and lists the ones it left out.\n"
    "list    the batches: id, when added, file, respondents, answers it brought, of those\n"
    "        the ones that count now.\n"
    "remove  removes a batch; answers it replaced count again.\n"
    "verify  checks the database and the store's own bookkeeping.\n"
    "\n"
    "options:\n"
    "      --store FILE.db   the store (required)\n"
    "  -c, --codebook DIR    the codebook folder (default: the standard CEO Wmo codebook)\n"
    "      --config FILE     the survey project file\n"
    "      --accept-unknown  add a file even when it has unrecognised values (as missing)\n"
    "      --skip-bad-rows   add a file without the rows that have unrecognised values\n"
    "      --key FILE        pseudonymise respondent ids on reading (ceo pseudonymise); a\n"
    "                        store holds pseudonyms or ids as delivered, never both\n"
    "  -q, --quiet           no progress and no summary lines (for cron)\n"
    "  -h, --help            show this help\n"
    "\n"
    "exit status: 0 ok (also when there was nothing new); 1 a file was rejected or the store\n"
    "is damaged; 2 bad usage; 3 the store could not be opened or written (busy, disk full,\n"
    "not a store).\n";

enum { EXIT_STORE = 3 };

typedef struct {
    const char *store, *dir, *config;
    const char *key;
    int accept_unknown, skip_bad, quiet;
} batch_args;

static int store_exit(const ceo_error *err)
{
    cli_report(err);
    return err->code == CEO_EIO ? EXIT_STORE : CLI_EDATA;
}

static void progress(void *data, size_t done, size_t total)
{
    const char *file = data;
    fprintf(stderr, "\rceo batch add: %s: %zu of %zu respondents", file, done, total);
    if (done == total)
        fputc('\n', stderr);
}

/* Reads path into t; on success *repp is the reader's report (rows with unrecognised values
 * in it), to be freed by the caller. */
static int read_file(const char *path, const sv_project *proj, sv_table *t, char sha[65],
                     const batch_args *a, sv_report **repp)
{
    ceo_error err;
    ceo_error_clear(&err);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        ceo_error_set(&err, CEO_EIO, path, 0, 0, "cannot read the file");
        return cli_report(&err);
    }
    sv_sha256 h;
    sv_sha256_init(&h);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        sv_sha256_add(&h, buf, n);
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        ceo_error_set(&err, CEO_EIO, path, 0, 0, "cannot read the file");
        return cli_report(&err);
    }
    sv_sha256_hex(&h, sha);
    sv_report *rep = NULL;
    sv_table_set_year(t, cli_year());
    int krc = cli_use_key(t);
    if (krc != CLI_OK)
        return krc;
    if (sv_table_set_wordlist(t, getenv("CEO_WORDLIST")) != 0)
        ceo_error_set(&err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    else
        (void)sv_table_read(t, path, proj, &rep, &err);
    if (err.code != CEO_OK)
        return cli_report(&err);
    cli_warn_meta(rep);
    if (!a->quiet)
        cli_warn_inferred(rep);
    int rc = CLI_OK;
    if (rep->unknown_cells && a->skip_bad) {
        for (size_t i = 0; i < rep->nbad && !a->quiet; i++) {
            if (i == 20) {
                fprintf(stderr, "  and %zu more rows\n", rep->nbad - i);
                break;
            }
            fprintf(stderr, "%s:%ld: row skipped: it has an unrecognised value\n", path,
                    rep->bad_lines[i]);
        }
        for (size_t i = 0; i < rep->nunknown && i < 10 && !a->quiet; i++) {
            const sv_unknown *u = &rep->unknown[i];
            fprintf(stderr, "  column %d: '%s' (%ld time%s)\n", u->column, u->value, u->count,
                    u->count == 1 ? "" : "s");
        }
    } else if (rep->unknown_cells && !a->accept_unknown) {
        for (size_t i = 0; i < rep->nunknown && i < 10; i++) {
            const sv_unknown *u = &rep->unknown[i];
            fprintf(stderr, "ceo: %s:%ld:%d: unrecognised value '%s' (%ld time%s)\n", path,
                    u->lines[0], u->column, u->value, u->count, u->count == 1 ? "" : "s");
        }
        fprintf(stderr,
                "ceo: %s: rejected, nothing added: %ld unrecognised value%s (ceo check lists "
                "them all; --accept-unknown adds them as missing)\n",
                path, rep->unknown_cells, rep->unknown_cells == 1 ? "" : "s");
        rc = CLI_EDATA;
    }
    if (rc == CLI_OK)
        *repp = rep;
    else
        sv_report_free(rep);
    return rc;
}

static int batch_add(const batch_args *a, char **files, int nfiles)
{
    sv_codebook *cb;
    sv_project *proj;
    int rc = cli_load(a->dir, a->config, &cb, &proj);
    if (rc != CLI_OK)
        return rc;
    ceo_error err;
    ceo_error_clear(&err);
    sv_store *s = sv_store_open(a->store, SV_STORE_CREATE, cli_store_converting, NULL, &err);
    if (!s) {
        rc = store_exit(&err);
        goto done;
    }
    char version[300];
    snprintf(version, sizeof version, "%s", sv_codebook_dir(cb));
    int tty = isatty(2) && !a->quiet;
    for (int i = 0; i < nfiles && rc == CLI_OK; i++) {
        sv_table *t = sv_table_new(cb, SV_KEEP_TEXT, &err);
        char sha[65];
        if (!t) {
            rc = cli_report(&err);
            break;
        }
        sv_report *rep = NULL;
        rc = read_file(files[i], proj, t, sha, a, &rep);
        sv_store_added r;
        size_t nskip = rep && a->skip_bad ? rep->nbad : 0;
        if (rc == CLI_OK &&
            sv_store_add(s, t, files[i], sha, version, nskip ? rep->bad_rows : NULL, nskip,
                         tty ? progress : NULL, files[i], &r, &err) != CEO_OK) {
            rc = store_exit(&err);
        } else if (rc == CLI_OK) {
            if (r.already && !a->quiet)
                fprintf(stderr, "%s: already in the store as batch %ld; nothing added\n", files[i],
                        r.batch);
            else if (!a->quiet)
                fprintf(stderr,
                        "%s: batch %ld: %ld respondents, %ld new, %ld already stored, %ld "
                        "answered again (%ld later, %ld earlier than the stored answer)\n",
                        files[i], r.batch, r.respondents, r.added, r.unchanged,
                        r.replaced + r.older, r.replaced, r.older);
            if (nskip && !r.already && !a->quiet)
                fprintf(stderr, "%s: %zu row%s with unrecognised values left out\n", files[i],
                        nskip, nskip == 1 ? "" : "s");
            for (size_t k = 0; k < r.ntwice && !a->quiet; k++)
                fprintf(stderr, "  answered twice: %s\n", r.twice[k]);
            if (r.replaced + r.older > (long)r.ntwice && !a->quiet)
                fprintf(stderr, "  and %ld more\n", r.replaced + r.older - (long)r.ntwice);
            sv_store_added_free(&r);
        }
        sv_report_free(rep);
        sv_table_free(t);
    }
done:
    sv_store_close(s);
    sv_project_free(proj);
    sv_codebook_free(cb);
    return rc;
}

static int batch_list(const batch_args *a)
{
    ceo_error err;
    ceo_error_clear(&err);
    sv_store *s = sv_store_open(a->store, SV_STORE_READ, cli_store_converting, NULL, &err);
    if (!s)
        return store_exit(&err);
    sv_store_batch *b;
    size_t n;
    int rc = CLI_OK;
    if (sv_store_batches(s, &b, &n, &err) != CEO_OK) {
        rc = store_exit(&err);
    } else {
        static const char *const cols[] = {"id",      "added",    "file",   "respondents",
                                           "answers", "counting", "sha256", NULL};
        rp_csv *w = rp_csv_open(NULL, 0, &err);
        if (w) {
            rp_csv_header(w, cols);
            for (size_t i = 0; i < n; i++) {
                rp_csv_int(w, b[i].id);
                rp_csv_text(w, b[i].added);
                rp_csv_text(w, b[i].file);
                rp_csv_int(w, b[i].respondents);
                rp_csv_int(w, b[i].new_answers);
                rp_csv_int(w, b[i].current);
                rp_csv_text(w, b[i].sha256);
                rp_csv_end_row(w);
            }
        }
        if (!w || rp_csv_commit(w, &err) != CEO_OK)
            rc = cli_report(&err);
        ceo_free(b);
    }
    sv_store_close(s);
    return rc;
}

static int batch_remove(const batch_args *a, const char *idtext)
{
    long id;
    if (cli_parse_long(idtext, 1, 1000000000L, &id) != 0)
        return cli_usage("batch", "remove takes a batch id (ceo batch list shows them), not '%s'",
                         idtext);
    ceo_error err;
    ceo_error_clear(&err);
    sv_store *s = sv_store_open(a->store, SV_STORE_WRITE, cli_store_converting, NULL, &err);
    if (!s)
        return store_exit(&err);
    long removed = 0;
    int rc = CLI_OK;
    if (sv_store_remove(s, id, &removed, &err) != CEO_OK)
        rc = store_exit(&err);
    else if (!a->quiet)
        fprintf(stderr, "batch %ld removed with its %ld answers\n", id, removed);
    sv_store_close(s);
    return rc;
}

static int batch_verify(const batch_args *a)
{
    ceo_error err;
    ceo_error_clear(&err);
    sv_store *s = sv_store_open(a->store, SV_STORE_READ, cli_store_converting, NULL, &err);
    if (!s)
        return store_exit(&err);
    int rc = CLI_OK;
    if (sv_store_verify(s, &err) != CEO_OK)
        rc = store_exit(&err);
    else if (!a->quiet)
        fprintf(stderr, "%s: ok\n", a->store);
    sv_store_close(s);
    return rc;
}

int cmd_batch(int argc, char **argv)
{
    enum { O_STORE = 256, O_CONFIG, O_ACCEPT, O_SKIP, O_KEY };
    static const struct option longopts[] = {{"store", required_argument, NULL, O_STORE},
                                             {"codebook", required_argument, NULL, 'c'},
                                             {"config", required_argument, NULL, O_CONFIG},
                                             {"accept-unknown", no_argument, NULL, O_ACCEPT},
                                             {"skip-bad-rows", no_argument, NULL, O_SKIP},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"key", required_argument, NULL, O_KEY},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    batch_args a = {0};
    int opt;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, ":c:qh", longopts, NULL)) != -1) {
        switch (opt) {
        case O_STORE:
            a.store = optarg;
            break;
        case 'c':
            a.dir = optarg;
            break;
        case O_CONFIG:
            a.config = optarg;
            break;
        case O_ACCEPT:
            a.accept_unknown = 1;
            break;
        case O_SKIP:
            a.skip_bad = 1;
            break;
        case 'q':
            a.quiet = 1;
            break;
        case O_KEY:
            a.key = optarg;
            cli_set_key(optarg, 0);
            break;
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        case ':':
            return cli_usage("batch", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage("batch", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage("batch", "say what to do: add, list, remove or verify");
    const char *what = argv[optind++];
    int rest = argc - optind;
    if (strcmp(what, "add") && strcmp(what, "list") && strcmp(what, "remove") &&
        strcmp(what, "verify"))
        return cli_usage("batch", "'%s' is not add, list, remove or verify", what);
    if (!a.store)
        return cli_usage("batch", "name the store with --store FILE.db");
    if (strcmp(what, "add") == 0) {
        if (a.accept_unknown && a.skip_bad)
            return cli_usage("batch", "--accept-unknown and --skip-bad-rows do not go together");
        if (rest < 1)
            return cli_usage("batch", "add needs at least one export file");
    } else if (a.key) {
        return cli_usage("batch", "--key goes with add: it pseudonymises the files added");
    }
    if (strcmp(what, "add") == 0) {
        return batch_add(&a, argv + optind, rest);
    }
    if (strcmp(what, "remove") == 0) {
        if (rest != 1)
            return cli_usage("batch", "remove takes one batch id");
        return batch_remove(&a, argv[optind]);
    }
    if (rest != 0)
        return cli_usage("batch", "%s takes no files", what);
    return strcmp(what, "list") == 0 ? batch_list(&a) : batch_verify(&a);
}
