/* names.c - people and bodies: the cluster's name registry and the analysis of a source phrase.
 *
 * The registry is built from capitalized phrases (titles split off: "Chief Fire Officer Margit
 * Olander" is the person "Margit Olander" with that role). Keys fold case, drop "the" and
 * punctuation and read "ministry of defense" as "defense ministry", so the spellings of one body
 * meet; data/brief_aliases.txt maps other names of the same body ("CENTCOM") to one. A source
 * phrase ("Washington's ambassador to the UN, Samantha Power", "Russian military officials",
 * "the agency", "she") is resolved to a registry name, a generic body, or an unnamed source. */
#include "brief.h"

#include <string.h>

static const char *alias_of(const nf__bw *w, const char *key)
{
    const nf__aliases *t = w->tb ? w->tb->al : NULL;
    if (!t || !t->cap) return NULL;
    size_t h = (size_t)nf__name_hkey(key) & (t->cap - 1);
    while (t->map[h]) {
        size_t i = t->map[h] - 1;
        if (strcmp(t->from[i], key) == 0) return t->to[i];
        h = (h + 1) & (t->cap - 1);
    }
    return NULL;
}

static uint32_t word_bucket(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ull;
    }
    return (uint32_t)(h & (NF__CHAINS - 1));
}

uint32_t nf__name_bucket(const char *p, size_t n) { return word_bucket(p, n); }

nf__brief_tables *nf__brief_tables_new(const nf_allocator *al)
{
    nf__arena *a = nf__arena_new(al);
    if (!a) return NULL;
    nf__brief_tables *t = nf__arena_calloc(a, 1, sizeof *t);
    if (!t) {
        nf__arena_free(a);
        return NULL;
    }
    t->a = a;
    t->lx = nf__lexicon_new();
    t->al = &nf__aliases_builtin;
    return t;
}

void nf__brief_tables_free(nf__brief_tables *t)
{
    if (t) nf__arena_free(t->a);
}

int32_t nf__name_lookup(const nf__bw *w, const char *p, size_t n)
{
    char key[256];
    nf__name_key(p, n, key, sizeof key);
    if (!key[0] || !w->name_cap) return -1;
    const char *canon = alias_of(w, key);
    if (canon) nf__name_key(canon, strlen(canon), key, sizeof key);
    size_t h = (size_t)nf__name_hkey(key) & (w->name_cap - 1);
    while (w->name_map[h]) {
        const nf__name *nm = &w->names[w->name_map[h] - 1];
        if (strcmp(nm->key, key) == 0) return (int32_t)(w->name_map[h] - 1);
        h = (h + 1) & (w->name_cap - 1);
    }
    return -1;
}

static bool rehash(nf__bw *w)
{
    size_t nc = w->name_cap ? w->name_cap * 2 : 256;
    uint32_t *m = nf__arena_calloc(w->a, nc, sizeof *m);
    if (!m) return false;
    for (size_t i = 0; i < w->nnames; i++) {
        size_t h = (size_t)nf__name_hkey(w->names[i].key) & (nc - 1);
        while (m[h]) h = (h + 1) & (nc - 1);
        m[h] = (uint32_t)i + 1;
    }
    w->name_map = m;
    w->name_cap = nc;
    return true;
}

static void mark_doc(nf__bw *w, nf__name *nm, uint32_t doc)
{
    nm->nmentions++;
    if (!nf__name_in_doc(nm, doc)) {
        nm->ndocs++;
        nm->last_doc = (int32_t)doc;
        nm->bits[doc / 64] |= (uint64_t)1 << (doc % 64);
    }
    (void)w;
}

static size_t raw_hash(const char *p, size_t n)
{
    size_t h = (size_t)nf__hash64(p, n); /* eight bytes a step */
    return h ^ (h >> 17);
}

static size_t raw_slot(const nf__bw *w, const char *p, size_t n, size_t h)
{
    size_t k = h & (w->raw_cap - 1);
    while (w->raw_p[k] && !(w->raw_n[k] == n && memcmp(w->raw_p[k], p, n) == 0))
        k = (k + 1) & (w->raw_cap - 1);
    return k;
}

static bool raw_put(nf__bw *w, const char *p, size_t n, int32_t id)
{
    if ((w->nraw + 1) * 2 > w->raw_cap) {
        size_t nc = w->raw_cap ? w->raw_cap * 2 : 1024;
        const char **np = nf__arena_calloc(w->a, nc, sizeof *np);
        uint32_t *nn = nf__arena_alloc(w->a, nc * sizeof *nn);
        int32_t *ni = nf__arena_alloc(w->a, nc * sizeof *ni);
        if (!np || !nn || !ni) return false;
        const char **op = w->raw_p;
        uint32_t *on = w->raw_n;
        int32_t *oi = w->raw_id;
        size_t oc = w->raw_cap;
        w->raw_p = np;
        w->raw_n = nn;
        w->raw_id = ni;
        w->raw_cap = nc;
        for (size_t i = 0; i < oc; i++)
            if (op[i]) {
                size_t k = raw_slot(w, op[i], on[i], raw_hash(op[i], on[i]));
                w->raw_p[k] = op[i];
                w->raw_n[k] = on[i];
                w->raw_id[k] = oi[i];
            }
    }
    size_t k = raw_slot(w, p, n, raw_hash(p, n));
    if (w->raw_p[k]) return true;
    w->raw_p[k] = nf__arena_strndup(w->a, p, n);
    if (!w->raw_p[k]) return false;
    w->raw_n[k] = (uint32_t)n;
    w->raw_id[k] = id;
    w->nraw++;
    return true;
}

static void found(nf__bw *w, nf__name *nm, int kind, uint32_t doc)
{
    if (kind == NK_BODY || (kind == NK_PERSON && nm->kind == NK_NONE)) nm->kind = kind;
    if (doc != UINT32_MAX) mark_doc(w, nm, doc);
}

int32_t nf__name_intern(nf__bw *w, const char *p, size_t n, int kind, uint32_t doc)
{
    if (w->raw_cap && n < 200) {
        size_t k = raw_slot(w, p, n, raw_hash(p, n));
        if (w->raw_p[k]) {
            found(w, &w->names[w->raw_id[k]], kind, doc);
            return w->raw_id[k];
        }
    }
    int32_t id = nf__name_intern_key(w, p, n, kind, doc);
    if (id >= 0 && n < 200 && !raw_put(w, p, n, id)) return -2;
    return id;
}

int32_t nf__name_intern_key(nf__bw *w, const char *p, size_t n, int kind, uint32_t doc)
{
    char key[256];
    nf__name_key(p, n, key, sizeof key);
    if (!key[0]) return -1;
    const char *canon = alias_of(w, key);
    if (canon) nf__name_key(canon, strlen(canon), key, sizeof key);
    if ((w->nnames + 1) * 2 > w->name_cap && !rehash(w)) return -2;
    size_t h = (size_t)nf__name_hkey(key) & (w->name_cap - 1);
    while (w->name_map[h]) {
        nf__name *nm = &w->names[w->name_map[h] - 1];
        if (strcmp(nm->key, key) == 0) {
            found(w, nm, kind, doc);
            return (int32_t)(w->name_map[h] - 1);
        }
        h = (h + 1) & (w->name_cap - 1);
    }
    void *q = w->names;
    if (!nf__bw_grow(w, &q, &w->capnames, w->nnames + 1, sizeof *w->names)) return -2;
    w->names = q;
    nf__name *nm = &w->names[w->nnames];
    memset(nm, 0, sizeof *nm);
    nm->last_doc = -1;
    nm->bits = nf__arena_calloc(w->a, (w->c->ndocs + 63) / 64 + 1, sizeof *nm->bits);
    if (!nm->bits) return -2;
    /* the canonical name lives in the context: the brief gets its own copy */
    nm->name =
        canon ? nf__arena_strndup(w->out, canon, strlen(canon)) : nf__bw_collapse(w, p, 0, n);
    nm->key = nf__arena_strndup(w->out, key, strlen(key));
    const char *sp = strrchr(nm->key ? nm->key : "", ' ');
    nm->last = nm->key ? (sp ? sp + 1 : nm->key) : NULL;
    if (!nm->name || !nm->key) return -2;
    nm->kind = canon ? NK_BODY : kind;
    if (doc != UINT32_MAX) mark_doc(w, nm, doc);
    w->name_map[h] = (uint32_t)w->nnames + 1;
    uint32_t lb = word_bucket(nm->last, strlen(nm->last));
    const char *sp1 = strchr(nm->key, ' ');
    uint32_t fb = word_bucket(nm->key, sp1 ? (size_t)(sp1 - nm->key) : strlen(nm->key));
    nm->next_last = w->last_head[lb];
    w->last_head[lb] = (int32_t)w->nnames;
    nm->next_first = w->first_head[fb];
    w->first_head[fb] = (int32_t)w->nnames;
    return (int32_t)w->nnames++;
}

static size_t nwords(const char *key)
{
    size_t n = *key ? 1 : 0;
    for (; *key; key++) n += *key == ' ';
    return n;
}

int32_t nf__name_by_last(const nf__bw *w, const char *last, size_t n, int kind, uint32_t doc)
{
    char key[128];
    nf__name_key(last, n, key, sizeof key);
    if (!key[0] || strchr(key, ' ')) return -1;
    int32_t best = -1;
    int best_score = -1;
    if (!w->last_head) return -1;
    for (int32_t i = w->last_head[word_bucket(key, strlen(key))]; i >= 0;
         i = w->names[i].next_last) {
        const nf__name *nm = &w->names[i];
        if (nm->kind != kind || strcmp(nm->last, key) != 0 || nwords(nm->key) < 2) continue;
        int score = (int)nm->nmentions + (doc != UINT32_MAX && nf__name_in_doc(nm, doc) ? 1000 : 0);
        if (score > best_score) {
            best_score = score;
            best = (int32_t)i;
        }
    }
    return best;
}

/* ---- the registry pass ---- */

/* Sentence-initial capitalized words and whether the cluster also writes them in lowercase
 * ("Residents said" vs "residents"): such a word is not part of a name. Only the candidates are
 * stored; every lowercase token then probes them with a cheap hash. */
typedef struct lowset {
    const char **p;
    uint32_t *n;
    uint8_t *found;
    size_t cap;
    uint64_t bits[1024]; /* the candidates' nf__lex_hash, 16 bits: a filter for the probes */
} lowset;

static size_t cheap_hash(const char *p, size_t n)
{
    size_t h = n * 0x9E3779B1u;
    h ^= (size_t)nf__tolower((unsigned char)p[0]) * 0x85EBCA77u;
    h ^= (size_t)nf__tolower((unsigned char)p[n - 1]) * 0xC2B2AE3Du;
    h ^= (size_t)nf__tolower((unsigned char)p[n / 2]) * 0x27D4EB2Fu;
    return h ^ (h >> 13);
}

static bool same_fold(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (nf__tolower((unsigned char)a[i]) != nf__tolower((unsigned char)b[i])) return false;
    return true;
}

/* Slot of (p, n) in the set: its own or the empty one where it belongs. */
static size_t low_slot(const lowset *s, const char *p, size_t n)
{
    size_t h = cheap_hash(p, n) & (s->cap - 1);
    while (s->p[h] && !(s->n[h] == n && same_fold(s->p[h], p, n))) h = (h + 1) & (s->cap - 1);
    return h;
}

static bool low_has(const lowset *s, const char *p, size_t n)
{
    size_t h = low_slot(s, p, n);
    return s->p[h] && s->found[h];
}

bool nf__modifier_word(const nf__bw *w, uint32_t doc, const nf__btok *t)
{
    /* "London-based", "US-led", "Kremlin-backed": a compound adjective, not part of a name */
    const char *p = nf__tok_p(w, doc, t);
    size_t n = nf__tok_n(t);
    for (size_t i = n; i-- > 1;)
        if (p[i] == '-') return i + 1 < n && nf__islower((unsigned char)p[i + 1]);
    return false;
}

/* Classify and intern the capitalized run [a, b) of sentence s. */
static nf_status run_name(nf__bw *w, size_t s, uint32_t a, uint32_t b, const lowset *low)
{
    uint32_t doc = w->c->sents[s].doc;
    const char *text = w->c->docs[doc].text;
    /* a sentence-initial common word is not part of the name */
    while (a < b) {
        const nf__btok *t = &w->tok[a];
        bool start = a == w->st0[s] || (a == w->st0[s] + 1 && w->tok[a - 1].kind == BT_PUNCT);
        if (nf__tok_has(t, LX_STARTER | LX_DET | LX_WEEKDAY | LX_MONTH) ||
            nf__modifier_word(w, doc, t) ||
            (start && !(t->fl & BT_ALLCAPS) && !nf__tok_has(t, LX_TITLE | LX_ORG) &&
             (nf__tok_has(t, LX_COMMON) ||
              (!t->li && low_has(low, text + t->start, nf__tok_n(t))))))
            a++;
        else
            break;
    }
    if (a >= b) return NF_OK;
    /* split off a title: the name follows the last title word */
    bool org = false;
    for (uint32_t k = a; k < b; k++)
        if (nf__tok_has(&w->tok[k], LX_ORG)) org = true;
    uint32_t name0 = a;
    int titled = 0;
    for (uint32_t k = a; k < b; k++) {
        if (!nf__tok_has(&w->tok[k], LX_TITLE)) continue;
        uint32_t r = k + 1;
        if (r + 1 < b && nf__tok_is(w, doc, &w->tok[r], "of")) r += 2; /* Secretary of State */
        bool rest_ok = r < b;
        for (uint32_t m = r; m < b; m++)
            if (nf__tok_has(&w->tok[m], LX_TITLE | LX_ORG) || !nf__capword(w, doc, &w->tok[m]))
                rest_ok = false;
        if (rest_ok) {
            name0 = r;
            titled = 1;
            org = false;
        }
    }
    bool all_title = true;
    for (uint32_t k = name0; k < b; k++)
        if (!nf__tok_has(&w->tok[k], LX_TITLE)) all_title = false;
    if (all_title) return NF_OK;
    /* "President of Cyprus", "Minister of Defense": an office, not a person's name (its last
     * word would otherwise take in every mention of the place as a surname) */
    if (!titled && name0 == a && b - a >= 3 && nf__tok_has(&w->tok[a], LX_TITLE) &&
        nf__tok_is(w, doc, &w->tok[a + 1], "of"))
        return NF_OK;
    int kind = NK_NONE;
    size_t ntoks = b - name0;
    const nf__btok *t0 = &w->tok[name0];
    if (org || (ntoks == 1 && (t0->fl & BT_ALLCAPS) && nf__tok_n(t0) <= 8))
        kind = NK_BODY;
    else if (ntoks >= 2 && !titled && (t0->fl & BT_ALLCAPS))
        kind = NK_BODY;
    else if (ntoks >= 2 && !nf__tok_in(w, doc, t0, NF__WL_DEMONYM)) /* not "Israeli Mossad" */
        kind = NK_PERSON;
    int32_t id = nf__name_intern(w, text + w->tok[name0].start,
                                 w->tok[b - 1].end - w->tok[name0].start, kind, doc);
    if (id == -2) return NF_ENOMEM;
    if (id >= 0) {
        nf__name *nm = &w->names[id];
        nm->titled += titled;
        if (a > w->st0[s] && nf__tok_has(&w->tok[a - 1], LX_PLACEPREP)) nm->placed++;
        bool honorific = true; /* "Dr.", "Mr.": titles, not roles */
        for (uint32_t k = a; k < name0; k++)
            if (!(w->tok[k].fl & BT_ABBR)) honorific = false;
        if (titled && !nm->role && !honorific) {
            nm->role = nf__bw_collapse(w, text, w->tok[a].start, w->tok[name0 - 1].end);
            if (!nm->role) return NF_ENOMEM;
        }
    }
    return NF_OK;
}

nf_status nf__brief_names(nf__bw *w)
{
    w->last_head = nf__arena_alloc(w->a, NF__CHAINS * sizeof *w->last_head);
    w->first_head = nf__arena_alloc(w->a, NF__CHAINS * sizeof *w->first_head);
    if (!w->last_head || !w->first_head) return NF_ENOMEM;
    for (size_t k = 0; k < NF__CHAINS; k++) w->last_head[k] = w->first_head[k] = -1;
    nf_cluster *c = w->c;
    /* room for the names at once: at most one per capitalized word, usually a fifth of them */
    size_t want = w->l_cap.n / 4 + 64;
    w->names = nf__arena_alloc(w->a, want * sizeof *w->names);
    if (!w->names) return NF_ENOMEM;
    w->capnames = want;
    size_t mc = 256;
    while (mc < want * 2) mc *= 2;
    w->name_map = nf__arena_calloc(w->a, mc, sizeof *w->name_map);
    if (!w->name_map) return NF_ENOMEM;
    w->name_cap = mc;
    lowset low = {0};
    low.cap = 64;
    while (low.cap < c->nsents * 2 + 8) low.cap *= 2; /* at most one word per sentence */
    low.p = nf__arena_calloc(w->a, low.cap, sizeof *low.p);
    low.n = nf__arena_calloc(w->a, low.cap, sizeof *low.n);
    low.found = nf__arena_calloc(w->a, low.cap, 1);
    if (!low.p || !low.n || !low.found) return NF_ENOMEM;
    for (size_t s = 0; s < c->nsents; s++) {
        const char *text = c->docs[c->sents[s].doc].text;
        for (uint32_t k = w->st0[s]; k < w->st1[s] && k < w->st0[s] + 2; k++) {
            const nf__btok *t = &w->tok[k];
            if (t->kind != BT_WORD || t->li || !(t->fl & BT_CAP) || (t->fl & BT_ALLCAPS)) continue;
            size_t h = low_slot(&low, text + t->start, nf__tok_n(t));
            low.p[h] = text + t->start;
            low.n[h] = (uint32_t)nf__tok_n(t);
            uint32_t hb = (uint32_t)nf__lex_hash(text + t->start, nf__tok_n(t)) & 0xFFFFu;
            low.bits[hb / 64] |= (uint64_t)1 << (hb % 64);
            break;
        }
    }
    /* lexicon words are judged by their classes, so only the other lowercase words probe */
    {
        /* the hashes were taken by the tokenizer: only a filter hit reads the text */
        for (size_t i = 0; i < w->l_low.n; i++) {
            uint32_t hb = w->low_hash[i] & 0xFFFFu;
            if (!(low.bits[hb / 64] >> (hb % 64) & 1u)) continue;
            uint32_t k = w->l_low.v[i];
            const nf__btok *t = &w->tok[k];
            size_t lo = 0, hi = c->nsents; /* the token's sentence, for its document */
            while (hi - lo > 1) {
                size_t mid = lo + (hi - lo) / 2;
                if (w->st0[mid] <= k)
                    lo = mid;
                else
                    hi = mid;
            }
            const char *tp = c->docs[c->sents[lo].doc].text + t->start;
            size_t h = low_slot(&low, tp, nf__tok_n(t));
            if (low.p[h]) low.found[h] = 1;
        }
    }
    /* runs start at the tokenizer's capitalized words, in text order */
    size_t s = 0;
    uint32_t done_to = 0;
    for (size_t ci = 0; ci < w->l_cap.n; ci++) {
        uint32_t k = w->l_cap.v[ci];
        if (k < done_to) continue;
        while (w->st1[s] <= k) s++;
        if (w->sflags[s] & SF_TITLE) continue;
        uint32_t doc = c->sents[s].doc, e = w->st1[s];
        {
            if (nf__tok_has(&w->tok[k], LX_WEEKDAY | LX_MONTH)) continue;
            uint32_t j = k + 1;
            bool orgish = nf__tok_has(&w->tok[k], LX_ORG | LX_TITLE);
            while (j < e && j - k < 10) {
                const nf__btok *t = &w->tok[j];
                if (nf__tok_has(t, LX_WEEKDAY) || (nf__tok_has(t, LX_MONTH) && j > k)) break;
                if ((t->fl & BT_POSS) && nf__tok_n(t) <= 3 &&
                    w->c->docs[doc].text[t->start + nf__tok_n(t) - 1] != 's' && j + 1 < e &&
                    nf__capword(w, doc, &w->tok[j + 1])) {
                    j++; /* "Dockworkers' Union" */
                    continue;
                }
                if (nf__capword(w, doc, t) &&
                    !(t->fl & BT_GLUED && w->tok[j - 1].kind == BT_PUNCT)) {
                    orgish |= nf__tok_has(t, LX_ORG | LX_TITLE);
                    j++;
                } else if (t->kind == BT_WORD && nf__tok_has(t, LX_PARTICLE) && j + 1 < e &&
                           nf__capword(w, doc, &w->tok[j + 1])) {
                    j += 2;
                } else if (orgish && j + 1 < e &&
                           nf__tok_has(&w->tok[j - 1], LX_ORG | LX_TITLE) && /* not "X of Y" */
                           (nf__tok_is(w, doc, t, "of") || nf__tok_is(w, doc, t, "for")) &&
                           nf__capword(w, doc, &w->tok[j + 1]) &&
                           !nf__tok_has(&w->tok[j + 1], LX_STARTER)) {
                    j += 2;
                } else {
                    break;
                }
            }
            nf_status st = run_name(w, s, k, j, &low);
            if (st != NF_OK) return st;
            done_to = j;
        }
    }
    return NF_OK;
}
