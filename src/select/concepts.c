/* concepts.c - bigram concepts (Gillick & Favre style) for the coverage-based selectors. */
#include "concepts.h"

#include <math.h>
#include <string.h>

/* Weight kept by a concept the earlier reports already covered (update summaries). Measured on the
 * DUC 2007 update set (bench/QUALITY.md): 0.8 beat 0, 0.2, 0.5 and 1 (no discount); old content is
 * still what references repeat, so only a light discount helps. */
#define NF__UPDATE_KEEP 0.8

uint32_t nf__concepts_min_df(size_t ndocs)
{
    if (ndocs >= 10) return 3;
    if (ndocs >= 3) return 2;
    return 1;
}

typedef struct cmap {
    uint64_t *keys; /* (a << 32 | b) + 1, 0 empty */
    uint32_t *vals;
    size_t cap;
} cmap;

static uint64_t hkey(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return k;
}

static bool map_grow(const nf_allocator *al, cmap *m, size_t cap)
{
    uint64_t *keys = nf__calloc(al, cap, sizeof *keys);
    uint32_t *vals = nf__alloc(al, cap * sizeof *vals);
    if (!keys || !vals) {
        nf__free(al, keys);
        nf__free(al, vals);
        return false;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t h = hkey(m->keys[i]) & (cap - 1);
        while (keys[h]) h = (h + 1) & (cap - 1);
        keys[h] = m->keys[i];
        vals[h] = m->vals[i];
    }
    nf__free(al, m->keys);
    nf__free(al, m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return true;
}

static void map_free(const nf_allocator *al, cmap *m)
{
    nf__free(al, m->keys);
    nf__free(al, m->vals);
    m->keys = NULL;
    m->vals = NULL;
}

static nf_status q_tok(void *ud, const char *surf, size_t sl, uint32_t gid, int stop)
{
    (void)surf;
    (void)sl;
    nf__sel *s = ((void **)ud)[0];
    uint8_t *q = ((void **)ud)[1];
    if (stop) return NF_OK;
    uint32_t id = nf__term_find(s->c, gid);
    if (id != UINT32_MAX) q[id] = 1;
    return NF_OK;
}

nf_status nf__concepts_build(nf__sel *s, uint32_t min_df, double qboost, nf__concepts *out)
{
    nf_cluster *c = s->c;
    nf__arena *a = s->scratch;
    memset(out, 0, sizeof *out);
    size_t total = 0;
    uint32_t *soff = nf__arena_alloc(a, (c->nsents + 1) * sizeof *soff); /* bigrams before i */
    if (!soff) return NF_ENOMEM;
    for (size_t i = 0; i < c->nsents; i++) {
        soff[i] = (uint32_t)total;
        if (c->sents[i].nterms > 1) total += c->sents[i].nterms - 1;
    }
    soff[c->nsents] = (uint32_t)total;
    /* the map grows with the distinct bigrams (not the occurrences: one long document repeats
     * them), in the cluster allocator, freed once every occurrence has its id */
    cmap m = {NULL, NULL, 0};
    size_t cap0 = 1024; /* a cluster's distinct bigrams: about half its occurrences */
    while (cap0 < total && cap0 < ((size_t)1 << 20)) cap0 *= 2;
    uint32_t *occ = nf__arena_alloc(a, (total ? total : 1) * sizeof *occ); /* concept per bigram */
    if (!occ || !map_grow(s->c->al, &m, cap0)) return NF_ENOMEM;
    size_t nc = 0, k = 0;
    for (size_t i = 0; i < c->nsents; i++) {
        const nf__sent *t = &c->sents[i];
        for (uint32_t j = 0; j + 1 < t->nterms; j++, k++) {
            uint32_t x = t->terms[j], y = t->terms[j + 1];
            if (c->terms.stop[x] && c->terms.stop[y]) {
                occ[k] = UINT32_MAX;
                continue;
            }
            if ((nc + 1) * 2 > m.cap && !map_grow(s->c->al, &m, m.cap * 2)) {
                map_free(s->c->al, &m);
                return NF_ENOMEM;
            }
            uint64_t key = (((uint64_t)x << 32) | y) + 1;
            size_t h = hkey(key) & (m.cap - 1);
            while (m.keys[h] && m.keys[h] != key) h = (h + 1) & (m.cap - 1);
            if (!m.keys[h]) {
                m.keys[h] = key;
                m.vals[h] = (uint32_t)nc++;
            }
            occ[k] = m.vals[h];
        }
    }
    map_free(s->c->al, &m);
    uint32_t *dfc = nf__arena_calloc(a, nc + 1, sizeof *dfc);
    uint32_t *lastdoc = nf__arena_alloc(a, (nc + 1) * sizeof *lastdoc);
    uint8_t *inprev = nf__arena_calloc(a, nc + 1, 1);
    if (!dfc || !lastdoc || !inprev) return NF_ENOMEM;
    for (size_t i = 0; i < nc; i++) lastdoc[i] = UINT32_MAX;
    for (size_t i = 0; i < c->nsents; i++)
        if (c->docs[c->sents[i].doc].previous) /* seen before: not new, and no df */
            for (size_t j = soff[i]; j < soff[i + 1]; j++)
                if (occ[j] != UINT32_MAX) inprev[occ[j]] = 1;
    /* df: a group of near-duplicate documents counts once (documents listed group by group) */
    for (size_t q = 0; q < c->ndocs; q++) {
        const nf__doc *d = &c->docs[c->group_order[q]];
        uint32_t g = c->doc_group[c->group_order[q]];
        if (d->previous) continue;
        for (size_t i = d->first_sent; i < d->first_sent + d->nsents; i++)
            for (size_t j = soff[i]; j < soff[i + 1]; j++) {
                uint32_t cid = occ[j];
                if (cid == UINT32_MAX || lastdoc[cid] == g) continue;
                lastdoc[cid] = g;
                dfc[cid]++;
            }
    }
    if (s->qsim && s->o->query) {
        out->query = nf__arena_calloc(a, c->terms.n ? c->terms.n : 1, 1);
        if (!out->query) return NF_ENOMEM;
        void *ud[2] = {s, out->query};
        nf_status st = nf__tokenize_ids(s->ctx->tok, s->o->query, s->o->query_len, q_tok, ud);
        if (st != NF_OK) return st;
    }
    /* keep concepts with df >= min_df: renumber densely */
    uint32_t *newid = nf__arena_alloc(a, (nc ? nc : 1) * sizeof *newid);
    if (!newid) return NF_ENOMEM;
    size_t kept = 0;
    for (size_t i = 0; i < nc; i++) newid[i] = dfc[i] >= min_df ? (uint32_t)kept++ : UINT32_MAX;
    out->n = kept;
    out->w = nf__arena_alloc(a, (kept ? kept : 1) * sizeof *out->w);
    out->df = nf__arena_alloc(a, (kept ? kept : 1) * sizeof *out->df);
    out->off = nf__arena_alloc(a, (c->nsents + 1) * sizeof *out->off);
    /* the ids overwrite the occurrences they come from (a sentence's ids start no later than
     * its occurrences do): each sentence's run is read from a copy */
    out->ids = occ;
    uint32_t maxrun = 1;
    for (size_t i = 0; i < c->nsents; i++)
        if (soff[i + 1] - soff[i] > maxrun) maxrun = soff[i + 1] - soff[i];
    uint32_t *run = nf__arena_alloc(a, maxrun * sizeof *run);
    if (!run) return NF_ENOMEM;
    uint32_t *firstterm = nf__arena_alloc(a, (kept ? kept : 1) * 2 * sizeof *firstterm);
    if (!out->w || !out->df || !out->off || !firstterm) return NF_ENOMEM;
    uint8_t *oldc = nf__arena_calloc(a, kept ? kept : 1, 1);
    if (!oldc) return NF_ENOMEM;
    for (size_t i = 0; i < nc; i++)
        if (newid[i] != UINT32_MAX) {
            out->df[newid[i]] = dfc[i];
            oldc[newid[i]] = inprev[i];
        }
    /* per sentence unique concept ids, ascending */
    uint32_t pos = 0;
    for (size_t i = 0; i < c->nsents; i++) {
        const nf__sent *t = &c->sents[i];
        out->off[i] = pos;
        memcpy(run, occ + soff[i], (soff[i + 1] - soff[i]) * sizeof *run);
        for (uint32_t j = 0; j + 1 < t->nterms; j++) {
            if (run[j] == UINT32_MAX || newid[run[j]] == UINT32_MAX) continue;
            uint32_t id = newid[run[j]];
            firstterm[2 * id] = t->terms[j];
            firstterm[2 * id + 1] = t->terms[j + 1];
            /* insertion into the sorted run, skipping repeats */
            uint32_t p = pos;
            while (p > out->off[i] && out->ids[p - 1] > id) p--;
            if (p > out->off[i] && out->ids[p - 1] == id) continue;
            memmove(out->ids + p + 1, out->ids + p, (pos - p) * sizeof *out->ids);
            out->ids[p] = id;
            pos++;
        }
    }
    out->off[c->nsents] = pos;
    out->words = firstterm;
    for (size_t i = 0; i < kept; i++) {
        double w = (double)out->df[i];
        if (out->query && (out->query[firstterm[2 * i]] || out->query[firstterm[2 * i + 1]]))
            w *= 1.0 + qboost;
        if (oldc[i]) w *= NF__UPDATE_KEEP;
        out->w[i] = w;
    }
    return NF_OK;
}

const nf__greedy_params nf__greedy_default = {0.5, 1.0, 0.0, 0.0};

nf_status nf__concepts_greedy(nf__sel *s, const nf__concepts *cp, uint8_t *covered,
                              const nf__greedy_params *p)
{
    nf_cluster *c = s->c;
    uint8_t *used = nf__arena_calloc(s->scratch, c->nsents ? c->nsents : 1, 1);
    uint32_t *rank = p->pos_bonus > 0 ? nf__cand_rank(s) : NULL;
    if (!used || (p->pos_bonus > 0 && !rank)) return NF_ENOMEM;
    for (size_t k = 0; k < s->nchosen; k++) used[s->chosen[k]] = 1;
    for (;;) {
        double best = 0;
        uint32_t bi = UINT32_MAX;
        for (uint32_t i = 0; i < c->nsents; i++) {
            if (!s->cand[i] || used[i] || !nf__sel_fits(s, i)) continue;
            double gain = 0;
            for (uint32_t k = cp->off[i]; k < cp->off[i + 1]; k++)
                if (!covered[cp->ids[k]]) gain += cp->w[cp->ids[k]];
            if (gain <= 0) continue;
            if (s->qsim) gain *= 1.0 + p->query_mul * s->qsim[i];
            if (rank) gain *= 1.0 + p->pos_bonus / (1.0 + p->pos_decay * rank[i]);
            double cost = (double)nf__sent_cost(s, i);
            double v = gain / pow(cost > 1 ? cost : 1, p->cost_pow);
            if (v > best) {
                best = v;
                bi = i;
            }
        }
        if (bi == UINT32_MAX) break;
        used[bi] = 1;
        if (s->nchosen && nf__sel_maxsim(s, bi) > s->o->redundancy) continue;
        for (uint32_t k = cp->off[bi]; k < cp->off[bi + 1]; k++) covered[cp->ids[k]] = 1;
        nf_status st = nf__sel_take(s, bi, best);
        if (st != NF_OK) return st;
    }
    return NF_OK;
}
