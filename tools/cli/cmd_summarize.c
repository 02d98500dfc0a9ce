/* cmd_summarize.c - `newsfuse summarize`: one cluster from files, a directory or stdin. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void help(void)
{
    printf("usage: newsfuse summarize [options] INPUT...\n"
           "INPUT: text files (one document each), a directory (its files in name order),\n"
           "'-' for stdin, .html/.htm files, or a .json record {\"id\",\"documents\":[...]}.\n\n"
           "%s%s  -o FILE          write the output to FILE\n"
           "  --dump-json FILE also write the full JSON output to FILE\n"
           "  --brief          add the story brief (text, json, markdown, html)\n"
           "  --previous PATH  earlier reports (a file or directory) the reader has already seen:\n"
           "                   an update summary of what is new (repeatable)\n"
           "  --allow-empty    an empty summary (nothing fits the budget) is not an error;\n"
           "                   without it: a warning and exit code 3\n"
           "  --               the arguments after it are inputs, even when they start with '-'\n",
           cli_sum_opts_help, cli_input_opts_help);
}

enum { OPT_DUMP_JSON = CLI_OPT_CMD, OPT_BRIEF, OPT_PREVIOUS };

static const struct option longopts[] = {CLI_SUM_LONGOPTS,
                                         CLI_INPUT_LONGOPTS,
                                         CLI_ALLOW_EMPTY_LONGOPT,
                                         {"dump-json", required_argument, NULL, OPT_DUMP_JSON},
                                         {"brief", no_argument, NULL, OPT_BRIEF},
                                         {"previous", required_argument, NULL, OPT_PREVIOUS},
                                         {"help", no_argument, NULL, 'h'},
                                         CLI_LONGOPTS_END};

/* The command line. inputs[] holds the inputs and the --previous paths in command-line order;
 * is_prev[k] marks the latter. */
typedef struct sum_args {
    cli_sum_opts s;
    const char *out_path, *dump_json;
    bool with_brief;
    const char **inputs;
    char *is_prev;
    size_t ninputs, nprev;
} sum_args;

/* What one run holds; freed by run_free. */
typedef struct sum_run {
    nf_cluster *c;
    nf_ctx *ctx;
    nf_summary *sum;
    nf_brief *brief;
    char *txt;
    size_t n;
} sum_run;

enum { GO_ON = -1 }; /* parse_args: the command line is good, carry on */

static int parse_args(int argc, char **argv, sum_args *a)
{
    int opt;
    cli_getopt_begin();
    while ((opt = getopt_long(argc, argv, "-:ho:", longopts, NULL)) != -1) {
        int r = cli_sum_opt(&a->s, opt, optarg);
        if (r < 0) return CLI_USAGE;
        if (r > 0) continue;
        switch (opt) {
        case 1:
            a->inputs[a->ninputs++] = optarg;
            break; /* "-": inputs stay in command-line order */
        case 'h': help(); return CLI_OK;
        case 'o': a->out_path = optarg; break;
        case OPT_DUMP_JSON: a->dump_json = optarg; break;
        case OPT_BRIEF: a->with_brief = true; break;
        case OPT_PREVIOUS:
            a->is_prev[a->ninputs] = 1;
            a->inputs[a->ninputs++] = optarg;
            a->nprev++;
            break;
        default: return cli_opt_error("summarize", opt, argv);
        }
    }
    for (int i = optind; i < argc; i++) a->inputs[a->ninputs++] = argv[i];
    if (a->ninputs == a->nprev) {
        fprintf(stderr, "newsfuse summarize: no input (a directory, files, or '-')\n");
        return CLI_USAGE;
    }
    return GO_ON;
}

/* The cluster of every input, the --previous ones marked; the readers' warnings on stderr. */
static int load_cluster(const sum_args *a, sum_run *u)
{
    if (nf_cluster_new(NULL, &u->c) != NF_OK) return CLI_RUNTIME;
    int rc = CLI_OK;
    for (size_t k = 0; k < a->ninputs && rc == CLI_OK; k++) {
        size_t before = nf_cluster_doc_count(u->c);
        rc = cli_add_input(u->c, &a->s, a->inputs[k]);
        for (size_t d = before; a->is_prev[k] && d < nf_cluster_doc_count(u->c); d++)
            nf_cluster_set_previous(u->c, d, 1);
    }
    if (rc != CLI_OK) return rc;
    for (size_t w = 0; w < nf_cluster_warning_count(u->c); w++) {
        const nf_error *e = nf_cluster_warning(u->c, w);
        const nf_doc_meta *m = e->doc >= 0 ? nf_cluster_doc_meta(u->c, (size_t)e->doc) : NULL;
        fprintf(stderr, "newsfuse: warning: %s: %s (byte %lld)\n", m && m->id ? m->id : "input",
                e->msg, e->byte_pos);
    }
    return CLI_OK;
}

/* The summary (and the brief) rendered in --format into u->txt. */
static int summarize(const sum_args *a, sum_run *u)
{
    int rc = CLI_OK;
    u->ctx = cli_ctx(&a->s, &rc);
    if (!u->ctx) return rc;
    nf_error err;
    nf_status st = nf_summarize(u->ctx, u->c, &a->s.o, &u->sum, &err);
    if (st != NF_OK) {
        cli_error("summarize", &err);
        return cli_exit_code(st);
    }
    if ((rc = cli_check_empty("summarize", &a->s, u->sum)) != CLI_OK) return rc;
    if (a->with_brief && a->s.format == NF_FORMAT_SPL) {
        fprintf(stderr,
                "newsfuse summarize: --brief needs --format text, json, markdown or html\n");
        return CLI_USAGE;
    }
    if (a->with_brief && (st = nf_brief_build(u->ctx, u->c, &a->s.o, &u->brief, &err)) != NF_OK) {
        cli_error("brief", &err);
        return cli_exit_code(st);
    }
    if (u->brief)
        st = nf_brief_render(u->c, u->brief, u->sum, a->s.format, &u->txt, &u->n, &err);
    else
        st = nf_render(u->c, u->sum, &a->s.o, a->s.format, &u->txt, &u->n, &err);
    if (st != NF_OK) {
        cli_error("render", &err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
}

/* u->txt to -o FILE or stdout, then the JSON output to --dump-json FILE. */
static int write_output(const sum_args *a, const sum_run *u)
{
    int rc = CLI_OK;
    if (a->out_path) {
        if (!cli_write_file(a->out_path, u->txt, u->n)) {
            perror(a->out_path);
            rc = CLI_RUNTIME;
        }
    } else if (fwrite(u->txt, 1, u->n, stdout) != u->n) {
        rc = CLI_RUNTIME;
    }
    if (a->dump_json && rc == CLI_OK) {
        char *js = NULL;
        size_t jn;
        nf_error err;
        nf_status st;
        if (u->brief)
            st = nf_brief_render(u->c, u->brief, u->sum, NF_FORMAT_JSON, &js, &jn, &err);
        else
            st = nf_render(u->c, u->sum, &a->s.o, NF_FORMAT_JSON, &js, &jn, &err);
        if (st != NF_OK || !cli_write_file(a->dump_json, js, jn)) {
            fprintf(stderr, "newsfuse: %s: cannot write the JSON output\n", a->dump_json);
            rc = CLI_RUNTIME;
        }
        nf_string_free(u->c, js);
    }
    return rc;
}

static void run_free(sum_run *u)
{
    nf_string_free(u->c, u->txt);
    nf_brief_free(u->brief);
    nf_summary_free(u->sum);
    nf_ctx_free(u->ctx);
    nf_cluster_free(u->c);
}

int nf_cmd_summarize(int argc, char **argv)
{
    sum_args a;
    memset(&a, 0, sizeof a);
    cli_sum_opts_init(&a.s);
    a.inputs = calloc((size_t)argc + 1, sizeof *a.inputs);
    a.is_prev = calloc((size_t)argc + 1, 1);
    int rc = CLI_RUNTIME;
    if (a.inputs && a.is_prev) rc = parse_args(argc, argv, &a);
    if (rc == GO_ON) {
        sum_run u;
        memset(&u, 0, sizeof u);
        rc = load_cluster(&a, &u);
        if (rc == CLI_OK) rc = summarize(&a, &u);
        if (rc == CLI_OK) rc = write_output(&a, &u);
        run_free(&u);
    }
    free(a.inputs);
    free(a.is_prev);
    return rc;
}
