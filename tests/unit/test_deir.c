/* test_deir.c - the reference cluster in ../shared/examples/deir-ez-zor (skipped when absent):
 * at most 100 words of whole sentences, no boilerplate, no near-duplicate pair, spans round-trip to
 * the files. Every algorithm is checked. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEIR NF_SHARED_DIR "/examples/deir-ez-zor"

static const char *const boiler[] = {
    "IE 11", "Image:", "Related:", "Story highlights", "Getty Images", "optimal experience",
    "(CNN)"};

/* word 3-shingle Jaccard over lowercase ASCII words */
static double jaccard3(const char *a, size_t an, const char *b, size_t bn)
{
    char wa[256][32], wb[256][32];
    size_t na = 0, nb = 0;
    const char *src[2] = {a, b};
    size_t len[2] = {an, bn};
    for (int s = 0; s < 2; s++) {
        char(*w)[32] = s ? wb : wa;
        size_t *n = s ? &nb : &na, k = 0;
        for (size_t i = 0; i <= len[s] && *n < 256; i++) {
            char ch = i < len[s] ? src[s][i] : ' ';
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) {
                if (k < 31) w[*n][k++] = (char)(ch | 0x20);
            } else if (k) {
                w[*n][k] = '\0';
                (*n)++;
                k = 0;
            }
        }
    }
    if (na < 3 || nb < 3) return 0;
    size_t shared = 0;
    for (size_t i = 0; i + 2 < na; i++)
        for (size_t j = 0; j + 2 < nb; j++)
            if (!strcmp(wa[i], wb[j]) && !strcmp(wa[i + 1], wb[j + 1]) &&
                !strcmp(wa[i + 2], wb[j + 2])) {
                shared++;
                break;
            }
    return (double)shared / (double)((na - 2) + (nb - 2) - shared);
}

static void check_algo(nf_ctx *ctx, nf_cluster *c, nf_algo algo)
{
    nf_options o;
    nf_options_init(&o);
    o.algo = algo;
    o.budget = 100;
    nf_summary *s = NULL;
    nf_error err;
    assert_int_equal(nf_summarize(ctx, c, &o, &s, &err), NF_OK);
    size_t n = nf_summary_count(s), words = 0;
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++) {
        const nf_sentence *t = nf_summary_get(s, i);
        words += nf_count_words(t->text, t->len);
        assert_false(t->truncated);
        for (size_t b = 0; b < sizeof boiler / sizeof *boiler; b++) {
            char *dup = strndup(t->text, t->len);
            if (strstr(dup, boiler[b]))
                fail_msg("%s: boilerplate '%s' in: %s", nf_algo_name(algo), boiler[b], dup);
            free(dup);
        }
        for (size_t j = 0; j < i; j++) {
            const nf_sentence *u = nf_summary_get(s, j);
            double jac = jaccard3(t->text, t->len, u->text, u->len);
            if (jac >= 0.5)
                fail_msg("%s: near-duplicate pair (%.2f): %.*s | %.*s", nf_algo_name(algo), jac,
                         (int)t->len, t->text, (int)u->len, u->text);
        }
    }
    assert_true(words <= 100);
    assert_true(words >= 60); /* the fill step uses the room */

    /* JSON spans round-trip to the files on disk */
    char *js;
    size_t jn;
    assert_int_equal(nf_render(c, s, &o, NF_FORMAT_JSON, &js, &jn, &err), NF_OK);
    json_error_t je;
    json_t *root = json_loadb(js, jn, 0, &je);
    assert_non_null(root);
    json_t *docs = json_object_get(root, "documents"), *sents = json_object_get(root, "sentences");
    assert_int_equal(json_array_size(sents), n);
    size_t i;
    json_t *x;
    json_array_foreach(sents, i, x)
    {
        size_t d = (size_t)json_integer_value(json_object_get(x, "doc"));
        size_t a = (size_t)json_integer_value(json_object_get(x, "start"));
        size_t e = (size_t)json_integer_value(json_object_get(x, "end"));
        const char *name = json_string_value(json_object_get(json_array_get(docs, d), "id"));
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", DEIR, name);
        size_t flen;
        char *file = tu_read_file(path, &flen);
        assert_non_null(file);
        assert_true(e <= flen && a < e);
        const char *txt = json_string_value(json_object_get(x, "text"));
        assert_int_equal(strlen(txt), e - a);
        assert_memory_equal(file + a, txt, e - a);
        free(file);
    }
    json_decref(root);
    nf_string_free(c, js);
    nf_summary_free(s);
}

static void deir_all_algorithms(void **state)
{
    (void)state;
    nf_cluster *c = tu_cluster_from_dir(DEIR);
    assert_non_null(c);
    assert_int_equal(nf_cluster_doc_count(c), 5);
    nf_ctx *ctx;
    assert_int_equal(nf_ctx_new("english", NULL, &ctx, NULL), NF_OK);
    for (int a = 0; a < NF_ALGO__COUNT; a++) {
        nf_options o;
        nf_options_init(&o);
        o.algo = (nf_algo)a;
        nf_summary *s = NULL;
        nf_status st = nf_summarize(ctx, c, &o, &s, NULL);
        nf_summary_free(s);
        if (st == NF_EINVAL) continue; /* an algorithm that is not built in yet */
        check_algo(ctx, c, (nf_algo)a);
    }
    /* 000 is a truncated copy of 001: reported as near-duplicates */
    assert_true(nf_cluster_dup_doc_count(c) >= 1);
    size_t a, b;
    double sim;
    assert_int_equal(nf_cluster_dup_doc(c, 0, &a, &b, &sim), NF_OK);
    assert_int_equal(a, 0);
    assert_int_equal(b, 1);
    nf_ctx_free(ctx);
    nf_cluster_free(c);
}

int main(void)
{
    if (!tu_have_shared()) return TU_SKIP_EXIT;
    const struct CMUnitTest tests[] = {cmocka_unit_test(deir_all_algorithms)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
