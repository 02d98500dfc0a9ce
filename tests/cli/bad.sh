#!/bin/sh
# The bad-input corpus: each case of tests/bad/EXPECT gives the expected exit code and a fragment of
# the message on stderr.
NF=$1
SRC=$2
cd "$SRC/tests/bad" || exit 1
pass=0
fail=0
ERR=$(mktemp)
trap 'rm -f "$ERR"' EXIT
TAB=$(printf '\t')
while IFS=$TAB read -r name args code frag; do
    case "$name" in ''|'#'*) continue ;; esac
    set -f
    # shellcheck disable=SC2086
    "$NF" $args >/dev/null 2>"$ERR"
    rc=$?
    set +f
    if [ "$rc" != "$code" ]; then
        echo "FAIL bad/$name: exit $rc, want $code"; cat "$ERR"; fail=$((fail + 1))
    elif ! grep -qF -- "$frag" "$ERR"; then
        echo "FAIL bad/$name: stderr lacks '$frag':"; cat "$ERR"; fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
done <EXPECT
echo "bad.sh: $pass passed, $fail failed"
[ "$fail" = 0 ]
