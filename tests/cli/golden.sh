#!/bin/sh
# Golden outputs: each case of tests/golden/cases.txt compared byte for byte (make golden-update).
NF=$1
SRC=$2
cd "$SRC" || exit 1
pass=0
fail=0
T=$(mktemp)
trap 'rm -f "$T"' EXIT
while IFS='|' read -r name args; do
    case "$name" in ''|'#'*) continue ;; esac
    # shellcheck disable=SC2086
    "$NF" $args >"$T" 2>/dev/null
    if cmp -s "$T" "tests/golden/$name.out"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL golden $name: newsfuse $args"
        diff "tests/golden/$name.out" "$T" | head -20
    fi
done <tests/golden/cases.txt
echo "golden.sh: $pass passed, $fail failed"
[ "$fail" = 0 ]
