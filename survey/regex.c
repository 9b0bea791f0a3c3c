/*
 * regex.c - the only file that includes pcre2.h.
 *
 * Each sv_regex owns its match data, so matching allocates nothing. PCRE2's own allocations
 * go through the ceo allocator (a general context), so out-of-memory tests reach them too.
 */
#include "regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>

struct sv_regex {
    pcre2_code *code;
    pcre2_match_data *md;
    pcre2_general_context *gc;
    pcre2_code *ascii; /* without PCRE2_UCP, for ASCII subjects (sv_regex_find_ascii) */
    pcre2_match_data *ascii_md;
    int ascii_failed;  /* it could not be made: the Unicode form is used */
    char *source;      /* the pattern, for the ASCII form */
};

/* Set while the JIT compiler runs. PCRE2 10.42's JIT compiler crashes when one of its
 * allocations fails part-way (found by the out-of-memory sweep of the unit tests), so its
 * allocations bypass the failure injection; a real failure there is as rare as any other. */
static _Thread_local int in_jit;

static void *pc_malloc(PCRE2_SIZE n, void *data)
{
    (void)data;
    return in_jit ? malloc(n ? n : 1) : ceo_malloc(n);
}

static void pc_free(void *p, void *data)
{
    (void)data;
    ceo_free(p);
}

sv_regex *sv_regex_new(const char *pattern, const char *path, long line, long column,
                       ceo_error *err)
{
    sv_regex *re = ceo_calloc(1, sizeof *re);
    if (!re) {
        ceo_error_set(err, CEO_ENOMEM, path, line, 0, "out of memory");
        return NULL;
    }
    re->gc = pcre2_general_context_create(pc_malloc, pc_free, NULL);
    pcre2_compile_context *cc = re->gc ? pcre2_compile_context_create(re->gc) : NULL;
    if (!cc || !(re->source = ceo_strdup(pattern))) {
        pcre2_compile_context_free(cc);
        ceo_error_set(err, CEO_ENOMEM, path, line, 0, "out of memory");
        sv_regex_free(re);
        return NULL;
    }
    int ec;
    PCRE2_SIZE off;
    re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                             PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP, &ec, &off, cc);
    pcre2_compile_context_free(cc);
    if (!re->code) {
        PCRE2_UCHAR msg[256];
        if (pcre2_get_error_message(ec, msg, sizeof msg) < 0)
            msg[0] = '\0';
        if (ec == PCRE2_ERROR_NOMEMORY || ec == PCRE2_ERROR_HEAP_FAILED)
            ceo_error_set(err, CEO_ENOMEM, path, line, 0, "out of memory");
        else
            ceo_error_set(err, CEO_EDATA, path, line, column,
                          "bad pattern '%s' at character %zu: %s", pattern, (size_t)off + 1,
                          (char *)msg);
        sv_regex_free(re);
        return NULL;
    }
    /* JIT is an optimisation: where it is unavailable the interpreter matches the same. */
    in_jit = 1;
    (void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
    in_jit = 0;
    re->md = pcre2_match_data_create_from_pattern(re->code, re->gc);
    if (!re->md) {
        ceo_error_set(err, CEO_ENOMEM, path, line, 0, "out of memory");
        sv_regex_free(re);
        return NULL;
    }
    return re;
}

int sv_regex_find(const sv_regex *re, const char *s, size_t n, size_t *start, size_t *end)
{
    return sv_regex_find_from(re, s, n, 0, start, end);
}

int sv_regex_find_from(const sv_regex *re, const char *s, size_t n, size_t from, size_t *start,
                       size_t *end)
{
    if (from > n)
        return 0;
    int rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, from, 0, re->md, NULL);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0)
        return -1;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
    /* \K in a lookaround can put the start after the end; report the empty match at the end. */
    if (start)
        *start = ov[0] <= ov[1] ? ov[0] : ov[1];
    if (end)
        *end = ov[1];
    return 1;
}

/* The pattern again without PCRE2_UCP. On ASCII text the two agree: \\w, \\d, \\s, \\b and the
 * POSIX classes mean the same for ASCII characters with and without Unicode properties, and
 * caseless matching of an ASCII character finds only ASCII here (the subject has nothing else).
 * Without the property lookups JIT code runs faster. Made on first use. */
static int make_ascii(sv_regex *re)
{
    if (re->ascii || re->ascii_failed)
        return re->ascii != NULL;
    re->ascii_failed = 1;
    pcre2_compile_context *cc = pcre2_compile_context_create(re->gc);
    int ec;
    PCRE2_SIZE off;
    re->ascii = cc ? pcre2_compile((PCRE2_SPTR)re->source, PCRE2_ZERO_TERMINATED,
                                   PCRE2_CASELESS | PCRE2_UTF, &ec, &off, cc)
                   : NULL;
    pcre2_compile_context_free(cc);
    if (re->ascii) {
        in_jit = 1;
        (void)pcre2_jit_compile(re->ascii, PCRE2_JIT_COMPLETE);
        in_jit = 0;
        re->ascii_md = pcre2_match_data_create_from_pattern(re->ascii, re->gc);
    }
    if (!re->ascii || !re->ascii_md) {
        pcre2_match_data_free(re->ascii_md);
        pcre2_code_free(re->ascii);
        re->ascii = NULL;
        re->ascii_md = NULL;
        return 0;
    }
    re->ascii_failed = 0;
    return 1;
}

int sv_regex_find_ascii(const sv_regex *re, const char *s, size_t n, size_t from, size_t *start,
                        size_t *end)
{
    sv_regex *w = (sv_regex *)re; /* the ASCII form is a cache, not part of the meaning */
    if (from > n)
        return 0;
    if (!make_ascii(w))
        return sv_regex_find_from(re, s, n, from, start, end);
    int rc = pcre2_match(w->ascii, (PCRE2_SPTR)s, n, from, PCRE2_NO_UTF_CHECK, w->ascii_md, NULL);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0)
        return -1;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->ascii_md);
    if (start)
        *start = ov[0] <= ov[1] ? ov[0] : ov[1];
    if (end)
        *end = ov[1];
    return 1;
}

int sv_regex_match(const sv_regex *re, const char *s, size_t n)
{
    return sv_regex_find(re, s, n, NULL, NULL) == 1;
}

void sv_regex_free(sv_regex *re)
{
    if (!re)
        return;
    pcre2_match_data_free(re->md);
    pcre2_code_free(re->code);
    pcre2_match_data_free(re->ascii_md);
    pcre2_code_free(re->ascii);
    ceo_free(re->source);
    pcre2_general_context_free(re->gc);
    ceo_free(re);
}
