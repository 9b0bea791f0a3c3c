/*
 * pdf.c - the only file that includes hpdf.h.
 *
 * libharu reports errors through a callback; the first one is kept and returned by the next
 * call that can fail (and by rp_pdf_write), so drawing calls stay simple. Its allocations go
 * through the ceo allocator, so out-of-memory tests reach them. Fonts are embedded as
 * TrueType with the Windows-1252 encoding: libharu 2.3's UTF-8 path writes a ToUnicode map
 * that PDF readers warn about, and the single-byte path embeds smaller fonts.
 */
#include "pdf.h"

#include <hpdf.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"

/* A reader's place in a font read into memory: one per face and document, as libharu reads
 * the font again when it writes the PDF. */
typedef struct {
    const rp_font *font;
    size_t pos;
} font_cursor;

struct rp_pdf {
    HPDF_Doc doc;
    font_cursor cursor[2]; /* outlive the document's streams: freed after HPDF_Free */
    rp_font *own[2];       /* fonts this document read itself */
    HPDF_Font font[2];
    HPDF_Encoder enc;
    HPDF_Page *pages;
    size_t npages, cap, cur;
    HPDF_Outline chapter;
    HPDF_STATUS error, detail;
    sv_buf text; /* the current string in Windows-1252 */
    long overflows;
    FILE *log;
};

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
    rp_pdf *p = data;
    if (!p->error) {
        p->error = error;
        p->detail = detail;
    }
}

/* libharu's allocator takes no context; a failed allocation is remembered here (per thread,
 * as each document is drawn on one thread) so the error it leads to (often reported as
 * something else) is returned as out of memory. */
static _Thread_local int alloc_failed;
/* Set while libharu writes the file: libharu 2.3 crashes when an allocation fails there (found
 * by the out-of-memory sweep of the unit tests), so those allocations bypass the failure
 * injection. */
static _Thread_local int saving;

static void *pdf_alloc(HPDF_UINT n)
{
    void *q = saving ? malloc(n ? n : 1) : ceo_malloc(n);
    if (!q)
        alloc_failed = 1;
    return q;
}

static void pdf_free(void *q)
{
    ceo_free(q);
}

/* The error kept from libharu as a ceo error; clears it. */
static ceo_status take_error(rp_pdf *p, ceo_error *err, const char *what)
{
    if (!p->error)
        return CEO_OK;
    /* The error stays set: libharu is not safe to use after one, so every later drawing call
     * is a no-op. */
    HPDF_STATUS e = p->error, d = p->detail;
    if (e == HPDF_FAILD_TO_ALLOC_MEM || alloc_failed)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    return ceo_error_set(err, CEO_EDATA, NULL, 0, 0, "%s: PDF library error 0x%04X (detail %u)",
                         ceo_tr(what), (unsigned)e, (unsigned)d);
}

static const char *cp1252(rp_pdf *p, const char *s)
{
    if (!s)
        s = "";
    if (sv_to_cp1252(&p->text, s, strlen(s)) != 0) {
        if (!p->error)
            p->error = HPDF_FAILD_TO_ALLOC_MEM;
        return "";
    }
    return p->text.p;
}

/* Document information strings are in PDFDocEncoding, which differs from Windows-1252 in
 * 0x80-0x9F: move the punctuation that lives there. */
static const char *docenc(rp_pdf *p, const char *s)
{
    static const unsigned char from[] = {0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97};
    static const unsigned char to[] = {0xA0, 0x83, 0x8F, 0x90, 0x8D, 0x8E, 0x80, 0x85, 0x84};
    cp1252(p, s);
    for (char *c = p->text.p; c && *c; c++) {
        unsigned char u = (unsigned char)*c;
        if (u == 0xA0) {
            *c = ' ';
            continue;
        }
        if (u < 0x80 || u > 0x9F)
            continue;
        char m = '?';
        for (size_t k = 0; k < sizeof from; k++)
            if (from[k] == u)
                m = (char)to[k];
        *c = m;
    }
    return p->text.p ? p->text.p : "";
}

struct rp_font {
    unsigned char *data;
    size_t size;
};

static uint32_t get32(const unsigned char *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static void put32(unsigned char *b, uint32_t v)
{
    b[0] = (unsigned char)(v >> 24);
    b[1] = (unsigned char)(v >> 16);
    b[2] = (unsigned char)(v >> 8);
    b[3] = (unsigned char)v;
}

/* The 'post' table of a TrueType font names every glyph: 62 KB of DejaVu Sans, which libharu
 * embeds whole in every PDF (40% of each embedded font, compressed again each time). A PDF
 * reader finds the glyphs of a non-symbolic TrueType font (libharu's, with WinAnsi names) by
 * its Unicode cmap, not by these names, so the table is cut to its 32-byte header as version
 * 3.0, "no glyph names", as font subsetters do. A font that is not as expected is left as it
 * is, for libharu to judge. */
static void drop_glyph_names(rp_font *f)
{
    unsigned char *d = f->data;
    if (f->size < 12)
        return;
    size_t ntables = (size_t)d[4] << 8 | d[5];
    for (size_t i = 0; i < ntables && 12 + 16 * (i + 1) <= f->size; i++) {
        unsigned char *rec = d + 12 + 16 * i;
        if (memcmp(rec, "post", 4) != 0)
            continue;
        uint32_t off = get32(rec + 8), len = get32(rec + 12);
        if (len <= 32 || off > f->size || len > f->size - off || get32(d + off) == 0x00030000)
            return;
        put32(d + off, 0x00030000);
        put32(rec + 12, 32);
        uint32_t sum = 0;
        for (int w = 0; w < 8; w++)
            sum += get32(d + off + 4 * w);
        put32(rec + 4, sum);
        return;
    }
}

rp_font *rp_font_read(const char *path, ceo_error *err)
{
    rp_font *f = ceo_calloc(1, sizeof *f);
    if (!f) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    FILE *fp = fopen(path, "rb");
    long size = -1;
    if (fp && fseek(fp, 0, SEEK_END) == 0)
        size = ftell(fp);
    int ok = fp && size > 0 && size <= 0x7FFFFFFF && fseek(fp, 0, SEEK_SET) == 0;
    if (ok && !(f->data = ceo_malloc((size_t)size))) {
        if (fp)
            fclose(fp);
        ceo_free(f);
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    f->size = ok ? fread(f->data, 1, (size_t)size, fp) : 0;
    if (fp)
        fclose(fp);
    if (!ok || f->size != (size_t)size) {
        rp_font_free(f);
        ceo_error_set(err, CEO_EIO, path, 0, 0,
                      "cannot read the font (install fonts-dejavu-core, or name a TrueType font "
                      "in the project file)");
        return NULL;
    }
    drop_glyph_names(f);
    return f;
}

void rp_font_free(rp_font *f)
{
    if (!f)
        return;
    ceo_free(f->data);
    ceo_free(f);
}

/* The font from memory uses libharu 2.3's internals (its document and font definition
 * structs); with any other version the public loader reads the file instead. */
#if HPDF_VERSION_ID == 20300
/* libharu reads a font through a stream; these callbacks read one from memory. libharu 2.3
 * reads a TrueType file through stdio with a seek before nearly every read, when it loads the
 * font and again when it writes the subset into the PDF, and its memory stream copies byte by
 * byte; 2.4's HPDF_LoadTTFontFromMemory is not in Debian. */
static HPDF_STATUS font_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size)
{
    font_cursor *c = s->attr;
    size_t left = c->pos < c->font->size ? c->font->size - c->pos : 0;
    size_t n = *size < left ? *size : left;
    if (n)
        memcpy(ptr, c->font->data + c->pos, n);
    c->pos += n;
    if (n < *size) {
        *size = (HPDF_UINT)n;
        return HPDF_STREAM_EOF;
    }
    return HPDF_OK;
}

static HPDF_STATUS font_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
    font_cursor *c = s->attr;
    long base = mode == HPDF_SEEK_CUR   ? (long)c->pos
                : mode == HPDF_SEEK_END ? (long)c->font->size
                                        : 0;
    if (base + pos < 0)
        return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, 0);
    c->pos = (size_t)(base + pos);
    return HPDF_OK;
}

static HPDF_INT32 font_tell(HPDF_Stream s)
{
    return (HPDF_INT32)((font_cursor *)s->attr)->pos;
}

static HPDF_UINT32 font_size(HPDF_Stream s)
{
    return (HPDF_UINT32)((font_cursor *)s->attr)->font->size;
}

/* Registers the font with the document and gives it the next subset tag (HPDFAA, HPDFAB, ...),
 * as HPDF_LoadTTFontFromFile does. The font definition owns the stream from here on. */
static const char *register_font(rp_pdf *p, HPDF_Stream s)
{
    HPDF_Doc doc = p->doc;
    HPDF_FontDef def = HPDF_TTFontDef_Load(doc->mmgr, s, HPDF_TRUE);
    HPDF_FontDef known = def ? HPDF_Doc_FindFontDef(doc, def->base_font) : NULL;
    if (known) { /* the same font twice (regular and bold): one font, as libharu does */
        HPDF_FontDef_Free(def);
        return known->base_font;
    }
    if (!def || HPDF_Doc_RegisterFontDef(doc, def) != HPDF_OK) {
        HPDF_CheckError(&doc->error);
        return NULL;
    }
    if (doc->ttfont_tag[0] == 0) {
        memcpy(doc->ttfont_tag, "HPDFAA", 6);
    } else {
        for (int i = 5; i >= 0; i--) {
            doc->ttfont_tag[i] = (HPDF_BYTE)(doc->ttfont_tag[i] + 1);
            if (doc->ttfont_tag[i] <= 'Z')
                break;
            doc->ttfont_tag[i] = 'A';
        }
    }
    HPDF_TTFontDef_SetTagName(def, (char *)doc->ttfont_tag);
    return def->base_font;
}

#endif

/* Loads face k from font (read by the caller) or, when font is NULL, from the file. */
static ceo_status load_font(rp_pdf *p, int k, const rp_font *font, const char *path, ceo_error *err)
{
    if (!font) {
        ceo_error local;
        ceo_error_clear(&local);
        if (!(font = p->own[k] = rp_font_read(path, &local))) {
            if (err && !err->code)
                *err = local;
            return local.code;
        }
    }
#if HPDF_VERSION_ID == 20300
    p->cursor[k] = (font_cursor){font, 0};
    HPDF_Stream s = HPDF_CallbackReader_New(p->doc->mmgr, font_read, font_seek, font_tell,
                                            font_size, &p->cursor[k]);
    if (!s)
        HPDF_CheckError(&p->doc->error);
    const char *name = s ? register_font(p, s) : NULL;
#else
    const char *name = HPDF_LoadTTFontFromFile(p->doc, path, HPDF_TRUE);
#endif
    p->font[k] = name ? HPDF_GetFont(p->doc, name, "CP1252") : NULL;
    if (!p->font[k]) {
        ceo_status st = take_error(p, err, "cannot load the font");
        if (!st)
            st = ceo_error_set(err, CEO_EDATA, path, 0, 0, "cannot load the font");
        else if (st == CEO_EDATA)
            ceo_error_set(err, CEO_EDATA, path, 0, 0, "not a TrueType font libharu can embed");
        return st;
    }
    return CEO_OK;
}

/* The catalog's language (Dutch, so a screen reader speaks the text as Dutch) and the viewer
 * preference that shows the document's title, not its file name, in the window's title bar.
 * libharu 2.3 has no call for either: both are entries of the catalog dictionary. */
static void label_document(HPDF_Doc doc)
{
    HPDF_String lang = HPDF_String_New(doc->mmgr, "nl-NL", NULL);
    if (lang)
        HPDF_Dict_Add(doc->catalog, "Lang", lang);
    HPDF_Dict prefs = HPDF_Dict_New(doc->mmgr);
    if (prefs && HPDF_Dict_Add(doc->catalog, "ViewerPreferences", prefs) == HPDF_OK)
        HPDF_Dict_Add(prefs, "DisplayDocTitle", HPDF_Boolean_New(doc->mmgr, HPDF_TRUE));
}

rp_pdf *rp_pdf_new(const rp_pdf_info *info, ceo_error *err)
{
    rp_pdf *p = ceo_calloc(1, sizeof *p);
    if (!p) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    alloc_failed = 0;
    p->doc = HPDF_NewEx(on_error, pdf_alloc, pdf_free, 0, p);
    if (!p->doc) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        ceo_free(p);
        return NULL;
    }
    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
    p->enc = HPDF_GetEncoder(p->doc, "CP1252");
    if (take_error(p, err, "cannot set up the PDF") ||
        load_font(p, RP_REGULAR, info->fonts[RP_REGULAR], info->font_regular, err) ||
        load_font(p, RP_BOLD, info->fonts[RP_BOLD], info->font_bold, err)) {
        rp_pdf_free(p);
        return NULL;
    }
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "ceo");
    if (info->title)
        HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, docenc(p, info->title));
    if (info->author)
        HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR, docenc(p, info->author));
    if (info->subject)
        HPDF_SetInfoAttr(p->doc, HPDF_INFO_SUBJECT, docenc(p, info->subject));
    HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
    label_document(p->doc);
    if (take_error(p, err, "cannot set the document information")) {
        rp_pdf_free(p);
        return NULL;
    }
    return p;
}

void rp_pdf_free(rp_pdf *p)
{
    if (!p)
        return;
    if (p->doc)
        HPDF_Free(p->doc);
    rp_font_free(p->own[0]);
    rp_font_free(p->own[1]);
    ceo_free(p->pages);
    sv_buf_free(&p->text);
    ceo_free(p);
}

ceo_status rp_pdf_page(rp_pdf *p, ceo_error *err)
{
    if (p->error)
        return take_error(p, err, "cannot add a page");
    if (ceo_grow((void **)&p->pages, &p->cap, p->npages + 1, sizeof *p->pages) != 0)
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    HPDF_Page page = HPDF_AddPage(p->doc);
    if (page)
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    ceo_status st = take_error(p, err, "cannot add a page");
    if (st)
        return st;
    p->pages[p->npages] = page;
    p->cur = p->npages++;
    return CEO_OK;
}

size_t rp_pdf_page_count(const rp_pdf *p)
{
    return p->npages;
}

void rp_pdf_goto(rp_pdf *p, size_t i)
{
    if (i < p->npages)
        p->cur = i;
}

/* The current page, or NULL when there is none or after an error. */
static HPDF_Page page_of(const rp_pdf *p)
{
    return p->npages && !p->error ? p->pages[p->cur] : NULL;
}

double rp_pdf_width(rp_pdf *p, rp_face face, double size, const char *text)
{
    const char *s = cp1252(p, text);
    if (p->error)
        return 0;
    HPDF_TextWidth tw =
        HPDF_Font_TextWidth(p->font[face], (const HPDF_BYTE *)s, (HPDF_UINT)strlen(s));
    return (double)tw.width * size / 1000.0;
}

void rp_pdf_text(rp_pdf *p, rp_face face, double size, rp_rgb c, double x, double y,
                 const char *text, const rp_box *box)
{
    HPDF_Page page = page_of(p);
    if (!page || !text || !*text)
        return;
    double w = rp_pdf_width(p, face, size, text);
    const char *s = p->text.p; /* converted by rp_pdf_width */
    rp_box pagebox = {0, 0, RP_PAGE_W, RP_PAGE_H};
    const rp_box *b = box ? box : &pagebox;
    const double eps = 0.01, up = 0.76 * size, down = 0.24 * size;
    int fits = x >= b->x - eps && x + w <= b->x + b->w + eps && y - down >= b->y - eps &&
               y + up <= b->y + b->h + eps && x >= 0 && x + w <= RP_PAGE_W && y - down >= 0 &&
               y + up <= RP_PAGE_H;
    if (!fits)
        p->overflows++;
    if (p->log) {
        fprintf(p->log, "%zu\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t", p->cur + 1, x, y,
                w, size, b->x, b->y, b->w, b->h);
        for (const char *t = text; *t; t++)
            fputc(*t == '\t' || *t == '\n' ? ' ' : *t, p->log);
        fputc('\n', p->log);
    }
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, p->font[face], (HPDF_REAL)size);
    HPDF_Page_SetRGBFill(page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
    HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, s);
    HPDF_Page_EndText(page);
}

static void paint(HPDF_Page page, const rp_rgb *fill, const rp_rgb *stroke, double lw)
{
    if (fill)
        HPDF_Page_SetRGBFill(page, (HPDF_REAL)fill->r, (HPDF_REAL)fill->g, (HPDF_REAL)fill->b);
    if (stroke) {
        HPDF_Page_SetRGBStroke(page, (HPDF_REAL)stroke->r, (HPDF_REAL)stroke->g,
                               (HPDF_REAL)stroke->b);
        HPDF_Page_SetLineWidth(page, (HPDF_REAL)lw);
    }
}

static void finish_path(HPDF_Page page, const rp_rgb *fill, const rp_rgb *stroke)
{
    if (fill && stroke)
        HPDF_Page_FillStroke(page);
    else if (fill)
        HPDF_Page_Fill(page);
    else
        HPDF_Page_Stroke(page);
}

void rp_pdf_rect(rp_pdf *p, double x, double y, double w, double h, const rp_rgb *fill,
                 const rp_rgb *stroke, double line_width)
{
    HPDF_Page page = page_of(p);
    if (!page || (!fill && !stroke) || w <= 0 || h <= 0)
        return;
    paint(page, fill, stroke, line_width);
    HPDF_Page_Rectangle(page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
    finish_path(page, fill, stroke);
}

void rp_pdf_line(rp_pdf *p, double x1, double y1, double x2, double y2, rp_rgb colour,
                 double line_width)
{
    double xy[4] = {x1, y1, x2, y2};
    rp_pdf_polyline(p, xy, 2, colour, line_width);
}

void rp_pdf_polyline(rp_pdf *p, const double *xy, size_t points, rp_rgb colour, double line_width)
{
    HPDF_Page page = page_of(p);
    if (!page || points < 2)
        return;
    paint(page, NULL, &colour, line_width);
    HPDF_Page_MoveTo(page, (HPDF_REAL)xy[0], (HPDF_REAL)xy[1]);
    for (size_t i = 1; i < points; i++)
        HPDF_Page_LineTo(page, (HPDF_REAL)xy[2 * i], (HPDF_REAL)xy[2 * i + 1]);
    HPDF_Page_Stroke(page);
}

void rp_pdf_circle(rp_pdf *p, double x, double y, double r, const rp_rgb *fill,
                   const rp_rgb *stroke)
{
    HPDF_Page page = page_of(p);
    if (!page || (!fill && !stroke))
        return;
    paint(page, fill, stroke, 0.6);
    HPDF_Page_Circle(page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)r);
    finish_path(page, fill, stroke);
}

ceo_status rp_pdf_outline(rp_pdf *p, int level, const char *title, double y, ceo_error *err)
{
    HPDF_Page page = page_of(p);
    if (!page)
        return take_error(p, err, "cannot add a bookmark");
    HPDF_Outline parent = level > 0 && p->chapter ? p->chapter : NULL;
    HPDF_Outline o = HPDF_CreateOutline(p->doc, parent, cp1252(p, title), p->enc);
    HPDF_Destination d = o ? HPDF_Page_CreateDestination(page) : NULL;
    if (d) {
        HPDF_Destination_SetFitH(d, (HPDF_REAL)y);
        HPDF_Outline_SetDestination(o, d);
    }
    if (o && !parent) {
        HPDF_Outline_SetOpened(o, HPDF_TRUE);
        p->chapter = o;
    }
    return take_error(p, err, "cannot add a bookmark");
}

ceo_status rp_pdf_png(rp_pdf *p, const char *path, const rp_box *box, ceo_error *err)
{
    HPDF_Page page = page_of(p);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot read the logo");
    unsigned char sig[8];
    size_t got = fread(sig, 1, sizeof sig, fp);
    fclose(fp);
    if (got != 8 || memcmp(sig, "\x89PNG\r\n\x1a\n", 8) != 0)
        return ceo_error_set(err, CEO_EDATA, path, 0, 0, "the logo is not a PNG file");
    HPDF_Image img = HPDF_LoadPngImageFromFile(p->doc, path);
    if (!img || !page) {
        ceo_status st = take_error(p, err, "cannot read the logo");
        return st == CEO_EDATA ? ceo_error_set(err, CEO_EDATA, path, 0, 0,
                                               "cannot read the logo as a PNG image")
                               : st;
    }
    double iw = HPDF_Image_GetWidth(img), ih = HPDF_Image_GetHeight(img);
    if (iw <= 0 || ih <= 0)
        return ceo_error_set(err, CEO_EDATA, path, 0, 0, "the logo has no size");
    double s = fmin(box->w / iw, box->h / ih);
    HPDF_Page_DrawImage(page, img, (HPDF_REAL)box->x, (HPDF_REAL)(box->y + box->h - ih * s),
                        (HPDF_REAL)(iw * s), (HPDF_REAL)(ih * s));
    return take_error(p, err, "cannot draw the logo");
}

ceo_status rp_pdf_write(rp_pdf *p, FILE *fp, ceo_error *err)
{
    ceo_status st = take_error(p, err, "cannot draw the report");
    if (st)
        return st;
    saving = 1;
    HPDF_SaveToStream(p->doc);
    saving = 0;
    if ((st = take_error(p, err, "cannot write the PDF")))
        return st;
    HPDF_ResetStream(p->doc);
    unsigned char buf[16384];
    for (;;) {
        HPDF_UINT32 n = sizeof buf;
        HPDF_STATUS rc = HPDF_ReadFromStream(p->doc, buf, &n);
        if (n && fwrite(buf, 1, n, fp) != n)
            return ceo_error_set(err, CEO_EIO, NULL, 0, 0, "cannot write the PDF: %s",
                                 strerror(errno));
        if (rc == HPDF_STREAM_EOF)
            break;
        if (rc != HPDF_OK) {
            return ceo_error_set(err, CEO_EDATA, NULL, 0, 0,
                                 "cannot write the PDF: library error 0x%04X", (unsigned)rc);
        }
    }
    return CEO_OK;
}

long rp_pdf_overflows(const rp_pdf *p)
{
    return p->overflows;
}

void rp_pdf_log(rp_pdf *p, FILE *fp)
{
    p->log = fp;
}
