/* cluster.c - the cluster handle: documents, metadata, warnings, plain-text and split ingest. */
#include "model.h"

#include <stdio.h>
#include <string.h>

/* Hard cap on one document and on a whole cluster: beyond this we refuse rather than thrash. */
#define NF__MAX_DOC_BYTES ((size_t)256 << 20)

nf_status nf_cluster_new(const nf_allocator *al, nf_cluster **out)
{
    if (!out) return NF_EINVAL;
    *out = NULL;
    if (!al) al = &nf__default_allocator;
    if (!al->alloc || !al->free) return NF_EINVAL;
    nf_cluster *c = nf__calloc(al, 1, sizeof *c);
    if (!c) return NF_ENOMEM;
    c->alc = *al;
    c->al = &c->alc;
    c->arena = nf__arena_new(c->al);
    if (!c->arena) {
        nf__free(al, c);
        return NF_ENOMEM;
    }
    *out = c;
    return NF_OK;
}

static void free_work(nf_cluster *c)
{
    nf__terms_free(c->al, &c->terms);
    nf__terms_free(c->al, &c->words);
    nf__arena_free(c->work);
    c->work = NULL;
    nf__free(c->al, c->sents);
    c->sents = NULL;
    c->nsents = 0;
    c->dup_pairs = NULL;
    c->dup_sims = NULL;
    c->ndup_pairs = 0;
    c->doc_group = c->group_order = NULL;
    c->ngroups = 0;
    c->boilerplate_lines = c->dup_sents = 0;
    for (size_t i = 0; i < c->ndocs; i++) {
        nf__doc *d = &c->docs[i];
        d->blocks = NULL;
        d->block_flags = NULL;
        d->nblocks = 0;
        d->dropped = NULL;
        d->ndropped = 0;
        d->first_sent = d->nsents = 0;
    }
    c->analyzed = 0;
}

void nf__cluster_invalidate(nf_cluster *c) { free_work(c); }

void nf_cluster_free(nf_cluster *c)
{
    if (!c) return;
    free_work(c);
    nf__free(c->al, c->docs);
    nf__free(c->al, c->warnings);
    nf__free(c->al, c->field_names);
    nf__free(c->al, c->field_values);
    nf__arena_free(c->arena);
    nf_allocator al = c->alc;
    nf__free(&al, c);
}

void nf__cluster_warn(nf_cluster *c, nf_status code, long doc, long long pos, const char *msg)
{
    void *w = c->warnings;
    if (c->nwarnings >= 1000) return; /* bounded: the count of repairs is in the message */
    if (!nf__grow(c->al, &w, &c->capwarnings, c->nwarnings + 1, sizeof(nf_error))) return;
    c->warnings = w;
    nf_error *e = &c->warnings[c->nwarnings++];
    e->code = code;
    e->doc = doc;
    e->line = -1;
    e->byte_pos = pos;
    snprintf(e->msg, sizeof e->msg, "%s", msg);
}

static const char *dup_opt(nf__arena *a, const char *s, bool *fail)
{
    if (!s) return NULL;
    const char *r = nf__arena_strndup(a, s, strlen(s));
    if (!r) *fail = true;
    return r;
}

int32_t nf__parse_date(const char *s)
{
    if (!s) return INT32_MIN;
    int v[3] = {0, 1, 1}, k = 0;
    const char *p = s;
    while (*p == ' ') p++;
    /* YYYY[-]MM[-]DD */
    for (k = 0; k < 3; k++) {
        int width = k == 0 ? 4 : 2, x = 0, i;
        for (i = 0; i < width && nf__isdigit((unsigned char)p[i]); i++) x = x * 10 + (p[i] - '0');
        if (i != width) break;
        v[k] = x;
        p += width;
        if (*p == '-' || *p == '/') p++;
    }
    if (k == 0 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31) return INT32_MIN;
    /* days from civil (proleptic Gregorian) */
    int y = v[0] - (v[1] <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (v[1] + 9) % 12;
    int doy = (153 * mp + 2) / 5 + v[2] - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

nf_status nf__ingest_doc(nf_cluster *c, const char *p, size_t n, const nf_doc_meta *meta,
                         const nf__span *blocks, size_t nblocks, nf_error *err)
{
    long di = (long)c->ndocs;
    if (n > NF__MAX_DOC_BYTES)
        return nf__fail(err, NF_ETOOBIG, di, -1, -1, "document %ld is %zu bytes (limit %zu)", di, n,
                        NF__MAX_DOC_BYTES);
    if (n && nf__looks_binary(p, n))
        return nf__fail(err, NF_EBINARY, di, -1, 0, "document %ld looks binary (control bytes)",
                        di);
    size_t k = 0;
    while (k < n && (nf__isspace((unsigned char)p[k]) || p[k] == '\0')) k++;
    if (k == n) return nf__fail(err, NF_EEMPTY, di, -1, 0, "document %ld is empty", di);

    void *docs = c->docs;
    if (!nf__grow(c->al, &docs, &c->capdocs, c->ndocs + 1, sizeof(nf__doc)))
        return nf__fail(err, NF_ENOMEM, di, -1, -1, "out of memory");
    c->docs = docs;
    nf__doc *d = &c->docs[c->ndocs];
    memset(d, 0, sizeof *d);
    size_t nbad = 0, first_bad = n, len = 0;
    char *text = nf__utf8_repair(c->arena, p ? p : "", n, &len, &nbad, &first_bad);
    if (!text) return nf__fail(err, NF_ENOMEM, di, -1, -1, "out of memory");
    /* NUL bytes are kept (offsets stay exact) but read as spaces by every stage. */
    d->text = text;
    d->len = len;
    bool fail = false;
    if (meta) {
        d->meta.id = dup_opt(c->arena, meta->id, &fail);
        d->meta.title = dup_opt(c->arena, meta->title, &fail);
        d->meta.source = dup_opt(c->arena, meta->source, &fail);
        d->meta.url = dup_opt(c->arena, meta->url, &fail);
        d->meta.date = dup_opt(c->arena, meta->date, &fail);
    }
    d->date_key = nf__parse_date(d->meta.date);
    if (blocks && nblocks) {
        d->src_blocks = nf__arena_alloc(c->arena, nblocks * sizeof *blocks);
        if (!d->src_blocks)
            fail = true;
        else {
            memcpy(d->src_blocks, blocks, nblocks * sizeof *blocks);
            d->nsrc_blocks = nblocks;
        }
    }
    if (fail) return nf__fail(err, NF_ENOMEM, di, -1, -1, "out of memory");
    if (nbad) {
        char msg[128];
        snprintf(msg, sizeof msg, "invalid UTF-8 replaced by U+FFFD (%zu sequence%s)", nbad,
                 nbad == 1 ? "" : "s");
        nf__cluster_warn(c, NF_EUTF8, di, (long long)first_bad, msg);
    }
    c->ndocs++;
    nf__cluster_invalidate(c);
    return NF_OK;
}

nf_status nf_cluster_add_text(nf_cluster *c, const char *p, size_t n, const nf_doc_meta *meta,
                              nf_error *err)
{
    if (!c || (!p && n)) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    return nf__ingest_doc(c, p, n, meta, NULL, 0, err);
}

nf_status nf_cluster_add_split(nf_cluster *c, const char *p, size_t n, const char *sep,
                               const nf_doc_meta *meta, nf_error *err)
{
    if (!c || (!p && n) || !sep || !*sep)
        return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument or empty separator");
    size_t sl = strlen(sep), start = 0, added = 0;
    for (size_t i = 0; i <= n;) {
        bool at_sep = i + sl <= n && memcmp(p + i, sep, sl) == 0;
        if (at_sep || i == n) {
            size_t k = start;
            while (k < i && nf__isspace((unsigned char)p[k])) k++;
            if (k < i) {
                nf_status st = nf__ingest_doc(c, p + start, i - start, meta, NULL, 0, err);
                if (st == NF_OK)
                    added++;
                else if (st != NF_EEMPTY)
                    return st;
            }
            if (i == n) break;
            i += sl;
            start = i;
        } else {
            i++;
        }
    }
    if (!added) return nf__fail(err, NF_EEMPTY, -1, -1, 0, "no document between separators");
    return NF_OK;
}

size_t nf_cluster_doc_count(const nf_cluster *c) { return c ? c->ndocs : 0; }

nf_status nf_cluster_set_previous(nf_cluster *c, size_t doc, int previous)
{
    if (!c || doc >= c->ndocs) return NF_EINVAL;
    if (c->docs[doc].previous != (previous != 0)) {
        c->docs[doc].previous = previous != 0;
        nf__cluster_invalidate(c);
    }
    return NF_OK;
}

size_t nf_cluster_previous_count(const nf_cluster *c)
{
    size_t n = 0;
    for (size_t i = 0; c && i < c->ndocs; i++) n += c->docs[i].previous;
    return n;
}

const char *nf_cluster_doc_text(const nf_cluster *c, size_t doc, size_t *len)
{
    if (!c || doc >= c->ndocs) {
        if (len) *len = 0;
        return NULL;
    }
    if (len) *len = c->docs[doc].len;
    return c->docs[doc].text;
}

const nf_doc_meta *nf_cluster_doc_meta(const nf_cluster *c, size_t doc)
{
    return c && doc < c->ndocs ? &c->docs[doc].meta : NULL;
}

const char *nf_cluster_id(const nf_cluster *c) { return c ? c->id : NULL; }

const char *nf_cluster_field(const nf_cluster *c, const char *name)
{
    if (!c || !name) return NULL;
    for (size_t i = 0; i < c->nfields; i++)
        if (strcmp(c->field_names[i], name) == 0) return c->field_values[i];
    return NULL;
}

size_t nf_cluster_warning_count(const nf_cluster *c) { return c ? c->nwarnings : 0; }

const nf_error *nf_cluster_warning(const nf_cluster *c, size_t i)
{
    return c && i < c->nwarnings ? &c->warnings[i] : NULL;
}

/* nf__isspace without branches: space, or \t \n \v \f \r (9..13). */
static inline unsigned space_bit(unsigned char c) { return (c == ' ') | ((unsigned)(c - 9) < 5u); }

size_t nf_count_words(const char *p, size_t n)
{
    /* a word starts at every non-space byte after a space (or at the start) */
    if (!p || n == 0) return 0;
    const unsigned char *u = (const unsigned char *)p;
    size_t w = 0, i = 0;
    unsigned prev = 1; /* "before the start" counts as a space */
#if defined(__SSE2__)
    /* sixteen bytes at a time: a mask of the spaces, word starts are the non-spaces whose left
     * neighbour (the previous block's last byte for bit 0) is a space */
    const __m128i sp = _mm_set1_epi8(' ');
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(u + i));
        unsigned m =
            (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, sp), nf__ctl_space16(v)));
        unsigned left = (m << 1 | prev) & 0xFFFFu;
        w += nf__popcount(~m & left & 0xFFFFu);
        prev = m >> 15;
    }
#endif
    for (; i < n; i++) {
        unsigned b = space_bit(u[i]);
        w += prev & !b;
        prev = b;
    }
    return w;
}
