/* sort.c - ascending sort of 32-bit ids, the one the representation and the selectors share. */
#include "core.h"

#include <stdlib.h>

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

void nf__sort_u32(uint32_t *v, size_t n)
{
    if (n > 48) { /* a sentence has ~20 content terms: insertion sort beats qsort's calls */
        qsort(v, n, sizeof *v, cmp_u32);
        return;
    }
    for (size_t a = 1; a < n; a++) {
        uint32_t x = v[a];
        size_t b = a;
        while (b > 0 && v[b - 1] > x) {
            v[b] = v[b - 1];
            b--;
        }
        v[b] = x;
    }
}
