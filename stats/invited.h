/*
 * invited.h - the invited counts of [uitgezet] bestand and the response they give: per
 * gemeente, per gemeente and voorziening, and for the region, over the months of a period.
 *
 * Lifecycle: st_invited_load() -> st_response_new() (the counts of the period beside the
 * respondents of a table) -> st_response_find() ... -> st_response_free(), st_invited_free().
 *
 * The file has the columns gemeente and uitgezet, optionally voorziening and maand (YYYY-MM).
 * Without maand the counts are those of one year of fieldwork: they give a response only for a
 * period that is not a window shorter (or longer) than a year. With maand, a period's invited
 * are those of its months, and a gemeente (or voorziening) without a row for one of them has no
 * response: never a figure from part of the months.
 */
#ifndef CEO_ST_INVITED_H
#define CEO_ST_INVITED_H

#include <stddef.h>

#include "../survey/survey.h"

typedef struct st_invited st_invited;

/* "2025-03" as 202503; -1 when s is no month of that form (months 1-12, years 1900-9999). */
int st_month_parse(const char *s);

/* Reads the invited counts at path; NULL with err set (file:line:column for a bad row, a
 * month that is no YYYY-MM, a cell listed twice). */
st_invited *st_invited_load(const char *path, ceo_error *err);
void st_invited_free(st_invited *inv);

/* 1 when the file has a maand column. */
int st_invited_monthly(const st_invited *inv);

/* Why a response can or cannot be given. */
typedef enum {
    ST_RESP_OK,         /* invited and response are set */
    ST_RESP_NO_FILE,    /* no invited counts at all */
    ST_RESP_NOT_LISTED, /* the file has no row for this gemeente (or voorziening) */
    ST_RESP_NO_MONTHS,  /* a monthly file without a row for some month of the period */
    ST_RESP_YEARLY,     /* counts per year, and the period is a window of another length */
    ST_RESP_INCOMPLETE, /* the region: some gemeente has no response */
} st_resp_state;

typedef struct {
    const char *gemeente;    /* the table's name; NULL for the region */
    const char *voorziening; /* NULL for the gemeente (or region) as a whole; ST_UNKNOWN_GROUP
                                for respondents without a voorziening */
    long invited;            /* ST_RESP_OK only */
    long responded;          /* respondents in the table */
    double pct;              /* 100 * responded / invited; NAN unless ST_RESP_OK and invited > 0 */
    st_resp_state state;
    int suppressed; /* responded below min_n, or hidden so that such a count is not derivable:
                       neither responded nor pct may be shown */
} st_response_row;

typedef struct st_response st_response;

/* The response of the table's respondents per gemeente and voorziening over the months from
 * and to (YYYYMM; 0 when the data have no dates: every row of the file counts). window is 1
 * when the period is a window asked of a store (a per-year count then gives no response
 * unless the window is twelve months). inv may be NULL (every row ST_RESP_NO_FILE). Rows with
 * responded below min_n are suppressed (a gemeente's voorzieningen with it), and where one
 * voorziening alone of a gemeente would be, its smallest other one too; the region is the
 * gemeenten shown, together. NULL with err set only when out of memory or the table has no gemeente
 * column. */
st_response *st_response_new(const sv_table *t, const sv_codebook *cb, const st_invited *inv,
                             int from, int to, int window, long min_n, ceo_error *err);
void st_response_free(st_response *r);

/* The rows: per gemeente (in the table's order of names) its own row, then its voorzieningen;
 * last the region. */
size_t st_response_count(const st_response *r);
const st_response_row *st_response_at(const st_response *r, size_t i);
/* The row of gemeente (NULL: the region) and voorziening (NULL: as a whole), or NULL. */
const st_response_row *st_response_find(const st_response *r, const char *gemeente,
                                        const char *voorziening);
/* 1 when the table has a voorziening column. */
int st_response_has_voorziening(const st_response *r);

#endif
