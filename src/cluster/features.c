/* features.c - one article -> weighted term features and a MinHash signature of its shingles.
 *
 * Words come from the ctx's tokenizer (src/token: casefold, NFC, Snowball stem, stopword flag).
 * Term features are the stems of content words; title words, capitalized words inside a sentence
 * (names: people, places, bodies) and words with digits (figures) weigh more, because two reports
 * of one event share their names and numbers far more reliably than their vocabulary. The
 * tokenizer makes every Han/kana character a word of its own and a Thai (Lao, Khmer, Myanmar) run
 * one giant word; neither is a useful term, so Han/kana runs give character bigrams and the
 * spaceless scripts character trigrams. Shingles (runs of NF__SHINGLE units: stems, stop words
 * included, or single characters of spaceless runs) of the body feed a one-permutation MinHash
 * with densification: one hash per shingle, whatever the signature size. */
#include "cluster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NF__SHINGLE 4
#define TAG_TERM    (1ull << 62)
#define TAG_NGRAM   (2ull << 62)
#define TAG_BAND    (3ull << 62)
#define KEY_MASK    ((1ull << 62) - 1)

/* Weights (bench/QUALITY.md, "Story clustering"). */
#define W_TITLE  3.0f
#define W_NAME   2.0f
#define W_FIGURE 1.5f

static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

typedef struct fstate {
    nf__afeat *a;
    const nf_allocator *al;
    const char *base; /* the buffer being tokenized */
    float w;          /* weight of this buffer's words */
    int body;         /* shingles come from the body only */
    int fail;
    /* the previous Han/kana character: its stem and where it ended */
    uint32_t prev_ideo;
    size_t prev_end;
    /* the last shingle units */
    uint64_t units[NF__SHINGLE];
    size_t nunits;
    uint32_t bins[NF__MH_BINS];
    uint64_t filled; /* bit i: bin i has a value */
} fstate;

static void put(fstate *s, uint64_t key, float w, uint8_t ent)
{
    nf__afeat *a = s->a;
    if (a->n == a->cap) {
        void *p = a->f;
        if (!nf__grow(s->al, &p, &a->cap, a->n + 1, sizeof *a->f)) {
            s->fail = 1;
            return;
        }
        a->f = p;
    }
    a->f[a->n].key = key;
    a->f[a->n].tf = w;
    a->f[a->n].ent = ent;
    a->n++;
}

static void unit(fstate *s, uint64_t u)
{
    if (!s->body) return;
    memmove(s->units, s->units + 1, (NF__SHINGLE - 1) * sizeof s->units[0]);
    s->units[NF__SHINGLE - 1] = u;
    if (++s->nunits < NF__SHINGLE) return;
    uint64_t h = 0x2545F4914F6CDD1Dull;
    for (size_t i = 0; i < NF__SHINGLE; i++) h = mix64(h ^ s->units[i]);
    size_t bin = (size_t)(h >> 58);
    uint32_t v = (uint32_t)h;
    if (!(s->filled >> bin & 1) || v < s->bins[bin]) s->bins[bin] = v;
    s->filled |= 1ull << bin;
}

static bool is_ideo(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x3041 && cp <= 0x309F) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* Thai, Lao, Myanmar, Khmer: written without spaces between words. */
static bool is_spaceless(int32_t cp)
{
    return (cp >= 0x0E00 && cp <= 0x0EFF) || (cp >= 0x1000 && cp <= 0x109F) ||
           (cp >= 0x1780 && cp <= 0x17FF);
}

/* Whether the word at base[off] begins a sentence (or the buffer): then its capital says
 * nothing about a name. */
static bool sentence_start(const char *base, size_t off)
{
    while (off > 0) {
        unsigned char c = (unsigned char)base[off - 1];
        if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '[') {
            off--;
            continue;
        }
        if (c >= 0x80) { /* skip curly quotes and other punctuation bytes */
            size_t k = off - 1;
            while (k > 0 && ((unsigned char)base[k] & 0xC0) == 0x80) k--;
            int32_t cp;
            nf__utf8_decode(base + k, off - k, &cp);
            utf8proc_category_t cat = utf8proc_category(cp);
            if (cat == UTF8PROC_CATEGORY_PI || cat == UTF8PROC_CATEGORY_PF ||
                cat == UTF8PROC_CATEGORY_PS || cat == UTF8PROC_CATEGORY_ZS) {
                off = k;
                continue;
            }
            return false;
        }
        return c == '.' || c == '!' || c == '?' || c == ':' || c == '\n' || c == '\r' || c == ';' ||
               c == '-';
    }
    return true;
}

static bool capitalized(const char *p, size_t n)
{
    unsigned char c = (unsigned char)p[0];
    if (c < 0x80) return nf__isupper(c);
    int32_t cp;
    nf__utf8_decode(p, n, &cp);
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* A run of a spaceless script: character trigrams as features, characters as shingle units. */
static void spaceless(fstate *s, const char *p, size_t n, uint32_t stem)
{
    int32_t cps[3];
    size_t k = 0, i = 0;
    while (i < n) {
        int32_t cp;
        i += nf__utf8_decode(p + i, n - i, &cp);
        unit(s, (uint64_t)cp | TAG_NGRAM);
        cps[k % 3] = cp;
        k++;
        if (k >= 3) {
            uint64_t h = mix64(((uint64_t)(uint32_t)cps[(k - 3) % 3] << 32) ^
                               (uint64_t)(uint32_t)cps[(k - 2) % 3]);
            h = mix64(h ^ (uint64_t)(uint32_t)cps[(k - 1) % 3]);
            put(s, TAG_NGRAM | (h & KEY_MASK), s->w, 0);
        }
    }
    if (k < 3) put(s, TAG_TERM | stem, s->w, 0);
}

static nf_status on_token(void *ud, const char *surf, size_t slen, uint32_t stem, int stop)
{
    fstate *s = ud;
    size_t off = (size_t)(surf - s->base);
    int32_t cp;
    nf__utf8_decode(surf, slen, &cp);
    s->a->words++;
    if (is_ideo(cp)) {
        unit(s, TAG_TERM | stem);
        if (s->prev_ideo != UINT32_MAX && s->prev_end == off) {
            uint64_t h = mix64(((uint64_t)s->prev_ideo << 32) ^ stem ^ 0x51ED270B7A3Bull);
            put(s, TAG_NGRAM | (h & KEY_MASK), s->w, 0);
        }
        s->prev_ideo = stem;
        s->prev_end = off + slen;
        return s->fail ? NF_ENOMEM : NF_OK;
    }
    s->prev_ideo = UINT32_MAX;
    if (is_spaceless(cp)) {
        spaceless(s, surf, slen, stem);
        return s->fail ? NF_ENOMEM : NF_OK;
    }
    unit(s, TAG_TERM | stem);
    if (stop) return NF_OK;
    float w = s->w;
    bool digit = false;
    uint8_t ent = 1;
    for (size_t i = 0; i < slen && !digit; i++) digit = nf__isdigit((unsigned char)surf[i]);
    if (digit)
        w *= W_FIGURE;
    else if (capitalized(surf, slen) && !sentence_start(s->base, off))
        w *= W_NAME;
    else
        ent = 0;
    put(s, TAG_TERM | stem, w, ent);
    return s->fail ? NF_ENOMEM : NF_OK;
}

static int cmp_key(const void *x, const void *y)
{
    const nf__kfeat *a = x, *b = y;
    return a->key < b->key ? -1 : a->key > b->key;
}

/* Sum the weights of equal keys; tf = 1 + ln(weighted count). */
static void merge(nf__afeat *a)
{
    if (!a->n) return;
    qsort(a->f, a->n, sizeof *a->f, cmp_key);
    size_t o = 0;
    for (size_t i = 0; i < a->n;) {
        size_t j = i;
        float w = 0;
        uint8_t ent = 0;
        for (; j < a->n && a->f[j].key == a->f[i].key; j++) {
            w += a->f[j].tf;
            ent |= a->f[j].ent;
        }
        a->f[o].key = a->f[i].key;
        a->f[o].ent = ent;
        a->f[o].tf = w >= 1.0f ? 1.0f + logf(w) : w;
        o++;
        i = j;
    }
    a->n = o;
}

/* Fill the empty bins from the next filled one to the right, each with its own twist
 * (densified one-permutation hashing), so two signatures stay comparable bin by bin. */
static void densify(fstate *s)
{
    nf__afeat *a = s->a;
    a->has_sig = s->filled != 0;
    if (!a->has_sig) {
        memset(a->sig, 0, sizeof a->sig);
        return;
    }
    for (size_t i = 0; i < NF__MH_BINS; i++) {
        size_t j = i, d = 0;
        while (!(s->filled >> j & 1)) {
            j = (j + 1) % NF__MH_BINS;
            d++;
        }
        a->sig[i] = d ? (uint32_t)mix64(s->bins[j] + d * 0x9E3779B97F4A7C15ull) : s->bins[j];
    }
}

nf_status nf__afeat_build(nf__tokenizer *t, const nf_allocator *al, const char *title,
                          size_t title_len, const char *text, size_t n, nf__afeat *a)
{
    fstate s;
    memset(&s, 0, sizeof s);
    s.a = a;
    s.al = al;
    a->n = 0;
    a->words = 0;
    nf_status st = NF_OK;
    if (title && title_len) {
        s.base = title;
        s.w = W_TITLE;
        s.prev_ideo = UINT32_MAX;
        st = nf__tokenize_ids(t, title, title_len, on_token, &s);
    }
    if (st == NF_OK) {
        s.base = text;
        s.w = 1.0f;
        s.body = 1;
        s.prev_ideo = UINT32_MAX;
        st = nf__tokenize_ids(t, text, n, on_token, &s);
    }
    if (st == NF_OK && s.fail) st = NF_ENOMEM;
    if (st != NF_OK) return st;
    merge(a);
    densify(&s);
    return NF_OK;
}

void nf__afeat_free(const nf_allocator *al, nf__afeat *a)
{
    nf__free(al, a->f);
    a->f = NULL;
    a->n = a->cap = 0;
}

uint64_t nf__band_key(const uint32_t *sig, size_t b)
{
    const size_t rows = NF__MH_BINS / NF__MH_BANDS;
    uint64_t h = mix64(b + 0x7F4A7C15ull);
    for (size_t r = 0; r < rows; r++) h = mix64(h ^ sig[b * rows + r]);
    return TAG_BAND | (h & KEY_MASK);
}

double nf__sig_sim(const uint32_t *a, const uint32_t *b)
{
    size_t eq = 0;
    for (size_t i = 0; i < NF__MH_BINS; i++) eq += a[i] == b[i];
    return (double)eq / NF__MH_BINS;
}
