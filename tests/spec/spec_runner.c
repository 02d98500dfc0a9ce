/* spec_runner.c - runs a spec file: cases of input and expected output side by side.
 *
 * File format (see tests/spec/README.md):
 *   mode: segment | clean | tokenize        (first non-comment line)
 *   === case name
 *   input lines ...
 *   ---
 *   expected lines ...
 *   (next "===" line or end of file ends the case; trailing blank lines are ignored)
 * Lines starting with "#" before the first case are comments.
 * A case name may end in "[lang=NAME]" (a Snowball language): the case then runs with a context
 * of that language; without it the language is English.
 *
 * segment:  one document, boilerplate kept; each sentence printed on a line, whitespace runs shown
 *           as one space.
 * clean:    one document, default cleaning; each kept block on a line, whitespace runs collapsed.
 * tokenize: the input's tokens on one line per input line: stem, or [stem] for a stopword.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsfuse.h"

typedef struct strbuf {
    char *p;
    size_t n, cap;
} strbuf;

static void sb_put(strbuf *b, const char *p, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        while (b->n + n + 1 > b->cap) b->cap = b->cap ? b->cap * 2 : 256;
        b->p = realloc(b->p, b->cap);
        if (!b->p) exit(1);
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
    b->p[b->n] = '\0';
}

/* Append p with whitespace runs collapsed to one space, trimmed. */
static void sb_collapse(strbuf *b, const char *p, size_t n)
{
    int sp = 0, any = 0;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            sp = 1;
            continue;
        }
        if (sp && any) sb_put(b, " ", 1);
        sp = 0;
        any = 1;
        sb_put(b, &c, 1);
    }
}

static void trim_trailing_newlines(strbuf *b)
{
    while (b->n && (b->p[b->n - 1] == '\n' || b->p[b->n - 1] == ' ')) b->p[--b->n] = '\0';
}

static nf_ctx *g_ctx;

/* One context per language, made when a case first asks for it. */
#define MAX_LANGS 64
static struct {
    char name[32];
    nf_ctx *ctx;
} g_langs[MAX_LANGS];
static size_t g_nlangs;

/* The context for a case name: its "[lang=NAME]" suffix, or English. NULL for an unknown
 * language (the case fails and says why). */
static nf_ctx *ctx_for(const char *name, char *why, size_t whylen)
{
    const char *tag = strstr(name, "[lang=");
    if (!tag) return g_ctx;
    const char *v = tag + 6, *e = strchr(v, ']');
    size_t n = e ? (size_t)(e - v) : strlen(v);
    if (n == 0 || n >= sizeof g_langs[0].name) {
        snprintf(why, whylen, "bad [lang=] tag");
        return NULL;
    }
    for (size_t i = 0; i < g_nlangs; i++)
        if (strlen(g_langs[i].name) == n && memcmp(g_langs[i].name, v, n) == 0)
            return g_langs[i].ctx;
    if (g_nlangs == MAX_LANGS) {
        snprintf(why, whylen, "too many languages");
        return NULL;
    }
    memcpy(g_langs[g_nlangs].name, v, n);
    g_langs[g_nlangs].name[n] = '\0';
    nf_error err;
    if (nf_ctx_new(g_langs[g_nlangs].name, NULL, &g_langs[g_nlangs].ctx, &err) != NF_OK) {
        snprintf(why, whylen, "%s", err.msg);
        return NULL;
    }
    return g_langs[g_nlangs++].ctx;
}

static void tok_cb(void *ud, const char *surf, size_t sl, const char *stem, size_t stl, int stop)
{
    (void)surf;
    (void)sl;
    strbuf *b = ud;
    if (b->n && b->p[b->n - 1] != '\n') sb_put(b, " ", 1);
    if (stop) sb_put(b, "[", 1);
    sb_put(b, stem, stl);
    if (stop) sb_put(b, "]", 1);
}

static int run_case(const char *mode, nf_ctx *ctx, const char *in, size_t inlen, strbuf *out)
{
    out->n = 0;
    sb_put(out, "", 0);
    if (strcmp(mode, "tokenize") == 0) {
        const char *p = in, *end = in + inlen;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
            if (nf_tokenize(ctx, p, n, tok_cb, out, NULL) != NF_OK) return -1;
            sb_put(out, "\n", 1);
            p += n + 1;
        }
        trim_trailing_newlines(out);
        return 0;
    }
    nf_cluster *c = NULL;
    if (nf_cluster_new(NULL, &c) != NF_OK) return -1;
    nf_error err;
    nf_status st = nf_cluster_add_text(c, in, inlen, NULL, &err);
    if (st != NF_OK) {
        sb_put(out, "ERROR: ", 7);
        sb_put(out, nf_strerror(st), strlen(nf_strerror(st)));
        nf_cluster_free(c);
        return 0;
    }
    nf_options o;
    nf_options_init(&o);
    if (strcmp(mode, "segment") == 0) o.flags |= NF_OPT_KEEP_BOILERPLATE;
    st = nf_cluster_analyze(ctx, c, &o, &err);
    if (st != NF_OK) {
        sb_put(out, "ERROR: ", 7);
        sb_put(out, err.msg, strlen(err.msg));
        nf_cluster_free(c);
        return 0;
    }
    size_t dlen;
    const char *text = nf_cluster_doc_text(c, 0, &dlen);
    if (strcmp(mode, "segment") == 0) {
        size_t ns = nf_cluster_sentence_count(c);
        for (size_t i = 0; i < ns; i++) {
            nf_sentence s;
            nf_cluster_sentence(c, i, &s);
            sb_collapse(out, s.text, s.len);
            sb_put(out, "\n", 1);
        }
    } else {
        size_t nb = nf_cluster_block_count(c, 0);
        for (size_t i = 0; i < nb; i++) {
            size_t a, b;
            nf_cluster_block(c, 0, i, &a, &b);
            sb_collapse(out, text + a, b - a);
            sb_put(out, "\n", 1);
        }
    }
    trim_trailing_newlines(out);
    nf_cluster_free(c);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: spec_runner FILE.spec [case-substring]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    strbuf file = {0};
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) sb_put(&file, chunk, k);
    fclose(f);
    if (nf_ctx_new("english", NULL, &g_ctx, NULL) != NF_OK) return 1;

    char mode[32] = "";
    strbuf in = {0}, exp = {0}, out = {0};
    char name[256] = "";
    int state = 0; /* 0 header, 1 input, 2 expected */
    int passed = 0, failed = 0;
    const char *p = file.p, *end = file.p + file.n;
    for (;;) {
        const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
        size_t n = p < end ? (nl ? (size_t)(nl - p) : (size_t)(end - p)) : 0;
        int eof = p >= end;
        int is_case = !eof && n >= 4 && strncmp(p, "=== ", 4) == 0;
        if ((eof || is_case) && state == 2) {
            trim_trailing_newlines(&exp);
            if (in.n && in.p[in.n - 1] == '\n') in.p[--in.n] = '\0';
            int filter_ok = argc < 3 || strstr(name, argv[2]);
            char why[300] = "";
            nf_ctx *ctx = filter_ok ? ctx_for(name, why, sizeof why) : NULL;
            if (filter_ok && !ctx) {
                failed++;
                printf("FAIL: %s\n--- %s\n\n", name, why);
            } else if (filter_ok) {
                if (run_case(mode, ctx, in.p ? in.p : "", in.n, &out) != 0 ||
                    strcmp(out.p ? out.p : "", exp.p ? exp.p : "") != 0) {
                    failed++;
                    printf("FAIL: %s\n--- expected\n%s\n--- got\n%s\n\n", name, exp.p ? exp.p : "",
                           out.p ? out.p : "");
                } else {
                    passed++;
                }
            }
        }
        if (eof) break;
        if (is_case) {
            size_t m = n - 4 < sizeof name - 1 ? n - 4 : sizeof name - 1;
            memcpy(name, p + 4, m);
            name[m] = '\0';
            in.n = exp.n = 0;
            sb_put(&in, "", 0);
            sb_put(&exp, "", 0);
            state = 1;
        } else if (state == 0) {
            if (n >= 5 && strncmp(p, "mode:", 5) == 0) {
                const char *v = p + 5;
                while (*v == ' ') v++;
                size_t m = (size_t)(p + n - v);
                if (m >= sizeof mode) m = sizeof mode - 1;
                memcpy(mode, v, m);
                mode[m] = '\0';
            }
        } else if (state == 1 && n == 3 && strncmp(p, "---", 3) == 0) {
            state = 2;
        } else if (state == 1) {
            sb_put(&in, p, n);
            sb_put(&in, "\n", 1);
        } else {
            sb_put(&exp, p, n);
            sb_put(&exp, "\n", 1);
        }
        p += n + 1;
    }
    nf_ctx_free(g_ctx);
    for (size_t i = 0; i < g_nlangs; i++) nf_ctx_free(g_langs[i].ctx);
    free(file.p);
    free(in.p);
    free(exp.p);
    free(out.p);
    printf("%s: %d passed, %d failed\n", argv[1], passed, failed);
    return failed ? 1 : (passed ? 0 : 1);
}
