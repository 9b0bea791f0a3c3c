/*
 * vws.h - the VWS accounting data (stats/vws.h, computed there) written for the ministry: a
 * CSV of one row per gemeente. The gemeente report's appendix reads the same data (report.c).
 */
#ifndef CEO_VWS_H
#define CEO_VWS_H

#include <stdio.h>

#include "../stats/vws.h"

/* Writes a header of field ids and one row per gemeente. excel: semicolons, decimal commas,
 * UTF-8 BOM, CRLF, and text that Excel would run as a formula (a leading = + - @) defused
 * with an apostrophe. Returns 0, or -1 on a write error (errno set). */
int rp_vws_csv(FILE *fp, const st_vws *v, int excel);

#endif
