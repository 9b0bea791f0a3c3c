# Cross-check of `ceo stats` against R, an independent peer: R computes the figures from the
# sample generator's truth (samples/truth.csv), not from anything ceo wrote, and every figure
# ceo prints for a group that is shown must agree within 1e-6.
#
# usage: Rscript crosscheck.R TRUTH.csv CEO_UNWEIGHTED.csv CEO_WEIGHTED.csv CEO_QUARTERS.csv
#                              POPULATION.csv CEO_POSTSTRATIFIED.csv CEO_WEIGHTED_QUARTERS.csv
#                              CEO_POSTSTRATIFIED_QUARTERS.csv ITEMS.csv CEO_GEMEENTE.csv
#                              CEO_COMPARED.csv
# ITEMS.csv is the codebook's items.csv (the theme of each question: a Benjamini-Hochberg
# family is one dimension and one theme); CEO_GEMEENTE.csv the same export with --by gemeente
# alone and CEO_COMPARED.csv with --by gemeente --compare: their q-values must equal those of
# CEO_UNWEIGHTED.csv.
# Prints "ok ..." / "FAIL ..." lines; exits 1 on any failure.
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
truth <- read.csv(args[1], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
ceo <- read.csv(args[2], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
ceow <- read.csv(args[3], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
ceoq <- read.csv(args[4], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
popfile <- read.csv(args[5], encoding = "UTF-8")
ceop <- read.csv(args[6], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
ceowq <- read.csv(args[7], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
ceopq <- read.csv(args[8], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
items <- read.csv(args[9], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
ceog <- read.csv(args[10], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
ceoc <- read.csv(args[11], colClasses = "character", na.strings = character(0), encoding = "UTF-8")
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
# The published population (docs/METHODS.md ("Disclosure control")), written out here from the rule, not
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
      if (item == "hv_aanbevelen") {
        # a score's interval is that of % 9-10, the figure beside it
        x <- sum(y[sel] >= 9)
        same(paste(label, "pct_positive (9-10)"), num(r$pct_positive), 100 * x / sum(sel))
        ci <- suppressWarnings(prop.test(x, sum(sel), correct = FALSE)$conf.int) * 100
        same(paste(label, "ci_low (9-10)"), num(r$ci_low), ci[1])
        same(paste(label, "ci_high (9-10)"), num(r$ci_high), ci[2])
      } else if (sum(sel) >= 2) {
        # a mark's t-interval, cut to the scale 1-10
        ci <- pmin(pmax(t.test(y[sel])$conf.int, 1), 10)
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
# Tests on satisfaction items only: no p-value on a background question
theme_of <- setNames(items$thema, items$id)
section_of <- setNames(items$sectie, items$id)
base_id <- function(q) sub(":.*", "", q)
bg <- section_of[base_id(ceo$question)] %in% "achtergrond"
if (sum(bg) == 0) fail("no background rows to check")
for (i in which(bg & (ceo$p_vs_rest != "" | ceo$p_vs_prev != "")))
  fail("a test on background row", i, ceo$question[i])
checked <- checked + sum(bg)
# Benjamini-Hochberg within each family, as R's p.adjust: one dimension and one theme (from
# the codebook; the questions without a theme are one more family), the tests against the
# rest apart from those against the previous value
family_of <- function(tab) {
  th <- ifelse(tab$question == "", tab$theme, theme_of[base_id(tab$question)])
  paste(tab$dimension, th, sep = "|")
}
bh_by_family <- function(p, fam) {
  qr <- rep(NA, length(p))
  for (f in unique(fam)) {
    k <- fam == f & !is.na(p)
    if (any(k)) qr[k] <- p.adjust(p[k], method = "BH")
  }
  qr
}
families_checked <- 0
check_bh <- function(tab, what) {
  fam <- family_of(tab)
  for (kind in c("rest", "prev")) {
    p <- num(tab[[paste0("p_vs_", kind)]]); q <- num(tab[[paste0("q_vs_", kind)]])
    qr <- bh_by_family(p, fam)
    for (i in which(!is.na(p) | !is.na(q))) same(paste(what, "row", i, "q_vs", kind), q[i], qr[i])
    families_checked <<- families_checked + length(unique(fam[!is.na(p)]))
  }
}
check_bh(ceo, "--by gemeente,aanbieder")
check_bh(ceog, "--by gemeente")
check_bh(ceoc, "--by gemeente --compare")
# A q-value does not change with what else is asked for: other dimensions, --compare
key <- function(tab) paste(tab$dimension, tab$group, tab$question, tab$theme)
qfull <- setNames(num(ceo$q_vs_rest), key(ceo))
for (tab in list(ceog, ceoc)) {
  k <- key(tab)
  for (i in which(!is.na(num(tab$q_vs_rest))))
    same(paste("the same q_vs_rest", k[i]), num(tab$q_vs_rest[i]), qfull[[k[i]]])
}
wb <- ceog[ceog$group == "West Betuwe" & ceog$question == "snel_geholpen", ]
wbf <- ceo[ceo$dimension == "gemeente" & ceo$group == "West Betuwe" & ceo$question == "snel_geholpen", ]
if (nrow(wb) != 1 || nrow(wbf) != 1 || wb$q_vs_rest == "" || wb$q_vs_rest != wbf$q_vs_rest)
  fail("West Betuwe snel_geholpen: q", wbf$q_vs_rest, "with --by gemeente,aanbieder,",
       wb$q_vs_rest, "with --by gemeente")
if (sum(ceoc$p_vs_prev != "") < 20) fail("too few tests against --compare")
if (families_checked < 10) fail("too few test families:", families_checked)

# Weighted: with --weights the design is weights only, svydesign(ids = ~1, weights = ~w); with
# --post-stratify R's postStratify design. Each group is a domain of the whole sample (subset). Proportions: svyciprop(method = "beta") (Korn-Graubard); where
# every answer or none is positive the linearised variance is 0 and Kish's effective n stands in
# (docs/METHODS.md, "Weighting"). Means: svymean with t on degf of the domain. Tests: svyttest of the
# group against the rest, and of a quarter against the one before. Medians: svyquantile with
# qrule = "hf2".
wchecked <- 0
wpvals <- 0
wsame <- function(what, got, want) { wchecked <<- wchecked + 1; same(what, got, want) }
quarter_of <- function(datum) {
  d <- as.Date(substr(datum, 1, 10))
  paste0(format(d, "%Y"), "-K", (as.integer(format(d, "%m")) - 1) %/% 3 + 1)
}
wdata <- truth
for (item in c(likert, yesno)) {
  v <- truth[[item]]
  wdata[[paste0("p_", item)]] <- ifelse(valid_of(v), as.numeric(pos_of(v, item)), NA)
}
for (item in marks) wdata[[paste0("y_", item)]] <- num(truth[[item]])
for (dim in c("totaal", "gemeente", "aanbieder")) wdata[[paste0("g_", dim)]] <- group_of(dim)
wdata$g_periode <- quarter_of(truth$datum)
fml <- function(...) as.formula(paste0(...))
# A 0/1 (or numeric) indicator, evaluated among the design's own variables: a subset of a
# weights-only design has the subset's rows, one of a post-stratified design all rows.
with_flag <- function(des, name, col, value) {
  cl <- as.call(list(as.name("update"), quote(des), bquote(as.numeric(.(as.name(col)) == .(value)))))
  names(cl) <- c("", "", name)
  eval(cl)
}
# cal: the design is post-stratified (calibrated): svyciprop's degrees-of-freedom factor there
# counts every row of the sample, not the group's, so the Korn-Graubard interval is taken from
# svymean's variance directly (as svyciprop does with a weights-only design)
weighted_check <- function(label0, des, tab, dims, wv, cal = FALSE) {
  for (dim in dims) {
    g <- wdata[[paste0("g_", dim)]]
    for (item in c(likert, yesno, marks)) {
      isnum <- item %in% marks
      col <- paste0(if (isnum) "y_" else "p_", item)
      y <- wdata[[col]]
      for (grp in unique(g)) {
        r <- row_of(tab, dim, grp, item); if (is.null(r) || r$suppressed == "1") next
        sel <- g == grp & !is.na(y)
        label <- paste(label0, dim, grp, item)
        wsame(paste(label, "n"), num(r$n), sum(sel))
        if (sum(sel) == 0) next
        sub <- subset(des, sel)
        m <- svymean(fml("~", col), sub, na.rm = TRUE)
        if (isnum && item == "hv_aanbevelen") {
          # the interval beside % 9-10 is that of % 9-10 (Korn-Graubard, as for proportions;
          # post-stratified runs leave the post-strata out of this one interval: not checked)
          wsame(paste(label, "mean"), num(r$mean), coef(m)[[1]])
          x <- sum(y[sel] >= 9); n <- sum(sel)
          if (!cal && n >= 2) {
            ci <- if (x > 0 && x < n) {
              attr(svyciprop(fml("~I(", col, " >= 9)"), sub, method = "beta"), "ci")
            } else {
              kish <- sum(wv[sel])^2 / sum(wv[sel]^2); p <- x / n
              c(if (p > 0) qbeta(0.025, kish * p, kish * (1 - p) + 1) else 0,
                if (p < 1) qbeta(0.975, kish * p + 1, kish * (1 - p)) else 1)
            }
            wsame(paste(label, "ci_low (9-10)"), num(r$ci_low), 100 * ci[1])
            wsame(paste(label, "ci_high (9-10)"), num(r$ci_high), 100 * ci[2])
          }
        } else if (isnum) {
          wsame(paste(label, "mean"), num(r$mean), coef(m)[[1]])
          wsame(paste(label, "median"), num(r$median),
                svyquantile(fml("~", col), sub, 0.5, qrule = "hf2", ci = FALSE,
                            na.rm = TRUE)[[1]][1])
          if (sum(sel) >= 2) {
            ci <- confint(m, df = degf(sub))
            if (item %in% c("cijfer", "hv_cijfer")) ci <- c(max(ci[1], 1), min(ci[2], 10))
            wsame(paste(label, "ci_low"), num(r$ci_low), ci[1])
            wsame(paste(label, "ci_high"), num(r$ci_high), ci[2])
          }
        } else {
          x <- sum(y[sel]); n <- sum(sel)
          wsame(paste(label, "pct_positive"), num(r$pct_positive), 100 * coef(m)[[1]])
          kish <- sum(wv[sel])^2 / sum(wv[sel]^2)
          wsame(paste(label, "n_effective"), num(r$n_effective), kish)
          if (x > 0 && x < n && !cal) {
            ci <- attr(svyciprop(fml("~", col), sub, method = "beta"), "ci")
          } else if (x > 0 && x < n) {
            p <- coef(m)[[1]]; ne <- p * (1 - p) / vcov(m)[1, 1]
            ci <- c(qbeta(0.025, ne * p, ne * (1 - p) + 1), qbeta(0.975, ne * p + 1, ne * (1 - p)))
          } else {
            p <- x / n
            ci <- c(if (p > 0) qbeta(0.025, kish * p, kish * (1 - p) + 1) else 0,
                    if (p < 1) qbeta(0.975, kish * p + 1, kish * (1 - p)) else 1)
          }
          wsame(paste(label, "ci_low"), num(r$ci_low), 100 * ci[1])
          wsame(paste(label, "ci_high"), num(r$ci_high), 100 * ci[2])
        }
        if (dim != "totaal" && sum(g != grp & !is.na(y)) >= 1 && sum(!is.na(y)) >= 3) {
          tt <- svyttest(fml(col, " ~ ingrp"),
                         with_flag(subset(des, !is.na(y)), "ingrp", paste0("g_", dim), grp))
          p <- if (is.finite(tt$statistic)) tt$p.value else NA
          wsame(paste(label, "p_vs_rest (svyttest)"), num(r$p_vs_rest), p)
          if (!is.na(p)) wpvals <<- wpvals + 1
        }
      }
    }
  }
}
weighted_periods <- function(label0, des, tab) {
  qs <- sort(unique(wdata$g_periode))
  for (k in seq_along(qs)[-1]) {
    for (item in c(likert, yesno, marks)) {
      col <- paste0(if (item %in% marks) "y_" else "p_", item)
      y <- wdata[[col]]
      r <- row_of(tab, "periode", qs[k], item); if (is.null(r) || r$suppressed == "1") next
      two <- !is.na(y) & wdata$g_periode %in% qs[c(k - 1, k)]
      tt <- svyttest(fml(col, " ~ later"), with_flag(subset(des, two), "later", "g_periode", qs[k]))
      wsame(paste(label0, qs[k], item, "p_vs_prev (svyttest)"), num(r$p_vs_prev), tt$p.value)
      wpvals <<- wpvals + 1
    }
  }
}
w <- num(truth$gewicht)
wdata$w <- w
des <- svydesign(ids = ~1, weights = ~w, data = wdata)
weighted_check("weighted", des, ceow, c("totaal", "gemeente", "aanbieder"), w)
weighted_periods("weighted periode", des, ceowq)
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
check_bh(ceoq, "--by periode")
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
# The post-stratified design itself (postStratify): intervals, tests and medians as above
wdata$one <- 1
psd <- postStratify(svydesign(ids = ~1, weights = ~one, data = wdata), ~gemeente + voorziening, pop)
weighted_check("post-stratified", psd, ceop, c("totaal", "gemeente", "aanbieder"), pw, cal = TRUE)
weighted_periods("post-stratified periode", psd, ceopq)
if (wpvals < 100) fail("too few weighted tests compared:", wpvals)
pvals_checked <- pvals_checked + prev_checked
if (pvals_checked < 50) fail("too few tests compared:", pvals_checked)
if (failures == 0) cat("ok crosscheck:", checked, "figures agree with R within", tol,
                       "(", pvals_checked, "p-values;", families_checked,
                       "Benjamini-Hochberg families );", wchecked,
                       "of them weighted, design-based as R's survey (", wpvals, "p-values )\n")
quit(status = if (failures == 0) 0 else 1)
