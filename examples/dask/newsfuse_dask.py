#!/usr/bin/env python3
"""Summarize a partitioned JSONL data set with Dask distributed; the merged output is
byte-identical to one-process ``newsfuse batch`` over the same records.

    python3 examples/dask/newsfuse_dask.py IN.jsonl [IN2.jsonl ...] -o OUT.jsonl \\
        [--scheduler tcp://HOST:8786 | --local N] [--partition-mb 64] [--parts-dir DIR] \\
        [--words 100 --algo auto ...]

The input is the files in the order given, read as one stream (``cat IN... | newsfuse batch -``:
each file must end with a newline, as JSONL files do). Every file is cut into byte ranges of
about --partition-mb; a range owns the lines that start inside it. Two rounds of tasks:

1. count the newlines of every range (cheap), so each range knows the number of its first line
   (error records carry the input line number, as ``newsfuse batch`` writes them);
2. summarize each range with the newsfuse Python package (libnewsfuse through ctypes) and write
   its output lines to PARTS_DIR/part-NNNNN.jsonl (written under a temporary name, then renamed).

The driver then concatenates the parts in order. A part that already exists is not redone, so a
run that died is resumed by running it again with the same --parts-dir.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any, Dict, List, Optional, Sequence, Tuple

Part = Tuple[int, str, int, int]  # (index, file, start, end)


def plan(paths: Sequence[str], partition_bytes: int) -> List[Part]:
    """Byte ranges of about partition_bytes over the files, in stream order."""
    parts: List[Part] = []
    for p in paths:
        size = os.path.getsize(p)
        start = 0
        while start < size:  # an empty file has no part
            end = min(size, start + max(1, partition_bytes))
            parts.append((len(parts), p, start, end))
            start = end
    return parts


def count_newlines(part: Part) -> int:
    """Newlines in the part's byte range (task of round 1)."""
    _, path, start, end = part
    n = 0
    with open(path, "rb") as f:
        f.seek(start)
        left = end - start
        while left > 0:
            b = f.read(min(left, 1 << 22))
            if not b:
                break
            n += b.count(b"\n")
            left -= len(b)
    return n


def _owned_lines(f: Any, start: int, end: int) -> Any:
    """The lines (with their newline) that start in [start, end)."""
    pos = start
    if start > 0:
        f.seek(start - 1)
        if f.read(1) != b"\n":  # the range begins inside a line: that line is the previous one's
            pos += len(f.readline())
    else:
        f.seek(0)
    while pos < end:
        line = f.readline()
        if not line:
            return
        yield line
        pos += len(line)


def summarize_part(part: Part, newlines_before: int, parts_dir: str,
                   options: Dict[str, Any]) -> Dict[str, Any]:
    """Round 2: summarize the lines the part owns into parts_dir/part-NNNNN.jsonl. Runs on a
    worker; the newsfuse package (and libnewsfuse.so) must be importable there."""
    import newsfuse

    k, path, start, end = part
    out_path = os.path.join(parts_dir, "part-%05d.jsonl" % k)
    if os.path.exists(out_path):  # done by an earlier run
        return {"part": k, "path": out_path, "records": None, "seconds": 0.0, "reused": True}
    t0 = time.perf_counter()
    records = 0
    tmp = "%s.tmp.%d" % (out_path, os.getpid())
    with open(path, "rb") as f, open(tmp, "wb") as out:
        first = 1 + newlines_before
        if start > 0:
            f.seek(start - 1)
            if f.read(1) != b"\n":
                first += 1  # the owned lines begin after the next newline
        for line in newsfuse.batch_lines(_owned_lines(f, start, end), first_line=first,
                                         **options):
            out.write(line)
            records += 1
    os.replace(tmp, out_path)
    return {"part": k, "path": out_path, "records": records,
            "seconds": time.perf_counter() - t0, "reused": False}


def _claim(parts_dir: str, paths: Sequence[str], partition_bytes: int,
           options: Dict[str, Any]) -> None:
    """Parts are reused only by the same run: same inputs (path, size, mtime), ranges and
    options, recorded in PARTS_DIR/run.json. Anything else is refused, not silently mixed."""
    st = [(p, os.stat(p).st_size, os.stat(p).st_mtime_ns) for p in paths]
    me = json.dumps({"inputs": st, "partition_bytes": partition_bytes, "options": options},
                    sort_keys=True)
    path = os.path.join(parts_dir, "run.json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            if f.read() != me:
                raise ValueError("%s holds the parts of another run (other inputs, partition "
                                 "size or options); remove it or give another --parts-dir"
                                 % parts_dir)
        return
    with open(path, "w", encoding="utf-8") as f:
        f.write(me)


def run(client: Any, inputs: Sequence[str], output: str, parts_dir: str,
        partition_bytes: int = 64 << 20, **options: Any) -> Dict[str, Any]:
    """Plan, count, summarize on the cluster behind client, merge into output. Returns timing
    and per-part results. options: those of newsfuse.batch_lines (words, algo, threads, ...)."""
    t0 = time.perf_counter()
    paths = [os.path.abspath(p) for p in inputs]
    parts = plan(paths, partition_bytes)
    os.makedirs(parts_dir, exist_ok=True)
    _claim(parts_dir, paths, partition_bytes, options)
    counts = client.gather(client.map(count_newlines, parts, pure=False))
    before, acc = [], 0
    for c in counts:
        before.append(acc)
        acc += c
    t1 = time.perf_counter()
    futs = client.map(summarize_part, parts, before, [parts_dir] * len(parts),
                      [options] * len(parts), pure=False)
    results = client.gather(futs)
    t2 = time.perf_counter()
    tmp = output + ".tmp"
    with open(tmp, "wb") as out:
        for r in sorted(results, key=lambda r: r["part"]):
            with open(r["path"], "rb") as f:
                while True:
                    b = f.read(1 << 22)
                    if not b:
                        break
                    out.write(b)
    os.replace(tmp, output)
    t3 = time.perf_counter()
    return {"parts": len(parts), "count_s": t1 - t0, "summarize_s": t2 - t1, "merge_s": t3 - t2,
            "total_s": t3 - t0, "results": results}


def _options(a: argparse.Namespace) -> Dict[str, Any]:
    o: Dict[str, Any] = {"algo": a.algo, "order": a.order, "truncate": a.truncate,
                         "threads": a.threads}
    for k in ("words", "bytes", "sentences", "query_field", "lang"):
        v = getattr(a, k)
        if v is not None:
            o[k] = v
    if a.idf:
        o["idf"] = os.path.abspath(a.idf)
    return o


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="JSONL files, read in this order as one stream")
    ap.add_argument("-o", "--output", required=True)
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="address of a running scheduler (tcp://HOST:8786)")
    where.add_argument("--local", type=int, default=2, metavar="N",
                       help="start a LocalCluster of N worker processes on 127.0.0.1 (default 2)")
    ap.add_argument("--partition-mb", type=float, default=64.0)
    ap.add_argument("--parts-dir", help="where the parts go (default OUTPUT.parts); on a "
                    "cluster, storage every worker and the driver can reach")
    ap.add_argument("--keep-parts", action="store_true", help="do not delete the parts")
    ap.add_argument("--words", type=int)
    ap.add_argument("--bytes", type=int)
    ap.add_argument("--sentences", type=int)
    ap.add_argument("--algo", default="auto")
    ap.add_argument("--order", default="source")
    ap.add_argument("--truncate", action="store_true")
    ap.add_argument("--query-field")
    ap.add_argument("--lang")
    ap.add_argument("--idf")
    ap.add_argument("--threads", type=int, default=1, help="threads per task (default 1)")
    a = ap.parse_args(argv)
    from dask.distributed import Client, LocalCluster

    parts_dir = a.parts_dir or a.output + ".parts"
    if a.scheduler:
        client, cluster = Client(a.scheduler), None
        client.upload_file(os.path.abspath(__file__))  # the task functions live here
    else:
        cluster = LocalCluster(n_workers=a.local, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    try:
        r = run(client, a.inputs, a.output, parts_dir, int(a.partition_mb * (1 << 20)),
                **_options(a))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    n = sum(x["records"] or 0 for x in r["results"])
    print("newsfuse_dask: %d parts, %d records, count %.2fs, summarize %.2fs, merge %.2fs"
          % (r["parts"], n, r["count_s"], r["summarize_s"], r["merge_s"]), file=sys.stderr)
    if not a.keep_parts:
        for x in r["results"]:
            os.remove(x["path"])
        try:
            os.remove(os.path.join(parts_dir, "run.json"))
            os.rmdir(parts_dir)
        except OSError:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
