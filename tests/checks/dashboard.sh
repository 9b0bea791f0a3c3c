#!/usr/bin/env bash
# ceo dashboard: the region's dashboard (one self-contained HTML file) in a real browser
# (tests/browser/cdp.py: headless Chromium over a pipe, axe-core with the WCAG 2.1 A/AA rules),
# and its embedded data against `ceo stats` with the same dimensions, from files and from a store:
#   - axe finds no violation, on the page as it opens and after a gemeente is chosen; the page
#     asks for nothing but itself;
#   - every entry of the embedded data equals its ceo stats row (n, and each figure rounded to
#     the one decimal shown), and every row ceo stats hides is hidden (0, nothing else);
#   - choosing each gemeente in the page (the select's value set, 'change' dispatched) shows in
#     its tables exactly the ceo stats rows of that gemeente, for all answers and for a quarter;
#   - no row ceo stats hides has its n or figure in the data (its true n and figure from the same
#     run with --min-n 1); shown to work on a dashboard made with a lower --min-n, which it must
#     find full of them;
#   - from a store of 15 months: the whole selection, the last 12 months (= --rolling 12), the
#     quarters and years;
#   - a gemeente named like an HTML end tag stays a name; usage errors exit 2; a script text
#     with an unknown placeholder stops the run.
set -u
CEO=${CEO:-build/ceo}
GEN=${GEN:-build/ceo-gen}
B=tests/browser
CHK=tests/checks/dashboard_check.py
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
export CEO_YEAR=2026
DIMS=gemeente,aanbieder,voorziening,gemeente+aanbieder
PDIMS=periode,gemeente+periode,voorziening+periode,aanbieder+periode
C=(--config samples/project.ini)
S=samples/qualtrics.csv

# the figures ceo stats publishes for the dashboard's dimensions, and (min-n 1) the true ones
stats() { # out source... : the whole run, per quarter, per year, and the truths
  local o=$1; shift
  "$CEO" stats "${C[@]}" --digits 10 --by $DIMS -o "$o-all.csv" "$@" 2>/dev/null
  "$CEO" stats "${C[@]}" --digits 10 --by $PDIMS --period quarter -o "$o-q.csv" "$@" 2>/dev/null
  "$CEO" stats "${C[@]}" --digits 10 --by $PDIMS --period year -o "$o-y.csv" "$@" 2>/dev/null
  "$CEO" stats "${C[@]}" --digits 10 --min-n 1 --by $DIMS -o "$o-all1.csv" "$@" 2>/dev/null
  "$CEO" stats "${C[@]}" --digits 10 --min-n 1 --by $PDIMS --period quarter -o "$o-q1.csv" "$@" 2>/dev/null
}

# reads what the page shows for each gemeente in each period given (a JS array)
page_figures() { # html periods out
  python3 $B/cdp.py eval "$1" "$(sed "s/PERIODS/$2/" <<'EOF'
(function () {
  var D = JSON.parse(document.getElementById('ceo-data').textContent);
  var kinds = {};
  D.vragen.forEach(function (q) { kinds[q[0]] = q[2]; kinds['@' + q[0]] = q[1]; });
  var g = document.getElementById('f-gemeente'), p = document.getElementById('f-periode');
  function pick(el, v) { el.value = v; el.dispatchEvent(new Event('change')); }
  function read(sel) {
    return Array.prototype.map.call(document.querySelectorAll(sel + ' tr[data-q]'), function (tr) {
      var c = {q: tr.getAttribute('data-q')};
      Array.prototype.forEach.call(tr.querySelectorAll('td'), function (td) {
        c[td.className.split(' ')[0]] = td.textContent;
      });
      return c;
    });
  }
  var out = [];
  PERIODS.forEach(function (per) {
    pick(p, per);
    Array.prototype.forEach.call(g.options, function (o) {
      if (!o.value) return;
      pick(g, o.value);
      out.push({p: per, g: o.value, kinds: kinds, hidden: D.t['dashboard.niet_getoond'],
                indicative: D.t['dashboard.indicatief'],
                status: document.getElementById('keuze').textContent,
                themas: read('#themas'), stellingen: read('#stellingen'),
                cijfers: read('#rapportcijfers')});
    });
  });
  return out;
})()
EOF
)" >"$3"
}

if ! err=$(bash $B/setup.sh 2>&1); then fail "browser tests cannot run: $err"; exit 0; fi

# ---- from the sample export
if "$CEO" dashboard "${C[@]}" --out "$d/d.html" $S 2>"$d/err" && [ -s "$d/d.html" ]; then
  ok "ceo dashboard wrote $(wc -c <"$d/d.html") bytes from $S"
else fail "ceo dashboard on $S: $(cat "$d/err")"; fi
# the page after a gemeente and a quarter are chosen, for axe
sed 's#</body>#<script>["f-gemeente","West Maas en Waal","f-periode","2025-K1"].forEach(function(v,i,a){if(i%2)return;var f=document.getElementById(v);f.value=a[i+1];f.dispatchEvent(new Event("change"));});</script></body>#' \
  "$d/d.html" >"$d/chosen.html"
out=$(python3 $B/cdp.py axe "$d/d.html" "$d/chosen.html" 2>&1) \
  && ok "axe (WCAG 2.1 A/AA): ${out##*$'\n'} on the page as it opens and with a gemeente and quarter chosen" \
  || fail "axe: $out"
grep -q '<html lang="nl">' "$d/d.html" && ! grep -Eiq '(src|href)="(https?:)?//' "$d/d.html" \
  && ok "lang=\"nl\", no reference to another host" || fail "language or a foreign reference"

stats "$d/f" $S
out=$(python3 $CHK agree "$d/d.html" alles="$d/f-all.csv" perioden="$d/f-q.csv" perioden="$d/f-y.csv") \
  && ok "embedded data equals ceo stats --by $DIMS and --by $PDIMS (quarter, year): ${out##*agree: }" \
  || fail "embedded data vs ceo stats: $out"
page_figures "$d/d.html" "['alles','2025-K1']" "$d/dom.json"
out=$(python3 $CHK dom "$d/dom.json" alles="$d/f-all.csv" perioden="$d/f-q.csv") \
  && ok "each gemeente chosen in the page shows its ceo stats rows (all answers, 2025-K1): ${out##*dom: }" \
  || fail "the page's figures vs ceo stats: $out"
out=$(python3 $CHK leaks "$d/d.html" alles="$d/f-all.csv=$d/f-all1.csv" perioden="$d/f-q.csv=$d/f-q1.csv") \
  && ok "no hidden figure in the HTML: ${out##*leaks: }" || fail "hidden figures in the HTML: $out"
# the leak check finds leaks where there are: a dashboard with --min-n 3 against min_n 10
"$CEO" dashboard "${C[@]}" --min-n 3 --out "$d/d3.html" $S 2>/dev/null
out=$(python3 $CHK leaks "$d/d3.html" alles="$d/f-all.csv=$d/f-all1.csv" perioden="$d/f-q.csv=$d/f-q1.csv")
[ $? -eq 1 ] && n=$(sed -n 's/^leaks: .*, \([0-9]*\) leaks$/\1/p' <<<"$out") && [ "${n:-0}" -gt 0 ] \
  && ok "the leak check finds the $n figures a --min-n 3 dashboard shows that min_n 10 hides" \
  || fail "the leak check missed a --min-n 3 dashboard: $out"

# ---- from a store of 15 months: the last 12 months are a selection of their own
mkdir "$d/m"
"$GEN" --monthly --months 15 --n 3000 --layout qualtrics --out-dir "$d/m" >/dev/null
for f in "$d"/m/qualtrics-*.csv; do "$CEO" batch add -q --store "$d/s.db" "$f" || fail "batch add $f"; done
if "$CEO" dashboard "${C[@]}" --store "$d/s.db" --out "$d/s.html" 2>"$d/err"; then
  ok "ceo dashboard --store: $(wc -c <"$d/s.html") bytes"
else fail "ceo dashboard --store: $(cat "$d/err")"; fi
stats "$d/s" --store "$d/s.db"
"$CEO" stats "${C[@]}" --digits 10 --by $DIMS --store "$d/s.db" --rolling 12 -o "$d/s-r12.csv" 2>/dev/null
"$CEO" stats "${C[@]}" --digits 10 --min-n 1 --by $DIMS --store "$d/s.db" --rolling 12 -o "$d/s-r121.csv" 2>/dev/null
out=$(python3 $CHK agree "$d/s.html" alles="$d/s-all.csv" r12="$d/s-r12.csv" perioden="$d/s-q.csv" perioden="$d/s-y.csv") \
  && ok "from the store: data equals ceo stats --store (all, --rolling 12, quarters, years): ${out##*agree: }" \
  || fail "from the store: $out"
out=$(python3 $CHK leaks "$d/s.html" alles="$d/s-all.csv=$d/s-all1.csv" r12="$d/s-r12.csv=$d/s-r121.csv" perioden="$d/s-q.csv=$d/s-q1.csv") \
  && ok "from the store: no hidden figure in the HTML: ${out##*leaks: }" || fail "from the store: $out"
opts=$(python3 $B/cdp.py eval "$d/s.html" "Array.prototype.map.call(document.getElementById('f-periode').options, function (o) { return o.value; }).join(' ')")
case "$opts" in
  *'"alles r12 2025 2026 2025-K1 2025-K2 2025-K3 2025-K4 2026-K1"') ok "periods offered: $opts" ;;
  *) fail "periods offered: $opts" ;;
esac
page_figures "$d/s.html" "['r12']" "$d/sdom.json"
sed -i 's/"p": "r12"/"p": "alles"/g' "$d/sdom.json" # the last 12 months are a whole selection
out=$(python3 $CHK dom "$d/sdom.json" alles="$d/s-r12.csv") \
  && ok "from the store, last 12 months: each gemeente shows its ceo stats --rolling 12 rows: ${out##*dom: }" \
  || fail "from the store, last 12 months: $out"
out=$(python3 $B/cdp.py axe "$d/s.html" 2>&1) && ok "axe on the store's dashboard: ${out##*$'\n'}" \
  || fail "axe on the store's dashboard: $out"

# ---- a name that looks like markup stays a name (the reader strips whole tags; an end tag
# ---- left open would end the data's script element if it were not escaped)
python3 - "$S" "$d/tag.csv" <<'EOF'
import sys
s = open(sys.argv[1], encoding="utf-8-sig").read()
open(sys.argv[2], "w", encoding="utf-8").write(s.replace('"Tiel"', '"Tiel </script & ""x"""'))
EOF
"$CEO" dashboard "${C[@]}" --out "$d/tag.html" "$d/tag.csv" 2>/dev/null
v=$(python3 $B/cdp.py eval "$d/tag.html" "(function () { var f = document.getElementById('f-gemeente'); f.value = 'Tiel </script & \"x\"'; f.dispatchEvent(new Event('change')); return [document.querySelectorAll('script').length, f.value, document.getElementById('keuze').textContent, document.querySelectorAll('#stellingen tr[data-q]').length > 0]; })()")
[ "$v" = '[2, "Tiel </script & \"x\"", "Getoond: Tiel </script & \"x\", Alle antwoorden (2025-03 t/m 2025-04).", true]' ] \
  && ok "a gemeente named 'Tiel </script & \"x\"' is a name in the select and the page, with its figures" \
  || fail "a gemeente named like an end tag: $v"

# ---- usage
"$CEO" dashboard "${C[@]}" $S >/dev/null 2>"$d/err"; rc=$?
[ $rc -eq 2 ] && grep -q -- "--out" "$d/err" && ok "no --out: exit 2" || fail "no --out: exit $rc $(cat "$d/err")"
"$CEO" dashboard --help | grep -q "$PDIMS" && ok "--help names the ceo stats runs it equals" \
  || fail "--help"
"$CEO" dashboard --out "$d/x.html" >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && [ ! -e "$d/x.html" ] && ok "no export: exit 2, no file" || fail "no export: exit $rc"
# a text of the script's with a placeholder it does not fill stops the run, naming the line
mkdir "$d/bad" && sed 's/^Getoond: {keuze}, {periode}.$/Getoond: {keuze} {onbekend}./' \
  templates/report/nl/teksten.txt >"$d/bad/teksten.txt"
printf '[rapport]\nteksten = %s/bad/teksten.txt\n' "$d" >"$d/bad.ini"
"$CEO" dashboard --config "$d/bad.ini" --out "$d/bad.html" $S 2>"$d/err"; rc=$?
[ $rc -eq 1 ] && grep -q "teksten.txt:[0-9]*: \[dashboard.keuze\] uses {onbekend}" "$d/err" && [ ! -e "$d/bad.html" ] \
  && ok "a script text with an unknown {placeholder}: exit 1, file and line named, no file" \
  || fail "unknown placeholder: exit $rc $(cat "$d/err")"
