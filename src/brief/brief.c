/* brief.c - the story brief: build, free, accessors.
 *
 * Build order: tokens, quotation spans (flagging quoted tokens), the name registry,
 * attributions, figures, quote speakers, dates; then the public arrays: figures and conflicts,
 * quotes and speakers, sources, entities, timeline. Everything extracted is copied into the
 * brief's own arena; the scratch arena is dropped before returning. */
#include "brief.h"

#include <string.h>

const char *nf_qualifier_name(nf_qualifier q)
{
    switch (q) {
    case NF_QUAL_AT_LEAST: return "at least";
    case NF_QUAL_ABOUT: return "about";
    case NF_QUAL_MORE_THAN: return "more than";
    case NF_QUAL_UP_TO: return "up to";
    case NF_QUAL_LESS_THAN: return "less than";
    default: return "exact";
    }
}

const char *nf_entity_kind_name(nf_entity_kind k)
{
    switch (k) {
    case NF_ENTITY_PERSON: return "person";
    case NF_ENTITY_BODY: return "body";
    case NF_ENTITY_PLACE: return "place";
    default: return "other";
    }
}

void nf_brief_free(nf_brief *b)
{
    if (!b) return;
    nf_allocator al = b->alc;
    nf__arena_free(b->arena);
    nf__free(&al, b);
}

/* Free the token stream and its start lists (the largest arrays of a build). */
static void drop_tokens(nf__bw *w)
{
    nf__arena_free(w->ta);
    w->ta = NULL;
    w->tok = NULL;
    w->ntok = w->captok = 0;
    w->low_hash = NULL;
    w->low_hash_cap = 0;
    nf__ilist *ls[] = {&w->l_num, &w->l_trig, &w->l_date, &w->l_cap, &w->l_low, &w->l_qm};
    for (size_t i = 0; i < NF__ARRAY_LEN(ls); i++) *ls[i] = (nf__ilist){NULL, 0, 0};
}

nf_status nf_brief_build(nf_ctx *ctx, nf_cluster *c, const nf_options *o, nf_brief **out,
                         nf_error *err)
{
    if (!out) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    *out = NULL;
    if (!ctx || !c) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    /* the brief reads sentences and near-duplicates, never the tf-idf vectors */
    nf_status st = nf__cluster_analyze(ctx, c, o, err, false);
    if (st != NF_OK) return st;
    nf_brief *b = nf__calloc(c->al, 1, sizeof *b);
    if (!b) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    b->alc = c->alc;
    b->ndocs = c->ndocs;
    b->arena = nf__arena_new(c->al);
    nf__bw w;
    memset(&w, 0, sizeof w);
    w.c = c;
    w.out = b->arena;
    w.a = nf__arena_new(c->al);
    w.ta = nf__arena_new(c->al);
    st = NF_ENOMEM;
    if (!b->arena || !w.a || !w.ta) goto fail;
    if (!ctx->brief && !(ctx->brief = nf__brief_tables_new(ctx->al))) goto fail;
    w.tb = ctx->brief;
    w.lx = ctx->brief->lx;
    if ((st = nf__brief_tokenize(&w)) != NF_OK) goto fail;
    if ((st = nf__brief_quotes_scan(&w)) != NF_OK) goto fail;
    if ((st = nf__brief_names(&w)) != NF_OK) goto fail;
    if ((st = nf__brief_attrib(&w)) != NF_OK) goto fail;
    if ((st = nf__brief_figures(&w)) != NF_OK) goto fail;
    if ((st = nf__brief_quotes_speakers(&w)) != NF_OK) goto fail;
    if ((st = nf__brief_doc_dates(&w)) != NF_OK) goto fail;
    if ((st = nf__brief_dates(&w)) != NF_OK) goto fail;
    if ((st = nf__brief_conflicts(&w, b)) != NF_OK) goto fail;
    drop_tokens(&w); /* the last reader was the key figures' word counts (figmerge.c) */
    if ((st = nf__brief_quotes_merge(&w, b)) != NF_OK) goto fail;
    if ((st = nf__brief_sources(&w, b)) != NF_OK) goto fail;
    if ((st = nf__brief_entities(&w, b)) != NF_OK) goto fail;
    if ((st = nf__brief_timeline(&w, b)) != NF_OK) goto fail;
    nf__arena_free(w.a);
    *out = b;
    return NF_OK;
fail:
    drop_tokens(&w);
    nf__arena_free(w.a);
    nf_brief_free(b);
    return nf__fail(err, st, -1, -1, -1, "brief: %s", nf_strerror(st));
}

#define ACCESSORS(noun, type, arr, cnt)                                                            \
    size_t nf_brief_##noun##_count(const nf_brief *b) { return b ? b->cnt : 0; }                   \
    const type *nf_brief_##noun(const nf_brief *b, size_t i)                                       \
    {                                                                                              \
        return b && i < b->cnt ? &b->arr[i] : NULL;                                                \
    }

ACCESSORS(figure, nf_figure, figures, nfigures)

size_t nf_brief_key_figure_count(const nf_brief *b) { return b ? b->nkeyfigures : 0; }
ACCESSORS(conflict, nf_conflict, conflicts, nconflicts)
ACCESSORS(quote, nf_quote, quotes, nquotes)
ACCESSORS(speaker, nf_speaker, speakers, nspeakers)
ACCESSORS(source, nf_source, sources, nsources)
ACCESSORS(event, nf_event, events, nevents)
ACCESSORS(entity, nf_entity, entities, nentities)

size_t nf_brief_duplicate_count(const nf_brief *b) { return b ? b->ndups : 0; }

nf_status nf_brief_duplicate(const nf_brief *b, size_t i, size_t *a, size_t *bdoc, double *sim)
{
    if (!b || i >= b->ndups) return NF_EINVAL;
    if (a) *a = b->dup_a[i];
    if (bdoc) *bdoc = b->dup_b[i];
    if (sim) *sim = b->dup_sim[i];
    return NF_OK;
}
