/* escape.c - escaping for JSON, HTML and Markdown; whitespace collapsing. */
#include "escape.h"

#include <string.h>

bool nf__esc_json(nf__buf *b, const char *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        i += nf__json_plain(p + i, n - i, false);
        if (i == n) break;
        unsigned char c = (unsigned char)p[i];
        nf__buf_put(b, p + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': nf__buf_put(b, "\\\"", 2); break;
        case '\\': nf__buf_put(b, "\\\\", 2); break;
        case '\n': nf__buf_put(b, "\\n", 2); break;
        case '\r': nf__buf_put(b, "\\r", 2); break;
        case '\t': nf__buf_put(b, "\\t", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            nf__buf_put(b, u, 6);
        }
        }
    }
    return nf__buf_put(b, p + run, n - run);
}

bool nf__json_strn(nf__buf *b, const char *p, size_t n)
{
    nf__buf_putc(b, '"');
    nf__esc_json(b, p, n);
    return nf__buf_putc(b, '"');
}

bool nf__json_str(nf__buf *b, const char *s)
{
    if (!s) return nf__buf_put(b, "null", 4);
    return nf__json_strn(b, s, strlen(s));
}

bool nf__esc_html(nf__buf *b, const char *p, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *r = NULL;
        switch (p[i]) {
        case '&': r = "&amp;"; break;
        case '<': r = "&lt;"; break;
        case '>': r = "&gt;"; break;
        case '"': r = "&quot;"; break;
        case '\'': r = "&#39;"; break;
        case '\0': r = " "; break;
        default: continue;
        }
        nf__buf_put(b, p + run, i - run);
        nf__buf_puts(b, r);
        run = i + 1;
    }
    return nf__buf_put(b, p + run, n - run);
}

bool nf__esc_md(nf__buf *b, const char *p, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (!strchr("\\`*_[]<>#|", p[i]) || p[i] == '\0') continue;
        nf__buf_put(b, p + run, i - run);
        nf__buf_putc(b, '\\');
        run = i;
    }
    return nf__buf_put(b, p + run, n - run);
}

bool nf__put_collapsed(nf__buf *b, const char *p, size_t n)
{
    bool sp = false, any = false;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (nf__isspace((unsigned char)c) || c == '\0') {
            sp = true;
            continue;
        }
        if (sp && any) nf__buf_putc(b, ' ');
        sp = false;
        any = true;
        /* copy the run of non-space bytes at once */
        size_t e = i;
        while (e < n && !nf__isspace((unsigned char)p[e]) && p[e] != '\0') e++;
        nf__buf_put(b, p + i, e - i);
        i = e - 1;
    }
    return b->err == NF_OK;
}
