#define _POSIX_C_SOURCE 200809L
/* cmd_batch.c - `newsfuse batch IN.jsonl`: one output JSON line per input line, same order. A bad
 * line becomes an error record {"id"?, "line", "error"} and the batch goes on. */
#include "batch_io.h"
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <pthread.h>
#include <sys/resource.h>
#include <utf8proc.h>
#include <unistd.h>
#include <time.h>

static void help(void)
{
    printf(
        "usage: newsfuse batch [options] IN.jsonl ('-' for stdin; .gz and .zst are read\n"
        "                                       compressed)\n"
        "Each line is a record {\"id\", \"documents\": [string | {\"text\",\"title\",\"source\",\n"
        "\"url\",\"date\"}]}. Output: one JSON line per input line (docs/json.md), in order;\n"
        "a bad line gives {\"id\":...,\"line\":N,\"error\":\"...\"} and the batch goes on; the\n"
        "exit status is then 3.\n\n"
        "%s  -o FILE          write the JSON lines to FILE (FILE.gz, FILE.zst: compressed)\n"
        "  --resume         continue a killed run: keep FILE's complete records, redo the rest\n"
        "  --spl-dir DIR    also write DIR/<id>.txt, one sentence per line\n"
        "  --brief          add each record's story brief (\"brief\" member, as summarize\n"
        "                   --brief --format json)\n"
        "  --query-field F  use the record's string field F as the query (e.g. topic_title)\n"
        "  --timing         print elapsed seconds, clusters/s, MB/s and peak RSS to stderr\n"
        "  --threads N      worker threads (default: the number of cores); the output is\n"
        "                   identical for every N\n"
        "  --progress | --no-progress   a progress line on stderr (default: when a terminal)\n"
        "  --allow-empty    records with an empty summary (nothing fits the budget) are not\n"
        "                   an error; without it: a warning and exit code 3\n",
        cli_sum_opts_help);
}

enum {
    OPT_SPL_DIR = CLI_OPT_CMD,
    OPT_TIMING,
    OPT_PROGRESS,
    OPT_NO_PROGRESS,
    OPT_THREADS,
    OPT_QUERY_FIELD,
    OPT_RESUME,
    OPT_BRIEF
};

static const struct option longopts[] = {CLI_SUM_LONGOPTS,
                                         CLI_ALLOW_EMPTY_LONGOPT,
                                         {"spl-dir", required_argument, NULL, OPT_SPL_DIR},
                                         {"timing", no_argument, NULL, OPT_TIMING},
                                         {"progress", no_argument, NULL, OPT_PROGRESS},
                                         {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
                                         {"threads", required_argument, NULL, OPT_THREADS},
                                         {"query-field", required_argument, NULL, OPT_QUERY_FIELD},
                                         {"resume", no_argument, NULL, OPT_RESUME},
                                         {"brief", no_argument, NULL, OPT_BRIEF},
                                         {"help", no_argument, NULL, 'h'},
                                         CLI_LONGOPTS_END};

/* s as a JSON string, invalid UTF-8 (a broken record's id, a message cut mid-character)
 * replaced by U+FFFD. */
static json_t *json_text(const char *s)
{
    json_t *j = json_string(s);
    if (j) return j;
    size_t n = strlen(s), k = 0;
    char *r = malloc(3 * n + 1);
    if (!r) return NULL;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (l > 0) {
            memcpy(r + k, s + i, (size_t)l);
            k += (size_t)l;
            i += (size_t)l;
        } else {
            memcpy(r + k, "\xEF\xBF\xBD", 3); /* U+FFFD for the byte */
            k += 3;
            i++;
        }
    }
    j = json_stringn(r, k);
    free(r);
    return j;
}

/* {"id"?, "line", "error"} on one line. */
static void error_record(FILE *out, const char *id, size_t line, const char *msg)
{
    json_t *o = json_object();
    json_t *jid = id ? json_text(id) : NULL;
    json_t *jmsg = json_text(msg);
    char *txt = NULL;
    if (o) {
        if (jid) json_object_set_new(o, "id", jid);
        json_object_set_new(o, "line", json_integer((json_int_t)line));
        json_object_set_new(o, "error", jmsg);
        txt = json_dumps(o, JSON_COMPACT);
    } else {
        json_decref(jid);
        json_decref(jmsg);
    }
    if (txt)
        fprintf(out, "%s\n", txt);
    else
        fprintf(out, "{\"line\":%zu,\"error\":\"out of memory\"}\n", line);
    free(txt);
    json_decref(o);
}

/* A file name from an id: keep [A-Za-z0-9._-], replace the rest. */
static void safe_name(const char *id, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = id; *p && k + 1 < cap; p++) {
        char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '-' || c == '_';
        out[k++] = ok ? c : '_';
    }
    out[k] = '\0';
    if (k == 0 || out[0] == '.') {
        out[0] = '_';
        if (k == 0) out[1] = '\0';
    }
}

/* The "id" of a line that is not valid JSON, when a plain "id": "..." string can be seen. */
static const char *sniff_id(const char *p, size_t n, char *out, size_t cap)
{
    const char *end = p + n;
    for (const char *q = p; q + 4 < end; q++) {
        if (memcmp(q, "\"id\"", 4) != 0) continue;
        const char *r = q + 4;
        while (r < end && (*r == ' ' || *r == '\t')) r++;
        if (r >= end || *r != ':') continue;
        r++;
        while (r < end && (*r == ' ' || *r == '\t')) r++;
        if (r >= end || *r != '"') return NULL;
        r++;
        size_t k = 0;
        while (r < end && *r != '"' && *r != '\\' && k + 1 < cap) out[k++] = *r++;
        if (r >= end || *r != '"') return NULL;
        out[k] = '\0';
        return out;
    }
    return NULL;
}

/* One input line and what it produced. */
typedef struct job {
    char *line; /* the slot's line buffer, reused */
    size_t cap;
    size_t len, lineno;
    size_t bytes; /* input bytes up to and including this line (for the progress line) */
    char *out;    /* the output line(s), malloc'd */
    size_t outlen;
    char *spl; /* SPL summary for --spl-dir, malloc'd */
    size_t spllen;
    char name[256]; /* file name for --spl-dir */
    int ok, done;
    int empty; /* summarized, but nothing fit the budget */
} job;

/* The stream: the main thread reads lines into a ring of jobs and writes finished ones in input
 * order; workers take jobs in input order. Sequence numbers only grow: job k lives in slot
 * k % cap, and head <= next <= tail, tail - head <= cap. */
typedef struct pool {
    job *ring;
    size_t cap;
    size_t head; /* next job to write */
    size_t next; /* next job for a worker */
    size_t tail; /* jobs read so far */
    int eof;
    pthread_mutex_t mu;
    pthread_cond_t work_cv, done_cv;
    const cli_sum_opts *s;
    const char *qfield;
    int want_spl;
    int brief; /* --brief: the summary JSON gets the story brief */
} pool;

typedef struct worker {
    pool *p;
    nf_ctx *ctx;
    pthread_t th;
} worker;

static char *dup_mem(const char *p, size_t n)
{
    char *q = malloc(n + 1);
    if (q) {
        memcpy(q, p, n);
        q[n] = '\0';
    }
    return q;
}

static void run_job(job *j, const pool *p, nf_ctx *ctx)
{
    nf_cluster *c = NULL;
    nf_summary *sum = NULL;
    char *txt = NULL;
    size_t n = 0;
    nf_error err;
    err.msg[0] = '\0';
    nf_status st = nf_cluster_new(NULL, &c);
    if (st == NF_OK) st = nf_cluster_add_json(c, j->line, j->len, &err);
    nf_options o = p->s->o;
    if (st == NF_OK && p->qfield) {
        const char *q = nf_cluster_field(c, p->qfield);
        if (q) {
            o.query = q;
            o.query_len = strlen(q);
        }
    }
    if (st == NF_OK) st = nf_summarize(ctx, c, &o, &sum, &err);
    nf_brief *brief = NULL;
    if (st == NF_OK && p->brief) st = nf_brief_build(ctx, c, &o, &brief, &err);
    if (st == NF_OK && brief)
        st = nf_brief_render(c, brief, sum, NF_FORMAT_JSON, &txt, &n, &err);
    else if (st == NF_OK)
        st = nf_render(c, sum, &o, NF_FORMAT_JSON, &txt, &n, &err);
    nf_brief_free(brief);
    if (st != NF_OK) {
        char idb[256];
        const char *id = c ? nf_cluster_id(c) : NULL;
        if (!id) id = sniff_id(j->line, j->len, idb, sizeof idb);
        char *mem = NULL;
        size_t ml = 0;
        FILE *m = open_memstream(&mem, &ml);
        if (m) {
            error_record(m, id, j->lineno, err.msg[0] ? err.msg : nf_strerror(st));
            fclose(m);
        }
        j->out = mem;
        j->outlen = ml;
        j->ok = 0;
    } else {
        j->out = dup_mem(txt, n);
        j->outlen = j->out ? n : 0;
        j->ok = 1;
        j->empty = nf_summary_count(sum) == 0;
        if (p->want_spl) {
            char idbuf[32];
            const char *id = nf_cluster_id(c);
            if (!id) {
                snprintf(idbuf, sizeof idbuf, "line%zu", j->lineno);
                id = idbuf;
            }
            safe_name(id, j->name, sizeof j->name);
            char *spl = NULL;
            size_t sn;
            if (nf_render(c, sum, &o, NF_FORMAT_SPL, &spl, &sn, &err) == NF_OK) {
                j->spl = dup_mem(spl, sn);
                j->spllen = sn;
            }
            nf_string_free(c, spl);
        }
    }
    nf_string_free(c, txt);
    nf_summary_free(sum);
    nf_cluster_free(c);
}

static void *work(void *arg)
{
    worker *w = arg;
    pool *p = w->p;
    if (!w->ctx) {
        int rc;
        w->ctx = cli_ctx(p->s, &rc);
        if (!w->ctx) return NULL; /* out of memory: the other workers take the jobs */
    }
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next == p->tail && !p->eof) pthread_cond_wait(&p->work_cv, &p->mu);
        if (p->next == p->tail) break; /* end of input, every job taken */
        job *j = &p->ring[p->next++ % p->cap];
        pthread_mutex_unlock(&p->mu);
        run_job(j, p, w->ctx);
        pthread_mutex_lock(&p->mu);
        j->done = 1;
        pthread_cond_signal(&p->done_cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* "\rnewsfuse batch: N records, P%" on stderr: the share of the input written so far. */
static void progress_line(size_t records, size_t done, long total)
{
    if (total > 0)
        fprintf(stderr, "\rnewsfuse batch: %zu records, %5.1f%%", records,
                100.0 * (double)done / (double)total);
    else
        fprintf(stderr, "\rnewsfuse batch: %zu records", records);
    fflush(stderr);
}

static long default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : n;
}

/* The command line. */
typedef struct batch_args {
    cli_sum_opts s;
    const char *in_path, *out_path, *spl_dir, *qfield;
    int timing, progress, resume, with_brief;
    size_t nthreads;
} batch_args;

/* One batch: the files, the pool and its workers, the counts. */
typedef struct batch_run {
    batch_args *a;
    FILE *in, *out;
    char *inbuf;      /* the input's stdio buffer */
    long total_bytes; /* the input's size, -1 when unknown (stdin) */
    pool p;
    worker *ws;
    size_t started; /* worker threads running; 0: the main thread does the work */
    size_t line, nok, nerr, nempty, inbytes;
    size_t skip;        /* input records whose output the resumed file holds */
    struct timespec tp; /* when the last progress line was printed */
    int rc;
} batch_run;

enum { GO_ON = -1 }; /* parse_args: the command line is good, carry on */

static int parse_args(int argc, char **argv, batch_args *a)
{
    int opt;
    cli_getopt_begin();
    while ((opt = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        int r = cli_sum_opt(&a->s, opt, optarg);
        if (r < 0) return CLI_USAGE;
        if (r > 0) continue;
        switch (opt) {
        case 'h': help(); return CLI_OK;
        case 'o': a->out_path = optarg; break;
        case OPT_SPL_DIR: a->spl_dir = optarg; break;
        case OPT_RESUME: a->resume = 1; break;
        case OPT_BRIEF: a->with_brief = 1; break;
        case OPT_TIMING: a->timing = 1; break;
        case OPT_PROGRESS: a->progress = 1; break;
        case OPT_NO_PROGRESS: a->progress = 0; break;
        case OPT_THREADS:
            if (!cli_parse_size(optarg, &a->nthreads) || a->nthreads < 1 || a->nthreads > 256) {
                fprintf(stderr, "newsfuse batch: --threads needs a number from 1 to 256\n");
                return CLI_USAGE;
            }
            break;
        case OPT_QUERY_FIELD: a->qfield = optarg; break;
        default: return cli_opt_error("batch", opt, argv);
        }
    }
    if (optind < argc) a->in_path = argv[optind];
    if (argc - optind > 1) {
        fprintf(stderr, "newsfuse batch: one input file only\n");
        return CLI_USAGE;
    }
    if (!a->in_path) {
        fprintf(stderr, "newsfuse batch: no input file (IN.jsonl or '-')\n");
        return CLI_USAGE;
    }
    if (a->resume && (!a->out_path || strcmp(a->out_path, "-") == 0)) {
        fprintf(stderr, "newsfuse batch: --resume needs -o FILE\n");
        return CLI_USAGE;
    }
    if (a->spl_dir && !cli_is_dir(a->spl_dir)) {
        fprintf(stderr, "newsfuse batch: --spl-dir %s is not a directory\n", a->spl_dir);
        return CLI_USAGE;
    }
    return GO_ON;
}

/* The input (its size for the progress line) and the output, which --resume opens after its
 * last complete record; the counts start from the records it holds. */
static int open_files(batch_run *b)
{
    batch_args *a = b->a;
    b->in = batch_open_in(a->in_path);
    if (!b->in) {
        perror(a->in_path);
        return CLI_BADINPUT;
    }
    /* 1 MiB reads: stdio's default 4 KiB buffer makes a thousand read() calls per 5 MB (glibc
     * ignores the size unless it is given the buffer) */
    b->inbuf = b->in != stdin ? malloc((size_t)1 << 20) : NULL;
    if (b->inbuf) setvbuf(b->in, b->inbuf, _IOFBF, (size_t)1 << 20);
    b->total_bytes = -1;
    if (b->in != stdin && fseek(b->in, 0, SEEK_END) == 0) {
        b->total_bytes = ftell(b->in);
        rewind(b->in);
    }
    if (a->progress < 0) a->progress = isatty(2) && !getenv("CI");
    batch_resume rs = {0, 0, 0};
    const char *step = "open";
    b->out = a->resume ? batch_open_resume(a->out_path, &rs, &step) : batch_open_out(a->out_path);
    if (!b->out) {
        fprintf(stderr, "newsfuse batch: %s %s: %s\n", step, a->out_path, strerror(errno));
        if (b->in != stdin) fclose(b->in);
        free(b->inbuf);
        return CLI_RUNTIME;
    }
    b->nerr = rs.errors;
    b->nok = rs.records - rs.errors;
    b->skip = rs.records;
    if (a->resume && (rs.records || rs.dropped))
        fprintf(stderr, "newsfuse batch: resuming after %zu records (%zu bytes dropped)\n",
                rs.records, rs.dropped);
    return CLI_OK;
}

/* The ring, the first context and the worker threads. False when the batch cannot start
 * (b->rc says why). */
static bool start_pool(batch_run *b)
{
    batch_args *a = b->a;
    pool *p = &b->p;
    p->s = &a->s;
    p->qfield = a->qfield;
    p->want_spl = a->spl_dir != NULL;
    p->brief = a->with_brief;
    p->cap = a->nthreads * 8 < 64 ? 64 : a->nthreads * 8;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work_cv, NULL);
    pthread_cond_init(&p->done_cv, NULL);
    b->ws = calloc(a->nthreads, sizeof *b->ws);
    p->ring = calloc(p->cap, sizeof *p->ring);
    if (!b->ws || !p->ring) {
        b->rc = CLI_RUNTIME;
        return false;
    }
    /* the first context here, so a bad --lang or --idf is reported once; the other workers make
     * theirs in their own thread, at the same time */
    for (size_t t = 0; t < a->nthreads; t++) b->ws[t].p = p;
    b->ws[0].ctx = cli_ctx(&a->s, &b->rc);
    if (!b->ws[0].ctx) return false;
    /* one thread: the main thread does the work between reading and writing; otherwise the
     * workers do (and if none can be started, the main thread again) */
    for (size_t t = 0; a->nthreads > 1 && t < a->nthreads; t++) {
        if (pthread_create(&b->ws[t].th, NULL, work, &b->ws[t]) != 0) break;
        b->started++;
    }
    return true;
}

/* No more jobs: the idle workers wake up and stop. */
static void end_input(pool *p)
{
    pthread_mutex_lock(&p->mu);
    p->eof = 1;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->mu);
}

/* Read one line into the free slot at the tail when the ring has room, and queue it (or, with
 * no workers, run it at once). True when the line was blank or skipped by --resume. */
static bool read_next(batch_run *b)
{
    pool *p = &b->p;
    pthread_mutex_lock(&p->mu);
    int room = !p->eof && p->tail - p->head < p->cap;
    pthread_mutex_unlock(&p->mu);
    if (!room) return false;
    job *jb = &p->ring[p->tail % p->cap];
    size_t len;
    /* a line cut by a broken .gz or .zst input is no record */
    if (!cli_getline(b->in, &len, &jb->line, &jb->cap) || ferror(b->in)) {
        end_input(p);
        return false;
    }
    b->line++;
    b->inbytes += len + 1;
    size_t k = 0;
    while (k < len && (jb->line[k] == ' ' || jb->line[k] == '\t' || jb->line[k] == '\r')) k++;
    if (k == len) return true; /* blank lines carry no record */
    if (b->skip) {
        b->skip--;
        return true;
    }
    jb->len = len;
    jb->lineno = b->line;
    jb->bytes = b->inbytes;
    jb->out = jb->spl = NULL;
    jb->outlen = jb->spllen = 0;
    jb->ok = jb->done = jb->empty = 0;
    jb->name[0] = '\0';
    if (!b->started) { /* no workers: run it here */
        run_job(jb, p, b->ws[0].ctx);
        jb->done = 1;
        p->next++;
    }
    pthread_mutex_lock(&p->mu);
    p->tail++;
    pthread_cond_signal(&p->work_cv);
    pthread_mutex_unlock(&p->mu);
    return false;
}

/* The finished jobs at the head, [*from, *to); waits for one when the ring is full or the input
 * has ended. False when every job is written and the input has ended. */
static bool take_done(pool *p, size_t *from, size_t *to)
{
    pthread_mutex_lock(&p->mu);
    if (p->head == p->tail && p->eof) {
        pthread_mutex_unlock(&p->mu);
        return false;
    }
    if (p->eof || p->tail - p->head >= p->cap)
        while (!p->ring[p->head % p->cap].done) pthread_cond_wait(&p->done_cv, &p->mu);
    *from = *to = p->head;
    while (*to < p->tail && p->ring[*to % p->cap].done) (*to)++;
    pthread_mutex_unlock(&p->mu);
    return true;
}

/* One finished job: its line(s) to the output, its SPL summary to --spl-dir; counted. */
static void write_job(batch_run *b, job *jb)
{
    if (!jb->out) {
        error_record(b->out, NULL, jb->lineno, "out of memory");
        b->nerr++;
    } else {
        fwrite(jb->out, 1, jb->outlen, b->out);
        if (jb->ok)
            b->nok++;
        else
            b->nerr++;
        b->nempty += jb->ok && jb->empty;
    }
    if (jb->spl) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.txt", b->a->spl_dir, jb->name);
        if (!cli_write_file(path, jb->spl, jb->spllen)) {
            fprintf(stderr, "newsfuse batch: cannot write %s\n", path);
            b->rc = CLI_RUNTIME;
        }
    }
    free(jb->out);
    free(jb->spl);
    jb->out = jb->spl = NULL;
}

/* The progress line, at most every 100 ms; job to - 1 is the last one written. */
static void progress_tick(batch_run *b, size_t to)
{
    struct timespec tn;
    clock_gettime(CLOCK_MONOTONIC, &tn);
    if ((tn.tv_sec - b->tp.tv_sec) * 1000000000L + (tn.tv_nsec - b->tp.tv_nsec) >= 100000000L) {
        b->tp = tn;
        progress_line(b->nok + b->nerr, b->p.ring[(to - 1) % b->p.cap].bytes, b->total_bytes);
    }
}

/* Read, run and write every record, in input order. */
static void stream(batch_run *b)
{
    pool *p = &b->p;
    clock_gettime(CLOCK_MONOTONIC, &b->tp);
    for (;;) {
        if (read_next(b)) continue;
        size_t from, to;
        if (!take_done(p, &from, &to)) break;
        for (size_t q = from; q < to; q++) write_job(b, &p->ring[q % p->cap]);
        if (to > from) {
            pthread_mutex_lock(&p->mu);
            p->head = to;
            pthread_mutex_unlock(&p->mu);
        }
        if (b->a->progress && to > from) progress_tick(b, to);
    }
}

/* The closing lines on stderr (progress, errors, counts, --timing) and the exit code. */
static void finish(batch_run *b, const struct timespec *t0)
{
    const batch_args *a = b->a;
    size_t nrec = b->nok + b->nerr;
    if (a->progress) {
        progress_line(nrec, b->inbytes, b->total_bytes);
        fputc('\n', stderr);
    }
    if (ferror(b->in)) {
        perror(a->in_path);
        b->rc = CLI_RUNTIME;
    }
    if (b->skip) {
        fprintf(stderr, "newsfuse batch: --resume: %s holds %zu more records than %s has\n",
                a->out_path, b->skip, a->in_path);
        b->rc = CLI_BADINPUT;
    }
    fprintf(stderr, "newsfuse batch: %zu records, %zu errors\n", nrec, b->nerr);
    if (a->timing) {
        struct timespec t1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double el = (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr,
                "timing: elapsed_s=%.4f clusters_per_s=%.2f mb_per_s=%.2f peak_rss_kb=%ld "
                "threads=%zu\n",
                el, el > 0 ? (double)nrec / el : 0.0, el > 0 ? (double)b->inbytes / 1e6 / el : 0.0,
                ru.ru_maxrss, b->started ? b->started : 1);
    }
    if (b->rc == CLI_OK && b->nerr) b->rc = CLI_BADINPUT; /* the man page: 3 when records failed */
    if (b->nempty && !a->s.allow_empty) {
        char what[96];
        snprintf(what, sizeof what, "%zu of %zu summaries are empty", b->nempty, b->nok);
        cli_warn_empty("batch", &a->s, what);
        if (b->rc == CLI_OK) b->rc = CLI_BADINPUT;
    }
}

/* Stop the workers, free everything, close the files; the exit code. */
static int teardown(batch_run *b)
{
    pool *p = &b->p;
    if (b->started) {
        end_input(p); /* on an early exit too: the workers finish what they hold and stop */
        for (size_t t = 0; t < b->started; t++) pthread_join(b->ws[t].th, NULL);
    }
    for (size_t t = 0; b->ws && t < b->a->nthreads; t++) nf_ctx_free(b->ws[t].ctx);
    for (size_t j = 0; p->ring && j < p->cap; j++) {
        free(p->ring[j].line);
        free(p->ring[j].out);
        free(p->ring[j].spl);
    }
    free(p->ring);
    free(b->ws);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work_cv);
    pthread_cond_destroy(&p->done_cv);
    if (b->in != stdin) fclose(b->in);
    free(b->inbuf);
    int rc = b->rc;
    if (fflush(b->out) != 0) rc = CLI_RUNTIME;
    if (b->out != stdout && fclose(b->out) != 0) rc = CLI_RUNTIME;
    return rc;
}

int nf_cmd_batch(int argc, char **argv)
{
    batch_args a;
    memset(&a, 0, sizeof a);
    cli_sum_opts_init(&a.s);
    a.s.format = NF_FORMAT_JSON;
    a.progress = -1;
    a.nthreads = (size_t)default_threads();
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = parse_args(argc, argv, &a);
    if (rc != GO_ON) return rc;
    batch_run b;
    memset(&b, 0, sizeof b);
    b.a = &a;
    b.rc = open_files(&b);
    if (b.rc != CLI_OK) return b.rc;
    if (start_pool(&b)) {
        stream(&b);
        finish(&b, &t0);
    }
    return teardown(&b);
}
