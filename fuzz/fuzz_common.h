/* fuzz_common.h - shared by the libFuzzer targets: one context per process, a cheap full run. */
#ifndef NF_FUZZ_COMMON_H
#define NF_FUZZ_COMMON_H
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "newsfuse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static nf_ctx *fz_ctx(void)
{
    static nf_ctx *ctx;
    if (!ctx && nf_ctx_new("english", NULL, &ctx, NULL) != NF_OK) abort();
    return ctx;
}

/* Summarize with o and render every format; any status other than OK/EEMPTY/EINVAL is fine too,
 * the point is no crash, no leak, no sanitizer report. Checks the verbatim-span invariant. */
static void fz_summarize_all(nf_cluster *c, const nf_options *o)
{
    nf_summary *s = NULL;
    if (nf_summarize(fz_ctx(), c, o, &s, NULL) != NF_OK) return;
    for (size_t i = 0; i < nf_summary_count(s); i++) {
        const nf_sentence *t = nf_summary_get(s, i);
        size_t len;
        const char *text = nf_cluster_doc_text(c, t->doc, &len);
        if (!text || t->start + t->len > len || t->text != text + t->start) abort();
    }
    for (int f = 0; f <= NF_FORMAT_SPL; f++) {
        char *out = NULL;
        size_t n;
        if (nf_render(c, s, o, (nf_format)f, &out, &n, NULL) == NF_OK) nf_string_free(c, out);
    }
    nf_summary_free(s);
}
#endif
