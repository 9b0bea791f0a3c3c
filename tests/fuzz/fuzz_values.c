/*
 * fuzz_values.c - libFuzzer harness for the number and date parsers and the text
 * normalisation that every cell passes through.
 *
 * Properties checked beyond "no crash": a parsed number is finite; a parsed date is a real
 * calendar date (converting it back gives a month 1-12 and a day that exists); normalised
 * text of valid UTF-8 is valid UTF-8, and the Windows-1252 fallback always yields UTF-8.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../base/text.h"
#include "../../survey/values.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_date(const char *s, size_t n, sv_slash_order order)
{
    long long secs;
    if (!sv_parse_date(s, n, order, &secs))
        return;
    int y, m, d;
    sv_civil_from_seconds(secs, &y, &m, &d);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        abort();
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    double x;
    if (sv_parse_number(s, size, &x) && !isfinite(x))
        abort();
    int hint = sv_slash_hint(s, size);
    if (hint < -1 || hint > 2)
        abort();
    check_date(s, size, SV_SLASH_MONTH_FIRST);
    check_date(s, size, SV_SLASH_DAY_FIRST);

    sv_buf b = {0};
    int valid = sv_utf8_valid(s, size);
    int fallback = 0;
    if (sv_to_utf8(&b, s, size, &fallback) == 0 && !sv_utf8_valid(b.p, b.len))
        abort();
    if (valid) {
        if (sv_norm_value(&b, s, size) == 0 && !sv_utf8_valid(b.p, b.len))
            abort();
        if (sv_norm_header(&b, s, size) == 0 && !sv_utf8_valid(b.p, b.len))
            abort();
        if (sv_clean_display(&b, s, size) == 0 && !sv_utf8_valid(b.p, b.len))
            abort();
        (void)sv_to_cp1252(&b, s, size);
    }
    (void)sv_is_blank(s, size);
    sv_buf_free(&b);
    return 0;
}
