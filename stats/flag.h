/*
 * flag.h - dissatisfied respondents: the rules of the codebook applied to each respondent.
 *
 * Lifecycle: st_rules_load(codebook) -> st_flag_table(rules, table) -> read the flags ->
 * st_flags_free(); st_rules_free() when done. The rules live in the codebook folder
 * (docs/FORMATS.md): ontevreden.csv says which answers make a respondent dissatisfied and how
 * much each weighs (ernst); klachten.csv holds the patterns that find a complaint in open
 * text, with the negated forms ("geen klachten") masked before the complaint patterns are
 * tried; klachtmodel.csv, when present, the weights of a statistical model that finds the
 * complaints no pattern names (textmodel.h); signalen.csv the research question per item or
 * theme (see signals.h).
 */
#ifndef CEO_FLAG_H
#define CEO_FLAG_H
#include <stddef.h>
#include "../survey/survey.h"

typedef struct st_rules st_rules;

/* Loads the rule files from the codebook's folder. A codebook without ontevreden.csv or
 * klachten.csv cannot flag: CEO_EDATA naming the missing file. Errors in the files name file,
 * line and column. */
st_rules *st_rules_load(const sv_codebook *cb, ceo_error *err);
void st_rules_free(st_rules *r);

/* The verdict on one open answer: the patterns', the model's and the two joined. */
typedef struct {
    int rules;     /* 1 when a complaint pattern matches (after the negated forms are masked) */
    int model;     /* 1 when the model's probability reaches its threshold; 0 without a model */
    int complaint; /* rules or model */
    double prob;   /* the model's probability that it is a complaint; NAN without a model */
} st_complaint;

/* Judges the open answer into *v; returns v->complaint, or -1 on a match error (err set). */
int st_complaint_judge(const st_rules *r, const char *text, st_complaint *v, ceo_error *err);

/* 1 when the open answer expresses a complaint, 0 when not, -1 on a match error (err set). */
int st_is_complaint(const st_rules *r, const char *text, ceo_error *err);

/* The research question for an item or theme id with {doelgroep} filled in, or NULL when the
 * codebook has none for it. Freed with ceo_free. */
char *st_rules_question(const st_rules *r, const char *id, const char *target);

typedef struct {
    size_t row;    /* respondent, as a row of the table */
    int severity;  /* sum of the ernst of the rules that hold */
    int consent;   /* 1 when contact_toestemming is ja */
    char *reasons; /* in Dutch: "negatief over: ...; cijfer aanbieder 4; klacht in opmerking" */
} st_flag;

typedef struct st_flags st_flags;

/* Applies the rules to every respondent. The table must keep text (SV_KEEP_TEXT) when a rule
 * reads open answers. Flags are ordered by severity (highest first), then by row. */
st_flags *st_flag_table(const st_rules *r, const sv_table *t, ceo_error *err);
void st_flags_free(st_flags *f);
size_t st_flags_count(const st_flags *f);
const st_flag *st_flags_at(const st_flags *f, size_t i);

/* The list a follow-up team can work through: of the flags with consent and not in skip (a
 * byte per table row), those of severity min_severity or more; with max > 0, at most max of
 * them, spread over the groups of gemeente and voorziening: every group's most severe first
 * (round 1: each group's most severe respondent, round 2: each group's second, ...), within a
 * round the more severe first, ties by row. Every flag not chosen gets its row's skip set.
 * Returns the number chosen, or -1 when out of memory (err set). */
long st_flags_choose(const st_flags *f, const sv_table *t, int min_severity, long max,
                     unsigned char *skip, ceo_error *err);

#endif
