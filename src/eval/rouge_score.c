/* rouge_score.c - the per-evaluation scores of ROUGE-1.5.5: reading, ROUGE-N, ROUGE-S/SU.
 *
 * Words are dense per-evaluation ids (rouge_vocab.c) and the peer is read first, so the ids
 * below B (the peer's vocabulary) are exactly the words the peer has. A model n-gram holding any
 * other word cannot be clipped against the peer: only the peer's n-grams go into a pair table,
 * models are looked up in it, and most model n-grams are dismissed by comparing two integers.
 * The arithmetic follows the Perl script step by step, in the same order, because its results
 * are printed to 5 decimals and a different summation order could move a last digit.
 */
#include "eval/rouge.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

double nf__rouge_round5(double x)
{
    /* The decimal rounding of x*1e5 is only in doubt next to a tie; elsewhere the integer it
     * rounds to, divided by 1e5 (correctly rounded), is the double strtod would read back. */
    if (x >= 0 && x < 1e4) {
        double y = x * 1e5, k = floor(y), f = y - k;
        if (fabs(f - 0.5) > 1e-4) return (f < 0.5 ? k : k + 1) / 1e5;
    }
    char b[64];
    snprintf(b, sizeof b, "%7.5f", x);
    return strtod(b, NULL);
}

/* ---- reading ---- */

size_t nf__rouge_utf8_check(const char *p, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ull) break;
    }
    return i + nf__utf8_check(p + i, n - i);
}

static nf_status check_utf8(const char *p, size_t n, long doc, nf_error *err)
{
    size_t bad = nf__rouge_utf8_check(p, n);
    if (bad == n) return NF_OK;
    long line = 1;
    for (size_t i = 0; i < bad; i++)
        if (p[i] == '\n') line++;
    if (doc == 0)
        return nf__fail(err, NF_EUTF8, doc, line, (long long)bad,
                        "invalid UTF-8 in the summary at byte %zu", bad);
    return nf__fail(err, NF_EUTF8, doc, line, (long long)bad,
                    "invalid UTF-8 in reference %ld at byte %zu", doc, bad);
}

/* Lines of a text are at most (n + 1) / 2: each holds a byte and all but the last a newline. */
static size_t max_lines(size_t n) { return (n + 1) / 2 + 1; }
static size_t max_tokens(size_t n) { return n / 2 + 1; }

/* Both readers of one text, tokens appended at *tok and sentence offsets at *so. When both
 * readers cut alike (no -b), the sentences are the n-gram reader's tokens. */
static nf_status read_text(nf_rouge *r, nf__rtext *t, const char *p, size_t n, bool need_lcs,
                           uint32_t **tok, size_t **so)
{
    const nf_rouge_options *o = &r->o;
    nf__rseg *lines = r->s.seg, *cut = r->s.seg + max_lines(n);
    size_t nl = nf__rouge_lines(p, n, lines);
    size_t nc = nf__rouge_cut_ngram(lines, nl, o->word_limit, o->byte_limit, cut);
    bool same = o->word_limit || !o->byte_limit;
    nf_status st = NF_OK;
    t->ng = *tok;
    t->nng = nf__rouge_tokenize(r, cut, nc, *tok, same && need_lcs ? *so : NULL, &st);
    if (st) return st;
    r->nlocal_ng = r->nlocal;
    *tok += t->nng;
    if (!need_lcs) return NF_OK;
    t->so = *so;
    if (same) {
        t->lt = t->ng;
        t->nsent = nc;
    } else {
        nc = nf__rouge_cut_lcs(lines, nl, o->word_limit, o->byte_limit, cut);
        t->lt = *tok;
        t->nsent = nc;
        *tok += nf__rouge_tokenize(r, cut, nc, *tok, *so, &st);
    }
    *so += t->nsent + 1;
    return st;
}

/* ---- pair table: (a, b) -> dense id, filled with the peer's grams ---- */

typedef struct pmap {
    uint64_t *key;
    uint32_t *val; /* id + 1, 0 = empty */
    size_t mask;
    unsigned shift; /* 64 - log2(capacity): Fibonacci hashing keeps the top bits */
    uint32_t n;
} pmap;

static bool pmap_init(nf_rouge *r, pmap *m, size_t items)
{
    size_t cap = 16;
    unsigned bits = 4;
    while (cap < 2 * items + 2) cap *= 2, bits++;
    void *k = r->s.pkey, *v = r->s.pval;
    bool ok = nf__rouge_reserve(r->al, &k, &r->s.cap_pkey, cap, sizeof *m->key);
    r->s.pkey = k;
    ok = ok && nf__rouge_reserve(r->al, &v, &r->s.cap_pval, cap, sizeof *m->val);
    r->s.pval = v;
    if (!ok) return false;
    m->key = r->s.pkey;
    m->val = r->s.pval;
    memset(m->val, 0, cap * sizeof *m->val);
    m->shift = 64 - bits;
    m->mask = cap - 1;
    m->n = 0;
    return true;
}

static size_t pmap_at(const pmap *m, uint64_t k)
{
    return (size_t)((k * 0x9E3779B97F4A7C15ull) >> m->shift);
}

static uint32_t pmap_add(pmap *m, uint32_t a, uint32_t b)
{
    uint64_t k = (uint64_t)a << 32 | b;
    size_t i = pmap_at(m, k);
    while (m->val[i]) {
        if (m->key[i] == k) return m->val[i] - 1;
        i = (i + 1) & m->mask;
    }
    m->key[i] = k;
    m->val[i] = ++m->n;
    return m->n - 1;
}

static uint32_t pmap_get(const pmap *m, uint32_t a, uint32_t b)
{
    uint64_t k = (uint64_t)a << 32 | b;
    for (size_t i = pmap_at(m, k); m->val[i]; i = (i + 1) & m->mask)
        if (m->key[i] == k) return m->val[i] - 1;
    return NONE;
}

/* ---- counting ---- */

/* Clipped hits of one model given its gram ids g[0..ng) (NONE: not a peer gram), the peer's
 * counts cp and a zeroed array cm (left zeroed). */
static double clip_hits(const uint32_t *g, size_t ng, const uint32_t *cp, uint32_t *cm)
{
    for (size_t i = 0; i < ng; i++)
        if (g[i] != NONE) cm[g[i]]++;
    double hit = 0;
    for (size_t i = 0; i < ng; i++) {
        uint32_t x = g[i];
        if (x == NONE || !cm[x]) continue; /* already counted */
        hit += NF__MIN(cp[x], cm[x]);
        cm[x] = 0;
    }
    return hit;
}

/* One model's counts into the tally: pooled (-f A) or from the model with the best rounded
 * recall (-f B), as computeNGramScore does. */
static void tally_model(const nf_rouge *r, nf__rtally *tot, double *best, double cnt, double pc,
                        double hit)
{
    if (r->o.scoring == NF_ROUGE_BEST_MODEL) {
        /* ngramScore rounds the recall before -f B compares it */
        double score = cnt != 0 ? nf__rouge_round5(hit / cnt) : 0;
        if (score > *best) {
            *best = score;
            *tot = (nf__rtally){cnt, pc, hit};
        }
    } else {
        tot->model += cnt;
        tot->peer += pc;
        tot->hit += hit;
    }
}

static bool counts(nf_rouge *r, size_t np, uint32_t **cp, uint32_t **cm)
{
    void *v = r->s.cnt;
    bool ok = nf__rouge_reserve(r->al, &v, &r->s.cap_cnt, 2 * np + 2, sizeof **cp);
    r->s.cnt = v;
    if (!ok) return false;
    *cp = r->s.cnt;
    *cm = r->s.cnt + np + 1;
    memset(r->s.cnt, 0, (2 * np + 2) * sizeof **cp);
    return true;
}

/* ROUGE-N: level k gram ids come from (level k-1 id at i, token at i+k-1); a model gram whose
 * prefix or last word the peer lacks is NONE. */
static nf_status score_ngram(nf_rouge *r, const nf__rtext *t, size_t nt, uint32_t B, int n,
                             nf__rtally *out)
{
    size_t total = 0;
    for (size_t k = 0; k < nt; k++) total += t[k].nng;
    void *va = r->s.ga, *vb = r->s.gb;
    bool ok = nf__rouge_reserve(r->al, &va, &r->s.cap_ga, t[0].nng + 1, sizeof *r->s.ga);
    r->s.ga = va;
    ok = ok && nf__rouge_reserve(r->al, &vb, &r->s.cap_gb, total + 1, sizeof *r->s.gb);
    r->s.gb = vb;
    if (!ok) return NF_ENOMEM;
    uint32_t *gp = r->s.ga, *gm = r->s.gb;
    memcpy(gp, t[0].ng, t[0].nng * sizeof *gp);
    size_t len = t[0].nng, mo = 0;
    for (size_t k = 1; k < nt; k++)
        for (size_t i = 0; i < t[k].nng; i++) gm[mo++] = t[k].ng[i] < B ? t[k].ng[i] : NONE;
    size_t np = B;
    for (int lev = 2; lev <= n; lev++) {
        pmap m;
        if (!pmap_init(r, &m, len)) return NF_ENOMEM;
        size_t d = (size_t)lev - 1;
        for (size_t i = 0; i + d < t[0].nng; i++) gp[i] = pmap_add(&m, gp[i], t[0].ng[i + d]);
        len = t[0].nng > d ? t[0].nng - d : 0;
        np = m.n;
        /* model k's level-(lev-1) grams start where its tokens do */
        mo = 0;
        for (size_t k = 1; k < nt; k++) {
            const uint32_t *w = t[k].ng;
            uint32_t *g = gm + mo;
            for (size_t i = 0; i + d < t[k].nng; i++)
                g[i] = g[i] == NONE || w[i + d] >= B ? NONE : pmap_get(&m, g[i], w[i + d]);
            mo += t[k].nng;
        }
    }
    uint32_t *cp, *cm;
    if (!counts(r, np, &cp, &cm)) return NF_ENOMEM;
    for (size_t i = 0; i < len; i++) cp[gp[i]]++;
    nf__rtally tot = {0, 0, 0};
    double best = -1, pc = (double)len;
    size_t d = (size_t)n - 1;
    mo = 0;
    for (size_t k = 1; k < nt; k++) {
        size_t ng = t[k].nng > d ? t[k].nng - d : 0;
        double hit = clip_hits(gm + mo, ng, cp, cm);
        tally_model(r, &tot, &best, (double)ng, pc, hit);
        mo += t[k].nng;
    }
    *out = tot;
    return NF_OK;
}

/* createSkipBigram: pairs up to skip_distance words apart (any distance when negative). With -u
 * the unigram of each word is added too, except the last word's: the loop stops one short. */
static size_t skip_end(int d, size_t L, size_t i)
{
    return d < 0 ? L - 1 : NF__MIN(L - 1, i + (size_t)d + 1);
}

static nf_status score_skip(nf_rouge *r, const nf__rtext *t, size_t nt, uint32_t B, bool unigram,
                            nf__rtally *out)
{
    int d = r->o.skip_distance;
    const uint32_t *w = t[0].ng;
    size_t L = t[0].nng, per = d < 0 ? L : NF__MIN(L, (size_t)d + 2);
    size_t cap = 0;
    for (size_t k = 0; k < nt; k++) {
        size_t Lk = t[k].nng, pk = d < 0 ? Lk : NF__MIN(Lk, (size_t)d + 2);
        cap = NF__MAX(cap, Lk ? (Lk - 1) * pk : 0);
    }
    pmap m;
    void *va = r->s.ga;
    bool ok = nf__rouge_reserve(r->al, &va, &r->s.cap_ga, cap + 1, sizeof *r->s.ga);
    r->s.ga = va;
    if (!ok || !pmap_init(r, &m, L ? (L - 1) * per : 0)) return NF_ENOMEM;
    uint32_t *g = r->s.ga;
    size_t k = 0;
    for (size_t i = 0; i + 1 < L; i++) {
        if (unigram) g[k++] = pmap_add(&m, w[i], NONE);
        for (size_t j = i + 1, end = skip_end(d, L, i); j <= end; j++)
            g[k++] = pmap_add(&m, w[i], w[j]);
    }
    uint32_t *cp, *cm;
    if (!counts(r, m.n, &cp, &cm)) return NF_ENOMEM;
    for (size_t i = 0; i < k; i++) cp[g[i]]++;
    double pc = (double)k, best = -1;
    nf__rtally tot = {0, 0, 0};
    for (size_t x = 1; x < nt; x++) {
        const uint32_t *v = t[x].ng;
        size_t Lx = t[x].nng, ng = 0, q = 0;
        for (size_t i = 0; i + 1 < Lx; i++) {
            size_t end = skip_end(d, Lx, i);
            ng += (unigram ? 1 : 0) + (end - i);
            if (v[i] >= B) continue; /* no peer gram starts with this word */
            if (unigram) g[q++] = pmap_get(&m, v[i], NONE);
            for (size_t j = i + 1; j <= end; j++)
                if (v[j] < B) g[q++] = pmap_get(&m, v[i], v[j]);
        }
        tally_model(r, &tot, &best, (double)ng, pc, clip_hits(g, q, cp, cm));
    }
    *out = tot;
    return NF_OK;
}

/* R, P and F as ROUGE prints them: F from the rounded R and P. */
static void finish(const nf_rouge_options *o, const nf__rtally *t, bool weighted, nf_rouge_score *s)
{
    double inv = weighted ? 1 / o->weight : 1;
    double R = t->model != 0 ? t->hit / t->model : 0;
    double P = t->peer != 0 ? t->hit / t->peer : 0;
    if (weighted) {
        R = pow(R, inv);
        P = pow(P, inv);
    }
    s->r = nf__rouge_round5(R);
    s->p = nf__rouge_round5(P);
    double den = (1 - o->alpha) * s->p + o->alpha * s->r;
    s->f = den > 0 ? nf__rouge_round5((s->p * s->r) / den) : nf__rouge_round5(0);
    s->model_count = t->model;
    s->peer_count = t->peer;
    s->hit_count = t->hit;
}

/* Room for every text of the evaluation in the scratch arrays. */
static nf_status reserve_texts(nf_rouge *r, const char *peer, size_t peer_len,
                               const nf_rouge_text *models, size_t nmodels, bool need_lcs)
{
    bool same = r->o.word_limit || !r->o.byte_limit;
    size_t ntok = 0, nso = 0, nseg = 0;
    for (size_t k = 0; k <= nmodels; k++) {
        size_t n = k == 0 ? (peer ? peer_len : 0) : (models[k - 1].p ? models[k - 1].n : 0);
        ntok += max_tokens(n) * (need_lcs && !same ? 2 : 1);
        nso += need_lcs ? max_lines(n) + 1 : 0;
        nseg = NF__MAX(nseg, 2 * max_lines(n));
    }
    void *a = r->s.tok, *b = r->s.so, *c = r->s.seg, *d = r->s.txt;
    bool ok = nf__rouge_reserve(r->al, &a, &r->s.cap_tok, ntok, sizeof *r->s.tok);
    r->s.tok = a;
    ok = ok && nf__rouge_reserve(r->al, &b, &r->s.cap_so, nso + 1, sizeof *r->s.so);
    r->s.so = b;
    ok = ok && nf__rouge_reserve(r->al, &c, &r->s.cap_seg, nseg, sizeof *r->s.seg);
    r->s.seg = c;
    ok = ok && nf__rouge_reserve(r->al, &d, &r->s.cap_txt, nmodels + 1, sizeof *r->s.txt);
    r->s.txt = d;
    return ok ? NF_OK : NF_ENOMEM;
}

nf_status nf__rouge_score_eval(nf_rouge *r, const char *peer, size_t peer_len,
                               const nf_rouge_text *models, size_t nmodels, nf_rouge_score *scores,
                               nf_error *err)
{
    nf_status st = check_utf8(peer, peer_len, 0, err);
    for (size_t k = 0; st == NF_OK && k < nmodels; k++)
        st = check_utf8(models[k].p, models[k].n, (long)k + 1, err);
    if (st) return st;
    bool need_lcs = false;
    for (size_t m = 0; m < r->nmetrics; m++)
        if (r->metrics[m].kind == NF__RM_L || r->metrics[m].kind == NF__RM_W) need_lcs = true;
    if (++r->gen == 0) { /* stamps wrapped: forget them all */
        if (r->stamp) memset(r->stamp, 0, r->cap_local * sizeof *r->stamp);
        r->gen = 1;
    }
    r->nlocal = 0;
    size_t nt = nmodels + 1;
    st = reserve_texts(r, peer, peer_len, models, nmodels, need_lcs);
    nf__rtext *t = r->s.txt;
    uint32_t *tok = r->s.tok, B = 0;
    size_t *so = r->s.so;
    for (size_t k = 0; st == NF_OK && k < nt; k++) {
        const char *p = k == 0 ? peer : models[k - 1].p;
        size_t n = k == 0 ? peer_len : models[k - 1].n;
        memset(&t[k], 0, sizeof t[k]);
        st = read_text(r, &t[k], p ? p : "", p ? n : 0, need_lcs, &tok, &so);
        if (k == 0) B = r->nlocal_ng;
    }
    for (size_t m = 0; st == NF_OK && m < r->nmetrics; m++) {
        const nf__rmetric *mt = &r->metrics[m];
        nf__rtally tl = {0, 0, 0};
        if (mt->kind == NF__RM_N)
            st = score_ngram(r, t, nt, B, mt->n, &tl);
        else if (mt->kind == NF__RM_S)
            st = score_skip(r, t, nt, B, mt->unigram, &tl);
        else
            st = nf__rouge_score_lcs(r, t, nt, mt->kind == NF__RM_W, &tl);
        if (st == NF_OK) finish(&r->o, &tl, mt->kind == NF__RM_W, &scores[m]);
    }
    if (st == NF_ETOOBIG)
        return nf__fail(err, st, -1, -1, -1, "a sentence pair is too long for the LCS table");
    if (st) return nf__fail(err, st, -1, -1, -1, "%s", nf_strerror(st));
    return NF_OK;
}
