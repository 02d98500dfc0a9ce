/* segment.c - first version: split after . ! ? followed by space and an uppercase letter. */
#include "model.h"

static bool push(nf__arena *a, nf__span **out, size_t *n, size_t *cap, uint32_t s, uint32_t e)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        nf__span *np = nf__arena_alloc(a, nc * sizeof *np);
        if (!np) return false;
        for (size_t i = 0; i < *n; i++) np[i] = (*out)[i];
        *out = np;
        *cap = nc;
    }
    (*out)[(*n)++] = (nf__span){s, e};
    return true;
}

nf_status nf__segment(nf__arena *a, const char *text, uint32_t start, uint32_t end, nf__span **out,
                      size_t *n, size_t *cap)
{
    uint32_t s = start;
    for (uint32_t i = start; i < end; i++) {
        char ch = text[i];
        bool cut = false;
        if ((ch == '.' || ch == '!' || ch == '?') && i + 2 < end && text[i + 1] == ' ' &&
            nf__isupper((unsigned char)text[i + 2]))
            cut = true;
        if (cut || i + 1 == end) {
            uint32_t a0 = s, b0 = i + 1;
            while (a0 < b0 && nf__isspace((unsigned char)text[a0])) a0++;
            while (b0 > a0 && nf__isspace((unsigned char)text[b0 - 1])) b0--;
            if (b0 > a0 && !push(a, out, n, cap, a0, b0)) return NF_ENOMEM;
            s = i + 1;
        }
    }
    return NF_OK;
}
