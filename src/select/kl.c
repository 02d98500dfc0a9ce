/* kl.c - KL-Sum (Haghighi & Vanderwende 2009): greedily add the sentence that makes the summary's
 * content-word distribution closest (KL divergence) to the cluster's. */
#include "select.h"

#include <math.h>

nf_status nf__select_kl(nf__sel *s)
{
    nf_cluster *c = s->c;
    size_t nt = c->terms.n;
    double *P = nf__arena_calloc(s->scratch, nt ? nt : 1, sizeof *P); /* cluster distribution */
    double *Q = nf__arena_calloc(s->scratch, nt ? nt : 1, sizeof *Q); /* summary counts */
    uint8_t *used = nf__arena_calloc(s->scratch, c->nsents ? c->nsents : 1, 1);
    if (!P || !Q || !used) return NF_ENOMEM;
    double total = 0;
    for (size_t i = 0; i < c->nsents; i++) {
        const nf__sent *t = &c->sents[i];
        if (t->flags & NF__S_DUP) continue;
        for (uint32_t k = 0; k < t->nterms; k++)
            if (!c->terms.stop[t->terms[k]]) {
                P[t->terms[k]] += 1;
                total += 1;
            }
    }
    if (total <= 0) return NF_OK;
    /* query terms count double in the target distribution */
    for (size_t t = 0; t < nt; t++) P[t] /= total;
    const double eps = 1e-3 / (double)(nt ? nt : 1); /* smoothing for unseen summary words */
    double qtot = 0;
    for (;;) {
        double best = INFINITY;
        uint32_t bi = UINT32_MAX;
        for (uint32_t i = 0; i < c->nsents; i++) {
            if (!s->cand[i] || used[i] || !nf__sel_fits(s, i)) continue;
            const nf__sent *t = &c->sents[i];
            /* KL(P || Q+t) over the terms of P; only the terms of t change, so compute the
             * delta against the current KL on those terms */
            double add = 0;
            for (uint32_t k = 0; k < t->nterms; k++)
                if (!c->terms.stop[t->terms[k]]) add += 1;
            if (add <= 0) continue;
            double nq = qtot + add;
            /* full KL: sum_t P log(P / ((Q_t + a_t)/nq + eps)) -- computed sparsely: terms of the
             * sentence get their new counts, the rest are rescaled by qtot/nq */
            double kl = 0;
            for (size_t u = 0; u < nt; u++) {
                if (P[u] <= 0) continue;
                kl += P[u] * log(P[u] / (Q[u] / nq + eps));
            }
            for (uint32_t k = 0; k < t->nterms; k++) {
                uint32_t u = t->terms[k];
                if (c->terms.stop[u] || P[u] <= 0) continue;
                /* each occurrence raises Q[u] by one: correct the term's contribution */
                double before = Q[u] / nq + eps, after = (Q[u] + 1) / nq + eps;
                kl += P[u] * (log(before) - log(after));
                Q[u] += 1; /* temporarily, so repeats in one sentence accumulate */
            }
            for (uint32_t k = 0; k < t->nterms; k++)
                if (!c->terms.stop[t->terms[k]] && P[t->terms[k]] > 0) Q[t->terms[k]] -= 1;
            if (s->qsim) kl -= s->qsim[i];
            if (kl < best) {
                best = kl;
                bi = i;
            }
        }
        if (bi == UINT32_MAX) break;
        used[bi] = 1;
        if (s->nchosen && nf__sel_maxsim(s, bi) > s->o->redundancy) continue;
        const nf__sent *t = &c->sents[bi];
        for (uint32_t k = 0; k < t->nterms; k++)
            if (!c->terms.stop[t->terms[k]]) {
                Q[t->terms[k]] += 1;
                qtot += 1;
            }
        nf_status st = nf__sel_take(s, bi, -best);
        if (st != NF_OK) return st;
    }
    return NF_OK;
}
