/* lexrank.c - continuous LexRank (Erkan & Radev 2004): PageRank over the graph of tf-idf cosine
 * similarities between candidate sentences. With a query the teleport prior is the query
 * similarity, as in biased LexRank (Otterbacher et al. 2005). */
#include "select.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DAMPING 0.85
/* A graph can have n^2 edges: beyond this many candidates only the most central ones (by degree)
 * enter it, so pathological inputs stay bounded in time and memory. */
#define MAX_NODES 2000

typedef struct node {
    double deg;
    uint32_t i;
} node;

static int cmp_node(const void *a, const void *b)
{
    const node *x = a, *y = b;
    if (x->deg != y->deg) return x->deg > y->deg ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Degree of every candidate in the cosine graph, self-loop removed, in O(total terms): the sum of
 * the cosines of i to all others is the dot product of its unit vector with the sum of all unit
 * vectors. Only used to choose the nodes when there are too many. */
static nf_status degrees(nf__sel *s, const uint32_t *ids, size_t m, node *out)
{
    const nf_cluster *c = s->c;
    double *sum = nf__arena_calloc(s->scratch, c->terms.n ? c->terms.n : 1, sizeof *sum);
    if (!sum) return NF_ENOMEM;
    for (size_t k = 0; k < m; k++) {
        const nf__sent *t = &c->sents[ids[k]];
        if (t->norm <= 0) continue;
        for (uint32_t j = 0; j < t->nv; j++) sum[t->vt[j]] += t->vw[j] / t->norm;
    }
    for (size_t k = 0; k < m; k++) {
        const nf__sent *t = &c->sents[ids[k]];
        out[k] = (node){0.0, ids[k]};
        if (t->norm <= 0) continue;
        double d = 0;
        for (uint32_t j = 0; j < t->nv; j++) d += t->vw[j] / t->norm * sum[t->vt[j]];
        out[k].deg = d - 1.0;
    }
    return NF_OK;
}

/* The graph (nf__graph, compressed rows) stores both directions, so PageRank pulls each node's new
 * value from its own row. About a fifth of the pairs of a news cluster share a content term, so this
 * is a fifth of a dense matrix in memory and in work per iteration. */
/* Cosine graph of the sentences ids[0..m) (sorted), without self-loops. Pairs come from an
 * inverted index over content terms: pairs without a shared term cost nothing, and the work is
 * the sum over terms of (postings)^2, not m^2 * vector length. */
static nf_status cosine_graph(nf__sel *s, const uint32_t *ids, size_t m, nf__graph *g)
{
    const nf_cluster *c = s->c;
    size_t nt = c->terms.n;
    uint32_t *head = nf__arena_calloc(s->scratch, nt + 1, sizeof *head);
    uint32_t *cur = nf__arena_alloc(s->scratch, (nt + 1) * sizeof *cur);
    uint32_t *seen = nf__arena_alloc(s->scratch, m * sizeof *seen);
    uint32_t *touched = nf__arena_alloc(s->scratch, m * sizeof *touched);
    double *acc = nf__arena_calloc(s->scratch, m, sizeof *acc);
    g->row = nf__arena_calloc(s->scratch, m + 1, sizeof *g->row);
    g->deg = nf__arena_calloc(s->scratch, m, sizeof *g->deg);
    if (!head || !cur || !seen || !touched || !acc || !g->row || !g->deg) return NF_ENOMEM;
    for (size_t k = 0; k < m; k++) {
        const nf__sent *t = &c->sents[ids[k]];
        for (uint32_t j = 0; j < t->nv; j++) head[t->vt[j] + 1]++;
    }
    for (size_t t = 0; t < nt; t++) head[t + 1] += head[t];
    size_t total = head[nt];
    uint32_t *pk = nf__arena_alloc(s->scratch, (total ? total : 1) * sizeof *pk);
    double *pw = nf__arena_alloc(s->scratch, (total ? total : 1) * sizeof *pw);
    if (!pk || !pw) return NF_ENOMEM;
    memcpy(cur, head, (nt + 1) * sizeof *cur);
    for (size_t k = 0; k < m; k++) {
        const nf__sent *t = &c->sents[ids[k]];
        for (uint32_t j = 0; j < t->nv; j++) {
            uint32_t p = cur[t->vt[j]]++;
            pk[p] = (uint32_t)k;
            pw[p] = t->norm > 0 ? t->vw[j] / t->norm : 0.0;
        }
    }
    /* pass 1 sizes the rows, pass 2 fills them */
    for (size_t k = 0; k < m; k++) seen[k] = UINT32_MAX;
    for (size_t k = 0; k < m; k++) {
        const nf__sent *t = &c->sents[ids[k]];
        uint32_t deg = 0;
        for (uint32_t j = 0; j < t->nv; j++)
            for (uint32_t q = head[t->vt[j]]; q < head[t->vt[j] + 1]; q++)
                if (pk[q] != k && seen[pk[q]] != k) {
                    seen[pk[q]] = (uint32_t)k;
                    deg++;
                }
        g->row[k + 1] = g->row[k] + deg;
    }
    size_t nnz = g->row[m];
    g->col = nf__arena_alloc(s->scratch, (nnz ? nnz : 1) * sizeof *g->col);
    g->val = nf__arena_alloc(s->scratch, (nnz ? nnz : 1) * sizeof *g->val);
    if (!g->col || !g->val) return NF_ENOMEM;
    for (size_t k = 0; k < m; k++) seen[k] = UINT32_MAX;
    memcpy(cur, head, (nt + 1) * sizeof *cur);
    for (size_t k = 0; k < m; k++) {
        const nf__sent *t = &c->sents[ids[k]];
        size_t ntk = 0;
        for (uint32_t j = 0; j < t->nv; j++) {
            uint32_t term = t->vt[j];
            double wa = pw[cur[term]++]; /* rows go in increasing k: that is k's own posting */
            for (uint32_t q = head[term]; q < head[term + 1]; q++) {
                uint32_t nb = pk[q];
                if (nb == k) continue;
                if (seen[nb] != k) {
                    seen[nb] = (uint32_t)k;
                    touched[ntk++] = nb;
                }
                acc[nb] += wa * pw[q];
            }
        }
        uint32_t p = g->row[k];
        double deg = 0;
        for (size_t x = 0; x < ntk; x++) {
            uint32_t nb = touched[x];
            float w = (float)acc[nb];
            g->col[p] = nb;
            g->val[p++] = w;
            deg += (double)w;
            acc[nb] = 0;
        }
        g->deg[k] = deg;
    }
    return NF_OK;
}

nf_status nf__select_lexrank(nf__sel *s)
{
    const nf_cluster *c = s->c;
    size_t n = c->nsents, m = 0;
    double *score = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof *score);
    uint32_t *ids = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof *ids);
    if (!score || !ids) return NF_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        score[i] = -INFINITY;
        if (s->cand[i]) ids[m++] = (uint32_t)i;
    }
    if (m == 0) return NF_OK;
    size_t g = m;
    if (m > MAX_NODES) {
        node *nd = nf__arena_alloc(s->scratch, m * sizeof *nd);
        if (!nd) return NF_ENOMEM;
        nf_status st = degrees(s, ids, m, nd);
        if (st != NF_OK) return st;
        qsort(nd, m, sizeof *nd, cmp_node);
        /* the rest rank below every graph node, in degree order */
        double top = nd[0].deg > 0 ? nd[0].deg : 1.0;
        for (size_t k = MAX_NODES; k < m; k++) score[nd[k].i] = -1.0 + 0.5 * nd[k].deg / top;
        g = MAX_NODES;
        for (size_t k = 0; k < g; k++) ids[k] = nd[k].i;
        qsort(ids, g, sizeof *ids, cmp_u32);
    }
    nf__graph gr;
    nf_status st = cosine_graph(s, ids, g, &gr);
    if (st != NF_OK) return st;
    return nf__graph_rank(s, &gr, ids, g, DAMPING, score);
}
