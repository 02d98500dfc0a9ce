/* handler.h - the HTTP service's request handling, independent of sockets (fuzzed in-process). */
#ifndef NF_SRV_HANDLER_H
#define NF_SRV_HANDLER_H
#include <stddef.h>

#include "newsfuse.h"

typedef struct srv_response {
    int status;               /* HTTP status */
    const char *content_type; /* static string */
    char *body;               /* malloc'd; free with free() */
    size_t len;
} srv_response;

/* Limits a deployment may change (newsfuse-server options). */
typedef struct srv_config {
    size_t max_body;   /* bytes of a request body */
    size_t max_docs;   /* documents per request */
    size_t max_budget; /* words/bytes/sentences */
} srv_config;
void srv_config_init(srv_config *c);

/* Handle one request. ctx is the calling thread's context. Never fails without a response: errors
 * become JSON {"error": "...", "code": N} (API) or an HTML error page (form). Returns 0, or -1 when
 * even the error response could not be allocated. */
int srv_handle(nf_ctx *ctx, const srv_config *cfg, const char *method, const char *url,
               const char *content_type, const char *body, size_t body_len, srv_response *out);
#endif
