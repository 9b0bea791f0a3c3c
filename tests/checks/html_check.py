#!/usr/bin/env python3
"""Checks the HTML reports of one `ceo report --format html` run against `ceo stats`, as
report_check.py checks the PDFs.

For every KIND-*.html in DIR: under 400 KB; one report per group; the group's name in the h1.
Against STATS.csv (`ceo stats --by gemeente,aanbieder` on the same export, same min_n): each
standard item (gemeente reports) or HV item (provider reports) has a table row headed by its
question that shows the group's % positive, Dutch formatted; a suppressed group's row shows "*"
and no figure; a gemeente or provider below min_n shows no percentage anywhere in its report;
the region report's table of gemeenten shows each theme score, and a suppressed gemeente has
no figure on any row (the charts' number tables included).

usage: html_check.py KIND DIR STATS.csv
prints "ok ..." / "FAIL ..." lines; exit 1 on a failure.
"""
import csv
import glob
import html.parser
import os
import re
import sys

kind, folder, stats_path = sys.argv[1:4]
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


def dutch(v):
    return f"{float(v):.1f}".replace(".", ",") + "%"


def marked(st, s):
    """A figure as the reports print it: with the indicative mark when ceo stats says so."""
    return s + " (i)" if st.get("indicative") == "1" else s


def slug(name):
    table = str.maketrans("áàâäéèêëíïîóöôúüûçñÁÉÚÖ", "aaaaeeeeiiiooouuucnaeuo")
    s = re.sub(r"[^a-z0-9]+", "-", name.translate(table).lower()).strip("-")
    return s or "x"


class Rows(html.parser.HTMLParser):
    """The table rows (cells' texts), the h1's text and all text outside <svg>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.row, self.cell = [], None, None
        self.h1, self.in_h1, self.svg, self.text = "", False, 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "h1":
            self.in_h1 = True
        elif tag == "svg":
            self.svg += 1

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif tag == "h1":
            self.in_h1 = False
        elif tag == "svg":
            self.svg -= 1

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        if self.in_h1:
            self.h1 += data
        self.text.append(data)


questions, themes = {}, {}
for row in csv.DictReader(open("templates/ceo-wmo/items.csv", encoding="utf-8")):
    questions[row["id"]] = row["vraag"]
    themes[row["id"]] = row["thema"]
stats = {}
for row in csv.DictReader(open(stats_path, encoding="utf-8")):
    stats[(row["dimension"], row["group"], row["question"], row["theme"])] = row

files = sorted(glob.glob(os.path.join(folder, f"{kind}-*.html")))
if not files:
    fail(f"{kind}: no HTML reports in {folder}")
dim = {"gemeente": "gemeente", "aanbieder": "aanbieder"}.get(kind)
groups = sorted({g for (d, g, q, t) in stats if d == dim and g != "(onbekend)"}) if dim else []
if dim and len(files) != len(groups):
    fail(f"{kind}: {len(files)} HTML reports for {len(groups)} groups")

checked = 0
for path in files:
    name = os.path.basename(path)
    size = os.path.getsize(path)
    if size >= 400 * 1024:
        fail(f"{name}: {size} bytes, over 400 KB")
    p = Rows()
    p.feed(open(path, encoding="utf-8").read())
    rows = p.rows
    text = " ".join(p.text)
    group = next((g for g in groups if f"{kind}-{slug(g)}.html" == name), None)
    if dim and group is None:
        fail(f"{name}: no group of that name in the figures")
        continue
    if dim and group not in p.h1:
        fail(f"{name}: the h1 '{p.h1.strip()}' does not name {group}")
    items = STANDARD if kind == "gemeente" else HV if kind == "aanbieder" else []
    for item in items:
        st = stats.get((dim, group, item, themes[item]))
        if st is None:
            continue
        at = [r for r in rows if r and r[0].startswith(questions[item][:28])
              and any(re.search(r"\d", c) or c == "*" for c in r[1:])]
        if st["suppressed"] == "1":
            for r in at:
                if "*" not in r or any(re.search(r"\d,\d%", c) for c in r[1:3]):
                    fail(f"{name}: {item} is suppressed for {group} but its row shows {r}")
            continue
        want = marked(st, dutch(st["pct_positive"]))
        # the table of figures: n, % positive, interval, region (the chart's table has the
        # five shares instead)
        if not any(len(r) > 2 and r[2] == want for r in at):
            fail(f"{name}: {item}: {want} (ceo stats) not on its row {at[:2]}")
        else:
            checked += 1
    if kind in ("gemeente", "aanbieder"):
        theme_rows = ([stats.get(("gemeente", group, "", t)) for t in ("toegang", "kwaliteit", "effect")]
                      if kind == "gemeente" else [stats.get(("aanbieder", group, "", "hv"))])
        if all(r is None or r["suppressed"] == "1" for r in theme_rows):
            figures = [c for r in rows for c in r if re.search(r"\d,\d%", c)
                       and not any("espons" in x for x in r)]
            if figures:
                fail(f"{name}: {group} is below min_n, yet the report prints {figures[:3]}")
            else:
                checked += 1
    if kind == "regio":
        for (d, g, q, t), st in stats.items():
            if d != "gemeente" or q or t not in ("toegang", "kwaliteit", "effect"):
                continue
            labelled = [r for r in rows if r and r[0].startswith(g)]
            if st["suppressed"] == "1":
                shown = [r for r in labelled if any(re.search(r"\d,\d", c) for c in r[1:])]
                if shown:
                    fail(f"{name}: suppressed gemeente {g} shows a figure: {shown[0]}")
                else:
                    checked += 1
                continue
            table = [r for r in labelled if len(r) >= 5]  # the table of gemeenten
            if not any(marked(st, dutch(st["pct_positive"])) in r for r in table):
                fail(f"{name}: {g} {t}: {dutch(st['pct_positive'])} not in {table[:1]}")
            else:
                checked += 1

if failures == 0:
    sizes = [os.path.getsize(f) for f in files]
    print(f"ok {kind}: {len(files)} HTML reports, {min(sizes) // 1024}-{max(sizes) // 1024} KB "
          f"(under 400 KB); {checked} figures equal ceo stats, suppressed groups show none")
sys.exit(1 if failures else 0)
