/* lexrank.c - continuous LexRank (Erkan & Radev 2004): PageRank over the graph of tf-idf cosine
 * similarities between candidate sentences. With a query the teleport prior is the query
 * similarity, as in biased LexRank (Otterbacher et al. 2005). */
#include "select.h"

#include <stdlib.h>

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
        for (uint32_t j = 0; j < t->nv; j++) sum[t->vt[j]] += nf__vw(t)[j] / t->norm;
    }
    for (size_t k = 0; k < m; k++) {
        const nf__sent *t = &c->sents[ids[k]];
        out[k] = (node){0.0, ids[k]};
        if (t->norm <= 0) continue;
        double d = 0;
        for (uint32_t j = 0; j < t->nv; j++) d += nf__vw(t)[j] / t->norm * sum[t->vt[j]];
        out[k].deg = d - 1.0;
    }
    return NF_OK;
}

nf_status nf__select_lexrank(nf__sel *s)
{
    uint32_t *ids;
    double *score;
    size_t m;
    nf_status st = nf__graph_nodes(s, &ids, &score, &m);
    if (st != NF_OK || m == 0) return st;
    size_t g = m;
    if (m > MAX_NODES) {
        node *nd = nf__arena_alloc(s->scratch, m * sizeof *nd);
        if (!nd) return NF_ENOMEM;
        if ((st = degrees(s, ids, m, nd)) != NF_OK) return st;
        qsort(nd, m, sizeof *nd, cmp_node);
        /* the rest rank below every graph node, in degree order */
        double top = nd[0].deg > 0 ? nd[0].deg : 1.0;
        for (size_t k = MAX_NODES; k < m; k++) score[nd[k].i] = -1.0 + 0.5 * nd[k].deg / top;
        g = MAX_NODES;
        for (size_t k = 0; k < g; k++) ids[k] = nd[k].i;
        qsort(ids, g, sizeof *ids, cmp_u32);
    }
    nf__graph gr;
    if ((st = nf__term_graph(s, ids, g, NF__GRAPH_COSINE, &gr)) != NF_OK) return st;
    return nf__graph_rank(s, &gr, ids, g, DAMPING, score);
}
