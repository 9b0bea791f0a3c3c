/*
 * platform.c - what the survey platform made of the export: how many header rows, which
 * platform wrote it, and its metadata columns.
 *
 * Decided from the buffered first records only, by content, never by the file name. The
 * metadata columns (Qualtrics' Status, Finished and Progress; LimeSurvey's submitdate; SoSci
 * Survey's FINISHED and MODE) are looked for only on the platform that writes them; their
 * cells then say per data record whether the response is a preview, a test or spam (left out)
 * or partial, imported or of a status ceo does not know (kept, counted in the report).
 */
#include <math.h>
#include <string.h>

#include "readpriv.h"

/* ---------- header rows and platform ---------- */

/* Qualtrics' third header row: {"ImportId":"QID4_1"}, or in older exports a bare QID4_1. */
int sv_rd_import_id(const sv_field *f)
{
    if (f->len >= 12 && memcmp(f->data, "{\"ImportId\"", 11) == 0)
        return 1;
    if (f->len < 4 || memcmp(f->data, "QID", 3) != 0 || f->data[3] < '0' || f->data[3] > '9')
        return 0;
    for (size_t i = 4; i < f->len; i++)
        if (!((f->data[i] >= '0' && f->data[i] <= '9') || f->data[i] == '_' ||
              (f->data[i] >= 'A' && f->data[i] <= 'Z') || (f->data[i] >= 'a' && f->data[i] <= 'z')))
            return 0;
    return 1;
}

int sv_rd_sm_marker(const char *p, size_t n)
{
    return sv_rd_eq_ci(p, n, "response") || sv_rd_eq_ci(p, n, "open-ended response");
}

/* Whether column j holds nothing but blanks and the value f in the buffered records after r:
 * a column per option, where each row that chose the option repeats its label. */
static int option_column(const rstate *s, size_t r, size_t j, const sv_field *f)
{
    for (size_t k = r + 1; k < s->nrecs; k++) {
        sv_field g = sv_rd_field(s, k, j);
        if (!sv_is_blank(g.data, g.len) &&
            !(g.len == f->len && memcmp(g.data, f->data, f->len) == 0))
            return 0;
    }
    return 1;
}

/* Whether buffered record r (r >= 1) is another header row rather than the first data row:
 * header cells are texts that never recur below; data cells are numbers, dates, known
 * answers, or values that recur in the rows below. A row that starts with an empty cell
 * under a named first column is SurveyMonkey's second header row when it names the options
 * of columns per option (its expanded export: each row that chose the option repeats the
 * label, so it recurs) along with its markers. */
static int is_header_row(rstate *s, size_t r)
{
    long hl = 0, dl = 0;
    const sv_codebook *cb = s->t->cb;
    sv_field lead = sv_rd_field(s, r, 0), top = sv_rd_field(s, 0, 0);
    int sm_row = sv_is_blank(lead.data, lead.len) && !sv_is_blank(top.data, top.len);
    for (size_t j = 0; j < s->ncols; j++) {
        sv_field f = sv_rd_field(s, r, j);
        if (sv_is_blank(f.data, f.len))
            continue;
        double d;
        long long secs;
        if (sv_rd_sm_marker(f.data, f.len)) {
            hl += 3;
            continue;
        }
        if (sm_row && option_column(s, r, j, &f)) {
            hl++;
            continue;
        }
        if (sv_parse_number(f.data, f.len, &d) ||
            sv_parse_date(f.data, f.len, SV_SLASH_MONTH_FIRST, &secs) ||
            sv_parse_date(f.data, f.len, SV_SLASH_DAY_FIRST, &secs)) {
            dl++;
            continue;
        }
        int recurs = 0;
        for (size_t k = r + 1; k < s->nrecs && k < r + 25 && !recurs; k++) {
            sv_field g = sv_rd_field(s, k, j);
            recurs = g.len == f.len && g.len && memcmp(g.data, f.data, f.len) == 0;
        }
        if (recurs) {
            dl++;
            continue;
        }
        sv_field above = sv_rd_field(s, r - 1, j);
        if (sv_is_blank(above.data, above.len)) {
            hl++;
            continue;
        }
        if (cb) {
            if (sv_to_utf8(&s->u, f.data, f.len, NULL) != 0 ||
                sv_norm_header(&s->nb, s->u.p, s->u.len) != 0)
                return 0;
            int rank;
            if (sv_codebook_match_header(cb, s->nb.p, s->nb.len, &rank) >= 0) {
                hl++;
                continue;
            }
            if (sv_norm_value(&s->nb, s->u.p, s->u.len) != 0)
                return 0;
            if (sv_codebook_missing(cb, s->nb.p, s->nb.len) != SV_MISSING_NONE) {
                dl++;
                continue;
            }
            for (size_t k = 0; sv_codebook_scale(cb, (int)k); k++)
                if (sv_codebook_spelling(cb, (int)k, s->nb.p, s->nb.len) >= 0) {
                    dl++;
                    break;
                }
        }
    }
    return hl > dl;
}

/* Legacy Qualtrics names its first columns V1, V2, V3, ... and puts the names in row 2. */
static int legacy_qualtrics(const rstate *s)
{
    static const char *const v[3] = {"V1", "V2", "V3"};
    if (s->ncols < 3)
        return 0;
    for (size_t j = 0; j < 3; j++) {
        sv_field f = sv_rd_field(s, 0, j);
        if (f.len != 2 || memcmp(f.data, v[j], 2) != 0)
            return 0;
    }
    return 1;
}

int sv_rd_header_rows(rstate *s)
{
    if (s->nrecs >= 3)
        for (size_t j = 0; j < s->ncols; j++) {
            sv_field f = sv_rd_field(s, 2, j);
            if (sv_rd_import_id(&f))
                return 3;
        }
    if (s->nrecs >= 2 && legacy_qualtrics(s))
        return 2;
    if (s->nrecs >= 2 && is_header_row(s, 1))
        return s->nrecs >= 3 && is_header_row(s, 2) ? 3 : 2;
    return 1;
}

const char *sv_rd_platform(rstate *s)
{
    int has[8] = {0};
    enum { QUALTRICS, SM, LIME, KOBO, SOSCI, LIMECODE };
    for (size_t j = 0; j < s->ncols; j++) {
        sv_field f = sv_rd_field(s, 0, j);
        const char *p = f.data;
        size_t n = f.len;
        if (sv_rd_eq_ci(p, n, "responseid") || sv_rd_eq_ci(p, n, "recordeddate") ||
            sv_rd_eq_ci(p, n, "distributionchannel"))
            has[QUALTRICS] = 1;
        /* "Respondent ID" alone is common in bureaus' files; Collector ID is SurveyMonkey's. */
        if (sv_rd_eq_ci(p, n, "collector id"))
            has[SM] = 1;
        if (sv_rd_eq_ci(p, n, "submitdate") || sv_rd_eq_ci(p, n, "startlanguage") ||
            sv_rd_eq_ci(p, n, "lastpage"))
            has[LIME] = 1;
        /* its full-text export, in English or Dutch */
        if (sv_rd_eq_ci(p, n, "date submitted") || sv_rd_eq_ci(p, n, "datum verstuurd"))
            has[LIME] = 1;
        if (sv_rd_eq_ci(p, n, "_uuid") || sv_rd_eq_ci(p, n, "_submission_time") ||
            sv_rd_eq_ci(p, n, "_index"))
            has[KOBO] = 1;
        if (sv_rd_eq_ci(p, n,
                        "questnnr")) /* SoSci's questionnaire code: no other platform has it */
            has[SOSCI] = 1;
        if (n > 4 && memchr(p, '[', n) && p[n - 1] == ']' && memchr(p, ' ', n) == NULL)
            has[LIMECODE] = 1;
    }
    if (s->header_rows == 3 || has[QUALTRICS])
        return "Qualtrics";
    if (legacy_qualtrics(s))
        return "Qualtrics (legacy export)";
    if (has[SM])
        return "SurveyMonkey";
    if (has[SOSCI]) /* before LimeSurvey: SoSci has a LASTPAGE column too */
        return SOSCI_SURVEY;
    if (has[LIME] || has[LIMECODE])
        return "LimeSurvey";
    if (has[KOBO])
        return "KoboToolbox/ODK";
    if (s->header_rows == 2)
        return "SurveyMonkey-style (2 header rows)";
    if (s->info.delimiter == ';')
        return "spreadsheet (Dutch Excel style)";
    return "generic CSV";
}

/* Finds the columns in which the platform marks previews, tests, spam and partial responses,
 * by their names in the first two header rows (Qualtrics' legacy export names them in the
 * second). Only on the platform that writes them: elsewhere a "Status" or "Finished" column may
 * mean anything. Returns 0, or -1 when out of memory. */
int sv_rd_find_meta(rstate *s)
{
    static const struct {
        int kind;
        const char *platform; /* the start of rep->platform */
        const char *names[3];
    } known[] = {
        {M_STATUS, "Qualtrics", {"status", "response type", NULL}},
        {M_FINISHED, "Qualtrics", {"finished", NULL, NULL}},
        {M_PROGRESS, "Qualtrics", {"progress", NULL, NULL}},
        {M_SUBMITDATE, "LimeSurvey", {"submitdate", "date submitted", "datum verstuurd"}},
        {M_FINISHED, SOSCI_SURVEY, {"finished", NULL, NULL}},
        {M_MODE, SOSCI_SURVEY, {"mode", NULL, NULL}},
    };
    const char *platform = s->rep->platform;
    for (size_t j = 0; j < s->ncols; j++)
        for (size_t r = 0; r < 2 && r < (size_t)s->header_rows; r++) {
            sv_field h = sv_rd_field(s, r, j);
            while (h.len && (h.data[0] == ' ' || h.data[0] == '\t'))
                h.data++, h.len--;
            while (h.len && (h.data[h.len - 1] == ' ' || h.data[h.len - 1] == '\t'))
                h.len--;
            for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
                int k = known[i].kind;
                if (s->m_col[k] >= 0 ||
                    strncmp(platform, known[i].platform, strlen(known[i].platform)) != 0)
                    continue;
                for (int a = 0; a < 3 && known[i].names[a]; a++)
                    if (sv_rd_eq_ci(h.data, h.len, known[i].names[a])) {
                        if (!(s->m_name[k] = ceo_strndup(h.data, h.len)))
                            return -1;
                        s->m_col[k] = (int)j;
                        s->has_meta = 1;
                        break;
                    }
            }
        }
    return 0;
}

/* ---------- platform metadata: test responses and partial ones ---------- */

/* What a metadata cell says: NOTHING for a real, finished response (or an empty cell). */
enum { NOTHING = -1 };

typedef struct {
    int kind; /* sv_meta_kind, or NOTHING */
    const char *what;
} meta_class;

/* Qualtrics' Status ("Response Type"), as text or as the number of a numeric export. A
 * response imported into the platform is kept: regions import the paper questionnaires. */
static meta_class qualtrics_status(const char *p, size_t n)
{
    static const struct {
        const char *text, *alt;
        int code, kind;
        const char *what;
    } st[] = {
        {"ip address", NULL, 0, NOTHING, NULL},
        {"survey preview", "preview", 1, SV_META_LEFT_OUT, "preview"},
        {"survey test", "test", 2, SV_META_LEFT_OUT, "test"},
        {"imported", NULL, 4, SV_META_IMPORTED, "imported"},
        {"spam", NULL, 8, SV_META_LEFT_OUT, "spam"},
        {"preview spam", "survey preview spam", 9, SV_META_LEFT_OUT, "preview"},
        {"imported spam", NULL, 12, SV_META_LEFT_OUT, "spam"},
        {"offline", NULL, 16, NOTHING, NULL},
        {"offline preview", "offline survey preview", 17, SV_META_LEFT_OUT, "preview"},
    };
    double d;
    int num = sv_parse_number(p, n, &d) && d == floor(d);
    for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
        if (num ? d == st[i].code
                : sv_rd_eq_ci(p, n, st[i].text) || (st[i].alt && sv_rd_eq_ci(p, n, st[i].alt)))
            return (meta_class){st[i].kind, st[i].what};
    return (meta_class){SV_META_UNKNOWN, "unknown"};
}

/* Finished (Qualtrics True/False or 1/0; SoSci Survey 1/0). */
static meta_class finished(const char *p, size_t n)
{
    if (sv_rd_eq_ci(p, n, "true") || sv_rd_eq_ci(p, n, "1"))
        return (meta_class){NOTHING, NULL};
    if (sv_rd_eq_ci(p, n, "false") || sv_rd_eq_ci(p, n, "0"))
        return (meta_class){SV_META_PARTIAL, "partial"};
    return (meta_class){SV_META_UNKNOWN, "unknown"};
}

/* Progress in percent (Qualtrics), read only where there is no Finished column. */
static meta_class progress(const char *p, size_t n)
{
    double d;
    if (!sv_parse_number(p, n, &d) || d < 0 || d > 100)
        return (meta_class){SV_META_UNKNOWN, "unknown"};
    return d < 100 ? (meta_class){SV_META_PARTIAL, "partial"} : (meta_class){NOTHING, NULL};
}

static meta_class classify_meta(const rstate *s, int kind, const sv_field *f)
{
    const char *p = f->data;
    size_t n = f->len;
    while (n && (p[0] == ' ' || p[0] == '\t'))
        p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        n--;
    if (kind == M_SUBMITDATE) /* LimeSurvey: no submit date, not submitted */
        return n == 0 ? (meta_class){SV_META_PARTIAL, "partial"} : (meta_class){NOTHING, NULL};
    if (n == 0)
        return (meta_class){NOTHING, NULL};
    switch (kind) {
    case M_STATUS:
        return qualtrics_status(p, n);
    case M_FINISHED:
        return finished(p, n);
    case M_PROGRESS:
        return s->m_col[M_FINISHED] < 0 ? progress(p, n) : (meta_class){NOTHING, NULL};
    case M_MODE: /* SoSci Survey: "pretest" marks the project's own test runs */
        return sv_rd_eq_ci(p, n, "pretest") ? (meta_class){SV_META_LEFT_OUT, "test"}
                                            : (meta_class){NOTHING, NULL};
    }
    return (meta_class){NOTHING, NULL};
}

/* Counts one noted metadata cell in the report (one entry per column and value). */
static int note_meta(rstate *s, int kind, meta_class mc, const sv_field *f)
{
    sv_report *r = s->rep;
    int col = s->m_col[kind], idx;
    if (!s->m_seen && !(s->m_seen = sv_strmap_new()))
        return -1;
    sv_buf key = {0};
    int rc = sv_buf_add(&key, (const char *)&col, sizeof col) != 0 ||
             sv_buf_add(&key, f->data, f->len) != 0;
    if (rc == 0 && !sv_strmap_get(s->m_seen, key.p, key.len, &idx)) {
        if (ceo_grow((void **)&r->meta, &s->meta_cap, r->nmeta + 1, sizeof *r->meta) != 0) {
            sv_buf_free(&key);
            return -1;
        }
        sv_meta *m = &r->meta[r->nmeta];
        memset(m, 0, sizeof *m);
        m->kind = (sv_meta_kind)mc.kind;
        m->what = mc.what;
        m->index = col + 1;
        size_t n = 0;
        if (!(m->column = ceo_strdup(s->m_name[kind])) ||
            sv_to_utf8(&s->u, f->data, f->len, NULL) != 0)
            rc = -1;
        else {
            n = s->u.len > 80 ? 80 : s->u.len;
            while (n && n < s->u.len && ((unsigned char)s->u.p[n] & 0xC0) == 0x80)
                n--;
            if (!(m->value = ceo_strndup(s->u.p, n)))
                rc = -1;
        }
        if (rc != 0) {
            ceo_free((char *)m->column);
            ceo_free((char *)m->value);
        } else {
            idx = (int)r->nmeta++;
            rc = sv_strmap_put(s->m_seen, key.p, key.len, idx);
        }
    }
    sv_buf_free(&key);
    if (rc != 0)
        return -1;
    sv_meta *m = &r->meta[idx];
    if (m->count < 5)
        m->lines[m->count] = f->line;
    m->count++;
    return 0;
}

/* Reads the metadata cells of a data record. Returns 1 when the response is left out (a
 * preview, a test, spam), 0 when it is a respondent (counted when partial, imported or of a
 * status ceo does not know), -1 when out of memory. */
int sv_rd_meta_record(rstate *s, const sv_field *f)
{
    meta_class mc[M_KINDS];
    int left = 0, partial = 0, unknown = 0;
    for (int k = 0; k < M_KINDS; k++) {
        mc[k].kind = NOTHING;
        if (s->m_col[k] >= 0)
            mc[k] = classify_meta(s, k, &f[s->m_col[k]]);
        left |= mc[k].kind == SV_META_LEFT_OUT;
    }
    for (int k = 0; k < M_KINDS; k++) {
        /* a left-out response is only that; its other metadata say nothing more */
        if (mc[k].kind == NOTHING || (left && mc[k].kind != SV_META_LEFT_OUT))
            continue;
        if (note_meta(s, k, mc[k], &f[s->m_col[k]]) != 0)
            return -1;
        partial |= mc[k].kind == SV_META_PARTIAL;
        unknown |= mc[k].kind == SV_META_UNKNOWN;
    }
    if (left) {
        s->rep->left_out++;
        return 1;
    }
    s->rep->partial += partial;
    s->rep->meta_unknown += unknown;
    return 0;
}
