/*
 * model.c - the fictional region of ceo-gen: random numbers (splitmix64, identical
 * everywhere), the gemeenten, voorzieningen, providers and items with their shares, and the
 * planted effects, applied as shifts of the latent answers.
 */
#include "gen.h"

/* ------------------------------------------------------------------------------------------ */
/* Random numbers: splitmix64, small, fast and identical everywhere. */

/* The splitmix64 finaliser: a bijection on 64 bits, which makes ids unique by construction. */
uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rng_next(rng *r)
{
    r->s += 0x9e3779b97f4a7c15ULL;
    return mix64(r->s);
}

void rng_seed(rng *r, uint64_t s)
{
    r->s = s;
    r->spare = 0.0;
    r->has_spare = false;
}

/* Uniform in [0, 1). */
double unif(rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform integer in [0, n). */
int uniform_int(rng *r, int n)
{
    return (int)(unif(r) * n);
}

bool chance(rng *r, double p)
{
    return unif(r) < p;
}

/* Standard normal (Marsaglia's polar method: one log per two numbers). */
double normal(rng *r)
{
    if (r->has_spare) {
        r->has_spare = false;
        return r->spare;
    }
    double u, v, s;
    do {
        u = 2.0 * unif(r) - 1.0;
        v = 2.0 * unif(r) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    double m = sqrt(-2.0 * log(s) / s);
    r->spare = v * m;
    r->has_spare = true;
    return u * m;
}

/* Index into a table of shares summing to 1, for a u in [0, 1). */
int pick_share(double u, const double *share, int n)
{
    double acc = 0.0;
    for (int i = 0; i < n - 1; i++) {
        acc += share[i];
        if (u < acc)
            return i;
    }
    return n - 1;
}

int pick(rng *r, const double *share, int n)
{
    return pick_share(unif(r), share, n);
}

/* Fractional part of off + idx * alpha: a Weyl sequence, evenly spread for every prefix. */
double weyl(double off, uint64_t idx, double alpha)
{
    double x = off + (double)idx * alpha;
    return x - floor(x);
}

/* Inverse of the standard normal CDF by bisection; only used for a few thresholds at start. */
static double probit(double p)
{
    double lo = -10.0, hi = 10.0;
    for (int i = 0; i < 200; i++) {
        double mid = 0.5 * (lo + hi);
        if (0.5 * erfc(-mid / sqrt(2.0)) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

/* ------------------------------------------------------------------------------------------ */
/* The fictional region. Names are real-sounding; every number is made up. */

const char *const gem_name[NGEM] = {
    "Tiel",
    "West Betuwe",
    "Culemborg",
    "Zaltbommel",
    "Neder-Betuwe",
    "Maasdriel-Heerewaarden en Ammerzoden",
    "West Maas en Waal",
    "Súdwest-Fryslân",
};
/* Two tiny gemeenten on purpose: below min_n (10) and below indicatief_n (30) at n = 1500. */
const double gem_share[NGEM] = {0.220, 0.200, 0.170, 0.150, 0.125, 0.118, 0.013, 0.004};
const double gem_weight[NGEM] = {1.10, 0.95, 1.05, 0.95, 0.90, 1.00, 1.15, 1.20};
const double gem_rate[NGEM] = {0.31, 0.36, 0.28, 0.38, 0.41, 0.34, 0.27, 0.43};

const char *const voorz_name[NVOORZ] = {
    "Hulp bij het huishouden", "Individuele begeleiding", "Dagbesteding", "Hulpmiddelen",
    "Woningaanpassing",        "Regiotaxi/vervoer",
};
const double voorz_share[NVOORZ] = {0.45, 0.15, 0.08, 0.14, 0.06, 0.12};

const char *const prov_name[NPROV] = {
    "Thuiszorg De Linge BV",
    "Zorgkracht Huishoudelijke Hulp",
    "Stichting Thuishulp Rivierenland & Bommelerwaard (THRB)",
    "Huishoudelijke Zorg Betuwe",
    "Schoon & Thuis Thuiszorg",
    "Hulp aan Huis Tielerwaard",
};
/* The last one is below min_n at n = 1500 (about 7 respondents). */
const double prov_share[NPROV] = {0.29, 0.23, 0.19, 0.15, 0.13, 0.01};

const char *const prov_prefix[10] = {
    "Thuiszorg",     "Thuishulp", "Huishoudelijke Hulp", "Zorg aan Huis", "Schoonhulp",
    "Thuisdiensten", "Wijkzorg",  "Hulp Thuis",          "Zorggroep",     "Dienstverlening",
};
const char *const prov_place[12] = {
    "Buren", "Geldermalsen", "Lingewaal", "Neerijnen", "Lienden",     "Kesteren",
    "Beesd", "Leerdam",      "Asperen",   "Heukelum",  "Waardenburg", "Haaften",
};

static const char *const std_id[NSTD] = {
    "wist_waar",          "snel_geholpen", "serieus_genomen", "samen_oplossingen", "kwaliteit_goed",
    "past_bij_hulpvraag", "dingen_doen",   "beter_redden",    "kwaliteit_leven",
};
const int std_theme[NSTD] = {0, 0, 0, 0, 1, 1, 2, 2, 2};
/* Share positive among valid answers, share "weet niet", share skipped. */
static const double std_pos[NSTD] = {0.73, 0.75, 0.86, 0.78, 0.83, 0.82, 0.75, 0.78, 0.71};
const double std_wn[NSTD] = {0.03, 0.03, 0.03, 0.06, 0.04, 0.04, 0.07, 0.08, 0.10};
const double std_miss[NSTD] = {0.015, 0.015, 0.02, 0.02, 0.02, 0.025, 0.03, 0.03, 0.035};

static const char *const hv_id[NHV] = {
    "hv_vaste_hulp", "hv_op_tijd",   "hv_vervanging", "hv_schoon",
    "hv_respect",    "hv_afspraken", "hv_bereikbaar",
};
static const double hv_pos[NHV] = {0.80, 0.82, 0.64, 0.84, 0.92, 0.83, 0.76};
const double hv_wn[NHV] = {0.03, 0.03, 0.10, 0.03, 0.03, 0.05, 0.09};
const double hv_miss[NHV] = {0.02, 0.02, 0.03, 0.02, 0.02, 0.025, 0.03};

/* Category ids of schalen.csv, for truth.csv. */
const char *const likert_cat[6] = {
    "helemaal_mee_eens",      "mee_eens",  "neutraal", "niet_mee_eens",
    "helemaal_niet_mee_eens", "weet_niet",
};
const char *const janee_cat[3] = {"ja", "nee", "weet_niet"};
const char *const bg_cat[NBG][5] = {
    {"tot_45", "45_64", "65_74", "75_84", "85_plus"},
    {"man", "vrouw", "anders", NULL, NULL},
    {"alleenstaand", "met_partner", "met_partner_kinderen", "bij_ouders_familie", "anders"},
    {"zelf", "met_hulp", "door_ander", NULL, NULL},
};
const char *const opt_cat[NOPT] = {
    "huishoudelijke_hulp", "begeleiding",      "dagbesteding",
    "hulpmiddel",          "woningaanpassing", "vervoer",
};

/* ------------------------------------------------------------------------------------------ */
/* Planted effects: each row is written to effects.csv and applied while generating. */

const effect effects[] = {
    {G_GEMEENTE, 2, "snel_geholpen", -0.9, "duidelijk slechter dan de rest van de regio"},
    {G_GEMEENTE, 2, "wist_waar", -0.6, "slechter dan de rest van de regio"},
    {G_GEMEENTE, 4, "samen_oplossingen", -0.7, "duidelijk slechter dan de rest van de regio"},
    {G_GEMEENTE, 3, "dingen_doen", 0.5, "beter dan de rest van de regio"},
    {G_GEMEENTE, 3, "beter_redden", 0.5, "beter dan de rest van de regio"},
    {G_GEMEENTE, 3, "kwaliteit_leven", 0.5, "beter dan de rest van de regio"},
    {G_GEMEENTE, 7, "snel_geholpen", -1.5, "n < 10: moet onderdrukt worden"},
    {G_AANBIEDER, 1, "hv_vervanging", -1.0, "duidelijk slechter dan de andere aanbieders"},
    {G_AANBIEDER, 1, "hv_cijfer", -1.2, "duidelijk lager cijfer dan de andere aanbieders"},
    {G_AANBIEDER, 1, "hv_aanbevelen", -1.5, "volgt uit het lagere cijfer"},
    {G_AANBIEDER, 3, "hv_vaste_hulp", 0.6, "beter dan de andere aanbieders"},
    {G_AANBIEDER, 3, "hv_op_tijd", 0.6, "beter dan de andere aanbieders"},
    {G_AANBIEDER, 3, "hv_vervanging", 0.6, "beter dan de andere aanbieders"},
    {G_AANBIEDER, 3, "hv_schoon", 0.6, "beter dan de andere aanbieders"},
    {G_AANBIEDER, 3, "hv_respect", 0.6, "beter dan de andere aanbieders"},
    {G_AANBIEDER, 3, "hv_afspraken", 0.6, "beter dan de andere aanbieders"},
    {G_AANBIEDER, 3, "hv_bereikbaar", 0.6, "beter dan de andere aanbieders"},
    {G_AANBIEDER, 3, "hv_cijfer", 0.6, "hoger cijfer dan de andere aanbieders"},
    {G_AANBIEDER, 5, "hv_op_tijd", -1.5, "n < 10: moet onderdrukt worden"},
    {G_AANBIEDER, 5, "hv_cijfer", -2.0, "n < 10: moet onderdrukt worden"},
};

/* The effects as lookup tables, filled once from the list above. */
double gem_shift[NGEM][NSTD];
double prov_shift[NPROV][NHV];
double prov_cijfer_shift[NPROV];
double prov_nps_shift[NPROV];
/* Latent thresholds per item, from the wanted answer distribution. */
double std_thr[NSTD][4];
double hv_thr[NHV][4];

/* Thresholds on a standard normal latent so that the five answers come out in the shares a
 * CEO report typically shows for an item with share pos positive. */
static void thresholds(double pos, double thr[4])
{
    double neg = 1.0 - pos;
    double p[5] = {0.33 * pos, 0.67 * pos, 0.55 * neg, 0.30 * neg, 0.15 * neg};
    double above = 0.0;
    for (int c = 0; c < 4; c++) {
        above += p[c];
        thr[c] = probit(1.0 - above);
    }
}

static int item_index(const char *const *ids, int n, const char *id)
{
    for (int i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return i;
    return -1;
}

void setup_model(void)
{
    for (int i = 0; i < NSTD; i++)
        thresholds(std_pos[i], std_thr[i]);
    for (int i = 0; i < NHV; i++)
        thresholds(hv_pos[i], hv_thr[i]);
    for (size_t k = 0; k < NEFFECTS; k++) {
        const effect *e = &effects[k];
        if (e->kind == G_GEMEENTE) {
            int i = item_index(std_id, NSTD, e->item);
            if (i >= 0)
                gem_shift[e->group][i] += e->shift;
        } else if (strcmp(e->item, "hv_cijfer") == 0) {
            prov_cijfer_shift[e->group] += e->shift;
        } else if (strcmp(e->item, "hv_aanbevelen") == 0) {
            prov_nps_shift[e->group] += e->shift;
        } else {
            int i = item_index(hv_id, NHV, e->item);
            if (i >= 0)
                prov_shift[e->group][i] += e->shift;
        }
    }
}

_Static_assert(sizeof effects / sizeof effects[0] == NEFFECTS, "NEFFECTS");
