#!/usr/bin/env python3
"""dashboard_check.py - checks of the dashboard that `ceo dashboard` writes, against the rows of
`ceo stats` (CSV, --digits 10) for the same dimensions (tests/checks/dashboard.sh).

  dashboard_check.py agree HTML VIEW=STATS.csv...
      every entry of the embedded data equals its ceo stats row (n exactly, each figure within
      0.05: the row's figure rounded to one decimal), is 0 exactly where the row is hidden, and
      every row of ceo stats for a group and question the page shows is in the data. VIEW is
      'alles', 'r12' (whole-selection runs) or 'perioden' (a run by periode: its periods).
  dashboard_check.py leaks HTML VIEW=STATS.csv=TRUTH.csv...
      for every row ceo stats hides: its entry is 0 (nothing else), so neither its n nor its
      figure (as TRUTH, the same run with --min-n 1, gives them) is in the data for that group
      and question; no provider hidden in the HV table has a row there.
  dashboard_check.py dom DOM.json VIEW=STATS.csv...
      the figures the page showed (read from its tables by cdp.py eval) equal the rows.
Prints one line per finding and a summary; exit 1 when anything differs."""
import csv
import html
import json
import math
import re
import sys

Z = 1.959963984540054


def data(path):
    s = open(path, encoding="utf-8").read()
    m = re.search(r'<script type="application/json" id="ceo-data">(.*?)</script>', s, re.S)
    if not m:
        sys.exit("%s: no embedded data" % path)
    return json.loads(m.group(1))


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return {(r["dimension"], r["group"], r["question"], r["theme"]): r
                for r in csv.DictReader(f)}


def fnum(s):
    return float(s) if s not in ("", None) else None


def figures(r, kind):
    """(n, figure, low, high, indicative) of a shown ceo stats row as the page shows them."""
    n = int(r["n"])
    if kind == "c":
        v = fnum(r["mean"])
    else:
        v = fnum(r["pct_positive"])
    lo, hi = fnum(r["ci_low"]), fnum(r["ci_high"])
    if kind == "s":  # NPS: % 9-10 minus % 0-6, its interval as the report and the HV table
        pp, pd = fnum(r["pct_positive"]) / 100, fnum(r["pct_negative"]) / 100
        ne = fnum(r["n_effective"]) or n
        se = 100 * math.sqrt((pp + pd - (pp - pd) ** 2) / ne)
        v = 100 * (pp - pd)
        lo, hi = max(-100, v - Z * se), min(100, v + Z * se)
    if kind == "t":
        lo = hi = None
    return n, v, lo, hi, r["indicative"] == "1"


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.05 + 1e-9


def keys(D):
    """(question, theme, kind) per position of a group's entries."""
    return [(q[0], q[1], q[2]) for q in D["vragen"]] + [("", t[0], "t") for t in D["themas"]]


def groups(D, view, period=None):
    """(dimension, group, entries) of one selection of the data, as ceo stats names them."""
    C = D["cijfers"].get(period or view, {})
    if period:
        yield "periode", period, C.get("totaal")
        for dim in ("gemeente", "voorziening", "aanbieder"):
            for g, e in C.get(dim, {}).items():
                yield dim + "+periode", g + " + " + period, e
        return
    yield "totaal", None, C.get("totaal")
    for dim in ("gemeente", "voorziening", "aanbieder"):
        for g, e in C.get(dim, {}).items():
            yield dim, g, e
    for g, per in C.get("gemeente+aanbieder", {}).items():
        for a, e in per.items():
            yield "gemeente+aanbieder", g + " + " + a, e


def find(R, dim, group, q, theme):
    if group is None:
        for k, r in R.items():
            if k[0] == dim and k[2] == q and k[3] == theme:
                return r
        return None
    return R.get((dim, group, q, theme))


WHOLE = ("totaal", "gemeente", "voorziening", "aanbieder", "gemeente+aanbieder")


def belongs(dim, g, period):
    """Whether a ceo stats row is one of the selection's: the whole run's or one period's."""
    if period is None:
        return dim in WHOLE
    return (dim == "periode" and g == period) or (dim.endswith("+periode") and
                                                   g.endswith(" + " + period))


def views(D, spec):
    """(view, period or None, rows) per VIEW=STATS argument."""
    for arg in spec:
        view, path = arg.split("=", 1)[:2]
        R = rows(path.split("=")[0])
        if view == "perioden":
            ps = sorted({k[1] for k in R if k[0] == "periode" and k[1] != "(onbekend)"})
            for p in ps:
                yield view, p, R, arg
        else:
            yield view, None, R, arg


def agree(html_path, spec):
    D = data(html_path)
    K = keys(D)
    bad, checked, hidden, missing = [], 0, 0, 0
    for view, period, R, _ in views(D, spec):
        if period is None and view not in D["cijfers"]:
            bad.append("view %s is not in the data" % view)
            continue
        seen = set()
        for dim, g, entries in groups(D, view, period):
            if entries is None:
                continue
            if len(entries) != len(K):
                bad.append("%s %s %s: %d entries, %d questions" % (view, dim, g, len(entries), len(K)))
                continue
            for (q, th, kind), e in zip(K, entries):
                r = find(R, dim, g, q, th)
                where = "%s %s %s %s%s" % (period or view, dim, g, q or "theme ", th if not q else "")
                if r is None:
                    if e is not None:
                        bad.append("%s: in the page but no such ceo stats row" % where)
                    continue
                seen.add((dim, r["group"], q, th))
                if r["suppressed"] == "1":
                    hidden += 1
                    if e != 0:
                        bad.append("%s: hidden by ceo stats, in the page %r" % (where, e))
                    continue
                if r["n"] in ("", "0"):
                    if e is not None:
                        bad.append("%s: no figure in ceo stats, in the page %r" % (where, e))
                    continue
                checked += 1
                n, v, lo, hi, ind = figures(r, kind)
                if not isinstance(e, list):
                    bad.append("%s: ceo stats n=%d %.4f, in the page %r" % (where, n, v, e))
                    continue
                got = e + [None] * (5 - len(e))
                ok = got[0] == n and close(got[1], v) and (kind == "t" or (close(got[2], lo) and
                                                                       close(got[3], hi)))
                ok = ok and (got[4] == 1) == ind
                if not ok:
                    bad.append("%s: ceo stats %r, in the page %r" % (where, (n, v, lo, hi, ind), e))
        # every row of ceo stats for the groups and questions the page shows is in it
        shown_q = {(q, th) for q, th, _ in K}
        for k, r in R.items():
            dim, g, q, th = k
            if (q, th) not in shown_q or "(onbekend)" in g:
                continue
            if not belongs(dim, g, period):
                continue
            if k not in seen:
                missing += 1
                bad.append("%s %s %s %s: a ceo stats row the page lacks" % (period or view, dim, g,
                                                                            q or th))
    for b in bad[:20]:
        print("differs: " + b)
    print("agree: %d figures equal, %d hidden rows hidden, %d rows missing, %d differences" % (
        checked, hidden, missing, len(bad)))
    return 1 if bad or not checked or not hidden else 0


def leaks(html_path, spec):
    D = data(html_path)
    K = keys(D)
    bad, hidden = [], 0
    for arg in spec:
        view, stats_path, truth_path = arg.split("=")
        R, TR = rows(stats_path), rows(truth_path)
        periods = ([None] if view != "perioden" else
                   sorted({k[1] for k in R if k[0] == "periode" and k[1] != "(onbekend)"}))
        for period in periods:
            for dim, g, entries in groups(D, view, period):
                if entries is None:
                    continue
                for pos, ((q, th, kind), e) in enumerate(zip(K, entries)):
                    r = find(R, dim, g, q, th)
                    if r is None or r["suppressed"] != "1":
                        continue
                    hidden += 1
                    where = "%s %s %s %s" % (period or view, dim, r["group"], q or th)
                    if e != 0:
                        bad.append("%s: hidden by ceo stats, in the data %r" % (where, e))
                    t = TR.get((dim, r["group"], q, th))
                    if not t or t["n"] in ("", "0"):
                        continue
                    tn, tv = figures(t, kind)[:2]
                    # said in so many words: neither its n nor its figure is in its entry
                    if isinstance(e, list) and (tn in e[:1] or any(close(x, tv) for x in e[1:2])):
                        bad.append("%s: its n %d or figure %.1f is in the data %r" % (
                            where, tn, tv, e))
    # the HV table: no row for a provider all of whose HV figures are hidden
    for view in ("alles", "r12"):
        H = D["hv"].get(view)
        if not H:
            continue
        parts = [(None, H["totaal"])] + list(H["gemeente"].items())
        for g, part in parts:
            for r in part["r"]:
                if all(x is None for x in (r[2], r[3], r[6])):
                    bad.append("hv %s %s %s: a hidden provider has a row" % (view, g, r[0]))
    for b in bad[:20]:
        print("leak: " + b)
    print("leaks: %d hidden rows checked, %d leaks" % (hidden, len(bad)))
    return 1 if bad or not hidden else 0


def dutch(s):
    """'1.392' -> 1392, '69,3%' -> 69.3, '-4,0' -> -4.0; None for a dash or a hidden cell."""
    s = s.replace("\u2212", "-").strip()
    m = re.match(r"^(-?[\d.]+(?:,\d+)?)", s)
    if not m:
        return None
    t = m.group(1)
    return float(t.replace(".", "").replace(",", ".")) if "," in t else int(t.replace(".", ""))


def interval(s):
    nums = re.findall(r"-?\d+,\d", s.replace("\u2212", "-"))
    return tuple(float(x.replace(",", ".")) for x in nums) if len(nums) == 2 else (None, None)


def dom(dom_path, spec):
    D = None
    shots = json.load(open(dom_path, encoding="utf-8"))
    R = {}
    for arg in spec:
        view, path = arg.split("=")
        R[view] = rows(path)
    bad, checked, hidden = [], 0, 0
    for shot in shots:
        p, g = shot["p"], shot["g"]
        if p == "alles":
            Rv, dim, group = R["alles"], "gemeente", g
        else:
            Rv, dim, group = R["perioden"], "gemeente+periode", g + " + " + p
        kinds = shot["kinds"]
        if not (shot["themas"] and shot["stellingen"] and shot["cijfers"]):
            bad.append("%s %s: the page shows no table of figures" % (p, g))
        if g not in shot["status"]:
            bad.append("%s %s: the page says %r" % (p, g, shot["status"]))
        for part in ("themas", "stellingen", "cijfers"):
            for c in shot[part]:
                q = c["q"]
                kind = kinds[q] if part != "themas" else "t"
                qid, th = ("", q) if part == "themas" else (q, kinds["@" + q])
                r = Rv.get((dim, group, qid, th))
                where = "%s %s %s" % (p, g, q)
                if r is None:
                    if dutch(c.get("v", "")) is not None:
                        bad.append("%s: shown, no ceo stats row" % where)
                    continue
                if r["suppressed"] == "1":
                    hidden += 1
                    if c.get("v") != shot["hidden"] or re.search(r"\d", c.get("n", "") + c.get("ci", "")):
                        bad.append("%s: hidden in ceo stats, the page shows %r" % (where, c))
                    continue
                if r["n"] in ("", "0"):
                    continue
                checked += 1
                n, v, lo, hi, ind = figures(r, kind)
                got_lo, got_hi = interval(c.get("ci", "")) if kind != "t" else (None, None)
                ok = dutch(c["n"]) == n and close(dutch(c["v"]), v)
                if kind != "t":
                    ok = ok and close(got_lo, lo) and close(got_hi, hi)
                ok = ok and (shot["indicative"] in c["v"]) == ind
                if not ok:
                    bad.append("%s: ceo stats %r, the page %r" % (where, (n, v, lo, hi, ind), c))
    for b in bad[:20]:
        print("differs: " + b)
    print("dom: %d selections, %d figures equal, %d hidden shown as hidden, %d differences" % (
        len(shots), checked, hidden, len(bad)))
    return 1 if bad or not checked else 0


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] not in ("agree", "leaks", "dom"):
        sys.exit(__doc__)
    sys.exit({"agree": agree, "leaks": leaks, "dom": dom}[sys.argv[1]](sys.argv[2], sys.argv[3:]))
