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

/* The command line. */
typedef struct eval_args {
    cli_sum_opts s;
    const char *in_path, *algos, *qfields, *tsv, *spl_dir, *prev_field, *times_path, *grid_path;
    int no_limit;
    size_t limit;
    int limit_set;
} eval_args;

/* The runs to score: one per --algo name, then one auto run per --grid line. */
enum { MAXRUN = NF_ALGO__COUNT + 1024 };
typedef struct runs {
    int n;
    int algo[MAXRUN];
    const char *params[MAXRUN]; /* per run: auto's params (a grid line) or the options' */
    char *names[MAXRUN];        /* per run: the row label */
    nf_rouge *rg[MAXRUN];
    double secs[MAXRUN]; /* analysis and selection time, for clusters/s */
    char *gridbuf;       /* the --grid file; params[] point into it */
} runs;

/* What scoring the records shares. */
typedef struct eval_run {
    const eval_args *a;
    runs *r;
    nf_ctx *ctx;
    FILE *times;
    seen prev_seen;
    size_t nrec;
} eval_run;

enum { GO_ON = -1 }; /* parse_args: the command line is good, carry on */

static int parse_args(int argc, char **argv, eval_args *a)
{
    int opt;
    cli_getopt_begin();
    while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (opt == CLI_OPT_ALGO) { /* eval's --algo takes a comma list */
            a->algos = optarg;
            continue;
        }
        int r = cli_sum_opt(&a->s, opt, optarg);
        if (r < 0) return CLI_USAGE;
        if (r > 0) continue;
        switch (opt) {
        case 'h': help(); return CLI_OK;
        case OPT_QUERY_FIELD: a->qfields = optarg; break;
        case OPT_PREVIOUS_FIELD: a->prev_field = optarg; break;
        case OPT_NO_LIMIT: a->no_limit = 1; break;
        case OPT_LIMIT:
            if (!cli_parse_size(optarg, &a->limit)) {
                fprintf(stderr, "newsfuse eval: --limit needs an integer\n");
                return CLI_USAGE;
            }
            a->limit_set = 1;
            break;
        case OPT_TSV: a->tsv = optarg; break;
        case OPT_TIMES: a->times_path = optarg; break;
        case OPT_GRID: a->grid_path = optarg; break;
        case OPT_SPL_DIR: a->spl_dir = optarg; break;
        default: return cli_opt_error("eval", opt, argv);
        }
    }
    if (optind < argc) a->in_path = argv[optind];
    if (argc - optind > 1) {
        fprintf(stderr, "newsfuse eval: one data file only\n");
        return CLI_USAGE;
    }
    return GO_ON;
}

/* --algo: a comma list, or 'all'. */
static int add_algos(const char *algos, runs *r)
{
    if (strcmp(algos, "all") == 0) {
        for (int a = 0; a < NF_ALGO__COUNT; a++) r->algo[r->n++] = a;
        return CLI_OK;
    }
    const char *p = algos;
    while (*p && r->n < NF_ALGO__COUNT) {
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
        r->algo[r->n++] = a;
        p += l;
        if (*p == ',') p++;
    }
    return CLI_OK;
}

/* --grid FILE: one auto run per line that is neither empty nor a '#' comment. */
static int add_grid(const char *grid_path, runs *r)
{
    size_t gl;
    r->gridbuf = cli_read_file(grid_path, &gl);
    if (!r->gridbuf) {
        perror(grid_path);
        return CLI_BADINPUT;
    }
    for (char *p = r->gridbuf; *p;) {
        char *e = strchr(p, '\n');
        if (e) *e = '\0';
        if (*p && *p != '#' && r->n == MAXRUN) {
            fprintf(stderr, "newsfuse eval: %s: more than %d lines\n", grid_path,
                    MAXRUN - NF_ALGO__COUNT);
            return CLI_USAGE;
        }
        if (*p && *p != '#') {
            r->algo[r->n] = NF_ALGO_AUTO;
            r->params[r->n++] = p;
        }
        if (!e) break;
        p = e + 1;
    }
    return CLI_OK;
}

/* The runs and their row labels ("auto", "auto:pos=0.3"). */
static int plan_runs(const eval_args *a, runs *r)
{
    int rc = add_algos(a->algos, r);
    if (rc == CLI_OK && a->grid_path) rc = add_grid(a->grid_path, r);
    for (int k = 0; rc == CLI_OK && k < r->n; k++) {
        const char *base = nf_algo_name((nf_algo)r->algo[k]);
        const char *pa = r->params[k];
        size_t n = strlen(base) + (pa ? strlen(pa) + 1 : 0) + 1;
        if (!(r->names[k] = malloc(n))) return CLI_RUNTIME;
        snprintf(r->names[k], n, "%s%s%s", base, pa ? ":" : "", pa ? pa : "");
    }
    return rc;
}

static void runs_free(runs *r)
{
    for (int k = 0; k < r->n; k++) {
        nf_rouge_free(r->rg[k]);
        free(r->names[k]);
    }
    free(r->gridbuf);
}

/* One ROUGE scorer per run: -n 2 -m -2 4 -u, -l the budget unless told otherwise. */
static int make_scorers(const eval_args *a, runs *r)
{
    for (int k = 0; k < r->n; k++) {
        nf_rouge_options ro;
        nf_rouge_options_init(&ro);
        ro.max_n = 2;
        ro.flags = NF_ROUGE_STEM | NF_ROUGE_SKIP | NF_ROUGE_SKIP_UNIGRAM;
        ro.skip_distance = 4;
        ro.word_limit = a->no_limit ? 0 : a->limit_set ? a->limit : a->s.o.budget;
        char pid[16]; /* ROUGE peer ids are short: grid rows are "g" + their run index */
        snprintf(pid, sizeof pid, "g%d", k);
        ro.peer_id = r->params[k] ? pid : r->names[k];
        nf_error err;
        if (nf_rouge_new(&ro, NULL, &r->rg[k], &err) != NF_OK) {
            cli_error("rouge", &err);
            return CLI_RUNTIME;
        }
    }
    return CLI_OK;
}

/* --spl-dir: DIR/<algo>/<id>.txt. */
static void write_spl(const char *spl_dir, nf_algo algo, const char *id, const char *spl, size_t n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", spl_dir, nf_algo_name(algo));
    if (!cli_is_dir(path)) {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path);
        if (system(cmd) != 0) fprintf(stderr, "newsfuse eval: cannot mkdir %s\n", path);
    }
    snprintf(path, sizeof path, "%s/%s/%s.txt", spl_dir, nf_algo_name(algo), id);
    cli_write_file(path, spl, n);
}

/* Run k on the analyzed record: summarize, render as SPL, score against the references. */
static int score_run(eval_run *ev, const rec *r, int k, const nf_rouge_text *models, size_t nm)
{
    const eval_args *a = ev->a;
    runs *ru = ev->r;
    nf_options o = a->s.o;
    o.algo = (nf_algo)ru->algo[k];
    if (ru->params[k]) o.params = ru->params[k];
    if (r->query) {
        o.query = r->query;
        o.query_len = strlen(r->query);
    }
    nf_summary *sum = NULL;
    char *spl = NULL;
    size_t sn = 0;
    nf_error err;
    double t0 = now_s();
    nf_status st = nf_summarize(ev->ctx, r->c, &o, &sum, &err);
    if (st == NF_OK) st = nf_render(r->c, sum, &o, NF_FORMAT_SPL, &spl, &sn, &err);
    double dt = now_s() - t0;
    ru->secs[k] += dt;
    if (ev->times) fprintf(ev->times, "%s\t%s\t%.3f\n", ru->names[k], r->id, dt * 1000.0);
    if (st != NF_OK) {
        fprintf(stderr, "newsfuse eval: %s with %s: %s (scored as empty)\n", r->id, ru->names[k],
                err.msg);
        sn = 0;
    }
    if (a->spl_dir && spl) write_spl(a->spl_dir, o.algo, r->id, spl, sn);
    int rc = CLI_OK;
    st = nf_rouge_add(ru->rg[k], r->id, spl ? spl : "", sn, models, nm, &err);
    if (st != NF_OK) {
        cli_error(r->id, &err);
        rc = cli_exit_code(st);
    }
    nf_string_free(r->c, spl);
    nf_summary_free(sum);
    return rc;
}

/* One record through every run. */
static int score_record(eval_run *ev, const rec *r)
{
    nf_rouge_text models[64];
    size_t nm = r->nrefs < 64 ? r->nrefs : 64;
    for (size_t m = 0; m < nm; m++) {
        models[m].label = NULL;
        models[m].p = r->refs[m];
        models[m].n = r->reflen[m];
    }
    /* the analysis (clean..repr) is shared by all algorithms: time it once and charge it to
     * each, so clusters/s is the whole pipeline */
    double ta = now_s();
    nf_error aerr;
    if (nf_cluster_analyze(ev->ctx, r->c, &ev->a->s.o, &aerr) != NF_OK)
        fprintf(stderr, "newsfuse eval: %s: %s\n", r->id, aerr.msg);
    ta = now_s() - ta;
    for (int k = 0; k < ev->r->n; k++) ev->r->secs[k] += ta;
    int rc = CLI_OK;
    for (int k = 0; k < ev->r->n && rc == CLI_OK; k++) rc = score_run(ev, r, k, models, nm);
    return rc;
}

/* Every line of the data file; a record that cannot be read is reported and skipped. */
static int score_records(eval_run *ev, FILE *in)
{
    const eval_args *a = ev->a;
    int rc = CLI_OK;
    char *buf = NULL;
    size_t cap = 0, len, line = 0;
    while (rc == CLI_OK && cli_getline(in, &len, &buf, &cap)) {
        line++;
        if (!len) continue;
        rec r;
        int lr = load_rec(buf, len, line, a->qfields, &r, a->prev_field, &ev->prev_seen);
        if (lr != CLI_OK) {
            rec_free(&r);
            continue; /* reported; the record is skipped, not scored */
        }
        ev->nrec++;
        rc = score_record(ev, &r);
        rec_free(&r);
    }
    free(buf);
    return rc;
}

/* The header line and the table head on stdout. */
static void print_header(const eval_args *a, size_t nrec)
{
    printf("# newsfuse eval %s: %zu clusters, %s %zu%s, ROUGE-1.5.5 -n 2 -m -2 4 -u -c 95 -r 1000 "
           "-f A -p 0.5 -t 0%s\n",
           a->in_path, nrec,
           a->s.o.unit == NF_UNIT_WORDS   ? "words"
           : a->s.o.unit == NF_UNIT_BYTES ? "bytes"
                                          : "sentences",
           a->s.o.budget, (a->s.o.flags & NF_OPT_TRUNCATE) ? " (truncate)" : "",
           a->no_limit ? "" : " -l N");
    printf("| algo | R1 R | R2 R | RL R | SU4 R | R1 F | R2 F | RL F | SU4 F | clusters/s |\n");
    printf("|---|---|---|---|---|---|---|---|---|---|\n");
}

/* --tsv: run k's per-cluster R/P/F of its first nm metrics. */
static void write_tsv_rows(FILE *tf, const runs *r, int k, size_t nm)
{
    for (size_t i = 0; i < nf_rouge_eval_count(r->rg[k]); i++) {
        const char *id = NULL;
        fprintf(tf, "%s", r->names[k]);
        for (size_t m = 0; m < 4 && m < nm; m++) {
            nf_rouge_score sc;
            nf_rouge_eval(r->rg[k], m, i, &id, &sc);
            if (m == 0) fprintf(tf, "\t%s", id);
            fprintf(tf, "\t%.5f\t%.5f\t%.5f", sc.r, sc.p, sc.f);
        }
        fputc('\n', tf);
    }
}

/* The table: one row per run with its averages (and --tsv's per-cluster rows). */
static int report(const eval_args *a, runs *r, size_t nrec)
{
    print_header(a, nrec);
    FILE *tf = a->tsv ? fopen(a->tsv, "wb") : NULL;
    if (a->tsv && !tf) perror(a->tsv);
    if (tf)
        fprintf(tf, "algo\tid\tR1_R\tR1_P\tR1_F\tR2_R\tR2_P\tR2_F\tRL_R\tRL_P\tRL_F\tSU4_R\tSU4_"
                    "P\tSU4_F\n");
    int rc = CLI_OK;
    for (int k = 0; k < r->n; k++) {
        nf_error err;
        if (nf_rouge_compute(r->rg[k], &err) != NF_OK) {
            cli_error("rouge", &err);
            rc = CLI_RUNTIME;
            break;
        }
        /* metrics in ROUGE's order: ROUGE-1, ROUGE-2, ROUGE-L, ROUGE-SU4 */
        nf_rouge_average av[4];
        size_t nm = nf_rouge_metric_count(r->rg[k]);
        for (size_t m = 0; m < 4 && m < nm; m++) nf_rouge_average_get(r->rg[k], m, &av[m]);
        printf("| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.1f |\n",
               r->names[k], av[0].r, av[1].r, av[2].r, av[3].r, av[0].f, av[1].f, av[2].f, av[3].f,
               r->secs[k] > 0 ? (double)nrec / r->secs[k] : 0.0);
        if (tf) write_tsv_rows(tf, r, k, nm);
    }
    if (tf) fclose(tf);
    return rc;
}

/* Open the data file, the context and --times; score every record; print the table. */
static int evaluate(const eval_args *a, runs *r)
{
    FILE *in = fopen(a->in_path, "rb");
    if (!in) {
        perror(a->in_path);
        return CLI_BADINPUT;
    }
    eval_run ev;
    memset(&ev, 0, sizeof ev);
    ev.a = a;
    ev.r = r;
    int rc = CLI_OK;
    ev.ctx = cli_ctx(&a->s, &rc);
    if (!ev.ctx) {
        fclose(in);
        return rc;
    }
    if (a->times_path && !(ev.times = fopen(a->times_path, "wb"))) {
        perror(a->times_path);
        nf_ctx_free(ev.ctx);
        fclose(in);
        return CLI_RUNTIME;
    }
    rc = make_scorers(a, r);
    if (rc == CLI_OK) rc = score_records(&ev, in);
    if (rc == CLI_OK && !ev.nrec) {
        fprintf(stderr, "newsfuse eval: no record in %s\n", a->in_path);
        rc = CLI_BADINPUT;
    }
    if (rc == CLI_OK) rc = report(a, r, ev.nrec);
    if (ev.times) fclose(ev.times);
    seen_free(&ev.prev_seen);
    nf_ctx_free(ev.ctx);
    fclose(in);
    return rc;
}

int nf_cmd_eval(int argc, char **argv)
{
    eval_args a;
    memset(&a, 0, sizeof a);
    cli_sum_opts_init(&a.s);
    a.algos = "auto";
    int rc = parse_args(argc, argv, &a);
    if (rc != GO_ON) return rc;
    runs r; /* about 40 KB, as the arrays it replaces */
    memset(&r, 0, sizeof r);
    rc = plan_runs(&a, &r);
    if (rc == CLI_OK && !a.in_path) {
        fprintf(stderr, "newsfuse eval: no data file\n");
        rc = CLI_USAGE;
    }
    if (rc == CLI_OK && a.s.o.unit != NF_UNIT_WORDS && !a.no_limit && !a.limit_set) {
        fprintf(stderr, "newsfuse eval: with --bytes/--sentences give --limit N or --no-limit\n");
        rc = CLI_USAGE;
    }
    if (rc == CLI_OK) rc = evaluate(&a, &r);
    runs_free(&r);
    return rc;
}
