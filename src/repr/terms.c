/* terms.c - the cluster's term table: tokenizer stem ids -> dense local ids. */
#include "repr.h"

#include <string.h>

static bool map_grow(const nf_allocator *al, nf__terms *t)
{
    size_t nc = t->map_cap ? t->map_cap * 2 : 1024;
    uint32_t *m = nf__calloc(al, nc, sizeof *m);
    if (!m) return false;
    for (size_t i = 0; i < t->n; i++) {
        size_t h = (t->gid[i] * 2654435761u) & (nc - 1);
        while (m[h]) h = (h + 1) & (nc - 1);
        m[h] = (uint32_t)i + 1;
    }
    nf__free(al, t->map);
    t->map = m;
    t->map_cap = nc;
    return true;
}

uint32_t nf__term_local(nf_cluster *c, uint32_t gid, int stop)
{
    const nf_allocator *al = c->al;
    nf__terms *t = &c->terms;
    if ((t->n + 1) * 2 > t->map_cap && !map_grow(al, t)) return UINT32_MAX;
    size_t mask = t->map_cap - 1, h = (gid * 2654435761u) & mask;
    while (t->map[h]) {
        uint32_t id = t->map[h] - 1;
        if (t->gid[id] == gid) return id;
        h = (h + 1) & mask;
    }
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 1024;
        uint32_t *g = nf__alloc(al, nc * sizeof *g);
        uint8_t *s = nf__alloc(al, nc);
        if (!g || !s) {
            nf__free(al, g);
            nf__free(al, s);
            return UINT32_MAX;
        }
        if (t->n) {
            memcpy(g, t->gid, t->n * sizeof *g);
            memcpy(s, t->stop, t->n);
        }
        nf__free(al, t->gid);
        nf__free(al, t->stop);
        t->gid = g;
        t->stop = s;
        t->cap = nc;
    }
    uint32_t id = (uint32_t)t->n++;
    t->gid[id] = gid;
    t->stop[id] = (uint8_t)(stop != 0);
    t->map[h] = id + 1;
    return id;
}

uint32_t nf__term_find(const nf_cluster *c, uint32_t gid)
{
    const nf__terms *t = &c->terms;
    if (!t->map_cap) return UINT32_MAX;
    size_t mask = t->map_cap - 1, h = (gid * 2654435761u) & mask;
    while (t->map[h]) {
        uint32_t id = t->map[h] - 1;
        if (t->gid[id] == gid) return id;
        h = (h + 1) & mask;
    }
    return UINT32_MAX;
}

void nf__terms_free(const nf_allocator *al, nf__terms *t)
{
    nf__free(al, t->gid);
    nf__free(al, t->map);
    nf__free(al, t->stop);
    nf__free(al, t->df);
    nf__free(al, t->idf);
    memset(t, 0, sizeof *t);
}
