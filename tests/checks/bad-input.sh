#!/usr/bin/env bash
# The bad inputs of the reader: each must exit 1 with one error line naming path:line:column
# (never a crash or a hang: each run is bounded by a timeout that only a hang would reach).
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT

printf '' > "$d/empty.csv"
printf '\xEF\xBB\xBF' > "$d/bom-only.csv"
printf '%%PDF-1.4\n%%\xE2\xE3\xCF\xD3\n1 0 obj << /Type /Catalog >> endobj\n' > "$d/report.pdf"
for i in $(seq 1 512); do printf 'PK\001\002\000\377\376\375'; done > "$d/random.bin"
printf 'id,gemeente,opmerkingen\n1,Buren,ok\n2,Tiel,"dit citaat sluit nooit\n3,Tiel,ok\n' > "$d/truncated-quote.csv"
printf '1,2,3\n4,5,6\n' > "$d/no-header.csv"
printf 'id,gemeente\n1,Bu\x01ren\n' > "$d/control-byte.csv"
printf 'id,gemeente\n1,Bu\x81ren\n' > "$d/undefined-byte.csv"
{ printf 'id,opmerkingen\n1,"'; head -c 10485760 /dev/zero | tr '\0' 'x'; printf '"\n'; } > "$d/10mb-field.csv"
{ printf 'id'; for i in $(seq 1 100000); do printf ',v%d' "$i"; done; printf '\n1'; \
  for i in $(seq 1 100000); do printf ',1'; done; printf '\n'; } > "$d/100k-columns.csv"
printf 'id,gemeente\n' > "$d/header-only.csv"

expect() { # file, line, column, words in the message
  local f=$1 line=$2 col=$3 words=$4
  local err; err=$(timeout 20 "$CEO" check --raw "$d/$f" 2>&1 >/dev/null); local rc=$?
  local loc="$d/$f:$line:$col: "
  if [ $rc -ne 1 ]; then echo "FAIL $f: exit $rc, want 1 ($err)"; return; fi
  if [ "$(printf '%s\n' "$err" | wc -l)" -ne 1 ]; then echo "FAIL $f: not one line: $err"; return; fi
  case "$err" in
    "ceo: $loc"*"$words"*) echo "ok $f" ;;
    *) echo "FAIL $f: got '$err', want 'ceo: $loc...$words...'" ;;
  esac
}
expect empty.csv 1 1 "empty"
expect bom-only.csv 1 1 "empty"
expect report.pdf 1 1 "PDF"
expect random.bin 1 1 "binary"
expect truncated-quote.csv 3 3 "never closed"
expect no-header.csv 1 1 "no header"
expect control-byte.csv 2 2 "control byte 0x01"
expect undefined-byte.csv 2 2 "neither UTF-8 nor Windows-1252"
expect 10mb-field.csv 2 2 "longer than"
expect 100k-columns.csv 1 16385 "more than 16384 fields"
expect header-only.csv 1 1 "no respondents"
