/*
 * store.h - the batch store for continuous measurement, an SQLite file (storedb.c is the
 * adapter; storepriv.h says which file does what).
 *
 * Lifecycle: sv_store_open(path) -> add batches, list, remove, verify, read the current answers
 * into a survey table, mark follow-up cases handed out -> sv_store_close().
 *
 * A store holds batches (file name, content hash, time added, counts, codebook version) and,
 * per batch, the answers of its respondents in coded form (item and category ids, so a store
 * outlives codebook edits). A respondent is known by respondent_id (or, without one, by the
 * hash of the answers and which of the file's rows with those answers it is). The current answer of
 * a respondent is the one with the latest date, then the latest batch; removing a batch brings back
 * what it replaced. Each add is one transaction: a store holds all of a batch or none of it. WAL
 * journal, and a busy timeout so that two runs at once wait for each other instead of failing.
 */
#ifndef CEO_STORE_H
#define CEO_STORE_H

#include <stddef.h>

#include "survey.h"

typedef struct sv_store sv_store;

/* Told before a store of an older schema is converted (once; it rewrites every answer, some
 * 36 s for a million), so the caller can say why the store takes a while to open. */
typedef void (*sv_store_converting)(void *data, const char *path, int from, int to);

/* How a store is opened: to read only (list, verify, read answers: no write access to the file
 * or its folder needed, unless an older schema must be converted first), to write (add, remove,
 * mark handed out), or to write and create it when missing. */
typedef enum { SV_STORE_READ, SV_STORE_WRITE, SV_STORE_CREATE } sv_store_mode;

/* Opens the store at path, creating it with SV_STORE_CREATE (CEO_EIO "no such store" otherwise),
 * and brings an older schema up to date, calling converting (when not NULL) first. A file that
 * is not a ceo store, a damaged one, or one made by a newer ceo is CEO_EDATA naming the file.
 * A store opened with SV_STORE_READ must only be read. */
sv_store *sv_store_open(const char *path, sv_store_mode mode, sv_store_converting converting,
                        void *data, ceo_error *err);
void sv_store_close(sv_store *s);

/* Lets a store opened with SV_STORE_READ be read through a memory map (SQLite's mmap): SQLite
 * then takes its pages from the map instead of copying each with a read, a third faster on a
 * large store. An input/output error in the file, or the file cut short by another program
 * while it is read, then comes as SIGBUS instead of an error: a program calls this only when
 * it catches SIGBUS and reports sv_store_mapped_path() (cli/main.c). One store at a time. */
void sv_store_allow_map(void);
/* The path of the store being read through its map, or NULL; safe in a signal handler. */
const char *sv_store_mapped_path(void);

/* The schema version this build writes. */
int sv_store_schema(void);

typedef struct {
    long batch;       /* the id given to the batch; the earlier id when already == 1 */
    int already;      /* the same file (content hash) was added before: nothing was added */
    long respondents; /* rows in the table, less the ones skipped */
    long added;       /* respondents new to the store */
    long unchanged;   /* already stored with the same answers (an overlapping export) */
    long replaced;    /* answered again: this answer is the later one and counts now */
    long older;       /* answered again, but the stored answer is later and keeps counting */
    char **twice;     /* respondent ids of replaced and older, up to 20 */
    size_t ntwice;
} sv_store_added;

void sv_store_added_free(sv_store_added *a);

/* Progress of a long add: called now and then with rows done and the total. */
typedef void (*sv_store_progress)(void *data, size_t done, size_t total);

/* Adds the respondents of t (read from file, whose bytes hash to sha256) in one transaction.
 * t must keep text (SV_KEEP_TEXT) so respondent ids, open answers and contact fields are
 * stored. codebook: a description of the codebook version (stored with the batch). skip:
 * nskip table rows, ascending, that are left out (NULL and 0 for none). */
ceo_status sv_store_add(sv_store *s, const sv_table *t, const char *file, const char *sha256,
                        const char *codebook, const size_t *skip, size_t nskip,
                        sv_store_progress progress, void *data, sv_store_added *out,
                        ceo_error *err);

typedef struct {
    long id;
    char file[512];
    char sha256[65];
    char added[32];                         /* UTC, ISO 8601 */
    long respondents, new_answers, current; /* rows; answers it stored; of those now counting */
    char codebook[256];
} sv_store_batch;

/* The batches in order of id; *out freed with ceo_free. */
ceo_status sv_store_batches(sv_store *s, sv_store_batch **out, size_t *n, ceo_error *err);

/* Removes batch id and its answers (answers it replaced count again). CEO_EDATA when there is
 * no such batch. *removed receives the number of answers removed. */
ceo_status sv_store_remove(sv_store *s, long id, long *removed, ceo_error *err);

/* Checks the database (SQLite's integrity check) and the store's own invariants (every answer
 * belongs to a batch, the counts of each batch, the schema version). Returns CEO_OK, or
 * CEO_EDATA with the first problem in err. */
ceo_status sv_store_verify(sv_store *s, ceo_error *err);

/* Appends the current answers of every respondent to t, those dated in the months from..to
 * (YYYYMM, 0 for open ends; undated answers only when both are 0). *skipped counts stored
 * values the codebook no longer has. */
ceo_status sv_store_read(sv_store *s, sv_table *t, int from, int to, long *read, long *skipped,
                         ceo_error *err);

/* As sv_store_read, and *rids (when not NULL) receives the respondent id under which each row
 * appended is stored, *read of them, in the order of the rows: the respondent_id, or for a row
 * without one "#" and the hash of its answers (and ".N" for the Nth equal row of its file).
 * Freed with sv_store_ids_free(*rids, *read); NULL on error. */
ceo_status sv_store_read_ids(sv_store *s, sv_table *t, int from, int to, long *read, long *skipped,
                             char ***rids, ceo_error *err);
void sv_store_ids_free(char **rids, size_t n);

/* The month (YYYYMM) of the latest dated answer, 0 when none. */
int sv_store_last_month(sv_store *s, ceo_error *err);

/* Follow-up: whether a respondent was handed out before (1/0, -1 on error), and marking them,
 * inside a transaction begun with sv_store_begin and ended by sv_store_commit (or
 * sv_store_rollback). */
int sv_store_handed(sv_store *s, const char *respondent, ceo_error *err);
ceo_status sv_store_begin(sv_store *s, ceo_error *err);
/* A new numbered list (name: the file it was written to) for the marks that follow; *id its
 * number, as sv_store_undo_list takes it. Inside the transaction. */
ceo_status sv_store_new_list(sv_store *s, const char *name, long *id, ceo_error *err);
/* Marks respondent handed out in list (an id from sv_store_new_list; 0 for none). */
ceo_status sv_store_mark_handed(sv_store *s, const char *respondent, long list, const char *name,
                                ceo_error *err);
ceo_status sv_store_commit(sv_store *s, ceo_error *err);
void sv_store_rollback(sv_store *s);

/* The follow-up outcomes a team records per respondent handed out (the tables are made on the
 * first write; a store without them has none). Each call is one transaction. */
typedef enum {
    SV_OUTCOME_REACHED = 1, /* bereikt: spoken to, the interview still to be held */
    SV_OUTCOME_NOT_REACHED, /* niet_bereikt: to try again */
    SV_OUTCOME_INTERVIEW,   /* gesprek_gehad: done */
    SV_OUTCOME_REFUSED      /* geweigerd: done, not to be called again */
} sv_outcome;

/* The Dutch id of an outcome ("bereikt"), and the outcome of an id (0 when none). */
const char *sv_outcome_id(sv_outcome o);
sv_outcome sv_outcome_parse(const char *id);

/* Records an outcome for a respondent handed out before (CEO_EDATA when not, about
 * SV_ABOUT_HANDED_OUT: the caller can say how respondents are handed out), dated date
 * (YYYY-MM-DD), with a note (may be empty). */
#define SV_ABOUT_HANDED_OUT "handed-out"
ceo_status sv_store_record_outcome(sv_store *s, const char *respondent, sv_outcome o,
                                   const char *date, const char *note, ceo_error *err);

typedef struct {
    char rid[256];
    long list; /* 0: handed out before lists were numbered */
    char list_name[256];
    char handed[32]; /* UTC, ISO 8601 */
    long attempts;   /* outcomes recorded */
    sv_outcome last; /* 0: none yet */
    char last_date[16];
    char last_note[512];
} sv_store_followup;

/* Every respondent handed out, in order of list and respondent id, with the latest outcome
 * (by date, then as recorded). *out freed with ceo_free. */
ceo_status sv_store_followups(sv_store *s, sv_store_followup **out, size_t *n, ceo_error *err);

typedef struct {
    long id;
    char name[256];
    char at[32];
    long handed, with_outcome; /* respondents in it; of those with an outcome recorded */
} sv_store_list;

/* The numbered lists, in order. *out freed with ceo_free. */
ceo_status sv_store_lists(sv_store *s, sv_store_list **out, size_t *n, ceo_error *err);

/* Undoes list id: its respondents count as not handed out again (the next flag --new lists
 * them). Refused (CEO_EDATA) when the list does not exist or an outcome is recorded for one of
 * its respondents, since someone was called then. *undone: respondents released. */
ceo_status sv_store_undo_list(sv_store *s, long id, long *undone, ceo_error *err);

#endif
