/* auto.c - the default: budgeted monotone submodular coverage (Lin & Bilmes 2011) by lazy greedy.
 *
 *   F(S) = sum_c w_c [S covers c] + lambda * sum_g sqrt(sum_{j in S, j from group g} r_j)
 *
 * c runs over the bigram concepts of concepts.c, w_c is the number of independent reports (groups
 * of near-duplicate documents count once) that contain c; g runs over those same groups, r_j is the
 * concept weight of sentence j alone, so the second term rewards drawing on several sources.
 * Each step takes the sentence with the best marginal gain x (1 + query_mul * query similarity)
 * x (1 + pos / (1 + rank in its document)) / cost^cost_pow that fits and is not redundant. Both
 * terms are monotone submodular and the factors are fixed per sentence, so a gain only falls as S
 * grows: gains are kept in a max-heap and only the top is re-evaluated (lazy greedy), which picks
 * exactly what the full greedy picks. What room the concepts leave goes to the centroid fill.
 *
 * The constants are chosen by leave-one-set-out over the four dev sets at 100 and 250 words
 * (scripts/quality, bench/QUALITY.md); nf_options.params overrides them for that protocol. */
#include "concepts.h"

#include <math.h>
#include <string.h>

typedef struct auto_params {
    double cost_pow; /* gain / cost^cost_pow */
    double pos;      /* gain *= 1 + pos / (1 + rank in document): the news lead prior */
    double div;      /* lambda: weight of the per-source diversity reward */
    double qmul;     /* gain *= 1 + qmul * cosine(sentence, query) */
    double qboost;   /* concepts sharing a query term weigh 1 + qboost */
    double quote;    /* gain *= 1 - quote for a sentence that opens with a quotation mark */
    double num;      /* concepts with a number ("62 soldiers": how many) weigh 1 + num */
    double share;    /* 1: a sentence the budget cuts gains the kept share only */
    double lazy;     /* 0: recompute every gain after each pick (the plain greedy, for tests) */
} auto_params;

static const auto_params defaults = {0.5, 0.3, 1.0, 1.0, 0.5, 0.5, 1.0, 1.0, 1.0};

static const struct {
    const char *name;
    size_t off;
} names[] = {
    {"cost", offsetof(auto_params, cost_pow)}, {"pos", offsetof(auto_params, pos)},
    {"div", offsetof(auto_params, div)},       {"qmul", offsetof(auto_params, qmul)},
    {"qboost", offsetof(auto_params, qboost)}, {"quote", offsetof(auto_params, quote)},
    {"num", offsetof(auto_params, num)},       {"share", offsetof(auto_params, share)},
    {"lazy", offsetof(auto_params, lazy)},
};

/* A non-negative decimal "12", "0.25", ".5": locale-independent, no exponent. */
static bool parse_num(const char *p, size_t n, double *out)
{
    double v = 0, scale = 1;
    bool dot = false, digit = false;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '.' && !dot) {
            dot = true;
        } else if (p[i] >= '0' && p[i] <= '9') {
            digit = true;
            if (dot) scale /= 10;
            v = dot ? v + (p[i] - '0') * scale : v * 10 + (p[i] - '0');
        } else {
            return false;
        }
    }
    *out = v;
    return digit;
}

/* "name=value,name=value" over the defaults; false (with the offending byte in *bad) on an unknown
 * name or a bad number. */
static bool parse_params(const char *s, auto_params *p, size_t *bad)
{
    *p = defaults;
    if (!s) return true;
    size_t i = 0, n = strlen(s);
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != ',') e++;
        size_t eq = i;
        while (eq < e && s[eq] != '=') eq++;
        size_t k = 0, nn = sizeof names / sizeof *names;
        for (; k < nn; k++)
            if (strlen(names[k].name) == eq - i && memcmp(names[k].name, s + i, eq - i) == 0) break;
        if (k == nn || eq == e ||
            !parse_num(s + eq + 1, e - eq - 1, (double *)((char *)p + names[k].off))) {
            *bad = i;
            return false;
        }
        i = e + 1;
    }
    return true;
}

bool nf__auto_params_check(const char *s, size_t *bad)
{
    auto_params p;
    return parse_params(s, &p, bad);
}

typedef struct lazy {
    nf__sel *s;
    const nf__concepts *cp;
    const auto_params *p;
    const uint8_t *covered;
    const double *part; /* reward taken so far per document group */
    const double *r;    /* singleton reward per candidate (by its index j among candidates) */
    const double *fix;  /* fixed factor per candidate: query, position, cost */
} lazy;

/* The current value of sentence i (candidate j): marginal gain times its fixed factor. */
static double value(const lazy *z, uint32_t i, uint32_t j)
{
    const nf__concepts *cp = z->cp;
    double gain = 0;
    for (uint32_t k = cp->off[i]; k < cp->off[i + 1]; k++)
        if (!z->covered[cp->ids[k]]) gain += cp->w[cp->ids[k]];
    if (gain <= 0) return 0;
    if (z->p->div > 0) {
        double have = z->part[z->s->c->doc_group[z->s->c->sents[i].doc]];
        gain += z->p->div * (sqrt(have + z->r[j]) - sqrt(have));
    }
    /* under --truncate a sentence longer than the room left is cut: it counts for what is kept */
    const nf__sel *s = z->s;
    double cost = (double)nf__sent_cost(s, i), room = (double)(s->o->budget - s->used);
    if (z->p->share > 0 && cost > room && room > 0) gain *= room / cost;
    return gain * z->fix[j];
}

/* Max-heap of (value, sentence); a larger value first, then the smaller index. */
typedef struct hnode {
    double v;
    uint32_t i, j; /* sentence, and its index among the candidates */
} hnode;

static bool above(const hnode *a, const hnode *b)
{
    return a->v > b->v || (a->v == b->v && a->i < b->i);
}

static void sift_down(hnode *h, size_t n, size_t k)
{
    for (;;) {
        size_t l = 2 * k + 1, r = l + 1, m = k;
        if (l < n && above(&h[l], &h[m])) m = l;
        if (r < n && above(&h[r], &h[m])) m = r;
        if (m == k) return;
        hnode t = h[k];
        h[k] = h[m];
        h[m] = t;
        k = m;
    }
}

static nf_status lazy_greedy(nf__sel *s, const nf__concepts *cp, const auto_params *p)
{
    nf_cluster *c = s->c;
    size_t n = 0; /* the arrays are per candidate: one long document has few (most are copies) */
    for (size_t i = 0; i < c->nsents; i++) n += s->cand[i] != 0;
    uint8_t *covered = nf__arena_calloc(s->scratch, cp->n ? cp->n : 1, 1);
    double *part = nf__arena_calloc(s->scratch, c->ndocs ? c->ndocs : 1, sizeof *part);
    double *r = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof *r);
    double *fix = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof *fix);
    uint32_t *stamp = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof *stamp);
    hnode *h = nf__arena_alloc(s->scratch, (n ? n : 1) * sizeof *h);
    uint32_t *rank = nf__cand_rank(s);
    if (!covered || !part || !r || !fix || !stamp || !h || !rank) return NF_ENOMEM;
    /* a copied report adds no evidence but may supply a sentence: a group of near-duplicate
     * documents gives the coverage step one sentence (the fill may add more when nothing else
     * is left) */
    uint8_t *shut = NULL;   /* per group: supplied its one sentence */
    uint32_t *gsize = NULL; /* documents per group */
    if (c->ndup_pairs) {
        shut = nf__arena_calloc(s->scratch, c->ndocs, 1);
        gsize = nf__arena_calloc(s->scratch, c->ndocs, sizeof *gsize);
        if (!shut || !gsize) return NF_ENOMEM;
        for (size_t d = 0; d < c->ndocs; d++) gsize[c->doc_group[d]]++;
    }
    lazy z = {s, cp, p, covered, part, r, fix};
    size_t nh = 0;
    for (uint32_t i = 0, j = 0; i < c->nsents; i++) {
        if (!s->cand[i]) continue;
        double w = 0;
        for (uint32_t k = cp->off[i]; k < cp->off[i + 1]; k++) w += cp->w[cp->ids[k]];
        r[j] = w;
        double f = 1.0 + p->pos / (1.0 + rank[i]);
        if (s->qsim) f *= 1.0 + p->qmul * s->qsim[i];
        if (c->sents[i].flags & NF__S_QUOTE) f *= p->quote < 1 ? 1.0 - p->quote : 0.0;
        double cost = (double)nf__sent_cost(s, i);
        cost = cost > 1 ? cost : 1;
        fix[j] = f / (p->cost_pow == 0.5   ? sqrt(cost)
                      : p->cost_pow == 1.0 ? cost
                                           : pow(cost, p->cost_pow));
        stamp[j] = 0;
        double v = value(&z, i, j);
        if (v > 0) h[nh++] = (hnode){v, i, j};
        j++;
    }
    for (size_t k = nh / 2; k-- > 0;) sift_down(h, nh, k);
    uint32_t round = 0; /* sentences taken so far: a value stamped with it is current */
    while (nh > 0) {
        uint32_t i = h[0].i, j = h[0].j;
        if (!nf__sel_fits(s, i)) { /* the room only shrinks: it never fits again */
            h[0] = h[--nh];
            sift_down(h, nh, 0);
            continue;
        }
        if (stamp[j] != round) {
            stamp[j] = round;
            h[0].v = value(&z, i, j);
            if (h[0].v <= 0) h[0] = h[--nh];
            sift_down(h, nh, 0);
            continue;
        }
        double v = h[0].v;
        h[0] = h[--nh];
        sift_down(h, nh, 0);
        if (s->nchosen && nf__sel_maxsim(s, i) > s->o->redundancy) continue;
        if (shut && shut[c->doc_group[c->sents[i].doc]]) continue;
        for (uint32_t k = cp->off[i]; k < cp->off[i + 1]; k++) covered[cp->ids[k]] = 1;
        part[c->doc_group[c->sents[i].doc]] += r[j];
        if (shut && gsize[c->doc_group[c->sents[i].doc]] > 1)
            shut[c->doc_group[c->sents[i].doc]] = 1;
        nf_status st = nf__sel_take(s, i, v);
        if (st != NF_OK) return st;
        round++;
        if (p->lazy <= 0) { /* the plain greedy: every gain is current before the next pick */
            size_t m = 0;
            for (size_t k = 0; k < nh; k++) {
                stamp[h[k].j] = round;
                h[k].v = value(&z, h[k].i, h[k].j);
                if (h[k].v > 0) h[m++] = h[k];
            }
            nh = m;
            for (size_t k = nh / 2; k-- > 0;) sift_down(h, nh, k);
        }
    }
    return NF_OK;
}

nf_status nf__select_auto(nf__sel *s)
{
    auto_params p;
    size_t bad;
    if (!parse_params(s->o->params, &p, &bad)) return NF_EINVAL;
    nf__concepts cp;
    uint32_t min_df = nf__concepts_min_df(s->c->ngroups);
    nf_status st;
    for (;;) {
        st = nf__concepts_build(s, min_df, p.qboost, &cp);
        if (st != NF_OK) return st;
        if (cp.n > 0 || min_df == 1) break;
        nf__concepts_release(s, &cp);
        min_df--;
    }
    if (p.num > 0) /* "62 soldiers", "31 people": how many */
        for (size_t k = 0; k < cp.n; k++)
            for (int e = 0; e < 2; e++) {
                size_t len;
                const char *w =
                    nf__tokenizer_stem_str(s->ctx->tok, s->c->terms.gid[cp.words[2 * k + e]], &len);
                if (len && w[0] >= '0' && w[0] <= '9') {
                    cp.w[k] *= 1.0 + p.num;
                    break;
                }
            }
    /* the greedy reads weights and sentence runs only */
    nf__arena_release(s->scratch, cp.words);
    nf__arena_release(s->scratch, cp.df);
    cp.words = cp.df = NULL;
    st = lazy_greedy(s, &cp, &p);
    nf__concepts_release(s, &cp); /* the fill needs room more than the concepts */
    if (st != NF_OK) return st;
    return nf__fill_centroid(s);
}
