#!/usr/bin/env python3
"""Compares ceo's coded dump of a sample export with the generator's truth.csv, cell by cell.

Used only by the test suite. Prints one line: 'ok NAME (N cells)' or 'FAIL NAME: ...'.
Numbers are compared as numbers, dates by their date part; every other value exactly.
"""
import csv
import sys


def main(name, dump_path, truth_path):
    with open(truth_path, newline="", encoding="utf-8") as f:
        truth = {row["respondent_id"]: row for row in csv.DictReader(f)}
    with open(dump_path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        cols = [c for c in reader.fieldnames if c != "respondent_id"]
        dump = list(reader)
    bad, cells = [], 0
    if len(dump) != len(truth):
        bad.append(f"{len(dump)} respondents, truth has {len(truth)}")
    missing_cols = [c for c in ("wist_waar", "kwaliteit_goed", "gemeente", "hv_cijfer") if c not in cols]
    if missing_cols:
        bad.append(f"columns missing from the dump: {missing_cols}")
    for row in dump:
        t = truth.get(row["respondent_id"])
        if t is None:
            bad.append(f"respondent {row['respondent_id']} not in truth")
            continue
        for c in cols:
            if c not in t:
                continue
            got, want = row[c], t[c]
            cells += 1
            if c == "datum":
                same = got[:10] == want[:10]
            elif got and want and c in ("gewicht", "cijfer", "hv_cijfer", "hv_aanbevelen"):
                same = abs(float(got) - float(want)) < 1e-9
            else:
                same = got == want
            if not same:
                bad.append(f"{row['respondent_id']} {c}: got {got!r}, want {want!r}")
    if bad:
        print(f"FAIL {name}: {len(bad)} differences; first: " + "; ".join(bad[:5]))
    else:
        print(f"ok {name} ({cells} cells equal to the generator's truth)")


if __name__ == "__main__":
    main(*sys.argv[1:4])
