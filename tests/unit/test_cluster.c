/* test_cluster.c - story clustering (src/cluster): one article at a time through the API gives the
 * same output as `newsfuse cluster` on the whole file (with and without a window); the invented
 * stream of tests/fixtures/stream is grouped as its "gold" labels say; near-copies, scripts
 * without spaces, the window's memory bound, bad articles, NULL arguments and allocation
 * failures. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include "cluster/cluster.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FEED NF_SOURCE_DIR "/tests/fixtures/stream/feed.jsonl"

typedef struct lines {
    char **v;
    size_t n;
} lines;

static void lines_add(lines *l, const char *s)
{
    l->v = realloc(l->v, (l->n + 1) * sizeof *l->v);
    assert_non_null(l->v);
    l->v[l->n] = strdup(s);
    assert_non_null(l->v[l->n]);
    l->n++;
}

static void lines_free(lines *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static nf_ctx *ctx_new(void)
{
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new("english", NULL, &ctx, NULL), NF_OK);
    return ctx;
}

/* The line `newsfuse cluster` prints for an assignment. */
static void format_line(const nf_assignment *a, char *out, size_t cap)
{
    if (a->dup_of >= 0)
        snprintf(out, cap, "{\"id\":\"%s\",\"story\":%zu,\"duplicate_of\":\"%s\"}", a->id, a->story,
                 a->dup_of_id);
    else
        snprintf(out, cap, "{\"id\":\"%s\",\"story\":%zu}", a->id, a->story);
}

/* Feed the fixture one line at a time, popping stories after each article as a stream reader
 * would; the lines the CLI would print. */
static void feed_api(const nf_clusterer_options *o, lines *out)
{
    nf_ctx *ctx = ctx_new();
    nf_clusterer *k = NULL;
    assert_int_equal(nf_clusterer_new(ctx, o, NULL, &k, NULL), NF_OK);
    FILE *f = fopen(FEED, "rb");
    assert_non_null(f);
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&buf, &cap, f)) > 0) {
        nf_assignment a;
        nf_error err;
        assert_int_equal(nf_clusterer_add_json(k, buf, (size_t)n, &a, &err), NF_OK);
        char line[512];
        format_line(&a, line, sizeof line);
        lines_add(out, line);
        nf_story *s;
        while (nf_clusterer_pop(k, &s) == NF_OK && s) nf_story_free(s);
    }
    free(buf);
    fclose(f);
    nf_clusterer_free(k);
    nf_ctx_free(ctx);
}

static void run_cli(const char *args, lines *out)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s cluster %s %s 2>/dev/null", NF_CLI, args, FEED);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&buf, &cap, p)) > 0) {
        if (buf[n - 1] == '\n') buf[n - 1] = '\0';
        lines_add(out, buf);
    }
    free(buf);
    assert_int_equal(pclose(p), 0);
}

static void compare(const lines *a, const lines *b)
{
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) assert_string_equal(a->v[i], b->v[i]);
}

static void test_incremental_equals_file(void **state)
{
    (void)state;
    nf_clusterer_options o;
    nf_clusterer_options_init(&o);
    o.flags = NF_CLUSTER_KEEP_STORIES;
    lines api = {0}, cli = {0};
    feed_api(&o, &api);
    run_cli("", &cli);
    assert_int_equal(api.n, 20);
    compare(&api, &cli);
    lines_free(&api);
    lines_free(&cli);
    /* with a window that closes stories mid-stream */
    o.window_seconds = 2 * 86400;
    feed_api(&o, &api);
    run_cli("--window 2d --stories /dev/null -o -", &cli);
    compare(&api, &cli);
    lines_free(&api);
    lines_free(&cli);
}

/* The invented stream: articles share a story exactly when their "gold" labels agree. */
static void test_fixture_stories(void **state)
{
    (void)state;
    size_t len;
    char *all = tu_read_file(FEED, &len);
    assert_non_null(all);
    nf_ctx *ctx = ctx_new();
    nf_clusterer *k = NULL;
    assert_int_equal(nf_clusterer_new(ctx, NULL, NULL, &k, NULL), NF_OK);
    char gold[32][8];
    size_t story[32], n = 0;
    for (char *p = all, *nl; (nl = strchr(p, '\n')); p = nl + 1) {
        json_t *j = json_loadb(p, (size_t)(nl - p), 0, NULL);
        assert_non_null(j);
        snprintf(gold[n], sizeof gold[n], "%s", json_string_value(json_object_get(j, "gold")));
        json_decref(j);
        nf_assignment a;
        assert_int_equal(nf_clusterer_add_json(k, p, (size_t)(nl - p), &a, NULL), NF_OK);
        assert_int_equal(a.article, n);
        if (strcmp(a.id, "crane-copy") == 0) {
            assert_int_equal(a.dup_of, 0);
            assert_string_equal(a.dup_of_id, "crane-1");
        } else {
            assert_true(a.dup_of < 0);
        }
        story[n++] = a.story;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if ((strcmp(gold[i], gold[j]) == 0) != (story[i] == story[j]))
                fail_msg("articles %zu (%s) and %zu (%s): stories %zu and %zu", i, gold[i], j,
                         gold[j], story[i], story[j]);
    nf_clusterer_free(k);
    nf_ctx_free(ctx);
    free(all);
}

static size_t add_text(nf_clusterer *k, const char *id, const char *text)
{
    nf_doc_meta m = {id, NULL, NULL, NULL, NULL};
    nf_assignment a;
    assert_int_equal(nf_clusterer_add(k, text, strlen(text), &m, &a, NULL), NF_OK);
    return a.story;
}

/* Thai and Chinese text: n-gram features, so reports of one event meet and others do not. */
static void test_spaceless_scripts(void **state)
{
    (void)state;
    static const char th1[] = "ฝนตกหนักทำให้เกิดน้ำท่วมในเมืองสายธารเมื่อคืนนี้ "
                              "บ้านเรือนกว่าสองร้อยหลังได้รับความเสียหาย "
                              "เจ้าหน้าที่ดับเพลิงใช้เรือช่วยเหลือชาวบ้านสามสิบห้าคน";
    static const char th2[] = "น้ำท่วมเมืองสายธารหลังฝนตกหนัก บ้านเรือนกว่าสองร้อยหลังเสียหาย "
                              "เจ้าหน้าที่ใช้เรือช่วยชาวบ้านออกจากพื้นที่น้ำท่วม";
    static const char th3[] = "ทีมฟุตบอลเรดมัวร์ชนะการแข่งขันถ้วยแห่งชาติเป็นครั้งแรก "
                              "ผู้รักษาประตูเซฟลูกโทษได้สองครั้งในการดวลจุดโทษ";
    static const char zh1[] =
        "3月3日上午，龙溪跨江大桥正式通车。大桥全长2.4公里，历时四年建成，"
        "总投资约18亿元。市长周明远表示，大桥将把两岸通行时间从40分钟缩短到8分钟。";
    static const char zh2[] =
        "龙溪跨江大桥今天通车。这座全长2.4公里的大桥总投资约18亿元，建设用时四年。"
        "周明远市长说，通车后两岸通行时间将由40分钟缩短为8分钟。";
    static const char zh3[] = "市图书馆新馆今天开放，馆藏图书超过五十万册，市民可以免费借阅，"
                              "每周一闭馆。";
    nf_ctx *ctx = ctx_new();
    /* a Thai run is one token for the tokenizer; the clusterer sees its trigrams */
    nf__afeat af;
    memset(&af, 0, sizeof af);
    assert_int_equal(nf__afeat_build(ctx->tok, NULL, NULL, 0, th1, strlen(th1), &af), NF_OK);
    assert_true(af.n > 40);
    assert_true(af.has_sig);
    nf__afeat_free(NULL, &af);
    nf_clusterer *k = NULL;
    assert_int_equal(nf_clusterer_new(ctx, NULL, NULL, &k, NULL), NF_OK);
    size_t a = add_text(k, "th1", th1), b = add_text(k, "zh1", zh1);
    assert_int_equal(add_text(k, "th2", th2), a);
    assert_int_equal(add_text(k, "zh2", zh2), b);
    size_t c = add_text(k, "th3", th3), d = add_text(k, "zh3", zh3);
    assert_true(c != a && c != b && d != a && d != b && c != d);
    nf_clusterer_free(k);
    nf_ctx_free(ctx);
}

/* With a window, the articles kept stay bounded however long the stream, and closed stories
 * come out with their documents. */
static void test_window_bound(void **state)
{
    (void)state;
    nf_ctx *ctx = ctx_new();
    nf_clusterer_options o;
    nf_clusterer_options_init(&o);
    o.window_seconds = 86400;
    o.flags = NF_CLUSTER_KEEP_STORIES;
    nf_clusterer *k = NULL;
    assert_int_equal(nf_clusterer_new(ctx, &o, NULL, &k, NULL), NF_OK);
    size_t popped = 0, maxwin = 0, docs = 0;
    for (int i = 0; i < 600; i++) {
        char text[256], date[40], id[16];
        int ev = i / 3; /* three reports of each event, an hour apart */
        snprintf(text, sizeof text,
                 "Officials in Town%d reported event number %d involving the Company%d, "
                 "with %d people affected according to Agency%d.",
                 ev, ev, ev * 7, ev * 13 + 5, ev * 11);
        snprintf(date, sizeof date, "2026-01-%02dT%02d:00:00Z", 1 + i / 24, i % 24);
        snprintf(id, sizeof id, "a%d", i);
        nf_doc_meta m = {id, NULL, NULL, NULL, date};
        nf_assignment a;
        assert_int_equal(nf_clusterer_add(k, text, strlen(text), &m, &a, NULL), NF_OK);
        assert_int_equal(a.story, (size_t)ev);
        if (nf_clusterer_window_count(k) > maxwin) maxwin = nf_clusterer_window_count(k);
        nf_story *s;
        while (nf_clusterer_pop(k, &s) == NF_OK && s) {
            assert_int_equal(nf_story_size(s), 3);
            docs += nf_story_size(s);
            char *js;
            size_t jl;
            assert_int_equal(nf_story_json(s, &js, &jl, NULL), NF_OK);
            assert_non_null(strstr(js, "\"doc_ids\""));
            nf_story_string_free(s, js);
            nf_story_free(s);
            popped++;
        }
    }
    assert_true(maxwin <= 26);
    assert_true(popped >= 190);
    assert_int_equal(nf_clusterer_flush(k, NULL), NF_OK);
    nf_story *s;
    while (nf_clusterer_pop(k, &s) == NF_OK && s) {
        docs += nf_story_size(s);
        nf_story_free(s);
        popped++;
    }
    assert_int_equal(popped, 200);
    assert_int_equal(docs, 600);
    nf_clusterer_free(k);
    nf_ctx_free(ctx);
}

/* A count window of N: each article meets the N articles before it, no older one. */
static void test_count_window(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Firefighters in Port Elling fought a warehouse fire at the Kessler Quay terminal.",
        "The Kessler Quay warehouse fire in Port Elling was contained by firefighters.",
        "Redmoor Athletic won the National Cup final on penalties at the Grand Stadium.",
        "Port Elling firefighters contained the Kessler Quay terminal warehouse fire."};
    nf_ctx *ctx = ctx_new();
    size_t want[2][4] = {{0, 0, 1, 2}, {0, 0, 1, 0}}; /* window 1, window 2 */
    for (size_t w = 0; w < 2; w++) {
        nf_clusterer_options o;
        nf_clusterer_options_init(&o);
        o.window_articles = w + 1;
        nf_clusterer *k = NULL;
        assert_int_equal(nf_clusterer_new(ctx, &o, NULL, &k, NULL), NF_OK);
        for (size_t i = 0; i < 4; i++) {
            assert_int_equal(add_text(k, "x", texts[i]), want[w][i]);
            assert_true(nf_clusterer_window_count(k) <= w + 2);
        }
        nf_clusterer_free(k);
    }
    nf_ctx_free(ctx);
}

/* Bad articles are errors with a reason; the good ones around them are numbered on. */
static void test_bad_articles(void **state)
{
    (void)state;
    nf_ctx *ctx = ctx_new();
    nf_clusterer *k = NULL;
    assert_int_equal(nf_clusterer_new(ctx, NULL, NULL, &k, NULL), NF_OK);
    nf_assignment a;
    nf_error err;
    static const char good[] = "{\"id\":\"g\",\"text\":\"The harbour reopened on Monday.\"}";
    assert_int_equal(nf_clusterer_add_json(k, good, strlen(good), &a, &err), NF_OK);
    static const char *const bad[] = {"{not json",
                                      "{\"id\":\"x\",\"title\":\"no text\"}",
                                      "{\"id\":\"x\",\"text\":\"\\u00a0  \"}",
                                      "{\"id\":\"x\",\"text\":\"caf\xff\"}",
                                      "[1, 2]",
                                      "{\"id\":[1],\"text\":\"a b\"}"};
    static const nf_status want[] = {NF_EJSON, NF_EJSON, NF_EEMPTY, NF_EJSON, NF_EJSON, NF_EJSON};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err.msg[0] = '\0';
        assert_int_equal(nf_clusterer_add_json(k, bad[i], strlen(bad[i]), &a, &err), want[i]);
        assert_true(err.msg[0] != '\0');
    }
    size_t big = (size_t)20 << 20;
    char *huge = malloc(big + 64);
    assert_non_null(huge);
    memcpy(huge, "{\"text\":\"", 9);
    memset(huge + 9, 'a', big);
    memcpy(huge + 9 + big, "\"}", 2);
    assert_int_equal(nf_clusterer_add_json(k, huge, big + 11, &a, &err), NF_ETOOBIG);
    assert_int_equal(nf_clusterer_add(k, huge + 9, big, NULL, &a, &err), NF_ETOOBIG);
    free(huge);
    /* invalid UTF-8 in plain text is read, not refused */
    static const char raw[] =
        "Caf\xe9 owners in the harbour \xff\xfe district protested on Monday.";
    assert_int_equal(nf_clusterer_add(k, raw, sizeof raw - 1, NULL, &a, &err), NF_OK);
    assert_int_equal(a.article, 1);
    assert_int_equal(nf_clusterer_article_count(k), 2);
    nf_clusterer_free(k);
    nf_ctx_free(ctx);
}

static void test_null_and_options(void **state)
{
    (void)state;
    nf_clusterer_free(NULL);
    nf_story_free(NULL);
    nf_clusterer_options_init(NULL);
    assert_int_equal(nf_story_size(NULL), 0);
    assert_null(nf_story_text(NULL, 0, NULL));
    assert_int_equal(nf_clusterer_article_count(NULL), 0);
    nf_clusterer *k = NULL;
    assert_int_equal(nf_clusterer_new(NULL, NULL, NULL, &k, NULL), NF_EINVAL);
    nf_ctx *ctx = ctx_new();
    nf_clusterer_options o;
    nf_clusterer_options_init(&o);
    o.threshold = 0;
    nf_error err;
    assert_int_equal(nf_clusterer_new(ctx, &o, NULL, &k, &err), NF_EINVAL);
    assert_null(k);
    assert_int_equal(nf_clusterer_new(ctx, NULL, NULL, &k, NULL), NF_OK);
    assert_int_equal(nf_clusterer_add(k, NULL, 3, NULL, NULL, NULL), NF_EINVAL);
    assert_int_equal(nf_clusterer_add(k, "", 0, NULL, NULL, NULL), NF_EEMPTY);
    assert_int_equal(nf_clusterer_pop(k, NULL), NF_EINVAL);
    nf_story *s = (nf_story *)1;
    assert_int_equal(nf_clusterer_pop(k, &s), NF_OK);
    assert_null(s); /* stories are not kept without NF_CLUSTER_KEEP_STORIES */
    nf_clusterer_free(k);
    nf_ctx_free(ctx);
}

typedef struct failing {
    long calls, fail_at, live;
} failing;

/* Article times: a date, a clock time, a UTC offset; a string cut inside the offset is read
 * no further than its end (a fuzz find: "+5" at the end was read past the terminator). */
static void test_parse_time(void **state)
{
    (void)state;
    int64_t day = nf__parse_time("2024-05-01");
    assert_true(day != INT64_MIN);
    assert_true(nf__parse_time("2024-05-01T10:30:00Z") == day + 10 * 3600 + 30 * 60);
    assert_true(nf__parse_time("2024-05-01T10:30:00+02:00") == day + 8 * 3600 + 30 * 60);
    assert_true(nf__parse_time("2024-05-01 10:30-0130") == day + 12 * 3600);
    /* cut offsets: the clock time counts, the broken offset does not */
    const char *cut[] = {"2024-05-01T10:30+5", "2024-05-01T10:30+", "2024-05-01T10:30:00-1"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(cut[i]);
        char *heap = malloc(n + 1); /* exactly sized, so ASan sees a read past the end */
        assert_non_null(heap);
        memcpy(heap, cut[i], n + 1);
        assert_true(nf__parse_time(heap) == day + 10 * 3600 + 30 * 60);
        free(heap);
    }
    assert_true(nf__parse_time("not a date") == INT64_MIN);
}

static void *f_alloc(void *c, size_t n)
{
    failing *f = c;
    if (++f->calls == f->fail_at) return NULL;
    void *p = malloc(n ? n : 1);
    if (p) f->live++;
    return p;
}

static void f_free(void *c, void *p)
{
    failing *f = c;
    if (p) {
        f->live--;
        free(p);
    }
}

/* Fail each allocation of a small windowed run in turn: NF_OK or NF_ENOMEM, nothing leaked. */
static void test_alloc_failures(void **state)
{
    (void)state;
    nf_ctx *ctx = ctx_new();
    size_t len;
    char *all = tu_read_file(FEED, &len);
    assert_non_null(all);
    for (long at = 1;; at++) {
        failing f = {0, at, 0};
        nf_allocator al = {f_alloc, f_free, &f};
        nf_clusterer_options o;
        nf_clusterer_options_init(&o);
        o.window_articles = 4;
        o.flags = NF_CLUSTER_KEEP_STORIES;
        nf_clusterer *k = NULL;
        nf_status st = nf_clusterer_new(ctx, &o, &al, &k, NULL);
        int n = 0;
        for (char *p = all, *nl; st == NF_OK && n < 8 && (nl = strchr(p, '\n')); p = nl + 1, n++) {
            nf_status s2 = nf_clusterer_add_json(k, p, (size_t)(nl - p), NULL, NULL);
            assert_true(s2 == NF_OK || s2 == NF_ENOMEM);
            nf_story *s;
            while (nf_clusterer_pop(k, &s) == NF_OK && s) nf_story_free(s);
        }
        if (k) assert_int_equal(nf_clusterer_flush(k, NULL), NF_OK);
        nf_clusterer_free(k);
        assert_int_equal(f.live, 0);
        if (f.calls < at) break; /* the run no longer reaches the failure */
    }
    free(all);
    nf_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_incremental_equals_file),
        cmocka_unit_test(test_fixture_stories),
        cmocka_unit_test(test_spaceless_scripts),
        cmocka_unit_test(test_window_bound),
        cmocka_unit_test(test_count_window),
        cmocka_unit_test(test_bad_articles),
        cmocka_unit_test(test_null_and_options),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_parse_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
