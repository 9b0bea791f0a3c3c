#!/usr/bin/env python3
"""The signals name the gemeenten and providers the generator made worse and no others.

Worse groups are the 'negatief' rows of samples/effects.csv. A worse group with fewer than
MIN_N respondents must not appear (it is suppressed); every other one must. Crossings
("Tiel + Zorgkracht") name both parts.

usage: signal_names.py SIGNALS.csv EFFECTS.csv TRUTH.csv MIN_N
"""
import collections
import csv
import sys

signals, effects, truth, min_n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
size = collections.Counter()
for row in csv.DictReader(open(truth, encoding="utf-8")):
    size[("gemeente", row["gemeente"])] += 1
    size[("aanbieder", row["aanbieder"])] += 1
worse = {(r["soort"], r["groep"]) for r in csv.DictReader(open(effects, encoding="utf-8"))
         if r["richting"] == "negatief"}
named = set()
for row in csv.DictReader(open(signals, encoding="utf-8")):
    for dim, group in zip(row["dimension"].split("+"), row["group"].split(" + ")):
        named.add((dim, group))
expect = {w for w in worse if size[w] >= min_n}
small = {w for w in worse if size[w] < min_n}
wrong = named - worse
if wrong:
    print(f"FAIL signals name groups the generator did not make worse: {sorted(wrong)}")
elif not expect <= named:
    print(f"FAIL signals miss groups the generator made worse: {sorted(expect - named)}")
elif named & small:
    print(f"FAIL signals name groups below min_n: {sorted(named & small)}")
else:
    print(f"ok signals name exactly the groups made worse: {sorted(g for _, g in expect)}; "
          f"not the suppressed {sorted(g for _, g in small)}")
