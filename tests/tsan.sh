#!/usr/bin/env bash
# tsan.sh BUILD TSAN_BUILD - ceo's threaded paths under ThreadSanitizer: an export of 30,000
# respondents over 20 providers (about 18 MB, so the CSV reader parses it in segments on worker
# threads), read by check, stats, flag and the provider and gemeente reports (PDFs drawn on
# several threads, the trend beside the figures), and stats on 60,000 respondents (enough for
# the passes over the respondents to run side by side). Each run must exit as the normal build
# does, report no data race (halt_on_error) and write the same files, byte for byte; then the
# unit tests, whose CSV tests read in segments on worker threads. Its last line is
# "N passed, N failed".
set -u
build=$1; tsan=$2
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
pass=0; failed=0
"$build/ceo-gen" --n 30000 --providers 20 --layout qualtrics --out-dir "$d" >/dev/null
mkdir "$d/groot"
"$build/ceo-gen" --n 60000 --providers 20 --layout qualtrics --out-dir "$d/groot" >/dev/null
export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
run() { # name, then ceo's arguments with @ for the output folder
  local name=$1; shift
  mkdir -p "$d/n-$name" "$d/t-$name"
  "$build/ceo" "${@//@/$d/n-$name}" >"$d/n-$name/stdout" 2>"$d/n-$name.err"; local rn=$?
  "$tsan/ceo" "${@//@/$d/t-$name}" >"$d/t-$name/stdout" 2>"$d/t-$name.err"; local rt=$?
  if [ $rt -eq $rn ] && ! grep -q "ThreadSanitizer" "$d/t-$name.err" &&
     diff -r "$d/n-$name" "$d/t-$name" >/dev/null; then
    echo "ok $name: exit $rt, no race, the same output"; pass=$((pass + 1))
  else
    echo "FAIL $name: exit $rn/$rt $(grep -m1 -A3 "WARNING: ThreadSanitizer" "$d/t-$name.err")"
    diff -r "$d/n-$name" "$d/t-$name" | head -3
    failed=$((failed + 1))
  fi
}
f="$d/qualtrics.csv"
run check check "$f"
run stats stats --by gemeente,aanbieder,periode --period quarter -o @/cijfers.csv "$f"
run stats-groot stats --weights --by gemeente,aanbieder,gemeente+aanbieder,periode --period quarter \
  --digits 10 -o @/cijfers.csv "$d/groot/qualtrics.csv"
run flag flag --config samples/project.ini -o @/opvolging.csv --signals @/signalen.csv \
  --comments @/opmerkingen.csv "$f"
run aanbieder report --kind aanbieder --config samples/project.ini --out-dir @ "$f"
run gemeente report --kind gemeente --config samples/project.ini --out-dir @ "$f"
# The unit tests read inputs in segments of many sizes on worker threads (test_csvsrc.c).
if "$tsan/unit-tests" >"$d/unit.out" 2>&1 && ! grep -q "ThreadSanitizer" "$d/unit.out"; then
  echo "ok unit: $(tail -1 "$d/unit.out"), no race"; pass=$((pass + 1))
else
  echo "FAIL unit: $(grep -m1 -A3 "WARNING: ThreadSanitizer" "$d/unit.out" || tail -3 "$d/unit.out")"
  failed=$((failed + 1))
fi
echo "$pass passed, $failed failed"
[ $failed -eq 0 ]
