#!/usr/bin/env python3
"""Scores complaint detection on a labelled set: score.py CEO SET.tsv [--by-kind] [--show].
The set (id, klacht, soort, tekst) gives each open answer and whether it is a complaint. Every
answer goes into one export as the open answer (opmerkingen) of its own respondent (its gemeente named after its id); `ceo flag
--comments` says per answer whether it is a complaint (column klacht). Prints precision,
recall and F1; --by-kind adds per soort how many were read right; only --show prints texts,
so that a held-out set can be measured without being read."""
import csv, os, subprocess, sys, tempfile

ceo, path = sys.argv[1], sys.argv[2]
by_kind, show = "--by-kind" in sys.argv[3:], "--show" in sys.argv[3:]
rows = list(csv.DictReader(open(path, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
for r in rows:
    r["tekst"] = r["tekst"].replace("\\n", "\n")
d = tempfile.mkdtemp()
exp = os.path.join(d, "export.csv")
with open(exp, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["Respondentnummer", "Gemeente", "Rapportcijfer", "Opmerkingen"])
    for r in rows:
        w.writerow([r["id"], "G" + r["id"], "7", r["tekst"]])  # the gemeente carries the id
out = os.path.join(d, "comments.csv")
p = subprocess.run([ceo, "flag", "-o", os.path.join(d, "f.csv"), "--comments", out, exp],
                   capture_output=True, text=True)
if p.returncode != 0:
    print("FAIL ceo flag exited", p.returncode, p.stderr.strip()[:300])
    sys.exit(1)
got = {r["gemeente"][1:]: r["klacht"] == "ja" for r in csv.DictReader(open(out, encoding="utf-8"))}
tp = fp = fn = tn = 0
kinds = {}
for r in rows:
    # an answer not written (too short to be a comment) is no complaint
    want, have = r["klacht"] == "1", got.get(r["id"], False)
    tp += want and have; fp += have and not want; fn += want and not have; tn += not want and not have
    k = kinds.setdefault(r["soort"], [0, 0])
    k[0] += 1; k[1] += want == have
    if show and want != have:
        print(f"  {'MISSED' if want else 'FALSE'} {r['id']} {r['soort']}: {r['tekst']!r}")
prec = tp / (tp + fp) if tp + fp else 0.0
rec = tp / (tp + fn) if tp + fn else 0.0
f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
print(f"precision {prec:.3f} recall {rec:.3f} F1 {f1:.3f} (tp {tp} fp {fp} fn {fn} tn {tn})")
if by_kind:
    for k, (n, ok) in sorted(kinds.items()):
        print(f"  {k}: {ok} of {n} right")
