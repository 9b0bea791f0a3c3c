#!/usr/bin/env bash
# ceo export vws on the samples: every figure per gemeente equal to a hand computation from the
# generator's truth and to ceo stats --by gemeente, suppressed figures empty; respondents,
# invited counts and response rate; the Dutch-Excel form; the same table from every layout;
# a broken field list (velden.csv) located at file:line:column, and nothing written then;
# gemeenten missing from the gemeenten file warned about; usage errors.
set -u
CEO=${CEO:-build/ceo}
root=$(pwd)
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }

# the samples: figures against truth and ceo stats
if "$CEO" export vws --config samples/project.ini -o "$d/vws.csv" samples/qualtrics.csv 2>"$d/err"; then
  if [ -s "$d/err" ]; then fail "warnings on the samples: $(head -3 "$d/err")"
  else ok "ceo export vws on the samples: exit 0, no warning"; fi
  "$CEO" stats --by gemeente -o "$d/stats.csv" samples/qualtrics.csv 2>/dev/null
  python3 tests/checks/vws_truth.py "$d/vws.csv" samples/truth.csv "$d/stats.csv" \
    samples/uitgezet.csv samples/vws-gemeenten.csv samples/project.ini 10
else
  fail "ceo export vws exit $?: $(head -3 "$d/err")"
fi

# the same table whichever layout the respondents came in
for l in excel-nl surveymonkey limesurvey; do
  "$CEO" export vws --config samples/project.ini -o "$d/vws-$l.csv" "samples/$l.csv" 2>/dev/null
  if cmp -s "$d/vws.csv" "$d/vws-$l.csv"; then ok "$l gives the same VWS table as qualtrics"
  else fail "$l gives another VWS table: $(diff "$d/vws.csv" "$d/vws-$l.csv" | head -3)"; fi
done

# Dutch Excel: BOM, semicolons, CRLF, decimal commas in numbers only; the same cells otherwise
"$CEO" export vws --excel --config samples/project.ini -o "$d/x.csv" samples/qualtrics.csv 2>/dev/null
python3 - "$d/x.csv" "$d/vws.csv" <<'PY'
import csv, io, sys
raw = open(sys.argv[1], "rb").read()
plain = list(csv.reader(open(sys.argv[2], newline="", encoding="utf-8")))
problems = []
if not raw.startswith(b"\xef\xbb\xbf"):
    problems.append("no UTF-8 BOM")
lines = raw[3:].split(b"\n")
if not all(l.endswith(b"\r") for l in lines[:-1] if l) or lines[-1] != b"":
    problems.append("lines do not end in CRLF")
rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline=""), delimiter=";"))
if rows[0] != plain[0]:
    problems.append("header differs")
numeric = [k for k, name in enumerate(plain[0])
           if name in ("respons",) or name.endswith("_pct_positief")]
commas = 0
for x, p in zip(rows[1:], plain[1:]):
    for k, (a, b) in enumerate(zip(x, p)):
        if k in numeric and b:
            commas += "," in a
            if a != b.replace(".", ","):
                problems.append(f"number {a!r} is not {b!r} with a decimal comma")
        elif a != b:
            problems.append(f"text {a!r} differs from {b!r}")
if len(rows) != len(plain) or commas < 50:
    problems.append(f"{len(rows)} rows, {commas} decimal commas")
if problems:
    print("FAIL --excel: " + "; ".join(problems[:3]))
else:
    print(f"ok --excel: BOM, semicolons, CRLF, {commas} decimal commas, the same cells")
PY

# a broken field list: exit 1 at file:line:column, no output file, the old output kept
cp templates/vws/velden.csv "$d/velden.csv"
sed -i '12s/item:wist_waar:n/item:wist_waar:aantal/' "$d/velden.csv"
printf '[vws]\nvelden = velden.csv\n' >"$d/p.ini"
"$CEO" export vws --config "$d/p.ini" -o "$d/new.csv" samples/qualtrics.csv 2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "velden.csv:12:3: bron 'item:wist_waar:aantal'" "$d/err" && [ ! -e "$d/new.csv" ] \
   && [ -z "$(ls -A "$d" | grep -v -e '^velden.csv$' -e '^p.ini$' -e '^err$' -e '\.csv$')" ]; then
  ok "a bad figure in velden.csv: exit 1 at velden.csv:12:3, no output file"
else fail "bad figure in velden.csv: exit $rc, $(cat "$d/err"), output $([ -e "$d/new.csv" ] && echo written || echo none)"; fi

cp templates/vws/velden.csv "$d/velden.csv"
sed -i '5s/project:vws.methode/projekt:vws.methode/' "$d/velden.csv"
echo old >"$d/keep.csv"
"$CEO" export vws --config "$d/p.ini" -o "$d/keep.csv" samples/qualtrics.csv 2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "velden.csv:5:3: unknown bron 'projekt:vws.methode'" "$d/err" \
   && [ "$(cat "$d/keep.csv")" = old ] && [ -z "$(ls -A "$d" | grep '^\.')" ]; then
  ok "an unknown bron: exit 1 at velden.csv:5:3, the old output kept, no temporary file"
else fail "unknown bron: exit $rc: $(cat "$d/err"); output '$(head -c 20 "$d/keep.csv")'"; fi

cp templates/vws/velden.csv "$d/velden.csv"
sed -i '7s/^periode,/respons,/' "$d/velden.csv"
"$CEO" export vws --config "$d/p.ini" -o "$d/new.csv" samples/qualtrics.csv 2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "velden.csv:10:1: veld 'respons' is listed twice (first on line 7)" "$d/err" \
   && [ ! -e "$d/new.csv" ]; then ok "a field listed twice: exit 1 at velden.csv:10:1"
else fail "field listed twice: exit $rc: $(cat "$d/err")"; fi

# the standard field list is found next to the program, as the codebook is
mkdir -p "$d/tree/bin" "$d/tree/templates/vws"
cp "$CEO" "$d/tree/bin/ceo"
printf 'veld,omschrijving,bron\ngemeente,Gemeente,berekend:gemeente\nx,X,berekend:iets\n' \
  >"$d/tree/templates/vws/velden.csv"
"$d/tree/bin/ceo" export vws -c templates/ceo-wmo -o "$d/tree.csv" samples/qualtrics.csv 2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "tree/templates/vws/velden.csv:3:3: unknown bron 'berekend:iets'" "$d/err" \
   && [ ! -e "$d/tree.csv" ]; then ok "templates/vws/velden.csv is found next to the program; its errors located"
else fail "template lookup: exit $rc: $(cat "$d/err")"; fi
printf 'veld,omschrijving,bron\ngemeente,,berekend:gemeente\nn,Respondenten,berekend:respondenten\n' \
  >"$d/tree/templates/vws/velden.csv"
"$d/tree/bin/ceo" export vws -c templates/ceo-wmo -o "$d/tree.csv" samples/qualtrics.csv 2>"$d/err"; rc=$?
if [ $rc -eq 0 ] && [ "$(head -2 "$d/tree.csv")" = "$(printf 'gemeente,n\nCulemborg,254')" ] \
   && [ "$(wc -l <"$d/tree.csv")" -eq 9 ]; then ok "a region's own field list (two fields) is followed"
else fail "own field list: exit $rc: $(cat "$d/err") $(head -2 "$d/tree.csv")"; fi

# gemeenten missing from the gemeenten file: empty cells and a warning naming them; a project
# periode; a higher min-n empties more figures
grep -v -e '^Tiel,' -e '^Súdwest' samples/vws-gemeenten.csv >"$d/gem.csv"
printf '[regio]\njaar = 2025\n[uitgezet]\nbestand = %s\n[vws]\nmethode = Enquête\ndoelgroep = Wmo-cliënten\nperiode = voorjaar 2025\ngemeenten = gem.csv\n' \
  "$root/samples/uitgezet.csv" >"$d/p2.ini"
"$CEO" export vws --config "$d/p2.ini" --min-n 40 -o "$d/gem-out.csv" samples/qualtrics.csv 2>"$d/err"; rc=$?
python3 - "$d/gem-out.csv" "$d/err" "$rc" <<'PY'
import csv, sys
rows = {r["gemeente"]: r for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))}
err = open(sys.argv[2], encoding="utf-8").read()
if sys.argv[3] != "0":
    print(f"FAIL missing gemeenten: exit {sys.argv[3]}: {err}")
    sys.exit()
texts = ("vorig_jaar_gedaan", "besproken_met", "verbeterpunten")
if "gem.csv has no row for Súdwest-Fryslân, Tiel;" in err and \
        all(rows[g][k] == "" for g in ("Tiel", "Súdwest-Fryslân") for k in texts) and \
        all(rows["Culemborg"][k] != "" for k in texts):
    print("ok gemeenten missing from the gemeenten file: a warning names them, their cells empty")
else:
    print(f"FAIL missing gemeenten: {err!r}")
if all(r["periode"] == "voorjaar 2025" for r in rows.values()):
    print("ok the project's periode is used for every gemeente")
else:
    print("FAIL project periode not used")
shown = {g for g, r in rows.items() if r["wist_waar_n"]}
small = {g for g, r in rows.items() if int(r["respondenten"]) < 40}
if shown and not (shown & small) and all(rows[g]["respondenten"] for g in rows):
    print(f"ok --min-n 40: figures shown only for {len(shown)} gemeenten of 40+ respondents")
else:
    print(f"FAIL --min-n 40: figures shown for {sorted(shown)}")
PY

# a bad invited count is located
printf 'gemeente,voorziening,uitgezet\nTiel,Dagbesteding,88\nTiel,Hulpmiddelen,veel\n' >"$d/uit.csv"
printf '[uitgezet]\nbestand = uit.csv\n[vws]\ngemeenten = %s\n' "$root/samples/vws-gemeenten.csv" >"$d/p3.ini"
"$CEO" export vws --config "$d/p3.ini" -o "$d/new.csv" samples/qualtrics.csv 2>"$d/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "uit.csv:3:3: uitgezet must be a whole number" "$d/err" && [ ! -e "$d/new.csv" ]; then
  ok "a bad invited count: exit 1 at uit.csv:3:3"
else fail "bad invited count: exit $rc: $(cat "$d/err")"; fi

# usage errors
"$CEO" export bogus samples/qualtrics.csv >/dev/null 2>"$d/err"; rc=$?
if [ $rc -eq 2 ] && grep -q "unknown kind 'bogus'" "$d/err"; then ok "an unknown export kind: exit 2"
else fail "unknown kind: exit $rc: $(cat "$d/err")"; fi
"$CEO" export vws >/dev/null 2>"$d/err"; rc=$?
if [ $rc -eq 2 ] && grep -q "no export file given" "$d/err"; then ok "ceo export vws without a file: exit 2"
else fail "no file: exit $rc: $(cat "$d/err")"; fi
"$CEO" export vws --min-n 0 samples/qualtrics.csv >/dev/null 2>"$d/err"; rc=$?
if [ $rc -eq 2 ] && grep -q "try 'ceo export vws --help'" "$d/err"; then ok "--min-n 0: exit 2"
else fail "--min-n 0: exit $rc: $(cat "$d/err")"; fi
