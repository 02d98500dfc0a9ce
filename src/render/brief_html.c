/* brief_html.c - the story brief's standalone HTML page: the summary (when given) with each
 * sentence linked to its source span, the conflicts (highlighted), quotes by speaker, figures,
 * sources, timeline and entities, followed by the documents themselves with every referenced span
 * anchored (id "d<doc>-<byte>"), summary sentences marked and conflicting figures highlighted.
 * One file, no script, no external resource. Without a brief it is html.c's summary page. */
#include "render/brief_render.h"

#include <stdlib.h>
#include <string.h>

static const char css[] =
    "body{font:16px/1.55 Georgia,'Times New Roman',serif;color:#1d1d1f;background:#fafaf7;"
    "margin:0}main{max-width:58rem;margin:0 auto;padding:1.5rem 1.25rem 4rem}"
    "h1{font:700 1.9rem/1.2 system-ui,sans-serif;margin:.2rem 0}"
    "h2{font:700 1.25rem/1.3 system-ui,sans-serif;margin:2.2rem 0 .8rem;padding-bottom:.3rem;"
    "border-bottom:2px solid #1d1d1f}h3{font:600 1.02rem/1.3 system-ui,sans-serif;margin:0 0 .4rem}"
    ".meta,nav,.src,table,.badge,.chip,.role,.date{font-family:system-ui,sans-serif}"
    ".meta{color:#555;margin:.2rem 0 .8rem}nav a{margin-right:1rem;font-size:.9rem}"
    "a{color:#0b57a4;text-decoration:none}a:hover{text-decoration:underline}"
    "ol.summary li{margin:.45rem 0}.src{font-size:.75rem;color:#666;white-space:nowrap}"
    ".src a{color:#666;border:1px solid #ccc;border-radius:3px;padding:0 .3rem;margin-left:.2rem}"
    ".conflict{background:#fff;border:1px solid #e3d3b0;border-left:6px solid #d9822b;"
    "border-radius:6px;padding:.8rem 1rem;margin:.8rem 0}"
    ".conflict.update{border-left-color:#3a7bd5;border-color:#c9d8ee}"
    ".badge{font-size:.7rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em;"
    "border-radius:3px;padding:.1rem .4rem;margin-left:.4rem;vertical-align:middle;"
    "background:#fbe3c8;color:#8a4b0f}.update .badge{background:#dbe7f8;color:#1f4d8f}"
    ".conf{font:.75rem system-ui,sans-serif;color:#777;margin-left:.4rem}"
    ".values{width:100%;border-collapse:collapse;table-layout:fixed}.values col.cv{width:15.5rem}"
    ".values col.cd{width:15rem}.values td{padding:.3rem .5rem .3rem 0;"
    "vertical-align:top;border-top:1px solid #f0ebe0}.values td.v{font:700 1.15rem system-ui,"
    "sans-serif;white-space:nowrap;width:9rem}.values td.a{color:#333}"
    ".arrow{color:#3a7bd5;font-weight:700;margin-right:.3rem}"
    ".speaker{margin:1.1rem 0}.role{font-size:.85rem;font-weight:400;color:#666;margin-left:.4rem}"
    "blockquote{margin:.35rem 0 .35rem .2rem;padding:.1rem 0 .1rem .9rem;border-left:3px solid "
    "#b9b3a5;font-style:italic}blockquote.partial{border-left-style:dotted}"
    "table.grid{border-collapse:collapse;width:100%;font-size:.88rem}table.grid th{text-align:"
    "left;background:#efece4;padding:.35rem .5rem}table.grid td{padding:.3rem .5rem;border-top:"
    "1px solid #e6e2d8;vertical-align:top}table.grid td.n{text-align:right;white-space:nowrap}"
    ".dup{color:#a33;font-weight:600}.date{font-size:.85rem;font-weight:600;white-space:nowrap;"
    "color:#444;width:7.5rem}.inferred{color:#888;font-weight:400}"
    ".chip{display:inline-block;font-size:.82rem;border:1px solid #d6d1c4;border-radius:1rem;"
    "padding:.1rem .6rem;margin:.15rem .2rem .15rem 0;background:#fff}.chip i{color:#888;"
    "font-style:normal;margin-left:.3rem}section.doc{background:#fff;border:1px solid #e6e2d8;"
    "border-radius:6px;padding:.6rem 1rem;margin:1rem 0}.text{white-space:pre-wrap;font-size:"
    ".95rem}mark{background:#fff1a8}.cf{background:#fbd9b5;border-bottom:2px solid #d9822b}"
    ":target{outline:2px solid #0b57a4}.none{color:#777;font-style:italic}";

static void esc(nf__buf *b, const char *s)
{
    if (s) nf__esc_html(b, s, strlen(s));
}

static void doc_link(nf__buf *b, size_t doc, size_t start)
{
    nf__buf_printf(b, "<a href=\"#d%zu-%zu\">doc %zu</a>", doc, start, doc);
}

/* Links to the first mention in each document. */
static void mention_links(nf__buf *b, const nf_mention *m, size_t n)
{
    nf__buf_puts(b, "<span class=\"src\">");
    for (size_t i = 0; i < n; i++)
        if (i == 0 || m[i].doc != m[i - 1].doc) doc_link(b, m[i].doc, m[i].start);
    nf__buf_puts(b, "</span>");
}

static const char *outlet(const nf_cluster *c, const nf_brief *br, size_t d)
{
    if (br && d < br->nsources && br->sources[d].outlet) return br->sources[d].outlet;
    return c->docs[d].meta.source ? c->docs[d].meta.source : c->docs[d].meta.id;
}

static void put_summary(nf__buf *b, const nf_summary *s)
{
    nf__buf_puts(b, "<section id=\"summary\"><h2>Summary</h2><ol class=\"summary\">\n");
    for (size_t i = 0; i < s->n; i++) {
        const nf_sentence *t = &s->items[i];
        nf__buf_puts(b, "<li>");
        nf__esc_html(b, t->text, t->len);
        nf__buf_puts(b, " <span class=\"src\">");
        doc_link(b, t->doc, t->start);
        nf__buf_puts(b, "</span></li>\n");
    }
    nf__buf_puts(b, "</ol></section>\n");
}

static void put_conflicts(nf__buf *b, const nf_brief *br)
{
    nf__buf_puts(b, "<section id=\"conflicts\"><h2>Where the sources disagree</h2>\n");
    if (!br->nconflicts) nf__buf_puts(b, "<p class=\"none\">No conflicting figures.</p>\n");
    for (size_t i = 0; i < br->nconflicts; i++) {
        const nf_conflict *k = &br->conflicts[i];
        bool up = k->kind == NF_CONFLICT_UPDATE;
        nf__buf_printf(b, "<div class=\"conflict%s\"><h3>", up ? " update" : "");
        esc(b, k->quantity);
        nf__buf_printf(b,
                       "<span class=\"badge\">%s</span><span class=\"conf\">match %.0f%%</span>"
                       "</h3><table class=\"values\"><col class=\"cv\"><col><col class=\"cd\">\n",
                       up ? "update" : "disagreement", k->confidence * 100);
        for (size_t v = 0; v < k->nvalues; v++) {
            const nf_conflict_value *x = &k->values[v];
            const nf_figure *f0 = &br->figures[x->figures[0]];
            nf__buf_puts(b, "<tr><td class=\"v\">");
            if (up && v) nf__buf_puts(b, "<span class=\"arrow\">&rarr;</span>");
            nf__buf q;
            nf__buf_init(&q, b->al, 0);
            nf_figure tmp = *f0;
            tmp.value = x->value;
            tmp.value_max = x->value_max;
            tmp.is_range = x->is_range;
            tmp.qualifier = x->qualifier;
            nf__brief_put_figure(&q, &tmp);
            if (q.p) nf__esc_html(b, q.p, q.len);
            nf__buf_free(&q);
            nf__buf_puts(b, "</td><td class=\"a\">");
            if (!x->nattributions) nf__buf_puts(b, "<span class=\"none\">no source given</span>");
            for (size_t a = 0; a < x->nattributions; a++) {
                if (a) nf__buf_puts(b, "; ");
                esc(b, x->attributions[a]);
            }
            nf__buf_puts(b, "</td><td class=\"src\">");
            for (size_t d = 0; d < x->ndocs; d++) {
                /* link to this value's mention in that document */
                size_t start = 0;
                for (size_t fi = 0; fi < x->nfigures && !start; fi++) {
                    const nf_figure *f = &br->figures[x->figures[fi]];
                    for (size_t m = 0; m < f->nmentions; m++)
                        if (f->mentions[m].doc == x->docs[d]) {
                            start = f->mentions[m].start;
                            break;
                        }
                }
                doc_link(b, x->docs[d], start);
            }
            nf__buf_puts(b, "</td></tr>\n");
        }
        nf__buf_puts(b, "</table></div>\n");
    }
    nf__buf_puts(b, "</section>\n");
}

static void put_quotes(nf__buf *b, const nf_brief *br)
{
    nf__buf_puts(b, "<section id=\"quotes\"><h2>Quotes by speaker</h2>\n");
    if (!br->nquotes) nf__buf_puts(b, "<p class=\"none\">No direct quotations.</p>\n");
    for (size_t i = 0; i <= br->nspeakers; i++) {
        const nf_speaker *sp = i < br->nspeakers ? &br->speakers[i] : NULL;
        bool any = false;
        for (size_t q = 0; q < br->nquotes; q++) {
            const nf_quote *qt = &br->quotes[q];
            if (sp ? qt->speaker_index != i : qt->speaker_index != SIZE_MAX) continue;
            if (!any) {
                nf__buf_puts(b, "<div class=\"speaker\"><h3>");
                if (sp)
                    esc(b, sp->name);
                else
                    nf__buf_puts(b, "Speakers the text does not name");
                if (sp && sp->role) {
                    nf__buf_puts(b, "<span class=\"role\">");
                    esc(b, sp->role);
                    nf__buf_puts(b, "</span>");
                }
                nf__buf_puts(b, "</h3>\n");
                any = true;
            }
            nf__buf_printf(b, "<blockquote%s>&ldquo;", qt->partial ? " class=\"partial\"" : "");
            esc(b, qt->text);
            nf__buf_puts(b, "&rdquo; ");
            if (!sp && qt->role) {
                nf__buf_puts(b, "<span class=\"role\">(");
                esc(b, qt->role);
                nf__buf_puts(b, ")</span> ");
            }
            mention_links(b, qt->mentions, qt->nmentions);
            nf__buf_puts(b, "</blockquote>\n");
        }
        if (any) nf__buf_puts(b, "</div>\n");
    }
    nf__buf_puts(b, "</section>\n");
}

/* A list of figures as a section with this id and title. */
static void put_figures(nf__buf *b, const char *id, const char *title, const nf_figure *figs,
                        size_t n)
{
    nf__buf_printf(b, "<section id=\"%s\"><h2>%s</h2>\n", id, title);
    if (!n) {
        nf__buf_puts(b, "<p class=\"none\">No figures.</p></section>\n");
        return;
    }
    nf__buf_puts(b, "<table class=\"grid\"><tr><th>figure</th><th>what</th><th>according to</th>"
                    "<th>where</th></tr>\n");
    for (size_t i = 0; i < n; i++) {
        const nf_figure *f = &figs[i];
        nf__buf_puts(b, "<tr><td class=\"n\">");
        nf__buf q;
        nf__buf_init(&q, b->al, 0);
        nf__brief_put_figure(&q, f);
        if (q.p) nf__esc_html(b, q.p, q.len);
        nf__buf_free(&q);
        nf__buf_puts(b, "</td><td>");
        esc(b, f->counted);
        nf__buf_puts(b, "</td><td>");
        if (f->attribution)
            esc(b, f->attribution);
        else
            nf__buf_puts(b, "<span class=\"none\">&mdash;</span>");
        nf__buf_puts(b, "</td><td>");
        mention_links(b, f->mentions, f->nmentions);
        nf__buf_puts(b, "</td></tr>\n");
    }
    nf__buf_puts(b, "</table></section>\n");
}

static void put_sources(nf__buf *b, const nf_cluster *c, const nf_brief *br)
{
    nf__buf_puts(b, "<section id=\"sources\"><h2>Sources</h2><table class=\"grid\"><tr><th>doc"
                    "</th><th>outlet</th><th>words</th><th>sentences</th><th>shared</th><th>found "
                    "only here</th><th>near-duplicate of</th></tr>\n");
    for (size_t d = 0; d < br->nsources; d++) {
        const nf_source *s = &br->sources[d];
        nf__buf_printf(b, "<tr><td class=\"n\"><a href=\"#d%zu\">%zu</a></td><td>", d, d);
        esc(b, outlet(c, br, d));
        nf__buf_printf(b,
                       "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">"
                       "%zu</td><td>%zu figures, %zu quotes, %zu sentences</td><td>",
                       s->words, s->sentences, s->shared_sentences, s->nunique_figures,
                       s->nunique_quotes, s->nunique_sentences);
        for (size_t k = 0; k < s->nduplicates; k++)
            nf__buf_printf(b, "<span class=\"dup\">doc %zu</span> ", s->duplicates[k]);
        nf__buf_puts(b, "</td></tr>\n");
    }
    nf__buf_puts(b, "</table></section>\n");
}

static void put_timeline(nf__buf *b, const nf_brief *br)
{
    nf__buf_puts(b, "<section id=\"timeline\"><h2>Timeline</h2>\n");
    if (!br->nevents) {
        nf__buf_puts(b, "<p class=\"none\">No dated events.</p></section>\n");
        return;
    }
    nf__buf_puts(b, "<table class=\"grid\">\n");
    for (size_t i = 0; i < br->nevents; i++) {
        const nf_event *e = &br->events[i];
        nf__buf_puts(b, "<tr><td class=\"date\">");
        esc(b, e->date);
        if (e->resolution == NF_DATE_INFERRED)
            nf__buf_puts(b, " <span class=\"inferred\">(inferred)</span>");
        nf__buf_puts(b, "</td><td>");
        esc(b, e->text);
        nf__buf_puts(b, " ");
        mention_links(b, e->mentions, e->nmentions);
        nf__buf_puts(b, "</td></tr>\n");
    }
    nf__buf_puts(b, "</table></section>\n");
}

static void put_entities(nf__buf *b, const nf_brief *br)
{
    nf__buf_puts(b, "<section id=\"entities\"><h2>Who and where</h2><p>");
    if (!br->nentities)
        nf__buf_puts(b, "<span class=\"none\">No entity occurs in most documents.</span>");
    for (size_t i = 0; i < br->nentities; i++) {
        const nf_entity *e = &br->entities[i];
        nf__buf_puts(b, "<span class=\"chip\">");
        esc(b, e->name);
        nf__buf_printf(b, "<i>%s &middot; %zu docs</i></span>", nf_entity_kind_name(e->kind),
                       e->ndocs);
    }
    nf__buf_puts(b, "</p></section>\n");
}

/* ---- the documents, with anchors and marks ---- */

typedef struct span3 {
    size_t start, end;
    int kind; /* 0 summary sentence, 1 conflicting figure, 2 anchor only */
} span3;

static int cmp_span(const void *a, const void *b)
{
    const span3 *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->kind != y->kind) return x->kind > y->kind ? -1 : 1; /* anchors first, then outer */
    return (x->end > y->end) - (x->end < y->end);
}

static size_t add_span(span3 **v, size_t *n, size_t *cap, const nf_allocator *al, size_t s,
                       size_t e, int kind)
{
    if (*n == *cap) {
        void *p = *v;
        if (!nf__grow(al, &p, cap, *n + 1, sizeof **v)) return 0;
        *v = p;
    }
    (*v)[(*n)++] = (span3){s, e, kind};
    return 1;
}

static void put_doc_text(nf__buf *b, const nf_cluster *c, const nf_summary *s, const nf_brief *br,
                         size_t d)
{
    const nf__doc *doc = &c->docs[d];
    span3 *v = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    if (s)
        for (size_t i = 0; i < s->n; i++)
            if (s->items[i].doc == d)
                ok &= add_span(&v, &n, &cap, b->al, s->items[i].start,
                               s->items[i].start + s->items[i].len, 0) != 0;
    if (br) {
        for (size_t i = 0; i < br->nkeyfigures; i++)
            for (size_t m = 0; m < br->figures[i].nmentions; m++)
                if (br->figures[i].mentions[m].doc == d)
                    ok &= add_span(&v, &n, &cap, b->al, br->figures[i].mentions[m].start,
                                   br->figures[i].mentions[m].start, 2) != 0;
        for (size_t k = 0; k < br->nconflicts; k++)
            for (size_t x = 0; x < br->conflicts[k].nvalues; x++)
                for (size_t fi = 0; fi < br->conflicts[k].values[x].nfigures; fi++) {
                    const nf_figure *f = &br->figures[br->conflicts[k].values[x].figures[fi]];
                    for (size_t m = 0; m < f->nmentions; m++)
                        if (f->mentions[m].doc == d)
                            ok &= add_span(&v, &n, &cap, b->al, f->mentions[m].start,
                                           f->mentions[m].end, 1) != 0;
                }
        for (size_t q = 0; q < br->nquotes; q++)
            for (size_t m = 0; m < br->quotes[q].nmentions; m++)
                if (br->quotes[q].mentions[m].doc == d)
                    ok &= add_span(&v, &n, &cap, b->al, br->quotes[q].mentions[m].start,
                                   br->quotes[q].mentions[m].start, 2) != 0;
        for (size_t e = 0; e < br->nevents; e++)
            for (size_t m = 0; m < br->events[e].nmentions; m++)
                if (br->events[e].mentions[m].doc == d)
                    ok &= add_span(&v, &n, &cap, b->al, br->events[e].mentions[m].start,
                                   br->events[e].mentions[m].start, 2) != 0;
    }
    if (!ok) b->err = NF_ENOMEM;
    if (n) qsort(v, n, sizeof *v, cmp_span);
    /* summary sentences hold figures, never the other way round: at most two levels */
    size_t pos = 0, last_anchor = SIZE_MAX, stack_end[2];
    const char *stack_tag[2];
    int depth = 0;
    for (size_t i = 0; i <= n; i++) {
        size_t at = i < n ? v[i].start : doc->len;
        while (depth > 0 && stack_end[depth - 1] <= at) {
            size_t e = stack_end[depth - 1];
            nf__esc_html(b, doc->text + pos, e - pos);
            pos = e;
            nf__buf_puts(b, stack_tag[--depth]);
        }
        if (i == n) break;
        if (at < pos) continue; /* inside what was already written */
        nf__esc_html(b, doc->text + pos, at - pos);
        pos = at;
        if (at != last_anchor) {
            nf__buf_printf(b, "<span id=\"d%zu-%zu\"></span>", d, at);
            last_anchor = at;
        }
        if (v[i].kind == 2 || v[i].end <= v[i].start || depth == 2) continue;
        if (depth == 1 && (v[i].kind == 0 || stack_end[0] < v[i].end)) continue;
        nf__buf_puts(b, v[i].kind == 0 ? "<mark>" : "<span class=\"cf\">");
        stack_tag[depth] = v[i].kind == 0 ? "</mark>" : "</span>";
        stack_end[depth++] = v[i].end;
    }
    nf__esc_html(b, doc->text + pos, doc->len - pos);
    nf__free(b->al, v);
}

void nf__render_html_page(nf__buf *b, const nf_cluster *c, const nf_summary *s, const nf_brief *br)
{
    if (!br && s) {
        nf__render_html(b, c, s);
        return;
    }
    nf__buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    "<title>");
    nf__buf_puts(b, br ? "Story brief" : "newsfuse summary");
    if (c->id) {
        nf__buf_puts(b, ": ");
        esc(b, c->id);
    }
    nf__buf_puts(b, "</title><style>");
    nf__buf_puts(b, css);
    nf__buf_puts(b, "</style></head><body><main>\n<h1>");
    nf__buf_puts(b, br ? "Story brief" : "Summary");
    if (c->id) {
        nf__buf_puts(b, ": ");
        esc(b, c->id);
    }
    nf__buf_printf(b, "</h1>\n<p class=\"meta\">%zu documents", c->ndocs);
    if (br)
        nf__buf_printf(b,
                       " &middot; %zu figures &middot; %zu conflicts &middot; %zu quotes from "
                       "%zu speakers &middot; %zu near-duplicate pair%s",
                       br->nkeyfigures, br->nconflicts, br->nquotes, br->nspeakers, br->ndups,
                       br->ndups == 1 ? "" : "s");
    nf__buf_puts(b, "</p>\n<nav>");
    if (s) nf__buf_puts(b, "<a href=\"#summary\">Summary</a>");
    if (br)
        nf__buf_puts(b, "<a href=\"#conflicts\">Conflicts</a><a href=\"#quotes\">Quotes</a>"
                        "<a href=\"#sources\">Sources</a><a href=\"#timeline\">Timeline</a>"
                        "<a href=\"#figures\">Figures</a><a href=\"#entities\">Entities</a>");
    nf__buf_puts(b, "<a href=\"#documents\">Documents</a></nav>\n");
    if (s) put_summary(b, s);
    if (br) {
        put_conflicts(b, br);
        put_quotes(b, br);
        put_sources(b, c, br);
        put_timeline(b, br);
        put_figures(b, "figures", "Figures", br->figures, br->nkeyfigures);
        put_entities(b, br);
    }
    nf__buf_puts(b, "<section id=\"documents\"><h2>Documents</h2>\n");
    for (size_t d = 0; d < c->ndocs; d++) {
        nf__buf_printf(b, "<section class=\"doc\" id=\"d%zu\"><h3>Document %zu", d, d);
        const char *name = outlet(c, br, d);
        if (name) {
            nf__buf_puts(b, ": ");
            esc(b, name);
        }
        nf__buf_puts(b, "</h3><div class=\"text\">");
        put_doc_text(b, c, s, br, d);
        nf__buf_puts(b, "</div></section>\n");
    }
    nf__buf_puts(b, "</section></main></body></html>\n");
}
