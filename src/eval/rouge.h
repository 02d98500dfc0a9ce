/* rouge.h - internals of the ROUGE-1.5.5 evaluator (src/eval), shared by its files and the tests.
 *
 * The evaluator reproduces what the official Perl script prints, digit for digit. That script has
 * several quirks (ROUGE-W weights its denominators twice, the ROUGE-L byte cut forgets to count,
 * -f B compares recall rounded to 5 decimals, a skip-bigram run never counts the last unigram);
 * each is kept on purpose and named where it is implemented. docs/rouge.md lists them.
 */
#ifndef NF_EVAL_ROUGE_H
#define NF_EVAL_ROUGE_H

#include "core/core.h"

/* ---- word lists (rouge_stem.c) ---- */
/* Whether w[0..n) is on ROUGE-1.5.5's stop-word list (embedded data, searched in place). */
bool nf__rouge_is_stop(const char *w, size_t n);
/* The WordNet exception list's base form of w, or NULL. */
const char *nf__rouge_exception(const char *w, size_t n, size_t *len);

/* The Porter stemmer of ROUGE-1.5.5's Perl module (with its 2004 change to step 4) applied to
 * w[0..n). out needs n bytes (a stem is never longer than its word); returns the stem length. */
size_t nf__rouge_porter(const char *w, size_t n, char *out);

/* What -m does to one lowercase token: words of at most 3 bytes stay as they are; longer ones take
 * their exception-list base form when listed (not stemmed further), else their Porter stem.
 * Returns a pointer to the result (buf, w itself or a table string) and its length in *len.
 * buf needs n bytes. */
const char *nf__rouge_morph(const char *w, size_t n, char *buf, size_t *len);

/* ---- Perl's drand48 (rouge.c) ---- */
/* State after srand(seed), and the next rand() in [0, 1). */
uint64_t nf__perl_srand(uint32_t seed);
double nf__perl_drand(uint64_t *state);

/* ---- input lines (rouge_text.c) ---- */
typedef struct nf__rseg {
    const char *p;
    size_t n;
} nf__rseg;

/* The sentences ROUGE reads from SPL text: split at '\n', newline removed, empty lines dropped
 * (a lone "\r" is not empty). Returns the number of lines; fills out[] when non-NULL. */
size_t nf__rouge_lines(const char *p, size_t n, nf__rseg *out);
/* Fields of Perl's split(/\s+/, s): a leading empty field when s starts with whitespace and has
 * a non-space byte; trailing empty fields dropped. */
size_t nf__rouge_fields(const char *p, size_t n);
/* The limited text of the n-gram reader (readText): the lines kept under -l words / -b bytes, the
 * crossing line cut. Segments point into lines[]. Returns the segment count (<= nlines). */
size_t nf__rouge_cut_ngram(const nf__rseg *lines, size_t nlines, size_t words, size_t bytes,
                           nf__rseg *out);
/* The same for the sentence reader of ROUGE-L/W (readText_LCS). Under -b that reader never adds
 * up the kept lines, so only a single line of at least `bytes` bytes is cut (ROUGE's behaviour). */
size_t nf__rouge_cut_lcs(const nf__rseg *lines, size_t nlines, size_t words, size_t bytes,
                         nf__rseg *out);

/* ---- vocabulary (rouge_vocab.c) ---- */
/* Byte string -> uint32 map (open addressing). A slot holds the key's hash, its value, and the
 * key itself when it has at most 7 bytes (most words), so a lookup usually reads one slot;
 * longer keys are compared with their copy in a pool. */
typedef struct nf__rslot {
    uint64_t k8; /* bytes 0..6 and (length + 1) << 56, or bytes 0..6 and 0xFF << 56 when longer;
                    0 = empty */
    uint32_t hash, val;
} nf__rslot;

typedef struct nf__rsmap {
    nf__rslot *slot;
    uint32_t *slot_key; /* per slot: its key's entry (read for long keys) */
    size_t mask;        /* slot count - 1; 0 before the first insertion */
    uint32_t *key;      /* per entry: pool offset, length */
    size_t n, cap;      /* entries, and capacity in uint32 of key */
    char *pool;
    size_t plen, pcap;
} nf__rsmap;

static inline uint32_t nf__rouge_hash_step(uint32_t h, unsigned char c)
{
    return (h ^ c) * 16777619u; /* FNV-1a */
}
#define NF__ROUGE_HASH0 2166136261u
uint32_t nf__rouge_hash(const char *p, size_t n);
void nf__rsmap_free(nf__rsmap *m, const nf_allocator *al);

/* Grow *p to at least need elements of elem bytes, dropping the old contents (scratch arrays). */
bool nf__rouge_reserve(const nf_allocator *al, void **p, size_t *cap, size_t need, size_t elem);

/* ---- the handle (rouge.c) ---- */
enum { NF__RM_N = 0, NF__RM_L = 1, NF__RM_W = 2, NF__RM_S = 3 };

typedef struct nf__rmetric {
    int kind;     /* NF__RM_* */
    int n;        /* n-gram size of ROUGE-N */
    bool unigram; /* ROUGE-SU: skip-bigrams plus unigrams */
    char name[48];
} nf__rmetric;

/* Growable scratch arrays, kept across evaluations so that scoring one allocates nothing once
 * the sizes have settled. cap_* count elements. */
typedef struct nf__rscratch {
    char *lc; /* a lowercased token and its stem */
    size_t cap_lc;
    nf__rseg *seg; /* lines and cut lines of one text */
    size_t cap_seg;
    uint32_t *tok; /* tokens (local ids) of every text of the evaluation */
    size_t cap_tok;
    size_t *so; /* sentence offsets of every text */
    size_t cap_so;
    uint32_t *ga, *gb, *cnt; /* gram ids, and counts per gram */
    size_t cap_ga, cap_gb, cap_cnt;
    uint64_t *pkey; /* pair table of the peer's grams */
    uint32_t *pval;
    size_t cap_pkey, cap_pval;
    uint64_t *bits; /* bit-parallel LCS: match masks and rows */
    size_t cap_bits;
    uint32_t *slot; /* per local id: its match mask in the current peer sentence, 0 = none */
    size_t cap_slot;
    unsigned char *mark; /* LCS hits per model token */
    size_t cap_mark;
    size_t *mo; /* where each model's marks start */
    size_t cap_mo;
    double *wc; /* ROUGE-W table */
    uint32_t *wl;
    size_t cap_wc, cap_wl;
    uint32_t *u1, *u2, *u3; /* unigram counts for the clipping of ROUGE-L/W */
    size_t cap_u1, cap_u2, cap_u3;
    struct nf__rtext *txt; /* the texts of the evaluation */
    size_t cap_txt;
} nf__rscratch;

struct nf_rouge {
    nf_allocator alc;
    const nf_allocator *al;
    nf_rouge_options o;
    char peer_id[64];
    /* vocabulary: lowercased surface word -> normalized (stopword filter, stemming) word id */
    nf__rsmap surf; /* value: word id, UINT32_MAX for a stop word */
    nf__rsmap words;
    /* per evaluation: word id -> dense local id (valid where stamp == gen) */
    uint32_t *stamp, *local;
    size_t cap_local;
    uint32_t gen;
    uint32_t nlocal;    /* local ids given so far */
    uint32_t nlocal_ng; /* ... when the last n-gram reader was done */
    nf__rscratch s;
    unsigned char lut[256]; /* byte -> its lowercase when an ASCII letter or digit, else 0 */
    /* metrics and results */
    nf__rmetric metrics[72]; /* up to 64 ROUGE-N, L, W, S and SU */
    size_t nmetrics;
    char **ids;                         /* evaluation ids, insertion order */
    nf__intern *idset;                  /* the same ids, to refuse duplicates */
    nf_rouge_score *scores;             /* [eval * nmetrics + metric] */
    size_t nevals, cap_ids, cap_scores; /* capacities in ids and in scores */
    /* computed by nf_rouge_compute */
    bool computed;
    size_t *out_order; /* ROUGE's print order (by_evalID) */
    size_t *avg_order; /* plain string order of "<id>.<peer>" (the bootstrap's order) */
    nf_rouge_average *avgs;
};

/* Local ids of the tokens of seg[0..nseg) appended to out (room for every possible token must
 * exist). A token is what ROUGE sees: a maximal run of ASCII letters and digits, lowercased;
 * anything else (hyphens, punctuation, non-ASCII bytes) separates and is dropped. Then the
 * stop-word filter and stemming of r's options apply. so[s] receives the offset of segment s and
 * so[nseg] the end when so is non-NULL. Returns the token count, or sets *st. */
size_t nf__rouge_tokenize(nf_rouge *r, const nf__rseg *seg, size_t nseg, uint32_t *out, size_t *so,
                          nf_status *st);

/* The table of nf_rouge.lut: what ROUGE keeps of a byte in a token. */
void nf__rouge_lut_init(unsigned char lut[256]);

/* One text as both ROUGE readers see it (local ids). */
struct nf__rtext {
    const uint32_t *ng; /* tokens of the n-gram reader */
    size_t nng;
    const uint32_t *lt; /* tokens of the sentence reader: sentence s is lt[so[s] .. so[s+1]) */
    const size_t *so;
    size_t nsent;
};
typedef struct nf__rtext nf__rtext;

typedef struct nf__rtally {
    double model, peer, hit;
} nf__rtally;

/* ROUGE-L (weighted false) or ROUGE-W of t[0] (the peer) against t[1..nt) (rouge_lcs.c). */
nf_status nf__rouge_score_lcs(nf_rouge *r, const nf__rtext *t, size_t nt, bool weighted,
                              nf__rtally *out);

/* Score one evaluation for every metric of r: scores[] receives r->nmetrics results. */
nf_status nf__rouge_score_eval(nf_rouge *r, const char *peer, size_t peer_len,
                               const nf_rouge_text *models, size_t nmodels, nf_rouge_score *scores,
                               nf_error *err);

/* Offset of the first invalid UTF-8 byte, or n (nf__utf8_check with ASCII runs skipped eight
 * bytes at a time). */
size_t nf__rouge_utf8_check(const char *p, size_t n);

/* %7.5f as Perl's sprintf prints it, read back as a number (what ROUGE keeps after rounding). */
double nf__rouge_round5(double x);

#endif
