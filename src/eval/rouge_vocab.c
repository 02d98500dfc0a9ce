/* rouge_vocab.c - from text to per-evaluation word ids: ROUGE's tokens, lowercased, filtered and
 * stemmed once per distinct surface form and handle.
 *
 * Scoring is dominated by this step when done naively (a hash of every token, a stemmer call per
 * occurrence). Here a token is lowercased and hashed in one pass and looked up in a map of the
 * surface forms seen so far; only a new surface form goes through the stop list, the exception
 * list and the Porter stemmer. Its word id then becomes a dense local id for the evaluation, so
 * the scoring code indexes arrays instead of hashing strings.
 */
#include "eval/rouge.h"

#include <string.h>

uint32_t nf__rouge_hash(const char *p, size_t n)
{
    uint32_t h = NF__ROUGE_HASH0;
    for (size_t i = 0; i < n; i++) h = nf__rouge_hash_step(h, (unsigned char)p[i]);
    return h;
}

bool nf__rouge_reserve(const nf_allocator *al, void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return true;
    size_t nc = nf__grow_cap(*cap, need, elem, 64);
    if (!nc) return false;
    void *np = nf__alloc(al, nc * elem);
    if (!np) return false;
    nf__free(al, *p);
    *p = np;
    *cap = nc;
    return true;
}

/* ---- string map ---- */

/* The k8 of a key whose first bytes (up to 7) are already packed into low. */
static uint64_t k8_of(uint64_t low, size_t n)
{
    return low | (n < 8 ? (uint64_t)(n + 1) : 0xFFu) << 56;
}

static uint64_t pack7(const char *p, size_t n)
{
    uint64_t k = 0;
    for (size_t i = 0; i < n && i < 7; i++) k |= (uint64_t)(unsigned char)p[i] << (8 * i);
    return k;
}

/* pack7 of a buffer with at least 8 readable bytes: one load where the byte order allows. */
static uint64_t first7(const char *p, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t k;
    memcpy(&k, p, sizeof k);
    return k & (n < 7 ? (1ull << (8 * n)) - 1 : 0x00FFFFFFFFFFFFFFull);
#else
    return pack7(p, n);
#endif
}

static size_t slot_of(const nf__rsmap *m, uint32_t h)
{
    return (size_t)((h * 0x9E3779B1u) >> 7) & m->mask; /* mixes FNV's weak low bits */
}

/* The slot of key p[0..n) (hash h, k8 k), or NULL. */
static nf__rslot *map_find(const nf__rsmap *m, const char *p, size_t n, uint32_t h, uint64_t k)
{
    if (!m->mask) return NULL;
    for (size_t i = slot_of(m, h);; i = (i + 1) & m->mask) {
        nf__rslot *s = &m->slot[i];
        if (!s->k8) return NULL;
        if (s->k8 != k || s->hash != h) continue;
        if (n < 8) return s;
        const uint32_t *e = m->key + 2 * (size_t)m->slot_key[i];
        if (e[1] == n && memcmp(m->pool + e[0], p, n) == 0) return s;
    }
}

static bool rehash(nf__rsmap *m, const nf_allocator *al, size_t nslots)
{
    nf__rslot *ns = nf__calloc(al, nslots, sizeof *ns);
    uint32_t *nk = nf__alloc(al, nslots * sizeof *nk);
    if (!ns || !nk) {
        nf__free(al, ns);
        nf__free(al, nk);
        return false;
    }
    size_t mask = nslots - 1;
    for (size_t i = 0; m->mask && i <= m->mask; i++) {
        if (!m->slot[i].k8) continue;
        size_t k = (size_t)((m->slot[i].hash * 0x9E3779B1u) >> 7) & mask;
        while (ns[k].k8) k = (k + 1) & mask;
        ns[k] = m->slot[i];
        nk[k] = m->slot_key[i];
    }
    nf__free(al, m->slot);
    nf__free(al, m->slot_key);
    m->slot = ns;
    m->slot_key = nk;
    m->mask = mask;
    return true;
}

/* Adds p[0..n) -> v (the key must be absent); false when out of memory, the map unchanged. */
static bool map_put(nf__rsmap *m, const nf_allocator *al, const char *p, size_t n, uint32_t h,
                    uint64_t k, uint32_t v)
{
    if (n > UINT32_MAX || m->n >= UINT32_MAX - 1 || m->plen > UINT32_MAX - n) return false;
    if (2 * (m->n + 1) > m->mask + 1 && !rehash(m, al, m->mask ? 2 * (m->mask + 1) : 1024))
        return false;
    void *pe = m->key, *pp = m->pool;
    size_t ce = m->cap, cp = m->pcap;
    if (!nf__grow(al, &pe, &ce, 2 * (m->n + 1), sizeof *m->key)) return false;
    m->key = pe;
    m->cap = ce;
    if (!nf__grow(al, &pp, &cp, m->plen + n + 1, 1)) return false;
    m->pool = pp;
    m->pcap = cp;
    memcpy(m->pool + m->plen, p, n);
    m->key[2 * m->n] = (uint32_t)m->plen;
    m->key[2 * m->n + 1] = (uint32_t)n;
    m->plen += n;
    size_t i = slot_of(m, h);
    while (m->slot[i].k8) i = (i + 1) & m->mask;
    m->slot[i] = (nf__rslot){k, h, v};
    m->slot_key[i] = (uint32_t)m->n++;
    return true;
}

void nf__rsmap_free(nf__rsmap *m, const nf_allocator *al)
{
    nf__free(al, m->slot);
    nf__free(al, m->slot_key);
    nf__free(al, m->key);
    nf__free(al, m->pool);
    memset(m, 0, sizeof *m);
}

/* ---- tokens ---- */

/* The word id of a surface form seen for the first time (lc[0..n) lowercased, hash h, k8 k),
 * added to the surface map. lc has room for 2n bytes: the stem is written after the word. */
static nf_status new_surface(nf_rouge *r, char *lc, size_t n, uint32_t h, uint64_t k, uint32_t *out)
{
    uint32_t wid = UINT32_MAX;
    if (!((r->o.flags & NF_ROUGE_STOPWORDS) && nf__rouge_is_stop(lc, n))) {
        const char *w = lc;
        size_t wl = n;
        if (r->o.flags & NF_ROUGE_STEM) w = nf__rouge_morph(lc, n, lc + n, &wl);
        uint32_t wh = w == lc ? h : nf__rouge_hash(w, wl);
        uint64_t wk = w == lc ? k : k8_of(pack7(w, wl), wl);
        const nf__rslot *s = map_find(&r->words, w, wl, wh, wk);
        if (s) {
            wid = s->val;
        } else {
            wid = (uint32_t)r->words.n; /* word ids are the entries in order */
            if (!map_put(&r->words, r->al, w, wl, wh, wk, wid)) return NF_ENOMEM;
        }
    }
    /* a failure here leaves an unused word entry, which is harmless */
    if (!map_put(&r->surf, r->al, lc, n, h, k, wid)) return NF_ENOMEM;
    *out = wid;
    return NF_OK;
}

/* The local id of word id wid in this evaluation, UINT32_MAX when out of memory. */
static uint32_t local_of(nf_rouge *r, uint32_t wid)
{
    if (wid >= r->cap_local) {
        size_t c1 = r->cap_local, c2 = r->cap_local;
        void *a = r->stamp, *b = r->local;
        bool ok = nf__grow(r->al, &a, &c1, (size_t)wid + 1, sizeof *r->stamp);
        r->stamp = a;
        ok = ok && nf__grow(r->al, &b, &c2, (size_t)wid + 1, sizeof *r->local);
        r->local = b;
        if (!ok) return UINT32_MAX;
        memset(r->stamp + r->cap_local, 0, (c1 - r->cap_local) * sizeof *r->stamp);
        r->cap_local = NF__MIN(c1, c2);
    }
    if (r->stamp[wid] != r->gen) {
        r->stamp[wid] = r->gen;
        r->local[wid] = r->nlocal++;
    }
    return r->local[wid];
}

void nf__rouge_lut_init(unsigned char lut[256])
{
    for (unsigned c = 0; c < 256; c++)
        lut[c] = (unsigned char)(nf__isalnum((int)c) ? nf__tolower((int)c) : 0);
}

size_t nf__rouge_tokenize(nf_rouge *r, const nf__rseg *seg, size_t nseg, uint32_t *out, size_t *so,
                          nf_status *st)
{
    const unsigned char *lut = r->lut;
    size_t k = 0;
    for (size_t s = 0; s < nseg; s++) {
        if (so) so[s] = k;
        const unsigned char *p = (const unsigned char *)seg[s].p;
        size_t n = seg[s].n, i = 0;
        /* room for the longest token of the segment and its stem (and 8 bytes for first7) */
        if (2 * n + 8 > r->s.cap_lc) {
            void *v = r->s.lc;
            bool ok = nf__rouge_reserve(r->al, &v, &r->s.cap_lc, 2 * n + 8, 1);
            r->s.lc = v;
            if (!ok) {
                *st = NF_ENOMEM;
                return 0;
            }
        }
        char *lc = r->s.lc;
        for (;;) {
            while (i < n && !lut[p[i]]) i++;
            if (i == n) break;
            size_t len = 0;
            uint32_t h = NF__ROUGE_HASH0;
            unsigned char c;
            while (i < n && (c = lut[p[i]]) != 0) {
                lc[len++] = (char)c;
                h = nf__rouge_hash_step(h, c);
                i++;
            }
            uint64_t k8 = k8_of(first7(lc, len), len);
            const nf__rslot *sl = map_find(&r->surf, lc, len, h, k8);
            uint32_t wid;
            if (sl) {
                wid = sl->val;
            } else if ((*st = new_surface(r, lc, len, h, k8, &wid)) != NF_OK) {
                return 0;
            }
            if (wid == UINT32_MAX) continue; /* a stop word */
            uint32_t id = local_of(r, wid);
            if (id == UINT32_MAX) {
                *st = NF_ENOMEM;
                return 0;
            }
            out[k++] = id;
        }
    }
    if (so) so[nseg] = k;
    return k;
}
