/* model.h - the internal data model shared by the pipeline stages, and each stage's entry point.
 *
 * Data flows one way: ingest -> clean -> segment -> token -> repr -> select -> order -> render.
 * Every byte offset is into nf__doc.text (the ingested document bytes, valid UTF-8), which is what
 * the public API calls the document text. Stages never rewrite that text: cleaning marks ranges as
 * kept or dropped; normalization (NFC, casefold) happens on copies inside the token stage. That is
 * what makes every output sentence a verbatim span.
 */
#ifndef NF_MODEL_H
#define NF_MODEL_H

#include "core/core.h"

typedef struct nf__span {
    uint32_t start, end;
} nf__span;

/* Block flags (set by clean). */
#define NF__B_HEADLINE 1u /* a short line without final punctuation: a title or a subhead */
#define NF__B_LIST     2u /* a bullet/list line */

typedef struct nf__dropped {
    uint32_t start, end;
    const char *rule; /* static string naming the rule */
} nf__dropped;

typedef struct nf__doc {
    const char *text; /* arena copy, valid UTF-8, NUL-terminated */
    size_t len;
    nf_doc_meta meta; /* arena copies or NULL */
    int32_t date_key; /* days since 1970-01-01, or INT32_MIN when unknown */
    uint8_t previous; /* an earlier report (update summaries): context only, never selected */
    /* set by ingest when the source already has structure (HTML blocks); else NULL */
    nf__span *src_blocks;
    size_t nsrc_blocks;
    /* set by clean */
    nf__span *blocks;
    uint8_t *block_flags;
    size_t nblocks;
    nf__dropped *dropped;
    size_t ndropped;
    /* set by segment: sentences [first_sent, first_sent + nsents) in the cluster array */
    size_t first_sent, nsents;
} nf__doc;

/* Sentence flags. */
#define NF__S_HEADLINE 1u  /* from a headline block: not a summary candidate by default */
#define NF__S_DUP      2u  /* a near-duplicate of an earlier sentence (dup_of) */
#define NF__S_QUOTE    4u  /* starts with a quotation mark */
#define NF__S_SHORT    8u  /* fewer than min_words words */
#define NF__S_NOCAND   16u /* not a candidate for other reasons (no content terms, list line) */

typedef struct nf__sent {
    uint32_t doc, start, end; /* byte span in docs[doc].text */
    uint32_t pos;             /* index within its document */
    uint32_t nwords;          /* whitespace tokens (ROUGE -l counting) */
    uint32_t flags;
    int32_t dup_of;      /* sentence index or -1 */
    uint32_t nterms, nv; /* lengths of terms and of vt (next to the other counts: 64 bytes) */
    /* token stage: word ids in text order (c->words), replaced by term ids (c->terms: stems,
     * with their stop flags) when the vectors are made */
    uint32_t *terms;
    /* repr stage: sparse tf-idf vector, sorted by term id (vt; its nv weights follow it in the
     * same run: nf__vw), L2 norm */
    uint32_t *vt;
    double norm;
} nf__sent;

/* The weights of sentence s's tf-idf vector, parallel to s->vt. */
static inline const float *nf__vw(const nf__sent *s) { return (const float *)(s->vt + s->nv); }

/* Term table of a cluster: local ids 0..n-1 for the stems that occur in it (c->words uses only
 * gid, n and cap: local word id -> tokenizer word id). */
typedef struct nf__terms {
    uint32_t *gid; /* local id -> tokenizer stem id */
    uint8_t *stop; /* 1 when a stopword */
    uint32_t *df;  /* documents of the cluster containing the term */
    double *idf;
    size_t n, cap;
    uint32_t *map; /* open addressing on gid: local id + 1, 0 = empty */
    size_t map_cap;
} nf__terms;

struct nf_cluster {
    nf_allocator alc;
    const nf_allocator *al;
    nf__arena *arena; /* documents and metadata: lives as long as the cluster */
    nf__arena *work;  /* analysis results: dropped and rebuilt when documents change */
    nf__doc *docs;
    size_t ndocs, capdocs;
    char *id;
    /* the JSON record's other string fields */
    char **field_names, **field_values;
    size_t nfields;
    nf_error *warnings;
    size_t nwarnings, capwarnings;
    /* analysis */
    int analyzed;
    char lang[32];
    unsigned analyzed_flags;
    double analyzed_dup;
    const void *analyzed_tok;
    unsigned analyzed_idf_gen;
    int analyzed_vectors; /* nf__repr_vectors ran on this analysis */
    nf__sent *sents;
    size_t nsents;
    nf__terms terms;
    /* the folded words of sentences' terms until nf__repr_vectors turns them into stems (the
     * near-duplicate detection and the brief need no stems); empty after that */
    nf__terms words;
    size_t boilerplate_lines, dup_sents;
    /* near-duplicate document pairs */
    uint32_t *dup_pairs; /* a, b pairs */
    float *dup_sims;
    size_t ndup_pairs;
    /* near-duplicate groups (connected pairs): per document the earliest document of its group;
     * statistics count a group once (repr df/idf, concept df, position ranks) */
    uint32_t *doc_group;
    uint32_t *group_order; /* the documents sorted by (group, index) */
    size_t ngroups;        /* groups holding a document that is not previous */
};

struct nf_summary {
    nf_allocator alc; /* a copy: the summary may outlive nothing, but frees itself safely */
    const nf_cluster *c;
    nf_sentence *items;
    size_t n;
    nf_stats stats;
    nf_options opts;
};

/* ---- ingest (src/ingest) ---- */
/* Append a document whose text is (p, n); repairs UTF-8 (warning), rejects empty/binary.
 * blocks may pre-define structure (HTML); NULL otherwise. */
nf_status nf__ingest_doc(nf_cluster *c, const char *p, size_t n, const nf_doc_meta *meta,
                         const nf__span *blocks, size_t nblocks, nf_error *err);
void nf__cluster_warn(nf_cluster *c, nf_status code, long doc, long long pos, const char *msg);
void nf__cluster_invalidate(nf_cluster *c);
/* Parse an ISO date prefix (YYYY-MM-DD, YYYYMMDD, YYYY-MM) to days since epoch;
 * INT32_MIN if none. */
int32_t nf__parse_date(const char *s);

/* ---- clean (src/clean) ---- */
/* Fill d->blocks/block_flags/dropped: split the text into paragraphs/lines, drop boilerplate lines
 * and strip dateline/byline prefixes (block start moves past them). Allocates in `a`. */
nf_status nf__clean_doc(nf__arena *a, nf__doc *d, unsigned flags);

/* ---- segment (src/segment) ---- */
/* Split text[start, end) into sentence spans (whitespace-trimmed, non-empty), appended to *out
 * (arena-grown vector: *out, *n, *cap). */
nf_status nf__segment(nf__arena *a, const char *text, uint32_t start, uint32_t end, nf__span **out,
                      size_t *n, size_t *cap);

/* ---- token (src/token) ---- */
typedef struct nf__tokenizer nf__tokenizer;
/* Per-context tokenizer: stemmer + stopword list for a language. */
nf_status nf__tokenizer_new(const char *lang, const nf_allocator *al, nf__tokenizer **out);
void nf__tokenizer_free(nf__tokenizer *t);
const char *nf__tokenizer_lang(const nf__tokenizer *t);
/* Call cb for each word token of (p, n): surface bytes, normalized stem, stopword flag.
 * Returns NF_ENOMEM on failure. */
typedef nf_status (*nf__tok_cb)(void *ud, const char *surf, size_t slen, const char *stem,
                                size_t stlen, int is_stop);
nf_status nf__tokenize(nf__tokenizer *t, const char *p, size_t n, nf__tok_cb cb, void *ud);
/* The same with the tokenizer-wide stem id instead of the string (faster: no re-interning). */
typedef nf_status (*nf__tokid_cb)(void *ud, const char *surf, size_t slen, uint32_t stem_id,
                                  int is_stop);
nf_status nf__tokenize_ids(nf__tokenizer *t, const char *p, size_t n, nf__tokid_cb cb, void *ud);
/* The same with the tokenizer-wide folded word id (NFC + casefold) and stopword flag 0: no word
 * is stemmed. */
nf_status nf__tokenize_words(nf__tokenizer *t, const char *p, size_t n, nf__tokid_cb cb, void *ud);
/* The stem id of a folded word id and its stopword flag (the word is stemmed on first use);
 * UINT32_MAX on allocation failure. */
uint32_t nf__tokenizer_word_stem(nf__tokenizer *t, uint32_t word, int *stop);
const char *nf__tokenizer_stem_str(const nf__tokenizer *t, uint32_t id, size_t *len);

struct nf_ctx {
    nf_allocator alc;
    const nf_allocator *al;
    nf__tokenizer *tok;
    /* background idf: stem -> df, over bg_docs documents */
    nf__intern *bg_terms;
    uint32_t *bg_df;
    size_t bg_cap;
    double bg_docs;
    unsigned idf_gen; /* bumped by nf_ctx_load_idf: cached analyses must be redone */
    /* repr: tokenizer word id -> the local word id of the cluster being analysed, valid when
     * that local id maps back to the word (a sparse set: no clearing between clusters); one load
     * per token instead of a hash probe */
    uint32_t *wl;
    size_t wl_cap;
    /* the story brief's word tables (lexicon, aliases), built by the first nf_brief_build on
     * this context and read-only after that (src/brief) */
    struct nf__brief_tables *brief;
};
/* The brief's word tables (src/brief/names.c): built in their own arena, freed with the context. */
struct nf__brief_tables *nf__brief_tables_new(const nf_allocator *al);
void nf__brief_tables_free(struct nf__brief_tables *t);

/* ---- repr (src/repr) ---- */
/* The representation in two steps: every sentence tokenized into folded words (c->words) and the
 * near-duplicate sentences and document pairs flagged (all the brief needs), then the words
 * stemmed into c->terms, document frequencies, idf and the tf-idf vectors (the selectors). */
nf_status nf__repr_terms(nf_ctx *ctx, nf_cluster *c, const nf_options *o);
nf_status nf__repr_vectors(nf_ctx *ctx, nf_cluster *c);
/* nf_cluster_analyze, with the vectors only when asked for (they are made later if a
 * selector needs them on the same analysis) */
nf_status nf__cluster_analyze(nf_ctx *ctx, nf_cluster *c, const nf_options *o, nf_error *err,
                              bool vectors);
/* Copy the caller's options into *out (all members, defaults past in->size; defaults for NULL).
 * NF_EINVAL when in->size is too small (not initialized) or larger than this library's struct. */
nf_status nf__options_load(const nf_options *in, nf_options *out, nf_error *err);
double nf__cosine(const nf__sent *a, const nf__sent *b);
void nf__terms_free(const nf_allocator *al, nf__terms *t);
/* Local id of a tokenizer stem id, or UINT32_MAX when the cluster does not contain it. */
uint32_t nf__term_find(const nf_cluster *c, uint32_t gid);

/* ---- select (src/select) ---- */
typedef struct nf__sel {
    nf_cluster *c;
    nf_ctx *ctx;
    const nf_options *o;
    nf__arena *scratch;  /* freed after selection */
    const uint8_t *cand; /* per sentence: 1 when a candidate */
    const double *qsim;  /* per sentence: similarity to the query (NULL without a query) */
    /* output, filled by the algorithm via nf__sel_take */
    uint32_t *chosen;
    double *scores;
    size_t nchosen, capchosen;
    size_t used; /* budget used so far, in o->unit */
} nf__sel;

typedef nf_status (*nf__select_fn)(nf__sel *s);
/* Whether s is a valid nf_options.params string; else *bad is the byte offset of the bad item. */
bool nf__auto_params_check(const char *s, size_t *bad);
nf__select_fn nf__selector(nf_algo a);

/* Budget: the cost of a sentence in the option's unit; whether it still fits. */
size_t nf__sent_cost(const nf__sel *s, uint32_t i);
bool nf__sel_fits(const nf__sel *s, uint32_t i);
/* Max cosine of sentence i to the chosen ones. */
double nf__sel_maxsim(const nf__sel *s, uint32_t i);
/* Append sentence i with score (does not check budget). */
nf_status nf__sel_take(nf__sel *s, uint32_t i, double score);
/* Greedy fill by descending score with the redundancy check: the common tail of the score-based
 * selectors. Scores are per sentence (NaN/-inf for non-candidates). Ties break on index. */
nf_status nf__sel_greedy(nf__sel *s, const double *score);

/* ---- order (src/order) ---- */
nf_status nf__order(const nf_cluster *c, nf_order order, nf_sentence *items, size_t n);

/* ---- render (src/render) ---- */
void nf__render_html(nf__buf *b, const nf_cluster *c, const nf_summary *s);

#endif
