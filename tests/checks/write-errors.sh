#!/usr/bin/env bash
# Write errors are never swallowed (issue 19, finding 9): every command whose standard output
# cannot be written (here /dev/full) exits 1 with a message, and `report --layout-log` on a
# full disk exits 1 too (a 64 KiB tmpfs where mounting is permitted, else /dev/full).
set -u
CEO=${CEO:-build/ceo}
S=tests/fixtures/exports/small-qualtrics.csv
d=$(mktemp -d); mnt=
cleanup() { [ -n "$mnt" ] && umount "$mnt" 2>/dev/null; rm -rf "$d"; }
trap cleanup EXIT
$CEO batch add -q --store "$d/s.db" "$S" >/dev/null 2>&1 || echo "FAIL batch add for the store"

full() { # name, command...
  local name=$1; shift
  "$@" >/dev/full 2>"$d/err"; local rc=$?
  if [ "$rc" -eq 1 ] && grep -q 'standard output' "$d/err"; then echo "ok $name > /dev/full: exit 1"
  else echo "FAIL $name > /dev/full: exit $rc, stderr: $(head -c 300 "$d/err")"; fi
}
full check $CEO check "$S"
full "check --raw" $CEO check --raw "$S"
full "batch list" $CEO batch list --store "$d/s.db"
full stats $CEO stats --by gemeente "$S"
full "flag -o -" $CEO flag -o - "$S"
full "--help" $CEO --help
full "stats --help" $CEO stats --help
full "--version" $CEO --version

# report --layout-log on a full disk
mkdir -p "$d/full" "$d/pdf"
if mount -t tmpfs -o size=64k tmpfs "$d/full" 2>/dev/null; then
  mnt=$d/full; head -c 60000 /dev/zero >"$d/full/ballast" 2>/dev/null
  log=$d/full/layout.log
else
  log=/dev/full
fi
$CEO report --kind gemeente --out-dir "$d/pdf" --layout-log "$log" "$S" >/dev/null 2>"$d/err"; rc=$?
if [ "$rc" -eq 1 ] && grep -q 'No space left on device' "$d/err"; then echo "ok report --layout-log on a full disk: exit 1"
else echo "FAIL report --layout-log on a full disk: exit $rc, stderr: $(head -c 300 "$d/err")"; fi
