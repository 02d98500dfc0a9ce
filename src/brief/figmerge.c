/* figmerge.c - raw figures -> one public figure per (quantity, value), and which are key.
 *
 * Stage 1 groups raw figures by quantity key and value: the key is the event for counts of
 * people ("people killed"), else the counted noun (+ the owner of a count: "votes of Irena
 * Kovač"), the unit, a year the sentence ties it to ("since 2011") and a place ("in Izmit").
 * Qualifier and source do not split a figure: "about 62" and "62" are one value of one quantity,
 * whoever gives it. Stage 2 merges figures of the same value whose quantities only look
 * different ("a 7.4 quake" and "magnitude 7.4"; "45-second quake" and "some 45 seconds"): same
 * unit, same event, and nouns that agree or are missing. Stage 3 (nf__fig_mark_key, after the
 * conflicts) marks the story's main quantities as key. */
#include "figmerge.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct sb {
    char buf[256];
    size_t k;
} sb;

static void sb_add(sb *b, const char *s)
{
    while (*s && b->k + 1 < sizeof b->buf) b->buf[b->k++] = *s++;
}

/* The quantity key: what is counted, its unit and its scope (place excluded: kept apart). */
/* A measuring unit (km, lb, days): the unit says what is measured, and the words after it
 * rarely name a thing ("30 kilometres north", "220 pounds of gold"). */
static bool measure_unit(const char *unit)
{
    return unit && strcmp(unit, "percent") != 0 && strcmp(unit, "points") != 0 &&
           !(strlen(unit) == 3 && nf__isupper((unsigned char)unit[0]));
}

bool nf__fig_time_unit(const char *unit)
{
    static const char *const tu[] = {"seconds",  "minutes", "hours", "days",    "nights",   "weeks",
                                     "weekends", "months",  "years", "decades", "centuries"};
    for (size_t i = 0; unit && i < NF__ARRAY_LEN(tu); i++)
        if (!strcmp(unit, tu[i])) return true;
    return false;
}

static const char *fig_key(nf__bw *w, const nf__rfig *r)
{
    sb b = {{0}, 0};
    bool money = r->unit && strlen(r->unit) == 3 && nf__isupper((unsigned char)r->unit[0]);
    if (r->rate) {
        sb_add(&b, "rate ");
        sb_add(&b, r->head);
    } else if ((measure_unit(r->unit) || money) && !r->owner) {
        /* what follows a unit or an amount rarely names it ("$4 million worth", "$4.8
         * million in gold"): the unit is the quantity, unless a measure noun before the number
         * names it ("a depth of 10 km", "the cost at $45 million") */
        sb_add(&b, r->ev ? nf__event_name(r->ev) : money ? "money" : "measure");
        if (r->measured) {
            sb_add(&b, " ");
            sb_add(&b, r->head);
        }
    } else if (r->ev && r->human) {
        sb_add(&b, "people ");
        sb_add(&b, nf__event_name(r->ev));
    } else {
        sb_add(&b, r->head);
        if (r->ev) {
            sb_add(&b, " ");
            sb_add(&b, nf__event_name(r->ev));
        }
    }
    if (r->owner) {
        sb_add(&b, " of ");
        sb_add(&b, r->owner);
    }
    if (r->unit) {
        sb_add(&b, " |");
        sb_add(&b, r->unit);
    }
    if (r->scope) {
        sb_add(&b, " @");
        sb_add(&b, r->scope);
    }
    return nf__bw_strdup(w, b.buf, b.k);
}

/* The label readers see: "people killed", "votes of Samuel Arndt", "people killed in izmit". */
static const char *fig_label(nf__bw *w, const nf__rfig *r)
{
    sb b = {{0}, 0};
    if (r->ev && r->human) {
        sb_add(&b, "people ");
        sb_add(&b, nf__event_name(r->ev));
    } else {
        sb_add(&b, r->counted);
    }
    if (r->owner) {
        sb_add(&b, " of ");
        sb_add(&b, r->owner);
    }
    if (r->place) {
        sb_add(&b, " in ");
        sb_add(&b, r->place);
    }
    if (r->scope) {
        sb_add(&b, " (since ");
        sb_add(&b, r->scope);
        sb_add(&b, ")");
    }
    return nf__bw_strdup(w, b.buf, b.k);
}

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* "about 30 people" with no event says too little to be compared */
static bool vague_count(const nf__rfig *r)
{
    return (!r->ev && r->human &&
            (!strcmp(r->head, "people") || !strcmp(r->head, "persons") ||
             !strcmp(r->head, "others") || !strcmp(r->head, "person"))) ||
           !strcmp(r->head, "times") || !strcmp(r->head, "things");
}

/* A place scopes a count only where the cluster breaks that quantity down by place ("Izmit
 * 4,179 dead ... Bolu 226 dead"); a quantity given for one place only is the story's own place
 * ("62 soldiers killed near Deir Ezzor airport") and the place is dropped. */
static void drop_lone_places(nf__bw *w, const char **keys)
{
    size_t *with = nf__arena_alloc(w->a, (w->nrf + 1) * sizeof *with), n = 0;
    uint8_t *lone = nf__arena_calloc(w->a, w->nrf + 1, 1);
    if (!with || !lone) return;
    for (size_t i = 0; i < w->nrf; i++)
        if (w->rf[i].place) with[n++] = i;
    for (size_t x = 0; x < n; x++) {
        const nf__rfig *r = &w->rf[with[x]];
        bool other = false;
        for (size_t y = 0; y < n && y < 4096 && !other; y++) {
            const nf__rfig *q = &w->rf[with[y]];
            other = strcmp(keys[with[y]], keys[with[x]]) == 0 && strcmp(q->place, r->place) != 0;
        }
        lone[x] = !other;
    }
    for (size_t x = 0; x < n; x++) /* after the scan: every comparison saw the places */
        if (lone[x]) w->rf[with[x]].place = NULL;
}

/* Stage 1: one entry per (key, place, value, range). */
static nf_status group_raw(nf__bw *w, nf__fm *m)
{
    size_t n = w->nrf, hcap = 64;
    const char **keys = nf__arena_alloc(w->a, (n + 1) * sizeof *keys);
    if (!keys) return NF_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if (!(keys[i] = fig_key(w, &w->rf[i]))) return NF_ENOMEM;
    drop_lone_places(w, keys);
    while (hcap < n * 2 + 2) hcap *= 2;
    uint32_t *ht = nf__arena_calloc(w->a, hcap, sizeof *ht);
    if (!ht) return NF_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const nf__rfig *r = &w->rf[i];
        const char *key = keys[i];
        uint64_t h = nf__hash64(key, strlen(key));
        h ^= nf__hash64(&r->value, sizeof r->value) * 3 +
             nf__hash64(&r->value_max, sizeof r->value_max);
        if (r->place) h ^= nf__hash64(r->place, strlen(r->place)) * 5;
        size_t slot = (size_t)h & (hcap - 1), k = m->n;
        while (ht[slot]) {
            const nf__qf *q = &m->q[ht[slot] - 1];
            if (q->r0->value == r->value && q->r0->value_max == r->value_max &&
                same_str(q->key, key) && same_str(q->r0->place, r->place)) {
                k = ht[slot] - 1;
                break;
            }
            slot = (slot + 1) & (hcap - 1);
        }
        if (k == m->n) {
            ht[slot] = (uint32_t)k + 1;
            nf__qf *q = &m->q[m->n++];
            q->r0 = r;
            q->key = key;
            q->first = i;
            q->date_min = INT32_MAX;
            q->root = k;
        }
        nf__qf *q = &m->q[k];
        m->of[i] = k;
        /* background counts of an earlier year conflict only as tolls ("killed since 2011"):
         * "six quakes since 1939" and "11 quakes since 1939" count different spans */
        bool background =
            r->scope && nf__isdigit((unsigned char)r->scope[0]) && !(r->ev && r->human);
        if (!r->context && !r->rate && !background && !vague_count(r) && q->key[0] &&
            q->key[0] != ' ')
            q->conflictable = 1;
        if (r->partitive && !r->context && q->key[0] != ' ') q->conflictable = 1;
        q->cue_new |= r->update_cue;
        q->cue_old |= r->update_from;
        int32_t dk = w->docdate ? w->docdate[r->doc] : w->c->docs[r->doc].date_key;
        if (dk != INT32_MIN && dk < q->date_min) q->date_min = dk;
    }
    return NF_OK;
}

/* Plural and singular of one noun: "quake" / "quakes", "second" / "seconds". */
static bool same_noun(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la == lb) return strcmp(a, b) == 0;
    if (la + 1 == lb) return b[lb - 1] == 's' && strncmp(a, b, la) == 0;
    if (lb + 1 == la) return a[la - 1] == 's' && strncmp(a, b, lb) == 0;
    return false;
}

/* Stage 2: whether two entries of one value state one quantity. A decimal value is too
 * specific to be two things; a count needs the same event, noun (or no noun) and place. */
static bool same_quantity(const nf__bw *w, const nf__rfig *a, const nf__rfig *b)
{
    if (a->value != b->value || a->value_max != b->value_max) return false;
    if (!same_str(a->unit, b->unit)) return false;
    /* the same words in two reports ("about 30 percent of the world's recoverable uranium
     * reserves"): one figure, however each sentence frames it */
    size_t na = a->end - a->start, nb = b->end - b->start;
    if (na == nb && na > 8 &&
        memcmp(w->c->docs[a->doc].text + a->start, w->c->docs[b->doc].text + b->start, na) == 0)
        return true;
    if (!same_str(a->owner, b->owner)) return false;
    if (!same_str(a->place, b->place)) return false;
    /* a year scope sets a figure apart; a forecast of the same value is the same figure */
    bool ya = a->scope && nf__isdigit((unsigned char)a->scope[0]);
    bool yb = b->scope && nf__isdigit((unsigned char)b->scope[0]);
    if (ya != yb || (ya && strcmp(a->scope, b->scope) != 0)) return false;
    if (a->value != floor(a->value)) return true;
    if (a->ev && b->ev && a->ev != b->ev) return false;
    /* "118 sailors", "118 crewmen", "the 118 men who died": one group of people, when the
     * number is too precise to count two groups (round ones like 1,000 often do) */
    if (a->human && b->human && a->value >= 10 && fmod(a->value, 10) != 0 && !a->unit) return true;
    if (a->human && b->human && a->ev != b->ev) return false;
    if (a->human != b->human && a->head[0] && b->head[0]) return false;
    /* a small number is too common to join a noun to no noun ("three aftershocks", "three") */
    if (a->value < 10 && !a->unit && (!a->head[0] || !b->head[0]) && a->ev != b->ev) return false;
    if (a->value < 10 && !a->unit && !a->ev && (!a->head[0] || !b->head[0])) return false;
    return !a->head[0] || !b->head[0] || same_noun(a->head, b->head) ||
           (a->ev && a->ev == b->ev && a->human == b->human);
}

static size_t find_root(nf__fm *m, size_t k)
{
    while (m->q[k].root != k) k = m->q[k].root = m->q[m->q[k].root].root;
    return k;
}

typedef struct vi {
    double v;
    size_t i;
} vi;

static int cmp_vi(const void *x, const void *y)
{
    const vi *a = x, *b = y;
    if (a->v != b->v) return a->v < b->v ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

static void merge_values(nf__bw *w, nf__fm *m)
{
    vi *ord = nf__arena_alloc(w->a, (m->n + 1) * sizeof *ord);
    if (!ord) return; /* merging is a refinement: without memory the entries stay apart */
    for (size_t k = 0; k < m->n; k++) ord[k] = (vi){m->q[k].r0->value, k};
    qsort(ord, m->n, sizeof *ord, cmp_vi);
    for (size_t i = 0; i < m->n;) {
        size_t j = i + 1;
        while (j < m->n && ord[j].v == ord[i].v) j++;
        for (size_t x = i; x < j && j - i <= 64; x++)
            for (size_t y = i; y < x; y++) {
                size_t rx = find_root(m, ord[x].i), ry = find_root(m, ord[y].i);
                if (rx == ry || !same_quantity(w, m->q[ord[x].i].r0, m->q[ord[y].i].r0)) continue;
                /* the earlier entry is the root; a named noun beats an empty one */
                size_t keep = rx < ry ? rx : ry, drop = rx < ry ? ry : rx;
                m->q[drop].root = keep;
            }
        i = j;
    }
    for (size_t k = 0; k < m->n; k++) m->q[k].gkey = m->q[k].key;
    for (size_t k = 0; k < m->n; k++) {
        size_t r = find_root(m, k);
        const char *sc = m->q[k].r0->scope;
        if (sc && !strcmp(sc, "forecast") && !strstr(m->q[r].gkey, " @forecast")) {
            size_t l = strlen(m->q[r].key);
            char *g = nf__arena_alloc(w->a, l + 11);
            if (g) {
                memcpy(g, m->q[r].key, l);
                memcpy(g + l, " @forecast", 11);
                m->q[r].gkey = g;
            }
        }
        if (r == k) continue;
        nf__qf *q = &m->q[r], *o = &m->q[k];
        q->conflictable |= o->conflictable;
        q->cue_new |= o->cue_new;
        q->cue_old |= o->cue_old;
        if (o->date_min < q->date_min) q->date_min = o->date_min;
        if (!q->r0->head[0] && o->r0->head[0]) q->label_from = o->r0;
    }
}

/* The attribution most of a figure's mentions give (the first on a tie). */
static const char *main_attribution(const nf__bw *w, const nf__fm *m, size_t pub)
{
    const char *best = NULL;
    size_t bestn = 0;
    const size_t *rl = m->raw + m->raw0[pub], nr = m->raw0[pub + 1] - m->raw0[pub];
    for (size_t x = 0; x < nr && x < 256; x++) {
        const char *a = w->rf[rl[x]].attribution;
        if (!a) continue;
        size_t cnt = 0;
        for (size_t y = 0; y < nr && y < 256; y++) cnt += same_str(w->rf[rl[y]].attribution, a);
        if (cnt > bestn) best = a, bestn = cnt;
    }
    return best;
}

/* The qualifier most mentions give; exact on a tie ("62" in three reports, "some 62" in one). */
static nf_qualifier main_qualifier(const nf__bw *w, const nf__fm *m, size_t pub)
{
    size_t cnt[8] = {0};
    for (size_t x = m->raw0[pub]; x < m->raw0[pub + 1]; x++) {
        int q = w->rf[m->raw[x]].qual;
        if (q >= 0 && q < 8) cnt[q]++;
    }
    int best = NF_QUAL_EXACT;
    for (int q = 0; q < 8; q++)
        if (cnt[q] > cnt[best]) best = q;
    return (nf_qualifier)best;
}

/* The raw figures of each public figure, grouped (counting sort, raw order kept). */
static nf_status raw_lists(nf__bw *w, nf__fm *m, size_t nf)
{
    m->raw0 = nf__arena_calloc(w->a, nf + 2, sizeof *m->raw0);
    m->raw = nf__arena_alloc(w->a, (w->nrf + 1) * sizeof *m->raw);
    size_t *fill = nf__arena_calloc(w->a, nf + 1, sizeof *fill);
    if (!m->raw0 || !m->raw || !fill) return NF_ENOMEM;
    for (size_t i = 0; i < w->nrf; i++) m->raw0[m->q[m->of[i]].pub + 1]++;
    for (size_t f = 0; f < nf; f++) m->raw0[f + 1] += m->raw0[f];
    for (size_t i = 0; i < w->nrf; i++) {
        size_t f = m->q[m->of[i]].pub;
        m->raw[m->raw0[f] + fill[f]++] = i;
    }
    return NF_OK;
}

/* Stage 3 output: the public figures, in order of first mention. */
static nf_status build_public(nf__bw *w, nf__fm *m, nf_brief *b)
{
    nf_figure *F = nf__arena_calloc(b->arena, m->n + 1, sizeof *F);
    size_t *pub = nf__arena_alloc(w->a, (m->n + 1) * sizeof *pub);
    if (!F || !pub) return NF_ENOMEM;
    size_t nf = 0;
    for (size_t k = 0; k < m->n; k++) {
        if (m->q[k].root != k) continue;
        const nf__rfig *r = m->q[k].r0, *lab = m->q[k].label_from ? m->q[k].label_from : r;
        nf_figure *f = &F[nf];
        f->value = r->value;
        f->value_max = r->value_max;
        f->is_range = r->is_range;
        f->qualifier = (nf_qualifier)r->qual;
        f->unit = r->unit;
        f->counted = lab->counted ? lab->counted : "";
        f->quantity = fig_label(w, lab);
        f->text = nf__bw_collapse(w, w->c->docs[r->doc].text, r->start, r->end);
        if (!f->quantity || !f->text) return NF_ENOMEM;
        pub[k] = nf++;
    }
    for (size_t k = 0; k < m->n; k++) m->q[k].pub = pub[m->q[k].root];
    m->npub = nf;
    nf_status st = raw_lists(w, m, nf);
    if (st != NF_OK) return st;
    for (size_t p = 0; p < nf; p++) {
        nf_figure *f = &F[p];
        size_t r0 = m->raw0[p], nr = m->raw0[p + 1] - r0;
        nf_mention *M = nf__arena_alloc(b->arena, (nr + 1) * sizeof *M);
        if (!M) return NF_ENOMEM;
        for (size_t x = 0; x < nr; x++) {
            const nf__rfig *r = &w->rf[m->raw[r0 + x]];
            if (!x || M[x - 1].doc != r->doc) f->ndocs++; /* raw figures are in document order */
            M[x] = (nf_mention){r->doc, r->start, r->end};
        }
        f->mentions = M;
        f->nmentions = nr;
        f->qualifier = main_qualifier(w, m, p);
        f->attribution = main_attribution(w, m, p);
    }
    b->figures = F;
    b->nfigures = nf;
    return NF_OK;
}

nf_status nf__fig_merge(nf__bw *w, nf__fm *m, nf_brief *b)
{
    size_t n = w->nrf;
    m->q = nf__arena_calloc(w->a, n + 1, sizeof *m->q);
    m->of = nf__arena_alloc(w->a, (n + 1) * sizeof *m->of);
    if (!m->q || !m->of) return NF_ENOMEM;
    m->n = 0;
    nf_status st = group_raw(w, m);
    if (st != NF_OK) return st;
    merge_values(w, m);
    return build_public(w, m, b);
}

/* How many documents use a word: lowercase words outside the lexicon, a plural and its singular
 * as one ("aftershock", "aftershocks"). Open addressing on a hash of the word. */
typedef struct wdocs {
    uint64_t *key;
    uint32_t *ndocs, *last;
    size_t cap;
} wdocs;

static uint64_t word_key(const char *p, size_t n)
{
    char buf[64];
    if (n > sizeof buf) n = sizeof buf;
    size_t i = 0;
    while (i < n && !nf__isupper((unsigned char)p[i])) i++;
    if (i < n) { /* fold a copy; most words are lowercase already and are hashed in place */
        for (size_t j = 0; j < n; j++) buf[j] = (char)nf__tolower((unsigned char)p[j]);
        p = buf;
    }
    if (n > 3 && p[n - 1] == 's') n--;
    return nf__hash64(p, n) | 1; /* 0 marks an empty slot */
}

/* Only the words a small count may name are counted: a token is hashed when its first letter
 * and length (singular or plural) are those of such a noun. */
typedef struct wfilter {
    uint64_t len[26]; /* per first letter a-z: bit L for a length L < 64 */
    bool any;
} wfilter;

static void wfilter_add(wfilter *f, const char *word)
{
    size_t n = strlen(word);
    int c = nf__tolower((unsigned char)word[0]) - 'a';
    if (c < 0 || c >= 26 || n == 0 || n >= 63) return;
    if (n > 3 && word[n - 1] == 's') n--;
    f->len[c] |= (uint64_t)1 << n | (uint64_t)1 << (n + 1);
    f->any = true;
}

static bool wfilter_has(const wfilter *f, const char *p, size_t n)
{
    int c = nf__tolower((unsigned char)p[0]) - 'a';
    return c >= 0 && c < 26 && n < 64 && (f->len[c] >> n & 1);
}

/* The slot of key h: its own, or the empty one where it goes. */
static size_t wdocs_slot(const wdocs *t, uint64_t h)
{
    size_t slot = (size_t)h & (t->cap - 1);
    while (t->key[slot] && t->key[slot] != h) slot = (slot + 1) & (t->cap - 1);
    return slot;
}

/* A table of cap slots holding the entries of old (when not NULL). */
static bool wdocs_resize(nf__bw *w, wdocs *t, size_t cap)
{
    wdocs o = *t;
    t->cap = cap;
    t->key = nf__arena_calloc(w->a, cap, sizeof *t->key);
    t->ndocs = nf__arena_alloc(w->a, cap * sizeof *t->ndocs);
    t->last = nf__arena_alloc(w->a, cap * sizeof *t->last);
    if (!t->key || !t->ndocs || !t->last) return false;
    for (size_t i = 0; i < o.cap; i++)
        if (o.key[i]) {
            size_t slot = wdocs_slot(t, o.key[i]);
            t->key[slot] = o.key[i];
            t->ndocs[slot] = o.ndocs[i];
            t->last[slot] = o.last[i];
        }
    return true;
}

/* Grows with the distinct words that pass the filter (few), not with the lowercase words. */
static bool word_docs_build(nf__bw *w, wdocs *t, const wfilter *flt)
{
    size_t n = w->l_low.n, used = 0;
    *t = (wdocs){NULL, NULL, NULL, 0};
    if (!wdocs_resize(w, t, 256)) return false;
    size_t s = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t k = w->l_low.v[i];
        while (s + 1 < w->c->nsents && w->st1[s] <= k) s++;
        uint32_t doc = w->c->sents[s].doc;
        const nf__btok *tk = &w->tok[k];
        if (!wfilter_has(flt, w->c->docs[doc].text + tk->start, nf__tok_n(tk))) continue;
        uint64_t h = word_key(w->c->docs[doc].text + tk->start, nf__tok_n(tk));
        size_t slot = wdocs_slot(t, h);
        if (!t->key[slot]) {
            if ((used + 1) * 2 > t->cap) {
                if (!wdocs_resize(w, t, t->cap * 2)) return false;
                slot = wdocs_slot(t, h);
            }
            used++;
            t->key[slot] = h;
            t->ndocs[slot] = 0;
            t->last[slot] = 0;
        }
        if (!t->ndocs[slot] || t->last[slot] != doc + 1) t->ndocs[slot]++;
        t->last[slot] = doc + 1;
    }
    return true;
}

static uint32_t word_docs(const wdocs *t, const char *word)
{
    if (!t->cap || !word[0]) return 0;
    uint64_t h = word_key(word, strlen(word));
    size_t slot = (size_t)h & (t->cap - 1);
    while (t->key[slot] && t->key[slot] != h) slot = (slot + 1) & (t->cap - 1);
    return t->key[slot] ? t->ndocs[slot] : 0;
}

/* Whether a counted noun phrase ends in a plural noun: "fractured ribs", "children" (a human
 * noun of the lexicon), not "deadline" or the verb of a misread clause ("two started dating"). */
static bool plural_head(const nf__bw *w, const char *head)
{
    const char *last = strrchr(head, ' ');
    last = last ? last + 1 : head;
    size_t n = strlen(last);
    if (n >= 3 && last[n - 1] == 's' && last[n - 2] != 's' && last[n - 2] != 'u') return true;
    const nf__lex *lx = nf__lex_find(w->lx, last, n);
    return lx && (lx->flags & LX_HUMAN);
}

/* How a figure stands: KEY_YES a main quantity of the story, KEY_MINOR a count of a named thing
 * or a duration that is key only in a story with few main quantities, KEY_NO never key. */
enum { KEY_NO, KEY_MINOR, KEY_YES };

static int key_class(const nf__bw *w, const nf__fm *m, const nf_figure *f, size_t fi,
                     const bool *in_conflict, const wdocs *wd)
{
    if (in_conflict[fi]) return KEY_YES;
    const nf__rfig *r = NULL;
    bool background = true, label = true;
    for (size_t x = m->raw0[fi]; x < m->raw0[fi + 1]; x++) {
        const nf__rfig *q = &w->rf[m->raw[x]];
        if (!r) r = q;
        if (!q->scope || !nf__isdigit((unsigned char)q->scope[0])) background = false;
        if (!q->label) label = false;
    }
    if (!r || background || label || r->agent) return KEY_NO;
    bool money = f->unit && strlen(f->unit) == 3 && nf__isupper((unsigned char)f->unit[0]);
    bool shared = f->ndocs >= 2;
    if (r->ev || money) return KEY_YES;
    if (r->headline && !shared) return KEY_NO;
    if (nf__fig_time_unit(f->unit)) /* "five days", "36 hours": the story's clock */
        return shared ? KEY_YES : KEY_MINOR;
    bool small = f->value < 10 && f->value == floor(f->value) && !f->unit;
    /* a small count one report gives is key when it counts a thing the story is about: its noun
     * is used by a quarter of the reports ("five aftershocks" yes, "two dogs" no) */
    if (small) { /* a bare small number ("three of them", "mother of three") counts nothing named */
        if (!r->head[0]) return KEY_NO;
        if (shared || (w->c->ndocs >= 2 && word_docs(wd, r->head) * 4 >= w->c->ndocs &&
                       word_docs(wd, r->head) >= 2))
            return KEY_YES;
        return f->value >= 2 && plural_head(w, r->head) ? KEY_MINOR : KEY_NO;
    }
    if (f->unit && !strcmp(f->unit, "percent")) return shared || r->head[0] ? KEY_YES : KEY_NO;
    return shared || r->head[0] || f->unit ? KEY_YES : KEY_NO;
}

/* A story that states fewer main quantities than this has its minor counts and durations as
 * key figures too: in a short report "eight fractured ribs" or "a three-hour standoff" is what
 * it says in numbers, while a long disaster story has tolls and money before them. */
#define MIN_KEY_FIGURES 3

void nf__fig_mark_key(nf__bw *w, const nf__fm *m, nf_brief *b)
{
    bool *in = nf__arena_calloc(w->a, b->nfigures + 1, sizeof *in);
    if (!in) return;
    for (size_t c = 0; c < b->nconflicts; c++)
        for (size_t v = 0; v < b->conflicts[c].nvalues; v++)
            for (size_t x = 0; x < b->conflicts[c].values[v].nfigures; x++)
                in[b->conflicts[c].values[v].figures[x]] = true;
    wdocs wd = {0};
    wfilter flt;
    memset(&flt, 0, sizeof flt);
    for (size_t f = 0; f < b->nfigures; f++) {
        const nf_figure *fg = &b->figures[f];
        if (fg->value < 10 && !fg->unit && fg->ndocs < 2 && m->raw0[f] < m->raw0[f + 1])
            wfilter_add(&flt, w->rf[m->raw[m->raw0[f]]].head);
    }
    if (!flt.any || !word_docs_build(w, &wd, &flt)) wd.cap = 0;
    size_t nyes = 0;
    for (size_t f = 0; f < b->nfigures; f++) {
        b->figures[f].key = key_class(w, m, &b->figures[f], f, in, &wd);
        nyes += b->figures[f].key == KEY_YES;
    }
    for (size_t f = 0; f < b->nfigures; f++)
        b->figures[f].key = b->figures[f].key == KEY_YES ||
                            (b->figures[f].key == KEY_MINOR && nyes < MIN_KEY_FIGURES);
    /* key figures first (each part in first-mention order); conflicts point at key figures */
    size_t n = b->nfigures, nk = 0;
    size_t *to = nf__arena_alloc(w->a, (n + 1) * sizeof *to);
    nf_figure *F = nf__arena_alloc(b->arena, (n + 1) * sizeof *F);
    if (!to || !F) { /* keep the order: every figure counts as key */
        b->nkeyfigures = n;
        for (size_t f = 0; f < n; f++) b->figures[f].key = 1;
        return;
    }
    for (size_t f = 0; f < n; f++) nk += b->figures[f].key != 0;
    for (size_t f = 0, k = 0, o = nk; f < n; f++) to[f] = b->figures[f].key ? k++ : o++;
    for (size_t f = 0; f < n; f++) F[to[f]] = b->figures[f];
    for (size_t c = 0; c < b->nconflicts; c++)
        for (size_t v = 0; v < b->conflicts[c].nvalues; v++) {
            const nf_conflict_value *cv = &b->conflicts[c].values[v];
            for (size_t x = 0; x < cv->nfigures; x++)
                ((size_t *)cv->figures)[x] = to[cv->figures[x]];
        }
    b->figures = F;
    b->nkeyfigures = nk;
}
