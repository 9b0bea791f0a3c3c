#!/usr/bin/env bash
# Multi-select options the export has no column for were not asked: no figure, no test.
# samples/excel-nl.csv has no column for ondersteuning:anders; tests/fixtures/multi/a.csv a
# column per option but none for vervoer, b.csv the question in one joined cell (every option
# offered). Read together, vervoer is counted over b's respondents only; the figures below are
# counted by hand from the two files. A batch store keeps what was not asked, and the record of
# a question asked whole keeps the form it always had (so its hash is the same).
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
a=tests/fixtures/multi/a.csv b=tests/fixtures/multi/b.csv

# the Excel sample: no row for the option it lacks, in CSV and JSON; the others as before
"$CEO" stats --by gemeente samples/excel-nl.csv >"$d/x.csv" 2>/dev/null
"$CEO" stats --by gemeente --format json samples/excel-nl.csv >"$d/x.json" 2>/dev/null
if [ -s "$d/x.csv" ] && ! grep -q "ondersteuning:anders" "$d/x.csv" "$d/x.json" \
   && grep -q '^totaal,totaal,ondersteuning:vervoer,,1439,37.46,' "$d/x.csv" \
   && grep -q 'ondersteuning:huishoudelijke_hulp' "$d/x.json"; then
  ok "excel-nl: ondersteuning:anders (no column) has no row and no test; the other options keep theirs"
else fail "excel-nl: $(grep -h 'ondersteuning:anders\|totaal,totaal,ondersteuning:vervoer' "$d/x.csv" | head -3)"; fi
"$CEO" check samples/excel-nl.csv >"$d/check.txt" 2>/dev/null
if grep -qx '  ondersteuning: no column for anders: not asked' "$d/check.txt"; then
  ok "ceo check names the option without a column"
else fail "ceo check does not say that anders was not asked"; fi

# two files: a lacks vervoer, b joins the options in one cell.
# Answered: a1-a4, a6, a7 (a5 is empty) and b1-b3 (b4 is empty): 9. Chosen: huishoudelijke
# hulp a1 a2 a4 a7 b1 = 5/9; begeleiding a2 b3 = 2/9; anders a2 = 1/9; vervoer b1 b2 over b's
# 3 = 2/3. Per gemeente, vervoer: Tiel b1 b2 = 2/2, Buren b3 = 0/1, Culemborg (only in a) 0
# asked: no figure. A background question is never tested. Huishoudelijke hulp Tiel a1 a2 a3 b1 b2 = 3/5, Buren a4 a6 b3 = 1/3.
"$CEO" stats --min-n 1 --by gemeente "$a" "$b" >"$d/two.csv" 2>"$d/err"
got=$(awk -F, '$3 ~ /^ondersteuning:(huishoudelijke_hulp|begeleiding|anders|vervoer)$/ {print $2, $3, $5, $6, $18}' "$d/two.csv")
want="totaal ondersteuning:huishoudelijke_hulp 9 55.56 
totaal ondersteuning:begeleiding 9 22.22 
totaal ondersteuning:vervoer 3 66.67 
totaal ondersteuning:anders 9 11.11 
Buren ondersteuning:huishoudelijke_hulp 3 33.33 
Culemborg ondersteuning:huishoudelijke_hulp 1 100.00 
Tiel ondersteuning:huishoudelijke_hulp 5 60.00 
Buren ondersteuning:begeleiding 3 33.33 
Culemborg ondersteuning:begeleiding 1 0.00 
Tiel ondersteuning:begeleiding 5 20.00 
Buren ondersteuning:vervoer 1 0.00 
Culemborg ondersteuning:vervoer 0  
Tiel ondersteuning:vervoer 2 100.00 
Buren ondersteuning:anders 3 0.00 
Culemborg ondersteuning:anders 1 0.00 
Tiel ondersteuning:anders 5 20.00 "
if [ "$got" = "$want" ]; then
  ok "two files, one without a vervoer column: vervoer counted over the other file's respondents (n 3, 66.67 %), as by hand"
else fail "two files: $(diff <(echo "$want") <(echo "$got") | head -6)"; fi

# through a batch store: the same rows, and what was not asked survives the round trip
"$CEO" batch add -q --store "$d/s.db" "$a" && "$CEO" batch add -q --store "$d/s.db" "$b" \
  || fail "batch add: exit $?"
"$CEO" stats --min-n 1 --by gemeente --store "$d/s.db" >"$d/store.csv" 2>/dev/null
if [ -s "$d/two.csv" ] && cmp -s "$d/two.csv" "$d/store.csv"; then
  ok "stats --store over the two batches equals stats over the two files"
else fail "stats --store differs: $(diff "$d/two.csv" "$d/store.csv" | head -4)"; fi
python3 - "$d/s.db" <<'EOF'
import hashlib, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rec = {r: v.decode() if isinstance(v, bytes) else v for r, v in c.execute("select rid, record from answers")}
content = dict(c.execute("select rid, content from answers"))
def item(r, name):
    for f in rec[r].split("\x1e"):
        if f.startswith(name + "\x1f"):
            return f.split("\x1f")[1]
checks = [
    # b asked every option: the record as before this change, "!" and the chosen ids
    (item("b1", "ondersteuning") == "!huishoudelijke_hulp|vervoer", "b1 " + repr(item("b1", "ondersteuning"))),
    (rec["b1"] == "respondent_id\x1fb1\x1egemeente\x1fTiel\x1eondersteuning\x1f!huishoudelijke_hulp|vervoer\x1e",
     "b1 record " + repr(rec["b1"])),
    (content["b1"] == hashlib.sha256(rec["b1"].encode()).hexdigest(), "b1 content hash"),
    # a did not ask vervoer: "~" and the options not asked follow the chosen ones
    (item("a2", "ondersteuning") == "!huishoudelijke_hulp|begeleiding|anders~vervoer", "a2 " + repr(item("a2", "ondersteuning"))),
    (item("a3", "ondersteuning") == "!dagbesteding~vervoer", "a3 " + repr(item("a3", "ondersteuning"))),
    (item("a6", "ondersteuning") == "!woningaanpassing~vervoer", "a6"),
    (item("a5", "ondersteuning") is None, "a5 answered nothing"),
]
bad = [why for good, why in checks if not good]
print("ok store records: a question asked whole keeps its form and hash; options not asked follow '~'"
      if not bad else "FAIL store records: " + "; ".join(bad))
EOF
