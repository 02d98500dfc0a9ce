/* quotes.c - who said each quotation, and one entry per distinct quote across documents.
 *
 * The speaker of a quote is the attribution right after its closing mark (`," X said`, `," said
 * X`, `," according to X`) or the first one before its opening mark in the same sentence (`X said:
 * "...`, `X called the fire "a dark night"`); a partial quote looks before first. A quote with
 * neither continues the previous quote of its paragraph, or, standing alone as a paragraph, the
 * person who spoke at the end of the previous one. Pronouns were resolved by attrib.c; a quote
 * whose speaker the text does not name keeps a NULL speaker (and the description as role) unless
 * the same words appear inside a quote with a named speaker (a headline or pull quote). */
#include "brief.h"

#include <stdlib.h>
#include <string.h>

static size_t sent_of(const nf__bw *w, uint32_t doc, uint32_t at)
{
    const nf__doc *d = &w->c->docs[doc];
    size_t lo = d->first_sent, hi = d->first_sent + d->nsents;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->c->sents[mid].start <= at)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The first block holding byte at. Blocks are in text order and do not overlap, so their ends
 * rise: the first block ending at or after at is the only candidate (a binary search; a long
 * document has many blocks). */
static size_t block_of(const nf__doc *d, uint32_t at)
{
    size_t lo = 0, hi = d->nblocks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->blocks[mid].end < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < d->nblocks && d->blocks[lo].start <= at) return lo;
    return SIZE_MAX;
}

/* First token of sentence s starting at or after byte `at`. */
static uint32_t tok_at(const nf__bw *w, size_t s, uint32_t at)
{
    uint32_t lo = w->st0[s], hi = w->st1[s];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (w->tok[mid].start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static const nf__attr *after_close(const nf__bw *w, size_t s, uint32_t close_at)
{
    uint32_t k = tok_at(w, s, close_at + 1);
    for (size_t i = w->sa0[s]; i < w->sa1[s]; i++) {
        const nf__attr *a = &w->at[i];
        uint32_t first = a->np0 < a->anchor ? a->np0 : a->anchor;
        if (first < k) continue;
        if (first - k > 2) return NULL;
        for (uint32_t m = k; m < first; m++)
            if (w->tok[m].kind == BT_PUNCT &&
                !nf__tok_punct(w, w->c->sents[s].doc, &w->tok[m], ","))
                return NULL;
        return a;
    }
    return NULL;
}

static const nf__attr *before_open(const nf__bw *w, size_t s, uint32_t open_at)
{
    const nf__attr *acc = NULL;
    for (size_t i = w->sa0[s]; i < w->sa1[s]; i++) {
        const nf__attr *a = &w->at[i];
        if (w->tok[a->anchor].end > open_at || w->tok[a->np1 - 1].end > open_at) continue;
        if (a->type != AT_ACCORDING) return a;
        if (!acc) acc = a;
    }
    return acc;
}

static bool named(const nf__np *np)
{
    return (np->kind == NK_PERSON || np->kind == NK_BODY) && np->name;
}

/* A partial quote's sentence with one attribution after it, a person's within a dozen words:
 * `north korea is "skating very close to a dangerous line" after weeks of threats, hagel
 * warned`. */
static const nf__attr *sole_after(const nf__bw *w, size_t s, uint32_t close_at)
{
    if (w->sa1[s] != w->sa0[s] + 1) return NULL;
    const nf__attr *a = &w->at[w->sa0[s]];
    uint32_t k = tok_at(w, s, close_at + 1); /* the first token after the quote */
    return a->np.kind == NK_PERSON && a->np.name && a->anchor >= k && a->anchor - k <= 12 ? a
                                                                                          : NULL;
}

/* The last named person an attribution of an earlier sentence of the paragraph names. */
static nf__np paragraph_speaker(const nf__bw *w, const nf__doc *d, size_t blk, size_t so)
{
    nf__np none;
    memset(&none, 0, sizeof none);
    none.id = -1;
    if (blk == SIZE_MAX) return none;
    for (size_t s = so; s-- > d->first_sent;) {
        if (w->c->sents[s].start < d->blocks[blk].start) break;
        for (size_t k = w->sa1[s]; k-- > w->sa0[s];)
            if (w->at[k].np.kind == NK_PERSON && w->at[k].np.name) return w->at[k].np;
    }
    return none;
}

nf_status nf__brief_quotes_speakers(nf__bw *w)
{
    const nf__rquote *prev = NULL;
    for (size_t r = 0; r < w->nrq; r++) {
        nf__rquote *q = &w->rq[r];
        const nf__doc *d = &w->c->docs[q->doc];
        if (!d->nsents) continue;
        const char *t = d->text;
        size_t so = q->sent, sc = sent_of(w, q->doc, q->close_at > 0 ? q->close_at - 1 : 0);
        /* partial: the quote sits inside running text */
        uint32_t s0 = w->c->sents[so].start, i = q->open_at;
        while (i > s0 && nf__isspace((unsigned char)t[i - 1])) i--;
        char pc = i > s0 ? t[i - 1] : '\0';
        unsigned char first = (unsigned char)t[w->qparts[q->part0].start];
        q->partial = (pc != '\0' && pc != ':' && pc != ',' && pc != '(') || nf__islower(first);
        const nf__attr *a = NULL, *b = NULL;
        if (q->closed) b = after_close(w, sc, q->close_at);
        a = before_open(w, so, q->open_at);
        const nf__attr *pick = q->partial ? (a ? a : b) : (b ? b : a);
        if (!pick && q->partial && q->closed && sc == so) pick = sole_after(w, so, q->close_at);
        memset(&q->sp, 0, sizeof q->sp);
        q->sp.id = -1;
        if (pick) q->sp = pick->np;
        size_t blk = block_of(d, q->open_at);
        if (!pick && q->cont && prev && prev->doc == q->doc) {
            q->sp = prev->sp; /* the same quote, its next paragraph */
        } else if (!pick && prev && prev->doc == q->doc && block_of(d, prev->open_at) == blk &&
                   named(&prev->sp)) {
            q->sp = prev->sp; /* `"A," X said. "B."` */
        } else if (!pick && (q->sp = paragraph_speaker(w, d, blk, so)).kind != NK_NONE) {
            /* "She spoke outside a tent. ``The water will be a problem.''" */
        } else if (!pick && blk != SIZE_MAX && blk > 0) {
            /* a paragraph that is only a quote continues the previous paragraph's speaker */
            uint32_t bs = d->blocks[blk].start;
            while (bs < q->open_at && nf__isspace((unsigned char)t[bs])) bs++;
            if (bs == q->open_at) {
                size_t ps =
                    sent_of(w, q->doc, d->blocks[blk - 1].end > 0 ? d->blocks[blk - 1].end - 1 : 0);
                for (size_t k = w->sa1[ps]; k-- > w->sa0[ps];)
                    if (w->at[k].np.kind == NK_PERSON && w->at[k].np.name) {
                        q->sp = w->at[k].np;
                        break;
                    }
            }
        }
        prev = q;
    }
    /* a quote over several paragraphs is attributed once, often at its end */
    for (size_t r = w->nrq; r-- > 1;) {
        const nf__rquote *q = &w->rq[r];
        nf__rquote *p = &w->rq[r - 1];
        if (q->cont && p->doc == q->doc && !named(&p->sp) && named(&q->sp)) p->sp = q->sp;
    }
    return NF_OK;
}

/* ---- merging ---- */

static char *normalize(nf__bw *w, const nf__rquote *q)
{
    const char *t = w->c->docs[q->doc].text;
    size_t n = 0;
    for (uint32_t p = 0; p < q->nparts; p++)
        n += w->qparts[q->part0 + p].end - w->qparts[q->part0 + p].start + 1;
    char *o = nf__arena_alloc(w->a, n + 1);
    if (!o) return NULL;
    size_t k = 0;
    bool sp = false;
    for (uint32_t p = 0; p < q->nparts; p++) {
        const nf__span *s = &w->qparts[q->part0 + p];
        for (uint32_t i = s->start; i < s->end; i++) {
            unsigned char c = (unsigned char)t[i];
            if (nf__isalnum(c) || c >= 0x80) {
                if (c == 0xE2 && i + 2 < s->end) { /* punctuation of the E2 80 block */
                    i += 2;
                    sp = k > 0;
                    continue;
                }
                if (sp) o[k++] = ' ';
                sp = false;
                o[k++] = (char)nf__tolower(c);
            } else if (c == '\'') {
                continue;
            } else {
                sp = k > 0;
            }
        }
        sp = k > 0;
    }
    o[k] = '\0';
    return o;
}

static bool contains_words(const char *hay, const char *needle)
{
    size_t l = strlen(needle);
    if (!l) return false;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        if ((p == hay || p[-1] == ' ') && (p[l] == ' ' || p[l] == '\0')) return true;
    return false;
}

typedef struct qgroup {
    size_t first; /* first raw quote (in document order) */
    size_t n;     /* raw quotes in the group */
    const char *key;
    const char *speaker, *role;
    int person;
    size_t order;
} qgroup;

static int cmp_key(const void *a, const void *b, const nf__rquote *rq)
{
    const nf__rquote *x = &rq[*(const size_t *)a], *y = &rq[*(const size_t *)b];
    int c = strcmp(x->norm, y->norm);
    if (c) return c;
    return (*(const size_t *)a > *(const size_t *)b) - (*(const size_t *)a < *(const size_t *)b);
}

/* qsort has no user pointer: sort indexes with a small merge sort instead. */
static void sort_idx(size_t *v, size_t *tmp, size_t n, const nf__rquote *rq)
{
    if (n < 2) return;
    size_t h = n / 2;
    sort_idx(v, tmp, h, rq);
    sort_idx(v + h, tmp, n - h, rq);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = cmp_key(&v[i], &v[j], rq) <= 0 ? v[i++] : v[j++];
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

/* Words of a raw quote, as written (whitespace-separated runs holding a letter or digit),
 * counted up to limit (the caller only compares with it). */
static size_t quote_words(const nf__bw *w, const nf__rquote *q, size_t limit)
{
    const char *t = w->c->docs[q->doc].text;
    size_t words = 0;
    for (uint32_t p = 0; p < q->nparts && words < limit; p++) {
        const nf__span *sp = &w->qparts[q->part0 + p];
        bool in = false, alnum = false;
        for (uint32_t i = sp->start; i <= sp->end; i++) {
            bool space = i == sp->end || nf__isspace((unsigned char)t[i]);
            if (!space) {
                in = true;
                alnum |= nf__isalnum((unsigned char)t[i]) || (unsigned char)t[i] >= 0xC0;
            } else if (in) {
                words += alnum;
                in = alnum = false;
                if (words >= limit) return words;
            }
        }
    }
    return words;
}

/* Step 1: drop quotes under six words ("Possible", headline fragments): a scare quote or a
 * label is not a statement. The rest keep their document order. */
static void drop_short(nf__bw *w)
{
    size_t k = 0;
    for (size_t i = 0; i < w->nrq; i++)
        if (quote_words(w, &w->rq[i], NF__QUOTE_MIN_WORDS) >= NF__QUOTE_MIN_WORDS)
            w->rq[k++] = w->rq[i];
    w->nrq = k;
}

typedef struct qm {
    nf__bw *w;
    nf_brief *b;
    size_t n, ng, nsp;
    size_t *gof; /* raw quote -> group */
    qgroup *g;
    nf_speaker *sp; /* speakers in first-seen order */
    size_t *sp_first;
    size_t *rank; /* speaker (first-seen index) -> rank */
    nf_speaker *sorted;
    size_t *qo; /* output order of the groups */
} qm;

/* The speaker most occurrences of a group name; ties to a person over a body (one report gives
 * "pentagon chief says", another the defense secretary by name), then to the earliest. */
static void group_speaker(qm *m, const size_t *idx, size_t i, size_t j, qgroup *q)
{
    nf__bw *w = m->w;
    size_t best = 0;
    for (size_t a = i; a < j; a++) {
        const nf__np *sp = &w->rq[idx[a]].sp;
        if (!named(sp)) continue;
        /* a body named only by a common noun ("the ministry") counts half */
        size_t votes = 0;
        for (size_t c2 = i; c2 < j; c2++)
            if (named(&w->rq[idx[c2]].sp) && strcmp(w->rq[idx[c2]].sp.name, sp->name) == 0)
                votes += nf__islower((unsigned char)sp->name[0]) ? 1 : 2;
        if (votes > best || (votes == best && !q->person && sp->kind == NK_PERSON)) {
            best = votes;
            q->speaker = sp->name;
            q->person = sp->kind == NK_PERSON;
            q->role = sp->id >= 0 && w->names[sp->id].role ? w->names[sp->id].role : sp->role;
        }
    }
    if (!q->speaker)
        for (size_t a = i; a < j && !q->role; a++) q->role = w->rq[idx[a]].sp.role;
}

/* Step 2: one group per normalized text. */
static nf_status group_quotes(qm *m)
{
    nf__bw *w = m->w;
    size_t n = m->n;
    size_t *idx = nf__arena_alloc(w->a, n * sizeof *idx),
           *tmp = nf__arena_alloc(w->a, n * sizeof *tmp);
    m->g = nf__arena_calloc(w->a, n, sizeof *m->g);
    m->gof = nf__arena_alloc(w->a, n * sizeof *m->gof);
    if (!idx || !tmp || !m->g || !m->gof) return NF_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        idx[i] = i;
        w->rq[i].norm = normalize(w, &w->rq[i]);
        if (!w->rq[i].norm) return NF_ENOMEM;
    }
    sort_idx(idx, tmp, n, w->rq);
    m->ng = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && strcmp(w->rq[idx[j]].norm, w->rq[idx[i]].norm) == 0) j++;
        qgroup *q = &m->g[m->ng];
        q->first = idx[i];
        q->n = j - i;
        q->key = w->rq[idx[i]].norm;
        for (size_t a = i; a < j; a++) m->gof[idx[a]] = m->ng;
        group_speaker(m, idx, i, j, q);
        m->ng++;
        i = j;
    }
    return NF_OK;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* Sorted word hashes of a normalized quote text. */
static size_t word_hashes(nf__bw *w, const char *key, uint64_t **out)
{
    size_t n = 1;
    for (const char *p = key; *p; p++) n += *p == ' ';
    uint64_t *h = nf__arena_alloc(w->a, n * sizeof *h);
    if (!h) return 0;
    size_t k = 0;
    for (const char *p = key; *p;) {
        const char *e = strchr(p, ' ');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l) h[k++] = nf__hash64(p, l);
        p += l + (e != NULL);
    }
    if (k > 64) { /* a long quote: insertion sort would be quadratic */
        qsort(h, k, sizeof *h, cmp_u64);
    } else {
        for (size_t a = 1; a < k; a++) { /* shifts, not swaps: no store-to-load stalls */
            uint64_t t = h[a];
            size_t c = a;
            for (; c > 0 && h[c - 1] > t; c--) h[c] = h[c - 1];
            h[c] = t;
        }
    }
    *out = h;
    return k;
}

static size_t common_words(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, c = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j])
            c++, i++, j++;
        else if (a[i] < b[j])
            i++;
        else
            j++;
    }
    return c;
}

#define NF__VARIANT_MAX_GROUPS 100000 /* a bound on the work of one brief */

typedef struct sigent {
    uint64_t h;
    size_t g;
} sigent;

static int cmp_sig(const void *x, const void *y)
{
    const sigent *a = x, *b = y;
    if (a->h != b->h) return a->h < b->h ? -1 : 1;
    return a->g < b->g ? -1 : a->g > b->g;
}

/* Step 2b: one utterance transcribed in two ways by two reports ("the coalition airstrike" /
 * "the coalition air strike") is one quote: groups of other documents whose words agree to
 * 80 % of the longer text merge, and the merged quote's speaker is voted again. A shortened
 * version stays a quote of its own. Near-linear: see the signatures below. */
static nf_status merge_variants(qm *m)
{
    nf__bw *w = m->w;
    size_t ng = m->ng;
    if (ng < 2 || ng > NF__VARIANT_MAX_GROUPS) return NF_OK;
    uint64_t **wh = nf__arena_alloc(w->a, ng * sizeof *wh);
    size_t *nw = nf__arena_alloc(w->a, ng * sizeof *nw),
           *root = nf__arena_alloc(w->a, ng * sizeof *root);
    if (!wh || !nw || !root) return NF_ENOMEM;
    for (size_t i = 0; i < ng; i++) {
        root[i] = i;
        nw[i] = word_hashes(w, m->g[i].key, &wh[i]);
    }
    /* candidates share one of their two smallest word hashes (texts that agree on 80 % of
     * their words almost always do), so only groups of one signature are compared */
    sigent *sg = nf__arena_alloc(w->a, (2 * ng + 1) * sizeof *sg);
    if (!sg) return NF_ENOMEM;
    size_t ns = 0;
    for (size_t i = 0; i < ng; i++) {
        if (nw[i] < NF__QUOTE_MIN_WORDS) continue;
        sg[ns++] = (sigent){wh[i][0], i};
        size_t x = 1;
        while (x < nw[i] && wh[i][x] == wh[i][0]) x++;
        if (x < nw[i]) sg[ns++] = (sigent){wh[i][x], i};
    }
    qsort(sg, ns, sizeof *sg, cmp_sig);
    bool any = false;
    for (size_t a = 0; a < ns;) {
        size_t b = a + 1;
        while (b < ns && sg[b].h == sg[a].h) b++;
        for (size_t x = a; x < b && b - a <= 64; x++)
            for (size_t y = x + 1; y < b; y++) {
                size_t i = sg[x].g, j = sg[y].g;
                size_t lo = nw[i] < nw[j] ? nw[i] : nw[j], hi = nw[i] + nw[j] - lo;
                if (i == j || lo * 5 < hi * 4) continue;
                if (w->rq[m->g[i].first].doc == w->rq[m->g[j].first].doc) continue;
                if (common_words(wh[i], nw[i], wh[j], nw[j]) * 5 < hi * 4) continue;
                size_t ri = i, rj = j;
                while (root[ri] != ri) ri = root[ri];
                while (root[rj] != rj) rj = root[rj];
                if (ri == rj) continue;
                size_t keep = m->g[ri].first < m->g[rj].first ? ri : rj;
                root[ri] = root[rj] = keep;
                any = true;
            }
        a = b;
    }
    if (!any) return NF_OK;
    /* compact: the raw quotes of a merged group point at the root's slot */
    size_t *slot = nf__arena_alloc(w->a, ng * sizeof *slot), k = 0;
    if (!slot) return NF_ENOMEM;
    for (size_t i = 0; i < ng; i++) {
        size_t r = i;
        while (root[r] != r) r = root[r];
        root[i] = r;
    }
    for (size_t i = 0; i < ng; i++)
        if (root[i] == i) {
            slot[i] = k;
            m->g[k] = m->g[i];
            m->g[k].n = 0;
            k++;
        }
    for (size_t r = 0; r < m->n; r++) {
        size_t gi = slot[root[m->gof[r]]];
        m->gof[r] = gi;
        if (r < m->g[gi].first) m->g[gi].first = r;
        m->g[gi].n++;
    }
    m->ng = k;
    /* the speaker of every merged group, voted over all its occurrences */
    size_t *mem = nf__arena_alloc(w->a, m->n * sizeof *mem);
    if (!mem) return NF_ENOMEM;
    for (size_t gi = 0; gi < k; gi++) {
        size_t nm = 0;
        for (size_t r = 0; r < m->n; r++)
            if (m->gof[r] == gi) mem[nm++] = r;
        m->g[gi].speaker = m->g[gi].role = NULL;
        m->g[gi].person = 0;
        group_speaker(m, mem, 0, nm, &m->g[gi]);
    }
    return NF_OK;
}

/* Step 3: headline and pull quotes take the speaker of a longer attributed quote of the same
 * document that holds their words (attributed groups bucketed by their first document). */
static nf_status borrow_speakers(qm *m)
{
    nf__bw *w = m->w;
    qgroup *g = m->g;
    size_t nd = w->c->ndocs, ng = m->ng;
    size_t *bstart = nf__arena_calloc(w->a, nd + 2, sizeof *bstart);
    size_t *bmem = nf__arena_alloc(w->a, (ng + 1) * sizeof *bmem);
    if (!bstart || !bmem) return NF_ENOMEM;
    for (size_t k = 0; k < ng; k++)
        if (g[k].speaker) bstart[w->rq[g[k].first].doc + 2]++;
    for (size_t d = 2; d < nd + 2; d++) bstart[d] += bstart[d - 1];
    for (size_t k = 0; k < ng; k++)
        if (g[k].speaker) bmem[bstart[w->rq[g[k].first].doc + 1]++] = k;
    for (size_t i = 0; i < ng; i++) {
        if (g[i].speaker || strlen(g[i].key) < 12) continue;
        uint32_t di = w->rq[g[i].first].doc;
        for (size_t bi = bstart[di]; bi < bstart[di + 1]; bi++) {
            size_t k = bmem[bi];
            if (k != i && g[k].speaker && contains_words(g[k].key, g[i].key)) {
                g[i].speaker = g[k].speaker;
                g[i].role = g[k].role;
                g[i].person = g[k].person;
                break;
            }
        }
    }
    return NF_OK;
}

/* Stable merge sort of the indexes v[0, n) by before(a, b, m): "a goes first". */
static void msort(size_t *v, size_t *tmp, size_t n, bool (*before)(size_t, size_t, const qm *),
                  const qm *m)
{
    if (n < 2) return;
    size_t h = n / 2;
    msort(v, tmp, h, before, m);
    msort(v + h, tmp, n - h, before, m);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = before(v[j], v[i], m) ? v[j++] : v[i++];
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

/* Speakers: more quotes first, then the earlier first appearance (distinct: a total order). */
static bool speaker_before(size_t a, size_t b, const qm *m)
{
    if (m->sp[a].nquotes != m->sp[b].nquotes) return m->sp[a].nquotes > m->sp[b].nquotes;
    return m->sp_first[a] < m->sp_first[b];
}

/* Quotes: by their speaker's rank (unattributed last), then first appearance (distinct). */
static bool quote_before(size_t a, size_t b, const qm *m)
{
    const qgroup *x = &m->g[a], *y = &m->g[b];
    size_t rx = x->order == SIZE_MAX ? SIZE_MAX : m->rank[x->order];
    size_t ry = y->order == SIZE_MAX ? SIZE_MAX : m->rank[y->order];
    if (rx != ry) return rx < ry;
    return x->first < y->first;
}

/* Step 4: speakers, by number of quotes, then first appearance. */
static nf_status rank_speakers(qm *m)
{
    nf__bw *w = m->w;
    qgroup *g = m->g;
    size_t ng = m->ng, nsp = 0;
    nf_speaker *sp = m->sp = nf__arena_calloc(m->b->arena, ng + 1, sizeof *sp);
    size_t *sp_first = m->sp_first = nf__arena_alloc(w->a, (ng + 1) * sizeof *sp_first);
    if (!sp || !sp_first) return NF_ENOMEM;
    size_t hcap = 64; /* speaker name -> index + 1, open addressing */
    while (hcap < 2 * ng + 2) hcap *= 2;
    uint32_t *ht = nf__arena_calloc(w->a, hcap, sizeof *ht);
    if (!ht) return NF_ENOMEM;
    for (size_t i = 0; i < ng; i++) g[i].order = SIZE_MAX;
    for (size_t i = 0; i < ng; i++) {
        if (!g[i].speaker) continue;
        size_t h = (size_t)nf__hash64(g[i].speaker, strlen(g[i].speaker)) & (hcap - 1);
        while (ht[h] && strcmp(sp[ht[h] - 1].name, g[i].speaker) != 0) h = (h + 1) & (hcap - 1);
        size_t k = ht[h] ? ht[h] - 1 : nsp;
        if (k == nsp) {
            ht[h] = (uint32_t)nsp + 1;
            sp[nsp].name = g[i].speaker;
            sp[nsp].role = g[i].role;
            sp[nsp].is_person = g[i].person;
            sp_first[nsp] = g[i].first;
            nsp++;
        } else if (g[i].first < sp_first[k]) {
            sp_first[k] = g[i].first;
        }
        if (!sp[k].role) sp[k].role = g[i].role;
        sp[k].nquotes++;
        g[i].order = k;
    }
    size_t *perm = nf__arena_alloc(w->a, (nsp + 1) * sizeof *perm);
    m->rank = nf__arena_alloc(w->a, (nsp + 1) * sizeof *m->rank);
    m->sorted = nf__arena_calloc(m->b->arena, nsp ? nsp : 1, sizeof *m->sorted);
    if (!perm || !m->rank || !m->sorted) return NF_ENOMEM;
    size_t *tmp = nf__arena_alloc(w->a, (ng + 1) * sizeof *tmp);
    if (!tmp) return NF_ENOMEM;
    for (size_t i = 0; i < nsp; i++) perm[i] = i;
    msort(perm, tmp, nsp, speaker_before, m); /* by (-nquotes, first) */
    for (size_t i = 0; i < nsp; i++) {
        m->sorted[i] = sp[perm[i]];
        m->rank[perm[i]] = i;
    }
    m->nsp = nsp;
    /* quotes: by speaker rank, then first appearance; unattributed last */
    size_t *qo = m->qo = nf__arena_alloc(w->a, (ng + 1) * sizeof *qo);
    if (!qo) return NF_ENOMEM;
    for (size_t i = 0; i < ng; i++) qo[i] = i;
    msort(qo, tmp, ng, quote_before, m);
    return NF_OK;
}

/* The text of a quote: its first occurrence's parts joined by one space. */
static const char *quote_text(nf__bw *w, nf_brief *b, const nf__rquote *r0)
{
    const char *t = w->c->docs[r0->doc].text;
    size_t len = 0;
    for (uint32_t p = 0; p < r0->nparts; p++)
        len += w->qparts[r0->part0 + p].end - w->qparts[r0->part0 + p].start + 1;
    char *txt = nf__arena_alloc(b->arena, len + 1);
    if (!txt) return NULL;
    size_t k = 0;
    for (uint32_t p = 0; p < r0->nparts; p++) {
        const nf__span *s = &w->qparts[r0->part0 + p];
        char *c = nf__bw_collapse(w, t, s->start, s->end);
        if (!c) return NULL;
        size_t cl = strlen(c);
        if (k && cl) txt[k++] = ' ';
        memcpy(txt + k, c, cl);
        k += cl;
    }
    txt[k] = '\0';
    return txt;
}

/* Step 5: the public quotes, with every occurrence's spans in document order. */
static nf_status emit_quotes(qm *m)
{
    nf__bw *w = m->w;
    size_t n = m->n, ng = m->ng;
    size_t *gstart = nf__arena_calloc(w->a, ng + 2, sizeof *gstart);
    size_t *gmem = nf__arena_alloc(w->a, n * sizeof *gmem);
    nf_quote *out = nf__arena_calloc(m->b->arena, ng, sizeof *out);
    size_t *fill = nf__arena_calloc(w->a, m->nsp + 1, sizeof *fill);
    if (!gstart || !gmem || !out || !fill) return NF_ENOMEM;
    for (size_t r = 0; r < n; r++) gstart[m->gof[r] + 2]++;
    for (size_t k = 2; k < ng + 2; k++) gstart[k] += gstart[k - 1];
    for (size_t r = 0; r < n; r++) gmem[gstart[m->gof[r] + 1]++] = r;
    for (size_t i = 0; i < m->nsp; i++) {
        m->sorted[i].quotes = nf__arena_alloc(m->b->arena, m->sorted[i].nquotes * sizeof(size_t));
        if (!m->sorted[i].quotes) return NF_ENOMEM;
    }
    for (size_t oi = 0; oi < ng; oi++) {
        const qgroup *q = &m->g[m->qo[oi]];
        nf_quote *e = &out[oi];
        if (!(e->text = quote_text(w, m->b, &w->rq[q->first]))) return NF_ENOMEM;
        e->speaker = q->speaker;
        e->role = q->role;
        e->speaker_index = q->order == SIZE_MAX ? SIZE_MAX : m->rank[q->order];
        e->partial = 1;
        e->closed = 1;
        size_t nm = 0, g0 = gstart[m->qo[oi]], g1 = gstart[m->qo[oi] + 1];
        for (size_t r = g0; r < g1; r++) nm += w->rq[gmem[r]].nparts;
        nf_mention *mm = nf__arena_alloc(m->b->arena, (nm ? nm : 1) * sizeof *mm);
        if (!mm) return NF_ENOMEM;
        size_t mi = 0;
        int32_t last_doc = -1;
        for (size_t gi = g0; gi < g1; gi++) {
            const nf__rquote *rr = &w->rq[gmem[gi]];
            e->noccurrences++;
            if (!rr->partial) e->partial = 0;
            if (!rr->closed) e->closed = 0;
            if ((int32_t)rr->doc != last_doc) {
                e->ndocs++;
                last_doc = (int32_t)rr->doc;
            }
            for (uint32_t p = 0; p < rr->nparts; p++)
                mm[mi++] = (nf_mention){rr->doc, w->qparts[rr->part0 + p].start,
                                        w->qparts[rr->part0 + p].end};
        }
        e->mentions = mm;
        e->nmentions = mi;
        if (e->speaker_index != SIZE_MAX)
            ((size_t *)m->sorted[e->speaker_index].quotes)[fill[e->speaker_index]++] = oi;
    }
    m->b->quotes = out;
    m->b->nquotes = ng;
    m->b->speakers = m->sorted;
    m->b->nspeakers = m->nsp;
    return NF_OK;
}

nf_status nf__brief_quotes_merge(nf__bw *w, nf_brief *b)
{
    b->quotes = NULL;
    b->nquotes = 0;
    drop_short(w);
    if (!w->nrq) return NF_OK;
    qm m = {.w = w, .b = b, .n = w->nrq};
    nf_status st;
    if ((st = group_quotes(&m)) != NF_OK) return st;
    if ((st = merge_variants(&m)) != NF_OK) return st;
    if ((st = borrow_speakers(&m)) != NF_OK) return st;
    if ((st = rank_speakers(&m)) != NF_OK) return st;
    return emit_quotes(&m);
}
