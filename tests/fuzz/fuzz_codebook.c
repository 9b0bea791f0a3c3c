/*
 * fuzz_codebook.c - libFuzzer harness for the codebook loader and the dissatisfaction rules
 * that live beside it (survey/codebook.c, survey/sheet.c, stats/flag.c).
 *
 * A codebook is a folder of CSV files, so an input is split at lines "@@@@" into the files
 * schalen.csv, items.csv, spellingen.csv, ontbrekend.csv, koppen.csv, themas.csv,
 * ontevreden.csv, klachten.csv (in that order) and written to a private temporary folder;
 * files the input does not reach are copied from the standard codebook, so a short input
 * fuzzes the first files against a sound rest. A loaded codebook is then used once: every
 * item looked up and a header matched.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../stats/flag.h"
#include "../../survey/codebook.h"

#ifndef CEO_ROOT
#define CEO_ROOT "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const files[] = {"schalen.csv", "items.csv",  "spellingen.csv", "ontbrekend.csv",
                                    "koppen.csv",  "themas.csv", "ontevreden.csv", "klachten.csv"};
#define NFILES (sizeof files / sizeof *files)
static char dir[64];
static char *standard[NFILES];
static size_t standard_len[NFILES];

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        abort();
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n + 4096 > cap) {
            cap = (cap + 4096) * 2;
            if (!(buf = realloc(buf, cap)))
                abort();
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

static void put(const char *name, const void *p, size_t n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || (n && fwrite(p, 1, n, f) != n))
        abort();
    fclose(f);
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/ceo-fuzz-codebook-%ld", (long)getpid());
    char cmd[128];
    snprintf(cmd, sizeof cmd, "mkdir -p %s", dir);
    if (system(cmd) != 0)
        abort();
    for (size_t i = 0; i < NFILES; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/templates/ceo-wmo/%s", CEO_ROOT, files[i]);
        standard[i] = slurp(path, &standard_len[i]);
    }
    /* signalen.csv is optional for the rules; the standard one keeps them complete */
    char path[256];
    size_t n;
    snprintf(path, sizeof path, "%s/templates/ceo-wmo/signalen.csv", CEO_ROOT);
    char *sig = slurp(path, &n);
    put("signalen.csv", sig, n);
    free(sig);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0])
        setup();
    const char *p = (const char *)data, *end = p + size;
    for (size_t i = 0; i < NFILES; i++) {
        if (!p) {
            put(files[i], standard[i], standard_len[i]);
            continue;
        }
        const char *sep = NULL;
        for (const char *q = p; q + 5 <= end; q++)
            if (memcmp(q, "\n@@@@", 5) == 0) {
                sep = q;
                break;
            }
        put(files[i], p, (size_t)((sep ? sep + 1 : end) - p));
        p = sep ? sep + 5 : NULL;
        if (p && p < end && *p == '\n')
            p++;
    }

    ceo_error err;
    ceo_error_clear(&err);
    sv_codebook *cb = sv_codebook_load(dir, &err);
    if (!cb) {
        if (err.code == CEO_OK || !err.message[0])
            abort();
        return 0;
    }
    size_t n = sv_codebook_nitems(cb);
    for (size_t i = 0; i < n; i++) {
        const sv_item *it = sv_codebook_item(cb, i);
        if (sv_codebook_find(cb, it->id) < 0)
            abort();
    }
    int rank;
    (void)sv_codebook_match_header(cb, "ik wist waar ik moest zijn met mijn hulpvraag", 44, &rank);
    (void)sv_codebook_missing(cb, "weet niet", 9);
    ceo_error_clear(&err);
    st_rules *r = st_rules_load(cb, &err);
    if (r) {
        ceo_error_clear(&err);
        (void)st_is_complaint(r, "geen klachten, maar de hulp komt vaak te laat", &err);
    } else if (err.code == CEO_OK || !err.message[0]) {
        abort();
    }
    st_rules_free(r);
    sv_codebook_free(cb);
    return 0;
}
