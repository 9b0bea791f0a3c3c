/*
 * text.c - normalisation of header texts and values.
 *
 * All normalisation is one pipeline: clean (entities decoded, tags and template code
 * removed), then fold (whitespace collapsed, trimmed, lower-cased), then trim the ends that
 * differ between platforms (numbering, final punctuation). Lower-casing covers ASCII and the
 * Latin-1 letters Dutch uses (Ë -> ë) here, and every other letter through libunistring's
 * lower-case mapping (Ł -> ł); patterns are matched caseless anyway, spellings are not, so
 * both sides must fold the same way - they do, through this file.
 *
 * Every cell becomes UTF-8 in Unicode normalisation form C (sv_to_utf8): "Tiël" typed on a Mac
 * (e + U+0308) and on Windows (U+00EB) are one text from then on. This file is libunistring's
 * adapter: no other file includes its headers.
 */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>

#include "base.h"

void sv_buf_free(sv_buf *b)
{
    if (!b)
        return;
    ceo_free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

static int reserve(sv_buf *b, size_t n)
{
    return ceo_grow((void **)&b->p, &b->cap, n + 1, 1);
}

int sv_buf_set(sv_buf *b, const char *s, size_t n)
{
    b->len = 0;
    return sv_buf_add(b, s, n);
}

int sv_buf_add(sv_buf *b, const char *s, size_t n)
{
    if (reserve(b, b->len + n) != 0)
        return -1;
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

int sv_utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned int cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (i + len > n)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

/* Unicode code points of Windows-1252 bytes 0x80-0x9F; 0 where the byte is undefined. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static size_t put_utf8(char *o, unsigned int cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* 1 when a text may change under NFC: it holds a byte from 0xCC on (combining marks start at
 * U+0300; below it every character is its own NFC form). */
static int may_change_nfc(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0xCC && ((unsigned char)s[i] & 0xC0) != 0x80)
            return 1;
    return 0;
}

/* Replaces out's content with what libunistring produced into its own buffer or into
 * out->p; frees the former. */
static int take_result(sv_buf *out, uint8_t *r, size_t len)
{
    if (!r)
        return -1;
    if ((char *)r == out->p) {
        out->len = len;
    } else {
        int rc = sv_buf_set(out, (const char *)r, len);
        free(r);
        if (rc != 0)
            return -1;
    }
    if (reserve(out, out->len) != 0)
        return -1;
    out->p[out->len] = '\0';
    return 0;
}

/* Writes the valid UTF-8 s in normalisation form C. */
static int to_nfc(sv_buf *out, const char *s, size_t n)
{
    if (!may_change_nfc(s, n))
        return sv_buf_set(out, s, n);
    if (reserve(out, n) != 0)
        return -1;
    size_t len = out->cap - 1;
    uint8_t *r = u8_normalize(UNINORM_NFC, (const uint8_t *)s, n, (uint8_t *)out->p, &len);
    return take_result(out, r, len);
}

int sv_to_utf8(sv_buf *out, const char *s, size_t n, int *fallback)
{
    if (fallback)
        *fallback = 0;
    if (sv_utf8_valid(s, n))
        return to_nfc(out, s, n);
    if (fallback)
        *fallback = 1;
    if (reserve(out, n * 3) != 0)
        return -1;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned int cp = c;
        if (c >= 0x80 && c <= 0x9F)
            cp = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD;
        o += put_utf8(out->p + o, cp);
    }
    out->len = o;
    out->p[o] = '\0';
    return 0;
}

/* Letters outside Windows-1252 that have a plain letter close enough for a name. */
static const struct {
    unsigned short cp;
    char to;
} near_letters[] = {
    {0x0141, 'L'}, {0x0142, 'l'}, {0x0150, 'O'}, {0x0151, 'o'}, {0x0170, 'U'}, {0x0171, 'u'},
    {0x015E, 'S'}, {0x015F, 's'}, {0x0130, 'I'}, {0x0131, 'i'}, {0x011E, 'G'}, {0x011F, 'g'},
    {0x0106, 'C'}, {0x0107, 'c'}, {0x010C, 'C'}, {0x010D, 'c'}, {0x0143, 'N'}, {0x0144, 'n'},
    {0x015A, 'S'}, {0x015B, 's'}, {0x0179, 'Z'}, {0x017A, 'z'}, {0x017B, 'Z'}, {0x017C, 'z'},
    {0x0158, 'R'}, {0x0159, 'r'}, {0x011A, 'E'}, {0x011B, 'e'}, {0x016E, 'U'}, {0x016F, 'u'},
    {0x0104, 'A'}, {0x0105, 'a'}, {0x0118, 'E'}, {0x0119, 'e'}, {0x0218, 'S'}, {0x0219, 's'},
    {0x021A, 'T'}, {0x021B, 't'}, {0x0103, 'a'}, {0x0102, 'A'}, {0x2212, '-'}, {0x2010, '-'},
    {0x2011, '-'}, {0x202F, ' '}, {0x2009, ' '}, {0x2002, ' '}, {0x2003, ' '}};

static int cp1252_byte(unsigned int cp)
{
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
        return (int)cp;
    for (int i = 0; i < 32; i++)
        if (cp1252_high[i] == cp)
            return 0x80 + i;
    for (size_t i = 0; i < sizeof near_letters / sizeof near_letters[0]; i++)
        if (near_letters[i].cp == cp)
            return near_letters[i].to;
    return -1;
}

int sv_to_cp1252(sv_buf *out, const char *s, size_t n)
{
    if (reserve(out, n) != 0)
        return -1;
    size_t o = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned int cp = u[i];
        size_t len = 1;
        if (cp >= 0xC0 && cp < 0xF8) {
            len = cp >= 0xF0 ? 4 : cp >= 0xE0 ? 3 : 2;
            if (i + len > n || !sv_utf8_valid(s + i, len)) {
                len = 1;
                cp = 0xFFFD;
            } else {
                cp &= 0x3Fu >> (len - 1);
                for (size_t k = 1; k < len; k++)
                    cp = (cp << 6) | (u[i + k] & 0x3Fu);
            }
        } else if (cp >= 0x80) {
            cp = 0xFFFD;
        }
        int b = cp1252_byte(cp);
        out->p[o++] = (char)(b < 0 ? '?' : b == 0 ? ' ' : b);
        i += len;
    }
    out->p[o] = '\0';
    out->len = o;
    return 0;
}

typedef struct {
    const char *name;
    unsigned int cp;
} entity;

static const entity entities[] = {
    {"nbsp", 0xA0},    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
    {"apos", '\''},    {"euml", 0xEB},    {"Euml", 0xCB},    {"eacute", 0xE9},  {"Eacute", 0xC9},
    {"egrave", 0xE8},  {"ecirc", 0xEA},   {"iuml", 0xEF},    {"ouml", 0xF6},    {"uuml", 0xFC},
    {"auml", 0xE4},    {"aacute", 0xE1},  {"oacute", 0xF3},  {"ccedil", 0xE7},  {"hellip", 0x2026},
    {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"shy", 0xAD},     {"euro", 0x20AC},  {"acirc", 0xE2},   {"ocirc", 0xF4},
};

/* Decodes the entity at s[0] == '&'; returns its length, or 0 when it is no entity. */
static size_t decode_entity(const char *s, size_t n, unsigned int *cp)
{
    size_t end = 1;
    while (end < n && end < 12 && s[end] != ';')
        end++;
    if (end >= n || s[end] != ';' || end < 2)
        return 0;
    if (s[1] == '#') {
        unsigned int v = 0;
        size_t i = 2;
        int hex = i < end && (s[i] == 'x' || s[i] == 'X');
        if (hex)
            i++;
        if (i == end)
            return 0;
        for (; i < end; i++) {
            char c = s[i];
            unsigned int d;
            if (c >= '0' && c <= '9')
                d = (unsigned int)(c - '0');
            else if (hex && c >= 'a' && c <= 'f')
                d = (unsigned int)(c - 'a' + 10);
            else if (hex && c >= 'A' && c <= 'F')
                d = (unsigned int)(c - 'A' + 10);
            else
                return 0;
            v = v * (hex ? 16u : 10u) + d;
            if (v > 0x10FFFF)
                return 0;
        }
        if (v == 0 || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = v;
        return end + 1;
    }
    for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++) {
        size_t len = strlen(entities[k].name);
        if (len == end - 1 && memcmp(s + 1, entities[k].name, len) == 0) {
            *cp = entities[k].cp;
            return end + 1;
        }
    }
    return 0;
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Step 1: entities decoded, tags replaced by a space, template code removed (headers). */
static int clean(sv_buf *out, const char *s, size_t n, int templates)
{
    if (reserve(out, n + 1) != 0)
        return -1;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c == '<' && i + 1 < n && (is_alpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
            const char *gt = memchr(s + i, '>', n - i);
            if (gt) {
                out->p[o++] = ' ';
                i = (size_t)(gt - s) + 1;
                continue;
            }
        }
        if (templates && c == '$' && i + 1 < n && s[i + 1] == '{') {
            const char *cb = memchr(s + i, '}', n - i);
            if (cb) {
                i = (size_t)(cb - s) + 1;
                continue;
            }
        }
        if (templates && c == '{' && i + 1 < n && s[i + 1] == '{') {
            const char *p = s + i + 2;
            while (p + 1 < s + n && !(p[0] == '}' && p[1] == '}'))
                p++;
            if (p + 1 < s + n) {
                i = (size_t)(p - s) + 2;
                continue;
            }
        }
        if (c == '&') {
            unsigned int cp;
            size_t len = decode_entity(s + i, n - i, &cp);
            /* A decoded entity is never longer than its source (&#x10FFFF; vs 4 bytes), so
             * the output stays within n bytes. */
            if (len) {
                o += put_utf8(out->p + o, cp);
                i += len;
                continue;
            }
        }
        out->p[o++] = c;
        i++;
    }
    out->len = o;
    out->p[o] = '\0';
    return 0;
}

/* Length of the whitespace at s (ASCII space, tab, CR, LF, NBSP), or 0. */
static size_t space_at(const char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n'))
        return 1;
    if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] == 0xAF) /* narrow NBSP */
        return 3;
    return 0;
}

/* Step 2, in place: whitespace collapsed and trimmed; lower-cased when fold is set. */
static void fold(sv_buf *b, int lower)
{
    size_t o = 0;
    int pending = 0;
    for (size_t i = 0; i < b->len;) {
        size_t sp = space_at(b->p + i, b->len - i);
        if (sp) {
            pending = o > 0;
            i += sp;
            continue;
        }
        if (pending) {
            b->p[o++] = ' ';
            pending = 0;
        }
        unsigned char c = (unsigned char)b->p[i];
        if (lower && c >= 'A' && c <= 'Z') {
            b->p[o++] = (char)(c + 32);
            i++;
        } else if (lower && c == 0xC3 && i + 1 < b->len) {
            unsigned char d = (unsigned char)b->p[i + 1];
            b->p[o++] = (char)c;
            b->p[o++] = (char)(d >= 0x80 && d <= 0x9E && d != 0x97 ? d + 0x20 : d);
            i += 2;
        } else {
            b->p[o++] = (char)c;
            i++;
        }
    }
    b->len = o;
    b->p[o] = '\0';
}

/* Lower-cases the letters outside Latin-1 that fold() leaves (Ł, Ş, Ő, Greek, Cyrillic). */
static int lower_beyond_latin1(sv_buf *b)
{
    size_t i = 0;
    while (i < b->len && (unsigned char)b->p[i] < 0xC4)
        i++;
    if (i == b->len)
        return 0;
    size_t len = 0;
    uint8_t *r = u8_tolower((const uint8_t *)b->p, b->len, NULL, UNINORM_NFC, NULL, &len);
    return take_result(b, r, len);
}

int sv_norm_value(sv_buf *out, const char *s, size_t n)
{
    if (clean(out, s, n, 0) != 0)
        return -1;
    fold(out, 1);
    if (lower_beyond_latin1(out) != 0)
        return -1;
    if (out->len > 1 && out->p[out->len - 1] == '.' && out->p[out->len - 2] != '.')
        out->p[--out->len] = '\0';
    while (out->len && out->p[out->len - 1] == ' ')
        out->p[--out->len] = '\0';
    return 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Length of a numbering prefix at the start of a folded header ("3. ", "q3 - ", "1a) "). */
static size_t numbering(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 6 && memcmp(s, "vraag ", 6) == 0)
        i = 6;
    else if (i < n && (s[i] == 'q' || s[i] == 'v'))
        i++;
    size_t d = i;
    while (i < n && is_digit(s[i]) && i - d < 3)
        i++;
    if (i == d)
        return 0;
    if (i < n && s[i] >= 'a' && s[i] <= 'z' && i + 1 < n && !is_alpha(s[i + 1]))
        i++;
    size_t j = i;
    if (j < n && s[j] == ' ')
        j++;
    if (j < n && (s[j] == '.' || s[j] == ')' || s[j] == ':' || s[j] == '-'))
        j++;
    else
        return 0;
    if (j < n && s[j] == ' ')
        return j + 1;
    return 0; /* "1.5" or "q4_1" are no numbering */
}

int sv_norm_header(sv_buf *out, const char *s, size_t n)
{
    if (clean(out, s, n, 1) != 0)
        return -1;
    fold(out, 1);
    if (lower_beyond_latin1(out) != 0)
        return -1;
    size_t pre = numbering(out->p, out->len);
    if (pre && pre < out->len) {
        memmove(out->p, out->p + pre, out->len - pre);
        out->len -= pre;
    }
    while (out->len) {
        char c = out->p[out->len - 1];
        if (c == '.' || c == '?' || c == ':' || c == '!' || c == '*' || c == ' ')
            out->len--;
        else
            break;
    }
    out->p[out->len] = '\0';
    return 0;
}

/* The plain lower-case letter of a Latin-1 letter written as C3 d (either case), or 0: for
 * C3 80-BF, that is U+00C0-U+00FF. Letters that are not an accented plain letter (æ, ß, þ) and
 * the signs × ÷ have none. */
static char plain_latin1(unsigned char d)
{
    static const char map[] = "aaaaaa\0ceeeeiiii"
                              "dnooooo\0ouuuuy\0\0"
                              "aaaaaa\0ceeeeiiii"
                              "dnooooo\0ouuuuy\0y";
    return d >= 0x80 && d <= 0xBF ? map[d - 0x80] : 0;
}

/* How a byte sequence at s reads in a word form: 'w' part of a word (with *len bytes and, for
 * a folded accent, *plain set), ' ' a space, 'j' a joiner (dot, apostrophe: dropped between
 * letters, a space elsewhere), '/' or ',' a separator. */
static char word_class(const char *s, size_t n, size_t *len, char *plain)
{
    unsigned char c = (unsigned char)s[0];
    *len = 1;
    *plain = 0;
    if (c == '/' || c == '(' || c == ')' || c == '[' || c == ']' || c == '|')
        return '/';
    if (c == ',' || c == ';')
        return ',';
    if (c == '.' || c == '\'')
        return 'j';
    if (c == ' ' || c == '-' || c == '_' || c == ':' || c == '"' || c == '*')
        return ' ';
    if (c == 0xC3 && n >= 2 && (*plain = plain_latin1((unsigned char)s[1])) != 0) {
        *len = 2;
        return 'w';
    }
    if (c == 0xE2 && n >= 3 && (unsigned char)s[1] == 0x80) {
        unsigned char d = (unsigned char)s[2];
        *len = 3;
        if (d == 0x98 || d == 0x99) /* curly apostrophes */
            return 'j';
        if (d == 0x93 || d == 0x94 || d == 0x9C || d == 0x9D) /* en/em dash, curly quotes */
            return ' ';
        return 'w';
    }
    if (c >= 0x80) { /* any other character stays part of its word, whole */
        while (*len < n && ((unsigned char)s[*len] & 0xC0) == 0x80)
            (*len)++;
    }
    return 'w';
}

/* A lower-case letter, or a byte of a letter outside ASCII. */
static int letter(char c)
{
    return (c >= 'a' && c <= 'z') || (unsigned char)c >= 0x80;
}

/* Words that change nothing in an answer: "weet ik het niet", "ik weet het niet" and "weet niet"
 * say the same, as do "mee oneens" and "oneens". */
static int filler(const char *w, size_t n)
{
    return (n == 2 && memcmp(w, "ik", 2) == 0) || (n == 3 && memcmp(w, "het", 3) == 0) ||
           (n == 3 && memcmp(w, "mee", 3) == 0);
}

size_t sv_norm_words(char *out, size_t cap, const char *s, size_t n)
{
    size_t o = 0, word = 0, before = 0; /* where the word starts, and o before its lead */
    int in_word = 0;
    char sep = 0, sep_before = 0; /* a separator waiting for the next word */
    for (size_t i = 0; i <= n;) {
        size_t len = 0;
        char plain = 0, k = i < n ? word_class(s + i, n - i, &len, &plain) : ' ';
        if (k == 'j' && in_word && letter(out[o - 1]) && i + len < n && letter(s[i + len])) {
            i += len; /* n.v.t -> nvt, don't -> dont; but 7.5 stays two words */
            continue;
        }
        if (k == 'w') {
            if (!in_word) {
                before = o;
                sep_before = sep;
                if (o + 3 >= cap)
                    return 0;
                if (o) {
                    out[o++] = ' ';
                    if (sep) {
                        out[o++] = sep;
                        out[o++] = ' ';
                    }
                }
                sep = 0;
                word = o;
                in_word = 1;
            }
            if (o + len >= cap)
                return 0;
            if (plain)
                out[o++] = plain;
            else
                memcpy(out + o, s + i, len), o += len;
            i += len;
            continue;
        }
        if (in_word) {
            in_word = 0;
            if (filler(out + word, o - word)) {
                o = before;
                sep = sep_before;
            }
        }
        if ((k == '/' || k == ',') && o && sep != '/')
            sep = k;
        if (i == n)
            break;
        i += len;
    }
    out[o] = '\0';
    return o;
}

int sv_clean_display(sv_buf *out, const char *s, size_t n)
{
    if (clean(out, s, n, 1) != 0)
        return -1;
    fold(out, 0);
    return 0;
}

int sv_is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t sp = space_at(s + i, n - i);
        if (!sp)
            return 0;
        i += sp;
    }
    return 1;
}
