/*
 * test_pii.c - survey/pii.c on category values: what holds personal data and what is an
 * ordinary gemeente, provider or answer (issue 19, finding 3).
 */
#include "../../survey/pii.h"
#include "t.h"

void test_pii(void);

static unsigned kinds_of(sv_pii *p, const char *v)
{
    unsigned k = 0;
    return sv_pii_category(p, v, strlen(v), &k) == 0 ? k : 0xFFFFu;
}

void test_pii(void)
{
    sv_pii *p = sv_pii_new(NULL, NULL);
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK(kinds_of(p, "Anders: Piet Lek 0611223344") == (SV_PII_TELEFOON | SV_PII_NAAM));
    CHECK(kinds_of(p, "anders, namelijk Karel Appel") == SV_PII_NAAM);
    CHECK(kinds_of(p, "Anders (namelijk): buurvrouw") == SV_PII_NAAM);
    CHECK(kinds_of(p, "jan.devries@example.nl") == SV_PII_EMAIL);
    CHECK(kinds_of(p, "Thuiszorg, bel 06-12345678") == SV_PII_TELEFOON);
    CHECK(kinds_of(p, "Bij mijn dochter, Dorpsstraat 12") == SV_PII_ADRES);
    CHECK(kinds_of(p, "NL91ABNA0417164300") == SV_PII_IBAN);
    /* ordinary values: a provider's name with a role word in it, "anders" alone */
    CHECK(kinds_of(p, "Stichting Thuishulp Rivierenland & Bommelerwaard (THRB)") == 0);
    CHECK(kinds_of(p, "Hulp aan Huis Tielerwaard") == 0);
    CHECK(kinds_of(p, "Anders") == 0);
    CHECK(kinds_of(p, "anders, namelijk") == 0);
    CHECK(kinds_of(p, "Anders, namelijk:") == 0);
    CHECK(kinds_of(p, "Andersen Thuiszorg") == 0);
    CHECK(kinds_of(p, "Maasdriel-Heerewaarden en Ammerzoden") == 0);
    CHECK(kinds_of(p, "75-84 jaar") == 0);
    char what[160];
    sv_pii_describe(SV_PII_TELEFOON | SV_PII_NAAM, what, sizeof what);
    CHECK_STR(what, "a phone number and a name");
    sv_pii_describe(SV_PII_EMAIL | SV_PII_ADRES | SV_PII_NAAM, what, sizeof what);
    CHECK_STR(what, "an e-mail address, an address and a name");
    sv_pii_free(p);
    sv_pii_free(NULL);
}
