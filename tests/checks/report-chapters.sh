#!/usr/bin/env bash
# The bureau's standard chapters of the gemeente and regional reports (issue 22 point 2): the
# respondent profile, the representativeness, the results per voorziening and the method are
# in every PDF of the demo that has figures; their figures are the rows of ceo stats (--by
# gemeente,voorziening,gemeente+voorziening, same thresholds), a hidden group prints "*" and no
# figure (report_chapters.py); the population column is populatie.csv's; without [weging]
# populatie the chapter names the key; with [weging] methode = poststratificatie (or gewicht)
# the figures are those of ceo stats --post-stratify (--weights) and every report says so.
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
BY=gemeente,voorziening,gemeente+voorziening
CB=templates/ceo-wmo
if ! command -v pdftotext >/dev/null; then
  fail "pdftotext not found (Debian package poppler-utils)"
  exit 0
fi

# a project file of its own in $d/p-$1, beside copies of the samples' files; with $2, the key
# [weging] methode = $2
project() {
  mkdir -p "$d/p-$1"
  cp samples/populatie.csv samples/uitgezet.csv samples/vws-gemeenten.csv "$d/p-$1/"
  sed "s|^codeboek = .*|codeboek = $PWD/templates/ceo-wmo|" samples/project.ini >"$d/p-$1/project.ini"
  [ -n "${2:-}" ] && sed -i "s|^populatie = populatie.csv|&\nmethode = $2|" "$d/p-$1/project.ini"
  return 0
}

# 1. unweighted: the demo's gemeente reports and the regional report
"$CEO" stats --config samples/project.ini --by "$BY" --digits 6 -o "$d/stats.csv" \
  samples/qualtrics.csv 2>/dev/null
mkdir "$d/pdf"
for kind in gemeente regio; do
  "$CEO" report --kind $kind --config samples/project.ini --out-dir "$d/pdf" samples/qualtrics.csv \
    2>"$d/err-$kind" || fail "ceo report --kind $kind: $(head -2 "$d/err-$kind")"
done
missing="" n=0
for f in "$d"/pdf/*.pdf; do
  pdftotext -layout "$f" "${f%.pdf}.txt"
  grep -q "^Te weinig antwoorden" "${f%.pdf}.txt" && continue
  n=$((n + 1))
  for h in "Wie hebben de vragenlijst ingevuld?" "Representativiteit" "Uitkomsten per voorziening" \
           "Methode"; do
    grep -q "^$h\$" "${f%.pdf}.txt" || missing="$missing $(basename "$f"):'$h'"
  done
done
[ -z "$missing" ] && [ "$n" -ge 8 ] && ok "profile, representativeness, voorziening and method chapters in all $n reports with figures" \
  || fail "chapters missing ($n reports):$missing"
python3 tests/checks/report_chapters.py gemeente Tiel "$d/pdf/gemeente-tiel.txt" "$d/stats.csv" $CB --summary
python3 tests/checks/report_chapters.py gemeente "West Maas en Waal" "$d/pdf/gemeente-west-maas-en-waal.txt" \
  "$d/stats.csv" $CB
python3 tests/checks/report_chapters.py regio - "$d/pdf/regio-regio-rivierenland.txt" "$d/stats.csv" $CB --summary
# Zaltbommel: some voorzieningen shown, two hidden to protect another gemeente's small cells
python3 tests/checks/report_chapters.py gemeente Zaltbommel "$d/pdf/gemeente-zaltbommel.txt" "$d/stats.csv" $CB

# a gemeente below min_n: no chapter, so no figure of it
if grep -q "^Wie hebben de vragenlijst ingevuld?" "$d/pdf/gemeente-sudwest-fryslan.txt"; then
  fail "the report of Súdwest-Fryslân (6 respondents) has a profile"
else ok "the report of Súdwest-Fryslân (6 respondents) shows no profile or voorziening figures"; fi

# 2. representativeness: the population per voorziening is populatie.csv's, summed over gemeenten
python3 - "$d/pdf/regio-regio-rivierenland.txt" samples/populatie.csv <<'PY'
import csv, sys
txt = open(sys.argv[1], encoding="utf-8").read().split("\n")
pop = {}
for r in csv.DictReader(open(sys.argv[2], encoding="utf-8")):
    pop[r["voorziening"]] = pop.get(r["voorziening"], 0) + int(r["populatie"])
total = sum(pop.values())
if "Representativiteit" not in txt:
    print("FAIL representativeness: no chapter")
    sys.exit(0)
start = txt.index("Representativiteit")
bad = []
for v, n in pop.items():
    line = next((l for l in txt[start:] if l.strip().startswith(v + "  ")), None)
    want = [f"{n:,}".replace(",", "."), f"{100 * n / total:.1f}".replace(".", ",") + "%"]
    got = line.strip()[len(v):].split()[:2] if line else None
    if got != want:
        bad.append(f"{v}: report {got}, populatie.csv {want}")
print(f"FAIL representativeness: {bad[:3]}" if bad else
      f"ok representativeness: the population of all {len(pop)} voorzieningen is populatie.csv's")
PY
project nopop
sed -i '/^populatie = /d' "$d/p-nopop/project.ini"
mkdir "$d/nopop"
"$CEO" report --kind regio --config "$d/p-nopop/project.ini" --out-dir "$d/nopop" samples/qualtrics.csv \
  2>/dev/null && pdftotext "$d/nopop/regio-regio-rivierenland.pdf" "$d/nopop.txt"
if grep -q "\[weging\] populatie" "$d/nopop.txt" 2>/dev/null; then
  ok "without [weging] populatie the representativeness chapter names the key"
else fail "without [weging] populatie: no line naming the key"; fi
if grep -q "Gewogen cijfers" "$d"/pdf/*.txt; then fail "an unweighted report says its figures are weighted"
else ok "unweighted reports say nothing of weights"; fi

# 3. weighted as ceo stats: [weging] methode = poststratificatie and gewicht
project plain
for m in poststratificatie gewicht; do
  project $m $m
  opt=--post-stratify; [ $m = gewicht ] && opt=--weights
  "$CEO" stats --config "$d/p-plain/project.ini" --by "$BY" $opt --digits 6 -o "$d/stats-$m.csv" \
    samples/qualtrics.csv 2>/dev/null || fail "ceo stats $opt"
  mkdir "$d/$m"
  if ! "$CEO" report --kind gemeente --config "$d/p-$m/project.ini" --out-dir "$d/$m" \
         samples/qualtrics.csv 2>"$d/err-$m" ||
     ! "$CEO" report --kind regio --config "$d/p-$m/project.ini" --out-dir "$d/$m" \
         samples/qualtrics.csv 2>"$d/err-$m"; then
    fail "ceo report with [weging] methode = $m: $(head -2 "$d/err-$m")"
    continue
  fi
  for f in "$d/$m"/*.pdf; do pdftotext -layout "$f" "${f%.pdf}.txt"; done
  python3 tests/checks/report_chapters.py gemeente Tiel "$d/$m/gemeente-tiel.txt" "$d/stats-$m.csv" $CB \
    --summary --counts "$d/stats.csv" | sed "s/^ok /ok $m: /; s/^FAIL /FAIL $m: /"
  python3 tests/checks/report_chapters.py regio - "$d/$m/regio-regio-rivierenland.txt" "$d/stats-$m.csv" $CB \
    --summary --counts "$d/stats.csv" | sed "s/^ok /ok $m: /; s/^FAIL /FAIL $m: /"
  # the weighted figures are not the unweighted ones (else the comparison proves nothing)
  python3 - "$d/stats.csv" "$d/stats-$m.csv" $m <<'PY'
import csv, sys
key = lambda r: (r["dimension"], r["group"], r["question"], r["theme"])
a = {key(r): r["pct_positive"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
b = {key(r): r["pct_positive"] for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))}
k = ("gemeente", "Tiel", "", "toegang")
print(f"ok {sys.argv[3]}: Tiel's toegang {b[k]} weighted, {a[k]} unweighted" if a[k] != b[k] else
      f"FAIL {sys.argv[3]}: the weighted figures equal the unweighted ones")
PY
  unsaid=""
  for f in "$d/$m"/*.txt; do
    grep -q "^Te weinig antwoorden" "$f" && continue
    grep -q "Gewogen cijfers" "$f" || unsaid="$unsaid $(basename "$f")"
  done
  word=poststratificatie; [ $m = gewicht ] && word="kolom gewicht"
  if [ -z "$unsaid" ] && grep -q "$word" "$d/$m/gemeente-tiel.txt" &&
     grep -q "$word" "$d/$m/regio-regio-rivierenland.txt"; then
    ok "$m: every report notes the weighting under its tables and in its method"
  else fail "$m: reports without the weighting note:$unsaid"; fi
done

# 4. a method that is none stops the run, naming the key
project bad raking
mkdir "$d/bad"
"$CEO" report --kind regio --config "$d/p-bad/project.ini" --out-dir "$d/bad" samples/qualtrics.csv \
  2>"$d/err-bad"
rc=$?
if [ $rc = 1 ] && grep -q "\[weging\] methode is 'raking'" "$d/err-bad" && [ -z "$(ls "$d/bad")" ]; then
  ok "[weging] methode = raking: exit 1, the key named, no PDF"
else fail "[weging] methode = raking: exit $rc, $(head -2 "$d/err-bad")"; fi
