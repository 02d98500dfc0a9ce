/* ilp.c - concept-coverage ILP (Gillick & Favre 2009) solved exactly with GLPK under the budget.
 *
 * maximize sum_i w_i c_i  subject to  sum_j cost_j s_j <= L,  sum_{j contains i} s_j >= c_i,
 * s_a + s_b <= 1 for redundant pairs,  s, c binary. Gillick & Favre also require s_j <= c_i for
 * each concept i of sentence j; with positive weights the optimum sets c_i = 1 whenever it can, so
 * those rows never bind and are left out: the problem shrinks by every concept occurrence.
 * To keep a 25-document cluster fast the problem is pruned first (sentences without a concept,
 * shorter than min_words or over the budget go; only the heaviest concepts and sentences stay) and
 * GLPK gets a time limit; past it we keep its best integer solution, or fall back to the greedy
 * cover when it has none. GLPK reports fatal errors by calling its error hook and then aborting:
 * the hook jumps back here instead, so the library never aborts. */
#include "concepts.h"

#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CONCEPTS 150
#define MAX_SENTS    150
/* Branch-and-bound nodes GLPK may open. A work bound, unlike the time limit, gives the same
 * answer on every machine; a wall-clock limit applies only when nf_options.time_limit is set. */
#define MAX_NODES 50

typedef struct cb_state {
    int nodes;
} cb_state;

static void on_tree(glp_tree *T, void *info)
{
    cb_state *cs = info;
    if (glp_ios_reason(T) == GLP_ISELECT && ++cs->nodes > MAX_NODES) glp_ios_terminate(T);
}

static _Thread_local jmp_buf *glp_jump;

static void glp_hook(void *info)
{
    (void)info;
    if (glp_jump) longjmp(*glp_jump, 1);
}

typedef struct wi {
    double w;
    uint32_t i;
} wi;

static int cmp_wi(const void *a, const void *b)
{
    const wi *x = a, *y = b;
    if (x->w != y->w) return x->w > y->w ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

/* Build and solve the pruned ILP; chosen sentences go to sel[] (returns count via *nsel). */
static nf_status solve(nf__sel *s, const nf__concepts *cp, const uint32_t *sents, size_t ns,
                       const uint32_t *cmap, size_t ncon, const uint32_t *conc, uint32_t *sel,
                       size_t *nsel)
{
    nf_cluster *c = s->c;
    nf__arena *a = s->scratch;
    /* nonzeros: budget row ns, per occurrence 1 (the cover row) + 1 per concept, pairs 2 */
    size_t nocc = 0;
    for (size_t j = 0; j < ns; j++)
        for (uint32_t k = cp->off[sents[j]]; k < cp->off[sents[j] + 1]; k++)
            if (cmap[cp->ids[k]] != UINT32_MAX) nocc++;
    size_t maxpairs = 4 * ns;
    size_t nz = ns + 3 * nocc + ncon + 2 * maxpairs + 1;
    int *ia = nf__arena_alloc(a, nz * sizeof *ia), *ja = nf__arena_alloc(a, nz * sizeof *ja);
    double *ar = nf__arena_alloc(a, nz * sizeof *ar);
    if (!ia || !ja || !ar) return NF_ENOMEM;

    jmp_buf jb;
    glp_prob *volatile lp = NULL;
    glp_jump = &jb;
    if (setjmp(jb)) {
        glp_jump = NULL;
        glp_error_hook(NULL, NULL);
        glp_free_env(); /* releases everything GLPK allocated, the problem included */
        return NF_ESOLVER;
    }
    glp_error_hook(glp_hook, NULL);
    glp_term_out(GLP_OFF);
    lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    /* columns: sentences 1..ns, concepts ns+1..ns+ncon */
    glp_add_cols(lp, (int)(ns + ncon));
    for (size_t j = 0; j < ns; j++) {
        glp_set_col_kind(lp, (int)j + 1, GLP_BV);
        /* a tiny preference for early sentences and query relevance breaks ties */
        double tie = 1e-3 / (1.0 + c->sents[sents[j]].pos);
        if (s->qsim) tie += 1e-2 * s->qsim[sents[j]];
        glp_set_obj_coef(lp, (int)j + 1, tie);
    }
    for (size_t i = 0; i < ncon; i++) {
        glp_set_col_kind(lp, (int)(ns + i) + 1, GLP_BV);
        glp_set_obj_coef(lp, (int)(ns + i) + 1, cp->w[conc[i]]);
    }
    size_t e = 0;
    int row = 0;
    /* budget */
    glp_add_rows(lp, 1);
    row++;
    double room = (double)(s->o->budget - s->used);
    glp_set_row_bnds(lp, row, GLP_UP, 0.0, room);
    for (size_t j = 0; j < ns; j++) {
        e++;
        ia[e] = row;
        ja[e] = (int)j + 1;
        ar[e] = (double)nf__sent_cost(s, sents[j]);
    }
    /* sum_j s_j - c_i >= 0 */
    int first_cover = row + 1;
    glp_add_rows(lp, (int)ncon);
    for (size_t i = 0; i < ncon; i++) {
        glp_set_row_bnds(lp, first_cover + (int)i, GLP_LO, 0.0, 0.0);
        e++;
        ia[e] = first_cover + (int)i, ja[e] = (int)(ns + i) + 1, ar[e] = -1.0;
    }
    row += (int)ncon;
    for (size_t j = 0; j < ns; j++)
        for (uint32_t k = cp->off[sents[j]]; k < cp->off[sents[j] + 1]; k++) {
            uint32_t ci = cmap[cp->ids[k]];
            if (ci == UINT32_MAX) continue;
            e++;
            ia[e] = first_cover + (int)ci, ja[e] = (int)j + 1, ar[e] = 1.0;
        }
    /* redundant pairs: s_a + s_b <= 1 */
    size_t npairs = 0;
    for (size_t x = 0; x < ns && npairs < maxpairs; x++)
        for (size_t y = x + 1; y < ns && npairs < maxpairs; y++) {
            if (nf__cosine(&c->sents[sents[x]], &c->sents[sents[y]]) <= s->o->redundancy) continue;
            glp_add_rows(lp, 1);
            row++;
            glp_set_row_bnds(lp, row, GLP_UP, 0.0, 1.0);
            e++;
            ia[e] = row, ja[e] = (int)x + 1, ar[e] = 1.0;
            e++;
            ia[e] = row, ja[e] = (int)y + 1, ar[e] = 1.0;
            npairs++;
        }
    glp_load_matrix(lp, (int)e, ia, ja, ar);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    cb_state cs = {0};
    parm.cb_func = on_tree;
    parm.cb_info = &cs;
    /* A wall-clock limit makes the answer depend on the machine (a sanitizer build hit it and
     * changed outputs), so by default only the node budget bounds the work; a caller who prefers
     * a deadline to determinism sets time_limit. */
    if (s->o->time_limit > 0) {
        double ms = s->o->time_limit * 1000.0;
        parm.tm_lim = (int)(ms > 1 ? ms : 1);
    }
    int ret = glp_intopt(lp, &parm);
    int status = glp_mip_status(lp);
    nf_status st = NF_OK;
    *nsel = 0;
    if ((ret == 0 || ret == GLP_ETMLIM || ret == GLP_ESTOP) &&
        (status == GLP_OPT || status == GLP_FEAS)) {
        for (size_t j = 0; j < ns; j++)
            if (glp_mip_col_val(lp, (int)j + 1) > 0.5) sel[(*nsel)++] = sents[j];
    } else {
        st = NF_ESOLVER;
    }
    glp_delete_prob(lp);
    glp_error_hook(NULL, NULL);
    glp_jump = NULL;
    glp_free_env(); /* GLPK keeps a per-thread environment; release it so nothing outlives us */
    return st;
}

nf_status nf__select_ilp(nf__sel *s)
{
    nf_cluster *c = s->c;
    nf__arena *a = s->scratch;
    nf__concepts cp;
    uint32_t min_df = nf__concepts_min_df(c->ngroups);
    nf_status st;
    for (;;) {
        st = nf__concepts_build(s, min_df, 1.0, &cp);
        if (st != NF_OK) return st;
        if (cp.n > 0 || min_df == 1) break;
        nf__concepts_release(s, &cp);
        min_df--;
    }
    /* the cover reads weights and sentence runs only */
    nf__arena_release(a, cp.words);
    nf__arena_release(a, cp.df);
    cp.words = cp.df = NULL;
    uint8_t *covered = nf__arena_calloc(a, cp.n ? cp.n : 1, 1);
    if (!covered) return NF_ENOMEM;
    if (s->o->unit == NF_UNIT_SENTENCES || cp.n == 0) {
        st = nf__concepts_greedy(s, &cp, covered, &nf__greedy_default);
        return st != NF_OK ? st : nf__fill_centroid(s);
    }

    /* prune: the heaviest concepts, then the sentences that hold them, heaviest first */
    wi *cw = nf__arena_alloc(a, cp.n * sizeof *cw);
    uint32_t *cmap = nf__arena_alloc(a, cp.n * sizeof *cmap);
    if (!cw || !cmap) return NF_ENOMEM;
    for (size_t i = 0; i < cp.n; i++) cw[i] = (wi){cp.w[i], (uint32_t)i};
    qsort(cw, cp.n, sizeof *cw, cmp_wi);
    size_t ncon = cp.n < MAX_CONCEPTS ? cp.n : MAX_CONCEPTS;
    uint32_t *conc = nf__arena_alloc(a, (ncon ? ncon : 1) * sizeof *conc);
    if (!conc) return NF_ENOMEM;
    for (size_t i = 0; i < cp.n; i++) cmap[i] = UINT32_MAX;
    for (size_t i = 0; i < ncon; i++) {
        cmap[cw[i].i] = (uint32_t)i;
        conc[i] = cw[i].i;
    }
    wi *sw = nf__arena_alloc(a, (c->nsents ? c->nsents : 1) * sizeof *sw);
    if (!sw) return NF_ENOMEM;
    size_t m = 0;
    size_t room = s->o->budget - s->used;
    for (uint32_t i = 0; i < c->nsents; i++) {
        if (!s->cand[i] || nf__sent_cost(s, i) > room) continue;
        double w = 0;
        for (uint32_t k = cp.off[i]; k < cp.off[i + 1]; k++)
            if (cmap[cp.ids[k]] != UINT32_MAX) w += cp.w[cp.ids[k]];
        if (w > 0) sw[m++] = (wi){w, i};
    }
    qsort(sw, m, sizeof *sw, cmp_wi);
    size_t ns = m < MAX_SENTS ? m : MAX_SENTS;
    uint32_t *sents = nf__arena_alloc(a, (ns ? ns : 1) * sizeof *sents);
    uint32_t *sel = nf__arena_alloc(a, (ns ? ns : 1) * sizeof *sel);
    if (!sents || !sel) return NF_ENOMEM;
    for (size_t j = 0; j < ns; j++) sents[j] = sw[j].i;
    size_t nsel = 0;
    nf_status solved = ns ? solve(s, &cp, sents, ns, cmap, ncon, conc, sel, &nsel) : NF_OK;
    if (solved == NF_ENOMEM) return solved;
    for (size_t k = 0; k < nsel; k++) {
        uint32_t i = sel[k];
        double w = 0;
        for (uint32_t q = cp.off[i]; q < cp.off[i + 1]; q++) {
            if (!covered[cp.ids[q]]) w += cp.w[cp.ids[q]];
            covered[cp.ids[q]] = 1;
        }
        st = nf__sel_take(s, i, w);
        if (st != NF_OK) return st;
    }
    /* fill what room is left (and, under --truncate, the sentence that will be cut) greedily */
    st = nf__concepts_greedy(s, &cp, covered, &nf__greedy_default);
    nf__concepts_release(s, &cp);
    if (st == NF_OK) st = nf__fill_centroid(s);
    if (st != NF_OK) return st;
    return solved == NF_ESOLVER ? NF_ESOLVER : NF_OK;
}
