#!/bin/sh
# The Python package (bindings/python): installed with `pip install bindings/python` into a fresh
# `python3 -m venv --system-site-packages` with no package index (offline), then its pytest suite
# run from the venv against the installed copy. Debian's python3 + python3-pytest; skipped (77)
# with a message when they are missing. Without venv/pip, the suite runs from the source tree.
NF=$1
SRC=$2
if [ -n "${NF_SANITIZED:-}" ]; then
    # an ASan libnewsfuse.so cannot be loaded into an uninstrumented python3
    echo "SKIP: sanitizer build"; exit 77
fi
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3 || true)
if [ -z "$PY" ]; then echo "SKIP python: no python3"; exit 77; fi
if ! "$PY" -c 'import pytest' 2>/dev/null; then
    echo "SKIP python: no pytest for $PY (Debian: python3-pytest)"; exit 77
fi
LIBDIR=$(cd "$(dirname "$NF")" && pwd)
if [ ! -e "$LIBDIR/libnewsfuse.so" ]; then echo "SKIP python: no $LIBDIR/libnewsfuse.so"; exit 77; fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export NEWSFUSE_CLI="$LIBDIR/$(basename "$NF")" NEWSFUSE_SRC="$(cd "$SRC" && pwd)"
unset NEWSFUSE_LIB PYTHONPATH
# pytest's cache would write into the source tree
if "$PY" -m venv --system-site-packages "$T/venv" >"$T/venv.log" 2>&1 &&
    "$T/venv/bin/python" -m pip --version >/dev/null 2>&1; then
    # no index: the install must not need the network. The copy keeps the source tree clean
    # (setuptools writes build/ and *.egg-info next to setup.py)
    cp -R "$NEWSFUSE_SRC/bindings/python" "$T/src"
    if ! PIP_NO_INDEX=1 NEWSFUSE_BUILD_DIR="$LIBDIR" "$T/venv/bin/python" -m pip install \
        --disable-pip-version-check -q "$T/src" >"$T/pip.log" 2>&1; then
        echo "FAIL python: pip install bindings/python"; cat "$T/pip.log"; exit 1
    fi
    rm -rf "$T/src"
    # from another directory: the installed package, found without NEWSFUSE_LIB
    cd "$T" || exit 1
    if ! "$T/venv/bin/python" -c 'import newsfuse, sys; sys.exit(0 if "site-packages" in newsfuse.__file__ else 1)'; then
        echo "FAIL python: the venv does not import the installed package"; exit 1
    fi
    exec "$T/venv/bin/python" -m pytest -q -rs -p no:cacheprovider "$NEWSFUSE_SRC/bindings/python/tests"
fi
echo "python: no venv/pip ($(head -1 "$T/venv.log")); running from the source tree"
export NEWSFUSE_LIB="$LIBDIR/libnewsfuse.so" PYTHONPATH="$NEWSFUSE_SRC/bindings/python"
exec "$PY" -m pytest -q -rs -p no:cacheprovider "$NEWSFUSE_SRC/bindings/python/tests"
