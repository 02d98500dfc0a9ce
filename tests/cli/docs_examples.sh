#!/bin/sh
# Every example command of README.md, man/*.1 and docs/*.md runs as written (exit 0), from a
# copy of the source tree's layout with `newsfuse` on the PATH; the output shown in ```console
# blocks must match byte for byte. Server examples (newsfuse-server, curl) belong to
# tests/cli/server.sh; `make` targets are the developer's (make check runs this test); examples
# that read ../shared are skipped when it is absent. See tests/docs/extract.awk for the rules.
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
    *newsfuse-server* | *curl\ *) reason=${reason:-"a server example: tests/cli/server.sh runs the HTTP API"} ;;
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
