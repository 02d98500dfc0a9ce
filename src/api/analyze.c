/* analyze.c - the pipeline driver up to the representation: clean, segment, tokenize, represent.
 * The result is cached on the cluster and reused while the documents and the options that
 * matter stay the same. */
#include "model.h"

#include <string.h>

#define NF__ANALYSIS_FLAGS (NF_OPT_KEEP_BOILERPLATE | NF_OPT_NO_DEDUP)

static uint32_t sent_flags(const char *t, uint32_t s, uint32_t e, uint8_t bflags)
{
    uint32_t f = 0;
    if (bflags & NF__B_HEADLINE) f |= NF__S_HEADLINE;
    if (bflags & NF__B_LIST) f |= NF__S_NOCAND;
    unsigned char c0 = (unsigned char)t[s];
    if (c0 == '"' ||
        (e - s >= 3 && (unsigned char)t[s] == 0xE2 && (unsigned char)t[s + 1] == 0x80 &&
         ((unsigned char)t[s + 2] == 0x9C)) ||
        (e - s >= 2 && t[s] == '`' && t[s + 1] == '`'))
        f |= NF__S_QUOTE;
    return f;
}

nf_status nf_cluster_analyze(nf_ctx *ctx, nf_cluster *c, const nf_options *o, nf_error *err)
{
    return nf__cluster_analyze(ctx, c, o, err, true);
}

/* The vectors of an analysis made without them. */
static nf_status add_vectors(nf_ctx *ctx, nf_cluster *c, nf_error *err)
{
    nf_status st = nf__repr_vectors(ctx, c);
    if (st != NF_OK) {
        nf__cluster_invalidate(c);
        return nf__fail(err, st, -1, -1, -1, "analysis failed: %s", nf_strerror(st));
    }
    c->analyzed_vectors = 1;
    return NF_OK;
}

nf_status nf__cluster_analyze(nf_ctx *ctx, nf_cluster *c, const nf_options *o, nf_error *err,
                              bool vectors)
{
    if (!ctx || !c) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    nf_options def;
    nf_status st = nf__options_load(o, &def, err);
    if (st != NF_OK) return st;
    o = &def;
    unsigned fl = o->flags & NF__ANALYSIS_FLAGS;
    if (c->analyzed && c->analyzed_flags == fl && c->analyzed_dup == o->dup_threshold &&
        c->analyzed_tok == (const void *)ctx->tok && c->analyzed_idf_gen == ctx->idf_gen)
        return vectors && !c->analyzed_vectors ? add_vectors(ctx, c, err) : NF_OK;
    nf__cluster_invalidate(c);
    if (c->ndocs == 0) return nf__fail(err, NF_EEMPTY, -1, -1, -1, "the cluster has no document");
    c->work = nf__arena_new(c->al);
    if (!c->work) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");

    nf__span *spans = NULL;
    size_t nspans = 0, capspans = 0;
    size_t cap = 0;
    for (size_t d = 0; d < c->ndocs; d++) {
        nf__doc *doc = &c->docs[d];
        st = nf__clean_doc(c->work, doc, o->flags);
        if (st != NF_OK) goto fail;
        c->boilerplate_lines += doc->ndropped;
        doc->first_sent = c->nsents;
        for (size_t b = 0; b < doc->nblocks; b++) {
            nspans = 0;
            st = nf__segment(c->work, doc->text, doc->blocks[b].start, doc->blocks[b].end, &spans,
                             &nspans, &capspans);
            if (st != NF_OK) goto fail;
            if (c->nsents + nspans > cap) {
                /* in the allocator, not the arena: the arena would keep every outgrown copy */
                void *p = c->sents;
                if (!nf__grow(c->al, &p, &cap, c->nsents + nspans, sizeof *c->sents)) {
                    st = NF_ENOMEM;
                    goto fail;
                }
                c->sents = p;
            }
            for (size_t k = 0; k < nspans; k++) {
                nf__sent *s = &c->sents[c->nsents++];
                memset(s, 0, sizeof *s);
                s->doc = (uint32_t)d;
                s->start = spans[k].start;
                s->end = spans[k].end;
                s->pos = (uint32_t)(c->nsents - 1 - doc->first_sent);
                s->flags = sent_flags(doc->text, s->start, s->end, doc->block_flags[b]);
                s->dup_of = -1;
            }
        }
        doc->nsents = c->nsents - doc->first_sent;
    }
    if (cap > c->nsents + c->nsents / 4) { /* give back the doubling's slack before repr */
        nf__sent *fit = nf__alloc(c->al, (c->nsents ? c->nsents : 1) * sizeof *fit);
        if (!fit) {
            st = NF_ENOMEM;
            goto fail;
        }
        if (c->nsents) memcpy(fit, c->sents, c->nsents * sizeof *fit);
        nf__free(c->al, c->sents);
        c->sents = fit;
    }
    st = nf__repr_terms(ctx, c, o);
    if (st == NF_OK && vectors) st = nf__repr_vectors(ctx, c);
    if (st != NF_OK) goto fail;
    c->analyzed = 1;
    c->analyzed_vectors = vectors;
    c->analyzed_flags = fl;
    c->analyzed_dup = o->dup_threshold;
    c->analyzed_tok = ctx->tok;
    c->analyzed_idf_gen = ctx->idf_gen;
    return NF_OK;
fail:
    nf__cluster_invalidate(c);
    return nf__fail(err, st, -1, -1, -1, "analysis failed: %s", nf_strerror(st));
}

size_t nf_cluster_block_count(const nf_cluster *c, size_t doc)
{
    return c && c->analyzed && doc < c->ndocs ? c->docs[doc].nblocks : 0;
}

nf_status nf_cluster_block(const nf_cluster *c, size_t doc, size_t i, size_t *start, size_t *end)
{
    if (!c || !c->analyzed || doc >= c->ndocs || i >= c->docs[doc].nblocks) return NF_EINVAL;
    if (start) *start = c->docs[doc].blocks[i].start;
    if (end) *end = c->docs[doc].blocks[i].end;
    return NF_OK;
}

size_t nf_cluster_dropped_count(const nf_cluster *c, size_t doc)
{
    return c && c->analyzed && doc < c->ndocs ? c->docs[doc].ndropped : 0;
}

nf_status nf_cluster_dropped(const nf_cluster *c, size_t doc, size_t i, size_t *start, size_t *end,
                             const char **rule)
{
    if (!c || !c->analyzed || doc >= c->ndocs || i >= c->docs[doc].ndropped) return NF_EINVAL;
    const nf__dropped *d = &c->docs[doc].dropped[i];
    if (start) *start = d->start;
    if (end) *end = d->end;
    if (rule) *rule = d->rule;
    return NF_OK;
}

size_t nf_cluster_sentence_count(const nf_cluster *c) { return c && c->analyzed ? c->nsents : 0; }

nf_status nf_cluster_sentence(const nf_cluster *c, size_t i, nf_sentence *out)
{
    if (!c || !c->analyzed || i >= c->nsents || !out) return NF_EINVAL;
    const nf__sent *s = &c->sents[i];
    memset(out, 0, sizeof *out);
    out->doc = s->doc;
    out->start = s->start;
    out->end = s->end;
    out->index = s->pos;
    out->text = c->docs[s->doc].text + s->start;
    out->len = s->end - s->start;
    out->words = s->nwords;
    return NF_OK;
}

size_t nf_cluster_dup_doc_count(nf_cluster *c) { return c && c->analyzed ? c->ndup_pairs : 0; }

nf_status nf_cluster_dup_doc(nf_cluster *c, size_t i, size_t *a, size_t *b, double *sim)
{
    if (!c || !c->analyzed || i >= c->ndup_pairs) return NF_EINVAL;
    if (a) *a = c->dup_pairs[2 * i];
    if (b) *b = c->dup_pairs[2 * i + 1];
    if (sim) *sim = c->dup_sims[i];
    return NF_OK;
}
