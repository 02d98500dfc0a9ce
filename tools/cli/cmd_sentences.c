/* cmd_sentences.c - `newsfuse sentences`: the analysis made visible: kept sentences with their
 * document and byte span, and the dropped boilerplate lines with the rule that dropped them. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_DROPPED = CLI_OPT_CMD };

static const struct option longopts[] = {CLI_SUM_LONGOPTS,
                                         CLI_INPUT_LONGOPTS,
                                         {"dropped", no_argument, NULL, OPT_DROPPED},
                                         {"help", no_argument, NULL, 'h'},
                                         CLI_LONGOPTS_END};

int nf_cmd_sentences(int argc, char **argv)
{
    cli_sum_opts s;
    cli_sum_opts_init(&s);
    int rc = CLI_OK, show_dropped = 0, opt;
    nf_cluster *c = NULL;
    if (nf_cluster_new(NULL, &c) != NF_OK) return CLI_RUNTIME;
    int ninputs = 0;
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    if (!inputs) rc = CLI_RUNTIME;
    cli_getopt_begin();
    /* "-": inputs in command-line order; they are read after every option is known */
    while (rc == CLI_OK && (opt = getopt_long(argc, argv, "-:h", longopts, NULL)) != -1) {
        int r = cli_sum_opt(&s, opt, optarg);
        if (r < 0) rc = CLI_USAGE;
        if (r) continue;
        switch (opt) {
        case 1: inputs[ninputs++] = optarg; break;
        case OPT_DROPPED: show_dropped = 1; break;
        case 'h':
            printf("usage: newsfuse sentences [--dropped] [summarize options] FILE|DIR...\n"
                   "Every kept sentence as doc<TAB>start<TAB>end<TAB>text; with --dropped also\n"
                   "the dropped lines as dropped<TAB>doc<TAB>start<TAB>end<TAB>rule<TAB>text.\n");
            free(inputs);
            nf_cluster_free(c);
            return CLI_OK;
        default: rc = cli_opt_error("sentences", opt, argv);
        }
    }
    for (int i = optind; rc == CLI_OK && i < argc; i++) inputs[ninputs++] = argv[i];
    /* files, directories, "-", as summarize reads them */
    for (int k = 0; rc == CLI_OK && k < ninputs; k++) rc = cli_add_input(c, &s, inputs[k]);
    free(inputs);
    nf_ctx *ctx = NULL;
    if (rc == CLI_OK && !ninputs) {
        fprintf(stderr, "newsfuse sentences: no input\n");
        rc = CLI_USAGE;
    }
    if (rc == CLI_OK) ctx = cli_ctx(&s, &rc);
    if (ctx) {
        nf_error err;
        nf_status st = nf_cluster_analyze(ctx, c, &s.o, &err);
        if (st != NF_OK) {
            cli_error("analyze", &err);
            rc = cli_exit_code(st);
        } else {
            for (size_t i = 0; i < nf_cluster_sentence_count(c); i++) {
                nf_sentence t;
                nf_cluster_sentence(c, i, &t);
                printf("%zu\t%zu\t%zu\t%.*s\n", t.doc, t.start, t.end, (int)t.len, t.text);
            }
            for (size_t d = 0; show_dropped && d < nf_cluster_doc_count(c); d++) {
                size_t len;
                const char *text = nf_cluster_doc_text(c, d, &len);
                for (size_t i = 0; i < nf_cluster_dropped_count(c, d); i++) {
                    size_t a, b;
                    const char *rule;
                    nf_cluster_dropped(c, d, i, &a, &b, &rule);
                    printf("dropped\t%zu\t%zu\t%zu\t%s\t%.*s\n", d, a, b, rule, (int)(b - a),
                           text + a);
                }
            }
        }
    }
    nf_ctx_free(ctx);
    nf_cluster_free(c);
    return rc;
}
