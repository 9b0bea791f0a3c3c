/*
 * textmodel.h - the statistical half of complaint detection: a logistic regression over the
 * word and character n-grams of an open answer, beside the phrase rules of klachten.csv.
 *
 * Lifecycle: st_textmodel_load(path) -> st_textmodel_prob(model, text in one spelling) ... ->
 * st_textmodel_free(). The text is first brought to one spelling with st_spoken() (what the
 * rules match too); st_text_features() then names its features, the same at run time and in
 * the training program (tests/klachtmodel.c), so that a weight means the same in both.
 *
 * The weights file (docs/FORMATS.md, "klachtmodel.csv") is a CSV with the columns kenmerk and
 * gewicht: one row per feature ("w:traplift" a word, "b:niets meer" two words in a row,
 * "c:_gi" three characters), and the rows "(constante)" (the intercept) and "(drempel)" (the
 * probability from which the model calls an answer a complaint on its own).
 */
#ifndef CEO_TEXTMODEL_H
#define CEO_TEXTMODEL_H
#include <stddef.h>
#include <stdint.h>

#include "../base/base.h"

/* Writes the n bytes of text into out in one spelling: lower case, a letter typed three times
 * or more written twice, spoken and dialect forms of geen, niet, als, dat is, het, naar,
 * klachten, klagen written out. out holds at least 2n + 1 bytes; returns the new length. */
size_t st_spoken(char *out, const char *text, size_t n);

/* Called once per feature occurrence: its 64-bit hash (FNV-1a of its name) and its name (len
 * bytes, not NUL-terminated, valid during the call only). */
typedef void (*st_feature_fn)(void *ctx, uint64_t hash, const char *name, size_t len);

/* The features of the n bytes of text in one spelling (st_spoken): accents folded (e for e
 * with an accent), a run of digits read as "#", then every word ("w:"), every two words in a
 * row ("b:") and every three characters of the words joined by "_" ("c:"). Text after the
 * first ST_TEXT_LONGEST bytes is not read. A feature that occurs twice is given twice (the
 * model counts it once). Returns the number of features given to fn. */
#define ST_TEXT_LONGEST 4000
size_t st_text_features(const char *text, size_t n, st_feature_fn fn, void *ctx);

typedef struct st_textmodel st_textmodel;

/* Reads a weights file. Errors name file, line and column (CEO_EDATA) or the file (CEO_EIO). */
st_textmodel *st_textmodel_load(const char *path, ceo_error *err);
void st_textmodel_free(st_textmodel *m);

/* The probability (0-1) that the n bytes of text in one spelling are a complaint. */
double st_textmodel_prob(const st_textmodel *m, const char *text, size_t n);

/* The probability from which the model alone calls a text a complaint. */
double st_textmodel_threshold(const st_textmodel *m);

/* The number of weighted features (for tests). */
size_t st_textmodel_size(const st_textmodel *m);

#endif
