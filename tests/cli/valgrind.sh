#!/bin/sh
# Valgrind memcheck of the CLI on the example cluster: 0 errors, nothing left allocated at exit.
NF=$1
SRC=$2
command -v valgrind >/dev/null || { echo "SKIP: valgrind is not installed"; exit 77; }
[ -z "${NF_SANITIZED:-}" ] || { echo "SKIP: valgrind cannot run a sanitizer build"; exit 77; }
cd "$SRC" || exit 1
pass=0
fail=0
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
for args in "summarize --words 100 examples/harbor-fire" \
            "summarize --algo ilp --brief --format html examples/harbor-fire" \
            "brief --format json tests/fixtures/clusters/quake" \
            "batch --threads 2 --words 50 tests/bad/mixed.jsonl" \
            "cluster --window 1d --stories /dev/null tests/fixtures/stream/feed.jsonl"; do
    # shellcheck disable=SC2086
    valgrind --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
        --error-exitcode=9 "$NF" $args >/dev/null 2>"$LOG"
    rc=$?
    if [ "$rc" = 9 ] || ! grep -q "in use at exit: 0 bytes in 0 blocks" "$LOG"; then
        echo "FAIL valgrind: newsfuse $args"; grep -E "ERROR SUMMARY|in use at exit|definitely" "$LOG"
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
done
echo "valgrind.sh: $pass passed, $fail failed"
[ "$fail" = 0 ]
