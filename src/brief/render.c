/* render.c - the brief as text, Markdown and JSON (docs/json.md, "Story brief"), and the
 * nf_brief_render dispatch (the HTML page is src/render/html.c). With a summary, text and
 * Markdown print it first as nf_render does, and JSON adds a "brief" member to the summary
 * object, so both outputs stay byte-identical to plain `summarize` up to the brief. */
#include "brief.h"
#include "render/escape.h"

#include <math.h>
#include <string.h>

#define NF__RENDER_MAX ((size_t)1 << 31)
#define TEXT_EVENTS    40 /* timeline lines in text/Markdown; JSON and the API have all */

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
    text_figures(o, "Figures", b->figures, b->nfigures, md);
    text_quotes(o, b, md);
    text_sources(o, c, b, md);
    text_timeline(o, b, md);
    text_entities(o, b, md);
}

/* ---- JSON ---- */

/* Appends without a function call per piece: the buffer is reserved up front (json_estimate)
 * and nf__buf_put is the fallback when it is not. Literal strings only for AP. */
static inline void ap(nf__buf *o, const char *s, size_t n)
{
    if (o->p && o->len + n < o->cap) {
        memcpy(o->p + o->len, s, n);
        o->len += n;
        o->p[o->len] = '\0';
    } else {
        nf__buf_put(o, s, n);
    }
}
#define AP(o, lit) ap((o), (lit), sizeof(lit) - 1)
static inline void APC(nf__buf *o, char c) { ap(o, &c, 1); }

static void put_uz(nf__buf *o, size_t v);

static void jnum(nf__buf *o, double v)
{
    if (v == floor(v) && v >= 0 && v < 1e15)
        put_uz(o, (size_t)v);
    else
        nf__buf_printf(o, "%.10g", v);
}

/* Integers without printf: the brief's JSON is mostly offsets, and vsnprintf per number cost
 * as much as building the brief. */
static void put_uz(nf__buf *o, size_t v)
{
    char d[24];
    int n = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    char r[24];
    for (int i = 0; i < n; i++) r[i] = d[n - 1 - i];
    ap(o, r, (size_t)n);
}

static void jmentions(nf__buf *o, const nf_mention *m, size_t n)
{
    AP(o, "\"docs\":[");
    size_t last = SIZE_MAX, k = 0;
    for (size_t i = 0; i < n; i++) {
        if (m[i].doc == last) continue;
        if (k++) APC(o, ',');
        put_uz(o, m[i].doc);
        last = m[i].doc;
    }
    /* [doc, start, end] triples: the brief's JSON is mostly offsets */
    AP(o, "],\"mentions\":[");
    for (size_t i = 0; i < n; i++) {
        nf__buf_puts(o, i ? ",[" : "[");
        put_uz(o, m[i].doc);
        APC(o, ',');
        put_uz(o, m[i].start);
        APC(o, ',');
        put_uz(o, m[i].end);
        APC(o, ']');
    }
    APC(o, ']');
}

static void jidx(nf__buf *o, const char *name, const size_t *v, size_t n)
{
    APC(o, '"');
    nf__buf_puts(o, name);
    AP(o, "\":[");
    for (size_t i = 0; i < n; i++) {
        if (i) APC(o, ',');
        put_uz(o, v[i]);
    }
    APC(o, ']');
}

/* An upper estimate of the JSON of n figures. */
static size_t figures_estimate(const nf_figure *f, size_t n)
{
    size_t e = 0;
    for (size_t i = 0; i < n; i++)
        e += 200 + strlen(f[i].text) + strlen(f[i].counted) * 2 + f[i].nmentions * 24;
    return e;
}

/* An upper estimate of the JSON size, reserved at once so the buffer does not regrow. */
static size_t json_estimate(const nf_brief *b)
{
    size_t n = 256 + figures_estimate(b->figures, b->nfigures);
    for (size_t i = 0; i < b->nquotes; i++)
        n += 120 + strlen(b->quotes[i].text) + b->quotes[i].nmentions * 24;
    for (size_t i = 0; i < b->nevents; i++)
        n += 160 + strlen(b->events[i].text) + b->events[i].nmentions * 24;
    return n + b->nconflicts * 400 + b->nsources * 200 + b->nspeakers * 120 + b->nentities * 80;
}

/* "value":..,"value_max":.. (null unless a range) */
static void jvalue(nf__buf *o, double v, double vmax, int is_range)
{
    jnum(o, v);
    AP(o, ",\"value_max\":");
    if (is_range)
        jnum(o, vmax);
    else
        AP(o, "null");
}

/* "name":[figure, ...]: the member every list of figures is written as. */
static void json_figures(nf__buf *o, const char *name, const nf_figure *figs, size_t n)
{
    APC(o, '"');
    nf__buf_puts(o, name);
    AP(o, "\":[");
    for (size_t i = 0; i < n; i++) {
        const nf_figure *f = &figs[i];
        nf__buf_puts(o, i ? ",{\"value\":" : "{\"value\":");
        jvalue(o, f->value, f->value_max, f->is_range);
        AP(o, ",\"qualifier\":\"");
        nf__buf_puts(o, nf_qualifier_name(f->qualifier));
        AP(o, "\",\"unit\":");
        nf__json_str(o, f->unit);
        AP(o, ",\"counted\":");
        nf__json_str(o, f->counted);
        AP(o, ",\"quantity\":");
        nf__json_str(o, f->quantity);
        AP(o, ",\"attribution\":");
        nf__json_str(o, f->attribution);
        AP(o, ",\"text\":");
        nf__json_str(o, f->text);
        APC(o, ',');
        jmentions(o, f->mentions, f->nmentions);
        APC(o, '}');
    }
    APC(o, ']');
}

static void json_conflicts(nf__buf *o, const nf_brief *b)
{
    AP(o, "\"conflicts\":[");
    for (size_t i = 0; i < b->nconflicts; i++) {
        const nf_conflict *k = &b->conflicts[i];
        nf__buf_puts(o, i ? ",{\"quantity\":" : "{\"quantity\":");
        nf__json_str(o, k->quantity);
        nf__buf_printf(o, ",\"kind\":\"%s\",\"confidence\":%.2f,\"values\":[",
                       k->kind == NF_CONFLICT_UPDATE ? "update" : "disagreement", k->confidence);
        for (size_t v = 0; v < k->nvalues; v++) {
            const nf_conflict_value *x = &k->values[v];
            nf__buf_puts(o, v ? ",{\"value\":" : "{\"value\":");
            jvalue(o, x->value, x->value_max, x->is_range);
            nf__buf_printf(o, ",\"qualifier\":\"%s\",\"attributions\":[",
                           nf_qualifier_name(x->qualifier));
            for (size_t a = 0; a < x->nattributions; a++) {
                if (a) APC(o, ',');
                nf__json_str(o, x->attributions[a]);
            }
            AP(o, "],");
            jidx(o, "docs", x->docs, x->ndocs);
            APC(o, ',');
            jidx(o, "figures", x->figures, x->nfigures);
            APC(o, '}');
        }
        AP(o, "]}");
    }
    APC(o, ']');
}

static void json_quotes(nf__buf *o, const nf_brief *b)
{
    AP(o, "\"quotes\":[");
    for (size_t i = 0; i < b->nquotes; i++) {
        const nf_quote *q = &b->quotes[i];
        nf__buf_puts(o, i ? ",{\"text\":" : "{\"text\":");
        nf__json_str(o, q->text);
        AP(o, ",\"speaker\":");
        nf__json_str(o, q->speaker);
        AP(o, ",\"role\":");
        nf__json_str(o, q->role);
        nf__buf_puts(o, q->partial ? ",\"partial\":true" : ",\"partial\":false");
        nf__buf_puts(o, q->closed ? ",\"closed\":true,\"occurrences\":"
                                  : ",\"closed\":false,\"occurrences\":");
        put_uz(o, q->noccurrences);
        APC(o, ',');
        jmentions(o, q->mentions, q->nmentions);
        APC(o, '}');
    }
    APC(o, ']');
}

static void json_speakers(nf__buf *o, const nf_brief *b)
{
    AP(o, "\"speakers\":[");
    for (size_t i = 0; i < b->nspeakers; i++) {
        const nf_speaker *s = &b->speakers[i];
        nf__buf_puts(o, i ? ",{\"name\":" : "{\"name\":");
        nf__json_str(o, s->name);
        AP(o, ",\"role\":");
        nf__json_str(o, s->role);
        nf__buf_printf(o, ",\"person\":%s,", s->is_person ? "true" : "false");
        jidx(o, "quotes", s->quotes, s->nquotes);
        APC(o, '}');
    }
    APC(o, ']');
}

static void json_sources(nf__buf *o, const nf_brief *b)
{
    AP(o, "\"sources\":[");
    for (size_t i = 0; i < b->nsources; i++) {
        const nf_source *s = &b->sources[i];
        nf__buf_printf(o, "%s{\"doc\":%zu,\"outlet\":", i ? "," : "", s->doc);
        nf__json_str(o, s->outlet);
        AP(o, ",\"outlet_from\":");
        nf__json_str(o, s->outlet_from);
        nf__buf_printf(o,
                       ",\"bytes\":%zu,\"words\":%zu,\"sentences\":%zu,\"shared_sentences\":%zu,",
                       s->bytes, s->words, s->sentences, s->shared_sentences);
        jidx(o, "unique_figures", s->unique_figures, s->nunique_figures);
        APC(o, ',');
        jidx(o, "unique_quotes", s->unique_quotes, s->nunique_quotes);
        APC(o, ',');
        /* only the count: the list names most of the document's sentences (the API has it) */
        AP(o, "\"unique_sentences\":");
        put_uz(o, s->nunique_sentences);
        APC(o, ',');
        jidx(o, "near_duplicates", s->duplicates, s->nduplicates);
        APC(o, '}');
    }
    APC(o, ']');
}

static void json_near_duplicates(nf__buf *o, const nf_brief *b)
{
    AP(o, "\"near_duplicates\":[");
    for (size_t i = 0; i < b->ndups; i++)
        nf__buf_printf(o, "%s{\"a\":%zu,\"b\":%zu,\"containment\":%.3f}", i ? "," : "", b->dup_a[i],
                       b->dup_b[i], b->dup_sim[i]);
    APC(o, ']');
}

static void json_timeline(nf__buf *o, const nf_brief *b)
{
    static const char *const res[] = {"absolute", "document", "inferred", "unresolved"};
    AP(o, "\"timeline\":[");
    for (size_t i = 0; i < b->nevents; i++) {
        const nf_event *e = &b->events[i];
        nf__buf_puts(o, i ? ",{\"date\":" : "{\"date\":");
        nf__json_str(o, e->date);
        AP(o, ",\"year\":");
        put_uz(o, (size_t)(e->year > 0 ? e->year : 0));
        AP(o, ",\"month\":");
        put_uz(o, (size_t)(e->month > 0 ? e->month : 0));
        AP(o, ",\"day\":");
        put_uz(o, (size_t)(e->day > 0 ? e->day : 0));
        AP(o, ",\"resolution\":\"");
        nf__buf_puts(o, res[e->resolution & 3]);
        AP(o, "\",\"expression\":");
        nf__json_str(o, e->expression);
        AP(o, ",\"text\":");
        nf__json_str(o, e->text);
        APC(o, ',');
        jmentions(o, e->mentions, e->nmentions);
        APC(o, '}');
    }
    APC(o, ']');
}

static void json_entities(nf__buf *o, const nf_brief *b)
{
    AP(o, "\"entities\":[");
    for (size_t i = 0; i < b->nentities; i++) {
        const nf_entity *e = &b->entities[i];
        nf__buf_puts(o, i ? ",{\"name\":" : "{\"name\":");
        nf__json_str(o, e->name);
        nf__buf_printf(o, ",\"kind\":\"%s\",\"docs\":%zu,\"mentions\":%zu}",
                       nf_entity_kind_name(e->kind), e->ndocs, e->nmentions);
    }
    APC(o, ']');
}

/* The brief object: one member per list, in this order (docs/json.md). Another list of figures
 * is one more json_figures member. */
void nf__brief_json(nf__buf *o, const nf_cluster *c, const nf_brief *b)
{
    (void)c;
    nf__buf_reserve(o, json_estimate(b));
    APC(o, '{');
    json_figures(o, "figures", b->figures, b->nfigures);
    APC(o, ',');
    json_conflicts(o, b);
    APC(o, ',');
    json_quotes(o, b);
    APC(o, ',');
    json_speakers(o, b);
    APC(o, ',');
    json_sources(o, b);
    APC(o, ',');
    json_near_duplicates(o, b);
    APC(o, ',');
    json_timeline(o, b);
    APC(o, ',');
    json_entities(o, b);
    APC(o, '}');
}

nf_status nf_brief_render(const nf_cluster *c, const nf_brief *b, const nf_summary *s, nf_format f,
                          char **out, size_t *out_len, nf_error *err)
{
    if (!c || !b || !out) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    *out = NULL;
    if (f != NF_FORMAT_TEXT && f != NF_FORMAT_JSON && f != NF_FORMAT_MARKDOWN &&
        f != NF_FORMAT_HTML)
        return nf__fail(err, NF_EINVAL, -1, -1, -1, "the brief has no such output format");
    nf__buf o;
    nf__buf_init(&o, c->al, NF__RENDER_MAX);
    char *sum = NULL;
    size_t sn = 0;
    if (s && f != NF_FORMAT_HTML) {
        nf_status st = nf_render(c, s, NULL, f, &sum, &sn, err);
        if (st != NF_OK) return st;
    }
    if (f == NF_FORMAT_HTML) {
        nf__render_html_page(&o, c, s, b);
    } else if (f == NF_FORMAT_JSON) {
        if (sum) {
            /* the summary object, its closing brace replaced by the brief member */
            size_t e = sn;
            while (e > 0 && (sum[e - 1] == '\n' || sum[e - 1] == ' ')) e--;
            if (e > 0 && sum[e - 1] == '}') e--;
            nf__buf_put(&o, sum, e);
            nf__buf_puts(&o, ",\"brief\":");
        } else {
            nf__buf_puts(&o, "{\"version\":\"" NF_VERSION_STRING "\",\"schema\":1,\"id\":");
            nf__json_str(&o, c->id);
            nf__buf_puts(&o, ",\"brief\":");
        }
        nf__brief_json(&o, c, b);
        nf__buf_puts(&o, "}\n");
    } else {
        if (sum) {
            nf__buf_put(&o, sum, sn);
            nf__buf_putc(&o, '\n');
        }
        nf__brief_text(&o, c, b, f == NF_FORMAT_MARKDOWN);
    }
    nf_string_free(c, sum);
    if (o.err) {
        nf_status st = o.err;
        nf__buf_free(&o);
        return nf__fail(err, st, -1, -1, -1, "render: %s", nf_strerror(st));
    }
    char *p = nf__buf_take(&o, out_len);
    if (!p) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    *out = p;
    return NF_OK;
}
