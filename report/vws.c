/*
 * vws.c - the VWS export's writer: the accounting data per gemeente (stats/vws.h) as one CSV
 * file through the CSV writer (csvout.h), a header of field ids and a row per gemeente.
 */
#include "vws.h"

ceo_status rp_vws_csv(rp_csv *w, const st_vws *v, ceo_error *err)
{
    for (size_t k = 0; k < st_vws_nfields(v); k++)
        rp_csv_text(w, st_vws_field_id(v, k));
    rp_csv_end_row(w);
    for (size_t g = 0; g < st_vws_count(v); g++) {
        for (size_t k = 0; k < st_vws_nfields(v); k++)
            if (st_vws_is_number(v, g, k))
                rp_csv_number_text(w, st_vws_value(v, g, k));
            else
                rp_csv_text(w, st_vws_value(v, g, k));
        rp_csv_end_row(w);
    }
    return rp_csv_check(w, err);
}
