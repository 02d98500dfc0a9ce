"""Batch: one output line per input record line, byte for byte what ``newsfuse batch`` writes."""

from __future__ import annotations

import codecs
import json
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Deque, Dict, Iterable, Iterator, Mapping, Optional, Tuple, Union

from . import _lib
from . import NewsfuseError, _Cluster, _ctx, _options, _raw_message, _summarize_cluster
from ._lib import LIB

Line = Union[bytes, str]


def _per_byte(e: UnicodeDecodeError) -> Tuple[str, int]:
    # the CLI replaces each byte that does not start a valid UTF-8 sequence by U+FFFD
    return "\ufffd", e.start + 1


codecs.register_error("newsfuse-per-byte", _per_byte)


def _json_string(b: bytes) -> str:
    """b as a JSON string the way the CLI's jansson writes it (compact, UTF-8 kept, control
    characters as \\uXXXX in upper case, invalid UTF-8 bytes as U+FFFD)."""
    s = b.decode("utf-8", "newsfuse-per-byte")
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif o < 0x20:
            out.append({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}.get(o, "\\u%04X" % o))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _sniff_id(p: bytes) -> Optional[bytes]:
    """The id of a line that is not valid JSON, when a plain "id": "..." string can be seen (as
    the CLI does it: at most 255 bytes, no escapes)."""
    n = len(p)
    q = p.find(b'"id"')
    while q >= 0 and q + 4 < n:
        r = q + 4
        while r < n and p[r] in (32, 9):
            r += 1
        if r >= n or p[r] != 58:  # ':'
            q = p.find(b'"id"', q + 1)
            continue
        r += 1
        while r < n and p[r] in (32, 9):
            r += 1
        if r >= n or p[r] != 34:
            return None
        r += 1
        start = r
        while r < n and p[r] not in (34, 92) and r - start < 255:
            r += 1
        if r >= n or p[r] != 34:
            return None
        return p[start:r].split(b"\0", 1)[0]
    return None


def error_record(ident: Optional[bytes], line: int, message: bytes) -> bytes:
    """The CLI's error record ``{"id"?, "line", "error"}`` as one line."""
    head = '{"id":' + _json_string(ident) + "," if ident is not None else "{"
    return (head + '"line":%d,"error":' % line + _json_string(message) + "}\n").encode()


def _run(data: bytes, lineno: int, ctx: Any, o: _lib.Options, qfield: Optional[bytes]) -> bytes:
    with _Cluster(data) as c:
        msg = None
        if c.status != 0:
            msg = _raw_message(c.status, c.err)
        else:
            oj = _lib.Options.from_buffer_copy(o)
            if qfield:
                q = LIB.nf_cluster_field(c.ptr, qfield)
                if q is not None:
                    oj.query = q
                    oj.query_len = len(q)
            try:
                return _summarize_cluster(c, ctx, oj, False)
            except NewsfuseError as e:
                msg = e.raw
        return error_record(LIB.nf_cluster_id(c.ptr) or _sniff_id(data), lineno, msg)


def _numbered(lines: Iterable[Line], first: int) -> Iterator[Tuple[int, bytes]]:
    """(line number, record bytes) for each non-blank line; blank lines count but carry no
    record (as in the CLI)."""
    no = first - 1
    for raw in lines:
        no += 1
        b = raw.encode() if isinstance(raw, str) else bytes(raw)
        if b.endswith(b"\n"):
            b = b[:-1]
        if not b.strip(b" \t\r"):
            continue
        yield no, b


def batch_lines(lines: Iterable[Line], *, first_line: int = 1, threads: int = 1,
                query_field: Optional[str] = None, lang: str = "english",
                idf: Optional[str] = None, **options: Any) -> Iterator[bytes]:
    """Summarize JSON record lines; yield one output line (bytes, ending in a newline) per
    non-blank input line, in input order: exactly the bytes ``newsfuse batch`` writes for the
    same lines and options. A bad line yields an error record ``{"id"?, "line", "error"}``
    (``line`` counts from ``first_line``, blank lines included) and the batch goes on.

    ``options`` are those of :func:`newsfuse.summarize` (words, bytes, sentences, algo, order,
    truncate, query, redundancy, min_words, keep_boilerplate, no_dedup). ``query_field`` names a
    string field of each record to use as its query. With ``threads`` > 1, records are
    summarized by that many threads (the GIL is released in the C calls); the output does not
    change.
    """
    o, keep = _options(**options)
    qf = query_field.encode() if query_field else None

    def job(item: Tuple[int, bytes]) -> bytes:
        return _run(item[1], item[0], _ctx(lang, idf), o, qf)

    numbered = _numbered(lines, first_line)
    if threads <= 1:
        for item in numbered:
            yield job(item)
        return
    with ThreadPoolExecutor(max_workers=threads) as ex:
        window: Deque[Future] = deque()
        for item in numbered:
            window.append(ex.submit(job, item))
            if len(window) >= 4 * threads:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    del keep


def batch(records: Iterable[Union[Mapping[str, Any], Line]], **kwargs: Any
          ) -> Iterator[Dict[str, Any]]:
    """Summarize many clusters: each record a dict ``{"id", "documents", ...}`` or a JSON line.
    Yields one dict per record, in order: the summary object of docs/json.md, or an error record
    ``{"id"?, "line", "error"}`` (``line``: the record's 1-based position). Keyword arguments
    are those of :func:`batch_lines`."""
    def lines() -> Iterator[Line]:
        for r in records:
            yield json.dumps(r, ensure_ascii=False) if isinstance(r, Mapping) else r

    for out in batch_lines(lines(), **kwargs):
        yield json.loads(out)
