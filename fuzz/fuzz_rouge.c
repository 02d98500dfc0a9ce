/* fuzz_rouge.c - ROUGE input: a JSON record, and SPL peer/model texts split from the input on
 * NUL bytes, under options taken from the first bytes; every renderer. */
#include "fuzz_common.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3) return 0;
    nf_rouge_options ro;
    nf_rouge_options_init(&ro);
    ro.max_n = 1 + data[0] % 4;
    ro.flags = data[1] & (NF_ROUGE_STEM | NF_ROUGE_STOPWORDS | NF_ROUGE_SKIP |
                          NF_ROUGE_SKIP_UNIGRAM | NF_ROUGE_SKIP_BOTH);
    ro.skip_distance = (data[0] >> 4) - 1;
    if (data[2] & 1)
        ro.word_limit = data[2] >> 1;
    else if (data[2] & 2)
        ro.byte_limit = (size_t)(data[2] >> 2) * 4 + 1;
    ro.scoring = (nf_rouge_scoring)((data[1] >> 6) & 1);
    ro.count = (nf_rouge_count)(data[0] >> 6 == 3 ? 0 : data[0] >> 6);
    ro.weight = (data[1] & 0x80) ? 1.2 : 0.0;
    ro.resamples = 50;
    nf_rouge *r = NULL;
    if (nf_rouge_new(&ro, NULL, &r, NULL) != NF_OK) return 0;
    const char *p = (const char *)data + 3;
    size_t n = size - 3;
    /* the whole rest as a JSON record, then as NUL-separated peer and models */
    nf_rouge_add_json(r, p, n, NULL);
    nf_rouge_text models[8];
    size_t nm = 0, start = 0;
    const char *peer = p;
    size_t peer_len = n;
    for (size_t i = 0; i <= n && nm < 8; i++) {
        if (i < n && p[i] != '\0') continue;
        if (start == 0 && peer == p && peer_len == n) {
            peer_len = i;
        } else {
            models[nm].label = NULL;
            models[nm].p = p + start;
            models[nm].n = i - start;
            nm++;
        }
        start = i + 1;
    }
    nf_rouge_add(r, "fz", peer, peer_len, models, nm, NULL);
    for (int f = 0; f <= NF_ROUGE_FORMAT_TSV; f++) {
        char *out = NULL;
        size_t on;
        if (nf_rouge_render(r, (nf_rouge_format)f, NF_ROUGE_RENDER_EVALS, &out, &on, NULL) == NF_OK)
            nf_rouge_string_free(r, out);
    }
    nf_rouge_free(r);
    return 0;
}
