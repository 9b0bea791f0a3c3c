#!/usr/bin/env bash
# A follow-up list a team can work through (issue 24): the severity threshold (--min-ernst,
# default 3), --max spread over gemeente and voorziening by rounds, outcomes recorded and the
# open cases listed (ceo followup), a --new list undone, and consent as the latest answer gives
# it (a respondent handed out who withdraws consent in a later batch is no longer open).
set -u
CEO=${CEO:-build/ceo}
GEN=${GEN:-build/ceo-gen}
d=${KEEP:-$(mktemp -d)}; [ -n "${KEEP:-}" ] || trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
ids() { # the respondent ids of a list (open answers may hold line breaks), in list order
  python3 -c 'import csv, sys; [print(r[0]) for r in list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))[1:]]' "$1"
}

"$GEN" --n 1500 --layout qualtrics --out-dir "$d" >/dev/null
x="$d/qualtrics.csv"

# --- the threshold: the default list is the full list's rows of ernst 3 or more, in its order
"$CEO" flag --min-ernst 1 -o "$d/all.csv" "$x" 2>/dev/null
"$CEO" flag -o "$d/def.csv" "$x" 2>"$d/err-def"
"$CEO" flag --min-ernst 5 -o "$d/five.csv" "$x" 2>/dev/null
res=$(python3 - "$d/all.csv" "$d/def.csv" "$d/five.csv" <<'PY'
import csv, sys
rd = lambda p: list(csv.DictReader(open(p, encoding="utf-8-sig", newline="")))
full, d3, d5 = rd(sys.argv[1]), rd(sys.argv[2]), rd(sys.argv[3])
want3 = [r["respondent_id"] for r in full if int(r["ernst"]) >= 3]
want5 = [r["respondent_id"] for r in full if int(r["ernst"]) >= 5]
ones = sum(1 for r in full if r["ernst"] == "1")
good = (want3 == [r["respondent_id"] for r in d3] and want5 == [r["respondent_id"] for r in d5]
        and ones > 0 and 0 < len(d3) < len(full) and all(int(r["ernst"]) >= 3 for r in d3))
print("%s %d %d %d %d" % ("same" if good else "DIFFERENT", len(full), len(d3), len(d5), ones))
PY
)
set -- $res
if [ "$1" = same ]; then
  ok "--min-ernst: the default list (ernst >= 3: $3 of $2) and --min-ernst 5 ($4) are the full list's rows at that severity, in its order; none of the $5 of ernst 1"
else fail "--min-ernst: $res"; fi
if grep -q "listed; not listed: [0-9]* without consent, [0-9]* below ernst 3" "$d/err-def"; then
  ok "flag says how many are left out below the threshold"
else fail "flag's summary line: $(cat "$d/err-def")"; fi

# --- --max: rounds over gemeente x voorziening, computed here from the list at the threshold
for n in 7 25 60; do
  "$CEO" flag --max $n -o "$d/max$n.csv" "$x" 2>/dev/null
  res=$(python3 - "$d/def.csv" "$d/max$n.csv" $n <<'PY'
import csv, sys
rd = lambda p: list(csv.DictReader(open(p, encoding="utf-8-sig", newline="")))
full, got, n = rd(sys.argv[1]), rd(sys.argv[2]), int(sys.argv[3])
seen, cand = {}, []
for pos, r in enumerate(full):  # the list is in order of severity, then export order
    g = (r["gemeente"], r["voorziening"])
    cand.append((seen.get(g, 0), pos, r["respondent_id"]))
    seen[g] = seen.get(g, 0) + 1
chosen = set(c[2] for c in sorted(cand)[:n])
want = [r["respondent_id"] for r in full if r["respondent_id"] in chosen]
groups = len(set((r["gemeente"], r["voorziening"]) for r in got))
top = max(int(r["ernst"]) for r in full)
print("%s %d %d %d" % ("same" if want == [r["respondent_id"] for r in got] and len(got) == min(n, len(full))
                       and groups == min(n, len(seen)) else "DIFFERENT", len(got), groups, len(seen)))
PY
)
  set -- $res
  if [ "$1" = same ]; then
    ok "--max $n: $2 listed from $3 of the $4 gemeente/voorziening groups, each group's most severe first, in order of severity"
  else fail "--max $n: $res"; fi
done
"$CEO" flag --max 0 "$x" >/dev/null 2>"$d/err"; rc=$?
"$CEO" flag --min-ernst x "$x" >/dev/null 2>>"$d/err"; rc2=$?
if [ $rc -eq 2 ] && [ $rc2 -eq 2 ] && grep -q -- "--max takes" "$d/err" && grep -q -- "--min-ernst takes" "$d/err"; then
  ok "--max 0 and --min-ernst x are usage errors"
else fail "bad --max/--min-ernst: exit $rc/$rc2, $(cat "$d/err")"; fi

# --- outcomes in the store
"$CEO" batch add -q --store "$d/s.db" "$x"
"$CEO" flag --store "$d/s.db" --new --max 20 -o "$d/l1.csv" 2>"$d/err-l1"
mapfile -t L1 < <(ids "$d/l1.csv")
F() { "$CEO" followup --store "$d/s.db" "$@"; }
F --record "${L1[0]}" --outcome gesprek_gehad --date 2026-11-02 --note "afspraak: vaker schoonmaken" 2>/dev/null
F --record "${L1[1]}" --outcome geweigerd --date 2026-11-02 2>/dev/null
F --record "${L1[2]}" --outcome niet_bereikt --date 2026-11-01 2>/dev/null
F --record "${L1[2]}" --outcome niet_bereikt --date 2026-11-03 2>/dev/null
F --record "${L1[3]}" --outcome gesprek_gehad --date 2026-11-01 2>/dev/null
F --record "${L1[3]}" --outcome bereikt --date 2026-11-05 2>/dev/null   # later by date: counts
F --record "${L1[4]}" --outcome bereikt --date 2026-11-05 2>/dev/null
F --record "${L1[4]}" --outcome geweigerd --date 2026-11-04 2>/dev/null # earlier: does not count
F -o "$d/open.csv" 2>"$d/err-open"
res=$(python3 - "$d/open.csv" "${L1[@]}" <<'PY'
import csv, sys
rows = {r["respondent_id"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline=""))}
l = sys.argv[2:]
want_open = set(l) - {l[0], l[1]}
bad = []
if set(rows) != want_open: bad.append("open %d, want %d" % (len(rows), len(want_open)))
def chk(i, outcome, attempts, date):
    r = rows.get(l[i])
    if not r or (r["laatste_uitkomst"], r["pogingen"], r["datum"]) != (outcome, str(attempts), date):
        bad.append("%d: %s" % (i, r and (r["laatste_uitkomst"], r["pogingen"], r["datum"])))
chk(2, "niet_bereikt", 2, "2026-11-03"); chk(3, "bereikt", 2, "2026-11-05")
chk(4, "bereikt", 2, "2026-11-05"); chk(5, "", 0, "")
if any(r["lijst"] != "1" for r in rows.values()): bad.append("list number")
cols = list(next(iter(rows.values())).keys()) if rows else []
if any(c.startswith("contact") for c in cols): bad.append("contact columns")
print("same" if not bad else "; ".join(bad))
PY
)
if [ "$res" = same ] && grep -q "18 open, 2 closed" "$d/err-open"; then
  ok "followup: outcomes recorded; the open cases are those without an outcome or whose latest (by date) is bereikt or niet_bereikt, with the attempts; no contact details"
else fail "followup open list: $res; $(cat "$d/err-open")"; fi

F --record NIEMAND --outcome bereikt 2>"$d/err"; rc=$?
F --record "${L1[5]}" --outcome gebeld 2>>"$d/err"; rc2=$?
F --record "${L1[5]}" --outcome bereikt --note "terugbellen op 06-12345678" 2>>"$d/err"; rc3=$?
F --record "${L1[5]}" --outcome bereikt --date 2026-02-30 2>>"$d/err"; rc4=$?
F -o "$d/open2.csv" 2>/dev/null
if [ $rc -eq 1 ] && [ $rc2 -eq 2 ] && [ $rc3 -eq 1 ] && [ $rc4 -eq 2 ] && grep -q "never handed out" "$d/err" \
   && grep -q "note holds personal data" "$d/err" && cmp -s "$d/open.csv" "$d/open2.csv"; then
  ok "followup refuses a respondent never handed out, an unknown outcome, a note with a phone number and a date that does not exist, and records nothing then"
else fail "followup refusals: exit $rc/$rc2/$rc3/$rc4, $(cat "$d/err")"; fi

# --- undo: a second list undone comes back whole in the next --new; a list with outcomes stays
"$CEO" flag --store "$d/s.db" --new --max 15 -o "$d/l2.csv" 2>"$d/err-l2"
F --lists -o "$d/lists.csv" 2>/dev/null
F --undo 2 2>"$d/err-undo"; rc=$?
"$CEO" flag --store "$d/s.db" --new --max 15 -o "$d/l3.csv" 2>"$d/err-l3"
F --undo 1 2>"$d/err-undo1"; rc1=$?
F --undo 99 2>>"$d/err-undo1"; rc99=$?
if grep -q "this list is number 2" "$d/err-l2" && [ $rc -eq 0 ] && grep -q "15 respondents" "$d/err-undo" \
   && [ -s "$d/l2.csv" ] && cmp -s <(ids "$d/l2.csv") <(ids "$d/l3.csv") && grep -q "number 3" "$d/err-l3" \
   && [ $rc1 -eq 1 ] && grep -q "list 1 cannot be undone: an outcome is recorded for 5" "$d/err-undo1" \
   && [ $rc99 -eq 1 ] && grep -q "no list 99" "$d/err-undo1" \
   && grep -q "^1,.*l1.csv,.*,20,5$" "$d/lists.csv" && grep -q "^2,.*l2.csv,.*,15,0$" "$d/lists.csv"; then
  ok "flag --new undone: after followup --undo 2 the next --new lists the same 15 again (as list 3); a list with outcomes and a list that does not exist are refused"
else fail "undo: exit $rc/$rc1/$rc99; $(cat "$d/err-undo" "$d/err-undo1"); lists: $(cat "$d/lists.csv")"; fi

# a --new run that lists nobody makes no list
"$CEO" flag --store "$d/s.db" --new --min-ernst 1000 -o "$d/l-none.csv" 2>"$d/err-none"
F --lists -o "$d/lists2.csv" 2>/dev/null
if grep -q "nobody new to list" "$d/err-none" && [ "$(tail -n +2 "$d/lists2.csv" | cut -d, -f1 | tr '\n' ' ')" = "1 3 " ]; then
  ok "flag --new that lists nobody numbers no list"
else fail "an empty --new run: $(cat "$d/err-none"); lists: $(cat "$d/lists2.csv")"; fi

# --- consent withdrawn later: no longer open, and said
python3 - "$x" "$d/again.csv" "${L1[5]}" "${L1[6]}" <<'PY'
import csv, sys
r = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
h = r[0]; rid = h.index("ResponseId"); q17 = h.index("Q17")
out = []
for x in r[3:]:
    if x[rid] in sys.argv[3:]:
        y = list(x); y[q17] = "Nee"; out.append(y)
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""), lineterminator="\r\n").writerows(r[:3] + out)
PY
"$CEO" batch add -q --store "$d/s.db" "$d/again.csv"
F -o "$d/open3.csv" 2>"$d/err-open3"
gone=$(ids "$d/open3.csv" | grep -cxF -e "${L1[5]}" -e "${L1[6]}")
if [ "$gone" -eq 0 ] && [ $(($(ids "$d/open.csv" | wc -l) - 2)) -eq "$(ids "$d/open3.csv" | sort -u | grep -cxF -f <(ids "$d/open.csv"))" ] \
   && grep -q "2 handed out no longer consent" "$d/err-open3"; then
  ok "consent withdrawn in a later batch: the 2 respondents are no longer open, and followup says not to call them"
else fail "withdrawn consent: $gone still open; $(cat "$d/err-open3")"; fi

"$CEO" followup --help >"$d/help" 2>&1; rc=$?
"$CEO" followup --lists 2>"$d/err"; rc2=$?
if [ $rc -eq 0 ] && grep -q "gesprek_gehad" "$d/help" && [ $rc2 -eq 2 ] && grep -q "store" "$d/err"; then
  ok "followup --help; without --store a usage error"
else fail "followup help/usage: $rc/$rc2 $(cat "$d/err")"; fi
