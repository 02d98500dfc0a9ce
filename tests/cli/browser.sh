#!/bin/sh
# The web page in headless chromium (tests/browser/page_test.js): upload the bundled example, submit,
# check the summary, conflicts, quotes and the source highlight; screenshots in the build directory.
# Skipped when chromium or node is absent (scripts/install-deps installs both).
# NF_SCREENSHOT=path also copies the desktop screenshot there (docs/server-screenshot.png).
NF=$1
SRC=$2
BUILD=$(cd "$(dirname "$NF")" && pwd)
SRV=$BUILD/newsfuse-server
[ -x "$SRV" ] || { echo "SKIP: newsfuse-server was not built (libmicrohttpd missing)"; exit 77; }
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || { echo "SKIP: chromium is not installed (scripts/install-deps installs it)"; exit 77; }
command -v node >/dev/null || { echo "SKIP: node is not installed (scripts/install-deps installs nodejs)"; exit 77; }
command -v curl >/dev/null || { echo "SKIP: curl is not installed"; exit 77; }
LOG=$(mktemp)
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -f "$LOG"' EXIT
for try in 1 2 3 4 5 6; do
    PORT=$((20000 + ($$ * 13 + try * 173) % 30000))
    "$SRV" --port "$PORT" --threads 2 --quiet 2>"$LOG" &
    PID=$!
    i=0
    while [ $i -lt 50 ] && ! curl -s "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do
        kill -0 $PID 2>/dev/null || break
        i=$((i + 1)); sleep 0.1
    done
    curl -s "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    kill $PID 2>/dev/null; wait $PID 2>/dev/null; PID=
done
[ -n "$PID" ] || { echo "FAIL: server did not start"; cat "$LOG"; exit 1; }
CHROMIUM=$CHROMIUM node "$SRC/tests/browser/page_test.js" "http://127.0.0.1:$PORT/" \
    "$SRC/examples/harbor-fire" "$BUILD" ${NF_SCREENSHOT:+"$NF_SCREENSHOT"}
