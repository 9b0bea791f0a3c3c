#!/usr/bin/env bash
# The disclosure model of docs/METHODS.md ("Disclosure control"), proven by its audit: on the samples with
# the reports' dimensions and on 200 random exports with crossings (fixed seed), no hidden
# count of a small group is determined to within 3 by what the run publishes (an LP per count,
# solved by GLPK's glpsol); the audit catches the leak of the rule before it (issue 20's count
# worked out by hand); hidden rows say why and nothing else; every gemeente with 10 or more
# respondents has its figures in ceo stats, the VWS export and its own report.
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
DIMS=gemeente,aanbieder,voorziening,gemeente+aanbieder,gemeente+voorziening

if ! command -v glpsol >/dev/null; then
  fail "glpsol not found (Debian package glpk-utils): the disclosure audit cannot run"
  exit 0
fi

# 1. the audit catches today's leak: the rows of hv_vervanging written by the rule before
out=$(python3 tests/checks/audit_disclosure.py --expect-leak tests/data/disclosure-leak.csv)
if echo "$out" | grep -q '^ok' && echo "$out" | grep -q 'Maasdriel-Heerewaarden en Ammerzoden + Schoon & Thuis Thuiszorg hv_vervanging: 1\.\.1'; then
  ok "the audit works out the hidden count issue 20 found by hand (n = 1) in the old output"
else fail "the audit misses the old leak: $out"; fi

# 2. the samples, with the reports' dimensions (and the trend's crossings)
for s in qualtrics surveymonkey limesurvey excel-nl; do
  "$CEO" stats --by "$DIMS" -o "$d/$s.csv" "samples/$s.csv" 2>/dev/null
  "$CEO" stats --by periode,gemeente+periode,aanbieder+periode --period quarter \
    -o "$d/$s-trend.csv" "samples/$s.csv" 2>/dev/null
done
python3 tests/checks/audit_disclosure.py "$d"/qualtrics.csv "$d"/surveymonkey.csv \
  "$d"/limesurvey.csv "$d"/excel-nl.csv "$d"/*-trend.csv | sed 's/^audit:/ok audit of the samples:/'

# by answer category: no hidden group's answer is given away exactly (old output: it is)
python3 tests/checks/audit_disclosure.py --categories "$d"/qualtrics.csv "$d"/limesurvey.csv | grep -v '^audit:'
python3 tests/checks/audit_disclosure.py --categories --expect-leak tests/data/disclosure-leak.csv \
  | grep -v '^audit:' | sed 's/^ok /ok the old rule gives answers away: /'

# 3. 200 random exports with crossings
python3 tests/checks/random_tables.py "$d/rt" 200 20
mkdir -p "$d/rto"
for f in "$d"/rt/*.csv; do
  "$CEO" stats --by "$DIMS,aanbieder+voorziening" -o "$d/rto/$(basename "$f")" "$f" 2>/dev/null \
    || fail "ceo stats on random table $(basename "$f") exit $?"
done
python3 tests/checks/audit_disclosure.py --quiet "$d"/rto/*.csv | sed 's/^audit:/ok audit of random tables:/'
n=$(ls "$d"/rto | wc -l)
[ "$n" -ge 200 ] && ok "$n random tables audited" || fail "only $n random tables"

# 4. hidden rows say why and nothing else; shown rows say nothing of hiding
python3 - "$d/qualtrics.csv" "$d"/rto/*.csv <<'PY'
import csv, sys
bad, hidden = [], 0
FIGS = ("n", "pct_positive", "ci_low", "ci_high", "pct_negative", "mean", "median", "n_effective",
        "p_vs_rest", "q_vs_rest", "sig", "test", "distribution")
for path in sys.argv[1:]:
    for r in csv.DictReader(open(path, encoding="utf-8")):
        if r["suppressed"] == "1":
            hidden += 1
            said = [k for k in FIGS if r[k] != ""]
            if r["indicative"] != "0":
                said.append("indicative")
            if r["suppression"] not in ("primary", "complementary"):
                said.append(f"suppression={r['suppression']!r}")
            if said:
                bad.append(f"{r['dimension']} {r['group']} {r['question'] or r['theme']}: {said}")
        elif r["suppression"] != "":
            bad.append(f"shown row says {r['suppression']}")
        if r["dimension"] != "totaal" and r["base"] not in ("", "left out" if r["suppressed"] == "1" else ""):
            bad.append("base on a group row")
print(f"FAIL hidden rows say more than why: {len(bad)}, e.g. {bad[:3]}" if bad else
      f"ok {hidden} hidden rows carry no figure, flag or indicative mark, only why they are hidden")
PY

# 5. own figures: every gemeente with 10 or more respondents, in ceo stats, VWS and its report
"$CEO" export vws --config samples/project.ini -o "$d/vws.csv" samples/qualtrics.csv 2>/dev/null
python3 - "$d/qualtrics.csv" "$d/vws.csv" <<'PY'
import csv, sys
stats = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["dimension"] == "gemeente"]
vws = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
bad, n = [], 0
for v in vws:
    if int(v["respondenten"] or 0) < 10:
        continue
    n += 1
    g = v["gemeente"]
    for th in ("toegang", "kwaliteit", "effect"):
        r = [x for x in stats if x["group"] == g and x["theme"] == th and x["question"] == ""]
        if not r or r[0]["suppressed"] == "1":
            bad.append(f"{g} {th} hidden in ceo stats")
    for k, val in v.items():
        if k.endswith("_pct_positief") and val == "":
            bad.append(f"{g} {k} empty in VWS")
print(f"FAIL own figures: {bad[:4]}" if bad else
      f"ok all {n} gemeenten with 10 or more respondents have their figures in ceo stats and the VWS export")
PY
mkdir -p "$d/rap"
if "$CEO" report --kind gemeente --only "West Maas en Waal" --config samples/project.ini \
     --out-dir "$d/rap" samples/qualtrics.csv >/dev/null 2>"$d/err"; then
  pdf=$(ls "$d"/rap/*.pdf 2>/dev/null | head -1)
  if [ -n "$pdf" ] && command -v pdftotext >/dev/null; then
    pdftotext "$pdf" "$d/wmw.txt"
    if grep -q "Te weinig antwoorden" "$d/wmw.txt"; then
      fail "the report of West Maas en Waal (19 respondents) has no results"
    elif grep -q "Samenvatting" "$d/wmw.txt"; then
      ok "the report of West Maas en Waal (19 respondents, next to a gemeente of 6) has its results"
    else fail "the report of West Maas en Waal: no summary"; fi
  else fail "no report PDF of West Maas en Waal (or no pdftotext)"; fi
else fail "ceo report --only West Maas en Waal exit $?: $(head -2 "$d/err")"; fi
