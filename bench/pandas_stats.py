#!/usr/bin/python3
"""The table of `ceo stats --by gemeente,aanbieder` as an analyst would write it in pandas.

A straightforward script, the peer `make bench` times ceo against: read the export, map the
answer labels to categories, group by gemeente and by aanbieder, count, and put 95% Wilson
intervals on the share positive. It knows the two layouts the benchmark uses (Qualtrics and
the Dutch Excel sheet of samples/layouts.c); it is not a general reader.

usage: pandas_stats.py qualtrics|excel EXPORT.csv OUT.csv
OUT.csv: dimension,group,question,n,pct_positive,ci_low,ci_high (percentages)
"""
import math
import sys

import pandas as pd

# Standard and HV items in codebook order, with their column in each layout.
ITEMS = [
    # id, qualtrics column, excel column
    ("wist_waar", "Q4_1", "1. Ik wist waar ik moest zijn met mijn hulpvraag."),
    ("snel_geholpen", "Q4_2", "2. Ik werd snel geholpen."),
    ("serieus_genomen", "Q4_3", "3. De medewerker nam mij serieus."),
    ("samen_oplossingen", "Q4_4", "4. De medewerker en ik hebben samen naar oplossingen gezocht."),
    ("clientondersteuner", "Q5",
     "5. Wist u dat u gebruik kon maken van een onafhankelijke cliëntondersteuner?"),
    ("kwaliteit_goed", "Q6_1", "6. Ik vind de kwaliteit van de ondersteuning die ik krijg goed."),
    ("past_bij_hulpvraag", "Q6_2", "7. De ondersteuning die ik krijg past bij mijn hulpvraag."),
    ("dingen_doen", "Q6_3",
     "8. Door de ondersteuning die ik krijg kan ik (beter) de dingen doen die ik wil."),
    ("beter_redden", "Q6_4", "9. Door de ondersteuning die ik krijg kan ik mij beter redden."),
    ("kwaliteit_leven", "Q6_5",
     "10. Door de ondersteuning die ik krijg heb ik een betere kwaliteit van leven."),
    ("hv_vaste_hulp", "Q8_1", "12. Ik heb een vaste hulp."),
    ("hv_op_tijd", "Q8_2", "13. De hulp komt op tijd."),
    ("hv_vervanging", "Q8_3", "14. Bij ziekte of vakantie wordt er voor vervanging gezorgd."),
    ("hv_schoon", "Q8_4", "15. Mijn huis wordt goed schoongemaakt."),
    ("hv_respect", "Q8_5", "16. De hulp behandelt mij met respect."),
    ("hv_afspraken", "Q8_6", "17. De aanbieder komt afspraken na."),
    ("hv_bereikbaar", "Q8_7", "18. De aanbieder is goed bereikbaar."),
]
DIMS = {"qualtrics": {"gemeente": "Q1", "aanbieder": "Q3"},
        "excel": {"gemeente": "Gemeente", "aanbieder": "Aanbieder"}}

# Answer labels (lower case, spaces cleaned) -> 1 positive, 0 neutral or negative; anything
# else (weet niet, empty) is outside the valid base.
POSITIVE = {"helemaal mee eens": 1, "mee eens": 1, "noch mee eens, noch mee oneens": 0,
            "neutraal": 0, "mee oneens": 0, "niet mee eens": 0, "helemaal mee oneens": 0,
            "helemaal niet mee eens": 0, "ja": 1, "nee": 0}


def wilson(k, n, z=1.959963984540054):
    if n == 0:
        return (math.nan, math.nan)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (c - h, c + h)


def main(argv):
    if len(argv) != 4 or argv[1] not in DIMS:
        sys.stderr.write("usage: pandas_stats.py qualtrics|excel EXPORT.csv OUT.csv\n")
        return 2
    layout, path, out = argv[1:]
    col = 1 if layout == "qualtrics" else 2
    if layout == "qualtrics":  # three header rows: codes, texts, ImportIds
        df = pd.read_csv(path, skiprows=[1, 2], dtype=str, encoding="utf-8-sig")
    else:
        df = pd.read_csv(path, sep=";", dtype=str, encoding="cp1252")

    dims = DIMS[layout]
    coded = pd.DataFrame({d: df[c].str.strip() for d, c in dims.items()})
    for item in ITEMS:
        # hand-typed labels: any case, stray and doubled spaces, non-breaking spaces
        labels = df[item[col]].str.replace(r"\s+", " ", regex=True).str.strip().str.lower()
        coded[item[0]] = labels.map(POSITIVE)

    rows = []
    for dim in dims:
        g = coded.groupby(dim)
        n = g[[i[0] for i in ITEMS]].count()
        pos = g[[i[0] for i in ITEMS]].sum()
        for group in n.index:
            for item in ITEMS:
                q = item[0]
                nn = int(n.at[group, q])
                k = float(pos.at[group, q])
                lo, hi = wilson(k, nn)
                pct = 100 * k / nn if nn else math.nan
                rows.append((dim, group, q, nn, pct, 100 * lo, 100 * hi))
    pd.DataFrame(rows, columns=["dimension", "group", "question", "n", "pct_positive",
                                "ci_low", "ci_high"]).to_csv(out, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
