#!/usr/bin/env bash
# ceo report --format html on the samples (issue 23): every HTML report of the three kinds has
# no axe-core violation of WCAG 2.1 A/AA and asks for nothing outside itself (cdp.py, headless
# Chromium), has lang nl, a title, one h1 and headings without gaps, tables with a caption and
# th with scope, every SVG role="img" with a title and description and a table of its numbers
# (checked in the browser's DOM); the figures equal ceo stats and a suppressed group shows
# none, each file under 400 KB (html_check.py); --format pdf,html writes both, the PDF the same
# bytes as --format pdf. A page broken on purpose must fail the structure check.
set -u
CEO=${CEO:-build/ceo}
B=tests/browser
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
if ! err=$(bash $B/setup.sh 2>&1); then fail "browser tests cannot run: $err"; exit 0; fi

"$CEO" stats --config samples/project.ini --by gemeente,aanbieder --digits 10 -o "$d/stats.csv" \
  samples/qualtrics.csv 2>/dev/null
mkdir "$d/html" "$d/both"
for kind in gemeente regio aanbieder; do
  if "$CEO" report --kind $kind --format html --config samples/project.ini --out-dir "$d/html" \
       samples/qualtrics.csv 2>"$d/err-$kind"; then
    python3 tests/checks/html_check.py $kind "$d/html" "$d/stats.csv"
  else
    fail "ceo report --kind $kind --format html: $(head -3 "$d/err-$kind")"
  fi
done
if ls "$d"/html/*.pdf >/dev/null 2>&1; then fail "--format html wrote PDFs: $(ls "$d/html")"; fi

# axe-core on every report (it also fails on any request outside the file)
out=$(python3 $B/cdp.py axe "$d"/html/*.html 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "axe: ${out##*$'\n'} ($(ls "$d"/html/*.html | wc -l) HTML reports)"
else fail "axe: $(printf '%s\n' "$out" | head -8)"; fi

# the structure, as the browser reads it
cat > "$d/structure.js" <<'JS'
(() => {
  const hs = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].map(h => +h.tagName[1]);
  const bad = [];
  if (document.documentElement.lang !== "nl") bad.push("lang " + document.documentElement.lang);
  if (!document.title.trim()) bad.push("no title");
  if (hs.filter(x => x === 1).length !== 1 || hs[0] !== 1) bad.push("h1s: " + hs.filter(x => x === 1).length);
  for (let i = 1; i < hs.length; i++) if (hs[i] > hs[i - 1] + 1) bad.push(`gap h${hs[i - 1]} -> h${hs[i]}`);
  for (const t of document.querySelectorAll("table")) {
    if (!t.caption || !t.caption.textContent.trim()) bad.push("table without caption");
    if (!t.querySelector("th")) bad.push("table without th");
  }
  for (const th of document.querySelectorAll("th"))
    if (!["col", "row", "colgroup", "rowgroup"].includes(th.getAttribute("scope"))) bad.push("th without scope: " + th.textContent);
  for (const s of document.querySelectorAll("svg")) {
    const ids = (s.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    const t = s.querySelector(":scope > title"), dsc = s.querySelector(":scope > desc");
    if (s.getAttribute("role") !== "img") bad.push("svg without role img");
    if (!t || !t.textContent.trim() || !ids.includes(t.id)) bad.push("svg without a name");
    if (!dsc || !dsc.textContent.trim() || !ids.includes(dsc.id)) bad.push("svg without a description");
    let n = s.parentElement;
    while (n && !(n.tagName === "DETAILS")) n = n.nextElementSibling;
    if (!n || !n.querySelector("table")) bad.push("svg without a table of its numbers");
  }
  const shown = [...document.querySelectorAll("svg")].filter(s => s.getBoundingClientRect().width > 0).length;
  return {headings: hs.length, tables: document.querySelectorAll("table").length,
          svgs: document.querySelectorAll("svg").length, shown, bad: bad.slice(0, 5)};
})()
JS
expr=$(cat "$d/structure.js")
nbad=0; nfiles=0; summary=""
for f in "$d"/html/*.html; do
  nfiles=$((nfiles+1))
  r=$(python3 $B/cdp.py eval "$f" "$expr" 2>&1)
  if ! grep -q '"bad": \[\]' <<<"$r"; then nbad=$((nbad+1)); fail "$(basename "$f"): $r"; fi
  case $f in *gemeente-tiel.html|*regio-*.html) summary="$summary $(basename "$f" .html): $r;";; esac
done
[ $nbad -eq 0 ] && ok "structure of $nfiles HTML reports: one h1, no heading gaps, captions, scopes, named SVGs with number tables;$summary"

# the check above fails on a page broken on purpose: a caption removed, a th without scope,
# a heading level skipped, an svg without its title
f=$(ls "$d"/html/gemeente-tiel.html)
sed -e '0,/<caption[^>]*>[^<]*<\/caption>/s///' -e '0,/<th scope="col">/s//<th>/' \
    -e '0,/<h2 id="\([a-z0-9]*\)">\([^<]*\)<\/h2>/s//<h4 id="\1">\2<\/h4>/' \
    -e '0,/<title id="[^"]*">[^<]*<\/title>/s///' "$f" > "$d/broken.html"
r=$(python3 $B/cdp.py eval "$d/broken.html" "$expr" 2>&1)
missing=""
for want in "table without caption" "th without scope" "gap h" "svg without a name"; do
  grep -q "$want" <<<"$r" || missing="$missing '$want'"
done
[ -z "$missing" ] && ok "a page broken on purpose fails the structure check" \
  || fail "broken page: the check missed$missing: $r"

# both at once: the PDF as --format pdf writes it, byte for byte
mkdir "$d/pdf"
"$CEO" report --kind regio --format pdf,html --config samples/project.ini --out-dir "$d/both" \
  samples/qualtrics.csv 2>"$d/err-both"
"$CEO" report --kind regio --config samples/project.ini --out-dir "$d/pdf" samples/qualtrics.csv 2>/dev/null
if cmp -s "$d/both/regio-regio-rivierenland.pdf" "$d/pdf/regio-regio-rivierenland.pdf" \
   && cmp -s "$d/both/regio-regio-rivierenland.html" "$d/html/regio-regio-rivierenland.html" \
   && grep -q "(PDF and HTML)" "$d/err-both"; then
  ok "--format pdf,html: the same PDF as --format pdf and the same HTML as --format html"
else fail "--format pdf,html: $(ls "$d/both") $(cat "$d/err-both")"; fi

# every text escaped: a region name with markup stays text
printf '[regio]\nnaam = Regio <b>"Test" & Co</b>\n' > "$d/esc.ini"
mkdir "$d/esc"
"$CEO" report --kind regio --format html --config "$d/esc.ini" --out-dir "$d/esc" samples/qualtrics.csv 2>/dev/null
e=$(ls "$d"/esc/*.html 2>/dev/null | head -1)
if [ -n "$e" ] && ! grep -q '<b>"Test"' "$e" && grep -q 'Regio &lt;b&gt;&quot;Test&quot; &amp; Co&lt;/b&gt;' "$e"; then
  ok "a region name with markup is escaped, not markup"
else fail "escaping: $(grep -o 'Regio[^<]*<b>[^<]*' "$e" | head -2)"; fi

# privacy: planted personal data in the open answers, and contact details of respondents who
# did not consent, never reach a provider's HTML report either (its quoted remarks are redacted
# as in the PDF)
python3 tests/checks/plant_contacts.py samples/qualtrics.csv "$d/planted.csv" >/dev/null
mkdir "$d/priv"
# every open answer approved for quoting: the reviewer's worst case
"$CEO" flag -o "$d/priv-f.csv" --comments "$d/priv-c.csv" "$d/planted.csv" 2>/dev/null
python3 -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1],encoding='utf-8')))
for x in r: x['rapport']='ja'
w=csv.DictWriter(open(sys.argv[2],'w',encoding='utf-8',newline=''),fieldnames=r[0].keys()); w.writeheader(); w.writerows(r)" \
  "$d/priv-c.csv" "$d/priv-ok.csv"
"$CEO" report --kind aanbieder --format html --config samples/project.ini --out-dir "$d/priv" \
  --comments "$d/priv-ok.csv" "$d/planted.csv" 2>/dev/null
python3 - "$d/priv" samples/truth.csv <<'PY'
import csv, glob, html, re, sys
text = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", open(f, encoding="utf-8").read()))
                for f in glob.glob(sys.argv[1] + "/*.html"))
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
    print(f"FAIL HTML provider reports: {len(planted)} planted values, {markers} markers: the check proves little")
elif left:
    print(f"FAIL HTML provider reports keep planted personal data: {left[:5]}")
elif re.search(r"niet-delen|Geheim|06-0\d{7}", text):
    print("FAIL HTML provider reports show contact details of a respondent who did not consent")
else:
    print(f"ok HTML provider reports: none of {len(planted)} planted values survive ({markers} markers), no contact details")
PY

# a bad value of --format: usage error
"$CEO" report --kind regio --format odt samples/qualtrics.csv 2>"$d/err"; rc=$?
if [ $rc -eq 2 ] && grep -q -- "--format is pdf, html or pdf,html, not 'odt'" "$d/err"; then
  ok "--format odt: usage error, exit 2"
else fail "--format odt: exit $rc: $(cat "$d/err")"; fi
