/* repr.h - internals shared by the files of src/repr. */
#ifndef NF_REPR_H
#define NF_REPR_H
#include "model.h"

/* Local id of a tokenizer id in table t (c->terms or c->words; added when new); UINT32_MAX on
 * allocation failure. */
uint32_t nf__terms_local(const nf_allocator *al, nf__terms *t, uint32_t gid, int stop);
/* Near-duplicate sentences and document pairs from word 3-shingles. */
nf_status nf__dedup(nf_cluster *c, double threshold, bool mark_sentences);
#endif
