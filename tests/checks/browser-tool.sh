#!/usr/bin/env bash
# The browser tests' own tool (tests/browser/cdp.py: headless Chromium over a pipe, axe-core
# with the WCAG 2.1 A/AA rules) on two fixed pages: the accessible one passes with no request
# to any other file or host; the other one fails on exactly what is wrong with it (no language,
# no title, an image without text and from another host, grey text on white). A tool that
# cannot fail would let every HTML output pass.
set -u
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
if ! err=$(bash tests/browser/setup.sh 2>&1); then fail "browser tests cannot run: $err"; exit 0; fi
B=tests/browser
out=$(python3 $B/cdp.py axe $B/fixtures/accessible.html 2>&1) \
  && ok "axe passes the accessible page: ${out##*$'\n'}" || fail "accessible page: $out"
out=$(python3 $B/cdp.py axe $B/fixtures/inaccessible.html 2>&1); rc=$?
want="color-contrast document-title html-has-lang image-alt"
got=$(printf '%s\n' "$out" | sed -n 's/.*: axe \([a-z-]*\) .*/\1/p' | sort | xargs)
if [ $rc -eq 1 ] && [ "$got" = "$want" ] && printf '%s\n' "$out" | grep -q 'asks for https://example.org/x.png'; then
  ok "axe finds the four violations and the foreign request in the inaccessible page"
else fail "inaccessible page: exit $rc, violations '$got' (want '$want'): $out"; fi
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
if python3 $B/cdp.py shot $B/fixtures/accessible.html 320 "$d/s.png" \
   && [ "$(head -c 8 "$d/s.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
  ok "a screenshot at 320 px is a PNG"
else fail "no screenshot"; fi
v=$(python3 $B/cdp.py eval $B/fixtures/accessible.html "document.querySelector('h1').textContent")
[ "$v" = '"Kop"' ] && ok "eval reads the page: $v" || fail "eval gave $v"
