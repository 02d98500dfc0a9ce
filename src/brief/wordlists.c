/* wordlists.c - lookups in the small word lists of data/brief_words.txt.
 *
 * The table is made at build time (wlparse.c, run by tools/gen/gen_lexicon.c): no process parses
 * the file, and a lookup is a length and first-letter test, then one hash and a probe or two. */
#include "brief.h"

bool nf__wl_has(int list, const char *p, size_t n)
{
    const nf__wl_table *t = &nf__wl_builtin;
    if (list < 0 || list >= NF__WL_COUNT || n == 0 || n > 255) return false;
    if (!(t->len[list] >> (n < 63 ? n : 63) & 1u) ||
        !(t->first[list] & nf__wl_first_bit((unsigned char)p[0])))
        return false;
    size_t h = nf__wl_hash(list, p, n);
    for (size_t k = 0; k < NF__WL_CAP; k++, h = (h + 1) & (NF__WL_CAP - 1)) {
        const nf__wl_slot *s = &t->slot[h];
        if (!s->p) return false;
        if (s->list != list || s->n != n) continue;
        size_t i = 0;
        while (i < n && nf__tolower((unsigned char)p[i]) == s->p[i]) i++;
        if (i == n) return true;
    }
    return false;
}

bool nf__wl_ok(void) { return nf__wl_builtin.n > 0; }
