/* graph.c - the sparse sentence graphs of LexRank and TextRank, built the same way.
 *
 * The graph (nf__graph, compressed rows) stores both directions, so PageRank pulls each node's new
 * value from its own row. Pairs come from an inverted index over content terms: pairs without a
 * shared term cost nothing, and the work is the sum over terms of (postings)^2, not m^2 * vector
 * length. About a fifth of the pairs of a news cluster share a content term, so the graph is a
 * fifth of a dense matrix in memory and in work per iteration. The two kinds differ only in the
 * weight each shared term adds and in a final per-pair factor. */
#include "select.h"

#include <math.h>
#include <string.h>

/* Up to this many edges (8 bytes each), the graph is filled in one pass into room for the most it
 * could have. */
#define GRAPH_ONE_PASS ((size_t)1 << 22)

nf_status nf__term_graph(nf__sel *s, const uint32_t *ids, size_t m, nf__graph_kind kind,
                         nf__graph *g)
{
    const nf_cluster *c = s->c;
    size_t nt = c->terms.n;
    bool cosine = kind == NF__GRAPH_COSINE;
    uint32_t *head = nf__arena_calloc(s->scratch, nt + 1, sizeof *head);
    uint32_t *cur = nf__arena_alloc(s->scratch, (nt + 1) * sizeof *cur);
    uint32_t *seen = nf__arena_alloc(s->scratch, (m ? m : 1) * sizeof *seen);
    uint32_t *touched = nf__arena_alloc(s->scratch, (m ? m : 1) * sizeof *touched);
    double *acc = nf__arena_calloc(s->scratch, m ? m : 1, sizeof *acc);
    double *lg = cosine ? NULL : nf__arena_alloc(s->scratch, (m ? m : 1) * sizeof *lg);
    g->row = nf__arena_calloc(s->scratch, m + 1, sizeof *g->row);
    g->deg = nf__arena_calloc(s->scratch, m ? m : 1, sizeof *g->deg);
    if (!head || !cur || !seen || !touched || !acc || (!cosine && !lg) || !g->row || !g->deg)
        return NF_ENOMEM;
    for (size_t k = 0; k < m; k++) {
        const nf__sent *t = &c->sents[ids[k]];
        for (uint32_t j = 0; j < t->nv; j++) head[t->vt[j] + 1]++;
        if (!cosine) {
            /* |S| counts content words with repeats, as the paper counts the sentence's words;
             * one word would give log 1 = 0 and two one-word sentences a zero denominator:
             * floor at 2 */
            uint32_t words = 0;
            for (uint32_t j = 0; j < t->nterms; j++) words += !c->terms.stop[t->terms[j]];
            lg[k] = log(words > 2 ? (double)words : 2.0);
        }
    }
    for (size_t t = 0; t < nt; t++) head[t + 1] += head[t];
    size_t total = head[nt];
    /* postings: the sentence, and what one shared term adds (cosine: its unit-vector weight, the
     * pair's product summing to the cosine; overlap: 1, counting shared stems exactly) */
    uint32_t *pk = nf__arena_alloc(s->scratch, (total ? total : 1) * sizeof *pk);
    double *pw = nf__arena_alloc(s->scratch, (total ? total : 1) * sizeof *pw);
    if (!pk || !pw) return NF_ENOMEM;
    memcpy(cur, head, (nt + 1) * sizeof *cur);
    for (size_t k = 0; k < m; k++) {
        const nf__sent *t = &c->sents[ids[k]];
        for (uint32_t j = 0; j < t->nv; j++) {
            uint32_t p = cur[t->vt[j]]++;
            pk[p] = (uint32_t)k;
            pw[p] = !cosine ? 1.0 : t->norm > 0 ? nf__vw(t)[j] / t->norm : 0.0;
        }
    }
    /* Room for the edges: the most there can be (every pair of postings of a term, at most
     * m(m - 1)) when that is modest, since the arena only hands out address space and the fill
     * touches only the edges it writes; else a first pass counts each row exactly. */
    size_t bound = 0;
    for (size_t t = 0; t < nt && bound <= GRAPH_ONE_PASS; t++) {
        size_t n = head[t + 1] - head[t];
        bound += n * (n - 1);
    }
    if (m > 1 && bound > m * (m - 1)) bound = m * (m - 1);
    if (bound > GRAPH_ONE_PASS) {
        for (size_t k = 0; k < m; k++) seen[k] = UINT32_MAX;
        bound = 0;
        for (size_t k = 0; k < m; k++) {
            const nf__sent *t = &c->sents[ids[k]];
            for (uint32_t j = 0; j < t->nv; j++)
                for (uint32_t q = head[t->vt[j]]; q < head[t->vt[j] + 1]; q++)
                    if (pk[q] != k && seen[pk[q]] != k) {
                        seen[pk[q]] = (uint32_t)k;
                        bound++;
                    }
        }
    }
    g->col = nf__arena_alloc(s->scratch, (bound ? bound : 1) * sizeof *g->col);
    g->val = nf__arena_alloc(s->scratch, (bound ? bound : 1) * sizeof *g->val);
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
        g->row[k + 1] = p + (uint32_t)ntk;
        double deg = 0;
        for (size_t x = 0; x < ntk; x++) {
            uint32_t nb = touched[x];
            float w = (float)(cosine ? acc[nb] : acc[nb] / (lg[k] + lg[nb]));
            g->col[p] = nb;
            g->val[p++] = w;
            deg += (double)w;
            acc[nb] = 0;
        }
        g->deg[k] = deg;
    }
    return NF_OK;
}

nf_status nf__graph_nodes(nf__sel *s, uint32_t **ids, double **score, size_t *m)
{
    size_t n = s->c->nsents;
    *score = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof **score);
    *ids = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof **ids);
    if (!*score || !*ids) return NF_ENOMEM;
    *m = 0;
    for (size_t i = 0; i < n; i++) {
        (*score)[i] = -INFINITY;
        if (s->cand[i]) (*ids)[(*m)++] = (uint32_t)i;
    }
    return NF_OK;
}
