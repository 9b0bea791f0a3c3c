#!/usr/bin/env python3
"""Checks the PDF reports of one `ceo report` run against `ceo stats` and against themselves.

For every PDF in DIR: qpdf --check passes; pdffonts lists only embedded fonts; pdftotext holds
the report's gemeente or provider name; every word poppler finds lies on the page; the file is
under 250 KB. Against STATS.csv (`ceo stats --by gemeente,aanbieder` on the same export, with
the same min_n): each standard and HV item and the HV mark (gemeente reports; the HV ones where
the gemeente has an HV chapter), each HV item and mark (provider reports) and each standard
item of the region (region report) shows on the row of that question the row's n, its
% positive (of a mark: its mean) and its interval, Dutch formatted; a suppressed group's row
shows "*" and no figure; the region report's table of gemeenten shows each theme score, its
table of providers each provider's n, HV score, mean mark and NPS.
Against LOG.tsv (--layout-log): every string placed lies inside its box and on the page.

usage: report_check.py KIND DIR STATS.csv LOG.tsv
prints "ok ..." / "FAIL ..." lines.
"""
import csv
import glob
import os
import re
import subprocess
import sys

kind, folder, stats_path, log_path = sys.argv[1:5]
STANDARD = ["wist_waar", "snel_geholpen", "serieus_genomen", "samen_oplossingen",
            "clientondersteuner", "kwaliteit_goed", "past_bij_hulpvraag", "dingen_doen",
            "beter_redden", "kwaliteit_leven"]
HV = ["hv_vaste_hulp", "hv_op_tijd", "hv_vervanging", "hv_schoon", "hv_respect", "hv_afspraken",
      "hv_bereikbaar"]
failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL " + msg)


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def dutch(v):
    return f"{float(v):.1f}".replace(".", ",") + "%"


def num(v):
    return f"{float(v):.1f}".replace(".", ",")


def count(n):
    return f"{int(n):,}".replace(",", ".")


def interval(lo, hi):
    sep = " tot " if float(lo) < 0 or float(hi) < 0 else "\u2013"
    return num(lo) + sep + num(hi)


def row_cells(row, mark_item):
    """The cells of an items table row as the report prints them: n, the figure (% positive,
    or the mean of a mark), its interval (Wilson, or the t-interval of a mark)."""
    value = num(row["mean"]) if mark_item else dutch(row["pct_positive"])
    return [count(row["n"]), value, interval(row["ci_low"], row["ci_high"])]


def slug(name):
    table = str.maketrans("áàâäéèêëíïîóöôúüûçñÁÉÚÖ", "aaaaeeeeiiiooouuucnaeuo")
    s = re.sub(r"[^a-z0-9]+", "-", name.translate(table).lower()).strip("-")
    return s or "x"


questions, themes = {}, {}
for row in csv.DictReader(open("templates/ceo-wmo/items.csv", encoding="utf-8")):
    questions[row["id"]] = row["vraag"]
    themes[row["id"]] = row["thema"]
stats = {}
region = None
for row in csv.DictReader(open(stats_path, encoding="utf-8")):
    stats[(row["dimension"], row["group"], row["question"], row["theme"])] = row
    if row["dimension"] == "totaal":
        region = row["group"]

pdfs = sorted(glob.glob(os.path.join(folder, f"{kind}-*.pdf")))
if not pdfs:
    fail(f"{kind}: no reports in {folder}")
dim = {"gemeente": "gemeente", "aanbieder": "aanbieder"}.get(kind)
groups = sorted({g for (d, g, q, t) in stats if d == dim and g != "(onbekend)"}) if dim else []
if dim and len(pdfs) != len(groups):
    fail(f"{kind}: {len(pdfs)} reports for {len(groups)} groups")

checked_figures = 0
for pdf in pdfs:
    name = os.path.basename(pdf)
    r = run("qpdf", "--check", pdf)
    if r.returncode != 0:
        fail(f"{name}: qpdf --check: {r.stdout[-200:]} {r.stderr[-200:]}")
    fonts = run("pdffonts", pdf).stdout.splitlines()[2:]
    if not fonts or any(line.split()[-5] != "yes" for line in fonts):
        fail(f"{name}: fonts not all embedded: {fonts}")
    if os.path.getsize(pdf) >= 250 * 1024:
        fail(f"{name}: {os.path.getsize(pdf)} bytes, over 250 KB")
    # every word on the page (poppler's own boxes)
    bbox = run("pdftotext", "-bbox", pdf, "-").stdout
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">', bbox):
        pw, ph = float(m.group(1)), float(m.group(2))
    for m in re.finditer(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" '
                         r'yMax="([-\d.]+)">([^<]*)</word>', bbox):
        x0, y0, x1, y1 = map(float, m.groups()[:4])
        if x0 < 0 or y0 < 0 or x1 > pw + 0.5 or y1 > ph + 0.5:
            fail(f"{name}: word '{m.group(5)}' outside the page at {x0},{y0}-{x1},{y1}")
            break
    text = run("pdftotext", "-layout", pdf, "-").stdout
    lines = text.splitlines()
    group = None
    for g in groups:
        if f"{kind}-{slug(g)}.pdf" == name:
            group = g
    if dim and group is None:
        fail(f"{name}: no group of that name in the figures")
        continue
    if dim and group not in text:
        fail(f"{name}: the name {group} is not in the text")
    items = STANDARD + HV + ["hv_cijfer"] if kind == "gemeente" else \
        HV + ["hv_cijfer"] if kind == "aanbieder" else []
    for item in items:
        row = stats.get((dim, group, item, themes[item]))
        if row is None:
            continue
        start = questions[item][:28]
        at = [i for i, line in enumerate(lines) if start in line and re.search(r"\d", line)]
        if row["suppressed"] == "1":
            for i in at:
                cells = lines[i].split(start, 1)[1]
                if "*" not in cells:
                    fail(f"{name}: {item} is suppressed for {group} but its row shows "
                         f"'{cells.strip()}'")
            continue
        if not at and kind == "gemeente" and item in HV + ["hv_cijfer"]:
            continue  # no HV chapter in this gemeente
        want = row_cells(row, item.endswith("cijfer"))
        if not any(all(re.search(r"(?<![\d,])" + re.escape(w) + r"(?![\d,])", lines[i])
                       for w in want) for i in at):
            fail(f"{name}: {item}: {want} (ceo stats: n, figure, interval) not on its row "
                 f"{[lines[i].strip() for i in at][:2]}")
        else:
            checked_figures += len(want)
    if kind == "gemeente":
        rows = [stats.get(("gemeente", group, "", t)) for t in ("toegang", "kwaliteit", "effect")]
        if all(r is None or r["suppressed"] == "1" for r in rows):
            figures = [ln for ln in lines if re.search(r"\d,\d%", ln) and "Respons" not in ln]
            if figures:
                fail(f"{name}: a gemeente below min_n, yet the report prints {figures[:2]}")
            else:
                checked_figures += 1
    if kind == "aanbieder":
        hv = stats.get(("aanbieder", group, "", "hv"))
        if hv and hv["suppressed"] == "1" and re.search(r"\d,\d%", text):
            fail(f"{name}: a provider below min_n, yet the report prints percentages")
    if kind == "regio":
        # the theme scores per gemeente: the table of "Gemeenten naast elkaar" (the response
        # table before it has rows per gemeente too)
        at = next((i for i, ln in enumerate(lines) if ln.strip() == "Gemeenten naast elkaar"), 0)
        for (d, g, q, t), row in stats.items():
            if d != "gemeente" or q or t not in ("toegang", "kwaliteit", "effect"):
                continue
            line = next((ln for ln in lines[at:] if ln.strip().startswith(g[:20])
                         and ("%" in ln or "*" in ln)), None)
            if line is None:
                fail(f"{name}: no row for gemeente {g}")
            elif row["suppressed"] == "1":
                if re.search(r"\d,\d%", line):
                    fail(f"{name}: suppressed gemeente {g} shows a figure: {line.strip()}")
            elif dutch(row["pct_positive"]) not in line:
                fail(f"{name}: {g} {t}: {dutch(row['pct_positive'])} not in '{line.strip()}'")
            else:
                checked_figures += 1

    if kind == "regio":
        for item in STANDARD:  # the region report shows no HV statements
            row = stats.get(("totaal", region, item, themes[item]))
            if row is None:
                continue
            start = questions[item][:28]
            want = row_cells(row, item.endswith("cijfer"))
            at = [ln for ln in lines if start in ln and re.search(r"\d", ln)]
            if not any(all(w in ln for w in want) for ln in at):
                fail(f"{name}: region {item}: {want} (ceo stats) not on its row {at[:2]}")
            else:
                checked_figures += len(want)
        for a_ in sorted({g for (d, g, q, t) in stats if d == "aanbieder" and g != "(onbekend)"}):
            hv = stats.get(("aanbieder", a_, "", "hv"))
            mark = stats.get(("aanbieder", a_, "hv_cijfer", "hv"))
            nps = stats.get(("aanbieder", a_, "hv_aanbevelen", "hv"))
            line = next((ln for ln in lines if ln.strip().startswith(a_[:30]) and
                         re.search(r"\d", ln)), None)
            if hv is None or hv["suppressed"] == "1":
                continue
            want = [count(hv["n"]), dutch(hv["pct_positive"])]
            if mark and mark["suppressed"] == "0":
                want.append(num(mark["mean"]))
            if nps and nps["suppressed"] == "0":
                want.append(num(float(nps["pct_positive"]) - float(nps["pct_negative"])))
            if line is None or not all(w in line for w in want):
                fail(f"{name}: provider {a_}: {want} (ceo stats) not on its row '{line}'")
            else:
                checked_figures += len(want)

# the layout log: every string inside its box and on the page
placed = bad = 0
for line in open(log_path, encoding="utf-8"):
    if line.startswith("#"):
        continue
    f = line.rstrip("\n").split("\t")
    if len(f) < 10:
        continue
    x, y, w, size, bx, by, bw, bh = map(float, f[1:9])
    placed += 1
    eps = 0.02
    inside = (x >= bx - eps and x + w <= bx + bw + eps and y - 0.24 * size >= by - eps
              and y + 0.76 * size <= by + bh + eps)
    on_page = x >= 0 and x + w <= 595.28 and y - 0.24 * size >= 0 and y + 0.76 * size <= 841.89
    if not (inside and on_page):
        bad += 1
        if bad <= 3:
            fail(f"{kind}: '{f[9]}' on page {f[0]} at x {x}..{x + w}, y {y} is outside its box "
                 f"{bx},{by} {bw}x{bh}")
if placed == 0:
    fail(f"{kind}: the layout log is empty")
if failures == 0:
    print(f"ok {kind}: {len(pdfs)} PDFs pass qpdf, embed their fonts, stay under 250 KB; "
          f"{checked_figures} figures equal ceo stats; {placed} strings inside their boxes")
sys.exit(1 if failures else 0)
