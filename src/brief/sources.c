/* sources.c - what each document contributes, near-duplicate documents, and the entities that
 * run through the cluster.
 *
 * The outlet of a document is its metadata source, else a credit in its first lines ("(CNN)" glued
 * to the first word, a wire dateline "CITY, Country (Newswire) --", a parenthesized name on a line
 * of its own start), else the host of its URL. Shared sentences are the near-duplicates the
 * analysis found across documents; facts found only in a document are the figures and quotes whose
 * every mention is in it. Entities are registry names (titles split off, surnames folded into the
 * full name) seen in at least half of the documents (two at least). */
#include "brief.h"
#include "clean/clean.h"

#include <string.h>

static bool outlet_char(unsigned char c)
{
    return nf__isalnum(c) || c == ' ' || c == '&' || c == '.' || c == '-' || c == '\'' || c >= 0x80;
}

/* The wire agency (data/boilerplate.txt's `agency` list) spelled t[0, n) in any case, as the list
 * writes it: "reuters" -> "Reuters". */
static const char *known_agency(const char *t, size_t n)
{
    const nf__bp_rules *r = nf__bp_default();
    for (size_t i = 0; r && i < r->nagency; i++) {
        const char *a = r->pool + r->agency[i].off;
        if (r->agency[i].len != n) continue;
        size_t k = 0;
        while (k < n && nf__tolower((unsigned char)a[k]) == nf__tolower((unsigned char)t[k])) k++;
        if (k == n) return a;
    }
    return NULL;
}

/* "(CNN)" style credit in the first bytes of the text. Scraped text that was lowercased and
 * split at punctuation writes it "( reuters ) -": spaces inside the marks are allowed, and a
 * name not in capitals must be a known agency, returned in its usual spelling. */
static const char *text_outlet(nf__bw *w, const nf__doc *d)
{
    const char *t = d->text;
    size_t lim = d->len < 600 ? d->len : 600;
    for (size_t i = 0; i < lim; i++) {
        const char *par = memchr(t + i, '(', lim - i);
        if (!par) break;
        i = (size_t)(par - t);
        size_t j = i + 1;
        while (j < d->len && j - i < 32 && outlet_char((unsigned char)t[j])) j++;
        size_t b0 = i + 1, b1 = j; /* the name, without the spaces inside the marks */
        while (b0 < b1 && t[b0] == ' ') b0++;
        while (b1 > b0 && t[b1 - 1] == ' ') b1--;
        if (j >= d->len || t[j] != ')' || b1 - b0 < 2) continue;
        const char *agency =
            nf__isupper((unsigned char)t[b0]) ? NULL : known_agency(t + b0, b1 - b0);
        if (!agency && !nf__isupper((unsigned char)t[b0])) continue;
        if (!agency && (b0 > i + 1 || b1 - b0 < 2)) continue; /* "( X )" only for an agency */
        bool line_start = i == 0 || t[i - 1] == '\n';
        size_t k = j + 1;
        bool glued = k < d->len && nf__isupper((unsigned char)t[k]);
        while (k < d->len && t[k] == ' ') k++;
        bool dash = k < d->len && (t[k] == '-' || (unsigned char)t[k] == 0xE2);
        if (!(line_start || glued || dash)) continue;
        if (agency) return nf__bw_strdup(w, agency, strlen(agency));
        /* not a credit line like "(Reporting by ...)" */
        bool lower_words = false;
        for (size_t q = b0; q < b1; q++)
            if (t[q] == ' ' && q + 1 < b1 && nf__islower((unsigned char)t[q + 1]))
                lower_words = true;
        if (lower_words) continue;
        return nf__bw_strdup(w, t + b0, b1 - b0);
    }
    return NULL;
}

static const char *url_host(nf__bw *w, const char *url)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    if (strncmp(p, "www.", 4) == 0) p += 4;
    size_t n = 0;
    while (p[n] && p[n] != '/' && p[n] != ':' && p[n] != '?' && p[n] != '#') n++;
    return n ? nf__bw_strdup(w, p, n) : NULL;
}

/* The outlet of document d: its metadata source, a credit in its text, or its URL's host. */
static nf_status find_outlet(nf__bw *w, const nf__doc *doc, nf_source *s)
{
    if (doc->meta.source && doc->meta.source[0]) {
        s->outlet = nf__bw_strdup(w, doc->meta.source, strlen(doc->meta.source));
        if (!s->outlet) return NF_ENOMEM;
        s->outlet_from = "meta";
    } else if ((s->outlet = text_outlet(w, doc)) != NULL) {
        s->outlet_from = "text";
    } else if (doc->meta.url && (s->outlet = url_host(w, doc->meta.url)) != NULL) {
        s->outlet_from = "url";
    }
    return NF_OK;
}

/* Sizes, shared sentences and the sentences found only in this document (headlines aside). */
static nf_status count_sentences(nf__bw *w, nf_brief *b, const nf__doc *doc, const uint8_t *shared,
                                 nf_source *s)
{
    const nf_cluster *c = w->c;
    s->bytes = doc->len;
    s->sentences = doc->nsents;
    size_t nu = 0;
    for (size_t i = doc->first_sent; i < doc->first_sent + doc->nsents; i++) {
        s->words += c->sents[i].nwords;
        s->shared_sentences += shared[i];
        nu += !shared[i] && !(c->sents[i].flags & NF__S_HEADLINE);
    }
    size_t *us = nf__arena_alloc(b->arena, (nu + 1) * sizeof *us);
    if (!us) return NF_ENOMEM;
    for (size_t i = doc->first_sent; i < doc->first_sent + doc->nsents; i++)
        if (!shared[i] && !(c->sents[i].flags & NF__S_HEADLINE)) us[s->nunique_sentences++] = i;
    s->unique_sentences = us;
    return NF_OK;
}

/* The documents that near-duplicate document d. */
static nf_status find_duplicates(nf__bw *w, nf_brief *b, size_t d, nf_source *s)
{
    const nf_cluster *c = w->c;
    size_t *dd = nf__arena_alloc(b->arena, (c->ndup_pairs + 1) * sizeof *dd);
    if (!dd) return NF_ENOMEM;
    for (size_t p = 0; p < c->ndup_pairs; p++) {
        uint32_t a = c->dup_pairs[2 * p], bb = c->dup_pairs[2 * p + 1];
        if (a == d)
            dd[s->nduplicates++] = bb;
        else if (bb == d)
            dd[s->nduplicates++] = a;
    }
    s->duplicates = dd;
    return NF_OK;
}

/* The document a fact is found in when it is found in one only, else SIZE_MAX. */
static size_t only_doc(size_t ndocs, const nf_mention *m, size_t nm)
{
    return ndocs == 1 && nm ? m[0].doc : SIZE_MAX;
}

/* Figures and quotes found in one document only, listed under that document: counted, then
 * filled, in one pass each over the figures and the quotes. */
static nf_status facts_only_here(nf__bw *w, nf_brief *b, nf_source *S)
{
    const nf_cluster *c = w->c;
    size_t *only_f = nf__arena_alloc(w->a, (b->nkeyfigures + 1) * sizeof *only_f);
    size_t *only_q = nf__arena_alloc(w->a, (b->nquotes + 1) * sizeof *only_q);
    if (!only_f || !only_q) return NF_ENOMEM;
    for (size_t f = 0; f < b->nkeyfigures; f++) {
        const nf_figure *fg = &b->figures[f];
        only_f[f] = only_doc(fg->ndocs, fg->mentions, fg->nmentions);
        if (only_f[f] != SIZE_MAX) S[only_f[f]].nunique_figures++;
    }
    for (size_t q = 0; q < b->nquotes; q++) {
        const nf_quote *qt = &b->quotes[q];
        only_q[q] = only_doc(qt->ndocs, qt->mentions, qt->nmentions);
        if (only_q[q] != SIZE_MAX) S[only_q[q]].nunique_quotes++;
    }
    for (size_t d = 0; d < c->ndocs; d++) {
        S[d].unique_figures =
            nf__arena_alloc(b->arena, (S[d].nunique_figures + 1) * sizeof(size_t));
        S[d].unique_quotes = nf__arena_alloc(b->arena, (S[d].nunique_quotes + 1) * sizeof(size_t));
        if (!S[d].unique_figures || !S[d].unique_quotes) return NF_ENOMEM;
        S[d].nunique_figures = S[d].nunique_quotes = 0;
    }
    for (size_t f = 0; f < b->nkeyfigures; f++)
        if (only_f[f] != SIZE_MAX) {
            nf_source *sd = &S[only_f[f]];
            ((size_t *)sd->unique_figures)[sd->nunique_figures++] = f;
        }
    for (size_t q = 0; q < b->nquotes; q++)
        if (only_q[q] != SIZE_MAX) {
            nf_source *sd = &S[only_q[q]];
            ((size_t *)sd->unique_quotes)[sd->nunique_quotes++] = q;
        }
    return NF_OK;
}

/* The analysis's near-duplicate document pairs, copied into the brief. */
static nf_status copy_duplicate_pairs(const nf_cluster *c, nf_brief *b)
{
    b->ndups = c->ndup_pairs;
    b->dup_a = nf__arena_alloc(b->arena, (b->ndups + 1) * sizeof *b->dup_a);
    b->dup_b = nf__arena_alloc(b->arena, (b->ndups + 1) * sizeof *b->dup_b);
    b->dup_sim = nf__arena_alloc(b->arena, (b->ndups + 1) * sizeof *b->dup_sim);
    if (!b->dup_a || !b->dup_b || !b->dup_sim) return NF_ENOMEM;
    for (size_t p = 0; p < b->ndups; p++) {
        b->dup_a[p] = c->dup_pairs[2 * p];
        b->dup_b[p] = c->dup_pairs[2 * p + 1];
        b->dup_sim[p] = c->dup_sims[p];
    }
    return NF_OK;
}

nf_status nf__brief_sources(nf__bw *w, nf_brief *b)
{
    nf_cluster *c = w->c;
    uint8_t *shared = nf__arena_calloc(w->a, c->nsents + 1, 1);
    nf_source *S = nf__arena_calloc(b->arena, c->ndocs + 1, sizeof *S);
    if (!shared || !S) return NF_ENOMEM;
    /* sentences with a near-duplicate in another document */
    for (size_t i = 0; i < c->nsents; i++) {
        int32_t j = c->sents[i].dup_of;
        if (j >= 0 && c->sents[j].doc != c->sents[i].doc) shared[i] = shared[j] = 1;
    }
    nf_status st = NF_OK;
    for (size_t d = 0; d < c->ndocs && st == NF_OK; d++) {
        S[d].doc = d;
        st = find_outlet(w, &c->docs[d], &S[d]);
        if (st == NF_OK) st = count_sentences(w, b, &c->docs[d], shared, &S[d]);
        if (st == NF_OK) st = find_duplicates(w, b, d, &S[d]);
    }
    if (st == NF_OK) st = facts_only_here(w, b, S);
    if (st != NF_OK) return st;
    b->sources = S;
    b->nsources = c->ndocs;
    return copy_duplicate_pairs(c, b);
}

/* A nationality or group adjective, alone or in a run of them ("Israeli", "Greek Cypriot"):
 * data/brief_words.txt's demonym list; a single word also by the usual endings ("Kenyan"),
 * which names share too often for a run of words ("Brian Sullivan"). */
static bool demonym(const char *key)
{
    bool one = !strchr(key, ' ');
    for (const char *p = key; *p;) {
        size_t n = strcspn(p, " ");
        bool dem = nf__wl_has(NF__WL_DEMONYM, p, n) ||
                   (one && n > 4 &&
                    (!strncmp(p + n - 3, "ian", 3) || !strncmp(p + n - 3, "ese", 3) ||
                     !strncmp(p + n - 3, "ish", 3) || !strncmp(p + n - 2, "an", 2)));
        if (!dem) return false;
        p += n;
        while (*p == ' ') p++;
    }
    return key[0] != '\0';
}

nf_status nf__brief_entities(nf__bw *w, nf_brief *b)
{
    nf_cluster *c = w->c;
    size_t nw = (c->ndocs + 63) / 64 + 1;
    /* fold surnames into full names */
    int32_t *into = nf__arena_alloc(w->a, (w->nnames + 1) * sizeof *into);
    if (!into) return NF_ENOMEM;
    for (size_t i = 0; i < w->nnames; i++) {
        into[i] = -1;
        const nf__name *nm = &w->names[i];
        if (strchr(nm->key, ' ') || !nm->nmentions) continue;
        int32_t full = nf__name_by_last(w, nm->key, strlen(nm->key), NK_PERSON, UINT32_MAX);
        if (full >= 0 && (size_t)full != i) into[i] = full;
    }
    for (size_t i = 0; i < w->nnames; i++) {
        if (into[i] < 0) continue;
        nf__name *dst = &w->names[into[i]], *src = &w->names[i];
        dst->nmentions += src->nmentions;
        dst->speaker += src->speaker;
        for (size_t k = 0; k < nw; k++) dst->bits[k] |= src->bits[k];
    }
    size_t need = c->ndocs >= 2 ? (c->ndocs + 1) / 2 : 1;
    if (need < 2 && c->ndocs >= 2) need = 2;
    nf_entity *E = nf__arena_calloc(b->arena, w->nnames + 1, sizeof *E);
    if (!E) return NF_ENOMEM;
    size_t ne = 0;
    for (size_t i = 0; i < w->nnames; i++) {
        const nf__name *nm = &w->names[i];
        /* generic bodies ("the fire service") are not entities */
        if (into[i] >= 0 || !nm->nmentions || nf__islower((unsigned char)nm->name[0])) continue;
        size_t docs = 0;
        for (size_t k = 0; k < nw; k++)
            for (uint64_t v = nm->bits[k]; v; v &= v - 1) docs++;
        if (docs < need || (c->ndocs < 2 && nm->nmentions < 2)) continue;
        if (demonym(nm->key) && !nm->speaker) continue;
        nf_entity *e = &E[ne++];
        e->name = nm->name;
        e->ndocs = docs;
        e->nmentions = nm->nmentions;
        bool multi = strchr(nm->key, ' ') != NULL;
        if (nm->kind == NK_BODY)
            e->kind = NF_ENTITY_BODY;
        else if (nm->kind == NK_PERSON && multi && (nm->titled || nm->speaker || nm->role))
            e->kind = NF_ENTITY_PERSON;
        else if (nm->placed && (size_t)nm->placed * 3 >= nm->nmentions)
            e->kind = NF_ENTITY_PLACE;
        else if (nm->speaker)
            e->kind = NF_ENTITY_BODY;
        else
            e->kind = NF_ENTITY_OTHER;
    }
    for (size_t a = 1; a < ne; a++)
        for (size_t k = a; k > 0; k--) {
            const nf_entity *x = &E[k - 1], *y = &E[k];
            if (x->ndocs > y->ndocs || (x->ndocs == y->ndocs && (x->nmentions > y->nmentions ||
                                                                 (x->nmentions == y->nmentions &&
                                                                  strcmp(x->name, y->name) <= 0))))
                break;
            nf_entity t = E[k];
            E[k] = E[k - 1];
            E[k - 1] = t;
        }
    b->entities = E;
    b->nentities = ne;
    return NF_OK;
}
