#!/usr/bin/env bash
# compare-outputs.sh OLD_CEO NEW_CEO: runs one fixed set of commands over samples/ and
# tests/fixtures/ with both programs and reports every difference: standard output, standard
# error, exit status, the names of the files written and their contents. Stats in every form
# (CSV, Excel CSV, JSON, --hv, crossings, periods, --compare, weights), the follow-up list
# with its signals, summary and comments, the VWS export, and the reports of every kind; a
# PDF is compared as its text (pdftotext) and as the checksums of its page images (pdftoppm
# -png -r 40). For a refactoring that must leave every output as it was: build the old
# program from the commit before, then
#   tests/compare-outputs.sh /tmp/old/build/ceo build/ceo
# Run from the top of the repository; exit status 0 when all is the same, 1 otherwise.
set -u
if [ $# -ne 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
  echo "usage: tests/compare-outputs.sh OLD_CEO NEW_CEO" >&2
  exit 2
fi
OLD=$(readlink -f "$1")
NEW=$(readlink -f "$2")
cd "$(dirname "$0")/.."
d=$(mktemp -d)
# KEEP=1 keeps the outputs (the folder is named at the end)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$d"' EXIT

# name | command line: $CEO is the program, $O the case's own output folder. The year is fixed
# as the tests fix it (CEO_YEAR); the reports take theirs from the project file or the dates.
read -r -d '' CASES <<'EOF'
stats-csv|$CEO stats --config samples/project.ini --by gemeente,aanbieder,voorziening,gemeente+aanbieder samples/qualtrics.csv
stats-excel|$CEO stats --config samples/project.ini --by gemeente,voorziening --excel -o $O/stats.csv samples/qualtrics.csv
stats-json|$CEO stats --config samples/project.ini --by gemeente,aanbieder --format json samples/qualtrics.csv
stats-hv|$CEO stats --config samples/project.ini --hv samples/qualtrics.csv
stats-hv-excel|$CEO stats --config samples/project.ini --hv --excel samples/surveymonkey.csv
stats-cross|$CEO stats --config samples/project.ini --by gemeente+voorziening,aanbieder+voorziening --digits 4 samples/qualtrics.csv
stats-period|$CEO stats --config samples/project.ini --by periode,gemeente+periode --period quarter samples/qualtrics.csv
stats-compare|$CEO stats --config samples/project.ini --by gemeente --compare samples/surveymonkey.csv samples/qualtrics.csv
stats-weights|$CEO stats --config samples/project.ini --by gemeente --weights samples/qualtrics.csv
stats-poststrat|$CEO stats --config samples/project.ini --by gemeente,voorziening --post-stratify samples/qualtrics.csv
stats-layouts|$CEO stats --by gemeente samples/limesurvey.csv samples/excel-nl.csv
stats-fixtures|for f in tests/fixtures/exports/*.csv; do echo "# $f"; CEO_YEAR=2025 $CEO stats --by gemeente,aanbieder $f; echo "rc $?"; done
stats-multi|for f in tests/fixtures/multi/*.csv; do echo "# $f"; CEO_YEAR=2025 $CEO stats --by gemeente $f; echo "rc $?"; done
stats-date|CEO_YEAR=2025 $CEO stats --by periode --period quarter tests/fixtures/exports/date-typo.csv
flag-all|$CEO flag --config samples/project.ini -o $O/volg.csv --signals $O/signalen.csv --summary $O/samenvatting.csv --comments $O/opmerkingen.csv samples/qualtrics.csv
flag-excel|$CEO flag --config samples/project.ini --excel -o $O/volg.csv --signals $O/signalen.csv --summary $O/samenvatting.csv --comments $O/opmerkingen.csv samples/surveymonkey.csv
flag-stdout|$CEO flag --min-positive 60 --signals $O/signalen.csv samples/limesurvey.csv
export-vws|$CEO export vws --config samples/project.ini samples/qualtrics.csv
export-vws-excel|$CEO export vws --config samples/project.ini --excel -o $O/vws.csv samples/surveymonkey.csv
export-vws-plain|$CEO export vws samples/limesurvey.csv
report-gemeente|$CEO report --kind gemeente --config samples/project.ini --out-dir $O samples/qualtrics.csv
report-regio|$CEO report --kind regio --config samples/project.ini --out-dir $O --layout-log $O/log.tsv samples/qualtrics.csv
report-aanbieder|$CEO report --kind aanbieder --config samples/project.ini --out-dir $O samples/qualtrics.csv
report-compare|$CEO report --kind gemeente --only Tiel --compare samples/surveymonkey.csv --out-dir $O samples/qualtrics.csv
report-noconfig|$CEO report --kind regio --out-dir $O samples/limesurvey.csv
report-small|$CEO report --kind aanbieder --min-n 5 --out-dir $O tests/fixtures/exports/small-qualtrics.csv
report-bad|$CEO report --kind gemeente --out-dir $O/nowhere samples/qualtrics.csv; $CEO report --kind x samples/qualtrics.csv; $CEO report --kind aanbieder --only Niemand --out-dir $O samples/qualtrics.csv
EOF

# run_all CEO DIR: every case into DIR/NAME/ (out, err, rc, the files written)
run_all() {
  local ceo=$1 dir=$2 name cmd
  while IFS='|' read -r name cmd; do
    [ -n "$name" ] || continue
    local o="$dir/$name"
    mkdir -p "$o"
    CEO=$ceo O=$o LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= bash -c "CEO=\$CEO; O=\$O; $cmd" \
      >"$o/.out" 2>"$o/.err" </dev/null
    echo $? >"$o/.rc"
    # the folders differ between the runs: the output names them alike
    sed -i "s|$dir|OUT|g" "$o/.out" "$o/.err"
    for f in "$o"/*.tsv; do [ -f "$f" ] && sed -i "s|$dir|OUT|g" "$f"; done
    for f in "$o"/*.pdf; do
      [ -f "$f" ] || continue
      pdftotext -layout "$f" "$f.txt" 2>/dev/null
      mkdir "$f.img"
      pdftoppm -png -r 40 "$f" "$f.img/p" 2>/dev/null
      (cd "$f.img" && md5sum -- *.png) >"$f.pages"
      rm -rf "$f.img" "$f"
      touch "$f" # the name stays, for the list of files
    done
  done <<<"$CASES"
}

start=$(date +%s)
run_all "$OLD" "$d/old" &
run_all "$NEW" "$d/new"
wait
if diff -r "$d/old" "$d/new" >"$d/diff"; then
  n=$(grep -c '|' <<<"$CASES")
  files=$(find "$d/new" -type f ! -name '.*' | wc -l)
  pages=$(cat "$d"/new/*/*.pages 2>/dev/null | wc -l)
  echo "same: $n cases, $files files ($pages PDF pages as text and images), $(($(date +%s) - start)) s"
  [ -z "${KEEP:-}" ] || echo "outputs in $d"
  exit 0
fi
[ -z "${KEEP:-}" ] || echo "outputs in $d"
echo "DIFFERENT:"
head -100 "$d/diff"
exit 1
