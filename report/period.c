/*
 * period.c - the months a report is about and their Dutch name. Months are YYYYMM integers;
 * the window asked of a store is closed by the months actually answered, so that an open end
 * never names a month without answers.
 */
#include "period.h"

#include <stdio.h>

#include "../survey/values.h"

const char *rp_month_name(int m)
{
    static const char *const months_nl[12] = {"januari",   "februari", "maart",    "april",
                                              "mei",       "juni",     "juli",     "augustus",
                                              "september", "oktober",  "november", "december"};
    return m >= 1 && m <= 12 ? months_nl[m - 1] : "";
}

void rp_data_months(const sv_table *t, const sv_codebook *cb, int *first, int *last)
{
    int kd = sv_codebook_find(cb, "datum");
    const int64_t *dates = kd >= 0 && sv_table_has(t, kd) ? sv_table_dates(t, kd) : NULL;
    int64_t lo = SV_MISSING_DATE, hi = SV_MISSING_DATE;
    for (size_t i = 0, n = sv_table_rows(t); dates && i < n; i++) {
        if (dates[i] == SV_MISSING_DATE)
            continue;
        if (lo == SV_MISSING_DATE || dates[i] < lo)
            lo = dates[i];
        if (hi == SV_MISSING_DATE || dates[i] > hi)
            hi = dates[i];
    }
    *first = *last = 0;
    if (lo == SV_MISSING_DATE)
        return;
    int y, m, d;
    sv_civil_from_seconds(lo, &y, &m, &d);
    *first = y * 100 + m;
    sv_civil_from_seconds(hi, &y, &m, &d);
    *last = y * 100 + m;
}

void rp_period_months(int from, int to, long rolling, int first, int last, int *pfrom, int *pto)
{
    if (!to)
        to = last;
    if (rolling > 0 && to) {
        int k = (to / 100) * 12 + (to % 100 - 1) - (int)(rolling - 1);
        from = (k / 12) * 100 + k % 12 + 1;
    }
    if (!from)
        from = first;
    *pfrom = from && to ? from : 0;
    *pto = from && to ? to : 0;
}

const char *rp_period_label(char *buf, size_t size, int from, int to)
{
    if (!from || !to || from % 100 < 1 || from % 100 > 12 || to % 100 < 1 || to % 100 > 12) {
        snprintf(buf, size, "%s", "");
        return buf;
    }
    const char *m1 = rp_month_name(from % 100), *m2 = rp_month_name(to % 100);
    if (from == to)
        snprintf(buf, size, "%s %d", m1, from / 100);
    else if (from / 100 == to / 100)
        snprintf(buf, size, "%s \xE2\x80\x93 %s %d", m1, m2, to / 100);
    else
        snprintf(buf, size, "%s %d \xE2\x80\x93 %s %d", m1, from / 100, m2, to / 100);
    return buf;
}
