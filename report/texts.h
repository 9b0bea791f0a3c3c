/*
 * texts.h - the fixed sentences of the reports, read from a text file a region can reword.
 *
 * Lifecycle: rp_texts_load(path) -> rp_texts_fill() any number of times -> rp_texts_free().
 * Format (templates/report/nl/teksten.txt): "[key]" on a line of its own starts a text, the
 * lines up to the next key are its text (a blank line separates paragraphs), "#" starts a
 * comment line. "{name}" is a placeholder filled in by the report.
 */
#ifndef CEO_TEXTS_H
#define CEO_TEXTS_H

#include "../base/base.h"

typedef struct rp_texts rp_texts;

rp_texts *rp_texts_load(const char *path, ceo_error *err);
void rp_texts_free(rp_texts *t);

/* The text of key with its placeholders filled from vars: pairs of name and value, ended by
 * NULL. A missing key or a placeholder without a value is CEO_EDATA naming the file and the
 * line of the key. Freed with ceo_free. */
char *rp_texts_fill(const rp_texts *t, const char *key, const char *const *vars, ceo_error *err);

/* The text of key as it stands (no placeholders filled), or NULL when there is none. */
const char *rp_texts_get(const rp_texts *t, const char *key);

#endif
