/* rouge_stem.c - ROUGE-1.5.5's word normalization: its stop-word list, its WordNet exception list
 * and its Porter stemmer.
 *
 * ROUGE's stemmer is the Perl "Release 1" Porter stemmer, written with regular expressions, plus a
 * change of its own to step 4 (a word ending in -ement tries -ment and -ent again after the first
 * rule). It is not the C reference implementation, and not Snowball's porter: the measure tests
 * are regexes anchored at the start of the stem, "y" counts as a consonant only where the regexes
 * say so, and the *o condition matches the whole stem (C v c), not its last three letters. So this
 * file evaluates the same regexes: each is a short sequence of character classes with single or
 * starred repetition, run as a tiny NFA over the stem (linear time, no backtracking blow-up on
 * long tokens). The patterns are named after the Perl variables ($mgr0, $meq1, $mgr1, $_v).
 */
#include "eval/rouge.h"

#include "core/data.h"

#include <string.h>

/* Both lists are embedded (cmake/embed.cmake) and indexed in place when a handle is made;
 * nothing is copied, and a handle costs one pass over each list. On a repeated word the first
 * line wins.
 * - The exception list is sorted by word (data/README.md): the index is the offset of each
 *   line, and the lines of the words starting with each pair of letters a-z, so a lookup is a
 *   binary search among a few dozen lines at most. The pass checks the order and sorts the
 *   index if an edited copy is not in order.
 * - The 598 stop words go into an open-addressing set. */
#define NPAIR (26 * 26)

typedef struct wentry {
    uint32_t off; /* the word's first byte in the list */
    uint16_t len;
    uint32_t hash;
} wentry;

struct nf__rouge_lex {
    const nf_allocator *al;
    const char *exc;   /* the exception list: "word<TAB>base" lines */
    size_t exc_len;
    uint32_t *line;    /* offsets of its lines, by word */
    size_t nline;
    uint32_t pair_lo[NPAIR], pair_hi[NPAIR]; /* lines [lo, hi) start with that pair */
    const char *stop;  /* the stop-word list */
    wentry *sw;        /* its words */
    uint32_t *slot;    /* sw index + 1, 0 = empty */
    size_t mask;
};

/* The pair of letters a word starts with, or -1. A line of the exception list is passed with
 * n = 2: its word ends with a tab, which is no letter. */
static int pair(const char *w, size_t n)
{
    unsigned a = (unsigned)(unsigned char)w[0] - 'a'; /* wraps below 'a' */
    unsigned b = n > 1 ? (unsigned)(unsigned char)w[1] - 'a' : 26u;
    return n > 1 && a < 26u && b < 26u ? (int)(a * 26 + b) : -1;
}

/* Compare the word of line l (ended by its tab) with w[0..n): byte order, a prefix first. The
 * first `from` bytes are known to be equal (and no tab). */
static int cmp_line(const char *l, const char *w, size_t n, size_t from)
{
    for (size_t i = from; i < n; i++) {
        unsigned char a = (unsigned char)l[i], b = (unsigned char)w[i];
        if (a != b || a == '\t') return a == '\t' || a < b ? -1 : 1;
    }
    return l[n] == '\t' ? 0 : 1;
}

/* Whether the word of line a is above the word of line b (both end with a tab). */
static bool line_above(const char *a, const char *b)
{
    size_t q = 0;
    while (a[q] == b[q] && a[q] != '\t') q++;
    int x = a[q] == '\t' ? -1 : (unsigned char)a[q], y = b[q] == '\t' ? -1 : (unsigned char)b[q];
    return x > y;
}

/* Sort the line index of an edited, unsorted list, a repeated word keeping its file order (a
 * bottom-up merge sort, which is stable; tmp holds n). */
static void sort_lines(const char *p, uint32_t *v, size_t n, uint32_t *tmp)
{
    uint32_t *a = v, *b = tmp;
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = NF__MIN(lo + w, n), hi = NF__MIN(lo + 2 * w, n), i = lo, j = mid, k = lo;
            while (i < mid && j < hi) b[k++] = line_above(p + a[i], p + a[j]) ? a[j++] : a[i++];
            while (i < mid) b[k++] = a[i++];
            while (j < hi) b[k++] = a[j++];
        }
        uint32_t *t = a;
        a = b;
        b = t;
    }
    if (a != v) memcpy(v, a, n * sizeof *v);
}

static void index_pairs(nf__rouge_lex *x)
{
    memset(x->pair_lo, 0, sizeof x->pair_lo);
    memset(x->pair_hi, 0, sizeof x->pair_hi);
    for (size_t i = 0; i < x->nline; i++) {
        int b = pair(x->exc + x->line[i], 2);
        if (b < 0) continue;
        if (x->pair_hi[b] == 0) x->pair_lo[b] = (uint32_t)i;
        x->pair_hi[b] = (uint32_t)i + 1;
    }
}

static bool load_exceptions(nf__rouge_lex *x)
{
    const char *p = (const char *)nf__data_rouge_exceptions_tsv;
    size_t len = nf__data_rouge_exceptions_tsv_len, cap = len / 16 + 16;
    x->exc = p;
    x->exc_len = len;
    x->line = nf__alloc(x->al, cap * sizeof *x->line);
    if (!x->line) return false;
    bool sorted = true;
    const char *prev = NULL;
    for (size_t i = 0; i < len && i < UINT32_MAX;) {
        const char *l = p + i, *nl = memchr(l, '\n', len - i);
        size_t e = nl ? (size_t)(nl - p) : len;
        /* a word, then a tab; a line without a tab has no base form and is skipped */
        const char *tab = memchr(l, '\t', e - i);
        if (tab && tab > l) {
            if (x->nline == cap) {
                void *v = x->line;
                if (!nf__grow(x->al, &v, &cap, cap + 1, sizeof *x->line)) return false;
                x->line = v;
            }
            if (prev && sorted && line_above(prev, l)) sorted = false;
            prev = l;
            x->line[x->nline++] = (uint32_t)i;
        }
        i = e + 1;
    }
    if (!sorted) {
        uint32_t *tmp = nf__alloc(x->al, (x->nline + 1) * sizeof *tmp);
        if (!tmp) return false;
        sort_lines(p, x->line, x->nline, tmp);
        nf__free(x->al, tmp);
    }
    index_pairs(x);
    return true;
}

static size_t stop_slot(const nf__rouge_lex *x, uint32_t h)
{
    return (size_t)((h * 0x9E3779B1u) >> 7) & x->mask;
}

static bool load_stopwords(nf__rouge_lex *x)
{
    const char *p = (const char *)nf__data_rouge_stopwords_txt;
    size_t len = nf__data_rouge_stopwords_txt_len, n = 0, lines = 1, cap = 16;
    for (const char *q = p; (q = memchr(q, '\n', len - (size_t)(q - p))) != NULL; q++) lines++;
    while (cap < 2 * lines) cap *= 2;
    x->stop = p;
    x->sw = nf__alloc(x->al, lines * sizeof *x->sw);
    x->slot = nf__calloc(x->al, cap, sizeof *x->slot);
    if (!x->sw || !x->slot) return false;
    x->mask = cap - 1;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(p + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - p) : len, le = e;
        if (le > i && p[le - 1] == '\r') le--;
        if (le > i && le - i < 65536 && i < UINT32_MAX && !nf__rouge_is_stop(x, p + i, le - i)) {
            uint32_t h = nf__rouge_hash(p + i, le - i);
            size_t k = stop_slot(x, h);
            while (x->slot[k]) k = (k + 1) & x->mask;
            x->sw[n] = (wentry){(uint32_t)i, (uint16_t)(le - i), h};
            x->slot[k] = (uint32_t)++n;
        }
        i = e + 1;
    }
    return true;
}

nf__rouge_lex *nf__rouge_lex_new(const nf_allocator *al)
{
    if (!al) al = &nf__default_allocator;
    nf__rouge_lex *x = nf__calloc(al, 1, sizeof *x);
    if (!x) return NULL;
    x->al = al;
    if (!load_exceptions(x) || !load_stopwords(x)) {
        nf__rouge_lex_free(x);
        return NULL;
    }
    return x;
}

void nf__rouge_lex_free(nf__rouge_lex *x)
{
    if (!x) return;
    nf__free(x->al, x->line);
    nf__free(x->al, x->sw);
    nf__free(x->al, x->slot);
    nf__free(x->al, x);
}

bool nf__rouge_is_stop(const nf__rouge_lex *x, const char *w, size_t n)
{
    if (!x->slot) return false;
    uint32_t h = nf__rouge_hash(w, n);
    for (size_t k = stop_slot(x, h); x->slot[k]; k = (k + 1) & x->mask) {
        const wentry *e = &x->sw[x->slot[k] - 1];
        if (e->hash == h && e->len == n && memcmp(x->stop + e->off, w, n) == 0) return true;
    }
    return false;
}

const char *nf__rouge_exception(const nf__rouge_lex *x, const char *w, size_t n, size_t *len)
{
    if (n == 0) return NULL;
    int b = pair(w, n);
    size_t lo = b < 0 ? 0 : x->pair_lo[b], hi = b < 0 ? x->nline : x->pair_hi[b], end = hi;
    size_t from = b < 0 ? 0 : 2; /* a pair's lines start with the pair */
    while (lo < hi) { /* the first line whose word is not below w */
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_line(x->exc + x->line[mid], w, n, from) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == end || cmp_line(x->exc + x->line[lo], w, n, from) != 0) return NULL;
    const char *v = x->exc + x->line[lo] + n + 1, *lim = x->exc + x->exc_len;
    const char *nl = memchr(v, '\n', (size_t)(lim - v));
    size_t k = nl ? (size_t)(nl - v) : (size_t)(lim - v);
    if (k && v[k - 1] == '\r') k--;
    *len = k;
    return v;
}

/* ---- the regexes ---- */

/* Character classes of the Perl patterns; 'Y' (an initial y, uppercased by the stemmer) is in
 * none of the vowel sets, so it behaves as a consonant, as in Perl. */
enum { K_C, K_NY, K_V, K_VO, K_WXY };

static bool in(int c, const char *set)
{
    for (; *set; set++)
        if (*set == c) return true;
    return false;
}

/* A letter falls in one of four kinds, and each kind is in a fixed set of the classes above:
 * vowels in $v and the tail of $V; y in $c and $v; w and x in $c and the tail of $C; anything
 * else (other consonants, 'Y', digits) in $c, the tail of $C and [^aeiouwxy]. */
#define KIND_VOWEL (1u << K_V | 1u << K_VO)
#define KIND_Y (1u << K_C | 1u << K_V)
#define KIND_WX (1u << K_C | 1u << K_NY)
#define KIND_OTHER (1u << K_C | 1u << K_NY | 1u << K_WXY)

/* The kind of a byte: 0 other, 1 vowel, 2 y, 3 w or x. */
static const unsigned char kind_of[256] = {['a'] = 1, ['e'] = 1, ['i'] = 1, ['o'] = 1,
                                           ['u'] = 1, ['y'] = 2, ['w'] = 3, ['x'] = 3};

/* A pattern is a sequence of atoms, each a class with single or starred repetition. As an NFA,
 * bit i of the state set means "atom i is next"; ok[kind] has the atoms that accept a letter of
 * that kind. The measure patterns are all prefixes of one sequence,
 *   C V C V C  with  $C = [^aeiou][^aeiouy]*  and  $V = [aeiouy][aeiou]*,
 * i.e. atoms 0 [^aeiou], 1 [^aeiouy]*, 2 [aeiouy], 3 [aeiou]*, 4 [^aeiou], ... 9 [^aeiouy]*.
 * Perl's optional leading (C)? is a second start state: atom 2. */
#define ACC(k, kd) ((kd) >> (k) & 1u)
#define MEAS(kd)                                                                               \
    (ACC(K_C, kd) | ACC(K_NY, kd) << 1 | ACC(K_V, kd) << 2 | ACC(K_VO, kd) << 3 |               \
     ACC(K_C, kd) << 4 | ACC(K_NY, kd) << 5 | ACC(K_V, kd) << 6 | ACC(K_VO, kd) << 7 |         \
     ACC(K_C, kd) << 8 | ACC(K_NY, kd) << 9)
static const uint32_t meas_ok[4] = {MEAS(KIND_OTHER), MEAS(KIND_VOWEL), MEAS(KIND_Y),
                                    MEAS(KIND_WX)};
#define MEAS_STAR (1u << 1 | 1u << 3 | 1u << 5 | 1u << 7 | 1u << 9)
/* ^C v [^aeiouwxy]$: atoms 0 [^aeiou], 1 [^aeiouy]*, 2 [aeiouy], 3 [^aeiouwxy] */
#define CVC(kd) (ACC(K_C, kd) | ACC(K_NY, kd) << 1 | ACC(K_V, kd) << 2 | ACC(K_WXY, kd) << 3)
static const uint32_t cvc_ok[4] = {CVC(KIND_OTHER), CVC(KIND_VOWEL), CVC(KIND_Y), CVC(KIND_WX)};
#define CVC_STAR (1u << 1)

/* Whether the first na atoms, started in the states init, match a prefix of s reaching a state
 * of acc (or all of s, ending in one, when to_end). Linear in n, no backtracking. A starred
 * atom may match nothing, so its successor is live too; no two starred atoms are adjacent in
 * these patterns, so one step of that closure is enough. */
static bool nfa(const uint32_t ok[4], uint32_t star, int na, uint32_t init, uint32_t acc,
                const char *s, size_t n, bool to_end)
{
    uint32_t live = (1u << na) - 1, set = init;
    star &= live;
    for (size_t pos = 0;; pos++) {
        set |= (set & star) << 1;
        if (!to_end && (set & acc)) return true;
        if (pos == n || set == 0) break;
        uint32_t m = set & live & ok[kind_of[(unsigned char)s[pos]]];
        set = (m & star) | (m & ~star) << 1;
    }
    return to_end && (set & acc);
}

#define START_C_OR_V (1u << 0 | 1u << 2)

/* $mgr0 = ^(C)?VC : measure > 0 */
static bool mgr0(const char *s, size_t n)
{
    return nfa(meas_ok, MEAS_STAR, 6, START_C_OR_V, 1u << 6, s, n, false);
}

/* $mgr1 = ^(C)?VCVC : measure > 1 */
static bool mgr1(const char *s, size_t n)
{
    return nfa(meas_ok, MEAS_STAR, 10, START_C_OR_V, 1u << 10, s, n, false);
}

/* $meq1 = ^(C)?VC(V)?$ : measure == 1 */
static bool meq1(const char *s, size_t n)
{
    return nfa(meas_ok, MEAS_STAR, 8, START_C_OR_V, 1u << 6 | 1u << 8, s, n, true);
}

/* $_v = ^(C)?v : the stem has a vowel */
static bool has_v(const char *s, size_t n)
{
    return nfa(meas_ok, MEAS_STAR, 3, START_C_OR_V, 1u << 3, s, n, false);
}

/* ^C v [^aeiouwxy]$ : the whole stem is consonants, one vowel, one final consonant */
static bool cvc(const char *s, size_t n)
{
    return nfa(cvc_ok, CVC_STAR, 4, 1u, 1u << 4, s, n, true);
}

static bool ends(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(w + n - k, suf, k) == 0;
}

typedef struct rule {
    const char *suf, *rep;
    unsigned char sl, rl; /* their lengths */
} rule;
#define R(suf, rep) {suf, rep, sizeof suf - 1, sizeof rep - 1}

typedef struct rules {
    const rule *r;
    size_t n;
} rules;
#define RS(a) {a, NF__ARRAY_LEN(a)}

/* /(a|b|...)$/ matches at the leftmost position, i.e. the longest listed suffix wins. The rules
 * of a step are grouped by their last letter, and only the word's group is tried. */
static const rule *longest(rules g, const char *w, size_t n)
{
    const rule *best = NULL;
    for (size_t i = 0; i < g.n; i++) {
        size_t k = g.r[i].sl;
        if (n < k || memcmp(w + n - k, g.r[i].suf, k) != 0) continue;
        if (!best || k > best->sl) best = &g.r[i];
    }
    return best;
}

static const rule s2_l[] = {R("ational", "ate"), R("tional", "tion")};
static const rule s2_i[] = {R("enci", "ence"),  R("anci", "ance"), R("bli", "ble"),
                            R("alli", "al"),    R("entli", "ent"), R("eli", "e"),
                            R("ousli", "ous"),  R("aliti", "al"),  R("iviti", "ive"),
                            R("biliti", "ble"), R("logi", "log")};
static const rule s2_r[] = {R("izer", "ize"), R("ator", "ate")};
static const rule s2_n[] = {R("ization", "ize"), R("ation", "ate")};
static const rule s2_m[] = {R("alism", "al")};
static const rule s2_s[] = {R("iveness", "ive"), R("fulness", "ful"), R("ousness", "ous")};

static rules step2(char last)
{
    static const rules none = {NULL, 0}, l = RS(s2_l), i = RS(s2_i), r = RS(s2_r), n = RS(s2_n),
                       m = RS(s2_m), s = RS(s2_s);
    switch (last) {
    case 'l': return l;
    case 'i': return i;
    case 'r': return r;
    case 'n': return n;
    case 'm': return m;
    case 's': return s;
    default: return none;
    }
}

static const rule s3_e[] = {R("icate", "ic"), R("ative", ""), R("alize", "al")};
static const rule s3_i[] = {R("iciti", "ic")};
static const rule s3_l[] = {R("ical", "ic"), R("ful", "")};
static const rule s3_s[] = {R("ness", "")};

static rules step3(char last)
{
    static const rules none = {NULL, 0}, e = RS(s3_e), i = RS(s3_i), l = RS(s3_l), s = RS(s3_s);
    switch (last) {
    case 'e': return e;
    case 'i': return i;
    case 'l': return l;
    case 's': return s;
    default: return none;
    }
}

/* ROUGE's step 4 list: "ment" and "ent" are tried separately afterwards. */
static const rule s4_l[] = {R("al", "")};
static const rule s4_e[] = {R("ance", ""), R("ence", ""), R("able", ""), R("ible", ""),
                            R("ate", ""),  R("ive", ""),  R("ize", "")};
static const rule s4_r[] = {R("er", "")};
static const rule s4_c[] = {R("ic", "")};
static const rule s4_t[] = {R("ant", ""), R("ement", "")};
static const rule s4_u[] = {R("ou", "")};
static const rule s4_m[] = {R("ism", "")};
static const rule s4_i[] = {R("iti", "")};
static const rule s4_s[] = {R("ous", "")};

static rules step4(char last)
{
    static const rules none = {NULL, 0}, l = RS(s4_l), e = RS(s4_e), r = RS(s4_r), c = RS(s4_c),
                       t = RS(s4_t), u = RS(s4_u), m = RS(s4_m), i = RS(s4_i), s = RS(s4_s);
    switch (last) {
    case 'l': return l;
    case 'e': return e;
    case 'r': return r;
    case 'c': return c;
    case 't': return t;
    case 'u': return u;
    case 'm': return m;
    case 'i': return i;
    case 's': return s;
    default: return none;
    }
}

/* Replace the suffix of w (length n) by rep when the remaining stem passes test. */
static size_t apply(char *w, size_t n, const rule *r, bool (*test)(const char *, size_t))
{
    if (!r) return n;
    size_t stem = n - r->sl;
    if (!test(w, stem)) return n;
    memcpy(w + stem, r->rep, r->rl); /* never longer than the suffix it replaces */
    return stem + r->rl;
}

size_t nf__rouge_porter(const char *word, size_t n, char *w)
{
    memcpy(w, word, n);
    if (n < 3) return n;
    bool first_y = w[0] == 'y';
    if (first_y) w[0] = 'Y';

    /* step 1a */
    if (ends(w, n, "sses") || ends(w, n, "ies"))
        n -= 2;
    else if (w[n - 1] == 's' && w[n - 2] != 's')
        n -= 1;

    /* step 1b; the added "e" always fits where the removed suffix was */
    if (ends(w, n, "eed")) {
        if (mgr0(w, n - 3)) n -= 1;
    } else if (ends(w, n, "ed") || ends(w, n, "ing")) {
        size_t stem = n - (ends(w, n, "ed") ? 2 : 3);
        if (has_v(w, stem)) {
            n = stem;
            if (ends(w, n, "at") || ends(w, n, "bl") || ends(w, n, "iz"))
                w[n++] = 'e';
            else if (n >= 2 && w[n - 1] == w[n - 2] && !in(w[n - 1], "aeiouylsz"))
                n--;
            else if (cvc(w, n))
                w[n++] = 'e';
        }
    }

    /* step 1c */
    if (n >= 1 && w[n - 1] == 'y' && has_v(w, n - 1)) w[n - 1] = 'i';

    /* steps 2 and 3 */
    n = apply(w, n, longest(step2(w[n - 1]), w, n), mgr0);
    n = apply(w, n, longest(step3(w[n - 1]), w, n), mgr0);

    /* step 4, as changed in ROUGE: each test looks at the word left by the previous one */
    n = apply(w, n, longest(step4(w[n - 1]), w, n), mgr1);
    if (ends(w, n, "ment") && mgr1(w, n - 4)) n -= 4;
    if (ends(w, n, "ent")) {
        if (mgr1(w, n - 3)) n -= 3;
    } else if ((ends(w, n, "sion") || ends(w, n, "tion")) && mgr1(w, n - 3)) {
        n -= 3;
    }

    /* step 5 */
    if (ends(w, n, "e")) {
        size_t stem = n - 1;
        if (mgr1(w, stem) || (meq1(w, stem) && !cvc(w, stem))) n = stem;
    }
    if (ends(w, n, "ll") && mgr1(w, n)) n--;

    if (first_y) w[0] = 'y';
    return n;
}

const char *nf__rouge_morph(const nf__rouge_lex *x, const char *w, size_t n, char *buf,
                            size_t *len)
{
    if (n <= 3) {
        *len = n;
        return w;
    }
    const char *e = nf__rouge_exception(x, w, n, len);
    if (e) return e;
    *len = nf__rouge_porter(w, n, buf);
    return buf;
}
