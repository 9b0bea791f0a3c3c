/*
 * followup.c - CSV writers of `ceo flag`.
 *
 * Contact fields, and the original respondent ids of a table read with a key, are read from the
 * table only inside rp_followup_csv and only for rows whose flag says consent; no other function
 * here touches them.
 */
#include "followup.h"

#include <math.h>
#include <string.h>

#include "../survey/values.h"
#include "tables.h"

static const char *const followup_columns[] = {
    "respondent_id", "datum",       "gemeente",     "voorziening",      "aanbieder",     "ernst",
    "redenen",       "opmerkingen", "contact_naam", "contact_telefoon", "contact_email", NULL};

/* With the key (ceo flag --key): the original id beside the pseudonym, the only place it
 * appears. */
static const char *const followup_columns_key[] = {"respondent_id",
                                                   "oorspronkelijk_id",
                                                   "datum",
                                                   "gemeente",
                                                   "voorziening",
                                                   "aanbieder",
                                                   "ernst",
                                                   "redenen",
                                                   "opmerkingen",
                                                   "contact_naam",
                                                   "contact_telefoon",
                                                   "contact_email",
                                                   NULL};

static const char *const signal_columns[] = {"dimension",
                                             "group",
                                             "question",
                                             "theme",
                                             "n",
                                             "pct_positive",
                                             "pct_negative",
                                             "mean",
                                             "rest_n",
                                             "rest_pct_negative",
                                             "rest_mean",
                                             "p",
                                             "q",
                                             "test",
                                             "reason",
                                             "indicative",
                                             "target_group",
                                             "research_question",
                                             NULL};

static void header(FILE *fp, const char *const *cols, int excel)
{
    if (excel)
        fputs("\xEF\xBB\xBF", fp);
    for (size_t k = 0; cols[k]; k++) {
        if (k)
            fputc(excel ? ';' : ',', fp);
        fputs(cols[k], fp);
    }
    fputs(excel ? "\r\n" : "\n", fp);
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

/* A text cell, safe from formulas (rp_put_text); in Excel mode also from number conversion:
 * ="..." holds no more than a string constant, as numberlike admits no quote. */
static void cell(FILE *fp, const char *s, int excel)
{
    if (!s)
        return;
    if (excel && numberlike(s)) {
        fputs("\"=\"\"", fp);
        fputs(s, fp);
        fputs("\"\"\"", fp);
        return;
    }
    rp_put_text(fp, s, excel ? ';' : ',');
}

static const char *group_of(const sv_table *t, const char *id, size_t row)
{
    int k = sv_codebook_find(sv_table_codebook(t), id);
    const uint16_t *c = k >= 0 ? sv_table_codes(t, k) : NULL;
    return c && c[row] ? sv_table_group(t, k, c[row] - 1u) : NULL;
}

static const char *text_of(const sv_table *t, const char *id, size_t row)
{
    int k = sv_codebook_find(sv_table_codebook(t), id);
    return k >= 0 && sv_table_has(t, k) ? sv_table_text(t, k, row) : NULL;
}

long rp_followup_csv(FILE *fp, const st_flags *f, const sv_table *t, int excel,
                     const unsigned char *skip)
{
    char sep = excel ? ';' : ',';
    const char *eol = excel ? "\r\n" : "\n";
    int originals = sv_table_keeps_originals(t);
    header(fp, originals ? followup_columns_key : followup_columns, excel);
    int k_date = sv_codebook_find(sv_table_codebook(t), "datum");
    const int64_t *dates = k_date >= 0 ? sv_table_dates(t, k_date) : NULL;
    long written = 0;
    for (size_t i = 0; i < st_flags_count(f); i++) {
        const st_flag *fl = st_flags_at(f, i);
        if (!fl->consent || (skip && skip[fl->row]))
            continue;
        size_t r = fl->row;
        cell(fp, text_of(t, "respondent_id", r), excel);
        fputc(sep, fp);
        if (originals) { /* fl->consent holds here: only consenting rows are written */
            cell(fp, sv_table_original(t, text_of(t, "respondent_id", r)), excel);
            fputc(sep, fp);
        }
        if (dates && dates[r] != SV_MISSING_DATE) {
            int y, m, d;
            sv_civil_from_seconds(dates[r], &y, &m, &d);
            fprintf(fp, "%04d-%02d-%02d", y, m, d);
        }
        fputc(sep, fp);
        cell(fp, group_of(t, "gemeente", r), excel);
        fputc(sep, fp);
        cell(fp, group_of(t, "voorziening", r), excel);
        fputc(sep, fp);
        cell(fp, group_of(t, "aanbieder", r), excel);
        fprintf(fp, "%c%d%c", sep, fl->severity, sep);
        cell(fp, fl->reasons, excel);
        fputc(sep, fp);
        cell(fp, text_of(t, "opmerkingen", r), excel);
        fputc(sep, fp);
        cell(fp, text_of(t, "contact_naam", r), excel);
        fputc(sep, fp);
        cell(fp, text_of(t, "contact_telefoon", r), excel);
        fputc(sep, fp);
        cell(fp, text_of(t, "contact_email", r), excel);
        fputs(eol, fp);
        written++;
    }
    return ferror(fp) ? -1 : written;
}

int rp_signals_csv(FILE *fp, const st_signals *s, int excel, int digits)
{
    char sep = excel ? ';' : ',';
    const char *eol = excel ? "\r\n" : "\n";
    header(fp, signal_columns, excel);
    for (size_t i = 0; i < st_signals_count(s); i++) {
        const st_signal *g = st_signals_at(s, i);
        const st_row *r = g->row;
        int mean = !isnan(r->mean);
        cell(fp, r->dimension, excel);
        fputc(sep, fp);
        cell(fp, r->group, excel);
        fputc(sep, fp);
        cell(fp, r->question, excel);
        fputc(sep, fp);
        cell(fp, r->theme, excel);
        fprintf(fp, "%c%ld%c", sep, r->n, sep);
        rp_put_num(fp, r->pct_positive, digits, excel);
        fputc(sep, fp);
        rp_put_num(fp, r->pct_negative, digits, excel);
        fputc(sep, fp);
        rp_put_num(fp, r->mean, digits, excel);
        fputc(sep, fp);
        if (*r->question)
            fprintf(fp, "%ld", g->rest_n);
        fputc(sep, fp);
        rp_put_num(fp, mean ? NAN : g->rest_value, digits, excel);
        fputc(sep, fp);
        rp_put_num(fp, mean ? g->rest_value : NAN, digits, excel);
        fputc(sep, fp);
        rp_put_p(fp, g->p, digits, excel);
        fputc(sep, fp);
        rp_put_p(fp, g->q, digits, excel);
        fputc(sep, fp);
        fputs(g->test, fp);
        fputc(sep, fp);
        fputs(g->significant && g->below_threshold ? "significant+below_threshold"
              : g->significant                     ? "significant"
                                                   : "below_threshold",
              fp);
        fprintf(fp, "%c%d%c", sep, r->indicative, sep);
        cell(fp, g->target, excel);
        fputc(sep, fp);
        cell(fp, g->question, excel);
        fputs(eol, fp);
    }
    return ferror(fp) ? -1 : 0;
}

long rp_comments_csv(FILE *fp, const sv_table *t, const st_rules *rules, rp_redactor *red,
                     int excel, ceo_error *err)
{
    static const char *const cols[] = {"gemeente", "voorziening", "aanbieder", "klacht",
                                       "kans",     "opmerking",   NULL};
    char sep = excel ? ';' : ',';
    const char *eol = excel ? "\r\n" : "\n";
    header(fp, cols, excel);
    long written = 0;
    for (size_t r = 0; r < sv_table_rows(t); r++) {
        const char *text = text_of(t, "opmerkingen", r);
        if (!text)
            continue;
        st_complaint v;
        int complaint = st_complaint_judge(rules, text, &v, err);
        char *clean = complaint < 0 ? NULL : rp_redact(red, text, NULL, err);
        if (!clean)
            return -1;
        cell(fp, group_of(t, "gemeente", r), excel);
        fputc(sep, fp);
        cell(fp, group_of(t, "voorziening", r), excel);
        fputc(sep, fp);
        cell(fp, group_of(t, "aanbieder", r), excel);
        fprintf(fp, "%c%s%c", sep, complaint ? "ja" : "nee", sep);
        if (!isnan(v.prob)) { /* empty without a model: the codebook has no klachtmodel.csv */
            char num[16];
            snprintf(num, sizeof num, "%.2f", v.prob);
            if (excel)
                num[1] = ','; /* "0.37": the point is always the second character */
            fputs(num, fp);
        }
        fputc(sep, fp);
        cell(fp, clean, excel);
        fputs(eol, fp);
        ceo_free(clean);
        written++;
    }
    if (ferror(fp)) {
        ceo_error_set(err, CEO_EIO, NULL, 0, 0, "cannot write the comments");
        return -1;
    }
    return written;
}

int rp_flag_summary_csv(FILE *fp, const st_flags *f, const sv_table *t, const char *region,
                        int excel)
{
    char sep = excel ? ';' : ',';
    const char *eol = excel ? "\r\n" : "\n";
    static const char *const cols[] = {"gemeente", "dissatisfied", "consented", "not_consented",
                                       NULL};
    header(fp, cols, excel);
    int k = sv_codebook_find(sv_table_codebook(t), "gemeente");
    size_t ng = k >= 0 && sv_table_has(t, k) ? sv_table_ngroups(t, k) : 0;
    const uint16_t *codes = ng ? sv_table_codes(t, k) : NULL;
    /* Row ng is the region; groups come in the table's order, which follows the file. */
    long *counts[2] = {ceo_calloc(ng + 1, sizeof(long)), ceo_calloc(ng + 1, sizeof(long))};
    if (!counts[0] || !counts[1]) {
        ceo_free(counts[0]);
        ceo_free(counts[1]);
        return -1;
    }
    for (size_t i = 0; i < st_flags_count(f); i++) {
        const st_flag *fl = st_flags_at(f, i);
        int c = fl->consent ? 1 : 0;
        counts[c][ng]++;
        if (codes && codes[fl->row] && codes[fl->row] <= ng)
            counts[c][codes[fl->row] - 1]++;
    }
    for (size_t g = 0; g <= ng; g++) {
        cell(fp, g < ng ? sv_table_group(t, k, g) : region, excel);
        fprintf(fp, "%c%ld%c%ld%c%ld%s", sep, counts[0][g] + counts[1][g], sep, counts[1][g], sep,
                counts[0][g], eol);
    }
    ceo_free(counts[0]);
    ceo_free(counts[1]);
    return ferror(fp) ? -1 : 0;
}
