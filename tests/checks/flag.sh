#!/usr/bin/env bash
# ceo flag on the samples: the follow-up list equals the generator's truth in every layout
# (read by the rules alone: the generator's label of each answer is what the complaint
# patterns find; the model of klachtmodel.csv is a reading of its own, checked apart: it may add
# false complaints to at most 1% of the answers and never removes one; without the model the
# column kans is empty), and the redacted comments keep none of the planted personal data;
# signals name exactly the gemeenten and providers the generator made worse (where they are
# big enough to show); no contact detail of a respondent who did not consent reaches any
# output; Excel output; nothing written when a run fails.
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }

cp -r templates/ceo-wmo "$d/rules" && rm "$d/rules/klachtmodel.csv"
for layout in qualtrics surveymonkey limesurvey excel-nl; do
  if "$CEO" flag -c "$d/rules" --min-ernst 1 --config samples/project.ini -o "$d/f-$layout.csv" --signals "$d/s-$layout.csv" \
       --summary "$d/sum-$layout.csv" --comments "$d/c-$layout.csv" "samples/$layout.csv" 2>"$d/err"; then
    python3 tests/checks/flag_truth.py "$layout" "$d/f-$layout.csv" samples/truth.csv \
      templates/ceo-wmo/ontevreden.csv "$d/sum-$layout.csv"
    python3 tests/checks/comments_pii.py "$d/c-$layout.csv" samples/truth.csv
  else
    fail "$layout: ceo flag exit $?: $(head -2 "$d/err")"
  fi
done
# the rules and the model joined, as ceo flag runs with the standard codebook
"$CEO" flag --config samples/project.ini -o "$d/fm.csv" --comments "$d/cm.csv" samples/qualtrics.csv \
  2>"$d/err" || fail "ceo flag with the model: exit $?: $(head -2 "$d/err")"
python3 - "$d/c-qualtrics.csv" "$d/cm.csv" samples/truth.csv <<'PY'
import csv, sys
rules, joined = (list(csv.DictReader(open(p, encoding="utf-8"))) for p in sys.argv[1:3])
truth = [r for r in csv.DictReader(open(sys.argv[3], encoding="utf-8")) if r["opmerkingen"].strip()]
if not (len(rules) == len(joined) == len(truth)):
    print(f"FAIL comments: {len(rules)} rows by the rules, {len(joined)} joined, {len(truth)} in the truth")
    sys.exit()
if any(r["kans"] for r in rules) or not all(r["kans"] for r in joined):
    print("FAIL comments: kans must be empty without the model and filled with it")
false = sum(j["klacht"] == "ja" and t["klacht"] != "1" for j, t in zip(joined, truth))
missed = sum(j["klacht"] != "ja" and t["klacht"] == "1" for j, t in zip(joined, truth))
if missed == 0 and false <= len(truth) / 100:
    print(f"ok comments, rules and model joined: {false} false complaints of {len(truth)} answers, none missed")
else:
    print(f"FAIL comments, rules and model joined: {false} false complaints, {missed} missed of {len(truth)}")
PY
for layout in surveymonkey limesurvey excel-nl; do
  if cmp -s "$d/s-qualtrics.csv" "$d/s-$layout.csv"; then ok "signals of $layout equal those of qualtrics"
  else fail "signals of $layout differ from those of qualtrics"; fi
done
python3 tests/checks/signal_names.py "$d/s-qualtrics.csv" samples/effects.csv samples/truth.csv 10

# privacy: contact details planted for respondents who said no
python3 tests/checks/plant_contacts.py samples/qualtrics.csv "$d/planted.csv" >/dev/null
mkdir "$d/out"
"$CEO" flag --config samples/project.ini -o "$d/out/list.csv" --signals "$d/out/sig.csv" \
  --summary "$d/out/sum.csv" --comments "$d/out/comments.csv" "$d/planted.csv" 2>"$d/out/flag.err"
"$CEO" flag --excel -o "$d/out/list-excel.csv" "$d/planted.csv" 2>"$d/out/flag-excel.err"
"$CEO" stats --by gemeente,aanbieder -o "$d/out/stats.csv" "$d/planted.csv" 2>"$d/out/stats.err"
"$CEO" stats --format json -o "$d/out/stats.json" "$d/planted.csv" 2>"$d/out/stats-json.err"
"$CEO" check --dump "$d/out/dump.csv" "$d/planted.csv" >"$d/out/check.txt" 2>&1
leaks=$(grep -l -e 'niet-delen' -e 'Geheim' -e '06-0[0-9]\{7\}' "$d"/out/* 2>/dev/null)
if [ -z "$leaks" ]; then ok "no planted contact detail of a non-consenting respondent in any output"
else fail "contact details of non-consenting respondents in: $leaks"; fi
# the same check would see consenting respondents' details, which the list must carry
if grep -q '@example.nl' "$d/out/list.csv" && ! grep -q '@example.nl' "$d/out/stats.csv" "$d/out/dump.csv"; then
  ok "contact details of consenting respondents only in the follow-up list"
else fail "consenting respondents' contact details missing from the list or present elsewhere"; fi

# Excel: BOM, semicolons, phone numbers kept as text
f="$d/out/list-excel.csv"
if [ "$(head -c3 "$f" | od -An -tx1 | tr -d ' ')" = efbbbf ] && head -1 "$f" | grep -q '^.*respondent_id;datum;gemeente' \
   && grep -q '"=""06' "$f"; then ok "--excel: BOM, semicolons, phone numbers as text"
else fail "--excel output is not what Dutch Excel needs"; fi

# a failing run writes nothing: the signals cannot be written, so the list is not put in place
rm -f "$d/new.csv"
"$CEO" flag -o "$d/new.csv" --signals "$d/no/such/dir/s.csv" samples/qualtrics.csv 2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && [ ! -e "$d/new.csv" ] && [ -z "$(ls "$d" | grep '^\.ceo\|tmp')" ]; then
  ok "a run that cannot write its signals leaves no follow-up list (exit 1)"
else fail "failed run: exit $rc, list written: $([ -e "$d/new.csv" ] && echo yes || echo no)"; fi

# a codebook without the rules says so
mkdir "$d/cb" && cp templates/ceo-wmo/*.csv "$d/cb/" && rm "$d/cb/ontevreden.csv"
"$CEO" flag -c "$d/cb" samples/qualtrics.csv >/dev/null 2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "ontevreden.csv" "$d/err"; then ok "codebook without ontevreden.csv: exit 1, named"
else fail "codebook without ontevreden.csv: exit $rc: $(cat "$d/err")"; fi
# a broken complaint pattern is located
cp templates/ceo-wmo/ontevreden.csv "$d/cb/" && printf 'klacht,(te laat,kapot\n' >>"$d/cb/klachten.csv"
"$CEO" flag -c "$d/cb" samples/qualtrics.csv >/dev/null 2>"$d/err"; rc=$?
line=$(wc -l <"$d/cb/klachten.csv")
if [ $rc -eq 1 ] && grep -q "klachten.csv:$line:2: bad pattern" "$d/err"; then ok "broken complaint pattern: exit 1 at klachten.csv:$line:2"
else fail "broken complaint pattern: exit $rc: $(cat "$d/err")"; fi
