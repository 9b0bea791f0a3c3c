#!/usr/bin/env python3
"""ceo flag --comments on a sample: one row per open answer, and none of the personal data the
generator planted survives. The literals are cut from samples/truth.csv by the generator's own
sentence forms ("Mijn BSN is ...", "U kunt mij bellen op ...", ...), not by ceo's patterns.

usage: comments_pii.py COMMENTS.csv TRUTH.csv
"""
import csv
import re
import sys

comments, truth = sys.argv[1:3]
forms = {
    "bsn": r"(?:Mijn BSN is |mijn bsn: )(\d{9})",
    "telefoon": r"U kunt mij bellen op (.+?)\.(?: |$)",
    "email": r"Mail mij op (\S+@example\.nl)",
    "iban": r"Mijn rekeningnummer is (.+?)\.(?: |$)",
    "postcode": r"Mijn adres is (.+?)\.(?: |$)",
    "naam": r"contact met (?:mevrouw|meneer|mw\.|dhr\.) (.+?) van het wijkteam",
}
answers, literals = 0, []
for row in csv.DictReader(open(truth, encoding="utf-8")):
    text = row["opmerkingen"]
    if not text:
        continue
    answers += 1
    for kind, form in forms.items():
        for m in re.finditer(form, text):
            literals.append((kind, m.group(1)))
body = open(comments, encoding="utf-8").read()
rows = list(csv.DictReader(open(comments, encoding="utf-8")))
left = [(k, v) for k, v in literals if v in body]
kinds = sorted({k for k, _ in literals})
if len(rows) != answers:
    print(f"FAIL comments: {len(rows)} rows for {answers} open answers")
elif len(kinds) < 6:
    print(f"FAIL comments: the truth has only the kinds {kinds}; the check would prove little")
elif left:
    print(f"FAIL comments: {len(left)} of {len(literals)} planted values survive: {left[:5]}")
else:
    print(f"ok comments: all {answers} open answers, none of the {len(literals)} planted values "
          f"({', '.join(kinds)}) survives redaction")
