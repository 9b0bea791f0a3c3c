/*
 * pseudofile.c - copies an export with pseudonyms in place of ids (pseudofile.h).
 *
 * The reader decides which columns are what and who consented; the copy then walks the raw
 * bytes itself, field by field (quotes, doubled quotes, line breaks inside quotes), so that a
 * byte that is not replaced is written exactly as it came. A row's consent is found through its
 * pseudonym: the reader's rows and the file's records need not line up (the reader leaves out
 * test rows), and a respondent listed twice keeps contact fields only when every row consents.
 */
#include "pseudofile.h"

#include <string.h>

#include "../base/strmap.h"
#include "../base/text.h"

typedef struct {
    const char *p; /* the raw field, quotes included */
    size_t n;
} rawfield;

/* The field starting at p: its raw extent, and its value (quotes removed) in val. */
static const char *next_field(const char *p, const char *end, char delim, int lone_cr, rawfield *f,
                              sv_buf *val, int *eol)
{
    const char *start = p;
    val->len = 0;
    int ok = 0;
    if (p < end && *p == '"') {
        p++;
        for (;;) {
            const char *q = memchr(p, '"', (size_t)(end - p));
            if (!q) {
                ok |= sv_buf_add(val, p, (size_t)(end - p));
                p = end;
                break;
            }
            ok |= sv_buf_add(val, p, (size_t)(q - p));
            p = q + 1;
            if (p < end && *p == '"') {
                ok |= sv_buf_add(val, "\"", 1);
                p++;
                continue;
            }
            break;
        }
    }
    /* unquoted text, or what follows a closing quote */
    const char *t = p;
    while (p < end && *p != delim && *p != '\n' &&
           !(*p == '\r' && (lone_cr || p + 1 == end || p[1] == '\n')))
        p++;
    ok |= sv_buf_add(val, t, (size_t)(p - t));
    f->p = start;
    f->n = (size_t)(p - start);
    *eol = p >= end || *p != delim;
    if (ok)
        return NULL;
    return p;
}

static int consent_yes(const sv_codebook *cb, int item)
{
    const sv_item *it = sv_codebook_item(cb, (size_t)item);
    const sv_scale *sc = it->scale >= 0 ? sv_codebook_scale(cb, it->scale) : NULL;
    for (size_t k = 0; sc && k < sc->ncats; k++)
        if (strcmp(sc->cats[k].id, "ja") == 0)
            return (int)k + 1;
    return 0;
}

/* pseudonym -> 1 when every row with it consented, 0 otherwise. */
static sv_strmap *consents(const sv_table *t, ceo_error *err)
{
    const sv_codebook *cb = sv_table_codebook(t);
    int kid = sv_codebook_find(cb, "respondent_id"),
        kc = sv_codebook_find(cb, "contact_toestemming");
    const uint16_t *c = kc >= 0 ? sv_table_codes(t, kc) : NULL;
    int yes = kc >= 0 ? consent_yes(cb, kc) : 0;
    sv_strmap *m = sv_strmap_new();
    for (size_t r = 0; m && r < sv_table_rows(t); r++) {
        const char *id = kid >= 0 ? sv_table_text(t, kid, r) : NULL;
        if (!id)
            continue;
        int v = c && yes && c[r] == yes, old;
        if (sv_strmap_get(m, id, strlen(id), &old))
            v = v && old;
        if (sv_strmap_put(m, id, strlen(id), v) != 0) {
            sv_strmap_free(m);
            m = NULL;
        }
    }
    if (!m)
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    return m;
}

static int is_contact(const sv_codebook *cb, int item)
{
    if (item < 0)
        return 0;
    const char *id = sv_codebook_item(cb, (size_t)item)->id;
    return strcmp(id, "contact_naam") == 0 || strcmp(id, "contact_telefoon") == 0 ||
           strcmp(id, "contact_email") == 0;
}

ceo_status sv_pseudonymise_file(const char *path, const sv_codebook *cb, const sv_project *proj,
                                const sv_key *key, FILE *out, sv_pseudo_stats *stats,
                                ceo_error *err)
{
    memset(stats, 0, sizeof *stats);
    sv_table *t = sv_table_new(cb, SV_KEEP_TEXT, err);
    if (!t)
        return err ? err->code : CEO_ENOMEM;
    sv_table_set_key(t, key, 0);
    sv_report *rep = NULL;
    ceo_status st = sv_table_read(t, path, proj, &rep, err);
    char *data = NULL;
    size_t len = 0, cap = 0;
    unsigned char *role = NULL; /* per column: 1 pseudonymise, 2 contact field */
    sv_strmap *consent = NULL;
    sv_buf val = {0}, u = {0};
    if (st)
        goto done;
    if (rep->format) {
        st = ceo_error_set(err, CEO_EDATA, path, 0, 0,
                           "a %s file: pseudonymise copies CSV text exports byte for byte; "
                           "export the survey as CSV",
                           rep->format);
        goto done;
    }
    FILE *in = fopen(path, "rb");
    if (!in) {
        st = ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot read the file");
        goto done;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) {
        if (ceo_grow((void **)&data, &cap, len + n, 1) != 0) {
            st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
            break;
        }
        memcpy(data + len, chunk, n);
        len += n;
    }
    if (!st && ferror(in))
        st = ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot read the file");
    fclose(in);
    if (st)
        goto done;
    if (!(role = ceo_calloc(rep->ncols + 1, 1)) || !(consent = consents(t, err))) {
        st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        goto done;
    }
    int rid = sv_codebook_find(cb, "respondent_id");
    for (size_t j = 0; j < rep->ncols; j++) {
        const sv_colinfo *c = &rep->cols[j];
        const char *item = c->item >= 0 ? sv_codebook_item(cb, (size_t)c->item)->id : NULL;
        if ((c->item >= 0 && c->item == rid) || sv_pseudo_column(proj, c->header, item)) {
            role[j] = 1;
            stats->columns++;
            if (c->item == rid && c->item >= 0)
                stats->id_column = (int)j + 1;
        } else if (is_contact(cb, c->item)) {
            role[j] = 2;
        }
    }
    const char *p = data, *end = data + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    if (rep->sep_line) {
        while (p < end && *p != '\n' && *p != '\r')
            p++;
        p += p < end && *p == '\r';
        p += p < end && *p == '\n';
    }
    fwrite(data, 1, (size_t)(p - data), out);
    char delim = rep->delimiter;
    long records = 0;
    rawfield *fields = NULL;
    size_t fcap = 0;
    while (p < end && !st) {
        /* one record: its fields, then decide, then write */
        size_t nf = 0;
        int eol = 0, blank = 1;
        const char *rec = p;
        const char *idp = NULL;
        char pseudo[SV_PSEUDONYM_LEN + 1] = "";
        /* first pass: extents and the id */
        while (!eol) {
            rawfield f;
            if (ceo_grow((void **)&fields, &fcap, nf + 1, sizeof *fields) != 0 ||
                !(p = next_field(p, end, delim, rep->cr, &f, &val, &eol))) {
                st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
                break;
            }
            blank = blank && sv_is_blank(val.p, val.len);
            if (nf == (size_t)stats->id_column - 1 && stats->id_column &&
                !sv_is_blank(val.p, val.len)) {
                if (sv_to_utf8(&u, val.p, val.len, NULL) != 0) {
                    st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
                    break;
                }
                if (sv_is_pseudonym(u.p, u.len)) {
                    size_t a = 0, b = u.len;
                    while (a < b && (u.p[a] == ' ' || u.p[a] == '\t'))
                        a++;
                    memcpy(pseudo, u.p + a, SV_PSEUDONYM_LEN);
                    pseudo[SV_PSEUDONYM_LEN] = '\0';
                } else {
                    sv_pseudonym(key, u.p, u.len, pseudo);
                }
                idp = pseudo;
            }
            fields[nf++] = f;
            if (!eol)
                p++; /* the delimiter */
        }
        if (st)
            break;
        const char *line_end = p;
        if (p < end && *p == '\r')
            p++;
        if (p < end && *p == '\n')
            p++;
        int data_row = !blank && records++ >= rep->header_rows;
        if (!data_row) {
            fwrite(rec, 1, (size_t)(p - rec), out);
            continue;
        }
        stats->rows++;
        int v = 0;
        int ok = idp && sv_strmap_get(consent, idp, strlen(idp), &v) && v;
        stats->consenting += ok;
        for (size_t j = 0; j < nf && !st; j++) {
            if (j)
                fputc(delim, out);
            const rawfield *f = &fields[j];
            unsigned char r = j < rep->ncols ? role[j] : 0;
            if (r == 0 || (r == 2 && ok)) {
                fwrite(f->p, 1, f->n, out);
                continue;
            }
            /* the field's value again, for its own test of blank and pseudonym */
            int e;
            rawfield g;
            if (!next_field(f->p, f->p + f->n, delim, rep->cr, &g, &val, &e) ||
                sv_to_utf8(&u, val.p, val.len, NULL) != 0) {
                st = ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
                break;
            }
            if (sv_is_blank(u.p, u.len)) {
                fwrite(f->p, 1, f->n, out);
            } else if (r == 2) {
                stats->emptied++;
            } else if (sv_is_pseudonym(u.p, u.len)) {
                stats->kept++;
                fwrite(f->p, 1, f->n, out);
            } else {
                char ps[SV_PSEUDONYM_LEN + 1];
                sv_pseudonym(key, u.p, u.len, ps);
                int quoted = f->n && f->p[0] == '"'; /* the quotes stay as they were */
                fprintf(out, quoted ? "\"%s\"" : "%s", ps);
                stats->pseudonyms++;
            }
        }
        fwrite(line_end, 1, (size_t)(p - line_end), out);
    }
    ceo_free(fields);
    if (!st && ferror(out))
        st = ceo_error_set(err, CEO_EIO, NULL, 0, 0, "cannot write the output");
done:
    sv_buf_free(&val);
    sv_buf_free(&u);
    sv_strmap_free(consent);
    ceo_free(role);
    ceo_free(data);
    sv_report_free(rep);
    sv_table_free(t);
    return st;
}
