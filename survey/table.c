/*
 * table.c - storage of the coded survey table: per item one array over all respondents, and
 * the API that fills it (tablefill.h) and reads it (survey.h).
 *
 * Arrays grow together (one capacity for the table), so adding a row is a bounds check and a
 * few stores. Only items some file mapped get arrays. Missing is stored explicitly (0, NaN,
 * SV_MISSING_DATE) in every present item for every row, including rows from files that
 * lacked the item, so readers of the table never need to know which file a row came from.
 * The one exception is the options of a multi-select that an export did not ask (it had no
 * column for them): those are noted per row, in an array made only when some file lacks one.
 */
#include "tablepriv.h"

#include <math.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

sv_table *sv_table_new(const sv_codebook *cb, unsigned flags, ceo_error *err)
{
    sv_table *t = ceo_calloc(1, sizeof *t);
    if (!t)
        goto oom;
    t->cb = cb;
    t->flags = flags;
    t->nitems = cb ? sv_codebook_nitems(cb) : 0;
    t->items = ceo_calloc(t->nitems ? t->nitems : 1, sizeof *t->items);
    if (!t->items)
        goto oom;
    t->arena_len = 1; /* offset 0 means "no text" */
    if (ceo_grow((void **)&t->arena, &t->arena_cap, 1, 1) != 0)
        goto oom;
    t->arena[0] = '\0';
    return t;
oom:
    sv_table_free(t);
    ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    return NULL;
}

void sv_table_free(sv_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; t->items && i < t->nitems; i++) {
        sv_itemcol *c = &t->items[i];
        ceo_free(c->codes);
        ceo_free(c->nums);
        ceo_free(c->dates);
        ceo_free(c->multi);
        ceo_free(c->unasked);
        ceo_free(c->text);
        sv_strmap_free(c->groups);
        for (size_t k = 0; k < c->ngroups; k++)
            ceo_free(c->names[k]);
        ceo_free(c->names);
    }
    ceo_free(t->items);
    ceo_free(t->arena);
    ceo_free(t->wordlist);
    sv_wordlist_free(t->words);
    sv_strmap_free(t->orig);
    for (size_t i = 0; i < t->norigs; i++)
        ceo_free(t->origs[i]);
    ceo_free(t->origs);
    ceo_free(t);
}

int sv_table_set_wordlist(sv_table *t, const char *path)
{
    char *copy = path ? ceo_strdup(path) : NULL;
    if (path && !copy)
        return -1;
    ceo_free(t->wordlist);
    t->wordlist = copy;
    t->want_words = 1;
    return 0;
}

static int item_arrays(sv_table *t, int item, size_t cap)
{
    sv_itemcol *c = &t->items[item];
    const sv_item *it = sv_codebook_item(t->cb, (size_t)item);
    void *p;
    switch (it->type) {
    case SV_T_GETAL:
    case SV_T_CIJFER:
    case SV_T_SCORE:
        if (!(p = ceo_realloc(c->nums, cap * sizeof *c->nums)))
            return -1;
        c->nums = p;
        break;
    case SV_T_DATUM:
        if (!(p = ceo_realloc(c->dates, cap * sizeof *c->dates)))
            return -1;
        c->dates = p;
        break;
    case SV_T_MEER:
        if (!(p = ceo_realloc(c->multi, cap * sizeof *c->multi)))
            return -1;
        c->multi = p;
        if (c->unasked) {
            if (!(p = ceo_realloc(c->unasked, cap * sizeof *c->unasked)))
                return -1;
            c->unasked = p;
        }
        break;
    case SV_T_ID:
    case SV_T_TEKST:
        if ((t->flags & SV_KEEP_TEXT) || c->keep_text) {
            if (!(p = ceo_realloc(c->text, cap * sizeof *c->text)))
                return -1;
            c->text = p;
        }
        /* the codes array says "answered" for these too */
        __attribute__((fallthrough));
    default:
        if (!(p = ceo_realloc(c->codes, cap * sizeof *c->codes)))
            return -1;
        c->codes = p;
    }
    return 0;
}

static void set_missing(sv_table *t, int item, size_t from, size_t to)
{
    sv_itemcol *c = &t->items[item];
    if (to <= from)
        return;
    if (c->codes)
        memset(c->codes + from, 0, (to - from) * sizeof *c->codes);
    if (c->multi)
        memset(c->multi + from, 0, (to - from) * sizeof *c->multi);
    if (c->unasked)
        memset(c->unasked + from, 0, (to - from) * sizeof *c->unasked);
    if (c->text)
        memset(c->text + from, 0, (to - from) * sizeof *c->text);
    for (size_t r = from; c->nums && r < to; r++)
        c->nums[r] = NAN;
    for (size_t r = from; c->dates && r < to; r++)
        c->dates[r] = SV_MISSING_DATE;
}

int sv_table_use_item(sv_table *t, int item)
{
    sv_itemcol *c = &t->items[item];
    if (c->present)
        return 0;
    size_t cap = t->cap ? t->cap : 1;
    if (item_arrays(t, item, cap) != 0)
        return -1;
    if (sv_codebook_item(t->cb, (size_t)item)->type == SV_T_CATEGORIE && !c->groups &&
        !(c->groups = sv_strmap_new()))
        return -1;
    c->present = 1;
    t->mapped = 0; /* this item's pages are not */
    set_missing(t, item, 0, t->ready > t->nrows ? t->ready : t->nrows);
    return 0;
}

/* Maps the pages of p[0, n) in one call instead of one page fault per page as they are first
 * written (on a virtual machine a fault costs several times the zeroing of its page). A hint
 * only: Linux 5.14 and later; elsewhere, or when it fails, the pages fault in as before. */
static void prefault(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
    const uintptr_t page = 4096;
    uintptr_t a = ((uintptr_t)p + page - 1) & ~(page - 1), z = ((uintptr_t)p + n) & ~(page - 1);
    if (z > a)
        (void)madvise((void *)a, z - a, MADV_POPULATE_WRITE);
#else
    (void)p;
    (void)n;
#endif
}

/* Maps the pages of rows [from, to) of every present item's arrays (see prefault). */
static void prefault_rows(sv_table *t, size_t from, size_t to)
{
    for (size_t i = 0; i < t->nitems; i++) {
        sv_itemcol *c = &t->items[i];
        if (!c->present)
            continue;
        if (c->codes)
            prefault(c->codes + from, (to - from) * sizeof *c->codes);
        if (c->nums)
            prefault(c->nums + from, (to - from) * sizeof *c->nums);
        if (c->dates)
            prefault(c->dates + from, (to - from) * sizeof *c->dates);
        if (c->multi)
            prefault(c->multi + from, (to - from) * sizeof *c->multi);
        if (c->unasked)
            prefault(c->unasked + from, (to - from) * sizeof *c->unasked);
        if (c->text)
            prefault(c->text + from, (to - from) * sizeof *c->text);
    }
}

int sv_table_reserve(sv_table *t, size_t rows)
{
    if (rows <= t->cap)
        return 0;
    /* An item that fails keeps its larger array; the capacity says what all of them hold. */
    for (size_t i = 0; i < t->nitems; i++)
        if (t->items[i].present && item_arrays(t, (int)i, rows) != 0)
            return -1;
    t->cap = rows;
    t->mapped = 0; /* the arrays moved */
    return 0;
}

long sv_table_add_row(sv_table *t)
{
    if (t->nrows == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 1024;
        for (size_t i = 0; i < t->nitems; i++)
            if (t->items[i].present && item_arrays(t, (int)i, ncap) != 0)
                return -1;
        t->cap = ncap;
        t->mapped = 0; /* the arrays moved */
    }
    size_t r = t->nrows++;
    if (r >= t->ready) {
        /* Missing is written ahead in blocks: one pass per item per block instead of a
         * pass over the items for every row. */
        size_t to = r + 4096 < t->cap ? r + 4096 : t->cap;
        /* The pages under the next 64K rows are mapped in one call per array; no further
         * ahead, as the capacity may be an estimate far beyond the rows that come. */
        if (t->mapped < t->ready)
            t->mapped = t->ready; /* written already (or copied when the arrays grew) */
        if (to > t->mapped) {
            size_t ahead = t->cap - t->mapped > 65536 ? t->mapped + 65536 : t->cap;
            if (ahead < to)
                ahead = to;
            prefault_rows(t, t->mapped, ahead);
            t->mapped = ahead;
        }
        for (size_t i = 0; i < t->nitems; i++)
            if (t->items[i].present)
                set_missing(t, (int)i, r, to);
        t->ready = to;
    }
    return (long)r;
}

/* The item's column when item is in use and row a row of the table, else NULL. */
static sv_itemcol *cell(sv_table *t, int item, size_t row)
{
    if (item < 0 || (size_t)item >= t->nitems || !t->items[item].present || row >= t->nrows)
        return NULL;
    return &t->items[item];
}

int sv_table_set_code(sv_table *t, int item, size_t row, uint16_t code)
{
    sv_itemcol *c = cell(t, item, row);
    if (!c || !c->codes)
        return -1;
    c->codes[row] = code;
    return 0;
}

int sv_table_set_number(sv_table *t, int item, size_t row, double v)
{
    sv_itemcol *c = cell(t, item, row);
    if (!c || !c->nums)
        return -1;
    c->nums[row] = v;
    return 0;
}

int sv_table_set_date(sv_table *t, int item, size_t row, int64_t v)
{
    sv_itemcol *c = cell(t, item, row);
    if (!c || !c->dates)
        return -1;
    c->dates[row] = v;
    return 0;
}

int sv_table_set_multi(sv_table *t, int item, size_t row, uint32_t bits)
{
    sv_itemcol *c = cell(t, item, row);
    if (!c || !c->multi)
        return -1;
    c->multi[row] = bits;
    return 0;
}

int sv_table_group_add(sv_table *t, int item, const char *norm, size_t nlen, const char *display,
                       size_t dlen)
{
    sv_itemcol *c = &t->items[item];
    int k;
    if (sv_strmap_get(c->groups, norm, nlen, &k))
        return k;
    if (c->ngroups >= 65534 ||
        ceo_grow((void **)&c->names, &c->names_cap, c->ngroups + 1, sizeof *c->names) != 0)
        return -1;
    char *name = ceo_strndup(display, dlen);
    if (!name || sv_strmap_put(c->groups, norm, nlen, (int)c->ngroups) != 0) {
        ceo_free(name);
        return -1;
    }
    c->names[c->ngroups] = name;
    return (int)c->ngroups++;
}

int sv_table_set_text(sv_table *t, int item, size_t row, const char *s, size_t n)
{
    sv_itemcol *c = &t->items[item];
    if (!c->text)
        return 0;
    if (ceo_grow((void **)&t->arena, &t->arena_cap, t->arena_len + n + 1, 1) != 0)
        return -1;
    memcpy(t->arena + t->arena_len, s, n);
    t->arena[t->arena_len + n] = '\0';
    c->text[row] = t->arena_len;
    t->arena_len += n + 1;
    return 0;
}

int sv_table_set_unasked(sv_table *t, int item, size_t from, size_t to, uint32_t mask)
{
    sv_itemcol *c = &t->items[item];
    if (!c->multi || (!mask && !c->unasked) || to <= from)
        return 0;
    if (!c->unasked) {
        /* rows not written yet are zeroed as they are reached (set_missing) */
        if (!(c->unasked = ceo_calloc(t->cap ? t->cap : 1, sizeof *c->unasked)))
            return -1;
        t->mapped = 0; /* this array's pages are not */
    }
    for (size_t r = from; r < to; r++)
        c->unasked[r] = mask;
    return 0;
}

int sv_table_mark_take(const sv_table *t, sv_table_mark *m)
{
    m->nrows = t->nrows;
    m->arena_len = t->arena_len;
    m->ngroups = ceo_calloc(t->nitems ? t->nitems : 1, sizeof *m->ngroups);
    if (!m->ngroups)
        return -1;
    for (size_t i = 0; i < t->nitems; i++)
        m->ngroups[i] = t->items[i].ngroups;
    return 0;
}

void sv_table_rollback(sv_table *t, sv_table_mark *m)
{
    t->nrows = m->nrows;
    t->ready = m->nrows; /* the rows given up are written missing again when reached */
    t->arena_len = m->arena_len;
    for (size_t i = 0; i < t->nitems; i++) {
        sv_itemcol *c = &t->items[i];
        if (c->ngroups == m->ngroups[i])
            continue;
        for (size_t k = m->ngroups[i]; k < c->ngroups; k++)
            ceo_free(c->names[k]);
        c->ngroups = m->ngroups[i];
        sv_strmap_drop_from(c->groups, (int)c->ngroups);
    }
}

void sv_table_mark_drop(sv_table_mark *m)
{
    ceo_free(m->ngroups);
    m->ngroups = NULL;
}

size_t sv_table_rows(const sv_table *t)
{
    return t->nrows;
}

const sv_codebook *sv_table_codebook(const sv_table *t)
{
    return t->cb;
}

int sv_table_keep_text(sv_table *t, int item)
{
    if (item < 0 || (size_t)item >= t->nitems || t->items[item].present)
        return -1;
    sv_type type = sv_codebook_item(t->cb, (size_t)item)->type;
    if (type != SV_T_ID && type != SV_T_TEKST)
        return -1;
    t->items[item].keep_text = 1;
    return 0;
}

void sv_table_set_key(sv_table *t, const sv_key *key, int keep_originals)
{
    t->key = key;
    t->keep_originals = key && keep_originals;
}

const sv_key *sv_table_key(const sv_table *t)
{
    return t->key;
}

int sv_table_keeps_originals(const sv_table *t)
{
    return t->keep_originals;
}

int sv_table_note_original(sv_table *t, const char *pseudonym, const char *s, size_t n)
{
    int idx;
    if (!t->orig && !(t->orig = sv_strmap_new()))
        return -1;
    if (sv_strmap_get(t->orig, pseudonym, strlen(pseudonym), &idx))
        return 0;
    char *copy = ceo_strndup(s, n);
    if (!copy ||
        ceo_grow((void **)&t->origs, &t->origs_cap, t->norigs + 1, sizeof *t->origs) != 0 ||
        sv_strmap_put(t->orig, pseudonym, strlen(pseudonym), (int)t->norigs) != 0) {
        ceo_free(copy);
        return -1;
    }
    t->origs[t->norigs++] = copy;
    return 0;
}

const char *sv_table_original(const sv_table *t, const char *pseudonym)
{
    int idx;
    if (!t->orig || !pseudonym || !sv_strmap_get(t->orig, pseudonym, strlen(pseudonym), &idx))
        return NULL;
    return t->origs[idx];
}

void sv_table_set_year(sv_table *t, int year)
{
    t->year = year;
}

int sv_table_has(const sv_table *t, int item)
{
    return item >= 0 && (size_t)item < t->nitems && t->items[item].present;
}

const uint16_t *sv_table_codes(const sv_table *t, int item)
{
    return sv_table_has(t, item) ? t->items[item].codes : NULL;
}

const double *sv_table_numbers(const sv_table *t, int item)
{
    return sv_table_has(t, item) ? t->items[item].nums : NULL;
}

const int64_t *sv_table_dates(const sv_table *t, int item)
{
    return sv_table_has(t, item) ? t->items[item].dates : NULL;
}

const uint32_t *sv_table_multi(const sv_table *t, int item)
{
    return sv_table_has(t, item) ? t->items[item].multi : NULL;
}

const uint32_t *sv_table_multi_unasked(const sv_table *t, int item)
{
    return sv_table_has(t, item) ? t->items[item].unasked : NULL;
}

const char *sv_table_text(const sv_table *t, int item, size_t row)
{
    if (!sv_table_has(t, item) || !t->items[item].text || row >= t->nrows)
        return NULL;
    uint64_t off = t->items[item].text[row];
    return off ? t->arena + off : NULL;
}

size_t sv_table_ngroups(const sv_table *t, int item)
{
    return sv_table_has(t, item) ? t->items[item].ngroups : 0;
}

const char *sv_table_group(const sv_table *t, int item, size_t k)
{
    return k < sv_table_ngroups(t, item) ? t->items[item].names[k] : NULL;
}
