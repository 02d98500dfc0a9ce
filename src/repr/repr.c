/* repr.c - sentence terms (folded words, then stems), document frequencies, idf and tf-idf
 * vectors. */
#include "repr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct tokacc {
    nf_ctx *ctx;
    nf_cluster *c;
    uint32_t *ids;
    size_t n, cap;
} tokacc;

/* The cluster-local id of tokenizer word gid (numbered by first occurrence); UINT32_MAX on
 * allocation failure. */
static uint32_t word_local(nf_ctx *x, nf_cluster *c, uint32_t gid)
{
    if (gid >= x->wl_cap) {
        size_t old = x->wl_cap;
        void *p = x->wl;
        if (!nf__grow(x->al, &p, &x->wl_cap, (size_t)gid + 1, sizeof *x->wl)) return UINT32_MAX;
        x->wl = p;
        memset(x->wl + old, 0, (x->wl_cap - old) * sizeof *x->wl);
    }
    nf__terms *w = &c->words;
    uint32_t id = x->wl[gid];
    if (id < w->n && w->gid[id] == gid) return id;
    if (w->n == w->cap) {
        void *p = w->gid;
        if (!nf__grow(c->al, &p, &w->cap, w->n + 1, sizeof *w->gid)) return UINT32_MAX;
        w->gid = p;
    }
    w->gid[w->n] = gid;
    x->wl[gid] = (uint32_t)w->n;
    return (uint32_t)w->n++;
}

static nf_status on_tok(void *ud, const char *surf, size_t sl, uint32_t gid, int stop)
{
    (void)surf;
    (void)sl;
    (void)stop;
    tokacc *a = ud;
    uint32_t id = word_local(a->ctx, a->c, gid);
    if (id == UINT32_MAX) return NF_ENOMEM;
    if (a->n == a->cap) {
        void *p = a->ids;
        if (!nf__grow(a->c->al, &p, &a->cap, a->n + 1, sizeof(uint32_t))) return NF_ENOMEM;
        a->ids = p;
    }
    a->ids[a->n++] = id;
    return NF_OK;
}

/* Exactly sized runs of 4-byte values cut from arena blocks: a sentence's terms or vector in
 * its own arena allocation would round up to 16 bytes, ~8 % more for these arrays. */
typedef struct pool4 {
    nf__arena *a;
    char *p;
    size_t left; /* values */
} pool4;

static void *pool_take(pool4 *pl, size_t n)
{
    if (n == 0) n = 1;
    if (n > pl->left) {
        size_t m = n > 16384 ? n : 16384;
        pl->p = nf__arena_alloc(pl->a, m * 4);
        if (!pl->p) return NULL;
        pl->left = m;
    }
    void *r = pl->p;
    pl->p += n * 4;
    pl->left -= n;
    return r;
}

/* 1. the folded words of every sentence */
static nf_status sentence_terms(nf_ctx *ctx, nf_cluster *c, tokacc *acc, pool4 *pool)
{
    for (size_t i = 0; i < c->nsents; i++) {
        nf__sent *s = &c->sents[i];
        const char *text = c->docs[s->doc].text;
        acc->n = 0;
        nf_status st =
            nf__tokenize_words(ctx->tok, text + s->start, s->end - s->start, on_tok, acc);
        if (st != NF_OK) return st;
        s->nwords = (uint32_t)nf_count_words(text + s->start, s->end - s->start);
        s->nterms = (uint32_t)acc->n;
        s->terms = pool_take(pool, acc->n);
        if (!s->terms) return NF_ENOMEM;
        if (acc->n) memcpy(s->terms, acc->ids, acc->n * sizeof(uint32_t));
    }
    return NF_OK;
}

/* 3a. the sentences' folded words turned into stems in place. Local word ids count first
 * occurrences, so stemming the words in id order numbers the terms by first occurrence in the
 * text, as tokenizing straight into stems would; then one gather per token. */
static nf_status word_stems(nf_ctx *ctx, nf_cluster *c)
{
    uint32_t *lt = c->words.gid; /* local word -> term id, in place */
    for (size_t w = 0; w < c->words.n; w++) {
        int stop;
        uint32_t g = nf__tokenizer_word_stem(ctx->tok, lt[w], &stop);
        lt[w] = g == UINT32_MAX ? g : nf__term_local(c, g, stop);
        if (lt[w] == UINT32_MAX) {
            nf__terms_free(c->al, &c->words);
            return NF_ENOMEM;
        }
    }
    for (size_t i = 0; i < c->nsents; i++) {
        nf__sent *s = &c->sents[i];
        for (uint32_t k = 0; k < s->nterms; k++) s->terms[k] = lt[s->terms[k]];
    }
    nf__terms_free(c->al, &c->words);
    return NF_OK;
}

/* 3b. document frequencies: a group of near-duplicate documents counts once (a copied report is
 * no new evidence) */
static nf_status doc_freqs(nf_cluster *c)
{
    size_t nt = c->terms.n;
    c->terms.df = nf__calloc(c->al, nt ? nt : 1, sizeof(uint32_t));
    c->terms.idf = nf__calloc(c->al, nt ? nt : 1, sizeof(double));
    uint32_t *last = nf__alloc(c->al, (nt ? nt : 1) * sizeof(uint32_t));
    if (!c->terms.df || !c->terms.idf || !last) {
        nf__free(c->al, last);
        return NF_ENOMEM;
    }
    for (size_t t = 0; t < nt; t++) last[t] = UINT32_MAX;
    for (size_t k = 0; k < c->ndocs; k++) {
        const nf__doc *d = &c->docs[c->group_order[k]];
        uint32_t g = c->doc_group[c->group_order[k]];
        for (size_t i = d->first_sent; i < d->first_sent + d->nsents; i++) {
            const nf__sent *s = &c->sents[i];
            for (uint32_t j = 0; j < s->nterms; j++) {
                uint32_t t = s->terms[j];
                if (last[t] != g) {
                    last[t] = g;
                    c->terms.df[t]++;
                }
            }
        }
    }
    nf__free(c->al, last);
    return NF_OK;
}

/* 3c. idf: from the background table when loaded, else from the cluster (smoothed) */
static void term_idf(nf_ctx *ctx, nf_cluster *c)
{
    size_t ngroups = 0;
    for (size_t d = 0; d < c->ndocs; d++) ngroups += c->doc_group[d] == d;
    double N = (double)ngroups;
    /* the cluster's idf depends on df alone (at most the group count): one log per value */
    double memo[64];
    size_t nmemo = ngroups + 1 < 64 ? ngroups + 1 : 64;
    for (size_t k = 0; k < nmemo && !ctx->bg_terms; k++)
        memo[k] = log((N + 1.0) / ((double)k + 0.5)) + 1.0;
    for (size_t t = 0; t < c->terms.n; t++) {
        double idf;
        if (ctx->bg_terms) {
            size_t len;
            const char *str = nf__tokenizer_stem_str(ctx->tok, c->terms.gid[t], &len);
            uint32_t b = nf__intern_find(ctx->bg_terms, str, len);
            double df = b == UINT32_MAX ? 0.0 : (double)ctx->bg_df[b];
            idf = log((ctx->bg_docs + 1.0) / (df + 1.0)) + 1.0;
        } else if (c->terms.df[t] < nmemo) {
            idf = memo[c->terms.df[t]];
        } else {
            idf = log((N + 1.0) / ((double)c->terms.df[t] + 0.5)) + 1.0;
        }
        c->terms.idf[t] = idf;
    }
}

/* 3d. the tf-idf vector of sentence s over its content terms, sorted by term id */
static nf_status sentence_vector(nf_cluster *c, nf__sent *s, tokacc *acc, pool4 *pool)
{
    acc->n = 0;
    for (uint32_t k = 0; k < s->nterms; k++) {
        if (c->terms.stop[s->terms[k]]) continue;
        if (acc->n == acc->cap) {
            void *p = acc->ids;
            if (!nf__grow(c->al, &p, &acc->cap, acc->n + 1, sizeof(uint32_t))) return NF_ENOMEM;
            acc->ids = p;
        }
        acc->ids[acc->n++] = s->terms[k];
    }
    nf__sort_u32(acc->ids, acc->n);
    size_t u = 0;
    for (size_t k = 0; k < acc->n; k++)
        if (k == 0 || acc->ids[k] != acc->ids[k - 1]) u++;
    s->vt = pool_take(pool, 2 * u); /* the weights follow the terms (nf__vw) */
    if (!s->vt) return NF_ENOMEM;
    float *vw = (float *)(s->vt + u);
    size_t j = 0;
    double norm = 0;
    for (size_t k = 0; k < acc->n;) {
        size_t e = k;
        while (e < acc->n && acc->ids[e] == acc->ids[k]) e++;
        double w = (double)(e - k) * c->terms.idf[acc->ids[k]];
        s->vt[j] = acc->ids[k];
        vw[j] = (float)w;
        norm += w * w;
        j++;
        k = e;
    }
    s->nv = (uint32_t)j;
    s->norm = sqrt(norm);
    return NF_OK;
}

nf_status nf__repr_terms(nf_ctx *ctx, nf_cluster *c, const nf_options *o)
{
    tokacc acc = {ctx, c, NULL, 0, 0};
    pool4 pool = {c->work, NULL, 0};
    nf_status st = sentence_terms(ctx, c, &acc, &pool);
    nf__free(c->al, acc.ids);
    /* 2. near-duplicate sentences and document groups, from the words alone */
    if (st == NF_OK) st = nf__dedup(c, o->dup_threshold, !(o->flags & NF_OPT_NO_DEDUP));
    return st;
}

nf_status nf__repr_vectors(nf_ctx *ctx, nf_cluster *c)
{
    tokacc acc = {ctx, c, NULL, 0, 0};
    pool4 pool = {c->work, NULL, 0};
    nf_status st = word_stems(ctx, c);
    if (st == NF_OK) st = doc_freqs(c);
    if (st == NF_OK) term_idf(ctx, c);
    for (size_t i = 0; st == NF_OK && i < c->nsents; i++)
        st = sentence_vector(c, &c->sents[i], &acc, &pool);
    nf__free(c->al, acc.ids);
    return st;
}

double nf__cosine(const nf__sent *a, const nf__sent *b)
{
    if (a->norm <= 0 || b->norm <= 0) return 0.0;
    double dot = 0;
    uint32_t i = 0, j = 0;
    while (i < a->nv && j < b->nv) {
        if (a->vt[i] == b->vt[j])
            dot += (double)nf__vw(a)[i++] * (double)nf__vw(b)[j++];
        else if (a->vt[i] < b->vt[j])
            i++;
        else
            j++;
    }
    return dot / (a->norm * b->norm);
}
