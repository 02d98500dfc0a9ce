/* brief.h - internals of the story brief, shared by the files of src/brief and src/render/html.c.
 *
 * The brief reads the cached analysis (kept blocks, sentence spans, near-duplicate flags) and never
 * changes it. Extraction works on its own light token stream: words, numbers and punctuation with
 * byte offsets and lexicon classes (lexicon.c). Every stage appends to the work struct nf__bw;
 * brief.c copies the results into the public nf_brief, whose arena owns every string. */
#ifndef NF_BRIEF_H
#define NF_BRIEF_H
#include "model.h"

#include <string.h>

/* ---- lexicon (lexicon.c): word classes, bit flags ---- */
#define LX_NUMWORD   (1u << 0)  /* one .. ninety, hundred, dozen: value in nf__lex.value */
#define LX_SCALE     (1u << 1)  /* hundred, thousand, million, bn, m: multiplier in value */
#define LX_VAGUE     (1u << 2)  /* dozens, hundreds, thousands: not a figure */
#define LX_MONTH     (1u << 3)  /* value = 1..12 */
#define LX_WEEKDAY   (1u << 4)  /* value = 0 (Monday) .. 6 */
#define LX_TIMEUNIT  (1u << 5)  /* minute, day, week, year: aux = the unit */
#define LX_UNIT      (1u << 6)  /* percent, km, tonnes: aux = the unit */
#define LX_CURRENCY  (1u << 7)  /* dollars, euros: aux = ISO code */
#define LX_SPEECH    (1u << 8)  /* said, told, according: attributes figures and quotes */
#define LX_QVERB     (1u << 9)  /* called, described, urged: introduces a partial quote only */
#define LX_TITLE     (1u << 10) /* Mayor, President, Gen.: stands before a name */
#define LX_ROLE      (1u << 11) /* spokesman, director, official: a person's role noun */
#define LX_ORG       (1u << 12) /* ministry, agency, union: head word of a body */
#define LX_HUMAN     (1u << 13) /* people, soldiers, residents */
#define LX_EVENT     (1u << 14) /* killed, wounded, missing: event class in nf__lex.ev */
#define LX_MEASURE   (1u << 15) /* toll, turnout, magnitude, damage: what "at N" measures */
#define LX_GENERIC   (1u << 16) /* figure, number, total: a measure that names nothing */
#define LX_BOUNDARY  (1u << 17) /* that, which, and, but: ends a noun phrase */
#define LX_PREP      (1u << 18) /* in, at, from, of */
#define LX_ADV       (1u << 19) /* also, later, has: may stand between a speaker and the verb */
#define LX_DET       (1u << 20) /* the, a, its, their */
#define LX_PRONOUN   (1u << 21) /* he, she, it, they: value 1 person, 2 body, 3 either */
#define LX_AUX       (1u << 22) /* was, were, had, been, are */
#define LX_STREET    (1u << 23) /* Street, Lane, Road */
#define LX_CLOCK     (1u << 24) /* a.m., p.m., GMT, o'clock */
#define LX_PARTICLE  (1u << 25) /* von, van, al, bin: lowercase inside names */
#define LX_ANON      (1u << 26) /* officials, sources, witnesses: unnamed speakers */
#define LX_TIMEREL   (1u << 27) /* ago, earlier, later, after, into: anchors a span of time */
#define LX_UPDATE    (1u << 28) /* now, latest, revised, rose: marks a changed figure */
#define LX_STARTER   (1u << 29) /* capitalized at a sentence start but not a name: The, In */
#define LX_PLACEPREP (1u << 30) /* in, at, near, from: before a place name */
#define LX_RELDAY    (1u << 31) /* yesterday, today, tonight */

/* Classes of common words: capitalized at a sentence start they are not part of a name. */
#define LX_COMMON                                                                                  \
    (LX_PREP | LX_BOUNDARY | LX_AUX | LX_ADV | LX_PRONOUN | LX_HUMAN | LX_ANON | LX_EVENT |        \
     LX_SPEECH | LX_QVERB | LX_NUMWORD | LX_VAGUE | LX_TIMEUNIT | LX_UPDATE | LX_GENERIC |         \
     LX_MEASURE | LX_TIMEREL)

enum {
    EV_NONE = 0,
    EV_KILLED,
    EV_INJURED,
    EV_MISSING,
    EV_DISPLACED,
    EV_ARRESTED,
    EV_RESCUED,
    EV_DAMAGED,
    EV__COUNT
};

typedef struct nf__lex {
    const char *word;
    uint32_t flags;
    double value;
    const char *aux;
    uint8_t ev;
    uint8_t len; /* strlen(word), set when the lexicon is built */
} nf__lex;

typedef struct nf__lexicon {
    const nf__lex *ent;   /* merged entries */
    const uint16_t *slot; /* open addressing: entry index + 1, 0 = empty */
    size_t cap, n;
} nf__lexicon;
/* The lexicon of data/brief_lexicon.txt: static tables that tools/gen/gen_lexicon.c makes at
 * build time with lexicon.c's parser (build/gen/brief_lexicon.c). */
extern const nf__lexicon nf__lexicon_builtin;
/* The classes of the built-in lexicon's entry i - 1 at [i]; [0] = 0 (a word not listed). */
extern const uint32_t nf__lex_flags[];
static inline const nf__lexicon *nf__lexicon_new(void) { return &nf__lexicon_builtin; }
/* No listed word is longer (lookups of longer tokens stop at once). */
#define NF__LEX_MAX_WORD 16
/* Entry of the word (any case; ASCII folded), or NULL. */
const nf__lex *nf__lex_find(const nf__lexicon *lx, const char *p, size_t n);
size_t nf__lex_hash(const char *p, size_t n); /* the hash nf__lex_find uses */
static inline size_t nf__lex_step(size_t h, unsigned char c) { return h * 31 + (c | 0x20); }
static inline size_t nf__lex_final(size_t h, size_t n)
{
    h = h * 31 + n;
    return h ^ (h >> 11);
}
/* nf__lex_find with the hash already computed: nf__lex_final(nf__lex_step(...) over the bytes,
 * n). Inline: the tokenizer looks up every word. */
static inline const nf__lex *nf__lex_find_h(const nf__lexicon *lx, const char *p, size_t n,
                                            size_t hash)
{
    if (!lx || n == 0 || n > NF__LEX_MAX_WORD) return NULL;
    size_t h = hash & (lx->cap - 1);
    while (lx->slot[h]) {
        const nf__lex *e = &lx->ent[lx->slot[h] - 1];
        if (e->len == n) {
            size_t i = 0;
            while (i < n && e->word[i] == nf__tolower((unsigned char)p[i])) i++;
            if (i == n) return e;
        }
        h = (h + 1) & (lx->cap - 1);
    }
    return NULL;
}
const char *nf__event_name(int ev); /* "killed", "injured", ...; "" for EV_NONE */

/* ---- word lists (wordlists.c, data/brief_words.txt) ---- */
enum {
    NF__WL_ABOUT,        /* "about", "some", "nearly": an approximate number follows */
    NF__WL_OVER,         /* "over", "above": more than, the word starts the figure */
    NF__WL_EXCEED,       /* "exceeded", "topped": more than, the verb is not part of it */
    NF__WL_FORECAST,     /* "forecast", "expected": a figure of the future */
    NF__WL_DATA,         /* "figures", "results": an unnamed data source */
    NF__WL_PLACE_OWNER,  /* "city", "country": a common-noun owner of a body */
    NF__WL_MARGIN,       /* "leads", "trails": a count is a margin */
    NF__WL_OWNER_VERB,   /* "had", "received": X owns the count */
    NF__WL_CONTEXT_PREP, /* "in", "within": a count inside a place phrase */
    NF__WL_UPDATE,       /* "now", "latest", "revised": a changed value */
    NF__WL_DEMONYM,      /* "Israeli", "Cypriot": a nationality, not an entity (sources.c) */
    NF__WL_TITLE_MOD,    /* "former", "acting": a title word that only modifies a role (np.c) */
    NF__WL_COUNT
};
/* Whether the word [p, p+n) (any case) is in list. */
bool nf__wl_has(int list, const char *p, size_t n);
bool nf__wl_ok(void); /* the table has words (a unit test checks it) */

/* The lists as one open-addressing table (wlparse.c), made at build time by gen_lexicon. */
#define NF__WL_CAP 512 /* slots: a power of two, more than twice the words of the file */
typedef struct nf__wl_slot {
    const char *p; /* the word, lowercase; NULL for an empty slot */
    uint8_t n, list;
} nf__wl_slot;
typedef struct nf__wl_table {
    nf__wl_slot slot[NF__WL_CAP];
    /* per list: bit L of len for a word of L bytes (63: longer), bit c - 'a' of first for a
     * first letter c (26: any other byte); most tokens fail one and skip the probe */
    uint64_t len[NF__WL_COUNT];
    uint32_t first[NF__WL_COUNT];
    size_t n; /* words */
} nf__wl_table;
extern const nf__wl_table nf__wl_builtin; /* data/brief_words.txt */
/* Parse a word-list file ("name: word word ...", '#' comments) into *t (zeroed by the caller);
 * the slots point into p. False for an unknown list name or a full table. */
bool nf__wl_parse(const char *p, size_t n, nf__wl_table *t);
/* The slot where a word (any case) of list starts its probe. */
static inline size_t nf__wl_hash(int list, const char *p, size_t n)
{
    size_t h = (size_t)list * 0x9E3779B9u;
    for (size_t i = 0; i < n; i++) h = h * 31 + (unsigned char)nf__tolower((unsigned char)p[i]);
    return (h ^ (h >> 9)) & (NF__WL_CAP - 1);
}
/* A first byte's bit in nf__wl_table.first. */
static inline uint32_t nf__wl_first_bit(unsigned char c)
{
    c = (unsigned char)nf__tolower(c);
    return c >= 'a' && c <= 'z' ? 1u << (c - 'a') : 1u << 26;
}

/* ---- tokens (tokens.c) ---- */
enum { BT_WORD = 1, BT_NUM, BT_PUNCT };
#define BT_CAP     1u   /* starts with an uppercase letter */
#define BT_ALLCAPS 2u   /* two or more letters, all uppercase */
#define BT_INQ     4u   /* inside a direct quotation */
#define BT_POSS    8u   /* the possessive 's (or ’s, or a lone ' after a plural) */
#define BT_DIGITS  16u  /* a word that contains digits (F-16s, 19th) */
#define BT_GLUED   32u  /* no space before it */
#define BT_ABBR    64u  /* ends with an abbreviation period (U.S., Gen.) */
#define BT_HYPHEN  128u /* has an inner hyphen (twenty-four, al-Assad) */

/* 12 bytes: every stage walks the token array, so it is kept small (a long document holds
 * millions). The entry's classes are read through nf__lex_flags (nf__tok_lxf). */
typedef struct nf__btok {
    uint32_t start, end;
    uint16_t li; /* lexicon entry + 1, 0 when the word is not listed (nf__tok_lex) */
    uint8_t kind, fl;
} nf__btok;

#define SF_NUM   1u /* has a number in digits or words */
#define SF_DATE  2u /* has a month, weekday, "yesterday" or "today" */
#define SF_TITLE 4u /* a title-case headline: capitals mean nothing there */
#define SF_STMT  8u /* has the word "statement" */

/* ---- names (names.c): speakers, bodies, people ---- */
enum { NK_NONE = 0, NK_PERSON, NK_BODY, NK_ANON, NK_PRONOUN };

typedef struct nf__np {
    int kind;         /* NK_* */
    const char *name; /* canonical name (brief arena), NULL for anonymous / unresolved */
    const char *role; /* role words from the text, or NULL */
    const char *text; /* the noun phrase as written (collapsed), for anonymous sources */
    int pron;         /* for NK_PRONOUN: 1 he/she, 2 it, 3 they, 4 "the statement" */
    int generic;      /* a body named only by a common noun ("the fire service") */
    int32_t id;       /* registry index, or -1 */
} nf__np;

/* One name known to the cluster (person or body), with its alias keys. */
typedef struct nf__name {
    const char *name; /* display form */
    const char *key;  /* lowercase, determiners and punctuation removed */
    const char *last; /* lowercase last token (surname or head noun) */
    const char *role; /* first role seen, or NULL */
    int kind;         /* NK_PERSON or NK_BODY */
    uint64_t *bits;   /* documents seen (bitmap over the cluster's documents) */
    size_t ndocs, nmentions;
    int titled, speaker, placed; /* evidence counters for the entity kind */
    int32_t last_doc;
    int32_t next_last, next_first; /* chains of names with the same last / first word */
} nf__name;

/* ---- attributions (attrib.c) ---- */
enum { AT_SUBJ = 1, AT_INVERTED, AT_ACCORDING, AT_BY, AT_QUOTED_AS };

typedef struct nf__attr {
    uint32_t sent;     /* cluster sentence index */
    uint32_t anchor;   /* token of the verb / "according" / "by" */
    uint32_t np0, np1; /* the source noun phrase tokens */
    uint8_t type;      /* AT_* */
    uint8_t figure_ok; /* LX_SPEECH verb (not only a quote verb) */
    nf__np np;         /* resolved */
} nf__attr;

/* ---- raw figures (figures.c) ---- */
typedef struct nf__rfig {
    uint32_t doc, sent, start, end; /* byte span of the whole expression */
    uint32_t t0, t1;                /* tokens of the number (for attribution) */
    double value, value_max;
    int is_range;
    int qual;                      /* nf_qualifier */
    const char *unit;              /* static string or NULL */
    const char *head;              /* lowercase head key ("soldier", "turnout"), or "" */
    const char *phrase;            /* the counted noun phrase: "Syrian soldiers" */
    const char *counted;           /* display: phrase + event, "Syrian soldiers killed" */
    const char *owner;             /* proper name owning the count (votes of X), or NULL */
    const char *scope;             /* a year the sentence ties it to, or NULL */
    const char *place;             /* "izmit" for "killed in Izmit", "Izmit 4,179 dead"; or NULL */
    const char *attribution;       /* canonical, or NULL */
    int ev;                        /* EV_* */
    int human, partitive, context; /* human head; "N of the X"; a count inside a place phrase */
    int update_cue, update_from;   /* "rose to" / "up from" wording next to it */
    int label;                     /* a bare number after a noun: "interstate 95", "marker 114" */
    int rate;                      /* "$40,000 per bar", "4,500 tons a year": a rate, no amount */
    int measured;                  /* head from a measure noun before it ("a depth of 10 km") */
    int agent; /* "four air strikes killed 62": counts what did it, not a toll */
    int headline;
    uint32_t group; /* conflict group, set by conflicts.c */
} nf__rfig;

/* ---- raw quotes (quotes.c) ---- */
#define NF__QUOTE_MIN_WORDS 6 /* shorter quoted segments are labels or fragments, not quotes */
typedef struct nf__rquote {
    uint32_t doc;
    uint32_t part0, nparts;     /* spans in the work's qparts array */
    uint32_t open_at, close_at; /* byte offsets of the opening and closing marks */
    uint32_t sent;              /* sentence of the quote start */
    int closed, partial;
    int cont; /* continues the quote left open at the end of the previous paragraph */
    nf__np sp;
    const char *norm; /* normalized text for merging */
} nf__rquote;

/* ---- dated mentions (timeline.c) ---- */
typedef struct nf__rdate {
    uint32_t sent, start, end;
    int year, month, day; /* 0 when not known */
    int weekday;          /* 0..6 or -1 */
    int rel;              /* relative expression (weekday, yesterday): resolved later */
    int resolved;         /* 0 unresolved, 1 absolute, 2 document date, 3 inferred */
    int weak; /* 1 after a speech verb, 2 after "until", "by", "before": when said, a deadline */
} nf__rdate;

typedef struct nf__ilist {
    uint32_t *v;
    size_t n, cap;
} nf__ilist;

/* The word tables every build reads: the lexicon and data/brief_aliases.txt parsed. Built once
 * per context (nf_ctx.brief), in its own arena, read-only afterwards. */
typedef struct nf__brief_tables {
    nf__arena *a;
    const nf__lexicon *lx;
    const struct nf__aliases *al;
} nf__brief_tables;

/* Other names of a body (aliases.c): alias key -> canonical name. */
typedef struct nf__aliases {
    const char *const *from, *const *to;
    size_t n;
    const uint32_t *map; /* open addressing on from (nf__name_hkey): index + 1 */
    size_t cap;
} nf__aliases;
/* data/brief_aliases.txt, parsed at build time (tools/gen/gen_lexicon.c). */
extern const nf__aliases nf__aliases_builtin;
/* Parse an alias file into arena a; false when out of memory. */
bool nf__aliases_parse(nf__arena *a, const char *p, size_t n, nf__aliases *out);
uint64_t nf__name_hkey(const char *key); /* the hash of the alias and name tables */

/* The work state of one build. */
typedef struct nf__bw {
    nf_cluster *c;
    nf__arena *a;   /* scratch, freed after the build */
    nf__arena *ta;  /* the token stream and its start lists, freed once no stage reads them */
    nf__arena *out; /* the brief's own arena */
    const nf__lexicon *lx;
    nf__btok *tok;
    size_t ntok, captok;
    uint32_t *st0, *st1; /* per sentence: token range */
    uint8_t *shead;      /* per sentence: from a headline block */
    uint8_t *sflags;     /* per sentence: SF_* */
    /* token indexes each stage starts from, in text order (filled by the tokenizer), so the
     * stages do not walk every token */
    nf__ilist l_num;    /* numbers in digits or words */
    nf__ilist l_trig;   /* attribution verbs and prepositions */
    nf__ilist l_date;   /* months, weekdays, "today", a preposition before a number */
    nf__ilist l_cap;    /* capitalized words */
    nf__ilist l_low;    /* lowercase words that are not in the lexicon */
    uint16_t *low_hash; /* parallel to l_low: the low 16 bits of each word's nf__lex_hash */
    size_t low_hash_cap;
    nf__ilist l_qm;  /* quotation marks */
    size_t trig_cur; /* attrib.c's position in l_trig */
    /* quotes: byte spans of every quoted part, marks excluded */
    nf__span *qparts;
    size_t nqparts, capqparts;
    nf__rquote *rq;
    size_t nrq, caprq;
    /* names */
    nf__name *names;
    size_t nnames, capnames;
    uint32_t *name_map; /* open addressing on key: index + 1 */
    size_t name_cap;
    /* raw spelling -> name index, so a name written the same way again skips the key work */
    const char **raw_p;
    uint32_t *raw_n;
    int32_t *raw_id;
    size_t raw_cap, nraw;
    const struct nf__brief_tables *tb; /* the context's lexicon and aliases */
#define NF__CHAINS 4096
    int32_t *last_head, *first_head; /* NF__CHAINS buckets of name chains */
    /* attributions, ordered by sentence */
    nf__attr *at;
    size_t nat, capat;
    uint32_t *sa0, *sa1;                /* per sentence: attribution range */
    int32_t *topic_person, *topic_body; /* per sentence: name index or -1 */
    uint8_t *topic_scanned;             /* per sentence: mentions read into the topics */
    int32_t *stmt_issuer; /* per sentence: name index of the last statement issuer or -1 */
    /* figures */
    nf__rfig *rf;
    size_t nrf, caprf;
    int story_year;   /* the latest year written in the cluster, 0 when none */
    uint8_t *lowdoc;  /* per document: written in lowercase (capitals only at sentence starts;
                         set by the tokenizer) */
    int32_t *docdate; /* per document: its date (days since 1970), or its dateline's; INT32_MIN */
    /* dates */
    nf__rdate *rd;
    size_t nrd, caprd;
} nf__bw;

/* Growable arrays in the scratch arena. */
bool nf__bw_grow(nf__bw *w, void **p, size_t *cap, size_t need, size_t elem);
char *nf__bw_strdup(nf__bw *w, const char *p, size_t n); /* into the output arena */
/* Whitespace-collapsed copy of text[s, e) into the output arena. */
char *nf__bw_collapse(nf__bw *w, const char *text, size_t s, size_t e);

/* Stage entry points, called in this order by brief.c. */
nf_status nf__brief_tokenize(nf__bw *w);    /* tokens per sentence */
nf_status nf__brief_quotes_scan(nf__bw *w); /* quote spans of every block; sets BT_INQ */
nf_status nf__brief_names(nf__bw *w);       /* the name registry from capitalized phrases */
nf_status nf__brief_attrib(nf__bw *w);      /* attributions + topics per sentence */
nf_status nf__brief_figures(nf__bw *w);     /* raw figures with their attribution */
nf_status nf__brief_quotes_speakers(nf__bw *w);
nf_status nf__brief_doc_dates(nf__bw *w); /* w->docdate (timeline.c) */
nf_status nf__brief_dates(nf__bw *w);

/* names.c helpers used by attrib.c and quotes.c */
/* Analyse the noun phrase tokens [t0, t1) of sentence s: name, role, kind. NF_ENOMEM only. */
nf_status nf__np_analyze(nf__bw *w, size_t s, uint32_t t0, uint32_t t1, nf__np *out);
/* A person or body named by the capitalized run starting at token k of sentence s (title
 * words skipped, surnames resolved); -1 when none. *end gets the run end. */
int32_t nf__mention_at(nf__bw *w, size_t s, uint32_t k, uint32_t *end);
bool nf__modifier_word(const nf__bw *w, uint32_t doc, const nf__btok *t);
/* Find or add a name; returns its index or -1 on allocation failure. */
int32_t nf__name_intern(nf__bw *w, const char *p, size_t n, int kind, uint32_t doc);
int32_t nf__name_intern_key(nf__bw *w, const char *p, size_t n, int kind, uint32_t doc);
int32_t nf__name_lookup(const nf__bw *w, const char *p, size_t n);
uint32_t nf__name_bucket(const char *p, size_t n); /* chain bucket of a lowercase word */
/* The canonical name a surname or a common-noun head refers to (last word match), or -1. */
int32_t nf__name_by_last(const nf__bw *w, const char *last, size_t n, int kind, uint32_t doc);
/* Lowercase key of a display name (ASCII folded, "the" and punctuation dropped). */
size_t nf__name_key(const char *p, size_t n, char *out, size_t cap);

static inline bool nf__name_in_doc(const nf__name *nm, uint32_t doc)
{
    return nm->bits && (nm->bits[doc / 64] >> (doc % 64) & 1u);
}

/* The lexicon entry of a token, or NULL. */
static inline const nf__lex *nf__tok_lex(const nf__bw *w, const nf__btok *t)
{
    return t->li ? &w->lx->ent[t->li - 1] : NULL;
}

bool nf__tok_is_slow(const nf__bw *w, uint32_t doc, const nf__btok *t, const char *word);
/* Whether token t (of document doc) is the ASCII word (case-insensitive). A lexicon word of
 * the same length is the token folded, so it is compared directly; inline, because the rules
 * test many words per token. */
static inline bool nf__tok_is(const nf__bw *w, uint32_t doc, const nf__btok *t, const char *word)
{
    size_t n = t->end - t->start;
    if (t->li) {
        const nf__lex *lx = &w->lx->ent[t->li - 1];
        if (lx->len == n) return lx->word[0] == word[0] && strcmp(lx->word, word) == 0;
    }
    if (nf__tolower((unsigned char)w->c->docs[doc].text[t->start]) != word[0]) return false;
    return nf__tok_is_slow(w, doc, t, word);
}

/* Whether token t of document doc is a word of list (data/brief_words.txt). */
static inline bool nf__tok_in(const nf__bw *w, uint32_t doc, const nf__btok *t, int list)
{
    return t->kind == BT_WORD &&
           nf__wl_has(list, w->c->docs[doc].text + t->start, t->end - t->start);
}

/* A capitalized word (the tokenizer also marks "al-Assad" style names). */
static inline bool nf__capword(const nf__bw *w, uint32_t doc, const nf__btok *t)
{
    (void)w;
    (void)doc;
    return t->kind == BT_WORD && (t->fl & BT_CAP) && !(t->fl & BT_POSS);
}

/* token helpers */
static inline const char *nf__tok_p(const nf__bw *w, uint32_t doc, const nf__btok *t)
{
    return w->c->docs[doc].text + t->start;
}
static inline size_t nf__tok_n(const nf__btok *t) { return t->end - t->start; }

/* The lexicon classes of token t (0 when the word is not listed). */
static inline uint32_t nf__tok_lxf(const nf__btok *t) { return nf__lex_flags[t->li]; }
static inline bool nf__tok_has(const nf__btok *t, uint32_t flags)
{
    return (nf__tok_lxf(t) & flags) != 0;
}
bool nf__tok_punct_slow(const nf__bw *w, uint32_t doc, const nf__btok *t, const char *s);
/* Whether token t of document doc is the punctuation s; inline for the one-byte marks the rules
 * test between most tokens. */
static inline bool nf__tok_punct(const nf__bw *w, uint32_t doc, const nf__btok *t, const char *s)
{
    if (t->kind != BT_PUNCT) return false;
    if (s[0] && !s[1]) return t->end - t->start == 1 && w->c->docs[doc].text[t->start] == s[0];
    return nf__tok_punct_slow(w, doc, t, s);
}

/* Tokens k, k + 1, k + 2 are ", 54 ,": an age between commas after a name ("Oskar Venn, 54, the
 * plant's manager"), which is no part of the noun phrase. The caller keeps k + 2 in bounds. */
static inline bool nf__comma_age(const nf__bw *w, uint32_t doc, uint32_t k)
{
    return nf__tok_punct(w, doc, &w->tok[k], ",") && w->tok[k + 1].kind == BT_NUM &&
           nf__tok_n(&w->tok[k + 1]) <= 3 && nf__tok_punct(w, doc, &w->tok[k + 2], ",");
}

/* Quotation marks at p: returns the mark's byte length (0 if none); *dbl set for a double mark. */
size_t nf__quote_mark(const char *p, size_t n, int *dbl);

/* ---- the public struct ---- */
struct nf_brief {
    nf_allocator alc;
    nf__arena *arena;
    size_t ndocs;
    nf_figure *figures; /* key figures first: [0, nkeyfigures) */
    size_t nfigures, nkeyfigures;
    nf_conflict *conflicts;
    size_t nconflicts;
    nf_quote *quotes;
    size_t nquotes;
    nf_speaker *speakers;
    size_t nspeakers;
    nf_source *sources;
    size_t nsources;
    nf_event *events;
    size_t nevents;
    nf_entity *entities;
    size_t nentities;
    size_t *dup_a, *dup_b;
    double *dup_sim;
    size_t ndups;
};

/* conflicts.c: merge raw figures into public figures and build the conflicts. */
nf_status nf__brief_conflicts(nf__bw *w, nf_brief *b);
/* quotes.c: merge raw quotes into public quotes and speakers. */
nf_status nf__brief_quotes_merge(nf__bw *w, nf_brief *b);
/* sources.c: sources, near-duplicates and entities. */
nf_status nf__brief_sources(nf__bw *w, nf_brief *b);
nf_status nf__brief_entities(nf__bw *w, nf_brief *b);
/* timeline.c */
nf_status nf__brief_timeline(nf__bw *w, nf_brief *b);

/* ---- rendering (render.c, src/render/html.c) ---- */
void nf__brief_text(nf__buf *o, const nf_cluster *c, const nf_brief *b, int markdown);
void nf__brief_json(nf__buf *o, const nf_cluster *c, const nf_brief *b);
/* The standalone page: summary (may be NULL) with linked sentences, then the brief (may be NULL).
 */
void nf__render_html_page(nf__buf *o, const nf_cluster *c, const nf_summary *s, const nf_brief *b);
/* Number formatting shared by the renderers: "62", "4.5 million", "$40 million", "46.8%". */
void nf__brief_put_value(nf__buf *o, double v, const char *unit);
void nf__brief_put_figure(nf__buf *o, const nf_figure *f);
#endif
