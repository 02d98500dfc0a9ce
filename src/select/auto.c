/* auto.c - the default method, chosen by measurement (bench/QUALITY.md): a greedy bigram-concept
 * cover (the ILP's objective without the solver), with query relevance and a position prior.
 * It scores as well as the exact ILP on the DUC sets and is an order of magnitude faster. */
#include "concepts.h"

/* Chosen on DUC 2006 + DUC 2007 (query-focused, 250 words) by a grid over 192 settings, picking a
 * setting whose neighbours score about as well (the surface is flat within ROUGE noise), then
 * checked on the DUC 2007 update set and Multi-News, which played no part in the choice. */
#define QBOOST 0.5   /* concepts sharing a query term weigh 1.5x */
#define QMUL 4.0     /* sentence gain *= 1 + 4 * cosine(sentence, query) */
#define COST_POW 0.5 /* gain per sqrt(words): long sentences are not penalized linearly */
#define POS_BONUS 0.3 /* gain *= 1 + 0.3 / (1 + rank in document): a light lead prior */

nf_status nf__select_auto(nf__sel *s)
{
    nf__concepts cp;
    uint32_t min_df = nf__concepts_min_df(s->c->ngroups);
    nf_status st;
    for (;;) {
        st = nf__concepts_build(s, min_df, QBOOST, &cp);
        if (st != NF_OK) return st;
        if (cp.n > 0 || min_df == 1) break;
        min_df--;
    }
    uint8_t *covered = nf__arena_calloc(s->scratch, cp.n ? cp.n : 1, 1);
    if (!covered) return NF_ENOMEM;
    nf__greedy_params p = {COST_POW, QMUL, 1.0, POS_BONUS};
    st = nf__concepts_greedy(s, &cp, covered, &p);
    return st != NF_OK ? st : nf__fill_centroid(s);
}
