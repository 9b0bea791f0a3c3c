/*
 * vws.h - the VWS export's writer; the data themselves are computed in stats/vws.h.
 */
#ifndef CEO_VWS_H
#define CEO_VWS_H

#include "../stats/vws.h"
#include "csvout.h"

/* Writes a header of field ids and one row per gemeente to w (csvout.h; numbers get a decimal
 * comma in the Excel dialect, text a guard against formulas). Returns CEO_OK, or CEO_EIO with
 * the path on a write error; the caller commits or aborts w. */
ceo_status rp_vws_csv(rp_csv *w, const st_vws *v, ceo_error *err);

#endif
