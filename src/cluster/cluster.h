/* cluster.h - story clustering internals: article features, the windowed feature index, stories.
 *
 * Data flow of one article: features.c tokenizes it with the ctx's tokenizer (src/token) into
 * weighted term features (stems; character n-grams for scripts without spaces) and a one-
 * permutation MinHash signature of its word shingles; clusterer.c finds the near-copy (LSH band
 * keys in the index) or the most similar article of the window (postings of its heaviest
 * features, then an exact cosine with the window's idf), and stores the article in the index;
 * story.c keeps stories and renders them. */
#ifndef NF_CLUSTER_H
#define NF_CLUSTER_H

#include "model.h"

#define NF__MH_BINS   64  /* MinHash bins (one permutation, densified) */
#define NF__MH_BANDS  16  /* LSH bands of NF__MH_BINS / NF__MH_BANDS rows */
#define NF__MAX_FEATS 160 /* heaviest term features kept per article */

/* A feature before it has an index id: 64-bit key (stem id or n-gram hash, tagged) and weight. */
typedef struct nf__kfeat {
    uint64_t key;
    float tf;
    uint8_t ent; /* a name or a figure somewhere in the article: also in the entity vector */
} nf__kfeat;

/* What features.c extracts from one article. Arrays are owned by the struct (al). */
typedef struct nf__afeat {
    nf__kfeat *f; /* sorted by key, keys distinct; tf = 1 + ln(weighted count) */
    size_t n, cap;
    uint32_t sig[NF__MH_BINS]; /* MinHash signature */
    int has_sig;               /* 0 when the text has too few words for a shingle */
    size_t words;              /* word tokens seen */
} nf__afeat;

/* Tokenize title + text into a->f and a->sig (reusing a's arrays). NF_ENOMEM on failure. */
nf_status nf__afeat_build(nf__tokenizer *t, const nf_allocator *al, const char *title,
                          size_t title_len, const char *text, size_t n, nf__afeat *a);
void nf__afeat_free(const nf_allocator *al, nf__afeat *a);
/* The LSH band key of band b of a signature (tagged so it never equals a term key). */
uint64_t nf__band_key(const uint32_t *sig, size_t b);
/* Share of equal bins of two signatures: the estimated Jaccard of the shingle sets. */
double nf__sig_sim(const uint32_t *a, const uint32_t *b);

/* ---- the feature index (index.c): key -> id, document frequency and postings of the window */
typedef struct nf__fpost {
    uint32_t *p;
    uint32_t start, n, cap;
} nf__fpost;

/* Visible here so the document frequency is an inline read in the similarity loop. */
typedef struct nf__fx {
    const nf_allocator *al;
    uint64_t *keys; /* slot -> key */
    uint32_t *ids;  /* slot -> id + 1, 0 = empty */
    size_t scap, count;
    nf__fpost *posts; /* id -> postings */
    uint64_t *fkey;   /* id -> key */
    size_t nids, capids, capkey;
    uint32_t *freeids;
    size_t nfree, capfree;
} nf__fx;
nf__fx *nf__fx_new(const nf_allocator *al);
void nf__fx_free(nf__fx *x);
/* Id of key or UINT32_MAX. */
uint32_t nf__fx_find(const nf__fx *x, uint64_t key);
/* Append article seq (ascending across calls) to key's postings, creating the feature; the id,
 * or UINT32_MAX on allocation failure. */
uint32_t nf__fx_post(nf__fx *x, uint64_t key, uint32_t seq);
/* Drop the oldest posting of feature id (it must be seq); the feature is deleted when its last
 * posting goes. */
void nf__fx_unpost(nf__fx *x, uint32_t id, uint32_t seq);
/* Undo the newest posting of feature id (it must be seq): rolls back a failed insertion. */
void nf__fx_pop(nf__fx *x, uint32_t id, uint32_t seq);
/* Alive postings (document frequency in the window) and their article numbers, oldest first. */
static inline uint32_t nf__fx_df(const nf__fx *x, uint32_t id)
{
    return x->posts[id].n - x->posts[id].start;
}
const uint32_t *nf__fx_postings(const nf__fx *x, uint32_t id, uint32_t *n);
size_t nf__fx_count(const nf__fx *x);

/* ---- stories (story.c) */
typedef struct nf__sdoc {
    char *text; /* valid UTF-8, NUL-terminated */
    size_t len;
    nf_doc_meta meta; /* copies or NULL */
} nf__sdoc;

struct nf_story {
    nf_allocator alc;
    size_t number;
    size_t *articles;
    nf__sdoc *docs; /* NULL unless NF_CLUSTER_KEEP_STORIES */
    size_t n, cap;
    size_t alive; /* its articles still in the window */
    int closed;
    nf_story *next; /* the closed queue */
};

nf_story *nf__story_new(const nf_allocator *al, size_t number);
/* Append article number `article`; with keep, copy its text (repaired to valid UTF-8) and meta. */
nf_status nf__story_add(nf_story *s, size_t article, int keep, const char *text, size_t n,
                        const nf_doc_meta *meta);
/* Seconds since 1970-01-01 of an ISO 8601 date/time, or INT64_MIN when there is none. */
int64_t nf__parse_time(const char *s);

#endif
