#!/usr/bin/env bash
# SPSS system files (.sav, .zsav): the generator's .sav version of every sample layout gives
# the same figures as its CSV version; files made by pspp from tests/sav/spss-features.sps
# (user-missing values and ranges, multiple-response sets, Windows-1252 labels, only a code
# page, .zsav) are read and reported right; damaged files fail cleanly with exit 1; every
# command takes a .sav.
set -u
CEO=${CEO:-build/ceo}
GEN=${GEN:-build/ceo-gen}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT

# 1. the samples as .sav: same figures, row for row
if ! "$GEN" --sav --out-dir "$d" >/dev/null 2>"$d/gen.err"; then
  echo "FAIL ceo-gen --sav: $(head -2 "$d/gen.err")"
else
  for layout in qualtrics surveymonkey limesurvey excel-nl; do
    out=$("$CEO" check "$d/$layout.sav" 2>&1); rc=$?
    if [ $rc -eq 0 ] && [[ $out == *"unrecognised values: none"* ]]; then
      echo "ok $layout.sav: read with every value recognised"
    else
      echo "FAIL $layout.sav: ceo check exit $rc"
    fi
    for opts in "--by gemeente,aanbieder" "--hv" "--by periode --period quarter" \
                "--by gemeente --weights"; do
      [ "$opts" = "--by gemeente --weights" ] && [ $layout != qualtrics ] && continue
      "$CEO" stats $opts "samples/$layout.csv" >"$d/a.csv" 2>/dev/null
      "$CEO" stats $opts "$d/$layout.sav" >"$d/b.csv" 2>"$d/b.err"; rc=$?
      if [ $rc -eq 0 ] && [ -s "$d/a.csv" ] && cmp -s "$d/a.csv" "$d/b.csv"; then
        echo "ok $layout.sav: ceo stats $opts equals the CSV's ($(wc -l <"$d/a.csv") rows)"
      else
        echo "FAIL $layout.sav: ceo stats $opts differs from the CSV's (exit $rc)"
        diff "$d/a.csv" "$d/b.csv" | head -4
      fi
    done
  done
  # the layout comes from the content, not the name
  cp "$d/excel-nl.sav" "$d/export.csv"
  "$CEO" stats --by gemeente "samples/excel-nl.csv" >"$d/a.csv" 2>/dev/null
  if "$CEO" stats --by gemeente "$d/export.csv" >"$d/b.csv" 2>/dev/null && cmp -s "$d/a.csv" "$d/b.csv"; then
    echo "ok a .sav named export.csv is read as .sav"
  else
    echo "FAIL a .sav named export.csv is not read as .sav"
  fi
  # the bureau's .sav codes missing answers 99, declared user-missing
  out=$("$CEO" check "$d/excel-nl.sav" 2>&1)
  if printf '%s\n' "$out" | grep -Eq "^  user-missing values \(read as missing\): [1-9][0-9]* cells" &&
     printf '%s\n' "$out" | grep -q "^  6 .* 99: [0-9]* cells"; then
    echo "ok excel-nl.sav: user-missing 99 reported per column"
  else
    echo "FAIL excel-nl.sav: user-missing values not reported"
  fi
  # every command takes a .sav
  q="$d/qualtrics.sav"
  "$CEO" flag --config samples/project.ini -o "$d/f.csv" "$q" >/dev/null 2>&1 && [ -s "$d/f.csv" ] &&
    echo "ok ceo flag reads a .sav" || echo "FAIL ceo flag on a .sav"
  "$CEO" export vws --config samples/project.ini -o "$d/v.csv" "$q" >/dev/null 2>&1 && [ -s "$d/v.csv" ] &&
    echo "ok ceo export vws reads a .sav" || echo "FAIL ceo export vws on a .sav"
  mkdir -p "$d/rap"
  "$CEO" report --kind regio --config samples/project.ini --out-dir "$d/rap" "$q" >/dev/null 2>&1 &&
    [ -n "$(ls "$d/rap")" ] && echo "ok ceo report reads a .sav" || echo "FAIL ceo report on a .sav"
  "$CEO" batch add -q --store "$d/s.db" "$q" >/dev/null 2>&1 &&
    "$CEO" stats --store "$d/s.db" --by gemeente >"$d/b.csv" 2>/dev/null &&
    "$CEO" stats --by gemeente samples/qualtrics.csv >"$d/a.csv" 2>/dev/null &&
    cmp -s "$d/a.csv" "$d/b.csv" && echo "ok ceo batch add stores a .sav like its CSV" ||
    echo "FAIL ceo batch add on a .sav"
fi

# 2. SPSS features, in files made by pspp
if ! command -v pspp >/dev/null; then
  echo "FAIL pspp is not installed (Debian package pspp; used by the tests only)"
  exit 0
fi
sed "s|@OUT@|$d/u|" tests/sav/spss-features.sps >"$d/u.sps"
{ echo 'SET LOCALE="windows-1252".'; sed "s|@OUT@|$d/w|" tests/sav/spss-features.sps; } |
  iconv -f UTF-8 -t WINDOWS-1252 >"$d/w.sps"
(cd "$d" && pspp u.sps >/dev/null 2>&1 && pspp w.sps >/dev/null 2>&1) || echo "FAIL pspp could not run tests/sav/spss-features.sps"
# the Windows-1252 file again with only the code page (no character-encoding record)
python3 - "$d/w-md.sav" "$d/cp-md.sav" <<'PY'
import struct, sys
b = open(sys.argv[1], 'rb').read()
i = b.find(struct.pack('<iiii', 7, 20, 1, 12) + b'WINDOWS-1252')
if i > 0:
    b = b[:i] + b[i + 28:]
open(sys.argv[2], 'wb').write(b)
PY
for f in u-md.sav u-md.zsav w-md.sav cp-md.sav u-mc.sav w-mc.sav; do
  want=tests/sav/expect-md.csv; case $f in *-mc.*) want=tests/sav/expect-mc.csv ;; esac
  out=$("$CEO" check --dump "$d/dump.csv" "$d/$f" 2>"$d/err"); rc=$?
  if [ $rc -eq 0 ] && cmp -s "$d/dump.csv" "$want"; then
    echo "ok $f: answers coded as expected (value labels both ways round, user-missing as missing)"
  else
    echo "FAIL $f: exit $rc, coded answers differ: $(head -2 "$d/err")"; diff "$want" "$d/dump.csv" | head -6
  fi
  printf '%s\n' "$out" | grep -q "^  4 .* 97 thru 99: 2 cells$" &&
    echo "ok $f: user-missing range reported" || echo "FAIL $f: user-missing range not reported"
  case $f in
    *-md.*) grep -q "\$ond: dichotomy set of 3 variables, counted value 1" <<<"$out" &&
            grep -Eq "^  7 .* ondersteuning:huishoudelijke_hulp \(meer\)$" <<<"$out" &&
            echo "ok $f: dichotomy set reported and mapped" || echo "FAIL $f: dichotomy set" ;;
    *-mc.*) grep -q "\$vz: category set of 2 variables" <<<"$out" &&
            grep -Eq "^  7 +\\\$vz - .* ondersteuning \(meer\)$" <<<"$out" &&
            grep -q "lowest thru -1: 3 cells" <<<"$out" &&
            echo "ok $f: category set reported, mapped, its user-missing counted" || echo "FAIL $f: category set" ;;
  esac
  case $f in
    w-*) grep -q "encoding WINDOWS-1252 (character-encoding record)" <<<"$out" &&
         echo "ok $f: Windows-1252 named" || echo "FAIL $f: Windows-1252 not named" ;;
    cp-*) grep -q "encoding code page 1252" <<<"$out" &&
          echo "ok $f: code page 1252 named" || echo "FAIL $f: code page not named" ;;
    *.zsav) grep -q "layout:      SPSS .zsav" <<<"$out" &&
            echo "ok $f: .zsav named" || echo "FAIL $f: .zsav not named" ;;
  esac
done

# 3. damaged files: a clear error naming the file, exit 1, no crash
src="$d/u-md.sav"
size=$(wc -c <"$src")
head -c $((size - 40)) "$src" >"$d/cut-data.sav"
head -c 600 "$src" >"$d/cut-dict.sav"
head -c 4 "$src" >"$d/magic-only.sav"
python3 - "$src" "$d/garbled.sav" <<'PY'
import sys
b = bytearray(open(sys.argv[1], 'rb').read())
for i in range(180, len(b), 7):
    b[i] ^= 0x5A
open(sys.argv[2], 'wb').write(bytes(b))
PY
for f in cut-data.sav cut-dict.sav magic-only.sav garbled.sav; do
  "$CEO" check "$d/$f" >/dev/null 2>"$d/err"; rc=$?
  if [ $rc -eq 1 ] && grep -q "^ceo: $d/$f: " "$d/err"; then
    echo "ok $f: exit 1 with '$(head -1 "$d/err" | sed "s|$d/||")'"
  else
    echo "FAIL $f: exit $rc, stderr: $(head -2 "$d/err")"
  fi
done
