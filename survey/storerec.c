/*
 * storerec.c - the stored record of a respondent's answers: a table row encoded, and a record
 * decoded into a new row of a table through the table's filling API (tablefill.h).
 *
 * A respondent's answers are one record: "item id US value RS" for every item with a value,
 * where a category is its id in the codebook's scale, a group (gemeente, aanbieder) its name,
 * a number "%.17g", a date seconds since 1970, a multi-select "!" and its option ids joined by
 * '|' (then, only when the export did not ask some options, '~' and those ids joined by '|',
 * so that the record of a question asked whole stays as it always was), and kept text as written
 * (the separators US 0x1F and RS 0x1E cannot occur in it: they are replaced by spaces). The
 * record's SHA-256 tells whether an overlapping export brings the same answers again. Ids, not
 * positions, are stored, so a store outlives codebook edits.
 */
#include "storepriv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/sha256.h"
#include "tablefill.h"

#define US '\x1F'
#define RS '\x1E'

void sv_rec_hash(const void *p, size_t n, char hex[65])
{
    sv_sha256 h;
    sv_sha256_init(&h);
    sv_sha256_add(&h, p, n);
    sv_sha256_hex(&h, hex);
}

int sv_rec_cat(const sv_scale *sc, const char *id, size_t n)
{
    for (size_t k = 0; k < sc->ncats; k++)
        if (strlen(sc->cats[k].id) == n && memcmp(sc->cats[k].id, id, n) == 0)
            return (int)k;
    return -1;
}

static int put(sv_buf *b, const char *id, const char *v, size_t n)
{
    char us = US, rs = RS;
    if (sv_buf_add(b, id, strlen(id)) || sv_buf_add(b, &us, 1))
        return -1;
    size_t from = b->len;
    if (sv_buf_add(b, v, n) || sv_buf_add(b, &rs, 1))
        return -1;
    for (size_t i = from; i < b->len - 1; i++)
        if (b->p[i] == US || b->p[i] == RS)
            b->p[i] = ' ';
    return 0;
}

/* Whether row r of t consented to be contacted (contact_toestemming = ja). */
static int consented(const sv_table *t, size_t r)
{
    const sv_codebook *cb = sv_table_codebook(t);
    int k = sv_codebook_find(cb, "contact_toestemming");
    const uint16_t *codes = k >= 0 && sv_table_has(t, k) ? sv_table_codes(t, k) : NULL;
    const sv_item *it = k >= 0 ? sv_codebook_item(cb, (size_t)k) : NULL;
    const sv_scale *sc = it && it->scale >= 0 ? sv_codebook_scale(cb, it->scale) : NULL;
    int yes = sc ? sv_rec_cat(sc, "ja", 2) : -1;
    return codes && yes >= 0 && codes[r] == (uint16_t)(yes + 1);
}

/* Contact details (contact_naam, contact_telefoon,
 * contact_email) are kept only for a respondent who consented to be contacted: the store holds
 * no name, phone number or e-mail address of anyone who said no or did not answer. */
int sv_rec_encode(const sv_table *t, size_t r, sv_buf *b)
{
    const sv_codebook *cb = sv_table_codebook(t);
    b->len = 0;
    if (sv_buf_set(b, "", 0))
        return -1;
    char num[64];
    int contact = consented(t, r);
    for (size_t i = 0; i < sv_codebook_nitems(cb); i++) {
        if (!sv_table_has(t, (int)i))
            continue;
        const sv_item *it = sv_codebook_item(cb, i);
        if (!contact &&
            (strcmp(it->id, "contact_naam") == 0 || strcmp(it->id, "contact_telefoon") == 0 ||
             strcmp(it->id, "contact_email") == 0))
            continue;
        const sv_scale *sc = it->scale >= 0 ? sv_codebook_scale(cb, it->scale) : NULL;
        const uint16_t *codes = sv_table_codes(t, (int)i);
        const double *nums = sv_table_numbers(t, (int)i);
        const int64_t *dates = sv_table_dates(t, (int)i);
        const uint32_t *multi = sv_table_multi(t, (int)i);
        const uint32_t *unasked = sv_table_multi_unasked(t, (int)i);
        int rc = 0;
        if (it->type == SV_T_ID || it->type == SV_T_TEKST) {
            const char *s = codes && codes[r] ? sv_table_text(t, (int)i, r) : NULL;
            if (s)
                rc = put(b, it->id, s, strlen(s));
            else if (codes && codes[r])
                rc = put(b, it->id, "", 0);
        } else if (it->type == SV_T_CATEGORIE) {
            if (codes && codes[r]) {
                const char *g = sv_table_group(t, (int)i, codes[r] - 1u);
                rc = put(b, it->id, g, strlen(g));
            }
        } else if (codes && sc) {
            if (codes[r] && codes[r] <= sc->ncats)
                rc = put(b, it->id, sc->cats[codes[r] - 1].id, strlen(sc->cats[codes[r] - 1].id));
        } else if (nums) {
            if (!isnan(nums[r])) {
                int n = snprintf(num, sizeof num, "%.17g", nums[r]);
                rc = put(b, it->id, num, (size_t)n);
            }
        } else if (dates) {
            if (dates[r] != SV_MISSING_DATE) {
                int n = snprintf(num, sizeof num, "%lld", (long long)dates[r]);
                rc = put(b, it->id, num, (size_t)n);
            }
        } else if (multi && sc && (multi[r] & SV_MULTI_ANSWERED)) {
            sv_buf v = {0};
            rc = sv_buf_set(&v, "!", 1);
            for (size_t k = 0; !rc && k < sc->ncats && k < 31; k++)
                if (multi[r] & (1u << k))
                    rc = (v.len > 1 && sv_buf_add(&v, "|", 1)) ||
                         sv_buf_add(&v, sc->cats[k].id, strlen(sc->cats[k].id));
            if (!rc && unasked && unasked[r]) {
                size_t from = v.len;
                rc = sv_buf_add(&v, "~", 1);
                for (size_t k = 0; !rc && k < sc->ncats && k < 31; k++)
                    if (unasked[r] & (1u << k))
                        rc = (v.len > from + 1 && sv_buf_add(&v, "|", 1)) ||
                             sv_buf_add(&v, sc->cats[k].id, strlen(sc->cats[k].id));
            }
            if (!rc)
                rc = put(b, it->id, v.p, v.len);
            sv_buf_free(&v);
        }
        if (rc)
            return -1;
    }
    return 0;
}

void sv_rec_reader_free(sv_rec_reader *rd)
{
    if (!rd)
        return;
    for (size_t i = 0; rd->values && i < rd->nitems; i++)
        sv_strmap_free(rd->values[i]);
    for (size_t i = 0; rd->catlen && i < rd->nitems; i++)
        ceo_free(rd->catlen[i]);
    ceo_free(rd->values);
    ceo_free(rd->catlen);
    ceo_free(rd->idlen);
    sv_buf_free(&rd->tmp);
    *rd = (sv_rec_reader){0};
}

static int reader_start(sv_rec_reader *rd, const sv_codebook *cb)
{
    size_t n = sv_codebook_nitems(cb);
    rd->idlen = ceo_calloc(n ? n : 1, sizeof *rd->idlen);
    rd->values = ceo_calloc(n ? n : 1, sizeof *rd->values);
    rd->catlen = ceo_calloc(n ? n : 1, sizeof *rd->catlen);
    if (!rd->idlen || !rd->values || !rd->catlen) {
        sv_rec_reader_free(rd);
        return -1;
    }
    rd->nitems = n;
    for (size_t i = 0; i < n; i++)
        rd->idlen[i] = strlen(sv_codebook_item(cb, i)->id);
    return 0;
}

/* The item whose id is id (n bytes, not terminated), looked for from item next on (records
 * are written in codebook order, sv_rec_encode, so a record of v values costs about v
 * comparisons), then before it; -1 when none. */
static int find_item(const sv_codebook *cb, const sv_rec_reader *rd, size_t next, const char *id,
                     size_t n)
{
    for (size_t k = 0; k < rd->nitems; k++) {
        size_t i = next + k < rd->nitems ? next + k : next + k - rd->nitems;
        if (rd->idlen[i] == n && memcmp(sv_codebook_item(cb, i)->id, id, n) == 0)
            return (int)i;
    }
    return -1;
}

/* A number as sv_rec_encode writes it ("%.17g"): digits alone, the common case, read
 * directly (exactly, up to 15 digits); anything else by strtod. */
static double rec_number(const char *v, size_t n)
{
    if (n && n <= 15) {
        int neg = v[0] == '-';
        double x = 0;
        size_t k = (size_t)neg;
        for (; k < n && v[k] >= '0' && v[k] <= '9'; k++)
            x = x * 10 + (v[k] - '0');
        if (k == n && n > (size_t)neg)
            return neg ? -x : x;
    }
    return strtod(v, NULL);
}

/* The group of a categorie value as stored (v, n bytes) in item i of t; -1 out of memory. */
static int rec_group(sv_table *t, int i, sv_rec_reader *rd, const char *v, size_t n)
{
    int g;
    if (!rd->values[i] && !(rd->values[i] = sv_strmap_new()))
        return -1;
    if (sv_strmap_get(rd->values[i], v, n, &g))
        return g;
    if (sv_norm_value(&rd->tmp, v, n) != 0)
        return -1;
    g = sv_table_group_add(t, i, rd->tmp.p, rd->tmp.len, v, n);
    return g < 0 || sv_strmap_put(rd->values[i], v, n, g) != 0 ? -1 : g;
}

/* The category of sc (item i's scale) a value as stored (v, n bytes) is, -1 when none; -2 out
 * of memory. */
static int rec_cat(sv_rec_reader *rd, int i, const sv_scale *sc, const char *v, size_t n)
{
    if (!sc)
        return -1;
    size_t *len = rd->catlen[i];
    if (!len) {
        if (!(len = rd->catlen[i] = ceo_calloc(sc->ncats + 1, sizeof *len)))
            return -2;
        for (size_t k = 0; k < sc->ncats; k++)
            len[k] = strlen(sc->cats[k].id);
    }
    for (size_t k = 0; k < sc->ncats; k++)
        if (len[k] == n && memcmp(sc->cats[k].id, v, n) == 0)
            return (int)k;
    return -1;
}

int sv_rec_decode(sv_table *t, const char *rec, size_t len, long *skipped, sv_rec_reader *rd)
{
    const sv_codebook *cb = sv_table_codebook(t);
    if (!rd->idlen && reader_start(rd, cb) != 0)
        return -1;
    long row = sv_table_add_row(t);
    if (row < 0)
        return -1;
    const char *p = rec, *end = rec + len;
    size_t next = 0;
    while (p < end) {
        const char *us = memchr(p, US, (size_t)(end - p));
        const char *rs = us ? memchr(us, RS, (size_t)(end - us)) : NULL;
        if (!us || !rs)
            break;
        size_t idn = (size_t)(us - p), vn = (size_t)(rs - us - 1);
        const char *v = us + 1;
        int i = find_item(cb, rd, next, p, idn);
        p = rs + 1;
        if (i < 0) {
            (*skipped)++;
            continue;
        }
        next = (size_t)i + 1;
        const sv_item *it = sv_codebook_item(cb, (size_t)i);
        const sv_scale *sc = it->scale >= 0 ? sv_codebook_scale(cb, it->scale) : NULL;
        if (sv_table_use_item(t, i) != 0)
            return -1;
        size_t r = (size_t)row;
        int rc = 0;
        switch (it->type) {
        case SV_T_ID:
        case SV_T_TEKST:
            rc = sv_table_set_code(t, i, r, 1) || sv_table_set_text(t, i, r, v, vn);
            break;
        case SV_T_CATEGORIE: {
            int g = rec_group(t, i, rd, v, vn);
            rc = g < 0 || sv_table_set_code(t, i, r, (uint16_t)(g + 1));
            break;
        }
        case SV_T_LIKERT:
        case SV_T_JANEE:
        case SV_T_ENKEL: {
            int k = rec_cat(rd, i, sc, v, vn);
            if (k < -1)
                return -1;
            if (k < 0)
                (*skipped)++;
            else
                rc = sv_table_set_code(t, i, r, (uint16_t)(k + 1));
            break;
        }
        case SV_T_GETAL:
        case SV_T_CIJFER:
        case SV_T_SCORE:
            rc = sv_table_set_number(t, i, r, rec_number(v, vn));
            break;
        case SV_T_DATUM:
            rc = sv_table_set_date(t, i, r, strtoll(v, NULL, 10));
            break;
        case SV_T_MEER: {
            uint32_t bits = SV_MULTI_ANSWERED, unasked = 0, *into = &bits;
            const char *q = v + (vn && v[0] == '!'), *ve = v + vn;
            while (sc && q < ve) {
                const char *bar = memchr(q, '|', (size_t)(ve - q));
                const char *tilde = into == &bits ? memchr(q, '~', (size_t)(ve - q)) : NULL;
                if (tilde && (!bar || tilde < bar))
                    bar = tilde;
                size_t on = bar ? (size_t)(bar - q) : (size_t)(ve - q);
                int k = on ? rec_cat(rd, i, sc, q, on) : -1;
                if (k < -1)
                    return -1;
                if (k >= 0 && k < 31)
                    *into |= 1u << k;
                else if (on)
                    (*skipped)++;
                if (bar && bar == tilde)
                    into = &unasked; /* the options not asked follow */
                q += on + 1;
            }
            rc = sv_table_set_multi(t, i, r, bits) || sv_table_set_unasked(t, i, r, r + 1, unasked);
            break;
        }
        }
        /* the item is in use and the row added, so only memory can fail */
        if (rc)
            return -1;
    }
    return 0;
}

const char *sv_rec_value(const char *rec, size_t len, const char *id, size_t *n)
{
    size_t idn = strlen(id);
    const char *p = rec, *end = rec + len;
    while (p < end) {
        const char *us = memchr(p, US, (size_t)(end - p));
        const char *rs = us ? memchr(us, RS, (size_t)(end - us)) : NULL;
        if (!us || !rs)
            return NULL;
        if ((size_t)(us - p) == idn && memcmp(p, id, idn) == 0) {
            *n = (size_t)(rs - us - 1);
            return us + 1;
        }
        p = rs + 1;
    }
    return NULL;
}
