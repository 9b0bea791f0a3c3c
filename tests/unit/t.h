/*
 * t.h - the in-house unit test runner: CHECK records a pass or a failure with its location;
 * each test file registers its tests in tests/unit/main.c.
 */
#ifndef CEO_T_H
#define CEO_T_H

#include <stdio.h>
#include <string.h>

extern long t_passed, t_failed;
void t_fail(const char *file, int line, const char *expr);

#define CHECK(e) ((e) ? (void)t_passed++ : t_fail(__FILE__, __LINE__, #e))
#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *t_a = (a), *t_b = (b);                                                         \
        if (t_a && t_b && strcmp(t_a, t_b) == 0)                                                   \
            t_passed++;                                                                            \
        else {                                                                                     \
            t_fail(__FILE__, __LINE__, #a " == " #b);                                              \
            fprintf(stderr, "    got '%s', want '%s'\n", t_a ? t_a : "(null)",                     \
                    t_b ? t_b : "(null)");                                                         \
        }                                                                                          \
    } while (0)
#define CHECK_NEAR(a, b, eps)                                                                      \
    do {                                                                                           \
        double t_x = (a), t_y = (b);                                                               \
        if (t_x - t_y <= (eps) && t_y - t_x <= (eps))                                              \
            t_passed++;                                                                            \
        else {                                                                                     \
            t_fail(__FILE__, __LINE__, #a " ~= " #b);                                              \
            fprintf(stderr, "    got %.10g, want %.10g\n", t_x, t_y);                              \
        }                                                                                          \
    } while (0)

/* Splits a TSV line in place into at most n fields (the line end cut off); returns the count. */
size_t t_split_tab(char *line, char **f, size_t n);

/* The Dutch word list of the redaction, loaded once (exits when it cannot be read). */
struct sv_wordlist;
const struct sv_wordlist *t_words(void);

/* The whole file at path in a new NUL-terminated buffer (free it), *len its length (len may be
 * NULL); NULL when it cannot be read. */
char *t_read_file(const char *path, size_t *len);

/* The directory of the repository's test data, set by main from argv. */
extern const char *t_root;

#endif
