#!/usr/bin/env bash
# Report file names (issue 19, finding 10): gemeenten whose names differ only in an accent
# ("Tiel", "Tiël"), in punctuation ("West Betuwe", "West-Betuwe") or in an invisible U+FEFF
# each get a file of their own, holding their own name; a name of 300 bytes is cut to a safe
# length; the count printed equals the files written.
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }

long="Gemeente Tiël$(printf ' en Omstreken%.0s' $(seq 1 22))"   # 14 + 22 * 13 = 300 bytes
python3 - samples/qualtrics.csv "$d/names.csv" "$long" <<'PY'
import csv, sys
src, dst, long = sys.argv[1:4]
rows = list(csv.reader(open(src, encoding="utf-8-sig", newline="")))
g = next(i for i, h in enumerate(rows[1]) if h.startswith("In welke gemeente"))
# 40 respondents each: every report is above min_n
names = ["Tiël", "West-Betuwe", "Cule\ufeffmborg", "Zaltbommel\ufeff", long]
for name, old in zip(names, ["Tiel", "West Betuwe", "Culemborg", "Zaltbommel", "Neder-Betuwe"]):
    n = 0
    for row in rows[3:]:
        if row[g] == old and n < 40:
            row[g] = name
            n += 1
csv.writer(open(dst, "w", encoding="utf-8", newline=""), lineterminator="\r\n").writerows(rows)
PY
mkdir "$d/out"
if "$CEO" report --kind gemeente --config samples/project.ini --out-dir "$d/out" "$d/names.csv" \
     >/dev/null 2>"$d/err"; then
  ok "report with colliding names runs"
else
  fail "report with colliding names: $(head -3 "$d/err")"
fi
written=$(find "$d/out" -name '*.pdf' | wc -l)
said=$(sed -n 's/^\([0-9]*\) gemeente reports written.*/\1/p' "$d/err")
if [ "$written" -eq 13 ] && [ "$said" = "$written" ]; then
  ok "13 reports said and written"
else
  fail "reports said '$said', written $written: $(ls "$d/out" | tr '\n' ' ')"
fi
too_long=$(find "$d/out" -name '*.pdf' -printf '%f\n' | awk 'length($0) > 120' | wc -l)
[ "$too_long" -eq 0 ] && ok "file names cut to a safe length" || fail "$too_long file names over 120 bytes"
if find "$d/out" -name '*.pdf' -printf '%f\n' | LC_ALL=C grep -q '[^a-z0-9.-]'; then
  fail "a file name holds other than a-z 0-9 . -"
else
  ok "file names are plain"
fi
# each file holds the gemeente its name was made from, and no two files the same one
python3 - "$d/out" "$long" <<'PY'
import glob, subprocess, sys, unicodedata
out, long = sys.argv[1:3]
want = {"Tiel", "Tiël", "West Betuwe", "West-Betuwe", "Culemborg", "Cule\ufeffmborg",
        "Zaltbommel", "Zaltbommel\ufeff", long}
seen = {}
for f in sorted(glob.glob(out + "/*.pdf")):
    text = subprocess.run(["pdftotext", "-l", "1", f, "-"], capture_output=True, text=True).stdout
    first = text.replace("\ufeff", "")
    seen[f.rsplit("/", 1)[1]] = first
def holds(name):
    return [f for f, t in seen.items() if name.replace("\ufeff", "") in t.replace("\u00ad", "")]
bad = 0
for name in ["Tiel", "Tiël", "West Betuwe", "West-Betuwe"]:
    # the title names the gemeente: a file whose first page names it as a whole word
    files = [f for f, t in seen.items() if any(line.strip().endswith(name) for line in t.splitlines()[:6])]
    if not files:
        print(f"FAIL no report names {name!r}")
        bad += 1
if "gemeente-tiel.pdf" in seen and "Tiël" in "\n".join(seen["gemeente-tiel.pdf"].splitlines()[:6]):
    print("FAIL gemeente-tiel.pdf holds Tiël")
    bad += 1
if not bad:
    print("ok every colliding gemeente has a report of its own")
PY
