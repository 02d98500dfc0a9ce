/* fuzz_server.c - the HTTP service's request handling in-process (no sockets): the first byte
 * picks the route and method, the rest is the body. */
#include "fuzz_common.h"
#include "handler.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const routes[] = {
        "/",        "/summarize", "/api/summarize", "/v1/brief",         "/v1/example",
        "/healthz", "/version",   "/nope",          "/v1/summarize?x=1", "/metrics"};
    static const char *const methods[] = {"GET", "POST", "PUT"};
    static const char *const types[] = {"application/x-www-form-urlencoded", "application/json",
                                        NULL};
    if (size < 1) return 0;
    srv_config cfg;
    srv_config_init(&cfg);
    cfg.max_budget = 2000;
    srv_response r;
    int sel = data[0];
    if (srv_handle(fz_ctx(), &cfg, methods[(sel >> 3) % 3], routes[sel % 8], types[(sel >> 5) % 3],
                   (const char *)data + 1, size - 1, &r) == 0)
        free(r.body);
    return 0;
}
