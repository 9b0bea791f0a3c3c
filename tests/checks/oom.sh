#!/usr/bin/env bash
# Out-of-memory sweep: for `ceo check`, `ceo stats` and `ceo flag` on a small export (30
# respondents, standard codebook), the Nth allocation through the library's wrapper fails, for
# N = 1, 1+S, 1+2S, ... up to the number a normal run makes. Each run must exit 1 with "out
# of memory" on stderr, leave no output file or temporary file behind, and (in the sanitizer
# build) leak nothing. S is OOM_STRIDE: every run loads the whole standard codebook (about
# 3300 allocations), so the full sweep (S = 1, about 12800 runs) takes some ten minutes; in
# `make test` S is 7 (23 in the sanitizer build), and `make oom` runs the full sweep.
set -u
BUILD=${BUILD:-build}
OOM=$BUILD/ceo-oom
small=tests/fixtures/exports/tiny-qualtrics.csv
case "$BUILD" in *san*) stride=${OOM_STRIDE:-23} ;; *) stride=${OOM_STRIDE:-7} ;; esac
[ -x "$OOM" ] || { echo "FAIL $OOM not built"; exit 0; }
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
mkdir -p "$d/o"
sweep() {
  local out; out=$("$OOM" -s "$stride" "$d/o" -- "$@" 2>&1)
  printf '%s\n' "$out" | sed 's/^\(ok\|FAIL\) /\1 out of memory: /'
}
sweep check "$small"
sweep stats --by gemeente,aanbieder -o "$d/o/figures.csv" "$small"
sweep flag --config samples/project.ini -o "$d/o/opvolging.csv" --signals "$d/o/signalen.csv" \
  --comments "$d/o/opmerkingen.csv" "$small"
[ "$stride" = 1 ] && echo "ok out of memory: every allocation was made to fail" \
  || echo "ok out of memory: every ${stride}th allocation was made to fail (OOM_STRIDE)"
