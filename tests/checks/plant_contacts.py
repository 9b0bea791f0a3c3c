#!/usr/bin/env python3
"""Copies a Qualtrics sample and writes contact details into the rows of respondents who did
NOT consent (people do fill in their phone number and then answer "nee"). Each planted value
carries a marker no output of ceo may ever show.

usage: plant_contacts.py IN.csv OUT.csv
"""
import csv
import sys

src, dst = sys.argv[1:3]
rows = list(csv.reader(open(src, encoding="utf-8", newline="")))
text = rows[1]
consent = next(i for i, h in enumerate(text) if h.startswith("Mogen wij contact"))
naam = next(i for i, h in enumerate(text) if h.endswith("- Naam"))
tel = next(i for i, h in enumerate(text) if h.endswith("- Telefoonnummer"))
mail = next(i for i, h in enumerate(text) if h.endswith("- E-mailadres"))
planted = kept = 0
for k, row in enumerate(rows[3:]):
    answer = row[consent].strip().lower()
    if answer in ("nee", "2"):
        row[naam] = f"Geheim Niet-Delen{k}"
        row[tel] = f"06-0{k:07d}"  # generated numbers never start 06-0
        row[mail] = f"geheim{k}@niet-delen.example"
        planted += 1
    elif row[tel]:
        kept += 1
csv.writer(open(dst, "w", encoding="utf-8", newline=""), lineterminator="\r\n").writerows(rows)
print(planted, kept)
