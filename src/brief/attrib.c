/* attrib.c - who says what: attribution phrases of every sentence, resolved to a source.
 *
 * Patterns: "X said" (with "X, the Y, said" and "X also said"), inverted ", said X", "according
 * to X" ("according to the commission's figures" credits the commission, "according to
 * preliminary figures" no one), "reported by X", "X put the toll at", "X estimated", "quoted X as
 * saying", "citing X", "X released a statement". Partial-quote verbs ("called", "described",
 * "accused") are recorded too but never give a figure its source. Pronouns (he, she, it, they)
 * go to the last person or body named as a sentence topic in the same or the previous three
 * sentences, "the statement" to the last body or person that made one. Text inside quotation
 * marks is never read for attributions. */
#include "brief.h"

#include <string.h>

#define MAX_NP 12

static bool np_token(const nf__bw *w, uint32_t doc, const nf__btok *t)
{
    if (t->fl & BT_INQ) return false;
    if (t->fl & BT_POSS) return true;
    if (t->kind != BT_WORD) return false;
    if (nf__tok_has(t, LX_BOUNDARY | LX_SPEECH | LX_QVERB | LX_AUX | LX_TIMEREL)) {
        /* "Command", "State": capitalized words are names even when listed */
        return nf__capword(w, doc, t) && !nf__tok_has(t, LX_STARTER | LX_SPEECH | LX_QVERB);
    }
    if (nf__tok_has(t, LX_PREP)) return false;
    if (nf__tok_has(t, LX_PRONOUN)) return false; /* "He downplayed ...": not a name */
    return true;
}

/* A capitalized speech word inside a name, after another capitalized word: "the United States
 * said" (a verb mid-sentence is written in lowercase). */
static bool name_part_verb(const nf__bw *w, uint32_t doc, uint32_t k)
{
    const nf__btok *t = &w->tok[k];
    return !(t->fl & BT_INQ) && nf__capword(w, doc, t) && nf__tok_has(t, LX_SPEECH | LX_QVERB) &&
           !nf__tok_has(t, LX_STARTER) && nf__capword(w, doc, &w->tok[k - 1]) &&
           !nf__tok_has(&w->tok[k - 1], LX_STARTER) && !(w->tok[k - 1].fl & BT_INQ);
}

/* Start of the noun phrase that ends at token e (inclusive), going back; e + 1 when none. */
static uint32_t np_back(const nf__bw *w, size_t s, uint32_t e)
{
    uint32_t doc = w->c->sents[s].doc, a = w->st0[s];
    if (nf__tok_has(&w->tok[e], LX_PRONOUN) && !(w->tok[e].fl & BT_INQ)) return e;
    uint32_t k = e + 1;
    while (k > a && e + 1 - k < MAX_NP) {
        const nf__btok *t = &w->tok[k - 1];
        if (np_token(w, doc, t) || (k - 1 > a && name_part_verb(w, doc, k - 1))) {
            k--;
            continue;
        }
        /* "ambassador to the UN", "Observatory for Human Rights", "Ministry of Defense" */
        if (k - 1 > a && k <= e && t->kind == BT_WORD &&
            (nf__tok_is(w, doc, t, "of") || nf__tok_is(w, doc, t, "for") ||
             nf__tok_is(w, doc, t, "to")) &&
            np_token(w, doc, &w->tok[k - 2]) &&
            (nf__capword(w, doc, &w->tok[k]) || nf__tok_has(&w->tok[k], LX_DET) ||
             nf__tok_has(&w->tok[k - 2], LX_ORG))) {
            k--;
            continue;
        }
        break;
    }
    return k;
}

/* End of the noun phrase starting at token k going forward (name + optional appositive). */
static uint32_t np_fwd(const nf__bw *w, size_t s, uint32_t k, bool appositive)
{
    uint32_t doc = w->c->sents[s].doc, e = w->st1[s], j = k;
    while (j < e && j - k < MAX_NP) {
        const nf__btok *t = &w->tok[j];
        if (np_token(w, doc, t)) {
            j++;
            continue;
        }
        if (j > k && j + 1 < e && t->kind == BT_WORD &&
            (nf__tok_is(w, doc, t, "of") || nf__tok_is(w, doc, t, "for") ||
             nf__tok_is(w, doc, t, "to")) &&
            (nf__capword(w, doc, &w->tok[j + 1]) || nf__tok_has(&w->tok[j + 1], LX_DET))) {
            j++;
            continue;
        }
        break;
    }
    /* an age between commas is no role: "said oskar venn, 54, the plant's manager" */
    if (appositive && j > k && j + 3 < e && nf__comma_age(w, doc, j)) j += 2;
    /* an appositive is a noun phrase ("the school's principal"), not a relative clause ("who
     * didn't think ...") or a verb */
    if (appositive && j > k && j + 1 < e && nf__tok_punct(w, doc, &w->tok[j], ",") &&
        (nf__tok_has(&w->tok[j + 1], LX_DET) || !nf__capword(w, doc, &w->tok[j + 1])) &&
        !nf__tok_has(&w->tok[j + 1], LX_BOUNDARY | LX_AUX | LX_PRONOUN | LX_SPEECH)) {
        uint32_t m = j + 1;
        while (m < e && !(w->tok[m].kind == BT_PUNCT && !(w->tok[m].fl & BT_POSS)) &&
               !(w->tok[m].fl & BT_INQ) && m - j < 16)
            m++;
        j = m;
    }
    return j;
}

static nf_status add(nf__bw *w, size_t s, uint32_t anchor, uint32_t np0, uint32_t np1, int type,
                     int figure_ok)
{
    if (np0 >= np1) return NF_OK;
    void *p = w->at;
    if (!nf__bw_grow(w, &p, &w->capat, w->nat + 1, sizeof *w->at)) return NF_ENOMEM;
    w->at = p;
    nf__attr *a = &w->at[w->nat++];
    memset(a, 0, sizeof *a);
    a->sent = (uint32_t)s;
    a->anchor = anchor;
    a->np0 = np0;
    a->np1 = np1;
    a->type = (uint8_t)type;
    a->figure_ok = (uint8_t)figure_ok;
    return nf__np_analyze(w, s, np0, np1, &a->np);
}

static bool is_word(const nf__bw *w, uint32_t doc, uint32_t k, uint32_t e, const char *word)
{
    return k < e && w->tok[k].kind == BT_WORD && nf__tok_is(w, doc, &w->tok[k], word);
}

/* The subject of the verb at k: back over adverbs, an appositive in commas, the phrase. */
static nf_status subject(nf__bw *w, size_t s, uint32_t k, int figure_ok)
{
    uint32_t doc = w->c->sents[s].doc, a = w->st0[s];
    if (k == a) return NF_OK;
    uint32_t p = k - 1;
    while (p > a && nf__tok_has(&w->tok[p], LX_ADV) && !(w->tok[p].fl & BT_INQ)) p--;
    const nf__btok *t = &w->tok[p];
    if (t->fl & BT_INQ) return NF_OK;
    if (nf__tok_punct(w, doc, t, ",")) {
        /* "X, the director of Y, said" / "Brekke, speaking at ..., called" */
        uint32_t m = p;
        while (m > a && !nf__tok_punct(w, doc, &w->tok[m - 1], ",") &&
               !(w->tok[m - 1].fl & BT_INQ) && !nf__tok_has(&w->tok[m - 1], LX_SPEECH) &&
               p - m < 30)
            m--;
        if (m > a + 1 && nf__tok_punct(w, doc, &w->tok[m - 1], ",")) {
            /* "Igor Spassky, head of the bureau, which designed the Kursk, told": a relative
             * clause before the verb is skipped; the appositive before it stays */
            for (int hop = 0; hop < 2; hop++) {
                if (!(is_word(w, doc, m, k, "which") || is_word(w, doc, m, k, "who") ||
                      is_word(w, doc, m, k, "whose") || is_word(w, doc, m, k, "where")))
                    break;
                uint32_t m2 = m - 1;
                while (m2 > a && !nf__tok_punct(w, doc, &w->tok[m2 - 1], ",") &&
                       !(w->tok[m2 - 1].fl & BT_INQ) && m - m2 < 30)
                    m2--;
                if (m2 <= a + 1 || !nf__tok_punct(w, doc, &w->tok[m2 - 1], ",")) break;
                p = m - 1;
                m = m2;
            }
            uint32_t st = np_back(w, s, m - 2);
            if (st <= m - 2) return add(w, s, k, st, p + 1, AT_SUBJ, figure_ok);
        }
        return NF_OK;
    }
    if (t->kind == BT_WORD && (nf__tok_is(w, doc, t, "and") || nf__tok_is(w, doc, t, "but"))) {
        /* "Maren Logistics has denied the claim and says ...": the sentence's subject */
        uint32_t q = a;
        while (q < p && (nf__tok_has(&w->tok[q], LX_STARTER) || w->tok[q].kind == BT_PUNCT)) q++;
        uint32_t e = np_fwd(w, s, q, false);
        if (e > p) e = p;
        if (e > q && nf__capword(w, doc, &w->tok[e - 1]))
            return add(w, s, k, q, e, AT_SUBJ, figure_ok);
        return NF_OK;
    }
    uint32_t st = np_back(w, s, p);
    if (st <= p) return add(w, s, k, st, p + 1, AT_SUBJ, figure_ok);
    return NF_OK;
}

static bool data_head(const nf__bw *w, uint32_t doc, const nf__btok *t)
{
    return nf__tok_in(w, doc, t, NF__WL_DATA);
}

/* "according to X" / "citing X": X, or the owner in "the commission's latest figures", or the
 * agent of "results published by X"; an unnamed data source gives a source-less attribution. */
static nf_status according(nf__bw *w, size_t s, uint32_t k, uint32_t x)
{
    uint32_t doc = w->c->sents[s].doc, e = w->st1[s];
    uint32_t j = np_fwd(w, s, x, false);
    for (uint32_t m = x; m < e && m < x + MAX_NP; m++) {
        const nf__btok *t = &w->tok[m];
        if (t->kind == BT_PUNCT && !(t->fl & BT_POSS)) break;
        if (is_word(w, doc, m, e, "by"))
            return add(w, s, k, m + 1, np_fwd(w, s, m + 1, false), AT_ACCORDING, 1);
    }
    for (uint32_t m = x; m + 1 < j; m++)
        if (w->tok[m + 1].fl & BT_POSS) return add(w, s, k, x, m + 1, AT_ACCORDING, 1);
    if (j > x && data_head(w, doc, &w->tok[j - 1])) {
        /* recorded with no source: it still shields the figure from other attributions */
        nf_status st = add(w, s, k, x, j, AT_ACCORDING, 1);
        if (st == NF_OK) {
            w->at[w->nat - 1].np.kind = NK_NONE;
            w->at[w->nat - 1].np.name = NULL;
        }
        return st;
    }
    return add(w, s, k, x, j, AT_ACCORDING, 1);
}

/* A speech or quote verb at token k of sentence s: "X said", "said X", "X, the Y, said". */
static nf_status speech_verb(nf__bw *w, size_t s, uint32_t k)
{
    uint32_t doc = w->c->sents[s].doc, a = w->st0[s], e = w->st1[s];
    const nf__btok *t = &w->tok[k];
    nf_status st = NF_OK;
    bool speech = nf__tok_has(t, LX_SPEECH);
    if (is_word(w, doc, k + 1, e, "by")) return NF_OK; /* passive: handled at "by" */
    if (k > a && nf__tok_has(&w->tok[k - 1], LX_DET | LX_AUX) &&
        !nf__tok_has(&w->tok[k - 1], LX_ADV))
        return NF_OK; /* "an estimated", "are estimated to" */
    if (k > a && (w->tok[k - 1].fl & BT_POSS)) return NF_OK; /* "Butler's claims": a noun */
    /* "had added 18 votes to": adding, not saying */
    if ((nf__tok_is(w, doc, t, "added") || nf__tok_is(w, doc, t, "adds")) && k + 1 < e &&
        (w->tok[k + 1].kind == BT_NUM ||
         nf__tok_has(&w->tok[k + 1], LX_NUMWORD | LX_DET | LX_PREP)))
        return NF_OK;
    if (nf__tok_is(w, doc, t, "saying") || nf__tok_is(w, doc, t, "read")) {
        if (!(k > a && nf__tok_is(w, doc, &w->tok[k - 1], "statement"))) return NF_OK;
    }
    if (nf__tok_is(w, doc, t, "put") || nf__tok_is(w, doc, t, "puts") ||
        nf__tok_is(w, doc, t, "putting") || nf__tok_is(w, doc, t, "gave") ||
        nf__tok_is(w, doc, t, "measured") || nf__tok_is(w, doc, t, "recorded")) {
        bool at = false;
        for (uint32_t m = k + 1; m < e && m < k + 10; m++)
            if (is_word(w, doc, m, e, "at") || w->tok[m].kind == BT_NUM ||
                nf__tok_has(&w->tok[m], LX_NUMWORD))
                at = true;
        if (!at) {
            /* "the figure of more than 200 that Mayor Tomas Brekke gave" */
            uint32_t st0 = k > a ? np_back(w, s, k - 1) : k;
            if (!(st0 > a && st0 < k &&
                  (is_word(w, doc, st0 - 1, e, "that") || is_word(w, doc, st0 - 1, e, "which"))))
                return NF_OK;
        }
    }
    /* "Tekin managed to say": the subject of the verb before "to" */
    if (k > a + 1 && nf__tok_is(w, doc, &w->tok[k - 1], "to") && w->tok[k - 2].kind == BT_WORD &&
        !w->tok[k - 2].li && !(w->tok[k - 2].fl & (BT_INQ | BT_CAP)))
        k -= 2;
    uint32_t p = k;
    while (p > a && nf__tok_has(&w->tok[p - 1], LX_ADV) && !(w->tok[p - 1].fl & BT_INQ)) p--;
    /* inverted (", said X") only right after a quotation or at the sentence start;
     * "X, whose brother ..., said" is a subject with an appositive */
    bool quote_before = false;
    if (p > a) {
        const nf__btok *q = &w->tok[p - 1];
        int dbl;
        if (q->kind == BT_PUNCT &&
            nf__quote_mark(w->c->docs[doc].text + q->start, nf__tok_n(q), &dbl))
            quote_before = true;
        if (nf__tok_punct(w, doc, q, ",") && p - 1 > a &&
            ((w->tok[p - 2].fl & BT_INQ) || w->tok[p - 2].kind == BT_PUNCT))
            quote_before = true;
    }
    bool inverted = p == a || quote_before;
    /* "..., said Dr. Judith Grether." / "..., said Judith Grether, the lead author": after a
     * comma, a name that ends the sentence or opens an appositive is the speaker ("said Jones
     * was" is a subject's report) */
    if (!inverted && speech && p > a && nf__tok_punct(w, doc, &w->tok[p - 1], ",") && k + 1 < e &&
        (nf__capword(w, doc, &w->tok[k + 1]) || nf__tok_has(&w->tok[k + 1], LX_TITLE)) &&
        !nf__tok_has(&w->tok[k + 1], LX_WEEKDAY | LX_MONTH | LX_PRONOUN)) {
        uint32_t j = np_fwd(w, s, k + 1, false);
        inverted = j > k + 1 && (j >= e || nf__tok_punct(w, doc, &w->tok[j], ",") ||
                                 nf__tok_punct(w, doc, &w->tok[j], "."));
    }
    /* in a lowercase document a name after the verb is any word no list knows */
    bool low_name = w->lowdoc && w->lowdoc[doc] && k + 1 < e && w->tok[k + 1].kind == BT_WORD &&
                    !w->tok[k + 1].li && !(w->tok[k + 1].fl & BT_INQ);
    /* "said navy Capt. Dmitry Litovkin": lowercase modifiers before a title or name */
    bool modified = false;
    for (uint32_t m = k + 1; m < e && m < k + 3 && !modified; m++) {
        const nf__btok *y = &w->tok[m];
        if (y->kind != BT_WORD || (y->fl & (BT_CAP | BT_INQ)) ||
            nf__tok_has(y, LX_PREP | LX_BOUNDARY | LX_PRONOUN | LX_AUX | LX_ADV | LX_TIMEREL |
                               LX_DET | LX_SPEECH))
            break;
        modified = m + 1 < e &&
                   (nf__capword(w, doc, &w->tok[m + 1]) || nf__tok_has(&w->tok[m + 1], LX_TITLE)) &&
                   !nf__tok_has(&w->tok[m + 1], LX_WEEKDAY | LX_MONTH | LX_RELDAY);
    }
    /* "said president obama": a title opens the name in a case-folded document too */
    if (inverted && speech && k + 1 < e &&
        (nf__capword(w, doc, &w->tok[k + 1]) || nf__tok_has(&w->tok[k + 1], LX_DET | LX_TITLE) ||
         low_name || modified) &&
        !nf__tok_has(&w->tok[k + 1], LX_PRONOUN | LX_BOUNDARY)) {
        st = add(w, s, k, k + 1, np_fwd(w, s, k + 1, true), AT_INVERTED, 1);
    } else if (inverted && speech && k + 1 < e && nf__tok_has(&w->tok[k + 1], LX_PRONOUN) &&
               !nf__tok_is(w, doc, &w->tok[k + 1], "it")) {
        st = add(w, s, k, k + 1, k + 2, AT_INVERTED, 1);
    } else if (!inverted || p > a) {
        st = subject(w, s, k, speech);
    }
    return st;
}

static nf_status find_attrs(nf__bw *w, size_t s)
{
    uint32_t doc = w->c->sents[s].doc, a = w->st0[s], e = w->st1[s];
    /* the trigger words are the tokenizer's l_trig list; sentences come in text order */
    nf__ilist *l = &w->l_trig;
    while (w->trig_cur < l->n && l->v[w->trig_cur] < a) w->trig_cur++;
    for (; w->trig_cur < l->n && l->v[w->trig_cur] < e; w->trig_cur++) {
        uint32_t k = l->v[w->trig_cur];
        const nf__btok *t = &w->tok[k];
        if (t->fl & BT_INQ) continue;
        nf_status st = NF_OK;
        if (nf__tok_is(w, doc, t, "according")) {
            if (is_word(w, doc, k + 1, e, "to")) st = according(w, s, k, k + 2);
        } else if (nf__tok_is(w, doc, t, "citing")) {
            st = according(w, s, k, k + 1);
        } else if (nf__tok_is(w, doc, t, "quoted")) {
            uint32_t m = k + 1;
            while (m < e && m < k + MAX_NP && !is_word(w, doc, m, e, "as")) m++;
            if (k > a && nf__tok_has(&w->tok[k - 1], LX_AUX))
                st = subject(w, s, k - 1, 1); /* "Howard was quoted by the ABC as saying" */
            else if (is_word(w, doc, m, e, "as") && is_word(w, doc, m + 1, e, "saying"))
                st = add(w, s, k, k + 1, m, AT_QUOTED_AS, 1);
            else
                st = subject(w, s, k, 1);
        } else if (nf__tok_is(w, doc, t, "by") && k > a) {
            const nf__btok *v = &w->tok[k - 1];
            if (nf__tok_has(v, LX_SPEECH) || nf__tok_is(w, doc, v, "given") ||
                nf__tok_is(w, doc, v, "published") || nf__tok_is(w, doc, v, "released") ||
                nf__tok_is(w, doc, v, "provided") || nf__tok_is(w, doc, v, "compiled") ||
                nf__tok_is(w, doc, v, "issued"))
                st = add(w, s, k, k + 1, np_fwd(w, s, k + 1, false), AT_BY, 1);
        } else if ((nf__tok_is(w, doc, t, "released") || nf__tok_is(w, doc, t, "issued")) &&
                   (is_word(w, doc, k + 1, e, "statement") ||
                    is_word(w, doc, k + 2, e, "statement"))) {
            st = subject(w, s, k, 1);
        } else if (nf__tok_has(t, LX_SPEECH | LX_QVERB) && !(k > a && name_part_verb(w, doc, k))) {
            st = speech_verb(w, s, k);
        }
        if (st != NF_OK) return st;
    }
    return NF_OK;
}

/* Topics of sentence s from its mentions, for sentences whose attributions named none: the
 * first person and body named outside quotes (a "He"/"She" opening the sentence continues the
 * previous topic). Done on demand: only pronouns need it. */
/* In a lowercase document: "actress fan bingbing", "specialist david petersen": a role word
 * then two words no list knows name a person. */
static int32_t lower_person(nf__bw *w, uint32_t d, uint32_t k, uint32_t e)
{
    if (k + 2 >= e || !nf__tok_has(&w->tok[k], LX_ROLE | LX_TITLE)) return -1;
    for (uint32_t x = k + 1; x <= k + 2; x++) {
        const nf__btok *y = &w->tok[x];
        if (y->kind != BT_WORD || y->li || (y->fl & (BT_INQ | BT_DIGITS | BT_POSS)) ||
            nf__tok_n(y) < 2)
            return -1;
    }
    const char *t = w->c->docs[d].text;
    size_t n = w->tok[k + 2].end - w->tok[k + 1].start;
    char *buf = nf__arena_alloc(w->a, n + 1);
    if (!buf) return -1;
    memcpy(buf, t + w->tok[k + 1].start, n);
    for (size_t i = 0; i < n; i++)
        if ((i == 0 || buf[i - 1] == ' ') && buf[i] >= 'a' && buf[i] <= 'z')
            buf[i] = (char)(buf[i] - 32);
    int32_t id = nf__name_intern_key(w, buf, n, NK_PERSON, d);
    return id >= 0 && w->names[id].kind == NK_PERSON ? id : -1;
}

static void scan_topics(nf__bw *w, size_t s)
{
    if (w->topic_scanned[s]) return;
    w->topic_scanned[s] = 1;
    uint32_t d = w->c->sents[s].doc;
    size_t first = w->c->docs[d].first_sent;
    if (w->lowdoc && w->lowdoc[d])
        for (uint32_t k = w->st0[s]; k < w->st1[s] && w->topic_person[s] < 0; k++)
            if (!(w->tok[k].fl & BT_INQ)) w->topic_person[s] = lower_person(w, d, k, w->st1[s]);
    for (uint32_t k = w->st0[s]; k < w->st1[s];) {
        const nf__btok *t = &w->tok[k];
        if ((t->fl & BT_INQ) || !nf__capword(w, d, t)) {
            if (k == w->st0[s] && w->topic_person[s] < 0 && nf__tok_has(t, LX_PRONOUN) &&
                (nf__tok_is(w, d, t, "he") || nf__tok_is(w, d, t, "she")))
                for (size_t b = 1; b <= 3 && s >= first + b; b++) {
                    scan_topics(w, s - b);
                    if (w->topic_person[s - b] >= 0) {
                        w->topic_person[s] = w->topic_person[s - b];
                        break;
                    }
                }
            k++;
            continue;
        }
        uint32_t end;
        int32_t id = nf__mention_at(w, s, k, &end);
        if (id >= 0) {
            if (w->names[id].kind == NK_PERSON && w->topic_person[s] < 0)
                w->topic_person[s] = id;
            else if (w->names[id].kind == NK_BODY && w->topic_body[s] < 0)
                w->topic_body[s] = id;
        }
        k = end;
    }
}

/* Resolve a pronoun (or "the statement") of sentence s to a registry name. */
static int32_t resolve(nf__bw *w, size_t s, const nf__attr *at, int pron, int32_t stmt)
{
    if (pron == 4) return stmt;
    size_t first = w->c->docs[w->c->sents[s].doc].first_sent;
    /* an earlier attribution of the same sentence */
    for (size_t i = w->sa0[s]; i < w->nat && &w->at[i] < at; i++) {
        const nf__np *np = &w->at[i].np;
        if (np->id < 0) continue;
        if (pron == 1 && np->kind == NK_PERSON) return np->id;
        if (pron != 1 && np->kind == NK_BODY) return np->id;
    }
    /* lowercase text runs sentences together ("... actress fan bingbing was back. \"...,\" she
     * wrote"): a person named earlier in the same sentence */
    uint32_t d = w->c->sents[s].doc;
    if (pron == 1 && w->lowdoc && w->lowdoc[d])
        for (uint32_t k = w->st0[s]; k < at->anchor && k < at->np0; k++) {
            if (w->tok[k].fl & BT_INQ) continue;
            int32_t id = lower_person(w, d, k, at->np0);
            if (id >= 0) return id;
        }
    for (size_t k = 1; k <= 3 && s >= first + k; k++) {
        scan_topics(w, s - k);
        int32_t id = pron == 1 ? w->topic_person[s - k] : w->topic_body[s - k];
        if (id >= 0) return id;
    }
    /* "..., Hayworth said. He added": a surname alone is filed as a body (it could be a
     * company); "he" or "she" right after it says it was a person */
    if (pron == 1 && s > first)
        for (size_t i = w->sa0[s - 1]; i < w->sa1[s - 1]; i++) {
            const nf__np *np = &w->at[i].np;
            if (np->id < 0 || np->kind != NK_BODY || np->generic) continue;
            const nf__name *nm = &w->names[np->id];
            size_t n = strlen(nm->name);
            if (strchr(nm->key, ' ') || n < 3 || !nf__isupper((unsigned char)nm->name[0]) ||
                nf__isupper((unsigned char)nm->name[1]) || nf__lex_find(w->lx, nm->name, n) != NULL)
                continue;
            return np->id;
        }
    return -1;
}

/* Whether role holds word as a whole word, any case ("a spokeswoman for the agency" holds
 * "spokeswoman"). */
static bool has_word(const char *role, const char *word)
{
    size_t n = strlen(word);
    if (!role || !n) return false;
    for (const char *p = role; *p; p++) {
        if (p != role && nf__isalnum((unsigned char)p[-1])) continue;
        size_t k = 0;
        while (k < n && p[k] &&
               nf__tolower((unsigned char)p[k]) == nf__tolower((unsigned char)word[k]))
            k++;
        if (k == n && !nf__isalnum((unsigned char)p[n])) return true;
    }
    return false;
}

/* The one person of document d whose role has the word ("the judge said" in a report that
 * named "district court judge lou olivera"); -1 when none or several. */
static int32_t doc_role_holder(const nf__bw *w, uint32_t d, const char *word)
{
    int32_t found = -1;
    for (size_t i = 0; i < w->nnames; i++) {
        const nf__name *nm = &w->names[i];
        if (nm->kind != NK_PERSON || !nm->role || !(nm->bits[d / 64] >> (d % 64) & 1u) ||
            !has_word(nm->role, word))
            continue;
        if (found >= 0) return -1;
        found = (int32_t)i;
    }
    return found;
}

/* Give attribution at, an unnamed role ("the judge", "sheriff"), to the one person of its
 * report holding that role; false when there is none or several. */
static bool to_role_holder(nf__bw *w, nf__attr *at, const char *word)
{
    int32_t id = doc_role_holder(w, w->c->sents[at->sent].doc, word);
    if (id < 0) return false;
    at->np.id = id;
    at->np.name = w->names[id].name;
    at->np.kind = NK_PERSON;
    return true;
}

/* A role named before its holder ("'...,' sheriff says" in a story's highlights, the sheriff
 * named further down): once every attribution is read, an unnamed singular role left over names
 * the one person of its report with that role. */
static void late_role_holders(nf__bw *w)
{
    for (size_t i = 0; i < w->nat; i++) {
        nf__attr *at = &w->at[i];
        if (at->np.kind != NK_ANON || !at->np.text || !at->np.role) continue;
        const char *word = at->np.text;
        if (strncmp(word, "the ", 4) == 0 || strncmp(word, "The ", 4) == 0) word += 4;
        if (!strchr(word, ' ') && to_role_holder(w, at, word)) w->names[at->np.id].speaker++;
    }
}

nf_status nf__brief_attrib(nf__bw *w)
{
    nf_cluster *c = w->c;
    size_t n = c->nsents + 1;
    w->sa0 = nf__arena_alloc(w->a, n * sizeof *w->sa0);
    w->sa1 = nf__arena_alloc(w->a, n * sizeof *w->sa1);
    w->topic_person = nf__arena_alloc(w->a, n * sizeof *w->topic_person);
    w->topic_body = nf__arena_alloc(w->a, n * sizeof *w->topic_body);
    w->stmt_issuer = nf__arena_alloc(w->a, n * sizeof *w->stmt_issuer);
    w->topic_scanned = nf__arena_calloc(w->a, n, 1);
    if (!w->topic_scanned) return NF_ENOMEM;
    if (!w->sa0 || !w->sa1 || !w->topic_person || !w->topic_body || !w->stmt_issuer)
        return NF_ENOMEM;
    for (uint32_t d = 0; d < c->ndocs; d++) {
        const nf__doc *doc = &c->docs[d];
        int32_t stmt = -1;
        for (size_t s = doc->first_sent; s < doc->first_sent + doc->nsents; s++) {
            w->sa0[s] = (uint32_t)w->nat;
            w->topic_person[s] = w->topic_body[s] = -1;
            nf_status st = find_attrs(w, s);
            if (st != NF_OK) return st;
            w->sa1[s] = (uint32_t)w->nat;
            bool statement = false;
            for (uint32_t k = w->st0[s]; (w->sflags[s] & SF_STMT) && k < w->st1[s]; k++)
                if (!(w->tok[k].fl & BT_INQ) && nf__tok_has(&w->tok[k], LX_ORG) &&
                    nf__tok_is(w, d, &w->tok[k], "statement"))
                    statement = true;
            for (size_t i = w->sa0[s]; i < w->sa1[s]; i++) {
                nf__attr *at = &w->at[i];
                if (at->np.kind == NK_PRONOUN) {
                    int32_t id = resolve(w, s, at, at->np.pron, stmt);
                    if (id >= 0) {
                        at->np.id = id;
                        at->np.name = w->names[id].name;
                        at->np.kind = w->names[id].kind == NK_PERSON ? NK_PERSON : NK_BODY;
                    }
                }
                if (at->np.kind == NK_ANON && at->np.text && at->np.role &&
                    (strncmp(at->np.text, "the ", 4) == 0 ||
                     strncmp(at->np.text, "The ", 4) == 0) &&
                    !strchr(at->np.text + 4, ' ')) {
                    /* "Sputnik quoted the spokesman as saying": the spokesman named just before */
                    bool found = false;
                    for (size_t j = i; j-- > 0 && !found;) {
                        const nf__attr *pa = &w->at[j];
                        if (pa->sent + 3 < s || c->sents[pa->sent].doc != d) break;
                        if (pa->np.id >= 0 && has_word(pa->np.role, at->np.text + 4)) {
                            at->np = pa->np;
                            found = true;
                        }
                    }
                    /* else the one person of the report who holds that role */
                    if (!found) to_role_holder(w, at, at->np.text + 4);
                }
                if (at->np.id >= 0 && (at->np.kind == NK_PERSON || at->np.kind == NK_BODY)) {
                    nf__name *nm = &w->names[at->np.id];
                    nm->speaker++;
                    if (!nm->role && at->np.role && at->np.kind == NK_PERSON)
                        nm->role = at->np.role;
                    if (statement && at->type != AT_BY) stmt = at->np.id;
                    if (at->np.kind == NK_PERSON && w->topic_person[s] < 0 &&
                        (at->type == AT_SUBJ || at->type == AT_INVERTED))
                        w->topic_person[s] = at->np.id;
                    if (at->np.kind == NK_BODY && w->topic_body[s] < 0 && !at->np.generic)
                        w->topic_body[s] = at->np.id;
                }
            }
            w->stmt_issuer[s] = stmt;
            w->topic_scanned[s] = 0; /* mentions are read when a pronoun needs them */
        }
    }
    late_role_holders(w);
    return NF_OK;
}
