/*
 * fuzz_project.c - libFuzzer harness for the project-file parser (--config FILE).
 *
 * The parser reads from a path, so each input is written to one temporary file first. A
 * loaded project must answer every lookup; a rejected one must say where and why.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../survey/project.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/ceo-fuzz-project-%ld.ini", (long)getpid());
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);

    ceo_error err;
    ceo_error_clear(&err);
    sv_project *p = sv_project_load(path, &err);
    if (!p) {
        if (err.code == CEO_OK || !err.message[0])
            abort();
        return 0;
    }
    static const char *const sections[] = {"regio", "drempels", "kolommen", "codes",   "rapport",
                                           "vws",   "uitgezet", "weging",   "signalen"};
    for (size_t s = 0; s < sizeof sections / sizeof *sections; s++) {
        size_t n = sv_project_count(p, sections[s]);
        for (size_t i = 0; i < n; i++) {
            const char *k, *v;
            long line;
            sv_project_entry(p, sections[s], i, &k, &v, &line);
            if (!k || !v || line < 1)
                abort();
        }
    }
    (void)sv_project_get(p, "regio", "naam");
    (void)sv_project_int(p, "drempels", "min_n", 10);
    (void)sv_project_path(p, "regio", "codeboek");
    (void)sv_project_path(p, "rapport", "logo");
    sv_project_free(p);
    return 0;
}
