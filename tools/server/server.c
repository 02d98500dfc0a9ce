/* server.c - newsfuse-server: the HTTP service (libmicrohttpd) over handler.c.
 *
 * Threading: a pool of --threads event loops (epoll), each with its own nf_ctx, share the listening
 * socket; a request is summarized on the loop that read it. Per-connection memory is MHD's small
 * default pool plus the request body, which is ours and freed when the request ends, so memory does
 * not grow with the number of connections. Requests refused on their headers (unknown route, wrong
 * method or type, a declared Content-Length over --max-body) are answered before the body is read.
 *
 * Shutdown: SIGINT or SIGTERM stops accepting connections, lets the requests in flight finish (up
 * to --drain-seconds; their responses close their connections, so keep-alive clients go away),
 * then closes the rest and exits 0. Signals are taken by sigwait in the main
 * thread only. An access log line per request goes to stderr unless --quiet. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "handler.h"

static srv_config g_cfg;
static pthread_key_t g_ctx_key;
static int g_quiet;
static atomic_int g_draining; /* shutting down: every response closes its connection */

static void free_ctx(void *p) { nf_ctx_free(p); }

static nf_ctx *thread_ctx(void)
{
    nf_ctx *ctx = pthread_getspecific(g_ctx_key);
    if (!ctx && nf_ctx_new("english", NULL, &ctx, NULL) == NF_OK)
        pthread_setspecific(g_ctx_key, ctx);
    return ctx;
}

/* One request, from its headers to the end of its response. */
typedef struct request {
    struct timespec t0;
    srv_route route;
    int status;
    int answered; /* a response is queued: ignore the rest of the body */
    size_t bytes_in, bytes_out;
    char *p; /* the body */
    size_t n, cap;
    int too_big;
    char line[256]; /* "METHOD URL VERSION" for the access log, cut at 255 bytes */
} request;

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static enum MHD_Result respond(struct MHD_Connection *con, request *q, srv_response *r)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(r->body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", r->content_type);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (r->allow) MHD_add_response_header(resp, "Allow", r->allow);
    if (atomic_load(&g_draining)) MHD_add_response_header(resp, "Connection", "close");
    q->status = r->status;
    q->bytes_out = r->len;
    q->answered = 1;
    enum MHD_Result ret = MHD_queue_response(con, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result out_of_memory(struct MHD_Connection *con, request *q)
{
    srv_response r = {500, "application/json", NULL, NULL, 0};
    const char *msg = "{\"error\":\"out of memory\",\"code\":1}\n";
    r.body = strdup(msg);
    if (!r.body) return MHD_NO;
    r.len = strlen(msg);
    return respond(con, q, &r);
}

/* The first call for a request: its headers only. Refuse it now when the headers suffice. */
static enum MHD_Result begin(struct MHD_Connection *con, const char *url, const char *method,
                             const char *version, void **con_cls)
{
    request *q = calloc(1, sizeof *q);
    if (!q) return MHD_NO;
    clock_gettime(CLOCK_MONOTONIC, &q->t0);
    q->route = srv_route_of(url);
    snprintf(q->line, sizeof q->line, "%s %s %s", method, url, version);
    *con_cls = q;
    srv_metrics_start();
    const char *ct = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Type");
    const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Length");
    long long len = -1;
    if (cl) {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(cl, &end, 10);
        len = errno || end == cl || v > (1ULL << 62) ? (1LL << 62) : (long long)v;
    }
    srv_response r;
    int pre = srv_precheck(&g_cfg, method, url, ct, len, &r);
    if (pre < 0) return out_of_memory(con, q);
    if (pre > 0) return respond(con, q, &r);
    return MHD_YES;
}

static enum MHD_Result take_body(request *q, const char *data, size_t *data_size)
{
    q->bytes_in += *data_size;
    if (q->answered || q->too_big) {
        /* a chunked body over the cap: refuse to read on past twice the cap */
        *data_size = 0;
        return q->bytes_in > 2 * g_cfg.max_body + (1u << 20) ? MHD_NO : MHD_YES;
    }
    if (q->n + *data_size > g_cfg.max_body) {
        q->too_big = 1;
        free(q->p);
        q->p = NULL;
        q->n = q->cap = 0;
    } else {
        if (q->n + *data_size + 1 > q->cap) {
            size_t nc = q->cap ? q->cap : 16384;
            while (nc < q->n + *data_size + 1) nc *= 2;
            char *np = realloc(q->p, nc);
            if (!np) return MHD_NO;
            q->p = np;
            q->cap = nc;
        }
        memcpy(q->p + q->n, data, *data_size);
        q->n += *data_size;
    }
    *data_size = 0;
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url,
                                  const char *method, const char *version, const char *data,
                                  size_t *data_size, void **con_cls)
{
    (void)cls;
    request *q = *con_cls;
    if (!q) return begin(con, url, method, version, con_cls);
    if (*data_size) return take_body(q, data, data_size);
    if (q->answered) return MHD_YES;
    srv_response r;
    if (q->too_big) {
        srv_json_error(&r, 413, NF_ETOOBIG, "request body too large");
        return r.body ? respond(con, q, &r) : MHD_NO;
    }
    const char *ct = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Type");
    nf_ctx *ctx = thread_ctx();
    if (!ctx || srv_handle(ctx, &g_cfg, method, url, ct, q->p, q->n, &r) != 0)
        return out_of_memory(con, q);
    free(q->p); /* the body is not needed while the response is sent */
    q->p = NULL;
    q->cap = 0;
    return respond(con, q, &r);
}

static void access_log(struct MHD_Connection *con, const request *q, int status, double secs)
{
    char addr[INET6_ADDRSTRLEN] = "-";
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr,
                  addr, sizeof addr);
    char when[40];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%d/%b/%Y:%H:%M:%S +0000", &tm);
    /* the request line is printed as received: escape what could forge a log line */
    char line[sizeof q->line * 4];
    size_t k = 0;
    for (const char *s = q->line; *s && k + 5 < sizeof line; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f)
            k += (size_t)snprintf(line + k, sizeof line - k, "\\x%02x", c);
        else
            line[k++] = (char)c;
    }
    line[k] = '\0';
    if (status)
        fprintf(stderr, "%s - - [%s] \"%s\" %d %zu %.6f\n", addr, when, line, status, q->bytes_out,
                secs);
    else
        fprintf(stderr, "%s - - [%s] \"%s\" - 0 %.6f\n", addr, when, line, secs);
}

static void on_done(void *cls, struct MHD_Connection *con, void **con_cls,
                    enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    request *q = *con_cls;
    if (!q) return;
    double secs = seconds_since(&q->t0);
    int status = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? q->status : 0;
    srv_metrics_done(q->route, status, secs, q->bytes_in, status ? q->bytes_out : 0);
    if (!g_quiet) access_log(con, q, status, secs);
    free(q->p);
    free(q);
    *con_cls = NULL;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: newsfuse-server [--bind ADDR] [--port N] [--threads N] [--max-body BYTES]\n"
            "                       [--max-connections N] [--drain-seconds N] [--quiet]\n"
            "Serves the web page on / and the JSON API on /v1/summarize and /v1/brief, metrics on\n"
            "/metrics (docs/server.md). SIGINT/SIGTERM: finish the requests in flight, exit 0.\n");
}

static int number(const char *s, unsigned long lo, unsigned long hi, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

typedef struct settings {
    const char *bind_addr;
    unsigned long port, threads, max_conn, drain;
} settings;

/* 0: run; 1: exit 0 (--help, --version); 2: usage error */
static int parse_args(int argc, char **argv, settings *st)
{
    static const struct option opts[] = {{"bind", required_argument, NULL, 'b'},
                                         {"port", required_argument, NULL, 'p'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"max-body", required_argument, NULL, 'm'},
                                         {"max-connections", required_argument, NULL, 'c'},
                                         {"drain-seconds", required_argument, NULL, 'd'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'},
                                         {"version", no_argument, NULL, 'V'},
                                         {NULL, 0, NULL, 0}};
    int c;
    unsigned long v;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "b:p:t:qh", opts, NULL)) != -1) {
        int bad = 0;
        switch (c) {
        case 'b': st->bind_addr = optarg; break;
        case 'p': bad = number(optarg, 0, 65535, &st->port); break;
        case 't': bad = number(optarg, 1, 256, &st->threads); break;
        case 'c': bad = number(optarg, 1, 60000, &st->max_conn); break;
        case 'd': bad = number(optarg, 0, 3600, &st->drain); break;
        case 'm':
            bad = number(optarg, 1, (unsigned long)1 << 31, &v);
            g_cfg.max_body = v;
            break;
        case 'q': g_quiet = 1; break;
        case 'h': usage(stdout); return 1;
        case 'V': printf("newsfuse-server %s\n", nf_version()); return 1;
        default:
            fprintf(stderr, "newsfuse-server: %s: unknown option or missing value\n",
                    argv[optind - 1]);
            usage(stderr);
            return 2;
        }
        if (bad) {
            fprintf(stderr, "newsfuse-server: bad value '%s' for %s\n", optarg, argv[optind - 1]);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "newsfuse-server: unexpected argument '%s'\n", argv[optind]);
        usage(stderr);
        return 2;
    }
    return 0;
}

/* Stop accepting, wait for the requests in flight (at most drain seconds), stop. */
static void drain_and_stop(struct MHD_Daemon *d, unsigned long drain)
{
    atomic_store(&g_draining, 1);
    MHD_socket ls = MHD_quiesce_daemon(d);
    if (ls != MHD_INVALID_SOCKET) close(ls);
    struct timespec t0, tick = {0, 20 * 1000 * 1000};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long left;
    while ((left = srv_metrics_in_flight()) > 0 && seconds_since(&t0) < (double)drain)
        nanosleep(&tick, NULL);
    if (left > 0)
        fprintf(stderr, "newsfuse-server: %ld requests still running after %lu s: closed\n", left,
                drain);
    MHD_stop_daemon(d);
}

int main(int argc, char **argv)
{
    settings st = {"127.0.0.1", 8080, 2, 1000, 30};
    srv_config_init(&g_cfg);
    int a = parse_args(argc, argv, &st);
    if (a) return a == 1 ? 0 : 2;
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)st.port);
    if (inet_pton(AF_INET, st.bind_addr, &sa.sin_addr) != 1) {
        fprintf(stderr, "newsfuse-server: --bind needs an IPv4 address\n");
        return 2;
    }
    /* every thread MHD starts inherits this mask: the signals reach sigwait below only */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    pthread_key_create(&g_ctx_key, free_ctx);
    srv_metrics_init();
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG,
        (uint16_t)st.port, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)st.threads,
        MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)st.max_conn, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)32768, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "newsfuse-server: cannot listen on %s:%lu\n", st.bind_addr, st.port);
        return 1;
    }
    fprintf(stderr, "newsfuse-server: listening on http://%s:%lu/ (%lu threads)\n", st.bind_addr,
            st.port, st.threads);
    int sig = 0;
    while (sigwait(&sigs, &sig) != 0) {
    }
    fprintf(stderr, "newsfuse-server: %s: finishing the requests in flight\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    drain_and_stop(d, st.drain);
    fprintf(stderr, "newsfuse-server: stopped\n");
    return 0;
}
