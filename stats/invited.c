/*
 * invited.c - [uitgezet] bestand read whole (gemeente, voorziening, maand, uitgezet), and the
 * response per gemeente and voorziening over the months of a period.
 *
 * Names are matched normalised (case, spacing), as the reader groups gemeenten. A response is
 * given only from counts that cover the period: every month of it in a monthly file, or a year
 * of fieldwork in a file without months; otherwise the row says why there is none. Files are
 * small (gemeenten x voorzieningen x months), so a lookup walks the rows.
 */
#include "invited.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/strmap.h"
#include "../base/text.h"
#include "../survey/sheet.h"
#include "../survey/values.h"
#include "stats.h"

typedef struct {
    char *gem, *voo; /* normalised; voo "" when the row has none */
    int month;       /* YYYYMM, 0 without a maand column */
    long n;
} entry;

struct st_invited {
    entry *e;
    size_t n;
    int monthly;
};

int st_month_parse(const char *s)
{
    if (strlen(s) != 7 || s[4] != '-')
        return -1;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    if (y < 1900 || m < 1 || m > 12)
        return -1;
    return y * 100 + m;
}

void st_invited_free(st_invited *inv)
{
    if (!inv)
        return;
    for (size_t i = 0; i < inv->n; i++) {
        ceo_free(inv->e[i].gem);
        ceo_free(inv->e[i].voo);
    }
    ceo_free(inv->e);
    ceo_free(inv);
}

int st_invited_monthly(const st_invited *inv)
{
    return inv && inv->monthly;
}

static char *norm_dup(sv_buf *tmp, const char *s)
{
    if (sv_norm_value(tmp, s, strlen(s)) != 0)
        return NULL;
    char *d = ceo_malloc(tmp->len + 1);
    if (d) {
        memcpy(d, tmp->p, tmp->len);
        d[tmp->len] = '\0';
    }
    return d;
}

st_invited *st_invited_load(const char *path, ceo_error *err)
{
    static const char *const req[] = {"gemeente", "uitgezet", NULL};
    sv_sheet *s = sv_sheet_load(path, req, err);
    if (!s)
        return NULL;
    int c_g = sv_sheet_col(s, "gemeente"), c_v = sv_sheet_col(s, "voorziening"),
        c_m = sv_sheet_col(s, "maand"), c_u = sv_sheet_col(s, "uitgezet");
    size_t rows = sv_sheet_rows(s);
    st_invited *inv = ceo_calloc(1, sizeof *inv);
    sv_strmap *seen = sv_strmap_new();
    sv_buf tmp = {0}, key = {0};
    ceo_status st = CEO_OK;
    if (!inv || !seen || !(inv->e = ceo_calloc(rows ? rows : 1, sizeof *inv->e)))
        st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    if (inv)
        inv->monthly = c_m >= 0;
    for (size_t r = 0; st == CEO_OK && r < rows; r++) {
        const char *g = sv_sheet_cell(s, r, c_g), *u = sv_sheet_cell(s, r, c_u),
                   *m = sv_sheet_cell(s, r, c_m);
        long line = sv_sheet_line(s, r);
        char *end;
        long n = strtol(u, &end, 10);
        int month = c_m >= 0 ? st_month_parse(m) : 0, k;
        entry *e = &inv->e[inv->n];
        if (!*g) {
            st = ceo_error_set(err, CEO_EDATA, path, line, c_g + 1, "the gemeente is empty");
        } else if (!*u || *end || n < 0 || n > 100000000) {
            st = ceo_error_set(err, CEO_EDATA, path, line, c_u + 1,
                               "uitgezet must be a whole number of questionnaires, not '%s'", u);
        } else if (month < 0) {
            st = ceo_error_set(err, CEO_EDATA, path, line, c_m + 1,
                               "maand must be a month as YYYY-MM (2025-03), not '%s'", m);
        } else if (!(e->gem = norm_dup(&tmp, g)) ||
                   !(e->voo = norm_dup(&tmp, sv_sheet_cell(s, r, c_v)))) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        } else if (sv_buf_set(&key, e->gem, strlen(e->gem)) != 0 ||
                   sv_buf_add(&key, "\x1f", 1) != 0 ||
                   sv_buf_add(&key, e->voo, strlen(e->voo)) != 0 ||
                   sv_buf_add(&key, "\x1f", 1) != 0 || sv_buf_add(&key, m, strlen(m)) != 0) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        } else if (sv_strmap_get(seen, key.p, key.len, &k)) {
            st = ceo_error_set(err, CEO_EDATA, path, line, c_g + 1,
                               "%s%s%s%s%s is listed twice (first on line %ld)", g,
                               c_v >= 0 ? " / " : "", sv_sheet_cell(s, r, c_v),
                               c_m >= 0 ? " / " : "", m, sv_sheet_line(s, (size_t)k));
        } else if (sv_strmap_put(seen, key.p, key.len, (int)r) != 0) {
            st = ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        } else {
            e->month = month;
            e->n = n;
            inv->n++;
            continue;
        }
        if (inv && inv->e) { /* the half-made entry */
            ceo_free(e->gem);
            ceo_free(e->voo);
        }
    }
    sv_buf_free(&tmp);
    sv_buf_free(&key);
    sv_strmap_free(seen);
    sv_sheet_free(s);
    if (st != CEO_OK) {
        st_invited_free(inv);
        return NULL;
    }
    return inv;
}

/* ---- the response ----------------------------------------------------------------------- */

struct st_response {
    st_response_row *rows;
    size_t n;
    int has_voorziening;
};

void st_response_free(st_response *r)
{
    if (!r)
        return;
    ceo_free(r->rows);
    ceo_free(r);
}

size_t st_response_count(const st_response *r)
{
    return r ? r->n : 0;
}

const st_response_row *st_response_at(const st_response *r, size_t i)
{
    return r && i < r->n ? &r->rows[i] : NULL;
}

int st_response_has_voorziening(const st_response *r)
{
    return r && r->has_voorziening;
}

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

const st_response_row *st_response_find(const st_response *r, const char *gemeente,
                                        const char *voorziening)
{
    for (size_t i = 0; r && i < r->n; i++)
        if (same(r->rows[i].gemeente, gemeente) && same(r->rows[i].voorziening, voorziening))
            return &r->rows[i];
    return NULL;
}

static int month_index(int yyyymm)
{
    return (yyyymm / 100) * 12 + yyyymm % 100 - 1;
}

/* The invited of gemeente gem (normalised) and voorziening voo (normalised, NULL: all) over
 * from..to into row. */
static void invited_of(const st_invited *inv, const char *gem, const char *voo, int from, int to,
                       int window, st_response_row *row)
{
    if (!inv) {
        row->state = ST_RESP_NO_FILE;
        return;
    }
    int span = from && to ? month_index(to) - month_index(from) + 1 : 0;
    if (!inv->monthly && span && ((window && span != 12) || span > 12)) {
        row->state = ST_RESP_YEARLY;
        return;
    }
    unsigned char covered[240] = {0};
    long sum = 0;
    int listed = 0;
    for (size_t i = 0; i < inv->n; i++) {
        const entry *e = &inv->e[i];
        if (strcmp(e->gem, gem) != 0 || (voo && strcmp(e->voo, voo) != 0))
            continue;
        if (inv->monthly && span) {
            int k = month_index(e->month) - month_index(from);
            if (k < 0 || k >= span)
                continue;
            if (k < (int)sizeof covered)
                covered[k] = 1;
        }
        listed = 1;
        sum += e->n;
    }
    int all = 1;
    for (int k = 0; inv->monthly && span && k < span; k++)
        all &= k < (int)sizeof covered && covered[k];
    if (!listed && (!inv->monthly || !span))
        row->state = ST_RESP_NOT_LISTED;
    else if (!all)
        row->state = listed ? ST_RESP_NO_MONTHS : ST_RESP_NOT_LISTED;
    else {
        row->state = ST_RESP_OK;
        row->invited = sum;
    }
}

/* Hides a row whose count is small, and where one row alone of its siblings [a, b) would be
 * hidden, the smallest shown sibling too: the whole minus the others is then no small count. */
static void suppress(st_response_row *rows, size_t a, size_t b, long min_n)
{
    size_t hidden = 0, smallest = b;
    for (size_t i = a; i < b; i++) {
        if (rows[i].responded > 0 && rows[i].responded < min_n)
            rows[i].suppressed = 1;
        hidden += rows[i].suppressed;
    }
    if (hidden != 1)
        return;
    for (size_t i = a; i < b; i++)
        if (!rows[i].suppressed && rows[i].responded > 0 &&
            (smallest == b || rows[i].responded < rows[smallest].responded))
            smallest = i;
    if (smallest < b)
        rows[smallest].suppressed = 1;
}

static void finish(st_response_row *row)
{
    row->pct = row->state == ST_RESP_OK && row->invited > 0
                   ? 100.0 * (double)row->responded / (double)row->invited
                   : NAN;
}

st_response *st_response_new(const sv_table *t, const sv_codebook *cb, const st_invited *inv,
                             int from, int to, int window, long min_n, ceo_error *err)
{
    int kg = sv_codebook_find(cb, "gemeente"), kv = sv_codebook_find(cb, "voorziening");
    if (kg < 0 || !sv_table_has(t, kg)) {
        ceo_error_set(err, CEO_EDATA, NULL, 0, 0,
                      "the response is per gemeente, and the exports "
                      "have no gemeente column");
        return NULL;
    }
    int has_v = kv >= 0 && sv_table_has(t, kv);
    const uint16_t *gc = sv_table_codes(t, kg), *vc = has_v ? sv_table_codes(t, kv) : NULL;
    size_t ng = sv_table_ngroups(t, kg), nv = has_v ? sv_table_ngroups(t, kv) : 0;
    size_t nrows = sv_table_rows(t);
    /* gemeente code -> its name's index (two codes may carry one name); counts per cell */
    size_t *gi = ceo_calloc(ng + 1, sizeof *gi);
    long *cells = ceo_calloc((ng + 1) * (nv + 1), sizeof *cells);
    st_response *r = ceo_calloc(1, sizeof *r);
    sv_buf gn = {0}, vn = {0};
    size_t names = 0;
    if (!gi || !cells || !r || !(r->rows = ceo_calloc((ng + 1) * (nv + 2) + 1, sizeof *r->rows)))
        goto oom;
    r->has_voorziening = has_v;
    for (size_t k = 0; k < ng; k++) {
        size_t j = 0;
        while (j < k && strcmp(sv_table_group(t, kg, j), sv_table_group(t, kg, k)) != 0)
            j++;
        gi[k] = j < k ? gi[j] : names++;
    }
    for (size_t row = 0; row < nrows; row++)
        if (gc[row])
            cells[gi[gc[row] - 1] * (nv + 1) + (vc ? vc[row] : 0)]++;
    st_response_row *region = NULL;
    size_t *gem_rows = ceo_calloc(names + 1, sizeof *gem_rows);
    if (!gem_rows)
        goto oom;
    for (size_t name = 0; name < names; name++) {
        size_t k = 0;
        while (gi[k] != name)
            k++;
        const char *gname = sv_table_group(t, kg, k);
        if (sv_norm_value(&gn, gname, strlen(gname)) != 0)
            goto oom_rows;
        st_response_row *g = &r->rows[r->n];
        gem_rows[name] = r->n++;
        *g = (st_response_row){.gemeente = gname};
        for (size_t v = 0; v <= nv; v++)
            g->responded += cells[name * (nv + 1) + v];
        invited_of(inv, gn.p, NULL, from, to, window, g);
        size_t a = r->n;
        for (size_t v = 1; v <= nv + 1 && has_v; v++) {
            size_t c = v <= nv ? v : 0; /* the respondents without a voorziening last */
            long n = cells[name * (nv + 1) + c];
            if (!n)
                continue;
            st_response_row *w = &r->rows[r->n++];
            *w = (st_response_row){.gemeente = gname,
                                   .voorziening =
                                       c ? sv_table_group(t, kv, c - 1) : ST_UNKNOWN_GROUP,
                                   .responded = n};
            if (!c)
                w->state = inv ? ST_RESP_NOT_LISTED : ST_RESP_NO_FILE;
            else if (sv_norm_value(&vn, w->voorziening, strlen(w->voorziening)) != 0)
                goto oom_rows;
            else
                invited_of(inv, gn.p, vn.p, from, to, window, w);
        }
        suppress(r->rows, a, r->n, min_n);
        if (g->responded > 0 && g->responded < min_n)
            for (size_t i = a - 1; i < r->n; i++)
                r->rows[i].suppressed = 1;
    }
    /* the region: the gemeenten shown together, so that a hidden count is not the region's
     * minus the others */
    region = &r->rows[r->n++];
    *region = (st_response_row){.state = inv ? ST_RESP_OK : ST_RESP_NO_FILE};
    for (size_t name = 0; name < names; name++) {
        st_response_row *g = &r->rows[gem_rows[name]];
        if (g->suppressed)
            continue;
        region->responded += g->responded;
        if (g->state == ST_RESP_OK)
            region->invited += g->invited;
        else if (region->state == ST_RESP_OK)
            region->state = g->state == ST_RESP_YEARLY    ? ST_RESP_YEARLY
                            : g->state == ST_RESP_NO_FILE ? ST_RESP_NO_FILE
                                                          : ST_RESP_INCOMPLETE;
    }
    for (size_t i = 0; i < r->n; i++)
        finish(&r->rows[i]);
    ceo_free(gem_rows);
    ceo_free(gi);
    ceo_free(cells);
    sv_buf_free(&gn);
    sv_buf_free(&vn);
    return r;
oom_rows:
    ceo_free(gem_rows);
oom:
    ceo_free(gi);
    ceo_free(cells);
    sv_buf_free(&gn);
    sv_buf_free(&vn);
    st_response_free(r);
    ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    return NULL;
}
