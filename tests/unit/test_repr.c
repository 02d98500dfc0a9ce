/* test_repr.c - the representation stage through the internal model (src/model.h): idf order,
 * cosine bounds, near-duplicate sentences and documents, the background idf table and the
 * `newsfuse idf` builder's round trip through nf_ctx_load_idf. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* Three reports of one flood. doc1 repeats a sentence of doc0 word for word; doc2 has a copy of
 * another doc0 sentence with its last two words cut. "flood" is in every document, "bridge" in
 * two, "cattle" in one. */
static const char *const flood_docs[] = {
    "Flood waters rose across the northern valley on Monday night. The old stone bridge near "
    "the market collapsed under the pressure of the river. Rescue teams evacuated hundreds of "
    "families from low-lying villages before dawn. Officials warned that more rain was "
    "expected later in the week.\n",
    "Flood waters continued to rise in the northern valley on Tuesday morning. Farmers lost "
    "cattle and crops as fields disappeared under brown water. The old stone bridge near the "
    "market collapsed under the pressure of the river. Schools remained closed while "
    "engineers inspected the damaged roads.\n",
    "Flood warnings were issued for three more provinces along the coast. Rescue teams "
    "evacuated hundreds of families from low-lying villages. Meteorologists said the storm "
    "would move east by Thursday.\n",
};

static nf_cluster *make_cluster(const char *const *docs, size_t n)
{
    nf_cluster *c = NULL;
    assert_int_equal(nf_cluster_new(NULL, &c), NF_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(nf_cluster_add_text(c, docs[i], strlen(docs[i]), NULL, NULL), NF_OK);
    return c;
}

static nf_cluster *analyzed(nf_ctx *ctx, const char *const *docs, size_t n)
{
    nf_cluster *c = make_cluster(docs, n);
    nf_error err;
    nf_status st = nf_cluster_analyze(ctx, c, NULL, &err);
    if (st != NF_OK) fail_msg("analyze: %s", err.msg);
    return c;
}

static nf_status gid_cb(void *ud, const char *surf, size_t sl, uint32_t stem_id, int stop)
{
    (void)surf;
    (void)sl;
    (void)stop;
    *(uint32_t *)ud = stem_id;
    return NF_OK;
}

/* The tokenizer stem id of one word. */
static uint32_t gid_of(nf_ctx *ctx, const char *word)
{
    uint32_t id = UINT32_MAX;
    assert_int_equal(nf__tokenize_ids(ctx->tok, word, strlen(word), gid_cb, &id), NF_OK);
    assert_int_not_equal(id, UINT32_MAX);
    return id;
}

static double idf_of(nf_ctx *ctx, const nf_cluster *c, const char *word)
{
    uint32_t local = nf__term_find(c, gid_of(ctx, word));
    if (local == UINT32_MAX) fail_msg("'%s' is not a term of the cluster", word);
    return c->terms.idf[local];
}

/* Index of the sentence of document doc that starts with prefix. */
static size_t sent_of(const nf_cluster *c, uint32_t doc, const char *prefix)
{
    size_t pl = strlen(prefix);
    for (size_t i = 0; i < c->nsents; i++) {
        const nf__sent *s = &c->sents[i];
        if (s->doc == doc && s->end - s->start >= pl &&
            memcmp(c->docs[doc].text + s->start, prefix, pl) == 0)
            return i;
    }
    fail_msg("no sentence '%s' in document %u", prefix, doc);
    return SIZE_MAX;
}

static void idf_is_higher_for_rarer_terms(void **state)
{
    (void)state;
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new("english", NULL, &ctx, NULL), NF_OK);
    nf_cluster *c = analyzed(ctx, flood_docs, 3);
    double flood = idf_of(ctx, c, "flood"), bridge = idf_of(ctx, c, "bridge"),
           cattle = idf_of(ctx, c, "cattle");
    assert_int_equal(c->terms.df[nf__term_find(c, gid_of(ctx, "flood"))], 3);
    assert_int_equal(c->terms.df[nf__term_find(c, gid_of(ctx, "bridge"))], 2);
    assert_int_equal(c->terms.df[nf__term_find(c, gid_of(ctx, "cattle"))], 1);
    assert_true(cattle > bridge);
    assert_true(bridge > flood);
    assert_true(flood > 0);
    /* inflections are one term: "waters" and "water" */
    assert_int_equal(nf__term_find(c, gid_of(ctx, "waters")),
                     nf__term_find(c, gid_of(ctx, "water")));
    /* stopwords are terms with the stop flag and never enter a vector */
    uint32_t the = nf__term_find(c, gid_of(ctx, "the"));
    assert_int_not_equal(the, UINT32_MAX);
    assert_int_equal(c->terms.stop[the], 1);
    assert_int_equal(c->terms.stop[nf__term_find(c, gid_of(ctx, "flood"))], 0);
    for (size_t i = 0; i < c->nsents; i++)
        for (uint32_t k = 0; k < c->sents[i].nv; k++) {
            assert_int_not_equal(c->sents[i].vt[k], the);
            if (k) assert_true(c->sents[i].vt[k - 1] < c->sents[i].vt[k]);
        }
    nf_cluster_free(c);
    nf_ctx_free(ctx);
}

static void cosine_bounds(void **state)
{
    (void)state;
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new("english", NULL, &ctx, NULL), NF_OK);
    nf_cluster *c = analyzed(ctx, flood_docs, 3);
    size_t farmers = sent_of(c, 1, "Farmers lost"), storm = sent_of(c, 2, "Meteorologists");
    size_t bridge0 = sent_of(c, 0, "The old stone"), bridge1 = sent_of(c, 1, "The old stone");
    for (size_t i = 0; i < c->nsents; i++) {
        if (c->sents[i].nv == 0) continue;
        assert_true(fabs(nf__cosine(&c->sents[i], &c->sents[i]) - 1.0) < 1e-6);
        for (size_t j = 0; j < c->nsents; j++) {
            double s = nf__cosine(&c->sents[i], &c->sents[j]);
            assert_true(s >= 0.0 && s <= 1.0 + 1e-6);
            assert_true(fabs(s - nf__cosine(&c->sents[j], &c->sents[i])) < 1e-9);
        }
    }
    /* no content word in common */
    assert_true(nf__cosine(&c->sents[farmers], &c->sents[storm]) == 0.0);
    /* the same words */
    assert_true(fabs(nf__cosine(&c->sents[bridge0], &c->sents[bridge1]) - 1.0) < 1e-6);
    /* some words in common */
    size_t waters0 = sent_of(c, 0, "Flood waters rose"), waters1 = sent_of(c, 1, "Flood waters");
    double part = nf__cosine(&c->sents[waters0], &c->sents[waters1]);
    assert_true(part > 0.2 && part < 0.99);
    nf_cluster_free(c);
    nf_ctx_free(ctx);
}

static void near_duplicate_sentences(void **state)
{
    (void)state;
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new("english", NULL, &ctx, NULL), NF_OK);
    nf_cluster *c = analyzed(ctx, flood_docs, 3);
    assert_int_equal(c->nsents, 11);
    size_t bridge0 = sent_of(c, 0, "The old stone"), bridge1 = sent_of(c, 1, "The old stone");
    size_t rescue0 = sent_of(c, 0, "Rescue teams"), rescue2 = sent_of(c, 2, "Rescue teams");
    /* the identical copy and the truncated copy point at the earlier sentence */
    assert_true(c->sents[bridge1].flags & NF__S_DUP);
    assert_int_equal(c->sents[bridge1].dup_of, (int32_t)bridge0);
    assert_true(c->sents[rescue2].flags & NF__S_DUP);
    assert_int_equal(c->sents[rescue2].dup_of, (int32_t)rescue0);
    /* the originals and everything else are not duplicates */
    size_t ndup = 0;
    for (size_t i = 0; i < c->nsents; i++) {
        if (i == bridge1 || i == rescue2) continue;
        assert_false(c->sents[i].flags & NF__S_DUP);
        assert_int_equal(c->sents[i].dup_of, -1);
    }
    for (size_t i = 0; i < c->nsents; i++) ndup += (c->sents[i].flags & NF__S_DUP) != 0;
    assert_int_equal(ndup, 2);
    assert_int_equal(c->dup_sents, 2);
    nf_cluster_free(c);

    /* with NF_OPT_NO_DEDUP nothing is flagged; a threshold above the truncated copy's Jaccard
     * (10 shingles, 8 shared: 0.8) keeps only the identical one */
    nf_options o;
    nf_options_init(&o);
    o.flags |= NF_OPT_NO_DEDUP;
    c = make_cluster(flood_docs, 3);
    assert_int_equal(nf_cluster_analyze(ctx, c, &o, NULL), NF_OK);
    for (size_t i = 0; i < c->nsents; i++) assert_int_equal(c->sents[i].dup_of, -1);
    nf_options_init(&o);
    o.dup_threshold = 0.9;
    assert_int_equal(nf_cluster_analyze(ctx, c, &o, NULL), NF_OK);
    assert_int_equal(c->sents[sent_of(c, 1, "The old stone")].dup_of,
                     (int32_t)sent_of(c, 0, "The old stone"));
    assert_int_equal(c->sents[sent_of(c, 2, "Rescue teams")].dup_of, -1);
    nf_cluster_free(c);
    nf_ctx_free(ctx);
}

/* The brief analyses without the tf-idf vectors; a summary asked for afterwards gets them
 * added to that analysis and is the same as on a cluster analysed in full. */
static void vectors_added_on_demand(void **state)
{
    (void)state;
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new("english", NULL, &ctx, NULL), NF_OK);
    nf_cluster *a = make_cluster(flood_docs, 3), *b = make_cluster(flood_docs, 3);
    assert_int_equal(nf__cluster_analyze(ctx, a, NULL, NULL, false), NF_OK);
    assert_int_equal(a->analyzed_vectors, 0);
    assert_null(a->terms.idf);
    nf_brief *br = NULL;
    assert_int_equal(nf_brief_build(ctx, a, NULL, &br, NULL), NF_OK);
    nf_brief_free(br);
    nf_summary *sa = NULL, *sb = NULL;
    assert_int_equal(nf_summarize(ctx, a, NULL, &sa, NULL), NF_OK);
    assert_int_equal(a->analyzed_vectors, 1);
    assert_int_equal(nf_summarize(ctx, b, NULL, &sb, NULL), NF_OK);
    assert_int_equal(nf_summary_count(sa), nf_summary_count(sb));
    assert_true(nf_summary_count(sa) > 0);
    for (size_t i = 0; i < nf_summary_count(sa); i++) {
        assert_int_equal(nf_summary_get(sa, i)->start, nf_summary_get(sb, i)->start);
        assert_int_equal(nf_summary_get(sa, i)->doc, nf_summary_get(sb, i)->doc);
        assert_true(nf_summary_get(sa, i)->score == nf_summary_get(sb, i)->score);
    }
    for (size_t i = 0; i < a->nsents; i++) {
        assert_int_equal(a->sents[i].nv, b->sents[i].nv);
        assert_true(a->sents[i].norm == b->sents[i].norm);
    }
    nf_summary_free(sa);
    nf_summary_free(sb);
    nf_cluster_free(a);
    nf_cluster_free(b);
    nf_ctx_free(ctx);
}

static void truncated_document_copy_is_a_duplicate_pair(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "Unrelated news: the city library will extend its opening hours in the summer. "
        "Readers asked for evening access for years. The council found the money in the "
        "culture budget.\n",
        "The central bank raised interest rates by half a point on Wednesday. It was the third "
        "increase this year as inflation stayed above target. Mortgage holders will pay more "
        "from next month. Economists expect one more rise before winter. The currency gained "
        "against the dollar after the announcement.\n",
        /* the first three sentences of doc 1, as a wire copy cut for length */
        "The central bank raised interest rates by half a point on Wednesday. It was the third "
        "increase this year as inflation stayed above target. Mortgage holders will pay more "
        "from next month.\n",
    };
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new("english", NULL, &ctx, NULL), NF_OK);
    nf_cluster *c = analyzed(ctx, docs, 3);
    assert_int_equal(c->ndup_pairs, 1);
    assert_int_equal(nf_cluster_dup_doc_count(c), 1);
    size_t a = 9, b = 9;
    double sim = 0;
    assert_int_equal(nf_cluster_dup_doc(c, 0, &a, &b, &sim), NF_OK);
    assert_int_equal(a, 1);
    assert_int_equal(b, 2);
    assert_true(sim > 0.99 && sim <= 1.0 + 1e-6); /* all of doc 2 is in doc 1 */
    assert_int_equal(nf_cluster_dup_doc(c, 1, &a, &b, &sim), NF_EINVAL);
    /* every sentence of the copy is a duplicate of its original */
    for (size_t i = c->docs[2].first_sent; i < c->docs[2].first_sent + c->docs[2].nsents; i++) {
        assert_true(c->sents[i].flags & NF__S_DUP);
        assert_int_equal(c->sents[c->sents[i].dup_of].doc, 1);
    }
    nf_cluster_free(c);
    nf_ctx_free(ctx);
}

/* "#docs N" and "stem<TAB>df" lines for the given words' stems. */
static void bg_table(nf_ctx *ctx, char *out, size_t cap, int docs, const char *const *words,
                     const int *df, size_t n)
{
    int k = snprintf(out, cap, "# background table for the test\n#docs %d\n", docs);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = nf__tokenizer_stem_str(ctx->tok, gid_of(ctx, words[i]), &len);
        k += snprintf(out + k, cap - (size_t)k, "%.*s\t%d\r\n", (int)len, s, df[i]);
    }
    assert_true((size_t)k < cap);
}

static void background_idf_changes_idf(void **state)
{
    (void)state;
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new("english", NULL, &ctx, NULL), NF_OK);
    nf_cluster *c = analyzed(ctx, flood_docs, 3);
    double flood0 = idf_of(ctx, c, "flood"), cattle0 = idf_of(ctx, c, "cattle");
    assert_true(flood0 < cattle0);
    nf_cluster_free(c);

    /* a corpus where floods are rare and cattle common reverses the order */
    static const char *const words[] = {"flood", "cattle", "the"};
    static const int df[] = {2, 900, 1000};
    char table[512];
    bg_table(ctx, table, sizeof table, 1000, words, df, 3);
    nf_error err;
    assert_int_equal(nf_ctx_load_idf(ctx, table, strlen(table), &err), NF_OK);
    c = analyzed(ctx, flood_docs, 3);
    double flood = idf_of(ctx, c, "flood"), cattle = idf_of(ctx, c, "cattle"),
           bridge = idf_of(ctx, c, "bridge");
    assert_true(flood > cattle);
    assert_true(fabs(flood - (log(1001.0 / 3.0) + 1.0)) < 1e-9);
    assert_true(fabs(cattle - (log(1001.0 / 901.0) + 1.0)) < 1e-9);
    /* a stem the table does not know counts as df 0: the rarest */
    assert_true(fabs(bridge - (log(1001.0 / 1.0) + 1.0)) < 1e-9);
    nf_cluster_free(c);

    /* a bad table is refused and the loaded one stays */
    static const char nohdr[] = "flood\t3\n";
    assert_int_equal(nf_ctx_load_idf(ctx, nohdr, strlen(nohdr), &err), NF_EINVAL);
    static const char notab[] = "#docs 10\nflood 3\n";
    assert_int_equal(nf_ctx_load_idf(ctx, notab, strlen(notab), &err), NF_EINVAL);
    assert_int_equal(err.line, 2);
    assert_true(ctx->bg_docs == 1000.0);
    c = analyzed(ctx, flood_docs, 3);
    assert_true(fabs(idf_of(ctx, c, "flood") - flood) < 1e-12);
    nf_cluster_free(c);
    nf_ctx_free(ctx);
}

typedef struct bg_ent {
    const char *s;
    size_t n;
    uint32_t df;
} bg_ent;

static int cmp_ent(const void *x, const void *y)
{
    const bg_ent *a = x, *b = y;
    size_t m = a->n < b->n ? a->n : b->n;
    int r = memcmp(a->s, b->s, m);
    return r ? r : (a->n > b->n) - (a->n < b->n);
}

/* The ctx's background table written back in the builder's format (sorted by stem bytes). */
static char *dump_bg(const nf_ctx *ctx, size_t *len)
{
    size_t n = nf__intern_count(ctx->bg_terms);
    bg_ent *e = calloc(n ? n : 1, sizeof *e);
    size_t cap = 64;
    for (size_t i = 0; i < n; i++) {
        e[i].s = nf__intern_str(ctx->bg_terms, (uint32_t)i, &e[i].n);
        e[i].df = ctx->bg_df[i];
        cap += e[i].n + 16;
    }
    qsort(e, n, sizeof *e, cmp_ent);
    char *out = malloc(cap);
    size_t k = (size_t)snprintf(out, cap, "#docs %.0f\n", ctx->bg_docs);
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(out + k, cap - k, "%.*s\t%u\n", (int)e[i].n, e[i].s, e[i].df);
    free(e);
    *len = k;
    return out;
}

static void idf_builder_round_trips(void **state)
{
    (void)state;
    static const char *const corpus[] = {
        "Flood waters rose in the valley.",
        "The flood destroyed a bridge; floods are common here.",
        "Farmers sold cattle at the market.",
        "A new bridge will open after the flood season. Café owners cheered.",
    };
    nf_ctx *ctx = NULL, *ctx2 = NULL;
    assert_int_equal(nf_ctx_new("english", NULL, &ctx, NULL), NF_OK);
    assert_int_equal(nf_ctx_new("english", NULL, &ctx2, NULL), NF_OK);
    nf_idf_builder *b = NULL;
    assert_int_equal(nf_idf_builder_new(ctx, &b), NF_OK);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(nf_idf_builder_add(b, corpus[i], strlen(corpus[i]), NULL), NF_OK);
    assert_int_equal(nf_idf_builder_docs(b), 4);
    /* invalid UTF-8 is refused and not counted */
    nf_error err;
    assert_int_equal(nf_idf_builder_add(b, "bad \xFF byte", 10, &err), NF_EUTF8);
    assert_int_equal(err.byte_pos, 4);
    assert_int_equal(nf_idf_builder_docs(b), 4);

    char *all = NULL, *common = NULL;
    size_t alen = 0, clen = 0;
    assert_int_equal(nf_idf_builder_write(b, 1, &all, &alen, NULL), NF_OK);
    assert_int_equal(nf_idf_builder_write(b, 2, &common, &clen, NULL), NF_OK);
    assert_int_equal(strlen(all), alen);
    assert_true(alen > 6 && memcmp(all, "#docs 4\n", 8) == 0);
    assert_non_null(strstr(all, "\nflood\t3\n"));
    assert_non_null(strstr(all, "\nbridg\t2\n"));
    assert_non_null(strstr(all, "\ncattl\t1\n"));
    assert_non_null(strstr(all, "\ncafé\t1\n"));
    assert_non_null(strstr(common, "\nflood\t3\n"));
    assert_null(strstr(common, "\ncattl\t"));
    /* lines are sorted by stem bytes */
    const char *prev = NULL;
    size_t prevn = 0;
    for (const char *p = strchr(all, '\n') + 1; *p;) {
        const char *tab = strchr(p, '\t'), *nl = strchr(p, '\n');
        assert_non_null(tab);
        assert_non_null(nl);
        size_t n = (size_t)(tab - p);
        if (prev) {
            size_t m = n < prevn ? n : prevn;
            int r = memcmp(prev, p, m);
            assert_true(r < 0 || (r == 0 && prevn < n));
        }
        prev = p;
        prevn = n;
        p = nl + 1;
    }

    /* load and write back: the same bytes */
    assert_int_equal(nf_ctx_load_idf(ctx2, all, alen, NULL), NF_OK);
    size_t dlen = 0;
    char *back = dump_bg(ctx2, &dlen);
    assert_int_equal(dlen, alen);
    assert_memory_equal(back, all, alen);
    free(back);

    /* and the loaded table drives idf */
    nf_cluster *c = analyzed(ctx2, flood_docs, 3);
    assert_true(fabs(idf_of(ctx2, c, "flood") - (log(5.0 / 4.0) + 1.0)) < 1e-9);
    assert_true(fabs(idf_of(ctx2, c, "cattle") - (log(5.0 / 2.0) + 1.0)) < 1e-9);
    nf_cluster_free(c);

    nf_idf_string_free(b, all);
    nf_idf_string_free(b, common);
    nf_idf_builder_free(b);
    nf_idf_builder_free(NULL);
    nf_ctx_free(ctx);
    nf_ctx_free(ctx2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(idf_is_higher_for_rarer_terms),
        cmocka_unit_test(cosine_bounds),
        cmocka_unit_test(near_duplicate_sentences),
        cmocka_unit_test(vectors_added_on_demand),
        cmocka_unit_test(truncated_document_copy_is_a_duplicate_pair),
        cmocka_unit_test(background_idf_changes_idf),
        cmocka_unit_test(idf_builder_round_trips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
