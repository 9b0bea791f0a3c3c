#!/usr/bin/env python3
"""The follow-up list against the generator's truth.

Applies the rules of ontevreden.csv to samples/truth.csv independently of ceo: the answers
and marks as the generator made them, and the generator's own label of each open answer
(column klacht: it knows which sentences it wrote as complaints). The list must hold exactly
the dissatisfied respondents who consented, each with the same severity.

With a summary (ceo flag --summary), its region row must count every dissatisfied
respondent of the truth, consenting or not, which checks the complaint patterns on all open
answers, not only on those of people who consented.

usage: flag_truth.py LABEL FOLLOWUP.csv TRUTH.csv ONTEVREDEN.csv [SUMMARY.csv]
"""
import csv
import sys

label, followup, truth, rules_path = sys.argv[1:5]

rules = list(csv.DictReader(open(rules_path, encoding="utf-8")))


def holds(rule, row):
    v = row.get(rule["item"], "")
    cond = rule["antwoorden"]
    if cond == "klacht":
        return row.get("klacht") == "1"
    if cond.startswith("<"):
        if v == "":
            return False
        bound = float(cond.lstrip("<="))
        return float(v) <= bound if cond.startswith("<=") else float(v) < bound
    return v in cond.split("|")


expected = {}
dissatisfied = 0
for row in csv.DictReader(open(truth, encoding="utf-8")):
    done, severity = set(), 0
    for rule in rules:
        if rule["item"] in done or not holds(rule, row):
            continue
        done.add(rule["item"])
        severity += int(rule["ernst"])
    dissatisfied += bool(done)
    if done and row["contact_toestemming"] == "ja":
        expected[row["respondent_id"]] = severity

got = {}
for row in csv.DictReader(open(followup, encoding="utf-8")):
    got[row["respondent_id"]] = int(row["ernst"])

missing = sorted(set(expected) - set(got))
extra = sorted(set(got) - set(expected))
wrong = sorted(k for k in set(got) & set(expected) if got[k] != expected[k])
if missing or extra or wrong:
    print(f"FAIL {label}: follow-up list differs from the truth: {len(missing)} missing "
          f"{missing[:3]}, {len(extra)} not dissatisfied or not consenting {extra[:3]}, "
          f"{len(wrong)} with another severity {wrong[:3]}")
elif not expected:
    print(f"FAIL {label}: the truth has no dissatisfied consenting respondent to compare")
else:
    print(f"ok {label}: follow-up list is exactly the {len(expected)} dissatisfied consenting "
          f"respondents of the truth, with their severity")

if len(sys.argv) > 5:
    rows = list(csv.DictReader(open(sys.argv[5], encoding="utf-8")))
    region = rows[-1]
    n, yes = int(region["dissatisfied"]), int(region["consented"])
    if n == dissatisfied and yes == len(expected) and sum(int(r["dissatisfied"]) for r in rows[:-1]) == n:
        print(f"ok {label}: summary counts all {n} dissatisfied respondents of the truth, "
              f"{yes} consenting, and its gemeenten add up")
    else:
        print(f"FAIL {label}: summary says {n} dissatisfied ({yes} consenting), the truth "
              f"{dissatisfied} ({len(expected)})")
