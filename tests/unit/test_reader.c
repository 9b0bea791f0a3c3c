/* Unit tests of the export reader (survey/reader.c, table.c) on tests/fixtures/cb: every
 * layout quirk of REALWORLD.md at the level of coded values. */
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
    sv_table *t = read_text("id,datum,gemeente\n1,3/6/2025 11:06:09,S\xFA"
                            "dwest-Frysl\xE2n\n2,3/25/2025 10:00:00,Ga\xEBl\n",
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

    t = read_text("id,datum\n1,3/6/2025\n2,25/3/2025\n", &rep, &err);
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
    sv_table *t = read_text("id,gemeente\n1,Buren,\n2,Tiel,\n\n\n", &rep, &err);
    CHECK(t && rep->ncols == 2 && rep->respondents == 2);
    sv_report_free(rep);
    sv_table_free(t);
    /* a trailing delimiter on the header too */
    t = read_text("id,gemeente,\n1,Buren,\n", &rep, &err);
    CHECK(t && rep->ncols == 2);
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
    sv_table *keep = read_text("id,gemeente\n1,Buren\n", &rep, &err);
    sv_report_free(rep);
    const char *bad = "id,gemeente\n2,Tiel\n3,Zaltbommel\n4\n";
    ceo_error_clear(&err);
    CHECK(keep &&
          sv_table_read_mem(keep, "b.csv", bad, strlen(bad), NULL, &rep, &err) == CEO_EDATA);
    CHECK(keep && sv_table_rows(keep) == 1 && sv_table_ngroups(keep, item("gemeente")) == 1);
    const char *good = "id,gemeente\n5,Tiel\n";
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
    CHECK(strstr(err.message, "holds answers in words ('Mee eens', line 2) and bare numbers ('5')"));
    CHECK(strstr(err.message, "[codes] likert5 = 1,2,3,4,5,9"));
    /* the same numbers alone, but far too few of them to tell which end is which */
    t = read_text("id,Ik wist waar ik moest zijn met mijn hulpvraag,Rapportcijfer\n1,2,8\n2,5,3\n3,1,9\n", &rep, &err);
    CHECK(t == NULL && err.code == CEO_EDATA && strstr(err.message, "cannot be told safely"));
    CHECK(strstr(err.message, "likert5 = 5,4,3,2,1,9"));
    /* 60 respondents whose statement falls as the mark rises: 1 = helemaal mee eens holds */
    char csv[4096];
    size_t n = (size_t)snprintf(csv, sizeof csv, "id,Ik wist waar ik moest zijn met mijn hulpvraag,Rapportcijfer\n");
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
    qualtrics_three_rows();
    encodings_and_dates();
    ragged_and_broken();
    multi_forms();
    multi_not_asked();
    keep_one_text();
    numbers_need_a_direction();
    sv_codebook_free(cb);
}
