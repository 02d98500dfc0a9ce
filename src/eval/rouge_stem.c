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

/* Both lists are embedded (cmake/embed.cmake) and used in place: nothing is built or allocated.
 * Each is sorted in byte order (data/README.md; tests/unit/test_rouge_hand.c checks it), so a
 * lookup is a binary search over the list's bytes, like look(1). Lookups happen once per new
 * surface form (rouge_vocab.c), so their cost does not matter, and a handle costs nothing. */

/* Compare the word of the line at l (ended by a tab, a line end or lim) with w[0..n): byte
 * order, a prefix first. A CR ends a word too, so a CRLF checkout of the data still works. */
static bool word_end(char c) { return c == '\t' || c == '\n' || c == '\r'; }

static int cmp_line(const char *l, const char *lim, const char *w, size_t n)
{
    size_t i = 0;
    for (; i < n && l + i < lim; i++) {
        unsigned char a = (unsigned char)l[i], b = (unsigned char)w[i];
        if (word_end((char)a)) return -1;
        if (a != b) return a < b ? -1 : 1;
    }
    if (i < n) return -1;
    return l + i == lim || word_end(l[i]) ? 0 : 1;
}

/* The first line of the sorted list p[0..len) whose word is w[0..n), or NULL. */
static const char *find_line(const char *p, size_t len, const char *w, size_t n)
{
    size_t lo = 0, hi = len; /* lo is always a line start */
    const char *lim = p + len;
    while (lo < hi) { /* the first line whose word is not below w */
        size_t s = lo + (hi - lo) / 2;
        while (s > lo && p[s - 1] != '\n') s--;
        if (cmp_line(p + s, lim, w, n) < 0) {
            const char *nl = memchr(p + s, '\n', (size_t)(lim - (p + s)));
            lo = nl ? (size_t)(nl - p) + 1 : hi;
        } else {
            hi = s;
        }
    }
    return lo < len && cmp_line(p + lo, lim, w, n) == 0 ? p + lo : NULL;
}

bool nf__rouge_is_stop(const char *w, size_t n)
{
    return n > 0 && find_line((const char *)nf__data_rouge_stopwords_txt,
                              nf__data_rouge_stopwords_txt_len, w, n) != NULL;
}

const char *nf__rouge_exception(const char *w, size_t n, size_t *len)
{
    if (n == 0) return NULL;
    const char *p = (const char *)nf__data_rouge_exceptions_tsv;
    const char *lim = p + nf__data_rouge_exceptions_tsv_len;
    const char *l = find_line(p, nf__data_rouge_exceptions_tsv_len, w, n);
    if (!l || l + n == lim || l[n] != '\t') return NULL; /* no base form on that line */
    const char *v = l + n + 1;
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
#define KIND_Y     (1u << K_C | 1u << K_V)
#define KIND_WX    (1u << K_C | 1u << K_NY)
#define KIND_OTHER (1u << K_C | 1u << K_NY | 1u << K_WXY)

/* The kind of a byte: 0 other, 1 vowel, 2 y, 3 w or x. */
static const unsigned char kind_of[256] = {
    ['a'] = 1, ['e'] = 1, ['i'] = 1, ['o'] = 1, ['u'] = 1, ['y'] = 2, ['w'] = 3, ['x'] = 3};

/* A pattern is a sequence of atoms, each a class with single or starred repetition. As an NFA,
 * bit i of the state set means "atom i is next"; ok[kind] has the atoms that accept a letter of
 * that kind. The measure patterns are all prefixes of one sequence,
 *   C V C V C  with  $C = [^aeiou][^aeiouy]*  and  $V = [aeiouy][aeiou]*,
 * i.e. atoms 0 [^aeiou], 1 [^aeiouy]*, 2 [aeiouy], 3 [aeiou]*, 4 [^aeiou], ... 9 [^aeiouy]*.
 * Perl's optional leading (C)? is a second start state: atom 2. */
#define ACC(k, kd) ((kd) >> (k)&1u)
#define MEAS(kd)                                                                                   \
    (ACC(K_C, kd) | ACC(K_NY, kd) << 1 | ACC(K_V, kd) << 2 | ACC(K_VO, kd) << 3 |                  \
     ACC(K_C, kd) << 4 | ACC(K_NY, kd) << 5 | ACC(K_V, kd) << 6 | ACC(K_VO, kd) << 7 |             \
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
#define R(suf, rep)                                                                                \
    {                                                                                              \
        suf, rep, sizeof suf - 1, sizeof rep - 1                                                   \
    }

typedef struct rules {
    const rule *r;
    size_t n;
} rules;
#define RS(a)                                                                                      \
    {                                                                                              \
        a, NF__ARRAY_LEN(a)                                                                        \
    }

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

const char *nf__rouge_morph(const char *w, size_t n, char *buf, size_t *len)
{
    if (n <= 3) {
        *len = n;
        return w;
    }
    const char *e = nf__rouge_exception(w, n, len);
    if (e) return e;
    *len = nf__rouge_porter(w, n, buf);
    return buf;
}
