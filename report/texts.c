/*
 * texts.c - the report texts file (see texts.h).
 */
#include "texts.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../base/text.h"

typedef struct {
    char *key, *text;
    long line;
} entry;

struct rp_texts {
    char *path;
    entry *e;
    size_t n, cap;
};

void rp_texts_free(rp_texts *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        ceo_free(t->e[i].key);
        ceo_free(t->e[i].text);
    }
    ceo_free(t->e);
    ceo_free(t->path);
    ceo_free(t);
}

/* Trailing blank lines and spaces off the text just finished. */
static void trim_end(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

static ceo_status add_line(entry *e, const char *line, size_t len)
{
    size_t old = e->text ? strlen(e->text) : 0;
    char *s = ceo_realloc(e->text, old + len + 2);
    if (!s)
        return CEO_ENOMEM;
    if (old || len) {
        memcpy(s + old, line, len);
        s[old + len] = '\n';
        s[old + len + 1] = '\0';
    } else {
        s[0] = '\0';
    }
    e->text = s;
    return CEO_OK;
}

rp_texts *rp_texts_load(const char *path, ceo_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot read the report texts: %s",
                      strerror(errno));
        return NULL;
    }
    rp_texts *t = ceo_calloc(1, sizeof *t);
    if (!t || !(t->path = ceo_strdup(path))) {
        fclose(fp);
        rp_texts_free(t);
        ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    char line[4096];
    long lineno = 0;
    entry *cur = NULL;
    ceo_status st = CEO_OK;
    while (!st && fgets(line, sizeof line, fp)) {
        lineno++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n') {
            st = ceo_error_set(err, CEO_EDATA, path, lineno, (long)len,
                               "line longer than %zu bytes", sizeof line - 2);
            break;
        }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            memmove(line, line + 3, len - 2);
            len -= 3;
        }
        if (!sv_utf8_valid(line, len)) {
            st = ceo_error_set(err, CEO_EDATA, path, lineno, 1, "not UTF-8");
            break;
        }
        if (line[0] == '#')
            continue;
        if (line[0] == '[') {
            char *close = strchr(line, ']');
            if (!close || close == line + 1 || close[1] != '\0') {
                st = ceo_error_set(err, CEO_EDATA, path, lineno, 1,
                                   "a key is written as [name] on a line of its own");
                break;
            }
            if (cur)
                trim_end(cur->text);
            *close = '\0';
            for (size_t i = 0; i < t->n; i++)
                if (strcmp(t->e[i].key, line + 1) == 0) {
                    st = ceo_error_set(err, CEO_EDATA, path, lineno, 2,
                                       "[%s] is given twice (first on line %ld)", line + 1,
                                       t->e[i].line);
                    break;
                }
            if (st)
                break;
            if (ceo_grow((void **)&t->e, &t->cap, t->n + 1, sizeof *t->e) != 0) {
                st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
                break;
            }
            cur = &t->e[t->n++];
            memset(cur, 0, sizeof *cur);
            cur->line = lineno;
            if (!(cur->key = ceo_strdup(line + 1)) || add_line(cur, "", 0)) {
                st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
                break;
            }
            continue;
        }
        if (!cur) {
            if (len && !sv_is_blank(line, len))
                st = ceo_error_set(err, CEO_EDATA, path, lineno, 1, "text before the first [key]");
            continue;
        }
        if ((!cur->text[0] && sv_is_blank(line, len)))
            continue; /* blank lines right after the key */
        if (add_line(cur, line, len))
            st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
    }
    if (!st && ferror(fp))
        st = ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot read: %s", strerror(errno));
    fclose(fp);
    if (!st && cur)
        trim_end(cur->text);
    if (st) {
        rp_texts_free(t);
        return NULL;
    }
    return t;
}

static const entry *find(const rp_texts *t, const char *key)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->e[i].key, key) == 0)
            return &t->e[i];
    return NULL;
}

const char *rp_texts_get(const rp_texts *t, const char *key)
{
    const entry *e = find(t, key);
    return e ? e->text : NULL;
}

char *rp_texts_fill(const rp_texts *t, const char *key, const char *const *vars, ceo_error *err)
{
    const entry *e = find(t, key);
    if (!e) {
        ceo_error_set(err, CEO_EDATA, t->path, 0, 0, "no text [%s] (the report needs it)", key);
        return NULL;
    }
    sv_buf out = {0};
    const char *s = e->text;
    while (*s) {
        const char *open = strchr(s, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        if (!open || !close) {
            if (sv_buf_add(&out, s, strlen(s)))
                goto oom;
            break;
        }
        if (sv_buf_add(&out, s, (size_t)(open - s)))
            goto oom;
        size_t nl = (size_t)(close - open - 1);
        const char *value = NULL;
        for (size_t i = 0; vars && vars[i] && vars[i + 1]; i += 2)
            if (strlen(vars[i]) == nl && memcmp(vars[i], open + 1, nl) == 0)
                value = vars[i + 1];
        if (!value) {
            ceo_error_set(err, CEO_EDATA, t->path, e->line, 0,
                          "[%s] uses {%.*s}, which this text does not have", key, (int)nl,
                          open + 1);
            sv_buf_free(&out);
            return NULL;
        }
        if (sv_buf_add(&out, value, strlen(value)))
            goto oom;
        s = close + 1;
    }
    if (!out.p && sv_buf_set(&out, "", 0))
        goto oom;
    return out.p;
oom:
    sv_buf_free(&out);
    ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    return NULL;
}
