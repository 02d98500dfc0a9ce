/* lexicon.h - parsing the brief's word classes (data/brief_lexicon.txt; format in its header).
 * brief.h declares the lookups every stage uses; this header adds the parser, for lexicon.c and
 * the unit test of the data file. */
#ifndef NF_BRIEF_LEXICON_H
#define NF_BRIEF_LEXICON_H
#include "brief.h"

/* Parse a lexicon text in the format of data/brief_lexicon.txt into arena a. NF_OK with *out set;
 * NF_EINVAL for a malformed line (*bad_line = its 1-based number when bad_line is non-NULL), or
 * for more than 65,534 entries; NF_ENOMEM. *repeated (optional) counts the lines that named a
 * word already listed (merged: classes OR-ed, the first value, aux and event kept). */
nf_status nf__lexicon_parse(nf__arena *a, const char *p, size_t n, nf__lexicon **out,
                            size_t *bad_line, size_t *repeated);
#endif
