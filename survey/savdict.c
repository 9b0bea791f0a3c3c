/*
 * savdict.c - the dictionary of an SPSS system file walked for what ReadStat 1.1.8 does not
 * report: the multiple-response sets (records 7/7, 7/19), the short-to-long name map (7/13)
 * and where the encoding came from (7/20, or the code page in 7/3).
 *
 * Reads only within the buffer and gives up quietly on anything odd: ReadStat judges whether
 * the file is damaged. Texts are converted to UTF-8 with iconv from the encoding ReadStat
 * found, kept as they are when that fails (the reader then falls back to Windows-1252).
 */
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "savpriv.h"

static uint32_t rd32(const unsigned char *p, int swap)
{
    uint32_t v;
    memcpy(&v, p, 4);
    if (swap)
        v = (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
    return v;
}

/* Converts n bytes in the file's encoding to UTF-8; NULL when out of memory. Unconvertible
 * text is kept as it is (the reader falls back to Windows-1252 for it). */
static char *to_utf8(sstate *s, const char *p, size_t n)
{
    const char *enc = s->rs_enc;
    if (!enc || !*enc || strcmp(enc, "UTF-8") == 0 || sv_utf8_valid(p, n))
        return ceo_strndup(p, n);
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1)
        return ceo_strndup(p, n);
    size_t cap = n * 4 + 1, inleft = n, outleft = cap - 1;
    char *out = ceo_malloc(cap), *o = out;
    char *in = (char *)p;
    if (out && iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
        ceo_free(out);
        iconv_close(cd);
        return ceo_strndup(p, n);
    }
    iconv_close(cd);
    if (out)
        *o = '\0';
    return out;
}

static int add_name_pair(sstate *s, const char *a, size_t an, const char *b, size_t bn)
{
    size_t cap = s->ncap;
    if (ceo_grow((void **)&s->shortn, &cap, s->nnames + 1, sizeof *s->shortn) ||
        ceo_grow((void **)&s->longn, &s->ncap, s->nnames + 1, sizeof *s->longn))
        return -1;
    if (!(s->shortn[s->nnames] = ceo_strndup(a, an)))
        return -1;
    if (!(s->longn[s->nnames] = to_utf8(s, b, bn))) {
        ceo_free(s->shortn[s->nnames]);
        return -1;
    }
    s->nnames++;
    return 0;
}

/* Record 7/13: SHORT=Long pairs separated by tabs. */
static int long_names(sstate *s, const char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && p[e] != '\t')
            e++;
        const char *eq = memchr(p + i, '=', e - i);
        if (eq && add_name_pair(s, p + i, (size_t)(eq - p - i), eq + 1, (size_t)(p + e - eq - 1)))
            return -1;
        i = e + 1;
    }
    return 0;
}

/* Reads a decimal number at p[*i]; -1 when there is none. */
static long read_num(const char *p, size_t n, size_t *i)
{
    long v = 0;
    size_t start = *i;
    while (*i < n && p[*i] >= '0' && p[*i] <= '9' && v < 100000)
        v = v * 10 + (p[(*i)++] - '0');
    return *i == start ? -1 : v;
}

/* Records 7/7 and 7/19, one set per line:
 * $name=C len label vars | $name=Dlen counted len label vars | $name=E 1[1] len counted ... */
static int mr_sets(sstate *s, const char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && p[i] == '\n')
            i++;
        size_t eol = i;
        while (eol < n && p[eol] != '\n')
            eol++;
        const char *eq = memchr(p + i, '=', eol - i);
        if (!eq || (size_t)(eq - p) + 1 >= eol) {
            i = eol;
            continue;
        }
        mrset m = {0};
        m.first = -1;
        size_t j = (size_t)(eq - p) + 1;
        m.type = p[j++];
        int ok = m.type == 'C' || m.type == 'D' || m.type == 'E';
        if (ok && m.type == 'E') {
            while (j < eol && p[j] == ' ')
                j++;
            ok = read_num(p, eol, &j) >= 0;
        }
        if (ok && m.type != 'C') {
            while (j < eol && p[j] == ' ')
                j++;
            long cl = read_num(p, eol, &j);
            ok = cl >= 0 && j < eol && p[j] == ' ' && j + 1 + (size_t)cl <= eol;
            if (ok && !(m.counted = to_utf8(s, p + j + 1, (size_t)cl)))
                return -1;
            j += 1 + (size_t)(cl < 0 ? 0 : cl);
        }
        while (ok && j < eol && p[j] == ' ')
            j++;
        long ll = ok ? read_num(p, eol, &j) : -1;
        ok = ll >= 0 && j < eol && p[j] == ' ' && j + 1 + (size_t)ll <= eol;
        if (ok) {
            if (!(m.label = to_utf8(s, p + j + 1, (size_t)ll)) ||
                !(m.name = ceo_strndup(p + i, (size_t)(eq - p) - i)))
                goto nomem;
            j += 1 + (size_t)ll;
            while (j < eol) {
                while (j < eol && p[j] == ' ')
                    j++;
                size_t e = j;
                while (e < eol && p[e] != ' ')
                    e++;
                if (e > j) {
                    size_t cap = m.nvars;
                    if (ceo_grow((void **)&m.vars, &cap, m.nvars + 1, sizeof *m.vars) ||
                        !(m.vars[m.nvars] = to_utf8(s, p + j, e - j)))
                        goto nomem;
                    m.nvars++;
                }
                j = e;
            }
        }
        if (ok && m.nvars >= 1) {
            if (ceo_grow((void **)&s->sets, &s->scap, s->nsets + 1, sizeof *s->sets))
                goto nomem;
            s->sets[s->nsets++] = m;
        } else {
            for (size_t k = 0; k < m.nvars; k++)
                ceo_free(m.vars[k]);
            ceo_free(m.vars);
            ceo_free(m.name);
            ceo_free(m.label);
            ceo_free(m.counted);
        }
        i = eol;
        continue;
    nomem:
        for (size_t k = 0; k < m.nvars; k++)
            ceo_free(m.vars[k]);
        ceo_free(m.vars);
        ceo_free(m.name);
        ceo_free(m.label);
        ceo_free(m.counted);
        return -1;
    }
    return 0;
}

/* Walks the dictionary records; returns -1 only when out of memory. */
int sv_sav_walk_dictionary(sstate *s, int want_sets)
{
    const unsigned char *d = s->data;
    size_t len = s->len, pos = 176;
    if (len < pos)
        return 0;
    uint32_t layout = rd32(d + 64, 0);
    int swap = !(layout == 2 || layout == 3);
    for (int guard = 0; guard < 1000000 && pos + 8 <= len; guard++) {
        uint32_t rt = rd32(d + pos, swap);
        if (rt == 2) {
            if (pos + 32 > len)
                return 0;
            uint32_t has_label = rd32(d + pos + 8, swap);
            int32_t nmiss = (int32_t)rd32(d + pos + 12, swap);
            pos += 32;
            if (has_label) {
                if (pos + 4 > len)
                    return 0;
                uint64_t l = rd32(d + pos, swap);
                pos += 4 + (size_t)((l + 3) / 4 * 4);
            }
            if (nmiss < -3 || nmiss > 3)
                return 0;
            pos += (size_t)(nmiss < 0 ? -nmiss : nmiss) * 8;
        } else if (rt == 3) {
            uint64_t n = rd32(d + pos + 4, swap);
            pos += 8;
            for (uint64_t k = 0; k < n && pos + 9 <= len; k++)
                pos += 8 + (size_t)((d[pos + 8] + 1 + 7) / 8 * 8);
        } else if (rt == 4) {
            uint64_t n = rd32(d + pos + 4, swap);
            if (n > len)
                return 0;
            pos += 8 + (size_t)n * 4;
        } else if (rt == 6) {
            uint64_t n = rd32(d + pos + 4, swap);
            if (n > len)
                return 0;
            pos += 8 + (size_t)n * 80;
        } else if (rt == 7) {
            if (pos + 16 > len)
                return 0;
            uint32_t sub = rd32(d + pos + 4, swap);
            uint64_t bytes = (uint64_t)rd32(d + pos + 8, swap) * rd32(d + pos + 12, swap);
            pos += 16;
            if (bytes > len - pos)
                return 0;
            const char *p = (const char *)d + pos;
            size_t n = (size_t)bytes;
            if (sub == 3 && n >= 32)
                s->codepage = (int)rd32(d + pos + 28, swap);
            else if (sub == 20 && n < sizeof s->file_enc) {
                memcpy(s->file_enc, p, n);
                s->file_enc[n] = '\0';
            } else if (want_sets && sub == 13 && long_names(s, p, n))
                return -1;
            else if (want_sets && (sub == 7 || sub == 19) && mr_sets(s, p, n))
                return -1;
            pos += n;
        } else {
            return 0; /* 999: the end of the dictionary, or something odd */
        }
    }
    return 0;
}
