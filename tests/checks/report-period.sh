#!/usr/bin/env bash
# Reports without a project file and over a store (issue 22, points 5 and 6, and the response
# chapter of point 2): "De regio" where a title or line starts, regio.pdf, no "2.025", the
# accounting fields said to be missing, one warning; a store of two years titled with its
# months; the response of a 3-month window from monthly invited counts, and the response
# chapter's figures equal to counts made here from the generator's truth.csv; a per-year file
# gives no response for a window; a bad month is an error at its line and column.
set -u
CEO=${CEO:-build/ceo}
GEN=${GEN:-build/ceo-gen}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
txt() { pdftotext -layout "$1" - 2>/dev/null; }

# ---- without a project file ----------------------------------------------------------------
mkdir "$d/np"
"$CEO" report --kind gemeente --only Tiel --out-dir "$d/np" samples/qualtrics.csv 2>"$d/np/err-g" >/dev/null
"$CEO" report --kind regio --out-dir "$d/np" samples/qualtrics.csv 2>"$d/np/err-r" >/dev/null
if [ -f "$d/np/regio.pdf" ] && ! ls "$d/np" | grep -q 'de-regio'; then
  ok "without a project file the regional report is regio.pdf"
else
  fail "regional report file: $(ls "$d/np" | tr '\n' ' ')"
fi
txt "$d/np/gemeente-tiel.pdf" >"$d/np/g.txt"
txt "$d/np/regio.pdf" >"$d/np/r.txt" 2>/dev/null || : >"$d/np/r.txt"
[ -s "$d/np/r.txt" ] || txt "$d/np/regio-de-regio.pdf" >"$d/np/r.txt"
if ! grep -q '2\.025' "$d/np/g.txt" "$d/np/r.txt" && ! grep -qi 'hele de regio' "$d/np/g.txt" "$d/np/r.txt"; then
  ok "no '2.025' and no 'hele de regio'"
else
  fail "found: $(grep -hi '2\.025\|hele de regio' "$d/np/g.txt" "$d/np/r.txt" | head -2)"
fi
# the line under the title, the running footer and the regional title page start with a capital
if grep -q '^De regio · cliëntervaringsonderzoek Wmo 2025' "$d/np/g.txt" &&
   grep -q '^De regio 2025 ' "$d/np/g.txt" && grep -q '^De regio$' "$d/np/r.txt" &&
   ! grep -q '^ *de regio\( ·\| 2025\|$\)' "$d/np/g.txt" "$d/np/r.txt"; then
  ok "'De regio' with a capital where a title, footer or title page line starts"
else
  fail "capitals: $(grep -h '^ *[dD]e regio\( ·\| 2025\|$\)' "$d/np/g.txt" "$d/np/r.txt" | sort | uniq -c | head -5)"
fi
method=$(grep '^Onderzoeksmethode' "$d/np/g.txt" | head -1)
if grep -q 'ontbreekt$' <<<"$method" && grep -q '^ontbreekt: niet opgegeven' "$d/np/g.txt"; then
  ok "accounting fields said to be missing: $method"
else
  fail "accounting field without project file: '$method'"
fi
n1=$(grep -c 'no project file (--config FILE)' "$d/np/err-g"); n2=$(grep -c 'no project file (--config FILE)' "$d/np/err-r")
if [ "$n1" -eq 1 ] && [ "$n2" -eq 1 ]; then
  ok "one warning about the missing project file per run"
else
  fail "warnings about the project file: gemeente $n1, regio $n2"
fi
if grep -q '^Respons$' "$d/np/g.txt" &&
   grep -q 'De respons kan niet worden gegeven' "$d/np/g.txt" && grep -q '\[uitgezet\] bestand' "$d/np/g.txt"; then
  ok "without invited counts the response chapter says so and names [uitgezet] bestand"
else
  fail "response chapter without invited counts"
fi

# ---- a store of two years ------------------------------------------------------------------
mkdir "$d/m" "$d/o1" "$d/o2" "$d/o3" "$d/o4"
"$GEN" --monthly --year 2024 --first-month 3 --months 14 --n 3000 --layout qualtrics \
  --out-dir "$d/m" >/dev/null 2>&1 || fail "ceo-gen"
for f in "$d"/m/qualtrics-*.csv; do
  "$CEO" batch add -q --store "$d/s.db" "$f" || fail "batch add $f"
done
# monthly invited counts, different per month
python3 - "$d/m/uitgezet.csv" "$d/uitgezet-maand.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
months = [f"2024-{m:02d}" for m in range(3, 13)] + [f"2025-{m:02d}" for m in range(1, 5)]
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["gemeente", "voorziening", "maand", "uitgezet"])
    for r in rows:
        for i, mo in enumerate(months):
            w.writerow([r["gemeente"], r["voorziening"], mo, int(r["uitgezet"]) // 12 + i % 5])
PY
printf '[regio]\nnaam = Regio Rivierenland\njaar = 2025\n\n[uitgezet]\nbestand = uitgezet-maand.csv\n' >"$d/maand.ini"
printf '[regio]\nnaam = Regio Rivierenland\n\n[uitgezet]\nbestand = m/uitgezet.csv\n' >"$d/jaar.ini"

"$CEO" report --kind regio --config "$d/maand.ini" --store "$d/s.db" --out-dir "$d/o1" >/dev/null 2>&1
txt "$d/o1/regio-regio-rivierenland.pdf" >"$d/o1/r.txt"
pages=$(grep -c 'Pagina [0-9]* van' "$d/o1/r.txt")
period=$(grep -c '^Regio Rivierenland maart 2024 – april 2025 .*Pagina [0-9]* van' "$d/o1/r.txt")
if [ "$pages" -gt 0 ] && [ "$period" -eq "$pages" ] &&
   grep -q '^Regio Rivierenland · cliëntervaringsonderzoek Wmo maart 2024 – april 2025' "$d/o1/r.txt" &&
   ! grep -q 'Wmo 2025\b' "$d/o1/r.txt"; then
  ok "a store of two years is titled and footed 'maart 2024 – april 2025' ($pages footers)"
else
  fail "store period: $period of $pages footers; $(grep -m2 'Wmo\|Pagina' "$d/o1/r.txt" | tr -s ' ')"
fi

# ---- a 3-month window with monthly invited counts ------------------------------------------
"$CEO" report --kind gemeente --only Tiel --config "$d/maand.ini" --store "$d/s.db" \
  --from 2025-01 --to 2025-03 --out-dir "$d/o2" >/dev/null 2>&1
"$CEO" report --kind regio --config "$d/maand.ini" --store "$d/s.db" \
  --from 2025-01 --to 2025-03 --out-dir "$d/o2" >/dev/null 2>&1
txt "$d/o2/gemeente-tiel.pdf" >"$d/o2/g.txt"
txt "$d/o2/regio-regio-rivierenland.pdf" >"$d/o2/r.txt"
# the counts, made here: invited of the months, respondents in truth.csv; the rows of the
# response table as the report prints them (Dutch thousands and decimal comma), * when < 10
python3 - "$d/uitgezet-maand.csv" "$d/m/truth.csv" "$d/o2" <<'PY'
import csv, sys
inv_path, truth_path, out = sys.argv[1:4]
lo, hi = "2025-01", "2025-03"
inv, resp = {}, {}
for r in csv.DictReader(open(inv_path, encoding="utf-8")):
    if lo <= r["maand"] <= hi:
        for k in [(r["gemeente"], r["voorziening"]), (r["gemeente"], None)]:
            inv[k] = inv.get(k, 0) + int(r["uitgezet"])
for r in csv.DictReader(open(truth_path, encoding="utf-8")):
    if lo <= r["datum"][:7] <= hi:
        for k in [(r["gemeente"], r["voorziening"]), (r["gemeente"], None)]:
            resp[k] = resp.get(k, 0) + 1
def count(n):
    return f"{n:,}".replace(",", ".")
def line(label, i, n):
    if n < 10:
        return f"{label} {count(i)} * *"
    return f"{label} {count(i)} {count(n)} " + f"{100 * n / i:.1f}".replace(".", ",") + "%"
# below 10 hidden; where one voorziening alone would be, the smallest other one too
tiel = {v: n for (g, v), n in resp.items() if g == "Tiel" and v is not None}
hidden = {v for v, n in tiel.items() if n < 10}
if len(hidden) == 1 and len(tiel) > 1:
    hidden.add(min((n, v) for v, n in tiel.items() if v not in hidden)[1])
with open(f"{out}/expect-g.txt", "w") as f:
    for v, n in sorted(tiel.items()):
        f.write((f"{v} {count(inv[('Tiel', v)])} * *" if v in hidden else
                 line(v, inv[("Tiel", v)], n)) + "\n")
    f.write(line("Totaal", inv[("Tiel", None)], resp[("Tiel", None)]) + "\n")
with open(f"{out}/expect-r.txt", "w") as f:
    shown_i = shown_n = 0
    for (g, v), n in resp.items():
        if v is None:
            f.write(line(g, inv[(g, None)], n) + "\n")
            if n >= 10:
                shown_i += inv[(g, None)]
                shown_n += n
    f.write(line("Regio Rivierenland", shown_i, shown_n) + "\n")
PY
# the printed table rows, spaces squeezed, from the response chapter only
sed -n '/^Respons$/,/^Toegang$\|^Gemeenten naast elkaar$/p' "$d/o2/g.txt" | tr -s ' ' | sed 's/ $//' >"$d/o2/got-g.txt"
sed -n '/^Respons$/,/^Gemeenten naast elkaar$/p' "$d/o2/r.txt" | tr -s ' ' | sed 's/ $//' >"$d/o2/got-r.txt"
missing=0
while IFS= read -r want; do
  grep -qxF "$want" "$d/o2/got-g.txt" || { missing=$((missing + 1)); echo "  missing in gemeente report: $want"; }
done <"$d/o2/expect-g.txt"
total=$(grep '^Totaal' "$d/o2/expect-g.txt")
if [ "$missing" -eq 0 ] && [ -s "$d/o2/expect-g.txt" ]; then
  ok "3-month window, gemeente report: every voorziening and the total as counted ($total)"
else
  fail "3-month window, gemeente report: $missing rows differ; got: $(grep -c . "$d/o2/got-g.txt") lines"
fi
missing=0
while IFS= read -r want; do
  # a gemeente below min_n: its name may wrap; its counts are hidden
  case "$want" in *" * *") continue ;; esac
  grep -qxF "$want" "$d/o2/got-r.txt" || { missing=$((missing + 1)); echo "  missing in regional report: $want"; }
done <"$d/o2/expect-r.txt"
if [ "$missing" -eq 0 ] && [ -s "$d/o2/expect-r.txt" ]; then
  ok "3-month window, regional report: every gemeente and the region as counted ($(tail -1 "$d/o2/expect-r.txt"))"
else
  fail "3-month window, regional report: $missing rows differ"
fi
vws=$(grep -m1 '^Responspercentage' "$d/o2/g.txt" | tr -s ' ')
if [ "$vws" = "Responspercentage $(awk '{print $NF}' <<<"$total")" ] &&
   grep -q '^Regio Rivierenland januari – maart 2025 ' "$d/o2/g.txt"; then
  ok "the accounting table gives the window's response too ($vws), the footer its months"
else
  fail "accounting table: '$vws', want $(awk '{print $NF}' <<<"$total")"
fi

"$CEO" export vws --config "$d/maand.ini" --store "$d/s.db" --from 2025-01 --to 2025-03 \
  -o "$d/o2/vws.csv" 2>/dev/null
got=$(python3 - "$d/o2/vws.csv" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")):
    if r["gemeente"] == "Tiel":
        print(f"{int(r['uitgezet']):,}".replace(",", "."), r["respondenten"], r["respons"].replace(".", ",") + "%")
PY
)
if [ -n "$got" ] && [ "Totaal $got" = "$total" ]; then
  ok "ceo export vws takes the window's months of a monthly file too ($got)"
else
  fail "ceo export vws with a monthly file: '$got', the report: '$total'"
fi

# ---- a per-year file: no response for a window ---------------------------------------------
"$CEO" report --kind gemeente --only Tiel --config "$d/jaar.ini" --store "$d/s.db" --rolling 3 \
  --out-dir "$d/o3" >/dev/null 2>"$d/o3/err"
txt "$d/o3/gemeente-tiel.pdf" | tr -s ' ' >"$d/o3/g.txt"
if grep -q 'kan niet worden berekend' "$d/o3/g.txt" &&
   ! sed -n '/^Respons$/,/^Wie hebben de vragenlijst ingevuld?$/p' "$d/o3/g.txt" | grep -q '[0-9],[0-9]%' &&
   grep -q '^Responspercentage niet te geven voor deze periode' "$d/o3/g.txt" &&
   grep -q 'uitgezet.csv has invited counts per year' "$d/o3/err"; then
  ok "a per-year file gives no response for a 3-month window, and the report and the run say so"
else
  fail "per-year file with a window: $(grep -m3 '%\|berekend' "$d/o3/g.txt")"
fi

# ---- a per-year file over the year's export: as the VWS export gives it ---------------------
"$CEO" report --kind gemeente --only Tiel --config samples/project.ini --out-dir "$d/o4" \
  samples/qualtrics.csv >/dev/null 2>&1
"$CEO" export vws --config samples/project.ini -o "$d/o4/vws.csv" samples/qualtrics.csv 2>/dev/null
want=$(python3 - "$d/o4/vws.csv" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")):
    if r["gemeente"] == "Tiel":
        print("Totaal", f"{int(r['uitgezet']):,}".replace(",", "."),
              r["respondenten"], r["respons"].replace(".", ",") + "%")
PY
)
if txt "$d/o4/gemeente-tiel.pdf" | tr -s ' ' | sed 's/ $//' | grep -qxF "$want"; then
  ok "per-year file: the response chapter's total is the VWS export's ($want)"
else
  fail "per-year file: want '$want'"
fi

# ---- a bad month ---------------------------------------------------------------------------
sed '3s/2024-04/april/' "$d/uitgezet-maand.csv" >"$d/bad.csv"
printf '[uitgezet]\nbestand = bad.csv\n' >"$d/bad.ini"
"$CEO" report --kind regio --config "$d/bad.ini" --out-dir "$d/o4" samples/qualtrics.csv 2>"$d/err"; rc=$?
if [ "$rc" -eq 1 ] && grep -q "bad.csv:3:3: .*maand" "$d/err"; then
  ok "a month that is no YYYY-MM stops the run at its line and column"
else
  fail "bad month: rc $rc, $(head -2 "$d/err")"
fi
