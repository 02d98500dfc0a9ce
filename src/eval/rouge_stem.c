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

struct nf__rouge_lex {
    const nf_allocator *al;
    nf__intern *stop;
    nf__intern *exc;     /* exception words -> index into val_off/val_len */
    uint32_t *val_off;   /* offsets of the base forms in the embedded table */
    uint32_t *val_len;
};

/* Adds each line of an embedded table; for "key<TAB>value" lines the value offset is recorded. */
static bool load_table(nf__rouge_lex *x, nf__intern *t, const unsigned char *data, size_t len,
                       bool pairs)
{
    const char *p = (const char *)data;
    size_t cap = 0;
    size_t i = 0;
    while (i < len) {
        size_t e = i;
        while (e < len && p[e] != '\n') e++;
        size_t le = e;
        if (le > i && p[le - 1] == '\r') le--;
        size_t k = i;
        if (pairs)
            while (k < le && p[k] != '\t') k++;
        else
            k = le;
        if (k > i) {
            size_t before = nf__intern_count(t);
            uint32_t id = nf__intern_add(t, p + i, k - i);
            if (id == UINT32_MAX) return false;
            if (pairs && nf__intern_count(t) > before && k < le) {
                if (id >= cap) {
                    size_t c1 = cap, c2 = cap;
                    void *a = x->val_off, *b = x->val_len;
                    if (!nf__grow(x->al, &a, &c1, (size_t)id + 1, sizeof(uint32_t))) return false;
                    x->val_off = a;
                    if (!nf__grow(x->al, &b, &c2, (size_t)id + 1, sizeof(uint32_t))) return false;
                    x->val_len = b;
                    cap = NF__MIN(c1, c2);
                }
                x->val_off[id] = (uint32_t)(k + 1);
                x->val_len[id] = (uint32_t)(le - k - 1);
            }
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
    x->stop = nf__intern_new(al);
    x->exc = nf__intern_new(al);
    if (!x->stop || !x->exc ||
        !load_table(x, x->stop, nf__data_rouge_stopwords_txt, nf__data_rouge_stopwords_txt_len,
                    false) ||
        !load_table(x, x->exc, nf__data_rouge_exceptions_tsv, nf__data_rouge_exceptions_tsv_len,
                    true)) {
        nf__rouge_lex_free(x);
        return NULL;
    }
    return x;
}

void nf__rouge_lex_free(nf__rouge_lex *x)
{
    if (!x) return;
    nf__intern_free(x->stop);
    nf__intern_free(x->exc);
    nf__free(x->al, x->val_off);
    nf__free(x->al, x->val_len);
    nf__free(x->al, x);
}

bool nf__rouge_is_stop(const nf__rouge_lex *x, const char *w, size_t n)
{
    return nf__intern_find(x->stop, w, n) != UINT32_MAX;
}

const char *nf__rouge_exception(const nf__rouge_lex *x, const char *w, size_t n, size_t *len)
{
    uint32_t id = nf__intern_find(x->exc, w, n);
    if (id == UINT32_MAX || !x->val_off) return NULL;
    *len = x->val_len[id];
    return (const char *)nf__data_rouge_exceptions_tsv + x->val_off[id];
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

static bool cls_has(int k, int c)
{
    switch (k) {
    case K_C: return !in(c, "aeiou");   /* $c = [^aeiou] */
    case K_NY: return !in(c, "aeiouy"); /* the tail of $C */
    case K_V: return in(c, "aeiouy");   /* $v = [aeiouy] */
    case K_VO: return in(c, "aeiou");   /* the tail of $V */
    default: return !in(c, "aeiouwxy"); /* the last letter of the *o test */
    }
}

typedef struct atom {
    unsigned char k, star;
} atom;

/* Whether an anchored-at-start sequence of atoms matches a prefix of s (or all of s when
 * to_end). NFA simulation: bit i of the state set means "atom i is next". */
static bool seq_match(const atom *a, int na, const char *s, size_t n, bool to_end)
{
    uint32_t acc = 1u << na;
    uint32_t set = 1;
    for (size_t pos = 0;; pos++) {
        for (int i = 0; i < na; i++)
            if ((set >> i & 1u) && a[i].star) set |= 1u << (i + 1);
        if (!to_end && (set & acc)) return true;
        if (pos == n || set == 0) break;
        uint32_t next = 0;
        int c = (unsigned char)s[pos];
        for (int i = 0; i < na; i++)
            if ((set >> i & 1u) && cls_has(a[i].k, c))
                next |= a[i].star ? 1u << i : 1u << (i + 1);
        set = next;
    }
    return to_end && (set & acc);
}

/* $C = [^aeiou][^aeiouy]*  and  $V = [aeiouy][aeiou]* */
#define CC {K_C, 0}, {K_NY, 1}
#define VV {K_V, 0}, {K_VO, 1}

/* $mgr0 = ^(C)?VC : measure > 0 */
static bool mgr0(const char *s, size_t n)
{
    static const atom a[] = {VV, CC}, b[] = {CC, VV, CC};
    return seq_match(a, 4, s, n, false) || seq_match(b, 6, s, n, false);
}

/* $mgr1 = ^(C)?VCVC : measure > 1 */
static bool mgr1(const char *s, size_t n)
{
    static const atom a[] = {VV, CC, VV, CC}, b[] = {CC, VV, CC, VV, CC};
    return seq_match(a, 8, s, n, false) || seq_match(b, 10, s, n, false);
}

/* $meq1 = ^(C)?VC(V)?$ : measure == 1 */
static bool meq1(const char *s, size_t n)
{
    static const atom a[] = {VV, CC}, b[] = {VV, CC, VV}, c[] = {CC, VV, CC},
                      d[] = {CC, VV, CC, VV};
    return seq_match(a, 4, s, n, true) || seq_match(b, 6, s, n, true) ||
           seq_match(c, 6, s, n, true) || seq_match(d, 8, s, n, true);
}

/* $_v = ^(C)?v : the stem has a vowel */
static bool has_v(const char *s, size_t n)
{
    static const atom a[] = {{K_V, 0}}, b[] = {CC, {K_V, 0}};
    return seq_match(a, 1, s, n, false) || seq_match(b, 3, s, n, false);
}

/* ^C v [^aeiouwxy]$ : the whole stem is consonants, one vowel, one final consonant */
static bool cvc(const char *s, size_t n)
{
    static const atom a[] = {CC, {K_V, 0}, {K_WXY, 0}};
    return seq_match(a, 4, s, n, true);
}

static bool ends(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(w + n - k, suf, k) == 0;
}

typedef struct rule {
    const char *suf, *rep;
} rule;

/* /(a|b|...)$/ matches at the leftmost position, i.e. the longest listed suffix wins. */
static const rule *longest(const rule *r, size_t nr, const char *w, size_t n)
{
    const rule *best = NULL;
    for (size_t i = 0; i < nr; i++)
        if (ends(w, n, r[i].suf) && (!best || strlen(r[i].suf) > strlen(best->suf))) best = &r[i];
    return best;
}

static const rule step2[] = {
    {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"}, {"izer", "ize"},
    {"bli", "ble"},     {"alli", "al"},     {"entli", "ent"}, {"eli", "e"},     {"ousli", "ous"},
    {"ization", "ize"}, {"ation", "ate"},   {"ator", "ate"},  {"alism", "al"},  {"iveness", "ive"},
    {"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"},  {"iviti", "ive"}, {"biliti", "ble"},
    {"logi", "log"}};
static const rule step3[] = {{"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
                             {"ical", "ic"},  {"ful", ""},   {"ness", ""}};
/* ROUGE's step 4 list: "ment" and "ent" are tried separately afterwards. */
static const rule step4[] = {{"al", ""},   {"ance", ""}, {"ence", ""}, {"er", ""},  {"ic", ""},
                             {"able", ""}, {"ible", ""}, {"ant", ""},  {"ement", ""}, {"ou", ""},
                             {"ism", ""},  {"ate", ""},  {"iti", ""},  {"ous", ""}, {"ive", ""},
                             {"ize", ""}};

/* Replace the suffix of w (length n) by rep when the remaining stem passes test. */
static size_t apply(char *w, size_t n, const rule *r, bool (*test)(const char *, size_t))
{
    if (!r) return n;
    size_t stem = n - strlen(r->suf);
    if (!test(w, stem)) return n;
    size_t k = strlen(r->rep);
    memcpy(w + stem, r->rep, k); /* never longer than the suffix it replaces */
    return stem + k;
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
    n = apply(w, n, longest(step2, NF__ARRAY_LEN(step2), w, n), mgr0);
    n = apply(w, n, longest(step3, NF__ARRAY_LEN(step3), w, n), mgr0);

    /* step 4, as changed in ROUGE: each test looks at the word left by the previous one */
    n = apply(w, n, longest(step4, NF__ARRAY_LEN(step4), w, n), mgr1);
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
