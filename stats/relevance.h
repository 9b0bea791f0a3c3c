/*
 * relevance.h - whether an open answer concerns the provider's help: the pre-fill of the
 * column rapport of `ceo flag --comments`, which a person of the follow-up team reviews
 * before `ceo report --kind aanbieder --comments FILE` quotes any answer to a provider.
 *
 * The rule, in this order (words matched whole, case-insensitively; "stem*" any word that
 * begins so, "*stem" any word that ends so, as Dutch compounds do: regiotaxi, zorgloket,
 * heupoperatie; two-word entries on consecutive words):
 *   1. nee when the answer names something the provider does not do: the gemeente and its
 *      people (Wmo-loket, consulent, wijkteam, cliëntondersteuner), an application or decision
 *      (aanvraag, beschikking, bezwaar), the indication and its hours (gekort, meer uren), the
 *      Wlz/CIZ/CAK, the eigen bijdrage and money, an aid (scootmobiel, traplift, rolstoel,
 *      woningaanpassing), transport (taxi, vervoer), the questionnaire itself;
 *   2. nee when it holds a personal line: a death, an illness, the body, a doctor or hospital,
 *      family members, friends, neighbours, pets, moving house, loneliness;
 *   3. ja when it speaks of the provider's help: its helpers however named (hulp, de
 *      begeleider, het meisje, de dames, mijn vaste kracht, "ze"), its organisation and office,
 *      turning up (op tijd, te laat, afspraken, vervanging, wisselingen, planning), the
 *      cleaning and chores (schoon, stofzuigen, ramen, netjes, boodschappen), being reachable,
 *      the manner (vriendelijk, respect, kortaf);
 *   4. nee otherwise (nothing said about the provider).
 * Rules 1 and 2 win over 3 wherever the words stand: an answer about the help that also
 * names the gemeente or a death goes to nobody until a person says so.
 * A pre-fill, not a judgement: docs/FORMATS.md gives its measured precision and recall.
 */
#ifndef CEO_RELEVANCE_H
#define CEO_RELEVANCE_H

/* 1 when the rule says the answer concerns the provider's help (rapport = ja), else 0. */
int st_provider_relevant(const char *text);

#endif
