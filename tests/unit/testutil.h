/* testutil.h - helpers shared by the cmocka unit tests. */
#ifndef NF_TESTUTIL_H
#define NF_TESTUTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "newsfuse.h"

/* Read a whole file; NULL when missing. Caller frees. */
char *tu_read_file(const char *path, size_t *len);
/* 1 when ../shared exists (NF_SHARED_DIR); otherwise prints a skip notice once. */
int tu_have_shared(void);
/* A cluster from all regular files of a directory (sorted). NULL when the dir is missing. */
nf_cluster *tu_cluster_from_dir(const char *dir);
/* Exit code 77 tells ctest the test was skipped. */
#define TU_SKIP_EXIT 77
#endif
