/* html.c - HTML ingest through libgumbo: the main text of a page, one block per paragraph-level
 * element.
 *
 * Main text: the largest <article> (or itemprop="articleBody") when it holds at least a third of
 * the text of the largest <main> (or role="main"), else that <main>, else <body>. Inside it,
 * script/style/nav/aside/footer/form/figure/... and hidden elements are dropped; <header> only
 * counts inside an article or main (there it holds the headline, elsewhere the site banner).
 * Block texts are joined by "\n" into the document text, whitespace runs collapsed to one space.
 *
 * Two things keep hostile nesting harmless. Gumbo 0.10's tree builder scans the stack of open
 * elements for every start tag and copies it into every parse error, so 100k nested <div>s take
 * minutes and gigabytes: errors are not recorded (max_errors 0), and a cheap pre-scan removes the
 * start and end tags nested deeper than NF__HTML_MAX_DEPTH (their text stays). Our own walks over
 * the tree use an explicit stack, never recursion.
 */
#include "model.h"

#include <gumbo.h>
#include <string.h>

#define NF__HTML_MAX_DEPTH 400
#define NF__HTML_MAX_BYTES ((size_t)64 << 20)

/* ---- depth limiter ---------------------------------------------------------------------- */

static bool name_is(const char *p, size_t n, const char *const *set, size_t nset)
{
    for (size_t i = 0; i < nset; i++) {
        size_t k = strlen(set[i]);
        if (k != n) continue;
        size_t j = 0;
        while (j < n && nf__tolower((unsigned char)p[j]) == set[i][j]) j++;
        if (j == n) return true;
    }
    return false;
}

/* Elements that never nest deeper: void elements, and those the parser closes implicitly. */
static bool flat_element(const char *p, size_t n)
{
    static const char *const flat[] = {
        "area",   "base",    "br",       "col",     "embed",  "hr",       "img",
        "input",  "link",    "meta",     "param",   "source", "track",    "wbr",
        "keygen", "command", "basefont", "bgsound", "frame",  "image",    "menuitem",
        "p",      "li",      "dt",       "dd",      "option", "optgroup", "tr",
        "td",     "th",      "thead",    "tbody",   "tfoot",  "colgroup", "caption",
        "rb",     "rt",      "rtc",      "rp",      "html",   "head",     "body"};
    return name_is(p, n, flat, NF__ARRAY_LEN(flat));
}

static bool rawtext_element(const char *p, size_t n)
{
    static const char *const raw[] = {"script", "style",   "textarea", "title",    "xmp",
                                      "iframe", "noembed", "noframes", "noscript", "plaintext"};
    return name_is(p, n, raw, NF__ARRAY_LEN(raw));
}

static size_t find_ci(const char *p, size_t n, size_t from, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = from; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && nf__tolower((unsigned char)p[i + j]) == needle[j]) j++;
        if (j == k) return i;
    }
    return n;
}

/* One pass over the markup. With out == NULL it returns the deepest nesting it saw; otherwise it
 * copies everything except tags nested beyond the limit into out. Approximate on purpose: it only
 * has to be exact for well-formed nesting and harmless for everything else. */
static size_t depth_pass(const char *p, size_t n, nf__buf *out)
{
    size_t depth = 0, maxd = 0, excess = 0, copied = 0, foreign = 0;
    size_t i = 0;
    while (i < n) {
        const char *lt = memchr(p + i, '<', n - i);
        if (!lt) break;
        size_t a = (size_t)(lt - p), e;
        if (a + 3 < n && p[a + 1] == '!' && p[a + 2] == '-' && p[a + 3] == '-') {
            e = find_ci(p, n, a + 4, "-->");
            i = e < n ? e + 3 : n;
            continue;
        }
        bool end_tag = a + 1 < n && p[a + 1] == '/';
        size_t ns = a + 1 + end_tag, ne = ns;
        if (ne >= n || !nf__isalpha((unsigned char)p[ne])) {
            i = a + 1;
            if (a + 1 < n && (p[a + 1] == '!' || p[a + 1] == '?')) {
                const char *gt = memchr(p + a, '>', n - a);
                i = gt ? (size_t)(gt - p) + 1 : n;
            }
            continue;
        }
        while (ne < n && !nf__isspace((unsigned char)p[ne]) && p[ne] != '>' && p[ne] != '/') ne++;
        char q = 0; /* the tag ends at the first '>' outside a quoted attribute value */
        for (e = ne; e < n; e++) {
            if (q) {
                if (p[e] == q) q = 0;
            } else if (p[e] == '"' || p[e] == '\'') {
                q = p[e];
            } else if (p[e] == '>') {
                break;
            }
        }
        size_t after = e < n ? e + 1 : n;
        /* "/>" closes an element only in SVG and MathML; "<div/>" opens a div */
        bool self_closed = foreign && e > ne && e < n && p[e - 1] == '/';
        static const char *const fo[] = {"svg", "math"};
        if (name_is(p + ns, ne - ns, fo, 2) && !(e > ne && e < n && p[e - 1] == '/')) {
            if (!end_tag)
                foreign++;
            else if (foreign)
                foreign--;
        }
        bool drop = false;
        if (!flat_element(p + ns, ne - ns) && !self_closed) {
            if (!end_tag) {
                if (depth >= NF__HTML_MAX_DEPTH)
                    excess++, drop = true;
                else
                    depth++;
                if (depth + excess > maxd) maxd = depth + excess;
            } else if (excess) {
                excess--;
                drop = true;
            } else if (depth) {
                depth--;
            }
        }
        if (drop && out) {
            nf__buf_put(out, p + copied, a - copied);
            copied = after;
        }
        i = after;
        if (!end_tag && rawtext_element(p + ns, ne - ns)) {
            char close[16] = "</";
            memcpy(close + 2, p + ns, ne - ns);
            for (size_t k = 2; k < 2 + ne - ns; k++)
                close[k] = (char)nf__tolower((unsigned char)close[k]);
            close[2 + ne - ns] = '\0';
            i = find_ci(p, n, i, close);
        }
    }
    if (out) nf__buf_put(out, p + copied, n - copied);
    return maxd;
}

/* ---- tree walks ------------------------------------------------------------------------- */

typedef struct frame {
    GumboNode *node;
    unsigned child;
    bool insec;  /* inside an article or main */
    size_t text; /* bytes of kept text below (candidate sizing) */
} frame;

typedef struct walk {
    const nf_allocator *al;
    frame *st;
    size_t n, cap;
    bool oom;
} walk;

static const char *attr(const GumboNode *e, const char *name)
{
    const GumboAttribute *a = gumbo_get_attribute(&e->v.element.attributes, name);
    return a ? a->value : NULL;
}

static bool attr_is(const GumboNode *e, const char *name, const char *val)
{
    const char *v = attr(e, name);
    if (!v) return false;
    size_t i = 0;
    while (v[i] && val[i] && nf__tolower((unsigned char)v[i]) == val[i]) i++;
    return !v[i] && !val[i];
}

static bool is_main(const GumboNode *e)
{
    return e->v.element.tag == GUMBO_TAG_MAIN || attr_is(e, "role", "main");
}

static bool is_article(const GumboNode *e)
{
    return e->v.element.tag == GUMBO_TAG_ARTICLE || attr_is(e, "itemprop", "articlebody");
}

static bool dropped(const GumboNode *e, bool insec)
{
    switch (e->v.element.tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_FRAMESET: return true;
    case GUMBO_TAG_HEADER: return !insec;
    default: break;
    }
    if (attr(e, "hidden") || attr_is(e, "aria-hidden", "true")) return true;
    static const char *const roles[] = {"navigation", "banner", "contentinfo", "complementary",
                                        "search",     "dialog", "menu",        "menubar"};
    for (size_t i = 0; i < NF__ARRAY_LEN(roles); i++)
        if (attr_is(e, "role", roles[i])) return true;
    const char *style = attr(e, "style");
    if (style) {
        char norm[64];
        size_t k = 0;
        for (size_t i = 0; style[i] && k < sizeof norm - 1; i++)
            if (!nf__isspace((unsigned char)style[i]))
                norm[k++] = (char)nf__tolower((unsigned char)style[i]);
        norm[k] = '\0';
        if (strstr(norm, "display:none") || strstr(norm, "visibility:hidden")) return true;
    }
    return false;
}

static bool block_level(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_XMP: return true;
    default: return false;
    }
}

static bool is_text(const GumboNode *n)
{
    return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
           n->type == GUMBO_NODE_CDATA;
}

static bool push(walk *w, GumboNode *node, bool insec)
{
    void *st = w->st;
    if (!nf__grow(w->al, &st, &w->cap, w->n + 1, sizeof(frame))) {
        w->oom = true;
        return false;
    }
    w->st = st;
    w->st[w->n++] = (frame){node, 0, insec, 0};
    return true;
}

/* The next event of a pre-order walk: an element or text node being entered (*leaving false), or
 * an element being left (*leaving true). enter() decides whether to descend into an element. */
static GumboNode *step(walk *w, bool *leaving)
{
    while (w->n) {
        frame *f = &w->st[w->n - 1];
        GumboNode *node = f->node;
        const GumboVector *kids = &node->v.element.children;
        if (node->type == GUMBO_NODE_DOCUMENT) kids = &node->v.document.children;
        if (f->child < kids->length) {
            GumboNode *k = kids->data[f->child++];
            *leaving = false;
            return k;
        }
        *leaving = true;
        w->n--;
        if (w->n) w->st[w->n - 1].text += f->text;
        return node;
    }
    return NULL;
}

/* ---- text building ---------------------------------------------------------------------- */

typedef struct extract {
    const nf_allocator *al;
    nf__buf text; /* the document text */
    nf__buf run;  /* the block being collected */
    bool space;   /* a whitespace run is pending in run */
    nf__span *spans;
    size_t nspans, cap;
    bool oom;
} extract;

/* Append text with whitespace runs (ASCII, NBSP, controls) collapsed and invalid UTF-8 replaced. */
static void put_text(nf__buf *b, bool *space, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F || c == ' ') {
            *space = true;
            i++;
            continue;
        }
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            *space = true;
            i += 2;
            continue;
        }
        size_t k = nf__utf8_valid_len((const unsigned char *)s + i, n - i);
        if (*space && b->len) nf__buf_putc(b, ' ');
        *space = false;
        if (k)
            nf__buf_put(b, s + i, k);
        else
            nf__buf_put(b, "\xEF\xBF\xBD", 3);
        i += k ? k : 1;
    }
}

static void flush(extract *x)
{
    x->space = false;
    if (!x->run.len) return;
    if (x->text.len) nf__buf_putc(&x->text, '\n');
    size_t start = x->text.len;
    nf__buf_put(&x->text, x->run.p, x->run.len);
    x->run.len = 0;
    if (x->text.err || x->text.len > UINT32_MAX) {
        x->oom = true;
        return;
    }
    void *sp = x->spans;
    if (!nf__grow(x->al, &sp, &x->cap, x->nspans + 1, sizeof(nf__span))) {
        x->oom = true;
        return;
    }
    x->spans = sp;
    x->spans[x->nspans++] = (nf__span){(uint32_t)start, (uint32_t)x->text.len};
}

/* Sizes the candidates for the main text; returns the chosen root (never NULL). */
/* What the page says about itself in <head>: the outlet, the address, the publication date. */
typedef struct page_meta {
    const char *site, *url, *date;
} page_meta;

/* <meta property="og:site_name" content>, <meta property="article:published_time" content>,
 * <meta property="og:url" content>, <link rel="canonical" href> and their common variants; the
 * first of each wins. */
static void read_meta(const GumboNode *node, page_meta *pm)
{
    GumboTag t = node->v.element.tag;
    if (t == GUMBO_TAG_LINK) {
        const char *href = attr(node, "href");
        if (!pm->url && href && href[0] && attr_is(node, "rel", "canonical")) pm->url = href;
        return;
    }
    if (t != GUMBO_TAG_META) return;
    const char *content = attr(node, "content");
    if (!content || !content[0]) return;
    const char *key = attr(node, "property");
    if (!key) key = attr(node, "name");
    if (!key) key = attr(node, "itemprop");
    if (!key) return;
    static const char *const site[] = {"og:site_name", "application-name", "publisher",
                                       "twitter:site"};
    static const char *const date[] = {
        "article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date",
        "dc.date.issued",         "sailthru.date"};
    const GumboNode *n = node;
    for (size_t i = 0; i < NF__ARRAY_LEN(site) && !pm->site; i++)
        if (attr_is(n, "property", site[i]) || attr_is(n, "name", site[i])) pm->site = content;
    for (size_t i = 0; i < NF__ARRAY_LEN(date) && !pm->date; i++)
        if (attr_is(n, "property", date[i]) || attr_is(n, "name", date[i]) ||
            attr_is(n, "itemprop", date[i]))
            pm->date = content;
    if (!pm->url && (attr_is(n, "property", "og:url") || attr_is(n, "name", "og:url")))
        pm->url = content;
}

static GumboNode *choose_root(walk *w, GumboOutput *out, GumboNode **title, page_meta *pm)
{
    GumboNode *body = out->root, *best_art = NULL, *best_main = NULL;
    size_t art = 0, mainsz = 0;
    *title = NULL;
    w->n = 0;
    if (!push(w, out->document, false)) return body;
    bool leaving;
    GumboNode *node;
    while ((node = step(w, &leaving)) != NULL) {
        if (is_text(node)) {
            w->st[w->n - 1].text += strlen(node->v.text.text);
            continue;
        }
        if (node->type != GUMBO_NODE_ELEMENT) continue;
        if (leaving) {
            size_t sz = w->st[w->n].text; /* the frame step() just popped */
            if (is_article(node) && sz > art) art = sz, best_art = node;
            if (is_main(node) && sz > mainsz) mainsz = sz, best_main = node;
            continue;
        }
        GumboTag t = node->v.element.tag;
        if (t == GUMBO_TAG_META || t == GUMBO_TAG_LINK) read_meta(node, pm);
        if (t == GUMBO_TAG_TITLE && !*title &&
            node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML)
            *title = node;
        if (t == GUMBO_TAG_BODY && body == out->root) body = node;
        bool insec = w->st[w->n - 1].insec || is_article(node) || is_main(node);
        if (t != GUMBO_TAG_HEAD && dropped(node, insec)) continue; /* <head> has the <title> */
        if (!push(w, node, insec)) return body;
    }
    if (best_art && (!best_main || art * 3 >= mainsz)) return best_art;
    if (best_main) return best_main;
    return body;
}

static void extract_text(walk *w, extract *x, GumboNode *root)
{
    w->n = 0;
    bool insec = is_article(root) || is_main(root);
    if (!push(w, root, insec)) return;
    bool leaving;
    GumboNode *node;
    while ((node = step(w, &leaving)) != NULL && !x->oom) {
        if (is_text(node)) {
            put_text(&x->run, &x->space, node->v.text.text, strlen(node->v.text.text));
            continue;
        }
        if (node->type != GUMBO_NODE_ELEMENT) continue;
        bool block = block_level(node->v.element.tag);
        if (leaving) {
            if (block) flush(x);
            continue;
        }
        bool in = w->st[w->n - 1].insec || is_article(node) || is_main(node);
        if (dropped(node, in)) continue;
        if (block) flush(x);
        if (!push(w, node, in)) return;
    }
    flush(x);
}

static void collect_title(walk *w, GumboNode *title, nf__buf *b)
{
    w->n = 0;
    bool space = false, leaving;
    if (!title || !push(w, title, false)) return;
    GumboNode *node;
    while ((node = step(w, &leaving)) != NULL)
        if (is_text(node))
            put_text(b, &space, node->v.text.text, strlen(node->v.text.text));
        else if (!leaving && node->type == GUMBO_NODE_ELEMENT && !push(w, node, false))
            return;
}

nf_status nf_cluster_add_html(nf_cluster *c, const char *p, size_t n, const nf_doc_meta *meta,
                              nf_error *err)
{
    if (!c || (!p && n)) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    long di = (long)c->ndocs;
    if (n > NF__HTML_MAX_BYTES)
        return nf__fail(err, NF_ETOOBIG, di, -1, -1, "HTML document %ld is %zu bytes (limit %zu)",
                        di, n, NF__HTML_MAX_BYTES);
    if (n && nf__looks_binary(p, n))
        return nf__fail(err, NF_EBINARY, di, -1, 0, "document %ld looks binary (control bytes)",
                        di);

    nf_status st = NF_OK;
    nf__buf flat, title;
    nf__buf_init(&flat, c->al, 0);
    nf__buf_init(&title, c->al, 0);
    extract x;
    memset(&x, 0, sizeof x);
    x.al = c->al;
    nf__buf_init(&x.text, c->al, 0);
    nf__buf_init(&x.run, c->al, 0);
    walk w = {c->al, NULL, 0, 0, false};
    GumboOutput *out = NULL;
    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = 0; /* see the top of this file */

    const char *src = p ? p : "";
    size_t srclen = n;
    if (depth_pass(src, n, NULL) > NF__HTML_MAX_DEPTH) {
        depth_pass(src, n, &flat);
        if (flat.err) {
            st = NF_ENOMEM;
            goto done;
        }
        src = flat.p ? flat.p : "";
        srclen = flat.len;
    }
    out = gumbo_parse_with_options(&opt, src, srclen);
    if (!out || !out->document || !out->root) {
        st = nf__fail(err, NF_EHTML, di, -1, -1, "the HTML parser failed on document %ld", di);
        goto done;
    }
    GumboNode *title_node;
    page_meta pm = {NULL, NULL, NULL};
    GumboNode *root = choose_root(&w, out, &title_node, &pm);
    if (!w.oom) extract_text(&w, &x, root);
    if (!w.oom && !x.oom && (!meta || !meta->title)) collect_title(&w, title_node, &title);
    if (w.oom || x.oom || x.run.err || title.err) {
        st = nf__fail(err, NF_ENOMEM, di, -1, -1, "out of memory");
        goto done;
    }
    if (!x.nspans) {
        st = nf__fail(err, NF_EEMPTY, di, -1, 0, "HTML document %ld has no main text", di);
        goto done;
    }
    nf_doc_meta m = {0};
    if (meta) m = *meta;
    if (!m.title && title.len) m.title = title.p;
    if (!m.source) m.source = pm.site; /* what the page says of itself, when the caller did not */
    if (!m.url) m.url = pm.url;
    if (!m.date) m.date = pm.date;
    st = nf__ingest_doc(c, x.text.p, x.text.len, &m, x.spans, x.nspans, err);
done:
    if (out) gumbo_destroy_output(&opt, out);
    nf__free(c->al, w.st);
    nf__free(c->al, x.spans);
    nf__buf_free(&x.text);
    nf__buf_free(&x.run);
    nf__buf_free(&title);
    nf__buf_free(&flat);
    return st;
}
