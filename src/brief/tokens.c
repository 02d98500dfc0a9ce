/* tokens.c - the brief's token stream: words, numbers and punctuation with byte offsets.
 *
 * Words keep inner apostrophes, hyphens and abbreviation periods ("U.S.", "al-Assad", "Gen."); the
 * possessive "'s" is a token of its own so that "Russia's military" can be read as owner + body.
 * Numbers keep thousands separators and decimals; a unit glued to digits ("10km", "$4.5bn") is
 * split off, while ordinals and ages ("19th", "81-year-old") stay words. Quotation marks are
 * punctuation tokens of their own; quotescan.c reads them and flags quoted tokens BT_INQ. */
#include "brief.h"
#include "segment/seg.h"

#include <string.h>
#include <utf8proc.h>

bool nf__bw_grow(nf__bw *w, void **p, size_t *cap, size_t need, size_t elem)
{
    return nf__arena_grow(w->a, p, cap, need, elem);
}

char *nf__bw_strdup(nf__bw *w, const char *p, size_t n) { return nf__arena_strndup(w->out, p, n); }

static inline bool sep(unsigned char c) { return c <= ' ' && (nf__isspace(c) || c == '\0'); }

/* The first byte of [i, e) that collapsing changes: whitespace other than one ' ' between two
 * other bytes (text[e - 1] is not whitespace). Bytes above ' ' are skipped sixteen at a time. */
static size_t first_change(const char *text, size_t i, size_t e)
{
    for (;;) {
#if defined(__SSE2__) && defined(__GNUC__)
        for (; i + 16 <= e; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(text + i));
            unsigned m =
                (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(' ')), v));
            if (m) {
                i += (unsigned)__builtin_ctz(m);
                break;
            }
        }
#endif
        while (i < e && (unsigned char)text[i] > ' ') i++;
        if (i >= e) return e;
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' ? sep((unsigned char)text[i + 1]) : sep(c)) return i;
        i++; /* a lone space, or a control byte that is kept */
    }
}

char *nf__bw_collapse(nf__bw *w, const char *text, size_t s, size_t e)
{
    char *o = nf__arena_alloc(w->out, e - s + 1);
    if (!o) return NULL;
    while (s < e && sep((unsigned char)text[s])) s++;
    while (e > s && sep((unsigned char)text[e - 1])) e--;
    /* most spans are words one space apart: copied at once up to the first change */
    size_t i = first_change(text, s, e), k = i - s;
    memcpy(o, text + s, k);
    bool pending = false;
    while (i < e) {
        if (sep((unsigned char)text[i])) {
            pending = k > 0;
            i++;
            continue;
        }
        /* copy a run without whitespace in one go */
        size_t j = i + 1;
        while (j < e && !sep((unsigned char)text[j])) j++;
        if (pending) o[k++] = ' ';
        pending = false;
        memcpy(o + k, text + i, j - i);
        k += j - i;
        i = j;
    }
    o[k] = '\0';
    return o;
}

bool nf__tok_is_slow(const nf__bw *w, uint32_t doc, const nf__btok *t, const char *word)
{
    size_t n = t->end - t->start;
    const char *p = w->c->docs[doc].text + t->start;
    for (size_t i = 0; i < n; i++)
        if (word[i] == '\0' || nf__tolower((unsigned char)p[i]) != word[i]) return false;
    return word[n] == '\0';
}

bool nf__tok_punct_slow(const nf__bw *w, uint32_t doc, const nf__btok *t, const char *s)
{
    size_t n = strlen(s);
    return t->kind == BT_PUNCT && t->end - t->start == n &&
           memcmp(w->c->docs[doc].text + t->start, s, n) == 0;
}

size_t nf__quote_mark(const char *p, size_t n, int *dbl)
{
    unsigned char c = (unsigned char)p[0];
    *dbl = 1;
    if (c == '"') return 1;
    if ((c == '`' || c == '\'') && n >= 2 && p[1] == p[0]) return 2;
    if (c == 0xE2 && n >= 3 && (unsigned char)p[1] == 0x80) {
        unsigned char d = (unsigned char)p[2];
        if (d >= 0x9C && d <= 0x9F) return 3; /* “ ” „ ‟ */
        if (d == 0x98 || d == 0x99) {         /* ‘ ’ */
            *dbl = 0;
            return 3;
        }
    }
    if (c == 0xC2 && n >= 2 && ((unsigned char)p[1] == 0xAB || (unsigned char)p[1] == 0xBB))
        return 2; /* « » */
    if (c == '\'') {
        *dbl = 0;
        return 1;
    }
    return 0;
}

static inline bool letter_at(const char *p, size_t n, size_t *len, bool *upper)
{
    unsigned char c = (unsigned char)p[0];
    if (c < 0x80) {
        *len = 1;
        *upper = nf__isupper(c);
        return nf__isalpha(c);
    }
    int32_t cp;
    *len = nf__utf8_decode(p, n, &cp);
    utf8proc_category_t cat = utf8proc_category(cp);
    *upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME);
}

static bool is_apos_at(const char *p, size_t n, size_t *len)
{
    if (p[0] == '\'') {
        *len = 1;
        return true;
    }
    if (n >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        (unsigned char)p[2] == 0x99) {
        *len = 3;
        return true;
    }
    return false;
}

/* Units that may be glued to digits: "10km", "4.5bn", "$2m". */
static bool glued_unit(const char *p, size_t n)
{
    static const char *const u[] = {"km", "m",  "mm",  "cm", "kg", "bn", "mn",
                                    "k",  "ft", "mph", "mw", "t",  "pc", "b"};
    for (size_t i = 0; i < NF__ARRAY_LEN(u); i++)
        if (strlen(u[i]) == n) {
            size_t j = 0;
            while (j < n && nf__tolower((unsigned char)p[j]) == u[i][j]) j++;
            if (j == n) return true;
        }
    return false;
}

/* Growth of the token arrays, in their own arena (w->ta). */
static bool tgrow(nf__bw *w, void **p, size_t *cap, size_t need, size_t elem)
{
    return nf__arena_grow(w->ta, p, cap, need, elem);
}

static inline bool list_add(nf__bw *w, nf__ilist *l, uint32_t v)
{
    if (l->n == l->cap) {
        void *p = l->v;
        if (!tgrow(w, &p, &l->cap, l->n + 1, sizeof *l->v)) return false;
        l->v = p;
    }
    l->v[l->n++] = v;
    return true;
}

typedef struct tz {
    nf__bw *w;
    uint32_t doc;
    const char *t;
    uint8_t sf;           /* SF_* of the sentence being tokenized */
    uint32_t s0;          /* its first token */
    uint32_t words, caps; /* for SF_TITLE */
    const nf__lex *stmt;  /* the entry of "statement" (SF_STMT) */
    size_t dwords, dcaps; /* the document's words after a sentence's first token, and those
                             capitalized after a word (lowercase documents: w->lowdoc) */
} tz;

/* Append a token with its lexicon entry (or NULL); NULL when the array cannot grow. */
static inline nf__btok *append(tz *z, uint32_t s, uint32_t e, uint8_t kind, uint8_t fl,
                               const nf__lex *lx)
{
    nf__bw *w = z->w;
    if (w->ntok == w->captok) {
        void *p = w->tok;
        if (!tgrow(w, &p, &w->captok, w->ntok + 1, sizeof *w->tok)) return NULL;
        w->tok = p;
    }
    nf__btok *k = &w->tok[w->ntok++];
    k->start = s;
    k->end = e;
    k->kind = kind;
    k->fl = fl;
    k->li = lx ? (uint16_t)(lx - w->lx->ent + 1) : 0;
    return k;
}

/* The classes a word's start lists and sentence flags depend on (besides the capitals). */
#define WORD_LISTED                                                                                \
    (LX_NUMWORD | LX_SCALE | LX_SPEECH | LX_QVERB | LX_PREP | LX_MONTH | LX_WEEKDAY | LX_RELDAY)

/* Append a word with its entry lx (NULL when not listed, and for a possessive): the stages'
 * start lists and the sentence's flags, while the token is at hand. hash is the scan_word hash
 * of its bytes (SIZE_MAX: compute it here); an unlisted lowercase word keeps it (l_low). */
static inline bool push_word(tz *z, uint32_t s, uint32_t e, uint8_t fl, const nf__lex *lx,
                             size_t hash)
{
    nf__bw *w = z->w;
    nf__btok *k = append(z, s, e, BT_WORD, fl, lx);
    if (!k) return false;
    uint32_t ki = (uint32_t)(w->ntok - 1), lxf = lx ? lx->flags : 0;
    if (ki > z->s0) {
        z->dwords++;
        /* after a period (punctuation, or an abbreviation's) a capital says nothing */
        z->dcaps += (fl & BT_CAP) && k[-1].kind != BT_PUNCT && !(k[-1].fl & BT_ABBR);
    }
    bool ok = true;
    if (lxf & WORD_LISTED) {
        if ((lxf & LX_NUMWORD) && !(lxf & LX_SCALE))
            ok &= list_add(w, &w->l_num, ki);
        else if ((lxf & LX_SCALE) && ki > z->s0 && (nf__tok_lxf(&k[-1]) & LX_DET))
            ok &= list_add(w, &w->l_num, ki - 1); /* "a dozen", "a hundred" */
        if (lxf & (LX_SPEECH | LX_QVERB | LX_PREP)) ok &= list_add(w, &w->l_trig, ki);
        if (lxf & (LX_MONTH | LX_WEEKDAY | LX_RELDAY)) {
            ok &= list_add(w, &w->l_date, ki);
            z->sf |= SF_DATE;
        }
        if (lxf & LX_NUMWORD) z->sf |= SF_NUM;
    } else if (!lx && (fl & BT_HYPHEN)) {
        ok &= list_add(w, &w->l_num, ki);
        z->sf |= SF_NUM;
    }
    if (fl & BT_POSS) return ok;
    if (fl & BT_CAP) {
        ok &= list_add(w, &w->l_cap, ki);
    } else if (!lx) {
        if (w->l_low.n == w->low_hash_cap) {
            void *q = w->low_hash;
            ok &= tgrow(w, &q, &w->low_hash_cap, w->l_low.n + 1, sizeof *w->low_hash);
            w->low_hash = q;
        }
        if (ok) {
            size_t hv =
                hash == SIZE_MAX ? nf__lex_hash(z->t + s, e - s) : nf__lex_final(hash, e - s);
            w->low_hash[w->l_low.n] = (uint16_t)hv; /* names.c filters on 16 bits */
            ok &= list_add(w, &w->l_low, ki);
        }
    }
    if (lx && lx == z->stmt) z->sf |= SF_STMT;
    z->words++;
    z->caps += (fl & BT_CAP) || (lxf & (LX_PREP | LX_DET));
    return ok;
}

/* Append a token; for words, hash is the scan_word hash (SIZE_MAX: compute it here). */
static bool push_h(tz *z, uint32_t s, uint32_t e, uint8_t kind, uint8_t fl, size_t hash)
{
    nf__bw *w = z->w;
    const nf__lex *lx = NULL;
    if (kind == BT_WORD) {
        if (!(fl & BT_POSS)) {
            if (hash == SIZE_MAX) {
                lx = nf__lex_find(w->lx, z->t + s, e - s);
                if (!lx && (fl & BT_ABBR)) lx = nf__lex_find(w->lx, z->t + s, e - s - 1);
            } else if (fl & BT_ABBR) {
                lx = nf__lex_find_h(w->lx, z->t + s, e - s,
                                    nf__lex_final(nf__lex_step(hash, '.'), e - s));
                if (!lx)
                    lx = nf__lex_find_h(w->lx, z->t + s, e - s - 1, nf__lex_final(hash, e - s - 1));
            } else {
                lx = nf__lex_find_h(w->lx, z->t + s, e - s, nf__lex_final(hash, e - s));
            }
        }
        return push_word(z, s, e, fl, lx, hash);
    }
    if (kind == BT_PUNCT && e - s == 1 && z->t[s] == '%') lx = nf__lex_find(w->lx, "%", 1);
    nf__btok *k = append(z, s, e, kind, fl, lx);
    if (!k) return false;
    uint32_t ki = (uint32_t)(w->ntok - 1);
    if (kind == BT_NUM) {
        z->sf |= SF_NUM | SF_DATE; /* "in 2011" */
        bool ok = list_add(w, &w->l_num, ki);
        if (ki > z->s0 && (nf__tok_lxf(&k[-1]) & (LX_PREP | LX_TIMEREL)))
            ok &= list_add(w, &w->l_date, ki - 1);
        return ok;
    }
    uint32_t lxf = lx ? lx->flags : 0;
    if (lxf & LX_NUMWORD) z->sf |= SF_NUM;
    if (lxf & (LX_MONTH | LX_WEEKDAY | LX_RELDAY)) z->sf |= SF_DATE;
    return true;
}

static bool push(tz *z, uint32_t s, uint32_t e, uint8_t kind, uint8_t fl)
{
    return push_h(z, s, e, kind, fl, SIZE_MAX);
}

/* One word starting at i (a letter): returns its end. *h gets the lexicon hash of the word
 * as scanned, before any abbreviation period (nf__lex_step over its bytes). */
static uint32_t scan_word(tz *z, uint32_t i, uint32_t e, uint8_t *fl, size_t *h)
{
    const char *t = z->t;
    uint32_t j = i, letters = 0, uppers = 0;
    bool dots = false;
    size_t hh = 0;
    for (;;) {
        size_t len;
        bool up;
        while (j < e && nf__islower((unsigned char)t[j])) { /* the common case, fast */
            hh = nf__lex_step(hh, (unsigned char)t[j]);
            letters++;
            j++;
        }
        if (j < e && letter_at(t + j, e - j, &len, &up)) {
            for (size_t q = 0; q < len; q++) hh = nf__lex_step(hh, (unsigned char)t[j + q]);
            letters++;
            uppers += up;
            j += (uint32_t)len;
            continue;
        }
        if (j < e && nf__isdigit((unsigned char)t[j])) {
            *fl |= BT_DIGITS;
            hh = nf__lex_step(hh, (unsigned char)t[j]);
            j++;
            continue;
        }
        size_t al;
        if (j + 1 < e && is_apos_at(t + j, e - j, &al) && j + al < e &&
            letter_at(t + j + al, e - j - al, &len, &up)) {
            /* the possessive 's stays a token of its own */
            bool poss = nf__tolower((unsigned char)t[j + al]) == 's' &&
                        (j + al + 1 >= e || !nf__isalnum((unsigned char)t[j + al + 1]));
            if (poss) break;
            for (size_t q = 0; q < al; q++) hh = nf__lex_step(hh, (unsigned char)t[j + q]);
            j += (uint32_t)al;
            continue;
        }
        if (j + 1 < e && t[j] == '-' &&
            (nf__isalnum((unsigned char)t[j + 1]) || (unsigned char)t[j + 1] >= 0xC0)) {
            *fl |= BT_HYPHEN;
            /* al-Assad, el-Sisi: a lowercase particle glued to a capitalized name */
            if (j - i < 4 && nf__islower((unsigned char)t[i]) &&
                nf__isupper((unsigned char)t[j + 1]))
                *fl |= BT_CAP;
            hh = nf__lex_step(hh, '-');
            j++;
            continue;
        }
        /* inner abbreviation periods: U.S, a.m */
        if (j + 1 < e && t[j] == '.' && nf__isalpha((unsigned char)t[j + 1]) &&
            (j + 2 >= e || !nf__isalpha((unsigned char)t[j + 2]) || t[j + 2] == '.')) {
            if (j - i <= 2) {
                dots = true;
                hh = nf__lex_step(hh, '.');
                j++;
                continue;
            }
        }
        break;
    }
    *h = hh;
    if (letters && uppers == letters && letters >= 2) *fl |= BT_ALLCAPS;
    if (j < e && t[j] == '.') {
        bool abbr = dots || (j - i == 1 && nf__isalpha((unsigned char)t[i]));
        /* abbreviations are short ("Calif.", "Sept.") and, but for the lexicon's few lowercase
         * ones ("approx."), capitalized: a lowercase word before a period ends the sentence */
        if (!abbr && j - i <= 5)
            abbr = nf__lex_find_h(z->w->lx, t + i, j - i + 1,
                                  nf__lex_final(nf__lex_step(hh, '.'), j - i + 1)) != NULL;
        if (!abbr && j - i <= 5 && nf__isupper((unsigned char)t[i]))
            abbr = nf__seg_abbrev(t + i, j - i + 1) != NF__AB_NONE;
        if (abbr) {
            *fl |= BT_ABBR;
            j++;
        }
    }
    return j;
}

/* After a word: the possessive 's (or ’s) as a token of its own, or a lone apostrophe after a
 * plural ("the victims' families"). */
static bool possessive(tz *z, uint32_t *pi, uint32_t e)
{
    const char *t = z->t;
    uint32_t i = *pi;
    size_t al;
    if (i >= e || !is_apos_at(t + i, e - i, &al)) return true;
    if (i + al < e && nf__tolower((unsigned char)t[i + al]) == 's' &&
        (i + al + 1 >= e || !nf__isalnum((unsigned char)t[i + al + 1]))) {
        if (!push(z, i, i + (uint32_t)al + 1, BT_WORD, BT_POSS | BT_GLUED)) return false;
        *pi = i + (uint32_t)al + 1;
    } else if (t[i - 1] == 's' && (i + al >= e || !nf__isalnum((unsigned char)t[i + al])) &&
               !(al == 1 && i + 1 < e && t[i + 1] == '\'')) {
        if (!push(z, i, i + (uint32_t)al, BT_WORD, BT_POSS | BT_GLUED)) return false;
        *pi = i + (uint32_t)al;
    }
    return true;
}

/* Whether a word may go on at byte c: scan_word's cases (letters, digits, apostrophes, inner
 * hyphens and periods, non-ASCII bytes). A word followed by any other byte ends there. */
static inline bool may_continue(unsigned char c)
{
    /* '\'' 0x27, '-' 0x2D, '.' 0x2E, '0'-'9'; 'A'-'Z', 'a'-'z' */
    static const uint64_t lo =
        (1ull << 0x27) | (1ull << 0x2D) | (1ull << 0x2E) | (0x3FFull << 0x30);
    static const uint64_t hi = (0x3FFFFFFull << 1) | (0x3FFFFFFull << 33);
    return c >= 0x80 || (c < 64 ? lo >> c & 1u : hi >> (c - 64) & 1u);
}

/* nf__lex_find_h for a plain word (an ASCII letter, then lowercase letters): only the first
 * byte needs folding. */
static inline const nf__lex *lookup_plain(const nf__lexicon *lx, const char *p, size_t n,
                                          size_t hash)
{
    if (n > NF__LEX_MAX_WORD) return NULL;
    char first = (char)(p[0] | 0x20);
    for (size_t h = hash & (lx->cap - 1); lx->slot[h]; h = (h + 1) & (lx->cap - 1)) {
        const nf__lex *x = &lx->ent[lx->slot[h] - 1];
        if (x->len != n || x->word[0] != first) continue;
        size_t k = 1;
        while (k < n && x->word[k] == p[k]) k++;
        if (k == n) return x;
    }
    return NULL;
}

/* Most words: an ASCII letter, lowercase letters, then a byte that ends the word (a space, a
 * comma): what scan_word would make of it, without its general cases. Pushes the word, sets *pi
 * past it and returns 1; 0 when the word needs scan_word, -1 when out of memory. */
static inline int plain_word(tz *z, uint32_t *pi, uint32_t e, uint8_t g)
{
    const char *t = z->t;
    uint32_t i = *pi, j = i + 1;
    size_t hh = nf__lex_step(0, (unsigned char)t[i]);
    unsigned char c;
    while (j < e && nf__islower(c = (unsigned char)t[j])) {
        hh = hh * 31 + c; /* nf__lex_step: a lowercase letter is its own fold */
        j++;
    }
    if (j < e && may_continue((unsigned char)t[j])) return 0;
    const nf__lex *lx = lookup_plain(z->w->lx, t + i, j - i, nf__lex_final(hh, j - i));
    uint8_t fl = g | (nf__isupper((unsigned char)t[i]) ? BT_CAP : 0);
    if (!push_word(z, i, j, fl, lx, hh)) return -1;
    *pi = j;
    return 1;
}

/* An ASCII byte that is a token of its own with no lexicon entry: not a letter, digit, space or
 * NUL, quotation mark (" ` ') or '%' (a unit word); '-' and '.' only when not doubled (the caller
 * checks). Bit c of the masks. */
static inline bool simple_punct(unsigned char c)
{
    static const uint64_t lo = 0xFC00FF5AFFFFC1FEull, hi = 0xF8000000F8000001ull;
    return c < 0x80 && (c < 64 ? lo >> c & 1u : hi >> (c - 64) & 1u);
}

/* A token that starts with a digit at *pi: a number ("12,000", "7.4", "06:12"), a number and a
 * glued unit ("5km"), "81-year-old" (the number, then the glued word), or a word with digits;
 * sets *pi past it. */
static nf_status number_token(tz *z, uint32_t *pi, uint32_t e, uint8_t g)
{
    const char *t = z->t;
    uint32_t i = *pi;

    uint32_t j = i;
    while (j < e && nf__isdigit((unsigned char)t[j])) j++;
    for (;;) {
        if (j + 3 < e + 0u && t[j] == ',' && nf__isdigit((unsigned char)t[j + 1]) &&
            nf__isdigit((unsigned char)t[j + 2]) && nf__isdigit((unsigned char)t[j + 3]) &&
            (j + 4 >= e || !nf__isdigit((unsigned char)t[j + 4]))) {
            j += 4;
        } else if (j + 1 < e && (t[j] == '.' || t[j] == ':') &&
                   nf__isdigit((unsigned char)t[j + 1])) {
            j++;
            while (j < e && nf__isdigit((unsigned char)t[j])) j++;
        } else {
            break;
        }
    }
    uint32_t k = j;
    while (k < e && nf__isalpha((unsigned char)t[k])) k++;
    if (k > j && (k >= e || !nf__isalnum((unsigned char)t[k])) && glued_unit(t + j, k - j)) {
        if (!push(z, i, j, BT_NUM, g) || !push(z, j, k, BT_WORD, BT_GLUED)) return NF_ENOMEM;
        i = k;
    } else if (k > j || (j + 1 < e && t[j] == '-' && !nf__isdigit((unsigned char)t[j + 1]) &&
                         (unsigned char)t[j + 1] > ' ')) {
        if (k == j) {
            /* "81-year-old", "10-day": the number, then the glued word */
            if (!push(z, i, j, BT_NUM, g)) return NF_ENOMEM;
            uint8_t fl = BT_GLUED;
            size_t wh;
            uint32_t we = scan_word(z, j + 1, e, &fl, &wh);
            if (we <= j + 1) {
                *pi = j;
                return NF_OK;
            }
            if (!push(z, j + 1, we, BT_WORD, fl)) return NF_ENOMEM;
            i = we;
        } else {
            uint8_t fl = BT_DIGITS | g;
            size_t wh;
            uint32_t we = scan_word(z, i, e, &fl, &wh);
            if (we < k) we = k;
            if (!push(z, i, we, BT_WORD, fl)) return NF_ENOMEM;
            i = we;
        }
    } else {
        if (!push(z, i, j, BT_NUM, g)) return NF_ENOMEM;
        i = j;
    }
    *pi = i;
    return NF_OK;
}

static nf_status tokenize_span(tz *z, uint32_t s, uint32_t e)
{
    const char *t = z->t;
    uint32_t i = s;
    bool glued = false;
    while (i < e) {
        unsigned char c = (unsigned char)t[i];
        if (nf__isspace(c) || c == '\0') {
            i++;
            glued = false;
            continue;
        }
        uint8_t g = glued ? BT_GLUED : 0;
        glued = true;
        size_t len;
        bool up;
        if (nf__isalpha(c)) { /* most tokens: an ASCII word */
            int r = plain_word(z, &i, e, g);
            if (r < 0) return NF_ENOMEM;
            if (r) continue;
            uint8_t fl = g | (nf__isupper(c) ? BT_CAP : 0);
            size_t wh;
            uint32_t j = scan_word(z, i, e, &fl, &wh);
            if (!push_h(z, i, j, BT_WORD, fl, wh)) return NF_ENOMEM;
            i = j;
            if (!possessive(z, &i, e)) return NF_ENOMEM;
            continue;
        }
        if (simple_punct(c) && !((c == '-' || c == '.') && i + 1 < e && t[i + 1] == (char)c)) {
            if (!append(z, i, i + 1, BT_PUNCT, g, NULL)) return NF_ENOMEM;
            i++;
            continue;
        }
        if (nf__isdigit(c)) {
            nf_status st = number_token(z, &i, e, g);
            if (st != NF_OK) return st;
            continue;
        }
        if (letter_at(t + i, e - i, &len, &up)) {
            uint8_t fl = g | (up ? BT_CAP : 0);
            size_t wh;
            uint32_t j = scan_word(z, i, e, &fl, &wh);
            if (!push_h(z, i, j, BT_WORD, fl, wh)) return NF_ENOMEM;
            i = j;
            if (!possessive(z, &i, e)) return NF_ENOMEM;
            continue;
        }
        /* tokenized text splits a possessive off its word: "tuesday ' s explosion" */
        if (c == '\'' && i > s && t[i - 1] == ' ' && i + 2 < e && t[i + 1] == ' ' &&
            (t[i + 2] == 's' || t[i + 2] == 'S') &&
            (i + 3 >= e || !nf__isalnum((unsigned char)t[i + 3])) && z->w->ntok > z->s0 &&
            z->w->tok[z->w->ntok - 1].kind == BT_WORD && z->w->tok[z->w->ntok - 1].end == i - 1) {
            if (!push(z, i, i + 3, BT_WORD, BT_POSS | BT_GLUED)) return NF_ENOMEM;
            i += 3;
            continue;
        }
        int dbl;
        size_t ql = nf__quote_mark(t + i, e - i, &dbl);
        if (ql) {
            if (!push(z, i, i + (uint32_t)ql, BT_PUNCT, g) ||
                !list_add(z->w, &z->w->l_qm, (uint32_t)(z->w->ntok - 1)))
                return NF_ENOMEM;
            i += (uint32_t)ql;
            continue;
        }
        uint32_t j = i + 1;
        if (c >= 0xC0) {
            int32_t cp;
            j = i + (uint32_t)nf__utf8_decode(t + i, e - i, &cp);
        } else if ((c == '-' || c == '.') && i + 1 < e && t[i + 1] == (char)c) {
            while (j < e && t[j] == (char)c) j++;
        }
        if (!push(z, i, j, BT_PUNCT, g)) return NF_ENOMEM;
        i = j;
    }
    return NF_OK;
}

nf_status nf__brief_tokenize(nf__bw *w)
{
    nf_cluster *c = w->c;
    w->st0 = nf__arena_alloc(w->a, (c->nsents + 1) * sizeof *w->st0);
    w->st1 = nf__arena_alloc(w->a, (c->nsents + 1) * sizeof *w->st1);
    w->shead = nf__arena_calloc(w->a, c->nsents + 1, 1);
    w->sflags = nf__arena_calloc(w->a, c->nsents + 1, 1);
    if (!w->st0 || !w->st1 || !w->shead || !w->sflags) return NF_ENOMEM;
    /* about one token per five bytes of text: grow once at most */
    size_t bytes = 0;
    for (size_t d = 0; d < c->ndocs; d++) bytes += c->docs[d].len;
    w->captok = bytes / 5 + 256;
    w->tok = nf__arena_alloc(w->ta, w->captok * sizeof *w->tok);
    if (!w->tok) return NF_ENOMEM;
    /* the start lists, sized from typical English news so that they rarely grow */
    nf__ilist *ls[] = {&w->l_num, &w->l_trig, &w->l_date, &w->l_cap, &w->l_low, &w->l_qm};
    size_t div[] = {96, 24, 256, 24, 10, 128};
    for (size_t i = 0; i < NF__ARRAY_LEN(ls); i++) {
        ls[i]->cap = bytes / div[i] + 16;
        ls[i]->v = nf__arena_alloc(w->ta, ls[i]->cap * sizeof *ls[i]->v);
        if (!ls[i]->v) return NF_ENOMEM;
    }
    w->low_hash_cap = w->l_low.cap;
    w->low_hash = nf__arena_alloc(w->ta, w->low_hash_cap * sizeof *w->low_hash);
    if (!w->low_hash) return NF_ENOMEM;
    const nf__lex *stmt = nf__lex_find(w->lx, "statement", 9);
    w->lowdoc = nf__arena_calloc(w->a, c->ndocs + 1, sizeof *w->lowdoc);
    if (!w->lowdoc) return NF_ENOMEM;
    for (uint32_t d = 0; d < c->ndocs; d++) {
        const nf__doc *doc = &c->docs[d];
        tz z = {w, d, doc->text, 0, 0, 0, 0, stmt, 0, 0};
        for (size_t s = doc->first_sent; s < doc->first_sent + doc->nsents; s++) {
            const nf__sent *se = &c->sents[s];
            w->st0[s] = (uint32_t)w->ntok;
            z.sf = 0;
            z.s0 = w->st0[s];
            z.words = z.caps = 0;
            nf_status st = tokenize_span(&z, se->start, se->end);
            if (st != NF_OK) return st;
            w->st1[s] = (uint32_t)w->ntok;
            w->shead[s] = (se->flags & NF__S_HEADLINE) != 0;
            uint8_t sf = z.sf;
            if (z.words >= 4 && z.caps * 10 >= z.words * 8) sf |= SF_TITLE;
            w->sflags[s] = sf;
        }
        /* written in lowercase: capitals (after a word) start almost no word but a sentence's */
        w->lowdoc[d] = z.dwords >= 40 && z.dcaps * 50 < z.dwords;
    }
    return NF_OK;
}
