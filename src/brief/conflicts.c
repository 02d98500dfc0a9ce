/* conflicts.c - one entry per distinct figure, and the quantities whose figures disagree.
 *
 * Raw figures with the same value, range, qualifier, quantity and source become one nf_figure.
 * The quantity key is the event for counts of people ("people killed"), else the counted noun
 * (+ the owner of a count: "votes of Irena Kovač"), the unit, and a year the sentence ties it to
 * ("since 2011"). Counts inside place phrases ("in three polling stations") and subsets ("two of
 * the injured") never conflict. Within a key, values more than ten times apart are different
 * quantities. Values conflict when their intervals do not meet: exact v is [v, v], "about" v is
 * [v/1.1, 1.1v], "at least"/"more than" v is [v, 1.5v] (a bound far below a count is another
 * estimate: "at least 250,000" against "an estimated 430,000"), "up to"/"less than" v is [0, v].
 * A conflict is an update when the wording says so ("rose to", "up from", "now", "from 307 to
 * 289"), when one source gives all its values, or when the documents' dates order the values. */
#include "brief.h"

#include <string.h>

/* A small string builder: snprintf per figure cost more than the conflicts themselves. */
typedef struct sb {
    char buf[256];
    size_t k;
} sb;

static void sb_add(sb *b, const char *s)
{
    while (*s && b->k + 1 < sizeof b->buf) b->buf[b->k++] = *s++;
}

static const char *fig_key(nf__bw *w, const nf__rfig *r)
{
    sb b = {{0}, 0};
    if (r->ev && r->human) {
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

/* The label readers see: "people killed", "votes of Samuel Arndt", "people killed (since
 * 2011)". */
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

static void interval(double v, double vmax, int qual, double *lo, double *hi)
{
    switch (qual) {
    case NF_QUAL_ABOUT:
        *lo = v / 1.1;
        *hi = vmax * 1.1;
        break;
    case NF_QUAL_AT_LEAST:
        *lo = v;
        *hi = vmax * 1.5;
        break;
    case NF_QUAL_MORE_THAN:
        *lo = v * 1.000001;
        *hi = vmax * 1.5;
        break;
    case NF_QUAL_UP_TO:
        *lo = 0;
        *hi = vmax;
        break;
    case NF_QUAL_LESS_THAN:
        *lo = 0;
        *hi = vmax * 0.999999;
        break;
    default: *lo = v; *hi = vmax;
    }
}

static bool compatible(const nf_figure *a, const nf_figure *b)
{
    double al, ah, bl, bh;
    interval(a->value, a->value_max, (int)a->qualifier, &al, &ah);
    interval(b->value, b->value_max, (int)b->qualifier, &bl, &bh);
    return al <= bh * 1.0000001 && bl <= ah * 1.0000001;
}

typedef struct pf {
    const nf__rfig *r0; /* first raw figure */
    const char *key;
    int conflictable;
    int update_cue, update_from;
    int32_t date_min;
    size_t first; /* first raw index */
} pf;

nf_status nf__brief_conflicts(nf__bw *w, nf_brief *b)
{
    size_t n = w->nrf;
    const char **keys = nf__arena_alloc(w->a, (n + 1) * sizeof *keys);
    size_t *fig_of = nf__arena_alloc(w->a, (n + 1) * sizeof *fig_of);
    pf *p = nf__arena_calloc(w->a, n + 1, sizeof *p);
    nf_figure *F = nf__arena_calloc(b->arena, n + 1, sizeof *F);
    if (!keys || !fig_of || !p || !F) return NF_ENOMEM;
    size_t nf = 0;
    /* figures by (value, range, qualifier, key, source, unit): open addressing on a hash */
    size_t hcap = 64;
    while (hcap < n * 2 + 2) hcap *= 2;
    uint32_t *ht = nf__arena_calloc(w->a, hcap, sizeof *ht);
    if (!ht) return NF_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const nf__rfig *r = &w->rf[i];
        keys[i] = fig_key(w, r);
        if (!keys[i]) return NF_ENOMEM;
        uint64_t h = nf__hash64(keys[i], strlen(keys[i]));
        h ^= nf__hash64(&r->value, sizeof r->value) * 3 +
             nf__hash64(&r->value_max, sizeof r->value_max);
        h += (uint64_t)r->qual * 0x9E3779B97F4A7C15ull;
        if (r->attribution) h ^= nf__hash64(r->attribution, strlen(r->attribution)) * 7;
        size_t slot = (size_t)h & (hcap - 1), k = nf;
        while (ht[slot]) {
            size_t c = ht[slot] - 1;
            const nf__rfig *q = p[c].r0;
            if (q->value == r->value && q->value_max == r->value_max && q->qual == r->qual &&
                same_str(p[c].key, keys[i]) && same_str(q->attribution, r->attribution) &&
                same_str(q->unit, r->unit)) {
                k = c;
                break;
            }
            slot = (slot + 1) & (hcap - 1);
        }
        if (k == nf) {
            ht[slot] = (uint32_t)nf + 1;
            p[k].r0 = r;
            p[k].key = keys[i];
            p[k].first = i;
            p[k].date_min = INT32_MAX;
            nf_figure *f = &F[nf++];
            f->value = r->value;
            f->value_max = r->value_max;
            f->is_range = r->is_range;
            f->qualifier = (nf_qualifier)r->qual;
            f->unit = r->unit;
            f->counted = r->counted ? r->counted : "";
            f->quantity = fig_label(w, r);
            f->attribution = r->attribution;
            f->text = nf__bw_collapse(w, w->c->docs[r->doc].text, r->start, r->end);
            if (!f->quantity || !f->text) return NF_ENOMEM;
        }
        fig_of[i] = k;
        /* "about 30 people" with no event says too little to be compared */
        bool vague = (!r->ev && r->human &&
                      (!strcmp(r->head, "people") || !strcmp(r->head, "persons") ||
                       !strcmp(r->head, "others") || !strcmp(r->head, "person"))) ||
                     !strcmp(r->head, "times") || !strcmp(r->head, "things");
        if (!r->context && !r->partitive && !vague && p[k].key[0] && p[k].key[0] != ' ')
            p[k].conflictable = 1;
        if (r->partitive && !r->context && p[k].key[0] != ' ') p[k].conflictable = 1;
        p[k].update_cue |= r->update_cue;
        p[k].update_from |= r->update_from;
        int32_t dk = w->c->docs[r->doc].date_key;
        if (dk != INT32_MIN && dk < p[k].date_min) p[k].date_min = dk;
        F[k].nmentions++;
    }
    /* mentions, docs */
    for (size_t k = 0; k < nf; k++) {
        F[k].mentions = nf__arena_alloc(b->arena, F[k].nmentions * sizeof(nf_mention));
        if (!F[k].mentions) return NF_ENOMEM;
        F[k].nmentions = 0;
    }
    for (size_t i = 0; i < n; i++) {
        nf_figure *f = &F[fig_of[i]];
        const nf__rfig *r = &w->rf[i];
        if (!f->nmentions || f->mentions[f->nmentions - 1].doc != r->doc) f->ndocs++;
        ((nf_mention *)f->mentions)[f->nmentions++] = (nf_mention){r->doc, r->start, r->end};
    }
    b->figures = F;
    b->nfigures = nf;

    /* conflicts: figures sorted by (key, value) */
    size_t *ord = nf__arena_alloc(w->a, (nf + 1) * sizeof *ord);
    if (!ord) return NF_ENOMEM;
    size_t no = 0;
    for (size_t k = 0; k < nf; k++)
        if (p[k].conflictable) {
            size_t m = no++;
            while (m > 0) {
                size_t o = ord[m - 1];
                int c = strcmp(p[o].key, p[k].key);
                if (c < 0 || (c == 0 && F[o].value <= F[k].value)) break;
                ord[m] = o;
                m--;
            }
            ord[m] = k;
        }
    nf_conflict *C = nf__arena_calloc(b->arena, no + 1, sizeof *C);
    if (!C) return NF_ENOMEM;
    size_t nc = 0;
    for (size_t i = 0; i < no;) {
        size_t j = i + 1;
        while (j < no && strcmp(p[ord[j]].key, p[ord[i]].key) == 0 &&
               F[ord[j]].value <= F[ord[j - 1]].value * 10 + 1e-9)
            j++;
        /* [i, j): one quantity */
        /* incompatible values given by different documents or different sources: one document
         * citing one source rarely contradicts itself (its numbers measure different things) */
        bool conflict = false;
        for (size_t x = i; x < j && !conflict; x++)
            for (size_t y = x + 1; y < j && !conflict; y++) {
                const nf_figure *fx = &F[ord[x]], *fy = &F[ord[y]];
                if (compatible(fx, fy)) continue;
                bool cross = fx->ndocs > 1 || fy->ndocs > 1 ||
                             fx->mentions[0].doc != fy->mentions[0].doc ||
                             (fx->attribution && fy->attribution &&
                              strcmp(fx->attribution, fy->attribution) != 0) ||
                             p[ord[x]].update_cue || p[ord[y]].update_cue ||
                             p[ord[x]].update_from || p[ord[y]].update_from;
                if (cross) conflict = true;
            }
        if (!conflict) {
            i = j;
            continue;
        }
        /* distinct values */
        nf_conflict *cf = &C[nc];
        nf_conflict_value *V = nf__arena_calloc(b->arena, j - i, sizeof *V);
        if (!V) return NF_ENOMEM;
        size_t nv = 0;
        int cue_new = 0, cue_old = 0;
        for (size_t x = i; x < j; x++) {
            const nf_figure *f = &F[ord[x]];
            size_t v = 0;
            while (v < nv && !(V[v].value == f->value && V[v].value_max == f->value_max)) v++;
            if (v == nv) {
                V[nv].value = f->value;
                V[nv].value_max = f->value_max;
                V[nv].is_range = f->is_range;
                V[nv].qualifier = f->qualifier;
                nv++;
            }
            V[v].nfigures++;
            cue_new |= p[ord[x]].update_cue;
            cue_old |= p[ord[x]].update_from;
        }
        /* per value: figures, docs, attributions */
        int32_t *vdate = nf__arena_alloc(w->a, nv * sizeof *vdate);
        size_t *vfirst = nf__arena_alloc(w->a, nv * sizeof *vfirst);
        int *vcue = nf__arena_calloc(w->a, nv, sizeof *vcue);
        if (!vdate || !vfirst || !vcue) return NF_ENOMEM;
        for (size_t v = 0; v < nv; v++) {
            size_t *fi = nf__arena_alloc(b->arena, V[v].nfigures * sizeof *fi);
            const char **at = nf__arena_alloc(b->arena, V[v].nfigures * sizeof *at);
            size_t *dd = nf__arena_alloc(b->arena, (b->ndocs + 1) * sizeof *dd);
            if (!fi || !at || !dd) return NF_ENOMEM;
            size_t nfi = 0, nat = 0, ndd = 0;
            vdate[v] = INT32_MAX;
            vfirst[v] = SIZE_MAX;
            for (size_t x = i; x < j; x++) {
                size_t k = ord[x];
                if (F[k].value != V[v].value || F[k].value_max != V[v].value_max) continue;
                fi[nfi++] = k;
                if (p[k].date_min < vdate[v]) vdate[v] = p[k].date_min;
                if (p[k].first < vfirst[v]) vfirst[v] = p[k].first;
                vcue[v] |= p[k].update_cue ? 2 : 0;
                vcue[v] |= p[k].update_from ? 1 : 0;
                if (F[k].attribution) {
                    size_t a = 0;
                    while (a < nat && strcmp(at[a], F[k].attribution) != 0) a++;
                    if (a == nat) at[nat++] = F[k].attribution;
                }
                for (size_t m = 0; m < F[k].nmentions; m++) {
                    size_t d = F[k].mentions[m].doc, q = 0;
                    while (q < ndd && dd[q] != d) q++;
                    if (q == ndd) dd[ndd++] = d;
                }
            }
            /* figure indexes and docs ascending */
            for (size_t a = 1; a < nfi; a++)
                for (size_t c = a; c > 0 && fi[c - 1] > fi[c]; c--) {
                    size_t t = fi[c];
                    fi[c] = fi[c - 1];
                    fi[c - 1] = t;
                }
            for (size_t a = 1; a < ndd; a++)
                for (size_t c = a; c > 0 && dd[c - 1] > dd[c]; c--) {
                    size_t t = dd[c];
                    dd[c] = dd[c - 1];
                    dd[c - 1] = t;
                }
            V[v].figures = fi;
            V[v].nfigures = nfi;
            V[v].attributions = at;
            V[v].nattributions = nat;
            V[v].docs = dd;
            V[v].ndocs = ndd;
            V[v].qualifier = F[fi[0]].qualifier;
            for (size_t a = 0; a < nfi; a++)
                if (p[fi[a]].first < p[V[v].figures[0]].first) V[v].qualifier = F[fi[a]].qualifier;
        }
        /* update or disagreement */
        bool update = cue_new || cue_old;
        bool common = nv >= 2;
        for (size_t a = 0; a < V[0].nattributions && nv >= 2; a++) {
            common = true;
            for (size_t v = 1; v < nv && common; v++) {
                bool in = false;
                for (size_t q = 0; q < V[v].nattributions; q++)
                    if (strcmp(V[v].attributions[q], V[0].attributions[a]) == 0) in = true;
                common = in;
            }
            if (common) break;
        }
        if (!V[0].nattributions) common = false;
        bool dated = true;
        for (size_t v = 0; v < nv; v++)
            if (vdate[v] == INT32_MAX) dated = false;
        if (dated)
            for (size_t v = 0; v < nv; v++)
                for (size_t u = v + 1; u < nv; u++)
                    if (vdate[u] == vdate[v]) dated = false;
        update = update || common || dated;
        cf->kind = update ? NF_CONFLICT_UPDATE : NF_CONFLICT_DISAGREEMENT;
        if (update) {
            /* reporting order: dates, else old-value wording first and new-value wording last,
             * else first appearance */
            for (size_t a = 1; a < nv; a++)
                for (size_t c = a; c > 0; c--) {
                    long ka = dated ? vdate[c - 1]
                                    : (long)((vcue[c - 1] & 1)   ? 0
                                             : (vcue[c - 1] & 2) ? 2
                                                                 : 1);
                    long kb = dated ? vdate[c] : (long)((vcue[c] & 1) ? 0 : (vcue[c] & 2) ? 2 : 1);
                    if (ka < kb || (ka == kb && vfirst[c - 1] <= vfirst[c])) break;
                    nf_conflict_value tv = V[c];
                    V[c] = V[c - 1];
                    V[c - 1] = tv;
                    int32_t td = vdate[c];
                    vdate[c] = vdate[c - 1];
                    vdate[c - 1] = td;
                    size_t tf = vfirst[c];
                    vfirst[c] = vfirst[c - 1];
                    vfirst[c - 1] = tf;
                    int tc = vcue[c];
                    vcue[c] = vcue[c - 1];
                    vcue[c - 1] = tc;
                }
        }
        cf->values = V;
        cf->nvalues = nv;
        /* how sure the quantities match */
        const nf__rfig *r0 = p[ord[i]].r0;
        double conf = 0.5;
        if (r0->ev) conf += 0.2;
        bool same_head = true;
        for (size_t x = i + 1; x < j; x++)
            if (strcmp(p[ord[x]].r0->counted, r0->counted) != 0) same_head = false;
        if (same_head || (r0->ev && r0->human)) conf += 0.15;
        if (r0->unit) conf += 0.1;
        size_t multi = 0;
        for (size_t v = 0; v < nv; v++) multi += V[v].ndocs >= 2;
        if (multi) conf += 0.05;
        if (!r0->head[0] || !strcmp(r0->head, "people")) conf -= r0->ev ? 0 : 0.2;
        cf->confidence = conf > 0.98 ? 0.98 : conf < 0.3 ? 0.3 : conf;
        /* the label: the most frequent among its figures */
        const char *label = F[ord[i]].quantity;
        size_t bestc = 0;
        for (size_t x = i; x < j; x++) {
            size_t cnt = 0;
            for (size_t y = i; y < j; y++)
                if (strcmp(F[ord[y]].quantity, F[ord[x]].quantity) == 0) cnt += F[ord[y]].nmentions;
            if (cnt > bestc) {
                bestc = cnt;
                label = F[ord[x]].quantity;
            }
        }
        cf->quantity = label;
        nc++;
        i = j;
    }
    /* most confident first, then by first mention */
    for (size_t a = 1; a < nc; a++)
        for (size_t c = a; c > 0; c--) {
            const nf_conflict *x = &C[c - 1], *y = &C[c];
            size_t fx = x->values[0].figures[0], fy = y->values[0].figures[0];
            for (size_t v = 0; v < x->nvalues; v++)
                if (x->values[v].figures[0] < fx) fx = x->values[v].figures[0];
            for (size_t v = 0; v < y->nvalues; v++)
                if (y->values[v].figures[0] < fy) fy = y->values[v].figures[0];
            if (x->confidence > y->confidence || (x->confidence == y->confidence && fx <= fy))
                break;
            nf_conflict t = C[c];
            C[c] = C[c - 1];
            C[c - 1] = t;
        }
    b->conflicts = C;
    b->nconflicts = nc;
    return NF_OK;
}
