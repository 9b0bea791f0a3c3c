/*
 * common.c - error output and loading shared by the commands.
 *
 * Every message starts with the program name; data errors carry path:line:column, usage
 * errors name the command and point at its --help (lua.c's boundary, kept small).
 *
 * The helpers translate the format they are given (ceo_tr) before they fill it in, as
 * ceo_error_set does, so a message passed to them is an English literal that xgettext finds by
 * the helper's name (po/extract.sh) and no call site mentions gettext.
 */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CEO_NO_NLS
#include <libintl.h>
#endif

#include "cli.h"
#include "../stats/stats.h"
#include "../survey/store.h"

#ifndef CEO_DATADIR
#define CEO_DATADIR "/usr/local/share/ceo"
#endif

int cli_report(const ceo_error *err)
{
    fputs("ceo: ", stderr);
    if (err->path[0]) {
        fputs(err->path, stderr);
        if (err->line > 0) {
            fprintf(stderr, ":%ld", err->line);
            if (err->column > 0)
                fprintf(stderr, ":%ld", err->column);
        }
        fputs(": ", stderr);
    }
    char text[2048];
    fprintf(stderr, "%s\n", cli_error_text(err, text, sizeof text));
    return err->code == CEO_EUSAGE ? CLI_EUSAGE : CLI_EDATA;
}

const char *cli_error_text(const ceo_error *err, char *buf, size_t size)
{
    const char *msg = err->message[0] ? err->message : ceo_tr(ceo_status_name(err->code));
    const char *about = err->about ? err->about : "", *path = err->path;
    if (strcmp(about, ST_ABOUT_WEIGHTS) == 0)
        snprintf(buf, size, "--weights: %s", msg);
    else if (strcmp(about, ST_ABOUT_PERIOD) == 0)
        snprintf(buf, size, "%s (--period month|quarter|year)", msg);
    else if (strcmp(about, SV_ABOUT_COLUMNS) == 0)
        snprintf(buf, size, ceo_tr("%s ('ceo check --raw %s' shows its columns)"), msg, path);
    else if (strcmp(about, SV_ABOUT_BSN) == 0)
        snprintf(buf, size, "%s ('ceo pseudonymise --key FILE -o OUT %s', or --key FILE)", msg,
                 path);
    else if (strcmp(about, SV_ABOUT_KEY_FILE) == 0)
        snprintf(buf, size, ceo_tr("%s ('ceo pseudonymise --new-key FILE' makes one)"), msg);
    else if (strcmp(about, SV_ABOUT_KEY) == 0)
        snprintf(buf, size, "%s (--key FILE)", msg);
    else if (strcmp(about, SV_ABOUT_HANDED_OUT) == 0)
        snprintf(buf, size, "%s (ceo flag --store --new)", msg);
    else
        snprintf(buf, size, "%s", msg);
    return buf;
}

int cli_usage(const char *command, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "ceo %s: ", command);
    va_start(ap, fmt);
    vfprintf(stderr, ceo_tr(fmt), ap);
    va_end(ap);
    fputc('\n', stderr);
    fprintf(stderr, ceo_tr("try 'ceo %s --help'"), command);
    fputc('\n', stderr);
    return CLI_EUSAGE;
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "ceo: %s: ", ceo_tr("warning"));
    va_start(ap, fmt);
    vfprintf(stderr, ceo_tr(fmt), ap);
    va_end(ap);
    fputc('\n', stderr);
}

static int is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode) && access(path, R_OK | X_OK) == 0;
}

const char *cli_template_dir(const char *sub)
{
    /* One slot per folder asked for, so every path returned stays valid. */
    static struct {
        char sub[64];
        char path[PATH_MAX];
    } found[8];
    static size_t nfound;
    for (size_t i = 0; i < nfound; i++)
        if (strcmp(found[i].sub, sub) == 0)
            return found[i].path;
    static char spare[PATH_MAX]; /* when every slot is taken: valid until the next call */
    char *out = spare;
    if (nfound < sizeof found / sizeof found[0] && strlen(sub) < sizeof found[0].sub) {
        snprintf(found[nfound].sub, sizeof found[nfound].sub, "%s", sub);
        out = found[nfound++].path;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        /* In a build tree the program is build/ceo or build/<variant>/ceo: look up to three
         * folders up for templates/. */
        for (int up = 0; up < 3; up++) {
            char *slash = strrchr(exe, '/');
            if (!slash)
                break;
            *slash = '\0';
            if (snprintf(out, PATH_MAX, "%s/templates/%s", exe, sub) < PATH_MAX && is_dir(out))
                return out;
        }
    }
    snprintf(out, PATH_MAX, "%s/templates/%s", CEO_DATADIR, sub);
    return out;
}

const char *cli_default_codebook(void)
{
    return cli_template_dir("ceo-wmo");
}

int cli_load(const char *codebook_dir, const char *config, sv_codebook **cb, sv_project **proj)
{
    ceo_error err;
    ceo_error_clear(&err);
    *cb = NULL;
    *proj = NULL;
    if (config && !(*proj = sv_project_load(config, &err)))
        return cli_report(&err);
    const char *dir = codebook_dir;
    if (!dir && *proj)
        dir = sv_project_path(*proj, "regio", "codeboek");
    if (!dir)
        dir = cli_default_codebook();
    if (!(*cb = sv_codebook_load(dir, &err))) {
        if (!codebook_dir && !(*proj && sv_project_path(*proj, "regio", "codeboek")) &&
            err.code == CEO_EIO) {
            snprintf(err.message, sizeof err.message,
                     "the standard codebook is not here (run 'make install', or give a codebook "
                     "folder with -c DIR)");
        }
        sv_project_free(*proj);
        *proj = NULL;
        return cli_report(&err);
    }
    /* [codes]: per scale the numeric codes in category order. */
    size_t n = *proj ? sv_project_count(*proj, "codes") : 0;
    for (size_t i = 0; i < n; i++) {
        const char *key, *value;
        long line;
        sv_project_entry(*proj, "codes", i, &key, &value, &line);
        int scale = sv_codebook_find_scale(*cb, key);
        int codes[64];
        size_t nc = 0;
        const char *p = value;
        int ok = scale >= 0;
        while (ok && *p) {
            char *end;
            long v = strtol(p, &end, 10);
            ok = end != p && nc < 64 && v >= -9999 && v <= 9999;
            if (ok) {
                codes[nc++] = (int)v;
                while (*end == ' ')
                    end++;
                if (*end == ',')
                    end++;
                else if (*end)
                    ok = 0;
                p = end;
            }
        }
        ceo_error e2;
        ceo_error_clear(&e2);
        if (!ok || sv_codebook_set_codes(*cb, scale, codes, nc, &e2) != CEO_OK) {
            ceo_error_set(&err, CEO_EDATA, sv_project_file(*proj), line, 0, "[codes] %s: %s", key,
                          scale < 0       ? "no such scale in the codebook"
                          : e2.message[0] ? e2.message
                                          : "expected whole numbers separated by commas");
            sv_codebook_free(*cb);
            sv_project_free(*proj);
            *cb = NULL;
            *proj = NULL;
            return cli_report(&err);
        }
    }
    return CLI_OK;
}

int cli_parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int cli_year(void)
{
    /* Read once: every table of a run reads dates against the same year. */
    static int year = -1;
    if (year >= 0)
        return year;
    year = 0;
    const char *v = getenv("CEO_YEAR");
    long y;
    if (v && *v) {
        if (cli_parse_long(v, 1900, 9999, &y) == 0)
            year = (int)y;
        else
            cli_warn("CEO_YEAR='%s' is no year from 1900 to 9999; the clock's year is used", v);
    }
    return year;
}

void cli_warn_meta(const sv_report *rep)
{
    if (rep->left_out) {
        /* "3 preview, 1 spam": per kind, in order of first occurrence */
        char kinds[160] = "";
        size_t len = 0;
        for (size_t i = 0; i < rep->nmeta; i++) {
            const sv_meta *m = &rep->meta[i];
            if (m->kind != SV_META_LEFT_OUT || strstr(kinds, m->what))
                continue;
            long n = 0;
            for (size_t k = i; k < rep->nmeta; k++)
                if (rep->meta[k].kind == SV_META_LEFT_OUT &&
                    strcmp(rep->meta[k].what, m->what) == 0)
                    n += rep->meta[k].count;
            if (len < sizeof kinds) {
                int w = snprintf(kinds + len, sizeof kinds - len, "%s%ld %s", len ? ", " : "", n,
                                 m->what);
                len += w > 0 ? (size_t)w : 0;
            }
        }
        cli_warn("%s: %ld response%s left out, marked by the platform as staff tests or spam (%s; "
                 "ceo check lists them)",
                 rep->path, rep->left_out, rep->left_out == 1 ? "" : "s", kinds);
    }
    if (rep->meta_unknown)
        cli_warn("%s: %ld response%s with a platform status ceo does not know, kept as "
                 "respondent%s (ceo check lists them)",
                 rep->path, rep->meta_unknown, rep->meta_unknown == 1 ? "" : "s",
                 rep->meta_unknown == 1 ? "" : "s");
}

/* The first value of the gewicht column that is no weight (0, below 0, not a number), for
 * cli_bad_weight; err.code 0 while none. */
static ceo_error bad_weight;

static void remember_bad_weight(const sv_table *t, const sv_report *rep)
{
    int item = sv_codebook_find(sv_table_codebook(t), "gewicht");
    for (size_t j = 0; item >= 0 && !bad_weight.code && j < rep->ncols; j++) {
        if (rep->cols[j].item != item)
            continue;
        for (size_t k = 0; !bad_weight.code && k < rep->nunknown; k++) {
            const sv_unknown *u = &rep->unknown[k];
            if (u->column == rep->cols[j].index)
                ceo_error_set(&bad_weight, CEO_EDATA, rep->path, u->lines[0], u->column,
                              "gewicht '%s' is no weight: a weight is a number above 0", u->value);
        }
    }
}

int cli_bad_weight(void)
{
    return bad_weight.code ? cli_report(&bad_weight) : CLI_OK;
}

static const char *key_path;
static int key_originals;
static sv_key *key_loaded; /* kept until the program ends */

void cli_set_key(const char *path, int originals)
{
    key_path = path;
    key_originals = originals;
}

int cli_use_key(sv_table *t)
{
    if (!key_path)
        return CLI_OK;
    ceo_error err;
    ceo_error_clear(&err);
    if (!key_loaded && !(key_loaded = sv_key_load(key_path, &err)))
        return cli_report(&err);
    sv_table_set_key(t, key_loaded, key_originals);
    return CLI_OK;
}

int cli_read_all(sv_table *t, const sv_project *proj, char *const *files, size_t n, ceo_error *err)
{
    sv_table_set_year(t, cli_year());
    if (sv_table_set_wordlist(t, getenv("CEO_WORDLIST")) != 0) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return cli_report(err);
    }
    int krc = cli_use_key(t);
    if (krc != CLI_OK)
        return krc;
    for (size_t i = 0; i < n; i++) {
        sv_report *rep = NULL;
        if (sv_table_read(t, files[i], proj, &rep, err) != CEO_OK)
            return cli_report(err);
        cli_warn_meta(rep);
        if (rep->cp1252_values)
            cli_warn("%s:%ld:%ld: not valid UTF-8; read as Windows-1252", rep->path,
                     rep->cp1252_line, rep->cp1252_col);
        if (rep->unknown_cells)
            cli_warn("%s: %ld unrecognised value%s read as missing (ceo check lists them)",
                     rep->path, rep->unknown_cells, rep->unknown_cells == 1 ? "" : "s");
        if (rep->pii_cells)
            cli_warn("%s: %ld answers hold personal data (a phone number, an e-mail address, a "
                     "name after \"anders\"); read as \"anders\" or as missing, never shown "
                     "(ceo check lists where)",
                     rep->path, rep->pii_cells);
        cli_warn_inferred(rep);
        cli_remember_candidates(rep);
        remember_bad_weight(t, rep);
        sv_report_free(rep);
    }
    return CLI_OK;
}

/* Per codebook item, the unused column of the files read that resembles it most. */
static struct candidate_seen {
    char path[256];
    char header[72];
    int column;
    double score;
} * seen;
static size_t nseen;

void cli_remember_candidates(const sv_report *rep)
{
    for (size_t j = 0; j < rep->ncols; j++)
        for (int k = 0; k < rep->cols[j].ncand; k++) {
            const sv_candidate *c = &rep->cols[j].cand[k];
            if (c->values < 0 || c->item < 0)
                continue;
            if ((size_t)c->item >= nseen) {
                struct candidate_seen *grown = realloc(seen, ((size_t)c->item + 1) * sizeof *seen);
                if (!grown)
                    return; /* a hint less; nothing depends on it */
                memset(grown + nseen, 0, ((size_t)c->item + 1 - nseen) * sizeof *grown);
                seen = grown;
                nseen = (size_t)c->item + 1;
            }
            struct candidate_seen *b = &seen[c->item];
            if (c->score <= b->score)
                continue;
            b->score = c->score;
            b->column = rep->cols[j].index;
            snprintf(b->path, sizeof b->path, "%s", rep->path);
            const char *h = rep->cols[j].header;
            int cut = (int)strlen(h);
            if (cut > 60)
                for (cut = 60; cut > 0 && ((unsigned char)h[cut] & 0xC0) == 0x80; cut--)
                    ; /* never inside a UTF-8 sequence */
            snprintf(b->header, sizeof b->header, "%.*s%s", cut, h, h[cut] ? "..." : "");
        }
}

const char *cli_candidate_hint(const sv_codebook *cb, const char *item_id)
{
    static char hint[1200];
    int item = sv_codebook_find(cb, item_id);
    if (item < 0 || (size_t)item >= nseen || seen[item].score <= 0)
        return NULL;
    const struct candidate_seen *b = &seen[item];
    snprintf(hint, sizeof hint,
             ceo_tr("column %d '%s' of %s resembles it (score %.2f); map it in a project file "
                    "under [kolommen] ('ceo check --write-config project.ini %s' writes one to "
                    "check and use)"),
             b->column, b->header, b->path, b->score, b->path);
    return hint;
}

void cli_hint_column(const sv_codebook *cb, const char *name)
{
    const char *hint = cli_candidate_hint(cb, name);
    if (hint)
        fprintf(stderr, "ceo: %s: %s\n", name, hint);
    else
        fprintf(stderr,
                ceo_tr("ceo: %s: no column of the export resembles it; 'ceo check FILE' "
                       "lists the columns, and [kolommen] in a project file maps one\n"),
                name);
}

void cli_hint_missing(const sv_table *t, const char *by)
{
    char name[64];
    if (st_dim_missing(t, by, name, sizeof name))
        cli_hint_column(sv_table_codebook(t), name);
}

void cli_warn_inferred(const sv_report *rep)
{
    for (size_t i = 0; i < rep->nnotes; i++)
        cli_warn("%s", rep->notes[i]);
}

const char *cli_own_dims(const sv_table *t, const char *by, const char *needed, char *buf,
                         size_t size, int warn)
{
    /* A role that is needed and missing: the run stops at it, with st_compute's message. */
    const sv_codebook *cb = sv_table_codebook(t);
    for (const char *r = needed; r && *r;) {
        const char *e = strchr(r, ',');
        char role[64];
        snprintf(role, sizeof role, "%.*s", (int)(e ? (size_t)(e - r) : strlen(r)), r);
        int item = sv_codebook_find(cb, role);
        if (item >= 0 && !sv_table_has(t, item))
            return by;
        r = e ? e + 1 : NULL;
    }
    char left[256];
    const char *dims = st_dims_present(t, by, needed, buf, size, left, sizeof left);
    if (!dims)
        return by;
    if (warn && *left)
        cli_warn_left_out(left);
    return dims;
}

void cli_warn_left_out(const char *left)
{
    /* "aanbieder" or "aanbieder,voorziening": named, and what their figures are. */
    {
        int a = ceo_list_has(left, "aanbieder", 9), v = ceo_list_has(left, "voorziening", 11);
        if (a && v)
            cli_warn("the export has no aanbieder and no voorziening column: figures per provider "
                     "and per type of support are left out; map a column with [kolommen] in the "
                     "project file");
        else if (a)
            cli_warn("the export has no aanbieder column: figures per provider are left out; map "
                     "a column with [kolommen] in the project file");
        else if (v)
            cli_warn("the export has no voorziening column: figures per type of support are left "
                     "out; map a column with [kolommen] in the project file");
    }
}

static int parse_month(const char *s, int *out)
{
    int y, m, used = 0;
    if (sscanf(s, "%4d-%2d%n", &y, &m, &used) != 2 || s[used] != '\0' || y < 2000 || y > 2100 ||
        m < 1 || m > 12)
        return -1;
    *out = y * 100 + m;
    return 0;
}

int cli_source_option(const char *command, int opt, const char *arg, cli_source *src)
{
    switch (opt) {
    case CLI_O_STORE:
        src->store = arg;
        return 1;
    case CLI_O_FROM:
    case CLI_O_TO:
        if (parse_month(arg, opt == CLI_O_FROM ? &src->from : &src->to) != 0) {
            cli_usage(command, "%s takes a month as YYYY-MM, not '%s'",
                      opt == CLI_O_FROM ? "--from" : "--to", arg);
            return -2;
        }
        return 1;
    case CLI_O_KEY:
        src->key = arg;
        cli_set_key(arg, 0);
        return 1;
    case CLI_O_ROLLING:
        if (cli_parse_long(arg, 1, 240, &src->rolling) != 0) {
            cli_usage(command, "--rolling takes a number of months from 1 to 240, not '%s'", arg);
            return -2;
        }
        return 1;
    }
    return 0;
}

int cli_source_check(const char *command, const cli_source *src, int nfiles)
{
    if (src->store && nfiles > 0)
        return cli_usage(command, "give export files or --store, not both");
    if (!src->store && nfiles == 0)
        return cli_usage(command, "no export file given");
    if (!src->store && (src->from || src->to || src->rolling))
        return cli_usage(command, "--from, --to and --rolling go with --store");
    if (src->rolling && src->from)
        return cli_usage(command, "--rolling counts back from --to; it takes no --from");
    if (src->from && src->to && src->from > src->to)
        return cli_usage(command, "--from is after --to");
    return CLI_OK;
}

int cli_read_source(sv_table *t, const sv_project *proj, char *const *files, size_t n,
                    const cli_source *src, ceo_error *err)
{
    if (!src || !src->store)
        return cli_read_all(t, proj, files, n, err);
    sv_store *s = sv_store_open(src->store, SV_STORE_READ, cli_store_converting, NULL, err);
    if (!s)
        return cli_report(err);
    int rc = cli_read_store(s, t, src, NULL, NULL, err);
    sv_store_close(s);
    return rc;
}

int cli_read_store(sv_store *s, sv_table *t, const cli_source *src, char ***rids, size_t *nrids,
                   ceo_error *err)
{
    int from = src->from, to = src->to;
    if (src->rolling) {
        if (!to && (to = sv_store_last_month(s, err)) < 0)
            return cli_report(err);
        if (to) { /* N months back, counting the last one */
            int months = (to / 100) * 12 + (to % 100 - 1) - (int)(src->rolling - 1);
            from = (months / 12) * 100 + months % 12 + 1;
        }
    }
    long read = 0, skipped = 0;
    ceo_status st = sv_store_read_ids(s, t, from, to, &read, &skipped, rids, err);
    if (st)
        return cli_report(err);
    if (nrids)
        *nrids = (size_t)read;
    if (skipped)
        cli_warn("%s: %ld stored value%s the codebook no longer has, read as missing", src->store,
                 skipped, skipped == 1 ? "" : "s");
    if (read == 0)
        cli_warn("%s: no answers in the months asked", src->store);
    return CLI_OK;
}

void cli_store_converting(void *data, const char *path, int from, int to)
{
    (void)data;
    fputs("ceo: ", stderr);
    fprintf(stderr,
            ceo_tr("%s: converting the store from schema %d to %d (once; a large store takes a "
                   "minute)"),
            path, from, to);
    fputc('\n', stderr);
}

#ifndef CEO_NO_NLS /* -DCEO_NO_NLS: a C library without gettext; the messages stay English */
#ifndef CEO_LOCALEDIR
#define CEO_LOCALEDIR "/usr/local/share/locale"
#endif

/* The folder of the message catalogues: locale/ beside the program in a build tree (make
 * builds $(BUILD)/locale beside $(BUILD)/ceo), else the installed one. */
static const char *locale_dir(void)
{
    static char dir[PATH_MAX];
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            if (snprintf(dir, sizeof dir, "%s/locale", exe) < (int)sizeof dir && is_dir(dir))
                return dir;
        }
    }
    return CEO_LOCALEDIR;
}
#endif

void cli_messages_init(void)
{
#ifndef CEO_NO_NLS
    /* Only the messages follow the locale. Every other category stays "C", as it is until
     * setlocale: numbers (a decimal point in CSV and JSON, for strtod and printf), character
     * classes and case, collation and dates must not depend on who runs ceo. */
    if (!setlocale(LC_MESSAGES, "")) {
        /* The locale asked for is not installed (often so in containers and on CI machines).
         * The messages need only ceo's own catalogue, so the language is still taken from its
         * name: through LANGUAGE, on the C.UTF-8 base (Debian, glibc 2.35 and later; GNU gettext
         * ignores LANGUAGE when the locale is "C"). LANGUAGE set by the user wins. */
        static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
        const char *name = NULL;
        for (size_t i = 0; i < sizeof vars / sizeof vars[0] && !name; i++) {
            const char *v = getenv(vars[i]);
            if (v && *v)
                name = v;
        }
        const char *language = getenv("LANGUAGE");
        if (name && setlocale(LC_MESSAGES, "C.UTF-8") && !(language && *language))
            setenv("LANGUAGE", name, 1);
    }
    bindtextdomain(CEO_TEXTDOMAIN, locale_dir());
    /* ceo writes UTF-8 whatever the locale's encoding (LC_CTYPE stays "C"); strerror's texts
     * (the C library's catalogue) too. */
    bind_textdomain_codeset(CEO_TEXTDOMAIN, "UTF-8");
    bind_textdomain_codeset("libc", "UTF-8");
    textdomain(CEO_TEXTDOMAIN);
#endif
}
