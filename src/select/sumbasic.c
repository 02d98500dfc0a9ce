/* sumbasic.c - SumBasic (Nenkova & Vanderwende 2005): content-word probabilities over the
 * cluster; each round, among the sentences containing the currently most probable word, take the
 * one with the highest average word probability, then square the probabilities of its words so
 * later rounds prefer what it did not say. */
#include "select.h"

#include <math.h>

/* With a query the average probability (about 1/vocabulary) is rescaled to the round's best, so
 * adding the query cosine (0..1) weighs the two alike. */
#define QUERY_WEIGHT 1.0

nf_status nf__select_sumbasic(nf__sel *s)
{
    const nf_cluster *c = s->c;
    size_t n = c->nsents, nt = c->terms.n;
    double *p = nf__arena_calloc(s->scratch, nt ? nt : 1, sizeof *p);
    double *avg = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof *avg);
    double *maxsim = nf__arena_calloc(s->scratch, n ? n : 1, sizeof *maxsim);
    double *last = nf__arena_calloc(s->scratch, nt ? nt : 1, sizeof *last);
    uint8_t *live = nf__arena_alloc(s->scratch, n ? n : 1);
    if (!p || !avg || !maxsim || !last || !live) return NF_ENOMEM;
    /* Repetition across reports is the signal, so every token counts; near-duplicate sentences
     * are left out, as copies of one wire story are not independent reports. */
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        const nf__sent *t = &c->sents[i];
        if (t->flags & NF__S_DUP) continue;
        for (uint32_t k = 0; k < t->nterms; k++) {
            if (c->terms.stop[t->terms[k]]) continue;
            p[t->terms[k]] += 1.0;
            total += 1.0;
        }
    }
    if (total <= 0) total = 1.0;
    for (size_t t = 0; t < nt; t++) p[t] /= total;
    for (size_t i = 0; i < n; i++) live[i] = s->cand[i];
    while (s->used < s->o->budget) {
        /* the most probable word among the sentences still eligible; ties to the lower id */
        uint32_t top = UINT32_MAX;
        double bestavg = 0;
        for (size_t i = 0; i < n; i++) {
            if (!live[i]) continue;
            /* both only grow: a sentence that is too long or too redundant now stays so */
            if (!nf__sel_fits(s, (uint32_t)i) || maxsim[i] > s->o->redundancy) {
                live[i] = 0;
                continue;
            }
            const nf__sent *t = &c->sents[i];
            double sum = 0;
            uint32_t cnt = 0;
            for (uint32_t k = 0; k < t->nterms; k++) {
                uint32_t w = t->terms[k];
                if (c->terms.stop[w]) continue;
                sum += p[w];
                cnt++;
                if (top == UINT32_MAX || p[w] > p[top] || (p[w] == p[top] && w < top)) top = w;
            }
            avg[i] = cnt ? sum / (double)cnt : 0.0;
            if (avg[i] > bestavg) bestavg = avg[i];
        }
        uint32_t best = UINT32_MAX;
        double bv = -INFINITY;
        for (size_t i = 0; i < n; i++) {
            if (!live[i]) continue;
            const nf__sent *t = &c->sents[i];
            /* a sentence without content words can only be taken when no sentence has one */
            bool has = top == UINT32_MAX;
            for (uint32_t k = 0; k < t->nv && !has; k++) has = t->vt[k] == top;
            if (!has) continue;
            double v = avg[i];
            if (s->qsim) v = (bestavg > 0 ? v / bestavg : 0.0) + QUERY_WEIGHT * s->qsim[i];
            if (v > bv) {
                bv = v;
                best = (uint32_t)i;
            }
        }
        if (best == UINT32_MAX) break;
        nf_status st = nf__sel_take(s, best, bv);
        if (st != NF_OK) return st;
        live[best] = 0;
        const nf__sent *b = &c->sents[best];
        for (uint32_t k = 0; k < b->nv; k++) p[b->vt[k]] *= p[b->vt[k]];
        nf__maxsim_update(c, best, live, n, last, maxsim);
    }
    return NF_OK;
}
