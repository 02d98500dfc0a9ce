/* brief_cost.c - what the story brief costs next to LexRank on the same clusters, in one process
 * with a warm context (a server or a batch): for every JSONL record, best of R repetitions each,
 *  - whole: the record parsed into a new cluster, then `nf_brief_build` (which analyses what it
 *    needs) against `nf_summarize` with LexRank (which analyses what it needs);
 *  - steps: after one shared full analysis (untimed), the brief's extraction against LexRank's
 *    selection alone.
 * Uses only the public header. usage: brief_cost FILE.jsonl [repetitions] */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <time.h>

#include "newsfuse.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: brief_cost FILE.jsonl [repetitions]\n");
        return 2;
    }
    int reps = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 5;
    if (reps < 1) reps = 1;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 3;
    }
    nf_ctx *ctx = NULL;
    if (nf_ctx_new("english", NULL, &ctx, NULL) != NF_OK) return 1;
    char *line = NULL;
    size_t cap = 0, n = 0;
    ssize_t len;
    double tb = 0, tl = 0, wb = 0, wl = 0;
    nf_options o;
    nf_options_init(&o);
    o.algo = NF_ALGO_LEXRANK;
    while ((len = getline(&line, &cap, f)) > 0) {
        double bb = 1e9, bl = 1e9, xb = 1e9, xl = 1e9;
        for (int r = 0; r < reps; r++) { /* whole: parse, analyse, extract or select */
            nf_cluster *c1 = NULL, *c2 = NULL;
            nf_brief *b = NULL;
            nf_summary *s = NULL;
            double t0 = now_s();
            nf_status st = nf_cluster_new(NULL, &c1);
            if (st == NF_OK) st = nf_cluster_add_json(c1, line, (size_t)len, NULL);
            if (st == NF_OK) st = nf_brief_build(ctx, c1, &o, &b, NULL);
            double t1 = now_s();
            nf_status st2 = nf_cluster_new(NULL, &c2);
            if (st2 == NF_OK) st2 = nf_cluster_add_json(c2, line, (size_t)len, NULL);
            if (st2 == NF_OK) st2 = nf_summarize(ctx, c2, &o, &s, NULL);
            double t2 = now_s();
            nf_brief_free(b);
            nf_summary_free(s);
            nf_cluster_free(c1);
            nf_cluster_free(c2);
            if (st != NF_OK || st2 != NF_OK) break;
            if (t1 - t0 < xb) xb = t1 - t0;
            if (t2 - t1 < xl) xl = t2 - t1;
        }
        nf_cluster *c = NULL;
        if (xb >= 1e9 || xl >= 1e9 || nf_cluster_new(NULL, &c) != NF_OK ||
            nf_cluster_add_json(c, line, (size_t)len, NULL) != NF_OK ||
            nf_cluster_analyze(ctx, c, NULL, NULL) != NF_OK) {
            nf_cluster_free(c);
            continue;
        }
        for (int r = 0; r < reps; r++) { /* steps: after the shared analysis */
            nf_brief *b = NULL;
            double t0 = now_s();
            nf_status st = nf_brief_build(ctx, c, &o, &b, NULL);
            double t1 = now_s();
            nf_brief_free(b);
            nf_summary *s = NULL;
            double t2 = now_s();
            nf_status st2 = nf_summarize(ctx, c, &o, &s, NULL);
            double t3 = now_s();
            nf_summary_free(s);
            if (st != NF_OK || st2 != NF_OK) break;
            if (t1 - t0 < bb) bb = t1 - t0;
            if (t3 - t2 < bl) bl = t3 - t2;
        }
        if (bb < 1e9 && bl < 1e9) {
            tb += bb;
            tl += bl;
            wb += xb;
            wl += xl;
            n++;
        }
        nf_cluster_free(c);
    }
    free(line);
    fclose(f);
    nf_ctx_free(ctx);
    if (!n) {
        fprintf(stderr, "brief_cost: no cluster\n");
        return 3;
    }
    printf("In one process with a warm context, best of %d per cluster, %zu clusters:\n\n", reps,
           n);
    printf("| what is timed | brief ms per cluster | LexRank ms per cluster | ratio |\n");
    printf("|---|---|---|---|\n");
    printf("| whole: parse, analysis, brief or summary | %.2f | %.2f | %.3f |\n",
           wb * 1000.0 / (double)n, wl * 1000.0 / (double)n, wb / wl);
    printf("| steps: extraction or selection after one full analysis | %.2f | %.2f | %.3f |\n",
           tb * 1000.0 / (double)n, tl * 1000.0 / (double)n, tb / tl);
    return 0;
}
