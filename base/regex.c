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
#include <string.h>

struct sv_regex {
    pcre2_code *code;
    pcre2_match_data *md;
    pcre2_general_context *gc;
    pcre2_code *ascii; /* without PCRE2_UCP, for ASCII subjects (sv_regex_find_ascii) */
    pcre2_match_data *ascii_md;
    int ascii_failed; /* it could not be made: the Unicode form is used */
    char *source;     /* the pattern, for the ASCII form */
    /* the ASCII form's pre-filter: bytes one of which starts every match (all set when any
     * may), and a byte every match holds (both cases of a letter; -1 when none is known) */
    unsigned char first[32];
    int required[2];
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

static int lower_ascii(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int upper_ascii(int c)
{
    return c >= 'a' && c <= 'z' ? c - 32 : c;
}

/* What PCRE2 itself knows of the ASCII form before matching (its start-of-match optimisations),
 * kept so that a caller can skip the call on a text that cannot match. Only ASCII bytes are
 * used: the subject is ASCII, and a non-ASCII unit (or one whose other case is not ASCII, as
 * the Kelvin sign's k) is left unknown, which only filters less. */
static void prefilter(sv_regex *re)
{
    memset(re->first, 0xFF, sizeof re->first);
    re->required[0] = re->required[1] = -1;
    uint32_t type = 0, unit = 0;
    const uint8_t *bitmap = NULL;
    if (pcre2_pattern_info(re->ascii, PCRE2_INFO_FIRSTCODETYPE, &type) == 0 && type == 1 &&
        pcre2_pattern_info(re->ascii, PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 && unit < 0x80 &&
        unit != 'k' && unit != 'K' && unit != 's' && unit != 'S') {
        memset(re->first, 0, sizeof re->first);
        int a = lower_ascii((int)unit), b = upper_ascii((int)unit);
        re->first[a >> 3] |= (unsigned char)(1u << (a & 7));
        re->first[b >> 3] |= (unsigned char)(1u << (b & 7));
    } else if (type == 0 && pcre2_pattern_info(re->ascii, PCRE2_INFO_FIRSTBITMAP, &bitmap) == 0 &&
               bitmap) {
        memcpy(re->first, bitmap, sizeof re->first);
        memset(re->first + 16, 0xFF, 16); /* bytes >= 0x80: not used, ASCII subject */
    }
    uint32_t req = 0, req_type = 0;
    if (pcre2_pattern_info(re->ascii, PCRE2_INFO_LASTCODETYPE, &req_type) == 0 && req_type == 1 &&
        pcre2_pattern_info(re->ascii, PCRE2_INFO_LASTCODEUNIT, &req) == 0 && req > 0 &&
        req < 0x80 && req != 'k' && req != 'K' && req != 's' && req != 'S') {
        re->required[0] = lower_ascii((int)req);
        re->required[1] = upper_ascii((int)req);
    }
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
    prefilter(re);
    return 1;
}

int sv_regex_may_match_ascii(const sv_regex *re, const unsigned char present[32])
{
    sv_regex *w = (sv_regex *)re;
    if (!make_ascii(w))
        return 1;
    int any = 0;
    for (int i = 0; i < 32 && !any; i++)
        any = (w->first[i] & present[i]) != 0;
    if (!any)
        return 0;
    if (w->required[0] < 0)
        return 1;
    for (int k = 0; k < 2; k++)
        if (present[w->required[k] >> 3] >> (w->required[k] & 7) & 1)
            return 1;
    return 0;
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
