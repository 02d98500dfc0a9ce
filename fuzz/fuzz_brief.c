/* fuzz_brief.c - the story brief over documents split from the input on "|||||": figures,
 * quotes (unclosed, curly, nested), attribution, conflicts, timeline; every renderer. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nf_cluster *c = NULL;
    if (nf_cluster_new(NULL, &c) != NF_OK) return 0;
    if (nf_cluster_add_split(c, (const char *)data, size, "|||||", NULL, NULL) == NF_OK) {
        nf_options o;
        nf_options_init(&o);
        nf_brief *b = NULL;
        nf_summary *s = NULL;
        if (nf_brief_build(fz_ctx(), c, &o, &b, NULL) == NF_OK) {
            if (nf_summarize(fz_ctx(), c, &o, &s, NULL) != NF_OK) s = NULL;
            for (int f = 0; f <= NF_FORMAT_HTML; f++) {
                char *out = NULL;
                size_t n;
                if (nf_brief_render(c, b, s, (nf_format)f, &out, &n, NULL) == NF_OK)
                    nf_string_free(c, out);
            }
            nf_summary_free(s);
            nf_brief_free(b);
        }
    }
    nf_cluster_free(c);
    return 0;
}
