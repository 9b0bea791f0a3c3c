#!/usr/bin/env python3
"""Scores the redaction of open answers on a labelled set: score.py CEO SET.tsv [--show].
The set (id, kind, input, expected) gives each text with its personal data replaced whole by
markers. Every input goes into one export as the open answer (opmerkingen) of its own
respondent, whose gemeente is named after the case's id; `ceo flag --comments` redacts them. Per kind it prints how many cases are fully
redacted: no word (of two characters or more) of a replaced span survives in the output.
For kind 'geen' a case is right when the output equals the input (no false redaction).
Without --show it prints only the figures, so that a held-out set can be measured without its
texts being read."""
import csv, difflib, os, re, subprocess, sys, tempfile

ceo, path = sys.argv[1], sys.argv[2]
show = "--show" in sys.argv[3:]
rows = list(csv.DictReader(open(path, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
for r in rows:  # a line break inside a text is written \n in the set
    r["input"] = r["input"].replace("\\n", "\n")
    r["expected"] = r["expected"].replace("\\n", "\n")
d = tempfile.mkdtemp()
exp = os.path.join(d, "export.csv")
with open(exp, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["Respondentnummer", "Gemeente", "Rapportcijfer", "Opmerkingen"])
    for r in rows:
        w.writerow([r["id"], "G" + r["id"], "7", r["input"]])  # the gemeente carries the id
out = os.path.join(d, "comments.csv")
p = subprocess.run([ceo, "flag", "-o", os.path.join(d, "f.csv"), "--comments", out, exp],
                   capture_output=True, text=True)
if p.returncode != 0:
    print("FAIL ceo flag exited", p.returncode, p.stderr.strip()[:300])
    sys.exit(1)
# the comments file carries no respondent ids; each answer's gemeente is named after its id.
# An answer too short to be a comment ("nvt") is not written: it is read as left unchanged.
got = {r["gemeente"][1:]: r["opmerking"] for r in csv.DictReader(open(out, encoding="utf-8"))}

def words(s):
    return {w.lower() for w in re.findall(r"[\w@.+-]{2,}", s)}

stats = {}
for r in rows:
    kind, inp, want = r["kind"], r["input"], r["expected"]
    out_text = got.get(r["id"], inp)
    total, ok = stats.get(kind, (0, 0))
    if kind == "geen":
        good = out_text == inp
    else:
        sm = difflib.SequenceMatcher(None, inp, want, autojunk=False)
        spans = [inp[i1:i2] for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag in ("replace", "delete")]
        markers = set(re.findall(r"\[[a-z-]+\]", want))
        left = words(out_text)
        good = bool(spans) and all(not (words(s) - words(want)) & left for s in spans)
    stats[kind] = (total + 1, ok + good)
    if show and not good:
        print(f"  MISS {r['id']} {kind}: {inp!r} -> {out_text!r}")
for kind, (total, ok) in sorted(stats.items()):
    print(f"{kind}: {ok} of {total} ({100 * ok / total:.1f}%)")
