/* figmerge.h - public figures from raw figures (figmerge.c), shared with conflicts.c. */
#ifndef NF_FIGMERGE_H
#define NF_FIGMERGE_H
#include "brief.h"

/* One entry of stage 1 (raw figures of one quantity key, place and value). */
typedef struct nf__qf {
    const nf__rfig *r0;         /* its first raw figure */
    const nf__rfig *label_from; /* a merged entry that names the noun, when r0 does not */
    const char *key;            /* quantity key: event or noun, owner, unit, year scope */
    const char *gkey;           /* the key conflicts group on: a merged figure any of whose
                                   mentions is a forecast is a forecast */
    int conflictable;
    int cue_new, cue_old; /* "rose to" / "up from" wording */
    int32_t date_min;     /* earliest document date, INT32_MAX when none */
    size_t first;         /* first raw index */
    size_t root;          /* stage 2: the entry it was merged into (itself when a root) */
    size_t pub;           /* the public figure */
} nf__qf;

typedef struct nf__fm {
    nf__qf *q;
    size_t n;
    size_t *of;         /* raw figure -> entry */
    size_t npub;        /* public figures */
    size_t *raw0, *raw; /* raw figures of public figure p: raw[raw0[p] .. raw0[p + 1]) */
} nf__fm;

/* Whether a unit is a duration's ("days", "years"). */
bool nf__fig_time_unit(const char *unit);
/* Stages 1-2 and the public figures (b->figures). */
nf_status nf__fig_merge(nf__bw *w, nf__fm *m, nf_brief *b);
/* Stage 3, after the conflicts: nf_figure.key. */
void nf__fig_mark_key(nf__bw *w, const nf__fm *m, nf_brief *b);
#endif
