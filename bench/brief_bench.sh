#!/bin/sh
# brief_bench.sh - what the story brief costs next to a summary: `newsfuse brief --format json`
# against `newsfuse summarize --algo lexrank` on the same clusters, one process per cluster for
# both (JSON parsing, the shared analysis, and the output included). Clusters: every record of
# ../shared/data/dev/duc2007.jsonl (23 clusters of 25 documents), or, when it is absent, the
# invented clusters of the repo (examples/harbor-fire, tests/fixtures/clusters/*).
# Usage: sh bench/brief_bench.sh [NEWSFUSE_BINARY|BUILD_DIR] [SHARED_DIR]
# Prints Markdown: the best of TRIALS (default 7) timed passes over all clusters for each
# command, alternated so that machine load hits both alike, and the ratio brief / lexrank (at
# most 1 is the target). Needs GNU date (+%N).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build}
SHARED=${2:-${NF_SHARED_DIR:-$ROOT/../shared}}
TRIALS=${TRIALS:-7}
if [ -d "$BIN" ]; then BIN=$BIN/newsfuse; fi
NF=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
[ -x "$NF" ] || { echo "brief_bench: no newsfuse binary at $NF" >&2; exit 1; }
case $(date +%N) in *N*) echo "brief_bench: needs GNU date (+%N)" >&2; exit 1 ;; esac

TMP=$(mktemp -d "${TMPDIR:-/tmp}/brief_bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
DATA=$SHARED/data/dev/duc2007.jsonl
if [ -f "$DATA" ]; then
    # one JSON record per file: the CLI reads a .json input as one cluster
    awk -v dir="$TMP" '{ f = sprintf("%s/%03d.json", dir, NR); print > f; close(f) }' "$DATA"
    SET="DUC 2007 ($DATA)"
    INPUTS=$(ls "$TMP"/*.json)
else
    SET="the repo's invented clusters (../shared/data/dev/duc2007.jsonl is absent)"
    INPUTS="$ROOT/examples/harbor-fire $(ls -d "$ROOT"/tests/fixtures/clusters/*)"
fi
N=$(echo "$INPUTS" | wc -w)

ns() { date +%s%N; }
pass() { # pass CMD...: one timed pass over all clusters, in nanoseconds
    t0=$(ns)
    for in in $INPUTS; do "$NF" "$@" "$in" > /dev/null; done
    t1=$(ns)
    echo $((t1 - t0))
}

best_b="" best_l=""
i=0
while [ "$i" -lt "$TRIALS" ]; do
    b=$(pass brief --format json)
    l=$(pass summarize --algo lexrank)
    if [ -z "$best_b" ] || [ "$b" -lt "$best_b" ]; then best_b=$b; fi
    if [ -z "$best_l" ] || [ "$l" -lt "$best_l" ]; then best_l=$l; fi
    i=$((i + 1))
done

awk -v b="$best_b" -v l="$best_l" -v n="$N" -v set="$SET" -v t="$TRIALS" 'BEGIN {
    printf "Story brief vs LexRank summary on %s: %d clusters, best of %d passes.\n\n", set, n, t
    printf "| command | seconds | ms per cluster |\n|---|---|---|\n"
    printf "| `newsfuse brief --format json` | %.3f | %.2f |\n", b / 1e9, b / 1e6 / n
    printf "| `newsfuse summarize --algo lexrank` | %.3f | %.2f |\n", l / 1e9, l / 1e6 / n
    printf "\nratio brief / lexrank: %.3f (target: at most 1)\n", b / l
}'

# Wall time on a shared 2-core machine moves by a few percent between passes; instruction counts
# (callgrind) do not, so they settle the comparison. The first 5 clusters, whole process each.
if command -v valgrind >/dev/null 2>&1; then
    ib=0
    il=0
    for in in $(echo "$INPUTS" | head -n 5); do
        for mode in b l; do
            out=$TMP/cg.$mode
            if [ $mode = b ]; then set -- brief --format json; else set -- summarize --algo lexrank; fi
            valgrind --tool=callgrind --callgrind-out-file="$out" "$NF" "$@" "$in" >/dev/null 2>&1
            ir=$(grep '^summary:' "$out" | awk '{print $2}')
            if [ $mode = b ]; then ib=$((ib + ir)); else il=$((il + ir)); fi
        done
    done
    awk -v b="$ib" -v l="$il" 'BEGIN {
        printf "\nInstructions (callgrind, first 5 clusters, whole process): brief %.1f M, lexrank %.1f M, ratio %.3f\n",
            b / 1e6, l / 1e6, b / l }'
fi

# The extraction itself, in one process after the shared analysis (what issue 6 compares): the
# brief_cost helper is built next to newsfuse.
BC=$(dirname "$NF")/brief_cost
if [ -x "$BC" ] && [ -f "$DATA" ]; then
    echo
    "$BC" "$DATA" 5
fi
