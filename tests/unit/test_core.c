/* test_core.c - arena, buffer, intern table, UTF-8 validation and repair, dates. */
#include "testutil.h"

#include <stdio.h>
#include <limits.h>
#include <string.h>

#include "model.h"

static void arena_alignment_and_big_blocks(void **state)
{
    (void)state;
    nf__arena *a = nf__arena_new(NULL);
    assert_non_null(a);
    for (int i = 1; i < 2000; i++) {
        char *p = nf__arena_alloc(a, (size_t)(i % 97) + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 0xAB, (size_t)(i % 97) + 1);
    }
    char *big = nf__arena_alloc(a, (size_t)1 << 20); /* larger than a chunk */
    assert_non_null(big);
    memset(big, 1, (size_t)1 << 20);
    char *small = nf__arena_alloc(a, 8); /* still served after the big block */
    assert_non_null(small);
    assert_null(nf__arena_alloc(a, SIZE_MAX - 8));
    char *s = nf__arena_strndup(a, "hello world", 5);
    assert_string_equal(s, "hello");
    nf__arena_free(a);
    nf__arena_free(NULL);
}

static void buf_cap_and_printf(void **state)
{
    (void)state;
    nf__buf b;
    nf__buf_init(&b, NULL, 10);
    assert_true(nf__buf_puts(&b, "12345"));
    assert_true(nf__buf_printf(&b, "%d", 678));
    assert_string_equal(b.p, "12345678");
    assert_false(nf__buf_puts(&b, "abc")); /* over the cap of 10 */
    assert_int_equal(b.err, NF_ETOOBIG);
    assert_false(nf__buf_puts(&b, "x")); /* sticky */
    nf__buf_free(&b);
    nf__buf_init(&b, NULL, 0);
    char big[600];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_true(nf__buf_printf(&b, "<%s>", big)); /* longer than the stack buffer */
    assert_int_equal(b.len, 601);
    size_t n;
    char *p = nf__buf_take(&b, &n);
    assert_int_equal(n, 601);
    assert_int_equal(p[0], '<');
    nf__free(NULL, p);
}

/* nf__buf_printf formats the common conversions itself: every one must equal snprintf's. */
#define SAME_AS_SNPRINTF(...)                                                                      \
    do {                                                                                           \
        char want[256];                                                                            \
        snprintf(want, sizeof want, __VA_ARGS__);                                                  \
        nf__buf_init(&b, NULL, 0);                                                                 \
        assert_true(nf__buf_printf(&b, __VA_ARGS__));                                              \
        assert_string_equal(b.p, want);                                                            \
        nf__buf_free(&b);                                                                          \
    } while (0)

static void buf_printf_equals_snprintf(void **state)
{
    (void)state;
    nf__buf b;
    SAME_AS_SNPRINTF("plain text, no conversion");
    SAME_AS_SNPRINTF("%zu|%zu|%zu", (size_t)0, (size_t)7, SIZE_MAX);
    SAME_AS_SNPRINTF("%u %d %d %d", 4000000000u, -1, INT_MIN, INT_MAX);
    SAME_AS_SNPRINTF("%ld %lld %lld", -42L, LLONG_MIN, LLONG_MAX);
    SAME_AS_SNPRINTF("%lu %llu", ULONG_MAX, 12345678901234ull);
    SAME_AS_SNPRINTF("[%s] [%c] 100%% [%s]", "word", 'x', "");
    SAME_AS_SNPRINTF("%.6g %.4g %.15g %.3f %7.5f %.2f", 0.1234567, 1e-9, 1.0 / 3, 2.0005, 0.5,
                     -3.14159);
    SAME_AS_SNPRINTF("%04x %5zu %-4d| %+d %x", 0xab, (size_t)42, 7, 9, 255u);
    SAME_AS_SNPRINTF("%*d %hd", 6, 12, (short)-3); /* left to vsnprintf whole */
    SAME_AS_SNPRINTF("{\"doc\":%zu,\"score\":%.6g,\"t\":%s}", (size_t)3, 0.25, "true");
}

/* nf__json_plain stops at the first byte a JSON string must escape (or, with stop_high, at the
 * first non-ASCII byte), wherever it falls in a 16-byte block or in the tail. */
static void json_plain_finds_the_first_special_byte(void **state)
{
    (void)state;
    const unsigned char specials[] = {'"', '\\', 0x00, 0x01, 0x1F, 0x80, 0xC3, 0xFF};
    char s[70];
    for (size_t n = 0; n <= sizeof s; n++) {
        memset(s, 'a', sizeof s);
        assert_int_equal(nf__json_plain(s, n, true), n);
        for (size_t at = 0; at < n; at++)
            for (size_t k = 0; k < sizeof specials; k++) {
                memset(s, ' ', sizeof s);
                s[at] = (char)specials[k];
                if (at + 1 < n) s[at + 1] = '"'; /* a later special never hides the first */
                bool high = specials[k] >= 0x80;
                assert_int_equal(nf__json_plain(s, n, true), at);
                size_t want = high ? (at + 1 < n ? at + 1 : n) : at;
                assert_int_equal(nf__json_plain(s, n, false), want);
            }
    }
}

static void intern_ids_are_dense_and_stable(void **state)
{
    (void)state;
    nf__intern *t = nf__intern_new(NULL);
    char w[32];
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(w, sizeof w, "w%d", i);
        assert_int_equal(nf__intern_add(t, w, (size_t)n), (uint32_t)i);
    }
    assert_int_equal(nf__intern_add(t, "w42", 3), 42);
    assert_int_equal(nf__intern_find(t, "w4999", 5), 4999);
    assert_int_equal(nf__intern_find(t, "nope", 4), UINT32_MAX);
    size_t len;
    assert_string_equal(nf__intern_str(t, 7, &len), "w7");
    assert_int_equal(len, 2);
    /* embedded NUL bytes are part of the key */
    uint32_t a = nf__intern_add(t, "a\0b", 3), b = nf__intern_add(t, "a\0c", 3);
    assert_true(a != b);
    assert_int_equal(nf__intern_count(t), 5002);
    nf__intern_free(t);
}

static void utf8_validation(void **state)
{
    (void)state;
    assert_int_equal(nf__utf8_check("abc", 3), 3);
    assert_int_equal(nf__utf8_check("caf\xc3\xa9", 5), 5);
    assert_int_equal(nf__utf8_check("a\xc0\xafz", 4), 1);        /* overlong '/' */
    assert_int_equal(nf__utf8_check("\xe0\x80\xaf", 3), 0);      /* overlong 3-byte */
    assert_int_equal(nf__utf8_check("x\xed\xa0\x80", 4), 1);     /* surrogate */
    assert_int_equal(nf__utf8_check("\xf4\x90\x80\x80", 4), 0);  /* > U+10FFFF */
    assert_int_equal(nf__utf8_check("\xe2\x82", 2), 0);          /* truncated */
    assert_int_equal(nf__utf8_check("\xf0\x9f\x98\x80!", 5), 5); /* emoji */
    nf__arena *a = nf__arena_new(NULL);
    size_t n, bad, first;
    char *r = nf__utf8_repair(a, "ok\xff\xfeok", 6, &n, &bad, &first);
    assert_int_equal(bad, 2);
    assert_int_equal(first, 2);
    assert_int_equal(n, 10);
    assert_memory_equal(r, "ok\xef\xbf\xbd\xef\xbf\xbdok", 10);
    nf__arena_free(a);
}

static void binary_detection(void **state)
{
    (void)state;
    char bin[256];
    for (int i = 0; i < 256; i++) bin[i] = (char)i;
    assert_true(nf__looks_binary(bin, sizeof bin));
    const char *txt = "Plain text.\n\tWith a tab and\r\n CRLF.";
    assert_false(nf__looks_binary(txt, strlen(txt)));
}

/* The vectorized count against a byte-by-byte reference, near the 1-in-32 threshold: random
 * letters with a varying share of control bytes, NULs, whitespace and high bytes. */
static void binary_detection_matches_reference(void **state)
{
    (void)state;
    static const unsigned char ctl[] = {0,  1,  8,    9,    10,   11, 12, 13,
                                        14, 31, 0x7F, 0x80, 0xFF, 0,  27, 5};
    static char buf[70000];
    uint32_t seed = 777;
    for (int round = 0; round < 300; round++) {
        size_t n = round == 0 ? 69999 : (size_t)(round * 37 % 2000) + 1;
        unsigned share = (unsigned)(round % 9); /* control bytes per 128 */
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 8) & 127, pick = (seed >> 20) & 15;
            buf[i] = (char)(r < share ? ctl[pick] : 'a' + pick);
        }
        size_t ctrl = 0, sample = n < 65536 ? n : 65536;
        for (size_t i = 0; i < sample; i++) {
            unsigned char c = (unsigned char)buf[i];
            if (c == 0)
                ctrl += 8;
            else if (c < 0x20 && !(c >= 9 && c <= 13))
                ctrl++;
        }
        assert_int_equal(nf__looks_binary(buf, n), ctrl * 32 > sample);
    }
}

static void dates(void **state)
{
    (void)state;
    assert_int_equal(nf__parse_date("1970-01-01"), 0);
    assert_int_equal(nf__parse_date("1970-01-02T10:00:00Z"), 1);
    assert_int_equal(nf__parse_date("2016-09-17"), 17061);
    assert_int_equal(nf__parse_date("20160917"), 17061);
    assert_int_equal(nf__parse_date("2000-03-01") - nf__parse_date("2000-02-28"), 2); /* leap */
    assert_int_equal(nf__parse_date("yesterday"), INT32_MIN);
    assert_int_equal(nf__parse_date("2016-13-01"), INT32_MIN);
    assert_int_equal(nf__parse_date(NULL), INT32_MIN);
}

static void word_count_matches_whitespace_tokens(void **state)
{
    (void)state;
    assert_int_equal(nf_count_words("", 0), 0);
    assert_int_equal(nf_count_words("  one\ttwo\n three  ", 18), 3);
    assert_int_equal(nf_count_words("well-known U.S. $4.5", 20), 3);
}

/* The sixteen-bytes-at-a-time count against a byte-by-byte one, on random strings over the
 * bytes that sit at the edges of "space" (\b, \t..\r, \x0e, \x1f, ' ', '!', high bytes), at
 * every length across the block boundaries. */
static void word_count_blocks_match_bytes(void **state)
{
    (void)state;
    static const unsigned char alpha[] = {8,  9,  10,  11,   12,   13,   14, 31,
                                          32, 33, 'a', 0x80, 0xC3, 0xFF, 0};
    uint32_t seed = 12345;
    char buf[200];
    for (int round = 0; round < 4000; round++) {
        size_t n = (size_t)(round % 70) + (round % 7 == 0 ? 100 : 0);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = (char)alpha[(seed >> 16) % sizeof alpha];
        }
        size_t want = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)buf[i];
            bool sp = c == ' ' || (c >= 9 && c <= 13);
            bool prev_sp = i == 0 || buf[i - 1] == ' ' ||
                           ((unsigned char)buf[i - 1] >= 9 && (unsigned char)buf[i - 1] <= 13);
            want += !sp && prev_sp;
        }
        assert_int_equal(nf_count_words(buf, n), want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_alignment_and_big_blocks),
        cmocka_unit_test(buf_cap_and_printf),
        cmocka_unit_test(buf_printf_equals_snprintf),
        cmocka_unit_test(json_plain_finds_the_first_special_byte),
        cmocka_unit_test(intern_ids_are_dense_and_stable),
        cmocka_unit_test(utf8_validation),
        cmocka_unit_test(binary_detection),
        cmocka_unit_test(binary_detection_matches_reference),
        cmocka_unit_test(dates),
        cmocka_unit_test(word_count_matches_whitespace_tokens),
        cmocka_unit_test(word_count_blocks_match_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
