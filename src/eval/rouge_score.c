/* rouge_score.c - the per-evaluation scores of ROUGE-1.5.5: ROUGE-N, ROUGE-L, ROUGE-W, ROUGE-S/SU.
 *
 * Words become dense per-evaluation ids, n-grams and skip-bigrams become dense ids through a
 * pair table, so counting and clipping are array operations. The arithmetic follows the Perl
 * script step by step, in the same order, because its results are printed to 5 decimals and a
 * different summation order could move a last digit.
 */
#include "eval/rouge.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LCS_MAX_CELLS ((size_t)1 << 24)

/* One text as both ROUGE readers see it. */
typedef struct rtext {
    uint32_t *ng; /* tokens of the n-gram reader */
    size_t nng;
    uint32_t *lt; /* tokens of the sentence reader, sentence s is lt[so[s] .. so[s+1]) */
    size_t *so;
    size_t nsent;
} rtext;

typedef struct ectx {
    nf_rouge *r;
    nf__arena *a;
    rtext *t; /* t[0] is the peer, t[1 + k] model k */
    size_t nt;
    size_t nlocal;
    /* tokenizer output */
    uint32_t *out;
    size_t nout;
    nf_status st;
    /* LCS tables, reused across sentence pairs */
    double *c;
    uint32_t *l;
    size_t cap_c, cap_l;
} ectx;

double nf__rouge_round5(double x)
{
    char b[64];
    snprintf(b, sizeof b, "%7.5f", x);
    return strtod(b, NULL);
}

/* ---- vocabulary ---- */

static bool grow_u32(const nf_allocator *al, uint32_t **p, size_t *cap, size_t need)
{
    void *v = *p;
    if (!nf__grow(al, &v, cap, need, sizeof(uint32_t))) return false;
    *p = v;
    return true;
}

/* Word id (stop-word filter and stemming applied) of a raw token, UINT32_MAX for a stop word.
 * lc has room for 2n bytes. The surface is interned last, so a failure leaves no half entry. */
static nf_status word_of(nf_rouge *r, const char *raw, size_t n, char *lc, uint32_t *out)
{
    for (size_t i = 0; i < n; i++) lc[i] = (char)nf__tolower((unsigned char)raw[i]);
    uint32_t sid = nf__intern_find(r->surf, lc, n);
    if (sid != UINT32_MAX) {
        *out = r->surf_word[sid];
        return NF_OK;
    }
    uint32_t wid = UINT32_MAX;
    if (!((r->o.flags & NF_ROUGE_STOPWORDS) && nf__rouge_is_stop(r->lex, lc, n))) {
        const char *w = lc;
        size_t wl = n;
        if (r->o.flags & NF_ROUGE_STEM) w = nf__rouge_morph(r->lex, lc, n, lc + n, &wl);
        wid = nf__intern_add(r->words, w, wl);
        if (wid == UINT32_MAX) return NF_ENOMEM;
    }
    size_t cap = r->cap_surf_word;
    if (!grow_u32(r->al, &r->surf_word, &cap, nf__intern_count(r->surf) + 1)) return NF_ENOMEM;
    r->cap_surf_word = cap;
    sid = nf__intern_add(r->surf, lc, n);
    if (sid == UINT32_MAX) return NF_ENOMEM;
    r->surf_word[sid] = wid;
    *out = wid;
    return NF_OK;
}

static bool on_token(void *ud, const char *p, size_t n)
{
    ectx *e = ud;
    nf_rouge *r = e->r;
    char small[512];
    char *lc = 2 * n <= sizeof small ? small : nf__arena_alloc(e->a, 2 * n);
    uint32_t wid;
    if (!lc || (e->st = word_of(r, p, n, lc, &wid)) != NF_OK) {
        if (!lc) e->st = NF_ENOMEM;
        return false;
    }
    if (wid == UINT32_MAX) return true;
    if (wid >= r->cap_local) {
        size_t c1 = r->cap_local, c2 = r->cap_local;
        if (!grow_u32(r->al, &r->stamp, &c1, (size_t)wid + 1) ||
            !grow_u32(r->al, &r->local, &c2, (size_t)wid + 1)) {
            e->st = NF_ENOMEM;
            return false;
        }
        if (c1 > r->cap_local) memset(r->stamp + r->cap_local, 0, (c1 - r->cap_local) * 4);
        r->cap_local = NF__MIN(c1, c2);
    }
    if (r->stamp[wid] != r->gen) {
        r->stamp[wid] = r->gen;
        r->local[wid] = (uint32_t)e->nlocal++;
    }
    e->out[e->nout++] = r->local[wid];
    return true;
}

/* Tokenize segments into e->out (room for every possible token must exist). */
static nf_status tokenize(ectx *e, const nf__rseg *seg, size_t nseg, size_t *so)
{
    for (size_t s = 0; s < nseg; s++) {
        if (so) so[s] = e->nout;
        if (!nf__rouge_tokens(seg[s].p, seg[s].n, on_token, e)) return e->st;
    }
    if (so) so[nseg] = e->nout;
    return NF_OK;
}

static nf_status read_text(ectx *e, rtext *t, const char *p, size_t n, bool need_lcs)
{
    const nf_rouge_options *o = &e->r->o;
    size_t nl = nf__rouge_lines(p, n, NULL);
    nf__rseg *lines = nf__arena_calloc(e->a, nl + 1, sizeof *lines);
    nf__rseg *cut = nf__arena_calloc(e->a, nl + 1, sizeof *cut);
    if (!lines || !cut) return NF_ENOMEM;
    nf__rouge_lines(p, n, lines);
    size_t maxtok = n / 2 + 1;
    size_t nc = nf__rouge_cut_ngram(lines, nl, o->word_limit, o->byte_limit, cut);
    t->ng = nf__arena_calloc(e->a, maxtok, sizeof *t->ng);
    if (!t->ng) return NF_ENOMEM;
    e->out = t->ng;
    e->nout = 0;
    nf_status st = tokenize(e, cut, nc, NULL);
    if (st) return st;
    t->nng = e->nout;
    if (!need_lcs) return NF_OK;
    nc = nf__rouge_cut_lcs(lines, nl, o->word_limit, o->byte_limit, cut);
    t->so = nf__arena_calloc(e->a, nc + 1, sizeof *t->so);
    t->lt = nf__arena_calloc(e->a, maxtok, sizeof *t->lt);
    if (!t->so || !t->lt) return NF_ENOMEM;
    e->out = t->lt;
    e->nout = 0;
    t->nsent = nc;
    return tokenize(e, cut, nc, t->so);
}

/* ---- pair table: (a, b) -> dense id ---- */

typedef struct pmap {
    uint64_t *key;
    uint32_t *val; /* id + 1, 0 = empty */
    size_t mask;
    unsigned shift; /* 64 - log2(capacity): Fibonacci hashing keeps the top bits */
    uint32_t n;
} pmap;

static bool pmap_init(nf__arena *a, pmap *m, size_t items)
{
    size_t cap = 16;
    unsigned bits = 4;
    while (cap < 2 * items + 2) cap *= 2, bits++;
    m->shift = 64 - bits;
    m->key = nf__arena_alloc(a, cap * sizeof *m->key);
    m->val = nf__arena_calloc(a, cap, sizeof *m->val);
    m->mask = cap - 1;
    m->n = 0;
    return m->key && m->val;
}

static uint32_t pmap_id(pmap *m, uint32_t a, uint32_t b)
{
    uint64_t k = (uint64_t)a << 32 | b;
    size_t i = (size_t)((k * 0x9E3779B97F4A7C15ull) >> m->shift);
    while (m->val[i]) {
        if (m->key[i] == k) return m->val[i] - 1;
        i = (i + 1) & m->mask;
    }
    m->key[i] = k;
    m->val[i] = ++m->n;
    return m->n - 1;
}

/* ---- counting ---- */

typedef struct tally {
    double model, peer, hit;
} tally;

/* Gram ids of every text (g[t], ng[t]) with nid distinct ids: clipped hits per model, pooled (-f A)
 * or from the model with the best rounded recall (-f B), as computeNGramScore does. */
static nf_status count_grams(ectx *e, uint32_t **g, const size_t *ng, size_t nid, tally *out)
{
    uint32_t *cp = nf__arena_calloc(e->a, nid + 1, sizeof *cp);
    uint32_t *cm = nf__arena_calloc(e->a, nid + 1, sizeof *cm);
    if (!cp || !cm) return NF_ENOMEM;
    for (size_t i = 0; i < ng[0]; i++) cp[g[0][i]]++;
    tally tot = {0, 0, 0};
    double best = -1;
    for (size_t t = 1; t < e->nt; t++) {
        for (size_t i = 0; i < ng[t]; i++) cm[g[t][i]]++;
        double hit = 0;
        for (size_t i = 0; i < ng[t]; i++) {
            uint32_t x = g[t][i];
            if (!cm[x]) continue; /* already counted */
            hit += NF__MIN(cp[x], cm[x]);
            cm[x] = 0;
        }
        double cnt = (double)ng[t], pc = (double)ng[0];
        if (e->r->o.scoring == NF_ROUGE_BEST_MODEL) {
            /* ngramScore rounds the recall before -f B compares it */
            double score = cnt != 0 ? nf__rouge_round5(hit / cnt) : 0;
            if (score > best) {
                best = score;
                tot = (tally){cnt, pc, hit};
            }
        } else {
            tot.model += cnt;
            tot.peer += pc;
            tot.hit += hit;
        }
    }
    *out = tot;
    return NF_OK;
}

static nf_status score_ngram(ectx *e, int n, tally *out)
{
    uint32_t **g = nf__arena_calloc(e->a, e->nt, sizeof *g);
    size_t *ng = nf__arena_calloc(e->a, e->nt, sizeof *ng);
    if (!g || !ng) return NF_ENOMEM;
    size_t total = 0;
    for (size_t t = 0; t < e->nt; t++) {
        g[t] = nf__arena_alloc(e->a, (e->t[t].nng + 1) * sizeof **g);
        if (!g[t]) return NF_ENOMEM;
        memcpy(g[t], e->t[t].ng, e->t[t].nng * sizeof **g);
        ng[t] = e->t[t].nng;
        total += ng[t];
    }
    size_t nid = e->nlocal;
    /* level k ids come from (level k-1 id at i, token at i+k-1) */
    for (int lev = 2; lev <= n; lev++) {
        pmap m;
        if (!pmap_init(e->a, &m, total)) return NF_ENOMEM;
        for (size_t t = 0; t < e->nt; t++) {
            if (ng[t] == 0) continue;
            for (size_t i = 0; i + 1 < ng[t]; i++)
                g[t][i] = pmap_id(&m, g[t][i], e->t[t].ng[i + (size_t)lev - 1]);
            ng[t]--;
        }
        nid = m.n;
    }
    return count_grams(e, g, ng, nid, out);
}

/* createSkipBigram: pairs up to skip_distance words apart (any distance when negative). With -u
 * the unigram of each word is added too, except the last word's: the loop stops one short. */
static nf_status score_skip(ectx *e, bool unigram, tally *out)
{
    int d = e->r->o.skip_distance;
    uint32_t **g = nf__arena_calloc(e->a, e->nt, sizeof *g);
    size_t *ng = nf__arena_calloc(e->a, e->nt, sizeof *ng);
    if (!g || !ng) return NF_ENOMEM;
    size_t total = 0;
    for (size_t t = 0; t < e->nt; t++) {
        size_t L = e->t[t].nng, per = d < 0 ? L : NF__MIN(L, (size_t)d + 2);
        ng[t] = L ? (L - 1) * per : 0;
        total += ng[t];
    }
    pmap m;
    if (!pmap_init(e->a, &m, total)) return NF_ENOMEM;
    for (size_t t = 0; t < e->nt; t++) {
        const uint32_t *w = e->t[t].ng;
        size_t L = e->t[t].nng, k = 0;
        g[t] = nf__arena_alloc(e->a, (ng[t] + 1) * sizeof **g);
        if (!g[t]) return NF_ENOMEM;
        for (size_t i = 0; i + 1 < L; i++) {
            if (unigram) g[t][k++] = pmap_id(&m, w[i], UINT32_MAX);
            size_t end = d < 0 ? L - 1 : NF__MIN(L - 1, i + (size_t)d + 1);
            for (size_t j = i + 1; j <= end; j++) g[t][k++] = pmap_id(&m, w[i], w[j]);
        }
        ng[t] = k;
    }
    return count_grams(e, g, ng, m.n, out);
}

/* ---- ROUGE-L and ROUGE-W ---- */

/* Room for a (m+1) x (n+1) table in the scratch buffers (doubles for ROUGE-W, else counts). */
static nf_status lcs_tables(ectx *e, size_t m, size_t n, bool weighted)
{
    size_t cols = n + 1;
    if ((m + 1) > LCS_MAX_CELLS / cols) return NF_ETOOBIG;
    size_t cells = (m + 1) * cols;
    void *pc = e->c, *pl = e->l;
    if (weighted) {
        if (!nf__grow(e->r->al, &pc, &e->cap_c, cells, sizeof *e->c)) return NF_ENOMEM;
        e->c = pc;
    }
    if (!nf__grow(e->r->al, &pl, &e->cap_l, cells, sizeof *e->l)) return NF_ENOMEM;
    e->l = pl;
    return NF_OK;
}

/* Mark in hit[] the model positions of the LCS that ROUGE's backtrace picks: diagonal on a match,
 * else up when c[i-1][j] >= c[i][j-1], else left. */
static nf_status mark_lcs(ectx *e, const uint32_t *x, size_t m, const uint32_t *y, size_t n,
                          unsigned char *hit)
{
    if (m == 0 || n == 0) return NF_OK;
    nf_status st = lcs_tables(e, m, n, false);
    if (st) return st;
    size_t cols = n + 1;
    uint32_t *c = e->l;
    memset(c, 0, cols * sizeof *c);
    for (size_t i = 1; i <= m; i++) {
        uint32_t *row = c + i * cols, *up = row - cols;
        uint32_t xi = x[i - 1];
        row[0] = 0;
        for (size_t j = 1; j <= n; j++)
            row[j] = xi == y[j - 1] ? up[j - 1] + 1 : (up[j] >= row[j - 1] ? up[j] : row[j - 1]);
    }
    size_t i = m, j = n;
    while (i && j) {
        if (x[i - 1] == y[j - 1]) {
            i--, j--;
            hit[i] = 1;
        } else if (c[(i - 1) * cols + j] >= c[i * cols + j - 1]) {
            i--;
        } else {
            j--;
        }
    }
    return NF_OK;
}

/* The same for ROUGE-W: c holds the weighted scores, l the length of the run ending at (i, j);
 * a match adds (k+1)^w - k^w, summed in the Perl order. */
static nf_status mark_wlcs(ectx *e, const uint32_t *x, size_t m, const uint32_t *y, size_t n,
                           double wf, unsigned char *hit)
{
    if (m == 0 || n == 0) return NF_OK;
    nf_status st = lcs_tables(e, m, n, true);
    if (st) return st;
    size_t cols = n + 1;
    double *c = e->c;
    uint32_t *l = e->l;
    for (size_t j = 0; j <= n; j++) c[j] = 0, l[j] = 0;
    for (size_t i = 1; i <= m; i++) {
        size_t r = i * cols;
        c[r] = 0, l[r] = 0;
        for (size_t j = 1; j <= n; j++) {
            size_t at = r + j;
            if (x[i - 1] == y[j - 1]) {
                uint32_t k = l[at - cols - 1];
                c[at] = c[at - cols - 1] + pow(k + 1.0, wf) - pow((double)k, wf);
                l[at] = k + 1;
            } else {
                c[at] = c[at - cols] >= c[at - 1] ? c[at - cols] : c[at - 1];
                l[at] = 0;
            }
        }
    }
    size_t i = m, j = n;
    while (i && j) {
        if (x[i - 1] == y[j - 1]) {
            i--, j--;
            hit[i] = 1;
        } else if (c[(i - 1) * cols + j] >= c[i * cols + j - 1]) {
            i--;
        } else {
            j--;
        }
    }
    return NF_OK;
}

/* computeLCSScore / computeWLCSScore. Hits are clipped by the unigram counts of the n-gram
 * reader: a word counts only while both its model and its peer count stay positive. */
static nf_status score_lcs(ectx *e, bool weighted, tally *out)
{
    double wf = weighted ? e->r->o.weight : 1;
    size_t nl = e->nlocal;
    uint32_t *peer1 = nf__arena_calloc(e->a, nl + 1, sizeof *peer1);
    uint32_t *tp = nf__arena_calloc(e->a, nl + 1, sizeof *tp);
    uint32_t *m1 = nf__arena_calloc(e->a, nl + 1, sizeof *m1);
    if (!peer1 || !tp || !m1) return NF_ENOMEM;
    const rtext *P = &e->t[0];
    for (size_t i = 0; i < P->nng; i++) peer1[P->ng[i]]++;
    double pcn = (double)P->nng;
    size_t maxlen = 0;
    for (size_t t = 1; t < e->nt; t++)
        for (size_t s = 0; s < e->t[t].nsent; s++)
            maxlen = NF__MAX(maxlen, e->t[t].so[s + 1] - e->t[t].so[s]);
    unsigned char *mask = nf__arena_alloc(e->a, maxlen + 1);
    if (!mask) return NF_ENOMEM;
    tally tot = {0, 0, 0};
    double best = -1;
    for (size_t t = 1; t < e->nt; t++) {
        const rtext *M = &e->t[t];
        memcpy(tp, peer1, (nl + 1) * sizeof *tp);
        memset(m1, 0, (nl + 1) * sizeof *m1);
        for (size_t i = 0; i < M->nng; i++) m1[M->ng[i]]++;
        double hit = 0, base = 0;
        for (size_t s = 0; s < M->nsent; s++) {
            const uint32_t *x = M->lt + M->so[s];
            size_t m = M->so[s + 1] - M->so[s];
            memset(mask, 0, m + 1);
            base += weighted ? pow((double)m, wf) : (double)m;
            for (size_t q = 0; q < P->nsent; q++) {
                const uint32_t *y = P->lt + P->so[q];
                size_t n = P->so[q + 1] - P->so[q];
                nf_status st = weighted ? mark_wlcs(e, x, m, y, n, wf, mask)
                                        : mark_lcs(e, x, m, y, n, mask);
                if (st) return st;
            }
            /* A run's weight is added at its end (a position whose successor is unmarked, or the
             * sentence end); a marked word that fails the clip neither counts nor ends the run. */
            double run = 0;
            for (size_t j = 0; j < m; j++) {
                uint32_t w = x[j];
                if (!mask[j] || m1[w] == 0 || tp[w] == 0) continue;
                if (weighted) {
                    run++;
                    if ((j + 1 < m && !mask[j + 1]) || j + 1 == m) {
                        hit += pow(run, wf);
                        run = 0;
                    }
                } else {
                    hit++;
                }
                m1[w]--;
                tp[w]--;
            }
        }
        double score;
        if (weighted)
            score = base > 0 ? pow(hit / base, 1 / wf) : 0;
        else
            score = base > 0 ? hit / base : 0;
        /* ROUGE-W weights the already weighted base once more, and the peer length too */
        double mc = weighted ? pow(base, wf) : base, pc = weighted ? pow(pcn, wf) : pcn;
        if (e->r->o.scoring == NF_ROUGE_BEST_MODEL) {
            if (score > best) {
                best = score;
                tot = (tally){mc, pc, hit};
            }
        } else {
            tot.hit += hit;
            tot.model += mc;
            tot.peer += pc;
        }
    }
    *out = tot;
    return NF_OK;
}

/* R, P and F as ROUGE prints them: F from the rounded R and P. */
static void finish(const nf_rouge_options *o, const tally *t, bool weighted, nf_rouge_score *s)
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

static nf_status check_utf8(const char *p, size_t n, long doc, nf_error *err)
{
    size_t bad = nf__utf8_check(p, n);
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

nf_status nf__rouge_score_eval(nf_rouge *r, const char *peer, size_t peer_len,
                               const nf_rouge_text *models, size_t nmodels,
                               nf_rouge_score *scores, nf_error *err)
{
    nf_status st = check_utf8(peer, peer_len, 0, err);
    for (size_t k = 0; st == NF_OK && k < nmodels; k++)
        st = check_utf8(models[k].p, models[k].n, (long)k + 1, err);
    if (st) return st;
    bool need_lcs = false;
    for (size_t m = 0; m < r->nmetrics; m++)
        if (r->metrics[m].kind == NF__RM_L || r->metrics[m].kind == NF__RM_W) need_lcs = true;
    ectx e = {.r = r, .nt = nmodels + 1};
    e.a = nf__arena_new(r->al);
    if (!e.a) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    if (++r->gen == 0) { /* stamps wrapped: forget them all */
        if (r->stamp) memset(r->stamp, 0, r->cap_local * sizeof *r->stamp);
        r->gen = 1;
    }
    e.t = nf__arena_calloc(e.a, e.nt, sizeof *e.t);
    if (!e.t) st = NF_ENOMEM;
    for (size_t t = 0; st == NF_OK && t < e.nt; t++) {
        const char *p = t == 0 ? peer : models[t - 1].p;
        size_t n = t == 0 ? peer_len : models[t - 1].n;
        st = read_text(&e, &e.t[t], p ? p : "", p ? n : 0, need_lcs);
    }
    for (size_t m = 0; st == NF_OK && m < r->nmetrics; m++) {
        const nf__rmetric *mt = &r->metrics[m];
        tally t = {0, 0, 0};
        if (mt->kind == NF__RM_N)
            st = score_ngram(&e, mt->n, &t);
        else if (mt->kind == NF__RM_S)
            st = score_skip(&e, mt->unigram, &t);
        else
            st = score_lcs(&e, mt->kind == NF__RM_W, &t);
        if (st == NF_OK) finish(&r->o, &t, mt->kind == NF__RM_W, &scores[m]);
    }
    nf__arena_free(e.a);
    nf__free(r->al, e.c);
    nf__free(r->al, e.l);
    if (st == NF_ETOOBIG)
        return nf__fail(err, st, -1, -1, -1, "a sentence pair is too long for the LCS table");
    if (st) return nf__fail(err, st, -1, -1, -1, "%s", nf_strerror(st));
    return NF_OK;
}
