/* segment.c - sentence boundaries in one cleaned block of news text.
 *
 * One left-to-right pass. At each run of terminators (". ! ? …", the CJK full stops, "؟" and the
 * danda) the scanner reads a bounded window on each side: the token before the run (abbreviation,
 * initial, list number, URL) and, past the closing quotes/brackets and the space, the first word
 * after it. Every look is bounded (TOKEN_WINDOW bytes) or consumes what it reads, so the pass is
 * linear even on a 10 MB block.
 *
 * The rules, in the order they are tried (data/abbreviations.txt documents the table classes):
 *  - Nothing but lowercase or punctuation after a run: no split ("Is it?" she asked).
 *  - CJK full stops always split; "!" and "?" split before a capital, digit or currency sign;
 *    an ellipsis only before a capital.
 *  - "." splits before a capital, digit or currency sign unless the token before it is a list
 *    marker at the start of the sentence or after a colon ("1. The", "Q. Why"), a [title]
 *    abbreviation, a [number] abbreviation followed by a number, or an [end] abbreviation /
 *    single-capital initial / dotted acronym not followed by a sentence starter, an opening
 *    quotation mark or a closing one ("U.S. officials", "George W. Bush").
 *  - Closing quotes and brackets after the run stay with the sentence, also DUC's "''" and a
 *    "”" or "»" set off by a space.
 *  - A run glued to a capital ("Sunday.Karam", a photo caption joined to its story) splits only
 *    after a lowercase word of three letters or more that is not a URL, path, address or
 *    abbreviation; "?" and "!" only with a closing quote between ("over?"Then").
 *  - A sentence longer than NF__SEG_MAX_BYTES (2,000) is cut at its last space (or, inside one
 *    huge token, at a character boundary): no news sentence is that long, and the cap keeps the
 *    later stages and the budget meaningful on unpunctuated input such as a 10 MB line.
 */
#include "model.h"
#include "segment/seg.h"

#include <string.h>
#include <utf8proc.h>

#define MAX_SENT_BYTES NF__SEG_MAX_BYTES
#define TOKEN_WINDOW   64u
#define NONE           UINT32_MAX

enum { T_DOT, T_ELLIPSIS, T_QE, T_HARD };
enum { NX_END, NX_LOWER, NX_UPPER, NX_DIGIT, NX_UNCASED, NX_SYMBOL, NX_OTHER };

typedef struct follow {
    int kind;
    bool quoted;  /* an opening quotation mark came first (a bracket does not count) */
    bool spaced;  /* ...or a bracket, set off by a space from its word, as in tokenized text
                     (`` We, " we, ( here )) */
    bool starter; /* the word is a listed sentence starter */
    bool roman;   /* the word is a roman numeral ("Art. II", "Art. I,") */
} follow;

typedef struct outv {
    nf__arena *a;
    nf__span **v;
    size_t *n, *cap;
} outv;

static size_t cp_at(const char *t, uint32_t i, uint32_t end, int32_t *cp)
{
    unsigned char c = (unsigned char)t[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    return nf__utf8_decode(t + i, end - i, cp);
}

static bool is_space_cp(int32_t cp)
{
    if (cp < 0x80) return nf__isspace((int)cp);
    return cp == 0x85 || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

static int term_kind(int32_t cp)
{
    switch (cp) {
    case '.': return T_DOT;
    case '!':
    case '?':
    case 0x203C: /* ‼ */
    case 0x2047: /* ⁇ */
    case 0x2048: /* ⁈ */
    case 0x2049: /* ⁉ */
    case 0x061F: /* Arabic question mark */
    case 0x0964: /* danda */
    case 0x0965: return T_QE;
    case 0x2026: return T_ELLIPSIS;
    case 0x3002: /* 。 */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF61: return T_HARD;
    default: return -1;
    }
}

static bool is_closer(int32_t cp)
{
    switch (cp) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}':
    case 0xBB:
    case 0x203A:
    case 0x201D:
    case 0x2019:
    case 0x300D:
    case 0x300F:
    case 0xFF09:
    case 0x3011:
    case 0xFF3D:
    case 0x3009:
    case 0x300B: return true;
    default: return false;
    }
}

/* Opening quotation marks; the inverted Spanish marks open a sentence just as surely. */
static bool is_quote_open(int32_t cp)
{
    switch (cp) {
    case '"':
    case '\'':
    case '`':
    case 0x201C:
    case 0x2018:
    case 0x201E:
    case 0xAB:
    case 0x2039:
    case 0xBF:
    case 0xA1:
    case 0x300C:
    case 0x300E: return true;
    default: return false;
    }
}

static bool is_bracket_open(int32_t cp)
{
    switch (cp) {
    case '(':
    case '[':
    case '{':
    case 0xFF08:
    case 0x3010:
    case 0x3008:
    case 0x300A: return true;
    default: return false;
    }
}

static bool is_word_cp(int32_t cp)
{
    if (cp < 0x80) return nf__isalnum((int)cp);
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO && c != UTF8PROC_CATEGORY_MN &&
           c != UTF8PROC_CATEGORY_MC && c != UTF8PROC_CATEGORY_ME;
}

/* Bytes of a space character ending at b (0 when t[b-1] does not end one). */
static uint32_t space_before(const char *t, uint32_t a, uint32_t b)
{
    if (b <= a) return 0;
    unsigned char c = (unsigned char)t[b - 1];
    if (c < 0x80) return nf__isspace(c) ? 1 : 0;
    for (uint32_t k = 2; k <= 3 && k <= b - a; k++) {
        unsigned char lead = (unsigned char)t[b - k];
        if ((lead & 0xC0) == 0x80) continue;
        int32_t cp;
        size_t l = nf__utf8_decode(t + b - k, k, &cp);
        return l == k && is_space_cp(cp) ? k : 0;
    }
    return 0;
}

static bool push(outv *o, uint32_t s, uint32_t e)
{
    if (*o->n == *o->cap) {
        size_t nc = *o->cap ? *o->cap * 2 : 64;
        nf__span *np = nf__arena_alloc(o->a, nc * sizeof *np);
        if (!np) return false;
        for (size_t i = 0; i < *o->n; i++) np[i] = (*o->v)[i];
        *o->v = np;
        *o->cap = nc;
    }
    (*o->v)[(*o->n)++] = (nf__span){s, e};
    return true;
}

/* Append text[a, b) trimmed of spaces, when something is left. */
static bool emit(outv *o, const char *t, uint32_t a, uint32_t b)
{
    int32_t cp;
    while (a < b) {
        size_t l = cp_at(t, a, b, &cp);
        if (!is_space_cp(cp)) break;
        a += (uint32_t)l;
    }
    for (uint32_t l; (l = space_before(t, a, b)) != 0;) b -= l;
    return b <= a || push(o, a, b);
}

/* End of a spaced ellipsis " . ." continuing a dot that ends at j; j when there is none. Two
 * more dots at least, so "end. . The" stays a period followed by a stray dot. */
static uint32_t spaced_dots(const char *t, uint32_t j, uint32_t end)
{
    uint32_t k = j;
    unsigned pairs = 0;
    while (k + 1 < end && t[k] == ' ' && t[k + 1] == '.') {
        k += 2;
        pairs++;
    }
    return pairs >= 2 ? k : j;
}

/* Skips closing quotes/brackets; *dq flips with each straight double quote. */
static uint32_t skip_closers(const char *t, uint32_t k, uint32_t end, unsigned *nclose, bool *dq)
{
    int32_t cp;
    while (k < end) {
        size_t l = cp_at(t, k, end, &cp);
        if (!is_closer(cp)) break;
        if (cp == '"') *dq = !*dq;
        k += (uint32_t)l;
        (*nclose)++;
    }
    return k;
}

static uint32_t skip_spaces(const char *t, uint32_t k, uint32_t end)
{
    int32_t cp;
    while (k < end) {
        size_t l = cp_at(t, k, end, &cp);
        if (!is_space_cp(cp)) break;
        k += (uint32_t)l;
    }
    return k;
}

/* A closing quote set off by a space (DUC's "said . ''", "over. ”", French "Non. »"; a straight
 * '"' when one is open, as in tokenized text): its end, or 0. */
static uint32_t detached_closer(const char *t, uint32_t m, uint32_t end, bool dq_open)
{
    uint32_t e = 0;
    int32_t cp;
    if (m + 1 < end && t[m] == '\'' && t[m + 1] == '\'') {
        e = m + 2;
    } else {
        size_t l = cp_at(t, m, end, &cp);
        if (cp == 0x201D || cp == 0xBB || cp == 0x203A || (cp == '"' && dq_open))
            e = m + (uint32_t)l;
    }
    if (!e) return 0;
    return e == end || skip_spaces(t, e, end) > e ? e : 0;
}

static bool roman_numeral(const char *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (!memchr("IVXLC", p[i], 5)) return false;
    return n > 0;
}

/* What starts at m: skips opening quotes and brackets, reads the first character and, for a
 * capitalized ASCII word, whether it is a sentence starter. */
static follow classify(const char *t, uint32_t m, uint32_t end)
{
    follow f = {NX_END, false, false, false, false};
    int32_t cp = 0;
    uint32_t q = m;
    bool bracket = false;
    while (q < end) {
        size_t l = cp_at(t, q, end, &cp);
        if (is_quote_open(cp)) {
            f.quoted = true;
        } else if ((f.quoted || bracket) && q < end && is_space_cp(cp)) {
            f.spaced = true; /* tokenized text: `" we`, `( here )` */
        } else if (is_bracket_open(cp)) {
            bracket = true;
        } else {
            break;
        }
        q += (uint32_t)l;
    }
    if (q >= end) {
        f.kind = q == m ? NX_END : NX_OTHER;
        return f;
    }
    if (cp < 0x80) {
        if (nf__isupper((int)cp))
            f.kind = NX_UPPER;
        else if (nf__islower((int)cp))
            f.kind = NX_LOWER;
        else if (nf__isdigit((int)cp))
            f.kind = NX_DIGIT;
        else
            f.kind = cp == '$' || cp == '#' ? NX_SYMBOL : NX_OTHER;
    } else {
        utf8proc_category_t c = utf8proc_category(cp);
        if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT)
            f.kind = NX_UPPER;
        else if (c == UTF8PROC_CATEGORY_LL)
            f.kind = NX_LOWER;
        else if (c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_LO)
            f.kind = NX_UNCASED;
        else if (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO)
            f.kind = NX_DIGIT;
        else
            f.kind = c == UTF8PROC_CATEGORY_SC ? NX_SYMBOL : NX_OTHER;
    }
    if (f.kind == NX_UPPER && cp < 0x80) {
        uint32_t e = q;
        while (e < end && e - q <= 32 && nf__isalpha((unsigned char)t[e])) e++;
        f.starter = e - q <= 32 && nf__seg_starter(t + q, e - q);
        f.roman = e - q <= 6 && roman_numeral(t + q, e - q) &&
                  (e - q >= 2 || (e < end && memchr(",;:).", t[e], 5)));
    }
    return f;
}

/* The token before a terminator at i: [b, i) after its opening quotes/brackets; rb is where it
 * starts with them. whole is false when it runs past the window (a URL, a long run of bytes). */
typedef struct token {
    uint32_t rb, b;
    bool whole;
} token;

static token token_before(const char *t, uint32_t lo, uint32_t i)
{
    token k;
    uint32_t stop = i - lo > TOKEN_WINDOW ? i - TOKEN_WINDOW : lo, b = i;
    while (b > stop && !space_before(t, stop, b)) b--;
    k.whole = b > stop || stop == lo || space_before(t, lo, b);
    k.rb = b;
    int32_t cp;
    while (b < i) {
        size_t l = cp_at(t, b, i, &cp);
        if (!is_quote_open(cp) && !is_bracket_open(cp)) break;
        b += (uint32_t)l;
    }
    k.b = b;
    return k;
}

static bool all_digits(const char *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (!nf__isdigit((unsigned char)p[i])) return false;
    return n > 0;
}

/* "1." "12." "b." "IV." : a list item marker. */
static bool list_marker(const char *p, uint32_t n)
{
    if (n == 0) return false;
    if (n <= 3 && all_digits(p, n)) return true;
    if (n == 1 && nf__isalpha((unsigned char)p[0])) return true;
    return n <= 4 && roman_numeral(p, n);
}

/* "U.S" "Ph.D" "e.g" "U.S.S.R": letter groups of 1-3 joined by single dots. */
static bool dotted_acronym(const char *p, uint32_t n)
{
    uint32_t run = 0, dots = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (nf__isalpha((unsigned char)p[i])) {
            if (++run > 3) return false;
        } else if (p[i] == '.' && run > 0) {
            run = 0;
            dots++;
        } else {
            return false;
        }
    }
    return dots > 0 && run > 0;
}

/* One capital letter: an initial ("W." in "George W. Bush"). */
static bool single_capital(const char *t, uint32_t b, uint32_t i)
{
    if (b >= i) return false;
    int32_t cp;
    size_t l = cp_at(t, b, i, &cp);
    if (b + l != i) return false;
    if (cp < 0x80) return nf__isupper((int)cp);
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* Class of the token [b, i] (with its final terminator byte); a hyphenated or slashed compound
 * is looked up by its last part too ("anti-U.S."). */
static int abbrev_class(const char *t, uint32_t b, uint32_t i)
{
    int c = nf__seg_abbrev(t + b, i + 1 - b);
    if (c != NF__AB_NONE) return c;
    for (uint32_t h = i; h > b; h--) {
        if (t[h - 1] != '-' && t[h - 1] != '/') continue;
        return h < i ? nf__seg_abbrev(t + h, i + 1 - h) : NF__AB_NONE;
    }
    return NF__AB_NONE;
}

/* An opening quote set off by a space opens a sentence whatever the case of the word after it:
 * Multi-News text is lowercased inside quotes (`said. " i have no plans`). */
static bool spaced_quote(const follow *f)
{
    return f->spaced && f->kind != NX_OTHER && f->kind != NX_END;
}

/* The [end] rule: split only before a plausible sentence start. */
static bool end_rule(const follow *f, unsigned nclose)
{
    bool cap = f->kind == NX_UPPER || f->kind == NX_UNCASED;
    if (nclose && (cap || f->kind == NX_DIGIT)) return true; /* `the U.S." Officials` */
    return f->starter || (f->quoted && cap) || spaced_quote(f);
}

static bool ordinary_rule(const follow *f)
{
    /* an opening quotation mark after a sentence's period opens the next one, whatever the
     * case of its first word (case-folded web text: `ago. "while we`) */
    return f->kind == NX_UPPER || f->kind == NX_UNCASED || f->kind == NX_DIGIT ||
           f->kind == NX_SYMBOL || spaced_quote(f) || (f->quoted && f->kind == NX_LOWER);
}

/* Previous non-space byte before p (within the window), or 0. */
static char prev_char(const char *t, uint32_t lo, uint32_t p)
{
    uint32_t stop = p - lo > TOKEN_WINDOW ? p - TOKEN_WINDOW : lo;
    while (p > stop) {
        uint32_t l = space_before(t, stop, p);
        if (!l) return t[p - 1];
        p -= l;
    }
    return 0;
}

static bool period_split(const char *t, uint32_t s, uint32_t fs, uint32_t i, const follow *f,
                         unsigned nclose)
{
    if (f->kind == NX_END || f->kind == NX_OTHER ||
        (f->kind == NX_LOWER && !f->spaced && !f->quoted))
        return false;
    token k = token_before(t, s, i);
    if (!k.whole) return ordinary_rule(f);
    uint32_t n = i - k.b;
    if (list_marker(t + k.b, n) && (k.rb == fs || prev_char(t, s, k.rb) == ':')) return false;
    if (single_capital(t, k.b, i)) return end_rule(f, nclose);
    switch (n ? abbrev_class(t, k.b, i) : NF__AB_NONE) {
    case NF__AB_TITLE: return false;
    case NF__AB_NUMBER:
        if (f->kind == NX_DIGIT || f->kind == NX_SYMBOL || f->roman) return false;
        return ordinary_rule(f);
    case NF__AB_END: return end_rule(f, nclose);
    default: break;
    }
    if (dotted_acronym(t + k.b, n)) return end_rule(f, nclose);
    return ordinary_rule(f);
}

/* A terminator glued to the next word ("Sunday.Karam"): the word before must be a lowercase
 * word of 3+ letters and neither side may look like a URL, address, path or acronym. */
static bool glued_split(const char *t, uint32_t s, uint32_t i, uint32_t k, uint32_t end)
{
    if (k + 1 >= end || !nf__isupper((unsigned char)t[k]) || !nf__islower((unsigned char)t[k + 1]))
        return false;
    token tk = token_before(t, s, i);
    if (!tk.whole || i - tk.b < 3) return false;
    for (uint32_t p = i - 3; p < i; p++)
        if (!nf__islower((unsigned char)t[p])) return false;
    for (uint32_t p = tk.b; p < i; p++)
        if (t[p] == '.' || t[p] == '/' || t[p] == '@' || t[p] == ':') return false;
    if (nf__seg_abbrev(t + tk.b, i + 1 - tk.b) != NF__AB_NONE) return false;
    for (uint32_t p = k; p < end && p - k < TOKEN_WINDOW && !nf__isspace((unsigned char)t[p]);
         p++) {
        char c = t[p];
        bool inner = p + 1 < end && nf__isalnum((unsigned char)t[p + 1]);
        if ((c == '.' || c == '/' || c == '@') && inner) return false;
    }
    return true;
}

/* The run of ASCII letters, digits and plain spaces at t[i, lim) (most of any text), sixteen
 * bytes at a time. Returns its end; *first_an is the first letter or digit in it (NONE if none),
 * *last_sp the last space (NONE if none), *an_after whether a letter or digit follows that
 * space (or, with no space, occurs at all). */
static uint32_t plain_run(const char *t, uint32_t i, uint32_t lim, uint32_t *first_an,
                          uint32_t *last_sp, bool *an_after)
{
    uint32_t fa = NONE, ls = NONE;
    bool after = false;
#if defined(__SSE2__)
    const __m128i sp = _mm_set1_epi8(' ');
    while (i + 16 <= lim) {
        unsigned am = nf__alnum_mask16(t + i);
        __m128i v = _mm_loadu_si128((const __m128i *)(t + i));
        unsigned sm = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, sp));
        unsigned out = ~(am | sm) & 0xFFFFu;
        unsigned k = out ? (unsigned)__builtin_ctz(out) : 16u; /* bytes of the run here */
        unsigned keep = k == 16 ? 0xFFFFu : (1u << k) - 1u;
        am &= keep;
        sm &= keep;
        if (am && fa == NONE) fa = i + (uint32_t)__builtin_ctz(am);
        if (sm) {
            unsigned top = 31u - (unsigned)__builtin_clz(sm);
            ls = i + top;
            after = (am >> top) != 0;
        } else if (am) {
            after = true;
        }
        i += k;
        if (k < 16) break; /* the loop below stops at once on t[i] */
    }
#endif
    for (; i < lim; i++) {
        unsigned char c = (unsigned char)t[i];
        if (nf__isalnum(c)) {
            if (fa == NONE) fa = i;
            after = true;
        } else if (c == ' ') {
            ls = i;
            after = false;
        } else {
            break;
        }
    }
    *first_an = fa;
    *last_sp = ls;
    *an_after = after;
    return i;
}

/* The sentence being scanned. */
typedef struct scan {
    uint32_t s;         /* its start, untrimmed */
    uint32_t fs;        /* its first non-space byte */
    uint32_t ws_end;    /* end of its last space character */
    bool word;          /* it has a letter or digit */
    bool word_since_ws; /* ...after ws_end */
    bool dq;            /* a straight double quote is open in the block */
} scan;

/* A run of terminators at [i, j), its closers up to k and the spaces after them up to m. */
typedef struct term_run {
    uint32_t i, j, k, m;
    int type; /* T_DOT, T_ELLIPSIS, T_QE or T_HARD */
    unsigned nclose;
    bool dq_after;  /* the quote parity past the closers, kept when the sentence ends there */
    bool dq_spaced; /* a straight '"' set off by a space closed a quotation */
} term_run;

/* The sentence has reached the length cap at i: cut it at its last space, or at i. */
static bool cut_long(outv *o, const char *t, scan *sc, uint32_t i)
{
    bool at_space = sc->ws_end != NONE && sc->ws_end - sc->s > MAX_SENT_BYTES / 4;
    uint32_t cut = at_space ? sc->ws_end : i;
    if (!emit(o, t, sc->s, cut)) return false;
    sc->s = cut;
    sc->fs = cut < i ? cut : NONE;
    sc->word = at_space && sc->word_since_ws;
    sc->ws_end = NONE;
    return true;
}

/* The fast path: a run of ASCII letters, digits and plain spaces from i. Returns its end. */
static uint32_t scan_plain(const char *t, scan *sc, uint32_t i, uint32_t end)
{
    uint32_t lim = end - sc->s > MAX_SENT_BYTES ? sc->s + MAX_SENT_BYTES : end;
    uint32_t fa, ls;
    bool after;
    i = plain_run(t, i, lim, &fa, &ls, &after);
    if (fa != NONE) {
        if (sc->fs == NONE) sc->fs = fa;
        sc->word = true;
    }
    if (ls != NONE) {
        sc->ws_end = ls + 1;
        sc->word_since_ws = after;
    } else if (after) {
        sc->word_since_ws = true;
    }
    return i;
}

/* Any other character that is no terminator: cp, l bytes at i. Returns the next position. */
static uint32_t scan_other(scan *sc, uint32_t i, size_t l, int32_t cp)
{
    if (is_space_cp(cp)) {
        sc->ws_end = i + (uint32_t)l;
        sc->word_since_ws = false;
    } else {
        if (sc->fs == NONE) sc->fs = i;
        if (is_word_cp(cp)) sc->word = sc->word_since_ws = true;
        if (cp == '"') sc->dq = !sc->dq;
    }
    return i + (uint32_t)l;
}

/* The run of terminators at i: "?!", "...", ". . .", "…"; it and its closers stop at the length
 * cap, so a megabyte of dots is cut like any other long sentence. Then its closers, attached or
 * set off by a space. */
static void read_run(const char *t, const scan *sc, uint32_t i, uint32_t end, term_run *r)
{
    uint32_t lim = end - sc->s > MAX_SENT_BYTES ? sc->s + MAX_SENT_BYTES : end;
    bool qe = false, ell = false, hard = false;
    unsigned ndot = 0;
    int32_t cp;
    uint32_t j = i;
    while (j < end) {
        size_t tl = cp_at(t, j, end, &cp);
        int tk = term_kind(cp);
        if (tk < 0 || (j > i && j + tl > lim)) break; /* the first always goes in */
        j += (uint32_t)tl;
        if (tk == T_DOT) {
            ndot++;
            uint32_t x = spaced_dots(t, j, lim);
            ndot += (x - j) / 2;
            j = x;
        } else if (tk == T_QE) {
            qe = true;
        } else if (tk == T_ELLIPSIS) {
            ell = true;
        } else {
            hard = true;
        }
    }
    r->i = i;
    r->j = j;
    r->type = hard ? T_HARD : qe ? T_QE : (ell || ndot > 1) ? T_ELLIPSIS : T_DOT;
    r->nclose = 0;
    r->dq_after = sc->dq;
    r->dq_spaced = false;
    uint32_t k = j, m;
    for (;;) {
        k = skip_closers(t, k, lim, &r->nclose, &r->dq_after);
        m = skip_spaces(t, k, end);
        if (m == k || m >= lim) break;
        uint32_t d = detached_closer(t, m, end, r->dq_after);
        if (!d) break;
        if (t[m] == '"') {
            r->dq_after = !r->dq_after;
            r->dq_spaced = true;
        }
        k = d;
        r->nclose++;
    }
    r->k = k;
    r->m = m;
}

/* Whether the sentence ends after the run r (the rules of the header comment). */
static bool run_splits(const char *t, const scan *sc, uint32_t end, const term_run *r)
{
    uint32_t i = r->i, k = r->k, m = r->m;
    if (!sc->word || m >= end) return false;
    follow f = classify(t, m, end);
    /* tokenized, lowercased text (`"futile. " cambridge analytica`) */
    if (r->dq_spaced && r->type == T_DOT) f.spaced = true;
    if (r->type == T_HARD) {
        /* 「…。」と言った: a closed quotation, then the quotative particle */
        int32_t cp;
        return !(r->nclose && m == k && cp_at(t, m, end, &cp) == 3 && cp == 0x3068);
    }
    if (m == k) return (r->type == T_DOT || r->nclose) && glued_split(t, sc->s, i, k, end);
    if (r->type == T_QE) {
        bool split = ordinary_rule(&f);
        if (split && r->j == i + 1 && t[i] == '!') {
            token tk = token_before(t, sc->s, i);
            int c = tk.whole ? nf__seg_abbrev(t + tk.b, i + 1 - tk.b) : NF__AB_NONE;
            if (c == NF__AB_TITLE) split = false;
            if (c == NF__AB_END) split = end_rule(&f, r->nclose);
        }
        return split;
    }
    if (r->type == T_ELLIPSIS)
        return f.kind == NX_UPPER || f.kind == NX_UNCASED || spaced_quote(&f);
    return period_split(t, sc->s, sc->fs, i, &f, r->nclose);
}

nf_status nf__segment(nf__arena *a, const char *text, uint32_t start, uint32_t end, nf__span **out,
                      size_t *n, size_t *cap)
{
    if (!a || !text || !out || !n || !cap || start > end) return NF_EINVAL;
    outv o = {a, out, n, cap};
    const char *t = text;
    scan sc = {start, NONE, NONE, false, false, false};
    uint32_t i = start;
    while (i < end) {
        if (i - sc.s >= MAX_SENT_BYTES && !cut_long(&o, t, &sc, i)) return NF_ENOMEM;
        unsigned char b = (unsigned char)t[i];
        if (nf__isalnum(b) || b == ' ') {
            i = scan_plain(t, &sc, i, end);
            continue;
        }
        int32_t cp;
        size_t l = cp_at(t, i, end, &cp);
        if (term_kind(cp) < 0) {
            i = scan_other(&sc, i, l, cp);
            continue;
        }
        if (sc.fs == NONE) sc.fs = i;
        term_run r;
        read_run(t, &sc, i, end, &r);
        if (!run_splits(t, &sc, end, &r)) {
            i = r.j;
            continue;
        }
        if (!emit(&o, t, sc.s, r.k)) return NF_ENOMEM;
        sc.s = i = r.k;
        sc.fs = sc.ws_end = NONE;
        sc.word = sc.word_since_ws = false;
        sc.dq = r.dq_after;
    }
    return emit(&o, t, sc.s, end) ? NF_OK : NF_ENOMEM;
}
