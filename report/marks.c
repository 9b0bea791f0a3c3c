/*
 * marks.c - figures that rest on few answers, marked as such. A row with n below the
 * project's indicatief_n carries stats' indicative flag; every figure of such a row printed in
 * a table, and every chart label of one, is followed by the mark of the texts file
 * ([teken.indicatief]), and the table or chart is followed by the mark's legend. The flag of
 * the row decides, never the report: the mark appears exactly where `ceo stats` says
 * indicative.
 */
#include "reportpriv.h"

#include <stdio.h>

const char *rep_ind(rep *p, const st_row *w, const char *s)
{
    if (!rep_shown(w) || !w->indicative || !s || !*s)
        return s;
    p->marked_cells = 1;
    return rep_fmt(p, "%s %s", s, rep_text(p, "teken.indicatief", NULL));
}

const char *rep_ind_label(rep *p, const st_row *w, const char *label)
{
    if (!rep_shown(w) || !w->indicative)
        return label;
    p->marked_labels = 1;
    return rep_fmt(p, "%s %s", label, rep_text(p, "teken.indicatief", NULL));
}

void rep_ind_legend(rep *p, int cells)
{
    int *flag = cells ? &p->marked_cells : &p->marked_labels;
    if (!*flag)
        return;
    *flag = 0;
    long n = p->r->indicative_n > 0 ? p->r->indicative_n : ST_INDICATIVE_N;
    rep_note(p, rep_text(p, "noot.indicatief",
                         (const char *const[]){"teken", rep_text(p, "teken.indicatief", NULL),
                                               "indicatief_n", rep_fmt(p, "%ld", n), NULL}));
}
