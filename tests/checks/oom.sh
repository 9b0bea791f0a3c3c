#!/usr/bin/env bash
# Out-of-memory sweep: for `ceo check`, `ceo stats`, `ceo flag` and `ceo report --kind
# aanbieder` on a small export (30 respondents, standard codebook), the Nth allocation through
# the library's wrapper fails, for N = 1, 1+S, 1+2S, ... up to the number a run with failures
# armed makes (such a run stays on one thread). Each run must exit 1 with "out of memory" on
# stderr, leave no output file or temporary file behind, and (in the sanitizer build) leak
# nothing. S is OOM_STRIDE: every run loads the whole standard codebook (about 3300
# allocations), so the full sweep (S = 1: about 12,800 runs, and 4,160 for the reports, five
# PDFs of about 20,800 allocations, swept every 5S-th N) takes some twelve minutes; in `make
# test` S is 7 (23 in the sanitizer build), and `make oom` runs the full sweep.
# `ceo batch add` is swept too (every 3S-th N), with the store checked after each run.
set -u
BUILD=${BUILD:-build}
OOM=$BUILD/ceo-oom
small=tests/fixtures/exports/tiny-qualtrics.csv
case "$BUILD" in *san*) stride=${OOM_STRIDE:-23} ;; *) stride=${OOM_STRIDE:-7} ;; esac
[ -x "$OOM" ] || { echo "FAIL $OOM not built"; exit 0; }
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
mkdir -p "$d/o"
sweep() {
  local out; out=$("$OOM" -s "${SWEEP_STRIDE:-$stride}" "$d/o" -- "$@" 2>&1)
  printf '%s\n' "$out" | sed 's/^\(ok\|FAIL\) /\1 out of memory: /'
}
sweep check "$small"
sweep stats --by gemeente,aanbieder -o "$d/o/figures.csv" "$small"
sweep flag --config samples/project.ini -o "$d/o/opvolging.csv" --signals "$d/o/signalen.csv" \
  --comments "$d/o/opmerkingen.csv" "$small"
# the provider reports (five PDFs, about 20,800 allocations): every 5S-th
SWEEP_STRIDE=$((5 * stride)) sweep report --kind aanbieder --config samples/project.ini \
  --out-dir "$d/o" "$small"
[ "$stride" = 1 ] && echo "ok out of memory: every allocation was made to fail" \
  || echo "ok out of memory: every ${stride}th allocation was made to fail (OOM_STRIDE)"

# batch add: a failed allocation anywhere in an add (reading, matching ids against the store,
# writing) leaves the store as it was: exit 1, "out of memory", the same batches, and it
# verifies. The file overlaps the store, repeats two respondents and changes one answer, so the
# look-up, update and replace paths run too.
CEO=$BUILD/ceo
mkdir -p "$d/b/m" "$d/b/o"
"$BUILD/ceo-gen" --monthly --n 240 --layout qualtrics --out-dir "$d/b/m" >/dev/null
"$CEO" batch add -q --store "$d/b/pristine.db" "$d/b/m/qualtrics-2025-01.csv" "$d/b/m/qualtrics-2025-02.csv"
python3 - "$d/b" <<'PY'
import csv, sys
d = sys.argv[1]
rd = lambda p: list(csv.reader(open(p, encoding="utf-8-sig", newline="")))
a, b = rd(d + "/m/qualtrics-2025-02.csv"), rd(d + "/m/qualtrics-2025-03.csv")
r = list(a[3]); i = next(i for i, h in enumerate(a[1]) if "wist waar ik moest zijn" in h)
r[i] = "Helemaal niet mee eens" if r[i] != "Helemaal niet mee eens" else "Helemaal mee eens"
csv.writer(open(d + "/mix.csv", "w", encoding="utf-8", newline=""),
           lineterminator="\r\n").writerows(b[:3] + a[4:10] + [r] + b[3:] + b[3:5])
PY
"$CEO" batch list --store "$d/b/pristine.db" >"$d/b/l0.csv"
cp "$d/b/pristine.db" "$d/b/s.db"
total=$("$OOM" -s 100000000 "$d/b/o" -- batch add -q --store "$d/b/s.db" "$d/b/mix.csv" 2>&1 |
        sed -n 's/.*: \([0-9]*\) allocations.*/\1/p')
bstride=$((stride * 3)); runs=0; wrong=0; first=""
for n in $(seq 1 "$bstride" "${total:-0}"); do
  cp "$d/b/pristine.db" "$d/b/s.db"; rm -f "$d/b/s.db-wal" "$d/b/s.db-shm"
  "$OOM" -n "$n" "$d/b/o" -- batch add -q --store "$d/b/s.db" "$d/b/mix.csv" >"$d/b/out" 2>&1
  runs=$((runs + 1))
  if grep -q "status 0x100" "$d/b/out" && grep -q "out of memory" "$d/b/out" &&
     "$CEO" batch list --store "$d/b/s.db" >"$d/b/l1.csv" 2>&1 && cmp -s "$d/b/l0.csv" "$d/b/l1.csv" &&
     "$CEO" batch verify --store "$d/b/s.db" >/dev/null 2>&1; then :; else
    wrong=$((wrong + 1)); [ -n "$first" ] || first="n=$n: $(tail -2 "$d/b/out" | tr '\n' ' ')"
  fi
done
if [ "${total:-0}" -gt 1000 ] && [ "$wrong" = 0 ]; then
  echo "ok out of memory: batch add: $total allocations, $runs runs with one failing (one N in ${bstride}), the store unchanged and verified each time"
else echo "FAIL out of memory: batch add: $total allocations, $runs runs, $wrong wrong; $first"; fi
