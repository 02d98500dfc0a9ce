/* handler.c - routes of the newsfuse HTTP service (docs/server.md):
 *   GET  /                 the web page (upload or paste reports; summary, brief, sources)
 *   POST /v1/summarize     JSON request -> the summary (docs/json.md); alias /api/summarize
 *   POST /v1/brief         the same request -> the summary with its story brief
 *   GET  /v1/example       the bundled example cluster as a request body for the two above
 *   POST /summarize        the url-encoded form of script-less pages -> an HTML page (form.c)
 *   GET  /healthz, /version, /metrics
 * The checks that need no body (route, method, type, declared length) are in srv_precheck so the
 * server refuses a request before it reads the body. Uses only the public header. */
#define _POSIX_C_SOURCE 200809L
#include "handler.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void srv_config_init(srv_config *c)
{
    c->max_body = (size_t)8 << 20;
    c->max_docs = 500;
    c->max_budget = 100000;
}

int srv_set(srv_response *r, int status, const char *type, const char *p, size_t n)
{
    r->status = status;
    r->content_type = type;
    r->body = malloc(n + 1);
    if (!r->body) {
        r->len = 0;
        return -1;
    }
    memcpy(r->body, p, n);
    r->body[n] = '\0';
    r->len = n;
    return 0;
}

int srv_json_error(srv_response *r, int status, nf_status code, const char *msg)
{
    json_t *o = json_pack("{s:s?, s:i}", "error", msg, "code", (int)code);
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!s) return srv_set(r, 500, "application/json", "{\"error\":\"out of memory\"}\n", 26);
    size_t n = strlen(s);
    int rc = srv_set(r, status, "application/json", s, n + 1);
    if (rc == 0) r->body[n] = '\n';
    free(s);
    return rc;
}

int srv_http_status(nf_status st)
{
    switch (st) {
    case NF_ENOMEM:
    case NF_EINTERNAL: return 500;
    case NF_ETOOBIG: return 413;
    default: return 400;
    }
}

static const struct {
    const char *path;
    srv_route route;
} paths[] = {{"/", SRV_PAGE},
             {"/index.html", SRV_PAGE},
             {"/summarize", SRV_FORM},
             {"/v1/summarize", SRV_SUMMARIZE},
             {"/api/summarize", SRV_SUMMARIZE},
             {"/v1/brief", SRV_BRIEF},
             {"/api/brief", SRV_BRIEF},
             {"/v1/example", SRV_EXAMPLE},
             {"/healthz", SRV_HEALTH},
             {"/v1/healthz", SRV_HEALTH},
             {"/version", SRV_VERSION},
             {"/v1/version", SRV_VERSION},
             {"/metrics", SRV_METRICS}};

srv_route srv_route_of(const char *url)
{
    if (!url) return SRV_UNKNOWN;
    size_t ul = strcspn(url, "?#");
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        if (strlen(paths[i].path) == ul && memcmp(paths[i].path, url, ul) == 0)
            return paths[i].route;
    return SRV_UNKNOWN;
}

const char *srv_route_name(srv_route r)
{
    static const char *const names[] = {"/",         "/summarize",  "/v1/summarize",
                                        "/v1/brief", "/v1/example", "/healthz",
                                        "/version",  "/metrics",    "other"};
    return (unsigned)r < SRV_ROUTES ? names[r] : "other";
}

/* The media type of a Content-Type value is `want` (case-insensitive; parameters ignored). */
static bool media_type_is(const char *ct, const char *want)
{
    if (!ct) return false;
    while (*ct == ' ' || *ct == '\t') ct++;
    size_t n = strlen(want);
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)ct[i]) != want[i]) return false;
    ct += n;
    while (*ct == ' ' || *ct == '\t') ct++;
    return *ct == '\0' || *ct == ';';
}

static int refuse(int rc) { return rc == 0 ? 1 : -1; }

int srv_precheck(const srv_config *cfg, const char *method, const char *url,
                 const char *content_type, long long content_length, srv_response *out)
{
    memset(out, 0, sizeof *out);
    if (!method || !url) return refuse(srv_json_error(out, 400, NF_EINVAL, "bad request"));
    srv_route rt = srv_route_of(url);
    bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    bool post = strcmp(method, "POST") == 0;
    bool wants_post = rt == SRV_FORM || rt == SRV_SUMMARIZE || rt == SRV_BRIEF;
    if (rt == SRV_UNKNOWN) return refuse(srv_json_error(out, 404, NF_EINVAL, "no such resource"));
    if (wants_post ? !post : !get) {
        out->allow = wants_post ? "POST" : "GET, HEAD";
        return refuse(srv_json_error(out, 405, NF_EINVAL, wants_post ? "use POST" : "use GET"));
    }
    if (!wants_post) return 0;
    if (content_length >= 0 && (unsigned long long)content_length > cfg->max_body)
        return refuse(srv_json_error(out, 413, NF_ETOOBIG, "request body too large"));
    if (rt == SRV_FORM) {
        if (content_type && !media_type_is(content_type, "application/x-www-form-urlencoded"))
            return refuse(srv_json_error(out, 415, NF_EINVAL,
                                         "the form must be application/x-www-form-urlencoded"));
    } else if (!media_type_is(content_type, "application/json")) {
        return refuse(srv_json_error(out, 415, NF_EINVAL,
                                     "the body must be sent as Content-Type: application/json"));
    }
    return 0;
}

/* GET /v1/example: the bundled cluster (examples/harbor-fire) as a request body. */
int srv_example(srv_response *r)
{
    json_t *docs = json_array();
    for (size_t i = 0; docs && i < srv_example_count; i++) {
        const srv_asset *a = &srv_example_assets[i];
        json_array_append_new(
            docs, json_pack("{s:s, s:s%}", "id", a->name, "text", (const char *)a->data, a->len));
    }
    json_t *o = docs ? json_pack("{s:o, s:i}", "documents", docs, "words", 100) : NULL;
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!s) return srv_json_error(r, 500, NF_ENOMEM, "out of memory");
    int rc = srv_set(r, 200, "application/json", s, strlen(s));
    free(s);
    return rc;
}

int srv_handle(nf_ctx *ctx, const srv_config *cfg, const char *method, const char *url,
               const char *content_type, const char *body, size_t body_len, srv_response *out)
{
    int pre = srv_precheck(cfg, method, url, content_type, (long long)body_len, out);
    if (pre) return pre < 0 ? -1 : 0;
    if (!body) body = "";
    switch (srv_route_of(url)) {
    case SRV_PAGE:
        return srv_set(out, 200, "text/html; charset=utf-8", (const char *)srv_page_asset.data,
                       srv_page_asset.len);
    case SRV_FORM: return srv_form(ctx, cfg, body, body_len, out);
    case SRV_SUMMARIZE: return srv_api(ctx, cfg, false, body, body_len, out);
    case SRV_BRIEF: return srv_api(ctx, cfg, true, body, body_len, out);
    case SRV_EXAMPLE: return srv_example(out);
    case SRV_HEALTH: return srv_set(out, 200, "text/plain; charset=utf-8", "ok\n", 3);
    case SRV_VERSION: {
        char buf[64];
        int n = snprintf(buf, sizeof buf, "{\"version\":\"%s\"}\n", nf_version());
        return srv_set(out, 200, "application/json", buf, (size_t)n);
    }
    case SRV_METRICS: return srv_metrics_render(out);
    default: return srv_json_error(out, 404, NF_EINVAL, "no such resource");
    }
}
