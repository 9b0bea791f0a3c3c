/*
 * check_config.c - `ceo check --write-config`: a project file a user can run at once.
 *
 * What the reading found but could not settle alone goes into the file as configuration with a
 * comment that says why: a [kolommen] line for every column that resembles a codebook item
 * beyond reasonable doubt (suggest.c's placement), the others as comments with their closest
 * candidates, and a [codes] line where the data say which way a numbered scale runs. A project
 * file given with --config is copied first, unchanged, so the result replaces it.
 */
#include <stdio.h>
#include <string.h>

#include "../base/output.h"
#include "cli.h"

static void candidates(FILE *f, const sv_codebook *cb, const sv_colinfo *c)
{
    for (int k = 0; k < c->ncand; k++) {
        const sv_candidate *d = &c->cand[k];
        fprintf(f, "%s%s %.2f%s", k ? ", " : "", sv_codebook_item(cb, (size_t)d->item)->id,
                d->score,
                d->values > 0   ? ""
                : d->values < 0 ? " (values do not fit)"
                                : " (no values to check)");
    }
}

/* A header can be a [kolommen] key when it fits on a line and does not look like a comment or
 * a section. */
static int writable_key(const char *h)
{
    return *h && *h != '#' && *h != ';' && *h != '[' && strlen(h) < 3000 && !strchr(h, '\n') &&
           strcmp(h, "(no name)") != 0;
}

static void write_columns(FILE *f, const sv_codebook *cb, sv_report *const *reps, size_t n)
{
    fputs("\n[kolommen]\n# header text (as in the export) = item id\n", f);
    size_t written = 0, open = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < reps[i]->ncols; j++) {
            const sv_colinfo *c = &reps[i]->cols[j];
            if (c->item >= 0 || !c->place) {
                open += c->item < 0 && !c->note;
                continue;
            }
            const sv_candidate *d = &c->cand[0];
            const sv_item *it = sv_codebook_item(cb, (size_t)d->item);
            fprintf(f, "# %s, column %d: resembles %s '%s' (score %.2f%s%s), %s\n", reps[i]->path,
                    c->index, it->id, it->label, d->score,
                    d->values > 0 ? "; its values fit its type, " : "; no values to check",
                    d->values > 0 ? sv_type_name(it->type) : "",
                    d->score >= 0.8 && d->values > 0 ? "sure" : "likely: check it");
            if (writable_key(c->header)) {
                fprintf(f, "%s = %s\n", c->header, it->id);
                written++;
            } else {
                fprintf(f, "# (this header cannot be written as a key; map it by hand)\n");
            }
        }
    if (!open)
        return;
    fputs("#\n# Not placed (map one by hand as above when it is meant):\n", f);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < reps[i]->ncols; j++) {
            const sv_colinfo *c = &reps[i]->cols[j];
            if (c->item >= 0 || c->place || c->note)
                continue;
            fprintf(f, "# %s, column %d '%s': ", reps[i]->path, c->index, c->header);
            if (c->ncand) {
                fputs("closest ", f);
                candidates(f, cb, c);
            } else {
                fputs("resembles no codebook item", f);
            }
            fputc('\n', f);
        }
}

static void write_codes(FILE *f, sv_report *const *reps, size_t n)
{
    int any = 0;
    for (size_t i = 0; i < n; i++)
        any |= reps[i]->nhints > 0;
    if (!any)
        return;
    fputs("\n[codes]\n# per scale, the numeric codes in category order of schalen.csv\n", f);
    for (size_t i = 0; i < n; i++)
        for (size_t h = 0; h < reps[i]->nhints; h++) {
            const char *why = reps[i]->hints[h].why;
            fprintf(f, "# %s: %s\n", reps[i]->path, why);
            if (reps[i]->hints[h].codes[0])
                fprintf(f, "%s = %s\n", reps[i]->hints[h].scale, reps[i]->hints[h].codes);
            else
                fprintf(f, "# %s = %s   (choose one and remove the '# ')\n",
                        reps[i]->hints[h].scale, reps[i]->hints[h].other);
        }
}

int cli_write_config(const char *out, const char *config, const sv_codebook *cb,
                     sv_report *const *reps, size_t n)
{
    ceo_error err;
    ceo_error_clear(&err);
    FILE *in = NULL;
    if (config && !(in = fopen(config, "rb"))) {
        ceo_error_set(&err, CEO_EIO, config, 0, 0, "cannot open the project file");
        return cli_report(&err);
    }
    ceo_out *o = ceo_out_open(out, &err);
    if (!o) {
        if (in)
            fclose(in);
        return cli_report(&err);
    }
    FILE *f = ceo_out_file(o);
    fputs("# Project file written by 'ceo check --write-config' from:\n", f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "#   %s\n", reps[i]->path);
    fputs("# Read every mapping below (a wrong one gives wrong figures), then use it:\n"
          "#   ceo stats --config THIS-FILE EXPORT\n",
          f);
    if (in) {
        fprintf(f, "# It begins with the project file %s, unchanged.\n\n", config);
        char buf[8192];
        size_t got, last = '\n';
        while ((got = fread(buf, 1, sizeof buf, in)) > 0) {
            fwrite(buf, 1, got, f);
            last = (unsigned char)buf[got - 1];
        }
        if (last != '\n')
            fputc('\n', f);
        int bad = ferror(in);
        fclose(in);
        if (bad) {
            ceo_out_abort(o);
            ceo_error_set(&err, CEO_EIO, config, 0, 0, "cannot read the project file");
            return cli_report(&err);
        }
    }
    write_columns(f, cb, reps, n);
    write_codes(f, reps, n);
    if (ceo_out_commit(o, &err) != CEO_OK)
        return cli_report(&err);
    return CLI_OK;
}
