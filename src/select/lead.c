/* lead.c - lead baseline, round-robin over documents: every document's first candidate sentence,
 * then every second one, and so on (documents in source order). */
#include "select.h"

nf_status nf__select_lead(nf__sel *s)
{
    size_t n = s->c->nsents;
    uint32_t *rank = nf__cand_rank(s);
    double *score = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof *score);
    if (!rank || !score) return NF_ENOMEM;
    double nd = (double)s->c->ndocs;
    for (size_t i = 0; i < n; i++)
        score[i] =
            rank[i] == UINT32_MAX ? -1e300 : -((double)rank[i] * nd + (double)s->c->sents[i].doc);
    return nf__sel_greedy(s, score);
}
