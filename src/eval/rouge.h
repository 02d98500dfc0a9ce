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
typedef struct nf__rouge_lex nf__rouge_lex;
/* ROUGE-1.5.5's stop-word list and WordNet exception list, parsed from the embedded data. */
nf__rouge_lex *nf__rouge_lex_new(const nf_allocator *al);
void nf__rouge_lex_free(nf__rouge_lex *x);
bool nf__rouge_is_stop(const nf__rouge_lex *x, const char *w, size_t n);
/* The exception list's base form of w, or NULL. */
const char *nf__rouge_exception(const nf__rouge_lex *x, const char *w, size_t n, size_t *len);

/* The Porter stemmer of ROUGE-1.5.5's Perl module (with its 2004 change to step 4) applied to
 * w[0..n). out needs n bytes (a stem is never longer than its word); returns the stem length. */
size_t nf__rouge_porter(const char *w, size_t n, char *out);

/* What -m does to one lowercase token: words of at most 3 bytes stay as they are; longer ones take
 * their exception-list base form when listed (not stemmed further), else their Porter stem.
 * Returns a pointer to the result (buf, w itself or a table string) and its length in *len.
 * buf needs n bytes. */
const char *nf__rouge_morph(const nf__rouge_lex *x, const char *w, size_t n, char *buf,
                            size_t *len);

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
/* Call cb for each token of s as ROUGE sees it: a maximal run of ASCII letters and digits (not
 * yet lowercased). Anything else (hyphens, punctuation, non-ASCII bytes) separates and is
 * dropped. Returns false when cb does. */
typedef bool (*nf__rouge_tok_cb)(void *ud, const char *w, size_t n);
bool nf__rouge_tokens(const char *p, size_t n, nf__rouge_tok_cb cb, void *ud);

/* ---- the handle (rouge.c) ---- */
enum { NF__RM_N = 0, NF__RM_L = 1, NF__RM_W = 2, NF__RM_S = 3 };

typedef struct nf__rmetric {
    int kind;     /* NF__RM_* */
    int n;        /* n-gram size of ROUGE-N */
    bool unigram; /* ROUGE-SU: skip-bigrams plus unigrams */
    char name[48];
} nf__rmetric;

struct nf_rouge {
    nf_allocator alc;
    const nf_allocator *al;
    nf_rouge_options o;
    char peer_id[64];
    nf__rouge_lex *lex;
    /* vocabulary: surface word -> normalized (stopword filter, stemming) word id */
    nf__intern *surf;
    nf__intern *words;
    uint32_t *surf_word; /* per surface id: word id or UINT32_MAX when a stop word */
    size_t cap_surf_word;
    /* per evaluation scratch: word id -> dense local id */
    uint32_t *stamp, *local;
    size_t cap_local;
    uint32_t gen;
    /* metrics and results */
    nf__rmetric metrics[72]; /* up to 64 ROUGE-N, L, W, S and SU */
    size_t nmetrics;
    char **ids;             /* evaluation ids, insertion order */
    nf__intern *idset;      /* the same ids, to refuse duplicates */
    nf_rouge_score *scores; /* [eval * nmetrics + metric] */
    size_t nevals, cap_ids, cap_scores; /* capacities in ids and in scores */
    /* computed by nf_rouge_compute */
    bool computed;
    size_t *out_order;  /* ROUGE's print order (by_evalID) */
    size_t *avg_order;  /* plain string order of "<id>.<peer>" (the bootstrap's order) */
    nf_rouge_average *avgs;
};

/* Score one evaluation for every metric of r: scores[] receives r->nmetrics results. */
nf_status nf__rouge_score_eval(nf_rouge *r, const char *peer, size_t peer_len,
                               const nf_rouge_text *models, size_t nmodels,
                               nf_rouge_score *scores, nf_error *err);

/* %7.5f as Perl's sprintf prints it, read back as a number (what ROUGE keeps after rounding). */
double nf__rouge_round5(double x);

#endif
