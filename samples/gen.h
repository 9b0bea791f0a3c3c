/*
 * gen.h - the parts of ceo-gen (the sample generator) its files share: the fictional region
 * and its planted effects (model.c), a respondent (respondent.c), dates, buffered output and
 * CSV records (output.c), the platforms' layouts (layouts.c), the truth and side files
 * (truth.c), SPSS files (sav.c) and the command line and run (gen.c). Only libc, libm and
 * ReadStat; no project headers, so the generator builds before the library does.
 */
#ifndef CEO_GEN_H
#define CEO_GEN_H

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <readstat.h>

#define PROG "ceo-gen"

/* ---- model.c: random numbers, the fictional region and its planted effects ------------------- */

typedef struct {
    uint64_t s;
    double spare;
    bool has_spare;
} rng;

/* The splitmix64 finaliser: a bijection on 64 bits, which makes ids unique by construction. */
uint64_t mix64(uint64_t z);

void rng_seed(rng *r, uint64_t s);

/* Uniform in [0, 1). */
double unif(rng *r);

/* Uniform integer in [0, n). */
int uniform_int(rng *r, int n);

bool chance(rng *r, double p);

/* Standard normal (Marsaglia's polar method: one log per two numbers). */
double normal(rng *r);

/* Index into a table of shares summing to 1, for a u in [0, 1). */
int pick_share(double u, const double *share, int n);

int pick(rng *r, const double *share, int n);

/* Fractional part of off + idx * alpha: a Weyl sequence, evenly spread for every prefix. */
double weyl(double off, uint64_t idx, double alpha);

#define NGEM 8

extern const char *const gem_name[NGEM];
extern const double gem_share[NGEM];
extern const double gem_weight[NGEM];
extern const double gem_rate[NGEM];

enum { V_HH, V_BEGELEIDING, V_DAGBESTEDING, V_HULPMIDDEL, V_WONING, V_VERVOER, NVOORZ };

extern const char *const voorz_name[NVOORZ];
extern const double voorz_share[NVOORZ];

#define NPROV 6

extern const char *const prov_name[NPROV];
extern const double prov_share[NPROV];

/* With --providers N the HV clients are spread evenly over N providers instead (for the
 * benchmark of one report per provider); the answers still follow the six above. Names past
 * the six are made from these parts. */
#define MAX_PROVIDERS 500

extern const char *const prov_prefix[10];
extern const char *const prov_place[12];

/* The nine standard likert items, in codebook order (clientondersteuner is yes/no). */
enum { WIST_WAAR, SNEL, SERIEUS, SAMEN, KWAL_GOED, PAST, DINGEN, REDDEN, KWAL_LEVEN, NSTD };

extern const int std_theme[NSTD];
extern const double std_wn[NSTD];
extern const double std_miss[NSTD];

#define NHV 7

extern const double hv_wn[NHV];
extern const double hv_miss[NHV];

enum { BG_LEEFTIJD, BG_GESLACHT, BG_WOON, BG_INVUL, NBG };

#define NOPT 6 /* ondersteuning options, in codebook order */

extern const char *const likert_cat[6];
extern const char *const janee_cat[3];
extern const char *const bg_cat[NBG][5];
extern const char *const opt_cat[NOPT];

enum { G_GEMEENTE, G_AANBIEDER };

typedef struct {
    int kind;
    int group;
    const char *item;
    double shift; /* likert: SD on the latent scale; marks and 0-10 scores: points */
    const char *note;
} effect;

#define NEFFECTS 20
extern const effect effects[NEFFECTS];
extern double gem_shift[NGEM][NSTD];
extern double prov_shift[NPROV][NHV];
extern double prov_cijfer_shift[NPROV];
extern double prov_nps_shift[NPROV];
extern double std_thr[NSTD][4];
extern double hv_thr[NHV][4];

void setup_model(void);

/* ---- respondent.c: one respondent, a pure function of (seed, index) -------------------------- */

extern const char *const pii_kind[];

typedef struct {
    uint64_t idx;
    char id[18];
    int64_t t_start, t_end; /* seconds since 1970-01-01, local time */
    int gem, voorz;
    int prov;        /* -1 unless voorz is V_HH */
    int prov_label;  /* the provider named in the exports: prov, or one of --providers */
    bool prov_shown; /* false when an HV respondent skipped the aanbieder question */
    int gewicht_milli;
    signed char std[NSTD]; /* 0-4 answer, 5 weet niet, -1 skipped */
    signed char clientond; /* 0 ja, 1 nee, -1 skipped */
    int cijfer2;           /* twice the mark (15 is 7.5); 0 skipped */
    signed char hv[NHV];   /* as std; all -1 for non-HV respondents */
    int hv_cijfer2;
    int nps; /* 0-10, -1 skipped */
    signed char bg[NBG];
    unsigned multi; /* bit per ondersteuning option; 0 when the question was skipped */
    signed char consent;
    char naam[64], tel[32], email[80];
    char opm[1400];
    int klacht; /* -1 without open answer */
    unsigned pii;
    int ip[2];
    int collector;
    long ls_seed;
} resp;

typedef struct {
    uint64_t key; /* from --seed; mixed into every per-respondent stream */
    double off_gem, off_voorz, off_prov;
    int providers; /* --providers; 0: the six of the region */
} model;

/* Appends to a NUL-terminated buffer, truncating silently: buffers are sized for the longest
 * text this program can make. */
void append(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A likert answer from a latent value: skipped, weet niet, or one of the five categories. */
signed char likert(rng *r, double y, const double thr[4], double wn, double miss);

/* Fills *p with respondent idx. t_start must already be set by the caller (it depends on the
 * fieldwork period, not on the respondent); everything else is derived here. */
void make_respondent(const model *m, uint64_t idx, resp *p);

/* ---- output.c: dates, buffered files (UTF-8 or Windows-1252), CSV records -------------------- */

int64_t days_from_civil(int y, int m, int d);

enum datestyle { D_ISO, D_US, D_NL, D_DAY };

/* Formats t into out (at least 24 bytes); hand-made because it runs millions of times. */
void format_date(int64_t t, enum datestyle st, char *out);

typedef struct {
    FILE *f;
    char path[1024];
    int err; /* errno of the first failed write; 0 while all is well */
    bool cp1252;
    size_t len;
    char buf[1 << 16];
} outfile;

void out_raw(outfile *o, const char *s, size_t n);

void out_str(outfile *o, const char *s);

outfile *out_open(const char *dir, const char *name, bool cp1252);

/* Flushes and closes o (NULL is fine). Returns 0, or 1 after reporting a write error. */
int out_close(outfile *o);

typedef struct {
    outfile *o;
    char delim;
    bool quote_all;
    const char *eol;
    bool eol_between; /* LimeSurvey: records separated, no newline after the last one */
    long records;
    int fields; /* in the current record */
} csvw;

void csv_field(csvw *w, const char *s);

void csv_end(csvw *w);

/* Writes a small non-negative integer without printf. */
void csv_int(csvw *w, long v);

/* ---- layouts.c: the platforms' columns and labels, a respondent as a row --------------------- */

enum colkind {
    K_ID,
    K_START,
    K_END,
    K_STATUS,
    K_IP,
    K_PROGRESS,
    K_DURATION,
    K_FINISHED,
    K_BLANK,
    K_CHANNEL,
    K_LANG,
    K_COLLECTOR,
    K_LASTPAGE,
    K_STARTLANG,
    K_LSSEED,
    K_GEM,
    K_VOORZ,
    K_AANB,
    K_STD,
    K_CLIENTOND,
    K_CIJFER,
    K_HV,
    K_HVCIJFER,
    K_NPSGROUP,
    K_NPS,
    K_BG,
    K_MULTI_JOINED,
    K_MULTI_OPT,
    K_OPM,
    K_CONSENT,
    K_NAAM,
    K_TEL,
    K_EMAIL,
    K_GEWICHT,
};

typedef struct {
    const char *h1, *h2, *h3;
    enum colkind kind;
    int arg;
} colspec;

enum multistyle { M_JOINED, M_LABEL, M_Y, M_ONEZERO };

typedef struct {
    const char *option; /* --layout name */
    const char *file;   /* file name without ".csv" */
    char delim;
    bool quote_all, crlf, bom, cp1252, eol_between, blank_line_at_end;
    int header_rows;
    enum datestyle dates;
    bool decimal_comma;
    bool noisy; /* hand-typed labels: random case, stray spaces */
    const colspec *cols;
    size_t ncols;
    const char *likert[6];
    const char *janee[2];
    const char *bg[NBG][5];
    const char *opt[NOPT];
    enum multistyle multi;
} layout;

#define SM_RESP "Response"

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

#define NLAYOUTS 4
extern const layout layouts[NLAYOUTS];

void write_header(csvw *w, const layout *L);

/* A mark stored as twice its value: "8", or "7.5" / "7,5". */
void write_mark(csvw *w, const layout *L, int twice);

/* The provider's name as the exports and truth.csv give it; "" when not shown. */
const char *provider_name(const resp *p, char *buf, size_t cap);

void write_row(csvw *w, const layout *L, const model *m, const resp *p);

/* ---- truth.c: truth.csv, effects.csv, uitgezet.csv and populatie.csv ------------------------- */

#define NTRUTH 38
extern const char *const truth_header[NTRUTH];

void write_truth_row(csvw *w, const resp *p);

int write_effects(const char *dir);

/* Invited counts: responses divided by a response rate of 25-45% that differs per gemeente
 * and a little per voorziening, so the accounting section has something to show. The
 * population (populatie.csv, for post-stratification) is the clients of each cell: 2.2 to 3.2
 * times the invited, a different factor per cell, so weighting changes the figures. */
int write_uitgezet(const char *dir, const model *m, const long counts[NGEM][NVOORZ]);

/* ---- sav.c: the SPSS exports (--sav) --------------------------------------------------------- */

typedef struct {
    FILE *f;
    char path[1024];
    int err;
    readstat_writer_t *w;
    readstat_variable_t **vars;
    size_t nvars;
} savw;

bool sav_open(savw *s, const char *dir, size_t k, const char *file, long rows);

void sav_row(savw *s, size_t k, const resp *p);

/* Finishes and closes s (nothing open is fine). Returns 0, or 1 after reporting. */
int sav_close(savw *s);

#endif
