/* order.c - output order of the chosen sentences. */
#include "model.h"

#include <stdlib.h>

typedef struct okey {
    int64_t date;
    size_t doc, start;
    size_t k;
} okey;

static int cmp_okey(const void *a, const void *b)
{
    const okey *x = a, *y = b;
    if (x->date != y->date) return x->date < y->date ? -1 : 1;
    if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

static int cmp_rank(const void *a, const void *b)
{
    const okey *x = a, *y = b;
    return (x->k > y->k) - (x->k < y->k);
}

nf_status nf__order(const nf_cluster *c, nf_order order, nf_sentence *items, size_t n)
{
    if (n < 2) return NF_OK;
    okey *keys = nf__alloc(c->al, n * sizeof *keys);
    nf_sentence *tmp = nf__alloc(c->al, n * sizeof *tmp);
    if (!keys || !tmp) {
        nf__free(c->al, keys);
        nf__free(c->al, tmp);
        return NF_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        int32_t dk = c->docs[items[i].doc].date_key;
        keys[i] = (okey){dk == INT32_MIN ? 0 : (int64_t)dk, items[i].doc, items[i].start, i};
    }
    qsort(keys, n, sizeof *keys, order == NF_ORDER_RANK ? cmp_rank : cmp_okey);
    for (size_t i = 0; i < n; i++) tmp[i] = items[keys[i].k];
    for (size_t i = 0; i < n; i++) items[i] = tmp[i];
    nf__free(c->al, keys);
    nf__free(c->al, tmp);
    return NF_OK;
}
