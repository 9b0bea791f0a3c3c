/*
 * klachtmodel.c - ceo-klachtmodel, the training program of the complaint model
 * (stats/textmodel.h): learns the weights from labelled open answers and estimates, file by
 * file, how well the rules, the model and the two joined carry over to text not trained on.
 *
 *   ceo-klachtmodel train -c CODEBOOK -o OUT.csv SET.tsv...   write the weights file
 *   ceo-klachtmodel cv -c CODEBOOK [--by-kind] SET.tsv...      the cross-validation figures
 *
 * A set is a TSV with the columns klacht (1 a complaint, 0 not) and tekst ("\n" written as
 * two characters), and optionally soort (the kind, for --by-kind); each file is one group. The
 * model is an L2-regularised logistic regression over the features of st_text_features(), those
 * that occur in at least MIN_DOCS answers of the training files, fitted by stochastic gradient
 * descent in a fixed order (same input, same bytes: the committed weights file is checked against a
 * fresh run by tests/checks/complaints.sh). Its threshold is chosen on the training files alone,
 * each file predicted by a model trained on the others (see choose()).
 *
 * cv holds out one file at a time: the threshold is chosen by the same grouped
 * cross-validation over the remaining files, the model trained on them, and the held-out file
 * scored with the rules alone, the model alone (at its own threshold, chosen alike) and the
 * two joined. The rules were written on some of these files, so on those their figures are
 * not an estimate for new text; the model's are.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../stats/flag.h"
#include "../stats/textmodel.h"
#include "../survey/codebook.h"

/* A feature counts when it occurs in at least this many training answers: a word seen once
 * says more about that answer than about complaints. */
#define MIN_DOCS 2
#define EPOCHS 30
#define RATE 0.5 /* the step at the first answer; it falls as 1/(1 + epoch) */
#define LAMBDA 1e-4
/* Joined with the rules, the model calls a complaint from the probability at which it is
 * right 19 times in 20 (see choose()). */
#define PRECISE 0.95

typedef struct {
    uint32_t feature; /* index in the table of all features */
    float x;          /* 1 / sqrt(distinct features of the answer) */
} entry;

typedef struct {
    int group, label, rules;
    int kind; /* index in kinds[]: the soort of the answer, when the set has one */
    entry *e;
    size_t ne;
} doc;

/* Every feature of every answer: its hash, its name, its index. */
static struct {
    uint64_t *hash;
    uint32_t *index; /* per slot; UINT32_MAX when empty */
    size_t mask;
    char **names;
    size_t n;
} feats;

static doc *docs;
static size_t ndocs;
static int ngroups;
static const char *group_names[64];
static char *kinds[256];
static int nkinds;

static int kind_index(const char *name)
{
    for (int k = 0; k < nkinds; k++)
        if (strcmp(kinds[k], name) == 0)
            return k;
    if (nkinds == 256)
        return 255;
    kinds[nkinds] = strdup(name);
    if (!kinds[nkinds]) {
        fprintf(stderr, "ceo-klachtmodel: out of memory\n");
        exit(1);
    }
    return nkinds++;
}

static void *must(void *p)
{
    if (!p) {
        fprintf(stderr, "ceo-klachtmodel: out of memory\n");
        exit(1);
    }
    return p;
}

static uint32_t feature_index(uint64_t h, const char *name, size_t len)
{
    if (2 * feats.n >= feats.mask) { /* grow: at most half full */
        size_t cap = feats.mask ? 2 * (feats.mask + 1) : 1 << 16;
        uint64_t *oh = feats.hash;
        uint32_t *oi = feats.index;
        size_t omask = feats.mask;
        feats.hash = must(calloc(cap, sizeof *feats.hash));
        feats.index = must(malloc(cap * sizeof *feats.index));
        memset(feats.index, 0xFF, cap * sizeof *feats.index);
        feats.mask = cap - 1;
        for (size_t k = 0; oh && k <= omask; k++) {
            if (oi[k] == UINT32_MAX)
                continue;
            size_t j = oh[k] & feats.mask;
            while (feats.index[j] != UINT32_MAX)
                j = (j + 1) & feats.mask;
            feats.hash[j] = oh[k];
            feats.index[j] = oi[k];
        }
        free(oh);
        free(oi);
        feats.names = must(realloc(feats.names, cap / 2 * sizeof *feats.names));
    }
    size_t j = h & feats.mask;
    while (feats.index[j] != UINT32_MAX && feats.hash[j] != h)
        j = (j + 1) & feats.mask;
    if (feats.index[j] == UINT32_MAX) {
        feats.hash[j] = h;
        feats.index[j] = (uint32_t)feats.n;
        feats.names[feats.n] = must(malloc(len + 1));
        memcpy(feats.names[feats.n], name, len);
        feats.names[feats.n][len] = '\0';
        feats.n++;
    }
    return feats.index[j];
}

typedef struct {
    uint32_t *v;
    size_t n, cap;
} index_list;

static void collect(void *ctx, uint64_t hash, const char *name, size_t len)
{
    index_list *l = ctx;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->v = must(realloc(l->v, l->cap * sizeof *l->v));
    }
    l->v[l->n++] = feature_index(hash, name, len);
}

static int by_index(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static void add_doc(const st_rules *rules, int group, int label, int kind, char *text)
{
    char *w = text;
    for (const char *s = text; *s; s++) { /* "\n" as two characters: a line break */
        if (s[0] == '\\' && s[1] == 'n') {
            *w++ = '\n';
            s++;
        } else {
            *w++ = *s;
        }
    }
    *w = '\0';
    st_complaint v;
    ceo_error err;
    ceo_error_clear(&err);
    if (st_complaint_judge(rules, text, &v, &err) < 0) {
        fprintf(stderr, "ceo-klachtmodel: %s\n", err.message);
        exit(1);
    }
    size_t n = strlen(text);
    char *one = must(malloc(2 * n + 1));
    n = st_spoken(one, text, n);
    index_list l = {0};
    st_text_features(one, n, collect, &l);
    free(one);
    if (l.n > 1)
        qsort(l.v, l.n, sizeof *l.v, by_index);
    doc *d = &docs[ndocs++];
    *d = (doc){group, label, v.rules, kind, must(calloc(l.n ? l.n : 1, sizeof *d->e)), 0};
    for (size_t i = 0; i < l.n; i++) /* each feature once, as st_textmodel_prob counts it */
        if (!d->ne || d->e[d->ne - 1].feature != l.v[i])
            d->e[d->ne++] = (entry){l.v[i], 1};
    for (size_t i = 0; i < d->ne; i++)
        d->e[i].x = (float)(1 / sqrt((double)d->ne));
    free(l.v);
}

static void read_set(const st_rules *rules, const char *path, int group)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        perror(path);
        exit(1);
    }
    char line[8192];
    int c_label = -1, c_text = -1, c_kind = -1;
    for (long no = 1; fgets(line, sizeof line, fp); no++) {
        line[strcspn(line, "\r\n")] = '\0';
        char *cell[16];
        int nc = 0;
        for (char *p = line; nc < 16;) {
            cell[nc++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (no == 1) {
            for (int k = 0; k < nc; k++) {
                if (strcmp(cell[k], "klacht") == 0)
                    c_label = k;
                if (strcmp(cell[k], "tekst") == 0)
                    c_text = k;
                if (strcmp(cell[k], "soort") == 0)
                    c_kind = k;
            }
            if (c_label < 0 || c_text < 0) {
                fprintf(stderr, "ceo-klachtmodel: %s: no column klacht or tekst\n", path);
                exit(1);
            }
            continue;
        }
        if (nc <= c_label || nc <= c_text ||
            (strcmp(cell[c_label], "0") != 0 && strcmp(cell[c_label], "1") != 0)) {
            fprintf(stderr, "ceo-klachtmodel: %s:%ld: no klacht 0 or 1 and tekst\n", path, no);
            exit(1);
        }
        docs = must(realloc(docs, (ndocs + 1) * sizeof *docs));
        add_doc(rules, group, cell[c_label][0] == '1',
                kind_index(c_kind >= 0 && c_kind < nc ? cell[c_kind] : "-"), cell[c_text]);
    }
    fclose(fp);
}

static double predict(const doc *d, const double *w, double b)
{
    double z = b;
    for (size_t i = 0; i < d->ne; i++)
        z += w[d->e[i].feature] * d->e[i].x;
    return 1 / (1 + exp(-z));
}

/* in[g]: whether group g is trained on. Fills w (feats.n weights, 0 for features seen in fewer
 * than MIN_DOCS training answers) and *b. */
static void train(const int *in, double *w, double *b)
{
    unsigned *df = must(calloc(feats.n, sizeof *df));
    size_t *order = must(malloc(ndocs * sizeof *order)), n = 0;
    for (size_t i = 0; i < ndocs; i++) {
        if (!in[docs[i].group])
            continue;
        order[n++] = i;
        for (size_t k = 0; k < docs[i].ne; k++)
            df[docs[i].e[k].feature]++;
    }
    memset(w, 0, feats.n * sizeof *w);
    *b = 0;
    uint64_t seed = 2025;
    for (int ep = 0; ep < EPOCHS; ep++) {
        for (size_t i = n; i > 1; i--) { /* Fisher-Yates with a fixed generator */
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            size_t j = (size_t)((seed >> 33) % i);
            size_t t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
        double rate = RATE / (1 + ep);
        for (size_t i = 0; i < n; i++) {
            const doc *d = &docs[order[i]];
            double z = *b;
            for (size_t k = 0; k < d->ne; k++)
                if (df[d->e[k].feature] >= MIN_DOCS)
                    z += w[d->e[k].feature] * d->e[k].x;
            double g = 1 / (1 + exp(-z)) - d->label;
            *b -= rate * g;
            for (size_t k = 0; k < d->ne; k++) {
                uint32_t f = d->e[k].feature;
                if (df[f] >= MIN_DOCS)
                    w[f] -= rate * (g * d->e[k].x + LAMBDA * w[f]);
            }
        }
    }
    free(df);
    free(order);
}

typedef struct {
    long tp, fp, fn, tn;
} counts;

static void count(counts *c, int label, int said)
{
    c->tp += label && said;
    c->fp += !label && said;
    c->fn += label && !said;
    c->tn += !label && !said;
}

static double f1(const counts *c)
{
    return c->tp ? 2.0 * c->tp / (2.0 * c->tp + c->fp + c->fn) : 0;
}

/* The thresholds chosen on the groups in[], each group predicted by a model trained on the
 * others. The model alone: the threshold of the highest F1. Joined with the rules: the lowest
 * threshold at which the model alone is right in PRECISE of the answers it calls complaints.
 * Not the highest F1 of rules and model together: the rules were written on most of these
 * answers and find nearly all their complaints, so over them the model would seem to add only
 * errors, which on new text it does not. */
static void choose(const int *in, double *t_joined, double *t_model)
{
    double *prob = must(calloc(ndocs, sizeof *prob));
    double *w = must(malloc(feats.n * sizeof *w)), b;
    int *inner = must(calloc((size_t)ngroups, sizeof *inner));
    for (int g = 0; g < ngroups; g++) {
        if (!in[g])
            continue;
        for (int h = 0; h < ngroups; h++)
            inner[h] = in[h] && h != g;
        train(inner, w, &b);
        for (size_t i = 0; i < ndocs; i++)
            if (docs[i].group == g)
                prob[i] = predict(&docs[i], w, b);
    }
    double best_m = -1;
    *t_joined = -1;
    for (int k = 5; k <= 95; k++) { /* ties: the lower threshold, found first */
        double t = k / 100.0;
        counts cm = {0};
        for (size_t i = 0; i < ndocs; i++)
            if (in[docs[i].group])
                count(&cm, docs[i].label, prob[i] >= t);
        if (*t_joined < 0 && cm.tp >= PRECISE * (double)(cm.tp + cm.fp))
            *t_joined = t;
        if (f1(&cm) > best_m + 1e-12) {
            best_m = f1(&cm);
            *t_model = t;
        }
    }
    if (*t_joined < 0)
        *t_joined = 0.95;
    free(prob);
    free(w);
    free(inner);
}

static void show(const char *what, const counts *c)
{
    double p = c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 0;
    double r = c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 0;
    printf("  %-12s precision %.3f recall %.3f F1 %.3f (tp %ld fp %ld fn %ld tn %ld)\n", what, p, r,
           f1(c), c->tp, c->fp, c->fn, c->tn);
}

static int cross_validate(int by_kind)
{
    double *w = must(malloc(feats.n * sizeof *w)), b;
    int *in = must(calloc((size_t)ngroups, sizeof *in));
    counts all[3] = {{0}};
    for (int g = 0; g < ngroups; g++) {
        for (int h = 0; h < ngroups; h++)
            in[h] = h != g;
        double tj = 0.5, tm = 0.5;
        choose(in, &tj, &tm);
        train(in, w, &b);
        counts c[3] = {{0}};
        long right[256][4] = {{0}}; /* per kind: answers, right by rules, model, joined */
        for (size_t i = 0; i < ndocs; i++) {
            if (docs[i].group != g)
                continue;
            double p = predict(&docs[i], w, b);
            int said[3] = {docs[i].rules, p >= tm, docs[i].rules || p >= tj};
            right[docs[i].kind][0]++;
            for (int k = 0; k < 3; k++) {
                count(&c[k], docs[i].label, said[k]);
                right[docs[i].kind][k + 1] += said[k] == docs[i].label;
            }
        }
        printf("held out %s (thresholds: model %.2f, joined %.2f)\n", group_names[g], tm, tj);
        show("rules", &c[0]);
        show("model", &c[1]);
        show("joined", &c[2]);
        if (by_kind) {
            printf("  right per kind (rules, model, joined of n):");
            for (int k = 0; k < nkinds; k++)
                if (right[k][0])
                    printf(" %s %ld/%ld/%ld of %ld;", kinds[k], right[k][1], right[k][2],
                           right[k][3], right[k][0]);
            printf("\n");
        }
        for (int k = 0; k < 3; k++) {
            all[k].tp += c[k].tp;
            all[k].fp += c[k].fp;
            all[k].fn += c[k].fn;
            all[k].tn += c[k].tn;
        }
    }
    printf("all folds\n");
    show("rules", &all[0]);
    show("model", &all[1]);
    show("joined", &all[2]);
    free(w);
    free(in);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(feats.names[*(const uint32_t *)a], feats.names[*(const uint32_t *)b]);
}

static int write_model(const char *out)
{
    double *w = must(malloc(feats.n * sizeof *w)), b;
    int *in = must(calloc((size_t)ngroups, sizeof *in));
    for (int g = 0; g < ngroups; g++)
        in[g] = 1;
    double tj = 0.5, tm = 0.5;
    choose(in, &tj, &tm);
    train(in, w, &b);
    uint32_t *order = must(malloc((feats.n ? feats.n : 1) * sizeof *order));
    size_t n = 0;
    char num[32];
    for (size_t f = 0; f < feats.n; f++) {
        snprintf(num, sizeof num, "%.4f", w[f]);
        if (strcmp(num, "0.0000") != 0 && strcmp(num, "-0.0000") != 0)
            order[n++] = (uint32_t)f;
    }
    qsort(order, n, sizeof *order, by_name);
    FILE *fp = fopen(out, "w");
    if (!fp) {
        perror(out);
        return 1;
    }
    fprintf(fp, "kenmerk,gewicht\n(constante),%.4f\n(drempel),%.2f\n", b, tj);
    for (size_t i = 0; i < n; i++)
        fprintf(fp, "%s,%.4f\n", feats.names[order[i]], w[order[i]]);
    if (fclose(fp) != 0) {
        perror(out);
        return 1;
    }
    fprintf(stderr, "ceo-klachtmodel: %s: %zu features, threshold %.2f (model alone: %.2f)\n", out,
            n, tj, tm);
    free(w);
    free(in);
    free(order);
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: ceo-klachtmodel train -c CODEBOOK -o OUT.csv SET.tsv...\n"
                    "       ceo-klachtmodel cv -c CODEBOOK [--by-kind] SET.tsv...\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 4 || strcmp(argv[2], "-c") != 0)
        return usage();
    int training = strcmp(argv[1], "train") == 0;
    if (!training && strcmp(argv[1], "cv") != 0)
        return usage();
    int first = 4, by_kind = 0;
    const char *out = NULL;
    if (!training && argc > 4 && strcmp(argv[4], "--by-kind") == 0) {
        by_kind = 1;
        first = 5;
    }
    if (training) {
        if (argc < 7 || strcmp(argv[4], "-o") != 0)
            return usage();
        out = argv[5];
        first = 6;
    }
    if (argc - first < 2 || argc - first > 64)
        return usage();
    ceo_error err;
    ceo_error_clear(&err);
    sv_codebook *cb = sv_codebook_load(argv[3], &err);
    st_rules *rules = cb ? st_rules_load(cb, &err) : NULL;
    if (!rules) {
        fprintf(stderr, "ceo-klachtmodel: %s\n", err.message);
        return 1;
    }
    for (int i = first; i < argc; i++) {
        group_names[ngroups] = argv[i];
        read_set(rules, argv[i], ngroups++);
    }
    int rc = training ? write_model(out) : cross_validate(by_kind);
    st_rules_free(rules);
    sv_codebook_free(cb);
    return rc;
}
