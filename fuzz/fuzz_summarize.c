/* fuzz_summarize.c - the whole summarize with options taken from the first input bytes; the rest
 * is split into documents on "|||||". */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 6) return 0;
    nf_options o;
    nf_options_init(&o);
    o.algo = (nf_algo)(data[0] % NF_ALGO__COUNT);
    o.unit = (nf_unit)(data[1] % 3);
    o.budget = data[2] == 255 ? (size_t)1000000000 : (size_t)data[2] * (o.unit == 1 ? 8u : 1u);
    o.flags = data[3] & (NF_OPT_TRUNCATE | NF_OPT_KEEP_BOILERPLATE | NF_OPT_NO_DEDUP);
    o.order = (nf_order)(data[4] & 1);
    o.redundancy = (double)(data[5] % 11) / 10.0;
    o.min_words = data[4] >> 5;
    if (data[4] & 2) {
        o.query = "fire killed";
        o.query_len = 11;
    }
    nf_cluster *c = NULL;
    if (nf_cluster_new(NULL, &c) != NF_OK) return 0;
    if (nf_cluster_add_split(c, (const char *)data + 6, size - 6, "|||||", NULL, NULL) == NF_OK)
        fz_summarize_all(c, &o);
    nf_cluster_free(c);
    return 0;
}
