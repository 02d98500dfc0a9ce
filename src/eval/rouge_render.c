/* rouge_render.c - ROUGE results as ROUGE-1.5.5's own text, as JSON and as TSV.
 *
 * The text layout is printResults/printPerEvalData of the Perl script: a dashed line per metric,
 * the three Average_ lines (or the M_count line with -t 2), and with -d a dotted line and one line
 * per evaluation. Scores print as %7.5f; counts as Perl prints numbers (integers plainly, other
 * values with 15 significant digits).
 */
#include "eval/rouge.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A count as Perl stringifies a number. */
static void put_count(nf__buf *b, double v)
{
    if (v == floor(v) && fabs(v) < 9e18)
        nf__buf_printf(b, "%lld", (long long)v);
    else
        nf__buf_printf(b, "%.15g", v);
}

/* %7.5f of a score, without printf on the common path: scores are already rounded to 5
 * decimals, so x * 1e5 is within a hair of an integer k, and printf would print k's digits. */
static void put5(nf__buf *b, double x)
{
    if (!signbit(x) && x < 1e9) {
        double y = x * 1e5, k = floor(y + 0.5);
        if (fabs(y - k) < 1e-3) {
            char d[32];
            size_t n = sizeof d;
            uint64_t v = (uint64_t)k;
            for (int i = 0; i < 5; i++, v /= 10) d[--n] = (char)('0' + v % 10);
            d[--n] = '.';
            do {
                d[--n] = (char)('0' + v % 10);
                v /= 10;
            } while (v);
            nf__buf_put(b, d + n, sizeof d - n);
            return;
        }
    }
    nf__buf_printf(b, "%7.5f", x);
}

static void put_json_str(nf__buf *b, const char *s)
{
    nf__buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            nf__buf_putc(b, '\\');
            nf__buf_putc(b, (char)c);
        } else if (c < 0x20) {
            nf__buf_printf(b, "\\u%04x", c);
        } else {
            nf__buf_putc(b, (char)c);
        }
    }
    nf__buf_putc(b, '"');
}

/* TSV fields cannot hold tabs or newlines: they are shown as spaces. */
static void put_tsv_str(nf__buf *b, const char *s)
{
    for (; *s; s++) nf__buf_putc(b, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

static void render_text(nf_rouge *r, unsigned flags, nf__buf *b)
{
    const char *peer = r->peer_id;
    for (size_t m = 0; m < r->nmetrics; m++) {
        const char *tag = r->metrics[m].name;
        const nf_rouge_average *a = &r->avgs[m];
        nf__buf_puts(b, "---------------------------------------------\n");
        if (r->o.count != NF_ROUGE_RAW_COUNTS) {
            const double v[3][3] = {{a->r, a->r_low, a->r_high},
                                    {a->p, a->p_low, a->p_high},
                                    {a->f, a->f_low, a->f_high}};
            for (int k = 0; k < 3; k++)
                nf__buf_printf(b, "%s %s Average_%c: %7.5f (%.15g%%-conf.int. %7.5f - %7.5f)\n",
                               peer, tag, "RPF"[k], v[k][0], r -> o.confidence, v[k][1], v[k][2]);
        } else {
            /* printResults prints int() of the sums */
            nf__buf_printf(b, "%s %s M_count: ", peer, tag);
            put_count(b, trunc(a->model_count));
            nf__buf_puts(b, " P_count: ");
            put_count(b, trunc(a->peer_count));
            nf__buf_puts(b, " H_count: ");
            put_count(b, trunc(a->hit_count));
            nf__buf_putc(b, '\n');
        }
        if (!(flags & NF_ROUGE_RENDER_EVALS)) continue;
        nf__buf_puts(b, ".............................................\n");
        for (size_t i = 0; i < r->nevals; i++) {
            size_t ev = r->out_order[i];
            const nf_rouge_score *s = &r->scores[ev * r->nmetrics + m];
            nf__buf_puts(b, peer);
            nf__buf_putc(b, ' ');
            nf__buf_puts(b, tag);
            nf__buf_puts(b, " Eval ");
            nf__buf_puts(b, r->ids[ev]);
            nf__buf_putc(b, '.');
            nf__buf_puts(b, peer);
            nf__buf_putc(b, ' ');
            if (r->o.count == NF_ROUGE_BY_SENTENCE) {
                nf__buf_puts(b, "R:");
                put5(b, s->r);
                nf__buf_puts(b, " P:");
                put5(b, s->p);
                nf__buf_puts(b, " F:");
                put5(b, s->f);
                nf__buf_putc(b, '\n');
            } else {
                nf__buf_puts(b, "R:");
                put_count(b, s->model_count);
                nf__buf_puts(b, " P:");
                put_count(b, s->peer_count);
                nf__buf_puts(b, " F:");
                put_count(b, s->hit_count);
                nf__buf_putc(b, '\n');
            }
        }
    }
}

static void json_counts(nf__buf *b, double mc, double pc, double hc)
{
    nf__buf_puts(b, "\"model_count\": ");
    put_count(b, mc);
    nf__buf_puts(b, ", \"peer_count\": ");
    put_count(b, pc);
    nf__buf_puts(b, ", \"hit_count\": ");
    put_count(b, hc);
}

static void render_json(nf_rouge *r, unsigned flags, nf__buf *b)
{
    const nf_rouge_options *o = &r->o;
    nf__buf_puts(b, "{\n  \"peer\": ");
    put_json_str(b, r->peer_id);
    nf__buf_printf(b,
                   ",\n  \"options\": {\"max_n\": %d, \"skip\": %s, \"skip_distance\": %d, "
                   "\"skip_unigram\": %s, \"stem\": %s, \"stopwords\": %s, \"word_limit\": %zu, "
                   "\"byte_limit\": %zu, \"scoring\": \"%c\", \"alpha\": %.15g, \"weight\": "
                   "%.15g, \"count\": %d, \"confidence\": %.15g, \"resamples\": %zu},\n",
                   o->max_n, (o->flags & NF_ROUGE_SKIP) ? "true" : "false", o->skip_distance,
                   (o->flags & NF_ROUGE_SKIP_UNIGRAM) ? "true" : "false",
                   (o->flags & NF_ROUGE_STEM) ? "true" : "false",
                   (o->flags & NF_ROUGE_STOPWORDS) ? "true" : "false", o->word_limit, o->byte_limit,
                   o->scoring == NF_ROUGE_BEST_MODEL ? 'B' : 'A', o->alpha, o->weight,
                   (int)o->count, o->confidence, o->resamples);
    nf__buf_puts(b, "  \"metrics\": [");
    for (size_t m = 0; m < r->nmetrics; m++) {
        const nf_rouge_average *a = &r->avgs[m];
        nf__buf_puts(b, m ? ",\n    {" : "\n    {");
        nf__buf_puts(b, "\"metric\": ");
        put_json_str(b, r->metrics[m].name);
        nf__buf_printf(b, ", \"evals\": %zu,\n     ", a->evals);
        if (a->has_interval)
            nf__buf_printf(b,
                           "\"average\": {\"r\": %.5f, \"r_low\": %.5f, \"r_high\": %.5f, "
                           "\"p\": %.5f, \"p_low\": %.5f, \"p_high\": %.5f, \"f\": %.5f, "
                           "\"f_low\": %.5f, \"f_high\": %.5f},\n     ",
                           a->r, a->r_low, a->r_high, a->p, a->p_low, a->p_high, a->f, a->f_low,
                           a->f_high);
        else
            nf__buf_puts(b, "\"average\": null,\n     ");
        nf__buf_printf(b, "\"mean\": {\"r\": %.5f, \"p\": %.5f, \"f\": %.5f},\n     ", a->mean_r,
                       a->mean_p, a->mean_f);
        nf__buf_puts(b, "\"totals\": {");
        json_counts(b, a->model_count, a->peer_count, a->hit_count);
        nf__buf_puts(b, "}");
        if (flags & NF_ROUGE_RENDER_EVALS) {
            nf__buf_puts(b, ",\n     \"per_eval\": [");
            for (size_t i = 0; i < r->nevals; i++) {
                size_t ev = r->out_order[i];
                const nf_rouge_score *s = &r->scores[ev * r->nmetrics + m];
                nf__buf_puts(b, i ? ",\n       {\"id\": " : "\n       {\"id\": ");
                put_json_str(b, r->ids[ev]);
                nf__buf_printf(b, ", \"r\": %.5f, \"p\": %.5f, \"f\": %.5f, ", s->r, s->p, s->f);
                json_counts(b, s->model_count, s->peer_count, s->hit_count);
                nf__buf_putc(b, '}');
            }
            nf__buf_puts(b, "]");
        }
        nf__buf_puts(b, "}");
    }
    nf__buf_puts(b, "\n  ]\n}\n");
}

static void tsv_row(nf__buf *b, const char *peer, const char *metric, const char *id,
                    const double *rpf, const double *ci, double mc, double pc, double hc)
{
    put_tsv_str(b, peer);
    nf__buf_putc(b, '\t');
    put_tsv_str(b, metric);
    nf__buf_putc(b, '\t');
    put_tsv_str(b, id);
    for (int k = 0; k < 3; k++) {
        if (rpf)
            nf__buf_printf(b, "\t%.5f", rpf[k]);
        else
            nf__buf_puts(b, "\tNA");
    }
    for (int k = 0; k < 6; k++) {
        if (ci)
            nf__buf_printf(b, "\t%.5f", ci[k]);
        else
            nf__buf_puts(b, "\tNA");
    }
    const double c[3] = {mc, pc, hc};
    for (int k = 0; k < 3; k++) {
        nf__buf_putc(b, '\t');
        put_count(b, c[k]);
    }
    nf__buf_putc(b, '\n');
}

static void render_tsv(nf_rouge *r, unsigned flags, nf__buf *b)
{
    nf__buf_puts(b, "peer\tmetric\tid\tR\tP\tF\tR_low\tR_high\tP_low\tP_high\tF_low\tF_high\t"
                    "model_count\tpeer_count\thit_count\n");
    for (size_t m = 0; m < r->nmetrics; m++) {
        const nf_rouge_average *a = &r->avgs[m];
        const char *name = r->metrics[m].name;
        const double avg[3] = {a->r, a->p, a->f};
        const double ci[6] = {a->r_low, a->r_high, a->p_low, a->p_high, a->f_low, a->f_high};
        const double mean[3] = {a->mean_r, a->mean_p, a->mean_f};
        tsv_row(b, r->peer_id, name, "Average_", a->has_interval ? avg : NULL,
                a->has_interval ? ci : NULL, a->model_count, a->peer_count, a->hit_count);
        tsv_row(b, r->peer_id, name, "Mean_", mean, NULL, a->model_count, a->peer_count,
                a->hit_count);
        if (!(flags & NF_ROUGE_RENDER_EVALS)) continue;
        for (size_t i = 0; i < r->nevals; i++) {
            size_t ev = r->out_order[i];
            const nf_rouge_score *s = &r->scores[ev * r->nmetrics + m];
            const double v[3] = {s->r, s->p, s->f};
            tsv_row(b, r->peer_id, name, r->ids[ev], v, NULL, s->model_count, s->peer_count,
                    s->hit_count);
        }
    }
}

nf_status nf_rouge_render(nf_rouge *r, nf_rouge_format f, unsigned flags, char **out,
                          size_t *out_len, nf_error *err)
{
    if (!r || !out) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    *out = NULL;
    if (out_len) *out_len = 0;
    if (f != NF_ROUGE_FORMAT_TEXT && f != NF_ROUGE_FORMAT_JSON && f != NF_ROUGE_FORMAT_TSV)
        return nf__fail(err, NF_EINVAL, -1, -1, -1, "unknown format");
    nf_status st = nf_rouge_compute(r, err);
    if (st) return st;
    nf__buf b;
    nf__buf_init(&b, r->al, 0);
    if (f == NF_ROUGE_FORMAT_TEXT)
        render_text(r, flags, &b);
    else if (f == NF_ROUGE_FORMAT_JSON)
        render_json(r, flags, &b);
    else
        render_tsv(r, flags, &b);
    if (b.err) {
        st = b.err;
        nf__buf_free(&b);
        return nf__fail(err, st, -1, -1, -1, "%s", nf_strerror(st));
    }
    size_t len = 0;
    *out = nf__buf_take(&b, &len);
    if (!*out) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    if (out_len) *out_len = len;
    return NF_OK;
}

void nf_rouge_string_free(const nf_rouge *r, char *p)
{
    if (r && p) nf__free(r->al, p);
}
