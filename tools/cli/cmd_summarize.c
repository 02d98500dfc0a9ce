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

int nf_cmd_summarize(int argc, char **argv)
{
    cli_sum_opts s;
    cli_sum_opts_init(&s);
    const char *out_path = NULL, *dump_json = NULL;
    bool with_brief = false;
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    char *is_prev = calloc((size_t)argc + 1, 1);
    size_t ninputs = 0, nprev = 0;
    if (!inputs || !is_prev) {
        free(inputs);
        free(is_prev);
        return CLI_RUNTIME;
    }
    int rc = CLI_OK, opt;
    cli_getopt_begin();
    while ((opt = getopt_long(argc, argv, "-:ho:", longopts, NULL)) != -1) {
        int r = cli_sum_opt(&s, opt, optarg);
        if (r < 0) {
            rc = CLI_USAGE;
            goto done;
        }
        if (r > 0) continue;
        switch (opt) {
        case 1: inputs[ninputs++] = optarg; break; /* "-": inputs stay in command-line order */
        case 'h': help(); goto done;
        case 'o': out_path = optarg; break;
        case OPT_DUMP_JSON: dump_json = optarg; break;
        case OPT_BRIEF: with_brief = true; break;
        case OPT_PREVIOUS:
            is_prev[ninputs] = 1;
            inputs[ninputs++] = optarg;
            nprev++;
            break;
        default: rc = cli_opt_error("summarize", opt, argv); goto done;
        }
    }
    for (int i = optind; i < argc; i++) inputs[ninputs++] = argv[i];
    if (ninputs == nprev) {
        fprintf(stderr, "newsfuse summarize: no input (a directory, files, or '-')\n");
        rc = CLI_USAGE;
        goto done;
    }
    nf_cluster *c = NULL;
    nf_ctx *ctx = NULL;
    nf_summary *sum = NULL;
    nf_brief *brief = NULL;
    char *txt = NULL;
    if (nf_cluster_new(NULL, &c) != NF_OK) {
        rc = CLI_RUNTIME;
        goto done;
    }
    for (size_t k = 0; k < ninputs && rc == CLI_OK; k++) {
        size_t before = nf_cluster_doc_count(c);
        rc = cli_add_input(c, &s, inputs[k]);
        for (size_t d = before; is_prev[k] && d < nf_cluster_doc_count(c); d++)
            nf_cluster_set_previous(c, d, 1);
    }
    if (rc != CLI_OK) goto free_all;
    for (size_t w = 0; w < nf_cluster_warning_count(c); w++) {
        const nf_error *e = nf_cluster_warning(c, w);
        const nf_doc_meta *m = e->doc >= 0 ? nf_cluster_doc_meta(c, (size_t)e->doc) : NULL;
        fprintf(stderr, "newsfuse: warning: %s: %s (byte %lld)\n", m && m->id ? m->id : "input",
                e->msg, e->byte_pos);
    }
    ctx = cli_ctx(&s, &rc);
    if (!ctx) goto free_all;
    nf_error err;
    nf_status st = nf_summarize(ctx, c, &s.o, &sum, &err);
    if (st != NF_OK) {
        cli_error("summarize", &err);
        rc = cli_exit_code(st);
        goto free_all;
    }
    if ((rc = cli_check_empty("summarize", &s, sum)) != CLI_OK) goto free_all;
    size_t n;
    if (with_brief && s.format == NF_FORMAT_SPL) {
        fprintf(stderr,
                "newsfuse summarize: --brief needs --format text, json, markdown or html\n");
        rc = CLI_USAGE;
        goto free_all;
    }
    if (with_brief && (st = nf_brief_build(ctx, c, &s.o, &brief, &err)) != NF_OK) {
        cli_error("brief", &err);
        rc = cli_exit_code(st);
        goto free_all;
    }
    if (brief)
        st = nf_brief_render(c, brief, sum, s.format, &txt, &n, &err);
    else
        st = nf_render(c, sum, &s.o, s.format, &txt, &n, &err);
    if (st != NF_OK) {
        cli_error("render", &err);
        rc = CLI_RUNTIME;
        goto free_all;
    }
    if (out_path) {
        if (!cli_write_file(out_path, txt, n)) {
            perror(out_path);
            rc = CLI_RUNTIME;
        }
    } else if (fwrite(txt, 1, n, stdout) != n) {
        rc = CLI_RUNTIME;
    }
    if (dump_json && rc == CLI_OK) {
        char *js = NULL;
        size_t jn;
        if (brief)
            st = nf_brief_render(c, brief, sum, NF_FORMAT_JSON, &js, &jn, &err);
        else
            st = nf_render(c, sum, &s.o, NF_FORMAT_JSON, &js, &jn, &err);
        if (st != NF_OK || !cli_write_file(dump_json, js, jn)) {
            fprintf(stderr, "newsfuse: %s: cannot write the JSON output\n", dump_json);
            rc = CLI_RUNTIME;
        }
        nf_string_free(c, js);
    }
free_all:
    nf_string_free(c, txt);
    nf_brief_free(brief);
    nf_summary_free(sum);
    nf_ctx_free(ctx);
    nf_cluster_free(c);
done:
    free(inputs);
    free(is_prev);
    return rc;
}
