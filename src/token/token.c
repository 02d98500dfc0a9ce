/* token.c - word tokens: Unicode-category split, NFC + casefold (utf8proc), Snowball stems
 * (libstemmer), stopword flags. A per-context cache maps each folded word to its stem so every
 * distinct word is normalized and stemmed once per thread. */
#include "model.h"
#include "core/data.h"

#include <libstemmer.h>
#include <string.h>
#include <utf8proc.h>

struct nf__tokenizer {
    const nf_allocator *al;
    char lang[32];
    struct sb_stemmer *stem;
    nf__intern *words;  /* folded surface -> id */
    uint32_t *word_stem; /* word id -> stem id (in stems) */
    size_t cap_ws;
    nf__intern *stems;
    uint8_t *stem_stop; /* stem id -> stopword */
    size_t cap_ss;
    nf__intern *stopwords; /* folded stopwords of the language */
    int32_t *ubuf;
    size_t ucap;
    char *fbuf;
    size_t fcap;
};

static bool load_stopwords(nf__tokenizer *t)
{
    const char *p = (const char *)nf__data_stopwords_txt, *end = p + nf__data_stopwords_txt_len;
    bool in = false;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        while (n && (p[n - 1] == '\r' || p[n - 1] == ' ')) n--;
        if (n && p[0] == '[') {
            size_t ln = strlen(t->lang);
            in = n == ln + 2 && memcmp(p + 1, t->lang, ln) == 0;
        } else if (in && n && p[0] != '#') {
            if (nf__intern_add(t->stopwords, p, n) == UINT32_MAX) return false;
        }
        p += n + 1;
        if (nl) p = nl + 1;
    }
    return true;
}

nf_status nf__tokenizer_new(const char *lang, const nf_allocator *al, nf__tokenizer **out)
{
    *out = NULL;
    if (!lang) lang = "english";
    if (strlen(lang) >= 32) return NF_ELANG;
    nf__tokenizer *t = nf__calloc(al, 1, sizeof *t);
    if (!t) return NF_ENOMEM;
    t->al = al ? al : &nf__default_allocator;
    memcpy(t->lang, lang, strlen(lang) + 1);
    t->stem = sb_stemmer_new(lang, "UTF_8");
    if (!t->stem) {
        /* sb_stemmer_new returns NULL for unknown languages and on allocation failure */
        bool known = false;
        for (const char **l = sb_stemmer_list(); *l; l++)
            if (strcmp(*l, lang) == 0) known = true;
        nf__free(t->al, t);
        return known ? NF_ENOMEM : NF_ELANG;
    }
    t->words = nf__intern_new(t->al);
    t->stems = nf__intern_new(t->al);
    t->stopwords = nf__intern_new(t->al);
    if (!t->words || !t->stems || !t->stopwords || !load_stopwords(t)) {
        nf__tokenizer_free(t);
        return NF_ENOMEM;
    }
    *out = t;
    return NF_OK;
}

void nf__tokenizer_free(nf__tokenizer *t)
{
    if (!t) return;
    if (t->stem) sb_stemmer_delete(t->stem);
    nf__intern_free(t->words);
    nf__intern_free(t->stems);
    nf__intern_free(t->stopwords);
    nf__free(t->al, t->word_stem);
    nf__free(t->al, t->stem_stop);
    nf__free(t->al, t->ubuf);
    nf__free(t->al, t->fbuf);
    nf__free(t->al, t);
}

const char *nf__tokenizer_lang(const nf__tokenizer *t) { return t->lang; }

static bool is_word_cp(int32_t cp)
{
    if (cp < 0x80) return nf__isalnum((int)cp);
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO);
}

static bool is_apos(int32_t cp) { return cp == '\'' || cp == 0x2019; }

/* Fold (NFC + casefold) a word into t->fbuf. Returns length or SIZE_MAX on failure. */
static size_t fold(nf__tokenizer *t, const char *p, size_t n)
{
    bool ascii = true;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)p[i] >= 0x80) ascii = false;
    size_t need = ascii ? n + 1 : n * 4 + 16;
    if (need > t->fcap) {
        void *b = t->fbuf;
        if (!nf__grow(t->al, &b, &t->fcap, need, 1)) return SIZE_MAX;
        t->fbuf = b;
    }
    if (ascii) {
        for (size_t i = 0; i < n; i++) t->fbuf[i] = (char)nf__tolower((unsigned char)p[i]);
        return n;
    }
    utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD;
    for (;;) {
        utf8proc_ssize_t k = utf8proc_decompose((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n,
                                                t->ubuf, (utf8proc_ssize_t)t->ucap, opt);
        if (k < 0) return SIZE_MAX;
        if ((size_t)k > t->ucap) {
            void *b = t->ubuf;
            if (!nf__grow(t->al, &b, &t->ucap, (size_t)k, sizeof(int32_t))) return SIZE_MAX;
            t->ubuf = b;
            continue;
        }
        k = utf8proc_normalize_utf32(t->ubuf, k, opt);
        if (k < 0) return SIZE_MAX;
        if ((size_t)k * 4 + 1 > t->fcap) {
            void *b = t->fbuf;
            if (!nf__grow(t->al, &b, &t->fcap, (size_t)k * 4 + 1, 1)) return SIZE_MAX;
            t->fbuf = b;
        }
        size_t o = 0;
        for (utf8proc_ssize_t i = 0; i < k; i++)
            o += (size_t)utf8proc_encode_char(t->ubuf[i], (utf8proc_uint8_t *)t->fbuf + o);
        return o;
    }
}

/* The stem id of a word, via the cache. UINT32_MAX on failure. */
static uint32_t stem_of(nf__tokenizer *t, const char *p, size_t n, uint8_t *stop)
{
    size_t fl = fold(t, p, n);
    if (fl == SIZE_MAX) return UINT32_MAX;
    uint32_t w = nf__intern_find(t->words, t->fbuf, fl);
    if (w != UINT32_MAX) {
        uint32_t s = t->word_stem[w];
        *stop = t->stem_stop[s];
        return s;
    }
    bool is_stop = nf__intern_find(t->stopwords, t->fbuf, fl) != UINT32_MAX;
    /* Apostrophe forms: normalize U+2019 to ' so "don’t" and "don't" agree. */
    const char *sp = t->fbuf;
    size_t sl = fl;
    const sb_symbol *r = sb_stemmer_stem(t->stem, (const sb_symbol *)sp, (int)sl);
    if (!r) return UINT32_MAX;
    size_t rl = (size_t)sb_stemmer_length(t->stem);
    uint32_t s = nf__intern_add(t->stems, (const char *)r, rl);
    if (s == UINT32_MAX) return UINT32_MAX;
    void *ss = t->stem_stop;
    if (!nf__grow(t->al, &ss, &t->cap_ss, (size_t)s + 1, 1)) return UINT32_MAX;
    t->stem_stop = ss;
    if (s + 1 == nf__intern_count(t->stems)) t->stem_stop[s] = is_stop;
    else if (is_stop) t->stem_stop[s] = 1;
    w = nf__intern_add(t->words, t->fbuf, fl);
    if (w == UINT32_MAX) return UINT32_MAX;
    void *ws = t->word_stem;
    if (!nf__grow(t->al, &ws, &t->cap_ws, (size_t)w + 1, sizeof(uint32_t))) return UINT32_MAX;
    t->word_stem = ws;
    t->word_stem[w] = s;
    *stop = t->stem_stop[s];
    return s;
}

const char *nf__tokenizer_stem_str(const nf__tokenizer *t, uint32_t id, size_t *len)
{
    return nf__intern_str(t->stems, id, len);
}

/* ASCII letters and digits: the common case, classified without decoding. */
static const uint8_t ascii_word[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
    ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
    ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1};

/* The code point at p[i] (ASCII inline) and its length. */
static inline size_t next_cp(const char *p, size_t i, size_t n, int32_t *cp)
{
    unsigned char c = (unsigned char)p[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    return nf__utf8_decode(p + i, n - i, cp);
}

static inline bool word_cp(int32_t cp) { return cp < 0x80 ? ascii_word[cp] != 0 : is_word_cp(cp); }

nf_status nf__tokenize_ids(nf__tokenizer *t, const char *p, size_t n, nf__tokid_cb cb, void *ud)
{
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        size_t k = next_cp(p, i, n, &cp);
        if (!word_cp(cp)) {
            i += k;
            continue;
        }
        size_t s = i;
        i += k;
        /* extend: word chars, and joiners between word chars: apostrophes (don't), a period
         * between single letters or digits (U.S., 4.5), a comma between digits (1,000) */
        while (i < n) {
            unsigned char c = (unsigned char)p[i];
            if (c < 0x80 && ascii_word[c]) {
                i++;
                continue;
            }
            size_t k2 = next_cp(p, i, n, &cp);
            if (word_cp(cp)) {
                i += k2;
                continue;
            }
            if (i + k2 < n) {
                int32_t nx;
                next_cp(p, i + k2, n, &nx);
                unsigned char prev = (unsigned char)p[i - 1];
                bool join = false;
                if (is_apos(cp) && word_cp(nx) && !nf__isdigit(prev)) join = true;
                else if ((cp == '.' || cp == ',') && nf__isdigit(prev) && nx < 0x80 &&
                         nf__isdigit((int)nx))
                    join = true;
                else if (cp == '.' && nf__isalpha(prev) && (i - s == 1 || p[i - 2] == '.') &&
                         nx < 0x80 && nf__isalpha((int)nx) &&
                         (i + k2 + 1 >= n || !nf__isalpha((unsigned char)p[i + k2 + 1])))
                    join = true; /* U.S, U.N, a.m */
                if (join) {
                    i += k2;
                    continue;
                }
            }
            break;
        }
        uint8_t stop = 0;
        uint32_t id = stem_of(t, p + s, i - s, &stop);
        if (id == UINT32_MAX) return NF_ENOMEM;
        nf_status st = cb(ud, p + s, i - s, id, stop);
        if (st != NF_OK) return st;
    }
    return NF_OK;
}

typedef struct str_ud {
    nf__tokenizer *t;
    nf__tok_cb cb;
    void *ud;
} str_ud;

static nf_status to_str(void *ud, const char *surf, size_t sl, uint32_t id, int stop)
{
    str_ud *u = ud;
    size_t len;
    const char *s = nf__intern_str(u->t->stems, id, &len);
    return u->cb(u->ud, surf, sl, s, len, stop);
}

nf_status nf__tokenize(nf__tokenizer *t, const char *p, size_t n, nf__tok_cb cb, void *ud)
{
    str_ud u = {t, cb, ud};
    return nf__tokenize_ids(t, p, n, to_str, &u);
}
