#!/usr/bin/env bash
# ceo batch: a store of monthly batches. Twelve monthly files added one by one give the same
# figures as the twelve files read at once; the same batch twice, or an overlapping export,
# changes no count; a respondent who answered again counts with the later answer, and removing
# that batch brings the earlier one back; flag --new hands each respondent out once; a batch
# add killed with SIGKILL leaves a store that verifies and holds all or none of the batch;
# bad stores give clear errors.
set -u
CEO=${CEO:-build/ceo}
GEN=${GEN:-build/ceo-gen}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }

mkdir "$d/m"
"$GEN" --monthly --n 2400 --layout qualtrics --out-dir "$d/m" >/dev/null
months=("$d"/m/qualtrics-2025-*.csv)
for f in "${months[@]}"; do
  "$CEO" batch add -q --store "$d/s.db" "$f" || fail "batch add $f: exit $?"
done
"$CEO" stats --by gemeente,aanbieder,periode --period month --digits 10 "${months[@]}" >"$d/files.csv" 2>/dev/null
"$CEO" stats --by gemeente,aanbieder,periode --period month --digits 10 --store "$d/s.db" >"$d/store.csv" 2>"$d/err"
if [ -s "$d/files.csv" ] && cmp -s "$d/files.csv" "$d/store.csv"; then
  ok "stats --store over 12 monthly batches equals stats over the 12 files ($(wc -l <"$d/store.csv") rows)"
else fail "stats --store differs from stats over the files: $(diff "$d/files.csv" "$d/store.csv" | head -3)"; fi

# the same batch again, and an export that overlaps two months: nothing counted twice
"$CEO" batch list --store "$d/s.db" >"$d/list1.csv"
"$CEO" batch add --store "$d/s.db" "${months[2]}" 2>"$d/err"; rc=$?
python3 - "${months[0]}" "${months[1]}" "$d/overlap.csv" <<'EOF'
import csv, sys
a = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
b = list(csv.reader(open(sys.argv[2], encoding="utf-8-sig", newline="")))
csv.writer(open(sys.argv[3], "w", encoding="utf-8", newline=""), lineterminator="\r\n").writerows(a + b[3:])
EOF
"$CEO" batch add --store "$d/s.db" "$d/overlap.csv" 2>"$d/err2"
"$CEO" stats --by gemeente,aanbieder,periode --period month --digits 10 --store "$d/s.db" >"$d/store2.csv" 2>/dev/null
if [ $rc -eq 0 ] && grep -q "already in the store as batch 3; nothing added" "$d/err" \
   && grep -q "400 respondents, 0 new, 400 already stored" "$d/err2" && cmp -s "$d/store.csv" "$d/store2.csv"; then
  ok "the same batch twice and an overlapping export leave every count unchanged"
else fail "re-adding changed the store: $(cat "$d/err" "$d/err2")"; fi

# a respondent answers again later: the later answer counts; removing that batch restores
python3 - "${months[4]}" "$d/again.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
head, data = rows[:3], rows[3:4]
q = rows[0].index("Q1") if "Q1" in rows[0] else None
r = data[0]
for i, h in enumerate(rows[0]):
    if h in ("StartDate", "EndDate", "RecordedDate") and r[i]:
        r[i] = "2025-12-31 10:00:00"
# the answer to the first statement changes
i = next(i for i, h in enumerate(rows[1]) if "wist waar ik moest zijn" in h)
r[i] = "Helemaal niet mee eens" if r[i] != "Helemaal niet mee eens" else "Helemaal mee eens"
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""), lineterminator="\r\n").writerows(head + data)
EOF
"$CEO" batch add --store "$d/s.db" "$d/again.csv" 2>"$d/err"
n_again=$("$CEO" stats --store "$d/s.db" | awk -F, '$1=="totaal" && $3=="wist_waar"{print $5}')
n_before=$(awk -F, '$1=="totaal" && $3=="wist_waar"{print $5}' "$d/store.csv")
last=$("$CEO" batch list --store "$d/s.db" | tail -1 | cut -d, -f1)
"$CEO" batch remove --store "$d/s.db" "$last" 2>/dev/null
"$CEO" stats --by gemeente,aanbieder,periode --period month --digits 10 --store "$d/s.db" >"$d/store3.csv" 2>/dev/null
if grep -q "1 answered again (1 later" "$d/err" && grep -q "answered twice: " "$d/err" \
   && [ "$n_again" = "$n_before" ] && cmp -s "$d/store.csv" "$d/store3.csv"; then
  ok "an answer given again counts once, the later one; removing its batch brings the earlier back"
else fail "answered again: $(cat "$d/err"), n $n_before -> $n_again"; fi
if "$CEO" batch verify --store "$d/s.db" 2>/dev/null; then ok "batch verify after adds and a remove"
else fail "batch verify failed after adds and a remove"; fi

# one respondent twice in one file: the line dated later counts, whatever its place in the file;
# both lines older than the stored answer change nothing
python3 - "${months[6]}" "$d/twice" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
head, r = rows[:3], rows[3]
i = next(i for i, h in enumerate(rows[1]) if "wist waar ik moest zijn" in h)
def dated(day, answer):
    x = list(r)
    for k, h in enumerate(rows[0]):
        if h in ("StartDate", "EndDate", "RecordedDate") and x[k]:
            x[k] = day + " 10:00:00"
    x[i] = answer
    return x
def write(name, lines):
    csv.writer(open(sys.argv[2] + name, "w", encoding="utf-8", newline=""),
               lineterminator="\r\n").writerows(head + lines)
a, b = "Helemaal niet mee eens", "Helemaal mee eens"
write("-old.csv", [dated("2020-01-01", a), dated("2020-02-01", b)])
write("-new.csv", [dated("2026-03-01", a), dated("2026-02-01", b)])
write("-one.csv", [dated("2026-03-01", a)])
EOF
cp "$d/s.db" "$d/t1.db"; cp "$d/s.db" "$d/t2.db"
"$CEO" stats --digits 10 --store "$d/t1.db" >"$d/t0.csv" 2>/dev/null
"$CEO" batch add -q --store "$d/t1.db" "$d/twice-old.csv" 2>"$d/err"; rc1=$?
"$CEO" stats --digits 10 --store "$d/t1.db" >"$d/t1.csv" 2>/dev/null
"$CEO" batch add -q --store "$d/t1.db" "$d/twice-new.csv" 2>>"$d/err"; rc2=$?
"$CEO" stats --digits 10 --store "$d/t1.db" >"$d/t2.csv" 2>/dev/null
"$CEO" batch add -q --store "$d/t2.db" "$d/twice-one.csv" 2>>"$d/err"; rc3=$?
"$CEO" stats --digits 10 --store "$d/t2.db" >"$d/t3.csv" 2>/dev/null
if [ $rc1 = 0 ] && [ $rc2 = 0 ] && [ $rc3 = 0 ] && cmp -s "$d/t0.csv" "$d/t1.csv" && ! cmp -s "$d/t0.csv" "$d/t2.csv" \
   && cmp -s "$d/t2.csv" "$d/t3.csv" && "$CEO" batch verify --store "$d/t1.db" 2>>"$d/err"; then
  ok "a respondent twice in one file: the later-dated line counts; two lines older than the stored answer change nothing"
else fail "twice in one file: exit $rc1/$rc2/$rc3, $(cat "$d/err") $(diff "$d/t0.csv" "$d/t1.csv" | head -2)"; fi

# follow-up: --new hands each respondent out once
"$CEO" flag --store "$d/s.db" --new -o "$d/new1.csv" 2>/dev/null
"$CEO" flag --store "$d/s.db" --new -o "$d/new2.csv" 2>/dev/null
"$CEO" flag --store "$d/s.db" -o "$d/all.csv" 2>/dev/null
n1=$(($(wc -l <"$d/new1.csv") - 1)); n2=$(($(wc -l <"$d/new2.csv") - 1)); nall=$(($(wc -l <"$d/all.csv") - 1))
if [ "$n1" -gt 0 ] && [ "$n1" = "$nall" ] && [ "$n2" = 0 ]; then
  ok "flag --store --new twice: $n1 respondents handed out the first time, none again"
else fail "flag --new: first $n1, second $n2, all $nall"; fi
# a new month brings only its own new cases
"$GEN" --monthly --n 2400 --layout qualtrics --year 2026 --seed 7 --out-dir "$d/m" >/dev/null
"$CEO" batch add -q --store "$d/s.db" "$d/m/qualtrics-2026-01.csv"
"$CEO" flag --store "$d/s.db" --new -o "$d/new3.csv" 2>/dev/null
"$CEO" flag "$d/m/qualtrics-2026-01.csv" -o "$d/jan.csv" 2>/dev/null
if [ "$(tail -n +2 "$d/new3.csv" | cut -d, -f1 | sort)" = "$(tail -n +2 "$d/jan.csv" | cut -d, -f1 | sort)" ]; then
  ok "after a new month, --new lists exactly that month's new cases ($(($(wc -l <"$d/new3.csv") - 1)))"
else fail "--new after a new month does not list just that month's cases"; fi

# SIGKILL during a large add: the store verifies and holds all or none of the batch
"$GEN" --n 40000 --months 1 --layout qualtrics --seed 11 --out-dir "$d" >/dev/null
big="$d/qualtrics.csv"
"$CEO" batch add -q --store "$d/k.db" "${months[0]}"
cp "$d/k.db" "$d/ref.db"
start=$(date +%s%N); "$CEO" batch add -q --store "$d/ref.db" "$big"; end=$(date +%s%N)
want=$("$CEO" batch list --store "$d/ref.db" | awk -F, -v f="$big" '$3==f {print $5}')
dur=$(( (end - start) / 1000000 )); [ $dur -lt 50 ] && dur=50
bad=0; some=0; none=0
for i in $(seq 1 30); do
  wait_ms=$(( (RANDOM * 32768 + RANDOM) % dur ))
  "$CEO" batch add -q --store "$d/k.db" "$big" & pid=$!
  sleep "$(printf '0.%03d' $wait_ms 2>/dev/null || echo 0.01)" 2>/dev/null || sleep 0.01
  [ $wait_ms -ge 1000 ] && sleep $((wait_ms / 1000))
  kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null
  if ! "$CEO" batch verify -q --store "$d/k.db" 2>"$d/verr"; then bad=$((bad+1)); echo "  verify: $(cat "$d/verr")"; fi
  line=$("$CEO" batch list --store "$d/k.db" | awk -F, -v f="$big" '$3==f')
  if [ -n "$line" ]; then
    [ "$(echo "$line" | cut -d, -f4)" = 40000 ] && [ "$(echo "$line" | cut -d, -f5)" = "$want" ] || { bad=$((bad+1)); echo "  partial: $line"; }
    some=$((some+1))
    id=$(echo "$line" | cut -d, -f1); "$CEO" batch remove -q --store "$d/k.db" "$id"
  else none=$((none+1)); fi
done
"$CEO" batch add -q --store "$d/k.db" "$big"
full=$("$CEO" batch list --store "$d/k.db" | awk -F, -v f="$big" '$3==f {print $5}')
if [ $bad -eq 0 ] && [ -n "$want" ] && [ "$full" = "$want" ] && "$CEO" batch verify -q --store "$d/k.db"; then
  ok "30 SIGKILLs during a 40000-respondent add: the store always verified and held all ($some) or none ($none); a rerun completed it"
else fail "SIGKILL: $bad bad states; after rerun the batch holds '$full'"; fi

# bad stores and bad use
printf 'not a database at all, just text that goes on for a while.....\n' > "$d/text.db"
"$CEO" stats --store "$d/text.db" 2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "text.db" "$d/err" && grep -qi "not a ceo store" "$d/err"; then ok "a store that is not SQLite: exit 1, named"
else fail "not SQLite: exit $rc: $(cat "$d/err")"; fi
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table x(y)'); c.commit()" "$d/other.db"
"$CEO" batch add --store "$d/other.db" "${months[0]}" 2>"$d/err"; rc=$?
if [ $rc -ne 0 ] && grep -q "not a ceo store" "$d/err"; then ok "another application's SQLite file: refused, named"
else fail "other SQLite: exit $rc: $(cat "$d/err")"; fi
cp "$d/s.db" "$d/c.db"; rm -f "$d/c.db-wal" "$d/c.db-shm"
"$CEO" batch verify -q --store "$d/c.db" 2>/dev/null
python3 - "$d/c.db" <<'EOF'
import sys
f = open(sys.argv[1], "r+b"); data = bytearray(f.read())
for off in range(8192, len(data) - 4096, 4096):   # damage every page after the first two
    data[off + 100: off + 400] = b"\xff" * 300
f.seek(0); f.write(data); f.close()
EOF
"$CEO" batch verify --store "$d/c.db" 2>"$d/err"; rc=$?
if [ $rc -ne 0 ] && grep -q "c.db" "$d/err"; then ok "a damaged store: batch verify fails (exit $rc), named"
else fail "damaged store: exit $rc: $(cat "$d/err")"; fi
"$CEO" stats --store "$d/none.db" 2>"$d/err"; rc=$?
if [ $rc -ne 0 ] && grep -q "no such store" "$d/err" && [ ! -e "$d/none.db" ]; then ok "stats --store on a missing store: an error, no file made"
else fail "missing store: exit $rc: $(cat "$d/err")"; fi
"$CEO" stats --store "$d/s.db" "${months[0]}" 2>"$d/err"; rc=$?
if [ $rc -eq 2 ]; then ok "--store with files too: usage error"; else fail "--store and files: exit $rc"; fi
"$CEO" batch list --store "$d/s.db" >"$d/before.csv"
"$CEO" batch add --store "$d/s.db" tests/bad/truncated_quote.csv 2>"$d/err" >/dev/null; rc=$?
"$CEO" batch list --store "$d/s.db" >"$d/after.csv"
if [ $rc -eq 1 ] && grep -q "truncated_quote.csv:4" "$d/err" && cmp -s "$d/before.csv" "$d/after.csv" \
   && "$CEO" batch verify -q --store "$d/s.db"; then
  ok "an unreadable batch is rejected whole (exit 1), the store as it was"
else fail "unreadable batch: exit $rc: $(head -2 "$d/err")"; fi

# --skip-bad-rows: the rows with unrecognised values are left out and listed, the rest added
mkdir "$d/sk"
"$GEN" --n 300 --months 1 --layout qualtrics --seed 5 --out-dir "$d/sk" >/dev/null
python3 - "$d/sk/qualtrics.csv" "$d/sk/bad.csv" "$d/sk/clean.csv" "$d/sk/lines" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
col = next(j for j in range(len(rows[0]))
           if sum(1 for r in rows[3:] if r[j].lower().endswith("mee eens")) > 50)
bad = [4, 16, 17]                      # data rows given a value no scale knows
for i in bad:
    rows[3 + i][col] = "Zeer blauw"
w = lambda p, rs: csv.writer(open(p, "w", encoding="utf-8", newline=""), lineterminator="\r\n").writerows(rs)
w(sys.argv[2], rows)
w(sys.argv[3], [r for k, r in enumerate(rows) if k - 3 not in bad])
# the file line each bad row starts on (open answers may hold line breaks)
line, starts = 1, []
for k, r in enumerate(rows):
    if k - 3 in bad:
        starts.append(line)
    line += sum(v.count("\n") for v in r) + 1
open(sys.argv[4], "w").write(" ".join(map(str, starts)))
EOF
"$CEO" batch add --store "$d/sk.db" "$d/sk/bad.csv" 2>"$d/err"; rc1=$?
"$CEO" batch add --store "$d/sk.db" --skip-bad-rows "$d/sk/bad.csv" 2>"$d/err2"; rc2=$?
listed=$(grep -o 'bad.csv:[0-9]*: row skipped' "$d/err2" | cut -d: -f2 | tr '\n' ' ' | sed 's/ $//')
"$CEO" stats --by gemeente,aanbieder --digits 10 --store "$d/sk.db" >"$d/sk1.csv" 2>/dev/null
"$CEO" stats --by gemeente,aanbieder --digits 10 "$d/sk/clean.csv" >"$d/sk2.csv" 2>/dev/null
resp=$("$CEO" batch list --store "$d/sk.db" | awk -F, 'NR==2 {print $4}')
if [ $rc1 -eq 1 ] && grep -q "rejected, nothing added" "$d/err" && [ $rc2 -eq 0 ] \
   && [ "$listed" = "$(cat "$d/sk/lines")" ] && [ "$resp" = 297 ] && cmp -s "$d/sk1.csv" "$d/sk2.csv"; then
  ok "--skip-bad-rows adds the 297 good rows, lists the 3 left out by line ($listed); figures equal the file without them"
else fail "--skip-bad-rows: exit $rc1/$rc2, listed '$listed' want '$(cat "$d/sk/lines")', respondents '$resp', $(diff "$d/sk1.csv" "$d/sk2.csv" | head -2)"; fi

# stores of schema 1 (answers kept in key order) and 2 (answers in a rowid table, the answer
# that counts looked up by id) are converted on opening, nothing lost
"$CEO" batch list --store "$d/s.db" >"$d/l3.csv"
"$CEO" stats --by gemeente,aanbieder,periode --period month --digits 10 --store "$d/s.db" >"$d/v3.csv" 2>/dev/null
for old in 1 2; do
cp "$d/s.db" "$d/v$old.db"
python3 - "$d/v$old.db" "$old" <<'EOF2'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
if sys.argv[2] == "1":
    table = """CREATE TABLE a1(rid TEXT NOT NULL, batch INTEGER NOT NULL, seq INTEGER NOT NULL,
 datum INTEGER, month INTEGER, content TEXT NOT NULL, record BLOB NOT NULL,
 PRIMARY KEY(rid, batch)) WITHOUT ROWID;"""
else:
    table = """CREATE TABLE a1(rid TEXT NOT NULL, batch INTEGER NOT NULL, seq INTEGER NOT NULL,
 datum INTEGER, month INTEGER, content TEXT NOT NULL, record BLOB NOT NULL,
 UNIQUE(rid, batch));"""
c.executescript(table + """
INSERT INTO a1 SELECT rid, batch, seq, datum, month, content, record FROM answers ORDER BY batch, seq;
DROP TABLE answers;
DROP TABLE ids;
ALTER TABLE a1 RENAME TO answers;
CREATE INDEX answers_batch ON answers(batch, seq);
PRAGMA user_version = %s;
""" % sys.argv[2])
c.commit()
EOF2
"$CEO" batch list --store "$d/v$old.db" >"$d/l$old.csv" 2>"$d/err"
"$CEO" stats --by gemeente,aanbieder,periode --period month --digits 10 --store "$d/v$old.db" >"$d/v$old.csv" 2>/dev/null
"$CEO" batch verify --store "$d/v$old.db" 2>>"$d/err"; rc=$?
ver=$(python3 - "$d/v$old.db" <<'EOF2'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
v = c.execute("PRAGMA user_version").fetchone()[0]
ids = c.execute("SELECT count(*), sum(length(hashes)) / 4 FROM ids").fetchone()
n = c.execute("SELECT count(*) FROM answers").fetchone()[0]
print(v, ids[1] == n and ids[0] > 0)
EOF2
)
if [ $rc -eq 0 ] && [ "$ver" = "3 True" ] && [ -s "$d/v$old.csv" ] \
   && grep -q "v$old.db: converting the store from schema $old to 3 (once" "$d/err" \
   && [ "$(grep -c "converting the store" "$d/err")" = 1 ] && cmp -s "$d/v$old.csv" "$d/v3.csv" && cmp -s "$d/l$old.csv" "$d/l3.csv"; then
  ok "a schema-$old store is converted to schema 3 on opening, said once; batches, figures and id lists as in a new store"
else fail "schema-$old store: verify exit $rc, version/ids '$ver', $(head -2 "$d/err") $(diff "$d/v$old.csv" "$d/v3.csv" | head -2)"; fi
done

# the store's own invariants: a respondent without an answer that counts, or a batch whose
# list of ids lost an entry, fails verify
for damage in "UPDATE answers SET current = 0 WHERE rowid = (SELECT max(rowid) FROM answers)" \
              "UPDATE ids SET hashes = substr(hashes, 5) WHERE batch = 2"; do
  cp "$d/s.db" "$d/bad.db"
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()" "$d/bad.db" "$damage"
  "$CEO" batch verify --store "$d/bad.db" 2>"$d/err"; rc=$?
  if [ $rc -eq 1 ] && grep -q "bad.db: .*\(without exactly one answer that counts\|list of respondent ids\)" "$d/err"; then
    ok "batch verify finds a broken store invariant: $(cat "$d/err")"
  else fail "batch verify after '$damage': exit $rc, $(cat "$d/err")"; fi
done

# answers edited in the database directly (issue 19, finding 11): verify hashes every stored
# record again and names the batch and how many of its rows differ; the unedited store passes
cp "$d/s.db" "$d/edit.db"
python3 - "$d/edit.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT rowid, record FROM answers WHERE batch = 3").fetchall()
n = 0
for rowid, rec in rows:
    new = bytes(rec).replace(b"\x1fhelemaal_mee_eens\x1e", b"\x1fhelemaal_niet_mee_eens\x1e", 1)
    if new != bytes(rec) and n < 25:
        c.execute("UPDATE answers SET record = ? WHERE rowid = ?", (new, rowid))
        n += 1
c.commit()
print(n)
PY
"$CEO" batch verify --store "$d/s.db" 2>"$d/err1"; rc1=$?
"$CEO" batch verify --store "$d/edit.db" 2>"$d/err"; rc=$?
if [ $rc1 -eq 0 ] && [ $rc -eq 1 ] && grep -q "edit.db: .*batch 3: 25 answers differ" "$d/err"; then
  ok "batch verify finds answers edited in the database: $(cat "$d/err")"
else fail "batch verify after editing answers: exit $rc, $(cat "$d/err"); unedited exit $rc1, $(cat "$d/err1")"; fi

# a store its user may only read (issue 19, finding 12): a read-only file in a read-only folder
# (no -wal or -shm can be made beside it), and a read-only file in a writable folder. stats,
# batch list and batch verify read it as the owner does; batch add and flag --new fail, saying
# the store is read-only. As root chmod stops nothing, so this runs as nobody when it can.
as_nobody=
if [ "$(id -u)" -ne 0 ]; then as_nobody=self
elif command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
  as_nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ -z "$as_nobody" ]; then
  echo "skip a read-only store: running as root without setpriv, chmod would stop nothing"
else
  [ "$as_nobody" = self ] && as_nobody=
  ro=$d/ro; mkdir -p "$ro/bin"; chmod 0711 "$d"; chmod 0755 "$ro" "$ro/bin"
  cp "$CEO" "$ro/bin/ceo"; cp -r templates "$ro/templates"; cp "${months[0]}" "$ro/new.csv"
  chmod -R a+rX "$ro"
  "$CEO" stats --store "$d/s.db" --by gemeente,aanbieder --digits 10 >"$d/want-stats.csv" 2>/dev/null
  "$CEO" batch list --store "$d/s.db" >"$d/want-list.csv"
  for folder in 0555 0777; do
    mkdir "$ro/s$folder"; cp "$d/s.db" "$ro/s$folder/s.db"; chmod 0444 "$ro/s$folder/s.db"
    chmod "$folder" "$ro/s$folder"; st=$ro/s$folder/s.db
    sum=$(sha256sum <"$st")
    $as_nobody "$ro/bin/ceo" stats --store "$st" --by gemeente,aanbieder --digits 10 >"$d/ro-stats.csv" 2>"$d/err"; r1=$?
    $as_nobody "$ro/bin/ceo" batch list --store "$st" >"$d/ro-list.csv" 2>>"$d/err"; r2=$?
    $as_nobody "$ro/bin/ceo" batch verify --store "$st" 2>>"$d/err"; r3=$?
    $as_nobody "$ro/bin/ceo" batch add --store "$st" "$ro/new.csv" 2>"$d/err-add"; r4=$?
    $as_nobody "$ro/bin/ceo" flag --store "$st" --new -o - >/dev/null 2>"$d/err-flag"; r5=$?
    if [ $r1$r2$r3 = 000 ] && cmp -s "$d/want-stats.csv" "$d/ro-stats.csv" \
       && cmp -s "$d/want-list.csv" "$d/ro-list.csv" && [ $r4 -ne 0 ] && [ $r5 -ne 0 ] \
       && grep -q "s.db: .*read-only" "$d/err-add" && grep -q "s.db: .*read-only" "$d/err-flag" \
       && [ "$(sha256sum <"$st")" = "$sum" ]; then
      ok "a read-only store in a $folder folder: stats, list and verify read it; add and flag --new fail: $(cat "$d/err-add")"
    else fail "a read-only store in a $folder folder: stats/list/verify exit $r1/$r2/$r3, add $r4, flag --new $r5: $(head -3 "$d/err") $(cat "$d/err-add" "$d/err-flag") $(diff "$d/want-stats.csv" "$d/ro-stats.csv" | head -2)"; fi
    chmod 0755 "$ro/s$folder"
  done
fi
