#!/bin/sh
# Every example command of README.md, man/*.1 and docs/*.md runs as written (exit 0), from a
# copy of the source tree's layout with `newsfuse` on the PATH; the output shown in ```console
# blocks must match byte for byte. The curl examples run as written against a newsfuse-server
# this test starts on port 8080, the port they name (skipped with a message when 8080 is taken
# or curl is missing); the command that starts a server is what this test does itself, and every
# route and error is tests/cli/server.sh's. `make` targets are the developer's (make check runs
# this test); examples that read ../shared are skipped when it is absent. See
# tests/docs/extract.awk for the rules.
# args: CLI SOURCE_DIR SHARED_DIR
NF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
SHARED=$3
BUILD=$(dirname "$NF")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir "$T/ex" "$T/bin" "$T/repo"
ln -s "$NF" "$T/bin/newsfuse"
[ -x "$BUILD/newsfuse-server" ] && ln -s "$BUILD/newsfuse-server" "$T/bin/newsfuse-server"
# the repository's layout, with build/ the build directory under test and ../shared beside it
for e in "$SRC"/* "$SRC"/.[!.]*; do
    [ -e "$e" ] || continue
    case $(basename "$e") in build | build-* | .git) continue ;; esac
    ln -s "$e" "$T/repo/$(basename "$e")"
done
ln -s "$BUILD" "$T/repo/build"
[ -d "$SHARED" ] && ln -s "$(cd "$SHARED" && pwd)" "$T/shared"

n=0
for f in "$SRC/README.md" "$SRC"/man/*.1 "$SRC"/docs/*.md; do
    [ -f "$f" ] || continue
    awk -v dir="$T/ex" -v start="$n" -f "$SRC/tests/docs/extract.awk" "$f" || exit 1
    n=$(cat "$T/ex/count")
done
[ "$n" -ge 20 ] || { echo "FAIL: only $n examples found (extraction broken?)"; exit 1; }

# the server the curl examples talk to
SERVER_PID=
server_reason="no newsfuse-server or curl here"
if [ -x "$BUILD/newsfuse-server" ] && command -v curl >/dev/null 2>&1; then
    if curl -s -o /dev/null --max-time 2 http://127.0.0.1:8080/ 2>/dev/null; then
        server_reason="port 8080 is already in use"
    else
        "$BUILD/newsfuse-server" --port 8080 --threads 2 --quiet >"$T/server.log" 2>&1 &
        SERVER_PID=$!
        trap 'kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null; rm -rf "$T"' EXIT
        k=0
        while [ $k -lt 50 ] && ! curl -s -o /dev/null --max-time 1 http://127.0.0.1:8080/v1/healthz; do
            sleep 0.1
            k=$((k + 1))
        done
        if curl -s -o /dev/null --max-time 1 http://127.0.0.1:8080/v1/healthz; then
            server_reason=
        else
            server_reason="newsfuse-server did not start on 8080: $(head -c 200 "$T/server.log")"
        fi
    fi
fi

pass=0
fail=0
skipped=0
pages=0
# every subcommand that `newsfuse --help` lists has its man page, named in newsfuse.1
for c in $("$NF" --help | awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on = 0}'); do
    if [ ! -f "$SRC/man/newsfuse-$c.1" ]; then
        echo "FAIL: subcommand '$c' has no man page man/newsfuse-$c.1"; fail=$((fail + 1))
    elif ! grep -qF "newsfuse\\-$c" "$SRC/man/newsfuse.1"; then
        echo "FAIL: man/newsfuse.1 does not name newsfuse-$c"; fail=$((fail + 1))
    else
        pages=$((pages + 1))
    fi
done
[ $pages -ge 7 ] || { echo "FAIL: only $pages subcommands with a man page"; fail=$((fail + 1)); }
i=0
while [ $i -lt "$n" ]; do
    i=$((i + 1))
    b=$T/ex/$(printf '%03d' $i)
    cmd=$(cat "$b.cmd")
    where=$(sed "s|^$SRC/||" "$b.where")
    reason=
    [ -f "$b.skip" ] && reason=$(cat "$b.skip")
    case $cmd in
    *newsfuse-server\ --port*) reason=${reason:-"starts a server: this test started one on 8080"} ;;
    *curl\ *) [ -n "$server_reason" ] && reason=${reason:-"a server example: $server_reason"} ;;
    make\ *) reason=${reason:-"a make target (make check is what runs this test)"} ;;
    esac
    case $cmd in
    *../shared*) [ -d "$T/shared" ] || reason=${reason:-"needs ../shared, which is absent"} ;;
    esac
    if [ -n "$reason" ]; then
        echo "skip $where: $cmd  ($reason)"
        skipped=$((skipped + 1))
        continue
    fi
    (cd "$T/repo" && PATH="$T/bin:$PATH" timeout 300 sh -c "$cmd") >"$T/stdout" 2>"$T/stderr" </dev/null
    rc=$?
    if [ $rc -ne 0 ]; then
        echo "FAIL $where: exit $rc: $cmd"
        head -5 "$T/stderr"
        fail=$((fail + 1))
    elif [ -f "$b.out" ] && ! cmp -s "$b.out" "$T/stdout"; then
        echo "FAIL $where: the output differs from the one shown: $cmd"
        diff "$b.out" "$T/stdout" | head -10
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
done
echo "docs examples: $pass ran, $fail failed, $skipped skipped (of $n); $pages subcommand man pages"
[ $fail -eq 0 ]
