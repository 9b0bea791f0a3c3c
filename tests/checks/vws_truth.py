#!/usr/bin/env python3
"""Checks `ceo export vws` on the samples against the generator's truth, computed here
independently (standard library only), and against `ceo stats --by gemeente`:

- one row per gemeente of truth.csv, sorted by name;
- respondenten = respondents of the gemeente in truth; uitgezet = the sum over voorziening in
  uitgezet.csv; respons = respondenten / uitgezet * 100 with one decimal;
- periode = first - last date answered in the gemeente (the project file sets none);
- themas_gemeten lists toegang, kwaliteit, effect;
- per standard item: n and % positive equal the hand computation over the published
  population (published.py) where ceo stats shows the figure, and are empty exactly where
  that rule leaves the gemeente out (below min_n), as ceo stats does;
- methode, doelgroep and the gemeenten' own texts as in the project and gemeenten files.

Used only by the test suite.
usage: vws_truth.py VWS.csv TRUTH.csv STATS.csv UITGEZET.csv GEMEENTEN.csv PROJECT.ini MIN_N
"""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from published import group, published  # noqa: E402

ITEMS = ["wist_waar", "snel_geholpen", "serieus_genomen", "samen_oplossingen",
         "clientondersteuner", "kwaliteit_goed", "past_bij_hulpvraag", "dingen_doen",
         "beter_redden", "kwaliteit_leven"]
POSITIVE = {"helemaal_mee_eens", "mee_eens", "ja"}


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def project_values(path):
    """[section] key = value pairs of an ini file, comments skipped."""
    vals, section = {}, ""
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            section = line.strip("[]").strip()
        elif "=" in line:
            k, v = line.split("=", 1)
            vals[(section, k.strip())] = v.strip()
    return vals


def main(vws_path, truth_path, stats_path, uitgezet_path, gem_path, ini_path, min_n):
    min_n = int(min_n)
    vws = read(vws_path)
    truth = read(truth_path)
    stats = {(r["group"], r["question"]): r for r in read(stats_path)
             if r["dimension"] == "gemeente"}
    invited = {}
    for r in read(uitgezet_path):
        invited[r["gemeente"]] = invited.get(r["gemeente"], 0) + int(r["uitgezet"])
    texts = {r["gemeente"]: r for r in read(gem_path)}
    proj = project_values(ini_path)
    bad = []
    checked = {"figures": 0, "suppressed": 0, "counts": 0, "texts": 0}
    pops = {}

    names = sorted({t["gemeente"] for t in truth if t["gemeente"]})
    got_names = [r["gemeente"] for r in vws]
    if got_names != names:
        bad.append(f"gemeenten {got_names} != {names}")
    for row in vws:
        g = row["gemeente"]
        members = [t for t in truth if t["gemeente"] == g]
        n_resp = len(members)
        if row["respondenten"] != str(n_resp):
            bad.append(f"{g}: respondenten {row['respondenten']} != {n_resp}")
        if row["uitgezet"] != str(invited.get(g)):
            bad.append(f"{g}: uitgezet {row['uitgezet']} != {invited.get(g)}")
        want = 100 * n_resp / invited[g]
        if row["respons"] == "" or abs(float(row["respons"]) - want) > 0.05 + 1e-9 \
                or len(row["respons"].split(".")[-1]) != 1:
            bad.append(f"{g}: respons {row['respons']} != {want:.3f} (one decimal)")
        dates = sorted(t["datum"] for t in members if t["datum"])
        if row["periode"] != f"{dates[0]} \u2013 {dates[-1]}":
            bad.append(f"{g}: periode {row['periode']!r}, truth {dates[0]} - {dates[-1]}")
        if row["themas_gemeten"] != "toegang, kwaliteit, effect":
            bad.append(f"{g}: themas_gemeten {row['themas_gemeten']!r}")
        if row["jaar"] != proj[("regio", "jaar")]:
            bad.append(f"{g}: jaar {row['jaar']}")
        checked["counts"] += 5
        for item in ITEMS:
            if item not in pops:
                pops[item] = published(truth, lambda t, i=item: t[i] != "",
                                       lambda t, i=item: t[i] not in ("", "weet_niet"))
            keep, out = pops[item]
            valid = [t[item] for t in keep if group(t, "gemeente") == g
                     and t[item] not in ("", "weet_niet")]
            n = len(valid)
            pct = 100 * sum(v in POSITIVE for v in valid) / n if n else None
            s = stats.get((g, item))
            got_pct, got_n = row[f"{item}_pct_positief"], row[f"{item}_n"]
            if s is None:
                bad.append(f"{g} {item}: no row in ceo stats")
                continue
            if (s["suppressed"] == "1") != (g in out["gemeente"]):
                bad.append(f"{g} {item}: suppressed {s['suppressed']} in ceo stats, the rule "
                           f"{'hides' if g in out['gemeente'] else 'shows'} it")
            if s["suppressed"] == "1" or n < min_n:
                checked["suppressed"] += 1
                if got_pct != "" or got_n != "":
                    bad.append(f"{g} {item}: suppressed in ceo stats (n {n}) but shown: "
                               f"{got_pct!r} / {got_n!r}")
                continue
            checked["figures"] += 1
            if got_n != str(n) or got_n != s["n"]:
                bad.append(f"{g} {item}: n {got_n!r}, truth {n}, ceo stats {s['n']}")
            if got_pct == "" or abs(float(got_pct) - pct) > 0.05 + 1e-9 \
                    or abs(float(got_pct) - float(s["pct_positive"])) > 0.05 + 1e-9 \
                    or len(got_pct.split(".")[-1]) != 1:
                bad.append(f"{g} {item}: % positive {got_pct!r}, truth {pct:.4f}, "
                           f"ceo stats {s['pct_positive']}")
        for key in ("methode", "doelgroep"):
            if row[key] != proj[("vws", key)]:
                bad.append(f"{g}: {key} {row[key]!r} is not the project's")
        for key in ("vorig_jaar_gedaan", "besproken_met", "verbeterpunten"):
            checked["texts"] += 1
            if row[key] != texts[g][key]:
                bad.append(f"{g}: {key} {row[key]!r} != {texts[g][key]!r}")

    for b in bad[:10]:
        print(f"FAIL vws: {b}")
    if not bad:
        print(f"ok vws: {len(vws)} gemeenten in name order; respondenten, uitgezet, respons, "
              f"periode, jaar and themes of each equal the truth ({checked['counts']} checks)")
        print(f"ok vws: {checked['figures']} % positive and n equal the hand computation and "
              f"ceo stats --by gemeente")
        print(f"ok vws: {checked['suppressed']} suppressed figures (below {min_n}, or hidden "
              f"by ceo stats) are empty cells")
        print(f"ok vws: project settings and {checked['texts']} texts of the gemeenten file "
              f"carried over")
    if checked["figures"] < 50 or checked["suppressed"] < 10:
        print(f"FAIL vws: too little checked ({checked})")


if __name__ == "__main__":
    main(*sys.argv[1:])
