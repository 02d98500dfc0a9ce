/* utf8.c - strict UTF-8 validation and repair (invalid sequences become U+FFFD). */
#include "core.h"

#include <string.h>

size_t nf__utf8_valid_len(const unsigned char *p, size_t n)
{
    if (n == 0) return 0;
    unsigned char c = p[0];
    if (c < 0x80) return 1;
    if (c < 0xC2) return 0; /* continuation or overlong 2-byte lead */
    if (c < 0xE0) return (n >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && p[1] < 0xA0) return 0;  /* overlong */
        if (c == 0xED && p[1] >= 0xA0) return 0; /* surrogate */
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && p[1] < 0x90) return 0;  /* overlong */
        if (c == 0xF4 && p[1] >= 0x90) return 0; /* > U+10FFFF */
        return 4;
    }
    return 0;
}

size_t nf__utf8_check(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = nf__utf8_valid_len(s + i, n - i);
        if (!k) return i;
        i += k;
    }
    return n;
}

/* Length of the ASCII prefix of p[i, n), eight bytes at a time. */
static size_t ascii_run(const unsigned char *s, size_t i, size_t n)
{
    size_t k = i;
    while (k + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + k, 8);
        if (w & 0x8080808080808080ull) break;
        k += 8;
    }
    while (k < n && s[k] < 0x80) k++;
    return k - i;
}

char *nf__utf8_repair(nf__arena *a, const char *p, size_t n, size_t *out_len, size_t *nbad,
                      size_t *first_bad)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t bad = 0, first = n, outn = 0;
    for (size_t i = 0; i < n;) {
        size_t run = ascii_run(s, i, n);
        if (run) {
            i += run;
            outn += run;
            continue;
        }
        size_t k = s[i] < 0x80 ? 1 : nf__utf8_valid_len(s + i, n - i);
        if (!k) {
            if (!bad) first = i;
            bad++;
            outn += 3;
            i++;
        } else {
            outn += k;
            i += k;
        }
    }
    char *o = nf__arena_alloc(a, outn + 1);
    if (!o) return NULL;
    if (!bad) {
        if (n) memcpy(o, p, n);
    } else {
        size_t j = 0;
        for (size_t i = 0; i < n;) {
            size_t k = s[i] < 0x80 ? 1 : nf__utf8_valid_len(s + i, n - i);
            if (!k) {
                o[j++] = (char)0xEF;
                o[j++] = (char)0xBF;
                o[j++] = (char)0xBD;
                i++;
            } else {
                memcpy(o + j, s + i, k);
                j += k;
                i += k;
            }
        }
    }
    o[outn] = '\0';
    if (out_len) *out_len = outn;
    if (nbad) *nbad = bad;
    if (first_bad) *first_bad = first;
    return o;
}

size_t nf__utf8_decode(const char *p, size_t n, int32_t *cp)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t k = s[0] < 0x80 ? 1 : nf__utf8_valid_len(s, n);
    switch (k) {
    case 1: *cp = s[0]; return 1;
    case 2: *cp = ((s[0] & 0x1F) << 6) | (s[1] & 0x3F); return 2;
    case 3: *cp = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F); return 3;
    case 4:
        *cp = ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    default: *cp = 0xFFFD; return 1;
    }
}

bool nf__looks_binary(const char *p, size_t n)
{
    size_t ctrl = 0, sample = n < 65536 ? n : 65536, i = 0;
#if defined(__SSE2__)
    /* sixteen at a time: bytes below 0x20 other than \t..\r count 1, NULs 8 */
    const __m128i c1f = _mm_set1_epi8(0x1F);
    for (; i + 16 <= sample; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v);
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(nf__ctl_space16(v), low));
        if (!m) continue;
        unsigned z = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));
        ctrl += nf__popcount(m) + 7 * (size_t)nf__popcount(z);
    }
#endif
    for (; i < sample; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == 0)
            ctrl += 8;
        else if (c < 0x20 && !nf__isspace(c))
            ctrl++;
    }
    /* more than ~3% control characters in the first 64 KiB */
    return sample > 0 && ctrl * 32 > sample;
}
