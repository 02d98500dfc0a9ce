#!/bin/sh
# Peak memory of `summarize` and `brief` on one generated 26 MB document: the dev documents
# (the DUC 2006, DUC 2007 and Multi-News JSON lines with their escapes undone) repeated to 26 MiB, in
# a temporary file (nothing is kept). Prints a Markdown section. Usage: bench/memory_bench.sh NF
set -eu
NF=$1
DEV=$(dirname "$0")/../../shared/data/dev
[ -d "$DEV" ] || { echo "(../shared/data/dev is absent: skipped)"; exit 0; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
DOC=$TMP/doc.txt
# the JSON lines with their escapes undone: the documents' text plus a little JSON syntax
cat "$DEV/duc2006.jsonl" "$DEV/duc2007.jsonl" "$DEV/multi-news-val.jsonl" |
    sed -e 's/\\n/\n/g' -e 's/\\"/"/g' -e 's/|||||/\n\n/g' >"$DOC"
while [ "$(wc -c <"$DOC")" -lt 27262976 ]; do cat "$DOC" "$DOC" | head -c 27262976 >"$DOC.2"; mv "$DOC.2" "$DOC"; done
head -c 27262976 "$DOC" >"$DOC.2" && mv "$DOC.2" "$DOC"
bytes=$(wc -c <"$DOC")
mb=$(echo "$bytes / 1048576" | bc -l)
echo "One document of $(printf %.1f "$mb") MiB ($(wc -w <"$DOC") words): the dev documents one after another."
echo "Peak RSS from \`/usr/bin/time -v\` (whole process); target for summarize: at most 4x the input plus a constant."
echo
echo "| command | seconds | peak RSS MB | x input |"
echo "|---|---|---|---|"
for cmd in "summarize --words 100" "summarize --algo lead --words 100" "summarize --algo ilp --words 100" "brief"; do
    # shellcheck disable=SC2086
    /usr/bin/time -v "$NF" $cmd "$DOC" >/dev/null 2>"$TMP/t" || true
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TMP/t")
    el=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$TMP/t")
    echo "| \`newsfuse $cmd\` | $el | $(printf %.1f "$(echo "$rss / 1024" | bc -l)") | $(printf %.1f "$(echo "$rss * 1024 / $bytes" | bc -l)") |"
done
