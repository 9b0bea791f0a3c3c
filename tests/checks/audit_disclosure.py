#!/usr/bin/env python3
"""The disclosure audit of docs/METHODS.md ("Disclosure control"): from a `ceo stats` output alone (what
one run publishes together), how closely can each hidden count be worked out?

Per question (and theme) every hidden row is an unknown count x >= 0, every shown count a
constant, and every sum the output implies an equation: a one-part dimension's groups add up
to the region row, a crossing's cells add up to the one-part rows of its two parts. GLPK's
glpsol minimises and maximises each hidden count of a group below min_n subject to all of
them; a count whose max - min is below the protection width (3) is determined to within
fewer than three respondents, and the audit fails. These are transportation-type systems
(totally unimodular), so the LP bounds are also the bounds over whole numbers.

Which sums hold is read from the output: a region row with base "published groups" is over
the groups shown, and a hidden row with base "left out" (a group below min_n in a dimension of
the publication, or a crossing's cell of one) is in no figure of the run; without that column (ceo before the disclosure model) every
group is in every sum, as it was. The hand computation (hand_stats.py) checks independently
that the shown figures are over the published population.

Used only by the test suite.
usage: audit_disclosure.py [--expect-leak] [--categories] [--quiet] CEO_STATS.csv...
  prints one "ok"/"FAIL" line per file and a summary; --expect-leak inverts the verdict (the
  audit must find a determined count in a file made by a leaking rule); --categories audits
  each answer category of the distributions as a table of its own (the residual risk of
  docs/METHODS.md ("Disclosure control")): it fails when a category count above 0 of a hidden group is
  determined exactly; counts bounded to within 3 are measured, not required to be none."""
import csv
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict

WIDTH = 3  # the protection width: a hidden count must range over at least this much


def load(path):
    return list(csv.DictReader(open(path, newline="", encoding="utf-8")))


def families(rows):
    """Rows grouped per (question, theme)."""
    fam = defaultdict(list)
    for r in rows:
        fam[(r["question"], r["theme"])].append(r)
    return fam


def hidden(r):
    return r["suppressed"] == "1"


def build(fam, new_model):
    """The equations of one question: a list of (terms, constant) where terms maps a
    variable name to its coefficient 1, and the variables of the protected hidden counts."""
    total = next((r for r in fam if r["dimension"] == "totaal"), None)
    published_only = new_model and total is not None and total.get("base") == "published groups"
    one = defaultdict(dict)  # dim -> group -> row
    cross = defaultdict(list)
    for r in fam:
        d = r["dimension"]
        if d == "totaal":
            continue
        if "+" in d:
            cross[d].append(r)
        else:
            one[d][r["group"]] = r

    def var(r):
        return f'{r["dimension"]}|{r["group"]}'

    def left_out(dim, grp):
        """A hidden group of a one-part dimension is in no sum when the region row says the
        figures are over the published groups."""
        r = one.get(dim, {}).get(grp)
        return published_only and r is not None and hidden(r)

    eqs, protect = [], []
    for d, groups in one.items():
        if total is None or hidden(total):
            continue
        terms, const = {}, int(total["n"] or 0)
        for g, r in groups.items():
            if hidden(r):
                if not published_only:
                    terms[var(r)] = 1
            else:
                const -= int(r["n"] or 0)
        if terms:
            eqs.append((terms, const))
    for d, cells in cross.items():
        a, b = d.split("+")
        margins = [defaultdict(list), defaultdict(list)]
        for r in cells:
            ga, gb = r["group"].split(" + ", 1)
            if left_out(a, ga) or left_out(b, gb) or r.get("base") == "left out":
                continue  # in no figure of the run
            margins[0][ga].append(r)
            margins[1][gb].append(r)
        for part, dim in ((0, a), (1, b)):
            for g, members in margins[part].items():
                m = one.get(dim, {}).get(g)
                if m is None:
                    continue  # the margin is not published
                terms, const = {}, 0
                if hidden(m):
                    terms[var(m)] = -1
                else:
                    const = int(m["n"] or 0)
                for r in members:
                    if hidden(r):
                        terms[var(r)] = terms.get(var(r), 0) + 1
                    else:
                        const -= int(r["n"] or 0)
                if terms:
                    eqs.append((terms, const))
    for r in fam:
        if not hidden(r) or r["dimension"] == "totaal":
            continue
        if new_model and r.get("suppression") != "primary":
            continue  # complementary: shown-able, hidden to protect another
        if "+" in r["dimension"]:
            a, b = r["dimension"].split("+")
            ga, gb = r["group"].split(" + ", 1)
            if left_out(a, ga) or left_out(b, gb) or r.get("base") == "left out":
                continue
        elif left_out(r["dimension"], r["group"]) or r.get("base") == "left out":
            continue
        protect.append(var(r))
    return eqs, protect


def lp_text(problems, sense):
    """One LP holding an independent copy of the equations per problem (target, equations,
    variables): the optimum of the sum of the targets is each target at its own optimum."""
    lines = ["Maximize" if sense == "max" else "Minimize"]
    obj = " + ".join(f"c{k}x{names.index(t)}" for k, (t, _, names) in enumerate(problems))
    lines.append(f" obj: {obj}")
    lines.append("Subject To")
    for k, (t, eqs, names) in enumerate(problems):
        for e, (terms, const) in enumerate(eqs):
            lhs = " ".join(f"{'+' if c > 0 else '-'} {abs(c)} c{k}x{names.index(v)}"
                           for v, c in terms.items())
            lines.append(f" e{k}_{e}: {lhs} = {const}")
    lines.append("End")  # every variable is >= 0 by default
    return "\n".join(lines) + "\n"


def solve(problems, sense, tmp):
    """Per problem the optimum of its target; None for each when the LP is unbounded, and
    'infeasible' when it has no solution."""
    lp, out = os.path.join(tmp, "a.lp"), os.path.join(tmp, "a.out")
    with open(lp, "w") as f:
        f.write(lp_text(problems, sense))
    p = subprocess.run(["glpsol", "--lp", lp, "-o", out], capture_output=True, text=True)
    log = p.stdout.lower()
    if "unbounded" in log:
        return [None] * len(problems)
    if "no primal feasible" in log or "infeasible" in log:
        return ["infeasible"] * len(problems)
    act = {}
    for line in open(out):
        m = re.match(r"\s*\d+\s+(c\d+x\d+)\s+\S+\s+([-0-9.e+]+)", line)
        if m:
            act[m.group(1)] = float(m.group(2))
    return [act.get(f"c{k}x{names.index(t)}", 0.0) for k, (t, _, names) in enumerate(problems)]


def bounds(problems, tmp):
    """(min, max) of each problem's target; max None when unbounded."""
    if not problems:
        return []
    lo, hi = solve(problems, "min", tmp), solve(problems, "max", tmp)
    if len(problems) > 1 and (None in hi or "infeasible" in lo or "infeasible" in hi):
        out = []  # one unbounded or broken problem spoils the sum: one at a time
        for p in problems:
            out += bounds([p], tmp)
        return out
    return list(zip(lo, hi))


def by_category(rows):
    """The rows once per answer category of the distributions: the count of the category as
    n, so that each category is audited as a table of its own (hidden rows stay hidden)."""
    cats = defaultdict(set)
    for r in rows:
        for part in (r.get("distribution") or "").split("|"):
            if ":" in part:
                cats[(r["question"], r["theme"])].add(part.rsplit(":", 1)[0])
    out = []
    for r in rows:
        counts = dict(p.rsplit(":", 1) for p in (r.get("distribution") or "").split("|") if ":" in p)
        for c in sorted(cats[(r["question"], r["theme"])]):
            x = dict(r)
            x["question"] = f'{r["question"]}#{c}'
            x["n"] = counts.get(c, "") if r["suppressed"] != "1" else ""
            out.append(x)
    return out


def audit(path, tmp, categories=False):
    rows = load(path)
    if categories:
        rows = by_category(rows)
    new_model = rows and "suppression" in rows[0]
    checked, determined, exact, examples, infeasible = 0, 0, 0, [], 0
    problems, labels = [], []
    for (q, th), fam in families(rows).items():
        eqs, protect = build(fam, new_model)
        for target in protect:
            checked += 1
            # the connected equations only: the others do not bound this count
            names, seen, stack = set(), set(), [target]
            while stack:
                v = stack.pop()
                if v in names:
                    continue
                names.add(v)
                for k, (terms, _) in enumerate(eqs):
                    if v in terms and k not in seen:
                        seen.add(k)
                        stack += list(terms)
            if not seen:
                continue  # in no equation: free
            problems.append((target, [eqs[k] for k in sorted(seen)], sorted(names)))
            labels.append(f"{target} {q or th}")
    for label, (lo, hi) in zip(labels, bounds(problems, tmp)):
        if lo == "infeasible" or hi == "infeasible":
            infeasible += 1
        elif hi is not None and hi - lo < WIDTH - 1e-9:
            determined += 1
            # by category: a count determined at 0 says nobody gave that answer; one above 0
            # tells exactly how many of the hidden clients gave it
            exact += hi - lo < 1e-9 and (not categories or lo > 0)
            if len(examples) < 3:
                examples.append(f"{label}: {lo:g}..{hi:g}")
    return checked, determined, exact, examples, infeasible


def main(argv):
    expect_leak = "--expect-leak" in argv
    categories = "--categories" in argv
    quiet = "--quiet" in argv
    files = [a for a in argv if not a.startswith("--")]
    total_checked = total_det = total_exact = 0
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            checked, det, exact, ex, inf = audit(path, tmp, categories)
            total_exact += exact
            total_checked += checked
            total_det += det
            if inf:
                print(f"FAIL {path}: {inf} hidden counts give an infeasible system (the audit's "
                      "model does not match the output)")
                bad += 1
            elif categories:
                verdict = "FAIL" if bool(exact) != expect_leak else "ok"
                print(f"{verdict} {path}: {exact} answer counts of hidden clients determined "
                      f"exactly and above 0 ({det} of {checked} category counts within {WIDTH})")
                bad += verdict == "FAIL"
            elif det and not expect_leak:
                print(f"FAIL {path}: {det} of {checked} hidden counts determined to within "
                      f"fewer than {WIDTH}, e.g. " + "; ".join(ex))
                bad += 1
            elif not det and expect_leak:
                print(f"FAIL {path}: the audit found no determined count in a leaking output")
                bad += 1
            elif not quiet:
                print(f"ok {path}: {det} of {checked} hidden counts determined ({exact} exactly)"
                      + ("; e.g. " + "; ".join(ex) if ex else ""))
    print(f"audit: {len(files)} outputs, {total_checked} hidden counts of small groups, "
          f"{total_det} determined to within fewer than {WIDTH} ({total_exact} exactly)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
