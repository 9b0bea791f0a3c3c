/*
 * base.c - the error record and the allocation wrapper shared by every module.
 *
 * The failure counter exists only so that tests can sweep "the Nth allocation fails" over a
 * run. It is atomic because `ceo report` draws its PDFs on several threads; while failures
 * are armed, callers that could work in parallel stay on one thread (ceo_alloc_failing), so
 * the Nth allocation is the same one in every run.
 *
 * Messages are translated here, once, at the one place where they are formatted
 * (ceo_error_set), so that no call site changes for gettext.
 */
#include "base.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CEO_NO_NLS
#include <libintl.h>
#endif

static atomic_long alloc_count;
static atomic_long alloc_fail_at;

long ceo_alloc_fail_at(long n)
{
    long made = atomic_exchange_explicit(&alloc_count, 0, memory_order_relaxed);
    atomic_store_explicit(&alloc_fail_at, n, memory_order_relaxed);
    return made;
}

int ceo_alloc_failing(void)
{
    return atomic_load_explicit(&alloc_fail_at, memory_order_relaxed) > 0;
}

static int alloc_should_fail(void)
{
    long made = atomic_fetch_add_explicit(&alloc_count, 1, memory_order_relaxed) + 1;
    long at = atomic_load_explicit(&alloc_fail_at, memory_order_relaxed);
    return at > 0 && made >= at;
}

void *ceo_malloc(size_t n)
{
    if (alloc_should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *ceo_calloc(size_t n, size_t size)
{
    if (alloc_should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *ceo_realloc(void *p, size_t n)
{
    if (alloc_should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void ceo_free(void *p)
{
    free(p);
}

int ceo_list_has(const char *list, const char *s, size_t n)
{
    for (const char *l = list; l;) {
        const char *e = strchr(l, ',');
        size_t len = e ? (size_t)(e - l) : strlen(l);
        if (len == n && memcmp(l, s, n) == 0)
            return 1;
        l = e ? e + 1 : NULL;
    }
    return 0;
}

char *ceo_strndup(const char *s, size_t n)
{
    char *d = ceo_malloc(n + 1);
    if (!d)
        return NULL;
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *ceo_strdup(const char *s)
{
    return ceo_strndup(s, strlen(s));
}

int ceo_grow(void **buf, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > ((size_t)-1) / 2 / elem)
            return -1;
        ncap *= 2;
    }
    void *nb = ceo_realloc(*buf, ncap * elem);
    if (!nb)
        return -1;
    *buf = nb;
    *cap = ncap;
    return 0;
}

const char *ceo_tr(const char *msgid)
{
#ifdef CEO_NO_NLS
    return msgid;
#else
    /* "" would give the catalogue's header. dgettext, not gettext: the library does not depend
     * on the program having chosen ceo's domain (textdomain). */
    return *msgid ? dgettext(CEO_TEXTDOMAIN, msgid) : msgid;
#endif
}

const char *ceo_status_name(ceo_status s)
{
    switch (s) {
    case CEO_OK:
        return N_("ok");
    case CEO_EDATA:
        return N_("bad data");
    case CEO_EIO:
        return N_("input/output error");
    case CEO_ENOMEM:
        return N_("out of memory");
    case CEO_EUSAGE:
        return N_("bad usage");
    }
    return N_("unknown status");
}

void ceo_error_clear(ceo_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

/* Fills err (which holds no error yet) from the arguments of ceo_error_set. */
static void error_vset(ceo_error *err, const char *about, ceo_status code, const char *path,
                       long line, long column, const char *fmt, va_list ap)
    __attribute__((format(printf, 7, 0)));

static void error_vset(ceo_error *err, const char *about, ceo_status code, const char *path,
                       long line, long column, const char *fmt, va_list ap)
{
    err->code = code;
    snprintf(err->path, sizeof err->path, "%s", path ? path : "");
    err->line = line;
    err->column = column;
    vsnprintf(err->message, sizeof err->message, ceo_tr(fmt), ap);
    err->about = about;
}

ceo_status ceo_error_set(ceo_error *err, ceo_status code, const char *path, long line, long column,
                         const char *fmt, ...)
{
    if (!err || err->code != CEO_OK)
        return code;
    va_list ap;
    va_start(ap, fmt);
    error_vset(err, NULL, code, path, line, column, fmt, ap);
    va_end(ap);
    return code;
}

ceo_status ceo_error_set_about(ceo_error *err, const char *about, ceo_status code, const char *path,
                               long line, long column, const char *fmt, ...)
{
    if (!err || err->code != CEO_OK)
        return code;
    va_list ap;
    va_start(ap, fmt);
    error_vset(err, about, code, path, line, column, fmt, ap);
    va_end(ap);
    return code;
}
