#!/usr/bin/env bash
# ceo under a Dutch locale: the messages are Dutch (from the build tree's catalogue), and nothing
# else changes: every machine output (stats CSV, JSON and Dutch-Excel CSV, the HV table, the
# follow-up list, signals and comments, the VWS data, the check report, a PDF's text) is
# byte-identical under LANG/LC_ALL=nl_NL.UTF-8 and LANG=C, so numbers keep their decimal point
# whatever the user's locale. The locale is the system's nl_NL.UTF-8 when installed, else one
# compiled into a temporary folder (localedef, package locales) and found through LOCPATH, so
# that the real locale is tested on any machine. Also: the language when that locale is missing
# (ceo falls back on LANGUAGE), LANGUAGE as GNU gettext reads it, and UTF-8 messages whatever
# the encoding of LC_CTYPE.
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
unset LC_ALL LC_MESSAGES LANGUAGE LOCPATH
small=tests/fixtures/exports/small-qualtrics.csv
nl=nl_NL.UTF-8

# A real nl_NL.UTF-8 locale.
if ! locale -a 2>/dev/null | grep -qix 'nl_NL\.utf-\?8'; then
  mkdir -p "$d/loc"
  if command -v localedef >/dev/null && localedef -i nl_NL -f UTF-8 "$d/loc/$nl" >/dev/null 2>&1; then
    export LOCPATH="$d/loc"
  else
    fail "no nl_NL.UTF-8 locale and localedef cannot make one (apt-get install locales)"; exit 1
  fi
fi
if [ "$(env LC_ALL=$nl python3 -c 'import locale; print(locale.setlocale(locale.LC_ALL, ""))' 2>/dev/null)" = "$nl" ] &&
   [ "$(env LC_ALL=$nl /usr/bin/printf '%.1f' 0.5 2>/dev/null)" = "0,5" ]; then
  ok "the nl_NL.UTF-8 locale works (printf writes a decimal comma)${LOCPATH:+, compiled into LOCPATH}"
else
  fail "the nl_NL.UTF-8 locale does not work"; exit 1
fi

want="ceo stats: 'foo' is geen dimensie: gebruik gemeente, aanbieder, voorziening, periode of een enkelvoudige keuzevraag"
for env in "LANG=$nl" "LC_ALL=$nl" "LANG=C LC_MESSAGES=$nl"; do
  got=$(env $env "$CEO" stats --by foo $small 2>&1 | head -1)
  if [ "$got" = "$want" ]; then ok "$env: Dutch messages"
  else fail "$env: got '$got'"; fi
done
got=$(env LANG=$nl LC_MESSAGES=C "$CEO" stats --by foo $small 2>&1 | head -1)
[[ "$got" == *"is no dimension"* ]] && ok "LANG=$nl LC_MESSAGES=C: English" || fail "LC_MESSAGES=C: got '$got'"

# Dutch with letters beyond ASCII comes out in UTF-8 even with LC_CTYPE in another encoding.
got=$(env LANG=C LC_MESSAGES=$nl "$CEO" check --dump "$d/x" $small $small 2>&1 | head -1)
if [ "$got" = "ceo check: --dump schrijft de antwoorden van één export; geef één bestand" ]; then
  ok "Dutch messages are UTF-8 under LC_CTYPE=C"
else fail "LC_CTYPE=C: got '$got'"; fi

# Every machine output byte-identical under the Dutch locale and under C.
run() { # run NAME ENV...: every output into $d/NAME/
  local name=$1; shift
  mkdir -p "$d/$name"
  local o="$d/$name" c="$CEO"
  env "$@" $c stats --by gemeente,aanbieder -o $o/stats.csv samples/qualtrics.csv 2>$o/err1
  env "$@" $c stats --by gemeente --weights --format json -o $o/stats.json samples/qualtrics.csv 2>$o/err2
  env "$@" $c stats --by periode --period quarter --excel -o $o/excel.csv samples/qualtrics.csv 2>$o/err3
  env "$@" $c stats --hv -o $o/hv.csv samples/qualtrics.csv 2>$o/err4
  env "$@" $c stats --post-stratify --config tests/fixtures/poststrat.ini --by gemeente --digits 10 \
    -o $o/post.csv samples/qualtrics.csv 2>$o/err5
  env "$@" $c flag --config samples/project.ini -o $o/flag.csv --signals $o/signals.csv \
    --comments $o/comments.csv samples/qualtrics.csv 2>$o/err6
  env "$@" $c export vws --config samples/project.ini -o $o/vws.csv samples/qualtrics.csv 2>$o/err7
  env "$@" $c check samples/excel-nl.csv >$o/check.txt 2>$o/err8
  mkdir -p $o/pdf
  env "$@" $c report --kind gemeente --only Tiel --config samples/project.ini --out-dir $o/pdf \
    samples/qualtrics.csv 2>$o/err9
  for f in $o/pdf/*.pdf; do pdftotext "$f" "$f.txt" 2>/dev/null; rm -f "$f"; done
  rm -f $o/err*
}
run c LANG=C
if [ -z "$(find "$d/c" -type f -empty)" ] && [ "$(find "$d/c" -type f | wc -l)" -eq 11 ]; then
  ok "LANG=C: the 11 outputs written"
else
  fail "LANG=C: outputs missing or empty: $(find "$d/c" -type f -empty | head -3)"
fi
for env in "LANG=$nl" "LC_ALL=$nl" "LANG=C LC_NUMERIC=$nl LC_CTYPE=$nl LC_COLLATE=$nl LC_TIME=$nl"; do
  name=$(echo "$env" | tr ' =' '__')
  run "$name" $env
  n=$(find "$d/c" -type f | wc -l)
  if diff -r "$d/c" "$d/$name" >"$d/diff"; then
    ok "$env: $n outputs byte-identical to LANG=C (stats CSV/JSON/Excel, HV, flag, VWS, check, PDF text)"
  else
    fail "$env: outputs differ from LANG=C ($n files): $(head -5 "$d/diff")"
  fi
done

# The locale missing (a container): ceo still takes the language from the name.
got=$(env LANG=nl_ZZ.UTF-8 "$CEO" stats --by foo $small 2>&1 | head -1)
[ "$got" = "$want" ] && ok "LANG=nl_ZZ.UTF-8 (no such locale): Dutch all the same" ||
  fail "missing locale: got '$got'"
got=$(env LANG=nl_ZZ.UTF-8 LANGUAGE=en "$CEO" stats --by foo $small 2>&1 | head -1)
[[ "$got" == *"is no dimension"* ]] && ok "no such locale, LANGUAGE=en: English (LANGUAGE wins)" ||
  fail "LANGUAGE=en: got '$got'"
# LANGUAGE as GNU gettext reads it: used on a locale other than C, ignored under C.
got=$(env LANG=C.UTF-8 LANGUAGE=nl "$CEO" stats --by foo $small 2>&1 | head -1)
[ "$got" = "$want" ] && ok "LANG=C.UTF-8 LANGUAGE=nl: Dutch" || fail "LANGUAGE=nl: got '$got'"
got=$(env LC_ALL=C LANGUAGE=nl "$CEO" stats --by foo $small 2>&1 | head -1)
[[ "$got" == *"is no dimension"* ]] && ok "LC_ALL=C LANGUAGE=nl: English (C ignores LANGUAGE)" ||
  fail "LC_ALL=C LANGUAGE=nl: got '$got'"
