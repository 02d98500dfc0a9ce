#!/bin/sh
# The HTTP service end to end on 127.0.0.1: page, health, JSON API, form, limits, errors.
NF=$1
SRC=$2
SRV=$(dirname "$NF")/newsfuse-server
[ -x "$SRV" ] || { echo "SKIP: newsfuse-server was not built (libmicrohttpd missing)"; exit 77; }
command -v curl >/dev/null || { echo "SKIP: curl is not installed"; exit 77; }
PORT=$((20000 + $$ % 20000))
LOG=$(mktemp)
"$SRV" --port "$PORT" --threads 2 --max-body 200000 2>"$LOG" &
PID=$!
trap 'kill $PID 2>/dev/null; rm -f "$LOG"' EXIT
URL=http://127.0.0.1:$PORT
i=0
until curl -s "$URL/healthz" >/dev/null 2>&1; do
    i=$((i + 1)); [ $i -gt 50 ] && { echo "FAIL: server did not start"; cat "$LOG"; exit 1; }
    sleep 0.1
done
pass=0
fail=0
expect() { # name, want http code, grep pattern ('' for none), curl args...
    name=$1; want=$2; pat=$3; shift 3
    body=$(curl -s -m 20 -w '\n%{http_code}' "$@")
    code=$(printf '%s' "$body" | tail -n 1)
    if [ "$code" != "$want" ]; then echo "FAIL $name: HTTP $code, want $want"; fail=$((fail + 1)); return; fi
    if [ -n "$pat" ] && ! printf '%s' "$body" | grep -q -- "$pat"; then
        echo "FAIL $name: body lacks '$pat'"; printf '%s\n' "$body" | head -5; fail=$((fail + 1)); return
    fi
    pass=$((pass + 1))
}
J='{"documents":["A fire broke out at the harbor on Monday night. Three workers died, the fire service said on Tuesday.","Crews fought the blaze at the harbor for six hours, the mayor said. At least five people died, the hospital said."],"words":20}'
expect page 200 '<form method="post"' "$URL/"
expect health 200 'ok' "$URL/healthz"
expect version 200 '"version"' "$URL/version"
expect api 200 '"sentences":\[{"text":' -X POST -H 'Content-Type: application/json' -d "$J" "$URL/api/summarize"
expect api-text 200 'the mayor said' -X POST -d '{"documents":["Crews fought the blaze at the harbor for six hours, the mayor said."],"format":"text","words":50}' "$URL/api/summarize"
expect api-bad-json 400 '"error"' -X POST -d '{"documents": [' "$URL/api/summarize"
expect api-bad-algo 400 'unknown algo' -X POST -d '{"documents":["x y z"],"algo":"magic"}' "$URL/api/summarize"
expect api-empty 400 '"code":4' -X POST -d '{"documents":["   "]}' "$URL/api/summarize"
expect api-get 405 'use POST' "$URL/api/summarize"
expect form 200 '<ol>' -X POST --data-urlencode "text@$SRC/examples/harbor-fire/000_newswire.txt" --data 'algo=lexrank&words=50' "$URL/summarize"
expect api-brief 200 '"brief":' -X POST -d '{"documents":["The fire service said three people were killed, fire chief Ana Ruiz said on Monday.","The hospital said at least five people were killed in the fire on Monday."],"brief":true}' "$URL/api/summarize"
expect form-brief 200 'Where the sources disagree\|Story brief' -X POST --data-urlencode "text@$SRC/examples/harbor-fire/000_newswire.txt" --data 'words=50&brief=1' "$URL/summarize"
expect form-empty 400 'Cannot summarize' -X POST --data 'text=&words=50' "$URL/summarize"
expect not-found 404 'no such resource' "$URL/nope"
head -c 300000 /dev/zero | tr '\0' 'a' >"$LOG.big"
expect too-big 413 'too large' -X POST --data-binary "@$LOG.big" "$URL/api/summarize"
rm -f "$LOG.big"
expect still-up 200 'ok' "$URL/healthz"
echo "server.sh: $pass passed, $fail failed"
[ "$fail" = 0 ]
