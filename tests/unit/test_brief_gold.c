/* test_brief_gold.c - the story brief against the hand-written gold briefs of the invented
 * clusters (tests/fixtures/gold/*.json; format in tests/fixtures/README.md). Prints precision,
 * recall and F1 per cluster and holds each cluster's minimums (figures, quote attribution = text +
 * speaker, conflicts) and the near-duplicate pairs found. The four clean-newswire clusters hold
 * the targets (0.9, 0.9, 0.8); plant-blast, in lowercased web style, holds a regression guard. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct gold_case {
    const char *name, *dir, *gold;
    double fig_min, quote_min, conf_min;
} gold_case;

static const gold_case cases[] = {
    {"harbor-fire", NF_SOURCE_DIR "/examples/harbor-fire",
     NF_SOURCE_DIR "/tests/fixtures/gold/harbor-fire.json", 0.9, 0.9, 0.8},
    {"flood", NF_SOURCE_DIR "/tests/fixtures/clusters/flood",
     NF_SOURCE_DIR "/tests/fixtures/gold/flood.json", 0.9, 0.9, 0.8},
    {"election", NF_SOURCE_DIR "/tests/fixtures/clusters/election",
     NF_SOURCE_DIR "/tests/fixtures/gold/election.json", 0.9, 0.9, 0.8},
    {"quake", NF_SOURCE_DIR "/tests/fixtures/clusters/quake",
     NF_SOURCE_DIR "/tests/fixtures/gold/quake.json", 0.9, 0.9, 0.8},
    /* Web style (lowercased, split punctuation). Not the targets: a regression guard set at what
     * the build of 2026-12-05 scored minus a small margin (figures 1.000, conflicts 1.000,
     * quotes 1.000). Raise these when the brief improves. */
    {"plant-blast", NF_SOURCE_DIR "/tests/fixtures/clusters/plant-blast",
     NF_SOURCE_DIR "/tests/fixtures/gold/plant-blast.json", 0.95, 0.95, 0.95},
};

static void score_case(const gold_case *gc, nf_brief_score *sc)
{
    nf_ctx *ctx;
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
    nf_cluster *c = tu_cluster_from_dir(gc->dir);
    assert_non_null(c);
    nf_brief *b;
    nf_error err;
    assert_int_equal(nf_brief_build(ctx, c, NULL, &b, &err), NF_OK);
    size_t n;
    char *gold = tu_read_file(gc->gold, &n);
    assert_non_null(gold);
    assert_int_equal(nf_brief_score_gold(b, gold, n, sc, &err), NF_OK);
    printf("%-12s figures F1=%.3f (P=%.3f R=%.3f)  conflicts F1=%.3f (P=%.3f R=%.3f)  "
           "quotes F1=%.3f (P=%.3f R=%.3f)  attribution %.3f\n",
           gc->name, sc->figures.f, sc->figures.p, sc->figures.r, sc->conflicts.f, sc->conflicts.p,
           sc->conflicts.r, sc->quotes.f, sc->quotes.p, sc->quotes.r, sc->attribution_accuracy);
    free(gold);
    nf_brief_free(b);
    nf_cluster_free(c);
    nf_ctx_free(ctx);
}

static void gold_targets(void **state)
{
    (void)state;
    double sum_fig = 0, sum_conf = 0, sum_q = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        nf_brief_score sc;
        score_case(&cases[i], &sc);
        sum_fig += sc.figures.f;
        sum_conf += sc.conflicts.f;
        sum_q += sc.quotes.f;
        const gold_case *gc = &cases[i];
        if (sc.figures.f < gc->fig_min)
            fail_msg("%s: figures F1 %.3f < %.2f", gc->name, sc.figures.f, gc->fig_min);
        if (sc.quotes.f < gc->quote_min)
            fail_msg("%s: quotes F1 %.3f < %.2f", gc->name, sc.quotes.f, gc->quote_min);
        if (sc.conflicts.f < gc->conf_min)
            fail_msg("%s: conflicts F1 %.3f < %.2f", gc->name, sc.conflicts.f, gc->conf_min);
        assert_true(sc.near_duplicates.f == 1.0);
    }
    double k = (double)(sizeof cases / sizeof *cases);
    printf("%-12s figures F1=%.3f  conflicts F1=%.3f  quotes F1=%.3f\n", "mean", sum_fig / k,
           sum_conf / k, sum_q / k);
}

/* The scorer itself: a perfect match, an empty brief and bad gold. */
static void scorer(void **state)
{
    (void)state;
    nf_ctx *ctx;
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
    nf_cluster *c;
    assert_int_equal(nf_cluster_new(NULL, &c), NF_OK);
    const char *t =
        "Officials said 12 people were killed. \"We are heartbroken for every family,\" said "
        "Mayor Lin Vo.\n";
    assert_int_equal(nf_cluster_add_text(c, t, strlen(t), NULL, NULL), NF_OK);
    nf_brief *b;
    assert_int_equal(nf_brief_build(ctx, c, NULL, &b, NULL), NF_OK);
    const char *g1 =
        "{\"figures\":[{\"value\":12,\"value_max\":null,\"docs\":[0]}],\"conflicts\":[],"
        "\"quotes\":[{\"speaker\":\"Lin Vo\",\"text\":\"We are heartbroken for every family\","
        "\"docs\":[0]}],"
        "\"near_duplicates\":[]}";
    nf_brief_score sc;
    assert_int_equal(nf_brief_score_gold(b, g1, strlen(g1), &sc, NULL), NF_OK);
    assert_true(sc.figures.f == 1.0 && sc.quotes.f == 1.0 && sc.conflicts.f == 1.0);
    /* a wrong speaker fails the attribution score but not the text score */
    const char *g2 =
        "{\"figures\":[{\"value\":13,\"docs\":[0]}],\"conflicts\":[{\"values\":[1,2]}],"
        "\"quotes\":[{\"speaker\":\"Ada Moe\",\"text\":\"We are heartbroken\",\"docs\":[0]}]}";
    assert_int_equal(nf_brief_score_gold(b, g2, strlen(g2), &sc, NULL), NF_OK);
    assert_true(sc.figures.f == 0 && sc.quotes.f == 0 && sc.quote_text.f == 1.0);
    assert_true(sc.conflicts.r == 0);
    assert_int_equal(nf_brief_score_gold(b, "{oops", 5, &sc, NULL), NF_EJSON);
    nf_brief_free(b);
    nf_cluster_free(c);
    nf_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scorer),
        cmocka_unit_test(gold_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
