#!/usr/bin/env bash
# Consent withdrawn in the store (issue 19, finding 13): a respondent who answers again in a
# later batch and says "nee" to contact is never listed again, even when that answer carries
# an earlier date than the "ja" (a form dated earlier, a platform that dates by the start);
# a consent given in a batch added after the withdrawal counts again.
set -u
CEO=${CEO:-build/ceo}
GEN=${GEN:-build/ceo-gen}
d=${KEEP:-$(mktemp -d)}; [ -n "${KEEP:-}" ] || trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
ids() { # the respondent ids of a follow-up list (open answers may hold line breaks)
  python3 -c 'import csv, sys; [print(r[0]) for r in list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))[1:]]' "$1" | sort
}

"$GEN" --n 600 --layout qualtrics --out-dir "$d" >/dev/null
"$CEO" flag -o "$d/all.csv" "$d/qualtrics.csv" 2>/dev/null
who=$(ids "$d/all.csv" | head -3)
[ -n "$who" ] || fail "no respondent listed in the export"
# again, the same respondents: consent "Nee" (or "Ja"), dated a year before the first answer,
# and "Ja" dated after it
python3 - "$d/qualtrics.csv" "$d/again" $who <<'PY'
import csv, sys
r = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
h = r[0]; rid = h.index("ResponseId"); q17 = h.index("Q17")
dates = [h.index(c) for c in ("StartDate", "EndDate", "RecordedDate")]
rows = [x for x in r[3:] if x[rid] in sys.argv[3:]]
def write(path, consent, month):
    out = []
    for x in rows:
        y = list(x); y[q17] = consent
        for k in dates:
            y[k] = month + y[k][7:]
        out.append(y)
    csv.writer(open(path, "w", encoding="utf-8", newline=""), lineterminator="\r\n").writerows(r[:3] + out)
write(sys.argv[2] + "-nee.csv", "Nee", "2024-03")
write(sys.argv[2] + "-ja.csv", "Ja", "2024-03")
write(sys.argv[2] + "-later.csv", "Ja", "2025-12")
PY
"$CEO" batch add -q --store "$d/s.db" "$d/qualtrics.csv"
"$CEO" batch add -q --store "$d/s.db" "$d/again-nee.csv"
"$CEO" flag --store "$d/s.db" -o "$d/after.csv" 2>/dev/null
listed=$(ids "$d/after.csv" | grep -cxF "$who")
cp "$d/s.db" "$d/n.db"
"$CEO" flag --store "$d/n.db" --new -o "$d/new.csv" 2>/dev/null
listed_new=$(ids "$d/new.csv" | grep -cxF "$who")
if [ "$listed" -eq 0 ] && [ "$listed_new" -eq 0 ] \
   && [ "$(ids "$d/after.csv" | wc -l)" -eq $(($(ids "$d/all.csv" | wc -l) - 3)) ]; then
  ok "a later batch withdrawing consent with an earlier date: the 3 respondents are no longer listed (flag --store, --new); the others are"
else fail "consent withdrawn in a later batch, dated earlier: $listed of 3 still listed ($listed_new with --new)"; fi

# the figures still count the latest dated answer: only the consent item differs
"$CEO" stats --store "$d/s.db" --digits 10 2>/dev/null | grep -v contact_toestemming >"$d/s-after.csv"
"$CEO" stats --digits 10 "$d/qualtrics.csv" 2>/dev/null | grep -v contact_toestemming >"$d/s-file.csv"
if cmp -s "$d/s-after.csv" "$d/s-file.csv"; then
  ok "the withdrawal changes no figure but consent's: the latest dated answer still counts"
else fail "the withdrawal changed figures: $(diff "$d/s-file.csv" "$d/s-after.csv" | sed -n 2p | cut -c1-80)"; fi

# an older consent in a batch added after the withdrawal does not override it
"$CEO" batch add -q --store "$d/s.db" "$d/again-ja.csv"
"$CEO" flag --store "$d/s.db" -o "$d/ja.csv" 2>/dev/null
if [ "$(ids "$d/ja.csv" | grep -cxF "$who")" -eq 0 ]; then
  ok "an older-dated \"ja\" added after the withdrawal does not bring them back"
else fail "an older-dated \"ja\" added after the withdrawal lists them again"; fi

# a consent dated later, in a batch added after the withdrawal, counts again
"$CEO" batch add -q --store "$d/s.db" "$d/again-later.csv"
"$CEO" flag --store "$d/s.db" -o "$d/later.csv" 2>/dev/null
if [ "$(ids "$d/later.csv" | grep -cxF "$who")" -eq 3 ]; then
  ok "a \"ja\" dated later, added after the withdrawal, lists them again"
else fail "a later-dated \"ja\" added after the withdrawal: $(ids "$d/later.csv" | grep -cxF "$who") of 3 listed"; fi

# the store keeps contact details only of respondents who consented (issue 19, finding 7)
# (the export plants contact details for everyone; the respondents who said no too)
res=$(CEO="$CEO" python3 - "$d/qualtrics.csv" "$d/c.db" <<'PY'
import csv, os, subprocess, sys
r = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
h = r[0]; q17 = h.index("Q17"); c = [h.index(x) for x in ("Q18_1", "Q18_2", "Q18_3")]
for i, x in enumerate(r[3:]):
    if not x[c[0]].strip():
        x[c[0]], x[c[1]], x[c[2]] = "Plant Naam%06d" % i, "06 99%06d" % i, "plant%06d@example.nl" % i
planted = sys.argv[2] + ".csv"
csv.writer(open(planted, "w", encoding="utf-8", newline=""), lineterminator="\r\n").writerows(r)
subprocess.run([os.environ["CEO"], "batch", "add", "-q", "--store", sys.argv[2], planted], check=True)
db = b"".join(open(sys.argv[2] + s, "rb").read() for s in ("", "-wal") if __import__("os").path.exists(sys.argv[2] + s))
leaked = kept = asked = 0
for x in r[3:]:
    vals = [x[k] for k in c if x[k].strip()]
    if x[q17].strip().lower() == "ja":
        kept += all(v.encode() in db for v in vals)
        asked += 1
    else:
        leaked += any(v.encode() in db for v in vals if len(v) > 4)
print(leaked, kept, asked)
PY
)
set -- $res
if [ "${1:-1}" -eq 0 ] && [ "${2:-0}" -gt 0 ] && [ "${2:-0}" -eq "${3:--1}" ]; then
  ok "the store holds the contact details of the $2 respondents who consented and of no one else"
else fail "contact details in the store: $1 non-consenting respondents' found, $2 of $3 consenting kept"; fi
