#!/bin/sh
# newsfuse cluster end to end: the `cluster --stories - | batch --brief -` pipeline on the invented
# stream, bad articles (not JSON, no text, 20 MB, invalid UTF-8) as error lines with their line
# numbers while the rest is clustered, a directory input, and usage errors.
# args: CLI SOURCE_DIR SHARED_DIR
NF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
FEED=$SRC/tests/fixtures/stream/feed.jsonl
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
ko() { echo "FAIL $*"; fail=$((fail + 1)); }

# 1. the pipeline: one summary with a brief per story
"$NF" cluster --stories - "$FEED" 2>"$T/err" | "$NF" batch --brief --no-progress - >"$T/briefs" 2>>"$T/err"
nstories=$("$NF" cluster "$FEED" 2>/dev/null | sed 's/.*"story":\([0-9]*\).*/\1/' | sort -u | wc -l)
nbriefs=$(grep -c '"brief":{' "$T/briefs")
nerr=$(grep -c '"error"' "$T/briefs")
if [ "$nstories" -eq 9 ] && [ "$nbriefs" -eq 9 ] && [ "$nerr" -eq 0 ]; then ok; else
    ko "pipeline: $nstories stories, $nbriefs briefs, $nerr errors"; cat "$T/err"; fi
grep '"id":"0"' "$T/briefs" | grep -q 'Velmora' && ok || ko "pipeline: the crane story's summary lacks Velmora"
# story records carry the documents, ids, sources and dates; summarize reads one as it is
"$NF" cluster --stories "$T/stories.jsonl" -o "$T/arts.jsonl" "$FEED" 2>/dev/null
head -n 1 "$T/stories.jsonl" >"$T/one.json"
for k in '"documents":\[' '"doc_ids":\[' '"sources":\[' '"first":' '"last":'; do
    grep -q "$k" "$T/one.json" && ok || ko "story record lacks $k"
done
"$NF" summarize --words 40 "$T/one.json" >/dev/null 2>"$T/err" && ok || { ko "summarize of a story record"; cat "$T/err"; }
[ "$(wc -l <"$T/arts.jsonl")" -eq 20 ] && ok || ko "article lines: want 20"
grep -q '"id":"crane-copy","story":0,"duplicate_of":"crane-1"' "$T/arts.jsonl" && ok || ko "syndicated copy not found"

# 2. bad articles: an error line each, with its line number; the rest clustered, nothing lost
{
    sed -n 1,3p "$FEED"
    echo '{"id":"broken", "text": "no closing brace"'
    sed -n 4p "$FEED"
    echo '{"id":"notext","title":"A title and nothing else"}'
    printf '{"id":"big","text":"'
    head -c 20971520 /dev/zero | tr '\000' 'a'
    printf '"}\n'
    printf '{"id":"badutf8","text":"caf\351 in the harbour"}\n'
    echo ''
    sed -n 5,20p "$FEED"
} >"$T/bad.jsonl"
"$NF" cluster "$T/bad.jsonl" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" = 0 ] && ok || ko "bad input: exit $rc, want 0"
[ "$(wc -l <"$T/out")" -eq 24 ] && ok || ko "bad input: $(wc -l <"$T/out") lines out, want 24"
[ "$(grep -c '"story":' "$T/out")" -eq 20 ] && ok || ko "bad input: the 20 good articles are not all clustered"
for want in '"id":"broken","line":4,"error"' '"id":"notext","line":6,"error"' \
            '"line":7,"error":"article is' '"id":"badutf8","line":8,"error"'; do
    grep -q "$want" "$T/out" && ok || { ko "bad input: no line matching $want"; cat "$T/out"; }
done
# the good articles get the stories they get without the bad lines
grep '"story":' "$T/out" >"$T/good"
"$NF" cluster "$FEED" 2>/dev/null | cmp -s - "$T/good" && ok || ko "bad input changed the stories of the good articles"
# every output line is JSON
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$T/out" 2>/dev/null && ok || \
    { command -v python3 >/dev/null || ok; command -v python3 >/dev/null && ko "bad input: an output line is not JSON"; }

# 3. a directory: one article per file, the file name as id
mkdir "$T/dir"
printf 'The River Lanna burst its banks in Brennick, flooding 200 homes in the Millrace district.\n' >"$T/dir/a.txt"
printf 'Firefighters rescued 35 Millrace residents in Brennick as the River Lanna flooded 200 homes.\n' >"$T/dir/b.txt"
printf 'Redmoor Athletic won the National Cup on penalties.\n' >"$T/dir/c.txt"
"$NF" cluster "$T/dir" >"$T/dirout" 2>/dev/null
grep -q '"id":"a.txt","story":0' "$T/dirout" && grep -q '"id":"b.txt","story":0' "$T/dirout" &&
    grep -q '"id":"c.txt","story":1' "$T/dirout" && ok || { ko "directory input"; cat "$T/dirout"; }

# 4. usage
"$NF" cluster --window 3x "$FEED" >/dev/null 2>&1; [ $? = 2 ] && ok || ko "--window 3x: want exit 2"
"$NF" cluster --threshold 2 "$FEED" >/dev/null 2>&1; [ $? = 2 ] && ok || ko "--threshold 2: want exit 2"
echo '{"text":' | "$NF" cluster - >/dev/null 2>&1; [ $? = 3 ] && ok || ko "only bad input: want exit 3"

echo "cluster.sh: $pass passed, $fail failed"
[ "$fail" = 0 ]
