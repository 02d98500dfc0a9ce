/* cli.h - helpers shared by the newsfuse subcommands (uses only the public header). */
#ifndef NF_CLI_H
#define NF_CLI_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "newsfuse.h"

/* Exit codes (as jq): 0 ok, 1 runtime error, 2 usage, 3 bad input. */
enum { CLI_OK = 0, CLI_RUNTIME = 1, CLI_USAGE = 2, CLI_BADINPUT = 3 };

/* Read a whole file ("-" = stdin). NULL on failure with errno kept. Caller frees. */
char *cli_read_file(const char *path, size_t *len);
/* Sorted names of the regular, non-hidden files of a directory. NULL when it cannot be read.
 * Caller frees each and the array. */
char **cli_list_dir(const char *dir, size_t *n);
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

/* Summarize options shared by summarize, batch and eval. Returns 1 when argv[*i] was consumed
 * (with its value), 0 when it is not a summarize option, -1 on a usage error (message printed). */
typedef struct cli_sum_opts {
    nf_options o;
    const char *lang;
    const char *idf_path;
    nf_format format;
    const char *split;
    int input_mode; /* 0 auto, 1 text, 2 html, 3 json record */
} cli_sum_opts;
void cli_sum_opts_init(cli_sum_opts *s);
int cli_sum_opt(cli_sum_opts *s, int argc, char **argv, int *i);
extern const char cli_sum_opts_help[];
/* Add one input to the cluster: a file (by extension or s->input_mode: text, .html/.htm, .json
 * record; split on s->split), a directory (its files in name order; empty is an error) or "-".
 * Messages go to stderr; returns an exit code. */
int cli_add_input(nf_cluster *c, const cli_sum_opts *s, const char *path);
/* A context for the options' language with the idf table loaded. NULL (message printed) on error. */
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
