/* gen_stream.c - a synthetic article stream for the story clustering scale runs.
 *
 *   gen_stream N [SEED] > stream.jsonl
 *
 * N articles {"id","title","text","source","date","story"} in date order, at 10,000 articles a
 * day (an aggregator's rate; 1 M articles span 100 days). The shape follows real streams:
 *  - 40 % of the articles are noise (a story of one);
 *  - the other stories have 2..80 articles, sizes from a power law (exponent 2: most stories
 *    are pairs and triples, a few are large);
 *  - a story's articles arrive over time: exponential delays from its first report (mean 10
 *    hours), so large stories spread over days;
 *  - 10 % of the articles of multi-article stories are syndicated copies of an earlier article of
 *    their story (same text, last sentence cut, a few words changed, another outlet);
 *  - text: 8-20 sentences of 10-24 words; words from a Zipf-distributed vocabulary of 30,000
 *    pseudo-words, with the story's own names (capitalized), topic words and figures mixed in.
 * Words are made from syllables, so nothing here is real text. Deterministic for a seed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VOCAB   30000
#define NAMES   60000
#define PER_DAY 10000.0

static uint64_t rng_state;
static uint64_t next64(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static double unif(void) { return (double)(next64() >> 11) / 9007199254740992.0; }
static uint32_t below(uint32_t n) { return (uint32_t)(unif() * n); }

static const char *const syl[] = {"ka", "lo",  "mer", "tan", "vi",  "sol", "dre", "pa",
                                  "nu", "ris", "bel", "cor", "an",  "ti",  "gu",  "fen",
                                  "ol", "ma",  "sek", "ur",  "ven", "di",  "ba",  "lon",
                                  "e",  "qua", "tor", "mi",  "zel", "har"};
#define NSYL (sizeof syl / sizeof syl[0])

/* Word i of a pool: i spelled in base-30 syllables (frequent words are short, as in real text);
 * names (salt != 0) get one more syllable in front, so they never equal a vocabulary word. */
static void word(uint32_t i, uint32_t salt, char *out, size_t cap)
{
    size_t k = 0;
    if (salt) {
        const char *y = syl[(i * 7u + salt) % NSYL];
        k = strlen(y);
        memcpy(out, y, k);
        out[k++] = 'n';
    }
    uint32_t v = i;
    do {
        const char *y = syl[v % NSYL];
        size_t l = strlen(y);
        if (k + l + 1 >= cap) break;
        memcpy(out + k, y, l);
        k += l;
        v /= NSYL;
    } while (v);
    out[k] = '\0';
}

static double *zipf_cdf;
static uint32_t zipf(void)
{
    double u = unif();
    uint32_t lo = 0, hi = VOCAB - 1;
    while (lo < hi) {
        uint32_t m = (lo + hi) / 2;
        if (zipf_cdf[m] < u)
            lo = m + 1;
        else
            hi = m;
    }
    return lo;
}

typedef struct story {
    uint32_t names[6], topic[12], fig[2];
} story;

typedef struct item {
    double t; /* hours since the start */
    uint32_t story;
    uint32_t copy_of; /* article index in the story + 1, 0 = original */
    uint32_t nth;     /* its number within the story */
    uint64_t seed;
} item;

static int cmp_item(const void *a, const void *b)
{
    const item *x = a, *y = b;
    if (x->t != y->t) return x->t < y->t ? -1 : 1;
    return x->story != y->story ? (x->story < y->story ? -1 : 1) : (x->nth < y->nth ? -1 : 1);
}

static void put_word(char *buf, size_t *k, size_t cap, const char *w, int cap_first)
{
    size_t l = strlen(w);
    if (*k + l + 2 >= cap) return;
    if (*k) buf[(*k)++] = ' ';
    memcpy(buf + *k, w, l);
    if (cap_first && buf[*k] >= 'a' && buf[*k] <= 'z') buf[*k] = (char)(buf[*k] - 32);
    *k += l;
}

/* One sentence (or the title when title != 0) of a story's article into buf. */
static void sentence(const story *s, char *buf, size_t *k, size_t cap, int title, int edit)
{
    char w[64];
    int n = title ? 8 : 10 + (int)below(15);
    for (int i = 0; i < n; i++) {
        double u = unif();
        int capital = i == 0;
        if (u < (title ? 0.3 : 0.1)) {
            word(s->names[below(6)], 7, w, sizeof w);
            capital = 1;
        } else if (u < (title ? 0.6 : 0.25)) {
            word(s->topic[below(12)], 0, w, sizeof w);
        } else if (u < (title ? 0.62 : 0.27)) {
            snprintf(w, sizeof w, "%u", s->fig[below(2)]);
        } else {
            word(zipf(), 0, w, sizeof w);
        }
        if (edit && unif() < 0.05) word(zipf(), 0, w, sizeof w);
        put_word(buf, k, cap, w, capital);
    }
    if (!title && *k + 1 < cap) buf[(*k)++] = '.';
}

static void emit(const item *it, const item *orig, const story *st, size_t id, int outlet)
{
    static char title[512], text[8192];
    size_t tk = 0, k = 0;
    const item *src = orig ? orig : it;
    rng_state = src->seed;
    sentence(st, title, &tk, sizeof title, 1, 0);
    int ns = 8 + (int)below(13);
    if (orig) ns--; /* a copy drops the last sentence */
    for (int i = 0; i < ns; i++) {
        rng_state = src->seed + 1000 + (uint64_t)i;
        sentence(st, text, &k, sizeof text, 0, orig != NULL);
    }
    title[tk] = text[k] = '\0';
    long long secs = (long long)(it->t * 3600.0);
    long long day = secs / 86400;
    /* 2026-01-01 + day, as a plain calendar walk */
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 2026, m = 0, d = (int)day;
    for (;;) {
        int md = mdays[m] + (m == 1 && y % 4 == 0);
        if (d < md) break;
        d -= md;
        if (++m == 12) {
            m = 0;
            y++;
        }
    }
    long long r = secs % 86400;
    printf("{\"id\":\"a%zu\",\"title\":\"%s\",\"text\":\"%s\",\"source\":\"outlet-%d\","
           "\"date\":\"%04d-%02d-%02dT%02lld:%02lld:%02lldZ\",\"story\":\"s%u\"}\n",
           id, title, text, outlet, y, m + 1, d + 1, r / 3600, r / 60 % 60, r % 60, it->story);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: gen_stream N [SEED] > stream.jsonl\n");
        return 2;
    }
    size_t n = strtoul(argv[1], NULL, 10);
    rng_state = argc > 2 ? strtoull(argv[2], NULL, 10) : 42;
    zipf_cdf = malloc(VOCAB * sizeof *zipf_cdf);
    item *items = malloc((n + 1) * sizeof *items);
    story *stories = malloc((n + 1) * sizeof *stories);
    size_t *first = malloc((n + 1) * sizeof *first);
    if (!zipf_cdf || !items || !stories || !first) return 1;
    double z = 0;
    for (uint32_t i = 0; i < VOCAB; i++) z += 1.0 / (i + 1);
    double c = 0;
    for (uint32_t i = 0; i < VOCAB; i++) zipf_cdf[i] = (c += 1.0 / (i + 1) / z);
    double span = (double)n / PER_DAY * 24.0; /* hours */
    size_t m = 0, ns = 0;
    while (m < n) {
        story *s = &stories[ns];
        for (int i = 0; i < 6; i++) s->names[i] = below(NAMES);
        for (int i = 0; i < 12; i++) s->topic[i] = 300 + below(VOCAB - 300);
        for (int i = 0; i < 2; i++) s->fig[i] = 2 + below(5000);
        size_t size = 1;
        if (unif() >= 0.83) {  /* 83 % of the stories, 40 % of the articles, are of one */
            double u = unif(); /* power law, exponent 2, on 2..80 */
            size = (size_t)(2.0 / (1.0 - u * (1.0 - 2.0 / 81.0)));
            if (size > 80) size = 80;
        }
        double t0 = unif() * span;
        for (size_t j = 0; j < size && m < n; j++, m++) {
            item *it = &items[m];
            it->t = j == 0 ? t0 : t0 + (-10.0 * __builtin_log(1.0 - unif()));
            it->story = (uint32_t)ns;
            it->nth = (uint32_t)j;
            it->seed = next64();
            it->copy_of = j > 0 && unif() < 0.1 ? 1 + below((uint32_t)j) : 0;
        }
        ns++;
    }
    /* copies refer to their original by story and number; find it after sorting */
    qsort(items, n, sizeof *items, cmp_item);
    for (size_t i = 0; i < ns; i++) first[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++)
        if (items[i].nth == 0) first[items[i].story] = i;
    for (size_t i = 0; i < n; i++) {
        const item *it = &items[i], *orig = NULL;
        if (it->copy_of) { /* the story's first article, whatever its number: an early report */
            size_t f = first[it->story];
            if (f != SIZE_MAX && f < i) orig = &items[f];
        }
        emit(it, orig, &stories[it->story], i, (int)(it->seed % 400));
    }
    free(zipf_cdf);
    free(items);
    free(stories);
    free(first);
    return 0;
}
