#!/usr/bin/env python3
"""Copies a Qualtrics sample and writes contact details into category cells (issue 19,
finding 3): provider cells "Anders: <name> <phone>", gemeente cells holding an e-mail address,
a voorziening with a phone number, single-choice answers with a name or a street address.
Enough rows of each that a group made of them would be above min_n and shown. Prints the
planted strings that no output may show, one a line, to the file named third.

usage: plant_cells.py IN.csv OUT.csv SECRETS.txt
"""
import csv
import sys

src, dst, secrets = sys.argv[1:4]
rows = list(csv.reader(open(src, encoding="utf-8-sig", newline="")))
text = rows[1]


def col(start):
    return next(i for i, h in enumerate(text) if h.startswith(start))


gem, voorz, aanb = col("In welke gemeente"), col("Welke voorziening"), col("Welke aanbieder")
geslacht, woon = col("Wat is uw geslacht"), col("Wat is uw woonsituatie")
plants = [
    (aanb, "Anders: Piet Zwartkop 0611223344", 15),
    (aanb, "anders, namelijk Karel Blauwbaard", 12),
    (aanb, "Thuiszorg bel 06-87654321", 12),
    (gem, "jan.devries@wolkenkrabber.example", 14),
    (voorz, "Hulp bij het huishouden (IBAN NL91ABNA0417164300)", 12),
    (geslacht, "Anders: Sanne Vlinderhof", 12),
    (woon, "Bij mijn dochter, Kersenbloesemstraat 12", 12),
]
data = rows[3:]
k = 0
for c, value, n in plants:
    done = 0
    while done < n:
        row = data[k % len(data)]
        k += 7
        if c == aanb and not row[aanb]:
            continue  # a provider only where the HV questions were asked
        row[c] = value
        done += 1
csv.writer(open(dst, "w", encoding="utf-8", newline=""), lineterminator="\r\n").writerows(rows)
open(secrets, "w").write("\n".join([
    "Zwartkop", "0611223344", "Blauwbaard", "87654321", "wolkenkrabber", "jan.devries",
    "NL91ABNA", "0417164300", "Vlinderhof", "Kersenbloesem", "zwartkop", "blauwbaard",
    "vlinderhof"]) + "\n")
