/* auto.c - the default method: the best measured selector (see bench/QUALITY.md). */
#include "select.h"

nf_status nf__select_auto(nf__sel *s) { return nf__select_centroid(s); }
