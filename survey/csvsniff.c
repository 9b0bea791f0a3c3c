/*
 * csvsniff.c - what a CSV input is, from its first bytes: not CSV text at all (a PDF, a ZIP or
 * Excel file, an SPSS file, UTF-16, binary), Excel's "sep=;" line, the delimiter, and how its
 * lines end.
 *
 * Looks at bytes only, before any parsing; quotes are followed so that a delimiter or a line
 * break inside a quoted field does not count.
 */
#include <string.h>

#include "csvpriv.h"

char sv_csv_sniff_delimiter(const char *buf, size_t len)
{
    static const char cands[3] = {',', ';', '\t'};
    enum { LINES = 12 };
    long counts[3][LINES] = {{0}};
    int nlines = 0, inq = 0;
    /* Blank lines before the header (Excel leaves them for empty first rows) say nothing. */
    size_t start = 0;
    for (size_t i = 0;
         i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'); i++)
        if (buf[i] == '\r' || buf[i] == '\n')
            start = i + 1;
    buf += start;
    len -= start;
    for (size_t i = 0; i < len && nlines < LINES; i++) {
        char c = buf[i];
        if (c == '"')
            inq = !inq;
        else if (!inq && (c == '\n' || (c == '\r' && i + 1 < len && buf[i + 1] != '\n')))
            nlines++; /* LF, CR LF, or a lone CR (old Mac Excel) */
        else if (!inq)
            for (int k = 0; k < 3; k++)
                if (c == cands[k])
                    counts[k][nlines]++;
    }
    if (nlines < LINES && len)
        nlines++; /* the last, unterminated line */
    int best = 0;
    long best_score = -1;
    for (int k = 0; k < 3; k++) {
        long head = counts[k][0];
        if (head == 0)
            continue;
        long consistent = 0;
        for (int l = 1; l < nlines; l++) {
            long d = counts[k][l] - head;
            if (d == 0 || d == 1)
                consistent++;
        }
        /* Consistency over the first lines first, then the number of columns it gives. */
        long score = consistent * 100000 + head;
        if (score > best_score) {
            best_score = score;
            best = k;
        }
    }
    return best_score < 0 ? ',' : cands[best];
}

/* Excel's first line "sep=;" ("sep=," "sep=" TAB, or "sep=\\t" as two characters), which
 * names the delimiter and is no record; Excel may repeat the delimiter after it. Returns the
 * delimiter, with *len the bytes of the line and its line end, or 0 when the input does not
 * start with one. */
char sv_csv_excel_sep(const char *p, size_t n, size_t *len)
{
    if (n < 5 || (p[0] | 0x20) != 's' || (p[1] | 0x20) != 'e' || (p[2] | 0x20) != 'p' ||
        p[3] != '=')
        return 0;
    char d = p[4];
    size_t i = 5;
    if (d == '\\' && n > 5 && p[5] == 't') {
        d = '\t';
        i = 6;
    } else if (d != ',' && d != ';' && d != '\t') {
        return 0;
    }
    while (i < n && p[i] == d)
        i++;
    if (i < n && p[i] == '\r')
        i++;
    if (i < n && p[i] == '\n')
        i++;
    else if (i < n && p[i - 1] != '\r')
        return 0; /* more on the line: a header that happens to start with "sep=" */
    *len = i;
    return d;
}

/* Sets info->crlf or info->cr from the first line break outside quotes: CR LF, LF, or a lone
 * CR (old Mac Excel). */
void sv_csv_line_ends(const char *p, size_t n, sv_csv_info *info)
{
    int inq = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '"') {
            inq = !inq;
        } else if (!inq && p[i] == '\n') {
            return;
        } else if (!inq && p[i] == '\r') {
            if (i + 1 < n && p[i + 1] == '\n')
                info->crlf = 1;
            else if (i + 1 < n)
                info->cr = 1;
            return;
        }
    }
}

/* Says what a file that is not CSV text looks like, or returns NULL when it may be CSV. */
const char *sv_csv_not_csv(const unsigned char *b, size_t n)
{
    if (n >= 5 && memcmp(b, "%PDF-", 5) == 0)
        return "this is a PDF file, not a survey export; export the data as CSV";
    if (n >= 4 && memcmp(b, "PK\x03\x04", 4) == 0)
        return "this is a ZIP or Excel (.xlsx) file; save it as CSV (UTF-8) first";
    if (n >= 4 && (memcmp(b, "$FL2", 4) == 0 || memcmp(b, "$FL3", 4) == 0))
        return "this is an SPSS .sav file, not CSV text";
    if (n >= 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return "this is an old Excel (.xls) file; save it as CSV (UTF-8) first";
    if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return "this file is UTF-16 text; save it as CSV UTF-8 (or Windows-1252) first";
    size_t probe = n < 4096 ? n : 4096;
    size_t ctrl = 0;
    for (size_t i = 0; i < probe; i++) {
        if (b[i] == 0)
            return "this is a binary file (it holds NUL bytes), not a CSV export";
        if (b[i] < 0x20 && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' && b[i] != 0x0C)
            ctrl++;
    }
    if (probe && ctrl * 20 > probe)
        return "this is a binary file, not a CSV export";
    return NULL;
}
