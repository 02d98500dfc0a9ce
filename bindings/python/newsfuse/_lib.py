"""Finding libnewsfuse.so and declaring the C functions the package calls (ctypes).

Only public ``nf_*`` functions of include/newsfuse.h are used: the shared library exports nothing
else. ctypes releases the GIL for the duration of every call through a ``CDLL`` function, so
threads that summarize different clusters run in parallel.

The library is looked for, first match wins:

1. ``NEWSFUSE_LIB``: the path of the ``.so`` file, or a directory holding ``libnewsfuse.so``;
2. the build directory of the source tree: the one recorded when the package was installed from
   it (``_build_dir.py``, written by setup.py), then ``../../build`` seen from this file;
3. the installed library: the system's search (``ldconfig``), then ``$PREFIX/lib`` for the usual
   prefixes (``make install`` uses /usr/local).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from ctypes import (POINTER, Structure, c_char, c_char_p, c_double, c_int, c_long, c_longlong,
                    c_size_t, c_uint, c_void_p)
from pathlib import Path
from typing import List, Optional

_NAMES = ("libnewsfuse.so", "libnewsfuse.so.0")


def _in_dir(d: Path) -> Optional[Path]:
    for n in _NAMES:
        p = d / n
        if p.is_file():
            return p
    return None


def candidates() -> List[str]:
    """Where the library is looked for, in order (paths that exist, and bare names for the
    dynamic loader)."""
    out: List[str] = []
    env = os.environ.get("NEWSFUSE_LIB")
    if env:
        p = Path(env)
        found = _in_dir(p) if p.is_dir() else p
        out.append(str(found if found else p))
    dirs = []
    try:
        from . import _build_dir  # written at install time; absent in the source tree
        dirs.append(Path(_build_dir.BUILD_DIR))
    except ImportError:
        pass
    dirs.append(Path(__file__).resolve().parent.parent.parent.parent / "build")
    for d in dirs:
        f = _in_dir(d)
        if f:
            out.append(str(f))
    name = ctypes.util.find_library("newsfuse")
    if name:
        out.append(name)
    for prefix in ("/usr/local/lib", "/usr/local/lib64", "/usr/lib", "/usr/lib64",
                   "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu"):
        f = _in_dir(Path(prefix))
        if f:
            out.append(str(f))
    return out


class Error(Structure):
    """struct nf_error."""

    _fields_ = [("code", c_int), ("msg", c_char * 256), ("doc", c_long), ("line", c_long),
                ("byte_pos", c_longlong)]


class Options(Structure):
    """struct nf_options (field order and types as in newsfuse.h)."""

    _fields_ = [("size", c_size_t), ("algo", c_int), ("unit", c_int), ("budget", c_size_t), ("order", c_int),
                ("flags", c_uint), ("redundancy", c_double), ("dup_threshold", c_double),
                ("query", c_char_p), ("query_len", c_size_t), ("time_limit", c_double),
                ("min_words", c_size_t)]


class RougeOptions(Structure):
    """struct nf_rouge_options."""

    _fields_ = [("size", c_size_t), ("max_n", c_int), ("skip_distance", c_int), ("flags", c_uint),
                ("word_limit", c_size_t), ("byte_limit", c_size_t), ("scoring", c_int),
                ("alpha", c_double), ("weight", c_double), ("count", c_int),
                ("confidence", c_double), ("resamples", c_size_t), ("peer_id", c_char_p)]


class ClustererOptions(Structure):
    """struct nf_clusterer_options."""

    _fields_ = [("threshold", c_double), ("dup_threshold", c_double),
                ("window_seconds", ctypes.c_longlong), ("window_articles", c_size_t),
                ("max_bytes", c_size_t), ("flags", c_uint)]


class Assignment(Structure):
    """struct nf_assignment."""

    _fields_ = [("article", c_size_t), ("story", c_size_t), ("id", c_char_p),
                ("dup_of", ctypes.c_longlong), ("dup_of_id", c_char_p), ("similarity", c_double),
                ("is_new", c_int)]


class RougeText(Structure):
    """struct nf_rouge_text."""

    _fields_ = [("label", c_char_p), ("p", c_char_p), ("n", c_size_t)]


def _declare(lib: ctypes.CDLL) -> None:
    ep, vp, sz, st = POINTER(Error), c_void_p, c_size_t, c_int
    pp, psz = POINTER(c_void_p), POINTER(c_size_t)
    sig = {
        "nf_version": (c_char_p, []),
        "nf_strerror": (c_char_p, [st]),
        "nf_algo_from_name": (c_int, [c_char_p]),
        "nf_options_init_size": (None, [POINTER(Options), c_size_t]),
        "nf_ctx_new": (st, [c_char_p, vp, pp, ep]),
        "nf_ctx_free": (None, [vp]),
        "nf_ctx_load_idf": (st, [vp, c_char_p, sz, ep]),
        "nf_cluster_new": (st, [vp, pp]),
        "nf_cluster_free": (None, [vp]),
        "nf_cluster_add_json": (st, [vp, c_char_p, sz, ep]),
        "nf_cluster_id": (c_char_p, [vp]),
        "nf_cluster_field": (c_char_p, [vp, c_char_p]),
        "nf_summarize": (st, [vp, vp, POINTER(Options), pp, ep]),
        "nf_summary_free": (None, [vp]),
        "nf_render": (st, [vp, vp, POINTER(Options), c_int, pp, psz, ep]),
        "nf_string_free": (None, [vp, vp]),
        "nf_brief_build": (st, [vp, vp, POINTER(Options), pp, ep]),
        "nf_brief_free": (None, [vp]),
        "nf_brief_render": (st, [vp, vp, vp, c_int, pp, psz, ep]),
        "nf_rouge_options_init_size": (None, [POINTER(RougeOptions), c_size_t]),
        "nf_rouge_new": (st, [POINTER(RougeOptions), vp, pp, ep]),
        "nf_rouge_free": (None, [vp]),
        "nf_rouge_add": (st, [vp, c_char_p, c_char_p, sz, POINTER(RougeText), sz, ep]),
        "nf_rouge_render": (st, [vp, c_int, c_uint, pp, psz, ep]),
        "nf_rouge_string_free": (None, [vp, vp]),
    }
    if hasattr(lib, "nf_clusterer_new"):
        sig.update({
            "nf_clusterer_options_init": (None, [POINTER(ClustererOptions)]),
            "nf_clusterer_new": (st, [vp, POINTER(ClustererOptions), vp, pp, ep]),
            "nf_clusterer_free": (None, [vp]),
            "nf_clusterer_add_json": (st, [vp, c_char_p, sz, POINTER(Assignment), ep]),
        })
    for name, (res, args) in sig.items():
        f = getattr(lib, name)
        f.restype = res
        f.argtypes = args


def load() -> ctypes.CDLL:
    """Load libnewsfuse from the first candidate that loads; OSError listing them all when none
    does."""
    tried = []
    for c in candidates():
        try:
            lib = ctypes.CDLL(c)
        except OSError as e:
            tried.append(f"{c}: {e}")
            continue
        _declare(lib)
        return lib
    raise OSError("libnewsfuse.so not found; build it with `make` and set NEWSFUSE_LIB to its "
                  "path (tried: " + ("; ".join(tried) if tried else "nothing found") + ")")


LIB = load()

# Whether the loaded library has the story clustering API (nf_clusterer_*): newsfuse.cluster().
HAS_CLUSTERER = hasattr(LIB, "nf_clusterer_new")
