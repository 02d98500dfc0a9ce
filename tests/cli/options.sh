#!/bin/sh
# Command-line parsing (getopt_long in every subcommand), the empty-summary warning and exit 3
# (--allow-empty), and --skip-bad for directories.
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
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

D=$T/story
mkdir "$D"
cat >"$D/a.txt" <<'TXT'
The ferry Selma ran aground off the island of Varn on Friday night with 212 passengers aboard.
Coast guard boats took every passenger ashore by morning, and nobody was hurt, the harbour office said.
TXT
cat >"$D/b.txt" <<'TXT'
A ferry carrying 212 passengers ran aground near Varn late on Friday, the coast guard said.
Divers found a long tear in the hull, and the operator suspended its island route until further notice.
TXT

# missing values, unknown options, values given to flags: usage errors naming the option
for cmd in summarize brief sentences batch eval idf; do
    check "$cmd-unknown" 2 "unknown option '--frobnicate'" "$NF" $cmd --frobnicate "$D"
done
check summarize-o-no-value 2 "option '-o' requires an argument" "$NF" summarize "$D" -o
check brief-o-no-value 2 "option '-o' requires an argument" "$NF" brief "$D" -o
check batch-o-no-value 2 "option '-o' requires an argument" "$NF" batch "$D" -o
check idf-o-no-value 2 "option '-o' requires an argument" "$NF" idf "$D" -o
check words-no-value 2 "option '--words' requires an argument" "$NF" summarize "$D" --words
check flag-with-value 2 "option '--fit=1' takes no value" "$NF" summarize --fit=1 "$D"
check unknown-short 2 "unknown option '-q'" "$NF" summarize -q "$D"
check rouge-n-no-value 2 "option '-n' requires an argument" "$NF" rouge -n
check rouge-unknown 2 "unknown option '-z'" "$NF" rouge -z a b

# --name=value and --name value; options after the inputs
"$NF" summarize --words=25 "$D" >"$T/eq.txt" 2>/dev/null
"$NF" summarize "$D" --words 25 >"$T/sep.txt" 2>/dev/null
if [ -s "$T/eq.txt" ] && cmp -s "$T/eq.txt" "$T/sep.txt"; then ok; else bad "--words=25 and --words 25 differ"; fi

# `--` ends the options: a file named like an option is an input
cp "$D/a.txt" "$T/-a.txt"
(cd "$T" && "$NF" summarize --words 30 -- -a.txt >"$T/dash.out" 2>"$T/dash.err")
if [ $? -eq 0 ] && grep -q "Selma" "$T/dash.out"; then ok; else bad "-- then -a.txt"; cat "$T/dash.err"; fi
(cd "$T" && "$NF" sentences -- -a.txt >"$T/dash2.out" 2>&1) && ok || bad "sentences -- -a.txt"
check no-dashdash 2 "unknown option '-a'" sh -c "cd '$T' && '$NF' summarize -a.txt"

# nothing fits the budget: a warning and exit 3; --allow-empty accepts the empty summary
check words-0 3 "no sentence fits --words 0" "$NF" summarize --words 0 "$D"
check words-1 3 "no sentence fits --words 1" "$NF" summarize --words 1 "$D"
check bytes-10 3 "no sentence fits --bytes 10" "$NF" summarize --bytes 10 "$D"
if [ -s "$T/out" ]; then bad "bytes-10 wrote output on exit 3"; else ok; fi
check words-0-json 3 "allow-empty" "$NF" summarize --words 0 --format json "$D"
check allow-empty 0 "" "$NF" summarize --words 1 --allow-empty --format json "$D"
if grep -q '"sentences":\[\]' "$T/out" && [ ! -s "$T/err" ]; then ok; else bad "allow-empty: JSON or stderr"; cat "$T/out" "$T/err"; fi
check truncate-1 0 "" "$NF" summarize --words 1 --truncate "$D"
check brief-summary-empty 3 "no sentence fits" "$NF" brief --summary --words 0 "$D"
check brief-summary-allow 0 "" "$NF" brief --summary --words 0 --allow-empty "$D"
check brief-alone-ok 0 "" "$NF" brief --words 0 "$D"
printf '{"id":"one","documents":["%s"]}\n' "$(head -n 1 "$D/a.txt")" >"$T/one.jsonl"
check batch-empty 3 "1 of 1 summaries are empty" "$NF" batch --words 1 "$T/one.jsonl" -o "$T/b.jsonl"
if [ "$(wc -l <"$T/b.jsonl")" = 1 ]; then ok; else bad "batch-empty still writes its record"; fi
check batch-allow-empty 0 "" "$NF" batch --words 1 --allow-empty "$T/one.jsonl" -o "$T/b.jsonl"
check batch-fits 0 "" "$NF" batch --words 40 "$T/one.jsonl" -o "$T/b.jsonl"

# a directory with an empty file, a binary file, a subdirectory and a dangling link
B=$T/mixed
mkdir "$B" "$B/sub"
cp "$D/a.txt" "$D/b.txt" "$B/"
printf '' >"$B/c-empty.txt"
printf '\000\001\002\003\004\005\006\007\010\016\017\020\021\022\023\024\000\000\000' >"$B/d-binary.txt"
ln -s "$T/nowhere.txt" "$B/e-dangling.txt"
check dir-bad-stops 3 "c-empty.txt" "$NF" summarize "$B"
check skip-bad 0 "c-empty.txt: skipped" "$NF" summarize --skip-bad --words 40 "$B"
for what in "d-binary.txt: skipped" "e-dangling.txt: skipped: a dangling link" "sub: skipped: a directory"; do
    if grep -q -- "$what" "$T/err"; then ok; else bad "skip-bad: stderr lacks '$what'"; cat "$T/err"; fi
done
if grep -q "Selma\|212" "$T/out"; then ok; else bad "skip-bad: no summary of the good files"; fi
# the same order, and the same summary, as the good files alone
"$NF" summarize --words 40 "$D" >"$T/good.txt" 2>/dev/null
if cmp -s "$T/out" "$T/good.txt"; then ok; else bad "skip-bad summary differs from the good files'"; fi
rm "$B/c-empty.txt" "$B/d-binary.txt"
check dangling-stops 3 "e-dangling.txt: a dangling link" "$NF" summarize "$B"
mkdir "$T/allbad"
printf '' >"$T/allbad/x.txt"
check skip-all 3 "every file was skipped" "$NF" summarize --skip-bad "$T/allbad"
cp "$D/a.txt" "$T/allbad/y.txt"
check sentences-stops 3 "x.txt" "$NF" sentences "$T/allbad"
check sentences-skip 0 "x.txt: skipped" "$NF" sentences --skip-bad "$T/allbad"
if grep -q "Selma" "$T/out"; then ok; else bad "sentences --skip-bad: no sentence of y.txt"; fi
# idf takes empty and binary text; a .jsonl file without one record is what it rejects
printf 'not json\n' >"$T/allbad/z.jsonl"
check idf-bad-stops 3 "z.jsonl" "$NF" idf "$T/allbad"
check idf-skip-bad 0 "z.jsonl: skipped" "$NF" idf --skip-bad "$T/allbad"

echo "options: $pass passed, $fail failed"
[ $fail -eq 0 ]
