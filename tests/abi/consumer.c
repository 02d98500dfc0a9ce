/* A program that uses only the public header and links the shared library, as a user's program
 * does: every call below must resolve against libnewsfuse.so, and the size member of the option
 * structs must behave as docs/abi.md says. */
#include <newsfuse.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

static const char story[] =
    "The river Vell rose two metres overnight and flooded the lower town of Brask on Sunday. "
    "Rescue teams moved 300 residents to the school gym before dawn, the mayor said. "
    "Power was cut in four streets while engineers checked the pumping station.";

static nf_cluster *one_doc(void)
{
    nf_cluster *c = NULL;
    assert_int_equal(nf_cluster_new(NULL, &c), NF_OK);
    assert_int_equal(nf_cluster_add_text(c, story, sizeof story - 1, NULL, NULL), NF_OK);
    return c;
}

static void test_init_sets_size(void **state)
{
    (void)state;
    nf_options o;
    memset(&o, 0xAB, sizeof o);
    nf_options_init(&o);
    assert_int_equal(o.size, sizeof o);
    assert_int_equal(o.budget, 100);
    assert_int_equal(o.min_words, 5);
    nf_rouge_options r;
    memset(&r, 0xAB, sizeof r);
    nf_rouge_options_init(&r);
    assert_int_equal(r.size, sizeof r);
    assert_int_equal(r.resamples, 1000);
}

/* Options with a valid size summarize; NULL means the defaults; a zeroed struct (never
 * initialized) and a size from a newer header are refused with NF_EINVAL and a message. */
static void test_size_checked(void **state)
{
    (void)state;
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new("english", NULL, &ctx, NULL), NF_OK);
    nf_cluster *c = one_doc();
    nf_summary *s = NULL;
    nf_error err;
    nf_options o;
    nf_options_init(&o);
    o.budget = 20;
    assert_int_equal(nf_summarize(ctx, c, &o, &s, &err), NF_OK);
    assert_true(nf_summary_count(s) >= 1);
    nf_summary_free(s);
    assert_int_equal(nf_summarize(ctx, c, NULL, &s, &err), NF_OK);
    nf_summary_free(s);

    nf_options z;
    memset(&z, 0, sizeof z);
    assert_int_equal(nf_summarize(ctx, c, &z, &s, &err), NF_EINVAL);
    assert_null(s);
    assert_non_null(strstr(err.msg, "nf_options_init"));
    assert_int_equal(nf_cluster_analyze(ctx, c, &z, &err), NF_EINVAL);

    o.size = sizeof o + 8;
    assert_int_equal(nf_summarize(ctx, c, &o, &s, &err), NF_EINVAL);
    assert_non_null(strstr(err.msg, "newer"));
    nf_cluster_free(c);
    nf_ctx_free(ctx);
}

/* init with a larger size (a caller compiled against a newer header) fills the known members,
 * zeroes the rest and never writes past size; with a smaller size it writes only that much. */
static void test_init_bounds(void **state)
{
    (void)state;
    unsigned char buf[sizeof(nf_options) + 32];
    memset(buf, 0xCD, sizeof buf);
    nf_options_init_size((nf_options *)(void *)buf, sizeof(nf_options) + 16);
    for (size_t i = sizeof(nf_options); i < sizeof(nf_options) + 16; i++)
        assert_int_equal(buf[i], 0);
    for (size_t i = sizeof(nf_options) + 16; i < sizeof buf; i++) assert_int_equal(buf[i], 0xCD);
    memset(buf, 0xCD, sizeof buf);
    size_t part = offsetof(nf_options, unit);
    nf_options_init_size((nf_options *)(void *)buf, part);
    for (size_t i = part; i < sizeof buf; i++) assert_int_equal(buf[i], 0xCD);
}

static void test_rouge_size_checked(void **state)
{
    (void)state;
    nf_rouge *r = NULL;
    nf_error err;
    nf_rouge_options o;
    nf_rouge_options_init(&o);
    o.max_n = 2;
    assert_int_equal(nf_rouge_new(&o, NULL, &r, &err), NF_OK);
    assert_int_equal(nf_rouge_metric_count(r), 3);
    nf_rouge_free(r);
    memset(&o, 0, sizeof o);
    assert_int_equal(nf_rouge_new(&o, NULL, &r, &err), NF_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.msg, "nf_rouge_options_init"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_sets_size),
        cmocka_unit_test(test_size_checked),
        cmocka_unit_test(test_init_bounds),
        cmocka_unit_test(test_rouge_size_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
