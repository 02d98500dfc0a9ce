/* html.c - HTML ingest through libgumbo (placeholder until the HTML work lands: refuses). */
#include "model.h"

nf_status nf_cluster_add_html(nf_cluster *c, const char *p, size_t n, const nf_doc_meta *meta,
                              nf_error *err)
{
    (void)c;
    (void)p;
    (void)n;
    (void)meta;
    return nf__fail(err, NF_EHTML, -1, -1, -1, "HTML ingest is not built yet");
}
