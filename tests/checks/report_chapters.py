#!/usr/bin/env python3
"""The standard chapters of the reports (issue 22 point 2) against `ceo stats`: in the text of
a gemeente or regional report (pdftotext -layout), the respondent profile, the results per
voorziening and (optionally) the summary's theme figures must be the rows of a `ceo stats`
output run with the same thresholds; a hidden row must print "*" and no figure.

usage: report_chapters.py KIND GROUP REPORT.txt STATS.csv CODEBOOK_DIR [--summary] [--counts UNWEIGHTED.csv]
  KIND gemeente or regio; GROUP the gemeente (ignored for regio). The profile's counts are
  unweighted: for a weighted STATS.csv, --counts names the unweighted output they come from
  (n x % of its row). Prints ok/FAIL lines.
Used only by the test suite."""
import csv
import re
import sys

kind, group, txt_path, stats_path, cb = sys.argv[1:6]
check_summary = "--summary" in sys.argv[6:]
lines = open(txt_path, encoding="utf-8").read().split("\n")
rows = list(csv.DictReader(open(stats_path, encoding="utf-8")))
counts_path = sys.argv[sys.argv.index("--counts") + 1] if "--counts" in sys.argv else stats_path
counts = {(r["dimension"], r["group"], r["question"]): round(float(r["n"]) * float(r["pct_positive"]) / 100)
          for r in csv.DictReader(open(counts_path, encoding="utf-8"))
          if r["suppressed"] != "1" and r["n"] not in ("", "0") and r["pct_positive"] != ""}
region = next(r["group"] for r in rows if r["dimension"] == "totaal")
fails = []
checked = {"profile": 0, "voorziening": 0, "hidden": 0, "summary": 0}


def row(dim, grp, question, theme=""):
    for r in rows:
        if r["dimension"] == dim and r["group"] == grp and r["question"] == question and r["theme"] == theme:
            return r
    return None


def nl(v, digits=1, unit=""):
    s = f"{float(v):.{digits}f}"
    if s.startswith("-") and set(s[1:]) <= set("0."):
        s = s[1:]
    return s.replace(".", ",") + unit


def count(n):
    n = int(n)
    s = f"{n:,}".replace(",", ".")
    return s


def pct(r):
    if r is None:
        return "\u2013"
    if r["suppressed"] == "1":
        return "*"
    return ind(r, nl(r["pct_positive"], 1, "%"))


def ind(r, s):
    """A figure as the reports print it: followed by the indicative mark when the row is."""
    return s + " (i)" if r.get("indicative") == "1" else s


def chapter(title, until):
    """The lines of a chapter: from its heading to the next of the headings in until."""
    try:
        start = next(i for i, l in enumerate(lines) if l.strip() == title)
    except StopIteration:
        fails.append(f"no chapter '{title}'")
        return []
    end = len(lines)
    for i in range(start + 1, len(lines)):
        if lines[i].strip() in until:
            end = i
            break
    return lines[start:end]


NUM = r"(\*|\u2013|-?[\d.]+(?:,\d+)?%?|[\d,]+\u2013[\d,]+)"


def figures_after(line, label):
    """The figures following label on a table line (cells are split by 2+ spaces)."""
    rest = line.strip()[len(label):].strip() if line.strip().startswith(label) else None
    if rest is None:
        return None
    return [c for c in re.split(r"\s{2,}", rest) if c]


# ---- the profile: codebook background items, scale labels in order ----
items = list(csv.DictReader(open(f"{cb}/items.csv", encoding="utf-8")))
scales = list(csv.DictReader(open(f"{cb}/schalen.csv", encoding="utf-8")))
prof = chapter("Wie hebben de vragenlijst ingevuld?", {"Representativiteit"})
pos = 0
for it in items:
    if it["sectie"] != "achtergrond" or it["type"] != "enkel":
        continue
    for c in scales:
        if c["schaal"] != it["schaal"] or c["richting"] == "ongeldig":
            continue
        q = f"{it['id']}:{c['categorie']}"
        reg = row("totaal", region, q)
        own = reg if kind == "regio" else row("gemeente", group, q)
        if own is None and reg is None:
            continue
        want = []
        for r in ([own] if kind == "regio" else [own, reg]):
            if r is None or (r["suppressed"] != "1" and r["n"] in ("", "0")):
                want += ["\u2013", "\u2013"] if r is own else ["\u2013"]
            elif r["suppressed"] == "1":
                want += ["*", "*"] if r is own else ["*"]
            else:
                k = counts[(r["dimension"], r["group"], q)]
                want += [count(k), nl(r["pct_positive"], 1, "%")] if r is own else [nl(r["pct_positive"], 1, "%")]
        found = None
        for i in range(pos, len(prof)):
            s = prof[i].strip()
            if s.startswith(it["label"] + " "):
                s = s[len(it["label"]):].strip()
            cells = [x for x in re.split(r"\s{2,}", s) if x]
            if len(cells) >= len(want) + 1 and (cells[0] == c["label"] or
                                                (len(cells[0]) >= 10 and c["label"].startswith(cells[0]))):
                found = cells[1:1 + len(want)]
                pos = i + 1
                break
        if found is None:
            fails.append(f"profile: no line for {q} ({c['label']})")
        elif found != want:
            fails.append(f"profile {q}: report {found}, ceo stats {want}")
        else:
            checked["profile"] += 1
            checked["hidden"] += "*" in want

# ---- results per voorziening ----
vz = chapter("Uitkomsten per voorziening", {"Rapportcijfer per voorziening", "Rapportcijfer per gemeente",
                                            "Huishoudelijke hulp", "Ontwikkeling door het jaar",
                                            "Aanbieders van huishoudelijke hulp"})
themes = [t for t in ("toegang", "kwaliteit", "effect")
          if row("totaal", region, "", t) is not None]
vgroups = sorted({r["group"] for r in rows if r["dimension"] == "voorziening" and r["group"] != "(onbekend)"})
dim = "voorziening" if kind == "regio" else "gemeente+voorziening"
for v in vgroups:
    g = v if kind == "regio" else f"{group} + {v}"
    first = row(dim, g, "", themes[0])
    if first is None or (first["suppressed"] != "1" and first["n"] in ("", "0")):
        if any(l.strip().startswith(v + "  ") for l in vz):
            fails.append(f"voorziening {v}: a line although the group has no answers")
        continue
    want = ["*" if first["suppressed"] == "1" else count(first["n"])]
    want += [pct(row(dim, g, "", t)) for t in themes]
    m = row(dim, g, "cijfer")
    if m is not None:
        if m["suppressed"] == "1":
            want += ["*"]
        else:
            want += [ind(m, nl(m["mean"])), nl(m["ci_low"]) + "\u2013" + nl(m["ci_high"])]
    line = next((l for l in vz if l.strip().startswith(v + "  ")), None)
    got = figures_after(line, v) if line else None
    if got is None and want[0] == "*" and not any(l.strip().startswith("Voorziening ") for l in vz):
        checked["hidden"] += 1  # every voorziening hidden: no table at all, a line instead
        continue
    if got is None:
        fails.append(f"voorziening {v}: no line in the chapter")
    elif got != want:
        fails.append(f"voorziening {v}: report {got}, ceo stats {want}")
    else:
        checked["voorziening"] += 1
        checked["hidden"] += "*" in want

# ---- the summary's theme figures (weighted runs) ----
if check_summary:
    summ = chapter("Samenvatting", {"Verantwoording"})
    names = {"toegang": "Toegang", "kwaliteit": "Kwaliteit", "effect": "Effect",
             "hv": "Huishoudelijke hulp"}
    for t in themes:
        line = next((l for l in summ if l.strip().startswith(names[t] + "  ")), None)
        own = row("totaal", region, "", t) if kind == "regio" else row("gemeente", group, "", t)
        want = [pct(own)]
        if kind == "gemeente":
            want.append(pct(row("totaal", region, "", t)))
        got = figures_after(line, names[t]) if line else None
        if got is None or got[:len(want)] != want:
            fails.append(f"summary {t}: report {got}, ceo stats {want}")
        else:
            checked["summary"] += 1

label = f"{kind} {group if kind == 'gemeente' else region}"
if fails:
    print(f"FAIL {label}: {len(fails)} differences, e.g. {fails[:3]}")
elif not checked["profile"] or not (checked["voorziening"] or checked["hidden"]) or (check_summary and not checked["summary"]):
    print(f"FAIL {label}: nothing compared ({checked})")
else:
    extra = f", {checked['summary']} summary figures" if check_summary else ""
    print(f"ok {label}: {checked['profile']} profile lines and {checked['voorziening']} voorzieningen{extra} "
          f"equal ceo stats ({checked['hidden']} hidden rows print '*')")
