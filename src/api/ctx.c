/* ctx.c - per-thread context: tokenizer (stemmer + stopwords) and the optional background idf. */
#include "model.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

nf_status nf_ctx_new(const char *lang, const nf_allocator *al, nf_ctx **out, nf_error *err)
{
    if (!out) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    *out = NULL;
    if (!al) al = &nf__default_allocator;
    nf_ctx *x = nf__calloc(al, 1, sizeof *x);
    if (!x) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    x->alc = *al;
    x->al = &x->alc;
    nf_status st = nf__tokenizer_new(lang ? lang : "english", x->al, &x->tok);
    if (st != NF_OK) {
        nf__free(al, x);
        if (st == NF_ELANG)
            return nf__fail(err, st, -1, -1, -1, "unknown language '%s' (see --list-languages)",
                            lang);
        return nf__fail(err, st, -1, -1, -1, "%s", nf_strerror(st));
    }
    *out = x;
    return NF_OK;
}

void nf_ctx_free(nf_ctx *x)
{
    if (!x) return;
    nf__tokenizer_free(x->tok);
    nf__brief_tables_free(x->brief);
    nf__intern_free(x->bg_terms);
    nf__free(x->al, x->bg_df);
    nf__free(x->al, x->wl);
    nf_allocator al = x->alc;
    nf__free(&al, x);
}

const char **nf_languages(void) { return sb_stemmer_list(); }

nf_status nf_ctx_load_idf(nf_ctx *x, const char *p, size_t n, nf_error *err)
{
    if (!x || (!p && n)) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    nf__intern *t = nf__intern_new(x->al);
    if (!t) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    uint32_t *df = NULL;
    size_t cap = 0;
    double docs = 0;
    long line = 0;
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && p[e] != '\n') e++;
        line++;
        size_t le = e;
        if (le > i && p[le - 1] == '\r') le--;
        if (le - i >= 6 && memcmp(p + i, "#docs ", 6) == 0) {
            docs = 0;
            for (size_t k = i + 6; k < le && nf__isdigit((unsigned char)p[k]); k++)
                docs = docs * 10 + (p[k] - '0');
        } else if (le > i && p[i] != '#') {
            size_t tab = i;
            while (tab < le && p[tab] != '\t') tab++;
            if (tab == le || tab == i) {
                nf__intern_free(t);
                nf__free(x->al, df);
                return nf__fail(err, NF_EINVAL, -1, line, (long long)i,
                                "idf line %ld: expected term<TAB>df", line);
            }
            uint32_t v = 0;
            for (size_t k = tab + 1; k < le && nf__isdigit((unsigned char)p[k]); k++)
                v = v * 10 + (uint32_t)(p[k] - '0');
            uint32_t id = nf__intern_add(t, p + i, tab - i);
            void *d = df;
            if (id == UINT32_MAX || !nf__grow(x->al, &d, &cap, (size_t)id + 1, sizeof *df)) {
                nf__intern_free(t);
                nf__free(x->al, d);
                return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
            }
            df = d;
            df[id] = v;
        }
        i = e + 1;
    }
    if (docs <= 0) {
        nf__intern_free(t);
        nf__free(x->al, df);
        return nf__fail(err, NF_EINVAL, -1, 1, 0, "idf table has no '#docs N' header");
    }
    nf__intern_free(x->bg_terms);
    nf__free(x->al, x->bg_df);
    x->bg_terms = t;
    x->bg_df = df;
    x->bg_cap = cap;
    x->bg_docs = docs;
    x->idf_gen++;
    return NF_OK;
}

typedef struct pub_ud {
    nf_token_cb cb;
    void *ud;
} pub_ud;

static nf_status pub_cb(void *ud, const char *surf, size_t sl, const char *stem, size_t stl,
                        int stop)
{
    pub_ud *u = ud;
    u->cb(u->ud, surf, sl, stem, stl, stop);
    return NF_OK;
}

nf_status nf_tokenize(nf_ctx *x, const char *p, size_t n, nf_token_cb cb, void *ud, nf_error *err)
{
    if (!x || !cb || (!p && n)) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    pub_ud u = {cb, ud};
    nf_status st = nf__tokenize(x->tok, p ? p : "", n, pub_cb, &u);
    if (st != NF_OK) return nf__fail(err, st, -1, -1, -1, "%s", nf_strerror(st));
    return NF_OK;
}
