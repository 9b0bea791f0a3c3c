/*
 * vwspriv.h - the VWS accounting data's insides, shared by vws.c (the gemeenten and the
 * values), vwsschema.c (the field list) and vwsinput.c (the invited counts and the gemeenten
 * file). Not part of the public interface.
 */
#ifndef CEO_ST_VWSPRIV_H
#define CEO_ST_VWSPRIV_H

#include <stdint.h>

#include "../base/strmap.h"
#include "../base/text.h"
#include "../survey/sheet.h"
#include "vws.h"

#define ST_VWS_MAX_ALTS 8    /* alternatives in one bron */
#define ST_VWS_MAX_THEMES 32 /* distinct themes in a codebook that we track */

typedef enum {
    S_PROJECT,      /* project:SECTION.KEY */
    S_NAME,         /* berekend:gemeente */
    S_JAAR,         /* berekend:jaar */
    S_PERIODE,      /* berekend:periode */
    S_UITGEZET,     /* berekend:uitgezet */
    S_RESPONDENTEN, /* berekend:respondenten */
    S_RESPONS,      /* berekend:respons */
    S_THEMAS,       /* berekend:themas[:a+b+c] */
    S_ITEM,         /* item:ID:STAT */
    S_THEMA,        /* thema:ID:STAT */
    S_GEMEENTE,     /* gemeente:COLUMN */
} src_kind;

typedef enum { F_N, F_PCT_POS, F_PCT_NEG, F_MEAN, F_CI_LOW, F_CI_HIGH } figure;

typedef struct {
    src_kind kind;
    const char *a, *b; /* cut out of the field's bron copy: section and key, item or theme id
                          and nothing, theme list, gemeenten column */
    figure fig;
    int col; /* S_GEMEENTE: the column in the gemeenten file */
} source;

typedef struct {
    char *id, *label, *bron; /* bron: a private copy the sources point into */
    source alt[ST_VWS_MAX_ALTS];
    size_t nalt;
    long line, bron_col;
} field;

typedef struct {
    const char *name; /* the table's group name */
    size_t group;     /* its index among the table's gemeente groups */
    long respondents;
    int64_t first, last; /* dates; SV_MISSING_DATE when none */
    long invited;
    int has_invited;
    long gem_row;    /* row in the gemeenten file, -1 when not listed */
    uint32_t themes; /* bit k: theme k has a valid answer here */
} gem;

struct st_vws {
    /* what st_vws_new is given, borrowed until st_vws_fill returns */
    const sv_table *t;
    const sv_codebook *cb;
    const sv_project *proj;
    char *schema; /* the field list's path, for messages */
    /* the codebook's themes of statements, in item order */
    const char *themes[ST_VWS_MAX_THEMES];
    size_t nthemes;
    sv_strmap *names;     /* normalised gemeente name -> index in gems; until st_vws_fill ends */
    sv_sheet *gemfile;    /* the gemeenten file, while st_vws_fill runs */
    const st_result *res; /* the figures by gemeente, while st_vws_fill runs */

    field *fields;
    size_t nfields;
    gem *gems;
    size_t ngems;
    sv_buf arena;
    size_t *off;        /* per cell (g * nfields + k): offset of its value in the arena */
    unsigned char *num; /* per cell: 1 when the value is a number */
    char **warnings;
    size_t nwarn, warn_cap;
};

/* Sets err to out of memory; returns CEO_ENOMEM. */
ceo_status st_vws_oom(ceo_error *err);

/* Adds a translated warning; returns 0, or -1 when out of memory. */
int st_vws_warn(st_vws *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends ", " (unless b is empty) and s to b; returns 0 or -1. */
int st_vws_join(sv_buf *b, const char *s);

/* Index of theme id among the codebook's themes, or -1. */
int st_vws_theme_index(const st_vws *v, const char *id);

/* 1 when the item has percentages (likert, janee). */
int st_vws_has_proportion(const sv_item *it);

/* 1 when a field uses source kind a or b. */
int st_vws_needs(const st_vws *v, src_kind a, src_kind b);

/* The ids of the fields that use source kind a or b, joined, into out; returns 0 or -1. */
int st_vws_field_ids(const st_vws *v, src_kind a, src_kind b, sv_buf *out);

/* vwsschema.c: reads and checks the field list at v->schema into v->fields. */
ceo_status st_vws_load_schema(st_vws *v, ceo_error *err);

/* vwsinput.c: [uitgezet] bestand into the gemeenten' invited counts, and [vws] gemeenten
 * into v->gemfile and the gemeenten' rows in it; each warns about what it lacks. */
ceo_status st_vws_load_invited(st_vws *v, ceo_error *err);
ceo_status st_vws_load_gemfile(st_vws *v, ceo_error *err);

#endif
