/*
 * gen.c - ceo-gen: writes synthetic but realistic exports of the Wmo client-experience survey
 * (cliëntervaringsonderzoek) of a fictional region, in the layouts real survey platforms
 * produce (Qualtrics, SurveyMonkey, LimeSurvey, Dutch Excel), together with the ground truth
 * (truth.csv), the planted effects (effects.csv) and the invited counts (uitgezet.csv), so
 * that the reader and the statistics can be tested against answers known in advance.
 *
 * Invariants:
 * - Every respondent is a pure function of (seed, global index). Its answers come from its
 *   own random stream and its groups (gemeente, voorziening, aanbieder) from low-discrepancy
 *   sequences over the index, so a respondent is the same whatever --n, --layout or --monthly
 *   say, group sizes stay close to their shares even for tiny groups, and every layout carries
 *   exactly the same answers.
 * - Layout-only randomness (stray spaces and capitals in the Excel file) comes from a second
 *   per-respondent stream, so writing one layout or all of them gives the same bytes.
 * - Output is streamed through fixed buffers: memory does not grow with --n.
 * - Only libc, libm and (for --sav) ReadStat; no project headers, so it builds before the
 *   library does.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <readstat.h>

#define PROG "ceo-gen"

/* ------------------------------------------------------------------------------------------ */
/* Random numbers: splitmix64, small, fast and identical everywhere. */

typedef struct {
    uint64_t s;
    double spare;
    bool has_spare;
} rng;

/* The splitmix64 finaliser: a bijection on 64 bits, which makes ids unique by construction. */
static uint64_t mix64(uint64_t z)
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

static void rng_seed(rng *r, uint64_t s)
{
    r->s = s;
    r->spare = 0.0;
    r->has_spare = false;
}

/* Uniform in [0, 1). */
static double unif(rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform integer in [0, n). */
static int uniform_int(rng *r, int n)
{
    return (int)(unif(r) * n);
}

static bool chance(rng *r, double p)
{
    return unif(r) < p;
}

/* Standard normal (Marsaglia's polar method: one log per two numbers). */
static double normal(rng *r)
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
static int pick_share(double u, const double *share, int n)
{
    double acc = 0.0;
    for (int i = 0; i < n - 1; i++) {
        acc += share[i];
        if (u < acc)
            return i;
    }
    return n - 1;
}

static int pick(rng *r, const double *share, int n)
{
    return pick_share(unif(r), share, n);
}

/* Fractional part of off + idx * alpha: a Weyl sequence, evenly spread for every prefix. */
static double weyl(double off, uint64_t idx, double alpha)
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

#define NGEM 8
static const char *const gem_name[NGEM] = {
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
static const double gem_share[NGEM] = {0.220, 0.200, 0.170, 0.150, 0.125, 0.118, 0.013, 0.004};
static const double gem_weight[NGEM] = {1.10, 0.95, 1.05, 0.95, 0.90, 1.00, 1.15, 1.20};
static const double gem_rate[NGEM] = {0.31, 0.36, 0.28, 0.38, 0.41, 0.34, 0.27, 0.43};

enum { V_HH, V_BEGELEIDING, V_DAGBESTEDING, V_HULPMIDDEL, V_WONING, V_VERVOER, NVOORZ };
static const char *const voorz_name[NVOORZ] = {
    "Hulp bij het huishouden", "Individuele begeleiding", "Dagbesteding", "Hulpmiddelen",
    "Woningaanpassing",        "Regiotaxi/vervoer",
};
static const double voorz_share[NVOORZ] = {0.45, 0.15, 0.08, 0.14, 0.06, 0.12};

#define NPROV 6
static const char *const prov_name[NPROV] = {
    "Thuiszorg De Linge BV",
    "Zorgkracht Huishoudelijke Hulp",
    "Stichting Thuishulp Rivierenland & Bommelerwaard (THRB)",
    "Huishoudelijke Zorg Betuwe",
    "Schoon & Thuis Thuiszorg",
    "Hulp aan Huis Tielerwaard",
};
/* The last one is below min_n at n = 1500 (about 7 respondents). */
static const double prov_share[NPROV] = {0.29, 0.23, 0.19, 0.15, 0.13, 0.01};

/* With --providers N the HV clients are spread evenly over N providers instead (for the
 * benchmark of one report per provider); the answers still follow the six above. Names past
 * the six are made from these parts. */
#define MAX_PROVIDERS 500
static const char *const prov_prefix[10] = {
    "Thuiszorg",     "Thuishulp", "Huishoudelijke Hulp", "Zorg aan Huis", "Schoonhulp",
    "Thuisdiensten", "Wijkzorg",  "Hulp Thuis",          "Zorggroep",     "Dienstverlening",
};
static const char *const prov_place[12] = {
    "Buren", "Geldermalsen", "Lingewaal", "Neerijnen", "Lienden",     "Kesteren",
    "Beesd", "Leerdam",      "Asperen",   "Heukelum",  "Waardenburg", "Haaften",
};

/* The nine standard likert items, in codebook order (clientondersteuner is yes/no). */
enum { WIST_WAAR, SNEL, SERIEUS, SAMEN, KWAL_GOED, PAST, DINGEN, REDDEN, KWAL_LEVEN, NSTD };
static const char *const std_id[NSTD] = {
    "wist_waar",          "snel_geholpen", "serieus_genomen", "samen_oplossingen", "kwaliteit_goed",
    "past_bij_hulpvraag", "dingen_doen",   "beter_redden",    "kwaliteit_leven",
};
static const int std_theme[NSTD] = {0, 0, 0, 0, 1, 1, 2, 2, 2};
/* Share positive among valid answers, share "weet niet", share skipped. */
static const double std_pos[NSTD] = {0.73, 0.75, 0.86, 0.78, 0.83, 0.82, 0.75, 0.78, 0.71};
static const double std_wn[NSTD] = {0.03, 0.03, 0.03, 0.06, 0.04, 0.04, 0.07, 0.08, 0.10};
static const double std_miss[NSTD] = {0.015, 0.015, 0.02, 0.02, 0.02, 0.025, 0.03, 0.03, 0.035};

#define NHV 7
static const char *const hv_id[NHV] = {
    "hv_vaste_hulp", "hv_op_tijd",   "hv_vervanging", "hv_schoon",
    "hv_respect",    "hv_afspraken", "hv_bereikbaar",
};
static const double hv_pos[NHV] = {0.80, 0.82, 0.64, 0.84, 0.92, 0.83, 0.76};
static const double hv_wn[NHV] = {0.03, 0.03, 0.10, 0.03, 0.03, 0.05, 0.09};
static const double hv_miss[NHV] = {0.02, 0.02, 0.03, 0.02, 0.02, 0.025, 0.03};

enum { BG_LEEFTIJD, BG_GESLACHT, BG_WOON, BG_INVUL, NBG };
#define NOPT 6 /* ondersteuning options, in codebook order */

/* Category ids of schalen.csv, for truth.csv. */
static const char *const likert_cat[6] = {
    "helemaal_mee_eens",      "mee_eens",  "neutraal", "niet_mee_eens",
    "helemaal_niet_mee_eens", "weet_niet",
};
static const char *const janee_cat[3] = {"ja", "nee", "weet_niet"};
static const char *const bg_cat[NBG][5] = {
    {"tot_45", "45_64", "65_74", "75_84", "85_plus"},
    {"man", "vrouw", "anders", NULL, NULL},
    {"alleenstaand", "met_partner", "met_partner_kinderen", "bij_ouders_familie", "anders"},
    {"zelf", "met_hulp", "door_ander", NULL, NULL},
};
static const char *const opt_cat[NOPT] = {
    "huishoudelijke_hulp", "begeleiding",      "dagbesteding",
    "hulpmiddel",          "woningaanpassing", "vervoer",
};

/* ------------------------------------------------------------------------------------------ */
/* Planted effects: each row is written to effects.csv and applied while generating. */

enum { G_GEMEENTE, G_AANBIEDER };
typedef struct {
    int kind;
    int group;
    const char *item;
    double shift; /* likert: SD on the latent scale; marks and 0-10 scores: points */
    const char *note;
} effect;

static const effect effects[] = {
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
#define NEFFECTS (sizeof effects / sizeof effects[0])

/* The effects as lookup tables, filled once from the list above. */
static double gem_shift[NGEM][NSTD];
static double prov_shift[NPROV][NHV];
static double prov_cijfer_shift[NPROV];
static double prov_nps_shift[NPROV];
/* Latent thresholds per item, from the wanted answer distribution. */
static double std_thr[NSTD][4];
static double hv_thr[NHV][4];

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

static void setup_model(void)
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

/* ------------------------------------------------------------------------------------------ */
/* Open answers. Sentences are grouped by what they say, so truth.csv knows which answers are
 * complaints. They carry commas, semicolons, quotes, the euro sign and curly apostrophes,
 * because real answers do and the Excel file must encode them in Windows-1252. */

static const char *const txt_klacht[] = {
    "Het duurde meer dan drie maanden voordat ik iets hoorde van de gemeente.",
    "Ik ben van het kastje naar de muur gestuurd.",
    "Niemand belde terug, ook niet nadat ik drie keer had gebeld.",
    "De consulent had geen idee van mijn situatie en luisterde niet.",
    "De aanvraag was ingewikkeld; ik had hulp nodig om alle formulieren in te vullen.",
    "Ik voel me niet serieus genomen door de gemeente.",
    "De eigen bijdrage van € 19,- per maand is te hoog voor wat ik krijg.",
    "Mijn scootmobiel staat al weken kapot en er komt niemand.",
    "De regiotaxi is vaak te laat, soms wel een uur.",
    "De taxi kwam niet opdagen en ik heb mijn afspraak in het ziekenhuis gemist.",
    "Het keukentafelgesprek was erg kort en er werd niet naar oplossingen gezocht.",
    "De brief met de beschikking was onbegrijpelijk.",
    "Ik heb minder uren gekregen dan ik nodig heb.",
    "De traplift is na een half jaar nog steeds niet geplaatst.",
    "Slechte communicatie: ik wist nooit waar ik aan toe was.",
    "Ik ben ontevreden over de manier waarop het is gegaan.",
    "De dagbesteding past niet bij mij, er is weinig te doen.",
    "Ik kreeg steeds een andere begeleider, dat is erg onrustig.",
    "Het wijkteam is slecht bereikbaar.",
    "Ze zeiden \"we komen erop terug\" maar dat is nooit gebeurd.",
    "Mijn hulpvraag is niet opgelost.",
    "De rolstoel past niet goed en geeft pijn in mijn rug.",
    "Te veel bureaucratie; elk jaar opnieuw alles aantonen is vernederend.",
    "Het is ’s avonds bijna onmogelijk om de taxi te bellen.",
};
static const char *const txt_klacht_hv[] = {
    "Bij ziekte van mijn vaste hulp kwam er niemand.",
    "Er komt steeds een andere hulp, ik moet telkens alles opnieuw uitleggen.",
    "De hulp is vaak te laat en gaat eerder weg.",
    "Het huis wordt niet goed schoongemaakt, de badkamer wordt overgeslagen.",
    "In de vakantie had ik drie weken geen hulp.",
    "De aanbieder neemt de telefoon niet op.",
    "Afspraken worden niet nagekomen.",
    "Twee uur per week is te weinig voor het hele huis.",
    "Ik krijg geen bericht als de hulp niet komt.",
    "De nieuwe hulp had geen ervaring en wist niet wat ze moest doen.",
    "Sinds de overstap naar een andere aanbieder is het een chaos.",
};
static const char *const txt_lof[] = {
    "Ik ben heel tevreden over de hulp die ik krijg.",
    "De consulent was vriendelijk en dacht goed met mij mee.",
    "Alles is snel en goed geregeld, dank u wel!",
    "Dankzij de scootmobiel kan ik weer zelf boodschappen doen.",
    "De dagbesteding is fijn, ik heb er nieuwe mensen leren kennen.",
    "Prima geregeld.",
    "Mijn begeleider is een topper.",
    "De traplift is keurig geplaatst; ik kan weer boven slapen.",
    "Fijn dat ik met de regiotaxi naar mijn dochter kan.",
    "Goede ondersteuning, ik kan nu langer thuis blijven wonen.",
    "Heel blij met de woningaanpassing, de douche is nu veilig.",
    "Complimenten voor het wijkteam!",
};
static const char *const txt_lof_hv[] = {
    "Mijn vaste hulp is een schat, ze is altijd op tijd.",
    "De hulp maakt het huis heel goed schoon.",
    "Zeer tevreden over de huishoudelijke hulp.",
    "Als mijn hulp ziek is, regelen ze altijd vervanging.",
    "De hulp is vriendelijk en behandelt mij met respect.",
};
static const char *const txt_gemengd[] = {
    "De hulp zelf is prima, maar het contact met de gemeente verliep stroef.",
    "Tevreden over de scootmobiel, maar het duurde erg lang voordat hij er was.",
    "De consulent was aardig; jammer dat er daarna niets meer gebeurde.",
    "De hulp is fijn, maar bij vakantie is er geen vervanging.",
    "Goede begeleiding, alleen te weinig uren.",
    "De regiotaxi is handig, maar wel vaak te laat.",
    "Aardige mensen, maar de regels zijn onduidelijk.",
    "Het resultaat is goed. De weg ernaartoe was lang en onduidelijk.",
};
/* Negated complaints: they contain complaint words but are not complaints. */
static const char *const txt_ontkend[] = {
    "Geen klachten.",
    "Ik heb geen klachten, alles is goed geregeld.",
    "Niet ontevreden.",
    "Ik ben zeker niet ontevreden over de hulp.",
    "Nooit problemen gehad met de aanbieder.",
    "Geen opmerkingen, ga zo door.",
    "Ik heb niets te klagen.",
    "Geen problemen met de taxi, ze zijn altijd op tijd.",
    "Niet slecht, eigenlijk best goed.",
    "Er is niets mis met de ondersteuning.",
};
static const char *const txt_neutraal[] = {
    "Mijn dochter heeft de vragenlijst voor mij ingevuld.",
    "Ik krijg sinds maart begeleiding.",
    "Ik heb ook een indicatie via de Wlz aangevraagd.",
    "Zie mijn antwoorden hierboven.",
    "Vraag 5 begreep ik niet goed.",
    "Ik heb de hulp pas twee maanden.",
    "Mijn man is vorig jaar overleden, sindsdien woon ik alleen.",
    "Ik ben geïnformeerd via de nieuwsbrief van de gemeente.",
};
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

enum { PII_BSN = 1, PII_TEL = 2, PII_EMAIL = 4, PII_IBAN = 8, PII_POSTCODE = 16, PII_NAAM = 32 };
static const char *const pii_kind[] = {"bsn", "telefoon", "email", "iban", "postcode", "naam"};

static const char *const surnames[] = {
    "Jansen",      "de Vries", "van den Berg", "Bakker",   "Visser",   "Smit",      "Meijer",
    "de Boer",     "Mulder",   "de Groot",     "Bos",      "Vos",      "Peters",    "Hendriks",
    "van Leeuwen", "Dekker",   "Brouwer",      "de Wit",   "Dijkstra", "El Amrani", "Öztürk",
    "van 't Hof",  "Çelik",    "Willems",      "van Dijk",
};
/* The same surnames without spaces, apostrophes or accents, for e-mail addresses. */
static const char *const surnames_mail[] = {
    "jansen",     "devries", "vandenberg", "bakker",  "visser",   "smit",     "meijer",
    "deboer",     "mulder",  "degroot",    "bos",     "vos",      "peters",   "hendriks",
    "vanleeuwen", "dekker",  "brouwer",    "dewit",   "dijkstra", "elamrani", "ozturk",
    "vanthof",    "celik",   "willems",    "vandijk",
};
static const char *const staff_names[] = {
    "mevrouw Jansen", "meneer De Vries",   "mw. Bakker",
    "dhr. Visser",    "mevrouw El Amrani", "meneer Dekker",
};

/* ------------------------------------------------------------------------------------------ */
/* A respondent: everything any layout or the truth file needs. */

typedef struct {
    uint64_t idx;
    char id[18];
    int64_t t_start, t_end; /* seconds since 1970-01-01, local time */
    int gem, voorz;
    int prov;        /* -1 unless voorz is V_HH */
    int prov_label;  /* the provider named in the exports: prov, or one of --providers */
    bool prov_shown; /* false when an HV respondent skipped the aanbieder question */
    int gewicht_milli;
    signed char std[NSTD]; /* 0-4 answer, 5 weet niet, -1 skipped */
    signed char clientond; /* 0 ja, 1 nee, -1 skipped */
    int cijfer2;           /* twice the mark (15 is 7.5); 0 skipped */
    signed char hv[NHV];   /* as std; all -1 for non-HV respondents */
    int hv_cijfer2;
    int nps; /* 0-10, -1 skipped */
    signed char bg[NBG];
    unsigned multi; /* bit per ondersteuning option; 0 when the question was skipped */
    signed char consent;
    char naam[64], tel[32], email[80];
    char opm[1400];
    int klacht; /* -1 without open answer */
    unsigned pii;
    int ip[2];
    int collector;
    long ls_seed;
} resp;

typedef struct {
    uint64_t key; /* from --seed; mixed into every per-respondent stream */
    double off_gem, off_voorz, off_prov;
    int providers; /* --providers; 0: the six of the region */
} model;

static void append(char *buf, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Appends to a NUL-terminated buffer, truncating silently: buffers are sized for the longest
 * text this program can make. */
static void append(char *buf, size_t cap, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, cap - len, fmt, ap);
    va_end(ap);
}

static void make_id(const model *m, uint64_t idx, char out[18])
{
    static const char b62[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /* 11 base-62 digits hold any 64-bit value, so distinct indexes give distinct ids. */
    uint64_t x = mix64(idx ^ m->key);
    uint64_t y = mix64(x ^ 0x5ca1ab1eULL);
    out[0] = 'R';
    out[1] = '_';
    for (int i = 0; i < 11; i++) {
        out[2 + i] = b62[x % 62];
        x /= 62;
    }
    for (int i = 0; i < 4; i++) {
        out[13 + i] = b62[y % 62];
        y /= 62;
    }
    out[17] = '\0';
}

/* A likert answer from a latent value: skipped, weet niet, or one of the five categories. */
static signed char likert(rng *r, double y, const double thr[4], double wn, double miss)
{
    double u = unif(r);
    if (u < miss)
        return -1;
    if (u < miss + wn)
        return 5;
    for (int c = 0; c < 4; c++)
        if (y > thr[c])
            return (signed char)c;
    return 4;
}

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static void make_bsn(rng *r, char out[16])
{
    /* Numbers starting with 9999 are test BSNs; the last digit makes the elfproef pass. */
    for (;;) {
        int d[9] = {9, 9, 9, 9};
        for (int i = 4; i < 8; i++)
            d[i] = uniform_int(r, 10);
        int sum = 0;
        for (int i = 0; i < 8; i++)
            sum += (9 - i) * d[i];
        d[8] = sum % 11;
        if (d[8] > 9)
            continue;
        for (int i = 0; i < 9; i++)
            out[i] = (char)('0' + d[i]);
        out[9] = '\0';
        return;
    }
}

static void make_phone(rng *r, char *out, size_t cap)
{
    char digits[9];
    for (int i = 0; i < 8; i++)
        digits[i] = (char)('0' + (i == 0 ? 1 + uniform_int(r, 9) : uniform_int(r, 10)));
    digits[8] = '\0';
    switch (uniform_int(r, 5)) {
    case 0:
        snprintf(out, cap, "06-%s", digits);
        break;
    case 1:
        snprintf(out, cap, "06 %s", digits);
        break;
    case 2:
        snprintf(out, cap, "06%s", digits);
        break;
    case 3:
        snprintf(out, cap, "+31 6 %s", digits);
        break;
    default:
        snprintf(out, cap, "+316%s", digits);
        break;
    }
}

static void make_iban(rng *r, char *out, size_t cap)
{
    static const char *const banks[] = {"ABNA", "RABO", "INGB", "SNSB", "TRIO"};
    const char *bank = banks[uniform_int(r, 5)];
    char acct[11];
    for (int i = 0; i < 10; i++)
        acct[i] = (char)('0' + uniform_int(r, 10));
    acct[10] = '\0';
    /* ISO 13616 check digits: BBAN + "NL00" with letters as 10..35, mod 97. */
    char num[64] = "";
    for (const char *p = bank; *p; p++)
        append(num, sizeof num, "%d", *p - 'A' + 10);
    append(num, sizeof num, "%s%d%d00", acct, 'N' - 'A' + 10, 'L' - 'A' + 10);
    int mod = 0;
    for (const char *p = num; *p; p++)
        mod = (mod * 10 + (*p - '0')) % 97;
    int check = 98 - mod;
    if (chance(r, 0.5))
        snprintf(out, cap, "NL%02d%s%s", check, bank, acct);
    else
        snprintf(out, cap, "NL%02d %s %.4s %.4s %.2s", check, bank, acct, acct + 4, acct + 8);
}

static void make_postcode(rng *r, char *out, size_t cap)
{
    int pc = 4000 + uniform_int(r, 200);
    char l1 = (char)('A' + uniform_int(r, 26)), l2 = (char)('A' + uniform_int(r, 26));
    int nr = 1 + uniform_int(r, 150);
    switch (uniform_int(r, 3)) {
    case 0:
        snprintf(out, cap, "%d %c%c %d", pc, l1, l2, nr);
        break;
    case 1:
        snprintf(out, cap, "%d%c%c %d", pc, l1, l2, nr);
        break;
    default:
        snprintf(out, cap, "%d %c%c %d", pc, l1 + 32, l2 + 32, nr);
        break;
    }
}

/* One sentence naming personal data, appended to an open answer; never a complaint itself. */
static void add_pii(rng *r, resp *p, int kind)
{
    char v[64];
    size_t cap = sizeof p->opm;
    append(p->opm, cap, " ");
    switch (kind) {
    case PII_BSN:
        make_bsn(r, v);
        if (chance(r, 0.5))
            append(p->opm, cap, "Mijn BSN is %s.", v);
        else
            append(p->opm, cap, "Voor de zekerheid mijn bsn: %s", v);
        break;
    case PII_TEL:
        make_phone(r, v, sizeof v);
        append(p->opm, cap, "U kunt mij bellen op %s.", v);
        break;
    case PII_EMAIL: {
        int s = uniform_int(r, COUNT(surnames_mail));
        append(p->opm, cap, "Mail mij op %c.%s@example.nl als er nieuws is.",
               'a' + uniform_int(r, 26), surnames_mail[s]);
        break;
    }
    case PII_IBAN:
        make_iban(r, v, sizeof v);
        append(p->opm, cap, "Mijn rekeningnummer is %s.", v);
        break;
    case PII_POSTCODE:
        make_postcode(r, v, sizeof v);
        append(p->opm, cap, "Mijn adres is %s.", v);
        break;
    default:
        append(p->opm, cap, "Ik had contact met %s van het wijkteam.",
               staff_names[uniform_int(r, COUNT(staff_names))]);
        break;
    }
    p->pii |= (unsigned)kind;
}

#define PICK(r, a) ((a)[uniform_int((r), COUNT(a))])

static void make_open_answer(rng *r, resp *p, double z)
{
    bool hv = p->voorz == V_HH;
    double s = z + 0.5 * normal(r);
    /* 0 complaint, 1 mixed, 2 praise, 3 negated complaint, 4 neutral */
    static const double low[5] = {0.65, 0.30, 0.0, 0.0, 0.05};
    static const double mid[5] = {0.15, 0.25, 0.15, 0.25, 0.20};
    static const double high[5] = {0.0, 0.0, 0.60, 0.30, 0.10};
    int cat = pick(r, s < -0.6 ? low : s < 0.5 ? mid : high, 5);
    int nsent = chance(r, 0.3) ? 2 : 1;
    p->opm[0] = '\0';
    for (int k = 0; k < nsent; k++) {
        const char *t;
        switch (cat) {
        case 0:
            t = hv && chance(r, 0.5) ? PICK(r, txt_klacht_hv) : PICK(r, txt_klacht);
            break;
        case 1:
            t = PICK(r, txt_gemengd);
            break;
        case 2:
            t = hv && chance(r, 0.4) ? PICK(r, txt_lof_hv) : PICK(r, txt_lof);
            break;
        case 3:
            t = PICK(r, txt_ontkend);
            break;
        default:
            t = PICK(r, txt_neutraal);
            break;
        }
        if (k > 0) {
            /* Some people press Enter between sentences, some twice. */
            double u = unif(r);
            append(p->opm, sizeof p->opm, "%s", u < 0.15 ? "\n" : u < 0.2 ? "\n\n" : " ");
        }
        append(p->opm, sizeof p->opm, "%s", t);
    }
    p->klacht = cat <= 1;
    if (chance(r, 0.12)) {
        static const int kinds[6] = {PII_BSN, PII_TEL, PII_EMAIL, PII_IBAN, PII_POSTCODE, PII_NAAM};
        int a = uniform_int(r, 6);
        add_pii(r, p, kinds[a]);
        if (chance(r, 0.15))
            add_pii(r, p, kinds[(a + 1 + uniform_int(r, 5)) % 6]);
    }
}

static void make_contact(rng *r, resp *p)
{
    static const char initials[] = "ABCDEFGHIJKLMNOPRSTWY";
    int s = uniform_int(r, COUNT(surnames));
    char ini = initials[uniform_int(r, (int)sizeof initials - 1)];
    if (chance(r, 0.95)) {
        if (chance(r, 0.2))
            snprintf(p->naam, sizeof p->naam, "%s, %c.", surnames[s], ini);
        else
            snprintf(p->naam, sizeof p->naam, "%c. %s", ini, surnames[s]);
    }
    if (chance(r, 0.85))
        make_phone(r, p->tel, sizeof p->tel);
    if (chance(r, 0.55))
        snprintf(p->email, sizeof p->email, "%c.%s@example.nl", ini + 32, surnames_mail[s]);
}

/* Fills *p with respondent idx. t_start must already be set by the caller (it depends on the
 * fieldwork period, not on the respondent); everything else is derived here. */
static void make_respondent(const model *m, uint64_t idx, resp *p)
{
    rng r;
    rng_seed(&r, mix64(m->key ^ (idx * 0xd1b54a32d192ed03ULL)) ^ idx);

    p->idx = idx;
    make_id(m, idx, p->id);
    p->gem = pick_share(weyl(m->off_gem, idx, 0.6180339887498949), gem_share, NGEM);
    p->voorz = pick_share(weyl(m->off_voorz, idx, 0.4142135623730950), voorz_share, NVOORZ);
    bool hv = p->voorz == V_HH;
    p->prov = hv ? pick_share(weyl(m->off_prov, idx, 0.7320508075688772), prov_share, NPROV) : -1;
    p->prov_shown = hv && !chance(&r, 0.01);
    /* Drawn outside the respondent's stream, so the default output does not change. */
    p->prov_label = p->prov;
    if (hv && m->providers > 0)
        p->prov_label = (int)(mix64(m->key ^ 0x9e0f1dULL ^ (idx * 0x94d049bb133111ebULL)) %
                              (uint64_t)m->providers);

    int dur = (int)exp(log(600.0) + 0.6 * normal(&r));
    p->t_end = p->t_start + clampi(dur, 95, 5400);
    p->ip[0] = uniform_int(&r, 3);
    p->ip[1] = 1 + uniform_int(&r, 254);
    p->collector = chance(&r, 0.7) ? 431877102 : 431877355;
    p->ls_seed = 100000000L + (long)(unif(&r) * 1900000000.0);

    /* Latent satisfaction: a general factor, one per theme, one for the HV provider. */
    double z = normal(&r);
    double zt[3] = {normal(&r), normal(&r), normal(&r)};
    double zhv = normal(&r);
    bool skip_toegang = chance(&r, 0.02); /* "had geen gesprek": the whole block left empty */
    for (int i = 0; i < NSTD; i++) {
        double y = 0.55 * z + 0.45 * zt[std_theme[i]] + 0.7036 * normal(&r) + gem_shift[p->gem][i];
        p->std[i] = likert(&r, y, std_thr[i], std_wn[i], std_miss[i]);
        if (skip_toegang && std_theme[i] == 0)
            p->std[i] = -1;
    }
    if (chance(&r, 0.03) || skip_toegang)
        p->clientond = -1;
    else
        p->clientond = chance(&r, 0.38) ? 0 : 1;

    double xc = 7.8 + 0.9 * (0.6 * z + 0.3 * zt[1] + 0.74 * normal(&r));
    if (chance(&r, 0.03))
        p->cijfer2 = 0;
    else if (chance(&r, 0.02)) /* paper forms: "7,5" */
        p->cijfer2 = clampi((int)lround(xc * 2.0), 2, 20);
    else
        p->cijfer2 = 2 * clampi((int)lround(xc), 1, 10);

    for (int i = 0; i < NHV; i++)
        p->hv[i] = -1;
    p->hv_cijfer2 = 0;
    p->nps = -1;
    if (hv) {
        for (int i = 0; i < NHV; i++) {
            double y = 0.45 * z + 0.55 * zhv + 0.7036 * normal(&r) + prov_shift[p->prov][i];
            p->hv[i] = likert(&r, y, hv_thr[i], hv_wn[i], hv_miss[i]);
        }
        double lat = 0.45 * z + 0.55 * zhv + 0.70 * normal(&r);
        double xm = 8.45 + 0.85 * lat + prov_cijfer_shift[p->prov];
        if (!chance(&r, 0.03))
            p->hv_cijfer2 = 2 * clampi((int)lround(xm), 1, 10);
        double xn = 8.3 + 1.7 * (0.9 * lat + 0.43 * normal(&r)) + prov_nps_shift[p->prov] +
                    prov_cijfer_shift[p->prov];
        if (!chance(&r, 0.04))
            p->nps = clampi((int)lround(xn), 0, 10);
    }

    /* Background: Wmo clients are mostly old; who filled in follows age. */
    static const double age[5] = {0.08, 0.17, 0.21, 0.30, 0.24};
    static const double sex[3] = {0.35, 0.64, 0.01};
    static const double home[5] = {0.52, 0.30, 0.10, 0.03, 0.05};
    p->bg[BG_LEEFTIJD] = (signed char)(chance(&r, 0.02) ? -1 : pick(&r, age, 5));
    p->bg[BG_GESLACHT] = (signed char)(chance(&r, 0.02) ? -1 : pick(&r, sex, 3));
    p->bg[BG_WOON] = (signed char)(chance(&r, 0.03) ? -1 : pick(&r, home, 5));
    int a = p->bg[BG_LEEFTIJD];
    double zelf = a < 0 ? 0.55 : a <= 1 ? 0.75 : a <= 3 ? 0.55 : 0.35;
    double invul[3] = {zelf, 0.30, 0.70 - zelf};
    p->bg[BG_INVUL] = (signed char)(chance(&r, 0.02) ? -1 : pick(&r, invul, 3));

    static const double other[NOPT] = {0.10, 0.12, 0.07, 0.25, 0.10, 0.28};
    static const int own_opt[NVOORZ] = {0, 1, 2, 3, 4, 5};
    p->multi = 0;
    if (!chance(&r, 0.03)) {
        p->multi = 1u << own_opt[p->voorz];
        for (int k = 0; k < NOPT; k++)
            if (chance(&r, other[k]))
                p->multi |= 1u << k;
    }

    /* Weight: post-stratification on age and gemeente, as a bureau would deliver it. */
    static const double age_w[5] = {1.75, 1.35, 1.00, 0.85, 0.72};
    double w = (a < 0 ? 1.0 : age_w[a]) * gem_weight[p->gem] * exp(0.1 * normal(&r));
    w = w < 0.45 ? 0.45 : w > 2.2 ? 2.2 : w;
    p->gewicht_milli = (int)lround(w * 1000.0);

    p->naam[0] = p->tel[0] = p->email[0] = '\0';
    if (chance(&r, 0.04)) {
        p->consent = -1;
    } else {
        p->consent = chance(&r, 0.40) ? 0 : 1;
        if (p->consent == 0)
            make_contact(&r, p);
    }

    p->opm[0] = '\0';
    p->klacht = -1;
    p->pii = 0;
    if (chance(&r, z < -0.5 ? 0.45 : 0.31))
        make_open_answer(&r, p, z);
}

/* ------------------------------------------------------------------------------------------ */
/* Dates: proleptic Gregorian days since 1970-01-01 (H. Hinnant's algorithms). */

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

typedef struct {
    int y, mo, d, h, mi, s;
} when;

static when split_time(int64_t t)
{
    when w;
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t sec = t - days * 86400;
    civil_from_days(days, &w.y, &w.mo, &w.d);
    w.h = (int)(sec / 3600);
    w.mi = (int)(sec / 60 % 60);
    w.s = (int)(sec % 60);
    return w;
}

static char *put2(char *o, int v)
{
    o[0] = (char)('0' + v / 10 % 10);
    o[1] = (char)('0' + v % 10);
    return o + 2;
}

static char *put4(char *o, int v)
{
    o = put2(o, v / 100);
    return put2(o, v % 100);
}

enum datestyle { D_ISO, D_US, D_NL, D_DAY };

/* Formats t into out (at least 24 bytes); hand-made because it runs millions of times. */
static void format_date(int64_t t, enum datestyle st, char *out)
{
    when w = split_time(t);
    char *o = out;
    switch (st) {
    case D_ISO: /* 2025-03-06 12:00:00 */
    case D_DAY: /* 2025-03-06 */
        o = put4(o, w.y);
        *o++ = '-';
        o = put2(o, w.mo);
        *o++ = '-';
        o = put2(o, w.d);
        if (st == D_ISO) {
            *o++ = ' ';
            o = put2(o, w.h);
            *o++ = ':';
            o = put2(o, w.mi);
            *o++ = ':';
            o = put2(o, w.s);
        }
        break;
    case D_US: { /* 03/06/2025 11:06:09 AM */
        int h12 = w.h % 12 == 0 ? 12 : w.h % 12;
        o = put2(o, w.mo);
        *o++ = '/';
        o = put2(o, w.d);
        *o++ = '/';
        o = put4(o, w.y);
        *o++ = ' ';
        o = put2(o, h12);
        *o++ = ':';
        o = put2(o, w.mi);
        *o++ = ':';
        o = put2(o, w.s);
        *o++ = ' ';
        *o++ = w.h < 12 ? 'A' : 'P';
        *o++ = 'M';
        break;
    }
    case D_NL: /* 06-03-2025 */
        o = put2(o, w.d);
        *o++ = '-';
        o = put2(o, w.mo);
        *o++ = '-';
        o = put4(o, w.y);
        break;
    }
    *o = '\0';
}

/* ------------------------------------------------------------------------------------------ */
/* Buffered output with optional conversion from UTF-8 to Windows-1252. */

typedef struct {
    FILE *f;
    char path[1024];
    int err; /* errno of the first failed write; 0 while all is well */
    bool cp1252;
    size_t len;
    char buf[1 << 16];
} outfile;

static void out_flush(outfile *o)
{
    if (o->len > 0 && o->err == 0 && fwrite(o->buf, 1, o->len, o->f) != o->len)
        o->err = errno ? errno : EIO;
    o->len = 0;
}

static void out_byte(outfile *o, char c)
{
    if (o->len == sizeof o->buf)
        out_flush(o);
    o->buf[o->len++] = c;
}

static void out_raw(outfile *o, const char *s, size_t n)
{
    if (n > sizeof o->buf - o->len) {
        out_flush(o);
        if (n > sizeof o->buf) {
            if (o->err == 0 && fwrite(s, 1, n, o->f) != n)
                o->err = errno ? errno : EIO;
            return;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

/* The Windows-1252 byte for a code point, or '?' for what it cannot hold. */
static char cp1252_byte(uint32_t cp)
{
    static const struct {
        uint32_t cp;
        unsigned char b;
    } high[] = {
        {0x20AC, 0x80}, {0x201A, 0x82}, {0x2026, 0x85}, {0x2018, 0x91}, {0x2019, 0x92},
        {0x201C, 0x93}, {0x201D, 0x94}, {0x2013, 0x96}, {0x2014, 0x97},
    };
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
        return (char)cp;
    for (size_t i = 0; i < sizeof high / sizeof high[0]; i++)
        if (high[i].cp == cp)
            return (char)high[i].b;
    return '?';
}

/* Writes UTF-8 text n bytes long, converted when the file is Windows-1252. */
static void out_text(outfile *o, const char *s, size_t n)
{
    if (!o->cp1252) {
        out_raw(o, s, n);
        return;
    }
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        const unsigned char *run = p;
        while (p < end && *p < 0x80)
            p++;
        if (p > run)
            out_raw(o, (const char *)run, (size_t)(p - run));
        if (p == end)
            break;
        uint32_t cp = *p;
        int extra = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
        if (extra > 0) {
            cp &= 0x3Fu >> extra;
            for (int k = 0; k < extra && p + 1 < end; k++)
                cp = (cp << 6) | (*++p & 0x3Fu);
        }
        out_byte(o, cp1252_byte(cp));
        p++;
    }
}

static void out_str(outfile *o, const char *s)
{
    out_text(o, s, strlen(s));
}

static outfile *out_open(const char *dir, const char *name, bool cp1252)
{
    outfile *o = malloc(sizeof *o);
    if (o == NULL) {
        fprintf(stderr, "%s: out of memory\n", PROG);
        return NULL;
    }
    snprintf(o->path, sizeof o->path, "%s/%s", dir, name);
    o->f = fopen(o->path, "wb");
    if (o->f == NULL) {
        fprintf(stderr, "%s: cannot create %s: %s\n", PROG, o->path, strerror(errno));
        free(o);
        return NULL;
    }
    o->err = 0;
    o->cp1252 = cp1252;
    o->len = 0;
    return o;
}

/* Flushes and closes o (NULL is fine). Returns 0, or 1 after reporting a write error. */
static int out_close(outfile *o)
{
    if (o == NULL)
        return 0;
    out_flush(o);
    if (fclose(o->f) != 0 && o->err == 0)
        o->err = errno ? errno : EIO;
    int rc = 0;
    if (o->err != 0) {
        fprintf(stderr, "%s: cannot write %s: %s\n", PROG, o->path, strerror(o->err));
        rc = 1;
    }
    free(o);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* CSV records. */

typedef struct {
    outfile *o;
    char delim;
    bool quote_all;
    const char *eol;
    bool eol_between; /* LimeSurvey: records separated, no newline after the last one */
    long records;
    int fields; /* in the current record */
} csvw;

static void csv_field_n(csvw *w, const char *s, size_t n)
{
    if (w->fields == 0 && w->eol_between && w->records > 0)
        out_str(w->o, w->eol);
    if (w->fields++ > 0)
        out_byte(w->o, w->delim);
    bool quote = w->quote_all;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == w->delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        out_text(w->o, s, n);
        return;
    }
    out_byte(w->o, '"');
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') {
            out_text(w->o, s + from, i + 1 - from);
            from = i; /* the quote goes out twice */
        }
    }
    out_text(w->o, s + from, n - from);
    out_byte(w->o, '"');
}

static void csv_field(csvw *w, const char *s)
{
    csv_field_n(w, s, strlen(s));
}

static void csv_end(csvw *w)
{
    if (!w->eol_between)
        out_str(w->o, w->eol);
    w->records++;
    w->fields = 0;
}

/* Writes a small non-negative integer without printf. */
static void csv_int(csvw *w, long v)
{
    char buf[24];
    int i = (int)sizeof buf;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0 && i > 0);
    csv_field_n(w, buf + i, sizeof buf - (size_t)i);
}

/* ------------------------------------------------------------------------------------------ */
/* Layouts: the columns each platform writes and the answer labels it uses. */

enum colkind {
    K_ID,
    K_START,
    K_END,
    K_STATUS,
    K_IP,
    K_PROGRESS,
    K_DURATION,
    K_FINISHED,
    K_BLANK,
    K_CHANNEL,
    K_LANG,
    K_COLLECTOR,
    K_LASTPAGE,
    K_STARTLANG,
    K_LSSEED,
    K_GEM,
    K_VOORZ,
    K_AANB,
    K_STD,
    K_CLIENTOND,
    K_CIJFER,
    K_HV,
    K_HVCIJFER,
    K_NPSGROUP,
    K_NPS,
    K_BG,
    K_MULTI_JOINED,
    K_MULTI_OPT,
    K_OPM,
    K_CONSENT,
    K_NAAM,
    K_TEL,
    K_EMAIL,
    K_GEWICHT,
};

typedef struct {
    const char *h1, *h2, *h3;
    enum colkind kind;
    int arg;
} colspec;

enum multistyle { M_JOINED, M_LABEL, M_Y, M_ONEZERO };

typedef struct {
    const char *option; /* --layout name */
    const char *file;   /* file name without ".csv" */
    char delim;
    bool quote_all, crlf, bom, cp1252, eol_between, blank_line_at_end;
    int header_rows;
    enum datestyle dates;
    bool decimal_comma;
    bool noisy; /* hand-typed labels: random case, stray spaces */
    const colspec *cols;
    size_t ncols;
    const char *likert[6];
    const char *janee[2];
    const char *bg[NBG][5];
    const char *opt[NOPT];
    enum multistyle multi;
} layout;

#define QID(s) "{\"ImportId\":\"" s "\"}"
#define QTZ(s) "{\"ImportId\":\"" s "\",\"timeZone\":\"Europe/Amsterdam\"}"

static const colspec qualtrics_cols[] = {
    {"StartDate", "Start Date", QTZ("startDate"), K_START, 0},
    {"EndDate", "End Date", QTZ("endDate"), K_END, 0},
    {"Status", "Response Type", QID("status"), K_STATUS, 0},
    {"IPAddress", "IP Address", QID("ipAddress"), K_IP, 0},
    {"Progress", "Progress", QID("progress"), K_PROGRESS, 0},
    {"Duration (in seconds)", "Duration (in seconds)", QID("duration"), K_DURATION, 0},
    {"Finished", "Finished", QID("finished"), K_FINISHED, 0},
    {"RecordedDate", "Recorded Date", QTZ("recordedDate"), K_END, 0},
    {"ResponseId", "Response ID", QID("_recordId"), K_ID, 0},
    {"RecipientLastName", "Recipient Last Name", QID("recipientLastName"), K_BLANK, 0},
    {"RecipientFirstName", "Recipient First Name", QID("recipientFirstName"), K_BLANK, 0},
    {"RecipientEmail", "Recipient Email", QID("recipientEmail"), K_BLANK, 0},
    {"ExternalReference", "External Data Reference", QID("externalDataReference"), K_BLANK, 0},
    {"LocationLatitude", "Location Latitude", QID("locationLatitude"), K_BLANK, 0},
    {"LocationLongitude", "Location Longitude", QID("locationLongitude"), K_BLANK, 0},
    {"DistributionChannel", "Distribution Channel", QID("distributionChannel"), K_CHANNEL, 0},
    {"UserLanguage", "User Language", QID("userLanguage"), K_LANG, 0},
    {"Q1", "In welke gemeente woont u?", QID("QID1"), K_GEM, 0},
    {"Q2", "Welke voorziening/ondersteuning heeft u ontvangen?", QID("QID2"), K_VOORZ, 0},
    {"Q3", "Welke aanbieder levert uw huishoudelijke hulp?", QID("QID3"), K_AANB, 0},
    {"Q4_1",
     "Stellingen over uw contact met de gemeente - Ik wist waar ik moest zijn met mijn "
     "hulpvraag.",
     QID("QID4_1"), K_STD, WIST_WAAR},
    {"Q4_2", "Stellingen over uw contact met de gemeente - Ik werd snel geholpen.", QID("QID4_2"),
     K_STD, SNEL},
    {"Q4_3", "Stellingen over uw contact met de gemeente - De medewerker nam mij serieus.",
     QID("QID4_3"), K_STD, SERIEUS},
    {"Q4_4",
     "Stellingen over uw contact met de gemeente - De medewerker en ik hebben samen naar "
     "oplossingen gezocht.",
     QID("QID4_4"), K_STD, SAMEN},
    {"Q5", "Wist u dat u gebruik kon maken van een onafhankelijke cliëntondersteuner?", QID("QID5"),
     K_CLIENTOND, 0},
    {"Q6_1",
     "Stellingen over de ondersteuning die u krijgt - Ik vind de kwaliteit van de ondersteuning "
     "die ik krijg goed.",
     QID("QID6_1"), K_STD, KWAL_GOED},
    {"Q6_2",
     "Stellingen over de ondersteuning die u krijgt - De ondersteuning die ik krijg past bij "
     "mijn hulpvraag.",
     QID("QID6_2"), K_STD, PAST},
    {"Q6_3",
     "Stellingen over de ondersteuning die u krijgt - Door de ondersteuning die ik krijg kan ik "
     "(beter) de dingen doen die ik wil.",
     QID("QID6_3"), K_STD, DINGEN},
    {"Q6_4",
     "Stellingen over de ondersteuning die u krijgt - Door de ondersteuning die ik krijg kan ik "
     "mij beter redden.",
     QID("QID6_4"), K_STD, REDDEN},
    {"Q6_5",
     "Stellingen over de ondersteuning die u krijgt - Door de ondersteuning die ik krijg heb ik "
     "een betere kwaliteit van leven.",
     QID("QID6_5"), K_STD, KWAL_LEVEN},
    {"Q7", "Welk rapportcijfer geeft u voor de ondersteuning?", QID("QID7"), K_CIJFER, 0},
    {"Q8_1", "Stellingen over uw aanbieder van huishoudelijke hulp - Ik heb een vaste hulp.",
     QID("QID8_1"), K_HV, 0},
    {"Q8_2",
     "Stellingen over uw aanbieder van huishoudelijke hulp - De hulp komt op de afgesproken "
     "tijd.",
     QID("QID8_2"), K_HV, 1},
    {"Q8_3",
     "Stellingen over uw aanbieder van huishoudelijke hulp - Bij ziekte of vakantie van mijn "
     "vaste hulp wordt er voor vervanging gezorgd.",
     QID("QID8_3"), K_HV, 2},
    {"Q8_4",
     "Stellingen over uw aanbieder van huishoudelijke hulp - Mijn huis wordt goed "
     "schoongemaakt.",
     QID("QID8_4"), K_HV, 3},
    {"Q8_5",
     "Stellingen over uw aanbieder van huishoudelijke hulp - De hulp behandelt mij met respect.",
     QID("QID8_5"), K_HV, 4},
    {"Q8_6",
     "Stellingen over uw aanbieder van huishoudelijke hulp - De aanbieder komt afspraken na.",
     QID("QID8_6"), K_HV, 5},
    {"Q8_7",
     "Stellingen over uw aanbieder van huishoudelijke hulp - De aanbieder is goed bereikbaar.",
     QID("QID8_7"), K_HV, 6},
    {"Q9", "Welk rapportcijfer geeft u uw aanbieder van huishoudelijke hulp?", QID("QID9"),
     K_HVCIJFER, 0},
    {"Q10_NPS_GROUP",
     "Hoe waarschijnlijk is het dat u uw aanbieder aanbeveelt bij familie of vrienden? - Group",
     QID("QID10_NPS_GROUP"), K_NPSGROUP, 0},
    {"Q10", "Hoe waarschijnlijk is het dat u uw aanbieder aanbeveelt bij familie of vrienden?",
     QID("QID10"), K_NPS, 0},
    {"Q11", "Wat is uw leeftijd?", QID("QID11"), K_BG, BG_LEEFTIJD},
    {"Q12", "Wat is uw geslacht?", QID("QID12"), K_BG, BG_GESLACHT},
    {"Q13", "Wat is uw woonsituatie?", QID("QID13"), K_BG, BG_WOON},
    {"Q14", "Welke ondersteuning krijgt u? (meerdere antwoorden mogelijk)", QID("QID14"),
     K_MULTI_JOINED, 0},
    {"Q15", "Wie heeft de vragenlijst ingevuld?", QID("QID15"), K_BG, BG_INVUL},
    {"Q16", "Heeft u nog opmerkingen of tips over de ondersteuning?", QID("QID16_TEXT"), K_OPM, 0},
    {"Q17", "Mogen wij contact met u opnemen voor een vervolggesprek over uw ervaringen?",
     QID("QID17"), K_CONSENT, 0},
    {"Q18_1", "Uw contactgegevens - Naam", QID("QID18_1"), K_NAAM, 0},
    {"Q18_2", "Uw contactgegevens - Telefoonnummer", QID("QID18_2"), K_TEL, 0},
    {"Q18_3", "Uw contactgegevens - E-mailadres", QID("QID18_3"), K_EMAIL, 0},
    {"gewicht", "gewicht", QID("gewicht"), K_GEWICHT, 0},
};

#define SM_RESP "Response"
static const colspec surveymonkey_cols[] = {
    {"Respondent ID", "", NULL, K_ID, 0},
    {"Collector ID", "", NULL, K_COLLECTOR, 0},
    {"Start Date", "", NULL, K_START, 0},
    {"End Date", "", NULL, K_END, 0},
    {"IP Address", "", NULL, K_IP, 0},
    {"Email Address", "", NULL, K_BLANK, 0},
    {"First Name", "", NULL, K_BLANK, 0},
    {"Last Name", "", NULL, K_BLANK, 0},
    {"Custom Data 1", "", NULL, K_BLANK, 0},
    {"Woongemeente", SM_RESP, NULL, K_GEM, 0},
    {"Welke voorziening heeft u ontvangen?", SM_RESP, NULL, K_VOORZ, 0},
    {"Welke zorgaanbieder levert uw huishoudelijke hulp?", SM_RESP, NULL, K_AANB, 0},
    {"Stellingen over uw contact met de gemeente", "Ik wist waar ik moest zijn met mijn hulpvraag.",
     NULL, K_STD, WIST_WAAR},
    {"", "Ik ben snel geholpen.", NULL, K_STD, SNEL},
    {"", "De medewerker nam mij serieus.", NULL, K_STD, SERIEUS},
    {"", "De medewerker en ik hebben in het gesprek samen naar oplossingen gezocht.", NULL, K_STD,
     SAMEN},
    {"Wist u dat u gebruik kon maken van een onafhankelijke cliëntondersteuner?", SM_RESP, NULL,
     K_CLIENTOND, 0},
    {"Stellingen over de ondersteuning die u krijgt",
     "Ik vind de kwaliteit van de ondersteuning die ik krijg goed.", NULL, K_STD, KWAL_GOED},
    {"", "De ondersteuning die ik krijg past bij mijn hulpvraag.", NULL, K_STD, PAST},
    {"", "Door de ondersteuning die ik krijg kan ik de dingen doen die ik wil.", NULL, K_STD,
     DINGEN},
    {"", "Door de ondersteuning die ik krijg kan ik mij beter redden.", NULL, K_STD, REDDEN},
    {"", "Door de ondersteuning die ik krijg heb ik een betere kwaliteit van leven.", NULL, K_STD,
     KWAL_LEVEN},
    {"Welk rapportcijfer geeft u voor de ondersteuning?", SM_RESP, NULL, K_CIJFER, 0},
    {"Stellingen over uw aanbieder van huishoudelijke hulp",
     "Ik krijg hulp van een vaste medewerker.", NULL, K_HV, 0},
    {"", "De hulp komt op tijd.", NULL, K_HV, 1},
    {"", "Bij ziekte of vakantie van mijn hulp is er vervanging.", NULL, K_HV, 2},
    {"", "Mijn huis is schoon nadat de hulp is geweest.", NULL, K_HV, 3},
    {"", "De hulp behandelt mij met respect.", NULL, K_HV, 4},
    {"", "De hulp houdt zich aan de afspraken.", NULL, K_HV, 5},
    {"", "De aanbieder is goed bereikbaar bij vragen of problemen.", NULL, K_HV, 6},
    {"Welk rapportcijfer geeft u uw aanbieder van huishoudelijke hulp?", SM_RESP, NULL, K_HVCIJFER,
     0},
    {"Hoe waarschijnlijk is het dat u uw aanbieder van huishoudelijke hulp aanbeveelt aan "
     "familie of vrienden?",
     SM_RESP, NULL, K_NPS, 0},
    {"Wat is uw leeftijd?", SM_RESP, NULL, K_BG, BG_LEEFTIJD},
    {"Wat is uw geslacht?", SM_RESP, NULL, K_BG, BG_GESLACHT},
    {"Hoe woont u?", SM_RESP, NULL, K_BG, BG_WOON},
    {"Welke ondersteuning krijgt u van de gemeente? (meerdere antwoorden mogelijk)",
     "Huishoudelijke hulp", NULL, K_MULTI_OPT, 0},
    {"", "Begeleiding", NULL, K_MULTI_OPT, 1},
    {"", "Dagbesteding", NULL, K_MULTI_OPT, 2},
    {"", "Hulpmiddelen", NULL, K_MULTI_OPT, 3},
    {"", "Aanpassing van de woning", NULL, K_MULTI_OPT, 4},
    {"", "Vervoer / Regiotaxi", NULL, K_MULTI_OPT, 5},
    {"Wie heeft deze vragenlijst ingevuld?", SM_RESP, NULL, K_BG, BG_INVUL},
    {"Heeft u nog andere opmerkingen?", "Open-Ended Response", NULL, K_OPM, 0},
    {"Mogen we contact met u opnemen over uw antwoorden?", SM_RESP, NULL, K_CONSENT, 0},
    {"Uw contactgegevens", "Naam", NULL, K_NAAM, 0},
    {"", "Telefoonnummer", NULL, K_TEL, 0},
    {"", "E-mailadres", NULL, K_EMAIL, 0},
};

#define LS_MULTI "Welke ondersteuning krijgt u? (meerdere antwoorden mogelijk) "
static const colspec limesurvey_cols[] = {
    {"id", NULL, NULL, K_ID, 0},
    {"submitdate", NULL, NULL, K_END, 0},
    {"lastpage", NULL, NULL, K_LASTPAGE, 0},
    {"startlanguage", NULL, NULL, K_STARTLANG, 0},
    {"seed", NULL, NULL, K_LSSEED, 0},
    {"startdate", NULL, NULL, K_START, 0},
    {"datestamp", NULL, NULL, K_END, 0},
    {"In welke gemeente woont u?", NULL, NULL, K_GEM, 0},
    {"Soort voorziening", NULL, NULL, K_VOORZ, 0},
    {"Naam aanbieder", NULL, NULL, K_AANB, 0},
    {"Stellingen [Ik wist waar ik moest zijn met mijn hulpvraag]", NULL, NULL, K_STD, WIST_WAAR},
    {"Stellingen [Ik werd snel geholpen.]", NULL, NULL, K_STD, SNEL},
    {"Stellingen [De medewerker nam mij serieus]", NULL, NULL, K_STD, SERIEUS},
    {"Stellingen [De medewerker en ik hebben (in het gesprek) samen naar oplossingen gezocht]",
     NULL, NULL, K_STD, SAMEN},
    {"Wist u dat u gebruik kon maken van een onafhankelijke cliëntondersteuner?", NULL, NULL,
     K_CLIENTOND, 0},
    {"Stellingen over de ondersteuning [Ik vind de kwaliteit van de ondersteuning die ik krijg "
     "goed]",
     NULL, NULL, K_STD, KWAL_GOED},
    {"Stellingen over de ondersteuning [De ondersteuning die ik krijg past bij mijn hulpvraag]",
     NULL, NULL, K_STD, PAST},
    {"Stellingen over de ondersteuning [Door de ondersteuning die ik krijg kan ik beter de "
     "dingen doen die ik wil]",
     NULL, NULL, K_STD, DINGEN},
    {"Stellingen over de ondersteuning [Door de ondersteuning die ik krijg kan ik mij beter "
     "redden]",
     NULL, NULL, K_STD, REDDEN},
    {"Stellingen over de ondersteuning [Door de ondersteuning die ik krijg heb ik een betere "
     "kwaliteit van leven]",
     NULL, NULL, K_STD, KWAL_LEVEN},
    {"Welk cijfer geeft u voor de ondersteuning die u krijgt?", NULL, NULL, K_CIJFER, 0},
    {"Stellingen huishoudelijke hulp [Ik heb een vaste hulp]", NULL, NULL, K_HV, 0},
    {"Stellingen huishoudelijke hulp [De hulp komt op de afgesproken tijd]", NULL, NULL, K_HV, 1},
    {"Stellingen huishoudelijke hulp [Er is vervanging bij ziekte of vakantie van mijn vaste "
     "hulp]",
     NULL, NULL, K_HV, 2},
    {"Stellingen huishoudelijke hulp [Mijn huis wordt goed schoongemaakt]", NULL, NULL, K_HV, 3},
    {"Stellingen huishoudelijke hulp [De hulp behandelt mij met respect]", NULL, NULL, K_HV, 4},
    {"Stellingen huishoudelijke hulp [De aanbieder komt afspraken na]", NULL, NULL, K_HV, 5},
    {"Stellingen huishoudelijke hulp [De aanbieder is goed bereikbaar]", NULL, NULL, K_HV, 6},
    {"Welk rapportcijfer geeft u uw aanbieder van huishoudelijke hulp?", NULL, NULL, K_HVCIJFER, 0},
    {"Hoe waarschijnlijk is het dat u uw aanbieder aanbeveelt bij familie of vrienden?", NULL, NULL,
     K_NPS, 0},
    {"Hoe oud bent u?", NULL, NULL, K_BG, BG_LEEFTIJD},
    {"Geslacht", NULL, NULL, K_BG, BG_GESLACHT},
    {"Wat is uw woonsituatie?", NULL, NULL, K_BG, BG_WOON},
    {LS_MULTI "[Huishoudelijke hulp]", NULL, NULL, K_MULTI_OPT, 0},
    {LS_MULTI "[Begeleiding]", NULL, NULL, K_MULTI_OPT, 1},
    {LS_MULTI "[Dagbesteding]", NULL, NULL, K_MULTI_OPT, 2},
    {LS_MULTI "[Hulpmiddel (bijv. rolstoel of scootmobiel)]", NULL, NULL, K_MULTI_OPT, 3},
    {LS_MULTI "[Woningaanpassing]", NULL, NULL, K_MULTI_OPT, 4},
    {LS_MULTI "[Vervoer (Regiotaxi)]", NULL, NULL, K_MULTI_OPT, 5},
    {"Heeft u de vragenlijst zelf ingevuld?", NULL, NULL, K_BG, BG_INVUL},
    {"Wilt u nog iets kwijt over de ondersteuning?", NULL, NULL, K_OPM, 0},
    {"Toestemming voor contact", NULL, NULL, K_CONSENT, 0},
    {"Uw contactgegevens [Naam]", NULL, NULL, K_NAAM, 0},
    {"Uw contactgegevens [Telefoonnummer]", NULL, NULL, K_TEL, 0},
    {"Uw contactgegevens [E-mailadres]", NULL, NULL, K_EMAIL, 0},
};

static const colspec excel_cols[] = {
    {"Respondentnummer", NULL, NULL, K_ID, 0},
    {"Datum", NULL, NULL, K_END, 0},
    {"Gemeente", NULL, NULL, K_GEM, 0},
    {"Voorziening", NULL, NULL, K_VOORZ, 0},
    {"Aanbieder", NULL, NULL, K_AANB, 0},
    {"1. Ik wist waar ik moest zijn met mijn hulpvraag.", NULL, NULL, K_STD, WIST_WAAR},
    {"2. Ik werd snel geholpen.", NULL, NULL, K_STD, SNEL},
    {"3. De medewerker nam mij serieus.", NULL, NULL, K_STD, SERIEUS},
    {"4. De medewerker en ik hebben samen naar oplossingen gezocht.", NULL, NULL, K_STD, SAMEN},
    {"5. Wist u dat u gebruik kon maken van een onafhankelijke cliëntondersteuner?", NULL, NULL,
     K_CLIENTOND, 0},
    {"6. Ik vind de kwaliteit van de ondersteuning die ik krijg goed.", NULL, NULL, K_STD,
     KWAL_GOED},
    {"7. De ondersteuning die ik krijg past bij mijn hulpvraag.", NULL, NULL, K_STD, PAST},
    {"8. Door de ondersteuning die ik krijg kan ik (beter) de dingen doen die ik wil.", NULL, NULL,
     K_STD, DINGEN},
    {"9. Door de ondersteuning die ik krijg kan ik mij beter redden.", NULL, NULL, K_STD, REDDEN},
    {"10. Door de ondersteuning die ik krijg heb ik een betere kwaliteit van leven.", NULL, NULL,
     K_STD, KWAL_LEVEN},
    {"11. Rapportcijfer ondersteuning", NULL, NULL, K_CIJFER, 0},
    {"12. Ik heb een vaste hulp.", NULL, NULL, K_HV, 0},
    {"13. De hulp komt op tijd.", NULL, NULL, K_HV, 1},
    {"14. Bij ziekte of vakantie wordt er voor vervanging gezorgd.", NULL, NULL, K_HV, 2},
    {"15. Mijn huis wordt goed schoongemaakt.", NULL, NULL, K_HV, 3},
    {"16. De hulp behandelt mij met respect.", NULL, NULL, K_HV, 4},
    {"17. De aanbieder komt afspraken na.", NULL, NULL, K_HV, 5},
    {"18. De aanbieder is goed bereikbaar.", NULL, NULL, K_HV, 6},
    {"19. Rapportcijfer aanbieder", NULL, NULL, K_HVCIJFER, 0},
    {"20. Aanbevelen aanbieder (0-10)", NULL, NULL, K_NPS, 0},
    {"Leeftijd", NULL, NULL, K_BG, BG_LEEFTIJD},
    {"Geslacht", NULL, NULL, K_BG, BG_GESLACHT},
    {"Woonsituatie", NULL, NULL, K_BG, BG_WOON},
    {"Invulhulp", NULL, NULL, K_BG, BG_INVUL},
    {"Ondersteuning - Huishoudelijke hulp", NULL, NULL, K_MULTI_OPT, 0},
    {"Ondersteuning - Begeleiding", NULL, NULL, K_MULTI_OPT, 1},
    {"Ondersteuning - Dagbesteding", NULL, NULL, K_MULTI_OPT, 2},
    {"Ondersteuning - Hulpmiddel", NULL, NULL, K_MULTI_OPT, 3},
    {"Ondersteuning - Woningaanpassing", NULL, NULL, K_MULTI_OPT, 4},
    {"Ondersteuning - Vervoer", NULL, NULL, K_MULTI_OPT, 5},
    {"Opmerkingen", NULL, NULL, K_OPM, 0},
    {"Toestemming contact", NULL, NULL, K_CONSENT, 0},
    {"Naam", NULL, NULL, K_NAAM, 0},
    {"Telefoonnummer", NULL, NULL, K_TEL, 0},
    {"E-mailadres", NULL, NULL, K_EMAIL, 0},
};

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static const layout layouts[] = {
    {
        .option = "qualtrics",
        .file = "qualtrics",
        .delim = ',',
        .quote_all = true,
        .crlf = true,
        .bom = true,
        .header_rows = 3,
        .dates = D_ISO,
        .cols = qualtrics_cols,
        .ncols = NCOLS(qualtrics_cols),
        .likert = {"Helemaal mee eens", "Mee eens", "Noch mee eens, noch mee oneens", "Mee oneens",
                   "Helemaal mee oneens", "Weet niet"},
        .janee = {"Ja", "Nee"},
        .bg = {{"Jonger dan 45 jaar", "45-64 jaar", "65-74 jaar", "75-84 jaar", "85 jaar of ouder"},
               {"Man", "Vrouw", "Anders"},
               {"Alleenstaand", "Met partner", "Met partner en/of kinderen", "Bij ouders/familie",
                "Anders"},
               {"Zelf ingevuld", "Met hulp ingevuld",
                "Door iemand anders ingevuld voor de cliënt"}},
        .opt = {"Huishoudelijke hulp", "Begeleiding", "Dagbesteding", "Hulpmiddel",
                "Woningaanpassing", "Vervoer"},
        .multi = M_JOINED,
    },
    {
        .option = "surveymonkey",
        .file = "surveymonkey",
        .delim = ',',
        .header_rows = 2,
        .dates = D_US,
        .cols = surveymonkey_cols,
        .ncols = NCOLS(surveymonkey_cols),
        .likert = {"Helemaal mee eens", "Mee eens", "Neutraal", "Niet mee eens",
                   "Helemaal niet mee eens", "Weet ik niet / n.v.t."},
        .janee = {"Ja", "Nee"},
        .bg = {{"Tot 45 jaar", "45 - 64 jaar", "65 - 74 jaar", "75 - 84 jaar", "85 jaar en ouder"},
               {"Man", "Vrouw", "Anders"},
               {"Ik woon alleen", "Samen met partner", "Met partner en/of kinderen",
                "Bij ouders of familie", "Anders, namelijk"},
               {"Ik heb de vragenlijst zelf ingevuld",
                "Ik heb de vragenlijst met hulp van iemand anders ingevuld",
                "Iemand anders heeft de vragenlijst voor mij ingevuld"}},
        .opt = {"Huishoudelijke hulp", "Begeleiding", "Dagbesteding", "Hulpmiddelen",
                "Aanpassing van de woning", "Vervoer / Regiotaxi"},
        .multi = M_LABEL,
    },
    {
        .option = "limesurvey",
        .file = "limesurvey",
        .delim = ',',
        .quote_all = true,
        .eol_between = true,
        .header_rows = 1,
        .dates = D_ISO,
        .cols = limesurvey_cols,
        .ncols = NCOLS(limesurvey_cols),
        .likert = {"A1", "A2", "A3", "A4", "A5", "A6"},
        .janee = {"Y", "N"},
        .bg = {{"A1", "A2", "A3", "A4", "A5"},
               {"A1", "A2", "A3"},
               {"A1", "A2", "A3", "A4", "A5"},
               {"A1", "A2", "A3"}},
        .multi = M_Y,
    },
    {
        .option = "excel",
        .file = "excel-nl",
        .delim = ';',
        .crlf = true,
        .cp1252 = true,
        .blank_line_at_end = true,
        .header_rows = 1,
        .dates = D_NL,
        .decimal_comma = true,
        .noisy = true,
        .cols = excel_cols,
        .ncols = NCOLS(excel_cols),
        .likert = {"Helemaal mee eens", "Mee eens", "Neutraal", "Niet mee eens",
                   "Helemaal niet mee eens", "weet niet/nvt"},
        .janee = {"Ja", "Nee"},
        .bg = {{"tot 45 jaar", "45-64 jaar", "65-74 jaar", "75-84 jaar", "85+"},
               {"man", "vrouw", "anders"},
               {"alleenstaand", "met partner", "met partner en/of kinderen", "bij ouders/familie",
                "anders"},
               {"zelf", "met hulp", "door iemand anders"}},
        .multi = M_ONEZERO,
    },
};
#define NLAYOUTS (sizeof layouts / sizeof layouts[0])

/* A hand-typed label: mostly as is, sometimes in capitals, lower case or with stray spaces or
 * a non-breaking space, as in spreadsheets filled in by hand. buf holds at least 128 bytes. */
static const char *noisy_label(rng *r, const char *label, char *buf, size_t cap)
{
    double u = unif(r);
    if (u < 0.78)
        return label;
    size_t n = strlen(label);
    if (n + 4 > cap)
        return label;
    if (u < 0.84 || u >= 0.90) {
        memcpy(buf, label, n + 1);
        if (u < 0.84) {
            for (size_t i = 0; i < n; i++)
                if (buf[i] >= 'a' && buf[i] <= 'z')
                    buf[i] = (char)(buf[i] - 32);
        } else if (u < 0.95) {
            buf[n] = ' ';
            buf[n + 1] = '\0';
        } else if (u < 0.97) {
            memmove(buf + 1, buf, n + 1);
            buf[0] = ' ';
        } else {
            char *sp = strchr(buf, ' ');
            if (sp != NULL) {
                bool nbsp = u >= 0.99;
                memmove(sp + 2, sp + 1, strlen(sp + 1) + 1);
                sp[0] = nbsp ? (char)0xC2 : ' ';
                sp[1] = nbsp ? (char)0xA0 : ' ';
            }
        }
        return buf;
    }
    for (size_t i = 0; i <= n; i++)
        buf[i] = (char)(label[i] >= 'A' && label[i] <= 'Z' ? label[i] + 32 : label[i]);
    return buf;
}

static void write_header(csvw *w, const layout *L)
{
    for (int row = 0; row < L->header_rows; row++) {
        for (size_t c = 0; c < L->ncols; c++) {
            const colspec *cs = &L->cols[c];
            const char *h = row == 0 ? cs->h1 : row == 1 ? cs->h2 : cs->h3;
            csv_field(w, h != NULL ? h : "");
        }
        csv_end(w);
    }
}

/* A mark stored as twice its value: "8", or "7.5" / "7,5". */
static void write_mark(csvw *w, const layout *L, int twice)
{
    if (twice == 0) {
        csv_field(w, "");
    } else if (twice % 2 == 0) {
        csv_int(w, twice / 2);
    } else {
        char buf[16];
        snprintf(buf, sizeof buf, "%d%c5", twice / 2, L->decimal_comma ? ',' : '.');
        csv_field(w, buf);
    }
}

/* The provider's name as the exports and truth.csv give it; "" when not shown. */
static const char *provider_name(const resp *p, char *buf, size_t cap)
{
    if (p->prov < 0 || !p->prov_shown)
        return "";
    int k = p->prov_label;
    if (k < NPROV)
        return prov_name[k];
    int j = k - NPROV;
    snprintf(buf, cap, "%s %s", prov_prefix[j % 10], prov_place[(j / 10) % 12]);
    if (j >= 120)
        append(buf, cap, " %d", j / 120 + 1);
    return buf;
}

static void write_row(csvw *w, const layout *L, const model *m, const resp *p)
{
    rng noise;
    rng_seed(&noise, mix64(m->key ^ 0x0e7ce1ULL ^ (p->idx * 0x9e3779b97f4a7c15ULL)));
    char buf[160], date[32];
    for (size_t c = 0; c < L->ncols; c++) {
        const colspec *cs = &L->cols[c];
        const char *label = NULL; /* set for labels that may get hand-typing noise */
        switch (cs->kind) {
        case K_ID:
            csv_field(w, p->id);
            break;
        case K_START:
        case K_END:
            format_date(cs->kind == K_START ? p->t_start : p->t_end, L->dates, date);
            csv_field(w, date);
            break;
        case K_STATUS:
            csv_field(w, "IP Address");
            break;
        case K_IP: {
            static const char *const nets[3] = {"192.0.2.", "198.51.100.", "203.0.113."};
            snprintf(buf, sizeof buf, "%s%d", nets[p->ip[0]], p->ip[1]);
            csv_field(w, buf);
            break;
        }
        case K_PROGRESS:
            csv_field(w, "100");
            break;
        case K_DURATION:
            csv_int(w, (long)(p->t_end - p->t_start));
            break;
        case K_FINISHED:
            csv_field(w, "True");
            break;
        case K_BLANK:
            csv_field(w, "");
            break;
        case K_CHANNEL:
            csv_field(w, "anonymous");
            break;
        case K_LANG:
            csv_field(w, "NL");
            break;
        case K_COLLECTOR:
            csv_int(w, p->collector);
            break;
        case K_LASTPAGE:
            csv_field(w, "7");
            break;
        case K_STARTLANG:
            csv_field(w, "nl");
            break;
        case K_LSSEED:
            csv_int(w, p->ls_seed);
            break;
        case K_GEM:
            csv_field(w, gem_name[p->gem]);
            break;
        case K_VOORZ:
            csv_field(w, voorz_name[p->voorz]);
            break;
        case K_AANB: {
            char pn[80];
            csv_field(w, provider_name(p, pn, sizeof pn));
        } break;
        case K_STD:
        case K_HV: {
            int v = cs->kind == K_STD ? p->std[cs->arg] : p->hv[cs->arg];
            if (v < 0)
                csv_field(w, "");
            else
                label = L->likert[v];
            break;
        }
        case K_CLIENTOND:
        case K_CONSENT: {
            int v = cs->kind == K_CLIENTOND ? p->clientond : p->consent;
            if (v < 0)
                csv_field(w, "");
            else
                label = L->janee[v];
            break;
        }
        case K_CIJFER:
            write_mark(w, L, p->cijfer2);
            break;
        case K_HVCIJFER:
            write_mark(w, L, p->hv_cijfer2);
            break;
        case K_NPSGROUP:
            csv_field(w, p->nps < 0    ? ""
                         : p->nps >= 9 ? "Promoter"
                         : p->nps >= 7 ? "Passive"
                                       : "Detractor");
            break;
        case K_NPS:
            if (p->nps < 0)
                csv_field(w, "");
            else
                csv_int(w, p->nps);
            break;
        case K_BG:
            if (p->bg[cs->arg] < 0)
                csv_field(w, "");
            else
                label = L->bg[cs->arg][p->bg[cs->arg]];
            break;
        case K_MULTI_JOINED:
            buf[0] = '\0';
            for (int k = 0; k < NOPT; k++)
                if (p->multi & (1u << k))
                    append(buf, sizeof buf, "%s%s", buf[0] ? "," : "", L->opt[k]);
            csv_field(w, buf);
            break;
        case K_MULTI_OPT: {
            bool on = (p->multi >> cs->arg) & 1u;
            if (p->multi == 0)
                csv_field(w, "");
            else if (L->multi == M_LABEL)
                csv_field(w, on ? cs->h2 : "");
            else if (L->multi == M_Y)
                csv_field(w, on ? "Y" : "");
            else
                csv_field(w, on ? "1" : "0");
            break;
        }
        case K_OPM:
            csv_field(w, p->opm);
            break;
        case K_NAAM:
            csv_field(w, p->naam);
            break;
        case K_TEL:
            csv_field(w, p->tel);
            break;
        case K_EMAIL:
            csv_field(w, p->email);
            break;
        case K_GEWICHT:
            snprintf(buf, sizeof buf, "%d%c%03d", p->gewicht_milli / 1000,
                     L->decimal_comma ? ',' : '.', p->gewicht_milli % 1000);
            csv_field(w, buf);
            break;
        }
        if (label != NULL) {
            char nbuf[128];
            csv_field(w, L->noisy ? noisy_label(&noise, label, nbuf, sizeof nbuf) : label);
        }
    }
    csv_end(w);
}

/* ------------------------------------------------------------------------------------------ */
/* truth.csv, effects.csv, uitgezet.csv */

static const char *const truth_header[] = {
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

static void write_truth_row(csvw *w, const resp *p)
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

static int write_effects(const char *dir)
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
static int write_uitgezet(const char *dir, const model *m, const long counts[NGEM][NVOORZ])
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

/* ------------------------------------------------------------------------------------------ */
/* SPSS system files (--sav): each layout's columns as the variables a research bureau would
 * deliver, written with ReadStat. Names are the layout's codes where they are SPSS names
 * (Q4_1, StartDate), else v1, v2, ...; labels are the header texts; answers are numeric
 * codes with value labels, running from "helemaal mee eens" down in some layouts and up in
 * others; missing answers are system-missing, except in the Dutch Excel layout's .sav, which
 * codes them 99 and declares 99 user-missing. */

#define SPSS_EPOCH 12219379200LL /* seconds from 1582-10-14 to 1970-01-01 */

typedef struct {
    FILE *f;
    char path[1024];
    int err;
    readstat_writer_t *w;
    readstat_variable_t **vars;
    size_t nvars;
} savw;

static ssize_t sav_bytes(const void *p, size_t n, void *ctx)
{
    savw *s = ctx;
    if (s->err == 0 && fwrite(p, 1, n, s->f) != n)
        s->err = errno ? errno : EIO;
    return (ssize_t)n;
}

static bool is_spss_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64 || !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

/* Code of category v (0 = helemaal mee eens, 5 = weet niet) in layout k's .sav. */
static int sav_likert_code(size_t k, int v)
{
    bool down = k % 2 == 1; /* surveymonkey and excel: 5 = helemaal mee eens */
    if (v == 5)
        return down ? 9 : 6;
    return down ? 5 - v : v + 1;
}

static readstat_label_set_t *sav_labels(readstat_writer_t *w, const char *name,
                                        const char *const *labels, int n, int (*code)(size_t, int),
                                        size_t k)
{
    readstat_label_set_t *ls = readstat_add_label_set(w, READSTAT_TYPE_DOUBLE, name);
    for (int i = 0; i < n; i++)
        if (labels[i] != NULL)
            readstat_label_double_value(ls, code != NULL ? code(k, i) : i + 1, labels[i]);
    return ls;
}

static bool sav_open(savw *s, const char *dir, size_t k, const char *file, long rows)
{
    const layout *L = &layouts[k];
    snprintf(s->path, sizeof s->path, "%s/%s", dir, file);
    s->f = fopen(s->path, "wb");
    if (s->f == NULL) {
        fprintf(stderr, "%s: cannot create %s: %s\n", PROG, s->path, strerror(errno));
        return false;
    }
    s->err = 0;
    s->w = readstat_writer_init();
    s->vars = calloc(L->ncols, sizeof *s->vars);
    s->nvars = L->ncols;
    if (s->w == NULL || s->vars == NULL) {
        fprintf(stderr, "%s: out of memory\n", PROG);
        return false;
    }
    readstat_set_data_writer(s->w, sav_bytes);
    readstat_writer_set_file_label(s->w, "CEO Wmo Regio Rivierenland");
    readstat_writer_set_file_timestamp(s->w, 1741219200); /* fixed: same options, same bytes */
    readstat_writer_set_compression(s->w, k == 2 ? READSTAT_COMPRESS_NONE : READSTAT_COMPRESS_ROWS);
    readstat_label_set_t *lik = sav_labels(s->w, "likert", L->likert, 6, sav_likert_code, k);
    if (L->cp1252) /* the bureau's file: 99 = no answer, declared missing */
        readstat_label_double_value(lik, 99, "Geen antwoord");
    readstat_label_set_t *jn = sav_labels(s->w, "janee", L->janee, 2, NULL, k);
    readstat_label_set_t *gem = sav_labels(s->w, "gemeente", gem_name, NGEM, NULL, k);
    readstat_label_set_t *vz = sav_labels(s->w, "voorziening", voorz_name, NVOORZ, NULL, k);
    readstat_label_set_t *pv = sav_labels(s->w, "aanbieder", prov_name, NPROV, NULL, k);
    readstat_label_set_t *bg[NBG];
    for (int b = 0; b < NBG; b++) {
        char nm[16];
        snprintf(nm, sizeof nm, "bg%d", b);
        bg[b] = sav_labels(s->w, nm, L->bg[b], 5, NULL, k);
    }
    const char *h1 = "";
    for (size_t c = 0; c < L->ncols; c++) {
        const colspec *cs = &L->cols[c];
        char name[72], label[512];
        bool unique = is_spss_name(cs->h1);
        for (size_t o = 0; o < c && unique; o++)
            unique = strcmp(L->cols[o].h1, cs->h1) != 0;
        if (unique)
            snprintf(name, sizeof name, "%s", cs->h1);
        else
            snprintf(name, sizeof name, "v%zu", c + 1);
        if (cs->h1[0] != '\0')
            h1 = cs->h1;
        if (L->header_rows == 3)
            snprintf(label, sizeof label, "%s", cs->h2);
        else if (L->header_rows == 2 && cs->h2 != NULL && cs->h2[0] != '\0' &&
                 strcmp(cs->h2, SM_RESP) != 0)
            snprintf(label, sizeof label, "%s - %s", h1, cs->h2);
        else
            snprintf(label, sizeof label, "%s", cs->h1[0] != '\0' ? cs->h1 : h1);
        readstat_type_t type = READSTAT_TYPE_DOUBLE;
        size_t width = 0;
        const char *format = NULL;
        readstat_label_set_t *ls = NULL;
        switch (cs->kind) {
        case K_ID:
            type = READSTAT_TYPE_STRING, width = 24;
            break;
        case K_STATUS:
        case K_IP:
        case K_BLANK:
        case K_CHANNEL:
        case K_LANG:
        case K_FINISHED:
        case K_LASTPAGE:
        case K_STARTLANG:
        case K_NPSGROUP:
            type = READSTAT_TYPE_STRING, width = 24;
            break;
        case K_MULTI_JOINED:
            type = READSTAT_TYPE_STRING, width = 160;
            break;
        case K_OPM:
            type = READSTAT_TYPE_STRING, width = 1400;
            break;
        case K_NAAM:
        case K_TEL:
        case K_EMAIL:
            type = READSTAT_TYPE_STRING, width = 80;
            break;
        case K_START:
        case K_END:
            format = L->dates == D_NL ? "DATE11" : "DATETIME20";
            break;
        case K_GEM:
            ls = gem;
            break;
        case K_VOORZ:
            ls = vz;
            break;
        case K_AANB:
            ls = pv;
            break;
        case K_STD:
        case K_HV:
            ls = lik;
            break;
        case K_CLIENTOND:
        case K_CONSENT:
            ls = jn;
            break;
        case K_BG:
            ls = bg[cs->arg];
            break;
        case K_CIJFER:
        case K_HVCIJFER:
        case K_GEWICHT:
            format = "F8.3";
            break;
        default:
            break;
        }
        readstat_variable_t *v = readstat_add_variable(s->w, name, type, width);
        readstat_variable_set_label(v, label);
        if (format != NULL)
            readstat_variable_set_format(v, format);
        if (ls != NULL)
            readstat_variable_set_label_set(v, ls);
        if (ls == lik && L->cp1252)
            readstat_variable_add_missing_double_value(v, 99);
        if (cs->kind == K_MULTI_OPT && L->multi == M_LABEL) {
            char nm[32];
            snprintf(nm, sizeof nm, "opt%zu", c);
            readstat_label_set_t *o = readstat_add_label_set(s->w, READSTAT_TYPE_DOUBLE, nm);
            readstat_label_double_value(o, 1, cs->h2);
            readstat_variable_set_label_set(v, o);
        }
        s->vars[c] = v;
    }
    readstat_error_t rc = readstat_begin_writing_sav(s->w, s, rows);
    if (rc != READSTAT_OK) {
        fprintf(stderr, "%s: cannot write %s: %s\n", PROG, s->path, readstat_error_message(rc));
        return false;
    }
    return true;
}

static void sav_num(savw *s, size_t c, bool present, double v)
{
    if (present)
        readstat_insert_double_value(s->w, s->vars[c], v);
    else
        readstat_insert_missing_value(s->w, s->vars[c]);
}

static void sav_row(savw *s, size_t k, const resp *p)
{
    const layout *L = &layouts[k];
    char buf[160];
    readstat_begin_row(s->w);
    for (size_t c = 0; c < L->ncols; c++) {
        const colspec *cs = &L->cols[c];
        readstat_variable_t *v = s->vars[c];
        const char *str = NULL;
        switch (cs->kind) {
        case K_ID:
            str = p->id;
            break;
        case K_START:
        case K_END: {
            int64_t t = cs->kind == K_START ? p->t_start : p->t_end;
            if (L->dates == D_NL)
                t -= ((t % 86400) + 86400) % 86400;
            sav_num(s, c, true, (double)(t + SPSS_EPOCH));
            break;
        }
        case K_STATUS:
            str = "IP Address";
            break;
        case K_IP: {
            static const char *const nets[3] = {"192.0.2.", "198.51.100.", "203.0.113."};
            snprintf(buf, sizeof buf, "%s%d", nets[p->ip[0]], p->ip[1]);
            str = buf;
            break;
        }
        case K_PROGRESS:
            sav_num(s, c, true, 100);
            break;
        case K_DURATION:
            sav_num(s, c, true, (double)(p->t_end - p->t_start));
            break;
        case K_FINISHED:
            str = "True";
            break;
        case K_BLANK:
            str = "";
            break;
        case K_CHANNEL:
            str = "anonymous";
            break;
        case K_LANG:
            str = "NL";
            break;
        case K_COLLECTOR:
            sav_num(s, c, true, p->collector);
            break;
        case K_LASTPAGE:
            str = "7";
            break;
        case K_STARTLANG:
            str = "nl";
            break;
        case K_LSSEED:
            sav_num(s, c, true, (double)p->ls_seed);
            break;
        case K_GEM:
            sav_num(s, c, true, p->gem + 1);
            break;
        case K_VOORZ:
            sav_num(s, c, true, p->voorz + 1);
            break;
        case K_AANB:
            sav_num(s, c, p->prov >= 0 && p->prov_shown, p->prov + 1);
            break;
        case K_STD:
        case K_HV: {
            int a = cs->kind == K_STD ? p->std[cs->arg] : p->hv[cs->arg];
            if (a < 0 && L->cp1252)
                sav_num(s, c, true, 99);
            else
                sav_num(s, c, a >= 0, sav_likert_code(k, a));
            break;
        }
        case K_CLIENTOND:
        case K_CONSENT: {
            int a = cs->kind == K_CLIENTOND ? p->clientond : p->consent;
            sav_num(s, c, a >= 0, a + 1);
            break;
        }
        case K_CIJFER:
            sav_num(s, c, p->cijfer2 != 0, p->cijfer2 / 2.0);
            break;
        case K_HVCIJFER:
            sav_num(s, c, p->hv_cijfer2 != 0, p->hv_cijfer2 / 2.0);
            break;
        case K_NPSGROUP:
            str = p->nps < 0    ? ""
                  : p->nps >= 9 ? "Promoter"
                  : p->nps >= 7 ? "Passive"
                                : "Detractor";
            break;
        case K_NPS:
            sav_num(s, c, p->nps >= 0, p->nps);
            break;
        case K_BG:
            sav_num(s, c, p->bg[cs->arg] >= 0, p->bg[cs->arg] + 1);
            break;
        case K_MULTI_JOINED:
            buf[0] = '\0';
            for (int o = 0; o < NOPT; o++)
                if (p->multi & (1u << o))
                    append(buf, sizeof buf, "%s%s", buf[0] ? "," : "", L->opt[o]);
            str = buf;
            break;
        case K_MULTI_OPT: {
            bool on = (p->multi >> cs->arg) & 1u;
            if (L->multi == M_ONEZERO)
                sav_num(s, c, p->multi != 0, on ? 1 : 0);
            else
                sav_num(s, c, on, 1);
            break;
        }
        case K_OPM:
            str = p->opm;
            break;
        case K_NAAM:
            str = p->naam;
            break;
        case K_TEL:
            str = p->tel;
            break;
        case K_EMAIL:
            str = p->email;
            break;
        case K_GEWICHT:
            sav_num(s, c, true, p->gewicht_milli / 1000.0);
            break;
        }
        if (str != NULL)
            readstat_insert_string_value(s->w, v, str);
    }
    readstat_end_row(s->w);
}

/* Finishes and closes s (nothing open is fine). Returns 0, or 1 after reporting. */
static int sav_close(savw *s)
{
    int rc = 0;
    if (s->w != NULL) {
        readstat_error_t e = s->f != NULL ? readstat_end_writing(s->w) : READSTAT_OK;
        if (e != READSTAT_OK) {
            fprintf(stderr, "%s: cannot write %s: %s\n", PROG, s->path, readstat_error_message(e));
            rc = 1;
        }
        readstat_writer_free(s->w);
    }
    if (s->f != NULL && fclose(s->f) != 0 && s->err == 0)
        s->err = errno ? errno : EIO;
    if (s->f != NULL && s->err != 0) {
        fprintf(stderr, "%s: cannot write %s: %s\n", PROG, s->path, strerror(s->err));
        rc = 1;
    }
    free(s->vars);
    *s = (savw){0};
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Command line. */

typedef struct {
    long n;
    uint64_t seed;
    int layout; /* index into layouts, or -1 for all */
    const char *out_dir;
    int year;
    int months;      /* 0: the default for the mode */
    int first_month; /* 0: the default for the mode */
    int providers;   /* 0: the six of the region */
    bool monthly;
    bool sav; /* also LAYOUT.sav */
} options;

static void usage(FILE *f)
{
    fprintf(
        f,
        "usage: %s [options]\n"
        "Writes synthetic exports of the Wmo client-experience survey (CEO) of the fictional\n"
        "Regio Rivierenland, the same respondents in every layout, plus truth.csv (the answers\n"
        "as the codebook codes them), effects.csv (what was planted), uitgezet.csv (invited\n"
        "counts) and populatie.csv (clients per cell, for post-stratification).\n"
        "\n"
        "  --n N              respondents in total (default 1500)\n"
        "  --seed S           random seed (default 2025); same options, same bytes\n"
        "  --layout L         qualtrics, surveymonkey, limesurvey, excel or all (default all)\n"
        "  --out-dir DIR      existing folder to write to (default .)\n"
        "  --year YYYY        year of the fieldwork (default 2025)\n"
        "  --months K         months of fieldwork, 1-120 (default 2, or 12 with --monthly)\n"
        "  --first-month M    first month of fieldwork, 1-12 (default 3, or 1 with --monthly)\n"
        "  --monthly          one file per layout and month: LAYOUT-YYYY-MM.csv, for\n"
        "                     continuous measurement; --n is spread over the months and\n"
        "                     respondent ids are unique across months\n"
        "  --sav              also write each layout as an SPSS system file (LAYOUT.sav):\n"
        "                     codes with value labels, as a research bureau delivers it\n"
        "  --providers N      spread the home-care clients evenly over N providers, 1-500\n"
        "                     (default: the region's six; the answers follow those six)\n"
        "  --help             show this help\n"
        "\n"
        "Files: qualtrics.csv, surveymonkey.csv, limesurvey.csv, excel-nl.csv, truth.csv,\n"
        "effects.csv, uitgezet.csv, populatie.csv.\n",
        PROG);
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reports a usage error in one line and returns the usage exit status. */
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", PROG);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\ntry '%s --help'\n", PROG);
    return 2;
}

/* Parses a decimal integer in [lo, hi]; returns false on anything else. */
static bool parse_long(const char *s, long lo, long hi, long *out)
{
    if (s == NULL || *s == '\0')
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static bool parse_u64(const char *s, uint64_t *out)
{
    if (s == NULL || *s == '\0' || *s == '-')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return false;
    *out = (uint64_t)v;
    return true;
}

/* Returns 0 to run, 2 on a usage error, -1 after --help. */
static int parse_args(int argc, char **argv, options *opt)
{
    *opt = (options){.n = 1500, .seed = 2025, .layout = -1, .out_dir = ".", .year = 2025};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return -1;
        }
        if (strcmp(a, "--monthly") == 0) {
            opt->monthly = true;
            continue;
        }
        if (strcmp(a, "--sav") == 0) {
            opt->sav = true;
            continue;
        }
        /* Every other option takes a value, as "--opt value" or "--opt=value". */
        char name[32];
        const char *val;
        const char *eq = strchr(a, '=');
        if (strncmp(a, "--", 2) != 0)
            return usage_error("unexpected argument '%s'", a);
        if (eq != NULL) {
            size_t len = (size_t)(eq - a);
            if (len >= sizeof name)
                return usage_error("unknown option '%s'", a);
            memcpy(name, a, len);
            name[len] = '\0';
            val = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", a);
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a value", a);
            val = argv[++i];
        }
        long v;
        if (strcmp(name, "--n") == 0) {
            if (!parse_long(val, 1, 100000000L, &v))
                return usage_error("--n wants a whole number from 1 to 100000000, not '%s'", val);
            opt->n = v;
        } else if (strcmp(name, "--seed") == 0) {
            if (!parse_u64(val, &opt->seed))
                return usage_error("--seed wants a non-negative whole number, not '%s'", val);
        } else if (strcmp(name, "--layout") == 0) {
            opt->layout = -2;
            if (strcmp(val, "all") == 0)
                opt->layout = -1;
            for (size_t k = 0; k < NLAYOUTS; k++)
                if (strcmp(val, layouts[k].option) == 0)
                    opt->layout = (int)k;
            if (opt->layout == -2)
                return usage_error("unknown layout '%s' (qualtrics, surveymonkey, limesurvey, "
                                   "excel or all)",
                                   val);
        } else if (strcmp(name, "--out-dir") == 0) {
            if (*val == '\0')
                return usage_error("--out-dir wants a folder");
            opt->out_dir = val;
        } else if (strcmp(name, "--year") == 0) {
            if (!parse_long(val, 1900, 9998, &v))
                return usage_error("--year wants a year from 1900 to 9998, not '%s'", val);
            opt->year = (int)v;
        } else if (strcmp(name, "--months") == 0) {
            if (!parse_long(val, 1, 120, &v))
                return usage_error("--months wants a number from 1 to 120, not '%s'", val);
            opt->months = (int)v;
        } else if (strcmp(name, "--first-month") == 0) {
            if (!parse_long(val, 1, 12, &v))
                return usage_error("--first-month wants a month from 1 to 12, not '%s'", val);
            opt->first_month = (int)v;
        } else if (strcmp(name, "--providers") == 0) {
            if (!parse_long(val, 1, MAX_PROVIDERS, &v))
                return usage_error("--providers wants a number from 1 to %d, not '%s'",
                                   MAX_PROVIDERS, val);
            opt->providers = (int)v;
        } else {
            return usage_error("unknown option '%s'", name);
        }
    }
    if (opt->months == 0)
        opt->months = opt->monthly ? 12 : 2;
    if (opt->first_month == 0)
        opt->first_month = opt->monthly ? 1 : 3;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */

typedef struct {
    outfile *o;
    csvw w;
} sink;

/* Opens one export file and writes its header rows. Returns false after reporting. */
static bool open_sink(sink *s, const char *dir, const layout *L, const char *name)
{
    s->o = out_open(dir, name, L->cp1252);
    if (s->o == NULL)
        return false;
    s->w = (csvw){.o = s->o,
                  .delim = L->delim,
                  .quote_all = L->quote_all,
                  .eol = L->crlf ? "\r\n" : "\n",
                  .eol_between = L->eol_between};
    if (L->bom)
        out_raw(s->o, "\xEF\xBB\xBF", 3);
    write_header(&s->w, L);
    return true;
}

static int close_sink(sink *s, const layout *L)
{
    if (s->o != NULL && L->blank_line_at_end)
        out_str(s->o, s->w.eol);
    int rc = out_close(s->o);
    s->o = NULL;
    return rc;
}

static int run(const options *opt)
{
    model m;
    m.key = mix64(opt->seed ^ 0x2025ce0ULL);
    m.off_gem = (double)(mix64(m.key + 1) >> 11) * 0x1.0p-53;
    m.off_voorz = (double)(mix64(m.key + 2) >> 11) * 0x1.0p-53;
    m.off_prov = (double)(mix64(m.key + 3) >> 11) * 0x1.0p-53;
    m.providers = opt->providers;
    setup_model();

    static long counts[NGEM][NVOORZ];
    sink sinks[NLAYOUTS] = {{0}};
    savw savs[NLAYOUTS] = {{0}};
    int rc = 0;
    outfile *truth = out_open(opt->out_dir, "truth.csv", false);
    if (truth == NULL)
        return 1;
    csvw tw = {.o = truth, .delim = ',', .eol = "\n"};
    for (size_t i = 0; i < NCOLS(truth_header); i++)
        csv_field(&tw, truth_header[i]);
    csv_end(&tw);

    /* Periods: one per month with --monthly, else one spanning all the months. */
    int periods = opt->monthly ? opt->months : 1;
    uint64_t idx = 0;
    resp *p = malloc(sizeof *p);
    if (p == NULL) {
        fprintf(stderr, "%s: out of memory\n", PROG);
        out_close(truth);
        return 1;
    }
    for (int per = 0; per < periods && rc == 0; per++) {
        int m0 = opt->first_month - 1 + (opt->monthly ? per : 0);
        int y0 = opt->year + m0 / 12;
        int span = opt->monthly ? 1 : opt->months;
        int m1 = m0 + span;
        int64_t day0 = days_from_civil(y0, m0 % 12 + 1, 1);
        int64_t day1 = days_from_civil(opt->year + m1 / 12, m1 % 12 + 1, 1);
        long n = opt->monthly ? opt->n / periods + (per < opt->n % periods) : opt->n;

        for (size_t k = 0; k < NLAYOUTS; k++) {
            if (opt->layout >= 0 && (size_t)opt->layout != k)
                continue;
            char name[64];
            if (opt->monthly)
                snprintf(name, sizeof name, "%s-%04d-%02d.csv", layouts[k].file, y0, m0 % 12 + 1);
            else
                snprintf(name, sizeof name, "%s.csv", layouts[k].file);
            if (!open_sink(&sinks[k], opt->out_dir, &layouts[k], name)) {
                rc = 1;
                break;
            }
            if (opt->sav) {
                memcpy(strrchr(name, '.'), ".sav", 5);
                if (!sav_open(&savs[k], opt->out_dir, k, name, n)) {
                    rc = 1;
                    break;
                }
            }
        }
        for (long i = 0; i < n && rc == 0 && truth->err == 0; i++, idx++) {
            /* Responses arrive in order over the period, mostly in the daytime; the export is
             * sorted by time as the platforms sort it. */
            rng tr;
            rng_seed(&tr, mix64(m.key ^ 0x7133ULL ^ (idx * 0xa0761d6478bd642fULL)));
            int64_t day =
                day0 + (int64_t)(((double)i + unif(&tr)) / (double)n * (double)(day1 - day0));
            int sec = 7 * 3600 + (int)(unif(&tr) * 14.5 * 3600.0);
            p->t_start = day * 86400 + sec;
            make_respondent(&m, idx, p);
            counts[p->gem][p->voorz]++;
            for (size_t k = 0; k < NLAYOUTS; k++)
                if (sinks[k].o != NULL) {
                    write_row(&sinks[k].w, &layouts[k], &m, p);
                    if (savs[k].w != NULL)
                        sav_row(&savs[k], k, p);
                }
            write_truth_row(&tw, p);
        }
        for (size_t k = 0; k < NLAYOUTS; k++) {
            if (close_sink(&sinks[k], &layouts[k]) != 0)
                rc = 1;
            if (sav_close(&savs[k]) != 0)
                rc = 1;
        }
    }
    free(p);
    if (out_close(truth) != 0)
        rc = 1;
    if (rc == 0)
        rc = write_effects(opt->out_dir);
    if (rc == 0)
        rc = write_uitgezet(opt->out_dir, &m, (const long(*)[NVOORZ])counts);
    return rc;
}

int main(int argc, char **argv)
{
    options opt;
    int st = parse_args(argc, argv, &opt);
    if (st != 0)
        return st < 0 ? 0 : st;
    return run(&opt);
}
