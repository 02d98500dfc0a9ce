/* test_brief_lexicon.c - data/brief_lexicon.txt, the brief's word classes: the embedded file
 * parses, lists every word once, and gives the classes the rules expect; the parser names the line
 * of a malformed entry, maps every class name to its LX_* bit and merges a repeated word; the
 * build-time table is the parse. Also the brief's whitespace collapsing against its definition. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief/brief.h"
#include "brief/lexicon.h"
#include "core/data.h"

static const char *data_text(void) { return (const char *)nf__data_brief_lexicon_txt; }

static nf_status parse(nf__arena *a, const char *text, nf__lexicon **lx, size_t *line,
                       size_t *repeated)
{
    return nf__lexicon_parse(a, text, strlen(text), lx, line, repeated);
}

static const nf__lex *find(const nf__lexicon *lx, const char *w)
{
    return nf__lex_find(lx, w, strlen(w));
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void embedded_file_parses(void **state)
{
    (void)state;
    nf__arena *a = nf__arena_new(NULL);
    nf__lexicon *lx = NULL;
    size_t line = 99, repeated = 99;
    assert_int_equal(
        nf__lexicon_parse(a, data_text(), nf__data_brief_lexicon_txt_len, &lx, &line, &repeated),
        NF_OK);
    assert_non_null(lx);
    assert_int_equal(line, 0);
    assert_int_equal(repeated, 0);
    assert_true(lx->n > 700);
    /* nf__lexicon_new is the table gen_lexicon made at build time from the same file with the
     * same parser: slot for slot and entry for entry what this parse built */
    const nf__lexicon *bi = nf__lexicon_new();
    assert_non_null(bi);
    assert_int_equal(bi->n, lx->n);
    assert_int_equal(bi->cap, lx->cap);
    assert_memory_equal(bi->slot, lx->slot, lx->cap * sizeof *lx->slot);
    for (size_t i = 0; i < lx->n; i++) {
        const nf__lex *x = &bi->ent[i], *y = &lx->ent[i];
        assert_string_equal(x->word, y->word);
        assert_int_equal(x->flags, y->flags);
        assert_true(x->value == y->value);
        assert_true((x->aux == NULL) == (y->aux == NULL));
        if (x->aux) assert_string_equal(x->aux, y->aux);
        assert_int_equal(x->ev, y->ev);
        assert_int_equal(x->len, y->len);
        assert_int_equal(nf__lex_flags[i + 1], y->flags); /* what a token's li reads */
    }
    assert_int_equal(nf__lex_flags[0], 0);
    printf("lexicon: %zu words, %zu slots\n", bi->n, bi->cap);
    nf__arena_free(a);
}

/* A unit word's aux becomes a figure's unit: the brief keeps the lexicon's string, so it must
 * outlive the context (valgrind and ASan runs would catch a read after nf_ctx_free). */
static void figure_units_outlive_the_context(void **state)
{
    (void)state;
    const char *text = "The storm flooded 120 kilometres of coast, officials said on Monday.";
    nf_ctx *ctx = NULL;
    nf_cluster *c = NULL;
    nf_brief *b = NULL;
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
    assert_int_equal(nf_cluster_new(NULL, &c), NF_OK);
    assert_int_equal(nf_cluster_add_text(c, text, strlen(text), NULL, NULL), NF_OK);
    assert_int_equal(nf_brief_build(ctx, c, NULL, &b, NULL), NF_OK);
    nf_ctx_free(ctx);
    assert_int_equal(nf_brief_figure_count(b), 1);
    const nf_figure *f = nf_brief_figure(b, 0);
    assert_true(f->value == 120);
    assert_non_null(f->unit);
    assert_string_equal(f->unit, "km");
    assert_ptr_equal(f->unit, find(nf__lexicon_new(), "kilometres")->aux);
    nf_brief_free(b);
    nf_cluster_free(c);
}

/* Independent of the parser: the first fields of the entry lines, sorted, have no neighbours
 * alike. */
static void no_word_listed_twice(void **state)
{
    (void)state;
    const char *p = data_text();
    size_t n = nf__data_brief_lexicon_txt_len, nwords = 0;
    char **words = calloc(n / 2 + 1, sizeof *words);
    assert_non_null(words);
    for (size_t i = 0, e; i < n; i = e + 1) {
        for (e = i; e < n && p[e] != '\n';) e++;
        if (e == i || p[i] == '#') continue;
        size_t w = i;
        while (w < e && p[w] != ' ' && p[w] != '\t') w++;
        words[nwords] = calloc(w - i + 1, 1);
        assert_non_null(words[nwords]);
        memcpy(words[nwords++], p + i, w - i);
    }
    qsort(words, nwords, sizeof *words, cmp_str);
    size_t dups = 0;
    for (size_t i = 1; i < nwords; i++)
        if (strcmp(words[i - 1], words[i]) == 0) {
            printf("listed twice: %s\n", words[i]);
            dups++;
        }
    assert_int_equal(dups, 0);
    assert_true(nwords > 700);
    for (size_t i = 0; i < nwords; i++) free(words[i]);
    free(words);
}

/* What the rules rely on, read through the same lookups they use. */
static void classes_the_rules_expect(void **state)
{
    (void)state;
    nf__arena *a = nf__arena_new(NULL);
    const nf__lexicon *lx = nf__lexicon_new();
    assert_non_null(lx);
    const nf__lex *e = find(lx, "One");
    assert_non_null(e);
    assert_int_equal(e->flags, LX_NUMWORD | LX_STARTER);
    assert_true(e->value == 1);
    e = find(lx, "TRILLION");
    assert_non_null(e);
    assert_true(e->value == 1e12);
    e = find(lx, "kilometres");
    assert_non_null(e);
    assert_string_equal(e->aux, "km");
    e = find(lx, "dead");
    assert_non_null(e);
    assert_int_equal(e->flags, LX_HUMAN | LX_EVENT);
    assert_int_equal(e->ev, EV_KILLED);
    assert_string_equal(nf__event_name(e->ev), "killed");
    e = find(lx, "given"); /* listed without a class: still a known word */
    assert_non_null(e);
    assert_int_equal(e->flags, 0);
    e = find(lx, "now");
    assert_non_null(e);
    assert_int_equal(e->flags, LX_AUX | LX_UPDATE | LX_ADV);
    e = find(lx, "sunday");
    assert_non_null(e);
    assert_true(e->value == 6);
    assert_int_equal(e->len, 6);
    assert_null(find(lx, "harbour"));
    assert_null(find(lx, "averyveryverylongword"));
    /* the hash the tokenizer computes finds the same entry */
    assert_ptr_equal(nf__lex_find_h(lx, "Said", 4, nf__lex_hash("SAID", 4)), find(lx, "said"));
    nf__arena_free(a);
}

static void class_names_map_to_their_bits(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        uint32_t bit;
    } cls[] = {
        {"numword", LX_NUMWORD},   {"scale", LX_SCALE},       {"vague", LX_VAGUE},
        {"month", LX_MONTH},       {"weekday", LX_WEEKDAY},   {"timeunit", LX_TIMEUNIT},
        {"unit", LX_UNIT},         {"currency", LX_CURRENCY}, {"speech", LX_SPEECH},
        {"qverb", LX_QVERB},       {"title", LX_TITLE},       {"role", LX_ROLE},
        {"org", LX_ORG},           {"human", LX_HUMAN},       {"measure", LX_MEASURE},
        {"generic", LX_GENERIC},   {"boundary", LX_BOUNDARY}, {"prep", LX_PREP},
        {"adv", LX_ADV},           {"det", LX_DET},           {"pronoun", LX_PRONOUN},
        {"aux", LX_AUX},           {"street", LX_STREET},     {"clock", LX_CLOCK},
        {"particle", LX_PARTICLE}, {"anon", LX_ANON},         {"timerel", LX_TIMEREL},
        {"update", LX_UPDATE},     {"starter", LX_STARTER},   {"placeprep", LX_PLACEPREP},
        {"relday", LX_RELDAY},
    };
    for (size_t i = 0; i < sizeof cls / sizeof cls[0]; i++) {
        nf__arena *a = nf__arena_new(NULL);
        char line[64];
        snprintf(line, sizeof line, "w %s\n", cls[i].name);
        nf__lexicon *lx = NULL;
        assert_int_equal(parse(a, line, &lx, NULL, NULL), NF_OK);
        assert_int_equal(find(lx, "w")->flags, cls[i].bit);
        nf__arena_free(a);
    }
    nf__arena *a = nf__arena_new(NULL);
    nf__lexicon *lx = NULL;
    assert_int_equal(parse(a, "w event event=rescued", &lx, NULL, NULL), NF_OK);
    assert_int_equal(find(lx, "w")->flags, LX_EVENT);
    assert_int_equal(find(lx, "w")->ev, EV_RESCUED);
    nf__arena_free(a);
}

static void parse_errors_name_the_line(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "Said speech",                 /* uppercase: lookups fold, it could never match */
        "said",                        /* no class field */
        "said speach",                 /* unknown class */
        "said speech,",                /* empty class name */
        "said speech value=1x",        /* not an integer */
        "said speech value=-1",        /* negative */
        "said speech value=1 value=2", /* repeated field */
        "said speech colour=red",      /* unknown field */
        "said speech aux=",            /* empty aux */
        "killed event",                /* the event class without its event */
        "killed human event=killed",   /* an event without the event class */
        "killed event event=exploded", /* unknown event */
        " said speech",                /* indented */
        "seventeenletterss numword",   /* longer than a token lookup reads */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "# comment\n\nok -\n%s\nlater speech\n", bad[i]);
        nf__arena *a = nf__arena_new(NULL);
        nf__lexicon *lx = NULL;
        size_t line = 0;
        if (parse(a, text, &lx, &line, NULL) != NF_EINVAL) fail_msg("accepted: %s", bad[i]);
        assert_int_equal(line, 4);
        assert_null(lx);
        nf__arena_free(a);
    }
}

/* Bytes that end a field without ending the line: a control byte, a NUL inside the text. */
static void control_bytes_are_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t len;
        size_t line;
    } bad[] = {
#define T(lit) lit, sizeof(lit) - 1
        {T("ok -\nsaid\x01 speech\n"), 2},
        {T("ok -\nsaid speech value=1\x01\n"), 2},
        {T("ok -\nsaid speech\0 x\nlater speech\n"), 2},
        {T("ok -\n\0\nlater speech\n"), 2},
#undef T
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        nf__arena *a = nf__arena_new(NULL);
        nf__lexicon *lx = NULL;
        size_t line = 0;
        assert_int_equal(nf__lexicon_parse(a, bad[i].text, bad[i].len, &lx, &line, NULL),
                         NF_EINVAL);
        assert_int_equal(line, bad[i].line);
        nf__arena_free(a);
    }
}

static void repeated_word_is_merged(void **state)
{
    (void)state;
    nf__arena *a = nf__arena_new(NULL);
    nf__lexicon *lx = NULL;
    size_t repeated = 0;
    const char *text = "# two lines, one word\r\n"
                       "said\tspeech\r\n"
                       "   \r\n"
                       "said starter value=3 aux=x\r\n"
                       "said adv value=4 aux=y\n"
                       "told speech";
    assert_int_equal(parse(a, text, &lx, NULL, &repeated), NF_OK);
    assert_int_equal(repeated, 2);
    assert_int_equal(lx->n, 2);
    const nf__lex *e = find(lx, "said");
    assert_int_equal(e->flags, LX_SPEECH | LX_STARTER | LX_ADV);
    assert_true(e->value == 3);
    assert_string_equal(e->aux, "x");
    assert_non_null(find(lx, "told")); /* last line without a newline */
    nf__arena_free(a);
}

/* data/brief_words.txt parses, each list holds what the rules name, no word twice in a list. */
static void word_lists(void **state)
{
    (void)state;
    assert_true(nf__wl_ok());
    assert_true(nf__wl_has(NF__WL_ABOUT, "Nearly", 6));
    assert_true(nf__wl_has(NF__WL_EXCEED, "topped", 6));
    assert_true(nf__wl_has(NF__WL_FORECAST, "EXPECTED", 8));
    assert_true(nf__wl_has(NF__WL_DATA, "figures", 7));
    assert_true(nf__wl_has(NF__WL_PLACE_OWNER, "city", 4));
    assert_false(nf__wl_has(NF__WL_PLACE_OWNER, "figures", 7)); /* lists are apart */
    assert_false(nf__wl_has(NF__WL_MARGIN, "lead", 4));
    assert_false(nf__wl_has(NF__WL_COUNT, "about", 5));
    /* the build-time table is a parse of the embedded file */
    static nf__wl_table t;
    assert_true(
        nf__wl_parse((const char *)nf__data_brief_words_txt, nf__data_brief_words_txt_len, &t));
    assert_int_equal(t.n, nf__wl_builtin.n);
    for (size_t h = 0; h < NF__WL_CAP; h++) {
        const nf__wl_slot *x = &nf__wl_builtin.slot[h], *y = &t.slot[h];
        assert_true((x->p == NULL) == (y->p == NULL));
        if (!x->p) continue;
        assert_int_equal(x->n, y->n);
        assert_int_equal(x->list, y->list);
        assert_memory_equal(x->p, y->p, y->n);
    }
    assert_memory_equal(t.len, nf__wl_builtin.len, sizeof t.len);
    assert_memory_equal(t.first, nf__wl_builtin.first, sizeof t.first);
    /* no word twice in one list (the file, read line by line) */
    const char *p = (const char *)nf__data_brief_words_txt;
    size_t n = nf__data_brief_words_txt_len;
    static char seen[16384]; /* every "|list:word|" of the file, one after another */
    seen[0] = '\0';
    size_t used = 0;
    const char *q = p, *end = p + n;
    while (q < end) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        const char *le = nl ? nl : end;
        if (q < le && *q != '#') {
            const char *c = memchr(q, ':', (size_t)(le - q));
            assert_non_null(c);
            for (const char *x = c + 1; x < le;) {
                while (x < le && *x == ' ') x++;
                const char *wd = x;
                while (x < le && *x != ' ') x++;
                if (x == wd) continue;
                char key[128];
                int kl =
                    snprintf(key, sizeof key, "|%.*s:%.*s|", (int)(c - q), q, (int)(x - wd), wd);
                assert_true(kl > 0 && (size_t)kl < sizeof key);
                assert_null(strstr(seen, key));
                assert_true(used + (size_t)kl < sizeof seen);
                memcpy(seen + used, key, (size_t)kl + 1);
                used += (size_t)kl;
            }
        }
        q = le + 1;
    }
}

/* The alias table made at build time is a parse of the embedded data/brief_aliases.txt. */
static void aliases_builtin_is_the_parse(void **state)
{
    (void)state;
    nf__arena *a = nf__arena_new(NULL);
    nf__aliases al;
    assert_true(nf__aliases_parse(a, (const char *)nf__data_brief_aliases_txt,
                                  nf__data_brief_aliases_txt_len, &al));
    const nf__aliases *bi = &nf__aliases_builtin;
    assert_true(al.n > 40);
    assert_int_equal(bi->n, al.n);
    assert_int_equal(bi->cap, al.cap);
    assert_memory_equal(bi->map, al.map, al.cap * sizeof *al.map);
    for (size_t i = 0; i < al.n; i++) {
        assert_string_equal(bi->from[i], al.from[i]);
        assert_string_equal(bi->to[i], al.to[i]);
    }
    nf__arena_free(a);
}

/* nf__bw_collapse against the plain definition: the words (runs without whitespace or NUL) one
 * space apart. Random spans of random bytes, so the sixteen-byte scan meets every case. */
static size_t collapse_ref(const char *p, size_t n, char *o)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && (p[i] == '\0' || strchr(" \t\n\r\f\v", p[i]))) i++;
        if (i == n) break;
        if (k) o[k++] = ' ';
        while (i < n && !(p[i] == '\0' || strchr(" \t\n\r\f\v", p[i]))) o[k++] = p[i++];
    }
    o[k] = '\0';
    return k;
}

static void collapse_matches_definition(void **state)
{
    (void)state;
    static const char alpha[] = {'a',  'b',  ' ', ' ',        ' ',        '\t', '\n', '\r',
                                 '\0', 0x01, '.', (char)0xC3, (char)0xA9, '"',  'Z'};
    nf__bw w;
    memset(&w, 0, sizeof w);
    w.out = nf__arena_new(NULL);
    assert_non_null(w.out);
    uint64_t x = 88172645463325252ull;
    char text[200], ref[201];
    for (int round = 0; round < 20000; round++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t n = (size_t)(x % sizeof text);
        /* mostly words one space apart, sometimes runs of whitespace and control bytes */
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            unsigned r = (unsigned)(x >> 32) % 64;
            text[i] = r < 48 ? (char)('a' + r % 26) : r < 56 ? ' ' : alpha[r % sizeof alpha];
        }
        size_t s = n ? (size_t)(x >> 8) % (n + 1) : 0,
               e = s + (n > s ? (size_t)(x >> 20) % (n - s + 1) : 0);
        size_t k = collapse_ref(text + s, e - s, ref);
        const char *got = nf__bw_collapse(&w, text, s, e);
        assert_non_null(got);
        assert_int_equal(strlen(got), k);
        assert_memory_equal(got, ref, k + 1);
    }
    nf__arena_free(w.out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(embedded_file_parses),
        cmocka_unit_test(word_lists),
        cmocka_unit_test(no_word_listed_twice),
        cmocka_unit_test(figure_units_outlive_the_context),
        cmocka_unit_test(classes_the_rules_expect),
        cmocka_unit_test(class_names_map_to_their_bits),
        cmocka_unit_test(parse_errors_name_the_line),
        cmocka_unit_test(control_bytes_are_errors),
        cmocka_unit_test(repeated_word_is_merged),
        cmocka_unit_test(aliases_builtin_is_the_parse),
        cmocka_unit_test(collapse_matches_definition),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
