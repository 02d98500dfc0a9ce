/* cli.h - helpers shared by the newsfuse subcommands (uses only the public header). */
#ifndef NF_CLI_H
#define NF_CLI_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <getopt.h>

#include "newsfuse.h"

/* Exit codes (as jq): 0 ok, 1 runtime error, 2 usage, 3 bad input. */
enum { CLI_OK = 0, CLI_RUNTIME = 1, CLI_USAGE = 2, CLI_BADINPUT = 3 };

/* Read a whole file ("-" = stdin). NULL on failure with errno kept. Caller frees. */
char *cli_read_file(const char *path, size_t *len);
/* Sorted names of the regular, non-hidden files of a directory. NULL when it cannot be read.
 * Caller frees each and the array. */
char **cli_list_dir(const char *dir, size_t *n);
/* The same with every non-hidden entry: subdirectories, links, dangling links. */
char **cli_list_entries(const char *dir, size_t *n);
bool cli_is_dir(const char *path);
/* Parse a non-negative integer / a double; false when malformed. */
bool cli_parse_size(const char *s, size_t *out);
bool cli_parse_double(const char *s, double *out);
/* Map a library status to an exit code. */
int cli_exit_code(nf_status st);
/* Print "newsfuse: <what>: <msg>" plus position details to stderr. */
void cli_error(const char *what, const nf_error *e);
/* Read one line of any length from f (without the newline); NULL at EOF. *len gets the length. */
char *cli_getline(FILE *f, size_t *len, char **buf, size_t *cap);
/* Write a whole buffer to a file; false on failure. */
bool cli_write_file(const char *path, const char *p, size_t n);

/* Command-line parsing: every subcommand runs getopt_long (GNU: options and inputs may be mixed,
 * `--` ends the options, `--name=value` and `--name value` both work) over one table made of the
 * shared entries below and its own. A subcommand's own long options take ids from CLI_OPT_CMD
 * up; short options are their letter. Ids below CLI_OPT_CMD belong to the shared parser. */
enum cli_opt_id {
    CLI_OPT_WORDS = 256,
    CLI_OPT_BYTES,
    CLI_OPT_SENTENCES,
    CLI_OPT_FIT,
    CLI_OPT_TRUNCATE,
    CLI_OPT_ALGO,
    CLI_OPT_ORDER,
    CLI_OPT_QUERY,
    CLI_OPT_REDUNDANCY,
    CLI_OPT_MIN_WORDS,
    CLI_OPT_LANG,
    CLI_OPT_IDF,
    CLI_OPT_KEEP_BOILERPLATE,
    CLI_OPT_NO_DEDUP,
    CLI_OPT_FORMAT,
    CLI_OPT_SPLIT,
    CLI_OPT_TEXT,
    CLI_OPT_HTML,
    CLI_OPT_JSON,
    CLI_OPT_SKIP_BAD,
    CLI_OPT_ALLOW_EMPTY,
    CLI_OPT_PARAMS,
    CLI_OPT_CMD = 512 /* the first id for a subcommand's own options */
};
/* The summary options (budget, method, language, output format). */
#define CLI_SUM_LONGOPTS                                                                           \
    {"words", required_argument, NULL, CLI_OPT_WORDS},                                             \
        {"bytes", required_argument, NULL, CLI_OPT_BYTES},                                         \
        {"sentences", required_argument, NULL, CLI_OPT_SENTENCES},                                 \
        {"fit", no_argument, NULL, CLI_OPT_FIT},                                                   \
        {"truncate", no_argument, NULL, CLI_OPT_TRUNCATE},                                         \
        {"algo", required_argument, NULL, CLI_OPT_ALGO},                                           \
        {"order", required_argument, NULL, CLI_OPT_ORDER},                                         \
        {"query", required_argument, NULL, CLI_OPT_QUERY},                                         \
        {"redundancy", required_argument, NULL, CLI_OPT_REDUNDANCY},                               \
        {"min-words", required_argument, NULL, CLI_OPT_MIN_WORDS},                                 \
        {"params", required_argument, NULL, CLI_OPT_PARAMS},                                       \
        {"lang", required_argument, NULL, CLI_OPT_LANG},                                           \
        {"idf", required_argument, NULL, CLI_OPT_IDF},                                             \
        {"keep-boilerplate", no_argument, NULL, CLI_OPT_KEEP_BOILERPLATE},                         \
        {"no-dedup", no_argument, NULL, CLI_OPT_NO_DEDUP},                                         \
    {                                                                                              \
        "format", required_argument, NULL, CLI_OPT_FORMAT                                          \
    }
/* How files are read (commands that take files and directories). */
#define CLI_INPUT_LONGOPTS                                                                         \
    {"split", required_argument, NULL, CLI_OPT_SPLIT}, {"text", no_argument, NULL, CLI_OPT_TEXT},  \
        {"html", no_argument, NULL, CLI_OPT_HTML}, {"json", no_argument, NULL, CLI_OPT_JSON},      \
    {                                                                                              \
        "skip-bad", no_argument, NULL, CLI_OPT_SKIP_BAD                                            \
    }
#define CLI_ALLOW_EMPTY_LONGOPT                                                                    \
    {                                                                                              \
        "allow-empty", no_argument, NULL, CLI_OPT_ALLOW_EMPTY                                      \
    }
#define CLI_LONGOPTS_END                                                                           \
    {                                                                                              \
        NULL, 0, NULL, 0                                                                           \
    }

/* Before a getopt_long loop: start at argv[1] and let the caller print the messages (the
 * optstring must begin with ':' so a missing value returns ':'). */
void cli_getopt_begin(void);
/* getopt_long returned '?' or ':': print "newsfuse CMD: unknown option '--x'" or "newsfuse CMD:
 * option '-o' requires an argument" and a pointer to --help. Returns CLI_USAGE. */
int cli_opt_error(const char *cmd, int c, char **argv);

typedef struct cli_sum_opts {
    nf_options o;
    const char *lang;
    const char *idf_path;
    nf_format format;
    const char *split;
    int input_mode;   /* 0 auto, 1 text, 2 html, 3 json record */
    bool skip_bad;    /* --skip-bad: skip (and name) unreadable or unusable files of a directory */
    bool allow_empty; /* --allow-empty: an empty summary is not an error */
} cli_sum_opts;
void cli_sum_opts_init(cli_sum_opts *s);
/* One option getopt_long returned (id, optarg). 1: a shared option, applied; 0: not a shared
 * option; -1: a bad value (message printed). */
int cli_sum_opt(cli_sum_opts *s, int id, const char *arg);
extern const char cli_sum_opts_help[];
extern const char cli_input_opts_help[];
/* An empty summary (nothing fits the budget): unless --allow-empty, print a warning naming the
 * budget and return CLI_BADINPUT; CLI_OK otherwise. */
int cli_check_empty(const char *cmd, const cli_sum_opts *s, const nf_summary *sum);
/* The warning itself, for commands that count empty summaries (batch). */
void cli_warn_empty(const char *cmd, const cli_sum_opts *s, const char *what);
/* Add one input to the cluster: a file (by extension or s->input_mode: text, .html/.htm, .json
 * record; split on s->split), a directory (its files in name order; empty is an error) or "-".
 * In a directory, hidden files are ignored and subdirectories skipped with a note; a file that
 * cannot be read or added is an error, or with s->skip_bad a note and the next file.
 * Messages go to stderr; returns an exit code. */
int cli_add_input(nf_cluster *c, const cli_sum_opts *s, const char *path);
/* A context for the options' language with the idf table loaded; on error NULL, and the
 * message is printed. */
nf_ctx *cli_ctx(const cli_sum_opts *s, int *exit_code);

/* Subcommands: each gets argv[0] = its name. */
int nf_cmd_summarize(int argc, char **argv);
int nf_cmd_batch(int argc, char **argv);
int nf_cmd_sentences(int argc, char **argv);
int nf_cmd_idf(int argc, char **argv);
int nf_cmd_rouge(int argc, char **argv);
int nf_cmd_eval(int argc, char **argv);
int nf_cmd_brief(int argc, char **argv);
int nf_cmd_cluster(int argc, char **argv);
#endif
