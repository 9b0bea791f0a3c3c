/*
 * vws.c - the VWS accounting data (stats/vws.h) written as CSV: a header of field ids, one row
 * per gemeente. Everything written is computed before; this file only renders it.
 */
#include "vws.h"

#include "tables.h"

/* A cell: numbers as they are, with a decimal comma in Excel mode; text through rp_put_text,
 * which guards what a spreadsheet would run as a formula. */
static void put_cell(FILE *fp, const char *s, int num, int excel)
{
    if (num) {
        for (; *s; s++)
            fputc(excel && *s == '.' ? ',' : *s, fp);
        return;
    }
    rp_put_text(fp, s, excel ? ';' : ',');
}

int rp_vws_csv(FILE *fp, const st_vws *v, int excel)
{
    const char *eol = excel ? "\r\n" : "\n";
    if (excel)
        fputs("\xEF\xBB\xBF", fp);
    for (size_t k = 0; k < st_vws_nfields(v); k++) {
        if (k)
            fputc(excel ? ';' : ',', fp);
        put_cell(fp, st_vws_field_id(v, k), 0, excel);
    }
    fputs(eol, fp);
    for (size_t g = 0; g < st_vws_count(v); g++) {
        for (size_t k = 0; k < st_vws_nfields(v); k++) {
            if (k)
                fputc(excel ? ';' : ',', fp);
            put_cell(fp, st_vws_value(v, g, k), st_vws_is_number(v, g, k), excel);
        }
        fputs(eol, fp);
    }
    return ferror(fp) ? -1 : 0;
}
