/*
 * oom.c - ceo-oom, the out-of-memory sweep driver: runs one ceo command line again and again
 * in forked children, with the Nth allocation through the library's wrapper failing, for every
 * N from 1 to the number of allocations a normal run makes (or every STRIDE-th).
 *
 *   ceo-oom [-s STRIDE] OUTDIR -- COMMAND [ARGS...]
 *   ceo-oom -n N OUTDIR -- COMMAND [ARGS...]    (one run, its stderr shown: for debugging)
 *
 * The command line is that of ceo without the program name; outputs named in it should lie in
 * OUTDIR, which must start empty. Each failing run must exit 1, print "out of memory" on
 * stderr, leave OUTDIR empty (no output file, no temporary file) and, in the sanitizer build,
 * leak nothing (LeakSanitizer makes the child exit 23 otherwise). Prints
 * "ok|FAIL COMMAND: T allocations, N runs, W wrong" and exits 1 when any run was wrong.
 *
 * It links ceo's own main() renamed to ceo_main, so the production binary has no test hook.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../base/base.h"

int ceo_main(int argc, char **argv);

static int dir_empty(const char *dir, char *first, size_t cap)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    int empty = 1;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(first, cap, "%s", e->d_name);
            empty = 0;
            break;
        }
    }
    closedir(d);
    return empty;
}

static void clear_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
}

/* Runs the command in a child with allocation n failing (0: none); returns the wait status.
 * With count non-NULL the child reports the number of allocations it made through a pipe. */
static int run(long n, int argc, char **argv, const char *errpath, long *count)
{
    int fds[2] = {-1, -1};
    if (count && pipe(fds) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int nul = open("/dev/null", O_WRONLY);
        if (fd < 0 || nul < 0)
            _exit(98);
        dup2(fd, 2);
        dup2(nul, 1);
        ceo_alloc_fail_at(n);
        int rc = ceo_main(argc, argv);
        if (count) {
            long made = ceo_alloc_fail_at(0);
            if (write(fds[1], &made, sizeof made) != (ssize_t)sizeof made)
                _exit(97);
        }
        exit(rc);
    }
    int status = 0;
    if (count) {
        close(fds[1]);
        if (read(fds[0], count, sizeof *count) != (ssize_t)sizeof *count)
            *count = -1;
        close(fds[0]);
    }
    waitpid(pid, &status, 0);
    return status;
}

static int says_oom(const char *errpath)
{
    FILE *f = fopen(errpath, "r");
    if (!f)
        return 0;
    char line[1024];
    int found = 0;
    while (fgets(line, sizeof line, f))
        if (strstr(line, "out of memory"))
            found = 1;
    fclose(f);
    return found;
}

int main(int argc, char **argv)
{
    long stride = 1, only = 0;
    int a = 1;
    if (a + 1 < argc && strcmp(argv[a], "-s") == 0) {
        stride = strtol(argv[a + 1], NULL, 10);
        a += 2;
    } else if (a + 1 < argc && strcmp(argv[a], "-n") == 0) {
        only = strtol(argv[a + 1], NULL, 10);
        a += 2;
    }
    if (argc - a < 3 || strcmp(argv[a + 1], "--") != 0 || stride < 1) {
        fprintf(stderr, "usage: ceo-oom [-s STRIDE] OUTDIR -- COMMAND [ARGS...]\n");
        return 2;
    }
    const char *outdir = argv[a];
    int cargc = argc - a - 1; /* "--" stands in for the program name */
    char **cargv = argv + a + 1;
    char errpath[4096], name[256];
    snprintf(errpath, sizeof errpath, "%s.stderr", outdir);

    if (only > 0) {
        int status = run(only, cargc, cargv, errpath, NULL);
        char line[1024];
        FILE *f = fopen(errpath, "r");
        while (f && fgets(line, sizeof line, f))
            fputs(line, stderr);
        if (f)
            fclose(f);
        unlink(errpath);
        printf("status 0x%x\n", status);
        return 0;
    }
    /* Counted with failures armed but never reached: a run with a failure armed stays on one
     * thread where a normal run would draw or parse on several (ceo_alloc_failing), and may
     * make fewer allocations; N beyond its count would fail nothing. */
    long total = 0;
    int st = run(LONG_MAX, cargc, cargv, errpath, &total);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || total <= 0) {
        printf("FAIL %s: the run without failures did not succeed (status %d)\n", cargv[1], st);
        return 1;
    }
    clear_dir(outdir);
    long runs = 0, wrong = 0;
    for (long n = 1; n <= total; n += stride) {
        st = run(n, cargc, cargv, errpath, NULL);
        runs++;
        const char *why = NULL;
        if (WIFSIGNALED(st))
            why = "killed by a signal";
        else if (!WIFEXITED(st) || WEXITSTATUS(st) != 1)
            why = "exit status other than 1 (23: a leak)";
        else if (!says_oom(errpath))
            why = "no 'out of memory' message";
        else if (!dir_empty(outdir, name, sizeof name))
            why = "an output file was left behind";
        if (why) {
            if (++wrong <= 5)
                fprintf(stderr, "  %s: allocation %ld of %ld failing: %s (status 0x%x)%s%s\n",
                        cargv[1], n, total, why, st, name[0] ? ": " : "", name[0] ? name : "");
            name[0] = '\0';
            clear_dir(outdir);
        }
    }
    unlink(errpath);
    printf("%s %s: %ld allocations, %ld runs with one failing, %ld wrong\n", wrong ? "FAIL" : "ok",
           cargv[1], total, runs, wrong);
    return wrong ? 1 : 0;
}
