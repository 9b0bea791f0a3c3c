/*
 * tables.c - CSV and JSON writers for the figures, driven by one column table per record:
 * a column is named once, with its kind and where its value lives in the row, and both
 * formats follow the table (adding a column is one line).
 *
 * The kinds decide the cell: a count below 0 and a NaN figure are empty (null in JSON); a
 * significance flag is 1/0 (true/false) from a q-value against alpha, empty when untested.
 */
#include "tables.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef enum {
    COL_TEXT,  /* const char *, NULL: empty */
    COL_COUNT, /* long, below 0: empty */
    COL_RANK,  /* int, 0 or below: empty */
    COL_NUM,   /* double with the run's digits */
    COL_P,     /* double, a p- or q-value */
    COL_BOOL,  /* int 0/1 (JSON false/true) */
    COL_SIG,   /* double, a q-value: below alpha is 1 */
} col_kind;

typedef struct {
    const char *name;
    col_kind kind;
    size_t at;                            /* offset of the value in the row */
    const char *(*text)(const void *row); /* a text made from the row, in place of at */
} column;

/* The offset of field f of T, which must be of type type (a compile error otherwise), so that a
 * column's kind and its field cannot disagree. */
#define AT(T, f, type) (offsetof(T, f) + 0 * sizeof(_Generic(((T *)0)->f, type : 0)))
#define TEXT(T, name, f)                                                                           \
    {                                                                                              \
        name, COL_TEXT, AT(T, f, const char *), NULL                                               \
    }
#define OWNED_TEXT(T, name, f)                                                                     \
    {                                                                                              \
        name, COL_TEXT, AT(T, f, char *), NULL                                                     \
    }
#define COUNT(T, name, f)                                                                          \
    {                                                                                              \
        name, COL_COUNT, AT(T, f, long), NULL                                                      \
    }
#define RANK(T, name, f)                                                                           \
    {                                                                                              \
        name, COL_RANK, AT(T, f, int), NULL                                                        \
    }
#define NUM(T, name, f)                                                                            \
    {                                                                                              \
        name, COL_NUM, AT(T, f, double), NULL                                                      \
    }
#define PVAL(T, name, f)                                                                           \
    {                                                                                              \
        name, COL_P, AT(T, f, double), NULL                                                        \
    }
#define BOOL(T, name, f)                                                                           \
    {                                                                                              \
        name, COL_BOOL, AT(T, f, int), NULL                                                        \
    }
#define SIG(T, name, q)                                                                            \
    {                                                                                              \
        name, COL_SIG, AT(T, q, double), NULL                                                      \
    }

static const char *stats_base(const void *row)
{
    const st_row *r = row;
    return r->published_only ? "published groups" : r->left_out ? "left out" : "";
}

/* The first eleven are the public contract. */
static const column stats_columns[] = {
    TEXT(st_row, "dimension", dimension),
    TEXT(st_row, "group", group),
    TEXT(st_row, "question", question),
    TEXT(st_row, "theme", theme),
    COUNT(st_row, "n", n),
    NUM(st_row, "pct_positive", pct_positive),
    NUM(st_row, "ci_low", ci_low),
    NUM(st_row, "ci_high", ci_high),
    NUM(st_row, "pct_negative", pct_negative),
    NUM(st_row, "mean", mean),
    BOOL(st_row, "suppressed", suppressed),
    BOOL(st_row, "indicative", indicative),
    NUM(st_row, "median", median),
    NUM(st_row, "n_effective", n_effective),
    PVAL(st_row, "p_vs_rest", p_vs_rest),
    PVAL(st_row, "q_vs_rest", q_vs_rest),
    SIG(st_row, "sig", q_vs_rest),
    TEXT(st_row, "test", test),
    COUNT(st_row, "prev_n", prev_n),
    NUM(st_row, "prev_value", prev_value),
    PVAL(st_row, "p_vs_prev", p_vs_prev),
    PVAL(st_row, "q_vs_prev", q_vs_prev),
    SIG(st_row, "sig_prev", q_vs_prev),
    TEXT(st_row, "test_prev", test_prev),
    OWNED_TEXT(st_row, "distribution", distribution),
    TEXT(st_row, "suppression", suppression),
    {"base", COL_TEXT, 0, stats_base},
};
#define NSTATS (sizeof stats_columns / sizeof stats_columns[0])

/* The HV provider table in CSV order; the % positive per HV item (pct_ITEM) follow. */
static const column hv_fixed[] = {
    TEXT(st_hv_row, "dimension", dimension),
    TEXT(st_hv_row, "group", group),
    COUNT(st_hv_row, "n", n),
    COUNT(st_hv_row, "mark_n", mark_n),
    NUM(st_hv_row, "mark", mark),
    NUM(st_hv_row, "mark_ci_low", mark_low),
    NUM(st_hv_row, "mark_ci_high", mark_high),
    NUM(st_hv_row, "composite", composite),
    COUNT(st_hv_row, "nps_n", nps_n),
    NUM(st_hv_row, "nps", nps),
    NUM(st_hv_row, "nps_ci_low", nps_low),
    NUM(st_hv_row, "nps_ci_high", nps_high),
    RANK(st_hv_row, "rank", rank),
    PVAL(st_hv_row, "p_mark", p_mark),
    PVAL(st_hv_row, "q_mark", q_mark),
    SIG(st_hv_row, "sig_mark", q_mark),
    BOOL(st_hv_row, "suppressed", suppressed),
    BOOL(st_hv_row, "indicative", indicative),
};
#define NHV_FIXED (sizeof hv_fixed / sizeof hv_fixed[0])
#define NHV (NHV_FIXED + ST_HV_ITEMS)

/* JSON has always listed the HV figures before their counts (mark_n, nps_n): the order of
 * hv_fixed in JSON, kept so the files stay as they were. */
static const unsigned char hv_json_order[NHV_FIXED] = {0,  1, 2, 4,  5,  6,  7,  9,  10,
                                                       11, 3, 8, 12, 13, 14, 15, 16, 17};

typedef struct {
    column cols[NHV];
    size_t order[NHV]; /* JSON order */
    char names[ST_HV_ITEMS][64];
} hv_table;

static void hv_table_init(hv_table *t)
{
    for (size_t k = 0; k < NHV_FIXED; k++) {
        t->cols[k] = hv_fixed[k];
        t->order[k] = hv_json_order[k];
    }
    for (size_t k = 0; k < ST_HV_ITEMS; k++) {
        snprintf(t->names[k], sizeof t->names[k], "pct_%s", st_hv_items[k]);
        t->cols[NHV_FIXED + k] =
            (column){t->names[k], COL_NUM, offsetof(st_hv_row, pct) + k * sizeof(double), NULL};
        t->order[NHV_FIXED + k] = NHV_FIXED + k;
    }
}

/* ---------- reading a value ---------- */

static const char *text_of(const column *c, const void *row)
{
    if (c->text)
        return c->text(row);
    const char *s;
    memcpy(&s, (const char *)row + c->at, sizeof s);
    return s;
}

static double double_of(const column *c, const void *row)
{
    double v;
    memcpy(&v, (const char *)row + c->at, sizeof v);
    return v;
}

static long long_of(const column *c, const void *row)
{
    long v;
    memcpy(&v, (const char *)row + c->at, sizeof v);
    return v;
}

static int int_of(const column *c, const void *row)
{
    int v;
    memcpy(&v, (const char *)row + c->at, sizeof v);
    return v;
}

/* ---------- CSV ---------- */

static void csv_header(rp_csv *w, const column *cols, size_t n)
{
    for (size_t k = 0; k < n; k++)
        rp_csv_text(w, cols[k].name);
    rp_csv_end_row(w);
}

static void csv_row(rp_csv *w, const column *cols, size_t n, const void *row,
                    const rp_table_options *opt)
{
    for (size_t k = 0; k < n; k++) {
        const column *c = &cols[k];
        switch (c->kind) {
        case COL_TEXT:
            rp_csv_text(w, text_of(c, row));
            break;
        case COL_COUNT:
            if (long_of(c, row) >= 0)
                rp_csv_int(w, long_of(c, row));
            else
                rp_csv_empty(w);
            break;
        case COL_RANK:
            if (int_of(c, row) > 0)
                rp_csv_int(w, int_of(c, row));
            else
                rp_csv_empty(w);
            break;
        case COL_NUM:
            rp_csv_num(w, double_of(c, row), opt->digits);
            break;
        case COL_P:
            rp_csv_p(w, double_of(c, row), opt->digits);
            break;
        case COL_BOOL:
            rp_csv_int(w, int_of(c, row));
            break;
        case COL_SIG:
            if (isnan(double_of(c, row)))
                rp_csv_empty(w);
            else
                rp_csv_int(w, double_of(c, row) < opt->alpha);
            break;
        }
    }
    rp_csv_end_row(w);
}

ceo_status rp_stats_csv(rp_csv *w, const st_result *r, const rp_table_options *opt, ceo_error *err)
{
    csv_header(w, stats_columns, NSTATS);
    for (size_t i = 0; i < st_result_count(r); i++)
        csv_row(w, stats_columns, NSTATS, st_result_row(r, i), opt);
    return rp_csv_check(w, err);
}

ceo_status rp_hv_csv(rp_csv *w, const st_hv *h, const rp_table_options *opt, ceo_error *err)
{
    hv_table t;
    hv_table_init(&t);
    csv_header(w, t.cols, NHV);
    for (size_t i = 0; i < st_hv_count(h); i++)
        csv_row(w, t.cols, NHV, st_hv_row_at(h, i), opt);
    return rp_csv_check(w, err);
}

/* ---------- JSON: an array of objects, one a line ---------- */

static void json_str(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(fp, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(fp, "\\u%04x", ch);
        else
            fputc(ch, fp);
    }
    fputc('"', fp);
}

static void json_value(FILE *fp, const column *c, const void *row, const rp_table_options *opt)
{
    char buf[64];
    switch (c->kind) {
    case COL_TEXT:
        if (text_of(c, row))
            json_str(fp, text_of(c, row));
        else
            fputs("null", fp);
        return;
    case COL_COUNT:
        if (long_of(c, row) >= 0)
            fprintf(fp, "%ld", long_of(c, row));
        else
            fputs("null", fp);
        return;
    case COL_RANK:
        if (int_of(c, row) > 0)
            fprintf(fp, "%d", int_of(c, row));
        else
            fputs("null", fp);
        return;
    case COL_NUM:
    case COL_P:
        if (c->kind == COL_NUM)
            rp_format_num(buf, sizeof buf, double_of(c, row), opt->digits, 0);
        else
            rp_format_p(buf, sizeof buf, double_of(c, row), opt->digits, 0);
        fputs(buf[0] ? buf : "null", fp);
        return;
    case COL_BOOL:
        fputs(int_of(c, row) ? "true" : "false", fp);
        return;
    case COL_SIG:
        fputs(isnan(double_of(c, row))         ? "null"
              : double_of(c, row) < opt->alpha ? "true"
                                               : "false",
              fp);
        return;
    }
}

/* Row i of the array: the columns in the order given (NULL: table order). */
static void json_row(FILE *fp, size_t i, const column *cols, const size_t *order, size_t n,
                     const void *row, const rp_table_options *opt)
{
    fputs(i ? ",\n  {" : "  {", fp);
    for (size_t k = 0; k < n; k++) {
        const column *c = &cols[order ? order[k] : k];
        fprintf(fp, "%s\"%s\": ", k ? ", " : "", c->name);
        json_value(fp, c, row, opt);
    }
    fputc('}', fp);
}

ceo_status rp_stats_json(ceo_out *o, const st_result *r, const rp_table_options *opt,
                         ceo_error *err)
{
    FILE *fp = ceo_out_file(o);
    fputs("[\n", fp);
    for (size_t i = 0; i < st_result_count(r); i++)
        json_row(fp, i, stats_columns, NULL, NSTATS, st_result_row(r, i), opt);
    fputs("\n]\n", fp);
    return ceo_out_check(o, err);
}

ceo_status rp_hv_json(ceo_out *o, const st_hv *h, const rp_table_options *opt, ceo_error *err)
{
    hv_table t;
    hv_table_init(&t);
    FILE *fp = ceo_out_file(o);
    fputs("[\n", fp);
    for (size_t i = 0; i < st_hv_count(h); i++)
        json_row(fp, i, t.cols, t.order, NHV, st_hv_row_at(h, i), opt);
    fputs("\n]\n", fp);
    return ceo_out_check(o, err);
}
