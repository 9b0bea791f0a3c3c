#!/usr/bin/env bash
# The demo: reads every sample export, then computes the figures of the region, the follow-up
# list and the signals, the PDF reports of every kind with their accessible HTML editions, and
# writes them to out/.
set -u
build=${1:-build}
ceo="$build/ceo"
mkdir -p out
status=0
run() { # description, command...
  local what=$1; shift
  if "$@" 2>>out/demo.log; then echo "ok    $what"; else echo "FAIL  $what (see out/demo.log)"; status=1; fi
}
: > out/demo.log
for f in qualtrics surveymonkey limesurvey excel-nl; do
  run "samples/$f.csv read -> out/check-$f.txt" \
    sh -c "'$ceo' check --config samples/project.ini samples/$f.csv > out/check-$f.txt"
done
run "figures per gemeente and provider -> out/cijfers.csv" \
  "$ceo" stats --config samples/project.ini --by gemeente,aanbieder,voorziening -o out/cijfers.csv samples/qualtrics.csv
run "the same for Dutch Excel -> out/cijfers-excel.csv" \
  "$ceo" stats --config samples/project.ini --by gemeente,aanbieder,voorziening --excel -o out/cijfers-excel.csv samples/qualtrics.csv
run "the same as JSON -> out/cijfers.json" \
  "$ceo" stats --config samples/project.ini --by gemeente,aanbieder,voorziening --format json -o out/cijfers.json samples/qualtrics.csv
run "trend per quarter -> out/trend.csv" \
  "$ceo" stats --config samples/project.ini --by periode --period quarter -o out/trend.csv samples/qualtrics.csv
run "HV providers -> out/hv-aanbieders.csv" \
  "$ceo" stats --config samples/project.ini --hv -o out/hv-aanbieders.csv samples/qualtrics.csv
run "follow-up list, signals, summary -> out/opvolging.csv, out/signalen.csv, out/ontevreden-per-gemeente.csv" \
  "$ceo" flag --config samples/project.ini -o out/opvolging.csv --signals out/signalen.csv \
  --summary out/ontevreden-per-gemeente.csv samples/qualtrics.csv
run "accounting data for VWS -> out/vws.csv" \
  "$ceo" export vws --config samples/project.ini -o out/vws.csv samples/qualtrics.csv
run "the region's dashboard (one HTML file) -> out/dashboard.html" \
  "$ceo" dashboard --config samples/project.ini --out out/dashboard.html samples/qualtrics.csv
mkdir -p out/rapporten
for kind in gemeente regio aanbieder; do
  run "PDF and HTML reports per $kind -> out/rapporten/$kind-*.pdf, $kind-*.html" \
    "$ceo" report --kind $kind --format pdf,html --config samples/project.ini --out-dir out/rapporten samples/qualtrics.csv
done
exit $status
