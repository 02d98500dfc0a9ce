/* handler.c - routes of the newsfuse HTTP service:
 *   GET  /                 the web page (a form: paste reports, pick a method and a budget)
 *   POST /summarize        form submission -> the summary as a standalone HTML page
 *   POST /api/summarize    JSON {"documents": [...], "words"|"bytes"|"sentences": N, "algo",
 *                          "truncate", "order", "query", "format", "brief": true} -> docs/json.md
 *   GET  /healthz          "ok"
 *   GET  /version          {"version": "..."}
 * Uses only the public header. */
#define _POSIX_C_SOURCE 200809L
#include "handler.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void srv_config_init(srv_config *c)
{
    c->max_body = (size_t)8 << 20;
    c->max_docs = 500;
    c->max_budget = 100000;
}

static int set(srv_response *r, int status, const char *type, const char *p, size_t n)
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

static int json_error(srv_response *r, int status, nf_status code, const char *msg)
{
    json_t *o = json_pack("{s:s?, s:i}", "error", msg, "code", (int)code);
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!s) return set(r, 500, "application/json", "{\"error\":\"out of memory\"}", 25);
    int rc = set(r, status, "application/json", s, strlen(s));
    free(s);
    return rc;
}

static int http_status(nf_status st)
{
    switch (st) {
    case NF_ENOMEM:
    case NF_EINTERNAL: return 500;
    case NF_ETOOBIG: return 413;
    default: return 400;
    }
}

static const char page[] =
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
    "content=\"width=device-width, initial-scale=1\"><title>newsfuse</title><style>"
    "body{font:16px/1.5 Georgia,serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#222}"
    "textarea{width:100%;height:22rem;font:14px/1.4 monospace}label{margin-right:1rem}"
    "button{font-size:1rem;padding:.3rem 1.2rem}.hint{color:#666;font-size:.9rem}</style></head>"
    "<body><h1>newsfuse</h1><p>Paste several reports about one event. Separate the reports with "
    "a line holding only <code>-----</code>.</p><form method=\"post\" action=\"/summarize\">"
    "<textarea name=\"text\" required></textarea><p><label>Method <select name=\"algo\">"
    "<option>auto</option><option>lead</option><option>centroid</option><option>lexrank</option>"
    "<option>textrank</option><option>mmr</option><option>sumbasic</option><option>kl</option>"
    "<option>submodular</option><option>ilp</option></select></label><label>Words <input "
    "name=\"words\" type=\"number\" value=\"100\" min=\"1\" max=\"5000\"></label><label><input "
    "type=\"checkbox\" name=\"brief\" value=\"1\" checked> story brief</label><button>Summarize"
    "</button></p></form><p class=\"hint\">API: <code>POST /api/summarize</code> with "
    "<code>{\"documents\": [\"...\", \"...\"], \"words\": 100}</code>.</p></body></html>\n";

/* ---- form decoding (application/x-www-form-urlencoded) ---- */
static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The decoded value of field `name`, malloc'd, or NULL. */
static char *form_field(const char *b, size_t n, const char *name, size_t *outlen)
{
    size_t nl = strlen(name);
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && b[e] != '&') e++;
        if (e - i > nl && memcmp(b + i, name, nl) == 0 && b[i + nl] == '=') {
            const char *v = b + i + nl + 1;
            size_t vl = e - (i + nl + 1), k = 0;
            char *out = malloc(vl + 1);
            if (!out) return NULL;
            for (size_t j = 0; j < vl; j++) {
                if (v[j] == '+') out[k++] = ' ';
                else if (v[j] == '%' && j + 2 < vl + 0 && hexval(v[j + 1]) >= 0 &&
                         hexval(v[j + 2]) >= 0) {
                    out[k++] = (char)(hexval(v[j + 1]) * 16 + hexval(v[j + 2]));
                    j += 2;
                } else out[k++] = v[j];
            }
            out[k] = '\0';
            *outlen = k;
            return out;
        }
        i = e + 1;
    }
    return NULL;
}

/* Split pasted text on lines of "-----" into documents of the cluster. */
static nf_status add_pasted(nf_cluster *c, const char *p, size_t n, size_t max_docs,
                            nf_error *err)
{
    size_t start = 0, added = 0;
    for (size_t i = 0; i <= n; i++) {
        bool eol = i == n || p[i] == '\n';
        if (!eol) continue;
        size_t ls = i;
        while (ls > start && p[ls - 1] != '\n') ls--;
        size_t k = ls, dashes = 0;
        while (k < i && (p[k] == '-' || p[k] == '\r' || p[k] == ' ')) dashes += p[k++] == '-';
        bool sep = k == i && dashes >= 5;
        if (sep || i == n) {
            size_t end = sep ? ls : n;
            if (end > start) {
                if (added >= max_docs) {
                    if (err) snprintf(err->msg, sizeof err->msg, "more than %zu reports", max_docs);
                    return NF_ETOOBIG;
                }
                nf_status st = nf_cluster_add_text(c, p + start, end - start, NULL, err);
                if (st == NF_OK) added++;
                else if (st != NF_EEMPTY) return st;
            }
            start = i + 1;
        }
    }
    if (!added) {
        if (err) snprintf(err->msg, sizeof err->msg, "no report to summarize");
        return NF_EEMPTY;
    }
    return NF_OK;
}

static int html_error(srv_response *r, int status, const char *msg)
{
    char buf[512];
    int n = snprintf(buf, sizeof buf,
                     "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>newsfuse: error"
                     "</title></head><body><h1>Cannot summarize</h1><p>%s</p><p><a href=\"/\">"
                     "Back</a></p></body></html>\n",
                     msg);
    return set(r, status, "text/html; charset=utf-8", buf, (size_t)(n > 0 ? n : 0));
}

static int form_summarize(nf_ctx *ctx, const srv_config *cfg, const char *body, size_t n,
                          srv_response *r)
{
    size_t tl = 0, al = 0, wl = 0, bl = 0;
    char *text = form_field(body, n, "text", &tl);
    char *algo = form_field(body, n, "algo", &al);
    char *words = form_field(body, n, "words", &wl);
    char *brief = form_field(body, n, "brief", &bl);
    nf_options o;
    nf_options_init(&o);
    int rc;
    nf_cluster *c = NULL;
    nf_summary *s = NULL;
    char *out = NULL;
    size_t on;
    nf_error err;
    err.msg[0] = '\0';
    if (!text) {
        rc = html_error(r, 400, "The form has no text.");
        goto done;
    }
    if (algo && nf_algo_from_name(algo) >= 0) o.algo = (nf_algo)nf_algo_from_name(algo);
    if (words) {
        char *end;
        unsigned long v = strtoul(words, &end, 10);
        if (*end || v == 0 || v > cfg->max_budget) {
            rc = html_error(r, 400, "The word budget must be a number from 1 to the limit.");
            goto done;
        }
        o.budget = v;
    }
    if (brief) o.flags |= NF_OPT_BRIEF;
    nf_status st = nf_cluster_new(NULL, &c);
    if (st == NF_OK) st = add_pasted(c, text, tl, cfg->max_docs, &err);
    nf_brief *bf = NULL;
    if (st == NF_OK) st = nf_summarize(ctx, c, &o, &s, &err);
    if (st == NF_OK && brief) st = nf_brief_build(ctx, c, &o, &bf, &err);
    if (st == NF_OK)
        st = bf ? nf_brief_render(c, bf, s, NF_FORMAT_HTML, &out, &on, &err)
                : nf_render(c, s, &o, NF_FORMAT_HTML, &out, &on, &err);
    nf_brief_free(bf);
    if (st != NF_OK) {
        char msg[300];
        /* err.msg holds no markup from the input: the library writes fixed texts and numbers */
        snprintf(msg, sizeof msg, "%s", err.msg[0] ? err.msg : nf_strerror(st));
        for (char *q = msg; *q; q++)
            if (*q == '<' || *q == '>' || *q == '&') *q = ' ';
        rc = html_error(r, http_status(st), msg);
    } else {
        rc = set(r, 200, "text/html; charset=utf-8", out, on);
    }
done:
    if (out) nf_string_free(c, out);
    nf_summary_free(s);
    nf_cluster_free(c);
    free(text);
    free(algo);
    free(words);
    free(brief);
    return rc;
}

static int api_summarize(nf_ctx *ctx, const srv_config *cfg, const char *body, size_t n,
                         srv_response *r)
{
    json_error_t je;
    json_t *root = json_loadb(body, n, 0, &je);
    if (!json_is_object(root)) {
        json_decref(root);
        return json_error(r, 400, NF_EJSON, "the body must be a JSON object");
    }
    nf_options o;
    nf_options_init(&o);
    nf_format fmt = NF_FORMAT_JSON;
    const char *unitname[] = {"words", "bytes", "sentences"};
    for (int u = 0; u < 3; u++) {
        json_t *v = json_object_get(root, unitname[u]);
        if (!v) continue;
        if (!json_is_integer(v) || json_integer_value(v) < 0 ||
            (size_t)json_integer_value(v) > cfg->max_budget) {
            json_decref(root);
            return json_error(r, 400, NF_EINVAL, "the budget must be an integer within the limit");
        }
        o.unit = (nf_unit)u;
        o.budget = (size_t)json_integer_value(v);
    }
    json_t *v = json_object_get(root, "algo");
    if (v) {
        int a = json_is_string(v) ? nf_algo_from_name(json_string_value(v)) : -1;
        if (a < 0) {
            json_decref(root);
            return json_error(r, 400, NF_EINVAL, "unknown algo");
        }
        o.algo = (nf_algo)a;
    }
    if (json_is_true(json_object_get(root, "truncate"))) o.flags |= NF_OPT_TRUNCATE;
    if (json_is_true(json_object_get(root, "brief"))) o.flags |= NF_OPT_BRIEF;
    v = json_object_get(root, "order");
    if (json_is_string(v) && strcmp(json_string_value(v), "rank") == 0) o.order = NF_ORDER_RANK;
    v = json_object_get(root, "query");
    if (json_is_string(v)) {
        o.query = json_string_value(v);
        o.query_len = json_string_length(v);
    }
    v = json_object_get(root, "format");
    if (v) {
        int f = json_is_string(v) ? nf_format_from_name(json_string_value(v)) : -1;
        if (f < 0) {
            json_decref(root);
            return json_error(r, 400, NF_EINVAL, "unknown format");
        }
        fmt = (nf_format)f;
    }
    json_t *docs = json_object_get(root, "documents");
    if (json_is_array(docs) && json_array_size(docs) > cfg->max_docs) {
        json_decref(root);
        return json_error(r, 413, NF_ETOOBIG, "too many documents");
    }
    nf_cluster *c = NULL;
    nf_summary *s = NULL;
    char *out = NULL;
    size_t on = 0;
    nf_error err;
    err.msg[0] = '\0';
    nf_status st = nf_cluster_new(NULL, &c);
    if (st == NF_OK) st = nf_cluster_add_json(c, body, n, &err);
    nf_brief *bf = NULL;
    bool want_brief = (o.flags & NF_OPT_BRIEF) && fmt != NF_FORMAT_SPL;
    if (st == NF_OK) st = nf_summarize(ctx, c, &o, &s, &err);
    if (st == NF_OK && want_brief) st = nf_brief_build(ctx, c, &o, &bf, &err);
    if (st == NF_OK)
        st = bf ? nf_brief_render(c, bf, s, fmt, &out, &on, &err)
                : nf_render(c, s, &o, fmt, &out, &on, &err);
    nf_brief_free(bf);
    int rc;
    if (st != NF_OK) {
        rc = json_error(r, http_status(st), st, err.msg[0] ? err.msg : nf_strerror(st));
    } else {
        static const char *const types[] = {"text/plain; charset=utf-8", "application/json",
                                            "text/markdown; charset=utf-8",
                                            "text/html; charset=utf-8", "text/plain; charset=utf-8"};
        rc = set(r, 200, types[fmt], out, on);
    }
    if (out) nf_string_free(c, out);
    nf_summary_free(s);
    nf_cluster_free(c);
    json_decref(root);
    return rc;
}

int srv_handle(nf_ctx *ctx, const srv_config *cfg, const char *method, const char *url,
               const char *content_type, const char *body, size_t body_len, srv_response *out)
{
    memset(out, 0, sizeof *out);
    if (!method || !url) return json_error(out, 400, NF_EINVAL, "bad request");
    size_t ul = strcspn(url, "?#");
    bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    bool post = strcmp(method, "POST") == 0;
    if (body_len > cfg->max_body) return json_error(out, 413, NF_ETOOBIG, "request body too large");
    if (ul == 1 && url[0] == '/') {
        if (!get) return json_error(out, 405, NF_EINVAL, "use GET");
        return set(out, 200, "text/html; charset=utf-8", page, sizeof page - 1);
    }
    if (ul == 8 && memcmp(url, "/healthz", 8) == 0) return set(out, 200, "text/plain", "ok\n", 3);
    if (ul == 8 && memcmp(url, "/version", 8) == 0) {
        char buf[64];
        int n = snprintf(buf, sizeof buf, "{\"version\":\"%s\"}\n", nf_version());
        return set(out, 200, "application/json", buf, (size_t)n);
    }
    if (ul == 10 && memcmp(url, "/summarize", 10) == 0) {
        if (!post) return html_error(out, 405, "Use the form.");
        if (content_type && !strstr(content_type, "application/x-www-form-urlencoded"))
            return html_error(out, 415, "The form must be url-encoded.");
        return form_summarize(ctx, cfg, body ? body : "", body_len, out);
    }
    if (ul == 14 && memcmp(url, "/api/summarize", 14) == 0) {
        if (!post) return json_error(out, 405, NF_EINVAL, "use POST");
        return api_summarize(ctx, cfg, body ? body : "", body_len, out);
    }
    return json_error(out, 404, NF_EINVAL, "no such resource");
}
