#!/usr/bin/env bash
# Weighted runs are design-based (docs/METHODS.md, "Weighting"): with --weights or --post-stratify
# the tests against the rest of the region and against the previous period are svyttest's, the
# intervals of proportions Korn-Graubard's and the medians weighted; R's survey package,
# computing from the sample generator's truth (post-stratified: the postStratify design), must
# agree on a sample of figures (the whole comparison is `make crosscheck`). Unweighted runs keep
# z, Fisher and Welch.
set -u
CEO=${CEO:-build/ceo}
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
"$CEO" stats --by gemeente --weights --digits 10 -o "$d/w.csv" samples/qualtrics.csv 2>/dev/null \
  || echo "FAIL stats --weights exited $?"
"$CEO" stats --by gemeente --digits 10 -o "$d/u.csv" samples/qualtrics.csv 2>/dev/null \
  || echo "FAIL stats exited $?"
"$CEO" stats --by periode --period quarter --weights --digits 10 -o "$d/q.csv" \
  samples/qualtrics.csv 2>/dev/null || echo "FAIL stats --weights per quarter exited $?"
"$CEO" stats --by gemeente --post-stratify --config tests/fixtures/poststrat.ini --digits 10 \
  -o "$d/p.csv" samples/qualtrics.csv 2>/dev/null || echo "FAIL stats --post-stratify exited $?"
python3 - "$d/w.csv" "$d/u.csv" "$d/q.csv" <<'PY'
import csv, sys
w, u, q = (list(csv.DictReader(open(f, encoding="utf-8"))) for f in sys.argv[1:4])
tests = {r["test"] for r in w if r["p_vs_rest"]}
print("ok weighted tests against the rest are design-based" if tests == {"design_t"}
      else f"FAIL weighted tests: {sorted(tests)}")
prev = {r["test_prev"] for r in q if r["p_vs_prev"]}
print("ok weighted tests against the previous quarter are design-based" if prev == {"design_t"}
      else f"FAIL weighted period tests: {sorted(prev)}")
plain = {r["test"] for r in u if r["p_vs_rest"]}
print("ok unweighted tests stay z, Fisher and Welch" if plain <= {"z", "fisher", "welch"} and "z" in plain
      else f"FAIL unweighted tests: {sorted(plain)}")
same = sum(1 for a, b in zip(w, u) if a["p_vs_rest"] and a["p_vs_rest"] == b["p_vs_rest"])
print("ok no weighted p-value equals the unweighted one" if same == 0
      else f"FAIL {same} weighted p-values equal the unweighted ones")
PY
if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e 'library(survey)' >/dev/null 2>&1; then
  echo "ok skipped: the comparison with R's survey needs Rscript and r-cran-survey"
  exit 0
fi
Rscript - samples/truth.csv "$d/w.csv" "$d/p.csv" tests/fixtures/populatie.csv <<'R'
suppressMessages(library(survey))
a <- commandArgs(trailingOnly = TRUE)
truth <- read.csv(a[1], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
ceo <- read.csv(a[2], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
ceop <- read.csv(a[3], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
pop <- read.csv(a[4], encoding = "UTF-8")[, c("gemeente", "voorziening", "populatie")]
names(pop)[3] <- "Freq"
pop <- pop[paste(pop$gemeente, pop$voorziening) %in% paste(truth$gemeente, truth$voorziening), ]
# the published population (docs/METHODS.md, "Disclosure control"): per question, the answers of
# clients in a gemeente, voorziening or aanbieder below 10 valid answers count in no figure,
# repeated until no group is below 10
grp <- function(d) { g <- truth[[d]]; g[g == ""] <- "(onbekend)"; g }
groups <- lapply(c("gemeente", "voorziening", "aanbieder"), grp)
publish <- function(v, valid) {
  keep <- v != ""
  repeat {
    changed <- FALSE
    for (g in groups) {
      na <- tapply(keep, g, sum); nv <- tapply(keep & valid, g, sum)
      small <- names(na)[na > 0 & nv < 10]
      if (length(small)) { keep <- keep & !(g %in% small); changed <- TRUE }
    }
    if (!changed) break
  }
  v[!keep] <- ""
  v
}
truth$kwaliteit_goed <- publish(truth$kwaliteit_goed, !(truth$kwaliteit_goed %in% c("", "weet_niet")))
truth$cijfer <- publish(truth$cijfer, truth$cijfer != "")
truth$w <- as.numeric(truth$gewicht)
truth$pos <- ifelse(truth$kwaliteit_goed %in% c("", "weet_niet"), NA,
                    as.numeric(truth$kwaliteit_goed %in% c("helemaal_mee_eens", "mee_eens")))
truth$mark <- ifelse(truth$cijfer == "", NA, as.numeric(truth$cijfer))
des <- svydesign(ids = ~1, weights = ~w, data = truth)
bad <- 0; n <- 0
same <- function(what, got, want) {
  n <<- n + 1
  if (is.na(got) || abs(got - want) > 1e-6) { bad <<- bad + 1; cat("FAIL", what, "ceo", got, "R", want, "\n") }
}
for (g in c("Tiel", "Culemborg", "West Betuwe")) {
  r <- ceo[ceo$dimension == "gemeente" & ceo$group == g & ceo$question == "kwaliteit_goed", ]
  ci <- attr(svyciprop(~pos, subset(des, gemeente == g & !is.na(pos)), method = "beta"), "ci")
  same(paste(g, "ci_low"), as.numeric(r$ci_low), 100 * ci[[1]])
  same(paste(g, "ci_high"), as.numeric(r$ci_high), 100 * ci[[2]])
  same(paste(g, "p_vs_rest"), as.numeric(r$p_vs_rest),
       svyttest(pos ~ ingrp, update(subset(des, !is.na(pos)), ingrp = gemeente == g))$p.value)
  r <- ceo[ceo$dimension == "gemeente" & ceo$group == g & ceo$question == "cijfer", ]
  same(paste(g, "cijfer p_vs_rest"), as.numeric(r$p_vs_rest),
       svyttest(mark ~ ingrp, update(subset(des, !is.na(mark)), ingrp = gemeente == g))$p.value)
  same(paste(g, "cijfer median"), as.numeric(r$median),
       svyquantile(~mark, subset(des, gemeente == g & !is.na(mark)), 0.5, qrule = "hf2",
                   ci = FALSE)[[1]][1])
}
# post-stratified: the postStratify design, whose variances use the cells
truth$one <- 1
ps <- postStratify(svydesign(ids = ~1, weights = ~one, data = truth), ~gemeente + voorziening, pop)
for (g in c("Tiel", "Culemborg")) {
  r <- ceop[ceop$dimension == "gemeente" & ceop$group == g & ceop$question == "kwaliteit_goed", ]
  m <- svymean(~pos, subset(ps, gemeente == g & !is.na(pos)), na.rm = TRUE)
  p <- coef(m)[[1]]; ne <- p * (1 - p) / vcov(m)[1, 1]
  same(paste("post-stratified", g, "ci_low"), as.numeric(r$ci_low), 100 * qbeta(0.025, ne * p, ne * (1 - p) + 1))
  same(paste("post-stratified", g, "ci_high"), as.numeric(r$ci_high), 100 * qbeta(0.975, ne * p + 1, ne * (1 - p)))
  same(paste("post-stratified", g, "p_vs_rest"), as.numeric(r$p_vs_rest),
       svyttest(pos ~ ingrp, update(subset(ps, !is.na(pos)), ingrp = gemeente == g))$p.value)
  r <- ceop[ceop$dimension == "gemeente" & ceop$group == g & ceop$question == "cijfer", ]
  same(paste("post-stratified", g, "cijfer p_vs_rest"), as.numeric(r$p_vs_rest),
       svyttest(mark ~ ingrp, update(subset(ps, !is.na(mark)), ingrp = gemeente == g))$p.value)
}
if (bad == 0) cat("ok", n, "weighted and post-stratified figures of three gemeenten agree with R's survey within 1e-6\n")
R
