#!/usr/bin/env bash
# Complaint detection (issue 24): the rules and the model (templates/ceo-wmo/klachtmodel.csv,
# trained by tests/klachtmodel.c from the labelled sets in tests/data but klachten-2 and -3).
# 1. The committed weights are what the training program writes from the committed sets
#    (same program, same sets, same bytes): a change to the sets, the features or the training
#    must come with the weights it gives (make klachtmodel).
# 2. Cross-validation grouped by file (train on the other files, score the one left out):
#    on klachten-1, the only file the rules were not written on, the rules and the model
#    joined stay at or above precision 0.85 and recall 0.80 (measured 0.855 / 0.833 when the
#    model came; a floor against losing ground, not a promise for new text).
# 3. The development set of the hard kinds (klachten-dev.tsv) through `ceo flag --comments`
#    at precision and recall >= 0.95 (it is training data now: a regression check).
set -u
CEO=${CEO:-build/ceo}
TRAIN=${BUILD:-build}/ceo-klachtmodel
SETS="tests/data/klachten-dev.tsv tests/data/heldout/klachten-1.tsv tests/data/open-antwoorden.tsv
      tests/data/open-antwoorden-2.tsv tests/data/open-antwoorden-3.tsv"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT

# shellcheck disable=SC2086
if "$TRAIN" train -c templates/ceo-wmo -o "$d/model.csv" $SETS 2>"$d/err" &&
  cmp -s "$d/model.csv" templates/ceo-wmo/klachtmodel.csv; then
  echo "ok the committed klachtmodel.csv is what the training program writes ($(tail -1 "$d/err" | sed 's/^[^ ]* [^ ]* //'))"
else
  echo "FAIL klachtmodel.csv differs from a fresh training run (make klachtmodel): $(head -c 300 "$d/err")"
fi

# shellcheck disable=SC2086
"$TRAIN" cv -c templates/ceo-wmo $SETS >"$d/cv" 2>&1
line=$(grep -A3 '^held out .*klachten-1.tsv' "$d/cv" | grep '^ *joined ')
read -r _ _ p _ r _ f1 _ <<<"$line"
if [[ "$p $r" =~ ^[0-9.]+\ [0-9.]+$ ]] && awk -v p="$p" -v r="$r" 'BEGIN { exit !(p >= 0.85 && r >= 0.80) }'; then
  echo "ok cross-validation, klachten-1 held out: rules and model joined precision $p recall $r F1 $f1 (floor 0.85 / 0.80)"
else
  echo "FAIL cross-validation, klachten-1 held out: '$line' below 0.85 / 0.80"
fi

out=$(python3 tests/data/heldout/score.py "$CEO" tests/data/klachten-dev.tsv) || out="FAIL $out"
read -r _ p _ r _ f1 _ <<<"$out"
awk -v p="$p" -v r="$r" 'BEGIN { exit !(p >= 0.95 && r >= 0.95) }' \
  && echo "ok klachten-dev.tsv: precision $p recall $r F1 $f1 (floor 0.95 / 0.95)" \
  || echo "FAIL klachten-dev.tsv: $out below 0.95 / 0.95"

# 4. The second round's held-out sets (klachten-2, klachten-3: written by a hand that saw no
#    rule, model or earlier set; never training data), scored once at first sight when the model
#    came (0.864 / 0.820 and 0.850 / 0.850), kept at the issue's target as a floor.
for s in klachten-2 klachten-3; do
  out=$(python3 tests/data/heldout/score.py "$CEO" "tests/data/heldout/$s.tsv") || out="FAIL $out"
  read -r _ p _ r _ f1 _ <<<"$out"
  awk -v p="$p" -v r="$r" 'BEGIN { exit !(p >= 0.85 && r >= 0.75) }' \
    && echo "ok $s.tsv (held out): precision $p recall $r F1 $f1 (floor 0.85 / 0.75)" \
    || echo "FAIL $s.tsv (held out): $out below 0.85 / 0.75"
done
