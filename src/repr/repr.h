/* repr.h - internals shared by the files of src/repr. */
#ifndef NF_REPR_H
#define NF_REPR_H
#include "model.h"

/* Local id of a tokenizer stem id in the cluster's term table (added when new); UINT32_MAX on
 * allocation failure. */
uint32_t nf__term_local(nf_cluster *c, uint32_t gid, int stop);
/* Near-duplicate sentences and document pairs from word 3-shingles. */
nf_status nf__dedup(nf_cluster *c, double threshold, bool mark_sentences);
#endif
