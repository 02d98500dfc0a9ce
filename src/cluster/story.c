/* story.c - closed stories: their articles, the kept copies of text and metadata, and the story
 * record (a JSON cluster record every other command reads). */
#include "cluster.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

nf_story *nf__story_new(const nf_allocator *al, size_t number)
{
    nf_story *s = nf__calloc(al, 1, sizeof *s);
    if (!s) return NULL;
    s->alc = al ? *al : nf__default_allocator;
    s->number = number;
    return s;
}

static char *dup_str(const nf_allocator *al, const char *p, size_t n)
{
    char *q = nf__alloc(al, n + 1);
    if (!q) return NULL;
    memcpy(q, p, n);
    q[n] = '\0';
    return q;
}

/* A copy of (p, n) with invalid UTF-8 sequences replaced by U+FFFD and NULs by spaces: the
 * record is JSON. */
static char *valid_copy(const nf_allocator *al, const char *p, size_t n, size_t *out_len)
{
    size_t bad = 0;
    for (size_t i = 0; i < n;) {
        size_t k = nf__utf8_valid_len((const unsigned char *)p + i, n - i);
        if (!k) bad++;
        i += k ? k : 1;
    }
    if (n + 2 * bad < n) return NULL;
    char *q = nf__alloc(al, n + 2 * bad + 1);
    if (!q) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t k = nf__utf8_valid_len((const unsigned char *)p + i, n - i);
        if (k) {
            memcpy(q + o, p + i, k);
            if (k == 1 && q[o] == '\0') q[o] = ' ';
            o += k;
            i += k;
        } else {
            memcpy(q + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    q[o] = '\0';
    *out_len = o;
    return q;
}

static const char *meta_copy(const nf_allocator *al, const char *s, bool *fail)
{
    if (!s) return NULL;
    size_t n;
    char *q = valid_copy(al, s, strlen(s), &n);
    if (!q) *fail = true;
    return q;
}

static void sdoc_free(const nf_allocator *al, nf__sdoc *d)
{
    nf__free(al, d->text);
    nf__free(al, (char *)d->meta.id);
    nf__free(al, (char *)d->meta.title);
    nf__free(al, (char *)d->meta.source);
    nf__free(al, (char *)d->meta.url);
    nf__free(al, (char *)d->meta.date);
}

nf_status nf__story_add(nf_story *s, size_t article, int keep, const char *text, size_t n,
                        const nf_doc_meta *meta)
{
    const nf_allocator *al = &s->alc;
    if (s->n == s->cap) {
        size_t cap = s->cap;
        void *p = s->articles;
        if (!nf__grow(al, &p, &cap, s->n + 1, sizeof *s->articles)) return NF_ENOMEM;
        s->articles = p;
        if (keep) {
            size_t cap2 = s->cap;
            p = s->docs;
            if (!nf__grow(al, &p, &cap2, s->n + 1, sizeof *s->docs)) return NF_ENOMEM;
            s->docs = p;
        }
        s->cap = cap;
    }
    if (keep) {
        nf__sdoc d;
        memset(&d, 0, sizeof d);
        bool fail = false;
        d.text = valid_copy(al, text, n, &d.len);
        if (!d.text) fail = true;
        if (meta) {
            d.meta.id = meta_copy(al, meta->id, &fail);
            d.meta.title = meta_copy(al, meta->title, &fail);
            d.meta.source = meta_copy(al, meta->source, &fail);
            d.meta.url = meta_copy(al, meta->url, &fail);
            d.meta.date = meta_copy(al, meta->date, &fail);
        }
        if (fail) {
            sdoc_free(al, &d);
            return NF_ENOMEM;
        }
        s->docs[s->n] = d;
    }
    s->articles[s->n++] = article;
    s->alive++;
    return NF_OK;
}

void nf_story_free(nf_story *s)
{
    if (!s) return;
    nf_allocator al = s->alc;
    for (size_t i = 0; s->docs && i < s->n; i++) sdoc_free(&al, &s->docs[i]);
    nf__free(&al, s->docs);
    nf__free(&al, s->articles);
    nf__free(&al, s);
}

size_t nf_story_number(const nf_story *s) { return s ? s->number : 0; }
size_t nf_story_size(const nf_story *s) { return s ? s->n : 0; }
size_t nf_story_article(const nf_story *s, size_t i) { return s && i < s->n ? s->articles[i] : 0; }

const char *nf_story_text(const nf_story *s, size_t i, size_t *len)
{
    if (len) *len = 0;
    if (!s || !s->docs || i >= s->n) return NULL;
    if (len) *len = s->docs[i].len;
    return s->docs[i].text;
}

const nf_doc_meta *nf_story_meta(const nf_story *s, size_t i)
{
    return s && s->docs && i < s->n ? &s->docs[i].meta : NULL;
}

static int set_str(json_t *o, const char *k, const char *v)
{
    if (!v) return 0;
    return json_object_set_new(o, k, json_string(v));
}

/* The "documents", "doc_ids" and "sources" arrays and the first/last dates. */
static bool fill_record(const nf_story *s, json_t *rec)
{
    json_t *docs = json_array(), *ids = json_array(), *srcs = json_array();
    bool ok = docs && ids && srcs;
    ok = ok && json_object_set(rec, "documents", docs) == 0 &&
         json_object_set(rec, "doc_ids", ids) == 0 && json_object_set(rec, "sources", srcs) == 0;
    const char *first = NULL, *last = NULL;
    int64_t tf = INT64_MAX, tl = INT64_MIN;
    for (size_t i = 0; ok && i < s->n; i++) {
        const nf__sdoc *d = &s->docs[i];
        json_t *o = json_object();
        ok = o && set_str(o, "id", d->meta.id) == 0 &&
             json_object_set_new(o, "text", json_stringn(d->text, d->len)) == 0 &&
             set_str(o, "title", d->meta.title) == 0 && set_str(o, "source", d->meta.source) == 0 &&
             set_str(o, "url", d->meta.url) == 0 && set_str(o, "date", d->meta.date) == 0;
        ok = ok && json_array_append_new(docs, o) == 0;
        if (!ok) break;
        ok = json_array_append_new(ids, d->meta.id ? json_string(d->meta.id) : json_null()) == 0;
        if (d->meta.source) {
            bool seen = false;
            for (size_t j = 0; j < i && !seen; j++)
                seen =
                    s->docs[j].meta.source && strcmp(s->docs[j].meta.source, d->meta.source) == 0;
            if (!seen) ok = ok && json_array_append_new(srcs, json_string(d->meta.source)) == 0;
        }
        int64_t t = nf__parse_time(d->meta.date);
        if (t != INT64_MIN && t < tf) {
            tf = t;
            first = d->meta.date;
        }
        if (t != INT64_MIN && t > tl) {
            tl = t;
            last = d->meta.date;
        }
    }
    ok = ok && json_object_set_new(rec, "first", first ? json_string(first) : json_null()) == 0 &&
         json_object_set_new(rec, "last", last ? json_string(last) : json_null()) == 0;
    json_decref(docs);
    json_decref(ids);
    json_decref(srcs);
    return ok;
}

nf_status nf_story_json(const nf_story *s, char **out, size_t *len, nf_error *err)
{
    if (!s || !out || !len) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    *out = NULL;
    *len = 0;
    if (!s->docs)
        return nf__fail(err, NF_EINVAL, -1, -1, -1,
                        "the story has no documents (NF_CLUSTER_KEEP_STORIES was not set)");
    json_t *rec = json_object();
    bool ok = rec && json_object_set_new(rec, "id", json_integer((json_int_t)s->number)) == 0 &&
              fill_record(s, rec);
    char *txt = ok ? json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(rec);
    if (!txt) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    size_t n = strlen(txt);
    *out = dup_str(&s->alc, txt, n);
    free(txt);
    if (!*out) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    *len = n;
    return NF_OK;
}

void nf_story_string_free(const nf_story *s, char *p)
{
    if (s && p) nf__free(&s->alc, p);
}

static int digits(const char *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!nf__isdigit((unsigned char)p[i])) return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

int64_t nf__parse_time(const char *s)
{
    int32_t day = nf__parse_date(s);
    if (day == INT32_MIN) return INT64_MIN;
    int64_t t = (int64_t)day * 86400;
    while (*s == ' ') s++;
    size_t n = strlen(s);
    if (n < 16 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':') return t;
    int h = digits(s + 11, 2), m = digits(s + 14, 2), sec = 0;
    if (h < 0 || m < 0 || h > 23 || m > 59) return t;
    const char *p = s + 16;
    if (*p == ':' && (sec = digits(p + 1, 2)) >= 0 && sec <= 60)
        p += 3;
    else
        sec = 0;
    while (*p == '.' || nf__isdigit((unsigned char)*p)) p++;
    t += h * 3600 + m * 60 + sec;
    /* the offset's hours are two digits; only then is p[3] inside the string ("+5" ends it) */
    int oh = (*p == '+' || *p == '-') ? digits(p + 1, 2) : -1;
    if (oh >= 0) {
        int om = 0;
        const char *q = p + 3;
        if (*q == ':') q++;
        if (nf__isdigit((unsigned char)q[0])) om = digits(q, 2);
        if (om >= 0) t -= (*p == '+' ? 1 : -1) * (int64_t)(oh * 3600 + om * 60);
    }
    return t;
}
