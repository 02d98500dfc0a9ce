/* submodular.c - monotone submodular coverage + diversity (Lin & Bilmes 2011), budgeted greedy
 * with cost scaling.
 *
 *   F(S) = sum_i min(C_i(S), alpha * C_i(V)) + lambda * sum_k sqrt(sum_{j in S and P_k} r_j)
 *
 * C_i(S) is the tf-idf cosine mass of S on sentence i, r_j the mean similarity of j to the cluster
 * (plus its query similarity), P_k a partition of the sentences by leader clustering. The greedy
 *  step takes the best gain / cost^0.3 that fits and is not redundant;
 * ties break on sentence index. */
#include "select.h"

#include <math.h>
#include <string.h>

#define MAX_NODES  1500
#define ALPHA_A    5.0 /* alpha = a / N */
#define LAMBDA     6.0
#define COST_POW   0.3
#define LEADER_SIM 0.25 /* leader clustering threshold for the diversity partition */

/* Dense cosine matrix of the sentences ids[0..m) through an inverted index over content terms. */
static float *sim_matrix(nf__sel *s, const uint32_t *ids, size_t m)
{
    nf_cluster *c = s->c;
    size_t nt = c->terms.n;
    float *w = nf__arena_calloc(s->scratch, m * m, sizeof *w);
    uint32_t *cnt = nf__arena_calloc(s->scratch, nt + 1, sizeof *cnt);
    if (!w || !cnt) return NULL;
    size_t total = 0;
    for (size_t a = 0; a < m; a++) {
        const nf__sent *t = &c->sents[ids[a]];
        for (uint32_t k = 0; k < t->nv; k++) cnt[t->vt[k] + 1]++;
        total += t->nv;
    }
    for (size_t t = 0; t < nt; t++) cnt[t + 1] += cnt[t];
    uint32_t *who = nf__arena_alloc(s->scratch, (total ? total : 1) * sizeof *who);
    float *val = nf__arena_alloc(s->scratch, (total ? total : 1) * sizeof *val);
    uint32_t *fill = nf__arena_alloc(s->scratch, (nt + 1) * sizeof *fill);
    if (!who || !val || !fill) return NULL;
    memcpy(fill, cnt, (nt + 1) * sizeof *fill);
    for (size_t a = 0; a < m; a++) {
        const nf__sent *t = &c->sents[ids[a]];
        float inv = t->norm > 0 ? (float)(1.0 / t->norm) : 0.0f;
        for (uint32_t k = 0; k < t->nv; k++) {
            uint32_t p = fill[t->vt[k]]++;
            who[p] = (uint32_t)a;
            val[p] = nf__vw(t)[k] * inv;
        }
    }
    for (size_t term = 0; term < nt; term++)
        for (uint32_t p = cnt[term]; p < cnt[term + 1]; p++)
            for (uint32_t q = cnt[term]; q < cnt[term + 1]; q++)
                w[(size_t)who[p] * m + who[q]] += val[p] * val[q];
    return w;
}

nf_status nf__select_submodular(nf__sel *s)
{
    nf_cluster *c = s->c;
    size_t n = c->nsents, m = 0;
    uint32_t *ids = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof *ids);
    if (!ids) return NF_ENOMEM;
    /* beyond MAX_NODES keep the earliest candidates of each document, round robin */
    uint32_t *rank = nf__cand_rank(s);
    if (!rank) return NF_ENOMEM;
    for (uint32_t r = 0; m < MAX_NODES; r++) {
        size_t before = m;
        for (size_t i = 0; i < n && m < MAX_NODES; i++)
            if (rank[i] == r) ids[m++] = (uint32_t)i;
        if (m == before) break;
    }
    if (m == 0) return NF_OK;
    nf__sort_u32(ids, m); /* index order again: ties break the same way every run */
    float *w = sim_matrix(s, ids, m);
    double *cv = nf__arena_calloc(s->scratch, m, sizeof *cv); /* C_i(V) */
    double *cs = nf__arena_calloc(s->scratch, m, sizeof *cs); /* C_i(S) */
    double *r = nf__arena_calloc(s->scratch, m, sizeof *r);
    uint32_t *part = nf__arena_alloc(s->scratch, m * sizeof *part);
    double *pk = nf__arena_calloc(s->scratch, m, sizeof *pk); /* sum of r in S per part */
    uint8_t *used = nf__arena_calloc(s->scratch, m, 1);
    uint32_t *leaders = nf__arena_alloc(s->scratch, m * sizeof *leaders);
    if (!w || !cv || !cs || !r || !part || !pk || !used || !leaders) return NF_ENOMEM;
    double alpha = ALPHA_A / (double)m;
    for (size_t i = 0; i < m; i++) {
        double sum = 0;
        for (size_t j = 0; j < m; j++) sum += w[i * m + j];
        cv[i] = sum;
        r[i] = sum / (double)m;
        if (s->qsim) r[i] += s->qsim[ids[i]];
    }
    size_t nl = 0;
    for (size_t i = 0; i < m; i++) {
        size_t k = 0;
        for (; k < nl; k++)
            if (w[i * m + leaders[k]] >= LEADER_SIM) break;
        if (k == nl) leaders[nl++] = (uint32_t)i;
        part[i] = (uint32_t)k;
    }
    for (;;) {
        double best = 0;
        size_t bj = SIZE_MAX;
        for (size_t j = 0; j < m; j++) {
            if (used[j] || !nf__sel_fits(s, ids[j])) continue;
            double gain = 0;
            const float *col = w + j * m; /* symmetric: row j == column j */
            for (size_t i = 0; i < m; i++) {
                double cap = alpha * cv[i];
                double before = cs[i] < cap ? cs[i] : cap;
                double after = cs[i] + col[i] < cap ? cs[i] + col[i] : cap;
                gain += after - before;
            }
            gain += LAMBDA * (sqrt(pk[part[j]] + r[j]) - sqrt(pk[part[j]]));
            double cost = (double)nf__sent_cost(s, ids[j]);
            double v = gain / pow(cost > 1 ? cost : 1, COST_POW);
            if (v > best) {
                best = v;
                bj = j;
            }
        }
        if (bj == SIZE_MAX) break;
        used[bj] = 1;
        if (s->nchosen && nf__sel_maxsim(s, ids[bj]) > s->o->redundancy) continue;
        const float *col = w + bj * m;
        for (size_t i = 0; i < m; i++) cs[i] += col[i];
        pk[part[bj]] += r[bj];
        nf_status st = nf__sel_take(s, ids[bj], best);
        if (st != NF_OK) return st;
    }
    return NF_OK;
}
