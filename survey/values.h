/*
 * values.h - parsing of numbers and dates as survey exports write them.
 *
 * Pure functions, no state, no allocation. Each takes the raw cell (not NUL-terminated),
 * ignores surrounding whitespace, and returns 1 when the whole cell is a value of the kind.
 */
#ifndef CEO_VALUES_H
#define CEO_VALUES_H

#include <stddef.h>

/* A number with a decimal point or a decimal comma ("7,5"), optional sign. No thousands
 * separators: "1.234,5" is not a number (it would be read wrong in one locale or the other). */
int sv_parse_number(const char *s, size_t n, double *out);

/* Date orders for dates written with slashes (3/6/2025): month first (US platforms) or day
 * first. Dates with dashes and a year at the end (06-03-2025) are always day first (Dutch);
 * ISO dates (2025-03-06) are unambiguous. */
typedef enum { SV_SLASH_MONTH_FIRST = 0, SV_SLASH_DAY_FIRST = 1 } sv_slash_order;

/* What a slash date says about its own order: 1 day first is certain (first part > 12),
 * 2 month first is certain (second part > 12), 0 either could be. -1 when no slash date. */
int sv_slash_hint(const char *s, size_t n);

/* A date or date-time: 2025-03-06, 2025-03-06 12:00[:00], ISO 8601 with T, milliseconds and
 * Z or an offset, 06-03-2025 (day first), 3/6/2025 with optional time and AM/PM. Stores the
 * local date-time as seconds since 1970-01-01 00:00 (the offset is not applied: the
 * respondent's wall clock is what a report period means). Rejects impossible dates. */
int sv_parse_date(const char *s, size_t n, sv_slash_order order, long long *out);

/* Days since 1970-01-01 of a valid civil date. */
long long sv_days_from_civil(int y, int m, int d);
/* The civil date of seconds since 1970-01-01. */
void sv_civil_from_seconds(long long secs, int *y, int *m, int *d);

#endif
