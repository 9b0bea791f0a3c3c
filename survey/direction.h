/*
 * direction.h - which way a scale runs when its answers arrive as bare numbers.
 *
 * An export may write "helemaal mee eens" as 1 (the VNG model) or as 5 (many bureaus and
 * LimeSurvey); the numbers alone never say which. The reader codes bare numbers through the
 * codebook's codes (or the project's [codes]) and notes per column how it read each distinct
 * value; after the file is read, sv_direction_check weighs what the data say: a positively
 * worded statement goes up with the mark (cijfer) and with the statements answered in labels.
 * Agreement is reported as a note; contradiction, too little evidence, or labels and numbers
 * mixed in one column stop the read with the [codes] line that settles it.
 *
 * Private to survey/ (the reader: coding.c notes, reader.c checks); not part of the public
 * interface.
 */
#ifndef CEO_DIRECTION_H
#define CEO_DIRECTION_H

#include <stddef.h>

#include "survey.h"

/* What the reader saw in one column of an ordinal scale (a scale with positive, neutral and
 * negative categories: likert). */
typedef struct {
    int item;           /* codebook item */
    int column;         /* 1-based file column */
    const char *header; /* display header */
    long numbers;       /* distinct values read through a numeric code ("5", "A1") */
    long labels;        /* distinct values read through a spelling ("Mee eens") */
    long number_line, label_line;
    char number_example[16], label_example[32];
} sv_dircol;

/* Whether scale k of cb has a direction to check when it arrives as numbers (positive and
 * negative categories) and is not declared by the project's [codes]. A likert scale is
 * checked against the data; a yes/no scale, which the data cannot confirm, gets a note. */
int sv_direction_needed(const sv_codebook *cb, int scale);

/* Weighs the evidence for the columns cols[0..n) read into rows [row0, nrows of t) of the file
 * at path. On agreement appends one note per scale to rep->notes and returns CEO_OK;
 * otherwise sets err (CEO_EDATA, located at the first number) and returns it, unless advise is
 * set: then the message becomes a note too. With advise, rep->hints get the [codes] value the
 * data point to per scale. */
ceo_status sv_direction_check(const sv_table *t, size_t row0, const sv_dircol *cols, size_t n,
                              const char *path, int advise, sv_report *rep, ceo_error *err);

#endif
