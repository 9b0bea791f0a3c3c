/*
 * charts.c - vector charts (see charts.h).
 */
#include "charts.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ColorBrewer PuOr, 5 classes, with a grey of more contrast than its near-white middle. */
static const rp_rgb likert_colours[5] = {{0.902, 0.380, 0.004},
                                         {0.992, 0.722, 0.388},
                                         {0.80, 0.80, 0.80},
                                         {0.698, 0.671, 0.824},
                                         {0.369, 0.235, 0.600}};
static const int likert_dark[5] = {1, 0, 0, 0, 1};
static const rp_rgb series_colours[5] = {{0.369, 0.235, 0.600},
                                         {0.902, 0.380, 0.004},
                                         {0.106, 0.471, 0.216},
                                         {0.129, 0.400, 0.675},
                                         {0.55, 0.55, 0.55}};
static const rp_rgb bar_colour = {0.698, 0.671, 0.824}, bar_strong = {0.369, 0.235, 0.600};

#define LABEL 8.0
#define SMALL 7.0

void rp_fmt_num(char *buf, size_t size, double v, int digits, const char *unit)
{
    if (isnan(v)) {
        snprintf(buf, size, "\xE2\x80\x93");
        return;
    }
    snprintf(buf, size, "%.*f%s", digits, v, unit ? unit : "");
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strcspn(buf + 1, unit && *unit ? unit : ""))
        memmove(buf, buf + 1, strlen(buf)); /* "-0.0" is 0 */
    for (char *c = buf; *c; c++)
        if (*c == '.')
            *c = ',';
}

/* Text centred in a box when it fits there; reports whether it was drawn. */
static int label_in(rp_pdf *p, const char *s, double size, rp_rgb colour, const rp_box *b)
{
    double w = rp_pdf_width(p, RP_REGULAR, size, s);
    if (w > b->w - 2 || size > b->h)
        return 0;
    rp_pdf_text(p, RP_REGULAR, size, colour, b->x + (b->w - w) / 2, b->y + (b->h - size * 0.72) / 2,
                s, b);
    return 1;
}

static double legend(rp_doc *d, const char *const *names, const rp_rgb *colours, size_t n,
                     double x0, ceo_error *err)
{
    double x = x0, y = d->y, right = RP_PAGE_W - RP_MARGIN_R, row = 13;
    for (size_t i = 0; i < n; i++) {
        double w = 12 + rp_pdf_width(d->pdf, RP_REGULAR, SMALL, names[i]) + 12;
        if (x + w > right && x > x0) {
            x = x0;
            y -= row;
        }
        rp_pdf_rect(d->pdf, x, y - 8, 8, 8, &colours[i], NULL, 0);
        rp_box b = {x + 11, y - 11, right - x - 11, row};
        rp_text_box(d->pdf, RP_REGULAR, SMALL, rp_black, names[i], &b, RP_LEFT, 1);
        x += w;
    }
    (void)err;
    return d->y - y + row;
}

static double label_height(rp_doc *d, rp_face face, const char *label, double width)
{
    size_t lines = rp_wrap(d->pdf, face, LABEL, label, width, NULL, NULL, 0);
    if (lines > 3)
        lines = 3;
    return (double)lines * LABEL * 1.35;
}

static void axis_label(rp_doc *d, const char *s, double x, double y, double lo, double hi)
{
    double w = rp_pdf_width(d->pdf, RP_REGULAR, SMALL, s), left = x - w / 2;
    if (left < lo)
        left = lo;
    if (left + w > hi)
        left = hi - w;
    rp_box b = {lo, y - 3, hi - lo, SMALL + 4};
    rp_pdf_text(d->pdf, RP_REGULAR, SMALL, rp_grey, left, y, s, &b);
}

ceo_status rp_chart_likert(rp_doc *d, const rp_likert_bar *bars, size_t n,
                           const char *const legend_names[5], ceo_error *err)
{
    const double lab_w = 170, gap = 10, x0 = RP_MARGIN_L + lab_w + gap;
    const double bw = RP_PAGE_W - RP_MARGIN_R - x0, zero = x0 + bw / 2, half = bw / 2;
    double total = 40;
    for (size_t i = 0; i < n; i++)
        total += fmax(label_height(d, RP_REGULAR, bars[i].label, lab_w), 14) + 6;
    ceo_status st = rp_doc_need(d, fmin(total, 400), err);
    if (st)
        return st;
    d->y -= legend(d, legend_names, likert_colours, 5, RP_MARGIN_L, err) + 4;
    for (size_t i = 0; i < n; i++) {
        double lh = fmax(label_height(d, RP_REGULAR, bars[i].label, lab_w), 14), rh = lh + 6;
        if (d->y - rh - 20 < RP_MARGIN_B) {
            if ((st = rp_doc_page(d, err)))
                return st;
            d->y -= legend(d, legend_names, likert_colours, 5, RP_MARGIN_L, err) + 4;
        }
        rp_box lb = {RP_MARGIN_L, d->y - rh + 3, lab_w, lh};
        rp_text_box(d->pdf, RP_REGULAR, LABEL, rp_black, bars[i].label, &lb, RP_LEFT, 3);
        const double *s = bars[i].share;
        double bh = 12, by = d->y - 3 - (lh - bh) / 2 - bh;
        /* left of zero: half the neutral share, then niet, then helemaal niet */
        double segs[5][2];
        double left = zero - (s[2] / 2 + s[1] + s[0]) / 100 * half;
        double x = left;
        for (int k = 0; k < 5; k++) {
            double w = s[k] / 100 * half;
            segs[k][0] = x;
            segs[k][1] = w;
            rp_pdf_rect(d->pdf, x, by, w, bh, &likert_colours[k], NULL, 0);
            x += w;
        }
        for (int k = 0; k < 5; k++) {
            if (s[k] < 0.5)
                continue;
            char t[16];
            rp_fmt_num(t, sizeof t, s[k], 0, NULL);
            rp_box sb = {segs[k][0], by, segs[k][1], bh};
            label_in(d->pdf, t, SMALL, likert_dark[k] ? rp_white : rp_black, &sb);
        }
        d->y -= rh;
    }
    rp_pdf_line(d->pdf, zero, d->y + 2, zero, d->y + 2 + 4, rp_grey, 0.5);
    rp_pdf_line(d->pdf, x0, d->y, x0 + bw, d->y, rp_grey, 0.5);
    static const double ticks[] = {-100, -50, 0, 50, 100};
    for (int k = 0; k < 5; k++) {
        double tx = zero + ticks[k] / 100 * half;
        rp_pdf_line(d->pdf, tx, d->y, tx, d->y - 3, rp_grey, 0.5);
        char t[16];
        rp_fmt_num(t, sizeof t, fabs(ticks[k]), 0, "%");
        axis_label(d, t, tx, d->y - 11, x0, x0 + bw);
    }
    d->y -= 22;
    return CEO_OK;
}

static void dashed(rp_doc *d, double x, double y1, double y2, rp_rgb c)
{
    for (double y = y1; y < y2; y += 4)
        rp_pdf_line(d->pdf, x, y, x, fmin(y + 2, y2), c, 0.8);
}

static ceo_status interval_chart(rp_doc *d, const rp_ci_bar *bars, size_t n, double lo, double hi,
                                 const char *unit, int digits, int dots, double ref,
                                 const char *ref_label, ceo_error *err)
{
    const double lab_w = 150, gap = 8, val_w = 44;
    const double x0 = RP_MARGIN_L + lab_w + gap, bw = RP_TEXT_W - lab_w - gap - val_w - 6;
    double total = 36;
    for (size_t i = 0; i < n; i++)
        total +=
            fmax(label_height(d, bars[i].highlight ? RP_BOLD : RP_REGULAR, bars[i].label, lab_w),
                 12) +
            5;
    ceo_status st = rp_doc_need(d, fmin(total, 400), err);
    if (st)
        return st;
#define X(v) (x0 + (fmin(fmax((v), lo), hi) - lo) / (hi - lo) * bw)
    double top = d->y;
    for (size_t i = 0; i < n; i++) {
        double lh = fmax(
                   label_height(d, bars[i].highlight ? RP_BOLD : RP_REGULAR, bars[i].label, lab_w),
                   12),
               rh = lh + 5;
        if (d->y - rh - 24 < RP_MARGIN_B) {
            if (!isnan(ref))
                dashed(d, X(ref), d->y, top, rp_black);
            if ((st = rp_doc_page(d, err)))
                return st;
            top = d->y;
        }
        const rp_ci_bar *b = &bars[i];
        rp_box lb = {RP_MARGIN_L, d->y - rh + 2, lab_w, lh};
        rp_text_box(d->pdf, b->highlight ? RP_BOLD : RP_REGULAR, LABEL, rp_black, b->label, &lb,
                    RP_LEFT, 3);
        double cy = d->y - 2 - lh / 2;
        if (!isnan(b->value)) {
            if (!dots)
                rp_pdf_rect(d->pdf, x0, cy - 4.5, X(b->value) - x0, 9,
                            b->highlight ? &bar_strong : &bar_colour, NULL, 0);
            if (!isnan(b->low) && !isnan(b->high)) {
                rp_pdf_line(d->pdf, X(b->low), cy, X(b->high), cy, rp_black, 0.7);
                rp_pdf_line(d->pdf, X(b->low), cy - 3, X(b->low), cy + 3, rp_black, 0.7);
                rp_pdf_line(d->pdf, X(b->high), cy - 3, X(b->high), cy + 3, rp_black, 0.7);
            }
            if (dots)
                rp_pdf_circle(d->pdf, X(b->value), cy, 3.2,
                              b->highlight ? &likert_colours[0] : &bar_strong, NULL);
        }
        char t[32];
        rp_fmt_num(t, sizeof t, b->value, digits, unit);
        rp_box vb = {RP_PAGE_W - RP_MARGIN_R - val_w, cy - 5, val_w, 11};
        rp_text_box(d->pdf, b->highlight ? RP_BOLD : RP_REGULAR, LABEL, rp_black, t, &vb, RP_RIGHT,
                    1);
        d->y -= rh;
    }
    if (!isnan(ref))
        dashed(d, X(ref), d->y, top, rp_black);
    rp_pdf_line(d->pdf, x0, d->y, x0 + bw, d->y, rp_grey, 0.5);
    for (int k = 0; k <= 4; k++) {
        double v = lo + (hi - lo) * k / 4;
        rp_pdf_line(d->pdf, X(v), d->y, X(v), d->y - 3, rp_grey, 0.5);
        char t[16];
        rp_fmt_num(t, sizeof t, v, fabs(v - round(v)) < 1e-9 ? 0 : 1, unit);
        axis_label(d, t, X(v), d->y - 11, x0 - 10, x0 + bw + 10);
    }
    if (!isnan(ref) && ref_label) {
        char t[160], v[32];
        rp_fmt_num(v, sizeof v, ref, digits, unit);
        snprintf(t, sizeof t, "- - - %s: %s", ref_label, v);
        rp_box rb = {x0, d->y - 26, bw, 10};
        rp_text_box(d->pdf, RP_REGULAR, SMALL, rp_black, t, &rb, RP_LEFT, 1);
        d->y -= 10;
    }
#undef X
    d->y -= 24;
    return CEO_OK;
}

ceo_status rp_chart_ci_bars(rp_doc *d, const rp_ci_bar *bars, size_t n, double max,
                            const char *unit, double ref, const char *ref_label, ceo_error *err)
{
    return interval_chart(d, bars, n, 0, max, unit, 1, 0, ref, ref_label, err);
}

ceo_status rp_chart_dots(rp_doc *d, const rp_ci_bar *dots, size_t n, double lo, double hi,
                         double ref, const char *ref_label, ceo_error *err)
{
    return interval_chart(d, dots, n, lo, hi, "", 1, 1, ref, ref_label, err);
}

ceo_status rp_chart_trend(rp_doc *d, const char *const *periods, size_t nperiods,
                          const char *const *series, const double *values, size_t nseries,
                          ceo_error *err)
{
    const double h = 150, x0 = RP_MARGIN_L + 30, w = RP_TEXT_W - 40;
    ceo_status st = rp_doc_need(d, h + 60, err);
    if (st)
        return st;
    double base = d->y - h;
    for (int k = 0; k <= 4; k++) {
        double y = base + h * k / 4;
        rp_pdf_line(d->pdf, x0, y, x0 + w, y, k ? rp_light : rp_grey, 0.5);
        char t[16];
        rp_fmt_num(t, sizeof t, 25.0 * k, 0, "%");
        rp_box b = {RP_MARGIN_L, y - 4, 26, 9};
        rp_text_box(d->pdf, RP_REGULAR, SMALL, rp_grey, t, &b, RP_RIGHT, 1);
    }
    double step = nperiods > 1 ? w / (double)(nperiods - 1) : 0;
    double slot = fmin(nperiods > 1 ? step : w, 70);
    for (size_t i = 0; i < nperiods; i++) {
        double x = nperiods > 1 ? x0 + step * (double)i : x0 + w / 2;
        rp_box b = {x - slot / 2, base - 14, slot, 10};
        if (b.x < RP_MARGIN_L)
            b.x = RP_MARGIN_L;
        if (b.x + b.w > RP_PAGE_W - RP_MARGIN_R)
            b.x = RP_PAGE_W - RP_MARGIN_R - b.w;
        double tw = rp_pdf_width(d->pdf, RP_REGULAR, SMALL, periods[i]);
        int align = b.x + b.w / 2 < x - 1 ? RP_RIGHT : b.x + b.w / 2 > x + 1 ? RP_LEFT : RP_CENTRE;
        if (tw > b.w)
            align = RP_LEFT;
        rp_text_box(d->pdf, RP_REGULAR, SMALL, rp_grey, periods[i], &b, align, 1);
    }
    size_t shown = nseries < 5 ? nseries : 5;
    for (size_t s = 0; s < shown; s++) {
        double xy[2 * 64];
        size_t m = 0;
        for (size_t i = 0; i <= nperiods && i < 64; i++) {
            double v = i < nperiods ? values[s * nperiods + i] : NAN;
            double x = nperiods > 1 ? x0 + step * (double)i : x0 + w / 2;
            if (isnan(v)) {
                rp_pdf_polyline(d->pdf, xy, m, series_colours[s], 1.6);
                m = 0;
                continue;
            }
            xy[2 * m] = x;
            xy[2 * m + 1] = base + h * fmin(fmax(v, 0), 100) / 100;
            rp_pdf_circle(d->pdf, xy[2 * m], xy[2 * m + 1], 2.2, &series_colours[s], NULL);
            m++;
        }
    }
    d->y = base - 22;
    d->y -= legend(d, series, series_colours, shown, x0, err) + 10;
    return CEO_OK;
}
