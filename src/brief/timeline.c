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

static int weak_date(const nf__bw *w, const nf__rdate *r)
{
    uint32_t s = r->sent, doc = w->c->sents[s].doc, t0 = w->st0[s];
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
    return weak;
}

static nf_status add(nf__bw *w, const nf__rdate *d)
{
    void *p = w->rd;
    if (!nf__bw_grow(w, &p, &w->caprd, w->nrd + 1, sizeof *w->rd)) return NF_ENOMEM;
    w->rd = p;
    w->rd[w->nrd] = *d;
    w->rd[w->nrd++].weak = weak_date(w, d); /* the tokens are gone when the timeline reads it */
    return NF_OK;
}

/* A wire dateline's date: "ANKARA, August 20 (Xinhua) --", "WASHINGTON, Aug. 20 --" in the
 * first bytes of the document (the clean stage drops the dateline from the text the brief reads,
 * so the raw text is scanned). 0 when there is none; else month * 100 + day. */
static int dateline_month_day(const nf__bw *w, const char *t, size_t n)
{
    size_t lim = n < 160 ? n : 160;
    for (size_t i = 0; i < lim; i++) {
        if (t[i] == '\n' || t[i] == '(' || (t[i] == '-' && i + 1 < lim && t[i + 1] == '-')) break;
        if (i && t[i - 1] != ' ' && t[i - 1] != ',') continue;
        size_t e = i;
        while (e < lim && (nf__isalpha((unsigned char)t[e]) || t[e] == '.')) e++;
        if (e == i || e >= lim || t[e] != ' ') continue;
        const nf__lex *lx = nf__lex_find(w->lx, t + i, e - i);
        if ((!lx || !(lx->flags & LX_MONTH)) && e - i > 1 && t[e - 1] == '.')
            lx = nf__lex_find(w->lx, t + i, e - i - 1);
        if (!lx || !(lx->flags & LX_MONTH)) continue;
        int day = 0;
        size_t k = e + 1;
        while (k < lim && nf__isdigit((unsigned char)t[k]) && day < 100)
            day = day * 10 + (t[k++] - '0');
        if (day >= 1 && day <= 31 && (k >= lim || !nf__isalnum((unsigned char)t[k])))
            return (int)lx->value * 100 + day;
    }
    return 0;
}

/* Each document's date: its own, else its dateline's in the story's year (the latest year the
 * cluster writes), else unknown. Used for relative dates and for the order of updates. */
nf_status nf__brief_doc_dates(nf__bw *w)
{
    const nf_cluster *c = w->c;
    w->docdate = nf__arena_alloc(w->a, (c->ndocs + 1) * sizeof *w->docdate);
    if (!w->docdate) return NF_ENOMEM;
    for (size_t d = 0; d < c->ndocs; d++) {
        w->docdate[d] = c->docs[d].date_key;
        if (w->docdate[d] != INT32_MIN || !w->story_year) continue;
        int md = dateline_month_day(w, c->docs[d].text, c->docs[d].len);
        if (md) w->docdate[d] = days_from_civil(w->story_year, md / 100, md % 100);
    }
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
            nf__rdate r = {(uint32_t)s, t->start, t->end, 0, 0, 0, -1, 0, 0, 0};
            /* a month: capitalized, or any in a case-folded document (a day or year must
             * follow either way) */
            if ((nf__tok_lxf(t) & (LX_MONTH)) && ((t->fl & BT_CAP) || w->lowdoc[doc])) {
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
            } else if ((nf__tok_lxf(t) & (LX_WEEKDAY)) && (t->fl & BT_CAP)) {
                r.weekday = (int)nf__tok_lex(w, t)->value;
                r.rel = tis(w, doc, k - 1, e, "next") ? 2 : 1;
                nf_status st = add(w, &r);
                if (st != NF_OK) return st;
            } else if ((nf__tok_lxf(t) & LX_RELDAY) && !(t->fl & BT_INQ) &&
                       (nf__tok_is(w, doc, t, "yesterday") || nf__tok_is(w, doc, t, "today"))) {
                r.rel = nf__tok_is(w, doc, t, "yesterday") ? 3 : 4;
                nf_status st = add(w, &r);
                if (st != NF_OK) return st;
            } else if ((nf__tok_lxf(t) & (LX_PREP | LX_TIMEREL)) && k + 1 < e &&
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

/* The cluster pin that relative dates of undated documents are resolved against: the latest
 * document date (key, latest = 1), else a weekday written with its date (m, d, wd; key too when
 * it has a year). */
typedef struct pin {
    int32_t key;
    int m, d, wd;
    int latest; /* key is the latest document date: undated reports were written by then */
} pin;

/* The events being collected: events with the same date are chained from a small hash table. */
typedef struct tl {
    nf__bw *w;
    ev *E;
    size_t ne;
    size_t *eof;          /* per raw date: its event, SIZE_MAX when it makes none */
    size_t *head, *chain; /* nb buckets of event chains */
    size_t nb;
} tl;

static pin cluster_pin(const nf__bw *w)
{
    const nf_cluster *c = w->c;
    pin p = {INT32_MIN, 0, 0, -1, 0};
    /* the latest document date: an undated report was written by then, not before the others */
    for (size_t d = 0; d < c->ndocs; d++)
        if (w->docdate[d] != INT32_MIN && (p.key == INT32_MIN || w->docdate[d] > p.key))
            p.key = w->docdate[d];
    if (p.key != INT32_MIN) {
        p.latest = 1;
        return p;
    }
    for (size_t i = 0; i < w->nrd; i++)
        if (w->rd[i].weekday >= 0 && w->rd[i].month && w->rd[i].day) {
            p.m = w->rd[i].month;
            p.d = w->rd[i].day;
            p.wd = w->rd[i].weekday;
            if (w->rd[i].year) p.key = days_from_civil(w->rd[i].year, p.m, p.d);
            break;
        }
    return p;
}

/* 1 when the date follows a speech verb ("said on Tuesday"), 2 when it is a deadline ("until
 * Thursday"), 3 both, 0 neither: the words just before the date decide. */
/* One event per sentence: its first date that is not when something was said or a deadline;
 * the first "said" date when all are. skip[k] is set for every other raw date. */
static void one_date_per_sentence(const nf__bw *w, uint8_t *skip)
{
    for (size_t i = 0; i < w->nrd;) {
        size_t j = i, pick = SIZE_MAX, said = SIZE_MAX;
        while (j < w->nrd && w->rd[j].sent == w->rd[i].sent) j++;
        for (size_t k = i; k < j && pick == SIZE_MAX; k++) {
            int weak = w->rd[k].weak;
            if (!weak)
                pick = k;
            else if (weak == 1 && said == SIZE_MAX)
                said = k;
        }
        if (pick == SIZE_MAX) pick = said; /* a deadline alone is not an event */
        for (size_t k = i; k < j; k++) skip[k] = k != pick;
        i = j;
    }
}

/* A relative date (weekday, "yesterday", "today") against the document date (anchor), else the
 * cluster pin. Returns the nf_date_resolution; *y, *m, *d get the date. */
static int resolve_relative(const nf__rdate *r, int32_t anchor, const pin *pn, int *y, int *m,
                            int *d)
{
    int32_t base = anchor;
    int res = NF_DATE_DOCUMENT;
    if (base == INT32_MIN) {
        base = pn->key;
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
        if (res == NF_DATE_INFERRED && r->rel <= 2 && !pn->latest) {
            /* a weekday pinned by another sentence: the nearest such weekday, either way (with
             * the latest document date the weekday on or before it, as for a dated report) */
            int off = (r->weekday - weekday_of(base) + 7) % 7;
            key = base + (off > 3 ? off - 7 : off);
        }
        if (res == NF_DATE_INFERRED && r->rel > 2) return NF_DATE_UNRESOLVED;
        civil_from_days(key, y, m, d);
        return res;
    }
    if (pn->wd >= 0 && r->rel <= 2) {
        int off = (r->weekday - pn->wd + 7) % 7;
        if (off > 3) off -= 7;
        int32_t key = days_from_civil(2001, pn->m, pn->d) + off; /* year-less arithmetic */
        int yy;
        civil_from_days(key, &yy, m, d);
        *y = 0;
        return NF_DATE_INFERRED;
    }
    return NF_DATE_UNRESOLVED;
}

/* The date of raw date r as the timeline shows it; returns the nf_date_resolution. */
static int resolve_date(const nf__bw *w, const nf__rdate *r, const pin *pn, int *y, int *m, int *d)
{
    int32_t anchor = w->docdate[w->c->sents[r->sent].doc];
    *y = r->year;
    *m = r->month;
    *d = r->day;
    if (r->rel) return resolve_relative(r, anchor, pn, y, m, d);
    if (!*y && *m && anchor != INT32_MIN) {
        /* a month without a year: the document's year, the year before for a later month */
        int ay, am, ad;
        civil_from_days(anchor, &ay, &am, &ad);
        *y = *m > am + 1 ? ay - 1 : ay;
    }
    return NF_DATE_ABSOLUTE;
}

static bool same_or_dup_sentence(const nf_cluster *c, uint32_t s1, uint32_t s2)
{
    return s1 == s2 || c->sents[s2].dup_of == (int32_t)s1 || c->sents[s1].dup_of == (int32_t)s2 ||
           (c->sents[s1].dup_of >= 0 && c->sents[s1].dup_of == c->sents[s2].dup_of);
}

/* Raw date i with its resolved date joins the event of the same date from the same or a
 * near-duplicate sentence, or starts a new one. */
static nf_status add_to_event(tl *t, size_t i, int res, int y, int m, int d)
{
    const nf_cluster *c = t->w->c;
    const nf__rdate *r = &t->w->rd[i];
    long code = res == NF_DATE_UNRESOLVED ? -1 - (long)(r->rel * 10 + (r->weekday + 1))
                                          : (long)y * 10000 + m * 100 + d;
    size_t bucket = (size_t)((unsigned long)code * 2654435761u) & (t->nb - 1);
    size_t k = t->ne;
    for (size_t q = t->head[bucket]; q != SIZE_MAX; q = t->chain[q])
        if (t->E[q].code == code && same_or_dup_sentence(c, t->E[q].r->sent, r->sent)) {
            k = q;
            break;
        }
    if (k == t->ne) {
        char lab[32];
        date_label(lab, res, r, y, m, d);
        ev *x = &t->E[t->ne];
        t->chain[t->ne] = t->head[bucket];
        t->head[bucket] = t->ne;
        x->label = nf__bw_strdup(t->w, lab, strlen(lab));
        if (!x->label) return NF_ENOMEM;
        x->code = code;
        x->y = y;
        x->m = m;
        x->d = d;
        x->res = res;
        x->r = r;
        x->first = i;
        t->ne++;
    }
    t->eof[i] = k;
    t->E[k].n++;
    return NF_OK;
}

/* Every raw date that is not skipped, resolved and merged into the events. */
static nf_status collect_events(tl *t, const uint8_t *skip, const pin *pn)
{
    nf__bw *w = t->w;
    t->E = nf__arena_calloc(w->a, w->nrd + 1, sizeof *t->E);
    t->eof = nf__arena_alloc(w->a, (w->nrd + 1) * sizeof *t->eof);
    t->nb = 64;
    while (t->nb < w->nrd * 2 + 2) t->nb *= 2;
    t->head = nf__arena_alloc(w->a, t->nb * sizeof *t->head);
    t->chain = nf__arena_alloc(w->a, (w->nrd + 1) * sizeof *t->chain);
    if (!t->E || !t->eof || !t->head || !t->chain) return NF_ENOMEM;
    for (size_t i = 0; i < t->nb; i++) t->head[i] = SIZE_MAX;
    t->ne = 0;
    for (size_t i = 0; i < w->nrd; i++) {
        t->eof[i] = SIZE_MAX;
        if (skip[i]) continue;
        int y, m, d;
        int res = resolve_date(w, &w->rd[i], pn, &y, &m, &d);
        nf_status st = add_to_event(t, i, res, y, m, d);
        if (st != NF_OK) return st;
    }
    return NF_OK;
}

/* Sort key: resolved by date (a missing year counts as max_year), unresolved last. */
static long order_key(const ev *x, int max_year)
{
    return x->res == NF_DATE_UNRESOLVED
               ? 99999999L
               : (long)(x->y ? x->y : max_year) * 10000 + x->m * 100 + x->d;
}

/* ord[0..ne): the events by date, ties by first appearance (insertion sort: stable). A missing
 * year sorts as the cluster's latest year. */
static size_t *order_events(const tl *t)
{
    const nf__bw *w = t->w;
    int max_year = 0;
    for (size_t i = 0; i < w->nrd; i++)
        if (w->rd[i].year > max_year && w->rd[i].month) max_year = w->rd[i].year;
    if (w->story_year > max_year) max_year = w->story_year; /* "September 17" after "in 2011" */
    size_t *ord = nf__arena_alloc(w->a, (t->ne + 1) * sizeof *ord);
    if (!ord) return NULL;
    for (size_t i = 0; i < t->ne; i++) {
        size_t k = i;
        const ev *x = &t->E[i];
        long kx = order_key(x, max_year);
        while (k > 0) {
            const ev *o = &t->E[ord[k - 1]];
            long ko = order_key(o, max_year);
            if (ko < kx || (ko == kx && o->first <= x->first)) break;
            ord[k] = ord[k - 1];
            k--;
        }
        ord[k] = i;
    }
    return ord;
}

/* The public event of x with one mention per distinct sentence of its raw dates
 * emem[from, to). */
static nf_status emit_event(tl *t, nf_brief *b, const ev *x, const size_t *emem, size_t from,
                            size_t to, nf_event *o)
{
    nf__bw *w = t->w;
    const nf_cluster *c = w->c;
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
    for (size_t gi = from; gi < to; gi++) {
        const nf__sent *s2 = &c->sents[w->rd[emem[gi]].sent];
        bool dup = false;
        for (size_t q = 0; q < mi; q++)
            if (m[q].doc == s2->doc && m[q].start == s2->start) dup = true;
        if (!dup) m[mi++] = (nf_mention){s2->doc, s2->start, s2->end};
    }
    o->mentions = m;
    o->nmentions = mi;
    return NF_OK;
}

/* The events in order into the brief, each with its mentions. */
static nf_status emit_events(tl *t, nf_brief *b, const size_t *ord)
{
    nf__bw *w = t->w;
    size_t ne = t->ne;
    nf_event *out = nf__arena_calloc(b->arena, ne + 1, sizeof *out);
    /* raw dates of each event (counting sort on the event) */
    size_t *estart = nf__arena_calloc(w->a, ne + 2, sizeof *estart);
    size_t *emem = nf__arena_alloc(w->a, (w->nrd + 1) * sizeof *emem);
    if (!out || !estart || !emem) return NF_ENOMEM;
    for (size_t i = 0; i < w->nrd; i++)
        if (t->eof[i] != SIZE_MAX) estart[t->eof[i] + 2]++;
    for (size_t k = 2; k < ne + 2; k++) estart[k] += estart[k - 1];
    for (size_t i = 0; i < w->nrd; i++)
        if (t->eof[i] != SIZE_MAX) emem[estart[t->eof[i] + 1]++] = i;
    for (size_t oi = 0; oi < ne; oi++) {
        nf_status st =
            emit_event(t, b, &t->E[ord[oi]], emem, estart[ord[oi]], estart[ord[oi] + 1], &out[oi]);
        if (st != NF_OK) return st;
    }
    b->events = out;
    b->nevents = ne;
    return NF_OK;
}

/* The timeline: pin the cluster, keep one date per sentence, resolve and merge the dates into
 * events, order them, write them into the brief. */
nf_status nf__brief_timeline(nf__bw *w, nf_brief *b)
{
    pin pn = cluster_pin(w);
    uint8_t *skip = nf__arena_calloc(w->a, w->nrd + 1, 1);
    if (!skip) return NF_ENOMEM;
    one_date_per_sentence(w, skip);
    tl t = {w, NULL, 0, NULL, NULL, NULL, 0};
    nf_status st = collect_events(&t, skip, &pn);
    if (st != NF_OK) return st;
    size_t *ord = order_events(&t);
    if (!ord) return NF_ENOMEM;
    return emit_events(&t, b, ord);
}
