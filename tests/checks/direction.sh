#!/usr/bin/env bash
# Statements that arrive as bare numbers (tests/fixtures/direction, made by make.py from the
# sample generator's truth): the codebook's reading is taken only when the data confirm it,
# and said; the other direction, too little evidence and numbers among words stop with exit 1
# and the [codes] line that settles it; with that line the figures equal those of the same
# answers in words, and equal a count of the truth.
set -u
CEO=${CEO:-build/ceo}
f=tests/fixtures/direction
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
"$CEO" stats -o "$d/words.csv" "$f/words.csv" 2>"$d/words.err" || echo "FAIL stats on words.csv exited $?"

"$CEO" stats -o "$d/c1.csv" "$f/codes_1_positive.csv" 2>"$d/c1.err"; rc=$?
[ $rc -eq 0 ] && cmp -s "$d/words.csv" "$d/c1.csv" \
  && echo "ok codes 1 = helemaal mee eens, confirmed by the mark: the figures of the words" \
  || echo "FAIL codes_1_positive: exit $rc, $(diff "$d/words.csv" "$d/c1.csv" | head -3)"
grep -q "warning: $f/codes_1_positive.csv: scale 'likert5' arrives as bare numbers .*read as the codebook codes it.*the mark 'cijfer'.*\[codes\] likert5 = 1,2,3,4,5,9" "$d/c1.err" \
  && echo "ok the direction taken is said, with why and the line that states it" \
  || echo "FAIL no note of the direction: $(cat "$d/c1.err")"
[ ! -s "$d/words.err" ] && echo "ok answers in words need no note" || echo "FAIL words.csv warned: $(cat "$d/words.err")"

"$CEO" stats -o "$d/c5.csv" "$f/codes_5_positive.csv" 2>"$d/c5.err"; rc=$?
[ $rc -eq 1 ] && [ ! -e "$d/c5.csv" ] && echo "ok codes 5 = helemaal mee eens: exit 1, no output" \
  || echo "FAIL codes_5_positive: exit $rc"
grep -q "^ceo: $f/codes_5_positive.csv:2:4: scale 'likert5' .*contradict the codebook's codes.*\[codes\] likert5 = 5,4,3,2,1,9$" "$d/c5.err" \
  && echo "ok the contradiction names the scale, the column and the [codes] line" \
  || echo "FAIL message: $(cat "$d/c5.err")"
for cmd in "check" "flag -o $d/o.csv" "report --kind regio --out-dir $d" "export vws -o $d/v.csv" "batch add --store $d/s.db"; do
  $CEO $cmd "$f/codes_5_positive.csv" >/dev/null 2>"$d/e"; rc=$?
  [ $rc -eq 1 ] && grep -q 'likert5 = 5,4,3,2,1,9' "$d/e" && echo "ok ceo ${cmd%% *} stops on it too" \
    || echo "FAIL ceo $cmd: exit $rc, $(head -2 "$d/e")"
done

"$CEO" stats --config "$f/codes_5_positive.ini" -o "$d/c5ini.csv" "$f/codes_5_positive.csv" 2>"$d/c5ini.err"; rc=$?
[ $rc -eq 0 ] && cmp -s "$d/words.csv" "$d/c5ini.csv" && [ ! -s "$d/c5ini.err" ] \
  && echo "ok with [codes] likert5 = 5,4,3,2,1,9 the figures of the words, without a note" \
  || echo "FAIL with the ini: exit $rc, $(cat "$d/c5ini.err") $(diff "$d/words.csv" "$d/c5ini.csv" | head -3)"

# The figure against a count of the truth (the first 400 respondents of samples/truth.csv),
# over the published population (the export's only group column is gemeente).
python3 - "$d/c5ini.csv" <<'PY'
import csv, sys
sys.path.insert(0, "tests/checks")
import published
published.DIMS = ("gemeente",)
truth = list(csv.DictReader(open("samples/truth.csv", encoding="utf-8")))[:400]
for item in ("kwaliteit_goed", "snel_geholpen"):
    keep, _ = published.published(truth, lambda t: t[item] != "", lambda t: t[item] not in ("", "weet_niet"))
    valid = [r[item] for r in keep if r[item] not in ("", "weet_niet")]
    want = 100 * sum(v in ("helemaal_mee_eens", "mee_eens") for v in valid) / len(valid)
    got = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))
           if r["dimension"] == "totaal" and r["question"] == item][0]
    ok = abs(float(got["pct_positive"]) - want) < 0.005 and int(got["n"]) == len(valid)
    print(f"{'ok' if ok else 'FAIL'} {item}: {got['pct_positive']} % positive, truth {want:.2f} % of {len(valid)}")
PY

for c in "codes_5_positive_small:cannot be told safely: too few answers" \
         "codes_no_mark:cannot be told safely: the file has no mark" \
         "words_lone_number:holds answers in words ('Mee eens', line 2) and bare numbers ('5')"; do
  file=${c%%:*}; want=${c#*:}
  "$CEO" stats -o "$d/x.csv" "$f/$file.csv" 2>"$d/e"; rc=$?
  [ $rc -eq 1 ] && grep -qF "$want" "$d/e" && grep -q '\[codes\] likert5 = ' "$d/e" \
    && echo "ok $file: exit 1, '$want', with the [codes] line" || echo "FAIL $file: exit $rc, $(cat "$d/e")"
done
"$CEO" check "$f/codes_1_positive.csv" >"$d/check.out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "^  inferred: scale 'likert5' arrives as bare numbers" "$d/check.out" \
  && echo "ok ceo check shows what it inferred" || echo "FAIL check: exit $rc"
# ja/nee as bare numbers: nothing in the data can confirm 1 = ja, so the reading is said.
printf 'id,Wist u dat u gebruik kon maken van een onafhankelijke cliëntondersteuner?,Ik wist waar ik moest zijn met mijn hulpvraag.,Rapportcijfer\n1,1,Mee eens,8\n2,2,Neutraal,6\n3,1,Helemaal mee eens,9\n' > "$d/jn.csv"
"$CEO" stats -o "$d/jn.out" "$d/jn.csv" 2>"$d/jn.err"; rc=$?
[ $rc -eq 0 ] && grep -q "scale 'janee' arrives as bare numbers .*1 = Ja ... 2 = Nee, which no answer in the file can confirm.*\[codes\] janee = 1,2,9" "$d/jn.err" \
  && echo "ok ja/nee as numbers: read as the codebook codes it, and said" || echo "FAIL ja/nee numbers: exit $rc, $(cat "$d/jn.err")"
