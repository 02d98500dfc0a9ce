/* test_news_default.c - the default summary on a deadly event whose cluster holds a copied report:
 * at 100 words it states the death toll with who gives it, and it takes at most one sentence from
 * a near-duplicate pair of documents (the copy adds no evidence, though it may supply a sentence).
 * The invented cluster tests/fixtures/clusters/ferry (000 is 001 cut after five paragraphs) runs
 * everywhere; the seed cluster ../shared/examples/deir-ez-zor (000 is a truncated copy of 001)
 * when ../shared is present. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FERRY NF_SOURCE_DIR "/tests/fixtures/clusters/ferry"
#define DEIR  NF_SHARED_DIR "/examples/deir-ez-zor"

static bool has(const nf_sentence *t, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i + n <= t->len; i++)
        if (memcmp(t->text + i, word, n) == 0) return true;
    return false;
}

/* Summarize c with the defaults at 100 words; check that one sentence holds the toll, a death
 * word and the source, and that no near-duplicate document pair gives more than one sentence. */
static void check_default(nf_cluster *c, const char *toll, const char *const *source, size_t nsrc)
{
    nf_ctx *ctx;
    assert_int_equal(nf_ctx_new("english", NULL, &ctx, NULL), NF_OK);
    nf_options o;
    nf_options_init(&o);
    o.budget = 100;
    nf_summary *s = NULL;
    nf_error err;
    assert_int_equal(nf_summarize(ctx, c, &o, &s, &err), NF_OK);
    size_t n = nf_summary_count(s);
    bool stated = false;
    for (size_t i = 0; i < n; i++) {
        const nf_sentence *t = nf_summary_get(s, i);
        bool death = has(t, "kill") || has(t, "died") || has(t, "dead") || has(t, "death");
        bool who = false;
        for (size_t k = 0; k < nsrc; k++) who = who || has(t, source[k]);
        stated = stated || (has(t, toll) && death && who);
    }
    if (!stated) {
        for (size_t i = 0; i < n; i++) {
            const nf_sentence *t = nf_summary_get(s, i);
            fprintf(stderr, "  [%zu] %.*s\n", t->doc, (int)t->len, t->text);
        }
        fail_msg("no sentence states the toll %s with its source", toll);
    }
    size_t npairs = nf_cluster_dup_doc_count(c);
    assert_true(npairs >= 1);
    for (size_t p = 0; p < npairs; p++) {
        size_t a, b, from = 0;
        assert_int_equal(nf_cluster_dup_doc(c, p, &a, &b, NULL), NF_OK);
        for (size_t i = 0; i < n; i++) {
            size_t d = nf_summary_get(s, i)->doc;
            from += d == a || d == b;
        }
        if (from > 1)
            fail_msg("%zu sentences from the near-duplicate documents %zu and %zu", from, a, b);
    }
    nf_summary_free(s);
    nf_ctx_free(ctx);
}

static void ferry_default(void **state)
{
    (void)state;
    nf_cluster *c = tu_cluster_from_dir(FERRY);
    assert_non_null(c);
    static const char *const src[] = {"coast guard"};
    check_default(c, "31", src, 1);
    /* the copy and its original form one group: statistics count three reports, not four */
    size_t a, b;
    assert_int_equal(nf_cluster_dup_doc(c, 0, &a, &b, NULL), NF_OK);
    assert_int_equal(a, 0);
    assert_int_equal(b, 1);
    assert_int_equal(c->ngroups, 3);
    assert_int_equal(c->doc_group[1], 0);
    assert_int_equal(c->doc_group[2], 2);
    nf_cluster_free(c);
}

static void deir_default(void **state)
{
    (void)state;
    if (!tu_have_shared()) skip();
    nf_cluster *c = tu_cluster_from_dir(DEIR);
    assert_non_null(c);
    static const char *const src[] = {"Russia", "Syrian military", "Syrian army", "monitor"};
    check_default(c, "62", src, 4);
    nf_cluster_free(c);
}

/* The lazy greedy picks exactly what the plain greedy (every gain recomputed after each pick)
 * picks, scores included: on every fixture cluster, fit and truncate, with and without a query. */
static void lazy_equals_plain(void **state)
{
    (void)state;
    static const char *const dirs[] = {NF_SOURCE_DIR "/examples/harbor-fire", FERRY,
                                       NF_SOURCE_DIR "/tests/fixtures/clusters/flood",
                                       NF_SOURCE_DIR "/tests/fixtures/clusters/quake",
                                       NF_SOURCE_DIR "/tests/fixtures/clusters/election"};
    nf_ctx *ctx;
    assert_int_equal(nf_ctx_new("english", NULL, &ctx, NULL), NF_OK);
    for (size_t d = 0; d < sizeof dirs / sizeof *dirs; d++) {
        nf_cluster *c = tu_cluster_from_dir(dirs[d]);
        assert_non_null(c);
        for (int v = 0; v < 8; v++) {
            nf_options o;
            nf_options_init(&o);
            o.budget = v & 1 ? 250 : 60;
            if (v & 2) o.flags |= NF_OPT_TRUNCATE;
            if (v & 4) {
                o.query = "how many people were killed or injured";
                o.query_len = strlen(o.query);
            }
            nf_summary *a = NULL, *b = NULL;
            assert_int_equal(nf_summarize(ctx, c, &o, &a, NULL), NF_OK);
            o.params = "lazy=0";
            assert_int_equal(nf_summarize(ctx, c, &o, &b, NULL), NF_OK);
            assert_int_equal(nf_summary_count(a), nf_summary_count(b));
            assert_true(nf_summary_count(a) > 0);
            for (size_t i = 0; i < nf_summary_count(a); i++) {
                const nf_sentence *x = nf_summary_get(a, i), *y = nf_summary_get(b, i);
                assert_int_equal(x->doc, y->doc);
                assert_int_equal(x->start, y->start);
                assert_true(x->score == y->score);
            }
            nf_summary_free(a);
            nf_summary_free(b);
        }
        nf_cluster_free(c);
    }
    nf_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(ferry_default),
                                       cmocka_unit_test(deir_default),
                                       cmocka_unit_test(lazy_equals_plain)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
