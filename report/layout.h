/*
 * layout.h - flowing text, headings and tables over A4 pages, on top of pdf.h.
 *
 * Lifecycle: fill an rp_doc (pdf, running header and footer texts) -> rp_doc_page() ->
 * headings, paragraphs, tables, charts (charts.h) that move the cursor down and start a new
 * page when the next block does not fit -> rp_doc_finish() draws the running header, footer
 * and page numbers on every page but the first.
 *
 * Nothing is ever drawn outside its box: text is wrapped to the width it is given, a word
 * longer than a line is broken, and a table row that does not fit starts a new page with the
 * table's header repeated.
 */
#ifndef CEO_LAYOUT_H
#define CEO_LAYOUT_H

#include "pdf.h"

#define RP_MARGIN_L 56.0
#define RP_MARGIN_R 56.0
#define RP_MARGIN_T 64.0
#define RP_MARGIN_B 60.0
#define RP_TEXT_W (RP_PAGE_W - RP_MARGIN_L - RP_MARGIN_R)

extern const rp_rgb rp_black, rp_grey, rp_note, rp_light, rp_white;

typedef struct {
    rp_pdf *pdf;
    const char *header;     /* running header (left), e.g. the report's title */
    const char *footer;     /* running footer (left), e.g. the region and year */
    const char *page_label; /* "Pagina" */
    const char *of_label;   /* "van" */
    rp_rgb accent;          /* headings and table headers */
    double y;               /* the cursor: top of the next block */
} rp_doc;

ceo_status rp_doc_page(rp_doc *d, ceo_error *err);
/* Starts a new page when less than h points are left above the bottom margin. */
ceo_status rp_doc_need(rp_doc *d, double h, ceo_error *err);
/* Level 0: a chapter (on a new page when less than a third of this one is left), with a
 * bookmark; level 1: a section with a bookmark; level 2: a bold line. */
ceo_status rp_doc_heading(rp_doc *d, int level, const char *text, ceo_error *err);
/* Paragraphs (separated by blank lines in text), wrapped to the text width. */
ceo_status rp_doc_para(rp_doc *d, const char *text, double size, ceo_error *err);
/* The same in a smaller grey type. */
ceo_status rp_doc_note(rp_doc *d, const char *text, ceo_error *err);
/* Header, footer and "Pagina i van n" on every page after the first. */
ceo_status rp_doc_finish(rp_doc *d, ceo_error *err);

/* Breaks text into lines no wider than width: returns the number of lines and, when starts is
 * non-NULL, fills starts/lens (max entries) with byte offsets and lengths of each line. */
size_t rp_wrap(rp_pdf *p, rp_face face, double size, const char *text, double width, size_t *starts,
               size_t *lens, size_t max);
/* Draws wrapped text in the box from its top, at most max_lines lines (the last line ends in
 * "..." when text was left out). Returns the height used. */
double rp_text_box(rp_pdf *p, rp_face face, double size, rp_rgb colour, const char *text,
                   const rp_box *box, int align, size_t max_lines);

typedef enum { RP_LEFT, RP_RIGHT, RP_CENTRE } rp_align;

typedef struct {
    const char *title;
    double width;
    rp_align align;
} rp_col;

/* A table of nrows x ncols text cells (row-major; NULL is an empty cell). bold, when non-NULL,
 * marks rows drawn in bold (a total row). Rows break across pages with the header repeated. */
ceo_status rp_doc_table(rp_doc *d, const rp_col *cols, size_t ncols, const char *const *cells,
                        size_t nrows, const int *bold, ceo_error *err);

#endif
