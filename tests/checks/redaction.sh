#!/usr/bin/env bash
# Redaction of open answers (issue 19): the development set (tests/redact/dev.tsv, the forms
# the rules were tuned on) fully redacted; the held-out set (tests/redact/heldout.tsv, written
# apart from the rules and never read while tuning them) at >= 95 % per kind of personal data
# with no false redaction; the word list missing stops `flag --comments` before any output.
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
score() { python3 tests/redact/score.py "$CEO" "$1" >"$d/score" 2>&1 || { echo "FAIL score.py $1: $(head -3 "$d/score")"; return 1; }; }

if score tests/redact/dev.tsv; then
  while read -r kind ok _ total _; do
    kind=${kind%:}
    [ "$ok" = "$total" ] && echo "ok dev $kind: $ok of $total" || echo "FAIL dev $kind: $ok of $total"
  done <"$d/score"
fi

# heldout2 to heldout5 became development sets after their first measurement
# (tests/redact/README.md): everything but one name each, one address of heldout4 and two of
# heldout5
for set in heldout2 heldout3 heldout4 heldout5; do
  score tests/redact/$set.tsv || continue
  while read -r kind ok _ total _; do
    kind=${kind%:}
    want=$total; [ "$kind" = naam ] && want=$((total - 1))
    [ "$set/$kind" = heldout4/adres ] && want=$((total - 1))
    [ "$set/$kind" = heldout5/adres ] && want=$((total - 2))
    [ "$ok" -ge "$want" ] && echo "ok $set $kind: $ok of $total" || echo "FAIL $set $kind: $ok of $total"
  done <"$d/score"
done

for set in heldout heldout6; do
if score tests/redact/$set.tsv; then
  while read -r kind ok _ total _; do
    kind=${kind%:}
    if [ "$kind" = geen ]; then
      [ "$ok" = "$total" ] && echo "ok $set: no false redaction in $total texts" \
        || echo "FAIL $set: $((total - ok)) of $total texts without personal data changed"
    elif [ $((ok * 100)) -ge $((total * 95)) ]; then
      echo "ok $set $kind: $ok of $total (>= 95 %)"
    else
      echo "FAIL $set $kind: $ok of $total (< 95 %)"
    fi
  done <"$d/score"
fi
done

# no word list: exit 1 naming the file and the package, and neither output written
printf 'Respondentnummer,Gemeente,Rapportcijfer,Opmerkingen\n1,Tiel,3,"mevrouw Jansen belt niet terug"\n' >"$d/e.csv"
CEO_WORDLIST="$d/none" "$CEO" flag -o "$d/f.csv" --comments "$d/c.csv" "$d/e.csv" 2>"$d/err"; rc=$?
[ $rc -eq 1 ] && grep -q "$d/none: cannot read the Dutch word list .*wdutch" "$d/err" \
  && [ ! -e "$d/f.csv" ] && [ ! -e "$d/c.csv" ] \
  && echo "ok no word list: exit 1 with the path and the package, no output" \
  || echo "FAIL no word list: exit $rc, $(cat "$d/err"), $(ls "$d")"
printf 'aap\nnoot\n' >"$d/short"
CEO_WORDLIST="$d/short" "$CEO" flag -o "$d/f.csv" --comments "$d/c.csv" "$d/e.csv" 2>"$d/err"; rc=$?
[ $rc -eq 1 ] && grep -q "holds 2 words: not a Dutch word list" "$d/err" && [ ! -e "$d/c.csv" ] \
  && echo "ok a file that is no word list is refused" || echo "FAIL short word list: exit $rc, $(cat "$d/err")"
# without --comments the list is not needed
CEO_WORDLIST="$d/none" "$CEO" flag -o "$d/f.csv" "$d/e.csv" 2>/dev/null \
  && echo "ok flag without --comments needs no word list" || echo "FAIL flag without --comments needed the word list"
