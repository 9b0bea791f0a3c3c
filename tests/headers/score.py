#!/usr/bin/env python3
"""Scores column placement against a truth file: score.py CEO EXPORT TRUTH [--config INI].
Runs `ceo check` on the export (with the project file when given), reads which item each
column maps to, and prints one line per column that is wrong, then a summary line:
'placed R right, W wrong, M missed of P placeable; N of U not-to-place left alone'."""
import csv, re, subprocess, sys

ceo, export, truth = sys.argv[1:4]
extra = sys.argv[4:]
out = subprocess.run([ceo, "check"] + extra + [export], capture_output=True, text=True).stdout
mapped = {}
for line in out.splitlines():
    m = re.match(r"^  (\d+) +.* ([a-z0-9_]+)(:[a-z0-9_]+)? "
                 r"\((id|datum|categorie|getal|likert|janee|cijfer|score|enkel|meer|tekst)[,)]", line)
    if m:
        mapped[int(m.group(1))] = m.group(2)
right = wrong = missed = placeable = kept = unplaceable = 0
for row in csv.DictReader(open(truth, encoding="utf-8"), delimiter="\t"):
    col, want = int(row["column"]), row["item"]
    got = mapped.get(col, "-")
    if want == "-":
        unplaceable += 1
        if got == "-":
            kept += 1
        else:
            wrong += 1
            print(f"  WRONG {export}:{col} '{row['header']}' placed as {got}, must not be placed")
    else:
        placeable += 1
        if got == want:
            right += 1
        elif got == "-":
            missed += 1
            print(f"  MISSED {export}:{col} '{row['header']}' should be {want}")
        else:
            wrong += 1
            print(f"  WRONG {export}:{col} '{row['header']}' placed as {got}, should be {want}")
print(f"{export}: placed {right} right, {wrong} wrong, {missed} missed of {placeable} placeable; "
      f"{kept} of {unplaceable} not-to-place left alone")
