#!/usr/bin/env python3
"""Figures of the provider reports and the contract overview against `ceo stats` rows.

usage: provider_check.py place STATS.csv LOG.tsv PROVIDER MIN_N
         the place table of PROVIDER's report (its layout log): value and "Ne van M" of the
         HV theme, the HV mark and the NPS as computed here from the aanbieder rows
       provider_check.py voorziening STATS.csv LOG.tsv PROVIDER MIN_N
         the tables per voorziening: value, n and place from the voorziening+aanbieder rows
       provider_check.py contract STATS.csv LOG.tsv MIN_N
         every provider row of the contract overview: n, themes and mark with its interval
         from the voorziening+aanbieder rows, the last row from the voorziening row; no
         provider with fewer than MIN_N answers named
The layout log has a line per string placed: page, x, y, w, h, box x, y, w, h, text. A table
row is the strings sharing page and box y; a cell the strings sharing its box.
STATS.csv: ceo stats --digits 6 with the report's dimensions. Prints ok/FAIL lines.
"""
import csv
import sys
from collections import defaultdict
from decimal import Decimal, ROUND_HALF_UP

mode, stats, log = sys.argv[1:4]
rows = {}
for r in csv.DictReader(open(stats, encoding="utf-8")):
    rows[(r["dimension"], r["group"], r["question"], r["theme"])] = r


def table_rows(path):
    cells = defaultdict(lambda: defaultdict(list))
    order = []
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 10:
            continue
        key = (int(f[0]), round(float(f[6]), 1))
        if key not in cells:
            order.append(key)
        cells[key][float(f[5])].append(f[9])
    return [[" ".join(cells[k][x]) for x in sorted(cells[k])] for k in order]


def nl(v, unit=""):
    q = Decimal(v).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{q}".replace(".", ",").replace("-", "-") + unit


def value(r, kind):
    if kind == "pct":
        return float(r["pct_positive"])
    if kind == "mean":
        return float(r["mean"])
    return float(r["pct_positive"]) - float(r["pct_negative"])


def shown(r, min_n):
    return r is not None and r["suppressed"] == "0" and r["n"] and int(r["n"]) >= min_n


def place(dim, groups, self, q, theme, kind, min_n):
    def rounded(g):
        r = rows.get((dim, g, q, theme))
        if not shown(r, min_n):
            return None
        return Decimal(repr(value(r, kind))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    own = rounded(self)
    if own is None:
        return "\u2013"
    vals = [(g, rounded(g)) for g in groups]
    vals = [(g, v) for g, v in vals if v is not None]
    above = sum(v > own for _, v in vals)
    same = sum(v == own and g != self for g, v in vals)
    return f"{'gedeeld ' if same else ''}{above + 1}e van {len(vals)}"


def groups_of(dim, prefix=""):
    return sorted({g for (d, g, _, _) in rows if d == dim and g.startswith(prefix)
                   and not g.endswith("(onbekend)")})


bad, checked = [], 0
if mode == "place":
    prov, min_n = sys.argv[4], int(sys.argv[5])
    measures = [("% positief huishoudelijke hulp", "", "hv", "pct"),
                ("Rapportcijfer", "hv_cijfer", "hv", "mean"),
                ("Aanbevelingsscore (NPS)", "hv_aanbevelen", "hv", "nps")]
    table = table_rows(log)
    provs = groups_of("aanbieder")
    for label, q, theme, kind in measures:
        # empty cells are not placed: [label, value, (interval,) n, region, (Verschil,) place]
        row = next((t for t in table if t[0] == label and len(t) in (5, 6, 7)), None)
        r = rows.get(("aanbieder", prov, q, theme))
        reg = rows[("totaal", "totaal", q, theme)]
        unit = "%" if kind == "pct" else ""
        ver = "niet getoetst"  # a theme score has no test; a mark and the NPS's score have
        if kind != "pct":
            sig = r["q_vs_rest"] != "" and float(r["q_vs_rest"]) < 0.05
            ver = ("hoger" if float(r["mean"]) > float(reg["mean"]) else "lager") if sig else ""
        want = [nl(value(r, kind), unit), r["n"], nl(value(reg, kind), unit), ver,
                place("aanbieder", provs, prov, q, theme, kind, min_n)]
        checked += 1
        got = None
        if row is not None:
            has_ver = row[-2] in ("hoger", "lager", "niet getoetst")
            rest = row[:-2] if has_ver else row[:-1]
            got = [rest[1], rest[-2], rest[-1], row[-2] if has_ver else "", row[-1]]
        if got != want:
            bad.append(f"{label}: report {row}, stats {want}")
elif mode == "voorziening":
    prov, min_n = sys.argv[4], int(sys.argv[5])
    measures = {"Kwaliteit, % positief": ("", "kwaliteit", "pct"),
                "Effect, % positief": ("", "effect", "pct"),
                "Rapportcijfer ondersteuning": ("cijfer", "", "mean")}
    vs = {g for (d, g, _, _) in rows if d == "voorziening"}
    current, seen = None, set()
    for t in table_rows(log):
        if len(t) == 1 and t[0] in vs:
            current = t[0]
        elif t[0] in measures and len(t) in (5, 6) and current:
            q, theme, kind = measures[t[0]]
            g = f"{current} + {prov}"
            r = rows.get(("voorziening+aanbieder", g, q, theme))
            unit = "%" if kind == "pct" else ""
            want = [nl(value(r, kind), unit), r["n"],
                    nl(value(rows[("voorziening", current, q, theme)], kind), unit),
                    place("voorziening+aanbieder", groups_of("voorziening+aanbieder", current + " + "),
                          g, q, theme, kind, min_n)]
            checked += 1
            seen.add(current)
            if [t[1], t[-3], t[-2], t[-1]] != want:
                bad.append(f"{current} {t[0]}: report {t}, stats {want}")
    want_vs = {g.split(" + ")[0] for g in groups_of("voorziening+aanbieder")
               if g.endswith(" + " + prov) and shown(rows.get(("voorziening+aanbieder", g, "", "kwaliteit")), min_n)}
    if seen != want_vs:
        bad.append(f"voorzieningen shown {sorted(seen)}, stats give {sorted(want_vs)}")
elif mode == "contract":
    min_n = int(sys.argv[4])
    vs = {g for (d, g, _, _) in rows if d == "voorziening"}
    current, seen = None, set()
    table = table_rows(log)
    hv = False
    for t in table:
        if len(t) == 1 and t[0] in vs:
            current, hv = t[0], False
        elif len(t) == 1 and t[0] == "Vragen over de aanbieder van huishoudelijke hulp":
            hv = True  # the HV questions of the voorziening follow
        elif len(t) == 5 and current and t[0] != "Aanbieder":
            whole = t[0] == "Voorziening als geheel"
            dim, g = ("voorziening", current) if whole else ("voorziening+aanbieder", f"{current} + {t[0]}")
            if hv:
                k, m, s_ = (rows.get((dim, g, q, "hv")) for q in ("", "hv_cijfer", "hv_aanbevelen"))
                pp, pd = float(s_["pct_positive"]) / 100, float(s_["pct_negative"]) / 100
                nps, n = 100 * (pp - pd), float(s_["n_effective"] or s_["n"])
                se = 100 * ((pp + pd - (pp - pd) ** 2) / n) ** 0.5
                lo, hi = max(-100, nps - 1.959963984540054 * se), min(100, nps + 1.959963984540054 * se)
                sep = " tot " if lo < 0 or hi < 0 else "\u2013"
                want = [k["n"], nl(k["pct_positive"], "%"),
                        f"{nl(m['mean'])} ({nl(m['ci_low'])}\u2013{nl(m['ci_high'])})",
                        f"{nl(repr(nps))} ({nl(repr(lo))}{sep}{nl(repr(hi))})"]
            else:
                k = rows.get((dim, g, "", "kwaliteit"))
                e, m = rows.get((dim, g, "", "effect")), rows.get((dim, g, "cijfer", ""))
                want = [k["n"], nl(k["pct_positive"], "%"), nl(e["pct_positive"], "%"),
                        f"{nl(m['mean'])} ({nl(m['ci_low'])}\u2013{nl(m['ci_high'])})"]
            checked += 1
            seen.add(g)
            if t[1:] != want or not shown(k, min_n):
                bad.append(f"{g}{' (HV)' if hv else ''}: report {t[1:]}, stats {want}")
    for g in groups_of("voorziening+aanbieder"):
        r = rows.get(("voorziening+aanbieder", g, "", "kwaliteit"))
        if shown(r, min_n) and g not in seen:
            bad.append(f"{g}: in the stats rows, not in the overview")
        name = g.split(" + ", 1)[1]
        if r is not None and not shown(r, min_n) and any(name in c for t in table for c in t):
            bad.append(f"{g}: fewer than {min_n} answers or suppressed, yet named")
what = f"{mode} {' '.join(sys.argv[4:-1])}: {checked} rows against ceo stats"
if bad or not checked:
    print(f"FAIL {what}: {bad[:4]}")
else:
    print(f"ok {what}")
