"""ROUGE with ROUGE-1.5.5's semantics (docs/rouge.md), through nf_rouge_*."""

from __future__ import annotations

import ctypes
import json
from typing import Any, Dict, Iterable, Optional, Sequence, Tuple

from . import _check, _lib
from ._lib import LIB

_COUNT = {"sentence": 0, "token": 1, "raw": 2}


def _spl(t: str) -> bytes:
    return t.encode()


def rouge_corpus(evaluations: Iterable[Tuple[str, str, Sequence[str]]], *, n: int = 2,
                 stem: bool = False, stopwords: bool = False, skip: Optional[int] = None,
                 skip_unigram: bool = False, lcs: bool = True, word_limit: int = 0,
                 byte_limit: int = 0, best_model: bool = False, alpha: float = 0.5,
                 weight: float = 0.0, count: str = "sentence", confidence: float = 95.0,
                 resamples: int = 1000, per_eval: bool = False,
                 peer_id: Optional[str] = None) -> Dict[str, Any]:
    """Score a system over many evaluations: each ``(id, summary, [reference, ...])``, texts in
    "sentence per line" form. Returns the JSON object of docs/rouge.md (``peer``, ``options``,
    ``metrics`` with ``average``, ``mean``, ``totals`` and, with ``per_eval``, ``per_eval``).

    The keywords are ROUGE-1.5.5's options: ``n`` (-n; ROUGE-1..n), ``stem`` (-m), ``stopwords``
    (-s), ``skip`` (-2 distance; -1 unlimited) with ``skip_unigram`` (-u), ``lcs=False`` (-x),
    ``word_limit`` (-l), ``byte_limit`` (-b), ``best_model`` (-f B), ``alpha`` (-p), ``weight``
    (-w), ``count`` "sentence"/"token"/"raw" (-t 0/1/2), ``confidence`` (-c), ``resamples``
    (-r). Invalid UTF-8 or bad options raise :class:`newsfuse.NewsfuseError`.
    """
    o = _lib.RougeOptions()
    LIB.nf_rouge_options_init_size(ctypes.byref(o), ctypes.sizeof(o))
    o.max_n = n
    if stem:
        o.flags |= 1
    if stopwords:
        o.flags |= 2
    if skip is not None:
        o.flags |= 4 | (8 if skip_unigram else 0)
        o.skip_distance = skip
    if not lcs:
        o.flags |= 32
    o.word_limit, o.byte_limit = word_limit, byte_limit
    o.scoring = 1 if best_model else 0
    o.alpha, o.weight, o.confidence, o.resamples = alpha, weight, confidence, resamples
    if count not in _COUNT:
        raise ValueError("count must be 'sentence', 'token' or 'raw'")
    o.count = _COUNT[count]
    pid = peer_id.encode() if peer_id is not None else None
    o.peer_id = pid
    err = _lib.Error()
    r = ctypes.c_void_p()
    _check(LIB.nf_rouge_new(ctypes.byref(o), None, ctypes.byref(r), ctypes.byref(err)), err)
    try:
        for ident, peer, refs in evaluations:
            p = _spl(peer)
            models = (_lib.RougeText * max(1, len(refs)))()
            keep = []
            for k, ref in enumerate(refs):
                b = _spl(ref)
                keep.append(b)
                models[k] = _lib.RougeText(chr(ord("A") + k % 26).encode(), b, len(b))
            _check(LIB.nf_rouge_add(r, str(ident).encode(), p, len(p), models, len(refs),
                                    ctypes.byref(err)), err)
        out = ctypes.c_void_p()
        size = ctypes.c_size_t()
        _check(LIB.nf_rouge_render(r, 1, 1 if per_eval else 0, ctypes.byref(out),
                                   ctypes.byref(size), ctypes.byref(err)), err)
        text = ctypes.string_at(out, size.value)
        LIB.nf_rouge_string_free(r, out)
    finally:
        LIB.nf_rouge_free(r)
    return json.loads(text)


def rouge(summary: str, references: Sequence[str], **options: Any) -> Dict[str, Any]:
    """Score one summary against its references (one sentence per line); the keywords are those
    of :func:`rouge_corpus`. ``result["metrics"][i]["mean"]["f"]`` is the F score of metric i
    for this summary."""
    return rouge_corpus([("1", summary, references)], **options)
