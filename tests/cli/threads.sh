#!/bin/sh
# Determinism: batch output is byte-identical for 1, 2 and 3 threads and across two runs.
NF=$1
SRC=$2
SHARED=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
IN=$SHARED/data/dev/duc2007-update.jsonl
if [ ! -f "$IN" ]; then
    # no ../shared: a small file of our own (plain ASCII texts need no JSON escaping)
    IN=$T/in.jsonl
    i=0
    while [ $i -lt 40 ]; do
        printf '{"id":"r%d","documents":["Crews fought a fire at pier %d on Monday night, officials said. Three workers were hurt, the fire service said.","The mayor visited pier %d on Tuesday. At least %d people were evacuated, police said, and the port stayed closed."]}\n' $i $i $i $((i * 7)) >>"$IN"
        i=$((i + 1))
    done
fi
for algo in auto lexrank ilp; do
    "$NF" batch --threads 1 --algo $algo --words 100 "$IN" -o "$T/t1" 2>/dev/null
    "$NF" batch --threads 2 --algo $algo --words 100 "$IN" -o "$T/t2" 2>/dev/null
    "$NF" batch --threads 3 --algo $algo --words 100 "$IN" -o "$T/t3" 2>/dev/null
    "$NF" batch --threads 2 --algo $algo --words 100 "$IN" -o "$T/t2b" 2>/dev/null
    if ! cmp -s "$T/t1" "$T/t2" || ! cmp -s "$T/t1" "$T/t3" || ! cmp -s "$T/t2" "$T/t2b" || [ ! -s "$T/t1" ]; then
        echo "FAIL threads: $algo output differs between thread counts or runs"
        echo "threads.sh: 0 passed, 1 failed"
        exit 1
    fi
done
# A stream longer than the reader's ring (64 jobs), from a pipe, with blank and broken lines
# between records: one output line per non-blank input line, in order, with the right line numbers.
S=$T/stream.jsonl
i=1
while [ $i -le 300 ]; do
    case $((i % 7)) in
    0) printf '\n' >>"$S" ;;
    3) printf '{"id":"bad%d","documents":[\n' $i >>"$S" ;;
    *) printf '{"id":"s%d","documents":["Line %d: the river rose %d cm overnight, officials said. Schools in %d towns stayed shut."]}\n' $i $i $((i * 3)) $((i % 9 + 2)) >>"$S" ;;
    esac
    i=$((i + 1))
done
for t in 1 2 5; do
    "$NF" batch --threads $t --algo lead --words 30 - <"$S" >"$T/s$t" 2>/dev/null
done
want=$(grep -c . "$S")
got=$(wc -l <"$T/s1")
line3=$(sed -n 3p "$T/s1")
if ! cmp -s "$T/s1" "$T/s2" || ! cmp -s "$T/s1" "$T/s5" || [ "$got" != "$want" ] ||
    ! printf '%s' "$line3" | grep -q '"line":3,'; then
    echo "FAIL threads: streamed batch ($got of $want lines; third: $line3)"
    echo "threads.sh: 3 passed, 1 failed"
    exit 1
fi
echo "threads.sh: 4 passed, 0 failed"
