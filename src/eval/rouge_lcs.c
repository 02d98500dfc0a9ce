/* rouge_lcs.c - ROUGE-L and ROUGE-W of ROUGE-1.5.5: the summary-level union LCS.
 *
 * For every reference sentence and every summary sentence ROUGE fills the LCS table and walks
 * back from its corner (diagonal on a match, else up when c[i-1][j] >= c[i][j-1], else left),
 * marking the reference words of that one LCS. ROUGE-L here computes the same table bit-parallel
 * (Allison and Dix; Hyyrö): row i of the table is kept as the bit vector of the columns where
 * c[i][.] steps up, so a row costs a few word operations, and c[i][j] is a popcount. The walk then
 * takes the same path: on a mismatch c[i][j] = max(c[i-1][j], c[i][j-1]), so "up" is exactly
 * c[i-1][j] == c[i][j]. ROUGE-W needs its weighted table and keeps the plain dynamic program.
 */
#include "eval/rouge.h"

#include <math.h>
#include <string.h>

/* The largest table ROUGE-L/W accept, in cells (the public header promises NF_ETOOBIG above). */
#define LCS_MAX_CELLS ((size_t)1 << 24)

/* The index of the highest set bit of x != 0. */
static unsigned high_bit(uint64_t x)
{
#if defined(__GNUC__)
    return 63u - (unsigned)__builtin_clzll(x);
#else
    unsigned k = 0;
    while (x >>= 1) k++;
    return k;
#endif
}

/* c[i][j] from row i: the steps among columns 1..j. */
static size_t prefix(const uint64_t *row, size_t j)
{
    size_t c = 0, w = j / 64;
    for (size_t k = 0; k < w; k++) c += nf__popcount(row[k]);
    if (j % 64) c += nf__popcount(row[w] & ((1ull << (j % 64)) - 1));
    return c;
}

typedef struct peer_sent {
    const uint32_t *y;
    size_t n, W;           /* words, and 64-bit words per row */
    const uint64_t *masks; /* per slot: the columns holding that word; slot 0 is empty */
    const uint32_t *slot;  /* per local id */
    uint64_t *V, *rows;    /* scratch: the current row (complemented) and all rows */
} peer_sent;

/* The walk needs a popcount per move up or diagonal. x86-64 has an instruction for it, but not
 * in the baseline the library is built for: where the compiler can, the sentence-of-64-words
 * case is compiled twice, and the CPU picks (see mark_all). */
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__)) && !defined(__POPCNT__)
#define POPCNT_DISPATCH 1
#define ALWAYS_INLINE   __attribute__((always_inline))
#else
#define ALWAYS_INLINE
#endif

static inline unsigned pop(uint64_t x, bool hw)
{
#if defined(__GNUC__)
    if (hw) return (unsigned)__builtin_popcountll(x);
#else
    (void)hw;
#endif
    return nf__popcount(x);
}

/* Mark in hit[] the reference positions of the LCS of x[0..m) and a peer sentence of at most
 * 64 words that ROUGE's backtrace picks. */
static inline ALWAYS_INLINE void mark64(const peer_sent *ps, const uint32_t *x, size_t m,
                                        unsigned char *hit, bool hw)
{
    size_t n = ps->n;
    uint64_t *rows = ps->rows, last = n % 64 ? (1ull << (n % 64)) - 1 : ~0ull;
    uint64_t v = ~0ull, any = 0;
    rows[0] = 0;
    for (size_t i = 1; i <= m; i++) {
        uint64_t M = ps->masks[ps->slot[x[i - 1]]], u = v & M;
        any |= M;
        v = (v + u) | (v - u);
        rows[i] = ~v & last;
    }
    if (!any) return;
    /* c = c[i][j] and e = c[i-1][j]; a left move changes e by one bit of row i-1, so only the
     * moves up and diagonal need a popcount (of the row above the new position) */
    size_t i = m, j = n, c = pop(rows[m], hw), e = pop(rows[m - 1], hw);
    while (i && j && c) {
        uint64_t M = ps->masks[ps->slot[x[i - 1]]]; /* the columns matching x[i-1] */
        if (M >> (j - 1) & 1u) {                    /* diagonal */
            hit[--i] = 1;
            j--, c--;
            if (i && j) e = pop(rows[i - 1] & (~0ull >> (64 - j)), hw);
        } else if (e == c) { /* up */
            i--;
            if (i) e = pop(rows[i - 1] & (~0ull >> (64 - j)), hw);
        } else {
            /* Left, and left again: e only decreases, so the walk stays in this row up to the
             * next column matching x[i-1], where it goes diagonal (and e is recomputed there).
             * Without such a column it leaves the table unmarked. */
            uint64_t below = j > 1 ? M & (~0ull >> (65 - j)) : 0; /* columns 1 .. j-1 */
            if (!below) break;
            j = high_bit(below) + 1;
        }
    }
}

static void mark64_sw(const peer_sent *ps, const uint32_t *x, size_t m, unsigned char *hit)
{
    mark64(ps, x, m, hit, false);
}

#ifdef POPCNT_DISPATCH
__attribute__((target("popcnt"))) static void mark64_hw(const peer_sent *ps, const uint32_t *x,
                                                        size_t m, unsigned char *hit)
{
    mark64(ps, x, m, hit, true);
}
#endif

/* The same for longer peer sentences: rows of W words, carries between them. */
static void mark_lcs(const peer_sent *ps, const uint32_t *x, size_t m, unsigned char *hit)
{
    size_t n = ps->n, W = ps->W;
    uint64_t *V = ps->V, *rows = ps->rows;
    uint64_t last = n % 64 ? (1ull << (n % 64)) - 1 : ~0ull;
    for (size_t w = 0; w < W; w++) V[w] = ~0ull, rows[w] = 0;
    bool any = false;
    for (size_t i = 1; i <= m; i++) {
        const uint64_t *M = ps->masks + (size_t)ps->slot[x[i - 1]] * W;
        uint64_t *row = rows + i * W, carry = 0;
        for (size_t w = 0; w < W; w++) {
            uint64_t v = V[w], u = v & M[w], s = v + u, c1 = s < v, s2 = s + carry;
            carry = c1 | (s2 < s);
            V[w] = s2 | (v & ~M[w]);
            row[w] = ~V[w];
        }
        row[W - 1] &= last;
        any = any || ps->slot[x[i - 1]];
    }
    if (!any) return;
    size_t i = m, j = n, c = prefix(rows + m * W, n);
    while (i && j && c) {
        if (x[i - 1] == ps->y[j - 1]) {
            hit[--i] = 1;
            j--, c--;
        } else if (prefix(rows + (i - 1) * W, j) == c) {
            i--;
        } else {
            j--;
        }
    }
}

/* The same for ROUGE-W: c holds the weighted scores, l the length of the run ending at (i, j);
 * a match adds (k+1)^w - k^w, summed in the Perl order. */
static nf_status mark_wlcs(nf_rouge *r, const uint32_t *x, size_t m, const uint32_t *y, size_t n,
                           double wf, unsigned char *hit)
{
    size_t cols = n + 1, cells = (m + 1) * cols;
    void *pc = r->s.wc, *pl = r->s.wl;
    bool ok = nf__rouge_reserve(r->al, &pc, &r->s.cap_wc, cells, sizeof *r->s.wc);
    r->s.wc = pc;
    ok = ok && nf__rouge_reserve(r->al, &pl, &r->s.cap_wl, cells, sizeof *r->s.wl);
    r->s.wl = pl;
    if (!ok) return NF_ENOMEM;
    double *c = r->s.wc;
    uint32_t *l = r->s.wl;
    for (size_t j = 0; j <= n; j++) c[j] = 0, l[j] = 0;
    for (size_t i = 1; i <= m; i++) {
        size_t row = i * cols;
        c[row] = 0, l[row] = 0;
        for (size_t j = 1; j <= n; j++) {
            size_t at = row + j;
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

static bool reserve32(nf_rouge *r, uint32_t **p, size_t *cap, size_t need)
{
    void *v = *p;
    bool ok = nf__rouge_reserve(r->al, &v, cap, need, sizeof **p);
    *p = v;
    return ok;
}

/* Marks of every model sentence against every peer sentence; marks of model k start at
 * mark + mo[k]. The peer sentence is the outer loop: its match masks are built once. */
static nf_status mark_all(nf_rouge *r, const nf__rtext *t, size_t nt, bool weighted,
                          unsigned char *mark, const size_t *mo)
{
    const nf__rtext *P = &t[0];
    size_t mmax = 0;
    for (size_t k = 1; k < nt; k++)
        for (size_t s = 0; s < t[k].nsent; s++) mmax = NF__MAX(mmax, t[k].so[s + 1] - t[k].so[s]);
    if (!reserve32(r, &r->s.slot, &r->s.cap_slot, (size_t)r->nlocal + 1)) return NF_ENOMEM;
    uint32_t *slot = r->s.slot;
    memset(slot, 0, ((size_t)r->nlocal + 1) * sizeof *slot);
    void (*mark1)(const peer_sent *, const uint32_t *, size_t, unsigned char *) = mark64_sw;
#ifdef POPCNT_DISPATCH
    if (__builtin_cpu_supports("popcnt")) mark1 = mark64_hw;
#endif
    for (size_t q = 0; q < P->nsent; q++) {
        const uint32_t *y = P->lt + P->so[q];
        size_t n = P->so[q + 1] - P->so[q];
        if (n == 0 || mmax == 0) continue;
        if (mmax + 1 > LCS_MAX_CELLS / (n + 1)) return NF_ETOOBIG;
        size_t W = (n + 63) / 64;
        peer_sent ps = {y, n, W, NULL, slot, NULL, NULL};
        if (!weighted) {
            void *v = r->s.bits;
            size_t need = (n + 1) * W + W + (mmax + 1) * W;
            if (!nf__rouge_reserve(r->al, &v, &r->s.cap_bits, need, sizeof *r->s.bits))
                return NF_ENOMEM;
            r->s.bits = v;
            uint64_t *masks = r->s.bits;
            memset(masks, 0, (n + 1) * W * sizeof *masks);
            uint32_t ns = 0;
            for (size_t j = 0; j < n; j++) {
                if (!slot[y[j]]) slot[y[j]] = ++ns;
                masks[(size_t)slot[y[j]] * W + j / 64] |= 1ull << (j % 64);
            }
            ps.masks = masks;
            ps.V = masks + (n + 1) * W;
            ps.rows = ps.V + W;
        }
        for (size_t k = 1; k < nt; k++) {
            const nf__rtext *M = &t[k];
            for (size_t s = 0; s < M->nsent; s++) {
                const uint32_t *x = M->lt + M->so[s];
                size_t m = M->so[s + 1] - M->so[s];
                unsigned char *hit = mark + mo[k] + M->so[s];
                if (m == 0) continue;
                if (!weighted) {
                    if (W > 1)
                        mark_lcs(&ps, x, m, hit);
                    else
                        mark1(&ps, x, m, hit);
                } else {
                    nf_status st = mark_wlcs(r, x, m, y, n, r->o.weight, hit);
                    if (st) return st;
                }
            }
        }
        for (size_t j = 0; j < n; j++) slot[y[j]] = 0;
    }
    return NF_OK;
}

/* computeLCSScore / computeWLCSScore. Hits are clipped by the unigram counts of the n-gram
 * reader: a word counts only while both its model and its peer count stay positive. */
nf_status nf__rouge_score_lcs(nf_rouge *r, const nf__rtext *t, size_t nt, bool weighted,
                              nf__rtally *out)
{
    double wf = weighted ? r->o.weight : 1;
    size_t nl = (size_t)r->nlocal + 1, total = 0;
    void *vm = r->s.mark, *vo = r->s.mo;
    bool ok = nf__rouge_reserve(r->al, &vo, &r->s.cap_mo, nt + 1, sizeof *r->s.mo);
    r->s.mo = vo;
    if (!ok) return NF_ENOMEM;
    size_t *mo = r->s.mo;
    for (size_t k = 1; k < nt; k++) {
        mo[k] = total; /* model k's sentence tokens are lt[0 .. so[nsent]) */
        total += t[k].nsent ? t[k].so[t[k].nsent] : 0;
    }
    ok = nf__rouge_reserve(r->al, &vm, &r->s.cap_mark, total + 1, 1);
    r->s.mark = vm;
    ok = ok && reserve32(r, &r->s.u1, &r->s.cap_u1, nl) && reserve32(r, &r->s.u2, &r->s.cap_u2, nl);
    ok = ok && reserve32(r, &r->s.u3, &r->s.cap_u3, nl);
    if (!ok) return NF_ENOMEM;
    unsigned char *mark = r->s.mark;
    memset(mark, 0, total + 1);
    nf_status st = mark_all(r, t, nt, weighted, mark, mo);
    if (st) return st;
    uint32_t *peer1 = r->s.u1, *tp = r->s.u2, *m1 = r->s.u3;
    memset(peer1, 0, nl * sizeof *peer1);
    const nf__rtext *P = &t[0];
    for (size_t i = 0; i < P->nng; i++) peer1[P->ng[i]]++;
    double pcn = (double)P->nng;
    nf__rtally tot = {0, 0, 0};
    double best = -1;
    for (size_t k = 1; k < nt; k++) {
        const nf__rtext *M = &t[k];
        memcpy(tp, peer1, nl * sizeof *tp);
        memset(m1, 0, nl * sizeof *m1);
        for (size_t i = 0; i < M->nng; i++) m1[M->ng[i]]++;
        double hit = 0, base = 0;
        for (size_t s = 0; s < M->nsent; s++) {
            const uint32_t *x = M->lt + M->so[s];
            size_t m = M->so[s + 1] - M->so[s];
            const unsigned char *mask = mark + mo[k] + M->so[s];
            base += weighted ? pow((double)m, wf) : (double)m;
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
        if (r->o.scoring == NF_ROUGE_BEST_MODEL) {
            if (score > best) {
                best = score;
                tot = (nf__rtally){mc, pc, hit};
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
