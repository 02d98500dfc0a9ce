/*
 * newsfuse.h - the one public header of libnewsfuse.
 *
 * libnewsfuse turns a cluster of news reports about one event into an extractive summary (every
 * sentence a verbatim byte span of a source document) and a story brief. This header is the whole
 * contract: the CLI (tools/cli) and the HTTP service (tools/server) use nothing else.
 *
 * Conventions that hold for every function below:
 *  - Text goes in as (const char *p, size_t n). It need not be NUL-terminated and may contain NUL
 *    bytes (they are treated as spaces for analysis, never as terminators). p may be NULL when
 *    n is 0.
 *  - Handles are opaque, created by nf_X_new() and released by nf_X_free(); nf_X_free(NULL) is a
 *    no-op. Pointers returned by accessors stay valid until the handle they came from is freed.
 *  - Functions that can fail return nf_status. NF_OK is 0. When the optional nf_error * argument is
 *    non-NULL it is filled with the code, a message and, where one exists, the position of the
 *    problem. The library never prints, never exits and never aborts; out of memory is NF_ENOMEM.
 *  - All memory comes from an nf_allocator ({alloc, free, ctx}); NULL means malloc/free. Tests use
 *    it to fail the Nth allocation: every call must then return NF_ENOMEM cleanly.
 *  - Thread safety: handles are not shared between threads while being used. Distinct handles
 *    may be used concurrently from different threads. An nf_ctx holds per-thread tables
 *    (stemmer, stopwords, idf); use one per thread. Output never depends on the number of threads.
 *  - Determinism: the same input and options give byte-identical output.
 *
 * ABI (docs/abi.md has the whole policy). The shared library's soname is libnewsfuse.so.N with
 * N = NF_SOVERSION; it exports exactly the nf_ functions declared here (everything else is hidden,
 * a test checks the exported list). Within one soname, functions, enum values, NF_OPT_* bits and
 * status codes are only added, and structs the library owns (returned as const pointers) only
 * grow at the end. The two option structs the caller allocates, nf_options and nf_rouge_options,
 * start with a size member that their init function sets to the caller's sizeof: the library
 * reads only that many bytes and gives every later member its default, so a program built
 * against an older header keeps working with a newer library. Other structs the caller allocates
 * (nf_error, nf_allocator, nf_doc_meta, nf_stats, nf_sentence as an out-argument,
 * nf_rouge_text, nf_rouge_score, nf_rouge_average, nf_brief_score) never change within a soname.
 */
#ifndef NEWSFUSE_H
#define NEWSFUSE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library is built with -fvisibility=hidden; everything declared in this header, and only
 * that, is exported from the shared library. */
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC visibility push(default)
#endif

/* The number in the shared library's soname (libnewsfuse.so.NF_SOVERSION); it changes only when
 * the ABI breaks. CMake reads it from this line. */
#define NF_SOVERSION 1

#define NF_VERSION_STRING "0.1.0"
#define NF_VERSION_MAJOR  0
#define NF_VERSION_MINOR  1
#define NF_VERSION_PATCH  0

/* Returns NF_VERSION_STRING of the library actually linked. Never NULL. */
const char *nf_version(void);

/* ---------------------------------------------------------------------------------------------
 * Status codes. Numbers are never reused; new codes are appended.
 */
typedef enum nf_status {
    NF_OK = 0,
    NF_ENOMEM = 1,    /* an allocation failed; the handle is left usable or freeable */
    NF_EINVAL = 2,    /* a bad argument: NULL where a value is needed, an unknown option value */
    NF_EUTF8 = 3,     /* invalid UTF-8 (only where repair is not allowed, e.g. ROUGE input) */
    NF_EEMPTY = 4,    /* empty input: no text, no documents, no sentences */
    NF_EBINARY = 5,   /* the input looks binary (many control bytes) */
    NF_EJSON = 6,     /* malformed JSON or a record of the wrong shape */
    NF_EIO = 7,       /* a file could not be read or written */
    NF_ETOOBIG = 8,   /* an input over a hard size cap */
    NF_ELANG = 9,     /* unknown language for stemming/stopwords */
    NF_EHTML = 10,    /* the HTML parser failed */
    NF_ESOLVER = 11,  /* the ILP solver failed (the greedy fallback result is still returned) */
    NF_EINTERNAL = 12 /* a bug: an internal invariant did not hold */
} nf_status;

/* A static English message for a status; never NULL (unknown codes give "unknown error"). */
const char *nf_strerror(nf_status s);

/* Details of a failure. msg is always NUL-terminated. doc/line/byte_pos are -1 when unknown.
 * line is 1-based (for JSONL and multi-line inputs); byte_pos is 0-based within the input. */
typedef struct nf_error {
    nf_status code;
    char msg[256];
    long doc;
    long line;
    long long byte_pos;
} nf_error;

/* Warnings are non-fatal findings (e.g. invalid UTF-8 repaired as U+FFFD). They are collected on
 * the cluster and can be read back with nf_cluster_warning(). */

/* ---------------------------------------------------------------------------------------------
 * Allocator. alloc(ctx, n) returns NULL on failure; free(ctx, p) accepts NULL. Both must be set, or
 * pass NULL for the whole struct to use malloc/free. The library never calls realloc through it.
 */
typedef struct nf_allocator {
    void *(*alloc)(void *ctx, size_t n);
    void (*free)(void *ctx, void *p);
    void *ctx;
} nf_allocator;

/* ---------------------------------------------------------------------------------------------
 * Options. Always start from nf_options_init(); fields added later get safe defaults there.
 */
typedef enum nf_algo {
    NF_ALGO_AUTO = 0, /* the best measured method (see bench/QUALITY.md) */
    NF_ALGO_LEAD = 1,
    NF_ALGO_CENTROID = 2,
    NF_ALGO_LEXRANK = 3,
    NF_ALGO_TEXTRANK = 4,
    NF_ALGO_MMR = 5,
    NF_ALGO_SUMBASIC = 6,
    NF_ALGO_KL = 7,
    NF_ALGO_ILP = 8,
    NF_ALGO_SUBMODULAR = 9,
    NF_ALGO__COUNT
} nf_algo;

/* Name <-> algorithm. nf_algo_from_name returns -1 for an unknown name. */
const char *nf_algo_name(nf_algo a);
int nf_algo_from_name(const char *name);

typedef enum nf_unit {
    NF_UNIT_WORDS = 0,    /* whitespace-separated tokens, as ROUGE's -l counts them */
    NF_UNIT_BYTES = 1,    /* bytes of the sentences; separators between them are not counted */
    NF_UNIT_SENTENCES = 2 /* whole sentences */
} nf_unit;

typedef enum nf_order {
    NF_ORDER_SOURCE = 0, /* document date when known, then document index, then position */
    NF_ORDER_RANK = 1    /* the order the selector chose them in (best first) */
} nf_order;

/* Boolean options (nf_options.flags). Retired bits stay defined and are ignored. */
#define NF_OPT_TRUNCATE         (1u << 0) /* cut the last sentence at exactly the budget (DUC style) */
#define NF_OPT_KEEP_BOILERPLATE (1u << 1) /* do not drop boilerplate lines */
#define NF_OPT_NO_DEDUP         (1u << 2) /* do not drop near-duplicate sentences before selection */
#define NF_OPT_BRIEF            (1u << 3) /* also build the story brief */
#define NF_OPT_TRIM             (1u << 4) /* allow light trimming of selected sentences */

typedef struct nf_options {
    size_t size;          /* sizeof(nf_options) as the caller was compiled; set by
                             nf_options_init. Do not change it. The library reads only this many
                             bytes; members past it get their defaults. NF_EINVAL when it is
                             smaller than the first published layout (not initialized) or
                             larger than the library's (a newer header than the library) */
    nf_algo algo;         /* default NF_ALGO_AUTO */
    nf_unit unit;         /* default NF_UNIT_WORDS */
    size_t budget;        /* default 100; 0 gives an empty summary */
    nf_order order;       /* default NF_ORDER_SOURCE */
    unsigned flags;       /* NF_OPT_* bits, default 0 */
    double redundancy;    /* max cosine to an already chosen sentence, default 0.5 */
    double dup_threshold; /* shingle Jaccard at which two sentences are near-duplicates, 0.6 */
    const char *query;    /* query-focused summarization; NULL for none */
    size_t query_len;
    double time_limit;  /* ILP wall-clock limit in seconds; default 0: none (a fixed work
                           bound keeps it fast and deterministic). Set it and the output may
                           depend on machine speed */
    size_t min_words;   /* sentences shorter than this are not selected, default 5 */
    const char *params; /* NUL-terminated "name=value,..." overriding auto's tuned constants
                           (cost, pos, div, qmul, qboost, quote, num, share: docs/design.md); for
                           the tuning protocol of scripts/quality. NULL (default): the chosen
                           values */
    /* New members go here, at the end, with their default set in nf_options_init_size. */
} nf_options;

/* Set every member of the first size bytes of *o to its default and o->size to size. Call it
 * through nf_options_init, which passes the caller's sizeof. o NULL: nothing happens. */
void nf_options_init_size(nf_options *o, size_t size);
static inline void nf_options_init(nf_options *o) { nf_options_init_size(o, sizeof(nf_options)); }

/* ---------------------------------------------------------------------------------------------
 * Context: per-thread language tables. lang is a Snowball language name ("english", "german",
 * ...; NULL means "english"). Returns NF_ELANG for an unknown language.
 * nf_ctx_free(NULL) is a no-op.
 */
typedef struct nf_ctx nf_ctx;
nf_status nf_ctx_new(const char *lang, const nf_allocator *al, nf_ctx **out, nf_error *err);
void nf_ctx_free(nf_ctx *ctx);
/* NUL-terminated list of the languages nf_ctx_new accepts (static storage). */
const char **nf_languages(void);
/* Load a background idf table (the format `newsfuse idf` writes: "term<TAB>df" lines after a
 * "#docs N" header). The terms must be stems of the ctx's language. Replaces any earlier table. */
nf_status nf_ctx_load_idf(nf_ctx *ctx, const char *p, size_t n, nf_error *err);

/* Build a background idf table from any corpus (what `newsfuse idf` does): add documents one by
 * one, then write "#docs N" and "stem<TAB>df" lines sorted by stem (bytes), for stems with
 * df >= min_df. The builder uses the ctx's tokenizer; keep the ctx alive while using it. */
typedef struct nf_idf_builder nf_idf_builder;
nf_status nf_idf_builder_new(nf_ctx *ctx, nf_idf_builder **out);
void nf_idf_builder_free(nf_idf_builder *b);
nf_status nf_idf_builder_add(nf_idf_builder *b, const char *p, size_t n, nf_error *err);
size_t nf_idf_builder_docs(const nf_idf_builder *b);
/* *out is allocated with the ctx's allocator; release it with nf_idf_string_free. */
nf_status nf_idf_builder_write(nf_idf_builder *b, size_t min_df, char **out, size_t *len,
                               nf_error *err);
void nf_idf_string_free(nf_idf_builder *b, char *p);

/* ---------------------------------------------------------------------------------------------
 * Cluster: the documents about one story. Documents are copied into the cluster's arena.
 */
typedef struct nf_cluster nf_cluster;

/* Optional metadata of one document. Every field may be NULL. date is ISO 8601 (YYYY-MM-DD...). */
typedef struct nf_doc_meta {
    const char *id;
    const char *title;
    const char *source;
    const char *url;
    const char *date;
} nf_doc_meta;

nf_status nf_cluster_new(const nf_allocator *al, nf_cluster **out);
void nf_cluster_free(nf_cluster *c);

/* Add one plain-text document. Invalid UTF-8 is repaired to U+FFFD (a warning is recorded; the
 * document's text, and all byte offsets, then refer to the repaired bytes). Empty or
 * whitespace-only text gives NF_EEMPTY, binary data NF_EBINARY; on error the cluster is
 * unchanged. */
nf_status nf_cluster_add_text(nf_cluster *c, const char *p, size_t n, const nf_doc_meta *meta,
                              nf_error *err);
/* Add one HTML document: its main text (script/style/nav/aside/footer/form/header dropped) becomes
 * the document text, one block per paragraph-level element; <title> fills meta.title when unset. */
nf_status nf_cluster_add_html(nf_cluster *c, const char *p, size_t n, const nf_doc_meta *meta,
                              nf_error *err);
/* Add every document of text split on a separator (Multi-News "|||||"). Empty parts are skipped. */
nf_status nf_cluster_add_split(nf_cluster *c, const char *p, size_t n, const char *sep,
                               const nf_doc_meta *meta, nf_error *err);
/* Add the documents of one JSON record {"id", "documents": [string | {"text","title","source",
 * "url","date","html"}], ...}. The record's other fields are kept and can be read with
 * nf_cluster_field(). On NF_EJSON the error position is the byte offset in the record. */
nf_status nf_cluster_add_json(nf_cluster *c, const char *p, size_t n, nf_error *err);

/* Mark document doc as an earlier report (or not): for update summaries, what the reader has
 * already seen. Its sentences are never selected, and content it covers counts for less, so the
 * summary says what is new. Invalidates the analysis. NF_EINVAL when doc is out of range. */
nf_status nf_cluster_set_previous(nf_cluster *c, size_t doc, int previous);
size_t nf_cluster_previous_count(const nf_cluster *c);

size_t nf_cluster_doc_count(const nf_cluster *c);
/* The document's text (after ingest: the bytes all spans refer to) and its metadata. */
const char *nf_cluster_doc_text(const nf_cluster *c, size_t doc, size_t *len);
const nf_doc_meta *nf_cluster_doc_meta(const nf_cluster *c, size_t doc);
/* The record id given by nf_cluster_add_json, or NULL. */
const char *nf_cluster_id(const nf_cluster *c);
/* A string field of the JSON record (e.g. "topic_title"), or NULL when absent or not a string. */
const char *nf_cluster_field(const nf_cluster *c, const char *name);
size_t nf_cluster_warning_count(const nf_cluster *c);
const nf_error *nf_cluster_warning(const nf_cluster *c, size_t i);

/* ---------------------------------------------------------------------------------------------
 * Summaries.
 */
typedef struct nf_summary nf_summary;

/* One selected sentence. text/len point to the exact bytes doc_text[start:end) (or a prefix of them
 * when the sentence was truncated by NF_OPT_TRUNCATE, then truncated != 0). */
typedef struct nf_sentence {
    size_t doc;
    size_t start;
    size_t end;
    size_t index; /* sentence number within its document, 0-based */
    double score; /* the selector's score, higher is better; comparable within one summary */
    const char *text;
    size_t len;
    size_t words; /* whitespace tokens in text */
    int truncated;
} nf_sentence;

/* Summarize the cluster. The analysis (clean, segment, tokenize, represent) is done once per
 * cluster and cached, so several calls with different options are cheap. *out is owned by the
 * caller (nf_summary_free) and refers to the cluster's text: free it before the cluster. */
nf_status nf_summarize(nf_ctx *ctx, nf_cluster *c, const nf_options *o, nf_summary **out,
                       nf_error *err);
void nf_summary_free(nf_summary *s);
size_t nf_summary_count(const nf_summary *s);
const nf_sentence *nf_summary_get(const nf_summary *s, size_t i);
/* Statistics of the analysis: documents, candidate sentences, dropped boilerplate lines,
 * near-duplicate sentences, words in the summary. */
typedef struct nf_stats {
    size_t docs, sentences, candidates, boilerplate_lines, duplicate_sentences, summary_words,
        summary_bytes;
    size_t duplicate_doc_pairs;
} nf_stats;
void nf_summary_stats(const nf_summary *s, nf_stats *st);

/* Pairs of near-duplicate documents (a copy or truncated copy of another), a < b. */
size_t nf_cluster_dup_doc_count(nf_cluster *c);
nf_status nf_cluster_dup_doc(nf_cluster *c, size_t i, size_t *a, size_t *b, double *sim);

/* ---------------------------------------------------------------------------------------------
 * Rendering. The output is allocated with the cluster's allocator into *out (NUL-terminated,
 * *out_len bytes without the NUL); release it with nf_string_free(c, *out).
 */
typedef enum nf_format {
    NF_FORMAT_TEXT = 0, /* one sentence per line; runs of whitespace inside shown as one space */
    NF_FORMAT_JSON = 1, /* docs/json.md */
    NF_FORMAT_MARKDOWN = 2,
    NF_FORMAT_HTML = 3, /* a standalone page */
    NF_FORMAT_SPL = 4   /* ROUGE's "sentence per line": text, whitespace collapsed */
} nf_format;
int nf_format_from_name(const char *name); /* -1 when unknown */

nf_status nf_render(const nf_cluster *c, const nf_summary *s, const nf_options *o, nf_format f,
                    char **out, size_t *out_len, nf_error *err);
void nf_string_free(const nf_cluster *c, char *p);

/* ---------------------------------------------------------------------------------------------
 * Analysis access (for tools, tests and the brief): the cleaned blocks and the sentences.
 * nf_cluster_analyze runs clean + segment + tokenize + represent once; nf_summarize calls it.
 * Adding documents afterwards invalidates the analysis (it is redone on the next call).
 */
nf_status nf_cluster_analyze(nf_ctx *ctx, nf_cluster *c, const nf_options *o, nf_error *err);
/* Kept text blocks (paragraphs or lines that survived cleaning) of a document. */
size_t nf_cluster_block_count(const nf_cluster *c, size_t doc);
nf_status nf_cluster_block(const nf_cluster *c, size_t doc, size_t i, size_t *start, size_t *end);
/* Lines dropped as boilerplate, with the name of the rule that matched (static string). */
size_t nf_cluster_dropped_count(const nf_cluster *c, size_t doc);
nf_status nf_cluster_dropped(const nf_cluster *c, size_t doc, size_t i, size_t *start, size_t *end,
                             const char **rule);
/* All sentences of the cluster in document order (score is 0, truncated 0). */
size_t nf_cluster_sentence_count(const nf_cluster *c);
nf_status nf_cluster_sentence(const nf_cluster *c, size_t i, nf_sentence *out);

/* Tokenize text as the summarizer does: casefold + NFC, split on Unicode categories, stem. For
 * each token cb(ud, surface, surface_len, stem, stem_len, is_stopword) is called. */
typedef void (*nf_token_cb)(void *ud, const char *surface, size_t surface_len, const char *stem,
                            size_t stem_len, int is_stopword);
nf_status nf_tokenize(nf_ctx *ctx, const char *p, size_t n, nf_token_cb cb, void *ud,
                      nf_error *err);

/* ---------------------------------------------------------------------------------------------
 * Helpers exposed for the tools.
 */
/* Number of whitespace-separated tokens, as ROUGE-1.5.5 counts words for -l. */
size_t nf_count_words(const char *p, size_t n);

/* ---------------------------------------------------------------------------------------------
 * ROUGE: an evaluator with the semantics of the official ROUGE-1.5.5 Perl script, digit for digit
 * (docs/rouge.md). One nf_rouge handle scores one peer (system) over any number of evaluations
 * (clusters); each evaluation is the peer summary and one or more model (reference) summaries,
 * all as SPL text: one sentence per line, UTF-8. Options mirror ROUGE's own letters.
 *
 * Typical use: nf_rouge_options_init, set fields, nf_rouge_new, nf_rouge_add per cluster,
 * nf_rouge_render (or read nf_rouge_average / nf_rouge_eval), nf_rouge_free.
 * Thread safety: a handle is used by one thread at a time; distinct handles are independent.
 */

/* Boolean options (nf_rouge_options.flags). */
#define NF_ROUGE_STEM         (1u << 0) /* -m: WordNet exceptions, then Porter stemming */
#define NF_ROUGE_STOPWORDS    (1u << 1) /* -s: remove ROUGE's stop words before counting */
#define NF_ROUGE_SKIP         (1u << 2) /* -2: compute skip-bigrams (ROUGE-S), see skip_distance */
#define NF_ROUGE_SKIP_UNIGRAM (1u << 3) /* -u: ROUGE-SU (skip-bigrams plus unigrams) instead */
#define NF_ROUGE_SKIP_BOTH    (1u << 4) /* -U: both ROUGE-S and ROUGE-SU */
#define NF_ROUGE_NO_LCS       (1u << 5) /* -x: do not compute ROUGE-L */

typedef enum nf_rouge_scoring {
    NF_ROUGE_MODEL_AVERAGE = 0, /* -f A: counts pooled over all models */
    NF_ROUGE_BEST_MODEL = 1     /* -f B: the model with the highest recall */
} nf_rouge_scoring;

typedef enum nf_rouge_count {
    NF_ROUGE_BY_SENTENCE = 0, /* -t 0: average of per-evaluation scores */
    NF_ROUGE_BY_TOKEN = 1,    /* -t 1: corpus-level ratios of summed counts */
    NF_ROUGE_RAW_COUNTS = 2   /* -t 2: summed counts only, no averages */
} nf_rouge_count;

typedef struct nf_rouge_options {
    size_t size;              /* sizeof(nf_rouge_options) as the caller was compiled; set by
                                 nf_rouge_options_init; read as nf_options.size is */
    int max_n;                /* -n: ROUGE-1 .. ROUGE-max_n; 0 (default) computes none */
    int skip_distance;        /* -2: largest gap of a skip-bigram; < 0 means unlimited. Used only
                                 with NF_ROUGE_SKIP. Default 4 */
    unsigned flags;           /* NF_ROUGE_* bits; default 0 */
    size_t word_limit;        /* -l: keep the first N words of the peer and of every model (cut
                                 before tokenizing, as ROUGE does); 0 = no limit */
    size_t byte_limit;        /* -b: keep the first N bytes likewise; 0 = no limit. Not with -l */
    nf_rouge_scoring scoring; /* -f; default NF_ROUGE_MODEL_AVERAGE */
    double alpha;             /* -p: F = 1/(alpha/P + (1-alpha)/R), 0..1; default 0.5 */
    double weight;            /* -w: ROUGE-W weighting factor (> 0); 0 (default) = no ROUGE-W */
    nf_rouge_count count;     /* -t; default NF_ROUGE_BY_SENTENCE */
    double confidence;        /* -c: confidence level in percent, 0..100; default 95 */
    size_t resamples;         /* -r: bootstrap resamples, >= 1; default 1000 */
    const char *peer_id;      /* the peer's name in the output; NULL = "SYS". Copied by new */
    /* New members go here, at the end. */
} nf_rouge_options;

/* ROUGE-1.5.5's defaults: only ROUGE-L, no stemming, no stop-word removal, no length limit.
 * Called through nf_rouge_options_init, which passes the caller's sizeof. */
void nf_rouge_options_init_size(nf_rouge_options *o, size_t size);
static inline void nf_rouge_options_init(nf_rouge_options *o)
{
    nf_rouge_options_init_size(o, sizeof(nf_rouge_options));
}

typedef struct nf_rouge nf_rouge;

/* Validates the options (NF_EINVAL with a message naming the bad one: both limits set, alpha or
 * confidence out of range, weight < 0, resamples 0, max_n < 0 or > 64, peer_id over 63 bytes). */
nf_status nf_rouge_new(const nf_rouge_options *o, const nf_allocator *al, nf_rouge **out,
                       nf_error *err);
void nf_rouge_free(nf_rouge *r);

/* One model (reference) summary: SPL text (p, n) and a label ("A", "B", ...; may be NULL; it is
 * informational, ROUGE's output never shows it). With -f B the first of equally good models wins,
 * so the order of the array matters there. */
typedef struct nf_rouge_text {
    const char *label;
    const char *p;
    size_t n;
} nf_rouge_text;

/* Score one evaluation: its id (NUL-terminated, unique within the handle), the peer summary and
 * nmodels model summaries (nmodels may be 0: everything scores 0, as ROUGE does with no models).
 * The texts are not kept. An empty peer scores 0. Invalid UTF-8 gives NF_EUTF8 with err->doc = 0
 * for the peer or 1 + k for model k, err->line (1-based) and err->byte_pos within that text. A
 * duplicate id or NULL id gives NF_EINVAL; a sentence pair too large for the LCS table (over 2^24
 * word pairs) NF_ETOOBIG. On error the handle is unchanged. */
nf_status nf_rouge_add(nf_rouge *r, const char *id, const char *peer, size_t peer_len,
                       const nf_rouge_text *models, size_t nmodels, nf_error *err);
/* The same from one JSON record {"id": string|integer, "summary": string, "references":
 * [string, ...]} (references labelled A, B, C, ...). NF_EJSON (byte_pos in the record) when
 * malformed or of another shape. */
nf_status nf_rouge_add_json(nf_rouge *r, const char *p, size_t n, nf_error *err);
size_t nf_rouge_eval_count(const nf_rouge *r);

/* Metrics in ROUGE's order: ROUGE-1..N, ROUGE-L, ROUGE-W-<w>, ROUGE-S<d>/ROUGE-SU<d>. */
size_t nf_rouge_metric_count(const nf_rouge *r);
/* "ROUGE-1", "ROUGE-L", "ROUGE-W-1.2", "ROUGE-SU4", ...; NULL when m is out of range. */
const char *nf_rouge_metric_name(const nf_rouge *r, size_t m);

/* The score of one evaluation for one metric. r, p, f are recall, precision and F as ROUGE prints
 * them (rounded to 5 decimals; F is computed from the rounded R and P). The counts are summed
 * over the models (or taken from the best one with -f B): model n-grams (ROUGE-W: the weighted
 * length), peer n-grams, and hits. */
typedef struct nf_rouge_score {
    double r, p, f;
    double model_count, peer_count, hit_count;
} nf_rouge_score;

/* Averages of one metric over the evaluations. With -t 0 and -t 1, r/p/f are ROUGE's Average_R/P/F:
 * the mean of the bootstrap resample means (srand(i) for resample i, Perl's drand48), and the
 * r_low..f_high bounds the confidence interval; all rounded to 5 decimals. With -t 2 they are 0
 * and has_interval is 0. mean_* is the plain mean of the per-evaluation values (-t 0) or the
 * corpus-level ratio of the summed counts (-t 1, -t 2), rounded to 5 decimals. The counts are
 * the sums over the evaluations. */
typedef struct nf_rouge_average {
    size_t evals;
    int has_interval;
    double r, p, f;
    double r_low, r_high, p_low, p_high, f_low, f_high;
    double mean_r, mean_p, mean_f;
    double model_count, peer_count, hit_count;
} nf_rouge_average;

/* Compute the averages (the bootstrap runs here). Accessors and nf_rouge_render call it when
 * needed; adding an evaluation afterwards makes it run again. NF_ENOMEM on failure. */
nf_status nf_rouge_compute(nf_rouge *r, nf_error *err);
nf_status nf_rouge_average_get(nf_rouge *r, size_t m, nf_rouge_average *out);
/* Evaluation i of metric m in ROUGE's print order (ids by their leading number when both have
 * one, else byte order; ties by byte order). *id stays valid until the handle is freed. */
nf_status nf_rouge_eval(nf_rouge *r, size_t m, size_t i, const char **id, nf_rouge_score *out);

typedef enum nf_rouge_format {
    NF_ROUGE_FORMAT_TEXT = 0, /* ROUGE-1.5.5's own layout, byte for byte */
    NF_ROUGE_FORMAT_JSON = 1, /* one object: peer, options, metrics[] (docs/rouge.md) */
    NF_ROUGE_FORMAT_TSV = 2   /* a header line, then one row per average and per evaluation */
} nf_rouge_format;
#define NF_ROUGE_RENDER_EVALS (1u << 0) /* include per-evaluation rows (ROUGE's -d) */

/* Render the results. *out is allocated with the handle's allocator (NUL-terminated, *out_len
 * bytes without the NUL); release it with nf_rouge_string_free. */
nf_status nf_rouge_render(nf_rouge *r, nf_rouge_format f, unsigned flags, char **out,
                          size_t *out_len, nf_error *err);
void nf_rouge_string_free(const nf_rouge *r, char *p);

/* ---------------------------------------------------------------------------------------------
 * Story brief: what the documents of a cluster say, organised for a reader who wants to know
 * where they agree and where they do not (docs/brief.md).
 *
 *  - Figures: every number that states a quantity of the story (people killed, money, counts,
 *    durations, percentages), in digits or words ("two dozen", "more than 100"), with its value
 *    or range, qualifier, unit, what is counted, who it is attributed to, and every place it
 *    appears. Dates, years, ages, clock times, addresses and phone numbers are not figures.
 *  - Conflicts: figures about the same quantity whose values cannot all be true, each value with
 *    its sources; a disagreement, or an update when a later document or the wording ("rose to",
 *    "up from", "now") says the value changed. The quantity match carries a confidence.
 *  - Quotes: direct quotations (whole or partial) with their speaker, merged across documents by
 *    normalized text and grouped by speaker. A speaker is only given when the text names one.
 *  - Sources: one entry per document: outlet, size, sentences shared with other documents, the
 *    facts found only there, near-duplicate documents.
 *  - Timeline: sentences with a date, resolved against the document date when it is known.
 *  - Entities: people, bodies and places that occur in most documents.
 *
 * Rule-based and English only: no model, no network. Every string and array of a brief lives in
 * the brief and stays valid until nf_brief_free; byte offsets refer to nf_cluster_doc_text().
 * A brief does not refer to the cluster after it is built, but its offsets only make sense for
 * the cluster it came from. Empty results are empty arrays, not errors. Thread safety: as for
 * nf_summary; building needs the ctx and the cluster exclusively.
 */
typedef struct nf_brief nf_brief;

/* One place in the input: document index and byte span [start, end) of its text. */
typedef struct nf_mention {
    size_t doc;
    size_t start;
    size_t end;
} nf_mention;

typedef enum nf_qualifier {
    NF_QUAL_EXACT = 0,     /* "62", "two dozen" */
    NF_QUAL_AT_LEAST = 1,  /* "at least 80" */
    NF_QUAL_ABOUT = 2,     /* "about", "some", "around", "nearly", "an estimated" */
    NF_QUAL_MORE_THAN = 3, /* "more than", "over", "exceeds" */
    NF_QUAL_UP_TO = 4,     /* "up to", "as many as", "at most" */
    NF_QUAL_LESS_THAN = 5  /* "less than", "fewer than", "under" */
} nf_qualifier;
/* "exact", "at least", "about", "more than", "up to", "less than"; "exact" for unknown values. */
const char *nf_qualifier_name(nf_qualifier q);

typedef struct nf_figure {
    double value;
    double value_max; /* the upper end of a range ("between 4,000 and 5,000"), else value */
    int is_range;
    nf_qualifier qualifier;
    const char *unit;           /* NULL for a count of things; "percent", an ISO currency code
                                   ("USD", "EUR", "XXX" for an unnamed currency), "km", "m", "mm",
                                   "days", ... */
    const char *counted;        /* what is counted: head noun phrase + event, "Syrian soldiers
                                   killed"; "" when the text does not say */
    const char *quantity;       /* the label conflicts group on: "people killed", "turnout" */
    const char *attribution;    /* who gives the number ("the Russian military"), NULL when the
                                   outlet states it itself or cites no one */
    const char *text;           /* the figure as first written, whitespace collapsed */
    const nf_mention *mentions; /* every occurrence, in document order */
    size_t nmentions;
    size_t ndocs; /* distinct documents among the mentions */
    int key;      /* 1: one of the story's main quantities (a toll, money, a count the
                     reports share or dispute); 0: an incidental number (a background
                     count, a duration, a small count one report gives in passing) */
} nf_figure;

typedef enum nf_conflict_kind {
    NF_CONFLICT_DISAGREEMENT = 0, /* sources give incompatible values */
    NF_CONFLICT_UPDATE = 1        /* a later report replaces an earlier value */
} nf_conflict_kind;

typedef struct nf_conflict_value {
    double value;
    double value_max; /* as in nf_figure */
    int is_range;
    nf_qualifier qualifier;          /* the qualifier of its first mention */
    const char *const *attributions; /* distinct attributions, first seen first */
    size_t nattributions;
    const size_t *docs; /* documents stating it, ascending */
    size_t ndocs;
    const size_t *figures; /* indexes of the nf_figure entries with this value */
    size_t nfigures;
} nf_conflict_value;

typedef struct nf_conflict {
    const char *quantity; /* "people killed", "magnitude" */
    nf_conflict_kind kind;
    double confidence;               /* 0..1: how sure it is that the values measure one quantity */
    const nf_conflict_value *values; /* disagreement: ascending; update: in reporting order */
    size_t nvalues;
} nf_conflict;

typedef struct nf_quote {
    const char *text;           /* without the quotation marks; a trailing comma dropped; the parts
                                   of a quote that spans paragraphs joined by one space */
    const char *speaker;        /* canonical name ("Samantha Power", "U.S. Central Command"), or
                                   NULL when the text does not name the speaker */
    const char *role;           /* "the U.S.'s ambassador to the United Nations", or NULL; for an
                                   unnamed speaker, how the text describes them ("a US official") */
    int partial;                /* a quoted fragment inside a sentence of reported speech */
    int closed;                 /* 0: the closing mark is missing; the quote then runs to the end
                                   of its paragraph, which ends a sentence (a quote is never cut) */
    const nf_mention *mentions; /* every quoted span of every occurrence (marks excluded) */
    size_t nmentions;
    size_t noccurrences; /* occurrences merged into this entry (a multi-paragraph quote is
                            one occurrence with several mentions) */
    size_t ndocs;
    size_t speaker_index; /* into nf_brief_speaker(), SIZE_MAX when speaker is NULL */
} nf_quote;

typedef struct nf_speaker {
    const char *name;
    const char *role;     /* the first role the text gives, or NULL */
    int is_person;        /* 1 person, 0 a body (ministry, military, company) */
    const size_t *quotes; /* indexes into nf_brief_quote(), in order */
    size_t nquotes;
} nf_speaker;

typedef struct nf_source {
    size_t doc;
    const char *outlet;      /* from nf_doc_meta.source, the text ("(CNN)", a dateline
                                "(Newswire) --"), or the URL host; NULL when none */
    const char *outlet_from; /* "meta", "text", "url", or NULL */
    size_t bytes, words, sentences;
    size_t shared_sentences;      /* sentences with a near-duplicate in another document */
    const size_t *unique_figures; /* figures found only in this document */
    size_t nunique_figures;
    const size_t *unique_quotes; /* quotes found only in this document */
    size_t nunique_quotes;
    const size_t *unique_sentences; /* cluster sentence indexes (nf_cluster_sentence) of its
                                       non-headline sentences that no other document shares */
    size_t nunique_sentences;
    const size_t *duplicates; /* documents this one is a near-duplicate of (or copied by) */
    size_t nduplicates;
} nf_source;

typedef enum nf_date_resolution {
    NF_DATE_ABSOLUTE = 0,  /* written out ("September 17, 2016", "in 2011") */
    NF_DATE_DOCUMENT = 1,  /* relative ("Saturday", "yesterday"), resolved with the document
                              date */
    NF_DATE_INFERRED = 2,  /* relative, resolved with a date elsewhere in the cluster
                              ("Tuesday, March 4"); may be off by a week */
    NF_DATE_UNRESOLVED = 3 /* relative with nothing to resolve it against */
} nf_date_resolution;

typedef struct nf_event {
    int year, month, day; /* 0 when unknown (a year alone, a month without a year) */
    int32_t date_key;     /* days since 1970-01-01 when year, month and day are known, else
                             INT32_MIN */
    const char *date;     /* "2016-09-17", "2011", "09-17" (no year), or for an unresolved
                             weekday the weekday ("Saturday") */
    nf_date_resolution resolution;
    const char *expression;     /* the date as written: "Saturday", "on September 17" */
    const char *text;           /* the sentence, whitespace collapsed */
    const nf_mention *mentions; /* the sentence in each document that reports it */
    size_t nmentions;
} nf_event;

typedef enum nf_entity_kind {
    NF_ENTITY_PERSON = 0,
    NF_ENTITY_BODY = 1, /* organisation, government, military, company */
    NF_ENTITY_PLACE = 2,
    NF_ENTITY_OTHER = 3
} nf_entity_kind;
const char *nf_entity_kind_name(nf_entity_kind k); /* "person", "body", "place", "other" */

typedef struct nf_entity {
    const char *name; /* the fullest form, titles removed ("Samantha Power") */
    nf_entity_kind kind;
    size_t ndocs; /* documents mentioning it (full name, surname or alias) */
    size_t nmentions;
} nf_entity;

/* Build the brief of a cluster: runs nf_cluster_analyze (cached) with the options (NULL for the
 * defaults; only the cleaning and near-duplicate options matter), then extracts everything
 * above. NF_EEMPTY for a cluster without documents, NF_ENOMEM on allocation failure (nothing
 * is returned then). *out is owned by the caller (nf_brief_free). */
nf_status nf_brief_build(nf_ctx *ctx, nf_cluster *c, const nf_options *o, nf_brief **out,
                         nf_error *err);
void nf_brief_free(nf_brief *b);

/* Accessors: counts, and items by index (NULL when out of range or b is NULL). Figures are in
 * order of first mention; conflicts by confidence, then first mention; quotes grouped by
 * speaker (speakers by number of quotes, then first appearance; unattributed quotes last); sources
 * by document; events by date (unresolved last); entities by documents, then mentions. */
size_t nf_brief_figure_count(const nf_brief *b);
/* The key figures are the first nf_brief_key_figure_count() of nf_brief_figure(): the story's
 * main quantities (nf_figure.key); the others follow, in order of first mention. 0 for NULL. */
size_t nf_brief_key_figure_count(const nf_brief *b);
const nf_figure *nf_brief_figure(const nf_brief *b, size_t i);
size_t nf_brief_conflict_count(const nf_brief *b);
const nf_conflict *nf_brief_conflict(const nf_brief *b, size_t i);
size_t nf_brief_quote_count(const nf_brief *b);
const nf_quote *nf_brief_quote(const nf_brief *b, size_t i);
size_t nf_brief_speaker_count(const nf_brief *b);
const nf_speaker *nf_brief_speaker(const nf_brief *b, size_t i);
size_t nf_brief_source_count(const nf_brief *b);
const nf_source *nf_brief_source(const nf_brief *b, size_t i);
size_t nf_brief_event_count(const nf_brief *b);
const nf_event *nf_brief_event(const nf_brief *b, size_t i);
size_t nf_brief_entity_count(const nf_brief *b);
const nf_entity *nf_brief_entity(const nf_brief *b, size_t i);
/* Near-duplicate document pairs (a < b, containment as in nf_cluster_dup_doc). */
size_t nf_brief_duplicate_count(const nf_brief *b);
nf_status nf_brief_duplicate(const nf_brief *b, size_t i, size_t *a, size_t *bdoc, double *sim);

/* Render the brief: text, JSON (docs/json.md, "Story brief"), Markdown or a standalone HTML
 * page. s may be NULL; when given, the summary comes first: for text and Markdown as nf_render
 * prints it, for JSON the summary object gets a "brief" member, for HTML one page holds the
 * summary (each sentence linked to its source span), the brief and the documents. NF_FORMAT_SPL
 * is not supported (NF_EINVAL). *out is released with nf_string_free(c, *out). */
nf_status nf_brief_render(const nf_cluster *c, const nf_brief *b, const nf_summary *s, nf_format f,
                          char **out, size_t *out_len, nf_error *err);

/* Score a brief against a hand-written gold brief (the JSON format of tests/fixtures/README.md).
 * Figures match on (value, value_max, document); conflicts on their set of values; quotes when
 * the speaker matches (case-insensitive, ignoring "the") and the words overlap (Dice >= 0.6) in
 * a shared document. Precision and recall are 1 when both sides are empty. NF_EJSON for bad gold
 * JSON. */
typedef struct nf_prf {
    double p, r, f;
    size_t system, gold, matched;
} nf_prf;
typedef struct nf_brief_score {
    nf_prf figures;
    nf_prf conflicts;
    nf_prf quotes;     /* text overlap + speaker */
    nf_prf quote_text; /* text overlap only */
    nf_prf near_duplicates;
    double attribution_accuracy; /* matched figure mentions whose attribution agrees */
} nf_brief_score;
nf_status nf_brief_score_gold(const nf_brief *b, const char *gold, size_t gold_len,
                              nf_brief_score *out, nf_error *err);

/* ---------------------------------------------------------------------------------------------
 * Story clustering: a stream of single articles in, stories out (docs/design.md, "Story
 * clustering"). Articles are added one at a time in arrival order; each add returns the story the
 * article joins at once, and that answer never changes later, so feeding a stream article by
 * article gives the same stories as feeding the whole file. Near-duplicate and syndicated copies
 * (MinHash + LSH over word shingles) join the story of their original; other articles join the
 * story of the most similar article within the window (tf-idf cosine with title, name and figure
 * weighting, idf of the window) when the similarity reaches the threshold, else open a new story.
 * Han/kana text and scripts written without spaces (Thai, Lao, Khmer, Myanmar) get character
 * n-gram features. Deterministic: the same stream and options give the same stories.
 *
 * Memory is bounded by the window, not the stream: with window_seconds (dates given) or
 * window_articles, articles leave the window in arrival order once they are older than the
 * newest date by more than the window (or are not among the window_articles articles before
 * the new one); a story whose articles all left is closed and cannot grow again. Without a
 * window nothing is forgotten.
 * Thread safety: a clusterer is used by one thread at a time, and it uses its nf_ctx (which must
 * outlive it) in nf_clusterer_add*: do not use that ctx from another thread meanwhile.
 */
typedef struct nf_clusterer nf_clusterer;
typedef struct nf_story nf_story;

#define NF_CLUSTER_KEEP_STORIES                                                                    \
    (1u << 0) /* keep each article's text and metadata in its story                                \
                 and queue closed stories for nf_clusterer_pop */

typedef struct nf_clusterer_options {
    double threshold;         /* cosine at which an article joins a story; default 0.30 (bench/
                                 QUALITY.md, "Story clustering", says why) */
    double dup_threshold;     /* estimated shingle Jaccard for a near-duplicate; default 0.5 */
    long long window_seconds; /* 0: no time window (default) */
    size_t window_articles;   /* each article meets the last N before it; 0: no count window */
    size_t max_bytes;         /* larger articles are NF_ETOOBIG; default 8 MiB */
    unsigned flags;           /* NF_CLUSTER_* bits, default 0 */
} nf_clusterer_options;
void nf_clusterer_options_init(nf_clusterer_options *o);

/* What nf_clusterer_add* decided for one article. */
typedef struct nf_assignment {
    size_t article;        /* 0-based number of the article among those added */
    size_t story;          /* story number: 0, 1, 2 ... in order of creation */
    const char *id;        /* the article's id (NULL when none); valid until the next call
                              on the clusterer */
    long long dup_of;      /* the article it is a near-copy of, or -1 */
    const char *dup_of_id; /* that article's id (NULL when none); valid until the next call
                              on the clusterer */
    double similarity;     /* cosine (or estimated Jaccard for a copy) to the story it joined;
                              0 for a new story */
    int is_new;            /* 1 when the article opened a new story */
} nf_assignment;

/* o may be NULL (defaults); al may be NULL (malloc/free). NF_EINVAL for a NULL ctx/out or an
 * option out of range (threshold or dup_threshold outside (0, 1]). */
nf_status nf_clusterer_new(nf_ctx *ctx, const nf_clusterer_options *o, const nf_allocator *al,
                           nf_clusterer **out, nf_error *err);
/* Frees the clusterer and every story not popped yet. NULL is a no-op. */
void nf_clusterer_free(nf_clusterer *k);
/* Add one article: its text (invalid UTF-8 is read as U+FFFD and repaired in kept copies) and
 * optional metadata (title, id, source, url, date as ISO 8601 "YYYY-MM-DD[THH:MM[:SS]][Z|+hh:mm]").
 * NF_EEMPTY for text without a letter or digit, NF_ETOOBIG above max_bytes, NF_ENOMEM; on any
 * error the article is not added and its number is not used (the window may have moved). */
nf_status nf_clusterer_add(nf_clusterer *k, const char *text, size_t n, const nf_doc_meta *meta,
                           nf_assignment *out, nf_error *err);
/* Add one JSON article {"id", "text", "title"?, "source"?, "url"?, "date"?} (id a string or an
 * integer). NF_EJSON for a line that is not JSON (invalid UTF-8 included) or has no "text"
 * string, with the byte position in err; otherwise as nf_clusterer_add. */
nf_status nf_clusterer_add_json(nf_clusterer *k, const char *p, size_t n, nf_assignment *out,
                                nf_error *err);
/* End of stream: every article leaves the window and every open story closes (in the order
 * their last articles arrived). Articles added afterwards start new stories. */
nf_status nf_clusterer_flush(nf_clusterer *k, nf_error *err);
/* Take the next closed story (only with NF_CLUSTER_KEEP_STORIES): stories are queued in the
 * order they close. *out is NULL when none is waiting. The caller owns it (nf_story_free). */
nf_status nf_clusterer_pop(nf_clusterer *k, nf_story **out);
/* Articles added, and articles in the window now. */
size_t nf_clusterer_article_count(const nf_clusterer *k);
size_t nf_clusterer_window_count(const nf_clusterer *k);

/* A closed story. Accessors return 0/NULL for NULL s or an index out of range. Text and meta
 * strings stay valid until nf_story_free. */
size_t nf_story_number(const nf_story *s);
size_t nf_story_size(const nf_story *s);              /* articles */
size_t nf_story_article(const nf_story *s, size_t i); /* article number, ascending */
const char *nf_story_text(const nf_story *s, size_t i, size_t *len);
const nf_doc_meta *nf_story_meta(const nf_story *s, size_t i);
/* The story as one JSON line (no newline) {"id", "documents": [{"id","text","title","source",
 * "url","date"}], "doc_ids", "sources" (distinct, first seen first), "first", "last" (earliest
 * and latest date, null when no article has one)}: a record nf_cluster_add_json, `newsfuse
 * summarize`, `brief` and `batch` read as it is. *out is malloc'd by the story's allocator;
 * release it with nf_story_string_free. */
nf_status nf_story_json(const nf_story *s, char **out, size_t *len, nf_error *err);
void nf_story_string_free(const nf_story *s, char *p);
void nf_story_free(nf_story *s);

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif
#endif /* NEWSFUSE_H */
