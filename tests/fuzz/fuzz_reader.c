/*
 * fuzz_reader.c - libFuzzer harness for the whole export pipeline: bytes -> layout detection
 * -> column mapping -> coded table, with the standard codebook and in raw mode.
 *
 * Any input must end in CEO_OK or an error with a message; a failed read must leave the table
 * unchanged (zero rows here); a successful one must have a report that agrees with the table.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../survey/survey.h"

#ifndef CEO_ROOT
#define CEO_ROOT "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sv_codebook *cb;

static void fail(const char *why, const ceo_error *err)
{
    fprintf(stderr, "fuzz_reader: %s (status %d, %s:%ld:%ld: %s)\n", why, (int)err->code, err->path,
            err->line, err->column, err->message);
    abort();
}

static void read_one(const sv_codebook *book, const uint8_t *data, size_t size)
{
    ceo_error err;
    ceo_error_clear(&err);
    sv_table *t = sv_table_new(book, SV_KEEP_TEXT, &err);
    if (!t)
        abort();
    sv_report *rep = NULL;
    ceo_status st = sv_table_read_mem(t, "fuzz.csv", data, size, NULL, &rep, &err);
    if (st != CEO_OK) {
        if (err.code == CEO_OK || !err.message[0])
            fail("an error without a message", &err);
        if (sv_table_rows(t) != 0)
            fail("a failed read left rows in the table", &err);
    } else {
        if (!rep || (book && (size_t)rep->respondents != sv_table_rows(t)))
            fail("the report's respondents differ from the table's rows", &err);
        for (size_t i = 0; i < rep->nunknown; i++)
            if (!rep->unknown[i].value || rep->unknown[i].count < 1)
                fail("an unknown value without text or count", &err);
    }
    sv_report_free(rep);
    sv_table_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!cb) {
        ceo_error err;
        ceo_error_clear(&err);
        cb = sv_codebook_load(CEO_ROOT "/templates/ceo-wmo", &err);
        if (!cb) {
            fprintf(stderr, "fuzz_reader: %s: %s\n", err.path, err.message);
            abort();
        }
    }
    read_one(cb, data, size);
    read_one(NULL, data, size);
    return 0;
}
