#!/usr/bin/env bash
# Comparisons in the reports (issue 22 point 4): last year from a previous `ceo stats` CSV and
# from the store a year earlier, in the gemeente, regio and aanbieder reports, each figure equal
# to the previous source's and "geen cijfer" where that source hides the group; ceo stats
# --compare with a CSV gives the figures and tests it gives with the export itself; the
# benchmark column equals the [benchmark] file, and a bad benchmark file is an error naming
# file:line:column; the trend is left out, with its line, for two months of fieldwork and drawn
# for a year.
set -u
CEO=${CEO:-build/ceo}
GEN=${GEN:-$(dirname "$CEO")/ceo-gen}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
check=tests/checks/report_compare_check.py
DIMS=gemeente,aanbieder,voorziening,gemeente+aanbieder

# last year's export (another seed, 2024) with only a few answers left of one gemeente and one
# provider, and the CSV ceo stats wrote of it: those two, shown this year, have no figure there
mkdir "$d/prev" "$d/csv"
"$GEN" --year 2024 --seed 7 --layout qualtrics --out-dir "$d/prev" >/dev/null 2>&1
python3 - "$d/prev/qualtrics.csv" "$d/prev/few.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
seen = {}
def keep(r):
    for name in ("Neder-Betuwe", "Schoon & Thuis Thuiszorg"):
        if name in r:
            seen[name] = seen.get(name, 0) + 1
            return seen[name] <= 5
    return True
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(
    rows[:3] + [r for r in rows[3:] if keep(r)])
EOF
"$CEO" stats --config samples/project.ini --by $DIMS -o "$d/prev.csv" "$d/prev/few.csv" 2>/dev/null
"$CEO" stats --config samples/project.ini --by $DIMS --compare "$d/prev.csv" -o "$d/cur.csv" \
  samples/qualtrics.csv 2>/dev/null
for kind in gemeente regio aanbieder; do
  if "$CEO" report --kind $kind --config samples/project.ini --compare "$d/prev.csv" \
       --out-dir "$d/csv" samples/qualtrics.csv 2>"$d/err"; then
    python3 $check prev $kind "$d/csv" "$d/prev.csv" 10 "$d/cur.csv" need-none | sed "s/^\(ok\|FAIL\) /\1 csv: /"
    if grep -q "did not fit" "$d/err"; then fail "csv: $kind: $(grep "did not fit" "$d/err")"; fi
  else
    fail "csv: ceo report --kind $kind --compare STATS.CSV: $(head -2 "$d/err")"
  fi
done

# ceo stats --compare with the CSV: the previous figure is the CSV's; a percentage's test is the
# one the export itself gives (the CSV holds its counts)
"$CEO" stats --config samples/project.ini --by gemeente --digits 2 -o "$d/prev-g.csv" \
  "$d/prev/qualtrics.csv" 2>/dev/null
"$CEO" stats --config samples/project.ini --by gemeente --compare "$d/prev-g.csv" \
  -o "$d/via-csv.csv" samples/qualtrics.csv 2>/dev/null
"$CEO" stats --config samples/project.ini --by gemeente --compare "$d/prev/qualtrics.csv" \
  -o "$d/via-export.csv" samples/qualtrics.csv 2>/dev/null
if out=$(python3 - "$d/via-csv.csv" "$d/via-export.csv" "$d/prev-g.csv" <<'EOF'
import csv, sys
key = lambda r: (r["dimension"], r["group"], r["question"], r["theme"])
a = {key(r): r for r in csv.DictReader(open(sys.argv[1]))}
b = {key(r): r for r in csv.DictReader(open(sys.argv[2]))}
p = {key(r): r for r in csv.DictReader(open(sys.argv[3]))}
if not a or a.keys() != b.keys():
    sys.exit("different rows")
vals = tests = 0
for k, r in a.items():
    src = p.get(k)
    want = "" if not src or src["suppressed"] == "1" else (src["mean"] or src["pct_positive"])
    if (r["prev_value"] and float(r["prev_value"])) != (want and float(want)):
        sys.exit(f"{k}: prev_value {r['prev_value']!r}, the CSV says {want!r}")
    vals += r["prev_value"] != ""
    if r["mean"] == "" and r["question"] and b[k]["p_vs_prev"]:
        if r["p_vs_prev"] != b[k]["p_vs_prev"]:
            sys.exit(f"{k}: p_vs_prev {r['p_vs_prev']} with the CSV, {b[k]['p_vs_prev']} with the export")
        tests += 1
if not vals or not tests:
    sys.exit("nothing compared")
print(f"{vals} previous values equal the CSV, {tests} tests of percentages equal the export's")
EOF
); then ok "stats --compare STATS.CSV: $out"; else fail "stats --compare STATS.CSV: $out"; fi

# the store: two years of monthly batches; --rolling 12 --compare-store takes 2024 beside 2025
mkdir "$d/m24" "$d/m25" "$d/store"
"$GEN" --monthly --year 2024 --seed 11 --layout qualtrics --out-dir "$d/m24" >/dev/null 2>&1
"$GEN" --monthly --year 2025 --seed 12 --layout qualtrics --out-dir "$d/m25" >/dev/null 2>&1
for f in "$d"/m24/qualtrics-*.csv "$d"/m25/qualtrics-*.csv; do
  "$CEO" batch add --store "$d/w.db" "$f" >/dev/null 2>&1
done
"$CEO" stats --config samples/project.ini --store "$d/w.db" --from 2024-01 --to 2024-12 \
  --by $DIMS --digits 10 -o "$d/store-prev.csv" 2>/dev/null
"$CEO" stats --config samples/project.ini --store "$d/w.db" --rolling 12 --compare-store \
  --by $DIMS --digits 10 -o "$d/store-cur.csv" 2>/dev/null
for kind in gemeente regio aanbieder; do
  if "$CEO" report --kind $kind --config samples/project.ini --store "$d/w.db" --rolling 12 \
       --compare-store --out-dir "$d/store" 2>"$d/err"; then
    python3 $check prev $kind "$d/store" "$d/store-prev.csv" 10 "$d/store-cur.csv" | sed "s/^\(ok\|FAIL\) /\1 store: /"
    if grep -q "did not fit" "$d/err"; then fail "store: $kind: $(grep "did not fit" "$d/err")"; fi
  else
    fail "store: ceo report --kind $kind --compare-store: $(head -2 "$d/err")"
  fi
done
if grep -q "previous year: .*2024-01 to 2024-12" "$d/err"; then
  ok "store: the report says which months it compares with"
else fail "store: no line naming the months compared: $(head -2 "$d/err")"; fi
"$CEO" stats --store "$d/w.db" --by gemeente --compare-store >/dev/null 2>"$d/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "needs the months compared" "$d/err"; then
  ok "store: --compare-store without --from or --rolling is a usage error"
else fail "store: --compare-store without a window: exit $rc, $(head -1 "$d/err")"; fi

# the trend: two months of fieldwork (the samples) draw none and say why; a year draws four
# quarters
if pdftotext -layout "$d/csv/regio-regio-rivierenland.pdf" - 2>/dev/null |
     grep -q "Geen ontwikkeling door het jaar: daarvoor zijn ten minste twee kwartalen" &&
   ! pdftotext -layout "$d/csv/gemeente-tiel.pdf" - 2>/dev/null | grep -q "K2 2025"; then
  ok "trend: left out with its line for two months of fieldwork"
else fail "trend: drawn (or left out without its line) for two months of fieldwork"; fi
t=$(pdftotext -layout "$d/store/regio-regio-rivierenland.pdf" - 2>/dev/null)
if grep -q "K1 2025" <<<"$t" && grep -q "K4 2025" <<<"$t" &&
   ! grep -q "Geen ontwikkeling door het jaar" <<<"$t"; then
  ok "trend: drawn over the four quarters of a year"
else fail "trend: not drawn for a year of fieldwork"; fi

# the benchmark file: its own column in the gemeente and regio reports, equal to the file
mkdir "$d/bench"
cat >"$d/bench.csv" <<'EOF'
gemeente,vraag,jaar,percentage
Nederland,toegang,2024,72.5
Nederland,wist_waar,2024,71.0
Nederland,snel_geholpen,2024,69.4
Nederland,serieus_genomen,2024,86.1
Nederland,kwaliteit,2024,80.2
Nederland,kwaliteit_goed,2024,81.3
Nederland,wist_waar,2023,60.0
Tiel,wist_waar,2024,68.0
EOF
sed "s|^\[regio\]|[benchmark]\nbestand = $d/bench.csv\n\n[regio]|; s|= \.\./templates|= $PWD/templates|; s|= \([a-z-]*\.csv\)$|= $PWD/samples/\1|" \
  samples/project.ini >"$d/project.ini"
for kind in gemeente regio; do
  if "$CEO" report --kind $kind --config "$d/project.ini" --out-dir "$d/bench" \
       samples/qualtrics.csv 2>"$d/err"; then
    python3 $check bench $kind "$d/bench" "$d/bench.csv" Nederland 2024 |
      sed "s/^\(ok\|FAIL\) /\1 benchmark: /"
  else
    fail "benchmark: ceo report --kind $kind: $(head -2 "$d/err")"
  fi
done
printf 'gemeente,vraag,jaar,percentage\nNederland,wist_waar,2024,71.0\nNederland,wist-waar,2024,70\n' \
  >"$d/bench.csv"
mkdir "$d/bad"
"$CEO" report --kind regio --config "$d/project.ini" --out-dir "$d/bad" samples/qualtrics.csv \
  2>"$d/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "bench.csv:3:2: 'wist-waar' is no question" "$d/err" &&
   [ -z "$(ls -A "$d/bad")" ]; then
  ok "benchmark: an unknown question is an error naming file:line:column, no PDF written"
else fail "benchmark: bad file: exit $rc, $(head -1 "$d/err"), $(ls "$d/bad")"; fi

# ceo stats' other outputs are not taken for last year's figures, nor read as an export
"$CEO" stats --hv -o "$d/hv.csv" "$d/prev/qualtrics.csv" 2>/dev/null
"$CEO" report --kind regio --compare "$d/hv.csv" --out-dir "$d/bad" samples/qualtrics.csv \
  2>"$d/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "hv.csv: ceo stats' --hv table and JSON are not read back" "$d/err"; then
  ok "the --hv table as --compare: exit 1, said so"
else fail "the --hv table as --compare: exit $rc, $(head -1 "$d/err")"; fi
