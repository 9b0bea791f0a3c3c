/*
 * test_run.c - a run of the reports through report/run.c: the kind table, the hooks (the run
 * says through them what it would print), one file per report, a failed read and an unknown
 * group stopping the run cleanly.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../report/run.h"
#include "t.h"

void test_run(void);

static const char run_csv[] =
    "Respondentnummer,Gemeente,Aanbieder huishoudelijke hulp,"
    "Ik heb een vaste hulp.,Welk rapportcijfer geeft u uw aanbieder van huishoudelijke hulp?,"
    "Opmerkingen\n"
    "1,Tiel,Zorg BV,Mee eens,8,\"Bel 06-12345678, mevrouw Jansen\"\n"
    "2,Tiel,Zorg BV,Helemaal mee eens,9,Prima\n"
    "3,Buren,Hulp & Co,Niet mee eens,5,Te laat\n"
    "4,Buren,Zorg BV,Neutraal,7,\n";

typedef struct {
    int fail_read;
    int reads;
    char left_out[64];
    size_t progress, last_n;
    char groups[256];
} hooks_seen;

static int read_mem(void *ctx, sv_table *t, int previous)
{
    hooks_seen *h = ctx;
    h->reads++;
    ceo_error err;
    ceo_error_clear(&err);
    if (h->fail_read || previous)
        return 1;
    return sv_table_read_mem(t, "run.csv", run_csv, sizeof run_csv - 1, NULL, NULL, &err) != 0;
}

static void warn(void *ctx, rp_run_warning w, const char *detail)
{
    hooks_seen *h = ctx;
    if (w == RP_WARN_LEFT_OUT)
        snprintf(h->left_out, sizeof h->left_out, "%s", detail);
}

static void progress(void *ctx, size_t i, size_t n, const char *group)
{
    hooks_seen *h = ctx;
    CHECK(i == h->progress); /* in the order of the reports */
    h->progress++;
    h->last_n = n;
    size_t len = strlen(h->groups);
    snprintf(h->groups + len, sizeof h->groups - len, "%s;", group);
}

/* The names of the files in dir, sorted and joined by ';'; removes them. */
static void files_in(const char *dir, char *out, size_t size)
{
    char *names[16];
    size_t n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) && n < 16)
        if (e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    if (d)
        closedir(d);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *x = names[j];
            names[j] = names[j - 1];
            names[j - 1] = x;
        }
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *fp = fopen(path, "rb");
        char head[5] = {0};
        CHECK(fp && fread(head, 1, 5, fp) == 5 && memcmp(head, "%PDF-", 5) == 0);
        if (fp)
            fclose(fp);
        remove(path);
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s;", names[i]);
        free(names[i]);
    }
}

void test_run(void)
{
    CHECK(rp_kind_find("gemeente") && rp_kind_find("regio") && rp_kind_find("aanbieder"));
    CHECK(!rp_kind_find("provincie") && !rp_kind_find(NULL));
    CHECK(rp_kind_find("aanbieder")->remarks && !rp_kind_find("regio")->groups);

    char dir[1024], cbdir[1024], texts[1024];
    snprintf(cbdir, sizeof cbdir, "%s/templates/ceo-wmo", t_root);
    snprintf(texts, sizeof texts, "%s/templates/report/nl/teksten.txt", t_root);
    snprintf(dir, sizeof dir, "/tmp/ceo-run-XXXXXX");
    ceo_error err;
    ceo_error_clear(&err);
    sv_codebook *cb = sv_codebook_load(cbdir, &err);
    CHECK(cb && mkdtemp(dir));
    if (!cb)
        return;
    rp_run_options o = {.kind = rp_kind_find("aanbieder"),
                        .cb = cb,
                        .out_dir = dir,
                        .min_n = 1,
                        .texts = texts,
                        .wordlist = getenv("CEO_WORDLIST")};
    hooks_seen seen = {0};
    rp_run_hooks h = {read_mem, warn, progress, &seen};
    rp_run_result res;
    char names[512];

    /* one report per provider, in the result's order, every one a PDF of its own */
    CHECK(rp_run(&o, &h, &res, &err) == CEO_OK);
    CHECK(res.reports == 2 && res.overflows == 0 && !res.read_failed && seen.reads == 1);
    CHECK_STR(seen.left_out, "voorziening"); /* the export has no voorziening column */
    CHECK(seen.progress == 2 && seen.last_n == 2);
    CHECK_STR(seen.groups, "Hulp & Co;Zorg BV;");
    files_in(dir, names, sizeof names);
    CHECK_STR(names, "aanbieder-hulp-co.pdf;aanbieder-zorg-bv.pdf;");

    /* the region's report: one; without a region name of its own, regio.pdf */
    o.kind = rp_kind_find("regio");
    memset(&seen, 0, sizeof seen);
    CHECK(rp_run(&o, &h, &res, &err) == CEO_OK && res.reports == 1);
    CHECK_STR(seen.groups, "de regio;");
    files_in(dir, names, sizeof names);
    CHECK_STR(names, "regio.pdf;");

    /* a group of no such name: an error, no file */
    o.kind = rp_kind_find("aanbieder");
    o.only = "Niemand";
    memset(&seen, 0, sizeof seen);
    ceo_error_clear(&err);
    CHECK(rp_run(&o, &h, &res, &err) == CEO_EDATA && res.reports == 0 && seen.progress == 0);
    CHECK(strstr(err.message, "no gemeente or provider of that name") != NULL);
    files_in(dir, names, sizeof names);
    CHECK_STR(names, "");

    /* a failed read (the hook has said why): the run stops there, err untouched */
    o.only = NULL;
    seen = (hooks_seen){.fail_read = 1};
    ceo_error_clear(&err);
    CHECK(rp_run(&o, &h, &res, &err) != CEO_OK && res.read_failed && err.code == CEO_OK);
    CHECK(seen.reads == 1 && seen.progress == 0);
    files_in(dir, names, sizeof names);
    CHECK_STR(names, "");

    /* the comparison asks for a second read, after the first */
    o.compare = 1;
    memset(&seen, 0, sizeof seen);
    CHECK(rp_run(&o, &h, &res, &err) != CEO_OK && res.read_failed && seen.reads == 2);
    rmdir(dir);
    sv_codebook_free(cb);
}
