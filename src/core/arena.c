/* arena.c - chunked bump allocator. One arena per cluster; freed in one call. */
#include "core.h"

#include <string.h>

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    /* data follows, 16-byte aligned */
} chunk;

typedef struct owned {
    struct owned *next;
    void *p;
} owned;

struct nf__arena {
    const nf_allocator *al;
    nf_allocator al_copy;
    chunk *head;
    size_t total;
    owned *own; /* adopted blocks: nodes in the arena, blocks in the allocator */
};

#define CHUNK_HDR ((sizeof(chunk) + 15u) & ~(size_t)15u)
#define CHUNK_MIN ((size_t)64 * 1024)

nf__arena *nf__arena_new(const nf_allocator *al)
{
    if (!al) al = &nf__default_allocator;
    nf__arena *a = nf__alloc(al, sizeof *a);
    if (!a) return NULL;
    a->al_copy = *al;
    a->al = &a->al_copy;
    a->head = NULL;
    a->total = 0;
    a->own = NULL;
    return a;
}

void nf__arena_free(nf__arena *a)
{
    if (!a) return;
    for (owned *o = a->own; o; o = o->next) nf__free(a->al, o->p);
    chunk *c = a->head;
    while (c) {
        chunk *n = c->next;
        nf__free(a->al, c);
        c = n;
    }
    nf_allocator al = a->al_copy;
    nf__free(&al, a);
}

void *nf__arena_alloc(nf__arena *a, size_t n)
{
    if (!a) return NULL;
    if (n > SIZE_MAX - 32) return NULL;
    n = (n + 15u) & ~(size_t)15u;
    if (n == 0) n = 16;
    chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t sz = n > CHUNK_MIN / 2 ? n : CHUNK_MIN;
        if (a->total > CHUNK_MIN * 4 && sz < a->total / 4 && n <= CHUNK_MIN / 2)
            sz = a->total / 4 > (size_t)16 << 20 ? (size_t)16 << 20 : a->total / 4;
        if (sz > SIZE_MAX - CHUNK_HDR) return NULL;
        chunk *nc = nf__alloc(a->al, CHUNK_HDR + sz);
        if (!nc) return NULL;
        nc->size = sz;
        nc->used = 0;
        if (n > CHUNK_MIN / 2 && c) {
            /* a big block: keep the current chunk on top for small allocations */
            nc->next = c->next;
            c->next = nc;
            nc->used = n;
            a->total += sz;
            return (char *)nc + CHUNK_HDR;
        }
        nc->next = c;
        a->head = nc;
        a->total += sz;
        c = nc;
    }
    void *p = (char *)c + CHUNK_HDR + c->used;
    c->used += n;
    return p;
}

void *nf__arena_calloc(nf__arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) return NULL;
    void *p = nf__arena_alloc(a, count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

char *nf__arena_strndup(nf__arena *a, const char *p, size_t n)
{
    if (n == SIZE_MAX) return NULL;
    char *s = nf__arena_alloc(a, n + 1);
    if (!s) return NULL;
    if (n) memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

/* From this size a grown array is an adopted block, and the copy it replaces is released: the
 * doublings of a large array would otherwise stay resident next to it (one 26 MB document: the
 * brief's raw figures and quotes held about twice their size). */
#define GROW_OWN ((size_t)256 * 1024)

bool nf__arena_grow(nf__arena *a, void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return true;
    size_t nc = nf__grow_cap(*cap, need, elem, 64);
    if (!nc) return false;
    void *q =
        nc * elem >= GROW_OWN ? nf__arena_own_alloc(a, nc * elem) : nf__arena_alloc(a, nc * elem);
    if (!q) return false;
    if (*p && *cap) {
        memcpy(q, *p, *cap * elem);
        /* a no-op unless the old copy was adopted (grown here past GROW_OWN) */
        if (*cap * elem >= GROW_OWN) nf__arena_release(a, *p);
    }
    *p = q;
    *cap = nc;
    return true;
}

bool nf__arena_adopt(nf__arena *a, void *p)
{
    owned *o = nf__arena_alloc(a, sizeof *o);
    if (!o) {
        nf__free(nf__arena_allocator(a), p);
        return false;
    }
    o->p = p;
    o->next = a->own;
    a->own = o;
    return true;
}

void *nf__arena_own_alloc(nf__arena *a, size_t n)
{
    void *p = nf__alloc(a->al, n ? n : 1);
    return p && nf__arena_adopt(a, p) ? p : NULL;
}

void nf__arena_release(nf__arena *a, void *p)
{
    if (!a || !p) return;
    for (owned *o = a->own; o; o = o->next)
        if (o->p == p) {
            nf__free(a->al, p);
            o->p = NULL;
            return;
        }
}

const nf_allocator *nf__arena_allocator(const nf__arena *a) { return a->al; }
size_t nf__arena_used(const nf__arena *a) { return a->total; }
