#!/usr/bin/env bash
# The demo: reads every sample export and writes what ceo makes of it to out/.
# (Figures and PDF reports join here as those commands are built.)
set -u
build=${1:-build}
mkdir -p out
status=0
for f in samples/qualtrics.csv samples/surveymonkey.csv samples/limesurvey.csv samples/excel-nl.csv; do
  name=$(basename "$f" .csv)
  if "$build/ceo" check --config samples/project.ini "$f" > "out/check-$name.txt"; then
    echo "ok    $f -> out/check-$name.txt"
  else
    echo "FAIL  $f (see out/check-$name.txt)"; status=1
  fi
done
exit $status
