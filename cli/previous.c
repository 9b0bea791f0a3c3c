/*
 * previous.c - where the previous year's figures come from for `ceo stats` and `ceo report`:
 * --compare FILE (last year's export, or the CSV `ceo stats` wrote then, told apart by its
 * header) or --compare-store (the --store's answers of the same months one year earlier). What
 * the previous source cannot give is said here, once, in the words of the option.
 */
#include <stdio.h>
#include <string.h>

#include "../stats/prevcsv.h"
#include "cli.h"
#include "previous.h"

/* YYYYMM plus months (negative: back). */
static int add_months(int yyyymm, int months)
{
    int m = (yyyymm / 100) * 12 + (yyyymm % 100 - 1) + months;
    return (m / 12) * 100 + m % 12 + 1;
}

int cli_previous_check(const char *command, const char *file, int from_store, const cli_source *src)
{
    if (file && from_store)
        return cli_usage(command, "use --compare FILE or --compare-store, not both");
    if (from_store && !src->store)
        return cli_usage(command, "--compare-store compares with the --store's answers a year "
                                  "earlier: give --store FILE.db");
    if (from_store && !src->from && !src->rolling)
        return cli_usage(command, "--compare-store needs the months compared: --from YYYY-MM "
                                  "(with --to) or --rolling N");
    return 0;
}

int cli_previous_store(sv_table *t, const cli_source *src, ceo_error *err)
{
    sv_store *s = sv_store_open(src->store, SV_STORE_READ, cli_store_converting, NULL, err);
    if (!s)
        return cli_report(err);
    int from = src->from, to = src->to;
    if (!to && (to = sv_store_last_month(s, err)) < 0) {
        sv_store_close(s);
        return cli_report(err);
    }
    if (src->rolling && to)
        from = add_months(to, -(int)(src->rolling - 1));
    cli_source prev = *src;
    prev.rolling = 0;
    prev.from = add_months(from, -12);
    prev.to = to ? add_months(to, -12) : 0;
    fprintf(stderr, "ceo: ");
    fprintf(stderr, ceo_tr("previous year: %s, the answers of %04d-%02d to %04d-%02d"), src->store,
            prev.from / 100, prev.from % 100, prev.to / 100, prev.to % 100);
    fputc('\n', stderr);
    int rc = cli_read_store(s, t, &prev, NULL, NULL, err);
    sv_store_close(s);
    return rc;
}

int cli_previous_csv(const char *file, const sv_codebook *cb, long min_n, st_result **rows,
                     ceo_error *err)
{
    *rows = NULL;
    int kind = st_prev_csv_is(file);
    if (kind == 2) {
        ceo_error_set(err, CEO_EDATA, file, 0, 0,
                      "ceo stats' --hv table and JSON are not read back: compare with last "
                      "year's export, or the CSV ceo stats wrote of it (without --hv and "
                      "--format json)");
        return cli_report(err);
    }
    if (!kind)
        return CLI_OK;
    st_prev_info info;
    if (!(*rows = st_prev_csv_read(file, cb, min_n, &info, err)))
        return cli_report(err);
    if (info.below_min)
        cli_warn("%s: %ld figures there rest on fewer than %ld answers (that run's min_n was "
                 "lower, the smallest group shown has %ld): they are not compared",
                 file, info.below_min, min_n, info.min_shown);
    if (info.untestable)
        cli_warn("%s: %ld previous figures have no test of the difference (a weighted figure, "
                 "or a mark whose interval the CSV cuts at the scale's end)",
                 file, info.untestable);
    return CLI_OK;
}

void cli_previous_dims(const char *file, const st_result *rows, const char *by)
{
    char missing[512];
    if (rows && *st_prev_missing_dims(rows, by, missing, sizeof missing))
        cli_warn("%s: the previous figures have no rows for %s: those are shown without last "
                 "year (write last year's CSV with them in --by)",
                 file, missing);
}
