/*
 * output.c - how ceo-gen writes: dates in each platform's style, buffered files with
 * conversion to Windows-1252, and CSV records; hand-made because they run millions of times.
 */
#include "gen.h"

/* ------------------------------------------------------------------------------------------ */
/* Dates: proleptic Gregorian days since 1970-01-01 (H. Hinnant's algorithms). */

int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

typedef struct {
    int y, mo, d, h, mi, s;
} when;

static when split_time(int64_t t)
{
    when w;
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t sec = t - days * 86400;
    civil_from_days(days, &w.y, &w.mo, &w.d);
    w.h = (int)(sec / 3600);
    w.mi = (int)(sec / 60 % 60);
    w.s = (int)(sec % 60);
    return w;
}

static char *put2(char *o, int v)
{
    o[0] = (char)('0' + v / 10 % 10);
    o[1] = (char)('0' + v % 10);
    return o + 2;
}

static char *put4(char *o, int v)
{
    o = put2(o, v / 100);
    return put2(o, v % 100);
}

/* Formats t into out (at least 24 bytes); hand-made because it runs millions of times. */
void format_date(int64_t t, enum datestyle st, char *out)
{
    when w = split_time(t);
    char *o = out;
    switch (st) {
    case D_ISO: /* 2025-03-06 12:00:00 */
    case D_DAY: /* 2025-03-06 */
        o = put4(o, w.y);
        *o++ = '-';
        o = put2(o, w.mo);
        *o++ = '-';
        o = put2(o, w.d);
        if (st == D_ISO) {
            *o++ = ' ';
            o = put2(o, w.h);
            *o++ = ':';
            o = put2(o, w.mi);
            *o++ = ':';
            o = put2(o, w.s);
        }
        break;
    case D_US: { /* 03/06/2025 11:06:09 AM */
        int h12 = w.h % 12 == 0 ? 12 : w.h % 12;
        o = put2(o, w.mo);
        *o++ = '/';
        o = put2(o, w.d);
        *o++ = '/';
        o = put4(o, w.y);
        *o++ = ' ';
        o = put2(o, h12);
        *o++ = ':';
        o = put2(o, w.mi);
        *o++ = ':';
        o = put2(o, w.s);
        *o++ = ' ';
        *o++ = w.h < 12 ? 'A' : 'P';
        *o++ = 'M';
        break;
    }
    case D_NL: /* 06-03-2025 */
        o = put2(o, w.d);
        *o++ = '-';
        o = put2(o, w.mo);
        *o++ = '-';
        o = put4(o, w.y);
        break;
    }
    *o = '\0';
}

/* ------------------------------------------------------------------------------------------ */
/* Buffered output with optional conversion from UTF-8 to Windows-1252. */

static void out_flush(outfile *o)
{
    if (o->len > 0 && o->err == 0 && fwrite(o->buf, 1, o->len, o->f) != o->len)
        o->err = errno ? errno : EIO;
    o->len = 0;
}

static void out_byte(outfile *o, char c)
{
    if (o->len == sizeof o->buf)
        out_flush(o);
    o->buf[o->len++] = c;
}

void out_raw(outfile *o, const char *s, size_t n)
{
    if (n > sizeof o->buf - o->len) {
        out_flush(o);
        if (n > sizeof o->buf) {
            if (o->err == 0 && fwrite(s, 1, n, o->f) != n)
                o->err = errno ? errno : EIO;
            return;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

/* The Windows-1252 byte for a code point, or '?' for what it cannot hold. */
static char cp1252_byte(uint32_t cp)
{
    static const struct {
        uint32_t cp;
        unsigned char b;
    } high[] = {
        {0x20AC, 0x80}, {0x201A, 0x82}, {0x2026, 0x85}, {0x2018, 0x91}, {0x2019, 0x92},
        {0x201C, 0x93}, {0x201D, 0x94}, {0x2013, 0x96}, {0x2014, 0x97},
    };
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
        return (char)cp;
    for (size_t i = 0; i < sizeof high / sizeof high[0]; i++)
        if (high[i].cp == cp)
            return (char)high[i].b;
    return '?';
}

/* Writes UTF-8 text n bytes long, converted when the file is Windows-1252. */
static void out_text(outfile *o, const char *s, size_t n)
{
    if (!o->cp1252) {
        out_raw(o, s, n);
        return;
    }
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        const unsigned char *run = p;
        while (p < end && *p < 0x80)
            p++;
        if (p > run)
            out_raw(o, (const char *)run, (size_t)(p - run));
        if (p == end)
            break;
        uint32_t cp = *p;
        int extra = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
        if (extra > 0) {
            cp &= 0x3Fu >> extra;
            for (int k = 0; k < extra && p + 1 < end; k++)
                cp = (cp << 6) | (*++p & 0x3Fu);
        }
        out_byte(o, cp1252_byte(cp));
        p++;
    }
}

void out_str(outfile *o, const char *s)
{
    out_text(o, s, strlen(s));
}

outfile *out_open(const char *dir, const char *name, bool cp1252)
{
    outfile *o = malloc(sizeof *o);
    if (o == NULL) {
        fprintf(stderr, "%s: out of memory\n", PROG);
        return NULL;
    }
    snprintf(o->path, sizeof o->path, "%s/%s", dir, name);
    o->f = fopen(o->path, "wb");
    if (o->f == NULL) {
        fprintf(stderr, "%s: cannot create %s: %s\n", PROG, o->path, strerror(errno));
        free(o);
        return NULL;
    }
    o->err = 0;
    o->cp1252 = cp1252;
    o->len = 0;
    return o;
}

/* Flushes and closes o (NULL is fine). Returns 0, or 1 after reporting a write error. */
int out_close(outfile *o)
{
    if (o == NULL)
        return 0;
    out_flush(o);
    if (fclose(o->f) != 0 && o->err == 0)
        o->err = errno ? errno : EIO;
    int rc = 0;
    if (o->err != 0) {
        fprintf(stderr, "%s: cannot write %s: %s\n", PROG, o->path, strerror(o->err));
        rc = 1;
    }
    free(o);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* CSV records. */

static void csv_field_n(csvw *w, const char *s, size_t n)
{
    if (w->fields == 0 && w->eol_between && w->records > 0)
        out_str(w->o, w->eol);
    if (w->fields++ > 0)
        out_byte(w->o, w->delim);
    bool quote = w->quote_all;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == w->delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        out_text(w->o, s, n);
        return;
    }
    out_byte(w->o, '"');
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') {
            out_text(w->o, s + from, i + 1 - from);
            from = i; /* the quote goes out twice */
        }
    }
    out_text(w->o, s + from, n - from);
    out_byte(w->o, '"');
}

void csv_field(csvw *w, const char *s)
{
    csv_field_n(w, s, strlen(s));
}

void csv_end(csvw *w)
{
    if (!w->eol_between)
        out_str(w->o, w->eol);
    w->records++;
    w->fields = 0;
}

/* Writes a small non-negative integer without printf. */
void csv_int(csvw *w, long v)
{
    char buf[24];
    int i = (int)sizeof buf;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0 && i > 0);
    csv_field_n(w, buf + i, sizeof buf - (size_t)i);
}
