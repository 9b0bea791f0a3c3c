/*
 * storefollow.c - the follow-up bookkeeping of a store: which respondents were handed out (and
 * in which numbered list), the outcomes a team records for them, and undoing a list.
 */
#include "storepriv.h"

#include <stdio.h>
#include <string.h>

int sv_store_handed(sv_store *s, const char *respondent, ceo_error *err)
{
    sv_stmt *q = sv_db_prepare(s, "SELECT 1 FROM handed WHERE rid = ?1", err);
    if (!q)
        return -1;
    sv_db_bind_text(q, 1, respondent);
    int r = sv_db_step(q);
    if (r < 0)
        sv_db_error(s, err, "cannot read the store");
    sv_db_finalize(q);
    return r;
}

ceo_status sv_store_begin(sv_store *s, ceo_error *err)
{
    return sv_db_exec(s, "BEGIN IMMEDIATE", err, "cannot write the store");
}

/* The follow-up tables, made on the first write that needs them (no schema conversion: a
 * store without them simply has no numbered lists and no outcomes). handouts says which list
 * handed a respondent out; handed (schema 1) keeps who and when. */
#define FOLLOWUP_SQL                                                                               \
    "CREATE TABLE IF NOT EXISTS lists(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,"   \
    " at TEXT NOT NULL);"                                                                          \
    "CREATE TABLE IF NOT EXISTS handouts(rid TEXT PRIMARY KEY, list INTEGER NOT NULL);"            \
    "CREATE INDEX IF NOT EXISTS handouts_list ON handouts(list);"                                  \
    "CREATE TABLE IF NOT EXISTS outcomes(id INTEGER PRIMARY KEY, rid TEXT NOT NULL,"               \
    " outcome TEXT NOT NULL, datum TEXT NOT NULL, note TEXT NOT NULL, recorded TEXT NOT NULL);"    \
    "CREATE INDEX IF NOT EXISTS outcomes_rid ON outcomes(rid);"

static ceo_status followup_tables(sv_store *s, ceo_error *err)
{
    return sv_db_exec(s, FOLLOWUP_SQL, err, "cannot write the store");
}

/* Whether the follow-up tables exist (a reader must not make them): 1, 0, or -1 on error. */
static int has_followup(sv_store *s, ceo_error *err)
{
    char v[32];
    if (sv_db_query_text(
            s, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'outcomes'", v,
            sizeof v, err))
        return -1;
    return sv_db_long(v) > 0;
}

/* Runs the one-statement sql with text and number parameters (NULL ends texts); CEO_OK. */
static ceo_status run_sql(sv_store *s, const char *sql, const char *const *texts, long number,
                          ceo_error *err)
{
    sv_stmt *q = sv_db_prepare(s, sql, err);
    if (!q)
        return err ? err->code : CEO_EDATA;
    int k = 1;
    for (; texts && texts[k - 1]; k++)
        sv_db_bind_text(q, k, texts[k - 1]);
    if (sv_db_params(q) >= k)
        sv_db_bind_int(q, k, number);
    ceo_status st = sv_db_step(q) == 0 ? CEO_OK : sv_db_error(s, err, "cannot write the store");
    sv_db_finalize(q);
    return st;
}

ceo_status sv_store_new_list(sv_store *s, const char *name, long *id, ceo_error *err)
{
    char at[32];
    sv_store_now(at);
    const char *texts[] = {name ? name : "", at, NULL};
    ceo_status st = followup_tables(s, err);
    if (!st)
        st = run_sql(s, "INSERT INTO lists(name, at) VALUES(?1, ?2)", texts, 0, err);
    *id = st ? 0 : (long)sv_db_last_id(s);
    return st;
}

ceo_status sv_store_mark_handed(sv_store *s, const char *respondent, long list, const char *name,
                                ceo_error *err)
{
    sv_stmt *q =
        sv_db_prepare(s, "INSERT OR IGNORE INTO handed(rid, at, list) VALUES(?1, ?2, ?3)", err);
    if (!q)
        return err ? err->code : CEO_EDATA;
    char at[32];
    sv_store_now(at);
    sv_db_bind_text(q, 1, respondent);
    sv_db_bind_text(q, 2, at);
    sv_db_bind_text(q, 3, name ? name : "");
    int rc = sv_db_step(q);
    int added = sv_db_changes(s) > 0;
    ceo_status st = rc == 0 ? CEO_OK : sv_db_error(s, err, "cannot write the store");
    sv_db_finalize(q);
    const char *texts[] = {respondent, NULL};
    if (!st && added && list > 0)
        st = run_sql(s, "INSERT OR REPLACE INTO handouts(rid, list) VALUES(?1, ?2)", texts, list,
                     err);
    return st;
}

static const char *const outcome_ids[] = {NULL, "bereikt", "niet_bereikt", "gesprek_gehad",
                                          "geweigerd"};

const char *sv_outcome_id(sv_outcome o)
{
    return o >= SV_OUTCOME_REACHED && o <= SV_OUTCOME_REFUSED ? outcome_ids[o] : "";
}

sv_outcome sv_outcome_parse(const char *id)
{
    for (int o = SV_OUTCOME_REACHED; o <= SV_OUTCOME_REFUSED; o++)
        if (strcmp(id, outcome_ids[o]) == 0)
            return (sv_outcome)o;
    return (sv_outcome)0;
}

ceo_status sv_store_record_outcome(sv_store *s, const char *respondent, sv_outcome o,
                                   const char *date, const char *note, ceo_error *err)
{
    ceo_status st = sv_db_exec(s, "BEGIN IMMEDIATE", err, "cannot write the store");
    if (st)
        return st;
    int h = sv_store_handed(s, respondent, err);
    if (h < 0)
        st = err ? err->code : CEO_EIO;
    else if (!h)
        st = ceo_error_set_about(err, SV_ABOUT_HANDED_OUT, CEO_EDATA, s->path, 0, 0,
                                 "respondent '%s' was never handed out", respondent);
    char at[32];
    sv_store_now(at);
    const char *texts[] = {respondent, sv_outcome_id(o), date, note ? note : "", at, NULL};
    if (!st)
        st = followup_tables(s, err);
    if (!st)
        st = run_sql(s,
                     "INSERT INTO outcomes(rid, outcome, datum, note, recorded)"
                     " VALUES(?1, ?2, ?3, ?4, ?5)",
                     texts, 0, err);
    if (!st)
        st = sv_db_exec(s, "COMMIT", err, "cannot write the store");
    if (st)
        sv_store_rollback(s);
    return st;
}

static int followup_row(sv_stmt *q, void *elem, void *data)
{
    sv_store_followup *f = elem;
    (void)data;
    sv_db_copy(f->rid, sizeof f->rid, q, 0);
    f->list = (long)sv_db_int(q, 1);
    sv_db_copy(f->list_name, sizeof f->list_name, q, 2);
    sv_db_copy(f->handed, sizeof f->handed, q, 3);
    f->attempts = (long)sv_db_int(q, 4);
    const char *o = sv_db_text(q, 5);
    f->last = o ? sv_outcome_parse(o) : (sv_outcome)0;
    sv_db_copy(f->last_date, sizeof f->last_date, q, 6);
    sv_db_copy(f->last_note, sizeof f->last_note, q, 7);
    return 0;
}

ceo_status sv_store_followups(sv_store *s, sv_store_followup **out, size_t *n, ceo_error *err)
{
    *out = NULL;
    *n = 0;
    int tables = has_followup(s, err);
    if (tables < 0)
        return err ? err->code : CEO_EDATA;
    /* the latest outcome: by its date, then the one recorded last */
    sv_stmt *q = sv_db_prepare(
        s,
        tables ? "SELECT h.rid, coalesce(l.id, 0), coalesce(l.name, h.list), h.at,"
                 " (SELECT count(*) FROM outcomes o WHERE o.rid = h.rid), o.outcome, o.datum,"
                 " o.note FROM handed h LEFT JOIN handouts u ON u.rid = h.rid"
                 " LEFT JOIN lists l ON l.id = u.list"
                 " LEFT JOIN outcomes o ON o.id = (SELECT id FROM outcomes x WHERE x.rid = h.rid"
                 " ORDER BY x.datum DESC, x.id DESC LIMIT 1)"
                 " ORDER BY coalesce(l.id, 0), h.rid"
               : "SELECT rid, 0, list, at, 0, NULL, NULL, NULL FROM handed ORDER BY rid",
        err);
    return sv_db_rows(s, q, sizeof **out, followup_row, NULL, NULL, (void **)out, n,
                      "cannot read the store", err);
}

static int list_row(sv_stmt *q, void *elem, void *data)
{
    sv_store_list *l = elem;
    (void)data;
    l->id = (long)sv_db_int(q, 0);
    sv_db_copy(l->name, sizeof l->name, q, 1);
    sv_db_copy(l->at, sizeof l->at, q, 2);
    l->handed = (long)sv_db_int(q, 3);
    l->with_outcome = (long)sv_db_int(q, 4);
    return 0;
}

ceo_status sv_store_lists(sv_store *s, sv_store_list **out, size_t *n, ceo_error *err)
{
    *out = NULL;
    *n = 0;
    int tables = has_followup(s, err);
    if (tables <= 0)
        return tables < 0 ? (err ? err->code : CEO_EDATA) : CEO_OK;
    sv_stmt *q = sv_db_prepare(
        s,
        "SELECT l.id, l.name, l.at, (SELECT count(*) FROM handouts u WHERE u.list = l.id),"
        " (SELECT count(DISTINCT u.rid) FROM handouts u JOIN outcomes o ON o.rid = u.rid"
        " WHERE u.list = l.id) FROM lists l ORDER BY l.id",
        err);
    return sv_db_rows(s, q, sizeof **out, list_row, NULL, NULL, (void **)out, n,
                      "cannot read the store", err);
}

ceo_status sv_store_undo_list(sv_store *s, long id, long *undone, ceo_error *err)
{
    *undone = 0;
    ceo_status st = sv_db_exec(s, "BEGIN IMMEDIATE", err, "cannot write the store");
    if (st)
        return st;
    char v[64], sql[256];
    st = followup_tables(s, err);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM lists WHERE id = %ld", id);
    if (!st && sv_db_query_text(s, sql, v, sizeof v, err))
        st = err ? err->code : CEO_EDATA;
    if (!st && sv_db_long(v) == 0)
        st = ceo_error_set(err, CEO_EDATA, s->path, 0, 0, "the store has no list %ld", id);
    snprintf(sql, sizeof sql,
             "SELECT count(DISTINCT u.rid) FROM handouts u JOIN outcomes o ON o.rid = u.rid"
             " WHERE u.list = %ld",
             id);
    if (!st && sv_db_query_text(s, sql, v, sizeof v, err))
        st = err ? err->code : CEO_EDATA;
    if (!st && sv_db_long(v) > 0)
        st = ceo_error_set(err, CEO_EDATA, s->path, 0, 0,
                           "list %ld cannot be undone: an outcome is recorded for %ld of its "
                           "respondents",
                           id, sv_db_long(v));
    if (!st)
        st =
            run_sql(s, "DELETE FROM handed WHERE rid IN (SELECT rid FROM handouts WHERE list = ?1)",
                    NULL, id, err);
    if (!st)
        *undone = (long)sv_db_changes(s);
    if (!st)
        st = run_sql(s, "DELETE FROM handouts WHERE list = ?1", NULL, id, err);
    if (!st)
        st = run_sql(s, "DELETE FROM lists WHERE id = ?1", NULL, id, err);
    if (!st)
        st = sv_db_exec(s, "COMMIT", err, "cannot write the store");
    if (st) {
        sv_store_rollback(s);
        *undone = 0;
    }
    return st;
}

ceo_status sv_store_commit(sv_store *s, ceo_error *err)
{
    return sv_db_exec(s, "COMMIT", err, "cannot write the store");
}

void sv_store_rollback(sv_store *s)
{
    sv_db_rollback(s);
}
