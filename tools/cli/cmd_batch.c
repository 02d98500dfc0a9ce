#define _POSIX_C_SOURCE 200809L
/* cmd_batch.c - `newsfuse batch IN.jsonl`: one output JSON line per input line, same order. A bad
 * line becomes an error record {"id"?, "line", "error"} and the batch goes on. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static void help(void)
{
    printf("usage: newsfuse batch [options] IN.jsonl ('-' for stdin)\n"
           "Each line is a record {\"id\", \"documents\": [string | {\"text\",\"title\",\"source\",\n"
           "\"url\",\"date\"}]}. Output: one JSON line per input line (docs/json.md), in order;\n"
           "a bad line gives {\"id\":...,\"line\":N,\"error\":\"...\"}.\n\n"
           "%s  -o FILE          write the JSON lines to FILE\n"
           "  --spl-dir DIR    also write DIR/<id>.txt, one sentence per line\n"
           "  --query-field F  use the record's string field F as the query (e.g. topic_title)\n"
           "  --timing         print elapsed seconds, clusters/s, MB/s and peak RSS to stderr\n",
           cli_sum_opts_help);
}

static void put_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c == '\n') fputs("\\n", f);
        else if (c < 0x20) fprintf(f, "\\u%04x", c);
        else fputc(c, f);
    }
    fputc('"', f);
}

static void error_record(FILE *out, const char *id, size_t line, const char *msg)
{
    fputc('{', out);
    if (id) {
        fputs("\"id\":", out);
        put_json_string(out, id);
        fputc(',', out);
    }
    fprintf(out, "\"line\":%zu,\"error\":", line);
    put_json_string(out, msg);
    fputs("}\n", out);
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

int nf_cmd_batch(int argc, char **argv)
{
    cli_sum_opts s;
    cli_sum_opts_init(&s);
    s.format = NF_FORMAT_JSON;
    const char *in_path = NULL, *out_path = NULL, *spl_dir = NULL, *qfield = NULL;
    int timing = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = cli_sum_opt(&s, argc, argv, &i);
        if (r < 0) return CLI_USAGE;
        if (r > 0) continue;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            help();
            return CLI_OK;
        } else if (strcmp(a, "-o") == 0 && i + 1 < argc) {
            out_path = argv[++i];
        } else if (strcmp(a, "--spl-dir") == 0 && i + 1 < argc) {
            spl_dir = argv[++i];
        } else if (strcmp(a, "--timing") == 0) {
            timing = 1;
        } else if (strcmp(a, "--query-field") == 0 && i + 1 < argc) {
            qfield = argv[++i];
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "newsfuse batch: unknown option '%s' (see --help)\n", a);
            return CLI_USAGE;
        } else if (!in_path) {
            in_path = a;
        } else {
            fprintf(stderr, "newsfuse batch: one input file only\n");
            return CLI_USAGE;
        }
    }
    if (!in_path) {
        fprintf(stderr, "newsfuse batch: no input file (IN.jsonl or '-')\n");
        return CLI_USAGE;
    }
    if (spl_dir && !cli_is_dir(spl_dir)) {
        fprintf(stderr, "newsfuse batch: --spl-dir %s is not a directory\n", spl_dir);
        return CLI_USAGE;
    }
    FILE *in = strcmp(in_path, "-") == 0 ? stdin : fopen(in_path, "rb");
    if (!in) {
        perror(in_path);
        return CLI_BADINPUT;
    }
    FILE *out = out_path ? fopen(out_path, "wb") : stdout;
    if (!out) {
        perror(out_path);
        if (in != stdin) fclose(in);
        return CLI_RUNTIME;
    }
    int rc = CLI_OK;
    nf_ctx *ctx = cli_ctx(&s, &rc);
    if (!ctx) {
        if (in != stdin) fclose(in);
        if (out != stdout) fclose(out);
        return rc;
    }
    char *buf = NULL;
    size_t cap = 0, len, line = 0, nerr = 0, nok = 0, inbytes = 0;
    while (cli_getline(in, &len, &buf, &cap)) {
        line++;
        inbytes += len + 1;
        size_t k = 0;
        while (k < len && (buf[k] == ' ' || buf[k] == '\t' || buf[k] == '\r')) k++;
        if (k == len) continue; /* blank lines carry no record */
        nf_cluster *c = NULL;
        nf_summary *sum = NULL;
        char *txt = NULL;
        size_t n;
        nf_error err;
        nf_status st = nf_cluster_new(NULL, &c);
        if (st == NF_OK) st = nf_cluster_add_json(c, buf, len, &err);
        nf_options o = s.o;
        if (st == NF_OK && qfield) {
            const char *q = nf_cluster_field(c, qfield);
            if (q) {
                o.query = q;
                o.query_len = strlen(q);
            }
        }
        if (st == NF_OK) st = nf_summarize(ctx, c, &o, &sum, &err);
        if (st == NF_OK) st = nf_render(c, sum, &o, NF_FORMAT_JSON, &txt, &n, &err);
        if (st != NF_OK) {
            nerr++;
            char idb[256];
            const char *id = c ? nf_cluster_id(c) : NULL;
            if (!id) id = sniff_id(buf, len, idb, sizeof idb);
            error_record(out, id, line,
                         err.msg[0] ? err.msg : nf_strerror(st));
        } else {
            nok++;
            fwrite(txt, 1, n, out);
            if (spl_dir) {
                char name[256], path[4096];
                char idbuf[32];
                const char *id = nf_cluster_id(c);
                if (!id) {
                    snprintf(idbuf, sizeof idbuf, "line%zu", line);
                    id = idbuf;
                }
                safe_name(id, name, sizeof name);
                snprintf(path, sizeof path, "%s/%s.txt", spl_dir, name);
                char *spl = NULL;
                size_t sn;
                if (nf_render(c, sum, &o, NF_FORMAT_SPL, &spl, &sn, &err) != NF_OK ||
                    !cli_write_file(path, spl, sn)) {
                    fprintf(stderr, "newsfuse batch: cannot write %s\n", path);
                    rc = CLI_RUNTIME;
                }
                nf_string_free(c, spl);
            }
        }
        nf_string_free(c, txt);
        nf_summary_free(sum);
        nf_cluster_free(c);
    }
    free(buf);
    nf_ctx_free(ctx);
    if (ferror(in)) {
        perror(in_path);
        rc = CLI_RUNTIME;
    }
    if (in != stdin) fclose(in);
    if (fflush(out) != 0) rc = CLI_RUNTIME;
    if (out != stdout) fclose(out);
    fprintf(stderr, "newsfuse batch: %zu records, %zu errors\n", nok + nerr, nerr);
    if (timing) {
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr,
                "timing: elapsed_s=%.4f clusters_per_s=%.2f mb_per_s=%.2f peak_rss_kb=%ld\n", el,
                el > 0 ? (double)(nok + nerr) / el : 0.0,
                el > 0 ? (double)inbytes / 1e6 / el : 0.0, ru.ru_maxrss);
    }
    if (rc == CLI_OK && nerr && !nok) rc = CLI_BADINPUT;
    return rc;
}
