/*
 * direction.c - infers, or refuses to infer, the direction of a scale read as bare numbers.
 *
 * The evidence is the correlation of each numbered column (its positivity as the codebook's
 * codes read it) with anchors whose direction is certain: the marks and scores (cijfer,
 * hv_cijfer, hv_aanbevelen: higher is better) and the statements that arrived as labels. Per
 * column the anchors' Fisher z values are averaged; per scale the columns' values are summed
 * as Stouffer's Z. A direction is taken only when Z is far from zero (|Z| >= 4) and no column
 * points clearly the other way; the codebook's reading is then kept with a note. A reading
 * that the data contradict is never applied quietly: the read stops with the [codes] line for
 * the other direction, as it does when the evidence is too weak to tell.
 *
 * Invariant: nothing here changes the table; at most the first EVIDENCE_ROWS rows of a file
 * are looked at, so a million-row export costs a few milliseconds.
 */
#include "direction.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define EVIDENCE_ROWS 50000
#define MIN_PAIRS 20
#define MAX_ANCHORS 8
#define Z_TAKE 4.0    /* a scale's Z beyond this decides */
#define Z_AGAINST 2.0 /* one column beyond this the other way makes it unclear */

typedef struct {
    char name[64]; /* for messages: "the mark 'cijfer'" */
    const double *nums;
    const uint16_t *codes;
    int scale;
} anchor;

typedef struct {
    double n, sx, sy, sxx, syy, sxy;
} moments;

/* Whether positive categories of scale k carry the lower codes (1 = helemaal mee eens). */
static int positive_low(const sv_scale *sc)
{
    double pos = 0, neg = 0;
    int np = 0, nn = 0;
    for (size_t i = 0; i < sc->ncats; i++) {
        if (sc->cats[i].code == SV_NO_CODE)
            continue;
        if (sc->cats[i].dir == SV_DIR_POSITIVE)
            pos += sc->cats[i].code, np++;
        else if (sc->cats[i].dir == SV_DIR_NEGATIVE)
            neg += sc->cats[i].code, nn++;
    }
    return np && nn && pos / np < neg / nn;
}

int sv_direction_needed(const sv_codebook *cb, int scale)
{
    const sv_scale *sc = sv_codebook_scale(cb, scale);
    if (!sc || sc->declared)
        return 0;
    int pos = 0, neg = 0;
    for (size_t i = 0; i < sc->ncats; i++) {
        pos += sc->cats[i].dir == SV_DIR_POSITIVE;
        neg += sc->cats[i].dir == SV_DIR_NEGATIVE;
    }
    return pos && neg;
}

/* Whether a scale has three or more ordered categories (likert), not just two (ja/nee). */
static int ordinal(const sv_scale *sc)
{
    int ordered = 0;
    for (size_t i = 0; i < sc->ncats; i++)
        ordered += sc->cats[i].dir == SV_DIR_POSITIVE || sc->cats[i].dir == SV_DIR_NEUTRAL ||
                   sc->cats[i].dir == SV_DIR_NEGATIVE;
    return ordered >= 3;
}

/* How positive category k (0-based) of a scale is: its code, turned so that higher is more
 * positive, or -1/0/+1 by its direction when it has no code; NAN outside the valid base. */
static double positivity(const sv_scale *sc, int plow, size_t k)
{
    if (k >= sc->ncats)
        return NAN;
    const sv_category *c = &sc->cats[k];
    if (c->dir != SV_DIR_POSITIVE && c->dir != SV_DIR_NEUTRAL && c->dir != SV_DIR_NEGATIVE)
        return NAN;
    if (c->code != SV_NO_CODE)
        return plow ? -(double)c->code : (double)c->code;
    return c->dir == SV_DIR_POSITIVE ? 1.0 : c->dir == SV_DIR_NEGATIVE ? -1.0 : 0.0;
}

static double anchor_value(const sv_codebook *cb, const anchor *a, size_t r)
{
    if (a->nums)
        return a->nums[r];
    if (!a->codes[r])
        return NAN;
    const sv_scale *sc = sv_codebook_scale(cb, a->scale);
    return positivity(sc, positive_low(sc), (size_t)a->codes[r] - 1);
}

/* Pearson's r of the pairs, or NAN when either side does not vary. */
static double pearson(const moments *m)
{
    double vx = m->sxx - m->sx * m->sx / m->n, vy = m->syy - m->sy * m->sy / m->n;
    if (m->n < 3 || vx <= 1e-12 || vy <= 1e-12)
        return NAN;
    double r = (m->sxy - m->sx * m->sy / m->n) / sqrt(vx * vy);
    return r > 0.999999 ? 0.999999 : r < -0.999999 ? -0.999999 : r;
}

/* The codes of a scale as a [codes] value ("1,2,3,4,5,9"), mirrored among the ordered
 * categories when flip is set. */
static void codes_text(const sv_scale *sc, int flip, char *out, size_t cap)
{
    int ord[64];
    size_t nord = 0;
    for (size_t i = 0; i < sc->ncats && nord < 64; i++)
        if (!isnan(positivity(sc, 0, i)) && sc->cats[i].code != SV_NO_CODE)
            ord[nord++] = sc->cats[i].code;
    /* sorted ascending, so the k-th smallest code can be swapped for the k-th largest */
    for (size_t i = 1; i < nord; i++)
        for (size_t j = i; j > 0 && ord[j - 1] > ord[j]; j--) {
            int x = ord[j];
            ord[j] = ord[j - 1];
            ord[j - 1] = x;
        }
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sc->ncats && len < cap; i++) {
        int code = sc->cats[i].code;
        if (flip && !isnan(positivity(sc, 0, i)) && code != SV_NO_CODE)
            for (size_t k = 0; k < nord; k++)
                if (ord[k] == code) {
                    code = ord[nord - 1 - k];
                    break;
                }
        int w = code == SV_NO_CODE ? snprintf(out + len, cap - len, "%s?", i ? "," : "")
                                   : snprintf(out + len, cap - len, "%s%d", i ? "," : "", code);
        len += w > 0 ? (size_t)w : 0;
    }
}

/* "1 = Helemaal mee eens ... 5 = Helemaal niet mee eens": the ends of the coded scale. */
static void ends_text(const sv_scale *sc, int flip, char *out, size_t cap)
{
    int lo = -1, hi = -1;
    for (size_t i = 0; i < sc->ncats; i++) {
        if (isnan(positivity(sc, 0, i)) || sc->cats[i].code == SV_NO_CODE)
            continue;
        if (lo < 0 || sc->cats[i].code < sc->cats[lo].code)
            lo = (int)i;
        if (hi < 0 || sc->cats[i].code > sc->cats[hi].code)
            hi = (int)i;
    }
    if (lo < 0) {
        snprintf(out, cap, ceo_tr("no numeric codes"));
        return;
    }
    snprintf(out, cap, "%d = %s ... %d = %s", sc->cats[lo].code, sc->cats[flip ? hi : lo].label,
             sc->cats[hi].code, sc->cats[flip ? lo : hi].label);
}

static void short_header(const char *h, char *out, size_t cap)
{
    size_t n = strlen(h);
    if (n < cap) {
        memcpy(out, h, n + 1);
        return;
    }
    n = cap - 4;
    while (n && ((unsigned char)h[n] & 0xC0) == 0x80)
        n--; /* never cut inside a UTF-8 sequence */
    memcpy(out, h, n);
    memcpy(out + n, "...", 4);
}

/* Where one scale's outcome goes: the file, the report, and whether to advise. */
typedef struct {
    const char *path;
    int advise;
    sv_report *rep;
    ceo_error *err;
} sink;

static ceo_status add_note(sink *o, const char *text)
{
    sv_report *r = o->rep;
    char **grown = ceo_realloc(r->notes, (r->nnotes + 1) * sizeof *r->notes);
    if (!grown)
        return ceo_error_set(o->err, CEO_ENOMEM, o->path, 0, 0, "out of memory");
    r->notes = grown;
    size_t len = strlen(o->path) + 2 + strlen(text) + 1;
    if (!(grown[r->nnotes] = ceo_malloc(len)))
        return ceo_error_set(o->err, CEO_ENOMEM, o->path, 0, 0, "out of memory");
    snprintf(grown[r->nnotes++], len, "%s: %s", o->path, text);
    return CEO_OK;
}

/* A finding that stops the read, or with advise a note and the [codes] value to suggest
 * (codes "" when the data cannot tell). */
static ceo_status finding(sink *o, long line, long col, const char *msg, const char *scale,
                          const char *codes, const char *other, int stop)
{
    if (o->advise && o->rep->nhints < sizeof o->rep->hints / sizeof o->rep->hints[0]) {
        size_t h = o->rep->nhints++;
        snprintf(o->rep->hints[h].scale, sizeof o->rep->hints[h].scale, "%s", scale);
        snprintf(o->rep->hints[h].codes, sizeof o->rep->hints[h].codes, "%s", codes);
        snprintf(o->rep->hints[h].other, sizeof o->rep->hints[h].other, "%s", other);
        snprintf(o->rep->hints[h].why, sizeof o->rep->hints[h].why, "%s", msg);
    }
    if (stop && !o->advise)
        return ceo_error_set(o->err, CEO_EDATA, o->path, line, col, "%s", msg);
    return add_note(o, msg);
}

/* Weighs one scale: the numbered columns cols[idx[0..k)] against the anchors. */
static ceo_status check_scale(const sv_table *t, size_t row0, const sv_dircol *cols,
                              const size_t *idx, size_t k, const anchor *anchors, size_t nanch,
                              sink *o)
{
    const sv_codebook *cb = sv_table_codebook(t);
    const sv_dircol *first = &cols[idx[0]];
    int scale = sv_codebook_item(cb, (size_t)first->item)->scale;
    const sv_scale *sc = sv_codebook_scale(cb, scale);
    if (!ordinal(sc)) {
        /* ja/nee as 1/2: nothing in the data can confirm which is which, so the reading is
         * said, never taken quietly (contact_toestemming decides who is called). */
        char hdr[48], cur[160], ends[200], more[40] = "", msg[1200];
        short_header(first->header, hdr, sizeof hdr);
        codes_text(sc, 0, cur, sizeof cur);
        ends_text(sc, 0, ends, sizeof ends);
        if (k > 1)
            snprintf(more, sizeof more, ceo_tr(" and %zu more"), k - 1);
        snprintf(msg, sizeof msg,
                 ceo_tr("scale '%s' arrives as bare numbers (column %d '%s'%s); read as the "
                        "codebook codes it, %s, which no answer in the file can confirm. To "
                        "state it yourself: [codes] %s = %s"),
                 sc->name, first->column, hdr, more, ends, sc->name, cur);
        return finding(o, first->number_line, first->column, msg, sc->name, "", cur, 0);
    }
    int plow = positive_low(sc);
    size_t end = sv_table_rows(t);
    if (end - row0 > EVIDENCE_ROWS)
        end = row0 + EVIDENCE_ROWS;

    double zsum = 0, zmax = -INFINITY, zmin = INFINITY;
    size_t with = 0, against_col = 0, for_col = 0;
    /* per anchor, over the columns: the sum of r and the most pairs, for the message */
    double rsum[MAX_ANCHORS] = {0};
    long rcount[MAX_ANCHORS] = {0}, pairs[MAX_ANCHORS] = {0};
    for (size_t c = 0; c < k; c++) {
        const uint16_t *codes = sv_table_codes(t, cols[idx[c]].item);
        double zc = 0;
        int nz = 0;
        for (size_t a = 0; a < nanch; a++) {
            if (anchors[a].codes == codes)
                continue;
            moments m = {0};
            for (size_t r = row0; r < end; r++) {
                if (!codes[r])
                    continue;
                double x = positivity(sc, plow, (size_t)codes[r] - 1),
                       y = anchor_value(cb, &anchors[a], r);
                if (isnan(x) || isnan(y))
                    continue;
                m.n++, m.sx += x, m.sy += y, m.sxx += x * x, m.syy += y * y, m.sxy += x * y;
            }
            double rr = pearson(&m);
            if (m.n < MIN_PAIRS || isnan(rr))
                continue;
            zc += atanh(rr) * sqrt(m.n - 3);
            nz++;
            rsum[a] += rr;
            rcount[a]++;
            if ((long)m.n > pairs[a])
                pairs[a] = (long)m.n;
        }
        if (!nz)
            continue;
        zc /= nz;
        zsum += zc;
        with++;
        if (zc > zmax)
            zmax = zc, for_col = idx[c];
        if (zc < zmin)
            zmin = zc, against_col = idx[c];
    }
    double z = with ? zsum / sqrt((double)with) : 0;
    size_t best = 0;
    for (size_t a = 1; a < nanch; a++)
        if (pairs[a] > pairs[best])
            best = a;

    char hdr[48], cur[160], other[160], ends[200], flipped[200], msg[2000];
    short_header(first->header, hdr, sizeof hdr);
    codes_text(sc, 0, cur, sizeof cur);
    codes_text(sc, 1, other, sizeof other);
    ends_text(sc, 0, ends, sizeof ends);
    ends_text(sc, 1, flipped, sizeof flipped);
    char more[40] = "";
    if (k > 1)
        snprintf(more, sizeof more, ceo_tr(" and %zu more"), k - 1);
    char evidence[160] = "";
    if (with)
        snprintf(evidence, sizeof evidence, ceo_tr("%s (mean r = %.2f, %ld respondents)"),
                 anchors[best].name, rsum[best] / (rcount[best] ? rcount[best] : 1), pairs[best]);

    long line = first->number_line, col = first->column;
    if (with && z >= Z_TAKE && zmin > -Z_AGAINST) {
        snprintf(
            msg, sizeof msg,
            ceo_tr("scale '%s' arrives as bare numbers (column %d '%s'%s); read as the codebook "
                   "codes it, %s: the answers go with %s as that reading expects (Z = %.1f). To "
                   "state it yourself: [codes] %s = %s"),
            sc->name, first->column, hdr, more, ends, evidence, z, sc->name, cur);
        return finding(o, line, col, msg, sc->name, cur, other, 0);
    }
    if (with && z <= -Z_TAKE && zmax < Z_AGAINST) {
        snprintf(
            msg, sizeof msg,
            ceo_tr("scale '%s' arrives as bare numbers (column %d '%s'%s) and the data contradict "
                   "the codebook's codes (%s): the answers go against %s (Z = %.1f), so the export "
                   "most likely codes %s. If the questionnaire does, say so in the project file: "
                   "[codes] %s = %s"),
            sc->name, first->column, hdr, more, ends, evidence, z, flipped, sc->name, other);
        return finding(o, line, col, msg, sc->name, other, cur, 1);
    }
    char why[400];
    if (!nanch)
        snprintf(why, sizeof why,
                 ceo_tr("the file has no mark (cijfer) or statement in words to compare with"));
    else if (!with)
        snprintf(why, sizeof why, ceo_tr("too few answers beside a mark or a statement in words"));
    else if (zmax >= Z_AGAINST && zmin <= -Z_AGAINST)
        snprintf(why, sizeof why, ceo_tr("column %d goes one way, column %d the other"),
                 cols[for_col].column, cols[against_col].column);
    else
        snprintf(why, sizeof why, ceo_tr("the answers hardly go with %s"), evidence);
    snprintf(
        msg, sizeof msg,
        ceo_tr("scale '%s' arrives as bare numbers (column %d '%s'%s) and which end means '%s' "
               "cannot be told safely: %s. Say how the export codes it in the project file: "
               "[codes] %s = %s (%s) or %s = %s (%s)"),
        sc->name, first->column, hdr, more, sc->cats[0].label, why, sc->name, cur, ends, sc->name,
        other, flipped);
    char both[800];
    snprintf(both, sizeof both, ceo_tr("%s (%s) or %s (%s)"), cur, ends, other, flipped);
    return finding(o, line, col, msg, sc->name, "", both, 1);
}

ceo_status sv_direction_check(const sv_table *t, size_t row0, const sv_dircol *cols, size_t n,
                              const char *path, int advise, sv_report *rep, ceo_error *err)
{
    const sv_codebook *cb = sv_table_codebook(t);
    sink o = {path, advise, rep, err};
    /* Labels and numbers in one column: a number there is no answer anyone can read safely. */
    for (size_t i = 0; i < n; i++) {
        const sv_dircol *c = &cols[i];
        if (c->numbers && c->labels) {
            const sv_scale *sc =
                sv_codebook_scale(cb, sv_codebook_item(cb, (size_t)c->item)->scale);
            char hdr[48], cur[160], msg[800];
            short_header(c->header, hdr, sizeof hdr);
            codes_text(sc, 0, cur, sizeof cur);
            snprintf(
                msg, sizeof msg,
                ceo_tr("column %d '%s' holds answers in words ('%s', line %ld) and bare numbers "
                       "('%s'); which answer a number means is not certain. Correct the cells, or "
                       "state the codes in the project file: [codes] %s = %s"),
                c->column, hdr, c->label_example, c->label_line, c->number_example, sc->name, cur);
            ceo_status st = finding(&o, c->number_line, c->column, msg, sc->name, "", cur, 1);
            if (st != CEO_OK || !advise)
                return st;
        }
    }
    anchor anchors[MAX_ANCHORS];
    size_t nanch = 0;
    for (size_t i = 0; i < sv_codebook_nitems(cb) && nanch < MAX_ANCHORS; i++) {
        const sv_item *it = sv_codebook_item(cb, i);
        if ((it->type == SV_T_CIJFER || it->type == SV_T_SCORE) && sv_table_has(t, (int)i)) {
            anchor *a = &anchors[nanch++];
            snprintf(a->name, sizeof a->name, ceo_tr("the mark '%s'"), it->id);
            a->nums = sv_table_numbers(t, (int)i);
            a->codes = NULL;
            a->scale = -1;
        }
    }
    for (size_t i = 0; i < n && nanch < MAX_ANCHORS; i++)
        if (!cols[i].numbers && cols[i].labels) {
            const sv_item *it = sv_codebook_item(cb, (size_t)cols[i].item);
            anchor *a = &anchors[nanch++];
            snprintf(a->name, sizeof a->name, ceo_tr("'%s' (answered in words)"), it->id);
            a->nums = NULL;
            a->codes = sv_table_codes(t, cols[i].item);
            a->scale = it->scale;
        }
    size_t idx[256];
    for (size_t i = 0; i < n; i++) {
        if (!cols[i].numbers)
            continue;
        int scale = sv_codebook_item(cb, (size_t)cols[i].item)->scale;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = cols[j].numbers && sv_codebook_item(cb, (size_t)cols[j].item)->scale == scale;
        if (seen)
            continue;
        size_t k = 0;
        for (size_t j = i; j < n && k < 256; j++)
            if (cols[j].numbers && sv_codebook_item(cb, (size_t)cols[j].item)->scale == scale)
                idx[k++] = j;
        ceo_status st = check_scale(t, row0, cols, idx, k, anchors, nanch, &o);
        if (st != CEO_OK)
            return st;
    }
    return CEO_OK;
}
