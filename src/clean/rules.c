/* rules.c - parser and matchers of the boilerplate rule language (syntax: data/boilerplate.txt).
 *
 * Everything lives in one fixed-size nf__bp_rules (no allocation), so the default table can be a
 * static object parsed once (nf__once) and its rule names are static strings. */
#include "clean.h"

#include "core/data.h"

#include <string.h>

typedef struct lexer {
    const char *p, *end;
} lexer;

enum { TOK_END, TOK_WORD, TOK_STRING, TOK_BAD };

typedef struct token {
    int type;
    const char *p; /* word: into the source; string: into buf */
    size_t n;
    char buf[NF__BP_MAX_LINE];
} token;

static bool is_blank(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

/* Next token of the current line. A "#" outside quotes starts a comment. Strings take \" and \\. */
static void next_token(lexer *lx, token *t)
{
    while (lx->p < lx->end && is_blank((unsigned char)*lx->p)) lx->p++;
    t->p = lx->p;
    t->n = 0;
    if (lx->p >= lx->end || *lx->p == '#') {
        t->type = TOK_END;
        return;
    }
    if (*lx->p != '"') {
        while (lx->p < lx->end && !is_blank((unsigned char)*lx->p)) lx->p++;
        t->type = TOK_WORD;
        t->n = (size_t)(lx->p - t->p);
        return;
    }
    lx->p++;
    while (lx->p < lx->end && *lx->p != '"') {
        char c = *lx->p++;
        if (c == '\\' && lx->p < lx->end) c = *lx->p++;
        if (t->n >= sizeof t->buf) {
            t->type = TOK_BAD;
            return;
        }
        t->buf[t->n++] = c;
    }
    if (lx->p >= lx->end) {
        t->type = TOK_BAD; /* unterminated */
        return;
    }
    lx->p++;
    t->type = TOK_STRING;
    t->p = t->buf;
}

static bool tok_is(const token *t, const char *w)
{
    size_t n = strlen(w);
    return t->type == TOK_WORD && t->n == n && memcmp(t->p, w, n) == 0;
}

/* The normalization shared by patterns and lines: see nf__bp_normalize. in/out may not overlap.
 * keep_edges keeps a leading/trailing space (patterns like "subscribe " mean a word boundary). */
static size_t normalize(const char *s, size_t n, char *out, bool keep_edges)
{
    size_t k = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
#if defined(__SSE2__)
        /* sixteen printable ASCII bytes with single spaces between words, the last one not a
         * space, are only lowercased: the common case of a story line, done 16 at a time */
        while (!space && k > 0 && i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
            __m128i lo = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)); /* also every byte >= 0x80 */
            __m128i del = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F));
            if (_mm_movemask_epi8(_mm_or_si128(lo, del))) break;
            unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
            if ((m & (m >> 1)) || (m & 0x8000u)) break;
            __m128i up = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                                       _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
            v = _mm_or_si128(v, _mm_and_si128(up, _mm_set1_epi8(0x20)));
            _mm_storeu_si128((__m128i *)(out + k), v);
            i += 16;
            k += 16;
        }
        if (i >= n) break;
#endif
        unsigned char c = (unsigned char)s[i];
        if (nf__isspace(c) || c == '\0') {
            space = true;
            continue;
        }
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) { /* NBSP */
            space = true;
            i++;
            continue;
        }
        if (space && (k > 0 || keep_edges)) out[k++] = ' ';
        space = false;
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99)) {
            out[k++] = '\''; /* curly apostrophes match the ASCII one */
            i += 2;
            continue;
        }
        out[k++] = (char)nf__tolower(c);
    }
    if (space && keep_edges) out[k++] = ' ';
    return k;
}

static bool pool_put(nf__bp_rules *r, const char *p, size_t n, uint32_t *off)
{
    if (r->used + n + 1 > sizeof r->pool) return false;
    memcpy(r->pool + r->used, p, n);
    r->pool[r->used + n] = '\0';
    *off = (uint32_t)r->used;
    r->used += n + 1;
    return true;
}

static bool parse_number(const token *t, size_t *v)
{
    if (t->type != TOK_WORD || t->n == 0 || t->n > 6) return false;
    size_t x = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (!nf__isdigit((unsigned char)t->p[i])) return false;
        x = x * 10 + (size_t)(t->p[i] - '0');
    }
    *v = x;
    return true;
}

/* MATCH [max N]. The token after the matcher is left in *t. */
static nf_status parse_match(nf__bp_rules *r, lexer *lx, token *t, nf__bp_match *m)
{
    static const struct {
        const char *w;
        uint8_t kind;
        bool pat;
    } kinds[] = {{"exact", NF__BP_EXACT, true},      {"prefix", NF__BP_PREFIX, true},
                 {"suffix", NF__BP_SUFFIX, true},    {"contains", NF__BP_CONTAINS, true},
                 {"like", NF__BP_LIKE, true},        {"list", NF__BP_LIST, false},
                 {"no-alnum", NF__BP_NOALNUM, false}};
    size_t k = 0;
    while (k < NF__ARRAY_LEN(kinds) && !tok_is(t, kinds[k].w)) k++;
    if (k == NF__ARRAY_LEN(kinds)) return NF_EINVAL;
    memset(m, 0, sizeof *m);
    m->kind = kinds[k].kind;
    m->max = NF__BP_DEFAULT_MAX;
    if (kinds[k].pat) {
        next_token(lx, t);
        if (t->type != TOK_STRING) return NF_EINVAL;
        char norm[NF__BP_MAX_LINE + 2];
        size_t nn = normalize(t->p, t->n, norm, true);
        if (nn == 0 || (nn == 1 && norm[0] == ' ') || nn > UINT16_MAX) return NF_EINVAL;
        uint32_t off;
        if (!pool_put(r, norm, nn, &off)) return NF_ETOOBIG;
        m->pat = off;
        m->plen = (uint16_t)nn;
    }
    next_token(lx, t);
    if (tok_is(t, "max")) {
        next_token(lx, t);
        size_t v;
        if (!parse_number(t, &v) || v == 0 || v > NF__BP_MAX_LINE) return NF_EINVAL;
        m->max = (uint16_t)v;
        next_token(lx, t);
    }
    if (m->max > r->maxline) r->maxline = m->max;
    return NF_OK;
}

static nf_status parse_words(nf__bp_rules *r, lexer *lx, token *t, nf__bp_word *tab, size_t *n,
                             bool lower)
{
    size_t before = *n;
    for (next_token(lx, t); t->type == TOK_WORD || t->type == TOK_STRING; next_token(lx, t)) {
        if (*n >= NF__BP_MAX_WORDS) return NF_ETOOBIG;
        if (t->n == 0 || t->n > 64) return NF_EINVAL;
        char w[64];
        for (size_t i = 0; i < t->n; i++)
            w[i] = lower ? (char)nf__tolower((unsigned char)t->p[i]) : t->p[i];
        uint32_t off;
        if (!pool_put(r, w, t->n, &off)) return NF_ETOOBIG;
        tab[*n].off = off;
        tab[*n].len = (uint16_t)t->n;
        (*n)++;
    }
    return t->type == TOK_END && *n > before ? NF_OK : NF_EINVAL;
}

static nf_status parse_rule_line(nf__bp_rules *r, const char *p, size_t n, token *t)
{
    lexer lx = {p, p + n};
    next_token(&lx, t);
    if (t->type == TOK_END) return NF_OK;
    if (tok_is(t, "agency")) return parse_words(r, &lx, t, r->agency, &r->nagency, false);
    if (tok_is(t, "byline-not")) return parse_words(r, &lx, t, r->notname, &r->nnotname, true);

    uint8_t action;
    if (tok_is(t, "drop-line"))
        action = NF__BP_DROP_LINE;
    else if (tok_is(t, "drop-section"))
        action = NF__BP_DROP_SECTION;
    else if (tok_is(t, "strip-prefix"))
        action = NF__BP_STRIP;
    else
        return NF_EINVAL;
    if (r->nrules >= NF__BP_MAX_RULES) return NF_ETOOBIG;
    nf__bp_rule *ru = &r->rule[r->nrules];
    memset(ru, 0, sizeof *ru);
    ru->action = action;

    next_token(&lx, t);
    if (t->type != TOK_WORD || t->n > 64) return NF_EINVAL;
    for (size_t i = 0; i < t->n; i++) {
        unsigned char c = (unsigned char)t->p[i];
        if (!nf__isalnum(c) && c != '-' && c != '_') return NF_EINVAL;
    }
    uint32_t off;
    if (!pool_put(r, t->p, t->n, &off)) return NF_ETOOBIG;
    ru->name = r->pool + off;

    next_token(&lx, t);
    nf_status st;
    if (action == NF__BP_STRIP && (tok_is(t, "dateline") || tok_is(t, "byline"))) {
        ru->strip = tok_is(t, "dateline") ? NF__BP_STRIP_DATELINE : NF__BP_STRIP_BYLINE;
        next_token(&lx, t);
    } else {
        if ((st = parse_match(r, &lx, t, &ru->m)) != NF_OK) return st;
        /* a stripped prefix must be something we can measure in raw bytes */
        if (action == NF__BP_STRIP && ru->m.kind != NF__BP_PREFIX) return NF_EINVAL;
    }
    while (action == NF__BP_DROP_SECTION && tok_is(t, "while")) {
        if (ru->nwhile >= NF__BP_MAX_WHILE) return NF_ETOOBIG;
        next_token(&lx, t);
        if ((st = parse_match(r, &lx, t, &ru->cont[ru->nwhile])) != NF_OK) return st;
        ru->nwhile++;
    }
    if (t->type != TOK_END || (action == NF__BP_DROP_SECTION && ru->nwhile == 0)) return NF_EINVAL;
    r->nrules++;
    return NF_OK;
}

/* The byte a drop rule's pattern requires at the start of a normalized line, or -1. */
static int first_byte(const nf__bp_rules *r, const nf__bp_rule *ru)
{
    const nf__bp_match *m = &ru->m;
    if (ru->action == NF__BP_STRIP || m->plen == 0) return -1;
    unsigned char c = (unsigned char)r->pool[m->pat];
    if (m->kind == NF__BP_EXACT || m->kind == NF__BP_PREFIX) return c == ' ' ? -1 : c;
    if (m->kind == NF__BP_LIKE && c != '*' && c != '?' && c != '#' && c != ' ') return c;
    return -1;
}

/* How common a byte is in English news text, roughly (per mille of letters; other bytes count
 * as rare), to pick the rarest run of a pattern as its filter key. */
static int byte_freq(unsigned char c)
{
    static const unsigned char f[26] = {82, 15, 28, 43, 127, 22, 20, 61, 70, 2,  8, 40, 24,
                                        67, 75, 19, 1,  60,  63, 91, 28, 10, 24, 2, 20, 1};
    return c >= 'a' && c <= 'z' ? f[c - 'a'] : 5;
}

static bool literal(const nf__bp_match *m, char c)
{
    /* a space in a pattern stands for a run of whitespace, which normalization makes one space
     * too, except at the edges of a trimmed line: keys never span a space */
    if (c == ' ') return false;
    return m->kind != NF__BP_LIKE || (c != '*' && c != '?' && c != '#');
}

/* The filter key every line matching m must contain (see clean.h), or NF__BP_NO_NEED: the
 * rarest four literal bytes in a row, if there are four. */
static uint32_t needed_key(const nf__bp_rules *r, const nf__bp_match *m)
{
    if (m->kind != NF__BP_CONTAINS && m->kind != NF__BP_SUFFIX && m->kind != NF__BP_LIKE &&
        m->kind != NF__BP_EXACT && m->kind != NF__BP_PREFIX)
        return NF__BP_NO_NEED;
    const unsigned char *p = (const unsigned char *)r->pool + m->pat;
    uint32_t best = NF__BP_NO_NEED;
    int best_score = 1 << 30;
    for (size_t i = 0; i + 3 < m->plen; i++) {
        int score = 0;
        bool ok = true;
        for (size_t k = 0; k < 4 && ok; k++) {
            ok = literal(m, (char)p[i + k]);
            score += byte_freq(p[i + k]);
        }
        if (ok && score < best_score) {
            best_score = score;
            best = nf__bp_gram4(p + i);
        }
    }
    return best;
}

/* Whether rule i goes into a drop-rule index: every drop rule, or only those without a key. */
static bool indexed(const nf__bp_rules *r, size_t i, bool keyless_only)
{
    return r->rule[i].action != NF__BP_STRIP && (!keyless_only || r->need[i] == NF__BP_NO_NEED);
}

/* Index the drop rules (all, or the keyless ones) by first byte into x, in file order. */
static void index_drops(nf__bp_rules *r, nf__bp_index *x, bool keyless_only)
{
    size_t cnt[257] = {0};
    x->ngeneral = 0;
    for (size_t i = 0; i < r->nrules; i++) {
        if (!indexed(r, i, keyless_only)) continue;
        int f = first_byte(r, &r->rule[i]);
        if (f >= 0)
            cnt[f + 1]++;
        else
            x->general[x->ngeneral++] = (uint16_t)i;
    }
    for (int b = 0; b < 256; b++) cnt[b + 1] += cnt[b];
    for (int b = 0; b <= 256; b++) x->first_off[b] = (uint16_t)cnt[b];
    for (size_t i = 0; i < r->nrules; i++) {
        if (!indexed(r, i, keyless_only)) continue;
        int f = first_byte(r, &r->rule[i]);
        if (f >= 0) x->first[cnt[f]++] = (uint16_t)i;
    }
}

static void index_rules(nf__bp_rules *r)
{
    r->nstrips = 0;
    r->nbykey = 0;
    memset(r->needmap, 0, sizeof r->needmap);
    for (size_t i = 0; i < r->nrules; i++) {
        if (r->rule[i].action == NF__BP_STRIP) r->strips[r->nstrips++] = (uint16_t)i;
        uint32_t k = r->need[i] = needed_key(r, &r->rule[i].m);
        if (k == NF__BP_NO_NEED || r->rule[i].action == NF__BP_STRIP) continue;
        r->needmap[k >> 6] |= (uint64_t)1 << (k & 63);
        r->bykey[r->nbykey++] = k << 16 | (uint32_t)i;
    }
    for (size_t a = 1; a < r->nbykey; a++) { /* a few hundred entries, once */
        uint32_t v = r->bykey[a];
        size_t b = a;
        for (; b > 0 && r->bykey[b - 1] > v; b--) r->bykey[b] = r->bykey[b - 1];
        r->bykey[b] = v;
    }
    index_drops(r, &r->all, false);
    index_drops(r, &r->nokey, true);
}

nf_status nf__bp_parse(nf__bp_rules *r, const char *p, size_t n, size_t *bad_line)
{
    if (bad_line) *bad_line = 0;
    r->nrules = r->nagency = r->nnotname = r->used = r->maxline = 0;
    token t;
    size_t line = 0;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - p) : n;
        line++;
        nf_status st = parse_rule_line(r, p + i, e - i, &t);
        if (st != NF_OK) {
            if (bad_line) *bad_line = line;
            return st;
        }
        i = e + 1;
    }
    index_rules(r);
    return NF_OK;
}

static nf__bp_rules g_rules;
static bool g_rules_ok;
static _Atomic int g_once; /* nf__once */

static void load_default(void)
{
    g_rules_ok = nf__bp_parse(&g_rules, (const char *)nf__data_boilerplate_txt,
                              nf__data_boilerplate_txt_len, NULL) == NF_OK;
}

const nf__bp_rules *nf__bp_default(void)
{
    nf__once(&g_once, load_default);
    return g_rules_ok ? &g_rules : NULL;
}

size_t nf__bp_normalize(const nf__bp_rules *r, const char *s, size_t n, char *out, size_t cap)
{
    while (n && (nf__isspace((unsigned char)s[0]) || s[0] == '\0')) s++, n--;
    while (n && (nf__isspace((unsigned char)s[n - 1]) || s[n - 1] == '\0')) n--;
    if (n > r->maxline || n >= cap) return SIZE_MAX;
    size_t k = normalize(s, n, out, false);
    out[k] = '\0'; /* NUL-free by construction (NULs read as spaces): strstr can scan it */
    return k;
}

/* Greedy glob with backtracking to the last star; ? and # are one-byte classes. */
static bool glob(const char *p, size_t pn, const char *s, size_t sn)
{
    size_t pi = 0, si = 0, star = SIZE_MAX, mark = 0;
    while (si < sn) {
        char pc = pi < pn ? p[pi] : '\0';
        if (pi < pn && pc != '*' &&
            (pc == '?' || (pc == '#' ? nf__isdigit((unsigned char)s[si]) : pc == s[si]))) {
            pi++;
            si++;
        } else if (pi < pn && pc == '*') {
            star = pi++;
            mark = si;
        } else if (star != SIZE_MAX) {
            pi = star + 1;
            si = ++mark;
        } else {
            return false;
        }
    }
    while (pi < pn && p[pi] == '*') pi++;
    return pi == pn;
}

size_t nf__bp_bullet_len(const char *s, size_t n)
{
    size_t k = 0;
    unsigned char c = n ? (unsigned char)s[0] : 0;
    if (c == '-' && n > 1 && s[1] == '-') {
        k = 2; /* wire copy: "--stock more vehicles" */
        if (n > 2 && (s[2] == '-' || nf__isdigit((unsigned char)s[2]))) return 0;
        while (k < n && nf__isspace((unsigned char)s[k])) k++;
        return k < n ? k : 0;
    }
    if (c == '-' || c == '*' || c == '+')
        k = 1;
    else if (c == 0xC2 && n > 1 && (unsigned char)s[1] == 0xB7)
        k = 2; /* middle dot */
    else if (c == 0xE2 && n > 2) {
        unsigned char c1 = (unsigned char)s[1], c2 = (unsigned char)s[2];
        if ((c1 == 0x80 && (c2 == 0xA2 || c2 == 0x93 || c2 == 0x94)) || /* bullet, dashes */
            (c1 == 0x96 && (c2 == 0xAA || c2 == 0xBA || c2 == 0xA0)) || /* squares, pointer */
            (c1 == 0x97 && (c2 == 0x8F || c2 == 0xA6)))                 /* circles */
            k = 3;
    } else if (nf__isdigit(c)) {
        while (k < n && k < 3 && nf__isdigit((unsigned char)s[k])) k++;
        if (k >= n || (s[k] != '.' && s[k] != ')')) return 0;
        k++;
    }
    if (k == 0 || k >= n || !nf__isspace((unsigned char)s[k])) return 0;
    while (k < n && nf__isspace((unsigned char)s[k])) k++;
    return k < n ? k : 0;
}

/* Symbols and punctuation outside ASCII count as "no letter": dashes, bullets, box drawing... */
static bool has_alnum(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += nf__utf8_decode(s + i, n - i, &cp);
        if (cp < 0x80) {
            if (nf__isalnum((int)cp)) return true;
        } else if (!(cp < 0xC0 || (cp >= 0x2000 && cp < 0x2C00) || (cp >= 0x3000 && cp < 0x3040) ||
                     (cp >= 0xFE30 && cp < 0xFE50) || (cp >= 0xFF00 && cp < 0xFF10) ||
                     cp == 0xFFFD || cp == 0xD7 || cp == 0xF7)) {
            return true;
        }
    }
    return false;
}

bool nf__bp_match_line(const nf__bp_rules *r, const nf__bp_match *m, size_t rawlen,
                       const char *norm, size_t nlen)
{
    if (rawlen > m->max) return false;
    const char *pat = r->pool + m->pat;
    size_t pn = m->plen;
    switch (m->kind) {
    case NF__BP_EXACT: return nlen == pn && memcmp(norm, pat, pn) == 0;
    case NF__BP_PREFIX: return nlen >= pn && memcmp(norm, pat, pn) == 0;
    case NF__BP_SUFFIX: return nlen >= pn && memcmp(norm + nlen - pn, pat, pn) == 0;
    case NF__BP_CONTAINS:
        /* norm and the pooled pattern are NUL-terminated and NUL-free: libc's strstr is far
         * faster than a byte loop over ~100 patterns per line */
        return nlen >= pn && strstr(norm, pat) != NULL;
    case NF__BP_LIKE: {
        /* cheap rejections first: most lines fail on the first or the last literal byte */
        char f = pat[0], l = pat[pn - 1];
        if (!nlen) return pn == 0 || (pn == 1 && f == '*');
        if (f != '*' && f != '?' && f != '#' && f != norm[0]) return false;
        if (l != '*' && l != '?' && l != '#' && l != norm[nlen - 1]) return false;
        return glob(pat, pn, norm, nlen);
    }
    case NF__BP_LIST: return nf__bp_bullet_len(norm, nlen) > 0;
    case NF__BP_NOALNUM: return nlen > 0 && !has_alnum(norm, nlen);
    default: return false;
    }
}

size_t nf__bp_prefix_len(const nf__bp_rules *r, const nf__bp_match *m, const char *s, size_t n)
{
    const char *pat = r->pool + m->pat;
    size_t pi = 0, i = 0;
    if (m->kind != NF__BP_PREFIX) return 0;
    while (pi < m->plen) {
        if (i >= n) return 0;
        unsigned char c = (unsigned char)s[i];
        if (pat[pi] == ' ') {
            if (!nf__isspace(c) && c != '\0') return 0;
            while (i < n && (nf__isspace((unsigned char)s[i]) || s[i] == '\0')) i++;
            pi++;
        } else if (nf__tolower(c) == (unsigned char)pat[pi]) {
            i++;
            pi++;
        } else if (pat[pi] == '\'' && c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99)) {
            i += 3;
            pi++;
        } else {
            return 0;
        }
    }
    return i;
}
