/* concepts.h - bigram concepts for the coverage-based selectors (ilp, submodular). */
#ifndef NF_CONCEPTS_H
#define NF_CONCEPTS_H
#include "select.h"

typedef struct nf__concepts {
    size_t n;     /* concepts */
    double *w;    /* weight per concept */
    uint32_t *df; /* documents containing the concept */
    /* per sentence: concept ids (unique, ascending) in [off[i], off[i+1]) of ids */
    uint32_t *off;
    uint32_t *ids;
    uint8_t *query;  /* per term: 1 when the term occurs in the query (NULL without a query) */
    uint32_t *words; /* per concept: its two term ids (2 * n) */
} nf__concepts;

/* Stemmed bigrams of consecutive tokens, bigrams of two stopwords dropped, weighted by the number
 * of documents containing them; only concepts with df >= min_df count (the rest get weight 0 and
 * are not listed). With a query, concepts sharing a term with it are boosted by (1 + qboost). */
nf_status nf__concepts_build(nf__sel *s, uint32_t min_df, double qboost, nf__concepts *out);
/* Free a table's arrays now instead of with the scratch arena (the table is zeroed). */
void nf__concepts_release(nf__sel *s, nf__concepts *cp);
/* The min_df that ILP-style methods use for a cluster of n documents. */
uint32_t nf__concepts_min_df(size_t ndocs);
/* Parameters of the greedy concept cover. */
typedef struct nf__greedy_params {
    double cost_pow;  /* gain / cost^cost_pow */
    double query_mul; /* gain *= 1 + query_mul * query similarity */
    double pos_decay; /* gain *= 1 + pos_bonus / (1 + pos_decay * rank in document) */
    double pos_bonus;
} nf__greedy_params;
extern const nf__greedy_params nf__greedy_default;
/* Greedy cover: repeatedly take the fitting, non-redundant candidate with the best uncovered
 * concept weight per unit of cost; covered[] is updated. */
nf_status nf__concepts_greedy(nf__sel *s, const nf__concepts *cp, uint8_t *covered,
                              const nf__greedy_params *p);
#endif
