"""Tests of the newsfuse Python package against the CLI of the same build.

NEWSFUSE_CLI names the `newsfuse` program (default: build/newsfuse of this source tree);
NEWSFUSE_SRC the source tree (for scripts/gen-clusters and examples/).
"""
import ctypes
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import newsfuse

SRC = Path(os.environ.get("NEWSFUSE_SRC", Path(__file__).resolve().parents[3]))
CLI = os.environ.get("NEWSFUSE_CLI", str(SRC / "build" / "newsfuse"))

DAM = [
    {"text": "The Varrow dam held on Sunday after three days of rain, officials said. About 200 "
             "people were evacuated from the valley below it, the county police said on Sunday.\n\n"
             "\"We were lucky this time, the wall held,\" Mayor Essel Kade told reporters at the "
             "spillway.",
     "source": "Valley Post", "date": "2025-03-02"},
    {"text": "Engineers inspected the Varrow dam on Monday and found no cracks. The river fell by a "
             "metre overnight, the water board said, and most of the 250 evacuated residents began "
             "to return home.", "source": "Newswire"},
    "Rain stopped over Varrow on Monday. The county said 250 people had left their homes and "
    "that schools in the valley would reopen on Wednesday.",
]


def run_cli(*args, stdin=None):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, check=False)


def gen(n, seed, bad=True):
    args = [str(SRC / "scripts" / "gen-clusters"), str(n), str(seed)] + (["--bad"] if bad else [])
    return subprocess.run(args, capture_output=True, check=True).stdout


def test_version_and_library():
    assert newsfuse.version() == "0.1.0"
    assert "libnewsfuse" in newsfuse.library_path()


def test_summarize_spans_are_verbatim():
    s = newsfuse.summarize({"id": "dam", "documents": DAM}, words=40)
    assert s["id"] == "dam" and s["schema"] == 1
    assert s["sentences"], "an empty summary"
    assert sum(x["words"] for x in s["sentences"]) <= 40
    texts = [d if isinstance(d, str) else d["text"] for d in DAM]
    for x in s["sentences"]:
        doc = texts[x["doc"]].encode()
        assert doc[x["start"]:x["end"]].decode() == x["text"]


def test_summarize_equals_cli_json(tmp_path):
    rec = {"id": "dam", "documents": DAM}
    f = tmp_path / "dam.json"
    f.write_text(json.dumps(rec))
    for opts, args in (({"words": 30}, ["--words", "30"]),
                       ({"bytes": 200, "truncate": True, "algo": "lexrank"},
                        ["--bytes", "200", "--truncate", "--algo", "lexrank"]),
                       ({"sentences": 2, "order": "rank", "query": "evacuated residents"},
                        ["--sentences", "2", "--order", "rank", "--query", "evacuated residents"])):
        r = run_cli("summarize", "--format", "json", *args, str(f))
        assert r.returncode == 0, r.stderr
        assert newsfuse.summarize(rec, **opts) == json.loads(r.stdout)


def test_brief_equals_cli(tmp_path):
    rec = {"id": "dam", "documents": DAM}
    f = tmp_path / "dam.json"
    f.write_text(json.dumps(rec))
    r = run_cli("brief", "--format", "json", str(f))
    assert r.returncode == 0, r.stderr
    b = newsfuse.brief(rec)
    assert b == json.loads(r.stdout)
    assert any(q["speaker"] == "Essel Kade" for q in b["brief"]["quotes"])
    s = newsfuse.summarize(rec, brief=True)
    assert s["brief"] == b["brief"] and s["sentences"]


def test_errors_raise():
    with pytest.raises(newsfuse.NewsfuseError) as e:
        newsfuse.summarize({"id": "x", "documents": []})
    assert e.value.code == 4 and "empty" in e.value.message
    with pytest.raises(newsfuse.NewsfuseError) as e:
        newsfuse.summarize(["   "])
    with pytest.raises(ValueError):
        newsfuse.summarize(DAM, algo="nonesuch")
    with pytest.raises(ValueError):
        newsfuse.summarize(DAM, words=10, bytes=10)
    with pytest.raises(TypeError):
        newsfuse.summarize("one string")
    with pytest.raises(newsfuse.NewsfuseError):
        newsfuse.summarize(DAM, lang="klingon")


@pytest.mark.parametrize("threads", [1, 3])
def test_batch_lines_byte_identical_to_cli(tmp_path, threads):
    data = gen(150, 5)
    # a record whose id is not UTF-8 and one with a control character, cut and broken
    data += b'{"id": "b\xffad", "documents": [\n{"id": "c\\u001bd", "documents": []}\n\n[1]\n'
    f = tmp_path / "in.jsonl"
    f.write_bytes(data)
    r = run_cli("batch", "--words", "50", "--query-field", "topic_title", str(f), "-o", "-")
    assert r.returncode == 3  # some records fail
    got = b"".join(newsfuse.batch_lines(data.splitlines(keepends=True), words=50,
                                        query_field="topic_title", threads=threads))
    assert got == r.stdout
    assert b'"line":' in got


def test_batch_dicts_and_error_records():
    recs = [{"id": "a", "documents": DAM}, '{"id": "b", "documents": [', {"id": "c",
            "documents": DAM[:1]}]
    out = list(newsfuse.batch(recs, words=30, threads=2))
    assert [o.get("id") for o in out] == ["a", "b", "c"]
    assert out[1]["line"] == 2 and "error" in out[1]
    assert out[0]["sentences"] and out[2]["sentences"]


def test_calls_release_the_gil():
    # CDLL functions drop the GIL around the call (PyDLL ones keep it)
    assert type(newsfuse._lib.LIB) is ctypes.CDLL


def test_threads_give_the_serial_results():
    recs = [{"id": str(i), "documents": DAM[i % 3:] + DAM[:i % 3]} for i in range(12)]
    serial = [newsfuse.summarize(r, words=35) for r in recs]
    got = [None] * len(recs)

    def work(k):
        for i in range(k, len(recs), 4):
            got[i] = newsfuse.summarize(recs[i], words=35)

    ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert got == serial


def test_rouge():
    r = newsfuse.rouge("the cat sat on the mat\n", ["the cat was on the mat\n"], n=2)
    m = {x["metric"]: x for x in r["metrics"]}
    assert m["ROUGE-1"]["mean"]["r"] == pytest.approx(5 / 6, abs=1e-5)
    assert m["ROUGE-2"]["mean"]["r"] == pytest.approx(3 / 5, abs=1e-5)
    same = newsfuse.rouge("a b c d\n", ["a b c d\n"], n=1)
    assert same["metrics"][0]["mean"]["f"] == 1.0
    many = newsfuse.rouge_corpus([("1", "a b\n", ["a b\n"]), ("2", "c d\n", ["e f\n"])], n=1,
                                 per_eval=True)
    assert many["metrics"][0]["mean"]["r"] == 0.5
    with pytest.raises(newsfuse.NewsfuseError) as e:
        newsfuse.rouge("ok\n", ["x\n"], alpha=2.0)
    assert e.value.code == 2


def test_library_lookup_order(tmp_path):
    env = dict(os.environ, NEWSFUSE_LIB=str(tmp_path / "nowhere" / "libnewsfuse.so"),
               PYTHONPATH=str(Path(newsfuse.__file__).resolve().parent.parent))
    code = "import newsfuse._lib as l; print(l.candidates()[0])"
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                       cwd=tmp_path, check=False)
    # the env var comes first; it does not exist, so the next candidate is loaded
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(tmp_path / "nowhere" / "libnewsfuse.so")


def test_cluster_matches_cli(tmp_path):
    feed = SRC / "tests" / "fixtures" / "stream" / "feed.jsonl"
    if not feed.exists():
        pytest.skip("tests/fixtures/stream/feed.jsonl is absent")
    arts = [json.loads(l) for l in feed.read_text().splitlines() if l.strip()]
    r = run_cli("cluster", str(feed))
    assert r.returncode == 0, r.stderr
    cli = [json.loads(l) for l in r.stdout.splitlines()]
    py = newsfuse.cluster(arts)
    assert [d["story"] for d in py] == [d["story"] for d in cli]
    assert [d["id"] for d in py] == [d["id"] for d in cli]
    # stories are decided on arrival: a prefix of the stream gets the same answers
    assert newsfuse.cluster(arts[:5]) == py[:5]
    bad = newsfuse.cluster([{"id": "x", "title": "no text"}] + arts[:2])
    assert "error" in bad[0] and bad[1]["story"] == py[0]["story"]
