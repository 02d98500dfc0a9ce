/* clean.c - split a document into blocks, drop boilerplate lines, strip datelines and bylines.
 *
 * Units are lines (or the ingest's blocks for HTML). Each unit is judged on its own text, with
 * only two pieces of context: a drop-section header drops the units after it while they match its
 * `while` matchers, and in a hard-wrapped document a paragraph whose first line is dropped is
 * dropped whole (a wrapped copyright notice). Since a kept line never matches a rule by itself,
 * cleaning the kept text again drops nothing: the idempotence property the tests check.
 *
 * Blocks are the kept units, except in hard-wrapped text where the kept lines of one paragraph
 * form one block (a new block also starts after a dropped line and at a bullet). Offsets only:
 * stripping moves a block's start, the text is never rewritten.
 */
#include "clean.h"

#include <string.h>

typedef struct unit {
    uint32_t s, e; /* trimmed line */
    uint32_t para; /* paragraph number (blank lines separate paragraphs) */
    bool first;    /* first line of its paragraph */
} unit;

static bool blank(unsigned char c) { return nf__isspace(c) || c == '\0'; }

static void trim(const char *t, uint32_t *s, uint32_t *e)
{
    while (*s < *e && blank((unsigned char)t[*s])) (*s)++;
    while (*e > *s && blank((unsigned char)t[*e - 1])) (*e)--;
}

/* Code points of t[s, e): wrapped text is measured in columns. */
static size_t columns(const char *t, uint32_t s, uint32_t e)
{
    size_t n = 0;
    uint32_t i = s;
#if defined(__SSE2__)
    /* sixteen at a time: a byte starts a code point unless it is 0x80..0xBF (signed, below -64) */
    const __m128i cont = _mm_set1_epi8((char)0xBF);
    for (; i + 16 <= e; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(t + i));
        n += nf__popcount((unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(v, cont)));
    }
#endif
    for (; i < e; i++)
        if (((unsigned char)t[i] & 0xC0) != 0x80) n++;
    return n;
}

/* Whether the line ends a sentence: . ! ? : ; or an ellipsis, possibly inside closing quotes or
 * brackets. */
static bool final_punct(const char *t, uint32_t s, uint32_t e)
{
    while (e > s) {
        unsigned char c = (unsigned char)t[e - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']') {
            e--;
        } else if (e - s >= 3 && (unsigned char)t[e - 3] == 0xE2 &&
                   (unsigned char)t[e - 2] == 0x80 &&
                   ((unsigned char)t[e - 1] == 0x9D || (unsigned char)t[e - 1] == 0x99)) {
            e -= 3; /* closing curly quote */
        } else {
            break;
        }
    }
    if (e == s) return false;
    unsigned char c = (unsigned char)t[e - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') return true;
    return e - s >= 3 && (unsigned char)t[e - 3] == 0xE2 && (unsigned char)t[e - 2] == 0x80 &&
           (unsigned char)t[e - 1] == 0xA6;
}

/* Hard-wrapped text: paragraphs of several lines filled to a fixed width (40-100 columns). A line
 * counts as filled when the next line's first word would not have fitted after it, which is what
 * a greedy wrapper guarantees and a list of short lines rarely shows; and wrapped prose mostly
 * breaks mid-sentence, so many lines do not end in punctuation and the next starts in lowercase. */
static bool hard_wrapped(const char *t, const unit *u, size_t n)
{
    if (n < 3) return false;
    size_t maxw = 0;
    for (size_t i = 0; i < n; i++) {
        size_t w = columns(t, u[i].s, u[i].e);
        if (w > maxw) maxw = w;
    }
    if (maxw < 30 || maxw > 100) return false;
    size_t cont = 0, filled = 0, open = 0, longish = 0, midsentence = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (u[i + 1].para != u[i].para) continue;
        cont++;
        size_t w = columns(t, u[i].s, u[i].e);
        uint32_t k = u[i + 1].s;
        while (k < u[i + 1].e && !blank((unsigned char)t[k])) k++;
        if (w + 1 + columns(t, u[i + 1].s, k) > maxw) filled++;
        if (!final_punct(t, u[i].s, u[i].e)) open++;
        if (w >= 40) longish++;
        unsigned char c0 = (unsigned char)t[u[i + 1].s];
        if (!nf__isupper(c0) && c0 < 0x80) midsentence++;
    }
    return cont * 2 >= n && filled * 10 >= cont * 6 && open * 10 >= cont * 3 &&
           longish * 10 >= cont * 7 && midsentence * 10 >= cont * 4;
}

static size_t words(const char *t, uint32_t s, uint32_t e)
{
    size_t w = 0;
    for (uint32_t i = s; i < e; i++)
        if (!blank((unsigned char)t[i]) && (i == s || blank((unsigned char)t[i - 1]))) w++;
    return w;
}

static uint8_t block_flags(const char *t, nf__span b, bool list)
{
    if (list) return NF__B_LIST;
    if (b.end - b.start <= 160 && words(t, b.start, b.end) <= 20 && !final_punct(t, b.start, b.end))
        return NF__B_HEADLINE;
    return 0;
}

typedef struct cleaner {
    const nf__bp_rules *r;
    const char *t;
    char norm[NF__BP_MAX_LINE + 1];
} cleaner;

/* Per thread, all zero between lines: the fallback of match_drop sets the bits of the line's
 * keys here and clears them again, so no line pays for clearing 8 KiB. */
static _Thread_local uint64_t line_keys[1024];

/* The rules that the line's keys admit (ascending, no repeats) into cand; false when there are
 * more than cap. */
static bool admitted(const nf__bp_rules *r, const uint16_t *keys, size_t nkeys, uint16_t *cand,
                     size_t cap, size_t *ncand)
{
    size_t n = 0;
    for (size_t k = 0; k < nkeys; k++) {
        uint32_t lo = (uint32_t)keys[k] << 16;
        size_t a = 0, b = r->nbykey; /* first entry >= lo */
        while (a < b) {
            size_t m = (a + b) / 2;
            if (r->bykey[m] < lo)
                a = m + 1;
            else
                b = m;
        }
        for (; a < r->nbykey && r->bykey[a] >> 16 == keys[k]; a++) {
            uint16_t i = (uint16_t)(r->bykey[a] & 0xFFFF);
            size_t j = n;
            while (j > 0 && cand[j - 1] > i) j--;
            if (j > 0 && cand[j - 1] == i) continue;
            if (n == cap) return false;
            memmove(cand + j + 1, cand + j, (n - j) * sizeof *cand);
            cand[j] = i;
            n++;
        }
    }
    *ncand = n;
    return true;
}

/* The first drop rule (line or section header) matching t[s, e), or NULL. Rules are tried in
 * file order, so the first that matches is the one a plain scan would find; only rules that can
 * match are tried: those of the line's first byte and the general ones (nf__bp_index), and of
 * those with a key only the ones whose key the line has. */
static const nf__bp_rule *match_drop(cleaner *c, uint32_t s, uint32_t e)
{
    size_t nn = nf__bp_normalize(c->r, c->t + s, e - s, c->norm, sizeof c->norm);
    if (nn == SIZE_MAX) return NULL;
    const nf__bp_rules *r = c->r;
    const unsigned char *u = (const unsigned char *)c->norm;
    uint16_t keys[NF__BP_MAX_LINE]; /* the line's four-byte runs that some rule needs */
    size_t nkeys = 0;
    for (size_t k = 0; k + 3 < nn; k++) {
        uint32_t q = nf__bp_gram4(u + k);
        if (r->needmap[q >> 6] >> (q & 63) & 1) keys[nkeys++] = (uint16_t)q;
    }
    uint16_t cand[64];
    size_t nc = 0;
    /* with too many admitted rules (a line stuffed with keys), walk every rule instead */
    const nf__bp_index *x = &r->nokey;
    if (nkeys && !admitted(r, keys, nkeys, cand, NF__ARRAY_LEN(cand), &nc)) {
        x = &r->all;
        nc = 0;
        for (size_t k = 0; k < nkeys; k++) line_keys[keys[k] >> 6] |= (uint64_t)1 << (keys[k] & 63);
    }
    unsigned char b = nn ? (unsigned char)c->norm[0] : 0;
    size_t fi = nn ? x->first_off[b] : 0, fe = nn ? x->first_off[b + 1] : 0, gi = 0, ci = 0;
    const nf__bp_rule *hit = NULL;
    for (;;) {
        /* the smallest rule index of the three sorted lists */
        size_t i = SIZE_MAX;
        if (fi < fe) i = x->first[fi];
        if (gi < x->ngeneral && x->general[gi] < i) i = x->general[gi];
        if (ci < nc && cand[ci] < i) i = cand[ci];
        if (i == SIZE_MAX) break;
        if (fi < fe && x->first[fi] == i)
            fi++;
        else if (gi < x->ngeneral && x->general[gi] == i)
            gi++;
        else
            ci++;
        uint32_t need = r->need[i];
        if (x == &r->all && need != NF__BP_NO_NEED && !(line_keys[need >> 6] >> (need & 63) & 1))
            continue;
        const nf__bp_rule *ru = &r->rule[i];
        if (nf__bp_match_line(r, &ru->m, e - s, c->norm, nn)) {
            hit = ru;
            break;
        }
    }
    if (x == &r->all)
        for (size_t k = 0; k < nkeys; k++) line_keys[keys[k] >> 6] = 0;
    return hit;
}

static bool match_while(cleaner *c, const nf__bp_rule *sec, uint32_t s, uint32_t e)
{
    size_t nn = nf__bp_normalize(c->r, c->t + s, e - s, c->norm, sizeof c->norm);
    if (nn == SIZE_MAX) return false;
    for (size_t i = 0; i < sec->nwhile; i++)
        if (nf__bp_match_line(c->r, &sec->cont[i], e - s, c->norm, nn)) return true;
    return false;
}

/* Move s past datelines, bylines and stripped labels, repeatedly ("By X" then "CITY (AP) --").
 * *rule names the last strip that applied. */
static uint32_t strip(cleaner *c, uint32_t s, uint32_t e, const char **rule)
{
    for (int round = 0; round < 8 && s < e; round++) {
        size_t k = 0;
        const nf__bp_rule *hit = NULL;
        for (size_t j = 0; j < c->r->nstrips && !k; j++) {
            const nf__bp_rule *ru = &c->r->rule[c->r->strips[j]];
            const char *p = c->t + s;
            size_t n = e - s;
            if (ru->strip == NF__BP_STRIP_DATELINE)
                k = nf__bp_dateline(c->r, p, n);
            else if (ru->strip == NF__BP_STRIP_BYLINE)
                k = nf__bp_byline(c->r, p, n);
            else
                k = nf__bp_prefix_len(c->r, &ru->m, p, n);
            hit = ru;
        }
        if (!k) break;
        *rule = hit->name;
        s += (uint32_t)k;
        while (s < e && blank((unsigned char)c->t[s])) s++;
    }
    return s;
}

/* Lines of the text (or the ingest's blocks) as trimmed, non-empty units. */
static nf_status split_units(nf__arena *a, const nf__doc *d, unit **out, size_t *nout)
{
    size_t cap = 1;
    if (d->src_blocks)
        cap = d->nsrc_blocks + 1;
    else
        for (const char *p = d->text, *end = d->text + d->len;
             (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
            cap++;
    unit *u = nf__arena_alloc(a, cap * sizeof *u);
    if (!u) return NF_ENOMEM;
    size_t n = 0;
    uint32_t para = 0;
    bool new_para = true;
    if (d->src_blocks) {
        for (size_t i = 0; i < d->nsrc_blocks; i++) {
            uint32_t s = d->src_blocks[i].start, e = d->src_blocks[i].end;
            if (e > d->len || s > e) continue;
            trim(d->text, &s, &e);
            if (s < e) u[n++] = (unit){s, e, (uint32_t)i, true};
        }
    } else {
        uint32_t s = 0;
        for (size_t i = 0; i <= d->len; i++) {
            if (i < d->len) {
                const char *nl = memchr(d->text + i, '\n', d->len - i);
                i = nl ? (size_t)(nl - d->text) : d->len;
            }
            uint32_t a0 = s, b0 = (uint32_t)i;
            trim(d->text, &a0, &b0);
            if (a0 < b0) {
                u[n++] = (unit){a0, b0, para, new_para};
                new_para = false;
            } else if (!new_para) {
                para++;
                new_para = true;
            }
            s = (uint32_t)i + 1;
        }
    }
    *out = u;
    *nout = n;
    return NF_OK;
}

nf_status nf__clean_doc_rules(nf__arena *a, nf__doc *d, unsigned flags, const nf__bp_rules *r)
{
    d->blocks = NULL;
    d->block_flags = NULL;
    d->nblocks = 0;
    d->dropped = NULL;
    d->ndropped = 0;
    unit *u;
    size_t n;
    nf_status st = split_units(a, d, &u, &n);
    if (st != NF_OK) return st;
    size_t cap = n ? n : 1;
    d->blocks = nf__arena_alloc(a, cap * sizeof *d->blocks);
    d->block_flags = nf__arena_calloc(a, cap, 1);
    bool *list = nf__arena_calloc(a, cap, sizeof *list);
    bool keep = (flags & NF_OPT_KEEP_BOILERPLATE) != 0;
    d->dropped = keep ? NULL : nf__arena_alloc(a, cap * sizeof *d->dropped);
    cleaner *c = nf__arena_alloc(a, sizeof *c);
    if (!d->blocks || !d->block_flags || !list || !c || (!keep && !d->dropped)) return NF_ENOMEM;
    c->r = r;
    c->t = d->text;

    bool wrapped = !d->src_blocks && hard_wrapped(d->text, u, n);
    const nf__bp_rule *section = NULL;
    const char *para_rule = NULL;
    uint32_t para_drop = 0;
    bool open = false; /* the last block may still grow (same paragraph, wrapped text) */
    for (size_t i = 0; i < n; i++) {
        uint32_t s = u[i].s, e = u[i].e;
        bool bullet = nf__bp_bullet_len(d->text + s, e - s) > 0;
        bool joins = wrapped && open && u[i - 1].para == u[i].para && !bullet;
        const char *rule = NULL;
        if (!keep) {
            if (section && match_while(c, section, s, e))
                rule = section->name;
            else
                section = NULL;
            if (para_rule && u[i].para != para_drop) para_rule = NULL;
            if (!rule && para_rule) rule = para_rule;
            if (!rule) {
                const nf__bp_rule *hit = match_drop(c, s, e);
                if (!hit && !joins) {
                    const char *sname = NULL;
                    uint32_t s2 = strip(c, s, e, &sname);
                    if (s2 >= e)
                        rule = sname;
                    else if (s2 > s && (hit = match_drop(c, s2, e)) == NULL)
                        s = s2;
                }
                if (hit) {
                    rule = hit->name;
                    if (hit->action == NF__BP_DROP_SECTION) section = hit;
                    if (wrapped && u[i].first) {
                        para_rule = hit->name;
                        para_drop = u[i].para;
                    }
                }
            }
        }
        if (rule) {
            d->dropped[d->ndropped++] = (nf__dropped){u[i].s, u[i].e, rule};
            open = false;
            continue;
        }
        if (joins) {
            d->blocks[d->nblocks - 1].end = e;
        } else {
            list[d->nblocks] = bullet;
            d->blocks[d->nblocks++] = (nf__span){s, e};
        }
        open = true;
    }
    for (size_t b = 0; b < d->nblocks; b++)
        d->block_flags[b] = block_flags(d->text, d->blocks[b], list[b]);
    return NF_OK;
}

nf_status nf__clean_doc(nf__arena *a, nf__doc *d, unsigned flags)
{
    const nf__bp_rules *r = nf__bp_default();
    if (!r) return NF_EINTERNAL; /* data/boilerplate.txt does not parse: a build-time bug */
    return nf__clean_doc_rules(a, d, flags, r);
}
