#!/bin/sh
# Bad input gets a clear message and the documented exit code; batch keeps going on bad lines.
# args: CLI SOURCE_DIR SHARED_DIR
NF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
pass=0
check() { # name expected_rc stderr_fragment -- command...
    name=$1; want=$2; frag=$3; shift 3
    "$@" >"$T/out" 2>"$T/err"
    rc=$?
    if [ "$rc" != "$want" ]; then
        echo "FAIL $name: exit $rc, want $want"; cat "$T/err"; fail=$((fail + 1)); return
    fi
    if [ -n "$frag" ] && ! grep -q -- "$frag" "$T/err"; then
        echo "FAIL $name: stderr lacks '$frag':"; cat "$T/err"; fail=$((fail + 1)); return
    fi
    pass=$((pass + 1))
}

printf '' >"$T/empty.txt"
printf '   \n\n\t\n' >"$T/blank.txt"
head -c 4096 /dev/urandom >"$T/bin.dat" 2>/dev/null || printf '\000\001\002\003\004\005\006\007\000\000' >"$T/bin.dat"
printf 'The mayor said on Monday that the bridge \377\376 would reopen after repairs were done.\nOfficials agreed.\n' >"$T/badutf8.txt"
mkdir "$T/emptydir"

check usage-no-command 2 "usage" "$NF"
check usage-unknown-command 2 "unknown command" "$NF" frobnicate
check usage-unknown-option 2 "unknown option" "$NF" summarize --frob x
check usage-bad-number 2 "not a non-negative integer" "$NF" summarize --words ten "$T/badutf8.txt"
check usage-bad-algo 2 "unknown --algo" "$NF" summarize --algo magic "$T/badutf8.txt"
check usage-no-input 2 "no input" "$NF" summarize
check usage-bad-params 2 "params: unknown name" "$NF" summarize --params nosuch=1 "$T/badutf8.txt"
check usage-bad-params-value 2 "params: unknown name or bad value" "$NF" summarize --params pos=-1 "$T/badutf8.txt"
check usage-bad-lang 2 "unknown language" "$NF" summarize --lang klingon "$T/badutf8.txt"
check empty-file 3 "empty.txt" "$NF" summarize "$T/empty.txt"
check blank-file 3 "empty" "$NF" summarize "$T/blank.txt"
check binary-file 3 "binary" "$NF" summarize "$T/bin.dat"
check missing-file 3 "nope.txt" "$NF" summarize "$T/nope.txt"
check empty-dir 3 "no file" "$NF" summarize "$T/emptydir"
check bad-utf8-warns 0 "U+FFFD" "$NF" summarize "$T/badutf8.txt"
check help 0 "" "$NF" summarize --help
check version 0 "" "$NF" --version

# batch: broken lines become error records, good lines still produce output, order kept
cat >"$T/in.jsonl" <<'JSONL'
{"id": "ok1", "documents": ["The council voted on Tuesday to rebuild the old ferry pier. Work starts in May and will cost about 3 million dollars, the council said."]}
{"id": "broken", "documents": [
{"id": "nodocs"}

{"id": "ok2", "documents": [{"text": "Rescuers reached the stranded hikers late on Sunday. All nine were safe, the park service said on Monday.", "source": "Valley Post"}]}
[1, 2, 3]
{"id": "emptydoc", "documents": ["   "]}
JSONL
check batch-goes-on 3 "6 records, 4 errors" "$NF" batch "$T/in.jsonl" -o "$T/out.jsonl"
lines=$(wc -l <"$T/out.jsonl")
if [ "$lines" != 6 ]; then echo "FAIL batch: $lines output lines, want 6"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
for pat in '^{"version".*"id":"ok1"' '^{"id":"broken","line":2,"error"' '^{"id":"nodocs","line":3,"error":"\\"documents\\" is missing' \
    '^{"version".*"id":"ok2"' '^{"line":6,"error":"record is not a JSON object"' '^{"id":"emptydoc","line":7,"error"'; do
    if grep -q "$pat" "$T/out.jsonl"; then pass=$((pass + 1)); else echo "FAIL batch: no line matching $pat"; cat "$T/out.jsonl"; fail=$((fail + 1)); fi
done
# the output order follows the input order
order=$(grep -o '"id":"[a-z0-9]*"' "$T/out.jsonl" | head -5 | tr '\n' ' ')
if [ "$order" = '"id":"ok1" "id":"broken" "id":"nodocs" "id":"ok2" "id":"emptydoc" ' ]; then pass=$((pass + 1)); else echo "FAIL batch order: $order"; fail=$((fail + 1)); fi

# a broken record whose id is not UTF-8: the error record stays valid UTF-8 (U+FFFD for the bytes)
printf '{"id": "b\377ad", "documents": [\n' >"$T/badid.jsonl"
check batch-bad-utf8-id 3 "1 records, 1 errors" "$NF" batch "$T/badid.jsonl" -o "$T/badid.out"
pat=$(printf '^{"id":"b\357\277\275ad","line":1,"error":')
if grep -q "$pat" "$T/badid.out"; then pass=$((pass + 1)); else
    echo "FAIL batch bad UTF-8 id:"; od -c "$T/badid.out" | head; fail=$((fail + 1)); fi

# sentences reads inputs as summarize does: a JSONL record, and an empty directory is bad input
check sentences-jsonl 0 "" "$NF" sentences "$T/in.jsonl"
check sentences-empty-dir 3 "no file" "$NF" sentences "$T/emptydir"

# "-o -" is standard output, never a file named "-"
mkdir "$T/cwd"
printf 'The bridge reopened on Monday after repairs, the mayor said.\n' >"$T/ok.txt"
(cd "$T/cwd" && "$NF" idf -o - "$T/ok.txt" >"$T/idf.out" 2>/dev/null)
if grep -q '^#docs 1' "$T/idf.out" && [ ! -e "$T/cwd/-" ]; then pass=$((pass + 1)); else
    echo "FAIL idf -o -: stdout or a file named '-'"; fail=$((fail + 1)); fi
(cd "$T/cwd" && "$NF" batch -o - "$T/in.jsonl" >"$T/batch.out" 2>/dev/null)
if [ "$(wc -l <"$T/batch.out")" = 6 ] && [ ! -e "$T/cwd/-" ]; then pass=$((pass + 1)); else
    echo "FAIL batch -o -: stdout or a file named '-'"; fail=$((fail + 1)); fi

echo "errors.sh: $pass passed, $fail failed"
[ "$fail" = 0 ]
