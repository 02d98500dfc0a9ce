#!/bin/sh
# The default (auto) against pku-submodular and `wc -w`, side by side in one run: for each dev set
# and the budget the peers were run at, `wc -w`, auto on one thread and auto at the default thread
# count are timed one right after the other (best of N each, whole process: `newsfuse batch`
# reading the JSONL and writing JSON). Prints a Markdown section. Usage: bench/default_bench.sh NF [N]
set -eu
NF=$1
N=${2:-5}
DEV=$(dirname "$0")/../../shared/data/dev
[ -d "$DEV" ] || { echo "(../shared/data/dev is absent: skipped)"; exit 0; }
now() { date +%s.%N; }
best_of() {
    n=$1; shift; best=""; i=0
    while [ "$i" -lt "$n" ]; do
        a=$(now); "$@" >/dev/null 2>&1; b=$(now)
        t=$(echo "$b - $a" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
        i=$((i + 1))
    done
    echo "$best"
}
fmt() { printf "%.${1}f" "$2"; }
echo "pku-submodular's clusters/s are PEERS.md's (whole process, one peer at a time, its own run on a"
echo "2-core machine like this one; 100-word rows from 2026-12-04). newsfuse runs with the peers' settings"
echo "(the set's budget, \`--truncate\`); each row times \`wc -w\`, auto on 1 thread and auto on the"
echo "default threads ($(nproc)) right after one another, best of $N each. Targets: clusters/s >= 100x"
echo "pku-submodular's on one thread, MB/s >= 25 % of \`wc -w\`'s at the default threads."
echo
echo "| set | words | pku-submodular cl/s | auto 1 thread cl/s | ratio | wc -w MB/s | auto $(nproc) threads MB/s | % of wc -w | peak RSS MB |"
echo "|---|---|---|---|---|---|---|---|---|"
for spec in "duc2006 250 3.269" "duc2006 100 2.619" "duc2007 250 2.803" "duc2007 100 3.988" \
            "duc2007-update 100 6.800" "multi-news-val 250 306.680"; do
    set -- $spec
    in=$DEV/$1.jsonl
    [ -f "$in" ] || continue
    n=$(grep -c . "$in")
    mb=$(echo "$(wc -c <"$in") / 1000000" | bc -l)
    twc=$(best_of "$N" wc -w "$in")
    t1=$(best_of "$N" "$NF" batch --threads 1 --truncate --words "$2" "$in" -o /dev/null)
    tn=$(best_of "$N" "$NF" batch --truncate --words "$2" "$in" -o /dev/null)
    rss=$(/usr/bin/time -f %M "$NF" batch --threads 1 --truncate --words "$2" "$in" -o /dev/null 2>&1 | tail -1)
    c1=$(echo "$n / $t1" | bc -l)
    echo "| $1 | $2 | $3 | $(fmt 1 "$c1") | $(fmt 0 "$(echo "$c1 / $3" | bc -l)")x | $(fmt 1 "$(echo "$mb / $twc" | bc -l)") | $(fmt 1 "$(echo "$mb / $tn" | bc -l)") | $(fmt 1 "$(echo "100 * $twc / $tn" | bc -l)") % | $(fmt 1 "$(echo "$rss / 1024" | bc -l)") |"
done
