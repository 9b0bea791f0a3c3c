/*
 * survey.h - the coded survey table and the export reader that fills it.
 *
 * Lifecycle: sv_table_new(codebook) -> sv_table_read(path) once per export file (respondents
 * are appended) -> column access -> sv_table_free(). Each read returns an sv_report of what
 * was detected in that file (layout, column mapping, unrecognised values), freed with
 * sv_report_free().
 *
 * The table is column-oriented, one column per codebook item, whatever the number of file
 * columns it came from (a multi-select spread over a column per option is one item). Values
 * are coded once per distinct raw value per column, so reading costs no string work per cell
 * for repeated answers. Without a codebook (raw mode) the table holds no items; the report
 * still says what each column looks like.
 */
#ifndef CEO_SURVEY_H
#define CEO_SURVEY_H

#include <stddef.h>
#include <stdint.h>

#include "../base/base.h"
#include "codebook.h"
#include "project.h"
#include "pseudo.h"

#define SV_KEEP_TEXT 1u /* keep respondent ids, open answers and contact fields */
#define SV_ADVISE                                                                                  \
    2u /* a scale whose direction the data do not confirm is no error: the                         \
          read goes on and the report says which [codes] would settle it */

#define SV_MISSING_DATE INT64_MIN
#define SV_MULTI_ANSWERED 0x80000000u /* in a multi value: the question was answered */

typedef struct sv_table sv_table;

/* What an error of sv_table_read concerns beside its message (ceo_error.about), for the caller
 * to say in its own terms: no column of the file matches the codebook (SV_ABOUT_COLUMNS: the
 * caller can show the file's columns), or the respondent ids are BSNs and the table has no key
 * (SV_ABOUT_BSN: pseudonymise the file first, or read it with a key). */
#define SV_ABOUT_COLUMNS "columns"
#define SV_ABOUT_BSN "bsn"

#define SV_CANDIDATES 3

/* A codebook item that an unused column resembles (survey/suggest.h). */
typedef struct {
    int item;
    double score; /* 0-1: how much of the item's wording the header holds, and the reverse */
    int values;   /* 1 the column's first values fit the item's type, 0 too few to tell,
                     -1 they contradict it */
} sv_candidate;

/* One file column as the report describes it. */
typedef struct {
    int index;           /* 1-based column number in the file */
    const char *header;  /* the header rows combined, cleaned for display */
    int item;            /* codebook item, -1 when not mapped */
    int option;          /* for a multi-select column per option: the option, else -1 */
    const char *choice;  /* for a single-choice question spread over a column per option
                            (SurveyMonkey expanded): this column's option label, else NULL */
    const char *type;    /* inferred type in raw mode ("likert", "yes/no", ...), else NULL */
    const char *note;    /* why a column is not used although it matched, or NULL */
    const char *missing; /* .sav: the user-missing values defined ("9; 97 thru 99"), or NULL */
    long user_missing;   /* .sav: cells read as missing because they hold one of them */
    /* For a column that no pattern placed: the items it resembles, best first, and whether
     * the first is safe to map (clear, fitting values, no rival; see sv_suggest_place). */
    sv_candidate cand[SV_CANDIDATES];
    int ncand;
    int place;
} sv_colinfo;

/* A value found in a mapped column that the codebook does not know. */
typedef struct {
    int column;        /* 1-based file column */
    const char *value; /* as UTF-8, cut at 80 bytes */
    long count;
    long lines[3]; /* first lines where it occurs; 0 = unused */
    int max_year;  /* a date in a year after this one (a typo for 2015 or 2025?); else 0 */
    unsigned pii;  /* SV_PII_ kinds of personal data the value holds (survey/pii.h): then value
                      is not the value but says what it holds ("a value holding a name") */
} sv_unknown;

/* A category or single-choice value holding personal data (a phone number, an e-mail
 * address, a name after "anders:"; survey/pii.h): read as "anders" (when it starts so and the
 * column has such a group or category) or as missing, so that no output shows it or names a
 * file after it. Kept per column and value, the value itself not at all. */
typedef struct {
    int column;     /* 1-based file column */
    unsigned kinds; /* SV_PII_ bits */
    int other;      /* read as "anders" (1) or as missing (0) */
    long count;
    long lines[3]; /* first lines where it occurs; 0 = unused */
} sv_pii_cell;

/* What the platform's own columns say of some responses (Qualtrics Status, Finished and
 * Progress; LimeSurvey's submitdate; SoSci Survey's FINISHED and MODE), one entry per column
 * and value. Left out: staff testing the questionnaire (preview, test) and spam; those rows are
 * no respondents and are not in the table. Partial: the respondent stopped before the end;
 * the row is kept with the answers given. Imported: entered into the platform afterwards
 * (paper questionnaires, say); kept. Unknown: a value ceo does not know; the row is kept and
 * the value reported, never guessed. */
typedef enum { SV_META_LEFT_OUT, SV_META_PARTIAL, SV_META_IMPORTED, SV_META_UNKNOWN } sv_meta_kind;

typedef struct {
    sv_meta_kind kind;
    const char *what;   /* "preview", "test", "spam", "partial", "imported", "unknown" */
    const char *column; /* the column's name in the file ("Status", "Finished"), UTF-8 */
    int index;          /* 1-based column number */
    const char *value;  /* as in the file ("" when empty), UTF-8, cut at 80 bytes */
    long count;
    long lines[5]; /* first lines where it occurs; 0 = unused */
} sv_meta;

/* For a .sav file the "lines" of locations are case numbers and the columns count the
 * variables (a multiple-category set as one); the header rows are the variable names and
 * the variable labels. */
typedef struct {
    const char *path;
    const char *format;   /* NULL for CSV text; "SPSS .sav", "SPSS .zsav", ... */
    const char *platform; /* best guess: "Qualtrics", "SurveyMonkey", ... */
    char delimiter;
    const char *encoding; /* "UTF-8", "UTF-8 with BOM", "Windows-1252", ... */
    int crlf;
    int cr;       /* lines end in a lone CR (old Mac Excel) */
    int sep_line; /* the file starts with Excel's "sep=;" line, which named the delimiter */
    int header_rows;
    long respondents;
    size_t ncols;
    sv_colinfo *cols;
    size_t nunknown;
    sv_unknown *unknown;
    long unknown_cells;           /* cells with an unrecognised value, all together */
    size_t nmeta;                 /* what the platform's metadata say (sv_meta), */
    sv_meta *meta;                /* in order of first occurrence */
    long left_out;                /* responses left out (not respondents): SV_META_LEFT_OUT */
    long partial;                 /* respondents the platform marks as not finished */
    long meta_unknown;            /* responses with a metadata value ceo does not know (kept) */
    long cp1252_values;           /* distinct values read as Windows-1252 */
    long cp1252_line, cp1252_col; /* where the first one was */
    int slash_day_first;          /* dates with slashes were read day first */
    size_t nbad;                  /* data rows with at least one unrecognised value */
    size_t *bad_rows;             /* their table rows, ascending */
    long *bad_lines;              /* and the file lines they start on */
    size_t nnotes;
    char **notes; /* what was inferred and why ("scale 'likert5' arrives as bare numbers ..."),
                     one line each, starting with the path: every command shows them */
    /* With SV_ADVISE: per scale read as numbers, the [codes] value the data point to */
    struct {
        char scale[40];
        char codes[120]; /* "5,4,3,2,1,9"; "" when the data cannot tell */
        char other[120]; /* the other direction, for a comment */
        char why[240];
    } hints[8];
    size_t nhints;
    /* Multi-select items read from a column per option that had no column for some options:
     * those options were not asked of this file's respondents (bit i = option i) */
    size_t nnot_asked;
    struct {
        int item;
        uint32_t options;
    } * not_asked;
    /* .sav only */
    char file_encoding[160]; /* as the file states it (encoding points here) */
    char weight[72];         /* the file's weight variable, or "" */
    long user_missing;       /* cells holding a user-missing value, all together */
    size_t nsets;
    char **sets; /* multiple-response sets, one line each */
    /* Answers holding personal data, folded (sv_pii_cell), and the cells holding them */
    size_t npii;
    sv_pii_cell *pii;
    long pii_cells;
} sv_report;

void sv_report_free(sv_report *r);

/* Creates an empty table. cb may be NULL (raw mode); it is borrowed and must outlive the
 * table. flags: SV_KEEP_TEXT or 0. */
sv_table *sv_table_new(const sv_codebook *cb, unsigned flags, ceo_error *err);
void sv_table_free(sv_table *t);

/* Keeps the text of one id or tekst item, as SV_KEEP_TEXT does for all of them (a report
 * that shows one open question need not copy the others). Call before the first read.
 * Returns 0, or -1 when item is not such an item or was read already. */
int sv_table_keep_text(sv_table *t, int item);

/* The current year, against which dates are read: a date in a year after year + 1 is no date
 * but a typo (2105 for 2015), reported as an unrecognised value like a year before 1900.
 * 0 (the default): the year of the clock when a file is read. Tests set it. */
void sv_table_set_year(sv_table *t, int year);

/* Unrecognised values are listed by check and batch add unless they hold personal data; with a
 * word list (path; NULL: the build's default, /usr/share/dict/nederlands) they are searched for
 * names as open text is (survey/names.h), which needs the list: it is read when the first
 * unrecognised value is, and a read then fails when it cannot be loaded. Without this call
 * names are not searched there. Returns 0, or -1 when out of memory. */
int sv_table_set_wordlist(sv_table *t, const char *path);
/* Pseudonymises on reading (survey/pseudo.h): from the next read on, the respondent id, and
 * every id or text column that the project file names under [pseudoniem] kolommen, is stored
 * as its pseudonym under key (an id that is a pseudonym already stays as it is), so nothing
 * downstream sees the original. key is borrowed and must outlive the reads; NULL: ids as
 * delivered. keep_originals: also keep each respondent id's original, for the follow-up list
 * only (sv_table_original). Without a key, a respondent-id column that holds BSNs (most values
 * nine digits passing the elfproef) stops the read. */
void sv_table_set_key(sv_table *t, const sv_key *key, int keep_originals);
const sv_key *sv_table_key(const sv_table *t); /* the key set, or NULL */
int sv_table_keeps_originals(const sv_table *t);

/* The original respondent id of a pseudonym read with keep_originals, or NULL. Valid as long as
 * the table. */
const char *sv_table_original(const sv_table *t, const char *pseudonym);

/* 1 when the column with display header (the header rows joined, as sv_colinfo.header) and,
 * when mapped, codebook item item_id (else NULL) is named under [pseudoniem] kolommen in proj
 * (by its header or its item id; case, accents and spacing aside). */
int sv_pseudo_column(const sv_project *proj, const char *header, const char *item_id);

/* Reads the export at path and appends its respondents. proj may be NULL; its [kolommen]
 * section maps headers to items before the patterns do. Unrecognised values are reported in
 * *report (when report is non-NULL; free with sv_report_free) and stored as missing; they do
 * not make the read fail. Responses the platform marks as previews, tests or spam are left
 * out (see sv_meta). Returns CEO_EDATA/CEO_EIO/CEO_ENOMEM when the file cannot be read, and
 * CEO_EDATA when no column maps to a question of the codebook (roles such as respondent_id,
 * datum or gemeente alone are no answers) or no respondent remains; the table is then
 * unchanged. */
ceo_status sv_table_read(sv_table *t, const char *path, const sv_project *proj, sv_report **report,
                         ceo_error *err);

/* The same for an export in memory; name appears in locations. */
ceo_status sv_table_read_mem(sv_table *t, const char *name, const void *data, size_t len,
                             const sv_project *proj, sv_report **report, ceo_error *err);

size_t sv_table_rows(const sv_table *t);
const sv_codebook *sv_table_codebook(const sv_table *t);

/* A new table of the rows r of t with keep[r] nonzero (keep has sv_table_rows(t) entries), in
 * their order: the table reading only those rows would give (see survey/tablesub.c). An item
 * is in use only when a kept row has a value there; a categorie item's groups are numbered in
 * the order they first occur among the kept rows, with t's display names. The subset has t's
 * flags, year, key and word list, not the originals of pseudonyms (sv_table_original gives
 * NULL). NULL with err set when out of memory; free with sv_table_free. */
sv_table *sv_table_subset(const sv_table *t, const unsigned char *keep, ceo_error *err);

/* 1 when some file had a column for the item. */
int sv_table_has(const sv_table *t, int item);

/* Per-row values of an item, by type; NULL when the item is of another type or absent.
 * codes: likert, janee, enkel, categorie, id, tekst - 0 missing, k+1 category (or group) k;
 *        for id and tekst 1 means answered.
 * numbers: getal, cijfer, score - NaN missing.
 * dates: datum - seconds since 1970 (local time), SV_MISSING_DATE missing.
 * multi: meer - bit i option i, SV_MULTI_ANSWERED when answered. */
const uint16_t *sv_table_codes(const sv_table *t, int item);
const double *sv_table_numbers(const sv_table *t, int item);
const int64_t *sv_table_dates(const sv_table *t, int item);
const uint32_t *sv_table_multi(const sv_table *t, int item);

/* The options of a multi-select item that were not asked, per row: bit i = option i (the
 * export the row came from had no column for it, so neither chosen nor not chosen holds).
 * NULL when every option was asked of every row. */
const uint32_t *sv_table_multi_unasked(const sv_table *t, int item);

/* Kept text (SV_KEEP_TEXT) of an id or tekst item for a row, UTF-8; NULL when missing. */
const char *sv_table_text(const sv_table *t, int item, size_t row);

/* Groups of a categorie item (gemeente, aanbieder, voorziening): count and display names. */
size_t sv_table_ngroups(const sv_table *t, int item);
const char *sv_table_group(const sv_table *t, int item, size_t k);

#endif
