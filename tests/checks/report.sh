#!/usr/bin/env bash
# ceo report on the samples: every PDF of the three kinds passes qpdf, embeds its fonts, names
# its group, prints the same percentages as ceo stats and nothing for a group below min_n, and
# places every string inside its box (report_check.py), and carries its title and language; provider reports keep no planted
# personal data and no contact detail; bad texts files and unwritable folders fail cleanly.
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }

"$CEO" stats --config samples/project.ini --by gemeente,aanbieder --digits 10 -o "$d/stats.csv" \
  samples/qualtrics.csv 2>/dev/null
mkdir "$d/pdf"
for kind in gemeente regio aanbieder; do
  if "$CEO" report --kind $kind --config samples/project.ini --out-dir "$d/pdf" \
       --layout-log "$d/log-$kind.tsv" samples/qualtrics.csv 2>"$d/err-$kind"; then
    python3 tests/checks/report_check.py $kind "$d/pdf" "$d/stats.csv" "$d/log-$kind.tsv"
    if grep -q "did not fit" "$d/err-$kind"; then fail "$kind: $(cat "$d/err-$kind")"; fi
  else
    fail "ceo report --kind $kind: $(head -3 "$d/err-$kind")"
  fi
done

# every PDF labelled: title in the document information, language nl-NL in the catalog, and
# the viewer told to show the title (the catalog is an uncompressed object in libharu's files)
unlabelled=""
for f in "$d"/pdf/*.pdf; do
  t=$(pdfinfo "$f" 2>/dev/null | sed -n 's/^Title: *//p')
  if [ -z "$t" ] || ! grep -aq '/Lang (nl-NL)' "$f" || ! grep -aq '/DisplayDocTitle true' "$f"; then
    unlabelled="$unlabelled $(basename "$f")"
  fi
done
if [ -z "$unlabelled" ] && ls "$d"/pdf/*.pdf >/dev/null 2>&1; then
  ok "every PDF has a title, language nl-NL and shows its title"
else fail "PDFs without title, language nl-NL or DisplayDocTitle:$unlabelled"; fi

# the same reports from another platform's export of the same answers: the same text
mkdir "$d/sm"
"$CEO" report --kind regio --config samples/project.ini --out-dir "$d/sm" samples/surveymonkey.csv \
  2>/dev/null
if cmp -s <(pdftotext "$d/pdf/regio-regio-rivierenland.pdf" -) \
          <(pdftotext "$d/sm/regio-regio-rivierenland.pdf" -); then
  ok "regio report from surveymonkey.csv reads the same as from qualtrics.csv"
else fail "regio report differs between the qualtrics and surveymonkey exports"; fi

# privacy: planted personal data in the open answers, and contact details of respondents
# who did not consent, never reach a provider report
python3 tests/checks/plant_contacts.py samples/qualtrics.csv "$d/planted.csv" >/dev/null
mkdir "$d/priv"
# every open answer approved for quoting: the reviewer's worst case
"$CEO" flag -o "$d/priv-f.csv" --comments "$d/priv-c.csv" "$d/planted.csv" 2>/dev/null
python3 -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1],encoding='utf-8')))
for x in r: x['rapport']='ja'
w=csv.DictWriter(open(sys.argv[2],'w',encoding='utf-8',newline=''),fieldnames=r[0].keys()); w.writeheader(); w.writerows(r)" \
  "$d/priv-c.csv" "$d/priv-ok.csv"
"$CEO" report --kind aanbieder --config samples/project.ini --out-dir "$d/priv" \
  --comments "$d/priv-ok.csv" "$d/planted.csv" 2>/dev/null
for f in "$d"/priv/*.pdf; do pdftotext "$f" -; done > "$d/priv.txt"
python3 - "$d/priv.txt" samples/truth.csv <<'EOF'
import csv, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
flat = re.sub(r"\s+", "", text)
forms = {"bsn": r"(?:Mijn BSN is |mijn bsn: )(\d{9})",
         "telefoon": r"U kunt mij bellen op (.+?)\.(?: |$)",
         "email": r"Mail mij op (\S+@example\.nl)",
         "iban": r"Mijn rekeningnummer is (.+?)\.(?: |$)",
         "postcode": r"Mijn adres is (.+?)\.(?: |$)"}
planted = []
for row in csv.DictReader(open(sys.argv[2], encoding="utf-8")):
    for kind, form in forms.items():
        planted += [(kind, m.group(1)) for m in re.finditer(form, row["opmerkingen"])]
left = [(k, v) for k, v in planted if re.sub(r"\s+", "", v) in flat]
markers = len(re.findall(r"\[(?:bsn|telefoonnummer|e-mailadres|iban|adres)\]", text))
if not planted or markers == 0:
    print(f"FAIL provider reports: {len(planted)} planted values, {markers} markers: the check proves little")
elif left:
    print(f"FAIL provider reports keep planted personal data: {left[:5]}")
elif re.search(r"niet-delen|Geheim|06-0\d{7}", text):
    print("FAIL provider reports show contact details of a respondent who did not consent")
else:
    print(f"ok provider reports: none of {len(planted)} planted values survive ({markers} markers), no contact details")
EOF

# without a year in the project file the title gives the years answered: fieldwork from
# November 2024 to February 2025 is "2024–2025", as the VWS export's jaar has it
mkdir "$d/span" "$d/spanpdf"
"${GEN:-build/ceo-gen}" --n 300 --layout qualtrics --year 2024 --first-month 11 --months 4 \
  --out-dir "$d/span" >/dev/null
"$CEO" report --kind gemeente --only Tiel --out-dir "$d/spanpdf" "$d/span/qualtrics.csv" 2>/dev/null
"$CEO" export vws -o "$d/span/vws.csv" "$d/span/qualtrics.csv" 2>/dev/null
t=$(pdftotext -l 1 "$d/spanpdf/gemeente-tiel.pdf" - 2>/dev/null)
jaar=$(python3 -c 'import csv,sys; r=[x for x in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")) if x["gemeente"]=="Tiel"]; print(r[0]["jaar"] if r else "")' "$d/span/vws.csv" 2>/dev/null)
if [ "$jaar" = "2024–2025" ] && grep -q "Wmo 2024–2025" <<<"$t"; then
  ok "fieldwork across the turn of the year: title and VWS export both say 2024–2025"
else fail "year span: VWS jaar '$jaar', title: $(head -2 <<<"$t")"; fi

# a provider below min_n gets a report that says so, with no figures
"$CEO" report --kind aanbieder --only "Hulp aan Huis Tielerwaard" --config samples/project.ini \
  --out-dir "$d" samples/qualtrics.csv 2>/dev/null
t=$(pdftotext "$d/aanbieder-hulp-aan-huis-tielerwaard.pdf" - 2>/dev/null)
if grep -q "te weinig" <<<"$t" && ! grep -q '[0-9],[0-9]%' <<<"$t"; then
  ok "a provider below min_n: a report that says so, without figures"
else fail "provider below min_n: $(head -c 300 <<<"$t")"; fi

# a texts file with a placeholder the report does not have: exit 1, named, no PDF left
mkdir "$d/bad" && cp templates/report/nl/teksten.txt "$d/bad/"
sed -i 's/^Samenvatting$/Samenvatting {onbekend}/' "$d/bad/teksten.txt"
printf '[rapport]\nteksten = %s/bad/teksten.txt\n[regio]\nnaam = Regio Test\n' "$d" > "$d/bad.ini"
mkdir "$d/badout"
"$CEO" report --kind regio --config "$d/bad.ini" --out-dir "$d/badout" samples/qualtrics.csv \
  2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "teksten.txt:[0-9]*: .*{onbekend}" "$d/err" && [ -z "$(ls -A "$d/badout")" ]; then
  ok "a texts file with an unknown placeholder: exit 1, file and line named, nothing written"
else fail "unknown placeholder: exit $rc, $(cat "$d/err"), left: $(ls -A "$d/badout")"; fi

# no such output folder; no --kind
"$CEO" report --kind regio --out-dir "$d/no/such" samples/qualtrics.csv 2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "no/such" "$d/err"; then ok "missing output folder: exit 1, named"
else fail "missing output folder: exit $rc: $(cat "$d/err")"; fi
"$CEO" report samples/qualtrics.csv 2>"$d/err"; rc=$?
if [ $rc -eq 2 ] && grep -q -- "--kind" "$d/err"; then ok "no --kind: usage error, exit 2"
else fail "no --kind: exit $rc: $(cat "$d/err")"; fi

# a logo from the project file: drawn on the title page; a logo that is not a PNG: exit 1
python3 - "$d/logo.png" <<'PY'
import struct, sys, zlib
w, h = 40, 16
raw = b"".join(b"\x00" + bytes([30, 80, 120] * w) for _ in range(h))
def chunk(t, b):
    return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
printf '[regio]\nnaam = Regio Logo\n[rapport]\nlogo = logo.png\nkleur = #7a1f4e\n' > "$d/logo.ini"
mkdir "$d/logo"
if "$CEO" report --kind regio --config "$d/logo.ini" --out-dir "$d/logo" samples/qualtrics.csv 2>"$d/err" \
   && qpdf --check "$d/logo/regio-regio-logo.pdf" >/dev/null \
   && [ "$(pdfimages -list "$d/logo/regio-regio-logo.pdf" | awk 'NR>2' | wc -l)" = 1 ]; then
  ok "a PNG logo from the project file is drawn on the title page"
else fail "logo: $(cat "$d/err")"; fi
printf 'not a png' > "$d/logo.png"
"$CEO" report --kind regio --config "$d/logo.ini" --out-dir "$d/logo" samples/qualtrics.csv 2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "logo.png: the logo is not a PNG file" "$d/err"; then
  ok "a logo that is not a PNG: exit 1, named"
else fail "bad logo: exit $rc: $(cat "$d/err")"; fi

# the provider reports are drawn on several threads, but with --layout-log on one: both ways
# the same bytes (with quotes: each thread has its own redactor)
mkdir "$d/par" "$d/ser"
"$CEO" report --kind aanbieder --config samples/project.ini --out-dir "$d/par" \
  --comments "$d/priv-ok.csv" "$d/planted.csv" 2>/dev/null
"$CEO" report --kind aanbieder --config samples/project.ini --out-dir "$d/ser" \
  --comments "$d/priv-ok.csv" --layout-log "$d/ser.tsv" "$d/planted.csv" 2>/dev/null
n=$(ls "$d/par" | wc -l); same=0
for f in "$d"/par/*.pdf; do cmp -s "$f" "$d/ser/$(basename "$f")" && same=$((same+1)); done
if [ "$n" -gt 1 ] && [ "$same" = "$n" ] && [ "$(ls "$d/ser" | wc -l)" = "$n" ]; then
  ok "provider reports on several threads: the same $n PDFs, byte for byte, as on one"
else fail "provider reports: $same of $n PDFs the same drawn on several threads and on one"; fi

# a font that cannot be read: exit 1, the same message in every run, nothing left behind
printf '[regio]\nnaam = Regio Test\n[rapport]\nlettertype = /no/such/font.ttf\n' > "$d/font.ini"
mkdir "$d/font"
errs=""
for run in 1 2 3; do
  "$CEO" report --kind aanbieder --config "$d/font.ini" --out-dir "$d/font" samples/qualtrics.csv \
    2>"$d/err-font"; rc=$?
  errs="$errs$rc $(cat "$d/err-font")|"
done
if [ "$(printf '%s' "$errs" | tr '|' '\n' | sort -u | wc -l)" = 1 ] && [ "$rc" = 1 ] \
   && grep -q "^ceo: /no/such/font.ttf: cannot read the font" "$d/err-font" \
   && [ -z "$(ls -A "$d/font")" ]; then
  ok "an unreadable font: exit 1, the same message in every run, nothing written"
else fail "unreadable font: $errs left: $(ls -A "$d/font")"; fi

# one font file for both faces (libharu embeds it once); a folder named as the font: exit 1,
# named
printf '[regio]\nnaam = Regio Test\n[rapport]\nlettertype = %s\n' \
  /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf > "$d/onefont.ini"
mkdir "$d/onefont"
if "$CEO" report --kind aanbieder --config "$d/onefont.ini" --out-dir "$d/onefont" \
     samples/qualtrics.csv 2>"$d/err" && [ "$(pdffonts "$d/onefont/$(ls "$d/onefont" | head -1)" \
     | awk 'NR>2' | wc -l)" = 1 ]; then
  ok "one font file for regular and bold: embedded once"
else fail "one font for both faces: $(cat "$d/err")"; fi
printf '[regio]\nnaam = Regio Test\n[rapport]\nlettertype = %s\n' "$d" > "$d/dirfont.ini"
"$CEO" report --kind aanbieder --config "$d/dirfont.ini" --out-dir "$d/onefont" samples/qualtrics.csv \
  2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "^ceo: $d: cannot read the font" "$d/err"; then
  ok "a folder named as the font: exit 1, named"
else fail "a folder as the font: exit $rc: $(cat "$d/err")"; fi

# every provider report fails on the report threads (the texts file of the placeholder case
# above): the first failure is reported, the same in every run, exit 1, nothing left behind
printf '[rapport]\nteksten = %s/bad/teksten.txt\n[regio]\nnaam = Regio Test\n' "$d" > "$d/badp.ini"
mkdir "$d/badp"
errs=""
for run in 1 2 3; do
  "$CEO" report --kind aanbieder --config "$d/badp.ini" --out-dir "$d/badp" samples/qualtrics.csv \
    2>"$d/err"; rc=$?
  errs="$errs$rc $(cat "$d/err")|"
done
if [ "$(printf '%s' "$errs" | tr '|' '\n' | sort -u | wc -l)" = 1 ] && [ "$rc" = 1 ] \
   && [ "$(wc -l < "$d/err")" = 1 ] && grep -q "teksten.txt:[0-9]*: .*{onbekend}" "$d/err" \
   && [ -z "$(ls -A "$d/badp")" ]; then
  ok "every provider report failing on the threads: one message, the same in every run, nothing written"
else fail "failing provider reports: $errs left: $(ls -A "$d/badp")"; fi

# Without a project file (issue 22 point 5, first part): the year of the VWS appendix printed as
# a year, the region sentence grammatical, and what the appendix lacks said once on stderr.
mkdir "$d/noproj"
"$CEO" report --kind gemeente --out-dir "$d/noproj" samples/qualtrics.csv 2>"$d/noproj.err" >/dev/null
pdftotext "$d/noproj/gemeente-tiel.pdf" "$d/noproj.txt" 2>/dev/null
if grep -q '2\.02[0-9]' "$d/noproj.txt" || grep -q 'hele de regio' "$d/noproj.txt" \
   || ! tr -s '\n ' '  ' < "$d/noproj.txt" | grep -q 'naast dat van de regio als geheel'; then
  fail "report without a project file: '$(grep -m1 -o '2\.02[0-9]\|hele de regio' "$d/noproj.txt")'"
else ok "report without a project file: the year as a year, 'de regio als geheel'"; fi
n=$(grep -c 'no project file, so no \[vws\] methode' "$d/noproj.err")
[ "$n" = 1 ] && ok "report without a project file says once what the VWS appendix lacks" \
  || fail "report without a project file: the VWS warning $n times: $(head -3 "$d/noproj.err")"
