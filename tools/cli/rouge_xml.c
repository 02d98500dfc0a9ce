/* rouge_xml.c - ROUGE's XML configuration, read for `newsfuse rouge CONFIG.xml`.
 * A small reader for the elements ROUGE uses: EVAL ID=, PEER-ROOT, MODEL-ROOT, INPUT-FORMAT TYPE=,
 * P ID=, M ID= (names case-insensitive, as ROUGE matches them). Comments, declarations and other
 * elements are skipped; the five predefined entities and numeric ASCII references are decoded. */
#define _POSIX_C_SOURCE 200809L
#include "rouge_xml.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The slot of the evaluation with this id, or of the empty place for it. */
static size_t *conf_slot(const xconf *c, const char *id)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (const char *s = id; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    size_t k = (size_t)(h ^ h >> 29) & c->mask;
    while (c->slot[k] && strcmp(c->ev[c->slot[k] - 1].id, id) != 0) k = (k + 1) & c->mask;
    return &c->slot[k];
}

/* Room for one more evaluation in the table (kept at most half full). */
static bool conf_grow(xconf *c)
{
    if (c->slot && 2 * (c->n + 1) <= c->mask + 1) return true;
    xconf t = *c;
    t.mask = c->slot ? 2 * c->mask + 1 : 255;
    t.slot = calloc(t.mask + 1, sizeof *t.slot);
    if (!t.slot) return false;
    for (size_t i = 0; i < c->n; i++) *conf_slot(&t, c->ev[i].id) = i + 1;
    free(c->slot);
    *c = t;
    return true;
}

bool cli_rx_name_is(const char *p, size_t n, const char *name)
{
    if (strlen(name) != n) return false;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c >= 'a' && c <= 'z') c = (char)(c - 32);
        if (c != name[i]) return false;
    }
    return true;
}

/* Decoded, whitespace-trimmed copy of p[0..n). */
static char *xml_text(const char *p, size_t n)
{
    while (n && strchr(" \t\r\n", *p)) p++, n--;
    while (n && strchr(" \t\r\n", p[n - 1])) n--;
    char *s = malloc(n + 1), *o = s;
    if (!s) return NULL;
    for (size_t i = 0; i < n; i++) {
        static const char *const ent[][2] = {
            {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
        bool done = false;
        for (size_t k = 0; p[i] == '&' && k < 5 && !done; k++) {
            size_t el = strlen(ent[k][0]);
            if (i + el <= n && memcmp(p + i, ent[k][0], el) == 0) {
                *o++ = ent[k][1][0];
                i += el - 1;
                done = true;
            }
        }
        if (!done && p[i] == '&' && i + 3 < n && p[i + 1] == '#') {
            size_t k = i + 2;
            unsigned v = 0;
            while (k < n && p[k] >= '0' && p[k] <= '9' && v < 128)
                v = v * 10 + (unsigned)(p[k++] - '0');
            if (k < n && p[k] == ';' && v > 0 && v < 128) {
                *o++ = (char)v;
                i = k;
                done = true;
            }
        }
        if (!done) *o++ = p[i];
    }
    *o = '\0';
    return s;
}

/* The value of attribute `name` in the tag text t[0..n), or NULL. */
static char *xml_attr(const char *t, size_t n, const char *name)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && strchr(" \t\r\n/", t[i])) i++;
        size_t ks = i;
        while (i < n && !strchr(" \t\r\n=/", t[i])) i++;
        size_t ke = i;
        while (i < n && strchr(" \t\r\n", t[i])) i++;
        if (i >= n || t[i] != '=') continue;
        i++;
        while (i < n && strchr(" \t\r\n", t[i])) i++;
        if (i >= n || (t[i] != '"' && t[i] != '\'')) return NULL;
        char q = t[i++];
        size_t vs = i;
        while (i < n && t[i] != q) i++;
        if (cli_rx_name_is(t + ks, ke - ks, name)) return xml_text(t + vs, i - vs);
        i++;
    }
    return NULL;
}

static bool push_item(xitem **v, size_t *n, size_t *cap, char *id, char *file)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        xitem *nv = realloc(*v, nc * sizeof *nv);
        if (!nv) return false;
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++] = (xitem){id, file};
    return true;
}

void cli_rx_free_conf(xconf *c)
{
    for (size_t i = 0; i < c->n; i++) {
        xeval *e = &c->ev[i];
        free(e->id), free(e->proot), free(e->mroot), free(e->format);
        for (size_t k = 0; k < e->np; k++) free(e->p[k].id), free(e->p[k].file);
        for (size_t k = 0; k < e->nm; k++) free(e->m[k].id), free(e->m[k].file);
        free(e->p), free(e->m);
    }
    free(c->ev);
    free(c->slot);
}

/* Parse the configuration; false with a message on malformed input. */
bool cli_rx_parse_xml(const char *s, size_t n, xconf *c, const char *path)
{
    xeval *cur = NULL;
    size_t i = 0;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt) break;
        i = (size_t)(lt - s);
        const char *skip_to = NULL;
        if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
            skip_to = "-->";
        else if (n - i >= 2 && (s[i + 1] == '?' || s[i + 1] == '!' || s[i + 1] == '/'))
            skip_to = ">";
        if (skip_to) {
            const char *e = NULL;
            for (size_t k = i + 1; k + strlen(skip_to) <= n && !e; k++)
                if (memcmp(s + k, skip_to, strlen(skip_to)) == 0) e = s + k;
            if (!e) break;
            i = (size_t)(e - s) + strlen(skip_to);
            continue;
        }
        const char *gt = memchr(s + i, '>', n - i);
        if (!gt) {
            fprintf(stderr, "newsfuse rouge: %s: unterminated tag at byte %zu\n", path, i);
            return false;
        }
        const char *t = s + i + 1;
        size_t tl = (size_t)(gt - t), nl = 0;
        while (nl < tl && !strchr(" \t\r\n/", t[nl])) nl++;
        size_t body = (size_t)(gt - s) + 1;
        i = body;
        bool is_eval = cli_rx_name_is(t, nl, "EVAL"),
             is_fmt = cli_rx_name_is(t, nl, "INPUT-FORMAT");
        bool is_pr = cli_rx_name_is(t, nl, "PEER-ROOT"),
             is_mr = cli_rx_name_is(t, nl, "MODEL-ROOT");
        bool is_p = cli_rx_name_is(t, nl, "P"), is_m = cli_rx_name_is(t, nl, "M");
        if (!is_eval && !is_fmt && !is_pr && !is_mr && !is_p && !is_m) continue;
        if (!is_eval && !cur) {
            fprintf(stderr, "newsfuse rouge: %s: <%.*s> outside <EVAL>\n", path, (int)nl, t);
            return false;
        }
        if (is_eval) {
            char *id = xml_attr(t + nl, tl - nl, "ID");
            if (!id || !*id) {
                free(id);
                fprintf(stderr, "newsfuse rouge: %s: <EVAL> without ID\n", path);
                return false;
            }
            size_t *sl = conf_grow(c) ? conf_slot(c, id) : NULL;
            if (sl && *sl) { /* ROUGE merges repeats */
                cur = &c->ev[*sl - 1];
                free(id);
                continue;
            }
            if (sl && c->n == c->cap) {
                size_t nc = c->cap ? c->cap * 2 : 64;
                xeval *nv = realloc(c->ev, nc * sizeof *nv);
                if (nv)
                    c->ev = nv, c->cap = nc;
                else
                    sl = NULL;
            }
            if (!sl) {
                free(id);
                return false;
            }
            cur = &c->ev[c->n++];
            memset(cur, 0, sizeof *cur);
            cur->id = id;
            *sl = c->n;
            continue;
        }
        if (is_fmt) {
            free(cur->format);
            cur->format = xml_attr(t + nl, tl - nl, "TYPE");
            continue;
        }
        /* an element with text: up to the next tag */
        const char *end = memchr(s + body, '<', n - body);
        size_t textlen = (end ? (size_t)(end - s) : n) - body;
        char *text = tl && t[tl - 1] == '/' ? xml_text("", 0) : xml_text(s + body, textlen);
        if (!text) return false;
        if (is_pr || is_mr) {
            char **dst = is_pr ? &cur->proot : &cur->mroot;
            free(*dst);
            *dst = text;
            continue;
        }
        char *id = xml_attr(t + nl, tl - nl, "ID");
        if (!id) {
            fprintf(stderr, "newsfuse rouge: %s: <%s> without ID in EVAL %s\n", path,
                    is_p ? "P" : "M", cur->id);
            free(text);
            return false;
        }
        bool ok = is_p ? push_item(&cur->p, &cur->np, &cur->capp, id, text)
                       : push_item(&cur->m, &cur->nm, &cur->capm, id, text);
        if (!ok) return false;
    }
    return true;
}
