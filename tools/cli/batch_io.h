/* batch_io.h - the files of `newsfuse batch`: compressed input and output chosen by file name
 * (.gz: zlib, .zst: libzstd), streamed through a stdio FILE, and --resume over an earlier, killed
 * run's output. */
#ifndef NF_BATCH_IO_H
#define NF_BATCH_IO_H
#include <stddef.h>
#include <stdio.h>

/* Open path for reading: "-" is stdin, *.gz and *.zst are decompressed on the fly, anything else
 * is read as is. NULL with errno set on failure. A truncated or corrupt compressed stream sets the
 * FILE's error flag (ferror) at the point where it breaks. */
FILE *batch_open_in(const char *path);
/* Open path for writing ("-" or NULL: stdout), compressing by the same suffixes. fclose() ends
 * the compressed stream; it returns EOF when any write failed. NULL with errno set on failure. */
FILE *batch_open_out(const char *path);

/* What an earlier run left in the output file. */
typedef struct batch_resume {
    size_t records; /* complete output lines kept: one per non-blank input line */
    size_t errors;  /* of which error records */
    size_t dropped; /* bytes of a cut last line (or of what follows a damaged line) dropped */
} batch_resume;

/* Open path (not "-") to continue an earlier run: keep its complete, well-formed lines, drop a
 * truncated tail, and return a FILE positioned after the last kept line. A missing file starts a
 * new run. A plain file is cut in place (ftruncate); a compressed one is rewritten: its kept lines
 * go into path.partial, compressed again, and fclose() renames that over path. NULL with errno
 * set (and *msg naming the step) on failure. */
FILE *batch_open_resume(const char *path, batch_resume *r, const char **msg);
#endif
