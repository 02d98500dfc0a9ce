/* status.c - status codes, messages, version. */
#include "core.h"

#include <stdarg.h>
#include <stdio.h>

const char *nf_version(void) { return NF_VERSION_STRING; }

const char *nf_strerror(nf_status s)
{
    switch (s) {
    case NF_OK: return "ok";
    case NF_ENOMEM: return "out of memory";
    case NF_EINVAL: return "invalid argument";
    case NF_EUTF8: return "invalid UTF-8";
    case NF_EEMPTY: return "empty input";
    case NF_EBINARY: return "binary input";
    case NF_EJSON: return "malformed JSON";
    case NF_EIO: return "input/output error";
    case NF_ETOOBIG: return "input too large";
    case NF_ELANG: return "unknown language";
    case NF_EHTML: return "HTML parse error";
    case NF_ESOLVER: return "solver failure";
    case NF_EINTERNAL: return "internal error";
    }
    return "unknown error";
}

nf_status nf__fail(nf_error *err, nf_status code, long doc, long line, long long pos,
                   const char *fmt, ...)
{
    if (err) {
        err->code = code;
        err->doc = doc;
        err->line = line;
        err->byte_pos = pos;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}
