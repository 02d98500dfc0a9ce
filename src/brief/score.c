/* score.c - precision, recall and F1 of a brief against a hand-written gold brief.
 *
 * Gold format: tests/fixtures/README.md. Figures are compared as sets of (value, value_max,
 * document) triples, so one gold entry stated in four documents weighs four. Conflicts match when
 * their sets of values are equal. A quote matches a gold quote when both name the same speaker
 * (case, "the" and punctuation ignored; a surname matches the full name; a gold quote without a
 * speaker wants one left unnamed), they share a document,
 * and their words overlap with a Dice coefficient of at least 0.6; matching is one-to-one, best
 * overlap first. */
#include "brief.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#define DICE_MIN 0.6

static bool same_value(double a, double b) { return fabs(a - b) <= 1e-9 * (fabs(a) + fabs(b) + 1); }

static void prf(nf_prf *p, size_t sys, size_t gold, size_t matched_sys, size_t matched_gold)
{
    p->system = sys;
    p->gold = gold;
    p->matched = matched_gold;
    p->p = sys ? (double)matched_sys / (double)sys : 1.0;
    p->r = gold ? (double)matched_gold / (double)gold : 1.0;
    p->f = p->p + p->r > 0 ? 2 * p->p * p->r / (p->p + p->r) : 0;
}

typedef struct trip {
    double v, vmax;
    size_t doc;
    const char *attr; /* figures: attribution (gold: may be NULL) */
} trip;

static size_t add_trip(trip *t, size_t n, double v, double vmax, size_t doc, const char *attr)
{
    for (size_t i = 0; i < n; i++)
        if (same_value(t[i].v, v) && same_value(t[i].vmax, vmax) && t[i].doc == doc) return n;
    t[n] = (trip){v, vmax, doc, attr};
    return n + 1;
}

/* lowercase words of s into a buffer of NUL-separated words; returns the count */
static size_t words(const char *s, char *buf, size_t cap, const char **w, size_t maxw)
{
    size_t n = 0, k = 0;
    bool in = false;
    for (; *s && k + 2 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (nf__isalnum(c) || c >= 0x80) {
            if (!in && n < maxw) w[n++] = buf + k;
            in = true;
            buf[k++] = (char)nf__tolower(c);
        } else if (c == '\'') {
            continue;
        } else if (in) {
            buf[k++] = '\0';
            in = false;
        }
    }
    buf[k] = '\0';
    return n;
}

static double dice(const char *a, const char *b)
{
    static const size_t MW = 256;
    char ba[4096], bb[4096];
    const char *wa[256], *wb[256];
    size_t na = words(a, ba, sizeof ba, wa, MW), nb = words(b, bb, sizeof bb, wb, MW);
    if (!na || !nb) return 0;
    bool used[256] = {false};
    size_t common = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (!used[j] && strcmp(wa[i], wb[j]) == 0) {
                used[j] = true;
                common++;
                break;
            }
    return 2.0 * (double)common / (double)(na + nb);
}

static void norm_name(const char *s, char *out, size_t cap)
{
    size_t k = 0;
    if (!s) s = "";
    if (!strncmp(s, "the ", 4) || !strncmp(s, "The ", 4)) s += 4;
    for (; *s && k + 1 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (nf__isalnum(c) || c >= 0x80 || c == ' ') out[k++] = (char)nf__tolower(c);
    }
    out[k] = '\0';
}

static bool same_name(const char *a, const char *b)
{
    if (!a || !b) return false;
    char x[256], y[256];
    norm_name(a, x, sizeof x);
    norm_name(b, y, sizeof y);
    if (!x[0] || !y[0]) return false;
    if (!strcmp(x, y)) return true;
    /* a surname or a shorter form: whole trailing words */
    size_t lx = strlen(x), ly = strlen(y);
    if (lx > ly && x[lx - ly - 1] == ' ' && !strcmp(x + lx - ly, y)) return true;
    if (ly > lx && y[ly - lx - 1] == ' ' && !strcmp(y + ly - lx, x)) return true;
    return false;
}

static bool docs_meet(json_t *gdocs, const nf_mention *m, size_t n)
{
    size_t i;
    json_t *d;
    json_array_foreach(gdocs, i, d)
    {
        for (size_t k = 0; k < n; k++)
            if ((json_int_t)m[k].doc == json_integer_value(d)) return true;
    }
    return false;
}

/* Whether a system figure with gold triple g's value in g's document carries the attribution of
 * a gold figure of that value. */
static bool attribution_ok(const nf_brief *b, json_t *gf, const trip *g)
{
    size_t j;
    json_t *ge;
    json_array_foreach(gf, j, ge)
    {
        if (!same_value(json_number_value(json_object_get(ge, "value")), g->v)) continue;
        const char *ga = json_string_value(json_object_get(ge, "attribution"));
        for (size_t k = 0; k < b->nkeyfigures; k++) {
            const nf_figure *f = &b->figures[k];
            if (!same_value(f->value, g->v)) continue;
            bool in = false;
            for (size_t m = 0; m < f->nmentions; m++) in |= f->mentions[m].doc == g->doc;
            if (in && ((!ga && !f->attribution) || same_name(ga, f->attribution) ||
                       (ga && f->attribution &&
                        (strstr(ga, f->attribution) || strstr(f->attribution, ga)))))
                return true;
        }
    }
    return false;
}

/* Figures as (value, value_max, document) triples; the attribution accuracy over the matches. */
static nf_status score_figures(const nf_brief *b, json_t *gf, nf_allocator *al, nf_brief_score *out)
{
    size_t ng = 0, ns = 0, cap_g = 0, cap_s = 0;
    size_t i;
    json_t *e;
    json_array_foreach(gf, i, e) cap_g += json_array_size(json_object_get(e, "docs"));
    for (size_t k = 0; k < b->nkeyfigures; k++) cap_s += b->figures[k].nmentions;
    trip *G = nf__calloc(al, cap_g + 1, sizeof *G), *S = nf__calloc(al, cap_s + 1, sizeof *S);
    if (!G || !S) {
        nf__free(al, G);
        nf__free(al, S);
        return NF_ENOMEM;
    }
    json_array_foreach(gf, i, e)
    {
        double v = json_number_value(json_object_get(e, "value"));
        json_t *mx = json_object_get(e, "value_max");
        double vm = json_is_number(mx) ? json_number_value(mx) : v;
        json_t *at = json_object_get(e, "attribution");
        size_t j;
        json_t *d;
        json_array_foreach(json_object_get(e, "docs"), j, d) ng =
            add_trip(G, ng, v, vm, (size_t)json_integer_value(d), json_string_value(at));
    }
    for (size_t k = 0; k < b->nkeyfigures; k++) {
        const nf_figure *f = &b->figures[k];
        for (size_t m = 0; m < f->nmentions; m++)
            ns = add_trip(S, ns, f->value, f->is_range ? f->value_max : f->value,
                          f->mentions[m].doc, f->attribution);
    }
    size_t hit = 0, attr_ok = 0;
    for (size_t a = 0; a < ng; a++)
        for (size_t s = 0; s < ns; s++)
            if (same_value(G[a].v, S[s].v) && same_value(G[a].vmax, S[s].vmax) &&
                G[a].doc == S[s].doc) {
                hit++;
                attr_ok += attribution_ok(b, gf, &G[a]);
                break;
            }
    prf(&out->figures, ns, ng, hit, hit);
    out->attribution_accuracy = hit ? (double)attr_ok / (double)hit : 1.0;
    nf__free(al, G);
    nf__free(al, S);
    return NF_OK;
}

/* Whether the conflict's values and the gold values are the same set. */
static bool same_values(const nf_conflict *c, json_t *vals)
{
    bool eq = true;
    size_t j;
    json_t *v;
    /* every gold value among the conflict's, and the other way round */
    json_array_foreach(vals, j, v)
    {
        bool in = false;
        for (size_t x = 0; x < c->nvalues; x++)
            in |= same_value(c->values[x].value, json_number_value(v));
        eq = eq && in;
    }
    for (size_t x = 0; x < c->nvalues && eq; x++) {
        bool in = false;
        json_array_foreach(vals, j, v) in |= same_value(c->values[x].value, json_number_value(v));
        eq = in;
    }
    return eq;
}

static void score_conflicts(const nf_brief *b, json_t *gc, nf_brief_score *out)
{
    size_t gcount = json_array_size(gc), matched = 0, i;
    bool used[256] = {false};
    json_t *e;
    json_array_foreach(gc, i, e)
    {
        json_t *vals = json_object_get(e, "values");
        for (size_t k = 0; k < b->nconflicts && k < 256; k++) {
            if (used[k] || !same_values(&b->conflicts[k], vals)) continue;
            used[k] = true;
            matched++;
            break;
        }
    }
    prf(&out->conflicts, b->nconflicts, gcount, matched, matched);
}

/* Quotes matched one-to-one, best overlap first, with or without the speaker. */
static nf_status score_quotes(const nf_brief *b, json_t *gq, nf_allocator *al, int with_speaker,
                              nf_prf *out)
{
    size_t gcount = json_array_size(gq), matched = 0, i;
    json_t *e;
    bool *used = nf__calloc(al, b->nquotes + 1, sizeof *used);
    if (!used) return NF_ENOMEM;
    json_array_foreach(gq, i, e)
    {
        const char *gt = json_string_value(json_object_get(e, "text"));
        const char *gs = json_string_value(json_object_get(e, "speaker"));
        json_t *gd = json_object_get(e, "docs");
        double best = 0;
        size_t bi = SIZE_MAX;
        for (size_t k = 0; k < b->nquotes; k++) {
            const nf_quote *q = &b->quotes[k];
            if (used[k] || !gt || !docs_meet(gd, q->mentions, q->nmentions)) continue;
            /* an unnamed speaker in the gold is matched by a quote left unnamed */
            if (with_speaker && !(gs ? same_name(gs, q->speaker) : !q->speaker)) continue;
            double d = dice(gt, q->text);
            if (d >= DICE_MIN && d > best) {
                best = d;
                bi = k;
            }
        }
        if (bi != SIZE_MAX) {
            used[bi] = true;
            matched++;
        }
    }
    nf__free(al, used);
    prf(out, b->nquotes, gcount, matched, matched);
    return NF_OK;
}

static void score_duplicates(const nf_brief *b, json_t *gn, nf_brief_score *out)
{
    size_t matched = 0, i;
    json_t *e;
    json_array_foreach(gn, i, e)
    {
        size_t a = (size_t)json_integer_value(json_array_get(e, 0));
        size_t c2 = (size_t)json_integer_value(json_array_get(e, 1));
        for (size_t k = 0; k < b->ndups; k++)
            if ((b->dup_a[k] == a && b->dup_b[k] == c2) || (b->dup_a[k] == c2 && b->dup_b[k] == a))
                matched++;
    }
    prf(&out->near_duplicates, b->ndups, json_array_size(gn), matched, matched);
}

nf_status nf_brief_score_gold(const nf_brief *b, const char *gold, size_t gold_len,
                              nf_brief_score *out, nf_error *err)
{
    if (!b || !gold || !out) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    memset(out, 0, sizeof *out);
    nf_allocator al = b->alc;
    json_error_t je;
    json_t *g = json_loadb(gold, gold_len, 0, &je);
    if (!g || !json_is_object(g)) {
        json_decref(g);
        return nf__fail(err, NF_EJSON, -1, je.line, je.position, "gold: %s", je.text);
    }
    nf_status st = score_figures(b, json_object_get(g, "figures"), &al, out);
    if (st == NF_OK) {
        score_conflicts(b, json_object_get(g, "conflicts"), out);
        st = score_quotes(b, json_object_get(g, "quotes"), &al, 1, &out->quotes);
    }
    if (st == NF_OK) st = score_quotes(b, json_object_get(g, "quotes"), &al, 0, &out->quote_text);
    if (st == NF_OK) score_duplicates(b, json_object_get(g, "near_duplicates"), out);
    json_decref(g);
    if (st != NF_OK) return nf__fail(err, st, -1, -1, -1, "out of memory");
    return NF_OK;
}
