/*
 * benchmark.c - the benchmark file of [benchmark] bestand: one row per gemeente, question
 * (item or theme id) and year with a percentage, read whole; the rows of one gemeente
 * ("Nederland", or a peer group's name) in one year are kept. Every cell is checked where it is
 * read, so an error names the file, the line and the column.
 */
#include "benchmark.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../survey/sheet.h"

typedef struct {
    char *question;
    double pct;
} bench_row;

struct rp_bench {
    bench_row *rows;
    size_t n;
    char label[160];
};

void rp_bench_free(rp_bench *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++)
        ceo_free(b->rows[i].question);
    ceo_free(b->rows);
    ceo_free(b);
}

/* Whether id is an item or a theme of the codebook. */
static int known_question(const sv_codebook *cb, const char *id)
{
    if (sv_codebook_find(cb, id) >= 0)
        return 1;
    for (size_t i = 0; i < sv_codebook_nitems(cb); i++)
        if (strcmp(sv_codebook_item(cb, i)->theme, id) == 0)
            return 1;
    return 0;
}

/* A year of four digits; -1 when the cell is not one. */
static long year_of(const char *s)
{
    char *end;
    long y = strtol(s, &end, 10);
    return strlen(s) == 4 && !*end && y >= 1900 && y <= 2999 ? y : -1;
}

/* A percentage 0-100, decimal point or comma; -1 when the cell is not one. */
static double pct_of(const char *s)
{
    char buf[64];
    size_t len = strlen(s);
    if (!len || len >= sizeof buf)
        return -1;
    for (size_t i = 0; i <= len; i++)
        buf[i] = s[i] == ',' ? '.' : s[i];
    if (len && buf[len - 1] == '%')
        buf[len - 1] = '\0';
    char *end;
    double v = strtod(buf, &end);
    return *end || end == buf || !(v >= 0 && v <= 100) ? -1 : v;
}

rp_bench *rp_bench_load(const char *path, const sv_codebook *cb, const char *name, const char *year,
                        ceo_error *err)
{
    static const char *const req[] = {"gemeente", "vraag", "jaar", "percentage", NULL};
    if (!name || !*name)
        name = "Nederland";
    long want = year && *year ? year_of(year) : 0;
    if (want < 0) {
        ceo_error_set(err, CEO_EDATA, path, 0, 0, "[benchmark] jaar '%s' is not a year like 2024",
                      year);
        return NULL;
    }
    sv_sheet *s = sv_sheet_load(path, req, err);
    if (!s)
        return NULL;
    int cg = sv_sheet_col(s, "gemeente"), cq = sv_sheet_col(s, "vraag"),
        cj = sv_sheet_col(s, "jaar"), cp = sv_sheet_col(s, "percentage");
    rp_bench *b = ceo_calloc(1, sizeof *b);
    size_t nrows = sv_sheet_rows(s);
    if (!b || !(b->rows = ceo_calloc(nrows ? nrows : 1, sizeof *b->rows))) {
        ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        goto fail;
    }
    /* Every row is checked; the year kept is the one asked for, or the latest of name. */
    long latest = 0;
    for (size_t i = 0; i < nrows; i++) {
        long line = sv_sheet_line(s, i);
        const char *q = sv_sheet_cell(s, i, cq), *j = sv_sheet_cell(s, i, cj),
                   *pc = sv_sheet_cell(s, i, cp), *g = sv_sheet_cell(s, i, cg);
        if (!*g) {
            ceo_error_set(err, CEO_EDATA, path, line, cg + 1, "a row without a gemeente");
            goto fail;
        }
        if (!known_question(cb, q)) {
            ceo_error_set(err, CEO_EDATA, path, line, cq + 1,
                          "'%s' is no question or theme of the codebook (an id such as "
                          "wist_waar or toegang)",
                          q);
            goto fail;
        }
        long y = year_of(j);
        if (y < 0) {
            ceo_error_set(err, CEO_EDATA, path, line, cj + 1, "'%s' is not a year like 2024", j);
            goto fail;
        }
        if (pct_of(pc) < 0) {
            ceo_error_set(err, CEO_EDATA, path, line, cp + 1,
                          "'%s' is not a percentage from 0 to 100", pc);
            goto fail;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(sv_sheet_cell(s, k, cg), g) == 0 &&
                strcmp(sv_sheet_cell(s, k, cq), q) == 0 &&
                strcmp(sv_sheet_cell(s, k, cj), j) == 0) {
                ceo_error_set(err, CEO_EDATA, path, line, cq + 1,
                              "%s, %s, %s given twice (first on line %ld)", g, q, j,
                              sv_sheet_line(s, k));
                goto fail;
            }
        if (strcmp(g, name) == 0 && y > latest)
            latest = y;
    }
    long keep = want ? want : latest;
    for (size_t i = 0; i < nrows; i++) {
        if (strcmp(sv_sheet_cell(s, i, cg), name) != 0 || year_of(sv_sheet_cell(s, i, cj)) != keep)
            continue;
        bench_row *r = &b->rows[b->n];
        if (!(r->question = ceo_strdup(sv_sheet_cell(s, i, cq)))) {
            ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
            goto fail;
        }
        r->pct = pct_of(sv_sheet_cell(s, i, cp));
        b->n++;
    }
    if (!b->n) {
        if (want)
            ceo_error_set(err, CEO_EDATA, path, 0, 0,
                          "no row for '%s' in %ld ([benchmark] naam and jaar)", name, want);
        else
            ceo_error_set(err, CEO_EDATA, path, 0, 0, "no row for '%s' ([benchmark] naam)", name);
        goto fail;
    }
    snprintf(b->label, sizeof b->label, "%s %ld", name, keep);
    sv_sheet_free(s);
    return b;
fail:
    sv_sheet_free(s);
    rp_bench_free(b);
    return NULL;
}

double rp_bench_get(const rp_bench *b, const char *question)
{
    for (size_t i = 0; b && i < b->n; i++)
        if (strcmp(b->rows[i].question, question) == 0)
            return b->rows[i].pct;
    return NAN;
}

const char *rp_bench_label(const rp_bench *b)
{
    return b ? b->label : "";
}
