#!/usr/bin/env python3
"""No cell of a CSV output of ceo may start with =, +, -, @, TAB or CR unless it is a number
(docs/FORMATS.md, "Formulas"): a spreadsheet would run it. The Excel flavour's ="..." around a
phone number or id is a string constant and allowed. Each file named with a + in front must
also hold at least one guarded cell (an apostrophe before a planted formula), so the planted
values did reach it.

usage: csv_formulas.py [+]FILE...
"""
import csv
import io
import re
import sys

NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?\Z")
EXCEL_TEXT = re.compile(r'="[0-9 +().-]*"\Z')
GUARDED = re.compile(r"'[=+\-@\t\r]")

bad = 0
for arg in sys.argv[1:]:
    need_guard = arg.startswith("+")
    path = arg[1:] if need_guard else arg
    data = open(path, encoding="utf-8", newline="").read()
    excel = data.startswith("\ufeff")
    text = io.StringIO(data.lstrip("\ufeff"), newline="")
    rows = list(csv.reader(text, delimiter=";" if excel else ","))
    live, guarded = [], 0
    for r, row in enumerate(rows, 1):
        for c, cell in enumerate(row, 1):
            if GUARDED.match(cell):
                guarded += 1
            if cell[:1] and cell[0] in "=+-@\t\r" and not NUMBER.match(cell):
                if not (excel and EXCEL_TEXT.match(cell)):
                    live.append(f"row {r} column {c}: {cell[:40]!r}")
    if live:
        bad += 1
        print(f"FAIL {path}: {len(live)} cells a spreadsheet would run, first {live[0]}")
    elif need_guard and not guarded:
        bad += 1
        print(f"FAIL {path}: no guarded cell; the planted formulas did not reach it")
    else:
        print(f"ok {path}: no live formula ({guarded} guarded cells, {len(rows)} rows)")
sys.exit(1 if bad else 0)
