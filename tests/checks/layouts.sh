#!/usr/bin/env bash
# Every real-world layout in tests/layouts/ (MANIFEST.tsv: file, respondents, columns,
# header_rows, delimiter, encoding) read with `ceo check --raw`: the counts and the detected
# layout must be as the manifest says.
set -u
CEO=${CEO:-build/ceo}
dir=tests/layouts
[ -f "$dir/MANIFEST.tsv" ] || { echo "FAIL $dir/MANIFEST.tsv is missing"; exit 1; }
tail -n +2 "$dir/MANIFEST.tsv" | while IFS=$'\t' read -r file resp cols hrows delim enc notes; do
  [ -n "$file" ] || continue
  case "$file" in \#*) continue ;; esac
  out=$(timeout 20 "$CEO" check --raw "$dir/$file" 2>/dev/null); rc=$?
  if [ $rc -ne 0 ]; then echo "FAIL $file: exit $rc"; continue; fi
  got_resp=$(printf '%s\n' "$out" | sed -n 's/^  respondents: \([0-9]*\)$/\1/p')
  got_cols=$(printf '%s\n' "$out" | sed -n 's/^  columns: *\([0-9]*\).*$/\1/p')
  layout=$(printf '%s\n' "$out" | sed -n 's/^  layout: *//p')
  got_hrows=$(printf '%s\n' "$layout" | sed -n 's/.*, \([0-9]\) header rows\{0,1\},.*/\1/p')
  case "$delim" in comma) want_d="comma-delimited" ;; semicolon) want_d="semicolon-delimited" ;;
                   tab) want_d="tab-delimited" ;; *) want_d="?" ;; esac
  case "$enc" in utf-8) want_e=", UTF-8" ;; utf-8-bom) want_e=", UTF-8 with BOM," ;;
                 windows-1252) want_e="Windows-1252" ;; *) want_e="$enc" ;; esac
  why=""
  [ "$got_resp" = "$resp" ] || why="$why respondents $got_resp, want $resp;"
  [ "$got_cols" = "$cols" ] || why="$why columns $got_cols, want $cols;"
  [ "$got_hrows" = "$hrows" ] || why="$why header rows $got_hrows, want $hrows;"
  case "$layout" in *"$want_d"*) ;; *) why="$why delimiter: $layout;" ;; esac
  case "$layout" in *"$want_e"*) ;; *) why="$why encoding: $layout;" ;; esac
  if [ -z "$why" ]; then echo "ok $file"; else echo "FAIL $file:$why"; fi
done
