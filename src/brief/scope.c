/* scope.c - where and when a figure stands: the year a sentence ties its figures to, the place
 * a count is scoped to, area units, and the story's own year. Shared by the figure steps of
 * figures.c. */
#include "figures.h"

#include <string.h>

static const char *year_scope_scan(const nf__fx *f);

/* The year a sentence ties its figures to, computed once per sentence. */
const char *nf__fig_year_scope(nf__fx *f)
{
    if (!f->scope_done) {
        f->scope = year_scope_scan(f);
        f->scope_done = 1;
    }
    return f->scope;
}

static const char *year_scope_scan(const nf__fx *f)
{
    for (uint32_t k = f->a; k < f->e; k++) {
        const nf__btok *t = T(f, k);
        if (t->kind != BT_NUM || nf__tok_n(t) != 4 || (t->fl & BT_INQ)) continue;
        const char *p = f->t + t->start;
        if (!nf__isdigit((unsigned char)p[2]) || !nf__isdigit((unsigned char)p[3])) continue;
        if ((p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0')) {
            if (k > f->a && (T(f, k - 1)->kind == BT_NUM || is(f, k - 1, "$"))) continue;
            /* the story's own year (and later ones) is no background */
            int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
            if (f->w->story_year && y >= f->w->story_year) continue;
            /* "The Kursk, launched in 1995, carries 107": the year of a thing's past, not of
             * the counts */
            if (k > f->a + 1 && is(f, k - 1, "in") && T(f, k - 2)->kind == BT_WORD &&
                nf__tok_n(T(f, k - 2)) > 3 && !(T(f, k - 2)->fl & BT_CAP) &&
                f->t[T(f, k - 2)->end - 2] == 'e' && f->t[T(f, k - 2)->end - 1] == 'd' &&
                !has(f, k - 2, LX_EVENT))
                continue;
            return nf__bw_strdup(f->w, p, 4);
        }
    }
    return NULL;
}

/* A capitalized run from token k that can name a place (not a month, weekday or title), as a
 * lowercase key of its words; NULL when there is none. */
static const char *place_run(const nf__fx *f, uint32_t k)
{
    uint32_t e = k;
    while (e < f->e && e < k + 3 && nf__capword(f->w, f->doc, T(f, e)) &&
           !has(f, e, LX_MONTH | LX_WEEKDAY | LX_TITLE | LX_COMMON))
        e++;
    if (e == k) return NULL;
    char buf[96];
    size_t n = 0;
    for (uint32_t x = k; x < e; x++) {
        const nf__btok *t = T(f, x);
        size_t tn = nf__tok_n(t);
        if (n + tn + 1 >= sizeof buf) break;
        if (n) buf[n++] = ' ';
        for (size_t i = 0; i < tn; i++)
            buf[n++] = (char)nf__tolower((unsigned char)f->t[t->start + i]);
    }
    return nf__bw_strdup(f->w, buf, n);
}

/* The place a figure is scoped to: "3,261 people were killed in Izmit", "In Izmit region, 3,261
 * ...", a table line "Izmit 4,179 dead". Counts of one place and of the whole story are
 * different quantities. */
const char *nf__fig_place(const nf__fx *f, uint32_t q0, uint32_t last)
{
    if (q0 == f->a + 1 && nf__capword(f->w, f->doc, T(f, f->a)) && !has(f, f->a, LX_COMMON))
        return place_run(f, f->a);
    for (uint32_t x = last; x < f->e && x < last + 3; x++) {
        if (T(f, x)->kind == BT_PUNCT) break;
        if (is(f, x, "in") || is(f, x, "across") || is(f, x, "near")) {
            const char *p = place_run(f, x + 1);
            if (p) return p;
            break;
        }
    }
    if (is(f, f->a, "in") && q0 > f->a + 2) {
        const char *p = place_run(f, f->a + 1);
        for (uint32_t x = f->a + 1; p && x < q0; x++)
            if (punct(f, x, ",")) return p;
    }
    return NULL;
}

static bool prefix_ci(const char *p, const char *pre)
{
    for (; *pre; p++, pre++)
        if (nf__tolower((unsigned char)*p) != *pre) return false;
    return true;
}

/* An area: "square miles", "sq. kms", "square-kilometer" -> "sq km"; advances *u past it. */
const char *nf__fig_area_unit(const nf__fx *f, uint32_t *u)
{
    static const char *const lin[] = {"km", "miles", "m", "ft", "cm", "mm", "in"};
    static const char *const sq[] = {"sq km", "sq miles", "sq m", "sq ft",
                                     "sq cm", "sq mm",    "sq in"};
    uint32_t x = *u;
    const nf__lex *lx = NULL;
    if ((is(f, x, "square") || is(f, x, "sq.") || is(f, x, "sq")) && has(f, x + 1, LX_UNIT)) {
        lx = nf__tok_lex(f->w, T(f, x + 1));
        x += 2;
    } else if (is(f, x, "sq") && punct(f, x + 1, ".") && has(f, x + 2, LX_UNIT)) {
        lx = nf__tok_lex(f->w, T(f, x + 2)); /* "sq. kms" split at its period */
        x += 3;
    } else if (x < f->e && T(f, x)->kind == BT_WORD && nf__tok_n(T(f, x)) > 7 &&
               prefix_ci(f->t + T(f, x)->start, "square-")) {
        lx = nf__lex_find(f->w->lx, f->t + T(f, x)->start + 7, nf__tok_n(T(f, x)) - 7);
        if (lx && !(lx->flags & LX_UNIT)) lx = NULL;
        x += 1;
    }
    if (!lx || !lx->aux) return NULL;
    for (size_t i = 0; i < NF__ARRAY_LEN(lin); i++)
        if (!strcmp(lx->aux, lin[i])) {
            *u = x;
            return sq[i];
        }
    return NULL;
}

/* The latest year written in the cluster: the story's year; 0 when none is written. */
int nf__brief_story_year(const nf__bw *w)
{
    int cnt[300] = {0}; /* 1900 .. 2199 */
    size_t s = 0;
    for (size_t i = 0; i < w->l_num.n; i++) {
        const nf__btok *t = &w->tok[w->l_num.v[i]];
        while (s + 1 < w->c->nsents && w->st1[s] <= w->l_num.v[i]) s++;
        if (t->kind != BT_NUM || nf__tok_n(t) != 4) continue;
        const char *p = w->c->docs[w->c->sents[s].doc].text + t->start;
        int y = 0;
        for (int d = 0; d < 4; d++) /* digits only: "1:45" is a time, not the year 2045 */
            y = nf__isdigit((unsigned char)p[d]) && y >= 0 ? y * 10 + (p[d] - '0') : -1;
        if (y >= 1900 && y < 2200) cnt[y - 1900]++;
    }
    /* the latest year: reports look back to earlier years, rarely ahead */
    for (int y = 300; y-- > 0;)
        if (cnt[y]) return y + 1900;
    return 0;
}
