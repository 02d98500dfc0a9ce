/* fuzz_text.c - plain-text ingest + clean + segment + tokenize + summarize. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nf_cluster *c = NULL;
    if (nf_cluster_new(NULL, &c) != NF_OK) return 0;
    if (nf_cluster_add_text(c, (const char *)data, size, NULL, NULL) == NF_OK) {
        nf_options o;
        nf_options_init(&o);
        fz_summarize_all(c, &o);
        o.flags |= NF_OPT_KEEP_BOILERPLATE;
        fz_summarize_all(c, &o);
    }
    nf_cluster_free(c);
    return 0;
}
