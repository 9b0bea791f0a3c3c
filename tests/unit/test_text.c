/* Unit tests of base/text.c: normalisation of headers and values, encodings. */
#include "../../base/text.h"
#include "t.h"

void test_text(void);

static const char *hdr(const char *s)
{
    static sv_buf b;
    sv_norm_header(&b, s, strlen(s));
    return b.p;
}

static const char *val(const char *s)
{
    static sv_buf b;
    sv_norm_value(&b, s, strlen(s));
    return b.p;
}

static const char *words(const char *s)
{
    static char out[64];
    const char *v = val(s);
    size_t n = sv_norm_words(out, sizeof out, v, strlen(v));
    return n ? out : "(none)";
}

void test_text(void)
{
    /* headers: numbering, punctuation, HTML, entities, NBSP, tabs, case, template code */
    CHECK_STR(hdr("3. Ik werd snel geholpen."), "ik werd snel geholpen");
    CHECK_STR(hdr("Q3 - Ik werd snel geholpen"), "ik werd snel geholpen");
    CHECK_STR(hdr("1a) Ik wist waar ik moest zijn?"), "ik wist waar ik moest zijn");
    CHECK_STR(hdr("<strong>De medewerker</strong> nam mij<br>serieus."),
              "de medewerker nam mij serieus");
    CHECK_STR(hdr("Ik&nbsp;wist&nbsp;waar &amp; hoe"), "ik wist waar & hoe");
    CHECK_STR(hdr("Wist u dat u gebruik kon maken van een onafhankelijke cli&euml;ntondersteuner?"),
              "wist u dat u gebruik kon maken van een onafhankelijke cliëntondersteuner");
    CHECK_STR(hdr("Cli&#235;nt &#xEB;"), "cliënt ë");
    CHECK_STR(hdr("  IK\xC2\xA0\tWERD \r\n SNEL   geholpen  "), "ik werd snel geholpen");
    CHECK_STR(hdr("CLIËNT"), "cliënt");
    CHECK_STR(hdr("Hallo ${e://Field/naam}, ik werd snel geholpen"),
              "hallo , ik werd snel geholpen");
    CHECK_STR(hdr("{{naam}} cijfer*"), "cijfer");
    CHECK_STR(hdr("Q4_1"), "q4_1"); /* a code is no numbering */
    CHECK_STR(hdr("1.5 uur"), "1.5 uur");
    CHECK_STR(hdr("leeftijd < 18 jaar"), "leeftijd < 18 jaar"); /* '<' then space: no tag */

    /* values: case, spaces, NBSP, one final period */
    CHECK_STR(val("  MEE   EENS "), "mee eens");
    CHECK_STR(val("Helemaal\xC2\xA0mee eens."), "helemaal mee eens");
    CHECK_STR(val("Noch mee eens, noch mee oneens"), "noch mee eens, noch mee oneens");
    CHECK_STR(val("n.v.t."), "n.v.t");
    CHECK_STR(val("..."), "...");
    CHECK_STR(val(""), "");

    /* UTF-8 validity and the Windows-1252 fallback */
    CHECK(sv_utf8_valid("Cli\xC3\xABnt", 7));
    CHECK(!sv_utf8_valid("Cli\xEBnt", 6));
    CHECK(!sv_utf8_valid("\xC0\xAF", 2));     /* overlong */
    CHECK(!sv_utf8_valid("\xED\xA0\x80", 3)); /* surrogate */
    CHECK(!sv_utf8_valid("\xE2\x82", 2));     /* truncated */
    sv_buf u = {0};
    int fb = 0;
    sv_to_utf8(&u, "Cli\xEBnt \x80 \x96", 10, &fb);
    CHECK(fb == 1);
    CHECK_STR(u.p, "Cliënt € –");
    sv_to_utf8(&u, "Cliënt", strlen("Cliënt"), &fb);
    CHECK(fb == 0);
    CHECK_STR(u.p, "Cliënt");
    /* normalisation form C: e + U+0308 is U+00EB, a Hangul jamo pair one syllable; text that
     * cannot change (below U+0300) is copied as is */
    CHECK(sv_to_utf8(&u, "Tie\xCC\x88l", 6, &fb) == 0);
    CHECK_STR(u.p, "Ti\xC3\xABl");
    CHECK(sv_to_utf8(&u, "\xE1\x84\x80\xE1\x85\xA1", 6, &fb) == 0);
    CHECK_STR(u.p, "\xEA\xB0\x80");
    CHECK(sv_to_utf8(&u, "Ti\xC3\xABl", 5, &fb) == 0 && u.len == 5);
    sv_buf_free(&u);
    CHECK_STR(val("\xC5\x81\xC3\x93"
                  "D\xC5\xB9"),
              "\xC5\x82\xC3\xB3"
              "d\xC5\xBA"); /* ŁÓDŹ */

    CHECK(sv_is_blank(" \t\xC2\xA0 ", 5));
    CHECK(!sv_is_blank(" x ", 3));

    /* word forms of answer values (the fallback of spellings) */
    CHECK_STR(words("Weet ik het niet / N.v.t."), "weet niet / nvt");
    CHECK_STR(words("Ik weet het niet"), "weet niet");
    CHECK_STR(words("Noch mee eens, noch mee oneens"), "noch eens , noch oneens");
    CHECK_STR(words("Helemaal niet mee-eens"), "helemaal niet eens");
    CHECK_STR(words("Niet helemaal mee eens"), "niet helemaal eens"); /* order kept */
    CHECK_STR(words("(Zeer) mee eens"), "zeer / eens");
    CHECK_STR(words("Weet niet (n.v.t.)"), "weet niet / nvt");
    CHECK_STR(words("Neutraal (niet eens, niet oneens)"), "neutraal / niet eens , niet oneens");
    CHECK_STR(words("Door iemand anders ingevuld voor de CLIËNT"),
              "door iemand anders ingevuld voor de client");
    CHECK_STR(words("Don\xE2\x80\x99t know"), "dont know");
    CHECK_STR(words("45 \xE2\x80\x93 64 jaar"), "45 64 jaar");
    CHECK_STR(words("Mee eens!!"), "eens!!"); /* ! and ? stay: such a value is listed */
    CHECK_STR(words("7.5"), "7 5");           /* a dot joins letters only */
    CHECK_STR(words("85+"), "85+");
    CHECK_STR(words("ikzelf"), "ikzelf");
    CHECK_STR(words("Ik / het"), "(none)");
    CHECK_STR(words("/ , ()"), "(none)");
    CHECK_STR(words("weet niet /, geen mening"), "weet niet / geen mening");
    CHECK_STR(words("\xC3\xA6 \xC3\x9F"), "\xC3\xA6 \xC3\x9F"); /* no plain letter: kept */
    char small[8];
    CHECK(sv_norm_words(small, sizeof small, "helemaal mee eens", 17) == 0); /* does not fit */
}
