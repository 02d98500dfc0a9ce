/* concepts.h - bigram concepts for the coverage-based selectors (ilp, submodular). */
#ifndef NF_CONCEPTS_H
#define NF_CONCEPTS_H
#include "select.h"

typedef struct nf__concepts {
    size_t n;          /* concepts */
    double *w;         /* weight per concept */
    uint32_t *df;      /* documents containing the concept */
    /* per sentence: concept ids (unique, ascending) in [off[i], off[i+1]) of ids */
    uint32_t *off;
    uint32_t *ids;
    uint8_t *query;    /* per term: 1 when the term occurs in the query (NULL without a query) */
} nf__concepts;

/* Stemmed bigrams of consecutive tokens, bigrams of two stopwords dropped, weighted by the number of
 * documents containing them; only concepts with df >= min_df count (the rest get weight 0 and are
 * not listed). With a query, concepts sharing a term with it are boosted by (1 + qboost). */
nf_status nf__concepts_build(nf__sel *s, uint32_t min_df, double qboost, nf__concepts *out);
/* The min_df that ILP-style methods use for a cluster of n documents. */
uint32_t nf__concepts_min_df(size_t ndocs);
#endif
