/*
 * cmd_pseudonymise.c - `ceo pseudonymise`: an export with pseudonyms in place of respondent ids,
 * and the key that makes them.
 *
 * The copy is written to a temporary file (0600: it still holds the contact fields of those
 * who consented) and put in place only when whole.
 */
#include <getopt.h>
#include <string.h>

#include "../base/output.h"
#include "../survey/pseudofile.h"
#include "cli.h"

/* clang-format off */
static const char help[] =
    "usage: ceo pseudonymise --key FILE -o OUT [-c DIR] [--config FILE] EXPORT\n"
    "       ceo pseudonymise --new-key FILE\n"
    "\n"
    "Replaces the respondent ids of an export, and every column named under [pseudoniem]\n"
    "kolommen in the project file, by pseudonyms: HMAC-SHA256 of the id under a secret key,\n"
    "written as P- and 16 characters. The same id and key give the same pseudonym every run\n"
    "and every year, so a store recognises a respondent who answers again; without the key a\n"
    "pseudonym leads back to nobody. The contact fields (contact_naam, contact_telefoon,\n"
    "contact_email) are emptied for every respondent who did not consent to be contacted.\n"
    "Every other byte of the export stays as it was: it reads exactly as before.\n"
    "\n"
    "Whoever may know the ids (the gemeente) keeps the key; the region works with the\n"
    "pseudonymised export, and `ceo batch add`, `stats`, `flag` and `report` take --key FILE\n"
    "to pseudonymise on reading instead.\n"
    "\n"
    "options:\n"
    "      --key FILE        the key (made with --new-key)\n"
    "      --new-key FILE    make a new key in FILE (mode 0600; never overwrites a file)\n"
    "  -o, --output FILE     the pseudonymised export (required with --key)\n"
    "  -c, --codebook DIR    the codebook folder (default: the standard CEO Wmo codebook)\n"
    "      --config FILE     the survey project file ([pseudoniem] kolommen)\n"
    "  -h, --help            show this help\n"
    "\n"
    "exit status: 0 ok; 1 a file could not be read or written; 2 bad usage.\n";
/* clang-format on */

int cmd_pseudonymise(int argc, char **argv)
{
    enum { O_KEY = 256, O_NEW_KEY, O_CONFIG };
    static const struct option longopts[] = {{"key", required_argument, NULL, O_KEY},
                                             {"new-key", required_argument, NULL, O_NEW_KEY},
                                             {"output", required_argument, NULL, 'o'},
                                             {"codebook", required_argument, NULL, 'c'},
                                             {"config", required_argument, NULL, O_CONFIG},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    const char *key_path = NULL, *new_key = NULL, *out = NULL, *dir = NULL, *config = NULL;
    int opt;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, ":o:c:h", longopts, NULL)) != -1) {
        switch (opt) {
        case O_KEY:
            key_path = optarg;
            break;
        case O_NEW_KEY:
            new_key = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        case 'c':
            dir = optarg;
            break;
        case O_CONFIG:
            config = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        case ':':
            return cli_usage("pseudonymise", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage("pseudonymise", "unknown option '%s'", argv[optind - 1]);
        }
    }
    int nfiles = argc - optind;
    ceo_error err;
    ceo_error_clear(&err);
    if (new_key) {
        if (key_path || out || nfiles)
            return cli_usage("pseudonymise", "--new-key makes a key and takes nothing else");
        if (sv_key_create(new_key, &err) != CEO_OK)
            return cli_report(&err);
        fprintf(stderr,
                ceo_tr("ceo: a new key in %s: keep it with whoever may know the ids, "
                       "and never send it along with the data"),
                new_key);
        fputc('\n', stderr);
        return CLI_OK;
    }
    if (!key_path)
        return cli_usage("pseudonymise", "--key FILE is required (--new-key FILE makes one)");
    if (!out)
        return cli_usage("pseudonymise", "-o FILE is required: the pseudonymised export");
    if (nfiles != 1)
        return cli_usage("pseudonymise", "give one export file");
    if (strcmp(out, argv[optind]) == 0)
        return cli_usage("pseudonymise", "the output must not be the export itself");
    sv_codebook *cb;
    sv_project *proj;
    int rc = cli_load(dir, config, &cb, &proj);
    if (rc != CLI_OK)
        return rc;
    sv_key *key = sv_key_load(key_path, &err);
    ceo_out *o = key ? ceo_out_open_private(out, &err) : NULL;
    sv_pseudo_stats ps;
    if (!o)
        rc = cli_report(&err);
    else if (sv_pseudonymise_file(argv[optind], cb, proj, key, ceo_out_file(o), &ps, &err) !=
             CEO_OK) {
        ceo_out_abort(o);
        rc = cli_report(&err);
    } else if (ceo_out_commit(o, &err) != CEO_OK) {
        rc = cli_report(&err);
    }
    if (rc == CLI_OK) {
        if (!ps.id_column)
            cli_warn("%s: no respondent_id column; no respondent can be recognised, and every "
                     "contact field was emptied",
                     argv[optind]);
        fprintf(stderr,
                ceo_tr("ceo: %s: %ld rows, %ld ids replaced by pseudonyms (%ld were "
                       "pseudonyms already), %ld contact fields emptied (no consent); %ld rows "
                       "keep theirs"),
                out, ps.rows, ps.pseudonyms, ps.kept, ps.emptied, ps.consenting);
        fputc('\n', stderr);
    }
    sv_key_free(key);
    sv_project_free(proj);
    sv_codebook_free(cb);
    return rc;
}
