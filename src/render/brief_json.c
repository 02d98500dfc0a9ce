/* brief_json.c - the story brief as JSON (docs/json.md, "Story brief"): one member per list,
 * written by one function each; a list of figures is one json_figures call. */
#include "render/brief_render.h"

#include <math.h>
#include <string.h>

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
    char d[24], *f = nf__utoa_back(d + sizeof d, v);
    ap(o, f, (size_t)(d + sizeof d - f));
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
        if (i) APC(o, ',');
        AP(o, "[");
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
        if (i) APC(o, ',');
        AP(o, "{\"value\":");
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
        if (i) APC(o, ',');
        AP(o, "{\"quantity\":");
        nf__json_str(o, k->quantity);
        nf__buf_printf(o, ",\"kind\":\"%s\",\"confidence\":%.2f,\"values\":[",
                       k->kind == NF_CONFLICT_UPDATE ? "update" : "disagreement", k->confidence);
        for (size_t v = 0; v < k->nvalues; v++) {
            const nf_conflict_value *x = &k->values[v];
            if (v) APC(o, ',');
            AP(o, "{\"value\":");
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
        if (i) APC(o, ',');
        AP(o, "{\"text\":");
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
        if (i) APC(o, ',');
        AP(o, "{\"name\":");
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
        if (i) APC(o, ',');
        AP(o, "{\"date\":");
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
        if (i) APC(o, ',');
        AP(o, "{\"name\":");
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
    json_figures(o, "figures", b->figures, b->nkeyfigures);
    APC(o, ',');
    json_figures(o, "other_figures", b->figures + b->nkeyfigures, b->nfigures - b->nkeyfigures);
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
