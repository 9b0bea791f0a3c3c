/*
 * base.h - what every module of ceo shares: status codes, the error record, and the
 * allocation wrapper.
 *
 * Lifecycle: none. A ceo_error is caller-owned, may be NULL wherever one is taken, and owns
 * no heap memory, so it can be copied and dropped freely. The first error set wins: callers
 * further up never overwrite it (ceo_error_set does nothing on an error already set).
 *
 * All heap memory of the library goes through ceo_malloc/ceo_realloc/ceo_free so that a test
 * can make the Nth allocation fail (ceo_alloc_fail_at).
 *
 * Messages are written in English and translated where they are formatted: ceo_error_set
 * looks its format up in the gettext catalogue (po/nl.po) before it fills in the values, so a
 * call site stays a plain English string literal that xgettext finds by the function's name
 * (po/extract.sh). The command line chooses the language (LC_MESSAGES); the library only looks
 * the text up, and without a catalogue the English text is used as it is.
 */
#ifndef CEO_BASE_H
#define CEO_BASE_H

#include <stddef.h>

typedef enum {
    CEO_OK = 0,
    CEO_EDATA,  /* the input data is bad: exit 1 */
    CEO_EIO,    /* a file could not be read or written: exit 1 */
    CEO_ENOMEM, /* out of memory: exit 1 */
    CEO_EUSAGE, /* the caller asked for something impossible: exit 2 */
} ceo_status;

typedef struct {
    ceo_status code;
    char path[512]; /* empty when no file is involved */
    long line;      /* 1-based; 0 when unknown */
    long column;    /* 1-based field number (as a spreadsheet counts columns); 0 when unknown */
    char message[1024];
    /* What of the caller's request the error concerns, when the message speaks of the data and
     * leaves the caller's own words for the request out (a name its module's header defines,
     * such as ST_ABOUT_WEIGHTS); NULL when none. The command line adds its option for it. */
    const char *about;
} ceo_error;

/* The gettext domain of ceo's messages: $(BUILD)/locale/LANG/LC_MESSAGES/ceo.mo. */
#define CEO_TEXTDOMAIN "ceo"

/* Marks a string literal for xgettext where it is defined; ceo_tr translates it where it is
 * printed. */
#define N_(s) s

/* Returns msgid in the language of the messages (ceo's catalogue, LC_MESSAGES), or msgid
 * itself when there is no translation. The result stays valid until the program ends. */
const char *ceo_tr(const char *msgid) __attribute__((format_arg(1)));

/* Returns a short English name of a status ("bad data", "out of memory", ...); ceo_tr gives it
 * in the language of the messages. */
const char *ceo_status_name(ceo_status s);

/* Sets err (when non-NULL and not yet set) and returns code. path may be NULL. fmt is an
 * English string literal, translated (ceo_tr) before the values are filled in. */
ceo_status ceo_error_set(ceo_error *err, ceo_status code, const char *path, long line, long column,
                         const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* As ceo_error_set, and notes in err->about what of the caller's request the error concerns
 * (about: a string literal that the module's header names). */
ceo_status ceo_error_set_about(ceo_error *err, const char *about, ceo_status code, const char *path,
                               long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* Clears err to "no error". */
void ceo_error_clear(ceo_error *err);

/* Allocation wrapper: like malloc/realloc/free; ceo_malloc(0) returns a valid pointer. */
void *ceo_malloc(size_t n);
void *ceo_calloc(size_t n, size_t size);
void *ceo_realloc(void *p, size_t n);
void ceo_free(void *p);
/* Returns a copy of the n bytes at s plus a NUL, or NULL when out of memory. */
char *ceo_strndup(const char *s, size_t n);
char *ceo_strdup(const char *s);
/* 1 when the comma-separated list holds the n bytes at s as one of its entries. */
int ceo_list_has(const char *list, const char *s, size_t n);

/* Tests only: the Nth allocation from now on (1-based) and every later one fail; 0 turns
 * failures off. Returns the number of allocations made since the last call. */
long ceo_alloc_fail_at(long n);
/* 1 while failures are armed by ceo_alloc_fail_at: work that could run on several threads
 * then stays on one, so the same allocation fails in every run. */
int ceo_alloc_failing(void);

/* Grows *buf (of *cap elements of size elem) to hold at least need elements; doubles. Returns
 * 0 on success, -1 when out of memory (the buffer is unchanged then). */
int ceo_grow(void **buf, size_t *cap, size_t need, size_t elem);

#endif
