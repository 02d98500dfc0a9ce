/* brief_render.c - nf_brief_render: the story brief in every format. With a summary, text and
 * Markdown print it first as nf_render does, and JSON adds a "brief" member to the summary object,
 * so both outputs stay byte-identical to plain `summarize` up to the brief; HTML is one page with
 * both (brief_html.c). */
#include "render/brief_render.h"

#include <string.h>

#define NF__RENDER_MAX ((size_t)1 << 31)

nf_status nf_brief_render(const nf_cluster *c, const nf_brief *b, const nf_summary *s, nf_format f,
                          char **out, size_t *out_len, nf_error *err)
{
    if (!c || !b || !out) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    *out = NULL;
    if (f != NF_FORMAT_TEXT && f != NF_FORMAT_JSON && f != NF_FORMAT_MARKDOWN &&
        f != NF_FORMAT_HTML)
        return nf__fail(err, NF_EINVAL, -1, -1, -1, "the brief has no such output format");
    nf__buf o;
    nf__buf_init(&o, c->al, NF__RENDER_MAX);
    char *sum = NULL;
    size_t sn = 0;
    if (s && f != NF_FORMAT_HTML) {
        nf_status st = nf_render(c, s, NULL, f, &sum, &sn, err);
        if (st != NF_OK) return st;
    }
    if (f == NF_FORMAT_HTML) {
        nf__render_html_page(&o, c, s, b);
    } else if (f == NF_FORMAT_JSON) {
        if (sum) {
            /* the summary object, its closing brace replaced by the brief member */
            size_t e = sn;
            while (e > 0 && (sum[e - 1] == '\n' || sum[e - 1] == ' ')) e--;
            if (e > 0 && sum[e - 1] == '}') e--;
            nf__buf_put(&o, sum, e);
            nf__buf_puts(&o, ",\"brief\":");
        } else {
            nf__buf_puts(&o, "{\"version\":\"" NF_VERSION_STRING "\",\"schema\":1,\"id\":");
            nf__json_str(&o, c->id);
            nf__buf_puts(&o, ",\"brief\":");
        }
        nf__brief_json(&o, c, b);
        nf__buf_puts(&o, "}\n");
    } else {
        if (sum) {
            nf__buf_put(&o, sum, sn);
            nf__buf_putc(&o, '\n');
        }
        nf__brief_text(&o, c, b, f == NF_FORMAT_MARKDOWN);
    }
    nf_string_free(c, sum);
    if (o.err) {
        nf_status st = o.err;
        nf__buf_free(&o);
        return nf__fail(err, st, -1, -1, -1, "render: %s", nf_strerror(st));
    }
    char *p = nf__buf_take(&o, out_len);
    if (!p) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    *out = p;
    return NF_OK;
}
