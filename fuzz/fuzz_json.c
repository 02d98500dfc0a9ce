/* fuzz_json.c - one JSONL record (documents as strings or objects, HTML documents) + summarize. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nf_cluster *c = NULL;
    if (nf_cluster_new(NULL, &c) != NF_OK) return 0;
    if (nf_cluster_add_json(c, (const char *)data, size, NULL) == NF_OK) {
        nf_options o;
        nf_options_init(&o);
        o.query = nf_cluster_field(c, "topic_title");
        o.query_len = o.query ? __builtin_strlen(o.query) : 0;
        fz_summarize_all(c, &o);
    }
    nf_cluster_free(c);
    return 0;
}
