/* opts.c - the summarize options and input loading shared by summarize, brief, batch and eval. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

const char cli_sum_opts_help[] =
    "Budget:\n"
    "  --words N | --bytes N | --sentences N   summary length (default --words 100)\n"
    "  --fit            never over budget, whole sentences (default)\n"
    "  --truncate       cut the last sentence at exactly N words/bytes (DUC style)\n"
    "Method:\n"
    "  --algo NAME      auto (default), lead, centroid, lexrank, textrank, mmr, sumbasic,\n"
    "                   kl, ilp, submodular\n"
    "  --order source|rank   output order (default source: date, document, position)\n"
    "  --query TEXT     query-focused summary\n"
    "  --redundancy X   max cosine to an already chosen sentence (default 0.5)\n"
    "  --min-words N    shortest sentence to select (default 5)\n"
    "  --params LIST    override auto's constants, e.g. pos=0.3,div=1 (tuning; docs/design.md)\n"
    "  --lang NAME      Snowball language (default english; --list-languages)\n"
    "  --idf FILE       background idf table from `newsfuse idf`\n"
    "  --keep-boilerplate   do not drop boilerplate lines\n"
    "  --no-dedup       do not drop near-duplicate sentences\n"
    "Input and output:\n"
    "  --split SEP      split each input on SEP (Multi-News uses '|||||')\n"
    "  --text | --html | --json   input type (default: by extension; .html/.htm, .json)\n"
    "  --format F       text (default), json, markdown, html, spl\n";

void cli_sum_opts_init(cli_sum_opts *s)
{
    memset(s, 0, sizeof *s);
    nf_options_init(&s->o);
    s->format = NF_FORMAT_TEXT;
}

static const char *value(int argc, char **argv, int *i, const char *name, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (eq) return eq + 1;
    if (*i + 1 >= argc) {
        fprintf(stderr, "newsfuse: option %s needs a value\n", name);
        return NULL;
    }
    return argv[++*i];
}

static bool is(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

int cli_sum_opt(cli_sum_opts *s, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *v;
    if (is(a, "--words") || is(a, "--bytes") || is(a, "--sentences")) {
        if (!(v = value(argc, argv, i, a, a))) return -1;
        if (!cli_parse_size(v, &s->o.budget)) {
            fprintf(stderr, "newsfuse: %s: '%s' is not a non-negative integer\n", a, v);
            return -1;
        }
        s->o.unit = a[2] == 'w' ? NF_UNIT_WORDS : a[2] == 'b' ? NF_UNIT_BYTES : NF_UNIT_SENTENCES;
    } else if (strcmp(a, "--fit") == 0) {
        s->o.flags &= ~NF_OPT_TRUNCATE;
    } else if (strcmp(a, "--truncate") == 0) {
        s->o.flags |= NF_OPT_TRUNCATE;
    } else if (is(a, "--algo")) {
        if (!(v = value(argc, argv, i, a, a))) return -1;
        int al = nf_algo_from_name(v);
        if (al < 0) {
            fprintf(stderr, "newsfuse: unknown --algo '%s'\n", v);
            return -1;
        }
        s->o.algo = (nf_algo)al;
    } else if (is(a, "--order")) {
        if (!(v = value(argc, argv, i, a, a))) return -1;
        if (strcmp(v, "source") == 0) s->o.order = NF_ORDER_SOURCE;
        else if (strcmp(v, "rank") == 0) s->o.order = NF_ORDER_RANK;
        else {
            fprintf(stderr, "newsfuse: --order must be source or rank\n");
            return -1;
        }
    } else if (is(a, "--query")) {
        if (!(v = value(argc, argv, i, a, a))) return -1;
        s->o.query = v;
        s->o.query_len = strlen(v);
    } else if (is(a, "--redundancy")) {
        if (!(v = value(argc, argv, i, a, a))) return -1;
        if (!cli_parse_double(v, &s->o.redundancy) || s->o.redundancy < 0) {
            fprintf(stderr, "newsfuse: --redundancy needs a number >= 0\n");
            return -1;
        }
    } else if (is(a, "--min-words")) {
        if (!(v = value(argc, argv, i, a, a))) return -1;
        if (!cli_parse_size(v, &s->o.min_words)) {
            fprintf(stderr, "newsfuse: --min-words needs an integer\n");
            return -1;
        }
    } else if (is(a, "--params")) {
        if (!(v = value(argc, argv, i, a, a))) return -1;
        s->o.params = v;
    } else if (is(a, "--lang")) {
        if (!(v = value(argc, argv, i, a, a))) return -1;
        s->lang = v;
    } else if (is(a, "--idf")) {
        if (!(v = value(argc, argv, i, a, a))) return -1;
        s->idf_path = v;
    } else if (strcmp(a, "--keep-boilerplate") == 0) {
        s->o.flags |= NF_OPT_KEEP_BOILERPLATE;
    } else if (strcmp(a, "--no-dedup") == 0) {
        s->o.flags |= NF_OPT_NO_DEDUP;
    } else if (is(a, "--split")) {
        if (!(v = value(argc, argv, i, a, a))) return -1;
        if (!*v) {
            fprintf(stderr, "newsfuse: --split needs a non-empty separator\n");
            return -1;
        }
        s->split = v;
    } else if (strcmp(a, "--text") == 0) {
        s->input_mode = 1;
    } else if (strcmp(a, "--html") == 0) {
        s->input_mode = 2;
    } else if (strcmp(a, "--json") == 0) {
        s->input_mode = 3;
    } else if (is(a, "--format")) {
        if (!(v = value(argc, argv, i, a, a))) return -1;
        int f = nf_format_from_name(v);
        if (f < 0) {
            fprintf(stderr, "newsfuse: unknown --format '%s'\n", v);
            return -1;
        }
        s->format = (nf_format)f;
    } else {
        return 0;
    }
    return 1;
}

nf_ctx *cli_ctx(const cli_sum_opts *s, int *exit_code)
{
    nf_ctx *ctx = NULL;
    nf_error err;
    nf_status st = nf_ctx_new(s->lang, NULL, &ctx, &err);
    if (st != NF_OK) {
        cli_error("--lang", &err);
        *exit_code = cli_exit_code(st);
        return NULL;
    }
    if (s->idf_path) {
        size_t n;
        char *p = cli_read_file(s->idf_path, &n);
        if (!p) {
            fprintf(stderr, "newsfuse: %s: cannot read the idf table\n", s->idf_path);
            nf_ctx_free(ctx);
            *exit_code = CLI_BADINPUT;
            return NULL;
        }
        st = nf_ctx_load_idf(ctx, p, n, &err);
        free(p);
        if (st != NF_OK) {
            cli_error(s->idf_path, &err);
            nf_ctx_free(ctx);
            *exit_code = CLI_BADINPUT;
            return NULL;
        }
    }
    return ctx;
}

static bool ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

static int add_path(nf_cluster *c, const cli_sum_opts *s, const char *path)
{
    size_t n;
    char *p = cli_read_file(path, &n);
    if (!p) {
        perror(path);
        fprintf(stderr, "newsfuse: %s: cannot read the file\n", path);
        return CLI_BADINPUT;
    }
    int mode = s->input_mode;
    if (!mode) {
        if (ends_with(path, ".html") || ends_with(path, ".htm")) mode = 2;
        else if (ends_with(path, ".json")) mode = 3;
        else mode = 1;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    nf_doc_meta m = {base, NULL, NULL, NULL, NULL};
    nf_error err;
    nf_status st;
    if (mode == 3) st = nf_cluster_add_json(c, p, n, &err);
    else if (s->split) st = nf_cluster_add_split(c, p, n, s->split, &m, &err);
    else if (mode == 2) st = nf_cluster_add_html(c, p, n, &m, &err);
    else st = nf_cluster_add_text(c, p, n, &m, &err);
    free(p);
    if (st != NF_OK) {
        cli_error(path, &err);
        return cli_exit_code(st);
    }
    return CLI_OK;
}

int cli_add_input(nf_cluster *c, const cli_sum_opts *s, const char *in)
{
    if (strcmp(in, "-") == 0 || !cli_is_dir(in)) return add_path(c, s, in);
    size_t nf = 0;
    char **files = cli_list_dir(in, &nf);
    if (!files) {
        fprintf(stderr, "newsfuse: %s: cannot read the directory\n", in);
        return CLI_BADINPUT;
    }
    int rc = CLI_OK;
    for (size_t j = 0; j < nf; j++) {
        if (rc == CLI_OK) rc = add_path(c, s, files[j]);
        free(files[j]);
    }
    free(files);
    if (nf == 0 && rc == CLI_OK) {
        fprintf(stderr, "newsfuse: %s: the directory has no file\n", in);
        rc = CLI_BADINPUT;
    }
    return rc;
}
