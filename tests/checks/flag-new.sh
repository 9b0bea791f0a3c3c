#!/usr/bin/env bash
# ceo flag --store --new, the store's follow-up memory (issue 19): two runs started at the same
# moment never list the same respondent, and together they list exactly what one run lists.
# Respondents without a respondent id: identical rows are distinct respondents, adding an
# overlapping export adds none of them twice, and --new hands each out once.
set -u
CEO=${CEO:-build/ceo}
GEN=${GEN:-build/ceo-gen}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
ids() { # the respondent ids of a follow-up list (open answers may hold line breaks)
  python3 -c 'import csv, sys; [print(r[0]) for r in list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))[1:]]' "$1" | sort
}

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

# without a respondent id: two rows with the same answers are two respondents
python3 - "$d/qualtrics.csv" "$d/noid" <<'PY'
import csv, sys
r = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
i = r[0].index("ResponseId")
rows = [[c for k, c in enumerate(x) if k != i] for x in r]
j = rows[0].index("ExternalReference")
for x in rows[3:]:
    x[j] = ""
head, data = rows[:3], rows[3:]
data += [list(data[0]), list(data[0]), list(data[5])]  # the same answers, three and twice
w = lambda p, rs, t: csv.writer(open(p, "w", encoding="utf-8", newline=""), lineterminator=t).writerows(rs)
w(sys.argv[2] + ".csv", head + data, "\r\n")
w(sys.argv[2] + "-overlap.csv", head + data[:200] + data[-3:], "\n")  # other bytes, nothing new
w(sys.argv[2] + "-more.csv", head + data[:10] + [list(data[0])] * 3, "\n")  # data[0] a fourth time
PY
"$CEO" stats "$d/noid.csv" >"$d/noid-file.csv" 2>/dev/null
"$CEO" batch add -q --store "$d/noid.db" "$d/noid.csv" 2>/dev/null
"$CEO" batch add --store "$d/noid.db" "$d/noid-overlap.csv" 2>"$d/err-overlap"
"$CEO" stats --store "$d/noid.db" >"$d/noid-store.csv" 2>/dev/null
if [ -s "$d/noid-file.csv" ] && cmp -s "$d/noid-file.csv" "$d/noid-store.csv" \
   && grep -q "0 new, 203 already stored" "$d/err-overlap"; then
  ok "without respondent ids: identical rows stay distinct respondents in the store (n as in the file), an overlapping export adds none twice"
else fail "without respondent ids: store and file differ ($(diff "$d/noid-file.csv" "$d/noid-store.csv" | sed -n 2p | cut -d, -f1-5)); overlap: $(cat "$d/err-overlap")"; fi
"$CEO" batch add --store "$d/noid.db" "$d/noid-more.csv" 2>"$d/err-more"
if grep -q "13 respondents, 1 new, 12 already stored" "$d/err-more"; then
  ok "without respondent ids: a fourth row with the same answers is one new respondent"
else fail "without respondent ids, a fourth equal row: $(cat "$d/err-more")"; fi

"$CEO" flag --store "$d/noid.db" -o "$d/noid-all.csv" 2>/dev/null
"$CEO" flag --store "$d/noid.db" --new -o "$d/noid-new1.csv" 2>/dev/null
"$CEO" flag --store "$d/noid.db" --new -o "$d/noid-new2.csv" 2>/dev/null
n1=$(($(wc -l <"$d/noid-new1.csv") - 1)); n2=$(($(wc -l <"$d/noid-new2.csv") - 1))
nall=$(($(wc -l <"$d/noid-all.csv") - 1))
if [ "$n1" -gt 0 ] && [ "$n2" -eq 0 ] && [ "$n1" -eq "$nall" ]; then
  ok "flag --store --new without respondent ids: $n1 listed the first time, none again"
else fail "flag --new without respondent ids: first $n1, second $n2 (the store lists $nall)"; fi
