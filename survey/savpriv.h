/*
 * savpriv.h - the state of one SPSS system file read, shared by sav.c (the ReadStat adapter)
 * and savdict.c (the dictionary walk ReadStat leaves out). Not part of the public interface;
 * nothing here needs readstat.h.
 */
#ifndef CEO_SAVPRIV_H
#define CEO_SAVPRIV_H

#include <stddef.h>

#include "sav.h"
#include "../base/text.h"

typedef struct {
    double d;
    char *s; /* string key (string label sets), else NULL */
    char *label;
} vlabel;

typedef struct {
    char *name;
    vlabel *v;
    size_t n, cap;
} labelset;

typedef struct {
    char *name, *label;
    int is_str, date, with_time;
    char *labels; /* label set name or NULL */
    int ls;       /* index of the label set, -1 */
    char *missing;
    int set; /* multiple-response set or -1 */
    int col; /* output column, -1 for later members of a category set */
} var;

typedef struct {
    char *name, *label, *counted;
    char type; /* 'C' category, 'D'/'E' dichotomy */
    char **vars;
    size_t nvars;
    int first; /* index of the first member variable found, -1 */
} mrset;

typedef struct {
    const char *path;
    const unsigned char *data;
    size_t len, pos;
    sv_csv_record_fn fn;
    void *ctx;
    ceo_error *err;
    sv_sav_info *info;
    var *vars;
    size_t nvars, vcap;
    labelset *ls;
    size_t nls, lscap;
    mrset *sets;
    size_t nsets, scap;
    char **shortn, **longn;
    size_t nnames, ncap;
    char file_enc[64];  /* from record 7/20 */
    int codepage;       /* from record 7/3 */
    const char *rs_enc; /* what ReadStat says (valid during the parse) */
    long row_count;
    int header_done, failed;
    long obs; /* case being collected, -1 before the first */
    sv_buf *cells;
    sv_field *fields;
    size_t ncols;
    char rs_msg[200];
} sstate;

/* Walks the dictionary records of s->data for what ReadStat does not report: with want_sets
 * the multiple-response sets (s->sets) and the short-to-long name map (s->shortn, s->longn);
 * always the encoding's source (s->file_enc, s->codepage). Gives up quietly on anything odd;
 * returns -1 only when out of memory. */
int sv_sav_walk_dictionary(sstate *s, int want_sets);

#endif
