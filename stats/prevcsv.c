/*
 * prevcsv.c - last period's figures from the CSV `ceo stats` wrote (plain or --excel), as rows
 * of a result that st_compare_results compares this period's rows with. Nothing is estimated
 * that the CSV does not hold: a hidden or missing row stays hidden, and a test is made only
 * where the CSV gives its raw material exactly (see prevcsv.h).
 */
#include "prevcsv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../survey/sheet.h"
#include "dist.h"
#include "statspriv.h"

int st_prev_csv_is(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    char buf[512];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    const char *s = buf;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;
    if (strncmp(s, "sep=", 4) == 0) {
        const char *nl = strchr(s, '\n');
        if (!nl)
            return 0;
        s = nl + 1;
    }
    static const char *const heads[] = {"dimension,group,question,theme,n,pct_positive",
                                        "dimension;group;question;theme;n;pct_positive"};
    for (size_t i = 0; i < 2; i++)
        if (strncmp(s, heads[i], strlen(heads[i])) == 0)
            return 1;
    /* another output of ceo stats: the --hv table, or JSON */
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == '[')
        s++;
    if (strncmp(s, "dimension,group,", 16) == 0 || strncmp(s, "dimension;group;", 16) == 0 ||
        strncmp(s, "{\"dimension\":", 13) == 0)
        return 2;
    return 0;
}

/* A number of the CSV (decimal point, or comma in --excel); NaN when empty. -1 when bad. */
static int cell_num(const char *s, double *v)
{
    if (!*s) {
        *v = NAN;
        return 0;
    }
    char buf[64];
    size_t len = strlen(s);
    if (len >= sizeof buf)
        return -1;
    for (size_t i = 0; i <= len; i++)
        buf[i] = s[i] == ',' ? '.' : s[i];
    char *end;
    *v = strtod(buf, &end);
    return *end || !isfinite(*v) ? -1 : 0;
}

/* The raw material of the test of the difference for a shown row, from what the CSV holds:
 * positives of a percentage, sd of a mark. Untestable rows get positives -1 and sd NaN. Returns
 * 1 when the row can be tested, 0 when it cannot, -1 when stats tests no such row (a theme, a
 * background question). */
static int test_material(st_row *w, const sv_codebook *cb, double n_eff, int decimals)
{
    w->positives = -1;
    w->sd = NAN;
    if (!*w->question)
        return -1; /* theme rows are not tested */
    char id[256];
    snprintf(id, sizeof id, "%s", w->question);
    char *colon = strchr(id, ':');
    if (colon)
        *colon = '\0';
    int k = cb ? sv_codebook_find(cb, id) : -1;
    const sv_item *it = k >= 0 ? sv_codebook_item(cb, (size_t)k) : NULL;
    if ((it && !st_tested_item(it)) || (isnan(w->mean) && isnan(w->pct_positive)))
        return -1;
    if (!isnan(n_eff) && fabs(n_eff - (double)w->n) > 0.005)
        return 0; /* a weighted row's counts are not in the CSV */
    if (it && it->type == SV_T_SCORE)
        return -1; /* its interval is that of % 9-10: never a test from the CSV (prevcsv.h) */
    if (!isnan(w->mean)) {
        /* a mark's interval is mean +- t * sd / sqrt(n), cut at 1 and 10 */
        if (!it || it->type != SV_T_CIJFER || w->n < 2 || isnan(w->ci_low) || isnan(w->ci_high) ||
            w->ci_low <= 1 || w->ci_high >= 10)
            return 0;
        double tq = st_qt(0.975, (double)(w->n - 1));
        w->sd = (w->ci_high - w->ci_low) / 2 / tq * sqrt((double)w->n);
        return 1;
    }
    if (isnan(w->pct_positive))
        return 0;
    /* pct_positive is rounded to its decimals: n x pct / 100 lies within n x half a unit / 100
     * of the count, which is then the only whole number there while that is below 0.5 */
    double x = w->pct_positive * (double)w->n / 100, r = floor(x + 0.5);
    double within = 0.5 * pow(10, -decimals) * (double)w->n / 100;
    if (within >= 0.5 || fabs(x - r) > within + 1e-9)
        return 0;
    w->positives = (long)r;
    return 1;
}

st_result *st_prev_csv_read(const char *path, const sv_codebook *cb, long min_n, st_prev_info *info,
                            ceo_error *err)
{
    static const char *const req[] = {"dimension",    "group", "question",   "theme", "n",
                                      "pct_positive", "mean",  "suppressed", NULL};
    memset(info, 0, sizeof *info);
    info->min_shown = -1;
    sv_sheet *s = sv_sheet_load(path, req, err);
    if (!s)
        return NULL;
    st_result *res = ceo_calloc(1, sizeof *res);
    if (!res) {
        sv_sheet_free(s);
        ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    int c_dim = sv_sheet_col(s, "dimension"), c_grp = sv_sheet_col(s, "group"),
        c_q = sv_sheet_col(s, "question"), c_th = sv_sheet_col(s, "theme"),
        c_n = sv_sheet_col(s, "n"), c_pct = sv_sheet_col(s, "pct_positive"),
        c_mean = sv_sheet_col(s, "mean"), c_sup = sv_sheet_col(s, "suppressed"),
        c_lo = sv_sheet_col(s, "ci_low"), c_hi = sv_sheet_col(s, "ci_high"),
        c_eff = sv_sheet_col(s, "n_effective");
    ceo_status st = CEO_OK;
    size_t dlen = 0;
    for (size_t i = 0; i < sv_sheet_rows(s) && st == CEO_OK; i++) {
        st_row *w = st_new_row(res);
        char *dname = NULL, *grp = NULL, *q = NULL, *th = NULL;
        if (!w || !(dname = st_keep(res, ceo_strdup(sv_sheet_cell(s, i, c_dim)))) ||
            !(grp = st_keep(res, ceo_strdup(sv_sheet_cell(s, i, c_grp)))) ||
            !(q = st_keep(res, ceo_strdup(sv_sheet_cell(s, i, c_q)))) ||
            !(th = st_keep(res, ceo_strdup(sv_sheet_cell(s, i, c_th))))) {
            st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
            break;
        }
        w->dimension = dname;
        w->group = grp;
        w->question = q;
        w->theme = th;
        info->rows++;
        size_t dl = strlen(dname);
        if (dl && !ceo_list_has(info->dims, dname, dl) && dlen + dl + 2 < sizeof info->dims) {
            if (dlen)
                info->dims[dlen++] = ',';
            memcpy(info->dims + dlen, dname, dl + 1);
            dlen += dl;
        }
        const char *sup = sv_sheet_cell(s, i, c_sup);
        w->suppressed = strcmp(sup, "1") == 0 || strcmp(sup, "true") == 0;
        if (w->suppressed) {
            w->n = -1;
            continue;
        }
        /* the figures: a bad cell is named where it is */
        const int cols[5] = {c_n, c_pct, c_mean, c_lo, c_hi};
        double v[5], eff = NAN;
        for (int k = 0; k < 5 && st == CEO_OK; k++)
            if (cols[k] >= 0 && cell_num(sv_sheet_cell(s, i, cols[k]), &v[k]) != 0)
                st = ceo_error_set(err, CEO_EDATA, path, sv_sheet_line(s, i), cols[k] + 1,
                                   "'%s' is not a number", sv_sheet_cell(s, i, cols[k]));
            else if (cols[k] < 0)
                v[k] = NAN;
        if (st == CEO_OK && c_eff >= 0 && cell_num(sv_sheet_cell(s, i, c_eff), &eff) != 0)
            st = ceo_error_set(err, CEO_EDATA, path, sv_sheet_line(s, i), c_eff + 1,
                               "'%s' is not a number", sv_sheet_cell(s, i, c_eff));
        if (st == CEO_OK && !isnan(v[0]) && (v[0] < 0 || v[0] != floor(v[0])))
            st = ceo_error_set(err, CEO_EDATA, path, sv_sheet_line(s, i), c_n + 1,
                               "n is a count of answers, not '%s'", sv_sheet_cell(s, i, c_n));
        if (st != CEO_OK)
            break;
        w->n = isnan(v[0]) ? 0 : (long)v[0];
        w->pct_positive = v[1];
        w->mean = v[2];
        w->ci_low = v[3];
        w->ci_high = v[4];
        w->n_effective = eff;
        if (w->n > 0 && (info->min_shown < 0 || w->n < info->min_shown))
            info->min_shown = w->n;
        if (w->n > 0 && w->n < min_n) {
            /* shown there, hidden here: the previous run had a lower min_n */
            info->below_min++;
            w->suppressed = 1;
            w->n = -1;
            w->pct_positive = w->mean = NAN;
            continue;
        }
        const char *pc = sv_sheet_cell(s, i, c_pct), *dot = strpbrk(pc, ".,");
        int decimals = dot ? (int)strlen(dot + 1) : 0;
        if (w->n > 0 && test_material(w, cb, eff, decimals) == 0)
            info->untestable++;
    }
    sv_sheet_free(s);
    if (st != CEO_OK) {
        st_result_free(res);
        return NULL;
    }
    st_build_index(res);
    return res;
}

const char *st_prev_missing_dims(const st_result *prev, const char *by, char *out, size_t size)
{
    size_t len = 0;
    out[0] = '\0';
    for (const char *d = by; d && *d;) {
        const char *e = strchr(d, ',');
        size_t dl = e ? (size_t)(e - d) : strlen(d);
        int found = 0;
        for (size_t i = 0; prev && i < prev->n && !found; i++)
            found = strlen(prev->rows[i].dimension) == dl &&
                    memcmp(prev->rows[i].dimension, d, dl) == 0;
        if (!found && dl && len + dl + 2 < size) {
            if (len)
                out[len++] = ',';
            memcpy(out + len, d, dl);
            out[len += dl] = '\0';
        }
        d = e ? e + 1 : NULL;
    }
    return out;
}
