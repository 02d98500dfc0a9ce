/* test_patho.c - pathological inputs under a time bound: huge lines, many sentences, no
 * punctuation, many or identical documents, nested HTML, binary and broken UTF-8, a 50 MB JSON
 * line, extreme budgets. Each case must finish (OK or a clean error) within its bound, and cost
 * must grow near-linearly: 4x the input may take at most NF_PATHO_RATIO times as long. Inputs are
 * generated here (tests/patho/README.md lists them), so the repo holds no large files. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Generous bounds: they catch hangs and quadratic blow-ups, not slowness. Sanitizer builds run
 * several times slower, so their bound is larger. */
#if defined(__SANITIZE_ADDRESS__)
#define NF_PATHO_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NF_PATHO_ASAN 1
#endif
#endif
#ifdef NF_PATHO_ASAN
#define BOUND_S 120.0
#else
#define BOUND_S 30.0
#endif
#define NF_PATHO_RATIO 9.0

static nf_ctx *g_ctx;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef struct gen {
    char *p;
    size_t n, cap;
} gen;

static void put(gen *g, const char *s, size_t n)
{
    if (g->n + n + 1 > g->cap) {
        while (g->n + n + 1 > g->cap) g->cap = g->cap ? g->cap * 2 : 4096;
        g->p = realloc(g->p, g->cap);
        assert_non_null(g->p);
    }
    memcpy(g->p + g->n, s, n);
    g->n += n;
    g->p[g->n] = '\0';
}
static void puts_(gen *g, const char *s) { put(g, s, strlen(s)); }

static const char *const words[] = {
    "harbor", "fire",   "crews",     "said",  "the",       "mayor", "killed", "three",   "workers",
    "on",     "Monday", "officials", "union", "warehouse", "Port",  "Elling", "injured", "police"};

/* Summarize one text document with the given options; returns seconds. */
static double run_text(const char *p, size_t n, size_t budget, nf_algo algo)
{
    double t0 = now_s();
    nf_cluster *c = NULL;
    assert_int_equal(nf_cluster_new(NULL, &c), NF_OK);
    nf_status st = nf_cluster_add_text(c, p, n, NULL, NULL);
    if (st == NF_OK) {
        nf_options o;
        nf_options_init(&o);
        o.budget = budget;
        o.algo = algo;
        nf_summary *s = NULL;
        st = nf_summarize(g_ctx, c, &o, &s, NULL);
        assert_true(st == NF_OK || st == NF_EEMPTY);
        char *out = NULL;
        size_t on;
        if (s && nf_render(c, s, &o, NF_FORMAT_JSON, &out, &on, NULL) == NF_OK)
            nf_string_free(c, out);
        nf_summary_free(s);
    }
    nf_cluster_free(c);
    double dt = now_s() - t0;
    assert_true(dt < BOUND_S);
    return dt;
}

static void make_sentences(gen *g, size_t nsent, size_t words_per, const char *sep)
{
    for (size_t i = 0; i < nsent; i++) {
        for (size_t w = 0; w < words_per; w++) {
            const char *x = words[(i * 7 + w * 3) % (sizeof words / sizeof *words)];
            put(g, x, strlen(x));
            if (w + 1 < words_per) put(g, " ", 1);
        }
        char num[32];
        int k = snprintf(num, sizeof num, " %zu", i);
        put(g, num, (size_t)k);
        puts_(g, sep);
    }
}

static void ten_mb_single_line(void **state)
{
    (void)state;
    gen g = {0};
    while (g.n < (size_t)10 << 20) make_sentences(&g, 1000, 12, ". ");
    run_text(g.p, g.n, 100, NF_ALGO_AUTO);
    run_text(g.p, g.n, 100, NF_ALGO_LEXRANK);
    free(g.p);
}

static void hundred_k_one_word_sentences(void **state)
{
    (void)state;
    gen g = {0};
    for (size_t i = 0; i < 100000; i++) puts_(&g, i % 2 ? "Yes. " : "No!\n");
    run_text(g.p, g.n, 100, NF_ALGO_AUTO);
    run_text(g.p, g.n, 100, NF_ALGO_TEXTRANK);
    free(g.p);
}

static void no_punctuation_at_all(void **state)
{
    (void)state;
    gen g = {0};
    make_sentences(&g, 200000, 5, " ");
    run_text(g.p, g.n, 100, NF_ALGO_AUTO);
    free(g.p);
}

static void binary_nul_and_broken_utf8(void **state)
{
    (void)state;
    gen g = {0};
    for (int i = 0; i < 20000; i++) {
        puts_(
            &g,
            "The mayor said\xC0\xAF the \xE0\x80\xAF fire \xED\xA0\x80 was out \xF4\x90\x80\x80 ");
        put(&g, "\0", 1);
        puts_(&g, "today. \xFF\xFE");
    }
    run_text(g.p, g.n, 100, NF_ALGO_AUTO);
    char bin[70000];
    for (size_t i = 0; i < sizeof bin; i++) bin[i] = (char)(i * 131 + 7);
    nf_cluster *c = NULL;
    nf_cluster_new(NULL, &c);
    assert_int_equal(nf_cluster_add_text(c, bin, sizeof bin, NULL, NULL), NF_EBINARY);
    nf_cluster_free(c);
    free(g.p);
}

static void rtl_and_combining_marks(void **state)
{
    (void)state;
    gen g = {0};
    for (int i = 0; i < 5000; i++) {
        puts_(&g, "\xD9\x82\xD8\xA7\xD9\x84 "
                  "\xD8\xA7\xD9\x84\xD9\x85\xD8\xB3\xD8\xA4\xD9\x88\xD9\x84 ");    /* Arabic */
        puts_(&g, "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D. ");                           /* Hebrew */
        puts_(&g, "e\xCC\x81\xCC\x81\xCC\x81\xCC\x81 cafe\xCC\x81 na\xCC\x83o. "); /* combining */
    }
    run_text(g.p, g.n, 50, NF_ALGO_AUTO);
    free(g.p);
}

static void many_and_identical_documents(void **state)
{
    (void)state;
    const char *doc = "Crews fought the harbor fire for six hours on Monday night, officials said.";
    double t0 = now_s();
    for (int pass = 0; pass < 2; pass++) {
        nf_cluster *c = NULL;
        assert_int_equal(nf_cluster_new(NULL, &c), NF_OK);
        size_t ndocs = pass ? 1000 : 10000;
        char buf[256];
        for (size_t i = 0; i < ndocs; i++) {
            /* pass 0: 10k different one-sentence documents; pass 1: 1,000 identical ones */
            int k = pass ? snprintf(buf, sizeof buf, "%s", doc)
                         : snprintf(buf, sizeof buf, "Report %zu says %s crews worked %zu hours.",
                                    i, words[i % 18], i % 97);
            assert_int_equal(nf_cluster_add_text(c, buf, (size_t)k, NULL, NULL), NF_OK);
        }
        nf_options o;
        nf_options_init(&o);
        nf_summary *s = NULL;
        assert_int_equal(nf_summarize(g_ctx, c, &o, &s, NULL), NF_OK);
        if (pass) assert_int_equal(nf_summary_count(s), 1); /* one copy, never repeated */
        nf_summary_free(s);
        nf_cluster_free(c);
    }
    assert_true(now_s() - t0 < BOUND_S);
}

static void deeply_nested_html(void **state)
{
    (void)state;
    gen g = {0};
    puts_(&g, "<html><body>");
    for (int i = 0; i < 100000; i++) puts_(&g, "<div>");
    puts_(&g, "<p>The fire at the port was put out on Tuesday, officials said.</p>");
    for (int i = 0; i < 100000; i++) puts_(&g, "</div>");
    puts_(&g, "</body></html>");
    double t0 = now_s();
    nf_cluster *c = NULL;
    nf_cluster_new(NULL, &c);
    nf_status st = nf_cluster_add_html(c, g.p, g.n, NULL, NULL);
    assert_true(st == NF_OK || st == NF_EHTML || st == NF_EEMPTY);
    nf_cluster_free(c);
    assert_true(now_s() - t0 < BOUND_S);
    free(g.p);
}

static void fifty_mb_json_line(void **state)
{
    (void)state;
    gen g = {0};
    puts_(&g, "{\"id\":\"big\",\"documents\":[\"");
    gen body = {0};
    while (body.n < (size_t)50 << 20) make_sentences(&body, 2000, 10, ". \\n\\n");
    put(&g, body.p, body.n);
    puts_(&g, "\"]}");
    double t0 = now_s();
    nf_cluster *c = NULL;
    nf_cluster_new(NULL, &c);
    assert_int_equal(nf_cluster_add_json(c, g.p, g.n, NULL), NF_OK);
    nf_options o;
    nf_options_init(&o);
    o.algo = NF_ALGO_LEAD;
    nf_summary *s = NULL;
    assert_int_equal(nf_summarize(g_ctx, c, &o, &s, NULL), NF_OK);
    nf_summary_free(s);
    nf_cluster_free(c);
    assert_true(now_s() - t0 < BOUND_S * 2);
    free(g.p);
    free(body.p);
}

static void extreme_budgets(void **state)
{
    (void)state;
    gen g = {0};
    make_sentences(&g, 3000, 9, ". ");
    for (int a = 0; a < NF_ALGO__COUNT; a++) {
        run_text(g.p, g.n, 0, (nf_algo)a);
        run_text(g.p, g.n, 1000000000, (nf_algo)a);
    }
    free(g.p);
}

/* 1x and 4x the same kind of input: the time ratio must stay near 4 (linear), far from 16. */
static void cost_is_near_linear(void **state)
{
    (void)state;
    double best[2] = {1e9, 1e9};
    for (int rep = 0; rep < 3; rep++)
        for (int k = 0; k < 2; k++) {
            gen g = {0};
            make_sentences(&g, k ? 40000 : 10000, 11, k % 2 ? ".\n" : ".\n");
            double t = run_text(g.p, g.n, 250, NF_ALGO_AUTO);
            if (t < best[k]) best[k] = t;
            free(g.p);
        }
    double ratio = best[1] / (best[0] > 1e-4 ? best[0] : 1e-4);
    print_message("1x %.3f s, 4x %.3f s, ratio %.2f\n", best[0], best[1], ratio);
    assert_true(ratio < NF_PATHO_RATIO);
}

int main(void)
{
    if (nf_ctx_new("english", NULL, &g_ctx, NULL) != NF_OK) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ten_mb_single_line),      cmocka_unit_test(hundred_k_one_word_sentences),
        cmocka_unit_test(no_punctuation_at_all),   cmocka_unit_test(binary_nul_and_broken_utf8),
        cmocka_unit_test(rtl_and_combining_marks), cmocka_unit_test(many_and_identical_documents),
        cmocka_unit_test(deeply_nested_html),      cmocka_unit_test(fifty_mb_json_line),
        cmocka_unit_test(extreme_budgets),         cmocka_unit_test(cost_is_near_linear),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    nf_ctx_free(g_ctx);
    return rc;
}
