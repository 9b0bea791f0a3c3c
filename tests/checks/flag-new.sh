#!/usr/bin/env bash
# ceo flag --store --new, the store's follow-up memory (issue 19): two runs started at the same
# moment never list the same respondent, and together they list exactly what one run lists.
set -u
CEO=${CEO:-build/ceo}
GEN=${GEN:-build/ceo-gen}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
ids() { tail -n +2 "$1" | cut -d, -f1 | sort; }

"$GEN" --n 1500 --layout qualtrics --out-dir "$d" >/dev/null
"$CEO" batch add -q --store "$d/base.db" "$d/qualtrics.csv" || fail "batch add: exit $?"
cp "$d/base.db" "$d/one.db"
"$CEO" flag --store "$d/one.db" --new -o "$d/one.csv" 2>/dev/null
ids "$d/one.csv" >"$d/one.ids"

# 20 trials: two processes at once on a fresh copy of the store
bad=0; why=""
for i in $(seq 1 20); do
  rm -f "$d/t.db" "$d/t.db-wal" "$d/t.db-shm" "$d/A.csv" "$d/B.csv"
  cp "$d/base.db" "$d/t.db"
  "$CEO" flag --store "$d/t.db" --new -o "$d/A.csv" 2>"$d/errA" & pa=$!
  "$CEO" flag --store "$d/t.db" --new -o "$d/B.csv" 2>"$d/errB" & pb=$!
  wait $pa; ra=$?; wait $pb; rb=$?
  if [ $ra -ne 0 ] || [ $rb -ne 0 ]; then bad=$((bad+1)); why="exit $ra/$rb"; continue; fi
  ids "$d/A.csv" >"$d/A.ids"; ids "$d/B.csv" >"$d/B.ids"
  both=$(comm -12 "$d/A.ids" "$d/B.ids" | wc -l)
  if [ "$both" -ne 0 ]; then bad=$((bad+1)); why="trial $i: $both respondents in both lists"; continue; fi
  if ! sort "$d/A.ids" "$d/B.ids" | cmp -s - "$d/one.ids"; then
    bad=$((bad+1)); why="trial $i: the two lists together are not one run's list"; fi
done
if [ "$(wc -l <"$d/one.ids")" -gt 0 ] && [ $bad -eq 0 ]; then
  ok "flag --store --new from two processes at once, 20 trials: no respondent in both lists, together one run's list ($(wc -l <"$d/one.ids"))"
else fail "flag --new race: $bad of 20 trials wrong ($why)"; fi
