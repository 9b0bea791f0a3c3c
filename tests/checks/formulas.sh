#!/usr/bin/env bash
# Formula injection (issue 19, finding 5): an export with spreadsheet formulas planted in
# gemeente, voorziening, aanbieder, opmerkingen and the contact fields, run through every CSV
# output of ceo, plain and Excel: no cell starts with = + - @ TAB or CR unless it is a number;
# the planted values arrive with an apostrophe in front; numbers stay as they are.
set -u
CEO=${CEO:-build/ceo}
root=$(pwd)
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }

python3 tests/checks/plant_formulas.py samples/qualtrics.csv "$d/f.csv"
run() { "$@" >>"$d/log" 2>&1 || fail "exit $?: ${*#$CEO }"; }
for x in "" --excel; do
  s=${x:+-x}
  run "$CEO" stats $x --by gemeente,voorziening,aanbieder -o "$d/stats$s.csv" "$d/f.csv"
  run "$CEO" stats $x --hv -o "$d/hv$s.csv" "$d/f.csv"
  run "$CEO" export vws $x -o "$d/vws$s.csv" "$d/f.csv"
  run "$CEO" flag $x -o "$d/list$s.csv" --signals "$d/sig$s.csv" --summary "$d/sum$s.csv" \
    --comments "$d/com$s.csv" "$d/f.csv"
done
run "$CEO" check --dump "$d/dump.csv" "$d/f.csv"
# batch list names the file added: a file name is a cell too
cp "$d/f.csv" "$d/@SUM(1+1).csv"
(cd "$d" && "$root/$CEO" batch add --store s.db '@SUM(1+1).csv' >>log 2>&1) || fail "batch add"
"$CEO" batch list --store "$d/s.db" >"$d/batches.csv" 2>>"$d/log" || fail "batch list"

files=()
for f in stats hv vws list sig sum com stats-x hv-x vws-x list-x sig-x sum-x com-x dump batches; do
  files+=("+$d/$f.csv")
done
python3 tests/checks/csv_formulas.py "${files[@]}" | sed "s#$d/##"

# numbers stay numbers: a phone number in the plain list as it is, in Excel as ="..."
if grep -q ',+31612345678,' "$d/list.csv" && grep -q ';"=""+31612345678""";' "$d/list-x.csv"
then ok "the phone number +31612345678 is kept as a number (plain) and as =\"...\" (Excel)"
else fail "the phone number +31612345678 was changed"; fi
# the guard adds an apostrophe and nothing else
if grep -q "^\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\",[0-9]" "$d/sum.csv"
then ok "a planted =HYPERLINK(...) gemeente is written as '=HYPERLINK(...)"
else fail "the guarded =HYPERLINK(...) gemeente is not as expected: $(grep HYPERLINK "$d/sum.csv")"; fi
