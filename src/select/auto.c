/* auto.c - the default method, chosen by measurement (bench/QUALITY.md): a greedy bigram-concept
 * cover (the ILP's objective without the solver), with query relevance and a position prior.
 * It scores as well as the exact ILP on the DUC sets and is an order of magnitude faster. */
#include "concepts.h"

#include <stdlib.h>

static double env_or(const char *name, double def)
{
    const char *v = getenv(name);
    return v ? strtod(v, NULL) : def;
}

nf_status nf__select_auto(nf__sel *s)
{
    nf__concepts cp;
    uint32_t min_df = nf__concepts_min_df(s->c->ndocs - nf_cluster_previous_count(s->c));
    nf_status st;
    double qboost = env_or("NF_T_QBOOST", 1.0);
    for (;;) {
        st = nf__concepts_build(s, min_df, qboost, &cp);
        if (st != NF_OK) return st;
        if (cp.n > 0 || min_df == 1) break;
        min_df--;
    }
    uint8_t *covered = nf__arena_calloc(s->scratch, cp.n ? cp.n : 1, 1);
    if (!covered) return NF_ENOMEM;
    nf__greedy_params p = {env_or("NF_T_COSTPOW", 0.5), env_or("NF_T_QMUL", 1.0),
                           env_or("NF_T_POSDECAY", 1.0), env_or("NF_T_POSBONUS", 0.0)};
    return nf__concepts_greedy(s, &cp, covered, &p);
}
