/* fuzz_cluster.c - a stream of articles: each line a JSON article (or plain text when it does not
 * start with '{'), through a clusterer with a small window; closed stories are rendered. Dates in
 * the input move the window. */
#include "fuzz_common.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nf_clusterer_options o;
    nf_clusterer_options_init(&o);
    o.window_articles = 3;
    o.window_seconds = 86400;
    o.flags = NF_CLUSTER_KEEP_STORIES;
    nf_clusterer *k = NULL;
    if (nf_clusterer_new(fz_ctx(), &o, NULL, &k, NULL) != NF_OK) abort();
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        nf_assignment a;
        if (n && p[0] == '{')
            nf_clusterer_add_json(k, p, n, &a, NULL);
        else
            nf_clusterer_add(k, p, n, NULL, &a, NULL);
        nf_story *s;
        while (nf_clusterer_pop(k, &s) == NF_OK && s) {
            char *js = NULL;
            size_t jl;
            if (nf_story_json(s, &js, &jl, NULL) == NF_OK && memchr(js, '\n', jl)) abort();
            nf_story_string_free(s, js);
            nf_story_free(s);
        }
        p += n + 1;
    }
    nf_clusterer_flush(k, NULL);
    nf_clusterer_free(k);
    return 0;
}
