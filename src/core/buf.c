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

/* One conversion that the fast path leaves to snprintf (floating point, widths, flags, hex):
 * spec is "%...c" with its length modifier, the argument is taken by that modifier. */
static bool put_spec(nf__buf *b, const char *spec, char conv, const char *len, va_list *ap)
{
    char tmp[128];
    int n;
    if (strchr("fFeEgGaA", conv))
        n = snprintf(tmp, sizeof tmp, spec, va_arg(*ap, double));
    else if (len[0] == 'z')
        n = snprintf(tmp, sizeof tmp, spec, va_arg(*ap, size_t));
    else if (len[0] == 'l' && len[1] == 'l')
        n = snprintf(tmp, sizeof tmp, spec, va_arg(*ap, long long));
    else if (len[0] == 'l')
        n = snprintf(tmp, sizeof tmp, spec, va_arg(*ap, long));
    else
        n = snprintf(tmp, sizeof tmp, spec, va_arg(*ap, int));
    if (n < 0 || (size_t)n >= sizeof tmp) return false;
    return nf__buf_put(b, tmp, (size_t)n);
}

/* printf into the buffer. The conversions the renderers use most (%zu %u %d %ld %lld %s %c %%)
 * are formatted here: vsnprintf was a tenth of a web-news batch run; the rest go through
 * snprintf one conversion at a time, and anything unusual (a '*' width, %n, %p, a long spec)
 * through one vsnprintf of the whole format. */
static bool fast_printf(nf__buf *b, const char *fmt, va_list *ap)
{
    const char *p = fmt;
    while (*p) {
        const char *q = p;
        while (*q && *q != '%') q++;
        if (q > p && !nf__buf_put(b, p, (size_t)(q - p))) return false;
        if (!*q) break;
        const char *sp = q++;
        if (*q == '%') {
            if (!nf__buf_putc(b, '%')) return false;
            p = q + 1;
            continue;
        }
        const char *flags = q;
        while (*q && strchr("-+ #0", *q)) q++;
        while (*q >= '0' && *q <= '9') q++;
        if (*q == '.') {
            q++;
            while (*q >= '0' && *q <= '9') q++;
        }
        bool plain = q == flags;
        const char *len = q;
        while (*q == 'l' || *q == 'z' || *q == 'h') q++;
        size_t ln = (size_t)(q - len);
        char conv = *q;
        if (!conv || *len == 'h' || ln > 2 || q - sp > 24) return false;
        p = q + 1;
        if (conv == 's' && plain && ln == 0) {
            const char *s = va_arg(*ap, const char *);
            if (!nf__buf_puts(b, s ? s : "(null)")) return false;
            continue;
        }
        if (conv == 'c' && plain && ln == 0) {
            if (!nf__buf_putc(b, (char)va_arg(*ap, int))) return false;
            continue;
        }
        if (plain && (conv == 'u' || conv == 'd')) {
            char d[24], *e = d + sizeof d, *f;
            if (conv == 'u') {
                unsigned long long v = len[0] == 'z' ? va_arg(*ap, size_t)
                                       : ln == 2     ? va_arg(*ap, unsigned long long)
                                       : ln == 1     ? va_arg(*ap, unsigned long)
                                                     : va_arg(*ap, unsigned);
                f = nf__utoa_back(e, v);
            } else {
                long long v = len[0] == 'z' ? (long long)va_arg(*ap, size_t)
                              : ln == 2     ? va_arg(*ap, long long)
                              : ln == 1     ? va_arg(*ap, long)
                                            : va_arg(*ap, int);
                unsigned long long m = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
                f = nf__utoa_back(e, m);
                if (v < 0) *--f = '-';
            }
            if (!nf__buf_put(b, f, (size_t)(e - f))) return false;
            continue;
        }
        if (!strchr("diouxXfFeEgGaAc", conv)) return false;
        char spec[32];
        memcpy(spec, sp, (size_t)(p - sp));
        spec[p - sp] = '\0';
        char lm[3] = {0};
        memcpy(lm, len, ln);
        if (!put_spec(b, spec, conv, lm, ap)) return false;
    }
    return true;
}

bool nf__buf_printf(nf__buf *b, const char *fmt, ...)
{
    size_t at = b->len;
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    bool ok = fast_printf(b, fmt, &ap);
    va_end(ap);
    if (!ok && !b->err) { /* a conversion the fast path does not take: the whole call again */
        b->len = at;
        if (b->p) b->p[at] = '\0';
        int n = vsnprintf(NULL, 0, fmt, ap2);
        va_end(ap2);
        if (n < 0 || !nf__buf_reserve(b, (size_t)n)) return false;
        va_start(ap2, fmt);
        vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
        ok = true;
    }
    va_end(ap2);
    return ok && !b->err;
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
