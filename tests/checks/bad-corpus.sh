#!/usr/bin/env bash
# The bad-input corpus, tests/bad/MANIFEST.tsv: file, how, exit, line, column, message, what.
# Each case must give its exit code (never a crash: that would be another code), a message
# containing `message`, and where line (and column) are given, "path:line:column:" in the
# output. With exit 1 every line on stderr must be a "ceo: ..." message (stderr may be empty
# only for ceo check, which lists unrecognised values on stdout). How it is run:
#   raw        ceo check --raw tests/bad/FILE
#   check      ceo check tests/bad/FILE                  (standard codebook)
#   codebook   ceo check -c CB small-export: CB is the standard codebook with the files in
#              tests/bad/FILE/ laid over it
#   config     ceo check --config tests/bad/FILE small-export
#   store      ceo stats --store tests/bad/FILE
#   gen-*      the same on a file made at test time (make-big.sh, or below), not stored
#   pipe       a 1 GiB line streamed through a pipe into ceo check --raw /dev/stdin: it must
#              stop at the field limit, quickly and without reading the rest
#   out        an output that cannot be written; nothing may be left in the target folder
set -u
CEO=${CEO:-build/ceo}
small=tests/fixtures/exports/small-qualtrics.csv
d=$(mktemp -d)
mnt=""
cleanup() { [ -n "$mnt" ] && umount "$mnt" 2>/dev/null; rm -rf "$d"; }
trap cleanup EXIT
bash tests/bad/make-big.sh "$d" >/dev/null 2>&1 || echo "FAIL make-big.sh did not run"
python3 -c "import sqlite3; c = sqlite3.connect('$d/store_other_sqlite.db'); c.execute('create table antwoorden(x)'); c.commit()"
"$CEO" batch add -q --store "$d/store_corrupt.db" "$small" 2>/dev/null || echo "FAIL batch add for the corrupt store"
"$CEO" batch list --store "$d/store_corrupt.db" >/dev/null 2>&1 || echo "FAIL the store before corruption"
# overwrite pages 2 to 4 (the b-tree roots after the schema page) with bytes that are no page
head -c 12288 /dev/urandom | dd of="$d/store_corrupt.db" bs=4096 seek=1 conv=notrunc 2>/dev/null

gig() { # what: a generator of 1 GiB on stdout
  case $1 in
    line_1gb_unquoted) printf 'Respondent,Opmerkingen\n1,'; yes 'abcdefghijklmnopqrstuvwxyz' | tr -d '\n' | head -c 1073741824; printf '\n' ;;
    line_1gb_quoted) printf 'Respondent,Opmerkingen\n1,"'; yes 'abc, "" def' | tr -d '\n' | head -c 1073741824; printf '"\n' ;;
    header_1gb) yes 'Kolomnaam zonder einde ' | tr -d '\n' | head -c 1073741824; printf '\n1\n' ;;
  esac
}

# An output target that cannot be written; runs ceo and leaves its stderr in $d/err.
out_case() {
  local name=$1 dir target
  case $name in
    output_dir_missing) dir=$d/nope; target=$dir/figures.csv
      "$CEO" stats -o "$target" "$small" >/dev/null 2>"$d/err" ;;
    output_dir_is_file) dir=$d; : >"$d/file"; target=$d/file/figures.csv
      "$CEO" stats -o "$target" "$small" >/dev/null 2>"$d/err" ;;
    output_dir_unwritable) dir=/proc; target=/proc/ceo-figures.csv
      "$CEO" stats -o "$target" "$small" >/dev/null 2>"$d/err" ;;
    disk_full|disk_full_report)
      if [ -z "$mnt" ]; then
        mkdir -p "$d/full"
        if mount -t tmpfs -o size=64k tmpfs "$d/full" 2>/dev/null; then mnt=$d/full; fi
      fi
      if [ -n "$mnt" ]; then
        dir=$mnt
        head -c 40000 /dev/zero >"$mnt/ballast" 2>/dev/null
        if [ "$name" = disk_full ]; then
          "$CEO" stats --by gemeente,aanbieder -o "$mnt/figures.csv" "$small" >/dev/null 2>"$d/err"
        else
          "$CEO" report --kind gemeente --only Tiel --config samples/project.ini --out-dir "$mnt" \
            "$small" >/dev/null 2>"$d/err"
        fi
        local rc=$?
        rm -f "$mnt/ballast"
        [ -z "$(ls -A "$mnt")" ] || { echo "left behind: $(ls -A "$mnt")" >>"$d/err"; return 9; }
        return $rc
      fi
      # no mount permitted: a full disk simulated with /dev/full as standard output
      dir=$d/none; "$CEO" stats --by gemeente,aanbieder "$small" >/dev/full 2>"$d/err"; return $? ;;
  esac
  local rc=$?
  [ -d "$dir" ] && ls -A "$dir" | grep -q '^\.figures' && { echo "left behind a temporary file" >>"$d/err"; return 9; }
  [ -e "$target" ] && { echo "left behind $target" >>"$d/err"; return 9; }
  return $rc
}

n=0
while IFS=$'\t' read -r file how code line col msg what; do
  [ "$file" = file ] && continue
  [ -n "$file" ] || continue
  n=$((n+1))
  f=tests/bad/$file
  case $how in gen-*|pipe) f=$d/$file ;; esac
  case $how in
    raw|gen-raw) timeout 20 "$CEO" check --raw "$f" >"$d/out" 2>"$d/err"; rc=$? ;;
    check|gen-check) timeout 20 "$CEO" check "$f" >"$d/out" 2>"$d/err"; rc=$? ;;
    codebook) rm -rf "$d/cb"; cp -r templates/ceo-wmo "$d/cb"; cp "$f"/* "$d/cb/"
              f=$d/cb/$(ls "$f" | head -1)
              timeout 20 "$CEO" check -c "$d/cb" "$small" >"$d/out" 2>"$d/err"; rc=$? ;;
    config) timeout 20 "$CEO" check --config "$f" "$small" >"$d/out" 2>"$d/err"; rc=$? ;;
    store|gen-store) timeout 20 "$CEO" stats --store "$f" >"$d/out" 2>"$d/err"; rc=$? ;;
    pipe) f=/dev/stdin; start=$(date +%s)
          gig "$file" | timeout 60 "$CEO" check --raw /dev/stdin >"$d/out" 2>"$d/err"
          rc=${PIPESTATUS[1]}
          [ $(( $(date +%s) - start )) -le 20 ] || { echo "FAIL $file: took more than 20 s"; continue; } ;;
    out) : >"$d/out"; out_case "$file"; rc=$? ;;
    *) echo "FAIL $file: unknown way '$how'"; continue ;;
  esac
  all=$(cat "$d/out" "$d/err")
  if [ "$rc" != "$code" ]; then echo "FAIL $file: exit $rc, want $code: $(head -c 300 "$d/err")"; continue; fi
  if [ "$msg" != - ] && ! grep -qF -- "$msg" <<<"$all"; then
    echo "FAIL $file: no '$msg' in: $(head -c 300 "$d/err")"; continue; fi
  if [ "$line" != - ]; then
    # error lines say path:line:column: ..., listings of values path:line:column, ...
    loc="$f:$line:"; [ "$col" != - ] && loc="$f:$line:$col"
    all=$(printf '%s\n' "$all" | sed 's/$/ /')
    { [ "$col" = - ] && grep -qF -- "$loc" <<<"$all"; } || grep -qF -e "$loc:" -e "$loc," -e "$loc " <<<"$all" \
      || { echo "FAIL $file: no '$loc' in: $(head -c 300 "$d/err")"; continue; }
  fi
  # (ceo check lists unrecognised values on stdout; its stderr may then be empty)
  if [ "$code" = 1 ] && { { [ ! -s "$d/err" ] && [ "${how#gen-}" != check ]; } || grep -qv '^ceo: ' "$d/err"; }; then
    echo "FAIL $file: stderr is not only 'ceo: ' messages: $(head -c 300 "$d/err")"; continue; fi
  echo "ok $file ($what)"
done <tests/bad/MANIFEST.tsv
[ "$n" -ge 40 ] && echo "ok the corpus has $n cases" || echo "FAIL the corpus has only $n cases"
