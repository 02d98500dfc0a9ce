/* clean.h - the boilerplate rule language of the clean stage (data/boilerplate.txt).
 *
 * The rules are data: data/boilerplate.txt is embedded at build time and parsed once into a
 * static table (nf__bp_default), so rule names are static strings that d->dropped can point to.
 * Tests parse their own rule text into a caller-owned nf__bp_rules with nf__bp_parse. See the
 * header of data/boilerplate.txt for the syntax.
 */
#ifndef NF_CLEAN_H
#define NF_CLEAN_H

#include "model.h"

#define NF__BP_MAX_RULES   512
#define NF__BP_MAX_WORDS   256   /* agencies and byline stop words, each */
#define NF__BP_MAX_WHILE   4     /* alternatives after `while` */
#define NF__BP_POOL        32768 /* bytes for names and patterns */
#define NF__BP_MAX_LINE    2000  /* no rule applies to a longer line (caps the matching cost) */
#define NF__BP_DEFAULT_MAX 300

enum nf__bp_kind {
    NF__BP_EXACT,
    NF__BP_PREFIX,
    NF__BP_SUFFIX,
    NF__BP_CONTAINS,
    NF__BP_LIKE,   /* glob over the whole line: * any run, ? one byte, # one digit */
    NF__BP_LIST,   /* a bullet line */
    NF__BP_NOALNUM /* no letter or digit at all */
};

enum nf__bp_action { NF__BP_DROP_LINE, NF__BP_DROP_SECTION, NF__BP_STRIP };
enum nf__bp_strip { NF__BP_STRIP_MATCH, NF__BP_STRIP_DATELINE, NF__BP_STRIP_BYLINE };

#define NF__BP_NO_NEED 0x10000u

/* The line filter's key of four bytes (a 16-bit hash: a collision only costs a useless rule
 * test). */
static inline uint32_t nf__bp_gram4(const unsigned char *p)
{
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return (v * 0x9E3779B1u) >> 16;
}

typedef struct nf__bp_match {
    uint8_t kind;
    uint16_t max; /* longest line (trimmed bytes) the matcher applies to */
    uint16_t plen;
    uint32_t pat; /* offset in pool: lowercase, whitespace runs as one space */
} nf__bp_match;

typedef struct nf__bp_rule {
    uint8_t action, strip, nwhile;
    const char *name; /* NUL-terminated, in the pool */
    nf__bp_match m;
    nf__bp_match cont[NF__BP_MAX_WHILE];
} nf__bp_rule;

typedef struct nf__bp_word {
    uint32_t off;
    uint16_t len;
} nf__bp_word;

typedef struct nf__bp_index {
    uint16_t first_off[257];
    uint16_t first[NF__BP_MAX_RULES];
    uint16_t general[NF__BP_MAX_RULES];
    size_t ngeneral;
} nf__bp_index;

typedef struct nf__bp_rules {
    nf__bp_rule rule[NF__BP_MAX_RULES];
    size_t nrules;
    nf__bp_word agency[NF__BP_MAX_WORDS]; /* as written (case kept) */
    size_t nagency;
    nf__bp_word notname[NF__BP_MAX_WORDS]; /* lowercase */
    size_t nnotname;
    size_t maxline; /* largest `max` of any line matcher */
    /* For each drop rule, a key of bytes its pattern requires somewhere in the line, or
     * NF__BP_NO_NEED: a line without them cannot match, which rules most patterns out after one
     * pass over the line. The key is nf__bp_gram4() of the pattern's rarest run of four literal
     * bytes (by English letter frequency); a pattern without four literal bytes in a row ("/ap",
     * "(c)#*", six of ~270) is always tried, which its own cheap rejections (length, first or
     * last byte) make nearly free. needmap has the bit of every rule's key: a line's four-byte
     * runs are looked up there, and a line is tried only against the rules of the keys it has
     * (bykey) and the rules without a key. */
    uint32_t need[NF__BP_MAX_RULES];
    uint64_t needmap[1024];
    /* (key << 16 | rule) of every drop rule with a key, sorted: the rules a present key admits */
    uint32_t bykey[NF__BP_MAX_RULES];
    size_t nbykey;
    /* The drop rules by the first byte their pattern needs (exact, prefix, and like patterns
     * that start with a literal), so a line is only tried against rules that can match it; every
     * other drop rule is general. `all` indexes every drop rule, `nokey` those without a key
     * (all a line without any key can match). File order everywhere. */
    nf__bp_index all, nokey;
    /* the strip rules, in file order (strip() tries them on every line) */
    uint16_t strips[NF__BP_MAX_RULES];
    size_t nstrips;
    size_t used;
    char pool[NF__BP_POOL];
} nf__bp_rules;

/* Parse rule text into *r (fully overwritten). On NF_EINVAL *bad_line is the 1-based line of the
 * first bad rule; NF_ETOOBIG when a table or the pool is full. */
nf_status nf__bp_parse(nf__bp_rules *r, const char *p, size_t n, size_t *bad_line);
/* The embedded rules, parsed once (thread-safe). NULL when data/boilerplate.txt is malformed. */
const nf__bp_rules *nf__bp_default(void);

/* A line normalized for matching: lowercase ASCII, whitespace runs (and NBSP, NUL) as one space,
 * typographic apostrophes as "'", trimmed. Returns the length written to out (cap bytes), or
 * SIZE_MAX when the line is too long for any rule. */
size_t nf__bp_normalize(const nf__bp_rules *r, const char *s, size_t n, char *out, size_t cap);
/* Whether matcher m accepts the line: raw trimmed length rawlen, normalized text (norm, nlen). */
bool nf__bp_match_line(const nf__bp_rules *r, const nf__bp_match *m, size_t rawlen,
                       const char *norm, size_t nlen);
/* Raw bytes of s a STRIP_MATCH prefix covers (0 when it does not match). */
size_t nf__bp_prefix_len(const nf__bp_rules *r, const nf__bp_match *m, const char *s, size_t n);
/* Bytes of a bullet marker ("- ", "* ", "• ", "1. ") at s, 0 when none. */
size_t nf__bp_bullet_len(const char *s, size_t n);

/* Prefix recognizers (strip.c). Each returns the bytes to skip at the start of s[0, n) (a trimmed
 * line or block start): a dateline with its dash and the spaces after it; a byline line (all of it,
 * or up to a dateline that follows on the same line). 0 when there is none. */
size_t nf__bp_dateline(const nf__bp_rules *r, const char *s, size_t n);
size_t nf__bp_byline(const nf__bp_rules *r, const char *s, size_t n);

/* nf__clean_doc with explicit rules (tests). */
nf_status nf__clean_doc_rules(nf__arena *a, nf__doc *d, unsigned flags, const nf__bp_rules *r);

#endif
