/*
 * fuzz_redact.c - libFuzzer harness for the redaction of open answers (report/redact.c).
 *
 * Open text arrives as UTF-8 from the reader. For valid UTF-8 input the redacted text must be
 * valid UTF-8 too (a marker never cuts a character in half) and must not contain the digits
 * of a BSN that was reported as found.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../report/redact.h"
#include "../../base/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rp_redactor *r;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!r) {
        ceo_error err;
        ceo_error_clear(&err);
        const sv_wordlist *w = sv_wordlist_load(NULL, &err);
        r = w ? rp_redactor_new(w, &err) : NULL;
        if (!r)
            abort();
    }
    if (size > 4096 || memchr(data, 0, size) || !sv_utf8_valid((const char *)data, size))
        return 0; /* the reader hands over UTF-8 cells without NUL bytes */
    char *text = malloc(size + 1);
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    ceo_error err;
    ceo_error_clear(&err);
    unsigned found = 0;
    char *out = rp_redact(r, text, &found, &err);
    if (!out) {
        if (err.code == CEO_OK)
            abort();
    } else {
        if (!sv_utf8_valid(out, strlen(out)))
            abort();
        if (found & ~63u)
            abort();
        ceo_free(out);
    }
    free(text);
    return 0;
}
