#!/bin/sh
# The HTTP service under load: wrk on loopback against /v1/summarize and /v1/brief with the bundled
# example (GET /v1/example, examples/harbor-fire), SECONDS (default 60) at 50 and then 200
# connections, the server's resident memory before, between and after the runs. Prints a Markdown
# section (scripts/bench puts it in bench/RESULTS.md). Runnable alone:
#   sh bench/server_bench.sh build [SECONDS]
# Needs wrk (scripts/install-deps --with-bench); says so and prints nothing else when it is absent.
set -eu
BUILD=${1:-build}
SECS=${2:-60}
DIR=$(cd "$(dirname "$0")" && pwd)
SRV=$BUILD/newsfuse-server
THREADS=${NF_SERVER_THREADS:-2}
if ! command -v wrk >/dev/null 2>&1; then
    echo "(wrk is not installed: the HTTP service benchmark was skipped; scripts/install-deps --with-bench.)"
    exit 0
fi
[ -x "$SRV" ] || { echo "(newsfuse-server was not built: the HTTP service benchmark was skipped.)"; exit 0; }
TMP=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$TMP"' EXIT
for try in 1 2 3 4 5; do
    PORT=$((30000 + ($$ + try * 211) % 20000))
    "$SRV" --port "$PORT" --threads "$THREADS" --quiet 2>"$TMP/log" &
    PID=$!
    i=0
    while [ $i -lt 50 ] && ! curl -s -o "$TMP/ex.json" "http://127.0.0.1:$PORT/v1/example" 2>/dev/null; do
        i=$((i + 1)); sleep 0.1
    done
    [ -s "$TMP/ex.json" ] && break
    kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; PID=
done
[ -n "$PID" ] || { echo "(the server did not start: $(cat "$TMP/log"))"; exit 1; }
rss() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$PID/status"; }
hwm() { awk '/^VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$PID/status"; }
# one warm-up pass so "before" is the memory of a server that has answered (contexts built)
NF_BODY=$TMP/ex.json wrk -t1 -c2 -d2s -s "$DIR/server_wrk.lua" "http://127.0.0.1:$PORT/v1/brief" >/dev/null
rss0=$(rss)
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //' || echo unknown)
echo "Written by bench/server_bench.sh on $(date -u '+%Y-%m-%d %H:%M UTC'); $cpu, $(nproc) cores; load average"
echo "at the start $(cut -d' ' -f1-3 /proc/loadavg). \`newsfuse-server --threads $THREADS\`, wrk 2 threads on the same machine"
echo "(both share the cores), ${SECS} s per row, 2 s timeout; the body is \`GET /v1/example\` (5 reports,"
echo "$(wc -c <"$TMP/ex.json") bytes, 100 words). RSS is the server's VmRSS after a 2 s warm-up and after each row."
echo
echo "| route | connections | requests | requests/s | p50 ms | p99 ms | socket errors | timeouts | non-2xx | RSS MB after |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for c in 50 200; do
    for route in summarize brief; do
        out=$(NF_BODY=$TMP/ex.json wrk -t2 -c"$c" -d"${SECS}s" --timeout 2s -s "$DIR/server_wrk.lua" \
              "http://127.0.0.1:$PORT/v1/$route")
        echo "$out" | awk -v r="/v1/$route" -v c="$c" -v m="$(rss)" '$1 == "NF" {
            printf "| %s | %d | %d | %.0f | %.1f | %.1f | %d | %d | %d | %s |\n", r, c, $2, $2 / ($3 / 1e6),
                   $4 / 1000, $5 / 1000, $6 + $7 + $8, $10, $9, m }'
    done
done
echo
echo "Server RSS: $rss0 MB after the warm-up, $(rss) MB after the last row (peak $(hwm) MB)."
kill -TERM $PID
wait $PID || echo "(the server exited with status $? on SIGTERM)"
PID=
