/* timeline.c - sentences with a date, in date order.
 *
 * Absolute dates ("September 17, 2016", "17 September", "March 4", "in 2011") are read as
 * written; a missing year comes from the document date when there is one. Relative references
 * (weekdays, "yesterday", "today") are resolved against the document date: a weekday is the most
 * recent such day on or before it ("next Monday" the one after). Without a document date, a date
 * elsewhere in the cluster pins the week: another document's date, or a weekday written with its
 * date ("Tuesday, March 4"); such dates are marked inferred. The same date reported by
 * near-duplicate sentences is one event. */
#include "brief.h"

#include <stdio.h>
#include <string.h>

static const char *const wdname[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                      "Friday", "Saturday", "Sunday"};

static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (m + 9) % 12;
    int doy = (153 * mp + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (*m <= 2);
}

/* "2016-09-17", "2016-09", "2016", "09-17", or the weekday / "yesterday" / "today" when
 * unresolved. Written by hand: this runs once per dated sentence. */
static void date_label(char *lab, int res, const nf__rdate *r, int y, int m, int d)
{
    if (res == NF_DATE_UNRESOLVED) {
        const char *wd = r->rel <= 2 ? wdname[r->weekday] : r->rel == 3 ? "yesterday" : "today";
        memcpy(lab, wd, strlen(wd) + 1);
        return;
    }
    char *o = lab;
    if (y) {
        int v = y < 0 ? 0 : y > 9999 ? 9999 : y;
        *o++ = (char)('0' + v / 1000);
        *o++ = (char)('0' + v / 100 % 10);
        *o++ = (char)('0' + v / 10 % 10);
        *o++ = (char)('0' + v % 10);
        if (!m) {
            *o = '\0';
            return;
        }
        *o++ = '-';
    }
    *o++ = (char)('0' + m / 10 % 10);
    *o++ = (char)('0' + m % 10);
    if (d || !y) {
        *o++ = '-';
        *o++ = (char)('0' + d / 10 % 10);
        *o++ = (char)('0' + d % 10);
    }
    *o = '\0';
}

static int weekday_of(int32_t key) { return (int)(((key % 7) + 7 + 3) % 7); } /* 0 = Monday */

static bool tis(const nf__bw *w, uint32_t doc, uint32_t k, uint32_t e, const char *word)
{
    return k < e && w->tok[k].kind == BT_WORD && nf__tok_is(w, doc, &w->tok[k], word);
}

static int small_num(const nf__bw *w, uint32_t doc, uint32_t k, uint32_t e, int lo, int hi)
{
    if (k >= e || w->tok[k].kind != BT_NUM) return 0;
    const char *p = w->c->docs[doc].text + w->tok[k].start;
    size_t n = nf__tok_n(&w->tok[k]);
    if (n > 4) return 0;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!nf__isdigit((unsigned char)p[i])) return 0;
        v = v * 10 + (p[i] - '0');
    }
    return v >= lo && v <= hi ? v : 0;
}

static nf_status add(nf__bw *w, const nf__rdate *d)
{
    void *p = w->rd;
    if (!nf__bw_grow(w, &p, &w->caprd, w->nrd + 1, sizeof *w->rd)) return NF_ENOMEM;
    w->rd = p;
    w->rd[w->nrd++] = *d;
    return NF_OK;
}

nf_status nf__brief_dates(nf__bw *w)
{
    nf_cluster *c = w->c;
    size_t s = 0;
    uint32_t skip_to = 0;
    for (size_t li = 0; li < w->l_date.n; li++) {
        uint32_t k = w->l_date.v[li];
        if (k < skip_to) continue;
        while (w->st1[s] <= k) s++;
        uint32_t doc = c->sents[s].doc, a = w->st0[s], e = w->st1[s];
        {
            const nf__btok *t = &w->tok[k];
            if (t->kind != BT_WORD || !t->li) continue; /* every date word is in the lexicon */
            nf__rdate r = {(uint32_t)s, t->start, t->end, 0, 0, 0, -1, 0, 0};
            if ((t->lxf & (LX_MONTH)) && (t->fl & BT_CAP)) {
                int m = (int)nf__tok_lex(w, t)->value, d = small_num(w, doc, k + 1, e, 1, 31),
                    y = 0;
                uint32_t end = k + 1;
                if (d) {
                    end = k + 2;
                    uint32_t yk =
                        end < e && nf__tok_punct(w, doc, &w->tok[end], ",") ? end + 1 : end;
                    if ((y = small_num(w, doc, yk, e, 1800, 2100))) end = yk + 1;
                } else if ((y = small_num(w, doc, k + 1, e, 1800, 2100))) {
                    end = k + 2;
                } else {
                    continue; /* "May", "March" alone: too ambiguous */
                }
                if (k > a && !d) {
                    /* "17 September 2016" */
                    int dd = small_num(w, doc, k - 1, e, 1, 31);
                    if (dd) {
                        d = dd;
                        r.start = w->tok[k - 1].start;
                    }
                }
                r.year = y;
                r.month = m;
                r.day = d;
                r.end = w->tok[end - 1].end;
                r.resolved = 1;
                if (k >= a + 2 && nf__tok_punct(w, doc, &w->tok[k - 1], ",") && w->tok[k - 2].li &&
                    (nf__tok_lex(w, &w->tok[k - 2])->flags & LX_WEEKDAY)) {
                    r.weekday = (int)nf__tok_lex(w, &w->tok[k - 2])->value; /* "Tuesday, March 4" */
                    r.start = w->tok[k - 2].start;
                    /* the weekday itself was already recorded: make it this entry */
                    if (w->nrd && w->rd[w->nrd - 1].sent == s && w->rd[w->nrd - 1].rel &&
                        w->rd[w->nrd - 1].start == r.start)
                        w->nrd--;
                }
                nf_status st = add(w, &r);
                if (st != NF_OK) return st;
                skip_to = end;
            } else if ((t->lxf & (LX_WEEKDAY)) && (t->fl & BT_CAP)) {
                r.weekday = (int)nf__tok_lex(w, t)->value;
                r.rel = tis(w, doc, k - 1, e, "next") ? 2 : 1;
                nf_status st = add(w, &r);
                if (st != NF_OK) return st;
            } else if ((t->lxf & LX_RELDAY) && !(t->fl & BT_INQ) &&
                       (nf__tok_is(w, doc, t, "yesterday") || nf__tok_is(w, doc, t, "today"))) {
                r.rel = nf__tok_is(w, doc, t, "yesterday") ? 3 : 4;
                nf_status st = add(w, &r);
                if (st != NF_OK) return st;
            } else if ((t->lxf & (LX_PREP | LX_TIMEREL)) && k + 1 < e &&
                       w->tok[k + 1].kind == BT_NUM &&
                       (nf__tok_is(w, doc, t, "in") || nf__tok_is(w, doc, t, "since")) &&
                       small_num(w, doc, k + 1, e, 1800, 2100)) {
                r.year = small_num(w, doc, k + 1, e, 1800, 2100);
                r.start = w->tok[k + 1].start;
                r.end = w->tok[k + 1].end;
                r.resolved = 1;
                nf_status st = add(w, &r);
                if (st != NF_OK) return st;
                skip_to = k + 2;
            }
        }
    }
    return NF_OK;
}

typedef struct ev {
    long code; /* the date as a number, for quick comparison */
    int y, m, d;
    int res; /* nf_date_resolution */
    const char *label;
    const nf__rdate *r;
    size_t n;     /* mentions */
    size_t first; /* first raw date index */
} ev;

nf_status nf__brief_timeline(nf__bw *w, nf_brief *b)
{
    nf_cluster *c = w->c;
    /* the cluster pin: a document date, else a weekday written with its date */
    int32_t pin_key = INT32_MIN;
    int pin_m = 0, pin_d = 0, pin_wd = -1;
    for (size_t d = 0; d < c->ndocs && pin_key == INT32_MIN; d++) pin_key = c->docs[d].date_key;
    if (pin_key == INT32_MIN)
        for (size_t i = 0; i < w->nrd; i++)
            if (w->rd[i].weekday >= 0 && w->rd[i].month && w->rd[i].day) {
                pin_m = w->rd[i].month;
                pin_d = w->rd[i].day;
                pin_wd = w->rd[i].weekday;
                if (w->rd[i].year) pin_key = days_from_civil(w->rd[i].year, pin_m, pin_d);
                break;
            }
    /* one event per sentence: its first date that is not when something was said or a
     * deadline ("said on Tuesday", "until Thursday"); the first date when all are */
    uint8_t *skip = nf__arena_calloc(w->a, w->nrd + 1, 1);
    if (!skip) return NF_ENOMEM;
    for (size_t i = 0; i < w->nrd;) {
        size_t j = i, pick = SIZE_MAX, said = SIZE_MAX;
        while (j < w->nrd && w->rd[j].sent == w->rd[i].sent) j++;
        for (size_t k = i; k < j && pick == SIZE_MAX; k++) {
            const nf__rdate *r = &w->rd[k];
            uint32_t s = r->sent, doc = c->sents[s].doc, t0 = w->st0[s];
            uint32_t t = t0;
            while (t < w->st1[s] && w->tok[t].start < r->start) t++;
            int weak = 0;
            for (uint32_t q = t; q > t0 && t - q < 3; q--) {
                const nf__btok *p = &w->tok[q - 1];
                if (nf__tok_has(p, LX_SPEECH)) weak |= 1;
                if (nf__tok_is(w, doc, p, "until") || nf__tok_is(w, doc, p, "by") ||
                    nf__tok_is(w, doc, p, "till") || nf__tok_is(w, doc, p, "before"))
                    weak |= 2;
            }
            if (!weak)
                pick = k;
            else if (weak == 1 && said == SIZE_MAX)
                said = k;
        }
        if (pick == SIZE_MAX) pick = said; /* a deadline alone is not an event */
        for (size_t k = i; k < j; k++) skip[k] = k != pick;
        i = j;
    }
    ev *E = nf__arena_calloc(w->a, w->nrd + 1, sizeof *E);
    size_t *eof = nf__arena_alloc(w->a, (w->nrd + 1) * sizeof *eof);
    size_t nb = 64;
    while (nb < w->nrd * 2 + 2) nb *= 2;
    size_t *head = nf__arena_alloc(w->a, nb * sizeof *head);
    size_t *chain = nf__arena_alloc(w->a, (w->nrd + 1) * sizeof *chain);
    if (!E || !eof || !head || !chain) return NF_ENOMEM;
    for (size_t i = 0; i < nb; i++) head[i] = SIZE_MAX;
    size_t ne = 0;
    int max_year = 0;
    for (size_t i = 0; i < w->nrd; i++)
        if (w->rd[i].year > max_year && w->rd[i].month) max_year = w->rd[i].year;
    for (size_t i = 0; i < w->nrd; i++) {
        nf__rdate *r = &w->rd[i];
        eof[i] = SIZE_MAX;
        if (skip[i]) continue;
        int32_t anchor = c->docs[c->sents[r->sent].doc].date_key;
        int y = r->year, m = r->month, d = r->day, res = NF_DATE_ABSOLUTE;
        if (r->rel) {
            int32_t base = anchor;
            res = NF_DATE_DOCUMENT;
            if (base == INT32_MIN) {
                base = pin_key;
                res = NF_DATE_INFERRED;
            }
            if (base != INT32_MIN) {
                int32_t key = base;
                if (r->rel == 1)
                    key = base - (weekday_of(base) - r->weekday + 7) % 7;
                else if (r->rel == 2)
                    key = base + ((r->weekday - weekday_of(base) + 6) % 7 + 1);
                else if (r->rel == 3)
                    key = base - 1;
                if (res == NF_DATE_INFERRED && r->rel <= 2) {
                    /* a pin from another document: the nearest such weekday, either way */
                    int off = (r->weekday - weekday_of(base) + 7) % 7;
                    key = base + (off > 3 ? off - 7 : off);
                }
                if (res == NF_DATE_INFERRED && r->rel > 2) {
                    res = NF_DATE_UNRESOLVED;
                } else {
                    civil_from_days(key, &y, &m, &d);
                }
            } else if (pin_wd >= 0 && r->rel <= 2) {
                int off = (r->weekday - pin_wd + 7) % 7;
                if (off > 3) off -= 7;
                int32_t key = days_from_civil(2001, pin_m, pin_d) + off; /* year-less arithmetic */
                int yy;
                civil_from_days(key, &yy, &m, &d);
                y = 0;
                res = NF_DATE_INFERRED;
            } else {
                res = NF_DATE_UNRESOLVED;
            }
        } else if (!y && m && anchor != INT32_MIN) {
            int ay, am, ad;
            civil_from_days(anchor, &ay, &am, &ad);
            y = m > am + 1 ? ay - 1 : ay;
        }
        char lab[32];
        date_label(lab, res, r, y, m, d);
        /* merge with an event of the same date from the same or a near-duplicate sentence:
         * events with the same date are chained from a small hash table */
        long code = res == NF_DATE_UNRESOLVED ? -1 - (long)(r->rel * 10 + (r->weekday + 1))
                                              : (long)y * 10000 + m * 100 + d;
        size_t bucket = (size_t)((unsigned long)code * 2654435761u) & (nb - 1);
        size_t k = ne;
        for (size_t q = head[bucket]; q != SIZE_MAX; q = chain[q]) {
            if (E[q].code != code) continue;
            uint32_t s1 = E[q].r->sent, s2 = r->sent;
            if (s1 == s2 || c->sents[s2].dup_of == (int32_t)s1 ||
                c->sents[s1].dup_of == (int32_t)s2 ||
                (c->sents[s1].dup_of >= 0 && c->sents[s1].dup_of == c->sents[s2].dup_of)) {
                k = q;
                break;
            }
        }
        if (k == ne) {
            chain[ne] = head[bucket];
            head[bucket] = ne;
            E[ne].label = nf__bw_strdup(w, lab, strlen(lab));
            if (!E[ne].label) return NF_ENOMEM;
            E[ne].code = code;
            E[ne].y = y;
            E[ne].m = m;
            E[ne].d = d;
            E[ne].res = res;
            E[ne].r = r;
            E[ne].first = i;
            ne++;
        }
        eof[i] = k;
        E[k].n++;
    }
    /* order: resolved by date (a missing year sorts as the cluster's latest year), unresolved
     * last; ties by first appearance */
    size_t *ord = nf__arena_alloc(w->a, (ne + 1) * sizeof *ord);
    if (!ord) return NF_ENOMEM;
    for (size_t i = 0; i < ne; i++) {
        size_t k = i;
        const ev *x = &E[i];
        long kx = x->res == NF_DATE_UNRESOLVED
                      ? 99999999L
                      : (long)(x->y ? x->y : max_year) * 10000 + x->m * 100 + x->d;
        while (k > 0) {
            const ev *o = &E[ord[k - 1]];
            long ko = o->res == NF_DATE_UNRESOLVED
                          ? 99999999L
                          : (long)(o->y ? o->y : max_year) * 10000 + o->m * 100 + o->d;
            if (ko < kx || (ko == kx && o->first <= x->first)) break;
            ord[k] = ord[k - 1];
            k--;
        }
        ord[k] = i;
    }
    nf_event *out = nf__arena_calloc(b->arena, ne + 1, sizeof *out);
    /* raw dates of each event (counting sort on the event) */
    size_t *estart = nf__arena_calloc(w->a, ne + 2, sizeof *estart);
    size_t *emem = nf__arena_alloc(w->a, (w->nrd + 1) * sizeof *emem);
    if (!out || !estart || !emem) return NF_ENOMEM;
    for (size_t i = 0; i < w->nrd; i++)
        if (eof[i] != SIZE_MAX) estart[eof[i] + 2]++;
    for (size_t k = 2; k < ne + 2; k++) estart[k] += estart[k - 1];
    for (size_t i = 0; i < w->nrd; i++)
        if (eof[i] != SIZE_MAX) emem[estart[eof[i] + 1]++] = i;
    for (size_t oi = 0; oi < ne; oi++) {
        const ev *x = &E[ord[oi]];
        nf_event *o = &out[oi];
        o->year = x->y;
        o->month = x->m;
        o->day = x->d;
        o->date_key = x->y && x->m && x->d ? days_from_civil(x->y, x->m, x->d) : INT32_MIN;
        o->date = x->label;
        o->resolution = (nf_date_resolution)x->res;
        const nf__rdate *r = x->r;
        const nf__sent *se = &c->sents[r->sent];
        const char *text = c->docs[se->doc].text;
        o->expression = nf__bw_collapse(w, text, r->start, r->end);
        o->text = nf__bw_collapse(w, text, se->start, se->end);
        nf_mention *m = nf__arena_alloc(b->arena, x->n * sizeof *m);
        if (!o->expression || !o->text || !m) return NF_ENOMEM;
        size_t mi = 0;
        for (size_t gi = estart[ord[oi]]; gi < estart[ord[oi] + 1]; gi++) {
            size_t i = emem[gi];
            const nf__sent *s2 = &c->sents[w->rd[i].sent];
            bool dup = false;
            for (size_t q = 0; q < mi; q++)
                if (m[q].doc == s2->doc && m[q].start == s2->start) dup = true;
            if (!dup) m[mi++] = (nf_mention){s2->doc, s2->start, s2->end};
        }
        o->mentions = m;
        o->nmentions = mi;
    }
    b->events = out;
    b->nevents = ne;
    return NF_OK;
}
