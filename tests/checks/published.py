"""The published population of docs/METHODS.md ("Disclosure control"), written out independently of ceo:
per question, a respondent counts only when none of their groups in the publication's
dimensions (gemeente, voorziening, aanbieder; an empty value is the group "(onbekend)") has
fewer than MIN_N valid answers among those who count; repeated until nothing changes.
Used only by the test suite (hand_stats.py, hand_hv.py)."""

DIMS = ("gemeente", "voorziening", "aanbieder")
MIN_N = 10


def group(t, dim):
    return t[dim] or "(onbekend)"


def published(truth, answered, valid):
    """Returns (respondents who count, {dim: set of groups left out}) for one question;
    answered(t) and valid(t) say whether respondent t answered it at all, and validly."""
    out = {d: set() for d in DIMS}
    while True:
        keep = [t for t in truth if answered(t) and not any(group(t, d) in out[d] for d in DIMS)]
        changed = False
        for d in DIMS:
            na, nv = {}, {}
            for t in keep:
                g = group(t, d)
                na[g] = na.get(g, 0) + 1
                nv[g] = nv.get(g, 0) + bool(valid(t))
            for g in na:
                if nv[g] < MIN_N:
                    out[d].add(g)
                    changed = True
        if not changed:
            return keep, out
