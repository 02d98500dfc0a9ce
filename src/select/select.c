/* select.c - the selector table, the budget, the redundancy check and the shared greedy tail. */
#include "select.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

nf__select_fn nf__selector(nf_algo a)
{
    switch (a) {
    case NF_ALGO_AUTO: return nf__select_auto;
    case NF_ALGO_LEAD: return nf__select_lead;
    case NF_ALGO_CENTROID: return nf__select_centroid;
    case NF_ALGO_LEXRANK: return nf__select_lexrank;
    case NF_ALGO_TEXTRANK: return nf__select_textrank;
    case NF_ALGO_MMR: return nf__select_mmr;
    case NF_ALGO_SUMBASIC: return nf__select_sumbasic;
    case NF_ALGO_KL: return nf__select_kl;
    case NF_ALGO_ILP: return nf__select_ilp;
    default: return NULL;
    }
}

size_t nf__sent_cost(const nf__sel *s, uint32_t i)
{
    const nf__sent *t = &s->c->sents[i];
    switch (s->o->unit) {
    case NF_UNIT_BYTES: return t->end - t->start;
    case NF_UNIT_SENTENCES: return 1;
    default: return t->nwords;
    }
}

bool nf__sel_fits(const nf__sel *s, uint32_t i)
{
    if (s->used >= s->o->budget) return false;
    if (s->o->flags & NF_OPT_TRUNCATE) return true; /* the last one is cut at the budget */
    return nf__sent_cost(s, i) <= s->o->budget - s->used;
}

double nf__sel_maxsim(const nf__sel *s, uint32_t i)
{
    double m = 0;
    const nf__sent *a = &s->c->sents[i];
    for (size_t k = 0; k < s->nchosen; k++) {
        const nf__sent *b = &s->c->sents[s->chosen[k]];
        if (a->dup_of >= 0 && (uint32_t)a->dup_of == s->chosen[k]) return 1.0;
        if (b->dup_of >= 0 && (uint32_t)b->dup_of == i) return 1.0;
        double v = nf__cosine(a, b);
        if (v > m) m = v;
    }
    return m;
}

nf_status nf__sel_take(nf__sel *s, uint32_t i, double score)
{
    if (s->nchosen == s->capchosen) {
        size_t nc = s->capchosen ? s->capchosen * 2 : 16;
        uint32_t *c = nf__arena_alloc(s->scratch, nc * sizeof *c);
        double *sc = nf__arena_alloc(s->scratch, nc * sizeof *sc);
        if (!c || !sc) return NF_ENOMEM;
        if (s->nchosen) {
            memcpy(c, s->chosen, s->nchosen * sizeof *c);
            memcpy(sc, s->scores, s->nchosen * sizeof *sc);
        }
        s->chosen = c;
        s->scores = sc;
        s->capchosen = nc;
    }
    s->chosen[s->nchosen] = i;
    s->scores[s->nchosen] = score;
    s->nchosen++;
    s->used += nf__sent_cost(s, i);
    return NF_OK;
}

typedef struct ranked {
    double score;
    uint32_t i;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

nf_status nf__sel_greedy(nf__sel *s, const double *score)
{
    size_t n = s->c->nsents, m = 0;
    ranked *r = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof *r);
    if (!r) return NF_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if (s->cand[i] && isfinite(score[i])) r[m++] = (ranked){score[i], (uint32_t)i};
    qsort(r, m, sizeof *r, cmp_ranked);
    for (size_t k = 0; k < m && s->used < s->o->budget; k++) {
        uint32_t i = r[k].i;
        if (!nf__sel_fits(s, i)) continue;
        if (s->nchosen && nf__sel_maxsim(s, i) > s->o->redundancy) continue;
        nf_status st = nf__sel_take(s, i, r[k].score);
        if (st != NF_OK) return st;
    }
    return NF_OK;
}

uint32_t *nf__cand_rank(nf__sel *s)
{
    size_t n = s->c->nsents;
    uint32_t *rank = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof *rank);
    if (!rank) return NULL;
    uint32_t r = 0, doc = UINT32_MAX;
    for (size_t i = 0; i < n; i++) {
        if (s->c->sents[i].doc != doc) {
            doc = s->c->sents[i].doc;
            r = 0;
        }
        rank[i] = s->cand[i] ? r++ : UINT32_MAX;
    }
    return rank;
}

nf_status nf__pagerank(nf__sel *s, const double *w, size_t n, double d, const double *prior,
                       double *out)
{
    double *rowsum = nf__arena_calloc(s->scratch, n ? n : 1, sizeof *rowsum);
    double *next = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof *next);
    if (!rowsum || !next) return NF_ENOMEM;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) rowsum[i] += w[i * n + j];
    for (size_t i = 0; i < n; i++) out[i] = 1.0 / (double)n;
    for (int it = 0; it < 100; it++) {
        double dangling = 0;
        for (size_t i = 0; i < n; i++)
            if (rowsum[i] <= 0) dangling += out[i];
        for (size_t j = 0; j < n; j++) {
            double p = prior ? prior[j] : 1.0 / (double)n;
            next[j] = (1.0 - d) * p + d * dangling / (double)n;
        }
        for (size_t i = 0; i < n; i++) {
            if (rowsum[i] <= 0) continue;
            double f = d * out[i] / rowsum[i];
            const double *row = w + i * n;
            for (size_t j = 0; j < n; j++) next[j] += f * row[j];
        }
        double delta = 0;
        for (size_t i = 0; i < n; i++) {
            delta += fabs(next[i] - out[i]);
            out[i] = next[i];
        }
        if (delta < 1e-7) break;
    }
    return NF_OK;
}
