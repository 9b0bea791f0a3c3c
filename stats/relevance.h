/*
 * relevance.h - whether an open answer concerns the provider's help: the pre-fill of the
 * column rapport of `ceo flag --comments`, which a person of the follow-up team reviews
 * before `ceo report --kind aanbieder --comments FILE` quotes any answer to a provider.
 *
 * The rule, in this order (words matched whole, case-insensitively; "stem*" any word that
 * begins so; two-word entries on consecutive words):
 *   1. nee when the answer names something the provider does not do: the gemeente, the
 *      Wmo-loket or consulent, an indication, the Wlz/CIZ/CAK, an aid (scootmobiel, traplift,
 *      rolstoel, woningaanpassing), transport, the questionnaire itself;
 *   2. nee when it holds a personal line: a death, an illness or hospital, family members,
 *      neighbours;
 *   3. ja when it names the provider's help: hulp, thuishulp, huishoudelijke, schoonmaak,
 *      poetsen, the aanbieder, the thuiszorg, begeleiding, dagbesteding, vervanging, ...;
 *   4. nee otherwise (nothing said about the provider).
 * A pre-fill, not a judgement: docs/FORMATS.md gives its measured precision and recall.
 */
#ifndef CEO_RELEVANCE_H
#define CEO_RELEVANCE_H

/* 1 when the rule says the answer concerns the provider's help (rapport = ja), else 0. */
int st_provider_relevant(const char *text);

#endif
