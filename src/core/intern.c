/* intern.c - open-addressing string table mapping byte strings to dense ids. */
#include "core.h"

#include <string.h>

/* 8 bytes an entry: the hash is recomputed when the slots are rehashed rather than stored
 * (the tokenizer's tables hold every distinct word of a long run) */
typedef struct entry {
    uint32_t off, len;
} entry;

struct nf__intern {
    const nf_allocator *al;
    uint32_t *slots; /* id+1, 0 = empty */
    size_t nslots;
    entry *ents;
    size_t nents, capents;
    char *bytes;
    size_t nbytes, capbytes;
};

uint64_t nf__hash64(const void *p, size_t n)
{
    /* eight bytes at a time, multiply-xorshift mixing; ids are handed out in insertion order, so
     * the hash only decides speed, never output */
    const unsigned char *s = p;
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xFF51AFD7ED558CCDull);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 29;
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    for (size_t i = 0; i < n; i++) w |= (uint64_t)s[i] << (8 * i);
    h = (h ^ w) * 0x94D049BB133111EBull;
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    return h;
}

nf__intern *nf__intern_new(const nf_allocator *al)
{
    nf__intern *t = nf__calloc(al, 1, sizeof *t);
    if (!t) return NULL;
    t->al = al ? al : &nf__default_allocator;
    t->nslots = 256;
    t->slots = nf__calloc(t->al, t->nslots, sizeof *t->slots);
    if (!t->slots) {
        nf__free(t->al, t);
        return NULL;
    }
    return t;
}

void nf__intern_free(nf__intern *t)
{
    if (!t) return;
    nf__free(t->al, t->slots);
    nf__free(t->al, t->ents);
    nf__free(t->al, t->bytes);
    nf__free(t->al, t);
}

static size_t probe(const nf__intern *t, const char *p, size_t n, uint64_t h)
{
    size_t mask = t->nslots - 1;
    size_t i = (size_t)h & mask;
    for (;;) {
        uint32_t s = t->slots[i];
        if (!s) return i;
        const entry *e = &t->ents[s - 1];
        if (e->len == n && memcmp(t->bytes + e->off, p, n) == 0) return i;
        i = (i + 1) & mask;
    }
}

uint32_t nf__intern_find(const nf__intern *t, const char *p, size_t n)
{
    uint64_t h = nf__hash64(p, n);
    size_t i = probe(t, p, n, h);
    return t->slots[i] ? t->slots[i] - 1 : UINT32_MAX;
}

static bool rehash(nf__intern *t)
{
    size_t ns = t->nslots * 2;
    uint32_t *slots = nf__calloc(t->al, ns, sizeof *slots);
    if (!slots) return false;
    for (size_t k = 0; k < t->nents; k++) {
        const entry *e = &t->ents[k];
        size_t i = (size_t)nf__hash64(t->bytes + e->off, e->len) & (ns - 1);
        while (slots[i]) i = (i + 1) & (ns - 1);
        slots[i] = (uint32_t)(k + 1);
    }
    nf__free(t->al, t->slots);
    t->slots = slots;
    t->nslots = ns;
    return true;
}

uint32_t nf__intern_add(nf__intern *t, const char *p, size_t n)
{
    if (n > UINT32_MAX / 2 || t->nents >= UINT32_MAX - 1) return UINT32_MAX;
    uint64_t h = nf__hash64(p, n);
    size_t i = probe(t, p, n, h);
    if (t->slots[i]) return t->slots[i] - 1;
    if ((t->nents + 1) * 4 > t->nslots * 3) {
        if (!rehash(t)) return UINT32_MAX;
        i = probe(t, p, n, h);
    }
    void *ents = t->ents, *bytes = t->bytes;
    if (!nf__grow(t->al, &ents, &t->capents, t->nents + 1, sizeof(entry))) return UINT32_MAX;
    t->ents = ents;
    if (!nf__grow(t->al, &bytes, &t->capbytes, t->nbytes + n + 1, 1)) return UINT32_MAX;
    t->bytes = bytes;
    if (t->nbytes + n + 1 > UINT32_MAX) return UINT32_MAX;
    memcpy(t->bytes + t->nbytes, p, n);
    t->bytes[t->nbytes + n] = '\0';
    entry *e = &t->ents[t->nents];
    e->off = (uint32_t)t->nbytes;
    e->len = (uint32_t)n;
    t->nbytes += n + 1;
    uint32_t id = (uint32_t)t->nents++;
    t->slots[i] = id + 1;
    return id;
}

const char *nf__intern_str(const nf__intern *t, uint32_t id, size_t *len)
{
    if (id >= t->nents) {
        if (len) *len = 0;
        return "";
    }
    if (len) *len = t->ents[id].len;
    return t->bytes + t->ents[id].off;
}

size_t nf__intern_count(const nf__intern *t) { return t->nents; }
