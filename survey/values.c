/*
 * values.c - numbers and dates of survey exports, parsed by hand: strtod and strptime depend
 * on the locale, and the forms here are few and fixed (REALWORLD.md lists them).
 */
#include "values.h"

#include <stdlib.h>
#include <string.h>

static void trim(const char **s, size_t *n)
{
    while (*n && ((*s)[0] == ' ' || (*s)[0] == '\t'))
        (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r'))
        (*n)--;
}

static int digit(char c)
{
    return c >= '0' && c <= '9';
}

int sv_parse_number(const char *s, size_t n, double *out)
{
    trim(&s, &n);
    if (n == 0 || n > 40)
        return 0;
    char tmp[48];
    size_t o = 0, i = 0, digits = 0;
    int seps = 0;
    if (s[0] == '-' || s[0] == '+')
        tmp[o++] = s[i++];
    for (; i < n; i++) {
        char c = s[i];
        if (digit(c)) {
            tmp[o++] = c;
            digits++;
        } else if ((c == '.' || c == ',') && !seps) {
            seps = 1;
            tmp[o++] = '.';
        } else {
            return 0;
        }
    }
    if (!digits)
        return 0;
    tmp[o] = '\0';
    char *end;
    double v = strtod(tmp, &end);
    if (*end)
        return 0;
    *out = v;
    return 1;
}

/* Reads 1..max digits at s[*i]; returns the value or -1. */
static int num(const char *s, size_t n, size_t *i, int min, int max)
{
    int v = 0, k = 0;
    while (*i < n && digit(s[*i]) && k < max) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    return k >= min ? v : -1;
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int valid_date(int y, int m, int d)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= mdays[m - 1] + (m == 2 && leap(y));
}

long long sv_days_from_civil(int y, int m, int d)
{
    /* Howard Hinnant's days_from_civil. */
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void sv_civil_from_seconds(long long secs, int *y, int *m, int *d)
{
    long long z = (secs >= 0 ? secs : secs - 86399) / 86400 + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The time part after a date: " 12:00", " 12:00:00", "T15:06:01.000+03:00", " 11:06:09 AM". */
static int parse_time(const char *s, size_t n, size_t i, int *secs)
{
    *secs = 0;
    if (i == n)
        return 1;
    if (s[i] != ' ' && s[i] != 'T')
        return 0;
    i++;
    int h = num(s, n, &i, 1, 2);
    if (h < 0 || i >= n || s[i] != ':')
        return 0;
    i++;
    int mi = num(s, n, &i, 2, 2), sec = 0;
    if (mi < 0 || mi > 59)
        return 0;
    if (i < n && s[i] == ':') {
        i++;
        sec = num(s, n, &i, 2, 2);
        if (sec < 0 || sec > 60)
            return 0;
        if (i < n && s[i] == '.') {
            i++;
            if (num(s, n, &i, 1, 9) < 0)
                return 0;
        }
    }
    if (i < n && s[i] == ' ' && i + 2 < n + 1) {
        size_t j = i + 1;
        if (j + 2 == n && (s[j] == 'A' || s[j] == 'a' || s[j] == 'P' || s[j] == 'p') &&
            (s[j + 1] == 'M' || s[j + 1] == 'm')) {
            if (h < 1 || h > 12)
                return 0;
            int pm = s[j] == 'P' || s[j] == 'p';
            h = h % 12 + (pm ? 12 : 0);
            i = n;
        }
    }
    if (i < n && s[i] == 'Z')
        i++;
    else if (i < n && (s[i] == '+' || s[i] == '-')) {
        i++;
        if (num(s, n, &i, 2, 2) < 0)
            return 0;
        if (i < n && s[i] == ':')
            i++;
        if (num(s, n, &i, 2, 2) < 0)
            return 0;
    }
    if (i != n || h > 23)
        return 0;
    *secs = h * 3600 + mi * 60 + sec;
    return 1;
}

int sv_slash_hint(const char *s, size_t n)
{
    trim(&s, &n);
    size_t i = 0;
    int a = num(s, n, &i, 1, 2);
    if (a < 0 || i >= n || s[i] != '/')
        return -1;
    i++;
    int b = num(s, n, &i, 1, 2);
    if (b < 0 || i >= n || s[i] != '/')
        return -1;
    if (a > 12 && b <= 12)
        return 1;
    if (b > 12 && a <= 12)
        return 2;
    return 0;
}

int sv_parse_date(const char *s, size_t n, sv_slash_order order, long long *out)
{
    trim(&s, &n);
    if (n < 8 || n > 40)
        return 0;
    size_t i = 0;
    int y, m, d;
    int a = num(s, n, &i, 1, 4);
    if (a < 0 || i >= n)
        return 0;
    char sep = s[i];
    if (i == 4 && sep == '-') { /* 2025-03-06 */
        i++;
        y = a;
        m = num(s, n, &i, 1, 2);
        if (m < 0 || i >= n || s[i] != '-')
            return 0;
        i++;
        d = num(s, n, &i, 1, 2);
    } else if (i <= 2 && (sep == '-' || sep == '/')) {
        i++;
        int b = num(s, n, &i, 1, 2);
        if (b < 0 || i >= n || s[i] != sep)
            return 0;
        i++;
        size_t ys = i;
        y = num(s, n, &i, 4, 4);
        if (y < 0 || i - ys != 4)
            return 0;
        if (sep == '-' || order == SV_SLASH_DAY_FIRST) {
            d = a;
            m = b;
        } else {
            m = a;
            d = b;
        }
    } else {
        return 0;
    }
    if (d < 0 || !valid_date(y, m, d))
        return 0;
    int secs;
    if (!parse_time(s, n, i, &secs))
        return 0;
    *out = sv_days_from_civil(y, m, d) * 86400 + secs;
    return 1;
}
