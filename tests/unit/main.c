/*
 * main.c - runs every unit test file's tests and prints "unit: N passed, N failed" last.
 */
#include <stdlib.h>

#include "../../survey/names.h"
#include "t.h"

long t_passed, t_failed;
const char *t_root = ".";

void t_fail(const char *file, int line, const char *expr)
{
    t_failed++;
    fprintf(stderr, "FAIL %s:%d: %s\n", file, line, expr);
}

static sv_wordlist *words;

const sv_wordlist *t_words(void)
{
    if (!words) {
        ceo_error err;
        ceo_error_clear(&err);
        if (!(words = sv_wordlist_load(getenv("CEO_WORDLIST"), &err))) {
            fprintf(stderr, "unit tests: %s: %s\n", err.path, err.message);
            exit(1);
        }
    }
    return words;
}

size_t t_split_tab(char *line, char **f, size_t n)
{
    size_t k = 0;
    line[strcspn(line, "\r\n")] = '\0';
    while (k < n) {
        f[k++] = line;
        char *tab = strchr(line, '\t');
        if (!tab)
            break;
        *tab = '\0';
        line = tab + 1;
    }
    return k;
}

char *t_read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            char *p = realloc(buf, cap = 2 * cap + 4096 + 1);
            if (!p) {
                free(buf);
                fclose(fp);
                return NULL;
            }
            buf = p;
        }
        size_t got = fread(buf + n, 1, 4096, fp);
        n += got;
        if (got < 4096)
            break;
    }
    fclose(fp);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

void test_text(void);
void test_values(void);
void test_csvsrc(void);
void test_csvsrc_pipeline(void);
void test_codebook(void);
void test_reader(void);
void test_pii(void);
void test_pseudo(void);
void test_sha256(void);
void test_strmap(void);
void test_alloc(void);
void test_alloc_sav(void);
void test_standard(void);
void test_flag(void);
void test_textmodel(void);
void test_report(void);
void test_csvout(void);
void test_vws(void);
void test_invited(void);
void test_run(void);
void test_stats(void);
void test_store(void);
void test_subset(void);
void test_relevance(void);

int main(int argc, char **argv)
{
    if (argc > 1)
        t_root = argv[1];
    test_text();
    test_values();
    test_csvsrc();
    test_csvsrc_pipeline();
    test_codebook();
    test_reader();
    test_pii();
    test_pseudo();
    test_sha256();
    test_strmap();
    test_alloc();
    test_alloc_sav();
    test_standard();
    test_flag();
    test_csvout();
    test_textmodel();
    test_report();
    test_vws();
    test_invited();
    test_run();
    test_stats();
    test_store();
    test_subset();
    test_relevance();
    sv_wordlist_free(words);
    printf("unit: %ld passed, %ld failed\n", t_passed, t_failed);
    return t_failed ? 1 : 0;
}
