#!/usr/bin/env python3
"""Hand computation of `ceo stats` figures from the generator's truth, with the formulas
written out here (standard library only): for every gemeente and provider of the samples,
n, pct_positive, ci_low, ci_high (Wilson) of every likert and yes/no item, and n, mean and
the t-interval of the marks, over the published population (published.py): a group is
hidden exactly when that rule leaves it out, and every other group is shown. The t quantile is found by integrating the t density
(Simpson) and bisecting - a different algorithm from ceo's.

Used only by the test suite. usage: hand_stats.py TRUTH.csv CEO_STATS.csv (digits 10)
"""
import csv
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from published import group, published  # noqa: E402

LIKERT = ["wist_waar", "snel_geholpen", "serieus_genomen", "samen_oplossingen", "kwaliteit_goed",
          "past_bij_hulpvraag", "dingen_doen", "beter_redden", "kwaliteit_leven",
          "hv_vaste_hulp", "hv_op_tijd", "hv_vervanging", "hv_schoon", "hv_respect",
          "hv_afspraken", "hv_bereikbaar"]
MARKS = ["cijfer", "hv_cijfer"]
Z = 1.959963984540054  # the 97.5% normal quantile


def wilson(x, n):
    p = x / n
    d = 1 + Z * Z / n
    c = (p + Z * Z / (2 * n)) / d
    h = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / d
    return 100 * max(0.0, c - h), 100 * min(1.0, c + h)


def t_density(t, df):
    return math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)
                    - 0.5 * math.log(df * math.pi) - (df + 1) / 2 * math.log1p(t * t / df))


def t_cdf_above_zero(x, df, steps=2000):
    h = x / steps
    s = t_density(0, df) + t_density(x, df)
    for i in range(1, steps):
        s += (4 if i % 2 else 2) * t_density(i * h, df)
    return 0.5 + s * h / 3


def t_quantile_975(df):
    lo, hi = 0.0, 20.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if t_cdf_above_zero(mid, df) < 0.975:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def main(truth_path, ceo_path):
    truth = list(csv.DictReader(open(truth_path, newline="", encoding="utf-8")))
    rows = {(r["dimension"], r["group"], r["question"]): r
            for r in csv.DictReader(open(ceo_path, newline="", encoding="utf-8"))}
    bad, checked, tq = [], 0, {}

    def same(what, got, want, tol=1e-6):
        nonlocal checked
        checked += 1
        if got == "" or abs(float(got) - want) > tol:
            bad.append(f"{what}: ceo {got!r}, hand {want!r}")

    pops = {}
    for item in LIKERT + ["clientondersteuner"]:
        pops[item] = published(truth, lambda t, i=item: t[i] != "",
                               lambda t, i=item: t[i] not in ("", "weet_niet"))
    for item in MARKS:
        pops[item] = published(truth, lambda t, i=item: t[i] != "", lambda t, i=item: t[i] != "")
    for dim in ("gemeente", "aanbieder"):
        groups = sorted({group(t, dim) for t in truth})
        for g in groups:
            for item in LIKERT + ["clientondersteuner"]:
                keep, out = pops[item]
                members = [t for t in keep if group(t, dim) == g]
                r = rows.get((dim, g, item))
                if r is None:
                    bad.append(f"no row {dim} {g} {item}")
                    continue
                valid = [t[item] for t in members if t[item] not in ("", "weet_niet")]
                n = len(valid)
                pos = ("ja",) if item == "clientondersteuner" else ("helemaal_mee_eens", "mee_eens")
                x = sum(v in pos for v in valid)
                if (r["suppressed"] == "1") != (g in out[dim]):
                    bad.append(f"{dim} {g} {item}: suppressed {r['suppressed']}, hand rule "
                               f"{'hides' if g in out[dim] else 'shows'} it (n={n})")
                if r["suppressed"] == "1":
                    if r["suppression"] != "primary" or r["indicative"] != "0" or r["n"] != "":
                        bad.append(f"{dim} {g} {item}: hidden row says more than why")
                    continue
                same(f"{dim} {g} {item} n", r["n"], n, 0)
                if n == 0:
                    continue
                lo, hi = wilson(x, n)
                same(f"{dim} {g} {item} pct_positive", r["pct_positive"], 100 * x / n)
                same(f"{dim} {g} {item} ci_low", r["ci_low"], lo)
                same(f"{dim} {g} {item} ci_high", r["ci_high"], hi)
            for item in MARKS:
                keep, out = pops[item]
                r = rows.get((dim, g, item))
                ys = [float(t[item]) for t in keep if group(t, dim) == g and t[item] != ""]
                if r is None or r["suppressed"] == "1" or not ys:
                    continue
                n = len(ys)
                m = sum(ys) / n
                same(f"{dim} {g} {item} n", r["n"], n, 0)
                same(f"{dim} {g} {item} mean", r["mean"], m)
                if n >= 2:
                    sd = math.sqrt(sum((y - m) ** 2 for y in ys) / (n - 1))
                    if n - 1 not in tq:
                        tq[n - 1] = t_quantile_975(n - 1)
                    half = tq[n - 1] * sd / math.sqrt(n)  # cut to the scale 1-10
                    same(f"{dim} {g} {item} ci_low", r["ci_low"], max(1.0, m - half), 1e-5)
                    same(f"{dim} {g} {item} ci_high", r["ci_high"], min(10.0, m + half), 1e-5)
    if bad:
        print(f"FAIL hand computation: {len(bad)} differences; first: " + "; ".join(bad[:4]))
    elif checked < 500:
        print(f"FAIL hand computation compared only {checked} figures")
    else:
        print(f"ok hand computation: {checked} figures of every gemeente and provider agree")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
