/* test_segment.c - nf__segment called directly: span invariants on random and pathological
 * input, offsets inside a larger buffer, appending, allocation failure, the abbreviation table
 * and its thread-safe first use. Sentence-level expectations live in tests/spec/segment.spec. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <time.h>

#include "model.h"
#include "segment/seg.h"

/* Unicode spaces the segmenter trims, as UTF-8; ASCII spaces are checked with nf__isspace. */
static size_t space_at(const char *t, size_t i, size_t end)
{
    static const char *const uspace[] = {
        "\xC2\x85",     "\xC2\xA0",     "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82",
        "\xE2\x80\x83", "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87",
        "\xE2\x80\x88", "\xE2\x80\x89", "\xE2\x80\x8A", "\xE2\x80\x8B", "\xE2\x80\xA8",
        "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80", "\xEF\xBB\xBF"};
    if (nf__isspace((unsigned char)t[i])) return 1;
    for (size_t k = 0; k < sizeof uspace / sizeof uspace[0]; k++) {
        size_t l = strlen(uspace[k]);
        if (i + l <= end && memcmp(t + i, uspace[k], l) == 0) return l;
    }
    return 0;
}

static bool ends_with_space(const char *t, size_t a, size_t b)
{
    for (size_t l = 1; l <= 3 && l <= b - a; l++)
        if (space_at(t, b - l, b) == l) return true;
    return false;
}

/* Every span is inside [start, end), non-empty, trimmed, in order, not overlapping, on character
 * boundaries, no longer than the cap (plus one character); the bytes between spans are spaces. */
static void check_spans(const char *t, uint32_t start, uint32_t end, const nf__span *sp, size_t n)
{
    uint32_t prev = start;
    for (size_t k = 0; k < n; k++) {
        assert_true(sp[k].start >= prev);
        assert_true(sp[k].start < sp[k].end);
        assert_true(sp[k].end <= end);
        assert_true(sp[k].end - sp[k].start <= NF__SEG_MAX_BYTES + 4);
        assert_int_equal(space_at(t, sp[k].start, sp[k].end), 0);
        assert_false(ends_with_space(t, sp[k].start, sp[k].end));
        size_t len = sp[k].end - sp[k].start;
        assert_int_equal(nf__utf8_check(t + sp[k].start, len), len);
        for (size_t i = prev; i < sp[k].start;) {
            size_t l = space_at(t, i, sp[k].start);
            assert_true(l > 0); /* a non-space byte outside every sentence */
            i += l;
        }
        prev = sp[k].end;
    }
    for (size_t i = prev; i < end;) {
        size_t l = space_at(t, i, end);
        assert_true(l > 0);
        i += l;
    }
}

typedef struct result {
    nf__arena *a;
    nf__span *sp;
    size_t n, cap;
} result;

static nf_status seg(result *r, const char *t, uint32_t start, uint32_t end)
{
    if (!r->a) r->a = nf__arena_new(NULL);
    assert_non_null(r->a);
    r->n = 0;
    return nf__segment(r->a, t, start, end, &r->sp, &r->n, &r->cap);
}

static void result_free(result *r)
{
    nf__arena_free(r->a);
    memset(r, 0, sizeof *r);
}

/* ---- the first use of the table from several threads at once ---- */

static const char k_text[] =
    "Mr. Smith went to Washington, D.C. He met U.S. officials at 5 p.m. local time. "
    "\"Is it over?\" she asked. The deal, worth $4.5 million, closed on Sept. 30. Then what?";

static int thread_main(void *arg)
{
    size_t *count = arg;
    nf__arena *a = nf__arena_new(NULL);
    nf__span *sp = NULL;
    size_t n = 0, cap = 0;
    for (int r = 0; r < 50 && a; r++) {
        n = 0;
        if (nf__segment(a, k_text, 0, (uint32_t)strlen(k_text), &sp, &n, &cap) != NF_OK) break;
    }
    *count = n;
    nf__arena_free(a);
    return 0;
}

static void first_use_from_threads(void **state)
{
    (void)state;
    enum { NT = 8 };
    thrd_t th[NT];
    size_t counts[NT] = {0};
    for (int i = 0; i < NT; i++)
        assert_int_equal(thrd_create(&th[i], thread_main, &counts[i]), thrd_success);
    for (int i = 0; i < NT; i++) assert_int_equal(thrd_join(th[i], NULL), thrd_success);
    result r = {0};
    assert_int_equal(seg(&r, k_text, 0, (uint32_t)strlen(k_text)), NF_OK);
    assert_int_equal(r.n, 5);
    for (int i = 0; i < NT; i++) assert_int_equal(counts[i], r.n);
    result_free(&r);
}

/* ---- basic contracts ---- */

static void empty_and_blank_input(void **state)
{
    (void)state;
    result r = {0};
    assert_int_equal(seg(&r, "", 0, 0), NF_OK);
    assert_int_equal(r.n, 0);
    const char *blank = " \t\n \xC2\xA0 \r\n";
    assert_int_equal(seg(&r, blank, 0, (uint32_t)strlen(blank)), NF_OK);
    assert_int_equal(r.n, 0);
    /* an empty range inside non-empty text */
    assert_int_equal(seg(&r, "Hello. World.", 3, 3), NF_OK);
    assert_int_equal(r.n, 0);
    result_free(&r);
}

static void bad_arguments(void **state)
{
    (void)state;
    result r = {0};
    r.a = nf__arena_new(NULL);
    assert_int_equal(nf__segment(r.a, NULL, 0, 0, &r.sp, &r.n, &r.cap), NF_EINVAL);
    assert_int_equal(nf__segment(r.a, "abc", 2, 1, &r.sp, &r.n, &r.cap), NF_EINVAL);
    assert_int_equal(nf__segment(r.a, "abc", 0, 3, NULL, &r.n, &r.cap), NF_EINVAL);
    assert_int_equal(nf__segment(NULL, "abc", 0, 3, &r.sp, &r.n, &r.cap), NF_EINVAL);
    result_free(&r);
}

/* Offsets are into the whole text; bytes outside [start, end) are never looked at as content. */
static void offsets_inside_a_larger_buffer(void **state)
{
    (void)state;
    const char *t = "Dr. X.  The cat sat.  Dogs ran! \"Why?\" she asked.  Tail. More";
    uint32_t start = 8, end = (uint32_t)(strstr(t, "  Tail") - t);
    result r = {0};
    assert_int_equal(seg(&r, t, start, end), NF_OK);
    check_spans(t, start, end, r.sp, r.n);
    assert_int_equal(r.n, 3);
    assert_int_equal(r.sp[0].start, 8);
    assert_int_equal(r.sp[0].end, 20); /* "The cat sat." */
    assert_memory_equal(t + r.sp[1].start, "Dogs ran!", 9);
    assert_int_equal(r.sp[1].end - r.sp[1].start, 9);
    assert_memory_equal(t + r.sp[2].start, "\"Why?\" she asked.", 17);
    assert_int_equal(r.sp[2].end, end);
    result_free(&r);
}

/* The vector is shared across blocks: a call appends and keeps what was there. */
static void appends_to_the_vector(void **state)
{
    (void)state;
    const char *t = "One. Two. Three.";
    nf__arena *a = nf__arena_new(NULL);
    nf__span *sp = NULL;
    size_t n = 0, cap = 0;
    assert_int_equal(nf__segment(a, t, 0, 9, &sp, &n, &cap), NF_OK); /* "One. Two." */
    assert_int_equal(n, 2);
    for (int k = 0; k < 100; k++) assert_int_equal(nf__segment(a, t, 10, 16, &sp, &n, &cap), NF_OK);
    assert_int_equal(n, 102);
    assert_true(cap >= n);
    assert_int_equal(sp[0].start, 0);
    assert_int_equal(sp[0].end, 4);
    assert_int_equal(sp[1].start, 5);
    assert_int_equal(sp[101].start, 10);
    assert_int_equal(sp[101].end, 16);
    nf__arena_free(a);
}

static void nul_and_control_bytes_are_characters(void **state)
{
    (void)state;
    static const char t[] = "\x01Start\0 of it. Next\0sentence\x7f here.\0";
    uint32_t len = (uint32_t)(sizeof t - 1);
    result r = {0};
    assert_int_equal(seg(&r, t, 0, len), NF_OK);
    check_spans(t, 0, len, r.sp, r.n);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.sp[0].start, 0); /* \x01 is not a space */
    assert_int_equal(r.sp[1].end, len); /* the trailing NUL belongs to the sentence */
    result_free(&r);
}

/* ---- pathological input ---- */

static char *repeat(const char *unit, size_t unit_len, size_t total)
{
    char *b = malloc(total + 1);
    assert_non_null(b);
    for (size_t i = 0; i < total; i++) b[i] = unit[i % unit_len];
    b[total] = '\0';
    return b;
}

/* 10 MB without punctuation: linear, and cut into spans of at most the cap at spaces. */
static void long_block_without_punctuation(void **state)
{
    (void)state;
    size_t total = (size_t)10 << 20;
    char *t = repeat("word ", 5, total);
    result r = {0};
    clock_t c0 = clock();
    assert_int_equal(seg(&r, t, 0, (uint32_t)total), NF_OK);
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    check_spans(t, 0, (uint32_t)total, r.sp, r.n);
    assert_true(r.n >= total / NF__SEG_MAX_BYTES);
    for (size_t k = 1; k < r.n; k++) assert_true(t[r.sp[k].start - 1] == ' '); /* cut at spaces */
    assert_true(secs < 10.0); /* a quadratic scan would take hours */
    result_free(&r);
    free(t);
}

static void long_pathological_runs(void **state)
{
    (void)state;
    static const struct {
        const char *unit;
        size_t len;
    } units[] = {
        {"x", 1},        {".", 1},         {". ", 2},           {"\xE2\x80\xA6", 3},
        {"U.S. ", 5},    {"J. ", 3},       {"a. ((((", 7},      {"a.))))", 6},
        {"a. '' ", 6},   {"word.Word", 9}, {"\xE3\x80\x82", 3}, {"\"", 1},
        {"\xC2\xA0", 2}, {"\0", 1},        {"?! ", 3},          {"1. ", 3},
        {"a. \" ", 5},   {"a. `` ", 6},    {". \" ", 4},        {"x.\xE2\x80\x9D ", 6},
    };
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t total = ((size_t)1 << 20) / units[u].len * units[u].len; /* whole characters */
        char *t = repeat(units[u].unit, units[u].len, total);
        result r = {0};
        clock_t c0 = clock();
        assert_int_equal(seg(&r, t, 0, (uint32_t)total), NF_OK);
        assert_true((double)(clock() - c0) / CLOCKS_PER_SEC < 5.0);
        check_spans(t, 0, (uint32_t)total, r.sp, r.n);
        result_free(&r);
        free(t);
    }
}

/* ---- random input built from the pieces the rules care about ---- */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

static void random_input_keeps_the_invariants(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "The",
        "cat",
        "sat",
        " ",
        " ",
        " ",
        "  ",
        "\t",
        "\n",
        ".",
        ".",
        "!",
        "?",
        "...",
        "\xE2\x80\xA6",
        "\"",
        "'",
        "''",
        "``",
        "(",
        ")",
        "[",
        "]",
        "\xE2\x80\x9C",
        "\xE2\x80\x9D",
        "\xE2\x80\x99",
        "U.S.",
        "Mr.",
        "No.",
        "Inc.",
        "a.m.",
        "J.",
        "1",
        "3.5",
        "$4",
        "\xC2\xA0",
        "\xE3\x80\x82",
        "\xC3\x89tat",
        "\xC3\xA9t\xC3\xA9",
        "Sunday.Karam",
        "www.x.com",
        "\xC2\xBB",
        "\xC2\xAB",
        "\xEF\xBC\x9F",
        "\xE3\x80\x8D",
        "\xE3\x81\xA8",
        "I",
        "he",
        ":",
        ",",
        "-",
        "#",
        "\x01",
        "\0",
    };
    enum { NPIECES = sizeof pieces / sizeof pieces[0] };
    char buf[4096];
    result r = {0};
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = 0, np = 1 + rnd(300);
        for (size_t k = 0; k < np; k++) {
            const char *p = pieces[rnd(NPIECES)];
            size_t l = *p ? strlen(p) : 1; /* "\0" is one NUL byte */
            if (n + l >= sizeof buf) break;
            memcpy(buf + n, p, l);
            n += l;
        }
        uint32_t start = n ? rnd((uint32_t)n) : 0;
        while (start > 0 && ((unsigned char)buf[start] & 0xC0) == 0x80) start--;
        if (iter % 2) start = 0;
        assert_int_equal(seg(&r, buf, start, (uint32_t)n), NF_OK);
        check_spans(buf, start, (uint32_t)n, r.sp, r.n);
        /* deterministic */
        size_t n1 = r.n;
        nf__span *first = malloc((n1 ? n1 : 1) * sizeof *first);
        assert_non_null(first);
        memcpy(first, r.sp, n1 * sizeof *first);
        assert_int_equal(seg(&r, buf, start, (uint32_t)n), NF_OK);
        assert_int_equal(r.n, n1);
        assert_memory_equal(first, r.sp, n1 * sizeof *first);
        free(first);
    }
    result_free(&r);
}

/* ---- allocation failure ---- */

typedef struct budget {
    int left;
} budget;

static void *limited_alloc(void *ctx, size_t n)
{
    budget *b = ctx;
    if (b->left-- <= 0) return NULL;
    return malloc(n);
}

static void plain_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

static void allocation_failure_is_reported(void **state)
{
    (void)state;
    size_t total = 200000; /* 40,000 sentences: the span vector outgrows the first chunk */
    char *t = repeat("A b. ", 5, total);
    int ok = 0, failed = 0;
    for (int allowed = 1; allowed < 40; allowed++) {
        budget b = {allowed};
        nf_allocator al = {limited_alloc, plain_free, &b};
        nf__arena *a = nf__arena_new(&al);
        if (!a) continue;
        nf__span *sp = NULL;
        size_t n = 0, cap = 0;
        nf_status st = nf__segment(a, t, 0, (uint32_t)total, &sp, &n, &cap);
        assert_true(st == NF_OK || st == NF_ENOMEM);
        if (st == NF_OK) {
            assert_int_equal(n, total / 5);
            check_spans(t, 0, (uint32_t)total, sp, n);
        }
        if (allowed == 1) assert_int_equal(st, NF_ENOMEM); /* the arena itself took the one */
        if (st == NF_OK)
            ok++;
        else
            failed++;
        nf__arena_free(a);
    }
    assert_true(ok > 0 && failed > 0);
    free(t);
}

/* ---- the table ---- */

static int ab(const char *s) { return nf__seg_abbrev(s, strlen(s)); }

static void abbreviation_table(void **state)
{
    (void)state;
    assert_true(nf__seg_table_size() > 200);
    assert_true(nf__seg_table_size() < 2048); /* the static table's cap */
    assert_int_equal(ab("Mr."), NF__AB_TITLE);
    assert_int_equal(ab("MR."), NF__AB_TITLE); /* all capitals */
    assert_int_equal(ab("mr."), NF__AB_TITLE); /* a title in case-folded web text */
    assert_int_equal(ab("mR."), NF__AB_NONE);  /* mixed case is no spelling of it */
    assert_int_equal(ab("Gen."), NF__AB_TITLE);
    assert_int_equal(ab("No."), NF__AB_NUMBER);
    assert_int_equal(ab("U.S."), NF__AB_END);
    assert_int_equal(ab("a.m."), NF__AB_END);
    assert_int_equal(ab("A.M."), NF__AB_END); /* a lowercase entry matches any case */
    assert_int_equal(ab("Ill."), NF__AB_END);
    assert_int_equal(ab("ill."), NF__AB_NONE); /* a capitalized entry does not */
    assert_int_equal(ab("Ft."), NF__AB_TITLE); /* exact spelling wins over "ft." */
    assert_int_equal(ab("ft."), NF__AB_END);
    assert_int_equal(ab("Yahoo!"), NF__AB_END);
    assert_int_equal(ab("cat."), NF__AB_NONE);
    assert_int_equal(ab("."), NF__AB_NONE);
    assert_int_equal(nf__seg_abbrev("", 0), NF__AB_NONE);
    assert_true(nf__seg_starter("The", 3));
    assert_true(nf__seg_starter("THE", 3));
    assert_true(nf__seg_starter("he", 2));
    assert_false(nf__seg_starter("Treasury", 8));
    assert_false(nf__seg_starter("Mr.", 3)); /* abbreviations are not starters */
    assert_false(nf__seg_starter("", 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(first_use_from_threads), /* first: the table is built under contention */
        cmocka_unit_test(empty_and_blank_input),
        cmocka_unit_test(bad_arguments),
        cmocka_unit_test(offsets_inside_a_larger_buffer),
        cmocka_unit_test(appends_to_the_vector),
        cmocka_unit_test(nul_and_control_bytes_are_characters),
        cmocka_unit_test(long_block_without_punctuation),
        cmocka_unit_test(long_pathological_runs),
        cmocka_unit_test(random_input_keeps_the_invariants),
        cmocka_unit_test(allocation_failure_is_reported),
        cmocka_unit_test(abbreviation_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
