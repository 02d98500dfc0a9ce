/* clusterer.c - the public story clusterer: one article in, its story out, at once and for good.
 *
 * Per article: (1) features (features.c); (2) the window moves: articles older than the newest
 * date by more than window_seconds (or beyond window_articles) leave it, oldest arrival first,
 * and stories without articles left close; (3) a near-copy: an article of the window sharing an
 * LSH band whose signatures agree on >= dup_threshold of the bins (the best, then the oldest);
 * (4) otherwise the most similar article of the window: the postings of the article's heaviest
 * features give candidates ranked by a partial dot product, the best NF__CANDS get an exact
 * cosine with the window's idf, and the article joins the story of the best one when that
 * reaches the threshold (single link: a story of several articles is found through any of
 * them). (5) The article's features and band keys go into the index.
 * Every step depends only on the articles before it, so the stream and the file agree. */
#include "cluster.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NF__CANDS      16  /* candidates that get an exact cosine */
#define NF__SEED_FEATS 32  /* heaviest features whose postings give the candidates */
#define NF__BAND_SCAN  256 /* newest postings of one band key looked at */
#define NF__ENT_MIX    0.5 /* share of the name-and-figure cosine in the similarity */

typedef struct art {
    uint32_t seq;
    uint32_t nf;
    int64_t time;
    nf_story *story;
    uint32_t *fid;
    float *tf;
    uint8_t *ent; /* 1: a name or figure (nf__kfeat.ent) */
    double norm0; /* the norm when it arrived: ranks candidates before the exact cosine */
    uint32_t band[NF__MH_BANDS];
    uint32_t sig[NF__MH_BINS];
    int has_sig;
    char *id;
} art;

/* A feature of the incoming article. */
typedef struct nfeat {
    uint64_t key;
    uint32_t fid; /* UINT32_MAX: not in the window */
    float tf;
    uint8_t ent;
    double w; /* tf * idf */
} nfeat;

struct nf_clusterer {
    nf_allocator alc;
    const nf_allocator *al;
    nf_ctx *ctx;
    nf_clusterer_options o;
    nf__fx *fx;
    art **ring; /* article seq at ring[seq & (rcap - 1)] */
    size_t rcap;
    uint32_t head, next; /* oldest article in the window; the next article number */
    int64_t now;         /* newest date seen */
    size_t nstories;
    nf_story *qhead, *qtail; /* closed stories waiting for nf_clusterer_pop */
    nf__afeat af;
    nfeat *nw; /* the incoming article's features */
    size_t capnw;
    float *acc; /* per ring slot: partial dot product */
    uint32_t *touched;
    size_t ntouched, captouched;
    double *scr; /* per feature id: the incoming article's weight (0 elsewhere) */
    uint8_t *scr_ent;
    size_t capscr, capscre;
    double *lnt; /* lnt[i] = ln(i), grown on demand */
    size_t caplnt, nlnt;
};

void nf_clusterer_options_init(nf_clusterer_options *o)
{
    if (!o) return;
    memset(o, 0, sizeof *o);
    o->threshold = 0.30;
    o->dup_threshold = 0.5;
    o->max_bytes = (size_t)8 << 20;
}

nf_status nf_clusterer_new(nf_ctx *ctx, const nf_clusterer_options *o, const nf_allocator *al,
                           nf_clusterer **out, nf_error *err)
{
    if (!ctx || !out) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    *out = NULL;
    nf_clusterer_options d;
    nf_clusterer_options_init(&d);
    if (!o) o = &d;
    if (!(o->threshold > 0 && o->threshold <= 1) ||
        !(o->dup_threshold > 0 && o->dup_threshold <= 1))
        return nf__fail(err, NF_EINVAL, -1, -1, -1,
                        "threshold and dup_threshold must be in (0, 1]");
    if (!al) al = &nf__default_allocator;
    nf_clusterer *k = nf__calloc(al, 1, sizeof *k);
    if (!k) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    k->alc = *al;
    k->al = &k->alc;
    k->ctx = ctx;
    k->o = *o;
    k->now = INT64_MIN;
    k->fx = nf__fx_new(k->al);
    k->rcap = 64;
    k->ring = nf__calloc(k->al, k->rcap, sizeof *k->ring);
    k->acc = nf__calloc(k->al, k->rcap, sizeof *k->acc);
    if (!k->fx || !k->ring || !k->acc) {
        nf_clusterer_free(k);
        return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    }
    *out = k;
    return NF_OK;
}

static void art_free(const nf_allocator *al, art *a)
{
    if (!a) return;
    nf__free(al, a->fid);
    nf__free(al, a->tf);
    nf__free(al, a->ent);
    nf__free(al, a->id);
    nf__free(al, a);
}

/* The article leaves the window: its postings go, and its story closes when it was the last. */
static void expire_head(nf_clusterer *k)
{
    art *a = k->ring[k->head & (k->rcap - 1)];
    k->ring[k->head & (k->rcap - 1)] = NULL;
    k->head++;
    for (uint32_t i = 0; i < a->nf; i++) nf__fx_unpost(k->fx, a->fid[i], a->seq);
    for (size_t b = 0; a->has_sig && b < NF__MH_BANDS; b++)
        nf__fx_unpost(k->fx, a->band[b], a->seq);
    nf_story *s = a->story;
    if (--s->alive == 0) {
        s->closed = 1;
        if (k->o.flags & NF_CLUSTER_KEEP_STORIES) {
            if (k->qtail)
                k->qtail->next = s;
            else
                k->qhead = s;
            k->qtail = s;
        } else {
            nf_story_free(s);
        }
    }
    art_free(k->al, a);
}

void nf_clusterer_free(nf_clusterer *k)
{
    if (!k) return;
    while (k->ring && k->head != k->next) expire_head(k);
    while (k->qhead) {
        nf_story *s = k->qhead;
        k->qhead = s->next;
        nf_story_free(s);
    }
    nf__fx_free(k->fx);
    nf__afeat_free(k->al, &k->af);
    nf__free(k->al, k->ring);
    nf__free(k->al, k->nw);
    nf__free(k->al, k->acc);
    nf__free(k->al, k->touched);
    nf__free(k->al, k->lnt);
    nf__free(k->al, k->scr);
    nf__free(k->al, k->scr_ent);
    nf_allocator al = k->alc;
    nf__free(&al, k);
}

/* ln(i) from the table (values never change, so idf costs two loads). */
static bool ln_upto(nf_clusterer *k, size_t n)
{
    if (n < k->nlnt) return true;
    void *p = k->lnt;
    if (!nf__grow(k->al, &p, &k->caplnt, n + 1, sizeof *k->lnt)) return false;
    k->lnt = p;
    for (size_t i = k->nlnt; i <= n; i++) k->lnt[i] = i ? log((double)i) : 0;
    k->nlnt = n + 1;
    return true;
}

static inline double idf(const nf_clusterer *k, uint32_t df, size_t nwin)
{
    return k->lnt[nwin + 1] - k->lnt[(size_t)df + 1] + 1.0;
}

/* Room in the ring (and the accumulator) for one more article. */
static bool ring_room(nf_clusterer *k)
{
    size_t alive = (size_t)(k->next - k->head);
    if (alive < k->rcap) return true;
    size_t nc = k->rcap * 2;
    art **nr = nf__calloc(k->al, nc, sizeof *nr);
    float *na = nf__calloc(k->al, nc, sizeof *na);
    if (!nr || !na) {
        nf__free(k->al, nr);
        nf__free(k->al, na);
        return false;
    }
    for (uint32_t s = k->head; s != k->next; s++) nr[s & (nc - 1)] = k->ring[s & (k->rcap - 1)];
    nf__free(k->al, k->ring);
    nf__free(k->al, k->acc);
    k->ring = nr;
    k->acc = na;
    k->rcap = nc;
    return true;
}

/* The scatter arrays cover every feature id (zeroed: new room is zero as well). */
static bool scratch_room(nf_clusterer *k)
{
    size_t need = k->fx->nids;
    if (need <= k->capscr && need <= k->capscre) return true;
    size_t c1 = k->capscr, c2 = k->capscre;
    double *a = nf__calloc(k->al, need * 2, sizeof *a);
    uint8_t *b = nf__calloc(k->al, need * 2, 1);
    if (!a || !b) {
        nf__free(k->al, a);
        nf__free(k->al, b);
        return false;
    }
    if (c1) memcpy(a, k->scr, c1 * sizeof *a);
    if (c2) memcpy(b, k->scr_ent, c2);
    nf__free(k->al, k->scr);
    nf__free(k->al, k->scr_ent);
    k->scr = a;
    k->scr_ent = b;
    k->capscr = k->capscre = need * 2;
    return true;
}

static void move_window(nf_clusterer *k, int64_t t)
{
    if (t != INT64_MIN && t > k->now) k->now = t;
    if (k->o.window_seconds > 0 && k->now != INT64_MIN)
        while (k->head != k->next) {
            const art *a = k->ring[k->head & (k->rcap - 1)];
            if (a->time == INT64_MIN || a->time >= k->now - k->o.window_seconds) break;
            expire_head(k);
        }
    if (k->o.window_articles > 0)
        while ((size_t)(k->next - k->head) > k->o.window_articles) expire_head(k);
}

static int cmp_weight(const void *x, const void *y)
{
    const nfeat *a = x, *b = y;
    if (a->w != b->w) return a->w > b->w ? -1 : 1;
    return a->key < b->key ? -1 : a->key > b->key;
}

/* The incoming article's features with the window's idf (the heaviest NF__MAX_FEATS); returns their
 * count and the squared norms (all features; names and figures). */
static size_t weigh(nf_clusterer *k, size_t nwin, double *norm2, double *norm2e)
{
    size_t n = k->af.n;
    for (size_t i = 0; i < n; i++) {
        nfeat *f = &k->nw[i];
        f->key = k->af.f[i].key;
        f->tf = k->af.f[i].tf;
        f->ent = k->af.f[i].ent;
        f->fid = nf__fx_find(k->fx, f->key);
        uint32_t df = f->fid == UINT32_MAX ? 0 : nf__fx_df(k->fx, f->fid);
        f->w = f->tf * idf(k, df, nwin);
    }
    if (n > NF__MAX_FEATS) {
        qsort(k->nw, n, sizeof *k->nw, cmp_weight);
        n = NF__MAX_FEATS;
    }
    double s = 0, se = 0;
    for (size_t i = 0; i < n; i++) {
        double w2 = k->nw[i].w * k->nw[i].w;
        s += w2;
        if (k->nw[i].ent) se += w2;
    }
    *norm2 = s;
    *norm2e = se;
    return n;
}

/* The near-copy of the incoming article in the window, or NULL. */
static art *find_copy(nf_clusterer *k, double *sim)
{
    art *best = NULL;
    double bs = 0;
    for (size_t b = 0; k->af.has_sig && b < NF__MH_BANDS; b++) {
        uint32_t id = nf__fx_find(k->fx, nf__band_key(k->af.sig, b)), np;
        if (id == UINT32_MAX) continue;
        const uint32_t *p = nf__fx_postings(k->fx, id, &np);
        for (uint32_t i = np > NF__BAND_SCAN ? np - NF__BAND_SCAN : 0; i < np; i++) {
            art *a = k->ring[p[i] & (k->rcap - 1)];
            double s = nf__sig_sim(k->af.sig, a->sig);
            if (s > bs || (s == bs && best && a->seq < best->seq)) {
                bs = s;
                best = a;
            }
        }
    }
    *sim = bs;
    return bs >= k->o.dup_threshold ? best : NULL;
}

/* Similarity of the incoming article (its weights scattered by feature id into k->scr; squared
 * norms n2[0] of all features, n2[1] of names and figures) and a, with the window's idf now: the
 * cosine, raised when the cosine of their names and figures alone is higher. Names and digits
 * are what reports of one event share across languages and across very different write-ups;
 * they only ever add evidence, so articles without them are not penalized. */
static double similarity(const nf_clusterer *k, const double *n2, const art *a, size_t nwin)
{
    double dot = 0, dote = 0, an2 = 0, an2e = 0;
    for (uint32_t j = 0; j < a->nf; j++) {
        uint32_t f = a->fid[j];
        double w = a->tf[j] * idf(k, nf__fx_df(k->fx, f), nwin);
        an2 += w * w;
        if (a->ent[j]) an2e += w * w;
        double x = k->scr[f];
        if (x != 0) {
            dot += x * w;
            if (a->ent[j] && k->scr_ent[f]) dote += x * w;
        }
    }
    double c = an2 > 0 && n2[0] > 0 ? dot / sqrt(an2 * n2[0]) : 0;
    double ce = an2e > 0 && n2[1] > 0 ? dote / sqrt(an2e * n2[1]) : 0;
    double mix = (1 - NF__ENT_MIX) * c + NF__ENT_MIX * ce;
    return mix > c ? mix : c;
}

static bool touch(nf_clusterer *k, uint32_t seq)
{
    if (k->ntouched == k->captouched) {
        void *p = k->touched;
        if (!nf__grow(k->al, &p, &k->captouched, k->ntouched + 1, sizeof *k->touched)) return false;
        k->touched = p;
    }
    k->touched[k->ntouched++] = seq;
    return true;
}

/* Partial dot products over the postings of the heaviest features (nw[0, nf) by weight): the
 * touched articles (k->touched), their sums in k->acc. Features in more than a sixteenth of the
 * window (at least 64, at most 512 articles) carry little weight and long postings, so they
 * are left out here (not in the exact similarity); the cap keeps the work per article bounded
 * however large the window. */
static bool gather(nf_clusterer *k, size_t nf, size_t nwin)
{
    size_t dfmax = NF__MIN(NF__MAX(nwin / 16, 64), 512), ns = 0;
    const nfeat *seed[NF__SEED_FEATS];
    for (size_t i = 0; i < nf; i++) { /* the heaviest NF__SEED_FEATS, heaviest first */
        const nfeat *f = &k->nw[i];
        if (f->fid == UINT32_MAX || nf__fx_df(k->fx, f->fid) > dfmax) continue;
        if (ns == NF__SEED_FEATS && cmp_weight(f, seed[ns - 1]) >= 0) continue;
        size_t j = ns < NF__SEED_FEATS ? ns++ : ns - 1;
        for (; j > 0 && cmp_weight(f, seed[j - 1]) < 0; j--) seed[j] = seed[j - 1];
        seed[j] = f;
    }
    for (size_t i = 0; i < ns; i++) {
        const nfeat *f = seed[i];
        uint32_t np;
        const uint32_t *p = nf__fx_postings(k->fx, f->fid, &np);
        /* the posted article's own tf is taken as 1: this only ranks candidates */
        float q = (float)(f->w * idf(k, np, nwin));
        for (uint32_t j = 0; j < np; j++) {
            size_t slot = p[j] & (k->rcap - 1);
            if (k->acc[slot] == 0 && !touch(k, p[j])) return false;
            k->acc[slot] += q;
        }
    }
    return true;
}

typedef struct cand {
    float score;
    uint32_t seq;
} cand;

static int cmp_cand_q(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    if (a->score != b->score) return a->score > b->score ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The story the incoming article joins by topic, or NULL; *sim its similarity. */
static art *find_topic(nf_clusterer *k, size_t nf, const double *n2, size_t nwin, double *sim,
                       bool *fail)
{
    *sim = 0;
    k->ntouched = 0;
    if (!gather(k, nf, nwin)) *fail = true;
    size_t nt = k->ntouched;
    /* the NF__CANDS best by partial dot product over the norm when they arrived, in order */
    cand c[NF__CANDS];
    size_t nc = 0;
    for (size_t i = 0; i < nt; i++) {
        size_t slot = k->touched[i] & (k->rcap - 1);
        cand x = {(float)(k->acc[slot] / k->ring[slot]->norm0), k->touched[i]};
        k->acc[slot] = 0;
        if (nc == NF__CANDS && cmp_cand_q(&x, &c[nc - 1]) >= 0) continue;
        size_t j = nc < NF__CANDS ? nc++ : nc - 1;
        for (; j > 0 && cmp_cand_q(&x, &c[j - 1]) < 0; j--) c[j] = c[j - 1];
        c[j] = x;
    }
    if (*fail) return NULL;
    /* the exact similarity reads the article's weights by feature id */
    for (size_t i = 0; i < nf; i++)
        if (k->nw[i].fid != UINT32_MAX) {
            k->scr[k->nw[i].fid] = k->nw[i].w;
            k->scr_ent[k->nw[i].fid] = k->nw[i].ent;
        }
    art *best = NULL;
    double bs = 0;
    for (size_t i = 0; i < nc; i++) {
        art *a = k->ring[c[i].seq & (k->rcap - 1)];
        double s = similarity(k, n2, a, nwin);
        if (s > bs || (s == bs && best && a->story->number < best->story->number)) {
            bs = s;
            best = a;
        }
    }
    for (size_t i = 0; i < nf; i++)
        if (k->nw[i].fid != UINT32_MAX) k->scr[k->nw[i].fid] = 0;
    *sim = bs;
    return bs >= k->o.threshold ? best : NULL;
}

/* Undo the postings of a failed insertion (newest first). */
static void unpost_new(nf_clusterer *k, const art *a, uint32_t nf, size_t nb)
{
    for (size_t b = nb; b-- > 0;) nf__fx_pop(k->fx, a->band[b], a->seq);
    for (uint32_t i = nf; i-- > 0;) nf__fx_pop(k->fx, a->fid[i], a->seq);
}

/* The incoming article (features nw[0, nf), fid-sorted with new ones last) as a window article:
 * its features and band keys posted under its number. NULL on allocation failure. */
static art *insert(nf_clusterer *k, size_t nf, double norm2, int64_t t, const nf_doc_meta *m)
{
    art *a = nf__calloc(k->al, 1, sizeof *a);
    if (!a) return NULL;
    a->seq = k->next;
    a->time = t != INT64_MIN ? t : k->now;
    a->norm0 = norm2 > 0 ? sqrt(norm2) : 1;
    a->has_sig = k->af.has_sig;
    memcpy(a->sig, k->af.sig, sizeof a->sig);
    a->fid = nf__alloc(k->al, (nf ? nf : 1) * sizeof *a->fid);
    a->tf = nf__alloc(k->al, (nf ? nf : 1) * sizeof *a->tf);
    a->ent = nf__alloc(k->al, nf ? nf : 1);
    if (m && m->id) a->id = nf__alloc(k->al, strlen(m->id) + 1);
    if (!a->fid || !a->tf || !a->ent || (m && m->id && !a->id)) {
        art_free(k->al, a);
        return NULL;
    }
    if (a->id) memcpy(a->id, m->id, strlen(m->id) + 1);
    uint32_t i = 0;
    size_t b = 0;
    for (; i < nf; i++) {
        a->fid[i] = nf__fx_post(k->fx, k->nw[i].key, a->seq);
        a->tf[i] = k->nw[i].tf;
        a->ent[i] = k->nw[i].ent;
        if (a->fid[i] == UINT32_MAX) break;
    }
    for (; i == nf && a->has_sig && b < NF__MH_BANDS; b++)
        if ((a->band[b] = nf__fx_post(k->fx, nf__band_key(a->sig, b), a->seq)) == UINT32_MAX) break;
    if (i < nf || (a->has_sig && b < NF__MH_BANDS)) {
        unpost_new(k, a, i, b);
        art_free(k->al, a);
        return NULL;
    }
    a->nf = (uint32_t)nf;
    return a;
}

/* Join story s (or a new one when s is NULL) with the inserted article a. */
static nf_status join(nf_clusterer *k, art *a, nf_story *s, const char *text, size_t n,
                      const nf_doc_meta *m)
{
    bool fresh = s == NULL;
    if (fresh && !(s = nf__story_new(k->al, k->nstories))) return NF_ENOMEM;
    nf_status st =
        nf__story_add(s, a->seq, (k->o.flags & NF_CLUSTER_KEEP_STORIES) != 0, text, n, m);
    if (st != NF_OK) {
        if (fresh) nf_story_free(s);
        return st;
    }
    if (fresh) k->nstories++;
    a->story = s;
    return NF_OK;
}

nf_status nf_clusterer_add(nf_clusterer *k, const char *text, size_t n, const nf_doc_meta *meta,
                           nf_assignment *out, nf_error *err)
{
    if (!k || (!text && n)) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    if (out) memset(out, 0, sizeof *out);
    if (n > k->o.max_bytes)
        return nf__fail(err, NF_ETOOBIG, -1, -1, -1, "article is %zu bytes (limit %zu)", n,
                        k->o.max_bytes);
    if (k->next == UINT32_MAX)
        return nf__fail(err, NF_ETOOBIG, -1, -1, -1, "too many articles for one clusterer");
    const char *title = meta ? meta->title : NULL;
    nf_status st = nf__afeat_build(k->ctx->tok, k->al, title, title ? strlen(title) : 0,
                                   text ? text : "", n, &k->af);
    if (st != NF_OK) return nf__fail(err, st, -1, -1, -1, "out of memory");
    if (k->af.words == 0) return nf__fail(err, NF_EEMPTY, -1, -1, -1, "article has no words");
    int64_t t = meta ? nf__parse_time(meta->date) : INT64_MIN;
    move_window(k, t);
    size_t nwin = (size_t)(k->next - k->head);
    void *nw = k->nw;
    if (!ring_room(k) || !ln_upto(k, nwin + 2) ||
        (k->af.n > k->capnw && !nf__grow(k->al, &nw, &k->capnw, k->af.n, sizeof *k->nw)))
        return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    k->nw = nw;
    if (!scratch_room(k)) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    double n2[2], sim = 0;
    size_t nf = weigh(k, nwin, &n2[0], &n2[1]);
    bool fail = false;
    art *to = find_copy(k, &sim), *copy = to;
    if (!to) to = find_topic(k, nf, n2, nwin, &sim, &fail);
    if (fail) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    art *a = insert(k, nf, n2[0], t, meta);
    if (!a) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    if ((st = join(k, a, to ? to->story : NULL, text ? text : "", n, meta)) != NF_OK) {
        unpost_new(k, a, a->nf, a->has_sig ? NF__MH_BANDS : 0);
        art_free(k->al, a);
        return nf__fail(err, st, -1, -1, -1, "out of memory");
    }
    k->ring[a->seq & (k->rcap - 1)] = a;
    k->next++;
    if (out) {
        out->article = a->seq;
        out->story = a->story->number;
        out->id = a->id;
        out->dup_of = copy ? (long long)copy->seq : -1;
        out->dup_of_id = copy ? copy->id : NULL;
        out->similarity = to ? sim : 0;
        out->is_new = to == NULL;
    }
    return NF_OK;
}

static const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

nf_status nf_clusterer_add_json(nf_clusterer *k, const char *p, size_t n, nf_assignment *out,
                                nf_error *err)
{
    if (!k || (!p && n)) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    if (out) memset(out, 0, sizeof *out);
    if (n > k->o.max_bytes + 65536)
        return nf__fail(err, NF_ETOOBIG, -1, -1, -1, "article is %zu bytes (limit %zu)", n,
                        k->o.max_bytes);
    json_error_t je;
    json_t *root = json_loadb(p ? p : "", n, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return nf__fail(err, NF_EJSON, -1, je.line, je.position, "JSON: %s (column %d)", je.text,
                        je.column);
    nf_status st;
    json_t *id = json_object_get(root, "id"), *text = json_object_get(root, "text");
    char idbuf[32];
    nf_doc_meta m = {NULL, NULL, NULL, NULL, NULL};
    if (!json_is_object(root)) {
        st = nf__fail(err, NF_EJSON, -1, -1, 0, "article is not a JSON object");
    } else if (id && !json_is_string(id) && !json_is_integer(id)) {
        st = nf__fail(err, NF_EJSON, -1, -1, -1, "\"id\" is not a string or integer");
    } else if (!json_is_string(text)) {
        st = nf__fail(err, NF_EJSON, -1, -1, -1, "article has no \"text\" string");
    } else {
        if (json_is_integer(id)) {
            snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(id));
            m.id = idbuf;
        } else {
            m.id = id ? json_string_value(id) : NULL;
        }
        m.title = jstr(root, "title");
        m.source = jstr(root, "source");
        m.url = jstr(root, "url");
        m.date = jstr(root, "date");
        st = nf_clusterer_add(k, json_string_value(text), json_string_length(text), &m, out, err);
    }
    json_decref(root);
    return st;
}

nf_status nf_clusterer_flush(nf_clusterer *k, nf_error *err)
{
    if (!k) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    while (k->head != k->next) expire_head(k);
    return NF_OK;
}

nf_status nf_clusterer_pop(nf_clusterer *k, nf_story **out)
{
    if (!k || !out) return NF_EINVAL;
    *out = k->qhead;
    if (k->qhead) {
        k->qhead = k->qhead->next;
        if (!k->qhead) k->qtail = NULL;
        (*out)->next = NULL;
    }
    return NF_OK;
}

size_t nf_clusterer_article_count(const nf_clusterer *k) { return k ? k->next : 0; }
size_t nf_clusterer_window_count(const nf_clusterer *k)
{
    return k ? (size_t)(k->next - k->head) : 0;
}
