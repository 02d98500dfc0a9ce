/* metrics.c - request counters for GET /metrics in the Prometheus text format (version 0.0.4):
 * requests and errors by route and status, a latency histogram by route, bytes in and out, requests
 * in flight, and the process's resident memory. One mutex: a request touches it twice, for a few
 * additions, which costs nothing next to summarizing. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "handler.h"

/* The statuses the service answers with; anything else (and a connection closed before its
 * response) counts under the last slot, labelled "other". */
static const int statuses[] = {200, 400, 404, 405, 413, 415, 500, 503};
#define NSTATUS (sizeof statuses / sizeof statuses[0] + 1)
static const double buckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                 0.25,  0.5,    1,     2.5,  5,     10};
#define NBUCKET (sizeof buckets / sizeof buckets[0])

static struct {
    pthread_mutex_t lock;
    unsigned long long requests[SRV_ROUTES][NSTATUS];
    unsigned long long hist[SRV_ROUTES][NBUCKET]; /* not cumulative: the render adds them up */
    unsigned long long count[SRV_ROUTES];
    double seconds[SRV_ROUTES];
    unsigned long long bytes_in[SRV_ROUTES], bytes_out[SRV_ROUTES];
    long in_flight;
    time_t started;
} m = {PTHREAD_MUTEX_INITIALIZER, {{0}}, {{0}}, {0}, {0}, {0}, {0}, 0, 0};

void srv_metrics_init(void)
{
    pthread_mutex_lock(&m.lock);
    m.started = time(NULL);
    pthread_mutex_unlock(&m.lock);
}

void srv_metrics_start(void)
{
    pthread_mutex_lock(&m.lock);
    m.in_flight++;
    pthread_mutex_unlock(&m.lock);
}

void srv_metrics_done(srv_route route, int status, double seconds, size_t bytes_in,
                      size_t bytes_out)
{
    if ((unsigned)route >= SRV_ROUTES) route = SRV_UNKNOWN;
    size_t s = 0;
    while (s < NSTATUS - 1 && statuses[s] != status) s++;
    size_t b = 0;
    while (b < NBUCKET && seconds > buckets[b]) b++;
    pthread_mutex_lock(&m.lock);
    m.in_flight--;
    m.requests[route][s]++;
    if (b < NBUCKET) m.hist[route][b]++;
    m.count[route]++;
    m.seconds[route] += seconds;
    m.bytes_in[route] += bytes_in;
    m.bytes_out[route] += bytes_out;
    pthread_mutex_unlock(&m.lock);
}

long srv_metrics_in_flight(void)
{
    pthread_mutex_lock(&m.lock);
    long n = m.in_flight;
    pthread_mutex_unlock(&m.lock);
    return n;
}

typedef struct out {
    char *p;
    size_t n, cap;
    int failed;
} out;

static void put(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(out *o, const char *fmt, ...)
{
    for (;;) {
        if (o->failed) return;
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(o->p ? o->p + o->n : NULL, o->p ? o->cap - o->n : 0, fmt, ap);
        va_end(ap);
        if (k < 0) {
            o->failed = 1;
            return;
        }
        if (o->p && o->n + (size_t)k < o->cap) {
            o->n += (size_t)k;
            return;
        }
        size_t nc = o->cap ? o->cap * 2 : 8192;
        while (nc < o->n + (size_t)k + 1) nc *= 2;
        char *np = realloc(o->p, nc);
        if (!np) {
            o->failed = 1;
            return;
        }
        o->p = np;
        o->cap = nc;
    }
}

static long rss_bytes(void)
{
    long pages = 0, rss = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f) return -1;
    if (fscanf(f, "%ld %ld", &pages, &rss) != 2) rss = -1;
    fclose(f);
    return rss < 0 ? -1 : rss * sysconf(_SC_PAGESIZE);
}

static void render_requests(out *o)
{
    put(o, "# HELP newsfuse_http_requests_total Requests answered, by route and status.\n"
           "# TYPE newsfuse_http_requests_total counter\n");
    for (int r = 0; r < SRV_ROUTES; r++)
        for (size_t s = 0; s < NSTATUS; s++) {
            if (!m.requests[r][s]) continue;
            if (s < NSTATUS - 1)
                put(o, "newsfuse_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
                    srv_route_name((srv_route)r), statuses[s], m.requests[r][s]);
            else
                put(o, "newsfuse_http_requests_total{route=\"%s\",status=\"other\"} %llu\n",
                    srv_route_name((srv_route)r), m.requests[r][s]);
        }
    put(o,
        "# HELP newsfuse_http_errors_total Requests answered with a 4xx or 5xx status (or none), "
        "by route and status.\n# TYPE newsfuse_http_errors_total counter\n");
    for (int r = 0; r < SRV_ROUTES; r++)
        for (size_t s = 1; s < NSTATUS; s++) {
            if (!m.requests[r][s]) continue;
            char st[8];
            if (s < NSTATUS - 1)
                snprintf(st, sizeof st, "%d", statuses[s]);
            else
                snprintf(st, sizeof st, "other");
            put(o, "newsfuse_http_errors_total{route=\"%s\",status=\"%s\"} %llu\n",
                srv_route_name((srv_route)r), st, m.requests[r][s]);
        }
}

static void render_latency(out *o)
{
    put(o, "# HELP newsfuse_http_request_duration_seconds Time from the request's headers to the "
           "end of its response.\n# TYPE newsfuse_http_request_duration_seconds histogram\n");
    for (int r = 0; r < SRV_ROUTES; r++) {
        if (!m.count[r]) continue;
        const char *name = srv_route_name((srv_route)r);
        unsigned long long cum = 0;
        for (size_t b = 0; b < NBUCKET; b++) {
            cum += m.hist[r][b];
            put(o, "newsfuse_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
                name, buckets[b], cum);
        }
        put(o,
            "newsfuse_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n"
            "newsfuse_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
            "newsfuse_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
            name, m.count[r], name, m.seconds[r], name, m.count[r]);
    }
}

int srv_metrics_render(srv_response *r)
{
    out o = {NULL, 0, 0, 0};
    pthread_mutex_lock(&m.lock);
    render_requests(&o);
    render_latency(&o);
    put(&o, "# HELP newsfuse_http_request_bytes_total Request body bytes received, by route.\n"
            "# TYPE newsfuse_http_request_bytes_total counter\n");
    for (int k = 0; k < SRV_ROUTES; k++)
        if (m.count[k])
            put(&o, "newsfuse_http_request_bytes_total{route=\"%s\"} %llu\n",
                srv_route_name((srv_route)k), m.bytes_in[k]);
    put(&o, "# HELP newsfuse_http_response_bytes_total Response body bytes sent, by route.\n"
            "# TYPE newsfuse_http_response_bytes_total counter\n");
    for (int k = 0; k < SRV_ROUTES; k++)
        if (m.count[k])
            put(&o, "newsfuse_http_response_bytes_total{route=\"%s\"} %llu\n",
                srv_route_name((srv_route)k), m.bytes_out[k]);
    /* this request itself is in flight */
    put(&o,
        "# HELP newsfuse_http_requests_in_flight Requests received and not yet answered.\n"
        "# TYPE newsfuse_http_requests_in_flight gauge\nnewsfuse_http_requests_in_flight %ld\n",
        m.in_flight);
    put(&o,
        "# HELP newsfuse_process_start_time_seconds Unix time the server started.\n"
        "# TYPE newsfuse_process_start_time_seconds gauge\n"
        "newsfuse_process_start_time_seconds %lld\n",
        (long long)m.started);
    pthread_mutex_unlock(&m.lock);
    put(&o,
        "# HELP newsfuse_process_resident_memory_bytes Resident set size.\n"
        "# TYPE newsfuse_process_resident_memory_bytes gauge\n"
        "newsfuse_process_resident_memory_bytes %ld\n",
        rss_bytes());
    put(&o,
        "# HELP newsfuse_build_info The library version.\n# TYPE newsfuse_build_info gauge\n"
        "newsfuse_build_info{version=\"%s\"} 1\n",
        nf_version());
    if (o.failed) {
        free(o.p);
        return srv_json_error(r, 500, NF_ENOMEM, "out of memory");
    }
    int rc = srv_set(r, 200, "text/plain; version=0.0.4; charset=utf-8", o.p, o.n);
    free(o.p);
    return rc;
}
