/*
 * fuzz_sav.c - libFuzzer harness: arbitrary bytes read as an SPSS system file.
 *
 * The input is given "$FL2" in front when it lacks a system file's magic, so that every
 * input reaches the .sav reader (survey/sav.c and ReadStat) rather than the CSV reader.
 * Seeds: the .sav files in tests/sav. Build and run (clang):
 *
 *   make BUILD=build/fuzz CC=clang CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" \
 *       build/fuzz/libceo.a
 *   clang -O1 -g -fsanitize=fuzzer,address,undefined -o build/fuzz/fuzz_sav tests/fuzz/fuzz_sav.c \
 *       build/fuzz/libceo.a -lcsv -lpcre2-8 -lhpdf -lreadstat -lsqlite3 -lm
 *   build/fuzz/fuzz_sav -max_total_time=60 tests/sav/
 *
 * The standard codebook is loaded once from templates/ceo-wmo (run from the repository root).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../survey/survey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sv_codebook *cb;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ceo_error err;
    ceo_error_clear(&err);
    if (!cb && !(cb = sv_codebook_load("templates/ceo-wmo", &err)))
        abort(); /* not run from the repository root */
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
