/*
 * csvsrc.h - streaming CSV reading with layout detection (the libcsv adapter).
 *
 * Call sequence: fill an sv_csv_options (or pass NULL for defaults), then one call to
 * sv_csv_read_file() or sv_csv_read_mem(); it sniffs the file (binary or text, BOM, UTF-16,
 * delimiter), then calls the record function once per record, in order, and fills an
 * sv_csv_info. Nothing to free.
 *
 * A record's fields are raw bytes as in the file (quotes removed, doubled quotes undoubled,
 * no trimming, no decoding); each knows the physical line it starts on. The pointers are
 * valid only during the call. Blank lines are not records. Lines end in LF, CR LF, or a lone
 * CR (old Mac Excel; then the lines are counted by their CRs); a line break inside a quoted
 * field is text. A first line "sep=;" (Excel's, also "sep=," and "sep=<TAB>") is no record:
 * it names the delimiter.
 *
 * The record function is always called on the caller's thread, one record at a time; a large
 * input is parsed on other threads meanwhile (see pipeline_min), so the record function
 * needs no locking, but the library's allocation wrapper is used from several threads.
 */
#ifndef CEO_CSVSRC_H
#define CEO_CSVSRC_H

#include <stddef.h>

#include "../base/base.h"

typedef struct {
    const char *data; /* not NUL-terminated */
    size_t len;
    long line; /* physical line (1-based) where the field starts */
} sv_field;

typedef struct {
    char delimiter;    /* 0: detect (',' ';' or '\t'); otherwise use this one */
    size_t max_field;  /* longest field in bytes; 0: SV_CSV_MAX_FIELD */
    size_t max_fields; /* most fields in a record; 0: SV_CSV_MAX_FIELDS */
    /* Inputs of at least this many bytes (a regular file or memory, never a pipe) are parsed
     * on other threads while the record function runs on the caller's, when more than one
     * CPU is online; 0: SV_CSV_PIPELINE_MIN. Records, their order, line numbers and errors
     * are the same either way. */
    size_t pipeline_min;
    /* Such an input is parsed by one thread per CPU, each taking segments of this many bytes
     * in turn; 0: SV_CSV_SEGMENT. Records, lines and errors are again the same. */
    size_t segment;
} sv_csv_options;

#define SV_CSV_MAX_FIELD ((size_t)1 << 20) /* 1 MiB: far beyond any real open answer */
#define SV_CSV_MAX_FIELDS 16384            /* Excel's column limit (XFD) */
/* 8 MiB; a build may define it lower to test the threaded path on small inputs. */
#ifndef SV_CSV_PIPELINE_MIN
#define SV_CSV_PIPELINE_MIN ((size_t)8 << 20)
#endif
/* 1 MiB; a build may define it lower to test the segments on small inputs. */
#ifndef SV_CSV_SEGMENT
#define SV_CSV_SEGMENT ((size_t)1 << 20)
#endif

typedef struct {
    char delimiter;
    int bom;                  /* the file starts with a UTF-8 byte order mark */
    int crlf;                 /* the first line ends in CR LF */
    int cr;                   /* the first line ends in a lone CR (old Mac Excel) */
    int sep_line;             /* the file starts with Excel's "sep=;" line */
    int final_newline;        /* the last line ends in a newline; 0 when reading failed */
    long lines;               /* physical lines; 0 when reading failed */
    long records;             /* records passed to the record function */
    unsigned long long bytes; /* 0 when reading failed */
} sv_csv_info;

/* Called once per record. Returns 0 to go on; non-zero stops reading, and then the function
 * must have set err (reading returns err->code). */
typedef int (*sv_csv_record_fn)(void *ctx, const sv_field *fields, size_t nfields, ceo_error *err);

/* Reads the CSV file at path. Returns CEO_OK, or CEO_EIO when the file cannot be read,
 * CEO_EDATA when it is not a CSV text file or is malformed (unterminated quote, field or
 * record too long, NUL byte), CEO_ENOMEM, or what the record function set. The error names
 * path, line and column (field number). */
ceo_status sv_csv_read_file(const char *path, const sv_csv_options *opt, sv_csv_record_fn fn,
                            void *ctx, sv_csv_info *info, ceo_error *err);

/* The same for len bytes in memory; name is used in error messages. */
ceo_status sv_csv_read_mem(const char *name, const void *data, size_t len,
                           const sv_csv_options *opt, sv_csv_record_fn fn, void *ctx,
                           sv_csv_info *info, ceo_error *err);

/* Picks the delimiter of a CSV text from its first bytes: the one of ',' ';' '\t' that splits
 * the first lines (outside quotes, after any blank lines) most consistently. Returns ',' when
 * none splits. */
char sv_csv_sniff_delimiter(const char *buf, size_t len);

#endif
