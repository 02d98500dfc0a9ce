/* numbers.c - reading a number and what stands around it: digits with separators, number words
 * ("two dozen", "twenty-four", "a hundred"), currency signs, qualifiers ("at least", "about",
 * "more than", "up to", "fewer than"), and the contexts in which a number is not a figure (clock
 * times, dates and years, ages, addresses, phone numbers, numbers in names, anchored spans of
 * time, "one" as a pronoun). */
#include "figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool digits_value(const char *p, size_t n, double *v, bool *dec, bool *comma, int *ndig)
{
    char buf[48];
    size_t k = 0;
    *dec = *comma = false;
    *ndig = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof buf; i++) {
        if (p[i] == ':') return false;
        if (p[i] == ',') {
            *comma = true;
            continue;
        }
        if (p[i] == '.')
            *dec = true;
        else
            (*ndig)++;
        buf[k++] = p[i];
    }
    buf[k] = '\0';
    *v = strtod(buf, NULL);
    return true;
}

static double numword_value(const nf__fx *f, uint32_t k, bool *scale)
{
    const nf__btok *t = T(f, k);
    *scale = (nf__tok_lxf(t) & (LX_SCALE));
    if (nf__tok_lxf(t) & (LX_NUMWORD)) return nf__tok_lex(f->w, t)->value;
    /* "twenty-four" */
    const char *p = f->t + t->start;
    size_t n = nf__tok_n(t);
    const char *h = memchr(p, '-', n);
    if (!h) return -1;
    const nf__lex *l1 = nf__lex_find(f->w->lx, p, (size_t)(h - p));
    const nf__lex *l2 = nf__lex_find(f->w->lx, h + 1, n - (size_t)(h - p) - 1);
    if (l1 && l2 && (l1->flags & LX_NUMWORD) && (l2->flags & LX_NUMWORD) && l1->value >= 20 &&
        l1->value < 100 && l2->value < 10)
        return l1->value + l2->value;
    return -1;
}

/* A number at k: digits (+ scale word), number words, "a dozen/hundred/thousand". */
bool nf__fig_parse_number(const nf__fx *f, uint32_t k, double *v, uint32_t *end, bool *dec,
                          bool *comma, int *ndig, bool *word)
{
    const nf__btok *t = T(f, k);
    *word = false;
    if (t->kind == BT_NUM) {
        if (!digits_value(f->t + t->start, nf__tok_n(t), v, dec, comma, ndig)) return false;
        uint32_t j = k + 1;
        bool sc;
        if (j < f->e && T(f, j)->kind == BT_WORD && has(f, j, LX_SCALE) && !is(f, j, "dozen")) {
            double m = numword_value(f, j, &sc);
            if (m > 0) {
                *v *= m;
                j++;
            }
        }
        *end = j;
        return true;
    }
    if (t->kind != BT_WORD) return false;
    *dec = *comma = false;
    *ndig = 0;
    bool sc;
    uint32_t j = k;
    double total = 0, cur = 0;
    bool any = false;
    if ((is(f, k, "a") || is(f, k, "an")) && k + 1 < f->e) {
        double m = numword_value(f, k + 1, &sc);
        if (m <= 0 || !sc) return false;
        cur = 1;
        j = k + 1;
    }
    while (j < f->e) {
        if (T(f, j)->fl & BT_CAP && j > k && !(T(f, k)->fl & BT_CAP)) break;
        double m = numword_value(f, j, &sc);
        if (m < 0) {
            if (any && is(f, j, "and") && j + 1 < f->e && numword_value(f, j + 1, &sc) > 0 && !sc &&
                cur >= 100) {
                j++;
                continue;
            }
            break;
        }
        if (sc) {
            if (cur == 0) cur = 1;
            cur *= m;
            if (m >= 1000) {
                total += cur;
                cur = 0;
            }
        } else {
            if (any && cur != 0 && fmod(cur, 100) != 0 && m < 10 && fmod(cur, 10) != 0) break;
            cur += m;
        }
        any = true;
        j++;
    }
    if (!any) return false;
    *v = total + cur;
    *end = j;
    *word = true;
    return true;
}

int nf__fig_currency_sym(const nf__fx *f, uint32_t k, const char **unit)
{
    if (k < f->a || k >= f->e || T(f, k)->kind != BT_PUNCT) return 0;
    const char *p = f->t + T(f, k)->start;
    size_t n = nf__tok_n(T(f, k));
    if (n == 1 && p[0] == '$')
        *unit = "USD";
    else if (n == 3 && !memcmp(p, "\xE2\x82\xAC", 3))
        *unit = "EUR";
    else if (n == 2 && !memcmp(p, "\xC2\xA3", 2))
        *unit = "GBP";
    else if (n == 2 && !memcmp(p, "\xC2\xA5", 2))
        *unit = "JPY";
    else
        return 0;
    return 1;
}

/* Qualifier words before token k; *q0 gets the first token of the qualifier. */
int nf__fig_qualifier(const nf__fx *f, uint32_t k, uint32_t *q0)
{
    *q0 = k;
    if (k >= f->a + 2) {
        if (is(f, k - 2, "at") && is(f, k - 1, "least")) return *q0 = k - 2, NF_QUAL_AT_LEAST;
        if (is(f, k - 2, "at") && is(f, k - 1, "most")) return *q0 = k - 2, NF_QUAL_UP_TO;
        if ((is(f, k - 2, "more") || is(f, k - 2, "greater")) && is(f, k - 1, "than"))
            return *q0 = k - 2, NF_QUAL_MORE_THAN;
        if ((is(f, k - 2, "less") || is(f, k - 2, "fewer")) && is(f, k - 1, "than"))
            return *q0 = k - 2, NF_QUAL_LESS_THAN;
        if (is(f, k - 2, "up") && is(f, k - 1, "to")) return *q0 = k - 2, NF_QUAL_UP_TO;
        if (is(f, k - 2, "close") && is(f, k - 1, "to")) return *q0 = k - 2, NF_QUAL_ABOUT;
        if ((is(f, k - 2, "an") || is(f, k - 2, "some")) && is(f, k - 1, "estimated"))
            return *q0 = k - 2, NF_QUAL_ABOUT;
        if (is(f, k - 2, "upwards") && is(f, k - 1, "of")) return *q0 = k - 2, NF_QUAL_MORE_THAN;
        if (is(f, k - 2, "excess") && is(f, k - 1, "of")) return *q0 = k - 2, NF_QUAL_MORE_THAN;
    }
    if (k >= f->a + 3 && is(f, k - 3, "as") && is(f, k - 2, "many") && is(f, k - 1, "as"))
        return *q0 = k - 3, NF_QUAL_UP_TO;
    if (k >= f->a + 1) {
        if (in_list(f, k - 1, NF__WL_ABOUT)) return *q0 = k - 1, NF_QUAL_ABOUT;
        if (in_list(f, k - 1, NF__WL_OVER)) return *q0 = k - 1, NF_QUAL_MORE_THAN;
        if (in_list(f, k - 1, NF__WL_EXCEED)) return *q0 = k, NF_QUAL_MORE_THAN;
        if (is(f, k - 1, "under") || is(f, k - 1, "below")) return *q0 = k - 1, NF_QUAL_LESS_THAN;
    }
    return NF_QUAL_EXACT;
}

bool nf__fig_excluded(const nf__fx *f, uint32_t k, uint32_t j, double v, bool dec, bool comma,
                      int ndig, bool word, const char *unit)
{
    const nf__btok *t = T(f, k);
    if (word && v == 1 && !has(f, j, LX_HUMAN | LX_UNIT | LX_CURRENCY) && !is(f, j, "more") &&
        (!unit || has(f, j, LX_TIMEUNIT)))
        return true; /* "one of", "in one night", "one day" */
    if (has(f, j, LX_CLOCK) ||
        (j < f->e && T(f, j)->kind == BT_WORD &&
         (nf__tok_is(f->w, f->doc, T(f, j), "am") || nf__tok_is(f->w, f->doc, T(f, j), "pm"))))
        return true;
    /* a day of a month ("September 22", "22 September"; lowercase in a case-folded document) */
    bool folded = f->w->lowdoc[f->doc];
    if (k > f->a && has(f, k - 1, LX_MONTH) && (folded || (T(f, k - 1)->fl & BT_CAP))) return true;
    if (j < f->e && has(f, j, LX_MONTH) && (folded || (T(f, j)->fl & BT_CAP))) return true;
    if (!word && !dec && !comma && ndig == 4 && v >= 1000 && v <= 2100 && !unit &&
        !has(f, j, LX_HUMAN | LX_UNIT | LX_CURRENCY))
        return true; /* a year */
    /* ages: "81-year-old", "aged 27", "Gilliam, 27," */
    if (j < f->e && T(f, j)->kind == BT_WORD && (T(f, j)->fl & BT_GLUED)) {
        const char *p = f->t + T(f, j)->start;
        size_t n = nf__tok_n(T(f, j));
        if ((n >= 7 && memcmp(p + n - 4, "-old", 4) == 0) || (n >= 3 && memcmp(p, "old", 3) == 0))
            return true;
    }
    if (has(f, j, LX_TIMEUNIT) && is(f, j + 1, "old")) return true; /* "18 months old" */
    /* "at 18 months", "at about two years": an age or a point in time, not a span ("at 18
     * months of age" is the same; "a sentence at 18 months" is rare in news) */
    if (has(f, j, LX_TIMEUNIT) && k > f->a &&
        (is(f, k - 1, "at") ||
         (k > f->a + 1 && is(f, k - 2, "at") && (is(f, k - 1, "about") || is(f, k - 1, "around")))))
        return true;
    /* "a 30-year veteran", "a 12-year employee": a person's tenure, like an age */
    if (j + 1 < f->e && (T(f, j)->fl & BT_GLUED) && (is(f, j, "year") || is(f, j, "-year")) &&
        has(f, j + 1, LX_HUMAN | LX_ROLE))
        return true;
    /* "3-D", "G-7" style names: a number glued to one capital letter */
    if (!word && j < f->e && (T(f, j)->fl & BT_GLUED) && nf__tok_n(T(f, j)) == 1 &&
        nf__isupper((unsigned char)f->t[T(f, j)->start]))
        return true;
    if (k > f->a && (is(f, k - 1, "aged") || is(f, k - 1, "age") || is(f, k - 1, "ages")))
        return true;
    /* "Gilliam, 27,"; in a lowercased document "jeremiah grant, 33," */
    bool low = f->w->lowdoc && f->w->lowdoc[f->doc];
    if (!word && k >= f->a + 2 && punct(f, k - 1, ",") &&
        (nf__capword(f->w, f->doc, T(f, k - 2)) ||
         (low && T(f, k - 2)->kind == BT_WORD && !T(f, k - 2)->li)) &&
        punct(f, j, ",") && v < 120 && !dec)
        return true;
    /* clock times split by tokenization, "06: 12 local time" */
    if (!word && k >= f->a + 2 && punct(f, k - 1, ":") && T(f, k - 2)->kind == BT_NUM &&
        nf__tok_n(T(f, k - 2)) <= 2 && v < 60)
        return true;
    if (!word && v < 25 && punct(f, j, ":") && j + 1 < f->e && T(f, j + 1)->kind == BT_NUM &&
        nf__tok_n(T(f, j + 1)) == 2)
        return true;
    if (is(f, j, "local") && is(f, j + 1, "time")) return true;
    /* addresses, numbered things */
    if (j + 1 < f->e && has(f, j + 1, LX_STREET) &&
        (nf__capword(f->w, f->doc, T(f, j)) ||
         (low && T(f, j)->kind == BT_WORD && !T(f, j)->li))) /* "70 commerce st" folded */
        return true;
    if (k > f->a && (is(f, k - 1, "no.") || is(f, k - 1, "number") || punct(f, k - 1, "#")))
        return true;
    /* "the tomb's no. 2 pit" in folded text, where "no" and its period are two tokens */
    if (k > f->a + 1 && punct(f, k - 1, ".") && is(f, k - 2, "no") && (T(f, k - 1)->fl & BT_GLUED))
        return true;
    /* a number with two dots or colons is a phone number, a date or a time ("202.716.1953",
     * "05.12.2016", "06:12:30"), not a quantity */
    if (!word) {
        const char *p = f->t + t->start;
        size_t dots = 0;
        for (size_t q = 0; q < nf__tok_n(t); q++) dots += p[q] == '.' || p[q] == ':';
        if (dots >= 2) return true;
    }
    /* phone numbers, scores, fractions, parenthesized numbers */
    if (!word && j < f->e && (punct(f, j, "-") || punct(f, j, "/")) &&
        (T(f, j + 0)->fl & BT_GLUED) && j + 1 < f->e && T(f, j + 1)->kind == BT_NUM &&
        (T(f, j + 1)->fl & BT_GLUED)) {
        if (punct(f, j, "/")) return true;
        if (!comma && ndig + (int)nf__tok_n(T(f, j + 1)) >= 7) return true;
    }
    if (!word && k > f->a && (punct(f, k - 1, "-") || punct(f, k - 1, "/")) && (t->fl & BT_GLUED) &&
        k - 1 > f->a && T(f, k - 2)->kind == BT_NUM)
        return true;
    if (!word && k > f->a && punct(f, k - 1, "(") && punct(f, j, ")")) return true;
    if (!word && k > f->a && punct(f, k - 1, "+")) return true;
    /* "Flight 370", but not "Arndt 47,905" after "and" (gapping) or a verb in a headline */
    if (k > f->a && nf__capword(f->w, f->doc, T(f, k - 1)) && !unit &&
        !(T(f, k - 1)->li &&
          (nf__tok_lex(f->w, T(f, k - 1))->flags & ~(LX_STARTER | LX_ORG | LX_TITLE)))) {
        bool gap = k >= f->a + 2 && (is(f, k - 2, "and") || punct(f, k - 2, ",")) &&
                   f->w->nrf > f->first_fig;
        /* a table line: "Izmit 4,179 dead, 10,759 injured" */
        bool row = k == f->a + 1 && has(f, j, LX_EVENT);
        /* a qualifier opening the sentence: "Some 27 aftershocks", "Nearly 300" */
        uint32_t q0;
        bool qualified = nf__fig_qualifier(f, k, &q0) != NF_QUAL_EXACT;
        if (!gap && !row && !qualified) return true;
    }
    /* anchored time: "four days after", "two years ago", "25 minutes into", "the past four years"
     */
    if (has(f, j, LX_TIMEUNIT)) {
        if (has(f, j + 1, LX_TIMEREL) || is(f, j + 1, "from")) return true;
        /* the anchor stands before the first number of "two or three years" */
        uint32_t a = k;
        if (k >= f->a + 2 && (is(f, k - 1, "or") || is(f, k - 1, "to")) &&
            (T(f, k - 2)->kind == BT_NUM || has(f, k - 2, LX_NUMWORD)))
            a = k - 2;
        if (a > f->a && (is(f, a - 1, "past") || is(f, a - 1, "last") || is(f, a - 1, "next") ||
                         is(f, a - 1, "previous") || is(f, a - 1, "first") ||
                         is(f, a - 1, "within") || is(f, a - 1, "in") || is(f, a - 1, "coming")))
            return true;
    }
    return false;
}
