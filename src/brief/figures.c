/* figures.c - numbers that state a quantity of the story.
 *
 * A figure is a number in digits or words ("62", "12,000", "2.5 million", "two dozen", "a
 * hundred") with its qualifier ("at least", "about", "more than", "up to", "less than"), an
 * optional range ("between 4,000 and 5,000"), a unit (currency, percent, km, days), what is
 * counted (the noun after it, a measure before it: "the death toll at 83", "turnout at 46.8
 * percent", or the noun of the previous figure: "killed three people and injured 14"), the event
 * (killed, injured, missing, displaced, ...) and its source (attrib.c). Not figures: clock times,
 * dates and years, ages, addresses, phone numbers, numbers in names ("Flight 370"), ordinals,
 * anchored spans of time ("four days after", "25 minutes into"), vague amounts ("thousands"), and
 * "one" unless it counts people or a unit ("one person"). */
#include "figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *lower_dup(nf__bw *w, const char *p, size_t n)
{
    char *o = nf__arena_alloc(w->out, n + 1);
    if (!o) return NULL;
    for (size_t i = 0; i < n; i++) o[i] = (char)nf__tolower((unsigned char)p[i]);
    o[n] = '\0';
    return o;
}

/* Skip one comma-delimited appositive starting at k (a ","): returns the token after it. */
static uint32_t skip_appositive(const nf__fx *f, uint32_t k)
{
    if (!punct(f, k, ",")) return k;
    for (uint32_t m = k + 1; m < f->e && m < k + 20; m++)
        if (punct(f, m, ",")) return m + 1;
    return k;
}

/* The first event word after the counted noun (through auxiliaries, "estimated to have been",
 * one appositive and one coordinated noun phrase). */
static int event_after(const nf__fx *f, uint32_t j)
{
    uint32_t m = skip_appositive(f, j);
    for (uint32_t n = 0; m < f->e && n < 9; m++, n++) {
        const nf__btok *t = T(f, m);
        if (t->fl & BT_INQ) return EV_NONE;
        if (t->kind == BT_NUM) return EV_NONE;
        if (t->kind == BT_PUNCT && !(t->fl & BT_POSS)) return EV_NONE;
        if (t->li && nf__tok_lex(f->w, t)->ev && (nf__tok_lex(f->w, t)->flags & LX_EVENT))
            return nf__tok_lex(f->w, t)->ev;
        if (has(f, m, LX_SPEECH | LX_QVERB) && !is(f, m, "estimated") && !is(f, m, "reported") &&
            !is(f, m, "confirmed"))
            return EV_NONE;
        /* "2,000 people who died": a relative clause right after the noun */
        if (n == 0 && (is(f, m, "who") || is(f, m, "that"))) continue;
        if (has(f, m, LX_BOUNDARY) && !is(f, m, "and")) return EV_NONE;
        if (has(f, m, LX_PREP) && !is(f, m, "to") && !has(f, m, LX_TIMEREL)) return EV_NONE;
        if (has(f, m, LX_NUMWORD)) return EV_NONE;
    }
    return EV_NONE;
}

static bool plural_like(const nf__fx *f, uint32_t k)
{
    const nf__btok *t = T(f, k);
    size_t n = nf__tok_n(t);
    return (n > 2 && f->t[t->end - 1] == 's') || has(f, k, LX_HUMAN);
}

/* The noun run after the number/unit: [j, *end); returns false when there is none. */
static bool noun_run(const nf__fx *f, uint32_t j, uint32_t *end)
{
    uint32_t m = j;
    while (m < f->e && m - j < 5) {
        const nf__btok *t = T(f, m);
        if (t->kind != BT_WORD || (t->fl & (BT_INQ | BT_POSS))) break;
        if (has(f, m,
                LX_BOUNDARY | LX_AUX | LX_PREP | LX_SPEECH | LX_QVERB | LX_DET | LX_TIMEREL |
                    LX_PRONOUN | LX_NUMWORD | LX_VAGUE)) {
            /* "army and police boats": "and" inside a noun phrase */
            if (is(f, m, "and") && m > j && !plural_like(f, m - 1) && m + 1 < f->e &&
                T(f, m + 1)->kind == BT_WORD && !has(f, m + 1, LX_AUX | LX_DET | LX_NUMWORD) &&
                !(T(f, m + 1)->fl & BT_CAP)) {
                m++;
                continue;
            }
            break;
        }
        if ((nf__tok_lxf(t) & LX_EVENT) && !(nf__tok_lxf(t) & LX_HUMAN)) {
            /* "missing people": an event word before a noun is a modifier */
            if (m + 1 < f->e && has(f, m + 1, LX_HUMAN) && !has(f, m + 1, LX_EVENT)) {
                m++;
                continue;
            }
            /* "five deaths", "24 killed", "three dead": right after the number it is the head */
            if (m == j) m++;
            break;
        }
        /* "$40 million given by", "20 million euros released by": a participle, not a noun */
        if (m == j && nf__tok_n(t) > 3 && !has(f, m, LX_HUMAN | LX_UNIT | LX_CURRENCY) &&
            ((f->t[t->end - 2] == 'e' && (f->t[t->end - 1] == 'd' || f->t[t->end - 1] == 'n')) ||
             (nf__tok_n(t) > 5 && memcmp(f->t + t->end - 3, "ing", 3) == 0)) &&
            (m + 1 >= f->e || has(f, m + 1, LX_PREP | LX_DET | LX_ADV) ||
             T(f, m + 1)->kind == BT_PUNCT))
            break;
        /* a capital after an abbreviation in case-folded text is the folding's, not a name's:
         * "seven u.n. Employees" */
        if (m > j && (t->fl & BT_CAP) && !(T(f, j)->fl & BT_CAP) &&
            !(f->w->lowdoc && f->w->lowdoc[f->doc] && (T(f, m - 1)->fl & BT_ABBR)))
            break;
        m++;
        if (plural_like(f, m - 1) && !(m < f->e && T(f, m)->kind == BT_WORD && plural_like(f, m) &&
                                       !has(f, m, LX_EVENT | LX_AUX)))
            break;
    }
    *end = m;
    return m > j;
}

/* Nearest measure noun before token k in the same clause. */
static int32_t measure_before(const nf__fx *f, uint32_t k, bool *generic)
{
    for (uint32_t m = k; m-- > f->a && k - m < 22;) {
        const nf__btok *t = T(f, m);
        if (t->fl & BT_INQ) break;
        if (t->kind == BT_PUNCT && !(t->fl & BT_POSS) && !punct(f, m, "$")) break;
        if (t->kind == BT_NUM || has(f, m, LX_NUMWORD)) break;
        if (has(f, m, LX_MEASURE) || is(f, m, "toll")) {
            *generic = false;
            return (int32_t)m;
        }
        if (has(f, m, LX_GENERIC) && !has(f, m, LX_PRONOUN) && !is(f, m, "them")) {
            *generic = true;
            return (int32_t)m;
        }
    }
    return -1;
}

static bool prev_sentence_measure(const nf__fx *f, const char **head)
{
    const nf_cluster *c = f->w->c;
    if (f->s == c->docs[f->doc].first_sent) return false;
    size_t p = f->s - 1;
    for (uint32_t m = f->w->st0[p]; m < f->w->st1[p]; m++) {
        const nf__btok *t = &f->w->tok[m];
        if ((t->fl & BT_INQ) || !(nf__tok_lxf(t) & LX_MEASURE)) continue;
        *head = nf__tok_lex(f->w, t)->word;
        return true;
    }
    return false;
}

static nf__rfig *prev_fig(const nf__fx *f, bool same_sentence_only)
{
    nf__bw *w = f->w;
    for (size_t i = w->nrf; i-- > 0;) {
        nf__rfig *r = &w->rf[i];
        if (r->doc != f->doc) break;
        if (r->sent != f->s && (same_sentence_only || r->sent + 1 < f->s)) break;
        if (r->head[0] || r->ev) return r;
    }
    return NULL;
}

/* Exclusions that look at the surroundings of the number [k, j). */
static nf_status add_fig(nf__fx *f, nf__rfig *r)
{
    nf__bw *w = f->w;
    void *p = w->rf;
    if (!nf__bw_grow(w, &p, &w->caprf, w->nrf + 1, sizeof *w->rf)) return NF_ENOMEM;
    w->rf = p;
    w->rf[w->nrf++] = *r;
    return NF_OK;
}

/* The source of the figure at tokens [q0, q1) from the sentence's attributions. */
static const char *figure_source(const nf__fx *f, uint32_t q0, uint32_t q1)
{
    nf__bw *w = f->w;
    const nf__attr *pick = NULL;
    for (size_t i = w->sa0[f->s]; i < w->sa1[f->s]; i++) {
        const nf__attr *a = &w->at[i];
        if (a->type == AT_BY && a->anchor >= q1 && a->anchor <= q1 + 4) return a->np.name;
    }
    for (size_t i = w->sa0[f->s]; i < w->sa1[f->s]; i++) {
        const nf__attr *a = &w->at[i];
        /* a relative clause right after the figure: "200 that Mayor Tomas Brekke gave" */
        if (a->figure_ok && a->type == AT_SUBJ && a->np0 > q1 && a->np0 <= q1 + 2 &&
            (is(f, a->np0 - 1, "that") || is(f, a->np0 - 1, "which")) &&
            (a->np.kind == NK_PERSON || a->np.kind == NK_BODY))
            return a->np.name;
    }
    for (size_t i = w->sa0[f->s]; i < w->sa1[f->s]; i++) {
        const nf__attr *a = &w->at[i];
        if (!a->figure_ok || a->type == AT_BY) continue;
        if (a->np0 <= q0 && q0 < a->np1) continue;
        if (a->anchor < q0) pick = a;
    }
    if (!pick)
        for (size_t i = w->sa0[f->s]; i < w->sa1[f->s]; i++) {
            const nf__attr *a = &w->at[i];
            if (!a->figure_ok || a->anchor < q1 || a->type == AT_BY) continue;
            pick = a;
            break;
        }
    if (!pick) return NULL;
    if (pick->np.kind == NK_PERSON || pick->np.kind == NK_BODY) return pick->np.name;
    if (pick->np.kind == NK_ANON) return pick->np.text;
    return NULL;
}

/* One figure, read in steps; each step reads and extends fg. */
typedef struct fg {
    nf__rfig r;
    uint32_t k, j, j2, u, numstart, q0, h0, h1, last;
    double v;
    bool dec, comma, word, measure;
    int ndig, ev;
    const char *unit, *head, *counted;
} fg;

/* The value: a half, a currency before it, a glued scale, a range. */
static nf_status read_value(nf__fx *f, fg *g)
{
    nf__rfig *r = &g->r;
    uint32_t half = 0;
    if (g->word && g->k > f->a && is(f, g->k - 1, "half")) { /* "half a dozen", "half a million" */
        g->v *= 0.5;
        half = 1;
    }
    r->value = r->value_max = g->v;
    g->numstart = g->k - half;
    if (g->k > f->a + 1 && (is(f, g->k - 1, "dlrs") || is(f, g->k - 1, "dlr")) &&
        (is(f, g->k - 2, "u.s.") || is(f, g->k - 2, "us"))) {
        g->unit = "USD"; /* wire style: "U.S. dlrs 3.7 billion" */
        g->numstart = g->k - 2;
    } else if (g->k > f->a && has(f, g->k - 1, LX_CURRENCY) && !(T(f, g->k - 1)->fl & BT_CAP) &&
               !(g->j < f->e && has(f, g->j, LX_UNIT | LX_CURRENCY | LX_TIMEUNIT | LX_HUMAN))) {
        /* a currency word before the number, unless the number has its own unit: "won 82
         * percent of the seats" is a verb, not Korean won */
        g->unit = nf__tok_lex(f->w, T(f, g->k - 1))->aux; /* "Australian dollars 6.2 billion" */
        g->numstart = g->k - 1;
        if (g->k > f->a + 1 && (T(f, g->k - 2)->fl & BT_CAP) && !has(f, g->k - 2, LX_COMMON)) {
            bool us =
                is(f, g->k - 2, "u.s.") || is(f, g->k - 2, "us") || is(f, g->k - 2, "american");
            if (!strcmp(g->unit, "USD") && !us) g->unit = "XXX";
            g->numstart = g->k - 2;
        }
    } else if (nf__fig_currency_sym(f, g->k - 1, &g->unit)) {
        g->numstart = g->k - 1;
        if (g->k - 1 > f->a && is(f, g->k - 2, "us") && (T(f, g->k - 1)->fl & BT_GLUED))
            g->numstart = g->k - 2;
    }
    /* glued scale after a currency: "$4.5m", "$2bn" */
    if (g->unit && g->j < f->e && (T(f, g->j)->fl & BT_GLUED) && T(f, g->j)->kind == BT_WORD) {
        const char *p = f->t + T(f, g->j)->start;
        size_t n = nf__tok_n(T(f, g->j));
        double m = (n == 1 && (p[0] == 'm' || p[0] == 'M'))                              ? 1e6
                   : (n == 1 && (p[0] == 'k' || p[0] == 'K'))                            ? 1e3
                   : (n == 2 && (p[0] == 'b' || p[0] == 'B')) || (n == 1 && p[0] == 'b') ? 1e9
                                                                                         : 0;
        if (m > 0) {
            r->value = r->value_max = g->v * m;
            g->j++;
        }
    }
    /* ranges */
    g->j2 = g->j;
    double v2;
    bool d2, c2, w2;
    int n2;
    uint32_t e2;
    if (g->k > f->a && is(f, g->numstart - 1, "between") &&
        (is(f, g->j, "and") || is(f, g->j, "to")) &&
        nf__fig_parse_number(f, g->j + 1, &v2, &e2, &d2, &c2, &n2, &w2) && v2 > g->v) {
        r->value_max = v2;
        r->is_range = 1;
        g->j2 = e2;
    } else if (!g->word && punct(f, g->j, "-") && (T(f, g->j)->fl & BT_GLUED) && g->j + 1 < f->e &&
               T(f, g->j + 1)->kind == BT_NUM && (T(f, g->j + 1)->fl & BT_GLUED) &&
               nf__fig_parse_number(f, g->j + 1, &v2, &e2, &d2, &c2, &n2, &w2) && v2 > g->v &&
               (g->comma || g->ndig + n2 < 7)) {
        r->value_max = v2;
        r->is_range = 1;
        g->j2 = e2;
    } else if ((is(f, g->j, "to") || is(f, g->j, "or")) && !is(f, g->numstart - 1, "from") &&
               nf__fig_parse_number(f, g->j + 1, &v2, &e2, &d2, &c2, &n2, &w2) && v2 > g->v &&
               g->word == w2 && !has(f, g->numstart - 1, LX_UPDATE)) {
        r->value_max = v2;
        r->is_range = 1;
        g->j2 = e2;
    }
    /* "$5-7 million", "between 1 and 1.5 million": the scale of the upper bound is the lower's */
    if (r->is_range && r->value < 1000 && r->value_max >= r->value * 1000) {
        double scale = 1;
        while (scale * 1000 * r->value <= r->value_max) scale *= 1000;
        r->value *= scale;
    }
    return NF_OK;
}

/* The unit after the number (weight, not sterling, for "pounds of gold"); a range with its unit
 * written twice. */
static void read_unit(nf__fx *f, fg *g)
{
    nf__rfig *r = &g->r;
    /* unit after the number */
    g->u = g->j2;
    const char *area = nf__fig_area_unit(f, &g->u);
    if (!g->unit && area)
        g->unit = area;
    else if (!g->unit && has(f, g->u, LX_CURRENCY))
        g->unit = nf__tok_lex(f->w, T(f, g->u))->aux, g->u++;
    else if (!g->unit && has(f, g->u, LX_UNIT))
        g->unit = nf__tok_lex(f->w, T(f, g->u))->aux, g->u++;
    else if (!g->unit && is(f, g->u, "per") && is(f, g->u + 1, "cent"))
        g->unit = "percent", g->u += 2;
    else if (!g->unit && is(f, g->u, "percentage") && is(f, g->u + 1, "points"))
        g->unit = "points", g->u += 2;
    else if (!g->unit && has(f, g->u, LX_TIMEUNIT))
        g->unit = nf__tok_lex(f->w, T(f, g->u))->aux, g->u++;
    else if (!g->unit && is(f, g->u, "m") && (T(f, g->u)->fl & BT_GLUED) && g->u + 2 < f->e &&
             punct(f, g->u + 1, "-") && has(f, g->u + 2, LX_CURRENCY)) {
        /* "a 740m-euro observatory": millions of that currency, not metres */
        r->value = r->value_max = g->v * 1e6;
        g->unit = nf__tok_lex(f->w, T(f, g->u + 2))->aux;
        g->u += 3;
    } else if (!g->unit && is(f, g->u, "m") && (T(f, g->u)->fl & BT_GLUED))
        g->unit = "m", g->u++;
    else if (!g->unit && g->u + 1 < f->e && (T(f, g->u)->fl & BT_CAP) &&
             has(f, g->u + 1, LX_CURRENCY)) {
        /* "70 million U.S. dollars", "5 billion Hong Kong dollars" (one capitalized word) */
        const char *cur = nf__tok_lex(f->w, T(f, g->u + 1))->aux;
        bool us = is(f, g->u, "u.s.") || is(f, g->u, "us") || is(f, g->u, "american");
        g->unit = !strcmp(cur, "USD") ? (us ? "USD" : "XXX") : cur;
        g->u += 2;
    }
    /* "275 pounds of gold": weight, unless the report deals in sterling */
    if (g->unit && !strcmp(g->unit, "GBP") && g->u > f->a && T(f, g->u - 1)->kind == BT_WORD &&
        (is(f, g->u - 1, "pounds") || is(f, g->u - 1, "pound")) && !strstr(f->t, "\xc2\xa3") &&
        !strstr(f->t, "sterling") && !strstr(f->t, "Britain") && !strstr(f->t, "British"))
        g->unit = "lb";
    /* "dropped 8 percent to 10 percent": a range with its unit written twice */
    if (g->unit && !r->is_range && is(f, g->u, "to") && g->u + 1 < f->e) {
        uint32_t e3;
        bool d3, c3, w3;
        int n3;
        double v3;
        if (nf__fig_parse_number(f, g->u + 1, &v3, &e3, &d3, &c3, &n3, &w3) && v3 > g->v &&
            e3 < f->e && T(f, e3)->li && T(f, e3)->li == T(f, g->u - 1)->li) {
            r->value_max = v3;
            r->is_range = 1;
            g->j2 = e3 + 1;
            g->u = e3 + 1;
        }
    }
}

/* What is counted: "N of the X", "N of them", the noun run after the number or its unit. */
static nf_status read_counted(nf__fx *f, fg *g)
{
    nf__bw *w = f->w;
    nf__rfig *r = &g->r;
    /* what is counted */
    /* "N of the X", "N of them" */
    if (is(f, g->u, "of") &&
        (has(f, g->u + 1, LX_DET) || is(f, g->u + 1, "them") || is(f, g->u + 1, "whom"))) {
        r->partitive = 1;
        uint32_t x = g->u + 1;
        if (is(f, x, "them") || is(f, x, "whom")) {
            r->context = 1; /* a subset of a count given before */
            nf__rfig *p = prev_fig(f, false);
            if (p) {
                g->head = p->head;
                g->counted = p->phrase;
                r->human = p->human;
            }
            g->h1 = x + 1;
        } else {
            x++;
            while (x < f->e && (T(f, x)->fl & BT_POSS || has(f, x, LX_DET))) x++;
            /* "the terminal's six berths": owner's words then the noun */
            uint32_t y = x;
            while (y + 1 < f->e && T(f, y + 1)->fl & BT_POSS) y += 2;
            if (y > x) x = y;
            uint32_t re;
            if (T(f, x)->kind == BT_NUM || has(f, x, LX_NUMWORD)) {
                r->context = 1;
                if (noun_run(f, x + 1, &re)) {
                    g->h0 = x + 1;
                    g->h1 = re;
                }
            } else if (noun_run(f, x, &re)) {
                g->h0 = x;
                g->h1 = re;
                if (has(f, re - 1, LX_EVENT) || is(f, re - 1, "victims") ||
                    is(f, re - 1, "casualties"))
                    r->context = 1; /* "two of the injured" */
            }
        }
    } else {
        uint32_t m = g->u;
        bool measure_unit = g->unit && !is_money(g->unit);
        while (is(f, m, "more") || is(f, m, "other") || is(f, m, "additional") ||
               is(f, m, "extra") || is(f, m, "further") || is(f, m, "new"))
            m++;
        uint32_t re;
        /* after a measuring unit the next words are not what is counted ("30 kilometres north",
         * "five days despite"); "percent of registered voters" is */
        if (measure_unit && is(f, m, "of") && noun_run(f, m + 1 + has(f, m + 1, LX_DET), &re)) {
            g->h0 = m + 1 + has(f, m + 1, LX_DET);
            g->h1 = re;
        } else if (!measure_unit && noun_run(f, m, &re)) {
            g->h0 = m;
            g->h1 = re;
        } else if (g->unit && (is(f, g->u, "in") || is(f, g->u, "for") || is(f, g->u, "into") ||
                               is(f, g->u, "of"))) {
            /* "20 million euros in emergency relief", "$2 million into a relief fund" */
            uint32_t x = g->u + 1;
            while (has(f, x, LX_DET)) x++;
            if (noun_run(f, x, &re)) {
                g->h0 = x;
                g->h1 = re;
            }
        }
    }
    if (g->h1 > g->h0 && !g->counted) {
        const nf__btok *ht = T(f, g->h1 - 1);
        g->head = lower_dup(w, f->t + ht->start, nf__tok_n(ht));
        if (!g->head) return NF_ENOMEM;
        r->human = has(f, g->h1 - 1, LX_HUMAN);
        if (ht->li && nf__tok_lex(f->w, ht)->ev && (nf__tok_lex(f->w, ht)->flags & LX_EVENT)) {
            g->ev = nf__tok_lex(f->w, ht)->ev; /* "deaths", "injuries", "evacuations", "dead" */
            if (!r->human || has(f, g->h1 - 1, LX_EVENT)) g->head = "people", r->human = 1;
        }
        for (uint32_t x = g->h0; x + 1 < g->h1; x++) /* "missing people" */
            if (T(f, x)->li && nf__tok_lex(f->w, T(f, x))->ev)
                g->ev = nf__tok_lex(f->w, T(f, x))->ev;
    }
    return NF_OK;
}

/* A measure before the number ("the death toll at 83", "a depth of 10 kilometres"), margins, and
 * the topic of a bare percentage. */
static nf_status read_measure(nf__fx *f, fg *g)
{
    nf__bw *w = f->w;
    nf__rfig *r = &g->r;
    /* a measure before the number wins for "the death toll at 83", "turnout at 46.8 percent",
     * "a depth of 10 kilometres", "lead ... from 307 votes to 289" */
    bool generic = false;
    int32_t ms = measure_before(f, g->q0, &generic);
    bool prep_before =
        g->q0 > f->a &&
        (has(f, g->q0 - 1, LX_PREP) || has(f, g->q0 - 1, LX_UPDATE) ||
         is(f, g->q0 - 1, "remained") || is(f, g->q0 - 1, "stood") || is(f, g->q0 - 1, "reached") ||
         is(f, g->q0 - 1, "was") || is(f, g->q0 - 1, "is") || has(f, g->q0 - 1, LX_MEASURE));
    if (ms >= 0 && !generic && (prep_before || g->h1 == g->h0) && (!r->human || g->unit)) {
        const nf__btok *mt = T(f, (uint32_t)ms);
        if (mt->li && nf__tok_lex(f->w, mt)->ev == EV_KILLED) {
            g->ev = EV_KILLED;
            g->head = "people";
            r->human = 1;
        } else {
            g->head = mt->li && nf__tok_lex(f->w, mt)->word ? nf__tok_lex(f->w, mt)->word : "";
            if (!strcmp(g->head, "lead")) g->head = "margin";
            g->measure = true;
            g->counted = nf__tok_lex(f->w, mt)->word;
            if (!strcmp(g->counted, "lead")) g->counted = "margin";
        }
    } else if (ms >= 0 && generic && g->h1 == g->h0) {
        /* "the number of people evacuated at 12,000", else the previous figure's noun */
        uint32_t x = (uint32_t)ms + 1, re;
        if (is(f, x, "of") && x + 1 < g->q0 && noun_run(f, x + 1, &re) && re <= g->q0) {
            const nf__btok *ht = T(f, re - 1);
            g->head = lower_dup(w, f->t + ht->start, nf__tok_n(ht));
            if (!g->head) return NF_ENOMEM;
            r->human = has(f, re - 1, LX_HUMAN);
            g->counted = nf__bw_collapse(w, f->t, T(f, x + 1)->start, ht->end);
            int e = event_after(f, re);
            if (e) g->ev = e;
        } else {
            nf__rfig *p = prev_fig(f, false);
            if (p && (p->unit == g->unit || (p->unit && g->unit && !strcmp(p->unit, g->unit)))) {
                g->head = p->head;
                g->counted = p->phrase;
                r->human = p->human;
                g->ev = p->ev;
                g->measure = true;
            }
        }
    }
    /* margins: "leads Samuel Arndt by 289 votes", "trails ... by 307 votes" */
    if (is(f, g->q0 - 1, "by") && !r->human) {
        for (uint32_t x = g->q0 - 1; x-- > f->a && g->q0 - x < 8;)
            if (in_list(f, x, NF__WL_MARGIN)) {
                g->head = "margin";
                g->counted = "margin";
                g->measure = true;
                break;
            }
    }
    /* percentages with no measure in their clause: the previous sentence's topic ("Turnout has
     * become a second front. The commission says 46.8 percent of registered voters ...") */
    if (g->unit && !strcmp(g->unit, "percent") && !g->measure) {
        const char *ph;
        if (prev_sentence_measure(f, &ph)) {
            g->head = ph;
            g->counted = ph;
            g->measure = true;
        }
    }
    return NF_OK;
}

/* The event (killed, injured...) and, with no noun, the noun of a figure just before. */
static void read_event(nf__fx *f, fg *g)
{
    nf__bw *w = f->w;
    nf__rfig *r = &g->r;
    /* the event */
    if (!g->ev && g->q0 > f->a + 1 && is(f, g->q0 - 1, "of") && is(f, g->q0 - 2, "lives"))
        g->ev = EV_KILLED; /* "claiming the lives of at least eight people" */
    if (!g->ev) {
        uint32_t pv = g->q0;
        if (pv > f->a && has(f, pv - 1, LX_EVENT) && nf__tok_lex(f->w, T(f, pv - 1))->ev)
            g->ev = nf__tok_lex(f->w, T(f, pv - 1))->ev;
        else if (g->h1 < f->e)
            g->ev = event_after(f, g->h1 > g->h0 ? g->h1 : g->u);
        if (!g->ev && g->h1 == g->h0 && has(f, g->u, LX_EVENT))
            g->ev = nf__tok_lex(f->w, T(f, g->u))->ev;
    }
    /* "four air strikes killed 62": a thing that is no person is not killed or injured */
    if (g->ev && g->ev != EV_DAMAGED && g->h1 > g->h0 && !r->human &&
        !has(f, g->h1 - 1, LX_EVENT) && !g->measure)
        g->ev = EV_NONE;
    /* no noun: the noun of the previous figure of the sentence ("and injured 14") */
    if (!g->head[0] && !g->counted) {
        nf__rfig *p = prev_fig(f, true);
        /* money needs coordination ("$40 million and $60 million"); a count must have the same
         * shape (a decimal after a count is a measurement: "40 aftershocks ... measuring 4.8") */
        if (p && g->unit &&
            !(is(f, g->numstart - 1, "and") || punct(f, g->numstart - 1, ",") ||
              is(f, g->numstart - 1, "to") || is(f, g->numstart - 1, "or")))
            p = NULL;
        if (p && (p->value != floor(p->value)) != (g->v != floor(g->v))) p = NULL;
        if (p && ((!p->unit && !g->unit) || (p->unit && g->unit && !strcmp(p->unit, g->unit)))) {
            g->head = p->head;
            r->human = p->human;
            g->counted = p->phrase;
            /* a count of people takes its own event ("killed three people and injured 14"),
             * unless it is the earlier value of the same count ("rose to 14, up from nine") */
            if (!g->ev && (!p->human || (g->numstart > f->a && is(f, g->numstart - 1, "from"))))
                g->ev = p->ev;
            /* gapping owner: "Kovač received 48,212 votes and Arndt 47,905" */
            if (g->k > f->a && nf__capword(w, f->doc, T(f, g->k - 1))) {
                uint32_t end;
                int32_t id = nf__mention_at(w, f->s, g->k - 1, &end);
                r->owner = id >= 0 ? w->names[id].name : NULL;
            }
        } else if (!p && !g->unit && (g->dec || !g->ev)) {
            /* "measured it at 6.1": the nearest figure of the same kind one sentence back */
            for (size_t i = w->nrf; i-- > 0;) {
                nf__rfig *q = &w->rf[i];
                if (q->doc != f->doc || q->sent + 1 < f->s) break;
                if (q->unit || !q->head[0]) continue;
                bool qdec = q->value != floor(q->value), vdec = g->v != floor(g->v);
                if (qdec == vdec && q->value < g->v * 3 && g->v < q->value * 3) {
                    g->head = q->head;
                    g->counted = q->phrase;
                    break;
                }
            }
        }
    }
    if (g->ev && (!g->head[0] || r->human)) {
        g->head = "people";
        r->human = 1;
    }
}

/* The owner of a count: "X had/has/received/won N votes", "X's total of N". */
static void read_owner(nf__fx *f, fg *g)
{
    nf__bw *w = f->w;
    nf__rfig *r = &g->r;
    /* owner of a count: "X had/has/received/won N votes", "X's total of N" */
    if (!r->owner && !r->human && g->head[0]) {
        uint32_t x = g->q0;
        if (x > f->a + 1 && is(f, x - 1, "of") && has(f, x - 2, LX_GENERIC) && x > f->a + 3 &&
            (T(f, x - 3)->fl & BT_POSS)) {
            uint32_t end;
            int32_t id = nf__mention_at(w, f->s, x - 4, &end);
            if (id < 0 && x >= f->a + 5) id = nf__mention_at(w, f->s, x - 5, &end);
            if (id >= 0) r->owner = w->names[id].name;
        } else if (x > f->a && in_list(f, x - 1, NF__WL_OWNER_VERB)) {
            for (uint32_t y = x - 1; y-- > f->a && x - y < 24;) {
                if (T(f, y)->kind == BT_NUM || has(f, y, LX_NUMWORD)) break;
                if (punct(f, y, ",")) { /* "Arndt, who led the Lunetta First list, had" */
                    uint32_t z = y;
                    while (z > f->a && !punct(f, z - 1, ",") && y - z < 20) z--;
                    if (z > f->a && punct(f, z - 1, ",")) y = z - 1;
                    continue;
                }
                if (!nf__capword(w, f->doc, T(f, y))) continue;
                uint32_t end;
                int32_t id = nf__mention_at(w, f->s, y, &end);
                if (id >= 0 && w->names[id].kind == NK_PERSON) {
                    r->owner = w->names[id].name;
                    break;
                }
            }
        }
    }
}

/* The noun phrase and the label of what is counted, with its event. */
static nf_status read_label(nf__fx *f, fg *g)
{
    nf__bw *w = f->w;
    nf__rfig *r = &g->r;
    if (g->unit && g->ev && is_money(g->unit)) {
        g->ev = EV_NONE;
        if (r->human && !strcmp(g->head, "people")) g->head = "", r->human = 0;
    }
    r->ev = g->ev;
    r->head = g->head;
    if (!g->counted) {
        if (g->h1 > g->h0 && !(r->human && g->ev && has(f, g->h1 - 1, LX_EVENT)))
            g->counted = nf__bw_collapse(w, f->t, T(f, g->h0)->start, T(f, g->h1 - 1)->end);
        else
            g->counted = g->head;
        if (!g->counted) return NF_ENOMEM;
    }
    r->phrase = g->counted;
    if (g->ev && !strstr(g->counted, nf__event_name(g->ev))) {
        size_t a = strlen(g->counted), b = strlen(nf__event_name(g->ev));
        char *c2s = nf__arena_alloc(w->out, a + b + 2);
        if (!c2s) return NF_ENOMEM;
        memcpy(c2s, g->counted, a);
        c2s[a] = ' ';
        memcpy(c2s + a + 1, nf__event_name(g->ev), b + 1);
        g->counted = c2s;
    }
    r->counted = g->counted;
    return NF_OK;
}

/* Context ("in three polling stations"), update wording, the year or forecast scope. */
static void read_cues(nf__fx *f, fg *g)
{
    nf__rfig *r = &g->r;
    /* a count inside a place phrase ("in three polling stations") is context, not a claim */
    uint32_t pp = g->q0;
    while (pp > f->a && (has(f, pp - 1, LX_DET) || is(f, pp - 1, "all"))) pp--;
    if (!g->ev && !g->measure && pp > f->a && in_list(f, pp - 1, NF__WL_CONTEXT_PREP))
        r->context = 1;
    /* update wording: "rose to seven", "up from four", "from 307 votes to 289", "now" */
    if (g->q0 > f->a + 1 && is(f, g->q0 - 1, "to") && has(f, g->q0 - 2, LX_UPDATE))
        r->update_cue = 1;
    if (g->q0 > f->a + 1 && is(f, g->q0 - 1, "from") &&
        (is(f, g->q0 - 2, "up") || is(f, g->q0 - 2, "down")))
        r->update_from = 1;
    if (g->q0 > f->a && is(f, g->q0 - 1, "from")) {
        for (uint32_t x = g->u; x < f->e && x < g->u + 6; x++)
            if (is(f, x, "to") && x + 1 < f->e &&
                (T(f, x + 1)->kind == BT_NUM || has(f, x + 1, LX_NUMWORD))) {
                r->update_from = 1;
                break;
            }
    }
    if (g->q0 > f->a + 1 && is(f, g->q0 - 1, "to")) {
        for (uint32_t x = g->q0 - 1; x-- > f->a && g->q0 - x < 8;)
            if (is(f, x, "from")) {
                r->update_cue = 1;
                break;
            }
    }
    for (uint32_t x = g->q0 > f->a + 4 ? g->q0 - 4 : f->a; x < f->e && x < g->h1 + 4; x++)
        if (in_list(f, x, NF__WL_UPDATE)) r->update_cue = 1;
    r->scope = nf__fig_year_scope(f);
    for (uint32_t x = g->q0; x-- > f->a && g->q0 - x < 10;) {
        if (T(f, x)->kind == BT_PUNCT && !(T(f, x)->fl & BT_POSS)) break;
        if (in_list(f, x, NF__WL_FORECAST)) r->scope = "forecast";
    }
}

/* Source, place, rate and label-number flags, and where the expression ends. */
static void read_source(nf__fx *f, fg *g)
{
    nf__rfig *r = &g->r;
    r->attribution = figure_source(f, g->q0, g->h1 > g->u ? g->h1 : g->u);
    g->last = g->h1 > g->u ? g->h1 : g->u;
    if (g->last <= g->j2) g->last = g->j2;
    r->place = nf__fig_place(f, g->q0, g->last);
    for (uint32_t x = g->u; x < f->e && x < g->last + 2; x++)
        if (is(f, x, "per") || (is(f, x, "a") && has(f, x + 1, LX_TIMEUNIT)) ||
            (is(f, x, "an") && is(f, x + 1, "hour")))
            r->rate = 1;
    /* "interstate 95", "mile marker 114": a bare number right after a noun names a thing */
    if (!r->place && g->q0 > f->a && (punct(f, g->q0 - 1, ",") || is(f, g->q0 - 1, "and"))) {
        nf__rfig *p = prev_fig(f, true); /* "Bolu 226 dead, 1,159 injured" */
        if (p) r->place = p->place;
    }
}

static nf_status one_figure(nf__fx *f, uint32_t k, uint32_t *next)
{
    fg g;
    memset(&g, 0, sizeof g);
    g.k = k;
    *next = k + 1;
    if (!nf__fig_parse_number(f, k, &g.v, &g.j, &g.dec, &g.comma, &g.ndig, &g.word)) return NF_OK;
    *next = g.j;
    nf_status st = read_value(f, &g);
    if (st != NF_OK) return st;
    read_unit(f, &g);
    if (nf__fig_excluded(f, k, g.j, g.v, g.dec, g.comma, g.ndig, g.word, g.unit)) return NF_OK;
    /* a range of ages or of anchored time, its unit after the second number: "2 or 3 years
     * old", "3 to 14 years of age", "within two or three years" */
    if (g.u > g.j && has(f, g.u - 1, LX_TIMEUNIT) &&
        (is(f, g.u, "old") || (is(f, g.u, "of") && is(f, g.u + 1, "age")) ||
         has(f, g.u, LX_TIMEREL) || (k > f->a && is(f, k - 1, "within"))))
        return NF_OK;
    if (has(f, k, LX_VAGUE)) return NF_OK;
    nf__rfig *r = &g.r;
    r->qual = nf__fig_qualifier(f, g.numstart, &g.q0);
    r->doc = f->doc;
    r->sent = (uint32_t)f->s;
    r->t0 = g.q0;
    r->unit = g.unit;
    r->headline = f->w->shead[f->s];
    g.h0 = g.h1 = g.u;
    g.head = "";
    if ((st = read_counted(f, &g)) != NF_OK || (st = read_measure(f, &g)) != NF_OK) return st;
    /* "another three aftershocks", "three more deaths": an increment, not the count itself */
    if ((g.numstart > f->a &&
         (is(f, g.numstart - 1, "another") || is(f, g.numstart - 1, "other"))) ||
        is(f, g.u, "more") || is(f, g.u, "additional") || is(f, g.u, "further"))
        r->context = 1;
    /* "interstate 95", "mile marker 114": a bare number right after a noun names a thing (before
     * read_event lends it the noun of a figure before it) */
    r->label = !g.unit && !g.ev && g.h1 == g.h0 && !g.head[0] && !g.measure && !r->is_range &&
               r->qual == NF_QUAL_EXACT && g.numstart > f->a &&
               T(f, g.numstart - 1)->kind == BT_WORD && !T(f, g.numstart - 1)->li &&
               !(T(f, g.numstart - 1)->fl & BT_CAP);
    r->measured = g.measure && g.head[0];
    read_event(f, &g);
    /* "four air strikes (had) killed 62 soldiers": the count of what caused a toll */
    if (!r->human && g.h1 > g.h0) {
        uint32_t x = g.h1;
        while (x < f->e && x < g.h1 + 2 && has(f, x, LX_AUX | LX_ADV)) x++;
        if (has(f, x, LX_EVENT) && T(f, x)->li && nf__tok_lex(f->w, T(f, x))->ev)
            for (uint32_t y = x + 1; y < f->e && y < x + 4; y++)
                if (T(f, y)->kind == BT_NUM || has(f, y, LX_NUMWORD)) r->agent = 1;
    }
    /* "killed 62 soldiers and wounded 100 in four separate airstrikes": the same, after it */
    if (!r->human && !r->ev && g.q0 > f->a &&
        (is(f, g.q0 - 1, "in") || is(f, g.q0 - 1, "by") || is(f, g.q0 - 1, "with")))
        for (uint32_t x = g.q0 - 1; x-- > f->a && g.q0 - x < 14 && !r->agent;)
            if (has(f, x, LX_EVENT) && T(f, x)->li && nf__tok_lex(f->w, T(f, x))->ev &&
                x + 1 < g.q0 - 1 && (T(f, x + 1)->kind == BT_NUM || has(f, x + 1, LX_NUMWORD)))
                r->agent = 1;
    read_owner(f, &g);
    if ((st = read_label(f, &g)) != NF_OK) return st;
    read_cues(f, &g);
    read_source(f, &g);
    r->t1 = g.last;
    r->start = T(f, g.q0)->start;
    r->end = T(f, g.last - 1)->end;
    *next = g.j2 > k ? g.j2 : k + 1;
    return add_fig(f, r);
}

nf_status nf__brief_figures(nf__bw *w)
{
    nf_cluster *c = w->c;
    w->story_year = nf__brief_story_year(w);
    /* candidates come from the tokenizer's number list, in text order */
    size_t s = 0, cur = SIZE_MAX;
    uint32_t next = 0;
    nf__fx f = {0};
    for (size_t i = 0; i < w->l_num.n; i++) {
        uint32_t k = w->l_num.v[i];
        if (k < next) continue; /* part of the previous figure */
        while (w->st1[s] <= k) s++;
        if (s != cur) {
            nf__fx nf = {w,         s,         c->sents[s].doc,
                         w->st0[s], w->st1[s], c->docs[c->sents[s].doc].text,
                         w->nrf,    0,         NULL};
            f = nf;
            cur = s;
        }
        const nf__btok *t = &w->tok[k];
        if (nf__tok_lxf(t) & LX_DET && !(is(&f, k, "a") || is(&f, k, "an"))) continue;
        uint32_t nx = k + 1;
        nf_status st = one_figure(&f, k, &nx);
        if (st != NF_OK) return st;
        next = nx > k ? nx : k + 1;
    }
    return NF_OK;
}
