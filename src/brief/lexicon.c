/* lexicon.c - the English word classes the brief's rules are written in.
 *
 * The words and their classes live in data/brief_lexicon.txt (its header gives the format),
 * embedded at build time. Each context parses it once into its own arena (nf__brief_tables), so
 * there is no global mutable state and no first-use race; afterwards the table is read-only. A
 * word may carry several classes ("said" is a speech verb, "one" a number word and a sentence
 * starter): the data file lists them on one line, and a word listed twice is merged (classes
 * OR-ed) as the C table it replaced was. */
#include "lexicon.h"

#include "core/data.h"

#include <string.h>

/* Class names of the data file, in LX_* bit order (bit i = 1u << i). */
static const char *const class_names[32] = {
    "numword", "scale",    "vague", "month",   "weekday", "timeunit", "unit",      "currency",
    "speech",  "qverb",    "title", "role",    "org",     "human",    "event",     "measure",
    "generic", "boundary", "prep",  "adv",     "det",     "pronoun",  "aux",       "street",
    "clock",   "particle", "anon",  "timerel", "update",  "starter",  "placeprep", "relday"};

static const char *const event_names[EV__COUNT] = {"",          "killed",   "injured", "missing",
                                                   "displaced", "arrested", "rescued", "damaged"};

/* Runs once per token: a short multiply-add over the folded bytes (ASCII letters fold with
 * |0x20; other bytes only need to hash consistently), finished with the length. The tokenizer
 * computes the same running value while it scans a word (nf__lex_step), so a lookup does not
 * read the word twice. */
static size_t hash_lower(const char *p, size_t n)
{
    size_t h = 0;
    for (size_t i = 0; i < n; i++) h = nf__lex_step(h, (unsigned char)p[i]);
    return nf__lex_final(h, n);
}

size_t nf__lex_hash(const char *p, size_t n) { return hash_lower(p, n); }

static bool eq_lower(const char *word, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (word[i] != nf__tolower((unsigned char)p[i])) return false;
    return true;
}

/* Index of the name [p, p+n) in names[0..count), or -1. */
static int name_index(const char *const *names, int count, const char *p, size_t n)
{
    for (int i = 0; i < count; i++)
        if (strlen(names[i]) == n && memcmp(names[i], p, n) == 0) return i;
    return -1;
}

/* "numword,starter" or "-" -> LX_* bits; false on an unknown or empty name. */
static bool parse_classes(const char *p, size_t n, uint32_t *flags)
{
    *flags = 0;
    if (n == 1 && p[0] == '-') return true;
    for (size_t i = 0; i <= n;) {
        size_t e = i;
        while (e < n && p[e] != ',') e++;
        int k = name_index(class_names, 32, p + i, e - i);
        if (k < 0) return false;
        *flags |= 1u << k;
        i = e + 1;
    }
    return true;
}

static bool parse_value(const char *p, size_t n, double *v)
{
    if (n == 0 || n > 15) return false; /* integers up to 10^15 are exact in a double */
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!nf__isdigit((unsigned char)p[i])) return false;
        *v = *v * 10 + (p[i] - '0');
    }
    return true;
}

static bool valid_word(const char *p, size_t n)
{
    if (n == 0 || n > NF__LEX_MAX_WORD) return false;
    for (size_t i = 0; i < n; i++)
        if (nf__isupper((unsigned char)p[i])) return false; /* lookups fold to lowercase */
    return true;
}

/* The next field of [p, e) at *i (spaces and tabs separate fields); false at the line end. */
static bool next_field(const char *p, size_t e, size_t *i, size_t *s, size_t *n)
{
    while (*i < e && (p[*i] == ' ' || p[*i] == '\t')) (*i)++;
    if (*i >= e) return false;
    *s = *i;
    while (*i < e && p[*i] != ' ' && p[*i] != '\t') (*i)++;
    *n = *i - *s;
    return true;
}

/* One entry line into *x (strings still unterminated: word and aux point into p). */
typedef struct raw_entry {
    const char *word, *aux;
    size_t nword, naux;
    uint32_t flags;
    double value;
    int ev;
} raw_entry;

static bool parse_line(const char *p, size_t e, raw_entry *x)
{
    size_t i = 0, s, n;
    memset(x, 0, sizeof *x);
    if (!next_field(p, e, &i, &s, &n) || s != 0 || !valid_word(p, n)) return false;
    x->word = p;
    x->nword = n;
    if (!next_field(p, e, &i, &s, &n) || !parse_classes(p + s, n, &x->flags)) return false;
    bool has_value = false;
    while (next_field(p, e, &i, &s, &n)) {
        const char *f = p + s;
        if (n > 6 && memcmp(f, "value=", 6) == 0 && !has_value) {
            if (!parse_value(f + 6, n - 6, &x->value)) return false;
            has_value = true;
        } else if (n > 4 && memcmp(f, "aux=", 4) == 0 && !x->aux) {
            x->aux = f + 4;
            x->naux = n - 4;
        } else if (n > 6 && memcmp(f, "event=", 6) == 0 && !x->ev) {
            x->ev = name_index(event_names, EV__COUNT, f + 6, n - 6);
            if (x->ev <= 0) return false;
        } else {
            return false; /* unknown or repeated field */
        }
    }
    /* the event class and its event= go together */
    return ((x->flags & LX_EVENT) != 0) == (x->ev != 0);
}

/* Add or merge one parsed line. Merging keeps what the first line gave and fills what it lacked,
 * so a repeated word behaves as the OR of its lines. */
static bool add_entry(nf__arena *a, nf__lexicon *lx, const raw_entry *x, size_t *repeated)
{
    size_t h = hash_lower(x->word, x->nword) & (lx->cap - 1);
    while (lx->slot[h]) {
        nf__lex *s = &lx->ent[lx->slot[h] - 1];
        if (s->len == x->nword && memcmp(s->word, x->word, x->nword) == 0) {
            s->flags |= x->flags;
            if (!s->aux && x->aux && !(s->aux = nf__arena_strndup(a, x->aux, x->naux)))
                return false;
            if (s->value == 0) s->value = x->value;
            if (!s->ev) s->ev = (uint8_t)x->ev;
            (*repeated)++;
            return true;
        }
        h = (h + 1) & (lx->cap - 1);
    }
    nf__lex *s = &lx->ent[lx->n];
    s->word = nf__arena_strndup(a, x->word, x->nword);
    s->aux = x->aux ? nf__arena_strndup(a, x->aux, x->naux) : NULL;
    if (!s->word || (x->aux && !s->aux)) return false;
    s->flags = x->flags;
    s->value = x->value;
    s->ev = (uint8_t)x->ev;
    s->len = (uint8_t)x->nword;
    lx->slot[h] = (uint16_t)++lx->n;
    return true;
}

/* Neither blank nor a comment. */
static bool entry_line(const char *p, size_t n)
{
    if (n > 0 && p[0] == '#') return false;
    for (size_t i = 0; i < n; i++)
        if (!nf__isspace((unsigned char)p[i])) return true;
    return false;
}

nf_status nf__lexicon_parse(nf__arena *a, const char *p, size_t n, nf__lexicon **out,
                            size_t *bad_line, size_t *repeated)
{
    size_t lines = 0, line = 0, dummy = 0;
    *out = NULL;
    if (bad_line) *bad_line = 0;
    if (!repeated) repeated = &dummy;
    *repeated = 0;
    for (size_t i = 0, e; i < n; i = e + 1) {
        for (e = i; e < n && p[e] != '\n';) e++;
        lines += entry_line(p + i, e - i);
    }
    if (lines >= UINT16_MAX) return NF_EINVAL; /* slots hold an entry index + 1 in 16 bits */
    nf__lexicon *lx = nf__arena_calloc(a, 1, sizeof *lx);
    if (!lx) return NF_ENOMEM;
    lx->cap = 4096;
    while (lx->cap < 2 * lines) lx->cap *= 2;
    lx->slot = nf__arena_calloc(a, lx->cap, sizeof *lx->slot);
    lx->ent = nf__arena_calloc(a, lines ? lines : 1, sizeof *lx->ent);
    if (!lx->slot || !lx->ent) return NF_ENOMEM;
    for (size_t i = 0, e; i < n; i = e + 1) {
        for (e = i; e < n && p[e] != '\n';) e++;
        line++;
        size_t end = e > i && p[e - 1] == '\r' ? e - 1 : e;
        if (!entry_line(p + i, end - i)) continue;
        raw_entry x;
        if (!parse_line(p + i, end - i, &x)) {
            if (bad_line) *bad_line = line;
            return NF_EINVAL;
        }
        if (!add_entry(a, lx, &x, repeated)) return NF_ENOMEM;
    }
    *out = lx;
    return NF_OK;
}

nf__lexicon *nf__lexicon_new(nf__arena *a)
{
    nf__lexicon *lx = NULL;
    nf__lexicon_parse(a, (const char *)nf__data_brief_lexicon_txt, nf__data_brief_lexicon_txt_len,
                      &lx, NULL, NULL);
    return lx; /* NULL when out of memory or when the embedded data does not parse (a test
                * rules the latter out) */
}

const nf__lex *nf__lex_find(const nf__lexicon *lx, const char *p, size_t n)
{
    if (!lx || n == 0 || n > NF__LEX_MAX_WORD) return NULL; /* no listed word is longer */
    return nf__lex_find_h(lx, p, n, hash_lower(p, n));
}

const nf__lex *nf__lex_find_h(const nf__lexicon *lx, const char *p, size_t n, size_t hash)
{
    if (!lx || n == 0 || n > NF__LEX_MAX_WORD) return NULL;
    size_t h = hash & (lx->cap - 1);
    while (lx->slot[h]) {
        const nf__lex *e = &lx->ent[lx->slot[h] - 1];
        if (e->len == n && eq_lower(e->word, p, n)) return e;
        h = (h + 1) & (lx->cap - 1);
    }
    return NULL;
}

const char *nf__event_name(int ev) { return ev > 0 && ev < EV__COUNT ? event_names[ev] : ""; }
