/* The complaint model (stats/textmodel.h): the one spelling, the features named as the weights
 * file names them, the committed weights loaded and scoring known answers on the right side of
 * the threshold, the verdict of rules and model joined, and a broken weights file reported
 * with file, line and column. */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../stats/flag.h"
#include "../../stats/textmodel.h"
#include "../../survey/codebook.h"
#include "t.h"

void test_textmodel(void);

typedef struct {
    char names[2048];
    size_t len, n;
} seen;

static void note(void *ctx, uint64_t hash, const char *name, size_t len)
{
    seen *s = ctx;
    CHECK(hash != 0);
    if (s->len + len + 2 < sizeof s->names) {
        memcpy(s->names + s->len, name, len);
        s->len += len;
        s->names[s->len++] = '|';
        s->names[s->len] = '\0';
    }
    s->n++;
}

static void features(void)
{
    char one[64];
    size_t n = st_spoken(one, "Gin HULP", 8);
    CHECK_STR(one, "geen hulp");
    CHECK(n == 9);
    seen s = {{0}, 0, 0};
    /* accents folded, digits as #, words, pairs, character trigrams of "_een_#_" */
    size_t count = st_text_features("Één 12,5", 9, note, &s);
    CHECK_STR(s.names, "w:een|w:#|b:een #|c:_ee|c:een|c:en_|c:n_#|c:_#_|");
    CHECK(count == s.n && count == 8);
    seen empty = {{0}, 0, 0};
    CHECK(st_text_features("", 0, note, &empty) == 0);
    CHECK(st_text_features("...", 3, note, &empty) == 0);
}

static double prob(const st_textmodel *m, const char *text)
{
    char one[512];
    size_t n = st_spoken(one, text, strlen(text));
    return st_textmodel_prob(m, one, n);
}

static void committed(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/templates/ceo-wmo/klachtmodel.csv", t_root);
    ceo_error err;
    ceo_error_clear(&err);
    st_textmodel *m = st_textmodel_load(path, &err);
    CHECK(m != NULL);
    if (!m)
        return;
    CHECK(st_textmodel_size(m) > 1000);
    double t = st_textmodel_threshold(m);
    CHECK(t > 0.05 && t < 0.95);
    /* complaints no phrase of klachten.csv names, and answers that are none */
    CHECK(prob(m, "Pas na vijf maanden kwam er iemand kijken.") >= t);
    CHECK(prob(m, "na een half jaar stond de traplift er eindelijk") >= t);
    CHECK(prob(m, "Ik krijg nu nog maar twee uur per week in plaats van vier.") >= t);
    CHECK(prob(m, "Zeer tevreden over de hulp, ze is altijd op tijd.") < t);
    CHECK(prob(m, "Mijn dochter heeft de vragenlijst ingevuld.") < t);
    double p = prob(m, "");
    CHECK(p > 0 && p < t);
    st_textmodel_free(m);
}

static void joined(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/templates/ceo-wmo", t_root);
    ceo_error err;
    ceo_error_clear(&err);
    sv_codebook *cb = sv_codebook_load(dir, &err);
    st_rules *r = cb ? st_rules_load(cb, &err) : NULL;
    CHECK(r != NULL);
    if (!r) {
        sv_codebook_free(cb);
        return;
    }
    st_complaint v;
    CHECK(st_complaint_judge(r, "Geen klachten.", &v, &err) == 0);
    CHECK(!v.rules && !v.model && !isnan(v.prob));
    CHECK(st_complaint_judge(r, "De taxi was weer een uur te laat.", &v, &err) == 1);
    CHECK(v.rules && v.complaint);
    /* the second time from memory: the same verdict and probability */
    st_complaint again;
    CHECK(st_complaint_judge(r, "De taxi was weer een uur te laat.", &again, &err) == 1);
    CHECK(again.prob == v.prob && again.rules == v.rules && again.model == v.model);
    st_rules_free(r);
    sv_codebook_free(cb);
}

static void broken(const char *content, const char *want)
{
    char path[] = "/tmp/ceo-unit-model-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    CHECK(write(fd, content, strlen(content)) == (ssize_t)strlen(content));
    close(fd);
    ceo_error err;
    ceo_error_clear(&err);
    st_textmodel *m = st_textmodel_load(path, &err);
    CHECK(m == NULL && err.code == CEO_EDATA);
    CHECK(strstr(err.message, want) != NULL);
    if (!strstr(err.message, want))
        fprintf(stderr, "    got '%s'\n", err.message);
    st_textmodel_free(m);
    unlink(path);
}

void test_textmodel(void)
{
    features();
    committed();
    joined();
    broken("kenmerk,gewicht\n(drempel),0.5\nw:laat,x1\n", "not a weight: 'x1'");
    broken("kenmerk,gewicht\n(drempel),1.5\n", "between 0 and 1, not '1.5'");
    broken("kenmerk,gewicht\n(drempel),0.5\nlaat,1\n", "starts with w:, b: or c:, not 'laat'");
    broken("kenmerk,gewicht\n(drempel),0.5\nw:laat,1\nw:laat,2\n", "twice: 'w:laat'");
    broken("kenmerk,gewicht\nw:laat,1\n", "no threshold");
    broken("kenmerk\n", "gewicht");
}
