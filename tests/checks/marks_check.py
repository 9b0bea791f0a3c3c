#!/usr/bin/env python3
"""Checks the indicative marks and the Verschil cells of one `ceo report` run against
`ceo stats` (issue 22 point 3), from the layout log (--layout-log: every string placed, with
its box).

Table rows are the cells that share a row box; chart labels are the strings in the charts'
label boxes. For each table row and chart label the check knows (the items tables, the theme
table, the tables per gemeente and per provider, the provider summary; the theme bars, the
mark dots, the likert labels), every figure of a group carries the mark of [teken.indicatief]
exactly when its `ceo stats` row is indicative (n below indicatief_n), the region's never; a
Verschil cell says "hoger"/"lager" exactly when the row's q_vs_rest is below 0.05, the way the
figures go (for marks and the aanbevelingsscore: the mean, as stats tests it). A mark on any
other string fails. The trend's period labels are not checked here.

usage: marks_check.py KIND LOG.tsv STATS.csv TEKSTEN.txt ITEMS.csv
"""
import csv
import re
import sys

kind, log_path, stats_path, texts_path, items_path = sys.argv[1:6]
failures = 0


def fail(msg):
    global failures
    failures += 1
    if failures <= 25:
        print("FAIL " + msg)


texts, key = {}, None
for line in open(texts_path, encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("#"):
        continue
    m = re.fullmatch(r"\[([^\]]+)\]", line)
    if m:
        key = m.group(1)
        texts[key] = []
    elif key:
        texts[key].append(line)
texts = {k: "\n".join(v).strip() for k, v in texts.items()}
MARK = " " + texts["teken.indicatief"]
HIGHER, LOWER = texts["teken.hoger"], texts["teken.lager"]
theme_of_label = {v: k.split(".")[1] for k, v in texts.items()
                  if re.fullmatch(r"thema\.[a-z_]+", k)}

items = {}
for row in csv.DictReader(open(items_path, encoding="utf-8")):
    items[row["vraag"] or row["label"]] = row
stats, groups = {}, {}
for row in csv.DictReader(open(stats_path, encoding="utf-8")):
    stats[(row["dimension"], row["group"], row["question"], row["theme"])] = row
    if row["group"] != "(onbekend)":
        groups.setdefault(row["dimension"], [])
        if row["group"] not in groups[row["dimension"]]:
            groups[row["dimension"]].append(row["group"])
region = groups["totaal"][0]
themes = [t for (d, g, q, t) in stats if d == "totaal" and not q and t]
vthemes = [t for t in ("toegang", "kwaliteit", "effect") if t in themes]


def shown(r):
    return r is not None and r["suppressed"] == "0" and int(r["n"]) > 0


def marked(s):
    return s.endswith(MARK)


def item_row(dim, group, it):
    return stats.get((dim, group, it["id"], it["thema"]))


def uses_mean(it):
    return it["type"] in ("cijfer", "score")


# ---- the log: per PDF its strings
pdfs, cur = {}, None
for line in open(log_path, encoding="utf-8"):
    if line.startswith("# "):
        cur = line[2:].strip()
        pdfs[cur] = []
        continue
    f = line.rstrip("\n").split("\t")
    if cur and len(f) >= 10:
        pdfs[cur].append((int(f[0]), float(f[1]), float(f[2]), float(f[4]), float(f[5]),
                          float(f[6]), float(f[7]), float(f[8]), f[9]))

checked = marks_seen = verschil = 0
for pdf, strings in sorted(pdfs.items()):
    name = pdf.rsplit("/", 1)[-1]
    group = " ".join(s[8] for s in strings if s[0] == 1 and s[3] == 16.0)
    dim = {"gemeente": "gemeente", "aanbieder": "aanbieder"}.get(kind, "totaal")
    grp = group if dim != "totaal" else region
    explained = set()  # indexes of strings whose mark was checked

    def expect(i, text, row, what):
        global checked
        explained.add(i)
        want = shown(row) and row["indicative"] == "1"
        if marked(text) != want:
            fail(f"{name}: {what}: '{text}' but ceo stats indicative={row and row['indicative']}"
                 f" n={row and row['n']}")
        else:
            checked += 1

    # table rows: cells sharing (page, box y, box height), in column order
    rows = {}
    for i, s in enumerate(strings):
        page, x, y, size, bx, by, bw, bh, text = s
        if size != 8.0 or bw >= 483 or bw in (150.0, 170.0):
            continue
        cells = rows.setdefault((page, by, bh), {})
        cells.setdefault(bx, []).append((i, text))
    for (page, by, bh), cols in rows.items():
        cells = [(v[0][0], " ".join(t for _, t in v)) for bx, v in sorted(cols.items())]
        label = cells[0][1]
        base_label = label.replace(" " + texts["label.nps"], "")
        figs = cells[1:]
        if base_label in items and len(figs) >= 2 and re.fullmatch(r"[\d.]+", figs[0][1]):
            # an items table: n, value, interval, region[, Verschil]
            it = items[base_label]
            w, reg = item_row(dim, grp, it), item_row("totaal", region, it)
            expect(figs[1][0], figs[1][1], w, f"{it['id']} of {grp}")
            if len(figs) >= 4:
                expect(figs[3][0], figs[3][1], reg, f"{it['id']} of the region")
            if dim != "totaal" and len(figs) >= 3:
                ver = figs[4][1] if len(figs) >= 5 else ""
                want = ""
                if shown(w) and w["q_vs_rest"] != "" and float(w["q_vs_rest"]) < 0.05:
                    f = "mean" if uses_mean(it) else "pct_positive"
                    want = HIGHER if float(w[f]) > float(reg[f]) else LOWER
                if ver != want:
                    fail(f"{name}: {it['id']}: Verschil '{ver}', ceo stats q_vs_rest "
                         f"{w and w['q_vs_rest']} -> '{want}'")
                else:
                    verschil += 1
        elif label in theme_of_label and kind == "gemeente" and figs:
            t = theme_of_label[label]
            expect(figs[0][0], figs[0][1], stats.get(("gemeente", group, "", t)), f"theme {t}")
            if len(figs) > 1:
                expect(figs[1][0], figs[1][1], stats.get(("totaal", region, "", t)), "region")
        elif kind == "aanbieder" and label in groups.get("gemeente", []) and len(figs) == 3:
            cross = f"{label} + {group}"
            expect(figs[1][0], figs[1][1], stats.get(("gemeente+aanbieder", cross, "", "hv")),
                   f"hv of {cross}")
            expect(figs[2][0], figs[2][1],
                   stats.get(("gemeente+aanbieder", cross, "hv_cijfer", "hv")), f"mark of {cross}")
        elif kind == "aanbieder" and label in (texts["kolom.hv_positief"], texts["kolom.cijfer"],
                                               texts["kolom.nps"]) and figs:
            q = {texts["kolom.hv_positief"]: "", texts["kolom.cijfer"]: "hv_cijfer",
                 texts["kolom.nps"]: "hv_aanbevelen"}[label]
            w, reg = stats.get(("aanbieder", group, q, "hv")), stats.get(("totaal", region, q, "hv"))
            expect(figs[0][0], figs[0][1], w, f"summary {q or 'hv'}")
            # value, interval, n, region, Verschil, place among the providers
            ver = figs[4][1] if len(figs) == 6 else ""
            if q:
                want = ""
                if shown(w) and w["q_vs_rest"] != "" and float(w["q_vs_rest"]) < 0.05:
                    want = HIGHER if float(w["mean"]) > float(reg["mean"]) else LOWER
                if ver != want:
                    fail(f"{name}: summary {q}: Verschil '{ver}', ceo stats -> '{want}'")
                else:
                    verschil += 1
        elif kind in ("gemeente", "regio") and len(figs) in (len(vthemes) + 2, len(vthemes) + 3) and \
                (label in groups.get("voorziening", []) or label in (group, region)):
            # the results per voorziening: n, the themes, the mark, its interval
            if label in groups.get("voorziening", []):
                d, g = ("voorziening", label) if kind == "regio" else \
                    ("gemeente+voorziening", f"{group} + {label}")
            else:
                d, g = ("totaal", region) if kind == "regio" else ("gemeente", group)
            for (i, text), t in zip(figs[1:], vthemes):
                expect(i, text, stats.get((d, g, "", t)), f"{g} {t}")
            m = figs[len(vthemes) + 1]  # the mark; a hidden one has no interval after it
            expect(m[0], m[1], stats.get((d, g, "cijfer", "")), f"mark of {g}")
        elif kind == "regio" and (label in groups.get("gemeente", []) or label == region) and \
                len(figs) == len(themes) + 1 and label not in groups.get("aanbieder", []):
            d = "gemeente" if label != region else "totaal"
            for k, (i, text) in enumerate(figs[1:]):
                expect(i, text, stats.get((d, label, "", themes[k])), f"{label} {themes[k]}")
        elif kind == "regio" and label in groups.get("aanbieder", []) and len(figs) == 4:
            for (i, text), q in zip(figs[1:], ("", "hv_cijfer", "hv_aanbevelen")):
                expect(i, text, stats.get(("aanbieder", label, q, "hv")), f"{label} {q or 'hv'}")

    # chart labels: the theme bars and mark dots (box 150 wide), the likert labels (170)
    heading = ""
    likert, labels = {}, {}  # a label may wrap: its lines share the box
    for i, s in enumerate(strings):
        page, x, y, size, bx, by, bw, bh, text = s
        if size >= 11 and s[0] > 1:
            heading = text
        if size != 8.0:
            continue
        if bw == 170.0:
            likert.setdefault((page, by), []).append((i, text))
        elif bw == 150.0:
            labels.setdefault((page, by), [heading]).append((i, text))
    for (page, by), (heading, *parts) in labels.items():
        text = " ".join(t for _, t in parts)
        for i, _ in parts:
            explained.add(i)
        i = parts[-1][0]
        base = text[:-len(MARK)] if marked(text) else text
        row = None
        if " \u2013 " in base and base.split(" \u2013 ")[0] in theme_of_label:
            t, g = base.split(" \u2013 ", 1)
            row = stats.get(("gemeente", g, "", theme_of_label[t])) if g != region else \
                stats.get(("totaal", region, "", theme_of_label[t]))
        elif kind == "gemeente" and base in groups.get("gemeente", []):
            row = stats.get(("gemeente", base, "cijfer", ""))
        elif kind == "gemeente" and base in groups.get("aanbieder", []):
            row = stats.get(("gemeente+aanbieder", f"{group} + {base}", "hv_cijfer", "hv"))
        elif kind == "aanbieder" and base in groups.get("gemeente", []):
            row = stats.get(("gemeente+aanbieder", f"{base} + {group}", "hv_cijfer", "hv"))
        elif kind == "regio" and base in groups.get("aanbieder", []):
            row = stats.get(("aanbieder", base, "hv_cijfer", "hv"))
        elif kind == "regio" and base in groups.get("gemeente", []) and heading in theme_of_label:
            row = stats.get(("gemeente", base, "", theme_of_label[heading]))
        if row is not None:
            expect(i, text, row, f"chart label {base}")
    for (page, by), parts in likert.items():
        text = " ".join(t for _, t in parts)
        base = text[:-len(MARK)] if marked(text) else text
        if base in items:
            expect(parts[-1][0], text, item_row(dim, grp, items[base]), f"likert label {base[:30]}")
            for i, _ in parts:
                explained.add(i)

    # no mark anywhere else (the trend's period labels and the notes aside)
    for i, s in enumerate(strings):
        text = s[8]
        if MARK.strip() in text:
            marks_seen += 1
        if marked(text) and i not in explained and not (s[3] == 7.0 and s[6] == 70.0):
            fail(f"{name}: unexplained mark on '{text}' (page {s[0]})")

if failures == 0:
    print(f"ok marks {kind}: {checked} figures and labels marked (i) exactly where ceo stats says "
          f"indicative ({marks_seen} strings with the mark), {verschil} Verschil cells as ceo "
          f"stats' tests")
sys.exit(1 if failures else 0)
