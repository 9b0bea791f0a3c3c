#!/usr/bin/env python3
"""Writes COUNT random survey exports with a fixed seed, for the disclosure audit: a few
gemeenten, providers and types of support of very unequal sizes (so that small groups and
small cells of the crossings are common), and two statements answered, skipped or "weet
niet". Used only by the test suite. usage: random_tables.py DIR COUNT [SEED]"""
import os
import random
import sys

ANSWERS = ["helemaal mee eens", "mee eens", "neutraal", "niet mee eens",
           "helemaal niet mee eens", "weet niet", ""]
VOORZ = ["Hulp bij het huishouden", "Hulpmiddelen", "Dagbesteding", "Individuele begeleiding",
         "Woningaanpassing"]


def pick(rng, names, weights):
    return rng.choices(names, weights)[0]


def main(out, count, seed):
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    for k in range(count):
        ng, na, nv = rng.randint(2, 8), rng.randint(2, 7), rng.randint(2, 5)
        gem = [f"Gemeente {chr(65 + i)}" for i in range(ng)]
        aan = [f"Aanbieder {chr(80 + i) if i < 10 else i}" for i in range(na)]
        voo = VOORZ[:nv]
        # sizes from a long tail: some groups of a handful of respondents
        gw = [rng.paretovariate(1.2) for _ in gem]
        aw = [rng.paretovariate(1.2) for _ in aan]
        vw = [rng.paretovariate(1.5) for _ in voo]
        n = rng.randint(20, 400)
        with open(os.path.join(out, f"t{k:03d}.csv"), "w", encoding="utf-8") as f:
            f.write("respondent_id,gemeente,aanbieder,voorziening,wist_waar,kwaliteit_goed\n")
            for r in range(n):
                a = pick(rng, aan, aw) if rng.random() > 0.1 else ""
                f.write(f"{r + 1},{pick(rng, gem, gw)},{a},{pick(rng, voo, vw)},"
                        f"{rng.choice(ANSWERS)},{rng.choice(ANSWERS[:5] + [''])}\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 20)
