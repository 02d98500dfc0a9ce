/* lexicon.c - the English word classes the brief's rules are written in: the parser and lookups.
 *
 * The words and their classes live in data/brief_lexicon.txt (data/README.md gives the format).
 * At build time tools/gen/gen_lexicon.c parses it with this parser and writes the hashed table
 * as static C arrays (nf__lexicon_new), so no process parses it and a figure's unit (a unit
 * word's aux) outlives every context. A word may carry several classes ("said" is a speech
 * verb, "one" a number word and a sentence starter): the data file lists them on one line, and a
 * word listed twice is merged (classes OR-ed) as the C table it replaced was. */
#include "lexicon.h"

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

/* Index of the name [p, p+n) in names[0..count), or -1. */
static int name_index(const char *const *names, int count, const char *p, size_t n)
{
    if (n == 0) return -1;
    for (int i = 0; i < count; i++) /* strncmp stops at the end of the shorter name */
        if (names[i][0] == p[0] && strncmp(names[i], p, n) == 0 && names[i][n] == '\0') return i;
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

/* The parser walks a copy of the text that ends in NUL bytes (at least 8), so its loops need no
 * bound checks: every context reads every byte of the file once, and most are the spaces that
 * align the columns. A field is a run of bytes above ' '; a line ends at '\n' ("\r\n" too). */
#define SPACES8 0x2020202020202020ull

static char *skip_blanks(char *q)
{
    for (;;) { /* eight spaces at a time */
        uint64_t w;
        memcpy(&w, q, 8);
        if (w != SPACES8) break;
        q += 8;
    }
    while (*q == ' ' || *q == '\t') q++;
    return q;
}

static char *field_end(char *q)
{
    while ((unsigned char)*q > ' ') q++;
    return q;
}

/* One entry line: word and aux point into the text copy, not yet terminated. */
typedef struct raw_entry {
    char *word, *aux;
    size_t nword, naux;
    uint32_t flags;
    double value;
    int ev;
} raw_entry;

/* The class field of the previous line and its flags: most lines repeat their neighbour's. */
typedef struct class_cache {
    const char *p;
    size_t n;
    uint32_t flags;
} class_cache;

/* The fields after the classes; returns the line end ('\n' or the final NUL) or NULL. */
static char *parse_fields(char *q, raw_entry *x)
{
    bool has_value = false;
    for (q = skip_blanks(q); (unsigned char)*q > ' '; q = skip_blanks(q)) {
        char *f = q;
        q = field_end(q);
        size_t n = (size_t)(q - f);
        if (n > 6 && memcmp(f, "value=", 6) == 0 && !has_value) {
            if (!parse_value(f + 6, n - 6, &x->value)) return NULL;
            has_value = true;
        } else if (n > 4 && memcmp(f, "aux=", 4) == 0 && !x->aux) {
            x->aux = f + 4;
            x->naux = n - 4;
        } else if (n > 6 && memcmp(f, "event=", 6) == 0 && !x->ev) {
            x->ev = name_index(event_names, EV__COUNT, f + 6, n - 6);
            if (x->ev <= 0) return NULL;
        } else {
            return NULL; /* unknown or repeated field */
        }
    }
    if (*q == '\r') q++;
    return *q == '\n' || *q == '\0' ? q : NULL; /* not a control byte inside the line */
}

/* The entry line at q (the word starts at q); returns the line end or NULL when malformed. */
static char *parse_line(char *q, raw_entry *x, class_cache *cc)
{
    memset(x, 0, sizeof *x);
    char *f = q;
    q = field_end(q);
    if (!valid_word(f, (size_t)(q - f))) return NULL;
    x->word = f;
    x->nword = (size_t)(q - f);
    f = skip_blanks(q);
    q = field_end(f);
    size_t n = (size_t)(q - f);
    if (n == 0) return NULL;
    if (cc->p && cc->n == n && memcmp(cc->p, f, n) == 0) {
        x->flags = cc->flags;
    } else {
        if (!parse_classes(f, n, &x->flags)) return NULL;
        *cc = (class_cache){f, n, x->flags};
    }
    char *end = parse_fields(q, x);
    /* the event class and its event= go together */
    return end && ((x->flags & LX_EVENT) != 0) == (x->ev != 0) ? end : NULL;
}

/* The table being filled: the lexicon's arrays, writable. */
typedef struct builder {
    nf__lexicon *lx;
    nf__lex *ent;
    uint16_t *slot;
} builder;

/* Add or merge one parsed line (its strings terminated). Merging keeps what the first line gave
 * and fills what it lacked, so a repeated word behaves as the OR of its lines. */
static void add_entry(builder *bd, const raw_entry *x, size_t *repeated)
{
    nf__lexicon *lx = bd->lx;
    size_t h = hash_lower(x->word, x->nword) & (lx->cap - 1);
    while (bd->slot[h]) {
        nf__lex *s = &bd->ent[bd->slot[h] - 1];
        if (s->len == x->nword && memcmp(s->word, x->word, x->nword) == 0) {
            s->flags |= x->flags;
            if (!s->aux) s->aux = x->aux;
            if (s->value == 0) s->value = x->value;
            if (!s->ev) s->ev = (uint8_t)x->ev;
            (*repeated)++;
            return;
        }
        h = (h + 1) & (lx->cap - 1);
    }
    nf__lex *s = &bd->ent[lx->n];
    s->word = x->word;
    s->aux = x->aux;
    s->flags = x->flags;
    s->value = x->value;
    s->ev = (uint8_t)x->ev;
    s->len = (uint8_t)x->nword;
    bd->slot[h] = (uint16_t)++lx->n;
}

/* The table for at most max entries, and the text copy its strings will point into. */
static nf_status lexicon_alloc(nf__arena *a, const char *p, size_t n, size_t max, builder *bd,
                               char **text)
{
    if (max >= UINT16_MAX) return NF_EINVAL; /* slots hold an entry index + 1 in 16 bits */
    nf__lexicon *lx = nf__arena_calloc(a, 1, sizeof *lx);
    char *t = nf__arena_alloc(a, n + 8);
    if (!lx || !t) return NF_ENOMEM;
    if (n) memcpy(t, p, n);
    memset(t + n, 0, 8);
    lx->cap = 4096;
    while (lx->cap < 2 * max) lx->cap *= 2;
    bd->lx = lx;
    lx->slot = bd->slot = nf__arena_calloc(a, lx->cap, sizeof *bd->slot);
    lx->ent = bd->ent = nf__arena_alloc(a, max * sizeof *bd->ent); /* add_entry sets every field */
    if (!bd->slot || !bd->ent) return NF_ENOMEM;
    *text = t;
    return NF_OK;
}

nf_status nf__lexicon_parse(nf__arena *a, const char *p, size_t n, nf__lexicon **out,
                            size_t *bad_line, size_t *repeated)
{
    size_t max = 1, line = 0, dummy = 0;
    bool ok = true;
    *out = NULL;
    if (bad_line) *bad_line = 0;
    if (!repeated) repeated = &dummy;
    *repeated = 0;
    for (const char *q = p, *nl; (nl = memchr(q, '\n', n - (size_t)(q - p))); q = nl + 1) max++;
    builder bd;
    char *t;
    nf_status st = lexicon_alloc(a, p, n, max, &bd, &t);
    if (st != NF_OK) return st;
    class_cache cc = {NULL, 0, 0};
    for (char *q = t, *stop = t + n; q < stop;) {
        line++;
        char *r = skip_blanks(q), *end;
        raw_entry x;
        x.word = NULL;
        if (*r == '\r') r++;
        if (*q == '#') { /* a comment */
            end = memchr(q, '\n', (size_t)(stop - q));
            if (!end) end = stop;
        } else if (*r == '\n' || *r == '\0') { /* a blank line */
            end = r;
        } else if (r != q || !(end = parse_line(q, &x, &cc))) { /* indented, or malformed */
            ok = false;
            break;
        }
        if (*end == '\0' && end < stop) { /* a NUL byte inside the text */
            ok = false;
            break;
        }
        q = end + 1;
        if (!x.word) continue;
        /* each is followed by a separator or the line end, already read */
        x.word[x.nword] = '\0';
        if (x.aux) x.aux[x.naux] = '\0';
        add_entry(&bd, &x, repeated);
    }
    if (!ok) {
        if (bad_line) *bad_line = line;
        return NF_EINVAL;
    }
    *out = bd.lx;
    return NF_OK;
}

const nf__lex *nf__lex_find(const nf__lexicon *lx, const char *p, size_t n)
{
    if (!lx || n == 0 || n > NF__LEX_MAX_WORD) return NULL; /* no listed word is longer */
    return nf__lex_find_h(lx, p, n, hash_lower(p, n));
}

const char *nf__event_name(int ev) { return ev > 0 && ev < EV__COUNT ? event_names[ev] : ""; }
