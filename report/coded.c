/*
 * coded.c - writes the coded table in canonical form (see coded.h).
 */
#include "coded.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../survey/values.h"

static int written(const sv_item *it)
{
    if (it->type == SV_T_TEKST)
        return 0; /* open answers and contact details stay inside ceo */
    return strcmp(it->section, "contact") != 0 || it->type == SV_T_JANEE;
}

ceo_status rp_coded_csv(rp_csv *w, const sv_table *t, ceo_error *err)
{
    const sv_codebook *cb = sv_table_codebook(t);
    size_t nitems = sv_codebook_nitems(cb);
    for (size_t i = 0; i < nitems; i++)
        if (sv_table_has(t, (int)i) && written(sv_codebook_item(cb, i)))
            rp_csv_text(w, sv_codebook_item(cb, i)->id);
    rp_csv_end_row(w);
    char buf[4096]; /* a cell made here: a date, a number, category ids */
    for (size_t r = 0; r < sv_table_rows(t); r++) {
        for (size_t i = 0; i < nitems; i++) {
            const sv_item *it = sv_codebook_item(cb, i);
            if (!sv_table_has(t, (int)i) || !written(it))
                continue;
            const uint16_t *codes = sv_table_codes(t, (int)i);
            const sv_scale *sc = sv_codebook_scale(cb, it->scale);
            buf[0] = '\0';
            switch (it->type) {
            case SV_T_ID:
                rp_csv_text(w, sv_table_text(t, (int)i, r));
                continue;
            case SV_T_DATUM: {
                int64_t d = sv_table_dates(t, (int)i)[r];
                if (d == SV_MISSING_DATE)
                    break;
                int y, m, dd;
                sv_civil_from_seconds(d, &y, &m, &dd);
                long long secs = d - sv_days_from_civil(y, m, dd) * 86400;
                if (secs)
                    snprintf(buf, sizeof buf, "%04d-%02d-%02d %02lld:%02lld:%02lld", y, m, dd,
                             secs / 3600, secs / 60 % 60, secs % 60);
                else
                    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, dd);
                break;
            }
            case SV_T_CATEGORIE:
                rp_csv_text(w, codes[r] ? sv_table_group(t, (int)i, codes[r] - 1u) : NULL);
                continue;
            case SV_T_LIKERT:
            case SV_T_JANEE:
            case SV_T_ENKEL:
                if (codes[r])
                    snprintf(buf, sizeof buf, "%s", sc->cats[codes[r] - 1].id);
                break;
            case SV_T_GETAL:
            case SV_T_CIJFER:
            case SV_T_SCORE: {
                double v = sv_table_numbers(t, (int)i)[r];
                if (!isnan(v))
                    snprintf(buf, sizeof buf, "%.15g", v);
                rp_csv_number_text(w, buf);
                continue;
            }
            case SV_T_MEER: {
                uint32_t m = sv_table_multi(t, (int)i)[r];
                size_t len = 0;
                for (size_t c = 0; c < sc->ncats && c < 31 && len < sizeof buf; c++)
                    if (m & (1u << c))
                        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? "|" : "",
                                                sc->cats[c].id);
                break;
            }
            case SV_T_TEKST:
                break;
            }
            rp_csv_text(w, buf);
        }
        rp_csv_end_row(w);
    }
    return rp_csv_check(w, err);
}
