/*
 * tablesub.c - a new table of some rows of another (sv_table_subset): the dashboard's last
 * twelve months taken from the answers already read instead of reading the store again.
 *
 * The subset is the table that reading only those rows would give: the rows in their order,
 * an item in use only when one of the kept rows has a value there, and the groups of a
 * categorie item numbered in the order they first occur among the kept rows (with the display
 * names the whole table has for them). So a figure computed from the subset equals the one
 * computed from the same rows read alone.
 */
#include "tablepriv.h"

#include <math.h>
#include <string.h>

/* Whether row r of column c (an item of type type) holds a value. */
static int has_value(const sv_itemcol *c, sv_type type, size_t r)
{
    switch (type) {
    case SV_T_GETAL:
    case SV_T_CIJFER:
    case SV_T_SCORE:
        return c->nums && !isnan(c->nums[r]);
    case SV_T_DATUM:
        return c->dates && c->dates[r] != SV_MISSING_DATE;
    case SV_T_MEER:
        return c->multi && (c->multi[r] & SV_MULTI_ANSWERED);
    default:
        return c->codes && c->codes[r] != 0;
    }
}

/* Copies the kept rows of item i from t into sub (whose rows are added), renumbering groups.
 * Returns 0, or -1 when out of memory. */
static int copy_item(sv_table *sub, const sv_table *t, int i, const unsigned char *keep)
{
    const sv_itemcol *c = &t->items[i];
    sv_itemcol *d = &sub->items[i];
    sv_type type = sv_codebook_item(t->cb, (size_t)i)->type;
    d->keep_text = c->keep_text;
    if (sv_table_use_item(sub, i) != 0)
        return -1;
    int *renum = NULL; /* group index in t -> in sub + 1, 0 when not yet met */
    if (type == SV_T_CATEGORIE && c->ngroups && !(renum = ceo_calloc(c->ngroups, sizeof *renum)))
        return -1;
    int rc = 0;
    for (size_t r = 0, to = 0; !rc && r < t->nrows; r++) {
        if (!keep[r])
            continue;
        size_t s = to++;
        if (!has_value(c, type, r))
            continue;
        switch (type) {
        case SV_T_GETAL:
        case SV_T_CIJFER:
        case SV_T_SCORE:
            d->nums[s] = c->nums[r];
            break;
        case SV_T_DATUM:
            d->dates[s] = c->dates[r];
            break;
        case SV_T_MEER:
            d->multi[s] = c->multi[r];
            if (c->unasked)
                rc = sv_table_set_unasked(sub, i, s, s + 1, c->unasked[r]);
            break;
        case SV_T_CATEGORIE: {
            size_t g = c->codes[r] - 1u;
            if (g < c->ngroups && !renum[g]) {
                const char *name = c->names[g];
                if (ceo_grow((void **)&d->names, &d->names_cap, d->ngroups + 1, sizeof *d->names) !=
                        0 ||
                    !(d->names[d->ngroups] = ceo_strdup(name))) {
                    rc = -1;
                    break;
                }
                renum[g] = (int)++d->ngroups;
            }
            d->codes[s] = g < c->ngroups ? (uint16_t)renum[g] : c->codes[r];
            break;
        }
        case SV_T_ID:
        case SV_T_TEKST:
            d->codes[s] = c->codes[r];
            if (c->text && c->text[r]) {
                const char *text = t->arena + c->text[r];
                rc = sv_table_set_text(sub, i, s, text, strlen(text));
            }
            break;
        default:
            d->codes[s] = c->codes[r];
        }
    }
    /* every spelling that named a group in t names it in sub, if it occurs there */
    for (size_t k = 0; !rc && c->groups && k < sv_strmap_count(c->groups); k++) {
        size_t len;
        int g;
        const char *key = sv_strmap_key(c->groups, k, &len, &g);
        if (g >= 0 && (size_t)g < c->ngroups && renum[g])
            rc = sv_strmap_put(d->groups, key, len, renum[g] - 1);
    }
    ceo_free(renum);
    return rc;
}

sv_table *sv_table_subset(const sv_table *t, const unsigned char *keep, ceo_error *err)
{
    sv_table *sub = sv_table_new(t->cb, t->flags, err);
    if (!sub)
        return NULL;
    size_t n = 0;
    for (size_t r = 0; r < t->nrows; r++)
        n += keep[r] != 0;
    sub->year = t->year;
    sub->key = t->key;
    sub->keep_originals = t->keep_originals;
    sub->want_words = t->want_words;
    if (t->wordlist && !(sub->wordlist = ceo_strdup(t->wordlist)))
        goto oom;
    if (sv_table_reserve(sub, n ? n : 1) != 0)
        goto oom;
    for (size_t r = 0; r < n; r++)
        if (sv_table_add_row(sub) < 0)
            goto oom;
    for (size_t i = 0; i < t->nitems; i++) {
        if (!t->items[i].present)
            continue;
        sv_type type = sv_codebook_item(t->cb, i)->type;
        size_t r = 0;
        while (r < t->nrows && !(keep[r] && has_value(&t->items[i], type, r)))
            r++;
        if (r < t->nrows && copy_item(sub, t, (int)i, keep) != 0)
            goto oom;
    }
    return sub;
oom:
    sv_table_free(sub);
    ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    return NULL;
}
