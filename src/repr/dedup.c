/* dedup.c - near-duplicate sentences and documents from word 3-shingles.
 *
 * Each sentence becomes the set of hashes of its consecutive term-id triples (stopwords included,
 * so "killed 62 soldiers" and "62 soldiers killed" differ). Instead of comparing all pairs we sort
 * (hash, owner) items and count shared shingles only for owners that meet in a hash group. A group
 * larger than GROUP_CAP links its later members to the first GROUP_CAP only, which keeps 1,000
 * identical documents linear while still pairing every copy with the earliest ones. */
#include "repr.h"

#include <stdlib.h>
#include <string.h>

#define GROUP_CAP       16
#define DOC_CONTAINMENT 0.8
#define DENSE_DOCS      512               /* up to 1 MiB of document x document counts */
#define BIG_ITEMS       ((size_t)1 << 20) /* more shingles than this: sort them in buckets */

/* 32-bit shingle hashes: a collision only adds one false shared shingle to a pair (a DUC cluster
 * has ~20k shingles, so that happens in a few percent of clusters and moves a Jaccard by a hair),
 * and it halves the radix passes and the memory the sort moves. */
typedef struct item {
    uint32_t h;
    uint32_t owner;
} item;

/* LSD radix sort of 64-bit keys, skipping bytes in which all keys agree. */
static bool radix_u64(const nf_allocator *al, uint64_t *v, size_t n)
{
    if (n < 2) return true;
    if (n <= 64) { /* eight histogram passes cost more than this on a few keys */
        for (size_t i = 1; i < n; i++) {
            uint64_t x = v[i];
            size_t j = i;
            for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
            v[j] = x;
        }
        return true;
    }
    uint64_t *tmp = nf__alloc(al, n * sizeof *tmp);
    if (!tmp) return false;
    uint64_t *src = v, *dst = tmp;
    for (unsigned shift = 0; shift < 64; shift += 8) {
        size_t cnt[257] = {0};
        for (size_t i = 0; i < n; i++) cnt[((src[i] >> shift) & 0xFF) + 1]++;
        if (cnt[((src[0] >> shift) & 0xFF) + 1] == n) continue;
        for (int b = 0; b < 256; b++) cnt[b + 1] += cnt[b];
        for (size_t i = 0; i < n; i++) dst[cnt[(src[i] >> shift) & 0xFF]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != v) memcpy(v, src, n * sizeof *v);
    nf__free(al, tmp);
    return true;
}

/* Stable insertion sort on the hash, for the few items of a short input. */
static void insertion_sort(item *it, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        item x = it[i];
        size_t j = i;
        while (j > 0 && it[j - 1].h > x.h) {
            it[j] = it[j - 1];
            j--;
        }
        it[j] = x;
    }
}

/* LSD radix sort on the hash in digits of `bits` bits (8 or 11), all histograms taken in one read
 * of the items; a digit in which every item agrees is skipped. Stable, and items are produced in
 * owner order, so equal hashes stay ordered by owner. qsort was a fifth of the whole run on DUC
 * clusters; 8-bit digits keep the counters of a short input (a web-news cluster of a few hundred
 * shingles) on the stack instead of 24 KB to clear per sort. */
static bool radix_sort(const nf_allocator *al, item *it, size_t n)
{
    if (n < 2) return true;
    if (n <= 64) {
        insertion_sort(it, n);
        return true;
    }
    unsigned bits = n < 4096 ? 8 : 11, passes = (32 + bits - 1) / bits;
    size_t radix = (size_t)1 << bits, mask = radix - 1;
    uint32_t small[4 * 257];
    uint32_t *cnt = small;
    item *tmp = nf__alloc(al, n * sizeof *tmp);
    if (bits == 8)
        memset(small, 0, sizeof small);
    else
        cnt = nf__calloc(al, passes * (radix + 1), sizeof *cnt);
    if (!tmp || !cnt) {
        nf__free(al, tmp);
        if (cnt != small) nf__free(al, cnt);
        return false;
    }
    if (bits == 8)
        for (size_t i = 0; i < n; i++) {
            uint32_t h = it[i].h;
            cnt[(h & 0xFF) + 1]++;
            cnt[257 + ((h >> 8) & 0xFF) + 1]++;
            cnt[2 * 257 + ((h >> 16) & 0xFF) + 1]++;
            cnt[3 * 257 + (h >> 24) + 1]++;
        }
    else
        for (size_t i = 0; i < n; i++) {
            uint32_t h = it[i].h;
            cnt[(h & 0x7FF) + 1]++;
            cnt[2049 + ((h >> 11) & 0x7FF) + 1]++;
            cnt[2 * 2049 + (h >> 22) + 1]++;
        }
    item *src = it, *dst = tmp;
    for (unsigned pass = 0; pass < passes; pass++) {
        uint32_t *c = cnt + pass * (radix + 1);
        unsigned shift = pass * bits;
        if (c[((src[0].h >> shift) & mask) + 1] == n) continue; /* all equal in this digit */
        for (size_t b = 0; b < radix; b++) c[b + 1] += c[b];
        for (size_t i = 0; i < n; i++) dst[c[(src[i].h >> shift) & mask]++] = src[i];
        item *t = src;
        src = dst;
        dst = t;
    }
    if (src != it) memcpy(it, src, n * sizeof *it);
    nf__free(al, tmp);
    if (cnt != small) nf__free(al, cnt);
    return true;
}

static uint32_t mix3(uint32_t a, uint32_t b, uint32_t c)
{
    uint64_t h = a * 0x9E3779B97F4A7C15ull;
    h ^= (b + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2));
    h ^= (c + 0x85EBCA77C2B2AE63ull + (h << 6) + (h >> 2));
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
    return (uint32_t)(h ^ (h >> 32));
}

/* Sort items (unless already sorted), drop repeats of (h, owner), count unique shingles per owner
 * into cnt[], and find the owners sharing a shingle. With tab (an nd x nd table of owners) each
 * pair (a, b) adds one to tab[a * nd + b]; else the pairs come back sorted as (a << 32 | b) keys
 * in *pairs, one per shared shingle. Returns the number of pairs or SIZE_MAX on allocation
 * failure. */
static size_t pair_up(const nf_allocator *al, item *it, size_t *nio, uint32_t *cnt,
                      uint64_t **pairs, bool sorted, uint32_t *tab, size_t nd, const uint8_t *skip)
{
    size_t n = *nio;
    if (!sorted && !radix_sort(al, it, n)) return SIZE_MAX;
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || it[i].h != it[u - 1].h || it[i].owner != it[u - 1].owner) it[u++] = it[i];
    *nio = u;
    for (size_t i = 0; i < u; i++) cnt[it[i].owner]++;
    uint64_t *p = NULL;
    size_t np = 0, cap = 0;
    for (size_t g = 0; g < u;) {
        size_t e = g;
        while (e < u && it[e].h == it[g].h) e++;
        for (size_t j = g + 1; j < e; j++) {
            size_t lim = j - g < GROUP_CAP ? j : g + GROUP_CAP;
            if (tab) {
                for (size_t i = g; i < lim; i++) tab[(size_t)it[i].owner * nd + it[j].owner]++;
                np += lim - g;
                continue;
            }
            if (skip && skip[it[j].owner]) continue;
            size_t linked = 0;
            for (size_t i = g; i < j && linked < GROUP_CAP; i++) {
                if (skip && skip[it[i].owner]) continue;
                linked++;
                if (np == cap) {
                    void *q = p;
                    if (!nf__grow(al, &q, &cap, np + 1, sizeof *p)) {
                        nf__free(al, p);
                        return SIZE_MAX;
                    }
                    p = q;
                }
                p[np++] = ((uint64_t)it[i].owner << 32) | it[j].owner;
            }
        }
        g = e;
    }
    if (np && p && !radix_u64(al, p, np)) {
        nf__free(al, p);
        return SIZE_MAX;
    }
    if (pairs) *pairs = p;
    return np;
}

/* The near-duplicate document pairs found so far. */
typedef struct docpairs {
    nf_cluster *c;
    const uint32_t *cnt; /* unique shingles per document */
    uint32_t *dp;        /* pairs (a, b) */
    float *ds;           /* their containment */
    size_t n, cap;
} docpairs;

/* Documents a < b share `shared` shingles: keep the pair when one mostly contains the other.
 * False on allocation failure. */
static bool doc_pair(docpairs *d, uint32_t a, uint32_t b, size_t shared)
{
    double mn = (double)(d->cnt[a] < d->cnt[b] ? d->cnt[a] : d->cnt[b]);
    double cont = mn > 0 ? (double)shared / mn : 0;
    if (cont < DOC_CONTAINMENT || a == b) return true;
    if (d->n == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 8;
        uint32_t *np = nf__arena_alloc(d->c->work, nc * 2 * sizeof *np);
        float *ns = nf__arena_alloc(d->c->work, nc * sizeof *ns);
        if (!np || !ns) return false;
        if (d->n) {
            memcpy(np, d->dp, d->n * 2 * sizeof *np);
            memcpy(ns, d->ds, d->n * sizeof *ns);
        }
        d->dp = np;
        d->ds = ns;
        d->cap = nc;
    }
    d->dp[2 * d->n] = a;
    d->dp[2 * d->n + 1] = b;
    d->ds[d->n] = (float)cont;
    d->n++;
    return true;
}

static size_t shingles_of(const nf__sent *s, item *out, uint32_t owner)
{
    if (s->nterms == 0) return 0;
    if (s->nterms < 3) {
        uint32_t b = s->nterms > 1 ? s->terms[1] : UINT32_MAX;
        out[0] = (item){mix3(s->terms[0], b, UINT32_MAX - 1), owner};
        return 1;
    }
    for (uint32_t k = 0; k + 2 < s->nterms; k++)
        out[k] = (item){mix3(s->terms[k], s->terms[k + 1], s->terms[k + 2]), owner};
    return s->nterms - 2;
}

static uint32_t find_root(uint32_t *up, uint32_t x)
{
    while (up[x] != x) {
        up[x] = up[up[x]];
        x = up[x];
    }
    return x;
}

/* Groups of documents joined by near-duplicate pairs (a copy of a copy joins too): each document
 * gets the earliest document of its group, and the documents are listed group by group, so a
 * statistic can count a syndicated report once. */
static nf_status doc_groups(nf_cluster *c)
{
    size_t nd = c->ndocs;
    uint32_t *g = nf__arena_alloc(c->work, (nd ? nd : 1) * sizeof *g);
    uint32_t *ord = nf__arena_alloc(c->work, (nd ? nd : 1) * sizeof *ord);
    uint32_t *cnt = nf__calloc(c->al, nd + 1, sizeof *cnt);
    uint8_t *live = nf__calloc(c->al, nd ? nd : 1, 1);
    if (!g || !ord || !cnt || !live) {
        nf__free(c->al, cnt);
        nf__free(c->al, live);
        return NF_ENOMEM;
    }
    for (size_t d = 0; d < nd; d++) g[d] = (uint32_t)d;
    for (size_t p = 0; p < c->ndup_pairs; p++) {
        uint32_t a = find_root(g, c->dup_pairs[2 * p]), b = find_root(g, c->dup_pairs[2 * p + 1]);
        if (a < b)
            g[b] = a;
        else if (b < a)
            g[a] = b;
    }
    size_t ng = 0;
    for (size_t d = 0; d < nd; d++) {
        g[d] = find_root(g, (uint32_t)d); /* roots are the smallest index: g[d] <= d */
        cnt[g[d] + 1]++;
        if (!c->docs[d].previous && !live[g[d]]) {
            live[g[d]] = 1;
            ng++;
        }
    }
    for (size_t d = 0; d < nd; d++) cnt[d + 1] += cnt[d];
    for (size_t d = 0; d < nd; d++) ord[cnt[g[d]]++] = (uint32_t)d; /* stable: by index */
    nf__free(c->al, cnt);
    nf__free(c->al, live);
    c->doc_group = g;
    c->group_order = ord;
    c->ngroups = ng;
    return NF_OK;
}

/* Large inputs are shingled in passes, each over a range of hash buckets (the top 11 bits of the
 * hash), so only a pass's items are in memory at once: a hash group never spans two passes, so the
 * pairs a pass finds are all the pairs of its hashes. Each pass sorts its pairs; the sorted runs
 * are merged when counted. For one long document the items were the largest array of the run. */
#define PASS_BUCKETS 2048

/* Shingle counts per top-11-bit bucket of every sentence. */
static void bucket_counts(const nf_cluster *c, size_t *cnt)
{
    item one[1];
    for (size_t i = 0; i < c->nsents; i++) {
        const nf__sent *t = &c->sents[i];
        if (t->nterms < 3) {
            if (shingles_of(t, one, (uint32_t)i)) cnt[one[0].h >> 21]++;
            continue;
        }
        for (uint32_t k = 0; k + 2 < t->nterms; k++)
            cnt[mix3(t->terms[k], t->terms[k + 1], t->terms[k + 2]) >> 21]++;
    }
}

/* The items whose bucket is in [b0, b1), sorted by (hash, owner) like radix_sort leaves them: each
 * item goes into its bucket in owner order, and each bucket is sorted on the low 21 bits (stable
 * LSD) with tmp, a buffer as large as the largest bucket. start has b1 - b0 + 1 entries. */
static void pass_items(const nf_cluster *c, const size_t *bcnt, size_t b0, size_t b1, item *it,
                       size_t *start, item *tmp, uint32_t *cnt)
{
    size_t nb = b1 - b0;
    start[0] = 0;
    for (size_t b = 0; b < nb; b++) start[b + 1] = start[b] + bcnt[b0 + b];
    size_t *fill = start + nb + 1;
    memcpy(fill, start, nb * sizeof *fill);
    item one[1];
    for (size_t i = 0; i < c->nsents; i++) {
        const nf__sent *t = &c->sents[i];
        if (t->nterms < 3) {
            if (shingles_of(t, one, (uint32_t)i) && one[0].h >> 21 >= b0 && one[0].h >> 21 < b1)
                it[fill[(one[0].h >> 21) - b0]++] = one[0];
            continue;
        }
        for (uint32_t k = 0; k + 2 < t->nterms; k++) {
            uint32_t h = mix3(t->terms[k], t->terms[k + 1], t->terms[k + 2]);
            if (h >> 21 >= b0 && h >> 21 < b1) it[fill[(h >> 21) - b0]++] = (item){h, (uint32_t)i};
        }
    }
    for (size_t b = 0; b < nb; b++) { /* stable LSD on bits 0-10, then 11-20 */
        item *v = it + start[b];
        size_t m = start[b + 1] - start[b];
        if (m < 2) continue;
        for (unsigned shift = 0; shift < 22; shift += 11) {
            memset(cnt, 0, 2049 * sizeof *cnt);
            for (size_t i = 0; i < m; i++) cnt[((v[i].h >> shift) & 0x7FF) + 1]++;
            for (size_t d = 0; d < 2048; d++) cnt[d + 1] += cnt[d];
            for (size_t i = 0; i < m; i++) tmp[cnt[(v[i].h >> shift) & 0x7FF]++] = v[i];
            memcpy(v, tmp, m * sizeof *v);
        }
    }
}

/* Sorted pair keys of several passes, read in merged order. */
typedef struct runs {
    uint64_t **p;
    size_t *n, *at;
    size_t k, cap;
} runs;

static bool runs_add(const nf_allocator *al, runs *r, uint64_t *p, size_t n)
{
    if (r->k == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 8;
        uint64_t **np = nf__alloc(al, nc * sizeof *np);
        size_t *nn = nf__alloc(al, 2 * nc * sizeof *nn);
        if (!np || !nn) {
            nf__free(al, np);
            nf__free(al, nn);
            return false;
        }
        if (r->k) {
            memcpy(np, r->p, r->k * sizeof *np);
            memcpy(nn, r->n, r->k * sizeof *nn);
            memcpy(nn + nc, r->at, r->k * sizeof *nn);
        }
        nf__free(al, r->p);
        nf__free(al, r->n);
        r->p = np;
        r->n = nn;
        r->at = nn + nc;
        r->cap = nc;
    }
    r->p[r->k] = p;
    r->n[r->k] = n;
    r->at[r->k] = 0;
    r->k++;
    return true;
}

/* The next smallest key of all runs and how often it occurs; false when all are read. */
static bool runs_next(runs *r, uint64_t *key, size_t *count)
{
    bool any = false;
    uint64_t m = 0;
    for (size_t j = 0; j < r->k; j++)
        if (r->at[j] < r->n[j] && (!any || r->p[j][r->at[j]] < m)) {
            m = r->p[j][r->at[j]];
            any = true;
        }
    if (!any) return false;
    size_t cnt = 0;
    for (size_t j = 0; j < r->k; j++)
        while (r->at[j] < r->n[j] && r->p[j][r->at[j]] == m) {
            r->at[j]++;
            cnt++;
        }
    *key = m;
    *count = cnt;
    return true;
}

static void runs_free(const nf_allocator *al, runs *r)
{
    for (size_t j = 0; j < r->k; j++) nf__free(al, r->p[j]);
    nf__free(al, r->p);
    nf__free(al, r->n);
    memset(r, 0, sizeof *r);
}

/* Sentences whose term sequence equals an earlier one's: copy[b] = 1 and, when marking,
 * dup_of = the first occurrence. False on allocation failure. */
static bool exact_copies(nf_cluster *c, uint8_t *copy, bool mark, size_t *ndup)
{
    size_t cap = 64;
    while (cap < c->nsents * 2 + 2) cap *= 2;
    uint32_t *slot = nf__alloc(c->al, cap * sizeof *slot); /* sentence + 1, 0 empty */
    uint64_t *key = nf__alloc(c->al, cap * sizeof *key);
    if (!slot || !key) {
        nf__free(c->al, slot);
        nf__free(c->al, key);
        return false;
    }
    memset(slot, 0, cap * sizeof *slot);
    for (size_t i = 0; i < c->nsents; i++) {
        const nf__sent *t = &c->sents[i];
        if (t->nterms == 0) continue;
        uint64_t h = 0x9E3779B97F4A7C15ull ^ t->nterms;
        for (uint32_t k = 0; k < t->nterms; k++) h = (h ^ t->terms[k]) * 0x100000001B3ull;
        size_t p = (size_t)(h ^ (h >> 29)) & (cap - 1);
        for (; slot[p]; p = (p + 1) & (cap - 1)) {
            if (key[p] != h) continue;
            const nf__sent *a = &c->sents[slot[p] - 1];
            if (a->nterms == t->nterms && !memcmp(a->terms, t->terms, t->nterms * sizeof *t->terms))
                break;
        }
        if (!slot[p]) {
            slot[p] = (uint32_t)i + 1;
            key[p] = h;
            continue;
        }
        copy[i] = 1;
        if (mark) {
            c->sents[i].dup_of = (int32_t)(slot[p] - 1);
            c->sents[i].flags |= NF__S_DUP;
            (*ndup)++;
        }
    }
    nf__free(c->al, slot);
    nf__free(c->al, key);
    return true;
}

/* Keep a pass's sorted pairs as a run; with several passes, in a block of exactly their size. */
static bool add_run(const nf_allocator *al, runs *r, uint64_t *pairs, size_t np, bool fit)
{
    uint64_t *exact = pairs;
    if (np && fit) {
        exact = nf__alloc(al, np * sizeof *exact);
        if (exact) memcpy(exact, pairs, np * sizeof *exact);
        nf__free(al, pairs);
    }
    if (np && !exact) return false;
    if (!runs_add(al, r, exact, np)) {
        nf__free(al, exact);
        return false;
    }
    return true;
}

/* One pass's n items (sorted by (hash, owner) when `sorted`): the sentence pairs go to sr as a
 * sorted run; then the owners become their documents (still sorted: sentences are numbered in
 * document order) and the document pairs are counted in tab (an nd x nd table), or go to dr. */
static bool pass_pairs(nf_cluster *c, item *it, size_t n, bool sorted, const uint8_t *copy,
                       uint32_t *scnt, uint32_t *dcnt, uint32_t *tab, runs *sr, runs *dr)
{
    const nf_allocator *al = c->al;
    uint64_t *pairs = NULL;
    size_t np = pair_up(al, it, &n, scnt, &pairs, sorted, NULL, 0, copy);
    if (np == SIZE_MAX || !add_run(al, sr, pairs, np, sorted)) return false;
    for (size_t i = 0; i < n; i++) it[i].owner = c->sents[it[i].owner].doc;
    if (tab) {
        pair_up(al, it, &n, dcnt, NULL, true, tab, c->ndocs, NULL); /* sorted: cannot fail */
        return true;
    }
    pairs = NULL;
    np = pair_up(al, it, &n, dcnt, &pairs, true, NULL, 0, NULL);
    return np != SIZE_MAX && add_run(al, dr, pairs, np, sorted);
}

/* Every pass of a large input: buckets are taken in order until a pass holds about an eighth of
 * the items (at least BIG_ITEMS). */
static bool big_passes(nf_cluster *c, size_t total, const uint8_t *copy, uint32_t *scnt,
                       uint32_t *dcnt, uint32_t *tab, runs *sr, runs *dr)
{
    const nf_allocator *al = c->al;
    size_t limit = total / 8 > BIG_ITEMS ? total / 8 : BIG_ITEMS;
    size_t *bcnt = nf__calloc(al, PASS_BUCKETS, sizeof *bcnt);
    if (!bcnt) return false;
    bucket_counts(c, bcnt);
    size_t big = 1, most = 1;
    for (size_t b0 = 0, b1; b0 < PASS_BUCKETS; b0 = b1) {
        size_t m = 0;
        for (b1 = b0; b1 < PASS_BUCKETS && (b1 == b0 || m + bcnt[b1] <= limit); b1++) {
            m += bcnt[b1];
            if (bcnt[b1] > big) big = bcnt[b1];
        }
        if (m > most) most = m;
    }
    item *it = nf__alloc(al, most * sizeof *it);
    item *tmp = nf__alloc(al, big * sizeof *tmp);
    size_t *start = nf__alloc(al, (2 * PASS_BUCKETS + 1) * sizeof *start);
    uint32_t *cnt = nf__alloc(al, 2049 * sizeof *cnt);
    bool ok = it && tmp && start && cnt;
    for (size_t b0 = 0, b1; ok && b0 < PASS_BUCKETS; b0 = b1) {
        size_t m = 0;
        for (b1 = b0; b1 < PASS_BUCKETS && (b1 == b0 || m + bcnt[b1] <= limit); b1++) m += bcnt[b1];
        if (!m) continue;
        pass_items(c, bcnt, b0, b1, it, start, tmp, cnt);
        ok = pass_pairs(c, it, m, true, copy, scnt, dcnt, tab, sr, dr);
    }
    nf__free(al, bcnt);
    nf__free(al, it);
    nf__free(al, tmp);
    nf__free(al, start);
    nf__free(al, cnt);
    return ok;
}

nf_status nf__dedup(nf_cluster *c, double threshold, bool mark_sentences)
{
    const nf_allocator *al = c->al;
    size_t total = 0, nd = c->ndocs;
    for (size_t i = 0; i < c->nsents; i++) {
        c->sents[i].dup_of = -1;
        total += c->sents[i].nterms < 3 ? 1 : c->sents[i].nterms - 2;
    }
    uint32_t *scnt = nf__calloc(al, c->nsents + 1, sizeof *scnt);
    uint32_t *dcnt = nf__calloc(al, nd + 1, sizeof *dcnt);
    uint8_t *copy = nf__calloc(al, c->nsents ? c->nsents : 1, 1);
    /* a cluster has few documents, so shared shingles are counted in a documents x documents
     * table (the same pairs, in the same order, that the sorted pairs give) unless that table
     * would be large */
    uint32_t *tab = nd <= DENSE_DOCS ? nf__calloc(al, nd ? nd * nd : 1, sizeof *tab) : NULL;
    item *it = NULL;
    runs sr = {0}, dr = {0};
    nf_status st = NF_ENOMEM;
    if (!scnt || !dcnt || !copy || (nd <= DENSE_DOCS && !tab)) goto out;

    /* sentences: exact copies first (they pair with nothing else: a document repeated ten times
     * would otherwise give each shingle GROUP_CAP pairs), then near-duplicates of the rest;
     * documents: the union of their sentences' shingles */
    size_t ndup = 0;
    if (!exact_copies(c, copy, mark_sentences, &ndup)) goto out;
    if (total > BIG_ITEMS) {
        if (!big_passes(c, total, copy, scnt, dcnt, tab, &sr, &dr)) goto out;
    } else {
        it = nf__alloc(al, (total ? total : 1) * sizeof *it);
        if (!it) goto out;
        size_t n = 0;
        for (size_t i = 0; i < c->nsents; i++) n += shingles_of(&c->sents[i], it + n, (uint32_t)i);
        if (!pass_pairs(c, it, n, false, copy, scnt, dcnt, tab, &sr, &dr)) goto out;
        nf__free(al, it);
        it = NULL;
    }
    uint64_t key;
    size_t shared;
    while (runs_next(&sr, &key, &shared)) {
        uint32_t a = (uint32_t)(key >> 32), b = (uint32_t)key;
        double jac = (double)shared / ((double)scnt[a] + (double)scnt[b] - (double)shared);
        if (mark_sentences && jac >= threshold && c->sents[b].dup_of < 0 && a < b) {
            c->sents[b].dup_of = (int32_t)a;
            c->sents[b].flags |= NF__S_DUP;
            ndup++;
        }
    }
    c->dup_sents = ndup;
    runs_free(al, &sr);

    docpairs dps = {c, dcnt, NULL, NULL, 0, 0};
    bool ok = true;
    if (tab) {
        for (size_t a = 0; a < nd && ok; a++)
            for (size_t b = a + 1; b < nd && ok; b++)
                if (tab[a * nd + b]) ok = doc_pair(&dps, (uint32_t)a, (uint32_t)b, tab[a * nd + b]);
    } else {
        while (ok && runs_next(&dr, &key, &shared))
            ok = doc_pair(&dps, (uint32_t)(key >> 32), (uint32_t)key, shared);
    }
    if (!ok) goto out;
    c->dup_pairs = dps.dp;
    c->dup_sims = dps.ds;
    c->ndup_pairs = dps.n;
    st = doc_groups(c);
out:
    nf__free(al, it);
    nf__free(al, scnt);
    nf__free(al, dcnt);
    nf__free(al, copy);
    nf__free(al, tab);
    runs_free(al, &sr);
    runs_free(al, &dr);
    return st;
}
