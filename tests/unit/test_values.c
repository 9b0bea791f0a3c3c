/* Unit tests of survey/values.c: numbers with decimal comma, the date forms of REALWORLD.md. */
#include "../../survey/values.h"
#include "t.h"

void test_values(void);

static long long ymd(int y, int m, int d, int hh, int mm, int ss)
{
    return sv_days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
}

static int date_is(const char *s, sv_slash_order o, long long want)
{
    long long got = 0;
    return sv_parse_date(s, strlen(s), o, &got) && got == want;
}

static int no_date(const char *s)
{
    long long got;
    return !sv_parse_date(s, strlen(s), SV_SLASH_MONTH_FIRST, &got) &&
           !sv_parse_date(s, strlen(s), SV_SLASH_DAY_FIRST, &got);
}

void test_values(void)
{
    double d = 0;
    CHECK(sv_parse_number("7,5", 3, &d) && d == 7.5);
    CHECK(sv_parse_number(" 8 ", 3, &d) && d == 8);
    CHECK(sv_parse_number("-99", 3, &d) && d == -99);
    CHECK(sv_parse_number("1.25", 4, &d) && d == 1.25);
    CHECK(!sv_parse_number("1.234,5", 7, &d));
    CHECK(!sv_parse_number("7 ,5x", 5, &d));
    CHECK(!sv_parse_number("", 0, &d));
    CHECK(!sv_parse_number(",", 1, &d));
    CHECK(!sv_parse_number("acht", 4, &d));

    CHECK(date_is("2025-03-06", SV_SLASH_MONTH_FIRST, ymd(2025, 3, 6, 0, 0, 0)));
    CHECK(date_is("2025-03-06 12:00:00", SV_SLASH_MONTH_FIRST, ymd(2025, 3, 6, 12, 0, 0)));
    CHECK(date_is("2025-03-06 12:00", SV_SLASH_MONTH_FIRST, ymd(2025, 3, 6, 12, 0, 0)));
    CHECK(date_is("06-03-2025", SV_SLASH_MONTH_FIRST, ymd(2025, 3, 6, 0, 0, 0)));
    CHECK(date_is("3/6/2025 11:06:09", SV_SLASH_MONTH_FIRST, ymd(2025, 3, 6, 11, 6, 9)));
    CHECK(date_is("3/6/2025 11:06:09", SV_SLASH_DAY_FIRST, ymd(2025, 6, 3, 11, 6, 9)));
    CHECK(date_is("03/06/2025 11:06:09 PM", SV_SLASH_MONTH_FIRST, ymd(2025, 3, 6, 23, 6, 9)));
    CHECK(date_is("03/06/2025 12:06:09 AM", SV_SLASH_MONTH_FIRST, ymd(2025, 3, 6, 0, 6, 9)));
    CHECK(
        date_is("2014-09-04T15:06:01.000+03:00", SV_SLASH_MONTH_FIRST, ymd(2014, 9, 4, 15, 6, 1)));
    CHECK(date_is("2014-09-04T15:06:01Z", SV_SLASH_MONTH_FIRST, ymd(2014, 9, 4, 15, 6, 1)));
    CHECK(date_is("2024-02-29", SV_SLASH_MONTH_FIRST, ymd(2024, 2, 29, 0, 0, 0)));
    CHECK(no_date("2025-02-29"));
    CHECK(no_date("2025-13-01"));
    CHECK(no_date("31-04-2025"));
    CHECK(no_date("2025-03-06 25:00"));
    CHECK(no_date("2025-03-06x"));
    CHECK(no_date("7,5"));
    CHECK(sv_slash_hint("25/3/2025", 9) == 1);
    CHECK(sv_slash_hint("3/25/2025", 9) == 2);
    CHECK(sv_slash_hint("3/6/2025", 8) == 0);
    CHECK(sv_slash_hint("2025-03-06", 10) == -1);

    int y, m, dd;
    sv_civil_from_seconds(ymd(2025, 12, 31, 23, 59, 59), &y, &m, &dd);
    CHECK(y == 2025 && m == 12 && dd == 31);
    sv_civil_from_seconds(ymd(2000, 3, 1, 0, 0, 0), &y, &m, &dd);
    CHECK(y == 2000 && m == 3 && dd == 1);
}
