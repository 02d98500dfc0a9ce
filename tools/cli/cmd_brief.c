/* cmd_brief.c - `newsfuse brief`: the story brief of one cluster, or its score against a gold
 * brief (--score). */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void help(void)
{
    printf("usage: newsfuse brief [options] INPUT...\n"
           "The story brief of one cluster: figures, conflicts, quotes by speaker, sources,\n"
           "timeline and entities (docs/brief.md). INPUT as for `newsfuse summarize`.\n\n"
           "%s%s  -o FILE          write the output to FILE\n"
           "  --summary        print the summary before the brief (as `summarize --brief`)\n"
           "  --allow-empty    with --summary: an empty summary is not an error\n"
           "  --score GOLD     compare with a gold brief (tests/fixtures/README.md) and print\n"
           "                   precision/recall/F1 for figures, conflicts and quotes\n",
           cli_sum_opts_help, cli_input_opts_help);
}

enum { OPT_SUMMARY = CLI_OPT_CMD, OPT_SCORE };

static const struct option longopts[] = {CLI_SUM_LONGOPTS,
                                         CLI_INPUT_LONGOPTS,
                                         CLI_ALLOW_EMPTY_LONGOPT,
                                         {"summary", no_argument, NULL, OPT_SUMMARY},
                                         {"score", required_argument, NULL, OPT_SCORE},
                                         {"help", no_argument, NULL, 'h'},
                                         CLI_LONGOPTS_END};

static void print_prf(const char *name, const nf_prf *p)
{
    printf("%-12s P=%.3f R=%.3f F1=%.3f  (system %zu, gold %zu, matched %zu)\n", name, p->p, p->r,
           p->f, p->system, p->gold, p->matched);
}

static int score(const nf_brief *b, const char *gold_path)
{
    size_t n;
    char *g = cli_read_file(gold_path, &n);
    if (!g) {
        perror(gold_path);
        return CLI_BADINPUT;
    }
    nf_brief_score sc;
    nf_error err;
    nf_status st = nf_brief_score_gold(b, g, n, &sc, &err);
    free(g);
    if (st != NF_OK) {
        cli_error(gold_path, &err);
        return cli_exit_code(st);
    }
    print_prf("figures", &sc.figures);
    print_prf("conflicts", &sc.conflicts);
    print_prf("quotes", &sc.quotes);
    print_prf("quote-text", &sc.quote_text);
    print_prf("duplicates", &sc.near_duplicates);
    printf("%-12s %.3f of matched figure mentions\n", "attribution", sc.attribution_accuracy);
    return CLI_OK;
}

int nf_cmd_brief(int argc, char **argv)
{
    cli_sum_opts s;
    cli_sum_opts_init(&s);
    const char *out_path = NULL, *gold = NULL;
    bool with_summary = false;
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    size_t ninputs = 0;
    if (!inputs) return CLI_RUNTIME;
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
        case OPT_SCORE: gold = optarg; break;
        case OPT_SUMMARY: with_summary = true; break;
        default: rc = cli_opt_error("brief", opt, argv); goto done;
        }
    }
    for (int i = optind; i < argc; i++) inputs[ninputs++] = argv[i];
    if (!ninputs) {
        fprintf(stderr, "newsfuse brief: no input (a directory, files, or '-')\n");
        rc = CLI_USAGE;
        goto done;
    }
    if (s.format == NF_FORMAT_SPL) {
        fprintf(stderr, "newsfuse brief: --format must be text, json, markdown or html\n");
        rc = CLI_USAGE;
        goto done;
    }
    nf_cluster *c = NULL;
    nf_ctx *ctx = NULL;
    nf_brief *b = NULL;
    nf_summary *sum = NULL;
    char *txt = NULL;
    if (nf_cluster_new(NULL, &c) != NF_OK) {
        rc = CLI_RUNTIME;
        goto done;
    }
    for (size_t k = 0; k < ninputs && rc == CLI_OK; k++) rc = cli_add_input(c, &s, inputs[k]);
    if (rc != CLI_OK) goto free_all;
    ctx = cli_ctx(&s, &rc);
    if (!ctx) goto free_all;
    nf_error err;
    nf_status st = nf_brief_build(ctx, c, &s.o, &b, &err);
    if (st != NF_OK) {
        cli_error("brief", &err);
        rc = cli_exit_code(st);
        goto free_all;
    }
    if (gold) {
        rc = score(b, gold);
        goto free_all;
    }
    if (with_summary && (st = nf_summarize(ctx, c, &s.o, &sum, &err)) != NF_OK) {
        cli_error("summarize", &err);
        rc = cli_exit_code(st);
        goto free_all;
    }
    if (sum && (rc = cli_check_empty("brief", &s, sum)) != CLI_OK) goto free_all;
    size_t n;
    st = nf_brief_render(c, b, sum, s.format, &txt, &n, &err);
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
free_all:
    nf_string_free(c, txt);
    nf_summary_free(sum);
    nf_brief_free(b);
    nf_ctx_free(ctx);
    nf_cluster_free(c);
done:
    free(inputs);
    return rc;
}
