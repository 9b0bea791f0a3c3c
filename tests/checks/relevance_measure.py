#!/usr/bin/env python3
"""The relevance pre-fill (column rapport of ceo flag --comments) against the hand-labelled
answers of tests/data/relevance/opmerkingen*.tsv.

usage: relevance_measure.py LABELS.tsv EXPORT.csv   writes the export the labels become
       relevance_measure.py LABELS.tsv COMMENTS.csv MIN_P MIN_R [wrong]
                                                   prints precision and recall of rapport=ja;
                                                   with "wrong", then every answer the rule
                                                   got wrong, one a line (label/rule: text)
"""
import csv
import sys

labels = [l.rstrip("\n").split("\t", 1) for l in open(sys.argv[1], encoding="utf-8")
          if l.strip() and not l.startswith("#")][1:]
if len(sys.argv) == 3:
    with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["respondent_id", "gemeente", "aanbieder", "Rapportcijfer", "opmerkingen"])
        for i, (_, text) in enumerate(labels):
            w.writerow([f"L{i + 1:03d}", "Tiel", "Aanbieder A", "7", text])
    sys.exit()
reader = csv.DictReader(open(sys.argv[2], encoding="utf-8"))
if not {"id", "rapport"} <= set(reader.fieldnames or []):
    print(f"FAIL the comments file has no columns id and rapport: {reader.fieldnames}")
    sys.exit()
rows = {r["id"]: r for r in reader}
tp = fp = fn = 0
wrong = []
for i, (label, text) in enumerate(labels):
    got = rows.get(f"L{i + 1:03d}", {}).get("rapport")
    tp += label == "ja" and got == "ja"
    fp += label == "nee" and got == "ja"
    fn += label == "ja" and got != "ja"
    if (label == "ja") != (got == "ja"):
        wrong.append(f"{label}/{got}: {text}")
p = tp / (tp + fp) if tp + fp else 0.0
r = tp / (tp + fn) if tp + fn else 0.0
what = f"relevance pre-fill on {len(labels)} hand-labelled answers ({sys.argv[1].rsplit('/', 1)[-1]}): precision {p:.3f}, recall {r:.3f}"
if p >= float(sys.argv[3]) and r >= float(sys.argv[4]):
    print(f"ok {what}")
else:
    print(f"FAIL {what} (wanted at least {sys.argv[3]}, {sys.argv[4]}); wrong: {wrong}")
if len(sys.argv) > 5 and sys.argv[5] == "wrong":
    print("\n".join(wrong))
