#!/bin/sh
# The shared library exports exactly the functions include/newsfuse.h declares (all nf_, none of
# the nf__ internals, nothing else) under the soname the header names (docs/abi.md).
# Usage: symbols.sh LIBRARY HEADER CC
LIB=$1
HDR=$2
CC=${3:-cc}
for t in nm readelf; do
    command -v "$t" >/dev/null || { echo "SKIP: $t is not installed (binutils)"; exit 77; }
done
[ -f "$LIB" ] || { echo "FAIL: no library at $LIB"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# Defined dynamic symbols, whatever their kind (functions, data, weak).
nm -D --defined-only "$LIB" | awk 'NF >= 3 {print $3}' | sed 's/@.*//' | sort -u >"$tmp/exported"
bad=$(grep -v '^nf_[a-z0-9]' "$tmp/exported")
if [ -n "$bad" ]; then
    echo "FAIL: $(printf '%s\n' "$bad" | wc -l) exported symbols are not public nf_ names:"
    printf '%s\n' "$bad" | head -20
    fail=1
fi

# Functions the header declares: preprocess (drops comments), take every nf_name( and remove
# the static inline helpers, which are defined in the header and never exported.
"$CC" -E -P -x c "$HDR" >"$tmp/h.i" || { echo "FAIL: cannot preprocess $HDR"; exit 1; }
tr '\n' ' ' <"$tmp/h.i" | grep -oE '\bnf_[a-z0-9_]*[[:space:]]*\(' | tr -d ' (' | sort -u >"$tmp/named"
tr '\n' ' ' <"$tmp/h.i" | grep -oE 'static inline [a-z_ ]*\*?[[:space:]]*nf_[a-z0-9_]*[[:space:]]*\(' |
    grep -oE 'nf_[a-z0-9_]*' | sort -u >"$tmp/inline"
comm -23 "$tmp/named" "$tmp/inline" >"$tmp/declared"
n=$(wc -l <"$tmp/declared")
[ "$n" -ge 50 ] || { echo "FAIL: only $n functions found in $HDR (parse error?)"; exit 1; }
missing=$(comm -23 "$tmp/declared" "$tmp/exported")
if [ -n "$missing" ]; then
    echo "FAIL: declared in newsfuse.h but not exported:"
    printf '%s\n' "$missing"
    fail=1
fi
extra=$(grep '^nf_[a-z0-9]' "$tmp/exported" | comm -13 "$tmp/declared" -)
if [ -n "$extra" ]; then
    echo "FAIL: exported but not declared in newsfuse.h (make them static or nf__):"
    printf '%s\n' "$extra"
    fail=1
fi

sov=$(sed -n 's/^#define NF_SOVERSION \([0-9][0-9]*\).*/\1/p' "$HDR")
soname=$(readelf -d "$LIB" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
if [ -z "$sov" ] || [ "$soname" != "libnewsfuse.so.$sov" ]; then
    echo "FAIL: soname '$soname', the header's NF_SOVERSION is '$sov'"
    fail=1
fi
[ $fail -eq 0 ] || exit 1
echo "ok: $(wc -l <"$tmp/exported") exported symbols, all declared in newsfuse.h; soname $soname"
