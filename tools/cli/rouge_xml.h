/* rouge_xml.h - the reader of ROUGE-1.5.5's XML configuration files, for `newsfuse rouge`. */
#ifndef NF_CLI_ROUGE_XML_H
#define NF_CLI_ROUGE_XML_H
#include <stdbool.h>
#include <stddef.h>

typedef struct xitem {
    char *id, *file;
} xitem;

typedef struct xeval {
    char *id, *proot, *mroot, *format;
    xitem *p, *m;
    size_t np, nm, capp, capm;
} xeval;

typedef struct xconf {
    xeval *ev;
    size_t n, cap;
    size_t *slot; /* the evaluations by id (index + 1, 0 = empty): a configuration can hold
                     tens of thousands */
    size_t mask;
} xconf;

/* Parse a configuration (s, n); path names it in messages (printed to stderr). false on error. */
bool cli_rx_parse_xml(const char *s, size_t n, xconf *c, const char *path);
void cli_rx_free_conf(xconf *c);
/* Case-insensitive element/attribute name test, as ROUGE matches names. */
bool cli_rx_name_is(const char *p, size_t n, const char *name);
#endif
