/* rouge.c - the nf_rouge handle: options, evaluations, and ROUGE-1.5.5's averages.
 *
 * Averages follow computeAverages/bootstrapResampling of the Perl script: evaluations in plain
 * byte order of "<id>.<peer>", resample i seeded with srand(i) and Perl's own drand48, n draws of
 * int(rand() * n), the mean of the resample means as Average_X, and the interval read from the
 * sorted resample means at r*(100-c)/200 (interpolated). Each resample has its own seed, so the
 * index sequence of resample i is the same for every metric: it is drawn once and shared.
 */
#include "eval/rouge.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Perl's drand48 (used by rand() on every platform since Perl 5.20) ---- */

uint64_t nf__perl_srand(uint32_t seed) { return ((uint64_t)seed << 16) + 0x330Eu; }

double nf__perl_drand(uint64_t *x)
{
    *x = (*x * 0x5DEECE66Dull + 0xBu) & 0xFFFFFFFFFFFFull;
    return (double)*x * 0x1p-48; /* exact: x has 48 bits */
}

/* ---- options and handle ---- */

/* The end of nf_rouge_options's first layout with a size member; it never changes. */
#define ROUGE_OPTIONS_V1_SIZE (offsetof(nf_rouge_options, peer_id) + sizeof(const char *))

void nf_rouge_options_init_size(nf_rouge_options *o, size_t size)
{
    if (!o) return;
    nf_rouge_options d;
    memset(&d, 0, sizeof d);
    d.max_n = 0;
    d.skip_distance = 4;
    d.scoring = NF_ROUGE_MODEL_AVERAGE;
    d.alpha = 0.5;
    d.weight = 0;
    d.count = NF_ROUGE_BY_SENTENCE;
    d.confidence = 95;
    d.resamples = 1000;
    d.peer_id = NULL;
    if (size > sizeof d) { /* a newer header: nf_rouge_new refuses it */
        memset(o, 0, size);
        memcpy(o, &d, sizeof d);
    } else {
        memcpy(o, &d, size);
    }
    if (size >= sizeof o->size) o->size = size;
}

static void add_metric(nf_rouge *r, int kind, int n, bool uni, const char *name)
{
    nf__rmetric *m = &r->metrics[r->nmetrics++];
    m->kind = kind;
    m->n = n;
    m->unigram = uni;
    snprintf(m->name, sizeof m->name, "%s", name);
}

/* ROUGE's order: ROUGE-N, L (unless -x), W (-w), then S/SU (-2). */
static void build_metrics(nf_rouge *r)
{
    const nf_rouge_options *o = &r->o;
    char name[48];
    for (int n = 1; n <= o->max_n; n++) {
        snprintf(name, sizeof name, "ROUGE-%d", n);
        add_metric(r, NF__RM_N, n, false, name);
    }
    if (!(o->flags & NF_ROUGE_NO_LCS)) add_metric(r, NF__RM_L, 0, false, "ROUGE-L");
    if (o->weight > 0) {
        snprintf(name, sizeof name, "ROUGE-W-%.15g", o->weight);
        add_metric(r, NF__RM_W, 0, false, name);
    }
    if (o->flags & NF_ROUGE_SKIP) {
        char d[24];
        if (o->skip_distance >= 0)
            snprintf(d, sizeof d, "%d", o->skip_distance);
        else
            snprintf(d, sizeof d, "*");
        bool su = o->flags & NF_ROUGE_SKIP_UNIGRAM, both = o->flags & NF_ROUGE_SKIP_BOTH;
        if (!su) {
            snprintf(name, sizeof name, "ROUGE-S%s", d);
            add_metric(r, NF__RM_S, 0, false, name);
        }
        if (su || both) {
            snprintf(name, sizeof name, "ROUGE-SU%s", d);
            add_metric(r, NF__RM_S, 0, true, name);
        }
    }
}

nf_status nf_rouge_new(const nf_rouge_options *o, const nf_allocator *al, nf_rouge **out,
                       nf_error *err)
{
    if (!out) return nf__fail(err, NF_EINVAL, -1, -1, -1, "out is NULL");
    *out = NULL;
    nf_rouge_options def;
    nf_rouge_options_init(&def);
    if (o && o->size < ROUGE_OPTIONS_V1_SIZE)
        return nf__fail(err, NF_EINVAL, -1, -1, -1,
                        "nf_rouge_options not set up by nf_rouge_options_init (size %zu)", o->size);
    if (o && o->size > sizeof def)
        return nf__fail(
            err, NF_EINVAL, -1, -1, -1,
            "nf_rouge_options from a newer newsfuse.h (size %zu, this library knows %zu)", o->size,
            sizeof def);
    if (o) {
        memcpy(&def, o, o->size);
        def.size = sizeof def;
    }
    o = &def;
    const char *bad = NULL;
    if (o->max_n < 0 || o->max_n > 64)
        bad = "max_n must be 0..64";
    else if (o->word_limit && o->byte_limit)
        bad = "give a word limit or a byte limit, not both";
    else if (!(o->alpha >= 0 && o->alpha <= 1))
        bad = "alpha must be within 0 and 1";
    else if (!(o->confidence >= 0 && o->confidence <= 100))
        bad = "confidence must be 0..100";
    else if (!(o->weight >= 0) || isinf(o->weight))
        bad = "the ROUGE-W weight must be > 0";
    else if (o->resamples == 0 || o->resamples > 100000000)
        bad = "resamples must be 1..1e8";
    else if (o->scoring != NF_ROUGE_MODEL_AVERAGE && o->scoring != NF_ROUGE_BEST_MODEL)
        bad = "unknown scoring formula";
    else if (o->count != NF_ROUGE_BY_SENTENCE && o->count != NF_ROUGE_BY_TOKEN &&
             o->count != NF_ROUGE_RAW_COUNTS)
        bad = "unknown counting unit";
    else if (o->peer_id && (strlen(o->peer_id) == 0 || strlen(o->peer_id) > 63))
        bad = "peer id must be 1..63 bytes";
    if (bad) return nf__fail(err, NF_EINVAL, -1, -1, -1, "%s", bad);

    if (!al) al = &nf__default_allocator;
    nf_rouge *r = nf__calloc(al, 1, sizeof *r);
    if (!r) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    r->alc = *al;
    r->al = &r->alc;
    r->o = *o;
    snprintf(r->peer_id, sizeof r->peer_id, "%s", o->peer_id ? o->peer_id : "SYS");
    r->o.peer_id = r->peer_id;
    build_metrics(r);
    nf__rouge_lut_init(r->lut);
    r->idset = nf__intern_new(r->al);
    if (!r->idset) {
        nf_rouge_free(r);
        return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    }
    *out = r;
    return NF_OK;
}

static void drop_results(nf_rouge *r)
{
    nf__free(r->al, r->out_order);
    nf__free(r->al, r->avg_order);
    nf__free(r->al, r->avgs);
    r->out_order = r->avg_order = NULL;
    r->avgs = NULL;
    r->computed = false;
}

void nf_rouge_free(nf_rouge *r)
{
    if (!r) return;
    drop_results(r);
    for (size_t i = 0; i < r->nevals; i++) nf__free(r->al, r->ids[i]);
    nf__free(r->al, r->ids);
    nf__free(r->al, r->scores);
    nf__free(r->al, r->stamp);
    nf__free(r->al, r->local);
    nf__rsmap_free(&r->surf, r->al);
    nf__rsmap_free(&r->words, r->al);
    nf__intern_free(r->idset);
    void *scratch[] = {r->s.lc,   r->s.seg,  r->s.tok,  r->s.so,   r->s.ga,   r->s.gb, r->s.cnt,
                       r->s.pkey, r->s.pval, r->s.bits, r->s.slot, r->s.mark, r->s.mo, r->s.wc,
                       r->s.wl,   r->s.u1,   r->s.u2,   r->s.u3,   r->s.txt};
    for (size_t i = 0; i < NF__ARRAY_LEN(scratch); i++) nf__free(r->al, scratch[i]);
    nf__free(r->al, r);
}

size_t nf_rouge_eval_count(const nf_rouge *r) { return r ? r->nevals : 0; }
size_t nf_rouge_metric_count(const nf_rouge *r) { return r ? r->nmetrics : 0; }

const char *nf_rouge_metric_name(const nf_rouge *r, size_t m)
{
    return r && m < r->nmetrics ? r->metrics[m].name : NULL;
}

nf_status nf_rouge_add(nf_rouge *r, const char *id, const char *peer, size_t peer_len,
                       const nf_rouge_text *models, size_t nmodels, nf_error *err)
{
    if (!r || !id || !*id || (!peer && peer_len) || (!models && nmodels))
        return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    for (size_t k = 0; k < nmodels; k++)
        if (!models[k].p && models[k].n)
            return nf__fail(err, NF_EINVAL, (long)k + 1, -1, -1, "reference text is NULL");
    size_t idlen = strlen(id);
    if (nf__intern_find(r->idset, id, idlen) != UINT32_MAX)
        return nf__fail(err, NF_EINVAL, -1, -1, -1, "duplicate evaluation id \"%s\"", id);
    void *a = r->ids, *b = r->scores;
    if (!nf__grow(r->al, &a, &r->cap_ids, r->nevals + 1, sizeof *r->ids))
        return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    r->ids = a;
    if (!nf__grow(r->al, &b, &r->cap_scores, (r->nevals + 1) * NF__MAX(r->nmetrics, 1),
                  sizeof *r->scores))
        return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    r->scores = b;
    char *copy = nf__alloc(r->al, idlen + 1);
    if (!copy) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    memcpy(copy, id, idlen + 1);
    nf_status st = nf__rouge_score_eval(r, peer, peer_len, models, nmodels,
                                        r->scores + r->nevals * r->nmetrics, err);
    if (st == NF_OK && nf__intern_add(r->idset, id, idlen) == UINT32_MAX)
        st = nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    if (st) {
        nf__free(r->al, copy);
        return st;
    }
    r->ids[r->nevals++] = copy;
    drop_results(r);
    return NF_OK;
}

/* ---- orders ---- */

typedef struct okey {
    char *key;       /* "<id>.<peer>", what ROUGE sorts */
    const char *num; /* leading digits (NULL when none), without leading zeros */
    size_t numlen;
    size_t idx;
} okey;

/* Perl's cmp without a locale: bytes as unsigned, then length. */
static int cmp_bytes(const void *a, const void *b)
{
    const okey *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->idx < y->idx ? -1 : x->idx > y->idx);
}

/* by_evalID: by the leading number when both keys start with digits, else by cmp. Perl leaves
 * equal numbers in hash order; here the byte order decides, so the output is deterministic. */
static int cmp_print(const void *a, const void *b)
{
    const okey *x = a, *y = b;
    if (x->num && y->num) {
        if (x->numlen != y->numlen) return x->numlen < y->numlen ? -1 : 1;
        int c = memcmp(x->num, y->num, x->numlen);
        if (c) return c;
    }
    return cmp_bytes(a, b);
}

static nf_status make_orders(nf_rouge *r)
{
    size_t n = r->nevals;
    okey *k = nf__calloc(r->al, n + 1, sizeof *k);
    r->out_order = nf__calloc(r->al, n + 1, sizeof *r->out_order);
    r->avg_order = nf__calloc(r->al, n + 1, sizeof *r->avg_order);
    nf_status st = k && r->out_order && r->avg_order ? NF_OK : NF_ENOMEM;
    size_t plen = strlen(r->peer_id);
    for (size_t i = 0; st == NF_OK && i < n; i++) {
        size_t il = strlen(r->ids[i]);
        k[i].key = nf__alloc(r->al, il + plen + 2);
        if (!k[i].key) {
            st = NF_ENOMEM;
            break;
        }
        memcpy(k[i].key, r->ids[i], il);
        k[i].key[il] = '.';
        memcpy(k[i].key + il + 1, r->peer_id, plen + 1);
        k[i].idx = i;
        const char *d = k[i].key;
        if (nf__isdigit((unsigned char)*d)) {
            while (*d == '0' && nf__isdigit((unsigned char)d[1])) d++;
            size_t l = 0;
            while (nf__isdigit((unsigned char)d[l])) l++;
            k[i].num = d;
            k[i].numlen = l;
        }
    }
    if (st == NF_OK) {
        qsort(k, n, sizeof *k, cmp_bytes);
        for (size_t i = 0; i < n; i++) r->avg_order[i] = k[i].idx;
        qsort(k, n, sizeof *k, cmp_print);
        for (size_t i = 0; i < n; i++) r->out_order[i] = k[i].idx;
    }
    for (size_t i = 0; k && i < n; i++) nf__free(r->al, k[i].key);
    nf__free(r->al, k);
    return st;
}

/* ---- averages ---- */

/* The resample means in ascending order (a bottom-up merge sort: n log n whatever the data, no
 * comparison callback). Equal means are the same double (none is -0: sums start at +0), so any
 * correct sort gives the same array, and the same sum below. tmp has room for n values. */
static void sort_doubles(double *v, size_t n, double *tmp)
{
    enum { RUN = 8 };
    for (size_t s = 0; s < n; s += RUN) {
        size_t e = NF__MIN(s + RUN, n);
        for (size_t i = s + 1; i < e; i++) {
            double x = v[i];
            size_t j = i;
            for (; j > s && x < v[j - 1]; j--) v[j] = v[j - 1];
            v[j] = x;
        }
    }
    double *a = v, *b = tmp;
    for (size_t w = RUN; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = NF__MIN(lo + w, n), hi = NF__MIN(lo + 2 * w, n), i = lo, j = mid, k = lo;
            while (i < mid && j < hi) b[k++] = a[j] < a[i] ? a[j++] : a[i++];
            while (i < mid) b[k++] = a[i++];
            while (j < hi) b[k++] = a[j++];
        }
        double *t = a;
        a = b;
        b = t;
    }
    if (a != v) memcpy(v, a, n * sizeof *v);
}

/* The three values ROUGE averages for an evaluation: R/P/F with -t 0, else the counts
 * (model, peer, hit). */
static void values(const nf_rouge *r, size_t ev, size_t m, double v[3])
{
    const nf_rouge_score *s = &r->scores[ev * r->nmetrics + m];
    if (r->o.count == NF_ROUGE_BY_SENTENCE) {
        v[0] = s->r, v[1] = s->p, v[2] = s->f;
    } else {
        v[0] = s->model_count, v[1] = s->peer_count, v[2] = s->hit_count;
    }
}

/* Recall, precision and F of summed counts, unrounded (bootstrapResampling with -t 1). */
static void ratios(double alpha, const double s[3], double out[3])
{
    double R = s[0] > 0 ? s[2] / s[0] : 0, P = s[1] > 0 ? s[2] / s[1] : 0;
    double den = (1 - alpha) * P + alpha * R;
    out[0] = R;
    out[1] = P;
    out[2] = den > 0 ? (R * P) / den : 0;
}

static double at_or_zero(const double *a, size_t n, long i)
{
    return i >= 0 && (size_t)i < n ? a[i] : 0; /* Perl reads undef, i.e. 0, past the end */
}

static nf_status bootstrap(nf_rouge *r)
{
    size_t n = r->nevals, M = r->nmetrics, R = r->o.resamples, K = 3 * M;
    /* every value of evaluation k (bootstrap order) in one row, so a draw reads one row; all
     * these arrays are written before they are read */
    double *val = nf__calloc(r->al, n * K + 1, sizeof *val);
    double *res =
        K * R + 1 <= SIZE_MAX / sizeof *res ? nf__alloc(r->al, (K * R + 1) * sizeof *res) : NULL;
    double *sum = nf__calloc(r->al, K + 1, sizeof *sum);
    double *tmp = nf__calloc(r->al, R + 1, sizeof *tmp);
    const double **row = nf__calloc(r->al, n + 1, sizeof *row);
    if (!val || !res || !sum || !tmp || !row) {
        nf__free(r->al, row);
        nf__free(r->al, val);
        nf__free(r->al, res);
        nf__free(r->al, sum);
        nf__free(r->al, tmp);
        return NF_ENOMEM;
    }
    for (size_t k = 0; k < n; k++)
        for (size_t m = 0; m < M; m++) values(r, r->avg_order[k], m, val + k * K + 3 * m);
    /* Resample i is seeded with i, so its draws are the same for every metric: draw once, add
     * up all metrics. Each value is still summed in draw order, as ROUGE does per metric. */
    for (size_t i = 0; i < R; i++) {
        uint64_t x = nf__perl_srand((uint32_t)i);
        for (size_t k = 0; k < n; k++) { /* nf__perl_drand, inline */
            x = (x * 0x5DEECE66Dull + 0xBu) & 0xFFFFFFFFFFFFull;
            row[k] = val + (size_t)((double)n * ((double)x * 0x1p-48)) * K;
        }
        /* four sums at a time, each over the draws in order */
        size_t c = 0;
        for (; c + 4 <= K; c += 4) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (size_t k = 0; k < n; k++) {
                const double *v = row[k] + c;
                s0 += v[0], s1 += v[1], s2 += v[2], s3 += v[3];
            }
            sum[c] = s0, sum[c + 1] = s1, sum[c + 2] = s2, sum[c + 3] = s3;
        }
        for (; c < K; c++) {
            double s0 = 0;
            for (size_t k = 0; k < n; k++) s0 += row[k][c];
            sum[c] = s0;
        }
        for (size_t m = 0; m < M; m++) {
            double out[3];
            if (r->o.count == NF_ROUGE_BY_SENTENCE) {
                for (size_t q = 0; q < 3; q++) out[q] = n > 0 ? sum[3 * m + q] / (double)n : 0;
            } else {
                ratios(r->o.alpha, sum + 3 * m, out);
            }
            for (size_t q = 0; q < 3; q++) res[(m * 3 + q) * R + i] = out[q];
        }
    }
    double c = r->o.confidence, dR = (double)R;
    double delta = dR * ((100 - c) / 2.0) / 100.0;
    long ua = (long)(dR - delta - 1), la = (long)delta;
    double ratio = dR - delta - 1 - (double)ua;
    for (size_t m = 0; m < M; m++) {
        nf_rouge_average *a = &r->avgs[m];
        double *avg[3] = {&a->r, &a->p, &a->f};
        double *lo[3] = {&a->r_low, &a->p_low, &a->f_low};
        double *hi[3] = {&a->r_high, &a->p_high, &a->f_high};
        for (int k = 0; k < 3; k++) {
            double *v = res + (m * 3 + (size_t)k) * R;
            sort_doubles(v, R, tmp);
            double total = 0;
            for (size_t i = 0; i < R; i++) total += v[i];
            *avg[k] = nf__rouge_round5(total / dR);
            double l0 = at_or_zero(v, R, la), l1 = at_or_zero(v, R, la + 1);
            double u0 = at_or_zero(v, R, ua), u1 = at_or_zero(v, R, ua + 1);
            *lo[k] = nf__rouge_round5(l0 + (l1 - l0) * ratio);
            *hi[k] = nf__rouge_round5(u0 + (u1 - u0) * ratio);
        }
        a->has_interval = 1;
    }
    nf__free(r->al, val);
    nf__free(r->al, res);
    nf__free(r->al, sum);
    nf__free(r->al, tmp);
    nf__free(r->al, row);
    return NF_OK;
}

nf_status nf_rouge_compute(nf_rouge *r, nf_error *err)
{
    if (!r) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    if (r->computed) return NF_OK;
    drop_results(r);
    size_t n = r->nevals;
    r->avgs = nf__calloc(r->al, r->nmetrics + 1, sizeof *r->avgs);
    nf_status st = r->avgs ? make_orders(r) : NF_ENOMEM;
    for (size_t m = 0; st == NF_OK && m < r->nmetrics; m++) {
        nf_rouge_average *a = &r->avgs[m];
        a->evals = n;
        double s[3] = {0, 0, 0}, v[3];
        for (size_t i = 0; i < n; i++) {
            const nf_rouge_score *sc = &r->scores[r->avg_order[i] * r->nmetrics + m];
            a->model_count += sc->model_count;
            a->peer_count += sc->peer_count;
            a->hit_count += sc->hit_count;
            values(r, r->avg_order[i], m, v);
            s[0] += v[0], s[1] += v[1], s[2] += v[2];
        }
        double mean[3];
        if (r->o.count == NF_ROUGE_BY_SENTENCE) {
            for (int c = 0; c < 3; c++) mean[c] = n ? s[c] / (double)n : 0;
        } else {
            ratios(r->o.alpha, s, mean);
        }
        a->mean_r = nf__rouge_round5(mean[0]);
        a->mean_p = nf__rouge_round5(mean[1]);
        a->mean_f = nf__rouge_round5(mean[2]);
    }
    if (st == NF_OK && r->o.count != NF_ROUGE_RAW_COUNTS) st = bootstrap(r);
    if (st) {
        drop_results(r);
        return nf__fail(err, st, -1, -1, -1, "out of memory");
    }
    r->computed = true;
    return NF_OK;
}

nf_status nf_rouge_average_get(nf_rouge *r, size_t m, nf_rouge_average *out)
{
    if (!r || !out || m >= r->nmetrics) return NF_EINVAL;
    nf_status st = nf_rouge_compute(r, NULL);
    if (st) return st;
    *out = r->avgs[m];
    return NF_OK;
}

nf_status nf_rouge_eval(nf_rouge *r, size_t m, size_t i, const char **id, nf_rouge_score *out)
{
    if (!r || m >= r->nmetrics || i >= r->nevals) return NF_EINVAL;
    nf_status st = nf_rouge_compute(r, NULL);
    if (st) return st;
    size_t ev = r->out_order[i];
    if (id) *id = r->ids[ev];
    if (out) *out = r->scores[ev * r->nmetrics + m];
    return NF_OK;
}
