/* Unit tests of the export reader (survey/reader.c and its files in readpriv.h, table.c) on
 * tests/fixtures/cb: every layout quirk of REALWORLD.md at the level of coded values. */
#include <math.h>

#include "../../survey/survey.h"
#include "../../survey/values.h"
#include "t.h"

void test_reader(void);

static sv_codebook *cb;

static sv_table *read_text(const char *csv, sv_report **rep, ceo_error *err)
{
    ceo_error_clear(err);
    sv_table *t = sv_table_new(cb, SV_KEEP_TEXT, err);
    if (sv_table_read_mem(t, "t.csv", csv, strlen(csv), NULL, rep, err) != CEO_OK) {
        sv_table_free(t);
        return NULL;
    }
    return t;
}

static int item(const char *id)
{
    return sv_codebook_find(cb, id);
}

static const char *group_of(const sv_table *t, size_t row)
{
    const uint16_t *g = sv_table_codes(t, item("gemeente"));
    return g && g[row] ? sv_table_group(t, item("gemeente"), g[row] - 1u) : "";
}

static void one_header_labels(void)
{
    sv_report *rep;
    ceo_error err;
    sv_table *t =
        read_text("Respondent ID;Datum;Gemeente;1. Ik wist waar ik moest zijn met mijn hulpvraag.;"
                  "Rapportcijfer;Opmerkingen\r\n"
                  "1;06-03-2025;Buren;Helemaal mee eens;7,5;\"Goed; snel\"\r\n"
                  "2;07-03-2025;buren ;  MEE\xC2\xA0 EENS ;8;\r\n"
                  "3;08-03-2025;Tiel;Noch mee eens, noch mee oneens;NA;geen\r\n"
                  "4;09-03-2025;Tiel;n/a;-1;\r\n"
                  "5;10-03-2025;Tiel;niet mee eens;11;\r\n"
                  "6;1980-01-01;Tiel;Mee eens!!;acht;\r\n"
                  "7;11-03-2025;Tiel;Mee eens!!;9;\r\n",
                  &rep, &err);
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK(rep->header_rows == 1 && rep->delimiter == ';' && rep->crlf == 1);
    CHECK(rep->respondents == 7 && sv_table_rows(t) == 7);
    const uint16_t *w = sv_table_codes(t, item("wist_waar"));
    CHECK(w[0] == 1 && w[1] == 2 && w[2] == 3 && w[3] == 6 && w[4] == 4 && w[5] == 0);
    const double *c = sv_table_numbers(t, item("cijfer"));
    CHECK(c[0] == 7.5 && c[1] == 8 && isnan(c[2]) && isnan(c[3]) && isnan(c[4]) && c[6] == 9);
    CHECK(sv_table_ngroups(t, item("gemeente")) == 2);
    CHECK_STR(group_of(t, 1), "Buren");
    const int64_t *d = sv_table_dates(t, item("datum"));
    CHECK(d[0] == sv_days_from_civil(2025, 3, 6) * 86400 && d[5] == SV_MISSING_DATE);
    CHECK_STR(sv_table_text(t, item("opmerkingen"), 0), "Goed; snel");
    CHECK_STR(sv_table_text(t, item("respondent_id"), 6), "7");
    /* unrecognised: "Mee eens!!" twice, 11 and "acht" once each */
    CHECK(rep->nunknown == 3 && rep->unknown_cells == 4);
    CHECK_STR(rep->unknown[0].value, "11");
    CHECK(rep->unknown[0].column == 5 && rep->unknown[0].lines[0] == 6);
    CHECK_STR(rep->unknown[1].value, "Mee eens!!");
    CHECK(rep->unknown[1].count == 2 && rep->unknown[1].lines[1] == 8);
    sv_report_free(rep);
    sv_table_free(t);
}

static void surveymonkey_two_rows(void)
{
    sv_report *rep;
    ceo_error err;
    sv_table *t =
        read_text("Respondent ID,Collector ID,In welke gemeente woont u?,Stellingen,,"
                  "Welke ondersteuning krijgt u?,,\n"
                  ",,Response,Ik wist waar ik moest zijn met mijn hulpvraag.,"
                  "Wist u dat u gebruik kon maken van een onafhankelijke cliëntondersteuner?,"
                  "Huishoudelijke hulp,Vervoer,\n"
                  "11,900,Buren,Mee eens,Ja,Huishoudelijke hulp,,\n"
                  "12,900,Tiel,Mee oneens,Nee,,Vervoer,\n"
                  "13,900,Tiel,,,,,\n",
                  &rep, &err);
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK(rep->header_rows == 2);
    CHECK_STR(rep->platform, "SurveyMonkey");
    CHECK(rep->ncols == 7 && rep->respondents == 3);
    CHECK(rep->cols[1].item < 0);
    CHECK(rep->cols[3].item == item("wist_waar"));
    CHECK(rep->cols[4].item == item("clientondersteuner"));
    CHECK(rep->cols[5].item == item("ondersteuning") && rep->cols[5].option == 0);
    CHECK(rep->cols[6].item == item("ondersteuning") && rep->cols[6].option == 2);
    const uint32_t *m = sv_table_multi(t, item("ondersteuning"));
    CHECK(m[0] == (SV_MULTI_ANSWERED | 1u) && m[1] == (SV_MULTI_ANSWERED | 4u) && m[2] == 0);
    const uint16_t *w = sv_table_codes(t, item("wist_waar"));
    CHECK(w[0] == 2 && w[1] == 4 && w[2] == 0);
    CHECK(rep->nunknown == 0);
    sv_report_free(rep);
    sv_table_free(t);
}

/* SurveyMonkey's expanded export: a single-choice question spread over a column per option
 * (row 2 starts empty and names the options), read as one item; a column per option of a
 * multi-select beside it. */
static void surveymonkey_expanded(void)
{
    sv_report *rep;
    ceo_error err;
    sv_table *t = read_text(
        "Respondent ID,In welke gemeente woont u?,,,Ik wist waar ik moest zijn met mijn "
        "hulpvraag.,,,Wist u dat u gebruik kon maken van een onafhankelijke "
        "cli\xC3\xABntondersteuner?,,Welke ondersteuning krijgt u?,\r\n"
        ",Buren,Tiel,Other (please specify),Helemaal mee eens,Mee eens,Weet niet / n.v.t.,Ja,Nee,"
        "Huishoudelijke hulp,Vervoer\r\n"
        "11,Buren,,,,Mee eens,,Ja,,Huishoudelijke hulp,Vervoer\r\n"
        "12,,Tiel,,Helemaal mee eens,,,,Nee,,Vervoer\r\n"
        "13,,,Geldermalsen,,,Weet niet / n.v.t.,,,,\r\n"
        "14,,Tiel,,1,,,,,,\r\n"
        "15,,,,,,,,,,\r\n",
        &rep, &err);
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK(rep->header_rows == 2 && rep->respondents == 5);
    CHECK(rep->cols[1].item == item("gemeente") && rep->cols[2].item == item("gemeente"));
    CHECK_STR(rep->cols[2].choice, "Tiel");
    CHECK(rep->cols[3].item < 0 && rep->cols[3].note && strstr(rep->cols[3].note, "other"));
    CHECK(rep->cols[5].item == item("wist_waar") &&
          rep->cols[8].item == item("clientondersteuner"));
    CHECK(rep->cols[10].item == item("ondersteuning") && rep->cols[10].option == 2);
    CHECK(sv_table_ngroups(t, item("gemeente")) == 2);
    CHECK_STR(group_of(t, 0), "Buren");
    CHECK_STR(group_of(t, 1), "Tiel");
    CHECK_STR(group_of(t, 2), "");
    const uint16_t *w = sv_table_codes(t, item("wist_waar"));
    CHECK(w[0] == 2 && w[1] == 1 && w[2] == 6 && w[3] == 0 && w[4] == 0);
    const uint16_t *c = sv_table_codes(t, item("clientondersteuner"));
    CHECK(c[0] == 1 && c[1] == 2 && c[2] == 0);
    const uint32_t *m = sv_table_multi(t, item("ondersteuning"));
    CHECK(m[0] == (SV_MULTI_ANSWERED | 1u | 4u) && m[1] == (SV_MULTI_ANSWERED | 4u));
    /* an option column holds its own label: a tick "1" is listed, never read as a code */
    CHECK(rep->nunknown == 1 && rep->unknown[0].column == 5 && rep->unknown[0].lines[0] == 6);
    CHECK_STR(rep->unknown[0].value, "1");
    sv_report_free(rep);
    sv_table_free(t);

    /* two options of one single-choice question in one row: an error with its location */
    t = read_text("Respondent ID,In welke gemeente woont u?,,\n"
                  ",Buren,Tiel,Culemborg\n"
                  "11,Buren,,\n"
                  "12,,Tiel,Culemborg\n",
                  &rep, &err);
    CHECK(t == NULL && err.code == CEO_EDATA && err.line == 4 && err.column == 4);
    CHECK(strstr(err.message, "'Tiel' (column 3) and 'Culemborg' (column 4)") != NULL);
}

/* Excel's sep= line, blank lines and an empty row before the header, lone CR line ends. */
static void excel_starts_and_ends(void)
{
    sv_report *rep;
    ceo_error err;
    sv_table *t = read_text("sep=,\r\n\r\n,,\r\nGemeente,Rapportcijfer,Opmerkingen\r\n"
                            "Tiel,8,goed; echt\r\nBuren,x,\r\n",
                            &rep, &err);
    CHECK(t != NULL && rep->delimiter == ',' && rep->sep_line == 1 && rep->respondents == 2);
    CHECK(t && rep->nunknown == 1 && rep->unknown[0].lines[0] == 6);
    sv_report_free(rep);
    sv_table_free(t);
    t = read_text("\r\n;;\r\nGemeente;Rapportcijfer;Opmerkingen\r\nTiel;8;goed\r\n"
                  "Buren;7,5;\r\n",
                  &rep, &err);
    CHECK(t != NULL && rep->delimiter == ';' && rep->respondents == 2);
    const double *c = t ? sv_table_numbers(t, item("cijfer")) : NULL;
    CHECK(c && c[0] == 8 && c[1] == 7.5);
    sv_report_free(rep);
    sv_table_free(t);
    t = read_text("Gemeente;Rapportcijfer;Opmerkingen\rTiel;8;\"goed\rzo\"\rBuren;11;\r", &rep,
                  &err);
    CHECK(t != NULL && rep->cr == 1 && rep->crlf == 0 && rep->respondents == 2);
    CHECK(t && rep->nunknown == 1 && rep->unknown[0].lines[0] == 4);
    CHECK(t && strcmp(sv_table_text(t, item("opmerkingen"), 0), "goed\rzo") == 0);
    sv_report_free(rep);
    sv_table_free(t);
}

static void qualtrics_three_rows(void)
{
    sv_report *rep;
    ceo_error err;
    sv_table *t = read_text(
        "\xEF\xBB\xBF\"RecordedDate\",\"ResponseId\",\"Q4_1\",\"Q12\",\"gewicht\"\r\n"
        "\"Recorded Date\",\"Response ID\",\"Stellingen - Ik wist waar ik moest zijn met mijn "
        "hulpvraag.\",\"Welke ondersteuning krijgt u? - Selected Choice\",\"gewicht\"\r\n"
        "\"{\"\"ImportId\"\":\"\"recordedDate\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\","
        "\"{\"\"ImportId\"\":\"\"QID4_1\"\"}\",\"{\"\"ImportId\"\":\"\"QID12\"\"}\",\"\"\r\n"
        "\"2025-03-06 12:00:00\",\"R_1\",\"Helemaal mee eens\",\"Begeleiding, "
        "individueel,Vervoer\","
        "\"1,25\"\r\n"
        "\"2025-03-07 12:00:00\",\"R_2\",\"Weet niet\",\"Huishoudelijke hulp\",\"0.8\"\r\n",
        &rep, &err);
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK(rep->header_rows == 3);
    CHECK_STR(rep->platform, "Qualtrics");
    CHECK_STR(rep->encoding, "UTF-8 with BOM");
    CHECK(rep->respondents == 2);
    CHECK(rep->cols[1].item == item("respondent_id"));
    CHECK(rep->cols[3].item == item("ondersteuning") && rep->cols[3].option == -1);
    const uint32_t *m = sv_table_multi(t, item("ondersteuning"));
    CHECK(m[0] == (SV_MULTI_ANSWERED | 2u | 4u) && m[1] == (SV_MULTI_ANSWERED | 1u));
    const double *g = sv_table_numbers(t, item("gewicht"));
    CHECK(g[0] == 1.25 && g[1] == 0.8);
    CHECK(rep->nunknown == 0);
    sv_report_free(rep);
    sv_table_free(t);
}

static void encodings_and_dates(void)
{
    sv_report *rep;
    ceo_error err;
    /* Windows-1252: ë as one byte; US slash dates proven month-first by 3/25 */
    sv_table *t = read_text("id,datum,gemeente,rapportcijfer\n1,3/6/2025 11:06:09,S\xFA"
                            "dwest-Frysl\xE2n,8\n2,3/25/2025 10:00:00,Ga\xEBl,7\n",
                            &rep, &err);
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK_STR(rep->encoding, "Windows-1252");
    CHECK(rep->cp1252_values == 2 && rep->cp1252_line == 2 && rep->cp1252_col == 3);
    CHECK_STR(group_of(t, 0), "Súdwest-Fryslân");
    CHECK_STR(group_of(t, 1), "Gaël");
    const int64_t *d = sv_table_dates(t, item("datum"));
    CHECK(d[0] == sv_days_from_civil(2025, 3, 6) * 86400 + 11 * 3600 + 6 * 60 + 9);
    sv_report_free(rep);
    sv_table_free(t);

    t = read_text("id,datum,rapportcijfer\n1,3/6/2025,8\n2,25/3/2025,7\n", &rep, &err);
    CHECK(t && sv_table_dates(t, item("datum"))[0] == sv_days_from_civil(2025, 6, 3) * 86400);
    CHECK(t && rep->slash_day_first == 1);
    sv_report_free(rep);
    sv_table_free(t);
}

static void ragged_and_broken(void)
{
    sv_report *rep;
    ceo_error err;
    /* a trailing delimiter on every data row is not a column */
    sv_table *t = read_text("id,gemeente,rapportcijfer\n1,Buren,8,\n2,Tiel,7,\n\n\n", &rep, &err);
    CHECK(t && rep->ncols == 3 && rep->respondents == 2);
    sv_report_free(rep);
    sv_table_free(t);
    /* a trailing delimiter on the header too */
    t = read_text("id,gemeente,rapportcijfer,\n1,Buren,8,\n", &rep, &err);
    CHECK(t && rep->ncols == 3);
    sv_report_free(rep);
    sv_table_free(t);

    CHECK(read_text("id,gemeente\n1,Buren,extra\n", &rep, &err) == NULL);
    CHECK(err.line == 2 && err.column == 3 && strstr(err.message, "3 fields"));
    CHECK(read_text("id,gemeente,cijfer\n1,Buren,8\n2\n", &rep, &err) == NULL);
    CHECK(err.line == 3 && strstr(err.message, "delimiter"));
    CHECK(read_text("id,gemeente\n", &rep, &err) == NULL);
    CHECK(strstr(err.message, "no respondents") != NULL);
    CHECK(read_text("1,2,3\n4,5,6\n", &rep, &err) == NULL);
    CHECK(err.line == 1 && strstr(err.message, "no header"));

    /* a failed read leaves the table as it was */
    sv_table *keep = read_text("id,gemeente,rapportcijfer\n1,Buren,8\n", &rep, &err);
    sv_report_free(rep);
    const char *bad = "id,gemeente,rapportcijfer\n2,Tiel,8\n3,Zaltbommel,7\n4\n";
    ceo_error_clear(&err);
    CHECK(keep &&
          sv_table_read_mem(keep, "b.csv", bad, strlen(bad), NULL, &rep, &err) == CEO_EDATA);
    CHECK(keep && sv_table_rows(keep) == 1 && sv_table_ngroups(keep, item("gemeente")) == 1);
    const char *good = "id,gemeente,rapportcijfer\n5,Tiel,9\n";
    ceo_error_clear(&err);
    CHECK(keep && sv_table_read_mem(keep, "c.csv", good, strlen(good), NULL, &rep, &err) == CEO_OK);
    CHECK(keep && sv_table_rows(keep) == 2 && sv_table_ngroups(keep, item("gemeente")) == 2);
    CHECK(keep && strcmp(group_of(keep, 1), "Tiel") == 0);
    sv_report_free(rep);
    sv_table_free(keep);
}

static void multi_forms(void)
{
    sv_report *rep;
    ceo_error err;
    /* 1/0, Y/empty, True/False/n/a per option column; LimeSurvey [option] headers */
    sv_table *t = read_text("id,Welke ondersteuning krijgt u? [Huishoudelijke hulp],"
                            "Welke ondersteuning krijgt u? [Vervoer]\n"
                            "1,1,0\n2,Y,\n3,True,False\n4,n/a,n/a\n5,0,0\n6,,\n",
                            &rep, &err);
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK(rep->cols[1].option == 0 && rep->cols[2].option == 2);
    const uint32_t *m = sv_table_multi(t, item("ondersteuning"));
    CHECK(m[0] == (SV_MULTI_ANSWERED | 1u));
    CHECK(m[1] == (SV_MULTI_ANSWERED | 1u));
    CHECK(m[2] == (SV_MULTI_ANSWERED | 1u));
    CHECK(m[3] == 0);
    CHECK(m[4] == SV_MULTI_ANSWERED);
    CHECK(m[5] == 0);
    sv_report_free(rep);
    sv_table_free(t);
}

/* An option with no column of its own was not asked of that file's respondents; a question
 * joined in one cell offers every option. */
static void multi_not_asked(void)
{
    static const char per_option[] = "id,Welke ondersteuning krijgt u? [Huishoudelijke hulp],"
                                     "Welke ondersteuning krijgt u? [Vervoer]\n"
                                     "1,1,0\n2,,\n";
    static const char joined[] = "id,Welke ondersteuning krijgt u?\n3,Vervoer\n4,Begeleiding\n";
    sv_report *rep;
    ceo_error err;
    sv_table *t = read_text(joined, &rep, &err);
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK(rep->nnot_asked == 0);
    CHECK(sv_table_multi_unasked(t, item("ondersteuning")) == NULL);
    sv_report_free(rep);
    ceo_error_clear(&err);
    CHECK(sv_table_read_mem(t, "p.csv", per_option, strlen(per_option), NULL, &rep, &err) ==
          CEO_OK);
    CHECK(rep && rep->nnot_asked == 1 && rep->not_asked[0].item == item("ondersteuning") &&
          rep->not_asked[0].options == 2u); /* begeleiding */
    sv_report_free(rep);
    ceo_error_clear(&err);
    CHECK(sv_table_read_mem(t, "j.csv", joined, strlen(joined), NULL, NULL, &err) == CEO_OK);
    const uint32_t *m = sv_table_multi(t, item("ondersteuning"));
    const uint32_t *u = sv_table_multi_unasked(t, item("ondersteuning"));
    CHECK(sv_table_rows(t) == 6 && u != NULL);
    if (u) {
        CHECK(u[0] == 0 && u[1] == 0 && u[2] == 2u && u[3] == 2u && u[4] == 0 && u[5] == 0);
        CHECK(m[2] == (SV_MULTI_ANSWERED | 1u) && m[3] == 0 && m[5] == (SV_MULTI_ANSWERED | 2u));
    }
    sv_table_free(t);
}

/* sv_table_keep_text: the text of the one item asked for, none of the others. */
static void keep_one_text(void)
{
    static const char csv[] = "Respondent ID;Gemeente;Opmerkingen\n1;Buren;\"Goed; snel\"\n"
                              "2;Tiel;\n";
    ceo_error err;
    ceo_error_clear(&err);
    sv_table *t = sv_table_new(cb, 0, &err);
    CHECK(t && sv_table_keep_text(t, item("opmerkingen")) == 0);
    CHECK(t && sv_table_keep_text(t, item("gemeente")) == -1); /* not a text item */
    CHECK(t && sv_table_read_mem(t, "t.csv", csv, sizeof csv - 1, NULL, NULL, &err) == CEO_OK);
    if (!t)
        return;
    CHECK_STR(sv_table_text(t, item("opmerkingen"), 0), "Goed; snel");
    CHECK(sv_table_text(t, item("opmerkingen"), 1) == NULL);
    CHECK(sv_table_text(t, item("respondent_id"), 0) == NULL); /* answered, not kept */
    CHECK(sv_table_codes(t, item("respondent_id"))[0] == 1);
    CHECK(sv_table_keep_text(t, item("respondent_id")) == -1); /* read already */
    sv_table_free(t);
}

/* A bare number among answers in words is no answer anyone can read safely; numbers alone
 * are read only when the data confirm the codebook's direction (or [codes] states it). */
static void numbers_need_a_direction(void)
{
    sv_report *rep = NULL;
    ceo_error err;
    sv_table *t = read_text("id,Ik wist waar ik moest zijn met mijn hulpvraag,Rapportcijfer\n"
                            "1,Mee eens,8\n"
                            "2,5,3\n"
                            "3,Helemaal mee eens,9\n",
                            &rep, &err);
    CHECK(t == NULL && rep == NULL && err.code == CEO_EDATA);
    CHECK(err.line == 3 && err.column == 2);
    CHECK(
        strstr(err.message, "holds answers in words ('Mee eens', line 2) and bare numbers ('5')"));
    CHECK(strstr(err.message, "[codes] likert5 = 1,2,3,4,5,9"));
    /* the same numbers alone, but far too few of them to tell which end is which */
    t = read_text(
        "id,Ik wist waar ik moest zijn met mijn hulpvraag,Rapportcijfer\n1,2,8\n2,5,3\n3,1,9\n",
        &rep, &err);
    CHECK(t == NULL && err.code == CEO_EDATA && strstr(err.message, "cannot be told safely"));
    CHECK(strstr(err.message, "likert5 = 5,4,3,2,1,9"));
    /* 60 respondents whose statement falls as the mark rises: 1 = helemaal mee eens holds */
    char csv[4096];
    size_t n = (size_t)snprintf(csv, sizeof csv,
                                "id,Ik wist waar ik moest zijn met mijn hulpvraag,Rapportcijfer\n");
    for (int i = 0; i < 60; i++)
        n += (size_t)snprintf(csv + n, sizeof csv - n, "%d,%d,%d\n", i + 1, 1 + i % 5,
                              10 - 2 * (i % 5) - (i % 2));
    t = read_text(csv, &rep, &err);
    CHECK(t != NULL && rep && rep->nnotes == 1);
    if (t && rep && rep->nnotes == 1) {
        CHECK(strstr(rep->notes[0], "read as the codebook codes it"));
        CHECK(sv_table_codes(t, item("wist_waar"))[0] == 1);
    }
    sv_report_free(rep);
    sv_table_free(t);
}

/* Qualtrics' Status and Finished: previews, tests and spam are no respondents; partial and
 * imported responses are kept; a status ceo does not know is kept and reported. */
static void platform_metadata(void)
{
    sv_report *rep;
    ceo_error err;
    sv_table *t = read_text(
        "ResponseId,Status,Finished,Progress,Rapportcijfer\n"
        "Response ID,Response Type,Finished,Progress,Welk rapportcijfer geeft u?\n"
        "{\"ImportId\":\"_recordId\"},{\"ImportId\":\"status\"},{\"ImportId\":\"finished\"},"
        "{\"ImportId\":\"progress\"},{\"ImportId\":\"QID7\"}\n"
        "R_1,IP Address,True,100,8\n"     /* line 4 */
        "R_2,Survey Preview,True,100,1\n" /* 5: left out */
        "R_3,IP Address,False,40,6\n"     /* 6: partial */
        "R_4,Spam,False,10,1\n"           /* 7: left out (not partial too) */
        "R_5,Imported,True,100,7\n"       /* 8: kept */
        "R_6,Survey Preview,True,100,1\n" /* 9: left out */
        "R_7,Mystery,True,100,9\n"        /* 10: kept, unknown */
        "R_8,IP Address,True,100,10\n",   /* 11 */
        &rep, &err);
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK(rep->respondents == 5 && sv_table_rows(t) == 5);
    CHECK(rep->left_out == 3 && rep->partial == 1 && rep->meta_unknown == 1);
    const double *c = sv_table_numbers(t, item("cijfer"));
    CHECK(c[0] == 8 && c[1] == 6 && c[2] == 7 && c[3] == 9 && c[4] == 10);
    CHECK(rep->nmeta == 5);
    if (rep->nmeta == 5) {
        const sv_meta *m = rep->meta;
        CHECK(m[0].kind == SV_META_LEFT_OUT && m[0].count == 2 && m[0].index == 2);
        CHECK_STR(m[0].what, "preview");
        CHECK_STR(m[0].column, "Status");
        CHECK_STR(m[0].value, "Survey Preview");
        CHECK(m[0].lines[0] == 5 && m[0].lines[1] == 9 && m[0].lines[2] == 0);
        CHECK(m[1].kind == SV_META_PARTIAL && m[1].count == 1 && m[1].lines[0] == 6);
        CHECK_STR(m[1].value, "False");
        CHECK(m[2].kind == SV_META_LEFT_OUT && m[2].lines[0] == 7);
        CHECK_STR(m[2].what, "spam");
        CHECK(m[3].kind == SV_META_IMPORTED && m[3].lines[0] == 8);
        CHECK(m[4].kind == SV_META_UNKNOWN && m[4].lines[0] == 10);
        CHECK_STR(m[4].value, "Mystery");
    }
    sv_report_free(rep);
    sv_table_free(t);

    /* a numeric export: 1 = Survey Preview; Progress counts where there is no Finished */
    t = read_text("ResponseId,Status,Progress,Rapportcijfer\n"
                  "Response ID,Response Type,Progress,Rapportcijfer\n"
                  "{\"ImportId\":\"_recordId\"},{\"ImportId\":\"status\"},"
                  "{\"ImportId\":\"progress\"},{\"ImportId\":\"QID7\"}\n"
                  "R_1,0,100,8\nR_2,1,100,1\nR_3,0,55,6\nR_4,16,100,7\n",
                  &rep, &err);
    CHECK(t && rep->respondents == 3 && rep->left_out == 1 && rep->partial == 1);
    CHECK(t && rep->meta_unknown == 0);
    sv_report_free(rep);
    sv_table_free(t);

    /* all of them previews: no respondents, said so */
    t = read_text("ResponseId,Status,Rapportcijfer\nResponse ID,Response Type,Rapportcijfer\n"
                  "{\"ImportId\":\"_recordId\"},{\"ImportId\":\"status\"},{\"ImportId\":\"QID7\"}\n"
                  "R_1,Survey Preview,8\n",
                  &rep, &err);
    CHECK(t == NULL && strstr(err.message, "every response (1) as a preview") != NULL);

    /* LimeSurvey: no submitdate, not submitted: kept, counted as partial */
    t = read_text("id,submitdate,lastpage,rapportcijfer\n1,2025-03-06 12:00:00,4,8\n2,,1,5\n", &rep,
                  &err);
    CHECK(t && rep->respondents == 2 && rep->partial == 1 && rep->left_out == 0);
    CHECK(t && rep->nmeta == 1 && rep->meta[0].lines[0] == 3 && *rep->meta[0].value == '\0');
    sv_report_free(rep);
    sv_table_free(t);

    /* SoSci Survey: MODE pretest is the project's own test run; FINISHED 0 a partial one */
    t = read_text("CASE\tQUESTNNR\tMODE\tRapportcijfer\tFINISHED\n"
                  "1\tq\tinterview\t8\t1\n2\tq\tpretest\t1\t1\n3\tq\tinterview\t7\t0\n",
                  &rep, &err);
    CHECK(t && rep->respondents == 2 && rep->left_out == 1 && rep->partial == 1);
    sv_report_free(rep);
    sv_table_free(t);

    /* elsewhere a Status column means nothing to the reader */
    t = read_text("id,Status,rapportcijfer\n1,Survey Preview,8\n", &rep, &err);
    CHECK(t && rep->respondents == 1 && rep->left_out == 0 && rep->nmeta == 0);
    sv_report_free(rep);
    sv_table_free(t);
}

/* No column that maps to a question (nothing at all, or only roles): the wrong file. */
static void nothing_mapped(void)
{
    sv_report *rep;
    ceo_error err;
    CHECK(read_text("kleur,aantal\nrood,3\n", &rep, &err) == NULL);
    CHECK(err.code == CEO_EDATA &&
          strstr(err.message, "no column of this file matches a question"));
    CHECK(strstr(err.message, "only roles") == NULL);
    CHECK(read_text("id,datum,gemeente\n1,2025-03-06,Tiel\n", &rep, &err) == NULL);
    CHECK(strstr(err.message, "only roles that hold no answers (respondent_id, datum, gemeente)"));
}

/* A year after the current year + 1 is a typo, not a date (2105 for 2015 would make every
 * rolling period end there); the current year is the table's setting. */
static void future_dates(void)
{
    static const char csv[] = "id,datum,rapportcijfer\n1,2026-12-31,8\n2,2027-01-01,7\n"
                              "3,2105-03-06,6\n4,06-03-2105,5\n5,1899-12-31,4\n";
    ceo_error err;
    ceo_error_clear(&err);
    sv_report *rep = NULL;
    sv_table *t = sv_table_new(cb, 0, &err);
    if (t)
        sv_table_set_year(t, 2025);
    CHECK(t && sv_table_read_mem(t, "d.csv", csv, sizeof csv - 1, NULL, &rep, &err) == CEO_OK);
    if (!t || !rep) {
        sv_table_free(t);
        return;
    }
    const int64_t *d = sv_table_dates(t, item("datum"));
    CHECK(d[0] == sv_days_from_civil(2026, 12, 31) * 86400);
    CHECK(d[1] == SV_MISSING_DATE && d[2] == SV_MISSING_DATE && d[3] == SV_MISSING_DATE);
    CHECK(d[4] == SV_MISSING_DATE);
    CHECK(rep->nunknown == 4 && rep->unknown_cells == 4);
    if (rep->nunknown == 4) {
        CHECK_STR(rep->unknown[0].value, "2027-01-01");
        CHECK(rep->unknown[0].lines[0] == 3 && rep->unknown[0].column == 2);
        CHECK(rep->unknown[0].max_year == 2026 && rep->unknown[2].max_year == 2026);
        CHECK_STR(rep->unknown[1].value, "2105-03-06");
        CHECK(rep->unknown[3].max_year == 0); /* 1899: no date at all, as before */
    }
    sv_report_free(rep);
    sv_table_free(t);
}

void test_reader(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/fixtures/cb", t_root);
    ceo_error err;
    ceo_error_clear(&err);
    cb = sv_codebook_load(dir, &err);
    CHECK(cb != NULL);
    if (!cb)
        return;
    one_header_labels();
    surveymonkey_two_rows();
    surveymonkey_expanded();
    excel_starts_and_ends();
    qualtrics_three_rows();
    encodings_and_dates();
    ragged_and_broken();
    multi_forms();
    multi_not_asked();
    keep_one_text();
    numbers_need_a_direction();
    platform_metadata();
    nothing_mapped();
    future_dates();
    sv_codebook_free(cb);
}
