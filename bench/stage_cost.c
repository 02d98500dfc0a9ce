/* stage_cost.c - where the time of `newsfuse batch` goes, stage by stage, on one JSONL file: for
 * every record, in pipeline order, with one context kept warm across records as batch does:
 *   json     nf_cluster_new + nf_cluster_add_json (jansson parse, UTF-8 repair, copies)
 *   clean    nf__clean_doc on every document (boilerplate rules, blocks)
 *   segment  nf__segment on every cleaned block
 *   repr     the rest of nf_cluster_analyze: tokenize + stem, tf-idf, near-duplicates
 *            (the whole analysis is timed; clean and segment, measured above, are subtracted)
 *   tokenize nf__tokenize_ids over every sentence again, warm (part of repr; shown for scale)
 *   select   nf_summarize with the analysis cached
 *   render   nf_render as JSON
 * Each stage's MB/s is over the file's bytes, so the stages' times add up to the whole. Clean and
 * segment run twice per record (once timed on their own, once inside the analysis). The file is
 * read into memory first and processed REPS times, each pass with a fresh context (as one batch
 * process); each stage reports its best pass, which keeps other work on the machine out of it.
 * usage: stage_cost FILE.jsonl [ALGO] [WORDS] [REPS] */
#define _POSIX_C_SOURCE 200809L
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static nf_status count_tok(void *ud, const char *s, size_t n, uint32_t id, int stop)
{
    (void)s, (void)n, (void)id, (void)stop;
    ++*(size_t *)ud;
    return NF_OK;
}

enum { S_JSON, S_CLEAN, S_SEGMENT, S_REPR, S_SELECT, S_RENDER, S_N };
static const char *const names[S_N] = {"json", "clean", "segment", "repr", "select", "render"};

typedef struct pass {
    double t[S_N], ttok;
    size_t records, tokens;
} pass;

static void run_pass(const char *buf, size_t n, const nf_options *o, pass *r)
{
    memset(r, 0, sizeof *r);
    nf_ctx *ctx = NULL;
    if (nf_ctx_new("english", NULL, &ctx, NULL) != NF_OK) {
        fprintf(stderr, "stage_cost: no context\n");
        exit(1);
    }
    double *t = r->t;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(buf + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (buf + i)) + 1 : n - i;
        const char *line = buf + i;
        i += len;
        double a = now_s();
        nf_cluster *c = NULL;
        if (nf_cluster_new(NULL, &c) != NF_OK || nf_cluster_add_json(c, line, len, NULL) != NF_OK) {
            nf_cluster_free(c);
            continue;
        }
        double b = now_s();
        t[S_JSON] += b - a;
        /* clean, then segment, on their own (a scratch arena; the analysis redoes both) */
        nf__arena *scratch = nf__arena_new(NULL);
        nf__span *spans = NULL;
        size_t nspans = 0, capspans = 0;
        double tc = 0, ts = 0;
        for (size_t d = 0; scratch && d < c->ndocs; d++) {
            double x = now_s();
            if (nf__clean_doc(scratch, &c->docs[d], o->flags) != NF_OK) break;
            double y = now_s();
            for (size_t k = 0; k < c->docs[d].nblocks; k++) {
                nspans = 0;
                nf__segment(scratch, c->docs[d].text, c->docs[d].blocks[k].start,
                            c->docs[d].blocks[k].end, &spans, &nspans, &capspans);
            }
            double z = now_s();
            tc += y - x;
            ts += z - y;
        }
        nf__arena_free(scratch);
        for (size_t d = 0; d < c->ndocs; d++) { /* they pointed into the scratch arena */
            c->docs[d].blocks = NULL;
            c->docs[d].block_flags = NULL;
            c->docs[d].nblocks = 0;
            c->docs[d].dropped = NULL;
            c->docs[d].ndropped = 0;
        }
        t[S_CLEAN] += tc;
        t[S_SEGMENT] += ts;
        double c0 = now_s();
        if (nf_cluster_analyze(ctx, c, o, NULL) != NF_OK) {
            nf_cluster_free(c);
            continue;
        }
        double c1 = now_s();
        t[S_REPR] += (c1 - c0) - tc - ts;
        for (size_t k = 0; k < c->nsents; k++) {
            const nf__sent *s = &c->sents[k];
            nf__tokenize_ids(ctx->tok, c->docs[s->doc].text + s->start, s->end - s->start,
                             count_tok, &r->tokens);
        }
        double c2 = now_s();
        r->ttok += c2 - c1;
        nf_summary *sum = NULL;
        char *out = NULL;
        size_t on = 0;
        nf_status st = nf_summarize(ctx, c, o, &sum, NULL);
        double c3 = now_s();
        if (st == NF_OK) nf_render(c, sum, o, NF_FORMAT_JSON, &out, &on, NULL);
        double c4 = now_s();
        t[S_SELECT] += c3 - c2;
        t[S_RENDER] += c4 - c3;
        nf_string_free(c, out);
        nf_summary_free(sum);
        nf_cluster_free(c);
        r->records++;
    }
    nf_ctx_free(ctx);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: stage_cost FILE.jsonl [ALGO] [WORDS] [REPS]\n");
        return 2;
    }
    nf_options o;
    nf_options_init(&o);
    if (argc > 2) {
        int a = nf_algo_from_name(argv[2]);
        if (a < 0) {
            fprintf(stderr, "stage_cost: unknown algorithm %s\n", argv[2]);
            return 2;
        }
        o.algo = (nf_algo)a;
    }
    if (argc > 3) o.budget = (size_t)strtoul(argv[3], NULL, 10);
    int reps = argc > 4 ? (int)strtol(argv[4], NULL, 10) : 5;
    if (reps < 1) reps = 1;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 3;
    }
    char *buf = NULL;
    size_t n = 0, cap = 0, k;
    char chunk[65536];
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (n + k > cap) {
            cap = (n + k) * 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return 1;
            }
            buf = nb;
        }
        memcpy(buf + n, chunk, k);
        n += k;
    }
    fclose(f);
    pass best, r;
    memset(&best, 0, sizeof best);
    for (int i = 0; i < reps; i++) {
        run_pass(buf ? buf : "", n, &o, &r);
        if (i == 0) best = r;
        for (int s = 0; s < S_N; s++)
            if (r.t[s] < best.t[s]) best.t[s] = r.t[s];
        if (r.ttok < best.ttok) best.ttok = r.ttok;
    }
    free(buf);
    double total = 0;
    for (int i = 0; i < S_N; i++) total += best.t[i];
    double mb = (double)n / 1e6;
    printf("# %s: %zu records, %.2f MB, algo %s, %zu words, best of %d passes\n", argv[1],
           best.records, mb, nf_algo_name(o.algo), o.budget, reps);
    printf("stage\tseconds\tMB/s\tshare\n");
    for (int i = 0; i < S_N; i++)
        printf("%s\t%.4f\t%.1f\t%.1f%%\n", names[i], best.t[i],
               best.t[i] > 0 ? mb / best.t[i] : 0.0, total > 0 ? 100.0 * best.t[i] / total : 0.0);
    printf("total\t%.4f\t%.1f\t100%%\n", total, total > 0 ? mb / total : 0.0);
    printf("tokenize\t%.4f\t%.1f\t(%zu tokens, %.1f ns each, warm; inside repr)\n", best.ttok,
           best.ttok > 0 ? mb / best.ttok : 0.0, best.tokens,
           best.tokens ? best.ttok * 1e9 / (double)best.tokens : 0.0);
    return 0;
}
