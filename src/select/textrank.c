/* textrank.c - TextRank for sentences (Mihalcea & Tarau 2004): PageRank over the graph weighted by
 * word overlap |Si ∩ Sj| / (log|Si| + log|Sj|) on content stems. With a query the teleport prior
 * is the query similarity, as for biased LexRank. */
#include "select.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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


/* Overlap graph of the sentences ids[0..m) (sorted), without self-loops. Shared stems are counted
 * through an inverted index, so pairs without one cost nothing. */
static nf_status overlap_graph(nf__sel *s, const uint32_t *ids, size_t m, nf__graph *g)
{
    const nf_cluster *c = s->c;
    size_t nt = c->terms.n;
    uint32_t *head = nf__arena_calloc(s->scratch, nt + 1, sizeof *head);
    uint32_t *cur = nf__arena_alloc(s->scratch, (nt + 1) * sizeof *cur);
    uint32_t *seen = nf__arena_alloc(s->scratch, m * sizeof *seen);
    uint32_t *touched = nf__arena_alloc(s->scratch, m * sizeof *touched);
    uint32_t *shared = nf__arena_calloc(s->scratch, m, sizeof *shared);
    double *lg = nf__arena_alloc(s->scratch, m * sizeof *lg);
    g->row = nf__arena_calloc(s->scratch, m + 1, sizeof *g->row);
    g->deg = nf__arena_calloc(s->scratch, m, sizeof *g->deg);
    if (!head || !cur || !seen || !touched || !shared || !lg || !g->row || !g->deg)
        return NF_ENOMEM;
    for (size_t k = 0; k < m; k++) {
        const nf__sent *t = &c->sents[ids[k]];
        for (uint32_t j = 0; j < t->nv; j++) head[t->vt[j] + 1]++;
        /* |S| counts content words with repeats, as the paper counts the sentence's words; one
         * word would give log 1 = 0 and two one-word sentences a zero denominator: floor at 2 */
        uint32_t words = 0;
        for (uint32_t j = 0; j < t->nterms; j++) words += !c->terms.stop[t->terms[j]];
        lg[k] = log(words > 2 ? (double)words : 2.0);
    }
    for (size_t t = 0; t < nt; t++) head[t + 1] += head[t];
    size_t total = head[nt];
    uint32_t *pk = nf__arena_alloc(s->scratch, (total ? total : 1) * sizeof *pk);
    if (!pk) return NF_ENOMEM;
    memcpy(cur, head, (nt + 1) * sizeof *cur);
    for (size_t k = 0; k < m; k++) {
        const nf__sent *t = &c->sents[ids[k]];
        for (uint32_t j = 0; j < t->nv; j++) pk[cur[t->vt[j]]++] = (uint32_t)k;
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
    for (size_t k = 0; k < m; k++) {
        const nf__sent *t = &c->sents[ids[k]];
        size_t ntk = 0;
        for (uint32_t j = 0; j < t->nv; j++)
            for (uint32_t q = head[t->vt[j]]; q < head[t->vt[j] + 1]; q++) {
                uint32_t nb = pk[q];
                if (nb == k) continue;
                if (seen[nb] != k) {
                    seen[nb] = (uint32_t)k;
                    touched[ntk++] = nb;
                }
                shared[nb]++;
            }
        uint32_t p = g->row[k];
        double deg = 0;
        for (size_t x = 0; x < ntk; x++) {
            uint32_t nb = touched[x];
            float w = (float)((double)shared[nb] / (lg[k] + lg[nb]));
            g->col[p] = nb;
            g->val[p++] = w;
            deg += (double)w;
            shared[nb] = 0;
        }
        g->deg[k] = deg;
    }
    return NF_OK;
}

nf_status nf__select_textrank(nf__sel *s)
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
        nf_status st = limit_nodes(s, ids, m, score);
        if (st != NF_OK) return st;
        g = MAX_NODES;
    }
    nf__graph gr;
    nf_status st = overlap_graph(s, ids, g, &gr);
    if (st != NF_OK) return st;
    return nf__graph_rank(s, &gr, ids, g, DAMPING, score);
}
