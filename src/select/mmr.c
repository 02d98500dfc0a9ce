/* mmr.c - Maximal Marginal Relevance (Carbonell & Goldstein 1998): each round takes the sentence
 * that fits the budget with the best lambda * relevance - (1 - lambda) * max cosine to the chosen
 * ones. Relevance is the cosine to the cluster centroid, plus the one to the query if any. */
#include "select.h"

#include <math.h>

#define LAMBDA 0.7
/* With a query, relevance is the query cosine plus the centroid cosine: most sentences share no
 * query term and would tie at zero, and the query names the topic while the centroid says what
 * the reports say about it (equal weights did best on DUC 2006 and 2007 of 0.2, 0.5 and 1). */
#define QUERY_CENTROID 1.0

/* Cosine of every candidate to the centroid of the non-duplicate sentences (tf-idf sum). */
static nf_status centroid_sims(nf__sel *s, double *rel)
{
    const nf_cluster *c = s->c;
    size_t n = c->nsents;
    double *cw = nf__arena_calloc(s->scratch, c->terms.n ? c->terms.n : 1, sizeof *cw);
    if (!cw) return NF_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const nf__sent *t = &c->sents[i];
        if (t->flags & NF__S_DUP) continue;
        for (uint32_t k = 0; k < t->nv; k++) cw[t->vt[k]] += nf__vw(t)[k];
    }
    double cn = 0;
    for (size_t t = 0; t < c->terms.n; t++) cn += cw[t] * cw[t];
    cn = sqrt(cn);
    for (size_t i = 0; i < n; i++) {
        const nf__sent *t = &c->sents[i];
        rel[i] = 0;
        if (!s->cand[i] || t->norm <= 0 || cn <= 0) continue;
        double dot = 0;
        for (uint32_t k = 0; k < t->nv; k++) dot += nf__vw(t)[k] * cw[t->vt[k]];
        rel[i] = dot / (t->norm * cn);
    }
    return NF_OK;
}

nf_status nf__select_mmr(nf__sel *s)
{
    const nf_cluster *c = s->c;
    size_t n = c->nsents;
    double *rel = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof *rel);
    double *maxsim = nf__arena_calloc(s->scratch, n ? n : 1, sizeof *maxsim);
    /* dense copy of the last chosen sentence's unit vector: one lookup per term per candidate */
    double *last = nf__arena_calloc(s->scratch, c->terms.n ? c->terms.n : 1, sizeof *last);
    uint8_t *live = nf__arena_alloc(s->scratch, n ? n : 1);
    if (!rel || !maxsim || !last || !live) return NF_ENOMEM;
    nf_status st = centroid_sims(s, rel);
    if (st != NF_OK) return st;
    if (s->qsim)
        for (size_t i = 0; i < n; i++) rel[i] = s->qsim[i] + QUERY_CENTROID * rel[i];
    for (size_t i = 0; i < n; i++) live[i] = s->cand[i];
    while (s->used < s->o->budget) {
        uint32_t best = UINT32_MAX;
        double bv = -INFINITY;
        for (size_t i = 0; i < n; i++) {
            if (!live[i]) continue;
            /* both only grow: a sentence that is too long or too redundant now stays so */
            if (!nf__sel_fits(s, (uint32_t)i) || maxsim[i] > s->o->redundancy) {
                live[i] = 0;
                continue;
            }
            double v = LAMBDA * rel[i] - (1.0 - LAMBDA) * maxsim[i];
            if (v > bv) {
                bv = v;
                best = (uint32_t)i;
            }
        }
        if (best == UINT32_MAX) break;
        st = nf__sel_take(s, best, bv);
        if (st != NF_OK) return st;
        live[best] = 0;
        nf__maxsim_update(c, best, live, n, last, maxsim);
    }
    return NF_OK;
}
