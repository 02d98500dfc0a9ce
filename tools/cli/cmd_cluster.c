#define _POSIX_C_SOURCE 200809L
/* cmd_cluster.c - `newsfuse cluster [FILE|DIR|-]`: a stream of articles in, stories out. One
 * output line per input article, in input order ({"id","story"} or an error line with the line
 * number); with --stories, one story record per line as stories close (docs/design.md). */
#include "cli.h"

#include <getopt.h>

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static void help(void)
{
    printf(
        "usage: newsfuse cluster [options] [FILE|DIR|-]\n"
        "Groups a stream of articles into stories. Input: JSONL, one article a line,\n"
        "{\"id\", \"text\", \"title\"?, \"source\"?, \"url\"?, \"date\"?} in arrival order\n"
        "('-' or no input: stdin), or a directory (one article per file, in name order; the\n"
        "id is the file name). Output: one line per article, in input order:\n"
        "{\"id\":...,\"story\":N}"
        " (plus \"duplicate_of\" for a near-copy), or {\"id\"?,\"line\":N,\"error\":\"...\"}.\n\n"
        "  -o FILE            write the article lines to FILE (default stdout; not written\n"
        "                     when --stories is '-' and -o is not given)\n"
        "  --stories FILE     write one record per story, {\"id\", \"documents\", \"doc_ids\",\n"
        "                     \"sources\", \"first\", \"last\"}, as stories close ('-': stdout);\n"
        "                     summarize, brief and batch read them as they are\n"
        "  --window W         forget articles older than W before the newest date: 3d, 12h,\n"
        "                     30m, 90s; or a count: the last N articles. Memory is bounded by\n"
        "                     the window; a story closes when its articles leave it\n"
        "  --threshold X      cosine at which an article joins a story (default 0.30)\n"
        "  --dup-threshold X  shingle similarity of a near-copy (default 0.5)\n"
        "  --lang L           stemming language (default english)\n"
        "  --timing           elapsed seconds, articles/s and peak RSS on stderr\n");
}

/* "3d", "12h", "30m", "90s" -> seconds; a plain number -> articles. */
static bool parse_window(const char *s, long long *secs, size_t *arts)
{
    size_t n = strlen(s), v;
    if (n == 0) return false;
    char unit = s[n - 1];
    long long mult = unit == 'd'   ? 86400
                     : unit == 'h' ? 3600
                     : unit == 'm' ? 60
                     : unit == 's' ? 1
                                   : 0;
    char num[32];
    size_t nl = mult ? n - 1 : n;
    if (nl == 0 || nl >= sizeof num) return false;
    memcpy(num, s, nl);
    num[nl] = '\0';
    if (!cli_parse_size(num, &v) || v == 0) return false;
    if (mult) {
        if (v > (size_t)(9000000000000LL / mult)) return false;
        *secs = (long long)v * mult;
    } else {
        *arts = v;
    }
    return true;
}

/* s as a JSON string (the library hands out valid UTF-8). */
static void put_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

/* The "id" of a line the library rejected, when a plain "id": "..." can be seen; only ASCII
 * without quotes or backslashes is taken, so the error line stays valid JSON. */
static const char *sniff_id(const char *p, size_t n, char *out, size_t cap)
{
    const char *q = NULL;
    for (size_t i = 0; i + 4 <= n && !q; i++)
        if (memcmp(p + i, "\"id\"", 4) == 0) q = p + i;
    if (!q) return NULL;
    const char *end = p + n, *r = q + 4;
    while (r < end && (*r == ' ' || *r == ':')) r++;
    if (r >= end || *r != '"') return NULL;
    size_t k = 0;
    for (r++; r < end && *r != '"' && k + 1 < cap; r++) {
        unsigned char c = (unsigned char)*r;
        if (c < 0x20 || c >= 0x80 || c == '\\') return NULL;
        out[k++] = (char)c;
    }
    if (r >= end || *r != '"' || k == 0) return NULL;
    out[k] = '\0';
    return out;
}

typedef struct run {
    nf_clusterer *k;
    FILE *out;                         /* article lines, or NULL */
    FILE *sout;                        /* story records, or NULL */
    size_t ok, bad, stories, nstories; /* stories written; stories made */
    int rc;
} run;

static void write_stories(run *r)
{
    nf_story *s;
    while (nf_clusterer_pop(r->k, &s) == NF_OK && s) {
        char *txt = NULL;
        size_t n;
        nf_error err;
        if (nf_story_json(s, &txt, &n, &err) == NF_OK) {
            fwrite(txt, 1, n, r->sout);
            fputc('\n', r->sout);
            r->stories++;
        } else {
            cli_error("story", &err);
            r->rc = CLI_RUNTIME;
        }
        nf_story_string_free(s, txt);
        nf_story_free(s);
    }
}

/* The output line of one article (added, or rejected with err). */
static void report(run *r, nf_status st, const nf_assignment *a, const nf_error *err, size_t line,
                   const char *raw, size_t rawlen, const char *fallback_id)
{
    if (st == NF_OK)
        r->ok++;
    else
        r->bad++;
    if (st == NF_OK && a->story + 1 > r->nstories) r->nstories = a->story + 1;
    if (r->sout && st == NF_OK) write_stories(r);
    if (!r->out) return;
    if (st == NF_OK) {
        fputs("{\"id\":", r->out);
        if (a->id)
            put_json_str(r->out, a->id);
        else
            fputs("null", r->out);
        fprintf(r->out, ",\"story\":%zu", a->story);
        if (a->dup_of >= 0) {
            fputs(",\"duplicate_of\":", r->out);
            if (a->dup_of_id)
                put_json_str(r->out, a->dup_of_id);
            else
                fprintf(r->out, "%lld", a->dup_of);
        }
        fputs("}\n", r->out);
        return;
    }
    char idb[256];
    const char *id = fallback_id ? fallback_id
                     : raw       ? sniff_id(raw, rawlen, idb, sizeof idb)
                                 : NULL;
    fputc('{', r->out);
    if (id) {
        fputs("\"id\":", r->out);
        put_json_str(r->out, id);
        fputc(',', r->out);
    }
    fprintf(r->out, "\"line\":%zu,\"error\":", line);
    /* the message may quote the input: keep it ASCII */
    char msg[256];
    size_t k = 0;
    for (const char *p = err->msg[0] ? err->msg : nf_strerror(st); *p && k + 1 < sizeof msg; p++)
        msg[k++] = (unsigned char)*p < 0x80 ? *p : '?';
    msg[k] = '\0';
    put_json_str(r->out, msg);
    fputs("}\n", r->out);
}

static int run_dir(run *r, const char *dir)
{
    size_t n;
    char **names = cli_list_dir(dir, &n);
    if (!names) {
        perror(dir);
        return CLI_BADINPUT;
    }
    for (size_t i = 0; i < n; i++) {
        /* names are full paths; the id is the file name */
        const char *base = strrchr(names[i], '/');
        base = base ? base + 1 : names[i];
        size_t len;
        char *text = cli_read_file(names[i], &len);
        nf_error err;
        err.msg[0] = '\0';
        nf_assignment a;
        nf_doc_meta m = {base, NULL, NULL, NULL, NULL};
        nf_status st = text ? nf_clusterer_add(r->k, text, len, &m, &a, &err) : NF_EIO;
        if (!text) snprintf(err.msg, sizeof err.msg, "cannot read %.200s", base);
        report(r, st, &a, &err, i + 1, NULL, 0, base);
        free(text);
        free(names[i]);
    }
    free(names);
    return CLI_OK;
}

static int run_jsonl(run *r, const char *path)
{
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!in) {
        perror(path);
        return CLI_BADINPUT;
    }
    char *buf = NULL;
    size_t cap = 0, len, line = 0;
    while (cli_getline(in, &len, &buf, &cap)) {
        line++;
        size_t i = 0;
        while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r')) i++;
        if (i == len) continue;
        nf_error err;
        err.msg[0] = '\0';
        nf_assignment a;
        nf_status st = nf_clusterer_add_json(r->k, buf, len, &a, &err);
        report(r, st, &a, &err, line, buf, len, NULL);
    }
    int rc = CLI_OK;
    if (ferror(in)) {
        perror(path);
        rc = CLI_RUNTIME;
    }
    free(buf);
    if (in != stdin) fclose(in);
    return rc;
}

enum { OPT_STORIES = CLI_OPT_CMD, OPT_LANG, OPT_TIMING, OPT_WINDOW, OPT_THRESHOLD, OPT_DUP };

static const struct option longopts[] = {{"stories", required_argument, NULL, OPT_STORIES},
                                         {"lang", required_argument, NULL, OPT_LANG},
                                         {"timing", no_argument, NULL, OPT_TIMING},
                                         {"window", required_argument, NULL, OPT_WINDOW},
                                         {"threshold", required_argument, NULL, OPT_THRESHOLD},
                                         {"dup-threshold", required_argument, NULL, OPT_DUP},
                                         {"help", no_argument, NULL, 'h'},
                                         CLI_LONGOPTS_END};

/* Parse the options into o and the paths; returns -1 to go on, else an exit code. */
static int parse_args(int argc, char **argv, nf_clusterer_options *o, const char **in,
                      const char **out, const char **stories, const char **lang, int *timing)
{
    int opt;
    cli_getopt_begin();
    while ((opt = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        switch (opt) {
        case 'h': help(); return CLI_OK;
        case 'o': *out = optarg; break;
        case OPT_STORIES: *stories = optarg; break;
        case OPT_LANG: *lang = optarg; break;
        case OPT_TIMING: *timing = 1; break;
        case OPT_WINDOW:
            if (!parse_window(optarg, &o->window_seconds, &o->window_articles)) {
                fprintf(stderr, "newsfuse cluster: --window wants 3d, 12h, 30m, 90s or a count\n");
                return CLI_USAGE;
            }
            break;
        case OPT_THRESHOLD:
        case OPT_DUP: {
            double *d = opt == OPT_THRESHOLD ? &o->threshold : &o->dup_threshold;
            if (!cli_parse_double(optarg, d) || !(*d > 0 && *d <= 1)) {
                fprintf(stderr, "newsfuse cluster: --%s wants a number in (0, 1]\n",
                        opt == OPT_THRESHOLD ? "threshold" : "dup-threshold");
                return CLI_USAGE;
            }
            break;
        }
        default: return cli_opt_error("cluster", opt, argv);
        }
    }
    if (optind < argc) *in = argv[optind++];
    if (optind < argc) {
        fprintf(stderr, "newsfuse cluster: one input only (a JSONL file, a directory or '-')\n");
        return CLI_USAGE;
    }
    return -1;
}

static FILE *open_out(const char *path)
{
    if (!path || strcmp(path, "-") == 0) return stdout;
    FILE *f = fopen(path, "wb");
    if (!f) perror(path);
    return f;
}

int nf_cmd_cluster(int argc, char **argv)
{
    nf_clusterer_options o;
    nf_clusterer_options_init(&o);
    const char *in = NULL, *out_path = NULL, *stories = NULL, *lang = NULL;
    int timing = 0;
    int rc = parse_args(argc, argv, &o, &in, &out_path, &stories, &lang, &timing);
    if (rc >= 0) return rc;
    if (!in) in = "-";
    if (stories) o.flags |= NF_CLUSTER_KEEP_STORIES;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run r;
    memset(&r, 0, sizeof r);
    nf_ctx *ctx = NULL;
    nf_error err;
    if (nf_ctx_new(lang, NULL, &ctx, &err) != NF_OK) {
        cli_error("context", &err);
        return cli_exit_code(err.code);
    }
    if (nf_clusterer_new(ctx, &o, NULL, &r.k, &err) != NF_OK) {
        cli_error("cluster", &err);
        nf_ctx_free(ctx);
        return cli_exit_code(err.code);
    }
    bool art_out = out_path || !stories || strcmp(stories, "-") != 0;
    r.out = art_out ? open_out(out_path) : NULL;
    r.sout = stories ? open_out(stories) : NULL;
    if ((art_out && !r.out) || (stories && !r.sout)) {
        rc = CLI_RUNTIME;
        goto done;
    }
    rc = cli_is_dir(in) ? run_dir(&r, in) : run_jsonl(&r, in);
    if (nf_clusterer_flush(r.k, &err) == NF_OK && r.sout) write_stories(&r);
    if (r.rc != CLI_OK) rc = r.rc;
    fprintf(stderr, "newsfuse cluster: %zu articles, %zu errors, %zu stories\n", r.ok + r.bad,
            r.bad, r.nstories);
    if (timing) {
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr, "timing: elapsed_s=%.3f articles_per_s=%.0f peak_rss_kb=%ld\n", el,
                el > 0 ? (double)(r.ok + r.bad) / el : 0.0, ru.ru_maxrss);
    }
    if (rc == CLI_OK && r.bad && !r.ok) rc = CLI_BADINPUT;
done:
    if (r.out && fflush(r.out) != 0) rc = CLI_RUNTIME;
    if (r.sout && r.sout != r.out && fflush(r.sout) != 0) rc = CLI_RUNTIME;
    if (r.out && r.out != stdout) fclose(r.out);
    if (r.sout && r.sout != stdout) fclose(r.sout);
    nf_clusterer_free(r.k);
    nf_ctx_free(ctx);
    return rc;
}
