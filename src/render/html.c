/* html.c - the summary as a standalone HTML page: each sentence linked to its marked source span.
 * The page with a story brief is brief_html.c. */
#include "escape.h"

#include <string.h>

/* The summary page without a brief, unchanged since it was first written (golden tests and the
 * HTTP service compare it byte for byte). */
void nf__render_html(nf__buf *b, const nf_cluster *c, const nf_summary *s)
{
    nf__buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    "<title>newsfuse summary");
    if (c->id) {
        nf__buf_puts(b, ": ");
        nf__esc_html(b, c->id, strlen(c->id));
    }
    nf__buf_puts(b, "</title><style>body{font:16px/1.5 Georgia,serif;max-width:46rem;margin:2rem "
                    "auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}ol li{margin:.4rem 0}"
                    ".src{font:12px sans-serif;color:#666}a{color:#0645ad}"
                    "section.doc{border-top:1px solid #ddd;margin-top:1.5rem}"
                    "mark{background:#fff3b0}</style></head><body>\n<h1>Summary</h1>\n<ol>\n");
    for (size_t i = 0; i < s->n; i++) {
        const nf_sentence *t = &s->items[i];
        nf__buf_puts(b, "<li>");
        nf__esc_html(b, t->text, t->len);
        nf__buf_printf(b, " <a class=\"src\" href=\"#d%zu-%zu\">[doc %zu]</a></li>\n", t->doc,
                       t->start, t->doc);
    }
    nf__buf_puts(b, "</ol>\n<h2>Sources</h2>\n");
    for (size_t d = 0; d < c->ndocs; d++) {
        const nf__doc *doc = &c->docs[d];
        nf__buf_printf(b, "<section class=\"doc\" id=\"d%zu\"><h3>Document %zu", d, d);
        const char *name = doc->meta.source ? doc->meta.source : doc->meta.id;
        if (name) {
            nf__buf_puts(b, ": ");
            nf__esc_html(b, name, strlen(name));
        }
        nf__buf_puts(b, "</h3><p>");
        /* the text with the chosen spans marked and anchored */
        size_t pos = 0;
        for (;;) {
            size_t best = SIZE_MAX, bi = 0;
            for (size_t i = 0; i < s->n; i++)
                if (s->items[i].doc == d && s->items[i].start >= pos && s->items[i].start < best) {
                    best = s->items[i].start;
                    bi = i;
                }
            if (best == SIZE_MAX) break;
            nf__esc_html(b, doc->text + pos, best - pos);
            nf__buf_printf(b, "<mark id=\"d%zu-%zu\">", d, best);
            nf__esc_html(b, doc->text + best, s->items[bi].len);
            nf__buf_puts(b, "</mark>");
            pos = best + s->items[bi].len;
        }
        nf__esc_html(b, doc->text + pos, doc->len - pos);
        nf__buf_puts(b, "</p></section>\n");
    }
    nf__buf_puts(b, "</body></html>\n");
}
