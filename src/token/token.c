/* token.c - word tokens: Unicode-category split, NFC + casefold (utf8proc), Snowball stems
 * (libstemmer), stopword flags. A per-context cache maps each word as written to its folded word
 * so every distinct word is normalized once per thread, and a folded word is stemmed the first
 * time a caller asks for its stem (once per thread): the story brief's analysis needs only the
 * folded words and never stems.
 *
 * Being a stopword is a property of the stem, fixed before the context stems its first word
 * (every listed word's stem is marked then): flags never depend on what the context tokenized
 * before, so a cluster gets the same terms on every thread. */
#include "model.h"
#include "core/data.h"

#include <libstemmer.h>
#include <string.h>
#include <utf8proc.h>

struct nf__tokenizer {
    const nf_allocator *al;
    char lang[32];
    struct sb_stemmer *stem;
    /* Folded words: ids in order of first sight, each with its folded bytes (for stemming when
     * asked) and its stem once stemmed. A folded word of at most SC_KEY bytes is found through
     * its own slot in the surface cache; the longer ones, and short ones met once the cache is
     * full, through the table `words` (no hashing and no entry for the common case). */
    struct wrec {
        uint32_t off; /* folded bytes at wtext + off, NUL-terminated */
        uint32_t ss;  /* stem id << 1 | stopword, NO_STEM until it is stemmed */
    } * wr;
    size_t nword, cap_wr;
    char *wtext;
    size_t nwtext, cap_wt;
    nf__intern *words; /* folded words the cache does not hold -> index into long_id */
    uint32_t *long_id; /* -> word id */
    size_t cap_li;
    bool short_in_words; /* `words` holds a word of at most SC_KEY bytes (the cache was full) */
    nf__intern *stems;
    uint8_t *stem_stop; /* stem id -> stopword */
    size_t cap_ss;
    nf__intern *elisions; /* stopwords ending in an apostrophe (French l', Italian dell') */
    bool turkic;          /* I/ı and İ/i are case pairs */
    bool stops_marked;    /* the stopwords' stems are marked (before the first other stem) */
    int32_t cut;          /* joiner after which case endings follow (Turkish Ankara'da, Finnish
                             EU:n): the stem is taken from the part before it; 0 for none */
    int32_t *ubuf;
    size_t ucap;
    char *fbuf;
    size_t fcap;
    /* Surface cache: a word as written (up to 24 bytes) -> its folded word id. One probe touches
     * one 32-byte slot, where the folded-word table needs the slot array, the entry and the bytes:
     * on a warm vocabulary this is most of the tokenizer's time. */
    struct sslot *scache;
    size_t sc_cap, sc_n;
};

#define SC_KEY 24 /* longest surface form kept in the cache */
/* The cache stops growing at 4 MiB (65,536 words): a batch of DUC clusters stays below it, and
 * the folded words of one huge document's vocabulary past it go to the table `words`. */
#define SC_MAX_SLOTS ((size_t)1 << 17)

#define NO_STEM UINT32_MAX

typedef struct sslot {
    uint64_t k[SC_KEY / 8]; /* the bytes, zero-padded */
    uint32_t word;
    uint8_t len; /* 0: empty */
    uint8_t pad[3];
} sslot;

static uint32_t word_id(nf__tokenizer *t, const char *p, size_t n);
static uint32_t folded_id(nf__tokenizer *t, size_t fl, bool cache_missed);
static uint32_t stem_word(nf__tokenizer *t, uint32_t w, bool force_stop);
static size_t fold(nf__tokenizer *t, const char *p, size_t n);

/* Read the language's stopword list: with stems, mark the stems of its words (done before the
 * first word is stemmed, so a tokenizer that never stems never stems the list either); without,
 * only keep its elided forms (l', dell'), which the word scanner needs. "porter" (the original
 * Porter stemmer) is English. */
static bool load_stopwords(nf__tokenizer *t, bool stems)
{
    const char *lang = strcmp(t->lang, "porter") == 0 ? "english" : t->lang;
    size_t ln = strlen(lang);
    const char *p = (const char *)nf__data_stopwords_txt, *end = p + nf__data_stopwords_txt_len;
    bool in = false;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        while (n && (p[n - 1] == '\r' || p[n - 1] == ' ')) n--;
        if (n && p[0] == '[') {
            in = n == ln + 2 && memcmp(p + 1, lang, ln) == 0;
        } else if (in && n && p[0] != '#' && stems) {
            uint32_t w = word_id(t, p, n);
            if (w == UINT32_MAX || (w != UINT32_MAX - 1 && stem_word(t, w, true) == NO_STEM))
                return false;
        } else if (in && n && p[0] != '#' && p[n - 1] == '\'') {
            size_t fl = fold(t, p, n);
            if (fl == SIZE_MAX || nf__intern_add(t->elisions, t->fbuf, fl) == UINT32_MAX)
                return false;
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
    t->turkic = strcmp(lang, "turkish") == 0;
    if (t->turkic)
        t->cut = '\'';
    else if (strcmp(lang, "finnish") == 0 || strcmp(lang, "swedish") == 0)
        t->cut = ':';
    t->words = nf__intern_new(t->al);
    t->stems = nf__intern_new(t->al);
    t->elisions = nf__intern_new(t->al);
    if (!t->words || !t->stems || !t->elisions || !load_stopwords(t, false)) {
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
    nf__intern_free(t->elisions);
    nf__free(t->al, t->wr);
    nf__free(t->al, t->wtext);
    nf__free(t->al, t->long_id);
    nf__free(t->al, t->stem_stop);
    nf__free(t->al, t->ubuf);
    nf__free(t->al, t->fbuf);
    nf__free(t->al, t->scache);
    nf__free(t->al, t);
}

const char *nf__tokenizer_lang(const nf__tokenizer *t) { return t->lang; }

static bool is_apos(int32_t cp) { return cp == '\'' || cp == 0x2019; }

/* Mappings applied before casefolding. U+2019 becomes ' so "don’t" and "don't" agree. Unicode
 * folds İ to i + U+0307, which would not match a plain "i" (Istanbul/İstanbul); Turkish also pairs
 * I with dotless ı. */
static utf8proc_int32_t pre_fold(utf8proc_int32_t cp, void *data)
{
    const nf__tokenizer *t = data;
    if (cp == 0x2019) return '\'';
    if (cp == 0x0130) return 'i';
    if (cp == 'I' && t->turkic) return 0x0131;
    return cp;
}

/* Fold (NFC + casefold, default-ignorables such as soft hyphens and joiners dropped) a word into
 * t->fbuf. Returns the length (0 when nothing is left) or SIZE_MAX on failure. */
static size_t fold(nf__tokenizer *t, const char *p, size_t n)
{
    bool ascii = true;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)p[i] >= 0x80) {
            ascii = false;
            break;
        }
    if (ascii && t->turkic && memchr(p, 'I', n)) ascii = false;
    size_t need = ascii ? n + 1 : n * 4 + 16;
    if (need > t->fcap) {
        void *b = t->fbuf;
        if (!nf__grow(t->al, &b, &t->fcap, need, 1)) return SIZE_MAX;
        t->fbuf = b;
    }
    if (ascii) {
        char *f = t->fbuf; /* a local: stores through char* would reload t->fbuf each time */
        for (size_t i = 0; i < n; i++) f[i] = (char)nf__tolower((unsigned char)p[i]);
        return n;
    }
    utf8proc_option_t opt =
        UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
    for (;;) {
        utf8proc_ssize_t k =
            utf8proc_decompose_custom((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n, t->ubuf,
                                      (utf8proc_ssize_t)t->ucap, opt, pre_fold, t);
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

static size_t cp_count(const char *p, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)p[i] & 0xC0) != 0x80;
    return k;
}

/* The stem id of the folded word f[0, fl); force_stop marks the stem a stopword (only while the
 * stopword list loads). UINT32_MAX on failure. */
static uint32_t stem_folded(nf__tokenizer *t, const char *f, size_t fl, bool force_stop,
                            uint8_t *stop)
{
    /* Abbreviations and decimals (u.s, a.m, 4.5) are not words of the language: the stemmer
     * would read the final s of "u.s" as a plural. */
    const char *r = f;
    size_t rl = fl;
    if (!memchr(f, '.', fl)) {
        const sb_symbol *sr = sb_stemmer_stem(t->stem, (const sb_symbol *)f, (int)fl);
        if (!sr) return UINT32_MAX;
        /* Some stemmers strip short words to nothing or to one letter (Nepali को -> "", Hindi
         * नई "new" -> न like the postposition ने, Greek της -> τ): such a stem would merge
         * unrelated words, so the word stands for itself. */
        size_t sl = (size_t)sb_stemmer_length(t->stem);
        size_t sc = cp_count((const char *)sr, sl);
        if (sc >= 2 || sc >= cp_count(f, fl)) {
            r = (const char *)sr;
            rl = sl;
        }
    }
    size_t before = nf__intern_count(t->stems);
    uint32_t s = nf__intern_add(t->stems, r, rl);
    if (s == UINT32_MAX) return UINT32_MAX;
    void *ss = t->stem_stop;
    if (!nf__grow(t->al, &ss, &t->cap_ss, (size_t)s + 1, 1)) return UINT32_MAX;
    t->stem_stop = ss;
    if (s == before)
        t->stem_stop[s] = force_stop; /* a new stem */
    else if (force_stop)
        t->stem_stop[s] = 1;
    *stop = t->stem_stop[s];
    return s;
}

/* A new word id for the folded word t->fbuf[0, fl), its bytes kept for stemming; UINT32_MAX on
 * failure (the two top ids are the callers' markers). */
static uint32_t new_word(nf__tokenizer *t, size_t fl)
{
    if (t->nword >= UINT32_MAX - 2 || t->nwtext + fl + 1 > UINT32_MAX) return UINT32_MAX;
    void *r = t->wr, *x = t->wtext;
    if (!nf__grow(t->al, &r, &t->cap_wr, t->nword + 1, sizeof *t->wr)) return UINT32_MAX;
    t->wr = r;
    if (!nf__grow(t->al, &x, &t->cap_wt, t->nwtext + fl + 1, 1)) return UINT32_MAX;
    t->wtext = x;
    memcpy(t->wtext + t->nwtext, t->fbuf, fl);
    t->wtext[t->nwtext + fl] = '\0';
    t->wr[t->nword] = (struct wrec){(uint32_t)t->nwtext, NO_STEM};
    t->nwtext += fl + 1;
    return (uint32_t)t->nword++;
}

/* Word w's stem id << 1 | its stopword flag, stemming it the first time; NO_STEM on failure.
 * Stopword flags are final once the list is loaded (only the list forces them), so the packed
 * value never goes stale. */
static uint32_t stem_word(nf__tokenizer *t, uint32_t w, bool force_stop)
{
    if (t->wr[w].ss != NO_STEM && !force_stop) return t->wr[w].ss;
    if (!t->stops_marked && !force_stop) {
        if (!load_stopwords(t, true)) return NO_STEM;
        t->stops_marked = true;
        if (t->wr[w].ss != NO_STEM) return t->wr[w].ss; /* w is a stopword */
    }
    const char *f = t->wtext + t->wr[w].off;
    uint8_t stop;
    uint32_t s = stem_folded(t, f, strlen(f), force_stop, &stop);
    if (s == UINT32_MAX) return NO_STEM;
    t->wr[w].ss = s << 1 | stop;
    return t->wr[w].ss;
}

uint32_t nf__tokenizer_word_stem(nf__tokenizer *t, uint32_t word, int *stop)
{
    uint32_t v = stem_word(t, word, false);
    if (v == NO_STEM) return UINT32_MAX;
    *stop = (int)(v & 1);
    return v >> 1;
}

const char *nf__tokenizer_stem_str(const nf__tokenizer *t, uint32_t id, size_t *len)
{
    return nf__intern_str(t->stems, id, len);
}

/* Character classes for splitting words. */
enum { C_NONE, C_LETTER, C_DIGIT, C_MARK, C_IDEO };

/* ASCII letters and digits: the common case, classified without decoding. */
static const uint8_t ascii_class[128] = {
    ['0'] = C_DIGIT,  ['1'] = C_DIGIT,  ['2'] = C_DIGIT,  ['3'] = C_DIGIT,  ['4'] = C_DIGIT,
    ['5'] = C_DIGIT,  ['6'] = C_DIGIT,  ['7'] = C_DIGIT,  ['8'] = C_DIGIT,  ['9'] = C_DIGIT,
    ['A'] = C_LETTER, ['B'] = C_LETTER, ['C'] = C_LETTER, ['D'] = C_LETTER, ['E'] = C_LETTER,
    ['F'] = C_LETTER, ['G'] = C_LETTER, ['H'] = C_LETTER, ['I'] = C_LETTER, ['J'] = C_LETTER,
    ['K'] = C_LETTER, ['L'] = C_LETTER, ['M'] = C_LETTER, ['N'] = C_LETTER, ['O'] = C_LETTER,
    ['P'] = C_LETTER, ['Q'] = C_LETTER, ['R'] = C_LETTER, ['S'] = C_LETTER, ['T'] = C_LETTER,
    ['U'] = C_LETTER, ['V'] = C_LETTER, ['W'] = C_LETTER, ['X'] = C_LETTER, ['Y'] = C_LETTER,
    ['Z'] = C_LETTER, ['a'] = C_LETTER, ['b'] = C_LETTER, ['c'] = C_LETTER, ['d'] = C_LETTER,
    ['e'] = C_LETTER, ['f'] = C_LETTER, ['g'] = C_LETTER, ['h'] = C_LETTER, ['i'] = C_LETTER,
    ['j'] = C_LETTER, ['k'] = C_LETTER, ['l'] = C_LETTER, ['m'] = C_LETTER, ['n'] = C_LETTER,
    ['o'] = C_LETTER, ['p'] = C_LETTER, ['q'] = C_LETTER, ['r'] = C_LETTER, ['s'] = C_LETTER,
    ['t'] = C_LETTER, ['u'] = C_LETTER, ['v'] = C_LETTER, ['w'] = C_LETTER, ['x'] = C_LETTER,
    ['y'] = C_LETTER, ['z'] = C_LETTER};

/* Han ideographs and hiragana are words of one character each (Unicode word boundaries, UAX
 * #29): without a dictionary a run of them is a phrase, not a word. Katakana and Hangul runs
 * stay whole. */
static bool is_ideo(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x3005 && cp <= 0x3007) || cp == 0x309F ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

static int cp_class(int32_t cp)
{
    if (cp < 0x80) return ascii_class[cp];
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: return is_ideo(cp) ? C_IDEO : C_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: return C_MARK; /* enclosing marks (keycap 1⃣) are symbols */
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return cp == 0x3007 ? C_IDEO : C_DIGIT;
    default: return C_NONE;
    }
}

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

static bool is_hebrew(int32_t cp) { return cp >= 0x05D0 && cp <= 0x05EA; }

/* Whether "l'" (s..e, apostrophe included) is an elided article or pronoun of the language. */
static bool is_elision(nf__tokenizer *t, const char *p, size_t s, size_t e, bool *fail)
{
    if (nf__intern_count(t->elisions) == 0) return false;
    size_t fl = fold(t, p + s, e - s);
    if (fl == SIZE_MAX) {
        *fail = true;
        return false;
    }
    return nf__intern_find(t->elisions, t->fbuf, fl) != UINT32_MAX;
}

/* The end of the run of ASCII letters and digits that p[i] starts. */
static inline size_t ascii_alnum_end(const char *p, size_t i, size_t n)
{
    i++;
#if defined(__SSE2__)
    for (; i + 16 <= n; i += 16) {
        unsigned out = ~nf__alnum_mask16(p + i) & 0xFFFFu;
        if (out) return i + (size_t)__builtin_ctz(out);
    }
#endif
    while (i < n && (unsigned char)p[i] < 0x80 && ascii_class[(unsigned char)p[i]]) i++;
    return i;
}

/* Scan the word starting at p[s] (a letter, digit or ideograph); returns its end. *cut is the
 * offset of the case-ending joiner (t->cut) inside it, or 0. Joiners are kept between word
 * characters only: apostrophes (don't), a period in U.S. or 4.5, a comma in 1,000, a middle dot
 * (Catalan col·legi), Hebrew gershayim (צה״ל), and invisible joiners and soft hyphens. */
static size_t scan_word(nf__tokenizer *t, const char *p, size_t s, size_t n, size_t *cut,
                        bool *fail)
{
    int32_t cp;
    size_t i = s + next_cp(p, s, n, &cp);
    int cl = cp_class(cp);
    int32_t last = cp; /* last base character, marks skipped */
    int lastcl = cl;
    *cut = 0;
    if (cl == C_IDEO) {
        while (i < n) {
            size_t k = next_cp(p, i, n, &cp);
            if (cp_class(cp) != C_MARK) break;
            i += k;
        }
        return i;
    }
    while (i < n) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x80 && ascii_class[c]) {
            i = ascii_alnum_end(p, i, n);
            last = (unsigned char)p[i - 1];
            lastcl = ascii_class[last];
            continue;
        }
        /* ASCII other than the joiners (' . , : ") ends the word: mostly a space */
        if (c < 0x80 && c != '\'' && c != '.' && c != ',' && c != ':' && c != '"') break;
        size_t k = next_cp(p, i, n, &cp);
        cl = cp_class(cp);
        if (cl == C_LETTER || cl == C_DIGIT) {
            last = cp;
            lastcl = cl;
            i += k;
            continue;
        }
        if (cl == C_MARK) {
            i += k;
            continue;
        }
        if (cp == 0x05F3 && is_hebrew(last)) { /* geresh: part of the word (ג׳ורג׳) */
            i += k;
            continue;
        }
        if (cl == C_IDEO || i + k >= n) break;
        int32_t nx;
        next_cp(p, i + k, n, &nx);
        int ncl = cp_class(nx);
        unsigned char prev = (unsigned char)p[i - 1];
        bool join = false;
        if (is_apos(cp)) {
            if ((lastcl == C_LETTER || (lastcl == C_DIGIT && t->cut == '\'')) &&
                (ncl == C_LETTER || ncl == C_DIGIT)) {
                if (is_elision(t, p, s, i + k, fail)) return i + k;
                if (t->cut == '\'' && !*cut) *cut = i;
                join = true;
            }
        } else if (cp == '.' || cp == ',') {
            if (nf__isdigit(prev) && nx < 0x80 && nf__isdigit((int)nx))
                join = true;
            else if (cp == '.' && nf__isalpha(prev) && (i - s == 1 || p[i - 2] == '.') &&
                     nx < 0x80 && nf__isalpha((int)nx) &&
                     (i + k + 1 >= n || !nf__isalpha((unsigned char)p[i + k + 1])))
                join = true; /* U.S, U.N, a.m */
        } else if (cp == ':') {
            if (t->cut == ':' && ncl == C_LETTER) {
                if (!*cut) *cut = i;
                join = true;
            }
        } else if (cp == 0x00B7 || cp == 0x2027) {
            join = lastcl == C_LETTER && ncl == C_LETTER;
        } else if (cp == 0x05F4 || cp == '"') {
            join = is_hebrew(last) && is_hebrew(nx);
        } else if (cp == 0x00AD || cp == 0x200C || cp == 0x200D || cp == 0x2060) {
            join = ncl == C_LETTER || ncl == C_DIGIT || ncl == C_MARK;
        }
        if (!join) break;
        i += k;
    }
    return i;
}

static inline uint64_t sc_hash(const uint64_t *k, size_t n)
{
    uint64_t h = (k[0] ^ (n * 0x9E3779B97F4A7C15ull)) * 0xBF58476D1CE4E5B9ull;
    h = (h ^ (h >> 29) ^ k[1]) * 0x94D049BB133111EBull;
    h = (h ^ (h >> 31) ^ k[2]) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 32);
}

static bool sc_grow(nf__tokenizer *t)
{
    size_t nc = t->sc_cap ? t->sc_cap * 2 : 16384; /* 512 KiB, faulted in as used */
    sslot *ns = nf__calloc(t->al, nc, sizeof *ns);
    if (!ns) return false;
    for (size_t i = 0; i < t->sc_cap; i++) {
        const sslot *o = &t->scache[i];
        if (!o->len) continue;
        size_t h = (size_t)sc_hash(o->k, o->len) & (nc - 1);
        while (ns[h].len) h = (h + 1) & (nc - 1);
        ns[h] = *o;
    }
    nf__free(t->al, t->scache);
    t->scache = ns;
    t->sc_cap = nc;
    return true;
}

/* A word found by the scan, waiting for its stem: the batch lets the cache slots of the next
 * words load while the current one is looked up (a warm-vocabulary lookup is one cache miss, and
 * misses overlap only when their addresses are known ahead). */
typedef struct pword {
    uint64_t k[SC_KEY / 8];
    uint64_t h;
    size_t s, e, n; /* word start, end, and the length the stem is taken from */
} pword;

#define PBATCH 32

/* The n <= 8 bytes at p as a little-endian word, zero-filled; avail bytes from p are readable,
 * so one 8-byte load (masked) serves when there are 8. */
static inline uint64_t load_le(const char *p, size_t n, size_t avail)
{
    uint64_t v = 0;
    if (avail >= 8) {
        memcpy(&v, p, 8);
        return n >= 8 ? v : v & ((1ull << (8 * n)) - 1);
    }
    for (size_t j = 0; j < n; j++) v |= (uint64_t)(unsigned char)p[j] << (8 * j);
    return v;
}

/* The cache key of the n <= SC_KEY bytes at p (avail readable): whole 8-byte loads, never a
 * byte buffer read back as words (that stalls on store forwarding). */
static inline void sc_key(pword *w, const char *p, size_t n, size_t avail)
{
    uint64_t k0 = load_le(p, n < 8 ? n : 8, avail), k1 = 0, k2 = 0;
    if (n > 8) k1 = load_le(p + 8, n < 16 ? n - 8 : 8, avail - 8);
    if (n > 16) k2 = load_le(p + 16, n - 16, avail - 16);
    w->k[0] = k0;
    w->k[1] = k1;
    w->k[2] = k2;
    w->n = n;
    w->h = sc_hash(w->k, n);
}

/* The cache entry of key w, or NULL. */
static inline const sslot *sc_find(const nf__tokenizer *t, const pword *w)
{
    if (!t->sc_cap) return NULL;
    size_t mask = t->sc_cap - 1;
    for (size_t i = w->h & mask;; i = (i + 1) & mask) {
        const sslot *e = &t->scache[i];
        if (!e->len) return NULL;
        if (e->len == w->n && e->k[0] == w->k[0] && e->k[1] == w->k[1] && e->k[2] == w->k[2])
            return e;
    }
}

/* Add key w (not in the cache). False when the cache is full or cannot grow: a surface form then
 * simply stays out (the cache only saves time); a folded form goes to the table `words`. */
static bool sc_put(nf__tokenizer *t, const pword *w, uint32_t word)
{
    if ((t->sc_n + 1) * 2 > t->sc_cap && (t->sc_cap >= SC_MAX_SLOTS || !sc_grow(t))) return false;
    size_t mask = t->sc_cap - 1, i = w->h & mask;
    while (t->scache[i].len) i = (i + 1) & mask;
    sslot *e = &t->scache[i];
    memcpy(e->k, w->k, sizeof e->k);
    e->word = word;
    e->len = (uint8_t)w->n;
    t->sc_n++;
    return true;
}

/* The word id of the folded word t->fbuf[0, fl), added when new; cache_missed: the caller has
 * just looked its key up in the cache. UINT32_MAX on failure. */
static uint32_t folded_id(nf__tokenizer *t, size_t fl, bool cache_missed)
{
    bool short_word = fl <= SC_KEY;
    pword f;
    if (short_word) {
        sc_key(&f, t->fbuf, fl, fl);
        const sslot *e = cache_missed ? NULL : sc_find(t, &f);
        if (e) return e->word;
    }
    if (!short_word || t->short_in_words) {
        uint32_t i = nf__intern_find(t->words, t->fbuf, fl);
        if (i != UINT32_MAX) return t->long_id[i];
    }
    uint32_t id = new_word(t, fl);
    if (id == UINT32_MAX || (short_word && sc_put(t, &f, id))) return id;
    size_t before = nf__intern_count(t->words);
    uint32_t i = nf__intern_add(t->words, t->fbuf, fl);
    if (i == UINT32_MAX || i != before) return UINT32_MAX;
    void *li = t->long_id;
    if (!nf__grow(t->al, &li, &t->cap_li, (size_t)i + 1, sizeof *t->long_id)) return UINT32_MAX;
    t->long_id = li;
    t->long_id[i] = id;
    if (short_word) t->short_in_words = true;
    return id;
}

/* The folded word id of a word (words too long for the surface cache, and the stopword list).
 * UINT32_MAX on failure, UINT32_MAX - 1 when the word folds to nothing. */
static uint32_t word_id(nf__tokenizer *t, const char *p, size_t n)
{
    size_t fl = fold(t, p, n);
    if (fl == SIZE_MAX) return UINT32_MAX;
    if (fl == 0) return UINT32_MAX - 1;
    return folded_id(t, fl, false);
}

/* The folded word id of a scanned word (its surface bytes p[w->s, w->s + w->n)). Surface forms
 * of up to SC_KEY bytes live in the cache, and so do their folded forms, so "The" after "the" is
 * one fold and one more probe, not a table insert; longer words go through the folded-word table.
 * Same results and failures as word_id(). */
static uint32_t cached_word(nf__tokenizer *t, const char *p, const pword *w)
{
    if (w->n > SC_KEY) return word_id(t, p + w->s, w->n);
    const sslot *e = sc_find(t, w);
    if (e) return e->word;
    size_t fl = fold(t, p + w->s, w->n);
    if (fl == SIZE_MAX) return UINT32_MAX;
    if (fl == 0) return UINT32_MAX - 1;
    /* a word written as it folds ("said") has just missed under its folded key */
    bool same = fl == w->n && memcmp(t->fbuf, p + w->s, fl) == 0;
    uint32_t id = folded_id(t, fl, same);
    if (id != UINT32_MAX && !same) sc_put(t, w, id);
    return id;
}

/* The word tokens of (p, n) to cb: folded word ids (stop 0), or with stems set stem ids and
 * stopword flags. Inlined into both entry points so the test on stems is resolved at build time. */
static inline nf_status tokenize(nf__tokenizer *t, const char *p, size_t n, bool stems,
                                 nf__tokid_cb cb, void *ud)
{
    pword batch[PBATCH];
    size_t i = 0;
    while (i < n) {
        /* 1. scan up to PBATCH words, starting the load of each one's cache slot */
        size_t nb = 0;
        while (i < n && nb < PBATCH) {
            unsigned char c = (unsigned char)p[i];
            int32_t cp;
            size_t k = 1;
            int cl;
            if (c < 0x80) {
                cl = ascii_class[c];
            } else {
                k = next_cp(p, i, n, &cp);
                cl = cp_class(cp);
            }
            /* a word starts with a letter, digit or ideograph; a stray mark (an emoji's
             * variation selector) starts nothing */
            if (cl == C_NONE || cl == C_MARK) {
                i += k;
                continue;
            }
            size_t s = i, cut = 0;
            bool fail = false;
            i = scan_word(t, p, s, n, &cut, &fail);
            if (fail) return NF_ENOMEM;
            pword *w = &batch[nb++];
            w->s = s;
            w->e = i;
            size_t wn = (cut ? cut : i) - s;
            w->n = wn;
            if (wn <= SC_KEY) {
                sc_key(w, p + s, wn, n - s);
                if (t->sc_cap) __builtin_prefetch(&t->scache[w->h & (t->sc_cap - 1)]);
            }
        }
        /* 2. words (and stems), in text order */
        for (size_t b = 0; b < nb; b++) {
            uint32_t id = cached_word(t, p, &batch[b]);
            if (id == UINT32_MAX) return NF_ENOMEM;
            if (id == UINT32_MAX - 1) continue; /* only default-ignorable characters */
            int stop = 0;
            if (stems) {
                uint32_t v = stem_word(t, id, false);
                if (v == NO_STEM) return NF_ENOMEM;
                id = v >> 1;
                stop = (int)(v & 1);
            }
            nf_status st = cb(ud, p + batch[b].s, batch[b].e - batch[b].s, id, stop);
            if (st != NF_OK) return st;
        }
    }
    return NF_OK;
}

nf_status nf__tokenize_ids(nf__tokenizer *t, const char *p, size_t n, nf__tokid_cb cb, void *ud)
{
    return tokenize(t, p, n, true, cb, ud);
}

nf_status nf__tokenize_words(nf__tokenizer *t, const char *p, size_t n, nf__tokid_cb cb, void *ud)
{
    return tokenize(t, p, n, false, cb, ud);
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
