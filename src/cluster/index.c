/* index.c - the clusterer's feature index: 64-bit feature key -> id, and per id the articles of the
 * window that have it (ascending article numbers). Articles leave the window oldest first, so
 * their postings are always at the front of each list; a feature whose last posting goes is
 * deleted (backward-shift deletion in the linear-probing table, its id reused), so the index
 * holds the window's vocabulary, not the stream's. Ids are handed out deterministically (free
 * list, then the next new id); the hash only decides speed. */
#include "cluster.h"

#include <string.h>

static inline size_t home(uint64_t key, size_t mask)
{
    uint64_t h = key * 0x9E3779B97F4A7C15ull;
    return (size_t)(h ^ (h >> 29)) & mask;
}

nf__fx *nf__fx_new(const nf_allocator *al)
{
    nf__fx *x = nf__calloc(al, 1, sizeof *x);
    if (!x) return NULL;
    x->al = al;
    x->scap = 1024;
    x->keys = nf__calloc(al, x->scap, sizeof *x->keys);
    x->ids = nf__calloc(al, x->scap, sizeof *x->ids);
    if (!x->keys || !x->ids) {
        nf__fx_free(x);
        return NULL;
    }
    return x;
}

void nf__fx_free(nf__fx *x)
{
    if (!x) return;
    for (size_t i = 0; i < x->nids; i++) nf__free(x->al, x->posts[i].p);
    nf__free(x->al, x->keys);
    nf__free(x->al, x->ids);
    nf__free(x->al, x->posts);
    nf__free(x->al, x->fkey);
    nf__free(x->al, x->freeids);
    nf__free(x->al, x);
}

static size_t slot_of(const nf__fx *x, uint64_t key)
{
    size_t mask = x->scap - 1;
    for (size_t i = home(key, mask);; i = (i + 1) & mask)
        if (!x->ids[i] || x->keys[i] == key) return i;
}

uint32_t nf__fx_find(const nf__fx *x, uint64_t key)
{
    size_t i = slot_of(x, key);
    return x->ids[i] ? x->ids[i] - 1 : UINT32_MAX;
}

static bool rehash(nf__fx *x)
{
    size_t nc = x->scap * 2;
    uint64_t *nk = nf__calloc(x->al, nc, sizeof *nk);
    uint32_t *ni = nf__calloc(x->al, nc, sizeof *ni);
    if (!nk || !ni) {
        nf__free(x->al, nk);
        nf__free(x->al, ni);
        return false;
    }
    for (size_t i = 0; i < x->scap; i++) {
        if (!x->ids[i]) continue;
        size_t j = home(x->keys[i], nc - 1);
        while (ni[j]) j = (j + 1) & (nc - 1);
        nk[j] = x->keys[i];
        ni[j] = x->ids[i];
    }
    nf__free(x->al, x->keys);
    nf__free(x->al, x->ids);
    x->keys = nk;
    x->ids = ni;
    x->scap = nc;
    return true;
}

/* A new feature: an id (reused or new) with empty postings; UINT32_MAX on failure. */
static uint32_t add_key(nf__fx *x, uint64_t key)
{
    if ((x->count + 1) * 2 > x->scap && !rehash(x)) return UINT32_MAX;
    uint32_t id;
    if (x->nfree) {
        id = x->freeids[--x->nfree];
    } else {
        if (x->nids >= UINT32_MAX - 1) return UINT32_MAX;
        void *p = x->posts;
        if (!nf__grow(x->al, &p, &x->capids, x->nids + 1, sizeof *x->posts)) return UINT32_MAX;
        x->posts = p;
        p = x->fkey;
        if (!nf__grow(x->al, &p, &x->capkey, x->nids + 1, sizeof *x->fkey)) return UINT32_MAX;
        x->fkey = p;
        id = (uint32_t)x->nids++;
    }
    memset(&x->posts[id], 0, sizeof x->posts[id]);
    x->fkey[id] = key;
    size_t i = slot_of(x, key);
    x->keys[i] = key;
    x->ids[i] = id + 1;
    x->count++;
    return id;
}

uint32_t nf__fx_post(nf__fx *x, uint64_t key, uint32_t seq)
{
    uint32_t id = nf__fx_find(x, key);
    if (id == UINT32_MAX && (id = add_key(x, key)) == UINT32_MAX) return UINT32_MAX;
    nf__fpost *f = &x->posts[id];
    if (f->n == f->cap) {
        if (f->start > 0) { /* slide the alive postings down before growing */
            memmove(f->p, f->p + f->start, (size_t)(f->n - f->start) * sizeof *f->p);
            f->n -= f->start;
            f->start = 0;
        }
        if (f->n == f->cap) {
            size_t cap = f->cap;
            void *p = f->p;
            if (!nf__grow(x->al, &p, &cap, (size_t)f->n + 1, sizeof *f->p) || cap > UINT32_MAX) {
                if (p != f->p) nf__free(x->al, p);
                if (f->n == 0) nf__fx_unpost(x, id, UINT32_MAX); /* drop the empty feature */
                return UINT32_MAX;
            }
            f->p = p;
            f->cap = (uint32_t)cap;
        }
    }
    f->p[f->n++] = seq;
    return id;
}

/* Remove key from the table, shifting later entries of its probe run back. */
static void del_key(nf__fx *x, uint64_t key)
{
    size_t mask = x->scap - 1, i = slot_of(x, key);
    if (!x->ids[i]) return;
    for (size_t j = (i + 1) & mask; x->ids[j]; j = (j + 1) & mask) {
        size_t k = home(x->keys[j], mask);
        bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (stays) continue;
        x->keys[i] = x->keys[j];
        x->ids[i] = x->ids[j];
        i = j;
    }
    x->ids[i] = 0;
    x->count--;
}

static void drop_if_empty(nf__fx *x, uint32_t id)
{
    nf__fpost *f = &x->posts[id];
    if (f->start < f->n) return;
    nf__free(x->al, f->p);
    memset(f, 0, sizeof *f);
    del_key(x, x->fkey[id]);
    if (x->nfree == x->capfree) {
        void *p = x->freeids;
        /* on failure the id is simply not reused */
        if (!nf__grow(x->al, &p, &x->capfree, x->nfree + 1, sizeof *x->freeids)) return;
        x->freeids = p;
    }
    x->freeids[x->nfree++] = id;
}

void nf__fx_unpost(nf__fx *x, uint32_t id, uint32_t seq)
{
    nf__fpost *f = &x->posts[id];
    if (f->start < f->n && f->p[f->start] == seq) f->start++;
    drop_if_empty(x, id);
}

void nf__fx_pop(nf__fx *x, uint32_t id, uint32_t seq)
{
    nf__fpost *f = &x->posts[id];
    if (f->start < f->n && f->p[f->n - 1] == seq) f->n--;
    drop_if_empty(x, id);
}

const uint32_t *nf__fx_postings(const nf__fx *x, uint32_t id, uint32_t *n)
{
    const nf__fpost *f = &x->posts[id];
    *n = f->n - f->start;
    return f->p ? f->p + f->start : NULL;
}

size_t nf__fx_count(const nf__fx *x) { return x->count; }
