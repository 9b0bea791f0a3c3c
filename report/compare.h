/*
 * compare.h - what the report run needs of the comparisons (compare.c): the quarters the
 * fieldwork covered whole, the only ones the trend chart may draw. The blocks themselves are
 * declared in reportpriv.h.
 */
#ifndef CEO_REPORT_COMPARE_H
#define CEO_REPORT_COMPARE_H

#include <stddef.h>

#include "../survey/survey.h"
#include "benchmark.h"

/* The quarters in which every month has answers (date item kd of t), as the trend names them
 * ("2025-K1,2025-K2"), comma-joined into buf (size bytes; cut at a whole quarter); returns buf
 * ("" when none). */
const char *rp_full_quarters(const sv_table *t, int kd, char *buf, size_t size);

#endif
