#!/usr/bin/env python3
"""Throughput of examples/dask (1 and 2 worker processes of a LocalCluster on 127.0.0.1) next to
`newsfuse batch --threads 1/2` and the Python package in one process, on the same input, and
the cost of one partition. Prints a Markdown section (scripts/bench appends it to RESULTS.md).

    bench/dask_bench.py BUILD_DIR [INPUT.jsonl ...]

Without inputs: the dev sets of ../shared/data/dev concatenated (or 4,000 generated clusters when
they are absent). Times are wall-clock, best of N runs; the cluster start-up is not counted (a
cluster is started once and reused), the newline count, the tasks and the merge are.
"""
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build").resolve()
os.environ["NEWSFUSE_LIB"] = str(BUILD / "libnewsfuse.so")
sys.path[:0] = [str(ROOT / "bindings" / "python"), str(ROOT / "examples" / "dask")]
os.environ["PYTHONPATH"] = os.pathsep.join(sys.path[:2] + [os.environ.get("PYTHONPATH", "")])

import newsfuse  # noqa: E402
import newsfuse_dask  # noqa: E402
from dask.distributed import Client, LocalCluster  # noqa: E402

NF = str(BUILD / "newsfuse")
RUNS = int(os.environ.get("RUNS", "3"))
OPTS = {"words": 100}


def cpu_self_children():
    a = resource.getrusage(resource.RUSAGE_SELF)
    b = resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def fresh_thread(f):
    """Run f in a new thread: a new nf_ctx (the contexts are per thread), so its caches start
    cold, as in a new `newsfuse batch` process."""
    def g():
        t = threading.Thread(target=f)
        t.start()
        t.join()
    return g


def best(f, client=None):
    """(wall, cpu) of the fastest of RUNS runs; cpu: this process, its children and, with a
    client, the worker processes (the LocalCluster's scheduler runs in this process). With a
    client, the workers are restarted before each run (new processes, cold contexts)."""
    out = []
    for _ in range(RUNS):
        if client:
            client.restart()
        w0 = client.run(time.process_time) if client else {}
        c0 = cpu_self_children()
        t0 = time.perf_counter()
        f()
        t = time.perf_counter() - t0
        c = cpu_self_children() - c0
        if client:
            w1 = client.run(time.process_time)
            c += sum(w1[k] - w0[k] for k in w1)
        out.append((t, c))
    return min(out)


def main():
    tmp = Path(tempfile.mkdtemp(prefix="nfdask"))
    src = sys.argv[2:]
    dev = ROOT.parent / "shared" / "data" / "dev"
    inp = tmp / "in.jsonl"
    if src:
        what = ", ".join(src)
        inp.write_bytes(b"".join(Path(p).read_bytes() for p in src))
    elif (dev / "duc2006.jsonl").is_file():
        names = ["duc2006.jsonl", "duc2007.jsonl", "duc2007-update.jsonl", "multi-news-val.jsonl"]
        what = "the dev sets (" + " + ".join(names) + ", concatenated)"
        inp.write_bytes(b"".join((dev / n).read_bytes() for n in names if (dev / n).is_file()))
    else:
        what = "4,000 generated clusters (scripts/gen-clusters 4000 1)"
        inp.write_bytes(subprocess.run([str(ROOT / "scripts" / "gen-clusters"), "4000", "1"],
                                       capture_output=True, check=True).stdout)
    size = inp.stat().st_size
    nrec = sum(1 for ln in inp.read_bytes().split(b"\n") if ln.strip())
    ref = tmp / "ref.jsonl"
    rows = []
    for th in (1, 2):
        t = best(lambda: subprocess.run([NF, "batch", "--threads", str(th), "--words", "100",
                                         str(inp), "-o", str(ref)], check=True,
                                        stderr=subprocess.DEVNULL))
        rows.append(("`newsfuse batch --threads %d`" % th, t))
    want = ref.read_bytes()

    def py_one():
        with open(inp, "rb") as f, open(tmp / "py.jsonl", "wb") as o:
            for line in newsfuse.batch_lines(f, **OPTS):
                o.write(line)

    def py_two():
        with open(inp, "rb") as f, open(tmp / "py2.jsonl", "wb") as o:
            for line in newsfuse.batch_lines(f, threads=2, **OPTS):
                o.write(line)

    warm = best(py_one)  # this thread's context stays: its caches are warm after the first run
    rows.append(("Python `newsfuse.batch_lines`, one thread", best(fresh_thread(py_one))))
    assert (tmp / "py.jsonl").read_bytes() == want
    rows.append(("Python `newsfuse.batch_lines(threads=2)`, one process",
                 best(fresh_thread(py_two))))
    assert (tmp / "py2.jsonl").read_bytes() == want
    part_mb = max(1, size // (1 << 20) // 8) if size > 8 << 20 else 0.5
    part_bytes = int(part_mb * (1 << 20))
    over = None
    counter = [0]
    for workers in (1, 2):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)

        def run(pb):
            counter[0] += 1
            r = newsfuse_dask.run(client, [str(inp)], str(tmp / "d.jsonl"),
                                  str(tmp / ("parts%d" % counter[0])), pb, **OPTS)
            assert (tmp / "d.jsonl").read_bytes() == want, "Dask output differs"
            return r

        parts = run(part_bytes)["parts"]
        t = best(lambda: run(part_bytes), client)
        rows.append(("Dask, %d worker process%s, %d partitions" % (workers, "es" if workers > 1
                                                                  else "", parts), t))
        if workers == 1:  # the cost of a partition: many small ones against a few big ones
            small = max(1, size // 200)
            nsmall = run(small)["parts"]
            ts = best(lambda: run(small), client)
            over = (ts, t, nsmall, parts)
            noop = best(lambda: client.gather(client.map(lambda x: x, range(200), pure=False)))[0]
        client.close()
        cluster.close()
    print("## Dask distributed and the Python package")
    print()
    print("Input: %s: %.1f MB, %d records, `--words 100`; best of %d runs, wall-clock; %d cores, "
          "load average %.1f when it started. Every Dask and Python output was checked "
          "byte-identical to `newsfuse batch`'s." % (what, size / 1e6, nrec, RUNS,
                                                     os.cpu_count() or 0, os.getloadavg()[0]))
    print()
    print("| run | wall s | records/s | MB/s | CPU s (all processes) |")
    print("|---|---|---|---|---|")
    for name, (t, c) in rows:
        print("| %s | %.3f | %.0f | %.2f | %.2f |" % (name, t, nrec / t, size / 1e6 / t, c))
    print()
    ts, tb, nsmall, nbig = over
    d = max(1, nsmall - nbig)
    print("Cost of a partition (1 worker, same input): %d partitions took %.3f s wall / %.2f s CPU, "
          "%d took %.3f s / %.2f s: %.1f ms wall and %.1f ms CPU per extra partition (newline "
          "count, two tasks, a part file, the merge). A round trip of 200 empty tasks: %.1f ms "
          "per task." % (nbig, tb[0], tb[1], nsmall, ts[0], ts[1], (ts[0] - tb[0]) / d * 1000,
                         (ts[1] - tb[1]) / d * 1000, noop / 200 * 1000))
    print()
    print("Every run starts with cold contexts (a new process, thread or worker). A context kept "
          "across runs, as a long-lived worker keeps it, is faster: Python, one thread, warm: "
          "%.3f s wall, %.2f s CPU." % warm)
    print()
    print("Reproduce: `bench/dask_bench.py build` (RUNS=N for more runs).")


if __name__ == "__main__":
    main()
