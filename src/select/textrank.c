/* textrank.c - TextRank for sentences (Mihalcea & Tarau 2004): PageRank over the graph weighted by
 * word overlap |Si ∩ Sj| / (log|Si| + log|Sj|) on content stems. With a query the teleport prior
 * is the query similarity, as for biased LexRank. */
#include "select.h"

#include <stdlib.h>

#define DAMPING 0.85
/* A graph can have n^2 edges: beyond this many candidates only the earliest ones of each document
 * enter it (round robin, as lead reads them), so pathological inputs stay bounded. */
#define MAX_NODES 2000

typedef struct node {
    uint32_t rank, doc, i;
} node;

static int cmp_node(const void *a, const void *b)
{
    const node *x = a, *y = b;
    if (x->rank != y->rank) return (x->rank > y->rank) - (x->rank < y->rank);
    if (x->doc != y->doc) return (x->doc > y->doc) - (x->doc < y->doc);
    return (x->i > y->i) - (x->i < y->i);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Keep the MAX_NODES candidates that come first in round-robin order; the others score below
 * every graph node, in that same order. */
static nf_status limit_nodes(nf__sel *s, uint32_t *ids, size_t m, double *score)
{
    uint32_t *rank = nf__cand_rank(s);
    node *nd = nf__arena_alloc(s->scratch, m * sizeof *nd);
    if (!rank || !nd) return NF_ENOMEM;
    for (size_t k = 0; k < m; k++) nd[k] = (node){rank[ids[k]], s->c->sents[ids[k]].doc, ids[k]};
    qsort(nd, m, sizeof *nd, cmp_node);
    for (size_t k = MAX_NODES; k < m; k++) score[nd[k].i] = -1.0 - (double)k / (double)m;
    for (size_t k = 0; k < MAX_NODES; k++) ids[k] = nd[k].i;
    qsort(ids, MAX_NODES, sizeof *ids, cmp_u32);
    return NF_OK;
}

nf_status nf__select_textrank(nf__sel *s)
{
    uint32_t *ids;
    double *score;
    size_t m;
    nf_status st = nf__graph_nodes(s, &ids, &score, &m);
    if (st != NF_OK || m == 0) return st;
    size_t g = m;
    if (m > MAX_NODES) {
        if ((st = limit_nodes(s, ids, m, score)) != NF_OK) return st;
        g = MAX_NODES;
    }
    nf__graph gr;
    if ((st = nf__term_graph(s, ids, g, NF__GRAPH_OVERLAP, &gr)) != NF_OK) return st;
    return nf__graph_rank(s, &gr, ids, g, DAMPING, score);
}
