/* brief_render.h - the story brief's renderers (src/render/brief_*.c), shared by nf_brief_render.
 *
 * The render stage reads the finished nf_brief (src/brief/brief.h) and never the other way round:
 * src/brief builds the brief and knows nothing of output formats. */
#ifndef NF_RENDER_BRIEF_H
#define NF_RENDER_BRIEF_H
#include "brief/brief.h"
#include "render/escape.h"

/* brief_text.c: the brief as text or (md != 0) Markdown. */
void nf__brief_text(nf__buf *o, const nf_cluster *c, const nf_brief *b, int markdown);
/* brief_json.c: the brief object of the JSON output (docs/json.md, "Story brief"). */
void nf__brief_json(nf__buf *o, const nf_cluster *c, const nf_brief *b);
/* brief_html.c: the standalone page: summary (may be NULL) with linked sentences, then the brief
 * (may be NULL; with neither it is the plain summary page of html.c). */
void nf__render_html_page(nf__buf *o, const nf_cluster *c, const nf_summary *s, const nf_brief *b);
/* brief_text.c: number formatting shared by the renderers: "62", "4.5 million", "$40 million",
 * "46.8%"; a figure with its qualifier and range ("at least 80", "1,000-1,500"). */
void nf__brief_put_value(nf__buf *o, double v, const char *unit);
void nf__brief_put_figure(nf__buf *o, const nf_figure *f);
#endif
