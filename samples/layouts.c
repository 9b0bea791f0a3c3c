/*
 * layouts.c - the layouts of the platforms ceo-gen imitates (Qualtrics, SurveyMonkey,
 * LimeSurvey, Dutch Excel): their columns and answer labels, and one respondent as a row.
 */
#include "gen.h"

/* ------------------------------------------------------------------------------------------ */
/* Layouts: the columns each platform writes and the answer labels it uses. */

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

const layout layouts[] = {
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

void write_header(csvw *w, const layout *L)
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
void write_mark(csvw *w, const layout *L, int twice)
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
const char *provider_name(const resp *p, char *buf, size_t cap)
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

void write_row(csvw *w, const layout *L, const model *m, const resp *p)
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

_Static_assert(sizeof layouts / sizeof layouts[0] == NLAYOUTS, "NLAYOUTS");
