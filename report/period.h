/*
 * period.h - the period a report is about, from the answers' dates and the window asked of a
 * store: its months (for the invited counts of those months) and its name in Dutch ("maart
 * 2024 – april 2025"), which a report over a store carries on its title page and in its
 * running footer instead of a single year.
 */
#ifndef CEO_PERIOD_H
#define CEO_PERIOD_H

#include <stddef.h>

#include "../survey/survey.h"

/* The Dutch name of month m (1-12: "januari" ... "december"); "" for another m. */
const char *rp_month_name(int m);

/* The first and last month (YYYYMM) with a dated answer in t; 0 and 0 when none. */
void rp_data_months(const sv_table *t, const sv_codebook *cb, int *first, int *last);

/* The months of the period: the window asked (from, to: YYYYMM or 0 when open; rolling: N
 * months up to to or the last month answered, 0 when not asked), its open ends closed by the
 * answers' first and last month. */
void rp_period_months(int from, int to, long rolling, int first, int last, int *pfrom, int *pto);

/* The months from..to in Dutch into buf: "maart 2025", "januari – maart 2025", "maart 2024 –
 * april 2025"; "" when from is 0. Returns buf. */
const char *rp_period_label(char *buf, size_t size, int from, int to);

#endif
