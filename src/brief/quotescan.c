/* quotescan.c - direct quotations of every kept block, as byte spans without the marks.
 *
 * A mark opens or closes by where it stands, not only by its shape: outlets mix straight and
 * curly marks, and scraped text has “ where ” belongs. A mark with space (or a block edge, or an
 * opening bracket) before it and a letter after it opens; one with a letter before it and space or
 * punctuation after it closes; a straight mark between spaces does whatever the state needs.
 * DUC's `` '' pairs count as double marks. A quote still open at the end of its paragraph ends
 * there when the next paragraph starts with an opening mark (the convention for quotes over
 * several paragraphs: each paragraph's segment is its own quote, the next one marked as its
 * continuation); otherwise it is kept only when its paragraph ends a sentence there,
 * and dropped when it would be cut. Documents without any double mark are read in the British
 * style, with single marks. The marks are found among the punctuation tokens (tokens.c), so
 * this stage never rereads the text byte by byte; it then flags the quoted tokens BT_INQ. */
#include "brief.h"

#include <string.h>

enum { NAT_NEUTRAL, NAT_OPEN, NAT_CLOSE };

static int nature(const char *p, size_t ml)
{
    unsigned char c = (unsigned char)p[0];
    if (ml == 2 && c == '`') return NAT_OPEN;
    if (ml == 2 && c == '\'') return NAT_CLOSE;
    if (ml == 3) {
        unsigned char d = (unsigned char)p[2];
        if (d == 0x9C || d == 0x9E || d == 0x9F || d == 0x98) return NAT_OPEN;
        return NAT_CLOSE; /* ” ’ */
    }
    if (ml == 2 && c == 0xC2) return (unsigned char)p[1] == 0xAB ? NAT_OPEN : NAT_CLOSE;
    return NAT_NEUTRAL;
}

static bool open_ctx(unsigned char c)
{
    return nf__isspace(c) || c == '(' || c == '[' || c == '{' || c == '-' || c == '/' || c == ':' ||
           c == '\0';
}

static bool close_ctx(unsigned char c)
{
    return nf__isspace(c) || c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
           c == ')' || c == ']' || c == '}' || c == '-' || c == '\0';
}

/* The character before i as an ASCII class stand-in: letters give 'a', other non-ASCII
 * characters (dashes, quotes, ellipsis) '-', which counts as an opening context. */
static unsigned char before(const char *t, uint32_t bs, uint32_t i)
{
    if (i <= bs) return '\0';
    unsigned char c = (unsigned char)t[i - 1];
    if (c < 0x80) return c;
    uint32_t k = i - 1;
    while (k > bs && ((unsigned char)t[k] & 0xC0) == 0x80) k--;
    int32_t cp;
    nf__utf8_decode(t + k, i - k, &cp);
    return (cp >= 0x2010 && cp <= 0x206F) || cp == 0xAB || cp == 0xBB ? '-' : 'a';
}

static unsigned char after(const char *t, uint32_t be, uint32_t i)
{
    if (i >= be) return '\0';
    unsigned char c = (unsigned char)t[i];
    if (c == 0xE2) return '-'; /* dashes, ellipsis, quotes */
    return c;
}

typedef struct qs {
    nf__bw *w;
    uint32_t doc;
    const char *t;
    bool open;
    uint32_t qstart, open_at;
    size_t part_mark; /* nqparts when the open quote started */
    size_t nparts;
    bool cont;      /* the open quote continues the previous paragraph's quote */
    bool cont_next; /* a quote was left open at the end of the previous paragraph */
} qs;

static bool add_part(qs *q, uint32_t s, uint32_t e)
{
    nf__bw *w = q->w;
    const char *t = q->t;
    while (s < e && nf__isspace((unsigned char)t[s])) s++;
    while (e > s && nf__isspace((unsigned char)t[e - 1])) e--;
    void *p = w->qparts;
    if (!nf__bw_grow(w, &p, &w->capqparts, w->nqparts + 1, sizeof *w->qparts)) return false;
    w->qparts = p;
    w->qparts[w->nqparts++] = (nf__span){s, e};
    q->nparts++;
    return true;
}

static nf_status finish(qs *q, uint32_t close_at, int closed)
{
    nf__bw *w = q->w;
    /* drop a trailing comma ("...next door," she said) and empty parts */
    nf__span *last = &w->qparts[w->nqparts - 1];
    while (last->end > last->start &&
           (q->t[last->end - 1] == ',' || nf__isspace((unsigned char)q->t[last->end - 1])))
        last->end--;
    bool words = false; /* whether the quote has a word at all: the first one settles it */
    for (size_t k = q->part_mark; k < w->nqparts && !words; k++)
        for (uint32_t i = w->qparts[k].start; i < w->qparts[k].end; i++)
            if (nf__isalnum((unsigned char)q->t[i]) || (unsigned char)q->t[i] >= 0xC0) {
                words = true;
                break;
            }
    q->open = false;
    if (!words) {
        w->nqparts = q->part_mark;
        return NF_OK;
    }
    void *p = w->rq;
    if (!nf__bw_grow(w, &p, &w->caprq, w->nrq + 1, sizeof *w->rq)) return NF_ENOMEM;
    w->rq = p;
    nf__rquote *r = &w->rq[w->nrq++];
    memset(r, 0, sizeof *r);
    r->doc = q->doc;
    r->part0 = (uint32_t)q->part_mark;
    r->nparts = (uint32_t)(w->nqparts - q->part_mark);
    r->open_at = q->open_at;
    r->close_at = close_at;
    r->closed = closed;
    r->cont = q->cont;
    return NF_OK;
}

static bool ends_sentence(const char *t, uint32_t s, uint32_t e)
{
    while (e > s && nf__isspace((unsigned char)t[e - 1])) e--;
    if (e == s) return false;
    unsigned char c = (unsigned char)t[e - 1];
    if (c == ')' && e - 1 > s) c = (unsigned char)t[e - 2];
    if (c == '.' || c == '?' || c == '!') return true;
    return e - s >= 3 && (unsigned char)t[e - 3] == 0xE2 && (unsigned char)t[e - 2] == 0x80 &&
           (unsigned char)t[e - 1] == 0xA6; /* … */
}

/* Offset just past an opening mark at the start of block [s, e), or 0. */
static uint32_t starts_with_open(const char *t, uint32_t s, uint32_t e, bool dbl_mode)
{
    while (s < e && nf__isspace((unsigned char)t[s])) s++;
    int dbl;
    size_t ml = s < e ? nf__quote_mark(t + s, e - s, &dbl) : 0;
    if (!ml || (dbl != 0) != dbl_mode || nature(t + s, ml) == NAT_CLOSE) return 0;
    return s + (uint32_t)ml;
}

static nf_status scan_marks(nf__bw *w, uint32_t d, bool dbl_mode, bool *seen_double,
                            bool *seen_single);

static nf_status scan_doc(nf__bw *w, uint32_t d)
{
    /* double marks first; a document without any is read again in the British style */
    for (int pass = 0; pass < 2; pass++) {
        bool dbl_mode = pass == 0, seen_double = false, seen_single = false;
        nf_status st = scan_marks(w, d, dbl_mode, &seen_double, &seen_single);
        if (st != NF_OK || seen_double || !seen_single) return st;
    }
    return NF_OK;
}

static nf_status scan_marks(nf__bw *w, uint32_t d, bool dbl_mode, bool *seen_double,
                            bool *seen_single)
{
    const nf__doc *doc = &w->c->docs[d];
    const char *t = doc->text;
    qs q = {w, d, t, false, 0, 0, 0, 0, false, false};
    if (!doc->nsents) return NF_OK;
    /* the marks are punctuation tokens: walk those, block by block */
    size_t s = doc->first_sent, send = doc->first_sent + doc->nsents;
    uint32_t kbeg = w->st0[s], kend = w->st1[send - 1];
    /* this document's marks in the tokenizer's list */
    size_t lo = 0, hi = w->l_qm.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->l_qm.v[mid] < kbeg)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t qi = lo;
    for (size_t b = 0; b < doc->nblocks; b++) {
        uint32_t bs = doc->blocks[b].start, be = doc->blocks[b].end;
        uint32_t cont_at = q.cont_next ? starts_with_open(t, bs, be, dbl_mode) : 0;
        for (; qi < w->l_qm.n && w->l_qm.v[qi] < kend && w->tok[w->l_qm.v[qi]].start < be; qi++) {
            const nf__btok *tk = &w->tok[w->l_qm.v[qi]];
            if (tk->start < bs) continue;
            uint32_t i = tk->start;
            int dbl;
            size_t ml = nf__quote_mark(t + i, be - i, &dbl);
            if (!ml || ml != nf__tok_n(tk)) continue;
            if (dbl && !(ml == 2 && t[i] == '\''))
                *seen_double = true;
            else if (!dbl)
                *seen_single = true;
            if ((dbl != 0) != dbl_mode) continue;
            int nat = nature(t + i, ml);
            unsigned char pc = before(t, bs, i), nc = after(t, be, i + (uint32_t)ml);
            bool op = open_ctx(pc);
            bool cl = close_ctx(nc) || nc == '"' || nc == '\'';
            if (!dbl_mode && ml == 1 && !op && !cl) continue; /* an apostrophe inside a word */
            /* tokenized text splits a plural possessive off its word: "keats ' new project" */
            if (!dbl_mode && ml == 1 && i >= bs + 2 && t[i - 1] == ' ' &&
                (t[i - 2] == 's' || t[i - 2] == 'S') && i + 1 < be && t[i + 1] == ' ')
                continue;
            bool can_open = op && (nat != NAT_CLOSE || !cl);
            bool can_close = cl && (nat != NAT_OPEN || !op);
            if (!q.open) {
                if (can_open && !(nat == NAT_NEUTRAL && cl && !op)) {
                    q.open = true;
                    q.open_at = i;
                    q.qstart = i + (uint32_t)ml;
                    q.part_mark = w->nqparts;
                    q.nparts = 0;
                    q.cont = cont_at && i + ml == cont_at;
                }
            } else if (can_close && i > q.qstart) {
                if (!add_part(&q, q.qstart, i)) return NF_ENOMEM;
                nf_status st = finish(&q, i, 1);
                if (st != NF_OK) return st;
            } else if (can_open && nat == NAT_OPEN) {
                /* a new opening mark while one is open: the first one never closed */
                w->nqparts = q.part_mark;
                q.open_at = i;
                q.qstart = i + (uint32_t)ml;
                q.nparts = 0;
            }
        }
        q.cont_next = false;
        if (!q.open) continue;
        /* open at the end of the paragraph: each paragraph's segment is a quote of its own; the
         * next paragraph's opening mark continues it (the convention for long quotes) */
        bool more = b + 1 < doc->nblocks && starts_with_open(t, doc->blocks[b + 1].start,
                                                             doc->blocks[b + 1].end, dbl_mode) != 0;
        if (q.qstart < be && !add_part(&q, q.qstart, be)) return NF_ENOMEM;
        if (more && q.nparts > 0) {
            nf_status st = finish(&q, be, 0);
            if (st != NF_OK) return st;
            q.cont_next = true;
            continue;
        }
        if (ends_sentence(t, q.qstart, be) && q.nparts > 0) {
            nf_status st = finish(&q, be, 0);
            if (st != NF_OK) return st;
        } else {
            w->nqparts = q.part_mark; /* never a quote without its end */
            q.open = false;
        }
    }
    if (q.open) w->nqparts = q.part_mark;
    return NF_OK;
}

nf_status nf__brief_quotes_scan(nf__bw *w)
{
    for (uint32_t d = 0; d < w->c->ndocs; d++) {
        nf_status st = scan_doc(w, d);
        if (st != NF_OK) return st;
    }
    /* tokens inside quoted spans */
    for (size_t r = 0; r < w->nrq; r++) {
        const nf__rquote *q = &w->rq[r];
        const nf__doc *doc = &w->c->docs[q->doc];
        for (uint32_t p = 0; p < q->nparts; p++) {
            const nf__span *sp = &w->qparts[q->part0 + p];
            /* first token at or after the span start: binary search in the document */
            uint32_t lo = w->st0[doc->first_sent], hi = w->st1[doc->first_sent + doc->nsents - 1];
            while (lo < hi) {
                uint32_t mid = lo + (hi - lo) / 2;
                if (w->tok[mid].start < sp->start)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (uint32_t k = lo; k < w->ntok && w->tok[k].start < sp->end; k++)
                w->tok[k].fl |= BT_INQ;
        }
    }
    /* the sentence holding each opening mark */
    for (size_t r = 0; r < w->nrq; r++) {
        nf__rquote *q = &w->rq[r];
        const nf__doc *doc = &w->c->docs[q->doc];
        size_t lo = doc->first_sent, hi = doc->first_sent + doc->nsents;
        uint32_t at = w->qparts[q->part0].start;
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (w->c->sents[mid].start <= at)
                lo = mid;
            else
                hi = mid;
        }
        q->sent = (uint32_t)lo;
    }
    return NF_OK;
}
