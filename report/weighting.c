/*
 * weighting.c - [weging] methode of the project file turned into the st_options of the run,
 * set as cli/cmd_stats.c sets them for --weights and --post-stratify (weighting.h).
 */
#include "weighting.h"

#include <string.h>

#include "../stats/weights.h"

ceo_status rp_weights_setup(const sv_project *proj, const sv_table *t, st_options *so,
                            rp_weights *w, ceo_error *err)
{
    memset(w, 0, sizeof *w);
    const char *m = proj ? sv_project_get(proj, "weging", "methode") : NULL;
    if (!m || strcmp(m, "geen") == 0)
        return CEO_OK;
    if (strcmp(m, "gewicht") == 0) {
        w->how = RP_WEIGHT_GEWICHT;
        so->weights = 1;
        return CEO_OK;
    }
    if (strcmp(m, "poststratificatie") != 0)
        return ceo_error_set(err, CEO_EDATA, sv_project_file(proj), 0, 0,
                             "[weging] methode is '%s': use geen, gewicht or poststratificatie", m);
    const char *pop = sv_project_path(proj, "weging", "populatie");
    if (!pop)
        return ceo_error_set(err, CEO_EDATA, sv_project_file(proj), 0, 0,
                             "[weging] methode = poststratificatie needs [weging] populatie");
    size_t nstrata = 0;
    if (!(w->weights = st_poststratify(t, pop, &w->empty, &w->strata, &nstrata, err)))
        return err->code;
    w->how = RP_WEIGHT_POST;
    so->external_weights = w->weights;
    so->strata = w->strata;
    so->nstrata = nstrata;
    return CEO_OK;
}

void rp_weights_free(rp_weights *w)
{
    if (!w)
        return;
    ceo_free(w->weights);
    ceo_free(w->strata);
    w->weights = NULL;
    w->strata = NULL;
}
