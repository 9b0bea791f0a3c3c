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
    "dimension",    "group",       "question",     "theme",     "n",          "pct_positive",
    "ci_low",       "ci_high",     "pct_negative", "mean",      "suppressed", "indicative",
    "median",       "n_effective", "p_vs_rest",    "q_vs_rest", "sig",        "test",
    "prev_n",       "prev_value",  "p_vs_prev",    "q_vs_prev", "sig_prev",   "test_prev",
    "distribution", "suppression", "base",         NULL};

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

void rp_put_text(FILE *fp, const char *s, char sep)
{
    int guard = formula_like(s);
    if (!guard && !strpbrk(s, "\"\r\n") && !strchr(s, sep)) {
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

void rp_put_num(FILE *fp, double v, int digits, int comma)
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
void rp_put_p(FILE *fp, double p, int digits, int comma)
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
        rp_put_text(fp, row->dimension, sep);
        fputc(sep, fp);
        rp_put_text(fp, row->group, sep);
        fputc(sep, fp);
        rp_put_text(fp, row->question, sep);
        fputc(sep, fp);
        rp_put_text(fp, row->theme, sep);
        fputc(sep, fp);
        if (row->n >= 0)
            fprintf(fp, "%ld", row->n);
        fputc(sep, fp);
        rp_put_num(fp, row->pct_positive, d, c);
        fputc(sep, fp);
        rp_put_num(fp, row->ci_low, d, c);
        fputc(sep, fp);
        rp_put_num(fp, row->ci_high, d, c);
        fputc(sep, fp);
        rp_put_num(fp, row->pct_negative, d, c);
        fputc(sep, fp);
        rp_put_num(fp, row->mean, d, c);
        fprintf(fp, "%c%d%c%d%c", sep, row->suppressed, sep, row->indicative, sep);
        rp_put_num(fp, row->median, d, c);
        fputc(sep, fp);
        rp_put_num(fp, row->n_effective, d, c);
        fputc(sep, fp);
        rp_put_p(fp, row->p_vs_rest, d, c);
        fputc(sep, fp);
        rp_put_p(fp, row->q_vs_rest, d, c);
        fputc(sep, fp);
        if (!isnan(row->q_vs_rest))
            fputc(row->q_vs_rest < opt->alpha ? '1' : '0', fp);
        fputc(sep, fp);
        fputs(row->test, fp);
        fputc(sep, fp);
        if (row->prev_n >= 0)
            fprintf(fp, "%ld", row->prev_n);
        fputc(sep, fp);
        rp_put_num(fp, row->prev_value, d, c);
        fputc(sep, fp);
        rp_put_p(fp, row->p_vs_prev, d, c);
        fputc(sep, fp);
        rp_put_p(fp, row->q_vs_prev, d, c);
        fputc(sep, fp);
        if (!isnan(row->q_vs_prev))
            fputc(row->q_vs_prev < opt->alpha ? '1' : '0', fp);
        fputc(sep, fp);
        fputs(row->test_prev, fp);
        fputc(sep, fp);
        if (row->distribution)
            rp_put_text(fp, row->distribution, sep);
        fputc(sep, fp);
        fputs(row->suppression, fp);
        fputc(sep, fp);
        fputs(row->published_only ? "published groups" : row->left_out ? "left out" : "", fp);
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
        rp_put_num(fp, v, digits, 0);
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
        } nums[] = {{"pct_positive", row->pct_positive},
                    {"ci_low", row->ci_low},
                    {"ci_high", row->ci_high},
                    {"pct_negative", row->pct_negative},
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
            rp_put_p(fp, row->p_vs_rest, d, 0);
        fputs(", \"q_vs_rest\": ", fp);
        if (isnan(row->q_vs_rest))
            fputs("null", fp);
        else
            rp_put_p(fp, row->q_vs_rest, d, 0);
        fprintf(fp, ", \"sig\": %s, \"test\": ",
                isnan(row->q_vs_rest)         ? "null"
                : row->q_vs_rest < opt->alpha ? "true"
                                              : "false");
        json_str(fp, row->test);
        if (row->prev_n >= 0)
            fprintf(fp, ", \"prev_n\": %ld, \"prev_value\": ", row->prev_n);
        else
            fputs(", \"prev_n\": null, \"prev_value\": ", fp);
        json_num(fp, row->prev_value, d);
        fputs(", \"p_vs_prev\": ", fp);
        if (isnan(row->p_vs_prev))
            fputs("null", fp);
        else
            rp_put_p(fp, row->p_vs_prev, d, 0);
        fputs(", \"q_vs_prev\": ", fp);
        if (isnan(row->q_vs_prev))
            fputs("null", fp);
        else
            rp_put_p(fp, row->q_vs_prev, d, 0);
        fprintf(fp, ", \"sig_prev\": %s, \"test_prev\": ",
                isnan(row->q_vs_prev)         ? "null"
                : row->q_vs_prev < opt->alpha ? "true"
                                              : "false");
        json_str(fp, row->test_prev);
        fputs(", \"distribution\": ", fp);
        if (row->distribution)
            json_str(fp, row->distribution);
        else
            fputs("null", fp);
        fputs(", \"suppression\": ", fp);
        json_str(fp, row->suppression);
        fputs(", \"base\": ", fp);
        json_str(fp, row->published_only ? "published groups" : row->left_out ? "left out" : "");
        fputc('}', fp);
    }
    fputs("\n]\n", fp);
    return ferror(fp) ? -1 : 0;
}

/* ---------- the HV provider table ---------- */

static const char *const hv_columns[] = {
    "dimension",   "group",        "n",          "mark_n", "mark",
    "mark_ci_low", "mark_ci_high", "composite",  "nps_n",  "nps",
    "nps_ci_low",  "nps_ci_high",  "rank",       "p_mark", "q_mark",
    "sig_mark",    "suppressed",   "indicative", NULL};

typedef struct {
    const char *key;
    double v;
} hv_num;

/* The row's numbers in column order, from "mark" on; n counts them. */
static size_t hv_nums(const st_hv_row *r, hv_num *out)
{
    size_t n = 0;
    out[n++] = (hv_num){"mark", r->mark};
    out[n++] = (hv_num){"mark_ci_low", r->mark_low};
    out[n++] = (hv_num){"mark_ci_high", r->mark_high};
    out[n++] = (hv_num){"composite", r->composite};
    return n;
}

int rp_hv_csv(FILE *fp, const st_hv *h, const rp_table_options *opt)
{
    char sep = opt->excel ? ';' : ',';
    const char *eol = opt->excel ? "\r\n" : "\n";
    int d = opt->digits, c = opt->excel;
    if (opt->excel)
        fputs("\xEF\xBB\xBF", fp);
    for (size_t k = 0; hv_columns[k]; k++)
        fprintf(fp, "%s%s", k ? (c ? ";" : ",") : "", hv_columns[k]);
    for (int k = 0; k < ST_HV_ITEMS; k++)
        fprintf(fp, "%cpct_%s", sep, st_hv_items[k]);
    fputs(eol, fp);
    for (size_t i = 0; i < st_hv_count(h); i++) {
        const st_hv_row *r = st_hv_row_at(h, i);
        rp_put_text(fp, r->dimension, sep);
        fputc(sep, fp);
        rp_put_text(fp, r->group, sep);
        fputc(sep, fp);
        if (r->n >= 0)
            fprintf(fp, "%ld", r->n);
        fputc(sep, fp);
        if (r->mark_n >= 0)
            fprintf(fp, "%ld", r->mark_n);
        hv_num nums[8];
        size_t nn = hv_nums(r, nums);
        for (size_t k = 0; k < nn; k++) {
            fputc(sep, fp);
            rp_put_num(fp, nums[k].v, d, c);
        }
        fputc(sep, fp);
        if (r->nps_n >= 0)
            fprintf(fp, "%ld", r->nps_n);
        fputc(sep, fp);
        rp_put_num(fp, r->nps, d, c);
        fputc(sep, fp);
        rp_put_num(fp, r->nps_low, d, c);
        fputc(sep, fp);
        rp_put_num(fp, r->nps_high, d, c);
        fputc(sep, fp);
        if (r->rank > 0)
            fprintf(fp, "%d", r->rank);
        fputc(sep, fp);
        rp_put_p(fp, r->p_mark, d, c);
        fputc(sep, fp);
        rp_put_p(fp, r->q_mark, d, c);
        fputc(sep, fp);
        if (!isnan(r->q_mark))
            fputc(r->q_mark < opt->alpha ? '1' : '0', fp);
        fprintf(fp, "%c%d%c%d", sep, r->suppressed, sep, r->indicative);
        for (int k = 0; k < ST_HV_ITEMS; k++) {
            fputc(sep, fp);
            rp_put_num(fp, r->pct[k], d, c);
        }
        fputs(eol, fp);
    }
    return ferror(fp) ? -1 : 0;
}

int rp_hv_json(FILE *fp, const st_hv *h, const rp_table_options *opt)
{
    int d = opt->digits;
    fputs("[\n", fp);
    for (size_t i = 0; i < st_hv_count(h); i++) {
        const st_hv_row *r = st_hv_row_at(h, i);
        fputs(i ? ",\n  {\"dimension\": " : "  {\"dimension\": ", fp);
        json_str(fp, r->dimension);
        fputs(", \"group\": ", fp);
        json_str(fp, r->group);
        if (r->n >= 0)
            fprintf(fp, ", \"n\": %ld", r->n);
        else
            fputs(", \"n\": null", fp);
        hv_num nums[8];
        size_t nn = hv_nums(r, nums);
        nums[nn++] = (hv_num){"nps", r->nps};
        nums[nn++] = (hv_num){"nps_ci_low", r->nps_low};
        nums[nn++] = (hv_num){"nps_ci_high", r->nps_high};
        for (size_t k = 0; k < nn; k++) {
            fprintf(fp, ", \"%s\": ", nums[k].key);
            json_num(fp, nums[k].v, d);
        }
        fprintf(fp, ", \"mark_n\": %ld, \"nps_n\": %ld", r->mark_n, r->nps_n);
        if (r->rank > 0)
            fprintf(fp, ", \"rank\": %d", r->rank);
        else
            fputs(", \"rank\": null", fp);
        fputs(", \"p_mark\": ", fp);
        if (isnan(r->p_mark))
            fputs("null", fp);
        else
            rp_put_p(fp, r->p_mark, d, 0);
        fputs(", \"q_mark\": ", fp);
        if (isnan(r->q_mark))
            fputs("null", fp);
        else
            rp_put_p(fp, r->q_mark, d, 0);
        fprintf(fp, ", \"sig_mark\": %s, \"suppressed\": %s, \"indicative\": %s",
                isnan(r->q_mark)         ? "null"
                : r->q_mark < opt->alpha ? "true"
                                         : "false",
                r->suppressed ? "true" : "false", r->indicative ? "true" : "false");
        for (int k = 0; k < ST_HV_ITEMS; k++) {
            fprintf(fp, ", \"pct_%s\": ", st_hv_items[k]);
            json_num(fp, r->pct[k], d);
        }
        fputc('}', fp);
    }
    fputs("\n]\n", fp);
    return ferror(fp) ? -1 : 0;
}
