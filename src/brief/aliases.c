/* aliases.c - name keys and the alias table of data/brief_aliases.txt.
 *
 * A key folds the spellings of one name together (nf__name_key); the alias table maps the keys of
 * other names of a body ("CENTCOM") to its canonical name. tools/gen/gen_lexicon.c parses the file
 * with nf__aliases_parse at build time and writes the table as static arrays
 * (nf__aliases_builtin), so no process parses it; names.c reads it. */
#include "brief.h"

#include <string.h>

size_t nf__name_key(const char *p, size_t n, char *out, size_t cap)
{
    /* lowercase words without punctuation, one space apart; "the" dropped; "defence" read as
     * "defense"; "ministry of X" as "X ministry" (also department, office) */
    if (!cap) return 0;
    size_t o = 0, ws = 0;
    bool in = false;
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = i < n ? (unsigned char)p[i] : ' ';
        if (nf__isalnum(c) || c >= 0x80) {
            if (!in) {
                if (o && o + 1 < cap) out[o++] = ' ';
                ws = o;
                in = true;
            }
            if (o + 1 < cap) out[o++] = (char)nf__tolower(c);
        } else if (c == '.' || c == '\'' || c == '-') {
            continue; /* U.S. -> us, al-Assad -> alassad */
        } else if (in) {
            in = false;
            size_t l = o - ws;
            if (l == 3 && memcmp(out + ws, "the", 3) == 0)
                o = ws ? ws - 1 : 0;
            else if (l == 7 && memcmp(out + ws, "defence", 7) == 0)
                out[ws + 5] = 's';
        }
    }
    out[o] = '\0';
    static const char *const heads[] = {"ministry of ", "department of ", "office of "};
    const char *last = strrchr(out, ' ');
    for (size_t h = 0; h < NF__ARRAY_LEN(heads) && last; h++) {
        size_t hl = strlen(heads[h]);
        const char *x = last + 1;
        if ((size_t)(x - out) < hl || memcmp(x - hl, heads[h], hl) != 0) continue;
        size_t pre = (size_t)(x - out) - hl, xl = strlen(x), hw = hl - 4; /* head word length */
        char tmp[64];
        if (xl + hw + 2 > sizeof tmp) break;
        memcpy(tmp, x, xl);
        tmp[xl] = ' ';
        memcpy(tmp + xl + 1, heads[h], hw);
        memcpy(out + pre, tmp, xl + 1 + hw);
        o = pre + xl + 1 + hw;
        out[o] = '\0';
        break;
    }
    return o;
}

uint64_t nf__name_hkey(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

/* Parse an alias file: "Canonical | alias | alias" lines, '#' comments. */
bool nf__aliases_parse(nf__arena *ar, const char *p, size_t n, nf__aliases *out)
{
    const char **from = NULL, **to = NULL;
    size_t cap_from = 0, cap_to = 0, na = 0;
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && p[e] != '\n') e++;
        if (e > i && p[i] != '#') {
            const char *canon = NULL;
            size_t s = i;
            while (s < e) {
                size_t f = s;
                while (f < e && p[f] != '|') f++;
                size_t a = s, b = f;
                while (a < b && nf__isspace((unsigned char)p[a])) a++;
                while (b > a && nf__isspace((unsigned char)p[b - 1])) b--;
                if (b > a) {
                    char key[128];
                    nf__name_key(p + a, b - a, key, sizeof key);
                    if (!canon && !(canon = nf__arena_strndup(ar, p + a, b - a))) return false;
                    void *q1 = from, *q2 = to;
                    if (!nf__arena_grow(ar, &q1, &cap_from, na + 1, sizeof *from) ||
                        !nf__arena_grow(ar, &q2, &cap_to, na + 1, sizeof *to))
                        return false;
                    from = q1;
                    to = q2;
                    from[na] = nf__arena_strndup(ar, key, strlen(key));
                    to[na] = canon;
                    if (!from[na]) return false;
                    na++;
                }
                s = f + 1;
            }
        }
        i = e + 1;
    }
    size_t cap = 64;
    while (cap < na * 2 + 2) cap *= 2;
    uint32_t *map = nf__arena_calloc(ar, cap, sizeof *map);
    if (!map) return false;
    for (size_t k = na; k-- > 0;) { /* the first line naming a key wins */
        size_t h = (size_t)nf__name_hkey(from[k]) & (cap - 1);
        while (map[h] && strcmp(from[map[h] - 1], from[k]) != 0) h = (h + 1) & (cap - 1);
        map[h] = (uint32_t)k + 1;
    }
    *out = (nf__aliases){from, to, na, map, cap};
    return true;
}
