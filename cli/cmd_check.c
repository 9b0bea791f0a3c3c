/*
 * cmd_check.c - `ceo check`: what ceo reads in each export, and what it cannot place.
 *
 * The output is for a person checking a new export before running figures: the layout it
 * detected, each column and the item it maps to, the columns it leaves alone, and every
 * unrecognised value with where to find it. The exit code tells a script whether the file
 * can be used as it is.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../report/coded.h"
#include "../survey/pii.h"
#include "../survey/survey.h"
#include "cli.h"

static const char help[] =
    "usage: ceo check [-c DIR] [--config FILE] [--dump OUT.csv] [--write-config NEW.ini]\n"
    "                 [--key FILE] FILE...\n"
    "       ceo check --raw FILE...\n"
    "\n"
    "Reads each survey export and shows what ceo makes of it: the layout it detected\n"
    "(platform, delimiter, encoding, header rows), the number of respondents, each column\n"
    "and the codebook item or role it maps to, the columns it does not use, and every\n"
    "value it does not recognise, with its count and first locations (path:line:column;\n"
    "the column is the field number, 1 = the first column). Beside each unused column it\n"
    "names the codebook items the column resembles (by the words of its header, weighed by\n"
    "how rare they are in the codebook, and by its values), with a score from 0 to 1.\n"
    "\n"
    "options:\n"
    "  -c, --codebook DIR  the codebook folder (default: the standard CEO Wmo codebook)\n"
    "      --config FILE   the survey project file (codebook, column mapping, codes)\n"
    "      --dump OUT.csv  also write the coded answers of the (single) export: one row per\n"
    "                      respondent, one column per item, canonical values (no open\n"
    "                      answers, no contact details)\n"
    "      --write-config NEW.ini\n"
    "                      write a project file to run at once: the --config file given (if\n"
    "                      any), then a [kolommen] line for each unused column that resembles\n"
    "                      an item beyond reasonable doubt (score, values that fit, no rival;\n"
    "                      each with a comment saying what it resembles and how sure), the\n"
    "                      other columns as comments with their closest items, and [codes]\n"
    "                      where the data say which way a numbered scale runs. Read it before\n"
    "                      use: 'ceo stats --config NEW.ini FILE'\n"
    "      --key FILE      pseudonymise respondent ids on reading (ceo pseudonymise); without\n"
    "                      it, a respondent-id column of BSNs is reported and refused\n"
    "      --raw           no codebook: show the layout and each column's inferred type\n"
    "                      (likert, yes/no, number, date, category, text, empty)\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 every file was read and every value in a mapped column recognised;\n"
    "1 a file could not be read or values were not recognised; 2 bad usage.\n";

static const char *delim_name(char d)
{
    return d == ';' ? "semicolon" : d == '\t' ? "tab" : "comma";
}

static void print_layout(const sv_report *r)
{
    printf("%s\n", r->path);
    if (r->format) {
        printf("  layout:      %s, encoding %s, header rows: variable names and labels\n",
               r->format, r->encoding);
        if (r->weight[0])
            printf("  weight:      the file is weighted by %s\n", r->weight);
        printf("  respondents: %ld\n", r->respondents);
        return;
    }
    const char *ends = r->crlf ? "CRLF" : r->cr ? "CR (old Mac)" : "LF";
    printf("  layout:      %s, %d header row%s, %s-delimited%s, %s, %s line ends\n", r->platform,
           r->header_rows, r->header_rows == 1 ? "" : "s", delim_name(r->delimiter),
           r->sep_line ? " (Excel sep= line)" : "", r->encoding, ends);
    printf("  respondents: %ld\n", r->respondents);
}

/* Prints s in at most width columns (characters), never cutting a UTF-8 sequence; pads to
 * width when pad is set (for a cell that has more cells to its right). */
static void print_cell(const char *s, int width, int pad)
{
    size_t n = strlen(s), cut = n;
    int cols = 0;
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (cols == width) {
                cut = i;
                break;
            }
            cols++;
        }
    }
    if (cut < n) {
        /* leave room for the ellipsis */
        size_t i = cut;
        do
            i--;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
        printf("%.*s…", (int)i, s);
    } else {
        printf("%s%*s", s, pad ? width - cols : 0, "");
    }
}

/* .sav only: the multiple-response sets and the user-missing values the file defines. */
static void print_spss(const sv_report *r)
{
    if (r->nsets) {
        printf("\n  multiple-response sets:\n");
        for (size_t k = 0; k < r->nsets; k++)
            printf("  %s\n", r->sets[k]);
    }
    int first = 1;
    for (size_t j = 0; j < r->ncols; j++) {
        const sv_colinfo *c = &r->cols[j];
        if (!c->missing)
            continue;
        if (first)
            printf("\n  user-missing values (read as missing): %ld cell%s\n", r->user_missing,
                   r->user_missing == 1 ? "" : "s");
        first = 0;
        printf("  %-6d ", c->index);
        print_cell(c->header, 48, 1);
        printf(" %s: %ld cell%s\n", c->missing, c->user_missing, c->user_missing == 1 ? "" : "s");
    }
}

static int check_raw(const sv_report *r)
{
    print_layout(r);
    printf("  columns:     %zu\n\n", r->ncols);
    printf("  %-6s %-9s %s\n", "column", "type", "header");
    for (size_t j = 0; j < r->ncols; j++) {
        printf("  %-6d %-9s ", r->cols[j].index, r->cols[j].type);
        print_cell(r->cols[j].header, 70, 0);
        printf("\n");
    }
    print_spss(r);
    printf("\n");
    return CLI_OK;
}

typedef struct {
    const char *id;
    size_t row;
} id_row;

static int by_id(const void *a, const void *b)
{
    const id_row *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* Respondent ids that occur more than once in one export (two submissions, or two exports
 * pasted together): listed like unrecognised values, exit 1. Returns an exit code. */
static int check_duplicate_ids(const sv_table *t, const sv_report *r)
{
    int kid = sv_codebook_find(sv_table_codebook(t), "respondent_id");
    size_t n = sv_table_rows(t), m = 0;
    if (kid < 0 || !sv_table_has(t, kid) || n < 2)
        return CLI_OK;
    id_row *ids = ceo_calloc(n, sizeof *ids);
    if (!ids) {
        ceo_error err;
        ceo_error_clear(&err);
        ceo_error_set(&err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return cli_report(&err);
    }
    for (size_t i = 0; i < n; i++) {
        const char *id = sv_table_text(t, kid, i);
        if (id)
            ids[m++] = (id_row){id, i};
    }
    qsort(ids, m, sizeof *ids, by_id);
    size_t dups = 0;
    for (size_t i = 0; i + 1 < m;) {
        size_t j = i + 1;
        while (j < m && strcmp(ids[i].id, ids[j].id) == 0)
            j++;
        if (j - i > 1) {
            if (dups++ == 0)
                printf("  respondent ids that occur more than once in %s:\n", r->path);
            if (dups <= 20) {
                printf("  \"%s\": %zu times, respondents", ids[i].id, j - i);
                for (size_t k = i; k < j && k < i + 5; k++)
                    printf("%s %zu", k > i ? "," : "", ids[k].row + 1);
                printf("%s\n", j - i > 5 ? ", ..." : "");
            }
        }
        i = j;
    }
    ceo_free(ids);
    if (!dups)
        return CLI_OK;
    if (dups > 20)
        printf("  ... and %zu more\n", dups - 20);
    printf("\n");
    fflush(stdout);
    fprintf(stderr, "ceo: %s: %zu respondent id%s occur%s more than once\n", r->path, dups,
            dups == 1 ? "" : "s", dups == 1 ? "s" : "");
    return CLI_EDATA;
}

/* The lines of a metadata entry: " on lines 5, 9, 12" (the first five, then "..."). */
static void print_meta_lines(const sv_meta *m)
{
    printf(" on line%s", m->count == 1 ? "" : "s");
    for (int k = 0; k < 5 && m->lines[k]; k++)
        printf("%s %ld", k ? "," : "", m->lines[k]);
    if (m->count > 5)
        printf(", ...");
}

/* What the platform's own columns say: the responses left out (previews, tests, spam), the
 * partial and the imported ones (kept), and status values ceo does not know (kept). */
static void print_meta(const sv_report *r)
{
    static const struct {
        sv_meta_kind kind;
        const char *title, *after;
    } kinds[] = {
        {SV_META_LEFT_OUT, "left out:", ""},
        {SV_META_PARTIAL, "partial:", ", kept with the answers they gave"},
        {SV_META_IMPORTED, "imported:", ", kept (answers entered afterwards, paper ones say)"},
        {SV_META_UNKNOWN, "unknown:", ", kept: a value ceo does not know"},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        int first = 1;
        for (size_t i = 0; i < r->nmeta; i++) {
            const sv_meta *m = &r->meta[i];
            if (m->kind != kinds[k].kind)
                continue;
            printf("  %-12s %ld %s%sresponse%s (%s", first ? kinds[k].title : "", m->count,
                   m->kind == SV_META_LEFT_OUT ? m->what : "",
                   m->kind == SV_META_LEFT_OUT ? " " : "", m->count == 1 ? "" : "s", m->column);
            printf(*m->value ? " = %s)" : " empty)", m->value);
            print_meta_lines(m);
            printf("%s\n", kinds[k].after);
            first = 0;
        }
    }
}

/* A status value ceo does not know is reported, not guessed: exit 1, as for an unrecognised
 * answer. Returns an exit code. */
static int check_meta_unknown(const sv_report *r)
{
    if (!r->meta_unknown)
        return CLI_OK;
    fflush(stdout);
    fprintf(stderr,
            "ceo: %s: %ld response%s with a platform status ceo does not know, kept as "
            "respondent%s; if %s, remove %s from the export\n",
            r->path, r->meta_unknown, r->meta_unknown == 1 ? "" : "s",
            r->meta_unknown == 1 ? "" : "s",
            r->meta_unknown == 1 ? "it is a test" : "they are tests",
            r->meta_unknown == 1 ? "it" : "them");
    return CLI_EDATA;
}

static int check_mapped(const sv_report *r, const sv_codebook *cb)
{
    size_t mapped = 0;
    for (size_t j = 0; j < r->ncols; j++)
        mapped += r->cols[j].item >= 0;
    print_layout(r);
    print_meta(r);
    printf("  columns:     %zu (%zu mapped, %zu not used)\n\n", r->ncols, mapped,
           r->ncols - mapped);
    printf("  %-6s %-48s %s\n", "column", "header", "maps to");
    for (size_t j = 0; j < r->ncols; j++) {
        const sv_colinfo *c = &r->cols[j];
        if (c->item < 0)
            continue;
        const sv_item *it = sv_codebook_item(cb, (size_t)c->item);
        printf("  %-6d ", c->index);
        print_cell(c->header, 48, 1);
        printf(" %s", it->id);
        if (c->option >= 0)
            printf(":%s", sv_codebook_scale(cb, it->scale)->cats[c->option].id);
        if (c->choice)
            printf(" = '%s'", c->choice);
        printf(" (%s%s%s)\n", sv_type_name(it->type), *it->theme ? ", " : "", it->theme);
    }
    if (mapped < r->ncols) {
        printf("\n  not used (not in the codebook):\n");
        for (size_t j = 0; j < r->ncols; j++) {
            const sv_colinfo *c = &r->cols[j];
            if (c->item >= 0)
                continue;
            printf("  %-6d ", c->index);
            print_cell(c->header, 70, 0);
            if (c->note)
                printf("  [%s]", c->note);
            for (int k = 0; k < c->ncand; k++) {
                const sv_candidate *d = &c->cand[k];
                printf("%s%s %.2f%s", k ? ", " : "\n         resembles ",
                       sv_codebook_item(cb, (size_t)d->item)->id, d->score,
                       d->values < 0 ? " (values do not fit)"
                       : d->values   ? ""
                                     : " (no values)");
            }
            if (c->place)
                printf("  -> --write-config maps it to %s",
                       sv_codebook_item(cb, (size_t)c->cand[0].item)->id);
            printf("\n");
        }
    }
    /* Items of the standard sections that no column carries: worth a look, not an error. */
    int first = 1;
    for (size_t i = 0; i < sv_codebook_nitems(cb); i++) {
        const sv_item *it = sv_codebook_item(cb, i);
        int found = 0;
        for (size_t j = 0; j < r->ncols && !found; j++)
            found = r->cols[j].item == (int)i;
        if (found || strcmp(it->section, "contact") == 0)
            continue;
        printf("%s%s", first ? "\n  codebook items not in this file: " : ", ", it->id);
        first = 0;
    }
    if (!first)
        printf("\n");
    /* Options of a multi-select spread over a column per option that have no column. */
    for (size_t i = 0; i < r->nnot_asked; i++) {
        const sv_item *it = sv_codebook_item(cb, (size_t)r->not_asked[i].item);
        const sv_scale *sc = sv_codebook_scale(cb, it->scale);
        printf("%s  %s: no column for", i ? "" : "\n", it->id);
        for (size_t k = 0, n = 0; k < sc->ncats && k < 31; k++)
            if (r->not_asked[i].options & (1u << k))
                printf("%s %s", n++ ? "," : "", sc->cats[k].id);
        printf(": not asked\n");
    }
    for (size_t i = 0; i < r->nnotes; i++)
        printf("%s  inferred: %s\n", i ? "" : "\n", r->notes[i] + strlen(r->path) + 2);
    print_spss(r);
    /* Never the value itself: the report of check is pasted into e-mails and tickets. */
    if (r->npii)
        printf("\n  personal data in answers: %zu distinct, in %ld cells (read as \"anders\" or as "
               "missing, never shown)\n",
               r->npii, r->pii_cells);
    for (size_t i = 0; i < r->npii; i++) {
        const sv_pii_cell *p = &r->pii[i];
        const sv_colinfo *c = &r->cols[p->column - 1];
        char what[160];
        sv_pii_describe(p->kinds, what, sizeof what);
        printf("  a value holding %s in %s (read as %s): %ld time%s, at", what,
               sv_codebook_item(cb, (size_t)c->item)->id, p->other ? "anders" : "missing", p->count,
               p->count == 1 ? "" : "s");
        for (int k = 0; k < 3 && p->lines[k]; k++)
            printf("%s %s:%ld:%d", k ? "," : "", r->path, p->lines[k], p->column);
        printf("\n");
    }
    if (r->nunknown == 0) {
        printf("\n  unrecognised values: none\n\n");
        return r->npii ? CLI_EDATA : CLI_OK;
    }
    printf("\n  unrecognised values: %zu distinct, in %ld cells (read as missing)\n", r->nunknown,
           r->unknown_cells);
    for (size_t i = 0; i < r->nunknown; i++) {
        const sv_unknown *u = &r->unknown[i];
        const sv_colinfo *c = &r->cols[u->column - 1];
        printf(u->pii ? "  %s in %s: %ld time%s, at" : "  \"%s\" in %s: %ld time%s, at", u->value,
               sv_codebook_item(cb, (size_t)c->item)->id, u->count, u->count == 1 ? "" : "s");
        for (int k = 0; k < 3 && u->lines[k]; k++)
            printf("%s %s:%ld:%d", k ? "," : "", r->path, u->lines[k], u->column);
        if (u->max_year)
            printf(" (a year after %d)", u->max_year);
        printf("\n");
    }
    printf("\n");
    return CLI_EDATA;
}

int cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {{"codebook", required_argument, NULL, 'c'},
                                             {"config", required_argument, NULL, 'C'},
                                             {"raw", no_argument, NULL, 'r'},
                                             {"dump", required_argument, NULL, 'd'},
                                             {"write-config", required_argument, NULL, 'w'},
                                             {"key", required_argument, NULL, 'k'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    const char *dir = NULL, *config = NULL, *dump = NULL, *write_config = NULL;
    int raw = 0, opt;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, ":c:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'c':
            dir = optarg;
            break;
        case 'C':
            config = optarg;
            break;
        case 'r':
            raw = 1;
            break;
        case 'd':
            dump = optarg;
            break;
        case 'w':
            write_config = optarg;
            break;
        case 'k':
            cli_set_key(optarg, 0);
            break;
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        case ':':
            return cli_usage("check", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage("check", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage("check", "no export file given");
    if (raw && (dir || config || dump || write_config))
        return cli_usage("check", "--raw reads without a codebook; leave out -c, --config, --dump "
                                  "and --write-config");
    if (dump && argc - optind != 1)
        return cli_usage("check", "--dump writes one export's answers; give one file");
    sv_codebook *cb = NULL;
    sv_project *proj = NULL;
    if (!raw) {
        int rc = cli_load(dir, config, &cb, &proj);
        if (rc != CLI_OK)
            return rc;
    }
    int status = CLI_OK;
    sv_report **kept = NULL; /* with --write-config: the reports of the files read */
    size_t nkept = 0;
    if (write_config && !(kept = calloc((size_t)(argc - optind), sizeof *kept))) {
        sv_codebook_free(cb);
        sv_project_free(proj);
        fputs("ceo: out of memory\n", stderr);
        return CLI_EDATA;
    }
    for (int i = optind; i < argc; i++) {
        ceo_error err;
        ceo_error_clear(&err);
        sv_table *t = sv_table_new(cb, write_config ? SV_ADVISE : 0, &err);
        sv_report *rep = NULL;
        /* Of the text, only the respondent ids are looked at (for duplicates). */
        int kid = cb ? sv_codebook_find(cb, "respondent_id") : -1;
        if (t && kid >= 0)
            (void)sv_table_keep_text(t, kid);
        if (t) {
            sv_table_set_year(t, cli_year());
            if (sv_table_set_wordlist(t, getenv("CEO_WORDLIST")) != 0) {
                sv_table_free(t);
                t = NULL;
            }
        }
        int krc = t ? cli_use_key(t) : CLI_OK;
        if (krc != CLI_OK) {
            sv_table_free(t);
            status = krc;
            break;
        }
        if (!t || sv_table_read(t, argv[i], proj, &rep, &err) != CEO_OK) {
            fflush(stdout);
            int rc = cli_report(&err);
            if (rc > status)
                status = rc;
            sv_table_free(t);
            continue;
        }
        if (rep->cp1252_values)
            cli_warn("%s:%ld:%ld: not valid UTF-8; read as Windows-1252 (%ld distinct value%s)",
                     rep->path, rep->cp1252_line, rep->cp1252_col, rep->cp1252_values,
                     rep->cp1252_values == 1 ? "" : "s");
        int rc = raw ? check_raw(rep) : check_mapped(rep, cb);
        if (rc > status)
            status = rc;
        if (!raw && (rc = check_duplicate_ids(t, rep)) > status)
            status = rc;
        if (!raw && (rc = check_meta_unknown(rep)) > status)
            status = rc;
        if (dump) {
            rp_csv *w = rp_csv_open(dump, RP_CSV_PRIVATE, &err);
            ceo_status st = w ? rp_coded_csv(w, t, &err) : err.code;
            if (st == CEO_OK)
                st = rp_csv_commit(w, &err);
            else
                rp_csv_abort(w);
            if (st != CEO_OK) {
                rc = cli_report(&err);
                if (rc > status)
                    status = rc;
            }
        }
        if (kept)
            kept[nkept++] = rep;
        else
            sv_report_free(rep);
        sv_table_free(t);
    }
    if (write_config && nkept) {
        int rc = cli_write_config(write_config, config, cb, kept, nkept);
        if (rc > status)
            status = rc;
    }
    for (size_t i = 0; i < nkept; i++)
        sv_report_free(kept[i]);
    free(kept);
    sv_codebook_free(cb);
    sv_project_free(proj);
    return status;
}
