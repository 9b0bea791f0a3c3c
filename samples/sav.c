/*
 * sav.c - ceo-gen's SPSS .sav exports (--sav), written with ReadStat: the same answers as
 * the CSV layouts, with value labels.
 */
#include "gen.h"

/* ------------------------------------------------------------------------------------------ */
/* SPSS system files (--sav): each layout's columns as the variables a research bureau would
 * deliver, written with ReadStat. Names are the layout's codes where they are SPSS names
 * (Q4_1, StartDate), else v1, v2, ...; labels are the header texts; answers are numeric
 * codes with value labels, running from "helemaal mee eens" down in some layouts and up in
 * others; missing answers are system-missing, except in the Dutch Excel layout's .sav, which
 * codes them 99 and declares 99 user-missing. */

#define SPSS_EPOCH 12219379200LL /* seconds from 1582-10-14 to 1970-01-01 */

static ssize_t sav_bytes(const void *p, size_t n, void *ctx)
{
    savw *s = ctx;
    if (s->err == 0 && fwrite(p, 1, n, s->f) != n)
        s->err = errno ? errno : EIO;
    return (ssize_t)n;
}

static bool is_spss_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64 || !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

/* Code of category v (0 = helemaal mee eens, 5 = weet niet) in layout k's .sav. */
static int sav_likert_code(size_t k, int v)
{
    bool down = k % 2 == 1; /* surveymonkey and excel: 5 = helemaal mee eens */
    if (v == 5)
        return down ? 9 : 6;
    return down ? 5 - v : v + 1;
}

static readstat_label_set_t *sav_labels(readstat_writer_t *w, const char *name,
                                        const char *const *labels, int n, int (*code)(size_t, int),
                                        size_t k)
{
    readstat_label_set_t *ls = readstat_add_label_set(w, READSTAT_TYPE_DOUBLE, name);
    for (int i = 0; i < n; i++)
        if (labels[i] != NULL)
            readstat_label_double_value(ls, code != NULL ? code(k, i) : i + 1, labels[i]);
    return ls;
}

bool sav_open(savw *s, const char *dir, size_t k, const char *file, long rows)
{
    const layout *L = &layouts[k];
    snprintf(s->path, sizeof s->path, "%s/%s", dir, file);
    s->f = fopen(s->path, "wb");
    if (s->f == NULL) {
        fprintf(stderr, "%s: cannot create %s: %s\n", PROG, s->path, strerror(errno));
        return false;
    }
    s->err = 0;
    s->w = readstat_writer_init();
    s->vars = calloc(L->ncols, sizeof *s->vars);
    s->nvars = L->ncols;
    if (s->w == NULL || s->vars == NULL) {
        fprintf(stderr, "%s: out of memory\n", PROG);
        return false;
    }
    readstat_set_data_writer(s->w, sav_bytes);
    readstat_writer_set_file_label(s->w, "CEO Wmo Regio Rivierenland");
    readstat_writer_set_file_timestamp(s->w, 1741219200); /* fixed: same options, same bytes */
    readstat_writer_set_compression(s->w, k == 2 ? READSTAT_COMPRESS_NONE : READSTAT_COMPRESS_ROWS);
    readstat_label_set_t *lik = sav_labels(s->w, "likert", L->likert, 6, sav_likert_code, k);
    if (L->cp1252) /* the bureau's file: 99 = no answer, declared missing */
        readstat_label_double_value(lik, 99, "Geen antwoord");
    readstat_label_set_t *jn = sav_labels(s->w, "janee", L->janee, 2, NULL, k);
    readstat_label_set_t *gem = sav_labels(s->w, "gemeente", gem_name, NGEM, NULL, k);
    readstat_label_set_t *vz = sav_labels(s->w, "voorziening", voorz_name, NVOORZ, NULL, k);
    readstat_label_set_t *pv = sav_labels(s->w, "aanbieder", prov_name, NPROV, NULL, k);
    readstat_label_set_t *bg[NBG];
    for (int b = 0; b < NBG; b++) {
        char nm[16];
        snprintf(nm, sizeof nm, "bg%d", b);
        bg[b] = sav_labels(s->w, nm, L->bg[b], 5, NULL, k);
    }
    const char *h1 = "";
    for (size_t c = 0; c < L->ncols; c++) {
        const colspec *cs = &L->cols[c];
        char name[72], label[512];
        bool unique = is_spss_name(cs->h1);
        for (size_t o = 0; o < c && unique; o++)
            unique = strcmp(L->cols[o].h1, cs->h1) != 0;
        if (unique)
            snprintf(name, sizeof name, "%s", cs->h1);
        else
            snprintf(name, sizeof name, "v%zu", c + 1);
        if (cs->h1[0] != '\0')
            h1 = cs->h1;
        if (L->header_rows == 3)
            snprintf(label, sizeof label, "%s", cs->h2);
        else if (L->header_rows == 2 && cs->h2 != NULL && cs->h2[0] != '\0' &&
                 strcmp(cs->h2, SM_RESP) != 0)
            snprintf(label, sizeof label, "%s - %s", h1, cs->h2);
        else
            snprintf(label, sizeof label, "%s", cs->h1[0] != '\0' ? cs->h1 : h1);
        readstat_type_t type = READSTAT_TYPE_DOUBLE;
        size_t width = 0;
        const char *format = NULL;
        readstat_label_set_t *ls = NULL;
        switch (cs->kind) {
        case K_ID:
            type = READSTAT_TYPE_STRING, width = 24;
            break;
        case K_STATUS:
        case K_IP:
        case K_BLANK:
        case K_CHANNEL:
        case K_LANG:
        case K_FINISHED:
        case K_LASTPAGE:
        case K_STARTLANG:
        case K_NPSGROUP:
            type = READSTAT_TYPE_STRING, width = 24;
            break;
        case K_MULTI_JOINED:
            type = READSTAT_TYPE_STRING, width = 160;
            break;
        case K_OPM:
            type = READSTAT_TYPE_STRING, width = 1400;
            break;
        case K_NAAM:
        case K_TEL:
        case K_EMAIL:
            type = READSTAT_TYPE_STRING, width = 80;
            break;
        case K_START:
        case K_END:
            format = L->dates == D_NL ? "DATE11" : "DATETIME20";
            break;
        case K_GEM:
            ls = gem;
            break;
        case K_VOORZ:
            ls = vz;
            break;
        case K_AANB:
            ls = pv;
            break;
        case K_STD:
        case K_HV:
            ls = lik;
            break;
        case K_CLIENTOND:
        case K_CONSENT:
            ls = jn;
            break;
        case K_BG:
            ls = bg[cs->arg];
            break;
        case K_CIJFER:
        case K_HVCIJFER:
        case K_GEWICHT:
            format = "F8.3";
            break;
        default:
            break;
        }
        readstat_variable_t *v = readstat_add_variable(s->w, name, type, width);
        readstat_variable_set_label(v, label);
        if (format != NULL)
            readstat_variable_set_format(v, format);
        if (ls != NULL)
            readstat_variable_set_label_set(v, ls);
        if (ls == lik && L->cp1252)
            readstat_variable_add_missing_double_value(v, 99);
        if (cs->kind == K_MULTI_OPT && L->multi == M_LABEL) {
            char nm[32];
            snprintf(nm, sizeof nm, "opt%zu", c);
            readstat_label_set_t *o = readstat_add_label_set(s->w, READSTAT_TYPE_DOUBLE, nm);
            readstat_label_double_value(o, 1, cs->h2);
            readstat_variable_set_label_set(v, o);
        }
        s->vars[c] = v;
    }
    readstat_error_t rc = readstat_begin_writing_sav(s->w, s, rows);
    if (rc != READSTAT_OK) {
        fprintf(stderr, "%s: cannot write %s: %s\n", PROG, s->path, readstat_error_message(rc));
        return false;
    }
    return true;
}

static void sav_num(savw *s, size_t c, bool present, double v)
{
    if (present)
        readstat_insert_double_value(s->w, s->vars[c], v);
    else
        readstat_insert_missing_value(s->w, s->vars[c]);
}

void sav_row(savw *s, size_t k, const resp *p)
{
    const layout *L = &layouts[k];
    char buf[160];
    readstat_begin_row(s->w);
    for (size_t c = 0; c < L->ncols; c++) {
        const colspec *cs = &L->cols[c];
        readstat_variable_t *v = s->vars[c];
        const char *str = NULL;
        switch (cs->kind) {
        case K_ID:
            str = p->id;
            break;
        case K_START:
        case K_END: {
            int64_t t = cs->kind == K_START ? p->t_start : p->t_end;
            if (L->dates == D_NL)
                t -= ((t % 86400) + 86400) % 86400;
            sav_num(s, c, true, (double)(t + SPSS_EPOCH));
            break;
        }
        case K_STATUS:
            str = "IP Address";
            break;
        case K_IP: {
            static const char *const nets[3] = {"192.0.2.", "198.51.100.", "203.0.113."};
            snprintf(buf, sizeof buf, "%s%d", nets[p->ip[0]], p->ip[1]);
            str = buf;
            break;
        }
        case K_PROGRESS:
            sav_num(s, c, true, 100);
            break;
        case K_DURATION:
            sav_num(s, c, true, (double)(p->t_end - p->t_start));
            break;
        case K_FINISHED:
            str = "True";
            break;
        case K_BLANK:
            str = "";
            break;
        case K_CHANNEL:
            str = "anonymous";
            break;
        case K_LANG:
            str = "NL";
            break;
        case K_COLLECTOR:
            sav_num(s, c, true, p->collector);
            break;
        case K_LASTPAGE:
            str = "7";
            break;
        case K_STARTLANG:
            str = "nl";
            break;
        case K_LSSEED:
            sav_num(s, c, true, (double)p->ls_seed);
            break;
        case K_GEM:
            sav_num(s, c, true, p->gem + 1);
            break;
        case K_VOORZ:
            sav_num(s, c, true, p->voorz + 1);
            break;
        case K_AANB:
            sav_num(s, c, p->prov >= 0 && p->prov_shown, p->prov + 1);
            break;
        case K_STD:
        case K_HV: {
            int a = cs->kind == K_STD ? p->std[cs->arg] : p->hv[cs->arg];
            if (a < 0 && L->cp1252)
                sav_num(s, c, true, 99);
            else
                sav_num(s, c, a >= 0, sav_likert_code(k, a));
            break;
        }
        case K_CLIENTOND:
        case K_CONSENT: {
            int a = cs->kind == K_CLIENTOND ? p->clientond : p->consent;
            sav_num(s, c, a >= 0, a + 1);
            break;
        }
        case K_CIJFER:
            sav_num(s, c, p->cijfer2 != 0, p->cijfer2 / 2.0);
            break;
        case K_HVCIJFER:
            sav_num(s, c, p->hv_cijfer2 != 0, p->hv_cijfer2 / 2.0);
            break;
        case K_NPSGROUP:
            str = p->nps < 0    ? ""
                  : p->nps >= 9 ? "Promoter"
                  : p->nps >= 7 ? "Passive"
                                : "Detractor";
            break;
        case K_NPS:
            sav_num(s, c, p->nps >= 0, p->nps);
            break;
        case K_BG:
            sav_num(s, c, p->bg[cs->arg] >= 0, p->bg[cs->arg] + 1);
            break;
        case K_MULTI_JOINED:
            buf[0] = '\0';
            for (int o = 0; o < NOPT; o++)
                if (p->multi & (1u << o))
                    append(buf, sizeof buf, "%s%s", buf[0] ? "," : "", L->opt[o]);
            str = buf;
            break;
        case K_MULTI_OPT: {
            bool on = (p->multi >> cs->arg) & 1u;
            if (L->multi == M_ONEZERO)
                sav_num(s, c, p->multi != 0, on ? 1 : 0);
            else
                sav_num(s, c, on, 1);
            break;
        }
        case K_OPM:
            str = p->opm;
            break;
        case K_NAAM:
            str = p->naam;
            break;
        case K_TEL:
            str = p->tel;
            break;
        case K_EMAIL:
            str = p->email;
            break;
        case K_GEWICHT:
            sav_num(s, c, true, p->gewicht_milli / 1000.0);
            break;
        }
        if (str != NULL)
            readstat_insert_string_value(s->w, v, str);
    }
    readstat_end_row(s->w);
}

/* Finishes and closes s (nothing open is fine). Returns 0, or 1 after reporting. */
int sav_close(savw *s)
{
    int rc = 0;
    if (s->w != NULL) {
        readstat_error_t e = s->f != NULL ? readstat_end_writing(s->w) : READSTAT_OK;
        if (e != READSTAT_OK) {
            fprintf(stderr, "%s: cannot write %s: %s\n", PROG, s->path, readstat_error_message(e));
            rc = 1;
        }
        readstat_writer_free(s->w);
    }
    if (s->f != NULL && fclose(s->f) != 0 && s->err == 0)
        s->err = errno ? errno : EIO;
    if (s->f != NULL && s->err != 0) {
        fprintf(stderr, "%s: cannot write %s: %s\n", PROG, s->path, strerror(s->err));
        rc = 1;
    }
    free(s->vars);
    *s = (savw){0};
    return rc;
}
