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

/* Rank of each candidate within its document (0 = first candidate), UINT32_MAX for others. */
uint32_t *nf__cand_rank(nf__sel *s);
/* Power iteration for a row-stochastic similarity graph given as a dense n*n matrix (weights >= 0,
 * rows are normalized inside); damping d; result in out[n] (sums to 1). */
nf_status nf__pagerank(nf__sel *s, const double *w, size_t n, double d, const double *prior,
                       double *out);
#endif
