/*
 * output.c - atomic output: write a temporary file beside the target, fsync, rename.
 *
 * The temporary file lives in the target's own folder so that rename() stays within one file
 * system (an atomic replace); its name starts with '.' and ends in a random suffix from
 * mkstemp, so concurrent runs never share one.
 */
#include "output.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct rp_out {
    FILE *fp;
    char *path, *tmp;
    int synced; /* rp_out_sync done: commit only closes and renames */
};

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

rp_out *rp_out_open(const char *path, ceo_error *err)
{
    rp_out *o = ceo_calloc(1, sizeof *o);
    if (!o) {
        ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return o;
    }
    size_t n = strlen(path);
    o->path = ceo_strdup(path);
    o->tmp = ceo_malloc(n + 16);
    if (!o->path || !o->tmp) {
        ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        rp_out_abort(o);
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
        rp_out_abort(o);
        return NULL;
    }
    /* mkstemp makes the file 0600; an output is an ordinary file. */
    mode_t mask = current_umask();
    (void)fchmod(fd, 0666 & ~mask);
    o->fp = fdopen(fd, "wb");
    if (!o->fp) {
        close(fd);
        ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot write: %s", strerror(errno));
        rp_out_abort(o);
        return NULL;
    }
    return o;
}

FILE *rp_out_file(rp_out *o)
{
    return o->fp;
}

ceo_status rp_out_sync(rp_out *o, ceo_error *err)
{
    if (o->fp == stdout)
        return CEO_OK;
    if (fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0)
        return ceo_error_set(err, CEO_EIO, o->path, 0, 0, "write error: %s", strerror(errno));
    o->synced = 1;
    return CEO_OK;
}

ceo_status rp_out_commit(rp_out *o, ceo_error *err)
{
    ceo_status st = CEO_OK;
    if (o->fp == stdout) {
        if (fflush(stdout) != 0 || ferror(stdout))
            st = ceo_error_set(err, CEO_EIO, "(standard output)", 0, 0, "write error: %s",
                               strerror(errno));
        ceo_free(o);
        return st;
    }
    if (!o->synced && rp_out_sync(o, err) != CEO_OK)
        st = CEO_EIO;
    if (fclose(o->fp) != 0 && st == CEO_OK)
        st = ceo_error_set(err, CEO_EIO, o->path, 0, 0, "write error: %s", strerror(errno));
    o->fp = NULL;
    if (st == CEO_OK && rename(o->tmp, o->path) != 0)
        st = ceo_error_set(err, CEO_EIO, o->path, 0, 0, "cannot replace: %s", strerror(errno));
    if (st != CEO_OK) {
        rp_out_abort(o);
        return st;
    }
    ceo_free(o->tmp);
    ceo_free(o->path);
    ceo_free(o);
    return CEO_OK;
}

void rp_out_abort(rp_out *o)
{
    if (!o)
        return;
    if (o->fp && o->fp != stdout)
        fclose(o->fp);
    if (o->tmp)
        unlink(o->tmp);
    ceo_free(o->tmp);
    ceo_free(o->path);
    ceo_free(o);
}
