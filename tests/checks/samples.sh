#!/usr/bin/env bash
# The sample exports: each layout maps every standard item, role and HV item with no
# unrecognised value, and its coded answers equal the generator's truth cell by cell; the
# committed samples are exactly what the generator makes.
set -u
CEO=${CEO:-build/ceo}
GEN=${GEN:-build/ceo-gen}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
need="respondent_id datum gemeente voorziening aanbieder wist_waar snel_geholpen serieus_genomen
samen_oplossingen clientondersteuner kwaliteit_goed past_bij_hulpvraag dingen_doen beter_redden
kwaliteit_leven cijfer opmerkingen hv_vaste_hulp hv_op_tijd hv_vervanging hv_schoon hv_respect
hv_afspraken hv_bereikbaar hv_cijfer hv_aanbevelen contact_toestemming"
for layout in qualtrics surveymonkey limesurvey excel-nl; do
  f=samples/$layout.csv
  out=$("$CEO" check --dump "$d/$layout.csv" "$f" 2>"$d/err"); rc=$?
  if [ $rc -ne 0 ]; then echo "FAIL $layout: ceo check exit $rc: $(head -3 "$d/err")"; continue; fi
  missing=""
  for id in $need; do
    printf '%s\n' "$out" | grep -Eq "^  [0-9]+ +.* $id(:[a-z0-9_]+)? \(" || missing="$missing $id"
  done
  if [ -n "$missing" ]; then echo "FAIL $layout: not mapped:$missing"; else echo "ok $layout maps every standard item, role and HV item"; fi
  case "$out" in *"unrecognised values: none"*) echo "ok $layout has no unrecognised values" ;;
                 *) echo "FAIL $layout: unrecognised values" ;; esac
  python3 tests/checks/compare_truth.py "$layout" "$d/$layout.csv" samples/truth.csv
done
# the committed samples are current: regenerate and compare byte for byte
if "$GEN" --out-dir "$d/gen" >/dev/null 2>&1 || { mkdir -p "$d/gen" && "$GEN" --out-dir "$d/gen" >/dev/null; }; then
  for f in qualtrics.csv surveymonkey.csv limesurvey.csv excel-nl.csv truth.csv uitgezet.csv populatie.csv; do
    if cmp -s "$d/gen/$f" "samples/$f"; then echo "ok samples/$f is what the generator makes"
    else echo "FAIL samples/$f differs from the generator's output (run make samples)"; fi
  done
else
  echo "FAIL the generator did not run"
fi
