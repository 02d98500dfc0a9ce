#define _POSIX_C_SOURCE 200809L
/* opts.c - the summarize options and input loading shared by summarize, brief, batch and eval. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
    "Output:\n"
    "  --format F       text (default), json, markdown, html, spl\n";

const char cli_input_opts_help[] =
    "  --split SEP      split each input on SEP (Multi-News uses '|||||')\n"
    "  --text | --html | --json   input type (default: by extension; .html/.htm, .json)\n"
    "  --skip-bad       in a directory, skip files that cannot be read or used (empty,\n"
    "                   binary, malformed), each named on stderr, instead of stopping\n";

void cli_sum_opts_init(cli_sum_opts *s)
{
    memset(s, 0, sizeof *s);
    nf_options_init(&s->o);
    s->format = NF_FORMAT_TEXT;
}

void cli_getopt_begin(void)
{
    optind = 1;
    opterr = 0;
}

int cli_opt_error(const char *cmd, int c, char **argv)
{
    /* getopt_long has moved optind past the offending argument */
    const char *arg = optind > 0 ? argv[optind - 1] : "?";
    if (c == ':')
        fprintf(stderr, "newsfuse %s: option '%s' requires an argument\n", cmd, arg);
    else if (optopt > 0 && optopt < 128)
        fprintf(stderr, "newsfuse %s: unknown option '-%c'\n", cmd, optopt);
    else if (optopt >= CLI_OPT_WORDS)
        fprintf(stderr, "newsfuse %s: option '%s' takes no value\n", cmd, arg);
    else
        fprintf(stderr, "newsfuse %s: unknown option '%s'\n", cmd, arg);
    fprintf(stderr, "(see `newsfuse %s --help`)\n", cmd);
    return CLI_USAGE;
}

static int bad_value(int id, const char *arg, const char *want)
{
    static const char *const names[] = {"--words",
                                        "--bytes",
                                        "--sentences",
                                        "--fit",
                                        "--truncate",
                                        "--algo",
                                        "--order",
                                        "--query",
                                        "--redundancy",
                                        "--min-words",
                                        "--lang",
                                        "--idf",
                                        "--keep-boilerplate",
                                        "--no-dedup",
                                        "--format",
                                        "--split"};
    size_t k = (size_t)(id - CLI_OPT_WORDS);
    fprintf(stderr, "newsfuse: %s: '%s' %s\n",
            k < sizeof names / sizeof names[0] ? names[k] : "option", arg, want);
    return -1;
}

int cli_sum_opt(cli_sum_opts *s, int id, const char *v)
{
    switch (id) {
    case CLI_OPT_WORDS:
    case CLI_OPT_BYTES:
    case CLI_OPT_SENTENCES:
        if (!cli_parse_size(v, &s->o.budget))
            return bad_value(id, v, "is not a non-negative integer");
        s->o.unit = id == CLI_OPT_WORDS   ? NF_UNIT_WORDS
                    : id == CLI_OPT_BYTES ? NF_UNIT_BYTES
                                          : NF_UNIT_SENTENCES;
        break;
    case CLI_OPT_FIT: s->o.flags &= ~NF_OPT_TRUNCATE; break;
    case CLI_OPT_TRUNCATE: s->o.flags |= NF_OPT_TRUNCATE; break;
    case CLI_OPT_ALGO: {
        int al = nf_algo_from_name(v);
        if (al < 0) {
            fprintf(stderr, "newsfuse: unknown --algo '%s'\n", v);
            return -1;
        }
        s->o.algo = (nf_algo)al;
        break;
    }
    case CLI_OPT_ORDER:
        if (strcmp(v, "source") == 0)
            s->o.order = NF_ORDER_SOURCE;
        else if (strcmp(v, "rank") == 0)
            s->o.order = NF_ORDER_RANK;
        else
            return bad_value(id, v, "is not source or rank");
        break;
    case CLI_OPT_QUERY:
        s->o.query = v;
        s->o.query_len = strlen(v);
        break;
    case CLI_OPT_REDUNDANCY:
        if (!cli_parse_double(v, &s->o.redundancy) || s->o.redundancy < 0)
            return bad_value(id, v, "is not a number >= 0");
        break;
    case CLI_OPT_MIN_WORDS:
        if (!cli_parse_size(v, &s->o.min_words)) return bad_value(id, v, "is not an integer");
        break;
    case CLI_OPT_PARAMS: s->o.params = v; break;
    case CLI_OPT_LANG: s->lang = v; break;
    case CLI_OPT_IDF: s->idf_path = v; break;
    case CLI_OPT_KEEP_BOILERPLATE: s->o.flags |= NF_OPT_KEEP_BOILERPLATE; break;
    case CLI_OPT_NO_DEDUP: s->o.flags |= NF_OPT_NO_DEDUP; break;
    case CLI_OPT_FORMAT: {
        int f = nf_format_from_name(v);
        if (f < 0) {
            fprintf(stderr, "newsfuse: unknown --format '%s'\n", v);
            return -1;
        }
        s->format = (nf_format)f;
        break;
    }
    case CLI_OPT_SPLIT:
        if (!*v) {
            fprintf(stderr, "newsfuse: --split needs a non-empty separator\n");
            return -1;
        }
        s->split = v;
        break;
    case CLI_OPT_TEXT: s->input_mode = 1; break;
    case CLI_OPT_HTML: s->input_mode = 2; break;
    case CLI_OPT_JSON: s->input_mode = 3; break;
    case CLI_OPT_SKIP_BAD: s->skip_bad = true; break;
    case CLI_OPT_ALLOW_EMPTY: s->allow_empty = true; break;
    default: return 0;
    }
    return 1;
}

void cli_warn_empty(const char *cmd, const cli_sum_opts *s, const char *what)
{
    const char *unit = s->o.unit == NF_UNIT_WORDS   ? "words"
                       : s->o.unit == NF_UNIT_BYTES ? "bytes"
                                                    : "sentences";
    fprintf(stderr,
            "newsfuse %s: warning: %s: no sentence fits --%s %zu (sentences under --min-words %zu "
            "are not used); --allow-empty accepts an empty summary\n",
            cmd, what, unit, s->o.budget, s->o.min_words);
}

int cli_check_empty(const char *cmd, const cli_sum_opts *s, const nf_summary *sum)
{
    if (s->allow_empty || nf_summary_count(sum) > 0) return CLI_OK;
    cli_warn_empty(cmd, s, "the summary is empty");
    return CLI_BADINPUT;
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

/* A file that cannot be used: an error, or with --skip-bad inside a directory a note. */
static int bad_file(const char *path, bool skip, int code, const char *why, long long byte)
{
    if (skip) {
        fprintf(stderr, "newsfuse: %s: skipped: %s\n", path, why);
        return CLI_OK;
    }
    if (byte >= 0)
        fprintf(stderr, "newsfuse: %s: %s (byte %lld)\n", path, why, byte);
    else
        fprintf(stderr, "newsfuse: %s: %s\n", path, why);
    return code;
}

static int add_path(nf_cluster *c, const cli_sum_opts *s, const char *path, bool skip)
{
    size_t n;
    char *p = cli_read_file(path, &n);
    if (!p) {
        char why[160];
        snprintf(why, sizeof why, "cannot read the file: %s", strerror(errno));
        return bad_file(path, skip, CLI_BADINPUT, why, -1);
    }
    int mode = s->input_mode;
    if (!mode) {
        if (ends_with(path, ".html") || ends_with(path, ".htm"))
            mode = 2;
        else if (ends_with(path, ".json"))
            mode = 3;
        else
            mode = 1;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    nf_doc_meta m = {base, NULL, NULL, NULL, NULL};
    nf_error err;
    nf_status st;
    if (mode == 3)
        st = nf_cluster_add_json(c, p, n, &err);
    else if (s->split)
        st = nf_cluster_add_split(c, p, n, s->split, &m, &err);
    else if (mode == 2)
        st = nf_cluster_add_html(c, p, n, &m, &err);
    else
        st = nf_cluster_add_text(c, p, n, &m, &err);
    free(p);
    if (st == NF_OK) return CLI_OK;
    if (skip) return bad_file(path, true, 0, err.msg[0] ? err.msg : nf_strerror(st), -1);
    cli_error(path, &err);
    return cli_exit_code(st);
}

int cli_add_input(nf_cluster *c, const cli_sum_opts *s, const char *in)
{
    if (strcmp(in, "-") == 0 || !cli_is_dir(in)) return add_path(c, s, in, false);
    size_t nf = 0;
    char **files = cli_list_entries(in, &nf);
    if (!files) {
        fprintf(stderr, "newsfuse: %s: cannot read the directory\n", in);
        return CLI_BADINPUT;
    }
    size_t before = nf_cluster_doc_count(c), nfiles = 0;
    int rc = CLI_OK;
    for (size_t j = 0; j < nf; j++) {
        struct stat st;
        int e = stat(files[j], &st) == 0 ? 0 : errno;
        if (rc != CLI_OK) {
        } else if (!e && S_ISDIR(st.st_mode)) {
            fprintf(stderr, "newsfuse: %s: skipped: a directory (not read recursively)\n",
                    files[j]);
        } else if (e || !S_ISREG(st.st_mode)) {
            nfiles++;
            rc = bad_file(files[j], s->skip_bad, CLI_BADINPUT,
                          e == ENOENT ? "a dangling link"
                          : e         ? strerror(e)
                                      : "not a regular file",
                          -1);
        } else {
            nfiles++;
            rc = add_path(c, s, files[j], s->skip_bad);
        }
        free(files[j]);
    }
    free(files);
    if (rc == CLI_OK && nfiles == 0) {
        fprintf(stderr, "newsfuse: %s: the directory has no file\n", in);
        rc = CLI_BADINPUT;
    } else if (rc == CLI_OK && nf_cluster_doc_count(c) == before) {
        fprintf(stderr, "newsfuse: %s: every file was skipped\n", in);
        rc = CLI_BADINPUT;
    }
    return rc;
}
