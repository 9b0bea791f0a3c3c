/*
 * codebook.h - the codebook: items and roles, themes, answer scales and their spellings,
 * missing markers, and the header patterns that find items in an export.
 *
 * Lifecycle: sv_codebook_load(dir) -> lookups -> sv_codebook_free(). Items, scales and
 * categories are read-only structs owned by the codebook, valid until it is freed. The file
 * format is in docs/FORMATS.md.
 */
#ifndef CEO_CODEBOOK_H
#define CEO_CODEBOOK_H

#include <limits.h>
#include <stddef.h>

#include "../base/base.h"

typedef enum {
    SV_T_ID,
    SV_T_DATUM,
    SV_T_CATEGORIE,
    SV_T_GETAL,
    SV_T_LIKERT,
    SV_T_JANEE,
    SV_T_CIJFER,
    SV_T_SCORE,
    SV_T_ENKEL,
    SV_T_MEER,
    SV_T_TEKST,
} sv_type;

typedef enum {
    SV_DIR_NONE,
    SV_DIR_POSITIVE,
    SV_DIR_NEUTRAL,
    SV_DIR_NEGATIVE,
    SV_DIR_INVALID, /* weet niet / n.v.t.: outside the valid base */
} sv_direction;

#define SV_NO_CODE INT_MIN

typedef struct {
    const char *id;
    const char *label;
    int code; /* numeric code in numeric exports; SV_NO_CODE when none */
    sv_direction dir;
} sv_category;

typedef struct {
    const char *name;
    const sv_category *cats;
    size_t ncats;
    int invalid_cat; /* index of the 'ongeldig' category, -1 when none */
    int declared;    /* the codes were stated for this survey (the project's [codes]) */
} sv_scale;

typedef struct {
    const char *id;
    const char *section; /* rol, vraag, algemeen, achtergrond, hv, contact, or a region's own */
    const char *theme;   /* "" when none */
    const char *label;
    const char *question;
    sv_type type;
    int scale; /* index into the scales, -1 when the type has none */
} sv_item;

/* What an item's answers are, by its type: the one place that groups the types, for the code
 * that asks only this of a type (which of the table's arrays holds the answers, how an item is
 * tallied) rather than what the type itself adds (the range of a cijfer, say). */
typedef enum {
    SV_ANSWER_SCALE,   /* likert, janee, enkel: a category of the item's scale (sv_table_codes) */
    SV_ANSWER_GROUP,   /* categorie: a group, made as names are read (sv_table_codes, _group) */
    SV_ANSWER_TEXT,    /* id, tekst: answered or not (sv_table_codes), the text when kept */
    SV_ANSWER_NUMBER,  /* getal, cijfer, score: a number (sv_table_numbers) */
    SV_ANSWER_DATE,    /* datum: a date and time (sv_table_dates) */
    SV_ANSWER_OPTIONS, /* meer: any of the scale's categories at once (sv_table_multi) */
} sv_answer;

sv_answer sv_type_answer(sv_type t);

typedef enum { SV_MISSING_NONE, SV_MISSING, SV_NOT_APPLICABLE } sv_missing;

typedef struct sv_codebook sv_codebook;

/* Loads the codebook in folder dir. Errors name the file, line and column. */
sv_codebook *sv_codebook_load(const char *dir, ceo_error *err);
void sv_codebook_free(sv_codebook *cb);

const char *sv_codebook_dir(const sv_codebook *cb);
size_t sv_codebook_nitems(const sv_codebook *cb);
const sv_item *sv_codebook_item(const sv_codebook *cb, size_t i);
/* Index of the item with this id, or -1. */
int sv_codebook_find(const sv_codebook *cb, const char *id);
const sv_scale *sv_codebook_scale(const sv_codebook *cb, int scale);
/* Index of the scale named name, or -1. */
int sv_codebook_find_scale(const sv_codebook *cb, const char *name);

/* The category of scale whose spelling (or label, or id) equals the normalised value norm
 * (see sv_norm_value), or -1. A value that is no spelling, no number and no missing marker is
 * then read by its words (docs/FORMATS.md, "spellingen.csv"): its word form (sv_norm_words)
 * equal to a spelling's, or every part between "/" and "," a spelling of one category (or a
 * missing marker beside the 'ongeldig' category). Never allocates. */
int sv_codebook_spelling(const sv_codebook *cb, int scale, const char *norm, size_t len);

/* What a normalised value means as a missing marker. The empty value is SV_MISSING. */
sv_missing sv_codebook_missing(const sv_codebook *cb, const char *norm, size_t len);

/* Matches a normalised header text against the patterns in order. Returns the item index of
 * the first pattern that matches and sets *rank to that pattern's position (lower = more
 * specific), or returns -1. */
int sv_codebook_match_header(const sv_codebook *cb, const char *norm, size_t len, int *rank);

/* Overrides the numeric codes of a scale (codes[i] for category i, ncodes == ncats) and marks
 * them declared: numbers on that scale are then read without asking the data which way the
 * scale runs. Returns CEO_EUSAGE when the count differs. */
ceo_status sv_codebook_set_codes(sv_codebook *cb, int scale, const int *codes, size_t ncodes,
                                 ceo_error *err);

/* Synonyms for placing columns whose header the patterns do not know (synoniemen.csv,
 * optional): word i stands for means ("consulent" -> "medewerker"). Strings as in the file. */
size_t sv_codebook_nsynonyms(const sv_codebook *cb);
void sv_codebook_synonym(const sv_codebook *cb, size_t i, const char **word, const char **means);

const char *sv_type_name(sv_type t);
const char *sv_direction_name(sv_direction d);

#endif
