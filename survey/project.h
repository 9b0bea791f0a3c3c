/*
 * project.h - the survey project file (--config FILE): what a region sets once.
 *
 * Lifecycle: sv_project_load() -> lookups -> sv_project_free(). Format and keys are in
 * docs/FORMATS.md. Unknown sections and keys are errors, so a typo is never ignored; values
 * of known keys are checked at load time, so lookups cannot fail.
 */
#ifndef CEO_PROJECT_H
#define CEO_PROJECT_H

#include <stddef.h>

#include "../base/base.h"

typedef struct sv_project sv_project;

sv_project *sv_project_load(const char *path, ceo_error *err);
void sv_project_free(sv_project *p);

/* The value of section.key, or NULL when absent. Valid until sv_project_free. */
const char *sv_project_get(const sv_project *p, const char *section, const char *key);

/* The value of an integer key, or dflt when absent. */
long sv_project_int(const sv_project *p, const char *section, const char *key, long dflt);

/* A path-valued key resolved against the project file's folder, or NULL when absent. */
const char *sv_project_path(const sv_project *p, const char *section, const char *key);

/* Entries of a free-form section ([kolommen], [codes]) in file order. */
size_t sv_project_count(const sv_project *p, const char *section);
void sv_project_entry(const sv_project *p, const char *section, size_t i, const char **key,
                      const char **value, long *line);

const char *sv_project_file(const sv_project *p);

/* 1 when section.key is a setting the project file knows (a key of a free-form section such
 * as [kolommen] is not), else 0. Needs no loaded file: the keys are fixed. */
int sv_project_known(const char *section, const char *key);

#endif
