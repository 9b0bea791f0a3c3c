# Cross-check of `ceo stats` against R, an independent peer: R computes the figures from the
# sample generator's truth (samples/truth.csv), not from anything ceo wrote, and every figure
# ceo prints for a group that is shown must agree within 1e-6.
#
# usage: Rscript crosscheck.R TRUTH.csv CEO_UNWEIGHTED.csv CEO_WEIGHTED.csv CEO_QUARTERS.csv
#                              POPULATION.csv CEO_POSTSTRATIFIED.csv
# Prints "ok ..." / "FAIL ..." lines; exits 1 on any failure.
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
truth <- read.csv(args[1], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
ceo <- read.csv(args[2], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
ceow <- read.csv(args[3], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
ceoq <- read.csv(args[4], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
popfile <- read.csv(args[5], encoding = "UTF-8")
ceop <- read.csv(args[6], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
tol <- 1e-6
failures <- 0
checked <- 0
num <- function(x) ifelse(x == "", NA, as.numeric(x))
fail <- function(...) { failures <<- failures + 1; if (failures <= 20) cat("FAIL", ..., "\n") }
same <- function(what, got, want) {
  checked <<- checked + 1
  if (is.na(got) && is.na(want)) return(invisible(TRUE))
  if (is.na(got) || is.na(want) || abs(got - want) > tol) fail(what, "ceo", got, "R", want)
}
likert <- c("wist_waar", "snel_geholpen", "serieus_genomen", "samen_oplossingen",
            "kwaliteit_goed", "past_bij_hulpvraag", "dingen_doen", "beter_redden",
            "kwaliteit_leven", "hv_vaste_hulp", "hv_op_tijd", "hv_vervanging", "hv_schoon",
            "hv_respect", "hv_afspraken", "hv_bereikbaar")
yesno <- c("clientondersteuner")
marks <- c("cijfer", "hv_cijfer", "hv_aanbevelen")
pos_of <- function(v, item) if (item %in% yesno) v == "ja" else v %in% c("helemaal_mee_eens", "mee_eens")
neg_of <- function(v, item) if (item %in% yesno) v == "nee" else v %in% c("niet_mee_eens", "helemaal_niet_mee_eens")
valid_of <- function(v) v != "" & v != "weet_niet"
group_of <- function(dim) {
  if (dim == "totaal") return(rep("totaal", nrow(truth)))
  g <- truth[[dim]]; g[g == ""] <- "(onbekend)"; g
}
# The published population (docs/methods-disclosure.md), written out here from the rule, not
# from ceo: per question, the answers of the clients of a group below min_n (10) valid answers
# in gemeente, voorziening or aanbieder (and in the quarter, for the output per quarter) count
# in no figure; leaving them out is repeated until no group is below min_n. The answers left
# out are blanked, as ceo reads them as missing.
publish <- function(tab, groups) {
  for (item in c(likert, yesno, marks)) {
    v <- tab[[item]]
    answered <- v != ""
    valid <- if (item %in% marks) answered else valid_of(v)
    keep <- answered
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
    tab[[item]] <- v
  }
  tab
}
pub_groups <- lapply(c("gemeente", "voorziening", "aanbieder"), group_of)
truth_all <- truth
truth <- publish(truth_all, pub_groups)
row_of <- function(tab, dim, group, q) {
  r <- tab[tab$dimension == dim & tab$group == group & tab$question == q, ]
  if (nrow(r) != 1) { fail("no single row for", dim, group, q); return(NULL) }
  r
}

pvals_checked <- 0
for (dim in c("totaal", "gemeente", "aanbieder")) {
  g <- group_of(dim)
  for (item in c(likert, yesno)) {
    v <- truth[[item]]; valid <- valid_of(v)
    X <- sum(pos_of(v, item) & valid); N <- sum(valid)
    for (grp in unique(g)) {
      r <- row_of(ceo, dim, grp, item); if (is.null(r)) next
      if (r$suppressed == "1") next
      sel <- g == grp & valid
      n <- sum(sel); x <- sum(pos_of(v[sel], item)); xn <- sum(neg_of(v[sel], item))
      label <- paste(dim, grp, item)
      same(paste(label, "n"), num(r$n), n)
      if (n == 0) next
      same(paste(label, "pct_positive"), num(r$pct_positive), 100 * x / n)
      same(paste(label, "pct_negative"), num(r$pct_negative), 100 * xn / n)
      ci <- suppressWarnings(prop.test(x, n, correct = FALSE)$conf.int) * 100
      same(paste(label, "ci_low"), num(r$ci_low), ci[1])
      same(paste(label, "ci_high"), num(r$ci_high), ci[2])
      if (dim != "totaal" && N - n > 0) {
        x2 <- X - x; n2 <- N - n; pp <- X / N
        if (min(c(n * pp, n * (1 - pp), n2 * pp, n2 * (1 - pp))) < 5) {
          p <- fisher.test(matrix(c(x, n - x, x2, n2 - x2), 2, byrow = TRUE))$p.value
        } else {
          p <- suppressWarnings(prop.test(c(x, x2), c(n, n2), correct = FALSE)$p.value)
        }
        same(paste(label, "p_vs_rest"), num(r$p_vs_rest), p)
        pvals_checked <- pvals_checked + 1
      }
    }
  }
  for (item in marks) {
    y <- num(truth[[item]])
    for (grp in unique(g)) {
      r <- row_of(ceo, dim, grp, item); if (is.null(r)) next
      if (r$suppressed == "1") next
      sel <- g == grp & !is.na(y)
      label <- paste(dim, grp, item)
      same(paste(label, "n"), num(r$n), sum(sel))
      if (sum(sel) == 0) next
      same(paste(label, "mean"), num(r$mean), mean(y[sel]))
      same(paste(label, "median"), num(r$median), median(y[sel]))
      if (sum(sel) >= 2) {
        ci <- t.test(y[sel])$conf.int
        same(paste(label, "ci_low"), num(r$ci_low), ci[1])
        same(paste(label, "ci_high"), num(r$ci_high), ci[2])
      }
      rest <- g != grp & !is.na(y)
      if (dim != "totaal" && sum(sel) >= 2 && sum(rest) >= 2) {
        same(paste(label, "p_vs_rest (Welch)"), num(r$p_vs_rest), t.test(y[sel], y[rest])$p.value)
        pvals_checked <- pvals_checked + 1
      }
    }
  }
}
# Benjamini-Hochberg over every p-value of the output, as R's p.adjust
p <- num(ceo$p_vs_rest); q <- num(ceo$q_vs_rest)
qr <- rep(NA, length(p)); qr[!is.na(p)] <- p.adjust(p[!is.na(p)], method = "BH")
for (i in which(!is.na(p) | !is.na(q))) same(paste("row", i, "q_vs_rest"), q[i], qr[i])

# Weighted: survey::svymean on the gewicht column, Wilson on Kish's effective n
w <- num(truth$gewicht)
des <- svydesign(ids = ~1, weights = ~gewicht, data = transform(truth, gewicht = w))
wilson <- function(p, n) {
  z <- qnorm(0.975); d <- 1 + z^2 / n
  c((p + z^2 / (2 * n) - z * sqrt(p * (1 - p) / n + z^2 / (4 * n^2))) / d,
    (p + z^2 / (2 * n) + z * sqrt(p * (1 - p) / n + z^2 / (4 * n^2))) / d)
}
for (dim in c("totaal", "gemeente")) {
  g <- group_of(dim)
  for (item in c("wist_waar", "kwaliteit_goed", "hv_vervanging", "clientondersteuner")) {
    v <- truth[[item]]
    for (grp in unique(g)) {
      r <- row_of(ceow, dim, grp, item); if (is.null(r) || r$suppressed == "1") next
      sel <- g == grp & valid_of(v)
      if (sum(sel) == 0) next
      sub <- subset(des, sel)
      est <- coef(svymean(~I(pos_of(get(item), item)), sub))[[2]]
      neff <- sum(w[sel])^2 / sum(w[sel]^2)
      label <- paste("weighted", dim, grp, item)
      same(paste(label, "pct_positive"), num(r$pct_positive), 100 * est)
      same(paste(label, "n_effective"), num(r$n_effective), neff)
      ci <- 100 * pmin(pmax(wilson(est, neff), 0), 1)
      same(paste(label, "ci_low"), num(r$ci_low), ci[1])
      same(paste(label, "ci_high"), num(r$ci_high), ci[2])
    }
  }
  y <- num(truth$cijfer)
  for (grp in unique(g)) {
    r <- row_of(ceow, dim, grp, "cijfer"); if (is.null(r) || r$suppressed == "1") next
    sel <- g == grp & !is.na(y)
    sub <- subset(des, sel)
    m <- svymean(~as.numeric(cijfer), sub)
    n <- sum(sel)
    label <- paste("weighted", dim, grp, "cijfer")
    same(paste(label, "mean"), num(r$mean), coef(m)[[1]])
    half <- qt(0.975, n - 1) * SE(m)[[1]]
    same(paste(label, "ci_low"), num(r$ci_low), coef(m)[[1]] - half)
    same(paste(label, "ci_high"), num(r$ci_high), coef(m)[[1]] + half)
  }
}
# Each quarter against the quarter before (p_vs_prev): two proportions, or Welch for marks
d <- as.Date(substr(truth$datum, 1, 10))
quarter <- paste0(format(d, "%Y"), "-K", (as.integer(format(d, "%m")) - 1) %/% 3 + 1)
qs <- sort(unique(quarter))
truth_q <- publish(truth_all, c(pub_groups, list(ifelse(is.na(d), "(onbekend)", quarter))))
prev_checked <- 0
for (k in seq_along(qs)[-1]) {
  for (item in c(likert, yesno)) {
    v <- truth_q[[item]]; valid <- valid_of(v)
    a <- quarter == qs[k] & valid; b <- quarter == qs[k - 1] & valid
    r <- row_of(ceoq, "periode", qs[k], item); if (is.null(r) || r$p_vs_prev == "") next
    x1 <- sum(pos_of(v[a], item)); n1 <- sum(a); x2 <- sum(pos_of(v[b], item)); n2 <- sum(b)
    pp <- (x1 + x2) / (n1 + n2)
    if (min(c(n1 * pp, n1 * (1 - pp), n2 * pp, n2 * (1 - pp))) < 5) {
      p <- fisher.test(matrix(c(x1, n1 - x1, x2, n2 - x2), 2, byrow = TRUE))$p.value
    } else {
      p <- suppressWarnings(prop.test(c(x1, x2), c(n1, n2), correct = FALSE)$p.value)
    }
    same(paste("periode", qs[k], item, "p_vs_prev"), num(r$p_vs_prev), p)
    same(paste("periode", qs[k], item, "prev_value"), num(r$prev_value), 100 * x2 / n2)
    prev_checked <- prev_checked + 1
  }
  for (item in marks) {
    y <- num(truth_q[[item]])
    r <- row_of(ceoq, "periode", qs[k], item); if (is.null(r) || r$p_vs_prev == "") next
    same(paste("periode", qs[k], item, "p_vs_prev (Welch)"), num(r$p_vs_prev),
         t.test(y[quarter == qs[k] & !is.na(y)], y[quarter == qs[k - 1] & !is.na(y)])$p.value)
    prev_checked <- prev_checked + 1
  }
}
pq <- c(num(ceoq$p_vs_rest), num(ceoq$p_vs_prev)); qq <- c(num(ceoq$q_vs_rest), num(ceoq$q_vs_prev))
qr <- rep(NA, length(pq)); qr[!is.na(pq)] <- p.adjust(pq[!is.na(pq)], method = "BH")
for (i in which(!is.na(pq) | !is.na(qq))) same(paste("periods row", i, "q"), qq[i], qr[i])
if (prev_checked < 10) fail("too few period comparisons:", prev_checked)

# Post-stratification: survey::postStratify to the population per gemeente x voorziening
pst <- truth; pst$one <- 1
pop <- popfile[, c("gemeente", "voorziening", "populatie")]
names(pop)[3] <- "Freq"
pop <- pop[paste(pop$gemeente, pop$voorziening) %in% paste(pst$gemeente, pst$voorziening), ]
ps <- postStratify(svydesign(ids = ~1, weights = ~one, data = pst), ~gemeente + voorziening, pop)
pw <- weights(ps)
for (dim in c("totaal", "gemeente")) {
  g <- group_of(dim)
  for (item in c(likert, yesno)) {
    v <- truth[[item]]
    for (grp in unique(g)) {
      r <- row_of(ceop, dim, grp, item); if (is.null(r) || r$suppressed == "1") next
      sel <- g == grp & valid_of(v)
      if (sum(sel) == 0) next
      est <- coef(svymean(~I(pos_of(get(item), item)), subset(ps, sel)))[[2]]
      label <- paste("post-stratified", dim, grp, item)
      same(paste(label, "pct_positive"), num(r$pct_positive), 100 * est)
      same(paste(label, "n_effective"), num(r$n_effective), sum(pw[sel])^2 / sum(pw[sel]^2))
    }
  }
  y <- num(truth$cijfer)
  for (grp in unique(g)) {
    r <- row_of(ceop, dim, grp, "cijfer"); if (is.null(r) || r$suppressed == "1") next
    sel <- g == grp & !is.na(y)
    same(paste("post-stratified", dim, grp, "cijfer mean"), num(r$mean),
         coef(svymean(~as.numeric(cijfer), subset(ps, sel), na.rm = TRUE))[[1]])
  }
}
pvals_checked <- pvals_checked + prev_checked
if (pvals_checked < 50) fail("too few tests compared:", pvals_checked)
if (failures == 0) cat("ok crosscheck:", checked, "figures agree with R within", tol,
                       "(", pvals_checked, "p-values )\n")
quit(status = if (failures == 0) 0 else 1)
