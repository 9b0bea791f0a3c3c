/*
 * followup.c - CSV writers of `ceo flag`.
 *
 * Contact fields, and the original respondent ids of a table read with a key, are read from the
 * table only inside rp_followup_csv and only for rows whose flag says consent; no other function
 * here touches them.
 */
#include "followup.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../stats/relevance.h"
#include "../survey/values.h"

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

ceo_status rp_followup_csv(rp_csv *w, const st_flags *f, const sv_table *t,
                           const unsigned char *skip, long *written, ceo_error *err)
{
    int originals = sv_table_keeps_originals(t);
    rp_csv_header(w, originals ? followup_columns_key : followup_columns);
    int k_date = sv_codebook_find(sv_table_codebook(t), "datum");
    const int64_t *dates = k_date >= 0 ? sv_table_dates(t, k_date) : NULL;
    *written = 0;
    for (size_t i = 0; i < st_flags_count(f); i++) {
        const st_flag *fl = st_flags_at(f, i);
        if (!fl->consent || (skip && skip[fl->row]))
            continue;
        size_t r = fl->row;
        rp_csv_keep_text(w, text_of(t, "respondent_id", r));
        if (originals) /* fl->consent holds here: only consenting rows are written */
            rp_csv_keep_text(w, sv_table_original(t, text_of(t, "respondent_id", r)));
        char day[32] = "";
        if (dates && dates[r] != SV_MISSING_DATE) {
            int y, m, d;
            sv_civil_from_seconds(dates[r], &y, &m, &d);
            snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, d);
        }
        rp_csv_text(w, day);
        rp_csv_keep_text(w, group_of(t, "gemeente", r));
        rp_csv_keep_text(w, group_of(t, "voorziening", r));
        rp_csv_keep_text(w, group_of(t, "aanbieder", r));
        rp_csv_int(w, fl->severity);
        rp_csv_keep_text(w, fl->reasons);
        rp_csv_keep_text(w, text_of(t, "opmerkingen", r));
        rp_csv_keep_text(w, text_of(t, "contact_naam", r));
        rp_csv_keep_text(w, text_of(t, "contact_telefoon", r));
        rp_csv_keep_text(w, text_of(t, "contact_email", r));
        rp_csv_end_row(w);
        ++*written;
    }
    return rp_csv_check(w, err);
}

ceo_status rp_signals_csv(rp_csv *w, const st_signals *s, int digits, ceo_error *err)
{
    rp_csv_header(w, signal_columns);
    for (size_t i = 0; i < st_signals_count(s); i++) {
        const st_signal *g = st_signals_at(s, i);
        const st_row *r = g->row;
        int mean = !isnan(r->mean);
        rp_csv_keep_text(w, r->dimension);
        rp_csv_keep_text(w, r->group);
        rp_csv_keep_text(w, r->question);
        rp_csv_keep_text(w, r->theme);
        rp_csv_int(w, r->n);
        rp_csv_num(w, r->pct_positive, digits);
        rp_csv_num(w, r->pct_negative, digits);
        rp_csv_num(w, r->mean, digits);
        if (*r->question)
            rp_csv_int(w, g->rest_n);
        else
            rp_csv_empty(w);
        rp_csv_num(w, mean ? NAN : g->rest_value, digits);
        rp_csv_num(w, mean ? g->rest_value : NAN, digits);
        rp_csv_p(w, g->p, digits);
        rp_csv_p(w, g->q, digits);
        rp_csv_text(w, g->test);
        rp_csv_text(w, g->significant && g->below_threshold ? "significant+below_threshold"
                       : g->significant                     ? "significant"
                                                            : "below_threshold");
        rp_csv_int(w, r->indicative);
        rp_csv_keep_text(w, g->target);
        rp_csv_keep_text(w, g->question);
        rp_csv_end_row(w);
    }
    return rp_csv_check(w, err);
}

const char *rp_comment_id(const sv_table *t, size_t row, char *buf, size_t size)
{
    const char *id = text_of(t, "respondent_id", row);
    if (id && *id)
        return id;
    snprintf(buf, size, "rij %zu", row + 1);
    return buf;
}

ceo_status rp_comments_csv(rp_csv *w, const sv_table *t, const st_rules *rules, rp_redactor *red,
                           long *written, ceo_error *err)
{
    static const char *const cols[] = {"id",   "gemeente", "voorziening", "aanbieder", "klacht",
                                       "kans", "rapport",  "opmerking",   NULL};
    rp_csv_header(w, cols);
    *written = 0;
    char rowid[32];
    for (size_t r = 0; r < sv_table_rows(t); r++) {
        const char *text = text_of(t, "opmerkingen", r);
        if (!text)
            continue;
        st_complaint v;
        int complaint = st_complaint_judge(rules, text, &v, err);
        unsigned found = 0;
        char *clean = complaint < 0 ? NULL : rp_redact(red, text, &found, err);
        if (!clean)
            return err && err->code ? err->code : CEO_ENOMEM;
        rp_csv_keep_text(w, rp_comment_id(t, r, rowid, sizeof rowid));
        rp_csv_keep_text(w, group_of(t, "gemeente", r));
        rp_csv_keep_text(w, group_of(t, "voorziening", r));
        rp_csv_keep_text(w, group_of(t, "aanbieder", r));
        rp_csv_text(w, complaint ? "ja" : "nee");
        rp_csv_num(w, v.prob, 2); /* empty without a model: the codebook has no klachtmodel.csv */
        /* a pre-fill the follow-up team reviews (relevance.h); only a provider's answers, and
         * none that held personal data (a BSN, an address, a name): a personal line */
        rp_csv_text(w, group_of(t, "aanbieder", r) && !found && st_provider_relevant(text) ? "ja"
                                                                                           : "nee");
        rp_csv_keep_text(w, clean);
        rp_csv_end_row(w);
        ceo_free(clean);
        ++*written;
    }
    return rp_csv_check(w, err);
}

ceo_status rp_flag_summary_csv(rp_csv *w, const st_flags *f, const sv_table *t, const char *region,
                               ceo_error *err)
{
    static const char *const cols[] = {"gemeente", "dissatisfied", "consented", "not_consented",
                                       NULL};
    rp_csv_header(w, cols);
    int k = sv_codebook_find(sv_table_codebook(t), "gemeente");
    size_t ng = k >= 0 && sv_table_has(t, k) ? sv_table_ngroups(t, k) : 0;
    const uint16_t *codes = ng ? sv_table_codes(t, k) : NULL;
    /* Row ng is the region; groups come in the table's order, which follows the file. */
    long *counts[2] = {ceo_calloc(ng + 1, sizeof(long)), ceo_calloc(ng + 1, sizeof(long))};
    if (!counts[0] || !counts[1]) {
        ceo_free(counts[0]);
        ceo_free(counts[1]);
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < st_flags_count(f); i++) {
        const st_flag *fl = st_flags_at(f, i);
        int c = fl->consent ? 1 : 0;
        counts[c][ng]++;
        if (codes && codes[fl->row] && codes[fl->row] <= ng)
            counts[c][codes[fl->row] - 1]++;
    }
    for (size_t g = 0; g <= ng; g++) {
        rp_csv_keep_text(w, g < ng ? sv_table_group(t, k, g) : region);
        rp_csv_int(w, counts[0][g] + counts[1][g]);
        rp_csv_int(w, counts[1][g]);
        rp_csv_int(w, counts[0][g]);
        rp_csv_end_row(w);
    }
    ceo_free(counts[0]);
    ceo_free(counts[1]);
    return rp_csv_check(w, err);
}
