#!/bin/sh
# rouge_bench.sh - time `newsfuse rouge` on the three peer systems of ../shared/rouge-vectors with
# option set a (DUC 2004 style) and compare with the official ROUGE-1.5.5.pl, which the vectors'
# README measured at about 0.9 s per system (Perl start-up included) on a 2-core machine like ours.
# Usage: bench/rouge_bench.sh [BUILD_DIR|NEWSFUSE_BINARY] [SHARED_DIR]
# Prints a Markdown section; exits 0 without timing when the vectors are absent.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
SHARED=${2:-${NF_SHARED_DIR:-$ROOT/../shared}}
if [ -d "$BUILD" ]; then
    NF=$(cd "$BUILD" && pwd)/newsfuse
else
    NF=$(cd "$(dirname "$BUILD")" && pwd)/$(basename "$BUILD")
fi
VEC=$SHARED/rouge-vectors
OFFICIAL=0.9 # seconds per system, from rouge-vectors/README.md
if [ ! -d "$VEC" ]; then
    echo "rouge_bench: $VEC is absent; skipped"
    exit 0
fi
[ -x "$NF" ] || { echo "rouge_bench: no newsfuse binary at $NF" >&2; exit 1; }
ARGS=$(awk -F'\t' '$1 == "a_duc2004_l100" { print $2 }' "$VEC/outputs/commands.tsv")
now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | awk '{ printf "%.4f", $1 - $3 }'; }
cd "$VEC"
echo "## ROUGE: \`newsfuse rouge\` against the official ROUGE-1.5.5.pl"
echo
echo "Option set a (\`$ARGS\`), 30 clusters x 4 references per system, best of 3 runs of the whole"
echo "process. The official script's time is the one measured in rouge-vectors/README.md."
echo
echo "| system | newsfuse s | ROUGE-1.5.5.pl s | speed-up | output identical |"
echo "|---|---|---|---|---|"
total=0
for sys in baseline-lead sumy-lex-rank pku-submodular; do
    best=""
    for _ in 1 2 3; do
        a=$(now)
        # shellcheck disable=SC2086
        "$NF" rouge $ARGS "configs/$sys.xml" >/tmp/rouge_bench.$$ 2>/dev/null
        b=$(now)
        t=$(elapsed "$a" "$b")
        if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$t; fi
    done
    same=no
    cmp -s /tmp/rouge_bench.$$ "outputs/a_duc2004_l100/raw/$sys.out" && same=yes
    rm -f /tmp/rouge_bench.$$
    total=$(awk -v a="$total" -v b="$best" 'BEGIN { printf "%.4f", a + b }')
    ratio=$(awk -v o="$OFFICIAL" -v t="$best" 'BEGIN { printf "%.0fx", o / t }')
    echo "| $sys | $best | $OFFICIAL | $ratio | $same |"
done
all=$(awk -v o="$OFFICIAL" 'BEGIN { printf "%.1f", 3 * o }')
ratio=$(awk -v o="$all" -v t="$total" 'BEGIN { printf "%.0fx", o / t }')
echo "| all three | $total | $all | $ratio | |"
