/* Complaint detection and redaction: fixed cases, and the labelled set of open answers
 * (tests/data/open-antwoorden.tsv: id, soort, klacht, pii, niet_bsn, tekst), written apart
 * from the patterns. Complaints need precision and recall of at least 0.9; every BSN, phone
 * number, e-mail address, IBAN and postcode in the set must be redacted, and no nine-digit
 * number that fails the elfproef may be. */
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../report/followup.h"
#include "../../report/redact.h"
#include "../../stats/flag.h"
#include "../../stats/signals.h"
#include "../../base/regex.h"
#include "../../survey/sheet.h"
#include "t.h"

void test_flag(void);

/* "\n" written as two characters in the file becomes a line break. */
static void unescape(char *s)
{
    char *w = s;
    for (; *s; s++) {
        if (s[0] == '\\' && s[1] == 'n') {
            *w++ = '\n';
            s++;
        } else {
            *w++ = *s;
        }
    }
    *w = '\0';
}

static void redact_is(rp_redactor *r, const char *in, const char *want)
{
    ceo_error err;
    ceo_error_clear(&err);
    char *got = rp_redact(r, in, NULL, &err);
    CHECK_STR(got, want);
    ceo_free(got);
}

static void fixed_cases(rp_redactor *r, const st_rules *rules)
{
    CHECK(rp_elfproef("123456782"));
    CHECK(!rp_elfproef("123456789"));
    CHECK(!rp_elfproef("000000000"));
    redact_is(r, "Mijn BSN is 123456782.", "Mijn BSN is [bsn].");
    redact_is(r, "klantnummer 123456789 blijft", "klantnummer 123456789 blijft");
    redact_is(r, "bel 06-12345678 of (0344) 12 34 56", "bel [telefoonnummer] of [telefoonnummer]");
    redact_is(r, "mail: a.b@example.nl!", "mail: [e-mailadres]!");
    redact_is(r, "NL91 ABNA 0417 1643 00", "[iban]");
    redact_is(r, "woont op 4001 AB 12.", "woont op [adres].");
    redact_is(r, "In 2023 en 2024 ging het goed.", "In 2023 en 2024 ging het goed.");
    redact_is(r, "mevrouw De Vries en mijn hulp Fatima", "mevrouw [naam] en mijn hulp [naam]");
    redact_is(r, "Mijn hulp is fijn.", "Mijn hulp is fijn.");
    redact_is(r, "", "");
    ceo_error err;
    ceo_error_clear(&err);
    CHECK(st_is_complaint(rules, "Geen klachten.", &err) == 0);
    CHECK(st_is_complaint(rules, "Geen klachten, wel is de taxi te laat.", &err) == 1);
    CHECK(st_is_complaint(rules, "Niet ontevreden.", &err) == 0);
    CHECK(st_is_complaint(rules, "Ik ben ontevreden.", &err) == 1);
    CHECK(st_is_complaint(rules, "", &err) == 0);
}

/* The next '|'-separated part of *p (cut in place), or NULL at the end. */
static char *next_part(char **p)
{
    if (!*p || !**p)
        return NULL;
    char *part = *p, *bar = strchr(part, '|');
    if (bar) {
        *bar = '\0';
        *p = bar + 1;
    } else {
        *p = NULL;
    }
    return part;
}

typedef struct {
    long tp, fp, fn, tn;
    long pii, pii_hit, names, names_hit, not_bsn, not_bsn_kept;
} tally;

/* Every literal "kind=value" of the pii column: structured kinds must be gone from the
 * redacted text; names are counted. */
static void check_pii(char *pii, const char *red, tally *t, const char *file, const char *id)
{
    for (char *item; (item = next_part(&pii));) {
        char *eq = strchr(item, '=');
        if (!eq)
            continue;
        *eq = '\0';
        const char *kind = item, *lit = eq + 1;
        int gone = strstr(red, lit) == NULL;
        if (strcmp(kind, "naam") == 0) {
            t->names++;
            t->names_hit += gone;
            if (!gone && getenv("CEO_TEST_VERBOSE"))
                fprintf(stderr, "    %s %s: name '%s' kept: %s\n", file, id, lit, red);
            continue;
        }
        t->pii++;
        t->pii_hit += gone;
        if (!gone) {
            t_fail(file, 0, id);
            fprintf(stderr, "    %s '%s' not redacted: %s\n", kind, lit, red);
        } else {
            t_passed++;
        }
    }
}

static void labelled_set(rp_redactor *r, const st_rules *rules, const char *name)
{
    char path[1024];
    static char line[1 << 16];
    snprintf(path, sizeof path, "%s/tests/data/%s", t_root, name);
    FILE *fp = fopen(path, "r");
    CHECK(fp != NULL);
    if (!fp)
        return;
    tally t = {0};
    long lineno = 0;
    while (fgets(line, sizeof line, fp)) {
        char *f[6];
        if (++lineno == 1 || t_split_tab(line, f, 6) != 6)
            continue;
        unescape(f[5]);
        ceo_error err;
        ceo_error_clear(&err);
        int want = strcmp(f[2], "1") == 0, got = st_is_complaint(rules, f[5], &err);
        CHECK(got >= 0);
        if (got != want && getenv("CEO_TEST_VERBOSE"))
            fprintf(stderr, "    %s %s (%s): %s\n", want ? "missed" : "false alarm", f[0], f[1],
                    f[5]);
        if (got == 1 && want)
            t.tp++;
        else if (got == 1)
            t.fp++;
        else if (want)
            t.fn++;
        else
            t.tn++;
        char *red = rp_redact(r, f[5], NULL, &err);
        CHECK(red != NULL);
        if (!red)
            continue;
        check_pii(f[3], red, &t, name, f[0]);
        for (char *nb, *rest = f[4]; (nb = next_part(&rest));) {
            t.not_bsn++;
            t.not_bsn_kept += strstr(red, nb) != NULL;
            if (!strstr(red, nb))
                fprintf(stderr, "    %s: '%s' fails the elfproef but was redacted: %s\n", f[0], nb,
                        red);
        }
        ceo_free(red);
    }
    fclose(fp);
    double precision = t.tp + t.fp ? (double)t.tp / (double)(t.tp + t.fp) : 0;
    double recall = t.tp + t.fn ? (double)t.tp / (double)(t.tp + t.fn) : 0;
    printf("%s: %ld answers; complaints precision %.3f recall %.3f (tp %ld fp "
           "%ld fn %ld tn %ld); structured PII %ld/%ld redacted; names %ld/%ld; "
           "elfproef failures kept %ld/%ld\n",
           name, t.tp + t.fp + t.fn + t.tn, precision, recall, t.tp, t.fp, t.fn, t.tn, t.pii_hit,
           t.pii, t.names_hit, t.names, t.not_bsn_kept, t.not_bsn);
    CHECK(t.tp + t.fp + t.fn + t.tn >= 150);
    CHECK(precision >= 0.9);
    CHECK(recall >= 0.9);
    CHECK(t.pii > 0 && t.pii_hit == t.pii);
    CHECK(t.not_bsn > 0 && t.not_bsn_kept == t.not_bsn);
    CHECK(t.names > 0 && t.names_hit * 10 >= t.names * 9);
}

/* Out of memory along a whole flag run after the codebook is loaded: rules, reading, the
 * verdicts, the figures and signals, redaction and every writer. Each failing allocation must
 * end in CEO_ENOMEM or a failed write, never in a crash or a different result. */
static const char oom_csv[] =
    "Respondentnummer,Gemeente,Ik vind de kwaliteit van de ondersteuning die ik krijg goed.,"
    "Rapportcijfer,Opmerkingen,Toestemming contact,Telefoonnummer\n"
    "1,Tiel,Niet mee eens,4,\"Te laat, bel 06-12345678\",Ja,06-12345678\n"
    "2,Tiel,Mee eens,8,Geen klachten.,Nee,\n"
    "3,Buren,Helemaal niet mee eens,3,mevrouw Jansen was onvriendelijk,Ja,0344-123456\n"
    "4,Buren,Mee eens,9,,Nee,\n";

static ceo_status flag_once(const sv_codebook *cb, char **out, size_t *outlen)
{
    ceo_error err;
    ceo_error_clear(&err);
    ceo_status st = CEO_ENOMEM;
    st_rules *rules = st_rules_load(cb, &err);
    sv_table *t = rules ? sv_table_new(cb, SV_KEEP_TEXT, &err) : NULL;
    st_flags *f = NULL;
    st_result *res = NULL;
    st_signals *sig = NULL;
    rp_redactor *red = NULL;
    rp_csv *w = NULL;
    char path[64];
    snprintf(path, sizeof path, "/tmp/ceo-unit-flag-%ld.csv", (long)getpid());
    if (!t || sv_table_read_mem(t, "oom.csv", oom_csv, sizeof oom_csv - 1, NULL, NULL, &err))
        goto done;
    st_options so = {.by = "gemeente", .min_n = 1, .indicative_n = 2};
    st_signal_options sigo = {0.05, 50};
    if (!(f = st_flag_table(rules, t, &err)) || !(res = st_compute(t, &so, &err)) ||
        !(sig = st_signals_find(res, cb, rules, &sigo, &err)) ||
        !(red = rp_redactor_new(t_words(), &err)))
        goto done;
    /* every writer after the other into one file, as the oom sweep compares one text */
    long listed = 0, comments = 0;
    if (!(w = rp_csv_open(path, 0, &err)) ||
        rp_followup_csv(w, f, t, NULL, &listed, &err) != CEO_OK ||
        rp_signals_csv(w, sig, 2, &err) != CEO_OK ||
        rp_comments_csv(w, t, rules, red, &comments, &err) != CEO_OK ||
        rp_flag_summary_csv(w, f, t, "r", &err) != CEO_OK)
        goto done;
    st = rp_csv_commit(w, &err);
    w = NULL;
    if (st == CEO_OK && !(*out = t_read_file(path, outlen)))
        st = CEO_EIO;
done:
    if (st != CEO_OK && err.code && err.code != CEO_ENOMEM)
        st = err.code;
    rp_csv_abort(w);
    unlink(path);
    rp_redactor_free(red);
    st_signals_free(sig);
    st_result_free(res);
    st_flags_free(f);
    sv_table_free(t);
    st_rules_free(rules);
    return st;
}

static void oom_sweep(const sv_codebook *cb)
{
    char *good = NULL, *out = NULL;
    size_t goodlen = 0, outlen = 0;
    ceo_alloc_fail_at(LONG_MAX); /* armed, as in the failing runs */
    CHECK(flag_once(cb, &good, &goodlen) == CEO_OK);
    long total = ceo_alloc_fail_at(0);
    CHECK(good && strstr(good, "06-12345678") && strstr(good, "[telefoonnummer]") &&
          strstr(good, "mevrouw [naam]"));
    long wrong = 0;
    for (long n = 1; n <= total; n++) {
        ceo_alloc_fail_at(n);
        ceo_status st = flag_once(cb, &out, &outlen);
        ceo_alloc_fail_at(0);
        /* Every allocation, the writers' included, must end in CEO_ENOMEM. */
        if (st != CEO_ENOMEM) {
            if (++wrong <= 3)
                fprintf(stderr, "    allocation %ld of %ld failing gave status %d\n", n, total,
                        (int)st);
        }
        free(out);
        out = NULL;
    }
    printf("flag run: %ld allocations, each made to fail in turn\n", total);
    CHECK(total > 100);
    CHECK(wrong == 0);
    free(good);
}

/* The speed-ups of complaint matching must not change a verdict: every klachten.csv pattern
 * finds the same match on the ASCII answers of the labelled sets with its ASCII form as with
 * its Unicode form, the pre-filter never turns away a text the pattern matches, and a verdict
 * given from memory (the same answer again) is the verdict given first. */
static void same_verdicts(const st_rules *rules)
{
    static const char *const sets[] = {"open-antwoorden.tsv", "open-antwoorden-2.tsv",
                                       "open-antwoorden-3.tsv", "klachten-dev.tsv"};
    static const char *const req[] = {"soort", "patroon", NULL};
    char path[1024];
    snprintf(path, sizeof path, "%s/templates/ceo-wmo/klachten.csv", t_root);
    ceo_error err;
    ceo_error_clear(&err);
    sv_sheet *sh = sv_sheet_load(path, req, &err);
    CHECK(sh != NULL);
    if (!sh)
        return;
    size_t np = sv_sheet_rows(sh);
    sv_regex **re = calloc(np, sizeof *re);
    for (size_t i = 0; re && i < np; i++)
        re[i] = sv_regex_new(sv_sheet_cell(sh, i, sv_sheet_col(sh, "patroon")), path, (long)i + 2,
                             0, &err);
    long texts = 0, differ = 0, filtered_wrong = 0, memory_differs = 0;
    static char line[1 << 16];
    for (size_t k = 0; re && k < sizeof sets / sizeof sets[0]; k++) {
        snprintf(path, sizeof path, "%s/tests/data/%s", t_root, sets[k]);
        FILE *fp = fopen(path, "r");
        CHECK(fp != NULL);
        long lineno = 0;
        while (fp && fgets(line, sizeof line, fp)) {
            char *f[6];
            size_t nf = t_split_tab(line, f, 6);
            if (++lineno == 1 || nf < 4)
                continue;
            char *text = f[nf - 1];
            unescape(text);
            int first = st_is_complaint(rules, text, &err);
            memory_differs += st_is_complaint(rules, text, &err) != first;
            unsigned char present[32] = {0}, high = 0;
            for (char *c = text; *c; c++) {
                unsigned char b = (unsigned char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
                *c = (char)b;
                present[b >> 3] |= (unsigned char)(1u << (b & 7));
                high |= b;
            }
            if (high >= 0x80)
                continue;
            texts++;
            size_t n = strlen(text);
            for (size_t i = 0; i < np; i++) {
                size_t s1 = 0, e1 = 0, s2 = 0, e2 = 0;
                int a = sv_regex_find_from(re[i], text, n, 0, &s1, &e1);
                int b = sv_regex_find_ascii(re[i], text, n, 0, &s2, &e2);
                differ += a != b || (a == 1 && (s1 != s2 || e1 != e2));
                filtered_wrong += a == 1 && !sv_regex_may_match_ascii(re[i], present);
            }
        }
        if (fp)
            fclose(fp);
    }
    CHECK(texts > 500);
    CHECK(differ == 0);
    CHECK(filtered_wrong == 0);
    CHECK(memory_differs == 0);
    if (differ || filtered_wrong || memory_differs)
        fprintf(stderr,
                "    %ld ASCII texts: %ld differ, %ld filtered wrongly, %ld differ from memory\n",
                texts, differ, filtered_wrong, memory_differs);
    for (size_t i = 0; re && i < np; i++)
        sv_regex_free(re[i]);
    free(re);
    sv_sheet_free(sh);
}

void test_flag(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/templates/ceo-wmo", t_root);
    ceo_error err;
    ceo_error_clear(&err);
    sv_codebook *cb = sv_codebook_load(dir, &err);
    st_rules *rules = cb ? st_rules_load(cb, &err) : NULL;
    rp_redactor *r = rp_redactor_new(t_words(), &err);
    CHECK(rules != NULL);
    CHECK(r != NULL);
    if (rules && r) {
        fixed_cases(r, rules);
        labelled_set(r, rules, "open-antwoorden.tsv");
        labelled_set(r, rules, "open-antwoorden-2.tsv");
        labelled_set(r, rules, "open-antwoorden-3.tsv");
        same_verdicts(rules);
    }
    if (cb)
        oom_sweep(cb);
    rp_redactor_free(r);
    st_rules_free(rules);
    sv_codebook_free(cb);
}
