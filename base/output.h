/*
 * output.h - output files that are never half-written.
 *
 * Lifecycle: ceo_out_open(path) -> write to ceo_out_file() -> optionally ceo_out_sync() ->
 * ceo_out_commit() or ceo_out_abort().
 * The data goes to a temporary file in the target's folder and is renamed over the target
 * only on commit, so readers see the old file or the whole new one. A NULL or "-" path (or
 * /dev/stdout, /dev/fd/1) writes to standard output (commit flushes it). A symbolic link is
 * followed and its target replaced; a target that is not a regular file (a device, a FIFO) is
 * written in place.
 */
#ifndef CEO_OUTPUT_H
#define CEO_OUTPUT_H

#include <stdio.h>

#include "base.h"

typedef struct ceo_out ceo_out;

/* The new file follows the umask, as any file a program creates. */
ceo_out *ceo_out_open(const char *path, ceo_error *err);
/* For a file holding personal data (the follow-up list, the comments, the coded dump): the new
 * file is 0600 whatever the umask and whatever the old file's mode (a device or FIFO written in
 * place keeps its own). */
ceo_out *ceo_out_open_private(const char *path, ceo_error *err);
FILE *ceo_out_file(ceo_out *o);
/* Flushes what was written so far and returns CEO_OK, or CEO_EIO with the path (or "(standard
 * output)") and the system's reason when any of it could not be written: lets a writer tell its
 * caller of a write error (a full disk, /dev/full) before anything is committed. o stays open
 * either way; on failure, abort it. */
ceo_status ceo_out_check(ceo_out *o, ceo_error *err);
/* Flushes and syncs the data written so far, so that a later commit only renames: lets the
 * thread that wrote a file wait for the disk, not the one that commits all files at the end.
 * Optional; on failure, abort o. */
ceo_status ceo_out_sync(ceo_out *o, ceo_error *err);
/* Flushes, syncs (unless ceo_out_sync did) and renames; frees o. On failure the target is
 * untouched. */
ceo_status ceo_out_commit(ceo_out *o, ceo_error *err);
/* Removes the temporary file; frees o. Accepts NULL. */
void ceo_out_abort(ceo_out *o);

/* Removes the temporary file of every output neither committed nor aborted, and nothing else:
 * async-signal-safe (only unlink), for a handler of SIGINT, SIGTERM or SIGHUP, after which the
 * program must end. */
void ceo_out_remove_temporaries(void);

#endif
