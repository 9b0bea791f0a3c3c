/*
 * cli.h - what the commands share: error printing, codebook and project loading, exit codes.
 *
 * Only cli/ prints, exits or reads argv and the environment.
 */
#ifndef CEO_CLI_H
#define CEO_CLI_H

#include <stdio.h>

#include "../base/base.h"
#include "../survey/codebook.h"
#include "../survey/project.h"
#include "../survey/store.h"
#include "../survey/survey.h"

enum { CLI_OK = 0, CLI_EDATA = 1, CLI_EUSAGE = 2 };

/* Chooses the language of the messages from LC_ALL, LC_MESSAGES or LANG (LANGUAGE as GNU
 * gettext reads it) and finds ceo's catalogue: beside the program in a build tree, else the
 * installed one. Only the messages change with the locale. Called first by main. */
void cli_messages_init(void);

/* The printing helpers below translate their format (ceo_tr) before filling it in. */

/* Prints "ceo: path:line:column: message" (parts that are unknown are left out) to stderr
 * and returns the exit code for the error. The message is cli_error_text's. */
int cli_report(const ceo_error *err);

/* The message of err in the command line's terms, written to buf (size bytes) and returned:
 * the library's message speaks of the data, and for what it concerns of the request
 * (ceo_error.about) the option that asked for it comes before it, or the option or command that
 * helps after it. */
const char *cli_error_text(const ceo_error *err, char *buf, size_t size);

/* Prints "ceo COMMAND: message" and "try 'ceo COMMAND --help'" to stderr; returns 2. */
int cli_usage(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints a warning "ceo: warning: ..." to stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Writes the project file of `ceo check --write-config` to out: config's text (when given),
 * then [kolommen] and [codes] from the reports of the files read. Returns 0 or the exit code
 * after printing. */
int cli_write_config(const char *out, const char *config, const sv_codebook *cb,
                     sv_report *const *reps, size_t n);

/* Remembers the unused columns of a file read that resemble codebook items (sv_colinfo.cand);
 * cli_candidate_hint then names the one that resembles item_id most, with the command that
 * writes its mapping, for a message about a column the export lacks; NULL when none does. The
 * string is valid until the next call. */
void cli_remember_candidates(const sv_report *rep);
const char *cli_candidate_hint(const sv_codebook *cb, const char *item_id);
/* After a run stopped for a dimension the export has no column for: prints which column of the
 * files read resembles the first such dimension of by (a --by list), and how to map it. */
void cli_hint_missing(const sv_table *t, const char *by);
/* The same for one codebook item (a dimension) the export has no column for. */
void cli_hint_column(const sv_codebook *cb, const char *name);

/* After cli_read_all: when a value of the gewicht column was no weight (0, below 0, text),
 * prints the first with its path:line:column and returns 1, for a run that weighs by it;
 * else returns 0. */
int cli_bad_weight(void);

/* Warns the notes of what reading the file had to infer (a scale's direction), one line each. */
void cli_warn_inferred(const sv_report *rep);

/* Loads the project file (when config is non-NULL) and the codebook: -c DIR if given, else the
 * project's codeboek, else the standard one. Returns 0, or the exit code after printing. */
int cli_load(const char *codebook_dir, const char *config, sv_codebook **cb, sv_project **proj);

/* The folder templates/SUB (ceo-wmo, vws, ...): next to the program (a build tree: up to three
 * folders up), else in the installed data folder. The path stays valid until the program
 * ends. */
const char *cli_template_dir(const char *sub);

/* The folder of the standard codebook: cli_template_dir("ceo-wmo"). */
const char *cli_default_codebook(void);

/* Parses a whole number in [min, max] into *out; returns 0, or -1 when s is not one. */
int cli_parse_long(const char *s, long min, long max, long *out);

/* The dimensions a command chooses itself (never a --by the user gave: that one stops when a
 * column is missing), without those that need an optional role (aanbieder, voorziening) the
 * export has no column for, unless needed (a comma list, or NULL) names the role. When warn is
 * set, says in one warning what is left out and how to map it. Returns buf (size bytes), or by
 * itself when buf is too small. */
const char *cli_own_dims(const sv_table *t, const char *by, const char *needed, char *buf,
                         size_t size, int warn);
/* That warning: left is the comma list of the roles left out ("aanbieder,voorziening"). */
void cli_warn_left_out(const char *left);

/* The current year that dates are read against (sv_table_set_year): CEO_YEAR from the
 * environment when set, so that tests hold in any year; else 0, the clock's. */
int cli_year(void);

/* Warns (one line each) when the platform's metadata left responses out of rep, or marked some
 * with a status ceo does not know. */
void cli_warn_meta(const sv_report *rep);

/* Reads the exports into t, warning about what was read as missing and what was left out.
 * Returns an exit code. */
int cli_read_all(sv_table *t, const sv_project *proj, char *const *files, size_t n, ceo_error *err);

/* Where the answers come from: export files, or the batch store (--store FILE.db with
 * --from YYYY-MM, --to YYYY-MM, --rolling N months up to --to or the latest month). Every
 * command that reads answers takes these options: add CLI_SOURCE_OPTIONS to its long options
 * and pass every option to cli_source_option first. */
typedef struct {
    const char *store;
    const char *key; /* --key FILE: ids pseudonymised on reading (cli_use_key) */
    int from, to;    /* YYYYMM, 0 when open */
    long rolling;    /* months, 0 when not asked */
} cli_source;

/* Says on stderr that a store of an older schema is being converted (sv_store_open). */
void cli_store_converting(void *data, const char *path, int from, int to);

enum { CLI_O_STORE = 0x1000, CLI_O_FROM, CLI_O_TO, CLI_O_ROLLING, CLI_O_KEY };
/* One option per line. */
/* clang-format off */
#define CLI_SOURCE_OPTIONS                                                                     \
    {"store", required_argument, NULL, CLI_O_STORE},                                           \
    {"from", required_argument, NULL, CLI_O_FROM},                                             \
    {"to", required_argument, NULL, CLI_O_TO},                                                 \
    {"rolling", required_argument, NULL, CLI_O_ROLLING},                                       \
    {"key", required_argument, NULL, CLI_O_KEY}
/* clang-format on */

/* The help lines of those options, for help texts aligned at column 22 and 24. */
#define CLI_SOURCE_HELP_NARROW                                                                     \
    "      --store FILE.db read the answers from a batch store (ceo batch) instead of files\n"     \
    "      --from YYYY-MM  with --store: answers dated from this month\n"                          \
    "      --to YYYY-MM    with --store: answers dated up to this month\n"                         \
    "      --rolling N     with --store: the N months up to --to (default: the latest)\n"          \
    "      --key FILE      pseudonymise respondent ids on reading (ceo pseudonymise)\n"
#define CLI_SOURCE_HELP                                                                            \
    "      --store FILE.db   read the answers from a batch store (ceo batch) instead of files\n"   \
    "      --from YYYY-MM    with --store: answers dated from this month\n"                        \
    "      --to YYYY-MM      with --store: answers dated up to this month\n"                       \
    "      --rolling N       with --store: the N months up to --to (default: the latest)\n"        \
    "      --key FILE        pseudonymise respondent ids on reading (ceo pseudonymise)\n"

/* 1 when opt was a source option (stored in src), 0 when it is not one, or -2 (exit 2, after a
 * usage message) when its value is bad. */
int cli_source_option(const char *command, int opt, const char *arg, cli_source *src);

/* Checks the combination of files and source options; returns 0 or exit 2 after a message. */
int cli_source_check(const char *command, const cli_source *src, int nfiles);

/* Reads the answers into t: the files, or the store's current answers in the months asked.
 * Returns an exit code (after printing). */
int cli_read_source(sv_table *t, const sv_project *proj, char *const *files, size_t n,
                    const cli_source *src, ceo_error *err);

/* As cli_read_source from the store s, already open; *rids (when not NULL) receives the
 * respondent id each row is stored under, *nrids of them (sv_store_read_ids). */
int cli_read_store(sv_store *s, sv_table *t, const cli_source *src, char ***rids, size_t *nrids,
                   ceo_error *err);

/* --key FILE: every table that cli_read_all (or cli_use_key) fills from then on pseudonymises
 * its ids on reading with the key in path (loaded once); originals: also keep the original of
 * each respondent id, for the follow-up list (ceo flag). */
void cli_set_key(const char *path, int originals);
/* Sets the key of cli_set_key on t; returns 0, or the exit code after printing when the key
 * cannot be read. */
int cli_use_key(sv_table *t);

int cmd_check(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_flag(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_dashboard(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_followup(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_pseudonymise(int argc, char **argv);

#endif
