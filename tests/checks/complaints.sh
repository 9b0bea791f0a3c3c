#!/usr/bin/env bash
# Complaint detection (issue 24): the development set of the hard kinds
# (tests/data/klachten-dev.tsv, what the rules were tuned on) at precision and recall >= 0.95;
# the held-out set (tests/data/heldout/klachten-1.tsv, never read while tuning) kept at the
# figures of its measurement after the rules changed (precision 0.869, recall 0.679: a floor
# against losing ground, not the issue's target of recall 0.75, which is not reached).
set -u
CEO=${CEO:-build/ceo}
check() { # set min_precision min_recall
  out=$(python3 tests/data/heldout/score.py "$CEO" "$1") || { echo "FAIL score.py $1: $out"; return; }
  read -r _ p _ r _ f1 _ <<<"$out"
  awk -v p="$p" -v r="$r" -v mp="$2" -v mr="$3" 'BEGIN { exit !(p >= mp && r >= mr) }' \
    && echo "ok $(basename "$1"): precision $p recall $r F1 $f1 (floor $2 / $3)" \
    || echo "FAIL $(basename "$1"): precision $p recall $r below $2 / $3"
}
check tests/data/klachten-dev.tsv 0.95 0.95
check tests/data/heldout/klachten-1.tsv 0.85 0.67
