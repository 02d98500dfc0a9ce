"""newsfuse: extractive summaries and story briefs of news clusters, from Python.

A thin ctypes layer over libnewsfuse.so (the C library of this repository). Every function returns
plain dicts shaped as documented in docs/json.md, and :func:`batch_lines` writes the very bytes
``newsfuse batch`` writes. The C calls run without the GIL, so threads summarize in parallel.

>>> import newsfuse
>>> s = newsfuse.summarize(["The dam held on Sunday, officials said. ...", "..."], words=50)
>>> [x["text"] for x in s["sentences"]]

A cluster is given as a JSON-style record ``{"id": ..., "documents": [...]}`` or as a list of
documents; a document is a string or a dict with ``text`` and optional ``title``, ``source``,
``url``, ``date``.
"""

from __future__ import annotations

import ctypes
import json
import threading
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _lib
from ._lib import LIB

__all__ = ["NewsfuseError", "version", "summarize", "brief", "rouge", "rouge_corpus", "batch",
           "batch_lines", "cluster", "library_path"]

Document = Union[str, Mapping[str, Any]]
Record = Union[Mapping[str, Any], Sequence[Document]]

_FORMAT_JSON = 1
_UNITS = {"words": 0, "bytes": 1, "sentences": 2}
_ORDERS = {"source": 0, "rank": 1}
_FLAGS = {"truncate": 1 << 0, "keep_boilerplate": 1 << 1, "no_dedup": 1 << 2, "trim": 1 << 4}


class NewsfuseError(Exception):
    """A libnewsfuse call failed. ``code`` is the nf_status number, ``message`` the library's
    message; ``line`` and ``byte_pos`` are the position of the problem, or -1."""

    def __init__(self, code: int, raw: bytes, line: int = -1, byte_pos: int = -1) -> None:
        self.message = raw.decode("utf-8", "replace")
        super().__init__(self.message)
        self.code = code
        self.raw = raw
        self.line = line
        self.byte_pos = byte_pos


def _raw_message(st: int, err: _lib.Error) -> bytes:
    return err.msg if err.msg else LIB.nf_strerror(st)


def _check(st: int, err: _lib.Error) -> None:
    if st != 0:
        raise NewsfuseError(st, _raw_message(st, err), err.line, err.byte_pos)


def version() -> str:
    """The version of the loaded libnewsfuse ("0.1.0")."""
    return LIB.nf_version().decode()


def library_path() -> str:
    """The file libnewsfuse was loaded from."""
    return str(LIB._name)


# ---- contexts: one per thread, language and idf table ---------------------------------------

class _Ctx:
    def __init__(self, lang: str, idf: Optional[str]) -> None:
        self.ptr = ctypes.c_void_p()
        err = _lib.Error()
        _check(LIB.nf_ctx_new(lang.encode(), None, ctypes.byref(self.ptr), ctypes.byref(err)), err)
        if idf:
            with open(idf, "rb") as f:
                data = f.read()
            _check(LIB.nf_ctx_load_idf(self.ptr, data, len(data), ctypes.byref(err)), err)

    def __del__(self) -> None:
        ptr, self.ptr = getattr(self, "ptr", None), None
        if ptr and LIB is not None:  # LIB may be gone at interpreter exit
            LIB.nf_ctx_free(ptr)


_local = threading.local()


def _ctx(lang: str, idf: Optional[str]) -> _Ctx:
    """This thread's context for (lang, idf): nf_ctx is per-thread state (the stemmer)."""
    cache = getattr(_local, "ctxs", None)
    if cache is None:
        cache = _local.ctxs = {}
    key = (lang, idf)
    if key not in cache:
        cache[key] = _Ctx(lang, idf)
    return cache[key]


# ---- options --------------------------------------------------------------------------------

def _options(words: Optional[int] = None, bytes: Optional[int] = None,
             sentences: Optional[int] = None, algo: str = "auto", order: str = "source",
             truncate: bool = False, query: Optional[str] = None,
             redundancy: Optional[float] = None, min_words: Optional[int] = None,
             keep_boilerplate: bool = False, no_dedup: bool = False) -> Tuple[_lib.Options, Any]:
    o = _lib.Options()
    LIB.nf_options_init_size(ctypes.byref(o), ctypes.sizeof(o))
    given = [(u, v) for u, v in (("words", words), ("bytes", bytes), ("sentences", sentences))
             if v is not None]
    if len(given) > 1:
        raise ValueError("give one of words, bytes, sentences")
    if given:
        o.unit = _UNITS[given[0][0]]
        o.budget = int(given[0][1])
    a = LIB.nf_algo_from_name(algo.encode())
    if a < 0:
        raise ValueError(f"unknown algo {algo!r}")
    o.algo = a
    if order not in _ORDERS:
        raise ValueError("order must be 'source' or 'rank'")
    o.order = _ORDERS[order]
    for name, on in (("truncate", truncate), ("keep_boilerplate", keep_boilerplate),
                     ("no_dedup", no_dedup)):
        if on:
            o.flags |= _FLAGS[name]
    if redundancy is not None:
        o.redundancy = float(redundancy)
    if min_words is not None:
        o.min_words = int(min_words)
    keep = None
    if query is not None:
        keep = query.encode()
        o.query = keep
        o.query_len = len(keep)
    return o, keep  # keep: the query's bytes must outlive the struct


class _Cluster:
    """An nf_cluster filled from one JSON record line (bytes)."""

    def __init__(self, line: bytes) -> None:
        self.ptr = ctypes.c_void_p()
        if LIB.nf_cluster_new(None, ctypes.byref(self.ptr)) != 0:
            raise MemoryError("nf_cluster_new")
        self.err = _lib.Error()
        self.status = LIB.nf_cluster_add_json(self.ptr, line, len(line), ctypes.byref(self.err))

    def string(self, p: ctypes.c_void_p, n: ctypes.c_size_t) -> bytes:
        out = ctypes.string_at(p, n.value)
        LIB.nf_string_free(self.ptr, p)
        return out

    def close(self) -> None:
        if self.ptr:
            LIB.nf_cluster_free(self.ptr)
            self.ptr = None

    def __enter__(self) -> "_Cluster":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _record_line(record: Record) -> bytes:
    if isinstance(record, Mapping):
        obj: Any = record
    elif isinstance(record, (str, bytes)):
        raise TypeError("a cluster is a record dict or a list of documents, not a string "
                        "(use batch_lines for JSON lines)")
    else:
        obj = {"documents": list(record)}
    return json.dumps(obj, ensure_ascii=False).encode()


def _summarize_cluster(c: _Cluster, ctx: _Ctx, o: _lib.Options, want_brief: bool) -> bytes:
    err = _lib.Error()
    s = ctypes.c_void_p()
    b = ctypes.c_void_p()
    out = ctypes.c_void_p()
    n = ctypes.c_size_t()
    try:
        _check(LIB.nf_summarize(ctx.ptr, c.ptr, ctypes.byref(o), ctypes.byref(s),
                                ctypes.byref(err)), err)
        if want_brief:
            _check(LIB.nf_brief_build(ctx.ptr, c.ptr, ctypes.byref(o), ctypes.byref(b),
                                      ctypes.byref(err)), err)
            _check(LIB.nf_brief_render(c.ptr, b, s, _FORMAT_JSON, ctypes.byref(out),
                                       ctypes.byref(n), ctypes.byref(err)), err)
        else:
            _check(LIB.nf_render(c.ptr, s, ctypes.byref(o), _FORMAT_JSON, ctypes.byref(out),
                                 ctypes.byref(n), ctypes.byref(err)), err)
        return c.string(out, n)
    finally:
        LIB.nf_brief_free(b)
        LIB.nf_summary_free(s)


def summarize(record: Record, *, words: Optional[int] = None, bytes: Optional[int] = None,
              sentences: Optional[int] = None, algo: str = "auto", order: str = "source",
              truncate: bool = False, query: Optional[str] = None,
              redundancy: Optional[float] = None, min_words: Optional[int] = None,
              keep_boilerplate: bool = False, no_dedup: bool = False, brief: bool = False,
              lang: str = "english", idf: Optional[str] = None) -> Dict[str, Any]:
    """Summarize one cluster; the summary object of docs/json.md.

    ``words``/``bytes``/``sentences`` set the budget (default 100 words); the other options are
    those of ``newsfuse summarize`` (``algo`` by name, ``order`` "source" or "rank"). With
    ``brief=True`` the object gets the story brief as its ``"brief"`` member. ``idf`` is the path
    of a table written by ``newsfuse idf``. Raises :class:`NewsfuseError` for bad input
    (``code`` 4: no text, 6: a malformed record, ...).
    """
    o, keep = _options(words, bytes, sentences, algo, order, truncate, query, redundancy,
                       min_words, keep_boilerplate, no_dedup)
    with _Cluster(_record_line(record)) as c:
        _check(c.status, c.err)
        out = _summarize_cluster(c, _ctx(lang, idf), o, brief)
    del keep
    return json.loads(out)


def brief(record: Record, *, keep_boilerplate: bool = False, no_dedup: bool = False,
          lang: str = "english") -> Dict[str, Any]:
    """The story brief of one cluster: ``{"version", "schema", "id", "brief"}`` with figures,
    conflicts, quotes, speakers, sources, near-duplicates, timeline and entities (docs/json.md,
    docs/brief.md). Rule-based, English."""
    o, _ = _options(keep_boilerplate=keep_boilerplate, no_dedup=no_dedup)
    ctx = _ctx(lang, None)
    with _Cluster(_record_line(record)) as c:
        _check(c.status, c.err)
        err = _lib.Error()
        b = ctypes.c_void_p()
        out = ctypes.c_void_p()
        n = ctypes.c_size_t()
        try:
            _check(LIB.nf_brief_build(ctx.ptr, c.ptr, ctypes.byref(o), ctypes.byref(b),
                                      ctypes.byref(err)), err)
            _check(LIB.nf_brief_render(c.ptr, b, None, _FORMAT_JSON, ctypes.byref(out),
                                       ctypes.byref(n), ctypes.byref(err)), err)
            text = c.string(out, n)
        finally:
            LIB.nf_brief_free(b)
    return json.loads(text)


def cluster(articles: Iterable[Dict[str, Any]], *, threshold: Optional[float] = None,
            window_seconds: int = 0, window_articles: int = 0, lang: str = "english"
            ) -> List[Dict[str, Any]]:
    """Group a stream of articles into stories, as ``newsfuse cluster`` does.

    ``articles`` are dicts ``{"id", "text", "title"?, "source"?, "url"?, "date"?}`` in arrival
    order. Returns one dict per article, in order: ``{"id", "story", "duplicate_of"?}`` (story
    numbers from 0 in order of creation; ``duplicate_of`` is the id of the article it is a
    near-copy of), or ``{"id"?, "article", "error"}`` for an article that cannot be read; the
    others are clustered all the same. ``window_seconds`` (needs "date") or ``window_articles``
    bound memory by the window. Feeding the articles one call at a time gives the same stories.
    """
    if not _lib.HAS_CLUSTERER:
        raise NewsfuseError(1, "the loaded libnewsfuse has no nf_clusterer_* functions")
    ctx = _ctx(lang, None)
    o = _lib.ClustererOptions()
    LIB.nf_clusterer_options_init(ctypes.byref(o))
    if threshold is not None:
        o.threshold = threshold
    o.window_seconds = window_seconds
    o.window_articles = window_articles
    k = ctypes.c_void_p()
    err = _lib.Error()
    _check(LIB.nf_clusterer_new(ctx.ptr, ctypes.byref(o), None, ctypes.byref(k),
                                ctypes.byref(err)), err)
    out: List[Dict[str, Any]] = []
    try:
        for n, art in enumerate(articles):
            line = json.dumps(art, ensure_ascii=False).encode()
            a = _lib.Assignment()
            err = _lib.Error()
            st = LIB.nf_clusterer_add_json(k, line, len(line), ctypes.byref(a), ctypes.byref(err))
            if st != 0:
                rec: Dict[str, Any] = {"article": n, "error": _raw_message(st, err)}
                if isinstance(art, dict) and "id" in art:
                    rec = {"id": art["id"], **rec}
                out.append(rec)
                continue
            rec = {"id": a.id.decode() if a.id else None, "story": int(a.story)}
            if a.dup_of >= 0:
                rec["duplicate_of"] = a.dup_of_id.decode() if a.dup_of_id else int(a.dup_of)
            out.append(rec)
    finally:
        LIB.nf_clusterer_free(k)
    return out


from ._batch import batch, batch_lines  # noqa: E402  (needs the helpers above)
from ._rouge import rouge, rouge_corpus  # noqa: E402
