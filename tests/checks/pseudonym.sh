#!/usr/bin/env bash
# Pseudonymous respondent ids (ceo pseudonymise, --key): a pseudonymised export gives
# byte-identical ceo stats output; only the id and the contact fields of non-consenting
# respondents change, every other byte stays; the same key gives the same pseudonyms, another
# key others; a respondent answering again is recognised through the pseudonym; the store holds
# no original id; a BSN column is refused; a store refuses ids of the other kind or key; flag
# --key writes the original id only in the follow-up list, only for consenting respondents.
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }

"$CEO" pseudonymise --new-key "$d/k1" 2>/dev/null && "$CEO" pseudonymise --new-key "$d/k2" 2>/dev/null
if [ "$(stat -c %a "$d/k1")" = 600 ] && grep -Eq '^[0-9a-f]{64}$' "$d/k1" && ! cmp -s "$d/k1" "$d/k2"; then
  ok "--new-key writes a random 256-bit key, mode 0600"
else fail "--new-key: mode $(stat -c %a "$d/k1"), $(cat "$d/k1")"; fi
"$CEO" pseudonymise --new-key "$d/k1" 2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "never overwritten" "$d/err"; then ok "--new-key never overwrites a key"
else fail "--new-key over an existing key: exit $rc, $(cat "$d/err")"; fi

# 1. every sample layout: stats identical, only the id column changed, every other byte kept
for f in qualtrics surveymonkey limesurvey excel-nl; do
  "$CEO" pseudonymise --key "$d/k1" -o "$d/$f.csv" "samples/$f.csv" 2>"$d/err" || fail "pseudonymise $f: $(cat "$d/err")"
  "$CEO" stats --digits 10 --by gemeente,aanbieder "samples/$f.csv" >"$d/$f.a" 2>/dev/null
  "$CEO" stats --digits 10 --by gemeente,aanbieder "$d/$f.csv" >"$d/$f.b" 2>/dev/null
  if [ -s "$d/$f.a" ] && cmp -s "$d/$f.a" "$d/$f.b"; then ok "$f: ceo stats of the pseudonymised export is byte-identical"
  else fail "$f: stats differ: $(diff "$d/$f.a" "$d/$f.b" | head -3)"; fi
  if python3 - "samples/$f.csv" "$d/$f.csv" <<'EOF'
import re, sys
a = open(sys.argv[1], "rb").read(); b = open(sys.argv[2], "rb").read()
# every difference is a field that became a pseudonym: put the pseudonyms back where the
# original had its field and the files must be equal
pat = re.compile(rb"P-[0-9A-HJKMNP-TV-Z]{16}")
ids = pat.findall(b)
assert len(ids) >= 1000, len(ids)
rest_b = pat.split(b)
# the original's bytes between the same positions: walk both
i = 0
for k, chunk in enumerate(rest_b):
    assert a[i:i + len(chunk)] == chunk, (k, a[i:i+60], chunk[:60])
    i += len(chunk)
    if k < len(ids):
        # skip the original id (quoted or not) up to the next delimiter/quote
        m = re.match(rb'[^,;\t"\r\n]+', a[i:])
        assert m, a[i:i+40]
        assert not pat.fullmatch(m.group(0))
        i += m.end()
assert i == len(a)

EOF
  then ok "$f: every byte but the ids is the original's"; else fail "$f: bytes besides the ids changed"; fi
done
"$CEO" pseudonymise --key "$d/k1" -o "$d/again.csv" samples/qualtrics.csv 2>/dev/null
"$CEO" pseudonymise --key "$d/k2" -o "$d/other.csv" samples/qualtrics.csv 2>/dev/null
if cmp -s "$d/again.csv" "$d/qualtrics.csv" && \
   [ "$(grep -o 'P-[0-9A-Z]\{16\}' "$d/other.csv" | sort | comm -12 - <(grep -o 'P-[0-9A-Z]\{16\}' "$d/qualtrics.csv" | sort) | wc -l)" = 0 ]; then
  ok "the same key gives the same pseudonyms across runs, another key none of them"
else fail "pseudonyms not stable per key"; fi
"$CEO" pseudonymise --key "$d/k1" -o "$d/twice.csv" "$d/qualtrics.csv" 2>"$d/err"
if cmp -s "$d/twice.csv" "$d/qualtrics.csv" && grep -q "1500 were pseudonyms already" "$d/err"; then
  ok "a pseudonymised export pseudonymised again stays as it is"
else fail "pseudonymising twice changed the file: $(cat "$d/err")"; fi

# 2. contact fields of non-consenting respondents are emptied; normalised ids
printf '%s\r\n' \
  'respondent_id;datum;gemeente;Ik wist waar ik moest zijn met mijn hulpvraag.;Rapportcijfer;Mogen wij contact met u opnemen?;Naam;Telefoonnummer;E-mailadres' \
  'K001;2025-03-01;Tiel;Helemaal niet mee eens;3;Ja;Piet Jansen;0612345678;piet@example.nl' \
  'K002;2025-03-02;Tiel;Niet mee eens;2;Nee;Kees Bakker;0687654321;kees@example.nl' \
  '"K003";2025-03-03;Tiel;Mee eens;8;;"Bakker; A.";;' >"$d/c.csv"
"$CEO" pseudonymise --key "$d/k1" -o "$d/c.ps.csv" "$d/c.csv" 2>/dev/null
if grep -q 'Piet Jansen;0612345678;piet@example.nl' "$d/c.ps.csv" && ! grep -q 'Kees\|0687654321\|kees@\|Bakker' "$d/c.ps.csv" \
   && ! grep -q 'K00' "$d/c.ps.csv" && [ "$(grep -c $'\r$' "$d/c.ps.csv")" = 4 ] \
   && grep -q '^P-[0-9A-Z]\{16\};2025-03-02;Tiel;Niet mee eens;2;Nee;;;$' <(tr -d '\r' <"$d/c.ps.csv"); then
  ok "contact fields kept for the consenting respondent only; quotes, delimiter and CRLF kept"
else fail "contact fields: $(cat "$d/c.ps.csv")"; fi
printf 'respondent_id;datum;gemeente;Rapportcijfer\n  k001 ;2025-03-01;Tiel;3\nK001;2025-03-01;Tiel;3\n' >"$d/n.csv"
"$CEO" pseudonymise --key "$d/k1" -o "$d/n.ps.csv" "$d/n.csv" 2>/dev/null
if [ "$(cut -d';' -f1 "$d/n.ps.csv" | sed 1d | sort -u | wc -l)" = 1 ] && \
   [ "$(sed -n 2p "$d/n.ps.csv" | cut -d';' -f1)" = "$(sed -n 2p "$d/c.ps.csv" | cut -d';' -f1)" ]; then
  ok "ids are normalised (case, white space) before the HMAC"
else fail "normalisation: $(cat "$d/n.ps.csv")"; fi

# 3. the store: a respondent answering again is recognised; no original id in the store
printf '%s\n' \
  'respondent_id,datum,gemeente,Ik wist waar ik moest zijn met mijn hulpvraag.,Rapportcijfer' \
  'KL-4711,2025-01-10,Tiel,Mee eens,8' 'KL-4712,2025-01-11,Tiel,Neutraal,6' 'KL-4713,2025-01-12,Culemborg,Mee eens,7' >"$d/jan.csv"
printf '%s\n' \
  'respondent_id,datum,gemeente,Ik wist waar ik moest zijn met mijn hulpvraag.,Rapportcijfer' \
  'KL-4712,2025-02-10,Tiel,Niet mee eens,4' 'KL-4799,2025-02-11,Tiel,Mee eens,9' >"$d/feb.csv"
"$CEO" batch add --key "$d/k1" --store "$d/s.db" "$d/jan.csv" 2>/dev/null
"$CEO" pseudonymise --key "$d/k1" -o "$d/feb.ps.csv" "$d/feb.csv" 2>/dev/null
"$CEO" batch add --store "$d/s.db" "$d/feb.ps.csv" 2>"$d/err"; rc=$?
if [ $rc -eq 0 ] && grep -q "2 respondents, 1 new, 0 already stored, 1 answered again (1 later" "$d/err"; then
  ok "a respondent answering again in a later batch is recognised through the pseudonym"
else fail "answering again: exit $rc, $(cat "$d/err")"; fi
if ! cat "$d"/s.db* | grep -aq 'KL-47'; then ok "the store's bytes hold no original id"
else fail "an original id is in the store"; fi

# 4. a store holds pseudonyms or ids as delivered, never both; one key
"$CEO" batch add --store "$d/s.db" "$d/feb.csv" 2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "holds pseudonyms; this file was read without a key, so .* (--key FILE)" "$d/err"; then
  ok "a store made with a key refuses a file read without one"
else fail "keyed store, file without key: exit $rc, $(cat "$d/err")"; fi
"$CEO" batch add --key "$d/k2" --store "$d/s.db" "$d/feb.csv" 2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "another key" "$d/err"; then ok "a store refuses pseudonyms of another key"
else fail "other key: exit $rc, $(cat "$d/err")"; fi
"$CEO" batch add --store "$d/p.db" "$d/jan.csv" 2>/dev/null
"$CEO" batch add --key "$d/k1" --store "$d/p.db" "$d/feb.csv" 2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "holds ids as delivered" "$d/err"; then
  ok "a store made without a key refuses a file read with one"
else fail "plain store, keyed file: exit $rc, $(cat "$d/err")"; fi

# 5. BSNs as respondent ids are refused by every command, unless read with the key
python3 - "$d/bsn.csv" <<'EOF'
import sys
def bsn(n):
    while True:
        d = [int(c) for c in "%09d" % n]
        if sum((9 - i) * d[i] for i in range(8)) - d[8] == 0 or (sum((9 - i) * d[i] for i in range(8)) - d[8]) % 11 == 0:
            return "%09d" % n
        n += 1
rows = ["respondent_id,datum,gemeente,Ik wist waar ik moest zijn met mijn hulpvraag.,Rapportcijfer"]
n = 111222330
for i in range(12):
    b = bsn(n); n = int(b) + 7
    rows.append("%s,2025-03-%02d,Tiel,Mee eens,%d" % (b, i + 1, 5 + i % 5))
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
EOF
bad=0; mkdir -p "$d/r"
for cmd in "stats" "flag" "check" "batch add --store $d/b.db" "report --kind gemeente --out-dir $d/r"; do
  $CEO $cmd "$d/bsn.csv" >/dev/null 2>"$d/err"; rc=$?
  if [ $rc -ne 1 ] || ! grep -q "are BSNs.*ceo pseudonymise --key FILE" "$d/err"; then bad=1; echo "  $cmd: exit $rc, $(cat "$d/err")"; fi
done
[ ! -e "$d/b.db" ] || [ "$(sqlite3 "$d/b.db" 'select count(*) from answers' 2>/dev/null || echo 0)" = 0 ] || bad=1
if [ $bad -eq 0 ]; then ok "a BSN respondent-id column is refused by stats, flag, check, batch add and report"
else fail "BSN column not refused everywhere"; fi
if "$CEO" stats --key "$d/k1" "$d/bsn.csv" >/dev/null 2>&1 && \
   "$CEO" pseudonymise --key "$d/k1" -o "$d/bsn.ps.csv" "$d/bsn.csv" 2>/dev/null && "$CEO" stats "$d/bsn.ps.csv" >/dev/null 2>&1; then
  ok "with --key, or pseudonymised first, the same file reads"
else fail "BSN file with --key or pseudonymised"; fi
printf 'respondent_id,datum,gemeente,Rapportcijfer\n123456782,2025-03-01,Tiel,8\n12345678,2025-03-02,Tiel,7\nK1,2025-03-02,Tiel,7\n' >"$d/mixed.csv"
if "$CEO" stats "$d/mixed.csv" >/dev/null 2>&1 && "$CEO" stats samples/qualtrics.csv >/dev/null 2>&1; then
  ok "client numbers that are no BSNs read as before"
else fail "a file without BSNs refused"; fi

# 6. flag --key: the original id beside the pseudonym, in the list only, consenting only
"$CEO" flag --key "$d/k1" -o "$d/list.csv" --summary "$d/sum.csv" --comments "$d/com.csv" "$d/c.csv" 2>/dev/null
p1=$(sed -n 2p "$d/c.ps.csv" | cut -d';' -f1)
if head -1 "$d/list.csv" | grep -q '^respondent_id,oorspronkelijk_id,' && grep -q "^$p1,K001," "$d/list.csv" \
   && ! grep -q 'K002\|K003' "$d/list.csv" && [ "$(wc -l <"$d/list.csv")" = 2 ] && ! cat "$d/sum.csv" "$d/com.csv" | grep -q 'K00'; then
  ok "flag --key: the original id only in the follow-up list, only for the consenting respondent"
else fail "flag --key: $(cat "$d/list.csv")"; fi
"$CEO" flag -o "$d/list0.csv" "$d/c.ps.csv" 2>/dev/null
if head -1 "$d/list0.csv" | grep -q '^respondent_id,datum,' && grep -q "^$p1," "$d/list0.csv" && ! grep -q 'K00' "$d/list0.csv"; then
  ok "flag without the key lists pseudonyms only"
else fail "flag without key: $(cat "$d/list0.csv")"; fi

# 7. the pseudonym is HMAC-SHA256 as documented, computed independently (Python's hmac)
want=$(python3 - "$d/k1" <<'EOF'
import hmac, hashlib, sys
key = bytes.fromhex(open(sys.argv[1]).read().strip())
d = hmac.new(key, b"id:" + "K001".strip().lower().encode(), hashlib.sha256).digest()[:10]
n = int.from_bytes(d, "big")
alpha = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
print("P-" + "".join(alpha[(n >> (75 - 5 * i)) & 31] for i in range(16)))
EOF
)
if [ "$want" = "$(sed -n 2p "$d/c.ps.csv" | cut -d';' -f1)" ]; then
  ok "the pseudonym of K001 equals HMAC-SHA256 under the key computed by Python ($want)"
else fail "pseudonym $(sed -n 2p "$d/c.ps.csv" | cut -d';' -f1), Python's $want"; fi

# 8. check --key: the coded dump holds pseudonyms, no id as delivered; a BSN file reads with it
"$CEO" check --key "$d/k1" --dump "$d/dump.csv" "$d/c.csv" >/dev/null 2>&1
"$CEO" check --key "$d/k1" "$d/bsn.csv" >/dev/null 2>&1; rc=$?
if grep -q "^$want," "$d/dump.csv" && ! grep -q 'K00' "$d/dump.csv" && [ $rc -eq 0 ]; then
  ok "check --key: the dump holds pseudonyms; the BSN file reads"
else fail "check --key: exit $rc, $(head -3 "$d/dump.csv")"; fi
"$CEO" stats --key "$d/nokey" "$d/c.csv" >/dev/null 2>"$d/err"; rc=$?
echo 'not a key' >"$d/bad.key"
"$CEO" stats --key "$d/bad.key" "$d/c.csv" >/dev/null 2>"$d/err2"; rc2=$?
if [ $rc -eq 1 ] && grep -q "cannot read the key file" "$d/err" && [ $rc2 -eq 1 ] && grep -q "not a key" "$d/err2"; then
  ok "a missing or malformed key file is a clear error"
else fail "bad key files: $rc $(cat "$d/err") / $rc2 $(cat "$d/err2")"; fi

# 9. every test layout that reads (CR line ends, Windows-1252, sep= line, BOM, blank lines,
#    quoted open answers with line breaks, ragged rows): the same figures after pseudonymise
n=0; bad=""
for f in tests/layouts/*.csv; do
  "$CEO" stats --digits 10 "$f" >"$d/la" 2>/dev/null || continue
  "$CEO" pseudonymise --key "$d/k1" -o "$d/lp.csv" "$f" 2>/dev/null || { bad="$bad $f"; continue; }
  "$CEO" stats --digits 10 "$d/lp.csv" >"$d/lb" 2>/dev/null
  cmp -s "$d/la" "$d/lb" || bad="$bad $f"
  n=$((n+1))
done
if [ -z "$bad" ] && [ $n -ge 15 ]; then ok "$n test layouts: ceo stats identical after pseudonymise"
else fail "layouts whose figures changed after pseudonymise ($n read):$bad"; fi
