/* core.h - internal building blocks: allocator, arena, growable buffer, vectors, intern table,
 * errors, UTF-8. Everything that allocates returns NULL / NF_ENOMEM on failure and never aborts. */
#ifndef NF_CORE_H
#define NF_CORE_H

#include "newsfuse.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- allocator ---- */
extern const nf_allocator nf__default_allocator;
/* al may be NULL (default). */
void *nf__alloc(const nf_allocator *al, size_t n);
void *nf__calloc(const nf_allocator *al, size_t count, size_t size); /* overflow-checked, zeroed */
void nf__free(const nf_allocator *al, void *p);
/* Grow an array to hold at least `need` elements: *p, *cap updated; returns false on failure
 * (old array left intact). Doubling growth. */
bool nf__grow(const nf_allocator *al, void **p, size_t *cap, size_t need, size_t elem);
/* The capacity such arrays grow to: cap (or `first` when 0) doubled until it holds need; 0 when
 * that many elements of elem bytes would overflow. */
size_t nf__grow_cap(size_t cap, size_t need, size_t elem, size_t first);

/* ---- arena: bump allocation in chunks; freed in one call ---- */
typedef struct nf__arena nf__arena;
nf__arena *nf__arena_new(const nf_allocator *al);
void nf__arena_free(nf__arena *a);
void *nf__arena_alloc(nf__arena *a, size_t n); /* 16-byte aligned; NULL on failure */
void *nf__arena_calloc(nf__arena *a, size_t count, size_t size);
char *nf__arena_strndup(nf__arena *a, const char *p, size_t n); /* NUL-terminated copy */
/* nf__grow for arrays in an arena. A small array's old copy stays in the arena until it is freed;
 * past 256 KiB the array is a block the arena adopts and the old copy is released at once. */
bool nf__arena_grow(nf__arena *a, void **p, size_t *cap, size_t need, size_t elem);
const nf_allocator *nf__arena_allocator(const nf__arena *a);
size_t nf__arena_used(const nf__arena *a);
/* Blocks from the arena's allocator that the arena frees with itself (large arrays that can go
 * early, unlike arena memory): an adopted block is freed by nf__arena_free or, earlier, by
 * nf__arena_release. nf__arena_own_alloc is nf__alloc + nf__arena_adopt. */
void *nf__arena_own_alloc(nf__arena *a, size_t n);
bool nf__arena_adopt(nf__arena *a, void *p); /* false (p freed) on failure */
void nf__arena_release(nf__arena *a, void *p);

/* ---- growable byte buffer with a hard cap ---- */
typedef struct nf__buf {
    char *p;
    size_t len, cap;
    size_t max; /* 0: no cap */
    const nf_allocator *al;
    nf_status err; /* sticky: first failure (NF_ENOMEM or NF_ETOOBIG) */
} nf__buf;
void nf__buf_init(nf__buf *b, const nf_allocator *al, size_t max);
void nf__buf_free(nf__buf *b);
bool nf__buf_reserve(nf__buf *b, size_t extra);
bool nf__buf_put(nf__buf *b, const void *p, size_t n);
bool nf__buf_putc(nf__buf *b, char c);
bool nf__buf_puts(nf__buf *b, const char *s);
bool nf__buf_printf(nf__buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Detach the NUL-terminated content (caller frees with b->al); the buffer is reset. */
char *nf__buf_take(nf__buf *b, size_t *len);

/* ---- intern table: byte strings -> dense ids 0..n-1 ---- */
typedef struct nf__intern nf__intern;
nf__intern *nf__intern_new(const nf_allocator *al);
void nf__intern_free(nf__intern *t);
/* Returns the id, adding the string when new; UINT32_MAX on allocation failure. */
uint32_t nf__intern_add(nf__intern *t, const char *p, size_t n);
/* Returns the id or UINT32_MAX when absent. */
uint32_t nf__intern_find(const nf__intern *t, const char *p, size_t n);
const char *nf__intern_str(const nf__intern *t, uint32_t id, size_t *len);
size_t nf__intern_count(const nf__intern *t);

uint64_t nf__hash64(const void *p, size_t n); /* multiply-xorshift, deterministic */

/* Run fn once, whichever thread comes first; *state starts at 0 (src/core/once.c). */
void nf__once(_Atomic int *state, void (*fn)(void));

/* ---- errors ---- */
/* Fill err (if non-NULL) and return code. */
nf_status nf__fail(nf_error *err, nf_status code, long doc, long line, long long pos,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* ---- UTF-8 ---- */
/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid (overlong, surrogate,
 * above U+10FFFF, truncated). */
size_t nf__utf8_valid_len(const unsigned char *p, size_t n);
/* Offset of the first invalid byte, or n when all valid. */
size_t nf__utf8_check(const char *p, size_t n);
/* Copy with each invalid sequence replaced by U+FFFD into an arena string; *nbad counts them and
 * *first_bad is the offset of the first (or n). */
char *nf__utf8_repair(nf__arena *a, const char *p, size_t n, size_t *out_len, size_t *nbad,
                      size_t *first_bad);
/* Decode one code point at p (valid input assumed). Returns the bytes consumed (>= 1); an
 * invalid sequence gives U+FFFD and 1. */
size_t nf__utf8_decode(const char *p, size_t n, int32_t *cp);
/* Whether the bytes look binary: NULs or many C0 controls other than \t \n \r \f \v. */
bool nf__looks_binary(const char *p, size_t n);

/* Locale-independent ASCII ctype. */
static inline bool nf__isspace(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
static inline bool nf__isdigit(int c) { return c >= '0' && c <= '9'; }
static inline bool nf__isupper(int c) { return c >= 'A' && c <= 'Z'; }
static inline bool nf__islower(int c) { return c >= 'a' && c <= 'z'; }
static inline bool nf__isalpha(int c) { return nf__isupper(c) || nf__islower(c); }
static inline bool nf__isalnum(int c) { return nf__isalpha(c) || nf__isdigit(c); }
static inline int nf__tolower(int c) { return nf__isupper(c) ? c + 32 : c; }

/* Set bits of x. The builtin is a library call unless the target has the instruction (baseline
 * x86-64 does not), so this is the bit-parallel count there. */
static inline unsigned nf__popcount(uint64_t x)
{
#if defined(__GNUC__) && (defined(__POPCNT__) || defined(__aarch64__))
    return (unsigned)__builtin_popcountll(x);
#else
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return (unsigned)((x * 0x0101010101010101ull) >> 56);
#endif
}

#if defined(__SSE2__)
#include <emmintrin.h>
/* Bit i set when p[i], of the sixteen bytes at p, is an ASCII letter or digit. */
static inline unsigned nf__alnum_mask16(const char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i l = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
    __m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    __m128i an = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(l, _mm_set1_epi8(25)), l),
                              _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d));
    return (unsigned)_mm_movemask_epi8(an);
}

/* 0xFF in each byte of v that is \t, \n, \v, \f or \r (9..13). */
static inline __m128i nf__ctl_space16(__m128i v)
{
    __m128i d = _mm_sub_epi8(v, _mm_set1_epi8(9));
    return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(4)), d);
}
#endif

/* Length of the prefix of p[0, n) that a JSON string holds as it is: no '"', no '\\', no control
 * byte below 0x20, and with stop_high no byte >= 0x80 either (the reader checks UTF-8 there).
 * Sixteen bytes per step where SSE2 is there: the readers and writers of JSON spend most of their
 * time in such runs. */
static inline size_t nf__json_plain(const char *p, size_t n, bool stop_high)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i q = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'), c1f = _mm_set1_epi8(0x1F);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, bs));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (stop_high) mask |= (unsigned)_mm_movemask_epi8(v);
        if (mask) return i + (size_t)__builtin_ctz(mask);
    }
#endif
    for (; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '"' || c == '\\' || c < 0x20 || (stop_high && c >= 0x80)) break;
    }
    return i;
}

/* The decimal digits of v written backwards, ending just before end; returns the first digit
 * (end - 20 is room enough). */
static inline char *nf__utoa_back(char *end, unsigned long long v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

/* Sort ids ascending (insertion sort for a few, qsort for more). */
void nf__sort_u32(uint32_t *v, size_t n);

#define NF__ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define NF__MIN(a, b)    ((a) < (b) ? (a) : (b))
#define NF__MAX(a, b)    ((a) > (b) ? (a) : (b))

#endif
