#!/usr/bin/env bash
# Files holding personal data are 0600 whatever the umask (issue 19, finding 7): the follow-up
# list (flag -o), the comments (--comments), the coded dump (check --dump) and the store with
# its -wal and -shm files; a re-run over a 0600 file keeps 0600. Outputs without personal data
# (signals, summary, stats, export vws) follow the umask.
set -u
CEO=${CEO:-build/ceo}
S=tests/fixtures/exports/small-qualtrics.csv
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
umask 022

mode() { # what, file, wanted
  local m; m=$(stat -c %a "$2" 2>/dev/null || echo missing)
  if [ "$m" = "$3" ]; then echo "ok $1 is $3 under umask 022"; else echo "FAIL $1 is $m, want $3"; fi
}
for run in first re-run; do
  $CEO flag --config samples/project.ini -o "$d/f.csv" --signals "$d/s.csv" --summary "$d/y.csv" \
    --comments "$d/c.csv" "$S" >/dev/null 2>&1 || echo "FAIL flag ($run) failed"
  $CEO check --dump "$d/dump.csv" "$S" >/dev/null 2>&1
  $CEO stats --by gemeente -o "$d/stats.csv" "$S" >/dev/null 2>&1 || echo "FAIL stats ($run) failed"
  mode "follow-up list ($run)" "$d/f.csv" 600
  mode "comments ($run)" "$d/c.csv" 600
  mode "coded dump ($run)" "$d/dump.csv" 600
  mode "signals ($run)" "$d/s.csv" 644
  mode "summary ($run)" "$d/y.csv" 644
  mode "stats ($run)" "$d/stats.csv" 644
  # the next run must not widen what this one made: a 0644 list from elsewhere narrows too
  chmod 644 "$d/f.csv"
done

# the store and its -wal/-shm, while another connection holds it open (so they exist)
$CEO batch add -q --store "$d/w.db" "$S" >/dev/null 2>&1 || echo "FAIL batch add failed"
mode "store" "$d/w.db" 600
python3 - "$d/w.db" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1]); c.execute("select count(*) from sqlite_master").fetchall()
c.execute("begin"); c.execute("select count(*) from sqlite_master").fetchall(); time.sleep(3)
PY
py=$!
sleep 1
$CEO batch add -q --store "$d/w.db" tests/fixtures/exports/tiny-qualtrics.csv >/dev/null 2>&1
for f in "$d/w.db-wal" "$d/w.db-shm"; do
  mode "store's $(basename "$f")" "$f" 600
done
wait "$py" 2>/dev/null
