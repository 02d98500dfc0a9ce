/* buf.c - growable byte buffer with a hard cap and a sticky error. */
#include "core.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void nf__buf_init(nf__buf *b, const nf_allocator *al, size_t max)
{
    b->p = NULL;
    b->len = b->cap = 0;
    b->max = max;
    b->al = al ? al : &nf__default_allocator;
    b->err = NF_OK;
}

void nf__buf_free(nf__buf *b)
{
    nf__free(b->al, b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

bool nf__buf_reserve(nf__buf *b, size_t extra)
{
    if (b->err) return false;
    if (extra > SIZE_MAX - b->len - 1) {
        b->err = NF_ETOOBIG;
        return false;
    }
    size_t need = b->len + extra + 1;
    if (b->max && need > b->max + 1) {
        b->err = NF_ETOOBIG;
        return false;
    }
    if (need <= b->cap) return true;
    void *p = b->p;
    size_t cap = b->cap;
    if (!nf__grow(b->al, &p, &cap, need, 1)) {
        b->err = NF_ENOMEM;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

bool nf__buf_put(nf__buf *b, const void *p, size_t n)
{
    if (!nf__buf_reserve(b, n)) return false;
    if (n) memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
    return true;
}

bool nf__buf_putc(nf__buf *b, char c) { return nf__buf_put(b, &c, 1); }
bool nf__buf_puts(nf__buf *b, const char *s) { return nf__buf_put(b, s, strlen(s)); }

bool nf__buf_printf(nf__buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return false;
    if ((size_t)n < sizeof tmp) return nf__buf_put(b, tmp, (size_t)n);
    if (!nf__buf_reserve(b, (size_t)n)) return false;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return true;
}

char *nf__buf_take(nf__buf *b, size_t *len)
{
    if (!b->p && !nf__buf_reserve(b, 0)) return NULL;
    char *p = b->p;
    if (len) *len = b->len;
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}
