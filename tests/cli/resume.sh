#!/bin/sh
# batch --resume and compressed files: a batch killed halfway (SIGKILL) and resumed writes the same
# bytes as an uninterrupted run; a cut last line is dropped and redone; .gz/.zst in and out; a bad
# record leaves an error record and exit status 3.
NF=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

# invented clusters with blank lines, broken JSON and empty records between them
"$SRC/scripts/gen-clusters" 700 3 --bad >"$T/in.jsonl"
# the killed runs use ILP (slow enough to be caught halfway), the other checks the fast default
ARGS="--algo ilp --words 100"
# shellcheck disable=SC2086
"$NF" batch $ARGS --threads 2 "$T/in.jsonl" -o "$T/ref.jsonl" 2>"$T/ref.err"
"$NF" batch --words 100 "$T/in.jsonl" -o "$T/fast.jsonl" 2>/dev/null
rc=$?
nerr=$(grep -c '"error"' "$T/ref.jsonl")
if [ $rc = 3 ] && [ "$nerr" -gt 0 ] && grep -q "records, $nerr errors" "$T/ref.err"; then ok; else
    bad "exit status $rc / closing line '$(cat "$T/ref.err")' with $nerr error records"; fi
size=$(wc -c <"$T/ref.jsonl")

# Start a run, SIGKILL it once its output file holds $2 bytes (a third of a whole run's), resume.
kill_resume() {
    out=$1
    # shellcheck disable=SC2086
    "$NF" batch $ARGS --threads 1 "$T/in.jsonl" -o "$out" 2>/dev/null &
    pid=$!
    i=0
    while [ $i -lt 600 ]; do
        now=0
        [ -f "$out" ] && now=$(wc -c <"$out")
        [ "$now" -ge "$2" ] && break
        kill -0 $pid 2>/dev/null || break
        sleep 0.05
        i=$((i + 1))
    done
    kill -9 $pid 2>/dev/null
    killed=$?
    wait $pid 2>/dev/null
    if [ $killed = 0 ]; then ok; else bad "$out: the run ended before it could be killed"; fi
    # shellcheck disable=SC2086
    "$NF" batch $ARGS --threads 2 --resume "$T/in.jsonl" -o "$out" 2>"$T/resume.err"
    rc=$?
    if [ $rc = 3 ] && grep -q "records, $nerr errors" "$T/resume.err"; then ok; else
        bad "$out resumed: exit $rc, $(cat "$T/resume.err")"; fi
}

kill_resume "$T/out.jsonl" $((size / 3))
if cmp -s "$T/ref.jsonl" "$T/out.jsonl"; then ok; else bad "killed + resumed differs from one run"; fi
if command -v gzip >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    "$NF" batch $ARGS "$T/in.jsonl" -o "$T/ilp.jsonl.gz" 2>/dev/null
    kill_resume "$T/killed.jsonl.gz" $(($(wc -c <"$T/ilp.jsonl.gz") / 3))
    if cmp -s "$T/ilp.jsonl.gz" "$T/killed.jsonl.gz"; then ok; else bad "killed + resumed .gz"; fi
fi
# resuming a finished file changes nothing
# shellcheck disable=SC2086
"$NF" batch $ARGS --resume "$T/in.jsonl" -o "$T/out.jsonl" 2>/dev/null
if cmp -s "$T/ref.jsonl" "$T/out.jsonl"; then ok; else bad "resume of a complete file changed it"; fi
mv "$T/fast.jsonl" "$T/ref.jsonl"
size=$(wc -c <"$T/ref.jsonl")
ARGS="--words 100"

# a last line cut mid-record (and a record of NUL bytes after it, as a power loss may leave) is
# dropped and redone; without --resume, no file: a fresh run
head -c $((size / 2)) "$T/ref.jsonl" >"$T/cut.jsonl"
# shellcheck disable=SC2086
"$NF" batch $ARGS --resume "$T/in.jsonl" -o "$T/cut.jsonl" 2>"$T/cut.err"
if cmp -s "$T/ref.jsonl" "$T/cut.jsonl" && grep -q "resuming after" "$T/cut.err"; then ok; else
    bad "cut file resumed: $(cat "$T/cut.err")"; fi
head -n 40 "$T/ref.jsonl" >"$T/nul.jsonl"
head -c 300 /dev/zero >>"$T/nul.jsonl"
echo >>"$T/nul.jsonl"
# shellcheck disable=SC2086
"$NF" batch $ARGS --resume "$T/in.jsonl" -o "$T/nul.jsonl" 2>/dev/null
if cmp -s "$T/ref.jsonl" "$T/nul.jsonl"; then ok; else bad "a damaged line was kept"; fi
# shellcheck disable=SC2086
"$NF" batch $ARGS --resume "$T/in.jsonl" -o "$T/new.jsonl" 2>/dev/null
if cmp -s "$T/ref.jsonl" "$T/new.jsonl"; then ok; else bad "--resume without an output file"; fi
"$NF" batch --resume "$T/in.jsonl" 2>/dev/null
if [ $? = 2 ]; then ok; else bad "--resume without -o is a usage error"; fi
# an output with more records than the input: not this input's output
head -n 10 "$T/in.jsonl" >"$T/short.jsonl"
cp "$T/ref.jsonl" "$T/long.jsonl"
"$NF" batch --resume "$T/short.jsonl" -o "$T/long.jsonl" 2>"$T/long.err"
if [ $? = 3 ] && grep -q "more records than" "$T/long.err"; then ok; else bad "longer output accepted"; fi

# compressed input and output, by file name
if command -v gzip >/dev/null 2>&1; then
    gzip -c "$T/in.jsonl" >"$T/in.jsonl.gz"
    # shellcheck disable=SC2086
    "$NF" batch $ARGS "$T/in.jsonl.gz" -o "$T/gz.jsonl" 2>/dev/null
    if cmp -s "$T/ref.jsonl" "$T/gz.jsonl"; then ok; else bad ".gz input"; fi
    # shellcheck disable=SC2086
    "$NF" batch $ARGS "$T/in.jsonl" -o "$T/ref.jsonl.gz" 2>/dev/null
    if gzip -dc "$T/ref.jsonl.gz" | cmp -s "$T/ref.jsonl" -; then ok; else bad ".gz output"; fi
    head -c $((size / 2)) "$T/ref.jsonl" | gzip -c >"$T/out.jsonl.gz"
    # shellcheck disable=SC2086
    "$NF" batch $ARGS --resume "$T/in.jsonl" -o "$T/out.jsonl.gz" 2>/dev/null
    if gzip -dc "$T/out.jsonl.gz" | cmp -s "$T/ref.jsonl" -; then ok; else bad "resumed .gz"; fi
    # the rewritten file is the same bytes as one run's (zlib's output does not depend on how
    # the input was split between calls)
    if cmp -s "$T/ref.jsonl.gz" "$T/out.jsonl.gz"; then ok; else bad "resumed .gz: other bytes"; fi
    [ -e "$T/out.jsonl.gz.partial" ] && bad ".gz.partial left behind"
    # a cut .gz input is an error, not a shorter input
    head -c 20000 "$T/in.jsonl.gz" >"$T/cut.jsonl.gz"
    "$NF" batch "$T/cut.jsonl.gz" -o "$T/cutgz.out" 2>/dev/null
    if [ $? = 1 ]; then ok; else bad "a cut .gz input passed"; fi
fi
if command -v zstd >/dev/null 2>&1; then
    zstd -q -c "$T/in.jsonl" >"$T/in.jsonl.zst"
    # shellcheck disable=SC2086
    "$NF" batch $ARGS "$T/in.jsonl.zst" -o "$T/out.jsonl.zst" 2>/dev/null
    if zstd -q -dc "$T/out.jsonl.zst" | cmp -s "$T/ref.jsonl" -; then ok; else bad ".zst in and out"; fi
    head -c $((size / 2)) "$T/ref.jsonl" | zstd -q -c >"$T/cut.jsonl.zst"
    # shellcheck disable=SC2086
    "$NF" batch $ARGS --resume "$T/in.jsonl" -o "$T/cut.jsonl.zst" 2>/dev/null
    if zstd -q -dc "$T/cut.jsonl.zst" | cmp -s "$T/ref.jsonl" -; then ok; else bad "resumed .zst"; fi
    head -c 20000 "$T/in.jsonl.zst" >"$T/trunc.zst"
    "$NF" batch "$T/trunc.zst" -o "$T/trunc.out" 2>/dev/null
    if [ $? = 1 ]; then ok; else bad "a cut .zst input passed"; fi
fi
echo "resume.sh: $pass passed, $fail failed"
[ $fail = 0 ]
