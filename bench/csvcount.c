/*
 * csvcount.c - the floor for ceo's CSV reading: one bare libcsv pass over a file that only
 * counts fields and records.
 *
 * It uses libcsv the way ceo's adapter does (survey/csvsrc.c: the same delimiter, no space
 * trimming, 1 MiB reads, 64 KiB buffer growth) and does nothing else, so the time of
 * `ceo stats` divided by this time is what ceo spends beyond parsing. A benchmark program,
 * not part of ceo; it is built by `make bench` only.
 *
 * usage: csvcount FILE [DELIMITER]   (DELIMITER: , ; or tab; default ,)
 * prints: fields records
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned long long fields, records;
} counts;

static void on_field(void *data, size_t len, void *ctx)
{
    (void)data;
    (void)len;
    ((counts *)ctx)->fields++;
}

static void on_record(int term, void *ctx)
{
    (void)term;
    ((counts *)ctx)->records++;
}

static int never_space(unsigned char c)
{
    (void)c;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: csvcount FILE [DELIMITER]\n");
        return 2;
    }
    char delim = ',';
    if (argc == 3)
        delim = strcmp(argv[2], "tab") == 0 ? '\t' : argv[2][0];
    FILE *fp = fopen(argv[1], "rb");
    if (!fp) {
        perror(argv[1]);
        return 1;
    }
    struct csv_parser p;
    if (csv_init(&p, 0) != 0)
        return 1;
    csv_set_delim(&p, (unsigned char)delim);
    csv_set_space_func(&p, never_space);
    csv_set_blk_size(&p, 64 * 1024);
    size_t cap = (size_t)1 << 20;
    char *buf = malloc(cap);
    if (!buf)
        return 1;
    counts c = {0, 0};
    size_t n;
    while ((n = fread(buf, 1, cap, fp)) > 0) {
        if (csv_parse(&p, buf, n, on_field, on_record, &c) != n) {
            fprintf(stderr, "csvcount: %s\n", csv_strerror(csv_error(&p)));
            return 1;
        }
    }
    csv_fini(&p, on_field, on_record, &c);
    csv_free(&p);
    free(buf);
    fclose(fp);
    printf("%llu %llu\n", c.fields, c.records);
    return 0;
}
