/* figures.h - shared by figures.c (what a figure counts, its source) and numbers.c (reading
 * numbers, qualifiers, and what is not a figure). */
#ifndef NF_FIGURES_H
#define NF_FIGURES_H
#include "brief.h"

typedef struct nf__fx {
    nf__bw *w;
    size_t s;
    uint32_t doc, a, e;
    const char *t;
    size_t first_fig; /* first raw figure of this sentence */
    int scope_done;   /* year_scope computed for the sentence */
    const char *scope;
} nf__fx;

static inline bool is(const nf__fx *f, uint32_t k, const char *word)
{
    return k >= f->a && k < f->e && f->w->tok[k].kind == BT_WORD &&
           nf__tok_is(f->w, f->doc, &f->w->tok[k], word);
}

static inline bool has(const nf__fx *f, uint32_t k, uint32_t flags)
{
    return k >= f->a && k < f->e && nf__tok_has(&f->w->tok[k], flags);
}

static inline bool punct(const nf__fx *f, uint32_t k, const char *p)
{
    return k >= f->a && k < f->e && nf__tok_punct(f->w, f->doc, &f->w->tok[k], p);
}

static inline const nf__btok *T(const nf__fx *f, uint32_t k) { return &f->w->tok[k]; }

/* Whether token k (inside the sentence) is a word of list (data/brief_words.txt). */
static inline bool in_list(const nf__fx *f, uint32_t k, int list)
{
    return k >= f->a && k < f->e && nf__tok_in(f->w, f->doc, &f->w->tok[k], list);
}

/* Currency units are ISO codes: three capital letters. */
static inline bool is_money(const char *unit)
{
    return unit && strlen(unit) == 3 && nf__isupper((unsigned char)unit[0]) &&
           nf__isupper((unsigned char)unit[1]) && nf__isupper((unsigned char)unit[2]);
}

/* Digits with separators: 12,000 -> 12000; 7.4; returns false for a clock time (3:41). */

/* scope.c */
const char *nf__fig_year_scope(nf__fx *f); /* once per sentence; NULL when none */
const char *nf__fig_place(const nf__fx *f, uint32_t q0, uint32_t last);
const char *nf__fig_area_unit(const nf__fx *f, uint32_t *u); /* "sq km"; advances *u */
int nf__brief_story_year(const nf__bw *w);

/* numbers.c */
bool nf__fig_parse_number(const nf__fx *f, uint32_t k, double *v, uint32_t *end, bool *dec,
                          bool *comma, int *ndig, bool *word);
int nf__fig_currency_sym(const nf__fx *f, uint32_t k, const char **unit);
int nf__fig_qualifier(const nf__fx *f, uint32_t k, uint32_t *q0);
bool nf__fig_excluded(const nf__fx *f, uint32_t k, uint32_t j, double v, bool dec, bool comma,
                      int ndig, bool word, const char *unit);
#endif
