/*
 * project.c - reads the project file: "key = value" lines under "[section]" headers.
 *
 * Known keys are listed once in a table with their kind, so checking, resolving paths and the
 * error for an unknown key all come from one place; a new setting is a new row.
 */
#include "project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"

typedef enum { K_TEXT, K_INT, K_PATH, K_FREE } key_kind;

typedef struct {
    const char *section, *key; /* key NULL: a free-form section */
    key_kind kind;
    long min, max;
} key_def;

static const key_def keys[] = {
    {"regio", "naam", K_TEXT, 0, 0},
    {"regio", "jaar", K_INT, 2000, 2100},
    {"regio", "codeboek", K_PATH, 0, 0},
    {"drempels", "min_n", K_INT, 1, 100000},
    {"drempels", "indicatief_n", K_INT, 1, 100000},
    {"uitgezet", "bestand", K_PATH, 0, 0},
    {"weging", "populatie", K_PATH, 0, 0},
    {"weging", "methode", K_TEXT, 0, 0},
    {"benchmark", "bestand", K_PATH, 0, 0},
    {"benchmark", "naam", K_TEXT, 0, 0},
    {"benchmark", "jaar", K_INT, 2000, 2100},
    {"signalen", "min_positief", K_INT, 0, 100},
    {"vws", "methode", K_TEXT, 0, 0},
    {"vws", "doelgroep", K_TEXT, 0, 0},
    {"vws", "periode", K_TEXT, 0, 0},
    {"vws", "gemeenten", K_PATH, 0, 0},
    {"vws", "velden", K_PATH, 0, 0},
    {"rapport", "teksten", K_PATH, 0, 0},
    {"rapport", "logo", K_PATH, 0, 0},
    {"rapport", "kleur", K_TEXT, 0, 0},
    {"rapport", "lettertype", K_PATH, 0, 0},
    {"rapport", "lettertype_vet", K_PATH, 0, 0},
    {"pseudoniem", "kolommen", K_TEXT, 0, 0},
    {"kolommen", NULL, K_FREE, 0, 0},
    {"codes", NULL, K_FREE, 0, 0},
};

typedef struct {
    char *section, *key, *value, *resolved;
    long line;
} entry;

struct sv_project {
    char *path;
    entry *ents;
    size_t n, cap;
};

static const key_def *find_def(const char *section, const char *key)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(keys[i].section, section) == 0 &&
            (!keys[i].key || !key || strcmp(keys[i].key, key) == 0))
            return &keys[i];
    return NULL;
}

int sv_project_known(const char *section, const char *key)
{
    const key_def *def = find_def(section, key);
    return def && def->key != NULL;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

static char *resolve(const char *projpath, const char *value)
{
    if (value[0] == '/')
        return ceo_strdup(value);
    const char *slash = strrchr(projpath, '/');
    if (!slash)
        return ceo_strdup(value);
    size_t dl = (size_t)(slash - projpath);
    size_t n = dl + 1 + strlen(value);
    char *r = ceo_malloc(n + 1);
    if (r)
        snprintf(r, n + 1, "%.*s/%s", (int)dl, projpath, value);
    return r;
}

static ceo_status add(sv_project *p, const char *section, const char *key, const char *value,
                      long line, const key_def *def, ceo_error *err)
{
    if (ceo_grow((void **)&p->ents, &p->cap, p->n + 1, sizeof *p->ents) != 0)
        return ceo_error_set(err, CEO_ENOMEM, p->path, line, 0, "out of memory");
    entry *e = &p->ents[p->n];
    memset(e, 0, sizeof *e);
    e->line = line;
    if (!(e->section = ceo_strdup(section)) || !(e->key = ceo_strdup(key)) ||
        !(e->value = ceo_strdup(value)) ||
        (def->kind == K_PATH && !(e->resolved = resolve(p->path, value)))) {
        ceo_free(e->section);
        ceo_free(e->key);
        ceo_free(e->value);
        return ceo_error_set(err, CEO_ENOMEM, p->path, line, 0, "out of memory");
    }
    p->n++;
    return CEO_OK;
}

sv_project *sv_project_load(const char *path, ceo_error *err)
{
    sv_project *p = ceo_calloc(1, sizeof *p);
    if (!p || !(p->path = ceo_strdup(path))) {
        ceo_free(p);
        ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot open the project file");
        sv_project_free(p);
        return NULL;
    }
    char raw[4096], section[128] = "";
    long line = 0;
    ceo_status st = CEO_OK;
    sv_buf u = {0};
    while (st == CEO_OK && fgets(raw, sizeof raw, fp)) {
        line++;
        size_t rl = strlen(raw);
        if (rl == sizeof raw - 1 && raw[rl - 1] != '\n') {
            st = ceo_error_set(err, CEO_EDATA, path, line, 1, "line longer than %zu bytes",
                               sizeof raw - 2);
            break;
        }
        if (memchr(raw, '\0', rl) != NULL || sv_to_utf8(&u, raw, rl, NULL) != 0) {
            st = ceo_error_set(err, CEO_ENOMEM, path, line, 1, "out of memory");
            break;
        }
        char *s = u.p;
        if (line == 1 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
            s += 3;
        s = trim(s);
        if (*s == '\0' || *s == '#' || *s == ';')
            continue;
        if (*s == '[') {
            char *close = strchr(s, ']');
            if (!close || *trim(close + 1)) {
                st = ceo_error_set(err, CEO_EDATA, path, line, 1,
                                   "a section header is written [name]");
                break;
            }
            *close = '\0';
            snprintf(section, sizeof section, "%s", trim(s + 1));
            if (!find_def(section, NULL)) {
                st = ceo_error_set(err, CEO_EDATA, path, line, 1, "unknown section [%s]", section);
                break;
            }
            continue;
        }
        /* In [kolommen] the key is a header text that may itself hold '=', so the last '='
         * separates; elsewhere keys are plain words and the first one does. */
        char *eq = strcmp(section, "kolommen") == 0 ? strrchr(s, '=') : strchr(s, '=');
        if (!eq) {
            st = ceo_error_set(err, CEO_EDATA, path, line, 1, "expected 'key = value'");
            break;
        }
        *eq = '\0';
        char *key = trim(s), *value = trim(eq + 1);
        if (!*section) {
            st = ceo_error_set(err, CEO_EDATA, path, line, 1, "'%s' stands before any [section]",
                               key);
            break;
        }
        const key_def *def = find_def(section, key);
        if (!def) {
            st = ceo_error_set(err, CEO_EDATA, path, line, 1, "unknown key '%s' in [%s]", key,
                               section);
            break;
        }
        if (def->kind != K_FREE && sv_project_get(p, section, key)) {
            st = ceo_error_set(err, CEO_EDATA, path, line, 1, "'%s' is set twice in [%s]", key,
                               section);
            break;
        }
        if (def->kind == K_INT) {
            char *end;
            long v = strtol(value, &end, 10);
            if (!*value || *end || v < def->min || v > def->max) {
                st = ceo_error_set(err, CEO_EDATA, path, line, (long)(value - u.p) + 1,
                                   "%s must be a whole number from %ld to %ld, not '%s'", key,
                                   def->min, def->max, value);
                break;
            }
        }
        if (!*key || !*value) {
            st = ceo_error_set(err, CEO_EDATA, path, line, 1, "empty key or value");
            break;
        }
        st = add(p, section, key, value, line, def, err);
    }
    if (st == CEO_OK && ferror(fp))
        st = ceo_error_set(err, CEO_EIO, path, line, 0, "cannot read the project file");
    sv_buf_free(&u);
    fclose(fp);
    if (st != CEO_OK) {
        sv_project_free(p);
        return NULL;
    }
    return p;
}

void sv_project_free(sv_project *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        ceo_free(p->ents[i].section);
        ceo_free(p->ents[i].key);
        ceo_free(p->ents[i].value);
        ceo_free(p->ents[i].resolved);
    }
    ceo_free(p->ents);
    ceo_free(p->path);
    ceo_free(p);
}

static const entry *get(const sv_project *p, const char *section, const char *key)
{
    for (size_t i = 0; p && i < p->n; i++)
        if (strcmp(p->ents[i].section, section) == 0 && strcmp(p->ents[i].key, key) == 0)
            return &p->ents[i];
    return NULL;
}

const char *sv_project_get(const sv_project *p, const char *section, const char *key)
{
    const entry *e = get(p, section, key);
    return e ? e->value : NULL;
}

long sv_project_int(const sv_project *p, const char *section, const char *key, long dflt)
{
    const entry *e = get(p, section, key);
    return e ? strtol(e->value, NULL, 10) : dflt;
}

const char *sv_project_path(const sv_project *p, const char *section, const char *key)
{
    const entry *e = get(p, section, key);
    return e ? (e->resolved ? e->resolved : e->value) : NULL;
}

size_t sv_project_count(const sv_project *p, const char *section)
{
    size_t n = 0;
    for (size_t i = 0; p && i < p->n; i++)
        n += strcmp(p->ents[i].section, section) == 0;
    return n;
}

void sv_project_entry(const sv_project *p, const char *section, size_t i, const char **key,
                      const char **value, long *line)
{
    for (size_t k = 0; k < p->n; k++)
        if (strcmp(p->ents[k].section, section) == 0 && i-- == 0) {
            *key = p->ents[k].key;
            *value = p->ents[k].value;
            if (line)
                *line = p->ents[k].line;
            return;
        }
}

const char *sv_project_file(const sv_project *p)
{
    return p->path;
}
