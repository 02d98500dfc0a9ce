/* options.c - option defaults and name tables. */
#include "model.h"

#include <string.h>

void nf_options_init(nf_options *o)
{
    if (!o) return;
    memset(o, 0, sizeof *o);
    o->algo = NF_ALGO_AUTO;
    o->unit = NF_UNIT_WORDS;
    o->budget = 100;
    o->order = NF_ORDER_SOURCE;
    o->redundancy = 0.5;
    o->dup_threshold = 0.6;
    o->time_limit = 0;
    o->min_words = 5;
}

static const char *const algo_names[NF_ALGO__COUNT] = {
    "auto", "lead", "centroid", "lexrank", "textrank", "mmr", "sumbasic", "kl", "ilp", "submodular"};

const char *nf_algo_name(nf_algo a)
{
    return (unsigned)a < NF_ALGO__COUNT ? algo_names[a] : "unknown";
}

int nf_algo_from_name(const char *name)
{
    if (!name) return -1;
    for (int i = 0; i < NF_ALGO__COUNT; i++)
        if (strcmp(name, algo_names[i]) == 0) return i;
    return -1;
}

int nf_format_from_name(const char *name)
{
    static const char *const names[] = {"text", "json", "markdown", "html", "spl"};
    if (!name) return -1;
    for (int i = 0; i < 5; i++)
        if (strcmp(name, names[i]) == 0) return i;
    if (strcmp(name, "md") == 0) return NF_FORMAT_MARKDOWN;
    return -1;
}
