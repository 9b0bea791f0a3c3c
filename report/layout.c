/*
 * layout.c - flowing text, headings and tables (see layout.h).
 */
#include "layout.h"

#include <stdio.h>
#include <string.h>

const rp_rgb rp_black = {0.13, 0.13, 0.13}, rp_grey = {0.42, 0.42, 0.42},
             rp_note = {0.30, 0.30, 0.30}, rp_light = {0.93, 0.94, 0.95}, rp_white = {1, 1, 1};

#define BODY 9.5
#define LEADING 1.35
#define CELL 8.0
#define PAD 3.0

static const rp_box content = {RP_MARGIN_L, RP_MARGIN_B, RP_TEXT_W,
                               RP_PAGE_H - RP_MARGIN_T - RP_MARGIN_B};

ceo_status rp_doc_page(rp_doc *d, ceo_error *err)
{
    ceo_status st = rp_pdf_page(d->pdf, err);
    d->y = RP_PAGE_H - RP_MARGIN_T;
    return st;
}

ceo_status rp_doc_need(rp_doc *d, double h, ceo_error *err)
{
    if (rp_pdf_page_count(d->pdf) == 0 || d->y - h < RP_MARGIN_B)
        return rp_doc_page(d, err);
    return CEO_OK;
}

/* Length of the UTF-8 character at s (1 for a broken byte). */
static size_t char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    for (size_t k = 1; k < n; k++)
        if (((unsigned char)s[k] & 0xC0) != 0x80)
            return 1;
    return n;
}

static double span_width(rp_pdf *p, rp_face face, double size, const char *s, size_t n)
{
    char buf[1024];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return rp_pdf_width(p, face, size, buf);
}

size_t rp_wrap(rp_pdf *p, rp_face face, double size, const char *text, double width, size_t *starts,
               size_t *lens, size_t max)
{
    size_t lines = 0, n = strlen(text), i = 0;
    while (i < n) {
        if (text[i] == '\n') { /* a line break of its own */
            i++;
            continue;
        }
        while (i < n && text[i] == ' ')
            i++;
        if (i >= n)
            break;
        size_t end = i, last_fit = i;
        /* grow word by word while the line fits */
        while (end < n && text[end] != '\n') {
            size_t w = end;
            while (w < n && text[w] == ' ')
                w++;
            while (w < n && text[w] != ' ' && text[w] != '\n')
                w++;
            if (span_width(p, face, size, text + i, w - i) > width)
                break;
            end = last_fit = w;
        }
        if (last_fit == i) { /* one word longer than the line: after a hyphen if one fits */
            size_t w = i;
            while (w < n && text[w] != ' ' && text[w] != '\n')
                w++;
            for (size_t h = w; h > i + 1; h--)
                if (text[h - 1] == '-' && span_width(p, face, size, text + i, h - i) <= width) {
                    last_fit = h;
                    break;
                }
        }
        if (last_fit == i) { /* no hyphen either: break it by characters */
            size_t c = i;
            while (c < n && text[c] != ' ' && text[c] != '\n') {
                size_t k = char_len(text + c);
                if (c > i && span_width(p, face, size, text + i, c + k - i) > width)
                    break;
                c += k;
            }
            last_fit = c;
        }
        if (starts && lines < max) {
            starts[lines] = i;
            lens[lines] = last_fit - i;
        }
        lines++;
        i = last_fit;
    }
    return lines;
}

double rp_text_box(rp_pdf *p, rp_face face, double size, rp_rgb colour, const char *text,
                   const rp_box *box, int align, size_t max_lines)
{
    size_t starts[64], lens[64];
    if (max_lines == 0 || max_lines > 64)
        max_lines = 64;
    size_t lines = rp_wrap(p, face, size, text, box->w, starts, lens, 64);
    size_t shown = lines < max_lines ? lines : max_lines;
    double lead = size * LEADING, top = box->y + box->h;
    char buf[1024];
    for (size_t l = 0; l < shown; l++) {
        size_t len = lens[l] < sizeof buf - 4 ? lens[l] : sizeof buf - 4;
        memcpy(buf, text + starts[l], len);
        buf[len] = '\0';
        if (l + 1 == shown && shown < lines) { /* text left out: end in an ellipsis that fits */
            while (len &&
                   rp_pdf_width(p, face, size, buf) + rp_pdf_width(p, face, size, "\xE2\x80\xA6") >
                       box->w) {
                do
                    len--;
                while (len && ((unsigned char)buf[len] & 0xC0) == 0x80);
                buf[len] = '\0';
            }
            memcpy(buf + len, "\xE2\x80\xA6", 4);
        }
        double w = rp_pdf_width(p, face, size, buf);
        double x = align == RP_RIGHT    ? box->x + box->w - w
                   : align == RP_CENTRE ? box->x + (box->w - w) / 2
                                        : box->x;
        rp_pdf_text(p, face, size, colour, x, top - size * 0.9 - (double)l * lead, buf, box);
    }
    return (double)shown * lead;
}

ceo_status rp_doc_heading(rp_doc *d, int level, const char *text, ceo_error *err)
{
    double size = level == 0 ? 17 : level == 1 ? 12.5 : 10;
    size_t lines = rp_wrap(d->pdf, RP_BOLD, size, text, RP_TEXT_W, NULL, NULL, 0);
    double h = (double)lines * size * LEADING;
    /* A chapter starts a new page only when less than a third of this one is left; a
     * heading never stands alone at the bottom of a page. */
    int fresh = rp_pdf_page_count(d->pdf) == 0 || d->y >= RP_PAGE_H - RP_MARGIN_T - 1;
    /* a section keeps room for the first lines of what follows it (most often a chart) */
    ceo_status st = rp_doc_need(d, level == 0 ? 280 : level == 1 ? h + 150 : h + 80, err);
    if (st)
        return st;
    fresh |= d->y >= RP_PAGE_H - RP_MARGIN_T - 1;
    if (level > 0)
        d->y -= level == 1 ? 10 : 4;
    else if (!fresh)
        d->y -= 18;
    if (level < 2 && (st = rp_pdf_outline(d->pdf, level, text, d->y + 6, err)))
        return st;
    rp_box b = {RP_MARGIN_L, d->y - h, RP_TEXT_W, h};
    rp_text_box(d->pdf, RP_BOLD, size, level == 2 ? rp_black : d->accent, text, &b, RP_LEFT, 0);
    d->y -= h + (level == 0 ? 10 : 4);
    if (level == 0) {
        rp_pdf_rect(d->pdf, RP_MARGIN_L, d->y + 4, RP_TEXT_W, 1.2, &d->accent, NULL, 0);
        d->y -= 8;
    }
    return CEO_OK;
}

static ceo_status flow(rp_doc *d, const char *text, double size, rp_rgb colour, ceo_error *err)
{
    size_t n = strlen(text), i = 0;
    char *para = ceo_malloc(n + 1);
    if (!para)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    ceo_status st = CEO_OK;
    while (i < n && !st) {
        const char *brk = strstr(text + i, "\n\n");
        size_t len = brk ? (size_t)(brk - (text + i)) : n - i;
        memcpy(para, text + i, len);
        para[len] = '\0';
        i += len + (brk ? 2 : 0);
        size_t lines = rp_wrap(d->pdf, RP_REGULAR, size, para, RP_TEXT_W, NULL, NULL, 0);
        double lead = size * LEADING;
        /* a paragraph may break across pages, line by line */
        size_t done = 0;
        while (done < lines && !st) {
            size_t fit = (size_t)((d->y - RP_MARGIN_B) / lead);
            if (fit == 0) {
                st = rp_doc_page(d, err);
                continue;
            }
            size_t starts[256], lens[256];
            size_t all = rp_wrap(d->pdf, RP_REGULAR, size, para, RP_TEXT_W, starts, lens, 256);
            size_t take = lines - done < fit ? lines - done : fit;
            for (size_t l = done; l < done + take && l < all && l < 256; l++) {
                char buf[1024];
                size_t m = lens[l] < sizeof buf - 1 ? lens[l] : sizeof buf - 1;
                memcpy(buf, para + starts[l], m);
                buf[m] = '\0';
                rp_pdf_text(d->pdf, RP_REGULAR, size, colour, RP_MARGIN_L, d->y - size * 0.9, buf,
                            &content);
                d->y -= lead;
            }
            done += take;
        }
        d->y -= size * 0.6;
    }
    ceo_free(para);
    return st;
}

ceo_status rp_doc_para(rp_doc *d, const char *text, double size, ceo_error *err)
{
    ceo_status st = rp_doc_need(d, size * 3, err);
    return st ? st : flow(d, text, size, rp_black, err);
}

ceo_status rp_doc_note(rp_doc *d, const char *text, ceo_error *err)
{
    ceo_status st = rp_doc_need(d, 20, err);
    return st ? st : flow(d, text, 8, rp_note, err);
}

ceo_status rp_doc_finish(rp_doc *d, ceo_error *err)
{
    size_t n = rp_pdf_page_count(d->pdf);
    for (size_t i = 1; i < n; i++) {
        rp_pdf_goto(d->pdf, i);
        double yh = RP_PAGE_H - RP_MARGIN_T + 22, yf = RP_MARGIN_B - 30;
        rp_box hb = {RP_MARGIN_L, yh - 3, RP_TEXT_W, 14}, fb = {RP_MARGIN_L, yf - 3, RP_TEXT_W, 14};
        char num[64];
        snprintf(num, sizeof num, "%s %zu %s %zu", d->page_label, i + 1, d->of_label, n);
        double nw = rp_pdf_width(d->pdf, RP_REGULAR, 7.5, num);
        rp_box hleft = {hb.x, hb.y, hb.w, hb.h}, fleft = {fb.x, fb.y, fb.w - nw - 12, fb.h};
        rp_text_box(d->pdf, RP_REGULAR, 7.5, rp_grey, d->header ? d->header : "", &hleft, RP_LEFT,
                    1);
        rp_text_box(d->pdf, RP_REGULAR, 7.5, rp_grey, d->footer ? d->footer : "", &fleft, RP_LEFT,
                    1);
        rp_text_box(d->pdf, RP_REGULAR, 7.5, rp_grey, num, &fb, RP_RIGHT, 1);
        rp_pdf_line(d->pdf, RP_MARGIN_L, yh - 6, RP_PAGE_W - RP_MARGIN_R, yh - 6, rp_light, 0.8);
        rp_pdf_line(d->pdf, RP_MARGIN_L, yf + 13, RP_PAGE_W - RP_MARGIN_R, yf + 13, rp_light, 0.8);
    }
    (void)err;
    return CEO_OK;
}

static double row_height(rp_doc *d, const rp_col *cols, size_t ncols, const char *const *cells,
                         rp_face face)
{
    size_t most = 1;
    for (size_t c = 0; c < ncols; c++) {
        if (!cells[c] || !*cells[c])
            continue;
        size_t l = rp_wrap(d->pdf, face, CELL, cells[c], cols[c].width - 2 * PAD, NULL, NULL, 0);
        if (l > most)
            most = l;
    }
    return (double)most * CELL * LEADING + 2 * PAD;
}

static void draw_row(rp_doc *d, const rp_col *cols, size_t ncols, const char *const *cells,
                     rp_face face, double h, const rp_rgb *fill, rp_rgb colour)
{
    double x = RP_MARGIN_L;
    if (fill)
        rp_pdf_rect(d->pdf, RP_MARGIN_L, d->y - h, RP_TEXT_W, h, fill, NULL, 0);
    for (size_t c = 0; c < ncols; c++) {
        if (cells[c] && *cells[c]) {
            rp_box b = {x + PAD, d->y - h + PAD, cols[c].width - 2 * PAD, h - 2 * PAD};
            rp_text_box(d->pdf, face, CELL, colour, cells[c], &b, (int)cols[c].align, 0);
        }
        x += cols[c].width;
    }
    d->y -= h;
}

ceo_status rp_doc_table(rp_doc *d, const rp_col *cols, size_t ncols, const char *const *cells,
                        size_t nrows, const int *bold, ceo_error *err)
{
    const char *heads[16];
    if (ncols > 16)
        ncols = 16;
    for (size_t c = 0; c < ncols; c++)
        heads[c] = cols[c].title;
    double hh = row_height(d, cols, ncols, heads, RP_BOLD);
    double first =
        nrows ? row_height(d, cols, ncols, cells, bold && bold[0] ? RP_BOLD : RP_REGULAR) : 0;
    ceo_status st = rp_doc_need(d, hh + first + 4, err);
    if (st)
        return st;
    draw_row(d, cols, ncols, heads, RP_BOLD, hh, &d->accent, rp_white);
    for (size_t r = 0; r < nrows; r++) {
        rp_face face = bold && bold[r] ? RP_BOLD : RP_REGULAR;
        const char *const *row = cells + r * ncols;
        double h = row_height(d, cols, ncols, row, face);
        if (d->y - h < RP_MARGIN_B) {
            if ((st = rp_doc_page(d, err)))
                return st;
            draw_row(d, cols, ncols, heads, RP_BOLD, hh, &d->accent, rp_white);
        }
        draw_row(d, cols, ncols, row, face, h, r % 2 ? &rp_light : NULL, rp_black);
    }
    rp_pdf_line(d->pdf, RP_MARGIN_L, d->y, RP_PAGE_W - RP_MARGIN_R, d->y, rp_grey, 0.5);
    d->y -= 10;
    return CEO_OK;
}
