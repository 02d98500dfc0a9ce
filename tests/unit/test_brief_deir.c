/* test_brief_deir.c - the story brief of the reference cluster ../shared/examples/deir-ez-zor
 * (skipped when absent). The publisher's text stays there: quotes are identified by speaker,
 * document and at most their first three words. */
#include "testutil.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEIR NF_SHARED_DIR "/examples/deir-ez-zor"

static nf_ctx *ctx;
static nf_cluster *cl;
static nf_brief *br;

static bool has_ci(const char *hay, const char *needle)
{
    if (!hay) return false;
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n) return true;
    }
    return false;
}

static bool value_has_attr(const nf_conflict_value *v, const char *a, const char *b)
{
    for (size_t i = 0; i < v->nattributions; i++)
        if (has_ci(v->attributions[i], a) && (!b || has_ci(v->attributions[i], b))) return true;
    return false;
}

static bool value_in_doc(const nf_conflict_value *v, size_t d)
{
    for (size_t i = 0; i < v->ndocs; i++)
        if (v->docs[i] == d) return true;
    return false;
}

/* The conflict whose values are exactly `vals`. */
static const nf_conflict *conflict_with(const double *vals, size_t n)
{
    for (size_t i = 0; i < nf_brief_conflict_count(br); i++) {
        const nf_conflict *k = nf_brief_conflict(br, i);
        if (k->nvalues != n) continue;
        size_t hit = 0;
        for (size_t a = 0; a < n; a++)
            for (size_t v = 0; v < k->nvalues; v++) hit += k->values[v].value == vals[a];
        if (hit == n) return k;
    }
    return NULL;
}

static const nf_conflict_value *value_of(const nf_conflict *k, double v)
{
    for (size_t i = 0; i < k->nvalues; i++)
        if (k->values[i].value == v) return &k->values[i];
    return NULL;
}

static bool quote_in_doc(const nf_quote *q, size_t d)
{
    for (size_t m = 0; m < q->nmentions; m++)
        if (q->mentions[m].doc == d) return true;
    return false;
}

/* Number of quotes whose speaker contains all of a, b (b may be NULL) and that appear in doc
 * (SIZE_MAX: any document) with at least min_docs documents. */
static size_t quotes_by(const char *a, const char *b, size_t doc, size_t min_docs)
{
    size_t n = 0;
    for (size_t i = 0; i < nf_brief_quote_count(br); i++) {
        const nf_quote *q = nf_brief_quote(br, i);
        if (!has_ci(q->speaker, a) || (b && !has_ci(q->speaker, b))) continue;
        if (doc != SIZE_MAX && !quote_in_doc(q, doc)) continue;
        if (q->ndocs < min_docs) continue;
        n++;
    }
    return n;
}

static void killed(void **state)
{
    (void)state;
    const double v[] = {62, 80, 83};
    const nf_conflict *k = conflict_with(v, 3);
    assert_non_null(k);
    assert_int_equal(k->kind, NF_CONFLICT_DISAGREEMENT);
    const nf_conflict_value *x = value_of(k, 62);
    assert_true(value_has_attr(x, "Russia", NULL));
    assert_false(value_has_attr(x, "Syrian", NULL)); /* "Russia's military" is not Syria's */
    for (size_t d = 0; d < 5; d++) assert_true(value_in_doc(x, d)); /* every outlet has 62 */
    x = value_of(k, 80);
    assert_int_equal(x->qualifier, NF_QUAL_AT_LEAST);
    assert_true(value_has_attr(x, "Syrian Observatory for Human Rights", NULL));
    assert_true(value_in_doc(x, 3));
    x = value_of(k, 83);
    assert_true(value_has_attr(x, "Syrian Observatory for Human Rights", NULL));
    assert_true(value_in_doc(x, 4));
}

static void wounded_and_war_toll(void **state)
{
    (void)state;
    const double w[] = {100, 120};
    const nf_conflict *k = conflict_with(w, 2);
    assert_non_null(k);
    assert_int_equal(value_of(k, 100)->qualifier, NF_QUAL_ABOUT);
    assert_true(value_has_attr(value_of(k, 100), "Russia", NULL));
    assert_int_equal(value_of(k, 120)->qualifier, NF_QUAL_AT_LEAST);
    assert_true(value_has_attr(value_of(k, 120), "Syrian Observatory", NULL));
    const double t[] = {250000, 430000};
    k = conflict_with(t, 2);
    assert_non_null(k);
    assert_int_equal(value_of(k, 250000)->qualifier, NF_QUAL_AT_LEAST);
    assert_int_equal(value_of(k, 430000)->qualifier, NF_QUAL_ABOUT);
    assert_true(value_in_doc(value_of(k, 250000), 3) && value_in_doc(value_of(k, 430000), 4));
}

static void quotes(void **state)
{
    (void)state;
    assert_true(quotes_by("Samantha Power", NULL, 1, 1) >= 2);
    assert_true(quotes_by("Samantha Power", NULL, 2, 1) >= 2);
    assert_true(quotes_by("Vitaly Churkin", NULL, 2, 1) >= 1);
    assert_true(quotes_by("Maria Zakharova", NULL, 1, 1) >= 2);
    /* Cook's statement runs in documents 0 and 1: merged into entries with two documents */
    assert_true(quotes_by("Peter Cook", NULL, 0, 2) >= 2);
    assert_true(quotes_by("Peter Cook", NULL, 1, 1) >= 3);
    /* the coalition's statement: "the statement read" (0, 1) and "CENTCOM said" (4), one entry */
    size_t centcom = 0;
    for (size_t i = 0; i < nf_brief_quote_count(br); i++) {
        const nf_quote *q = nf_brief_quote(br, i);
        if (q->speaker && strcmp(q->speaker, "U.S. Central Command") == 0 && quote_in_doc(q, 0) &&
            quote_in_doc(q, 1) && quote_in_doc(q, 4) &&
            strncmp(q->text, "The coalition airstrike", 23) == 0)
            centcom++;
    }
    assert_int_equal(centcom, 1);
    assert_true(quotes_by("U.S. Central Command", NULL, 2, 1) >= 2);
    assert_true(quotes_by("Russian", "military", 1, 1) >= 1);
    assert_true(quotes_by("Syrian military", NULL, SIZE_MAX, 2) >= 1);
    /* never a speaker for what an unnamed official said */
    for (size_t i = 0; i < nf_brief_quote_count(br); i++) {
        const nf_quote *q = nf_brief_quote(br, i);
        assert_false(has_ci(q->speaker, "official"));
    }
}

/* What the brief used to get wrong here: a duration and a count of strikes as the toll, "about
 * 62" where the outlets say 62, a one-word scare quote as a quote, one statement split between
 * two speakers. */
static void leftovers(void **state)
{
    (void)state;
    size_t nkey = nf_brief_key_figure_count(br);
    assert_true(nkey > 0 && nkey <= nf_brief_figure_count(br));
    for (size_t i = 0; i < nf_brief_figure_count(br); i++) {
        const nf_figure *f = nf_brief_figure(br, i);
        assert_int_equal(f->key != 0, i < nkey);
        if (f->unit && strcmp(f->unit, "days") == 0) assert_false(f->key); /* "five days" */
        assert_false(has_ci(f->counted, "strikes killed"));                /* "4 air strikes" */
        if (f->key) /* the count of what caused the toll is no story quantity */
            assert_false(has_ci(f->counted, "air strikes") || has_ci(f->counted, "airstrikes"));
        if (f->value == 62 && f->ndocs >= 3) assert_int_equal(f->qualifier, NF_QUAL_EXACT);
    }
    for (size_t i = 0; i < nf_brief_quote_count(br); i++) {
        const nf_quote *q = nf_brief_quote(br, i);
        size_t words = 0;
        for (const char *p = q->text; *p; p++)
            words += !isspace((unsigned char)*p) && (p == q->text || isspace((unsigned char)p[-1]));
        assert_true(words >= 6); /* "Possible" is no quote */
    }
    /* the coalition's statement of documents 0, 1 and 3 has one speaker */
    const char *sp = NULL;
    size_t n = 0;
    for (size_t i = 0; i < nf_brief_quote_count(br); i++) {
        const nf_quote *q = nf_brief_quote(br, i);
        if (!has_ci(q->text, "was halted immediately when coalition officials")) continue;
        if (sp) assert_string_equal(q->speaker, sp);
        sp = q->speaker;
        n++;
    }
    assert_true(n >= 1);
    assert_non_null(sp);
}

static void sources(void **state)
{
    (void)state;
    size_t a, b;
    bool pair = false;
    for (size_t i = 0; i < nf_brief_duplicate_count(br); i++) {
        assert_int_equal(nf_brief_duplicate(br, i, &a, &b, NULL), NF_OK);
        if (a == 0 && b == 1) pair = true;
    }
    assert_true(pair);
    const nf_source *s0 = nf_brief_source(br, 0);
    assert_int_equal(s0->nduplicates, 1);
    assert_int_equal(s0->duplicates[0], 1);
    assert_string_equal(nf_brief_source(br, 4)->outlet, "CNN");
    /* every span of the brief is inside its document */
    for (size_t i = 0; i < nf_brief_quote_count(br); i++) {
        const nf_quote *q = nf_brief_quote(br, i);
        for (size_t m = 0; m < q->nmentions; m++) {
            size_t len;
            nf_cluster_doc_text(cl, q->mentions[m].doc, &len);
            assert_true(q->mentions[m].start < q->mentions[m].end && q->mentions[m].end <= len);
        }
    }
}

static int setup(void **state)
{
    (void)state;
    if (nf_ctx_new(NULL, NULL, &ctx, NULL) != NF_OK) return -1;
    cl = tu_cluster_from_dir(DEIR);
    if (!cl) return -1;
    return nf_brief_build(ctx, cl, NULL, &br, NULL) == NF_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    nf_brief_free(br);
    nf_cluster_free(cl);
    nf_ctx_free(ctx);
    return 0;
}

int main(void)
{
    if (!tu_have_shared()) return TU_SKIP_EXIT;
    nf_cluster *probe = tu_cluster_from_dir(DEIR);
    if (!probe) {
        fprintf(stderr, "SKIP: %s is absent\n", DEIR);
        return TU_SKIP_EXIT;
    }
    nf_cluster_free(probe);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(killed),  cmocka_unit_test(wounded_and_war_toll),
        cmocka_unit_test(quotes),  cmocka_unit_test(leftovers),
        cmocka_unit_test(sources),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
