/* test_select.c - the sentence selectors through the public API: the budget in every unit and mode,
 * verbatim spans, no near-duplicate or redundant pair, determinism, and the behaviour that tells
 * the algorithms apart (on a small invented cluster written for it). */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model.h"

static const nf_algo algos[] = {NF_ALGO_LEAD,     NF_ALGO_CENTROID, NF_ALGO_LEXRANK,
                                NF_ALGO_TEXTRANK, NF_ALGO_MMR,      NF_ALGO_SUMBASIC};
#define NALGOS (sizeof algos / sizeof algos[0])
/* Every selector, for the properties that must hold for all of them (budget, verbatim spans,
 * redundancy, determinism). */
static const nf_algo every[] = {
    NF_ALGO_AUTO, NF_ALGO_LEAD,     NF_ALGO_CENTROID, NF_ALGO_LEXRANK, NF_ALGO_TEXTRANK,
    NF_ALGO_MMR,  NF_ALGO_SUMBASIC, NF_ALGO_KL,       NF_ALGO_ILP,     NF_ALGO_SUBMODULAR};
#define NEVERY (sizeof every / sizeof every[0])

/* Invented reports of one event. Each opens with an off-topic sentence that shares no content
 * word with anything else; doc 0 sentence 1 and doc 2 sentence 1 are near-duplicates; doc 0
 * sentence 2 and doc 1 sentence 2 say the same words in another order (cosine 1, little shingle
 * overlap); doc 3 sentence 3 is off-topic and the only one about an orchestra (the query test). */
static const char *const bridge_docs[] = {
    "The Marlow county fair awarded its blue ribbon to a pumpkin weighing nine hundred pounds. "
    "Rescue crews pulled four people from the river below the collapsed Varnell bridge on Tuesday "
    "night. Engineers blamed corroded steel cables for the collapse of the Varnell bridge. Traffic "
    "across the river was diverted to the ferry while engineers inspect the remaining spans of the "
    "bridge.\n",
    "A violinist from Oster won the national chamber music competition with a sonata by Brahms. "
    "The Varnell bridge collapsed into the river on Tuesday evening during the rush hour, "
    "officials "
    "said. The collapse of the Varnell bridge was blamed by engineers on steel cables that had "
    "corroded. Divers searched the river for two missing drivers until the current grew too "
    "strong.\n",
    "Local bakers reported a shortage of rye flour after a wet harvest in the northern valleys. "
    "Rescue crews pulled four people from the river below the collapsed Varnell bridge on Tuesday "
    "night, police said. The mayor said the city had warned the state about the Varnell bridge "
    "cables two years ago. Engineers will inspect every bridge across the river with similar steel "
    "cables.\n",
    "Astronomers at the Kelby observatory photographed a comet passing close to Jupiter. Four "
    "people were rescued from the river after the Varnell bridge collapse, and two drivers remain "
    "missing. The mayor ordered engineers to inspect the remaining river bridges before traffic "
    "resumes. The orchestra rehearsal at the Halden conservatory was postponed because the cellist "
    "fell ill.\n",
    "The chess club of Pellam celebrated its centenary with a tournament for schoolchildren. "
    "Engineers said corroded steel cables caused the Varnell bridge to collapse into the river. "
    "Divers resumed the search for two missing drivers on Wednesday as the river calmed. The state "
    "promised money to repair the Varnell bridge and inspect other river crossings.\n",
};
#define NBRIDGE (sizeof bridge_docs / sizeof bridge_docs[0])

static nf_cluster *bridge_cluster(void)
{
    nf_cluster *c = NULL;
    assert_int_equal(nf_cluster_new(NULL, &c), NF_OK);
    for (size_t d = 0; d < NBRIDGE; d++)
        assert_int_equal(nf_cluster_add_text(c, bridge_docs[d], strlen(bridge_docs[d]), NULL, NULL),
                         NF_OK);
    return c;
}

/* Every cluster directory under examples/ and tests/fixtures/clusters/ (sorted), if any. */
#define MAXCL 32
static char *cl_dirs[MAXCL];
static size_t ncl_dirs;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int setup(void **state)
{
    (void)state;
    static const char *const roots[] = {NF_SOURCE_DIR "/examples",
                                        NF_SOURCE_DIR "/tests/fixtures/clusters"};
    for (size_t r = 0; r < 2; r++) {
        DIR *d = opendir(roots[r]);
        if (!d) continue;
        struct dirent *e;
        while ((e = readdir(d)) && ncl_dirs < MAXCL) {
            if (e->d_name[0] == '.') continue;
            size_t len = strlen(roots[r]) + strlen(e->d_name) + 2;
            char *p = malloc(len);
            snprintf(p, len, "%s/%s", roots[r], e->d_name);
            struct stat st;
            if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
                cl_dirs[ncl_dirs++] = p;
            else
                free(p);
        }
        closedir(d);
    }
    qsort(cl_dirs, ncl_dirs, sizeof *cl_dirs, cmp_str);
    if (!ncl_dirs) fprintf(stderr, "note: no cluster under examples/ or fixtures; invented only\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < ncl_dirs; i++) free(cl_dirs[i]);
    return 0;
}

/* Cluster k: the invented one first, then the directories. */
static size_t ncl(void) { return 1 + ncl_dirs; }
static nf_cluster *cluster_at(size_t k)
{
    if (k == 0) return bridge_cluster();
    nf_cluster *c = tu_cluster_from_dir(cl_dirs[k - 1]);
    assert_non_null(c);
    assert_true(nf_cluster_doc_count(c) > 0);
    return c;
}

static size_t cluster_words(const nf_cluster *c)
{
    size_t w = 0;
    for (size_t d = 0; d < nf_cluster_doc_count(c); d++) {
        size_t len;
        const char *t = nf_cluster_doc_text(c, d, &len);
        w += nf_count_words(t, len);
    }
    return w;
}

/* The cluster sentence an output sentence came from. */
static const nf__sent *sent_of(const nf_cluster *c, const nf_sentence *it)
{
    assert_true(it->doc < c->ndocs);
    assert_true(it->index < c->docs[it->doc].nsents);
    const nf__sent *t = &c->sents[c->docs[it->doc].first_sent + it->index];
    assert_int_equal(t->start, it->start);
    assert_int_equal(t->end, it->end);
    return t;
}

static char *render_json(const nf_cluster *c, const nf_summary *s, const nf_options *o)
{
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(nf_render(c, s, o, NF_FORMAT_JSON, &out, &len, NULL), NF_OK);
    assert_non_null(out);
    assert_int_equal(strlen(out), len);
    return out;
}

/* Jaccard of the sentences' sets of consecutive term-id triples: the near-duplicate measure of
 * the repr stage (stopwords included), recomputed here by brute force. */
static double jaccard3(const nf__sent *a, const nf__sent *b)
{
    if (a->nterms < 3 || b->nterms < 3) return 0.0;
    size_t na = 0, nb = 0, shared = 0;
    for (uint32_t i = 0; i + 2 < a->nterms; i++) {
        bool seen = false, in_b = false;
        for (uint32_t k = 0; k < i && !seen; k++)
            seen = !memcmp(a->terms + k, a->terms + i, 3 * sizeof *a->terms);
        if (seen) continue;
        na++;
        for (uint32_t j = 0; j + 2 < b->nterms && !in_b; j++)
            in_b = !memcmp(b->terms + j, a->terms + i, 3 * sizeof *a->terms);
        shared += in_b;
    }
    for (uint32_t j = 0; j + 2 < b->nterms; j++) {
        bool seen = false;
        for (uint32_t k = 0; k < j && !seen; k++)
            seen = !memcmp(b->terms + k, b->terms + j, 3 * sizeof *b->terms);
        nb += !seen;
    }
    return (double)shared / (double)(na + nb - shared);
}

/* The gap a byte cut leaves at the end: whitespace, then at most an incomplete UTF-8 character. */
static void check_byte_cut(const char *gap, size_t n)
{
    size_t k = 0;
    while (k < n && nf__isspace((unsigned char)gap[k])) k++;
    if (k == n) return;
    unsigned char b = (unsigned char)gap[k];
    size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    assert_true(need > 1 && n - k < need);
}

/* Every property that must hold for one summary. */
static void check_summary(const nf_cluster *c, const nf_summary *s, const nf_options *o,
                          size_t total_words)
{
    size_t n = nf_summary_count(s), words = 0, bytes = 0;
    if (o->budget == 0) assert_int_equal(n, 0);
    const nf__sent **picked = calloc(n ? n : 1, sizeof *picked);
    for (size_t k = 0; k < n; k++) {
        const nf_sentence *it = nf_summary_get(s, k);
        assert_non_null(it);
        size_t dlen;
        const char *dt = nf_cluster_doc_text(c, it->doc, &dlen);
        assert_true(it->start < it->end && it->end <= dlen);
        assert_ptr_equal(it->text, dt + it->start);
        assert_memory_equal(it->text, dt + it->start, it->len);
        assert_int_equal(it->words, nf_count_words(it->text, it->len));
        if (it->truncated) {
            assert_true(o->flags & NF_OPT_TRUNCATE);
            assert_int_equal(k, n - 1); /* only the last one is cut */
            assert_true(it->len > 0 && it->len < it->end - it->start);
        } else {
            assert_int_equal(it->len, it->end - it->start);
        }
        picked[k] = sent_of(c, it);
        words += it->words;
        bytes += it->len;
    }
    size_t used = o->unit == NF_UNIT_WORDS ? words : o->unit == NF_UNIT_BYTES ? bytes : n;
    assert_true(used <= o->budget);
    nf_stats st;
    nf_summary_stats(s, &st);
    assert_int_equal(st.summary_words, words);
    assert_int_equal(st.summary_bytes, bytes);
    /* DUC style: under --truncate the summary is exactly the budget when the input is long enough
     * (budgets up to 100 and clusters of several hundred words); a byte cut only backs off to a
     * character boundary and drops trailing whitespace */
    if ((o->flags & NF_OPT_TRUNCATE) && o->unit != NF_UNIT_SENTENCES && o->budget > 0 &&
        o->budget <= 100 && total_words > 4 * o->budget) {
        if (o->unit == NF_UNIT_WORDS) {
            assert_int_equal(words, o->budget);
        } else if (bytes != o->budget) {
            const nf_sentence *it = nf_summary_get(s, n - 1);
            assert_true(it->truncated);
            size_t room = o->budget - (bytes - it->len);
            check_byte_cut(it->text + it->len, room - it->len);
        }
    }
    /* no near-duplicate pair, nothing over the redundancy threshold */
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++) {
            assert_true(jaccard3(picked[a], picked[b]) < o->dup_threshold);
            assert_true(nf__cosine(picked[a], picked[b]) <= o->redundancy + 1e-9);
            assert_false(picked[a]->dup_of >= 0 && &c->sents[picked[a]->dup_of] == picked[b]);
            assert_false(picked[b]->dup_of >= 0 && &c->sents[picked[b]->dup_of] == picked[a]);
        }
    free(picked);
}

static void budgets_hold_in_every_mode(void **state)
{
    (void)state;
    static const size_t budgets[] = {0, 1, 17, 100, 1000000000};
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
    for (size_t k = 0; k < ncl(); k++) {
        nf_cluster *c = cluster_at(k);
        size_t total = cluster_words(c);
        for (size_t a = 0; a < NEVERY; a++)
            for (unsigned u = NF_UNIT_WORDS; u <= NF_UNIT_SENTENCES; u++)
                for (int trunc = 0; trunc < 2; trunc++)
                    for (size_t b = 0; b < sizeof budgets / sizeof budgets[0]; b++) {
                        nf_options o;
                        nf_options_init(&o);
                        o.algo = every[a];
                        o.unit = (nf_unit)u;
                        o.budget = budgets[b];
                        o.flags = trunc ? NF_OPT_TRUNCATE : 0;
                        nf_summary *s = NULL;
                        nf_error err;
                        nf_status st = nf_summarize(ctx, c, &o, &s, &err);
                        if (st != NF_OK)
                            fail_msg("%s unit %u trunc %d budget %zu: %s", nf_algo_name(o.algo), u,
                                     trunc, budgets[b], err.msg);
                        check_summary(c, s, &o, total);
                        /* a sentence of 17 words or a 100-byte one exists in every cluster */
                        if ((u != NF_UNIT_BYTES && budgets[b] >= 17) || budgets[b] >= 100 ||
                            (trunc && budgets[b] > 0))
                            if (nf_summary_count(s) == 0)
                                fail_msg("%s unit %u trunc %d budget %zu: empty",
                                         nf_algo_name(o.algo), u, trunc, budgets[b]);
                        nf_summary_free(s);
                    }
        nf_cluster_free(c);
    }
    nf_ctx_free(ctx);
}

/* Redundancy is enforced by every selector itself, also when near-duplicates are not dropped
 * before selection (the planted copy then is a candidate and only the cosine check stops it). */
static void redundancy_without_dedup(void **state)
{
    (void)state;
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
    for (size_t k = 0; k < ncl(); k++) {
        nf_cluster *c = cluster_at(k);
        size_t total = cluster_words(c);
        for (size_t a = 0; a < NEVERY; a++) {
            nf_options o;
            nf_options_init(&o);
            o.algo = every[a];
            o.budget = 1000000000;
            o.flags = NF_OPT_NO_DEDUP;
            nf_summary *s = NULL;
            assert_int_equal(nf_summarize(ctx, c, &o, &s, NULL), NF_OK);
            /* a near-duplicate pair has a cosine near 1, over the redundancy threshold */
            o.dup_threshold = 2.0;
            check_summary(c, s, &o, total);
            nf_summary_free(s);
        }
        nf_cluster_free(c);
    }
    nf_ctx_free(ctx);
}

/* The planted near-duplicate pair of the invented cluster is one, and only its first is used. */
static void planted_pairs_are_what_the_tests_assume(void **state)
{
    (void)state;
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
    nf_cluster *c = bridge_cluster();
    nf_options o;
    nf_options_init(&o);
    assert_int_equal(nf_cluster_analyze(ctx, c, &o, NULL), NF_OK);
    for (size_t d = 0; d < NBRIDGE; d++) assert_int_equal(c->docs[d].nsents, 4);
    const nf__sent *dupa = &c->sents[c->docs[0].first_sent + 1];
    const nf__sent *dupb = &c->sents[c->docs[2].first_sent + 1];
    assert_true(jaccard3(dupa, dupb) >= o.dup_threshold);
    assert_int_equal(dupb->dup_of, (int32_t)(c->docs[0].first_sent + 1));
    const nf__sent *para = &c->sents[c->docs[0].first_sent + 2];
    const nf__sent *parb = &c->sents[c->docs[1].first_sent + 2];
    assert_true(nf__cosine(para, parb) > 0.95);
    assert_true(jaccard3(para, parb) < o.dup_threshold);
    /* the opening sentences and the orchestra one share no content word with any other */
    for (size_t d = 0; d <= NBRIDGE; d++) {
        size_t i = d < NBRIDGE ? c->docs[d].first_sent : c->docs[3].first_sent + 3;
        for (size_t j = 0; j < c->nsents; j++)
            if (j != i) assert_true(nf__cosine(&c->sents[i], &c->sents[j]) == 0.0);
    }
    nf_cluster_free(c);
    nf_ctx_free(ctx);
}

static nf_summary *run(nf_ctx *ctx, nf_cluster *c, nf_algo algo, nf_unit unit, size_t budget,
                       double redundancy, const char *query)
{
    nf_options o;
    nf_options_init(&o);
    o.algo = algo;
    o.unit = unit;
    o.budget = budget;
    o.order = NF_ORDER_RANK;
    o.redundancy = redundancy;
    o.query = query;
    o.query_len = query ? strlen(query) : 0;
    nf_summary *s = NULL;
    nf_error err;
    if (nf_summarize(ctx, c, &o, &s, &err) != NF_OK)
        fail_msg("%s: %s", nf_algo_name(algo), err.msg);
    return s;
}

static void output_is_deterministic(void **state)
{
    (void)state;
    nf_ctx *ctx1 = NULL, *ctx2 = NULL;
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx1, NULL), NF_OK);
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx2, NULL), NF_OK);
    for (size_t k = 0; k < ncl(); k++) {
        nf_cluster *c1 = cluster_at(k), *c2 = cluster_at(k);
        for (size_t a = 0; a < NEVERY; a++)
            for (int q = 0; q < 2; q++) {
                nf_options o;
                nf_options_init(&o);
                o.algo = every[a];
                o.budget = 120;
                o.query = q ? "bridge cables election votes fire warehouse flood" : NULL;
                o.query_len = q ? strlen(o.query) : 0;
                nf_summary *s1 = NULL, *s2 = NULL, *s3 = NULL;
                /* a second call on the same cluster, and a fresh cluster in another context */
                assert_int_equal(nf_summarize(ctx1, c1, &o, &s1, NULL), NF_OK);
                assert_int_equal(nf_summarize(ctx1, c1, &o, &s2, NULL), NF_OK);
                assert_int_equal(nf_summarize(ctx2, c2, &o, &s3, NULL), NF_OK);
                char *j1 = render_json(c1, s1, &o), *j2 = render_json(c1, s2, &o),
                     *j3 = render_json(c2, s3, &o);
                assert_true(nf_summary_count(s1) > 0);
                assert_string_equal(j1, j2);
                assert_string_equal(j1, j3);
                nf_string_free(c1, j1);
                nf_string_free(c1, j2);
                nf_string_free(c2, j3);
                nf_summary_free(s1);
                nf_summary_free(s2);
                nf_summary_free(s3);
            }
        nf_cluster_free(c1);
        nf_cluster_free(c2);
    }
    nf_ctx_free(ctx1);
    nf_ctx_free(ctx2);
}

/* Lead takes each document's first sentence, in document order. */
static void lead_takes_first_sentences(void **state)
{
    (void)state;
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
    nf_cluster *c = bridge_cluster();
    nf_summary *s = run(ctx, c, NF_ALGO_LEAD, NF_UNIT_SENTENCES, NBRIDGE, 1.5, NULL);
    assert_int_equal(nf_summary_count(s), NBRIDGE);
    for (size_t k = 0; k < NBRIDGE; k++) {
        assert_int_equal(nf_summary_get(s, k)->doc, k);
        assert_int_equal(nf_summary_get(s, k)->index, 0);
    }
    nf_summary_free(s);
    nf_cluster_free(c);
    nf_ctx_free(ctx);
}

/* An opening sentence shares nothing with the rest: no graph or centroid method may rank it
 * first, and none may rank the orchestra sentence first either. */
static void central_methods_skip_isolated_sentences(void **state)
{
    (void)state;
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
    nf_cluster *c = bridge_cluster();
    for (size_t a = 1; a < NALGOS; a++) {
        nf_summary *s = run(ctx, c, algos[a], NF_UNIT_SENTENCES, 3, 1.5, NULL);
        assert_int_equal(nf_summary_count(s), 3);
        for (size_t k = 0; k < 3; k++) {
            const nf_sentence *it = nf_summary_get(s, k);
            if (it->index == 0 || (it->doc == 3 && it->index == 3))
                fail_msg("%s picked isolated sentence %zu:%zu", nf_algo_name(algos[a]), it->doc,
                         it->index);
        }
        /* scores are best first in rank order */
        for (size_t k = 1; k < 3 && algos[a] != NF_ALGO_MMR && algos[a] != NF_ALGO_SUMBASIC; k++)
            assert_true(nf_summary_get(s, k - 1)->score >= nf_summary_get(s, k)->score);
        nf_summary_free(s);
    }
    nf_cluster_free(c);
    nf_ctx_free(ctx);
}

/* A query about the orchestra makes its only sentence the first pick (biased PageRank prior for
 * the graph methods, relevance for MMR and centroid). */
static void query_moves_the_ranking(void **state)
{
    (void)state;
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
    nf_cluster *c = bridge_cluster();
    static const nf_algo qa[] = {NF_ALGO_CENTROID, NF_ALGO_LEXRANK, NF_ALGO_TEXTRANK, NF_ALGO_MMR};
    for (size_t a = 0; a < sizeof qa / sizeof qa[0]; a++) {
        nf_summary *s =
            run(ctx, c, qa[a], NF_UNIT_SENTENCES, 2, 0.5, "orchestra rehearsal cellist");
        const nf_sentence *it = nf_summary_get(s, 0);
        assert_non_null(it);
        if (it->doc != 3 || it->index != 3)
            fail_msg("%s with a query picked %zu:%zu first", nf_algo_name(qa[a]), it->doc,
                     it->index);
        nf_summary_free(s);
    }
    nf_cluster_free(c);
    nf_ctx_free(ctx);
}

/* MMR's diversity term works on its own: with the redundancy threshold off it still does not
 * take two sentences with the same words, which a relevance ranking would put side by side. */
static void mmr_diversifies_without_threshold(void **state)
{
    (void)state;
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
    nf_cluster *c = bridge_cluster();
    nf_summary *s = run(ctx, c, NF_ALGO_MMR, NF_UNIT_SENTENCES, 4, 1.5, NULL);
    assert_int_equal(nf_summary_count(s), 4);
    const nf__sent *p[4];
    for (size_t k = 0; k < 4; k++) p[k] = sent_of(c, nf_summary_get(s, k));
    for (size_t a = 0; a < 4; a++)
        for (size_t b = a + 1; b < 4; b++) assert_true(nf__cosine(p[a], p[b]) < 0.9);
    /* and MMR scores fall as the chosen set grows */
    for (size_t k = 1; k < 4; k++)
        assert_true(nf_summary_get(s, k - 1)->score >= nf_summary_get(s, k)->score);
    nf_summary_free(s);
    nf_cluster_free(c);
    nf_ctx_free(ctx);
}

/* SumBasic's first pick contains the most frequent content word of the cluster; later picks
 * follow the squared probabilities, so its summary is not the first pick's neighbours. */
static void sumbasic_starts_from_the_most_frequent_word(void **state)
{
    (void)state;
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
    for (size_t k = 0; k < ncl(); k++) {
        nf_cluster *c = cluster_at(k);
        nf_summary *s = run(ctx, c, NF_ALGO_SUMBASIC, NF_UNIT_SENTENCES, 1, 0.5, NULL);
        assert_int_equal(nf_summary_count(s), 1);
        size_t nt = c->terms.n;
        size_t *cnt = calloc(nt, sizeof *cnt);
        for (size_t i = 0; i < c->nsents; i++) {
            const nf__sent *t = &c->sents[i];
            if (t->flags & NF__S_DUP) continue;
            for (uint32_t j = 0; j < t->nterms; j++)
                if (!c->terms.stop[t->terms[j]]) cnt[t->terms[j]]++;
        }
        size_t top = 0;
        for (size_t t = 1; t < nt; t++)
            if (cnt[t] > cnt[top]) top = t;
        const nf__sent *first = sent_of(c, nf_summary_get(s, 0));
        bool has = false;
        for (uint32_t j = 0; j < first->nv; j++) has = has || first->vt[j] == top;
        assert_true(has);
        free(cnt);
        nf_summary_free(s);
        nf_cluster_free(c);
    }
    nf_ctx_free(ctx);
}

/* The algorithms are not one algorithm: every pair picks a different 100-word summary on at least
 * one cluster. */
static void algorithms_differ(void **state)
{
    (void)state;
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
    size_t n = ncl();
    char **sig = calloc(n * NALGOS, sizeof *sig);
    for (size_t k = 0; k < n; k++) {
        nf_cluster *c = cluster_at(k);
        for (size_t a = 0; a < NALGOS; a++) {
            nf_summary *s = run(ctx, c, algos[a], NF_UNIT_WORDS, 100, 0.5, NULL);
            char *p = malloc(32 * nf_summary_count(s) + 1);
            size_t len = 0;
            for (size_t i = 0; i < nf_summary_count(s); i++) {
                const nf_sentence *it = nf_summary_get(s, i);
                len += (size_t)snprintf(p + len, 32, "%zu:%zu ", it->doc, it->index);
            }
            p[len] = '\0';
            sig[k * NALGOS + a] = p;
            nf_summary_free(s);
        }
        nf_cluster_free(c);
    }
    for (size_t a = 0; a < NALGOS; a++)
        for (size_t b = a + 1; b < NALGOS; b++) {
            bool differ = false;
            for (size_t k = 0; k < n; k++)
                differ = differ || strcmp(sig[k * NALGOS + a], sig[k * NALGOS + b]) != 0;
            if (!differ)
                fail_msg("%s and %s agree on every cluster", nf_algo_name(algos[a]),
                         nf_algo_name(algos[b]));
        }
    for (size_t i = 0; i < n * NALGOS; i++) free(sig[i]);
    free(sig);
    nf_ctx_free(ctx);
}

/* More candidates than the graph methods put in their dense graph: they must still finish and
 * hold the budget. The text is generated from invented syllables. */
static void graph_methods_bound_large_inputs(void **state)
{
    (void)state;
    static const char *const syl[] = {"ka",  "lo", "mi", "ren", "tu", "sa",  "vor", "el",
                                      "dun", "pe", "ri", "gos", "ta", "bel", "nor", "qui"};
    size_t cap = 1u << 20, len = 0;
    char *text = malloc(cap);
    uint32_t x = 12345;
    for (int i = 0; i < 3000; i++) {
        for (int w = 0; w < 9; w++) {
            for (int k = 0; k < 3; k++) {
                x = x * 1103515245u + 12345u;
                const char *p = syl[(x >> 16) % 16];
                size_t l = strlen(p);
                memcpy(text + len, p, l);
                if (w == 0 && k == 0) text[len] = (char)(text[len] - 'a' + 'A');
                len += l;
            }
            text[len++] = w == 8 ? '.' : ' ';
        }
        text[len++] = (i % 5 == 4) ? '\n' : ' ';
    }
    nf_ctx *ctx = NULL;
    nf_cluster *c = NULL;
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
    assert_int_equal(nf_cluster_new(NULL, &c), NF_OK);
    assert_int_equal(nf_cluster_add_text(c, text, len, NULL, NULL), NF_OK);
    static const nf_algo big[] = {NF_ALGO_LEXRANK, NF_ALGO_TEXTRANK};
    for (size_t a = 0; a < 2; a++) {
        nf_summary *s = run(ctx, c, big[a], NF_UNIT_WORDS, 100000, 0.5, NULL);
        nf_stats st;
        nf_summary_stats(s, &st);
        if (st.candidates <= 2000)
            fail_msg("%zu sentences, %zu candidates", st.sentences, st.candidates);
        assert_true(st.summary_words <= 100000);
        assert_true(nf_summary_count(s) > 0);
        nf_summary_free(s);
    }
    nf_cluster_free(c);
    nf_ctx_free(ctx);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(planted_pairs_are_what_the_tests_assume),
        cmocka_unit_test(budgets_hold_in_every_mode),
        cmocka_unit_test(redundancy_without_dedup),
        cmocka_unit_test(output_is_deterministic),
        cmocka_unit_test(lead_takes_first_sentences),
        cmocka_unit_test(central_methods_skip_isolated_sentences),
        cmocka_unit_test(query_moves_the_ranking),
        cmocka_unit_test(mmr_diversifies_without_threshold),
        cmocka_unit_test(sumbasic_starts_from_the_most_frequent_word),
        cmocka_unit_test(algorithms_differ),
        cmocka_unit_test(graph_methods_bound_large_inputs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
