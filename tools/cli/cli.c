#define _POSIX_C_SOURCE 200809L
/* cli.c - helpers shared by the subcommands. */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

char *cli_read_file(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *p = malloc(cap);
    if (!p) goto fail;
    for (;;) {
        if (cap - n < 2) {
            char *q = realloc(p, cap * 2);
            if (!q) goto fail;
            p = q;
            cap *= 2;
        }
        size_t k = fread(p + n, 1, cap - n - 1, f);
        n += k;
        if (k == 0) break;
    }
    if (ferror(f)) goto fail;
    if (f != stdin) fclose(f);
    p[n] = '\0';
    *len = n;
    return p;
fail : {
    int e = errno;
    free(p);
    if (f != stdin) fclose(f);
    errno = e ? e : EIO;
    return NULL;
}
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool cli_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static char **list_dir(const char *dir, size_t *n, bool regular_only)
{
    DIR *d = opendir(dir);
    if (!d) return NULL;
    size_t cap = 16, k = 0;
    char **v = malloc(cap * sizeof *v);
    struct dirent *e;
    while (v && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        size_t pl = strlen(dir) + strlen(e->d_name) + 2;
        char *full = malloc(pl);
        if (!full) break;
        snprintf(full, pl, "%s/%s", dir, e->d_name);
        struct stat st;
        if (regular_only && (stat(full, &st) != 0 || !S_ISREG(st.st_mode))) {
            free(full);
            continue;
        }
        if (k == cap) {
            char **nv = realloc(v, cap * 2 * sizeof *v);
            if (!nv) {
                free(full);
                break;
            }
            v = nv;
            cap *= 2;
        }
        v[k++] = full;
    }
    closedir(d);
    if (v) qsort(v, k, sizeof *v, cmp_name);
    *n = k;
    return v;
}

char **cli_list_dir(const char *dir, size_t *n) { return list_dir(dir, n, true); }

char **cli_list_entries(const char *dir, size_t *n) { return list_dir(dir, n, false); }

bool cli_parse_size(const char *s, size_t *out)
{
    if (!s || !*s) return false;
    size_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9') return false;
        if (v > (SIZE_MAX - 9) / 10) return false;
        v = v * 10 + (size_t)(*p - '0');
    }
    *out = v;
    return true;
}

bool cli_parse_double(const char *s, double *out)
{
    if (!s || !*s) return false;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*end || errno) return false;
    *out = v;
    return true;
}

int cli_exit_code(nf_status st)
{
    switch (st) {
    case NF_OK: return CLI_OK;
    case NF_EUTF8:
    case NF_EEMPTY:
    case NF_EBINARY:
    case NF_EJSON:
    case NF_EIO:
    case NF_ETOOBIG:
    case NF_EHTML: return CLI_BADINPUT;
    case NF_EINVAL:
    case NF_ELANG: return CLI_USAGE;
    default: return CLI_RUNTIME;
    }
}

void cli_error(const char *what, const nf_error *e)
{
    fprintf(stderr, "newsfuse: %s: %s", what, e->msg[0] ? e->msg : nf_strerror(e->code));
    if (e->line >= 0)
        fprintf(stderr, " (line %ld)", e->line);
    else if (e->byte_pos >= 0)
        fprintf(stderr, " (byte %lld)", e->byte_pos);
    fputc('\n', stderr);
}

char *cli_getline(FILE *f, size_t *len, char **buf, size_t *cap)
{
    ssize_t n = getline(buf, cap, f);
    if (n < 0) return NULL;
    if (n > 0 && (*buf)[n - 1] == '\n') (*buf)[--n] = '\0';
    *len = (size_t)n;
    return *buf;
}

bool cli_write_file(const char *path, const char *p, size_t n)
{
    if (strcmp(path, "-") == 0) /* "-o -": standard output, as for inputs */
        return fwrite(p, 1, n, stdout) == n && fflush(stdout) == 0;
    FILE *f = fopen(path, "wb");
    if (!f) return false;
    bool ok = fwrite(p, 1, n, f) == n;
    ok = (fclose(f) == 0) && ok;
    return ok;
}
