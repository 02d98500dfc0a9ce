/* wordlists.c - the small word lists of data/brief_words.txt, parsed once per process.
 *
 * Each list is a set of lowercase ASCII words; a token is looked up case-insensitively. The
 * table points into the embedded data (static storage), so nothing is allocated and a lookup
 * is one hash and a probe or two. */
#include "brief.h"
#include "core/data.h"

#include <string.h>

static const char *const wl_names[NF__WL_COUNT] = {
    "about",  "over",       "exceed",       "forecast", "data",   "place-owner",
    "margin", "owner-verb", "context-prep", "update",   "demonym"};

#define WL_CAP 512 /* slots: a power of two, more than twice the words of the file */

typedef struct wl_slot {
    const char *p;
    uint8_t n, list;
} wl_slot;

static wl_slot g_slots[WL_CAP];
/* Per list: bit L of g_len for a word of L bytes (63: longer), bit c - 'a' of g_first for a first
 * letter c (26: any other byte). Most tokens fail one of them and skip the probe. */
static uint64_t g_len[NF__WL_COUNT];
static uint32_t g_first[NF__WL_COUNT];

static uint32_t first_bit(unsigned char c)
{
    c = (unsigned char)nf__tolower(c);
    return c >= 'a' && c <= 'z' ? 1u << (c - 'a') : 1u << 26;
}
static _Atomic int g_state;
static int g_error; /* the file did not parse: every lookup answers false (tested) */

static size_t wl_hash(int list, const char *p, size_t n)
{
    size_t h = (size_t)list * 0x9E3779B9u;
    for (size_t i = 0; i < n; i++) h = h * 31 + (unsigned char)nf__tolower((unsigned char)p[i]);
    return (h ^ (h >> 9)) & (WL_CAP - 1);
}

static int list_of(const char *p, size_t n)
{
    for (int i = 0; i < NF__WL_COUNT; i++)
        if (strlen(wl_names[i]) == n && memcmp(wl_names[i], p, n) == 0) return i;
    return -1;
}

static bool add(int list, const char *p, size_t n)
{
    if (n == 0 || n > 255) return false;
    size_t h = wl_hash(list, p, n);
    for (size_t k = 0; k < WL_CAP; k++, h = (h + 1) & (WL_CAP - 1)) {
        wl_slot *s = &g_slots[h];
        if (!s->p) {
            *s = (wl_slot){p, (uint8_t)n, (uint8_t)list};
            g_len[list] |= 1ull << (n < 63 ? n : 63);
            g_first[list] |= first_bit((unsigned char)p[0]);
            return true;
        }
        if (s->list == list && s->n == n && memcmp(s->p, p, n) == 0) return true;
    }
    return false; /* full */
}

static void parse(void)
{
    const char *p = (const char *)nf__data_brief_words_txt, *end = p + nf__data_brief_words_txt_len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (p < le && *p != '#') {
            const char *c = memchr(p, ':', (size_t)(le - p));
            int list = c ? list_of(p, (size_t)(c - p)) : -1;
            if (list < 0) {
                g_error = 1;
                return;
            }
            for (const char *q = c + 1; q < le;) {
                while (q < le && (*q == ' ' || *q == '\t' || *q == '\r')) q++;
                const char *w = q;
                while (q < le && *q != ' ' && *q != '\t' && *q != '\r') q++;
                if (q > w && !add(list, w, (size_t)(q - w))) {
                    g_error = 1;
                    return;
                }
            }
        }
        p = le + 1;
    }
}

bool nf__wl_has(int list, const char *p, size_t n)
{
    nf__once(&g_state, parse);
    if (g_error || list < 0 || list >= NF__WL_COUNT || n == 0 || n > 255) return false;
    if (!(g_len[list] >> (n < 63 ? n : 63) & 1u) ||
        !(g_first[list] & first_bit((unsigned char)p[0])))
        return false;
    size_t h = wl_hash(list, p, n);
    for (size_t k = 0; k < WL_CAP; k++, h = (h + 1) & (WL_CAP - 1)) {
        const wl_slot *s = &g_slots[h];
        if (!s->p) return false;
        if (s->list != list || s->n != n) continue;
        size_t i = 0;
        while (i < n && nf__tolower((unsigned char)p[i]) == s->p[i]) i++;
        if (i == n) return true;
    }
    return false;
}

bool nf__wl_ok(void)
{
    nf__once(&g_state, parse);
    return !g_error;
}
