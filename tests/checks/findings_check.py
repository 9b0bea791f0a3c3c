#!/usr/bin/env python3
"""Checks the findings up front of one `ceo report` run against `ceo stats`.

The findings are the bullets under the "Samenvatting" heading on page 2 of each PDF, read back
from the layout log (--layout-log lists every string placed, in order, with its size): the
paragraph strings after the heading up to the first note. Each bullet must match exactly one
sentence template [bevinding.*] of the texts file; the values it captures are then checked
against the rows of STATS.csv (`ceo stats` with the report's dimensions, min_n and
--compare):

- a difference with the region names a row whose q_vs_rest is below 0.05, states the group's
  figure and the region's as the tables print them ("(i)" exactly when the row is
  indicative), says "hoger"/"lager" (beter/slechter) as the figures go, and the rows named are
  those with the smallest q; "nog N" counts the rest; "geen" appears exactly when no row
  differs, with the number tested;
- a change since the previous export names a row whose q_vs_prev is below 0.05 with its
  previous and present figures and direction; "geen" exactly when none changed;
- the strongest and weakest statement carry the highest and lowest % positive;
- the indicative sentences count the indicative rows and name the indicative groups.

usage: findings_check.py KIND LOG.tsv STATS.csv TEKSTEN.txt ITEMS.csv MIN_N COMPARE(0|1)
prints "ok ..." / "FAIL ..." lines; exit 1 on a failure.
"""
import csv
import re
import sys

kind, log_path, stats_path, texts_path, items_path, min_n, compare = sys.argv[1:8]
min_n, compare = int(min_n), compare == "1"
failures = 0


def fail(msg):
    global failures
    failures += 1
    if failures <= 25:
        print("FAIL " + msg)


# ---- the texts file: [key] then the text up to the next key
texts, key = {}, None
for line in open(texts_path, encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("#"):
        continue
    m = re.fullmatch(r"\[([^\]]+)\]", line)
    if m:
        key = m.group(1)
        texts[key] = []
    elif key:
        texts[key].append(line)
texts = {k: "\n".join(v).strip() for k, v in texts.items()}
MARK = texts["teken.indicatief"]
BULLET = texts["bevinding.punt"].split("{zin}")[0]
NUM = r"-?\d{1,3}(?:\.\d{3})*,\d%?(?: " + re.escape(MARK) + ")?"
SLOTS = {"waarde": NUM, "regio_waarde": NUM, "nps": NUM, "regio_nps": NUM, "vorig": NUM,
         "aantal": r"\d+", "totaal": r"\d+", "indicatief_n": r"\d+",
         "teken": re.escape(MARK)}


def template_regex(text):
    out, seen = "", set()
    for part in re.split(r"(\{[a-z_]+\})", text):
        m = re.fullmatch(r"\{([a-z_]+)\}", part)
        if not m:
            out += re.escape(part)
        elif m.group(1) in seen:
            out += f"(?P={m.group(1)})"
        else:
            seen.add(m.group(1))
            out += f"(?P<{m.group(1)}>{SLOTS.get(m.group(1), '.+?')})"
    return re.compile(out)


templates = {k: template_regex(re.sub(r"\s+", " ", v)) for k, v in texts.items()
             if k.startswith("bevinding.") and k not in ("bevinding.punt", "bevinding.en")}

# ---- the codebook and the figures
items = []  # (id, theme, type, label) of the questions a finding may rest on, in order
for row in csv.DictReader(open(items_path, encoding="utf-8")):
    if row["sectie"] in ("rol", "contact", "achtergrond"):
        continue
    if row["type"] in ("likert", "janee", "cijfer", "score"):
        items.append((row["id"], row["thema"], row["type"], row["vraag"] or row["label"]))
by_label = {it[3]: it for it in items}
stats, groups = {}, {}
for row in csv.DictReader(open(stats_path, encoding="utf-8")):
    stats[(row["dimension"], row["group"], row["question"], row["theme"])] = row
    if row["group"] != "(onbekend)":
        groups.setdefault(row["dimension"], [])
        if row["group"] not in groups[row["dimension"]]:
            groups[row["dimension"]].append(row["group"])
region = groups["totaal"][0]
themes = [t for (d, g, q, t) in stats if d == "totaal" and not q and t]


def row_of(dim, group, it):
    return stats.get((dim, group, it[0], it[1]))


def shown(r):
    return r is not None and r["suppressed"] == "0" and int(r["n"]) > 0


def uses_mean(it):
    return it[2] in ("cijfer", "score")


def value(r, it):
    return float(r["mean"] if uses_mean(it) else r["pct_positive"])


def fmt(v, pct, ind=False):
    s = f"{v:.1f}".replace(".", ",") + ("%" if pct else "")
    return s + " " + MARK if ind else s


def candidates(dim):
    return [it for it in items if dim != "aanbieder" or it[1] == "hv"]


def sig_rows(dim, group):
    tested, sig = 0, []
    for it in candidates(dim):
        r = row_of(dim, group, it)
        if not shown(r) or r["q_vs_rest"] == "":
            continue
        tested += 1
        if float(r["q_vs_rest"]) < 0.05:
            sig.append((float(r["q_vs_rest"]), dim, group, it))
    return tested, sig


def join_names(names):
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " " + texts["bevinding.en"] + \
        " " + names[-1]


# ---- the findings of each PDF from the layout log
pdfs, cur = {}, None
for line in open(log_path, encoding="utf-8"):
    if line.startswith("# "):
        cur = line[2:].strip()
        pdfs[cur] = []
        continue
    f = line.rstrip("\n").split("\t")
    if cur and len(f) >= 10:
        pdfs[cur].append((int(f[0]), float(f[4]), f[9]))

heading = texts["kop.samenvatting"]
checked = sentences_n = skipped = 0
for pdf, strings in sorted(pdfs.items()):
    name = pdf.rsplit("/", 1)[-1]
    at = next((i for i, s in enumerate(strings) if s[2] == heading), None)
    if at is None:
        if any(s[2] == texts["kop.te_weinig"] for s in strings):
            skipped += 1
        else:
            fail(f"{name}: no heading '{heading}' and no '{texts['kop.te_weinig']}'")
        continue
    if strings[at][0] != 2:
        fail(f"{name}: the findings start on page {strings[at][0]}, not on page 2")
    para = []
    for page, size, text in strings[at + 1:]:
        if size != 9.5:
            break
        para.append(text)
    flat = re.sub(r"\s+", " ", " ".join(para)).strip()
    parts = [p.strip() for p in flat.split(BULLET)]
    intro, sentences = parts[0], parts[1:]
    # the group of the report: the intro names it
    m = template_regex(texts["bevindingen.intro"]).fullmatch(intro)
    if not m:
        fail(f"{name}: intro '{intro}' does not match [bevindingen.intro]")
        continue
    group = m.group("groep")
    dim = {"gemeente": "gemeente", "aanbieder": "aanbieder"}.get(kind, "totaal")
    if dim != "totaal" and group not in groups.get(dim, []):
        fail(f"{name}: the findings are about '{group}', no {dim} of the figures")
        continue
    if not sentences:
        fail(f"{name}: no findings")
        continue
    said = {}
    for s in sentences:
        sentences_n += 1
        hits = [(k, m) for k, rx in templates.items() if (m := rx.fullmatch(s))]
        if len(hits) != 1:
            fail(f"{name}: '{s}' matches {len(hits)} templates {[k for k, _ in hits]}")
            continue
        k, m = hits[0]
        said.setdefault(k.rsplit(".", 1)[0] if k.endswith((".hoger", ".lager")) else k,
                        []).append((k, m.groupdict()))

    # -- against the region
    if dim == "totaal":
        tested, sig = 0, []
        for d in ("gemeente", "aanbieder"):
            for g in groups.get(d, []):
                t, s_ = sig_rows(d, g)
                tested += t
                sig += s_
    else:
        tested, sig = sig_rows(dim, group)
    sig.sort(key=lambda x: x[0])
    stated = []
    for base in ("bevinding.stelling", "bevinding.cijfer", "bevinding.score"):
        for k, v in said.get(base, []):
            it = by_label.get(v["vraag"])
            if it is None:
                fail(f"{name}: '{v['vraag']}' is no question of the codebook")
                continue
            d = dim if dim != "totaal" else (
                "gemeente" if v["groep"] in groups.get("gemeente", []) else "aanbieder")
            if dim != "totaal" and v["groep"] != group:
                fail(f"{name}: a finding about {v['groep']} in the report of {group}")
            r, reg = row_of(d, v["groep"], it), row_of("totaal", region, it)
            if not shown(r) or r["q_vs_rest"] == "" or float(r["q_vs_rest"]) >= 0.05:
                fail(f"{name}: {v['groep']} {it[0]} called significant, q_vs_rest "
                     f"'{r and r['q_vs_rest']}'")
                continue
            stated.append(float(r["q_vs_rest"]))
            want = fmt(value(r, it), not uses_mean(it), r["indicative"] == "1")
            if v["waarde"] != want:
                fail(f"{name}: {v['groep']} {it[0]}: '{v['waarde']}', ceo stats {want}")
            if v["regio_waarde"] != fmt(value(reg, it), not uses_mean(it)):
                fail(f"{name}: {it[0]}: region '{v['regio_waarde']}', ceo stats "
                     f"{fmt(value(reg, it), not uses_mean(it))}")
            up = value(r, it) > value(reg, it)
            if k.endswith(".hoger") != up:
                fail(f"{name}: {v['groep']} {it[0]}: '{k}' but {value(r, it)} vs {value(reg, it)}")
            if base == "bevinding.score":
                nps = float(r["pct_positive"]) - float(r["pct_negative"])
                rnps = float(reg["pct_positive"]) - float(reg["pct_negative"])
                if v["nps"] != fmt(nps, False, r["indicative"] == "1") or \
                        v["regio_nps"] != fmt(rnps, False):
                    fail(f"{name}: NPS '{v['nps']}' / '{v['regio_nps']}', ceo stats "
                         f"{fmt(nps, False)} / {fmt(rnps, False)}")
            checked += 1
    most = 2 if compare else 3
    if len(stated) != min(most, len(sig)):
        fail(f"{name}: {len(stated)} differences stated, {len(sig)} significant in ceo stats")
    elif stated and any(q < max(stated) * (1 - 1e-9) for q, *_ in sig[len(stated):]):
        fail(f"{name}: a more significant row left out (stated q up to {max(stated)}, "
             f"left out {sig[len(stated)][0]})")
    meer = said.get("bevinding.meer", []) + said.get("bevinding.regio.meer", []) + \
        [(k, dict(v, aantal="1")) for k, v in said.get("bevinding.meer.een", [])]
    geen = said.get("bevinding.geen", []) + said.get("bevinding.regio.geen", [])
    if len(sig) > len(stated) and stated:
        if len(meer) != 1 or int(meer[0][1]["aantal"]) != len(sig) - len(stated):
            fail(f"{name}: 'nog N' says {meer and meer[0][1]['aantal']}, ceo stats "
                 f"{len(sig) - len(stated)}")
        else:
            checked += 1
    elif meer:
        fail(f"{name}: 'nog N' without more significant rows")
    if not sig and tested:
        if len(geen) != 1 or int(geen[0][1]["aantal"]) != tested:
            fail(f"{name}: no row differs: 'geen' says {geen and geen[0][1]['aantal']}, "
                 f"{tested} tested")
        else:
            checked += 1
    elif geen:
        fail(f"{name}: 'geen verschil' while ceo stats has {len(sig)} significant rows")

    # -- against the previous export
    pdim, pgroup = (dim, group) if dim != "totaal" else ("totaal", region)
    compared, psig = 0, []
    for it in candidates(pdim):
        r = row_of(pdim, pgroup, it)
        if not shown(r) or r["prev_value"] == "" or r["q_vs_prev"] == "" or \
                int(r["prev_n"]) < min_n:
            continue
        compared += 1
        if float(r["q_vs_prev"]) < 0.05 and value(r, it) != float(r["prev_value"]):
            psig.append((float(r["q_vs_prev"]), it))
    psig.sort(key=lambda x: x[0])
    pstated = []
    for base in ("bevinding.vorig.stelling", "bevinding.vorig.cijfer"):
        for k, v in said.get(base, []):
            it = by_label.get(v["vraag"])
            r = it and row_of(pdim, pgroup, it)
            if not shown(r) or r["q_vs_prev"] == "" or float(r["q_vs_prev"]) >= 0.05:
                fail(f"{name}: {v['vraag']} called changed, q_vs_prev '{r and r['q_vs_prev']}'")
                continue
            pstated.append(float(r["q_vs_prev"]))
            want = fmt(value(r, it), not uses_mean(it), r["indicative"] == "1")
            prev = fmt(float(r["prev_value"]), not uses_mean(it))
            if v["waarde"] != want or v["vorig"] != prev:
                fail(f"{name}: {it[0]}: from '{v['vorig']}' to '{v['waarde']}', ceo stats "
                     f"{prev} to {want}")
            if k.endswith(".hoger") != (value(r, it) > float(r["prev_value"])):
                fail(f"{name}: {it[0]}: '{k}' but {r['prev_value']} -> {value(r, it)}")
            checked += 1
    if not compare and (pstated or "bevinding.vorig.geen" in said):
        fail(f"{name}: a comparison with the previous export without --compare")
    if compare:
        if len(pstated) != min(2, len(psig)):
            fail(f"{name}: {len(pstated)} changes stated, {len(psig)} significant in ceo stats")
        elif pstated and any(q < max(pstated) * (1 - 1e-9) for q, _ in psig[len(pstated):]):
            fail(f"{name}: a more significant change left out")
        vg = said.get("bevinding.vorig.geen", [])
        if not psig and compared and (len(vg) != 1 or int(vg[0][1]["aantal"]) != compared):
            fail(f"{name}: no change: 'geen' says {vg and vg[0][1]['aantal']}, {compared} compared")
        elif vg:
            checked += 1
        if psig and vg:
            fail(f"{name}: 'geen verschil met vorig onderzoek' while {len(psig)} changed")

    # -- strongest and weakest statement
    vals = []
    for it in candidates(pdim):
        if it[2] != "likert" or not it[1] or (pdim != "aanbieder" and it[1] == "hv"):
            continue
        r = row_of(pdim, pgroup, it)
        if shown(r) and r["pct_positive"] != "":
            vals.append((float(r["pct_positive"]), it, r))
    for key_, pick in (("bevinding.sterkst", max), ("bevinding.zwakst", min)):
        got = said.get(key_, [])
        if len(vals) < 2 or max(v for v, *_ in vals) == min(v for v, *_ in vals):
            if got:
                fail(f"{name}: {key_} with fewer than two statements")
            continue
        best = pick(v for v, *_ in vals)
        if len(got) != 1:
            fail(f"{name}: {len(got)} sentences {key_}")
            continue
        v = got[0][1]
        it = by_label.get(v["vraag"])
        match = [(x, i, r) for x, i, r in vals if i == it]
        if not match or match[0][0] != best:
            fail(f"{name}: {key_} names '{v['vraag']}', ceo stats' {pick.__name__} is {best}")
        elif v["waarde"] != fmt(best, True, match[0][2]["indicative"] == "1"):
            fail(f"{name}: {key_}: '{v['waarde']}', ceo stats {fmt(best, True)}")
        else:
            checked += 1

    # -- what is indicative
    if dim != "totaal":
        total = ind = 0
        for it in candidates(dim):
            r = row_of(dim, group, it)
            if shown(r):
                total += 1
                ind += r["indicative"] == "1"
        alle, some = said.get("bevinding.indicatief.alle", []), said.get("bevinding.indicatief", [])
        want = "alle" if ind and ind == total else "some" if ind else "none"
        got = "alle" if alle else "some" if some else "none"
        if want != got or len(alle) + len(some) > 1:
            fail(f"{name}: indicative: said '{got}', ceo stats {ind} of {total}")
        elif some and (int(some[0][1]["aantal"]), int(some[0][1]["totaal"])) != (ind, total):
            fail(f"{name}: indicative {some[0][1]['aantal']} of {some[0][1]['totaal']}, "
                 f"ceo stats {ind} of {total}")
        elif alle and int(alle[0][1]["totaal"]) != total:
            fail(f"{name}: indicative: all {alle[0][1]['totaal']}, ceo stats {total}")
        elif ind:
            checked += 1
    for part, key_ in (("gemeente", "gemeenten"), ("aanbieder", "aanbieders")):
        if dim == part:
            continue
        names = []
        for g in groups.get(part, []):
            if dim == "totaal":
                rows = [stats.get((part, g, "", t)) for t in (themes if part == "gemeente"
                                                              else ["hv"])]
            else:
                cross = f"{group} + {g}" if dim == "gemeente" else f"{g} + {group}"
                rows = [stats.get(("gemeente+aanbieder", cross, "", "hv"))]
            if any(shown(r) and r["indicative"] == "1" for r in rows):
                names.append(g)
        k = ("bevinding.indicatief." + key_) if dim == "totaal" else \
            ("bevinding.indicatief.per_" + part)
        got = said.get(k, [])
        if not names and got:
            fail(f"{name}: {k} names {got[0][1]['namen']}, ceo stats none")
        elif names and (len(got) != 1 or got[0][1]["namen"] != join_names(names)):
            fail(f"{name}: {k}: '{got and got[0][1]['namen']}', ceo stats {join_names(names)}")
        elif names:
            checked += 1

if not pdfs:
    fail(f"{kind}: the layout log lists no PDF")
if failures == 0:
    print(f"ok findings {kind}{' --compare' if compare else ''}: {len(pdfs) - skipped} reports, "
          f"{sentences_n} sentences, {checked} checked against ceo stats"
          f"{f', {skipped} without figures' if skipped else ''}")
sys.exit(1 if failures else 0)
