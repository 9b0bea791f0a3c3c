#!/usr/bin/env bash
# valgrind.sh BUILD - the golden command-line cases (tests/cli) with every ceo run under
# valgrind memcheck. A case passes when it gives its usual exit code, stdout and stderr and
# memcheck reports no error and no definitely or indirectly lost block. Its last line is
# "N passed, N failed".
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# The cases expect English messages: the language of the messages comes from LANG alone (a
# case may set it, as LANG=nl_NL.UTF-8 $CEO ...), nothing overriding it.
unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=C.UTF-8
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/logs"
cat >"$tmp/ceo" <<WRAP
#!/bin/sh
exec valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \\
  --errors-for-leak-kinds=definite,indirect --track-origins=yes --suppressions=$root/tests/valgrind.supp \\
  --log-file="$tmp/logs/vg.%p" "$root/$build/ceo" "\$@"
WRAP
chmod +x "$tmp/ceo"
export CEO="$tmp/ceo" GEN="$build/ceo-gen" BUILD="$build" TMPD="$tmp/work"
passed=0; failed=0
for d in tests/cli/*/; do
  name=$(basename "$d")
  [ -f "$d/cmd" ] || continue
  rm -rf "$TMPD" "$tmp"/logs/vg.*; mkdir -p "$TMPD"
  want_code=$(cat "$d/code" 2>/dev/null || echo 0)
  timeout 600 bash -c "$(cat "$d/cmd")" >"$tmp/out" 2>"$tmp/err"; code=$?
  why=""
  [ "$code" = "$want_code" ] || why="exit $code, want $want_code"
  [ -f "$d/out" ] && ! cmp -s "$d/out" "$tmp/out" && why="$why stdout differs"
  [ -f "$d/err" ] && ! cmp -s "$d/err" "$tmp/err" && why="$why stderr differs"
  runs=$(ls "$tmp"/logs/vg.* 2>/dev/null | wc -l)
  for l in "$tmp"/logs/vg.*; do
    [ -s "$l" ] && { why="$why memcheck: $(grep -m1 -E 'Invalid|uninitialised|definitely|indirectly|ERROR SUMMARY' "$l")"; cat "$l" | head -40 | sed 's/^/    /'; }
  done
  if [ -z "$why" ]; then passed=$((passed+1)); echo "ok $name ($runs runs)"
  else failed=$((failed+1)); echo "FAIL $name:$why"; fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
