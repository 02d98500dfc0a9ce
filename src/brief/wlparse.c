/* wlparse.c - the parser of data/brief_words.txt, the brief's small word lists.
 *
 * tools/gen/gen_lexicon.c runs it at build time and writes the table as static arrays
 * (nf__wl_builtin); wordlists.c looks words up in that table. Each list is a set of lowercase
 * ASCII words. */
#include "brief.h"

#include <string.h>

static const char *const wl_names[NF__WL_COUNT] = {
    "about",  "over",       "exceed",       "forecast", "data",    "place-owner",
    "margin", "owner-verb", "context-prep", "update",   "demonym", "title-modifier"};

static int list_of(const char *p, size_t n)
{
    for (int i = 0; i < NF__WL_COUNT; i++)
        if (strlen(wl_names[i]) == n && memcmp(wl_names[i], p, n) == 0) return i;
    return -1;
}

static bool add(nf__wl_table *t, int list, const char *p, size_t n)
{
    if (n == 0 || n > 255) return false;
    size_t h = nf__wl_hash(list, p, n);
    for (size_t k = 0; k < NF__WL_CAP; k++, h = (h + 1) & (NF__WL_CAP - 1)) {
        nf__wl_slot *s = &t->slot[h];
        if (!s->p) {
            *s = (nf__wl_slot){p, (uint8_t)n, (uint8_t)list};
            t->len[list] |= 1ull << (n < 63 ? n : 63);
            t->first[list] |= nf__wl_first_bit((unsigned char)p[0]);
            t->n++;
            return true;
        }
        if (s->list == list && s->n == n && memcmp(s->p, p, n) == 0) return true;
    }
    return false; /* full */
}

bool nf__wl_parse(const char *p, size_t n, nf__wl_table *t)
{
    const char *end = p + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (p < le && *p != '#') {
            const char *c = memchr(p, ':', (size_t)(le - p));
            int list = c ? list_of(p, (size_t)(c - p)) : -1;
            if (list < 0) return false;
            for (const char *q = c + 1; q < le;) {
                while (q < le && (*q == ' ' || *q == '\t' || *q == '\r')) q++;
                const char *w = q;
                while (q < le && *q != ' ' && *q != '\t' && *q != '\r') q++;
                if (q > w && !add(t, list, w, (size_t)(q - w))) return false;
            }
        }
        p = le + 1;
    }
    return true;
}
