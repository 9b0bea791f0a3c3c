#!/usr/bin/env bash
# The definitions of docs/METHODS.md hold on the samples and on small hand-made exports:
# tests only on satisfaction items, one Benjamini-Hochberg family per (dimension, theme) that
# does not move with the other dimensions or --compare; a theme's score from its statements
# only (toegang = the mean of its four, the cliëntondersteuner on its own); mark intervals
# within 1-10; a score's interval that of % 9-10; the HV table of an export with marks but no
# statements; weights of 0, below 0 or text named at path:line:column; every column of
# `ceo stats` and `ceo stats --hv` defined in docs/METHODS.md.
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }

"$CEO" stats --by gemeente,aanbieder --digits 10 -o "$d/ga.csv" samples/qualtrics.csv 2>/dev/null
"$CEO" stats --by gemeente --digits 10 -o "$d/g.csv" samples/qualtrics.csv 2>/dev/null
"$CEO" stats --by gemeente,aanbieder,voorziening,gemeente+aanbieder --digits 10 \
  -o "$d/all.csv" samples/qualtrics.csv 2>/dev/null
"$CEO" stats --by gemeente --compare samples/surveymonkey.csv --digits 10 \
  -o "$d/cmp.csv" samples/qualtrics.csv 2>/dev/null
python3 - "$d" <<'PY'
import csv, sys
d = sys.argv[1]
def load(name):
    return list(csv.DictReader(open(f"{d}/{name}.csv", encoding="utf-8")))
items = {r["id"]: r for r in csv.DictReader(open("templates/ceo-wmo/items.csv", encoding="utf-8"))}
def item(q):
    return items.get(q.split(":")[0])
def ok(m): print("ok " + m)
def fail(m): print("FAIL " + m)
tabs = {n: load(n) for n in ("ga", "g", "all", "cmp")}

# 1. West Betuwe snel_geholpen: the same q whatever else is asked for
def q_of(tab, dim, group, q, col="q_vs_rest"):
    rows = [r for r in tab if r["dimension"] == dim and r["group"] == group and r["question"] == q]
    return rows[0][col] if len(rows) == 1 else None
qs = {n: q_of(t, "gemeente", "West Betuwe", "snel_geholpen") for n, t in tabs.items()}
if len(set(qs.values())) == 1 and qs["g"]:
    ok(f"West Betuwe snel_geholpen: q = {float(qs['g']):.4g} with --by gemeente, gemeente,aanbieder, "
       "four dimensions and --compare")
else:
    fail(f"West Betuwe snel_geholpen q moves with the options: {qs}")
# every q of the gemeente rows, not just one
moved = 0
for n in ("ga", "all", "cmp"):
    other = {(r["group"], r["question"], r["theme"]): r["q_vs_rest"] for r in tabs[n]
             if r["dimension"] == "gemeente"}
    moved += sum(1 for r in tabs["g"] if r["dimension"] == "gemeente"
                 and other.get((r["group"], r["question"], r["theme"])) != r["q_vs_rest"])
tested = sum(1 for r in tabs["g"] if r["dimension"] == "gemeente" and r["q_vs_rest"])
if moved == 0 and tested > 50:
    ok(f"all {tested} q-values of the gemeente rows are the same in four runs with other options")
else:
    fail(f"{moved} q-values of gemeente rows move with the options ({tested} tested)")

# 2. no test on a background question; tests on every kind of satisfaction item
bg = [r for r in tabs["all"] if r["question"] and item(r["question"])
      and item(r["question"])["sectie"] == "achtergrond"]
bad = [r["question"] for r in bg + [r for r in tabs["cmp"] if r["question"] and item(r["question"])
       and item(r["question"])["sectie"] == "achtergrond"] if r["p_vs_rest"] or r["p_vs_prev"]]
kinds = {item(r["question"])["type"] for r in tabs["all"] if r["p_vs_rest"]}
if bg and not bad and kinds == {"likert", "janee", "cijfer", "score"}:
    ok(f"no test on the {len(bg)} rows of background questions; tests on {sorted(kinds)}")
else:
    fail(f"tests on background rows {bad[:3]}, tested kinds {sorted(kinds)}")

# 3. each family's q-values are Benjamini-Hochberg of its own p-values only
def bh(ps):
    m = len(ps)
    order = sorted(range(m), key=lambda i: ps[i])
    q, prev = [0.0] * m, 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        prev = min(prev, ps[i] * m / rank)
        q[i] = prev
    return q
bad, fams = 0, set()
for kind in ("rest", "prev"):
    for tab in (tabs["all"], tabs["cmp"]):
        fam = {}
        for r in tab:
            if r["p_vs_" + kind]:
                theme = item(r["question"])["thema"]
                fam.setdefault((r["dimension"], theme), []).append(r)
        for key, rows in fam.items():
            fams.add((kind,) + key)
            for r, q in zip(rows, bh([float(r["p_vs_" + kind]) for r in rows])):
                bad += abs(float(r["q_vs_" + kind]) - q) > 1e-9
if bad == 0 and len(fams) >= 20:
    ok(f"q-values are Benjamini-Hochberg within {len(fams)} families (dimension, theme; "
       "against the rest or the previous value)")
else:
    fail(f"{bad} q-values differ from BH within their family ({len(fams)} families)")

# 4. toegang = the mean of its four statements; the cliëntondersteuner in no theme
four = ["wist_waar", "snel_geholpen", "serieus_genomen", "samen_oplossingen"]
idx = {(r["dimension"], r["group"], r["question"]): r for r in tabs["all"]}
diffs, n = [], 0
for r in tabs["all"]:
    if r["question"] or r["theme"] != "toegang" or not r["pct_positive"]:
        continue
    vals = [idx[(r["dimension"], r["group"], q)]["pct_positive"] for q in four]
    if "" in vals:
        diffs.append(r["group"]); continue
    n += 1
    if abs(float(r["pct_positive"]) - sum(map(float, vals)) / 4) > 1e-8:
        diffs.append((r["group"], r["pct_positive"]))
co = [r for r in tabs["all"] if r["question"] == "clientondersteuner"]
total = idx[("totaal", "totaal", "")] if ("totaal", "totaal", "") in idx else None
if n >= 20 and not diffs and co and all(r["theme"] == "" for r in co):
    t = [r for r in tabs["all"] if r["dimension"] == "totaal" and r["theme"] == "toegang" and not r["question"]][0]
    ok(f"toegang = mean of its four statements in all {n} groups shown (region "
       f"{float(t['pct_positive']):.1f}); clientondersteuner has no theme")
else:
    fail(f"toegang is not the mean of its four statements: {diffs[:3]} ({n} groups); "
         f"clientondersteuner themes {sorted({r['theme'] for r in co})}")

# 5. hv_aanbevelen: the interval beside % 9-10 is Wilson's of % 9-10
Z = 1.959963984540054
def wilson(p, n):
    c = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    h = Z * (p * (1 - p) / n + Z * Z / (4 * n * n)) ** 0.5 / (1 + Z * Z / n)
    return 100 * max(0, c - h), 100 * min(1, c + h)
rows = [r for r in tabs["all"] if r["question"] == "hv_aanbevelen" and r["pct_positive"]]
bad = [r["group"] for r in rows
       if max(abs(a - float(b)) for a, b in zip(wilson(float(r["pct_positive"]) / 100, int(r["n"])),
                                                 (r["ci_low"], r["ci_high"]))) > 1e-6]
if rows and not bad:
    ok(f"hv_aanbevelen: ci_low, ci_high are the Wilson interval of % 9-10 in all {len(rows)} rows")
else:
    fail(f"hv_aanbevelen interval is not that of % 9-10: {bad[:3]}")
marks = [r for r in tabs["all"] if r["question"] in ("cijfer", "hv_cijfer") and r["ci_low"]]
if marks and all(1 <= float(r["ci_low"]) <= float(r["ci_high"]) <= 10 for r in marks):
    ok(f"all {len(marks)} mark intervals of the samples lie within 1-10")
else:
    fail("a mark interval of the samples leaves 1-10")
PY

# 6. a group of ten with a mean mark of 9.1: the interval stops at 10 (the t-interval would
# reach 11.14)
{
  echo "respondent_id,gemeente,wist_waar,cijfer"
  for i in 1 2 3 4 5 6 7 8 9; do echo "r$i,Tiel,mee eens,10"; done
  echo "r10,Tiel,mee eens,1"
  for i in $(seq 11 30); do echo "r$i,Buren,niet mee eens,$((i % 5 + 5))"; done
} >"$d/marks.csv"
row=$("$CEO" stats --by gemeente "$d/marks.csv" 2>/dev/null | grep '^gemeente,Tiel,cijfer,')
case "$row" in
  gemeente,Tiel,cijfer,,10,,7.06,10.00,,9.10,*) ok "a mean mark of 9.10 for ten: interval [7.06, 10.00], within the scale" ;;
  *) fail "mark interval of the group of ten: $row" ;;
esac

# 7. HV marks but no HV statements (min_n 5: the small export has 6 or 7 marks per provider,
# all below the default 10): rows from the marks, and a warning saying why the
# composite and items are empty
python3 - "$d/nohv.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open("tests/fixtures/exports/small-qualtrics.csv", encoding="utf-8-sig", newline="")))
drop = {i for i, h in enumerate(rows[0]) if h.startswith("Q8_")}  # the seven HV statements
w = csv.writer(open(sys.argv[1], "w", encoding="utf-8", newline=""))
for r in rows:
    w.writerow([c for i, c in enumerate(r) if i not in drop])
PY
"$CEO" stats --hv --min-n 5 "$d/nohv.csv" >"$d/nohv.out" 2>"$d/nohv.err"; rc=$?
shown=$(awk -F, 'NR > 1 && $5 != ""' "$d/nohv.out" | wc -l)
if [ $rc -eq 0 ] && [ "$shown" -ge 2 ] && grep -q "HV marks but none of the HV statements" "$d/nohv.err" \
   && ! awk -F, 'NR > 1 && $8 != ""' "$d/nohv.out" | grep -q .; then
  ok "--hv on an export with HV marks but no statements: $shown providers with a mark, no composite, and a warning that says why"
else
  fail "--hv without HV statements: exit $rc, $shown rows with a mark, stderr: $(head -c 200 "$d/nohv.err")"
fi
"$CEO" stats --hv tests/fixtures/exports/small-qualtrics.csv 2>"$d/hv.err" >/dev/null
if [ ! -s "$d/hv.err" ]; then ok "--hv on an export with HV statements: no warning"
else fail "--hv with statements warns: $(head -c 200 "$d/hv.err")"; fi
if "$CEO" stats --help | grep -q "rest of the region (every" && ! "$CEO" stats --help | grep -q "other providers' clients"; then
  ok "--hv help: the mark is tested against the rest of the region"
else fail "--hv help still speaks of the other providers' clients"; fi

# 8. weights of 0, below 0 or text: ceo check lists them at path:line:column and exits 1;
# stats --weights stops on the first with its place
python3 - "$d" <<'PY'
import csv, sys
rows = list(csv.reader(open("tests/fixtures/exports/small-qualtrics.csv", encoding="utf-8-sig", newline="")))
g = rows[0].index("gewicht")
for name, line, value in (("zero", 4, "0"), ("negative", 5, "-1.5"), ("text", 6, "veel")):
    rr = [list(r) for r in rows]
    rr[line - 1][g] = value
    w = csv.writer(open(f"{sys.argv[1]}/w-{name}.csv", "w", encoding="utf-8", newline=""))
    for r in rr:
        w.writerow(r)
PY
col=$(head -1 tests/fixtures/exports/small-qualtrics.csv | tr ',' '\n' | grep -n gewicht | cut -d: -f1)
for c in zero:4:0 negative:5:-1.5 text:6:veel; do
  name=${c%%:*} rest=${c#*:}; line=${rest%%:*} value=${rest#*:}
  f="$d/w-$name.csv"
  "$CEO" check "$f" >"$d/check.out" 2>/dev/null; crc=$?
  "$CEO" stats --weights "$f" >/dev/null 2>"$d/stats.err"; src=$?
  if [ $crc -eq 1 ] && grep -qF "\"$value\" in gewicht: 1 time, at $f:$line:$col" "$d/check.out" \
     && [ $src -eq 1 ] && grep -qxF "ceo: $f:$line:$col: gewicht '$value' is no weight: a weight is a number above 0" "$d/stats.err"; then
    ok "gewicht $value: ceo check lists it at line $line, column $col (exit 1); stats --weights stops there"
  else
    fail "gewicht $value: check exit $crc ($(grep gewicht "$d/check.out" | head -1)); stats exit $src: $(head -c 200 "$d/stats.err")"
  fi
done
"$CEO" check tests/fixtures/exports/small-qualtrics.csv >/dev/null 2>&1 \
  && ok "the same export with every weight above 0: ceo check exit 0" \
  || fail "the unchanged export fails ceo check"

# 9. docs/METHODS.md defines every column of ceo stats (CSV and JSON) and of ceo stats --hv
python3 - "$CEO" <<'PY'
import json, re, subprocess, sys
ceo = sys.argv[1]
doc = open("docs/METHODS.md", encoding="utf-8").read()
def cols(*args):
    return subprocess.run([ceo, "stats", *args, "tests/fixtures/exports/small-qualtrics.csv"],
                          capture_output=True, text=True).stdout
names = set(cols("--by", "gemeente").splitlines()[0].split(","))
names |= set(json.loads(cols("--by", "gemeente", "--format", "json"))[0])
names |= set(cols("--hv").splitlines()[0].split(","))
names |= set(json.loads(cols("--hv", "--format", "json"))[0])
missing = sorted(n for n in names if not re.search(r"`" + re.escape(n) + r"`", doc))
if len(names) > 40 and not missing:
    print(f"ok docs/METHODS.md defines all {len(names)} columns of ceo stats and ceo stats --hv")
else:
    print(f"FAIL docs/METHODS.md lacks columns: {missing}")
for ref in ("Wilson", "Kish", "Benjamini", "Lumley"):
    if ref not in doc:
        print(f"FAIL docs/METHODS.md cites no {ref}")
PY

# 10. the reports' method paragraph points to docs/METHODS.md
mkdir -p "$d/rep"
if "$CEO" report --kind regio --config samples/project.ini --out-dir "$d/rep" samples/qualtrics.csv \
     >/dev/null 2>&1 && pdftotext "$d"/rep/regio-*.pdf - | tr '\n' ' ' \
     | grep -q "methodedocument dat bij ceo hoort: docs/METHODS.md"; then
  ok "the region report's method paragraph points to docs/METHODS.md"
else fail "the region report does not point to docs/METHODS.md"; fi

# 11. the provider report's NPS interval is the --hv table's, within -100..100 (Zorgkracht in
# the small export: NPS -63.6, the formula alone would reach below -100; marked indicative when
# its n is below indicatief_n)
mkdir -p "$d/prov"
"$CEO" report --kind aanbieder --min-n 5 --out-dir "$d/prov" tests/fixtures/exports/small-qualtrics.csv >/dev/null 2>&1
hvrow=$("$CEO" stats --hv --min-n 5 --digits 1 tests/fixtures/exports/small-qualtrics.csv 2>/dev/null \
  | grep '^aanbieder,Zorgkracht' | cut -d, -f10-12)
if [ "$hvrow" = "-63.6,-100.0,-25.6" ] && pdftotext -layout "$d"/prov/aanbieder-zorgkracht-*.pdf - 2>/dev/null \
     | grep -Eq -- "-63,6( \(i\))? *-100,0 tot -25,6"; then
  ok "provider report: NPS -63,6 with interval -100,0 tot -25,6, as the --hv table"
else fail "provider report NPS interval: --hv $hvrow, report $(pdftotext -layout "$d"/prov/aanbieder-zorgkracht-*.pdf - 2>/dev/null | grep -o -- '-63,6.*tot[^ ]* *[^ ]*' | head -1)"; fi
