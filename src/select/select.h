/* select.h - the selector interface: one file per algorithm, each `nf_status f(nf__sel *)`. */
#ifndef NF_SELECT_H
#define NF_SELECT_H
#include "model.h"

nf_status nf__select_lead(nf__sel *s);
nf_status nf__select_centroid(nf__sel *s);
nf_status nf__select_lexrank(nf__sel *s);
nf_status nf__select_textrank(nf__sel *s);
nf_status nf__select_mmr(nf__sel *s);
nf_status nf__select_sumbasic(nf__sel *s);
nf_status nf__select_kl(nf__sel *s);
nf_status nf__select_ilp(nf__sel *s);
nf_status nf__select_submodular(nf__sel *s);
nf_status nf__select_auto(nf__sel *s);

/* MEAD-style scores (centroid similarity + position prior + query similarity) of every sentence;
 * -1e300 for non-candidates. */
nf_status nf__centroid_scores(nf__sel *s, double *score);
/* Fill the budget left with the best centroid-scored sentences (redundancy applied). */
nf_status nf__fill_centroid(nf__sel *s);

/* Rank of each candidate within its document (0 = first candidate), UINT32_MAX for others. */
uint32_t *nf__cand_rank(nf__sel *s);
/* A sparse similarity graph in CSR form over m nodes, without self-loops. */
typedef struct nf__graph {
    uint32_t *row; /* m + 1 offsets into col/val */
    uint32_t *col;
    float *val;
    double *deg; /* row sums */
} nf__graph;
typedef enum nf__graph_kind {
    NF__GRAPH_COSINE, /* LexRank: tf-idf cosine */
    NF__GRAPH_OVERLAP /* TextRank: shared content stems / (log|Si| + log|Sj|) */
} nf__graph_kind;
/* The candidates in index order (*ids, *m) and a score array over all sentences set to -inf:
 * what a graph ranker starts from. */
nf_status nf__graph_nodes(nf__sel *s, uint32_t **ids, double **score, size_t *m);
/* The graph of the sentences ids[0..m) (sorted) without self-loops, in the scratch arena
 * (graph.c). */
nf_status nf__term_graph(nf__sel *s, const uint32_t *ids, size_t m, nf__graph_kind kind,
                         nf__graph *g);
/* PageRank by power iteration with the given damping; dangling nodes jump to the prior (uniform
 * when NULL). out[m] sums to 1. */
nf_status nf__pagerank(nf__sel *s, const nf__graph *g, size_t m, double damping,
                       const double *prior, double *out);
/* Rank the graph nodes ids[0..g) by PageRank (biased by the query similarity when there is one:
 * biased LexRank) into score[ids[k]], then select greedily. */
nf_status nf__graph_rank(nf__sel *s, const nf__graph *gr, const uint32_t *ids, size_t g,
                         double damping, double *score);
/* After sentence `best` was chosen: raise maxsim[i] to its cosine with every live sentence i (1 for
 * its near-duplicates). last[] is a zeroed scratch array over the term ids, left zeroed. */
void nf__maxsim_update(const nf_cluster *c, uint32_t best, const uint8_t *live, size_t n,
                       double *last, double *maxsim);
#endif
