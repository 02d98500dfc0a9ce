/* alloc.c - the allocator vtable and array growth. */
#include "core.h"

#include <stdlib.h>
#include <string.h>

static void *sys_alloc(void *ctx, size_t n)
{
    (void)ctx;
    return malloc(n ? n : 1);
}
static void sys_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

const nf_allocator nf__default_allocator = {sys_alloc, sys_free, NULL};

void *nf__alloc(const nf_allocator *al, size_t n)
{
    if (!al) al = &nf__default_allocator;
    return al->alloc(al->ctx, n);
}

void *nf__calloc(const nf_allocator *al, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) return NULL;
    void *p = nf__alloc(al, count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

void nf__free(const nf_allocator *al, void *p)
{
    if (!p) return;
    if (!al) al = &nf__default_allocator;
    al->free(al->ctx, p);
}

size_t nf__grow_cap(size_t cap, size_t need, size_t elem, size_t first)
{
    size_t nc = cap ? cap : first;
    while (nc < need) {
        if (nc > SIZE_MAX / 2) return 0;
        nc *= 2;
    }
    return elem && nc > SIZE_MAX / elem ? 0 : nc;
}

bool nf__grow(const nf_allocator *al, void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return true;
    size_t ncap = nf__grow_cap(*cap, need, elem, 8);
    if (!ncap) return false;
    void *np = nf__alloc(al, ncap * elem);
    if (!np) return false;
    if (*p && *cap) memcpy(np, *p, *cap * elem);
    nf__free(al, *p);
    *p = np;
    *cap = ncap;
    return true;
}
