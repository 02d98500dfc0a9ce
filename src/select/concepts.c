/* concepts.c - bigram concepts (Gillick & Favre style) for the coverage-based selectors. */
#include "concepts.h"

#include <math.h>
#include <string.h>

/* Weight kept by a concept the earlier reports already covered (update summaries). Measured on the
 * DUC 2007 update set (bench/QUALITY.md): 0.8 beat 0, 0.2, 0.5 and 1 (no discount); old content is
 * still what references repeat, so only a light discount helps. */
#define NF__UPDATE_KEEP 0.8

/* A concept is evidence of importance when independent reports repeat it: two of them as soon
 * as there are two (a bigram only one of two reports has says nothing about the other), three from
 * ten on. The selectors fall back to a lower threshold when no concept reaches it. */
uint32_t nf__concepts_min_df(size_t ndocs)
{
    if (ndocs >= 10) return 3;
    if (ndocs >= 2) return 2;
    return 1;
}

/* Open addressing on (a, b): a slot holds concept id + 1 (0 empty) and the pair itself is read
 * from the concepts' term list, so a slot is 4 bytes instead of 12. */
typedef struct cmap {
    uint32_t *slot;
    size_t cap;
} cmap;

static uint64_t hkey(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return k;
}

static uint64_t pair_key(uint32_t x, uint32_t y) { return (((uint64_t)x << 32) | y) + 1; }

static bool map_grow(const nf_allocator *al, cmap *m, size_t cap, const uint32_t *wd)
{
    uint32_t *slot = nf__calloc(al, cap, sizeof *slot);
    if (!slot) return false;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slot[i]) continue;
        uint32_t id = m->slot[i] - 1;
        size_t h = hkey(pair_key(wd[2 * id], wd[2 * id + 1])) & (cap - 1);
        while (slot[h]) h = (h + 1) & (cap - 1);
        slot[h] = m->slot[i];
    }
    nf__free(al, m->slot);
    m->slot = slot;
    m->cap = cap;
    return true;
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

/* The id of concept (x, y), or UINT32_MAX. */
static uint32_t map_find(const cmap *m, const uint32_t *wd, uint32_t x, uint32_t y)
{
    for (size_t h = hkey(pair_key(x, y)) & (m->cap - 1); m->slot[h]; h = (h + 1) & (m->cap - 1)) {
        const uint32_t *pr = wd + 2 * (size_t)(m->slot[h] - 1);
        if (pr[0] == x && pr[1] == y) return m->slot[h] - 1;
    }
    return UINT32_MAX;
}

/* Number the bigram concepts by first occurrence (map: (a, b) -> id) and write each candidate
 * sentence's concept ids, in text order, into ids at off[i] (the others get an empty run:
 * no selector reads them, and one long document is mostly copies); words gets each concept's two
 * terms. The map is left in *mp for the caller to free.
 * The ids overwrite nothing: a sentence's run starts no later than its bigrams do, so ids holds
 * one entry per bigram but only the runs are ever written. Returns the number of concepts, or
 * SIZE_MAX on allocation failure. */
static size_t number_concepts(nf__sel *s, uint32_t *ids, uint32_t *off, uint32_t **words,
                              size_t total, cmap *mp)
{
    nf_cluster *c = s->c;
    const nf_allocator *al = c->al;
    /* the map grows with the distinct bigrams (not the occurrences: one long document repeats
     * them) and is freed once every occurrence has its id */
    cmap m = {NULL, 0};
    size_t cap0 = 1024; /* a cluster's distinct bigrams: about half its occurrences */
    while (cap0 < total && cap0 < ((size_t)1 << 20)) cap0 *= 2;
    uint32_t *wd = NULL;
    size_t capwd = 0, nc = 0;
    uint32_t pos = 0;
    if (!map_grow(al, &m, cap0, NULL)) return SIZE_MAX;
    for (size_t i = 0; i < c->nsents; i++) {
        const nf__sent *t = &c->sents[i];
        off[i] = pos;
        for (uint32_t j = 0; j + 1 < t->nterms; j++) {
            uint32_t x = t->terms[j], y = t->terms[j + 1];
            if (c->terms.stop[x] && c->terms.stop[y]) continue;
            if ((nc + 1) * 2 > m.cap && !map_grow(al, &m, m.cap * 2, wd)) goto fail;
            size_t h = hkey(pair_key(x, y)) & (m.cap - 1);
            for (; m.slot[h]; h = (h + 1) & (m.cap - 1)) {
                const uint32_t *pr = wd + 2 * (size_t)(m.slot[h] - 1);
                if (pr[0] == x && pr[1] == y) break;
            }
            if (!m.slot[h]) {
                void *q = wd;
                if (!nf__grow(al, &q, &capwd, 2 * nc + 2, sizeof *wd)) goto fail;
                wd = q;
                wd[2 * nc] = x;
                wd[2 * nc + 1] = y;
                m.slot[h] = (uint32_t)++nc;
            }
            if (s->cand[i]) ids[pos++] = m.slot[h] - 1;
        }
    }
    off[c->nsents] = pos;
    *mp = m;
    *words = wd;
    return nc;
fail:
    nf__free(al, m.slot);
    nf__free(al, wd);
    return SIZE_MAX;
}

void nf__concepts_release(nf__sel *s, nf__concepts *cp)
{
    nf__arena_release(s->scratch, cp->w);
    nf__arena_release(s->scratch, cp->df);
    nf__arena_release(s->scratch, cp->off);
    nf__arena_release(s->scratch, cp->ids);
    nf__arena_release(s->scratch, cp->words);
    memset(cp, 0, sizeof *cp);
}

/* The arrays of a concept table live in the allocator, adopted by the scratch arena: a selector
 * may release them before its next step (nf__concepts_release), and one long document's table
 * is the largest thing selection holds. */
nf_status nf__concepts_build(nf__sel *s, uint32_t min_df, double qboost, nf__concepts *out)
{
    nf_cluster *c = s->c;
    const nf_allocator *al = c->al;
    nf__arena *a = s->scratch;
    memset(out, 0, sizeof *out);
    size_t total = 0;
    for (size_t i = 0; i < c->nsents; i++)
        if (c->sents[i].nterms > 1) total += c->sents[i].nterms - 1;
    out->ids = nf__arena_own_alloc(a, (total ? total : 1) * sizeof *out->ids);
    out->off = nf__arena_own_alloc(a, (c->nsents + 1) * sizeof *out->off);
    if (!out->ids || !out->off) return NF_ENOMEM;
    uint32_t *words = NULL;
    cmap m = {NULL, 0};
    size_t nc = number_concepts(s, out->ids, out->off, &words, total, &m);
    if (nc == SIZE_MAX) return NF_ENOMEM;
    if (!words) words = nf__alloc(al, 2 * sizeof *words);
    out->words = words && nf__arena_adopt(a, words) ? words : NULL;
    out->df = nf__arena_own_alloc(a, (nc ? nc : 1) * sizeof *out->df);
    uint32_t *lastdoc = nf__alloc(al, (nc ? nc : 1) * sizeof *lastdoc);
    uint8_t *inprev = nf__calloc(al, nc ? nc : 1, 1);
    if (!out->words || !out->df || !lastdoc || !inprev) {
        nf__free(al, m.slot);
        nf__free(al, lastdoc);
        nf__free(al, inprev);
        return NF_ENOMEM;
    }
    uint32_t *dfc = out->df, *ids = out->ids, *off = out->off;
    memset(dfc, 0, (nc ? nc : 1) * sizeof *dfc);
    for (size_t i = 0; i < nc; i++) lastdoc[i] = UINT32_MAX;
    /* a sentence without a run (not a candidate) looks its bigrams up again */
    for (size_t i = 0; i < c->nsents; i++) {
        const nf__sent *t = &c->sents[i];
        if (!c->docs[t->doc].previous) continue; /* seen before: not new, and no df */
        for (uint32_t j = 0; j + 1 < t->nterms; j++)
            if (!c->terms.stop[t->terms[j]] || !c->terms.stop[t->terms[j + 1]])
                inprev[map_find(&m, out->words, t->terms[j], t->terms[j + 1])] = 1;
    }
    /* df: a group of near-duplicate documents counts once (documents listed group by group) */
    for (size_t q = 0; q < c->ndocs; q++) {
        const nf__doc *d = &c->docs[c->group_order[q]];
        uint32_t g = c->doc_group[c->group_order[q]];
        if (d->previous) continue;
        for (size_t i = d->first_sent; i < d->first_sent + d->nsents; i++) {
            const nf__sent *t = &c->sents[i];
            if (s->cand[i]) {
                for (size_t j = off[i]; j < off[i + 1]; j++) {
                    uint32_t cid = ids[j];
                    if (lastdoc[cid] == g) continue;
                    lastdoc[cid] = g;
                    dfc[cid]++;
                }
                continue;
            }
            for (uint32_t j = 0; j + 1 < t->nterms; j++) {
                if (c->terms.stop[t->terms[j]] && c->terms.stop[t->terms[j + 1]]) continue;
                uint32_t cid = map_find(&m, out->words, t->terms[j], t->terms[j + 1]);
                if (lastdoc[cid] == g) continue;
                lastdoc[cid] = g;
                dfc[cid]++;
            }
        }
    }
    nf__free(al, m.slot);
    nf_status st = NF_OK;
    if (s->qsim && s->o->query) {
        out->query = nf__arena_calloc(a, c->terms.n ? c->terms.n : 1, 1);
        void *ud[2] = {s, out->query};
        st = !out->query ? NF_ENOMEM
                         : nf__tokenize_ids(s->ctx->tok, s->o->query, s->o->query_len, q_tok, ud);
    }
    /* keep concepts with df >= min_df, renumbered densely in the same order, so every table
     * compacts in place; each sentence's run becomes its kept ids, unique and ascending */
    uint32_t *newid = lastdoc;
    size_t kept = 0;
    for (size_t i = 0; i < nc; i++) {
        newid[i] = dfc[i] >= min_df ? (uint32_t)kept++ : UINT32_MAX;
        if (newid[i] == UINT32_MAX) continue;
        dfc[newid[i]] = dfc[i];
        inprev[newid[i]] = inprev[i];
        out->words[2 * newid[i]] = out->words[2 * i];
        out->words[2 * newid[i] + 1] = out->words[2 * i + 1];
    }
    out->n = kept;
    uint32_t pos = 0;
    for (size_t i = 0; i < c->nsents; i++) {
        uint32_t b = off[i], e = off[i + 1];
        off[i] = pos;
        /* insertion into the sorted run, skipping repeats; the run is written no further than
         * it is read (pos <= j) */
        for (uint32_t j = b; j < e; j++) {
            uint32_t id = newid[ids[j]];
            if (id == UINT32_MAX) continue;
            uint32_t p = pos;
            while (p > off[i] && ids[p - 1] > id) p--;
            if (p > off[i] && ids[p - 1] == id) continue;
            memmove(ids + p + 1, ids + p, (pos - p) * sizeof *ids);
            ids[p] = id;
            pos++;
        }
    }
    off[c->nsents] = pos;
    nf__free(al, lastdoc);
    out->w = nf__arena_own_alloc(a, (kept ? kept : 1) * sizeof *out->w);
    if (st == NF_OK && !out->w) st = NF_ENOMEM;
    for (size_t i = 0; st == NF_OK && i < kept; i++) {
        double w = (double)dfc[i];
        if (out->query && (out->query[out->words[2 * i]] || out->query[out->words[2 * i + 1]]))
            w *= 1.0 + qboost;
        if (inprev[i]) w *= NF__UPDATE_KEEP;
        out->w[i] = w;
    }
    nf__free(al, inprev);
    return st;
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
