#!/bin/sh
# The pipeline layout of STYLE.md: a stage includes only the headers of its own or an earlier
# stage (data flows core -> ingest -> clean -> segment -> token -> repr -> select -> order ->
# brief -> render; eval and api come last), so no include cycle can form. src/model.h is shared.
SRC=$2
cd "$SRC/src" || exit 1
order="core ingest clean segment token repr select order brief render eval api"
rank() {
    i=0
    for s in $order; do
        [ "$s" = "$1" ] && { echo $i; return; }
        i=$((i + 1))
    done
    echo 99
}
fail=0
checked=0
for f in */*.c */*.h; do
    stage=${f%%/*}
    rs=$(rank "$stage")
    # the stages this file includes by path: #include "stage/file.h"
    for inc in $(sed -n 's/^#include "\([a-z_]*\)\/[^"]*".*/\1/p' "$f"); do
        checked=$((checked + 1))
        ri=$(rank "$inc")
        if [ "$ri" -gt "$rs" ]; then
            echo "FAIL $f includes a header of the later stage $inc/"
            fail=$((fail + 1))
        fi
    done
done
echo "layout.sh: $checked cross-stage includes checked, $fail reach up the pipeline"
[ "$fail" = 0 ] && [ "$checked" -gt 0 ]
