/*
 * sheet.c - small CSV tables read whole into one arena of NUL-terminated cells.
 *
 * Offsets, not pointers, are kept while reading because the arena moves as it grows.
 */
#include "sheet.h"

#include <string.h>

#include "csvsrc.h"
#include "../base/text.h"

struct sv_sheet {
    char *path;
    char *arena;
    size_t arena_len, arena_cap;
    size_t *cells; /* offsets into arena, row-major, ncols per row */
    size_t cells_cap;
    long *lines;
    size_t lines_cap;
    size_t ncols, nrows; /* nrows excludes the header */
    int header_done;
};

static int add_cell(sv_sheet *s, const char *data, size_t len, size_t idx)
{
    while (len && (data[0] == ' ' || data[0] == '\t'))
        data++, len--;
    while (len && (data[len - 1] == ' ' || data[len - 1] == '\t' || data[len - 1] == '\r'))
        len--;
    sv_buf u = {0};
    if (sv_to_utf8(&u, data, len, NULL) != 0)
        return -1;
    int rc = ceo_grow((void **)&s->arena, &s->arena_cap, s->arena_len + u.len + 1, 1);
    if (rc == 0) {
        s->cells[idx] = s->arena_len;
        memcpy(s->arena + s->arena_len, u.p, u.len);
        s->arena[s->arena_len + u.len] = '\0';
        s->arena_len += u.len + 1;
    }
    sv_buf_free(&u);
    return rc;
}

static int on_record(void *ctx, const sv_field *f, size_t n, ceo_error *err)
{
    sv_sheet *s = ctx;
    int blank = 1;
    for (size_t i = 0; i < n && blank; i++)
        blank = sv_is_blank(f[i].data, f[i].len);
    if (blank)
        return 0;
    if (!s->header_done) {
        s->ncols = n;
        s->header_done = 1;
    } else {
        s->nrows++;
    }
    size_t row = s->header_done && s->nrows ? s->nrows : 0;
    size_t base = row * s->ncols;
    if (ceo_grow((void **)&s->cells, &s->cells_cap, base + s->ncols, sizeof *s->cells) != 0 ||
        ceo_grow((void **)&s->lines, &s->lines_cap, row + 1, sizeof *s->lines) != 0)
        return ceo_error_set(err, CEO_ENOMEM, s->path, f[0].line, 0, "out of memory"), 1;
    s->lines[row] = f[0].line;
    for (size_t i = 0; i < s->ncols; i++) {
        int rc = i < n ? add_cell(s, f[i].data, f[i].len, base + i) : add_cell(s, "", 0, base + i);
        if (rc != 0)
            return ceo_error_set(err, CEO_ENOMEM, s->path, f[0].line, 0, "out of memory"), 1;
    }
    for (size_t i = s->ncols; i < n; i++)
        if (!sv_is_blank(f[i].data, f[i].len))
            return ceo_error_set(err, CEO_EDATA, s->path, f[i].line, (long)i + 1,
                                 "this row has more cells than the header"),
                   1;
    return 0;
}

sv_sheet *sv_sheet_load(const char *path, const char *const *required, ceo_error *err)
{
    sv_sheet *s = ceo_calloc(1, sizeof *s);
    if (!s || !(s->path = ceo_strdup(path))) {
        ceo_free(s);
        ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    if (sv_csv_read_file(path, NULL, on_record, s, NULL, err) != CEO_OK) {
        sv_sheet_free(s);
        return NULL;
    }
    if (!s->header_done) {
        ceo_error_set(err, CEO_EDATA, path, 1, 1, "the file has no header row");
        sv_sheet_free(s);
        return NULL;
    }
    /* A column named twice would make sv_sheet_col silently pick the first. */
    for (size_t i = 0; i < s->ncols; i++) {
        const char *name = s->arena + s->cells[i];
        if (*name && sv_sheet_col(s, name) != (int)i) {
            ceo_error_set(err, CEO_EDATA, path, s->lines[0], (long)i + 1,
                          "the header names the column '%s' twice (also column %d)", name,
                          sv_sheet_col(s, name) + 1);
            sv_sheet_free(s);
            return NULL;
        }
    }
    for (size_t k = 0; required && required[k]; k++)
        if (sv_sheet_col(s, required[k]) < 0) {
            ceo_error_set(err, CEO_EDATA, path, 1, 0, "the header has no column '%s'", required[k]);
            sv_sheet_free(s);
            return NULL;
        }
    return s;
}

void sv_sheet_free(sv_sheet *s)
{
    if (!s)
        return;
    ceo_free(s->path);
    ceo_free(s->arena);
    ceo_free(s->cells);
    ceo_free(s->lines);
    ceo_free(s);
}

const char *sv_sheet_path(const sv_sheet *s)
{
    return s->path;
}

size_t sv_sheet_rows(const sv_sheet *s)
{
    return s->nrows;
}

int sv_sheet_col(const sv_sheet *s, const char *name)
{
    for (size_t i = 0; i < s->ncols; i++)
        if (strcmp(s->arena + s->cells[i], name) == 0)
            return (int)i;
    return -1;
}

const char *sv_sheet_cell(const sv_sheet *s, size_t row, int col)
{
    if (col < 0 || (size_t)col >= s->ncols || row >= s->nrows)
        return "";
    return s->arena + s->cells[(row + 1) * s->ncols + (size_t)col];
}

long sv_sheet_line(const sv_sheet *s, size_t row)
{
    return row < s->nrows ? s->lines[row + 1] : 0;
}
