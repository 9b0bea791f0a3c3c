/* Unit tests of survey/codebook.c and survey/project.c on tests/fixtures/cb. */
#include <stdlib.h>

#include "../../survey/codebook.h"
#include "../../survey/project.h"
#include "../../base/text.h"
#include "t.h"

void test_codebook(void);

static int header_item(const sv_codebook *cb, const char *raw)
{
    sv_buf b = {0};
    sv_norm_header(&b, raw, strlen(raw));
    int rank, item = sv_codebook_match_header(cb, b.p, b.len, &rank);
    sv_buf_free(&b);
    return item;
}

static int spelled(const sv_codebook *cb, const char *scale, const char *raw)
{
    sv_buf b = {0};
    sv_norm_value(&b, raw, strlen(raw));
    int k = sv_codebook_spelling(cb, sv_codebook_find_scale(cb, scale), b.p, b.len);
    sv_buf_free(&b);
    return k;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    if (fp) {
        fputs(text, fp);
        fclose(fp);
    }
}

void test_codebook(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/fixtures/cb", t_root);
    ceo_error err;
    ceo_error_clear(&err);
    sv_codebook *cb = sv_codebook_load(dir, &err);
    CHECK(cb != NULL);
    if (!cb) {
        fprintf(stderr, "    %s:%ld: %s\n", err.path, err.line, err.message);
        return;
    }
    int wist = sv_codebook_find(cb, "wist_waar");
    CHECK(wist >= 0 && sv_codebook_item(cb, (size_t)wist)->type == SV_T_LIKERT);
    CHECK_STR(sv_codebook_item(cb, (size_t)wist)->theme, "toegang");
    CHECK(header_item(cb, "Stellingen - Ik wist waar ik moest zijn met mijn hulpvraag.") == wist);
    CHECK(header_item(cb, "3. Ik wist waar ik moest zijn") == wist);
    CHECK(header_item(cb, "Welke ondersteuning krijgt u van de gemeente?") !=
          sv_codebook_find(cb, "gemeente"));
    CHECK(header_item(cb, "In welke gemeente woont u?") == sv_codebook_find(cb, "gemeente"));
    CHECK(header_item(cb, "Collector ID") < 0);

    /* what the answers of each type are */
    CHECK(sv_type_answer(SV_T_LIKERT) == SV_ANSWER_SCALE);
    CHECK(sv_type_answer(SV_T_JANEE) == SV_ANSWER_SCALE);
    CHECK(sv_type_answer(SV_T_ENKEL) == SV_ANSWER_SCALE);
    CHECK(sv_type_answer(SV_T_CATEGORIE) == SV_ANSWER_GROUP);
    CHECK(sv_type_answer(SV_T_ID) == SV_ANSWER_TEXT);
    CHECK(sv_type_answer(SV_T_TEKST) == SV_ANSWER_TEXT);
    CHECK(sv_type_answer(SV_T_GETAL) == SV_ANSWER_NUMBER);
    CHECK(sv_type_answer(SV_T_CIJFER) == SV_ANSWER_NUMBER);
    CHECK(sv_type_answer(SV_T_SCORE) == SV_ANSWER_NUMBER);
    CHECK(sv_type_answer(SV_T_DATUM) == SV_ANSWER_DATE);
    CHECK(sv_type_answer(SV_T_MEER) == SV_ANSWER_OPTIONS);
    /* every item of the fixture has the array its answers say */
    for (size_t i = 0; i < sv_codebook_nitems(cb); i++) {
        const sv_item *it = sv_codebook_item(cb, i);
        sv_answer a = sv_type_answer(it->type);
        CHECK((a == SV_ANSWER_SCALE || a == SV_ANSWER_OPTIONS) == (it->scale >= 0));
    }

    CHECK(spelled(cb, "likert5", "Noch mee eens, noch mee oneens") == 2);
    CHECK(spelled(cb, "likert5", "  HELEMAAL mee eens ") == 0);
    CHECK(spelled(cb, "likert5", "Helemaal mee oneens") == 4);
    CHECK(spelled(cb, "likert5", "weet niet / n.v.t.") == 5); /* the label */
    CHECK(spelled(cb, "likert5", "mee eens!") < 0);

    /* by words (docs/FORMATS.md): case, accents, punctuation, fillers, parts at / and , */
    CHECK(spelled(cb, "likert5", "Weet ik niet / N.V.T.") == 5);
    CHECK(spelled(cb, "likert5", "Weet niet (weet ik het niet)") == 5);
    CHECK(spelled(cb, "likert5", "Weet niet / NA") == 5); /* with a missing marker */
    CHECK(spelled(cb, "likert5", "#NULL! / NA") < 0);     /* only markers: not a category */
    CHECK(spelled(cb, "likert5", "Mee eens / NA") < 0);
    CHECK(spelled(cb, "likert5", "Weet niet / 99") < 0); /* "-99" is a marker, "99" is not */
    CHECK(spelled(cb, "likert5", "Noch eens, noch mee oneens") == 2);
    CHECK(spelled(cb, "likert5", "Niet mee-eens") == 3);
    CHECK(spelled(cb, "likert5", "Helemaal niet mee eens") == 4);
    CHECK(spelled(cb, "likert5", "Helemaal mee eens / mee eens") < 0); /* two categories */
    CHECK(spelled(cb, "likert5", "Eens/oneens") < 0);
    CHECK(spelled(cb, "likert5", "Mee eens/niet mee eens") < 0);
    CHECK(spelled(cb, "likert5", "(Helemaal) mee eens") < 0);
    CHECK(spelled(cb, "likert5", "Niet helemaal mee eens") < 0);
    CHECK(spelled(cb, "likert5", "Niet mee") < 0);
    CHECK(spelled(cb, "likert5", "Mee eens?") < 0);
    CHECK(spelled(cb, "likert5", "n/a") < 0); /* a missing marker stays one */
    CHECK(spelled(cb, "likert5", "-1") < 0);  /* a number: its code decides */
    CHECK(spelled(cb, "janee", "Ja / nee") < 0);
    CHECK(spelled(cb, "janee", "JA!") < 0);
    /* a region's own scale: its spellings and labels read by words too */
    CHECK(spelled(cb, "ondersteuning", "Begeleiding - individueel") == 1);
    CHECK(spelled(cb, "ondersteuning", "Begeleiding (individueel)") < 0);
    CHECK(spelled(cb, "ondersteuning", "Vervoer / begeleiding, individueel") < 0);
    CHECK(sv_codebook_missing(cb, "#null!", 6) == SV_MISSING);
    CHECK(sv_codebook_missing(cb, "n/a", 3) == SV_NOT_APPLICABLE);
    CHECK(sv_codebook_missing(cb, "", 0) == SV_MISSING);
    CHECK(sv_codebook_missing(cb, "mee eens", 8) == SV_MISSING_NONE);

    int codes[6] = {5, 4, 3, 2, 1, 9};
    CHECK(sv_codebook_set_codes(cb, sv_codebook_find_scale(cb, "likert5"), codes, 6, NULL) ==
          CEO_OK);
    CHECK(sv_codebook_scale(cb, 0)->cats[0].code == 5);
    CHECK(sv_codebook_set_codes(cb, 0, codes, 5, NULL) == CEO_EUSAGE);
    sv_codebook_free(cb);

    /* broken codebooks: errors name file, line and column */
    char bad[1024], path[1100];
    snprintf(bad, sizeof bad, "%s/ceo-unit-cb-XXXXXX", "/tmp");
    if (!mkdtemp(bad))
        return;
    static const char *const files[] = {"items.csv",      "koppen.csv",     "schalen.csv",
                                        "spellingen.csv", "ontbrekend.csv", "themas.csv"};
    for (size_t i = 0; i < 6; i++) {
        char src[1100], buf[8192];
        snprintf(src, sizeof src, "%s/%s", dir, files[i]);
        FILE *fp = fopen(src, "rb");
        size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;
        if (fp)
            fclose(fp);
        buf[n] = '\0';
        snprintf(path, sizeof path, "%s/%s", bad, files[i]);
        write_file(path, buf);
    }
    snprintf(path, sizeof path, "%s/koppen.csv", bad);
    write_file(path, "id,patroon\nwist_waar,ok\ncijfer,(unclosed\n");
    ceo_error_clear(&err);
    CHECK(sv_codebook_load(bad, &err) == NULL);
    CHECK(err.code == CEO_EDATA && err.line == 3 && err.column == 2);
    CHECK(strstr(err.path, "koppen.csv") && strstr(err.message, "bad pattern"));

    write_file(path, "id,patroon\nwist_waar,ok\n");
    snprintf(path, sizeof path, "%s/items.csv", bad);
    write_file(path, "id,sectie,type,thema,schaal,label\na,rol,id,,,\na,rol,id,,,\n");
    ceo_error_clear(&err);
    CHECK(sv_codebook_load(bad, &err) == NULL);
    CHECK(err.line == 3 && err.column == 1 && strstr(err.message, "twice"));

    write_file(path, "id,sectie,type,thema,schaal,label\na,rol,likert,,,\n");
    ceo_error_clear(&err);
    CHECK(sv_codebook_load(bad, &err) == NULL && strstr(err.message, "needs a scale"));

    write_file(path, "id,sectie,type,thema,schaal,label\na,rol,lickert,,,\n");
    ceo_error_clear(&err);
    CHECK(sv_codebook_load(bad, &err) == NULL && err.column == 3);

    /* project files */
    snprintf(path, sizeof path, "%s/p.ini", bad);
    write_file(path, "# test\n[regio]\nnaam = Regio Test\njaar = 2025\ncodeboek = cb\n"
                     "[kolommen]\nQ1[SQ001] = wist_waar\nA=B = cijfer\n[codes]\nlikert5 = 5,4\n");
    ceo_error_clear(&err);
    sv_project *p = sv_project_load(path, &err);
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(sv_project_get(p, "regio", "naam"), "Regio Test");
        CHECK(sv_project_int(p, "regio", "jaar", 0) == 2025);
        CHECK(sv_project_int(p, "drempels", "min_n", 10) == 10);
        char want[1200];
        snprintf(want, sizeof want, "%s/cb", bad);
        CHECK_STR(sv_project_path(p, "regio", "codeboek"), want);
        CHECK(sv_project_count(p, "kolommen") == 2);
        const char *k, *v;
        long line;
        sv_project_entry(p, "kolommen", 1, &k, &v, &line);
        CHECK_STR(k, "A=B");
        CHECK_STR(v, "cijfer");
        CHECK(line == 8);
        sv_project_free(p);
    }
    write_file(path, "[regio]\nnaam = x\nkleur = rood\n");
    ceo_error_clear(&err);
    CHECK(sv_project_load(path, &err) == NULL && err.line == 3 && strstr(err.message, "kleur"));
    write_file(path, "[regio]\njaar = 20x5\n");
    ceo_error_clear(&err);
    CHECK(sv_project_load(path, &err) == NULL && err.line == 2 && err.column == 8);
    write_file(path, "[stijl]\n");
    ceo_error_clear(&err);
    CHECK(sv_project_load(path, &err) == NULL && strstr(err.message, "unknown section"));
    write_file(path, "naam = x\n");
    ceo_error_clear(&err);
    CHECK(sv_project_load(path, &err) == NULL && strstr(err.message, "before any"));
    write_file(path, "[drempels]\nmin_n = 10\nmin_n = 12\n");
    ceo_error_clear(&err);
    CHECK(sv_project_load(path, &err) == NULL && strstr(err.message, "twice"));

    /* a region's own scale: two categories sharing a word form leave it undecided */
    snprintf(path, sizeof path, "%s/items.csv", bad);
    write_file(path,
               "id,sectie,type,thema,schaal,label\ncontact,achtergrond,enkel,,contactvorm,C\n");
    snprintf(path, sizeof path, "%s/koppen.csv", bad);
    write_file(path, "id,patroon\ncontact,^contact$\n");
    snprintf(path, sizeof path, "%s/schalen.csv", bad);
    write_file(path,
               "schaal,categorie,code,richting,label\ncontactvorm,telefonisch,1,,Telefonisch\n"
               "contactvorm,huisbezoek,2,,Huisbezoek\ncontactvorm,loket,3,,Aan het loket\n"
               "contactvorm,balie,4,,Balie\n");
    snprintf(path, sizeof path, "%s/spellingen.csv", bad);
    write_file(path, "schaal,categorie,spelling\ncontactvorm,telefonisch,per telefoon\n"
                     "contactvorm,huisbezoek,bij mij thuis\ncontactvorm,loket,loket\n"
                     "contactvorm,balie,het loket\n");
    ceo_error_clear(&err);
    sv_codebook *own = sv_codebook_load(bad, &err);
    CHECK(own != NULL);
    if (own) {
        CHECK(spelled(own, "contactvorm", "Per telefoon / telefonisch") == 0);
        CHECK(spelled(own, "contactvorm", "Bij mij thuis (huisbezoek)") == 1);
        CHECK(spelled(own, "contactvorm", "Aan 't loket") < 0);
        CHECK(spelled(own, "contactvorm", "Het loket") == 3); /* the exact spelling */
        CHECK(spelled(own, "contactvorm", "Loket.") == 2);
        CHECK(spelled(own, "contactvorm", "Het-loket") < 0); /* "loket": loket or balie */
        sv_codebook_free(own);
    }

    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", bad);
    if (system(cmd) != 0)
        t_fail(__FILE__, __LINE__, "clean up");
}
