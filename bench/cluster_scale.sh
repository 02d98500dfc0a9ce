#!/bin/sh
# Story clustering at scale: synthetic streams of 10 k, 100 k and 1 M articles (bench/gen_stream:
# 10,000 articles a day, 40 % noise, power-law story sizes, 10 % syndicated copies) through
# `newsfuse cluster --window 3d`: elapsed seconds, articles/s, peak RSS, and the growth of the time
# per doubling of the stream. Replaces the "Story clustering at scale" section of bench/RESULTS.md
# (everything else in that file is left as it is).
#   bench/cluster_scale.sh [BUILD_DIR] [SIZES]     e.g. bench/cluster_scale.sh build "10000 100000"
# One run per size: the 1 M run takes minutes on a shared 2-core machine.
set -eu
BUILD=${1:-build}
SIZES=${2:-"10000 100000 1000000"}
cd "$(dirname "$0")/.."
NF=$BUILD/newsfuse
GEN=$BUILD/gen_stream
OUT=bench/RESULTS.md
[ -x "$GEN" ] || { echo "build first: $GEN is missing" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
SCORER=../shared/data/cluster-dev/score_clusters.py
rows=""
prev_n=""
prev_t=""
for n in $SIZES; do
    "$GEN" "$n" >"$T/s.jsonl"
    mb=$(du -m "$T/s.jsonl" | cut -f1)
    /usr/bin/time -f "%e %M" -o "$T/time" "$NF" cluster --window 3d "$T/s.jsonl" -o "$T/o.jsonl" 2>"$T/err"
    read -r secs rss <"$T/time"
    aps=$(echo "$n / $secs" | bc)
    growth="-"
    if [ -n "$prev_n" ]; then # per doubling: (t2/t1)^(1/log2(n2/n1))
        growth=$(echo "e(l($secs / $prev_t) / (l($n / $prev_n) / l(2)))" | bc -l | xargs printf "%.2f")
    fi
    score="-"
    if [ -f "$SCORER" ] && [ "$n" -le 100000 ]; then
        score=$(python3 "$SCORER" "$T/s.jsonl" "$T/o.jsonl" | awk '/^B-cubed/ {print $NF}')
    fi
    stories=$(sed -n 's/.* \([0-9]*\) stories$/\1/p' "$T/err")
    rows="$rows| $n | $mb | $secs | $aps | $((rss / 1024)) | $growth | $stories | $score |
"
    echo "$n articles: $secs s, $aps articles/s, peak RSS $((rss / 1024)) MiB, per doubling x$growth" >&2
    prev_n=$n
    prev_t=$secs
done
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //' || echo unknown)
{
    echo "## Story clustering at scale"
    echo
    echo "Written by bench/cluster_scale.sh on $(date -u '+%Y-%m-%d %H:%M UTC'); $cpu, $(nproc) cores (shared"
    echo "with other work: one run per size, so expect +-20 %). \`newsfuse cluster --window 3d STREAM -o FILE\`"
    echo "on synthetic streams from bench/gen_stream (10,000 articles a day, 40 % noise articles, story"
    echo "sizes 2-80 from a power law, arrival spread over hours to days, 10 % syndicated copies). Time"
    echo "and peak RSS are the whole process (/usr/bin/time); \"per doubling\" is the time growth per"
    echo "doubling of the stream from the previous row (target: at most 2.2). B-cubed F1 against the"
    echo "generator's labels (synthetic stories are easy: it checks that nothing breaks at scale, not"
    echo "quality; see bench/QUALITY.md for that)."
    echo
    echo "| articles | MB | seconds | articles/s | peak RSS MiB | per doubling | stories | B-cubed F1 |"
    echo "|---|---|---|---|---|---|---|---|"
    printf "%s" "$rows"
    echo
    echo "The window holds about three days of articles (30,000 at this rate), so memory stops growing"
    echo "once the stream is longer than the window: the 100 k and 1 M rows hold the same window."
} >"$T/section"
if [ -f "$OUT" ] && grep -q '^## Story clustering at scale' "$OUT"; then
    awk -v sec="$T/section" '
        /^## Story clustering at scale/ { while ((getline l < sec) > 0) print l; skip = 1; next }
        skip && /^## / { skip = 0 }
        !skip { print }' "$OUT" >"$T/new"
    cp "$T/new" "$OUT"
else
    { echo; cat "$T/section"; } >>"$OUT"
fi
echo "wrote the section to $OUT" >&2
