/* test_clean.c - the clean stage: rule parsing, dropped rule names and offsets, datelines and
 * bylines as offsets, block flags, hard-wrapped paragraphs, NF_OPT_KEEP_BOILERPLATE, and the
 * idempotence property (cleaning the kept text again drops nothing).
 *
 * The last test reads ../shared/examples/deir-ez-zor. When that directory is absent cmocka skips
 * that one test and a "SKIP:" line says so; the other tests still count. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean/clean.h"

#define DEIR NF_SHARED_DIR "/examples/deir-ez-zor"

typedef struct cleaned {
    nf__arena *a;
    nf__doc d;
} cleaned;

static void clean_text(cleaned *c, const char *text, size_t len, unsigned flags)
{
    c->a = nf__arena_new(NULL);
    assert_non_null(c->a);
    memset(&c->d, 0, sizeof c->d);
    c->d.text = text;
    c->d.len = len;
    assert_int_equal(nf__clean_doc(c->a, &c->d, flags), NF_OK);
}

static void clean_str(cleaned *c, const char *text) { clean_text(c, text, strlen(text), 0); }

static void done(cleaned *c) { nf__arena_free(c->a); }

static int block_is(const cleaned *c, size_t i, const char *want)
{
    if (i >= c->d.nblocks) return 0;
    size_t n = c->d.blocks[i].end - c->d.blocks[i].start;
    return n == strlen(want) && memcmp(c->d.text + c->d.blocks[i].start, want, n) == 0;
}

/* Offsets are sane: blocks and drops inside the text, ordered, trimmed, never overlapping. */
static void check_spans(const cleaned *c)
{
    const nf__doc *d = &c->d;
    uint32_t last = 0;
    for (size_t i = 0; i < d->nblocks; i++) {
        nf__span b = d->blocks[i];
        assert_true(b.start < b.end);
        assert_true(b.end <= d->len);
        assert_true(b.start >= last);
        assert_false(nf__isspace((unsigned char)d->text[b.start]));
        assert_false(nf__isspace((unsigned char)d->text[b.end - 1]));
        last = b.end;
        for (size_t k = 0; k < d->ndropped; k++)
            assert_true(d->dropped[k].end <= b.start || d->dropped[k].start >= b.end);
    }
    for (size_t k = 0; k < d->ndropped; k++) {
        assert_true(d->dropped[k].start < d->dropped[k].end);
        assert_true(d->dropped[k].end <= d->len);
        assert_non_null(d->dropped[k].rule);
        if (k) assert_true(d->dropped[k].start >= d->dropped[k - 1].end);
    }
}

static void default_rules_parse(void **state)
{
    (void)state;
    const nf__bp_rules *r = nf__bp_default();
    assert_non_null(r);
    assert_true(r->nrules > 50);
    assert_true(r->nagency > 10);
    assert_true(r->nnotname > 10);
    assert_ptr_equal(nf__bp_default(), r); /* parsed once */
}

static void parse_errors_name_the_line(void **state)
{
    (void)state;
    nf__bp_rules *r = malloc(sizeof *r);
    assert_non_null(r);
    size_t line;
    static const struct {
        const char *text;
        size_t line;
    } bad[] = {
        {"# ok\nfrobnicate x exact \"a\"\n", 2},   {"drop-line x exact\n", 1},
        {"drop-line x exact \"unterminated\n", 1}, {"drop-line x exact \"a\" max 0\n", 1},
        {"drop-line x exact \"a\" max lots\n", 1}, {"drop-line x wobble \"a\"\n", 1},
        {"drop-line x exact \"a\" trailing\n", 1}, {"\n\ndrop-section x exact \"a\"\n", 3},
        {"strip-prefix x suffix \"a\"\n", 1},      {"drop-line bad/name exact \"a\"\n", 1},
        {"drop-line x exact \"   \"\n", 1},        {"agency\n", 1},
    };
    for (size_t i = 0; i < NF__ARRAY_LEN(bad); i++) {
        assert_int_equal(nf__bp_parse(r, bad[i].text, strlen(bad[i].text), &line), NF_EINVAL);
        assert_int_equal(line, bad[i].line);
    }
    const char *good = "# comment\n\n  drop-line a-b exact \"X  y\" max 40 # trailing comment\n"
                       "drop-section s exact \"h\" while list while prefix \"> \"\n"
                       "strip-prefix d dateline\nstrip-prefix l prefix \"NOTE:\"\n"
                       "agency AP \"Big Agency\"\nbyline-not Monday\n";
    assert_int_equal(nf__bp_parse(r, good, strlen(good), &line), NF_OK);
    assert_int_equal(r->nrules, 4);
    assert_string_equal(r->rule[0].name, "a-b");
    assert_int_equal(r->rule[0].m.max, 40);
    assert_memory_equal(r->pool + r->rule[0].m.pat, "x y", 3); /* lowercase, one space */
    assert_int_equal(r->rule[1].nwhile, 2);
    assert_int_equal(r->nagency, 2);
    assert_int_equal(r->nnotname, 1);
    free(r);
}

static void custom_rules_drive_the_cleaner(void **state)
{
    (void)state;
    nf__bp_rules *r = malloc(sizeof *r);
    assert_non_null(r);
    const char *rules = "drop-line promo like \"win a * now!\"\n"
                        "drop-section box exact \"in brief\" while prefix \"> \"\n"
                        "strip-prefix tag prefix \"[LIVE]\"\n";
    assert_int_equal(nf__bp_parse(r, rules, strlen(rules), NULL), NF_OK);
    const char *text = "Win a CAR now!\nIn  Brief\n> one\n> two\n[LIVE] The vote is under way.\n"
                       "> three\n";
    cleaned c;
    c.a = nf__arena_new(NULL);
    memset(&c.d, 0, sizeof c.d);
    c.d.text = text;
    c.d.len = strlen(text);
    assert_int_equal(nf__clean_doc_rules(c.a, &c.d, 0, r), NF_OK);
    assert_int_equal(c.d.ndropped, 4);
    assert_string_equal(c.d.dropped[0].rule, "promo");
    assert_string_equal(c.d.dropped[1].rule, "box");
    assert_string_equal(c.d.dropped[3].rule, "box");
    assert_int_equal(c.d.nblocks, 2);
    assert_true(block_is(&c, 0, "The vote is under way."));
    assert_true(block_is(&c, 1, "> three")); /* the section ended at the [LIVE] line */
    check_spans(&c);
    done(&c);
    free(r);
}

static void dropped_rule_names_and_offsets(void **state)
{
    (void)state;
    const char *text = "IE 11 is not supported. For an optimal experience visit our site on "
                       "another browser.\n"
                       "Tram line reopens after repairs\n"
                       "Image: A tram on the bridge\n"
                       "Commuters cross the river on Monday.Ola Berg / AFP - Getty Images\n"
                       "The tram line reopened on Monday after six weeks of repairs.\n"
                       "Related: Why the bridge closed\n"
                       "  Advertisement  \n"
                       "Story highlights\n"
                       "- The line carries 40,000 people a day\n"
                       "Ridership is expected to recover by summer.\n"
                       "By Karin Holt\n"
                       "Copyright 2025 Example Post. All rights reserved.\n";
    static const char *const want[] = {"browser-notice",   "image-caption", "photo-credit",
                                       "related",          "advertisement", "story-highlights",
                                       "story-highlights", "byline",        "copyright"};
    cleaned c;
    clean_str(&c, text);
    assert_int_equal(c.d.ndropped, NF__ARRAY_LEN(want));
    for (size_t i = 0; i < NF__ARRAY_LEN(want); i++) {
        assert_string_equal(c.d.dropped[i].rule, want[i]);
        /* a dropped span is a whole trimmed line */
        const nf__dropped *dr = &c.d.dropped[i];
        assert_true(dr->start == 0 || text[dr->start - 1] == '\n' || text[dr->start - 1] == ' ');
        assert_true(text[dr->end] == '\n' || text[dr->end] == ' ');
    }
    assert_int_equal(c.d.dropped[4].end - c.d.dropped[4].start, strlen("Advertisement"));
    assert_int_equal(c.d.nblocks, 3);
    assert_true(block_is(&c, 0, "Tram line reopens after repairs"));
    assert_true(block_is(&c, 1, "The tram line reopened on Monday after six weeks of repairs."));
    assert_true(block_is(&c, 2, "Ridership is expected to recover by summer."));
    check_spans(&c);
    done(&c);
}

static void datelines_move_the_start_only(void **state)
{
    (void)state;
    static const struct {
        const char *line, *rest;
    } cases[] = {
        {"OSTBY, Vt. (AP) -- Snow closed the pass.", "Snow closed the pass."},
        {"(CNN)Snow closed the pass.", "Snow closed the pass."},
        {"Dunmore (CNN) -- Snow closed the pass.", "Snow closed the pass."},
        {"VELDA, Jan. 4 (Xinhua) -- Snow closed the pass.", "Snow closed the pass."},
        {"BRAKVIK \xE2\x80\x94 Snow closed the pass.", "Snow closed the pass."},
        {"BRAKVIK--Snow closed the pass.", "Snow closed the pass."},
        {"By LENA FOSS OSTBY (AP) _ Snow closed the pass.", "Snow closed the pass."},
        {"The UN (UN) -- Snow closed the pass.", "The UN (UN) -- Snow closed the pass."},
        {"Snow (AP) closed the pass.", "Snow (AP) closed the pass."},
        {"OSTBY - based firms closed.", "OSTBY - based firms closed."},
    };
    for (size_t i = 0; i < NF__ARRAY_LEN(cases); i++) {
        cleaned c;
        clean_str(&c, cases[i].line);
        assert_int_equal(c.d.ndropped, 0);
        assert_int_equal(c.d.nblocks, 1);
        assert_ptr_equal(c.d.text, cases[i].line); /* never rewritten */
        if (!block_is(&c, 0, cases[i].rest)) fail_msg("case %zu: %s", i, cases[i].line);
        assert_int_equal(c.d.blocks[0].start, strlen(cases[i].line) - strlen(cases[i].rest));
        done(&c);
    }
}

static void bylines(void **state)
{
    (void)state;
    const nf__bp_rules *r = nf__bp_default();
    static const char *const yes[] = {"By Jane Doe, Associated Press Writer",
                                      "By JOHN SMITH",
                                      "BY ANA LIMA",
                                      "By Maria Chen and Paul Okafor",
                                      "By T. R. Vance, M.D. (Special to the Ledger)",
                                      "By Ana Lima. (Story will move in the ``a'' category.)",
                                      "By Olof de Vries",
                                      "By Karin Holt | Staff Writer"};
    static const char *const no[] = {"By the time the ferry docked, the storm had passed.",
                                     "By Tuesday, the water had receded.",
                                     "By Monday",
                                     "By 6 p.m. the square was empty.",
                                     "By comparison, exports rose.",
                                     "By and large, the plan worked.",
                                     "By Helen Strand's count, forty boats sank.",
                                     "By Jane Doe, who was there, it was loud.",
                                     "Byline Jane Doe",
                                     "By"};
    for (size_t i = 0; i < NF__ARRAY_LEN(yes); i++)
        if (nf__bp_byline(r, yes[i], strlen(yes[i])) != strlen(yes[i])) fail_msg("%s", yes[i]);
    for (size_t i = 0; i < NF__ARRAY_LEN(no); i++)
        if (nf__bp_byline(r, no[i], strlen(no[i])) != 0) fail_msg("%s", no[i]);
}

static void block_flags_headline_and_list(void **state)
{
    (void)state;
    cleaned c;
    clean_str(&c, "Storm closes mountain pass\n"
                  "The pass will reopen on Friday, officials said.\n"
                  "- Snow depth: two metres\n"
                  "* Avalanche risk is high\n"
                  "\xE2\x80\xA2 Buses run instead\n"
                  "1. Check the forecast\n"
                  "\"We have never seen this much snow,\" he said.\n"
                  "What happens next?\n");
    assert_int_equal(c.d.nblocks, 8);
    static const uint8_t want[] = {NF__B_HEADLINE, 0,          NF__B_LIST, NF__B_LIST,
                                   NF__B_LIST,     NF__B_LIST, 0,          0};
    for (size_t i = 0; i < 8; i++) assert_int_equal(c.d.block_flags[i], want[i]);
    done(&c);
}

static const char wrapped[] = "By Oskar Lind\n"
                              "\n"
                              "NORDVIK, Norland (Newswire) -- The harbour authority said on\n"
                              "Monday that it would dredge the eastern channel this summer,\n"
                              "after two cargo ships ran aground there in the spring.\n"
                              "\n"
                              "Dredging is expected to take about six weeks and will close the\n"
                              "channel to large vessels, which will use the western approach\n"
                              "instead, a spokeswoman for the authority said on Monday.\n"
                              "\n"
                              "Sign up for our newsletter to get the latest harbour news sent\n"
                              "to your inbox every morning before the first ferry leaves.\n";

static void hard_wrapped_paragraphs(void **state)
{
    (void)state;
    cleaned c;
    clean_str(&c, wrapped);
    assert_int_equal(c.d.nblocks, 2);
    const char *b0 = c.d.text + c.d.blocks[0].start;
    assert_true(strncmp(b0, "The harbour authority said on\nMonday", 36) == 0);
    assert_int_equal(c.d.text[c.d.blocks[0].end - 1], '.');
    assert_int_equal(c.d.text[c.d.blocks[1].end - 1], '.');
    /* byline + the two lines of the newsletter paragraph */
    assert_int_equal(c.d.ndropped, 3);
    assert_string_equal(c.d.dropped[0].rule, "byline");
    assert_string_equal(c.d.dropped[1].rule, "newsletter");
    assert_string_equal(c.d.dropped[2].rule, "newsletter");
    check_spans(&c);
    done(&c);
    /* the same lines as HTML blocks: one block per source block, no joining, and no paragraph
     * to drop whole: only the newsletter line itself goes */
    nf__span src[32];
    size_t ns = 0;
    for (uint32_t s = 0, i = 0; i <= sizeof wrapped - 1; i++)
        if (i == sizeof wrapped - 1 || wrapped[i] == '\n') {
            if (i > s) src[ns++] = (nf__span){s, i};
            s = i + 1;
        }
    c.a = nf__arena_new(NULL);
    memset(&c.d, 0, sizeof c.d);
    c.d.text = wrapped;
    c.d.len = sizeof wrapped - 1;
    c.d.src_blocks = src;
    c.d.nsrc_blocks = ns;
    assert_int_equal(nf__clean_doc(c.a, &c.d, 0), NF_OK);
    assert_int_equal(ns, 9);
    assert_int_equal(c.d.ndropped, 2);
    assert_int_equal(c.d.nblocks, 7);
    assert_true(block_is(&c, 0, "The harbour authority said on"));
    done(&c);
}

static void keep_boilerplate_splits_only(void **state)
{
    (void)state;
    const char *text = "Advertisement\nOSTBY, Vt. (AP) -- Snow closed the pass.\nBy JOHN SMITH\n"
                       "Story highlights\n- one\n";
    cleaned c;
    clean_text(&c, text, strlen(text), NF_OPT_KEEP_BOILERPLATE);
    assert_int_equal(c.d.ndropped, 0);
    assert_int_equal(c.d.nblocks, 5);
    assert_true(block_is(&c, 0, "Advertisement"));
    assert_true(block_is(&c, 1, "OSTBY, Vt. (AP) -- Snow closed the pass."));
    assert_int_equal(c.d.block_flags[4], NF__B_LIST);
    done(&c);
    clean_str(&c, text);
    assert_int_equal(c.d.ndropped, 4);
    assert_int_equal(c.d.nblocks, 1);
    done(&c);
}

static void empty_and_blank_documents(void **state)
{
    (void)state;
    cleaned c;
    clean_text(&c, "", 0, 0);
    assert_int_equal(c.d.nblocks, 0);
    done(&c);
    clean_str(&c, " \n\t\n\r\n");
    assert_int_equal(c.d.nblocks, 0);
    assert_int_equal(c.d.ndropped, 0);
    done(&c);
    clean_str(&c, "Advertisement");
    assert_int_equal(c.d.nblocks, 0);
    assert_int_equal(c.d.ndropped, 1);
    done(&c);
}

/* ---- idempotence ----------------------------------------------------------------------- */

/* Clean, join the kept blocks with "\n", clean again: nothing more is dropped. */
static void check_idempotent(const char *text, size_t len)
{
    cleaned c;
    clean_text(&c, text, len, 0);
    check_spans(&c);
    size_t total = 1;
    for (size_t i = 0; i < c.d.nblocks; i++) total += c.d.blocks[i].end - c.d.blocks[i].start + 1;
    char *joined = malloc(total);
    assert_non_null(joined);
    size_t k = 0;
    for (size_t i = 0; i < c.d.nblocks; i++) {
        if (i) joined[k++] = '\n';
        memcpy(joined + k, text + c.d.blocks[i].start, c.d.blocks[i].end - c.d.blocks[i].start);
        k += c.d.blocks[i].end - c.d.blocks[i].start;
    }
    joined[k] = '\0';
    cleaned again;
    clean_text(&again, joined, k, 0);
    if (again.d.ndropped)
        fail_msg("cleaning the kept text dropped \"%.*s\" (%s)\n--- input ---\n%.*s",
                 (int)(again.d.dropped[0].end - again.d.dropped[0].start),
                 joined + again.d.dropped[0].start, again.d.dropped[0].rule, (int)len, text);
    done(&again);
    done(&c);
    free(joined);
}

static const char *const pool[] = {
    "The council voted to close the ferry landing on Tuesday.",
    "Officials said repairs would take at least six weeks.",
    "\"We had no choice,\" the mayor said.",
    "Ferry landing closed after cracks found in pilings",
    "- Repairs will cost about $2 million",
    "* The bridge upstream stays open",
    "IE 11 is not supported. For an optimal experience visit our site on another browser.",
    "Image: The ferry landing on Monday",
    "Passengers wait at the landing on Monday.Ivo Sand / AFP - Getty Images",
    "Related: A history of the ferry",
    "Advertisement",
    "Story highlights",
    "Key points",
    "Copyright 2024 The Valley Ledger. All rights reserved.",
    "Follow us on Twitter for updates.",
    "By Jane Doe, Associated Press Writer",
    "By the end of the week, the landing was fenced off.",
    "MILLBROOK, Ore. (AP) -- The board met in a special session.",
    "(CNN)Engineers inspected the pilings on Monday.",
    "(CNN) Advertisement",
    "WASHINGTON (AP) --",
    "On the Net:",
    "Ferry operator: http://www.example.org",
    "* * *",
    "BREAKING: The landing will stay closed.",
    "Sign up for our newsletter",
    "This material may not be published, broadcast, rewritten or redistributed.",
    "",
    "",
    "   ",
};

static const char *const wrapped_paras[] = {
    "The county board voted on Tuesday to close the old ferry\n"
    "landing after engineers found cracks in the pilings that hold\n"
    "up the main ramp, a decision that will force commuters onto a\n"
    "bridge twenty miles upstream.\n",
    "Copyright 2024 The Valley Ledger. All rights reserved. This\n"
    "material may not be published, broadcast, rewritten or\n"
    "redistributed without permission of the publisher.\n",
    "Board members said the closure would last at least until the\n"
    "spring, when a contractor is expected to finish an inspection\n"
    "of the whole structure and present a repair plan.\n",
};

static uint64_t rng = 0x2545F4914F6CDD1Du; /* fixed seed: deterministic */
static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 32);
}

static void idempotence_property(void **state)
{
    (void)state;
    char *doc = malloc(1 << 14);
    assert_non_null(doc);
    for (int round = 0; round < 600; round++) {
        size_t n = 0, lines = 2 + next_rand() % 14;
        bool wrap = round % 5 == 0;
        for (size_t i = 0; i < lines; i++) {
            const char *l = wrap ? wrapped_paras[next_rand() % NF__ARRAY_LEN(wrapped_paras)]
                                 : pool[next_rand() % NF__ARRAY_LEN(pool)];
            size_t ln = strlen(l);
            memcpy(doc + n, l, ln);
            n += ln;
            doc[n++] = '\n';
            if (wrap || next_rand() % 3 == 0) doc[n++] = '\n';
        }
        check_idempotent(doc, n);
    }
    free(doc);
    /* the repo's own example cluster, when built from the source tree */
    DIR *dir = opendir(NF_SOURCE_DIR "/examples/harbor-fire");
    if (dir) {
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            if (e->d_name[0] == '.') continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", NF_SOURCE_DIR "/examples/harbor-fire", e->d_name);
            size_t len;
            char *t = tu_read_file(path, &len);
            if (t) check_idempotent(t, len);
            free(t);
        }
        closedir(dir);
    }
}

/* ---- the reference cluster in ../shared ------------------------------------------------- */

static int deir_absent;

static void deir_boilerplate_is_gone(void **state)
{
    (void)state;
    DIR *dir = opendir(DEIR);
    if (!dir) {
        deir_absent = 1;
        skip();
    }
    static const char *const banned[] = {"IE 11", "Image:", "Related:", "Story highlights",
                                         "Getty Images"};
    struct dirent *e;
    size_t files = 0, cnn_lines = 0;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", DEIR, e->d_name);
        size_t len;
        char *t = tu_read_file(path, &len);
        if (!t) continue;
        files++;
        cleaned c;
        clean_text(&c, t, len, 0);
        check_spans(&c);
        for (size_t i = 0; i < c.d.nblocks; i++) {
            size_t n = c.d.blocks[i].end - c.d.blocks[i].start;
            char *b = strndup(t + c.d.blocks[i].start, n);
            for (size_t k = 0; k < NF__ARRAY_LEN(banned); k++)
                if (strstr(b, banned[k]))
                    fail_msg("%s: kept \"%s\" in: %s", e->d_name, banned[k], b);
            assert_true(strncmp(b, "(CNN)", 5) != 0);
            free(b);
        }
        /* a line that starts with "(CNN)" keeps its sentence, minus the tag */
        for (size_t s = 0; s < len;) {
            const char *nl = memchr(t + s, '\n', len - s);
            size_t end = nl ? (size_t)(nl - t) : len;
            if (end - s > 5 && memcmp(t + s, "(CNN)", 5) == 0) {
                cnn_lines++;
                size_t k = 0;
                while (k < c.d.nblocks && c.d.blocks[k].start != s + 5) k++;
                assert_true(k < c.d.nblocks);
                assert_true(c.d.blocks[k].end >= end - 1);
            }
            s = end + 1;
        }
        check_idempotent(t, len);
        done(&c);
        free(t);
    }
    closedir(dir);
    assert_true(files >= 5);
    assert_true(cnn_lines >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_rules_parse),
        cmocka_unit_test(parse_errors_name_the_line),
        cmocka_unit_test(custom_rules_drive_the_cleaner),
        cmocka_unit_test(dropped_rule_names_and_offsets),
        cmocka_unit_test(datelines_move_the_start_only),
        cmocka_unit_test(bylines),
        cmocka_unit_test(block_flags_headline_and_list),
        cmocka_unit_test(hard_wrapped_paragraphs),
        cmocka_unit_test(keep_boilerplate_splits_only),
        cmocka_unit_test(empty_and_blank_documents),
        cmocka_unit_test(idempotence_property),
        cmocka_unit_test(deir_boilerplate_is_gone),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    if (deir_absent) printf("SKIP: %s is absent; the reference-cluster check did not run\n", DEIR);
    return rc;
}
