#!/usr/bin/env python3
"""report_compare_check.py - the comparison tables of ceo's PDF reports against their sources.

  prev KIND PDFDIR REF.CSV MIN_N [CUR.CSV] [need-none]
                                   every "Vorig jaar" cell of the reports of KIND equals the
                                   figure of REF.CSV (the previous source, as ceo stats writes
                                   it), and says "geen cijfer" where REF.CSV has none (hidden,
                                   below MIN_N or absent); prints how many of each were seen;
                                   with CUR.CSV (ceo stats with the same comparison), every
                                   difference says "hoger"/"lager" exactly where its
                                   q_vs_prev < 0.05; need-none: fail when no cell says
                                   "geen cijfer"
  bench KIND PDFDIR BENCH.CSV NAME YEAR
                                   every benchmark cell equals the benchmark file's figure of
                                   NAME in YEAR, "–" where the file has none

Prints "ok ..." / "FAIL ..." lines, as the checks of tests/checks do.
"""
import csv
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
THEMES = {"toegang": "Toegang", "kwaliteit": "Kwaliteit", "effect": "Effect",
          "hv": "Huishoudelijke hulp"}


def items():
    """(id, theme, type, label) of the codebook's tested items the comparison table lists."""
    out = []
    with open(os.path.join(ROOT, "templates/ceo-wmo/items.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["type"] in ("likert", "janee", "cijfer") and r["sectie"] in (
                    "vraag", "algemeen", "hv"):
                out.append((r["id"], r["thema"], r["type"], r["label"]))
    return out


def text(pdf):
    return subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                          text=True, check=True).stdout


def table_after(txt, heading, stop):
    """label -> cells of the table lines after heading (a line starting with it: a long name
    wraps), up to a line matching stop."""
    rows, on = {}, False
    for line in txt.splitlines():
        if not on:
            on = line.strip() == heading or line.strip().startswith(heading + " ")
            continue
        if re.search(stop, line):
            break
        cells = [c for c in re.split(r"\s{2,}", line.strip()) if c]
        if len(cells) >= 2:
            rows[cells[0]] = cells[1:]
    return rows


def nl(v, unit):
    return f"{v:.1f}".replace(".", ",") + unit


def ref_rows(path):
    rows = {}
    with open(path, encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            group = "" if r["dimension"] == "totaal" else r["group"]
            rows[(r["dimension"], group, r["question"], r["theme"])] = r
    return rows


def prev_expected(ref, key, min_n, mean):
    r = ref.get(key)
    if not r or r["suppressed"] == "1" or not r["n"] or int(r["n"]) < min_n:
        return "geen cijfer"
    v = r["mean"] if mean else r["pct_positive"]
    if v == "":
        return "geen cijfer"
    return nl(float(v), "" if mean else "%")


def group_of(txt, kind, names=()):
    """The group of the comparison table's heading: the name of names it starts (a long name
    wraps onto the next line), else the heading's text."""
    m = re.search(r"^Vergelijking: (.+)$", txt, re.M)
    if not m:
        return None, None
    head = m.group(1).strip()
    for n in sorted(names, key=len, reverse=True):
        if n == head or n.startswith(head + " "):
            return head, n
    return head, head


def lines_of(kind):
    """(label, question, theme, is_mark) of the rows the comparison table of kind lists."""
    out = []
    themes = ["hv"] if kind == "aanbieder" else ["toegang", "kwaliteit", "effect", "hv"]
    for t in themes:
        out.append((THEMES[t], "", t, False))
    for iid, th, typ, label in items():
        if th in themes or (kind != "aanbieder" and th == ""):
            out.append((label, iid, th, typ == "cijfer"))
    return out


def check_prev(kind, pdfdir, refpath, min_n, curpath=None):
    ref = ref_rows(refpath)
    cur = ref_rows(curpath) if curpath else {}
    marked = unmarked = 0
    dim = {"gemeente": "gemeente", "aanbieder": "aanbieder", "regio": "totaal"}[kind]
    seen = none = bad = 0
    names = {k[1] for k in ref if k[0] == dim}
    for pdf in sorted(glob.glob(os.path.join(pdfdir, kind + "-*.pdf"))):
        txt = text(pdf)
        head, g = group_of(txt, kind, names)
        if g is None:
            if "Te weinig" in txt or "te weinig" in txt:
                continue
            print(f"FAIL {kind}: {os.path.basename(pdf)} has no comparison table")
            bad += 1
            continue
        tab = table_after(txt, f"Vergelijking: {head}", r"^\"geen cijfer\"|^Pagina|Regio .* Pagina")
        grp = "" if dim == "totaal" else g
        for label, q, th, mark in lines_of(kind):
            cells = tab.get(label)
            if not cells or cells[0] == "*":
                continue
            want = prev_expected(ref, (dim, grp, q, th), min_n, mark)
            got = cells[1] if len(cells) > 1 else ""
            c = cur.get((dim, grp, q, th))
            if c and q and got != "geen cijfer":
                # "hoger" / "lager" exactly where stats finds the difference significant
                diff = cells[2] if len(cells) > 2 else ""
                sig = c["q_vs_prev"] != "" and float(c["q_vs_prev"]) < 0.05
                now = float(c["mean"] or c["pct_positive"])
                word = ("hoger" if now > float(c["prev_value"]) else "lager") if sig else ""
                if (diff.endswith(" hoger") or diff.endswith(" lager")) != sig or \
                        (sig and not diff.endswith(word)):
                    bad += 1
                    if bad < 6:
                        print(f"FAIL {kind} {g} {label}: difference {diff!r}, stats says "
                              f"q_vs_prev {c['q_vs_prev']!r}")
                elif sig:
                    marked += 1
                else:
                    unmarked += 1
            if got != want:
                bad += 1
                if bad < 6:
                    print(f"FAIL {kind} {g} {label}: last year {got!r}, the source says {want!r}")
            elif want == "geen cijfer":
                none += 1
            else:
                seen += 1
        if kind == "regio":
            # the gemeenten per theme against last year
            part = txt.split("De gemeenten ten opzichte van vorig jaar", 1)[-1]
            for t in ("toegang", "kwaliteit", "effect"):
                gtab = table_after(part, THEMES[t], r"^(Kwaliteit|Effect|Vergelijking|\"geen)")
                for gem, cells in gtab.items():
                    if gem in ("Gemeente",) or cells[0] == "*" or len(cells) < 2:
                        continue
                    gdim, ggrp = ("totaal", "") if gem == g else ("gemeente", gem)
                    want = prev_expected(ref, (gdim, ggrp, "", t), min_n, False)
                    if cells[1] != want:
                        bad += 1
                        if bad < 6:
                            print(f"FAIL regio {gem} {t}: last year {cells[1]!r}, "
                                  f"the source says {want!r}")
                    elif want == "geen cijfer":
                        none += 1
                    else:
                        seen += 1
    if bad == 0 and seen > 0:
        print(f"ok {kind}: {seen} previous figures equal the source, {none} cells say "
              f"'geen cijfer' where it has none")
        if curpath:
            print(f"ok {kind}: 'hoger'/'lager' on the {marked} differences stats finds "
                  f"significant (q_vs_prev < 0.05), on none of the other {unmarked}")
    elif bad == 0:
        print(f"FAIL {kind}: no previous figure found in the reports")
    return none


def check_bench(kind, pdfdir, benchpath, name, year):
    want = {}
    with open(benchpath, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["gemeente"] == name and r["jaar"] == year:
                want[r["vraag"]] = r["percentage"]
    seen = dash = bad = 0
    for pdf in sorted(glob.glob(os.path.join(pdfdir, kind + "-*.pdf"))):
        txt = text(pdf)
        head, g = group_of(txt, kind)
        if g is None:
            continue
        if f"{name} {year}" not in txt:
            print(f"FAIL {kind} {g}: no column '{name} {year}'")
            bad += 1
            continue
        tab = table_after(txt, f"Vergelijking: {head}", r"^De kolom |Pagina")
        for label, q, th, mark in lines_of(kind):
            cells = tab.get(label)
            if not cells:
                continue
            key = q or th
            exp = nl(float(want[key]), "%") if key in want else "\u2013"
            if cells[-1] != exp:
                bad += 1
                if bad < 6:
                    print(f"FAIL {kind} {g} {label}: benchmark {cells[-1]!r}, the file says {exp!r}")
            elif key in want:
                seen += 1
            else:
                dash += 1
    if bad == 0 and seen > 0:
        print(f"ok {kind}: {seen} benchmark figures equal the file, {dash} dashes where it has "
              f"none")
    elif bad == 0:
        print(f"FAIL {kind}: no benchmark figure found")


if __name__ == "__main__":
    if sys.argv[1] == "prev":
        args = sys.argv[6:]
        need = "need-none" in args
        curs = [a for a in args if a != "need-none"]
        none = check_prev(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]),
                          curs[0] if curs else None)
        if need and none == 0:
            print(f"FAIL {sys.argv[2]}: no 'geen cijfer' for a group the source hides")
    else:
        check_bench(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6])
