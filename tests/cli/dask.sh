#!/bin/sh
# examples/dask: a LocalCluster of 2 worker processes on 127.0.0.1 summarizes partitioned JSONL
# (generated, and ../shared/data/dev/duc2007.jsonl when present); the merged output must equal
# one-process `newsfuse batch`. Skipped (77) with a message without python3, pytest or Dask.
NF=$1
SRC=$2
SHARED=$3
if [ -n "${NF_SANITIZED:-}" ]; then
    # an ASan libnewsfuse.so cannot be loaded into an uninstrumented python3
    echo "SKIP: sanitizer build"; exit 77
fi
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3 || true)
if [ -z "$PY" ]; then echo "SKIP dask: no python3"; exit 77; fi
for m in pytest distributed; do
    if ! "$PY" -c "import $m" 2>/dev/null; then
        echo "SKIP dask: no $m for $PY (Debian: python3-pytest, python3-distributed)"; exit 77
    fi
done
LIBDIR=$(cd "$(dirname "$NF")" && pwd)
SRC=$(cd "$SRC" && pwd)
SHARED=$(cd "$SHARED" 2>/dev/null && pwd || echo "$SHARED")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export NEWSFUSE_CLI="$LIBDIR/$(basename "$NF")" NEWSFUSE_SRC="$SRC" NEWSFUSE_SHARED="$SHARED"
export NEWSFUSE_LIB="$LIBDIR/libnewsfuse.so"
export PYTHONPATH="$SRC/bindings/python:$SRC/examples/dask"
cd "$T" || exit 1
exec "$PY" -m pytest -q -rs -W ignore::DeprecationWarning -p no:cacheprovider "$SRC/examples/dask/test_dask.py"
