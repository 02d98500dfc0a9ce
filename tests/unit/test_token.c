/* test_token.c - the tokenizer across languages: every Snowball language gets a context and
 * stopword flags, every stopword list entry is folded and flags itself, the word cache gives
 * stable stem ids, unknown languages fail, and stop flags never depend on what a context saw
 * before (1 MB of mixed text, two contexts with different histories). Token-level expectations
 * live in tests/spec/tokenize.spec. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>

#include "core/data.h"
#include "model.h"

/* One sentence per language, each with function words and content words. */
static const struct {
    const char *lang, *text;
} samples[] = {
    {"arabic", "قال الرئيس إن الحكومة ستعمل على حل الأزمة في البلاد"},
    {"armenian", "Կառավարությունը և խորհրդարանը որոշեցին, որ հարկերը կբարձրանան"},
    {"basque", "Gobernuak zergak igoko direla esan du eta herritarrak haserre daude"},
    {"catalan", "L'any passat el govern va anunciar que els impostos pujaran"},
    {"danish", "Regeringen har besluttet at hæve skatten, og borgerne er vrede"},
    {"dutch", "De regering heeft maandag besloten dat de belastingen omhoog gaan"},
    {"english", "The government said on Monday that taxes will rise next year"},
    {"finnish", "Hallitus ilmoitti, että verot nousevat ensi vuonna ja kansalaiset ovat vihaisia"},
    {"french", "Le gouvernement a annoncé lundi que les impôts vont augmenter"},
    {"german", "Die Regierung hat am Montag beschlossen, dass die Steuern steigen"},
    {"greek", "Η κυβέρνηση ανακοίνωσε ότι οι φόροι θα αυξηθούν τον επόμενο χρόνο"},
    {"hindi", "सरकार ने घोषणा की कि अगले साल कर बढ़ेंगे और लोग नाराज़ हैं"},
    {"hungarian", "A kormány hétfőn bejelentette, hogy az adók emelkednek"},
    {"indonesian", "Pemerintah mengumumkan bahwa pajak akan naik pada tahun depan"},
    {"irish", "Dúirt an rialtas go n-ardófar na cánacha an bhliain seo chugainn"},
    {"italian", "Il governo ha annunciato lunedì che le tasse aumenteranno nell'anno prossimo"},
    {"lithuanian", "Vyriausybė pirmadienį paskelbė, kad mokesčiai didės ir gyventojai pyksta"},
    {"nepali", "सरकारले अर्को वर्ष कर बढ्ने घोषणा गरेको छ र जनता रिसाएका छन्"},
    {"norwegian", "Regjeringen har bestemt at skatten skal økes, og folk er sinte"},
    {"porter", "The government said on Monday that taxes will rise next year"},
    {"portuguese", "O governo anunciou na segunda-feira que os impostos vão subir"},
    {"romanian", "Guvernul a anunțat luni că taxele vor crește anul viitor"},
    {"russian", "Правительство в понедельник объявило, что налоги вырастут"},
    {"serbian", "Vlada je u ponedeljak rekla da će porezi rasti sledeće godine"},
    {"spanish", "El gobierno anunció el lunes que los impuestos subirán"},
    {"swedish", "Regeringen meddelade på måndagen att skatterna höjs nästa år"},
    {"tamil", "அரசு புதிய வரி திட்டத்தை அறிவித்தது மற்றும் மக்கள் கோபமாக உள்ளனர்"},
    {"turkish",
     "Hükümet pazartesi günü vergilerin artacağını ve bu kararın Ankara'da alındığını açıkladı"},
    {"yiddish", "די רעגירונג האָט געזאָגט אַז די שטייערן וועלן וואַקסן אין יאָר"},
};

static const char *sample_for(const char *lang)
{
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++)
        if (strcmp(samples[i].lang, lang) == 0) return samples[i].text;
    return NULL;
}

typedef struct counts {
    size_t tokens, stops;
    char first_stop[64];
} counts;

static void count_cb(void *ud, const char *surf, size_t sl, const char *stem, size_t stl, int stop)
{
    (void)surf;
    (void)sl;
    counts *c = ud;
    assert_true(stl > 0); /* no empty stems, whatever the stemmer does */
    (void)stem;
    c->tokens++;
    if (stop && !c->stops++) snprintf(c->first_stop, sizeof c->first_stop, "%.*s", (int)sl, surf);
}

static void every_language_tokenizes_with_stopwords(void **state)
{
    (void)state;
    size_t nlang = 0;
    for (const char **l = sb_stemmer_list(); *l; l++, nlang++) {
        const char *text = sample_for(*l);
        if (!text) fail_msg("no sample sentence for the language '%s'", *l);
        nf_ctx *ctx = NULL;
        nf_error err;
        nf_status st = nf_ctx_new(*l, NULL, &ctx, &err);
        if (st != NF_OK) fail_msg("nf_ctx_new(%s): %s", *l, err.msg);
        counts c = {0};
        assert_int_equal(nf_tokenize(ctx, text, strlen(text), count_cb, &c, NULL), NF_OK);
        if (c.tokens < 6 || c.stops == 0 || c.stops == c.tokens)
            fail_msg("%s: %zu tokens, %zu stopwords", *l, c.tokens, c.stops);
        nf_ctx_free(ctx);
    }
    assert_true(nlang >= 29);
    /* the public list is libstemmer's */
    const char **pub = nf_languages();
    const char **sb = sb_stemmer_list();
    size_t i = 0;
    for (; pub[i] && sb[i]; i++) assert_string_equal(pub[i], sb[i]);
    assert_null(pub[i]);
    assert_null(sb[i]);
}

/* The embedded list's section for lang; NULL when absent. */
static const char *section(const char *lang, size_t *len)
{
    const char *p = (const char *)nf__data_stopwords_txt, *end = p + nf__data_stopwords_txt_len;
    char head[48];
    snprintf(head, sizeof head, "\n[%s]\n", lang);
    const char *s = NULL;
    for (const char *q = p; q + strlen(head) <= end; q++)
        if (memcmp(q, head, strlen(head)) == 0) {
            s = q + strlen(head);
            break;
        }
    if (!s) return NULL;
    const char *e = s;
    while (e < end && !(*e == '[' && e[-1] == '\n')) e++;
    *len = (size_t)(e - s);
    return s;
}

typedef struct first_tok {
    size_t n;
    size_t len0;
    int stop0;
} first_tok;

static void first_cb(void *ud, const char *surf, size_t sl, const char *stem, size_t stl, int stop)
{
    (void)surf;
    (void)stem;
    (void)stl;
    first_tok *f = ud;
    if (f->n++ == 0) {
        f->len0 = sl;
        f->stop0 = stop;
    }
}

static void stopword_lists_are_folded_and_flag_themselves(void **state)
{
    (void)state;
    for (const char **l = sb_stemmer_list(); *l; l++) {
        const char *lang = strcmp(*l, "porter") == 0 ? "english" : *l;
        size_t len = 0;
        const char *s = section(lang, &len);
        if (!s) fail_msg("data/stopwords.txt has no [%s] section", lang);
        nf_ctx *ctx = NULL;
        assert_int_equal(nf_ctx_new(*l, NULL, &ctx, NULL), NF_OK);
        size_t words = 0, comments = 0;
        for (const char *p = s, *end = s + len; p < end;) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
            if (n && p[0] == '#') comments++;
            if (n && p[0] != '#') {
                words++;
                /* casefolded and NFC: folding changes nothing */
                utf8proc_uint8_t *f = NULL;
                utf8proc_ssize_t fl =
                    utf8proc_map((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n, &f,
                                 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
                assert_true(fl >= 0);
                if ((size_t)fl != n || memcmp(f, p, n) != 0)
                    fail_msg("[%s] '%.*s' is not casefolded NFC", lang, (int)n, p);
                free(f);
                /* one token, a stopword; an elision ("l'") is the first token of "l'x" */
                char buf[256];
                bool elided = p[n - 1] == '\'';
                assert_true(n + 2 < sizeof buf);
                memcpy(buf, p, n);
                if (elided) buf[n] = 'x';
                first_tok ft = {0};
                assert_int_equal(nf_tokenize(ctx, buf, n + (elided ? 1 : 0), first_cb, &ft, NULL),
                                 NF_OK);
                if (ft.n != (elided ? 2u : 1u) || ft.len0 != n || !ft.stop0)
                    fail_msg("[%s] '%.*s': %zu tokens, first %zu bytes, stop %d", lang, (int)n, p,
                             ft.n, ft.len0, ft.stop0);
            }
            p += n + 1;
        }
        /* the English list predates the others and is longer */
        size_t most = strcmp(lang, "english") == 0 ? 400 : 200;
        if (words < 40 || words > most || comments < 1)
            fail_msg("[%s]: %zu words, %zu comment lines", lang, words, comments);
        nf_ctx_free(ctx);
    }
}

typedef struct idlist {
    uint32_t id[64];
    int stop[64];
    size_t n;
} idlist;

static nf_status id_cb(void *ud, const char *surf, size_t sl, uint32_t stem_id, int stop)
{
    (void)surf;
    (void)sl;
    idlist *l = ud;
    if (l->n < 64) {
        l->id[l->n] = stem_id;
        l->stop[l->n] = stop;
    }
    l->n++;
    return NF_OK;
}

/* Being a stopword belongs to the stem and never depends on what the context saw first. The
 * English list ends with "ain't"; "Ain't's" stems to the same stem and, seen first on a fresh
 * context, once reset that stem's flag (the flag of a stem was set whenever it was the newest). */
static void last_stopword_keeps_its_flag(void **state)
{
    (void)state;
    nf_ctx *ctx = NULL;
    assert_int_equal(nf_ctx_new("english", NULL, &ctx, NULL), NF_OK);
    const char *text = "Ain't's ain't";
    counts c = {0, 0, ""};
    assert_int_equal(nf_tokenize(ctx, text, strlen(text), count_cb, &c, NULL), NF_OK);
    assert_int_equal(c.tokens, 2);
    assert_int_equal(c.stops, 2);
    nf_ctx_free(ctx);
}

static void word_cache_gives_stable_stem_ids(void **state)
{
    (void)state;
    nf__tokenizer *t = NULL;
    assert_int_equal(nf__tokenizer_new("english", NULL, &t), NF_OK);
    assert_string_equal(nf__tokenizer_lang(t), "english");
    const char *text = "Officials officials OFFICIALS official the The bridge café cafe\xCC\x81";
    idlist a = {0}, b = {0};
    assert_int_equal(nf__tokenize_ids(t, text, strlen(text), id_cb, &a), NF_OK);
    assert_int_equal(nf__tokenize_ids(t, text, strlen(text), id_cb, &b), NF_OK);
    assert_int_equal(a.n, 9);
    assert_int_equal(b.n, a.n);
    for (size_t i = 0; i < a.n; i++) {
        assert_int_equal(a.id[i], b.id[i]);
        assert_int_equal(a.stop[i], b.stop[i]);
    }
    /* case forms and inflections share the stem; the two spellings of café (NFC) too */
    assert_int_equal(a.id[0], a.id[1]);
    assert_int_equal(a.id[0], a.id[2]);
    assert_int_equal(a.id[0], a.id[3]);
    assert_int_equal(a.id[4], a.id[5]);
    assert_int_equal(a.id[7], a.id[8]);
    assert_int_not_equal(a.id[0], a.id[6]);
    assert_true(a.stop[4] && a.stop[5]);
    assert_false(a.stop[0] || a.stop[6] || a.stop[7]);
    size_t len = 0;
    const char *s = nf__tokenizer_stem_str(t, a.id[0], &len);
    assert_int_equal(len, 6);
    assert_memory_equal(s, "offici", 6);
    s = nf__tokenizer_stem_str(t, a.id[6], &len);
    assert_int_equal(len, 5);
    assert_memory_equal(s, "bridg", 5);
    nf__tokenizer_free(t);
    nf__tokenizer_free(NULL);
}

/* Folded word ids (the brief's analysis and the near-duplicate detection): case forms share one,
 * inflections do not; each word's stem is the one nf__tokenize_ids gives. Past the surface
 * cache's capacity (2^16 words) new short words go to the folded-word table and every word keeps
 * its id. */
static uint32_t one_word(nf__tokenizer *t, const char *w)
{
    idlist l = {0};
    assert_int_equal(nf__tokenize_words(t, w, strlen(w), id_cb, &l), NF_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.stop[0], 0);
    return l.id[0];
}

static void folded_word_ids_are_stable(void **state)
{
    (void)state;
    nf__tokenizer *t = NULL;
    assert_int_equal(nf__tokenizer_new("english", NULL, &t), NF_OK);
    const char *text = "Officials officials OFFICIALS official the The caf\xC3\xA9 cafe\xCC\x81";
    idlist w = {0}, st = {0};
    assert_int_equal(nf__tokenize_words(t, text, strlen(text), id_cb, &w), NF_OK);
    assert_int_equal(w.n, 8);
    assert_int_equal(w.id[0], w.id[1]);
    assert_int_equal(w.id[0], w.id[2]);
    assert_int_not_equal(w.id[0], w.id[3]);
    assert_int_equal(w.id[4], w.id[5]);
    assert_int_equal(w.id[6], w.id[7]);
    assert_int_equal(nf__tokenize_ids(t, text, strlen(text), id_cb, &st), NF_OK);
    for (size_t i = 0; i < w.n; i++) {
        int stop = -1;
        assert_int_equal(nf__tokenizer_word_stem(t, w.id[i], &stop), st.id[i]);
        assert_int_equal(stop, st.stop[i]);
    }
    /* fill the cache past its capacity with distinct short words, then look back */
    char buf[32];
    uint32_t first = one_word(t, "qzaaaaa"), last = 0;
    for (unsigned i = 0; i < 150000; i++) {
        snprintf(buf, sizeof buf, "qz%05u", i);
        last = one_word(t, buf);
    }
    snprintf(buf, sizeof buf, "QZ%05u", 149999u);
    assert_int_equal(one_word(t, buf), last);
    assert_int_equal(one_word(t, "qzaaaaa"), first);
    assert_int_equal(one_word(t, "QZAAAAA"), first);
    assert_int_equal(one_word(t, "OFFICIALS"), w.id[0]);
    uint32_t late = one_word(t, "Zyxwvut");
    assert_int_equal(one_word(t, "zyxwvut"), late);
    assert_int_equal(one_word(t, "ZYXWVUT"), late);
    assert_int_not_equal(late, first);
    nf__tokenizer_free(t);
}

static void unknown_language_is_an_error(void **state)
{
    (void)state;
    nf_ctx *ctx = (nf_ctx *)&ctx; /* must be reset to NULL */
    nf_error err;
    assert_int_equal(nf_ctx_new("klingon", NULL, &ctx, &err), NF_ELANG);
    assert_null(ctx);
    assert_int_equal(err.code, NF_ELANG);
    assert_non_null(strstr(err.msg, "klingon"));
    assert_int_equal(nf_ctx_new("", NULL, &ctx, NULL), NF_ELANG);
    assert_int_equal(nf_ctx_new("English", NULL, &ctx, NULL), NF_ELANG);
    char longname[100];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_int_equal(nf_ctx_new(longname, NULL, &ctx, NULL), NF_ELANG);
    nf__tokenizer *t = (nf__tokenizer *)&t;
    assert_int_equal(nf__tokenizer_new("porter2", NULL, &t), NF_ELANG);
    assert_null(t);
    /* NULL means English */
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
    assert_string_equal(nf__tokenizer_lang(ctx->tok), "english");
    nf_ctx_free(ctx);
    nf_ctx_free(NULL);
}

/* FNV-1a over every token: surface offset and length, stem bytes, stop flag. */
typedef struct digest {
    uint64_t h;
    size_t n, stops;
    const char *base;
} digest;

static void mix(digest *d, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        d->h ^= s[i];
        d->h *= 0x100000001B3ull;
    }
}

static void digest_cb(void *ud, const char *surf, size_t sl, const char *stem, size_t stl, int stop)
{
    digest *d = ud;
    uint64_t off = (uint64_t)(surf - d->base), len = sl;
    mix(d, &off, sizeof off);
    mix(d, &len, sizeof len);
    mix(d, stem, stl);
    unsigned char f = (unsigned char)(stop != 0);
    mix(d, &f, 1);
    d->n++;
    d->stops += f;
}

static void discard_cb(void *ud, const char *surf, size_t sl, const char *stem, size_t stl,
                       int stop)
{
    (void)ud;
    (void)surf;
    (void)sl;
    (void)stem;
    (void)stl;
    (void)stop;
}

static void mixed_megabyte_is_deterministic_across_contexts(void **state)
{
    (void)state;
    /* words whose stems are also stopwords' stems come first: "wills" before "will", "owns"
     * before "own" -- a context that learns stopwords as it goes flags them differently */
    static const char *const prefix = "The wills were read. He owns it, as his own. It will rain. ";
    static const char *const words[] = {"Officials",    "said",      "the",
                                        "bridge",       "collapsed", "U.S.",
                                        "4.5",          "1,000",     "don't",
                                        "don’t",        "e-mail",    "Straße",
                                        "İstanbul",     "café",      "cafe\xCC\x81",
                                        "北京举行会议", "東京で",    "テレビ",
                                        "서울",         "قال",       "الرئيس",
                                        "צה״ל",         "Президент", "заявил",
                                        "οδυσσεασ",     "ΟΔΥΣΣΕΑΣ",  "🎉",
                                        "❤️",       "#MeToo",    "https://example.com/a?b=1",
                                        "wells",        "owning",    "names",
                                        "namely",       "evening",   "even",
                                        "mines",        "mine",      "willing",
                                        "will",         "l'homme",   "नमस्ते",
                                        "\xC2\xAD",     "ﬁnance",    "a.m.",
                                        "9/11",         "O'Brien",   "rock'n'roll",
                                        "''",           "...",       "—",
                                        "\t",           "\n"};
    const size_t nw = sizeof words / sizeof words[0];
    size_t cap = 1u << 20;
    char *text = malloc(cap + 64);
    assert_non_null(text);
    size_t n = strlen(prefix);
    memcpy(text, prefix, n);
    uint64_t x = 0x9E3779B97F4A7C15ull; /* fixed seed: the text is the same on every run */
    while (n < cap) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        const char *w = words[(x >> 33) % nw];
        size_t wl = strlen(w);
        if (n + wl + 1 > cap) break;
        memcpy(text + n, w, wl);
        n += wl;
        text[n++] = (x >> 20) % 7 == 0 ? ',' : ' ';
    }

    nf_ctx *a = NULL, *b = NULL;
    assert_int_equal(nf_ctx_new("english", NULL, &a, NULL), NF_OK);
    assert_int_equal(nf_ctx_new("english", NULL, &b, NULL), NF_OK);
    /* b has a history: the stopwords first, then the words sharing their stems */
    static const char warm[] = "will own even mine namely well wills owns evening mines names";
    assert_int_equal(nf_tokenize(b, warm, strlen(warm), discard_cb, NULL, NULL), NF_OK);

    digest da = {0xCBF29CE484222325ull, 0, 0, text}, db = da;
    assert_int_equal(nf_tokenize(a, text, n, digest_cb, &da, NULL), NF_OK);
    assert_int_equal(nf_tokenize(b, text, n, digest_cb, &db, NULL), NF_OK);
    assert_true(da.n > 100000);
    assert_true(da.stops > 10000 && da.stops < da.n);
    assert_int_equal(da.n, db.n);
    assert_int_equal(da.stops, db.stops);
    assert_true(da.h == db.h);
    /* and a second pass over a warm cache gives the same again */
    digest da2 = {0xCBF29CE484222325ull, 0, 0, text};
    assert_int_equal(nf_tokenize(a, text, n, digest_cb, &da2, NULL), NF_OK);
    assert_true(da2.h == da.h);
    nf_ctx_free(a);
    nf_ctx_free(b);
    free(text);
}

/* Allocation failure while a context is made or a word is cached is NF_ENOMEM, never a crash. */
typedef struct failing {
    size_t left;
} failing;

static void *fail_alloc(void *ctx, size_t n)
{
    failing *f = ctx;
    if (f->left == 0) return NULL;
    f->left--;
    return malloc(n);
}

static void fail_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

static void allocation_failure_is_enomem(void **state)
{
    (void)state;
    const char *text = "Le gouvernement a annoncé lundi que l'impôt va augmenter.";
    bool finished = false;
    for (size_t k = 0; k < 100000 && !finished; k += k < 64 ? 1 : 97) {
        failing f = {k};
        nf_allocator al = {fail_alloc, fail_free, &f};
        nf_ctx *ctx = NULL;
        nf_status st = nf_ctx_new("french", &al, &ctx, NULL);
        if (st != NF_OK) {
            assert_int_equal(st, NF_ENOMEM);
            assert_null(ctx);
            continue;
        }
        counts c = {0};
        st = nf_tokenize(ctx, text, strlen(text), count_cb, &c, NULL);
        if (st == NF_OK)
            finished = true;
        else
            assert_int_equal(st, NF_ENOMEM);
        nf_ctx_free(ctx);
    }
    assert_true(finished);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_language_tokenizes_with_stopwords),
        cmocka_unit_test(stopword_lists_are_folded_and_flag_themselves),
        cmocka_unit_test(last_stopword_keeps_its_flag),
        cmocka_unit_test(word_cache_gives_stable_stem_ids),
        cmocka_unit_test(folded_word_ids_are_stable),
        cmocka_unit_test(unknown_language_is_an_error),
        cmocka_unit_test(mixed_megabyte_is_deterministic_across_contexts),
        cmocka_unit_test(allocation_failure_is_enomem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
