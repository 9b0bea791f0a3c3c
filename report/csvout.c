/*
 * csvout.c - the CSV writer (see csvout.h): dialect, quoting, the formula guard and number
 * formats in one place, over the atomic output file.
 *
 * The separator is written before every cell but the first of a row, so a caller never counts
 * cells. Write errors are not checked cell by cell: stdio keeps them (ferror) and
 * ceo_out_check reports the first with the path.
 */
#include "csvout.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../base/output.h"

struct rp_csv {
    ceo_out *out;
    FILE *fp;
    char sep;
    int excel;
    size_t col; /* cells written in the current row */
};

rp_csv *rp_csv_open(const char *path, int flags, ceo_error *err)
{
    rp_csv *w = ceo_calloc(1, sizeof *w);
    if (!w) {
        ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    w->out = flags & RP_CSV_PRIVATE ? ceo_out_open_private(path, err) : ceo_out_open(path, err);
    if (!w->out) {
        ceo_free(w);
        return NULL;
    }
    w->fp = ceo_out_file(w->out);
    w->excel = (flags & RP_CSV_EXCEL) != 0;
    w->sep = w->excel ? ';' : ',';
    if (w->excel)
        fputs("\xEF\xBB\xBF", w->fp);
    return w;
}

int rp_csv_excel(const rp_csv *w)
{
    return w->excel;
}

/* Starts a cell: the separator unless it is the row's first. */
static FILE *cell(rp_csv *w)
{
    if (w->col++)
        fputc(w->sep, w->fp);
    return w->fp;
}

void rp_csv_end_row(rp_csv *w)
{
    fputs(w->excel ? "\r\n" : "\n", w->fp);
    w->col = 0;
}

void rp_csv_header(rp_csv *w, const char *const *names)
{
    for (size_t k = 0; names[k]; k++)
        rp_csv_text(w, names[k]);
    rp_csv_end_row(w);
}

int rp_is_number_text(const char *s)
{
    const char *p = s + (*s == '+' || *s == '-');
    size_t ints = strspn(p, "0123456789");
    p += ints;
    size_t fracs = 0;
    if (*p == '.' || *p == ',') {
        fracs = strspn(p + 1, "0123456789");
        p += 1 + fracs;
    }
    if (!ints && !fracs)
        return 0;
    if (*p == 'e' || *p == 'E') {
        p += 1 + (p[1] == '+' || p[1] == '-');
        size_t exps = strspn(p, "0123456789");
        if (!exps)
            return 0;
        p += exps;
    }
    return *p == '\0';
}

/* What a spreadsheet would read as a formula (OWASP's list of leading characters), unless the
 * whole cell is a number: a number holds no name to call and is left as it is. */
static int formula_like(const char *s)
{
    return s[0] && strchr("=+-@\t\r", s[0]) && !rp_is_number_text(s);
}

void rp_csv_text(rp_csv *w, const char *s)
{
    FILE *fp = cell(w);
    if (!s)
        return;
    int guard = formula_like(s);
    if (!guard && !strpbrk(s, "\"\r\n") && !strchr(s, w->sep)) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    if (guard)
        fputc('\'', fp); /* the apostrophe makes it text; quoted, so the guard is visible */
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

/* Digits with the characters of a phone number or id around them: Excel would turn it into a
 * number (losing a leading 0 or +) unless told it is text. */
static int numberlike(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 40 || !strpbrk(s, "0123456789"))
        return 0;
    return strspn(s, "0123456789 +-().") == n;
}

void rp_csv_keep_text(rp_csv *w, const char *s)
{
    if (!w->excel || !s || !numberlike(s)) {
        rp_csv_text(w, s);
        return;
    }
    /* ="..." holds no more than a string constant, as numberlike admits no quote */
    fprintf(cell(w), "\"=\"\"%s\"\"\"", s);
}

void rp_csv_number_text(rp_csv *w, const char *s)
{
    FILE *fp = cell(w);
    for (; *s; s++)
        fputc(w->excel && *s == '.' ? ',' : *s, fp);
}

void rp_csv_int(rp_csv *w, long v)
{
    fprintf(cell(w), "%ld", v);
}

static void decimal_comma(char *buf)
{
    for (char *p = buf; *p; p++)
        if (*p == '.')
            *p = ',';
}

void rp_format_num(char *buf, size_t size, double v, int digits, int comma)
{
    if (isnan(v)) {
        buf[0] = '\0';
        return;
    }
    snprintf(buf, size, "%.*f", digits, v);
    if (strcmp(buf, "-0") == 0 || (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1)))
        memmove(buf, buf + 1, strlen(buf)); /* no "-0.00" */
    if (comma)
        decimal_comma(buf);
}

/* p- and q-values: significant digits, not decimals (a q of 3e-9 must not print as 0.00). */
void rp_format_p(char *buf, size_t size, double p, int digits, int comma)
{
    if (isnan(p)) {
        buf[0] = '\0';
        return;
    }
    snprintf(buf, size, "%.*g", digits > 6 ? digits : 6, p);
    if (comma)
        decimal_comma(buf);
}

void rp_csv_num(rp_csv *w, double v, int digits)
{
    char buf[64];
    rp_format_num(buf, sizeof buf, v, digits, w->excel);
    fputs(buf, cell(w));
}

void rp_csv_p(rp_csv *w, double p, int digits)
{
    char buf[64];
    rp_format_p(buf, sizeof buf, p, digits, w->excel);
    fputs(buf, cell(w));
}

void rp_csv_empty(rp_csv *w)
{
    cell(w);
}

ceo_status rp_csv_check(rp_csv *w, ceo_error *err)
{
    return ceo_out_check(w->out, err);
}

ceo_status rp_csv_commit(rp_csv *w, ceo_error *err)
{
    ceo_status st = ceo_out_check(w->out, err);
    if (st == CEO_OK)
        st = ceo_out_commit(w->out, err);
    else
        ceo_out_abort(w->out);
    ceo_free(w);
    return st;
}

void rp_csv_abort(rp_csv *w)
{
    if (!w)
        return;
    ceo_out_abort(w->out);
    ceo_free(w);
}
