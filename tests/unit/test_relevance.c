/* Unit tests of stats/relevance.c: the word rule behind the column rapport of flag --comments. */
#include "../../stats/relevance.h"
#include "t.h"

void test_relevance(void);

void test_relevance(void)
{
    /* the help, however its helper is named */
    CHECK(st_provider_relevant("De hulp komt altijd op tijd."));
    CHECK(st_provider_relevant("ze stofzuigt alleen de woonkamer"));
    CHECK(st_provider_relevant("Het meisje is erg vriendelijk."));
    CHECK(st_provider_relevant("Mijn vaste kracht gaat met verlof en er is geen vervanger."));
    CHECK(st_provider_relevant("De begeleidster denkt goed met me mee."));
    CHECK(st_provider_relevant("Elke week iemand anders, dat is onrustig."));
    CHECK(st_provider_relevant("Het kantoor neemt de telefoon nooit op."));
    /* words: whole, a beginning, an ending, two in a row; case and hyphens */
    CHECK(st_provider_relevant("POETSHULP prima"));
    CHECK(st_provider_relevant("de wmo-hulp is goed"));
    CHECK(!st_provider_relevant("de hulpvraag is niet beantwoord"));
    CHECK(!st_provider_relevant("De regiotaxi rijdt om."));
    CHECK(!st_provider_relevant("het WMO-LOKET belt niet terug"));
    CHECK(!st_provider_relevant("Mijn eigen bijdrage is omhoog gegaan."));
    CHECK(st_provider_relevant("Ze slaat mijn eigen kamer over."));
    /* the gemeente's matters and personal lines win wherever they stand */
    CHECK(!st_provider_relevant("De hulp is fijn maar de gemeente heeft de uren gekort."));
    CHECK(!st_provider_relevant("De gemeente is traag; de hulp is fijn."));
    CHECK(!st_provider_relevant("Na mijn heupoperatie kwam de hulp vaker."));
    CHECK(!st_provider_relevant("Mijn kleindochter vindt de hulp ook aardig."));
    CHECK(!st_provider_relevant("Het formulier was lastig, de hulp heeft geholpen."));
    CHECK(!st_provider_relevant("Ik heb meer uren nodig."));
    /* nothing about the provider */
    CHECK(!st_provider_relevant("Geen opmerkingen."));
    CHECK(!st_provider_relevant("Goed zo!"));
    CHECK(!st_provider_relevant(""));
    CHECK(!st_provider_relevant(NULL));
    CHECK(!st_provider_relevant("-- ?? 123"));
    /* a word longer than the buffer is cut, not overrun */
    CHECK(!st_provider_relevant(
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        "aaaaaaaaaaaaaaaaaaaaa"));
}
