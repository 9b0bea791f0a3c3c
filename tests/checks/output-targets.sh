#!/usr/bin/env bash
# -o onto what is not a plain file (issue 19, finding 8): a character device or a FIFO is written
# in place and stays what it was; /dev/stdout and - are standard output; through a symbolic link
# the target is replaced and the link kept. Never a regular file in place of a device.
set -u
CEO=${CEO:-build/ceo}
S=tests/fixtures/exports/small-qualtrics.csv
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
$CEO stats --by gemeente -o "$d/ref.csv" "$S" 2>/dev/null || echo "FAIL the reference run failed"

# a character device of our own (the system's /dev/null is never put at risk)
if mknod "$d/null" c 1 3 2>/dev/null; then
  $CEO stats --by gemeente -o "$d/null" "$S" 2>"$d/err"; rc=$?
  if [ "$rc" -eq 0 ] && [ -c "$d/null" ]; then echo "ok -o onto a character device writes in place, the device stays"
  else echo "FAIL -o onto a character device: exit $rc, now $(stat -c %F "$d/null") $(cat "$d/err")"; fi
fi

# a FIFO: a reader gets the whole output, the FIFO stays a FIFO
mkfifo "$d/fifo"
cat "$d/fifo" >"$d/got" & reader=$!
timeout 20 $CEO stats --by gemeente -o "$d/fifo" "$S" 2>"$d/err"; rc=$?
# a run that replaced the FIFO never opened it: let the reader go
[ -p "$d/fifo" ] || kill "$reader" 2>/dev/null
( exec 3>"$d/fifo" ) 2>/dev/null & sleep 0.2; kill $! 2>/dev/null
wait "$reader" 2>/dev/null
if [ "$rc" -eq 0 ] && [ -p "$d/fifo" ] && cmp -s "$d/got" "$d/ref.csv"; then echo "ok -o onto a FIFO writes into it, the FIFO stays"
else echo "FAIL -o onto a FIFO: exit $rc, now $(stat -c %F "$d/fifo"), $(wc -c <"$d/got") bytes read"; fi

# /dev/fd/1 and /proc/self/fd/1 are standard output, into a file and into a pipe. (/dev/stdout
# is treated the same, but not tried here: an older ceo run as root would replace the system's
# /dev/stdout, which is what this check is about.)
for p in /dev/fd/1 /proc/self/fd/1; do
  $CEO stats --by gemeente -o $p "$S" >"$d/out" 2>"$d/err"; rc=$?
  if [ "$rc" -eq 0 ] && cmp -s "$d/out" "$d/ref.csv"; then echo "ok -o $p into a file"
  else echo "FAIL -o $p into a file: exit $rc $(cat "$d/err")"; fi
  $CEO stats --by gemeente -o $p "$S" 2>"$d/err" | cat >"$d/out"
  if [ "${PIPESTATUS[0]}" -eq 0 ] && cmp -s "$d/out" "$d/ref.csv"; then echo "ok -o $p into a pipe"
  else echo "FAIL -o $p into a pipe: $(cat "$d/err")"; fi
done

# symbolic links: absolute, relative from another folder, a chain, dangling
mkdir -p "$d/real" "$d/links"
echo OLD >"$d/real/a.csv"
ln -s "$d/real/a.csv" "$d/links/abs.csv"
ln -s ../real/b.csv "$d/links/rel.csv"; echo OLD >"$d/real/b.csv"
ln -s rel.csv "$d/links/chain.csv"
ln -s ../real/new.csv "$d/links/dangling.csv"
for l in abs rel chain dangling; do
  $CEO stats --by gemeente -o "$d/links/$l.csv" "$S" 2>"$d/err"; rc=$?
  t=$(readlink -f "$d/links/$l.csv")
  if [ "$rc" -eq 0 ] && [ -L "$d/links/$l.csv" ] && cmp -s "$t" "$d/ref.csv"; then
    echo "ok -o through a $l symbolic link: the link is kept, its target holds the output"
  else echo "FAIL -o through a $l symbolic link: exit $rc, $(stat -c %F "$d/links/$l.csv") $(cat "$d/err")"; fi
done
# no temporary left beside the link or the target
left=$(find "$d" -name '.*.XXXXXX' -o -name '.*csv.??????' | head -3)
if [ -z "$left" ]; then echo "ok no temporary file left"; else echo "FAIL temporaries left: $left"; fi
