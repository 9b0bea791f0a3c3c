#!/usr/bin/env python3
"""The privacy sweep (issue 19): plants personal data in every kind of cell of an export, then
searches every output of ceo for it.

  privacy_sweep.py plant SAMPLE.csv IN.csv OUT.csv KINDS.json [CELL-SECRETS.txt]
  privacy_sweep.py scan KINDS.json MANIFEST.tsv

plant expects IN.csv to have gone through plant_cells.py (category cells; its secrets file is
the fourth argument, each secret is attributed to the column it was planted in) and
plant_contacts.py (contact details of respondents who said "nee"). It adds:
- contact details of the respondents who consented, of those with no answer on consent, an
  address column and the platform's recipient columns (Qualtrics), all with per-row values;
- open answers in each form of name, address, phone and e-mail that issue 19 (finding 4)
  names, and the forms redaction already handles (BSN, IBAN, plain numbers and e-mail);
- more category and answer cells holding a name, phone or address.
Every planted value carries a token found nowhere in the sample or in ceo's own texts (checked
here: a token already present in SAMPLE.csv, the export before any planting, stops the plant). KINDS.json lists each kind of
planted item with its scope and the patterns that find it:
  nonconsent  contact details of someone who did not consent: allowed nowhere;
  consent     contact details of a consenting respondent: only the follow-up list and the store;
  open        planted in an open answer or a category cell: only the follow-up list and the store.

scan reads MANIFEST.tsv (family TAB path: an output file, its stdout or stderr, the text of a
PDF, a listing of file names) and prints, per kind and family, "ok" or "FAIL" with the file and
what was found. Each text is searched in a normal form, in lower case (NFKC, so full-width
digits and ＠ become ASCII; zero-width characters dropped; digits joined across spaces, dashes,
dots, line breaks and a PDF's "?"), so a number split or disguised in an output is found too.
"""
import csv
import json
import re
import sys
import unicodedata

ALLOWED = {"nonconsent": set(), "consent": {"followup", "store"}, "open": {"followup", "store"}}

# Open answers: (kind, text, patterns). Names are distinctive; no pattern matches an ordinary
# word. "finding 4" marks the forms the issue lists as missed by redaction.
COMMENTS = [
    ("naam: mevrouw A. Achternaam (finding 4)",
     "Ik had contact met mevrouw A. Quakernaat van het wijkteam, zij was vriendelijk.",
     [r"quakernaat"]),
    ("naam: mevrouw de vries in kleine letters (finding 4)",
     "ik heb mevrouw de wolkenveld gesproken maar er gebeurde niets.",
     [r"wolkenveld"]),
    ("naam: mijn naam is Voornaam Achternaam (finding 4)",
     "mijn naam is Karel Tjoelker en de hulp komt vaak te laat.",
     [r"tjoelker", r"\bkarel\b"]),
    ("naam: ondertekening aan het eind (finding 4)",
     "De hulp is prima geregeld, dank daarvoor.\nGroeten, Hidde Zwanenburgh",
     [r"zwanenburgh", r"\bhidde\b"]),
    ("naam: losse voor- en achternaam (finding 4)",
     "Femke Rijpstra kwam altijd op tijd en deed het werk goed.",
     [r"rijpstra", r"\bfemke\b"]),
    ("naam: mijn nicht Voornaam (finding 4)",
     "Ik krijg hulp van mijn nicht Sanne bij het invullen.",
     [r"\bsanne\b"]),
    ("naam: schoonzoon Voornaam (finding 4)",
     "Mijn schoonzoon Bram regelt de contacten met de gemeente.",
     [r"\bbram\b"]),
    ("adres: straat met huisnummer in kleine letters (finding 4)",
     "ik woon op de wilgenhoekstraat 12 en de bus stopt niet meer.",
     [r"wilgenhoekstraat"]),
    ("adres: postcode in kleine letters (finding 4)",
     "Stuur de brief naar postcode 4017 xq graag.",
     [r"4017 ?xq"]),
    ("telefoon: met een en dash (finding 4)",
     "Bel mij gerust op 06\u201313572468 als er vragen zijn.",
     [r"(?<!\d)0613572468(?!\d)"]),
    ("telefoon: met een non-breaking hyphen (finding 4)",
     "Mijn nummer is 06\u201124681357, s avonds bereikbaar.",
     [r"(?<!\d)0624681357(?!\d)"]),
    ("telefoon: met een zero-width space (finding 4)",
     "U kunt bellen naar 0635\u200b792468 voor een afspraak.",
     [r"(?<!\d)0635792468(?!\d)"]),
    ("telefoon: in full-width cijfers (finding 4)",
     "Mijn telefoon: \uff10\uff16\uff11\uff12\uff19\uff18\uff17\uff16\uff15\uff14 (na 10 uur).",
     [r"(?<!\d)0612987654(?!\d)"]),
    ("e-mail: met (at) (finding 4)",
     "Mail me op joris.plompendaal(at)gmail.com voor vragen.",
     [r"plompendaal"]),
    ("e-mail: met een full-width apenstaartje (finding 4)",
     "mijn mail is wim\uff20kwakkelbosch.nl",
     [r"kwakkelbosch"]),
    ("naam: mevrouw Achternaam", "Ik heb mevrouw Brouwersgracht gebeld maar kreeg geen antwoord.",
     [r"brouwersgracht"]),
    ("naam: dhr. Achternaam", "Het gesprek met dhr. Kooijmansz was goed.", [r"kooijmansz"]),
    ("adres: straat, postcode en plaats",
     "Mijn adres is Lindenhofstraat 7, 4001 KL Tiel.", [r"lindenhofstraat"]),
    ("telefoon: 06-nummer", "U kunt mij bellen op 06-48151623.", [r"(?<!\d)0648151623(?!\d)"]),
    ("telefoon: +31", "Bereikbaar op +31 6 4242 1717 na vijf uur.", [r"(?<!\d)31642421717(?!\d)"]),
    ("e-mail: gewoon adres", "Mail naar a.vlasbloem@hotmail.com graag.", [r"vlasbloem"]),
    ("bsn", "Mijn BSN is 273841592, dat staat ook op de brief.", [r"(?<!\d)273841592(?!\d)"]),
    ("iban", "Mijn rekeningnummer is NL77 RABO 0312 8764 50.", [r"(?<!\d)0312876450(?!\d)"]),
]

# Category and answer cells beyond plant_cells.py: (kind, header start, value, rows, patterns).
CELLS = [
    ("cel: ondertekening in een antwoord op een stelling (finding 4)", "Stellingen over uw contact met de gemeente",
     "Mee eens, groet Gerrit Veenhuisman", 12, [r"veenhuisman", r"\bgerrit\b"]),
    ("cel: telefoon in het rapportcijfer", "Welk rapportcijfer geeft u voor de ondersteuning",
     "8 (bel 06-39393939)", 12, [r"(?<!\d)0639393939(?!\d)"]),
    ("cel: Anders: naam bij meerdere antwoorden", "Welke ondersteuning krijgt u",
     "Huishoudelijke hulp,Anders: Truus Hoogstratema", 12, [r"hoogstratema", r"\btruus\b"]),
    ("cel: naam bij leeftijd", "Wat is uw leeftijd", "82, mw. Dijkgraafsma", 12,
     [r"dijkgraafsma"]),
    ("cel: mijn nicht Voornaam bij invulhulp (finding 4)", "Wie heeft de vragenlijst ingevuld",
     "mijn nicht Lieke", 12, [r"\blieke\b"]),
    ("cel: straat in kleine letters in gemeente (finding 4)", "In welke gemeente", "tiel, okkernootlaan 4",
     12, [r"okkernootlaan"]),
    ("cel: Anders: naam in voorziening", "Welke voorziening",
     "Anders: rolstoel via buurman Hendrik Kloosterboer", 12, [r"kloosterboer", r"\bhendrik\b"]),
    ("cel: e-mail met (at) in aanbieder (finding 4)", "Welke aanbieder",
     "Thuiszorg info(at)schoonpoetsers.nl", 12, [r"schoonpoetsers"]),
    ("cel: Anders: schoonzoon Voornaam in woonsituatie", "Wat is uw woonsituatie",
     "Anders: bij schoonzoon Ruud", 12, [r"\bruud\b"]),
]


def norm(text):
    """The searched form: NFKC, zero-width characters dropped, digits joined across spaces,
    dashes, dots, slashes, brackets, line breaks and the "?" a PDF shows for a character its
    font lacks ("0635?792468")."""
    t = unicodedata.normalize("NFKC", text)
    t = re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", t)
    return re.sub(r"(?<=\d)[\s\u00a0\u202f\-\u2010-\u2015./()?]+(?=\d)", "", t)


def plant(sample, src, dst, kinds_path, cell_secrets=None):
    rows = list(csv.reader(open(src, encoding="utf-8-sig", newline="")))
    original = norm(open(sample, encoding="utf-8-sig").read())
    head, text, data = rows[0], rows[1], rows[3:]  # Qualtrics: three header rows

    def col(start):
        return next(i for i, h in enumerate(text) if h.startswith(start) or h.endswith(start))

    consent = col("Mogen wij contact")
    naam, tel, mail = col("- Naam"), col("- Telefoonnummer"), col("- E-mailadres")
    aanb, opm = col("Welke aanbieder"), col("Heeft u nog opmerkingen")
    recipient = [i for i, h in enumerate(head) if h.startswith("Recipient")]
    # an address column, as some questionnaires ask it; ceo has no role for it
    for r, v in zip(rows[:3], ["Q18_4", "Uw contactgegevens - Adres", '{"ImportId":"QID18_4"}']):
        r.append(v)
    for r in data:
        r.append("")
    adres = len(text) - 1

    kinds = {}

    def kind(name, scope, patterns):
        kinds.setdefault(name, {"scope": scope, "patterns": patterns, "planted": 0})
        kinds[name]["planted"] += 1

    for k, r in enumerate(data):
        said = r[consent].strip().lower()
        if said in ("ja", "1"):
            r[naam], r[tel], r[mail] = f"Ja Okkerveld{k}", f"06-01{k:06d}", f"okkerveld{k}@ja.example"
            r[adres] = f"Jabelstraat {k}, 4001 AB Tiel"
            for c in recipient:
                r[c] = f"Ontvangerja{k}" + ("@ja.example" if "Email" in head[c] else "")
            for n, p in (("naam", r"okkerveld\d"), ("telefoon", r"(?<!\d)0601\d{6}(?!\d)"),
                         ("e-mail", r"okkerveld\d+@ja"), ("adres (eigen kolom)", r"jabelstraat"),
                         ("ontvanger (kolommen van het platform)", r"ontvangerja")):
                kind(f"contact {n} van wie toestemming gaf", "consent", [p])
            continue
        if not r[naam]:  # no answer on consent, or "nee" left empty by plant_contacts
            r[naam], r[tel], r[mail] = (f"Stilla Nooitbellen{k}", f"06-02{k:06d}",
                                        f"nooitbellen{k}@zwijgt.example")
        r[adres] = f"Nooitbelweg {k}, 4001 AB Tiel"
        for c in recipient:
            r[c] = f"Ontvangernee{k}" + ("@nee.example" if "Email" in head[c] else "")
        for n, p in (("naam", r"nooitbellen|niet-delen"),
                     ("telefoon", r"(?<!\d)060[02]\d{6}(?!\d)"),
                     ("e-mail", r"@zwijgt\.example|@niet-delen\.example"),
                     ("adres (eigen kolom)", r"nooitbelweg"),
                     ("ontvanger (kolommen van het platform)", r"ontvangernee")):
            kind(f"contact {n} van wie geen toestemming gaf", "nonconsent", [p])

    # open answers: each form in four rows with a provider (so that it reaches the provider's
    # PDF), two of respondents who consented and two of respondents who did not
    hv = [r for r in data if r[aanb]]
    used = set()
    for n, (name, sentence, patterns) in enumerate(COMMENTS):
        for want in ("ja", "nee", "ja", "nee"):
            r = next(r for r in hv[n:] if id(r) not in used
                     and (r[consent].strip().lower() == "ja") == (want == "ja"))
            used.add(id(r))
            r[opm] = sentence
            kind(f"open antwoord, {name}", "open", patterns)
    # more category and answer cells, enough rows that a group of them would be shown
    pool = [r for r in data if id(r) not in used]
    at = 0
    for name, start, value, n, patterns in CELLS:
        c = col(start)
        for _ in range(n):
            while c == aanb and not pool[at % len(pool)][aanb]:
                at += 1
            pool[at % len(pool)][c] = value
            at += 5
            kind(name, "open", patterns)
    # plant_cells.py's secrets, each under the column it was planted in
    if cell_secrets:
        seen = set()
        for s in open(cell_secrets, encoding="utf-8").read().split():
            if s.lower() in seen:
                continue
            seen.add(s.lower())
            where = sorted({text[i].split(" - ")[0] for r in data for i, v in enumerate(r)
                            if s in v})
            name = f"cel (plant_cells.py): {s} in {', '.join(where) or '?'}"
            kinds[name] = {"scope": "open", "patterns": [re.escape(s)], "planted": 1}
    # a token already in the sample would prove nothing
    for name, k in kinds.items():
        for p in k["patterns"]:
            if re.search(p, original, re.I):
                sys.exit(f"privacy_sweep.py: the pattern {p} of '{name}' is in {sample} already")
    csv.writer(open(dst, "w", encoding="utf-8", newline=""), lineterminator="\r\n").writerows(rows)
    json.dump(kinds, open(kinds_path, "w", encoding="utf-8"), ensure_ascii=False, indent=1)


def scan(kinds_path, manifest):
    kinds = json.load(open(kinds_path, encoding="utf-8"))
    files = {}
    for line in open(manifest, encoding="utf-8"):
        family, path = line.rstrip("\n").split("\t", 1)
        data = open(path, "rb").read().decode("utf-8", "replace")
        files.setdefault(family, []).append((path.rsplit("/", 1)[-1], norm(data).lower()))
    planted = files.pop("input")
    fails = 0
    for name, k in kinds.items():
        pats = [re.compile(p.lower()) for p in k["patterns"]]  # the texts are lower case
        # the plant itself must be found in the export, else the search proves nothing
        if not any(p.search(planted[0][1]) for p in pats):
            print(f"FAIL {name}: not found in the planted export (the search would prove nothing)")
            fails += 1
            continue
        for family in sorted(files):
            if family in ALLOWED[k["scope"]]:
                continue
            hits = []
            for fname, t in files[family]:
                m = next((m for m in (p.search(t) for p in pats) if m), None)
                if m:
                    s = t[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
                    hits.append(f"{fname}: ...{s}...")
            if hits:
                fails += 1
                print(f"FAIL {name} in {family}: {len(hits)} file(s): {'; '.join(hits[:3])}")
            else:
                print(f"ok {name}: not in {family}")
    return fails


if __name__ == "__main__":
    if sys.argv[1] == "plant":
        plant(*sys.argv[2:])
    elif sys.argv[1] == "scan":
        scan(*sys.argv[2:4])
    else:
        sys.exit(__doc__)
