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
    case NF_ALGO_SUBMODULAR: return nf__select_submodular;
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
        /* a near-duplicate of an earlier sentence still holds its place in its document */
        rank[i] = s->cand[i] ? r : UINT32_MAX;
        if (s->cand[i] || (s->c->sents[i].flags & NF__S_DUP)) r++;
    }
    return rank;
}

/* PageRank by power iteration; dangling nodes jump like the teleport, to the prior. The walk
 * without teleport on a symmetric graph is stationary at deg / sum(deg), so the start is near the
 * answer: about 20 iterations on a DUC cluster. */
nf_status nf__pagerank(nf__sel *s, const nf__graph *g, size_t m, double damping,
                       const double *prior, double *out)
{
    double *next = nf__arena_alloc(s->scratch, m * sizeof *next);
    double *f = nf__arena_alloc(s->scratch, m * sizeof *f);
    if (!next || !f) return NF_ENOMEM;
    double tot = 0, u = 1.0 / (double)m;
    for (size_t i = 0; i < m; i++) tot += g->deg[i];
    for (size_t i = 0; i < m; i++)
        out[i] =
            (1.0 - damping) * (prior ? prior[i] : u) + damping * (tot > 0 ? g->deg[i] / tot : u);
    for (int it = 0; it < 200; it++) {
        double dangling = 0;
        for (size_t i = 0; i < m; i++) {
            f[i] = g->deg[i] > 0 ? out[i] / g->deg[i] : 0.0;
            if (g->deg[i] <= 0) dangling += out[i];
        }
        double jump = (1.0 - damping) + damping * dangling, delta = 0;
        for (size_t i = 0; i < m; i++) {
            /* four sums (edge q of the row goes to sum q % 4, the tail to the first): one would
             * wait on the adder's latency at every edge. With SSE2 the four are two pairs of
             * lanes doing the same operations in the same order, so the result is the same. */
            double v0 = 0, v1 = 0, v2 = 0, v3 = 0;
            size_t q = g->row[i], e = g->row[i + 1];
            const float *val = g->val;
            const uint32_t *col = g->col;
#if defined(__SSE2__)
            __m128d a = _mm_setzero_pd(), b = _mm_setzero_pd();
            for (; q + 4 <= e; q += 4) {
                __m128 w = _mm_loadu_ps(val + q);
                __m128d f01 = _mm_loadh_pd(_mm_load_sd(f + col[q]), f + col[q + 1]);
                __m128d f23 = _mm_loadh_pd(_mm_load_sd(f + col[q + 2]), f + col[q + 3]);
                a = _mm_add_pd(a, _mm_mul_pd(_mm_cvtps_pd(w), f01));
                b = _mm_add_pd(b, _mm_mul_pd(_mm_cvtps_pd(_mm_movehl_ps(w, w)), f23));
            }
            double lanes[4];
            _mm_storeu_pd(lanes, a);
            _mm_storeu_pd(lanes + 2, b);
            v0 = lanes[0];
            v1 = lanes[1];
            v2 = lanes[2];
            v3 = lanes[3];
#else
            for (; q + 4 <= e; q += 4) {
                v0 += val[q] * f[col[q]];
                v1 += val[q + 1] * f[col[q + 1]];
                v2 += val[q + 2] * f[col[q + 2]];
                v3 += val[q + 3] * f[col[q + 3]];
            }
#endif
            for (; q < e; q++) v0 += val[q] * f[col[q]];
            next[i] = jump * (prior ? prior[i] : u) + damping * ((v0 + v1) + (v2 + v3));
            delta += fabs(next[i] - out[i]);
        }
        memcpy(out, next, m * sizeof *out);
        if (delta < 1e-8) break;
    }
    return NF_OK;
}

/* Share of the query prior spread uniformly: a sentence sharing no query term must still be
 * reachable, or PageRank mass would only flow through the few query-matching ones. */
#define PRIOR_UNIFORM 0.1

nf_status nf__graph_rank(nf__sel *s, const nf__graph *gr, const uint32_t *ids, size_t g,
                         double damping, double *score)
{
    double *pr = nf__arena_alloc(s->scratch, (g ? g : 1) * sizeof *pr);
    double *prior = NULL;
    if (!pr) return NF_ENOMEM;
    if (s->qsim) {
        double sum = 0;
        for (size_t k = 0; k < g; k++) sum += s->qsim[ids[k]];
        if (sum > 0) {
            prior = nf__arena_alloc(s->scratch, g * sizeof *prior);
            if (!prior) return NF_ENOMEM;
            for (size_t k = 0; k < g; k++)
                prior[k] =
                    (1.0 - PRIOR_UNIFORM) * s->qsim[ids[k]] / sum + PRIOR_UNIFORM / (double)g;
        }
    }
    nf_status st = nf__pagerank(s, gr, g, damping, prior, pr);
    if (st != NF_OK) return st;
    /* scaled so the average node scores 1 whatever the cluster size */
    for (size_t k = 0; k < g; k++) score[ids[k]] = pr[k] * (double)g;
    return nf__sel_greedy(s, score);
}

void nf__maxsim_update(const nf_cluster *c, uint32_t best, const uint8_t *live, size_t n,
                       double *last, double *maxsim)
{
    const nf__sent *b = &c->sents[best];
    if (b->norm <= 0) return;
    /* scatter the unit vector of the new pick once, then one sparse dot product per live
     * sentence */
    for (uint32_t k = 0; k < b->nv; k++) last[b->vt[k]] = nf__vw(b)[k] / b->norm;
    for (size_t i = 0; i < n; i++) {
        if (!live[i]) continue;
        const nf__sent *t = &c->sents[i];
        double v = 0;
        if ((t->dup_of >= 0 && (uint32_t)t->dup_of == best) ||
            (b->dup_of >= 0 && (uint32_t)b->dup_of == i))
            v = 1.0;
        else if (t->norm > 0) {
            for (uint32_t k = 0; k < t->nv; k++) v += nf__vw(t)[k] * last[t->vt[k]];
            v /= t->norm;
        }
        if (v > maxsim[i]) maxsim[i] = v;
    }
    for (uint32_t k = 0; k < b->nv; k++) last[b->vt[k]] = 0;
}
