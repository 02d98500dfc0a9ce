/* jsonrec.c - a one-pass reader for the usual JSONL record, {"id", "documents": [...], ...}.
 *
 * jansson builds a tree, copies every string byte by byte and unescapes it in a second pass: that
 * was about 40 % of a batch run over DUC clusters. This reader decodes each string once into one
 * buffer and keeps only what json.c reads. It accepts a strict subset of what jansson accepts
 * (no real numbers, integers of at most 18 digits, at most 64 keys per object, nesting of at most
 * 64) and returns false for anything else -- malformed input included -- without touching the
 * cluster, so json.c then parses the record with jansson and every error message stays jansson's.
 * Duplicate keys (rejected by the jansson flags json.c uses) are refused at every depth, and so
 * are NUL bytes in keys, as jansson refuses them. */
#include "jsonrec.h"

#include <string.h>

#define MAX_KEYS  64
#define MAX_DEPTH 64

typedef struct rd {
    const char *s;
    size_t n, i;
    char *out; /* decoded strings, each NUL-terminated; never longer than the input */
    size_t o;
    int depth;
    nf__jrec *rec;
    const nf_allocator *al;
} rd;

static void ws(rd *r)
{
    while (r->i < r->n &&
           (r->s[r->i] == ' ' || r->s[r->i] == '\t' || r->s[r->i] == '\n' || r->s[r->i] == '\r'))
        r->i++;
}

static int hex4(const char *p)
{
    int v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

static void put_cp(rd *r, uint32_t cp)
{
    char *o = r->out + r->o;
    if (cp < 0x80) {
        o[0] = (char)cp;
        r->o += 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        r->o += 2;
    } else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        r->o += 3;
    } else {
        o[0] = (char)(0xF0 | (cp >> 18));
        o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[3] = (char)(0x80 | (cp & 0x3F));
        r->o += 4;
    }
}

/* The string at r->i (its opening quote) decoded into r->out. */
static bool str(rd *r, nf__jstr *out)
{
    if (r->i >= r->n || r->s[r->i] != '"') return false;
    r->i++;
    size_t start = r->o;
    for (;;) {
        /* a run of plain bytes is copied at once */
        size_t k = r->i + nf__json_plain(r->s + r->i, r->n - r->i, true);
        memcpy(r->out + r->o, r->s + r->i, k - r->i);
        r->o += k - r->i;
        r->i = k;
        if (k >= r->n) return false;
        unsigned char c = (unsigned char)r->s[k];
        if (c == '"') {
            r->i++;
            break;
        }
        if (c < 0x20) return false;
        if (c >= 0x80) {
            size_t l = nf__utf8_valid_len((const unsigned char *)r->s + k, r->n - k);
            if (!l) return false;
            memcpy(r->out + r->o, r->s + k, l);
            r->o += l;
            r->i += l;
            continue;
        }
        /* an escape */
        if (k + 1 >= r->n) return false;
        char e = r->s[k + 1];
        const char *map = "\"\"\\\\//b\bf\fn\nr\rt\t";
        const char *m = NULL;
        for (const char *q = map; *q; q += 2)
            if (*q == e) m = q;
        if (m) {
            r->out[r->o++] = m[1];
            r->i = k + 2;
            continue;
        }
        if (e != 'u' || k + 6 > r->n) return false;
        int v = hex4(r->s + k + 2);
        if (v < 0) return false;
        r->i = k + 6;
        uint32_t cp = (uint32_t)v;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (r->i + 6 > r->n || r->s[r->i] != '\\' || r->s[r->i + 1] != 'u') return false;
            int lo = hex4(r->s + r->i + 2);
            if (lo < 0xDC00 || lo > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
            r->i += 6;
        }
        put_cp(r, cp);
    }
    out->p = r->out + start;
    out->n = r->o - start;
    r->out[r->o++] = '\0';
    return true;
}

/* An integer of at most 18 digits; anything else (fractions, exponents) is left to jansson. */
static bool num(rd *r, long long *v)
{
    size_t k = r->i;
    bool neg = k < r->n && r->s[k] == '-';
    if (neg) k++;
    size_t d0 = k;
    long long x = 0;
    while (k < r->n && r->s[k] >= '0' && r->s[k] <= '9') {
        if (k - d0 >= 18) return false; /* longer: jansson's (and no overflow here) */
        x = x * 10 + (r->s[k++] - '0');
    }
    if (k == d0 || (r->s[d0] == '0' && k - d0 > 1)) return false;
    if (k < r->n && (r->s[k] == '.' || r->s[k] == 'e' || r->s[k] == 'E')) return false;
    r->i = k;
    *v = neg ? -x : x;
    return true;
}

static bool value(rd *r, int role, nf__jval *out);

/* Keys seen in one object: a repeat is refused. */
typedef struct keys {
    nf__jstr k[MAX_KEYS];
    size_t n;
} keys;

static bool new_key(keys *ks, const nf__jstr *k)
{
    if (memchr(k->p, '\0', k->n) || ks->n == MAX_KEYS) return false;
    for (size_t j = 0; j < ks->n; j++)
        if (ks->k[j].n == k->n && memcmp(ks->k[j].p, k->p, k->n) == 0) return false;
    ks->k[ks->n++] = *k;
    return true;
}

static bool is_key(const nf__jstr *k, const char *name)
{
    return k->n == strlen(name) && memcmp(k->p, name, k->n) == 0;
}

static const char *const meta_names[NF__JMETA] = {"id", "title", "source", "url", "date"};

/* Roles: 0 any value, 1 the record, 2 a document object, 3 the documents array. */
static bool object(rd *r, int role, nf__jdoc *doc)
{
    keys ks;
    ks.n = 0;
    r->i++; /* '{' */
    ws(r);
    if (r->i < r->n && r->s[r->i] == '}') {
        r->i++;
        return true;
    }
    for (;;) {
        ws(r);
        nf__jstr k;
        if (!str(r, &k) || !new_key(&ks, &k)) return false;
        ws(r);
        if (r->i >= r->n || r->s[r->i] != ':') return false;
        r->i++;
        ws(r);
        nf__jval v;
        int sub = role == 1 && is_key(&k, "documents") ? 3 : 0;
        if (!value(r, sub, &v)) return false;
        if (role == 1) {
            nf__jrec *rec = r->rec;
            if (is_key(&k, "id")) rec->id = v;
            if (sub) rec->docs_type = v.type;
            if (v.type == NF__J_STR) {
                if (rec->nfields == rec->capfields) {
                    void *p = rec->fields;
                    if (!nf__grow(r->al, &p, &rec->capfields, rec->nfields + 1,
                                  sizeof *rec->fields))
                        return false;
                    rec->fields = p;
                }
                rec->fields[rec->nfields].k = k;
                rec->fields[rec->nfields++].v = v.s;
            }
        } else if (role == 2) {
            if (is_key(&k, "text")) doc->text = v;
            if (is_key(&k, "html")) doc->html = v;
            for (int m = 0; m < NF__JMETA; m++)
                if (is_key(&k, meta_names[m])) doc->meta[m] = v;
        }
        ws(r);
        if (r->i >= r->n) return false;
        if (r->s[r->i] == '}') {
            r->i++;
            return true;
        }
        if (r->s[r->i] != ',') return false;
        r->i++;
    }
}

static bool array(rd *r, int role)
{
    r->i++; /* '[' */
    ws(r);
    if (r->i < r->n && r->s[r->i] == ']') {
        r->i++;
        return true;
    }
    for (;;) {
        ws(r);
        nf__jval v;
        if (role == 3) {
            nf__jrec *rec = r->rec;
            if (rec->ndocs == rec->capdocs) {
                void *p = rec->docs;
                if (!nf__grow(r->al, &p, &rec->capdocs, rec->ndocs + 1, sizeof *rec->docs))
                    return false;
                rec->docs = p;
            }
            nf__jdoc *d = &rec->docs[rec->ndocs++];
            memset(d, 0, sizeof *d);
            if (r->i < r->n && r->s[r->i] == '{') {
                r->depth++;
                if (r->depth > MAX_DEPTH || !object(r, 2, d)) return false;
                r->depth--;
                d->type = NF__J_OBJ;
            } else {
                if (!value(r, 0, &v)) return false;
                d->type = v.type;
                d->text = v;
            }
        } else if (!value(r, 0, &v)) {
            return false;
        }
        ws(r);
        if (r->i >= r->n) return false;
        if (r->s[r->i] == ']') {
            r->i++;
            return true;
        }
        if (r->s[r->i] != ',') return false;
        r->i++;
    }
}

static bool lit(rd *r, const char *w)
{
    size_t l = strlen(w);
    if (r->n - r->i < l || memcmp(r->s + r->i, w, l) != 0) return false;
    r->i += l;
    return true;
}

static bool value(rd *r, int role, nf__jval *out)
{
    memset(out, 0, sizeof *out);
    if (r->i >= r->n) return false;
    char c = r->s[r->i];
    bool ok;
    switch (c) {
    case '"': out->type = NF__J_STR; return str(r, &out->s);
    case '{':
    case '[':
        if (++r->depth > MAX_DEPTH) return false;
        out->type = c == '{' ? NF__J_OBJ : NF__J_ARR;
        ok = c == '{' ? object(r, 0, NULL) : array(r, role);
        r->depth--;
        return ok;
    case 't': out->type = NF__J_OTHER; return lit(r, "true");
    case 'f': out->type = NF__J_OTHER; return lit(r, "false");
    case 'n': out->type = NF__J_OTHER; return lit(r, "null");
    default: out->type = NF__J_INT; return num(r, &out->i);
    }
}

bool nf__jrec_read(const nf_allocator *al, const char *p, size_t n, nf__jrec *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->buf = nf__alloc(al, n + 1);
    if (!rec->buf) return false;
    rd r = {p, n, 0, rec->buf, 0, 1, rec, al};
    ws(&r);
    if (r.i >= n || p[r.i] != '{' || !object(&r, 1, NULL)) return false;
    ws(&r);
    return r.i == n;
}

void nf__jrec_free(const nf_allocator *al, nf__jrec *rec)
{
    nf__free(al, rec->buf);
    nf__free(al, rec->fields);
    nf__free(al, rec->docs);
    memset(rec, 0, sizeof *rec);
}
