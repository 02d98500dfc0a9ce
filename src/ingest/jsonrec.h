/* jsonrec.h - the fast reader of a JSONL record (jsonrec.c); json.c falls back to jansson. */
#ifndef NF_JSONREC_H
#define NF_JSONREC_H
#include "model.h"

enum { NF__J_NONE = 0, NF__J_STR, NF__J_INT, NF__J_OBJ, NF__J_ARR, NF__J_OTHER };

typedef struct nf__jstr {
    const char *p; /* decoded, NUL-terminated (it may hold NULs itself: \u0000) */
    size_t n;
} nf__jstr;

typedef struct nf__jval {
    int type; /* NF__J_*; NONE when the key is absent */
    nf__jstr s;
    long long i;
} nf__jval;

#define NF__JMETA 5 /* id, title, source, url, date */

typedef struct nf__jdoc {
    int type; /* a string document (text) or an object */
    nf__jval text, html;
    nf__jval meta[NF__JMETA];
} nf__jdoc;

typedef struct nf__jrec {
    char *buf;
    nf__jval id;
    int docs_type;
    struct {
        nf__jstr k, v;
    } * fields; /* the record's string members, in order */
    size_t nfields, capfields;
    nf__jdoc *docs;
    size_t ndocs, capdocs;
} nf__jrec;

/* Read the record (p, n). False when it is not in the subset this reader takes (or is not valid
 * JSON): the caller then parses it with jansson. Free with nf__jrec_free either way. */
bool nf__jrec_read(const nf_allocator *al, const char *p, size_t n, nf__jrec *rec);
void nf__jrec_free(const nf_allocator *al, nf__jrec *rec);
#endif
