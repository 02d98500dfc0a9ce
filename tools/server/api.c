/* api.c - the JSON API: POST /v1/summarize and /v1/brief (docs/server.md). The body is parsed once
 * with jansson; every key is checked against the list of known keys before any work is done, so a
 * misspelt or ill-typed option is a 400 naming it, never a silent default. The documents are added
 * to the cluster from the parsed tree (nf_cluster_add_text / _html), not by parsing the body again.
 * Uses only the public header. */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handler.h"

/* Cut a UTF-8 sequence that snprintf left incomplete at the end of s (jansson refuses it). */
static void utf8_trim(char *s)
{
    size_t n = strlen(s), i = n, back = 0;
    while (i > 0 && back < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
        i--;
        back++;
    }
    if (i == 0) return;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (lead >= 0xC0 && i - 1 + need > n) s[i - 1] = '\0';
}

/* A refusal: status, library code, message, and the key or JSON position it is about. */
static int fail(srv_response *r, int status, nf_status code, const char *key,
                const json_error_t *je, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static int fail(srv_response *r, int status, nf_status code, const char *key,
                const json_error_t *je, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    utf8_trim(msg);
    json_t *o = json_pack("{s:s, s:i}", "error", msg, "code", (int)code);
    if (o && key) {
        char k[128];
        snprintf(k, sizeof k, "%s", key);
        utf8_trim(k);
        json_object_set_new(o, "key", json_string(k));
    }
    if (o && je) {
        json_object_set_new(o, "line", json_integer(je->line));
        json_object_set_new(o, "column", json_integer(je->column));
        json_object_set_new(o, "position", json_integer(je->position));
    }
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!s) return srv_json_error(r, 500, NF_ENOMEM, "out of memory");
    size_t n = strlen(s);
    int rc = srv_set(r, status, "application/json", s, n + 1); /* with the NUL, made a newline */
    if (rc == 0) r->body[n] = '\n';
    free(s);
    return rc;
}

typedef struct request {
    nf_options o;
    nf_format fmt;
    bool brief, texts;
    json_t *docs;
    const char *unit_key; /* the budget key given, to refuse a second one */
} request;

static bool one_of(const char *k, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(k, *list) == 0) return true;
    return false;
}

/* One top-level key. Returns 0, or the status of the refusal written to r. */
static int take_key(const srv_config *cfg, bool brief_route, request *q, const char *k, json_t *v,
                    srv_response *r, int *rc)
{
    static const char *const units[] = {"words", "bytes", "sentences", NULL};
    static const char *const flags[] = {"truncate", "brief", "texts", NULL};
#define REFUSE(...) (*rc = fail(r, 400, NF_EINVAL, k, NULL, __VA_ARGS__), 1)
    if (strcmp(k, "documents") == 0) {
        if (!json_is_array(v)) return REFUSE("\"documents\" must be an array");
        if (json_array_size(v) == 0) return REFUSE("\"documents\" is empty");
        if (json_array_size(v) > cfg->max_docs)
            return *rc =
                       fail(r, 413, NF_ETOOBIG, k, NULL, "more than %zu documents", cfg->max_docs),
                   1;
        q->docs = v;
    } else if (one_of(k, units)) {
        if (q->unit_key)
            return REFUSE("give one of words, bytes, sentences (\"%s\" is given too)", q->unit_key);
        json_int_t n = json_is_integer(v) ? json_integer_value(v) : -1;
        if (n < 1 || (unsigned long long)n > cfg->max_budget)
            return REFUSE("\"%s\" must be an integer from 1 to %zu", k, cfg->max_budget);
        q->unit_key = k;
        q->o.unit = strcmp(k, "words") == 0   ? NF_UNIT_WORDS
                    : strcmp(k, "bytes") == 0 ? NF_UNIT_BYTES
                                              : NF_UNIT_SENTENCES;
        q->o.budget = (size_t)n;
    } else if (one_of(k, flags)) {
        if (!json_is_boolean(v)) return REFUSE("\"%s\" must be true or false", k);
        bool on = json_is_true(v);
        if (strcmp(k, "truncate") == 0) {
            if (on)
                q->o.flags |= NF_OPT_TRUNCATE;
            else
                q->o.flags &= ~(unsigned)NF_OPT_TRUNCATE;
        } else if (strcmp(k, "brief") == 0) {
            q->brief = brief_route || on;
        } else {
            q->texts = on;
        }
    } else if (strcmp(k, "algo") == 0) {
        int a = json_is_string(v) ? nf_algo_from_name(json_string_value(v)) : -1;
        if (a < 0) return REFUSE("unknown algo (see newsfuse summarize --help)");
        q->o.algo = (nf_algo)a;
    } else if (strcmp(k, "order") == 0) {
        const char *s = json_is_string(v) ? json_string_value(v) : "";
        if (strcmp(s, "source") == 0)
            q->o.order = NF_ORDER_SOURCE;
        else if (strcmp(s, "rank") == 0)
            q->o.order = NF_ORDER_RANK;
        else
            return REFUSE("\"order\" must be \"source\" or \"rank\"");
    } else if (strcmp(k, "query") == 0) {
        if (!json_is_string(v)) return REFUSE("\"query\" must be a string");
        q->o.query = json_string_value(v);
        q->o.query_len = json_string_length(v);
    } else if (strcmp(k, "format") == 0) {
        int f = json_is_string(v) ? nf_format_from_name(json_string_value(v)) : -1;
        if (f < 0) return REFUSE("\"format\" must be json, text, markdown, html or spl");
        q->fmt = (nf_format)f;
    } else {
        return REFUSE("unknown key \"%s\"", k);
    }
#undef REFUSE
    return 0;
}

/* Check one document object's keys: exactly one of text/html, the rest optional strings. */
static int check_doc(size_t i, json_t *d, srv_response *r, int *rc)
{
    static const char *const meta[] = {"id", "title", "source", "url", "date", NULL};
    char key[96];
    if (json_is_string(d)) return 0;
    snprintf(key, sizeof key, "documents[%zu]", i);
    if (!json_is_object(d)) {
        *rc = fail(r, 400, NF_EINVAL, key, NULL, "%s must be a string or an object", key);
        return 1;
    }
    int bodies = 0;
    const char *k;
    json_t *v;
    json_object_foreach(d, k, v)
    {
        bool body = strcmp(k, "text") == 0 || strcmp(k, "html") == 0;
        if (!body && !one_of(k, meta)) {
            snprintf(key, sizeof key, "documents[%zu].%.40s", i, k);
            *rc = fail(r, 400, NF_EINVAL, key, NULL, "unknown key \"%s\" in documents[%zu]", k, i);
            return 1;
        }
        if (!json_is_string(v)) {
            snprintf(key, sizeof key, "documents[%zu].%.40s", i, k);
            *rc = fail(r, 400, NF_EINVAL, key, NULL, "%s must be a string", key);
            return 1;
        }
        bodies += body;
    }
    if (bodies != 1) {
        *rc = fail(r, 400, NF_EINVAL, key, NULL, "%s needs one of \"text\" or \"html\"", key);
        return 1;
    }
    return 0;
}

static const char *str(json_t *d, const char *k)
{
    json_t *v = json_object_get(d, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Add the checked documents; empty ones are skipped as nf_cluster_add_json skips them. */
static nf_status add_docs(nf_cluster *c, json_t *docs, nf_error *err, size_t *bad)
{
    size_t i, added = 0;
    json_t *d;
    json_array_foreach(docs, i, d)
    {
        nf_doc_meta m = {NULL, NULL, NULL, NULL, NULL};
        json_t *t = d, *h = NULL;
        if (json_is_object(d)) {
            t = json_object_get(d, "text");
            h = json_object_get(d, "html");
            m.id = str(d, "id");
            m.title = str(d, "title");
            m.source = str(d, "source");
            m.url = str(d, "url");
            m.date = str(d, "date");
        }
        nf_status st =
            h ? nf_cluster_add_html(c, json_string_value(h), json_string_length(h), &m, err)
              : nf_cluster_add_text(c, json_string_value(t), json_string_length(t), &m, err);
        if (st == NF_EEMPTY) continue;
        if (st != NF_OK) {
            *bad = i;
            return st;
        }
        added++;
    }
    if (!added) {
        snprintf(err->msg, sizeof err->msg, "every document is empty");
        return NF_EEMPTY;
    }
    return NF_OK;
}

/* JSON output with each documents[i] given its text (the bytes every offset refers to). */
static nf_status with_texts(const nf_cluster *c, char **out, size_t *on, char **mine)
{
    json_t *root = json_loadb(*out, *on, 0, NULL);
    json_t *docs = json_object_get(root, "documents");
    size_t i;
    json_t *d;
    json_array_foreach(docs, i, d)
    {
        size_t len = 0;
        const char *t = nf_cluster_doc_text(c, i, &len);
        if (t) json_object_set_new(d, "text", json_stringn(t, len));
    }
    *mine = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    if (!*mine) return NF_ENOMEM;
    *on = strlen(*mine);
    return NF_OK;
}

static int run(nf_ctx *ctx, const request *q, srv_response *r)
{
    static const char *const types[] = {"text/plain; charset=utf-8", "application/json",
                                        "text/markdown; charset=utf-8", "text/html; charset=utf-8",
                                        "text/plain; charset=utf-8"};
    nf_cluster *c = NULL;
    nf_summary *s = NULL;
    nf_brief *bf = NULL;
    char *out = NULL, *mine = NULL;
    size_t on = 0, bad = (size_t)-1;
    nf_error err;
    err.msg[0] = '\0';
    nf_status st = nf_cluster_new(NULL, &c);
    if (st == NF_OK) st = add_docs(c, q->docs, &err, &bad);
    if (st == NF_OK) st = nf_summarize(ctx, c, &q->o, &s, &err);
    if (st == NF_OK && q->brief && q->fmt != NF_FORMAT_SPL)
        st = nf_brief_build(ctx, c, &q->o, &bf, &err);
    if (st == NF_OK)
        st = bf ? nf_brief_render(c, bf, s, q->fmt, &out, &on, &err)
                : nf_render(c, s, &q->o, q->fmt, &out, &on, &err);
    const char *body = out;
    if (st == NF_OK && q->texts && q->fmt == NF_FORMAT_JSON) {
        st = with_texts(c, &out, &on, &mine);
        body = mine;
    }
    int rc;
    if (st != NF_OK) {
        char key[40];
        snprintf(key, sizeof key, "documents[%zu]", bad);
        const char *msg = err.msg[0] ? err.msg : nf_strerror(st);
        rc = bad != (size_t)-1 ? fail(r, srv_http_status(st), st, key, NULL, "%s: %s", key, msg)
                               : fail(r, srv_http_status(st), st, NULL, NULL, "%s", msg);
    } else {
        rc = srv_set(r, 200, types[q->fmt], body, on);
    }
    free(mine);
    if (out) nf_string_free(c, out);
    nf_brief_free(bf);
    nf_summary_free(s);
    nf_cluster_free(c);
    return rc;
}

int srv_api(nf_ctx *ctx, const srv_config *cfg, bool brief_route, const char *body, size_t n,
            srv_response *r)
{
    json_error_t je;
    json_t *root = json_loadb(body, n, JSON_REJECT_DUPLICATES, &je);
    if (!root) return fail(r, 400, NF_EJSON, NULL, &je, "malformed JSON: %s", je.text);
    int rc = 0;
    request q;
    memset(&q, 0, sizeof q);
    nf_options_init(&q.o);
    q.fmt = NF_FORMAT_JSON;
    q.brief = brief_route;
    if (!json_is_object(root)) {
        rc = fail(r, 400, NF_EJSON, NULL, NULL, "the body must be a JSON object");
        goto done;
    }
    const char *k;
    json_t *v;
    json_object_foreach(root, k, v)
    {
        if (take_key(cfg, brief_route, &q, k, v, r, &rc)) goto done;
    }
    if (!q.docs) {
        rc = fail(r, 400, NF_EINVAL, "documents", NULL, "\"documents\" is missing");
        goto done;
    }
    if (q.texts && q.fmt != NF_FORMAT_JSON) {
        rc = fail(r, 400, NF_EINVAL, "texts", NULL, "\"texts\" needs the json format");
        goto done;
    }
    for (size_t i = 0; i < json_array_size(q.docs); i++)
        if (check_doc(i, json_array_get(q.docs, i), r, &rc)) goto done;
    rc = run(ctx, &q, r);
done:
    json_decref(root);
    return rc;
}
