/*
 * readpriv.h - the export reader's state, shared by the files that read an export into the
 * table (not part of the public interface):
 *
 *   reader.c    the read loop: buffers the first records, lays out the file, streams the rest
 *               through the coding, and finishes the report;
 *   platform.c  what the platform made of the file: header rows, which platform, and its
 *               metadata columns (previews, tests, spam, partial responses);
 *   colmap.c    which column is which codebook item (patterns, [kolommen], options);
 *   coding.c    a cell to its code, number, date or text, with unrecognised values and
 *               personal data in category cells noted for the report.
 *
 * rstate lives for one read (read_any in reader.c); the columns are laid out once (setup) and
 * then only their caches and report notes change.
 */
#ifndef CEO_READPRIV_H
#define CEO_READPRIV_H

#include "csvsrc.h"
#include "direction.h"
#include "pii.h"
#include "sav.h"
#include "tablepriv.h"
#include "../base/text.h"
#include "values.h"

#define MEMO 32       /* longest value the memo holds, plus one */
#define MEMO_SLOTS 64 /* a power of two */

/* How a column's cells are read (colmap.c decides, coding.c reads by it): C_SKIP not used;
 * C_OPTION one option of a multi-select item; the others by the item's type (kind_of). */
enum { C_SKIP, C_ID, C_DATE, C_CAT, C_NUM, C_MARK, C_SCORE, C_SCALE, C_MULTI, C_OPTION, C_TEXT };

/* Cached outcomes besides codes; V_NOMEM is never cached: coding ran out of memory. */
enum { V_UNKNOWN = -1, V_MISSING = -2, V_NOMEM = -3 };
/* Added to a cached code (0: missing) when the value held personal data and was folded
 * (fold_pii); above every code. */
enum { V_FOLDED = 0x100000 };

typedef struct {
    long nonblank, number, date, eens, yesno;
    sv_strmap *distinct;
    int many;
} rawstat;

typedef struct {
    int item, option, kind, rank;
    char *header; /* display */
    const char *note;
    sv_strmap *cache;
    /* In front of the cache, a direct-mapped memo of short values and their outcomes, its
     * slot picked by the length and three of the bytes: hand-typed variants of one answer
     * ("Mee eens", "MEE EENS", "Mee eens ") mostly differ there, so a compare of a few bytes
     * replaces hashing for nearly every cell. */
    unsigned char memo_len[MEMO_SLOTS]; /* length + 1; 0: empty */
    int memo_code[MEMO_SLOTS];          /* for number columns: whether it parsed, into memo_num */
    double memo_num[MEMO_SLOTS];
    char memo[MEMO_SLOTS][MEMO];
    sv_strmap *unknown; /* raw -> index into report unknowns */
    sv_strmap *pii;     /* raw -> index into report pii cells */
    /* A single-choice question spread over a column per option (SurveyMonkey's expanded
     * export): spread is 1 + the first column of its run, 0 for any other column; opt_norm
     * the option's label normalised, the only value the column may hold; opt_label for
     * messages. The run's first column keeps the last row in which one of them was filled
     * (1 + row) and which. */
    size_t spread;
    char *opt_norm, *opt_label;
    size_t filled_row;
    size_t filled_col;
    sv_slash_order order;
    int order_known;
    rawstat raw;
    int rid;       /* the respondent_id column (counted for the BSN guard) */
    int pseudo;    /* stored as its pseudonym (sv_table_set_key) */
    sv_dircol dir; /* on a scale whose direction the data must confirm: how values were read */
    int positive;  /* the weight (gewicht): a number 0 or below is no value but an error */
} column;

/* The platform's metadata columns: Qualtrics' Status, Finished and Progress, LimeSurvey's
 * submitdate, SoSci Survey's FINISHED and MODE. */
enum { M_STATUS, M_FINISHED, M_PROGRESS, M_SUBMITDATE, M_MODE, M_KINDS };

typedef struct {
    size_t first, n;
} brec;

typedef struct {
    size_t off, len;
    long line;
} bfield;

typedef struct {
    sv_table *t;
    const char *path;
    const sv_project *proj;
    ceo_error *err;
    /* buffered first records */
    char *bbuf;
    size_t blen, bcap;
    brec *recs;
    size_t nrecs, recs_cap;
    bfield *bf;
    size_t nbf, bf_cap;
    int ready;
    sv_csv_info info;
    /* layout */
    size_t ncols;
    column *cols;
    int header_rows;
    /* scratch */
    sv_buf u, nb, db;
    sv_field *tmp;
    size_t tmp_cap;
    /* report */
    sv_report *rep;
    size_t unk_cap, bad_cap, pii_cap;
    sv_pii *pii;       /* made when the first category value is read */
    sv_pii *pii_names; /* the same with names, for unrecognised values (sv_table_set_wordlist) */
    int saw_utf8;
    int sav;   /* an SPSS system file: header rows are names and labels */
    int sosci; /* SoSci Survey: options coded 1 not chosen / 2 chosen, -9 unanswered */
    unsigned long long size; /* bytes of the CSV input when known (regular file or memory) */
    sv_sav_info sinfo;

    int by_code; /* the last scale value was read through a numeric code */
    /* the platform's metadata columns (see sv_rd_find_meta), -1 when absent */
    int has_meta, m_col[M_KINDS];
    char *m_name[M_KINDS]; /* their names as the header says them, UTF-8 */
    sv_strmap *m_seen;     /* column + raw value -> index into rep->meta */
    size_t meta_cap;
    int year;                 /* the current year (sv_table_set_year, else the clock's) */
    long long date_end;       /* dates from here on (1 January of year + 2) are typos */
    long rid_values, rid_bsn; /* respondent ids read, and of those BSNs (the elfproef) */
    int rid_col;              /* 1-based column of the respondent ids, 0 when none */
} rstate;

#define SOSCI_SURVEY "SoSci Survey"

/* ---------- reader.c: helpers for every part ---------- */

/* Sets an out-of-memory error at line of the file; returns 1 (for "stop reading"). */
int sv_rd_oom(rstate *s, long line);

/* 1 when the n bytes at a equal the lower-case literal lit, ASCII case aside. */
int sv_rd_eq_ci(const char *a, size_t n, const char *lit);

/* Converts to UTF-8 into s->u, noting a Windows-1252 fallback for the report. Returns 0, -1
 * when out of memory, or -2 with the error set for bytes that are text in no encoding. */
int sv_rd_utf8(rstate *s, const char *p, size_t n, long line, long col);

/* Field j of buffered record rec; an empty field (line 0) past the end of either. */
sv_field sv_rd_field(const rstate *s, size_t rec, size_t j);

/* ---------- platform.c ---------- */

/* Qualtrics' ImportId header row cell; SurveyMonkey's "Response" markers in its second row. */
int sv_rd_import_id(const sv_field *f);
int sv_rd_sm_marker(const char *p, size_t n);

/* How many of the buffered records are header rows (1 to 3). */
int sv_rd_header_rows(rstate *s);

/* The best guess at the platform that wrote the file, for the report (a static string). */
const char *sv_rd_platform(rstate *s);

/* Finds the platform's metadata columns (s->m_col). Returns 0, or -1 when out of memory. */
int sv_rd_find_meta(rstate *s);

/* Reads the metadata cells of a data record. Returns 1 when the response is left out (a
 * preview, a test, spam), 0 when it is a respondent, -1 when out of memory. */
int sv_rd_meta_record(rstate *s, const sv_field *f);

/* ---------- colmap.c ---------- */

/* Lays out the columns (s->cols, header_rows known): display headers, then with a codebook
 * the item (and option) of each column and its kind, and the table's items made present.
 * Returns CEO_OK, or the status of the error set (out of memory; [kolommen] naming an item the
 * codebook lacks). */
ceo_status sv_rd_map_columns(rstate *s);

/* ---------- coding.c ---------- */

/* Codes the cell f of mapped column c (1-based col1) into table row row, noting unrecognised
 * values and personal data. Returns 0, or -1 on an error (out of memory unless set). */
int sv_rd_store_value(rstate *s, column *c, const sv_field *f, int col1, size_t row);

/* Counts what a raw-mode cell looks like. Returns 0, or non-zero with the error set. */
int sv_rd_raw_observe(rstate *s, column *c, const sv_field *f, int col1);

#endif
