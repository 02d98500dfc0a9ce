/* form.c - POST /summarize: the url-encoded form of pages without script (a textarea of reports
 * separated by lines of "-----") -> the summary or the brief as a standalone HTML page. */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handler.h"

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
                if (v[j] == '+')
                    out[k++] = ' ';
                else if (v[j] == '%' && j + 2 < vl + 0 && hexval(v[j + 1]) >= 0 &&
                         hexval(v[j + 2]) >= 0) {
                    out[k++] = (char)(hexval(v[j + 1]) * 16 + hexval(v[j + 2]));
                    j += 2;
                } else
                    out[k++] = v[j];
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
static nf_status add_pasted(nf_cluster *c, const char *p, size_t n, size_t max_docs, nf_error *err)
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
                if (st == NF_OK)
                    added++;
                else if (st != NF_EEMPTY)
                    return st;
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
    return srv_set(r, status, "text/html; charset=utf-8", buf, (size_t)(n > 0 ? n : 0));
}

int srv_form(nf_ctx *ctx, const srv_config *cfg, const char *body, size_t n, srv_response *r)
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
        rc = html_error(r, srv_http_status(st), msg);
    } else {
        rc = srv_set(r, 200, "text/html; charset=utf-8", out, on);
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
