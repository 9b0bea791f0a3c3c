/*
 * tables.c - CSV and JSON writers for the figures.
 *
 * Numbers are printed with "%.*f" in the C locale and the decimal point swapped for a comma in
 * Excel mode, so output never depends on the machine's locale.
 */
#include "tables.h"

#include <math.h>
#include <string.h>

const char *const rp_stats_columns[] = {
    "dimension", "group",      "question",  "theme",     "n",         "pct_positive",
    "ci_low",    "ci_high",    "pct_negative", "mean",   "suppressed", "indicative",
    "median",    "n_effective", "p_vs_rest", "q_vs_rest", "sig",      "test",
    "distribution", NULL};

static void put_text(FILE *fp, const char *s, char sep)
{
    if (!strpbrk(s, "\"\r\n") && !strchr(s, sep)) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

static void put_num(FILE *fp, double v, int digits, int comma)
{
    if (isnan(v))
        return;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", digits, v);
    if (strcmp(buf, "-0") == 0 || (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1)))
        memmove(buf, buf + 1, strlen(buf)); /* no "-0.00" */
    if (comma)
        for (char *p = buf; *p; p++)
            if (*p == '.')
                *p = ',';
    fputs(buf, fp);
}

/* p- and q-values: significant digits, not decimals (a q of 3e-9 must not print as 0.00). */
static void put_p(FILE *fp, double p, int digits, int comma)
{
    if (isnan(p))
        return;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*g", digits > 6 ? digits : 6, p);
    if (comma)
        for (char *q = buf; *q; q++)
            if (*q == '.')
                *q = ',';
    fputs(buf, fp);
}

int rp_stats_csv(FILE *fp, const st_result *r, const rp_table_options *opt)
{
    char sep = opt->excel ? ';' : ',';
    const char *eol = opt->excel ? "\r\n" : "\n";
    int d = opt->digits, c = opt->excel;
    if (opt->excel)
        fputs("\xEF\xBB\xBF", fp);
    for (size_t k = 0; rp_stats_columns[k]; k++) {
        if (k)
            fputc(sep, fp);
        fputs(rp_stats_columns[k], fp);
    }
    fputs(eol, fp);
    for (size_t i = 0; i < st_result_count(r); i++) {
        const st_row *row = st_result_row(r, i);
        put_text(fp, row->dimension, sep);
        fputc(sep, fp);
        put_text(fp, row->group, sep);
        fputc(sep, fp);
        put_text(fp, row->question, sep);
        fputc(sep, fp);
        put_text(fp, row->theme, sep);
        fputc(sep, fp);
        if (row->n >= 0)
            fprintf(fp, "%ld", row->n);
        fputc(sep, fp);
        put_num(fp, row->pct_positive, d, c);
        fputc(sep, fp);
        put_num(fp, row->ci_low, d, c);
        fputc(sep, fp);
        put_num(fp, row->ci_high, d, c);
        fputc(sep, fp);
        put_num(fp, row->pct_negative, d, c);
        fputc(sep, fp);
        put_num(fp, row->mean, d, c);
        fprintf(fp, "%c%d%c%d%c", sep, row->suppressed, sep, row->indicative, sep);
        put_num(fp, row->median, d, c);
        fputc(sep, fp);
        put_num(fp, row->n_effective, d, c);
        fputc(sep, fp);
        put_p(fp, row->p_vs_rest, d, c);
        fputc(sep, fp);
        put_p(fp, row->q_vs_rest, d, c);
        fputc(sep, fp);
        if (!isnan(row->q_vs_rest))
            fputc(row->q_vs_rest < opt->alpha ? '1' : '0', fp);
        fputc(sep, fp);
        fputs(row->test, fp);
        fputc(sep, fp);
        if (row->distribution)
            put_text(fp, row->distribution, sep);
        fputs(eol, fp);
    }
    return ferror(fp) ? -1 : 0;
}

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

static void json_num(FILE *fp, double v, int digits)
{
    if (isnan(v))
        fputs("null", fp);
    else
        put_num(fp, v, digits, 0);
}

int rp_stats_json(FILE *fp, const st_result *r, const rp_table_options *opt)
{
    int d = opt->digits;
    fputs("[\n", fp);
    for (size_t i = 0; i < st_result_count(r); i++) {
        const st_row *row = st_result_row(r, i);
        fputs(i ? ",\n  {" : "  {", fp);
        fputs("\"dimension\": ", fp);
        json_str(fp, row->dimension);
        fputs(", \"group\": ", fp);
        json_str(fp, row->group);
        fputs(", \"question\": ", fp);
        json_str(fp, row->question);
        fputs(", \"theme\": ", fp);
        json_str(fp, row->theme);
        if (row->n >= 0)
            fprintf(fp, ", \"n\": %ld", row->n);
        else
            fputs(", \"n\": null", fp);
        const struct {
            const char *k;
            double v;
        } nums[] = {{"pct_positive", row->pct_positive}, {"ci_low", row->ci_low},
                    {"ci_high", row->ci_high},           {"pct_negative", row->pct_negative},
                    {"mean", row->mean}};
        for (size_t k = 0; k < sizeof nums / sizeof nums[0]; k++) {
            fprintf(fp, ", \"%s\": ", nums[k].k);
            json_num(fp, nums[k].v, d);
        }
        fprintf(fp, ", \"suppressed\": %s, \"indicative\": %s, \"median\": ",
                row->suppressed ? "true" : "false", row->indicative ? "true" : "false");
        json_num(fp, row->median, d);
        fputs(", \"n_effective\": ", fp);
        json_num(fp, row->n_effective, d);
        fputs(", \"p_vs_rest\": ", fp);
        if (isnan(row->p_vs_rest))
            fputs("null", fp);
        else
            put_p(fp, row->p_vs_rest, d, 0);
        fputs(", \"q_vs_rest\": ", fp);
        if (isnan(row->q_vs_rest))
            fputs("null", fp);
        else
            put_p(fp, row->q_vs_rest, d, 0);
        fprintf(fp, ", \"sig\": %s, \"test\": ",
                isnan(row->q_vs_rest) ? "null" : row->q_vs_rest < opt->alpha ? "true" : "false");
        json_str(fp, row->test);
        fputs(", \"distribution\": ", fp);
        if (row->distribution)
            json_str(fp, row->distribution);
        else
            fputs("null", fp);
        fputc('}', fp);
    }
    fputs("\n]\n", fp);
    return ferror(fp) ? -1 : 0;
}
