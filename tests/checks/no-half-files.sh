#!/usr/bin/env bash
# No half files: every output of stats, flag (-o, --signals, --comments), export, check --dump
# and report is written to a temporary file beside the target and renamed. Each command is
# killed with SIGKILL at random moments during its run (reading, computing or writing); after
# each kill every target must be either the old file (a marker written before) or exactly the
# whole new one (from a run that was not killed). A temporary ".NAME.XXXXXX" file may remain
# after SIGKILL (nothing can remove it), but never under the target's name.
set -u
CEO=${CEO:-build/ceo}
KILLS=${KILLS:-12}
S=samples/qualtrics.csv
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
mkdir -p "$d/ref" "$d/run"

# name | targets (relative to the output folder) | command with @ for the output folder
cases=(
  "stats|figures.csv|stats --by gemeente,aanbieder,voorziening,gemeente+aanbieder -o @/figures.csv $S"
  "flag|f.csv s.csv c.csv|flag --config samples/project.ini -o @/f.csv --signals @/s.csv --comments @/c.csv $S"
  "export|vws.csv|export vws --config samples/project.ini -o @/vws.csv $S"
  "dump|dump.csv|check --dump @/dump.csv $S"
  "report|aanbieder-thuiszorg-de-linge-bv.pdf aanbieder-schoon-thuis-thuiszorg.pdf|report --kind aanbieder --config samples/project.ini --out-dir @ $S"
)
for c in "${cases[@]}"; do
  IFS='|' read -r name targets cmd <<<"$c"
  rm -rf "$d/ref"/*; mkdir -p "$d/ref/$name"
  # shellcheck disable=SC2086
  start=$(date +%s%N)
  $CEO ${cmd//@/$d/ref/$name} >/dev/null 2>&1 || { echo "FAIL $name: the reference run failed"; continue; }
  ms=$(( ($(date +%s%N) - start) / 1000000 + 1 ))
  bad=0; old=0; new=0
  for k in $(seq 1 "$KILLS"); do
    out=$d/run/$name; rm -rf "$out"; mkdir -p "$out"
    for t in $targets; do printf 'OLD %s\n' "$t" >"$out/$t"; done
    # shellcheck disable=SC2086
    $CEO ${cmd//@/$out} >/dev/null 2>&1 &
    pid=$!
    sleep "$(awk -v ms="$ms" -v s="$RANDOM" 'BEGIN { srand(s); printf "%.4f", rand() * ms / 1000 }')"
    kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    for t in $targets; do
      if cmp -s "$out/$t" "$d/ref/$name/$t"; then new=$((new+1))
      elif [ "$(cat "$out/$t" 2>/dev/null)" = "OLD $t" ]; then old=$((old+1))
      else bad=$((bad+1)); echo "  $name: $t after a kill at about ${ms} ms: neither old nor new ($(wc -c <"$out/$t" 2>/dev/null) bytes)"; fi
    done
  done
  if [ "$bad" -eq 0 ]; then echo "ok $name killed $KILLS times: $old old and $new new files, no half file"
  else echo "FAIL $name: $bad half files"; fi
done
