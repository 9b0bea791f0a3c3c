#!/usr/bin/env python3
"""Copies a Qualtrics sample and writes spreadsheet formulas into the cells a respondent fills
in: gemeente, voorziening, aanbieder, opmerkingen and the contact fields (with consent, so the
follow-up list holds them). The gemeente of the first formula is made dissatisfied, so the
signals name it. A quarter of the rows gets one of the formulas in each of those
cells, so every planted gemeente and aanbieder is a group big enough to be shown.

usage: plant_formulas.py IN.csv OUT.csv
"""
import csv
import sys

FORMULAS = [
    '=HYPERLINK("http://x","klik")',
    "@SUM(1+1)",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "\tTAB=1+1",
    "\rCR=1+1",
]

src, dst = sys.argv[1:3]
rows = list(csv.reader(open(src, encoding="utf-8", newline="")))
text = rows[1]


def col(pred):
    return next(i for i, h in enumerate(text) if pred(h))


cols = {
    "gemeente": col(lambda h: h.startswith("In welke gemeente")),
    "voorziening": col(lambda h: h.startswith("Welke voorziening")),
    "aanbieder": col(lambda h: h.startswith("Welke aanbieder")),
    "opmerkingen": col(lambda h: h.startswith("Heeft u nog opmerkingen")),
    "naam": col(lambda h: h.endswith("- Naam")),
    "telefoon": col(lambda h: h.endswith("- Telefoonnummer")),
    "email": col(lambda h: h.endswith("- E-mailadres")),
}
consent = col(lambda h: h.startswith("Mogen wij contact"))
statements = [i for i, h in enumerate(text) if h.startswith("Stellingen over")]
mark = col(lambda h: h.startswith("Welk rapportcijfer geeft u voor de ondersteuning"))
for k, row in enumerate(rows[3:]):
    if k % 4:
        continue
    f = FORMULAS[(k // 4) % len(FORMULAS)]
    for name, c in cols.items():
        if name == "aanbieder" and not row[c]:
            continue  # only HV clients name a provider
        row[c] = f
    if k % 8 == 0:
        row[cols["telefoon"]] = "+31612345678"  # a number: stays as it is
    row[consent] = "Ja"
    if f == FORMULAS[0]:  # a dissatisfied group, so the signals name it
        for c in statements:
            row[c] = "Helemaal niet mee eens"
        row[mark] = "3"
csv.writer(open(dst, "w", encoding="utf-8", newline=""), lineterminator="\r\n").writerows(rows)
