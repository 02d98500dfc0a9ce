/* handler.h - the HTTP service's request handling, independent of sockets (fuzzed in-process).
 * docs/server.md documents the routes, the errors and the metrics. */
#ifndef NF_SRV_HANDLER_H
#define NF_SRV_HANDLER_H
#include <stdbool.h>
#include <stddef.h>

#include "newsfuse.h"

typedef struct srv_response {
    int status;               /* HTTP status */
    const char *content_type; /* static string */
    const char *allow;        /* the Allow header of a 405, else NULL (static string) */
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

/* The routes; aliases (/api/summarize) map to the route of their /v1 path. */
typedef enum srv_route {
    SRV_PAGE,
    SRV_FORM,
    SRV_SUMMARIZE,
    SRV_BRIEF,
    SRV_EXAMPLE,
    SRV_HEALTH,
    SRV_VERSION,
    SRV_METRICS,
    SRV_UNKNOWN,
    SRV_ROUTES
} srv_route;
srv_route srv_route_of(const char *url);
const char *srv_route_name(srv_route r); /* the canonical path, "other" for SRV_UNKNOWN */

/* The checks that need no body: route, method, Content-Type and the declared Content-Length
 * (content_length < 0: not declared). Returns 0 when the request may go on (its body may be read),
 * 1 when it is refused and *out holds the response, -1 when even that could not be allocated. */
int srv_precheck(const srv_config *cfg, const char *method, const char *url,
                 const char *content_type, long long content_length, srv_response *out);

/* Handle one request (srv_precheck included). ctx is the calling thread's context. Never fails
 * without a response: errors become JSON {"error": "...", "code": N, ...} (API) or an HTML error
 * page (form). Returns 0, or -1 when even the error response could not be allocated. */
int srv_handle(nf_ctx *ctx, const srv_config *cfg, const char *method, const char *url,
               const char *content_type, const char *body, size_t body_len, srv_response *out);

/* Shared by the handler's modules. */
int srv_set(srv_response *r, int status, const char *type, const char *p, size_t n);
int srv_json_error(srv_response *r, int status, nf_status code, const char *msg);
int srv_http_status(nf_status st);
int srv_api(nf_ctx *ctx, const srv_config *cfg, bool brief_route, const char *body, size_t n,
            srv_response *r);
int srv_form(nf_ctx *ctx, const srv_config *cfg, const char *body, size_t n, srv_response *r);
int srv_example(srv_response *r);

/* Metrics (metrics.c): thread-safe counters, rendered in the Prometheus text format. */
void srv_metrics_init(void); /* at start-up: the start time */
void srv_metrics_start(void);
void srv_metrics_done(srv_route route, int status, double seconds, size_t bytes_in,
                      size_t bytes_out);
int srv_metrics_render(srv_response *r);
long srv_metrics_in_flight(void);

/* Embedded at build time (tools/server/embed.cmake): the page and the bundled example. */
typedef struct srv_asset {
    const char *name;
    const unsigned char *data;
    size_t len;
} srv_asset;
extern const srv_asset srv_page_asset;
extern const srv_asset srv_example_assets[];
extern const size_t srv_example_count;
#endif
