/* conflicts.c - the quantities whose figures disagree.
 *
 * Pipeline: figures (figmerge.c) -> quantities -> conflicts -> key figures.
 * A quantity is the figures of one key (event or noun, owner, unit, year scope) and one place;
 * counts inside place phrases ("in three polling stations") and subsets ("two of the injured")
 * never conflict. Sorted by value, a quantity is cut where a value is more than twice the one
 * before (three times for the toll of an event, five for a named measure: "the cost", "a depth"):
 * "22 km" and "350 km" in one cluster are two distances, not one disputed one. Two values conflict
 * when neither can be a rounded statement of the other: "more than 100" and 118 agree, "at least
 * six" and "at least eight" do not, "about $4 million" and "$4.8 million" do not (see value_range).
 * A conflict is an update when the wording says the value changed ("rose to", "up from", "now",
 * "revised"), when one source gives all its values, or when the documents' dates order the values;
 * otherwise a disagreement. */
#include "figmerge.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The unit of the last significant digit: 90,000 -> 10,000; 118 -> 1; 4.8e6 -> 1e5; 7.4 -> 0.1. */
static double sig_unit(double v)
{
    if (v <= 0) return 1;
    double u = 1;
    if (v == floor(v)) {
        while (u * 10 <= v && fmod(v, u * 10) == 0) u *= 10;
        return u;
    }
    for (int i = 0; i < 6 && fabs(v / u - floor(v / u + 0.5)) > 1e-9; i++) u /= 10;
    return u;
}

/* The values a figure can stand for. "more than 100" or "at least 100" is [100, 200) but never
 * more than half again: a bound is the count rounded down to its last significant digit. "about
 * v" is within half its last significant digit and within 10 %; "up to v" and "less than v" are
 * [v/2, v]. A range is itself; an exact value is itself. */
static void value_range(const nf_figure *f, double *lo, double *hi)
{
    double v = f->value, vmax = f->value_max, u = sig_unit(v);
    switch (f->qualifier) {
    case NF_QUAL_ABOUT: /* within half its last digit, and within 10 %: "about 4 million" is
                           not 4.8 million, "about 100" is not 62 */
        *lo = v - u / 2 > v / 1.1 ? v - u / 2 : v / 1.1;
        *hi = vmax + u / 2 < vmax * 1.1 ? vmax + u / 2 : vmax * 1.1;
        break;
    case NF_QUAL_AT_LEAST:
    case NF_QUAL_MORE_THAN:
        *lo = v;
        *hi = vmax + (u < v * 0.5 ? u : v * 0.5) * 0.999999;
        break;
    case NF_QUAL_UP_TO: /* "as many as 300" states a number near 300, not any below it */
    case NF_QUAL_LESS_THAN:
        *lo = v / 2;
        *hi = vmax;
        break;
    default: *lo = v; *hi = vmax;
    }
}

static bool compatible(const nf_figure *a, const nf_figure *b)
{
    double al, ah, bl, bh;
    value_range(a, &al, &ah);
    value_range(b, &bl, &bh);
    return al <= bh * 1.0000001 && bl <= ah * 1.0000001;
}

typedef struct qv {
    size_t fig;      /* public figure */
    const nf__qf *q; /* its root entry */
} qv;

static int cmp_qv(const void *x, const void *y)
{
    const qv *a = x, *b = y;
    int c = strcmp(a->q->gkey, b->q->gkey);
    if (c) return c;
    const char *pa = a->q->r0->place ? a->q->r0->place : "",
               *pb = b->q->r0->place ? b->q->r0->place : "";
    if ((c = strcmp(pa, pb)) != 0) return c;
    if (a->q->r0->value != b->q->r0->value) return a->q->r0->value < b->q->r0->value ? -1 : 1;
    return a->fig < b->fig ? -1 : a->fig > b->fig;
}

static bool same_group(const qv *a, const qv *b)
{
    const char *pa = a->q->r0->place ? a->q->r0->place : "",
               *pb = b->q->r0->place ? b->q->r0->place : "";
    return strcmp(a->q->gkey, b->q->gkey) == 0 && strcmp(pa, pb) == 0;
}

static bool caseeq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (nf__tolower((unsigned char)*a) != nf__tolower((unsigned char)*b)) return false;
    return *a == *b;
}

/* One source written two ways: "the experts" after "Turkish experts" (the shorter, without its
 * article, ends the longer). */
static bool same_source(const char *a, const char *b)
{
    if (!a || !b) return false;
    if (caseeq(a, b)) return true;
    if (!strncmp(a, "the ", 4) || !strncmp(a, "The ", 4)) a += 4;
    if (!strncmp(b, "the ", 4) || !strncmp(b, "The ", 4)) b += 4;
    size_t la = strlen(a), lb = strlen(b);
    const char *lo = la < lb ? a : b, *hi = la < lb ? b : a;
    size_t l = la < lb ? la : lb, h = la < lb ? lb : la;
    return l > 0 && (l == h || hi[h - l - 1] == ' ') && caseeq(hi + h - l, lo);
}

/* Incompatible values given by different documents or different sources: one document citing
 * one source rarely contradicts itself (its numbers measure different things). */

static bool has_conflict(const nf_brief *b, const qv *g, size_t n)
{
    /* durations that name nothing ("five days", "two days") are the clocks of different
     * things unless one of them is the story's own, stated by two reports */
    if (nf__fig_time_unit(b->figures[g[0].fig].unit) && !g[0].q->r0->measured) {
        bool shared = false;
        for (size_t x = 0; x < n && !shared; x++) shared = b->figures[g[x].fig].ndocs > 1;
        if (!shared) return false;
    }
    for (size_t x = 0; x < n; x++)
        for (size_t y = x + 1; y < n; y++) {
            const nf_figure *fx = &b->figures[g[x].fig], *fy = &b->figures[g[y].fig];
            if (compatible(fx, fy)) continue;
            if (fx->ndocs > 1 || fy->ndocs > 1 || fx->mentions[0].doc != fy->mentions[0].doc ||
                (fx->attribution && fy->attribution &&
                 !same_source(fx->attribution, fy->attribution)) ||
                g[x].q->cue_new || g[y].q->cue_new || g[x].q->cue_old || g[y].q->cue_old)
                return true;
        }
    return false;
}

static void sort_sizes(size_t *v, size_t n)
{
    for (size_t a = 1; a < n; a++)
        for (size_t c = a; c > 0 && v[c - 1] > v[c]; c--) {
            size_t t = v[c];
            v[c] = v[c - 1];
            v[c - 1] = t;
        }
}

/* Per value of a conflict: its figures, documents and attributions. */
typedef struct vinfo {
    int32_t date;
    size_t first;
    int cue; /* 2: new-value wording, 1: old-value wording */
} vinfo;

static nf_status fill_value(nf__bw *w, nf_brief *b, const qv *g, size_t n, nf_conflict_value *V,
                            vinfo *vi)
{
    size_t cnt = 0; /* the figures of this value: the arrays are sized by them, not by n */
    for (size_t x = 0; x < n; x++) {
        const nf_figure *f = &b->figures[g[x].fig];
        cnt += f->value == V->value && f->value_max == V->value_max;
    }
    size_t *fi = nf__arena_alloc(b->arena, (cnt + 1) * sizeof *fi);
    const char **at = nf__arena_alloc(b->arena, (cnt + 1) * sizeof *at);
    size_t *dd = nf__arena_alloc(b->arena, (b->ndocs + 1) * sizeof *dd);
    if (!fi || !at || !dd) return NF_ENOMEM;
    size_t nfi = 0, nat = 0, ndd = 0;
    vi->date = INT32_MAX;
    vi->first = SIZE_MAX;
    vi->cue = 0;
    for (size_t x = 0; x < n; x++) {
        const nf_figure *f = &b->figures[g[x].fig];
        if (f->value != V->value || f->value_max != V->value_max) continue;
        fi[nfi++] = g[x].fig;
        if (g[x].q->date_min < vi->date) vi->date = g[x].q->date_min;
        if (g[x].q->first < vi->first) vi->first = g[x].q->first;
        vi->cue |= (g[x].q->cue_new ? 2 : 0) | (g[x].q->cue_old ? 1 : 0);
        if (f->attribution) {
            size_t a = 0;
            while (a < nat && strcmp(at[a], f->attribution) != 0) a++;
            if (a == nat) at[nat++] = f->attribution;
        }
        for (size_t m = 0; m < f->nmentions; m++) {
            size_t d = f->mentions[m].doc, q = 0;
            while (q < ndd && dd[q] != d) q++;
            if (q == ndd) dd[ndd++] = d;
        }
    }
    sort_sizes(fi, nfi);
    sort_sizes(dd, ndd);
    V->figures = fi;
    V->nfigures = nfi;
    V->attributions = at;
    V->nattributions = nat;
    V->docs = dd;
    V->ndocs = ndd;
    V->qualifier = b->figures[fi[0]].qualifier;
    (void)w;
    return NF_OK;
}

/* One source giving every value is a recount, not a disagreement. */
static bool one_source(const nf_conflict_value *V, size_t nv)
{
    for (size_t a = 0; a < V[0].nattributions && nv >= 2; a++) {
        bool common = true;
        for (size_t v = 1; v < nv && common; v++) {
            bool in = false;
            for (size_t q = 0; q < V[v].nattributions; q++)
                if (strcmp(V[v].attributions[q], V[0].attributions[a]) == 0) in = true;
            common = in;
        }
        if (common) return true;
    }
    return false;
}

static bool dates_order(const vinfo *vi, size_t nv)
{
    for (size_t v = 0; v < nv; v++)
        if (vi[v].date == INT32_MAX) return false;
    for (size_t v = 0; v < nv; v++)
        for (size_t u = v + 1; u < nv; u++)
            if (vi[u].date == vi[v].date) return false;
    return true;
}

/* Updates list their values in reporting order: dates, else old-value wording first and
 * new-value wording last, else first appearance. */
static void order_update(nf_conflict_value *V, vinfo *vi, size_t nv, bool dated)
{
    for (size_t a = 1; a < nv; a++)
        for (size_t c = a; c > 0; c--) {
            long ka = dated                 ? vi[c - 1].date
                      : (vi[c - 1].cue & 1) ? 0
                      : (vi[c - 1].cue & 2) ? 2
                                            : 1;
            long kb = dated ? vi[c].date : (vi[c].cue & 1) ? 0 : (vi[c].cue & 2) ? 2 : 1;
            if (ka < kb || (ka == kb && vi[c - 1].first <= vi[c].first)) break;
            nf_conflict_value tv = V[c];
            V[c] = V[c - 1];
            V[c - 1] = tv;
            vinfo t = vi[c];
            vi[c] = vi[c - 1];
            vi[c - 1] = t;
        }
}

/* How sure it is that the values measure one quantity. */
static double confidence(const nf_brief *b, const qv *g, size_t n, const nf_conflict_value *V,
                         size_t nv)
{
    const nf__rfig *r0 = g[0].q->r0;
    double conf = 0.5;
    if (r0->ev) conf += 0.2;
    bool same_head = true;
    for (size_t x = 1; x < n; x++)
        if (strcmp(g[x].q->r0->counted, r0->counted) != 0) same_head = false;
    if (same_head || (r0->ev && r0->human)) conf += 0.15;
    if (r0->unit) conf += 0.1;
    size_t multi = 0;
    for (size_t v = 0; v < nv; v++) multi += V[v].ndocs >= 2;
    if (multi) conf += 0.05;
    if (!r0->head[0] || !strcmp(r0->head, "people")) conf -= r0->ev ? 0 : 0.2;
    (void)b;
    return conf > 0.98 ? 0.98 : conf < 0.3 ? 0.3 : conf;
}

/* The label: the most frequent among the figures of the conflict. */
static const char *conflict_label(const nf_brief *b, const qv *g, size_t n)
{
    const char *label = b->figures[g[0].fig].quantity;
    size_t bestc = 0;
    for (size_t x = 0; x < n; x++) {
        size_t cnt = 0;
        for (size_t y = 0; y < n; y++)
            if (strcmp(b->figures[g[y].fig].quantity, b->figures[g[x].fig].quantity) == 0)
                cnt += b->figures[g[y].fig].nmentions;
        if (cnt > bestc) {
            bestc = cnt;
            label = b->figures[g[x].fig].quantity;
        }
    }
    return label;
}

/* What values of a unit measure, for a conflict whose figures name nothing ("12 miles" vs
 * "13 miles": a distance). */
static const char *unit_measure(const char *unit)
{
    static const char *const dist[] = {"km", "m", "mm", "cm", "ft", "in", "miles", "nmi", NULL};
    static const char *const weight[] = {"kg", "t", "lb", NULL};
    static const char *const speed[] = {"mph", "knots", "km/h", NULL};
    if (!unit) return "number";
    if (nf__fig_time_unit(unit)) return "duration";
    if (!strcmp(unit, "percent") || !strcmp(unit, "points")) return "percentage";
    if (strstr(unit, "sq ") || !strcmp(unit, "ha") || !strcmp(unit, "acres")) return "area";
    for (size_t i = 0; dist[i]; i++)
        if (!strcmp(unit, dist[i])) return "distance";
    for (size_t i = 0; weight[i]; i++)
        if (!strcmp(unit, weight[i])) return "weight";
    for (size_t i = 0; speed[i]; i++)
        if (!strcmp(unit, speed[i])) return "speed";
    if (strlen(unit) == 3 && nf__isupper((unsigned char)unit[0])) return "amount of money";
    return "amount";
}

static nf_status make_conflict(nf__bw *w, nf_brief *b, const qv *g, size_t n, nf_conflict *cf)
{
    /* the distinct values, at most n, found in scratch memory; the brief keeps nv of them */
    nf_conflict_value *V = nf__arena_calloc(w->a, n, sizeof *V);
    vinfo *vi = nf__arena_alloc(w->a, n * sizeof *vi);
    if (!V || !vi) return NF_ENOMEM;
    size_t nv = 0;
    int cue = 0;
    for (size_t x = 0; x < n; x++) {
        const nf_figure *f = &b->figures[g[x].fig];
        size_t v = 0;
        while (v < nv && !(V[v].value == f->value && V[v].value_max == f->value_max)) v++;
        if (v == nv) {
            V[nv].value = f->value;
            V[nv].value_max = f->value_max;
            V[nv].is_range = f->is_range;
            nv++;
        }
        cue |= g[x].q->cue_new | g[x].q->cue_old;
    }
    nf_conflict_value *kept = nf__arena_alloc(b->arena, nv * sizeof *kept);
    if (!kept) return NF_ENOMEM;
    memcpy(kept, V, nv * sizeof *kept);
    V = kept;
    for (size_t v = 0; v < nv; v++) {
        nf_status st = fill_value(w, b, g, n, &V[v], &vi[v]);
        if (st != NF_OK) return st;
    }
    bool dated = dates_order(vi, nv);
    bool update = cue || (V[0].nattributions && one_source(V, nv)) || dated;
    cf->kind = update ? NF_CONFLICT_UPDATE : NF_CONFLICT_DISAGREEMENT;
    if (update) order_update(V, vi, nv, dated);
    cf->values = V;
    cf->nvalues = nv;
    cf->confidence = confidence(b, g, n, V, nv);
    cf->quantity = conflict_label(b, g, n);
    if (!cf->quantity || !cf->quantity[0]) cf->quantity = unit_measure(b->figures[g[0].fig].unit);
    return NF_OK;
}

static size_t first_figure(const nf_conflict *c)
{
    size_t f = c->values[0].figures[0];
    for (size_t v = 0; v < c->nvalues; v++)
        if (c->values[v].figures[0] < f) f = c->values[v].figures[0];
    return f;
}

/* Most confident first, then by first mention. */
static void sort_conflicts(nf_conflict *C, size_t nc)
{
    for (size_t a = 1; a < nc; a++)
        for (size_t c = a; c > 0; c--) {
            const nf_conflict *x = &C[c - 1], *y = &C[c];
            if (x->confidence > y->confidence ||
                (x->confidence == y->confidence && first_figure(x) <= first_figure(y)))
                break;
            nf_conflict t = C[c];
            C[c] = C[c - 1];
            C[c - 1] = t;
        }
}

/* The conflictable figures, sorted by (key, place, value). */
static qv *quantities(nf__bw *w, const nf__fm *m, size_t *nout)
{
    qv *g = nf__arena_alloc(w->a, (m->npub + 1) * sizeof *g);
    if (!g) return NULL;
    size_t n = 0;
    for (size_t k = 0; k < m->n; k++)
        if (m->q[k].root == k && m->q[k].conflictable) g[n++] = (qv){m->q[k].pub, &m->q[k]};
    qsort(g, n, sizeof *g, cmp_qv);
    *nout = n;
    return g;
}

nf_status nf__brief_conflicts(nf__bw *w, nf_brief *b)
{
    nf__fm m;
    nf_status st = nf__fig_merge(w, &m, b);
    if (st != NF_OK) return st;
    size_t n = 0;
    qv *g = quantities(w, &m, &n);
    nf_conflict *C = nf__arena_calloc(b->arena, n + 1, sizeof *C);
    if (!g || !C) return NF_ENOMEM;
    size_t nc = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        /* tolls of one event can differ threefold between sources; other measures that far
         * apart are different things */
        double gap = g[i].q->r0->ev && g[i].q->r0->human ? 3 : 2;
        if (g[i].q->r0->measured) gap = 5; /* estimates of a named measure vary widely */
        while (j < n && same_group(&g[i], &g[j]) &&
               b->figures[g[j].fig].value <= b->figures[g[j - 1].fig].value_max * gap + 1e-9)
            j++;
        /* figures that name nothing (no noun, event or measure: "$9 million", "16 years")
         * spread over more than the gap from the least to the most are many things, not
         * reports of one */
        const nf__rfig *r0 = g[i].q->r0;
        bool unnamed = !r0->ev && !r0->measured && !r0->head[0];
        double lo = b->figures[g[i].fig].value, hi = b->figures[g[j - 1].fig].value_max;
        bool spread = unnamed && lo > 0 && hi > lo * gap + 1e-9;
        if (!spread && has_conflict(b, g + i, j - i)) {
            st = make_conflict(w, b, g + i, j - i, &C[nc]);
            if (st != NF_OK) return st;
            nc++;
        }
        i = j;
    }
    sort_conflicts(C, nc);
    b->conflicts = C;
    b->nconflicts = nc;
    nf__fig_mark_key(w, &m, b);
    return NF_OK;
}
