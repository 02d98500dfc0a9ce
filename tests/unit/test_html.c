/* test_html.c - HTML ingest (src/ingest/html.c): main-text choice, dropped elements, one block per
 * paragraph-level element, entities, whitespace, <title>, errors, hostile nesting, allocation
 * failures, and the hand-over of the blocks to the clean stage. All pages are invented. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model.h"

static nf_cluster *add(const char *html, nf_status want, const nf_doc_meta *meta)
{
    nf_cluster *c = NULL;
    assert_int_equal(nf_cluster_new(NULL, &c), NF_OK);
    nf_error err;
    nf_status st = nf_cluster_add_html(c, html, strlen(html), meta, &err);
    if (st != want) fail_msg("status %d (%s), wanted %d", st, st ? err.msg : "", want);
    return c;
}

/* The document's blocks joined by "|", to compare in one string. */
static char *blocks_of(const nf_cluster *c)
{
    const nf__doc *d = &c->docs[0];
    size_t cap = d->len + d->nsrc_blocks + 1, k = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    for (size_t i = 0; i < d->nsrc_blocks; i++) {
        if (i) out[k++] = '|';
        size_t n = d->src_blocks[i].end - d->src_blocks[i].start;
        memcpy(out + k, d->text + d->src_blocks[i].start, n);
        k += n;
    }
    out[k] = '\0';
    return out;
}

static void expect_blocks(const char *html, const char *want)
{
    nf_cluster *c = add(html, NF_OK, NULL);
    char *got = blocks_of(c);
    if (strcmp(got, want) != 0) fail_msg("\n got: %s\nwant: %s", got, want);
    free(got);
    nf_cluster_free(c);
}

static const char page[] =
    "<!DOCTYPE html><html><head><title>  Harbour fire &amp; aftermath |\n Example Post </title>"
    "<style>p { color: red }</style><script>var s = '<p>not text</p>';</script></head>"
    "<body><header><nav><a href=/>Home</a> <a href=/world>World</a></nav>Example Post</header>"
    "<main><article><header><h1>Harbour fire kills three</h1><p>By Jane Roe</p></header>"
    "<p>The fire broke out   late on\n Monday&nbsp;night, officials said.</p>"
    "<figure><img src=a.jpg><figcaption>Smoke over the quay.</figcaption></figure>"
    "<p>Crews <b>fought</b> the blaze for <em>six</em> hours.</p>"
    "<aside><p>Related: other story</p></aside>"
    "<form><input name=q><button>Search</button></form>"
    "<p hidden>Hidden text</p><p style='display: none'>Also hidden</p>"
    "<div aria-hidden=true>Screen text</div><div role=navigation>Sections</div>"
    "<ul><li>First point</li><li>Second point</li></ul>"
    "<div>A loose run<p>inside a paragraph</p>tail run</div>"
    "<table><tr><td>Cell one</td><td>Cell two</td></tr></table>"
    "<blockquote>A quote.</blockquote><noscript>Enable scripts</noscript>"
    "<iframe src=x></iframe><svg><text>svg text</text></svg>"
    "</article></main><footer><p>Copyright 2025 Example Post</p></footer></body></html>";

static void main_text_and_dropped_elements(void **state)
{
    (void)state;
    expect_blocks(page, "Harbour fire kills three|By Jane Roe|"
                        "The fire broke out late on Monday night, officials said.|"
                        "Crews fought the blaze for six hours.|First point|Second point|"
                        "A loose run|inside a paragraph|tail run|Cell one|Cell two|A quote.");
}

static void text_is_blocks_joined_by_newlines(void **state)
{
    (void)state;
    nf_cluster *c = add(page, NF_OK, NULL);
    const nf__doc *d = &c->docs[0];
    assert_true(d->nsrc_blocks > 3);
    assert_int_equal(d->src_blocks[0].start, 0);
    assert_int_equal(d->src_blocks[d->nsrc_blocks - 1].end, d->len);
    for (size_t i = 1; i < d->nsrc_blocks; i++) {
        assert_int_equal(d->src_blocks[i].start, d->src_blocks[i - 1].end + 1);
        assert_int_equal(d->text[d->src_blocks[i - 1].end], '\n');
    }
    for (size_t i = 0; i < d->len; i++) { /* collapsed: no double spaces, no tabs */
        assert_true(d->text[i] != '\t' && d->text[i] != '\r');
        assert_false(d->text[i] == ' ' && (i + 1 == d->len || d->text[i + 1] == ' '));
    }
    assert_int_equal(nf__utf8_check(d->text, d->len), d->len);
    nf_cluster_free(c);
}

static void entities_are_decoded(void **state)
{
    (void)state;
    expect_blocks("<p>Fish &amp; chips &lt;3 &quot;hot&quot; caf&eacute; &#8212; &#x41;&euro;"
                  "&nbsp;&nbsp;end &copy;</p>",
                  "Fish & chips <3 \"hot\" caf\xC3\xA9 \xE2\x80\x94 A\xE2\x82\xAC end \xC2\xA9");
}

static void inline_and_break_elements(void **state)
{
    (void)state;
    expect_blocks("<p>foo<b>bar</b> <i>baz</i><span> qux</span></p>", "foobar baz qux");
    expect_blocks("<p>line one<br>line two<br/>line three</p>", "line one|line two|line three");
    expect_blocks("<h2>Sub head</h2><pre>a   b\n\nc</pre><dl><dt>Term</dt><dd>Def</dd></dl>",
                  "Sub head|a b c|Term|Def");
    expect_blocks("<body>Loose text <a href=#>link</a> more.</body>", "Loose text link more.");
}

static void title_fills_meta(void **state)
{
    (void)state;
    nf_cluster *c = add(page, NF_OK, NULL);
    const nf_doc_meta *m = nf_cluster_doc_meta(c, 0);
    assert_non_null(m->title);
    assert_string_equal(m->title, "Harbour fire & aftermath | Example Post");
    nf_cluster_free(c);
    nf_doc_meta given = {"id-1", "Given title", "Example Post", NULL, "2025-03-04"};
    c = add(page, NF_OK, &given);
    m = nf_cluster_doc_meta(c, 0);
    assert_string_equal(m->title, "Given title");
    assert_string_equal(m->id, "id-1");
    assert_string_equal(m->date, "2025-03-04");
    nf_cluster_free(c);
    nf_doc_meta no_title = {"id-2", NULL, NULL, NULL, NULL};
    c = add("<html><head><title>From page</title></head><body><p>Text.</p></body></html>", NF_OK,
            &no_title);
    assert_string_equal(nf_cluster_doc_meta(c, 0)->title, "From page");
    assert_string_equal(nf_cluster_doc_meta(c, 0)->id, "id-2");
    nf_cluster_free(c);
    c = add("<p>No title here.</p>", NF_OK, NULL);
    assert_null(nf_cluster_doc_meta(c, 0)->title);
    nf_cluster_free(c);
}

/* The page's own metadata: outlet, address and date, unless the caller gave them. */
static void head_metadata_fills_meta(void **state)
{
    (void)state;
    const char *html =
        "<html><head><title>Quay fire | Norland Times</title>"
        "<meta property=\"og:site_name\" content=\"Norland Times\">"
        "<meta name=\"date\" content=\"2026-03-03\">"
        "<meta property=\"article:published_time\" content=\"2026-03-04T08:00:00Z\">"
        "<link rel=\"canonical\" href=\"https://times.example/quay-fire\">"
        "<meta property=\"og:url\" content=\"https://times.example/other\">"
        "</head><body><article><p>Crews fought the fire for six hours.</p></article></body></html>";
    nf_cluster *c = add(html, NF_OK, NULL);
    const nf_doc_meta *m = nf_cluster_doc_meta(c, 0);
    assert_string_equal(m->source, "Norland Times");
    assert_string_equal(m->date, "2026-03-03"); /* the first date the head gives */
    assert_string_equal(m->url, "https://times.example/quay-fire");
    nf_cluster_free(c);
    nf_doc_meta given = {NULL, NULL, "Wire", "https://wire.example/1", NULL};
    c = add(html, NF_OK, &given);
    m = nf_cluster_doc_meta(c, 0);
    assert_string_equal(m->source, "Wire"); /* the caller's metadata wins */
    assert_string_equal(m->url, "https://wire.example/1");
    assert_string_equal(m->date, "2026-03-03");
    nf_cluster_free(c);
    c = add("<html><head><meta property=\"og:site_name\" content=\"\"></head>"
            "<body><p>Text.</p></body></html>",
            NF_OK, NULL);
    assert_null(nf_cluster_doc_meta(c, 0)->source); /* an empty content is none */
    nf_cluster_free(c);
}

static void choice_of_main_text(void **state)
{
    (void)state;
    /* the article is most of main: the article, without the sidebar text in main */
    expect_blocks("<body><main><p>Short teaser in main.</p><article><p>The long article text "
                  "that is the story itself, several sentences long.</p><p>Its second paragraph "
                  "with more words.</p></article></main><p>Body text outside.</p></body>",
                  "The long article text that is the story itself, several sentences long.|"
                  "Its second paragraph with more words.");
    /* a small article teaser inside a large main: main wins */
    expect_blocks("<body><main><p>First paragraph of a long live page with many updates.</p>"
                  "<p>Second paragraph of the live page, also fairly long.</p><p>Third paragraph "
                  "of the live page, still going.</p><article><p>Teaser.</p></article></main>"
                  "</body>",
                  "First paragraph of a long live page with many updates.|Second paragraph of "
                  "the live page, also fairly long.|Third paragraph of the live page, still "
                  "going.|Teaser.");
    /* the largest of several articles; role=main and itemprop=articleBody count too */
    expect_blocks("<article><p>Small one.</p></article><article><p>The bigger article has more "
                  "text.</p></article>",
                  "The bigger article has more text.");
    expect_blocks("<div role=main><p>Main by role.</p></div><div>Other body text.</div>",
                  "Main by role.");
    expect_blocks("<div itemprop=articleBody><p>Body by microdata.</p></div><p>Other.</p>",
                  "Body by microdata.");
    /* no article or main: the body, page header and footer dropped */
    expect_blocks("<body><header>Site banner</header><div><p>Story text.</p></div>"
                  "<footer>About us</footer></body>",
                  "Story text.");
}

static void errors(void **state)
{
    (void)state;
    nf_cluster *c =
        add("<html><body><script>x()</script><nav>Menu</nav></body></html>", NF_EEMPTY, NULL);
    assert_int_equal(nf_cluster_doc_count(c), 0);
    nf_cluster_free(c);
    c = add("   \n ", NF_EEMPTY, NULL);
    nf_cluster_free(c);
    c = add("", NF_EEMPTY, NULL);
    nf_cluster_free(c);
    assert_int_equal(nf_cluster_add_html(NULL, "<p>x</p>", 8, NULL, NULL), NF_EINVAL);
    assert_int_equal(nf_cluster_new(NULL, &c), NF_OK);
    assert_int_equal(nf_cluster_add_html(c, NULL, 5, NULL, NULL), NF_EINVAL);
    nf_error err;
    char bin[64];
    memset(bin, 0, sizeof bin);
    memcpy(bin, "<p>", 3);
    assert_int_equal(nf_cluster_add_html(c, bin, sizeof bin, NULL, &err), NF_EBINARY);
    assert_int_equal(err.code, NF_EBINARY);
    assert_int_equal(nf_cluster_doc_count(c), 0);
    nf_cluster_free(c);
}

static void invalid_utf8_becomes_valid(void **state)
{
    (void)state;
    nf_cluster *c = add("<p>bad \xFF\xFE bytes and \xC3 a cut sequence</p>", NF_OK, NULL);
    size_t len;
    const char *t = nf_cluster_doc_text(c, 0, &len);
    assert_int_equal(nf__utf8_check(t, len), len);
    assert_non_null(strstr(t, "\xEF\xBF\xBD"));
    nf_cluster_free(c);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 100k levels of one nesting pattern around some text, then a closing paragraph. */
static void deep(const char *open, const char *close, size_t levels)
{
    size_t ol = strlen(open), cl = strlen(close);
    size_t cap = levels * (ol + cl) + 256, n = 0;
    char *p = malloc(cap);
    assert_non_null(p);
    n += (size_t)snprintf(p, cap, "<html><body><p>Before the nest.</p>");
    for (size_t i = 0; i < levels; i++) memcpy(p + n, open, ol), n += ol;
    n += (size_t)snprintf(p + n, cap - n, "Deep text.");
    for (size_t i = 0; i < levels; i++) memcpy(p + n, close, cl), n += cl;
    n += (size_t)snprintf(p + n, cap - n, "<p>After the nest.</p></body></html>");
    nf_cluster *c = NULL;
    assert_int_equal(nf_cluster_new(NULL, &c), NF_OK);
    double t0 = now();
    assert_int_equal(nf_cluster_add_html(c, p, n, NULL, NULL), NF_OK);
    double dt = now() - t0;
    if (dt > 10.0) fail_msg("%s x%zu took %.1f s", open, levels, dt);
    size_t len;
    const char *t = nf_cluster_doc_text(c, 0, &len);
    assert_non_null(strstr(t, "Before the nest."));
    assert_non_null(strstr(t, "Deep text."));
    assert_non_null(strstr(t, "After the nest."));
    nf_cluster_free(c);
    free(p);
}

static void hostile_nesting(void **state)
{
    (void)state;
    deep("<div>", "</div>", 100000);
    deep("<div>", "", 100000);
    deep("<b>", "</b>", 100000);
    deep("<span><i>", "</i></span>", 100000);
    deep("<ul><li>", "</li></ul>", 100000);
    deep("<table><tr><td>", "</td></tr></table>", 30000);
    deep("<div/>", "", 100000);
}

static void many_unclosed_paragraphs_stay_blocks(void **state)
{
    (void)state;
    /* implicitly closed elements do not count as nesting: the depth limit must not merge them */
    size_t cap = 1 << 16, n = 0;
    char *p = malloc(cap);
    assert_non_null(p);
    n += (size_t)snprintf(p, cap, "<body><svg>");
    for (int i = 0; i < 600; i++) n += (size_t)snprintf(p + n, cap - n, "<path d='M0 0'/>");
    n += (size_t)snprintf(p + n, cap - n, "</svg>");
    for (int i = 0; i < 1000; i++) n += (size_t)snprintf(p + n, cap - n, "<p>Paragraph %d", i);
    nf_cluster *c = NULL;
    assert_int_equal(nf_cluster_new(NULL, &c), NF_OK);
    assert_int_equal(nf_cluster_add_html(c, p, n, NULL, NULL), NF_OK);
    assert_int_equal(c->docs[0].nsrc_blocks, 1000);
    nf_cluster_free(c);
    free(p);
}

static void blocks_reach_the_clean_stage(void **state)
{
    (void)state;
    const char *html = "<article><p>WASHINGTON (AP) -- The Senate passed the harbour bill on "
                       "Thursday.</p><p>Advertisement</p><p>Lawmakers debated the measure for "
                       "two days before the vote.</p><p>Follow us on Twitter for updates.</p>"
                       "</article>";
    nf_cluster *c = add(html, NF_OK, NULL);
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new("english", NULL, &ctx, NULL), NF_OK);
    assert_int_equal(nf_cluster_analyze(ctx, c, NULL, NULL), NF_OK);
    assert_int_equal(nf_cluster_block_count(c, 0), 2);
    assert_int_equal(nf_cluster_dropped_count(c, 0), 2);
    size_t s, e, len;
    const char *t = nf_cluster_doc_text(c, 0, &len);
    assert_int_equal(nf_cluster_block(c, 0, 0, &s, &e), NF_OK);
    assert_true(strncmp(t + s, "The Senate passed", 17) == 0);
    const char *rule;
    assert_int_equal(nf_cluster_dropped(c, 0, 0, &s, &e, &rule), NF_OK);
    assert_string_equal(rule, "advertisement");
    nf_ctx_free(ctx);
    nf_cluster_free(c);
}

/* ---- allocation failures ---------------------------------------------------------------- */

typedef struct failing {
    long calls, fail_at, live;
} failing;

static void *f_alloc(void *ctx, size_t n)
{
    failing *f = ctx;
    if (++f->calls == f->fail_at) return NULL;
    void *p = malloc(n ? n : 1);
    if (p) f->live++;
    return p;
}

static void f_free(void *ctx, void *p)
{
    failing *f = ctx;
    if (p) f->live--, free(p);
}

static void allocation_failures(void **state)
{
    (void)state;
    for (long k = 1;; k++) {
        failing f = {0, k, 0};
        nf_allocator al = {f_alloc, f_free, &f};
        nf_cluster *c = NULL;
        nf_status st = nf_cluster_new(&al, &c);
        if (st == NF_OK) {
            st = nf_cluster_add_html(c, page, strlen(page), NULL, NULL);
            assert_true(st == NF_OK || st == NF_ENOMEM);
            if (st == NF_ENOMEM) assert_int_equal(nf_cluster_doc_count(c), 0);
            nf_cluster_free(c);
        } else {
            assert_int_equal(st, NF_ENOMEM);
        }
        assert_int_equal(f.live, 0);
        if (f.calls < k) break; /* the run finished without reaching the failure */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(main_text_and_dropped_elements),
        cmocka_unit_test(text_is_blocks_joined_by_newlines),
        cmocka_unit_test(entities_are_decoded),
        cmocka_unit_test(inline_and_break_elements),
        cmocka_unit_test(title_fills_meta),
        cmocka_unit_test(head_metadata_fills_meta),
        cmocka_unit_test(choice_of_main_text),
        cmocka_unit_test(errors),
        cmocka_unit_test(invalid_utf8_becomes_valid),
        cmocka_unit_test(hostile_nesting),
        cmocka_unit_test(many_unclosed_paragraphs_stay_blocks),
        cmocka_unit_test(blocks_reach_the_clean_stage),
        cmocka_unit_test(allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
