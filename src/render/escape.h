/* escape.h - the one escaping module for every output format. */
#ifndef NF_ESCAPE_H
#define NF_ESCAPE_H
#include "model.h"

/* JSON string contents (no quotes): ", \, control chars; invalid UTF-8 cannot occur (repaired at
 * ingest), NUL becomes \u0000. */
bool nf__esc_json(nf__buf *b, const char *p, size_t n);
/* A quoted JSON string, or null when s is NULL. */
bool nf__json_str(nf__buf *b, const char *s);
bool nf__json_strn(nf__buf *b, const char *p, size_t n);
/* HTML text and attribute escaping (& < > " '). */
bool nf__esc_html(nf__buf *b, const char *p, size_t n);
/* Markdown: backslash-escape characters that would start markup. */
bool nf__esc_md(nf__buf *b, const char *p, size_t n);
/* Whitespace runs (and NULs) as one space, trimmed: how text/SPL show a sentence on one line. */
bool nf__put_collapsed(nf__buf *b, const char *p, size_t n);
#endif
