/*
 * truth.c - the files ceo-gen writes beside the exports: the ground truth (truth.csv), the
 * planted effects (effects.csv), the invited counts (uitgezet.csv) and the clients per cell
 * (populatie.csv).
 */
#include "gen.h"

/* ------------------------------------------------------------------------------------------ */
/* truth.csv, effects.csv, uitgezet.csv */

const char *const truth_header[] = {
    "respondent_id",
    "datum",
    "gemeente",
    "voorziening",
    "aanbieder",
    "gewicht",
    "wist_waar",
    "snel_geholpen",
    "serieus_genomen",
    "samen_oplossingen",
    "clientondersteuner",
    "kwaliteit_goed",
    "past_bij_hulpvraag",
    "dingen_doen",
    "beter_redden",
    "kwaliteit_leven",
    "cijfer",
    "opmerkingen",
    "leeftijd",
    "geslacht",
    "woonsituatie",
    "invulhulp",
    "ondersteuning",
    "hv_vaste_hulp",
    "hv_op_tijd",
    "hv_vervanging",
    "hv_schoon",
    "hv_respect",
    "hv_afspraken",
    "hv_bereikbaar",
    "hv_cijfer",
    "hv_aanbevelen",
    "contact_toestemming",
    "contact_naam",
    "contact_telefoon",
    "contact_email",
    "klacht",
    "pii",
};

/* truth.csv writes numbers as machines read them: decimal point. */
static const layout truth_layout = {.decimal_comma = false};

void write_truth_row(csvw *w, const resp *p)
{
    char buf[160];
    csv_field(w, p->id);
    format_date(p->t_end, D_DAY, buf);
    csv_field(w, buf);
    csv_field(w, gem_name[p->gem]);
    csv_field(w, voorz_name[p->voorz]);
    {
        char pn[80];
        csv_field(w, provider_name(p, pn, sizeof pn));
    }
    snprintf(buf, sizeof buf, "%d.%03d", p->gewicht_milli / 1000, p->gewicht_milli % 1000);
    csv_field(w, buf);
    for (int i = 0; i < NSTD; i++) {
        if (i == KWAL_GOED)
            csv_field(w, p->clientond < 0 ? "" : janee_cat[p->clientond]);
        csv_field(w, p->std[i] < 0 ? "" : likert_cat[p->std[i]]);
    }
    write_mark(w, &truth_layout, p->cijfer2);
    csv_field(w, p->opm);
    for (int b = 0; b < NBG; b++)
        csv_field(w, p->bg[b] < 0 ? "" : bg_cat[b][p->bg[b]]);
    buf[0] = '\0';
    for (int k = 0; k < NOPT; k++)
        if (p->multi & (1u << k))
            append(buf, sizeof buf, "%s%s", buf[0] ? "|" : "", opt_cat[k]);
    csv_field(w, buf);
    for (int i = 0; i < NHV; i++)
        csv_field(w, p->hv[i] < 0 ? "" : likert_cat[p->hv[i]]);
    write_mark(w, &truth_layout, p->hv_cijfer2);
    if (p->nps < 0)
        csv_field(w, "");
    else
        csv_int(w, p->nps);
    csv_field(w, p->consent < 0 ? "" : janee_cat[p->consent]);
    csv_field(w, p->naam);
    csv_field(w, p->tel);
    csv_field(w, p->email);
    csv_field(w, p->klacht < 0 ? "" : p->klacht ? "1" : "0");
    buf[0] = '\0';
    for (int k = 0; k < 6; k++)
        if (p->pii & (1u << k))
            append(buf, sizeof buf, "%s%s", buf[0] ? "|" : "", pii_kind[k]);
    csv_field(w, buf);
    csv_end(w);
}

int write_effects(const char *dir)
{
    outfile *o = out_open(dir, "effects.csv", false);
    if (o == NULL)
        return 1;
    csvw w = {.o = o, .delim = ',', .eol = "\n"};
    static const char *const head[] = {"soort",    "groep",        "item",
                                       "richting", "verschuiving", "toelichting"};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        csv_field(&w, head[i]);
    csv_end(&w);
    for (size_t k = 0; k < NEFFECTS; k++) {
        const effect *e = &effects[k];
        char num[32];
        bool mark = strcmp(e->item, "hv_cijfer") == 0 || strcmp(e->item, "hv_aanbevelen") == 0;
        csv_field(&w, e->kind == G_GEMEENTE ? "gemeente" : "aanbieder");
        csv_field(&w, e->kind == G_GEMEENTE ? gem_name[e->group] : prov_name[e->group]);
        csv_field(&w, e->item);
        csv_field(&w, e->shift < 0 ? "negatief" : "positief");
        snprintf(num, sizeof num, "%+.1f %s", e->shift, mark ? "punt" : "sd");
        csv_field(&w, num);
        csv_field(&w, e->note);
        csv_end(&w);
    }
    return out_close(o);
}

/* Invited counts: responses divided by a response rate of 25-45% that differs per gemeente
 * and a little per voorziening, so the accounting section has something to show. The
 * population (populatie.csv, for post-stratification) is the clients of each cell: 2.2 to 3.2
 * times the invited, a different factor per cell, so weighting changes the figures. */
int write_uitgezet(const char *dir, const model *m, const long counts[NGEM][NVOORZ])
{
    outfile *o = out_open(dir, "uitgezet.csv", false);
    outfile *po = o ? out_open(dir, "populatie.csv", false) : NULL;
    if (o == NULL || po == NULL) {
        if (o)
            out_close(o);
        return 1;
    }
    csvw w = {.o = o, .delim = ',', .eol = "\n"};
    csvw pw = {.o = po, .delim = ',', .eol = "\n"};
    csv_field(&w, "gemeente");
    csv_field(&w, "voorziening");
    csv_field(&w, "uitgezet");
    csv_end(&w);
    csv_field(&pw, "gemeente");
    csv_field(&pw, "voorziening");
    csv_field(&pw, "populatie");
    csv_end(&pw);
    for (int g = 0; g < NGEM; g++) {
        for (int v = 0; v < NVOORZ; v++) {
            rng r;
            rng_seed(&r, mix64(m->key ^ (uint64_t)(g * 16 + v + 1)));
            double rate = gem_rate[g] + 0.04 * (2.0 * unif(&r) - 1.0);
            rate = rate < 0.25 ? 0.25 : rate > 0.45 ? 0.45 : rate;
            long invited = counts[g][v] > 0 ? (long)ceil((double)counts[g][v] / rate) : 2;
            csv_field(&w, gem_name[g]);
            csv_field(&w, voorz_name[v]);
            csv_int(&w, invited);
            csv_end(&w);
            csv_field(&pw, gem_name[g]);
            csv_field(&pw, voorz_name[v]);
            csv_int(&pw, (long)ceil((double)invited * (2.2 + unif(&r))));
            csv_end(&pw);
        }
    }
    int rc = out_close(o);
    return out_close(po) != 0 ? 1 : rc;
}

_Static_assert(sizeof truth_header / sizeof truth_header[0] == NTRUTH, "NTRUTH");
