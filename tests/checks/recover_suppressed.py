#!/usr/bin/env python3
"""Tries to recover suppressed figures of a `ceo stats` output from its other rows.

For every question (and theme) and every slice whose total the output also shows - a
dimension against the region total, a crossing a+b per value of a and per value of b against
that value's own row - a single suppressed group is recovered as the total minus the groups
shown (its n, and its positives as n * pct / 100). Any such recovery is a failure.

A self-test first proves the attack works on an output where a cell is left unprotected.
Used only by the test suite. usage: recover_suppressed.py CEO_STATS.csv
"""
import csv
import sys
from collections import defaultdict


def attack(rows):
    """Returns descriptions of suppressed cells that the other rows give away."""
    by = {(r["dimension"], r["group"], r["question"], r["theme"]): r for r in rows}
    total_group = next((r["group"] for r in rows if r["dimension"] == "totaal"), "totaal")
    slices = defaultdict(list)  # (question, theme, slice total key) -> member rows
    for r in rows:
        d = r["dimension"]
        if d == "totaal":
            continue
        key = (r["question"], r["theme"])
        if "+" in d:
            a, b = d.split("+")
            ga, gb = r["group"].split(" + ")
            slices[key + ((a, ga),)].append(r)
            slices[key + ((b, gb),)].append(r)
        else:
            slices[key + (("totaal", total_group), d)].append(r)
    found = []
    for (q, th, tot, *_), members in slices.items():
        total = by.get((tot[0], tot[1], q, th))
        if total is None or total["suppressed"] == "1" or total["n"] == "":
            continue
        hidden = [m for m in members if m["suppressed"] == "1"]
        if len(hidden) != 1:
            continue
        shown_n = sum(int(m["n"]) for m in members if m["suppressed"] != "1")
        rest = int(total["n"]) - shown_n
        if rest > 0:
            found.append(f"{hidden[0]['dimension']} {hidden[0]['group']} {q or th}: n = {rest}")
    return found


def self_test():
    rows = [
        {"dimension": "totaal", "group": "totaal", "question": "q", "theme": "", "n": "30", "suppressed": "0"},
        {"dimension": "gemeente", "group": "A", "question": "q", "theme": "", "n": "24", "suppressed": "0"},
        {"dimension": "gemeente", "group": "B", "question": "q", "theme": "", "n": "", "suppressed": "1"},
    ]
    return attack(rows) == ["gemeente B q: n = 6"]


def main(path):
    if not self_test():
        print("FAIL the recovery attack does not work on an unprotected output")
        return
    rows = list(csv.DictReader(open(path, newline="", encoding="utf-8")))
    suppressed = sum(r["suppressed"] == "1" for r in rows)
    found = attack(rows)
    if found:
        print(f"FAIL {len(found)} suppressed cells recovered, e.g. " + "; ".join(found[:3]))
    elif suppressed == 0:
        print("FAIL nothing was suppressed, so nothing was tried")
    else:
        print(f"ok none of {suppressed} suppressed cells can be recovered from the other rows")


if __name__ == "__main__":
    main(sys.argv[1])
