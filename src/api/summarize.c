/* summarize.c - the pipeline driver: analysis, candidates, selection, order, budget cut. */
#include "model.h"

#include <math.h>
#include <string.h>

typedef struct qacc {
    nf_cluster *c;
    uint32_t *ids;
    size_t n, cap;
} qacc;

static nf_status q_tok(void *ud, const char *surf, size_t sl, uint32_t gid, int stop)
{
    (void)surf;
    (void)sl;
    qacc *q = ud;
    if (stop) return NF_OK;
    /* query terms absent from the cluster cannot match any sentence: skip them */
    const nf__terms *t = &q->c->terms;
    if (!t->map_cap) return NF_OK;
    size_t mask = t->map_cap - 1, h = (gid * 2654435761u) & mask;
    while (t->map[h]) {
        uint32_t id = t->map[h] - 1;
        if (t->gid[id] == gid) {
            void *p = q->ids;
            if (!nf__grow(q->c->al, &p, &q->cap, q->n + 1, sizeof(uint32_t))) return NF_ENOMEM;
            q->ids = p;
            q->ids[q->n++] = id;
            return NF_OK;
        }
        h = (h + 1) & mask;
    }
    return NF_OK;
}

/* Cosine of each sentence with the query's tf-idf vector. */
static nf_status query_sims(nf_ctx *ctx, nf_cluster *c, const nf_options *o, nf__arena *a,
                            double **out)
{
    *out = NULL;
    if (!o->query || !o->query_len) return NF_OK;
    qacc q = {c, NULL, 0, 0};
    nf_status st = nf__tokenize_ids(ctx->tok, o->query, o->query_len, q_tok, &q);
    if (st != NF_OK) {
        nf__free(c->al, q.ids);
        return st;
    }
    double *qw = nf__arena_calloc(a, c->terms.n ? c->terms.n : 1, sizeof *qw);
    double *sim = nf__arena_calloc(a, c->nsents ? c->nsents : 1, sizeof *sim);
    if (!qw || !sim) {
        nf__free(c->al, q.ids);
        return NF_ENOMEM;
    }
    double qn = 0;
    for (size_t k = 0; k < q.n; k++) qw[q.ids[k]] += c->terms.idf[q.ids[k]];
    for (size_t k = 0; k < q.n; k++) {
        double w = qw[q.ids[k]];
        if (w > 0) {
            qn += w * w;
            qw[q.ids[k]] = -w; /* mark counted */
        }
    }
    for (size_t k = 0; k < q.n; k++)
        if (qw[q.ids[k]] < 0) qw[q.ids[k]] = -qw[q.ids[k]];
    qn = sqrt(qn);
    nf__free(c->al, q.ids);
    for (size_t i = 0; i < c->nsents && qn > 0; i++) {
        const nf__sent *s = &c->sents[i];
        double dot = 0;
        for (uint32_t k = 0; k < s->nv; k++) dot += nf__vw(s)[k] * qw[s->vt[k]];
        sim[i] = s->norm > 0 ? dot / (s->norm * qn) : 0;
    }
    *out = sim;
    return NF_OK;
}

static size_t cut_words(const char *p, size_t n, size_t words)
{
    size_t w = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = nf__isspace((unsigned char)p[i]);
        if (!sp && !in) {
            if (w == words) return i;
            w++;
        }
        if (sp && in && w == words) return i;
        in = !sp;
    }
    return n;
}

static size_t cut_bytes(const char *p, size_t n, size_t bytes)
{
    if (bytes >= n) return n;
    size_t k = bytes;
    while (k > 0 && ((unsigned char)p[k] & 0xC0) == 0x80) k--; /* stay on a character boundary */
    return k;
}

/* Option values the selectors cannot work with; *fn gets the selector of o->algo. */
static nf_status check_options(const nf_options *o, nf__select_fn *fn, nf_error *err)
{
    if ((unsigned)o->algo >= NF_ALGO__COUNT || (unsigned)o->unit > NF_UNIT_SENTENCES ||
        (unsigned)o->order > NF_ORDER_RANK || !(o->redundancy >= 0) || !(o->dup_threshold > 0))
        return nf__fail(err, NF_EINVAL, -1, -1, -1, "invalid option value");
    size_t bad;
    if (!nf__auto_params_check(o->params, &bad))
        return nf__fail(err, NF_EINVAL, -1, -1, (long long)bad,
                        "params: unknown name or bad value");
    *fn = nf__selector(o->algo);
    if (!*fn)
        return nf__fail(err, NF_EINVAL, -1, -1, -1, "algorithm '%s' is not available",
                        nf_algo_name(o->algo));
    return NF_OK;
}

/* cand[i] = 1 for the sentences a selector may choose; returns their count. The strict pass
 * leaves out headlines, short and vector-less sentences; when nothing passes it, the second
 * pass only leaves out duplicates, empty sentences and the previous documents. */
static size_t mark_candidates(const nf_cluster *c, const nf_options *o, uint8_t *cand)
{
    size_t ncand = 0;
    for (int pass = 0; pass < 2 && !ncand; pass++) {
        for (size_t i = 0; i < c->nsents; i++) {
            const nf__sent *s = &c->sents[i];
            bool ok = !(s->flags & NF__S_DUP) && s->nterms > 0 && !c->docs[s->doc].previous;
            if (pass == 0)
                ok = ok && !(s->flags & (NF__S_HEADLINE | NF__S_NOCAND)) &&
                     s->nwords >= o->min_words && s->nv > 0;
            cand[i] = ok;
            ncand += ok;
        }
    }
    return ncand;
}

/* The selector's choice as summary items, in selection order. */
static nf_status take_chosen(nf_summary *sum, const nf_cluster *c, const nf__sel *sel)
{
    sum->n = sel->nchosen;
    sum->items = nf__calloc(c->al, sel->nchosen ? sel->nchosen : 1, sizeof *sum->items);
    if (!sum->items) return NF_ENOMEM;
    for (size_t k = 0; k < sel->nchosen; k++) {
        const nf__sent *s = &c->sents[sel->chosen[k]];
        nf_sentence *it = &sum->items[k];
        it->doc = s->doc;
        it->start = s->start;
        it->end = s->end;
        it->index = s->pos;
        it->score = sel->scores[k];
        it->text = c->docs[s->doc].text + s->start;
        it->len = s->end - s->start;
        it->words = s->nwords;
    }
    return NF_OK;
}

/* Budget cut in output order: under --truncate the sentence that crosses the budget is cut
 * at exactly the budget and anything after it is dropped. Returns how many items stay. */
static size_t budget_cut(nf_sentence *items, size_t n, const nf_options *o)
{
    size_t used = 0, keep = 0;
    for (size_t k = 0; k < n; k++) {
        nf_sentence *it = &items[k];
        size_t cost = o->unit == NF_UNIT_BYTES ? it->len : o->unit == NF_UNIT_WORDS ? it->words : 1;
        if (used >= o->budget) break;
        if (used + cost > o->budget) {
            if (!(o->flags & NF_OPT_TRUNCATE) || o->unit == NF_UNIT_SENTENCES) break;
            size_t room = o->budget - used;
            size_t nl = o->unit == NF_UNIT_WORDS ? cut_words(it->text, it->len, room)
                                                 : cut_bytes(it->text, it->len, room);
            while (nl > 0 && nf__isspace((unsigned char)it->text[nl - 1])) nl--;
            if (nl == 0) break;
            it->len = nl;
            it->words = nf_count_words(it->text, nl);
            it->truncated = 1;
            keep++;
            break; /* the cut sentence ends the summary, even when it fell a byte short */
        }
        used += cost;
        keep++;
    }
    return keep;
}

static void fill_stats(nf_summary *sum, const nf_cluster *c, size_t ncand)
{
    sum->stats.docs = c->ndocs;
    sum->stats.sentences = c->nsents;
    sum->stats.candidates = ncand;
    sum->stats.boilerplate_lines = c->boilerplate_lines;
    sum->stats.duplicate_sentences = c->dup_sents;
    sum->stats.duplicate_doc_pairs = c->ndup_pairs;
    for (size_t k = 0; k < sum->n; k++) {
        sum->stats.summary_words += sum->items[k].words;
        sum->stats.summary_bytes += sum->items[k].len;
    }
}

/* On an analyzed cluster: candidates, query similarity, the selector, output order, budget. */
static nf_status build_summary(nf_ctx *ctx, nf_cluster *c, const nf_options *o, nf__select_fn fn,
                               nf__arena *scratch, nf_summary *sum)
{
    uint8_t *cand = nf__arena_calloc(scratch, c->nsents, 1);
    if (!cand) return NF_ENOMEM;
    size_t ncand = mark_candidates(c, o, cand);
    double *qsim = NULL;
    nf_status st = query_sims(ctx, c, o, scratch, &qsim);
    if (st != NF_OK) return st;
    nf__sel sel;
    memset(&sel, 0, sizeof sel);
    sel.c = c;
    sel.ctx = ctx;
    sel.o = o;
    sel.scratch = scratch;
    sel.cand = cand;
    sel.qsim = qsim;
    if (o->budget > 0 && ncand > 0) {
        st = fn(&sel);
        if (st != NF_OK && st != NF_ESOLVER) return st;
    }
    st = take_chosen(sum, c, &sel);
    if (st == NF_OK) st = nf__order(c, o->order, sum->items, sum->n);
    if (st != NF_OK) return st;
    sum->n = budget_cut(sum->items, sum->n, o);
    fill_stats(sum, c, ncand);
    return NF_OK;
}

nf_status nf_summarize(nf_ctx *ctx, nf_cluster *c, const nf_options *o, nf_summary **out,
                       nf_error *err)
{
    if (!out) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    *out = NULL;
    if (!ctx || !c) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    nf_options def;
    nf_status st = nf__options_load(o, &def, err);
    if (st != NF_OK) return st;
    o = &def;
    nf__select_fn fn;
    st = check_options(o, &fn, err);
    if (st != NF_OK) return st;
    st = nf_cluster_analyze(ctx, c, o, err);
    if (st != NF_OK) return st;
    if (c->nsents == 0)
        return nf__fail(err, NF_EEMPTY, -1, -1, -1, "no sentence left after cleaning");

    nf__arena *scratch = nf__arena_new(c->al);
    nf_summary *sum = nf__calloc(c->al, 1, sizeof *sum);
    if (!scratch || !sum) {
        nf__arena_free(scratch);
        nf__free(c->al, sum);
        return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    }
    sum->alc = *c->al;
    sum->c = c;
    sum->opts = *o;
    sum->opts.query = NULL; /* not owned */
    st = build_summary(ctx, c, o, fn, scratch, sum);
    nf__arena_free(scratch);
    if (st != NF_OK) {
        nf_summary_free(sum);
        return nf__fail(err, st, -1, -1, -1, "summarize failed: %s", nf_strerror(st));
    }
    *out = sum;
    return NF_OK;
}

void nf_summary_free(nf_summary *s)
{
    if (!s) return;
    nf_allocator al = s->alc;
    nf__free(&al, s->items);
    nf__free(&al, s);
}

size_t nf_summary_count(const nf_summary *s) { return s ? s->n : 0; }

const nf_sentence *nf_summary_get(const nf_summary *s, size_t i)
{
    return s && i < s->n ? &s->items[i] : NULL;
}

void nf_summary_stats(const nf_summary *s, nf_stats *st)
{
    if (!st) return;
    if (!s) {
        memset(st, 0, sizeof *st);
        return;
    }
    *st = s->stats;
}
