/* test_alloc_fail.c - fail the Nth allocation, for every N up to the total of a representative run
 * (several documents, JSON and text ingest, analysis, every algorithm, every renderer, the story
 * brief in every format; the context and the cluster share the failing allocator): each call
 * must return NF_OK or NF_ENOMEM, never crash, and everything allocated must be freed. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

typedef struct failing {
    long calls, fail_at; /* fail_at < 0: never fail */
    long live;           /* outstanding blocks */
    int failed;
} failing;

static void *f_alloc(void *ctx, size_t n)
{
    failing *f = ctx;
    f->calls++;
    if (f->fail_at >= 0 && f->calls == f->fail_at) {
        f->failed = 1;
        return NULL;
    }
    void *p = malloc(n ? n : 1);
    if (p) f->live++;
    return p;
}

static void f_free(void *ctx, void *p)
{
    failing *f = ctx;
    if (p) {
        f->live--;
        free(p);
    }
}

static const char *const docs[] = {
    "Harbor crews fought a fire at the grain terminal on Monday night, officials said. "
    "The fire service said three workers were hurt. \"We had it under control by dawn,\" "
    "Chief Ana Ruiz said.\n\nRelated: Earlier fires at the port\n",
    "IE 11 is not supported. For an optimal experience visit our site on another browser.\n"
    "A fire at the grain terminal injured at least five workers, the hospital said on Tuesday. "
    "The union said the sprinklers had failed. Dr. Lee said two patients were in serious "
    "condition.\n",
    "Harbor crews fought a fire at the grain terminal on Monday night, officials said. "
    "The fire service said three workers were hurt.\n",
};

static const char json_rec[] =
    "{\"id\":\"x1\",\"topic_title\":\"grain fire\",\"documents\":[{\"text\":\"The mayor visited "
    "the "
    "terminal on Wednesday and promised an inquiry into the fire. About 40 people were evacuated "
    "from nearby homes.\",\"source\":\"Port Daily\",\"date\":\"2024-03-05\"}]}";

/* One representative run; returns the first non-OK, non-ENOMEM status, or NF_OK. */
static nf_status run(const nf_allocator *al)
{
    nf_status bad = NF_OK;
    nf_ctx *ctx = NULL;
    nf_cluster *c = NULL;
    nf_status st = nf_ctx_new("english", al, &ctx, NULL);
    if (st != NF_OK) return st == NF_ENOMEM ? NF_OK : st;
    st = nf_cluster_new(al, &c);
    if (st != NF_OK) goto out;
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        nf_doc_meta m = {"d", NULL, NULL, NULL, NULL};
        st = nf_cluster_add_text(c, docs[i], strlen(docs[i]), &m, NULL);
        if (st != NF_OK) goto out;
    }
    st = nf_cluster_add_json(c, json_rec, sizeof json_rec - 1, NULL);
    if (st != NF_OK) goto out;
    for (int a = 0; a < NF_ALGO__COUNT; a++) {
        nf_options o;
        nf_options_init(&o);
        o.algo = (nf_algo)a;
        o.budget = 40;
        o.query = "fire inquiry";
        o.query_len = 12;
        if (a % 2) o.flags |= NF_OPT_TRUNCATE;
        nf_summary *s = NULL;
        st = nf_summarize(ctx, c, &o, &s, NULL);
        if (st == NF_EINVAL) { /* an algorithm that is not built in yet */
            st = NF_OK;
            continue;
        }
        if (st != NF_OK) goto out;
        for (int f = 0; f <= NF_FORMAT_SPL; f++) {
            char *txt = NULL;
            size_t n;
            st = nf_render(c, s, &o, (nf_format)f, &txt, &n, NULL);
            nf_string_free(c, txt);
            if (st != NF_OK) break;
        }
        nf_summary_free(s);
        if (st != NF_OK) goto out;
    }
    /* the story brief on the same cluster and context (its word tables are built here, through
     * the context's allocator), rendered in every format */
    nf_brief *b = NULL;
    st = nf_brief_build(ctx, c, NULL, &b, NULL);
    if (st != NF_OK) goto out;
    for (int f = 0; f <= NF_FORMAT_HTML && st == NF_OK; f++) {
        char *txt = NULL;
        size_t n;
        st = nf_brief_render(c, b, NULL, (nf_format)f, &txt, &n, NULL);
        nf_string_free(c, txt);
    }
    nf_brief_free(b);
out:
    if (st != NF_OK && st != NF_ENOMEM) bad = st;
    nf_cluster_free(c);
    nf_ctx_free(ctx);
    return bad;
}

static void every_allocation_can_fail(void **state)
{
    (void)state;
    failing f = {0, -1, 0, 0};
    nf_allocator al = {f_alloc, f_free, &f};
    assert_int_equal(run(&al), NF_OK);
    assert_int_equal(f.live, 0);
    long total = f.calls;
    assert_true(total > 10);
    for (long n = 1; n <= total; n++) {
        failing g = {0, n, 0, 0};
        nf_allocator al2 = {f_alloc, f_free, &g};
        nf_status st = run(&al2);
        if (st != NF_OK) fail_msg("failing allocation %ld of %ld gave status %d", n, total, st);
        if (g.live != 0)
            fail_msg("failing allocation %ld of %ld leaked %ld blocks", n, total, g.live);
    }
    print_message("checked %ld allocation failure points\n", total);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(every_allocation_can_fail)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
