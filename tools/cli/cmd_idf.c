/* cmd_idf.c - `newsfuse idf`: a background idf table from text files or JSONL clusters. */
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static void help(void)
{
    printf("usage: newsfuse idf [--lang L] [--min-df N] [--skip-bad] [-o FILE] INPUT...\n"
           "INPUT: text files or directories (one document per file), or .jsonl files whose\n"
           "records have \"documents\" (each document counted once). Output: '#docs N' then\n"
           "'stem<TAB>df' lines, sorted; use it with `summarize --idf FILE`.\n"
           "  --skip-bad       in a directory, skip (and name) files that cannot be used\n");
}

enum { OPT_LANG = CLI_OPT_CMD, OPT_MIN_DF, OPT_SKIP_BAD };

static const struct option longopts[] = {{"lang", required_argument, NULL, OPT_LANG},
                                         {"min-df", required_argument, NULL, OPT_MIN_DF},
                                         {"skip-bad", no_argument, NULL, OPT_SKIP_BAD},
                                         {"help", no_argument, NULL, 'h'},
                                         CLI_LONGOPTS_END};

static bool ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

static int add_jsonl(nf_idf_builder *b, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return CLI_BADINPUT;
    }
    char *buf = NULL;
    size_t cap = 0, len, line = 0, bad = 0;
    while (cli_getline(f, &len, &buf, &cap)) {
        line++;
        json_error_t je;
        json_t *r = json_loadb(buf, len, 0, &je);
        json_t *docs = r ? json_object_get(r, "documents") : NULL;
        if (!json_is_array(docs)) {
            if (len) {
                fprintf(stderr, "newsfuse idf: %s:%zu: not a record with \"documents\"\n", path,
                        line);
                bad++;
            }
            json_decref(r);
            continue;
        }
        size_t i;
        json_t *d;
        json_array_foreach(docs, i, d)
        {
            json_t *t = json_is_object(d) ? json_object_get(d, "text") : d;
            if (!json_is_string(t)) continue;
            nf_error err;
            if (nf_idf_builder_add(b, json_string_value(t), json_string_length(t), &err) != NF_OK)
                cli_error(path, &err);
        }
        json_decref(r);
    }
    free(buf);
    fclose(f);
    return bad && line == bad ? CLI_BADINPUT : CLI_OK;
}

static int add_file(nf_idf_builder *b, const char *path)
{
    if (ends_with(path, ".jsonl")) return add_jsonl(b, path);
    size_t n;
    char *p = cli_read_file(path, &n);
    if (!p) {
        perror(path);
        return CLI_BADINPUT;
    }
    nf_error err;
    nf_status st = nf_idf_builder_add(b, p, n, &err);
    free(p);
    if (st != NF_OK) {
        cli_error(path, &err);
        return cli_exit_code(st);
    }
    return CLI_OK;
}

int nf_cmd_idf(int argc, char **argv)
{
    const char *lang = NULL, *out = NULL;
    size_t min_df = 1;
    int rc = CLI_OK, opt;
    bool skip_bad = false;
    cli_getopt_begin();
    while ((opt = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        switch (opt) {
        case 'h': help(); return CLI_OK;
        case 'o': out = optarg; break;
        case OPT_LANG: lang = optarg; break;
        case OPT_SKIP_BAD: skip_bad = true; break;
        case OPT_MIN_DF:
            if (!cli_parse_size(optarg, &min_df)) {
                fprintf(stderr, "newsfuse idf: --min-df needs an integer\n");
                return CLI_USAGE;
            }
            break;
        default: return cli_opt_error("idf", opt, argv);
        }
    }
    int ninputs = argc - optind;
    if (!ninputs) {
        fprintf(stderr, "newsfuse idf: no input\n");
        return CLI_USAGE;
    }
    nf_ctx *ctx = NULL;
    nf_error err;
    if (nf_ctx_new(lang, NULL, &ctx, &err) != NF_OK) {
        cli_error("--lang", &err);
        return CLI_USAGE;
    }
    nf_idf_builder *b = NULL;
    if (nf_idf_builder_new(ctx, &b) != NF_OK) {
        nf_ctx_free(ctx);
        return CLI_RUNTIME;
    }
    for (int i = optind; i < argc && rc == CLI_OK; i++) {
        const char *a = argv[i];
        if (cli_is_dir(a)) {
            size_t nf = 0;
            char **files = cli_list_dir(a, &nf);
            for (size_t k = 0; files && k < nf; k++) {
                if (rc == CLI_OK) rc = add_file(b, files[k]);
                if (rc != CLI_OK && skip_bad) {
                    fprintf(stderr, "newsfuse idf: %s: skipped\n", files[k]);
                    rc = CLI_OK;
                }
                free(files[k]);
            }
            free(files);
        } else {
            rc = add_file(b, a);
        }
    }
    if (rc == CLI_OK) {
        char *txt = NULL;
        size_t n;
        if (nf_idf_builder_write(b, min_df, &txt, &n, &err) != NF_OK) {
            cli_error("idf", &err);
            rc = CLI_RUNTIME;
        } else if (out ? !cli_write_file(out, txt, n) : fwrite(txt, 1, n, stdout) != n) {
            fprintf(stderr, "newsfuse idf: cannot write the output\n");
            rc = CLI_RUNTIME;
        }
        nf_idf_string_free(b, txt);
        fprintf(stderr, "newsfuse idf: %zu documents\n", nf_idf_builder_docs(b));
    }
    nf_idf_builder_free(b);
    nf_ctx_free(ctx);
    return rc;
}
