#!/usr/bin/python3
"""make bench: ceo against its peers on generated exports, and the performance budget.

Generates exports with the project's generator (build/ceo-gen) at 100,000 and 1,000,000
respondents in the Qualtrics and the Dutch Excel layout (open answers with delimiters, quotes
and line breaks), then times side by side, alternating, several runs each:

  ceo stats --by gemeente,aanbieder      the figures per gemeente and provider
  pandas_stats.py                        the same table in pandas (checked: same n and %)
  PSPP (GET DATA + CROSSTABS)            the same percentages, where PSPP can read the file
  csvcount                               a bare libcsv pass counting fields (our parser's floor)
  wc -l                                  the floor for reading the bytes
  ceo flag                               the follow-up list
  ceo report --kind aanbieder            100 provider PDFs
  ceo batch add                          one month into stores of 1 and 60 months
  ceo dashboard                          the dashboard of the 60-month store (1,000,000)

and prints a table of medians, MB/s, peak memory (getrusage of each child) and the budget
lines with PASS or MISS. The full run writes the table into docs/PERFORMANCE.md between the
markers; BENCH_QUICK=1 runs the 100,000 case only and writes build/bench/PERFORMANCE-quick.md.

Standard library only; pandas is needed for the pandas runs (run by /usr/bin/python3, the
interpreter Debian's python3-pandas belongs to), pspp for the PSPP runs. A peer that is not
installed is left out of the table and says so.
"""
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("BUILD", "build")
CEO = os.path.join(ROOT, BUILD, "ceo")
GEN = os.path.join(ROOT, BUILD, "ceo-gen")
CSVCOUNT = os.path.join(ROOT, BUILD, "bench", "csvcount")
WORK = os.path.join(ROOT, BUILD, "bench")
DATA = os.path.join(WORK, "data")
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
DOC = os.path.join(ROOT, "docs", "PERFORMANCE.md")
PY = "/usr/bin/python3"
MONTHS = 61  # 60 in the big store, the 61st is the one added

LAYOUTS = [  # name, generator layout, file, delimiter
    ("qualtrics", "qualtrics", "qualtrics.csv", ","),
    ("excel", "excel", "excel-nl.csv", ";"),
]


def log(msg):
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


def have_pandas():
    return subprocess.run([PY, "-c", "import pandas"], capture_output=True).returncode == 0


def have_pspp():
    return shutil.which("pspp") is not None


# ---------------------------------------------------------------------------- running


class Failed(Exception):
    pass


def run(argv, out=None, check=True):
    """Runs argv; returns (seconds, peak RSS in bytes). stdout goes to out or /dev/null."""
    with open(out or os.devnull, "wb") as so, open(os.path.join(WORK, "stderr.txt"), "wb") as se:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=so, stderr=se, cwd=ROOT)
        _, status, ru = os.wait4(p.pid, 0)
        t = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if check and code != 0:
        with open(os.path.join(WORK, "stderr.txt"), "rb") as se:
            err = se.read().decode("utf-8", "replace")[-2000:]
        raise Failed("%s exited %d:\n%s" % (" ".join(argv), code, err))
    return t, ru.ru_maxrss * 1024


def generate(n, extra, layouts, sub):
    """Generates into DATA/sub unless it is there and newer than the generator."""
    d = os.path.join(DATA, sub)
    stamp = os.path.join(d, ".done")
    if os.path.exists(stamp) and os.path.getmtime(stamp) >= os.path.getmtime(GEN):
        return d
    os.makedirs(d, exist_ok=True)
    for lay in layouts:
        log("  generating %s (%s, n=%d %s)" % (sub, lay, n, " ".join(extra)))
        run([GEN, "--n", str(n), "--layout", lay, "--out-dir", d] + extra)
    open(stamp, "w").close()
    return d


# ---------------------------------------------------------------------------- peers


ITEM_COLS = {  # item columns PSPP reads, per layout: gemeente, aanbieder, then the items
    "qualtrics": ["Q1", "Q3"] + ["Q4_%d" % i for i in range(1, 5)] + ["Q5"] +
                 ["Q6_%d" % i for i in range(1, 6)] + ["Q8_%d" % i for i in range(1, 8)],
}


def pspp_syntax(path, layout, out_sps):
    """Writes PSPP syntax computing % positive per gemeente and provider with CROSSTABS."""
    import csv
    enc = "utf-8-sig" if layout == "qualtrics" else "cp1252"
    delim = "," if layout == "qualtrics" else ";"
    with open(path, encoding=enc, newline="") as f:
        head = next(csv.reader(f, delimiter=delim))
    if layout == "qualtrics":
        wanted = ITEM_COLS["qualtrics"]
        first = 4
    else:
        wanted = ["Gemeente", "Aanbieder"] + [h for h in head if h.split(". ")[0].isdigit()
                                              and int(h.split(". ")[0]) in
                                              list(range(1, 11)) + list(range(12, 19))]
        first = 2
    names, fmts = [], []
    for i, h in enumerate(head):
        if h in wanted:
            k = wanted.index(h)
            names.append(["gemeente", "aanbieder"][k] if k < 2 else "i%02d" % (k - 1))
            fmts.append("A80" if k < 2 else "A40")
        else:
            names.append("c%d" % (i + 1))
            fmts.append("A1")
    items = ["i%02d" % k for k in range(1, len(wanted) - 1)]
    pos = ["helemaal mee eens", "mee eens", "ja"]
    rest = ["noch mee eens, noch mee oneens", "neutraal", "mee oneens", "niet mee eens",
            "helemaal mee oneens", "helemaal niet mee eens", "nee"]
    lines = [
        "SET DECIMAL=DOT MXWARNS=0.",
        "GET DATA /TYPE=TXT /FILE='%s' /ENCODING='%s'" % (path, "UTF-8" if enc != "cp1252"
                                                            else "windows-1252"),
        "  /ARRANGEMENT=DELIMITED /FIRSTCASE=%d /DELIMITERS=\"%s\" /QUALIFIER='\"'" % (first,
                                                                                       delim),
        "  /VARIABLES=" + " ".join("%s %s" % nf for nf in zip(names, fmts)) + ".",
        "STRING tmp (A40).",
    ]
    for it in items:
        lines.append("COMPUTE tmp = LOWER(LTRIM(RTRIM(REPLACE(%s, ' ', ' ')))).".replace(
            "' '", "'\u00a0'", 1) % it)
        lines.append("RECODE tmp " + " ".join("('%s'=1)" % v for v in pos) + " " +
                     " ".join("('%s'=0)" % v for v in rest) + " (ELSE=SYSMIS) INTO p%s." % it)
    lines.append("CROSSTABS /TABLES=%s BY gemeente aanbieder /CELLS=COUNT COLUMN." %
                 " ".join("p" + it for it in items))
    with open(out_sps, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def check_pandas(ceo_csv, pandas_csv):
    """Compares n and pct_positive per (dimension, group, question) where ceo shows them.
    Returns (rows compared, list of differences)."""
    import csv
    with open(ceo_csv, encoding="utf-8", newline="") as f:
        ceo = {(r["dimension"], r["group"], r["question"]): r for r in csv.DictReader(f)}
    compared, diffs = 0, []
    with open(pandas_csv, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            key = (r["dimension"], r["group"], r["question"])
            c = ceo.get(key)
            if c is None:
                diffs.append("%s: not in ceo's table" % (key,))
                continue
            if c["suppressed"] == "1" or int(r["n"]) == 0:
                continue
            compared += 1
            if int(c["n"]) != int(r["n"]):
                diffs.append("%s: n %s (ceo) vs %s (pandas)" % (key, c["n"], r["n"]))
            for col in ("pct_positive", "ci_low", "ci_high"):
                if abs(float(c[col]) - float(r[col])) > 1e-6:
                    diffs.append("%s: %s %s (ceo) vs %s (pandas)" % (key, col, c[col], r[col]))
    return compared, diffs


def pspp_cases(out_txt):
    """The number of cases PSPP read: the total of the first CROSSTABS summary line."""
    import re
    with open(out_txt, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"\|pi01 \S+ gemeente\s*\|\s*(\d+)\|[^|]*\|\s*(\d+)\|[^|]*"
                         r"\|\s*(\d+)\|", line)
            if m:
                return int(m.group(3))
    return None


# ---------------------------------------------------------------------------- measuring


def med(xs):
    return statistics.median(xs) if xs else float("nan")


class Job:
    def __init__(self, name, size, argv, rounds, mb=None, out=None, before=None, peer=False):
        self.name, self.size, self.argv, self.rounds = name, size, argv, rounds
        self.mb, self.out, self.before, self.peer = mb, out, before, peer
        self.times, self.rss = [], []

    def once(self):
        if self.before:
            self.before()
        t, rss = run(self.argv, out=self.out)
        self.times.append(t)
        self.rss.append(rss)


def alternate(jobs, rounds):
    for r in range(rounds):
        for j in jobs:
            j.once()
        log("    round %d/%d: %s" % (r + 1, rounds, ", ".join(
            "%s %.2fs" % (j.name, j.times[-1]) for j in jobs)))


def fsize(path):
    return os.path.getsize(path)


def main():
    os.makedirs(WORK, exist_ok=True)
    for exe in (CEO, GEN, CSVCOUNT):
        if not os.access(exe, os.X_OK):
            log("bench: %s is missing; run 'make bench'" % exe)
            return 2
    pandas_ok, pspp_ok = have_pandas(), have_pspp()
    sizes = [100000] if QUICK else [100000, 1000000]
    big = sizes[-1]
    rows = []  # (size, layout, name, file MB, median s, MB/s, peak MB, runs, note)
    results = {}  # (size, layout, name) -> Job
    checks = []
    out = os.path.join(WORK, "out")
    os.makedirs(out, exist_ok=True)

    for n in sizes:
        rounds = 5 if n <= 100000 else 3
        d = generate(n, [], [g for _, g, _, _ in LAYOUTS], "n%d" % n)
        for lay, _, fname, delim in LAYOUTS:
            path = os.path.join(d, fname)
            mb = fsize(path) / 1e6
            log("== %s, %d respondents, %.0f MB" % (lay, n, mb))
            stats_csv = os.path.join(out, "ceo-%s-%d.csv" % (lay, n))
            jobs = [
                Job("ceo stats", n, [CEO, "stats", "--by", "gemeente,aanbieder", "-o",
                                     stats_csv, path], rounds, mb),
                Job("csvcount (libcsv floor)", n, [CSVCOUNT, path, delim], rounds, mb),
                Job("wc -l", n, ["wc", "-l", path], rounds, mb),
                Job("ceo flag", n, [CEO, "flag", "-o", os.path.join(out, "flag.csv"), path],
                    rounds, mb),
            ]
            pandas_csv = os.path.join(out, "pandas-%s-%d.csv" % (lay, n))
            if pandas_ok:
                jobs.insert(1, Job("pandas", n, [PY, os.path.join(ROOT, "bench",
                                                                  "pandas_stats.py"), lay,
                                                 path, pandas_csv], rounds, mb, peer=True))
            if pspp_ok:
                sps = os.path.join(out, "pspp-%s-%d.sps" % (lay, n))
                pspp_syntax(path, lay, sps)
                pspp_out = os.path.join(out, "pspp-%s-%d.txt" % (lay, n))
                jobs.insert(2, Job("PSPP", n, ["pspp", "-o", pspp_out, sps], rounds, mb,
                                   peer=True))
            alternate(jobs, rounds)
            if pspp_ok:
                cases = pspp_cases(pspp_out)
                checks.append("PSPP, %s %d: read %s cases for %d respondents%s" % (
                    lay, n, cases, n, "" if cases == n else
                    " (GET DATA /TYPE=TXT ends a record at a line break inside a quoted open "
                    "answer, so its figures are not those of the export)"))
            # the timed run writes ceo's default rounding; the check wants all digits
            run([CEO, "stats", "--by", "gemeente,aanbieder", "--digits", "10", "-o",
                 stats_csv, path])
            if pandas_ok:
                compared, diffs = check_pandas(stats_csv, pandas_csv)
                ok = compared > 0 and not diffs
                checks.append("pandas vs ceo stats, %s %d: %d rows compared (n, pct_positive, "
                              "ci_low, ci_high within 1e-6): %s" %
                              (lay, n, compared, "same" if ok else "DIFFERENT"))
                for x in diffs[:10]:
                    checks.append("    " + x)
            for j in jobs:
                results[(n, lay, j.name)] = j

    # report --kind aanbieder for 100 providers, on a 1M export with 100 providers
    d = generate(big, ["--providers", "100"], ["qualtrics"], "providers-%d" % big)
    path = os.path.join(d, "qualtrics.csv")
    rdir = os.path.join(out, "rapporten")

    def clean_reports():
        shutil.rmtree(rdir, ignore_errors=True)
        os.makedirs(rdir)

    log("== report --kind aanbieder, 100 providers, %d respondents" % big)
    rep = Job("ceo report --kind aanbieder (100 PDFs)", big,
              [CEO, "report", "--kind", "aanbieder", "--config",
               os.path.join(ROOT, "samples", "project.ini"), "--out-dir", rdir, path],
              3, fsize(path) / 1e6, before=clean_reports)
    alternate([rep], 3)
    pdfs = [os.path.join(rdir, f) for f in os.listdir(rdir) if f.endswith(".pdf")]
    biggest = max((fsize(p) for p in pdfs), default=0)
    results[(big, "qualtrics", rep.name)] = rep

    # batch add of one month into stores of 1 and 60 months
    per_month = (big + 59) // 60
    d = generate(per_month * MONTHS, ["--monthly", "--months", str(MONTHS)], ["qualtrics"],
                 "monthly-%d" % big)
    months = sorted(f for f in os.listdir(d) if f.startswith("qualtrics-"))
    # the generated months run years ahead of the clock; a date after next year is read as a
    # typo (2105 for 2015), so the run takes the last month's year as the current one
    os.environ["CEO_YEAR"] = months[-1].split("-")[1]
    stores = os.path.join(WORK, "stores-%d" % big)
    s1, s60 = os.path.join(stores, "m1.db"), os.path.join(stores, "m60.db")
    stamp = os.path.join(stores, ".done")
    if not (os.path.exists(stamp) and os.path.getmtime(stamp) >= os.path.getmtime(CEO)):
        shutil.rmtree(stores, ignore_errors=True)
        os.makedirs(stores)
        log("  building the 1- and 60-month stores (%d respondents a month)" % per_month)
        run([CEO, "batch", "add", "-q", "--store", s1, os.path.join(d, months[0])])
        for m in months[:60]:
            run([CEO, "batch", "add", "-q", "--store", s60, os.path.join(d, m)])
        open(stamp, "w").close()
    last = os.path.join(d, months[60])
    tmpdb = os.path.join(WORK, "add.db")

    def fresh(src):
        def f():
            for ext in ("", "-wal", "-shm"):
                if os.path.exists(tmpdb + ext):
                    os.remove(tmpdb + ext)
            if src:
                shutil.copyfile(src, tmpdb)
                # the copy is set-up, not the job: flushed here, or the add's fsync would
                # write back the whole copied store and time the copy
                fd = os.open(tmpdb, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        return f

    log("== batch add of one month (%d respondents)" % per_month)
    add_argv = [CEO, "batch", "add", "-q", "--store", tmpdb, last]
    mb = fsize(last) / 1e6
    adds = [Job("ceo batch add, empty store", big, add_argv, 5, mb, before=fresh(None)),
            Job("ceo batch add, 1-month store", big, add_argv, 5, mb, before=fresh(s1)),
            Job("ceo batch add, 60-month store", big, add_argv, 5, mb, before=fresh(s60))]
    alternate(adds, 5)
    for j in adds:
        results[(big, "qualtrics", j.name)] = j

    # the dashboard of the 60-month store (1,000,000 respondents), beside reading the store alone
    log("== dashboard of the 60-month store (%d respondents)" % (per_month * 60))
    dash = os.path.join(out, "dashboard.html")
    dashes = [Job("ceo dashboard, 60-month store", big,
                  [CEO, "dashboard", "--config", os.path.join(ROOT, "samples", "project.ini"),
                   "--store", s60, "--out", dash], 3, fsize(s60) / 1e6),
              Job("ceo stats --store, 60-month store (reading it)", big,
                  [CEO, "stats", "--store", s60, "--by", "gemeente", "-o", os.devnull], 3,
                  fsize(s60) / 1e6)]
    alternate(dashes, 3)
    for j in dashes:
        results[(big, "qualtrics", j.name)] = j

    text = render(sizes, results, checks, pandas_ok, pspp_ok, big, biggest, len(pdfs),
                  per_month, fsize(dash))
    print(text)
    if QUICK:
        dest = os.path.join(WORK, "PERFORMANCE-quick.md")
        with open(dest, "w", encoding="utf-8") as f:
            f.write(text)
        log("bench: quick run (100,000 only); written to %s, docs/PERFORMANCE.md unchanged"
            % dest)
    else:
        write_doc(text)
        log("bench: written to docs/PERFORMANCE.md")
    return 0


# ---------------------------------------------------------------------------- the table


def machine():
    model = "?"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    mem = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
    return ("%s, %d cores, %.0f GiB RAM, Linux %s, %s" %
            (model, os.cpu_count(), mem / 2**30, platform.release(),
             datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")))


def render(sizes, results, checks, pandas_ok, pspp_ok, big, biggest, npdfs, per_month,
           dash_bytes):
    L = []
    L.append("Machine: %s." % machine())
    L.append("")
    L.append("Medians of 5 runs at 100,000 respondents, 3 at 1,000,000 (report: 3, batch add: 5),"
             " run alternately. MB/s is the export's size over the median time; peak memory is"
             " the child's maximum resident set (getrusage).")
    L.append("")
    L.append("| respondents | layout | file MB | job | median s | MB/s | peak MB | runs (s) |")
    L.append("|---:|---|---:|---|---:|---:|---:|---|")
    for (n, lay, name), j in sorted(results.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        m = med(j.times)
        L.append("| %s | %s | %.0f | %s | %.2f | %.0f | %.0f | %s |" %
                 ("{:,}".format(n), lay, j.mb, name, m, j.mb / m if m else 0,
                  max(j.rss) / 1e6, " ".join("%.2f" % t for t in j.times)))
    if not pandas_ok:
        L.append("")
        L.append("pandas not installed: its runs are missing (apt-get install python3-pandas).")
    if not pspp_ok:
        L.append("")
        L.append("PSPP not installed: its runs are missing (apt-get install pspp).")
    L.append("")
    L.append("Checks:")
    L.append("")
    for c in checks:
        L.append("- " + c if not c.startswith("    ") else "  " + c.strip())
    L.append("")

    def t(lay, name):
        j = results.get((big, lay, name))
        return med(j.times) if j else None

    L.append("Budget (%s respondents%s):" % ("{:,}".format(big),
                                             ", quick run: NOT the budget run" if QUICK else ""))
    L.append("")
    L.append("| budget line | measured | verdict |")
    L.append("|---|---|---|")
    for lay, _, _, _ in LAYOUTS:
        ceo = t(lay, "ceo stats")
        pd_ = t(lay, "pandas")
        if pd_:
            r = pd_ / ceo
            L.append("| %s: ceo stats ≥ 8× faster than pandas | %.1f× (%.2f s vs %.2f s) | %s |"
                     % (lay, r, ceo, pd_, "PASS" if r >= 8 else "MISS"))
        floor = t(lay, "csvcount (libcsv floor)")
        r = ceo / floor
        L.append("| %s: ceo stats ≤ 1.3× the bare libcsv pass | %.2f× (%.2f s vs %.2f s) | %s |"
                 % (lay, r, ceo, floor, "PASS" if r <= 1.3 else "MISS"))
        fl = t(lay, "ceo flag")
        r = fl / ceo
        L.append("| %s: ceo flag ≤ 3× ceo stats | %.2f× (%.2f s vs %.2f s) | %s |"
                 % (lay, r, fl, ceo, "PASS" if r <= 3 else "MISS"))
        j = results[(big, lay, "ceo stats")]
        peak = max(j.rss) / 1e6
        L.append("| %s: ceo stats peak memory ≤ half the file (%.0f MB) | %.0f MB (%.2f of the "
                 "file) | %s |" % (lay, j.mb / 2, peak, peak / j.mb,
                                   "PASS" if peak <= j.mb / 2 else "MISS"))
    rt = t("qualtrics", "ceo report --kind aanbieder (100 PDFs)")
    L.append("| report --kind aanbieder, 100 providers < 3 s | %.2f s (%d PDFs) | %s |" %
             (rt, npdfs, "PASS" if rt < 3 and npdfs >= 100 else "MISS"))
    L.append("| each provider PDF < 250 KB | largest %.0f KB | %s |" %
             (biggest / 1024, "PASS" if biggest < 250 * 1024 else "MISS"))
    a1 = t("qualtrics", "ceo batch add, 1-month store")
    a60 = t("qualtrics", "ceo batch add, 60-month store")
    a0 = t("qualtrics", "ceo batch add, empty store")
    r = a60 / a1
    L.append("| batch add of one month (%s respondents): 60-month store ≤ 1.2× 1-month store | "
             "%.2f× (%.2f s vs %.2f s; empty store %.2f s) | %s |" %
             ("{:,}".format(per_month), r, a60, a1, a0, "PASS" if r <= 1.2 else "MISS"))
    dt = t("qualtrics", "ceo dashboard, 60-month store")
    st = t("qualtrics", "ceo stats --store, 60-month store (reading it)")
    L.append("| dashboard of the 60-month store (%s respondents) < 3 s | %.2f s (reading the "
             "store alone, ceo stats --store: %.2f s) | %s |" %
             ("{:,}".format(per_month * 60), dt, st, "PASS" if dt < 3 else "MISS"))
    L.append("| that dashboard < 3 MB | %.2f MB | %s |" %
             (dash_bytes / 1e6, "PASS" if dash_bytes < 3e6 else "MISS"))
    return "\n".join(L) + "\n"


BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def write_doc(text):
    with open(DOC, encoding="utf-8") as f:
        doc = f.read()
    a, b = doc.index(BEGIN) + len(BEGIN), doc.index(END)
    doc = doc[:a] + "\n" + text + doc[b:]
    tmp = DOC + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(doc)
    os.replace(tmp, DOC)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failed as e:
        log("bench: %s" % e)
        sys.exit(1)
