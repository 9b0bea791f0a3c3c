/*
 * comments.c - reads the reviewed comments file (comments.h). The ids are matched to the
 * table's rows through rp_comment_id, the same function that wrote them, so an export without
 * respondent ids matches by row number ("rij N"). A cell Excel wrapped as ="..." (ids kept as
 * text) is unwrapped; ja/nee are read in any case.
 */
#include "comments.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../base/strmap.h"
#include "../survey/sheet.h"
#include "followup.h"

struct rp_approved {
    unsigned char *rows;
    size_t listed, approved;
};

void rp_approved_free(rp_approved *a)
{
    if (!a)
        return;
    ceo_free(a->rows);
    ceo_free(a);
}

const unsigned char *rp_approved_rows(const rp_approved *a)
{
    return a->rows;
}

size_t rp_approved_listed(const rp_approved *a)
{
    return a->listed;
}

size_t rp_approved_count(const rp_approved *a)
{
    return a->approved;
}

/* The cell without Excel's ="..." wrapping, into buf. */
static const char *unwrap(const char *s, char *buf, size_t size)
{
    size_t n = strlen(s);
    if (n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"') {
        snprintf(buf, size, "%.*s", (int)(n - 3), s + 2);
        return buf;
    }
    return s;
}

static const char *group_of(const sv_table *t, int k, size_t row)
{
    const uint16_t *c = k >= 0 && sv_table_has(t, k) ? sv_table_codes(t, k) : NULL;
    return c && c[row] ? sv_table_group(t, k, c[row] - 1u) : "";
}

rp_approved *rp_approved_load(const char *path, const sv_table *t, ceo_error *err)
{
    static const char *const required[] = {"id", "aanbieder", "rapport", NULL};
    const sv_codebook *cb = sv_table_codebook(t);
    int ko = sv_codebook_find(cb, "opmerkingen"), ka = sv_codebook_find(cb, "aanbieder");
    size_t nrows = sv_table_rows(t);
    rp_approved *a = ceo_calloc(1, sizeof *a);
    sv_strmap *ids = sv_strmap_new();
    sv_sheet *s = NULL;
    if (!a || !ids || !(a->rows = ceo_calloc(nrows + 1, 1))) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        goto fail;
    }
    /* the rows with an open answer, by the id the comments file gives them */
    char buf[64];
    for (size_t r = 0; ko >= 0 && sv_table_has(t, ko) && r < nrows; r++) {
        const char *text = sv_table_text(t, ko, r);
        if (!text || !*text)
            continue;
        const char *id = rp_comment_id(t, r, buf, sizeof buf);
        if (sv_strmap_put(ids, id, strlen(id), (int)r) != 0) {
            ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
            goto fail;
        }
    }
    if (!(s = sv_sheet_load(path, required, err)))
        goto fail;
    int cid = sv_sheet_col(s, "id"), cprov = sv_sheet_col(s, "aanbieder"),
        crap = sv_sheet_col(s, "rapport");
    for (size_t i = 0; i < sv_sheet_rows(s); i++) {
        long line = sv_sheet_line(s, i);
        char ib[256], pb[256];
        const char *id = unwrap(sv_sheet_cell(s, i, cid), ib, sizeof ib);
        const char *prov = unwrap(sv_sheet_cell(s, i, cprov), pb, sizeof pb);
        const char *verdict = sv_sheet_cell(s, i, crap);
        int row;
        if (!sv_strmap_get(ids, id, strlen(id), &row)) {
            ceo_error_set(err, CEO_EDATA, path, line, cid + 1,
                          "id '%s' is no respondent with an open answer in the export; the "
                          "comments file must come from `ceo flag --comments` on the same export",
                          id);
            goto fail;
        }
        if (strcmp(prov, group_of(t, ka, (size_t)row)) != 0) {
            ceo_error_set(err, CEO_EDATA, path, line, cprov + 1,
                          "provider '%s' is not that of respondent '%s' in the export ('%s')", prov,
                          id, group_of(t, ka, (size_t)row));
            goto fail;
        }
        int yes = strcasecmp(verdict, "ja") == 0;
        if (!yes && strcasecmp(verdict, "nee") != 0) {
            ceo_error_set(err, CEO_EDATA, path, line, crap + 1,
                          "rapport is '%s'; write ja (quote it in the provider's report) or nee",
                          verdict);
            goto fail;
        }
        a->listed++;
        if (yes && !a->rows[row]) {
            a->rows[row] = 1;
            a->approved++;
        }
    }
    sv_sheet_free(s);
    sv_strmap_free(ids);
    return a;
fail:
    sv_sheet_free(s);
    sv_strmap_free(ids);
    rp_approved_free(a);
    return NULL;
}
