/* clean.c - first version: every non-blank line is a block (the boilerplate rules come next). */
#include "model.h"

nf_status nf__clean_doc(nf__arena *a, nf__doc *d, unsigned flags)
{
    (void)flags;
    size_t n = 0;
    for (size_t i = 0; i < d->len; i++)
        if (d->text[i] == '\n') n++;
    n++;
    d->blocks = nf__arena_alloc(a, n * sizeof *d->blocks);
    d->block_flags = nf__arena_calloc(a, n, 1);
    if (!d->blocks || !d->block_flags) return NF_ENOMEM;
    d->nblocks = 0;
    size_t s = 0;
    for (size_t i = 0; i <= d->len; i++) {
        if (i == d->len || d->text[i] == '\n') {
            size_t a0 = s, b0 = i;
            while (a0 < b0 && nf__isspace((unsigned char)d->text[a0])) a0++;
            while (b0 > a0 && nf__isspace((unsigned char)d->text[b0 - 1])) b0--;
            if (b0 > a0) d->blocks[d->nblocks++] = (nf__span){(uint32_t)a0, (uint32_t)b0};
            s = i + 1;
        }
    }
    return NF_OK;
}
