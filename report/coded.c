/*
 * coded.c - writes the coded table in canonical form (see coded.h).
 */
#include "coded.h"

#include <math.h>
#include <string.h>

#include "../survey/values.h"
#include "tables.h"

static int written(const sv_item *it)
{
    if (it->type == SV_T_TEKST)
        return 0; /* open answers and contact details stay inside ceo */
    return strcmp(it->section, "contact") != 0 || it->type == SV_T_JANEE;
}

int rp_coded_csv(FILE *fp, const sv_table *t)
{
    const sv_codebook *cb = sv_table_codebook(t);
    size_t nitems = sv_codebook_nitems(cb);
    int first = 1;
    for (size_t i = 0; i < nitems; i++) {
        const sv_item *it = sv_codebook_item(cb, i);
        if (!sv_table_has(t, (int)i) || !written(it))
            continue;
        fprintf(fp, "%s%s", first ? "" : ",", it->id);
        first = 0;
    }
    fputc('\n', fp);
    for (size_t r = 0; r < sv_table_rows(t); r++) {
        first = 1;
        for (size_t i = 0; i < nitems; i++) {
            const sv_item *it = sv_codebook_item(cb, i);
            if (!sv_table_has(t, (int)i) || !written(it))
                continue;
            if (!first)
                fputc(',', fp);
            first = 0;
            const uint16_t *codes = sv_table_codes(t, (int)i);
            const sv_scale *sc = sv_codebook_scale(cb, it->scale);
            switch (it->type) {
            case SV_T_ID: {
                const char *s = sv_table_text(t, (int)i, r);
                if (s)
                    rp_put_text(fp, s, ',');
                break;
            }
            case SV_T_DATUM: {
                int64_t d = sv_table_dates(t, (int)i)[r];
                if (d == SV_MISSING_DATE)
                    break;
                int y, m, dd;
                sv_civil_from_seconds(d, &y, &m, &dd);
                long long secs = d - sv_days_from_civil(y, m, dd) * 86400;
                fprintf(fp, "%04d-%02d-%02d", y, m, dd);
                if (secs)
                    fprintf(fp, " %02lld:%02lld:%02lld", secs / 3600, secs / 60 % 60, secs % 60);
                break;
            }
            case SV_T_CATEGORIE:
                if (codes[r])
                    rp_put_text(fp, sv_table_group(t, (int)i, codes[r] - 1u), ',');
                break;
            case SV_T_LIKERT:
            case SV_T_JANEE:
            case SV_T_ENKEL:
                if (codes[r])
                    fputs(sc->cats[codes[r] - 1].id, fp);
                break;
            case SV_T_GETAL:
            case SV_T_CIJFER:
            case SV_T_SCORE: {
                double v = sv_table_numbers(t, (int)i)[r];
                if (!isnan(v))
                    fprintf(fp, "%.15g", v);
                break;
            }
            case SV_T_MEER: {
                uint32_t m = sv_table_multi(t, (int)i)[r];
                int any = 0;
                for (size_t c = 0; c < sc->ncats && c < 31; c++)
                    if (m & (1u << c)) {
                        fprintf(fp, "%s%s", any ? "|" : "", sc->cats[c].id);
                        any = 1;
                    }
                break;
            }
            case SV_T_TEKST:
                break;
            }
        }
        fputc('\n', fp);
    }
    return ferror(fp) ? -1 : 0;
}
