/* render.c - summary output: text, SPL, JSON (docs/json.md), Markdown; dispatch for HTML. */
#include "escape.h"

#include <string.h>

#define NF__RENDER_MAX ((size_t)1 << 31)

static const char *unit_name(nf_unit u)
{
    return u == NF_UNIT_BYTES ? "bytes" : u == NF_UNIT_SENTENCES ? "sentences" : "words";
}

static void render_text(nf__buf *b, const nf_summary *s)
{
    for (size_t i = 0; i < s->n; i++) {
        nf__put_collapsed(b, s->items[i].text, s->items[i].len);
        nf__buf_putc(b, '\n');
    }
}

static void json_doc(nf__buf *b, const nf_cluster *c, size_t d)
{
    const nf__doc *doc = &c->docs[d];
    nf__buf_printf(b, "{\"index\":%zu,\"id\":", d);
    nf__json_str(b, doc->meta.id);
    nf__buf_puts(b, ",\"title\":");
    nf__json_str(b, doc->meta.title);
    nf__buf_puts(b, ",\"source\":");
    nf__json_str(b, doc->meta.source);
    nf__buf_puts(b, ",\"url\":");
    nf__json_str(b, doc->meta.url);
    nf__buf_puts(b, ",\"date\":");
    nf__json_str(b, doc->meta.date);
    nf__buf_printf(b, ",\"bytes\":%zu,\"sentences\":%zu,\"dropped_lines\":%zu}", doc->len,
                   doc->nsents, doc->ndropped);
}

static void render_json(nf__buf *b, const nf_cluster *c, const nf_summary *s)
{
    const nf_options *o = &s->opts;
    nf__buf_puts(b, "{\"version\":\"" NF_VERSION_STRING "\",\"schema\":1,\"id\":");
    nf__json_str(b, c->id);
    nf__buf_printf(b,
                   ",\"options\":{\"algo\":\"%s\",\"unit\":\"%s\",\"budget\":%zu,\"mode\":\"%s\","
                   "\"order\":\"%s\",\"redundancy\":%.4g,\"min_words\":%zu}",
                   nf_algo_name(o->algo), unit_name(o->unit), o->budget,
                   (o->flags & NF_OPT_TRUNCATE) ? "truncate" : "fit",
                   o->order == NF_ORDER_RANK ? "rank" : "source", o->redundancy, o->min_words);
    nf__buf_puts(b, ",\"documents\":[");
    for (size_t d = 0; d < c->ndocs; d++) {
        if (d) nf__buf_putc(b, ',');
        json_doc(b, c, d);
    }
    nf__buf_puts(b, "],\"sentences\":[");
    for (size_t i = 0; i < s->n; i++) {
        const nf_sentence *t = &s->items[i];
        if (i) nf__buf_putc(b, ',');
        nf__buf_puts(b, "{\"text\":");
        nf__json_strn(b, t->text, t->len);
        nf__buf_printf(b,
                       ",\"doc\":%zu,\"start\":%zu,\"end\":%zu,\"index\":%zu,\"score\":%.6g,"
                       "\"words\":%zu,\"truncated\":%s}",
                       t->doc, t->start, t->start + t->len, t->index, t->score, t->words,
                       t->truncated ? "true" : "false");
    }
    const nf_stats *st = &s->stats;
    nf__buf_printf(b,
                   "],\"stats\":{\"documents\":%zu,\"sentences\":%zu,\"candidates\":%zu,"
                   "\"boilerplate_lines\":%zu,\"duplicate_sentences\":%zu,"
                   "\"duplicate_document_pairs\":%zu,\"summary_words\":%zu,\"summary_bytes\":%zu}",
                   st->docs, st->sentences, st->candidates, st->boilerplate_lines,
                   st->duplicate_sentences, st->duplicate_doc_pairs, st->summary_words,
                   st->summary_bytes);
    nf__buf_puts(b, ",\"duplicate_documents\":[");
    for (size_t i = 0; i < c->ndup_pairs; i++) {
        if (i) nf__buf_putc(b, ',');
        nf__buf_printf(b, "{\"a\":%u,\"b\":%u,\"containment\":%.3f}", c->dup_pairs[2 * i],
                       c->dup_pairs[2 * i + 1], (double)c->dup_sims[i]);
    }
    nf__buf_puts(b, "],\"warnings\":[");
    for (size_t i = 0; i < c->nwarnings; i++) {
        const nf_error *w = &c->warnings[i];
        if (i) nf__buf_putc(b, ',');
        nf__buf_printf(b, "{\"doc\":%ld,\"byte\":%lld,\"message\":", w->doc, w->byte_pos);
        nf__json_str(b, w->msg);
        nf__buf_putc(b, '}');
    }
    nf__buf_puts(b, "]}\n");
}

static void render_md(nf__buf *b, const nf_cluster *c, const nf_summary *s)
{
    nf__buf_puts(b, "## Summary");
    if (c->id) {
        nf__buf_puts(b, ": ");
        nf__esc_md(b, c->id, strlen(c->id));
    }
    nf__buf_puts(b, "\n\n");
    for (size_t i = 0; i < s->n; i++) {
        const nf_sentence *t = &s->items[i];
        nf__buf puts_tmp;
        nf__buf_init(&puts_tmp, b->al, 0);
        nf__put_collapsed(&puts_tmp, t->text, t->len);
        nf__buf_puts(b, "- ");
        nf__esc_md(b, puts_tmp.p ? puts_tmp.p : "", puts_tmp.len);
        nf__buf_free(&puts_tmp);
        const char *src =
            c->docs[t->doc].meta.source ? c->docs[t->doc].meta.source : c->docs[t->doc].meta.id;
        nf__buf_printf(b, " *[doc %zu", t->doc);
        if (src) {
            nf__buf_puts(b, ": ");
            nf__esc_md(b, src, strlen(src));
        }
        nf__buf_printf(b, ", bytes %zu-%zu]*\n", t->start, t->start + t->len);
    }
    nf__buf_printf(b, "\n%zu documents, %zu sentences, %zu words in the summary.\n", c->ndocs,
                   c->nsents, s->stats.summary_words);
}

nf_status nf_render(const nf_cluster *c, const nf_summary *s, const nf_options *o, nf_format f,
                    char **out, size_t *out_len, nf_error *err)
{
    (void)o;
    if (!c || !s || !out) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    *out = NULL;
    nf__buf b;
    nf__buf_init(&b, c->al, NF__RENDER_MAX);
    switch (f) {
    case NF_FORMAT_TEXT:
    case NF_FORMAT_SPL: render_text(&b, s); break;
    case NF_FORMAT_JSON: render_json(&b, c, s); break;
    case NF_FORMAT_MARKDOWN: render_md(&b, c, s); break;
    case NF_FORMAT_HTML: nf__render_html(&b, c, s); break;
    default: nf__buf_free(&b); return nf__fail(err, NF_EINVAL, -1, -1, -1, "unknown format");
    }
    if (b.err) {
        nf_status st = b.err;
        nf__buf_free(&b);
        return nf__fail(err, st, -1, -1, -1, "render: %s", nf_strerror(st));
    }
    char *p = nf__buf_take(&b, out_len);
    if (!p) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    *out = p;
    return NF_OK;
}

void nf_string_free(const nf_cluster *c, char *p)
{
    if (!p) return;
    nf__free(c ? c->al : NULL, p);
}
