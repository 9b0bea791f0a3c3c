/*
 * output.c - atomic output: write a temporary file beside the target, fsync, rename.
 *
 * The temporary file lives in the target's own folder so that rename() stays within one file
 * system (an atomic replace); its name starts with '.' and ends in a random suffix from
 * mkstemp, so concurrent runs never share one.
 *
 * A target that is not a regular file (a character device such as /dev/null, a FIFO, a
 * terminal) cannot be replaced and must not be: it is opened and written in place, with
 * nothing to sync or rename. /dev/stdout, /dev/fd/1 and /proc/self/fd/1 are standard output
 * itself. A symbolic link is followed to its final target, which is replaced atomically, so the
 * link stays a link.
 *
 * While a temporary file exists its name is in a fixed table of atomic pointers, so that a
 * signal handler can remove every one (ceo_out_remove_temporaries) without locks or allocation:
 * the name is entered right after mkstemp and taken out only after the rename or unlink.
 */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Outputs open at once: ceo report holds one per report until all are committed. A temporary
 * beyond this many is not removed on a signal. */
#define MAX_TEMPORARIES 4096

static _Atomic(char *) temporaries[MAX_TEMPORARIES];

static void remember(char *tmp)
{
    for (size_t i = 0; i < MAX_TEMPORARIES; i++) {
        char *none = NULL;
        if (atomic_compare_exchange_strong(&temporaries[i], &none, tmp))
            return;
    }
}

static void forget(const char *tmp)
{
    for (size_t i = 0; tmp && i < MAX_TEMPORARIES; i++)
        if (atomic_load(&temporaries[i]) == tmp) {
            atomic_store(&temporaries[i], NULL);
            return;
        }
}

void ceo_out_remove_temporaries(void)
{
    for (size_t i = 0; i < MAX_TEMPORARIES; i++) {
        char *tmp = atomic_load(&temporaries[i]);
        if (tmp)
            unlink(tmp);
    }
}

struct ceo_out {
    FILE *fp;
    char *path, *tmp;
    int synced;   /* ceo_out_sync done: commit only closes and renames */
    int in_place; /* not a regular file: written where it is, never renamed */
};

/* The file a chain of symbolic links ends at (which need not exist yet), in a new string, or
 * NULL when out of memory or, with *loop set, after 40 links. */
static char *link_target(const char *path, int *loop)
{
    *loop = 0;
    char *cur = ceo_strdup(path);
    for (int hops = 0; cur && hops < 40; hops++) {
        struct stat sb;
        if (lstat(cur, &sb) != 0 || !S_ISLNK(sb.st_mode))
            return cur;
        char buf[4096];
        ssize_t n = readlink(cur, buf, sizeof buf - 1);
        if (n < 0)
            return cur;
        buf[n] = 0;
        const char *slash = strrchr(cur, '/');
        size_t dl = buf[0] == '/' || !slash ? 0 : (size_t)(slash - cur) + 1;
        char *next = ceo_malloc(dl + (size_t)n + 1);
        if (next)
            snprintf(next, dl + (size_t)n + 1, "%.*s%s", (int)dl, cur, buf);
        ceo_free(cur);
        cur = next;
    }
    *loop = cur != NULL;
    ceo_free(cur);
    return NULL;
}

static int is_stdout(const char *path)
{
    return !path || strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0 ||
           strcmp(path, "/dev/fd/1") == 0 || strcmp(path, "/proc/self/fd/1") == 0;
}

/* The umask can only be read by setting it. Outputs are opened on several threads at once
 * (ceo report), so setting and restoring it is one step; a file created meanwhile by
 * mkstemp is 0600 whatever the mask. */
static mode_t current_umask(void)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&lock);
    mode_t mask = umask(0);
    umask(mask);
    pthread_mutex_unlock(&lock);
    return mask;
}

static ceo_out *open_out(const char *path, int private, ceo_error *err)
{
    ceo_out *o = ceo_calloc(1, sizeof *o);
    if (!o) {
        ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    if (is_stdout(path)) {
        o->fp = stdout;
        return o;
    }
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
        o->in_place = 1;
        int fd = -1;
        if (!(o->path = ceo_strdup(path)))
            ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        else if ((fd = open(path, O_WRONLY | O_NOCTTY)) < 0 || !(o->fp = fdopen(fd, "wb")))
            ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot write: %s", strerror(errno));
        if (!o->fp) {
            if (fd >= 0)
                close(fd);
            ceo_out_abort(o);
            return NULL;
        }
        return o;
    }
    int loop;
    o->path = link_target(path, &loop);
    if (!o->path) {
        if (loop)
            ceo_error_set(err, CEO_EIO, path, 0, 0, "too many symbolic links");
        else
            ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        ceo_out_abort(o);
        return NULL;
    }
    path = o->path;
    size_t n = strlen(path);
    o->tmp = ceo_malloc(n + 16);
    if (!o->tmp) {
        ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        ceo_out_abort(o);
        return NULL;
    }
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(o->tmp, n + 16, "%.*s.%s.XXXXXX", (int)dl, path, path + dl);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot write here: %s", strerror(errno));
        ceo_free(o->tmp);
        o->tmp = NULL;
        ceo_out_abort(o);
        return NULL;
    }
    remember(o->tmp);
    /* mkstemp makes the file 0600, which a file of personal data keeps whatever the umask (and
     * a re-run keeps, as the new file replaces the old); any other output is an ordinary
     * file. */
    if (!private)
        (void)fchmod(fd, 0666 & ~current_umask());
    o->fp = fdopen(fd, "wb");
    if (!o->fp) {
        close(fd);
        ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot write: %s", strerror(errno));
        ceo_out_abort(o);
        return NULL;
    }
    return o;
}

ceo_out *ceo_out_open(const char *path, ceo_error *err)
{
    return open_out(path, 0, err);
}

ceo_out *ceo_out_open_private(const char *path, ceo_error *err)
{
    return open_out(path, 1, err);
}

FILE *ceo_out_file(ceo_out *o)
{
    return o->fp;
}

ceo_status ceo_out_check(ceo_out *o, ceo_error *err)
{
    errno = 0;
    if (fflush(o->fp) == 0 && !ferror(o->fp))
        return CEO_OK;
    /* the flush retries the failed write, so errno is its reason, not a stale one */
    return ceo_error_set(err, CEO_EIO, o->fp == stdout ? "(standard output)" : o->path, 0, 0,
                         "write error: %s", strerror(errno ? errno : EIO));
}

ceo_status ceo_out_sync(ceo_out *o, ceo_error *err)
{
    if (o->fp == stdout)
        return CEO_OK;
    if (fflush(o->fp) != 0 || ferror(o->fp) || (!o->in_place && fsync(fileno(o->fp)) != 0))
        return ceo_error_set(err, CEO_EIO, o->path, 0, 0, "write error: %s", strerror(errno));
    o->synced = 1;
    return CEO_OK;
}

ceo_status ceo_out_commit(ceo_out *o, ceo_error *err)
{
    ceo_status st = CEO_OK;
    if (o->fp == stdout) {
        if (fflush(stdout) != 0 || ferror(stdout))
            st = ceo_error_set(err, CEO_EIO, "(standard output)", 0, 0, "write error: %s",
                               strerror(errno));
        ceo_free(o);
        return st;
    }
    if (!o->synced && ceo_out_sync(o, err) != CEO_OK)
        st = CEO_EIO;
    if (fclose(o->fp) != 0 && st == CEO_OK)
        st = ceo_error_set(err, CEO_EIO, o->path, 0, 0, "write error: %s", strerror(errno));
    o->fp = NULL;
    if (st == CEO_OK && !o->in_place && rename(o->tmp, o->path) != 0)
        st = ceo_error_set(err, CEO_EIO, o->path, 0, 0, "cannot replace: %s", strerror(errno));
    if (st != CEO_OK) {
        ceo_out_abort(o);
        return st;
    }
    forget(o->tmp);
    ceo_free(o->tmp);
    ceo_free(o->path);
    ceo_free(o);
    return CEO_OK;
}

void ceo_out_abort(ceo_out *o)
{
    if (!o)
        return;
    if (o->fp && o->fp != stdout)
        fclose(o->fp);
    if (o->tmp)
        unlink(o->tmp);
    forget(o->tmp);
    ceo_free(o->tmp);
    ceo_free(o->path);
    ceo_free(o);
}
