/*
 * respondent.c - one respondent of ceo-gen, a pure function of (seed, index): its groups,
 * answers, open answers (with planted personal data) and contact fields.
 */
#include "gen.h"

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
const char *const pii_kind[] = {"bsn", "telefoon", "email", "iban", "postcode", "naam"};

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

/* Appends to a NUL-terminated buffer, truncating silently: buffers are sized for the longest
 * text this program can make. */
void append(char *buf, size_t cap, const char *fmt, ...)
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
signed char likert(rng *r, double y, const double thr[4], double wn, double miss)
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
void make_respondent(const model *m, uint64_t idx, resp *p)
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
