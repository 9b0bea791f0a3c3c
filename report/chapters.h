/*
 * chapters.h - the standard chapters of a bureau's CEO report, for the page plans of kinds.c:
 * the respondents' profile, the representativeness, the results per voorziening and the
 * method, and the line that says how the figures are weighted. Each looks up its rows in the
 * run's result (or its sample against the population) and formats them; none computes.
 */
#ifndef CEO_CHAPTERS_H
#define CEO_CHAPTERS_H

#include "reportpriv.h"

/* Age, sex, living situation and who filled in the questionnaire (the background items the
 * export has): counts and % of the gemeente beside the region, or (gemeente NULL) the region. */
void rep_profile_chapter(rep *p, const char *gemeente);
/* Respondents against the population per voorziening ([weging] populatie), or a line naming
 * the key that would give it. */
void rep_representation_chapter(rep *p, const char *gemeente);
/* The themes' % positive and the mark per voorziening, in the gemeente (gemeente+voorziening)
 * or (gemeente NULL) in the region; nothing when the export has no voorziening column. */
void rep_voorziening_chapter(rep *p, const char *gemeente);
/* The method: fieldwork, thresholds, tests, suppression, weighting; docs/METHODS.md for the
 * rest. With heading 0 only the paragraphs the regional report's method text lacks. */
void rep_method_chapter(rep *p, int heading);
/* Under a table: how its figures are weighted (nothing when they are not). */
void rep_weighting_note(rep *p);

#endif
