#!/bin/sh
# eval --grid: one auto row per grid line, on the same analysis; a line spelling out the default
# constants scores exactly like plain auto, and a much stronger lead prior (--params pos=3)
# changes the ferry fixture's summary. args: CLI SOURCE_DIR SHARED_DIR
NF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# one record: the ferry fixture's documents (JSON-escaped: no quotes or backslashes survive) and a
# hand-written reference
{
    printf '{"id":"ferry","documents":['
    sep=""
    for f in "$SRC"/tests/fixtures/clusters/ferry/*.txt; do
        printf '%s"%s"' "$sep" "$(sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' "$f" | awk '{printf "%s\\n", $0}')"
        sep=","
    done
    printf '],"references":["A ferry capsized in a storm on Lake Orvane on Sunday, killing at least 31 people, the coast guard said. 87 passengers were rescued. The governor ordered an inquiry into overcrowding."]}\n'
} >"$T/ferry.jsonl"
printf 'pos=0.3,div=1,quote=0.5,num=1,qmul=1,share=1\npos=3\n' >"$T/grid.txt"
"$NF" eval "$T/ferry.jsonl" --words 100 --grid "$T/grid.txt" >"$T/out" 2>"$T/err" || {
    echo "FAIL eval --grid:"; cat "$T/err"; exit 1
}
row() { grep "^| $1 |" "$T/out" | cut -d'|' -f3-9; }
[ -n "$(row auto)" ] || { echo "FAIL: no auto row"; cat "$T/out"; exit 1; }
if [ "$(row auto)" != "$(row 'auto:pos=0.3,div=1,quote=0.5,num=1,qmul=1,share=1')" ]; then
    echo "FAIL: the default constants spelled out score differently from auto"; cat "$T/out"; exit 1
fi
[ -n "$(row 'auto:pos=3')" ] || { echo "FAIL: no second grid row"; cat "$T/out"; exit 1; }
[ "$(row auto)" != "$(row 'auto:pos=3')" ] || { echo "FAIL: the grid line changed nothing"; cat "$T/out"; exit 1; }
a=$("$NF" summarize --words 100 "$SRC/tests/fixtures/clusters/ferry")
b=$("$NF" summarize --words 100 --params pos=3 "$SRC/tests/fixtures/clusters/ferry")
[ "$a" != "$b" ] || { echo "FAIL: --params changed nothing"; exit 1; }
echo "eval_grid: ok"
