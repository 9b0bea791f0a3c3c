/*
 * gen.c - ceo-gen: writes synthetic but realistic exports of the Wmo client-experience survey
 * (cliëntervaringsonderzoek) of a fictional region, in the layouts real survey platforms
 * produce (Qualtrics, SurveyMonkey, LimeSurvey, Dutch Excel), together with the ground truth
 * (truth.csv), the planted effects (effects.csv) and the invited counts (uitgezet.csv), so
 * that the reader and the statistics can be tested against answers known in advance.
 *
 * Invariants:
 * - Every respondent is a pure function of (seed, global index). Its answers come from its
 *   own random stream and its groups (gemeente, voorziening, aanbieder) from low-discrepancy
 *   sequences over the index, so a respondent is the same whatever --n, --layout or --monthly
 *   say, group sizes stay close to their shares even for tiny groups, and every layout carries
 *   exactly the same answers.
 * - Layout-only randomness (stray spaces and capitals in the Excel file) comes from a second
 *   per-respondent stream, so writing one layout or all of them gives the same bytes.
 * - Output is streamed through fixed buffers: memory does not grow with --n.
 * - Only libc, libm and (for --sav) ReadStat; no project headers, so it builds before the
 *   library does.
 *
 * This file is the command line and the run; gen.h lists the parts and where they live.
 */
#include "gen.h"

/* ------------------------------------------------------------------------------------------ */
/* Command line. */

typedef struct {
    long n;
    uint64_t seed;
    int layout; /* index into layouts, or -1 for all */
    const char *out_dir;
    int year;
    int months;      /* 0: the default for the mode */
    int first_month; /* 0: the default for the mode */
    int providers;   /* 0: the six of the region */
    bool monthly;
    bool sav; /* also LAYOUT.sav */
} options;

static void usage(FILE *f)
{
    fprintf(
        f,
        "usage: %s [options]\n"
        "Writes synthetic exports of the Wmo client-experience survey (CEO) of the fictional\n"
        "Regio Rivierenland, the same respondents in every layout, plus truth.csv (the answers\n"
        "as the codebook codes them), effects.csv (what was planted), uitgezet.csv (invited\n"
        "counts) and populatie.csv (clients per cell, for post-stratification).\n"
        "\n"
        "  --n N              respondents in total (default 1500)\n"
        "  --seed S           random seed (default 2025); same options, same bytes\n"
        "  --layout L         qualtrics, surveymonkey, limesurvey, excel or all (default all)\n"
        "  --out-dir DIR      existing folder to write to (default .)\n"
        "  --year YYYY        year of the fieldwork (default 2025)\n"
        "  --months K         months of fieldwork, 1-120 (default 2, or 12 with --monthly)\n"
        "  --first-month M    first month of fieldwork, 1-12 (default 3, or 1 with --monthly)\n"
        "  --monthly          one file per layout and month: LAYOUT-YYYY-MM.csv, for\n"
        "                     continuous measurement; --n is spread over the months and\n"
        "                     respondent ids are unique across months\n"
        "  --sav              also write each layout as an SPSS system file (LAYOUT.sav):\n"
        "                     codes with value labels, as a research bureau delivers it\n"
        "  --providers N      spread the home-care clients evenly over N providers, 1-500\n"
        "                     (default: the region's six; the answers follow those six)\n"
        "  --help             show this help\n"
        "\n"
        "Files: qualtrics.csv, surveymonkey.csv, limesurvey.csv, excel-nl.csv, truth.csv,\n"
        "effects.csv, uitgezet.csv, populatie.csv.\n",
        PROG);
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reports a usage error in one line and returns the usage exit status. */
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", PROG);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\ntry '%s --help'\n", PROG);
    return 2;
}

/* Parses a decimal integer in [lo, hi]; returns false on anything else. */
static bool parse_long(const char *s, long lo, long hi, long *out)
{
    if (s == NULL || *s == '\0')
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static bool parse_u64(const char *s, uint64_t *out)
{
    if (s == NULL || *s == '\0' || *s == '-')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return false;
    *out = (uint64_t)v;
    return true;
}

/* Returns 0 to run, 2 on a usage error, -1 after --help. */
static int parse_args(int argc, char **argv, options *opt)
{
    *opt = (options){.n = 1500, .seed = 2025, .layout = -1, .out_dir = ".", .year = 2025};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return -1;
        }
        if (strcmp(a, "--monthly") == 0) {
            opt->monthly = true;
            continue;
        }
        if (strcmp(a, "--sav") == 0) {
            opt->sav = true;
            continue;
        }
        /* Every other option takes a value, as "--opt value" or "--opt=value". */
        char name[32];
        const char *val;
        const char *eq = strchr(a, '=');
        if (strncmp(a, "--", 2) != 0)
            return usage_error("unexpected argument '%s'", a);
        if (eq != NULL) {
            size_t len = (size_t)(eq - a);
            if (len >= sizeof name)
                return usage_error("unknown option '%s'", a);
            memcpy(name, a, len);
            name[len] = '\0';
            val = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", a);
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a value", a);
            val = argv[++i];
        }
        long v;
        if (strcmp(name, "--n") == 0) {
            if (!parse_long(val, 1, 100000000L, &v))
                return usage_error("--n wants a whole number from 1 to 100000000, not '%s'", val);
            opt->n = v;
        } else if (strcmp(name, "--seed") == 0) {
            if (!parse_u64(val, &opt->seed))
                return usage_error("--seed wants a non-negative whole number, not '%s'", val);
        } else if (strcmp(name, "--layout") == 0) {
            opt->layout = -2;
            if (strcmp(val, "all") == 0)
                opt->layout = -1;
            for (size_t k = 0; k < NLAYOUTS; k++)
                if (strcmp(val, layouts[k].option) == 0)
                    opt->layout = (int)k;
            if (opt->layout == -2)
                return usage_error("unknown layout '%s' (qualtrics, surveymonkey, limesurvey, "
                                   "excel or all)",
                                   val);
        } else if (strcmp(name, "--out-dir") == 0) {
            if (*val == '\0')
                return usage_error("--out-dir wants a folder");
            opt->out_dir = val;
        } else if (strcmp(name, "--year") == 0) {
            if (!parse_long(val, 1900, 9998, &v))
                return usage_error("--year wants a year from 1900 to 9998, not '%s'", val);
            opt->year = (int)v;
        } else if (strcmp(name, "--months") == 0) {
            if (!parse_long(val, 1, 120, &v))
                return usage_error("--months wants a number from 1 to 120, not '%s'", val);
            opt->months = (int)v;
        } else if (strcmp(name, "--first-month") == 0) {
            if (!parse_long(val, 1, 12, &v))
                return usage_error("--first-month wants a month from 1 to 12, not '%s'", val);
            opt->first_month = (int)v;
        } else if (strcmp(name, "--providers") == 0) {
            if (!parse_long(val, 1, MAX_PROVIDERS, &v))
                return usage_error("--providers wants a number from 1 to %d, not '%s'",
                                   MAX_PROVIDERS, val);
            opt->providers = (int)v;
        } else {
            return usage_error("unknown option '%s'", name);
        }
    }
    if (opt->months == 0)
        opt->months = opt->monthly ? 12 : 2;
    if (opt->first_month == 0)
        opt->first_month = opt->monthly ? 1 : 3;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */

typedef struct {
    outfile *o;
    csvw w;
} sink;

/* Opens one export file and writes its header rows. Returns false after reporting. */
static bool open_sink(sink *s, const char *dir, const layout *L, const char *name)
{
    s->o = out_open(dir, name, L->cp1252);
    if (s->o == NULL)
        return false;
    s->w = (csvw){.o = s->o,
                  .delim = L->delim,
                  .quote_all = L->quote_all,
                  .eol = L->crlf ? "\r\n" : "\n",
                  .eol_between = L->eol_between};
    if (L->bom)
        out_raw(s->o, "\xEF\xBB\xBF", 3);
    write_header(&s->w, L);
    return true;
}

static int close_sink(sink *s, const layout *L)
{
    if (s->o != NULL && L->blank_line_at_end)
        out_str(s->o, s->w.eol);
    int rc = out_close(s->o);
    s->o = NULL;
    return rc;
}

static int run(const options *opt)
{
    model m;
    m.key = mix64(opt->seed ^ 0x2025ce0ULL);
    m.off_gem = (double)(mix64(m.key + 1) >> 11) * 0x1.0p-53;
    m.off_voorz = (double)(mix64(m.key + 2) >> 11) * 0x1.0p-53;
    m.off_prov = (double)(mix64(m.key + 3) >> 11) * 0x1.0p-53;
    m.providers = opt->providers;
    setup_model();

    static long counts[NGEM][NVOORZ];
    sink sinks[NLAYOUTS] = {{0}};
    savw savs[NLAYOUTS] = {{0}};
    int rc = 0;
    outfile *truth = out_open(opt->out_dir, "truth.csv", false);
    if (truth == NULL)
        return 1;
    csvw tw = {.o = truth, .delim = ',', .eol = "\n"};
    for (size_t i = 0; i < NCOLS(truth_header); i++)
        csv_field(&tw, truth_header[i]);
    csv_end(&tw);

    /* Periods: one per month with --monthly, else one spanning all the months. */
    int periods = opt->monthly ? opt->months : 1;
    uint64_t idx = 0;
    resp *p = malloc(sizeof *p);
    if (p == NULL) {
        fprintf(stderr, "%s: out of memory\n", PROG);
        out_close(truth);
        return 1;
    }
    for (int per = 0; per < periods && rc == 0; per++) {
        int m0 = opt->first_month - 1 + (opt->monthly ? per : 0);
        int y0 = opt->year + m0 / 12;
        int span = opt->monthly ? 1 : opt->months;
        int m1 = m0 + span;
        int64_t day0 = days_from_civil(y0, m0 % 12 + 1, 1);
        int64_t day1 = days_from_civil(opt->year + m1 / 12, m1 % 12 + 1, 1);
        long n = opt->monthly ? opt->n / periods + (per < opt->n % periods) : opt->n;

        for (size_t k = 0; k < NLAYOUTS; k++) {
            if (opt->layout >= 0 && (size_t)opt->layout != k)
                continue;
            char name[64];
            if (opt->monthly)
                snprintf(name, sizeof name, "%s-%04d-%02d.csv", layouts[k].file, y0, m0 % 12 + 1);
            else
                snprintf(name, sizeof name, "%s.csv", layouts[k].file);
            if (!open_sink(&sinks[k], opt->out_dir, &layouts[k], name)) {
                rc = 1;
                break;
            }
            if (opt->sav) {
                memcpy(strrchr(name, '.'), ".sav", 5);
                if (!sav_open(&savs[k], opt->out_dir, k, name, n)) {
                    rc = 1;
                    break;
                }
            }
        }
        for (long i = 0; i < n && rc == 0 && truth->err == 0; i++, idx++) {
            /* Responses arrive in order over the period, mostly in the daytime; the export is
             * sorted by time as the platforms sort it. */
            rng tr;
            rng_seed(&tr, mix64(m.key ^ 0x7133ULL ^ (idx * 0xa0761d6478bd642fULL)));
            int64_t day =
                day0 + (int64_t)(((double)i + unif(&tr)) / (double)n * (double)(day1 - day0));
            int sec = 7 * 3600 + (int)(unif(&tr) * 14.5 * 3600.0);
            p->t_start = day * 86400 + sec;
            make_respondent(&m, idx, p);
            counts[p->gem][p->voorz]++;
            for (size_t k = 0; k < NLAYOUTS; k++)
                if (sinks[k].o != NULL) {
                    write_row(&sinks[k].w, &layouts[k], &m, p);
                    if (savs[k].w != NULL)
                        sav_row(&savs[k], k, p);
                }
            write_truth_row(&tw, p);
        }
        for (size_t k = 0; k < NLAYOUTS; k++) {
            if (close_sink(&sinks[k], &layouts[k]) != 0)
                rc = 1;
            if (sav_close(&savs[k]) != 0)
                rc = 1;
        }
    }
    free(p);
    if (out_close(truth) != 0)
        rc = 1;
    if (rc == 0)
        rc = write_effects(opt->out_dir);
    if (rc == 0)
        rc = write_uitgezet(opt->out_dir, &m, (const long(*)[NVOORZ])counts);
    return rc;
}

int main(int argc, char **argv)
{
    options opt;
    int st = parse_args(argc, argv, &opt);
    if (st != 0)
        return st < 0 ? 0 : st;
    return run(&opt);
}
