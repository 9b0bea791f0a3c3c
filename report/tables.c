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
/* clang-format off */
#define COL(T, name, kind, f, type) {name, kind, AT(T, f, type), NULL}
/* clang-format on */
#define TEXT(T, name, f) COL(T, name, COL_TEXT, f, const char *)
#define OWNED_TEXT(T, name, f) COL(T, name, COL_TEXT, f, char *)
#define COUNT(T, name, f) COL(T, name, COL_COUNT, f, long)
#define RANK(T, name, f) COL(T, name, COL_RANK, f, int)
#define NUM(T, name, f) COL(T, name, COL_NUM, f, double)
#define PVAL(T, name, f) COL(T, name, COL_P, f, double)
#define BOOL(T, name, f) COL(T, name, COL_BOOL, f, int)
#define SIG(T, name, q) COL(T, name, COL_SIG, q, double)

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
 * hv_fixed in JSON, kept so the files stay as they were. A column added to hv_fixed is added
 * here too (the assertion counts them). */
static const unsigned char hv_json_order[] = {0,  1, 2, 4,  5,  6,  7,  9,  10,
                                              11, 3, 8, 12, 13, 14, 15, 16, 17};
_Static_assert(sizeof hv_json_order == NHV_FIXED, "every HV column has its place in the JSON");

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

/* ---------- a column's value in a row ---------- */

typedef struct {
    enum { V_NONE, V_TEXT, V_NUMBER, V_TRUTH } kind; /* V_NONE: empty cell, JSON null */
    const char *text;                                /* V_TEXT */
    char number[64];                                 /* V_NUMBER, with a decimal point */
    int truth;                                       /* V_TRUTH */
} value;

/* The field of column c in row, copied into out (n bytes: the field's size). */
static void field(const column *c, const void *row, void *out, size_t n)
{
    memcpy(out, (const char *)row + c->at, n);
}

/* What column c holds in row, as both formats write it. */
static void value_of(const column *c, const void *row, const rp_table_options *opt, value *v)
{
    long l;
    int i;
    double d;
    v->kind = V_NONE;
    switch (c->kind) {
    case COL_TEXT:
        if (c->text)
            v->text = c->text(row);
        else
            field(c, row, &v->text, sizeof v->text);
        if (v->text)
            v->kind = V_TEXT;
        return;
    case COL_COUNT:
        field(c, row, &l, sizeof l);
        if (l >= 0) {
            v->kind = V_NUMBER;
            snprintf(v->number, sizeof v->number, "%ld", l);
        }
        return;
    case COL_RANK:
        field(c, row, &i, sizeof i);
        if (i > 0) {
            v->kind = V_NUMBER;
            snprintf(v->number, sizeof v->number, "%d", i);
        }
        return;
    case COL_NUM:
    case COL_P:
        field(c, row, &d, sizeof d);
        if (c->kind == COL_NUM)
            rp_format_num(v->number, sizeof v->number, d, opt->digits, 0);
        else
            rp_format_p(v->number, sizeof v->number, d, opt->digits, 0);
        if (v->number[0]) /* "" for NaN */
            v->kind = V_NUMBER;
        return;
    case COL_BOOL:
        field(c, row, &i, sizeof i);
        v->kind = V_TRUTH;
        v->truth = i;
        return;
    case COL_SIG:
        field(c, row, &d, sizeof d);
        if (!isnan(d)) {
            v->kind = V_TRUTH;
            v->truth = d < opt->alpha;
        }
        return;
    }
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
    value v;
    for (size_t k = 0; k < n; k++) {
        value_of(&cols[k], row, opt, &v);
        switch (v.kind) {
        case V_NONE:
            rp_csv_empty(w);
            break;
        case V_TEXT:
            rp_csv_text(w, v.text);
            break;
        case V_NUMBER:
            rp_csv_number_text(w, v.number);
            break;
        case V_TRUTH:
            rp_csv_int(w, v.truth);
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
    value v;
    value_of(c, row, opt, &v);
    switch (v.kind) {
    case V_NONE:
        fputs("null", fp);
        break;
    case V_TEXT:
        json_str(fp, v.text);
        break;
    case V_NUMBER:
        fputs(v.number, fp);
        break;
    case V_TRUTH:
        fputs(v.truth ? "true" : "false", fp);
        break;
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
