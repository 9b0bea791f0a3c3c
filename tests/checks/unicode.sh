#!/usr/bin/env bash
# One text, one group, however it was typed: a gemeente in NFC ("Tiël", U+00EB) and in NFD
# ("Tie" + U+0308 + "l", as a Mac writes it) is one group; a name in letters outside Latin-1
# in upper and lower case ("ŁÓDŹ", "łódź") is one group too.
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
{
  echo "Respondentnummer,Gemeente,Rapportcijfer"
  for i in $(seq 1 30); do
    if [ $((i % 2)) -eq 0 ]; then printf '%s,Ti\xc3\xabl,7\n' "$i"; else printf '%s,Tie\xcc\x88l,8\n' "$i"; fi
  done
  for i in $(seq 31 42); do
    if [ $((i % 2)) -eq 0 ]; then printf '%s,\xc5\x81\xc3\x93D\xc5\xb9,6\n' "$i"; else printf '%s,\xc5\x82\xc3\xb3d\xc5\xba,9\n' "$i"; fi
  done
} >"$d/e.csv"
"$CEO" stats --by gemeente -o "$d/s.csv" "$d/e.csv" 2>"$d/err" || echo "FAIL stats exited $?: $(cat "$d/err")"
rows=$(grep -c '^gemeente,' "$d/s.csv")
[ "$rows" -eq 2 ] && echo "ok two gemeenten, not four" || echo "FAIL $rows gemeente rows: $(grep '^gemeente,' "$d/s.csv")"
grep -q "^gemeente,Ti$(printf '\xc3\xab')l,cijfer,,30," "$d/s.csv" \
  && echo "ok Tiël in NFC and NFD is one group of 30, written in NFC" \
  || echo "FAIL Tiël: $(grep '^gemeente,' "$d/s.csv")"
grep -q "^gemeente,[^,]*,cijfer,,12," "$d/s.csv" && echo "ok ŁÓDŹ and łódź are one group of 12" \
  || echo "FAIL Łódź: $(grep '^gemeente,' "$d/s.csv")"
! grep -q "$(printf '\xcc\x88')" "$d/s.csv" && echo "ok no combining mark left in the output" \
  || echo "FAIL a combining diaeresis in the output"
