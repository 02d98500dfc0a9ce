/* server.c - newsfuse-server: the HTTP service (libmicrohttpd) over handler.c. One nf_ctx per
 * worker thread; request bodies are capped; SIGINT/SIGTERM stop it cleanly. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "handler.h"

static srv_config g_cfg;
static pthread_key_t g_ctx_key;
static volatile sig_atomic_t g_stop;

static void on_signal(int sig)
{
    (void)sig;
    g_stop = 1;
}

static void free_ctx(void *p) { nf_ctx_free(p); }

static nf_ctx *thread_ctx(void)
{
    nf_ctx *ctx = pthread_getspecific(g_ctx_key);
    if (!ctx && nf_ctx_new("english", NULL, &ctx, NULL) == NF_OK) pthread_setspecific(g_ctx_key, ctx);
    return ctx;
}

typedef struct upload {
    char *p;
    size_t n, cap;
    int too_big;
} upload;

static enum MHD_Result respond(struct MHD_Connection *con, int status, const char *type, char *body,
                            size_t len)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    enum MHD_Result ret = MHD_queue_response(con, (unsigned)status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url,
                                  const char *method, const char *version, const char *data,
                                  size_t *data_size, void **con_cls)
{
    (void)cls;
    (void)version;
    upload *u = *con_cls;
    if (!u) {
        u = calloc(1, sizeof *u);
        if (!u) return MHD_NO;
        *con_cls = u;
        return MHD_YES;
    }
    if (*data_size) {
        if (u->n + *data_size > g_cfg.max_body) {
            u->too_big = 1;
        } else {
            if (u->n + *data_size + 1 > u->cap) {
                size_t nc = u->cap ? u->cap : 65536;
                while (nc < u->n + *data_size + 1) nc *= 2;
                char *np = realloc(u->p, nc);
                if (!np) return MHD_NO;
                u->p = np;
                u->cap = nc;
            }
            memcpy(u->p + u->n, data, *data_size);
            u->n += *data_size;
        }
        *data_size = 0;
        return MHD_YES;
    }
    srv_response r;
    nf_ctx *ctx = thread_ctx();
    if (u->too_big) {
        const char *msg = "{\"error\":\"request body too large\",\"code\":8}\n";
        return respond(con, 413, "application/json", strdup(msg), strlen(msg));
    }
    const char *ct = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Type");
    if (!ctx || srv_handle(ctx, &g_cfg, method, url, ct, u->p, u->n, &r) != 0) {
        const char *msg = "{\"error\":\"out of memory\",\"code\":1}\n";
        return respond(con, 500, "application/json", strdup(msg), strlen(msg));
    }
    return respond(con, r.status, r.content_type, r.body, r.len);
}

static void on_done(void *cls, struct MHD_Connection *con, void **con_cls,
                    enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)con;
    (void)toe;
    upload *u = *con_cls;
    if (u) {
        free(u->p);
        free(u);
        *con_cls = NULL;
    }
}

static void usage(FILE *f)
{
    fprintf(f, "usage: newsfuse-server [--bind ADDR] [--port N] [--threads N] [--max-body BYTES]\n"
               "Serves the web page on / and the JSON API on /api/summarize (see README).\n");
}

int main(int argc, char **argv)
{
    const char *bind_addr = "127.0.0.1";
    unsigned long port = 8080, threads = 2;
    srv_config_init(&g_cfg);
    for (int i = 1; i < argc; i++) {
        char *end = NULL;
        if (strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--bind") == 0 && i + 1 < argc) {
            bind_addr = argv[++i];
        } else if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
            port = strtoul(argv[++i], &end, 10);
            if (*end || port > 65535) return usage(stderr), 2;
        } else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
            threads = strtoul(argv[++i], &end, 10);
            if (*end || threads < 1 || threads > 256) return usage(stderr), 2;
        } else if (strcmp(argv[i], "--max-body") == 0 && i + 1 < argc) {
            g_cfg.max_body = strtoul(argv[++i], &end, 10);
            if (*end || !g_cfg.max_body) return usage(stderr), 2;
        } else {
            usage(stderr);
            return 2;
        }
    }
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, bind_addr, &sa.sin_addr) != 1) {
        fprintf(stderr, "newsfuse-server: --bind needs an IPv4 address\n");
        return 2;
    }
    pthread_key_create(&g_ctx_key, free_ctx);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL,
        on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)threads, MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL,
        MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(1 << 20),
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "newsfuse-server: cannot listen on %s:%lu\n", bind_addr, port);
        return 1;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    fprintf(stderr, "newsfuse-server: listening on http://%s:%lu/ (%lu threads)\n", bind_addr,
            port, threads);
    while (!g_stop) pause();
    MHD_stop_daemon(d);
    fprintf(stderr, "newsfuse-server: stopped\n");
    return 0;
}
