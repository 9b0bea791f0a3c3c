#!/usr/bin/env bash
# Runs the whole suite: unit tests, then the golden command-line cases, then the data checks.
# Its last line is exactly "N passed, N failed"; it exits non-zero when anything failed.
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# The cases expect English messages: the language of the messages comes from LANG alone (a
# case may set it, as LANG=nl_NL.UTF-8 $CEO ...), nothing overriding it.
unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=C.UTF-8
passed=0; failed=0

# 1. unit tests (the binary prints "unit: N passed, N failed" last)
out=$("$build/unit-tests" "$root" 2>&1); rc=$?
printf '%s\n' "$out" | grep -v '^unit:' | sed 's/^/  /'
line=$(printf '%s\n' "$out" | grep '^unit:' | tail -1)
if [ -z "$line" ]; then
  echo "FAIL unit tests crashed or printed no summary (exit $rc)"; failed=$((failed+1))
else
  p=$(echo "$line" | sed -E 's/unit: ([0-9]+) passed, ([0-9]+) failed/\1/')
  f=$(echo "$line" | sed -E 's/unit: ([0-9]+) passed, ([0-9]+) failed/\2/')
  passed=$((passed+p)); failed=$((failed+f))
  [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && { echo "FAIL unit tests exit $rc"; failed=$((failed+1)); }
  echo "unit tests: $p passed, $f failed"
fi

# 2. golden command-line cases: tests/cli/NAME/{cmd,code,out,err}
#    cmd is one shell line run from the repository root with $CEO set; out and err are
#    compared exactly when present; code is the expected exit status.
export CEO="$build/ceo" GEN="$build/ceo-gen" BUILD="$build"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export TMPD="$tmp"
cp=0; cf=0
for d in tests/cli/*/; do
  name=$(basename "$d")
  [ -f "$d/cmd" ] || continue
  want_code=$(cat "$d/code" 2>/dev/null || echo 0)
  timeout 10 bash -c "$(cat "$d/cmd")" >"$tmp/out" 2>"$tmp/err"; code=$?
  ok=1; why=""
  [ "$code" = "$want_code" ] || { ok=0; why="exit $code, want $want_code"; }
  if [ -f "$d/out" ] && ! cmp -s "$d/out" "$tmp/out"; then ok=0; why="$why stdout differs"; fi
  if [ -f "$d/err" ] && ! cmp -s "$d/err" "$tmp/err"; then ok=0; why="$why stderr differs"; fi
  if [ $ok -eq 1 ]; then cp=$((cp+1)); else
    cf=$((cf+1)); echo "FAIL cli/$name: $why"
    [ -f "$d/out" ] && diff "$d/out" "$tmp/out" | head -10 | sed 's/^/    /'
    [ -f "$d/err" ] && diff "$d/err" "$tmp/err" | head -10 | sed 's/^/    /'
  fi
done
echo "cli cases: $cp passed, $cf failed"
passed=$((passed+cp)); failed=$((failed+cf))

# 3. scripted checks: tests/checks/*.sh, each prints "ok ..." or "FAIL ..." lines
for s in tests/checks/*.sh; do
  [ -f "$s" ] || continue
  out=$(bash "$s" 2>&1); rc=$?
  p=$(printf '%s\n' "$out" | grep -c '^ok ')
  f=$(printf '%s\n' "$out" | grep -c '^FAIL')
  printf '%s\n' "$out" | grep '^FAIL' | sed 's/^/  /'
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "  FAIL $s exited $rc"; fi
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; echo "  FAIL $s checked nothing"; fi
  echo "$(basename "$s"): $p passed, $f failed"
  passed=$((passed+p)); failed=$((failed+f))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
