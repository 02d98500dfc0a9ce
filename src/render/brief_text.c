/* brief_text.c - the story brief as text and Markdown, and the number formatting every format of
 * the brief shares. */
#include "render/brief_render.h"

#include <math.h>
#include <string.h>

#define TEXT_EVENTS 40 /* timeline lines in text/Markdown; JSON and the API have all */

static void put_num(nf__buf *o, double v)
{
    if (v == floor(v) && fabs(v) < 1e15) {
        /* thousands separators for readability */
        char d[32];
        long long x = (long long)fabs(v);
        int n = 0;
        do {
            d[n++] = (char)('0' + x % 10);
            x /= 10;
        } while (x && n < 30);
        if (v < 0) nf__buf_putc(o, '-');
        for (int i = n - 1; i >= 0; i--) {
            nf__buf_putc(o, d[i]);
            if (i && i % 3 == 0) nf__buf_putc(o, ',');
        }
    } else {
        nf__buf_printf(o, "%.4g", v);
    }
}

static void put_scaled(nf__buf *o, double v)
{
    if (v >= 1e9 && fmod(v, 1e7) == 0) {
        nf__buf_printf(o, "%.4g billion", v / 1e9);
    } else if (v >= 1e6 && fmod(v, 1e4) == 0) {
        nf__buf_printf(o, "%.4g million", v / 1e6);
    } else {
        put_num(o, v);
    }
}

void nf__brief_put_value(nf__buf *o, double v, const char *unit)
{
    static const char *const sym[][2] = {
        {"USD", "$"}, {"EUR", "\xE2\x82\xAC"}, {"GBP", "\xC2\xA3"}, {"JPY", "\xC2\xA5"}};
    if (unit)
        for (size_t i = 0; i < NF__ARRAY_LEN(sym); i++)
            if (!strcmp(unit, sym[i][0])) {
                nf__buf_puts(o, sym[i][1]);
                put_scaled(o, v);
                return;
            }
    put_scaled(o, v);
    if (!unit) return;
    if (!strcmp(unit, "percent"))
        nf__buf_putc(o, '%');
    else if (!strcmp(unit, "XXX"))
        nf__buf_puts(o, " (currency)");
    else
        nf__buf_printf(o, " %s", unit);
}

static void put_range(nf__buf *o, double v, double vmax, int is_range, nf_qualifier q,
                      const char *unit)
{
    if (q != NF_QUAL_EXACT) nf__buf_printf(o, "%s ", nf_qualifier_name(q));
    if (is_range) {
        put_scaled(o, v);
        nf__buf_puts(o, "-");
    }
    nf__brief_put_value(o, is_range ? vmax : v, unit);
}

void nf__brief_put_figure(nf__buf *o, const nf_figure *f)
{
    put_range(o, f->value, f->value_max, f->is_range, f->qualifier, f->unit);
}

static void put_docs(nf__buf *o, const nf_mention *m, size_t n)
{
    size_t last = SIZE_MAX;
    nf__buf_puts(o, "[doc");
    size_t count = 0;
    for (size_t i = 0; i < n; i++) count += i == 0 || m[i].doc != m[i - 1].doc;
    if (count > 1) nf__buf_putc(o, 's');
    for (size_t i = 0; i < n; i++) {
        if (m[i].doc == last) continue;
        nf__buf_printf(o, " %zu", m[i].doc);
        last = m[i].doc;
    }
    nf__buf_putc(o, ']');
}

static void put_str(nf__buf *o, const char *s, int md)
{
    if (md)
        nf__esc_md(o, s, strlen(s));
    else
        nf__buf_puts(o, s);
}

static const char *heading(int md) { return md ? "### " : ""; }
static const char *item(int md) { return md ? "- " : "  "; }

static void text_conflict(nf__buf *o, const nf_brief *b, const nf_conflict *k, int md)
{
    nf__buf_puts(o, item(md));
    put_str(o, k->quantity, md);
    nf__buf_printf(o, ": %s (match %.2f)\n",
                   k->kind == NF_CONFLICT_UPDATE ? "update" : "disagreement", k->confidence);
    for (size_t v = 0; v < k->nvalues; v++) {
        const nf_conflict_value *x = &k->values[v];
        nf__buf_puts(o, md ? "    - " : "      ");
        if (k->kind == NF_CONFLICT_UPDATE && v) nf__buf_puts(o, "then ");
        put_range(o, x->value, x->value_max, x->is_range, x->qualifier,
                  b->figures[x->figures[0]].unit);
        nf__buf_puts(o, ": ");
        if (!x->nattributions) nf__buf_puts(o, "no source given");
        for (size_t a = 0; a < x->nattributions; a++) {
            if (a) nf__buf_puts(o, "; ");
            put_str(o, x->attributions[a], md);
        }
        nf__buf_printf(o, " [doc%s", x->ndocs > 1 ? "s" : "");
        for (size_t d = 0; d < x->ndocs; d++) nf__buf_printf(o, " %zu", x->docs[d]);
        nf__buf_puts(o, "]\n");
    }
}

static void text_conflicts(nf__buf *o, const nf_brief *b, int md)
{
    nf__buf_printf(o, "%sConflicts (%zu)\n", heading(md), b->nconflicts);
    if (md && b->nconflicts) nf__buf_putc(o, '\n');
    for (size_t i = 0; i < b->nconflicts; i++) text_conflict(o, b, &b->conflicts[i], md);
}

/* A list of figures under its heading ("Figures"). */
static void text_figures(nf__buf *o, const char *title, const nf_figure *figs, size_t n, int md)
{
    nf__buf_printf(o, "\n%s%s (%zu)\n", heading(md), title, n);
    if (md && n) nf__buf_putc(o, '\n');
    for (size_t i = 0; i < n; i++) {
        const nf_figure *f = &figs[i];
        nf__buf_puts(o, item(md));
        nf__brief_put_figure(o, f);
        if (f->counted[0]) {
            nf__buf_puts(o, " ");
            put_str(o, f->counted, md);
        }
        if (f->attribution) {
            nf__buf_puts(o, " -- ");
            put_str(o, f->attribution, md);
        }
        nf__buf_puts(o, " ");
        put_docs(o, f->mentions, f->nmentions);
        nf__buf_putc(o, '\n');
    }
}

/* The quotes of speaker i (sp; NULL for the quotes without a named speaker) under its name. */
static void text_speaker_quotes(nf__buf *o, const nf_brief *b, size_t i, const nf_speaker *sp,
                                int md)
{
    bool any = false;
    for (size_t q = 0; q < b->nquotes; q++) {
        const nf_quote *qt = &b->quotes[q];
        if (sp ? qt->speaker_index != i : qt->speaker_index != SIZE_MAX) continue;
        if (!any) {
            nf__buf_puts(o, md ? "\n**" : "\n  ");
            if (sp) {
                put_str(o, sp->name, md);
                if (sp->role) {
                    nf__buf_puts(o, " (");
                    put_str(o, sp->role, md);
                    nf__buf_putc(o, ')');
                }
            } else {
                nf__buf_puts(o, "Speaker not named");
            }
            nf__buf_puts(o, md ? "**\n\n" : "\n");
            any = true;
        }
        nf__buf_puts(o, md ? "- \"" : "    \"");
        put_str(o, qt->text, md);
        nf__buf_puts(o, "\" ");
        if (!sp && qt->role) {
            nf__buf_puts(o, "(");
            put_str(o, qt->role, md);
            nf__buf_puts(o, ") ");
        }
        put_docs(o, qt->mentions, qt->nmentions);
        nf__buf_putc(o, '\n');
    }
}

static void text_quotes(nf__buf *o, const nf_brief *b, int md)
{
    nf__buf_printf(o, "\n%sQuotes by speaker (%zu quotes, %zu speakers)\n", heading(md), b->nquotes,
                   b->nspeakers);
    for (size_t i = 0; i <= b->nspeakers; i++)
        text_speaker_quotes(o, b, i, i < b->nspeakers ? &b->speakers[i] : NULL, md);
}

static void text_sources(nf__buf *o, const nf_cluster *c, const nf_brief *b, int md)
{
    nf__buf_printf(o, "\n%sSources\n", heading(md));
    if (md)
        nf__buf_puts(
            o, "\n| doc | outlet | words | sentences | shared | only here | near-duplicate of |\n"
               "|---|---|---|---|---|---|---|\n");
    for (size_t d = 0; d < b->nsources; d++) {
        const nf_source *s = &b->sources[d];
        const char *name = s->outlet ? s->outlet : c->docs[d].meta.id ? c->docs[d].meta.id : "?";
        if (md) {
            nf__buf_printf(o, "| %zu | ", d);
            put_str(o, name, md);
            nf__buf_printf(o, " | %zu | %zu | %zu | %zu figures, %zu quotes, %zu sentences | ",
                           s->words, s->sentences, s->shared_sentences, s->nunique_figures,
                           s->nunique_quotes, s->nunique_sentences);
        } else {
            nf__buf_printf(o,
                           "  doc %zu: %s, %zu words, %zu sentences (%zu shared); only here: "
                           "%zu figures, %zu quotes, %zu sentences",
                           d, name, s->words, s->sentences, s->shared_sentences, s->nunique_figures,
                           s->nunique_quotes, s->nunique_sentences);
            if (s->nduplicates) nf__buf_puts(o, "; near-duplicate of");
        }
        for (size_t k = 0; k < s->nduplicates; k++) nf__buf_printf(o, " %zu", s->duplicates[k]);
        nf__buf_puts(o, md ? " |\n" : "\n");
    }
}

static void text_timeline(nf__buf *o, const nf_brief *b, int md)
{
    nf__buf_printf(o, "\n%sTimeline\n", heading(md));
    if (md && b->nevents) nf__buf_putc(o, '\n');
    for (size_t i = 0; i < b->nevents && i < TEXT_EVENTS; i++) {
        const nf_event *e = &b->events[i];
        nf__buf_puts(o, item(md));
        nf__buf_printf(o, "%s%s: ", e->date,
                       e->resolution == NF_DATE_INFERRED ? " (inferred)" : "");
        put_str(o, e->text, md);
        nf__buf_puts(o, " ");
        put_docs(o, e->mentions, e->nmentions);
        nf__buf_putc(o, '\n');
    }
    if (b->nevents > TEXT_EVENTS)
        nf__buf_printf(o, "%s... %zu more in the JSON output\n", item(md),
                       b->nevents - TEXT_EVENTS);
}

static void text_entities(nf__buf *o, const nf_brief *b, int md)
{
    nf__buf_printf(o, "\n%sEntities\n", heading(md));
    if (md && b->nentities) nf__buf_putc(o, '\n');
    for (size_t i = 0; i < b->nentities; i++) {
        const nf_entity *e = &b->entities[i];
        nf__buf_puts(o, item(md));
        put_str(o, e->name, md);
        nf__buf_printf(o, " (%s, %zu documents, %zu mentions)\n", nf_entity_kind_name(e->kind),
                       e->ndocs, e->nmentions);
    }
}

void nf__brief_text(nf__buf *o, const nf_cluster *c, const nf_brief *b, int md)
{
    nf__buf_printf(o, "%sStory brief%s(%zu documents)\n\n", md ? "## " : "== ", md ? " " : " ",
                   b->ndocs);
    text_conflicts(o, b, md);
    text_figures(o, "Figures", b->figures, b->nkeyfigures, md);
    text_quotes(o, b, md);
    text_sources(o, c, b, md);
    text_timeline(o, b, md);
    text_entities(o, b, md);
}
