#!/bin/sh
# The HTTP service end to end with curl on a free 127.0.0.1 port: every route, every error path
# (docs/server.md), the access log, the metrics, the 413 before the body is read, and the graceful
# shutdown (a request in flight at SIGTERM is answered, then the server exits 0).
NF=$1
SRC=$2
SRV=$(dirname "$NF")/newsfuse-server
[ -x "$SRV" ] || { echo "SKIP: newsfuse-server was not built (libmicrohttpd missing)"; exit 77; }
command -v curl >/dev/null || { echo "SKIP: curl is not installed"; exit 77; }
TMP=$(mktemp -d)
LOG=$TMP/log
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$TMP"' EXIT
start() { # start [server options...]: on the first port of a few that binds
    for try in 1 2 3 4 5 6 7 8; do
        PORT=$((20000 + ($$ * 7 + try * 131) % 30000))
        "$SRV" --port "$PORT" --threads 2 --max-body 200000 "$@" 2>"$LOG" &
        PID=$!
        URL=http://127.0.0.1:$PORT
        i=0
        while [ $i -lt 50 ]; do
            curl -s "$URL/healthz" >/dev/null 2>&1 && return 0
            kill -0 $PID 2>/dev/null || break
            i=$((i + 1)); sleep 0.1
        done
        kill $PID 2>/dev/null; wait $PID 2>/dev/null
    done
    echo "FAIL: server did not start"; cat "$LOG"; exit 1
}
start
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
expect() { # name, want http code, grep pattern ('' for none), curl args...
    name=$1; want=$2; pat=$3; shift 3
    body=$(curl -s -m 20 -w '\n%{http_code}' "$@")
    code=$(printf '%s' "$body" | tail -n 1)
    if [ "$code" != "$want" ]; then bad "$name: HTTP $code, want $want"; printf '%s\n' "$body" | head -3; return; fi
    if [ -n "$pat" ] && ! printf '%s' "$body" | grep -q -- "$pat"; then
        bad "$name: body lacks '$pat'"; printf '%s\n' "$body" | head -5; return
    fi
    ok
}
JS='-H Content-Type:application/json -X POST'
D1='"The fire service said three people were killed at the harbor on Monday night, fire chief Ana Ruiz said."'
D2='"At least five people died in the harbor fire on Monday, the hospital said on Tuesday."'
J="{\"documents\":[$D1,$D2],\"words\":20}"

# --- the page, health, version, metrics, example
expect page 200 '<html' "$URL/"
expect page-index 200 '<html' "$URL/index.html"
expect page-post 405 'use GET' -X POST "$URL/"
expect health 200 'ok' "$URL/healthz"
expect health-v1 200 'ok' "$URL/v1/healthz"
expect version 200 '"version"' "$URL/version"
expect version-v1 200 '"version"' "$URL/v1/version"
expect example 200 '"000_newswire.txt"' "$URL/v1/example"
expect head 200 '' -I "$URL/healthz"
allow=$(curl -s -D - -o /dev/null -X DELETE "$URL/v1/summarize" | tr -d '\r' | sed -n 's/^Allow: //p')
[ "$allow" = POST ] && ok || bad "405 Allow header: '$allow'"

# --- the JSON API, its alias and /v1/brief
expect api 200 '"sentences":\[{"text":' $JS -d "$J" "$URL/v1/summarize"
expect api-alias 200 '"sentences":\[{"text":' $JS -d "$J" "$URL/api/summarize"
expect api-charset 200 '"sentences"' -H 'Content-Type: Application/JSON; charset=utf-8' -d "$J" "$URL/v1/summarize"
expect api-text 200 'the hospital said' $JS -d "{\"documents\":[$D2],\"format\":\"text\",\"words\":50}" "$URL/v1/summarize"
expect api-objects 200 '"source":"Harbor Post"' $JS -d "{\"documents\":[{\"text\":$D1,\"source\":\"Harbor Post\",\"id\":\"a\"},{\"html\":\"<p>\"}, $D2],\"sentences\":1}" "$URL/v1/summarize"
expect api-texts 200 '"text":"The fire service said three' $JS -d "{\"documents\":[$D1,$D2],\"texts\":true,\"algo\":\"lead\",\"order\":\"rank\",\"truncate\":false,\"query\":\"fire\",\"bytes\":300}" "$URL/v1/summarize"
expect brief 200 '"conflicts":\[{' $JS -d "$J" "$URL/v1/brief"
expect brief-alias 200 '"brief":' $JS -d "$J" "$URL/api/brief"
expect brief-flag 200 '"brief":' $JS -d "{\"documents\":[$D1,$D2],\"brief\":true}" "$URL/v1/summarize"
curl -s "$URL/v1/example" >"$TMP/ex.json"
expect example-summarize 200 '"quotes":\[{' $JS --data-binary "@$TMP/ex.json" "$URL/v1/brief"

# --- every refusal names what is wrong
expect unknown-key 400 '"key":"word"' $JS -d '{"documents":["a b c"],"word":20}' "$URL/v1/summarize"
expect unknown-doc-key 400 '"key":"documents\[0\].txt"' $JS -d '{"documents":[{"txt":"a b c"}]}' "$URL/v1/summarize"
expect doc-key-utf8 400 'unknown key' $JS -d '{"documents":[{"text":"a","ééééééééééééééééééééééééééééééééééééééééééééé":1}]}' "$URL/v1/summarize"
expect doc-two-bodies 400 'one of' $JS -d '{"documents":[{"text":"a","html":"b"}]}' "$URL/v1/summarize"
expect doc-meta-type 400 '"key":"documents\[0\].source"' $JS -d '{"documents":[{"text":"a","source":3}]}' "$URL/v1/summarize"
expect doc-type 400 '"key":"documents\[1\]"' $JS -d '{"documents":["a",7]}' "$URL/v1/summarize"
expect bad-order 400 '"key":"order"' $JS -d '{"documents":["a b c"],"order":"bogus"}' "$URL/v1/summarize"
expect bad-algo 400 '"key":"algo"' $JS -d '{"documents":["a b c"],"algo":"magic"}' "$URL/v1/summarize"
expect bad-format 400 '"key":"format"' $JS -d '{"documents":["a b c"],"format":"pdf"}' "$URL/v1/summarize"
expect bad-words 400 '"key":"words"' $JS -d '{"documents":["a b c"],"words":"20"}' "$URL/v1/summarize"
expect zero-words 400 'from 1 to 100000' $JS -d '{"documents":["a b c"],"words":0}' "$URL/v1/summarize"
expect huge-words 400 '"key":"words"' $JS -d '{"documents":["a b c"],"words":100001}' "$URL/v1/summarize"
expect two-budgets 400 'one of words' $JS -d '{"documents":["a b c"],"words":5,"bytes":9}' "$URL/v1/summarize"
expect bad-flag 400 '"key":"truncate"' $JS -d '{"documents":["a b c"],"truncate":1}' "$URL/v1/summarize"
expect bad-query 400 '"key":"query"' $JS -d '{"documents":["a b c"],"query":[]}' "$URL/v1/summarize"
expect texts-format 400 '"key":"texts"' $JS -d '{"documents":["a b c"],"texts":true,"format":"text"}' "$URL/v1/summarize"
expect no-docs 400 '"key":"documents"' $JS -d '{"words":5}' "$URL/v1/summarize"
expect docs-type 400 'must be an array' $JS -d '{"documents":"a b c"}' "$URL/v1/summarize"
expect docs-empty 400 'is empty' $JS -d '{"documents":[]}' "$URL/v1/summarize"
expect not-object 400 'must be a JSON object' $JS -d '[1,2]' "$URL/v1/summarize"
expect duplicate-key 400 'duplicate' $JS -d '{"words":5,"words":6}' "$URL/v1/summarize"
expect bad-json 400 '"line":2,"column":1' $JS --data-binary "$(printf '{"documents": [\n,')" "$URL/v1/summarize"
expect empty-docs 400 '"code":4' $JS -d '{"documents":["   ",""]}' "$URL/v1/summarize"
expect binary-doc 400 '"key":"documents\[0\]"' $JS -d '{"documents":["\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0001\u0002\u0003\u0004\u0005"]}' "$URL/v1/summarize"
expect no-sentence 400 '"code":4' $JS -d '{"documents":["..."]}' "$URL/v1/summarize"
expect wrong-type 415 'application/json' -X POST -H 'Content-Type: text/plain' -d "$J" "$URL/v1/summarize"
expect no-type 415 'application/json' -X POST --data-binary "$J" -H 'Content-Type:' "$URL/v1/summarize"
expect form-type 415 'application/json' -X POST -d "$J" "$URL/v1/brief"
expect api-get 405 'use POST' "$URL/v1/summarize"
expect not-found 404 'no such resource' "$URL/nope"
expect not-found-v2 404 'no such resource' "$URL/v2/summarize"
i=0; docs=""
while [ $i -lt 501 ]; do docs="$docs\"d\","; i=$((i + 1)); done
expect too-many-docs 413 '"key":"documents"' $JS -d "{\"documents\":[${docs%,}]}" "$URL/v1/summarize"

# --- bodies over --max-body: refused on the declared length, before the body is sent
head -c 300000 /dev/zero | tr '\0' 'a' >"$TMP/big"
expect too-big 413 'too large' $JS --data-binary "@$TMP/big" "$URL/v1/summarize"
# without "Expect: 100-continue" the client sends at once: the 413 comes before 20 MB are taken
head -c 20000000 /dev/zero | tr '\0' 'a' >"$TMP/big20"
up=$(curl -s -o /dev/null -w '%{http_code} %{size_upload}' -H 'Expect:' $JS --data-binary "@$TMP/big20" "$URL/v1/summarize")
rm -f "$TMP/big20"
case "$up" in "413 "*) [ "${up#413 }" -lt 20000000 ] && ok || bad "413 after the whole body was sent ($up)";;
*) bad "too-big without Expect: $up";; esac
expect too-big-chunked 413 'too large' $JS -H 'Transfer-Encoding: chunked' --data-binary "@$TMP/big" "$URL/v1/summarize"
expect too-big-form 413 'too large' -X POST --data-binary "@$TMP/big" "$URL/summarize"

# --- the script-less form
expect form 200 '<ol>' -X POST --data-urlencode "text@$SRC/examples/harbor-fire/000_newswire.txt" --data 'algo=lexrank&words=50' "$URL/summarize"
expect form-brief 200 'Story brief' -X POST --data-urlencode "text@$SRC/examples/harbor-fire/000_newswire.txt" --data 'words=50&brief=1' "$URL/summarize"
expect form-empty 400 'Cannot summarize' -X POST --data 'text=&words=50' "$URL/summarize"
expect form-words 400 'word budget' -X POST --data 'text=a+b&words=0' "$URL/summarize"
expect form-json 415 'x-www-form-urlencoded' $JS -d "$J" "$URL/summarize"
expect still-up 200 'ok' "$URL/healthz"

# --- metrics count what was answered; the access log has a line per request
m=$(curl -s "$URL/metrics")
for want in 'newsfuse_http_requests_total{route="/v1/summarize",status="200"}' \
    'newsfuse_http_errors_total{route="/v1/summarize",status="415"}' \
    'newsfuse_http_errors_total{route="other",status="404"}' \
    'newsfuse_http_request_duration_seconds_bucket{route="/v1/brief",le="+Inf"}' \
    'newsfuse_http_request_bytes_total{route="/v1/summarize"}' \
    'newsfuse_http_response_bytes_total{route="/v1/brief"}' \
    'newsfuse_http_requests_in_flight ' 'newsfuse_process_resident_memory_bytes'; do
    printf '%s\n' "$m" | grep -qF "$want" && ok || bad "metrics lack $want"
done
n413=$(printf '%s\n' "$m" | sed -n 's/^newsfuse_http_requests_total{route="\/v1\/summarize",status="413"} //p')
[ "$n413" = 4 ] && ok || bad "metrics: $n413 413s on /v1/summarize, want 4"
grep -q '"POST /v1/summarize HTTP/1.1" 415 ' "$LOG" && ok || bad "no access log line for the 415"
grep -q '"GET /nope HTTP/1.1" 404 ' "$LOG" && ok || bad "no access log line for the 404"

# --- graceful shutdown: a slow upload in flight at SIGTERM is still answered, then exit 0
{ printf 'POST /v1/brief HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %s\r\nConnection: close\r\n\r\n' "$(wc -c <"$TMP/ex.json")"; } >"$TMP/head"
( cat "$TMP/head"; head -c 100 "$TMP/ex.json"; sleep 1.5; tail -c +101 "$TMP/ex.json" ) |
    curl -s -m 20 --no-buffer "telnet://127.0.0.1:$PORT" >"$TMP/slow" 2>/dev/null &
CPID=$!
i=0 # signal once the server holds the slow request (it and this /metrics request in flight)
until curl -s "$URL/metrics" | grep -q '^newsfuse_http_requests_in_flight 2$' || [ $i -gt 100 ]; do
    i=$((i + 1)); sleep 0.05
done
kill -TERM $PID
wait $CPID
wait $PID; rc=$?
PID=
head -n 1 "$TMP/slow" | grep -q '200 OK' && ok || { bad "request in flight at SIGTERM: $(head -n 1 "$TMP/slow")"; }
grep -q '"quotes":\[{' "$TMP/slow" && ok || bad "request in flight at SIGTERM: no brief"
[ "$rc" = 0 ] && ok || bad "exit status $rc after SIGTERM"
grep -q 'stopped' "$LOG" && ok || bad "no 'stopped' line"

# --- --quiet: no access log; bad options: exit 2
start --quiet
curl -s "$URL/healthz" >/dev/null
kill -INT $PID; wait $PID; rc=$?; PID=
[ "$rc" = 0 ] && ok || bad "exit status $rc after SIGINT"
grep -q 'HTTP/1.1' "$LOG" && bad "--quiet still logs requests" || ok
"$SRV" --threads 0 2>/dev/null; [ $? = 2 ] && ok || bad "--threads 0 is not a usage error"
"$SRV" --port 2>/dev/null; [ $? = 2 ] && ok || bad "--port without a value is not a usage error"
"$SRV" --help | grep -q 'usage: newsfuse-server' && ok || bad "--help"
echo "server.sh: $pass passed, $fail failed"
[ "$fail" = 0 ]
