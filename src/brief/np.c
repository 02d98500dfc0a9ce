/* np.c - what a source phrase names: a person, a body, an unnamed source or a pronoun.
 *
 * The phrase is the subject of an attribution verb ("Pentagon Press Secretary Peter Cook said"),
 * the object of "according to", or what follows an inverted verb (", said Piet Sandberg, the
 * authority's chief executive"). Comma-separated parts are a name and its role in either order.
 * A body named only by a common noun ("the agency", "a hospital spokeswoman") is matched to the
 * registry body whose name holds those words; a "spokesman" or "officials" of a body speak for it;
 * an official without a body is an unnamed source. */
#include "brief.h"

#include <string.h>

static const char *tok_text(nf__bw *w, uint32_t doc, uint32_t a, uint32_t b)
{
    if (a >= b) return NULL;
    return nf__bw_collapse(w, w->c->docs[doc].text, w->tok[a].start, w->tok[b - 1].end);
}

static bool is_punct(const nf__btok *t) { return t->kind == BT_PUNCT; }

/* Registry body whose key contains every lowercase word of tokens [a, b), preferring doc. */
static int32_t resolve_generic(nf__bw *w, uint32_t doc, uint32_t a, uint32_t b)
{
    const char *text = w->c->docs[doc].text;
    const char *words[8];
    size_t lens[8], nw = 0;
    for (uint32_t k = a; k < b && nw < 8; k++) {
        const nf__btok *t = &w->tok[k];
        if (t->kind != BT_WORD || (t->fl & BT_POSS) || nf__tok_has(t, LX_DET)) continue;
        words[nw] = text + t->start;
        lens[nw++] = nf__tok_n(t);
    }
    if (!nw) return -1;
    int32_t best = -1;
    long best_score = -1;
    char head[48];
    nf__name_key(words[nw - 1], lens[nw - 1], head, sizeof head);
    uint32_t bucket = nf__name_bucket(head, strlen(head));
    /* candidates: names ending with the head ("the agency") or starting with it ("the ministry":
     * "Ministry of Local Government"); two chains, the second walked after the first */
    for (int pass = 0; pass < 2; pass++)
        for (int32_t i = pass ? w->first_head[bucket] : w->last_head[bucket]; i >= 0;
             i = pass ? w->names[i].next_first : w->names[i].next_last) {
            const nf__name *nm = &w->names[i];
            if (nm->kind != NK_BODY || !nm->key) continue;
            /* "the ministry": "Ministry of Local Government" or "Interior Ministry" */
            size_t hl = strlen(head);
            bool of_form = strncmp(nm->key, head, hl) == 0 && strncmp(nm->key + hl, " of ", 4) == 0;
            if ((strcmp(nm->last, head) != 0 && !of_form) || !strchr(nm->key, ' ')) continue;
            bool all = true;
            for (size_t j = 0; j + 1 < nw && all; j++) {
                char wk[48];
                nf__name_key(words[j], lens[j], wk, sizeof wk);
                size_t l = strlen(wk);
                const char *p = nm->key;
                bool found = false;
                while ((p = strstr(p, wk)) != NULL) {
                    if ((p == nm->key || p[-1] == ' ') && (p[l] == ' ' || p[l] == '\0')) {
                        found = true;
                        break;
                    }
                    p++;
                }
                all = found;
            }
            if (!all) continue;
            long score = (long)nm->nmentions + (nf__name_in_doc(nm, doc) ? 10000 : 0);
            if (score > best_score) {
                best_score = score;
                best = (int32_t)i;
            }
        }
    return best;
}

static nf_status set_name(nf__bw *w, nf__np *o, int kind, int32_t id)
{
    o->kind = kind;
    o->id = id;
    o->name = id >= 0 ? w->names[id].name : NULL;
    if (id >= 0 && kind == NK_BODY && w->names[id].kind == NK_NONE) w->names[id].kind = NK_BODY;
    return NF_OK;
}

/* A lowercase name word fit to be part of a person's name: no list knows it, letters only. */
static bool name_word(const nf__btok *t)
{
    return t->kind == BT_WORD && !t->li && !(t->fl & (BT_DIGITS | BT_POSS | BT_INQ)) &&
           nf__tok_n(t) >= 2;
}

#define FULL_NAME_REACH 20000u /* tokens either side of a lone surname */

/* The first token of a full name elsewhere in document doc ending in the surname at token k: a
 * name word, then the same word as k in any case ("mark aparicio" for "aparicio"), or with a
 * middle initial between ("charlie c. Nicholson"); the earliest, UINT32_MAX when none. */
static uint32_t full_name_before(const nf__bw *w, uint32_t doc, uint32_t k)
{
    const nf__doc *d = &w->c->docs[doc];
    if (!d->nsents) return UINT32_MAX;
    const char *text = d->text;
    const nf__btok *last = &w->tok[k];
    size_t n = nf__tok_n(last);
    uint32_t t0 = w->st0[d->first_sent], t1 = w->st1[d->first_sent + d->nsents - 1];
    /* a news report names its people within a few thousand words: the search stays near k, so
     * one huge document with many such speakers is not searched whole for each */
    if (k > t0 + FULL_NAME_REACH) t0 = k - FULL_NAME_REACH;
    if (t1 > k + FULL_NAME_REACH) t1 = k + FULL_NAME_REACH;
    for (uint32_t x = t0 + 1; x < t1; x++) {
        const nf__btok *t = &w->tok[x];
        if (x == k || nf__tok_n(t) != n) continue;
        size_t q = 0; /* the folding capitalizes a word after an abbreviation: "c. Nicholson" */
        while (q < n && nf__tolower((unsigned char)text[t->start + q]) ==
                            nf__tolower((unsigned char)text[last->start + q]))
            q++;
        if (q < n || w->tok[x - 1].end >= t->start) continue;
        const nf__btok *p = &w->tok[x - 1];
        /* "charlie c. nicholson": a middle initial between the names */
        uint32_t f = (p->fl & BT_ABBR) && nf__tok_n(p) == 2 && x >= t0 + 2 ? x - 2 : x - 1;
        if (!name_word(&w->tok[f])) continue;
        /* not an adjective or a verb before a noun: "an emotional morgan", "we expect ajak" */
        if (f > t0 && nf__tok_has(&w->tok[f - 1], LX_DET | LX_PRONOUN | LX_AUX)) continue;
        return f;
    }
    return UINT32_MAX;
}

/* Intern tokens [a, b) of document doc as a person, each word capitalized. */
static int32_t intern_title_cased(nf__bw *w, uint32_t doc, uint32_t a, uint32_t b)
{
    const char *text = w->c->docs[doc].text;
    size_t n = w->tok[b - 1].end - w->tok[a].start;
    char *buf = nf__arena_alloc(w->a, n + 1);
    if (!buf) return -2;
    memcpy(buf, text + w->tok[a].start, n);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || buf[i - 1] == ' ' || buf[i - 1] == '-' || buf[i - 1] == '.')
            buf[i] = (char)(buf[i] >= 'a' && buf[i] <= 'z' ? buf[i] - 32 : buf[i]);
    return nf__name_intern_key(w, buf, n, NK_PERSON, doc);
}

/* In a lowercase document: "kurt schwartz", "capt. john dougan", "transvalue chief executive
 * officer jay rodriguez" as a speaker. The name is the last two or three words that no word
 * list knows, after nothing or after a role or title; one word is a surname already named. */
static nf_status lower_name_part(nf__bw *w, uint32_t doc, uint32_t a, uint32_t b, nf__np *o,
                                 bool *done)
{
    *done = false;
    const char *text = w->c->docs[doc].text;
    uint32_t r = b;
    while (r > a && b - r < 3) {
        const nf__btok *t = &w->tok[r - 1];
        if (t->kind != BT_WORD || t->li || (t->fl & (BT_DIGITS | BT_POSS)) || nf__tok_n(t) < 2)
            break;
        r--;
    }
    if (r == b || (r > a && !nf__tok_has(&w->tok[r - 1], LX_ROLE | LX_TITLE))) return NF_OK;
    int32_t id;
    uint32_t ra = r; /* the role's first token: a..r when the role before the name counts */
    if (b - r == 1) {
        const nf__btok *l = &w->tok[r];
        id = nf__name_by_last(w, text + l->start, nf__tok_n(l), NK_PERSON, doc);
        if (id >= 0) {
            *done = true;
            return set_name(w, o, NK_PERSON, id);
        }
        /* "aparicio said": the document names the person in full elsewhere, after a first name
         * no list knows ("mark aparicio") */
        uint32_t f0 = full_name_before(w, doc, r);
        if (f0 != UINT32_MAX) {
            uint32_t f1 = f0 + 2; /* past the surname: "mark aparicio", "charlie c. nicholson" */
            if ((w->tok[f0 + 1].fl & BT_ABBR) && nf__tok_n(&w->tok[f0 + 1]) == 2) f1 = f0 + 3;
            id = intern_title_cased(w, doc, f0, f1);
            /* the role written before the full name ("district court judge lou olivera"), for
             * "the judge said" later */
            const nf__doc *dd = &w->c->docs[doc];
            uint32_t d0 = w->st0[dd->first_sent]; /* the document's first token */
            if (id >= 0 && !w->names[id].role && f0 > d0 &&
                nf__tok_has(&w->tok[f0 - 1], LX_TITLE | LX_ROLE)) {
                uint32_t r0 = f0 - 1;
                while (r0 > d0 && f0 - r0 < 3 && w->tok[r0 - 1].kind == BT_WORD &&
                       !(w->tok[r0 - 1].fl & BT_INQ) &&
                       !nf__tok_has(&w->tok[r0 - 1], LX_DET | LX_PREP | LX_BOUNDARY | LX_AUX |
                                                         LX_SPEECH | LX_PRONOUN | LX_QVERB))
                    r0--;
                w->names[id].role = tok_text(w, doc, r0, f0);
                if (!w->names[id].role) return NF_ENOMEM;
            }
        } else if (r > a && nf__tok_has(&w->tok[r - 1], LX_TITLE) &&
                   !nf__tok_in(w, doc, &w->tok[r - 1], NF__WL_TITLE_MOD)) {
            /* "queen silvia said", "president trump said": a title names a person */
            id = intern_title_cased(w, doc, r, r + 1);
            ra = a;
        } else {
            return NF_OK;
        }
    } else {
        id = intern_title_cased(w, doc, r, b);
        ra = a;
    }
    if (id == -2) return NF_ENOMEM;
    if (id < 0) return NF_OK;
    while (ra < r && nf__tok_has(&w->tok[ra], LX_DET)) ra++;
    if (ra < r) o->role = tok_text(w, doc, ra, r);
    *done = true;
    return set_name(w, o, NK_PERSON, id);
}

/* A part that ends with a capitalized run: a titled person, a person, or a named body. */
static nf_status named_part(nf__bw *w, uint32_t doc, uint32_t a, uint32_t b, nf__np *o)
{
    const char *text = w->c->docs[doc].text;
    uint32_t r = b;
    while (r > a) {
        const nf__btok *t = &w->tok[r - 1];
        if (nf__capword(w, doc, t))
            r--;
        else if ((t->fl & BT_POSS) && r - 1 > a && r < b && nf__tok_n(t) <= 3 &&
                 w->c->docs[doc].text[t->end - 1] != 's' && nf__capword(w, doc, &w->tok[r - 2]))
            r--;
        else if (r - 1 > a && nf__tok_has(t, LX_PARTICLE) && r < b)
            r--;
        else if (r - 1 > a && r < b &&
                 (nf__tok_is(w, doc, t, "of") || nf__tok_is(w, doc, t, "for")) &&
                 nf__capword(w, doc, &w->tok[r - 2]))
            r--;
        else
            break;
    }
    while (r + 1 < b &&
           (nf__modifier_word(w, doc, &w->tok[r]) || nf__tok_has(&w->tok[r], LX_DET | LX_STARTER)))
        r++;
    bool org = false;
    for (uint32_t k = r; k < b; k++) org |= nf__tok_has(&w->tok[k], LX_ORG);
    /* split a title off the front of the run */
    uint32_t n0 = r;
    for (uint32_t k = r; k < b; k++) {
        if (!nf__tok_has(&w->tok[k], LX_TITLE)) continue;
        uint32_t m = k + 1;
        if (m + 1 < b && nf__tok_is(w, doc, &w->tok[m], "of")) m += 2;
        bool ok = m < b;
        for (uint32_t q = m; q < b; q++)
            if (nf__tok_has(&w->tok[q], LX_TITLE | LX_ORG)) ok = false;
        if (ok) {
            n0 = m;
            org = false;
        }
    }
    /* "ambassador to Israel Euripides Evriades", "envoy to the United States John Hale": the
     * place the role is to (one capitalized word, two after "the") belongs to the role, when a
     * two-word name is left */
    if (n0 == r && r >= a + 2) {
        uint32_t p0 = r, place = 1;
        if (nf__tok_has(&w->tok[p0 - 1], LX_DET) && p0 >= a + 3) p0--, place = 2;
        const nf__btok *prep = &w->tok[p0 - 1];
        if ((nf__tok_is(w, doc, prep, "to") || nf__tok_is(w, doc, prep, "in")) &&
            nf__tok_has(&w->tok[p0 - 2], LX_ROLE | LX_TITLE) && b >= r + place + 2)
            n0 = r + place;
    }
    uint32_t ra = a;
    while (ra < n0 && nf__tok_has(&w->tok[ra], LX_DET)) ra++;
    bool titled = n0 > r;
    bool role_words = false;
    for (uint32_t k = ra; k < n0; k++) role_words |= nf__tok_has(&w->tok[k], LX_ROLE | LX_TITLE);
    bool honorific = true;
    for (uint32_t k = ra; k < n0; k++)
        if (!(w->tok[k].fl & BT_ABBR) || !nf__tok_has(&w->tok[k], LX_TITLE)) honorific = false;
    if (n0 > ra && (titled || role_words) && !org && !honorific) {
        o->role = tok_text(w, doc, ra, n0);
        if (!o->role) return NF_ENOMEM;
    }
    if (org) n0 = r;
    const char *p = text + w->tok[n0].start;
    size_t n = w->tok[b - 1].end - w->tok[n0].start;
    int32_t id = nf__name_lookup(w, p, n);
    int kind = id >= 0 ? w->names[id].kind : NK_NONE;
    size_t ntok = b - n0;
    bool of = false; /* "New Light of Myanmar": a name with "of" in it is not a person's */
    for (uint32_t k = n0 + 1; k + 1 < b; k++)
        of |= nf__tok_is(w, doc, &w->tok[k], "of") || nf__tok_is(w, doc, &w->tok[k], "for");
    if (org || kind == NK_BODY || of)
        kind = NK_BODY;
    else if (ntok >= 2)
        kind = NK_PERSON;
    else {
        int32_t full = nf__name_by_last(w, p, n, NK_PERSON, doc);
        if (full >= 0) return set_name(w, o, NK_PERSON, full);
        /* "Mr. Stulman", "Dr. Sorel": an honorific names a person, also when the full name was
         * written in lowercase and is not in the registry */
        if (n0 > a && (w->tok[n0 - 1].fl & BT_ABBR) && nf__tok_has(&w->tok[n0 - 1], LX_TITLE))
            kind = NK_PERSON;
        else if (kind != NK_PERSON)
            kind = NK_BODY;
    }
    if (id < 0) {
        /* a body written with lowercase words ("the Russian ministry of defense") */
        uint32_t s0 = org ? ra : n0;
        id = nf__name_intern(w, text + w->tok[s0].start, w->tok[b - 1].end - w->tok[s0].start, kind,
                             UINT32_MAX);
        if (id == -2) return NF_ENOMEM;
    }
    return set_name(w, o, kind, id);
}

/* A part that ends with a lowercase word: a body, a body's spokesman, or an unnamed source. */
static nf_status common_part(nf__bw *w, uint32_t doc, uint32_t a, uint32_t b, nf__np *o)
{
    const char *text = w->c->docs[doc].text;
    const nf__btok *h = &w->tok[b - 1];
    uint32_t ba = a, bb = b;
    if ((nf__tok_is(w, doc, h, "official") || nf__tok_is(w, doc, h, "source")) &&
        (nf__tok_is(w, doc, &w->tok[a], "a") || nf__tok_is(w, doc, &w->tok[a], "an"))) {
        o->kind = NK_ANON; /* "an Obama administration official": not a named speaker */
        o->text = tok_text(w, doc, a, b);
        o->role = o->text;
        return o->text ? NF_OK : NF_ENOMEM;
    }
    if (nf__tok_has(h, LX_ANON | LX_ROLE) && !nf__tok_has(h, LX_ORG)) {
        bb = b - 1;
        while (bb > ba && nf__tok_has(&w->tok[bb - 1], LX_ROLE | LX_TITLE) &&
               !nf__tok_has(&w->tok[bb - 1], LX_ORG))
            bb--;
        o->role = tok_text(w, doc, bb, b);
        if (!o->role) return NF_ENOMEM;
        /* "the program's director": the body is the owner, without its 's */
        if (bb > ba + 1 && (w->tok[bb - 1].fl & BT_POSS)) bb--;
    }
    /* drop determiners and a common-noun owner ("the city's fire service") */
    while (ba < bb && nf__tok_has(&w->tok[ba], LX_DET)) ba++;
    for (uint32_t k = ba; k + 1 < bb; k++)
        if ((w->tok[k + 1].fl & BT_POSS) && !nf__capword(w, doc, &w->tok[k]))
            if (nf__tok_in(w, doc, &w->tok[k], NF__WL_PLACE_OWNER)) ba = k + 2;
    /* "the city fire service" is "the fire service" */
    if (bb - ba >= 2 && nf__tok_in(w, doc, &w->tok[ba], NF__WL_PLACE_OWNER) &&
        !nf__tok_has(&w->tok[ba + 1], LX_PREP))
        ba++;
    bool has_org = false, has_cap = false;
    for (uint32_t k = ba; k < bb; k++) {
        has_org |= nf__tok_has(&w->tok[k], LX_ORG);
        has_cap |= nf__capword(w, doc, &w->tok[k]);
    }
    if (ba < bb && has_org) {
        /* "Calvenia's seismological institute": the registry body those words name, when its
         * name carries the owner ("Calvenian Seismological Institute"; not "Syrian military"
         * for "Russia's military") */
        for (uint32_t k = ba; k + 2 < bb; k++)
            if ((w->tok[k + 1].fl & BT_POSS) && nf__capword(w, doc, &w->tok[k])) {
                int32_t id = resolve_generic(w, doc, k + 2, bb);
                char own[48];
                size_t ol =
                    nf__name_key(text + w->tok[k].start, nf__tok_n(&w->tok[k]), own, sizeof own);
                if (id < 0 || ol < 3) continue;
                const char *key = w->names[id].key;
                for (const char *q = key; q && *q; q = strchr(q, ' '), q = q ? q + 1 : NULL)
                    if (strncmp(q, own, ol) == 0) return set_name(w, o, NK_BODY, id);
            }
        if (has_cap) {
            int32_t id =
                nf__name_intern(w, text + w->tok[ba].start, w->tok[bb - 1].end - w->tok[ba].start,
                                NK_BODY, UINT32_MAX);
            if (id == -2) return NF_ENOMEM;
            return set_name(w, o, NK_BODY, id);
        }
        int32_t id = resolve_generic(w, doc, ba, bb);
        if (id >= 0) return set_name(w, o, NK_BODY, id);
        /* a body known only by a common noun: "the fire service" */
        char buf[160] = "the ";
        size_t k = 4;
        for (uint32_t t = ba; t < bb; t++) {
            size_t l = nf__tok_n(&w->tok[t]);
            if (k + l + 2 >= sizeof buf) break;
            if (t > ba && !(w->tok[t].fl & BT_POSS)) buf[k++] = ' ';
            for (size_t i = 0; i < l; i++)
                buf[k++] = (char)nf__tolower((unsigned char)text[w->tok[t].start + i]);
        }
        int32_t gid = nf__name_intern(w, buf, k, NK_BODY, UINT32_MAX);
        if (gid == -2) return NF_ENOMEM;
        o->generic = 1;
        return set_name(w, o, NK_BODY, gid);
    }
    if (nf__tok_has(h, LX_ANON | LX_ROLE | LX_HUMAN) || (ba < bb && has_cap)) {
        o->kind = NK_ANON;
        o->text = tok_text(w, doc, a, b);
        if (!o->text) return NF_ENOMEM;
        if (!o->role) o->role = o->text;
    }
    return NF_OK;
}

static nf_status part(nf__bw *w, uint32_t doc, uint32_t a, uint32_t b, nf__np *o)
{
    memset(o, 0, sizeof *o);
    o->id = -1;
    while (a < b && (is_punct(&w->tok[a]) || nf__tok_has(&w->tok[a], LX_BOUNDARY))) a++;
    while (b > a && is_punct(&w->tok[b - 1])) b--;
    if (a >= b) return NF_OK;
    const char *text = w->c->docs[doc].text;
    if (b - a == 1 && nf__tok_has(&w->tok[a], LX_PRONOUN)) {
        const nf__btok *t = &w->tok[a];
        if (nf__tok_is(w, doc, t, "he") || nf__tok_is(w, doc, t, "she"))
            o->pron = 1;
        else if (nf__tok_is(w, doc, t, "it"))
            o->pron = 2;
        else if (nf__tok_is(w, doc, t, "they"))
            o->pron = 3;
        if (o->pron) o->kind = NK_PRONOUN;
        return NF_OK;
    }
    /* "a statement from X", "spokesman for X", "X's statement" */
    for (uint32_t k = a; k < b; k++) {
        const nf__btok *t = &w->tok[k];
        if (k + 1 < b && (nf__tok_is(w, doc, t, "from") || nf__tok_is(w, doc, t, "for")) && k > a &&
            nf__tok_has(&w->tok[k - 1], LX_ORG | LX_ROLE) &&
            (nf__tok_is(w, doc, &w->tok[k - 1], "statement") ||
             nf__tok_has(&w->tok[k - 1], LX_ROLE)))
            return part(w, doc, k + 1, b, o);
    }
    if (nf__tok_is(w, doc, &w->tok[b - 1], "statement")) {
        for (uint32_t k = a; k + 1 < b; k++)
            if (w->tok[k + 1].fl & BT_POSS) return part(w, doc, a, k + 1, o);
        o->kind = NK_PRONOUN;
        o->pron = 4;
        return NF_OK;
    }
    /* "Witnesses said", "Officials said": a capitalized common noun names no one */
    const nf__btok *last = &w->tok[b - 1];
    bool common = nf__tok_has(last, LX_ANON | LX_HUMAN) && !nf__tok_has(last, LX_ORG) &&
                  nf__name_lookup(w, text + last->start, nf__tok_n(last)) < 0;
    /* "Lionel Trippett of the Campaign for Nuclear Disarmament": a person of a body */
    for (uint32_t k = a + 2; k + 1 < b; k++) {
        const nf__btok *t = &w->tok[k];
        if (t->kind != BT_WORD || !(nf__tok_is(w, doc, t, "of") || nf__tok_is(w, doc, t, "from")))
            continue;
        bool run = true;
        size_t caps = 0;
        for (uint32_t x = a; x < k && run; x++) {
            const nf__btok *y = &w->tok[x];
            if (nf__tok_has(y, LX_TITLE | LX_DET)) continue;
            run = nf__capword(w, doc, y) && !nf__tok_has(y, LX_ORG | LX_COMMON);
            caps++;
        }
        const nf__btok *pk = &w->tok[k - 1];
        if (!run || caps < 2 || !nf__capword(w, doc, pk) || nf__tok_has(pk, LX_TITLE | LX_DET))
            break;
        nf_status st = named_part(w, doc, a, k, o);
        if (st != NF_OK || o->kind != NK_PERSON) break;
        if (!o->role) o->role = tok_text(w, doc, k, b);
        return NF_OK;
    }
    if (nf__capword(w, doc, last) && !nf__tok_has(last, LX_STARTER) && !common)
        return named_part(w, doc, a, b, o);
    if (w->lowdoc && w->lowdoc[doc]) {
        bool done;
        nf_status st = lower_name_part(w, doc, a, b, o, &done);
        if (st != NF_OK || done) return st;
    }
    return common_part(w, doc, a, b, o);
}

/* Role text from an appositive: "a forklift driver who was ..." -> "a forklift driver";
 * "who teaches public law" -> "teaches public law"; a participle clause gives none. */
static const char *appositive_role(nf__bw *w, uint32_t doc, uint32_t a, uint32_t b)
{
    while (a < b && is_punct(&w->tok[a])) a++;
    while (b > a && is_punct(&w->tok[b - 1])) b--;
    if (a >= b) return NULL;
    const char *text = w->c->docs[doc].text;
    const nf__btok *f = &w->tok[a];
    size_t fl = nf__tok_n(f);
    if (fl > 3 && memcmp(text + f->end - 3, "ing", 3) == 0) return NULL;
    if (nf__tok_is(w, doc, f, "whose")) return NULL;
    if (nf__tok_is(w, doc, f, "who")) {
        a++;
        if (a < b && nf__tok_has(&w->tok[a], LX_AUX)) a++;
    } else {
        for (uint32_t k = a; k < b; k++)
            if (nf__tok_is(w, doc, &w->tok[k], "who") || nf__tok_is(w, doc, &w->tok[k], "which") ||
                nf__tok_is(w, doc, &w->tok[k], "whose") || nf__tok_is(w, doc, &w->tok[k], "when")) {
                b = k;
                break;
            }
    }
    if (b > a + 14) b = a + 14;
    return tok_text(w, doc, a, b);
}

nf_status nf__np_analyze(nf__bw *w, size_t s, uint32_t t0, uint32_t t1, nf__np *out)
{
    uint32_t doc = w->c->sents[s].doc;
    /* split on commas */
    uint32_t cuts[8], nc = 0;
    for (uint32_t k = t0; k < t1 && nc < 7; k++)
        if (nf__tok_punct(w, doc, &w->tok[k], ",")) cuts[nc++] = k;
    if (nc == 0) return part(w, doc, t0, t1, out);
    nf__np p0, p1;
    nf_status st = part(w, doc, t0, cuts[0], &p0);
    if (st != NF_OK) return st;
    /* the second part; an age between commas is skipped: "Oskar Venn, 54, the plant's manager" */
    uint32_t a1 = cuts[0] + 1, e1 = nc > 1 ? cuts[1] : t1;
    if (nc >= 2 && cuts[1] == cuts[0] + 2 && nf__comma_age(w, doc, cuts[0])) {
        a1 = cuts[1] + 1;
        e1 = nc > 2 ? cuts[2] : t1;
    }
    st = part(w, doc, a1, e1, &p1);
    if (st != NF_OK) return st;
    /* "Washington's ambassador to the UN, Samantha Power": a role ending in a body's name */
    bool p0_role = false;
    for (uint32_t k = t0; k < cuts[0]; k++)
        if (nf__tok_has(&w->tok[k], LX_ROLE | LX_TITLE) && !nf__capword(w, doc, &w->tok[k]))
            p0_role = true;
    bool n0 = p0.kind == NK_PERSON || (p0.kind == NK_BODY && !p0.generic && !p0_role);
    bool n1 = p1.kind == NK_PERSON && !(p0.kind == NK_PERSON);
    if (n1 && !n0) {
        /* "Washington's ambassador to the UN, Samantha Power" */
        *out = p1;
        if (!out->role) out->role = tok_text(w, doc, t0, cuts[0]);
        if (t0 < cuts[0] && !out->role) return NF_ENOMEM;
        return NF_OK;
    }
    if (p0.kind != NK_NONE) {
        *out = p0;
        if (!out->role && (p0.kind == NK_PERSON || p0.kind == NK_BODY))
            out->role = appositive_role(w, doc, a1, e1);
        return NF_OK;
    }
    *out = p1.kind != NK_NONE ? p1 : p0;
    return NF_OK;
}

int32_t nf__mention_at(nf__bw *w, size_t s, uint32_t k, uint32_t *end)
{
    uint32_t doc = w->c->sents[s].doc;
    const char *text = w->c->docs[doc].text;
    uint32_t e = k;
    while (e < w->st1[s] && (nf__capword(w, doc, &w->tok[e]) ||
                             (nf__tok_has(&w->tok[e], LX_PARTICLE) && e + 1 < w->st1[s] &&
                              nf__capword(w, doc, &w->tok[e + 1]))))
        e++;
    *end = e > k ? e : k + 1;
    for (uint32_t m = k; m < e; m++) {
        if (nf__tok_has(&w->tok[m], LX_STARTER | LX_DET) && m == k) continue;
        int32_t id =
            nf__name_lookup(w, text + w->tok[m].start, w->tok[e - 1].end - w->tok[m].start);
        if (id >= 0 && (w->names[id].kind == NK_PERSON || w->names[id].kind == NK_BODY)) return id;
    }
    if (e > k) {
        const nf__btok *l = &w->tok[e - 1];
        int32_t id = nf__name_by_last(w, text + l->start, nf__tok_n(l), NK_PERSON, doc);
        if (id >= 0) return id;
    }
    return -1;
}
