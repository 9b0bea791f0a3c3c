#!/usr/bin/env bash
# The privacy sweep (issue 19): an export with contact details and other personal data planted
# in every kind of cell (contact columns of respondents who consented and of those who did
# not, an address column, the platform's recipient columns, open answers in every form of
# name, address, phone and e-mail the issue lists, category and answer cells), run through
# every command and output of ceo: check (also --raw, --dump, --write-config, in Dutch), stats
# (CSV, JSON, --excel, --hv, crossings, --weights, --post-stratify, --compare), flag (list,
# --excel, --signals, --summary, --comments), report (every kind, the text of every PDF,
# --layout-log, the file names), export vws, batch add/list/verify, the commands on --store,
# and the store itself; stdout and stderr of each. Nothing of a respondent who did not consent
# may show anywhere; contact details of those who did and the planted open answers and cells
# only in the follow-up list and the store. One line per kind of planted item and output
# family (privacy_sweep.py scan). Kinds marked "(finding 4)" are the forms of name, address,
# phone and e-mail that redaction (survey/pii.c, report/redact.c) is to learn in issue 19.
set -u
CEO=${CEO:-build/ceo}
d=${KEEP:-$(mktemp -d)}; [ -n "${KEEP:-}" ] || trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
here=tests/checks
cfg="--config samples/project.ini"

python3 $here/plant_cells.py samples/qualtrics.csv "$d/a.csv" "$d/cells.txt"
python3 $here/plant_contacts.py "$d/a.csv" "$d/b.csv" >/dev/null
python3 $here/privacy_sweep.py plant samples/qualtrics.csv "$d/b.csv" "$d/in.csv" "$d/kinds.json" "$d/cells.txt" \
  || { fail "planting the export failed"; exit 1; }
in="$d/in.csv"
o="$d/o"; mkdir "$o" "$o/pdf" "$o/pdf-store"
: >"$d/manifest"
add() { # add FAMILY FILE...: files to search, as one family of outputs
  local fam=$1; shift
  for f in "$@"; do [ -f "$f" ] && printf '%s\t%s\n' "$fam" "$f" >>"$d/manifest"; done
}
# run FAMILY NAME [exit codes allowed] -- command...: stdout and stderr go to the family
run() {
  local fam=$1 name=$2 codes=$3; shift 4
  "$@" >"$o/$name.out" 2>"$o/$name.err"; local rc=$?
  case " $codes " in *" $rc "*) ;; *) fail "$name: exit $rc: $(head -c 300 "$o/$name.err")";; esac
  add "$fam" "$o/$name.out" "$o/$name.err"
}
add input "$in"

# check
# (stats --post-stratify stops, exit 1: the planted "anders" voorziening has no population;
# what it prints is searched all the same)
run check check "1" -- "$CEO" check $cfg --dump "$o/dump.csv" --write-config "$o/new.ini" "$in"
run check check-raw "0 1" -- "$CEO" check --raw "$in"
run check check-nl "1" -- env LANG=nl_NL.UTF-8 "$CEO" check $cfg "$in"
add dump "$o/dump.csv"; add check "$o/new.ini"

# stats
by=gemeente,aanbieder,voorziening,leeftijd,geslacht,woonsituatie,invulhulp
cross=gemeente+aanbieder,gemeente+voorziening,aanbieder+voorziening,gemeente+geslacht
run stats stats "0" -- "$CEO" stats $cfg --by $by,periode --period quarter -o "$o/stats.csv" "$in"
run stats stats-cross "0" -- "$CEO" stats $cfg --by $cross -o "$o/stats-cross.csv" "$in"
run stats stats-weights "0" -- "$CEO" stats $cfg --by gemeente,aanbieder --weights -o "$o/stats-w.csv" "$in"
run stats stats-post "0 1" -- "$CEO" stats $cfg --by gemeente,voorziening --post-stratify -o "$o/stats-p.csv" "$in"
run stats stats-compare "0" -- "$CEO" stats $cfg --by gemeente,aanbieder --compare "$in" -o "$o/stats-c.csv" "$in"
run stats stats-min-n "0" -- "$CEO" stats $cfg --by $by,$cross --min-n 2 -o "$o/stats-m.csv" "$in"
run stats stats-stdout "0" -- "$CEO" stats $cfg --by aanbieder+gemeente "$in"
run stats-json stats-json "0" -- "$CEO" stats $cfg --by $by,$cross,periode --period month --format json -o "$o/stats.json" "$in"
run stats-excel stats-excel "0" -- "$CEO" stats $cfg --by $by,$cross --excel -o "$o/stats-excel.csv" "$in"
run hv hv "0" -- "$CEO" stats $cfg --hv -o "$o/hv.csv" "$in"
run hv hv-excel "0" -- "$CEO" stats $cfg --hv --excel -o "$o/hv-excel.csv" "$in"
run hv hv-json "0" -- "$CEO" stats $cfg --hv --format json -o "$o/hv.json" "$in"
add stats "$o"/stats-m.csv "$o"/stats.csv "$o"/stats-cross.csv "$o"/stats-w.csv "$o"/stats-p.csv "$o"/stats-c.csv
add stats-json "$o/stats.json"; add stats-excel "$o/stats-excel.csv"
add hv "$o/hv.csv" "$o/hv-excel.csv" "$o/hv.json"

# flag: the follow-up list is the one place for contact details
run flag flag "0" -- "$CEO" flag $cfg -o "$o/opv.csv" --signals "$o/signals.csv" \
  --summary "$o/summary.csv" --comments "$o/comments.csv" --by $by,$cross "$in"
run flag flag-excel "0" -- "$CEO" flag $cfg --excel -o "$o/opv-excel.csv" --signals "$o/signals-excel.csv" \
  --summary "$o/summary-excel.csv" --comments "$o/comments-excel.csv" "$in"
run followup flag-stdout "0" -- "$CEO" flag $cfg "$in"
add followup "$o/opv.csv" "$o/opv-excel.csv"
add signals "$o/signals.csv" "$o/signals-excel.csv"
add summary "$o/summary.csv" "$o/summary-excel.csv"
add comments "$o/comments.csv" "$o/comments-excel.csv"

# reports: the text of every PDF, the layout log, the file names; the provider reports with
# every open answer approved for quoting (the reviewer's worst case)
python3 -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1],encoding='utf-8')))
for x in r: x['rapport']='ja'
w=csv.DictWriter(open(sys.argv[2],'w',encoding='utf-8',newline=''),fieldnames=r[0].keys()); w.writeheader(); w.writerows(r)" \
  "$o/comments.csv" "$d/approved.csv"
for kind in gemeente regio aanbieder contract; do
  approved=(); [ $kind = aanbieder ] && approved=(--comments "$d/approved.csv")
  run report report-$kind "0" -- "$CEO" report --kind $kind $cfg --compare "$in" "${approved[@]}" \
    --layout-log "$o/layout-$kind.log" --out-dir "$o/pdf" "$in"
  add report-layout-log "$o/layout-$kind.log"
done
npdf=0
for f in "$o"/pdf/*.pdf; do
  [ -f "$f" ] || continue
  npdf=$((npdf+1))
  b=$(basename "$f" .pdf)
  pdftotext -enc UTF-8 "$f" "$o/$b.txt" && add "report-${b%%-*}" "$o/$b.txt"
done
ls -a "$o/pdf" >"$o/pdf-names.txt"; add report-filenames "$o/pdf-names.txt"
[ "$npdf" -ge 15 ] && ok "reports of every kind written ($npdf PDFs)" || fail "only $npdf PDFs written"

# export vws
run vws vws "0" -- "$CEO" export vws $cfg -o "$o/vws.csv" "$in"
run vws vws-excel "0" -- "$CEO" export vws $cfg --excel -o "$o/vws-excel.csv" "$in"
add vws "$o/vws.csv" "$o/vws-excel.csv"

# the store and every command reading it
s="$d/store/s.db"; mkdir "$d/store"
run batch batch-add "0" -- "$CEO" batch add --accept-unknown $cfg --store "$s" "$in"
run batch batch-add-again "0" -- "$CEO" batch add --accept-unknown $cfg --store "$s" "$in"
run batch batch-skip "0 1" -- "$CEO" batch add --skip-bad-rows $cfg --store "$d/store/skip.db" "$in"
run batch batch-reject "1" -- "$CEO" batch add $cfg --store "$d/store/reject.db" "$in"
run batch batch-list "0" -- "$CEO" batch list --store "$s"
run batch batch-verify "0" -- "$CEO" batch verify --store "$s"
cp "$s" "$d/store/rm.db"
run batch batch-remove "0" -- "$CEO" batch remove --store "$d/store/rm.db" 1
run stats-store stats-store "0" -- "$CEO" stats $cfg --store "$s" --by $by,$cross -o "$o/st-store.csv"
run stats-store stats-store-json "0" -- "$CEO" stats $cfg --store "$s" --by $by --format json -o "$o/st-store.json"
run stats-store hv-store "0" -- "$CEO" stats $cfg --store "$s" --hv -o "$o/hv-store.csv"
add stats-store "$o/st-store.csv" "$o/st-store.json" "$o/hv-store.csv"
run flag flag-store "0" -- "$CEO" flag $cfg --store "$s" -o "$o/opv-store.csv" \
  --comments "$o/comments-store.csv" --summary "$o/summary-store.csv" --signals "$o/signals-store.csv"
run flag flag-store-new "0" -- "$CEO" flag $cfg --store "$s" --new -o "$o/opv-new.csv"
add followup "$o/opv-store.csv" "$o/opv-new.csv"
add comments "$o/comments-store.csv"; add summary "$o/summary-store.csv"; add signals "$o/signals-store.csv"
run vws vws-store "0" -- "$CEO" export vws $cfg --store "$s" -o "$o/vws-store.csv"
add vws "$o/vws-store.csv"
run report report-store "0" -- "$CEO" report --kind aanbieder $cfg --store "$s" --out-dir "$o/pdf-store"
for f in "$o"/pdf-store/*.pdf; do
  [ -f "$f" ] && pdftotext -enc UTF-8 "$f" "$o/store-$(basename "$f" .pdf).txt" \
    && add report-aanbieder "$o/store-$(basename "$f" .pdf).txt"
done
ls -a "$o/pdf-store" >"$o/pdf-store-names.txt"; add report-filenames "$o/pdf-store-names.txt"
# the store's contents: every row of every table as text (blobs such as the answers' record
# decoded; SQLite reads the -wal too), then the bytes of the files, old pages included
for db in "$s" "$d/store/skip.db" "$d/store/rm.db"; do
  python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for (t,) in c.execute("select name from sqlite_master where type = \"table\""):
    for row in c.execute(f"select * from \"{t}\""):
        print(t, *(v.decode("utf-8", "replace") if isinstance(v, bytes) else v for v in row), sep="\t")' \
    "$db" >"$db.txt" && add store "$db.txt"
  cat "$db" "$db-wal" "$db-shm" >"$db.bytes" 2>/dev/null; add store "$db.bytes"
done

# the follow-up list carries the contact details of consenting respondents (else the sweep
# could not see them); the store those of consenting respondents only
if grep -q 'okkerveld[0-9]*@ja.example' "$o/opv.csv" "$o/opv-store.csv"; then
  ok "the follow-up list (file and store) holds consenting respondents' contact details"
else fail "no consenting respondent's contact details in the follow-up list: the sweep sees nothing"; fi

if grep -q 'okkerveld[0-9]*@ja.example' "$s.txt"; then
  ok "the store holds consenting respondents' contact details"
else fail "no consenting respondent's contact details in the store"; fi

python3 $here/privacy_sweep.py scan "$d/kinds.json" "$d/manifest"
