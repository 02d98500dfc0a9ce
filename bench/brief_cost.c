/* brief_cost.c - what the story brief costs next to LexRank on the same clusters, in one process:
 * for every JSONL record the shared analysis (clean .. repr) runs once, untimed, then the brief's
 * extraction (nf_brief_build on the analysed cluster) and LexRank's selection (nf_summarize) are
 * each timed, best of R repetitions per cluster. Uses only the public header.
 * usage: brief_cost FILE.jsonl [repetitions] */
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
    double tb = 0, tl = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
        nf_cluster *c = NULL;
        if (nf_cluster_new(NULL, &c) != NF_OK ||
            nf_cluster_add_json(c, line, (size_t)len, NULL) != NF_OK ||
            nf_cluster_analyze(ctx, c, NULL, NULL) != NF_OK) {
            nf_cluster_free(c);
            continue;
        }
        nf_options o;
        nf_options_init(&o);
        o.algo = NF_ALGO_LEXRANK;
        double bb = 1e9, bl = 1e9;
        for (int r = 0; r < reps; r++) {
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
    printf("In one process, after the shared analysis, best of %d per cluster, %zu clusters:\n\n",
           reps, n);
    printf("| step | ms per cluster |\n|---|---|\n");
    printf("| brief extraction (`nf_brief_build`) | %.2f |\n", tb * 1000.0 / (double)n);
    printf("| LexRank selection (`nf_summarize --algo lexrank`) | %.2f |\n",
           tl * 1000.0 / (double)n);
    printf("\nratio extraction / lexrank: %.3f (target: at most 1)\n", tb / tl);
    return 0;
}
