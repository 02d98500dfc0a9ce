#!/bin/sh
# rouge_bench.sh - how fast `newsfuse rouge` does the work that ../shared/rouge-vectors/README.md
# timed the official ROUGE-1.5.5 Perl script on: option set a (DUC 2004 style), one system's 30
# clusters x 4 references per run, about 0.9 s per system and 2.7 s for the three systems (Perl
# start-up included). Also the same 30 clusters scored 1x, 10x and 100x in one run (a JSONL file
# generated under a temporary directory, ids suffixed) to show the cost per cluster.
# Usage: sh bench/rouge_bench.sh [NEWSFUSE_BINARY|BUILD_DIR] [SHARED_DIR]
# Prints Markdown (scripts/bench puts it under "## ROUGE"); says so and exits 0 when the vectors
# are absent. Needs GNU date (+%N).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build}
SHARED=${2:-${NF_SHARED_DIR:-$ROOT/../shared}}
VEC=$SHARED/rouge-vectors
if [ ! -f "$VEC/outputs/commands.tsv" ]; then
    echo "(\`newsfuse rouge\` benchmark skipped: $VEC is absent.)"
    exit 0
fi
if [ -d "$BIN" ]; then BIN=$BIN/newsfuse; fi
NF=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
[ -x "$NF" ] || { echo "rouge_bench: no newsfuse binary at $NF" >&2; exit 1; }
case $(date +%N) in *N*) echo "rouge_bench: needs GNU date (+%N)" >&2; exit 1 ;; esac

SET=a_duc2004_l100
ARGS=$(awk -F'\t' -v s="$SET" '$1 == s { print $2 }' "$VEC/outputs/commands.tsv")
OFFICIAL_ONE=0.9   # seconds, rouge-vectors/README.md ("How fast the official script is")
OFFICIAL_ALL=2.7
SYSTEMS="baseline-lead sumy-lex-rank pku-submodular"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/rouge_bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
cd "$VEC"

ns() { date +%s%N; }
# best_of TRIALS REPEAT CMD...: the best of TRIALS trials, each timing REPEAT back-to-back runs
# of CMD (output discarded) and dividing by REPEAT, so the timer's own start-up (a date process)
# does not count; seconds, 4 decimals.
best_of() {
    trials=$1 rep=$2
    shift 2
    best=""
    t=0
    while [ "$t" -lt "$trials" ]; do
        a=$(ns)
        k=0
        while [ "$k" -lt "$rep" ]; do
            "$@" >/dev/null 2>&1
            k=$((k + 1))
        done
        b=$(ns)
        d=$(((b - a) / rep))
        if [ -z "$best" ] || [ "$d" -lt "$best" ]; then best=$d; fi
        t=$((t + 1))
    done
    awk -v d="$best" 'BEGIN { printf "%.4f", d / 1e9 }'
}
# the three systems in a row, as three ROUGE runs would be
all_three() {
    for s in $SYSTEMS; do
        # shellcheck disable=SC2086
        "$NF" rouge $ARGS "configs/$s.xml" || return 1
    done
}
words() { cat "$@" | wc -w | tr -d ' '; }
ratio() { awk -v o="$1" -v t="$2" 'BEGIN { printf "%.0fx", o / t }'; }
group() { # 12345 -> 12,345
    awk -v n="$1" 'BEGIN { s = n ""; while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]([,]|$)/, ",&", s); print s }'
}

# correctness first: the outputs must be the official ones, byte for byte
same=yes
for s in $SYSTEMS; do
    # shellcheck disable=SC2086
    "$NF" rouge $ARGS "configs/$s.xml" >"$TMP/$s.out" 2>/dev/null || same=no
    cmp -s "$TMP/$s.out" "outputs/$SET/raw/$s.out" || same=no
done

w_refs=$(words refs/*.txt)
w_one=$((w_refs + $(words systems/baseline-lead/*.txt)))
w_all=$((3 * w_refs))
for s in $SYSTEMS; do w_all=$((w_all + $(words systems/"$s"/*.txt))); done
# shellcheck disable=SC2086
t_one=$(best_of 5 10 "$NF" rouge $ARGS configs/baseline-lead.xml)
t_all=$(best_of 5 3 all_three)

echo "Option set a (\`$ARGS\`),"
echo "run from rouge-vectors/ with its ROUGE configurations, one run per system. The official"
echo "ROUGE-1.5.5.pl times are the ones rouge-vectors/README.md gives for this work on a 2-core"
echo "machine like this one (Perl start-up included). newsfuse is timed here, whole process included:"
echo "the best of 5 trials, a trial being 10 back-to-back runs (3 for the three systems) timed"
echo "together. Output byte-identical to the official script's for all three systems: $same."
echo
echo "| work | systems x clusters x references | words read | newsfuse s | ROUGE-1.5.5.pl s | speed-up |"
echo "|---|---|---|---|---|---|"
echo "| one system (baseline-lead) | 1 x 30 x 4 | $(group "$w_one") | $t_one | $OFFICIAL_ONE | $(ratio $OFFICIAL_ONE "$t_one") |"
echo "| three systems, one run each | 3 x 30 x 4 | $(group "$w_all") | $t_all | $OFFICIAL_ALL | $(ratio $OFFICIAL_ALL "$t_all") |"

# Scaling: baseline-lead's 30 clusters repeated 1x, 10x, 100x in one JSONL file. JSON needs the
# control bytes other than tab, newline and CR escaped as \u00XX: they are handed to awk with
# their codes.
CODES="1 2 3 4 5 6 7 8 11 12 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31"
CTL=$(for c in $CODES; do printf '%b' "\\0$(printf %o "$c")"; done)
LC_ALL=C awk -v ctlchars="$CTL" -v codes="$CODES" '
function esc(s,   i, c, out) {
    if (!index(s, "\\") && !index(s, "\"") && s !~ /[[:cntrl:]]/) return s
    out = ""
    for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "\\" || c == "\"") out = out "\\" c
        else if (c == "\t") out = out "\\t"
        else if (c == "\r") out = out "\\r"
        else out = out ((c in ctl) ? ctl[c] : c)
    }
    return out
}
function slurp(f,   line, out, n) {
    out = ""; n = 0
    while ((getline line < f) > 0) out = out (n++ ? "\\n" : "") esc(line)
    close(f)
    return out
}
BEGIN {
    n = split(codes, code, " ")
    for (i = 1; i <= n; i++)
        ctl[substr(ctlchars, i, 1)] = "\\u00" substr("0123456789abcdef", int(code[i] / 16) + 1, 1) \
            substr("0123456789abcdef", code[i] % 16 + 1, 1)
    while (("ls systems/baseline-lead" | getline f) > 0) {
        id = f; sub(/\.txt$/, "", id)
        refs = ""
        cmd = "ls refs | grep \"^" id "\\.\""
        while ((cmd | getline r) > 0) refs = refs (refs == "" ? "" : ", ") "\"" slurp("refs/" r) "\""
        close(cmd)
        printf "{\"id\": \"%s\", \"summary\": \"%s\", \"references\": [%s]}\n", id, slurp("systems/baseline-lead/" f), refs
    }
}' >"$TMP/x1.jsonl"
for k in 10 100; do
    awk -v k="$k" '{ line[NR] = $0 } END {
        for (r = 1; r <= k; r++)
            for (i = 1; i <= NR; i++) {
                s = line[i]
                sub(/"id": "[^"]*/, "&-r" substr("00" r, length(r)), s)
                print s
            }
    }' "$TMP/x1.jsonl" >"$TMP/x$k.jsonl"
done
# shellcheck disable=SC2086
"$NF" rouge $ARGS --jsonl "$TMP/x1.jsonl" 2>/dev/null | cmp -s - "outputs/$SET/raw/baseline-lead.out" &&
    jsame=yes || jsame=no

echo
echo "The same 30 clusters (baseline-lead) repeated in one JSONL run, ids suffixed; best of 5. The"
echo "1x run's output is byte-identical to the official one: $jsame."
echo
echo "| clusters in one run | words read | newsfuse s | per cluster ms |"
echo "|---|---|---|---|"
for k in 1 10 100; do
    # shellcheck disable=SC2086
    if [ "$k" -eq 1 ]; then rep=10; elif [ "$k" -eq 10 ]; then rep=3; else rep=1; fi
    # shellcheck disable=SC2086
    t=$(best_of 5 "$rep" "$NF" rouge $ARGS --jsonl "$TMP/x$k.jsonl")
    per=$(awk -v t="$t" -v n=$((30 * k)) 'BEGIN { printf "%.3f", 1000 * t / n }')
    echo "| $(group $((30 * k))) (${k}x) | $(group $((k * w_one))) | $t | $per |"
done
