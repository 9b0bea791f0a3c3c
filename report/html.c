/*
 * html.c - the HTML edition's document (see html.h): a growing buffer of markup, the headings
 * kept for the contents and the table captions, and the page around it written at the end.
 * Every text goes through rp_html_text, so nothing the data says can become markup. Colours are
 * fixed here with their contrast on white at 4.5:1 or more; the project's colour is darkened
 * until it reaches that.
 */
#include "html.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned id;
    char *text;
} toc_entry;

struct rp_html {
    rp_html_info info;
    char *buf; /* the body after the cover */
    size_t len, cap;
    char *cover;
    toc_entry *toc;
    size_t ntoc, captoc;
    char *heading;  /* the latest heading */
    char *caption;  /* rp_html_next_caption */
    int level;      /* the html level of the latest heading (1: the cover's h1) */
    int tables;     /* tables since the latest heading */
    unsigned ids;   /* the last id handed out */
    char accent[8]; /* "#1f4e79" */
    ceo_status st;  /* the first failure */
};

static void fail_oom(rp_html *h)
{
    if (!h->st)
        h->st = CEO_ENOMEM;
}

static char *dup_or_fail(rp_html *h, const char *s)
{
    char *d = ceo_strdup(s ? s : "");
    if (!d)
        fail_oom(h);
    return d;
}

void rp_html_raw(rp_html *h, const char *s)
{
    size_t n = strlen(s);
    if (h->st || ceo_grow((void **)&h->buf, &h->cap, h->len + n + 1, 1) != 0) {
        fail_oom(h);
        return;
    }
    memcpy(h->buf + h->len, s, n + 1);
    h->len += n;
}

void rp_html_rawf(rp_html *h, const char *f, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, f);
    vsnprintf(tmp, sizeof tmp, f, ap);
    va_end(ap);
    rp_html_raw(h, tmp);
}

const char *rp_html_entity(char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    default:
        return NULL;
    }
}

void rp_html_text(rp_html *h, const char *s)
{
    char tmp[512];
    size_t o = 0;
    for (; s && *s; s++) {
        const char *rep = rp_html_entity(*s);
        size_t need = rep ? strlen(rep) : 1;
        if (o + need + 1 > sizeof tmp) {
            tmp[o] = '\0';
            rp_html_raw(h, tmp);
            o = 0;
        }
        if (rep) {
            memcpy(tmp + o, rep, need);
            o += need;
        } else if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t') {
            tmp[o++] = *s; /* other control characters have no place in HTML */
        }
    }
    tmp[o] = '\0';
    rp_html_raw(h, tmp);
}

unsigned rp_html_id(rp_html *h)
{
    return ++h->ids;
}

/* Relative luminance (WCAG 2.1) of a colour. */
static double luminance(rp_rgb c)
{
    double v[3] = {c.r, c.g, c.b};
    for (int i = 0; i < 3; i++)
        v[i] = v[i] <= 0.04045 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

rp_html *rp_html_new(const rp_html_info *info, ceo_error *err)
{
    rp_html *h = ceo_calloc(1, sizeof *h);
    if (!h) {
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    h->info = *info;
    h->level = 1;
    rp_rgb a = info->accent;
    /* white text on it and it as text on white: both need 4.5:1 */
    for (int i = 0; i < 40 && 1.05 / (luminance(a) + 0.05) < 4.6; i++) {
        a.r *= 0.9;
        a.g *= 0.9;
        a.b *= 0.9;
    }
    snprintf(h->accent, sizeof h->accent, "#%02x%02x%02x", (int)lround(a.r * 255),
             (int)lround(a.g * 255), (int)lround(a.b * 255));
    rp_html_raw(h, "");
    if (h->st) {
        rp_html_free(h);
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    return h;
}

void rp_html_free(rp_html *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->ntoc; i++)
        ceo_free(h->toc[i].text);
    ceo_free(h->toc);
    ceo_free(h->buf);
    ceo_free(h->cover);
    ceo_free(h->heading);
    ceo_free(h->caption);
    ceo_free(h);
}

static ceo_status status(rp_html *h, ceo_error *err)
{
    if (h->st == CEO_ENOMEM && err && !err->code)
        ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    return h->st;
}

/* The logo as a data: URI, appended; CEO_OK or the error in err. */
static ceo_status logo_uri(rp_html *h, const char *path, ceo_error *err)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return h->st = ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot read the logo");
    unsigned char in[3 * 256];
    char out[4 * 256 + 1];
    size_t got, total = 0;
    int first = 1;
    rp_html_raw(h, "data:image/png;base64,");
    while ((got = fread(in, 1, sizeof in, fp)) > 0) {
        if (first && (got < 8 || memcmp(in, "\x89PNG\r\n\x1a\n", 8) != 0)) {
            fclose(fp);
            return h->st = ceo_error_set(err, CEO_EDATA, path, 0, 0, "the logo is not a PNG file");
        }
        first = 0;
        size_t o = 0;
        for (size_t i = 0; i < got; i += 3) {
            unsigned v = (unsigned)in[i] << 16;
            if (i + 1 < got)
                v |= (unsigned)in[i + 1] << 8;
            if (i + 2 < got)
                v |= in[i + 2];
            out[o++] = b64[(v >> 18) & 63];
            out[o++] = b64[(v >> 12) & 63];
            out[o++] = i + 1 < got ? b64[(v >> 6) & 63] : '=';
            out[o++] = i + 2 < got ? b64[v & 63] : '=';
        }
        out[o] = '\0';
        rp_html_raw(h, out);
        total += got;
        if (got < sizeof in)
            break; /* a short read is the end (or an error, below) */
    }
    int bad = ferror(fp) || total == 0;
    fclose(fp);
    if (bad || first)
        return h->st = ceo_error_set(err, CEO_EDATA, path, 0, 0, "the logo is not a PNG file");
    return status(h, err);
}

ceo_status rp_html_cover(rp_html *h, const char *title, const char *subtitle, const char *under,
                         const char *logo, const char *logo_alt, ceo_error *err)
{
    if (h->st)
        return status(h, err);
    /* the cover is written into the body buffer first, then moved aside */
    char *body = h->buf;
    size_t len = h->len, cap = h->cap;
    h->buf = NULL;
    h->len = h->cap = 0;
    rp_html_raw(h, "<header class=\"cover\">\n");
    if (logo) {
        rp_html_raw(h, "<img class=\"logo\" src=\"");
        if (logo_uri(h, logo, err) != CEO_OK) {
            ceo_free(h->buf);
            h->buf = body;
            h->len = len;
            h->cap = cap;
            return h->st;
        }
        rp_html_raw(h, "\" alt=\"");
        rp_html_text(h, logo_alt);
        rp_html_raw(h, "\">\n");
    }
    rp_html_raw(h, "<h1>");
    rp_html_text(h, title);
    if (subtitle && *subtitle) {
        rp_html_raw(h, " <span class=\"sub\">");
        rp_html_text(h, subtitle);
        rp_html_raw(h, "</span>");
    }
    rp_html_raw(h, "</h1>\n<p class=\"under\">");
    rp_html_text(h, under);
    rp_html_raw(h, "</p>\n</header>\n");
    ceo_free(h->cover);
    h->cover = h->buf;
    h->buf = body;
    h->len = len;
    h->cap = cap;
    ceo_free(h->heading);
    h->heading = dup_or_fail(h, subtitle && *subtitle ? subtitle : title);
    h->level = 1;
    return status(h, err);
}

ceo_status rp_html_heading(rp_html *h, int level, const char *text, ceo_error *err)
{
    if (h->st)
        return status(h, err);
    int hl = 2 + (level < 0 ? 0 : level > 2 ? 2 : level);
    if (hl > h->level + 1)
        hl = h->level + 1; /* no gaps in the order of headings */
    h->level = hl;
    unsigned id = rp_html_id(h);
    rp_html_rawf(h, "<h%d id=\"k%u\">", hl, id);
    rp_html_text(h, text);
    rp_html_rawf(h, "</h%d>\n", hl);
    ceo_free(h->heading);
    h->heading = dup_or_fail(h, text);
    h->tables = 0;
    if (hl == 2 && !h->st) {
        if (ceo_grow((void **)&h->toc, &h->captoc, h->ntoc + 1, sizeof *h->toc) != 0) {
            fail_oom(h);
        } else {
            h->toc[h->ntoc].id = id;
            if ((h->toc[h->ntoc].text = dup_or_fail(h, text)))
                h->ntoc++;
        }
    }
    return status(h, err);
}

/* Text with its single line breaks as <br>. */
static void text_lines(rp_html *h, const char *s, size_t n)
{
    char *copy = ceo_malloc(n + 1);
    if (!copy) {
        fail_oom(h);
        return;
    }
    memcpy(copy, s, n);
    copy[n] = '\0';
    for (char *line = copy, *nl; line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        rp_html_text(h, line);
        if (nl)
            rp_html_raw(h, "<br>");
    }
    ceo_free(copy);
}

ceo_status rp_html_para(rp_html *h, const char *text, int note, ceo_error *err)
{
    for (const char *s = text; !h->st && s && *s;) {
        const char *brk = strstr(s, "\n\n");
        size_t n = brk ? (size_t)(brk - s) : strlen(s);
        while (n && s[n - 1] == '\n')
            n--;
        if (n) {
            rp_html_raw(h, note ? "<p class=\"note\">" : "<p>");
            text_lines(h, s, n);
            rp_html_raw(h, "</p>\n");
        }
        s = brk ? brk + 2 : s + strlen(s);
        while (*s == '\n')
            s++;
    }
    return status(h, err);
}

void rp_html_next_caption(rp_html *h, const char *caption)
{
    ceo_free(h->caption);
    h->caption = caption ? dup_or_fail(h, caption) : NULL;
}

const char *rp_html_last_heading(const rp_html *h)
{
    return h->heading ? h->heading : "";
}

/* The opening of a table in its scrolling box, with its caption. */
static void table_open(rp_html *h, const char *caption, const char *more)
{
    unsigned id = rp_html_id(h);
    /* a box that scrolls must be reachable by keyboard: focusable, named by the caption */
    rp_html_rawf(h,
                 "<div class=\"wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"c%u\">\n"
                 "<table>\n<caption id=\"c%u\">",
                 id, id);
    rp_html_text(h, caption);
    if (more && *more) {
        rp_html_raw(h, " \xE2\x80\x93 ");
        rp_html_text(h, more);
    }
    rp_html_raw(h, "</caption>\n");
}

ceo_status rp_html_table(rp_html *h, const char *caption, const rp_col *cols, size_t ncols,
                         const char *const *cells, size_t nrows, const int *bold, ceo_error *err)
{
    if (h->st || !nrows || !ncols)
        return status(h, err);
    const char *more = NULL;
    if (!caption && h->caption)
        caption = h->caption;
    else if (!caption) {
        caption = rp_html_last_heading(h);
        if (h->tables) /* a second table under one heading: named by its figures' column */
            more = cols[ncols > 2 ? 2 : ncols - 1].title;
    }
    table_open(h, caption, more);
    h->tables++;
    /* the first column heads its rows when it holds text */
    int row_heads = cols[0].align == RP_LEFT && ncols > 1;
    rp_html_raw(h, "<thead><tr>");
    for (size_t c = 0; c < ncols; c++) {
        const char *t = cols[c].title;
        if (!t || !*t) {
            rp_html_raw(h, "<td></td>");
            continue;
        }
        rp_html_raw(h, cols[c].align == RP_RIGHT ? "<th scope=\"col\" class=\"num\">"
                                                 : "<th scope=\"col\">");
        rp_html_text(h, t);
        rp_html_raw(h, "</th>");
    }
    rp_html_raw(h, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < nrows; r++) {
        rp_html_raw(h, bold && bold[r] ? "<tr class=\"total\">" : "<tr>");
        for (size_t c = 0; c < ncols; c++) {
            const char *v = cells[r * ncols + c];
            int head = c == 0 && row_heads && v && *v;
            const char *cls = cols[c].align == RP_RIGHT ? " class=\"num\"" : "";
            rp_html_rawf(h, head ? "<th scope=\"row\"%s>" : "<td%s>", cls);
            rp_html_text(h, v ? v : "");
            rp_html_raw(h, head ? "</th>" : "</td>");
        }
        rp_html_raw(h, "</tr>\n");
    }
    rp_html_raw(h, "</tbody>\n</table>\n</div>\n");
    rp_html_next_caption(h, NULL);
    return status(h, err);
}

void rp_html_details_table(rp_html *h, const char *summary, const char *caption,
                           const char *const *heads, size_t ncols, const char *const *cells,
                           size_t nrows)
{
    rp_html_raw(h, "<details>\n<summary>");
    rp_html_text(h, summary);
    rp_html_raw(h, "</summary>\n");
    table_open(h, caption, NULL);
    rp_html_raw(h, "<thead><tr>");
    for (size_t c = 0; c < ncols; c++) {
        rp_html_raw(h, c ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
        rp_html_text(h, heads[c]);
        rp_html_raw(h, "</th>");
    }
    rp_html_raw(h, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < nrows; r++) {
        rp_html_raw(h, "<tr><th scope=\"row\">");
        rp_html_text(h, cells[r * ncols]);
        rp_html_raw(h, "</th>");
        for (size_t c = 1; c < ncols; c++) {
            rp_html_raw(h, "<td class=\"num\">");
            rp_html_text(h, cells[r * ncols + c]);
            rp_html_raw(h, "</td>");
        }
        rp_html_raw(h, "</tr>\n");
    }
    rp_html_raw(h, "</tbody>\n</table>\n</div>\n</details>\n");
}

/* A CSS string: every character but letters, digits and spaces as an escape. */
static void css_string(rp_html *h, const char *s)
{
    rp_html_raw(h, "\"");
    for (const unsigned char *u = (const unsigned char *)s; u && *u;) {
        unsigned cp = *u, len = 1;
        if (cp >= 0xF0 && u[1] && u[2] && u[3]) {
            cp = (cp & 7u) << 18 | (u[1] & 63u) << 12 | (u[2] & 63u) << 6 | (u[3] & 63u);
            len = 4;
        } else if (cp >= 0xE0 && u[1] && u[2]) {
            cp = (cp & 15u) << 12 | (u[1] & 63u) << 6 | (u[2] & 63u);
            len = 3;
        } else if (cp >= 0xC0 && u[1]) {
            cp = (cp & 31u) << 6 | (u[1] & 63u);
            len = 2;
        }
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
            cp == ' ')
            rp_html_rawf(h, "%c", (char)cp);
        else
            rp_html_rawf(h, "\\%06x", cp);
        u += len;
    }
    rp_html_raw(h, "\"");
}

/* The style sheet: the system's fonts, text colours of 4.5:1 or more on their background,
 * tables and charts scrolling in their own box when the window is narrow, A4 when printed. */
static void style(rp_html *h)
{
    rp_html_rawf(h, "<style>\n:root{--accent:%s}\n", h->accent);
    rp_html_raw(
        h, "*{box-sizing:border-box}\n"
           "html{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\","
           "\"Liberation Sans\",Arial,sans-serif;line-height:1.5;color:#212121;background:#fff;"
           "-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
           "body{margin:0 auto;max-width:54rem;padding:1rem 1.25rem 2rem}\n"
           "h1,h2,h3,h4{color:var(--accent);line-height:1.25;overflow-wrap:break-word}\n"
           "h1{font-size:2rem;margin:1.5rem 0 .75rem}\n"
           "h1 .sub{display:block;color:#212121;font-size:1.5rem;margin-top:.75rem}\n"
           "h2{font-size:1.5rem;border-bottom:2px solid var(--accent);padding-bottom:.2rem;"
           "margin:2.75rem 0 1rem}\n"
           "h3{font-size:1.2rem;margin:2rem 0 .75rem}\n"
           "h4{font-size:1rem;color:#212121;margin:1.5rem 0 .5rem}\n"
           "p{margin:.5rem 0 1rem;overflow-wrap:break-word}\n"
           ".note{font-size:.875rem;color:#4d4d4d}\n"
           ".cover{border-bottom:6px solid var(--accent);padding:1rem 0 .5rem;margin-bottom:2rem}\n"
           ".cover .under{color:#595959}\n"
           ".logo{display:block;max-width:12rem;max-height:5rem;height:auto}\n"
           "nav ol{padding-left:2.25rem}\nnav li{margin:.2rem 0}\n"
           "a{color:var(--accent)}\n"
           ":focus-visible{outline:3px solid #212121;outline-offset:2px}\n"
           ".wrap{overflow-x:auto;margin:1rem 0 1.25rem}\n"
           "table{border-collapse:collapse;width:100%;font-size:.9rem;"
           "font-variant-numeric:tabular-nums}\n"
           /* the caption stays in view while its table scrolls sideways */
           "caption{text-align:left;font-weight:600;padding:.25rem 0 "
           ".4rem;position:sticky;left:0;max-width:calc(100vw - 2.5rem)}\n"
           "th,td{padding:.35rem .5rem;vertical-align:top;text-align:left}\n"
           "thead th,thead td{background:var(--accent);color:#fff}\n"
           "tbody th{font-weight:normal;min-width:9rem}\n"
           "tbody tr:nth-child(even){background:#edf0f2}\n"
           "tbody{border-bottom:1px solid #6b6b6b}\n"
           ".num{text-align:right;white-space:nowrap}\n"
           "tr.total th,tr.total td{font-weight:bold}\n"
           ".chart{overflow-x:auto;margin:1rem 0 .25rem}\n"
           ".chart svg{display:block;width:100%;height:auto}\n"
           /* a chart comes twice: side by side, and with the labels above the bars for a narrow
            * window (a phone, or 200% zoom); the one not shown is not read either */
           ".chart.narrow{display:none}\n.chart.narrow svg{max-width:30rem}\n"
           "@media (max-width:40rem){.chart.wide{display:none}.chart.narrow{display:block}}\n"
           "details{margin:.25rem 0 1.5rem}\n"
           "summary{cursor:pointer;color:var(--accent);font-weight:600;padding:.25rem 0}\n"
           "footer{border-top:1px solid #6b6b6b;margin-top:3rem;color:#595959;font-size:.875rem}\n"
           "@media print{\n"
           "html{font-size:10pt}\n"
           "body{max-width:none;padding:0}\n"
           ".cover{break-after:page;border:0;padding-top:30vh}\n"
           ".cover h1{font-size:22pt}\n"
           "nav{break-after:page}\n"
           "h2{break-before:auto}\n"
           "h2,h3,h4,caption{break-after:avoid}\n"
           "tr,figure,.chart{break-inside:avoid}\n"
           ".wrap,.chart{overflow:visible}\n"
           ".chart.wide{display:block}.chart.narrow{display:none}\n"
           "summary{display:none}\n"
           "a{color:inherit;text-decoration:none}\n"
           "footer{display:none}\n"
           "}\n"
           "@page{size:A4;margin:18mm 16mm 20mm;\n@bottom-left{content:");
    css_string(h, h->info.footer);
    rp_html_raw(h, ";font-size:8pt;color:#595959}\n@bottom-right{content:");
    css_string(h, h->info.page_label);
    rp_html_raw(h, " \" \" counter(page) \" \" ");
    css_string(h, h->info.of_label);
    rp_html_raw(h, " \" \" counter(pages);font-size:8pt;color:#595959}\n}\n"
                   "@page:first{@bottom-left{content:none}@bottom-right{content:none}}\n"
                   "</style>\n");
}

ceo_status rp_html_write(rp_html *h, FILE *fp, ceo_error *err)
{
    if (h->st)
        return status(h, err);
    char *body = h->buf;
    size_t len = h->len;
    h->buf = NULL;
    h->len = h->cap = 0;
    rp_html_raw(h, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>");
    rp_html_text(h, h->info.title);
    rp_html_raw(h, "</title>\n<meta name=\"author\" content=\"");
    rp_html_text(h, h->info.author);
    rp_html_raw(h, "\">\n<meta name=\"description\" content=\"");
    rp_html_text(h, h->info.subject);
    rp_html_raw(h, "\">\n");
    style(h);
    rp_html_raw(h, "</head>\n<body>\n");
    if (h->cover)
        rp_html_raw(h, h->cover);
    if (h->ntoc) {
        unsigned id = rp_html_id(h);
        rp_html_rawf(h, "<nav aria-labelledby=\"k%u\">\n<h2 id=\"k%u\">", id, id);
        rp_html_text(h, h->info.toc_label);
        rp_html_raw(h, "</h2>\n<ol>\n");
        for (size_t i = 0; i < h->ntoc; i++) {
            rp_html_rawf(h, "<li><a href=\"#k%u\">", h->toc[i].id);
            rp_html_text(h, h->toc[i].text);
            rp_html_raw(h, "</a></li>\n");
        }
        rp_html_raw(h, "</ol>\n</nav>\n");
    }
    rp_html_raw(h, "<main>\n");
    char *head = h->buf;
    size_t head_len = h->len;
    h->buf = NULL;
    h->len = h->cap = 0;
    rp_html_raw(h, "</main>\n<footer><p>");
    rp_html_text(h, h->info.footer);
    /* printed, the numbers' tables behind <details> are shown */
    rp_html_raw(h, "</p></footer>\n<script>addEventListener(\"beforeprint\",function(){"
                   "document.querySelectorAll(\"details\").forEach(function(d){d.open=true})})"
                   "</script>\n</body>\n</html>\n");
    ceo_status st = status(h, err);
    if (!st && (fwrite(head, 1, head_len, fp) != head_len || fwrite(body, 1, len, fp) != len ||
                fwrite(h->buf, 1, h->len, fp) != h->len))
        st = ceo_error_set(err, CEO_EIO, NULL, 0, 0, "cannot write the report");
    ceo_free(head);
    ceo_free(body);
    return st;
}
