/* seg.h - internals of the segment stage shared by its files: the abbreviation table
 * (abbrev.c, from data/abbreviations.txt) used by the boundary scanner (segment.c). */
#ifndef NF_SEG_H
#define NF_SEG_H

#include <stdbool.h>
#include <stddef.h>

/* A sentence longer than this is cut at its last space (or, inside one huge token, at a character
 * boundary), so no span exceeds it by more than the bytes of one character. */
#define NF__SEG_MAX_BYTES 2000u

/* Abbreviation classes; the meaning of each is documented in data/abbreviations.txt. */
enum {
    NF__AB_NONE = 0, /* not a listed abbreviation */
    NF__AB_TITLE,    /* never ends a sentence (Mr. Dr. Gen. vs.) */
    NF__AB_NUMBER,   /* never ends a sentence before a number (No. 1) */
    NF__AB_END       /* may end one: split only before a plausible sentence start (U.S. Inc.) */
};

/* Class of the token (p, n), written with its final "." or "!" ("U.S.", "Mr."). Thread-safe;
 * the table is parsed once, on first use. */
int nf__seg_abbrev(const char *p, size_t n);

/* Whether the ASCII word (p, n) (any case, no punctuation) is a listed sentence starter. */
bool nf__seg_starter(const char *p, size_t n);

/* Number of table entries loaded (abbreviations and starters): for tests. */
size_t nf__seg_table_size(void);

#endif
