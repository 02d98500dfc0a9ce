/* idf.c - background document frequencies from any corpus (`newsfuse idf`). */
#include "model.h"

#include <stdlib.h>
#include <string.h>

struct nf_idf_builder {
    nf_ctx *ctx;
    uint32_t *df, *last; /* per tokenizer stem id */
    size_t cap;
    size_t docs;
};

nf_status nf_idf_builder_new(nf_ctx *ctx, nf_idf_builder **out)
{
    if (!ctx || !out) return NF_EINVAL;
    *out = nf__calloc(ctx->al, 1, sizeof **out);
    if (!*out) return NF_ENOMEM;
    (*out)->ctx = ctx;
    return NF_OK;
}

void nf_idf_builder_free(nf_idf_builder *b)
{
    if (!b) return;
    const nf_allocator *al = b->ctx->al;
    nf__free(al, b->df);
    nf__free(al, b->last);
    nf__free(al, b);
}

static nf_status on_tok(void *ud, const char *surf, size_t sl, uint32_t gid, int stop)
{
    (void)surf;
    (void)sl;
    (void)stop;
    nf_idf_builder *b = ud;
    if (gid >= b->cap) {
        size_t nc = b->cap ? b->cap : 4096;
        while (nc <= gid) nc *= 2;
        uint32_t *df = nf__calloc(b->ctx->al, nc, sizeof *df);
        uint32_t *last = nf__calloc(b->ctx->al, nc, sizeof *last);
        if (!df || !last) {
            nf__free(b->ctx->al, df);
            nf__free(b->ctx->al, last);
            return NF_ENOMEM;
        }
        if (b->cap) {
            memcpy(df, b->df, b->cap * sizeof *df);
            memcpy(last, b->last, b->cap * sizeof *last);
        }
        nf__free(b->ctx->al, b->df);
        nf__free(b->ctx->al, b->last);
        b->df = df;
        b->last = last;
        b->cap = nc;
    }
    /* last[] holds docs+1 of the last document that counted the stem */
    if (b->last[gid] != (uint32_t)(b->docs + 1)) {
        b->last[gid] = (uint32_t)(b->docs + 1);
        b->df[gid]++;
    }
    return NF_OK;
}

nf_status nf_idf_builder_add(nf_idf_builder *b, const char *p, size_t n, nf_error *err)
{
    if (!b || (!p && n)) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    size_t at = n ? nf__utf8_check(p, n) : 0;
    if (at != n) /* the position goes in err->byte_pos, not in the text too */
        return nf__fail(err, NF_EUTF8, (long)b->docs, -1, (long long)at, "invalid UTF-8");
    nf_status st = nf__tokenize_ids(b->ctx->tok, p ? p : "", n, on_tok, b);
    if (st != NF_OK) return nf__fail(err, st, -1, -1, -1, "%s", nf_strerror(st));
    b->docs++;
    return NF_OK;
}

size_t nf_idf_builder_docs(const nf_idf_builder *b) { return b ? b->docs : 0; }

typedef struct ent {
    const char *s;
    size_t n;
    uint32_t df;
} ent;

static int cmp_ent(const void *a, const void *b)
{
    const ent *x = a, *y = b;
    size_t m = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, m);
    if (c) return c;
    return (x->n > y->n) - (x->n < y->n);
}

nf_status nf_idf_builder_write(nf_idf_builder *b, size_t min_df, char **out, size_t *len,
                               nf_error *err)
{
    if (!b || !out) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    *out = NULL;
    const nf_allocator *al = b->ctx->al;
    size_t m = 0;
    for (size_t g = 0; g < b->cap; g++)
        if (b->df[g] && b->df[g] >= min_df) m++;
    ent *e = nf__alloc(al, (m ? m : 1) * sizeof *e);
    if (!e) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    size_t k = 0;
    for (size_t g = 0; g < b->cap; g++)
        if (b->df[g] && b->df[g] >= min_df) {
            e[k].s = nf__tokenizer_stem_str(b->ctx->tok, (uint32_t)g, &e[k].n);
            e[k].df = b->df[g];
            k++;
        }
    qsort(e, m, sizeof *e, cmp_ent);
    nf__buf buf;
    nf__buf_init(&buf, al, 0);
    nf__buf_printf(&buf, "#docs %zu\n", b->docs);
    for (size_t i = 0; i < m; i++) {
        /* a stem cannot hold a tab or newline (the tokenizer splits on them) */
        nf__buf_put(&buf, e[i].s, e[i].n);
        nf__buf_printf(&buf, "\t%u\n", e[i].df);
    }
    nf__free(al, e);
    if (buf.err) {
        nf__buf_free(&buf);
        return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    }
    *out = nf__buf_take(&buf, len);
    return *out ? NF_OK : nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
}

void nf_idf_string_free(nf_idf_builder *b, char *p)
{
    if (b && p) nf__free(b->ctx->al, p);
}
