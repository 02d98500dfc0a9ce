/* batch_io.c - compressed input/output and --resume for `newsfuse batch` (see batch_io.h).
 * _GNU_SOURCE for fopencookie: a compressed stream behind an ordinary FILE, so the batch loop
 * reads and writes lines the same way whatever the file name. */
#define _GNU_SOURCE
#include "batch_io.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

enum { PLAIN = 0, GZ = 1, ZST = 2 };

static int kind_of(const char *path)
{
    size_t n = strlen(path);
    if (n > 3 && strcmp(path + n - 3, ".gz") == 0) return GZ;
    if (n > 4 && strcmp(path + n - 4, ".zst") == 0) return ZST;
    return PLAIN;
}

/* ---- reading ---------------------------------------------------------------------------- */

typedef struct zin {
    gzFile g;  /* GZ */
    FILE *raw; /* ZST */
    ZSTD_DCtx *d;
    char *ibuf;
    ZSTD_inBuffer in;
    int frame_done; /* the last frame ended cleanly (a cut .zst file is an error, not EOF) */
    int any;        /* any compressed byte seen (an empty .zst file is an empty input) */
    int pending;    /* the last call filled the output: more may come without new input */
} zin;

static ssize_t gz_read(void *ck, char *buf, size_t size)
{
    zin *z = ck;
    int n = gzread(z->g, buf, (unsigned)(size > INT_MAX ? INT_MAX : size));
    int zerr = Z_OK;
    if (n == 0) gzerror(z->g, &zerr); /* a cut file: the data, then 0 with the error kept */
    if (n < 0 || (zerr != Z_OK && zerr != Z_STREAM_END)) {
        errno = EIO; /* truncated or corrupt: zlib says which through gzerror */
        return -1;
    }
    return n;
}

static ssize_t zst_read(void *ck, char *buf, size_t size)
{
    zin *z = ck;
    ZSTD_outBuffer out = {buf, size, 0};
    for (;;) {
        /* decode what is buffered, or what the last call held back on a full output buffer;
         * a call on no input after a finished frame would report the next frame as begun */
        if (z->in.pos < z->in.size || z->pending) {
            size_t ret = ZSTD_decompressStream(z->d, &out, &z->in);
            if (ZSTD_isError(ret)) {
                errno = EIO;
                return -1;
            }
            z->frame_done = ret == 0;
            z->pending = out.pos == out.size;
            if (out.pos > 0) return (ssize_t)out.pos;
            if (z->in.pos < z->in.size) continue;
        }
        size_t n = fread(z->ibuf, 1, ZSTD_DStreamInSize(), z->raw);
        if (n == 0) {
            if (ferror(z->raw) || (z->any && !z->frame_done)) {
                errno = EIO;
                return -1;
            }
            return 0;
        }
        z->any = 1;
        z->in.src = z->ibuf;
        z->in.size = n;
        z->in.pos = 0;
    }
}

static int zin_close(void *ck)
{
    zin *z = ck;
    int rc = 0;
    if (z->g && gzclose_r(z->g) != Z_OK) rc = EOF;
    if (z->raw && fclose(z->raw) != 0) rc = EOF;
    ZSTD_freeDCtx(z->d);
    free(z->ibuf);
    free(z);
    return rc;
}

FILE *batch_open_in(const char *path)
{
    if (strcmp(path, "-") == 0) return stdin;
    int k = kind_of(path);
    if (k == PLAIN) return fopen(path, "rb");
    zin *z = calloc(1, sizeof *z);
    if (!z) return NULL;
    cookie_io_functions_t io = {.read = k == GZ ? gz_read : zst_read, .close = zin_close};
    if (k == GZ) {
        z->g = gzopen(path, "rb");
        if (!z->g) goto fail;
        gzbuffer(z->g, 1u << 17);
    } else {
        z->raw = fopen(path, "rb");
        if (!z->raw) goto fail;
        z->d = ZSTD_createDCtx();
        z->ibuf = malloc(ZSTD_DStreamInSize());
        if (!z->d || !z->ibuf) goto fail;
        z->in.src = z->ibuf;
    }
    FILE *f = fopencookie(z, "rb", io);
    if (f) return f;
fail:;
    int e = errno ? errno : ENOMEM;
    zin_close(z);
    errno = e;
    return NULL;
}

/* ---- writing ---------------------------------------------------------------------------- */

typedef struct zout {
    gzFile g;  /* GZ */
    FILE *raw; /* ZST */
    ZSTD_CCtx *c;
    char *obuf;
    size_t ocap;
    int failed;
    char *tmp, *final; /* resume of a compressed file: rename tmp over final when closed */
} zout;

static ssize_t gz_write(void *ck, const char *buf, size_t size)
{
    zout *z = ck;
    size_t done = 0;
    while (done < size) { /* gzwrite takes an unsigned count */
        size_t n = size - done > (1u << 30) ? (1u << 30) : size - done;
        int w = gzwrite(z->g, buf + done, (unsigned)n);
        if (w <= 0) {
            z->failed = 1;
            errno = EIO;
            return done ? (ssize_t)done : -1;
        }
        done += (size_t)w;
    }
    return (ssize_t)size;
}

/* Run the compressor over in (may be empty) with the given directive, writing what it emits. */
static int zst_pump(zout *z, ZSTD_inBuffer *in, ZSTD_EndDirective mode)
{
    for (;;) {
        ZSTD_outBuffer out = {z->obuf, z->ocap, 0};
        size_t left = ZSTD_compressStream2(z->c, &out, in, mode);
        if (ZSTD_isError(left)) return -1;
        if (out.pos && fwrite(z->obuf, 1, out.pos, z->raw) != out.pos) return -1;
        if (mode == ZSTD_e_continue ? in->pos == in->size : left == 0) return 0;
    }
}

static ssize_t zst_write(void *ck, const char *buf, size_t size)
{
    zout *z = ck;
    ZSTD_inBuffer in = {buf, size, 0};
    if (zst_pump(z, &in, ZSTD_e_continue) != 0) {
        z->failed = 1;
        errno = EIO;
        return -1;
    }
    return (ssize_t)size;
}

static void zout_free(zout *z)
{
    ZSTD_freeCCtx(z->c);
    free(z->obuf);
    free(z->tmp);
    free(z->final);
    free(z);
}

static int zout_close(void *ck)
{
    zout *z = ck;
    int ok = !z->failed;
    if (z->g) ok = gzclose_w(z->g) == Z_OK && ok;
    if (z->raw) {
        ZSTD_inBuffer none = {NULL, 0, 0};
        if (ok) ok = zst_pump(z, &none, ZSTD_e_end) == 0;
        ok = fclose(z->raw) == 0 && ok;
    }
    /* the rewritten file replaces the old one only when complete; after a failure the old one
     * stays, still a good start to resume from */
    if (z->tmp && (ok ? rename(z->tmp, z->final) != 0 : unlink(z->tmp) != 0)) ok = 0;
    zout_free(z);
    return ok ? 0 : EOF;
}

/* A compressing writer on file; when final is given, fclose() renames file to final. */
static FILE *open_zout(const char *file, int k, const char *final, zout **zp)
{
    zout *z = calloc(1, sizeof *z);
    if (!z) return NULL;
    cookie_io_functions_t io = {.write = k == GZ ? gz_write : zst_write, .close = zout_close};
    if (final) {
        z->tmp = strdup(file);
        z->final = strdup(final);
        if (!z->tmp || !z->final) goto fail;
    }
    if (k == GZ) {
        z->g = gzopen(file, "wb6");
        if (!z->g) goto fail;
        gzbuffer(z->g, 1u << 15); /* what reaches the disk before a kill is what a resume keeps */
    } else {
        z->raw = fopen(file, "wb");
        if (!z->raw) goto fail;
        z->c = ZSTD_createCCtx();
        z->ocap = ZSTD_CStreamOutSize();
        z->obuf = malloc(z->ocap);
        if (!z->c || !z->obuf) goto fail;
        ZSTD_CCtx_setParameter(z->c, ZSTD_c_compressionLevel, 3);
    }
    FILE *f = fopencookie(z, "wb", io);
    if (zp) *zp = z;
    if (f) return f;
fail:;
    int e = errno ? errno : ENOMEM;
    if (z->g) gzclose_w(z->g);
    if (z->raw) fclose(z->raw);
    zout_free(z);
    errno = e;
    return NULL;
}

FILE *batch_open_out(const char *path)
{
    if (!path || strcmp(path, "-") == 0) return stdout;
    int k = kind_of(path);
    if (k == PLAIN) return fopen(path, "wb");
    return open_zout(path, k, NULL, NULL);
}

/* ---- resume ----------------------------------------------------------------------------- */

/* A line an uninterrupted run could have written: one JSON object. A line of NUL bytes (what
 * some file systems leave after a power loss) or any other damage ends the kept part. */
static int good_line(const char *p, size_t n)
{
    return n >= 3 && p[n - 1] == '\n' && p[0] == '{' && p[n - 2] == '}';
}

static int is_error_record(const char *p, size_t n)
{
    static const char ok[] = "{\"version\"";
    return n < sizeof ok - 1 || memcmp(p, ok, sizeof ok - 1) != 0;
}

/* Read the complete good lines of in; each is passed to copy (when not NULL). *kept gets the
 * bytes of the kept lines, r->dropped what followed them. */
static int scan(FILE *in, FILE *copy, batch_resume *r, long long *kept)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long long good = 0, total = 0;
    int stop = 0;
    while ((n = getline(&line, &cap, in)) > 0) {
        total += n;
        if (stop || !good_line(line, (size_t)n)) {
            stop = 1;
            continue;
        }
        if (copy && fwrite(line, 1, (size_t)n, copy) != (size_t)n) {
            free(line);
            return -1;
        }
        good += n;
        r->records++;
        if (is_error_record(line, (size_t)n)) r->errors++;
    }
    free(line);
    /* a compressed file cut by the kill ends in an error: what was decoded before it counts */
    r->dropped = (size_t)(total - good);
    *kept = good;
    return 0;
}

FILE *batch_open_resume(const char *path, batch_resume *r, const char **msg)
{
    memset(r, 0, sizeof *r);
    struct stat sb;
    *msg = "open";
    if (stat(path, &sb) != 0) {
        if (errno != ENOENT) return NULL;
        return batch_open_out(path); /* nothing to resume: a fresh run */
    }
    int k = kind_of(path);
    long long kept = 0;
    if (k == PLAIN) {
        FILE *f = fopen(path, "r+b");
        if (!f) return NULL;
        *msg = "read";
        if (scan(f, NULL, r, &kept) != 0 || ferror(f)) goto fail_plain;
        *msg = "truncate";
        if (ftruncate(fileno(f), (off_t)kept) != 0 || fseeko(f, (off_t)kept, SEEK_SET) != 0)
            goto fail_plain;
        return f;
    fail_plain:;
        int e = errno;
        fclose(f);
        errno = e;
        return NULL;
    }
    FILE *in = batch_open_in(path);
    if (!in) return NULL;
    size_t tn = strlen(path) + sizeof ".partial";
    char *tmp = malloc(tn);
    FILE *out = NULL;
    zout *z = NULL;
    if (tmp) {
        snprintf(tmp, tn, "%s.partial", path);
        *msg = "create";
        out = open_zout(tmp, k, path, &z);
    }
    *msg = "rewrite";
    if (out && scan(in, out, r, &kept) != 0) {
        z->failed = 1; /* fclose keeps the old file */
        fclose(out);
        out = NULL;
    }
    int e = errno;
    fclose(in);
    free(tmp);
    errno = e;
    return out;
}
