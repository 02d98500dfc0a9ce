#define _POSIX_C_SOURCE 200809L
/* testutil.c - helpers shared by the cmocka unit tests. */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *tu_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *p = malloc(cap);
    for (;;) {
        if (n + 4096 > cap) {
            cap *= 2;
            p = realloc(p, cap);
        }
        size_t k = fread(p + n, 1, cap - n - 1, f);
        if (k == 0) break;
        n += k;
    }
    fclose(f);
    p[n] = '\0';
    if (len) *len = n;
    return p;
}

int tu_have_shared(void)
{
    struct stat st;
    if (stat(NF_SHARED_DIR, &st) == 0 && S_ISDIR(st.st_mode)) return 1;
    static int said;
    if (!said)
        fprintf(stderr, "SKIP: %s is absent; tests that need ../shared are skipped\n",
                NF_SHARED_DIR);
    said = 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

nf_cluster *tu_cluster_from_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char *names[512];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 512) {
        if (e->d_name[0] == '.') continue;
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    nf_cluster *c = NULL;
    if (nf_cluster_new(NULL, &c) != NF_OK) return NULL;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len;
        char *txt = tu_read_file(path, &len);
        if (txt) {
            nf_doc_meta m = {names[i], NULL, NULL, NULL, NULL};
            nf_cluster_add_text(c, txt, len, &m, NULL);
            free(txt);
        }
        free(names[i]);
    }
    return c;
}
