#!/usr/bin/env python3
"""Hand computation of the HV provider table (`ceo stats --hv`) from the generator's truth:
per provider the mean mark, NPS (% 9-10 minus % 0-6) with its normal interval, the
composite (mean % positive of the HV items) and the rank by mark, each over its question's
published population (published.py). Used only by tests.
usage: hand_hv.py TRUTH.csv CEO_HV.csv (digits 10)
"""
import csv
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from published import group, published  # noqa: E402

ITEMS = ["hv_vaste_hulp", "hv_op_tijd", "hv_vervanging", "hv_schoon", "hv_respect",
         "hv_afspraken", "hv_bereikbaar"]
Z = 1.959963984540054


def main(truth_path, hv_path):
    truth = list(csv.DictReader(open(truth_path, newline="", encoding="utf-8")))
    rows = {r["group"]: r for r in csv.DictReader(open(hv_path, newline="", encoding="utf-8"))
            if r["dimension"] == "aanbieder"}
    bad, checked, marks = [], 0, {}

    def same(what, got, want):
        nonlocal checked
        checked += 1
        if got == "" or abs(float(got) - want) > 1e-6:
            bad.append(f"{what}: ceo {got!r}, hand {want!r}")

    pops = {i: published(truth, lambda t, i=i: t[i] != "", lambda t, i=i: t[i] not in ("", "weet_niet"))[0]
            for i in ITEMS + ["hv_cijfer", "hv_aanbevelen"]}
    for p in sorted({t["aanbieder"] for t in truth if t["aanbieder"]}):
        of = {i: [t for t in pops[i] if group(t, "aanbieder") == p] for i in pops}
        r = rows.get(p)
        if r is None:
            bad.append(f"no row for {p}")
            continue
        ys = [float(t["hv_cijfer"]) for t in of["hv_cijfer"] if t["hv_cijfer"]]
        if len(ys) < 10:
            if r["mark"] != "":
                bad.append(f"{p}: mark shown for n={len(ys)}")
            continue
        marks[p] = sum(ys) / len(ys)
        same(f"{p} mark", r["mark"], marks[p])
        sc = [float(t["hv_aanbevelen"]) for t in of["hv_aanbevelen"] if t["hv_aanbevelen"]]
        pp = sum(s >= 9 for s in sc) / len(sc)
        pd = sum(s <= 6 for s in sc) / len(sc)
        se = math.sqrt((pp + pd - (pp - pd) ** 2) / len(sc))
        same(f"{p} nps", r["nps"], 100 * (pp - pd))
        same(f"{p} nps_ci_low", r["nps_ci_low"], 100 * max(-1, pp - pd - Z * se))
        same(f"{p} nps_ci_high", r["nps_ci_high"], 100 * min(1, pp - pd + Z * se))
        pcts = []
        for it in ITEMS:
            v = [t[it] for t in of[it] if t[it] not in ("", "weet_niet")]
            pcts.append(100 * sum(x in ("helemaal_mee_eens", "mee_eens") for x in v) / len(v))
        if r["composite"] != "":
            same(f"{p} composite", r["composite"], sum(pcts) / len(pcts))
    for p, mk in marks.items():
        want = 1 + sum(o > mk for o in marks.values())
        if rows[p]["rank"] != str(want):
            bad.append(f"{p} rank {rows[p]['rank']}, hand {want}")
        checked += 1
    if bad:
        print(f"FAIL HV hand computation: {len(bad)} differences; first: " + "; ".join(bad[:4]))
    elif checked < 20:
        print(f"FAIL HV hand computation compared only {checked} figures")
    else:
        print(f"ok HV hand computation: {checked} provider figures agree")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
