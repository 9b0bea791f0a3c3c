/*
 * fuzz_sav.c - libFuzzer harness: arbitrary bytes read as an SPSS system file.
 *
 * The input is given "$FL2" in front when it lacks a system file's magic, so that every
 * input reaches the .sav reader (survey/sav.c and ReadStat) rather than the CSV reader.
 * Seeds: tests/fuzz/corpus/sav (a pspp-made file, and 20 respondents written by ceo-gen --sav).
 * Built and run by `make fuzz` with the other harnesses.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../survey/survey.h"

#ifndef CEO_ROOT
#define CEO_ROOT "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sv_codebook *cb;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ceo_error err;
    ceo_error_clear(&err);
    if (!cb && !(cb = sv_codebook_load(CEO_ROOT "/templates/ceo-wmo", &err)))
        abort(); /* the codebook must load */
    uint8_t *buf = malloc(size + 4);
    if (!buf)
        return 0;
    size_t n = size;
    if (size >= 4 && (memcmp(data, "$FL2", 4) == 0 || memcmp(data, "$FL3", 4) == 0)) {
        memcpy(buf, data, size);
    } else {
        memcpy(buf, "$FL2", 4);
        memcpy(buf + 4, data, size);
        n += 4;
    }
    sv_table *t = sv_table_new(cb, SV_KEEP_TEXT, &err);
    sv_report *rep = NULL;
    if (t)
        sv_table_read_mem(t, "fuzz.sav", buf, n, NULL, &rep, &err);
    sv_report_free(rep);
    sv_table_free(t);
    free(buf);
    return 0;
}
