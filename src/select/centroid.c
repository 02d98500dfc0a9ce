/* centroid.c - MEAD-style centroid: similarity to the cluster centroid (top tf-idf terms), plus a
 * position prior and overlap with the document's first sentence. */
#include "select.h"

#include <math.h>
#include <stdlib.h>

#define CENTROID_TERMS 100

typedef struct tw {
    double w;
    uint32_t t;
} tw;

static int cmp_tw(const void *a, const void *b)
{
    const tw *x = a, *y = b;
    if (x->w != y->w) return x->w > y->w ? -1 : 1;
    return (x->t > y->t) - (x->t < y->t);
}

/* Put x at hole i of the heap top[0, nh) (root: the worst by cmp_tw), moving better children
 * up the path. */
static void sift_down(tw *top, size_t nh, size_t i, tw x)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, w = i;
        const tw *wv = &x;
        if (l < nh && cmp_tw(&top[l], wv) > 0) w = l, wv = &top[l];
        if (r < nh && cmp_tw(&top[r], wv) > 0) w = r, wv = &top[r];
        if (w == i) break;
        top[i] = top[w];
        i = w;
    }
    top[i] = x;
}

nf_status nf__centroid_scores(nf__sel *s, double *score)
{
    nf_cluster *c = s->c;
    size_t n = c->nsents, nt = c->terms.n;
    double *cw = nf__arena_calloc(s->scratch, nt ? nt : 1, sizeof *cw);
    tw *top = nf__arena_alloc(s->scratch, (nt ? nt : 1) * sizeof *top);
    uint32_t *rank = nf__cand_rank(s);
    if (!cw || !top || !score || !rank) return NF_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const nf__sent *t = &c->sents[i];
        if (t->flags & NF__S_DUP) continue;
        for (uint32_t k = 0; k < t->nv; k++) cw[t->vt[k]] += nf__vw(t)[k];
    }
    size_t keep = nt < CENTROID_TERMS ? nt : CENTROID_TERMS;
    /* the `keep` best terms (cmp_tw is a total order, so the set is unique), kept in a heap whose
     * root is the worst of them, then sorted: the same list a sort of every term would
     * begin with */
    size_t nh = 0;
    for (size_t t = 0; t < nt; t++) {
        tw x = {cw[t] / (double)c->ndocs, (uint32_t)t};
        if (nh < keep) {
            size_t i = nh++;
            while (i > 0 && cmp_tw(&top[(i - 1) / 2], &x) < 0) { /* parent better: move down */
                top[i] = top[(i - 1) / 2];
                i = (i - 1) / 2;
            }
            top[i] = x;
        } else if (cmp_tw(&x, &top[0]) < 0) { /* better than the worst kept: replace the root */
            sift_down(top, nh, 0, x);
        }
    }
    /* heapsort: the worst goes to the end each round, so the list ends best first (qsort with
     * its comparison through a pointer was 4 % of a Multi-News batch) */
    for (size_t e = nh; e > 1; e--) {
        tw x = top[e - 1];
        top[e - 1] = top[0];
        sift_down(top, e - 1, 0, x);
    }
    for (size_t t = 0; t < nt; t++) cw[t] = 0;
    double cnorm = 0;
    for (size_t k = 0; k < keep; k++) {
        cw[top[k].t] = top[k].w;
        cnorm += top[k].w * top[k].w;
    }
    cnorm = sqrt(cnorm);
    for (size_t i = 0; i < n; i++) {
        const nf__sent *t = &c->sents[i];
        if (!s->cand[i] || t->norm <= 0 || cnorm <= 0) {
            score[i] = -1e300;
            continue;
        }
        double dot = 0;
        for (uint32_t k = 0; k < t->nv; k++) dot += nf__vw(t)[k] * cw[t->vt[k]];
        double cen = dot / (t->norm * cnorm);
        double pos = 1.0 / sqrt(1.0 + (double)rank[i]);
        score[i] = cen + 0.25 * pos;
        if (s->qsim) score[i] += s->qsim[i];
    }
    return NF_OK;
}

nf_status nf__select_centroid(nf__sel *s)
{
    size_t n = s->c->nsents;
    double *score = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof *score);
    if (!score) return NF_ENOMEM;
    nf_status st = nf__centroid_scores(s, score);
    return st != NF_OK ? st : nf__sel_greedy(s, score);
}

nf_status nf__fill_centroid(nf__sel *s)
{
    if (s->used >= s->o->budget) return NF_OK;
    /* Coverage methods stop when no sentence adds a shared concept, which happens early in small
     * clusters: the rest of the budget goes to the most central sentences, as a reader expects
     * the budget used. */
    double *score = nf__arena_alloc(s->scratch, (s->c->nsents ? s->c->nsents : 1) * sizeof *score);
    if (!score) return NF_ENOMEM;
    nf_status st = nf__centroid_scores(s, score);
    if (st != NF_OK) return st;
    for (size_t k = 0; k < s->nchosen; k++) score[s->chosen[k]] = -1e300; /* already in */
    return nf__sel_greedy(s, score);
}
