/* options.c - option defaults and name tables. */
#include "model.h"

#include <stddef.h>
#include <string.h>

/* The end of nf_options's first published layout (the one that introduced size). Callers
 * built against any later header pass at least this much; it never changes. */
#define OPTIONS_V1_SIZE (offsetof(nf_options, min_words) + sizeof(size_t))

void nf_options_init_size(nf_options *o, size_t size)
{
    if (!o) return;
    nf_options d;
    memset(&d, 0, sizeof d);
    d.algo = NF_ALGO_AUTO;
    d.unit = NF_UNIT_WORDS;
    d.budget = 100;
    d.order = NF_ORDER_SOURCE;
    d.redundancy = 0.5;
    d.dup_threshold = 0.6;
    d.time_limit = 0;
    d.min_words = 5;
    /* A caller built against a newer header than this library: zero what we do not know; the
     * functions that read the options then refuse them (nf__options_load). */
    if (size > sizeof d) {
        memset(o, 0, size);
        memcpy(o, &d, sizeof d);
    } else {
        memcpy(o, &d, size);
    }
    if (size >= sizeof o->size) o->size = size;
}

nf_status nf__options_load(const nf_options *in, nf_options *out, nf_error *err)
{
    nf_options_init_size(out, sizeof *out);
    if (!in) return NF_OK;
    if (in->size < OPTIONS_V1_SIZE)
        return nf__fail(err, NF_EINVAL, -1, -1, -1,
                        "nf_options not set up by nf_options_init (size %zu)", in->size);
    if (in->size > sizeof *out)
        return nf__fail(err, NF_EINVAL, -1, -1, -1,
                        "nf_options from a newer newsfuse.h (size %zu, this library knows %zu)",
                        in->size, sizeof *out);
    memcpy(out, in, in->size);
    out->size = sizeof *out;
    return NF_OK;
}

static const char *const algo_names[NF_ALGO__COUNT] = {
    "auto", "lead",     "centroid", "lexrank", "textrank",
    "mmr",  "sumbasic", "kl",       "ilp",     "submodular"};

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
