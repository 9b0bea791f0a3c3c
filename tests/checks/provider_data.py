#!/usr/bin/env python3
"""An export with providers for more than home care, made from samples/qualtrics.csv: the
clients of individuele begeleiding and dagbesteding get a provider (Zorggroep Samen gives both),
the home-care clients who named none and those of the smallest provider go to Thuiszorg De
Linge BV, so that every voorziening+aanbieder cell is big enough to show. One provider,
Klein Begeleid, gets three begeleiding clients: a small group, never to be shown.

usage: provider_data.py OUT.csv
"""
import csv
import sys

src = list(csv.reader(open("samples/qualtrics.csv", encoding="utf-8-sig")))
head, rows = src[:3], src[3:]
cv, ca = head[0].index("Q2"), head[0].index("Q3")
small = 0
for i, r in enumerate(rows):
    v = r[cv]
    if v == "Individuele begeleiding":
        if small < 3:
            r[ca] = "Klein Begeleid"
            small += 1
        else:
            r[ca] = "Zorggroep Samen" if i % 2 else "Begeleiding Plus"
    elif v == "Dagbesteding":
        r[ca] = "Zorggroep Samen" if i % 2 else "Dagbesteding De Brug"
    elif v == "Hulp bij het huishouden" and r[ca] in ("", "Hulp aan Huis Tielerwaard"):
        r[ca] = "Thuiszorg De Linge BV"
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    csv.writer(f, quoting=csv.QUOTE_ALL).writerows(head + rows)
