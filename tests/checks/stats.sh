#!/usr/bin/env bash
# ceo stats on the samples: the same figures whichever layout the respondents came in; every
# gemeente and provider equal to a hand computation; no suppressed cell recoverable; JSON and
# Dutch-Excel CSV carry the same records.
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
for l in qualtrics surveymonkey limesurvey excel-nl; do
  "$CEO" stats --by gemeente,aanbieder --format csv -o "$d/$l.csv" "samples/$l.csv" 2>/dev/null \
    || echo "FAIL stats on $l exited $?"
done
# The three with a column per option have none for ondersteuning:anders (not asked, so no
# rows); Qualtrics joins the options in one cell, which offers every option. Apart from those
# rows and the q-values (BH over a family without their tests), the figures are the same.
for l in limesurvey excel-nl; do
  if cmp -s "$d/surveymonkey.csv" "$d/$l.csv"; then echo "ok $l gives the same figures as surveymonkey"
  else echo "FAIL $l differs from surveymonkey: $(diff "$d/surveymonkey.csv" "$d/$l.csv" | head -3)"; fi
done
python3 - "$d/qualtrics.csv" "$d/surveymonkey.csv" <<'PY'
import csv, sys
q = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
s = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
extra = [r for r in q if r["question"] == "ondersteuning:anders"]
def same(r):
    return {k: v for k, v in r.items() if k not in ("q_vs_rest", "sig")}
rest = [same(r) for r in q if r["question"] != "ondersteuning:anders"]
ok = extra and all(r["pct_positive"] in ("0.00", "") for r in extra) and rest == [same(r) for r in s]
print("ok surveymonkey gives the same figures as qualtrics but for ondersteuning:anders, which it did not ask"
      if ok else f"FAIL surveymonkey differs from qualtrics ({len(extra)} anders rows, {len(rest)} vs {len(s)} rows)")
PY
[ "$(wc -l < "$d/qualtrics.csv")" -gt 500 ] && echo "ok the figures have $(wc -l < "$d/qualtrics.csv") rows" \
  || echo "FAIL too few rows"
head -1 "$d/qualtrics.csv" | grep -q '^dimension,group,question,theme,n,pct_positive,ci_low,ci_high,pct_negative,mean,suppressed' \
  && echo "ok the CSV starts with the agreed columns" || echo "FAIL CSV header"

"$CEO" stats --by gemeente,aanbieder --digits 10 -o "$d/full.csv" samples/excel-nl.csv 2>/dev/null
python3 tests/checks/hand_stats.py samples/truth.csv "$d/full.csv"

"$CEO" stats --by gemeente,aanbieder,voorziening,gemeente+aanbieder -o "$d/sup.csv" samples/limesurvey.csv 2>/dev/null
python3 tests/checks/recover_suppressed.py "$d/sup.csv"

"$CEO" stats --by gemeente --format json -o "$d/s.json" samples/qualtrics.csv 2>/dev/null
"$CEO" stats --by gemeente -o "$d/s.csv" samples/qualtrics.csv 2>/dev/null
python3 - "$d/s.json" "$d/s.csv" <<'PY'
import csv, json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
c = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
ok = len(j) == len(c) and all(a["group"] == b["group"] and a["question"] == b["question"] and
    (a["n"] is None and b["n"] == "" or str(a["n"]) == b["n"]) and
    (a["pct_positive"] is None and b["pct_positive"] == "" or f'{a["pct_positive"]:.2f}' == b["pct_positive"])
    for a, b in zip(j, c))
print("ok JSON has the same records as CSV" if ok else "FAIL JSON and CSV differ")
PY

"$CEO" stats --excel -o "$d/x.csv" samples/qualtrics.csv 2>/dev/null
if head -c 3 "$d/x.csv" | od -An -tx1 | grep -q 'ef bb bf' && sed -n 2p "$d/x.csv" | grep -q ';[0-9]*,[0-9][0-9];'; then
  echo "ok --excel writes a BOM, semicolons and decimal commas"
else echo "FAIL --excel form: $(sed -n 2p "$d/x.csv")"; fi

# nothing half-written: a failing run leaves the old output in place
echo "old" > "$d/keep.csv"
"$CEO" stats --by nonsense -o "$d/keep.csv" samples/qualtrics.csv 2>/dev/null
rc=$?
if [ $rc -eq 2 ] && [ "$(cat "$d/keep.csv")" = "old" ] && [ -z "$(ls -A "$d" | grep '^\.keep')" ]; then
  echo "ok a failed run leaves the old output and no temporary file"
else echo "FAIL failed run: exit $rc, output '$(head -c 20 "$d/keep.csv")'"; fi

# the HV provider table: hand computation, and the worse/better providers the generator planted
"$CEO" stats --hv --digits 10 -o "$d/hv.csv" samples/surveymonkey.csv 2>/dev/null
python3 tests/checks/hand_hv.py samples/truth.csv "$d/hv.csv"
"$CEO" stats --hv --format json -o "$d/hv.json" samples/surveymonkey.csv 2>/dev/null
python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print('ok --hv JSON parses,', len(j), 'rows' if j else 'FAIL empty')" "$d/hv.json"
