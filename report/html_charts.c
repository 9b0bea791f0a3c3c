/*
 * html_charts.c - the charts of the HTML edition as inline SVG (see html.h): the same four
 * charts as charts.c draws into the PDF, from the same numbers. Each is an <svg role="img">
 * named by its <title> and described by its <desc>, scaled by its viewBox, and followed by a
 * table of its numbers behind a <details>. Nothing is told by colour alone: the Likert
 * segments carry their percentages (where they fit; all are in the table) and keep the
 * legend's order, the group a report is about is bold as well as darker, and the trend's
 * series differ in marker and dash as well as colour. Text on a fill has 4.5:1 contrast.
 */
#include "html.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define WIDE 720.0   /* the viewBox's width; and below 40em of window: */
#define NARROW 340.0 /* labels above their bars */
#define FONT 14.0    /* labels */
#define SMALLF 12.0  /* axes and legends */
#define CHARW 0.6    /* a character's width in ems, generously: labels are wrapped by it */

/* The Likert palette of charts.c (ColorBrewer PuOr), and the text colour on each. */
static const char *const likert_fill[5] = {"#e66101", "#fdb863", "#cccccc", "#b2abd2", "#5e3c99"};
static const char *const likert_ink[5] = {"#000000", "#000000", "#000000", "#000000", "#ffffff"};
static const char *const series_fill[5] = {"#5e3c99", "#b84d00", "#1b7837", "#21669c", "#595959"};
static const char *const series_dash[5] = {"", "8 4", "2 3", "10 3 2 3", "4 4"};

/* Starts a chart: its box, the svg with its name and description. Returns the id. */
static unsigned svg_open(rp_html *h, const rp_html_chart *c, double height, double W)
{
    unsigned id = rp_html_id(h);
    rp_html_rawf(h,
                 "<div class=\"chart %s\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                 "aria-labelledby=\"g%u-t g%u-d\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
                 "height=\"%.0f\" font-size=\"%.0f\" fill=\"#212121\">\n<title id=\"g%u-t\">",
                 W < WIDE ? "narrow" : "wide", id, id, W, ceil(height), W, ceil(height), FONT, id);
    rp_html_text(h, c->name);
    rp_html_rawf(h, "</title>\n<desc id=\"g%u-d\">", id);
    rp_html_text(h, c->desc);
    rp_html_raw(h, "</desc>\n");
    return id;
}

static void svg_close(rp_html *h)
{
    rp_html_raw(h, "</svg>\n</div>\n");
}

static void text_at(rp_html *h, double x, double y, const char *anchor, const char *attrs,
                    const char *s)
{
    rp_html_rawf(h, "<text x=\"%.1f\" y=\"%.1f\"%s%s%s %s>", x, y, anchor ? " text-anchor=\"" : "",
                 anchor ? anchor : "", anchor ? "\"" : "", attrs ? attrs : "");
    rp_html_text(h, s);
    rp_html_raw(h, "</text>\n");
}

/* Code points in s (the width of a label is estimated from them). */
static size_t chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* Breaks s into at most max lines of at most width units at size; the last one ends in an
 * ellipsis when text was left out. Writes the lines as <tspan>s of a <text> at x, starting at
 * baseline y, and returns the number of lines. With draw 0 only counts. */
static size_t wrapped(rp_html *h, const char *s, double x, double y, double width, double size,
                      size_t max, const char *attrs, int draw)
{
    size_t per = (size_t)(width / (size * CHARW));
    if (per < 4)
        per = 4;
    size_t n = strlen(s), i = 0, lines = 0;
    char line[512];
    if (draw)
        rp_html_rawf(h, "<text x=\"%.1f\" y=\"%.1f\" %s>", x, y, attrs ? attrs : "");
    while (i < n && lines < max) {
        while (s[i] == ' ')
            i++;
        size_t end = i, fit = i;
        while (end < n) {
            size_t w = end;
            while (w < n && s[w] == ' ')
                w++;
            while (w < n && s[w] != ' ')
                w++;
            if (chars(s + i, w - i) > per && fit > i)
                break;
            fit = end = w;
            if (chars(s + i, w - i) > per)
                break; /* one word longer than the line: it stands alone */
        }
        size_t len = fit - i;
        if (len >= sizeof line - 4)
            len = sizeof line - 4;
        memcpy(line, s + i, len);
        line[len] = '\0';
        i = fit;
        lines++;
        if (lines == max && i < n) {
            while (len && chars(line, len) + 1 > per) {
                do
                    len--;
                while (len && ((unsigned char)line[len] & 0xC0) == 0x80);
            }
            memcpy(line + len, "\xE2\x80\xA6", 4);
        }
        if (draw) {
            rp_html_rawf(h, "<tspan x=\"%.1f\" dy=\"%.1f\">", x, lines == 1 ? 0 : size * 1.25);
            rp_html_text(h, line);
            rp_html_raw(h, "</tspan>");
        }
    }
    if (draw)
        rp_html_raw(h, "</text>\n");
    return lines ? lines : 1;
}

/* The legend: swatches (squares, or a line with its marker) with their names, in rows; returns
 * the height used from y. */
static double legend(rp_html *h, const char *const *names, const char *const *fills, size_t n,
                     double x0, double y, int lines, double W)
{
    double x = x0, row = 22;
    for (size_t i = 0; i < n; i++) {
        double w = 22 + (double)chars(names[i], strlen(names[i])) * SMALLF * CHARW + 18;
        if (x + w > W && x > x0) {
            x = x0;
            y += row;
        }
        if (lines)
            rp_html_rawf(h,
                         "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                         "stroke-width=\"2.5\" stroke-dasharray=\"%s\"/>\n",
                         x, y + 7, x + 16, y + 7, fills[i], series_dash[i]);
        else
            rp_html_rawf(h,
                         "<rect x=\"%.1f\" y=\"%.1f\" width=\"13\" height=\"13\" fill=\"%s\" "
                         "stroke=\"#212121\" stroke-width=\"0.5\"/>\n",
                         x, y + 1, fills[i]);
        char attrs[32];
        snprintf(attrs, sizeof attrs, "font-size=\"%.0f\"", SMALLF);
        text_at(h, x + 20, y + 12, NULL, attrs, names[i]);
        x += w;
    }
    return y + row;
}

static void likert_svg(rp_html *h, const rp_html_chart *c, const rp_likert_bar *bars, size_t n,
                       const char *const legend_names[5], int narrow)
{
    const double W = narrow ? NARROW : WIDE, lab_w = narrow ? W : 250;
    const double x0 = narrow ? 4 : lab_w + 10, bw = W - x0 - 4, zero = x0 + bw / 2, half = bw / 2;
    const double bh = 22;
    /* the height: legend, rows as their labels need, axis */
    double height = 0;
    {
        double x = 0;
        height = 22;
        for (int k = 0; k < 5; k++) {
            double w =
                22 + (double)chars(legend_names[k], strlen(legend_names[k])) * SMALLF * CHARW + 18;
            if (x + w > W && x > 0) {
                x = 0;
                height += 22;
            }
            x += w;
        }
    }
    double top = height + 8, y = top;
    for (size_t i = 0; i < n; i++) {
        double lines = (double)wrapped(h, bars[i].label, 0, 0, lab_w, FONT, 3, NULL, 0);
        y += (narrow ? lines * FONT * 1.25 + bh + 4 : fmax(lines * FONT * 1.25, bh)) + 10;
    }
    svg_open(h, c, y + 34, W);
    legend(h, legend_names, likert_fill, 5, 0, 0, 0, W);
    y = top;
    for (size_t i = 0; i < n; i++) {
        size_t lines = wrapped(h, bars[i].label, 0, 0, lab_w, FONT, 3, NULL, 0);
        double lh = (double)lines * FONT * 1.25;
        double rh = narrow ? lh + bh + 4 : fmax(lh, bh);
        wrapped(h, bars[i].label, 0, y + FONT, lab_w, FONT, 3, NULL, 1);
        const double *s = bars[i].share;
        double by = narrow ? y + lh + 4 : y + (rh - bh) / 2;
        double x = zero - (s[2] / 2 + s[1] + s[0]) / 100 * half;
        for (int k = 0; k < 5; k++) {
            double w = s[k] / 100 * half;
            if (w > 0)
                rp_html_rawf(h,
                             "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.0f\" "
                             "fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n",
                             x, by, w, bh, likert_fill[k]);
            char t[16];
            rp_fmt_num(t, sizeof t, s[k], 0, NULL);
            if (s[k] >= 0.5 && (double)strlen(t) * SMALLF * CHARW + 4 <= w) {
                char attrs[64];
                snprintf(attrs, sizeof attrs, "font-size=\"%.0f\" fill=\"%s\"", SMALLF,
                         likert_ink[k]);
                text_at(h, x + w / 2, by + bh / 2 + SMALLF * 0.36, "middle", attrs, t);
            }
            x += w;
        }
        y += rh + 10;
    }
    rp_html_rawf(h,
                 "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#595959\"/>\n"
                 "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#212121\" "
                 "stroke-width=\"1.5\"/>\n",
                 x0, y, x0 + bw, y, zero, top - 4, zero, y);
    static const double ticks[] = {-100, -50, 0, 50, 100};
    for (int k = 0; k < 5; k++) {
        double tx = zero + ticks[k] / 100 * half;
        char t[16], attrs[64];
        rp_fmt_num(t, sizeof t, fabs(ticks[k]), 0, "%");
        snprintf(attrs, sizeof attrs, "font-size=\"%.0f\" fill=\"#595959\"", SMALLF);
        rp_html_rawf(h,
                     "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                     "stroke=\"#595959\"/>\n",
                     tx, y, tx, y + 4);
        text_at(h, tx, y + 20, k == 0 ? "start" : k == 4 ? "end" : "middle", attrs, t);
    }
    svg_close(h);
}

ceo_status rp_html_likert(rp_html *h, const rp_html_chart *c, const rp_likert_bar *bars, size_t n,
                          const char *const legend_names[5], ceo_error *err)
{
    likert_svg(h, c, bars, n, legend_names, 0);
    likert_svg(h, c, bars, n, legend_names, 1);
    /* the numbers: per statement the five shares, one decimal */
    const char *cells[32 * 6];
    char num[32 * 5][16];
    size_t rows = n < 32 ? n : 32;
    for (size_t i = 0; i < rows; i++) {
        cells[i * 6] = bars[i].label;
        for (int k = 0; k < 5; k++) {
            rp_fmt_num(num[i * 5 + (size_t)k], sizeof num[0], bars[i].share[k], 1, "%");
            cells[i * 6 + 1 + (size_t)k] = num[i * 5 + (size_t)k];
        }
    }
    const char *heads[6] = {c->heads[0],     legend_names[0], legend_names[1],
                            legend_names[2], legend_names[3], legend_names[4]};
    rp_html_details_table(h, c->summary, c->name, heads, 6, cells, rows);
    (void)err;
    return CEO_OK;
}

static void intervals_svg(rp_html *h, const rp_html_chart *c, const rp_ci_bar *bars, size_t n,
                          double lo, double hi, const char *unit, int dots, double ref,
                          const char *ref_label, int narrow)
{
    const double W = narrow ? NARROW : WIDE, val_w = narrow ? 56 : 70, lab_w = narrow ? W : 230;
    const double x0 = narrow ? 8 : lab_w + 12, bw = W - x0 - val_w - 12;
    const double rowmin = 24;
    double y = 6;
    for (size_t i = 0; i < n; i++) {
        double lines = (double)wrapped(h, bars[i].label, 0, 0, lab_w, FONT, 3, NULL, 0);
        y += (narrow ? lines * FONT * 1.25 + rowmin : fmax(lines * FONT * 1.25, rowmin)) + 6;
    }
    double bottom = y;
    int has_ref = !isnan(ref);
    svg_open(h, c, bottom + 30 + (has_ref && ref_label ? 24 : 0), W);
#define X(v) (x0 + (fmin(fmax((v), lo), hi) - lo) / (hi - lo) * bw)
    /* the scale's grid first, under the bars */
    for (int k = 0; k <= 4; k++) {
        double v = lo + (hi - lo) * k / 4;
        char t[16], attrs[64];
        rp_fmt_num(t, sizeof t, v, fabs(v - round(v)) < 1e-9 ? 0 : 1, unit);
        snprintf(attrs, sizeof attrs, "font-size=\"%.0f\" fill=\"#595959\"", SMALLF);
        rp_html_rawf(h, "<line x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d9d9d9\"/>\n",
                     X(v), X(v), bottom + 4);
        text_at(h, X(v), bottom + 20, "middle", attrs, t);
    }
    y = 6;
    for (size_t i = 0; i < n; i++) {
        const rp_ci_bar *b = &bars[i];
        const char *weight = b->highlight ? "font-weight=\"bold\"" : NULL;
        size_t lines = wrapped(h, b->label, 0, 0, lab_w, FONT, 3, NULL, 0);
        double lh = (double)lines * FONT * 1.25;
        double rh = narrow ? lh + rowmin : fmax(lh, rowmin);
        double cy = narrow ? y + lh + rowmin / 2 : y + rh / 2;
        wrapped(h, b->label, 0, narrow ? y + FONT : y + (rh - lh) / 2 + FONT, lab_w, FONT, 3,
                weight, 1);
        if (!isnan(b->value)) {
            if (!dots)
                rp_html_rawf(h,
                             "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" height=\"14\" "
                             "fill=\"%s\"/>\n",
                             x0, cy - 7, X(b->value) - x0, b->highlight ? "#5e3c99" : "#b2abd2");
            if (!isnan(b->low) && !isnan(b->high))
                rp_html_rawf(h,
                             "<path d=\"M%.2f %.1fV%.1fM%.2f %.1fH%.2fM%.2f %.1fV%.1f\" "
                             "stroke=\"#212121\" stroke-width=\"1.2\" fill=\"none\"/>\n",
                             X(b->low), cy - 5, cy + 5, X(b->low), cy, X(b->high), X(b->high),
                             cy - 5, cy + 5);
            if (dots)
                rp_html_rawf(h,
                             "<circle cx=\"%.2f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\" "
                             "stroke=\"#212121\"/>\n",
                             X(b->value), cy, b->highlight ? "6.5" : "5",
                             b->highlight ? "#e66101" : "#5e3c99");
        }
        char t[32], attrs[64];
        rp_fmt_num(t, sizeof t, b->value, 1, unit);
        snprintf(attrs, sizeof attrs, "%s", weight ? weight : "");
        text_at(h, W - 2, cy + FONT * 0.36, "end", attrs, t);
        y += rh + 6;
    }
    rp_html_rawf(h, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#595959\"/>\n",
                 x0, bottom + 4, x0 + bw, bottom + 4);
    if (has_ref) {
        char rv[32];
        rp_fmt_num(rv, sizeof rv, ref, 1, unit);
        rp_html_rawf(h,
                     "<line x1=\"%.2f\" y1=\"2\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"#212121\" "
                     "stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>\n",
                     X(ref), X(ref), bottom + 4);
        if (ref_label) {
            rp_html_rawf(h,
                         "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                         "stroke=\"#212121\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>\n",
                         x0, bottom + 41, x0 + 26, bottom + 41);
            char t[256], attrs[32];
            snprintf(t, sizeof t, "%s: %s", ref_label, rv);
            snprintf(attrs, sizeof attrs, "font-size=\"%.0f\"", SMALLF);
            text_at(h, x0 + 32, bottom + 45, NULL, attrs, t);
        }
    }
#undef X
    svg_close(h);
}

ceo_status rp_html_intervals(rp_html *h, const rp_html_chart *c, const rp_ci_bar *bars, size_t n,
                             double lo, double hi, const char *unit, int dots, double ref,
                             const char *ref_label, ceo_error *err)
{
    intervals_svg(h, c, bars, n, lo, hi, unit, dots, ref, ref_label, 0);
    intervals_svg(h, c, bars, n, lo, hi, unit, dots, ref, ref_label, 1);
    int has_ref = !isnan(ref);
    char rv[32] = "";
    if (has_ref)
        rp_fmt_num(rv, sizeof rv, ref, 1, unit);
    /* the numbers: label, value, interval; the reference last */
    size_t rows = 0, cap = n + 1;
    const char **cells = ceo_calloc(cap * 3, sizeof *cells);
    char(*num)[2][64] = ceo_calloc(cap, sizeof *num);
    if (!cells || !num) {
        ceo_free(cells);
        ceo_free(num);
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < n; i++, rows++) {
        rp_fmt_num(num[i][0], sizeof num[i][0], bars[i].value, 1, unit);
        num[i][1][0] = '\0';
        if (!isnan(bars[i].low) && !isnan(bars[i].high)) {
            char a[24], b[24];
            rp_fmt_num(a, sizeof a, bars[i].low, 1, NULL);
            rp_fmt_num(b, sizeof b, bars[i].high, 1, NULL);
            snprintf(num[i][1], sizeof num[i][1], "%s\xE2\x80\x93%s", a, b);
        }
        cells[rows * 3] = bars[i].label;
        cells[rows * 3 + 1] = num[i][0];
        cells[rows * 3 + 2] = num[i][1];
    }
    if (has_ref && ref_label) {
        cells[rows * 3] = ref_label;
        cells[rows * 3 + 1] = rv;
        cells[rows * 3 + 2] = "";
        rows++;
    }
    int any_ci = 0;
    for (size_t i = 0; i < n; i++)
        any_ci |= !isnan(bars[i].low) && !isnan(bars[i].high);
    if (!any_ci) /* no intervals: two columns */
        for (size_t i = 0; i < rows; i++) {
            cells[i * 2] = cells[i * 3];
            cells[i * 2 + 1] = cells[i * 3 + 1];
        }
    rp_html_details_table(h, c->summary, c->name, c->heads, any_ci ? 3 : 2, cells, rows);
    ceo_free(cells);
    ceo_free(num);
    return CEO_OK;
}

/* A marker of series s at (x, y): circle, square, triangle, diamond, cross. */
static void marker(rp_html *h, size_t s, double x, double y)
{
    const char *f = series_fill[s % 5];
    switch (s % 5) {
    case 0:
        rp_html_rawf(h, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"/>\n", x, y, f);
        break;
    case 1:
        rp_html_rawf(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\" fill=\"%s\"/>\n",
                     x - 4.5, y - 4.5, f);
        break;
    case 2:
        rp_html_rawf(h, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"/>\n", x, y - 6,
                     x + 5.5, y + 4, x - 5.5, y + 4, f);
        break;
    case 3:
        rp_html_rawf(h, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"/>\n", x,
                     y - 6, x + 6, y, x, y + 6, x - 6, y, f);
        break;
    default:
        rp_html_rawf(h,
                     "<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" stroke=\"%s\" "
                     "stroke-width=\"2.5\"/>\n",
                     x - 5, y - 5, x + 5, y + 5, x - 5, y + 5, x + 5, y - 5, f);
    }
}

static void trend_svg(rp_html *h, const rp_html_chart *c, const char *const *periods,
                      size_t nperiods, const char *const *series, const double *values,
                      size_t nseries, int narrow)
{
    const double W = narrow ? NARROW : WIDE, x0 = narrow ? 44 : 56, w = W - x0 - (narrow ? 24 : 30);
    const double top = 10, ph = narrow ? 180 : 240, base = top + ph;
    size_t shown = nseries < 5 ? nseries : 5;
    /* the legend's height */
    double lh = 22, lx = x0;
    for (size_t s = 0; s < shown; s++) {
        double lw = 22 + (double)chars(series[s], strlen(series[s])) * SMALLF * CHARW + 18;
        if (lx + lw > W && lx > x0) {
            lx = x0;
            lh += 22;
        }
        lx += lw;
    }
    svg_open(h, c, base + 40 + lh, W);
    char attrs[64];
    snprintf(attrs, sizeof attrs, "font-size=\"%.0f\" fill=\"#595959\"", SMALLF);
    for (int k = 0; k <= 4; k++) {
        double y = base - ph * k / 4;
        char t[16];
        rp_fmt_num(t, sizeof t, 25.0 * k, 0, "%");
        rp_html_rawf(h, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                     x0, y, x0 + w, y, k ? "#d9d9d9" : "#595959");
        text_at(h, x0 - 8, y + 4, "end", attrs, t);
    }
    double step = nperiods > 1 ? w / (double)(nperiods - 1) : 0;
    /* every period named when the names fit, else every second, third, ... */
    size_t longest = 1, every = 1;
    for (size_t i = 0; i < nperiods; i++)
        if (chars(periods[i], strlen(periods[i])) > longest)
            longest = chars(periods[i], strlen(periods[i]));
    while (step > 0 && (double)every * step < (double)longest * SMALLF * CHARW + 8 &&
           every < nperiods)
        every++;
    for (size_t i = 0; i < nperiods; i++) {
        if (i % every && i + 1 != nperiods)
            continue;
        double x = nperiods > 1 ? x0 + step * (double)i : x0 + w / 2;
        const char *anchor = nperiods > 1 && i == 0              ? "start"
                             : nperiods > 1 && i + 1 == nperiods ? "end"
                                                                 : "middle";
        text_at(h, x, base + 20, anchor, attrs, periods[i]);
    }
    for (size_t s = 0; s < shown; s++) {
        /* the line, broken where a period has no figure */
        rp_html_rawf(h, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"%s%s%s d=\"",
                     series_fill[s], *series_dash[s] ? " stroke-dasharray=\"" : "", series_dash[s],
                     *series_dash[s] ? "\"" : "");
        int pen = 0;
        for (size_t i = 0; i < nperiods; i++) {
            double v = values[s * nperiods + i];
            if (isnan(v)) {
                pen = 0;
                continue;
            }
            double x = nperiods > 1 ? x0 + step * (double)i : x0 + w / 2;
            rp_html_rawf(h, "%c%.1f %.1f", pen ? 'L' : 'M', x,
                         base - ph * fmin(fmax(v, 0), 100) / 100);
            pen = 1;
        }
        rp_html_raw(h, "\"/>\n");
        for (size_t i = 0; i < nperiods; i++) {
            double v = values[s * nperiods + i];
            if (!isnan(v))
                marker(h, s, nperiods > 1 ? x0 + step * (double)i : x0 + w / 2,
                       base - ph * fmin(fmax(v, 0), 100) / 100);
        }
    }
    /* the legend: line, marker and name */
    double x = x0, y = base + 36;
    for (size_t s = 0; s < shown; s++) {
        double lw = 22 + (double)chars(series[s], strlen(series[s])) * SMALLF * CHARW + 18;
        if (x + lw > W && x > x0) {
            x = x0;
            y += 22;
        }
        rp_html_rawf(h,
                     "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                     "stroke-width=\"2.5\"%s%s%s/>\n",
                     x, y - 4, x + 18, y - 4, series_fill[s],
                     *series_dash[s] ? " stroke-dasharray=\"" : "", series_dash[s],
                     *series_dash[s] ? "\"" : "");
        marker(h, s, x + 9, y - 4);
        char la[32];
        snprintf(la, sizeof la, "font-size=\"%.0f\"", SMALLF);
        text_at(h, x + 24, y, NULL, la, series[s]);
        x += lw;
    }
    svg_close(h);
}

ceo_status rp_html_trend(rp_html *h, const rp_html_chart *c, const char *const *periods,
                         size_t nperiods, const char *const *series, const double *values,
                         size_t nseries, ceo_error *err)
{
    trend_svg(h, c, periods, nperiods, series, values, nseries, 0);
    trend_svg(h, c, periods, nperiods, series, values, nseries, 1);
    size_t shown = nseries < 5 ? nseries : 5;
    /* the numbers: a row per period, a column per series */
    size_t cols = shown + 1;
    const char **cells = ceo_calloc(nperiods * cols + 1, sizeof *cells);
    char(*num)[16] = ceo_calloc(nperiods * shown + 1, sizeof *num);
    const char *heads[6];
    if (!cells || !num) {
        ceo_free(cells);
        ceo_free(num);
        return ceo_error_set(err, CEO_ENOMEM, NULL, 0, 0, "out of memory");
    }
    heads[0] = c->heads[0];
    for (size_t s = 0; s < shown; s++)
        heads[s + 1] = series[s];
    for (size_t i = 0; i < nperiods; i++) {
        cells[i * cols] = periods[i];
        for (size_t s = 0; s < shown; s++) {
            rp_fmt_num(num[i * shown + s], sizeof num[0], values[s * nperiods + i], 1, "%");
            cells[i * cols + 1 + s] = num[i * shown + s];
        }
    }
    rp_html_details_table(h, c->summary, c->name, heads, cols, cells, nperiods);
    ceo_free(cells);
    ceo_free(num);
    return CEO_OK;
}
