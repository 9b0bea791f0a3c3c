#!/usr/bin/env bash
# Column placement beyond the header patterns (ceo check --write-config) on the corpora in
# tests/headers/: each export with its truth (column -> item, or '-' for a column that must not
# be placed) and a hand-written project file. dev/ was used to build the rules; heldout/ was
# measured at first sight and then looked at; heldout2/ was written independently and never
# looked at while the rules were made. Everywhere: no column placed wrong (a wrong placement is
# worse than none). On dev/: every column placed right, and the figures with the written file
# equal those with the hand-written one.
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
for set in dev heldout heldout2; do
  for csv in tests/headers/$set/export_*.csv; do
    name=$(basename "$csv" .csv); truth=${csv%.csv}.truth.tsv; hand=${csv%.csv}.ini
    "$CEO" check --write-config "$d/$name.ini" "$csv" >/dev/null 2>&1
    [ -f "$d/$name.ini" ] || { echo "FAIL $set/$name: no project file written"; continue; }
    score=$(python3 tests/headers/score.py "$CEO" "$csv" "$truth" --config "$d/$name.ini" | tail -1)
    set -- $(printf '%s\n' "$score" | sed -E 's/.*placed ([0-9]+) right, ([0-9]+) wrong, ([0-9]+) missed of ([0-9]+) placeable; ([0-9]+) of ([0-9]+).*/\1 \2 \3 \4 \5 \6/')
    right=$1 wrong=$2 missed=$3 placeable=$4 alone=$5 unplaceable=$6
    [ "$wrong" = 0 ] && [ "$alone" = "$unplaceable" ] \
      && echo "ok $set/$name: none placed wrong ($right of $placeable right, $missed missed; $alone of $unplaceable near-misses left alone)" \
      || echo "FAIL $set/$name: $score"
    if [ "$set" = dev ]; then
      [ "$right" = "$placeable" ] && echo "ok $set/$name: every column placed" || echo "FAIL $set/$name: $score"
      "$CEO" stats --config "$d/$name.ini" -o "$d/w.csv" "$csv" 2>/dev/null
      "$CEO" stats --config "$hand" -o "$d/h.csv" "$csv" 2>/dev/null
      [ -s "$d/w.csv" ] && cmp -s "$d/w.csv" "$d/h.csv" \
        && echo "ok $set/$name: figures with the written file equal those with the hand-written one" \
        || echo "FAIL $set/$name: figures differ: $(diff "$d/w.csv" "$d/h.csv" | head -3)"
    fi
  done
done
# The written file is a project file: a --config given is kept, and it loads again.
printf '[drempels]\nmin_n = 5\n' > "$d/own.ini"
"$CEO" check --config "$d/own.ini" --write-config "$d/both.ini" tests/headers/dev/export_a.csv >/dev/null 2>&1
grep -q '^min_n = 5$' "$d/both.ini" && grep -q '^Woonplaats = gemeente$' "$d/both.ini" \
  && "$CEO" check --config "$d/both.ini" tests/headers/dev/export_a.csv >/dev/null 2>&1 \
  && echo "ok --write-config keeps the --config file given and the result loads" \
  || echo "FAIL --write-config with --config: $(head -20 "$d/both.ini")"
# ceo check names the candidates beside an unused column
"$CEO" check tests/headers/dev/export_a.csv 2>/dev/null | grep -A1 '^  3  *Woonplaats$' | grep -q 'resembles gemeente 1.00  -> --write-config maps it to gemeente' \
  && echo "ok ceo check shows what an unused column resembles" || echo "FAIL ceo check shows no candidates"
# A numbered scale whose direction the data contradict: the file says which [codes] settle it.
"$CEO" check --write-config "$d/codes.ini" tests/fixtures/direction/codes_5_positive.csv >/dev/null 2>&1
grep -q '^likert5 = 5,4,3,2,1,9$' "$d/codes.ini" && "$CEO" stats --config "$d/codes.ini" -o "$d/c.csv" tests/fixtures/direction/codes_5_positive.csv 2>/dev/null \
  && "$CEO" stats -o "$d/wd.csv" tests/fixtures/direction/words.csv 2>/dev/null && cmp -s "$d/c.csv" "$d/wd.csv" \
  && echo "ok --write-config writes the [codes] the data point to, and the figures are right with it" \
  || echo "FAIL [codes] not written: $(grep -A3 codes "$d/codes.ini")"
"$CEO" check --write-config "$d/weak.ini" tests/fixtures/direction/codes_5_positive_small.csv >/dev/null 2>&1
grep -q '^# likert5 = 1,2,3,4,5,9 .* or 5,4,3,2,1,9 ' "$d/weak.ini" && ! grep -q '^likert5' "$d/weak.ini" \
  && echo "ok too little evidence: both [codes] lines as a comment, none chosen" || echo "FAIL weak evidence: $(grep likert5 "$d/weak.ini")"
