/*
 * response.c - the response chapter of the gemeente and regional reports (invited,
 * respondents and response per voorziening or per gemeente, from the st_response rows), the
 * response fields of the accounting table, and names at the start of a title or line written
 * with a capital ("De regio"). Nothing is computed here: a row that has no response says why.
 */
#include "reportpriv.h"

#include <math.h>
#include <string.h>

const char *rep_capital(rep *p, const char *s)
{
    if (!s || !(s[0] >= 'a' && s[0] <= 'z'))
        return s;
    char *c = (char *)rep_fmt(p, "%s", s);
    if (*c)
        c[0] = (char)(c[0] - 'a' + 'A');
    return c;
}

static const char *period_vars(rep *p, const char *gemeente)
{
    (void)p;
    (void)gemeente;
    return p->r->period && *p->r->period ? p->r->period : p->r->year;
}

/* The cells of a row: invited, respondents, response; *why the text key of the note a row
 * without response needs, or unchanged. */
static void row_cells(rep *p, const st_response_row *w, const char **c, const char **why)
{
    c[0] = w->state == ST_RESP_OK ? rep_count(p, w->invited) : "\xE2\x80\x93";
    c[1] = w->suppressed ? "*" : rep_count(p, w->responded);
    c[2] = w->suppressed ? "*" : !isnan(w->pct) ? rep_num(p, w->pct, 1, "%") : "\xE2\x80\x93";
    if (w->state == ST_RESP_NO_MONTHS || w->state == ST_RESP_NOT_LISTED)
        *why = "respons.maanden";
}

/* What the whole table lacks, said once: no file, or counts per year for another period. */
static int response_missing(rep *p, const st_response_row *all)
{
    const char *vars[] = {"periode", period_vars(p, NULL), NULL};
    if (!all || all->state == ST_RESP_NO_FILE) {
        rep_para(p, rep_text(p, "respons.geen_bestand", vars));
        return 1;
    }
    if (all->state == ST_RESP_YEARLY) {
        rep_para(p, rep_text(p, "respons.per_jaar", vars));
        return 1;
    }
    return 0;
}

void rep_response_block(rep *p, const char *gemeente)
{
    const rp_report *r = p->r;
    const st_response *resp = r->response;
    const char *vars[] = {"gemeente", gemeente ? gemeente : "", "regio", r->region,
                          "periode",  period_vars(p, gemeente), NULL};
    rep_heading(p, 0, rep_text(p, "kop.respons", vars));
    const st_response_row *all = st_response_find(resp, gemeente, NULL);
    if (!resp || !all) {
        rep_para(p, rep_text(p, "respons.geen_gemeente", vars));
        return;
    }
    const st_response_row *head = gemeente ? all : st_response_find(resp, NULL, NULL);
    if (head->state == ST_RESP_NO_FILE) {
        response_missing(p, head);
        return;
    }
    rep_para(p, rep_text(p, gemeente ? "respons.gemeente" : "respons.regio", vars));
    response_missing(p, head);
    size_t n = st_response_count(resp), rows = 0;
    const char **cells = rep_cells_new(p, (n + 1) * 4);
    int *bold = ceo_calloc(n + 2, sizeof *bold);
    rep_keep(p, (char *)bold);
    if (!cells || p->st)
        return;
    const char *why = NULL;
    int hidden = 0;
    /* the gemeenten in the order of the report's other tables */
    const char *gs[MAX_GROUPS];
    size_t ng = gemeente ? 0 : rep_known_groups(r->res, "gemeente", gs);
    for (size_t i = 0; i < (gemeente ? n : ng); i++) {
        const st_response_row *w =
            gemeente ? st_response_at(resp, i) : st_response_find(resp, gs[i], NULL);
        if (!w ||
            (gemeente && (!w->gemeente || strcmp(w->gemeente, gemeente) != 0 || !w->voorziening)))
            continue;
        const char **c = cells + rows * 4;
        c[0] = gemeente ? (strcmp(w->voorziening, ST_UNKNOWN_GROUP) == 0
                               ? rep_text(p, "respons.onbekend", NULL)
                               : w->voorziening)
                        : w->gemeente;
        row_cells(p, w, c + 1, &why);
        hidden |= w->suppressed;
        rows++;
    }
    /* the whole: the gemeente, or the gemeenten shown together */
    const char **c = cells + rows * 4;
    c[0] = gemeente ? rep_text(p, "respons.totaal", NULL) : rep_capital(p, r->region);
    row_cells(p, head, c + 1, &why);
    if (!gemeente && head->state == ST_RESP_INCOMPLETE)
        why = "respons.maanden";
    bold[rows++] = 1;
    const rp_col cols[4] = {
        {rep_text(p, gemeente ? "kolom.voorziening" : "kolom.gemeente", NULL), 203.3, RP_LEFT},
        {rep_text(p, "kolom.uitgezet", NULL), 90, RP_RIGHT},
        {rep_text(p, "kolom.respondenten", NULL), 100, RP_RIGHT},
        {rep_text(p, "kolom.respons", NULL), 90, RP_RIGHT}};
    rep_table(p, cols, 4, cells, rows, bold);
    if (why && head->state != ST_RESP_YEARLY)
        rep_note(p, rep_text(p, why, vars));
    if (hidden)
        rep_note(p, rep_text(p, "noot.onderdrukt",
                             (const char *const[]){"min_n", rep_fmt(p, "%ld", r->min_n), NULL}));
    if (!gemeente)
        rep_note(p, rep_text(p, "noot.respons_regio", vars));
}

const char *rep_response_field(rep *p, const char *gemeente, const char *id)
{
    const st_response_row *w = st_response_find(p->r->response, gemeente, NULL);
    int invited = strcmp(id, "uitgezet") == 0;
    if (!w || (!invited && strcmp(id, "respons") != 0))
        return NULL;
    if (w->state == ST_RESP_YEARLY || w->state == ST_RESP_NO_MONTHS)
        return rep_text(p, "vws.niet_voor_periode", NULL);
    if (w->state != ST_RESP_OK)
        return "";
    if (invited)
        return rep_count(p, w->invited);
    return isnan(w->pct) ? "" : rep_num(p, w->pct, 1, "%");
}
