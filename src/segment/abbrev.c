/* abbrev.c - the abbreviation and sentence-starter table of data/abbreviations.txt.
 *
 * The table is parsed once into a static array of offsets into the embedded data, sorted for
 * binary search. It needs no allocation (so lookups cannot fail). Analyses run in several threads
 * at once, so the first use is guarded by nf__once. */
#include "segment/seg.h"

#include "core/core.h"
#include "core/data.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The data file holds a few hundred entries; extra entries beyond the cap are ignored (a unit test
 * checks the file stays well below it). */
#define MAX_ENTRIES 2048
#define MAX_KEY     32

enum { CLS_STARTER = 100 };

typedef struct entry {
    uint32_t off;
    uint8_t len;
    uint8_t cls;
} entry;

static entry g_tab[MAX_ENTRIES];
static size_t g_n;
static _Atomic int g_state; /* nf__once */

static const char *data(void) { return (const char *)nf__data_abbreviations_txt; }

/* ASCII case-folded comparison, the sort order of the table. */
static int fold_cmp(const char *a, size_t na, const char *b, size_t nb)
{
    size_t m = NF__MIN(na, nb);
    for (size_t i = 0; i < m; i++) {
        int ca = nf__tolower((unsigned char)a[i]), cb = nf__tolower((unsigned char)b[i]);
        if (ca != cb) return ca - cb;
    }
    return na < nb ? -1 : na > nb;
}

/* Folded key, then exact bytes, then class and file position: a total order, so the table (and
 * which of two spellings wins) does not depend on qsort's instability. */
static int entry_cmp(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    const char *d = data();
    int r = fold_cmp(d + a->off, a->len, d + b->off, b->len);
    if (r) return r;
    size_t m = NF__MIN(a->len, b->len);
    r = memcmp(d + a->off, d + b->off, m);
    if (r) return r;
    if (a->len != b->len) return a->len < b->len ? -1 : 1;
    if (a->cls != b->cls) return a->cls < b->cls ? -1 : 1;
    return a->off < b->off ? -1 : a->off > b->off;
}

static int section_class(const char *p, size_t n)
{
    static const struct {
        const char *name;
        int cls;
    } sec[] = {{"title", NF__AB_TITLE},
               {"number", NF__AB_NUMBER},
               {"end", NF__AB_END},
               {"starter", CLS_STARTER}};
    for (size_t i = 0; i < NF__ARRAY_LEN(sec); i++)
        if (strlen(sec[i].name) == n && memcmp(sec[i].name, p, n) == 0) return sec[i].cls;
    return NF__AB_NONE;
}

static void build(void)
{
    const char *d = data();
    size_t len = nf__data_abbreviations_txt_len, i = 0;
    int cls = NF__AB_NONE;
    while (i < len) {
        unsigned char c = (unsigned char)d[i];
        if (nf__isspace(c)) {
            i++;
            continue;
        }
        if (c == '#') {
            while (i < len && d[i] != '\n') i++;
            continue;
        }
        size_t s = i;
        while (i < len && !nf__isspace((unsigned char)d[i])) i++;
        size_t n = i - s;
        if (d[s] == '[' && d[i - 1] == ']') {
            cls = section_class(d + s + 1, n - 2);
            continue;
        }
        if (cls == NF__AB_NONE || n > MAX_KEY || g_n == MAX_ENTRIES) continue;
        g_tab[g_n++] = (entry){(uint32_t)s, (uint8_t)n, (uint8_t)cls};
    }
    qsort(g_tab, g_n, sizeof g_tab[0], entry_cmp);
}

static void ensure(void) { nf__once(&g_state, build); }

/* First index whose folded key is not below (p, n). */
static size_t lower_bound(const char *p, size_t n)
{
    const char *d = data();
    size_t lo = 0, hi = g_n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (fold_cmp(d + g_tab[mid].off, g_tab[mid].len, p, n) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool has_upper(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (nf__isupper((unsigned char)p[i])) return true;
    return false;
}

static bool has_lower(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (nf__islower((unsigned char)p[i])) return true;
    return false;
}

int nf__seg_abbrev(const char *p, size_t n)
{
    if (n < 2 || n > MAX_KEY) return NF__AB_NONE;
    ensure();
    const char *d = data();
    bool allcaps = !has_lower(p, n);
    int found = NF__AB_NONE;
    for (size_t i = lower_bound(p, n); i < g_n; i++) {
        const entry *e = &g_tab[i];
        if (fold_cmp(d + e->off, e->len, p, n) != 0) break;
        if (e->cls == CLS_STARTER) continue;
        if (e->len == n && memcmp(d + e->off, p, n) == 0) return e->cls;
        /* an all-lowercase entry matches any spelling; a capitalized one only in all capitals,
         * or for a title in all lowercase too (web text that folds case: "director, dr. anja
         * sorel") */
        if (found == NF__AB_NONE && (!has_upper(d + e->off, e->len) || allcaps ||
                                     (e->cls == NF__AB_TITLE && !has_upper(p, n))))
            found = e->cls;
    }
    return found;
}

bool nf__seg_starter(const char *p, size_t n)
{
    if (n == 0 || n > MAX_KEY) return false;
    ensure();
    const char *d = data();
    for (size_t i = lower_bound(p, n); i < g_n; i++) {
        const entry *e = &g_tab[i];
        if (fold_cmp(d + e->off, e->len, p, n) != 0) break;
        if (e->cls == CLS_STARTER) return true;
    }
    return false;
}

size_t nf__seg_table_size(void)
{
    ensure();
    return g_n;
}
