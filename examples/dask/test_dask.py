"""examples/dask under `make check`: a LocalCluster of 2 worker processes on 127.0.0.1 runs
newsfuse_dask over partitioned JSONL; the merged file must be byte-identical to one-process
`newsfuse batch` over the same records. NEWSFUSE_CLI, NEWSFUSE_SRC and NEWSFUSE_SHARED are set
by tests/cli/dask.sh."""
import os
import subprocess
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="Debian python3-distributed is missing")

import newsfuse_dask  # noqa: E402

SRC = Path(os.environ.get("NEWSFUSE_SRC", Path(__file__).resolve().parents[2]))
CLI = os.environ.get("NEWSFUSE_CLI", str(SRC / "build" / "newsfuse"))
SHARED = Path(os.environ.get("NEWSFUSE_SHARED", SRC.parent / "shared"))


@pytest.fixture(scope="module")
def client():
    # the spawned workers inherit the environment: the package, this module, the library
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def reference(tmp_path, files, args):
    data = b"".join(Path(f).read_bytes() for f in files)
    r = subprocess.run([CLI, "batch", *args, "-", "-o", "-"], input=data, capture_output=True,
                       check=False)
    assert r.returncode in (0, 3), r.stderr
    return r.stdout


def test_generated_set_identical(client, tmp_path):
    files = []
    for seed in (1, 2, 3):
        f = tmp_path / ("in%d.jsonl" % seed)
        f.write_bytes(subprocess.run([str(SRC / "scripts" / "gen-clusters"), "200", str(seed),
                                      "--bad"], capture_output=True, check=True).stdout)
        files.append(str(f))
    want = reference(tmp_path, files, ["--words", "80", "--query-field", "topic_title"])
    assert b'"error"' in want  # error records and their line numbers are part of the check
    out = tmp_path / "out.jsonl"
    # 60 KB ranges: most start and end inside a line
    r = newsfuse_dask.run(client, files, str(out), str(tmp_path / "parts"), 60_000, words=80,
                          query_field="topic_title")
    assert r["parts"] > 6
    assert out.read_bytes() == want
    # a run that died: the parts that exist are kept, the missing one is redone
    os.remove(r["results"][3]["path"])
    out.unlink()
    r2 = newsfuse_dask.run(client, files, str(out), str(tmp_path / "parts"), 60_000, words=80,
                           query_field="topic_title")
    assert [x["reused"] for x in r2["results"]].count(False) == 1
    assert out.read_bytes() == want
    # parts of other options are not mixed in
    with pytest.raises(ValueError, match="another run"):
        newsfuse_dask.run(client, files, str(out), str(tmp_path / "parts"), 60_000, words=81,
                          query_field="topic_title")


def test_dev_set_identical(client, tmp_path):
    dev = SHARED / "data" / "dev" / "duc2007.jsonl"
    if not dev.is_file():
        pytest.skip("%s is absent (../shared not mounted)" % dev)
    want = reference(tmp_path, [dev], ["--words", "250"])
    out = tmp_path / "dev.jsonl"
    r = newsfuse_dask.run(client, [str(dev)], str(out), str(tmp_path / "parts"), 256 << 10,
                          words=250)
    assert r["parts"] >= 4
    assert out.read_bytes() == want
