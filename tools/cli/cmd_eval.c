/* cmd_eval.c - `newsfuse eval DATA.jsonl`: summarize every cluster with each algorithm and score it
 * with ROUGE-1.5.5 semantics in the same run. Records: {"id", "documents", "references": [...]}. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void help(void)
{
    printf("usage: newsfuse eval [options] DATA.jsonl\n"
           "Summarizes every record {\"id\",\"documents\",\"references\"} with each algorithm and\n"
           "scores it with ROUGE-1.5.5 semantics (-n 2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0\n"
           "-l N, N = the word budget). Prints Average_R and Average_F per algorithm.\n\n"
           "%s  --algo a,b,c     algorithms to compare (default auto); 'all' for every one\n"
           "  --query-field F[,G]  the record's string field(s) used as the query\n"
           "  --previous-field F  update summaries: F lists the ids of earlier records whose\n"
           "                   documents the reader has seen (DUC 2007 update: previous_sets)\n"
           "  --no-limit       score without -l (Multi-News: references are not cut)\n"
           "  --limit N        score with -l N (default: the --words budget)\n"
           "  --tsv FILE       per-cluster scores (algo, id, R/P/F of each metric)\n"
           "  --times FILE     per-cluster selection time: algo, id, milliseconds\n"
           "  --spl-dir DIR    write DIR/<algo>/<id>.txt summaries\n"
           "  --grid FILE      also run auto once per line of FILE, a --params list (row\n"
           "                   'auto:LIST'): a parameter grid on one analysis (scripts/quality)\n",
           cli_sum_opts_help);
}

typedef struct rec {
    nf_cluster *c;
    char *id;
    char **refs;
    size_t *reflen;
    size_t nrefs;
    char *query;
} rec;

static void rec_free(rec *r)
{
    nf_cluster_free(r->c);
    free(r->id);
    for (size_t i = 0; i < r->nrefs; i++) free(r->refs[i]);
    free(r->refs);
    free(r->reflen);
    free(r->query);
}

/* Parse one line into a record; returns an exit-code-like status and prints the reason. */
/* Records seen so far (id -> line), for --previous-field. */
typedef struct seen {
    char **ids, **lines;
    size_t *lens;
    size_t n, cap;
} seen;

static void seen_add(seen *sn, const char *id, const char *line, size_t len)
{
    if (sn->n == sn->cap) {
        size_t nc = sn->cap ? sn->cap * 2 : 64;
        char **a = realloc(sn->ids, nc * sizeof *a), **b = realloc(sn->lines, nc * sizeof *b);
        size_t *l = realloc(sn->lens, nc * sizeof *l);
        if (a) sn->ids = a;
        if (b) sn->lines = b;
        if (l) sn->lens = l;
        if (!a || !b || !l) return;
        sn->cap = nc;
    }
    sn->ids[sn->n] = strdup(id);
    sn->lines[sn->n] = strndup(line, len);
    sn->lens[sn->n] = len;
    if (sn->ids[sn->n] && sn->lines[sn->n]) sn->n++;
}

static void seen_free(seen *sn)
{
    for (size_t i = 0; i < sn->n; i++) {
        free(sn->ids[i]);
        free(sn->lines[i]);
    }
    free(sn->ids);
    free(sn->lines);
    free(sn->lens);
}

/* Add the documents of the earlier records named in root[field] as previous documents. */
static int add_previous(nf_cluster *c, json_t *root, const char *field, const seen *sn,
                        size_t lineno)
{
    json_t *prev = json_object_get(root, field);
    if (!prev) return CLI_OK;
    size_t i;
    json_t *x;
    json_array_foreach(prev, i, x)
    {
        const char *pid = json_string_value(x);
        size_t k = 0;
        while (pid && k < sn->n && strcmp(sn->ids[k], pid) != 0) k++;
        if (!pid || k == sn->n) {
            fprintf(stderr,
                    "newsfuse eval: line %zu: previous set '%s' not found earlier in the file\n",
                    lineno, pid ? pid : "?");
            return CLI_BADINPUT;
        }
        size_t before = nf_cluster_doc_count(c);
        nf_error err;
        if (nf_cluster_add_json(c, sn->lines[k], sn->lens[k], &err) != NF_OK) {
            fprintf(stderr, "newsfuse eval: previous set %s: %s\n", pid, err.msg);
            return CLI_BADINPUT;
        }
        for (size_t d = before; d < nf_cluster_doc_count(c); d++) nf_cluster_set_previous(c, d, 1);
    }
    return CLI_OK;
}

static int load_rec(const char *line, size_t len, size_t lineno, const char *qfields, rec *r,
                    const char *prev_field, seen *sn)
{
    memset(r, 0, sizeof *r);
    json_error_t je;
    json_t *root = json_loadb(line, len, 0, &je);
    if (!json_is_object(root)) {
        fprintf(stderr, "newsfuse eval: line %zu: not a JSON object (%s)\n", lineno, je.text);
        json_decref(root);
        return CLI_BADINPUT;
    }
    nf_error err;
    if (nf_cluster_new(NULL, &r->c) != NF_OK) {
        json_decref(root);
        return CLI_RUNTIME;
    }
    if (prev_field && add_previous(r->c, root, prev_field, sn, lineno) != CLI_OK) {
        json_decref(root);
        return CLI_BADINPUT;
    }
    nf_status st = nf_cluster_add_json(r->c, line, len, &err);
    if (st != NF_OK) {
        fprintf(stderr, "newsfuse eval: line %zu: %s\n", lineno, err.msg);
        json_decref(root);
        return CLI_BADINPUT;
    }
    const char *id = nf_cluster_id(r->c);
    char buf[32];
    if (!id) {
        snprintf(buf, sizeof buf, "line%zu", lineno);
        id = buf;
    }
    r->id = strdup(id);
    if (prev_field) seen_add(sn, id, line, len);
    json_t *refs = json_object_get(root, "references");
    size_t n = json_is_array(refs) ? json_array_size(refs) : 0;
    r->refs = calloc(n ? n : 1, sizeof *r->refs);
    r->reflen = calloc(n ? n : 1, sizeof *r->reflen);
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_array_get(refs, i);
        if (!json_is_string(x)) continue;
        r->refs[r->nrefs] = strndup(json_string_value(x), json_string_length(x));
        r->reflen[r->nrefs++] = json_string_length(x);
    }
    if (!r->nrefs)
        fprintf(stderr, "newsfuse eval: warning: %s has no reference; it scores 0\n", r->id);
    if (qfields) {
        size_t ql = 0;
        char *q = NULL;
        const char *p = qfields;
        while (*p) {
            const char *e = strchr(p, ',');
            size_t fl = e ? (size_t)(e - p) : strlen(p);
            char name[128];
            if (fl < sizeof name) {
                memcpy(name, p, fl);
                name[fl] = '\0';
                const char *v = nf_cluster_field(r->c, name);
                if (v) {
                    size_t vl = strlen(v);
                    char *nq = realloc(q, ql + vl + 2);
                    if (nq) {
                        q = nq;
                        if (ql) q[ql++] = '\n';
                        memcpy(q + ql, v, vl);
                        ql += vl;
                        q[ql] = '\0';
                    }
                }
            }
            p += fl;
            if (*p == ',') p++;
        }
        r->query = q;
    }
    json_decref(root);
    return CLI_OK;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

enum {
    OPT_QUERY_FIELD = CLI_OPT_CMD,
    OPT_PREVIOUS_FIELD,
    OPT_NO_LIMIT,
    OPT_LIMIT,
    OPT_TSV,
    OPT_TIMES,
    OPT_GRID,
    OPT_SPL_DIR
};

static const struct option longopts[] = {
    CLI_SUM_LONGOPTS,
    {"query-field", required_argument, NULL, OPT_QUERY_FIELD},
    {"previous-field", required_argument, NULL, OPT_PREVIOUS_FIELD},
    {"no-limit", no_argument, NULL, OPT_NO_LIMIT},
    {"limit", required_argument, NULL, OPT_LIMIT},
    {"tsv", required_argument, NULL, OPT_TSV},
    {"times", required_argument, NULL, OPT_TIMES},
    {"grid", required_argument, NULL, OPT_GRID},
    {"spl-dir", required_argument, NULL, OPT_SPL_DIR},
    {"help", no_argument, NULL, 'h'},
    CLI_LONGOPTS_END};

int nf_cmd_eval(int argc, char **argv)
{
    cli_sum_opts s;
    cli_sum_opts_init(&s);
    const char *in_path = NULL, *algos = "auto", *qfields = NULL, *tsv = NULL, *spl_dir = NULL;
    const char *prev_field = NULL, *times_path = NULL, *grid_path = NULL;
    int rc0 = CLI_OK;
    FILE *times = NULL;
    seen prev_seen = {0};
    int no_limit = 0;
    size_t limit = 0;
    int limit_set = 0;
    int opt;
    cli_getopt_begin();
    while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (opt == CLI_OPT_ALGO) { /* eval's --algo takes a comma list */
            algos = optarg;
            continue;
        }
        int r = cli_sum_opt(&s, opt, optarg);
        if (r < 0) return CLI_USAGE;
        if (r > 0) continue;
        switch (opt) {
        case 'h': help(); return CLI_OK;
        case OPT_QUERY_FIELD: qfields = optarg; break;
        case OPT_PREVIOUS_FIELD: prev_field = optarg; break;
        case OPT_NO_LIMIT: no_limit = 1; break;
        case OPT_LIMIT:
            if (!cli_parse_size(optarg, &limit)) {
                fprintf(stderr, "newsfuse eval: --limit needs an integer\n");
                return CLI_USAGE;
            }
            limit_set = 1;
            break;
        case OPT_TSV: tsv = optarg; break;
        case OPT_TIMES: times_path = optarg; break;
        case OPT_GRID: grid_path = optarg; break;
        case OPT_SPL_DIR: spl_dir = optarg; break;
        default: return cli_opt_error("eval", opt, argv);
        }
    }
    if (optind < argc) in_path = argv[optind];
    if (argc - optind > 1) {
        fprintf(stderr, "newsfuse eval: one data file only\n");
        return CLI_USAGE;
    }
    /* --algo: a comma list; --algo X from the shared options also counts */
    enum { MAXRUN = NF_ALGO__COUNT + 1024 };
    int list[MAXRUN], nalgo = 0;
    const char *params[MAXRUN] = {0}; /* per run: auto's params (a grid line) or the options' */
    char *names[MAXRUN] = {0};        /* per run: the row label */
    if (strcmp(algos, "all") == 0) {
        for (int a = 0; a < NF_ALGO__COUNT; a++) list[nalgo++] = a;
    } else {
        const char *p = algos;
        while (*p && nalgo < NF_ALGO__COUNT) {
            const char *e = strchr(p, ',');
            size_t l = e ? (size_t)(e - p) : strlen(p);
            char name[32];
            if (l >= sizeof name) l = sizeof name - 1;
            memcpy(name, p, l);
            name[l] = '\0';
            int a = nf_algo_from_name(name);
            if (a < 0) {
                fprintf(stderr, "newsfuse eval: unknown algorithm '%s'\n", name);
                return CLI_USAGE;
            }
            list[nalgo++] = a;
            p += l;
            if (*p == ',') p++;
        }
    }
    char *gridbuf = NULL;
    if (grid_path) {
        size_t gl;
        gridbuf = cli_read_file(grid_path, &gl);
        if (!gridbuf) {
            perror(grid_path);
            return CLI_BADINPUT;
        }
        for (char *p = gridbuf; *p;) {
            char *e = strchr(p, '\n');
            if (e) *e = '\0';
            if (*p && *p != '#' && nalgo == MAXRUN) {
                fprintf(stderr, "newsfuse eval: %s: more than %d lines\n", grid_path,
                        MAXRUN - NF_ALGO__COUNT);
                rc0 = CLI_USAGE;
                goto early;
            }
            if (*p && *p != '#') {
                list[nalgo] = NF_ALGO_AUTO;
                params[nalgo++] = p;
            }
            if (!e) break;
            p = e + 1;
        }
    }
    for (int k = 0; k < nalgo; k++) {
        const char *base = nf_algo_name((nf_algo)list[k]);
        size_t n = strlen(base) + (params[k] ? strlen(params[k]) + 1 : 0) + 1;
        if (!(names[k] = malloc(n))) {
            rc0 = CLI_RUNTIME;
            goto early;
        }
        snprintf(names[k], n, "%s%s%s", base, params[k] ? ":" : "", params[k] ? params[k] : "");
    }
    if (!in_path) {
        fprintf(stderr, "newsfuse eval: no data file\n");
        rc0 = CLI_USAGE;
        goto early;
    }
    if (s.o.unit != NF_UNIT_WORDS && !no_limit && !limit_set) {
        fprintf(stderr, "newsfuse eval: with --bytes/--sentences give --limit N or --no-limit\n");
        rc0 = CLI_USAGE;
        goto early;
    }
    FILE *in = fopen(in_path, "rb");
    if (!in) {
        perror(in_path);
        rc0 = CLI_BADINPUT;
        goto early;
    }
    int rc = CLI_OK;
    nf_ctx *ctx = cli_ctx(&s, &rc);
    if (!ctx) {
        fclose(in);
        rc0 = rc;
        goto early;
    }
    if (times_path && !(times = fopen(times_path, "wb"))) {
        perror(times_path);
        nf_ctx_free(ctx);
        fclose(in);
        rc0 = CLI_RUNTIME;
        goto early;
    }
    nf_rouge *rg[MAXRUN] = {0};
    double secs[MAXRUN] = {0};
    for (int k = 0; k < nalgo; k++) {
        nf_rouge_options ro;
        nf_rouge_options_init(&ro);
        ro.max_n = 2;
        ro.flags = NF_ROUGE_STEM | NF_ROUGE_SKIP | NF_ROUGE_SKIP_UNIGRAM;
        ro.skip_distance = 4;
        ro.word_limit = no_limit ? 0 : limit_set ? limit : s.o.budget;
        char pid[16]; /* ROUGE peer ids are short: grid rows are "g" + their run index */
        snprintf(pid, sizeof pid, "g%d", k);
        ro.peer_id = params[k] ? pid : names[k];
        nf_error err;
        if (nf_rouge_new(&ro, NULL, &rg[k], &err) != NF_OK) {
            cli_error("rouge", &err);
            rc = CLI_RUNTIME;
            goto out;
        }
    }
    char *buf = NULL;
    size_t cap = 0, len, line = 0, nrec = 0;
    while (rc == CLI_OK && cli_getline(in, &len, &buf, &cap)) {
        line++;
        if (!len) continue;
        rec r;
        int lr = load_rec(buf, len, line, qfields, &r, prev_field, &prev_seen);
        if (lr != CLI_OK) {
            rec_free(&r);
            continue; /* reported; the record is skipped, not scored */
        }
        nrec++;
        nf_rouge_text models[64];
        size_t nm = r.nrefs < 64 ? r.nrefs : 64;
        for (size_t m = 0; m < nm; m++) {
            models[m].label = NULL;
            models[m].p = r.refs[m];
            models[m].n = r.reflen[m];
        }
        /* the analysis (clean..repr) is shared by all algorithms: time it once and charge it to
         * each, so clusters/s is the whole pipeline */
        double ta = now_s();
        nf_error aerr;
        if (nf_cluster_analyze(ctx, r.c, &s.o, &aerr) != NF_OK)
            fprintf(stderr, "newsfuse eval: %s: %s\n", r.id, aerr.msg);
        ta = now_s() - ta;
        for (int k = 0; k < nalgo; k++) secs[k] += ta;
        for (int k = 0; k < nalgo && rc == CLI_OK; k++) {
            nf_options o = s.o;
            o.algo = (nf_algo)list[k];
            if (params[k]) o.params = params[k];
            if (r.query) {
                o.query = r.query;
                o.query_len = strlen(r.query);
            }
            nf_summary *sum = NULL;
            char *spl = NULL;
            size_t sn = 0;
            nf_error err;
            double t0 = now_s();
            nf_status st = nf_summarize(ctx, r.c, &o, &sum, &err);
            if (st == NF_OK) st = nf_render(r.c, sum, &o, NF_FORMAT_SPL, &spl, &sn, &err);
            double dt = now_s() - t0;
            secs[k] += dt;
            if (times) fprintf(times, "%s\t%s\t%.3f\n", names[k], r.id, dt * 1000.0);
            if (st != NF_OK) {
                fprintf(stderr, "newsfuse eval: %s with %s: %s (scored as empty)\n", r.id, names[k],
                        err.msg);
                sn = 0;
            }
            if (spl_dir && spl) {
                char path[4096];
                snprintf(path, sizeof path, "%s/%s", spl_dir, nf_algo_name(o.algo));
                if (!cli_is_dir(path)) {
                    char cmd[4200];
                    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path);
                    if (system(cmd) != 0) fprintf(stderr, "newsfuse eval: cannot mkdir %s\n", path);
                }
                snprintf(path, sizeof path, "%s/%s/%s.txt", spl_dir, nf_algo_name(o.algo), r.id);
                cli_write_file(path, spl, sn);
            }
            st = nf_rouge_add(rg[k], r.id, spl ? spl : "", sn, models, nm, &err);
            if (st != NF_OK) {
                cli_error(r.id, &err);
                rc = cli_exit_code(st);
            }
            nf_string_free(r.c, spl);
            nf_summary_free(sum);
        }
        rec_free(&r);
    }
    free(buf);
    if (rc != CLI_OK) goto out;
    if (!nrec) {
        fprintf(stderr, "newsfuse eval: no record in %s\n", in_path);
        rc = CLI_BADINPUT;
        goto out;
    }
    printf("# newsfuse eval %s: %zu clusters, %s %zu%s, ROUGE-1.5.5 -n 2 -m -2 4 -u -c 95 -r 1000 "
           "-f A -p 0.5 -t 0%s\n",
           in_path, nrec,
           s.o.unit == NF_UNIT_WORDS   ? "words"
           : s.o.unit == NF_UNIT_BYTES ? "bytes"
                                       : "sentences",
           s.o.budget, (s.o.flags & NF_OPT_TRUNCATE) ? " (truncate)" : "", no_limit ? "" : " -l N");
    printf("| algo | R1 R | R2 R | RL R | SU4 R | R1 F | R2 F | RL F | SU4 F | clusters/s |\n");
    printf("|---|---|---|---|---|---|---|---|---|---|\n");
    FILE *tf = tsv ? fopen(tsv, "wb") : NULL;
    if (tsv && !tf) perror(tsv);
    if (tf)
        fprintf(tf, "algo\tid\tR1_R\tR1_P\tR1_F\tR2_R\tR2_P\tR2_F\tRL_R\tRL_P\tRL_F\tSU4_R\tSU4_"
                    "P\tSU4_F\n");
    for (int k = 0; k < nalgo; k++) {
        nf_error err;
        if (nf_rouge_compute(rg[k], &err) != NF_OK) {
            cli_error("rouge", &err);
            rc = CLI_RUNTIME;
            break;
        }
        /* metrics in ROUGE's order: ROUGE-1, ROUGE-2, ROUGE-L, ROUGE-SU4 */
        nf_rouge_average av[4];
        size_t nm = nf_rouge_metric_count(rg[k]);
        for (size_t m = 0; m < 4 && m < nm; m++) nf_rouge_average_get(rg[k], m, &av[m]);
        printf("| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.1f |\n", names[k],
               av[0].r, av[1].r, av[2].r, av[3].r, av[0].f, av[1].f, av[2].f, av[3].f,
               secs[k] > 0 ? (double)nrec / secs[k] : 0.0);
        for (size_t i = 0; tf && i < nf_rouge_eval_count(rg[k]); i++) {
            const char *id = NULL;
            fprintf(tf, "%s", names[k]);
            for (size_t m = 0; m < 4 && m < nm; m++) {
                nf_rouge_score sc;
                nf_rouge_eval(rg[k], m, i, &id, &sc);
                if (m == 0) fprintf(tf, "\t%s", id);
                fprintf(tf, "\t%.5f\t%.5f\t%.5f", sc.r, sc.p, sc.f);
            }
            fputc('\n', tf);
        }
    }
    if (tf) fclose(tf);
out:
    if (times) fclose(times);
    seen_free(&prev_seen);
    for (int k = 0; k < nalgo; k++) nf_rouge_free(rg[k]);
    nf_ctx_free(ctx);
    fclose(in);
    rc0 = rc;
early:
    for (int k = 0; k < nalgo; k++) free(names[k]);
    free(gridbuf);
    return rc0;
}
