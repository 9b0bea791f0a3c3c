#!/usr/bin/env bash
# Personal data in category cells (issue 19, finding 3): an export with contact details in
# provider, gemeente, voorziening and single-choice cells (plant_cells.py). No output of stats
# (CSV, JSON, --hv), report (every kind: text of every PDF and the file names), flag
# (follow-up list, --summary, --signals, --comments) or export vws shows any of it; ceo check
# names each place (path:line:column) and says what the value holds, not the value.
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }

python3 tests/checks/plant_cells.py samples/qualtrics.csv "$d/in.csv" "$d/secrets.txt"
cfg="--config samples/project.ini"
mkdir "$d/o"
"$CEO" stats $cfg --by gemeente,aanbieder,voorziening,geslacht,woonsituatie -o "$d/o/stats.csv" \
  "$d/in.csv" 2>"$d/o/stats.err" || fail "stats exit $?: $(head -2 "$d/o/stats.err")"
"$CEO" stats $cfg --by gemeente,aanbieder,voorziening,geslacht --format json -o "$d/o/stats.json" \
  "$d/in.csv" 2>"$d/o/json.err" || fail "stats json exit $?"
"$CEO" stats $cfg --hv -o "$d/o/hv.csv" "$d/in.csv" 2>"$d/o/hv.err" || fail "stats --hv exit $?"
"$CEO" flag $cfg -o "$d/o/opv.csv" --summary "$d/o/summary.csv" --signals "$d/o/signals.csv" \
  --comments "$d/o/comments.csv" "$d/in.csv" >"$d/o/flag.out" 2>"$d/o/flag.err" \
  || fail "flag exit $?: $(head -2 "$d/o/flag.err")"
"$CEO" export vws $cfg -o "$d/o/vws.csv" "$d/in.csv" 2>"$d/o/vws.err" || fail "export vws exit $?"
mkdir "$d/pdf"
for kind in gemeente regio aanbieder; do
  "$CEO" report --kind $kind $cfg --out-dir "$d/pdf" "$d/in.csv" 2>"$d/o/report-$kind.err" \
    || fail "report --kind $kind exit $?: $(head -2 "$d/o/report-$kind.err")"
done
for f in "$d"/pdf/*.pdf; do pdftotext "$f" "$d/o/$(basename "$f").txt"; done
ls "$d/pdf" >"$d/o/pdf-names.txt"
n=$(ls "$d"/pdf/aanbieder-*.pdf 2>/dev/null | wc -l)
[ "$n" -gt 0 ] && ok "aanbieder reports written ($n)" || fail "no aanbieder reports"
found=$(grep -rlF -f "$d/secrets.txt" "$d/o" | xargs -r -n1 basename | tr '\n' ' ')
if [ -z "$found" ]; then
  ok "no planted contact detail in stats, hv, flag, summary, comments, vws, PDFs or file names"
else
  fail "planted contact details in: $found"
fi
# the provider the respondents wrote after "anders" counts under anders
if grep -q '^aanbieder,anders,' "$d/o/stats.csv"; then
  ok "the provider cells with a name are counted under anders"
else
  fail "no aanbieder group anders in stats"
fi

"$CEO" check $cfg "$d/in.csv" >"$d/check.out" 2>&1
if grep -qF -f "$d/secrets.txt" "$d/check.out"; then
  fail "ceo check prints a planted value: $(grep -F -f "$d/secrets.txt" "$d/check.out" | head -2)"
else
  ok "ceo check prints no planted value"
fi
line=$(python3 - "$d/in.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
for i, r in enumerate(rows):
    for j, v in enumerate(r):
        if v == "Anders: Piet Zwartkop 0611223344":
            print(f"{i + 1}:{j + 1}")
            sys.exit()
PY
)
if grep -q "a value holding a phone number and a name in aanbieder.*in.csv:$line" "$d/check.out"; then
  ok "ceo check names the place of the provider cell ($line)"
else
  fail "ceo check does not name in.csv:$line: $(grep -i -A3 'personal data' "$d/check.out" | head -5)"
fi
for what in "an e-mail address in gemeente" "an IBAN in voorziening" "a name in geslacht" \
            "an address in woonsituatie"; do
  grep -q "a value holding $what" "$d/check.out" && ok "ceo check: $what" \
    || fail "ceo check says nothing of $what"
done
