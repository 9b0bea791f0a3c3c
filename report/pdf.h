/*
 * pdf.h - drawing PDF pages (the libharu adapter).
 *
 * Lifecycle: [rp_font_read() once per font file for many documents] ->
 * rp_pdf_new(fonts, info) -> rp_pdf_page() -> text, lines, rectangles, images,
 * outline entries on the current page -> rp_pdf_goto() to revisit a page (page numbers) ->
 * rp_pdf_write() -> rp_pdf_free(). Coordinates are PDF points from the bottom-left corner of
 * an A4 page (RP_PAGE_W x RP_PAGE_H).
 *
 * Text is UTF-8. The embedded fonts are encoded as Windows-1252, which holds every letter of
 * Dutch and the other Western European languages (ë, ï, é, €, –); a letter outside it is drawn
 * as its nearest plain letter (ł as l) or '?'. Every string placed is checked against the box
 * the caller gives it, and may be logged (rp_pdf_log) for tests that measure the layout.
 *
 * Documents may be drawn on several threads at once, each document on one thread; they share
 * nothing but the fonts from rp_font_read, which are only read. The fonts are embedded as
 * libharu subsets without glyph names (the 'post' table cut to version 3.0).
 */
#ifndef CEO_PDF_H
#define CEO_PDF_H

#include <stdio.h>

#include "../base/base.h"

#define RP_PAGE_W 595.276
#define RP_PAGE_H 841.89

typedef struct rp_pdf rp_pdf;

typedef enum { RP_REGULAR, RP_BOLD } rp_face;

typedef struct {
    double r, g, b; /* 0..1 */
} rp_rgb;

typedef struct {
    double x, y, w, h; /* bottom-left corner and size */
} rp_box;

/* A TrueType file read into memory once, for any number of documents on any threads. */
typedef struct rp_font rp_font;

/* CEO_EIO naming the file when it cannot be read. */
rp_font *rp_font_read(const char *path, ceo_error *err);
void rp_font_free(rp_font *f);

typedef struct {
    const char *font_regular, *font_bold; /* TrueType files */
    const char *title, *author, *subject; /* document information */
    const rp_font *fonts[2]; /* the files read already (RP_REGULAR, RP_BOLD), or NULL each */
} rp_pdf_info;

/* Loads and embeds the fonts. CEO_EIO naming the font file when it cannot be read. */
rp_pdf *rp_pdf_new(const rp_pdf_info *info, ceo_error *err);
void rp_pdf_free(rp_pdf *p);

/* Adds an A4 portrait page and makes it current. */
ceo_status rp_pdf_page(rp_pdf *p, ceo_error *err);
size_t rp_pdf_page_count(const rp_pdf *p);
/* Makes page i (0-based) current again. */
void rp_pdf_goto(rp_pdf *p, size_t i);

/* Width of text in points at the given size. */
double rp_pdf_width(rp_pdf *p, rp_face face, double size, const char *text);

/* Draws text with its baseline starting at (x, y). box is the area the text must stay in; a
 * string that does not fit is counted (rp_pdf_overflows) and logged, never silently cut. */
void rp_pdf_text(rp_pdf *p, rp_face face, double size, rp_rgb colour, double x, double y,
                 const char *text, const rp_box *box);

/* Shapes. A NULL fill or stroke leaves that out. */
void rp_pdf_rect(rp_pdf *p, double x, double y, double w, double h, const rp_rgb *fill,
                 const rp_rgb *stroke, double line_width);
void rp_pdf_line(rp_pdf *p, double x1, double y1, double x2, double y2, rp_rgb colour,
                 double line_width);
void rp_pdf_polyline(rp_pdf *p, const double *xy, size_t points, rp_rgb colour, double line_width);
void rp_pdf_circle(rp_pdf *p, double x, double y, double r, const rp_rgb *fill,
                   const rp_rgb *stroke);

/* A bookmark to the current page at height y: level 0 a chapter, 1 a section under the last
 * chapter. */
ceo_status rp_pdf_outline(rp_pdf *p, int level, const char *title, double y, ceo_error *err);

/* Draws a PNG file scaled into the box, keeping its proportions. */
ceo_status rp_pdf_png(rp_pdf *p, const char *path, const rp_box *box, ceo_error *err);

/* Writes the document to fp. */
ceo_status rp_pdf_write(rp_pdf *p, FILE *fp, ceo_error *err);

/* Strings that did not fit their box or the page. */
long rp_pdf_overflows(const rp_pdf *p);
/* Logs every string placed as a tab-separated line: page, x, y, width, size, box x, y, w, h,
 * text. NULL stops logging. */
void rp_pdf_log(rp_pdf *p, FILE *fp);

#endif
